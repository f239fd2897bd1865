"""The text sections of the site's pages: the builders on hand-made data, then the sample
site (built from graph/sources) in Chromium, with the network blocked, answering the policy
questions of issue 14 from the page text alone, and hostile text that runs no script."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.views.graphs import hostile_graph, hostile_strings
from helpers import Opened
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.views import EvidenceItem, ViewEdge, ViewGraph, ViewNode, render_html, write_site
from chipgraph.views.facts import (ListingItem, OfficialMeasure, QuoteItem, SentenceItem, SiteFacts,
                                   Source)
from chipgraph.views.sections import (SiteSections, fr_citation_url, fr_citation_year,
                                      readable_document_title, unquote)

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots (git-ignored)
E = "https://w3id.org/chipgraph/entity/"
D = "https://w3id.org/chipgraph/doc/"

# sentences of our own, in several forms
S_MAKE = "Zeta Corp builds the Z9 accelerator in its own fabs."
S_RULE = "The Quill Rule bars shipments of the Z9 to Ruritania, the Bureau of Trade said."
S_TARGET = "Officials aimed the Quill Rule squarely at Zeta Corp."
S_ROLE = "Mara Voss, the chief scientist at Zeta Corp, spoke to reporters."
S_QUOTE = '"We will build around it," Mara Voss said of the Z9 limits.'
OLD = dict(document=D + "old-wire-1a2b3c4d5e", title="Zeta's new accelerator", publisher="Old Wire",
           published="2029-11-02", url="https://news.example/zeta")
NEW = dict(document=D + "new-daily-6f7e8d9c0b", title=None, publisher="New Daily",
           published="2030-02-14", url=None)


def ev(sentence: str, src: dict) -> EvidenceItem:
    return EvidenceItem(sentence=sentence, **src)


def zeta_graph() -> ViewGraph:
    nodes = (
        ViewNode(E + "zeta-corp", "Zeta Corp", "Company", ("Zeta",), (), 2,
                 (ev(S_MAKE, OLD), ev(S_TARGET, NEW))),
        ViewNode(E + "z9", "Z9", "Chip", ("Z9 accelerator",), (), 2, (ev(S_MAKE, OLD), ev(S_RULE, NEW))),
        ViewNode(E + "quill-rule", "Quill Rule", "ExportControl", ("the rule", "these rules", "Quill curbs"), (),
                 1, (ev(S_RULE, NEW),)),
        ViewNode(E + "bureau-of-trade", "Bureau of Trade", "GovernmentBody", (), (), 1, (ev(S_RULE, NEW),)),
        ViewNode(E + "ruritania", "Ruritania", "Country", (), (), 1, (ev(S_RULE, NEW),)),
        ViewNode(E + "mara-voss", "Mara Voss", "Person", (), (), 2, (ev(S_ROLE, OLD), ev(S_QUOTE, OLD))),
        ViewNode(E + "h800", "H800", "Chip", (), (), 0, ()),
    )
    edges = (
        ViewEdge(E + "zeta-corp", E + "z9", "manufactures", None, (ev(S_MAKE, OLD),)),
        ViewEdge(E + "quill-rule", E + "z9", "restricts", None, (ev(S_RULE, NEW),)),
        ViewEdge(E + "quill-rule", E + "ruritania", "targets", None, (ev(S_RULE, NEW),)),
        ViewEdge(E + "quill-rule", E + "zeta-corp", "targets", None, (ev(S_TARGET, NEW),)),
        ViewEdge(E + "quill-rule", E + "bureau-of-trade", "imposedBy", None, (ev(S_RULE, NEW),)),
        ViewEdge(E + "mara-voss", E + "zeta-corp", "affiliatedWith", "chief scientist", (ev(S_ROLE, OLD),)),
    )
    return ViewGraph("Zeta test", nodes, edges)


OFFICIAL = OfficialMeasure(
    iri=E + "measure-fr-2028-00001-abcdef12", name="Controls on Accelerators of the Z Series", kind="Rule",
    key="fr-2028-00001", official="2028-00001", announced="2028-05-01", published="2028-05-09",
    effective="2028-06-01", url="https://www.federalregister.gov/documents/2028/05/09/2028-00001/z",
    issuers=((E + "bureau-of-trade", "Bureau of Trade"),), restricts=((E + "z9", "Z9"),),
    amends=((E + "measure-older-1", "An Older Rule"),), press_names=("the rule", "Z rule"))
ENTITY_LIST = OfficialMeasure(iri=E + "measure-entity-list-1", name="Entity List (a supplement)",
                              kind="Official list", key="entity_list", press_names=("Entity List",),
                              url="https://www.ecfr.gov/list", list=True)


def zeta_facts() -> SiteFacts:
    start = len(S_ROLE) + 1
    return SiteFacts(
        measures={OFFICIAL.iri: OFFICIAL, ENTITY_LIST.iri: ENTITY_LIST},
        quotes=(QuoteItem('"We will build around it,"', OLD["document"], (E + "mara-voss",),
                          (E + "z9", E + "zeta-corp"), start),),
        listings=(ListingItem(E + "zeta-corp", "Entity List (EL) - Bureau of Trade", "Zeta Corporation Ltd.",
                              "93 FR 1234; 94 FR 55", None),),
        sentences={OLD["document"]: (SentenceItem(0, len(S_ROLE), S_ROLE),
                                     SentenceItem(start, start + len(S_QUOTE), S_QUOTE),
                                     SentenceItem(500, 500 + len(S_MAKE), S_MAKE))},
        documents={NEW["document"]: Source(NEW["document"], "new-daily.txt", "New Daily", "2030-02-14")},
    )


def texts(graph=None, facts=None) -> SiteSections:
    g = graph or zeta_graph()
    return SiteSections(g, facts if facts is not None else zeta_facts(),
                        node_href={i: i.rsplit("/", 1)[-1] + ".html"
                                   for i in (*(n.id for n in g.nodes), OFFICIAL.iri, ENTITY_LIST.iri)},
                        doc_href={OLD["document"]: "old.html", NEW["document"]: "new.html"})


def section(sections, name):
    return next(s for s in sections if s.name == name)


def cell_text(cell) -> str:
    return " ".join((p.prefix or "") + p.text + (" " + p.note if p.note else "") for p in cell)


# --- builders -----------------------------------------------------------------------------

def test_sections_company_restrictions_by_date_with_chip_issuer_date_and_fr_link():
    s = section(texts().for_entity(E + "zeta-corp"), "restrictions")
    assert s.title == "Restrictions that affect it"
    first, second = s.rows  # the official rule (2028) before the news-only rule (first reported 2030)
    assert first.cells[0][0].text == OFFICIAL.name and first.date == "2028-05-01"
    assert cell_text(first.cells[1]) == "restricts Z9"
    assert first.cells[1][0].href == "z9.html"
    assert cell_text(first.cells[2]) == "Bureau of Trade"
    assert "published 2028-05-09" in cell_text(first.cells[3])
    assert first.cells[4][0].text == "FR 2028-00001" and first.cells[4][0].href == OFFICIAL.url
    assert second.cells[0][0].text == "Quill Rule"
    assert cell_text(second.cells[1]) == "restricts Z9 targets Zeta Corp"
    assert cell_text(second.cells[3]) == "unknown (first reported 2030-02-14)"
    # the sources: the document page, with the publisher and date; a title made from its key
    src = second.cells[5]
    assert [(p.text, p.href, p.note) for p in src] == [("new-daily.txt", "new.html", "New Daily, 2030-02-14")]


def test_sections_company_chips_people_listings_and_quotes():
    secs = texts().for_entity(E + "zeta-corp")
    assert [s.name for s in secs] == ["restrictions", "chips", "people", "listings", "quotes", "timeline"]
    chips = section(secs, "chips")
    assert cell_text(chips.rows[0].cells[0]) == "Z9" and "not assessed" in cell_text(chips.rows[0].cells[2])
    people = section(secs, "people")
    assert cell_text(people.rows[0].cells[0]) == "Mara Voss" and cell_text(people.rows[0].cells[1]) == "chief scientist"
    li = section(secs, "listings").rows[0]
    assert li.cells[0][0].text == "Entity List (EL) - Bureau of Trade"
    assert li.cells[0][0].href == "measure-entity-list-1.html"  # linked to the official list's page
    assert [(p.text, p.href) for p in li.cells[2]] == [
        ("93 FR 1234", "https://www.federalregister.gov/citation/93-FR-1234"),
        ("94 FR 55", "https://www.federalregister.gov/citation/94-FR-55")]
    assert li.cells[3][0].text.startswith("2028")  # volume 93 is 2028
    q = section(secs, "quotes").rows[0]
    assert cell_text(q.cells[0]) == "Mara Voss"
    assert cell_text(q.cells[1]) == "Zeta Corp chief scientist"
    assert q.cells[2][0].text == "We will build around it" and q.cells[2][0].quote


def test_sections_person_measure_and_chip_pages():
    t = texts()
    person = t.for_entity(E + "mara-voss")
    assert [s.name for s in person] == ["affiliations", "said", "timeline"]
    assert cell_text(section(person, "said").rows[0].cells[2]) == "We will build around it"
    measure = t.for_entity(E + "quill-rule")
    details = section(measure, "official")
    assert "not identified" in cell_text(details.rows[0].cells[1])
    assert cell_text(details.rows[1].cells[1]) == "Quill curbs"  # "the rule", "these rules" dropped
    scope = section(measure, "scope")
    assert [cell_text(r.cells[0]) + " " + cell_text(r.cells[1]) for r in scope.rows] == [
        "restricts Z9", "targets Ruritania", "targets Zeta Corp"]
    news = section(measure, "news")
    assert [r.date for r in news.rows] == ["2030-02-14"]
    chip = t.for_entity(E + "z9")
    assert [s.name for s in chip] == ["maker", "restrictions", "users", "specs", "status", "quotes", "timeline"]
    assert "unknown" in section(chip, "specs").empty
    assert section(chip, "restrictions").title == "Measures that restrict it"


def test_sections_official_measure_page_and_list_page():
    t = texts()
    secs = t.for_entity(OFFICIAL.iri)  # a catalogue measure no document names
    rows = {cell_text(r.cells[0]): r.cells[1] for r in section(secs, "official").rows}
    assert cell_text(rows["Official name"]) == OFFICIAL.name and cell_text(rows["Type"]) == "Rule"
    assert cell_text(rows["In force"]) == "2028-06-01"
    assert rows["Federal Register"][0].href == OFFICIAL.url
    assert cell_text(rows["Amends"]) == "An Older Rule"
    assert cell_text(rows["Called in the press"]) == "Z rule"  # pronoun-like press names are not names
    listed = section(t.for_entity(ENTITY_LIST.iri), "listed")
    assert [cell_text(r.cells[0]) for r in listed.rows] == ["Zeta Corp"]


def test_sections_chip_specs_with_credit_and_status_from_chip_panel():
    from chipgraph.chipspecs import chip_panel

    panel = chip_panel(E + "h800")
    assert panel is not None
    t = texts(facts=SiteFacts(chips={E + "h800": panel}))
    secs = t.for_entity(E + "h800")
    specs, status = section(secs, "specs"), section(secs, "status")
    assert "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai" in cell_text(specs.credit)
    by_field = {cell_text(r.cells[0]): cell_text(r.cells[1]) for r in specs.rows}
    assert by_field["die size"] == "814 mm²"
    assert by_field["internode bandwidth"] == "unknown"  # unknown is shown, never guessed
    assert by_field["total processing performance (Epoch)"] == "15,832 (TPP)"
    verdicts = {cell_text(r.cells[1]): cell_text(r.cells[2]) for r in status.rows}
    assert verdicts["October 2022 rule"] == "not 3A090" and verdicts["October 2023 rule"] == "3A090.a"


def test_sections_document_text_highlights_evidence_and_links_facts():
    secs = texts().for_document(OLD["document"])
    text = section(secs, "text").text
    assert [p.gap for p in text] == [False, False, True, False]  # a gap before the far sentence
    role = text[0]
    assert role.anchor == "t-0" and role.text == S_ROLE
    assert [f.text for f in role.facts] == ["Mara Voss affiliated with Zeta Corp"]
    assert role.facts[0].href == "#f-0"
    facts = section(secs, "facts").rows
    assert facts[0].id == "f-0" and facts[0].cells[3][0].href == "#t-0"
    assert cell_text(facts[0].cells[1]) == "affiliated with (chief scientist)"
    assert text[1].anchor and "quote of Mara Voss" in [f.text for f in text[1].facts]
    quotes = section(secs, "quotes").rows
    assert quotes[0].cells[2][0].text == "We will build around it"


def test_sections_timeline_page_orders_measures_and_news():
    sec = texts().timeline_page()
    measures, news = sec
    assert [r.date for r in measures.rows] == ["2028-05-01", "2030-02-14"]
    assert measures.rows[1].cells[0][0].note.startswith("(first reported")
    assert [r.date for r in news.rows] == ["2029-11-02", "2030-02-14"]
    assert cell_text(news.rows[1].cells[2]) == "Quill Rule"
    assert measures.timeline and news.timeline


@pytest.mark.parametrize("raw, shown", [
    ('"We will adapt,"', "We will adapt"), ("“Demand is strong.”", "Demand is strong."),
    ("'single marks'", "single marks"), ("«guillemets»", "guillemets"), ("no marks", "no marks"),
    ('he called it "fine"', 'he called it "fine'), ('"', ""),
])
def test_sections_unquote(raw, shown):
    assert unquote(raw) == shown


def _listing_when(**kw) -> tuple[str, str | None]:
    """The "Listed" cell and the row date of Zeta Corp's one listing, made with ``kw``."""
    base = zeta_facts()
    facts = replace(base, listings=(replace(base.listings[0], **kw),))
    row = section(texts(facts=facts).for_entity(E + "zeta-corp"), "listings").rows[0]
    return cell_text(row.cells[3]), row.date


def test_sections_listing_shows_the_official_dates_when_the_store_has_them():
    # the official text's dates: the first as listed, the later ones as amended
    when, date = _listing_when(citation="93 FR 1234; 94 FR 55", listed_on="2028-01-09",
                               amended_on=("2029-03-30",))
    assert when == "listed 2028-01-09; amended 2029-03-30 (dates of the official list's notices)"
    assert date == "2028-01-09"
    # a later citation the official text gives no date for keeps its volume's year, marked so
    when, _ = _listing_when(citation="93 FR 1234, 95 FR 7, 96 FR 8", listed_on="2028-01-09")
    assert when.startswith("listed 2028-01-09; amended 2030, 2031 (")
    assert "year alone is that of the Federal Register volume" in when
    # without dates: the volumes' years, marked as such
    when, date = _listing_when(citation="93 FR 1234, 94 FR 55")
    assert when == "2028; amended 2029 (year of the Federal Register volume)" and date == "2028"


def test_sections_listing_citations_are_links_however_the_list_separates_them():
    base = zeta_facts()
    for text in ("93 FR 1234, 94 FR 55", "93 FR 1234; 94 FR 55", "93 FR 1234, 1/9/28.\n94 FR 55, 3/30/29"):
        facts = replace(base, listings=(replace(base.listings[0], citation=text),))
        row = section(texts(facts=facts).for_entity(E + "zeta-corp"), "listings").rows[0]
        assert [p.href for p in row.cells[2]] == ["https://www.federalregister.gov/citation/93-FR-1234",
                                                  "https://www.federalregister.gov/citation/94-FR-55"], text


def test_sections_fr_citations_and_readable_titles():
    assert fr_citation_url("84 FR 22961") == "https://www.federalregister.gov/citation/84-FR-22961"
    assert fr_citation_url("84 fr 22961 and more") is None and fr_citation_url(None) is None
    assert fr_citation_year("85 FR 1") == "2020"
    iri = D + "some-report-0123456789"
    assert readable_document_title(iri, "notes/q3-report.md") == "q3-report.md"
    assert readable_document_title(iri, "https://news.example/a/b") == "https://news.example/a/b"
    assert readable_document_title(iri, None, "  A first line\nof text ") == "A first line of text"
    assert readable_document_title(iri) == "some report"
    assert not readable_document_title(D + "0123456789abcdef").startswith("http")


def test_sections_render_escaped_with_safe_links():
    bad = hostile_strings()
    g = hostile_graph()
    n = g.nodes[0]
    facts = SiteFacts(
        quotes=tuple(QuoteItem(s, n.evidence[0].document, (n.id,), (n.id,), 0) for s in bad),
        listings=(ListingItem(n.id, bad[0], bad[1], bad[3], "javascript:window.__pwned=1"),),
        measures={n.id: OfficialMeasure(n.id, bad[1], bad[2], "k", bad[3], url="javascript:alert(1)",
                                        press_names=tuple(bad))},
        sentences={n.evidence[0].document: tuple(SentenceItem(i * 100, i * 100 + 50, s) for i, s in enumerate(bad))},
    )
    t = SiteSections(g, facts, node_href={x.id: "javascript:alert(1)" for x in g.nodes})
    page = render_html(g, heading="h", sections=t.for_entity(n.id) + t.for_document(n.evidence[0].document))
    body = page.split('<div id="sections"', 1)[1].split('<script type="application/json"', 1)[0]
    assert "<script" not in body and "<img" not in body and "<iframe" not in body and "<svg" not in body
    assert "javascript:" not in re.findall(r'href="([^"]*)"', body).__str__()
    assert "&lt;script&gt;" in body



# a paragraph of our own that names no entity, and filler up to the far sentence
S_CALM = "Nobody in the hall spoke for a long minute; then the rain started."


def zeta_full_text(calm: str = S_CALM) -> tuple[str, SiteFacts]:
    """The OLD document's whole text: its kept sentences where their offsets say, a paragraph
    that names nothing between them, and facts whose sentences index into it."""
    head = S_ROLE + " " + S_QUOTE + "\n\n" + calm + "\n"
    full = head + "x" * (500 - len(head) - 1) + " " + S_MAKE + "\nThe end."
    facts = zeta_facts()
    q = facts.quotes[0]
    qs = full.index("We will build")
    quote = QuoteItem(q.text, q.document, q.speakers, q.about, qs, qs + len("We will build around it,"))
    return full, SiteFacts(**{**facts.__dict__, "quotes": (quote,), "texts": {OLD["document"]: full}})


def test_sections_document_with_full_text_shows_it_whole_in_paragraphs():
    full, facts = zeta_full_text()
    text = section(texts(facts=facts).for_document(OLD["document"]), "text")
    assert not any(p.gap for p in text.text) and "…" not in text.note
    assert " ".join(p.text for p in text.text).split() == full.split()  # every word, in order
    paragraphs = [p.text for p in text.text if p.para]
    assert paragraphs == [S_ROLE, S_CALM, "x" * (500 - len(S_ROLE + S_QUOTE + S_CALM) - 5), "The end."]
    role, said = text.text[0], text.text[1]
    assert role.anchor == "t-0" and [f.href for f in role.facts] == ["#f-0"]
    assert said.anchor == "t-1" and [f.href for f in said.facts] == ["#q-0"]
    assert [r for r, quoted in said.runs() if quoted] == ["We will build around it,"]
    assert "".join(r for r, _ in said.runs()) == S_QUOTE
    make = next(p for p in text.text if p.text == S_MAKE)
    assert make.anchor == "t-2" and [f.href for f in make.facts] == ["#f-1"] and not make.para  # inline
    quotes = section(texts(facts=facts).for_document(OLD["document"]), "quotes").rows
    assert quotes[0].id == "q-0"


@pytest.mark.parametrize("damage", ["shifted", "other text", "beyond the end"])
def test_sections_document_whose_offsets_do_not_fit_its_text_keeps_the_old_view(damage):
    full, facts = zeta_full_text()
    broken = {"shifted": " " + full, "other text": full.replace("Mara", "Mira"),
              "beyond the end": full[:400]}[damage]
    facts = SiteFacts(**{**facts.__dict__, "texts": {OLD["document"]: broken}})
    text = section(texts(facts=facts).for_document(OLD["document"]), "text")
    assert [p.gap for p in text.text] == [False, False, True, False] and "…" in text.note


def test_sections_document_text_renders_paragraphs_marks_and_quotes_escaped():
    _full, facts = zeta_full_text("<img src=x onerror=alert(1)> & <b>calm</b>")
    html = render_html(zeta_graph(), heading="h", sections=texts(facts=facts).for_document(OLD["document"]))
    article = html[html.index('<div class="article">'):html.index("</div>", html.index('<div class="article">'))]
    assert article.count("<p>") == 4 and article.count("</p>") == 4
    assert '<mark id="t-0">' in article and '<span class="quote">We will build around it,</span>' in article
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;calm&lt;/b&gt;" in article
    assert "<img" not in article and "<b>" not in article


# --- the sample site in Chromium ------------------------------------------------------------

runner = CliRunner()


def _run(*args: str):
    res = runner.invoke(app, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    """The site built from graph/sources (its store is ``../store`` beside it)."""
    tmp = tmp_path_factory.mktemp("sample")
    store = tmp / "store"
    _run("--store", str(store), "ingest", str(REPO / "graph" / "sources"), "--jobs", "1")
    _run("--store", str(store), "assess")
    _run("--store", str(store), "site", "-o", str(tmp / "site"))
    return tmp / "site"


def shot(o: Opened, name: str, section: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    o.page.locator(f"#s-{section}").screenshot(path=str(ARTIFACTS / f"sections-{name}.png"))


def _rows(page, section: str) -> list[str]:
    return page.locator(f"#s-{section} table.rows tbody tr").all_inner_texts()


@pytest.mark.browser
def test_sample_nvidia_page_lists_the_measure_restricting_the_h800_with_its_date(open_page, sample_site):
    o = open_page(sample_site / "entities" / "nvidia.html")
    rows = _rows(o.page, "restrictions")
    h800 = [r for r in rows if re.search(r"restricts\s+H800", r)]
    assert h800, rows
    assert "2023-10-17" in h800[0] and "FR 2023-23055" in h800[0]  # announced; the rule's FR number
    dates = [re.search(r"\d{4}-\d{2}(-\d{2})?", r).group(0) for r in rows]
    assert dates == sorted(dates)
    link = o.page.locator("#s-restrictions a", has_text="FR 2023-23055").first
    assert link.get_attribute("href").startswith("https://www.federalregister.gov/documents/2023/10/25/2023-23055/")
    assert "3A090.a" in " ".join(_rows(o.page, "chips"))  # its chips, with their status
    shot(o, "nvidia-restrictions", "restrictions")
    o.clean()


@pytest.mark.browser
def test_sample_deepseek_page_shows_who_said_what(open_page, sample_site):
    o = open_page(sample_site / "entities" / "deepseek.html")
    rows = _rows(o.page, "quotes")
    assert len(rows) >= 3
    assert any("Patrick Moorhead" in r and "Moor Insights" in r for r in rows)
    assert o.page.locator("#s-quotes q").count() == len(rows)
    # no doubled quote marks: the page adds its own, the text carries none at its ends
    for q in o.page.locator("#s-quotes q").all_inner_texts():
        assert q[:1] not in "\"“”'" and q[-1:] not in "\"“”'", q
    shot(o, "deepseek-quotes", "quotes")
    doc = o.page.locator("#s-quotes td a[href^='../documents/']").first
    with o.page.expect_navigation():
        doc.click()
    o.page.wait_for_function("() => document.body.dataset.ready === '1'")
    assert o.page.locator("#s-text mark").count() > 0  # the article text with evidence highlighted
    shot(o, "document-text", "text")
    o.clean()


@pytest.mark.browser
def test_sample_entity_list_page_lists_its_companies(open_page, sample_site):
    page_file = next((sample_site / "measures").glob("measure-entity-list-*.html"))
    o = open_page(page_file)
    rows = _rows(o.page, "listed")
    assert any(r.startswith("Huawei") for r in rows), rows
    assert o.page.locator("#s-listed a[href*='federalregister.gov/citation/']").count() >= 1
    shot(o, "entity-list", "listed")
    # and the company's page links back to it from its listings
    o2 = open_page(sample_site / "entities" / "huawei.html")
    assert o2.page.locator(f"#s-listings a[href='../measures/{page_file.name}']").count() == 1
    # the Entity List listing with the date the official list states, not the volume's year only
    listed = [r for r in _rows(o2.page, "listings") if r.startswith("Entity List")]
    assert listed and "listed 2019-05-21" in listed[0], listed
    assert "84 FR 22963" in listed[0]
    shot(o2, "huawei-listings", "listings")
    o.clean()
    o2.clean()


@pytest.mark.browser
def test_sample_timeline_page_has_measures_in_date_order_and_a_date_filter(open_page, sample_site):
    o = open_page(sample_site / "timeline.html")
    page = o.page
    dates = page.eval_on_selector_all("#s-measures tbody tr", "rs => rs.map(r => r.dataset.date)")
    assert len(dates) > 3 and dates == sorted(dates)
    text = page.locator("#s-measures").inner_text()
    assert text.index("2022-10-07") < text.index("2023-10-17")
    page.fill("#s-measures .t-from", "2023-01-01")
    page.fill("#s-measures .t-to", "2023-12-31")
    shown = page.eval_on_selector_all("#s-measures tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.date)")
    assert shown and all(d.startswith("2023") for d in shown)
    assert "of" in page.locator("#s-measures .t-count").inner_text()
    page.click("#s-measures .t-clear")
    assert page.locator("#s-measures tbody tr:not([hidden])").count() == len(dates)
    assert page.locator("#s-news tbody tr").count() == 6  # the six sample articles
    shot(o, "timeline", "measures")
    o.clean()


@pytest.mark.browser
def test_sample_h800_page_shows_specs_credit_and_status(open_page, sample_site):
    o = open_page(sample_site / "entities" / "h800.html")
    specs = o.page.locator("#s-specs").inner_text()
    assert "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai" in specs
    assert "814 mm²" in specs and "400 GB/s" in specs and "unknown" in specs
    status = _rows(o.page, "status")
    assert any("October 2022 rule" in r and "not 3A090" in r for r in status)
    assert any("October 2023 rule" in r and "3A090.a" in r for r in status)
    assert any("Nvidia" in r for r in _rows(o.page, "maker"))
    assert any("DeepSeek" in r for r in _rows(o.page, "users"))
    shot(o, "h800-specs", "specs")
    shot(o, "h800-status", "status")
    o.clean()


@pytest.mark.browser
def test_hostile_text_in_the_sections_runs_no_script(open_page, tmp_path):
    bad = hostile_strings()
    g = hostile_graph()
    doc = g.nodes[0].evidence[0].document
    facts = SiteFacts(
        quotes=tuple(QuoteItem(s, doc, (n.id,), (g.nodes[0].id,), i) for i, (s, n) in enumerate(zip(bad, g.nodes))),
        listings=tuple(ListingItem(n.id, bad[i % len(bad)], bad[(i + 1) % len(bad)], "84 FR 1; " + bad[i % len(bad)],
                                   "javascript:window.__pwned=1") for i, n in enumerate(g.nodes)),
        measures={g.nodes[0].id: OfficialMeasure(g.nodes[0].id, bad[0], bad[1], bad[2], bad[3],
                                                 announced="2024-01-01", url="javascript:window.__pwned=1",
                                                 press_names=tuple(bad), list=True)},
        sentences={doc: tuple(SentenceItem(i * 100, i * 100 + 40, s) for i, s in enumerate(bad))},
    )
    files = write_site(g, tmp_path / "site", facts=facts)
    for f in [p for p in files if "entities" in p.parts][:3] + [p for p in files if "documents" in p.parts] + \
            [tmp_path / "site" / "timeline.html"]:
        o = open_page(f)
        o.page.eval_on_selector_all("section.timeline .t-from", "xs => xs.forEach(x => x.value = '2000-01-01')")
        assert o.page.evaluate("typeof window.__pwned") == "undefined", f
        hrefs = o.page.evaluate("() => Array.from(document.querySelectorAll('#sections a[href]'), a => a.href)")
        assert all(re.match(r"(https?|file)://", h) for h in hrefs), hrefs
        assert o.page.evaluate("document.querySelectorAll('#sections script, #sections img, #sections iframe').length") == 0
        o.clean()


HOSTILE_ARTICLE = (
    "Nvidia <script>window.__pwned=1</script> said the Commerce Department restricts the H800 chip.\n\n"
    "Huawei <img src=x onerror=\"window.__pwned=1\"> uses the Ascend 910B chip.\n\n"
    '"Nothing will <svg onload=window.__pwned=1> stop us," said Jane Q. Tester, an analyst at '
    "Example Research <a href=\"javascript:window.__pwned=1\">here</a>.\n\n"
    "DeepSeek used the H800 chip </script><script>window.__pwned=1</script> for training.\n"
    "Then <iframe src=\"javascript:window.__pwned=1\"></iframe> nothing <b onmouseover=x()>more</b> happened.\n"
)


@pytest.mark.browser
def test_hostile_article_in_the_store_runs_no_script_in_the_sections(open_page, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil<b>.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")  # no sidecar: no title either
    store = tmp_path / "store"
    _run("--store", str(store), "ingest", str(src), "--jobs", "1")
    _run("--store", str(store), "site", "-o", str(tmp_path / "site"))
    site = tmp_path / "site"
    docs = list((site / "documents").glob("*.html"))
    assert len(docs) == 1
    pages = [docs[0], site / "timeline.html", site / "index.html",
             *[site / "entities" / f"{k}.html" for k in ("nvidia", "h800", "huawei")
               if (site / "entities" / f"{k}.html").is_file()]]
    for f in pages:
        o = open_page(f)
        assert o.page.evaluate("typeof window.__pwned") == "undefined", f
        if "documents" in f.parts:
            assert o.page.locator("h1").inner_text() == "evil<b>.txt"  # its file name, never its IRI
            text = o.page.locator("#s-text").inner_text()
            assert "<script>window.__pwned=1</script>" in text  # shown as text, not run
            assert '<iframe src="javascript:window.__pwned=1"></iframe> nothing' in text  # the whole text
            assert o.page.locator("#s-text b, #s-text iframe, #s-text [onmouseover]").count() == 0
        hrefs = o.page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
        assert all(re.match(r"(https?|file)://", h) for h in hrefs), hrefs
        assert o.page.evaluate("document.querySelectorAll('#sections script, #sections img, "
                               "#sections svg, #sections iframe').length") == 0
        o.clean()
    o = open_page(site / "index.html", fragment="#entity=" + "%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E")
    assert "No entity" in o.page.locator("#search-status").inner_text()
    assert o.page.evaluate("typeof window.__pwned") == "undefined"
    assert o.page.locator("main img").count() == 0
    o.clean()


def test_sections_a_measure_called_the_rule_goes_by_a_name():
    from chipgraph.views.html import page_data

    n = ViewNode(E + "r", "these rules", "ExportControl", ("the rule", "Harbour curbs"), (), 1, ())
    g = ViewGraph("t", (n,), ())
    assert texts(g, SiteFacts()).label(n.id) == "Harbour curbs"
    d = page_data(g)
    assert d["nodeInfo"][0]["label"] == "Harbour curbs" and d["nodeInfo"][0]["aliases"] == ["Harbour curbs"]
    assert d["nodes"][0]["label"] == "Harbour curbs"
    alone = ViewNode(E + "m", "the rule", "ExportControl", (), (), 1, ())
    official = OfficialMeasure(alone.id, "An Official Rule", "Rule", "k")
    assert texts(ViewGraph("t", (alone,), ()), SiteFacts(measures={alone.id: official})).label(alone.id) == \
        "An Official Rule"


def test_sections_are_capped_with_a_note_and_sources_per_row():
    from chipgraph.views.sections import ROWS_PER_SECTION, SOURCES_PER_ROW

    docs = [dict(document=f"{D}d{i:04d}", title=f"Report {i}", publisher="Wire", published=f"2031-01-{1 + i % 28:02d}",
                 url=None) for i in range(ROWS_PER_SECTION + 50)]
    rule = ViewNode(E + "busy-rule", "Busy Rule", "ExportControl", (), (), len(docs),
                    tuple(ev("The Busy Rule was discussed again.", d) for d in docs))
    chip = ViewNode(E + "q1", "Q1", "Chip", (), (), 0, ())
    edge = ViewEdge(rule.id, chip.id, "restricts", None, tuple(ev("The Busy Rule covers the Q1.", d) for d in docs))
    t = texts(ViewGraph("t", (rule, chip), (edge,)), SiteFacts())
    news = section(t.for_entity(rule.id), "news")
    assert len(news.rows) == ROWS_PER_SECTION and f"of {len(docs)}" in news.note
    src = section(t.for_entity(rule.id), "scope").rows[0].cells[2]
    assert len(src) == SOURCES_PER_ROW + 1 and src[-1].text == f"and {len(docs) - SOURCES_PER_ROW} more"
    assert [p.note.split(", ")[1] for p in src[:-1]] == sorted((p.note.split(", ")[1] for p in src[:-1]), reverse=True)
    assert len(t.timeline_page()[1].rows) == len(docs)  # the timeline page keeps every document


# --- the sample site's document pages and the index's deep links ------------------------

def _left_out_paragraphs(store_dir: Path) -> dict[str, list[str]]:
    """Per document (IRI): the paragraphs of its full text that overlap no kept sentence, i.e.
    text that names no entity and that the page showed as "…" before the full text was kept.
    Also checks, on the sample corpus, that every kept sentence is its text's slice."""
    from chipgraph.store import Store

    store = Store(store_dir)
    try:
        full = {str(r["d"]): str(r["t"]) for r in store.query(
            "SELECT ?d ?t WHERE { GRAPH ?g { ?d a cg:Document ; cg:fullText ?t } }")}
        kept = [(str(r["d"]), int(r["s"]), int(r["e"]), str(r["x"])) for r in store.query(
            "SELECT ?d ?s ?e ?x WHERE { GRAPH ?g { ?n cg:inDocument ?d ; cg:text ?x ; "
            "cg:startOffset ?s ; cg:endOffset ?e } }")]
    finally:
        store.close()
    assert len(full) == len(list((REPO / "graph" / "sources").glob("*.txt")))
    assert kept and all(full[d][a:b] == x for d, a, b, x in kept)
    out: dict[str, list[str]] = {}
    for doc, text in full.items():
        spans = [(a, b) for d, a, b, _ in kept if d == doc]
        at = 0
        for line in text.split("\n"):
            a, b = at, at + len(line)
            at = b + 1
            if len(line.split()) >= 8 and not any(x < b and a < y for x, y in spans):
                out.setdefault(doc, []).append(" ".join(line.split()))
    return out


@pytest.mark.browser
def test_sample_document_page_shows_the_whole_article_with_evidence_linked_to_facts(open_page, sample_site):
    import html as _html

    left_out = _left_out_paragraphs(sample_site.parent / "store")
    assert left_out, "the sample corpus has paragraphs that name no entity"
    pages = {f: f.read_text(encoding="utf-8") for f in (sample_site / "documents").glob("*.html")}
    page_file, paragraph = next((f, p) for ps in left_out.values() for p in ps
                                for f, body in pages.items() if _html.escape(p, quote=False) in body)
    o = open_page(page_file)
    page = o.page
    text = " ".join(page.locator("#s-text .article").inner_text().split())
    assert paragraph in text  # a paragraph the old page left out
    assert page.locator("#s-text .gap").count() == 0
    paragraphs = page.locator("#s-text .article p")
    assert paragraphs.count() > 3
    assert any(" ".join(t.split()) == paragraph or paragraph in " ".join(t.split())
               for t in paragraphs.all_inner_texts())
    mark = page.locator("#s-text mark").first
    anchor = mark.get_attribute("id")
    link = page.locator(f"#{anchor} + .facts a").first
    target = link.get_attribute("href")
    assert target.startswith("#f-") or target.startswith("#q-")
    link.click()
    page.wait_for_function("h => window.location.hash === h", arg=target)
    row = page.locator(target)
    assert row.is_visible() and page.evaluate("h => document.querySelector(h).matches(':target')", target)
    if target.startswith("#f-"):
        assert row.locator("a", has_text="the sentence").get_attribute("href") == "#" + anchor
    shot(o, "document-full-text", "text")
    o.clean()


@pytest.mark.browser
def test_sample_index_deep_link_and_search_box_open_the_entity(open_page, sample_site):
    index = sample_site / "index.html"
    o = open_page(index, wait_ready=False, fragment="#entity=nvidia")
    o.page.wait_for_url("**/entities/nvidia.html#entity=nvidia", timeout=30000)
    o.page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=30000)
    assert "Nvidia" in o.page.locator("#search-status").inner_text()  # the entity page selected it
    o.clean()

    o = open_page(index, fragment="#entity=no-such-entity")
    assert o.page.locator("#search-status").inner_text() == "No entity \u201cno-such-entity\u201d on this site."
    assert o.page.url.endswith("index.html#entity=no-such-entity")
    o.page.fill("#search-input", "h800")
    o.page.press("#search-input", "Enter")
    o.page.wait_for_url("**/entities/h800.html#entity=h800", timeout=30000)
    o.page.go_back()  # a search is a visit: Back returns to the index
    o.page.wait_for_url("**/index.html*", timeout=30000)
    o.clean()

