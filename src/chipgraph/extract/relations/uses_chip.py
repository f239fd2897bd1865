"""usesChip: a company or model that trained on, bought or runs a chip.

- a subject before a use verb and the chip after it ("ACME trained R2 on H800s"), but not
  after a failed attempt ("struggled to obtain") nor in a comparison ("less powerful than");
- a passive: "is already used by firms including A and B", "H20 chips were bought by A";
- a subject set off by an apposition: "A and B, two of X's customers, had stockpiled H20s";
- "it" for the chip last named ("A had stockpiled it").
"""
from __future__ import annotations

import re

from ..candidates import RelationHits
from ..coordination import chain
from ..dictionary import dictionary
from ..terms import P, T
from .common import verbs
from .products import last_before

_FAILED = re.compile(r"\b(?:struggl\w*|fail\w*|unable|could\s+not|cannot|can't|tried|trying|seek\w*|sought)\s+(?:\w+\s+)?to\s+$")
_USED_BY = re.compile(r"^\s*(?:(?:chips?|GPUs?|processors?|accelerators?|units?)\s+)?(?:,[^,]{0,60},\s*)?"
                      r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:\w+ly|already|also|now|still)\s+)?"
                      r"(?:used|bought|purchased|acquired|deployed|stockpiled|obtained|imported|ordered|rented)\s+by\b")
_IT = re.compile(r"\s*(?:it|them)\b")
_SET_OFF = re.compile(r"^(.*?\S)\s*,\s[^,]{3,80},\s*(?:(?:had|have|has|also|reportedly|already)\s+)*$")


def uses_chip(ctx) -> RelationHits:
    """Component: usesChip relations (see the module docstring)."""
    text, sentences = ctx.text, ctx.sentences
    hits = RelationHits()
    d = dictionary()
    use = verbs("use_verbs")
    users = (T.Company, T.AIModel)
    use_verbs = {si: list(use.finditer(sentences[si].text)) for si in ctx.by_sentence}
    for si, items in ctx.by_sentence.items():
        sent = sentences[si]
        for m in use_verbs[si]:
            vpos = sent.start + m.start()
            subj = [x for x in items if x[0].end <= vpos and x[1].type in users]
            objs = [x for x in items if x[0].start >= vpos + len(m.group()) and x[1].type == T.Chip]
            if not subj or not objs:
                continue
            c_s, e_s = subj[-1]
            if re.search(r"[.;:!?]", text[c_s.end:vpos]) or vpos - c_s.end > 60:
                continue
            if _FAILED.search(text[max(c_s.end, vpos - 40):vpos]):
                continue  # "struggled to obtain", "failed to buy": no use
            if objs[0][0].start - vpos > 60:
                continue
            for c_o, e_o in objs[:3]:
                if d.chip_maker.get(e_o.key) in (e_s.name,):
                    continue
                if c_o.start - vpos > 80 or re.search(r"\bthan\b|,\s*which\b|;|\bbut\b", text[vpos:c_o.start]):
                    break
                hits.add(e_s.key, P.usesChip, e_o.key, si, (c_s.start, c_o.end), 0.75)
    chips_seen: list = []  # (start, entity, sentence) of chips in document order
    for si in sorted(ctx.by_sentence):
        items = ctx.by_sentence[si]
        sent = sentences[si]
        for c, e in items:
            if e.type != T.Chip:
                continue
            m = _USED_BY.match(text[c.end:sent.end])
            if m:
                start = c.end + m.end()
                for j, (c2, e2) in enumerate(items):
                    if c2.start >= start and e2.type in users and c2.start - start < 80:
                        for k in chain(items, j, text, users):
                            hits.add(items[k][1].key, P.usesChip, e.key, si, (c.start, items[k][0].end), 0.7)
                        break
            chips_seen.append((c.start, e, si))
        # users set off by an apposition, or "it"
        for m in use_verbs[si]:
            vpos = sent.start + m.start()
            vend = sent.start + m.end()
            ap = _SET_OFF.match(text[sent.start:vpos])
            subj_end = sent.start + len(ap.group(1)) if ap else None
            objs = [x for x in items if x[0].start >= vend and x[1].type == T.Chip and x[0].start - vend < 40]
            target = objs[0][1] if objs else None
            if target is None and _IT.match(text, vend):
                target = last_before(chips_seen, vpos, si - 2)
            if target is None:
                continue
            subj = [j for j, (c2, e2) in enumerate(items) if e2.type in users and
                    (c2.end == subj_end if subj_end else 0 <= vpos - c2.end < 30 and not re.search(r"[,.;]", text[c2.end:vpos]))]
            if not subj or (objs and not subj_end):
                continue  # the plain case is the first loop's
            for k in chain(items, subj[-1], text, users):
                hits.add(items[k][1].key, P.usesChip, target.key, si, (items[k][0].start, vend), 0.65)
    return hits
