"""Patterns run from their rare parts: exactly ``finditer``'s matches, at a fraction of the cost.

Python's ``re`` tries a pattern at every position of the text.  A pattern that opens with a
capitalised name ("NAME, a chipmaker", "NAME analysts") or with a long alternation of words
("chief executive of NAME") pays a full attempt at every capital letter or every word, though
it can only match near a rare cue.  A :class:`Scanner` is built from alternatives of two shapes
and tries the whole pattern only where one of them can start:

* :class:`NameThenCue`: ``PREFIX(NAME)CUE``, where no name runs into a cue (a name's words
  are joined by spaces and open with a capital or a digit; a cue opens with optional spaces
  and then a comma, a bracket, a quote mark or a lower-case word), no name runs over a line
  break, and a name is at most ``reach`` characters long.  The cue is found first; the
  alternative's start is the leftmost one whose name ends where the cue starts.
* :class:`WordFirst`: an alternative whose every match starts at the start of a word from a
  known set (the first word of each phrase of an alternation: a role, a descriptor, a
  country), or of that word with a plural "s", and never right after a letter or a digit
  (its pattern opens with "\\b" or a look-behind that says so).

The scanner takes the leftmost start over its alternatives, matches the whole pattern (the
alternatives joined by "|", in order) there, and goes on after the match, as ``finditer``
does; so it yields the same ``re.Match`` objects, and callers read groups and spans as before.
``tests/test_scan.py`` checks it against ``finditer`` on sentences in many forms and, where
``../shared`` is present, on every corpus text.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

# runs of letters and digits: where a word can start (casefolded, as "(?i:...)" compares)
_RUNS = re.compile(r"[^\W_]+")


class NameThenCue:
    """The alternative ``PREFIX(NAME)CUE`` (see the module docstring)."""

    def __init__(self, prefix: str, name: str, cue: str, reach: int = 300) -> None:
        self.regex = rf"{prefix}({name}){cue}"
        self._cue = re.compile(cue)
        self._tail = re.compile(rf"{prefix}(?:{name})\Z")
        self._reach = reach

    def starts(self, text: str):
        """A function ``done -> the leftmost start >= done of this alternative, or None``;
        ``done`` never decreases between calls."""
        search, tail, reach = self._cue.search, self._tail.search, self._reach
        at = 0  # no cue before ``at`` has a name after ``done``

        def leftmost(done: int) -> int | None:
            nonlocal at
            while (c := search(text, at)) is not None:
                e = c.start()
                if e > done:
                    t = tail(text, max(done, e - reach, text.rfind("\n", 0, e) + 1), e)
                    if t is not None:
                        return t.start()  # names never run into a cue: a later cue's starts later
                at = e + 1
            return None
        return leftmost


class WordFirst:
    """The alternative ``regex``, whose matches all start at one of ``first_words``
    (casefolded), or at one of them with a plural "s" (see the module docstring)."""

    def __init__(self, regex: str, first_words: Iterable[str]) -> None:
        self.regex = regex
        self._first = frozenset(w.casefold() for w in first_words)
        self._forms = self._first | {w + "s" for w in self._first}  # the word or its plural

    def starts(self, text: str):
        index = word_index(text)
        at = sorted(p for word in self._forms.intersection(index) for p in index[word])

        def leftmost(done: int) -> int | None:
            i = bisect.bisect_left(at, done)
            return at[i] if i < len(at) else None
        return leftmost


_last_index: tuple[str, dict[str, list[int]]] | None = None


def word_index(text: str) -> dict[str, list[int]]:
    """Casefolded run of letters and digits -> where it starts in ``text``: built once per text (the last
    text's index is kept, as a document's components all read the same text)."""
    global _last_index
    if _last_index is not None and _last_index[0] is text:
        return _last_index[1]
    index: dict[str, list[int]] = {}
    for w in _RUNS.finditer(text):
        index.setdefault(w.group().casefold(), []).append(w.start())
    _last_index = (text, index)
    return index


class Scanner:
    """The alternatives joined into one pattern, run from their starts."""

    def __init__(self, *alternatives: NameThenCue | WordFirst) -> None:
        self.alternatives = alternatives
        self.pattern = re.compile("|".join(a.regex for a in alternatives))

    def finditer(self, text: str) -> Iterator[re.Match]:
        firsts = [a.starts(text) for a in self.alternatives]
        match = self.pattern.match
        done = 0
        while True:
            starts = [s for f in firsts if (s := f(done)) is not None]
            if not starts:
                return
            p = min(starts)
            m = match(text, p)
            if m is None or m.end() == p:
                done = p + 1  # no match starts here: every alternative's leftmost is later
                continue
            yield m
            done = m.end()


def first_words(phrases: Iterable[str]) -> set[str]:
    """The first run of letters and digits of each phrase ("co-founder" -> "co", "chief
    executive" -> "chief", "1260H list" -> "1260h")."""
    out = set()
    for p in phrases:
        m = _RUNS.match(p)
        if m is None:
            raise ValueError(f"{p!r} does not open with a letter or a digit: its matches need not start at a word")
        out.add(m.group().casefold())
    return out


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what "\w" matches in a str pattern


def whole_words(text: str, words: Iterable[str], not_after: re.Pattern | None = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of each match of ``\\b(w1|w2|…)\\b(?!NOT_AFTER)`` over the text, the
    words tried longest first (as :func:`~chipgraph.extract.dictionary.alternation` orders
    them), without compiling that pattern: a document's own list of names is found with
    ``str.find``, as ``finditer`` would find it."""
    order = sorted({w for w in words if w}, key=lambda w: (-len(re.escape(w)), w))
    at: dict[int, list[int]] = {}
    for rank, w in enumerate(order):
        i = text.find(w)
        while i >= 0:
            at.setdefault(i, []).append(rank)
            i = text.find(w, i + 1)
    out: list[tuple[int, int, str]] = []
    done, n = 0, len(text)
    for p in sorted(at):
        if p < done:
            continue
        before = p > 0 and is_word_char(text[p - 1])
        for rank in sorted(at[p]):
            w = order[rank]
            e = p + len(w)
            if before == is_word_char(w[0]) or (e < n and is_word_char(text[e])) == is_word_char(w[-1]):
                continue  # no word boundary at one of its ends
            if not_after is not None and not_after.match(text, e):
                continue
            out.append((p, e, w))
            done = e
            break
    return out
