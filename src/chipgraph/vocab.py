"""Namespaces and terms, read once from ``ontology/chipgraph.ttl``.

The ontology file is the single source of class and property IRIs: ``CG.Company`` exists
only because the ontology defines ``:Company``; a misspelt term raises at import time of
the caller rather than minting a new IRI.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS, XSD, ClosedNamespace

SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_IRI = URIRef("https://w3id.org/chipgraph/ontology")
_NS = str(ONTOLOGY_IRI) + "#"

__all__ = [
    "CG", "SCHEMA", "DCTERMS", "PROV", "RDF", "RDFS", "SKOS", "XSD", "OWL",
    "ONTOLOGY_IRI", "ontology_dir", "ontology_graph", "shapes_graph",
    "entity_classes", "relation_properties",
]


def ontology_dir() -> Path:
    """The folder with chipgraph.ttl and shapes.ttl: packaged copy, else the repo's."""
    packaged = resources.files("chipgraph") / "ontology"
    if packaged.is_dir() and (packaged / "chipgraph.ttl").is_file():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[2] / "ontology"
    if (repo / "chipgraph.ttl").is_file():
        return repo
    raise FileNotFoundError("chipgraph ontology not found (looked in the package and the repo)")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "chipgraph.ttl", format="turtle")
    return g


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "shapes.ttl", format="turtle")
    return g


def _terms() -> list[str]:
    g = ontology_graph()
    out = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(_NS):
                out.add(str(s)[len(_NS):])
    return sorted(out)


CG = ClosedNamespace(_NS, _terms())


def entity_classes() -> tuple[str, ...]:
    """Local names of the eight core entity classes, in ontology order of definition."""
    from .model import ENTITY_TYPES

    for t in ENTITY_TYPES:
        CG[t]  # each must exist in the ontology
    return ENTITY_TYPES


def relation_properties() -> tuple[str, ...]:
    from .model import PREDICATES

    for p in PREDICATES:
        CG[p]
    return PREDICATES
