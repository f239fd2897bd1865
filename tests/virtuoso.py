"""A real OpenLink Virtuoso server for the remote-store tests, started on 127.0.0.1.

Debian's ``virtuoso-opensource`` package ships the server binary ``virtuoso-t`` and the
client ``isql-vt``.  :class:`VirtuosoServer` writes its own ``virtuoso.ini`` (free ports,
database files in a temporary folder), starts the server in the foreground, waits for its
HTTP listener, and creates one user with the ``SPARQL_UPDATE`` role, as the README's
"Using Virtuoso" setup does.  Nothing here grants anything to Virtuoso's anonymous user.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
EnabledDavVSP = 0
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = {timeout}
"""

USER = "chipgraph"
PASSWORD = "chipgraph-test-password"


def virtuoso_binaries() -> tuple[str, str] | None:
    """The server and the isql client, or None when Virtuoso is not installed."""
    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    return (server, client) if server and client else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VirtuosoServer:
    """``with VirtuosoServer(folder) as v:`` gives a running server; ``v.url`` is its SPARQL
    endpoint, ``v.user``/``v.password`` a user that may update."""

    def __init__(self, folder: Path, *, timeout: int = 60):
        found = virtuoso_binaries()
        if found is None:
            raise RuntimeError("Virtuoso is not installed (apt-get install virtuoso-opensource)")
        self.server_bin, self.isql_bin = found
        self.dir = Path(folder)
        self.timeout = timeout
        self.sql_port = _free_port()
        self.http_port = _free_port()
        self.user, self.password = USER, PASSWORD
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def url(self) -> str:
        return f"{self.base}/sparql"

    def isql(self, statements: str) -> str:
        """Run SQL statements as the database administrator (the fixture's own database)."""
        done = subprocess.run(
            [self.isql_bin, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def __enter__(self) -> "VirtuosoServer":
        self.dir.mkdir(parents=True, exist_ok=True)
        ini = self.dir / "virtuoso.ini"
        ini.write_text(INI.format(dir=self.dir, sql_port=self.sql_port,
                                  http_port=self.http_port, timeout=self.timeout))
        log = open(self.dir / "stdout.log", "wb")
        self.process = subprocess.Popen([self.server_bin, "-f", "-c", str(ini)], cwd=self.dir,
                                        stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: {(self.dir / 'virtuoso.log').read_text()[-2000:]}")
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("Virtuoso did not start within 90 s")
            time.sleep(0.3)
        self.isql(f"DB.DBA.USER_CREATE('{self.user}', '{self.password}'); "
                  f"GRANT SPARQL_UPDATE TO \"{self.user}\";")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None
