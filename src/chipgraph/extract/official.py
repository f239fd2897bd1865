"""Measures linked to the catalogue of official measures: the last stage of extraction.

After relations are found, each mention of an ExportControl entity is linked by
:func:`chipgraph.catalogue.link_measure` with its cues: the phrase, its sentence, the
document's date, and the issuers, chips and targets of the entity's relations (canonical
names).  An entity keeps its most confident link and takes the catalogue measure's entity key
(:func:`~chipgraph.catalogue.measure_entity_key`), so its IRI is the catalogue IRI and two
documents that identify one measure share one node.  A measure the text does not identify
keeps its document-scoped key.

When the mentions of one entity link to different catalogue measures, the entity is split by
the link of each mention (a mention that links to nothing goes with the nearest linked one),
and its relations, quotes' ``about`` and evidence follow the mention of their sentence: two
measures of one article stay two.  Entities that link to the same measure become one.

Pronoun-like forms ("the ban", "these rules": only words of ``data/measure_aliases.json``)
are never a measure's name.  They stay among its aliases, the surface forms the article uses
(``chipgraph extract`` JSON), because a definite description refers back to the measure the
article identified and carries its facts to it; the RDF builder never makes them labels.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

from ..catalogue import MeasureCues, link_measure, measure_entity_key
from ..catalogue.dates import cues
from ..catalogue.linker import listing_rule, measure_index, named_mentions, tokens
from ..model import Entity, Evidence, Extraction, Mention, OfficialLink, Relation
from .controls import is_statute_name, trade_context
from .keys import pronoun_like
from .terms import P, T

__all__ = ["official_measures", "named_measures", "pronoun_like"]

_IN_SENTENCE = "name-in-sentence"



def _forms(name: str, forms: list[str]) -> list[str]:
    """The forms other than ``name``, once each: those that name something first, the
    pronoun-like ones last."""
    rest = [f for f in dict.fromkeys(forms) if f and f != name]
    return [f for f in rest if not pronoun_like(f)] + [f for f in rest if pronoun_like(f)]


def _names_of(entity: Entity) -> tuple[str, list[str]]:
    """The entity's name, never a pronoun-like form when another form names something, and
    its other surface forms as aliases (pronoun-like ones included, last)."""
    name = entity.name
    if pronoun_like(name):
        name = next((a for a in entity.aliases if not pronoun_like(a)), name)
    return name, _forms(name, [entity.name, *entity.aliases])


@dataclass
class _Part:
    """One measure after linking: the mentions of a source entity that go together."""

    source: Entity
    mentions: list[Mention]
    link: OfficialLink | None
    decider: Mention | None = None  # the mention whose own link is the part's

    @property
    def key(self) -> str:
        return measure_entity_key(self.link.catalogue) if self.link else self.source.key


def _link(ex: Extraction, entity: Entity, relations: list[Relation], names: dict[str, str]) -> list[OfficialLink | None]:
    """One link (or ``None``) per mention of ``entity``."""
    def objects(predicate: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(names[r.object] for r in relations if r.predicate == predicate and r.object in names))

    issuer, chips, targets = objects(P.imposedBy), objects(P.restricts), objects(P.targets)
    country_names = {e.name for e in ex.entities if e.type == T.Country}
    out: list[OfficialLink | None] = []
    for m in entity.mentions:
        link = link_measure(MeasureCues(
            phrase=m.surface, sentence=ex.sentences[m.sentence].text, article_date=ex.document.article_date,
            issuer=issuer, chips=chips, targets=targets,
            issuer_countries=tuple(i for i in issuer if i in country_names),
        ))
        if link and link.cue != "name" and is_statute_name(m.surface):
            link = None  # a law named by its title is that law, whatever else its sentence names
        if link and link.cue in ("chips", "recency") and pronoun_like(m.surface) and \
                not trade_context(ex.sentences[m.sentence].text):
            link = None  # "the ban" in a sentence with no trade word: the entity's other mentions decide
        out.append(OfficialLink(link.key, link.official, link.confidence, link.cue, link.evidence) if link else None)
    return out


def _parts(entity: Entity, links: list[OfficialLink | None]) -> list[_Part]:
    """The entity as one part per catalogue measure its mentions link to (one part if they
    agree); an unlinked mention joins the part of the nearest linked mention."""
    keys = {L.catalogue for L in links if L}
    best = max((L for L in links if L), key=lambda L: L.confidence, default=None)
    if best is not None and all(L is None or L.cue == _IN_SENTENCE for L in links) and None in links:
        # only a name beside them in their sentence identifies some mentions ("the list" next to
        # "the Covered List"): those join that measure, the others stay what they were
        groups: dict[str | None, list[Mention]] = defaultdict(list)
        for m, L in zip(entity.mentions, links):
            groups[L.catalogue if L else None].append(m)
        return [_Part(entity, ms, max((L for L in links if L and L.catalogue == k), key=lambda L: L.confidence)
                      if k else None) for k, ms in groups.items()]
    linked = [(m, L) for m, L in zip(entity.mentions, links) if L]
    groups: dict[str | None, list[Mention]] = defaultdict(list)
    for m, L in zip(entity.mentions, links):
        if L is None and linked:
            L = min(linked, key=lambda x: abs(x[0].start - m.start))[1]
            if _is_list(L.catalogue):
                if not (_generic(m.surface) or _list_noun(m.surface) or _names_entries(m.surface)):
                    L = None  # a measure described at length ("revoked the licences of …") is no part of a list
            elif _list_noun(m.surface):
                L = None  # "the updated list" is no part of a rule: it may be the list the text names
        groups[L.catalogue if L else None].append(m)
    if len(groups) <= 1 and len(keys) <= 1:
        return [_Part(entity, list(entity.mentions), best)]
    parts = []
    for key, mentions in groups.items():
        link = max((L for L in links if L and L.catalogue == key), key=lambda L: L.confidence) if key else None
        parts.append(_Part(entity, mentions, link))
    return parts


def _list_noun(form: str) -> bool:
    """A generic form whose head is a list noun ("the updated sanctions list")."""
    return _head(form) in cues()["list_nouns"] and not any(w[0].isupper() for w in form.split()[1:])


def _names_entries(form: str) -> bool:
    """A form that speaks of a list's entries ("controls on 28 US entities"): a listing."""
    words = {w.strip(".,;:").casefold() for w in form.split()}
    return bool(words & set(cues()["listing_nouns"]))


def _is_list(key: str) -> bool:
    m = measure_index().catalogue.get(key)
    return m is not None and m.kind == "list"


class _PartIndex:
    """Where an entity's parts are mentioned, indexed once: by sentence, and by position."""

    def __init__(self, parts: list[_Part]):
        self.parts = parts
        self.by_sentence: dict = defaultdict(list)
        at = []
        for p in parts:
            for m in p.mentions:
                self.by_sentence[m.sentence].append((m.start, p))
                at.append((m.start, p))
        at.sort(key=lambda x: x[0])
        self.starts = [s for s, _ in at]
        self.at = at

    def part_at(self, ev: Evidence) -> _Part:
        """The part a fact stated at ``ev`` belongs to: the part of the closest mention in its
        sentence, else of the last mention before it, else the first part."""
        if len(self.parts) == 1:
            return self.parts[0]
        here = self.by_sentence.get(ev.sentence)
        if here:
            return min(((abs(s - ev.start), p) for s, p in here), key=lambda x: x[0])[1]
        i = bisect.bisect_right(self.starts, ev.start)
        if not i:
            return self.parts[0]
        # the last mention at or before ev (the first of equal positions, as max() gave)
        j = bisect.bisect_left(self.starts, self.starts[i - 1])
        return self.at[j][1]


def _part_names(part: _Part) -> tuple[str, list[str]]:
    """A part's name and aliases: the entity's when the part is all of it, else the part's
    own mention forms, the longest that names something as its name."""
    if len(part.mentions) < len(part.source.mentions):
        own = [f for f in dict.fromkeys(m.surface.strip() for m in part.mentions) if f]
        # and the entity's shorter forms of those mentions ("export control list" of "its export control list")
        own += [a for a in part.source.aliases if a not in own and any(a.casefold() in f.casefold() for f in own)]
        named = [f for f in own if not pronoun_like(f)]
        if named:
            name = max(named, key=len)
            return name, _forms(name, own)
        if own:  # only "the list": its own forms, never the other mentions' names
            return own[0], _forms(own[0], own)
    return _names_of(part.source)


def _merged(parts: list[_Part]) -> Entity:
    """One entity from the parts that share a key (usually one part); the part the text
    names by name gives the name."""
    parts = sorted(parts, key=lambda p: (pronoun_like(_part_names(p)[0]), not (p.link and p.link.cue == "name")))
    name, aliases = _part_names(parts[0])
    for p in parts[1:]:
        n, more = _part_names(p)
        aliases = _forms(name, aliases + [n, *more])
    links = [p.link for p in parts if p.link]
    name, aliases = _named_by_its_name(parts, links, name, aliases)
    return replace(
        parts[0].source, key=parts[0].key, name=name, aliases=aliases,
        mentions=sorted((m for p in parts for m in p.mentions), key=lambda m: m.start),
        confidence=max(p.source.confidence for p in parts),
        official=max(links, key=lambda L: L.confidence) if links else None,
    )


def _named_by_its_name(parts: list[_Part], links: list[OfficialLink], name: str, aliases: list[str]) -> tuple[str, list[str]]:
    """A measure the text calls by a catalogue name ("the Interim Final Rule on X") is named
    by that form, not by a description made up for it ("New export controls on chips")."""
    best = max(links, key=lambda L: L.confidence, default=None)
    surfaces = list(dict.fromkeys(m.surface.strip() for p in parts for m in p.mentions))
    if best is None:
        return name, aliases
    if name in surfaces:  # a surface form: only its determiner goes ("the Rule on X")
        bare = re.sub(r"^(?i:the|its|their|a|an)\s+", "", name)
        if bare != name and len(bare.split()) > 1 and not pronoun_like(bare):
            return bare, _forms(bare, [name, *aliases])
        return name, aliases
    idx = measure_index()
    if any(best.catalogue in keys for _, _, keys in idx.name_hits(tokens(name))):
        return name, aliases  # already a name of that measure ("Entity List")
    named = [f for f in surfaces if not pronoun_like(f)
             and any(best.catalogue in keys for _, _, keys in idx.name_hits(tokens(f)))]
    if not named:  # the words that identified it ("the initial version of the ban"), not a made-up name
        named = [d for d in (p.decider.surface.strip() for p in parts if p.decider and p.link == best)
                 if not pronoun_like(d) and len(d.split()) >= 3 and len(d.split()) <= 12]
    if not named:
        return name, aliases
    longest = max(named, key=len)
    new = re.sub(r"^(?i:the|its|their|a|an)\s+", "", longest)
    return new, _forms(new, [longest, name, *aliases])


def _head(form: str) -> str:
    words = form.casefold().split()
    w = words[-1] if words else ""
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _anaphors_join_named(parts_of: dict[str, list[_Part]], issuers: dict[str, tuple[str, ...]] | None = None) -> None:
    """A measure the text only calls "the list" or "the new list" is the one list it names by
    name, when it names exactly one: the unlinked part takes that link (one head noun, one
    named measure with it, else nothing changes). A part whose entity has an issuer
    (``issuers``: entity key -> imposedBy names) joins only a measure of that issuer."""
    linked = [p for ps in parts_of.values() for p in ps if p.link and p.link.cue == "name"]
    idx = measure_index()
    for key, ps in parts_of.items():
        known = idx.known_issuers((issuers or {}).get(key, ()))
        for p in ps:
            if p.link is not None:
                continue
            forms = [m.surface.strip() for m in p.mentions]
            heads = {_head(f) for f in forms if not _plain_head(f)}
            if not forms or len(heads) != 1 or not all(_generic(f) for f in forms):
                continue
            head = next(iter(heads))
            named = {q.link.catalogue: q.link for q in linked
                     if any(head in map(_head, m.surface.split()) for m in q.mentions)
                     and idx.same_body(idx.catalogue[q.link.catalogue], known)}
            if len(named) == 1:
                p.link = next(iter(named.values()))


def _generic(form: str) -> bool:
    """A form that names no measure of its own: pronoun-like, or two or three lower-case
    words ("the new list") with no name or number in them."""
    words = form.split()
    if words and words[0].casefold() in ("the", "a", "an", "its", "their", "this", "that"):
        words = words[1:]
    return pronoun_like(form) or (len(words) <= 3 and not any(w[0].isupper() for w in words[1:])
                                  and not any(ch.isdigit() for ch in form))


def _plain_head(form: str) -> bool:
    """A bare measure noun that any measure may be called ("sanctions", "controls")."""
    return pronoun_like(form) and len(form.split()) == 1 and _head(form) in cues()["bare_measure_nouns"]


def _sentence_of(ex: Extraction, start: int) -> int | None:
    i = bisect.bisect_right([s.start for s in ex.sentences], start) - 1
    return ex.sentences[i].index if i >= 0 and start < ex.sentences[i].end else None


@cache
def _naming_words() -> re.Pattern:
    words = sorted(cues()["naming_words"], key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s+the)?\s*[\"'\u201c\u2018]?\s*$")


def _widened(text: str, m: Mention, start: int, end: int) -> Mention:
    """The mention, widened to the name at ``start:end`` when the name runs past its end
    ("the Interim Final Rule" of "the Interim Final Rule on X"); else as it was."""
    if not (m.start <= start < m.end < end or start <= m.start < m.end < end):
        return m
    s = min(m.start, start)
    return Mention(s, end, text[s:end], m.sentence)


def named_measures(ex: Extraction) -> Extraction:
    """The extraction with an ExportControl entity for each catalogue name that the text
    writes as a name ("the Covered List") where no measure mention is: the linker gives it
    its measure by name, and the generic mentions of its sentence ("the list") join it."""
    found = named_mentions(ex.document.text)
    if not found:
        return ex
    measure_spans = [(m.start, m.end, e) for e in ex.entities if e.type == T.ExportControl for m in e.mentions]
    other_spans = [(m.start, m.end) for e in ex.entities if e.type != T.ExportControl for m in e.mentions]
    named_at = [(s, e) for s, e, _ in found]
    described = [e for e in ex.entities if e.type == T.ExportControl
                 and not any(a < y and x < b for m in e.mentions for a, b in [(m.start, m.end)] for x, y in named_at)]
    naming = _naming_words()
    added: dict[str, Entity] = {}
    for start, end, key in found:
        surface = ex.document.text[start:end]
        over = [e for a, b, e in measure_spans if a < end and start < b]
        if over:  # a measure mention is there: it links itself, and keeps the name among its forms
            for e in over:
                # a mention inside the name ("Interim Final Rule" of "the Interim Final Rule on
                # X") is the name: it links by it
                e.mentions = [_widened(ex.document.text, m, start, end) for m in e.mentions]
                if surface != e.name and surface not in e.aliases:
                    e.aliases = [*e.aliases, surface]
            continue
        if any(a < end and start < b and (a < start or b > end) for a, b in other_spans):
            continue  # part of a longer name of something else
        sentence = _sentence_of(ex, start)
        if sentence is None:
            continue
        mention = Mention(start, end, surface, sentence)
        before = [e for e in described if e.mentions[0].start < start]
        if len(before) == 1 and naming.search(ex.document.text[max(0, start - 30):start]):
            # 'this "Affiliates Rule"': the name of the one measure the text described before it
            e = before[0]
            e.mentions = sorted([*e.mentions, mention], key=lambda m: m.start)
            if surface not in e.aliases:
                e.aliases = [*e.aliases, surface]
            continue
        if key in added:
            e = added[key]
            e.mentions.append(mention)
            if surface != e.name and surface not in e.aliases:
                e.aliases.append(surface)
        else:
            added[key] = Entity(key="named-" + key, name=surface, type=T.ExportControl,
                                mentions=[mention], confidence=0.9)
    if not added:
        return ex
    # a chip inside the name is what the measure restricts ("the H20 ban")
    chips = [(m, e.key) for e in ex.entities if e.type == T.Chip for m in e.mentions]
    restricts = [Relation(named.key, P.restricts, chip, [Evidence(m.sentence, m.start, m.end)], 0.7)
                 for named in added.values() for m in named.mentions
                 for c, chip in chips if m.start <= c.start and c.end <= m.end]
    return replace(ex, entities=[*ex.entities, *added.values()], relations=[*ex.relations, *restricts])


def _with_listing_rule(ex: Extraction, entity: Entity) -> Entity:
    """A list the text says entries were added to (or removed from) also carries the FR
    number of the rule that did it (GUIDELINES.md: the rule's number and the list key), when
    its sentences point to exactly one such rule (:func:`catalogue.linker.listing_rule`)."""
    link = entity.official
    if link is None or link.also:
        return entity
    rules = {r.official for m in entity.mentions
             for r in [listing_rule(link.catalogue, m.surface, ex.sentences[m.sentence].text, ex.document.article_date)]
             if r is not None and r.official}
    if len(rules) != 1:
        return entity
    return replace(entity, official=replace(link, also=tuple(rules)))


def official_measures(ex: Extraction) -> Extraction:
    """Stage: the extraction with its ExportControl entities linked to the catalogue (split
    or merged by their links), relations and quotes following them, no pronoun-like name."""
    ex = named_measures(ex)
    measures = [e for e in ex.entities if e.type == T.ExportControl]
    if not measures:
        return ex
    names = {e.key: e.name for e in ex.entities}
    about: dict[str, list[Relation]] = defaultdict(list)
    for r in ex.relations:
        about[r.subject].append(r)
    parts_of: dict[str, list[_Part]] = {}
    for e in measures:
        links = _link(ex, e, about[e.key], names)
        parts_of[e.key] = _parts(e, links)
        own = {id(m): L for m, L in zip(e.mentions, links) if L}
        for p in parts_of[e.key]:
            deciding = [(own[id(m)].confidence, -i, m) for i, m in enumerate(p.mentions)
                        if p.link and id(m) in own and own[id(m)].catalogue == p.link.catalogue]
            p.decider = max(deciding, key=lambda x: x[:2])[2] if deciding else None

    _anaphors_join_named(parts_of, {k: tuple(names[r.object] for r in rs if r.predicate == P.imposedBy and r.object in names)
                                    for k, rs in about.items()})
    by_key: dict[str, list[_Part]] = defaultdict(list)
    for ps in parts_of.values():
        for p in ps:
            by_key[p.key].append(p)
    merged = {k: _with_listing_rule(ex, _merged(ps)) for k, ps in by_key.items()}
    entities: list[Entity] = []
    placed: set[str] = set()
    for e in ex.entities:
        if e.key not in parts_of:
            entities.append(e)
            continue
        for p in parts_of[e.key]:
            if p.key not in placed:
                placed.add(p.key)
                entities.append(merged[p.key])

    index: dict[str, _PartIndex] = {}

    def key_at(key: str, ev: Evidence) -> str:
        ps = parts_of.get(key)
        if not ps:
            return key
        if key not in index:
            index[key] = _PartIndex(ps)
        return index[key].part_at(ev).key

    relations: dict[tuple[str, str, str], Relation] = {}
    for r in ex.relations:
        for ev in r.evidence or [None]:
            s = key_at(r.subject, ev) if ev else (parts_of[r.subject][0].key if r.subject in parts_of else r.subject)
            o = key_at(r.object, ev) if ev else (parts_of[r.object][0].key if r.object in parts_of else r.object)
            if s == o:
                continue
            k = (s, r.predicate, o)
            got = relations.get(k)
            if got is None:
                relations[k] = Relation(s, r.predicate, o, [ev] if ev else [], r.confidence, r.role)
            else:
                if ev and ev not in got.evidence:
                    got.evidence.append(ev)
                got.confidence = max(got.confidence, r.confidence)
                got.role = got.role or r.role
    quotes = [replace(q, about=list(dict.fromkeys(key_at(k, q.evidence) for k in q.about))) if q.about else q
              for q in ex.quotes]
    return replace(ex, entities=entities, relations=list(relations.values()), quotes=quotes)
