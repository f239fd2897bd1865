"""The extraction pipeline: Document -> sentences -> mentions -> entities -> relations, quotes."""
from __future__ import annotations

import bisect

from ..ids import entity_key
from ..model import Document, Entity, Extraction, Mention
from .controls import describe
from .coordination import company_anaphors
from .dictionary import dictionary
from .linking import control_entity, link, link_controls
from .mentions import Candidate, SentenceIndex, find_mentions
from .quotes import find_quotes
from .relations import find_relations
from .sentences import split_sentences


class Countries:
    """Country entities of the document; demonym-only countries appear when a relation needs them."""

    def __init__(self, linked) -> None:
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


def extract(document: Document) -> Extraction:
    text = document.text
    sentences = split_sentences(text)
    index = SentenceIndex(sentences)
    cands = find_mentions(text, sentences)
    linked = link(text, cands, index)
    groups = link_controls(cands)
    countries = Countries(linked)
    # targets named in the measures' own sentences help describe them
    keys = []
    control_entities: list[Entity] = []
    for g in groups:
        for c in g:
            c.sentence = index.of(c.start)
    # country mentions per sentence, by start: (mention start, position of the entity in ``linked``)
    country_at: dict[int, list[tuple[int, int]]] = {}
    for n, L in enumerate(linked):
        if L.entity.type == "Country" and not L.demonym_only:
            for m in L.mentions:
                country_at.setdefault(m.sentence, []).append((m.start, n))
    for v in country_at.values():
        v.sort()
    for g in groups:
        targets = []
        for c in g:
            here = country_at.get(c.sentence, [])
            lo, hi = bisect.bisect_left(here, (c.start, -1)), bisect.bisect_left(here, (c.end + 40, -1))
            near = sorted({n for _, n in here[lo:hi]})
            for n in near:
                L = linked[n]
                if L.entity.name not in targets and L.entity.name != c.info.get("country"):
                    targets.append(L.entity.name)
        name = describe(g, targets[:1])
        base, n = name, 2
        while entity_key(name) in keys:
            name = f"{base} ({n})"
            n += 1
        keys.append(entity_key(name))
        control_entities.append(control_entity(g, name))
    # "the company", "the firm": mentions of the company they refer to, for relations only
    added = []
    for start, end, surface, L in company_anaphors(text, sentences, linked):
        a = Candidate(start, end, surface, "Company", L.entity.name, 0.5, "anaphor", kind="anaphor",
                      sentence=index.of(start))
        L.mentions.append(a)
        added.append((L, a))
    relations = find_relations(text, sentences, linked, groups, keys, countries)
    if added:  # the anaphors go again (one pass per entity, not a search per anaphor)
        gone = {id(a) for _, a in added}
        for L in {id(L): L for L, _ in added}.values():
            L.mentions[:] = [c for c in L.mentions if id(c) not in gone]
    quotes = find_quotes(text, sentences, index, linked)
    entities: list[Entity] = []
    for L in linked:
        if L.demonym_only and L.entity.key not in countries.used:
            continue
        entities.append(L.entity)
    entities += control_entities
    present = {e.key for e in entities}
    relations = [r for r in relations if r.subject in present and r.object in present]
    _ = dictionary, Mention
    return Extraction(document, sentences, entities, relations, quotes)
