"""The pool of executor processes (:mod:`.worker`) and the deadline on every call to them.

A call takes a free worker, sends the request and waits for the answer until the deadline;
past it, the worker is killed (the query stops: no CPU is spent on it afterwards) and a new
one started in its place, and the call raises :class:`Deadline`.  Workers are separate
processes, so a long parse or query in one never blocks another client's request.
"""
from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..errors import StoreError, StoreLockedError
from . import worker as wire


class Deadline(Exception):
    """The request did not finish in time (its worker was stopped)."""


class _Worker:
    def __init__(self, location: Path | None, *, read_only: bool, isolated: bool, limit: int,
                 wait: float = 30.0):
        parent, child = socket.socketpair()
        cmd = [sys.executable, "-m", "chipgraph.serve.worker", str(child.fileno()),
               str(location) if location is not None else "-",
               "read-only" if read_only else "read-write", "1" if isolated else "0", str(limit)]
        try:
            self.proc = subprocess.Popen(cmd, pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                         env={**os.environ, "PYTHONHASHSEED": "0"})
        finally:
            child.close()
        self.sock = parent
        self.sock.settimeout(wait)
        try:
            header, _ = wire.receive(self.sock)
        except (OSError, EOFError) as exc:
            err = self._stderr()
            self.kill()
            raise StoreError(f"the query executor did not start: {err or exc}") from exc
        if not header.get("ready"):
            self.kill()
            message = header.get("message", "")
            if "lock" in message.lower():
                raise StoreLockedError(f"{location}: the store is open for writing in another "
                                       f"process; stop it first ({message[-200:]})")
            raise StoreError(f"the query executor could not open {location}: {message}")

    def _stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read().decode("utf-8", "replace").strip()[-500:]

    def call(self, header: dict, body: bytes, timeout: float) -> tuple[dict, bytes]:
        self.sock.settimeout(max(timeout, 0.001))
        wire.send(self.sock, header, body)
        return wire.receive(self.sock)

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass
        self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()
        self.sock.close()


def network_isolation_available() -> bool:
    """Can a process here leave the network (unprivileged user + network namespaces)?"""
    if sys.platform != "linux":
        return False
    probe = subprocess.run([sys.executable, "-c", "from chipgraph.serve.worker import isolate; isolate()"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


class Pool:
    """``size`` workers on the store at ``location``; each serves one request at a time."""

    def __init__(self, location: str | Path | None, *, size: int, read_only: bool, isolated: bool,
                 limit: int):
        self.location = Path(location) if location is not None else None
        self.size, self.read_only, self.isolated, self.limit = size, read_only, isolated, limit
        self._free: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._orders: queue.Queue = queue.Queue()

    def _spawn(self) -> _Worker:
        w = _Worker(self.location, read_only=self.read_only, isolated=self.isolated, limit=self.limit)
        with self._lock:
            if self._closed:
                w.kill()
                raise StoreError("the service is stopping")
            self._all.add(w)
        return w

    def _spawner(self) -> None:
        """Starts every worker: one long-lived thread, because a worker is killed when the
        thread that started it ends (Linux ``PR_SET_PDEATHSIG`` follows the thread)."""
        while True:
            reply = self._orders.get()
            if reply is None:
                return
            try:
                reply.put(self._spawn())
            except BaseException as exc:  # noqa: BLE001 - handed to whoever asked
                reply.put(exc)

    def _new_worker(self) -> _Worker:
        reply: queue.Queue = queue.Queue()
        self._orders.put(reply)
        got = reply.get()
        if isinstance(got, BaseException):
            raise got
        return got

    def start(self) -> "Pool":
        threading.Thread(target=self._spawner, name="chipgraph-executors", daemon=True).start()
        try:
            for _ in range(self.size):
                self._free.put(self._new_worker())
        except BaseException:
            self.close()
            raise
        return self

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._all.discard(dead)
        dead.kill()

        def respawn() -> None:
            try:
                self._free.put(self._new_worker())
            except StoreError:
                pass

        threading.Thread(target=respawn, name="chipgraph-respawn", daemon=True).start()

    def call(self, header: dict, body: bytes = b"", *, deadline: float) -> tuple[dict, bytes]:
        """Run one request; ``deadline`` is a ``time.monotonic()`` instant."""
        try:
            w = self._free.get(timeout=max(deadline - time.monotonic(), 0.001))
        except queue.Empty:
            raise Deadline("every executor was busy until the deadline") from None
        try:
            reply = w.call(header, body, deadline - time.monotonic())
        except (OSError, EOFError) as exc:
            self._replace(w)
            if isinstance(exc, socket.timeout) or time.monotonic() >= deadline:
                raise Deadline("the request ran past its deadline and was stopped") from exc
            raise StoreError(f"the query executor failed: {exc}") from exc
        self._free.put(w)
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for w in workers:
            w.kill()
        self._orders.put(None)
