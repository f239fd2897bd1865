"""The answers: each kind of result the executor returns, written in the type a client asked for.

The executor sends solutions as SPARQL JSON, a boolean as ``true``/``false``, a graph as
N-Triples and a dataset as N-Quads; one function per kind turns that into the chosen type.
"""
from __future__ import annotations

import json

import pyoxigraph as ox

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
}
DATASET_TYPES = {
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _term(t.subject), "predicate": _term(t.predicate),
                                            "object": _term(t.object)}}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != _XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def solutions_json(variables: list[str], rows) -> bytes:
    """SPARQL 1.1 JSON results for ``rows`` (pyoxigraph solutions) over ``variables``."""
    bindings = []
    for row in rows:
        b = {}
        for v in variables:
            value = row[v]
            if value is not None:
                b[v] = _term(value)
        bindings.append(b)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _with_charset(media: str) -> str:
    return media + "; charset=utf-8" if media.startswith("text/") else media


def solutions(data: bytes, media: str) -> tuple[str, bytes]:
    fmt = RESULT_TYPES[media]
    if fmt == ox.QueryResultsFormat.JSON:
        return media, data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return _with_charset(media), parsed.serialize(format=fmt)


def boolean(data: bytes, media: str) -> tuple[str, bytes]:
    value = ox.parse_query_results(b'{"head":{},"boolean":%s}' % data, format=ox.QueryResultsFormat.JSON)
    return _with_charset(media), value.serialize(format=RESULT_TYPES[media])


def _prefixes() -> dict[str, str]:
    from ..rdf import PREFIXES

    return dict(PREFIXES)


def graph(data: bytes, media: str) -> tuple[str, bytes]:
    fmt = GRAPH_TYPES[media]
    if fmt == ox.RdfFormat.N_TRIPLES:
        return media, data
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    prefixes = _prefixes() if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N3) else None
    return media, ox.serialize(triples, format=fmt, prefixes=prefixes)


def dataset(data: bytes, media: str) -> tuple[str, bytes]:
    fmt = DATASET_TYPES[media]
    if fmt == ox.RdfFormat.N_QUADS:
        return media, data
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    return media, ox.serialize(quads, format=fmt, prefixes=_prefixes())


#: result kind -> (acceptable media types, writer)
WRITERS = {"solutions": (RESULT_TYPES, solutions), "boolean": (RESULT_TYPES, boolean),
           "graph": (GRAPH_TYPES, graph), "quads": (DATASET_TYPES, dataset)}
