"""The README's minimal Virtuoso setup, checked against a real Debian Virtuoso on 127.0.0.1.

A user with SPARQL_UPDATE writes through the authenticated endpoints (HTTP Digest), the
anonymous endpoint stays read-only, and anonymous reads see what the user wrote.  The tests
skip when Virtuoso is not installed, unless CHIPGRAPH_REQUIRE_SHARED=1 (CI installs it).
"""
from __future__ import annotations

import os

import httpx
import pytest
from virtuoso import VirtuosoServer, virtuoso_binaries

GRAPH = "https://w3id.org/chipgraph/graph/test-setup"
TRIPLE = '<https://w3id.org/chipgraph/entity/a> <https://w3id.org/chipgraph/ontology#p> "b" .\n'
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if virtuoso_binaries() is None:
        msg = "Virtuoso is not installed (apt-get install virtuoso-opensource)"
        if os.environ.get("CHIPGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(msg + " (CHIPGRAPH_REQUIRE_SHARED=1)")
        pytest.skip(msg)
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def count(v) -> int:
    r = httpx.get(v.url, params={"query": COUNT},
                  headers={"Accept": "application/sparql-results+json"}, timeout=30)
    r.raise_for_status()
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_virtuoso_anonymous_endpoint_refuses_updates(virtuoso):
    r = httpx.post(virtuoso.url, data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {TRIPLE} }} }}"},
                   timeout=30)
    assert r.status_code >= 400
    assert count(virtuoso) == 0


def test_virtuoso_user_writes_with_digest_and_anyone_reads(virtuoso):
    auth = httpx.DigestAuth(virtuoso.user, virtuoso.password)
    put = httpx.put(f"{virtuoso.base}/sparql-graph-crud-auth", params={"graph-uri": GRAPH},
                    content=TRIPLE.encode(), headers={"Content-Type": "application/n-triples"},
                    auth=auth, timeout=30)
    assert put.status_code in (200, 201, 204), put.text
    assert count(virtuoso) == 1
    bad = httpx.put(f"{virtuoso.base}/sparql-graph-crud-auth", params={"graph-uri": GRAPH},
                    content=TRIPLE.encode(), headers={"Content-Type": "application/n-triples"},
                    auth=httpx.DigestAuth(virtuoso.user, "wrong"), timeout=30)
    assert bad.status_code == 401
    upd = httpx.post(f"{virtuoso.base}/sparql-auth", auth=auth, timeout=30,
                     data={"update": f"CLEAR GRAPH <{GRAPH}>"})
    assert upd.status_code == 200, upd.text
    assert count(virtuoso) == 0
