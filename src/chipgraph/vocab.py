"""Namespaces and terms of ``ontology/chipgraph.ttl``.

The ontology file is the single source of class and property IRIs and of their labels:
``CG.Company`` exists only because the ontology defines ``:Company``; a misspelt term raises
rather than minting a new IRI.

Reading the Turtle with rdflib costs about 100 ms, so the terms that code needs at run time
(every local name, the eight core classes, the eight relation predicates, their labels) are
kept in a small derived file, ``extract/data/ontology.json``, which extraction reads without
rdflib.  :func:`derive_terms` computes that file's content from the ontology graph, and a test
checks that the two agree; after editing the ontology, regenerate it with
``python -m chipgraph.vocab``.  Nothing is read at import time: ``CG`` is built on first use.
"""
from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS, XSD, ClosedNamespace

SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_IRI = URIRef("https://w3id.org/chipgraph/ontology")
_NS = str(ONTOLOGY_IRI) + "#"
TERMS_FILE = "ontology.json"  # in chipgraph/extract/data/

__all__ = [
    "CG", "SCHEMA", "DCTERMS", "PROV", "RDF", "RDFS", "SKOS", "XSD", "OWL",
    "ONTOLOGY_IRI", "ontology_dir", "ontology_graph", "shapes_graph",
    "entity_classes", "relation_properties", "labels", "terms", "derive_terms", "terms_path",
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


def terms_path() -> Path:
    return Path(str(resources.files("chipgraph") / "extract" / "data" / TERMS_FILE))


@cache
def terms() -> dict[str, Any]:
    """The derived terms file (see the module docstring), read once."""
    return json.loads(terms_path().read_text(encoding="utf-8"))


def _local(node) -> str | None:
    s = str(node)
    return s[len(_NS):] if isinstance(node, URIRef) and s.startswith(_NS) else None


def derive_terms(graph: Graph | None = None, turtle: str | None = None) -> dict[str, Any]:
    """The content of ``extract/data/ontology.json``, from the ontology graph.

    Core classes: the subclasses of ``:Entity`` (directly or through ``:Agent``) other than
    ``:Agent``.  Relation predicates: object properties whose range is a core class or
    ``:Agent`` and whose domain, if any, is a core class.  Both in the order the Turtle file
    defines them."""
    g = graph if graph is not None else ontology_graph()
    text = turtle if turtle is not None else (ontology_dir() / "chipgraph.ttl").read_text(encoding="utf-8")
    CGN = Namespace(_NS)
    everything = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in g.subjects(RDF.type, kind):
            if _local(s):
                everything.add(_local(s))
    order = {m.group(1): m.start() for m in re.finditer(r"^:(\w+)\s+a\s", text, re.M)}
    tops = {CGN.Entity, CGN.Agent}
    core = [_local(c) for c in g.subjects(RDF.type, OWL.Class)
            if c not in tops and _local(c) and set(g.objects(c, RDFS.subClassOf)) & tops]
    core_nodes = {CGN[c] for c in core}
    preds = []
    for p in g.subjects(RDF.type, OWL.ObjectProperty):
        rng, dom = set(g.objects(p, RDFS.range)), set(g.objects(p, RDFS.domain))
        if rng and rng <= core_nodes | {CGN.Agent} and dom <= core_nodes:
            preds.append(_local(p))
    by_order = lambda names: sorted(names, key=lambda n: order.get(n, len(text)))  # noqa: E731
    core, preds = by_order(core), by_order(preds)
    lab = {}
    for n in core + preds:
        for o in g.objects(CGN[n], RDFS.label):
            if getattr(o, "language", None) in (None, "en"):
                lab[n] = str(o)
    return {
        "$comment": "Derived from ontology/chipgraph.ttl by chipgraph.vocab.derive_terms (python -m "
                    "chipgraph.vocab); do not edit by hand. Extraction reads it without rdflib: the core "
                    "entity classes, the relation predicates, their labels and every term of the ontology.",
        "namespace": _NS,
        "entity_types": core,
        "predicates": preds,
        "labels": lab,
        "terms": sorted(everything),
    }


def entity_classes() -> tuple[str, ...]:
    """Local names of the eight core entity classes, in the ontology's order of definition."""
    return tuple(terms()["entity_types"])


def relation_properties() -> tuple[str, ...]:
    """Local names of the eight relation predicates, in the ontology's order of definition."""
    return tuple(terms()["predicates"])


def labels() -> dict[str, str]:
    """English labels of the core classes and predicates (``"GovernmentBody"`` -> ``"Government body"``)."""
    return dict(terms()["labels"])


@cache
def _cg() -> ClosedNamespace:
    return ClosedNamespace(_NS, terms()["terms"])


def __getattr__(name: str):
    if name == "CG":
        return _cg()
    raise AttributeError(f"module 'chipgraph.vocab' has no attribute {name!r}")


def write_terms(path: Path | None = None) -> Path:
    """Regenerate the derived terms file from the ontology."""
    path = path or terms_path()
    path.write_text(json.dumps(derive_terms(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m chipgraph.vocab
    write_terms()
