"""``oxigraph serve`` as a process: a SPARQL endpoint for tests and for ``--store http://``.

Not what ``chipgraph serve`` runs (that is :mod:`.executor`, which has no port and no
network); kept for a local endpoint to test the remote store against.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..errors import StoreError, StoreLockedError


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
