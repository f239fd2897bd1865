"""Credentials for remote stores, as the stores ask for them.

Where credentials come from, first match wins:

1. ``CHIPGRAPH_TOKEN``: a bearer token (``chipgraph serve --allow-update`` prints one);
2. ``CHIPGRAPH_USER`` and ``CHIPGRAPH_PASSWORD``;
3. user and password written in the store URL (``http://user:pw@host/…``);
4. the netrc file (``NETRC`` or ``~/.netrc``) entry for the store's host.

A user and password are sent the way the server's challenge asks: HTTP Digest when the
``WWW-Authenticate`` header offers it (Virtuoso's authenticated endpoints), HTTP Basic when
it offers Basic (Fuseki, GraphDB behind a proxy).  Nothing is sent before the server asks,
so an anonymous read never carries a password.

Credentials never appear in messages: :func:`redact` strips the user-info from a URL and is
what every error message shows.
"""
from __future__ import annotations

import netrc
import os
from collections.abc import Generator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx


def redact(url: str) -> str:
    """The URL without its user-info (``user:password@``), for messages."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def strip_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """(the URL without user-info, user, password) as written in the URL."""
    parts = urlsplit(url)
    return redact(url), parts.username, parts.password


class ChallengeAuth(httpx.Auth):
    """Answer a 401 with Digest or Basic, whichever the server's challenge names."""

    def __init__(self, user: str, password: str):
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None  # learnt from the first challenge

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        offered = response.headers.get_list("www-authenticate")
        schemes = {h.split(None, 1)[0].lower() for h in offered if h.strip()}
        if "digest" in schemes:
            self._scheme = "digest"
            flow = self._digest.auth_flow(request)
            next(flow)  # DigestAuth first sends the bare request; answer it with our 401
            try:
                retry = flow.send(response)
            except StopIteration:
                return
            response = yield retry
            try:
                flow.send(response)
            except StopIteration:
                pass
        elif "basic" in schemes:
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


class BearerAuth(httpx.Auth):
    def __init__(self, token: str):
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


@dataclass(frozen=True)
class Credentials:
    """What a remote store authenticates with; ``source`` names where it came from."""

    user: str | None = None
    password: str | None = None
    token: str | None = None
    source: str = "none"

    def __repr__(self) -> str:  # never print the secret
        who = f"user={self.user!r}" if self.user else ("token" if self.token else "anonymous")
        return f"Credentials({who}, source={self.source!r})"

    @property
    def present(self) -> bool:
        return bool(self.token or self.user)

    def auth(self) -> httpx.Auth | None:
        if self.token:
            return BearerAuth(self.token)
        if self.user:
            return ChallengeAuth(self.user, self.password or "")
        return None


def credentials_for(url: str, *, token: str | None = None,
                    env: dict[str, str] | None = None) -> Credentials:
    """The credentials to use for a store URL (see the module docstring for the order)."""
    env = os.environ if env is None else env
    if token:
        return Credentials(token=token, source="token")
    if env.get("CHIPGRAPH_TOKEN"):
        return Credentials(token=env["CHIPGRAPH_TOKEN"], source="CHIPGRAPH_TOKEN")
    if env.get("CHIPGRAPH_USER"):
        return Credentials(user=env["CHIPGRAPH_USER"], password=env.get("CHIPGRAPH_PASSWORD", ""),
                           source="CHIPGRAPH_USER")
    _, user, password = strip_userinfo(url)
    if user:
        return Credentials(user=user, password=password or "", source="URL")
    host = urlsplit(url).hostname
    path = env.get("NETRC") or os.path.expanduser("~/.netrc")
    if host and os.path.exists(path):
        try:
            entry = netrc.netrc(path).authenticators(host)
        except (netrc.NetrcParseError, OSError):
            entry = None
        if entry and entry[0]:
            return Credentials(user=entry[0], password=entry[2] or "", source="netrc")
    return Credentials()
