"""A store behind a SPARQL 1.1 endpoint: Oxigraph server, ``chipgraph serve``, Fuseki,
GraphDB or Virtuoso.

:class:`RemoteStore` offers the methods of :class:`~chipgraph.store.Store` that the CLI and
the pipeline use.  Writing uses the standard protocols only:

* the write algorithm is :mod:`chipgraph.writer`'s, shared with the embedded store; a batch
  is written as one Graph Store Protocol ``PUT`` per document graph (an atomic replace on
  the server), then one SPARQL Update request for the entities graph and the ledger (atomic
  too).  A write stopped between the two leaves a document whose ledger entry is older than
  its graph: the next ingest of it re-counts its entities and reports it repaired;
* writes authenticate as the store asks (:mod:`chipgraph.credentials`): a bearer token
  (``CHIPGRAPH_TOKEN``, for ``chipgraph serve --allow-update``), or a user and password
  (``CHIPGRAPH_USER``/``CHIPGRAPH_PASSWORD``, the URL's user-info, or netrc) sent with HTTP
  Digest or Basic after the server's challenge.  Reads carry nothing unless the server
  challenges them, so read-only commands work on stores that allow anonymous reads.
  Messages show the URL without its user-info.

Reading: bindings cannot be sent as SEP-0007 substitutions to other servers, so they go in
a ``VALUES`` block placed at the start of the query's ``WHERE`` group (found by a SPARQL
lexer that skips strings, IRIs and comments), built from RDF terms serialised here (IRIs
are checked, literals escaped): user text is never pasted into the query, and a bound
variable is bound before the group's ``FILTER``s run, as with Oxigraph's substitutions.
A response is read completely and parsed before it is trusted: a body cut short (Oxigraph
answers a timed-out query with ``200`` and truncated JSON) raises
:class:`~chipgraph.errors.QueryTimeoutError`, as does Virtuoso's ``SR171 Transaction timed
out``; a row count exactly at a known server cap (Virtuoso's 10,000) or a server limit
header marks the result ``truncated`` with a warning; readers that need a whole answer
(:meth:`RemoteStore.named_graphs`, the exports, label refresh) raise
:class:`~chipgraph.errors.ResultLimitError` on such a result instead.

Only chipgraph's own named graphs (under ``{base}graph/``) are listed, counted, exported
and validated: a Virtuoso store's system graphs (``virtrdf#``, ``…/DAV/``, …) are not
chipgraph data.

Endpoint layout (derived from the URL, or given explicitly):

* ``http://host:7878`` (Oxigraph, ``chipgraph serve``): ``/query``, ``/update``, ``/store``;
* ``http://host:3030/ds`` (Fuseki): ``/ds/query``, ``/ds/update``, ``/ds/data``;
* ``http://host:7200/repositories/R`` (GraphDB): the repository, ``/statements``,
  ``/rdf-graphs/service``;
* ``http://host:8890/sparql`` (Virtuoso): queries to ``/sparql`` and Graph Store reads to
  ``/sparql-graph-crud`` (anonymous), updates to ``/sparql-auth`` and Graph Store writes to
  ``/sparql-graph-crud-auth`` (a user with ``SPARQL_UPDATE``; nothing is ever granted to the
  anonymous user, see docs/virtuoso.md).

Queries assume the default graph is the union of all graphs (Oxigraph
``--union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB and Virtuoso do this already).
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from . import ids
from .credentials import ChallengeAuth, credentials_for, redact
from .errors import redact_text
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
#: How servers say a query ran out of time (Virtuoso: SR171, or S1TAT for a partial answer).
_TIMEOUT_SIGNS = re.compile(r"\bSR171\b|Transaction timed out|\bS1TAT\b", re.I)
#: Virtuoso's answer to a write by a user without the SPARQL_UPDATE role.
_NO_PERMISSION = re.compile(r"\bSR186\b|No permission to execute", re.I)
SETUP = "see README 'Using Virtuoso' (docs/virtuoso.md)"
_MESSAGE_CHARS = 4000  # a server's message past this is an echo of the query, not news

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


def _variable(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"bad variable name {name!r}")
    return "?" + name


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A one-row ``VALUES`` clause of serialised terms (variables sorted by name)."""
    names = sorted(bindings)
    heads = " ".join(_variable(n) for n in names)
    row = " ".join(sparql_term(bindings[n]) for n in names)
    return "\nVALUES (" + heads + ") { (" + row + ") }\n"


def values_rows(name: str, terms) -> str:
    """A trailing ``VALUES ?name { … }`` clause with one row per term (serialised here)."""
    return f"\nVALUES {_variable(name)} {{ " + " ".join(sparql_term(t) for t in terms) + " }\n"


# -- placing bindings: a SPARQL lexer that finds the WHERE group's opening brace ----------
_LEX = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-.:]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
""", re.X | re.S)


def where_group_start(sparql: str) -> int | None:
    """The offset just inside the ``{`` that opens the query's ``WHERE`` group, or None.

    Strings, IRIs, comments and variables are skipped as tokens, so a brace or keyword
    inside them never counts; a CONSTRUCT template is stepped over.
    """
    form, depth, parens, template = None, 0, 0, False
    for m in _LEX.finditer(sparql):
        kind = m.lastgroup
        if kind == "other":
            parens += {"(": 1, ")": -1}.get(m.group(), 0)
            continue
        if kind in ("comment", "string", "iri", "var") or parens > 0:
            continue  # a brace inside ( … ) is an EXISTS in an expression, not the group
        if kind == "word":
            if form is None and m.group().upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = m.group().upper()
                template = form == "CONSTRUCT"
            elif template and depth == 0 and m.group().upper() == "WHERE":
                template = False  # CONSTRUCT WHERE { … }: the short form has no template
            continue
        if form is None:
            continue
        if kind == "open":
            if depth == 0 and not template:
                return m.end()
            depth += 1
        else:  # close
            depth -= 1
            if depth == 0 and template:
                template = False  # the template is over; the next top-level { is WHERE's
    return None


def _substitute_in_expressions(sparql: str, start: int, bindings: Mapping[str, Node]) -> str:
    """Bound variables inside ``FILTER`` and ``BIND`` expressions after ``start`` replaced by
    their serialised terms (never a ``BIND … AS ?x`` target).  A VALUES block at the start
    of the group does not reach a FILTER in a nested group (a UNION branch, an OPTIONAL):
    this makes those behave as Oxigraph's substitutions do."""
    terms = {name: sparql_term(term) for name, term in bindings.items()}
    out, last = [], 0
    active, level, opened, after_as = False, 0, False, False
    for m in _LEX.finditer(sparql, start):
        kind, tok = m.lastgroup, m.group()
        if kind == "word":
            up = tok.upper()
            if up in ("FILTER", "BIND") and not active:
                active, level, opened = True, 0, False
            after_as = up == "AS"
            continue
        if not active or kind == "comment" or tok.isspace():
            continue
        if kind == "open" or tok == "(":
            level, opened = level + 1, True
        elif kind == "close" or tok == ")":
            level -= 1
            if opened and level <= 0:
                active = False
        elif kind == "var" and tok[1:] in terms and not after_as:
            out += [sparql[last:m.start()], terms[tok[1:]]]
            last = m.end()
        after_as = False
    return "".join(out) + sparql[last:]


def with_bindings(sparql: str, bindings: Mapping[str, Node], *, rows: str = "") -> str:
    """``sparql`` with ``bindings`` as a ``VALUES`` block at the start of its WHERE group
    (after the WHERE clause when the query has no group, e.g. ``DESCRIBE <iri>``), and
    substituted in the group's FILTER and BIND expressions; ``rows``, a
    :func:`values_rows` block, goes at the start of the group too."""
    block = (values_clause(bindings) if bindings else "") + rows
    at = where_group_start(sparql)
    if at is None:
        return sparql + block
    if bindings:
        sparql = _substitute_in_expressions(sparql, at, bindings)
    return sparql[:at] + block + sparql[at:]


def prefix_block() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _prefixes().items())


def server_message(text: str) -> str:
    """A server's error text without chipgraph's PREFIX block (servers echo the query)."""
    ours = set(prefix_block().splitlines())
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if ln.rstrip() not in ours]
    out = "\n".join(lines).strip()
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out if len(out) <= _MESSAGE_CHARS else out[:_MESSAGE_CHARS] + " …"


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


@dataclass(frozen=True)
class Layout:
    """Where a store takes queries, updates and Graph Store reads and writes."""

    kind: str  # "virtuoso", "graphdb", "fuseki" or "oxigraph" (also ``chipgraph serve``)
    query: str
    update: str
    gsp: str  # Graph Store Protocol writes
    gsp_read: str  # Graph Store Protocol reads (anonymous where the store allows it)


def layout_of(url: str) -> Layout:
    """The endpoint layout of a store URL (its user-info dropped)."""
    parts = urlsplit(redact(url))
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    if path.endswith("/sparql") or path.endswith("/sparql-auth"):  # Virtuoso
        root = path.rsplit("/", 1)[0]
        return Layout("virtuoso", at(root + "/sparql"), at(root + "/sparql-auth"),
                      at(root + "/sparql-graph-crud-auth"), at(root + "/sparql-graph-crud"))
    if "/repositories/" in path:  # GraphDB / RDF4J
        service = at(path + "/rdf-graphs/service")
        return Layout("graphdb", at(path), at(path + "/statements"), service, service)
    if path:  # Fuseki dataset
        return Layout("fuseki", at(path + "/query"), at(path + "/update"), at(path + "/data"),
                      at(path + "/data"))
    return Layout("oxigraph", at("/query"), at("/update"), at("/store"), at("/store"))


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
                 gsp_read_url: str | None = None,
                 row_limits: Iterable[int] = KNOWN_ROW_LIMITS, env: Mapping[str, str] | None = None):
        self.url = redact(url)  # what messages show: never the user-info
        self.read_only = read_only
        lay = layout_of(url)
        self.kind = lay.kind
        self.query_url, self.update_url = query_url or lay.query, update_url or lay.update
        self.gsp_url = gsp_url or lay.gsp
        self.gsp_read_url = gsp_read_url or gsp_url or lay.gsp_read
        self.credentials = credentials_for(url, token=token, env=None if env is None else dict(env))
        self._write_auth = self.credentials.auth()
        # Reads answer a challenge only (a fresh state: nothing is sent before the server asks).
        self._read_auth = (ChallengeAuth(self.credentials.user, self.credentials.password or "")
                           if self.credentials.user else None)
        self.timeout = timeout
        self.row_limits = tuple(row_limits)
        self._ontology_checked = False
        self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0),
                                  headers={"User-Agent": "chipgraph"})

    @property
    def token(self) -> str | None:
        """The bearer token writes carry (``chipgraph serve --allow-update``), if any."""
        return self.credentials.token

    @token.setter
    def token(self, value: str | None) -> None:
        from dataclasses import replace

        self.credentials = (replace(self.credentials, token=value, source="token") if value
                            else credentials_for(self.url, env={}))
        self._write_auth = self.credentials.auth()

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
        if write and self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        auth = self._write_auth if write else self._read_auth
        try:
            return self._http.request(method, url, auth=auth or httpx.USE_CLIENT_DEFAULT, **kw)
        except httpx.TimeoutException as exc:
            raise QueryTimeoutError(f"{self.url}: no answer within {self.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.url}: cannot reach the endpoint: {redact_text(str(exc))}") from exc

    def _write(self, method: str, url: str, what: str, *, ok_missing: bool = False,
               **kw) -> httpx.Response:
        """A write request; a refusal raises with the server's message and a setup hint."""
        resp = self._send(method, url, write=True, **kw)
        if resp.status_code < 300 or (ok_missing and resp.status_code == 404):
            return resp
        message = server_message(resp.text)
        said = f"{message} " if message else ""
        raise StoreError(f"{self.url}: {said}(HTTP {resp.status_code}, {what}){self._hint(resp, message)}")

    def _hint(self, resp: httpx.Response, message: str) -> str:
        """What to set up, for the store in use, when a write is refused."""
        creds, status = self.credentials, resp.status_code
        if self.kind == "virtuoso":
            if _NO_PERMISSION.search(message):
                return f"; Virtuoso refused the write: the user needs SPARQL_UPDATE, {SETUP}"
            if status in (401, 403) and not creds.user:
                return (f"; Virtuoso asks for a user: set CHIPGRAPH_USER and CHIPGRAPH_PASSWORD "
                        f"(or a netrc entry) for a Virtuoso user with SPARQL_UPDATE, {SETUP}")
            if status in (401, 403):
                return (f"; Virtuoso refused user {creds.user!r} (from {creds.source}): a wrong "
                        f"password, or the user needs SPARQL_UPDATE, {SETUP}")
            return ""
        if status not in (401, 403):
            return ""
        if self.kind == "oxigraph":
            if creds.token:
                return "; the token was refused"
            return "; set CHIPGRAPH_TOKEN to the token `chipgraph serve --allow-update` printed"
        if creds.present:
            return f"; the credentials from {creds.source} were refused"
        return "; set CHIPGRAPH_USER and CHIPGRAPH_PASSWORD (or a netrc entry) for a user that may write"

    def _update(self, sparql: str) -> None:
        self._write("POST", self.update_url, "update", content=sparql.encode("utf-8"),
                    headers={"Content-Type": "application/sparql-update"})

    # -- reading ----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              timeout: float | None = None) -> QueryResult:
        """Run SPARQL on the endpoint; ``bindings`` go in a ``VALUES`` block at the start
        of the WHERE group (see the module docstring)."""
        form, projected = query_form(sparql)
        text = sparql
        if bindings:
            if projected is not None:
                missing = sorted(set(bindings) - projected)
                if missing:
                    raise QueryError(f"query failed: bindings for variables the query does not "
                                     f"select: {', '.join('?' + m for m in missing)}")
            text = with_bindings(sparql, bindings)
        text = prefix_block() + text
        accept = _GRAPH if form in ("CONSTRUCT", "DESCRIBE") else _SELECT
        deadline = timeout or self.timeout
        started = time.monotonic()
        try:
            with self._http.stream("POST", self.query_url, data={"query": text},
                                   headers={"Accept": accept},
                                   auth=self._read_auth or httpx.USE_CLIENT_DEFAULT,
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
            raise StoreError(f"{self.url}: cannot reach the endpoint: {redact_text(str(exc))}") from exc
        except httpx.HTTPError as exc:
            raise QueryError(f"{self.url}: the endpoint's answer broke off: {redact_text(str(exc))}") from exc
        return self._read_result(resp, body)

    def _read_result(self, resp: httpx.Response, body: bytes) -> QueryResult:
        status, ctype = resp.status_code, resp.headers.get("content-type", "").split(";")[0].strip()
        kind = resp.headers.get("x-chipgraph-error", "")
        if status >= 400:
            message = server_message(body.decode("utf-8", "replace"))
            if kind == "timeout" or _TIMEOUT_SIGNS.search(message) or (
                    status in (503, 504) and "time" in message.lower()):
                raise QueryTimeoutError(f"{self.url}: the query timed out on the server: {message}")
            if kind == "result-limit":
                raise ResultLimitError(f"{self.url}: {message}")
            if status in (401, 403):
                message += ("; the endpoint asks for credentials to read: set CHIPGRAPH_USER "
                            "and CHIPGRAPH_PASSWORD (or a netrc entry)"
                            if not self.credentials.present else
                            f"; the credentials from {self.credentials.source} were refused")
            raise QueryError(f"{self.url}: {message} (HTTP {status})")
        if _TIMEOUT_SIGNS.search(resp.headers.get("x-sql-state", "")):
            raise QueryTimeoutError(f"{self.url}: the query timed out on the server and its "
                                    f"answer is partial: {resp.headers.get('x-sql-message', '')}")
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
        if data.get("head", {}).get("vars") == ["__ASK_RETVAL"]:  # Virtuoso's answer to some ASKs
            rows = data.get("results", {}).get("bindings", [])
            value = rows[0].get("__ASK_RETVAL", {}).get("value") if rows else "0"
            return QueryResult("ask", boolean=value not in ("0", "false", None))
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

    def graph_sizes(self, *, page: int = 5000) -> dict[URIRef, int]:
        """chipgraph's named graphs (under its base IRI) and their triple counts; a store's
        own graphs (Virtuoso's ``virtrdf#``, ``…/DAV/``, …) are left out.  Listed in pages
        (keyset, no OFFSET), so a store with more graphs than its row cap is listed whole."""
        out: dict[URIRef, int] = {}
        base, after = Literal(ids.BASE + "graph/"), Literal("")
        while True:
            text = with_bindings(internal_query("graph_sizes"), {"base": base, "after": after})
            rows = self._complete(text + f"LIMIT {int(page)}\n").rows
            out.update((r["g"], int(r["n"])) for r in rows)
            if len(rows) < page:
                return out
            after = Literal(str(rows[-1]["g"]))

    def named_graphs(self) -> list[URIRef]:
        return sorted(self.graph_sizes())

    def __len__(self) -> int:
        """The quads in chipgraph's graphs (as the embedded store counts its own)."""
        return sum(self.graph_sizes().values())

    # -- writing ----------------------------------------------------------------
    def add_extraction(self, ex: Extraction, *, extractor_version: str) -> Outcome:
        return self.add_extractions([ex], extractor_version=extractor_version)[0]

    def add_extractions(self, extractions, *, extractor_version: str, prepared=None) -> list[Outcome]:
        """Write a batch of documents (see the module docstring); ``prepared`` as for
        :meth:`chipgraph.store.Store.add_extractions`."""
        if self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        change, outcomes = plan_add(self, extractions, extractor_version=extractor_version,
                                    prepared=prepared)
        if change:
            self._ensure_ontology()
            self.apply(change)
        return outcomes

    def bulk_add(self, extractions, *, extractor_version: str, batch: int = 64) -> int:
        return add_in_batches(self, extractions, extractor_version=extractor_version, batch=batch)

    def apply(self, change: Change) -> None:
        """Document graphs by GSP ``PUT``/``DELETE``, then the entity layer in one update."""
        for name in sorted(change.graphs.keys() | change.documents.keys()):
            self._put(name, (ox.Triple(q.subject, q.predicate, q.object) for q in change.graph_quads(name)))
        for name in sorted(change.drop):
            self._write("DELETE", self.gsp_url, f"removing <{name}>", ok_missing=True,
                        params={"graph": name})
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
        # Only non-empty graph blocks: Virtuoso refuses ``GRAPH <g> { }`` in INSERT DATA.
        blocks = [f"GRAPH {g} {{ {ts} }}" for g, ts in ((eg, facts), (lg, notes)) if ts]
        if blocks:
            parts.append(f"INSERT DATA {{ {' '.join(blocks)} }}")
        self._update(";\n".join(parts))

    def put_graph(self, name: URIRef, graph: Iterable[tuple[Node, Node, Node]]) -> None:
        """Replace graph ``name`` with ``graph`` (Graph Store Protocol PUT)."""
        self._put(str(name), (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph))

    def _put(self, name: str, triples) -> None:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        # N-Triples is Turtle: every GSP server accepts text/turtle.
        self._write("PUT", self.gsp_url, f"writing graph <{name}>", params={"graph": name},
                    content=data, headers={"Content-Type": "text/turtle; charset=utf-8"})

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
        exists = self.query(f"ASK {{ GRAPH {sparql_term(URIRef(graph))} {{ ?s ?p ?o }} }}").boolean
        present = {graph} if exists else set()
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
        """chipgraph's named graphs fetched with the Graph Store Protocol, as canonical
        N-Quads.  A graph that arrives with fewer triples than the store counts in it (a
        row cap on Graph Store reads, as Virtuoso's) is read again in pages; one that still
        comes short raises ResultLimitError.  The quads pass through an in-memory Oxigraph
        store, so literals are written exactly as the embedded store writes them (Virtuoso
        sends the double 3610 as ``3610.0``)."""
        mem = ox.Store()
        for name, size in sorted(self.graph_sizes().items()):
            if (name == ids.ONTOLOGY_GRAPH and not include_ontology) or str(name) == ledger.LEDGER_GRAPH:
                continue
            quads = self._read_graph(name)
            if len(quads) < size:  # a row cap on Graph Store reads (Virtuoso's): page instead
                quads = self._read_graph_paged(name)
            if len(quads) != size:
                raise ResultLimitError(f"{self.url}: graph <{name}> holds {size} triples but the "
                                       f"endpoint sent {len(quads)}; chipgraph needs the whole "
                                       f"graph (raise the endpoint's row limit)")
            mem.extend(quads)
        return canonical_nquads(mem.dump(format=ox.RdfFormat.N_QUADS), include_ontology=include_ontology)

    def _read_graph(self, name: URIRef) -> set[ox.Quad]:
        """One graph by a Graph Store ``GET``."""
        resp = self._send("GET", self.gsp_read_url, params={"graph": str(name)},
                          headers={"Accept": "application/n-triples"})
        if resp.status_code >= 300:
            said = f"{server_message(resp.text)} " if resp.text.strip() else ""
            raise StoreError(f"{self.url}: {said}(HTTP {resp.status_code}, reading <{name}>)")
        return self._quads(name, resp.content)

    def _quads(self, name: URIRef, ntriples: bytes) -> set[ox.Quad]:
        g = ox.NamedNode(str(name))
        try:
            return {ox.Quad(t.subject, t.predicate, t.object, g)
                    for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}
        except SyntaxError as exc:
            raise StoreError(f"{self.url}: graph <{name}> arrived incomplete: {exc}") from exc

    def _read_graph_paged(self, name: URIRef, *, subjects: int = 1000, per_read: int = 100) -> set[ox.Quad]:
        """One graph in pages of subjects (keyset paging: no OFFSET, which Virtuoso caps)."""
        out: set[ox.Quad] = set()
        after = Literal("")
        while True:
            page = with_bindings(internal_query("graph_subjects"), {"g": name, "after": after})
            found = [r["s"] for r in self._complete(page + f"LIMIT {int(subjects)}\n")]
            for i in range(0, len(found), per_read):
                q = with_bindings(internal_query("graph_triples"), {"g": name},
                                  rows=values_rows("s", found[i:i + per_read]))
                out |= self._quads(name, self._construct(q))
            if len(found) < subjects:
                return out
            after = Literal(str(found[-1]))

    def _construct(self, sparql: str) -> bytes:
        """A CONSTRUCT's answer as N-Triples bytes (no rdflib round trip)."""
        resp = self._send("POST", self.query_url, data={"query": prefix_block() + sparql},
                          headers={"Accept": "application/n-triples"})
        if resp.status_code >= 300:
            self._read_result(resp, resp.content)  # raises the server's error
        return resp.content

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
