"""Sentence splitting with character offsets into the document text.

Lines are paragraphs (news text keeps one paragraph per line; headlines and bullets have no
final stop), and inside a paragraph BlingFire's sentence model does the splitting: it is
fast (C++), handles abbreviations ("Oct. 7", "Reps.", "U.S.") and needs no model download.
"""
from __future__ import annotations

import re

from ..model import Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
# a split right after one of these is undone ("Sen. Warren", "No. 4")
_NO_SPLIT_AFTER = re.compile(r"(?:\b(?:Sen|Sens|Rep|Reps|Gov|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|St|No|Nos|Inc|Corp|Co|Ltd|Jr|Sr|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|a\.m|p\.m)\.)\s*$")


def _split_paragraph(text: str) -> list[tuple[int, int]]:
    import blingfire  # imported lazily: loading the native library costs time

    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    spans: list[tuple[int, int]] = []
    for a, b in offsets:
        if spans and _NO_SPLIT_AFTER.search(text[spans[-1][0]:spans[-1][1]]) and text[a:a + 1].isupper() is False:
            spans[-1] = (spans[-1][0], b)
        elif spans and re.match(r"[\u201d\"’')\]]", text[a:a + 1] or "x"):
            spans[-1] = (spans[-1][0], b)  # a closing quote split off its sentence
        else:
            spans.append((a, b))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with ``start``/``end`` offsets into it (``text[start:end]``)."""
    out: list[Sentence] = []
    # one BlingFire call for the whole text (character offsets), then cut at line breaks
    for a, b in _split_paragraph(text):
        for para in _PARAGRAPH.finditer(text, a, b):
            s, e = para.start(), para.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Sentence(len(out), s, e, text[s:e]))
    return out
