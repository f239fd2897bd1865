"""The query executor: one process with the store open, answering the guard over a socket pair.

Run as ``python -m chipgraph.serve.worker FD LOCATION MODE ISOLATE``.  It has no port: its
only channel is the socket the guard handed it (``FD``), so nothing else can send it a query
or a write.  With ``ISOLATE`` it first moves into a new, empty network namespace (an
unprivileged user namespace), where no address is reachable: a ``SERVICE`` clause or a
``LOAD`` fails inside Oxigraph itself, whatever text smuggled it past a parser.  The guard
kills the process at a query's deadline, which is what stops the query.

Messages (both ways): a 4-byte length and a JSON header, then an 8-byte length and a body.
This module imports only the standard library and pyoxigraph, so a replacement starts fast.
"""
from __future__ import annotations

import json
import os
import socket
import struct
import sys

CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
#: How a fetch fails without a network (a SERVICE or LOAD the executor could not run).
_OFFLINE = ("os error 101", "Network is unreachable", "failed to lookup address",
            "Temporary failure in name resolution", "Name or service not known")


def send(sock: socket.socket, header: dict, body: bytes = b"") -> None:
    head = json.dumps(header).encode("utf-8")
    sock.sendall(struct.pack(">I", len(head)) + head + struct.pack(">Q", len(body)) + body)


def _exactly(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("the other end closed the channel")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def receive(sock: socket.socket) -> tuple[dict, bytes]:
    (n,) = struct.unpack(">I", _exactly(sock, 4))
    header = json.loads(_exactly(sock, n))
    (m,) = struct.unpack(">Q", _exactly(sock, 8))
    return header, _exactly(sock, m)


def isolate() -> None:
    """Leave the network: a new user and network namespace with no interface up."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUSER | CLONE_NEWNET) failed: "
                                          + os.strerror(ctypes.get_errno()))


def _die_with_parent() -> None:
    import ctypes
    import signal

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: no orphan keeps the store
    except (OSError, AttributeError):
        pass


class Executor:
    """The requests a worker runs; each returns (header, body)."""

    def __init__(self, store, limit: int, isolated: bool):
        import pyoxigraph as ox

        self.ox, self.store, self.limit, self.isolated = ox, store, limit, isolated

    def _graph(self, iri: str | None):
        return self.ox.DefaultGraph() if iri is None else self.ox.NamedNode(iri)

    def query(self, h: dict, body: bytes) -> tuple[dict, bytes]:
        ox = self.ox
        kw: dict = {"use_default_graph_as_union": True}
        if h.get("default_graph") or h.get("named_graph"):
            kw = {"default_graph": [ox.NamedNode(g) for g in h.get("default_graph", [])] or None,
                  "named_graphs": [ox.NamedNode(g) for g in h.get("named_graph", [])] or None}
        res = self.store.query(body.decode("utf-8"), **kw)
        if isinstance(res, ox.QueryBoolean):
            return {"kind": "boolean"}, b"true" if bool(res) else b"false"
        if isinstance(res, ox.QuerySolutions):
            rows = []
            for row in res:
                if len(rows) >= self.limit:
                    return {"error": "result-limit"}, b""
                rows.append(row)
            from .answers import solutions_json

            return {"kind": "solutions"}, solutions_json([v.value for v in res.variables], rows)
        triples = []
        for t in res:
            if len(triples) >= self.limit:
                return {"error": "result-limit"}, b""
            triples.append(t)
        return {"kind": "graph"}, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)

    def update(self, h: dict, body: bytes) -> tuple[dict, bytes]:
        self.store.update(body.decode("utf-8"))
        return {"kind": "done"}, b""

    def get_graph(self, h: dict, body: bytes) -> tuple[dict, bytes]:
        ox = self.ox
        if h.get("all"):
            quads = []
            for q in self.store:
                if len(quads) >= self.limit:
                    return {"error": "result-limit"}, b""
                quads.append(q)
            return {"kind": "quads"}, ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        g = self._graph(h.get("graph"))
        if isinstance(g, ox.NamedNode) and not self.store.contains_named_graph(g):
            return {"error": "not-found"}, b""
        triples = []
        for q in self.store.quads_for_pattern(None, None, None, g):
            if len(triples) >= self.limit:
                return {"error": "result-limit"}, b""
            triples.append(q.triple)
        return {"kind": "graph"}, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)

    def put_graph(self, h: dict, body: bytes) -> tuple[dict, bytes]:
        """Replace (``replace``) or extend a graph in one update: all or nothing."""
        ox = self.ox
        fmt = ox.RdfFormat.from_media_type(h["content_type"])
        if fmt is None:
            return {"error": "bad-type"}, b""
        g = self._graph(h.get("graph"))
        triples = [t.triple if isinstance(t, ox.Quad) else t for t in ox.parse(body, format=fmt)]
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        default = isinstance(g, ox.DefaultGraph)
        existed = default or self.store.contains_named_graph(g)
        # The graph's IRI and the triples are Oxigraph's own serialisations, not client text.
        clear = f"CLEAR SILENT {'DEFAULT' if default else f'GRAPH {g}'} ;\n" if h.get("replace") else ""
        inner = data if default else f"GRAPH {g} {{\n{data}}}"
        self.store.update(f"{clear}INSERT DATA {{ {inner} }}")
        if isinstance(g, ox.NamedNode) and not triples and not existed:
            self.store.add_graph(g)
        return {"kind": "done", "created": not existed}, b""

    def delete_graph(self, h: dict, body: bytes) -> tuple[dict, bytes]:
        g = self._graph(h.get("graph"))
        if isinstance(g, self.ox.NamedNode):
            if not self.store.contains_named_graph(g):
                return {"error": "not-found"}, b""
            self.store.remove_graph(g)
        else:
            self.store.clear_graph(g)
        return {"kind": "done"}, b""


_OPS = ("query", "update", "get_graph", "put_graph", "delete_graph")


def serve(sock: socket.socket, executor: Executor) -> None:
    while True:
        try:
            header, body = receive(sock)
        except EOFError:
            return
        op = getattr(executor, header.get("op", ""), None) if header.get("op") in _OPS else None
        try:
            if op is None:
                raise ValueError(f"unknown operation {header.get('op')!r}")
            reply, out = op(header, body)
        except SyntaxError as exc:
            reply, out = {"error": "syntax", "message": str(exc)}, b""
        except OSError as exc:
            offline = executor.isolated and any(m in str(exc) for m in _OFFLINE)
            reply, out = {"error": "service-refused" if offline else "failed",
                          "message": f"{type(exc).__name__}: {exc}"}, b""
        except (ValueError, RuntimeError, UnicodeDecodeError) as exc:
            reply, out = {"error": "failed", "message": f"{type(exc).__name__}: {exc}"}, b""
        send(sock, reply, out)


def main(argv: list[str]) -> int:
    fd, location, mode, isolated = int(argv[0]), argv[1], argv[2], argv[3] == "1"
    limit = int(argv[4])
    sock = socket.socket(fileno=fd)
    if sys.platform == "linux":
        _die_with_parent()
    try:
        if isolated:
            isolate()
        import pyoxigraph as ox

        if location == "-":
            store = ox.Store()
        elif mode == "read-only":
            store = ox.Store.read_only(location)
        else:
            store = ox.Store(location)
    except OSError as exc:
        send(sock, {"ready": False, "message": str(exc)})
        return 3
    send(sock, {"ready": True})
    serve(sock, Executor(store, limit, isolated))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
