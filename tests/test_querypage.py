"""The query page (YASGUI) in a real browser, offline, against a real store.

The real ``chipgraph serve`` (:class:`chipgraph.serve.Service`) on 127.0.0.1 serves the page,
its assets and ``/query`` from a store built from ``graph/sources``. Every request to another origin is aborted and
recorded; a test fails if the page tried one, logged a console error or ran injected script.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from helpers import Opened
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from chipgraph import ids
from chipgraph.errors import NotFoundError
from chipgraph.pipeline import ingest
from chipgraph.query import SavedQuery, saved_queries, saved_query
from chipgraph.querypage import ASSETS, asset, page_prefixes, render_query_page
from chipgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
DEEPSEEK = str(ids.entity_iri("deepseek"))


# -- the page without a browser ------------------------------------------------------------
def _example(text: str) -> SavedQuery:
    return SavedQuery("probe", "A probe </script><b>bold</b>", "Says <i>what</i> & more",
                      (("who", "required — someone"), ("what", "optional — something")), text)


def test_querypage_render_embeds_config_escaped():
    text = 'SELECT ?who WHERE { ?who ?p "</script><script>alert(1)</script>" }'
    html = render_query_page(saved=[_example(text)], prefixes=page_prefixes(),
                             mode="read-only <em>", limit=10000, timeout=2.5, assets_url="/static")
    assert "</script><script>alert(1)" not in html and "<b>bold</b>" not in html
    assert "read-only &lt;em&gt;" in html and "10,000 rows" in html and "timeout 2.5 s" in html
    assert '<script src="/static/yasgui.min.js"></script>' in html
    assert 'href="/static/yasgui.min.css"' in html
    raw = re.search(r'<script type="application/json" id="querypage-config">(.*?)</script>',
                    html, re.S).group(1)
    config = json.loads(raw)
    assert config["prefixes"] == page_prefixes()
    (ex,) = config["examples"]
    assert ex["text"] == text and ex["title"] == "A probe </script><b>bold</b>"
    assert [(p["name"], p["required"]) for p in ex["params"]] == [("who", True), ("what", False)]
    for prefix, ns in page_prefixes().items():  # listed on the page
        assert f"<th>{prefix}:</th><td><code>{ns}</code></td>" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no CDN, no other host


def test_querypage_render_saved_questions_and_params():
    html = render_query_page(saved=saved_queries(), prefixes=page_prefixes(), mode="read-only",
                             limit=5, timeout=1, assets_url="assets/")
    raw = re.search(r'id="querypage-config">(.*?)</script>', html, re.S).group(1)
    examples = {e["name"]: e for e in json.loads(raw)["examples"]}
    assert set(examples) == {q.name for q in saved_queries()}
    assert [p["name"] for p in examples["chips_used"]["params"]] == ["user"]
    assert examples["entity_mentions"]["params"][0]["required"] is True
    assert examples["chips_used"]["text"] == saved_query("chips_used").text


def test_querypage_assets():
    assert set(ASSETS) >= {"yasgui.min.js", "yasgui.min.css", "LICENSE.yasgui.txt"}
    for name in ASSETS:
        data, ctype = asset(name)
        assert data and ctype.endswith("charset=utf-8")
        assert b"sourceMappingURL" not in data
    assert asset("yasgui.min.js")[1].startswith("text/javascript")
    assert asset("yasgui.min.css")[1].startswith("text/css")
    licence = asset("LICENSE.yasgui.txt")[0].decode()
    assert re.search(r"@zazuko/yasgui\), version \d+\.\d+\.\d+", licence)
    assert "Triply" in licence and "Zazuko GmbH" in licence and "MIT License" in licence
    with pytest.raises(NotFoundError, match="yasgui.min.js"):
        asset("../__init__.py")


# -- a server and a browser ----------------------------------------------------------------
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "<script>window.__pwned=2</script>"
HOSTILE = ids.entity_iri("hostile-probe")


@dataclass
class Served:
    url: str
    store: Store                                     # the served folder, opened read-only
    paths: list[str] = field(default_factory=list)   # what the browser asked the server for


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real ``chipgraph serve`` on the sample articles, plus one entity with hostile labels."""
    from chipgraph.serve import Service

    path = tmp_path_factory.mktemp("querypage") / "store"
    with Store(path) as store:
        report = ingest([REPO / "graph" / "sources"], store)
        assert not report.errors
        g = Graph()
        g.add((HOSTILE, SKOS.prefLabel, Literal(HOSTILE_IMG)))
        g.add((HOSTILE, SKOS.altLabel, Literal(HOSTILE_SCRIPT, lang="en")))
        g.add((HOSTILE, RDF.type, URIRef(page_prefixes()["cg"] + "Company")))
        store.load_reference("hostile-probe", g)
    with Service(path, port=0, timeout=10, result_limit=10000) as svc, \
            Store(path, read_only=True) as reader:
        yield Served(svc.url + "/", reader)


@pytest.fixture
def open_page(browser, served):
    contexts = []

    def _open(url: str = "") -> Opened:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        o = Opened(page)

        def route(r):
            if r.request.url.startswith(served.url) or r.request.url.startswith("blob:"):
                if r.request.url.startswith(served.url):
                    served.paths.append(urlsplit(r.request.url).path)
                r.continue_()
            else:
                o.requests.append(r.request.url)
                r.abort()
        ctx.route("**/*", route)
        page.on("console", lambda m: o.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: o.errors.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (o.dialogs.append(d.message), d.dismiss()))
        page.goto(url or served.url)
        page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=30000)
        return o

    yield _open
    for c in contexts:
        c.close()


def shot(o: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    o.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def run(o: Opened) -> None:
    before = o.page.evaluate("() => Number(document.body.dataset.ran || 0)")
    o.page.click("#run")
    o.page.wait_for_function(f"() => Number(document.body.dataset.ran || 0) > {before}", timeout=30000)


def set_query(o: Opened, text: str) -> None:
    o.page.evaluate("t => window.chipgraphQueryPage.yasqe.setValue(t)", text)


def run_deepseek_chips(o: Opened) -> None:
    o.page.select_option("#example", "chips_used")
    o.page.fill("#params input[name=user]", "ent:deepseek")
    run(o)


def store_rows(served: Served, name: str, **iris: str) -> list[dict]:
    """The saved question's rows straight from the store, the IRIs passed as bindings."""
    return list(served.store.query(saved_query(name).text, {k: URIRef(v) for k, v in iris.items()}))


@pytest.mark.browser
def test_querypage_editor_loads_offline_with_highlighting(open_page, served):
    o = open_page()
    keywords = o.page.locator("#editor .CodeMirror .cm-keyword").all_inner_texts()
    assert "SELECT" in keywords and "WHERE" in keywords
    assert o.page.locator("#editor .CodeMirror .cm-variable-2, #editor .CodeMirror .cm-atom").count() > 0
    assert o.page.locator("#editor .yasqe_share, #editor .yasqe_queryButton").count() == 0
    assert set(served.paths) >= {"/", "/assets/yasgui.min.js", "/assets/yasgui.min.css",
                                 "/assets/querypage.js", "/assets/querypage.css"}
    assert o.page.locator("#prefixes").inner_text().count(":") >= len(page_prefixes())
    shot(o, "querypage-editor")
    o.clean()


@pytest.mark.browser
def test_querypage_saved_question_with_parameter_shows_rows(open_page, served):
    o = open_page()
    expected = store_rows(served, "chips_used", user=DEEPSEEK)
    assert expected, "the sample store should say which chips DeepSeek used"
    run_deepseek_chips(o)
    sent = o.page.evaluate("() => window.chipgraphQueryPage.buildQuery()")
    assert sent.rstrip().endswith(f"VALUES (?user) {{ (<{DEEPSEEK}>) }}")
    rows = o.page.locator("#results table tbody tr")
    assert rows.count() == min(len(expected), 50)  # YASR's first page
    assert o.page.locator("#status").inner_text().startswith(f"{len(expected)} row(s)")
    table = o.page.locator("#results table").inner_text()
    assert "ent:deepseek" in table and "DeepSeek" in table
    assert {str(r["chipLabel"]) for r in expected} <= set(re.findall(r"[^\t\n]+", table))
    shot(o, "querypage-chips-used")
    o.clean()


@pytest.mark.browser
def test_querypage_queries_valid_without_server_prefixes(open_page):
    o = open_page()
    run_deepseek_chips(o)
    sent = o.page.evaluate("() => window.chipgraphQueryPage.buildQuery()")
    ox.Store().query(sent)  # parses with no prefixes given: the page declares its own
    lines = sent.splitlines()
    assert lines[-1] == f"VALUES (?user) {{ (<{DEEPSEEK}>) }}"
    assert saved_query("chips_used").text.rstrip("\n") in sent
    declared = [m.group(1) for m in re.finditer(r"PREFIX (\w+): <", sent)]
    assert sorted(declared) == sorted(page_prefixes())  # each once
    editor = o.page.evaluate("() => window.chipgraphQueryPage.yasqe.getValue()")
    in_editor = [m.group(1) for m in re.finditer(r"PREFIX (\w+): <", editor)]
    assert sorted(in_editor) == ["cg", "dcterms", "prov", "rdf", "skos"]  # the ones it uses
    assert o.page.locator("#editor .parseErrorIcon").count() == 0
    o.clean()


TERMS = [
    ("ent:deepseek", f"<{DEEPSEEK}>"),
    (f"<{DEEPSEEK}>", f"<{DEEPSEEK}>"),
    (DEEPSEEK, f"<{DEEPSEEK}>"),
    ("cg:usesChip", f"<{page_prefixes()['cg']}usesChip>"),
    ('say "hi" \\ now\nplease', '"say \\"hi\\" \\\\ now\\nplease"'),
    ("plain words", '"plain words"'),
    ("2024-10-07", '"2024-10-07"'),
]


@pytest.mark.browser
def test_querypage_parameter_terms(open_page):
    o = open_page()
    for value, term in TERMS:
        assert o.page.evaluate("v => window.chipgraphQueryPage.toTerm(v)", value) == term, value
    o.clean()


@pytest.mark.browser
def test_querypage_bad_parameters_are_reported(open_page, served):
    o = open_page()
    o.page.select_option("#example", "entity_mentions")
    n = len(served.paths)
    o.page.click("#run")
    assert "?entity is required" in o.page.locator("#status").inner_text()
    for bad, message in [("<not an iri>", "not a valid IRI"), ("nope:thing", "unknown prefix nope:")]:
        o.page.fill("#params input[name=entity]", bad)
        o.page.click("#run")
        assert message in o.page.locator("#status").inner_text()
    assert "/query" not in served.paths[n:]  # nothing was sent
    o.page.select_option("#example", "controls_timeline")
    o.page.fill("#params input[name=kind]", 'a "quoted" \\ value')
    before = o.page.evaluate("() => Number(document.body.dataset.ran || 0)")
    n = len(served.paths)
    o.page.locator("#editor .CodeMirror").click()
    o.page.keyboard.press("Control+Enter")  # runs through the page, with the VALUES clause
    o.page.wait_for_function(f"() => Number(document.body.dataset.ran || 0) > {before}")
    # an escaped literal: a valid query with no rows
    assert o.page.locator("#status").inner_text().startswith("0 row(s)")
    o.page.wait_for_timeout(300)
    assert served.paths[n:] == ["/query"]  # one request: YASQE's own runner is not used
    o.clean()


@pytest.mark.browser
def test_querypage_iri_opens_entity_panel(open_page):
    o = open_page()
    run_deepseek_chips(o)
    o.page.locator("#results table a.iri", has_text="ent:deepseek").first.click()
    o.page.wait_for_function("() => document.getElementById('panel').dataset.loaded === '1'")
    assert o.page.locator("#panel").is_visible()
    assert o.page.locator("#panel-title").inner_text() == "DeepSeek"
    text = o.page.locator("#panel-body").inner_text()
    assert "Labels" in text and "Types" in text and "Relations" in text
    assert "cg:usesChip" in text
    assert o.page.url.startswith("http://127.0.0.1")  # the link did not navigate
    # an entity in the panel opens its own panel
    o.page.locator("#panel-body span.iri", has_text="cg:usesChip").first.wait_for()
    chip = o.page.locator("#panel-body li", has_text="cg:usesChip").first.locator("span.iri").nth(1)
    name = chip.inner_text()
    chip.click()
    o.page.wait_for_function(f"() => document.getElementById('panel-title').textContent === {json.dumps(name)}")
    shot(o, "querypage-panel")
    o.clean()


@pytest.mark.browser
def test_querypage_csv_and_json_download(open_page, served):
    o = open_page()
    expected = store_rows(served, "chips_used", user=DEEPSEEK)
    run_deepseek_chips(o)
    with o.page.expect_download() as info:
        o.page.click("#download-csv")
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0] == ["user", "userLabel", "chip", "chipLabel", "sentence", "document", "title"]
    assert len(rows) - 1 == len(expected)
    assert {r[0] for r in rows[1:]} == {DEEPSEEK}
    assert info.value.suggested_filename == "results.csv"
    with o.page.expect_download() as info:
        o.page.click("#download-json")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert len(data["results"]["bindings"]) == len(expected)
    o.clean()


@pytest.mark.browser
def test_querypage_permalink_restores_query(open_page):
    o = open_page()
    run_deepseek_chips(o)
    extra = "\n# my own note\n"
    set_query(o, o.page.evaluate("() => window.chipgraphQueryPage.yasqe.getValue()") + extra)
    o.page.wait_for_function("t => decodeURIComponent(location.hash.replace(/\\+/g, ' ')).includes('my own note')",
                             arg=extra)
    link = o.page.locator("#permalink").get_attribute("href")
    again = open_page(o.page.url)
    assert link and again.page.url.endswith(link)
    restored = again.page.evaluate("() => window.chipgraphQueryPage.yasqe.getValue()")
    assert restored.endswith(saved_query("chips_used").text + extra) and restored.startswith("PREFIX ")
    assert again.page.input_value("#example") == "chips_used"
    assert again.page.input_value("#params input[name=user]") == "ent:deepseek"
    run(again)
    assert again.page.locator("#results table tbody tr").count() > 0
    o.clean()
    again.clean()


@pytest.mark.browser
def test_querypage_prefix_autocompletion_offers_chipgraph_prefixes(open_page):
    o = open_page()
    set_query(o, "")
    o.page.locator("#editor .CodeMirror").click()
    o.page.keyboard.type("PREFIX en")
    hints = o.page.locator(".CodeMirror-hints")
    hints.wait_for(timeout=10000)
    assert f"ent: <{page_prefixes()['ent']}>" in hints.inner_text()
    o.page.keyboard.press("Enter")
    assert o.page.evaluate("() => window.chipgraphQueryPage.yasqe.getValue()").startswith(
        f"PREFIX ent: <{page_prefixes()['ent']}>")
    o.clean()  # and no prefix.cc or LOV look-up was tried


@pytest.mark.browser
def test_querypage_hostile_literal_runs_no_script(open_page, served):
    img, script, probe = HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE
    o = open_page()
    set_query(o, "PREFIX skos: <%s>\nSELECT ?e ?label ?alt ?b WHERE { ?e skos:prefLabel ?label ; "
                 "skos:altLabel ?alt BIND(STRLANG(?label, \"en\") AS ?b) }\nVALUES ?e { <%s> }"
              % (page_prefixes()["skos"], probe))
    run(o)
    text = o.page.locator("#results table").inner_text()
    assert img in text and script in text
    o.page.locator("#results table a.iri", has_text="ent:hostile-probe").first.click()
    o.page.wait_for_function("() => document.getElementById('panel').dataset.loaded === '1'")
    assert o.page.locator("#panel-title").inner_text() == img
    assert script in o.page.locator("#panel-body").inner_text()
    assert o.page.evaluate("() => window.__pwned") is None
    assert o.page.locator("#results img, #results script, #panel img, #panel-body script").count() == 0
    assert "/x" not in served.paths
    shot(o, "querypage-hostile")
    o.clean()
