"""develops: who built an AI model ("DeepSeek's R1", "its R1 model" after the company,
"ACME released R2", "R2, a model from ACME")."""
from __future__ import annotations

import re

from ..candidates import RelationHits
from ..terms import P, T
from .common import verbs

_MODEL_FROM = re.compile(r",?\s+(?:(?:a|an|the)\s+)?(?:[\w.-]+\s+){0,5}?(?:model|LLM|chatbot)\s+"
                         r"(?:from|by|of|developed\s+by|built\s+by|released\s+by|made\s+by)\s+(?:the\s+)?"
                         r"(?:(?:[A-Z][A-Za-z]*|[a-z-]+)\s+){0,4}?")
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
            maker = next(((c2, e2) for c2, e2 in items[i + 1:i + 3] if e2.type == T.Company), None)
            if e.type == T.AIModel and maker is not None and _MODEL_FROM.fullmatch(text, c.end, maker[0].start):
                # "Orion-2, an open-weight model from Chinese AI lab Acme"
                hits.add(maker[1].key, P.develops, e.key, si, (c.start, maker[0].end), 0.8)
            if e.type == T.Company and nxt is not None and nxt[1].type == T.AIModel:
                between = text[c.end:nxt[0].start]
                if _ADJACENT.fullmatch(between) or \
                        (develop.search(between) and len(between) < 80 and "," not in between.strip(", ")):
                    hits.add(e.key, P.develops, nxt[1].key, si, (c.start, nxt[0].end), 0.85)
    return hits
