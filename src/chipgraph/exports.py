"""Exports of the whole store (deterministic bytes).

RDF formats come from the store itself; GraphML and GEXF are the entity graph of
:mod:`chipgraph.analytics` (evidence folded into attributes) for Gephi and other tools.
"""
from __future__ import annotations

from .errors import StoreError

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
GRAPH_FORMATS = ("graphml", "gexf")


def export(store, fmt: str, *, include_ontology: bool = False) -> bytes:
    if fmt in RDF_FORMATS:
        return store.export(fmt, include_ontology=include_ontology)
    if fmt in GRAPH_FORMATS:
        from .analytics import build_graph, serialize_graph

        return serialize_graph(build_graph(store), fmt)
    raise StoreError(f"unknown export format {fmt!r}; use one of "
                     f"{', '.join(RDF_FORMATS + GRAPH_FORMATS)}")
