"""Documents -> extraction -> store, for a batch of sources.

Reading and extraction run where the work is cheapest to spread: in this process
(``jobs=1``), in worker processes (``jobs=N``), or on a Dask cluster (``dask="local"`` or a
scheduler address); the store is written by this process alone, a batch of documents per
write (:meth:`chipgraph.store.Store.add_extractions`).  Results come back in the order of
the sources, so a run gives the same store whatever the parallelism.

A bad file (or JSONL line) is reported with its name and problem and the rest of the batch
goes on; the report says whether anything failed.

Documents are keyed by URL or by path (:func:`chipgraph.documents.path_key`).  A store
written before path keys holds a file's document under its bare name: when the same text
comes back under its path key, the old copy is removed after the new one is written
("re-keyed"), so re-ingesting never leaves a duplicate; an old copy with other text is left
alone with a warning.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .documents import MAX_BYTES, find_sources, legacy_key, read_file
from .errors import ChipgraphError, ExtractionError, InputError
from .model import Document, Extraction

#: Documents per store write: big enough to amortise a transaction, small enough to keep
#: memory flat and a crash's redo short.
BATCH = 64
#: ``ingest --jobs N``: files per worker task, and tasks per worker submitted ahead of the writer.
CHUNK = 4
IN_FLIGHT = 4


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: stored before, but an interrupted write had left its entity facts out: written again
    repaired: list[str] = field(default_factory=list)
    #: stored under their old key (the bare file name) and now under their path key
    rekeyed: list[str] = field(default_factory=list)
    errors: list[ChipgraphError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: derived reference graphs rebuilt by this run (catalogue, chip specs, assessments)
    derived: list[str] = field(default_factory=list)

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


def read_and_extract(path: str | Path, max_bytes: int = MAX_BYTES,
                     base: str | None = None) -> tuple[list[Extraction], list[str]]:
    """One source file's extractions and error messages (picklable: runs in workers).
    ``base``: the folder keys are relative to (the caller's current folder)."""
    result = read_file(path, max_bytes=max_bytes, base=base)
    errors = [str(e) for e in result.errors]
    out = []
    for doc in result.documents:
        try:
            out.append(extract_document(doc))
        except ChipgraphError as exc:
            errors.append(str(exc))
    return out, errors


def read_extract_prepare(path: str | Path, max_bytes: int, base: str | None,
                         extractor_version: str) -> tuple[list[Extraction], list[str], list]:
    """:func:`read_and_extract` plus each extraction's RDF, ready for the writer
    (:func:`chipgraph.writer.prepare`): what an ``ingest --jobs N`` worker returns, so the
    one writer process only plans the entity layer and stores the bytes."""
    from .writer import prepare

    extractions, errors = read_and_extract(path, max_bytes, base)
    return extractions, errors, [prepare(ex, extractor_version=extractor_version) for ex in extractions]


def _prepare_files(paths: list[Path], max_bytes: int, base: str | None, version: str) -> list:
    """:func:`read_extract_prepare` of each of ``paths`` (one worker task)."""
    return [read_extract_prepare(p, max_bytes, base, version) for p in paths]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _results(files: list[Path], max_bytes: int, jobs: int, dask: str | None,
             base: str, version: str, batch: int = BATCH
             ) -> Iterator[tuple[list[Extraction], list[str], list | None]]:
    """(extractions, error messages, prepared documents or None) per file, in order."""
    if dask:
        from .cluster import dask_results

        for extractions, messages in dask_results(files, max_bytes, dask, base=base):
            yield extractions, messages, None
    elif jobs > 1 and len(files) > 1:
        import multiprocessing as mp
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(files))
        # Tasks of CHUNK files, submitted ahead of the writer by a bounded window
        # (``pool.map`` would submit them all): when the workers outpace the one writer,
        # their results (each document's quads as bytes, ~150 KB) wait here, so the window
        # bounds the memory.  It covers two store writes (2 * batch files), so the workers
        # do not run dry while the writer writes; chunks keep the pool's messages few.
        chunks = iter([files[i:i + CHUNK] for i in range(0, len(files), CHUNK)])
        running: deque = deque()
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("forkserver")) as pool:
            def submit() -> None:
                chunk = next(chunks, None)
                if chunk is not None:
                    running.append(pool.submit(_prepare_files, chunk, max_bytes, base, version))

            for _ in range(max(IN_FLIGHT * workers, -(-2 * batch // CHUNK))):
                submit()
            while running:
                results = running.popleft().result()
                submit()
                yield from results
    else:
        for f in files:
            yield (*read_and_extract(f, max_bytes, base), None)


def ingest(paths: Iterable[str | Path], store, *, max_bytes: int = MAX_BYTES,
           jobs: int = 1, dask: str | None = None, batch: int = BATCH,
           on_file: Callable[[Path, int], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Read, extract and store every source under ``paths``."""
    from .extract import extractor_version

    version = extractor_version()  # a changed extractor re-extracts unchanged articles
    report = IngestReport()
    files, errors = find_sources(paths)
    report.errors.extend(errors)
    if on_start:
        on_start(len(files))
    base = os.getcwd()
    first_source: dict[str, str] = {}  # document key -> where this batch first read it
    pending: list[Extraction] = []
    prepared: list = []  # per pending extraction: its PreparedDocument (from a worker) or None
    legacy: dict[str, str] = {}  # pending document key -> its key before path keys
    write_failed = False

    def flush() -> None:
        if not pending:
            return
        old = _stored_legacy(store, pending, legacy, report)
        try:
            outcomes = store.add_extractions(pending, extractor_version=version, prepared=prepared)
        except ChipgraphError as exc:
            nonlocal write_failed
            write_failed = True
            report.errors.append(ChipgraphError(f"{len(pending)} document(s) not written "
                                                f"(from {_where(pending[0])}): {exc}"))
        else:
            for ex, outcome in zip(pending, outcomes):
                key = old.get(ex.document.key)
                if key is not None and _remove_legacy(store, key, ex, report):
                    report.rekeyed.append(_where(ex))
                else:
                    getattr(report, outcome).append(_where(ex))
        pending.clear()
        prepared.clear()
        legacy.clear()

    results = _results(files, max_bytes, jobs, dask, base, version, batch)
    for f, (extractions, messages, ready) in zip(files, results):
        report.errors.extend(ChipgraphError(m) for m in messages)
        for ex, prep in zip(extractions, ready or [None] * len(extractions)):
            doc = ex.document
            if doc.key in first_source:
                # two sources with one key would silently replace each other
                report.errors.append(InputError(_where(ex), (
                    f"same document key {doc.key!r} as {first_source[doc.key]}; give each a "
                    f"distinct 'url' (or a distinct 'title' in one JSONL file)")))
                continue
            first_source[doc.key] = _where(ex)
            pending.append(ex)
            prepared.append(prep)
            old = legacy_key(doc.key, f, base)
            if old is not None and not _names_a_file_here(old, base):
                legacy[doc.key] = old
            if len(pending) >= batch:
                flush()
        if on_file:
            on_file(f, len(extractions))
    flush()
    if repaired := getattr(store, "repaired_writes", 0):  # journals left by a killed run
        report.warnings.append(f"finished {repaired} interrupted write(s) an earlier run left "
                               "in the store")
        store.repaired_writes = 0
    written = report.added or report.replaced or report.unchanged or report.repaired or report.rekeyed
    if write_failed and not written:
        pass  # every write failed (e.g. credentials): the same error again would only repeat it
    elif not getattr(store, "read_only", False):
        from .derived import refresh_derived

        try:  # the measure catalogue: linked measures' official names and dates
            report.derived = refresh_derived(store, only=("catalogue",))
        except ChipgraphError as exc:
            report.errors.append(ChipgraphError(f"reference graphs not refreshed: {exc}"))
    return report


def _where(ex: Extraction) -> str:
    return ex.document.source or ex.document.key


def _names_a_file_here(old_key: str, base: str) -> bool:
    """Whether an old-style key is also the path key of a file in ``base`` (then a stored
    document under it may be that file's, and is not touched)."""
    return (Path(base) / old_key.partition("#")[0]).exists()


def _stored_legacy(store, pending: list[Extraction], legacy: dict[str, str],
                   report: IngestReport) -> dict[str, str]:
    """The old keys (by new key) of pending documents whose same text is stored under the
    old key; an old copy with other text is reported as a warning and left alone."""
    from .rdf import content_hash

    wanted = {ex.document.key: legacy[ex.document.key] for ex in pending if ex.document.key in legacy}
    if not wanted:
        return {}
    try:
        states = store.document_states(sorted(set(wanted.values())))
    except ChipgraphError as exc:
        report.warnings.append(f"old-style document keys not checked: {exc}")
        return {}
    out = {}
    for ex in pending:
        old = wanted.get(ex.document.key)
        if old is None or old not in states:
            continue
        if states[old][0] == content_hash(ex.document.text):
            out[ex.document.key] = old
        else:
            report.warnings.append(
                f"{_where(ex)}: the store also holds a document under the old key {old!r} (the "
                f"file name alone, as chipgraph stored it before) with other text; if it is an "
                f"earlier version of this file, remove it: chipgraph remove {old!r}")
    return out


def _remove_legacy(store, old_key: str, ex: Extraction, report: IngestReport) -> bool:
    """Remove the old-key copy of a document just written under its new key."""
    try:
        return store.remove_document(old_key)
    except ChipgraphError as exc:
        report.errors.append(ChipgraphError(f"{_where(ex)}: written under {ex.document.key!r}, "
                                            f"but its old copy {old_key!r} was not removed: {exc}"))
        return False


def extract_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[Extraction]:
    """Extract every document of one source file, without touching any store."""
    result = read_file(path, max_bytes=max_bytes)
    if result.errors and not result.documents:
        raise result.errors[0]
    return [extract_document(d) for d in result.documents]


__all__ = ["IngestReport", "ingest", "extract_file", "extract_document", "read_and_extract",
           "default_jobs", "InputError"]
