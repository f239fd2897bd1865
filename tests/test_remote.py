"""RemoteStore against a real Oxigraph server (`oxigraph serve`) on 127.0.0.1.

The tests every backend shares (ingest, re-ingest, replace, remove, saved questions,
exports, validation) are in test_backends.py; these are the remote store's own.

The server is started by a fixture on a free port and stopped at teardown; the tests skip
when the `oxigraph` binary (PyPI package ``oxigraph``) is absent, unless
CHIPGRAPH_REQUIRE_SHARED=1.
"""
from __future__ import annotations


import pytest
from rdflib import Literal, URIRef
from helpers import VERSION, E, need_oxigraph, sample_extractions, small_extraction
from typer.testing import CliRunner

from chipgraph import ids
from chipgraph.errors import QueryError, QueryTimeoutError, ResultLimitError, StoreError
from chipgraph.query import saved_query
from chipgraph.remote import RemoteStore, sparql_term, values_clause
from chipgraph.server import OxigraphServer, free_port
from chipgraph.store import Store


@pytest.fixture()
def oxigraph(tmp_path):
    """A fresh Oxigraph server (union default graph, 1 s query timeout) per test."""
    need_oxigraph()
    with OxigraphServer(tmp_path / "ox", timeout=1) as server:
        yield server


@pytest.fixture()
def remote(oxigraph):
    with RemoteStore(oxigraph.url) as store:
        yield store


def local_copy(exs) -> Store:
    store = Store(None)
    for ex in exs:
        store.add_extraction(ex, extractor_version=VERSION)
    return store


def test_remote_bindings_are_values_not_text(remote):
    remote.add_extraction(small_extraction(), extractor_version="1")
    q = "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }"
    assert [r["e"] for r in remote.query(q, {"l": Literal("Nvidia")})] == [E("nvidia")]
    evil = Literal('x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o  # ')
    assert remote.query(q, {"l": evil}).rows == ()
    assert len(remote) > 0
    with pytest.raises(QueryError, match="not a valid IRI"):
        remote.query(q, {"e": URIRef("http://x> } DROP ALL #")})
    with pytest.raises(QueryError, match="does not select"):
        remote.query("SELECT ?l WHERE { ?e skos:prefLabel ?l }", {"e": E("nvidia")})


def test_remote_values_clause_serialises_terms():
    assert sparql_term(Literal('a "b"\n')) == '"a \\"b\\"\\n"'
    assert sparql_term(Literal("2025-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))) \
        == '"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert values_clause({"b": Literal("x"), "a": URIRef("urn:a")}) == '\nVALUES (?a ?b) { (<urn:a> "x") }\n'


def test_remote_timed_out_answer_is_an_error_not_a_short_result(remote):
    """Oxigraph answers a timed-out query with 200 and a cut body: the client must notice."""
    remote.add_extraction(small_extraction(), extractor_version="1")
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    with pytest.raises(QueryTimeoutError, match="timed out"):
        remote.query(slow)
    with pytest.raises(QueryTimeoutError):  # rows streamed before the cut are not an answer
        remote.query("SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }")


def test_remote_row_count_at_a_known_server_limit_is_flagged(oxigraph):
    with RemoteStore(oxigraph.url, row_limits=(3,)) as remote:
        remote.add_extraction(small_extraction(), extractor_version="1")
        q = "SELECT ?e WHERE { ?e skos:prefLabel ?l } ORDER BY ?e LIMIT %d"
        res = remote.query(q % 3)
        assert res.truncated and "may be incomplete" in res.warning
        assert not remote.query(q % 2).truncated


def test_remote_read_only_and_unreachable(oxigraph):
    with RemoteStore(oxigraph.url, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.add_extraction(small_extraction(), extractor_version="1")
        with pytest.raises(StoreError, match="read-only"):
            ro.remove_document("x")
    with RemoteStore(f"http://127.0.0.1:{free_port()}") as gone:
        with pytest.raises(StoreError, match="cannot reach"):
            len(gone)


def test_remote_endpoint_layouts():
    assert RemoteStore("http://h:7878").gsp_url == "http://h:7878/store"
    fuseki = RemoteStore("http://h:3030/ds")
    assert (fuseki.query_url, fuseki.update_url, fuseki.gsp_url) == (
        "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data")
    graphdb = RemoteStore("http://h:7200/repositories/cg")
    assert graphdb.update_url == "http://h:7200/repositories/cg/statements"
    virtuoso = RemoteStore("http://someone:secret@h:8890/sparql")
    assert (virtuoso.kind, virtuoso.query_url, virtuoso.update_url) == (
        "virtuoso", "http://h:8890/sparql", "http://h:8890/sparql-auth")
    assert (virtuoso.gsp_url, virtuoso.gsp_read_url) == (
        "http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql-graph-crud")
    assert virtuoso.url == "http://h:8890/sparql" and "secret" not in repr(virtuoso)
    assert virtuoso.credentials.user == "someone"


def test_remote_cli_query_export_remove(oxigraph, tmp_path):
    with RemoteStore(oxigraph.url) as remote:
        for ex in sample_extractions():
            remote.add_extraction(ex, extractor_version=VERSION)
    runner = CliRunner()
    r = runner.invoke(__import__("chipgraph.cli", fromlist=["app"]).app,
                      ["--store", oxigraph.url, "query", "chips_used", "--bind", f"user={E('deepseek')}", "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert "DeepSeek,https://w3id.org/chipgraph/entity/h800,H800" in r.stdout
    from chipgraph.cli import app

    r = runner.invoke(app, ["--store", oxigraph.url, "export", "-f", "nquads", "-o", str(tmp_path / "x.nq")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x.nq").read_bytes() == local_copy(sample_extractions()).export("nquads")
    assert runner.invoke(app, ["--store", oxigraph.url, "remove", "a.txt"]).exit_code == 0
    r = runner.invoke(app, ["--store", oxigraph.url, "stats", "-f", "json"])
    assert r.exit_code == 0, r.output
    assert '"documents": 2' in r.stdout


def test_remote_stats_on_a_store_without_quotes(remote):
    from chipgraph.stats import graph_stats

    ex = sample_extractions()[2]  # no quotes, no relations
    remote.add_extraction(ex, extractor_version=VERSION)
    s = graph_stats(remote)
    assert (s["documents"], s["quotes"], s["relations"]) == (1, 0, 0)
    local = local_copy([ex])
    assert graph_stats(local) == s


# -- review fixes: a half-written ingest is repaired; whole-store reads refuse a cut answer --
LABELS = "SELECT ?e ?l WHERE { GRAPH <%s> { ?e skos:prefLabel ?l } } ORDER BY ?e" % ids.ENTITIES_GRAPH


@pytest.mark.parametrize("kind", ["remote", "local"])
def test_ingest_stopped_before_labels_is_repaired_by_a_retry(kind, oxigraph, monkeypatch):
    store = RemoteStore(oxigraph.url) if kind == "remote" else Store(None)
    ex = small_extraction()
    # Stop the write after the document graph, before the entity layer: remotely the
    # update request fails; locally the journal is written but not applied.
    if kind == "remote":
        step, broken = "_apply_entities", lambda self, change: (_ for _ in ()).throw(StoreError("connection lost"))
    else:
        real = Store._recover

        def broken(self):
            if self._pending():
                raise StoreError("connection lost")
            real(self)
        step = "_recover"
    with monkeypatch.context() as m:
        m.setattr(type(store), step, broken)
        with pytest.raises(StoreError, match="connection lost"):
            store.add_extraction(ex, extractor_version=VERSION)
    assert store.document_state(ex.document.key) is not None  # the graph and its hash are in
    assert store.query(LABELS).rows == ()
    # remotely the retry rewrites the document ("repaired"); locally the journal is finished
    # first (counted in repaired_writes, which ingest reports), so the document is unchanged
    if kind == "remote":
        assert store.add_extraction(ex, extractor_version=VERSION) == "repaired"
    else:
        assert store.add_extraction(ex, extractor_version=VERSION) == "unchanged"
        assert store.repaired_writes == 1
    assert store.add_extraction(ex, extractor_version=VERSION) == "unchanged"  # and only once
    labels = {r["e"]: str(r["l"]) for r in store.query(LABELS)}
    assert labels[E("jane-roe")] == "Jane Roe" and len(labels) == len(ex.entities)
    want = local_copy([ex])
    assert store.query(LABELS).rows == want.query(LABELS).rows
    assert store.export("nquads") == want.export("nquads")
    calls = []
    monkeypatch.setattr(type(store), "apply", lambda self, change: calls.append(change))
    assert store.add_extraction(ex, extractor_version=VERSION) == "unchanged"
    assert calls == []  # complete: nothing to write
    store.close()


def test_remote_whole_store_reads_refuse_a_cut_answer(oxigraph):
    with RemoteStore(oxigraph.url) as remote:
        remote.add_extraction(small_extraction(), extractor_version="1")
        n = len(remote.named_graphs())
    with RemoteStore(oxigraph.url, row_limits=(n,)) as capped:  # as if the server cut at n rows
        with pytest.raises(ResultLimitError, match="whole answer"):
            capped.named_graphs()
        with pytest.raises(ResultLimitError):
            capped.export("nquads")
        with pytest.raises(ResultLimitError):
            capped.union_graph()


def test_remote_limit_header_exact_count_is_complete_but_silent_caps_are_not():
    import httpx as _httpx

    remote = RemoteStore("http://127.0.0.1:1")
    res = remote._json_result({"head": {"vars": ["x"]}, "results": {"bindings": [{}] * 5}})
    assert not remote._check_limit(res, _httpx.Headers({"x-chipgraph-result-limit": "5"})).truncated
    assert remote._check_limit(res, _httpx.Headers({"x-chipgraph-result-limit": "4"})).truncated
    assert remote._check_limit(res, _httpx.Headers({"x-sparql-maxrows": "5"})).truncated
    remote.close()


@pytest.mark.parametrize("query, bindings, expected", [
    ("SELECT ?x WHERE { ?x ?p ?o }", {"x": URIRef("urn:a")},
     'SELECT ?x WHERE {\nVALUES (?x) { (<urn:a>) }\n ?x ?p ?o }'),
    # braces in strings, IRIs, comments and EXISTS-in-projection are not the group
    ('SELECT (EXISTS { ?a ?b ?c } AS ?e) ?x # {\n{ ?x ?p "}{" }', {"x": Literal("v")},
     'SELECT (EXISTS { ?a ?b ?c } AS ?e) ?x # {\n{\nVALUES (?x) { ("v") }\n ?x ?p "}{" }'),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("urn:s")},
     "CONSTRUCT { ?s ?p ?o } WHERE {\nVALUES (?s) { (<urn:s>) }\n ?s ?p ?o }"),
    # a FILTER in a nested group sees the value (as with Oxigraph's substitutions);
    # a BIND target keeps its variable
    ('SELECT ?k WHERE { { ?x ?p ?o FILTER(?k = "all") } UNION { BIND(2 AS ?k) } }', {"k": Literal("all")},
     'SELECT ?k WHERE {\nVALUES (?k) { ("all") }\n { ?x ?p ?o FILTER("all" = "all") } UNION { BIND(2 AS ?k) } }'),
    ("DESCRIBE <urn:x>", {"x": Literal("v")}, 'DESCRIBE <urn:x>\nVALUES (?x) { ("v") }\n'),
])
def test_remote_bindings_go_to_the_start_of_the_where_group(query, bindings, expected):
    from chipgraph.remote import with_bindings

    assert with_bindings(query, bindings) == expected


def test_remote_bound_parameters_filter_as_locally(remote):
    """?date sits in FILTERs of controls_in_force: bound remotely, it must filter there too."""
    from chipgraph.derived import refresh_derived

    local = local_copy(sample_extractions())
    for ex in sample_extractions():
        remote.add_extraction(ex, extractor_version=VERSION)
    for store in (local, remote):
        refresh_derived(store, only=("catalogue",))
    text = saved_query("controls_in_force").text
    for day in ("2019-06-01", "2023-11-01", "2025-02-01"):
        want = local.query(text, {"date": Literal(day)})
        got = remote.query(text, {"date": Literal(day)})
        assert got.rows == want.rows and {str(r["date"]) for r in got} <= {day}
    assert len(remote.query(text, {"date": Literal("2019-06-01")})) < len(
        remote.query(text, {"date": Literal("2025-02-01")}))


def test_remote_error_messages_drop_the_prefix_block_and_credentials(oxigraph):
    with RemoteStore(oxigraph.url.replace("http://", "http://someone:hunter2@")) as remote:
        with pytest.raises(QueryError) as bad:
            remote.query("SELECT ?x WHERE { ?x ?p }")
        text = str(bad.value)
        assert "PREFIX cg:" not in text and "hunter2" not in text and "someone" not in text
    err = StoreError("http://someone:hunter2@h/sparql: refused")
    assert str(err) == "http://h/sparql: refused"
