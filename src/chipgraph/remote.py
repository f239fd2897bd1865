"""A store behind a SPARQL 1.1 endpoint: Oxigraph server, ``chipgraph serve``, Fuseki,
GraphDB or Virtuoso.

:class:`RemoteStore` offers the methods of :class:`~chipgraph.store.Store` that the CLI and
the pipeline use.  Writing uses the standard protocols only:

* the write algorithm is :mod:`chipgraph.writer`'s, shared with the embedded store; a batch
  is written as one Graph Store Protocol ``PUT`` per document graph (an atomic replace on
  the server), then one SPARQL Update request for the entities graph and the ledger (atomic
  too).  A write stopped between the two leaves a document whose ledger entry is older than
  its graph: the next ingest of it re-counts its entities (and reports it unchanged);
* a write carries ``Authorization: Bearer <token>`` when a token is given (or set in
  ``CHIPGRAPH_TOKEN``): ``chipgraph serve --allow-update`` asks for it.

Reading: bindings cannot be sent as SEP-0007 substitutions to other servers, so they are
appended as a trailing ``VALUES`` clause (SPARQL 1.1, §10.2.2) built from RDF terms
serialised here (IRIs are checked, literals escaped): user text is never pasted into the
query.  A response is read completely and parsed before it is trusted: a body cut short
(Oxigraph answers a timed-out query with ``200`` and truncated JSON) raises
:class:`~chipgraph.errors.QueryTimeoutError`; a row count exactly at a known server cap
(Virtuoso's 10,000) or a server limit header marks the result ``truncated`` with a warning;
readers that need a whole answer (:meth:`RemoteStore.named_graphs`, the exports, label
refresh) raise :class:`~chipgraph.errors.ResultLimitError` on such a result instead.

Endpoint layout (derived from the URL, or given explicitly):

* ``http://host:7878`` (Oxigraph, ``chipgraph serve``): ``/query``, ``/update``, ``/store``;
* ``http://host:3030/ds`` (Fuseki): ``/ds/query``, ``/ds/update``, ``/ds/data``;
* ``http://host:7200/repositories/R`` (GraphDB): the repository, ``/statements``,
  ``/rdf-graphs/service``;
* ``http://host:8890/sparql`` (Virtuoso): ``/sparql`` for both, ``/sparql-graph-crud-auth``.

Queries assume the default graph is the union of all graphs (Oxigraph
``--union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB and Virtuoso do this already).
"""
from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from . import ids
from .errors import QueryError, QueryTimeoutError, ResultLimitError, StoreError
from .model import Extraction
from . import ledger
from .rdf import bind_prefixes
from .sparql import internal_query
from .store import (ExportFormat, QueryResult, _prefixes, canonical_nquads, export_nquads,
                    nquads_dataset, union_of)
from .terms import from_ox, to_ox
from .writer import Change, Outcome, add_in_batches, plan_add, plan_remove

#: Row caps that servers apply silently by default (Virtuoso's ResultSetMaxRows).
KNOWN_ROW_LIMITS = (10_000,)
#: Headers by which servers announce a row cap, and whether an answer of exactly that many
#: rows may be cut: Virtuoso cuts silently at its cap; ``chipgraph serve`` refuses (422) an
#: answer larger than its limit, so one of exactly the limit is complete.
LIMIT_HEADERS = {"x-sparql-maxrows": True, "x-chipgraph-result-limit": False}
CANCELLED = b"The SPARQL operation has been cancelled"  # Oxigraph's timeout message

_SELECT = "application/sparql-results+json"
_GRAPH = "application/n-triples, text/turtle;q=0.9"
_IRI_OK = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_BATCH = 400


def sparql_term(term: Node) -> str:
    """An RDF term as SPARQL text, safe to place in a query."""
    if isinstance(term, URIRef):
        if not _IRI_OK.match(str(term)):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.datatype and not _IRI_OK.match(str(term.datatype)):
            raise QueryError(f"not a valid datatype IRI: {str(term.datatype)!r}")
        return str(to_ox(term))  # Oxigraph writes it as N-Triples: quotes, \\ and line breaks escaped
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be passed as a binding")
    raise QueryError(f"cannot pass {term!r} as a binding")


def values_clause(bindings: Mapping[str, Node]) -> str:
    names = sorted(bindings)
    for n in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise QueryError(f"bad variable name {n!r}")
    row = " ".join(sparql_term(bindings[n]) for n in names)
    return "\nVALUES (" + " ".join("?" + n for n in names) + ") { (" + row + ") }\n"


def values_rows(name: str, terms) -> str:
    """A trailing ``VALUES ?name { … }`` clause with one row per term (serialised here)."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"bad variable name {name!r}")
    return f"\nVALUES ?{name} {{ " + " ".join(sparql_term(t) for t in terms) + " }\n"


def prefix_block() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _prefixes().items())


def query_form(sparql: str) -> tuple[str | None, set[str] | None]:
    """(``SELECT``/``ASK``/``CONSTRUCT``/``DESCRIBE``, projected variables) of a query.

    Uses rdflib's parser; a query it cannot parse (newer syntax) is left to the endpoint.
    """
    from rdflib.plugins.sparql import algebra, parser

    try:
        q = algebra.translateQuery(parser.parseQuery(prefix_block() + sparql))
    except Exception:  # rdflib's grammar lags servers; let the endpoint judge
        body = re.sub(r"#[^\n]*", "", re.sub(r"(?is)^\s*((PREFIX|BASE)\s+\S*\s*<[^>]*>\s*)*", "", sparql))
        m = _FORM.search(body)
        return (m.group(1).upper() if m else None), None
    name = q.algebra.name
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(name)
    pv = {str(v) for v in q.algebra.get("PV", [])} if form == "SELECT" else None
    return form, pv


def _layout(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    if path.endswith("/sparql"):  # Virtuoso
        return at(path), at(path), at(path + "-graph-crud-auth")
    if "/repositories/" in path:  # GraphDB / RDF4J
        return at(path), at(path + "/statements"), at(path + "/rdf-graphs/service")
    if path:  # Fuseki dataset
        return at(path + "/query"), at(path + "/update"), at(path + "/data")
    return at("/query"), at("/update"), at("/store")  # Oxigraph, chipgraph serve


def _term(b: dict) -> Node:
    kind, value = b.get("type"), b.get("value")
    if kind == "uri":
        return URIRef(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in b:
            return Literal(value, lang=b["xml:lang"])
        dt = b.get("datatype")
        return Literal(value, datatype=URIRef(dt)) if dt and not dt.endswith("#string") else Literal(value)
    if kind == "bnode":
        return BNode(value)
    raise QueryError(f"unexpected term in the endpoint's answer: {b!r}")


class RemoteStore:
    """A chipgraph store behind a SPARQL 1.1 endpoint (see the module docstring)."""

    def __init__(self, url: str, *, read_only: bool = False, token: str | None = None,
                 timeout: float = 60.0, query_url: str | None = None,
                 update_url: str | None = None, gsp_url: str | None = None,
                 row_limits: Iterable[int] = KNOWN_ROW_LIMITS):
        self.url = url
        self.read_only = read_only
        q, u, g = _layout(url)
        self.query_url, self.update_url, self.gsp_url = query_url or q, update_url or u, gsp_url or g
        self.token = token if token is not None else os.environ.get("CHIPGRAPH_TOKEN")
        self.timeout = timeout
        self.row_limits = tuple(row_limits)
        self._ontology_checked = False
        self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0),
                                  headers={"User-Agent": "chipgraph"})

    # -- lifecycle --------------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # -- HTTP -------------------------------------------------------------------
    def _send(self, method: str, url: str, *, write: bool = False, **kw) -> httpx.Response:
        headers = kw.pop("headers", {})
        if write:
            if self.read_only:
                raise StoreError(f"{self.url}: store opened read-only")
            if self.token:
                headers["Authorization"] = f"Bearer {self.token}"
        try:
            resp = self._http.request(method, url, headers=headers, **kw)
        except httpx.TimeoutException as exc:
            raise QueryTimeoutError(f"{self.url}: no answer within {self.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.url}: cannot reach the endpoint: {exc}") from exc
        if write and resp.status_code in (401, 403):
            hint = ("set CHIPGRAPH_TOKEN to the token `chipgraph serve --allow-update` printed"
                    if not self.token else "the token was refused")
            raise StoreError(f"{self.url}: the endpoint refused the write "
                             f"(HTTP {resp.status_code}: {resp.text.strip()[:200]}); {hint}")
        return resp

    def _update(self, sparql: str) -> None:
        resp = self._send("POST", self.update_url, write=True, content=sparql.encode("utf-8"),
                          headers={"Content-Type": "application/sparql-update"})
        if resp.status_code >= 300:
            raise StoreError(f"{self.url}: update failed (HTTP {resp.status_code}): {resp.text[:300]}")

    # -- reading ----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              timeout: float | None = None) -> QueryResult:
        """Run SPARQL on the endpoint; ``bindings`` go in a trailing ``VALUES`` clause."""
        form, projected = query_form(sparql)
        text = prefix_block() + sparql
        if bindings:
            if projected is not None:
                missing = sorted(set(bindings) - projected)
                if missing:
                    raise QueryError(f"query failed: bindings for variables the query does not "
                                     f"select: {', '.join('?' + m for m in missing)}")
            text += values_clause(bindings)
        accept = _GRAPH if form in ("CONSTRUCT", "DESCRIBE") else _SELECT
        deadline = timeout or self.timeout
        started = time.monotonic()
        try:
            with self._http.stream("POST", self.query_url, data={"query": text},
                                   headers={"Accept": accept},
                                   timeout=httpx.Timeout(deadline, connect=10.0)) as resp:
                chunks = []
                for chunk in resp.iter_bytes():
                    chunks.append(chunk)
                    if time.monotonic() - started > deadline:
                        raise QueryTimeoutError(f"query timed out after {deadline:g} s "
                                                f"(no result returned)")
                body = b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise QueryTimeoutError(f"query timed out after {deadline:g} s (no result returned)") from exc
        except httpx.ConnectError as exc:
            raise StoreError(f"{self.url}: cannot reach the endpoint: {exc}") from exc
        except httpx.HTTPError as exc:
            raise QueryError(f"{self.url}: the endpoint's answer broke off: {exc}") from exc
        return self._read_result(resp, body)

    def _read_result(self, resp: httpx.Response, body: bytes) -> QueryResult:
        status, ctype = resp.status_code, resp.headers.get("content-type", "").split(";")[0].strip()
        kind = resp.headers.get("x-chipgraph-error", "")
        if status >= 400:
            message = body.decode("utf-8", "replace").strip()[:500]
            if kind == "timeout" or status in (503, 504) and "time" in message.lower():
                raise QueryTimeoutError(f"{self.url}: {message}")
            if kind == "result-limit":
                raise ResultLimitError(f"{self.url}: {message}")
            raise QueryError(f"{self.url}: HTTP {status}: {message}")
        if body.rstrip().endswith(CANCELLED):
            raise QueryTimeoutError(f"{self.url}: the query timed out on the server "
                                    f"(its answer was cut off)")
        if ctype in ("application/sparql-results+json", "application/json"):
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise QueryError(f"{self.url}: incomplete or invalid JSON result (the query "
                                 f"probably timed out on the server): {exc}") from exc
            res = self._json_result(data)
        else:
            res = self._graph_result(body, ctype)
        return self._check_limit(res, resp.headers)

    def _json_result(self, data: dict) -> QueryResult:
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        try:
            names = tuple(data["head"]["vars"])
            rows = tuple({n: (_term(b[n]) if n in b else None) for n in names}
                         for b in data["results"]["bindings"])
        except (KeyError, TypeError) as exc:
            raise QueryError(f"{self.url}: malformed SPARQL JSON result: {exc}") from exc
        return QueryResult("select", variables=names, rows=rows)

    def _graph_result(self, body: bytes, ctype: str) -> QueryResult:
        fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
        if fmt is None:
            raise QueryError(f"{self.url}: unexpected result type {ctype!r}")
        g = bind_prefixes(Graph())
        try:
            for t in ox.parse(body, format=fmt):
                g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        except SyntaxError as exc:
            raise QueryError(f"{self.url}: incomplete or invalid RDF result (the query "
                             f"probably timed out on the server): {exc}") from exc
        return QueryResult("graph", graph=g)

    def _check_limit(self, res: QueryResult, headers) -> QueryResult:
        n = len(res) if res.kind != "ask" else 0
        for h, silent in LIMIT_HEADERS.items():
            if h in headers:
                try:
                    cap = int(headers[h])
                except ValueError:
                    continue
                if n > cap or (silent and n == cap):
                    return _flag(res, f"{n} rows: the endpoint caps results at {cap} rows, "
                                      f"so this answer may be incomplete")
        if res.kind == "select" and n in self.row_limits:
            return _flag(res, f"exactly {n} rows, a common server row cap: this answer may be "
                              f"incomplete (page with LIMIT/OFFSET to be sure)")
        return res

    def document_state(self, doc_key: str) -> tuple[str, str] | None:
        return self.document_states([doc_key]).get(doc_key)

    def document_states(self, keys) -> dict[str, tuple[str, str]]:
        out = {}
        for key in keys:
            res = self.query(internal_query("document_state"), {"doc": ids.document_iri(key)})
            for r in res:
                out[key] = (str(r["hash"]), str(r["version"]))
        return out

    def ledger_values(self, nodes) -> dict[str, str]:
        out: dict[str, str] = {}
        nodes = list(nodes)
        for i in range(0, len(nodes), _BATCH):
            q = internal_query("ledger_values") + values_rows("node", [URIRef(n) for n in nodes[i:i + _BATCH]])
            for r in self._complete(q):
                out[str(r["node"])] = str(r["value"])
        return out

    def _complete(self, sparql: str) -> QueryResult:
        """A query whose whole answer is needed: a possibly cut answer raises."""
        res = self.query(sparql)
        if res.truncated:
            raise ResultLimitError(f"{self.url}: {res.warning}; chipgraph needs the whole answer "
                                   f"here (raise the endpoint's row limit)")
        return res

    def named_graphs(self) -> list[URIRef]:
        res = self._complete("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in res if isinstance(r["g"], URIRef))

    def __len__(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0]["n"])

    # -- writing ----------------------------------------------------------------
    def add_extraction(self, ex: Extraction, *, extractor_version: str) -> Outcome:
        return self.add_extractions([ex], extractor_version=extractor_version)[0]

    def add_extractions(self, extractions, *, extractor_version: str) -> list[Outcome]:
        """Write a batch of documents (see the module docstring)."""
        if self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        change, outcomes = plan_add(self, extractions, extractor_version=extractor_version)
        if change:
            self._ensure_ontology()
            self.apply(change)
        return outcomes

    def bulk_add(self, extractions, *, extractor_version: str, batch: int = 64) -> int:
        return add_in_batches(self, extractions, extractor_version=extractor_version, batch=batch)

    def apply(self, change: Change) -> None:
        """Document graphs by GSP ``PUT``/``DELETE``, then the entity layer in one update."""
        for name, quads in change.graphs.items():
            self._put(name, (ox.Triple(q.subject, q.predicate, q.object) for q in quads))
        for name in sorted(change.drop):
            resp = self._send("DELETE", self.gsp_url, write=True, params={"graph": name})
            if resp.status_code >= 300 and resp.status_code != 404:
                raise StoreError(f"{self.url}: removing <{name}> failed (HTTP {resp.status_code}): "
                                 f"{resp.text[:300]}")
        self._apply_entities(change)

    def _apply_entities(self, change: Change) -> None:
        if not change.facts and not change.ledger:
            return
        eg, lg = sparql_term(ids.ENTITIES_GRAPH), sparql_term(URIRef(ledger.LEDGER_GRAPH))
        value = sparql_term(URIRef(ledger.VALUE.value))
        parts = []
        if change.facts:
            subjects = " ".join(sparql_term(URIRef(s)) for s in sorted(change.facts))
            parts.append(f"DELETE {{ GRAPH {eg} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {subjects} }} "
                         f"GRAPH {eg} {{ ?s ?p ?o }} }}")
        if change.ledger:
            nodes = " ".join(sparql_term(URIRef(n)) for n in sorted(change.ledger))
            parts.append(f"DELETE {{ GRAPH {lg} {{ ?n {value} ?v }} }} WHERE {{ VALUES ?n {{ {nodes} }} "
                         f"GRAPH {lg} {{ ?n {value} ?v }} }}")
        facts = " ".join(f"{sparql_term(URIRef(s))} {sparql_term(from_ox(p))} {sparql_term(from_ox(o))} ."
                         for s, fs in sorted(change.facts.items()) for p, o in fs)
        notes = " ".join(f"{sparql_term(URIRef(n))} {value} {sparql_term(Literal(v))} ."
                         for n, v in sorted(change.ledger.items()) if v is not None)
        parts.append(f"INSERT DATA {{ GRAPH {eg} {{ {facts} }} GRAPH {lg} {{ {notes} }} }}")
        self._update(";\n".join(parts))

    def put_graph(self, name: URIRef, graph: Iterable[tuple[Node, Node, Node]]) -> None:
        """Replace graph ``name`` with ``graph`` (Graph Store Protocol PUT)."""
        self._put(str(name), (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph))

    def _put(self, name: str, triples) -> None:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        # N-Triples is Turtle: every GSP server accepts text/turtle.
        resp = self._send("PUT", self.gsp_url, write=True, params={"graph": name},
                          content=data, headers={"Content-Type": "text/turtle; charset=utf-8"})
        if resp.status_code >= 300:
            raise StoreError(f"{self.url}: writing graph <{name}> failed "
                             f"(HTTP {resp.status_code}): {resp.text[:300]}")

    def _ensure_ontology(self) -> None:
        """Write the ontology graph when the endpoint lacks this version of it."""
        if self._ontology_checked:
            return
        from rdflib.namespace import OWL

        from .vocab import ONTOLOGY_IRI, ontology_graph

        onto = ontology_graph()
        version = onto.value(ONTOLOGY_IRI, OWL.versionInfo)
        probe = (f"ASK {{ GRAPH {sparql_term(ids.ONTOLOGY_GRAPH)} {{ {sparql_term(ONTOLOGY_IRI)} "
                 f"{sparql_term(OWL.versionInfo)} {sparql_term(version)} }} }}")
        if not self.query(probe).boolean:
            self.put_graph(ids.ONTOLOGY_GRAPH, onto)
        self._ontology_checked = True

    def remove_document(self, doc_key: str) -> bool:
        """Retract a document (its named graph) and every fact only it supported."""
        if self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        graph = str(ids.document_graph(doc_key))
        present = {graph} if URIRef(graph) in self.named_graphs() else set()
        change = plan_remove(self, [doc_key], present)
        if not change:
            return False
        self.apply(change)
        return bool(present)

    def replace_graph(self, name: URIRef, graph: Iterable[tuple[Node, Node, Node]]) -> None:
        """Atomically replace a named graph that is not a document's (reference data)."""
        if str(name).startswith(ids.BASE + "graph/doc/") or str(name) in (
                str(ids.ENTITIES_GRAPH), ledger.LEDGER_GRAPH):
            raise StoreError(f"<{name}> is kept by chipgraph itself; it cannot be replaced")
        self.put_graph(name, graph)

    def load_reference(self, source: str, graph: Graph) -> URIRef:
        name = ids.reference_graph(source)
        self.replace_graph(name, graph)
        return name

    # -- export -----------------------------------------------------------------
    def nquads(self, *, include_ontology: bool = False) -> bytes:
        """Every named graph fetched with the Graph Store Protocol, as canonical N-Quads."""
        out = []
        for name in self.named_graphs():
            if (name == ids.ONTOLOGY_GRAPH and not include_ontology) or str(name) == ledger.LEDGER_GRAPH:
                continue
            resp = self._send("GET", self.gsp_url, params={"graph": str(name)},
                              headers={"Accept": "application/n-triples"})
            if resp.status_code >= 300:
                raise StoreError(f"{self.url}: reading <{name}> failed (HTTP {resp.status_code})")
            g = ox.NamedNode(str(name))
            try:
                quads = [ox.Quad(t.subject, t.predicate, t.object, g)
                         for t in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES)]
            except SyntaxError as exc:
                raise StoreError(f"{self.url}: graph <{name}> arrived incomplete: {exc}") from exc
            out.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        return canonical_nquads(b"".join(out), include_ontology=include_ontology)

    def dataset(self, *, include_ontology: bool = False):
        return nquads_dataset(self.nquads(include_ontology=include_ontology))

    def union_graph(self, *, include_ontology: bool = False) -> Graph:
        return union_of(self.dataset(include_ontology=include_ontology))

    def export(self, fmt: ExportFormat, *, include_ontology: bool = False) -> bytes:
        return export_nquads(self.nquads(include_ontology=include_ontology), fmt)


def _flag(res: QueryResult, warning: str) -> QueryResult:
    from dataclasses import replace

    return replace(res, truncated=True, warning=warning)


__all__ = ["RemoteStore", "ResultLimitError", "sparql_term", "values_clause", "KNOWN_ROW_LIMITS"]
