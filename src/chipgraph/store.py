"""The embedded store: Oxigraph (RocksDB on disk), one named graph per document.

Layout of the dataset:

* ``graph/doc/<slug>``: one document's facts and evidence (see :mod:`chipgraph.rdf`);
* ``graph/entities``: the entity layer, each entity's facts once (class, names and
  ``skos:prefLabel``, aliases, identifiers, listings), kept from the documents' statements;
* ``graph/ledger``: the bookkeeping of that layer (:mod:`chipgraph.ledger`), internal;
* ``graph/ontology``: the ontology, so queries can read class labels and hierarchy.

Queries see the union of all graphs as their default graph.  Writing is batched and
crash-safe: a batch's new document graphs and a journal of the rest go in one transaction,
then the journal is applied and removed (see :meth:`Store.apply`).  A ``kill -9`` at any
point leaves the previous state or a journal, and the next open, even read-only when no
writer holds the store, finishes it: readers never see half a document or an entity
without its label.

Only one process may open an on-disk store for writing (RocksDB's lock);
:class:`~chipgraph.errors.StoreLockedError` says so.  Readers in other processes use
``read_only=True``.
"""
from __future__ import annotations

import json
import os

import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as Lit

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from . import ids, ledger
from .errors import QueryError, QueryTimeoutError, StoreError, StoreLockedError
from .model import Extraction
from .rdf import bind_prefixes
from .terms import from_ox, to_ox
from .vocab import CG, ontology_graph
from .writer import Change, Outcome, PreparedDocument, add_in_batches, plan_add, plan_remove

ExportFormat = Lit["turtle", "trig", "nquads", "jsonld"]

#: An on-disk store flushes its memtables after about this many quads written (~500 documents).
FLUSH_EVERY_QUADS = 200_000

@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query, in rdflib terms."""

    kind: Lit["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, Node | None], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None
    #: True when the answer may be incomplete (e.g. a remote endpoint's row cap was hit);
    #: ``warning`` then says why.  A result known to be cut raises instead.
    truncated: bool = False
    warning: str | None = None

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.graph or ())


def _locked_message(path: Path) -> str:
    return (f"{path}: the store is open for writing in another process "
            f"(e.g. `chipgraph serve`); write through that server with "
            f"--store http://HOST:PORT, or stop it first")


#: How often a read-only open is tried again when a writer's compaction removed a data
#: file between the reader's reading of the file list and its opening of the file.
READ_ONLY_ATTEMPTS = 20


def _open_read_only(path: Path) -> ox.Store:
    """``ox.Store.read_only``, tried again while a live writer's compaction races it.

    A read-only RocksDB open reads the list of data files (the MANIFEST) and then opens
    them; a writer that compacts in between deletes some of those files, and the open fails
    with "No such file or directory ... .sst" although nothing is wrong (a secondary
    instance would not help: pyoxigraph opens read-only or read-write only).  Opening again
    reads the new list."""
    for attempt in range(READ_ONLY_ATTEMPTS):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            text = str(exc)
            raced = "No such file or directory" in text and (".sst" in text or "MANIFEST" in text)
            if not raced or attempt == READ_ONLY_ATTEMPTS - 1:
                if isinstance(exc, OSError):
                    raise
                raise OSError(text) from exc
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _remove_unadopted_bulk_files(folder: Path) -> None:
    """Remove the SST files of a bulk write that was killed before RocksDB ingested them.

    pyoxigraph's bulk loader writes ``bulk-<random>.sst`` files into the store folder and
    RocksDB copies them under its own numbered names when it ingests them; the loader then
    deletes its own copies.  Any ``bulk-*.sst`` left when no process holds the store is
    therefore not part of the database (only call this under the store's lock)."""
    for leftover in folder.glob("bulk-*.sst"):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass


class StoreLock:
    """An exclusive advisory lock (``flock``) on ``<store>/chipgraph.lock``.

    Every chipgraph writer of a store folder takes it (:class:`Store` in write mode) and so
    does ``chipgraph serve`` for as long as it serves, so no writer opens the folder while
    the server's Oxigraph reads it read-only.  The kernel releases it when the process dies.
    On systems without ``fcntl`` it does nothing (RocksDB's own lock still applies).
    """

    FILE = "chipgraph.lock"

    def __init__(self, fd: int | None):
        self._fd = fd

    @classmethod
    def acquire(cls, store_path: str | Path) -> "StoreLock":
        try:
            import fcntl
        except ImportError:  # Windows
            return cls(None)
        folder = Path(store_path)
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / cls.FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise StoreLockedError(_locked_message(folder)) from exc
        except OSError:
            os.close(fd)
            raise
        return cls(fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor releases the flock


class Store:
    """An Oxigraph store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock: StoreLock | None = None
        self._unflushed = 0  # quads written through the memtables since the last flush
        #: interrupted writes (journals left by a killed process) this handle finished
        self.repaired_writes = 0
        self._applying = False
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here (run `chipgraph ingest` first)")
                self._ox = _open_read_only(self.path)
                if self._pending():
                    self._recover_for_reader()
            else:
                # chipgraph's own lock first: `chipgraph serve` holds it while its Oxigraph
                # server reads the folder read-only (RocksDB's lock does not cover that).
                self._lock = StoreLock.acquire(self.path)
                _remove_unadopted_bulk_files(self.path)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            if self._lock is not None:
                self._lock.release()
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLockedError(_locked_message(self.path)) from exc
            raise StoreError(f"{self.path}: cannot open the store: {text}") from exc
        if not read_only:
            self._recover()
            self._ensure_ontology()

    def _pending(self) -> bool:
        return any(True for _ in self._ox.quads_for_pattern(
            ox.NamedNode(ledger.JOURNAL), ledger.VALUE, None, ox.NamedNode(ledger.LEDGER_GRAPH)))

    def _recover_for_reader(self) -> None:
        """A reader found an interrupted write: finish it when no writer is at work."""
        try:
            lock = StoreLock.acquire(self.path)
        except StoreLockedError:
            return  # a live writer: it will finish its own batch
        try:
            del self._ox
            _remove_unadopted_bulk_files(self.path)
            writer = ox.Store(str(self.path))
            self._ox = writer
            self._recover()
            writer.flush()
            del self._ox, writer
        finally:
            lock.release()
        self._ox = _open_read_only(self.path)

    # -- lifecycle --------------------------------------------------------------
    def close(self) -> None:
        """Flush and compact (the write-ahead log is folded into the data files)."""
        if not self.read_only:
            self._ox.flush()
            if self.path is not None:
                self._ox.optimize()
        del self._ox
        if not self.read_only and self.path is not None:
            # RocksDB deletes the write-ahead logs that the flush made obsolete when it next
            # opens the folder: open it once more (still under our lock) so none stay behind.
            ox.Store(str(self.path))
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    # A batch is written in two steps.  (1) One transaction adds the new document graphs
    # (a document that replaces an older version goes to a staging graph) together with a
    # journal: the rest of the batch as plain values.  (2) The journal is applied (MOVE of
    # each staging graph, dropped graphs, the entities graph and ledger) and then removed.
    # Applying it is idempotent, so a process killed anywhere leaves either nothing of the
    # batch or a journal that the next open (read-only too) or write finishes.
    def _ensure_ontology(self) -> None:
        g = ox.NamedNode(str(ids.ONTOLOGY_GRAPH))
        want = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in ontology_graph()}
        have = set(self._ox.quads_for_pattern(None, None, None, g))
        if want != have:
            self._replace_graph(ids.ONTOLOGY_GRAPH, want)

    def _replace_graph(self, name: URIRef | str, quads: Iterable[ox.Quad]) -> None:
        """Atomically replace graph ``name`` with ``quads`` (given in any graph)."""
        change = Change(graphs={str(name): [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(str(name)))
                                            for q in quads]})
        if self._ox.contains_named_graph(ox.NamedNode(str(name))):
            change.replacing.add(str(name))
        self.apply(change)

    def replace_graph(self, name: URIRef, graph: Iterable[tuple[Node, Node, Node]]) -> None:
        """Atomically replace a named graph that is not a document's (a reference source,
        the measure catalogue, assessments) with the triples of ``graph``."""
        self._check_writable()
        if str(name).startswith(str(ids.BASE) + "graph/doc/") or str(name) in (
                str(ids.ENTITIES_GRAPH), ledger.LEDGER_GRAPH):
            raise StoreError(f"<{name}> is kept by chipgraph itself; it cannot be replaced")
        g = ox.NamedNode(str(name))
        self._replace_graph(name, (ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph))

    def document_state(self, doc_key: str) -> tuple[str, str] | None:
        return self.document_states([doc_key]).get(doc_key)

    def document_states(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        out = {}
        h, v = ox.NamedNode(str(CG.contentHash)), ox.NamedNode(str(CG.extractorVersion))
        for key in keys:
            doc, g = ox.NamedNode(str(ids.document_iri(key))), ox.NamedNode(str(ids.document_graph(key)))
            hashes = [q.object.value for q in self._ox.quads_for_pattern(doc, h, None, g)]
            versions = [q.object.value for q in self._ox.quads_for_pattern(doc, v, None, g)]
            if hashes and versions:
                out[key] = (hashes[0], versions[0])
        return out

    def ledger_values(self, nodes: Sequence[str]) -> dict[str, str]:
        g = ox.NamedNode(ledger.LEDGER_GRAPH)
        out = {}
        for n in nodes:
            for q in self._ox.quads_for_pattern(ox.NamedNode(n), ledger.VALUE, None, g):
                out[n] = q.object.value
        return out

    def add_extraction(self, ex: Extraction, *, extractor_version: str) -> Outcome:
        """Write one document's extraction; a changed document replaces its older version."""
        return self.add_extractions([ex], extractor_version=extractor_version)[0]

    def add_extractions(self, extractions: Sequence[Extraction], *, extractor_version: str,
                        prepared: Sequence[PreparedDocument | None] | None = None) -> list[Outcome]:
        """Write a batch of documents (distinct keys) in one journaled write.  ``prepared``:
        their RDF built elsewhere, if it was (see :func:`chipgraph.writer.plan_add`)."""
        self._check_writable()
        self._recover()
        change, outcomes = plan_add(self, extractions, extractor_version=extractor_version,
                                    prepared=prepared)
        if change:
            self.apply(change)
        return outcomes

    def bulk_add(self, extractions: Iterable[Extraction], *, extractor_version: str,
                 batch: int = 256) -> int:
        """Load many documents, ``batch`` per write.  Returns the number of documents seen."""
        return add_in_batches(self, extractions, extractor_version=extractor_version, batch=batch)

    def remove_document(self, doc_key: str) -> bool:
        """Retract a document and every fact only it supported."""
        self._check_writable()
        self._recover()
        graph = str(ids.document_graph(doc_key))
        present = {graph} if self._ox.contains_named_graph(ox.NamedNode(graph)) else set()
        change = plan_remove(self, [doc_key], present)
        if not change:
            return False
        self.apply(change)
        return bool(present)

    def apply(self, change: Change) -> None:
        """Write ``change``: step (1) in one transaction, then the journal (see above)."""
        if not change:
            return
        for g in change.replacing | change.drop:
            if not ledger.is_internal(g):
                raise StoreError(f"<{g}>: not a graph chipgraph can replace")
        journal = {
            "moves": sorted([g + "/staging", g] for g in change.replacing),
            "drop": sorted(change.drop),
            "facts": {s: [[p.value, list(ledger.encode(o))] for p, o in f] for s, f in sorted(change.facts.items())},
            "ledger": dict(sorted(change.ledger.items())),
        }
        parts: list[bytes] = []  # N-Quads of new document graphs, written as they came
        quads: list[ox.Quad] = []
        for g in sorted(change.graphs.keys() | change.documents.keys()):
            if g in change.replacing:
                staging = ox.NamedNode(g + "/staging")
                if self._ox.contains_named_graph(staging):
                    self._ox.remove_graph(staging)
                quads.extend(ox.Quad(q.subject, q.predicate, q.object, staging)
                             for q in change.graph_quads(g))
            elif g in change.documents:
                parts.append(change.documents[g])
            else:
                quads.extend(change.graphs[g])
        quads.append(ox.Quad(ox.NamedNode(ledger.JOURNAL), ledger.VALUE,
                             ox.Literal(json.dumps(journal, ensure_ascii=False)),
                             ox.NamedNode(ledger.LEDGER_GRAPH)))
        if any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
            # N-Quads loading renames blank nodes; keep a caller's own labels (chipgraph's
            # graphs have none): one transaction, as before
            self._ox.extend(quads + [q for data in parts for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)])
            parts = []
        else:
            parts.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        data = b"".join(parts)
        if not data:
            pass
        elif self.path is None:
            self._ox.load(data, format=ox.RdfFormat.N_QUADS)  # step (1): one transaction
        else:
            # Step (1) on disk: pyoxigraph's bulk loader parses the N-Quads into new SST
            # files and RocksDB ingests them all in one IngestExternalFiles call, which is
            # atomic across column families (all or none, also after a crash): readers see
            # the batch whole or not at all.  It takes less CPU than a transaction through
            # the memtables and, unlike ``bulk_extend``, releases the GIL while it works, so
            # the worker processes of ``ingest --jobs`` keep being fed (docs/write-path.md).
            # A kill before the ingestion leaves only ``bulk-*.sst`` files that RocksDB never
            # adopted: the next writable open removes them.
            self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        self._applying = True
        try:
            self._recover()
        finally:
            self._applying = False
        if self._unflushed >= FLUSH_EVERY_QUADS and self.path is not None:
            # RocksDB keeps written data in memtables until a flush; without one they grew
            # with the corpus (peak RSS 874 MB at 2,000 documents, 2 GB at 10,000; 578 MB
            # with this flush, for about 5% more CPU): see bench/scale.py
            self._ox.flush()
            self._unflushed = 0

    def bulk_load_nquads(self, *, path: str | Path | None = None, data: bytes | None = None) -> None:
        """Load N-Quads (a file or bytes) with pyoxigraph's bulk loader, outside the journal.

        One atomic ingestion of new data files, with no entity-layer or ledger bookkeeping:
        for :mod:`chipgraph.shards`' fast path into a store without documents, which keeps
        its own marker to undo an interrupted load.  Anything else should use :meth:`apply`."""
        self._check_writable()
        if (path is None) == (data is None):
            raise StoreError("bulk_load_nquads: give either path or data")
        if path is not None:
            self._ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        else:
            self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def flush(self) -> None:
        """Write the memtables to data files now (closing the store does it too)."""
        self._check_writable()
        self._ox.flush()
        self._unflushed = 0

    def _recover(self) -> None:
        """Finish the write a journal describes (idempotent), then remove the journal."""
        lg = ox.NamedNode(ledger.LEDGER_GRAPH)
        for jq in list(self._ox.quads_for_pattern(ox.NamedNode(ledger.JOURNAL), ledger.VALUE, None, lg)):
            j = json.loads(jq.object.value)
            for staging, target in j["moves"]:
                if self._ox.contains_named_graph(ox.NamedNode(staging)):
                    # Both IRIs are minted by chipgraph.ids (checked), never from input text.
                    self._ox.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{target}>")
            for g in j["drop"]:
                if self._ox.contains_named_graph(ox.NamedNode(g)):
                    self._ox.remove_graph(ox.NamedNode(g))
            eg = ox.NamedNode(str(ids.ENTITIES_GRAPH))
            add: list[ox.Quad] = []
            for s, facts in j["facts"].items():
                subj = ox.NamedNode(s)
                for q in list(self._ox.quads_for_pattern(subj, None, None, eg)):
                    self._ox.remove(q)
                add.extend(ox.Quad(subj, ox.NamedNode(p), ledger.decode(o), eg) for p, o in facts)
            for node, value in j["ledger"].items():
                for q in list(self._ox.quads_for_pattern(ox.NamedNode(node), ledger.VALUE, None, lg)):
                    self._ox.remove(q)
                if value is not None:
                    add.append(ox.Quad(ox.NamedNode(node), ledger.VALUE, ox.Literal(value), lg))
            self._ox.extend(add)
            self._unflushed += len(add)
            self._ox.remove(jq)
            if not self._applying:
                self.repaired_writes += 1

    def load_reference(self, source: str, graph: Graph) -> URIRef:
        """Replace the reference graph of ``source`` (e.g. Federal Register rules) atomically."""
        name = ids.reference_graph(source)
        self.replace_graph(name, graph)
        return name

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store opened read-only")

    # -- reading ----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              timeout: float | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs.

        ``bindings`` are substituted as values (SEP-0007), never pasted into the text.
        With ``timeout`` (seconds) a query that runs longer raises
        :class:`~chipgraph.errors.QueryTimeoutError`; its worker thread is abandoned.
        """
        if timeout is None:
            return self._query(sparql, bindings)
        box: dict[str, object] = {}

        def work() -> None:
            try:
                box["result"] = self._query(sparql, bindings)
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=work, name="chipgraph-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise QueryTimeoutError(f"query timed out after {timeout:g} s (no result returned)")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["result"]  # type: ignore[return-value]

    def lexical_rows(self, sparql: str, bindings: Mapping[str, Node] | None = None
                     ) -> Iterator[tuple[str | None, ...]]:
        """The rows of a SELECT as tuples of lexical forms (``None`` where unbound), in the
        order of its projected variables, streamed from Oxigraph without building rdflib
        terms: for whole-graph reads (analytics, views) where a term per cell would cost
        more than the query."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            res = self._ox.query(sparql, use_default_graph_as_union=True, substitutions=subs,
                                 prefixes=_prefixes())
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError) as exc:  # as in query(): e.g. an unprojected binding
            raise QueryError(f"query failed: {exc}") from exc
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("lexical_rows needs a SELECT query")
        names = [v.value for v in res.variables]
        for sol in res:
            yield tuple(None if (t := sol[n]) is None else t.value for n in names)

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            res = self._ox.query(sparql, use_default_graph_as_union=True, substitutions=subs,
                                 prefixes=_prefixes())
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            # e.g. a binding for a variable the query does not project (Oxigraph applies
            # bindings to projected variables only)
            raise QueryError(f"query failed: {exc}") from exc
        return _result(res)

    def __len__(self) -> int:
        return len(self._ox)


    def named_graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def nquads(self, *, include_ontology: bool = False) -> bytes:
        """All quads as sorted N-Quads: a canonical, byte-for-byte reproducible dump."""
        return canonical_nquads(self._ox.dump(format=ox.RdfFormat.N_QUADS),
                                include_ontology=include_ontology)

    def dataset(self, *, include_ontology: bool = False) -> Dataset:
        return nquads_dataset(self.nquads(include_ontology=include_ontology))

    def union_graph(self, *, include_ontology: bool = False) -> Graph:
        """All graphs merged into one rdflib graph (for SHACL and Turtle)."""
        return union_of(self.dataset(include_ontology=include_ontology))

    def export(self, fmt: ExportFormat, *, include_ontology: bool = False) -> bytes:
        """Serialise the store; the same graph gives the same bytes."""
        return export_nquads(self.nquads(include_ontology=include_ontology), fmt)


# -- exports shared by the embedded and the remote store ---------------------------------
def canonical_nquads(data: bytes, *, include_ontology: bool = False) -> bytes:
    """N-Quads (as Oxigraph writes them) sorted and deduplicated, ontology graph optional."""
    skip = f"<{ids.ONTOLOGY_GRAPH}> .".encode()
    internal = f"<{ledger.LEDGER_GRAPH}> .".encode()
    lines = sorted({ln for ln in data.split(b"\n")
                    if ln and not ln.endswith(internal) and (include_ontology or not ln.endswith(skip))})
    return b"".join(ln + b"\n" for ln in lines)


def nquads_dataset(nquads: bytes) -> Dataset:
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    for p, ns in _prefixes().items():
        ds.bind(p, ns, override=True)
    return ds


def union_of(ds: Dataset) -> Graph:
    g = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    return g


def export_nquads(nquads: bytes, fmt: str) -> bytes:
    """Canonical N-Quads -> ``fmt``, byte-for-byte stable across runs and machines.

    rdflib orders the graphs of a TriG or JSON-LD dataset by Python hash (it varies with
    PYTHONHASHSEED), so TriG is written by Oxigraph from sorted quads, and JSON-LD's
    graphs and nodes are sorted by ``@id`` after rdflib compacts it.
    """
    if fmt == "nquads":
        return nquads
    if fmt == "trig":
        quads = sorted(ox.parse(nquads, format=ox.RdfFormat.N_QUADS),
                       key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        # no doc: prefix here: its IRIs have path segments that Oxigraph would escape (\/)
        prefixes = {p: ns for p, ns in sorted(_prefixes().items()) if p != "doc"}
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    if fmt == "turtle":
        return union_of(nquads_dataset(nquads)).serialize(format="turtle").encode()
    if fmt == "jsonld":
        doc = json.loads(nquads_dataset(nquads).serialize(format="json-ld", context=_prefixes()))
        return (json.dumps(_sorted_jsonld(doc), indent=1, sort_keys=True, ensure_ascii=False)
                + "\n").encode("utf-8")
    raise StoreError(f"unknown export format {fmt!r}")


def _sorted_jsonld(node):
    """Every ``@graph`` array sorted by ``@id``, recursively."""
    if isinstance(node, dict):
        out = {k: _sorted_jsonld(v) for k, v in node.items()}
        if isinstance(out.get("@graph"), list):
            out["@graph"] = sorted(out["@graph"], key=lambda n: json.dumps(n, sort_keys=True))
        return out
    if isinstance(node, list):
        return [_sorted_jsonld(v) for v in node]
    return node


# -- reference graphs ---------------------------------------------------------------------
FEDERAL_REGISTER = "federal-register-bis"
_FR_URL = re.compile(r"^https://www\.federalregister\.gov/documents/[A-Za-z0-9/_.-]+$")


def federal_register_graph(csv_path: str | Path) -> Graph:
    """The Federal Register BIS/EAR documents CSV as RDF: one ``schema:Legislation`` per
    notice (IRI: its federalregister.gov address) with number, title and publication date.

    Load it with ``store.load_reference(FEDERAL_REGISTER, federal_register_graph(path))``.
    """
    import csv

    from rdflib import Literal
    from rdflib.namespace import DCTERMS, XSD

    from .vocab import SCHEMA

    g = bind_prefixes(Graph())
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            url, date = row.get("federalregister_url", ""), row.get("publication_date", "")
            if not _FR_URL.match(url) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                continue  # not a notice we can cite: skip rather than mint a bad IRI
            fr = URIRef(url)
            g.add((fr, RDF.type, SCHEMA.Legislation))
            g.add((fr, DCTERMS.identifier, Literal(row["fr_document_number"])))
            g.add((fr, DCTERMS.title, Literal(row["title"])))
            g.add((fr, SCHEMA.datePublished, Literal(date, datatype=XSD.date)))
            g.add((fr, SCHEMA.publisher, Literal("Federal Register")))
    return g


def _result(res) -> QueryResult:
    """A pyoxigraph result, fully read, as a :class:`QueryResult` of rdflib terms."""
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        names = tuple(v.value for v in res.variables)
        rows = tuple({n: from_ox(sol[n]) for n in names} for sol in res)
        return QueryResult("select", variables=names, rows=rows)
    g = bind_prefixes(Graph())
    for t in res:
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return QueryResult("graph", graph=g)


def _prefixes() -> dict[str, str]:
    from .terms import sparql_prefixes

    return sparql_prefixes()


__all__ = ["Store", "QueryResult", "ExportFormat", "Outcome", "FEDERAL_REGISTER", "federal_register_graph",
           "canonical_nquads", "export_nquads"]
