"""Every saved question runs on a hand-built sample graph with known answers.

``sample_extractions()`` (three documents) is also used by the store, remote and serve
tests; ``SAMPLE_FR_CSV`` is a two-row Federal Register reference file.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import SAMPLE_FR_CSV, VERSION, E, rows, sample_extractions
from rdflib import Literal, URIRef

from chipgraph.errors import InputError
from chipgraph.query import PARAM_KINDS, resolve_saved, saved_queries
from chipgraph.store import FEDERAL_REGISTER, Store, federal_register_graph

@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Store:
    store = Store(None)
    for ex in sample_extractions():
        store.add_extraction(ex, extractor_version=VERSION)
    csv = tmp_path_factory.mktemp("fr") / "fr.csv"
    csv.write_text(SAMPLE_FR_CSV, encoding="utf-8")
    store.load_reference(FEDERAL_REGISTER, federal_register_graph(csv))
    return store


@pytest.fixture(scope="module")
def assessed_store(tmp_path_factory) -> Store:
    """The sample graph with the chip specifications and their 3A090 assessments."""
    from chipgraph.chipspecs import load_into

    store = Store(None)
    for ex in sample_extractions():
        store.add_extraction(ex, extractor_version=VERSION)
    load_into(store)
    return store


def test_saved_queries_all_documented():
    qs = saved_queries()
    assert len(qs) >= 11
    for q in qs:
        assert q.title and q.title != q.name, q.name
        assert q.description, q.name
        for p, what in q.params:  # parameters must be projected (bindings need it)
            assert f"?{p}" in q.text.split("WHERE")[0], (q.name, p)
            assert what, (q.name, p)


@pytest.mark.parametrize("query", saved_queries(), ids=lambda q: q.name)
def test_saved_query_header_declares_its_parameters(query):
    """Every `# param:` line has the strict form, with a kind, and names a projected variable."""
    lines = [ln for ln in query.text.splitlines() if ln.startswith("# param:")]
    assert len(lines) == len(query.parameters) == len(query.params)
    for line, p in zip(lines, query.parameters):
        assert re.fullmatch(r"# param: \?[A-Za-z_]\w* (required|optional) (iri|date|text) — \S.*", line), line
        assert p.kind in PARAM_KINDS and p.meaning
        assert re.search(rf"\?{p.name}\b", query.text.split("WHERE")[0]), (query.name, p.name)
    assert len({p.name for p in query.parameters}) == len(query.parameters)


def test_saved_query_bad_header_line_names_the_file(tmp_path):
    bad = tmp_path / "mine.rq"
    bad.write_text("# title: mine\n# param: user — no kind of requirement\nSELECT ?user WHERE {}\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"mine.rq:2: bad parameter line"):
        resolve_saved(str(bad))


def _iri_params():
    for q in saved_queries():
        for p in q.parameters:
            if p.kind == "iri":
                yield q, p


@pytest.mark.parametrize("query, param", list(_iri_params()), ids=lambda x: getattr(x, "name", ""))
def test_saved_query_iri_parameter_filters_the_answer(assessed_store, query, param):
    """Binding a declared parameter to a value the unbound answer has keeps exactly the rows
    with that value (a declared parameter is really a filter)."""
    if any(p.required for p in query.parameters if p is not param):
        pytest.skip("another parameter is required")
    base = {p.name: E("nvidia") for p in query.parameters if p.required and p is not param}
    everything = assessed_store.query(query.text, base).rows
    values = sorted({str(r[param.name]) for r in everything if isinstance(r.get(param.name), URIRef)})
    if not values:
        pytest.skip(f"the sample graph has no answer of {query.name} with ?{param.name}")
    value = URIRef(values[-1])
    bound = assessed_store.query(query.text, {**base, param.name: value}).rows
    expected = [r for r in everything if r.get(param.name) == value]
    key = lambda r: sorted((k, str(v)) for k, v in r.items())  # noqa: E731
    assert sorted(map(key, bound)) == sorted(map(key, expected)), (query.name, param.name)


def test_saved_query_controls_restrict(sample_store):
    assert rows(sample_store, "controls_restrict", ["controlLabel", "chipLabel", "imposerLabel", "documents"]) == [
        ("Chip Rule", "H100", "Commerce Department", 1), ("Chip Rule", "H800", "Commerce Department", 1)]


def test_saved_query_restricted_chip_makers(sample_store):
    assert rows(sample_store, "restricted_chip_makers", ["companyLabel", "chipLabel", "controlLabel"]) == [
        ("Nvidia", "H100", "Chip Rule"), ("Nvidia", "H800", "Chip Rule")]


def test_saved_query_restricted_chip_users(sample_store):
    # Huawei used the Ascend 910B, which no control restricts: not an answer.
    assert rows(sample_store, "restricted_chip_users", ["userLabel", "chipLabel", "controlLabel", "sentence"]) == [
        ("DeepSeek", "H800", "Chip Rule", "DeepSeek used the H800.")]


def test_saved_query_quotes_about_entity(sample_store):
    got = rows(sample_store, "quotes_about", ["speakerLabel", "affiliationLabel", "role", "quote", "published", "title"],
               {"entity": E("nvidia")})
    assert [(g[0], g[1], g[2], g[3], str(g[4]), g[5]) for g in got] == [
        ("Jane Roe", "Acme Research", "analyst", "Nvidia will adapt", "2024-12-02", "Article a.txt"),
        ("John Doe", "Nvidia", "chief executive", "demand for the H20", "2025-03-10", "Article b.txt")]
    assert [g[0] for g in rows(sample_store, "quotes_about", ["speakerLabel"], {"entity": E("h20")})] == ["John Doe"]


def test_saved_query_experts(sample_store):
    assert rows(sample_store, "experts", ["personLabel", "organizationLabel", "role", "documents", "quotes"]) == [
        ("Jane Roe", "Acme Research", "analyst", 1, 1), ("John Doe", "Nvidia", "chief executive", 1, 1)]


def test_saved_query_relation_evidence(sample_store):
    got = rows(sample_store, "relation_evidence", ["subjectLabel", "objectLabel", "sentence", "title"],
               {"predicate": URIRef("https://w3id.org/chipgraph/ontology#restricts")})
    sentence = "The Chip Rule restricts the H100 and the H800, the Commerce Department said."
    assert got == [("Chip Rule", "H100", sentence, "Article a.txt"), ("Chip Rule", "H800", sentence, "Article a.txt")]


def test_saved_query_chips_used(sample_store):
    assert rows(sample_store, "chips_used", ["userLabel", "chipLabel"]) == [
        ("DeepSeek", "H800"), ("Huawei", "Ascend 910B")]
    assert rows(sample_store, "chips_used", ["chipLabel"], {"user": E("huawei")}) == [("Ascend 910B",)]


def test_saved_query_entity_mentions_with_dates(sample_store):
    got = rows(sample_store, "entity_mentions", ["published", "surface", "sentence", "title"], {"entity": E("huawei")})
    assert [(str(p), s, t) for p, s, _, t in got] == [
        ("2025-03-10", "Huawei", "Article b.txt"), ("2025-03-10", "Huawei", "Article b.txt"),
        ("2025-06-01", "Huawei", "Article c.txt")]
    assert got[0][2] == "Huawei used the Ascend 910B while the Chip Rule stayed."


def test_saved_query_entity_list(sample_store):
    assert rows(sample_store, "entity_list", ["label", "citation", "documents"]) == [
        ("Huawei", "84 FR 22961", 2), ("SMIC", "85 FR 83416", 1)]


def test_saved_query_controls_timeline(sample_store):
    got = rows(sample_store, "controls_timeline", ["date", "kind", "label", "title"])
    assert [(str(d), k, lab, t) for d, k, lab, t in got] == [
        ("2024-12-02", "news", "Chip Rule", "Article a.txt"),
        ("2024-12-05", "federal-register", "Foreign-Produced Direct Product Rule Additions", "2024-29810"),
        ("2025-01-15", "federal-register", "Framework for Artificial Intelligence Diffusion", "2025-00636"),
        ("2025-03-10", "news", "Chip Rule", "Article b.txt")]
    news = rows(sample_store, "controls_timeline", ["date"], {"kind": Literal("news")})
    assert [str(d) for (d,) in news] == ["2024-12-02", "2025-03-10"]


def test_saved_query_co_mentions(sample_store):
    got = rows(sample_store, "co_mentions", ["aLabel", "bLabel", "documents"])
    assert got[0] == ("Chip Rule", "Nvidia", 2)
    assert all(n == 1 for _, _, n in got[1:])
    assert ("Huawei", "SMIC", 1) in got


def test_federal_register_reference_real_file(reference_dir: Path):
    g = federal_register_graph(reference_dir / "federal_register_bis_ear_documents_2020-2026.csv")
    assert len(set(g.subjects())) > 100
