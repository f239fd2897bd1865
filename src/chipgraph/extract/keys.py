"""Slugs, digests and entity keys: pure string functions, no rdflib.

Extraction names entities by key (``Nvidia`` -> ``nvidia``); ``chipgraph.ids`` turns keys
into IRIs.  The same input gives the same key on every machine.  :func:`pronoun_like` tells
a form that names no particular measure ("the rule"), for the extractor and the RDF builder.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from .terms import namespace

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


def document_scoped_key(name: str, doc_key: str) -> str:
    """The key of an entity that only one document identifies (a measure the text describes
    but does not name): its name's key plus a digest of the document key, so that look-alike
    descriptions in two documents stay two entities."""
    return slug(name, 48) + "-" + digest(doc_key, length=8)


def base_iri() -> str:
    """``https://w3id.org/chipgraph/``: the ontology namespace's parent."""
    return namespace().rsplit("/", 1)[0] + "/"


def entity_iri_text(key: str) -> str:
    """The entity IRI of a key, as a string (``chipgraph.ids.entity_iri`` wraps it)."""
    return base_iri() + "entity/" + slug(key)


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@cache
def _alias_words() -> tuple[frozenset[str], frozenset[str]]:
    text = resources.files(__package__).joinpath("data", "measure_aliases.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return frozenset(data["determiners"]), frozenset(data["generic"])


@lru_cache(maxsize=65536)
def pronoun_like(form: str) -> bool:
    """True when ``form`` names no particular measure: only determiners and generic nouns
    (``data/measure_aliases.json``), at least one noun ("rule", "the rule", "these rules")."""
    words = _WORD.findall(form.casefold())
    determiners, generic = _alias_words()
    return any(w in generic for w in words) and all(w in generic or w in determiners for w in words)
