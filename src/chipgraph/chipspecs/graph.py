"""Specifications, rule versions and assessments as RDF, built deterministically.

Two named graphs, written with ``Store.load_reference``: ``graph/reference/chip-specs``
(the Epoch variants with cited values, and the rule versions with their 3A090 thresholds
and their 4A090 paragraphs, each linked by ``cg:containsParagraph`` to the 3A090 paragraph
it names) and
``graph/reference/chip-assessments`` (derived facts: assessments and statuses).  IRIs come
from ids and fixed keys (variant name, rule id, ECCN paragraph), never from article text.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from .. import ids
from ..rdf import bind_prefixes
from ..vocab import CG, SCHEMA
from .assess import Assessment, Input, assessments, status
from .rules import Bound, Paragraph, RuleVersion, SystemParagraph, rule_versions
from .specs import EPOCH_CREDIT, EPOCH_URL, FIELDS, Variant, variants

SPECS_SOURCE = "chip-specs"
ASSESSMENTS_SOURCE = "chip-assessments"


def fr_document_iri(number: str) -> URIRef:
    """The agreed IRI of a Federal Register document: ``https://w3id.org/chipgraph/fr/2023-23055``."""
    return URIRef(ids.BASE + "fr/" + ids.slug(number))


def rule_iri(rule: RuleVersion) -> URIRef:
    return URIRef(ids.BASE + "rule/3a090/" + ids.slug(rule.id))


def paragraph_iri(rule: RuleVersion, p: Paragraph | SystemParagraph | str) -> URIRef:
    """A paragraph of a rule version (3A090 or 4A090), by its ECCN paragraph: ``…/current/4a090-a``."""
    eccn = p if isinstance(p, str) else p.eccn
    return URIRef(f"{rule_iri(rule)}/{ids.slug(eccn)}")


def assessment_iri(v: Variant, rule: RuleVersion, p: Paragraph) -> URIRef:
    return URIRef(ids.BASE + "assessment/" + ids.slug(v.name, 40) + "-" + ids.digest(v.name, rule.id, p.eccn, length=10))


def status_iri(v: Variant, rule: RuleVersion) -> URIRef:
    return URIRef(ids.BASE + "status/" + ids.slug(v.name, 40) + "-" + ids.digest(v.name, rule.id, length=10))


def _node(subject, *key: str) -> URIRef:
    """A value node (a spec value with its source, a threshold clause) under a stable IRI, not
    a blank node: exports stay byte-for-byte reproducible on any store (remote stores name
    blank nodes their own way)."""
    return URIRef(ids.BASE + "node/cs" + ids.digest(str(subject), *key, length=16))


def _num(x: float) -> Literal:
    return Literal(float(x), datatype=XSD.double)


def specs_graph(vs: tuple[Variant, ...] | None = None) -> Graph:
    g = bind_prefixes(Graph())
    for v in vs or variants():
        s = v.iri
        g.add((s, RDF.type, CG.ChipVariant))
        g.add((s, RDFS.label, Literal(v.label)))
        g.add((s, SCHEMA.name, Literal(v.name)))
        g.add((s, CG.variantOf, v.chip_iri))
        g.add((s, DCTERMS.source, URIRef(EPOCH_URL)))
        g.add((s, CG.credit, Literal(EPOCH_CREDIT)))
        if v.maker:
            g.add((s, CG.manufacturerName, Literal(v.maker)))
        if v.release_date:
            g.add((s, CG.releaseDate, Literal(v.release_date, datatype=XSD.date)))
        for url in v.datasheets:
            g.add((s, RDFS.seeAlso, URIRef(url)))
        for f, val in sorted(v.values.items()):
            n = _node(s, f)
            g.add((s, CG.specValue, n))
            g.add((n, RDF.type, CG.SpecValue))
            g.add((n, CG.quantity, Literal(f)))
            g.add((n, RDF.value, _num(val.value)))
            g.add((n, CG.unit, Literal(FIELDS[f][1])))
            g.add((n, DCTERMS.source, URIRef(val.source)))
            if val.approximation:
                g.add((n, CG.approximation, Literal(val.approximation)))
    for rule in rule_versions():
        _rule(g, rule)
    return g


def _rule(g: Graph, rule: RuleVersion) -> None:
    r = rule_iri(rule)
    g.add((r, RDF.type, CG.RuleVersion))
    g.add((r, RDFS.label, Literal(rule.label)))
    g.add((r, DCTERMS.identifier, Literal(rule.id)))
    g.add((r, DCTERMS.bibliographicCitation, Literal(rule.citation)))
    g.add((r, SCHEMA.url, URIRef(rule.url)))
    if rule.published:
        g.add((r, SCHEMA.datePublished, Literal(rule.published, datatype=XSD.date)))
    if rule.fr_document:
        g.add((r, CG.frDocument, fr_document_iri(rule.fr_document)))
    for p in rule.paragraphs:
        pi = paragraph_iri(rule, p)
        g.add((pi, RDF.type, CG.EccnParagraph))
        g.add((pi, CG.eccn, Literal(p.eccn)))
        g.add((pi, CG.ruleVersion, r))
        g.add((pi, CG.ruleText, Literal(p.text)))
        for i, clause in enumerate(p.any_of, 1):
            for j, b in enumerate(clause):
                _threshold(g, pi, i, j, b)
    for sp in rule.systems:
        _system_paragraph(g, rule, sp)


def _system_paragraph(g: Graph, rule: RuleVersion, sp: SystemParagraph) -> None:
    """A 4A090 paragraph: its text (or, where the data lacks it, the rule's summary and why)
    and the 3A090 paragraph of the same version that a contained IC must meet."""
    pi = paragraph_iri(rule, sp)
    g.add((pi, RDF.type, CG.EccnParagraph))
    g.add((pi, CG.eccn, Literal(sp.eccn)))
    g.add((pi, CG.ruleVersion, rule_iri(rule)))
    g.add((pi, CG.containsParagraph, paragraph_iri(rule, sp.contains)))
    if sp.text:
        g.add((pi, CG.ruleText, Literal(sp.text)))
    if sp.summary:
        g.add((pi, CG.ruleSummary, Literal(sp.summary)))
    if sp.note:
        g.add((pi, CG.approximation, Literal(sp.note)))


def _threshold(g: Graph, pi: URIRef, clause: int, j: int, b: Bound) -> None:
    t = _node(pi, str(clause), str(j))
    g.add((pi, CG.threshold, t))
    g.add((t, RDF.type, CG.Threshold))
    g.add((t, CG.clause, Literal(clause)))
    g.add((t, CG.quantity, Literal(b.quantity)))
    for prop, x in ((CG.minimum, b.min), (CG.below, b.below), (CG.above, b.above)):
        if x is not None:
            g.add((t, prop, Literal(str(x), datatype=XSD.decimal)))


def _input(g: Graph, a: URIRef, inp: Input) -> None:
    n = _node(a, inp.quantity)
    g.add((a, CG.input, n))
    g.add((n, RDF.type, CG.SpecValue))
    g.add((n, CG.quantity, Literal(inp.quantity)))
    if inp.value is not None:
        g.add((n, RDF.value, _num(inp.value)))
    for src in inp.sources:
        g.add((n, DCTERMS.source, URIRef(src)))
    if inp.approximation:
        g.add((n, CG.approximation, Literal(inp.approximation)))
    if inp.missing:
        g.add((n, CG.missing, Literal(inp.missing)))


def assessments_graph(found: list[Assessment] | None = None) -> Graph:
    g = bind_prefixes(Graph())
    found = assessments(variants()) if found is None else found
    by_status: dict[tuple[str, str], list[Assessment]] = {}
    for x in found:
        a = assessment_iri(x.variant, x.rule, x.paragraph)
        g.add((a, RDF.type, CG.ThresholdAssessment))
        g.add((a, CG.assessedVariant, x.variant.iri))
        g.add((a, CG.assessedChip, x.variant.chip_iri))
        g.add((a, CG.ruleVersion, rule_iri(x.rule)))
        g.add((a, CG.paragraph, paragraph_iri(x.rule, x.paragraph)))
        g.add((a, CG.eccn, Literal(x.paragraph.eccn)))
        g.add((a, CG.result, Literal(x.result)))
        g.add((a, CG.explanation, Literal(x.explanation)))
        for prop, val in ((CG.tpp, x.tpp), (CG.performanceDensity, x.pd),
                          (CG.ioBandwidth, x.inputs["io_bandwidth_gb_s"].value)):
            if val is not None:
                g.add((a, prop, _num(val)))
        for inp in x.inputs.values():
            _input(g, a, inp)
        by_status.setdefault((x.variant.name, x.rule.id), []).append(x)
    for group in by_status.values():
        v, rule = group[0].variant, group[0].rule
        s = status_iri(v, rule)
        g.add((s, RDF.type, CG.RuleStatus))
        g.add((s, CG.assessedVariant, v.iri))
        g.add((s, CG.assessedChip, v.chip_iri))
        g.add((s, CG.ruleVersion, rule_iri(rule)))
        g.add((s, CG.status, Literal(status(group))))
    return g


def load_into(store) -> tuple[URIRef, URIRef]:
    """Replace both graphs in ``store`` (each atomically); returns their names."""
    return (store.load_reference(SPECS_SOURCE, specs_graph()),
            store.load_reference(ASSESSMENTS_SOURCE, assessments_graph()))
