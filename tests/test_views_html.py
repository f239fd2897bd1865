"""HTML output without a browser: escaping, self-containment, determinism, site links."""
from __future__ import annotations

import dataclasses
import html.parser
import json
import re
from pathlib import Path

import pytest
from fixtures.views.graphs import hostile_graph, hostile_strings, small_graph, synthetic_graph

from chipgraph.views import ViewGraph, render_html, write_html, write_site
from chipgraph.views.html import (CSP, PHYSICS_MAX_NODES, _asset, json_for_script, page_data,
                                  safe_href)
from chipgraph.views.site import page_slug


class _Parser(html.parser.HTMLParser):
    """Collects tags with URL-bearing attributes and the text of script blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.metas: list[dict] = []
        self._script: dict | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for k in ("src", "href", "action", "data", "srcset", "poster", "formaction"):
            if k in a:
                self.urls.append((tag, k, a[k] or ""))
        if tag == "meta":
            self.metas.append(a)
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))

    def handle_data(self, data):
        if self._script is not None:
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def parse(text: str) -> _Parser:
    p = _Parser()
    p.feed(text)
    return p


def data_block(text: str) -> dict:
    p = parse(text)
    blocks = [t for a, t in p.scripts if a.get("type") == "application/json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_views_page_is_self_contained():
    page = render_html(small_graph(), heading="Sample")
    p = parse(page)
    # three script blocks: data, vis-network, page script; none loads anything
    assert [a for a, _ in p.scripts] == [{"type": "application/json", "id": "chipgraph-data"}, {}, {}]
    assert all(not a.get("src") for a, _ in p.scripts)
    assert p.urls == [("link", "href", "data:,")]  # only the empty favicon
    assert "link" not in [t for t in p.tags if t != "link"] and "img" not in p.tags
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in p.metas
    assert "default-src 'none'" in CSP and "connect-src" not in CSP
    for marker in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "googleapis", "sourceMappingURL",
                   "@import", "url("):
        assert marker not in page, marker
    assert "vis-network" in page and "@license" in page  # vendored, licence header kept


def test_views_page_data_round_trips():
    g = small_graph()
    page = render_html(g, heading="Sample")
    assert data_block(page) == json.loads(json.dumps(page_data(g)))
    d = data_block(page)
    assert len(d["nodes"]) == len(g.nodes) == len(d["nodeInfo"])
    assert len(d["edges"]) == len(g.edges) == len(d["edgeInfo"])
    assert d["physics"] is True


def test_views_hostile_text_is_escaped():
    g = hostile_graph()
    page = render_html(g, heading=hostile_strings()[3], links={"x": "javascript:alert(1)",
                                                               "ok": "overview.html"})
    p = parse(page)
    assert len(p.scripts) == 3  # no injected script element
    assert p.urls == [("link", "href", "data:,"), ("a", "href", "overview.html")]
    assert not {"img", "iframe", "svg", "style"} & set(p.tags) - {"svg", "style"} or \
        p.tags.count("style") == 1
    assert p.tags.count("iframe") == 0 and p.tags.count("img") == 0
    raw = page.split('id="chipgraph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\u2028" not in raw and "\u2029" not in raw
    assert "\u2028" not in page.split("<script>", 1)[1]  # not in any script
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # heading/title, escaped
    d = data_block(page)
    assert {n["label"] for n in d["nodeInfo"]} <= {s.replace("\udc00", "\ufffd") for s in hostile_strings()}
    page.encode("utf-8")  # lone surrogates replaced


def test_views_json_for_script_escapes_breakouts():
    s = json_for_script({"a": "</script><!-- & \u2028\u2029 \udc00"})
    assert s == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \ufffd"}'
    assert json.loads(s) == {"a": "</script><!-- & \u2028\u2029 \ufffd"}


@pytest.mark.parametrize("href, ok", [
    ("https://www.reuters.com/x", True), ("HTTP://example.org", True),
    ("overview.html", True), ("../entities/a-1.html", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), (" javascript:x", False),
    ("java\tscript:x", False), ("data:text/html,<script>", False), ("vbscript:x", False),
    ("//evil.example/x", False), ("file:///etc/passwd", False), ("", False), (None, False),
])
def test_views_safe_href(href, ok):
    assert (safe_href(href) is not None) is ok


def test_views_output_is_deterministic():
    g = small_graph()
    shuffled = ViewGraph(g.title, tuple(reversed(g.nodes)), tuple(reversed(g.edges)))
    assert render_html(g, heading="h") == render_html(shuffled, heading="h")
    big = synthetic_graph(PHYSICS_MAX_NODES + 50)
    big2 = dataclasses.replace(big, nodes=tuple(reversed(big.nodes)))
    a, b = render_html(big, heading="big"), render_html(big2, heading="big")
    assert a == b
    ours = a.replace(_asset("vis-network.min.js"), "")  # (vis.js's own build date aside)
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", ours)  # no timestamps


def test_views_large_graph_has_python_layout_and_no_physics():
    g = synthetic_graph(PHYSICS_MAX_NODES + 1)
    d = data_block(render_html(g, heading="big"))
    assert d["physics"] is False and d["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in d["nodes"])
    xs = {n["x"] for n in d["nodes"]}
    assert len(xs) > len(d["nodes"]) * 0.9  # spread out, not stacked
    small = data_block(render_html(small_graph(), heading="s"))
    assert small["physics"] is True and all("x" not in n for n in small["nodes"])


def test_views_shapes_and_colours_by_class():
    d = data_block(render_html(small_graph(), heading="s"))
    by_cls: dict[str, set] = {}
    for n, info in zip(d["nodes"], d["nodeInfo"]):
        by_cls.setdefault(info["cls"], set()).add((n["shape"], n["color"]["background"]))
    assert all(len(v) == 1 for v in by_cls.values())
    styles = [next(iter(v)) for v in by_cls.values()]
    assert len({s for s, _ in styles}) == len(styles) and len({c for _, c in styles}) == len(styles)
    # predicates are drawn as the ontology's words, never as camelCase names
    assert {e["label"] for e in d["edges"]} >= {"manufactures", "uses chip", "affiliated with (chief executive)"}
    assert not any(re.search(r"[a-z][A-Z]", e["label"]) for e in d["edges"])


def test_views_write_html(tmp_path):
    path = write_html(small_graph(), tmp_path / "sub" / "g.html", heading="H")
    text = path.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<h1>H</h1>" in text


def _relative_links(page: str) -> list[str]:
    return [u for tag, k, u in parse(page).urls
            if tag == "a" and not u.startswith(("http://", "https://"))]


@pytest.mark.parametrize("make", [small_graph, hostile_graph])
def test_views_site_links_resolve(tmp_path, make):
    g = make()
    files = write_site(g, tmp_path / "site")
    names = [f.relative_to(tmp_path / "site").as_posix() for f in files]
    assert names[:2] == ["index.html", "overview.html"] and names[-1] == "timeline.html"
    assert len(names) == 3 + len(g.nodes) + len({ev.document for x in (*g.nodes, *g.edges)
                                                 for ev in x.evidence})
    for name in names[2:-1]:
        assert re.fullmatch(r"(entities|documents)/[a-z0-9-]+\.html", name), name
    for f in files:
        page = f.read_text("utf-8")
        for href in _relative_links(page):
            assert (f.parent / href).resolve().is_file(), (f, href)
        d = parse(page)
        # scripts come from the site's assets folder, written once, never from elsewhere
        srcs = [a["src"] for a, _ in d.scripts if a.get("src")]
        if f.name in ("index.html", "timeline.html"):
            assert srcs == []
            continue
        assert [s.rsplit("/", 1)[-1] for s in srcs] == ["vis-network.min.js", "page.js"], srcs
        for src in srcs:
            assert re.fullmatch(r"(\.\./)?assets/[a-z.-]+\.js", src), src
            assert (f.parent / src).resolve().is_file(), (f, src)
        assert "script-src 'self' 'unsafe-inline'" in html.unescape(page)
        assert len(page) < (tmp_path / "site" / "assets" / "vis-network.min.js").stat().st_size
    # every page of the site links to pages of its entities and documents in its data
    overview = data_block((tmp_path / "site" / "overview.html").read_text("utf-8"))
    assert all(info["href"] for info in overview["nodeInfo"])
    for info in overview["nodeInfo"]:
        assert (tmp_path / "site" / info["href"]).is_file()
    for doc in overview["docs"]:
        assert (tmp_path / "site" / doc[5]).is_file()


def test_views_site_is_deterministic(tmp_path):
    docs = [("https://w3id.org/chipgraph/doc/unused", "Unused document", "AP", "2024-05-01",
             "javascript:alert(1)")]
    a = write_site(small_graph(), tmp_path / "a", docs)
    b = write_site(small_graph(), tmp_path / "b", docs)
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes()
    index = (tmp_path / "a" / "index.html").read_text("utf-8")
    assert "Unused document" in index and "javascript:" not in index


def test_views_entity_file_names_are_keys_with_a_hash_only_on_a_clash():
    from chipgraph.views.site import readable_names

    e = "https://w3id.org/chipgraph/entity/"
    iris = [e + "nvidia", e + "h800", "https://other.example/h800", e + "con", e + "中文", e + "Acme_Co",
            e + "acme-co"]
    names = readable_names(iris)
    assert names[e + "nvidia"] == "nvidia"
    assert names[e + "h800"] != names["https://other.example/h800"]
    assert names[e + "h800"].startswith("h800-") and names["https://other.example/h800"].startswith("h800-")
    assert names[e + "Acme_Co"] != names[e + "acme-co"]  # they slug alike: both get a hash
    assert names[e + "con"] != "con"  # a reserved device name on Windows
    assert len(set(names.values())) == len(iris)
    assert all(re.fullmatch(r"[a-z0-9-]+", n) for n in names.values())
    assert readable_names(reversed(iris)) == names  # independent of order


def test_views_site_entity_pages_are_named_by_key(tmp_path):
    files = write_site(small_graph(), tmp_path / "site")
    assert (tmp_path / "site" / "entities" / "nvidia.html") in files
    assert (tmp_path / "site" / "entities" / "jensen-huang.html") in files


def test_views_page_slug_is_safe():
    assert page_slug("https://w3id.org/chipgraph/entity/nvidia") .startswith("nvidia-")
    for iri in ("x/../../etc/passwd", "https://e/<script>", "https://e/中文", "", "https://e/a/"):
        assert re.fullmatch(r"[a-z0-9-]+", page_slug(iri)), iri
    assert page_slug("https://e/a") != page_slug("https://f/a")


def test_views_template_files_are_packaged():
    tdir = Path(__import__("chipgraph.views", fromlist=["x"]).__file__).parent / "template"
    for name in ("page.html.j2", "index.html.j2", "macros.html.j2", "page.js", "page.css",
                 "vis-network.min.js", "vis-network.LICENSE.txt", "sections.html.j2", "sections.css",
                 "sections.js", "timeline.html.j2"):
        assert (tdir / name).is_file(), name
    for script in ("page.js", "sections.js"):
        js = (tdir / script).read_text()
        for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                       "new Function"):
            assert banned not in js, (script, banned)
    # no article text is marked safe in the sections' templates
    for name in ("sections.html.j2", "timeline.html.j2"):
        assert "|safe" not in (tdir / name).read_text().replace("css|safe", "").replace("js|safe", ""), name
    queries = Path(__import__("chipgraph.views", fromlist=["x"]).__file__).parent / "queries"
    assert {p.name for p in queries.glob("*.rq")} >= {"documents.rq", "listings.rq", "quotes.rq",
                                                       "quote_about.rq", "sentences.rq"}


@pytest.mark.parametrize("href", ["\x01javascript:alert(1)", "java\tscript:alert(1)", " \x7fjavascript:x",
                                  "https://ok.example/a b"])
def test_views_safe_href_refuses_control_characters(href):
    from chipgraph.views.html import safe_href

    assert safe_href(href) is None
