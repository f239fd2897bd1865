"""Plain values that flow through chipgraph: documents in, extractions out.

Data flows one way: :class:`Document` -> :class:`Extraction` (entities, relations and
quotes, each with :class:`Evidence`) -> RDF.  These classes hold no behaviour beyond
conversion to the JSON contract of ``chipgraph extract`` (see ``../shared/eval/README.md``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .extract.output import extraction_json
from .extract.terms import P, T

__all__ = ["ENTITY_TYPES", "PREDICATES", "Document", "Sentence", "Evidence", "Mention", "Entity", "OfficialLink",
           "Relation", "Quote", "Extraction"]


def __getattr__(name: str):
    """``ENTITY_TYPES`` and ``PREDICATES``: the ontology's eight core classes and eight relation
    predicates (local names, in its order), read from the derived terms file on first use."""
    if name == "ENTITY_TYPES":
        return tuple(T)
    if name == "PREDICATES":
        return tuple(P)
    raise AttributeError(f"module 'chipgraph.model' has no attribute {name!r}")


@dataclass(frozen=True)
class Document:
    """One source text with its metadata.

    ``key`` identifies the document across re-ingests (its URL, else its path relative to
    the folder it was ingested from, plus the title or line for JSONL); a changed text
    under the same key replaces the older version.
    """

    key: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or year-month, as given
    publisher: str | None = None
    source: str | None = None  # where it was read from (path[:line]), for messages
    #: an approximate publication date (ISO 8601, as given by ``published_approx`` metadata)
    #: when no exact one is known or it refines a coarser one; for resolving "last October"
    #: in the text, never stated as the document's date (see :meth:`article_date`)
    published_approx: str | None = None

    @property
    def article_date(self) -> str | None:
        """The date relative dates in the text resolve against: the approximate date where
        it refines the exact one (or there is none), else the exact one."""
        return self.published_approx or self.published


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: a sentence of the document and the span inside it."""

    sentence: int  # index into Extraction.sentences
    start: int  # character offsets of the supporting span in Document.text
    end: int


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    sentence: int


@dataclass(frozen=True)
class OfficialLink:
    """The catalogue measure a news ExportControl is (``chipgraph.catalogue.link_measure``)."""

    catalogue: str  # the catalogue key ("fr-2022-21658", "entity_list")
    official: str | None  # FR document number or list key (GUIDELINES.md), if it has one
    confidence: float
    cue: str  # name | name-in-sentence | date | recency | chips
    evidence: str  # the words that decided
    #: further official identifiers: the FR numbers of the rules that made the listing the
    #: text reports ("added 37 entities to the Entity List" in May 2024: its addition rule)
    also: tuple[str, ...] = ()

    @property
    def officials(self) -> list[str]:
        """``official`` and ``also``: what ``chipgraph extract`` JSON states as ``official``."""
        return [x for x in (self.official, *self.also) if x]


@dataclass
class Entity:
    key: str  # normalised key; the entity IRI is derived from it (ids.entity_iri)
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)  # e.g. {"wikidata": "Q182477"}
    listings: list[dict[str, str]] = field(default_factory=list)  # Entity List / CSL entries
    confidence: float = 1.0
    official: OfficialLink | None = None  # a measure linked to the catalogue


@dataclass
class Relation:
    subject: str  # Entity.key
    predicate: str  # one of PREDICATES
    object: str  # Entity.key
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    role: str | None = None  # for affiliatedWith


@dataclass
class Quote:
    speaker: str | None  # Entity.key of a Person, or None when unattributed
    text: str
    evidence: Evidence
    confidence: float = 1.0
    alt_speakers: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # Entity.keys named in the quote's sentence


@dataclass
class Extraction:
    document: Document
    sentences: list[Sentence]
    entities: list[Entity]
    relations: list[Relation]
    quotes: list[Quote]

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``chipgraph extract --format json`` (``extract.output``)."""
        return extraction_json(self)
