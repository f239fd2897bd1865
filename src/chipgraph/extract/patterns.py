"""Patterns that several components read, defined once: party tags, datelines, role nouns,
speech verbs, the organisation types.  Word lists come from ``data/lexicon.json``."""
from __future__ import annotations

import re
from functools import cache

from .dictionary import alternation, lexicon
from .terms import T

# a party tag after a lawmaker's name: ", R-Wis.", " (D-N.Y.)"
PARTY_TAG = re.compile(r"^,?\s*\(?[RDI]-[A-Z][A-Za-z.]*\.?\)?")
PARTY_FRAGMENT = r"\(?[RDI]-[\w.]+\)?"  # the same tag inside a longer pattern
# after an upper-case place at the head of a story: "(Reuters)", "/TAIPEI (", " —", ", May 13"
DATELINE_AFTER_PLACE = re.compile(
    r"[^\S\n]*(?:/[A-Z]+)?[^\S\n]*(?:\(|[-\u2013\u2014][^\S\n]|,[^\S\n]*[A-Z][a-z]{2,8}\.?[^\S\n]+\d)")
# after a country: it names where goods come from ("chips of U.S. origin", "US-made tools"),
# not whom a measure is aimed at
ORIGIN_AFTER = re.compile(r"\s*-?\s*(?:origin|made|designed|built|developed)\b", re.I)
# a whole wire dateline opening a sentence: "CITY, Month 12 (Agency) - "
STORY_DATELINE = re.compile(r"^[A-Z][A-Z .'/,-]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}\s+\([^)]*\)\s*[-–—]+\s*")


@cache
def org_types() -> tuple[str, ...]:
    """The types a person can be affiliated with and a measure can target."""
    return (T.Company, T.Organization, T.GovernmentBody)


@cache
def roles() -> re.Pattern:
    """A role noun ("analyst", "chief executive"), plural allowed, any case."""
    return re.compile(rf"(?:{alternation(lexicon()['role_nouns'])})s?\b", re.I)


@cache
def speech_verbs() -> str:
    """The alternation of the lexicon's speech verbs (a regex fragment)."""
    return alternation(lexicon()["speech_verbs"])


_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_last_lines: tuple[str, tuple[tuple[int, int], ...]] | None = None


def title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the lines written in title case ("Toolmaker Says It Will Double Output"):
    four or more words, every word outside ``headline_small_words`` capitalised.  Words of
    such a line say nothing about names, so pattern guesses are not read from it.  (Several
    components ask for the same text's lines: the last text's answer is kept.)"""
    global _last_lines
    if _last_lines is not None and _last_lines[0] is text:
        return _last_lines[1]
    small = _small_words()
    out = []
    for line in re.finditer(r"[^\n]+", text):
        n = 0
        for w in _WORDS.finditer(line.group()):
            w = w.group()
            if w.casefold() in small:
                continue
            if not w[0].isupper():
                break  # a word in lower case: not a title-case line
            n += 1
        else:
            if n >= 4:
                out.append(line.span())
    _last_lines = (text, tuple(out))
    return _last_lines[1]


@cache
def _small_words() -> frozenset[str]:
    return frozenset(lexicon()["headline_small_words"])
