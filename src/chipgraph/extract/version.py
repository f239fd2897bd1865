"""The extractor's version: the package version plus a hash of the extraction code and data.

``ingest`` stores it with each document, so that after any change to a component, a pattern
or a data file, re-ingesting an unchanged article re-extracts it instead of keeping old facts.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .. import __version__

_PACKAGE = Path(__file__).resolve().parent


def content_hash(root: Path = _PACKAGE, length: int = 12) -> str:
    """A digest of every ``.py`` and data file under ``root`` (relative paths and bytes, in
    sorted order; caches and compiled files are left out)."""
    h = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and (p.suffix == ".py" or "data" in p.relative_to(root).parts))
    for p in files:
        h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()[:length]


@cache
def extractor_version() -> str:
    """``"0.1.0+extract.1a2b3c4d5e6f"``: changes whenever the extraction code or data change."""
    return f"{__version__}+extract.{content_hash()}"
