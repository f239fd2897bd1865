"""A set of character spans that answers "does anything here overlap [a, b)?" without
scanning every span: spans are kept sorted by start, so the candidates are a prefix found
by bisection, and the test is one ``max`` over their ends."""
from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(spans)
        self._starts = [s for s, _ in pairs]
        self._ends = [e for _, e in pairs]

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_right(self._starts, a)
        self._starts.insert(i, a)
        self._ends.insert(i, b)

    def overlaps(self, a: int, b: int) -> bool:
        """Some span (s, e) has ``a < e and s < b``."""
        k = bisect.bisect_left(self._starts, b)
        return k > 0 and max(self._ends[:k]) > a

    def covers(self, a: int, b: int) -> bool:
        """Some span (s, e) has ``s <= a and e >= b``."""
        k = bisect.bisect_right(self._starts, a)
        return k > 0 and max(self._ends[:k]) >= b
