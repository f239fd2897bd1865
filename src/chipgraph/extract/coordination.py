"""Coordination and anaphora over the mentions of one sentence.

``chain`` finds the mentions coordinated with one mention ("China, Russia and Iran",
"memory maker A and AI-chip designer B"), so that a relation stated for one member of a list
holds for all of them.  ``company_anaphors`` finds definite descriptions that refer back to a
company ("the company", "the firm", "The Chinese telecoms giant") and resolves them to the
company last mentioned in the sentence, or else to the last company that was a sentence
subject: the salient firm of the paragraph.
"""
from __future__ import annotations

import bisect
import re

from .candidates import Anaphor, Candidate
from .patterns import STORY_DATELINE
from .terms import T

# a list separator, with up to three lower-case descriptor words before the next name (after
# an alias in brackets: "A ('AB'), B and C")
_SEP = re.compile(r"(?:['’]s?)?(?:[’'”\"]?\))?(?:\s*\([^()]{1,40}\))?"
                  r"(?:\.?,?\s*(?:Ltd|Inc|Co|Corp|LLC|Limited|plc)\b)?\.?"  # "A Co., Ltd., and B"
                  r"(?:\s+(?:in|of|from)\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)?"  # "A in Province, B": where A is
                  r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)(?:(?:[a-z][\w-]*|AI[\w-]*)\s+){0,3}")
_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][a-z]+|[a-z][\w-]*)\s+){0,3}?"
    r"(?:company|firm|chipmaker|giant|group|startup|designer|maker|manufacturer|supplier)(?:['’]s)?(?![\w-])")


_ALIAS_OPEN = re.compile(r"\s*\(\s*[‘'“\"]?")


def _alias_of_previous(items: list, j: int, text: str) -> bool:
    """``items[j]`` is a bracketed alias of the mention before it ("A Battery Co (‘ABC’)")."""
    return j > 0 and items[j][1] is items[j - 1][1] and \
        bool(_ALIAS_OPEN.fullmatch(text[items[j - 1][0].end:items[j][0].start]))


_WHERE = re.compile(r"\s+(?:in|of|from)\s+(?:the\s+)?")


def _joined(items: list, a: int, b: int, text: str, types: tuple[str, ...]) -> int | None:
    """The index of the member after ``items[a]`` when ``items[b]`` follows it in a list
    (``b``, or ``b + 1`` past a place that says where ``items[a]`` is: "A in COUNTRY, B")."""
    if b >= len(items):
        return None
    if items[b][1].type in types:
        if _alias_of_previous(items, b, text) or _SEP.fullmatch(text[items[a][0].end:items[b][0].start]):
            return b
        return None
    if items[b][1].type == T.Country and T.Country not in types and b + 1 < len(items) and \
            items[b + 1][1].type in types and _WHERE.fullmatch(text[items[a][0].end:items[b][0].start]) and \
            _SEP.fullmatch(text[items[b][0].end:items[b + 1][0].start]):
        return b + 1
    return None


def chain(items: list, i: int, text: str, types: tuple[str, ...]) -> list[int]:
    """Indices of the mentions in ``items`` (sorted by position) coordinated with ``items[i]``
    (a bracketed alias of a member is a member too and keeps the list going; a place after a
    member, "A in COUNTRY, B and C", does not end it)."""
    out = [i]
    j = i
    while j > 0:
        prev = j - 1 if _joined(items, j - 1, j, text, types) == j else \
            j - 2 if j >= 2 and _joined(items, j - 2, j - 1, text, types) == j else None
        if prev is None or items[prev][1].type not in types:
            break
        j = prev
        out.insert(0, j)
    j = i
    while (nxt := _joined(items, j, j + 1, text, types)) is not None:
        j = nxt
        out.append(j)
    return out


def sentence_body_start(sent) -> int:
    """Offset where the sentence proper begins (after a wire dateline)."""
    m = STORY_DATELINE.match(sent.text)
    return sent.start + (m.end() if m else 0)


def company_anaphors(ctx) -> list[Anaphor]:
    """Component: each definite description resolved to a company, as a company mention that
    only the relation components read ("the company", "the firm")."""
    text, sentences, linked = ctx.text, ctx.sentences, ctx.linked
    comp = sorted(((c, L) for L in linked if L.entity.type == T.Company for c in L.mentions if c.kind != "demonym"),
                  key=lambda x: x[0].start)
    subjects = []  # (sentence index, Linked) of companies opening a sentence
    for c, L in comp:
        s = sentences[c.sentence]
        lead = text[sentence_body_start(s):c.start]
        if len(lead.split()) <= 2 and not re.search(r"[,;:]", lead):
            subjects.append((c.sentence, c.start, L))
    # indexes: company mentions by start (``comp`` is sorted by it), by sentence; the longest
    # mention bounds how far back one that holds a position can start
    comp_starts = [c.start for c, _ in comp]
    longest = max((c.end - c.start for c, _ in comp), default=0)
    by_sentence: dict[int, list] = {}
    for c, L in comp:
        by_sentence.setdefault(c.sentence, []).append((c, L))
    subject_sentences = [k for k, _, _ in subjects]  # non-decreasing: ``comp`` is in text order
    sent_starts = [s.start for s in sentences]
    out = []
    for m in _DESCRIPTION.finditer(text):
        # "the firm Nvidia", "the Chinese firm DeepSeek": a name follows, not an anaphor
        if re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]) and not m.group().endswith("s"):
            continue
        pos = m.start()
        k = bisect.bisect_right(comp_starts, pos)
        if any(pos < comp[j][0].end for j in range(bisect.bisect_left(comp_starts, pos - longest), k)):
            continue
        si = bisect.bisect_right(sent_starts, pos) - 1
        if si < 0 or not pos < sentences[si].end:
            continue
        same = [L for c, L in by_sentence.get(si, ()) if c.end <= pos]
        lo, hi = bisect.bisect_left(subject_sentences, si - 3), bisect.bisect_right(subject_sentences, si)
        prev = [L for k, start, L in subjects[lo:hi] if k < si or start < pos]
        target = same[-1] if same else prev[-1] if prev else None
        if target is not None:
            out.append(Anaphor(Candidate(m.start(), m.end(), m.group(), T.Company, target.entity.name, 0.5,
                                         "anaphor", kind="anaphor"), target))
    return out
