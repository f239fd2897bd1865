"""The embedded store: Oxigraph (RocksDB on disk), one named graph per document.

Layout of the dataset:

* ``graph/doc/<slug>``: one document's facts and evidence (see :mod:`chipgraph.rdf`);
* ``graph/entities``: derived state, the preferred label of each entity across documents;
* ``graph/ontology``: the ontology, so queries can read class labels and hierarchy.

Queries see the union of all graphs as their default graph.  Writing a document is
crash-safe: its triples go into a staging graph in one transaction, then a single SPARQL
``MOVE`` (one transaction) replaces the document's graph, so a reader sees either the old
or the new version, never half of one.

Only one process may open an on-disk store for writing (RocksDB's lock);
:class:`~chipgraph.errors.StoreLockedError` says so.  Readers in other processes use
``read_only=True``.
"""
from __future__ import annotations

import json
import os

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
import re
import threading
from pathlib import Path
from typing import Literal as Lit

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from . import ids
from .errors import QueryError, QueryTimeoutError, StoreError, StoreLockedError
from .model import Extraction
from .rdf import bind_prefixes, content_hash, document_triples, preferred_label
from .terms import from_ox, to_ox
from .vocab import CG, ontology_graph

ExportFormat = Lit["turtle", "trig", "nquads", "jsonld"]
Outcome = Lit["added", "replaced", "unchanged"]

_LABELS_QUERY = """
SELECT ?e ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }
} GROUP BY ?e ?label
"""
_ALL_LABELS = """
SELECT ?e ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?doc <%s> ?e . ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }
} GROUP BY ?e ?label
""" % CG.mentions
_DOC_STATE = """
SELECT ?doc ?hash ?version WHERE {
  GRAPH ?g { ?doc <%s> ?hash ; <%s> ?version }
}
""" % (CG.contentHash, CG.extractorVersion)
_DOC_ENTITIES = "SELECT DISTINCT ?doc ?e WHERE { GRAPH ?g { ?doc <%s> ?e } }" % CG.mentions
#: An entity the document mentions has no preferred label among its labels (a write that
#: stopped between the document and the label refresh).
LABELS_MISSING = """
ASK {
  GRAPH %%s { %%s <%s> ?e }
  FILTER NOT EXISTS {
    GRAPH <%s> { ?e <%s> ?l }
    GRAPH ?lg { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }
  }
}
""" % (CG.mentions, ids.ENTITIES_GRAPH, SKOS.prefLabel)
_LABELS_MISSING = LABELS_MISSING % ("?dg", "?doc")


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
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here (run `chipgraph ingest` first)")
                self._ox = ox.Store.read_only(str(self.path))
            else:
                # chipgraph's own lock first: `chipgraph serve` holds it while its Oxigraph
                # server reads the folder read-only (RocksDB's lock does not cover that).
                self._lock = StoreLock.acquire(self.path)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            if self._lock is not None:
                self._lock.release()
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLockedError(_locked_message(self.path)) from exc
            raise StoreError(f"{self.path}: cannot open the store: {text}") from exc
        if not read_only:
            self._ensure_ontology()

    # -- lifecycle --------------------------------------------------------------
    def close(self) -> None:
        if not self.read_only:
            self._ox.flush()
        del self._ox
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def _ensure_ontology(self) -> None:
        g = ox.NamedNode(str(ids.ONTOLOGY_GRAPH))
        want = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in ontology_graph()}
        have = set(self._ox.quads_for_pattern(None, None, None, g))
        if want != have:
            self._replace_graph(ids.ONTOLOGY_GRAPH, want)

    def _replace_graph(self, name: URIRef, quads: Iterable[ox.Quad]) -> None:
        """Atomically replace graph ``name`` with ``quads`` (given in any graph)."""
        staging = ox.NamedNode(str(name) + "/staging")
        if self._ox.contains_named_graph(staging):  # left by an interrupted earlier write
            self._ox.remove_graph(staging)
        self._ox.extend(ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads)
        # Both IRIs are minted by chipgraph.ids, never from input text.
        self._ox.update(f"MOVE SILENT GRAPH <{staging.value}> TO GRAPH <{name}>")

    def document_state(self, doc_key: str) -> tuple[str, str] | None:
        rows = self._ox.query(_DOC_STATE, use_default_graph_as_union=True, substitutions={
            ox.Variable("doc"): ox.NamedNode(str(ids.document_iri(doc_key)))})
        for r in rows:
            return r["hash"].value, r["version"].value
        return None

    def add_extraction(self, ex: Extraction, *, extractor_version: str) -> Outcome:
        """Write one document's extraction; a changed document replaces its older version."""
        self._check_writable()
        key = ex.document.key
        state = self.document_state(key)
        if state == (content_hash(ex.document.text), extractor_version):
            if self._labels_missing(key):  # an earlier write stopped before its labels
                self._refresh_labels(self._document_entities(key))
            return "unchanged"
        before = self._document_entities(key) if state else set()
        g = document_triples(ex, extractor_version=extractor_version)
        name = ox.NamedNode(str(ids.document_graph(key)))
        self._replace_graph(ids.document_graph(key),
                            (ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in g))
        after = {ids.entity_iri(e.key) for e in ex.entities}
        self._refresh_labels(before | after)
        return "replaced" if state else "added"

    def bulk_add(self, extractions: Iterable[Extraction], *, extractor_version: str) -> int:
        """Load many new documents fast (a first load): no staging, labels computed once.

        Documents already in the store go through :meth:`add_extraction` instead.  Returns
        the number of documents written.
        """
        self._check_writable()
        fresh: list[ox.Quad] = []
        n = 0
        for ex in extractions:
            n += 1
            if self._ox.contains_named_graph(ox.NamedNode(str(ids.document_graph(ex.document.key)))):
                self.add_extraction(ex, extractor_version=extractor_version)
                continue
            name = ox.NamedNode(str(ids.document_graph(ex.document.key)))
            g = document_triples(ex, extractor_version=extractor_version)
            fresh.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in g)
        self._ox.bulk_extend(fresh)
        self._refresh_all_labels()
        return n

    def _refresh_all_labels(self) -> None:
        cands: dict[str, list[tuple[str, int]]] = {}
        for r in self._ox.query(_ALL_LABELS, use_default_graph_as_union=True):
            cands.setdefault(r["e"].value, []).append((r["label"].value, int(r["n"].value)))
        graph = ox.NamedNode(str(ids.ENTITIES_GRAPH))
        pref = to_ox(SKOS.prefLabel)
        self._replace_graph(ids.ENTITIES_GRAPH, (
            ox.Quad(ox.NamedNode(e), pref, ox.Literal(preferred_label(c)), graph) for e, c in cands.items()))

    def remove_document(self, doc_key: str) -> bool:
        """Retract a document and every fact only it supported."""
        self._check_writable()
        name = ox.NamedNode(str(ids.document_graph(doc_key)))
        if not self._ox.contains_named_graph(name):
            return False
        touched = self._document_entities(doc_key)
        self._ox.remove_graph(name)
        self._refresh_labels(touched)
        return True

    def _labels_missing(self, doc_key: str) -> bool:
        """Whether an entity of the document lacks a preferred label that is one of its labels."""
        return bool(self._ox.query(_LABELS_MISSING, use_default_graph_as_union=True, substitutions={
            ox.Variable("doc"): ox.NamedNode(str(ids.document_iri(doc_key))),
            ox.Variable("dg"): ox.NamedNode(str(ids.document_graph(doc_key)))}))

    def _document_entities(self, doc_key: str) -> set[URIRef]:
        rows = self._ox.query(_DOC_ENTITIES, use_default_graph_as_union=True, substitutions={
            ox.Variable("doc"): ox.NamedNode(str(ids.document_iri(doc_key)))})
        return {URIRef(r["e"].value) for r in rows}

    def _refresh_labels(self, entities: Iterable[URIRef]) -> None:
        graph = ox.NamedNode(str(ids.ENTITIES_GRAPH))
        pref = to_ox(SKOS.prefLabel)
        for ent in sorted(entities):
            e = ox.NamedNode(str(ent))
            rows = self._ox.query(_LABELS_QUERY, substitutions={ox.Variable("e"): e})
            cands = [(r["label"].value, int(r["n"].value)) for r in rows]
            old = list(self._ox.quads_for_pattern(e, pref, None, graph))
            new = [ox.Quad(e, pref, ox.Literal(preferred_label(cands)), graph)] if cands else []
            if old == new:
                continue
            self._ox.extend(new)
            for q in old:
                if q not in new:
                    self._ox.remove(q)

    def load_reference(self, source: str, graph: Graph) -> URIRef:
        """Replace the reference graph of ``source`` (e.g. Federal Register rules) atomically."""
        self._check_writable()
        name = ids.reference_graph(source)
        g = ox.NamedNode(str(name))
        self._replace_graph(name, (ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph))
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
    lines = sorted({ln for ln in data.split(b"\n")
                    if ln and (include_ontology or not ln.endswith(skip))})
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
    from .rdf import PREFIXES

    return dict(PREFIXES) | {"rdf": str(RDF)}


__all__ = ["Store", "QueryResult", "ExportFormat", "FEDERAL_REGISTER", "federal_register_graph",
           "canonical_nquads", "export_nquads"]
