"""The HTTP handler: routes a request, applies the guards, asks the executor, sends the answer."""
from __future__ import annotations

import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from ..errors import StoreError
from . import answers, guards
from .executor import Deadline
from .guards import Refusal
from .page import ASSETS_PATH, page_asset


class ClientGone(Exception):
    """The client stalled or hung up while sending its request: drop the connection."""


class Handler(BaseHTTPRequestHandler):
    server: "SparqlProxy"  # noqa: F821 - defined in .service
    server_version = "chipgraph"
    protocol_version = "HTTP/1.0"

    @property
    def timeout(self) -> float:  # socket timeout: a stalled client (slowloris) is dropped
        return self.server.config.client_timeout

    def setup(self) -> None:
        super().setup()
        # Whole-request deadline: a client trickling bytes resets the socket timeout, not this.
        self._watchdog = threading.Timer(self.server.config.request_deadline, self._cut_off)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _cut_off(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def finish(self) -> None:
        self._watchdog.cancel()
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, fmt: str, *args) -> None:  # quiet; the CLI prints one line
        pass

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

    # -- routing ----------------------------------------------------------------
    def _route(self, method: str) -> None:
        self.close_connection = True  # one request per connection
        cfg = self.server.config
        url = urlsplit(self.path)
        try:
            guards.check_host(self.headers.get_all("Host") or [], self.server.hosts)
            guards.check_origin(method, self.headers.get("Origin"), self.headers.get("Host"))
            params = guards.form(url.query)
            if url.path in ("/query", "/sparql") or (url.path == "/" and "query" in params):
                self._query(method, params)
            elif url.path == "/" and method in ("GET", "HEAD"):
                self._send(200, "text/html; charset=utf-8", self.server.page)
            elif url.path.startswith(ASSETS_PATH) and method in ("GET", "HEAD"):
                found = page_asset(url.path)
                if found is None:
                    raise Refusal(404, "not-found", f"nothing at {url.path}")
                self._send(200, found[1], found[0], {"Cache-Control": "max-age=86400"})
            elif url.path == "/update":
                if method != "POST":
                    raise Refusal(405, "bad-request", "updates use POST")
                self._write_access()
                self._update(params)
            elif url.path == "/store":
                self._store(method, params)
            else:
                raise Refusal(404, "not-found", f"nothing at {url.path}; SPARQL is at /query")
        except ClientGone:
            return
        except Refusal as r:
            self._drain()
            self._send(r.status, "text/plain; charset=utf-8", (r.message + "\n").encode(),
                       {"X-Chipgraph-Error": r.kind})
        except Deadline:
            self._send(503, "text/plain; charset=utf-8",
                       f"query timed out after {cfg.timeout:g} s and was stopped; no result "
                       f"returned\n".encode(), {"X-Chipgraph-Error": "timeout"})
        except StoreError as exc:
            self._send(502, "text/plain; charset=utf-8", f"{exc}\n".encode(),
                       {"X-Chipgraph-Error": "upstream"})
        except OSError:
            return  # the client went away while we answered
        except Exception as exc:  # noqa: BLE001 - a bug here must not show a traceback to clients
            import traceback

            traceback.print_exc(file=sys.stderr)
            self._send(500, "text/plain; charset=utf-8", f"internal error ({type(exc).__name__})\n".encode(),
                       {"X-Chipgraph-Error": "internal"})

    # -- reading the request ---------------------------------------------------------
    def _body(self, cap: int) -> bytes:
        n = guards.body_length(self.headers.get_all("Content-Length") or [],
                               self.headers.get("Transfer-Encoding"), cap)
        try:
            data = self.rfile.read(n) if n else b""
        except OSError as exc:
            raise ClientGone from exc
        if len(data) != n:  # the client hung up early
            raise ClientGone
        self._read_body = True
        return data

    def _drain(self) -> None:
        """Read a small unread body before answering, so closing does not reset the connection."""
        if getattr(self, "_read_body", False):
            return
        try:
            n = guards.body_length(self.headers.get_all("Content-Length") or [], None, 1 << 16)
            self.connection.settimeout(1.0)
            self.rfile.read(n)
        except (Refusal, OSError):
            pass

    def _ctype(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def _write_access(self) -> None:
        cfg = self.server.config
        guards.check_write(cfg.allow_update, cfg.token, self.headers.get("Authorization"))

    def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    # -- asking the executor -----------------------------------------------------------
    def _ask(self, header: dict, body: bytes, seconds: float) -> tuple[dict, bytes]:
        reply, out = self.server.pool.call(header, body, deadline=time.monotonic() + seconds)
        error = reply.get("error")
        limit = self.server.config.result_limit
        if error == "result-limit":
            raise Refusal(422, "result-limit", f"the result has more than {limit:,} rows, this "
                                               f"server's limit; narrow the query or page with "
                                               f"LIMIT/OFFSET (a graph: fetch it by parts)")
        if error == "not-found":
            raise Refusal(404, "not-found", "no such graph")
        if error == "bad-type":
            raise Refusal(415, "bad-request", f"unsupported Content-Type {self._ctype()!r}")
        if error == "service-refused":
            raise Refusal(400, "service-refused",
                          "SERVICE and LOAD are refused: this endpoint does not fetch other URLs "
                          "(SSRF), its query executor has no network; start it with "
                          "`chipgraph serve --allow-service` to allow it")
        if error:
            raise Refusal(400, "query", reply.get("message") or error)
        return reply, out

    def _answer(self, reply: dict, out: bytes, extra: dict | None = None) -> None:
        table, write = answers.WRITERS[reply["kind"]]
        want = guards.accepted(self.headers.get("Accept"), table)
        if want is None:
            raise Refusal(406, "bad-request", "acceptable types: " + ", ".join(table))
        ctype, data = write(out, want)
        self._send(200, ctype, data, extra)

    def _query(self, method: str, params: dict[str, list[str]]) -> None:
        cfg = self.server.config
        form = dict(params)
        if method == "POST":
            ctype, body = self._ctype(), self._body(cfg.max_query_bytes)
            if ctype == "application/sparql-query":
                form["query"] = [guards.utf8(body)]
            elif ctype == "application/x-www-form-urlencoded":
                for k, v in guards.form(guards.utf8(body)).items():
                    form.setdefault(k, []).extend(v)
            else:
                raise Refusal(415, "bad-request", f"unsupported Content-Type {ctype!r}")
        elif method not in ("GET", "HEAD"):
            raise Refusal(405, "bad-request", "queries use GET or POST")
        if "update" in form:
            self._write_access()
            raise Refusal(400, "bad-request", "send updates to /update")
        if "saved" in form and "query" not in form:
            self._saved(form)
            return
        if len(form.get("query", [])) != 1:
            raise Refusal(400, "bad-request", "give exactly one `query` parameter")
        header = {"op": "query", "default_graph": form.get("default-graph-uri", []),
                  "named_graph": form.get("named-graph-uri", [])}
        reply, out = self._ask_query(header, form["query"][0], time.monotonic() + cfg.timeout)
        self._answer(reply, out, {"X-Chipgraph-Result-Limit": str(cfg.result_limit)})

    def _ask_query(self, header: dict, text: str, deadline: float, tail: str = "") -> tuple[dict, bytes]:
        """Ask a query with chipgraph's prefixes declared before it on its first line (a
        declaration of its own overrides them); a syntax error is explained in the user's
        own line and column, with an unknown prefix named (:func:`chipgraph.query.explain_syntax_error`)."""
        from ..query import explain_syntax_error
        from ..terms import prefix_line

        head = prefix_line()
        try:
            return self._ask(header, (head + text + tail).encode("utf-8"), max(deadline - time.monotonic(), 0.0))
        except Refusal as r:
            if r.kind == "query" and "error at " in r.message:
                raise Refusal(400, "query", explain_syntax_error(r.message, text, first_line_shift=len(head))) from None
            raise

    def _saved(self, form: dict[str, list[str]]) -> None:
        """``/query?saved=NAME&arg.PARAM=VALUE``: a saved question with its parameters checked
        as the CLI checks them (a wrong or missing name, a bad value: ``400 bad-parameter``;
        a label resolved to its entity; an IRI the store does not hold: an
        ``X-Chipgraph-Warning``), then answered as any query."""
        from ..errors import NotFoundError, QueryError
        from ..query import check_bindings, parse_binding, saved_query
        from ..remote import values_clause

        cfg = self.server.config
        deadline = time.monotonic() + cfg.timeout
        if len(form["saved"]) != 1:
            raise Refusal(400, "bad-request", "give exactly one `saved` parameter")
        try:
            saved = saved_query(form["saved"][0])
        except NotFoundError as exc:
            raise Refusal(404, "not-found", str(exc)) from None
        args = {k[4:]: v for k, v in form.items() if k.startswith("arg.")}
        try:
            terms = {}
            for name, values in args.items():
                if len(values) != 1:
                    raise QueryError(f"give ?{name} once, not {len(values)} times")
                terms.update([parse_binding(f"{name}={values[0]}")])
            prepared = check_bindings(saved, terms, _Executor(self, deadline))
        except QueryError as exc:
            raise Refusal(400, "bad-parameter", str(exc).replace("--bind ", "arg.")) from None
        tail = values_clause(prepared.bindings) if prepared.bindings else ""
        header = {"op": "query", "default_graph": [], "named_graph": []}
        reply, out = self._ask_query(header, saved.text, deadline, tail)
        extra = {"X-Chipgraph-Result-Limit": str(cfg.result_limit)}
        for kind, messages in (("Notes", prepared.notes), ("Warnings", prepared.warnings)):
            if messages:  # a JSON list in ASCII: a header value holds no line break or non-ASCII
                extra[f"X-Chipgraph-{kind}"] = json.dumps(messages, ensure_ascii=True)
        self._answer(reply, out, extra)

    def _update(self, params: dict[str, list[str]]) -> None:
        cfg = self.server.config
        ctype, body = self._ctype(), self._body(cfg.max_query_bytes)
        if "update" in params:
            raise Refusal(400, "bad-request", "send the update in the request body")
        if ctype == "application/sparql-update":
            text = guards.utf8(body)
        elif ctype == "application/x-www-form-urlencoded":
            updates = guards.form(guards.utf8(body)).get("update", [])
            if len(updates) != 1:
                raise Refusal(400, "bad-request", "give exactly one `update` parameter")
            text = updates[0]
        else:
            raise Refusal(415, "bad-request", f"unsupported Content-Type {ctype!r}")
        self._ask({"op": "update"}, text.encode("utf-8"), cfg.write_timeout)
        self._send(204, "text/plain", b"")

    def _store(self, method: str, params: dict[str, list[str]]) -> None:
        """Graph Store Protocol: ``?graph=IRI`` or ``?default``; a GET of neither is the dataset."""
        cfg = self.server.config
        graphs = params.get("graph", [])
        if len(graphs) > 1:
            raise Refusal(400, "bad-request", "give at most one `graph` parameter")
        target: dict = {"graph": graphs[0]} if graphs else {}
        if graphs:
            import pyoxigraph as ox

            try:
                ox.NamedNode(graphs[0])
            except ValueError as exc:
                raise Refusal(400, "bad-request", f"bad graph IRI: {exc}") from exc
        whole = not graphs and "default" not in params
        if method in ("GET", "HEAD"):
            reply, out = self._ask({"op": "get_graph", "all": whole, **target}, b"", cfg.timeout)
            self._answer(reply, out)
            return
        self._write_access()
        if whole:
            raise Refusal(400, "bad-request", "name the graph: ?graph=IRI or ?default")
        if method == "DELETE":
            self._ask({"op": "delete_graph", **target}, b"", cfg.write_timeout)
            self._send(204, "text/plain", b"")
        elif method in ("PUT", "POST"):
            ctype = self._ctype()
            body = self._body(cfg.max_upload_bytes)
            reply, _ = self._ask({"op": "put_graph", "replace": method == "PUT",
                                  "content_type": ctype, **target}, body, cfg.write_timeout)
            self._send(201 if reply.get("created") else 204, "text/plain", b"")
        else:
            raise Refusal(405, "bad-request", f"{method} is not a Graph Store operation")


class _Executor:
    """The executor pool seen as a store with ``query(sparql, bindings, timeout=)``, for the
    look-ups of :func:`chipgraph.query.check_bindings`: bindings go in a trailing ``VALUES``
    clause of serialised terms (as :class:`~chipgraph.remote.RemoteStore` sends them)."""

    def __init__(self, handler: Handler, deadline: float):
        self.handler, self.deadline = handler, deadline

    def query(self, sparql: str, bindings=None, *, timeout: float | None = None):
        import pyoxigraph as ox

        from ..remote import values_clause
        from ..store import QueryResult
        from ..terms import from_ox

        header = {"op": "query", "default_graph": [], "named_graph": []}
        tail = values_clause(bindings) if bindings else ""
        reply, out = self.handler._ask_query(header, sparql, self.deadline, tail)
        parsed = ox.parse_query_results(out, format=ox.QueryResultsFormat.JSON)
        names = tuple(v.value for v in parsed.variables)
        rows = tuple({n: from_ox(sol[n]) for n in names} for sol in parsed)
        return QueryResult("select", variables=names, rows=rows)
