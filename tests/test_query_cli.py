"""`chipgraph query` / `queries` / `export` / `remove` on an embedded store, via typer's CliRunner."""
from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import VERSION, sample_extractions
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.query import format_result, parse_binding, resolve_query
from chipgraph.store import QueryResult, Store

DEEPSEEK = "https://w3id.org/chipgraph/entity/deepseek"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    with Store(path) as s:
        for ex in sample_extractions():
            s.add_extraction(ex, extractor_version=VERSION)
    return str(path)


def run(store_path, *args):
    return CliRunner().invoke(app, ["--store", store_path, *args])


def test_query_cli_inline_json(store_path):
    r = run(store_path, "query", "SELECT ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?l LIMIT 2", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["head"]["vars"] == ["l"]
    assert [b["l"]["value"] for b in data["results"]["bindings"]] == ["Acme Research", "Ascend 910B"]


def test_query_cli_saved_name_with_bind_csv(store_path):
    r = run(store_path, "query", "chips_used", "--bind", f"user={DEEPSEEK}", "-f", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["userLabel"], x["chipLabel"]) for x in rows] == [("DeepSeek", "H800")]


def test_query_cli_rq_file_tsv_and_table(store_path, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }\n", encoding="utf-8")
    r = run(store_path, "query", str(f), "--bind", "l=Nvidia", "-f", "tsv")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["?e\t?l", '<https://w3id.org/chipgraph/entity/nvidia>\t"Nvidia"']
    r = run(store_path, "query", str(f), "--bind", "l=Nvidia")
    assert "Nvidia" in r.stdout and "1 row(s)" in r.stdout


def test_query_cli_ask_and_construct(store_path):
    r = run(store_path, "query", f"ASK {{ <{DEEPSEEK}> cg:usesChip ?c }}")
    assert r.exit_code == 0 and r.stdout == "yes\n"
    r = run(store_path, "query", f"CONSTRUCT {{ <{DEEPSEEK}> cg:usesChip ?c }} WHERE {{ <{DEEPSEEK}> cg:usesChip ?c }}")
    assert r.exit_code == 0 and "cg:usesChip" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["SELEC nothing"], "syntax"),
    (["chips_used", "--bind", "nonsense"], "expected name=value"),
    (["no_such_saved_question"], "no saved query"),
    (["SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e a ?f }", "--timeout", "0.01"], "timed out"),
])
def test_query_cli_errors_exit_1(store_path, args, message):
    r = run(store_path, "query", *args)
    assert r.exit_code == 1
    assert message in r.stderr


def test_query_cli_queries_lists_saved_questions(store_path):
    r = run(store_path, "queries")
    assert r.exit_code == 0
    for name in ("controls_restrict", "restricted_chip_makers", "restricted_chip_users", "quotes_about",
                 "experts", "relation_evidence", "entity_mentions", "entity_list", "controls_timeline",
                 "co_mentions"):
        assert name in r.stdout
    assert "--bind entity=" in r.stdout


def test_query_cli_export_deterministic(store_path, tmp_path):
    one, two = tmp_path / "1.nq", tmp_path / "2.nq"
    assert run(store_path, "export", "-f", "nquads", "-o", str(one)).exit_code == 0
    assert run(store_path, "export", "-f", "nquads", "-o", str(two)).exit_code == 0
    assert one.read_bytes() == two.read_bytes() and one.stat().st_size > 1000


def test_query_cli_remove(tmp_path):
    path = str(tmp_path / "s")
    with Store(path) as s:
        for ex in sample_extractions():
            s.add_extraction(ex, extractor_version=VERSION)
    r = run(path, "remove", "a.txt")
    assert r.exit_code == 0, r.output
    r = run(path, "query", f"ASK {{ <{DEEPSEEK}> ?p ?o }}")
    assert r.stdout == "no\n"
    assert run(path, "remove", "a.txt").exit_code == 1


def test_query_parse_binding_values():
    from rdflib import Literal, URIRef

    assert parse_binding("user=https://x.org/a") == ("user", URIRef("https://x.org/a"))
    assert parse_binding("?e=<urn:x>") == ("e", URIRef("urn:x"))
    assert parse_binding("l=Nvidia Corp") == ("l", Literal("Nvidia Corp"))
    assert parse_binding("e=ent:deepseek") == ("e", URIRef("https://w3id.org/chipgraph/entity/deepseek"))
    assert parse_binding("p=cg:restricts") == ("p", URIRef("https://w3id.org/chipgraph/ontology#restricts"))
    assert parse_binding("s=foo:bar") == ("s", Literal("foo:bar"))  # not a chipgraph prefix
    assert parse_binding("s=ent:<b>") == ("s", Literal("ent:<b>"))  # not a safe local name
    assert resolve_query("SELECT * WHERE {}") == "SELECT * WHERE {}"


def test_query_format_result_warns_when_truncated():
    res = QueryResult("select", ("x",), ({"x": None},), truncated=True, warning="may be incomplete")
    assert "may be incomplete" in format_result(res, "table")


def test_query_table_shows_prefixed_names_that_bind_accepts():
    from rdflib import Literal, URIRef

    iri = URIRef("https://w3id.org/chipgraph/entity/deepseek")
    res = QueryResult("select", ("e", "l", "x"), ({"e": iri, "l": Literal("DeepSeek"), "x": URIRef("https://e.org/a b")},))
    table = format_result(res, "table")
    assert "ent:deepseek" in table and "https://e.org/a b" in table
    assert parse_binding("e=ent:deepseek")[1] == iri
