"""The facts the site's text sections are written from, as plain frozen values.

:mod:`chipgraph.viewdata` reads them from the store (a handful of whole-store queries, one
per kind of fact, never one per entity); the views never read RDF.  Everything here is
optional: a site built from a :class:`~chipgraph.views.graphdata.ViewGraph` alone still
gets the sections the graph can answer (relations, people, chips, news).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """A document a row cites: its page in the site and its metadata."""

    document: str  # document IRI
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class QuoteItem:
    """One attributed quote: its words, speakers (entity IRIs), what it names, where it is."""

    text: str
    document: str
    speakers: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None  # the quote's span in the document's text, when the store has it


@dataclass(frozen=True)
class ListingItem:
    """An entity's entry on an official list (the Entity List ...), as the store keeps it."""

    entity: str
    list_name: str | None = None
    listed_name: str | None = None
    citation: str | None = None  # Federal Register citation, e.g. "84 FR 22961"
    url: str | None = None
    listed_on: str | None = None  # ISO date of the first notice, when the official text states it
    amended_on: tuple[str, ...] = ()  # ISO dates of the later notices


@dataclass(frozen=True)
class SentenceItem:
    """A sentence a document keeps (with a mention, evidence or a quote), with its offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OfficialMeasure:
    """A catalogue measure's official details (see :mod:`chipgraph.catalogue`)."""

    iri: str
    name: str  # official name (eli:title)
    kind: str  # "Rule", "Official list", "Licence requirement", "Law", "Bill", ...
    key: str
    official: str | None = None  # FR document number or list key
    announced: str | None = None  # ISO dates
    published: str | None = None
    effective: str | None = None
    rescinded: str | None = None
    url: str | None = None  # the official source (Federal Register page ...)
    issuers: tuple[tuple[str, str], ...] = ()  # (entity IRI, name)
    country: tuple[str, str] | None = None
    amends: tuple[tuple[str, str], ...] = ()  # (measure IRI, official name)
    rescinds: tuple[tuple[str, str], ...] = ()
    restricts: tuple[tuple[str, str], ...] = ()  # (entity IRI, name): chips
    targets: tuple[tuple[str, str], ...] = ()  # countries, companies
    press_names: tuple[str, ...] = ()
    eccns: tuple[str, ...] = ()
    timeline: bool = True  # shown on the timeline page (chip-related, not a notice)
    list: bool = False  # an official list (the Entity List ...): listings name it

    @property
    def date(self) -> str | None:
        """The measure's own date: announced, else published, else in force."""
        return self.announced or self.published or self.effective


@dataclass(frozen=True)
class SiteFacts:
    measures: Mapping[str, OfficialMeasure] = field(default_factory=dict)  # by IRI
    quotes: tuple[QuoteItem, ...] = ()
    listings: tuple[ListingItem, ...] = ()
    sentences: Mapping[str, tuple[SentenceItem, ...]] = field(default_factory=dict)  # by document
    chips: Mapping[str, Any] = field(default_factory=dict)  # chip IRI -> chipspecs.chip_panel()
    documents: Mapping[str, Source] = field(default_factory=dict)  # by document IRI
    texts: Mapping[str, str] = field(default_factory=dict)  # document IRI -> its full text (cg:fullText)
