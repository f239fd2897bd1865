"""Issue 15, items 1-5: the endpoint's guards, each reproduced against a real server on 127.0.0.1.

The SSRF payloads go to a real `chipgraph serve` process; the target is a second local
HTTP server that records whether anything called it.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from helpers import need_oxigraph
from helpers import LIMIT, SLOW, TOKEN, populated, raw, serve_cli, status_of

from chipgraph.serve import Service

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the executor's isolation is Linux-only")


@pytest.fixture()
def target():
    """A local HTTP server that records every request it gets."""
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[{}]}}')

        do_POST = do_GET

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/recorded", hits
    srv.shutdown()
    srv.server_close()
    t.join(5)


@pytest.fixture()
def served(tmp_path):
    """A real `chipgraph serve --allow-update` process: (base URL, the store path)."""
    need_oxigraph()
    path = populated(tmp_path / "store")
    proc, port = serve_cli(path, "--allow-update", "--timeout", "3",
                           env={**os.environ, "CHIPGRAPH_TOKEN": TOKEN})
    try:
        yield f"http://127.0.0.1:{port}", path
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


# The parser disagreements of the report, each hiding a fetch from a parser that reads
# comments, escapes or line ends differently from Oxigraph.
QUERIES = [
    "SELECT * WHERE {{ # a remark\r SERVICE <{url}> {{ ?s ?p ?o }} }}",  # comment ended by CR
    "SELECT * WHERE {{ # a remark\r\n SERVICE <{url}> {{ ?s ?p ?o }} }}",  # CR LF
    "SELECT * WHERE {{ # a remark \\u000D SERVICE <{url}> {{ ?s ?p ?o }} }}",  # escaped CR
    'SELECT * WHERE {{ BIND("\\u005C" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}',  # escaped backslash
    "SELECT * WHERE {{ # outer # inner\r SERVICE <{url}> {{ ?s ?p ?o }} # after\n }}",  # comments in comments
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
]
UPDATES = [
    'INSERT DATA {{ <urn:x> <urn:y> "\\u005C" }} ; LOAD <{url}> INTO GRAPH <urn:loaded>',
    "# a note\r LOAD <{url}> INTO GRAPH <urn:loaded>",
    "INSERT {{ GRAPH <urn:loaded> {{ ?s ?p ?o }} }} WHERE {{ # x\r SERVICE <{url}> {{ ?s ?p ?o }} }}",
]


def test_serve_ssrf_bypasses_never_reach_the_target(served, target):
    base, _ = served
    url, hits = target
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answers = []
    for q in QUERIES:
        text = q.format(url=url)
        answers.append(httpx.post(base + "/query", data={"query": text}, timeout=30))
        answers.append(httpx.get(base + "/query", params={"query": text}, timeout=30))  # an <img src>
    for u in UPDATES:
        answers.append(httpx.post(base + "/update", content=u.format(url=url).encode(), timeout=30,
                                  headers={"Content-Type": "application/sparql-update", **auth}))
    assert hits == []
    assert all(r.status_code < 500 for r in answers), [r.text for r in answers if r.status_code >= 500]
    refused = [r for r in answers if r.headers.get("x-chipgraph-error") == "service-refused"]
    assert len(refused) >= len(QUERIES)  # told why, not a bare failure
    r = httpx.post(base + "/query", data={"query": "ASK { GRAPH <urn:loaded> { ?s ?p ?o } }"})
    assert r.json()["boolean"] is False  # nothing was loaded


def test_serve_with_allow_service_does_fetch(tmp_path, target):
    """The control: the same target is reachable when fetching is allowed."""
    need_oxigraph()
    url, hits = target
    with Service(populated(tmp_path / "store"), port=0, allow_service=True) as svc:
        r = httpx.post(svc.url + "/query", data={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ }} }}"})
    assert hits and r.status_code < 500


@pytest.fixture(scope="module")
def ro(tmp_path_factory):
    need_oxigraph()
    path = populated(tmp_path_factory.mktemp("hard") / "store")
    with Service(path, port=0, timeout=2, result_limit=LIMIT, client_timeout=1,
                 request_deadline=3) as svc:
        yield svc


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_serve_timeout_is_503_and_the_query_is_stopped(ro):
    before = {w.proc.pid for w in ro.pool._all}
    t0 = time.monotonic()
    r = httpx.post(ro.url + "/query", data={"query": SLOW}, timeout=30)
    took = time.monotonic() - t0
    assert r.status_code == 503 and r.headers["x-chipgraph-error"] == "timeout"
    assert took < 2 * 2 + 3  # at the deadline (2 s), not after the query ran to its end
    stopped = [pid for pid in before if not _alive(pid)]
    assert len(stopped) == 1  # the executor that ran it is gone: no CPU spent on it afterwards
    r = httpx.get(ro.url + "/query", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_serve_a_long_query_does_not_block_other_clients(ro):
    """One client's slow (or huge) query does not hold a lock others wait for."""
    big = "SELECT ?v WHERE { VALUES ?v { " + " ".join(f'"value {i}"' for i in range(20_000)) + " } } LIMIT 1"
    assert len(big) > 200_000
    done: dict[str, float] = {}

    def run(name: str, query: str) -> int:
        r = httpx.post(ro.url + "/query", data={"query": query}, timeout=30)
        done[name] = time.monotonic()
        return r.status_code

    with ThreadPoolExecutor(3) as pool:
        slow = pool.submit(run, "slow", SLOW)
        time.sleep(0.3)
        huge = pool.submit(run, "big", big)
        ask = pool.submit(run, "ask", "ASK { ?s ?p ?o }")
        assert ask.result() == 200 and huge.result() == 200 and slow.result() == 503
    assert done["ask"] < done["slow"] and done["big"] < done["slow"]


def test_serve_answers_every_request_of_50_threads_by_20_posts(ro):
    def client(i: int) -> list[int]:
        out = []
        with httpx.Client(timeout=60) as c:
            for j in range(20):
                try:
                    r = c.post(ro.url + "/query", data={"query": f"ASK {{ ?s ?p {j} }}"})
                    out.append(r.status_code)
                except httpx.HTTPError as exc:
                    out.append(type(exc).__name__)
        return out

    with ThreadPoolExecutor(50) as pool:
        codes = [c for got in pool.map(client, range(50)) for c in got]
    assert len(codes) == 1000 and set(codes) == {200}, {c: codes.count(c) for c in set(codes)}


def test_serve_get_store_honours_the_result_limit(ro):
    r = httpx.get(ro.url + "/store", headers={"Accept": "application/n-quads"})
    assert r.status_code == 422 and r.headers["x-chipgraph-error"] == "result-limit"
    r = httpx.get(ro.url + "/store", params={"graph": "urn:no-such-graph"})
    assert r.status_code == 404
    names = httpx.post(ro.url + "/query", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"}).json()
    small = []
    for b in names["results"]["bindings"]:
        r = httpx.get(ro.url + "/store", params={"graph": b["g"]["value"]}, headers={"Accept": "application/n-triples"})
        assert r.status_code in (200, 422)
        if r.status_code == 200:
            small.append(len(r.content.splitlines()))
    assert small and max(small) <= LIMIT


def test_serve_whole_request_deadline_cuts_a_trickling_client(ro):
    """A client sending one byte at a time never trips the socket timeout (1 s) alone."""
    host, port = ro.proxy.server_address[:2]
    request = b"GET /query?query=ASK%%7B%%7D HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Pad: " % port + b"a" * 200
    t0 = time.monotonic()
    sent = 0
    with socket.create_connection((host, port), timeout=5) as sock:
        try:
            for byte in request:
                sock.sendall(bytes([byte]))
                sent += 1
                time.sleep(0.1)  # 200+ bytes: 20 s if never cut
        except OSError:
            pass
    assert sent < len(request) and time.monotonic() - t0 < 10


def test_serve_duplicate_host_header_is_refused(ro):
    port = ro.proxy.server_address[1]
    answer = raw(ro, b"GET /query?query=ASK%%7B%%7D HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nHost: evil.test\r\n\r\n" % port)
    assert status_of(answer) == 400 and b"exactly one Host" in answer
    answer = raw(ro, b"GET /query?query=ASK%%7B%%7D HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
    assert status_of(answer) == 200
