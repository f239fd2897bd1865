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

    def __getitem__(self, local: str) -> ox.NamedNode:
        """``cg:<local>``."""
        t = self.cg.get(local)
        if t is None:
            t = self.cg[local] = ox.NamedNode(str(CG[local]))
        return t


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


@dataclass(frozen=True)
class DocumentRDF:
    """One document as RDF: its graph's triples and its entity statements."""

    graph: ox.NamedNode  # the document's named graph
    triples: list[Triple]
    statements: list[Triple]  # deduplicated, in a stable order

    def quads(self) -> list[ox.Quad]:
        g = self.graph
        return [ox.Quad(s, p, o, g) for s, p, o in self.triples]


def document_rdf(ex: Extraction, *, extractor_version: str) -> DocumentRDF:
    """The RDF of one document's extraction (see the module docstring)."""
    t = _terms()
    d = ex.document
    out: list[Triple] = []
    add = out.append
    doc = _iri(ids.document_iri(d.key))
    add((doc, t.type, t["Document"]))
    add((doc, t.identifier, ox.Literal(d.key)))
    if d.title:
        add((doc, t.title, ox.Literal(d.title)))
    if d.url:
        add((doc, t.url, ox.Literal(d.url, datatype=t.any_uri)))
    if d.published:
        add((doc, t.published, _date(d.published)))
    if d.publisher:
        add((doc, t.publisher, ox.Literal(d.publisher)))
    add((doc, t["contentHash"], ox.Literal(content_hash(d.text))))
    add((doc, t["fullText"], ox.Literal(d.text)))  # the offsets below index into it
    add((doc, t["extractorVersion"], ox.Literal(extractor_version)))

    stmts: dict[Triple, None] = {}  # ordered set
    state = stmts.setdefault
    used: set[int] = set()
    prefix = str(ids.document_iri(d.key))

    def sentence(i: int) -> ox.NamedNode:
        used.add(i)
        return ox.NamedNode(f"{prefix}/sentence/{int(i)}")

    entity_iri: dict[str, ox.NamedNode] = {}

    def ent_of(key: str) -> ox.NamedNode:
        e = entity_iri.get(key)
        if e is None:
            e = entity_iri[key] = _iri(ids.entity_iri(key))
        return e

    for e in ex.entities:
        ent = ent_of(e.key)
        add((doc, t["mentions"], ent))
        state((ent, t.type, t[e.type]))
        state((ent, t.label, ox.Literal(e.name)))
        measure = e.type == "ExportControl"
        for a in e.aliases:
            if a != e.name and not (measure and pronoun_like(a)):  # "the rule" names nothing
                state((ent, t.alt, ox.Literal(a)))
        qid = e.identifiers.get("wikidata")
        if qid:
            state((ent, t["wikidata"], ox.Literal(qid)))
            state((ent, t.same_as, ox.NamedNode(WIKIDATA + ids.slug(qid).upper())))
        for lst in e.listings:
            li = _iri(ids.listing_iri(lst.get("list_name", ""), lst.get("listed_name", ""),
                                      lst.get("federal_register", "")))
            state((ent, t["listing"], li))
            state((li, t.type, t["ReferenceListing"]))
            for key, prop in (("list_name", "listName"), ("listed_name", "listedName"),
                              ("federal_register", "federalRegisterCitation"),
                              ("license_requirement", "licenseRequirement"),
                              ("license_policy", "licensePolicy")):
                if lst.get(key):
                    state((li, t[prop], ox.Literal(lst[key])))
            if lst.get("source_list_url"):
                state((li, t["sourceListUrl"], ox.Literal(lst["source_list_url"], datatype=t.any_uri)))
            # the official text's notice dates: the first lists the entity, the later ones amend
            if lst.get("listing_date"):
                state((li, t["listingDate"], ox.Literal(lst["listing_date"], datatype=t.date)))
            for d in filter(None, (lst.get("amendment_dates") or "").split("; ")):
                state((li, t["amendmentDate"], ox.Literal(d, datatype=t.date)))
        link = e.official
        li = ox.NamedNode(f"{prefix}/measure-link/{ids.slug(e.key)}") if link else None
        if link:
            add((li, t.type, t["MeasureLink"]))
            add((li, t["linkedMeasure"], ent))
            add((li, t["linkConfidence"], ox.Literal(f"{link.confidence:.3f}", datatype=t.decimal)))
            add((li, t["linkCue"], ox.Literal(link.cue)))
            if link.evidence:
                add((li, t["linkEvidence"], ox.Literal(link.evidence)))
            add((li, t.derived, doc))
        for m in e.mentions:
            mi = ox.NamedNode(f"{prefix}/mention/{int(m.start)}-{int(m.end)}")
            if li is not None:
                add((li, t["linkedMention"], mi))
            add((mi, t.type, t["Mention"]))
            add((mi, t["mentionOf"], ent))
            add((mi, t["sentence"], sentence(m.sentence)))
            add((mi, t["surfaceForm"], ox.Literal(m.surface)))
            add((mi, t["startOffset"], ox.Literal(str(int(m.start)), datatype=t.integer)))
            add((mi, t["endOffset"], ox.Literal(str(int(m.end)), datatype=t.integer)))

    for r in ex.relations:
        s, o, p = ent_of(r.subject), ent_of(r.object), t[r.predicate]
        add((s, p, o))
        a = _iri(ids.assertion_iri(d.key, r.subject, r.predicate, r.object))
        add((a, t.type, t["Assertion"]))
        add((a, t.subject, s))
        add((a, t.predicate, p))
        add((a, t.object, o))
        add((a, t.derived, doc))
        add((a, t["confidence"], ox.Literal(f"{r.confidence:.3f}", datatype=t.decimal)))
        if r.role:
            add((a, t["role"], ox.Literal(r.role)))
        for ev in r.evidence:
            add((a, t["sentence"], sentence(ev.sentence)))

    for q in ex.quotes:
        qi = ox.NamedNode(f"{prefix}/quote/{int(q.evidence.start)}-{int(q.evidence.end)}")
        about = q.about or _named_within(ex, q.evidence.start, q.evidence.end, q.speaker)
        add((qi, t.type, t["Quote"]))
        add((qi, t["quoteText"], ox.Literal(q.text)))
        add((qi, t["sentence"], sentence(q.evidence.sentence)))
        add((qi, t["startOffset"], ox.Literal(str(int(q.evidence.start)), datatype=t.integer)))
        add((qi, t["endOffset"], ox.Literal(str(int(q.evidence.end)), datatype=t.integer)))
        add((qi, t.derived, doc))
        add((qi, t["confidence"], ox.Literal(f"{q.confidence:.3f}", datatype=t.decimal)))
        if q.speaker:
            add((qi, t["speaker"], ent_of(q.speaker)))
        for other in q.alt_speakers:
            add((qi, t["speaker"], ent_of(other)))
        for key in about:
            add((qi, t["about"], ent_of(key)))

    for i in sorted(used):
        sen = ex.sentences[i]
        si = ox.NamedNode(f"{prefix}/sentence/{int(i)}")
        add((si, t.type, t["Sentence"]))
        add((si, t["inDocument"], doc))
        add((si, t["text"], ox.Literal(sen.text)))
        add((si, t["startOffset"], ox.Literal(str(int(sen.start)), datatype=t.integer)))
        add((si, t["endOffset"], ox.Literal(str(int(sen.end)), datatype=t.integer)))
    return DocumentRDF(_iri(ids.document_graph(d.key)), out, list(stmts))


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
