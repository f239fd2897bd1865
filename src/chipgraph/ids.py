"""Deterministic IRIs from normalised keys.

Every IRI chipgraph mints comes from here.  Text from articles never reaches an IRI
verbatim: keys are slugged to ``[a-z0-9-]`` and, where that loses information, suffixed
with a hash, so the same input gives the same IRI on every machine.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .vocab import ONTOLOGY_IRI

BASE = str(ONTOLOGY_IRI).rsplit("/", 1)[0] + "/"  # https://w3id.org/chipgraph/

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def digest(*parts: str, length: int = 12) -> str:
    """A short, stable hex digest of the parts (``length`` hex characters)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def slug(text: str, max_len: int = 64) -> str:
    """A lower-case ASCII slug; non-Latin text falls back to a hash."""
    t = unicodedata.normalize("NFKD", text).replace("&", " and ")
    t = t.encode("ascii", "ignore").decode("ascii").lower()
    t = _NON_SLUG.sub("-", t).strip("-")
    if not t:
        return "x-" + digest(text)
    if len(t) > max_len:
        t = t[:max_len].rstrip("-") + "-" + digest(text, length=8)
    return t


def entity_key(name: str) -> str:
    """The key of an entity from its canonical name (``Nvidia`` -> ``nvidia``)."""
    return slug(name)


def entity_iri(key: str) -> URIRef:
    return URIRef(BASE + "entity/" + slug(key))


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
