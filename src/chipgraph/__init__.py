"""chipgraph: a knowledge graph of AI-chip policy with evidence for every fact.

The public API, importable from the package (loaded lazily, so ``import chipgraph`` stays
cheap)::

    from chipgraph import read_file, extract_document, Store, ingest, saved_query, build_graph

(The extractor itself is ``chipgraph.extract.extract``; a name of the package cannot be both
that subpackage and a function.)

Data flows one way: documents -> extraction -> RDF -> store -> queries, analytics, views.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # values
    "Document": "model", "Extraction": "model", "Entity": "model", "Relation": "model",
    "Quote": "model", "Evidence": "model", "Sentence": "model", "Mention": "model",
    "ENTITY_TYPES": "model", "PREDICATES": "model",
    # errors
    "ChipgraphError": "errors", "InputError": "errors", "ExtractionError": "errors",
    "StoreError": "errors", "StoreLockedError": "errors", "QueryError": "errors",
    "QueryTimeoutError": "errors", "ResultLimitError": "errors", "ValidationError": "errors",
    "NotFoundError": "errors",
    # documents -> extraction -> RDF
    "read_file": "documents", "find_sources": "documents",
    "extract_document": "pipeline", "extract_file": "pipeline",
    "document_triples": "rdf", "extraction_graph": "rdf",
    # store and queries
    "Store": "store", "QueryResult": "store", "RemoteStore": "remote", "open_store": "backends",
    "ingest": "pipeline", "IngestReport": "pipeline",
    "saved_queries": "query", "saved_query": "query", "format_result": "query",
    "parse_binding": "query", "prepare": "query", "run_query": "query",
    "query_df": "frames", "graph_stats": "stats", "validate_graph": "validate",
    # analytics and views
    "build_graph": "analytics", "centrality": "analytics", "shortest_connection": "analytics",
    "communities": "analytics", "cooccurrence": "analytics",
    "entity_view": "viewdata", "render_html": "views", "write_html": "views", "write_site": "views",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'chipgraph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
