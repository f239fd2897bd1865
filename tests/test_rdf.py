"""Extraction -> RDF: evidence for every fact, ontology terms only, SHACL conformance."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from chipgraph import ids
from chipgraph.rdf import document_rdf, document_triples, extraction_graph, preferred_label
from chipgraph.terms import from_ox
from chipgraph.store import Store
from chipgraph.validate import validate_graph
from chipgraph.vocab import CG, SCHEMA, ontology_graph

from helpers import small_extraction


def test_rdf_every_relation_has_an_assertion_with_its_sentence():
    ex = small_extraction()
    g = document_triples(ex, extractor_version="t")
    for r in ex.relations:
        s, p, o = ids.entity_iri(r.subject), CG[r.predicate], ids.entity_iri(r.object)
        assert (s, p, o) in g
        (a,) = [a for a in g.subjects(RDF.subject, s) if (a, RDF.predicate, p) in g and (a, RDF.object, o) in g]
        sentences = [str(g.value(sent, CG.text)) for sent in g.objects(a, CG.sentence)]
        assert sentences == [ex.sentences[r.evidence[0].sentence].text]
        doc = g.value(a, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        assert doc == ids.document_iri(ex.document.key)


def test_rdf_sentence_offsets_point_into_the_text():
    ex = small_extraction()
    g = document_triples(ex, extractor_version="t")
    for sent in g.subjects(RDF.type, CG.Sentence):
        start, end = int(g.value(sent, CG.startOffset)), int(g.value(sent, CG.endOffset))
        assert ex.document.text[start:end] == str(g.value(sent, CG.text))


def test_rdf_uses_only_terms_the_ontology_defines():
    g = document_triples(small_extraction(), extractor_version="t")
    onto = ontology_graph()
    defined = set(onto.subjects())
    used = {p for p in g.predicates() if str(p).startswith(str(CG))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(CG))}
    assert used and used <= defined


def test_rdf_quote_keeps_speaker_and_text():
    g = document_triples(small_extraction(), extractor_version="t")
    (q,) = g.subjects(RDF.type, CG.Quote)
    assert g.value(q, CG.speaker) == ids.entity_iri("jane-roe")
    assert g.value(q, CG.quoteText) == Literal("it will not stop them")


def test_rdf_preferred_label_is_independent_of_order():
    cands = [("NVIDIA", 1), ("Nvidia", 2), ("Nvidia Corp", 2)]
    assert preferred_label(cands) == preferred_label(list(reversed(cands))) == "Nvidia Corp"


def test_rdf_single_document_graph_conforms_to_shapes():
    g = extraction_graph(small_extraction(), extractor_version="t") + ontology_graph()
    report = validate_graph(g)
    assert report.conforms, report.text


def test_validate_reports_a_missing_preferred_label_and_missing_evidence():
    store = Store(None)
    store.add_extraction(small_extraction(), extractor_version="t")
    g = store.union_graph(include_ontology=True)
    nvidia = ids.entity_iri("nvidia")
    g.remove((nvidia, SKOS.prefLabel, None))
    g.add((ids.entity_iri("deepseek"), CG.usesChip, ids.entity_iri("h100")))  # no evidence
    report = validate_graph(g)
    assert not report.conforms
    assert report.violations == 2
    assert "prefLabel" in report.text and "has no evidence" in report.text


def test_rdf_quote_is_about_the_entities_named_inside_it():
    ex = small_extraction()
    text = ex.document.text
    q = ex.quotes[0]
    start = text.index("Acme Research")  # widen the quote to cover a mention
    ex.quotes[0] = type(q)(q.speaker, text[start:q.evidence.end], type(q.evidence)(1, start, q.evidence.end))
    g = document_triples(ex, extractor_version="t")
    (qi,) = g.subjects(RDF.type, CG.Quote)
    assert set(g.objects(qi, CG.about)) == {ids.entity_iri("acme-research")}


def test_validate_catches_ill_typed_and_wrongly_typed_dates():
    g = extraction_graph(small_extraction(), extractor_version="t") + ontology_graph()
    doc = next(g.subjects(RDF.type, CG.Document))
    for bad in (Literal("2025-99-99", datatype=XSD.date), Literal("last spring")):
        g.set((doc, SCHEMA.datePublished, bad))
        report = validate_graph(g)
        assert not report.conforms and "datePublished" in report.text, bad
    for good in (Literal("2025-03-04", datatype=XSD.date), Literal("2025-03", datatype=XSD.gYearMonth)):
        g.set((doc, SCHEMA.datePublished, good))
        assert validate_graph(g).conforms, good


# --- measures linked to the catalogue: the link as evidence of the document -----------------

def _linked_measure_graph():
    from chipgraph.extract import extract
    from chipgraph.model import Document

    text = ("The Commerce Department tightened the Oct. 7 controls on accelerators. "
            "Exporters said the rule hurt sales to China.")
    ex = extract(Document("linked-doc", text, published="2023-02-10"))
    [m] = [e for e in ex.entities if e.type == "ExportControl"]
    return ex, m, extraction_graph(ex, extractor_version="t")


def test_rdf_measure_link_in_the_document_graph():
    from chipgraph.catalogue import measure_iri

    ex, m, g = _linked_measure_graph()
    (link,) = g.subjects(RDF.type, CG.MeasureLink)
    assert g.value(link, CG.linkedMeasure) == measure_iri("fr-2022-21658") == ids.entity_iri(m.key)
    confidence = g.value(link, CG.linkConfidence)
    assert confidence.datatype == XSD.decimal and 0.9 <= float(confidence) <= 1
    assert str(g.value(link, CG.linkCue)) == "name" and "oct" in str(g.value(link, CG.linkEvidence)).lower()
    assert g.value(link, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) == ids.document_iri("linked-doc")
    mentions = set(g.objects(link, CG.linkedMention))
    assert len(mentions) == len(m.mentions) >= 1
    assert all((mi, CG.mentionOf, ids.entity_iri(m.key)) in g for mi in mentions)
    rdf = document_rdf(ex, extractor_version="t")  # in the document's graph, not an entity statement
    assert any(from_ox(p) == CG.linkCue for _, p, _ in rdf.triples)
    assert not any(from_ox(p) == CG.linkCue for _, p, _ in rdf.statements)
    assert validate_graph(g + ontology_graph()).conforms


def test_rdf_pronoun_like_forms_are_never_labels_of_a_measure():
    ex, m, g = _linked_measure_graph()
    assert "the rule" in m.aliases  # an alias of the extraction (a surface form of the article)
    ent = ids.entity_iri(m.key)
    labels = {str(o) for p in (SKOS.altLabel, RDFS.label) for o in g.objects(ent, p)}
    assert labels and not {"the rule", "rule"} & {x.casefold() for x in labels}
    assert Literal("the rule") in set(g.objects(None, CG.surfaceForm))  # still a mention's form


def test_rdf_link_cue_shape_lists_the_linkers_cues_and_rejects_others():
    from chipgraph.catalogue.linker import CUES
    from chipgraph.vocab import shapes_graph

    sh = URIRef("http://www.w3.org/ns/shacl#")
    shapes = shapes_graph()
    [prop] = [p for p in shapes.subjects(URIRef(str(sh) + "path"), CG.linkCue)]
    [values] = shapes.objects(prop, URIRef(str(sh) + "in"))
    from rdflib.collection import Collection

    assert tuple(str(v) for v in Collection(shapes, values)) == CUES
    _, _, g = _linked_measure_graph()
    g += ontology_graph()
    (link,) = g.subjects(RDF.type, CG.MeasureLink)
    g.set((link, CG.linkCue, Literal("hunch")))
    report = validate_graph(g)
    assert not report.conforms and "linkCue" in report.text
    g.set((link, CG.linkCue, Literal("date")))
    g.set((link, CG.linkConfidence, Literal("1.5", datatype=XSD.decimal)))
    assert not validate_graph(g).conforms


# --- the document's full text (cg:fullText) ----------------------------------------------

_OFFSETS = """
SELECT ?doc ?full ?kind ?start ?end ?text WHERE {
  GRAPH ?g {
    ?doc a cg:Document ; cg:fullText ?full .
    { ?span cg:inDocument ?doc ; cg:text ?text . BIND("sentence" AS ?kind) }
    UNION { ?span a cg:Mention ; cg:surfaceForm ?text ; cg:sentence/cg:inDocument ?doc . BIND("mention" AS ?kind) }
    UNION { ?span a cg:Quote ; prov:wasDerivedFrom ?doc . BIND("quote" AS ?kind) BIND("" AS ?text) }
    ?span cg:startOffset ?start ; cg:endOffset ?end .
  }
}
"""


def _spans_in_store(store) -> list[tuple[str, str, int, int, str]]:
    return [(str(r["full"]), str(r["kind"]), int(r["start"]), int(r["end"]), str(r["text"]))
            for r in store.query(_OFFSETS)]


def _check_offsets(spans) -> set[str]:
    for full, kind, start, end, text in spans:
        assert 0 <= start < end <= len(full), (kind, start, end)
        if kind != "quote":  # a quote's span is the quoted passage; its words are checked below
            assert full[start:end] == text, (kind, full[start:end], text)
    return {kind for _f, kind, *_ in spans}


def test_rdf_document_keeps_its_full_text_once_and_every_offset_indexes_into_it():
    tail = "\nA closing paragraph about the weather, naming nobody at all. Ünïcødé → “quoted” ✓ 𝄞 note."
    ex = small_extraction(text_suffix=tail)
    rdf = document_rdf(ex, extractor_version="t")
    full = [o for s, p, o in rdf.triples if p.value == str(CG.fullText)]
    assert [o.value for o in full] == [ex.document.text]  # exactly one, the text as ingested
    assert all(o.value != ex.document.text for s, p, o in rdf.statements)  # never in the entity layer
    g = document_triples(ex, extractor_version="t")
    text = str(g.value(ids.document_iri(ex.document.key), CG.fullText))
    assert text.endswith(tail)
    for sent in g.subjects(RDF.type, CG.Sentence):
        start, end = int(g.value(sent, CG.startOffset)), int(g.value(sent, CG.endOffset))
        assert text[start:end] == str(g.value(sent, CG.text))
    for m in g.subjects(RDF.type, CG.Mention):
        start, end = int(g.value(m, CG.startOffset)), int(g.value(m, CG.endOffset))
        assert text[start:end] == str(g.value(m, CG.surfaceForm))
    (q,) = g.subjects(RDF.type, CG.Quote)
    start, end = int(g.value(q, CG.startOffset)), int(g.value(q, CG.endOffset))
    assert text[start:end] == str(g.value(q, CG.quoteText))
    report = validate_graph(extraction_graph(ex, extractor_version="t") + ontology_graph())
    assert report.conforms, report.text


def test_rdf_full_text_shape_allows_one_string_only():
    ex = small_extraction()
    g = extraction_graph(ex, extractor_version="t") + ontology_graph()
    doc = ids.document_iri(ex.document.key)
    g.add((doc, CG.fullText, Literal("a second text")))
    report = validate_graph(g)
    assert not report.conforms and "fullText" in report.text
    g.remove((doc, CG.fullText, None))
    g.add((doc, CG.fullText, Literal(42)))
    assert not validate_graph(g).conforms


def test_rdf_full_text_offsets_hold_after_the_extractor_and_the_store(tmp_path):
    """The real extractor on articles of our own (paragraphs, non-ASCII, astral characters,
    Windows line ends): in the store, every sentence and mention is its full text's slice."""
    from typer.testing import CliRunner

    from chipgraph.cli import app

    src = tmp_path / "src"
    src.mkdir()
    (src / "first.txt").write_text(
        "Zorblax Devices said on Monday that it would sell its Q7 accelerator to Example Labs.\n"
        "The weather in the valley stayed mild all week 🌤️, and the harvest came in early.\n\n"
        "“We are confident,” said Dana Whitlock, the chief executive of Zorblax Devices.\n", encoding="utf-8")
    (src / "second.txt").write_bytes(
        "Über die Grenze: the Commerce Department restricts the 𝔸100 chip, officials said.\r\n"
        "Nothing else happened here.\r\nNvidia makes the H800 chip.\r\n".encode("utf-8"))
    store_dir = tmp_path / "store"
    res = CliRunner().invoke(app, ["--store", str(store_dir), "ingest", str(src), "--jobs", "1"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    store = Store(store_dir)
    try:
        spans = _spans_in_store(store)
        fulls = {str(r["t"]) for r in store.query("SELECT ?t WHERE { GRAPH ?g { ?d cg:fullText ?t } }")}
    finally:
        store.close()
    assert len(fulls) == 2 and any("harvest" in t for t in fulls)
    kinds = _check_offsets(spans)
    assert {"sentence", "mention"} <= kinds


# --- listings: the dates the official list's text states (issue 14) ------------------------

def _listed_company_graph():
    from chipgraph.extract import extract
    from chipgraph.model import Document

    text = ("Engineers at Huawei showed a new server board on Tuesday. "
            "The board, Huawei said, ships to cloud clients next quarter.")
    return extraction_graph(extract(Document("listed-doc", text, published="2026-05-05")), extractor_version="t")


def test_rdf_listing_of_a_listed_company_carries_its_listing_date_and_conforms():
    g = _listed_company_graph()
    huawei = ids.entity_iri("huawei")
    dated = {li: d for li in g.objects(huawei, CG.listing) for d in g.objects(li, CG.listingDate)}
    el = [li for li in dated if "Entity List" in str(g.value(li, CG.listName))]
    assert el, sorted(map(str, g.objects(huawei, CG.listing)))
    first = {dated[li] for li in el}
    assert Literal("2019-05-21", datatype=XSD.date) in first
    for li in el:  # the citation kept as the list states it; later notices as amendments
        assert str(g.value(li, CG.federalRegisterCitation)).startswith("84 FR 22963")
        assert all(a.toPython() > dated[li].toPython() for a in g.objects(li, CG.amendmentDate))
    report = validate_graph(g + ontology_graph())
    assert report.conforms, report.text


def test_validate_rejects_an_ill_typed_or_second_listing_date():
    g = _listed_company_graph() + ontology_graph()
    li = next(li for li in g.subjects(RDF.type, CG.ReferenceListing) if g.value(li, CG.listingDate))
    g.set((li, CG.listingDate, Literal("May 2019")))
    report = validate_graph(g)
    assert not report.conforms and "listingDate" in report.text
    g.set((li, CG.listingDate, Literal("2019-05-21", datatype=XSD.date)))
    g.add((li, CG.listingDate, Literal("2020-05-19", datatype=XSD.date)))
    assert not validate_graph(g).conforms
    g.remove((li, CG.listingDate, Literal("2020-05-19", datatype=XSD.date)))
    g.add((li, CG.amendmentDate, Literal("2020-05-19", datatype=XSD.date)))
    assert validate_graph(g).conforms
