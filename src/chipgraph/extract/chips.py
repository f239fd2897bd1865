"""Chips and AI models not in the dictionary: model numbers and families by pattern.

Short model numbers ("H20", "L2") are ambiguous in general text, so a pattern hit becomes a
Chip only with support: the reference data knows the number (Epoch AI hardware), or the
sentence speaks of chips, or a chip maker is named next to it.
"""
from __future__ import annotations

import re
from functools import cache

from .dictionary import alternation as _alt
from .dictionary import dictionary, lexicon
from .spans import Spans

# strong: the pattern alone names a chip
_STRONG = re.compile(
    r"\b(?:(?:Ascend|Kirin|Kunlun)\s?\d{3,4}[A-Za-z]?\d?"
    r"|MI\d{3}[A-Z]?|Gaudi\s?\d|MLU\d{3}(?:-[A-Z]\d)?|TPU\s?v\d+[a-z]?"
    r"|GB\d{3}|GH\d{3}|RTX\s?\d{4}\s?(?:Ti|D)?|HBM\d[Ee]?"
    r"|Blackwell|Hopper|Grace\sHopper|Rubin)(?:s\b)?(?!\w)")
# weak: needs support ("H20", "A800", "B200", "L20")
_WEAK = re.compile(r"\b(?:[ABHLV]\d{2,3}[A-Z]?|[LT]\d)(?:s\b)?(?!\w|-\w|\.\d)")
_CHIP_CONTEXT = re.compile(
    r"\b(?:chips?|GPUs?|processors?|accelerators?|semiconductors?|graphics|Nvidia|NVIDIA|AMD|Intel|"
    r"Huawei|data[- ]cent(?:er|re)|AI)\b", re.I)
_NOT_CHIP_AFTER = re.compile(r"^\s*(?:19|20)\d\d\b|^\s*(?:percent|%|billion|million|visa|bomber|fighter)", re.I)

_MODEL = re.compile(
    r"\b(?:GPT-\d(?:\.\d)?[a-z]?|Llama[ -]?\d(?:\.\d)?|Qwen[ -]?\d(?:\.\d)?(?:-[A-Za-z]+)?"
    r"|Claude\s(?:\d(?:\.\d)?\s)?(?:Opus|Sonnet|Haiku)(?:\s\d(?:\.\d)?)?|Gemini\s\d(?:\.\d)?(?:\s(?:Pro|Flash|Ultra))?"
    r"|DeepSeek-[RV]\d|Kimi\sK\d|ERNIE\s\d(?:\.\d)?|Grok\s\d)\b")


def normalize_chip(surface: str) -> str:
    """Canonical model name: no plural "s", no space inside "Gaudi 2" or "TPU v5"."""
    s = surface.strip()
    if re.search(r"\d[A-Za-z]?s$", s) and not s.endswith("ss"):
        s = s[:-1]
    s = re.sub(r"^(Gaudi|MLU)\s+(\d)", r"\1\2", s)
    s = re.sub(r"^TPU\s*(v\d)", r"TPU \1", s)
    s = re.sub(r"^(Ascend|Kirin|Kunlun)\s*(\d)", r"\1 \2", s)
    return s


@cache
def _families() -> str:
    return _alt(lexicon()["chip_families"])


@cache
def _named_by_noun():
    """Chips named by the noun after them: a product line ("Huawei's Ascend line", "Ascend
    chips"), a hyphenated model ("the LX-500 training chip"), a bare die ("two 910B dies")."""
    lx = lexicon()
    nouns = rf"(?:(?:AI|training|inference|memory)\s+)?(?:{_alt(lx['chip_nouns'])})\b"
    return (re.compile(rf"\b({_families()})(?=\s+{nouns})"),
            re.compile(rf"\b([A-Z]{{1,4}}-\d{{2,4}}[A-Za-z]?|\d{{3,4}}[A-Z])(?=\s+{nouns})"),
            re.compile(r"\b(\d{3,4}[A-Z])\b"))


def chip_and_model_mentions(text: str, index, known) -> list:
    from .mentions import Candidate

    d = dictionary()
    taken = Spans((c.start, c.end) for c in known)

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    out = []
    for m in _STRONG.finditer(text):
        if free(m.start(), m.end()):
            canon = normalize_chip(m.group())
            entry = d.by_name.get(canon.casefold())
            out.append(Candidate(m.start(), m.end(), m.group(), "Chip", entry.name if entry else canon,
                                 0.9, "chip", entry))
    for m in _WEAK.finditer(text):
        if not free(m.start(), m.end()) or _NOT_CHIP_AFTER.match(text[m.end():m.end() + 12]):
            continue
        canon = normalize_chip(m.group())
        entry = d.by_name.get(canon.casefold())
        sent = index.text(index.of(m.start())).text
        if len(canon) <= 2 and entry is None:
            continue
        if entry is not None and entry.type != "Chip":
            continue
        if not _CHIP_CONTEXT.search(sent) and entry is None:
            continue
        if len(canon) <= 2 and not _CHIP_CONTEXT.search(sent):
            continue
        out.append(Candidate(m.start(), m.end(), m.group(), "Chip", entry.name if entry else canon,
                             0.85 if entry else 0.7, "chip", entry))
    families, numbered, bare = _named_by_noun()
    found = Spans((o.start, o.end) for o in out)  # what this finder took so far
    full_name: dict[str, re.Match | None] = {}  # model number -> its first "FAMILY NUMBER" in the text

    def full(number: str) -> re.Match | None:
        if number not in full_name:
            full_name[number] = re.search(rf"\b((?:{_families()})\s{re.escape(number)})\b", text)
        return full_name[number]

    for m in list(families.finditer(text)) + list(numbered.finditer(text)):
        if free(m.start(1), m.end(1)) and not found.overlaps(m.start(1), m.end(1)):
            canon = m.group(1)
            f = full(canon)
            canon = normalize_chip(f.group(1)) if f else canon
            out.append(Candidate(m.start(1), m.end(1), m.group(1), "Chip", canon, 0.7, "chip"))
            found.add(m.start(1), m.end(1))
    # "The 910C" after "Ascend 910C": the same chip
    for m in bare.finditer(text):
        f = full(m.group(1))
        if f and free(m.start(1), m.end(1)) and not found.overlaps(m.start(1), m.end(1)):
            out.append(Candidate(m.start(1), m.end(1), m.group(1), "Chip", normalize_chip(f.group()), 0.7, "chip"))
            found.add(m.start(1), m.end(1))
    for m in _MODEL.finditer(text):
        if free(m.start(), m.end()):
            canon = re.sub(r"^DeepSeek-", "", m.group())
            out.append(Candidate(m.start(), m.end(), m.group(), "AIModel", canon, 0.85, "chip"))
    return out
