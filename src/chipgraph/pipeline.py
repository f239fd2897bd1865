"""Documents -> extraction -> store, for a batch of sources.

A bad file (or JSONL line) is reported with its name and problem and the rest of the batch
goes on; the report says whether anything failed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .documents import MAX_BYTES, find_sources, read_file
from .errors import ChipgraphError, ExtractionError, InputError
from .model import Document, Extraction
from .store import Store


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[ChipgraphError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def extract_document(doc: Document) -> Extraction:
    from .extract import extract

    try:
        return extract(doc)
    except ChipgraphError:
        raise
    except Exception as exc:  # a bug in extraction must not stop a batch
        raise ExtractionError(f"{doc.source or doc.key}: extraction failed: "
                              f"{type(exc).__name__}: {exc}") from exc


def ingest(paths: Iterable[str | Path], store: Store, *, max_bytes: int = MAX_BYTES,
           on_file: Callable[[Path, int], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Read, extract and store every source under ``paths``."""
    report = IngestReport()
    files, errors = find_sources(paths)
    report.errors.extend(errors)
    if on_start:
        on_start(len(files))
    first_source: dict[str, str] = {}  # document key -> where this batch first read it
    for f in files:
        result = read_file(f, max_bytes=max_bytes)
        report.errors.extend(result.errors)
        for doc in result.documents:
            where = doc.source or doc.key
            if doc.key in first_source:
                # two sources with one key would silently replace each other
                report.errors.append(InputError(where, (
                    f"same document key {doc.key!r} as {first_source[doc.key]}; give each a "
                    f"distinct 'url' (or 'title' in JSONL) or rename the file")))
                continue
            first_source[doc.key] = where
            try:
                ex = extract_document(doc)
                outcome = store.add_extraction(ex, extractor_version=__version__)
            except ChipgraphError as exc:
                report.errors.append(exc)
                continue
            getattr(report, outcome).append(doc.source or doc.key)
        if on_file:
            on_file(f, len(result.documents))
    return report


def extract_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[Extraction]:
    """Extract every document of one source file, without touching any store."""
    result = read_file(path, max_bytes=max_bytes)
    if result.errors and not result.documents:
        raise result.errors[0]
    return [extract_document(d) for d in result.documents]


__all__ = ["IngestReport", "ingest", "extract_file", "extract_document", "InputError"]
