"""Relations stated in the text, found by patterns over one sentence at a time.

Each finder reads a sentence with the entity mentions inside it and yields
``(subject_key, predicate, object_key, span, confidence, role)``.  The patterns are general
constructions: appositions and possessives, "DEMONYM startup X", "X's CEO Y", verbs of use,
make and development, and the sentences in which a measure is named.
"""
from __future__ import annotations

import re
from functools import cache

from ..model import Evidence, Relation
from .dictionary import alternation as _alt
from .dictionary import controls as control_data
from .dictionary import dictionary, lexicon

ORG_TYPES = ("Company", "Organization", "GovernmentBody")
# bounds for very long sentences (news sentences hold a few hundred characters and fewer than
# a dozen mentions): the characters read on either side of a mention, and how many mentions
# away a pair may be for the relations that pair any two mentions of a sentence
WINDOW = 300
PAIRS = 24
# read around each mention (compiled once, not looked up per mention)
_SECRETARY = re.compile(r"(?:(US|U\.S\.)\s+)?(Commerce|Treasury|State|Defense)\s+Secretary\s+$")
_LAWMAKER = re.compile(r"\b(?:(Reps?\.|Representatives?|Congress(?:wo)?man)|(Sens?\.|Senators?)|lawmakers?)\s+(?:[A-Z][\w.]*\s+)*$")
_PARTY_TAG = re.compile(r"^,?\s*\(?[RDI]-[A-Z]")
_PLACE_WORDS_BEFORE = re.compile(r"(?:(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:['’]s)?\s+((?:[\w-]+\s+){0,3}))$")
_PLACE_WORD_BEFORE = re.compile(r"(?:(?<![\w-])([A-Z][\w.]*)(?:['’]s)?\s+((?:[\w-]+\s+){0,3}))$")
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the|another|one)\s+((?:[\w-]+\s+){0,4}?)(?:[\w-]+)")
_DESCRIBED_BEFORE = re.compile(r"\b(?:a|an|the|another)\s+([A-Z][\w.]*)\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s*,\s*$")
_BASED_IN = re.compile(r"\s*,?\s*(?:based|headquartered)\s+in\s+([A-Z][\w ]+)")


@cache
def _pat():
    cd, lx = control_data(), lexicon()
    return {
        "use": re.compile(rf"\b(?:{_alt(cd['use_verbs'])})\b", re.I),
        "develop": re.compile(rf"\b(?:{_alt(cd['develop_verbs'])})\b", re.I),
        "restrict": re.compile(rf"\b(?:{_alt(cd['restrict_triggers'])})\b", re.I),
        "impose": re.compile(rf"\b(?:{_alt(cd['impose_verbs'])})\b", re.I),
        "roles": re.compile(rf"(?:{_alt(lx['role_nouns'])})s?\b", re.I),
        "titles": re.compile(rf"(?:{_alt(lx['titles_before_name'])})\s*$"),
        "desc": re.compile(rf"\b(?:{_alt(_plurals(lx['company_descriptors'] + lx['org_descriptors']))})\b", re.I),
        "country_apposition": re.compile(
            rf"\)?\s*(?:,\s*|\s+of\s+(?:the\s+)?)([A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,3}})"
            rf"(?:(['’]s\s+(?:[\w-]+\s+){{0,4}}?(?:{_alt(_plurals(lx['company_descriptors'] + lx['org_descriptors']))})\b)|(?=[\s,.;]))"),
        # "Chinese cloud providers such as A and B", "28 U.S. entities, including A"
        "demonym_list": re.compile(rf"\b([A-Z][\w.]*)\s+(?:[\w-]+\s+){{0,2}}(?:companies|firms|entities|giants|startups|rivals|"
                                   rf"chipmakers|competitors|(?:{_alt(lx['company_descriptors'])})s)\s*,?\s+(?:such\s+as|like|including)\s+"),
    }


def _plurals(words) -> list[str]:
    out = list(words)
    for w in words:
        out.append(w[:-1] + "ies" if w.endswith("y") else w + "s")
    return out


class Found:
    """Relations found so far, keyed by (subject, predicate, object); each relation's
    evidence is also kept in a set, so adding one more piece costs O(1)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Relation] = {}
        self._seen: dict[tuple[str, str, str], set[Evidence]] = {}

    def add(self, s: str, p: str, o: str, sent: int, span: tuple[int, int], conf: float, role: str | None = None):
        if s == o:
            return
        k = (s, p, o)
        ev = Evidence(sent, span[0], span[1])
        if k in self.items:
            r = self.items[k]
            seen = self._seen[k]
            if ev not in seen:
                seen.add(ev)
                r.evidence.append(ev)
            r.confidence = max(r.confidence, conf)
            if role and not r.role:
                r.role = role
        else:
            self.items[k] = Relation(s, p, o, [ev], conf, role)
            self._seen[k] = {ev}


def find_relations(text, sentences, linked, control_groups, control_keys, country_entity) -> list[Relation]:
    """``linked``: document entities with mentions; ``control_groups``: measures (mention lists)
    with ``control_keys`` their entity keys; ``country_entity(name)`` returns the key of a
    Country entity (created on demand for demonyms)."""
    found = Found()
    p = _pat()
    d = dictionary()
    per_sent: dict[int, list] = {}
    for L in linked:
        for c in L.mentions:
            per_sent.setdefault(c.sentence, []).append((c, L.entity))
    for v in per_sent.values():
        v.sort(key=lambda x: x[0].start)
    # verbs of use, per sentence: read here and by product_relations
    use_verbs = {si: list(p["use"].finditer(sentences[si].text)) for si in per_sent}
    etype = {L.entity.key: L.entity.type for L in linked}
    names = {L.entity.key: L.entity.name for L in linked}

    bodies: dict[str, list[str]] = {}  # chamber pattern -> government bodies it names, in order
    for si, items in per_sent.items():
        sent = sentences[si]
        here = None  # keys of the sentence's entities, when needed
        for i, (c, e) in enumerate(items):
            # the patterns read a few words on either side: a window, not the whole sentence
            after = text[c.end:min(sent.end, c.end + WINDOW)]
            before = text[max(sent.start, c.start - WINDOW):c.start]
            nxt = items[i + 1] if i + 1 < len(items) else None
            # --- affiliatedWith: "X, a tech analyst for Y" / "X, the CEO of Y"
            if e.type == "Person" and c.kind != "surname":
                for j in range(i + 1, min(i + 4, len(items))):
                    c2, e2 = items[j]
                    if e2.type not in ORG_TYPES:
                        continue
                    between = text[c.end:c2.start]
                    m = re.fullmatch(r"\s*,\s*(?:who\s+is\s+|(?:a|an|the|its)\s+)?((?:[\w&.'’-]+\s+){0,6}?)"
                                     r"(?:of|for|at|with|from|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}", between)
                    if m and p["roles"].search(m.group(1)):
                        found.add(e.key, "affiliatedWith", e2.key, si, (c.start, c2.end), 0.85, m.group(1).strip())
                        break
                    m = re.fullmatch(r"\s*,\s*(?:(?:a|an|the)\s+)?([\w\s.&'’-]{0,60}?)\s*(?:at|of)?\s*$", between)
                    if m and between.count(",") == 1 and p["roles"].search(m.group(1) or "") and "'" not in between:
                        found.add(e.key, "affiliatedWith", e2.key, si, (c.start, c2.end), 0.7, m.group(1).strip())
                        break
                    break
                # "Y's CEO X", "Y CEO X", "the Y analysts X and Z"
                for j in range(i - 1, max(i - 3, -1), -1):
                    c2, e2 = items[j]
                    if e2.type == "Person":
                        continue
                    between = text[c2.end:c.start]
                    m = re.fullmatch(r"(?:['’]s)?\s+((?:[\w.-]+\s+){0,3}?)((?:[A-Za-z.-]+\s*){1,3})\s+"
                                     r"(?:(?:[A-Z][\w.-]+\s+){1,3}(?:and|&)\s+)?", between)
                    if e2.type in ORG_TYPES and m and p["roles"].search(m.group(0)) and not re.search(r"[,;:]", between):
                        found.add(e.key, "affiliatedWith", e2.key, si, (c2.start, c.end), 0.8, between.strip(" ’'s"))
                    break
                # titled officials: "Commerce Secretary X" -> the department; "Rep. X" -> Congress body
                left = text[max(sent.start, c.start - 40):c.start]
                tm = _SECRETARY.search(left)
                if tm:
                    dept = {"Commerce": "commerce-department", "Treasury": "us-treasury-department",
                            "State": "state-department", "Defense": "department-of-defense"}[tm.group(2)]
                    target = dept if dept in etype else ("us-government" if "us-government" in etype else None)
                    if target:
                        found.add(e.key, "affiliatedWith", target, si, (c.start - len(tm.group(0)), c.end), 0.75,
                                  tm.group(0).strip())
                lm = _LAWMAKER.search(left)
                if lm or _PARTY_TAG.match(after):
                    # "Senator X" -> a Senate body, "Representative X" -> a House one; in the same
                    # sentence unless the body is the whole legislature
                    chamber = r"House|Congress" if lm and lm.group(1) else r"Senate|Congress" if lm and lm.group(2) else \
                        r"Committee|Congress|Senate|House"
                    if chamber not in bodies:
                        bodies[chamber] = [k for k, t in etype.items() if t == "GovernmentBody" and re.search(chamber, names[k])]
                    if bodies[chamber]:
                        if here is None:
                            here = {e2.key for _, e2 in items}
                        k = next((k for k in bodies[chamber] if k in here), bodies[chamber][0])
                        found.add(e.key, "affiliatedWith", k, si, (c.start, c.end), 0.6, "lawmaker")
            # --- basedIn: "Chinese startup X", "China's X", "X, a Chinese AI startup"
            if e.type in ("Company", "Organization"):
                m = _PLACE_WORDS_BEFORE.search(before)
                if m and " " in m.group(1) and m.group(1).casefold() not in d.demonym_country and \
                        m.group(1).casefold() not in d.country_alias:
                    m = _PLACE_WORD_BEFORE.search(before)
                if m:
                    w = m.group(1)
                    ctry = d.demonym_country.get(w.casefold()) if w.casefold() in d.demonym_country else None
                    poss = re.search(r"['’]s\s+$", before[:m.end(1) + 3] + " ")
                    if ctry is None and w.casefold() in d.country_alias and re.search(rf"{re.escape(w)}['’]s\s", before[m.start(1):]):
                        ctry = d.country_alias[w.casefold()]
                    rest = (m.group(2) or "").split()
                    ok_rest = not rest or (p["desc"].fullmatch(rest[-1]) is not None and all(
                        w.islower() or w in ("AI", "IT") for w in rest))
                    if ctry and ok_rest and (rest or poss or w.casefold() in d.demonym_country):
                        k = country_entity(ctry)
                        if k:
                            found.add(e.key, "basedIn", k, si, (c.start - len(m.group(0)), c.end), 0.8)
                m = _APPOSITION.match(after)
                if m:
                    words = re.findall(r"[\w-]+", after[:m.end()])
                    for w in words[1:4]:
                        ctry = d.demonym_country.get(w.casefold())
                        if ctry and w[0].isupper() and p["desc"].search(after[:m.end() + 30]):
                            k = country_entity(ctry)
                            if k:
                                found.add(e.key, "basedIn", k, si, (c.start, c.end + m.end()), 0.8)
                            break
                # "SMIC, China's largest contract chipmaker", "G42 of the United Arab Emirates"
                m = p["country_apposition"].match(after)
                if m:
                    ctry = d.country_alias.get(m.group(1).casefold())
                    if ctry and (m.group(2) or re.match(r"\s+of\s", after)):
                        k = country_entity(ctry)
                        if k:
                            found.add(e.key, "basedIn", k, si, (c.start, c.end + m.end()), 0.75)
                # "a Malaysian reseller, X"
                m = _DESCRIBED_BEFORE.search(before)
                if m and p["desc"].fullmatch(m.group(2)) and m.group(1).casefold() in d.demonym_country:
                    k = country_entity(d.demonym_country[m.group(1).casefold()])
                    if k:
                        found.add(e.key, "basedIn", k, si, (c.start - len(m.group(0)), c.end), 0.75)
                m = _BASED_IN.match(after)
                if m:
                    ctry = d.country_alias.get(m.group(1).strip().casefold())
                    if ctry and country_entity(ctry):
                        found.add(e.key, "basedIn", country_entity(ctry), si, (c.start, c.end + m.end()), 0.85)
            # --- manufactures: "Nvidia's H100", "NVIDIA A100", "Gaudi2, an Intel AI chip"
            if e.type == "Company" and nxt is not None and nxt[1].type == "Chip":
                between = text[c.end:nxt[0].start]
                if re.fullmatch(r"(?:['’]s?)?\s+(?:(?:new|latest|own|flagship|top|older|less\s+powerful|AI|advanced|"
                                r"data[- ]cent(?:er|re)|high-end|server|Tensor\s+Core|GPU|most\s+advanced)\s+){0,2}", between):
                    found.add(e.key, "manufactures", nxt[1].key, si, (c.start, nxt[0].end), 0.85)
            if e.type == "Chip":
                m = re.match(r"\s*,\s*(?:a|an|the)\s+", after)
                if m and nxt is not None and nxt[1].type == "Company" and nxt[0].start - c.end < 20 and \
                        re.match(r"\s*(?:AI\s+|[\w-]+\s+){0,2}(?:chip|GPU|processor|accelerator)", text[nxt[0].end:nxt[0].end + 30]):
                    found.add(nxt[1].key, "manufactures", e.key, si, (c.start, nxt[0].end), 0.85)
                # reference data: the sentence names the chip's maker (Epoch AI)
                maker = d.chip_maker.get(e.key)
                for c2, e2 in items[max(0, i - PAIRS):i + PAIRS + 1] if maker else ():
                    if e2.type == "Company" and (e2.name == maker or e2.key == maker.lower()):
                        found.add(e2.key, "manufactures", e.key, si, (min(c.start, c2.start), max(c.end, c2.end)), 0.75)
            # --- develops: "DeepSeek's R1", "its R1 model" after the company
            if e.type == "Company" and nxt is not None and nxt[1].type == "AIModel":
                between = text[c.end:nxt[0].start]
                if re.fullmatch(r"(?:['’‘]s?)?\s+(?:(?:new|latest|own|open-source|flagship|AI|reasoning)\s+){0,2}|-", between) or \
                        (p["develop"].search(between) and len(between) < 80 and "," not in between.strip(", ")):
                    found.add(e.key, "develops", nxt[1].key, si, (c.start, nxt[0].end), 0.85)
        # --- usesChip: subject company/model before a use verb, chip after it
        for m in use_verbs[si]:
            vpos = sent.start + m.start()
            subj = [x for x in items if x[0].end <= vpos and x[1].type in ("Company", "AIModel")]
            objs = [x for x in items if x[0].start >= vpos + len(m.group()) and x[1].type == "Chip"]
            if not subj or not objs:
                continue
            c_s, e_s = subj[-1]
            if re.search(r"[.;:!?]", text[c_s.end:vpos]) or vpos - c_s.end > 60:
                continue
            if re.search(r"\b(?:struggl\w*|fail\w*|unable|could\s+not|cannot|can't|tried|trying|seek\w*|sought)\s+(?:\w+\s+)?to\s+$",
                         text[max(c_s.end, vpos - 40):vpos]):
                continue  # "struggled to obtain", "failed to buy": no use
            first_obj = objs[0]
            if first_obj[0].start - vpos > 60:
                continue
            for c_o, e_o in objs[:3]:
                if d.chip_maker.get(e_o.key) in (e_s.name,):
                    continue
                if c_o.start - vpos > 80 or re.search(r"\bthan\b|,\s*which\b|;|\bbut\b", text[vpos:c_o.start]):
                    break
                found.add(e_s.key, "usesChip", e_o.key, si, (c_s.start, c_o.end), 0.75)
        # --- "DEMONYM tech companies such as A, B, and C" -> basedIn
        for m in p["demonym_list"].finditer(sent.text):
            ctry = d.demonym_country.get(m.group(1).casefold()) or d.country_alias.get(m.group(1).casefold())
            if not ctry:
                continue
            start = sent.start + m.end()
            for c2, e2 in items:
                if c2.start >= start and e2.type == "Company" and c2.start - start < 80 and \
                        not re.search(r"[—–;]|\s-\s|\bbut\b|\b(?:which|who|that|while|after)\b", text[start:c2.start]):
                    k = country_entity(ctry)
                    if k:
                        found.add(e2.key, "basedIn", k, si, (sent.start + m.start(), c2.end), 0.75)
    # "South Korea's A and B", "A and B, China's two largest foundries": the whole list
    from .coordination import chain
    for si, items in per_sent.items():
        for i, (c, e) in enumerate(items):
            if e.type not in ("Company", "Organization"):
                continue
            members = chain(items, i, text, ("Company", "Organization"))
            if len(members) < 2 or members[0] != i:
                continue
            last = items[members[-1]][0]
            pm = re.search(r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+$", text[sentences[si].start:c.start])
            am = p["country_apposition"].match(text[last.end:sentences[si].end])
            for m, plural in ((pm, True), (am, bool(am and am.group(2) and re.search(r"s\b", am.group(2).split()[-1])))):
                ctry = d.country_alias.get(m.group(1).casefold()) if m else None
                if ctry and plural and (m is pm or am.group(2)):
                    k = country_entity(ctry)
                    for j in members:
                        if k:
                            found.add(items[j][1].key, "basedIn", k, si, (items[j][0].start, items[j][0].end), 0.7)
    from .affiliations import affiliation_relations
    from .measures import anaphoric_relations, control_relations
    from .products import product_relations
    affiliation_relations(text, sentences, per_sent, found, p["roles"])
    product_relations(text, sentences, per_sent, found, use_verbs)
    control_relations(text, sentences, per_sent, control_groups, control_keys, country_entity, found, p)
    anaphoric_relations(text, sentences, per_sent, control_groups, control_keys, found)
    return list(found.items.values())
