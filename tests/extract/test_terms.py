"""Entity types and predicates come from the ontology; extraction imports no rdflib."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chipgraph import vocab
from chipgraph.extract.terms import P, T, ontology_terms


def test_terms_file_matches_the_ontology():
    assert ontology_terms() == json.loads(json.dumps(vocab.derive_terms()))


def test_terms_file_changes_when_the_ontology_does():
    from rdflib import RDF, RDFS, Graph, Literal, URIRef

    g = Graph()
    for t in vocab.ontology_graph():
        g.add(t)
    ns = ontology_terms()["namespace"]
    g.add((URIRef(ns + "Satellite"), RDF.type, vocab.OWL.Class))
    g.add((URIRef(ns + "Satellite"), RDFS.subClassOf, URIRef(ns + "Entity")))
    g.add((URIRef(ns + "Satellite"), RDFS.label, Literal("Satellite", lang="en")))
    derived = vocab.derive_terms(g)
    assert "Satellite" in derived["entity_types"] and derived != ontology_terms()


def test_terms_core_types_and_predicates():
    assert tuple(T) == vocab.entity_classes() and len(tuple(T)) == 8
    assert tuple(P) == vocab.relation_properties() and len(tuple(P)) == 8
    assert T.GovernmentBody == "GovernmentBody" and P.basedIn == "basedIn"
    assert vocab.labels()["AIModel"] == "AI model"


def test_terms_unknown_name_raises():
    with pytest.raises(AttributeError, match="ontology defines no"):
        T.Satellite  # noqa: B018
    with pytest.raises(AttributeError):
        P.sellsTo  # noqa: B018


def test_terms_model_constants_come_from_the_ontology():
    from chipgraph.model import ENTITY_TYPES, PREDICATES

    assert ENTITY_TYPES == vocab.entity_classes() and PREDICATES == vocab.relation_properties()


def test_terms_extraction_imports_no_rdflib_and_import_does_no_work():
    code = ("import sys, time; t = time.perf_counter(); import chipgraph.extract.pipeline, chipgraph.model; "
            "from chipgraph.extract import extract; from chipgraph.model import Document; "
            "loaded = sys.modules['chipgraph.extract.terms'].ontology_terms.cache_info().currsize; "
            "extract(Document('a', 'Nvidia sells H20 chips in China.')); "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'networkx') if m in sys.modules), loaded)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "0"]
