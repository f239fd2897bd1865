"""``chipgraph serve``: the real Oxigraph server on the store, behind a thin guard.

    client ──HTTP──▶ SparqlProxy (host:port, loopback by default)
                       │  read-only unless --allow-update + bearer token
                       │  result-size limit, timeout reported as an error status
                       ▼
                     `oxigraph serve --location STORE --union-default-graph --timeout-s T`
                     (127.0.0.1:<free port>; holds the store's write lock)

While it serves, the Oxigraph process is the only writer of the folder: ``chipgraph ingest``
on the folder gets :class:`~chipgraph.errors.StoreLockedError`; write through the server
with ``chipgraph --store http://HOST:PORT ingest`` (Graph Store Protocol ``PUT`` per
document, authorised by ``CHIPGRAPH_TOKEN``).  Readers of the folder may still open it
read-only, and the server sees every write at once because it made it.

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
import json
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
                 timeout: float | None = None, union_default_graph: bool = True):
        self.location = Path(location) if location is not None else None
        self.port = port or free_port()
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self.url = f"http://127.0.0.1:{self.port}"
        self._proc: subprocess.Popen | None = None

    def start(self, wait: float = 20.0) -> "OxigraphServer":
        binary = oxigraph_binary()
        if binary is None:
            raise StoreError("the `oxigraph` server is not installed: pip install oxigraph")
        cmd = [binary, "serve", "--bind", f"127.0.0.1:{self.port}"]
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
            return next(iter(table))
    return None


class _Handler(BaseHTTPRequestHandler):
    server: "SparqlProxy"
    server_version = "chipgraph"

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
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            if url.path in ("/query", "/sparql") or (url.path == "/" and "query" in params):
                self._query(method, params)
            elif url.path == "/" and method in ("GET", "HEAD"):
                self._send(200, "text/html; charset=utf-8", self.server.page)
            elif url.path == "/update":
                self._check_write()
                self._forward(method, "/update", url.query)
            elif url.path == "/store":
                if method not in ("GET", "HEAD"):
                    self._check_write()
                self._forward(method, "/store", url.query)
            else:
                raise _Refusal(404, "not-found", f"nothing at {url.path}; SPARQL is at /query")
        except _Refusal as r:
            self._send(r.status, "text/plain; charset=utf-8", (r.message + "\n").encode(),
                       {"X-Chipgraph-Error": r.kind})
        except (OSError, http.client.HTTPException) as exc:
            self._send(502, "text/plain; charset=utf-8",
                       f"the Oxigraph server did not answer: {exc}\n".encode(),
                       {"X-Chipgraph-Error": "upstream"})

    def _body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

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
        given = self.headers.get("Authorization", "")
        if not (cfg.token and given.startswith("Bearer ")
                and hmac.compare_digest(given[7:].strip().encode(), cfg.token.encode())):
            raise _Refusal(401, "unauthorized", "updates need the server's token: "
                                                "Authorization: Bearer <token> (CHIPGRAPH_TOKEN)")

    def _upstream(self, timeout: float) -> http.client.HTTPConnection:
        u = urlsplit(self.server.config.upstream)
        return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)

    # -- writes and graph reads: passed through -------------------------------------
    def _forward(self, method: str, path: str, query: str) -> None:
        body = self._body() if method in ("POST", "PUT") else None
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
            body = self._body()
            if ctype == "application/sparql-query":
                form["query"] = [body.decode("utf-8")]
            elif ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
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
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Service:
    """The Oxigraph server and the guard in front of it, started and stopped together."""

    def __init__(self, store_path: str | Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                 allow_update: bool = False, token: str | None = None, timeout: float = 30.0,
                 result_limit: int = 100_000):
        if allow_update and not token:
            raise StoreError("--allow-update needs a token (CHIPGRAPH_TOKEN or --token)")
        self.store_path = Path(store_path) if store_path is not None else None
        self.host, self.port = host, port
        self.oxigraph = OxigraphServer(self.store_path, timeout=timeout)
        self.config = ServeConfig(self.oxigraph.url, allow_update, token, timeout, result_limit)
        self.proxy: SparqlProxy | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self.proxy is not None
        return self.proxy.url

    def start(self) -> "Service":
        if self.store_path is not None:
            from .store import Store

            Store(self.store_path).close()  # create it (with the ontology graph); fails if locked
        self.oxigraph.start()
        try:
            self.proxy = SparqlProxy((self.host, self.port), self.config)
        except OSError:
            self.oxigraph.stop()
            raise
        return self

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


__all__ = ["Service", "SparqlProxy", "ServeConfig", "OxigraphServer", "oxigraph_binary", "free_port"]
