"""Patterns that more than one relation module reads, defined once."""
from __future__ import annotations

import re
from functools import cache

import json

from ..dictionary import _data, alternation, controls, lexicon

# bounds for very long sentences (news sentences hold a few hundred characters and fewer than
# a dozen mentions): the characters read on either side of a mention, and how many mentions
# away a pair may be for the relations that pair any two mentions of a sentence
WINDOW = 300
PAIRS = 24


def plurals(words) -> list[str]:
    out = list(words)
    for w in words:
        out.append(w[:-1] + "ies" if w.endswith("y") else w + "s")
    return out


@cache
def descriptors() -> str:
    """Company and organisation descriptors and their plurals ("startup", "chipmakers")."""
    lx = lexicon()
    return alternation(plurals(lx["company_descriptors"] + lx["org_descriptors"]))


@cache
def verbs(name: str) -> re.Pattern:
    """One verb list of ``controls.json`` as a word pattern (``use_verbs``, ``impose_verbs`` …)."""
    return re.compile(rf"\b(?:{alternation(controls()[name])})\b", re.I)


@cache
def cues() -> dict:
    """``relation_cues.json``: cities that place a firm in a country, founding verbs."""
    return json.loads(_data("relation_cues.json"))


@cache
def city_country() -> dict[str, str]:
    """Casefolded city name -> the country it is in."""
    return {k.casefold(): v for k, v in cues()["city_country"].items()}
