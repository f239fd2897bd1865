"""``chipgraph serve``: the real Oxigraph server on the store, behind a thin guard.

    client ──HTTP──▶ SparqlProxy (host:port, loopback by default)
                       │  read-only unless --allow-update + bearer token
                       │  result-size limit, timeout reported as an error status
                       ▼
                     `oxigraph serve-read-only --location STORE --union-default-graph --timeout-s T`
                     (127.0.0.1:<free port>; `oxigraph serve` with --allow-update)

The internal Oxigraph port is visible to every local process (``ps``), so by default it runs
``serve-read-only``: nothing reaching it directly can write.  While it serves, the guard
holds chipgraph's store lock (:class:`~chipgraph.store.StoreLock`), so ``chipgraph ingest``
on the folder gets :class:`~chipgraph.errors.StoreLockedError` instead of writing under a
read-only RocksDB reader (undefined behaviour); with ``--allow-update`` the Oxigraph
process is the only writer (RocksDB's lock too): write through the server with
``chipgraph --store http://HOST:PORT ingest`` (Graph Store Protocol ``PUT`` per document,
authorised by ``CHIPGRAPH_TOKEN``).  Readers of the folder may still open it read-only.

CAVEAT: with ``--allow-update`` the internal server is writable and unauthenticated on its
127.0.0.1 port, so any local process can write to the store without the token: that mode is
for single-user machines.

The guard also refuses queries and updates with a ``SERVICE`` clause or a ``LOAD`` (they make
the server fetch URLs of the client's choosing) unless started with ``--allow-service``;
requests whose ``Host`` is not the address it serves (DNS rebinding) and cross-origin writes
(``Origin``); bodies without a valid ``Content-Length`` or over the size cap; and clients
that stall (a socket timeout).

The guard is a small ``http.server`` reverse proxy (stdlib: no extra dependency, one
thread per request, nothing to configure).  It reads Oxigraph's answer in full, as JSON
(solutions) or N-Triples (graphs), before sending anything: Oxigraph answers a timed-out
query with ``200`` and a body cut off by "The SPARQL operation has been cancelled", which
becomes ``503`` here; more rows than ``result_limit`` becomes ``422`` (both with an
``X-Chipgraph-Error`` header and a plain-text reason).  Then the answer is re-serialised
in the format the client asked for (JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML,
JSON-LD).  ``GET /`` without a query is a self-contained query page.
"""
from __future__ import annotations

import hmac
import html
import http.client
import io
import ipaddress
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox

from .errors import StoreError, StoreLockedError

CANCELLED = b"The SPARQL operation has been cancelled"
_UPSTREAM_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
}


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` executable (PyPI package ``oxigraph``), next to Python or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """Linux: the Oxigraph child gets SIGTERM when chipgraph dies, so no orphan keeps the lock."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class OxigraphServer:
    """``oxigraph serve`` on a store folder (or in memory), bound to 127.0.0.1."""

    def __init__(self, location: str | Path | None, *, port: int | None = None,
                 timeout: float | None = None, union_default_graph: bool = True,
                 read_only: bool = False):
        self.location = Path(location) if location is not None else None
        self.port = port or free_port()
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        # `serve-read-only` needs a folder; an in-memory server is always writable.
        self.read_only = read_only and self.location is not None
        self.url = f"http://127.0.0.1:{self.port}"
        self._proc: subprocess.Popen | None = None

    def start(self, wait: float = 20.0) -> "OxigraphServer":
        binary = oxigraph_binary()
        if binary is None:
            raise StoreError("the `oxigraph` server is not installed: pip install oxigraph")
        cmd = [binary, "serve-read-only" if self.read_only else "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.location is not None:
            cmd += ["--location", str(self.location)]
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        if self.timeout:
            cmd += ["--timeout-s", str(max(1, round(self.timeout)))]
        self._proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                err = self._proc.stderr.read().decode("utf-8", "replace").strip() if self._proc.stderr else ""
                if "lock" in err.lower():
                    raise StoreLockedError(f"{self.location}: the store is open for writing in "
                                           f"another process; stop it first ({err[-200:]})")
                raise StoreError(f"oxigraph serve exited: {err[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise StoreError(f"oxigraph serve did not start within {wait:g} s")

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()

    def __enter__(self) -> "OxigraphServer":
        return self.start() if self._proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class ServeConfig:
    upstream: str  # http://127.0.0.1:PORT of the Oxigraph server
    allow_update: bool = False
    token: str | None = None
    timeout: float = 30.0
    result_limit: int = 100_000
    allow_service: bool = False  # SERVICE and LOAD (the server fetches URLs)
    client_timeout: float = 30.0  # seconds a client may stall while sending or receiving
    max_query_bytes: int = 1 << 20  # body of a query or update request
    max_upload_bytes: int = 256 << 20  # body of a Graph Store write (one document, a reference)
    allowed_hosts: tuple[str, ...] = ()  # extra Host header values ("name" or "name:port")


class _Tee(io.RawIOBase):
    """Reads from ``src`` and keeps a copy of what was read."""

    def __init__(self, src):
        self.src, self.copy = src, io.BytesIO()

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self.src.read(len(b))
        self.copy.write(data)
        b[:len(data)] = data
        return len(data)


class _Refusal(Exception):
    def __init__(self, status: int, kind: str, message: str):
        self.status, self.kind, self.message = status, kind, message
        super().__init__(message)


class _ClientGone(Exception):
    """The client stalled or hung up while sending its request: drop the connection."""


# SPARQL tokens in which a keyword is inert: long and short strings, IRIs, comments,
# variables, prefixed names, blank node labels and language tags.
_INERT = re.compile(r"""
    \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"      # long strings
  | '''(?:[^'\\]|\\.|'(?!''))*'''
  | "(?:[^"\\\n\r]|\\.)*"                 # short strings
  | '(?:[^'\\\n\r]|\\.)*'
  | <[^<>"{}|^`\\\x00-\x20]*>                # IRIs
  | \#[^\n\r]*                             # comments
  | [?$@_][\w:-]+                          # variables, language tags, blank nodes
  | [\w.-]*:[\w.:%\\-]*                     # prefixed names
""", re.S | re.X)
_FETCHING = {"SERVICE": re.compile(r"(?<![\w])SERVICE(?![\w:])", re.I),
             "LOAD": re.compile(r"(?<![\w])LOAD(?![\w:])", re.I)}
_FETCH_NODES = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
_PARSE_LOCK = threading.Lock()


def fetching_clause(text: str, *, update: bool = False) -> str | None:
    """``"SERVICE"`` or ``"LOAD"`` when the SPARQL text has one (it makes the server fetch a
    URL), else None.

    The text is parsed with rdflib's SPARQL grammar and the parse tree is searched for a
    ``ServiceGraphPattern`` (or an update's ``Load``), so the words inside strings, IRIs,
    comments or names do not count.  Text rdflib cannot parse (its grammar lags Oxigraph's:
    SPARQL 1.2 terms, ``LATERAL``; or nesting past Python's recursion limit) is checked by a
    lexical scan instead, which removes only the tokens in which a keyword is inert (the
    SPARQL terminals above) and so can refuse too much, never too little.
    """
    from pyparsing import ParseResults
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.parserutils import CompValue

    def walk(node, depth=0) -> str | None:
        if depth > 400:
            raise RecursionError
        if isinstance(node, CompValue):
            if node.name in _FETCH_NODES:
                return _FETCH_NODES[node.name]
            children = node.values()
        elif isinstance(node, (list, tuple, ParseResults)):
            children = node
        elif isinstance(node, dict):
            children = node.values()
        else:
            return None
        for child in children:
            found = walk(child, depth + 1)
            if found:
                return found
        return None

    try:
        with _PARSE_LOCK:  # pyparsing's grammar objects are shared; parsing holds the GIL anyway
            tree = parser.parseUpdate(text) if update else parser.parseQuery(text)
        return walk(tree)
    except Exception:  # noqa: BLE001 - any parser failure: the lexical scan decides
        bare = _INERT.sub(" ", text)
        for word, pattern in _FETCHING.items():
            if pattern.search(bare) and (update or word == "SERVICE"):
                return word
        return None


def _host_port(value: str) -> tuple[str, int | None] | None:
    """``Host`` header value -> (lower-case host without brackets, port or None)."""
    m = re.fullmatch(r"\s*(\[[0-9a-fA-F:.]+\]|[^\s:\[\]/@]+)(?::(\d{1,5}))?\s*", value or "")
    if not m:
        return None
    return m.group(1).strip("[]").lower(), (int(m.group(2)) if m.group(2) else None)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_WILDCARD = ("", "0.0.0.0", "::")


def _accepted(header: str | None, table: dict) -> str | None:
    """The first media type of ``table`` the Accept header allows (by q, then order)."""
    if not header:
        return next(iter(table))
    prefs = []
    for i, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        prefs.append((-q, i, media.lower()))
    for q, _, media in sorted(prefs):
        if q == 0:
            continue
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            kind = media.split("/")[0]
            match = next((m for m in table if kind == "*" or m.startswith(kind + "/")), None)
            if match:
                return match
    return None


class _Handler(BaseHTTPRequestHandler):
    server: "SparqlProxy"
    server_version = "chipgraph"

    @property
    def timeout(self) -> float:  # socket timeout: a stalled client (slowloris) is dropped
        return self.server.config.client_timeout

    def log_message(self, fmt: str, *args) -> None:  # quiet; the CLI prints one line
        pass

    # -- routing ----------------------------------------------------------------
    def do_GET(self) -> None:
        self._route("GET")

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        self.close_connection = True  # one request per connection (HTTP/1.0 style)
        url = urlsplit(self.path)
        try:
            params = self._form(url.query)
            self._check_origin(method)
            if url.path in ("/query", "/sparql") or (url.path == "/" and "query" in params):
                self._query(method, params)
            elif url.path == "/" and method in ("GET", "HEAD"):
                self._send(200, "text/html; charset=utf-8", self.server.page)
            elif url.path == "/update":
                if method != "POST":  # GET would show Oxigraph's service description (its port)
                    raise _Refusal(405, "bad-request", "updates use POST")
                self._check_write()
                self._update(params, url.query)
            elif url.path == "/store":
                if method not in ("GET", "HEAD"):
                    self._check_write()
                self._forward(method, "/store", url.query)
            else:
                raise _Refusal(404, "not-found", f"nothing at {url.path}; SPARQL is at /query")
        except _ClientGone:
            return
        except _Refusal as r:
            self._send(r.status, "text/plain; charset=utf-8", (r.message + "\n").encode(),
                       {"X-Chipgraph-Error": r.kind})
        except (OSError, http.client.HTTPException) as exc:
            self._send(502, "text/plain; charset=utf-8",
                       f"the Oxigraph server did not answer: {exc}\n".encode(),
                       {"X-Chipgraph-Error": "upstream"})
        except Exception as exc:  # noqa: BLE001 - a bug here must not show a traceback to clients
            import traceback

            traceback.print_exc(file=sys.stderr)
            self._send(500, "text/plain; charset=utf-8",
                       f"internal error ({type(exc).__name__})\n".encode(),
                       {"X-Chipgraph-Error": "internal"})

    def _check_origin(self, method: str) -> None:
        """Refuse a Host this server does not answer to (DNS rebinding) and cross-origin writes."""
        host = self.headers.get("Host")
        if not self.server.host_allowed(host):
            raise _Refusal(421, "bad-host", f"this server does not answer to Host {host!r}")
        origin = self.headers.get("Origin")
        if origin is not None and method not in ("GET", "HEAD"):
            o = urlsplit(origin)
            if o.scheme not in ("http", "https") or o.netloc.lower() != (host or "").strip().lower():
                raise _Refusal(403, "cross-origin", f"requests from {origin!r} are refused "
                                                    f"(cross-origin)")

    def _body(self, cap: int) -> bytes:
        """The request body, read exactly: a missing, malformed or too large Content-Length is
        refused before anything is read; a client that stalls is dropped (socket timeout)."""
        if self.headers.get("Transfer-Encoding"):
            raise _Refusal(411, "bad-request", "send the body with a Content-Length "
                                               "(chunked transfer encoding is not supported)")
        raw = self.headers.get_all("Content-Length") or []
        if not raw:
            raise _Refusal(411, "bad-request", "a request body needs a Content-Length")
        if len(set(v.strip() for v in raw)) != 1 or not re.fullmatch(r"\d{1,15}", raw[0].strip()):
            raise _Refusal(400, "bad-request", f"bad Content-Length {raw[0]!r}")
        n = int(raw[0])
        if n > cap:
            raise _Refusal(413, "too-large", f"the request body is {n:,} bytes; "
                                             f"this server accepts at most {cap:,}")
        try:
            data = self.rfile.read(n) if n else b""
        except (socket.timeout, OSError) as exc:
            raise _ClientGone from exc
        if len(data) != n:  # the client hung up early
            raise _ClientGone
        return data

    @staticmethod
    def _form(text: str) -> dict[str, list[str]]:
        """URL-encoded parameters; percent-escapes that are not UTF-8 are refused."""
        try:
            return parse_qs(text, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError as exc:
            raise _Refusal(400, "bad-request", f"the parameters are not valid UTF-8: {exc}") from exc

    def _text(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Refusal(400, "bad-request", f"the request is not valid UTF-8: {exc}") from exc

    def _check_fetching(self, text: str, *, update: bool) -> None:
        if self.server.config.allow_service:
            return
        word = fetching_clause(text, update=update)
        if word:
            raise _Refusal(400, "service-refused",
                           f"{word} is refused: this endpoint does not fetch other URLs "
                           f"(SSRF); start it with `chipgraph serve --allow-service` to allow it")

    def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _check_write(self) -> None:
        cfg = self.server.config
        if not cfg.allow_update:
            raise _Refusal(403, "read-only", "this endpoint is read-only: updates are refused "
                                             "(start it with `chipgraph serve --allow-update`)")
        scheme, _, given = self.headers.get("Authorization", "").strip().partition(" ")
        if not (cfg.token and scheme.lower() == "bearer"  # auth schemes are case-insensitive
                and hmac.compare_digest(given.strip().encode(), cfg.token.encode())):
            raise _Refusal(401, "unauthorized", "updates need the server's token: "
                                                "Authorization: Bearer <token> (CHIPGRAPH_TOKEN)")

    def _upstream(self, timeout: float) -> http.client.HTTPConnection:
        u = urlsplit(self.server.config.upstream)
        return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)

    # -- writes and graph reads: passed through -------------------------------------
    def _update(self, params: dict[str, list[str]], query: str) -> None:
        """A SPARQL Update (POST): checked for SERVICE/LOAD, then passed through."""
        cfg = self.server.config
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body(cfg.max_query_bytes)
        if "update" in params:
            raise _Refusal(400, "bad-request", "send the update in the request body")
        if ctype == "application/sparql-update":
            updates = [self._text(body)]
        elif ctype == "application/x-www-form-urlencoded":
            form = self._form(self._text(body))
            updates = form.get("update", [])
            if len(updates) != 1:
                raise _Refusal(400, "bad-request", "give exactly one `update` parameter")
        else:
            raise _Refusal(415, "bad-request", f"unsupported Content-Type {ctype!r}")
        self._check_fetching(updates[0], update=True)
        self._forward("POST", "/update", query, body)

    def _forward(self, method: str, path: str, query: str, body: bytes | None = None) -> None:
        if body is None and method in ("POST", "PUT"):
            body = self._body(self.server.config.max_upload_bytes)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("content-type", "accept")}
        conn = self._upstream(self.server.config.timeout + 30)
        try:
            conn.request(method, path + ("?" + query if query else ""), body=body, headers=headers)
            resp = conn.getresponse()
            self.send_response(resp.status)
            for k in ("Content-Type", "Content-Length"):
                if resp.getheader(k):
                    self.send_header(k, resp.getheader(k))
            self.send_header("Connection", "close")
            self.end_headers()
            if method != "HEAD":
                shutil.copyfileobj(resp, self.wfile)
        finally:
            conn.close()

    # -- queries ------------------------------------------------------------------
    def _query(self, method: str, params: dict[str, list[str]]) -> None:
        form = dict(params)
        if method == "POST":
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._body(self.server.config.max_query_bytes)
            if ctype == "application/sparql-query":
                form["query"] = [self._text(body)]
            elif ctype == "application/x-www-form-urlencoded":
                for k, v in self._form(self._text(body)).items():
                    form.setdefault(k, []).extend(v)
            else:
                raise _Refusal(415, "bad-request", f"unsupported Content-Type {ctype!r}")
        elif method not in ("GET", "HEAD"):
            raise _Refusal(405, "bad-request", "queries use GET or POST")
        if "update" in form:
            self._check_write()
            raise _Refusal(400, "bad-request", "send updates to /update")
        if len(form.get("query", [])) != 1:
            raise _Refusal(400, "bad-request", "give exactly one `query` parameter")
        fwd = {"query": form["query"][0]}
        self._check_fetching(fwd["query"], update=False)
        cfg = self.server.config
        conn = self._upstream(cfg.timeout + 10)
        try:
            data = urlencode(list(fwd.items()) + [(k, v) for k in ("default-graph-uri", "named-graph-uri")
                                                  for v in form.get(k, [])])
            conn.request("POST", "/query", body=data.encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": _UPSTREAM_ACCEPT})
            resp = conn.getresponse()
            if resp.status != 200:
                text = resp.read().decode("utf-8", "replace")
                raise _Refusal(resp.status, "query", text.strip() or resp.reason)
            ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip()
            try:
                status, out_type, out = self._answer(resp, ctype)
            except socket.timeout as exc:
                raise _Refusal(503, "timeout", f"query timed out after {cfg.timeout:g} s; "
                                               f"no result returned") from exc
        finally:
            conn.close()
        self._send(status, out_type, out, {"X-Chipgraph-Result-Limit": str(cfg.result_limit)})

    def _answer(self, resp, ctype: str) -> tuple[int, str, bytes]:
        cfg = self.server.config
        tee = _Tee(resp)
        accept = self.headers.get("Accept")

        def broken(exc: Exception) -> _Refusal:
            tail = tee.copy.getvalue()[-200:] + resp.read(4096)
            if CANCELLED in tail:
                return _Refusal(503, "timeout", f"query timed out after {cfg.timeout:g} s; "
                                                f"no result returned")
            return _Refusal(502, "upstream", f"the Oxigraph server sent a broken answer: {exc}")

        def too_many() -> _Refusal:
            return _Refusal(422, "result-limit",
                            f"the result has more than {cfg.result_limit:,} rows, this server's "
                            f"limit; narrow the query or page with LIMIT/OFFSET")

        if ctype == "application/sparql-results+json":
            want = _accepted(accept, _RESULT_TYPES)
            if want is None:
                raise _Refusal(406, "bad-request", "acceptable result types: " + ", ".join(_RESULT_TYPES))
            try:
                res = ox.parse_query_results(tee, format=ox.QueryResultsFormat.JSON)
                if isinstance(res, ox.QuerySolutions):
                    for n, _ in enumerate(res, 1):
                        if n > cfg.result_limit:
                            raise too_many()
                trailing = resp.read(1024)
            except SyntaxError as exc:
                raise broken(exc) from exc
            if trailing.strip():
                raise broken(ValueError("data after the end of the result"))
            raw = tee.copy.getvalue()
            fmt = _RESULT_TYPES[want]
            if fmt == ox.QueryResultsFormat.JSON:
                return 200, want, raw
            parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
            return 200, want + ("; charset=utf-8" if want.startswith("text/") else ""), parsed.serialize(format=fmt)
        if ctype == "application/n-triples":
            want = _accepted(accept, _GRAPH_TYPES)
            if want is None:
                raise _Refusal(406, "bad-request", "acceptable graph types: " + ", ".join(_GRAPH_TYPES))
            triples = []
            try:
                for t in ox.parse(tee, format=ox.RdfFormat.N_TRIPLES):
                    triples.append(t)
                    if len(triples) > cfg.result_limit:
                        raise too_many()
            except SyntaxError as exc:
                raise broken(exc) from exc
            fmt = _GRAPH_TYPES[want]
            if fmt == ox.RdfFormat.N_TRIPLES:
                return 200, want, tee.copy.getvalue()
            from .rdf import PREFIXES

            prefixes = dict(PREFIXES) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N3) else None
            return 200, want, ox.serialize(triples, format=fmt, prefixes=prefixes)
        raise _Refusal(502, "upstream", f"unexpected answer type {ctype!r} from the Oxigraph server")


class SparqlProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: ServeConfig):
        self.config = config
        self.page = query_page(config).encode("utf-8")
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        host, port = address[0], self.server_address[1]
        names: set[str] = set()
        if _is_loopback(host):
            names = {"localhost", "127.0.0.1", "::1"}
        elif host not in _WILDCARD:
            names = {host.strip("[]").lower()}
        self._hosts = {(n, port) for n in names}
        self._any_port: set[str] = set()
        for extra in config.allowed_hosts:
            hp = _host_port(extra)
            if hp and hp[1] is None:
                self._any_port.add(hp[0])
            elif hp:
                self._hosts.add(hp)
        # Bound to every interface with no --allowed-host: the names it is reached by are
        # unknown, so the Host header is not checked (the CLI warns).
        self.check_host = host not in _WILDCARD or bool(config.allowed_hosts)

    def host_allowed(self, value: str | None) -> bool:
        if not self.check_host:
            return True
        hp = _host_port(value or "")
        if hp is None:
            return False
        host, port = hp
        return host in self._any_port or (host, port if port is not None else 80) in self._hosts

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Service:
    """The Oxigraph server and the guard in front of it, started and stopped together."""

    def __init__(self, store_path: str | Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                 allow_update: bool = False, token: str | None = None, timeout: float = 30.0,
                 result_limit: int = 100_000, allow_service: bool = False,
                 client_timeout: float = 30.0, allowed_hosts: tuple[str, ...] = ()):
        if allow_update and not token:
            raise StoreError("--allow-update needs a token (CHIPGRAPH_TOKEN or --token)")
        self.store_path = Path(store_path) if store_path is not None else None
        self.host, self.port = host, port
        # Read-only unless updates are on: its port is open to every local process.  With
        # --allow-update it is writable without the token by any local process (a
        # single-user machine is assumed); the guard's checks apply to its own port only.
        self.oxigraph = OxigraphServer(self.store_path, timeout=timeout, read_only=not allow_update)
        self.config = ServeConfig(self.oxigraph.url, allow_update, token, timeout, result_limit,
                                  allow_service=allow_service, client_timeout=client_timeout,
                                  allowed_hosts=tuple(allowed_hosts))
        self.proxy: SparqlProxy | None = None
        self._thread: threading.Thread | None = None
        self._lock = None

    @property
    def url(self) -> str:
        assert self.proxy is not None
        return self.proxy.url

    def start(self) -> "Service":
        if self.store_path is not None:
            from .store import Store, StoreLock

            Store(self.store_path).close()  # create it (with the ontology graph); fails if locked
            # Held while serving: no chipgraph writer opens the folder under the read-only
            # Oxigraph (a writer that got in since the line above makes this raise).
            self._lock = StoreLock.acquire(self.store_path)
        try:
            self.oxigraph.start()
            try:
                self.proxy = SparqlProxy((self.host, self.port), self.config)
            except OSError:
                self.oxigraph.stop()
                raise
        except BaseException:
            self._release()
            raise
        return self

    def _release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def serve_forever(self) -> None:
        assert self.proxy is not None
        self.proxy.serve_forever()

    def start_in_thread(self) -> "Service":
        self.start()
        self._thread = threading.Thread(target=self.serve_forever, name="chipgraph-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.proxy is not None:
            if self._thread is not None:
                self.proxy.shutdown()
                self._thread.join(10)
            self.proxy.server_close()
            self.proxy = None
        self.oxigraph.stop()
        self._release()

    def __enter__(self) -> "Service":
        return self.start_in_thread() if self.proxy is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def query_page(config: ServeConfig) -> str:
    """A self-contained HTML page to run SPARQL (no CDN, no external files)."""
    from .query import saved_queries

    saved = [{"name": q.name, "title": q.title, "text": q.text} for q in saved_queries()]
    data = json.dumps(saved).replace("<", "\\u003c")
    mode = "updates allowed with a token" if config.allow_update else "read-only"
    return _PAGE.replace("{{SAVED}}", data).replace("{{MODE}}", html.escape(mode)).replace(
        "{{LIMIT}}", f"{config.result_limit:,}").replace("{{TIMEOUT}}", f"{config.timeout:g}")


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chipgraph SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
textarea{width:100%;height:16em;font:13px ui-monospace,monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}#status{margin:.6em 0}.err{color:#b00020;font-weight:bold}
small{color:#666}
</style></head><body>
<h1>chipgraph SPARQL endpoint</h1>
<p><small>Endpoint <code>/query</code> (SPARQL 1.1 Protocol, GET or POST) &middot; {{MODE}} &middot;
timeout {{TIMEOUT}} s &middot; at most {{LIMIT}} rows. The default graph is the union of all graphs.</small></p>
<label>Saved question <select id="saved"><option value="">(write your own)</option></select></label>
<p id="about"></p>
<textarea id="q" spellcheck="false">SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } LIMIT 20</textarea>
<p><button id="run">Run</button> <small>Prefixes cg:, skos:, rdf:, rdfs:, prov:, dcterms:, schema: are declared for you.</small></p>
<div id="status"></div><div id="out"></div>
<script>
const SAVED = {{SAVED}};
const PREFIXES = "PREFIX cg: <https://w3id.org/chipgraph/ontology#>\\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\\n" +
 "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\\n" +
 "PREFIX prov: <http://www.w3.org/ns/prov#>\\nPREFIX dcterms: <http://purl.org/dc/terms/>\\nPREFIX schema: <https://schema.org/>\\n" +
 "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\\n";
const sel = document.getElementById("saved"), q = document.getElementById("q");
for (const s of SAVED) { const o = document.createElement("option"); o.value = s.name; o.textContent = s.name + " \\u2014 " + s.title; sel.appendChild(o); }
sel.onchange = () => { const s = SAVED.find(x => x.name === sel.value); if (s) { q.value = s.text; document.getElementById("about").textContent = s.title; } };
function cell(t) { if (!t) return ""; return t.type === "literal" && t["xml:lang"] ? t.value + "@" + t["xml:lang"] : t.value; }
document.getElementById("run").onclick = async () => {
  const status = document.getElementById("status"), out = document.getElementById("out");
  status.className = ""; status.textContent = "running\\u2026"; out.replaceChildren();
  const t0 = performance.now();
  let r;
  try {
    r = await fetch("query", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded",
      "Accept": "application/sparql-results+json, text/turtle;q=0.9"}, body: new URLSearchParams({query: PREFIXES + q.value})});
  } catch (e) { status.className = "err"; status.textContent = "request failed: " + e; return; }
  const text = await r.text();
  if (!r.ok) { status.className = "err"; status.textContent = "HTTP " + r.status + ": " + text; return; }
  const secs = ((performance.now() - t0) / 1000).toFixed(2);
  if (!(r.headers.get("Content-Type") || "").includes("json")) { const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); status.textContent = secs + " s"; return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { status.textContent = "answer: " + (data.boolean ? "yes" : "no") + " (" + secs + " s)"; return; }
  const vars = data.head.vars, rows = data.results.bindings, table = document.createElement("table"), head = table.insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of rows) { const tr = table.insertRow(); for (const v of vars) tr.insertCell().textContent = cell(b[v]); }
  out.appendChild(table); status.textContent = rows.length + " row(s), " + secs + " s";
};
</script></body></html>
"""


__all__ = ["Service", "SparqlProxy", "ServeConfig", "OxigraphServer", "oxigraph_binary", "free_port",
           "fetching_clause"]
