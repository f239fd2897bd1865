"""The catalogue as RDF: one node per measure, in the named graph ``graph/reference/catalogue``.

Terms: ``cg:OfficialMeasure`` and its kinds (``cg:Rule``, ``cg:OfficialList``,
``cg:LicenceRequirement``, ``cg:Law``, ``cg:Bill``; ``cg:Notice``, ``cg:ControlListEntry``),
each also typed ``eli:LegalResource``; ELI's ``eli:title``, ``eli:id_local``,
``eli:date_publication``, ``eli:first_date_entry_in_force``, ``eli:amends``, ``eli:repeals``;
chipgraph's ``cg:dateAnnounced``, ``cg:dateRescinded``, ``cg:issuedBy`` and
``cg:issuingCountry`` (entity IRIs of the gazetteer names, the same as the news uses),
``cg:officiallyRestricts`` / ``cg:officiallyTargets``, ``cg:compliantChip`` (what it let
through), ``cg:touchesEccn``; for lists, the
FollowTheMoney-aligned ``cg:authority`` and ``cg:program``.

Load it with :func:`load_into` (``Store.load_reference(CATALOGUE_SOURCE, catalogue_graph())``).
"""
from __future__ import annotations

import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from .. import ids
from ..vocab import CG
from .model import Catalogue, Measure, load_catalogue, measure_iri

ELI = Namespace("http://data.europa.eu/eli/ontology#")
CATALOGUE_SOURCE = "catalogue"
_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9/_.%?&=~+:-]*)?$")
_CLASS = {"rule": CG.Rule, "list": CG.OfficialList, "licence_requirement": CG.LicenceRequirement,
          "law": CG.Law, "bill": CG.Bill, "notice": CG.Notice, "eccn": CG.ControlListEntry}


def _entity(name: str) -> URIRef:
    return ids.entity_iri(ids.entity_key(name))


def _measure_triples(g: Graph, m: Measure) -> None:
    s = m.iri
    g.add((s, RDF.type, _CLASS[m.kind]))
    g.add((s, RDF.type, ELI.LegalResourceSubdivision if m.kind == "eccn" else ELI.LegalResource))
    if m.kind not in ("notice", "eccn"):
        g.add((s, RDF.type, CG.OfficialMeasure))
    g.add((s, ELI.title, Literal(m.official_name)))
    g.add((s, CG.catalogueKey, Literal(m.key)))
    for name in m.press_names:
        g.add((s, CG.pressName, Literal(name)))
    if m.official:
        g.add((s, CG.official, Literal(m.official)))
    if m.id_local:
        g.add((s, ELI.id_local, Literal(m.id_local)))
    for prop, value in ((CG.dateAnnounced, m.announced), (ELI.date_publication, m.published),
                        (ELI.first_date_entry_in_force, m.effective), (CG.dateRescinded, m.rescinded)):
        if value:
            g.add((s, prop, Literal(value.isoformat(), datatype=XSD.date)))
    for key in m.amends:
        g.add((s, ELI.amends, measure_iri(key)))
    for key in m.rescinds:
        g.add((s, ELI.repeals, measure_iri(key)))
    for eccn in m.eccns:
        g.add((s, CG.touchesEccn, measure_iri("eccn-" + eccn.lower())))
    for body in m.issuer:
        g.add((s, CG.issuedBy, _entity(body)))
    if m.country:
        g.add((s, CG.issuingCountry, _entity(m.country)))
    for chip in m.chips:
        g.add((s, CG.officiallyRestricts, _entity(chip)))
    for chip in m.compliant_chips:
        g.add((s, CG.compliantChip, _entity(chip)))
    for target in m.targets + m.companies:
        g.add((s, CG.officiallyTargets, _entity(target)))
    if m.source_url and _URL.match(m.source_url):
        g.add((s, CG.officialSource, URIRef(m.source_url)))
    if m.source_note:
        g.add((s, CG.sourceNote, Literal(m.source_note)))
    if m.abstract:
        g.add((s, DCTERMS.abstract, Literal(m.abstract)))
    if m.authority:
        g.add((s, CG.authority, Literal(m.authority)))
    if m.program:
        g.add((s, CG.program, Literal(m.program)))
    if m.entries is not None:
        g.add((s, CG.entryCount, Literal(m.entries)))
    g.add((s, CG.measureTopic, Literal(m.topic)))
    g.add((s, CG.prominence, Literal(f"{m.prominence:.2f}", datatype=XSD.decimal)))
    g.add((s, SKOS.notation, Literal(m.key)))


def catalogue_graph(catalogue: Catalogue | None = None) -> Graph:
    """The catalogue's triples (deterministic: the same catalogue gives the same graph)."""
    from ..rdf import bind_prefixes

    g = bind_prefixes(Graph())
    g.bind("eli", ELI)
    for m in catalogue or load_catalogue():
        _measure_triples(g, m)
    return g


def load_into(store, catalogue: Catalogue | None = None) -> URIRef:
    """Write the catalogue into ``store``'s reference graph (replacing it atomically)."""
    return store.load_reference(CATALOGUE_SOURCE, catalogue_graph(catalogue))
