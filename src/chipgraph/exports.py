"""Exports of the whole store in RDF formats (deterministic bytes)."""
from __future__ import annotations

from .errors import StoreError

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")


def export(store, fmt: str, *, include_ontology: bool = False) -> bytes:
    if fmt in RDF_FORMATS:
        return store.export(fmt, include_ontology=include_ontology)
    raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
