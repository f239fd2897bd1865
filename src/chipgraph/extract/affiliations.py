"""Who works where, in the constructions the appositions of relations.py leave out.

- a possessive title set off by commas: "Nvidia's chief executive, Jensen Huang," and
  "The company's rotating chairman, Eric Xu" (the company resolved by coordination.py);
- a relative clause: "X, who heads the Justice Department's National Security Division",
  "X, a former State Department official who is now a senior fellow at Y" (the former
  employer is left out, the current one taken);
- a corporate title with no employer in reach: "Chief Financial Officer X said the company …".
"""
from __future__ import annotations

import re

ORG_TYPES = ("Company", "Organization", "GovernmentBody")
_POSS_TITLE = re.compile(r"(?:['’]s?)?\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s*,\s*$")
_COMMA = re.compile(r"\s*,\s*")
_TITLE_AFTER = re.compile(r"['’]s?\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s*(?:[,.;]|$)")
_HEADS = re.compile(r"\s*,\s*(?:[^,]{0,80}?\s)?who\s+(?:heads|leads|chairs|runs|directs|oversees|manages|founded)\s+(?:the\s+)?$")
_NOW = re.compile(r"\s*,\s*(?:a|an|the)\s+former\s+[^,]{0,60}?\s(?:who\s+is\s+now|now)\s+(?:a|an|the)\s+"
                  r"((?:[\w-]+\s+){0,4}?)(?:at|of|for|with)\s+(?:the\s+)?$")
_CORPORATE = re.compile(r"(?:Chief\s+(?:Executive|Financial|Technology|Operating)(?:\s+Officer)?|CEO|CFO|CTO|COO|"
                        r"[Cc]hief\s+executive|[Ff]ounder|[Cc]hairman|[Cc]hairwoman)\s+$")


def affiliation_relations(text, sentences, per_sent, found, roles) -> None:
    for si, items in per_sent.items():
        sent = sentences[si]
        for i, (c, e) in enumerate(items):
            if e.type != "Person" or c.kind == "surname":
                continue
            # "Y's chief executive, X"
            if i > 0:
                c2, e2 = items[i - 1]
                m = _POSS_TITLE.fullmatch(text[c2.end:c.start]) if e2.type in ORG_TYPES else None
                if m and roles.search(m.group(1)):
                    found.add(e.key, "affiliatedWith", e2.key, si, (c2.start, c.end), 0.8, m.group(1))
            # "X, Y's chief executive," / "X, Y's top lawyer."
            if i + 1 < len(items):
                c2, e2 = items[i + 1]
                m = _TITLE_AFTER.match(text, c2.end) if e2.type in ORG_TYPES and _COMMA.fullmatch(text[c.end:c2.start]) else None
                if m and roles.search(m.group(1)):
                    found.add(e.key, "affiliatedWith", e2.key, si, (c.start, m.end(1)), 0.8, m.group(1))
            # "X, who heads the A's B" / "X, a former … who is now a fellow at Y"
            for j in range(i + 1, min(i + 4, len(items))):
                c2, e2 = items[j]
                if e2.type not in ORG_TYPES:
                    continue
                between = text[c.end:c2.start]
                m = _NOW.fullmatch(between)
                if m and roles.search(m.group(1) or "x") is not None:
                    found.add(e.key, "affiliatedWith", e2.key, si, (c.start, c2.end), 0.75, m.group(1).strip() or None)
                    break
                if _HEADS.fullmatch(between):
                    k = j
                    while k + 1 < len(items) and items[k + 1][1].type in ORG_TYPES and \
                            re.fullmatch(r"['’]s\s+", text[items[k][0].end:items[k + 1][0].start]):
                        k += 1
                    found.add(e.key, "affiliatedWith", items[k][1].key, si, (c.start, items[k][0].end), 0.75, "head")
                    break
            # "Chief Financial Officer X said the company …": the firm the sentence speaks of
            t = _CORPORATE.search(text[max(sent.start, c.start - 40):c.start])
            if t and not any(e2.type in ORG_TYPES and c2.kind != "anaphor" for c2, e2 in items):
                firms = [(c2, e2) for c2, e2 in items if e2.type == "Company" and c2.start > c.end]
                if firms:
                    found.add(e.key, "affiliatedWith", firms[0][1].key, si, (c.start, firms[0][0].end), 0.6, t.group().strip())
