"""`chipgraph serve`: real clients (SPARQLWrapper, rdflib SPARQLStore, httpx) over HTTP on
127.0.0.1, against the Oxigraph server behind chipgraph's guard; and ingest while serving."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import re
import sys
import time
import urllib.error

import httpx
import pytest
from helpers import serve_cli, small_extraction
from SPARQLWrapper import JSON, RDFXML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized
from helpers import need_oxigraph
from helpers import LIMIT, SLOW, TOKEN, E, populated, raw, status_of
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.errors import QueryTimeoutError, StoreError, StoreLockedError
from chipgraph.query import saved_query
from chipgraph.remote import RemoteStore, ResultLimitError, prefix_block
from chipgraph.serve import Service
from chipgraph.store import Store



@pytest.fixture(scope="module")
def rw(tmp_path_factory):
    """A served store that accepts writes with TOKEN; 3 s timeout, 50-row limit.

    The writer pool has one executor, replaced after a timed-out query; 3 s leaves room for
    that replacement to start on a loaded machine before the next test's query."""
    need_oxigraph()
    path = populated(tmp_path_factory.mktemp("rw") / "store")
    with Service(path, port=0, allow_update=True, token=TOKEN, timeout=3, result_limit=LIMIT) as svc:
        yield svc


@pytest.fixture(scope="module")
def ro(tmp_path_factory):
    """A served store with the defaults: read-only."""
    need_oxigraph()
    path = populated(tmp_path_factory.mktemp("ro") / "store")
    with Service(path, port=0, timeout=5, result_limit=LIMIT, client_timeout=2) as svc:
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


def test_serve_query_page_loads_only_its_own_assets(ro):
    r = httpx.get(ro.url + "/", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "controls_restrict" in page and "read-only" in page and "//cdn" not in page
    refs = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert refs and all(ref.startswith("/assets/") for ref in refs), refs
    for ref in refs:  # every file the page names is served, with its type
        a = httpx.get(ro.url + ref)
        assert a.status_code == 200 and len(a.content) > 0, ref
        assert a.headers["content-type"].split(";")[0] in ("text/javascript", "text/css",
                                                            "application/javascript", "text/plain")
    for bad in ("/assets/%2e%2e/config.py", "/assets/", "/assets/page.py", "/assets/yasgui.min.js/x"):
        assert httpx.get(ro.url + bad).status_code == 404, bad


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
    path = populated(tmp_path / "store")
    proc, port = serve_cli(path, "--allowed-host", "chips.test")
    try:
        r = httpx.get(f"http://127.0.0.1:{port}/query",
                      params={"query": "ASK { ?s a <https://w3id.org/chipgraph/ontology#Document> }"})
        assert r.status_code == 200 and r.json()["boolean"] is True
        ask = {"query": "ASK {}"}
        assert httpx.get(f"http://127.0.0.1:{port}/query", params=ask, headers={"Host": "chips.test"}).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/query", params=ask, headers={"Host": "evil.test"}).status_code == 421
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    assert b"serving" in proc.stderr.read()
    with Store(path) as s:  # the Oxigraph child stopped too: the write lock is free again
        assert s.document_state("a.txt") is not None


# -- review fixes: guard bypass, SSRF, malformed requests, minor protocol points ------------
def listening_sockets(pid: int) -> set[str]:
    """Socket inodes of process ``pid`` that listen on TCP, in its own or the host's network."""
    mine = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}")
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6", f"/proc/{pid}/net/tcp", f"/proc/{pid}/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                cols = line.split()
                if cols[3] == "0A" and cols[9] in mine:  # 0A: LISTEN
                    found.add(cols[9])
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_serve_executor_has_no_port_and_the_store_is_locked(ro, rw):
    """Nothing but the guard can reach an executor: it listens nowhere (issue 15, item 2)."""
    for svc in (ro, rw):
        pids = [w.proc.pid for w in svc.pool._all]
        assert pids and all(listening_sockets(pid) == set() for pid in pids)
    # a cross-origin form POST (what a hostile page can send) reaches only the guard
    r = httpx.post(rw.url + "/update", data={"update": "DROP ALL"},
                   headers={"Origin": "http://evil.example", "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and r.headers["x-chipgraph-error"] == "cross-origin"
    assert wrapper(rw, "ASK { ?s a cg:Document }").query().convert()["boolean"]
    with pytest.raises(StoreLockedError, match="--store http"):
        Store(ro.store_path)  # no writer under the read-only server


def test_store_lock_is_exclusive_between_writers_and_serve(tmp_path):
    need_oxigraph()
    path = tmp_path / "store"
    with Store(path):
        with pytest.raises(StoreLockedError, match="open for writing"):
            Store(path)
        with pytest.raises(StoreLockedError):
            Service(path, port=0).start()
    with Store(path, read_only=True):  # readers never take the lock
        with Store(path):  # released by close()
            pass


@pytest.fixture()
def probe():
    """An HTTP server on 127.0.0.1 that counts the requests it gets."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits = []

    class H(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/probe", hits
    srv.shutdown()
    srv.server_close()
    t.join(5)


def test_serve_refuses_service_clauses(ro, rw, probe):
    url, hits = probe
    for q in (f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
              f"select * where {{ ?a ?b ?c OPTIONAL {{ service <{url}> {{ ?s ?p ?o }} }} }}"):
        r = httpx.post(ro.url + "/query", data={"query": q})
        assert r.status_code == 400 and r.headers["x-chipgraph-error"] == "service-refused", q
        assert "SERVICE and LOAD are refused" in r.text and "--allow-service" in r.text
        r = httpx.get(ro.url + "/query", params={"query": q})
        assert r.status_code == 400
    auth = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    for u in (f"INSERT {{ GRAPH <urn:g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
              f"LOAD <{url}> INTO GRAPH <urn:g>"):
        r = httpx.post(rw.url + "/update", content=u.encode(), headers=auth)
        assert r.status_code == 400 and r.headers["x-chipgraph-error"] == "service-refused", u
    r = httpx.post(ro.url + "/query", data={"query": f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}"})
    assert r.status_code == 400  # Oxigraph does not run a SERVICE named by a variable
    r = httpx.post(ro.url + "/query", data={"query": f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}"})
    assert r.status_code == 200  # answered without fetching (checked below)
    r = httpx.post(ro.url + "/query", data={"query": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 200  # SILENT: the failed fetch is an empty pattern
    assert hits == []
    # the word itself, in a string, a name or a comment, is not a SERVICE clause
    ok = 'SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) } # SERVICE <http://x/>'
    r = httpx.post(ro.url + "/query", data={"query": ok})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["service"]["value"].startswith("SERVICE")


def test_serve_allow_service_lets_service_through(tmp_path, probe):
    need_oxigraph()
    url, hits = probe
    with Service(populated(tmp_path / "store"), port=0, allow_service=True) as svc:
        httpx.post(svc.url + "/query", data={"query": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"})
    assert hits  # it did fetch: that is what --allow-service means


def test_serve_checks_host_and_origin(ro):
    port = ro.proxy.server_address[1]
    q = {"query": "ASK { ?s ?p ?o }"}
    for host in (f"evil.example:{port}", "127.0.0.1:1", f"attacker.test", ""):
        r = httpx.get(ro.url + "/query", params=q, headers={"Host": host})
        assert r.status_code == 421 and r.headers["x-chipgraph-error"] == "bad-host", host
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        assert httpx.get(ro.url + "/query", params=q, headers={"Host": host}).status_code == 200, host
    r = httpx.post(ro.url + "/query", data=q, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and r.headers["x-chipgraph-error"] == "cross-origin"
    r = httpx.post(ro.url + "/query", data=q, headers={"Origin": "null"})
    assert r.status_code == 403
    r = httpx.post(ro.url + "/query", data=q, headers={"Origin": ro.url})  # the query page itself
    assert r.status_code == 200


@pytest.mark.parametrize("head, body, status", [
    (b"Content-Type: application/sparql-query\r\nContent-Length: 4\r\n", b"\xff\xfe\xfd\xfc", 400),
    (b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n", b"query=%ff", 400),
    (b"Content-Type: application/sparql-query\r\nContent-Length: abc\r\n", b"ASK {}", 400),
    (b"Content-Type: application/sparql-query\r\nContent-Length: -1\r\n", b"ASK {}", 400),
    (b"Content-Type: application/sparql-query\r\nContent-Length: 99999999999\r\n", b"ASK {}", 413),
    (b"Content-Type: application/sparql-query\r\nContent-Length: 2000000\r\n", b"ASK {}", 413),
    (b"Content-Type: application/sparql-query\r\n", b"ASK {}", 411),
    (b"Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n", b"6\r\nASK {}\r\n0\r\n\r\n", 411),
])
def test_serve_malformed_requests_get_a_status(ro, head, body, status):
    port = ro.proxy.server_address[1]
    answer = raw(ro, b"POST /query HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port + head + b"\r\n" + body)
    assert status_of(answer) == status, answer[:300]
    assert b"Traceback" not in answer


def test_serve_stalled_clients_are_dropped(ro):
    port = ro.proxy.server_address[1]
    t0 = time.monotonic()  # a body shorter than its Content-Length, connection kept open
    raw(ro, b"POST /query HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK {}" % port)
    t1 = time.monotonic()  # slowloris: headers never finished
    raw(ro, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1")
    t2 = time.monotonic()
    assert t1 - t0 < 8 and t2 - t1 < 8  # client_timeout=2 in the fixture
    assert httpx.get(ro.url + "/query", params={"query": "ASK {}"}).status_code == 200


def test_serve_text_star_gets_csv(ro):
    r = httpx.get(ro.url + "/query", params={"query": prefix_block() + "SELECT ?l WHERE { ?e skos:prefLabel ?l }"},
                  headers={"Accept": "text/*"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    r = httpx.get(ro.url + "/query", params={"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 1"},
                  headers={"Accept": "text/*"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


def test_serve_get_update_is_refused(rw):
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        r = httpx.get(rw.url + "/update", headers=headers)
        assert r.status_code == 405


def test_serve_bearer_scheme_is_case_insensitive(rw):
    for scheme in ("bearer", "BEARER"):
        r = httpx.post(rw.url + "/update", content=b"CLEAR SILENT GRAPH <urn:nothing>", headers={
            "Content-Type": "application/sparql-update", "Authorization": f"{scheme} {TOKEN}"})
        assert r.status_code < 300, r.text
    r = httpx.post(rw.url + "/update", content=b"CLEAR SILENT GRAPH <urn:nothing>", headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401


def test_remote_answer_of_exactly_the_server_limit_is_complete(rw):
    with RemoteStore(rw.url) as remote:
        res = remote.query(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {LIMIT}")
        assert len(res) == LIMIT and not res.truncated  # the server refuses larger ones
