"""Mentions: typed spans of the document text, found by dictionary and by patterns.

A :class:`Candidate` is one span with a type guess, a canonical-name hint and a confidence.
:func:`find_mentions` runs the finders (dictionary, chips and models, people, organizations,
export controls) and resolves overlaps, preferring longer and more confident spans.
"""
from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import accumulate

from .candidates import Candidate, Resolved
from .dictionary import dictionary, lexicon
from .patterns import DATELINE_AFTER_PLACE
from .spans import Spans
from .terms import T

SOURCE_RANK = {"dictionary": 3, "chip": 3, "person": 2, "organization": 2, "control": 1}


_PLACE = re.compile(r"\b(?:in|to|visited|visit|visiting|from|at|near|outside|across|around)\s+$", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def strip_possessive(s: str) -> str:
    return _POSSESSIVE.sub("", s)


@cache
def _legal_suffix() -> re.Pattern:
    """The corporate words after a firm's name, up to its legal suffix: " Corp", " Group Inc.",
    " Co., Ltd.", " Holdings Co" (a bare "Co" or "Group" only before a legal suffix or a
    non-word)."""
    lx = lexicon()
    legal = "|".join(re.escape(w) for w in sorted(set(lx["legal_suffixes"]) | {"Co"}, key=len, reverse=True))
    form = "|".join(re.escape(w) for w in sorted(lx["corporate_form_words"], key=len, reverse=True))
    return re.compile(rf"(?:[ \u00a0](?:{form}))*,?[ \u00a0](?:{legal})(?![\w-])(?:,?[ \u00a0](?:{legal})(?![\w-]))*")


@cache
def _city_before() -> re.Pattern:
    """A city that opens a firm's name ("Shenzhen Acme Technology"), from the reference cities."""
    from .relations.common import city_country
    cities = [c for c in city_country() if " " not in c]
    return re.compile(rf"(?<![\w.’'-])(?i:{'|'.join(map(re.escape, sorted(cities, key=len, reverse=True)))})[ \u00a0]$")


# a dateline opening a line: "CAPITAL, D.C. -", "CAPITAL -", "CAPITAL—", "CAPITAL (Agency)"
_LINE_DATELINE = re.compile(r"[^\S\n]*(?:,|[-\u2013\u2014]|\()")
_NAME_WORD_AFTER = re.compile(r"[ \u00a0]+[A-Z][a-z]")
_NAME_WORD_BEFORE = re.compile(r"(?<![.!?:;\n]\s)\b([A-Z][\w&.-]*)[ \u00a0]$")


def _capital_for_country(text: str, start: int, end: int) -> bool:
    """A capital's name stands for its country unless it is a place ("visited the capital",
    "in the capital"), the dateline of a story (an upper-case place opening a line), or a
    word of a longer name ("the Capital Post", "Capital Memory Technology", "Expo Capital")."""
    if _PLACE.search(text[max(0, start - 12):start]):
        return False
    line_start = start == 0 or text[start - 1] == "\n"
    if line_start and (text[start:end].isupper() and _LINE_DATELINE.match(text, end) or DATELINE_AFTER_PLACE.match(text, end)):
        return False  # "CAPITAL, D.C. -", "Capital, May 13 (Agency) -"
    if _NAME_WORD_AFTER.match(text, end):
        return False  # the first word of a longer name
    m = _NAME_WORD_BEFORE.search(text[max(0, start - 40):start])
    if m and m.group(1).casefold() not in _small_words():
        return False  # the last word of a longer name
    return True


@cache
def _small_words() -> frozenset[str]:
    """Capitalised words that may open a sentence before a capital ("The", "In", "But")."""
    lx = lexicon()
    return frozenset(w.casefold() for w in lx["headline_small_words"] + lx["person_stop_first"])


# a government body's head right after a firm's name: the name is the start of the body's
_COUNTRY_COMPOUND = re.compile(r"(?<![\w-])([A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)-(?:based|headquartered|registered|incorporated)\b")
_MINISTER_OF = re.compile(r"\bMinist(?:er|ry)\s+(?:of|for)\s+(?:the\s+)?\Z")
_BODY_HEAD_AFTER = re.compile(r"[ \u00a0](?:Ministry|Department|Bureau|Division|Commission|Directorate|Inspectorate)\b")


def dictionary_mentions(ctx) -> list[Candidate]:
    """Component: every form of the packaged dictionary found in the text."""
    text = ctx.text
    legal = _legal_suffix()
    out = []
    for h in dictionary().find(text):
        e = h.entry
        if h.form_kind == "capital" and not _capital_for_country(text, h.start, h.end):
            continue
        if e.type == T.Country and _OTHER_PLACE_BEFORE().search(text, max(0, h.start - 12), h.start):
            continue  # "New Mexico": another place whose name holds the country's
        if h.form_kind == "government" and h.surface.isupper() and len(h.surface) > 3 and \
                DATELINE_AFTER_PLACE.match(text, h.end):
            continue  # a dateline ("BEIJING (Reuters) -")
        if e.type == T.GovernmentBody and " " not in h.surface and _MINISTER_OF.search(text, max(0, h.start - 30), h.start):
            continue  # "Deputy Minister of Commerce of …": a minister's portfolio, not a US department
        if e.type == T.Company and _BODY_HEAD_AFTER.match(text, h.end):
            continue  # the opening words of a body's name ("the Information Department of …")
        conf = 0.95 if e.source in ("gazetteer", "country", "government", "chip") else 0.85
        start, end = h.start, h.end
        if e.type == T.Company and (m := _firm_extension().match(text, end)):
            end = m.end()  # "Acme Research": the unit's name is the article's form of the firm
        if e.type == T.Company and (m := legal.match(text, end)):
            end = m.end()  # "Acme Corp": the article's own form stays the mention's surface
        if e.type == T.AIModel and (m := _MODEL_VERSION.match(text, end)):
            # "M3.1" beside a known "M3": another version, another model
            out.append(Candidate(start, m.end(), text[start:m.end()], e.type, e.name + m.group(), conf, "dictionary",
                                 None, h.form_kind))
            continue
        if e.type == T.Company and h.form_kind == "name" and \
                (m := _city_before().search(text, max(0, start - 24), start)) and m.group()[0].isupper():
            start = m.start()  # "Shenzhen Acme Technology": the city is the firm's name too
        out.append(Candidate(start, end, text[start:end], e.type, e.name, conf, "dictionary", e, h.form_kind))
    # "China-based A": the country of a compound adjective, as an adjective names it
    d = dictionary()
    for m in _COUNTRY_COMPOUND.finditer(text):
        name = d.country_alias.get(m.group(1).casefold())
        e = d.by_name.get(name.casefold()) if name else None
        if e is not None:
            out.append(Candidate(m.start(1), m.end(1), m.group(1), T.Country, e.name, 0.9, "dictionary", e, "demonym"))
    return out


_MODEL_VERSION = re.compile(r"\.\d+(?![\w.])|\.\d+(?=\.(?:\s|$))")


@cache
def _OTHER_PLACE_BEFORE() -> re.Pattern:
    """A word that makes a country's name another place's ("New Mexico"), from the lexicon."""
    words = lexicon()["words_before_country_in_other_places"]
    return re.compile(rf"(?<![\w.’'-])(?:{'|'.join(map(re.escape, words))})[ \u00a0]\Z")


@cache
def _organization_heads() -> frozenset[str]:
    lx = lexicon()
    return frozenset(set(lx["organization_heads"]) - set(lx["organization_heads_not_decisive"]))


@cache
def _firm_extension() -> re.Pattern:
    """A word that goes on a firm's name for its unit ("Acme Research", "Acme Television")."""
    return re.compile(rf"[ \u00a0](?:{'|'.join(map(re.escape, lexicon()['firm_name_extensions']))})(?![\w-])(?![ \u00a0][A-Z])")


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
    if c.source == "organization" and c.kind in ("body", "portfolio") and \
            all(d.type in (T.Country, T.GovernmentBody) for d in inner):
        return True  # a body named with its country or its parent ("U.S. Trade Office", "X Security Bureau")
    if c.source == "organization" and c.type == T.Organization and all(d.type == T.Organization for d in inner) \
            and c.surface.split()[-1] in _organization_heads():
        return True  # a school of a known university ("Harlow Law School")
    if c.source == "organization" and c.type in (T.Organization, T.GovernmentBody) and len(inner) == 2 and \
            inner[0].type == T.Country and inner[0].start == c.start and inner[1].end == c.end and \
            inner[1].entry is not None and inner[1].entry.country != inner[0].canon:
        return True  # "Ruritania Widget Association": another country's body of the same name
    if c.source == "organization" and c.type == T.Organization and c.surface.split()[-1] in _organization_heads() and \
            all(d.type == T.Company and _name_start(d) <= c.start + 4 and d.end < c.end for d in inner) and \
            re.search(r"\s(?:and|&)\s", c.surface):
        return True  # "the Acme Technology and Policy Foundation": a firm's name opens the institution's
    if c.source == "organization" and c.type == T.Organization and c.surface.split()[-1] in _organization_heads() and \
            len(inner) == 1 and inner[0].type == T.Company and inner[0].surface[:4] in ("the ", "The ") and \
            _name_start(inner[0]) == c.start and len(c.surface.split()) >= len(inner[0].surface.split()) + 1:
        return True  # "The Acme Widget Council": a firm named with its article ("The Acme") opens the institution's name
    if c.source == "organization" and c.type == T.Company and len(inner) == 1 and inner[0].type == T.Country and \
            inner[0].start == c.start and len(c.surface.split()) >= 3 and _legal_suffix().search(c.surface) and \
            _legal_suffix().search(c.surface).end() == len(c.surface):
        return True  # "Ruritania Widget Manufacturing Co": a firm's registered name that opens with its country
    if c.source == "organization" and c.type == T.Organization and len(inner) == 1 and \
            inner[0].type == T.Country and inner[0].start == c.start and c.surface.split()[1:2] and \
            c.surface.split()[1] in _organization_heads():
        return True  # "Ruritania Institute for Trade": an institution named after its country
    if c.source == "organization":
        return c.defined or (c.country_body and all(d.type == "Country" for d in inner)) or all(
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


def resolve(ctx) -> Resolved:
    """Component: one candidate per stretch of text.  A guessed organization made only of
    people's names ("Lawyers for A and B") is none; then overlaps are settled."""
    cands = ctx.candidates
    people = [c for c in cands if c.source == "person"]
    person_tokens = {t for c in people for t in c.canon.split()}
    # ... nor one that ends with a person's name ("Trade and Industry Minister K Surname")
    person_ends = {c.end: c.start for c in people}
    kept = [c for c in cands if c.source != "organization" or not (
        set(re.findall(r"[A-Z][\w'’-]+", c.surface)) <= person_tokens and c.kind != "portfolio" or
        c.start < person_ends.get(c.end, c.start) and not c.defined)]
    # a stock exchange in a ticker symbol ("A (EXCHANGE:TICK)") is how a firm is quoted, not a
    # mention of the exchange
    tickers = Spans(m.span() for m in _TICKER.finditer(ctx.text))
    kept = [c for c in kept if not tickers.covers(c.start, c.end)]
    return Resolved(resolve_overlaps(kept))


_TICKER = re.compile(r"\(\s*[A-Z][A-Za-z]{1,12}\s*:\s*[A-Z0-9][A-Z0-9.]{0,7}\s*\)")


def inside_measure_titles(ctx) -> Resolved:
    """Component: a name guessed inside the title of a named measure (an acronym in the title of
    an act) is part of that title, not an entity of its own."""
    titles = sorted((c.start, c.end) for c in ctx.candidates if c.measure is not None and c.measure.named)
    starts = [s for s, _ in titles]
    reach = list(accumulate((e for _, e in titles), max))  # the furthest end of titles so far

    def inside(c) -> bool:
        i = bisect.bisect_right(starts, c.start)  # titles[:i] start at or before the candidate
        if not i or reach[i - 1] < c.end:
            return False  # no such title reaches its end (the common case, in O(log n))
        return any(c.end <= e and (c.start, c.end) != (s, e) for s, e in titles[:i])

    return Resolved([c for c in ctx.candidates if c.source in ("dictionary", "control") or not inside(c)])
