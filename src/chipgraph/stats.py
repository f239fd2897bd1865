"""Counts over the store: documents, entities by class, relations by predicate, quotes."""
from __future__ import annotations

from .model import ENTITY_TYPES, PREDICATES
from .sparql import internal_query
from .vocab import CG


def graph_stats(store) -> dict:
    """Counts as plain values (works on any store with ``query``)."""
    by_class = {t: 0 for t in ENTITY_TYPES}
    for row in store.query(internal_query("class_counts")):
        local = str(row["cls"]).rsplit("#", 1)[-1]
        if local in by_class:
            by_class[local] = int(row["n"])
    by_pred = {p: 0 for p in PREDICATES}
    for row in store.query(internal_query("predicate_counts")):
        local = str(row["p"]).rsplit("#", 1)[-1]
        if local in by_pred:
            by_pred[local] = int(row["n"])

    def count(cls) -> int:
        rows = store.query(internal_query("instances"), {"cls": cls}).rows
        return int(rows[0]["n"]) if rows else 0

    return {
        "documents": count(CG.Document),
        "entities": int(store.query(internal_query("entities")).rows[0]["n"]),
        "entities_by_class": by_class,
        "relations": sum(by_pred.values()),
        "relations_by_predicate": by_pred,
        "quotes": count(CG.Quote),
        "triples": len(store),
    }
