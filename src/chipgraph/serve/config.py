"""The settings of one ``chipgraph serve``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServeConfig:
    allow_update: bool = False
    token: str | None = None
    timeout: float = 30.0  # seconds a query may run
    result_limit: int = 100_000  # rows, triples or quads in one answer
    allow_service: bool = False  # the executor keeps network access (SERVICE, LOAD)
    client_timeout: float = 30.0  # seconds a client may stall between two reads or writes
    request_deadline: float = 120.0  # seconds one whole request may take, slow client or not
    max_query_bytes: int = 1 << 20  # body of a query or update request
    max_upload_bytes: int = 256 << 20  # body of a Graph Store write (one document, a reference)
    allowed_hosts: tuple[str, ...] = ()  # extra Host header values ("name" or "name:port")
    write_timeout: float = 120.0  # seconds an update or Graph Store write may run
