"""`chipgraph serve`: real clients (SPARQLWrapper, rdflib SPARQLStore, httpx) over HTTP on
127.0.0.1, against the Oxigraph server behind chipgraph's guard; and ingest while serving."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error

import httpx
import pytest
from helpers import small_extraction
from SPARQLWrapper import JSON, RDFXML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized
from test_remote import need_oxigraph
from test_saved_queries import VERSION, E, sample_extractions
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.errors import QueryTimeoutError, StoreError, StoreLockedError
from chipgraph.query import saved_query
from chipgraph.remote import RemoteStore, ResultLimitError, prefix_block
from chipgraph.server import Service, free_port
from chipgraph.store import Store

TOKEN = "test-token-123"
LIMIT = 50
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def populated(path) -> str:
    with Store(path) as s:
        for ex in sample_extractions():
            s.add_extraction(ex, extractor_version=VERSION)
    return str(path)


@pytest.fixture(scope="module")
def rw(tmp_path_factory):
    """A served store that accepts writes with TOKEN; 1 s timeout, 50-row limit."""
    need_oxigraph()
    path = populated(tmp_path_factory.mktemp("rw") / "store")
    with Service(path, port=0, allow_update=True, token=TOKEN, timeout=1, result_limit=LIMIT) as svc:
        yield svc


@pytest.fixture(scope="module")
def ro(tmp_path_factory):
    """A served store with the defaults: read-only."""
    need_oxigraph()
    path = populated(tmp_path_factory.mktemp("ro") / "store")
    with Service(path, port=0, timeout=5, result_limit=LIMIT) as svc:
        yield svc


def wrapper(svc, query: str, fmt=JSON) -> SPARQLWrapper:
    sw = SPARQLWrapper(svc.url + "/query")
    sw.setQuery(prefix_block() + query)
    sw.setReturnFormat(fmt)
    return sw


def test_serve_select_with_sparqlwrapper(ro):
    data = wrapper(ro, saved_query("chips_used").text).query().convert()
    assert [(b["userLabel"]["value"], b["chipLabel"]["value"]) for b in data["results"]["bindings"]] == [
        ("DeepSeek", "H800"), ("Huawei", "Ascend 910B")]


def test_serve_ask_with_sparqlwrapper(ro):
    assert wrapper(ro, f"ASK {{ <{E('deepseek')}> cg:usesChip ?c }}").query().convert() == {"head": {}, "boolean": True}


def test_serve_construct_with_sparqlwrapper(ro):
    g = wrapper(ro, "CONSTRUCT { ?u cg:usesChip ?c } WHERE { ?u cg:usesChip ?c }", RDFXML).query().convert()
    assert len(g) == 2 and (E("deepseek"), None, E("h800")) in {(s, None, o) for s, _, o in g}


def test_serve_select_with_rdflib_sparqlstore(ro):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(ro.url + "/query"))
    rows = list(g.query(prefix_block() + "SELECT ?l WHERE { ?e a cg:Chip ; skos:prefLabel ?l } ORDER BY ?l"))
    assert [str(r[0]) for r in rows] == ["Ascend 910B", "H100", "H20", "H800"]


@pytest.mark.parametrize("accept, check", [
    ("text/csv", lambda t: list(csv.reader(io.StringIO(t)))[0] == ["l"]),
    ("text/tab-separated-values", lambda t: t.splitlines()[0] == "?l"),
    ("application/sparql-results+xml", lambda t: "<sparql" in t and "Nvidia" in t),
    ("application/sparql-results+json", lambda t: json.loads(t)["head"]["vars"] == ["l"]),
    ("*/*", lambda t: json.loads(t)["head"]["vars"] == ["l"]),
])
def test_serve_select_content_negotiation_get(ro, accept, check):
    r = httpx.get(ro.url + "/query", params={"query": prefix_block() + "SELECT ?l WHERE { ?e skos:prefLabel ?l }"},
                  headers={"Accept": accept})
    assert r.status_code == 200 and check(r.text)
    assert r.headers["x-chipgraph-result-limit"] == str(LIMIT)


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt")])
def test_serve_construct_content_negotiation_post(ro, accept, fmt):
    from rdflib import Graph

    r = httpx.post(ro.url + "/query", content=prefix_block() + "CONSTRUCT WHERE { ?u cg:usesChip ?c }",
                   headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=r.text, format=fmt)) == 2


def test_serve_unacceptable_type_and_bad_query(ro):
    r = httpx.get(ro.url + "/query", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = httpx.get(ro.url + "/query", params={"query": "SELEC"})
    assert r.status_code == 400


def test_serve_update_refused_when_read_only(ro):
    sw = SPARQLWrapper(ro.url + "/query", updateEndpoint=ro.url + "/update")
    sw.setMethod("POST")
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as info:
        sw.query()
    assert info.value.code == 403 and b"read-only" in info.value.read()
    r = httpx.put(ro.url + "/store", params={"graph": "urn:g"}, content=b"<urn:a> <urn:b> <urn:c> .",
                  headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and r.headers["x-chipgraph-error"] == "read-only"
    assert not wrapper(ro, "ASK { <urn:a> ?p ?o }").query().convert()["boolean"]


def test_serve_update_needs_the_token(rw):
    sw = SPARQLWrapper(rw.url + "/query", updateEndpoint=rw.url + "/update")
    sw.setMethod("POST")
    sw.setQuery("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    with pytest.raises(Unauthorized):
        sw.query()
    sw.addCustomHttpHeader("Authorization", "Bearer wrong")
    with pytest.raises(Unauthorized):
        sw.query()
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sw.query()
    assert wrapper(rw, "ASK { <urn:a> <urn:b> <urn:c> }").query().convert()["boolean"]
    httpx.post(rw.url + "/update", content=b"DROP GRAPH <urn:g>", headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}).raise_for_status()


def test_serve_slow_query_is_cut_off_and_says_so(rw):
    with pytest.raises(urllib.error.HTTPError) as info:
        wrapper(rw, SLOW).query()
    assert info.value.code == 503 and b"timed out" in info.value.read()
    r = httpx.post(rw.url + "/query", data={"query": SLOW})
    assert r.status_code == 503 and r.headers["x-chipgraph-error"] == "timeout"
    with RemoteStore(rw.url) as remote, pytest.raises(QueryTimeoutError, match="timed out"):
        remote.query(SLOW)


def test_serve_result_limit_is_an_error_not_a_cut(rw):
    many = "SELECT * WHERE { ?s ?p ?o }"  # hundreds of rows, limit 50
    r = httpx.post(rw.url + "/query", data={"query": many})
    assert r.status_code == 422 and r.headers["x-chipgraph-error"] == "result-limit"
    assert f"more than {LIMIT}" in r.text
    r = httpx.post(rw.url + "/query", data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 422
    with RemoteStore(rw.url) as remote, pytest.raises(ResultLimitError):
        remote.query(many)
    r = httpx.post(rw.url + "/query", data={"query": many + f" LIMIT {LIMIT}"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == LIMIT


def test_serve_query_page_is_self_contained(ro):
    r = httpx.get(ro.url + "/", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<textarea" in page and "controls_restrict" in page and "read-only" in page
    assert "src=" not in page and "<link" not in page and "//cdn" not in page


def test_serve_ingest_while_serving(rw):
    path = rw.store_path
    with pytest.raises(StoreLockedError, match="--store http"):
        Store(path)  # the server holds the write lock: a plain ingest is told what to do
    with RemoteStore(rw.url) as anonymous:
        os.environ.pop("CHIPGRAPH_TOKEN", None)
        anonymous.token = None
        with pytest.raises(StoreError, match="CHIPGRAPH_TOKEN"):
            anonymous.add_extraction(small_extraction(), extractor_version="1")
    with RemoteStore(rw.url, token=TOKEN) as writer:
        assert writer.add_extraction(small_extraction(), extractor_version="1") == "added"
        assert writer.add_extraction(small_extraction(), extractor_version="1") == "unchanged"
    # the server made the write, so it serves it at once
    assert wrapper(rw, f"ASK {{ <{E('jane-roe')}> skos:prefLabel \"Jane Roe\" }}").query().convert()["boolean"]
    with Store(path, read_only=True) as reader:  # a new read-only reader sees it too
        assert reader.document_state("test-doc.txt") is not None
    r = CliRunner(env={"CHIPGRAPH_TOKEN": TOKEN}).invoke(app, ["--store", rw.url, "remove", "test-doc.txt"])
    assert r.exit_code == 0, r.output
    assert not wrapper(rw, "ASK { ?d dcterms:identifier \"test-doc.txt\" }").query().convert()["boolean"]


def test_serve_command_runs_and_stops_cleanly(tmp_path):
    need_oxigraph()
    path, port = populated(tmp_path / "store"), free_port()
    exe = os.path.join(os.path.dirname(sys.executable), "chipgraph")
    proc = subprocess.Popen([exe, "--store", path, "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.05)
        r = httpx.get(f"http://127.0.0.1:{port}/query",
                      params={"query": "ASK { ?s a <https://w3id.org/chipgraph/ontology#Document> }"})
        assert r.status_code == 200 and r.json()["boolean"] is True
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    assert b"serving" in proc.stderr.read()
    with Store(path) as s:  # the Oxigraph child stopped too: the write lock is free again
        assert s.document_state("a.txt") is not None
