"""The catalogue in the store: its named graph, SHACL, the timeline and the as-of question."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from chipgraph import ids
from chipgraph.catalogue import CATALOGUE_SOURCE, catalogue_graph, load_into, measure_entity_key, measure_iri
from chipgraph.query import saved_query
from chipgraph.store import Store
from chipgraph.validate import validate_graph
from chipgraph.vocab import ontology_graph

from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Relation, Sentence

VERSION = "test-catalogue"


def article(key: str, published: str, text: str, entities: list[tuple[str, str, str]],
            relations: list[tuple[str, str, str]] = ()) -> Extraction:
    """A one-sentence article; each entity is found by its name in the text."""
    sent = Sentence(0, 0, len(text), text)
    ents = [Entity(k, name, typ, mentions=[Mention(text.index(name), text.index(name) + len(name), name, 0)])
            for k, name, typ in entities]
    ev = [Evidence(0, 0, len(text))]
    rels = [Relation(s, p, o, ev, 0.9) for s, p, o in relations]
    doc = Document(key=key, text=text, title=f"Article {key}", published=published, publisher="Example News")
    return Extraction(doc, [sent], ents, rels, [])


def _docs():
    linked = measure_entity_key("fr-2023-23055")
    a = article("m1.txt", "2023-10-20", "The rules unveiled this week stop sales of the H800 to China.", [
        (linked, "rules unveiled this week", "ExportControl"), ("h800", "H800", "Chip"),
        ("china", "China", "Country")], [(linked, "restricts", "h800"), (linked, "targets", "china")])
    b = article("m2.txt", "2024-02-11", "Some curbs on gadgets worry retailers.",
                [("gadget-curbs-m2", "curbs on gadgets", "ExportControl")])
    return a, b


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store(None)
    for ex in _docs():
        s.add_extraction(ex, extractor_version=VERSION)
    load_into(s)
    return s


def rows(store, name, cols, bindings=None):
    res = store.query(saved_query(name).text, bindings or {})
    return [tuple(None if r[c] is None else str(r[c]) for c in cols) for r in res]


def test_catalogue_graph_is_a_named_reference_graph(store):
    name = ids.reference_graph(CATALOGUE_SOURCE)
    assert str(name).endswith("/graph/reference/catalogue")
    assert name in store.named_graphs()
    before = len(store)
    load_into(store)  # replacing, not adding
    assert len(store) == before


def test_catalogue_graph_is_deterministic_and_conforms():
    g1, g2 = catalogue_graph(), catalogue_graph()
    assert sorted(g1.serialize(format="nt").splitlines()) == sorted(g2.serialize(format="nt").splitlines())
    report = validate_graph(g1 + ontology_graph())
    assert report.conforms, report.text[:2000]


def test_catalogue_graph_bad_dates_fail_the_shapes():
    g = catalogue_graph() + ontology_graph()
    from rdflib import Namespace
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    g.add((measure_iri("fr-2022-21658"), eli.date_publication, Literal("October 13")))
    assert not validate_graph(g).conforms


def test_timeline_official_dates_with_news_under_the_measure(store):
    got = rows(store, "controls_timeline", ["measureDate", "kind", "title", "official"])
    official = [r for r in got if r[1] == "official"]
    assert [r[0] for r in official] == sorted(r[0] for r in official)
    at = got.index(("2023-10-17", "official", "fr-2023-23055", "2023-23055"))
    assert got[at + 1] == ("2023-10-17", "news", "Article m1.txt", "2023-23055")
    assert ("2024-02-11", "news", "Article m2.txt", None) in got  # unlinked: at its article's date
    keys = {r[2] for r in official}
    assert "fr-2020-05934" not in keys  # a firearms rule: not about chips
    assert "fr-2022-22037" not in keys  # a public-briefing notice
    assert "us-advanced-computing-rules-2024-12" in keys and "entity_list" not in keys  # lists have no date


def test_timeline_scope_and_kind_parameters(store):
    everything = {r[0] for r in rows(store, "controls_timeline", ["title"], {"scope": Literal("all")})}
    assert {"fr-2020-05934", "fr-2022-22037"} <= everything
    news = rows(store, "controls_timeline", ["kind"], {"kind": Literal("news")})
    assert news and {k for (k,) in news} == {"news"}


@pytest.mark.parametrize("day", [Literal("2023-12-01"), Literal("2023-12-01", datatype=XSD.date)])
def test_in_force_on_a_date(store, day):
    got = rows(store, "controls_in_force", ["key", "relation", "whatLabel", "via"], {"date": day})
    keys = {r[0] for r in got}
    assert {"fr-2022-21658", "fr-2023-23055", "entity_list", "jp-semiconductor-equipment-controls-2023"} <= keys
    assert "fr-2025-00636" not in keys and "us-chip-security-act" not in keys
    assert ("fr-2023-23055", "restricts", "H800", "official") in got  # labelled by the news
    assert ("fr-2023-23055", "restricts", "a800", "official") in got  # no news: its key
    doc = str(ids.document_iri("m1.txt"))
    assert ("fr-2023-23055", "restricts", "H800", doc) in got  # what the news says, with its document
    assert ("fr-2023-23055", "targets", "China", doc) in got


def test_in_force_before_and_after(store):
    early = {r[0] for r in rows(store, "controls_in_force", ["key"], {"date": Literal("2022-09-30")})}
    assert "fr-2022-21658" not in early and "us-nvidia-amd-licence-letters-2022" in early
    late = {r[0] for r in rows(store, "controls_in_force", ["key"], {"date": Literal("2025-06-01")})}
    assert "fr-2025-00636" not in late  # rescinded on 2025-05-13
    assert "us-h20-mi308-licence-requirement-2025" in late
    between = {r[0] for r in rows(store, "controls_in_force", ["key"], {"date": Literal("2025-03-01")})}
    assert "fr-2025-00636" in between
    minor = {r[0] for r in rows(store, "controls_in_force", ["key"], {"date": Literal("2025-03-01"),
                                                                     "scope": Literal("all")})}
    assert len(minor) > len(between)


def test_saved_questions_declare_their_parameters():
    for name, params in (("controls_timeline", {"kind", "scope"}), ("controls_in_force", {"date", "scope"})):
        q = saved_query(name)
        assert q.title and q.description and {p for p, _ in q.params} == params
        for p in params:
            assert f"?{p}" in q.text.split("WHERE")[0]


def test_store_with_news_and_catalogue_conforms(store):
    report = validate_graph(store.union_graph(include_ontology=True))
    assert report.conforms, report.text[:2000]
