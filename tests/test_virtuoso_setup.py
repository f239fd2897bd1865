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
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), timeout=3) as server:
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


# -- chipgraph against the README's setup: credentials from the environment only ----------
ARTICLES = {
    "one.txt": "Nvidia makes the H20. The Commerce Department restricts the H20, officials said.",
    "two.txt": "Huawei uses the Ascend 910B. Analysts expect Huawei to make more of the Ascend 910B.",
}


def _cli(args, env):
    from typer.testing import CliRunner

    from chipgraph.cli import app

    return CliRunner(env={"CHIPGRAPH_USER": None, "CHIPGRAPH_PASSWORD": None,
                          "CHIPGRAPH_TOKEN": None, "NETRC": "/nonexistent", **env}).invoke(app, args)


def test_virtuoso_cli_ingest_with_env_credentials_and_reads_without(virtuoso, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    user = {"CHIPGRAPH_USER": virtuoso.user, "CHIPGRAPH_PASSWORD": virtuoso.password}
    r = _cli(["--store", virtuoso.url, "ingest", str(src), "--jobs", "1"], user)
    assert r.exit_code == 0, r.output
    assert "2 added" in r.output
    r = _cli(["--store", virtuoso.url, "ingest", str(src), "--jobs", "1"], user)
    assert "2 unchanged" in r.output, r.output
    local = tmp_path / "local"
    assert _cli(["--store", str(local), "ingest", str(src), "--jobs", "1"], {}).exit_code == 0
    # Read-only commands need no credentials; only chipgraph's graphs are read.
    got = _cli(["--store", virtuoso.url, "export", "-f", "nquads"], {})
    assert got.exit_code == 0, got.output
    want = _cli(["--store", str(local), "export", "-f", "nquads"], {})
    assert got.stdout_bytes == want.stdout_bytes and b"virtrdf" not in got.stdout_bytes
    stats = [_cli(["--store", s, "stats", "-f", "json"], {}) for s in (virtuoso.url, str(local))]
    assert stats[0].exit_code == 0 and stats[0].stdout == stats[1].stdout
    r = _cli(["--store", virtuoso.url, "query", "co_mentions", "-f", "csv"], {})
    assert r.exit_code == 0 and "Huawei" in r.stdout, r.output
    # Without credentials a write says what to set up, once for the batch.
    (src / "three.txt").write_text("Nvidia makes the H100.", encoding="utf-8")
    (src / "four.txt").write_text("AMD makes the MI300X.", encoding="utf-8")
    r = _cli(["--store", virtuoso.url, "ingest", str(src), "--jobs", "1"], {})
    assert r.exit_code == 1
    assert r.output.count("document(s) not written") == 1  # one error for the batch
    assert "Virtuoso asks for a user: set CHIPGRAPH_USER and CHIPGRAPH_PASSWORD" in r.output
    assert "Using Virtuoso" in r.output
    assert count(virtuoso) == 0


def test_virtuoso_refused_credentials_are_named_never_printed(virtuoso):
    from helpers import VERSION, small_extraction

    from chipgraph.errors import StoreError
    from chipgraph.remote import RemoteStore

    secret = "not-the-password-42"
    url = virtuoso.url.replace("http://", f"http://{virtuoso.user}:{secret}@")
    with RemoteStore(url, env={}) as store:
        with pytest.raises(StoreError) as refused:
            store.add_extraction(small_extraction(), extractor_version=VERSION)
    text = str(refused.value)
    assert secret not in text and f"{virtuoso.user}:" not in text
    assert "Virtuoso refused user 'chipgraph' (from URL)" in text and "SPARQL_UPDATE" in text


def test_virtuoso_errors_come_with_the_server_message_first(virtuoso):
    from chipgraph.errors import QueryError, QueryTimeoutError
    from chipgraph.remote import RemoteStore

    with RemoteStore(virtuoso.url, env={}) as store:
        with pytest.raises(QueryError) as bad:
            store.query("SELECT ?x WHERE { ?x ?p }")
        text = str(bad.value)
        assert text.startswith(f"{virtuoso.url}: Virtuoso 37000 Error SP030")
        assert "PREFIX" not in text and "?x ?p }" in text  # the query's own text, no prefix block
        with pytest.raises(QueryTimeoutError, match="timed out"):
            store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?h ?i }",
                        timeout=120)
