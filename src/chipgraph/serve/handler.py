"""The HTTP handler: routes a request, applies the guards, asks the executor, sends the answer."""
from __future__ import annotations

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
        if len(form.get("query", [])) != 1:
            raise Refusal(400, "bad-request", "give exactly one `query` parameter")
        header = {"op": "query", "default_graph": form.get("default-graph-uri", []),
                  "named_graph": form.get("named-graph-uri", [])}
        reply, out = self._ask(header, form["query"][0].encode("utf-8"), cfg.timeout)
        self._answer(reply, out, {"X-Chipgraph-Result-Limit": str(cfg.result_limit)})

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
