"""`chipgraph analyze …` on small on-disk stores whose answers are known."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from chipgraph.cli import app

from helpers import ENT, chain_docs, cluster_docs, cooccur_docs, star_docs, store_of

runner = CliRunner()


def _store(tmp_path_factory, name, docs) -> Path:
    path = tmp_path_factory.mktemp(name) / "store"
    store_of(docs, path).close()
    return path


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory) -> Path:
    return _store(tmp_path_factory, "chain", chain_docs())


@pytest.fixture(scope="module")
def star_store(tmp_path_factory) -> Path:
    return _store(tmp_path_factory, "star", star_docs())


@pytest.fixture(scope="module")
def cluster_store(tmp_path_factory) -> Path:
    return _store(tmp_path_factory, "clusters", cluster_docs())


@pytest.fixture(scope="module")
def cooc_store(tmp_path_factory) -> Path:
    return _store(tmp_path_factory, "cooc", cooccur_docs())


def run(store: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--store", str(store), "analyze", *args])
    assert result.exit_code == code, result.output
    return result


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- central -------------------------------------------------------------------------------

def test_analyze_cli_central_table(star_store):
    out = run(star_store, "central", "--top", "3").stdout
    lines = [ln for ln in out.splitlines() if "│" in ln]
    assert "Rule R" in lines[0] and "5" in lines[0]
    assert out.rstrip().endswith("3 row(s)")


@pytest.mark.parametrize("by", ["degree", "betweenness", "pagerank"])
def test_analyze_cli_central_csv(star_store, by):
    rows = rows_of(run(star_store, "central", "--by", by, "-f", "csv").stdout)
    assert rows[0]["label"] == "Rule R" and rows[0]["rank"] == "1"
    assert list(rows[0]) == ["rank", "label", "cls", "score", "degree", "doc_count", "id"]


def test_analyze_cli_central_class_json(star_store):
    data = json.loads(run(star_store, "central", "--class", "Chip", "--top", "2", "-f", "json").stdout)
    assert [d["label"] for d in data] == ["Chip C1", "Chip C2"]
    assert {d["cls"] for d in data} == {"Chip"}


def test_analyze_cli_central_bad_class(star_store):
    run(star_store, "central", "--class", "Chips", code=2)


def test_analyze_cli_missing_store(tmp_path):
    result = run(tmp_path / "nothing", "central", code=1)
    assert "no store" in result.output


# --- path ----------------------------------------------------------------------------------

def test_analyze_cli_path_csv(chain_store):
    rows = rows_of(run(chain_store, "path", "acme", "BOLT", "-f", "csv").stdout)
    assert [(r["from"], r["relation"], r["to"]) for r in rows] == [
        ("Acme Corp", "-usesChip->", "X1"), ("X1", "<-manufactures-", "Bolt Semiconductor")]
    assert rows[0]["sentence"] == "Acme now trains on the X1."
    assert rows[0]["source"] == "Acme update, Other Daily, 2024-06-01"
    assert rows[1]["sentence"] == "The X1 is made by Bolt Semiconductor."
    assert rows[1]["url"] == "https://example.org/chain-1"


def test_analyze_cli_path_table_and_json(chain_store):
    out = run(chain_store, "path", "Jo Park", "Acme").stdout
    assert "-affiliatedWith (chief executive)->" in out and "Jo Park → Acme Corp: 1 hop(s)" in out
    data = json.loads(run(chain_store, "path", "acme", "bolt", "-f", "json").stdout)
    assert data[0]["length"] == 2
    assert [h["direction"] for h in data[0]["hops"]] == ["forward", "backward"]
    assert data[0]["hops"][1]["source"] == ENT + "x1"


def test_analyze_cli_path_html(chain_store, tmp_path):
    page = tmp_path / "path.html"
    result = run(chain_store, "path", "acme", "bolt", "--html", str(page))
    text = page.read_text("utf-8")
    assert "Acme Corp" in text and "The X1 is made by Bolt Semiconductor." in text
    assert "Zed Labs" not in text and '"label":"Freedonia"' not in text  # not a node
    assert str(page) in result.output


def test_analyze_cli_path_errors(chain_store):
    assert "no connection" in run(chain_store, "path", "acme", "zed labs", code=1).output
    out = run(chain_store, "path", "Acme Crop", "bolt", code=1).output
    assert "no entity named 'Acme Crop'" in out and "Acme Corp" in out


# --- communities ---------------------------------------------------------------------------

def test_analyze_cli_communities(cluster_store, tmp_path):
    rows = rows_of(run(cluster_store, "communities", "-f", "csv").stdout)
    assert [(r["index"], r["size"], r["name"]) for r in rows] == [
        ("1", "3", "Ann, Bee Co, Cee Org"), ("2", "3", "Dee Co, Eff chip, Gee chip")]
    assert rows[0]["members"] == "Ann; Bee Co; Cee Org"
    data = json.loads(run(cluster_store, "communities", "--top", "1", "-f", "json").stdout)
    assert len(data) == 1 and len(data[0]["members"]) == 3
    page = tmp_path / "c.html"
    run(cluster_store, "communities", "--html", str(page))
    assert "Dee Co" in page.read_text("utf-8")


def test_analyze_cli_communities_table(cluster_store):
    out = run(cluster_store, "communities").stdout
    assert "Ann, Bee Co, Cee Org" in out and "2 row(s)" in out


# --- cooccur -------------------------------------------------------------------------------

def test_analyze_cli_cooccur(cooc_store):
    rows = rows_of(run(cooc_store, "cooccur", "-f", "csv").stdout)
    assert (rows[0]["a_label"], rows[0]["b_label"], rows[0]["documents"], rows[0]["related"]) == (
        "Ex", "Why", "3", "usesChip")
    assert len(rows) == 5
    rows = rows_of(run(cooc_store, "cooccur", "--min-docs", "2", "-f", "csv").stdout)
    assert len(rows) == 1
    data = json.loads(run(cooc_store, "cooccur", "--class", "Person", "-f", "json").stdout)
    assert {(d["a_label"], d["b_label"]) for d in data} == {("Ex", "Wu"), ("Why", "Wu")}
    assert "Ex" in run(cooc_store, "cooccur", "-n", "1").stdout


# --- export --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_analyze_cli_export(chain_store, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    result = run(chain_store, "export", "--format", fmt, "-o", str(out))
    assert "6 nodes, 4 edges" in result.output
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.number_of_nodes() == 6 and g.nodes[ENT + "acme"]["label"] == "Acme Corp"


def test_analyze_cli_help_lists_commands():
    out = runner.invoke(app, ["analyze", "--help"]).output
    for cmd in ("central", "path", "communities", "cooccur", "export"):
        assert cmd in out


# --- the sample graph ----------------------------------------------------------------------

def test_analyze_cli_sample_graph(tmp_path):
    sources = Path(__file__).resolve().parents[1] / "graph" / "sources"
    if not any(sources.glob("*.txt")):
        pytest.skip("graph/sources holds no sample articles")
    store = tmp_path / "store"
    ingest = runner.invoke(app, ["--store", str(store), "ingest", str(sources)])
    assert ingest.exit_code == 0, ingest.output
    data = json.loads(run(store, "path", "DeepSeek", "Nvidia", "-f", "json").stdout)
    assert data[0]["hops"] and all(h["sentence"] for h in data[0]["hops"])
    rows = rows_of(run(store, "central", "--class", "Company", "-f", "csv").stdout)
    assert "Nvidia" in [r["label"] for r in rows[:3]]
    assert run(store, "communities", "--min-size", "2").stdout.rstrip().endswith("row(s)")
