"""Who makes and who uses a chip, beyond adjacency ("Nvidia's H100") handled in relations.py.

- "its Blackwell processor": the firm the sentence (or the paragraph before) last named;
- "the B30A, a scaled-down version of its Blackwell processor": the same maker;
- "H800s, a version Nvidia designed": the firm in the apposition with a making verb;
- "A, a Shanghai startup that designs the LX-500 training chip": a making verb after the firm;
- users: a subject set off by an apposition ("A and B, two of X's customers, had stockpiled
  H20s"), a passive ("is already used by firms including A and B", "H20 chips were bought by A"), and "it" for the chip
  last named ("A had stockpiled it").
"""
from __future__ import annotations

import re

from .coordination import chain

_ITS = re.compile(r"\b(?:its|their)\s+(?:(?:[\w-]+)\s+){0,2}$", re.I)
_VERSION_OF = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:version|variant|derivative|successor|cut-down|model)\s+of\s+"
                         r"(?:its|their)\s+(?:[\w-]+\s+){0,1}$", re.I)
_VERSION_BY = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:version|variant|derivative|successor|model|chip|processor)\s+(?:that\s+)?$")
_MAKE_AFTER = re.compile(r"^\s*(?:designed|made|developed|built|created|produced|launched|released)\b")
_MAKE_VERB = re.compile(r"\b(?:designs|designed|makes|manufactures|manufactured|produces|produced|develops|developed|sells|unveil|unveils|unveiled|launches|launched)\s+(?:the\s+|its\s+|a\s+|an\s+)?$")
_USED_BY = re.compile(r"^\s*(?:(?:chips?|GPUs?|processors?|accelerators?|units?)\s+)?(?:,[^,]{0,60},\s*)?"
                      r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:\w+ly|already|also|now|still)\s+)?"
                      r"(?:used|bought|purchased|acquired|deployed|stockpiled|obtained|imported|ordered|rented)\s+by\b")
_IT = re.compile(r"\s*(?:it|them)\b")


def _last_before(seen: list, pos: int, min_sentence: int):
    """The entity of the last ``(start, entity, sentence)`` in ``seen`` (document order)
    starting before ``pos``, if it is in sentence ``min_sentence`` or later."""
    for start, e, si in reversed(seen):
        if start < pos:
            return e if si >= min_sentence else None
    return None


def product_relations(text, sentences, per_sent, found, use_verbs) -> None:
    """``use_verbs``: the matches of the use-verb pattern in each sentence of ``per_sent``."""
    chips_seen: list = []  # (start, Linked-entity) of chips in document order
    firms_seen: list = []
    for si in sorted(per_sent):
        items = per_sent[si]
        sent = sentences[si]
        for i, (c, e) in enumerate(items):
            if e.type == "Chip":
                left = text[max(sent.start, c.start - 40):c.start]
                maker = None
                if _ITS.search(left):
                    maker = _last_before(firms_seen, c.start, si - 2)
                    if maker is not None:
                        found.add(maker.key, "manufactures", e.key, si, (c.start, c.end), 0.6)
                        # "the B30A, a scaled-down version of its Blackwell": same maker
                        if i > 0 and items[i - 1][1].type == "Chip" and _VERSION_OF.match(text[items[i - 1][0].end:c.start]):
                            found.add(maker.key, "manufactures", items[i - 1][1].key, si, (items[i - 1][0].start, c.end), 0.6)
                if i + 1 < len(items) and items[i + 1][1].type == "Company" and \
                        _VERSION_BY.match(text[c.end:items[i + 1][0].start]) and _MAKE_AFTER.match(text[items[i + 1][0].end:]):
                    found.add(items[i + 1][1].key, "manufactures", e.key, si, (c.start, items[i + 1][0].end), 0.7)
                m = _USED_BY.match(text[c.end:sent.end])
                if m:
                    start = c.end + m.end()
                    for j, (c2, e2) in enumerate(items):
                        if c2.start >= start and e2.type in ("Company", "AIModel") and c2.start - start < 80:
                            for k in chain(items, j, text, ("Company", "AIModel")):
                                found.add(items[k][1].key, "usesChip", e.key, si, (c.start, items[k][0].end), 0.7)
                            break
                chips_seen.append((c.start, e, si))
            elif e.type == "Company":
                firms_seen.append((c.start, e, si))
                # "A, a Shanghai startup that designs the LX-500 training chip"
                for c2, e2 in items[i + 1:]:
                    if e2.type == "Company" or c2.start - c.end > 90 or re.search(r"[;.]", text[c.end:c2.start]):
                        break
                    if e2.type == "Chip":
                        if _MAKE_VERB.search(text[c.end:c2.start]) and re.match(r"\s*(?:,\s*(?:a|an|the)\s+[^,]{0,50}?\s(?:that|which)\s+|\s+)", text[c.end:c2.start]):
                            found.add(e.key, "manufactures", e2.key, si, (c.start, c2.end), 0.65)
                        break
        # users set off by an apposition, or "it"
        for m in use_verbs[si]:
            vpos = sent.start + m.start()
            vend = sent.start + m.end()
            left = text[sent.start:vpos]
            ap = re.match(r"^(.*?\S)\s*,\s[^,]{3,80},\s*(?:(?:had|have|has|also|reportedly|already)\s+)*$", left)
            subj_end = sent.start + len(ap.group(1)) if ap else None
            objs = [x for x in items if x[0].start >= vend and x[1].type == "Chip" and x[0].start - vend < 40]
            target = objs[0][1] if objs else None
            if target is None and _IT.match(text, vend):
                target = _last_before(chips_seen, vpos, si - 2)
            if target is None:
                continue
            subj = [j for j, (c2, e2) in enumerate(items) if e2.type in ("Company", "AIModel") and
                    (c2.end == subj_end if subj_end else 0 <= vpos - c2.end < 30 and not re.search(r"[,.;]", text[c2.end:vpos]))]
            if not subj or (objs and not subj_end):
                continue  # the plain case is relations.py's
            for k in chain(items, subj[-1], text, ("Company", "AIModel")):
                found.add(items[k][1].key, "usesChip", target.key, si, (items[k][0].start, vend), 0.65)
