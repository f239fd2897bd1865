"""DocContext: what one document's extraction knows, shared by every component.

A component reads the context and returns hits; :meth:`DocContext.record` stores them by
their type (candidates, a re-selection of candidates, linked entities, measures, anaphors,
relation hits, quotes).  No component writes into the context itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model import Document, Entity, Evidence, Extraction, Quote, Relation, Sentence
from .candidates import Anaphor, Candidate, Linked, Measure, RelationHit, Resolved, SentenceIndex
from .keys import entity_key
from .sentences import split_sentences
from .terms import T


class Countries:
    """Country entities of the document; demonym-only countries appear when a relation needs them."""

    def __init__(self, linked: list[Linked]) -> None:
        self.linked = {L.entity.key: L for L in linked}
        self.used: set[str] = set()

    def __call__(self, name: str, create: bool = True) -> str | None:
        key = entity_key(name)
        L = self.linked.get(key)
        if L is None:
            return None
        if L.demonym_only and not create:
            return None
        if L.demonym_only:
            self.used.add(key)
        return key

    def has(self, key: str) -> bool:
        L = self.linked.get(key)
        return L is not None and not L.demonym_only


class Found:
    """Relations recorded so far, keyed by (subject, predicate, object); each relation's
    evidence is also kept in a set, so adding one more piece costs O(1)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Relation] = {}
        self._seen: dict[tuple[str, str, str], set[Evidence]] = {}

    def add(self, h: RelationHit) -> None:
        if h.subject == h.object:
            return
        k = (h.subject, h.predicate, h.object)
        ev = Evidence(h.sentence, h.span[0], h.span[1])
        if k in self.items:
            r = self.items[k]
            seen = self._seen[k]
            if ev not in seen:
                seen.add(ev)
                r.evidence.append(ev)
            r.confidence = max(r.confidence, h.confidence)
            if h.role and not r.role:
                r.role = h.role
        else:
            self.items[k] = Relation(h.subject, h.predicate, h.object, [ev], h.confidence, h.role)
            self._seen[k] = {ev}


@dataclass
class DocContext:
    document: Document
    sentences: list[Sentence]
    index: SentenceIndex
    candidates: list[Candidate] = field(default_factory=list)  # mentions found so far
    linked: list[Linked] = field(default_factory=list)  # the document's entities
    measures: list[Measure] = field(default_factory=list)
    anaphors: list[Anaphor] = field(default_factory=list)
    found: Found = field(default_factory=Found)
    quotes: list[Quote] = field(default_factory=list)

    @classmethod
    def of(cls, document: Document) -> DocContext:
        sentences = split_sentences(document.text)
        return cls(document, sentences, SentenceIndex(sentences))

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def countries(self) -> Countries:
        return Countries(self.linked)

    @cached_property
    def by_sentence(self) -> dict[int, list[tuple[Candidate, Entity]]]:
        """Mentions of linked entities (and the anaphors that stand for them) by sentence,
        each list in text order: what the relation components read.  Built on first use,
        after linking and anaphora."""
        per: dict[int, list[tuple[Candidate, Entity]]] = {}
        for L in self.linked:
            for c in L.mentions:
                per.setdefault(c.sentence, []).append((c, L.entity))
        for a in self.anaphors:
            per.setdefault(a.candidate.sentence, []).append((a.candidate, a.linked.entity))
        for v in per.values():
            v.sort(key=lambda x: x[0].start)
        return per

    def record(self, hits) -> None:
        """Store what a component returned, by the type of its items."""
        if isinstance(hits, Resolved):
            self.candidates = sorted(hits.candidates, key=lambda c: c.start)
            return
        for h in hits:
            if isinstance(h, RelationHit):
                self.found.add(h)
            elif isinstance(h, Candidate):
                h.sentence = self.index.of(h.start)
                self.candidates.append(h)
            elif isinstance(h, Linked):
                self.linked.append(h)
            elif isinstance(h, Measure):
                self.measures.append(h)
            elif isinstance(h, Anaphor):
                h.candidate.sentence = self.index.of(h.candidate.start)
                self.anaphors.append(h)
            elif isinstance(h, Quote):
                self.quotes.append(h)
            else:
                raise TypeError(f"a component returned {type(h).__name__}, which the pipeline does not record")

    def result(self) -> Extraction:
        entities: list[Entity] = [L.entity for L in self.linked
                                  if not (L.demonym_only and L.entity.key not in self.countries.used)]
        entities += [m.entity for m in self.measures]
        present = {e.key for e in entities}
        relations = [r for r in self.found.items.values() if r.subject in present and r.object in present]
        return Extraction(self.document, self.sentences, entities, relations, self.quotes)

    def of_type(self, *types: str) -> list[Linked]:
        return [L for L in self.linked if L.entity.type in types]



