"""A set of character spans that answers "does anything here overlap [a, b)?" without
scanning every span.

The spans given at construction are kept sorted by start with a running maximum of their
ends, so a query is one bisection: the candidates are a prefix, and the prefix's largest end
decides.  Spans added later (:meth:`Spans.add`, used by the greedy overlap resolution) are
marked in a character mask instead, so a query costs the length of the queried span and an
insertion the length of the inserted one: the whole resolution is linear in the text.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(spans)
        self._starts = [s for s, _ in pairs]
        self._pmax = list(accumulate((e for _, e in pairs), max))
        self._added: list[tuple[int, int]] = []
        self._mask = bytearray()  # 1 at each character inside an added span
        self._empty_added = False  # an added span of length 0 (no character to mark)

    def _prefix_max(self, k: int) -> int | None:
        return self._pmax[k - 1] if k > 0 else None

    def add(self, a: int, b: int) -> None:
        self._added.append((a, b))
        if b <= a:
            self._empty_added = True
            return
        if b > len(self._mask):
            self._mask.extend(bytes(b - len(self._mask)))
        self._mask[a:b] = b"\x01" * (b - a)

    def overlaps(self, a: int, b: int) -> bool:
        """Some span (s, e) has ``a < e and s < b``."""
        top = self._prefix_max(bisect.bisect_left(self._starts, b))
        if top is not None and top > a:
            return True
        if not self._added:
            return False
        if a < b and not self._empty_added:
            return self._mask.find(1, max(a, 0), b) >= 0
        return any(a < e and s < b for s, e in self._added)

    def covers(self, a: int, b: int) -> bool:
        """Some span (s, e) has ``s <= a and e >= b``."""
        top = self._prefix_max(bisect.bisect_right(self._starts, a))
        if top is not None and top >= b:
            return True
        return any(s <= a and e >= b for s, e in self._added)
