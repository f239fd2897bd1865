"""Mentions: typed spans of the document text, found by dictionary and by patterns.

A :class:`Candidate` is one span with a type guess, a canonical-name hint and a confidence.
:func:`find_mentions` runs the finders (dictionary, chips and models, people, organizations,
export controls) and resolves overlaps, preferring longer and more confident spans.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Sentence
from .dictionary import Entry, dictionary
from .spans import Spans

SOURCE_RANK = {"dictionary": 3, "chip": 3, "person": 2, "organization": 2, "control": 1}


@dataclass
class Candidate:
    start: int
    end: int
    surface: str
    type: str
    canon: str  # canonical name hint; linking turns it into the entity name
    confidence: float
    source: str
    entry: Entry | None = None
    kind: str = "name"  # name | demonym | government | surname | acronym
    info: dict = field(default_factory=dict)
    sentence: int = -1


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


_PLACE = re.compile(r"\b(?:in|to|visited|visit|visiting|from|at|near|outside|across|around)\s+$", re.I)
# after an upper-case place at the head of a story: "(Reuters)", "/TAIPEI (", " —", ", May 13"
_DATELINE = re.compile(r"[^\S\n]*(?:/[A-Z]+)?[^\S\n]*(?:\(|[-\u2013\u2014][^\S\n]|,[^\S\n]*[A-Z][a-z]{2,8}\.?[^\S\n]+\d)")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def strip_possessive(s: str) -> str:
    return _POSSESSIVE.sub("", s)


def dictionary_mentions(text: str) -> list[Candidate]:
    out = []
    for h in dictionary().find(text):
        e = h.entry
        if h.form_kind == "government" and _PLACE.search(text[max(0, h.start - 12):h.start]) and " " not in h.surface:
            continue  # a capital as a place ("visited Beijing", "in London"), not its government
        if h.form_kind == "government" and h.surface.isupper() and len(h.surface) > 3 and \
                _DATELINE.match(text, h.end):
            continue  # a dateline ("BEIJING (Reuters) -")
        conf = 0.95 if e.source in ("gazetteer", "country", "government", "chip") else 0.85
        out.append(Candidate(h.start, h.end, h.surface, e.type, e.name, conf, "dictionary", e, h.form_kind))
    return out


def _name_start(d: Candidate) -> int:  # "the Information" inside "the Information Technology ..."
    return d.start + 4 if d.surface[:4] in ("the ", "The ") else d.start


def _outranks_inner_hits(c: Candidate, hits: list[tuple[int, Candidate]], starts: list[int]) -> bool:
    """A longer name that holds a dictionary hit and says more than it: a name defined by its
    abbreviation ("Information Technology Industry Council (ITI)"), an institution "of" a
    country ("Renmin University of China"), a person whose first name is a country
    ("Jordan Pike, a former official").  ``hits``: the dictionary candidates with their
    :func:`_name_start`, sorted by it; ``starts``: those name starts (for bisection)."""
    lo, hi = bisect.bisect_left(starts, c.start), bisect.bisect_right(starts, c.end)
    inner = [d for s, d in hits[lo:hi] if d.end <= c.end and (d.end - s) < (c.end - c.start)]
    if not inner:
        return False
    if c.source == "organization":
        return c.info.get("defined", False) or (c.info.get("country_body", False) and all(d.type == "Country" for d in inner)) or all(
            d.type == "Country" and re.search(r"\bof\s+(?:the\s+)?$", c.surface[:d.start - c.start]) for d in inner)
    if c.source == "person":
        return c.confidence >= 0.85 and all(d.type == "Country" and d.start == c.start for d in inner)
    return False


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping spans: dictionary hits, then longer, then more confident."""
    hits = sorted(((_name_start(d), d) for d in cands if d.source == "dictionary"), key=lambda x: x[0])
    starts = [s for s, _ in hits]
    strong = {id(c) for c in cands if c.source in ("organization", "person") and _outranks_inner_hits(c, hits, starts)}

    def score(c: Candidate) -> tuple:
        return (3 if id(c) in strong else SOURCE_RANK.get(c.source, 0), c.end - c.start, c.confidence)

    cands = sorted(cands, key=lambda c: (-score(c)[0], -(c.end - c.start), -c.confidence, c.start))
    taken = Spans()
    kept: list[Candidate] = []
    for c in cands:
        if taken.overlaps(c.start, c.end):
            continue
        taken.add(c.start, c.end)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def find_mentions(text: str, sentences: list[Sentence]) -> list[Candidate]:
    from .chips import chip_and_model_mentions
    from .controls import control_mentions
    from .organizations import organization_mentions
    from .people import person_mentions

    index = SentenceIndex(sentences)
    base = dictionary_mentions(text)
    base += chip_and_model_mentions(text, index, base)
    orgs = organization_mentions(text, index, base)
    people = person_mentions(text, index, base + orgs)
    # a guessed organization made only of people's names ("Lawyers for Tsai and Zhou") is none
    person_tokens = {t for c in people for t in c.canon.split()}
    orgs = [c for c in orgs if not set(re.findall(r"[A-Z][\w'’-]+", c.surface)) <= person_tokens]
    mentions = resolve_overlaps(base + orgs + people)
    # a measure's noun phrase may contain entity mentions ("US sanctions", "curbs on Huawei"):
    # controls overlap other mentions freely, but not each other
    controls = resolve_overlaps(control_mentions(text, index, mentions))
    # a name guessed inside the title of a named measure ("GAIN AI" in "GAIN AI Act") is part of it
    titles = [(c.start, c.end) for c in controls if c.info.get("named")]
    mentions = [c for c in mentions if c.source == "dictionary" or
                not any(s <= c.start and c.end <= e and (c.start, c.end) != (s, e) for s, e in titles)]
    mentions = sorted(mentions + controls, key=lambda c: c.start)
    for c in mentions:
        c.sentence = index.of(c.start)
    return mentions
