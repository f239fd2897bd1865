"""Government bodies that the dictionary does not know, found by their head noun.

A body's name is a run of capitalised words around a head noun of ``government_body_heads``
("… Bureau", "… Office", "Ministry of …", "… Task Force"), with its complement ("of/for/on"
and capitalised words, a list "A, B and C" included).  The run stops at a possessive
("the agency’s Office of X" names "Office of X"), except a possessive that belongs to the
name ("Attorney’s Office"), at a title after the name ("Foreign Ministry Spokesperson …")
and at a line break.  A run is a body when the text gives evidence: a head that only
governments use, a country or demonym in it, a word of public administration, or a complement;
a committee needs a legislature word or a chair beside it.  A name accepted once is accepted
at its other mentions.

Lower-case bodies are read too: "the commerce ministry", "the defence department", "the US
department of commerce".  When the dictionary knows the body under that form, the mention
is that body; otherwise it is a body of its own (merged at linking with a capitalised body of
the same portfolio, see ``linking``).
"""
from __future__ import annotations

import re
from functools import cache

from .candidates import Candidate
from .dictionary import alternation, dictionary, lexicon
from .scan import Scanner, WordFirst, first_words
from .spans import Spans
from .terms import T

_TOKEN = re.compile(r"[A-Z][\w.&'’-]*|&|[a-z]+|[,()]|\S")
_POSSESSIVE = re.compile(r"['’]s?$")
_LEFT_CONNECTORS = {"and", "of", "for", "the"}
_MONTH_OR_DAY = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*|[A-Z][a-z]+day")
_MAX_LEFT, _MAX_RIGHT = 8, 9
_COMPLEMENT = re.compile(r"[ \u00a0]+(?:of|for|on)[ \u00a0]+(?:the[ \u00a0]+)?")
# what may stand between two words of a complement: "A B", "A, B", "A and B", "A of the B"
_GAP = re.compile(r"[ \u00a0]+|,[ \u00a0]+|[ \u00a0]+(?:and|&|of|for|the|and the)[ \u00a0]+|,[ \u00a0]+and[ \u00a0]+|[ \u00a0]+of[ \u00a0]+the[ \u00a0]+")
_CAP_WORD = re.compile(r"[A-Z][\w.'’-]*")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|(?:Corp|Inc|Co|Ltd|St|Mt|Ft|Jr|Sr|No)\.")  # "U.S.", "St.", "Corp."


@cache
def date_words() -> frozenset[str]:
    """The capitalised month and day names of the lexicon ("March", "Tuesday")."""
    return frozenset(w for w in lexicon()["person_stop_first"] if _MONTH_OR_DAY.fullmatch(w))


_TITLE_OF_LAW = re.compile(r"[ \u00a0]+(?:Act|Acts|Bill|Law)(?![\w-])")


@cache
def _lex():
    lx = lexicon()
    heads = lx["government_body_heads"]
    return {
        "head": Scanner(WordFirst(rf"(?<![\w-])(?:{alternation(heads)})(?![\w-])", first_words(heads))),
        "strong": set(lx["government_body_strong_heads"]),
        # "the State Administration of X" is a body, "the Acme Administration" is not
        "needs_complement": set(lx["government_heads_needing_complement"]),
        "words": set(lx["government_name_words"]),
        "keep_possessive": set(lx["possessive_words_in_body_names"]),
        "not_before": set(lx["not_government_before_head"]),
        "chair": re.compile(rf"[ \u00a0]+(?:{alternation(lx['committee_chair_words'])})\b"),
        "chair_before": re.compile(r"\b(?:[Cc]hair(?:man|woman)?|[Mm]embers?|[Hh]earing|[Rr]anking\s+[Mm]ember)\s+(?:of|on|before)\s+(?:the\s+)?$"),
        "qualifiers": set(lx["committee_qualifiers"]),
        "titles": set(lx["title_words_in_run"]) | {
            t for t in lx["titles_before_name"] if t[:1].isupper() and " " not in t and not t.endswith(".")},
        "dates": date_words(),
        "international": set(lx["international_body_first_words"]),
        "strip_first": set(lx["org_strip_first"]) | {"Former", "Acting", "Interim", "Both", "Each"},
        "portfolios": alternation(lx["government_portfolios"]),
        "lower_heads": alternation(lx["government_lower_heads"]),
    }


def _words(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(a + m.start(), a + m.end(), m.group()) for m in _TOKEN.finditer(text[a:b])]


def _left(text: str, head_start: int, lx) -> int:
    """Where the name that ends in the head at ``head_start`` begins."""
    toks = _words(text, max(0, head_start - 120), head_start)
    start = head_start
    n = ands = 0
    for a, b, w in reversed(toks):
        if "\n" in text[b:start]:
            break
        if w in _LEFT_CONNECTORS:
            if start == head_start:
                break  # "of Bureau": no name before
            if w == "and":
                ands += 1
            start = a
            continue
        if not w[:1].isupper() or w in lx["titles"] or n >= _MAX_LEFT or w in lx["dates"] or \
                (w.endswith(".") and not _ABBREVIATION.fullmatch(w)):
            break  # a title, a date or a sentence's last word ("… in China. The Bureau")
        if ands and (ands > 1 or _POSSESSIVE.sub("", w) not in lx["words"]):
            break  # "… Chairman A B and Energy and Water Committee": the name starts after "and"
        if _POSSESSIVE.search(w) and _POSSESSIVE.sub("", w) not in lx["keep_possessive"]:
            break  # the possessor is not part of the name
        start = a
        n += 1
    # connectors and sentence openers at the left edge are not the name's
    toks = _words(text, start, head_start)
    for i in range(len(toks) - 1, 0, -1):  # "the" is the name's only after "of"/"for" ("Office of the X")
        if toks[i][2] == "the" and toks[i - 1][2] not in ("of", "for"):
            toks = toks[i + 1:]
            break
    while toks and (toks[0][2] in _LEFT_CONNECTORS or toks[0][2] in lx["strip_first"]):
        toks = toks[1:]
    return toks[0][0] if toks else head_start


def _right(text: str, head_end: int, lx) -> int:
    """Where the complement of the head ("of Export Enforcement", "on Science, Space and
    Technology", "for the Northern District of Ruritania") ends; ``head_end`` if none."""
    m = _COMPLEMENT.match(text[head_end:head_end + 12])
    if not m:
        return head_end
    pos = head_end + m.end()
    end = head_end
    n = 0
    pending_list = False  # a ", B" that needs an "and C" to be part of the name
    safe_end = head_end
    for a, b, w in _words(text, pos, min(len(text), pos + 160)):
        if "\n" in text[end:a] and end > head_end:
            break
        gap = text[end:a] if end > head_end else ""
        if w in lx["dates"] or w in lx["strip_first"]:
            break  # "the Bureau on Tuesday"
        if w[:1].isupper() and w not in lx["titles"] and w not in ("I",):
            if _POSSESSIVE.search(w) or n >= _MAX_RIGHT or (gap and not _GAP.fullmatch(gap)):
                break
            if gap.startswith(",") and "and" not in gap:
                pending_list = True
            elif "and" in gap or "&" in gap:
                pending_list = False
            if gap.strip() in ("and the",):
                break  # "... of Ruritania and the Department of ...": another body
            end = b
            n += 1
            if not pending_list:
                safe_end = end
            continue
        if w in (",", "and", "&", "of", "for", "the"):
            continue
        break
    if safe_end > head_end and text[safe_end - 1] == "." and not _ABBREVIATION.fullmatch(
            text[text.rfind(" ", head_end, safe_end) + 1:safe_end]):
        safe_end -= 1  # the sentence's full stop ("… District of Ruritania.")
    return safe_end


def _evidence(text: str, a: int, b: int, head: str, lx, places: set[str]) -> bool:
    """Whether the run ``text[a:b]`` with this head is a government body (``places``: the
    casefolded country names and demonyms)."""
    name = text[a:b]
    tokens = _CAP_WORD.findall(name)
    words = {_POSSESSIVE.sub("", w) for w in tokens}
    if head in ("Committee", "Subcommittee"):
        return bool(words & lx["qualifiers"]) or bool(lx["chair"].match(text, b)) or \
            bool(lx["chair_before"].search(text[max(0, a - 30):a]))
    if head in lx["strong"] or words & lx["words"]:
        return True
    folded = " " + " ".join(w.casefold().rstrip(",") for w in tokens) + " "
    return any(w.casefold() in places for w in words) or any(
        " " in p and f" {p} " in folded for p in places)


def government_bodies(ctx, taken: Spans, headlines: Spans) -> list[Candidate]:
    """Capitalised government bodies by their head noun (see the module docstring)."""
    text, known = ctx.text, ctx.candidates
    lx = _lex()
    d = dictionary()
    places = _places()
    firms = Spans((c.start, c.end) for c in known if c.type in (T.Company, T.Person, T.Chip, T.AIModel))
    found: dict[str, list[tuple[int, int]]] = {}
    accepted: set[str] = set()
    for h in lx["head"].finditer(text):
        a = _left(text, h.start(), lx)
        b = _right(text, h.end(), lx)
        if a == h.start() and b == h.end():
            continue  # the head alone ("the Bureau") is no name
        if b == h.end() and h.group() in lx["needs_complement"]:
            continue  # "the Quorvex Administration": a president's, not a body
        before = text[a:h.start()].split()
        if before and before[-1] in lx["not_before"]:
            continue  # "… News Agency", "… Press Office"
        if firms.overlaps(a, b) or headlines.overlaps(a, b) or taken.covers(a, b):
            continue
        if _TITLE_OF_LAW.match(text, b):
            continue  # "the Revenue Division Act": words of a law's title, not a body
        name = text[a:b]
        found.setdefault(name, []).append((a, b))
        if _evidence(text, a, b, h.group(), lx, places):
            accepted.add(name)
    out = []
    for name in accepted:
        # an international body ("International Widget Agency") is an organisation
        typ = T.Organization if name.split()[0] in lx["international"] else T.GovernmentBody
        for a, b in found[name]:
            out.append(Candidate(a, b, name, typ, name, 0.75, "organization", kind="body"))
    out.sort(key=lambda c: c.start)
    return out + _lower_case_bodies(text, taken, lx, d)


@cache
def _places() -> frozenset[str]:
    """The casefolded country names and demonyms."""
    d = dictionary()
    return frozenset(d.country_alias) | frozenset(d.demonym_country)


@cache
def _lower_patterns() -> tuple[Scanner, re.Pattern, re.Pattern, re.Pattern]:
    """The lower-case head ("ministry"); its portfolio before it, with a country ("the US
    trade ", "Ruritania's commerce "); its complement after it (" of commerce"); a country
    right before a head ("the US ")."""
    lx = _lex()
    d = dictionary()
    places = alternation([*d.country_alias, *d.demonym_country])
    p, h = lx["portfolios"], lx["lower_heads"]
    place = rf"((?i:{places}))(?:['’]s)?[ \u00a0]+"
    return (Scanner(WordFirst(rf"(?<![\w-])(?:{h})(?![\w-])", first_words(lexicon()["government_lower_heads"]))),
            re.compile(rf"(?<![\w-])(?:{place})?({p})[ \u00a0]+$"),
            re.compile(rf"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:{p})(?![\w-])"),
            re.compile(rf"(?<![\w-]){place}$"))


def _lower_case_bodies(text: str, taken: Spans, lx, d) -> list[Candidate]:
    """Bodies named in lower case by their portfolio (see the module docstring)."""
    head, before, after, place_before = _lower_patterns()
    out = []
    for h in head.finditer(text):
        lo = max(0, h.start() - 60)
        if (m := before.search(text, lo, h.start())) is not None:
            body, b, place = m.start(2), h.end(), (m.start(1) if m.group(1) else None)
        elif (c := after.match(text, h.end())) is not None:
            m = place_before.search(text, lo, h.start())
            body, b, place = h.start(), c.end(), (m.start(1) if m else None)
        else:
            continue
        if place is not None and text[place:body].islower():
            place = None  # "the us trade ministry": no country name
        a = body if place is None else place
        if any(ch.isupper() for ch in text[body:b]) or taken.overlaps(body, b):
            continue  # capitalised bodies are the dictionary's and the finder's
        surface = text[a:b]
        entry = d.government_form(surface) or (d.government_form(text[body:b]) if a != body else None)
        canon = entry.name if entry is not None else surface
        out.append(Candidate(a, b, surface, T.GovernmentBody, canon, 0.7, "organization", entry, kind="portfolio"))
    return out
