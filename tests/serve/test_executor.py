"""The executor pool on its own: operations it accepts, no network, and the deadline."""
from __future__ import annotations

import sys
import time

import pytest

from chipgraph.serve.executor import Deadline, Pool, network_isolation_available

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not network_isolation_available(),
                                reason="needs Linux with unprivileged user namespaces")


@pytest.fixture(scope="module")
def pool():
    p = Pool(None, size=1, read_only=False, isolated=True, limit=10).start()
    yield p
    p.close()


def later(seconds: float = 20.0) -> float:
    return time.monotonic() + seconds


def test_executor_accepts_only_its_operations(pool):
    for op in ("__init__", "_graph", "serve", ""):
        reply, _ = pool.call({"op": op}, deadline=later())
        assert reply["error"] == "failed" and "unknown operation" in reply["message"]


def test_executor_has_no_network(pool):
    for text in ("SELECT * WHERE { SERVICE <http://127.0.0.1:8/x> { ?s ?p ?o } }",
                 "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"):
        reply, _ = pool.call({"op": "query"}, text.encode(), deadline=later())
        assert reply["error"] == "service-refused", reply
    reply, _ = pool.call({"op": "update"}, b"LOAD <http://example.org/data.ttl>", deadline=later())
    assert reply["error"] == "service-refused", reply


def test_executor_writes_reads_and_limits(pool):
    reply, _ = pool.call({"op": "put_graph", "replace": True, "graph": "urn:g", "content_type": "text/turtle"},
                         b"<urn:a> <urn:b> 1, 2, 3 .", deadline=later())
    assert reply == {"kind": "done", "created": True}
    reply, out = pool.call({"op": "get_graph", "graph": "urn:g"}, deadline=later())
    assert reply["kind"] == "graph" and len(out.splitlines()) == 3
    many = " ".join(f"<urn:a> <urn:c> {i} ." for i in range(11)).encode()
    pool.call({"op": "put_graph", "graph": "urn:h", "content_type": "text/turtle"}, many, deadline=later())
    assert pool.call({"op": "get_graph", "all": True}, deadline=later())[0] == {"error": "result-limit"}
    assert pool.call({"op": "delete_graph", "graph": "urn:nothing"}, deadline=later())[0] == {"error": "not-found"}


def test_executor_past_the_deadline_is_replaced(pool):
    slow = b"SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { 1 2 3 4 5 6 7 8 9 10 } " + b" ".join(
        b"VALUES ?v%d { 1 2 3 4 5 6 7 8 9 10 }" % i for i in range(9)) + b" }"
    (old,) = pool._all
    with pytest.raises(Deadline):
        pool.call({"op": "query"}, slow, deadline=later(1.0))
    assert old.proc.poll() is not None  # killed: the query stopped
    reply, out = pool.call({"op": "query"}, b"ASK {}", deadline=later())
    assert reply["kind"] == "boolean" and out == b"true"
