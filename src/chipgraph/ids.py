"""Deterministic IRIs from normalised keys.

Every IRI chipgraph mints comes from here (the keys themselves, pure strings, from
``chipgraph.extract.keys``).  Text from articles never reaches an IRI
verbatim: keys are slugged to ``[a-z0-9-]`` and, where that loses information, suffixed
with a hash, so the same input gives the same IRI on every machine.
"""
from __future__ import annotations

from rdflib import URIRef

from .extract.keys import base_iri, digest, document_scoped_key, entity_iri_text, entity_key, slug

__all__ = [
    "BASE", "digest", "slug", "entity_key", "document_scoped_key", "entity_iri", "document_slug",
    "document_iri", "document_graph", "reference_graph", "ONTOLOGY_GRAPH", "ENTITIES_GRAPH",
    "sentence_iri", "mention_iri", "quote_iri", "assertion_iri", "listing_iri",
]

BASE = base_iri()  # https://w3id.org/chipgraph/


def entity_iri(key: str) -> URIRef:
    return URIRef(entity_iri_text(key))


def document_slug(doc_key: str) -> str:
    tail = doc_key.rstrip("/").rsplit("/", 1)[-1]
    return slug(tail, 48) + "-" + digest(doc_key, length=10)


def document_iri(doc_key: str) -> URIRef:
    return URIRef(BASE + "doc/" + document_slug(doc_key))


def document_graph(doc_key: str) -> URIRef:
    """The named graph that holds one document's facts and evidence."""
    return URIRef(BASE + "graph/doc/" + document_slug(doc_key))


def reference_graph(source: str) -> URIRef:
    return URIRef(BASE + "graph/reference/" + slug(source))


ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
ENTITIES_GRAPH = URIRef(BASE + "graph/entities")


def sentence_iri(doc_key: str, index: int) -> URIRef:
    return URIRef(f"{document_iri(doc_key)}/sentence/{int(index)}")


def mention_iri(doc_key: str, start: int, end: int) -> URIRef:
    return URIRef(f"{document_iri(doc_key)}/mention/{int(start)}-{int(end)}")


def quote_iri(doc_key: str, start: int, end: int) -> URIRef:
    return URIRef(f"{document_iri(doc_key)}/quote/{int(start)}-{int(end)}")


def assertion_iri(doc_key: str, subject: str, predicate: str, obj: str) -> URIRef:
    return URIRef(f"{document_iri(doc_key)}/assertion/{digest(subject, predicate, obj)}")


def listing_iri(list_name: str, listed_name: str, citation: str = "") -> URIRef:
    return URIRef(BASE + "listing/" + slug(listed_name, 40) + "-" + digest(list_name, listed_name, citation, length=10))
