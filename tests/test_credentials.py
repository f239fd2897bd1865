"""Credentials for remote stores: where they come from, how they are sent, never printed."""
from __future__ import annotations

import base64
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from virtuoso import VirtuosoServer, virtuoso_binaries

from chipgraph.credentials import ChallengeAuth, credentials_for, redact


def test_credentials_redact_strips_userinfo():
    assert redact("http://alice:s3cret@store.example:8890/sparql?x=1") == "http://store.example:8890/sparql?x=1"
    assert redact("http://store.example/sparql") == "http://store.example/sparql"
    assert redact("https://a%40b:p%3Aw@h/p") == "https://h/p"


def test_credentials_order(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login nina password from-netrc\n")
    os.chmod(netrc, 0o600)
    url = "http://store.example:8890/sparql"
    assert credentials_for(url, env={"NETRC": str(netrc)}).user == "nina"
    assert credentials_for("http://ulla:pw@store.example/sparql", env={"NETRC": str(netrc)}).source == "URL"
    env = {"NETRC": str(netrc), "CHIPGRAPH_USER": "eve", "CHIPGRAPH_PASSWORD": "pw"}
    c = credentials_for("http://ulla:pw@store.example/sparql", env=env)
    assert (c.user, c.source) == ("eve", "CHIPGRAPH_USER")
    assert credentials_for(url, env={**env, "CHIPGRAPH_TOKEN": "t0k"}).token == "t0k"
    assert not credentials_for("http://other.example/sparql", env={"NETRC": str(netrc)}).present


def test_credentials_repr_hides_secrets():
    c = credentials_for("http://h/sparql", env={"CHIPGRAPH_USER": "eve", "CHIPGRAPH_PASSWORD": "hunter2"})
    assert "hunter2" not in repr(c) and "eve" in repr(c)
    t = credentials_for("http://h/sparql", env={"CHIPGRAPH_TOKEN": "tok-123"})
    assert "tok-123" not in repr(t)


class _BasicHandler(BaseHTTPRequestHandler):
    seen: list[str | None] = []

    def do_GET(self):
        auth = self.headers.get("Authorization")
        self.seen.append(auth)
        good = "Basic " + base64.b64encode(b"bob:pw").decode()
        if auth != good:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_credentials_basic_only_after_the_challenge():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/data"
        with httpx.Client(auth=ChallengeAuth("bob", "pw")) as client:
            assert client.get(url).text == "ok"
            assert client.get(url).text == "ok"
        # the first request went without a password; once Basic was asked for, it is sent up front
        assert _BasicHandler.seen[0] is None
        assert _BasicHandler.seen[1].startswith("Basic ")
        assert _BasicHandler.seen[2].startswith("Basic ")
        assert httpx.get(url, auth=ChallengeAuth("bob", "wrong")).status_code == 401
    finally:
        server.shutdown()


def test_credentials_digest_against_virtuoso(tmp_path):
    if virtuoso_binaries() is None:
        if os.environ.get("CHIPGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail("Virtuoso is not installed (CHIPGRAPH_REQUIRE_SHARED=1)")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    with VirtuosoServer(tmp_path / "v") as v:
        triple = b'<https://w3id.org/chipgraph/entity/x> <https://w3id.org/chipgraph/ontology#p> "y" .\n'
        with httpx.Client(auth=ChallengeAuth(v.user, v.password), timeout=30) as client:
            for _ in range(2):  # the second request reuses the server's nonce
                r = client.put(f"{v.base}/sparql-graph-crud-auth",
                               params={"graph-uri": "https://w3id.org/chipgraph/graph/t"},
                               content=triple, headers={"Content-Type": "application/n-triples"})
                assert r.status_code in (200, 201, 204), r.text
        r = httpx.put(f"{v.base}/sparql-graph-crud-auth", params={"graph-uri": "https://w3id.org/chipgraph/graph/t"},
                      content=triple, headers={"Content-Type": "application/n-triples"},
                      auth=ChallengeAuth(v.user, "wrong"), timeout=30)
        assert r.status_code == 401
