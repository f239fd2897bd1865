"""develops: who built an AI model ("DeepSeek's R1", "its R1 model" after the company,
"ACME released R2")."""
from __future__ import annotations

import re

from ..candidates import RelationHits
from ..terms import P, T
from .common import verbs

_ADJACENT = re.compile(r"(?:['’‘]s?)?\s+(?:(?:new|latest|own|open-source|flagship|AI|reasoning)\s+){0,2}|-")


def develops(ctx) -> RelationHits:
    """Component: develops relations: a company right before a model, or a development verb
    between them in one clause."""
    text = ctx.text
    hits = RelationHits()
    develop = verbs("develop_verbs")
    for si, items in ctx.by_sentence.items():
        for i, (c, e) in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if e.type == T.Company and nxt is not None and nxt[1].type == T.AIModel:
                between = text[c.end:nxt[0].start]
                if _ADJACENT.fullmatch(between) or \
                        (develop.search(between) and len(between) < 80 and "," not in between.strip(", ")):
                    hits.add(e.key, P.develops, nxt[1].key, si, (c.start, nxt[0].end), 0.85)
    return hits
