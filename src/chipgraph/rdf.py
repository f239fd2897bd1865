"""Extraction results -> RDF triples with evidence (pure: no store, no I/O).

One document's facts form one graph: the document and its metadata, the sentences used as
evidence (text and character offsets), each entity (class, the name it goes by in this
document, aliases, identifiers, official listings), each mention, each relation as a
direct triple plus a reified :class:`cg:Assertion` that points to its sentences, and each
quote with its speaker.  The preferred label of an entity across documents is derived
state, kept by the store in its own graph (see :func:`preferred_label`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import ids
from .model import Extraction
from .vocab import CG, SCHEMA

WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES = {
    "cg": str(CG), "ent": ids.BASE + "entity/", "doc": ids.BASE + "doc/",
    "schema": str(SCHEMA), "skos": str(SKOS), "prov": str(PROV), "dcterms": str(DCTERMS),
    "owl": str(OWL), "rdfs": str(RDFS), "xsd": str(XSD), "wd": WIKIDATA,
}


def bind_prefixes(g: Graph) -> Graph:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    return g


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date_literal(value: str) -> Literal:
    """An xsd:date / xsd:gYearMonth / xsd:gYear literal when the value has that form."""
    import re

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _decimal(x: float) -> Literal:
    return Literal(f"{x:.3f}", datatype=XSD.decimal)


def document_triples(ex: Extraction, *, extractor_version: str) -> Graph:
    """The graph of one document's extraction."""
    g = bind_prefixes(Graph())
    d = ex.document
    doc = ids.document_iri(d.key)
    g.add((doc, RDF.type, CG.Document))
    g.add((doc, DCTERMS.identifier, Literal(d.key)))
    if d.title:
        g.add((doc, DCTERMS.title, Literal(d.title)))
    if d.url:
        g.add((doc, SCHEMA.url, Literal(d.url, datatype=XSD.anyURI)))
    if d.published:
        g.add((doc, SCHEMA.datePublished, _date_literal(d.published)))
    if d.publisher:
        g.add((doc, SCHEMA.publisher, Literal(d.publisher)))
    g.add((doc, CG.contentHash, Literal(content_hash(d.text))))
    g.add((doc, CG.extractorVersion, Literal(extractor_version)))

    used: set[int] = set()

    def sentence(i: int) -> URIRef:
        used.add(i)
        return ids.sentence_iri(d.key, i)

    for e in ex.entities:
        ent = ids.entity_iri(e.key)
        g.add((doc, CG.mentions, ent))
        g.add((ent, RDF.type, CG[e.type]))
        g.add((ent, RDFS.label, Literal(e.name)))
        for a in e.aliases:
            if a != e.name:
                g.add((ent, SKOS.altLabel, Literal(a)))
        qid = e.identifiers.get("wikidata")
        if qid:
            g.add((ent, CG.wikidata, Literal(qid)))
            g.add((ent, OWL.sameAs, URIRef(WIKIDATA + ids.slug(qid).upper())))
        for lst in e.listings:
            li = ids.listing_iri(lst.get("list_name", ""), lst.get("listed_name", ""),
                                 lst.get("federal_register", ""))
            g.add((ent, CG.listing, li))
            g.add((li, RDF.type, CG.ReferenceListing))
            for key, prop in (("list_name", CG.listName), ("listed_name", CG.listedName),
                              ("federal_register", CG.federalRegisterCitation),
                              ("license_requirement", CG.licenseRequirement),
                              ("license_policy", CG.licensePolicy)):
                if lst.get(key):
                    g.add((li, prop, Literal(lst[key])))
            if lst.get("source_list_url"):
                g.add((li, CG.sourceListUrl, Literal(lst["source_list_url"], datatype=XSD.anyURI)))
        for m in e.mentions:
            mi = ids.mention_iri(d.key, m.start, m.end)
            g.add((mi, RDF.type, CG.Mention))
            g.add((mi, CG.mentionOf, ent))
            g.add((mi, CG.sentence, sentence(m.sentence)))
            g.add((mi, CG.surfaceForm, Literal(m.surface)))
            g.add((mi, CG.startOffset, Literal(m.start)))
            g.add((mi, CG.endOffset, Literal(m.end)))

    for r in ex.relations:
        s, o = ids.entity_iri(r.subject), ids.entity_iri(r.object)
        p = CG[r.predicate]
        g.add((s, p, o))
        a = ids.assertion_iri(d.key, r.subject, r.predicate, r.object)
        g.add((a, RDF.type, CG.Assertion))
        g.add((a, RDF.subject, s))
        g.add((a, RDF.predicate, p))
        g.add((a, RDF.object, o))
        g.add((a, PROV.wasDerivedFrom, doc))
        g.add((a, CG.confidence, _decimal(r.confidence)))
        if r.role:
            g.add((a, CG.role, Literal(r.role)))
        for ev in r.evidence:
            g.add((a, CG.sentence, sentence(ev.sentence)))

    for q in ex.quotes:
        qi = ids.quote_iri(d.key, q.evidence.start, q.evidence.end)
        about = q.about or _named_within(ex, q.evidence.start, q.evidence.end, q.speaker)
        g.add((qi, RDF.type, CG.Quote))
        g.add((qi, CG.quoteText, Literal(q.text)))
        g.add((qi, CG.sentence, sentence(q.evidence.sentence)))
        g.add((qi, CG.startOffset, Literal(q.evidence.start)))
        g.add((qi, CG.endOffset, Literal(q.evidence.end)))
        g.add((qi, PROV.wasDerivedFrom, doc))
        g.add((qi, CG.confidence, _decimal(q.confidence)))
        if q.speaker:
            g.add((qi, CG.speaker, ids.entity_iri(q.speaker)))
        for other in q.alt_speakers:
            g.add((qi, CG.speaker, ids.entity_iri(other)))
        for key in about:
            g.add((qi, CG.about, ids.entity_iri(key)))

    for i in sorted(used):
        sen = ex.sentences[i]
        si = ids.sentence_iri(d.key, i)
        g.add((si, RDF.type, CG.Sentence))
        g.add((si, CG.inDocument, doc))
        g.add((si, CG.text, Literal(sen.text)))
        g.add((si, CG.startOffset, Literal(sen.start)))
        g.add((si, CG.endOffset, Literal(sen.end)))
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
