"""From the store to the views' data: the entity graph, documents, and query results.

This is the layer between the store (SPARQL) and :mod:`chipgraph.views` (HTML), so that
the views never read RDF.
"""
from __future__ import annotations

from rdflib import URIRef

from . import ids
from .analytics import build_graph
from .errors import NotFoundError
from .store import QueryResult
from .views import ViewGraph, cites, from_networkx, subgraph

_DOCUMENTS = """
SELECT ?doc ?key ?title ?publisher ?published ?url WHERE {
  ?doc a cg:Document ; dcterms:identifier ?key .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc schema:publisher ?publisher }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc schema:url ?url }
} ORDER BY ?doc
"""

DocumentRow = tuple[str, str | None, str | None, str | None, str | None]


def entity_view(store, title: str = "chipgraph") -> ViewGraph:
    """Every entity and relation in the store, with evidence, as a :class:`ViewGraph`."""
    return from_networkx(build_graph(store), title)


def documents(store) -> list[DocumentRow]:
    """``(doc IRI, title, publisher, published, url)`` for every document in the store."""
    out = []
    for r in store.query(_DOCUMENTS):
        out.append((str(r["doc"]), *(str(r[k]) if r.get(k) is not None else None
                                     for k in ("title", "publisher", "published", "url"))))
    return out


def find_document(store, key_or_iri: str) -> tuple[str, str]:
    """A document by its key (URL or file name as ingested), IRI, or title."""
    rows = [(str(r["doc"]), str(r["key"]), str(r["title"]) if r.get("title") is not None else None)
            for r in store.query(_DOCUMENTS)]
    wanted = str(ids.document_iri(key_or_iri))
    for iri, key, title in rows:
        if key_or_iri in (iri, key) or iri == wanted or (title and title.casefold() == key_or_iri.casefold()):
            return iri, title or key
    import difflib

    names = [key for _, key, _ in rows] + [title for _, _, title in rows if title]
    raise NotFoundError(f"no document {key_or_iri!r} in the store",
                        difflib.get_close_matches(key_or_iri, names, n=5, cutoff=0.3))


def document_view(graph: ViewGraph, doc_iri: str) -> ViewGraph:
    return cites(graph, doc_iri)


def query_view(graph: ViewGraph, result: QueryResult) -> ViewGraph:
    """The entities a query returns (any IRI in its rows or triples), with the relations
    among them."""
    found: set[str] = set()
    if result.kind == "graph" and result.graph is not None:
        for t in result.graph:
            found.update(str(x) for x in t if isinstance(x, URIRef))
    else:
        for row in result.rows:
            found.update(str(v) for v in row.values() if isinstance(v, URIRef))
    nodes = [n.id for n in graph.nodes if n.id in found]
    return subgraph(graph, nodes)
