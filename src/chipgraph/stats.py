"""Counts over the store: documents, entities by class, relations by predicate, quotes."""
from __future__ import annotations

from .model import ENTITY_TYPES, PREDICATES
from .vocab import CG

_CLASS_COUNTS = """
SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?cls . ?cls rdfs:subClassOf* cg:Entity }
GROUP BY ?cls
"""
_PRED_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE {
  SELECT DISTINCT ?s ?p ?o WHERE { ?a a cg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
} GROUP BY ?p
"""
# ``%s`` is a class IRI from the ontology (chipgraph.vocab), never input text.  An aggregate
# without GROUP BY always gives one row, also on endpoints that take bindings as VALUES.
_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <%s> }"


def graph_stats(store) -> dict:
    """Counts as plain values (works on any store with ``query``)."""
    by_class = {t: 0 for t in ENTITY_TYPES}
    for row in store.query(_CLASS_COUNTS):
        local = str(row["cls"]).rsplit("#", 1)[-1]
        if local in by_class:
            by_class[local] = int(row["n"])
    by_pred = {p: 0 for p in PREDICATES}
    for row in store.query(_PRED_COUNTS):
        local = str(row["p"]).rsplit("#", 1)[-1]
        if local in by_pred:
            by_pred[local] = int(row["n"])

    def count(cls) -> int:
        return int(store.query(_COUNT % cls).rows[0]["n"])

    return {
        "documents": count(CG.Document),
        "entities": _entities(store),
        "entities_by_class": by_class,
        "relations": sum(by_pred.values()),
        "relations_by_predicate": by_pred,
        "quotes": count(CG.Quote),
        "triples": len(store),
    }


def _entities(store) -> int:
    q = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?cls . ?cls rdfs:subClassOf* cg:Entity }"
    return int(next(iter(store.query(q)))["n"])
