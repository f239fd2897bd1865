"""The guard's checks, as pure functions of the request's parts.

Each check returns nothing or raises :class:`Refusal` (an HTTP status, a short kind sent in
``X-Chipgraph-Error``, and a message).  What a query may fetch is not checked here: the
executor has no network (see :mod:`.worker`), so there is no parse to disagree with.
"""
from __future__ import annotations

import hmac
import ipaddress
import re
from urllib.parse import parse_qs, urlsplit

WILDCARD = ("", "0.0.0.0", "::")


class Refusal(Exception):
    def __init__(self, status: int, kind: str, message: str):
        self.status, self.kind, self.message = status, kind, message
        super().__init__(message)


def host_port(value: str) -> tuple[str, int | None] | None:
    """``Host`` header value -> (lower-case host without brackets, port or None)."""
    m = re.fullmatch(r"\s*(\[[0-9a-fA-F:.]+\]|[^\s:\[\]/@]+)(?::(\d{1,5}))?\s*", value or "")
    if not m:
        return None
    return m.group(1).strip("[]").lower(), (int(m.group(2)) if m.group(2) else None)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class HostPolicy:
    """The ``Host`` values a server bound to ``host:port`` answers to (against DNS rebinding)."""

    def __init__(self, host: str, port: int, extra: tuple[str, ...] = ()):
        names: set[str] = set()
        if is_loopback(host):
            names = {"localhost", "127.0.0.1", "::1"}
        elif host not in WILDCARD:
            names = {host.strip("[]").lower()}
        self.hosts = {(n, port) for n in names}
        self.any_port: set[str] = set()
        for value in extra:
            hp = host_port(value)
            if hp and hp[1] is None:
                self.any_port.add(hp[0])
            elif hp:
                self.hosts.add(hp)
        # Bound to every interface with no --allowed-host: the names it is reached by are
        # unknown, so the Host header is not checked (the CLI warns).
        self.checked = host not in WILDCARD or bool(extra)

    def allows(self, value: str | None) -> bool:
        if not self.checked:
            return True
        hp = host_port(value or "")
        if hp is None:
            return False
        host, port = hp
        return host in self.any_port or (host, port if port is not None else 80) in self.hosts


def check_host(values: list[str], policy: HostPolicy) -> None:
    """Exactly one ``Host`` header, naming this server."""
    if len(values) != 1:
        raise Refusal(400, "bad-host", f"a request needs exactly one Host header, not {len(values)}")
    if not policy.allows(values[0]):
        raise Refusal(421, "bad-host", f"this server does not answer to Host {values[0]!r}")


def check_origin(method: str, origin: str | None, host: str | None) -> None:
    """Writes (anything but GET/HEAD) from a page of another origin are refused."""
    if origin is None or method in ("GET", "HEAD"):
        return
    o = urlsplit(origin)
    if o.scheme not in ("http", "https") or o.netloc.lower() != (host or "").strip().lower():
        raise Refusal(403, "cross-origin", f"requests from {origin!r} are refused (cross-origin)")


def body_length(content_length: list[str], transfer_encoding: str | None, cap: int) -> int:
    """The body size a request announces; a missing, malformed or too large one is refused."""
    if transfer_encoding:
        raise Refusal(411, "bad-request", "send the body with a Content-Length "
                                          "(chunked transfer encoding is not supported)")
    if not content_length:
        raise Refusal(411, "bad-request", "a request body needs a Content-Length")
    first = content_length[0].strip()
    if len({v.strip() for v in content_length}) != 1 or not re.fullmatch(r"\d{1,15}", first):
        raise Refusal(400, "bad-request", f"bad Content-Length {content_length[0]!r}")
    n = int(first)
    if n > cap:
        raise Refusal(413, "too-large", f"the request body is {n:,} bytes; this server accepts "
                                        f"at most {cap:,}")
    return n


def check_write(allow_update: bool, token: str | None, authorization: str | None) -> None:
    if not allow_update:
        raise Refusal(403, "read-only", "this endpoint is read-only: updates are refused "
                                        "(start it with `chipgraph serve --allow-update`)")
    scheme, _, given = (authorization or "").strip().partition(" ")
    if not (token and scheme.lower() == "bearer"  # auth schemes are case-insensitive
            and hmac.compare_digest(given.strip().encode(), token.encode())):
        raise Refusal(401, "unauthorized", "updates need the server's token: "
                                           "Authorization: Bearer <token> (CHIPGRAPH_TOKEN)")


def form(text: str) -> dict[str, list[str]]:
    """URL-encoded parameters; percent-escapes that are not UTF-8 are refused."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except UnicodeDecodeError as exc:
        raise Refusal(400, "bad-request", f"the parameters are not valid UTF-8: {exc}") from exc
    except ValueError as exc:
        raise Refusal(400, "bad-request", f"bad parameters: {exc}") from exc


def utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refusal(400, "bad-request", f"the request is not valid UTF-8: {exc}") from exc


def accepted(header: str | None, table: dict) -> str | None:
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
