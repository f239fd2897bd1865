"""manufactures: who makes a chip.

- adjacency: "Nvidia's H100", "NVIDIA A100", "the firm's latest AI chip X";
- a chip's apposition: "X, an ACME AI chip";
- reference data: the sentence names the chip's maker (Epoch AI);
- "its Blackwell processor": the firm the sentence (or the paragraph before) last named;
  "the Z7, a cut-down version of its Falcon processor": the same maker;
- "X, a version ACME designed": the firm in the apposition with a making verb;
- "A, a Lyon startup that builds the QX-9 inference chip": a making verb after the firm.
"""
from __future__ import annotations

import re
from functools import cache

from ..candidates import RelationHits
from ..dictionary import alternation, controls, dictionary
from ..terms import P, T
from .common import PAIRS, WINDOW
from ..coordination import chain
from .products import last_before

_ADJACENT = re.compile(r"(?:['’]s?)?\s+(?:(?:new|latest|own|flagship|top|older|less\s+powerful|AI|advanced|"
                       r"data[- ]cent(?:er|re)|high-end|server|Tensor\s+Core|GPU|most\s+advanced)\s+){0,2}")
_WHOSE = re.compile(r"\s*,\s*whose\s+(?:(?:new|latest|own|flagship|top|AI|advanced)\s+){0,2}")
# "a chip that was made in China by A", "processors which are produced by A"
# "the X chip is manufactured by A", "X is made by COUNTRY's largest foundry, A"
# ("A's X, made by B, is …": a reduced relative after a comma)
_MADE_BY_AFTER = re.compile(r"(?:\s+(?:chips?|processors?|GPUs?|accelerators?))?(?:\s*,?\s*(?:(?:that|which)\s+)?(?:was|were|is|are|had\s+been|has\s+been|have\s+been|will\s+be)\s+(?:\w+ly\s+)?|\s*,\s*)"
                            r"(?:made|produced|manufactured|fabricated|built)\s+(?:(?:in|at|on)\s+[^,;.]{1,40}?\s+)?by\s+(?:the\s+)?"
                            r"(?:(?:[A-Z][\w.]*['’]s\s+)?(?:[\w-]+\s+){0,3}?[\w-]+\s*,\s*)?$")
# "A, which supplies B chips": a supplier's verb (the making verbs are ``make_verbs``)
_SUPPLIES = re.compile(r"\b(?:that|which)\s+(?:also\s+)?(?:supplies|fabricates)\s+(?:the\s+|its\s+)?$")
_ITS = re.compile(r"\b(?:its|their)\s+(?:(?:[\w-]+)\s+){0,2}$", re.I)
_VERSION_OF = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:version|variant|derivative|successor|cut-down|model)\s+of\s+"
                         r"(?:its|their)\s+(?:[\w-]+\s+){0,1}$", re.I)
_VERSION_BY = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:version|variant|derivative|successor|model|chip|processor)\s+(?:that\s+)?$")


@cache
def _verbs():
    cd = controls()
    return (re.compile(rf"^\s*(?:{alternation(cd['made_by_verbs'])})\b"),
            re.compile(rf"\b(?:{alternation(cd['make_verbs'])})\s+(?:the\s+|its\s+|a\s+|an\s+)?$"))


def manufactures(ctx) -> RelationHits:
    """Component: manufactures relations (see the module docstring)."""
    text, sentences = ctx.text, ctx.sentences
    hits = RelationHits()
    d = dictionary()
    made_after, make_verb = _verbs()
    for si, items in ctx.by_sentence.items():
        sent = sentences[si]
        for i, (c, e) in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if e.type == T.Company and nxt is not None and nxt[1].type == T.Chip:
                between = text[c.end:nxt[0].start]
                if _ADJACENT.fullmatch(between) or _WHOSE.fullmatch(between):
                    # "A's B, C or D chips", "A, whose B and C processors": the whole list
                    for j in chain(items, i + 1, text, (T.Chip,)):
                        if j > i:
                            hits.add(e.key, P.manufactures, items[j][1].key, si, (c.start, items[j][0].end), 0.85)
            if e.type == T.Chip:
                after = text[c.end:min(sent.end, c.end + WINDOW)]
                m = re.match(r"\s*,\s*(?:a|an|the)\s+", after)
                if m and nxt is not None and nxt[1].type == T.Company and nxt[0].start - c.end < 20 and \
                        re.match(r"\s*(?:AI\s+|[\w-]+\s+){0,2}(?:chip|GPU|processor|accelerator)", text[nxt[0].end:nxt[0].end + 30]):
                    hits.add(nxt[1].key, P.manufactures, e.key, si, (c.start, nxt[0].end), 0.85)
                # reference data: the sentence names the chip's maker (Epoch AI)
                maker = d.chip_maker.get(e.key)
                for c2, e2 in items[max(0, i - PAIRS):i + PAIRS + 1] if maker else ():
                    if e2.type == T.Company and (e2.name == maker or e2.key == maker.lower()):
                        hits.add(e2.key, P.manufactures, e.key, si, (min(c.start, c2.start), max(c.end, c2.end)), 0.75)
    firms_seen: list = []  # (start, entity, sentence) of companies in document order
    for si in sorted(ctx.by_sentence):
        items = ctx.by_sentence[si]
        sent = sentences[si]
        for i, (c, e) in enumerate(items):
            if e.type == T.Chip:
                left = text[max(sent.start, c.start - 40):c.start]
                if _ITS.search(left):
                    maker = last_before(firms_seen, c.start, si - 2)
                    if maker is not None:
                        hits.add(maker.key, P.manufactures, e.key, si, (c.start, c.end), 0.6)
                        # "the Z7, a cut-down version of its Falcon": same maker
                        if i > 0 and items[i - 1][1].type == T.Chip and _VERSION_OF.match(text[items[i - 1][0].end:c.start]):
                            hits.add(maker.key, P.manufactures, items[i - 1][1].key, si, (items[i - 1][0].start, c.end), 0.6)
                # "a chip that was made in China by A": the first firm after the chip
                firm = next((k for k in range(i + 1, min(i + 4, len(items))) if items[k][1].type == T.Company), None)
                if firm is not None and _MADE_BY_AFTER.fullmatch(text, c.end, items[firm][0].start):
                    hits.add(items[firm][1].key, P.manufactures, e.key, si, (c.start, items[firm][0].end), 0.7)
                if i + 1 < len(items) and items[i + 1][1].type == T.Company and \
                        _VERSION_BY.match(text[c.end:items[i + 1][0].start]) and made_after.match(text[items[i + 1][0].end:]):
                    hits.add(items[i + 1][1].key, P.manufactures, e.key, si, (c.start, items[i + 1][0].end), 0.7)
            elif e.type == T.Company:
                firms_seen.append((c.start, e, si))
                # "A, a Lyon startup that builds the QX-9 inference chip"
                for c2, e2 in items[i + 1:]:
                    if e2.type == T.Company or c2.start - c.end > 90 or re.search(r"[;.]", text[c.end:c2.start]):
                        break
                    if e2.type == T.Chip:
                        if (make_verb.search(text[c.end:c2.start]) or _SUPPLIES.search(text[c.end:c2.start])) and \
                                re.match(r"\s*(?:,\s*(?:(?:a|an|the)\s+[^,]{0,50}?\s)?(?:that|which)\s+|\s+)", text[c.end:c2.start]):
                            hits.add(e.key, P.manufactures, e2.key, si, (c.start, c2.end), 0.65)
                        break
    return hits
