"""The HTML views in a real browser (Debian's Chromium via Playwright), offline.

Every page is opened from ``file://`` with all other requests aborted and recorded; a test
fails if a page tried any, logged a console error, or ran injected script.  Screenshots go
to ``tests/artifacts/`` (git-ignored).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import edge_xy, node_xy, panel_text, shot
from fixtures.views.graphs import (E, SENT, hostile_graph, hostile_strings, small_graph,
                                   synthetic_graph)

from chipgraph.views import write_html, write_site
from chipgraph.views.html import PHYSICS_MAX_NODES

pytestmark = pytest.mark.browser

def edge_id(page, source: str, predicate: str, target: str) -> str:
    return page.evaluate("""([s, p, t]) => { const d = window.chipgraph.data;
        const i = d.edges.findIndex((e, k) => e.from === s && e.to === t && d.edgeInfo[k].p === p);
        return d.edges[i].id; }""", [source, predicate, target])


def close_panel(page) -> None:
    if page.locator("#panel").is_visible():
        page.click("#panel-close")


# --- overview --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_html(tmp_path_factory) -> Path:
    return write_html(small_graph(), tmp_path_factory.mktemp("views") / "small.html",
                      heading="AI chips and export controls")


def test_views_overview_loads_offline_with_counts(open_page, small_html):
    o = open_page(small_html)
    g = small_graph()
    counts = o.page.evaluate("""() => ({nodes: window.chipgraph.nodes.length,
        edges: window.chipgraph.edges.length, ready: window.chipgraph.ready,
        drawn: Object.keys(window.chipgraph.network.getPositions()).length,
        physics: window.chipgraph.network.physics.physicsEnabled})""")
    assert counts == {"nodes": len(g.nodes), "edges": len(g.edges), "ready": True,
                      "drawn": len(g.nodes), "physics": False}
    assert o.page.title().startswith("AI chips and export controls")
    shot(o, "overview")
    o.clean()


def test_views_click_node_shows_evidence(open_page, small_html):
    o = open_page(small_html)
    x, y = node_xy(o.page, E + "nvidia")
    o.page.mouse.click(x, y)
    text = panel_text(o.page)
    assert "Nvidia" in text and "Company" in text
    assert SENT["manufactures"] in text
    assert "Wikidata ID" in text and "Q182477" in text and "NVIDIA Corporation" in text
    assert "Reuters" in text and "2023-03-21" in text
    link = o.page.locator("#panel a", has_text="Nvidia tweaks flagship chip for China")
    assert link.get_attribute("href") == "https://www.reuters.com/technology/nvidia-h800"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert o.page.evaluate("window.chipgraph.network.getSelectedNodes()") == [E + "nvidia"]
    shot(o, "overview-node-panel")
    o.clean()


def test_views_click_edge_shows_evidence(open_page, small_html):
    o = open_page(small_html)
    eid = edge_id(o.page, E + "deepseek", "usesChip", E + "h800")
    x, y = edge_xy(o.page, eid)
    o.page.mouse.click(x, y)
    text = panel_text(o.page)
    assert "uses chip" in text and SENT["usesChip"] in text  # the ontology label, in words
    assert "Financial Times" in text
    # no URL for this document: its title is text, not a link
    assert o.page.locator("#panel a", has_text="DeepSeek trained on H800 chips").count() == 0
    shot(o, "overview-edge-panel")
    o.clean()


def test_views_role_and_identifiers_in_panel(open_page, small_html):
    o = open_page(small_html)
    o.page.evaluate("id => window.chipgraph.showNode(id)", E + "huawei")
    text = panel_text(o.page)
    assert "Entity List entry" in text and "84 FR 22961" in text
    eid = edge_id(o.page, E + "jensen-huang", "affiliatedWith", E + "nvidia")
    o.page.evaluate("id => window.chipgraph.showEdge(id)", eid)
    assert "Role: chief executive" in panel_text(o.page)
    o.clean()


def test_views_class_filter_hides_class(open_page, small_html):
    o = open_page(small_html)
    visible = "() => window.chipgraph.network.body.nodeIndices.length"
    visible_edges = "() => window.chipgraph.network.body.edgeIndices.length"
    g = small_graph()
    assert o.page.evaluate(visible) == len(g.nodes)
    o.page.locator("input.f-class[value=Chip]").uncheck()
    o.page.wait_for_function(f"() => ({visible})() === {len(g.nodes) - 2}")
    ids = o.page.evaluate("() => window.chipgraph.network.body.nodeIndices")
    assert E + "h800" not in ids and E + "h100" not in ids
    chip_edges = sum(1 for e in g.edges if {e.source, e.target} & {E + "h800", E + "h100"})
    assert o.page.evaluate(visible_edges) == len(g.edges) - chip_edges
    shot(o, "overview-filter-chip")
    o.page.locator("input.f-pred[value=basedIn]").uncheck()
    based = sum(1 for e in g.edges if e.predicate == "basedIn")
    assert o.page.evaluate(visible_edges) == len(g.edges) - chip_edges - based
    o.page.locator("input.f-class[value=Chip]").check()
    o.page.locator("input.f-pred[value=basedIn]").check()
    assert o.page.evaluate(visible) == len(g.nodes)
    assert o.page.evaluate(visible_edges) == len(g.edges)
    o.clean()


@pytest.mark.parametrize("query, expected", [
    ("nvidia corp", "nvidia"),  # alias, any case
    ("BIS", "bis"),
    ("jensen", "jensen-huang"),  # prefix
    ("advanced computing", "us-advanced-computing-rule"),  # substring
])
def test_views_search_focuses_node(open_page, small_html, query, expected):
    o = open_page(small_html)
    o.page.fill("#search-input", query)
    o.page.press("#search-input", "Enter")
    assert o.page.evaluate("window.chipgraph.network.getSelectedNodes()") == [E + expected]
    assert o.page.locator("#panel h2").inner_text() == small_graph().node(E + expected).label
    o.clean()


def test_views_search_reports_no_match(open_page, small_html):
    o = open_page(small_html)
    o.page.fill("#search-input", "Intel")
    o.page.press("#search-input", "Enter")
    assert "No entity matches" in o.page.locator("#search-status").inner_text()
    o.clean()


# --- hostile text ------------------------------------------------------------------------

def test_views_hostile_graph_runs_no_script(open_page, tmp_path):
    g = hostile_graph()
    path = write_html(g, tmp_path / "hostile.html", heading=hostile_strings()[0],
                      links={"evil": "javascript:window.__pwned=1", "ok": "hostile.html"})
    o = open_page(path)
    page = o.page
    assert page.evaluate("window.chipgraph.nodes.length") == len(g.nodes)
    assert page.evaluate("window.chipgraph.edges.length") == len(g.edges)
    for n in g.nodes:
        close_panel(page)
        page.evaluate("window.chipgraph.network.fit({animation: false})")  # a click pans the
        x, y = node_xy(page, n.id)  # selected node out from under the panel
        page.mouse.click(x, y)
        assert n.label.replace("\udc00", "\ufffd").split("\u2028")[0][:10] in panel_text(page) \
            or page.evaluate("window.chipgraph.network.getSelectedNodes()") == [n.id]
        page.evaluate("id => window.chipgraph.showNode(id)", n.id)  # whatever the click hit
        assert n.label.split("\u2028")[0].replace("\udc00", "\ufffd")[:10] in page.locator("#panel h2").inner_text()
    shot(o, "hostile-node-panel")
    for i in range(len(g.edges)):
        close_panel(page)
        eid = f"e{i}"
        page.evaluate("id => window.chipgraph.showEdge(id)", eid)
        close_panel(page)
        x, y = edge_xy(page, eid)
        page.mouse.click(x, y)
    for s in hostile_strings():
        page.fill("#search-input", s.replace("\udc00", ""))
        page.press("#search-input", "Enter")
    page.fill("#search-input", "<img")
    page.press("#search-input", "Enter")
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    assert hrefs and all(re.match(r"(https?|file)://", h) for h in hrefs), hrefs
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(o, "hostile")
    o.clean()


def test_views_hostile_site_runs_no_script(open_page, tmp_path):
    files = write_site(hostile_graph(), tmp_path / "site")
    for f in files[:4] + files[-2:]:
        o = open_page(f)
        if "entities" in f.parts or "documents" in f.parts or f.name == "overview.html":
            o.page.evaluate("""() => { const d = window.chipgraph.data;
                d.nodes.forEach(n => window.chipgraph.showNode(n.id));
                d.edges.forEach(e => window.chipgraph.showEdge(e.id)); }""")
        assert o.page.evaluate("typeof window.__pwned") == "undefined"
        o.clean()


# --- site ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> list[Path]:
    return write_site(small_graph(), tmp_path_factory.mktemp("site"))


def test_views_site_index(open_page, site):
    o = open_page(site[0])
    page = o.page
    g = small_graph()
    assert page.locator(".group li").count() == len(g.nodes)
    assert page.evaluate("window.chipgraph.counts.nodes") == len(g.nodes)
    page.fill("#search-input", "nvidia corp")
    assert page.locator(".group li:visible").count() == 1
    shot(o, "site-index")
    page.fill("#search-input", "")
    with page.expect_navigation():
        page.click("text=Jensen Huang")  # relative link to the entity page, under the CSP
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    assert page.locator("h1").inner_text() == "Jensen Huang"
    assert page.evaluate("window.chipgraph.network.getSelectedNodes()") == [E + "jensen-huang"]
    o.clean()


def test_views_site_entity_page(open_page, site):
    root = site[0].parent
    o = open_page(next(p for p in site if p.name == "h800.html"))
    page = o.page
    assert page.evaluate("window.chipgraph.nodes.length") == 3  # H800, Nvidia, DeepSeek
    assert page.evaluate("window.chipgraph.edges.length") == 2
    assert "Chip" in page.locator(".card").inner_text()
    x, y = node_xy(page, E + "h800")
    page.mouse.click(x, y)
    assert SENT["usesChip"] in panel_text(page)
    shot(o, "site-entity")
    doc_link = page.locator("#panel a", has_text="document page").first
    href = doc_link.get_attribute("href")
    assert href.startswith("../documents/") and (root / href[3:]).is_file()
    with page.expect_navigation():
        doc_link.click()
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    assert page.locator("h1").inner_text() == "DeepSeek trained on H800 chips"
    o.clean()


def test_views_site_document_page(open_page, site):
    doc = next(p for p in site if "documents" in p.parts and
               "Commerce implements" in p.read_text("utf-8").split("<h1>", 1)[1][:100])
    o = open_page(doc)
    page = o.page
    bis_edges = [e for e in small_graph().edges
                 if any(ev.publisher == "Bureau of Industry and Security" for ev in e.evidence)]
    assert page.evaluate("window.chipgraph.edges.length") == len(bis_edges)
    card = page.locator(".card").inner_text()
    assert "Bureau of Industry and Security" in card and "2022-10-07" in card
    assert page.locator(".card a").get_attribute("href").startswith("https://www.bis.gov/")
    shot(o, "site-document")
    with page.expect_navigation():
        page.click("header nav >> text=Overview")
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    assert page.evaluate("window.chipgraph.nodes.length") == len(small_graph().nodes)
    o.clean()


def test_views_large_graph_draws_without_physics(open_page, tmp_path):
    g = synthetic_graph(PHYSICS_MAX_NODES * 2)
    o = open_page(write_html(g, tmp_path / "large.html", heading="Large"))
    state = o.page.evaluate("""() => ({n: window.chipgraph.nodes.length,
        physics: window.chipgraph.network.physics.physicsEnabled})""")
    assert state == {"n": len(g.nodes), "physics": False}
    first = o.page.evaluate("id => window.chipgraph.network.getPositions([id])[id]", g.nodes[0].id)
    o.page.wait_for_timeout(300)
    assert o.page.evaluate("id => window.chipgraph.network.getPositions([id])[id]",
                           g.nodes[0].id) == first  # nothing moves
    shot(o, "large")
    o.clean()
