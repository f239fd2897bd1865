"""Extraction results -> RDF with evidence (pure: no store, no I/O).

One document gives two kinds of triples (:func:`document_rdf`):

* **document triples**, kept in the document's own named graph: the document, its
  metadata and its full text (``cg:fullText``, into which every start and end offset
  indexes), the sentences used as evidence (text and character offsets), each mention,
  each relation as a direct triple plus a reified :class:`cg:Assertion` that points to its
  sentences, each quote with its speaker, and for a measure linked to the catalogue a
  :class:`cg:MeasureLink` (the measure, the link's confidence, its deciding cue and words,
  the mentions it covers): the document's reading, not a fact about the measure;
* **entity statements**, the document's contribution to the entity layer: each entity's
  class, the name it goes by in this document, aliases (for a measure, not the pronoun-like
  ones such as "the rule": those stay only as mentions' surface forms), identifiers and
  official listings.
  The store keeps them once, in the entities graph, counted over the documents that state
  them (see :mod:`chipgraph.ledger`), with the preferred label of :func:`preferred_label`.

Triples are built as pyoxigraph terms (the store's own model); :func:`document_triples`
gives both kinds as one rdflib graph for tools that want rdflib.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import ids
from .extract.keys import pronoun_like
from .model import Extraction
from .terms import from_ox
from .vocab import CG, SCHEMA

WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES = {
    "cg": str(CG), "ent": ids.BASE + "entity/", "doc": ids.BASE + "doc/",
    "schema": str(SCHEMA), "skos": str(SKOS), "prov": str(PROV), "dcterms": str(DCTERMS),
    "owl": str(OWL), "rdfs": str(RDFS), "xsd": str(XSD), "wd": WIKIDATA,
}

Triple = tuple[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"]


def bind_prefixes(g: Graph) -> Graph:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    return g


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _T:
    """The IRIs the builder uses, as pyoxigraph terms (made once)."""

    def __init__(self) -> None:
        n = ox.NamedNode
        self.type, self.label, self.alt = n(str(RDF.type)), n(str(RDFS.label)), n(str(SKOS.altLabel))
        self.subject, self.predicate, self.object = n(str(RDF.subject)), n(str(RDF.predicate)), n(str(RDF.object))
        self.same_as, self.derived = n(str(OWL.sameAs)), n(str(PROV.wasDerivedFrom))
        self.identifier, self.title = n(str(DCTERMS.identifier)), n(str(DCTERMS.title))
        self.url, self.published, self.publisher = n(str(SCHEMA.url)), n(str(SCHEMA.datePublished)), n(str(SCHEMA.publisher))
        self.date, self.year_month, self.year = n(str(XSD.date)), n(str(XSD.gYearMonth)), n(str(XSD.gYear))
        self.decimal, self.integer, self.any_uri = n(str(XSD.decimal)), n(str(XSD.integer)), n(str(XSD.anyURI))
        self.cg = {}

    def cg_term(self, local: str) -> ox.NamedNode:
        """``cg:<local>`` (also ``self[local]``)."""
        t = self.cg.get(local)
        if t is None:
            t = self.cg[local] = ox.NamedNode(str(CG[local]))
        return t

    __getitem__ = cg_term


_TERMS: _T | None = None


def _terms() -> _T:
    global _TERMS
    if _TERMS is None:
        _TERMS = _T()
    return _TERMS


_DATE_FORMS = ((re.compile(r"\d{4}-\d{2}-\d{2}"), "date"), (re.compile(r"\d{4}-\d{2}"), "year_month"),
               (re.compile(r"\d{4}"), "year"))


def _date(value: str) -> ox.Literal:
    """An xsd:date / xsd:gYearMonth / xsd:gYear literal when the value has that form."""
    t = _terms()
    for pattern, kind in _DATE_FORMS:
        if pattern.fullmatch(value):
            return ox.Literal(value, datatype=getattr(t, kind))
    return ox.Literal(value)


def _iri(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


@lru_cache(maxsize=1 << 16)
def entity_node(key: str) -> ox.NamedNode:
    """The entity IRI of ``key`` (:func:`chipgraph.ids.entity_iri`) as a pyoxigraph term,
    cached: the same entities come back in document after document."""
    return ox.NamedNode(str(ids.entity_iri(key)))


@lru_cache(maxsize=1 << 14)
def _integer(value: int) -> ox.Literal:
    """``value`` as an ``xsd:integer`` literal (offsets repeat from document to document)."""
    return ox.Literal(str(value), datatype=_terms().integer)


@dataclass(frozen=True)
class DocumentRDF:
    """One document as RDF: its graph's quads and its entity statements."""

    graph: ox.NamedNode  # the document's named graph
    graph_quads: list[ox.Quad]  # every quad in ``graph``, built once
    statements: list[Triple]  # deduplicated, in a stable order

    @property
    def triples(self) -> list[Triple]:
        """The document graph's triples (the quads without their graph name)."""
        return [(q.subject, q.predicate, q.object) for q in self.graph_quads]

    def quads(self) -> list[ox.Quad]:
        return self.graph_quads


def document_rdf(ex: Extraction, *, extractor_version: str) -> DocumentRDF:
    """The RDF of one document's extraction (see the module docstring).

    The document graph's quads are built directly (no intermediate triples): this runs once
    per document on the write path, so the terms it uses are bound to locals once.
    """
    t = _terms()
    c = t.cg_term
    d = ex.document
    g = _iri(ids.document_graph(d.key))
    Q, Lit, Node = ox.Quad, ox.Literal, ox.NamedNode
    integer = _integer
    out: list[ox.Quad] = []
    add = out.append
    rdf_type, derived = t.type, t.derived
    doc = _iri(ids.document_iri(d.key))
    add(Q(doc, rdf_type, c("Document"), g))
    add(Q(doc, t.identifier, Lit(d.key), g))
    if d.title:
        add(Q(doc, t.title, Lit(d.title), g))
    if d.url:
        add(Q(doc, t.url, Lit(d.url, datatype=t.any_uri), g))
    if d.published:
        add(Q(doc, t.published, _date(d.published), g))
    if d.publisher:
        add(Q(doc, t.publisher, Lit(d.publisher), g))
    add(Q(doc, c("contentHash"), Lit(content_hash(d.text)), g))
    add(Q(doc, c("fullText"), Lit(d.text), g))  # the offsets below index into it
    add(Q(doc, c("extractorVersion"), Lit(extractor_version), g))

    stmts: dict[Triple, None] = {}  # ordered set
    state = stmts.setdefault
    used: set[int] = set()
    prefix = str(ids.document_iri(d.key))
    sentences: dict[int, ox.NamedNode] = {}

    def sentence(i: int) -> ox.NamedNode:
        n = sentences.get(i)
        if n is None:
            used.add(i)
            n = sentences[i] = Node(f"{prefix}/sentence/{int(i)}")
        return n

    ent_of = entity_node
    mentions, label, alt = c("mentions"), t.label, t.alt
    mention_cls, mention_of, sentence_p = c("Mention"), c("mentionOf"), c("sentence")
    surface_p, start_p, end_p = c("surfaceForm"), c("startOffset"), c("endOffset")
    linked_mention = c("linkedMention")
    for e in ex.entities:
        ent = ent_of(e.key)
        add(Q(doc, mentions, ent, g))
        state((ent, rdf_type, c(e.type)))
        state((ent, label, Lit(e.name)))
        measure = e.type == "ExportControl"
        for a in e.aliases:
            if a != e.name and not (measure and pronoun_like(a)):  # "the rule" names nothing
                state((ent, alt, Lit(a)))
        qid = e.identifiers.get("wikidata")
        if qid:
            state((ent, c("wikidata"), Lit(qid)))
            state((ent, t.same_as, Node(WIKIDATA + ids.slug(qid).upper())))
        for lst in e.listings:
            li = _iri(ids.listing_iri(lst.get("list_name", ""), lst.get("listed_name", ""),
                                      lst.get("federal_register", "")))
            state((ent, c("listing"), li))
            state((li, rdf_type, c("ReferenceListing")))
            for key, prop in (("list_name", "listName"), ("listed_name", "listedName"),
                              ("federal_register", "federalRegisterCitation"),
                              ("license_requirement", "licenseRequirement"),
                              ("license_policy", "licensePolicy")):
                if lst.get(key):
                    state((li, c(prop), Lit(lst[key])))
            if lst.get("source_list_url"):
                state((li, c("sourceListUrl"), Lit(lst["source_list_url"], datatype=t.any_uri)))
            # the official text's notice dates: the first lists the entity, the later ones amend
            if lst.get("listing_date"):
                state((li, c("listingDate"), Lit(lst["listing_date"], datatype=t.date)))
            for day in filter(None, (lst.get("amendment_dates") or "").split("; ")):
                state((li, c("amendmentDate"), Lit(day, datatype=t.date)))
        link = e.official
        li = Node(f"{prefix}/measure-link/{ids.slug(e.key)}") if link else None
        if link:
            add(Q(li, rdf_type, c("MeasureLink"), g))
            add(Q(li, c("linkedMeasure"), ent, g))
            add(Q(li, c("linkConfidence"), Lit(f"{link.confidence:.3f}", datatype=t.decimal), g))
            add(Q(li, c("linkCue"), Lit(link.cue), g))
            if link.evidence:
                add(Q(li, c("linkEvidence"), Lit(link.evidence), g))
            add(Q(li, derived, doc, g))
        for m in e.mentions:
            start, end = int(m.start), int(m.end)
            mi = Node(f"{prefix}/mention/{start}-{end}")
            if li is not None:
                add(Q(li, linked_mention, mi, g))
            add(Q(mi, rdf_type, mention_cls, g))
            add(Q(mi, mention_of, ent, g))
            add(Q(mi, sentence_p, sentence(m.sentence), g))
            add(Q(mi, surface_p, Lit(m.surface), g))
            add(Q(mi, start_p, integer(start), g))
            add(Q(mi, end_p, integer(end), g))

    assertion_cls, confidence_p, role_p = c("Assertion"), c("confidence"), c("role")
    for r in ex.relations:
        s, o, p = ent_of(r.subject), ent_of(r.object), c(r.predicate)
        add(Q(s, p, o, g))
        a = _iri(ids.assertion_iri(d.key, r.subject, r.predicate, r.object))
        add(Q(a, rdf_type, assertion_cls, g))
        add(Q(a, t.subject, s, g))
        add(Q(a, t.predicate, p, g))
        add(Q(a, t.object, o, g))
        add(Q(a, derived, doc, g))
        add(Q(a, confidence_p, Lit(f"{r.confidence:.3f}", datatype=t.decimal), g))
        if r.role:
            add(Q(a, role_p, Lit(r.role), g))
        for ev in r.evidence:
            add(Q(a, sentence_p, sentence(ev.sentence), g))

    quote_cls, speaker_p, about_p = c("Quote"), c("speaker"), c("about")
    for q in ex.quotes:
        start, end = int(q.evidence.start), int(q.evidence.end)
        qi = Node(f"{prefix}/quote/{start}-{end}")
        about = q.about or _named_within(ex, q.evidence.start, q.evidence.end, q.speaker)
        add(Q(qi, rdf_type, quote_cls, g))
        add(Q(qi, c("quoteText"), Lit(q.text), g))
        add(Q(qi, sentence_p, sentence(q.evidence.sentence), g))
        add(Q(qi, start_p, integer(start), g))
        add(Q(qi, end_p, integer(end), g))
        add(Q(qi, derived, doc, g))
        add(Q(qi, confidence_p, Lit(f"{q.confidence:.3f}", datatype=t.decimal), g))
        if q.speaker:
            add(Q(qi, speaker_p, ent_of(q.speaker), g))
        for other in q.alt_speakers:
            add(Q(qi, speaker_p, ent_of(other), g))
        for key in about:
            add(Q(qi, about_p, ent_of(key), g))

    sentence_cls, in_document, text_p = c("Sentence"), c("inDocument"), c("text")
    for i in sorted(used):
        sen = ex.sentences[i]
        si = sentences[i]
        add(Q(si, rdf_type, sentence_cls, g))
        add(Q(si, in_document, doc, g))
        add(Q(si, text_p, Lit(sen.text), g))
        add(Q(si, start_p, integer(int(sen.start)), g))
        add(Q(si, end_p, integer(int(sen.end)), g))
    return DocumentRDF(g, out, list(stmts))


def document_triples(ex: Extraction, *, extractor_version: str) -> Graph:
    """One document's triples and entity statements as one rdflib graph."""
    rdf = document_rdf(ex, extractor_version=extractor_version)
    g = bind_prefixes(Graph())
    for s, p, o in rdf.triples + rdf.statements:
        g.add((from_ox(s), from_ox(p), from_ox(o)))
    return g


def _named_within(ex: Extraction, start: int, end: int, speaker: str | None) -> list[str]:
    """Keys of the entities mentioned inside ``[start, end)`` (a quote's span), speaker aside."""
    return sorted({e.key for e in ex.entities if e.key != speaker
                   and any(start <= m.start and m.end <= end for m in e.mentions)})


def preferred_label(candidates: Iterable[tuple[str, int]]) -> str:
    """The label an entity goes by across documents: the one most documents use, then the
    longest, then the first in code-point order — independent of ingest order."""
    return min(candidates, key=lambda c: (-c[1], -len(c[0]), c[0]))[0]


def labels_triples(labels: dict[URIRef, str]) -> Graph:
    g = bind_prefixes(Graph())
    for ent, label in labels.items():
        g.add((ent, SKOS.prefLabel, Literal(label)))
    return g


def extraction_graph(ex: Extraction, *, extractor_version: str) -> Graph:
    """One document on its own, with preferred labels as this document gives them."""
    g = document_triples(ex, extractor_version=extractor_version)
    g += labels_triples({ids.entity_iri(e.key): e.name for e in ex.entities})
    return g
