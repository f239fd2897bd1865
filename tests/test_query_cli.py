"""`chipgraph query` / `queries` / `export` / `remove` on an embedded store, via typer's CliRunner."""
from __future__ import annotations

import csv
import re
import io
import json

import pytest
from helpers import VERSION, sample_extractions
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.query import format_result, parse_binding, resolve_query
from chipgraph.store import QueryResult, Store
from rdflib import Literal

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


# -- saved-question parameters -------------------------------------------------------------
def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


@pytest.mark.parametrize("args, says", [
    (["restricted_chip_users", "--bind", "usr=ent:deepseek"], ["no parameter ?usr", "?user (optional iri", "?chip (optional iri"]),
    (["co_mentions", "--bind", "a=ent:nvidia"], ["co_mentions has no parameter ?a", "it takes no parameters"]),
    (["entity_mentions"], ["entity_mentions needs ?entity (required iri", "--bind entity="]),
    (["controls_in_force", "--bind", "date=next tuesday"], ["?date", "'next tuesday' is not a day YYYY-MM-DD"]),
    (["chips_used", "--bind", "user=<a b>"], ["bad --bind 'user=<a b>'", "not a valid IRI"]),
    (["chips_used", "--bind", "user=<urn:unclosed"], ["bad --bind", "closing >"]),
    (["chips_used", "--bind", "user="], ["bad --bind 'user='", "empty"]),
    (["chips_used", "--bind", "user=Deep Seak"], ["no entity is labelled 'Deep Seak'", "close matches: ent:deepseek (DeepSeek, Company)"]),
    (["chips_used", "--bind", "user=zz:deepseek"], ["`zz:` is not a chipgraph prefix", "ent:"]),
])
def test_query_cli_parameter_errors_are_one_clear_line(store_path, args, says):
    r = run(store_path, "query", *args)
    assert r.exit_code == 1, r.output
    assert len(lines(r.stderr)) == 1 and r.stderr.startswith("error: "), r.stderr
    assert "Traceback" not in r.output and r.stdout == ""
    for s in says:
        assert s in r.stderr


@pytest.mark.parametrize("label", ["DeepSeek", "deepseek", "  DEEPSEEK "])
def test_query_cli_bare_label_resolves_to_the_entity(store_path, label):
    r = run(store_path, "query", "chips_used", "--bind", f"user={label}", "-f", "csv")
    assert r.exit_code == 0, r.output
    assert [(x["user"], x["chipLabel"]) for x in csv.DictReader(io.StringIO(r.stdout))] == [(DEEPSEEK, "H800")]
    assert "note: ?user=" in r.stderr and "is ent:deepseek (DeepSeek, Company)" in r.stderr


def test_query_cli_iri_not_in_store_warns_with_close_matches(store_path):
    r = run(store_path, "query", "chips_used", "--bind", "user=ent:deepsek", "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["results"]["bindings"] == []
    assert "warning: ?user: ent:deepsek is not in the store; close matches: ent:deepseek (DeepSeek, Company)" in r.stderr
    r = run(store_path, "query", "chips_used", "--bind", "user=ent:deepseek", "-f", "json")
    assert r.exit_code == 0 and "warning" not in r.stderr  # held: no warning


@pytest.fixture(scope="module")
def twin_store(tmp_path_factory):
    """Two entities both called "Lumen" (a company and a chip), and one alias shared by two."""
    from helpers import build

    path = tmp_path_factory.mktemp("twins") / "store"
    docs = [
        build("t1.txt", "2025-01-02", ["Lumen Corp ships the Lumen."], [
            ("lumen-corp", "Lumen", "Company"), ("lumen-chip", "Lumen", "Chip")],
            [("lumen-corp", "manufactures", "lumen-chip", 0)]),
        build("t2.txt", "2025-01-03", ["Orbit Works used the Lumen."], [
            ("orbit-works", "Orbit Works", "Company"), ("lumen-chip", "Lumen", "Chip")],
            [("orbit-works", "usesChip", "lumen-chip", 0)]),
    ]
    with Store(path) as s:
        for ex in docs:
            s.add_extraction(ex, extractor_version=VERSION)
    return str(path)


def test_query_cli_ambiguous_label_lists_the_candidates(twin_store):
    r = run(twin_store, "query", "restricted_chip_makers", "--bind", "company=Lumen")
    assert r.exit_code == 1
    assert "?company='Lumen' is ambiguous: it names 2 entities" in r.stderr
    assert "ent:lumen-chip (Lumen, Chip)" in r.stderr and "ent:lumen-corp (Lumen, Company)" in r.stderr
    assert len(lines(r.stderr)) == 1
    r = run(twin_store, "query", "chips_used", "--bind", "user=orbit works", "-f", "csv")
    assert r.exit_code == 0, r.output
    assert [x["chipLabel"] for x in csv.DictReader(io.StringIO(r.stdout))] == ["Lumen"]


def test_query_library_prepare_resolves_and_checks(store_path):
    from chipgraph.errors import QueryError
    from chipgraph.query import prepare, run_query

    with Store(store_path, read_only=True) as store:
        p = prepare("chips_used", {"user": "DeepSeek"}, store)
        assert p.bindings == {"user": ids_entity("deepseek")} and p.notes and not p.warnings
        res, p = run_query(store, "entity_mentions", ["entity=Huawei"])
        assert {str(r["entity"]) for r in res.rows} == {str(ids_entity("huawei"))}
        with pytest.raises(QueryError, match=r"needs \?entity"):
            prepare("entity_mentions", {}, store)
        with pytest.raises(QueryError, match=r"its parameters: \?user"):
            prepare("chips_used", {"nobody": "x"}, store)
        # without a store nothing is looked up: names and kinds are still checked
        assert prepare("chips_used", {"user": "DeepSeek"}).bindings["user"] == Literal("DeepSeek")


def ids_entity(key):
    from chipgraph import ids

    return ids.entity_iri(key)


# -- syntax errors: the user's own line and column, unknown prefixes named -------------------------
def test_query_cli_unknown_prefix_is_named_not_a_dump_of_unicode_ranges(store_path):
    r = run(store_path, "query", "SELECT ?s WHERE {\n  ?s a cg:Company .\n  ?s foo:bar ?o }")
    assert r.exit_code == 1
    assert "unknown prefix `foo:`" in r.stderr and "line 3, column 6" in r.stderr
    assert "\\u{" not in r.stderr and "..=" not in r.stderr
    assert "  ?s foo:bar ?o }" in r.stderr  # the user's line, with a caret under foo:
    r = run(store_path, "query", "SELECT ?s WHERE { ?s ?p ?o ")
    assert r.exit_code == 1 and "line 1, column 28" in r.stderr and "\\u{" not in r.stderr


def test_query_cli_own_prefix_declaration_overrides(store_path):
    r = run(store_path, "query", "PREFIX ent: <urn:other:> SELECT (ent:x AS ?x) WHERE {}", "-f", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1] == "urn:other:x"


# -- terminal tables -------------------------------------------------------------------------
def test_query_cli_table_cuts_long_text_but_csv_and_json_stay_complete(store_path):
    sentence = "The Chip Rule restricts the H100 and the H800, the Commerce Department said."
    r = run(store_path, "query", "relation_evidence", "--bind", "predicate=cg:restricts", "--max-col", "30", "--width", "250")
    assert r.exit_code == 0, r.output
    assert sentence not in r.stdout and sentence[:29] + "…" in r.stdout
    assert "ent:chip-rule" in r.stdout  # IRIs as prefixed names
    assert "2 row(s)" in r.stdout and "cut to fit" in r.stdout
    r = run(store_path, "query", "relation_evidence", "--bind", "predicate=cg:restricts", "--max-col", "0", "--width", "250")
    assert sentence in r.stdout and "cut" not in r.stdout
    r = run(store_path, "query", "relation_evidence", "--bind", "predicate=cg:restricts", "-f", "csv", "--max-col", "5")
    assert [x["sentence"] for x in csv.DictReader(io.StringIO(r.stdout))] == [sentence, sentence]
    r = run(store_path, "query", "relation_evidence", "--bind", "predicate=cg:restricts", "-f", "json", "--width", "30")
    assert {b["sentence"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]} == {sentence}


@pytest.mark.parametrize("width", [120, 160])
def test_query_cli_table_fits_the_width(store_path, width):
    r = run(store_path, "query", "relation_evidence", "--width", str(width))
    assert r.exit_code == 0, r.output
    table = [ln for ln in r.stdout.splitlines() if ln[:1] in "┏┃┡│└"]
    assert table and max(len(ln) for ln in table) <= width
    assert "ent:" in r.stdout and "https://w3id.org" not in r.stdout


def test_query_table_shows_markup_as_text():
    from rdflib import Literal as L

    res = QueryResult("select", ("x",), ({"x": L("[bold]hi[/bold] <b>")},))
    assert "[bold]hi[/bold] <b>" in format_result(res, "table")


def test_query_one_set_of_prefixes_everywhere():
    """The CLI, the store, the endpoint and the query page accept the very same prefixes."""
    from chipgraph.querypage import page_prefixes
    from chipgraph.remote import prefix_block
    from chipgraph.store import _prefixes
    from chipgraph.terms import prefix_line, sparql_prefixes

    assert sparql_prefixes() == _prefixes() == page_prefixes()
    declared = dict(re.findall(r"PREFIX (\w+): <([^>]+)>", prefix_line()))
    assert declared == sparql_prefixes() == dict(re.findall(r"PREFIX (\w+): <([^>]+)>", prefix_block()))
    assert "\n" not in prefix_line()
