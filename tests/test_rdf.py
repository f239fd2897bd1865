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
