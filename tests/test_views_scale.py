"""Views of large graphs: the overview's cap and its note, evidence samples, site assets."""
from __future__ import annotations

import json
import re
from pathlib import Path

from fixtures.views.graphs import small_graph, synthetic_graph
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.views import (OVERVIEW_CAP, EvidenceItem, ViewGraph, ViewNode, cites,
                             cites_by_document, overview, render_html, write_site)
from chipgraph.views.html import EVIDENCE_PER_ITEM

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="chipgraph-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_overview_keeps_the_most_connected_and_says_so():
    g = synthetic_graph(400)
    drawn, note = overview(g, 100)
    assert len(drawn.nodes) == 100 and note and "100 most connected of 400" in note
    deg = {n.id: 0 for n in g.nodes}
    for e in g.edges:
        deg[e.source] += 1
        deg[e.target] += 1
    kept = {n.id for n in drawn.nodes}
    assert min(deg[n] for n in kept) >= max(deg[n.id] for n in g.nodes if n.id not in kept)
    assert overview(g, 0) == (g, None) and overview(g, 400) == (g, None)
    assert OVERVIEW_CAP == 1500
    page = render_html(drawn, heading="overview", note=note)
    assert "100 most connected of 400 entities" in page and 'id="view-note"' in page


def test_page_carries_a_sample_of_evidence_and_its_total():
    many = tuple(EvidenceItem(f"Sentence number {i} about the widget.", f"urn:doc:{i}",
                              f"Report {i}", None, f"2024-01-{1 + i % 28:02d}")
                 for i in range(EVIDENCE_PER_ITEM + 15))
    g = ViewGraph("t", nodes=(ViewNode("urn:e:1", "Widget Corp", "Company", evidence=many,
                                       evidence_count=len(many) + 5),))
    info = _data(render_html(g, heading="t"))
    node = info["nodeInfo"][0]
    assert len(node["ev"]) == EVIDENCE_PER_ITEM and node["evn"] == len(many) + 5
    assert len(info["docs"]) == EVIDENCE_PER_ITEM  # only the documents the sample cites


def test_cites_by_document_equals_cites():
    g = small_graph()
    by_doc = cites_by_document(g)
    docs = {ev.document for x in (*g.nodes, *g.edges) for ev in x.evidence}
    assert set(by_doc) == docs
    for d in docs:
        assert by_doc[d] == cites(g, d)


def test_site_writes_assets_once(tmp_path):
    g = synthetic_graph(60)
    pages = write_site(g, tmp_path / "site", overview_cap=20)
    assets = sorted(p.name for p in (tmp_path / "site" / "assets").iterdir())
    assert assets == ["page.js", "vis-network.LICENSE.txt", "vis-network.min.js"]
    vis = (tmp_path / "site" / "assets" / "vis-network.min.js").stat().st_size
    assert all(p.stat().st_size < vis for p in pages)
    ov = (tmp_path / "site" / "overview.html").read_text("utf-8")
    assert len(_data(ov)["nodes"]) == 20 and "20 most connected of 60" in ov
    # entity pages exist for every entity, also those the overview leaves out
    assert len(list((tmp_path / "site" / "entities").iterdir())) == 60


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_cli_view_top_caps_the_overview(tmp_path):
    store = tmp_path / "store"
    assert _run("--store", str(store), "ingest", str(REPO / "graph" / "sources")).exit_code == 0
    out = tmp_path / "o.html"
    res = _run("--store", str(store), "view", "-o", str(out), "--top", "5")
    assert res.exit_code == 0, res.output
    page = out.read_text("utf-8")
    assert len(_data(page)["nodes"]) == 5 and "5 most connected of" in page
    assert "(5 entities" in res.output
    res = _run("--store", str(store), "view", "-o", str(out))  # default cap: all of them here
    assert res.exit_code == 0 and 'id="view-note"' not in out.read_text("utf-8")
    site = tmp_path / "site"
    res = _run("--store", str(store), "site", "-o", str(site), "--top", "5")
    assert res.exit_code == 0, res.output
    assert len(_data((site / "overview.html").read_text("utf-8"))["nodes"]) == 5
    assert (site / "assets" / "page.js").is_file()
