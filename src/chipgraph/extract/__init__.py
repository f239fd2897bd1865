"""Document text -> entities, relations and quotes with evidence.

``extract(document)`` is pure: it reads only the document and the packaged data files
(loaded lazily, once per process).  ``extractor_version()`` names the extractor by a hash
of its code and data.  Importing this package loads nothing: the names are resolved on
first use, so ``chipgraph.extract.keys`` and ``.terms`` stay cheap to import.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"extract": "pipeline", "PIPELINE": "pipeline", "split_sentences": "sentences",
            "extractor_version": "version", "DocContext": "context"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'chipgraph.extract' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
