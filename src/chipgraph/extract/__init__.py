"""Document text -> entities, relations and quotes with evidence.

``extract(document)`` is pure: it reads only the document and the packaged dictionaries
(loaded lazily, once per process).
"""
from __future__ import annotations

from .pipeline import extract
from .sentences import split_sentences

__all__ = ["extract", "split_sentences"]
