"""Typed values shared by the extraction components.

- :class:`Entry` and :class:`Hit`: a known entity of the packaged data and a match of it;
- :class:`Candidate`: one typed span of the text (a mention before linking);
- :class:`MeasureFacts`: what a measure's own phrase says (its name, country, date, cue);
- :class:`Linked`: one entity of the document with the candidates that mention it;
- :class:`Measure`: one export-control measure: its mentions, key and entity;
- :class:`Anaphor`: a definite description ("the company") resolved to an entity;
- :class:`RelationHit`: one relation found in one sentence;
- :class:`Resolved`: a component's new list of all candidates (overlaps settled);
- :class:`SentenceIndex`: character offset -> sentence.

None of them holds behaviour beyond a lookup; components return them and the pipeline
records them into the :class:`~chipgraph.extract.context.DocContext`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Entity, Sentence
from .keys import entity_key


@dataclass
class Entry:
    """One known entity: a canonical name and the forms that name it."""

    name: str
    type: str
    forms: list[str] = field(default_factory=list)
    country: str | None = None
    case_sensitive: bool = False
    source: str = "gazetteer"  # gazetteer | reference | chip | country | government
    listings: list[dict[str, str]] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    maker: str | None = None  # chips: canonical name of the manufacturer (Epoch)
    listed: str | None = None  # the reference listing this entry joins (entities.tsv ``listed=``)

    @property
    def key(self) -> str:
        return entity_key(self.name)


@dataclass
class Hit:
    start: int
    end: int
    surface: str
    entry: Entry
    form_kind: str  # "name" | "demonym" | "government"


@dataclass
class MeasureFacts:
    """What the phrase of one export-control mention says about its measure."""

    named: str | None = None  # canonical name of a named measure ("Entity List")
    agency: str | None = None  # the agency that keeps a named list
    country: str | None = None  # the imposing country, from the phrase or its subject
    cue: str | None = None  # "new" | "old": the article contrasts two measures
    year: str | None = None
    month: str | None = None
    forms: list[str] = field(default_factory=list)  # the phrase's other surface forms
    strong: bool = False  # the phrase alone identifies a trade measure
    # a measure stated by a verb ("the ministry halted shipments of X to Y"): the span of the
    # government that is the verb's subject, and the span of the verb's object
    imposer: tuple[int, int] | None = None
    objects: tuple[int, int] | None = None


@dataclass
class Candidate:
    start: int
    end: int
    surface: str
    type: str
    canon: str  # canonical name hint; linking turns it into the entity name
    confidence: float
    source: str  # the component that found it: dictionary | chip | person | organization | control
    entry: Entry | None = None
    kind: str = "name"  # name | demonym | government | surname | acronym | anaphor
    sentence: int = -1  # set once, when the pipeline records the candidate
    measure: MeasureFacts | None = None  # ExportControl candidates
    defined: bool = False  # organizations: a long name defined by its acronym in the text
    country_body: bool = False  # organizations: "COUNTRY's trade ministry"


@dataclass
class Linked:
    """One entity of the document and the candidates that mention it."""

    entity: Entity
    mentions: list[Candidate] = field(default_factory=list)
    demonym_only: bool = False


@dataclass
class Measure:
    """One export-control measure of the document."""

    mentions: list[Candidate]
    key: str
    entity: Entity


@dataclass
class Anaphor:
    """A definite description ("the firm") that stands for ``linked`` in relations."""

    candidate: Candidate
    linked: Linked


@dataclass(frozen=True)
class RelationHit:
    subject: str  # entity keys
    predicate: str
    object: str
    sentence: int
    span: tuple[int, int]
    confidence: float
    role: str | None = None


class RelationHits(list):
    """The hits of one relation component, in the order found."""

    def add(self, s: str, p: str, o: str, sentence: int, span: tuple[int, int], conf: float,
            role: str | None = None) -> None:
        self.append(RelationHit(s, p, o, sentence, span, conf, role))


@dataclass
class Resolved:
    """All the document's candidates, as a component has re-selected them."""

    candidates: list[Candidate]


class SentenceIndex:
    """Maps character offsets to sentence indexes."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def of(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return max(i, 0)

    def text(self, i: int) -> Sentence:
        return self.sentences[i]
