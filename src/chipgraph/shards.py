"""N-Quads shards: extraction anywhere (worker processes, a Dask cluster), loading in one place.

``chipgraph ingest SRC --shards DIR`` reads and extracts the sources in tasks (one per group
of ``files_per_shard`` files) and each task writes one shard, ``DIR/shard-NNNNNN.nq``:

* every document's named graph, exactly the quads the write algorithm would store
  (:func:`chipgraph.rdf.document_rdf`);
* every document's ledger entry, ``<document graph> rdf:value "…"`` in the ledger graph
  (:func:`chipgraph.ledger.contribution_entry`): its state (content hash, extractor version)
  and the entity statements it contributes.  The entity layer (the entities graph and the
  per-subject support counts) is a pure function of these entries, so the loader rebuilds
  it exactly (:func:`chipgraph.ledger.resolved_facts`) without re-reading the documents.

A shard is written to a temporary name and renamed, so a file called ``shard-*.nq`` is
always complete; ``DIR/manifest.json`` is written last (also by rename) and lists each
shard's size, SHA-256, quad count and documents (key, graph, content hash, source), the
extractor version and the sources that failed.  A folder without a manifest is not a shard
set.

``chipgraph load DIR`` checks the whole set first (manifest, sizes, hashes, N-Quads syntax,
that every listed document and only those are in their shard) and writes nothing when any
of it is wrong, naming the file.  Then:

* an embedded store without documents (a new one) takes the fast path: each shard goes in
  with pyoxigraph's ``bulk_load``, then the entity layer built from the ledger entries.  A
  marker in the ledger graph is written first and removed last; a load killed in between
  leaves the marker, and the next ``load`` rolls the partial load back before it starts;
* any other store (one that holds documents, or a remote SPARQL store) gets the normal
  write algorithm, a batch of documents at a time: unchanged documents are skipped, changed
  ones replace their older version, and the entity layer is kept by the same ledger
  arithmetic as ``ingest`` (:func:`chipgraph.writer.plan_add`'s rules), through the
  backend's own ``apply`` (the Graph Store Protocol for :class:`~chipgraph.remote.RemoteStore`).

Either way the store's export is byte-identical to a plain ``chipgraph ingest`` of the same
sources.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import ids, ledger
from .errors import ChipgraphError

MANIFEST = "manifest.json"
FORMAT = "chipgraph-shards"
FORMAT_VERSION = 1
#: source files per shard (and per task): big enough that a corpus of 100,000 articles is
#: a few thousand files, small enough to spread over the workers
FILES_PER_SHARD = 32
#: the ledger node a fast (bulk) load holds while it runs (see the module docstring)
LOADING = ids.BASE + "ledger/bulk-load"
_DOC_GRAPHS = ids.BASE + "graph/doc/"


class ShardError(ChipgraphError):
    """A shard set that cannot be loaded (the message names the file)."""


# -- writing ------------------------------------------------------------------------------
def shard_name(index: int) -> str:
    return f"shard-{index:06d}.nq"


def write_shard(files: Sequence[str], out_dir: str, index: int, *, max_bytes: int,
                base: str, extractor_version: str) -> dict:
    """Read and extract ``files`` and write them as shard ``index`` in ``out_dir`` (runs in a
    worker: arguments and result are plain data).  Returns the shard's manifest entry, with
    the sources' error messages under ``"errors"``."""
    from .pipeline import read_and_extract
    from .rdf import content_hash, document_rdf

    quads: list[ox.Quad] = []
    documents, errors = [], []
    lg = ox.NamedNode(ledger.LEDGER_GRAPH)
    for f in files:
        extractions, messages = read_and_extract(f, max_bytes, base)
        errors.extend(messages)
        for ex in extractions:
            doc = ex.document
            state = (content_hash(doc.text), extractor_version)
            rdf = document_rdf(ex, extractor_version=extractor_version)
            quads.extend(rdf.quads())
            entry = ledger.contribution_entry(state, ledger.statement_keys(rdf.statements))
            quads.append(ox.Quad(rdf.graph, ledger.VALUE, ox.Literal(entry), lg))
            documents.append({"key": doc.key, "graph": rdf.graph.value, "content_hash": state[0],
                              "source": doc.source or doc.key})
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    name = shard_name(index)
    _atomic_write(Path(out_dir) / name, data)
    return {"file": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "quads": len(quads), "documents": documents, "errors": errors}


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass
class ShardReport:
    shards: int = 0
    documents: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _prepare_dir(out: Path) -> None:
    """``out`` new, empty, or an earlier shard set (which is removed, manifest first)."""
    if out.exists() and not out.is_dir():
        raise ShardError(f"{out}: not a folder")
    out.mkdir(parents=True, exist_ok=True)
    entries = [p for p in out.iterdir()]
    if not entries:
        return
    if not (out / MANIFEST).exists() or any(
            p.name != MANIFEST and not (p.name.startswith("shard-") and p.name.endswith(".nq"))
            and not p.name.endswith(".tmp") for p in entries):
        raise ShardError(f"{out}: the folder holds other files; give an empty or new folder "
                         f"(or one that holds an earlier shard set)")
    (out / MANIFEST).unlink()  # no manifest: no longer a loadable set while it is rewritten
    for p in entries:
        if p.name != MANIFEST:
            p.unlink(missing_ok=True)


def write_shards(paths, out_dir: str | Path, *, dask: str | None = None, jobs: int = 1,
                 files_per_shard: int = FILES_PER_SHARD, max_bytes: int | None = None,
                 workers: int | None = None,
                 on_start: Callable[[int], None] | None = None,
                 on_shard: Callable[[dict], None] | None = None) -> ShardReport:
    """Extract every source under ``paths`` into a shard set in ``out_dir``: on a Dask
    cluster (``dask``: ``"local"`` or a scheduler address), in ``jobs`` worker processes, or
    in this process.  Document keys are relative to this process's current folder."""
    from .documents import MAX_BYTES, find_sources
    from .extract import extractor_version

    out = Path(out_dir).absolute()  # workers elsewhere need the shared folder's full path
    _prepare_dir(out)
    version = extractor_version()
    files, errors = find_sources(paths)
    report = ShardReport(errors=[str(e) for e in errors])
    chunks = [[str(f) for f in files[i:i + files_per_shard]]
              for i in range(0, len(files), max(1, files_per_shard))]
    if on_start:
        on_start(len(files))
    kw = dict(max_bytes=max_bytes or MAX_BYTES, base=os.getcwd(), extractor_version=version)
    entries = []
    for entry in _run(chunks, str(out), kw, dask=dask, jobs=jobs, workers=workers):
        report.errors.extend(entry.pop("errors"))
        entries.append(entry)
        if on_shard:
            on_shard(entry)
    seen: dict[str, str] = {}
    for entry in entries:
        for d in entry["documents"]:
            if d["key"] in seen:  # two sources with one key would replace each other
                raise ShardError(f"{d['source']}: same document key {d['key']!r} as "
                                 f"{seen[d['key']]}; give each a distinct 'url' (or a distinct "
                                 f"'title' in one JSONL file); no manifest written")
            seen[d["key"]] = d["source"]
    manifest = {"format": FORMAT, "version": FORMAT_VERSION, "extractor_version": version,
                "shards": entries, "errors": report.errors}
    _atomic_write(out / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode())
    report.shards, report.documents = len(entries), len(seen)
    return report


def _run(chunks: list[list[str]], out: str, kw: dict, *, dask: str | None, jobs: int,
         workers: int | None) -> Iterator[dict]:
    if dask:
        from .cluster import dask_map

        yield from dask_map(write_shard, [(c, out, i) for i, c in enumerate(chunks)], kw,
                            dask, workers=workers)
    elif jobs > 1 and len(chunks) > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=mp.get_context("forkserver")) as pool:
            futures = [pool.submit(write_shard, c, out, i, **kw) for i, c in enumerate(chunks)]
            for fut in futures:
                yield fut.result()
    else:
        for i, c in enumerate(chunks):
            yield write_shard(c, out, i, **kw)


# -- checking -----------------------------------------------------------------------------
@dataclass
class ShardDoc:
    key: str
    graph: str
    state: tuple[str, str]
    statements: list  # ledger keys


@dataclass
class ShardSet:
    folder: Path
    manifest: dict
    shards: list[Path]
    #: shard path -> its documents, in manifest order
    documents: dict[Path, list[ShardDoc]]

    @property
    def extractor_version(self) -> str:
        return self.manifest["extractor_version"]

    def all_documents(self) -> Iterator[ShardDoc]:
        for path in self.shards:
            yield from self.documents[path]


def read_manifest(folder: str | Path) -> dict:
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ShardError(f"{path}: no manifest (not a shard set, or its writing did not "
                         f"finish)") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShardError(f"{path}: not a readable shard manifest: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ShardError(f"{path}: not a chipgraph shard manifest")
    if data.get("version") != FORMAT_VERSION:
        raise ShardError(f"{path}: shard format version {data.get('version')!r}; this chipgraph "
                         f"reads version {FORMAT_VERSION}")
    try:
        for s in data["shards"]:
            if not (isinstance(s["file"], str) and s["file"].startswith("shard-")
                    and "/" not in s["file"] and "\\" not in s["file"]):
                raise ValueError(f"bad shard file name {s['file']!r}")
            int(s["bytes"]), str(s["sha256"]), int(s["quads"])
            for d in s["documents"]:
                str(d["key"]), str(d["graph"]), str(d["content_hash"])
        str(data["extractor_version"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ShardError(f"{path}: malformed manifest: {exc!r}") from exc
    return data


def check_shards(folder: str | Path) -> ShardSet:
    """Read the manifest and verify every shard it lists (size, SHA-256, N-Quads, documents),
    reading each shard once; raises :class:`ShardError` naming the first bad file."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    version = manifest["extractor_version"]
    lg = ledger.LEDGER_GRAPH
    out = ShardSet(folder, manifest, [], {})
    keys: dict[str, Path] = {}
    for s in manifest["shards"]:
        path = folder / s["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ShardError(f"{path}: cannot read the shard: {exc.strerror or exc}") from exc
        if len(data) != s["bytes"] or hashlib.sha256(data).hexdigest() != s["sha256"]:
            raise ShardError(f"{path}: {len(data):,} bytes whose SHA-256 is not the manifest's "
                             f"(it lists {s['bytes']:,} bytes): truncated or changed since it "
                             f"was written; write the shards again")
        graphs: Counter = Counter()
        entries: dict[str, str] = {}
        try:
            for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
                g = q.graph_name
                if not isinstance(g, ox.NamedNode):
                    raise ShardError(f"{path}: a quad outside a named graph")
                if g.value == lg:
                    if q.predicate != ledger.VALUE or not isinstance(q.object, ox.Literal):
                        raise ShardError(f"{path}: an unexpected quad in the ledger graph")
                    entries[q.subject.value] = q.object.value
                elif g.value.startswith(_DOC_GRAPHS):
                    graphs[g.value] += 1
                else:
                    raise ShardError(f"{path}: a quad in <{g.value}>, which is not a document graph")
        except SyntaxError as exc:
            raise ShardError(f"{path}: not valid N-Quads: {exc}") from exc
        n = sum(graphs.values()) + len(entries)
        if n != s["quads"]:
            raise ShardError(f"{path}: {n} quads, the manifest lists {s['quads']}")
        docs = []
        for d in s["documents"]:
            if d["key"] in keys:
                raise ShardError(f"{path}: document {d['key']!r} is also in {keys[d['key']]}")
            keys[d["key"]] = path
            if d["graph"] != str(ids.document_graph(d["key"])) or d["graph"] not in entries:
                raise ShardError(f"{path}: document {d['key']!r} is listed but not in the shard")
            try:
                state, statements = ledger.read_contribution(entries[d["graph"]])
            except (KeyError, TypeError, ValueError) as exc:
                raise ShardError(f"{path}: bad ledger entry of document {d['key']!r}: {exc!r}") from exc
            if state != (d["content_hash"], version):
                raise ShardError(f"{path}: document {d['key']!r} does not match the manifest "
                                 f"(content hash or extractor version)")
            docs.append(ShardDoc(d["key"], d["graph"], state, statements))
        listed = {d.graph for d in docs}
        if set(entries) != listed or set(graphs) - listed:
            extra = sorted((set(entries) | set(graphs)) - listed)[0]
            raise ShardError(f"{path}: <{extra}> is in the shard but not in the manifest")
        out.shards.append(path)
        out.documents[path] = docs
    return out


# -- loading ------------------------------------------------------------------------------
@dataclass
class LoadReport:
    fast: bool = False  # bulk-loaded into an empty store
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    #: the extraction errors the shard writer recorded (sources not in the shards)
    source_errors: list[str] = field(default_factory=list)


def load_shards(folder: str | Path, store, *, batch: int = 64) -> LoadReport:
    """Load the shard set in ``folder`` into ``store`` (embedded or remote)."""
    from .derived import refresh_derived
    from .extract import extractor_version

    if getattr(store, "read_only", False):
        raise ShardError("the store is open read-only")
    shards = check_shards(folder)  # everything is checked before anything is written
    report = LoadReport(source_errors=list(shards.manifest.get("errors") or []))
    if shards.extractor_version != extractor_version():
        report.warnings.append(
            f"the shards were extracted by extractor {shards.extractor_version}, this chipgraph "
            f"has {extractor_version()}: a later `ingest` of the same sources extracts them again")
    embedded = _embedded(store)
    if embedded:
        rollback_interrupted_load(store)
    if embedded and _holds_no_documents(store):
        _bulk_load(store, shards)
        report.fast = True
        report.added = [d.key for d in shards.all_documents()]
    else:
        _write_through(store, shards, report, batch=batch)
    report.derived = refresh_derived(store, only=("catalogue",))
    return report


def _embedded(store) -> bool:
    """Whether ``store`` is the embedded store, which can bulk-load shard files
    (:meth:`chipgraph.store.Store.bulk_load_nquads`); a remote store cannot."""
    from .store import Store

    return isinstance(store, Store)


def _ledger_nodes(store) -> list[str]:
    # both IRIs are chipgraph's own constants, never article text
    res = store.query(f"SELECT ?n WHERE {{ GRAPH <{ledger.LEDGER_GRAPH}> "
                      f"{{ ?n <{ledger.VALUE.value}> ?v }} }}")
    return sorted({str(r["n"]) for r in res})


def _doc_graphs(store) -> list[str]:
    return [str(g) for g in store.named_graphs() if str(g).startswith(_DOC_GRAPHS)]


def _holds_no_documents(store) -> bool:
    if _doc_graphs(store) or _ledger_nodes(store):
        return False
    res = store.query(f"ASK {{ GRAPH <{ids.ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}")
    return not res.boolean


def rollback_interrupted_load(store) -> bool:
    """Undo a bulk load that was killed (its marker is still in the ledger).  A bulk load
    only starts on a store without documents, so undoing it drops every document graph, the
    entities graph and every ledger entry, through the store's journaled ``apply``."""
    from .writer import Change

    nodes = _ledger_nodes(store)
    if LOADING not in nodes:
        return False
    change = Change(drop=set(_doc_graphs(store)) | {str(ids.ENTITIES_GRAPH)},
                    ledger={n: None for n in nodes if n != LOADING})
    store.apply(change)
    store.apply(Change(ledger={LOADING: None}))
    return True


def _bulk_load(store, shards: ShardSet) -> None:
    from .writer import Change

    store.apply(Change(ledger={LOADING: json.dumps({"shards": str(shards.folder)})}))
    counts: dict[str, Counter] = defaultdict(Counter)
    for d in shards.all_documents():
        for s, p, o in d.statements:
            counts[s][(p, tuple(o))] += 1
    for path in shards.shards:
        store.bulk_load_nquads(path=path)
    eg, lg = ox.NamedNode(str(ids.ENTITIES_GRAPH)), ox.NamedNode(ledger.LEDGER_GRAPH)
    layer: list[ox.Quad] = []
    for s in sorted(counts):
        subj = ox.NamedNode(s)
        layer.extend(ox.Quad(subj, p, o, eg) for p, o in ledger.resolved_facts(counts[s]))
        entry = ledger.support_entry(s, counts[s])
        if entry is not None:
            layer.append(ox.Quad(ox.NamedNode(ledger.support_iri(s)), ledger.VALUE,
                                 ox.Literal(entry), lg))
    data = ox.serialize(layer, format=ox.RdfFormat.N_QUADS)
    store.bulk_load_nquads(data=data)
    store.flush()
    store.apply(Change(ledger={LOADING: None}))  # the load is complete


def _write_through(store, shards: ShardSet, report: LoadReport, *, batch: int) -> None:
    """The normal write algorithm, ``batch`` documents per write."""
    for path in shards.shards:
        by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            if q.graph_name.value != ledger.LEDGER_GRAPH:
                by_graph[q.graph_name.value].append(q)
        docs = shards.documents[path]
        for i in range(0, len(docs), batch):
            part = docs[i:i + batch]
            change, outcomes = plan_documents(store, part, by_graph)
            if change:
                store.apply(change)
            for d, outcome in zip(part, outcomes):
                getattr(report, outcome).append(d.key)


def plan_documents(backend, docs: Sequence[ShardDoc], quads: dict[str, list[ox.Quad]]):
    """:func:`chipgraph.writer.plan_add` for documents given as shard quads and ledger
    entries instead of extractions: the same outcomes and the same change."""
    from .writer import Change, entity_changes

    states = backend.document_states([d.key for d in docs])
    entries = backend.ledger_values([d.graph for d in docs])
    change, outcomes, delta = Change(), [], Counter()
    for d in docs:
        applied, old = ledger.read_contribution(entries.get(d.graph))
        stored = states.get(d.key)
        if stored == d.state and applied == d.state:
            outcomes.append("unchanged")
            continue
        outcomes.append("repaired" if stored == d.state else "replaced" if stored else "added")
        delta.update(d.statements)
        delta.subtract(old)
        change.graphs[d.graph] = quads[d.graph]
        if stored is not None:
            change.replacing.add(d.graph)
        change.ledger[d.graph] = ledger.contribution_entry(d.state, d.statements)
    entity_changes(backend, change, delta)
    return change, outcomes


__all__ = ["write_shards", "write_shard", "check_shards", "load_shards", "read_manifest",
           "rollback_interrupted_load", "plan_documents", "ShardError", "ShardReport",
           "LoadReport", "MANIFEST", "FILES_PER_SHARD"]
