"""The text sections below the graph on the site's pages: answers in words, with sources.

:class:`SiteSections` indexes a :class:`~chipgraph.views.graphdata.ViewGraph` and the
:class:`~chipgraph.views.facts.SiteFacts` once (edges by endpoint, quotes by speaker and by
what they name, official measures by chip and target), then builds each page's sections
from those indexes: the work for a whole site grows with the number of relations, quotes
and mentions, not with entities times documents.

A section is plain data (:class:`Section` of :class:`Row` of cells of :class:`Part`); the
template ``sections.html.j2`` renders it with autoescaping, and every link goes through
:func:`~chipgraph.views.html.safe_href`.  Which sections a page has depends on the entity's
class (see :meth:`SiteSections.for_entity`).
"""
from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .. import vocab as _vocab
from ..model import PREDICATES
from .facts import ListingItem, OfficialMeasure, QuoteItem, SentenceItem, SiteFacts, Source
from .graphdata import EvidenceItem, ViewEdge, ViewGraph, ViewNode

#: Predicates as words, from the ontology's labels ("affiliatedWith" -> "affiliated with").
PREDICATE_WORDS: dict[str, str] = {p: _vocab.labels()[p] for p in PREDICATES}
#: A row lists at most this many sources (the newest), then "and N more".
SOURCES_PER_ROW = 5
#: A section of an entity's page shows at most this many rows.
ROWS_PER_SECTION = 200
#: The timeline page's news section shows at most this many documents.
TIMELINE_ROWS = 10_000

_QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「」『』"
_FR_CITATION = re.compile(r"^\s*(\d{1,3})\s*FR\s*(\d{1,6})\s*$", re.I)
_FR_IN_TEXT = re.compile(r"\b\d{1,3}\s*FR\s*\d{1,6}\b")
_HASHED_TAIL = re.compile(r"-[0-9a-f]{8,}$")


@dataclass(frozen=True)
class Part:
    """A piece of a cell: text, optionally a link, then plain ``note`` text after it."""

    text: str
    href: str | None = None
    note: str | None = None
    prefix: str | None = None  # plain text before the link ("restricts " H800)
    quote: bool = False  # rendered as a quotation (<q>), its own marks removed
    external: bool = False  # an official or publisher's page (opens outside the site)


Cell = tuple[Part, ...]


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    date: str | None = None  # ISO date: the timeline filter keeps or hides the row by it
    id: str | None = None  # an anchor (facts a document's text links to)


@dataclass(frozen=True)
class TextPiece:
    """A piece of a document's text: a sentence (``anchor`` set when it is evidence, with the
    facts it supports), the text between sentences, or a gap marker (only when the store has
    no full text).  ``spans`` splits ``text`` into runs, each marked as inside a quote or not;
    ``para`` starts a new paragraph."""

    text: str
    anchor: str | None = None
    facts: Cell = ()
    gap: bool = False
    spans: tuple[tuple[str, bool], ...] = ()
    para: bool = False

    def runs(self) -> tuple[tuple[str, bool], ...]:
        return self.spans or ((self.text, False),)


@dataclass(frozen=True)
class Section:
    name: str  # the element id is "s-" + name
    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    note: str | None = None
    empty: str = "None in the store."
    text: tuple[TextPiece, ...] = ()  # the article text section
    timeline: bool = False  # rows carry dates and the page offers a date-range filter
    credit: Cell = ()  # a credit line under the table


def unquote(text: str) -> str:
    """``text`` without the quotation marks around it (the page adds its own)."""
    t = " ".join(text.split())
    while len(t) >= 2 and t[0] in _QUOTE_MARKS and t[-1] in _QUOTE_MARKS:
        t = t[1:-1].strip()
    t = t.strip(_QUOTE_MARKS + " ") if t[:1] in _QUOTE_MARKS or t[-1:] in _QUOTE_MARKS else t
    return t.rstrip(",;: ")  # the comma before "he said" is not part of the words


def fr_citation_url(citation: str | None) -> str | None:
    """The Federal Register's page for a citation such as ``84 FR 22961``, else None."""
    m = _FR_CITATION.match(citation or "")
    return f"https://www.federalregister.gov/citation/{m[1]}-FR-{m[2]}" if m else None


def fr_citation_year(citation: str | None) -> str | None:
    """The year of a Federal Register citation: volume N is the year 1935 + N."""
    m = _FR_CITATION.match(citation or "")
    return str(1935 + int(m[1])) if m and int(m[1]) > 0 else None


def readable_document_title(iri: str, key: str | None = None,
                            first_line: str | None = None) -> str:
    """A title for a document without one: its file name (or URL) when it was ingested by
    name, else its first kept line, else the readable part of its IRI (never the IRI)."""
    if key:
        tail = key.rstrip("/").replace("\\", "/").rsplit("/", 1)[-1]
        if tail and not key.startswith(("http://", "https://")):
            return tail
        if key.startswith(("http://", "https://")):
            return key
    if first_line and first_line.strip():
        line = " ".join(first_line.split())
        return line if len(line) <= 80 else line[:79] + "…"
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return _HASHED_TAIL.sub("", tail).replace("-", " ").strip() or "Untitled document"


def _name_ok(name: str) -> bool:
    from ..extract.official import pronoun_like

    return bool(name.strip()) and not pronoun_like(name)


def display_aliases(node: ViewNode) -> tuple[str, ...]:
    """A node's aliases that are names: a measure's pronoun-like forms ("the rule") are dropped."""
    if node.cls != "ExportControl":
        return node.aliases
    return tuple(a for a in node.aliases if _name_ok(a))


def display_label(node: ViewNode) -> str:
    """A node's label, or for a measure whose label is pronoun-like ("the rule") its first
    alias that is a name."""
    if node.cls != "ExportControl" or _name_ok(node.label):
        return node.label
    names = display_aliases(node)
    return names[0] if names else node.label


def _human(value: float | int, unit: str) -> str:
    """A specification value with an SI prefix (80e9 bytes -> "80 GB")."""
    base = {"bytes": "B", "byte/s": "B/s"}.get(unit, unit)
    if unit in ("mm²", "nm") or not isinstance(value, (int, float)):
        return f"{value:,} {unit}".strip()
    v, prefix = float(value), ""
    for p in ("k", "M", "G", "T", "P", "E"):
        if abs(v) < 1000:
            break
        v, prefix = v / 1000, p
    return f"{v:.4g} {prefix}{base}"


class SiteSections:
    """Sections for every page of one site (see the module docstring)."""

    def __init__(self, graph: ViewGraph, facts: SiteFacts | None = None, *,
                 node_href: Mapping[str, str] | None = None,
                 doc_href: Mapping[str, str] | None = None) -> None:
        self.graph = graph
        self.facts = facts or SiteFacts()
        self.node_href = node_href or {}
        self.doc_href = doc_href or {}
        self.nodes = {n.id: n for n in graph.nodes}
        self.out: dict[str, list[ViewEdge]] = defaultdict(list)
        self.inc: dict[str, list[ViewEdge]] = defaultdict(list)
        for e in graph.edges:
            self.out[e.source].append(e)
            self.inc[e.target].append(e)
        self.docs: dict[str, Source] = dict(self.facts.documents)
        self.mentions: dict[str, list[str]] = {}  # node -> documents that mention it
        self.doc_nodes: dict[str, list[str]] = defaultdict(list)  # document -> nodes it mentions
        self.doc_edges: dict[tuple[str, str], list[ViewEdge]] = defaultdict(list)
        for n in graph.nodes:
            docs = list(dict.fromkeys(ev.document for ev in n.evidence))
            self.mentions[n.id] = docs
            for d in docs:
                self.doc_nodes[d].append(n.id)
            for ev in n.evidence:
                self._note_doc(ev)
        for e in graph.edges:
            for ev in e.evidence:
                self._note_doc(ev)
                self.doc_edges[(ev.document, ev.sentence)].append(e)
        self.quotes_about: dict[str, list[QuoteItem]] = defaultdict(list)
        self.quotes_by: dict[str, list[QuoteItem]] = defaultdict(list)
        self.doc_quotes: dict[str, list[QuoteItem]] = defaultdict(list)
        for q in self.facts.quotes:
            for e in dict.fromkeys(q.about):
                self.quotes_about[e].append(q)
            for s in dict.fromkeys(q.speakers):
                self.quotes_by[s].append(q)
            self.doc_quotes[q.document].append(q)
        self.listings = defaultdict(list)
        for li in self.facts.listings:
            self.listings[li.entity].append(li)
        list_names = {}
        for m in self.facts.measures.values():
            if m.list:
                for name in (m.name, *m.press_names):
                    list_names.setdefault(_list_key(name), m.iri)
        self.list_of: dict[str, str] = {}  # a listing's list name -> the official list's IRI
        self.listed: dict[str, list] = defaultdict(list)  # official list -> its listings
        for li in self.facts.listings:
            iri = list_names.get(_list_key(li.list_name or ""))
            if iri is not None:
                self.list_of[li.list_name] = iri
                self.listed[iri].append(li)
        self.official_restricts: dict[str, list[OfficialMeasure]] = defaultdict(list)
        self.official_targets: dict[str, list[OfficialMeasure]] = defaultdict(list)
        self.names: dict[str, str] = {}
        for m in self.facts.measures.values():
            for iri, name in m.restricts:
                self.official_restricts[iri].append(m)
                self.names.setdefault(iri, name)
            for iri, name in m.targets:
                self.official_targets[iri].append(m)
                self.names.setdefault(iri, name)
            for iri, name in (*m.issuers, *m.amends, *m.rescinds, *((m.country,) if m.country else ())):
                self.names.setdefault(iri, name)

    def rebased(self, node_href: Mapping[str, str], doc_href: Mapping[str, str]) -> "SiteSections":
        """The same sections with other links (for a page in another folder)."""
        other = copy.copy(self)
        other.node_href, other.doc_href = node_href, doc_href
        return other

    def _note_doc(self, ev: EvidenceItem) -> None:
        if ev.document not in self.docs:
            self.docs[ev.document] = Source(ev.document, ev.title, ev.publisher, ev.published, ev.url)

    # --- small pieces ---------------------------------------------------------------------

    def label(self, iri: str) -> str:
        """The name to show for an entity or measure (a measure's official name when its
        news name is pronoun-like)."""
        m = self.facts.measures.get(iri)
        n = self.nodes.get(iri)
        if n is not None and (m is None or display_label(n) != n.label or _name_ok(n.label)):
            return display_label(n)
        if m is not None:
            return m.name
        if iri in self.names:
            return self.names[iri]
        return n.label if n is not None else readable_document_title(iri)

    def link(self, iri: str, text: str | None = None, note: str | None = None,
             prefix: str | None = None) -> Part:
        return Part(text if text is not None else self.label(iri), self.node_href.get(iri), note, prefix)

    def doc_title(self, doc: str) -> str:
        s = self.docs.get(doc)
        return (s.title if s and s.title else None) or readable_document_title(doc)

    def doc_date(self, doc: str) -> str:
        s = self.docs.get(doc)
        return (s.published if s else None) or ""

    def doc_part(self, doc: str) -> Part:
        s = self.docs.get(doc) or Source(doc)
        note = ", ".join(x for x in (s.publisher, s.published) if x)
        return Part(self.doc_title(doc), self.doc_href.get(doc), note or None)

    def sources(self, docs: Iterable[str]) -> Cell:
        """The documents as links to their pages, newest first, at most SOURCES_PER_ROW."""
        uniq = sorted(dict.fromkeys(docs), key=lambda d: (self.doc_date(d), self.doc_title(d), d),
                      reverse=True)
        parts = [self.doc_part(d) for d in uniq[:SOURCES_PER_ROW]]
        if len(uniq) > SOURCES_PER_ROW:
            parts.append(Part(f"and {len(uniq) - SOURCES_PER_ROW} more"))
        return tuple(parts)

    def edge_sources(self, e: ViewEdge) -> Cell:
        return self.sources(ev.document for ev in e.evidence)

    def official_part(self, m: OfficialMeasure) -> Cell:
        if not m.url and not m.official:
            return ()
        text = f"FR {m.official}" if m.official and _FR_DOC.match(m.official) else "official source"
        return (Part(text, m.url, external=True),)

    @staticmethod
    def official_dates(m: OfficialMeasure) -> str:
        parts = [f"{w} {d}" for w, d in (("announced", m.announced), ("published", m.published),
                                         ("in force", m.effective), ("rescinded", m.rescinded)) if d]
        return "; ".join(parts)

    def affiliations(self, person: str) -> Cell:
        parts = []
        for e in sorted(self.out.get(person, ()), key=lambda e: (self.label(e.target), e.role or "")):
            if e.predicate == "affiliatedWith":
                parts.append(self.link(e.target, note=e.role or None))
        return tuple(parts)

    def issuers(self, measure: str) -> Cell:
        found = {e.target: self.link(e.target) for e in self.out.get(measure, ())
                 if e.predicate == "imposedBy"}
        m = self.facts.measures.get(measure)
        if m is not None:
            for iri, name in (*m.issuers, *((m.country,) if m.country else ())):
                found.setdefault(iri, self.link(iri, self.label(iri) if iri in self.nodes else name))
        return tuple(sorted(found.values(), key=lambda p: p.text.casefold()))

    def _cap(self, rows: list[Row], what: str, limit: int = ROWS_PER_SECTION) -> tuple[tuple[Row, ...], str | None]:
        if len(rows) <= limit:
            return tuple(rows), None
        return tuple(rows[:limit]), f"The first {limit:,} of {len(rows):,} {what}."

    # --- sections -------------------------------------------------------------------------

    def restriction_items(self, entity: str) -> list[tuple[str, str, str, list[str], bool]]:
        """``(measure, relation, what, news documents, official?)`` for every measure that
        targets ``entity`` or restricts it or a chip it makes, from the news and the catalogue."""
        n = self.nodes.get(entity)
        chips = [entity] if n is not None and n.cls == "Chip" else []
        chips += [e.target for e in self.out.get(entity, ()) if e.predicate in ("manufactures", "usesChip")]
        found: dict[tuple[str, str, str], list[str]] = {}
        official: set[tuple[str, str, str]] = set()
        for e in self.inc.get(entity, ()):
            if e.predicate == "targets":
                found.setdefault((e.source, "targets", entity), []).extend(ev.document for ev in e.evidence)
        for m in self.official_targets.get(entity, ()):
            official.add((m.iri, "targets", entity))
        for chip in dict.fromkeys(chips):
            for e in self.inc.get(chip, ()):
                if e.predicate == "restricts":
                    found.setdefault((e.source, "restricts", chip), []).extend(ev.document for ev in e.evidence)
            for m in self.official_restricts.get(chip, ()):
                official.add((m.iri, "restricts", chip))
        return [(*key, found.get(key, []), key in official) for key in sorted(found.keys() | official)]

    def _measure_date(self, measure: str, docs: list[str]) -> tuple[str | None, str]:
        """The date to sort a measure by (official, else first reported) and how to say it."""
        m = self.facts.measures.get(measure)
        if m is not None and m.date:
            return m.date, self.official_dates(m)
        first = min((self.doc_date(d) for d in docs if self.doc_date(d)), default=None)
        return first, f"unknown (first reported {first})" if first else "unknown"

    def measure_link(self, measure: str) -> Part:
        """A measure by its official name when the catalogue knows it, else its news name."""
        m = self.facts.measures.get(measure)
        return self.link(measure, m.name if m is not None else None)

    def grouped_restrictions(self, entity: str) -> list[tuple[str, list[tuple[str, str]], list[str], bool]]:
        """:meth:`restriction_items` grouped by measure: ``(measure, [(relation, what)],
        news documents, official?)``."""
        groups: dict[str, tuple[list, list, list]] = {}
        for measure, rel, what, docs, official in self.restriction_items(entity):
            g = groups.setdefault(measure, ([], [], []))
            g[0].append((rel, what))
            g[1].extend(docs)
            g[2].append(official)
        return [(m, what, docs, any(off)) for m, (what, docs, off) in groups.items()]

    def restrictions(self, entity: str, name: str, title: str) -> Section:
        """Measures that target ``entity``, or restrict it or the chips it makes (news and
        catalogue), with the chips, the issuer, the official date and the FR link, by date."""
        rows = []
        for measure, what, docs, official in self.grouped_restrictions(entity):
            m = self.facts.measures.get(measure)
            date, when = self._measure_date(measure, docs)
            src = self.sources(docs)  # the official text is the Federal Register column's link
            if official and m is not None and not m.url:
                src = (Part("the measure catalogue"),) + src
            rows.append(Row((
                (self.measure_link(measure),),
                tuple(self.link(w, prefix=PREDICATE_WORDS[rel] + " ") for rel, w in what),
                self.issuers(measure) or (Part("unknown"),),
                tuple(Part(x) for x in when.split("; ")),
                (self.official_part(m) if m else ()) or (Part("none known"),),
                src,
            ), date=date))
        rows.sort(key=lambda r: (r.date or "9999", r.cells[0][0].text.casefold()))
        shown, note = self._cap(rows, "measures")
        return Section(name, title, ("Measure", "What it does", "Issued by", "Official date",
                                     "Federal Register", "Sources"), shown, note,
                       empty="No measure in the store targets it or restricts its chips.")

    def chips_of(self, company: str) -> Section:
        """The chips a company makes or uses, with their status per rule version."""
        rows = []
        for e in sorted(self.out.get(company, ()), key=lambda e: (self.label(e.target).casefold(), e.predicate)):
            if e.predicate not in ("manufactures", "usesChip"):
                continue
            rows.append(Row(((self.link(e.target),), (Part(PREDICATE_WORDS[e.predicate]),),
                             self.status_cell(e.target), self.edge_sources(e))))
        return Section("chips", "Its chips", ("Chip", "Relation", "3A090 status per rule version", "Sources"),
                       tuple(rows), empty="No chip it makes or uses is in the store.")

    def status_cell(self, chip: str) -> Cell:
        panel = self.facts.chips.get(chip)
        if not panel:
            return (Part("not assessed (no specifications)"),)
        parts = []
        for v in panel.get("variants", ()):
            statuses = "; ".join(f"{s['rule_label']}: {s['status']}" for s in v.get("statuses", ()))
            parts.append(Part(v.get("label") or v.get("name") or "", note=statuses or "unknown"))
        return tuple(parts)

    def people(self, org: str) -> Section:
        rows = []
        for e in sorted(self.inc.get(org, ()), key=lambda e: (self.label(e.source).casefold(), e.role or "")):
            if e.predicate == "affiliatedWith" and self.nodes[e.source].cls == "Person":
                rows.append(Row(((self.link(e.source),), (Part(e.role or "—"),), self.edge_sources(e))))
        return Section("people", "People", ("Person", "Role", "Sources"), tuple(rows),
                       empty="No person in the store is affiliated with it.")

    def listings_of(self, entity: str) -> Section:
        rows = []
        for li in sorted(self.listings.get(entity, ()),
                         key=lambda li: (li.list_name or "", li.citation or "", li.listed_name or "")):
            official = self.list_of.get(li.list_name or "")
            first = (self.link(official, li.list_name) if official and official in self.node_href
                     else Part(li.list_name or "unknown list", li.url, external=bool(li.url)))
            cites, when, date = _citations(li)
            rows.append(Row(((first,), (Part(li.listed_name or "—"),), cites, when), date=date))
        return Section("listings", "Listings", ("List", "Listed as", "Federal Register citation", "Listed"),
                       tuple(rows), empty="Not on any official list in the store.")

    def quotes(self, items: list[QuoteItem], name: str, title: str, empty: str) -> Section:
        ordered = sorted(items, key=lambda q: (self.doc_date(q.document), q.document, q.start or 0),
                         reverse=True)
        rows = []
        for q in dict.fromkeys(ordered):
            speakers = tuple(self.link(s) for s in q.speakers) or (Part("unknown speaker"),)
            affil: Cell = tuple(p for s in q.speakers for p in self.affiliations(s))
            rows.append(Row((speakers, affil or (Part("—"),), (Part(unquote(q.text), quote=True),),
                             (self.doc_part(q.document),)), date=self.doc_date(q.document) or None))
        shown, note = self._cap(rows, "quotes, newest first")
        return Section(name, title, ("Speaker", "Affiliation", "Quote", "Source"), shown, note, empty=empty)

    def affiliations_of(self, person: str) -> Section:
        rows = [Row(((self.link(e.target),), (Part(e.role or "—"),), self.edge_sources(e)))
                for e in sorted(self.out.get(person, ()), key=lambda e: (self.label(e.target).casefold(), e.role or ""))
                if e.predicate == "affiliatedWith"]
        return Section("affiliations", "Affiliations", ("Organisation", "Role", "Sources"), tuple(rows),
                       empty="No affiliation in the store.")

    def relations(self, entity: str) -> Section:
        rows = []
        edges = [*self.out.get(entity, ()), *self.inc.get(entity, ())]
        for e in sorted(edges, key=lambda e: (e.predicate, self.label(e.source).casefold(),
                                               self.label(e.target).casefold())):
            what = (Part(PREDICATE_WORDS[e.predicate], note=f"({e.role})" if e.role else None),)
            rows.append(Row(((self.link(e.source),), what, (self.link(e.target),), self.edge_sources(e))))
        shown, note = self._cap(rows, "relations")
        return Section("relations", "Relations", ("Subject", "Relation", "Object", "Sources"), shown, note,
                       empty="No relation in the store.")

    def related(self, entity: str, predicate: str, name: str, title: str, empty: str,
                *, incoming: bool = True) -> Section:
        edges = self.inc.get(entity, ()) if incoming else self.out.get(entity, ())
        rows = [Row(((self.link(e.source if incoming else e.target),), self.edge_sources(e)))
                for e in sorted(edges, key=lambda e: self.label(e.source if incoming else e.target).casefold())
                if e.predicate == predicate]
        return Section(name, title, (title.rstrip("s") if title.endswith("s") else title, "Sources"),
                       tuple(rows), empty=empty)

    def measure_details(self, measure: str) -> Section:
        m = self.facts.measures.get(measure)
        if m is None:
            n = self.nodes.get(measure)
            names = display_aliases(n) if n is not None else ()
            rows = [Row(((Part("Official measure"),),
                         (Part("not identified: the news does not say which official measure this is"),)))]
            if names:
                rows.append(Row(((Part("Also called"),), (Part("; ".join(names)),))))
            if self.issuers(measure):
                rows.append(Row(((Part("Imposed by"),), self.issuers(measure))))
            return Section("official", "Official details", ("Field", "Value"), tuple(rows))
        rows = [
            ("Official name", (Part(m.name),)),
            ("Type", (Part(m.kind),)),
            ("Issued by", self.issuers(measure) or (Part("unknown"),)),
            ("Announced", (Part(m.announced or "unknown"),)),
            ("Published", (Part(m.published or "unknown"),)),
            ("In force", (Part(m.effective or "unknown"),)),
        ]
        if m.rescinded:
            rows.append(("Rescinded", (Part(m.rescinded),)))
        rows.append(("Federal Register" if m.official and _FR_DOC.match(m.official) else "Official source",
                     self.official_part(m) or (Part("unknown"),)))
        rows.append(("Amends", tuple(self.link(i, self.label(i) if i in self.nodes else n) for i, n in m.amends)
                     or (Part("nothing in the catalogue"),)))
        if m.rescinds:
            rows.append(("Rescinds", tuple(self.link(i, n) for i, n in m.rescinds)))
        if m.eccns:
            rows.append(("ECCNs", (Part(", ".join(m.eccns)),)))
        names = list({p.casefold(): p for p in reversed(m.press_names) if _name_ok(p)}.values())[::-1]
        if names:
            rows.append(("Called in the press", (Part("; ".join(names)),)))
        return Section("official", "Official details", ("Field", "Value"),
                       tuple(Row(((Part(k),), v)) for k, v in rows))

    def on_the_list(self, measure: str) -> Section:
        """The entities in the store listed on an official list, with the citations."""
        rows = []
        for li in sorted(self.listed.get(measure, ()), key=lambda li: (self.label(li.entity).casefold(),
                                                                        li.listed_name or "")):
            cites, when, date = _citations(li)
            rows.append(Row(((self.link(li.entity),), (Part(li.listed_name or "—"),), cites, when), date=date))
        return Section("listed", "On this list", ("Entity", "Listed as", "Federal Register citation", "Listed"),
                       tuple(rows), empty="No entity in the store is on this list.")

    def measure_scope(self, measure: str) -> Section:
        rows = []
        m = self.facts.measures.get(measure)
        news = {(e.predicate, e.target): e for e in self.out.get(measure, ())
                if e.predicate in ("restricts", "targets")}
        official = {("restricts", i) for i, _ in (m.restricts if m else ())} | \
                   {("targets", i) for i, _ in (m.targets if m else ())}
        for rel, what in sorted(news.keys() | official, key=lambda k: (k[0], self.label(k[1]).casefold())):
            src: Cell = ()
            if (rel, what) in official and m is not None:
                src = (Part("the official text", m.url, external=True) if m.url else Part("the measure catalogue"),)
            if (rel, what) in news:
                src += self.edge_sources(news[(rel, what)])
            rows.append(Row(((Part(PREDICATE_WORDS[rel]),), (self.link(what),), src)))
        return Section("scope", "Chips and targets", ("Relation", "What", "Sources"), tuple(rows),
                       empty="The store does not say what it restricts or targets.")

    def in_the_news(self, entity: str) -> Section:
        n = self.nodes.get(entity)
        first: dict[str, str] = {}
        for ev in (n.evidence if n is not None else ()):
            first.setdefault(ev.document, ev.sentence)
        docs = sorted(first, key=lambda d: (self.doc_date(d), self.doc_title(d), d))
        rows = [Row(((Part(self.doc_date(d) or "undated"),), (self.doc_part(d),),
                     (Part(first[d], quote=False),)), date=self.doc_date(d) or None) for d in docs]
        shown, note = self._cap(rows, "articles, oldest first")
        if n is not None and n.evidence_count > len(n.evidence):
            note = (note + " " if note else "") + f"The page carries a sample of {n.evidence_count:,} mentions."
        return Section("news", "In the news", ("Date", "Document", "It says"), shown, note,
                       empty="No document in the store mentions it.")

    def chip_specs(self, chip: str) -> list[Section]:
        panel = self.facts.chips.get(chip)
        credit: Cell = ()
        if panel:
            credit = (Part("Specifications: "), Part(panel["credit"], panel.get("credit_url"), external=True,
                                                     note=f"({panel.get('licence', '')})"))
        if not panel:
            return [Section("specs", "Specifications", empty="Not in any specification table: unknown."),
                    Section("status", "Status under each rule version",
                            empty="Not assessed: its specifications are unknown.")]
        variants = panel["variants"]
        columns = ("Specification", *(v.get("label") or v["name"] for v in variants))
        rows = [Row(((Part("maker"),), *((Part(v.get("maker") or "unknown"),) for v in variants))),
                Row(((Part("release date"),), *((Part(v.get("release_date") or "unknown"),) for v in variants)))]
        for i, spec in enumerate(variants[0]["specs"]):
            cells: list[Cell] = [(Part(spec["label"]),)]
            for v in variants:
                s = v["specs"][i]
                if s["value"] is None:
                    cells.append((Part("unknown"),))
                    continue
                text = (f"{s['value'] / 1e12:,.0f} (TPP)" if s["field"] == "epoch_tpp_bit_ops_per_s"
                        else _human(s["value"], s["unit"]))
                note = "approximation: " + s["approximation"] if s.get("approximation") else None
                cells.append((Part(text, s.get("source"), note=note, external=True),))
            rows.append(Row(tuple(cells)))
        specs = Section("specs", "Specifications", columns, tuple(rows), credit=credit)
        srows = []
        for v in variants:
            for st in v["statuses"]:
                systems = st.get("systems", ())  # 4A090: a computer containing the chip
                why = (*(Part(a["explanation"]) for a in st["assessments"]),
                       *(Part(x["explanation"]) for x in systems))
                system = ", ".join(x["eccn"] for x in systems if x["result"] == "meets")
                srows.append(Row(((Part(v.get("label") or v["name"]),),
                                  (Part(st["rule_label"], st.get("rule_url"), external=True),),
                                  (Part(st["status"]),),
                                  (Part(system or ("not 4A090" if systems else "unknown")),),
                                  why)))
        status = Section("status", "Status under each rule version",
                         ("Variant", "Rule version", "Status", "A system containing it", "Why"),
                         tuple(srows), credit=credit,
                         empty="No assessment: its specifications are unknown.")
        return [specs, status]

    def timeline_of(self, entity: str) -> Section:
        """The entity's dated events: measures by official date, news by publication date."""
        n = self.nodes.get(entity)
        events: list[Row] = []
        m = self.facts.measures.get(entity)
        if m is not None:
            for what, d in (("announced", m.announced), ("published", m.published),
                            ("in force", m.effective), ("rescinded", m.rescinded)):
                if d:
                    events.append(Row(((Part(d),), (Part(f"{self.label(entity)} {what}"),),
                                       self.official_part(m)), date=d))
        if n is not None and n.cls != "ExportControl":
            for measure, what, docs, _official in self.grouped_restrictions(entity):
                date, _when = self._measure_date(measure, docs)
                if date:
                    m = self.facts.measures.get(measure)
                    does = "; ".join(f"{PREDICATE_WORDS[rel]} {self.label(w)}" for rel, w in what)
                    lk = self.measure_link(measure)
                    events.append(Row(((Part(date),), (Part(lk.text, lk.href, f"({does})"),),
                                       self.official_part(m) if m else ()), date=date))
        for d in self.mentions.get(entity, ()):
            date = self.doc_date(d)
            if date:
                dp = self.doc_part(d)
                events.append(Row(((Part(date),), (Part(dp.text, dp.href, dp.note, "In the news: "),), ()),
                                  date=date))
        events.sort(key=lambda r: (r.date or "", r.cells[1][0].text))
        shown, note = self._cap(events, "dated events")
        return Section("timeline", "Timeline", ("Date", "Event", "Official source"), shown, note,
                       empty="Nothing dated in the store.", timeline=True)

    # --- pages ----------------------------------------------------------------------------

    def for_entity(self, entity: str) -> list[Section]:
        """The sections of an entity's page (or of an official measure no document names)."""
        n = self.nodes.get(entity)
        if n is None:
            out = [self.measure_details(entity), self.measure_scope(entity)]
            if self.facts.measures[entity].list:
                out.append(self.on_the_list(entity))
            return [*out, self.in_the_news(entity), self.timeline_of(entity)]
        about = self.quotes_about.get(entity, [])
        q_about = self.quotes(about, "quotes", "Quotes about it", "No quote in the store names it.")
        if n.cls == "Company":
            out = [self.restrictions(entity, "restrictions", "Restrictions that affect it"),
                   self.chips_of(entity), self.people(entity), self.listings_of(entity), q_about]
        elif n.cls == "Person":
            out = [self.affiliations_of(entity),
                   self.quotes(self.quotes_by.get(entity, []), "said", "Quotes",
                               "No quote of theirs is in the store.")]
            if about:
                out.append(self.quotes(about, "quotes", "Quotes about them", ""))
        elif n.cls == "ExportControl":
            out = [self.measure_details(entity), self.measure_scope(entity)]
            if entity in self.facts.measures and self.facts.measures[entity].list:
                out.append(self.on_the_list(entity))
            out += [self.in_the_news(entity), q_about]
        elif n.cls == "Chip":
            makers = self.related(entity, "manufactures", "maker", "Maker", "No maker in the store.")
            panel = self.facts.chips.get(entity)
            if not makers.rows and panel and panel["variants"] and panel["variants"][0].get("maker"):
                makers = Section("maker", "Maker", ("Maker", "Sources"), (Row((
                    (Part(panel["variants"][0]["maker"]),), (Part("chip specifications"),))),))
            out = [makers, self.restrictions(entity, "restrictions", "Measures that restrict it"),
                   self.related(entity, "usesChip", "users", "Users", "No user in the store."),
                   *self.chip_specs(entity), q_about]
        else:
            out = [self.relations(entity)]
            if any(e.predicate == "affiliatedWith" for e in self.inc.get(entity, ())):
                out.append(self.people(entity))
            if self.listings.get(entity):
                out.append(self.listings_of(entity))
            if n.cls in ("Country", "Organization", "GovernmentBody"):
                out.append(self.restrictions(entity, "restrictions", "Measures that target it"))
            out.append(q_about)
        out.append(self.timeline_of(entity))
        return out

    def for_document(self, doc: str) -> list[Section]:
        out = []
        sentences = sorted(self.facts.sentences.get(doc, ()), key=lambda s: (s.start, s.end))
        quotes = sorted(self.doc_quotes.get(doc, []), key=lambda q: q.start or 0)
        quote_ids = {id(q): f"q-{i}" for i, q in enumerate(quotes)}
        fact_rows: list[Row] = []

        def sentence_piece(i: int, s: SentenceItem, spans: tuple[tuple[str, bool], ...] = (),
                           para: bool = False) -> TextPiece:
            edges = self.doc_edges.get((doc, s.text), [])
            said = [q for q in quotes if q.start is not None and s.start <= q.start < s.end]
            if not edges and not said:
                return TextPiece(s.text, spans=spans, para=para)
            anchor = f"t-{i}"
            facts: list[Part] = []
            for e in edges:
                facts.append(Part(f"{self.label(e.source)} {PREDICATE_WORDS[e.predicate]} {self.label(e.target)}",
                                  f"#f-{len(fact_rows)}"))
                fact_rows.append(Row(((self.link(e.source),),
                                      (Part(PREDICATE_WORDS[e.predicate], note=f"({e.role})" if e.role else None),),
                                      (self.link(e.target),), (Part("the sentence", "#" + anchor),)),
                                     id=f"f-{len(fact_rows)}"))
            for q in said:
                who = " or ".join(self.label(x) for x in q.speakers) or "unknown speaker"
                facts.append(Part(f"quote of {who}", "#" + quote_ids[id(q)]))
            return TextPiece(s.text, anchor, tuple(facts), spans=spans, para=para)

        full = self.facts.texts.get(doc)
        if full is not None and _offsets_fit(full, sentences):
            pieces = _whole_text(full, sentences, quotes, sentence_piece)
            note = ("Highlighted sentences are evidence for the facts linked after them; "
                    "underlined passages are quotes.")
        else:  # a store ingested before documents kept their text: the sentences it keeps
            pieces, last = [], 0
            for i, s in enumerate(sentences):
                if s.start > last + 1 or (i == 0 and s.start > 0):
                    pieces.append(TextPiece("…", gap=True))
                last = max(last, s.end)
                pieces.append(sentence_piece(i, s))
            note = ("The store keeps the sentences that name an entity or state a fact; "
                    "… marks text it left out. Highlighted sentences are evidence.")
        out.append(Section("text", "Article text", text=tuple(pieces), note=note if pieces else None,
                           empty="The store keeps no text of this document."))
        out.append(Section("facts", "Facts it states", ("Subject", "Relation", "Object", "Evidence"),
                           tuple(fact_rows), empty="No relation in the store comes from it."))
        rows = []
        for q in quotes:
            speakers = tuple(self.link(s) for s in q.speakers) or (Part("unknown speaker"),)
            affil = tuple(p for s in q.speakers for p in self.affiliations(s))
            rows.append(Row((speakers, affil or (Part("—"),), (Part(unquote(q.text), quote=True),)),
                            id=quote_ids[id(q)]))
        out.append(Section("quotes", "Quotes", ("Speaker", "Affiliation", "Quote"), tuple(rows),
                           empty="No attributed quote in the store comes from it."))
        return out

    def timeline_page(self) -> list[Section]:
        """Measures by official date, each with the news that mentions it; news by date."""
        rows = []
        seen: set[str] = set()
        for m in self.facts.measures.values():
            if not m.date or not (m.timeline or self.mentions.get(m.iri)):
                continue
            seen.add(m.iri)
            rows.append(Row(((Part(m.date),), (self.measure_link(m.iri),), (Part(m.kind),), self.issuers(m.iri),
                             self.official_part(m), self.sources(self.mentions.get(m.iri, ()))), date=m.date))
        for n in self.graph.nodes:
            if n.cls != "ExportControl" or n.id in seen:
                continue
            docs = self.mentions.get(n.id, [])
            dates = sorted(self.doc_date(d) for d in docs if self.doc_date(d))
            if not dates:
                continue
            rows.append(Row(((Part(dates[0], note="(first reported; no official date known)"),),
                             (self.link(n.id),), (Part("not identified"),), self.issuers(n.id), (),
                             self.sources(docs)), date=dates[0]))
        rows.sort(key=lambda r: (r.date or "", r.cells[1][0].text.casefold()))
        measures = Section("measures", "Measures by official date",
                           ("Date", "Measure", "Type", "Issued by", "Official source", "In the news"),
                           tuple(rows), empty="No dated measure in the store.", timeline=True)
        news = []
        for d in sorted(self.docs, key=lambda d: (self.doc_date(d), self.doc_title(d), d)):
            ms = [x for x in self.doc_nodes.get(d, ()) if self.nodes[x].cls == "ExportControl"]
            news.append(Row(((Part(self.doc_date(d) or "undated"),), (self.doc_part(d),),
                             tuple(self.link(x) for x in sorted(ms, key=lambda x: self.label(x).casefold()))),
                            date=self.doc_date(d) or None))
        shown, note = self._cap(news, "documents, oldest first", TIMELINE_ROWS)
        return [measures, Section("news", "News by publication date", ("Date", "Document", "Measures it names"),
                                  shown, note, empty="No document in the store.", timeline=True)]


_FR_DOC = re.compile(r"^\d{2,4}-\d{3,6}$")


def _offsets_fit(full: str, sentences: list[SentenceItem]) -> bool:
    """Whether every kept sentence is the text at its offsets, in order, without overlap."""
    last = 0
    for s in sentences:
        if not (last <= s.start < s.end <= len(full)) or full[s.start:s.end] != s.text:
            return False
        last = s.end
    return True


def _quote_runs(full: str, start: int, end: int,
                quoted: list[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    """``full[start:end]`` cut into runs inside and outside the quotes' spans."""
    cuts = {start, end}
    for a, b in quoted:
        if a < end and b > start:
            cuts.update((max(a, start), min(b, end)))
    points = sorted(cuts)
    return tuple((full[a:b], any(qa <= a and b <= qb for qa, qb in quoted))
                 for a, b in zip(points, points[1:]) if a < b)


def _whole_text(full: str, sentences: list[SentenceItem], quotes: list[QuoteItem],
                sentence_piece: Callable[..., TextPiece]) -> list[TextPiece]:
    """The whole of ``full`` as pieces: the kept sentences (made by ``sentence_piece``) and
    the text between them, a paragraph at every line break, quotes marked."""
    quoted = [(q.start, q.end) for q in quotes
              if q.start is not None and q.end is not None and 0 <= q.start < q.end <= len(full)]
    pieces: list[TextPiece] = []
    para = True

    def between(a: int, b: int) -> None:
        nonlocal para
        at = a
        for k, line in enumerate(full[a:b].split("\n")):
            para = para or k > 0
            words = line.strip()
            if words:
                x = at + len(line) - len(line.lstrip())
                pieces.append(TextPiece(words, spans=_quote_runs(full, x, x + len(words), quoted), para=para))
                para = False
            at += len(line) + 1

    last = 0
    for i, s in enumerate(sentences):
        between(last, s.start)
        runs = tuple((" ".join(t.split("\n")), q) for t, q in _quote_runs(full, s.start, s.end, quoted))
        pieces.append(sentence_piece(i, s, runs, para))
        para = False
        last = s.end
    between(last, len(full))
    return pieces


def _citations(li: ListingItem) -> tuple[Cell, Cell, str | None]:
    """A listing's Federal Register citations as links, when it was listed and its first date:
    the dates the official text states when the store has them, else the volumes' years."""
    # the citations, however the list separates them ("84 FR 1; 85 FR 2", "84 FR 1, 5/21/19, ...")
    cites = (list(dict.fromkeys(_FR_IN_TEXT.findall(li.citation or "")))
             or [c.strip() for c in (li.citation or "").split(";") if c.strip()])
    links = tuple(Part(c, fr_citation_url(c), external=True) for c in cites) or (Part("—"),)
    years = sorted(y for y in map(fr_citation_year, cites) if y)
    if li.listed_on:
        # the official text's dates; a later citation it gives no date for shows its volume's year
        later = [d for d in li.amended_on if d > li.listed_on]
        dated_years = {li.listed_on[:4], *(d[:4] for d in later)}
        undated = list(dict.fromkeys(y for y in years if y > li.listed_on[:4] and y not in dated_years))
        amended = sorted(later + undated)
        text = f"listed {li.listed_on}" + (f"; amended {', '.join(amended)}" if amended else "")
        note = "(dates of the official list's notices" + (
            "; a year alone is that of the Federal Register volume)" if undated else ")")
        return links, (Part(text, note=note),), li.listed_on
    if not years:
        return links, (Part("unknown"),), None
    later = list(dict.fromkeys(y for y in years[1:] if y != years[0]))
    text = years[0] + (f"; amended {', '.join(later)}" if later else "")
    return links, (Part(text, note="(year of the Federal Register volume)"),), years[0]


def _list_key(name: str) -> str:
    """A list's name for matching a listing to its official list: without parentheses and
    what follows a dash ("Entity List (EL) - Bureau of ..." -> "entity list")."""
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.split(r"\s[-–—]\s", name, maxsplit=1)[0]
    return " ".join(name.casefold().replace("’", "'").split())
