"""Each CLI command on the sample sources, through typer's runner (same process)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.documents import path_key

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "graph" / "sources"
SEED = SOURCES / "01_deepseek_export_limits.txt"
DEEPSEEK = "https://w3id.org/chipgraph/entity/deepseek"

runner = CliRunner()


def run(*args: str, store: Path | None = None):
    argv = (["--store", str(store)] if store else []) + list(args)
    return runner.invoke(app, argv, catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    res = run("ingest", str(SOURCES), store=path)
    assert res.exit_code == 0, res.output
    assert "6 added, 0 replaced, 0 unchanged, 0 failed" in res.output
    return path


def test_cli_every_command_has_help():
    for cmd in ("ingest", "extract", "query", "queries", "export", "view", "validate", "stats", "remove"):
        res = run(cmd, "--help")
        assert res.exit_code == 0, (cmd, res.output)
        assert "Usage" in res.output


def test_cli_reingest_unchanged_changes_nothing(store):
    before = run("export", "--format", "nquads", store=store).stdout_bytes
    res = run("ingest", str(SOURCES), store=store)
    assert res.exit_code == 0
    assert "0 added, 0 replaced, 6 unchanged, 0 failed" in res.output
    assert run("export", "--format", "nquads", store=store).stdout_bytes == before


def test_cli_extract_prints_the_eval_contract():
    res = run("extract", str(SEED), "--format", "json")
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert set(out) >= {"entities", "relations", "quotes"}
    names = {e["name"]: e for e in out["entities"]}
    assert names["DeepSeek"]["type"] == "Company"
    assert names["DeepSeek"]["id"] == DEEPSEEK
    ids = {e["id"] for e in out["entities"]}
    for r in out["relations"]:
        assert r["subject"] in ids and r["object"] in ids
        assert r["evidence"] and r["evidence"][0]["sentence"]
    assert any(q["text"].startswith("These Chinese models were processor-constrained") for q in out["quotes"])


def test_cli_extract_gives_the_date_the_text_states(tmp_path):
    """Issue 11 item 3: the scorer's `chipgraph extract FILE --format json` sees the dateline's
    date (the measure linker resolves "last October" against it)."""
    f = tmp_path / "wire.txt"
    f.write_text("Kestrel ships wafers\n\nPORTO, Nov. 4, 2024 (Wire) - Kestrel Semi said on Monday "
                 "that it shipped wafers to Volt Labs.\n", encoding="utf-8")
    res = run("extract", str(f), "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["document"]["published"] == "2024-11-04"


def test_cli_extract_turtle_does_not_touch_the_store(tmp_path):
    store = tmp_path / "never"
    res = run("extract", str(SEED), "--format", "turtle", store=store)
    assert res.exit_code == 0
    assert "cg:usesChip" in res.stdout
    assert not store.exists()


def test_cli_query_answers_which_chips_deepseek_used_with_the_sentence(store):
    res = run("query", "chips_used", "--bind", f"user={DEEPSEEK}", "--format", "csv", store=store)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    h800 = [r for r in rows if r["chipLabel"] == "H800"]
    assert h800, rows
    assert all(r["userLabel"] == "DeepSeek" for r in rows)
    assert any("forced DeepSeek to use H800s" in r["sentence"] for r in h800)


def test_cli_query_formats_and_inline_sparql(store):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?d a cg:Document }"
    assert "6" in run("query", q, store=store).stdout
    js = json.loads(run("query", q, "--format", "json", store=store).stdout)
    assert js["results"]["bindings"][0]["n"]["value"] == "6"
    tsv = run("query", q, "--format", "tsv", store=store).stdout
    assert tsv.splitlines()[0] == "?n"


def test_cli_query_syntax_error_is_reported(store):
    res = run("query", "SELECT WHERE {", store=store)
    assert res.exit_code == 1
    assert "SPARQL syntax error" in res.stderr


def test_cli_export_formats_are_deterministic(store, tmp_path):
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert run("export", "--format", fmt, "-o", str(a), store=store).exit_code == 0
        assert run("export", "--format", fmt, "-o", str(b), store=store).exit_code == 0
        assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 1000


def test_cli_validate_passes_on_the_sample(store):
    res = run("validate", store=store)
    assert res.exit_code == 0, res.output
    assert "conforms" in res.output


def test_cli_stats_counts(store):
    res = run("stats", "--format", "json", store=store)
    s = json.loads(res.stdout)
    assert s["documents"] == 6
    assert s["entities_by_class"]["Chip"] >= 5
    assert s["relations_by_predicate"]["usesChip"] >= 1
    assert s["quotes"] >= 10


def test_cli_view_writes_an_offline_page(store, tmp_path):
    out = tmp_path / "deepseek.html"
    res = run("view", "-o", str(out), "--focus", "deepseek", "--depth", "1", store=store)
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "DeepSeek" in html and "H800" in html
    assert "https://cdn" not in html and "<script src=" not in html


def test_cli_view_unknown_focus_lists_close_matches(store, tmp_path):
    res = run("view", "-o", str(tmp_path / "x.html"), "--focus", "Nvidai", store=store)
    assert res.exit_code == 1
    assert "Nvidia" in res.stderr


def test_cli_bad_batch_reports_each_file_and_keeps_the_good(tmp_path):
    store = tmp_path / "store"
    assert run("ingest", str(SEED), store=store).exit_code == 0
    before = run("export", "--format", "nquads", store=store).stdout_bytes
    bad = tmp_path / "batch"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (bad / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (bad / "lines.jsonl").write_text('{"text": "Nvidia sells the H20 to Chinese firms."}\n{broken\n', encoding="utf-8")
    (bad / "good.txt").write_text("Huawei, the Chinese company, makes the Ascend 910B chip.\n", encoding="utf-8")
    res = run("ingest", str(bad), store=store)
    assert res.exit_code == 1
    for name, problem in (("empty.txt", "empty file"), ("binary.txt", "binary file"),
                          ("latin1.txt", "not valid UTF-8"), ("lines.jsonl:2", "not valid JSON")):
        assert f"{bad / name}: {problem}" in res.stderr, res.stderr
    assert "2 added, 0 replaced, 0 unchanged, 4 failed" in res.output
    after = run("export", "--format", "nquads", store=store).stdout_bytes
    assert set(before.splitlines()) <= set(after.splitlines())  # nothing stored was lost
    assert run("validate", store=store).exit_code == 0


def test_cli_remove_retracts_only_that_documents_facts(tmp_path):
    store = tmp_path / "store"
    assert run("ingest", str(SEED), str(SOURCES / "06_us_probes_deepseek_restricted_chips.txt"), store=store).exit_code == 0
    q = "SELECT ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?l"
    before = set(run("query", q, "--format", "csv", store=store).stdout.splitlines()[1:])
    res = run("remove", str(SEED.resolve()), store=store)  # the file's path, not its key
    assert res.exit_code == 0, res.output
    assert f"removed {path_key(SEED)}" in res.output
    after = set(run("query", q, "--format", "csv", store=store).stdout.splitlines()[1:])
    assert "Morningstar" in before and "Morningstar" not in after  # only in 01
    assert "DeepSeek" in after  # also in 06
    assert run("remove", path_key(SEED), store=store).exit_code == 1
    assert run("validate", store=store).exit_code == 0


def test_cli_store_locked_by_another_writer(tmp_path):
    from chipgraph.store import Store

    path = tmp_path / "store"
    with Store(path):
        res = run("ingest", str(SEED), store=path)
    assert res.exit_code == 1
    assert "open for writing in another process" in res.stderr


def test_cli_export_graphml_and_gexf_for_gephi(store, tmp_path):
    import networkx as nx

    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        assert run("export", "--format", fmt, "-o", str(out), store=store).exit_code == 0
        g = read(out)
        labels = {d.get("label") for _, d in g.nodes(data=True)}
        assert {"DeepSeek", "H800", "Nvidia"} <= labels
        again = tmp_path / f"h.{fmt}"
        run("export", "--format", fmt, "-o", str(again), store=store)
        assert again.read_bytes() == out.read_bytes()


def test_cli_reference_loads_the_federal_register(reference_dir, tmp_path):
    store = tmp_path / "store"
    csv_path = reference_dir / "federal_register_bis_ear_documents_2020-2026.csv"
    res = run("reference", "federal-register", str(csv_path), store=store)
    assert res.exit_code == 0, res.output
    q = ("SELECT ?title WHERE { ?r a schema:Legislation ; dcterms:title ?title ; "
         "schema:datePublished ?d FILTER(STR(?d) = '2025-01-15') }")
    titles = run("query", q, "--format", "csv", store=store).stdout
    assert "Framework for Artificial Intelligence Diffusion" in titles
    bad = run("reference", "federal-register", str(tmp_path / "missing.csv"), store=store)
    assert bad.exit_code == 1 and "missing.csv" in bad.stderr


def test_cli_view_document_and_query(store, tmp_path):
    doc = tmp_path / "doc.html"
    res = run("view", "-o", str(doc), "--document", path_key(SEED), store=store)
    assert res.exit_code == 0, res.output
    assert "Morningstar" in doc.read_text(encoding="utf-8")
    q = tmp_path / "q.html"
    res = run("view", "-o", str(q), "--query", "chips_used", "--bind", "user=ent:deepseek", store=store)
    assert res.exit_code == 0, res.output
    html = q.read_text(encoding="utf-8")
    assert "H800" in html and "Morningstar" not in html
    bad = run("view", "-o", str(q), "--document", "no-such-article.txt", store=store)
    assert bad.exit_code == 1 and "no document" in bad.stderr


def test_cli_site_links_every_entity(store, tmp_path):
    import re

    out = tmp_path / "site"
    res = run("site", "-o", str(out), store=store)
    assert res.exit_code == 0, res.output
    index = (out / "index.html").read_text(encoding="utf-8")
    entity_pages = sorted((out / "entities").glob("*.html"))
    n_entities = json.loads(run("stats", "--format", "json", store=store).stdout)["entities"]
    assert len(entity_pages) == n_entities
    assert len(list((out / "documents").glob("*.html"))) == 6
    for href in re.findall(r'href="(?!https?:)([^"#]+\.html)"', index):
        assert (out / href).is_file(), href


def test_cli_same_file_name_in_two_folders_is_two_documents(tmp_path):
    """Issue 15 item 10: one name in two folders is two documents, in one run or two."""
    store = tmp_path / "store"
    for sub, text in (("a", "Nvidia makes the H100 chip.\n"), ("b", "AMD makes the MI300X chip.\n")):
        (tmp_path / "src" / sub).mkdir(parents=True)
        (tmp_path / "src" / sub / "article.txt").write_text(text, encoding="utf-8")
    res = run("ingest", str(tmp_path / "src"), store=store)
    assert res.exit_code == 0, res.output
    assert "2 added, 0 replaced, 0 unchanged, 0 failed" in res.output
    assert json.loads(run("stats", "--format", "json", store=store).stdout)["documents"] == 2


def test_cli_same_url_twice_in_a_batch_is_an_error_not_a_silent_replace(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "src").mkdir()
    for name, text in (("a", "Nvidia makes the H100 chip.\n"), ("b", "AMD makes the MI300X chip.\n")):
        (tmp_path / "src" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "src" / f"{name}.meta.json").write_text('{"url": "https://example.org/one"}', encoding="utf-8")
    res = run("ingest", str(tmp_path / "src"), store=store)
    assert res.exit_code == 1
    assert f"{tmp_path / 'src' / 'b.txt'}: same document key 'https://example.org/one'" in res.stderr
    assert "1 added, 0 replaced, 0 unchanged, 1 failed" in res.output


def test_cli_output_and_input_problems_are_clear_errors(store, tmp_path):
    outdir = tmp_path / "a-folder"
    outdir.mkdir()
    for args in (("export", "--format", "trig", "-o", str(outdir)), ("view", "-o", str(outdir))):
        res = run(*args, store=store)
        assert res.exit_code == 1 and f"{outdir}: cannot write" in res.stderr, res.stderr
    assert not (tmp_path / "a-folder.tmp").exists()
    afile = tmp_path / "a-file"
    afile.write_text("x")
    res = run("site", "-o", str(afile), store=store)
    assert res.exit_code == 1 and f"{afile}: cannot write the site" in res.stderr
    rq = tmp_path / "latin1.rq"
    rq.write_bytes("SELECT * WHERE { ?s ?p \"Caf\u00e9\" }".encode("latin-1"))
    res = run("query", str(rq), store=store)
    assert res.exit_code == 1 and f"{rq}: not valid UTF-8" in res.stderr
    bad_csv = tmp_path / "fr.csv"
    bad_csv.write_text("title,publication_date\nA rule,2024-01-01\n", encoding="utf-8")
    res = run("reference", "federal-register", str(bad_csv), store=tmp_path / "other")
    assert res.exit_code == 1 and "not a Federal Register documents CSV" in res.stderr


def test_cli_construct_as_turtle_or_jsonld(store):
    q = "CONSTRUCT { ?c a cg:Chip } WHERE { ?c a cg:Chip }"
    assert "cg:Chip" in run("query", q, store=store).stdout
    js = json.loads(run("query", q, "--format", "json", store=store).stdout)
    assert js  # JSON-LD
    res = run("query", q, "--format", "csv", store=store)
    assert res.exit_code == 1 and "is a graph" in res.stderr
