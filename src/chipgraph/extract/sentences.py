"""Sentence splitting with character offsets into the document text.

Lines are paragraphs (news text keeps one paragraph per line; headlines and bullets have no
final stop), and inside a paragraph BlingFire's sentence model does the splitting: it is
fast (C++), handles abbreviations ("Oct. 7", "Reps.", "U.S.") and needs no model download.
"""
from __future__ import annotations

import ctypes
import re

from ..model import Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
# a split right after one of these is undone ("Sen. Warren", "No. 4")
# a title abbreviation keeps its name even when the name starts upper-case ("Sen. Carla Mendes")
_TITLE_ABBREV = re.compile(r"\b(?:Sen|Sens|Rep|Reps|Gov|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Adm)\.\s*$")
_NO_SPLIT_AFTER = re.compile(r"(?:\b(?:Sen|Sens|Rep|Reps|Gov|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|St|No|Nos|Inc|Corp|Co|Ltd|Jr|Sr|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|a\.m|p\.m)\.)\s*$")


def _tail(text: str, a: int, b: int) -> str:
    """The end of ``text[a:b]`` that :data:`_NO_SPLIT_AFTER` can match (it ends the span,
    after trailing space): a short abbreviation, its dot and the character before it."""
    return text[a:b].rstrip()[-8:]


def _sentence_offsets(text: str) -> list[tuple[int, int]]:
    """``blingfire.text_to_sentences_and_offsets(text)[1]`` without its per-byte Python loop
    (it maps UTF-8 byte offsets to character offsets one byte at a time): the native call,
    then the byte offsets mapped by decoding the stretches between them.  Offsets the
    wrapper's loop would treat specially (out of order, inside a character) go to the
    wrapper itself, so the result is always the same."""
    import blingfire  # imported lazily: loading the native library costs time

    data = text.encode("utf-8")
    size = len(data) * 2
    buf = ctypes.create_string_buffer(size)
    starts, ends = (ctypes.c_int32 * size)(), (ctypes.c_int32 * size)()
    n = blingfire.blingfire.TextToSentencesWithOffsets(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(buf), ctypes.byref(starts),
        ctypes.byref(ends), ctypes.c_int(size))
    if n == -1 or n > size:
        return []
    count = buf.value.count(b"\n") + 1
    bounds = [o for s, e in zip(starts[:count], ends[:count]) for o in (s, e + 1)]
    last = len(data)
    if len(bounds) < 2 * count or not all(0 <= x <= y < last and data[y] & 0xC0 != 0x80 for x, y in zip([0] + bounds, bounds[:-1])) or \
            not (bounds[-1] >= last or bounds[-2] <= bounds[-1] and data[bounds[-1]] & 0xC0 != 0x80):
        return blingfire.text_to_sentences_and_offsets(text)[1]
    if text.isascii():
        chars = [min(o, last) for o in bounds]
    else:
        chars, prev, pos = [], 0, 0
        for o in bounds:
            o = min(o, last)
            pos += len(data[prev:o].decode("utf-8"))
            chars.append(pos)
            prev = o
    return list(zip(chars[::2], chars[1::2]))


def _split_paragraph(text: str) -> list[tuple[int, int]]:
    offsets = _sentence_offsets(text)
    spans: list[tuple[int, int]] = []
    for a, b in offsets:
        tail = _tail(text, *spans[-1]) if spans else ""
        if spans and (_NO_SPLIT_AFTER.search(tail) and text[a:a + 1].isupper() is False or _TITLE_ABBREV.search(tail)):
            spans[-1] = (spans[-1][0], b)
        elif spans and re.match(r"[\u201d\"’')\]]", text[a:a + 1] or "x"):
            spans[-1] = (spans[-1][0], b)  # a closing quote split off its sentence
        else:
            spans.append((a, b))
    return spans


MAX_SENTENCE = 3000  # characters; a longer "sentence" (no breaks: a list, a table, junk) is cut
_CLAUSE_BREAK = re.compile(r"[;:,\u2014\u2013)\]](?=\s)")
_SPACE = re.compile(r"\s+")


def _chunks(text: str, s: int, e: int, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """``text[s:e]`` cut into pieces of at most ``limit`` characters, each cut made at the
    last clause punctuation (or else the last space) in the second half of the piece: the
    patterns read one sentence at a time, and a sentence without breaks must not make them
    read it all for each of its mentions."""
    out = []
    while e - s > limit:
        lo = s + limit // 2
        m = None
        for m in _CLAUSE_BREAK.finditer(text, lo, s + limit):
            pass
        if m is not None:
            end = m.end()
        else:
            for m in _SPACE.finditer(text, lo, s + limit):
                pass
            end = m.start() if m is not None else s + limit
        nxt = end
        while nxt < e and text[nxt].isspace():
            nxt += 1
        out.append((s, end))
        s = nxt
    out.append((s, e))
    return out


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
                for a, b in _chunks(text, s, e) if e - s > MAX_SENTENCE else ((s, e),):
                    out.append(Sentence(len(out), a, b, text[a:b]))
    return out
