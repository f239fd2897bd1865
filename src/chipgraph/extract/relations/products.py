"""Helpers that the chip relations (manufactures, usesChip) share."""
from __future__ import annotations


def last_before(seen: list, pos: int, min_sentence: int):
    """The entity of the last ``(start, entity, sentence)`` in ``seen`` (document order)
    starting before ``pos``, if it is in sentence ``min_sentence`` or later."""
    for start, e, si in reversed(seen):
        if start < pos:
            return e if si >= min_sentence else None
    return None
