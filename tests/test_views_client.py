"""The graph page's client side in Chromium, offline: table view and CSV, deep links,
legibility at 1,000 entities, print and phone.

Pages come from ``file://`` with every other request aborted (``open_page`` from
``test_views_browser``); each test ends with ``Opened.clean()``: no fetch, no console
error, no dialog.  Screenshots and figures go to ``tests/artifacts/`` (git-ignored).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fixtures.views.graphs import E, hostile_graph, small_graph, synthetic_graph
from helpers import ARTIFACTS, node_xy, panel_text, shot

from chipgraph.views import EvidenceItem, ViewEdge, ViewGraph, ViewNode, write_html, write_site

pytestmark = pytest.mark.browser

READY = "() => document.body.dataset.ready === '1'"
PHONE = {"width": 390, "height": 844}

# The drawn box of every node on the canvas: its shape (size either side of the centre) and
# the label under it (14 px text as wide as the browser measures it), from the positions the
# network holds.  Returns the pairs whose boxes overlap.
OVERLAPS = """() => {
  const net = window.chipgraph.network, pos = net.getPositions(), ids = Object.keys(pos);
  const c = document.createElement("canvas").getContext("2d");
  c.font = "14px system-ui, sans-serif";
  const boxes = ids.map(id => {
    const o = net.body.nodes[id].options, p = pos[id], s = o.size;
    const half = Math.max(s, c.measureText(o.label || "").width / 2);
    return [p.x - half, p.y - s, p.x + half, p.y + s + 4 + 14];
  });
  const pairs = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) pairs.push([ids[i], ids[j]]);
  }
  return pairs;
}"""


@pytest.fixture(scope="module")
def small_html(tmp_path_factory) -> Path:
    return write_html(small_graph(), tmp_path_factory.mktemp("client") / "small.html",
                      heading="AI chips and export controls")


def selected(page) -> list[str]:
    return page.evaluate("window.chipgraph.network.getSelectedNodes()")


def hash_of(page) -> str:
    return page.evaluate("window.location.hash")


def download_csv(page, name: str) -> tuple[str, list[list[str]]]:
    with page.expect_download() as info:
        page.click(f"#csv-{name}")
    raw = Path(info.value.path()).read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff")  # so that spreadsheets read it as UTF-8
    return info.value.suggested_filename, list(csv.reader(io.StringIO(raw[1:], newline="")))


def table_rows(page, name: str) -> list[list[str]]:
    return page.evaluate("""name => Array.from(document.querySelectorAll(
        `#table-${name} tbody tr`), tr => Array.from(tr.cells, td => td.textContent))""", name)


# --- table view and CSV -------------------------------------------------------------------

def test_views_table_shows_what_the_filters_leave(open_page, small_html):
    o = open_page(small_html)
    page, g = o.page, small_graph()
    page.click("#view-table")
    assert page.locator("#table-view").is_visible() and not page.locator("#graph").is_visible()
    ents = table_rows(page, "entities")
    assert len(ents) == len(g.nodes)
    assert sorted(r[0] for r in ents) == sorted(n.label for n in g.nodes)
    nvidia = next(r for r in ents if r[0] == "Nvidia")
    assert nvidia[1:5] == ["Company", "nvidia", "3", "3"]  # type, key, documents, relations
    assert len(table_rows(page, "relations")) == len(g.edges)
    shot(o, "table-view")
    page.locator("input.f-class[value=Chip]").uncheck()
    chips = {E + "h800", E + "h100"}
    assert len(table_rows(page, "entities")) == len(g.nodes) - 2
    rels = table_rows(page, "relations")
    assert len(rels) == sum(1 for e in g.edges if not {e.source, e.target} & chips)
    assert all(r[0] not in ("H800", "H100") and r[2] not in ("H800", "H100") for r in rels)
    page.locator("input.f-pred[value=basedIn]").uncheck()
    assert all(r[1] != "basedIn" for r in table_rows(page, "relations"))
    assert page.locator("#table-relations h2").inner_text().startswith(
        f"Relations ({sum(1 for e in g.edges if not {e.source, e.target} & chips and e.predicate != 'basedIn')} shown)")
    # an entity's name in the table opens it in the graph
    page.click("#table-entities td a:text-is('DeepSeek')")
    page.wait_for_function("() => !document.getElementById('graph').hidden")
    assert selected(page) == [E + "deepseek"] and hash_of(page) == "#entity=deepseek"
    assert page.locator("#panel h2").inner_text() == "DeepSeek"
    x, y = node_xy(page, E + "deepseek")  # drawn again, at its size, and re-fitted to the filters
    box = page.locator("#graph").bounding_box()
    assert box["width"] > 500 and box["x"] < x < page.locator("#panel").bounding_box()["x"]
    assert page.evaluate("document.querySelector('#graph canvas').width") > 500
    o.clean()


def test_views_csv_download_is_made_in_the_page(open_page, small_html):
    o = open_page(small_html)
    page, g = o.page, small_graph()
    page.click("#view-table")
    page.locator("input.f-pred[value=manufactures]").uncheck()
    name, rows = download_csv(page, "entities")
    assert name.endswith("-entities.csv")
    assert rows[0] == ["Entity", "Type", "Key", "Documents", "Relations shown", "Also known as", "IRI"]
    by_key = {r[2]: r for r in rows[1:]}
    assert set(by_key) == {n.id.rsplit("/", 1)[1] for n in g.nodes}
    assert by_key["nvidia"] == ["Nvidia", "Company", "nvidia", "3", "1",
                                "NVIDIA Corporation; Nvidia Corp", E + "nvidia"]
    name, rows = download_csv(page, "relations")
    assert rows[0][:5] == ["Subject", "Relation", "Object", "Role", "Evidence"]
    shown = [e for e in g.edges if e.predicate != "manufactures"]
    assert len(rows) - 1 == len(shown)
    jensen = next(r for r in rows if r[1] == "affiliated with")
    assert jensen[:5] == ["Jensen Huang", "affiliated with", "Nvidia", "chief executive", "1"]
    edge = next(e for e in g.edges if e.predicate == "affiliatedWith")
    assert jensen[5:8] == [edge.evidence[0].sentence, edge.evidence[0].title, edge.evidence[0].published]
    assert o.requests == []  # the download is a blob made in the page, not a fetch
    o.clean()


def _formula_graph() -> ViewGraph:
    src = EvidenceItem('She said "no", then left, twice.', "urn:doc:f", "=Report, \"two\"",
                       None, "2024-05-01")
    labels = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+41 55 123", "-3+4", "@SUM(A1:A3)",
              'Widget "Max", v2', "plain name", "line one\nline two", " padded "]
    nodes = tuple(ViewNode(f"urn:e:n{i}", lab, "Company", (), (), 1, (src,))
                  for i, lab in enumerate(labels))
    edges = (ViewEdge("urn:e:n0", "urn:e:n1", "affiliatedWith", "=cmd|' /C calc'!A0", (src,)),)
    return ViewGraph("Formula test", nodes, edges)


def test_views_csv_escapes_quotes_and_guards_formulas(open_page, tmp_path):
    g = _formula_graph()
    o = open_page(write_html(g, tmp_path / "formula.html", heading="Formula test"))
    page = o.page
    page.click("#view-table")
    _, rows = download_csv(page, "entities")
    got = {r[6]: r[0] for r in rows[1:]}
    for n in g.nodes:
        guarded = n.label[:1] in "=+-@"
        assert got[n.id] == ("'" + n.label if guarded else n.label), n.label
    assert got["urn:e:n2"] == "'-3+4" and got["urn:e:n6"] == "line one\nline two"
    _, rows = download_csv(page, "relations")
    assert rows[1][3] == "'=cmd|' /C calc'!A0"  # the role cell
    assert rows[1][5] == 'She said "no", then left, twice.'
    assert rows[1][6] == "'=Report, \"two\""  # the source title
    # the table itself shows the text as it is
    cells = [r[0] for r in table_rows(page, "entities")]
    assert "=HYPERLINK(\"http://example.invalid\",\"x\")" in cells
    o.clean()


def test_views_hostile_table_and_csv_run_no_script(open_page, tmp_path):
    g = hostile_graph()
    o = open_page(write_html(g, tmp_path / "hostile.html", heading="hostile"))
    page = o.page
    page.click("#view-table")
    cells = page.evaluate("() => Array.from(document.querySelectorAll('#table-view td'), td => td.textContent)")
    for n in g.nodes:
        assert n.label.replace("\udc00", "\ufffd") in cells
    _, rows = download_csv(page, "entities")
    labels = {r[0] for r in rows[1:]}
    for n in g.nodes:
        assert n.label.replace("\udc00", "\ufffd") in labels
    download_csv(page, "relations")
    page.click("#table-entities td a >> nth=2")
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    tags = page.evaluate("() => [...new Set(Array.from(document.querySelectorAll('#table-view *'), x => x.tagName))]")
    assert set(tags) <= {"SECTION", "DIV", "H2", "BUTTON", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "A", "P"}
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    assert all(re.match(r"(https?|file)://", h) for h in hrefs), hrefs
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(o, "hostile-table")
    o.clean()


# --- deep links -------------------------------------------------------------------------------

def test_views_deep_link_selects_and_centres_the_entity(open_page, small_html):
    o = open_page(small_html, fragment="#entity=nvidia")
    page = o.page
    assert selected(page) == [E + "nvidia"]
    assert page.locator("#panel h2").inner_text() == "Nvidia"
    x, y = node_xy(page, E + "nvidia")
    graph = page.locator("#graph").bounding_box()
    panel = page.locator("#panel").bounding_box()
    assert graph["x"] < x < panel["x"] - 40  # centred in the part the panel leaves free
    assert abs(y - (graph["y"] + graph["height"] / 2)) < 2
    # the hash follows the user: a change of hash, a click on a node, the search box
    page.evaluate("window.location.hash = '#entity=h800'")
    page.wait_for_function(f"() => window.chipgraph.network.getSelectedNodes()[0] === '{E}h800'")
    assert page.locator("#panel h2").inner_text() == "H800"
    page.click("#panel-close")
    assert hash_of(page) == "" and not page.locator("#panel").is_visible()
    x, y = node_xy(page, E + "deepseek")
    page.mouse.click(x, y)
    assert hash_of(page) == "#entity=deepseek"
    page.fill("#search-input", "jensen")
    page.press("#search-input", "Enter")
    assert hash_of(page) == "#entity=jensen-huang"
    # a relation in the panel is a deep link: following it and going back
    page.click("#panel a:text-is('Nvidia')")
    page.wait_for_function(f"() => window.chipgraph.network.getSelectedNodes()[0] === '{E}nvidia'")
    assert hash_of(page) == "#entity=nvidia"
    page.go_back()
    page.wait_for_function(f"() => window.chipgraph.network.getSelectedNodes()[0] === '{E}jensen-huang'")
    # an unknown key says so
    page.evaluate("window.location.hash = '#entity=no-such-thing'")
    page.wait_for_function("() => /No entity/.test(document.getElementById('search-status').textContent)")
    assert "\u201cno-such-thing\u201d" in page.locator("#search-status").inner_text()
    o.clean()


def test_views_deep_link_forms(open_page, small_html):
    o = open_page(small_html, fragment="#china")  # a bare key, as people type it
    assert selected(o.page) == [E + "china"]
    o.clean()
    o = open_page(small_html, fragment="#entity=" + (E + "bis").replace(":", "%3A").replace("/", "%2F"))
    assert selected(o.page) == [E + "bis"]  # a full IRI, escaped
    o.clean()
    # a bare #name that is an element of the page is an anchor, not an entity; nor is an
    # unknown bare name worth a complaint (the text sections link to their own anchors)
    for anchor in ("#search", "#no-such-anchor"):
        o = open_page(small_html, fragment=anchor)
        assert selected(o.page) == [] and o.page.locator("#search-status").inner_text() == ""
        o.page.evaluate("window.location.hash = '#panel-body'")
        o.page.wait_for_timeout(50)
        assert selected(o.page) == [] and o.page.locator("#search-status").inner_text() == ""
        o.clean()
    o = open_page(small_html, fragment="#entity=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    status = o.page.locator("#search-status").inner_text()
    assert status == "No entity \u201c<img src=x onerror=alert(1)>\u201d on this page."
    assert o.page.evaluate("document.querySelectorAll('img').length") == 0
    o.clean()


def test_views_deep_link_on_site_pages(open_page, tmp_path):
    pages = write_site(small_graph(), tmp_path / "site")
    overview = next(p for p in pages if p.name == "overview.html")
    o = open_page(overview, fragment="#entity=huawei")
    assert selected(o.page) == [E + "huawei"]
    assert o.page.locator("#panel h2").inner_text() == "Huawei"
    o.clean()
    h800 = next(p for p in pages if "entities" in p.parts and "h800" in p.name)
    o = open_page(h800)
    assert selected(o.page) == [E + "h800"] and hash_of(o.page) == ""  # the page's own entity
    o.clean()
    o = open_page(h800, fragment="#entity=deepseek")  # the hash wins over the page's focus
    assert selected(o.page) == [E + "deepseek"]
    assert o.page.locator("#panel h2").inner_text() == "DeepSeek"
    o.clean()


# --- legible at scale ---------------------------------------------------------------------------

# Record the text drawn on the graph's canvas during one redraw (labels are canvas text).
DRAWN_TEXT = """s => { const n = window.chipgraph.network, proto = CanvasRenderingContext2D.prototype;
  const fill = proto.fillText, seen = [];
  proto.fillText = function (t, x, y) { seen.push(String(t)); return fill.apply(this, arguments); };
  try { n.moveTo({position: {x: 0, y: 0}, scale: s, animation: false}); n.redraw(); }
  finally { proto.fillText = fill; }
  return seen; }"""


@pytest.mark.parametrize("scale", [1.0, 0.7, 0.45, 0.3])
def test_views_every_class_keeps_its_labels_when_zoomed_out(open_page, small_html, scale):
    o = open_page(small_html)
    page, g = o.page, small_graph()
    drawn = page.evaluate(DRAWN_TEXT, scale)
    labelled = {n.cls for n in g.nodes if any(t == n.label or (t.endswith("\u2026") and
                                                              n.label.startswith(t[:-1])) for t in drawn)}
    assert "ExportControl" in labelled, drawn  # the octagon's label does not vanish first
    assert "Nvidia" in drawn and "China" in drawn  # the most connected
    if scale >= 0.45:  # the sample's twelve fit at this zoom; at 0.3 some must give way
        assert labelled == {n.cls for n in g.nodes}, drawn
    if scale * 14 >= 9:  # legible: vis.js and the octagon renderer draw every label
        assert {n.label for n in g.nodes} <= set(drawn)
    shot(o, f"zoom-{scale}")
    o.clean()


def test_views_filter_refits_and_selection_stays_clear_of_panel(open_page, tmp_path):
    g = synthetic_graph(400)
    o = open_page(write_html(g, tmp_path / "g400.html", heading="400"))
    page = o.page
    inside = """() => { const n = window.chipgraph.network, ids = n.body.nodeIndices;
        const w = n.body.container.clientWidth, h = n.body.container.clientHeight;
        return ids.filter(id => { const p = n.canvasToDOM(n.getPositions([id])[id]);
            return p.x < 0 || p.y < 0 || p.x > w || p.y > h; }).length; }"""
    page.evaluate("""() => window.chipgraph.network.moveTo({position: {x: 4000, y: 4000}, scale: 2,
        animation: false})""")
    assert page.evaluate(inside) > 0
    page.locator("input.f-class[value=Person]").uncheck()
    assert page.evaluate(inside) == 0  # re-fitted to what is left
    # a node near the right edge, clicked, is panned out from under the panel
    target = g.nodes[3].id
    page.evaluate("""id => { const n = window.chipgraph.network, p = n.getPositions([id])[id];
        const w = n.body.container.clientWidth;
        n.moveTo({position: {x: p.x - (w / 2 - 60) / 1.5, y: p.y}, scale: 1.5, animation: false}); }""",
                  target)
    x, y = node_xy(page, target)
    page.mouse.click(x, y)
    assert selected(page) == [target]
    x, _ = node_xy(page, target)
    assert x < page.locator("#panel").bounding_box()["x"] - 20
    o.clean()


def test_views_overview_1000_entities_is_legible(open_page, tmp_path):
    """Time to interactive and overlap on a 1,000-entity overview; screenshot saved."""
    g = synthetic_graph(1000)
    path = write_html(g, tmp_path / "overview-1000.html", heading="1,000 entities")
    o = open_page(path)
    page = o.page
    figures = page.evaluate("""() => ({ready_ms: window.chipgraph.readyMs,
        separate_ms: window.chipgraph.layout.separateMs, rounds: window.chipgraph.layout.separateRounds,
        scale: window.chipgraph.network.getScale(), hub_labels: window.chipgraph.hubLabels.length})""")
    pairs = page.evaluate(OVERLAPS)
    before = page.evaluate(OVERLAPS.replace(
        "const net = window.chipgraph.network, pos = net.getPositions(), ids = Object.keys(pos);",
        """const d = JSON.parse(document.getElementById('chipgraph-data').textContent);
           const net = {body: {nodes: Object.fromEntries(d.nodes.map(n => [n.id, {options: n}]))}};
           const pos = Object.fromEntries(d.nodes.map(n => [n.id, n])), ids = Object.keys(pos);"""))
    figures.update(nodes=len(g.nodes), overlapping_pairs=len(pairs), overlapping_before=len(before))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "overview-1000.json").write_text(json.dumps(figures, indent=1) + "\n")
    shot(o, "overview-1000")
    assert pairs == [], pairs[:5]
    assert figures["overlapping_before"] > 0  # the layout alone overlaps: the pass is needed
    # the most connected entities are labelled although the fitted view is far too small
    # for vis.js's own labels, and the labelled ones span every class
    assert figures["scale"] * 14 < 9
    degree = {n.id: 0 for n in g.nodes}
    for e in g.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    top = sorted(degree, key=lambda k: -degree[k])[:10]
    labelled = set(page.evaluate("window.chipgraph.hubLabels"))
    assert top[0] in labelled and len(labelled & set(top)) >= 7
    assert {n.cls for n in g.nodes if n.id in labelled} == {n.cls for n in g.nodes}
    o.clean()


def test_views_a_lone_class_keeps_a_label_among_many_hubs(open_page, tmp_path):
    """Zoomed out, one unconnected measure among 600 connected companies and people is
    still labelled: each class's most connected node is labelled before the other hubs."""
    g = synthetic_graph(600)
    lone = ViewNode(E + "lone-measure", "A lone measure", "ExportControl", (), (), 1, ())
    others = tuple(n if n.cls != "ExportControl" else
                   ViewNode(n.id, n.label, "Company", n.aliases, n.identifiers, n.doc_count,
                            n.evidence) for n in g.nodes)
    g = ViewGraph(g.title, others + (lone,), g.edges)
    o = open_page(write_html(g, tmp_path / "lone.html", heading="lone"))
    assert o.page.evaluate("window.chipgraph.network.getScale()") * 14 < 9
    labelled = set(o.page.evaluate("window.chipgraph.hubLabels"))
    assert lone.id in labelled
    assert {n.cls for n in g.nodes if n.id in labelled} == {n.cls for n in g.nodes}
    o.clean()


# --- print and phone --------------------------------------------------------------------------

def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


# The text sections the site writes under the graph (sections.html.j2 in the site's
# templates): <div id="sections"> after the layout, with the rule its stylesheet gives the
# layout on such pages (a fixed share of the screen).
SECTIONS = """n => { const st = document.createElement('style');
  st.textContent = 'body.has-sections { height: auto; } .has-sections .layout { flex: none; height: 82vh; }';
  document.head.appendChild(st); document.body.classList.add('has-sections');
  const d = document.createElement('div'); d.id = 'sections'; d.className = 'sections';
  for (let s = 0; s < 3; s++) {
    const sec = document.createElement('section'); sec.className = 'section';
    const h = document.createElement('h2'); h.textContent = 'Section ' + s; sec.appendChild(h);
    const t = document.createElement('table'); t.className = 'rows';
    for (let i = 0; i < n; i++) { const tr = t.insertRow(); tr.insertCell().textContent = 'Row ' + i;
      tr.insertCell().textContent = 'A line of text that stands for a fact and its source.'; }
    sec.appendChild(t); d.appendChild(sec); }
  document.querySelector('.layout').after(d); }"""


def test_views_print_runs_across_pages(open_page, tmp_path):
    many = tuple(EvidenceItem(f"Evidence sentence number {i}, written for this test, about the widget.",
                              f"urn:doc:{i}", f"Report {i}", "Test Wire", f"2024-02-{1 + i % 28:02d}",
                              f"https://example.org/r/{i}") for i in range(25))
    g = ViewGraph("print", (ViewNode(E + "widget", "Widget Corp", "Company", evidence=many, doc_count=25),
                            ViewNode(E + "cog", "Cog Ltd", "Company", doc_count=1)),
                  (ViewEdge(E + "widget", E + "cog", "affiliatedWith", None, many[:3]),))
    path = write_html(g, tmp_path / "print.html", heading="Widget Corp")
    o = open_page(path, fragment="#entity=widget")
    page = o.page
    assert "Evidence sentence number 24" in panel_text(page)
    one_panel = _pdf_pages(page.pdf(format="A4"))
    assert one_panel > 1  # the open panel runs on; it is not clipped to one page
    page.evaluate(SECTIONS, 40)  # the text sections the site writes under the graph
    page.emulate_media(media="print")
    layout = page.evaluate("""() => ({body: getComputedStyle(document.body).height,
        panel: getComputedStyle(document.getElementById('panel')).position,
        search: getComputedStyle(document.getElementById('search')).display,
        sections: document.getElementById('sections').getBoundingClientRect().height})""")
    assert layout["panel"] == "static" and layout["search"] == "none" and layout["sections"] > 1000
    panel_end = page.evaluate("document.getElementById('panel').getBoundingClientRect().bottom")
    assert page.evaluate("document.getElementById('sections').getBoundingClientRect().top") >= panel_end
    page.emulate_media(media="screen")
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) > one_panel
    o.clean()


def test_views_phone_stacks_graph_above_panel(open_page, small_html):
    o = open_page(small_html, fragment="#entity=nvidia", viewport=PHONE)
    page = o.page
    graph = page.locator("#graph").bounding_box()
    panel = page.locator("#panel").bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert panel["y"] >= graph["y"] + graph["height"] - 1  # below the graph
    assert abs(panel["width"] - width) <= 1 and abs(graph["width"] - width) <= 1  # full width
    assert graph["height"] >= 280
    x, _ = node_xy(page, E + "nvidia")
    assert 0 < x < width  # the selected node is on screen
    shot(o, "phone-panel")
    page.evaluate(SECTIONS, 5)  # the text sections come after the panel and the filters
    side = page.locator(".side").bounding_box()
    assert page.locator("#panel").bounding_box()["y"] + panel["height"] <= side["y"] + 1
    assert page.locator("#sections").bounding_box()["y"] >= side["y"] + side["height"] - 1
    page.click("#view-table")
    assert page.locator("#table-view").bounding_box()["width"] <= width + 1
    o.clean()
