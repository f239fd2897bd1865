"""Chips and AI models not in the dictionary: model numbers and families by pattern.

Short model numbers ("H20", "L2") are ambiguous in general text, so a pattern hit becomes a
Chip only with support: the reference data knows the number (Epoch AI hardware), or the
sentence speaks of chips, or a chip maker is named next to it.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .candidates import Candidate
from .dictionary import alternation as _alt
from .dictionary import dictionary, lexicon
from .spans import Spans
from .terms import T


@cache
def _data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data", "chips.json").read_text(encoding="utf-8"))


@cache
def _pat() -> dict:
    d = _data()
    return {
        # strong: the pattern alone names a chip
        "strong": re.compile(rf"\b(?:{'|'.join(d['strong'])})(?:s\b)?(?!\w)"),
        # weak: needs support ("H20", "A800", "B200", "L20")
        "weak": re.compile(rf"\b{d['weak']}(?:s\b)?(?!\w|-\w|\.\d)"),
        "context": re.compile(rf"\b(?:{'|'.join(d['chip_context'])})\b", re.I),
        "not_chip_after": re.compile(d["not_chip_after"], re.I),
        "normalise": [(re.compile(a), b) for a, b in d["normalise"]],
        "model": re.compile(rf"\b(?:{'|'.join(d['models'])})\b"),
        "model_prefix": re.compile(rf"^(?:{_alt(d['model_prefixes'])})"),
        # "its R2 model", "the Orion 3.5 language model"; "Orion-2, an open-weight model"
        "model_by_noun": re.compile(
            rf"(?<![\w.-])({d['model_name']})(?=[ \u00a0]+(?:(?:{_alt(d['model_modifiers'])})[ \u00a0]+){{0,3}}"
            rf"(?:{_alt(d['model_nouns'])})\b(?![ \u00a0]+(?:years?|lines?|ranges?)\b))"),
        "model_noun": re.compile(rf"\b(?:{_alt(d['model_nouns'])})\b"),
        "model_apposed": re.compile(
            rf"(?<![\w.-])({d['model_name']}),[ \u00a0]+(?:a|an|the|its|their)[ \u00a0]+(?:[\w.-]+[ \u00a0]+){{0,5}}?"
            rf"(?:{_alt(d['model_nouns'])})\b"),
    }


def normalize_chip(surface: str) -> str:
    """Canonical model name: no plural "s", no space inside "Gaudi 2" or "TPU v5"."""
    s = surface.strip()
    if re.search(r"\d[A-Za-z]?s$", s) and not s.endswith("ss"):
        s = s[:-1]
    for pattern, repl in _pat()["normalise"]:
        s = pattern.sub(repl, s)
    return s


@cache
def _families() -> str:
    return _alt(lexicon()["chip_families"])


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(lexicon()["person_stop_first"])


@cache
def _named_by_noun():
    """Chips named by the noun after them: a product line ("Huawei's Ascend line", "Ascend
    chips"), a model number ("the LX-500 training chip", "the Z100 accelerator"), a line and its
    number ("the Orion X2 processor"), a bare die ("two 910B dies")."""
    lx = lexicon()
    nouns = rf"(?:(?:AI|training|inference|memory)\s+)?(?:{_alt(lx['chip_nouns'])})\b"
    return (re.compile(rf"\b({_families()})(?=\s+{nouns})"),
            # "the LX-500 chip", "the Z100 accelerator", "its Orion X2 processor", "Zorb 590 chips"
            re.compile(rf"\b([A-Z]{{1,4}}-\d{{2,4}}[A-Za-z]?|[A-Z]{{1,3}}\d{{2,4}}[A-Za-z]{{0,2}}|\d{{3,4}}[A-Z]|"
                       rf"[A-Z][a-z]{{2,}}[ \u00a0](?:[A-Z]{{1,2}}\d{{1,4}}[A-Za-z]?|(?!(?:19|20)\d\d\b)\d{{2,4}}[A-Z]?))(?=\s+{nouns})"),
            re.compile(r"\b(\d{3,4}[A-Z])\b"))


_LIST_OPENS = re.compile(r"(?:\s*(?:[—–:]|,?\s+(?:including|such\s+as|namely))\s*|\s+)(\d{3,4}[A-Z])\b")


@cache
def _FAMILY_CHIPS_LIST() -> re.Pattern:
    """A family's chips before the list of their model numbers ("Ascend chips — 910B, …")."""
    nouns = _alt(lexicon()["chip_nouns"])
    return re.compile(rf"\b({_families()})\s+(?:AI\s+)?(?:{nouns})(?={_LIST_OPENS.pattern})")


_LISTED_NUMBER = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*[—–/]\s*)(\d{3,4}[A-Z])\b")


def chip_and_model_mentions(ctx) -> list[Candidate]:
    """Component: chips and models by pattern (see the module docstring)."""
    text, index, known = ctx.text, ctx.index, ctx.candidates
    p = _pat()
    d = dictionary()
    taken = Spans((c.start, c.end) for c in known)

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    out = []
    for m in p["strong"].finditer(text):
        if free(m.start(), m.end()):
            canon = normalize_chip(m.group())
            entry = d.by_name.get(canon.casefold())
            out.append(Candidate(m.start(), m.end(), m.group(), T.Chip, entry.name if entry else canon,
                                 0.9, "chip", entry))
    for m in p["weak"].finditer(text):
        if not free(m.start(), m.end()) or p["not_chip_after"].match(text[m.end():m.end() + 12]):
            continue
        canon = normalize_chip(m.group())
        entry = d.by_name.get(canon.casefold())
        sent = index.text(index.of(m.start())).text
        if len(canon) <= 2 and entry is None:
            continue
        if entry is not None and entry.type != T.Chip:
            continue
        if not p["context"].search(sent) and entry is None:
            continue
        if len(canon) <= 2 and not p["context"].search(sent):
            continue
        out.append(Candidate(m.start(), m.end(), m.group(), T.Chip, entry.name if entry else canon,
                             0.85 if entry else 0.7, "chip", entry))
    families, numbered, bare = _named_by_noun()
    found = Spans((o.start, o.end) for o in out)  # what this finder took so far
    full_name: dict[str, re.Match | None] = {}  # model number -> its first "FAMILY NUMBER" in the text

    def full(number: str) -> re.Match | None:
        if number not in full_name:
            full_name[number] = re.search(rf"\b((?:{_families()})\s{re.escape(number)})\b", text)
        return full_name[number]

    def listed(family: str, n: re.Match) -> None:
        if free(n.start(1), n.end(1)) and not found.overlaps(n.start(1), n.end(1)):
            out.append(Candidate(n.start(1), n.end(1), n.group(1), T.Chip,
                                 normalize_chip(f"{family} {n.group(1)}"), 0.7, "chip"))
            found.add(n.start(1), n.end(1))

    # "Ascend 910B, 910C or 910D": the numbers listed after a family's model are its models; so
    # are those listed after the family's chips ("three Ascend chips: 910B, 910C and 910D")
    lists = [(m.group(1), m.end()) for m in re.finditer(rf"\b({_families()})\s+\d{{2,4}}[A-Z]?\b", text)]
    for m in _FAMILY_CHIPS_LIST().finditer(text):
        n = _LIST_OPENS.match(text, m.end())
        listed(m.group(1), n)
        lists.append((m.group(1), n.end()))
    for family, pos in lists:
        while (n := _LISTED_NUMBER.match(text, pos)) is not None:
            listed(family, n)
            pos = n.end()
    stop = _stop_words()
    for m in list(families.finditer(text)) + list(numbered.finditer(text)):
        if " " in m.group(1) and m.group(1).split()[0] in stop:
            continue  # "The 590 chips", "Its X2 chips": no line's name
        if free(m.start(1), m.end(1)) and not found.overlaps(m.start(1), m.end(1)):
            canon = m.group(1)
            f = full(canon)
            canon = normalize_chip(f.group(1)) if f else canon
            out.append(Candidate(m.start(1), m.end(1), m.group(1), T.Chip, canon, 0.7, "chip"))
            found.add(m.start(1), m.end(1))
    # "The 910C" after "Ascend 910C": the same chip
    for m in bare.finditer(text):
        f = full(m.group(1))
        if f and free(m.start(1), m.end(1)) and not found.overlaps(m.start(1), m.end(1)):
            out.append(Candidate(m.start(1), m.end(1), m.group(1), T.Chip, normalize_chip(f.group()), 0.7, "chip"))
            found.add(m.start(1), m.end(1))
    # a listed model's name may hold a known shorter one ("Name K2" beside "Name"): the longer wins
    inner_models = Spans((c.start, c.end) for c in known if c.type != T.AIModel)
    for m in p["model"].finditer(text):
        if not inner_models.overlaps(m.start(), m.end()):
            canon = p["model_prefix"].sub("", m.group())
            out.append(Candidate(m.start(), m.end(), m.group(), T.AIModel, canon, 0.85, "chip"))
            found.add(m.start(), m.end())
    # a model the lists do not know, named by the noun after it or by an apposition
    # (tried only just before each model noun: the name patterns are costly at every position)
    hits, done = [], 0
    for n in p["model_noun"].finditer(text):
        lo = max(done, n.start() - 120)
        for pattern in (p["model_by_noun"], p["model_apposed"]):
            hits += pattern.finditer(text, lo, n.end() + 12)  # (room for "model year")
        done = n.end()
    for m in sorted(hits, key=lambda m: m.start(1)):
        a, b = m.start(1), m.end(1)
        if free(a, b) and not found.overlaps(a, b) and not p["weak"].fullmatch(m.group(1)):
            canon = p["model_prefix"].sub("", m.group(1))
            out.append(Candidate(a, b, m.group(1), T.AIModel, canon, 0.7, "chip"))
            found.add(a, b)
    return out
