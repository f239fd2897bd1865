"""The service: the executor pool and the HTTP guard in front of it, started and stopped together."""
from __future__ import annotations

import socket
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from ..errors import StoreError
from .config import ServeConfig
from .executor import Pool, network_isolation_available
from .guards import HostPolicy
from .handler import Handler
from .page import query_page


class SparqlProxy(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # listen backlog: a burst of clients waits, it is not reset

    def __init__(self, address: tuple[str, int], config: ServeConfig, pool: Pool):
        self.config, self.pool = config, pool
        self.page = query_page(config).encode("utf-8")
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.hosts = HostPolicy(address[0], self.server_address[1], config.allowed_hosts)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class Service:
    """``chipgraph serve``: executors on the store (no network, no port) behind the guard.

    Read-only by default: ``workers`` executors each open the store read-only.  With
    ``allow_update`` one executor opens it for writing (RocksDB has a single writer).
    """

    def __init__(self, store_path: str | Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                 allow_update: bool = False, token: str | None = None, timeout: float = 30.0,
                 result_limit: int = 100_000, allow_service: bool = False,
                 client_timeout: float = 30.0, allowed_hosts: tuple[str, ...] = (),
                 request_deadline: float | None = None, workers: int = 2):
        if allow_update and not token:
            raise StoreError("--allow-update needs a token (CHIPGRAPH_TOKEN or --token)")
        self.store_path = Path(store_path) if store_path is not None else None
        self.host, self.port = host, port
        deadline = request_deadline or max(120.0, timeout + 2 * client_timeout)
        self.config = ServeConfig(allow_update, token, timeout, result_limit, allow_service,
                                  client_timeout, deadline, allowed_hosts=tuple(allowed_hosts))
        single = allow_update or self.store_path is None
        self.pool = Pool(self.store_path, size=1 if single else max(1, workers),
                         read_only=not allow_update, isolated=not allow_service, limit=result_limit)
        self.proxy: SparqlProxy | None = None
        self._thread: threading.Thread | None = None
        self._lock = None

    @property
    def url(self) -> str:
        assert self.proxy is not None
        return self.proxy.url

    def start(self) -> "Service":
        if not self.config.allow_service and not network_isolation_available():
            raise StoreError("cannot run the query executor without network access (this system "
                             "does not allow unprivileged user namespaces), so SERVICE and LOAD "
                             "could reach other servers; start with --allow-service to accept that")
        if self.store_path is not None:
            from ..store import Store, StoreLock

            Store(self.store_path).close()  # create it (with the ontology graph); fails if locked
            # Held while serving: no chipgraph writer opens the folder under the executors.
            self._lock = StoreLock.acquire(self.store_path)
        try:
            self.pool.start()
            try:
                self.proxy = SparqlProxy((self.host, self.port), self.config, self.pool)
            except OSError:
                self.pool.close()
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
        self.pool.close()
        self._release()

    def __enter__(self) -> "Service":
        return self.start_in_thread() if self.proxy is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
