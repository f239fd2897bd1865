"""basedIn: where a company or organisation is based, as the text states it.

"DEMONYM startup X", "COUNTRY's X", "X, a DEMONYM AI startup", "X is a DEMONYM firm", "X (COUNTRY)", "X, COUNTRY's largest
chipmaker", "X of COUNTRY", "a DEMONYM reseller, X", "X, based in COUNTRY", "COUNTRY-based X", "X, a COUNTRY-based firm", "DEMONYM firms such
as A, B and C", "DEMONYM firms A, B and C", and lists: "COUNTRY's A and B", "A and B, COUNTRY's two largest foundries", "COUNTRY, home to makers such as A and B", "the A Institute in COUNTRY",
"shipped to A in COUNTRY".
"""
from __future__ import annotations

import re
from functools import cache

from ..candidates import RelationHits
from ..coordination import chain
from ..dictionary import alternation, dictionary, lexicon
from ..terms import P, T
from .common import WINDOW, city_country, descriptors

# "Chinese startup X", "DEMONYM firms A, B", "N DEMONYM companies — A, B and C" (a dash after a plural)
_PLACE_WORDS_BEFORE = re.compile(r"(?:(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:['’]s?)?\s+((?:(?:[a-z][\w-]*|AI|IT)(?:\s+|(?<=s)\s*[—–:]\s*)){0,3}))$")
_PLACE_WORD_BEFORE = re.compile(r"(?:(?<![\w-])([A-Z][\w.]*)(?:['’]s?)?\s+((?:(?:[a-z][\w-]*|AI|IT)(?:\s+|(?<=s)\s*[—–:]\s*)){0,3}))$")
# "X, a Chinese AI startup", "X is a Chinese company"
_APPOSITION = re.compile(r"(?:\.?\s*,\s*|\s+(?:is|was|remains|has\s+been)\s+)(?:a|an|the|another|one)\s+((?:[\w-]+\s+){0,4}?)(?:[\w-]+)")
# "X (China)": the country in brackets right after the name
_AND_OTHER = re.compile(r",?\s+(?:and|or)\s+(?:many\s+|several\s+|\d+\s+)?other\s+(?:[a-z][\w-]*\s+){0,2}?([A-Z][\w-]*)\s+"
                        r"(?:[a-z][\w-]*\s+(?:and\s+[a-z][\w-]*\s+)?){0,3}?"
                        r"(?:companies|firms|entities|chipmakers|businesses|manufacturers|suppliers|corporations|groups|startups)\b")
_BRACKETED = re.compile(r"\s*\(\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})\s*\)")
_DESCRIBED_BEFORE = re.compile(r"\b(?:a|an|the|another)\s+([A-Z][\w.]*)\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s*,\s*$")
_OWNED_DESCRIBED_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s*,\s*$")
_BASED_IN = re.compile(r"\s*,?\s*(?:(?:which|that|who)\s+is\s+)?(?:based|headquartered)\s+in\s+"
                       r"((?:the\s+)?[A-Z][\w' ]+(?:,\s*(?:the\s+)?[A-Z][\w' ]+)?)")
_PLACE_PARTS = re.compile(r"\s*,\s*(?:the\s+)?|\s+in\s+(?:the\s+)?|^the\s+")
_HOME_TO = re.compile(r"(?:\s*,\s*(?:(?:which|that)\s+is\s+)?|\s+is\s+(?:also\s+)?)(?:the\s+)?home\s+(?:to|of)\s+")
_PLURAL = re.compile(r"(?:[^s]s|ies|ses)$")
# "US-based A", "a Tokyo-headquartered maker, A"; "A, a Japan-based supplier"
_HYPHEN_BASED_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-(?:based|headquartered|registered|incorporated)\s+"
                                  r"(?:(?:[a-z][\w-]*|AI|[A-Z]{2,5})\s+){0,3}$")
_HYPHEN_BASED_AFTER = re.compile(r"\.?\s*,\s*(?:a|an|the|another)\s+(?:[a-z][\w-]*\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-"
                                 r"(?:based|headquartered|registered|incorporated)\b")
# "the A Institute (AI) in Singapore", "shipped to A in Malaysia": the place right after the name,
# ending the phrase (not "A in China's market")
_IN_PLACE = re.compile(r"(?:\s*\([A-Z][\w&.-]{1,12}\))?\s+in\s+((?:the\s+)?[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,2})"
                       r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:and|or|which|that|who|where|was|were|is|are|has|had|have|for|on|in|over|after|"
                       r"before|during|since|until|last|earlier|this|when|because|via|through|despite|without)\b)")
# a company (not an organization) is placed so only as what goods or money go to or come from
_TO_FROM_BEFORE = re.compile(r"(?:\b(?:sold|sells?|selling|sales|shipped|ships?|shipping|shipments|exported|exports?|"
                             r"delivered|deliveries|supplied|supplies|sent|went|diverted|transferred|re-exported|"
                             r"bought|buys?|purchased|acquired|imported|orders?|ordered)\s+(?:[\w-]+\s+){0,4}?(?:to|from)"
                             r"|\bincluding|\bsuch\s+as)\s+(?:the\s+)?$")
_POSSESSOR_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+$")


@cache
def _pat():
    lx = lexicon()
    desc = descriptors()
    return {
        "desc": re.compile(rf"\b(?:{desc})\b", re.I),
        "country_apposition": country_apposition(),
        "apposition_seat": re.compile(rf"\.?\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?"
                                      rf"(?:(?:(?:{desc})\s+)?(?:based|headquartered|registered)\s+in|(?:{desc})\s+in)\s+"
                                      rf"((?:the\s+)?[A-Z][\w']*(?:\s[A-Z][\w']*)?)(?=[\s,.;]|$)"),
        # "Chinese cloud providers such as A and B", "28 U.S. entities, including A"
        "demonym_list": re.compile(rf"\b(?!(?:The|These|Those|Other|Some|All|Two|Three|Several|Many|Dozens|Hundreds|"
                                   rf"Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|[A-Z][a-z]+teen|[A-Z][a-z]+ty)\b)([A-Z][\w.]*)\s+(?:[\w-]+\s+){{0,2}}(?:companies|firms|entities|giants|startups|rivals|"
                                   rf"chipmakers|competitors|(?:{alternation(lx['company_descriptors'])})s)"
                                   # "13 Chinese entities involved in chips, including A"
                                   rf"(?:\s+(?:involved|engaged|working|active|operating|accused|suspected|linked|tied|that|which|who)\b[^.;:()“”\"]{{0,80}}?)?"
                                   rf"\s*,?\s+(?:such\s+as|like|including|"
                                   rf"(?:(?:named|listed|added|targeted|sanctioned)\s+)?(?:are|were|include|included))\s+"),
    }


@cache
def country_apposition() -> re.Pattern:
    """", COUNTRY's largest contract chipmaker" / " of the COUNTRY" after a name."""
    return re.compile(
        rf"\)?\s*(?:,\s*|\s+of\s+(?:the\s+)?)([A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,3}})"
        rf"(?:(['’]s\s+(?:[\w-]+\s+){{0,4}}?(?:{descriptors()})\b)|(?=[\s,.;]))")


def based_in(ctx) -> RelationHits:
    """Component: basedIn relations (see the module docstring)."""
    text, sentences, country_entity = ctx.text, ctx.sentences, ctx.countries
    hits = RelationHits()
    p = _pat()
    d = dictionary()
    places = (T.Company, T.Organization)
    for si, items in ctx.by_sentence.items():
        sent = sentences[si]
        for i, (c, e) in enumerate(items):
            if e.type not in places:
                continue
            if c.kind == "anaphor":
                # "sales to the Chinese company": the description that stands for the firm places it
                # (an anaphor may be resolved wrongly: the firm the reference data places elsewhere
                # is not the one the description stands for)
                dem = next((w for w in re.findall(r"[A-Z][\w-]*", c.surface) if w.casefold() in d.demonym_country), None)
                entry = d.by_name.get(e.name.casefold())
                home = entry.country if entry is not None else None
                if dem and home in (None, "", d.demonym_country[dem.casefold()]) and \
                        (k := country_entity(d.demonym_country[dem.casefold()])):
                    hits.add(e.key, P.basedIn, k, si, (c.start, c.end), 0.6)
            after = text[c.end:min(sent.end, c.end + WINDOW)]
            before = text[max(sent.start, c.start - WINDOW):c.start]
            # "Chinese startup X", "China's X"
            m = _PLACE_WORDS_BEFORE.search(before)
            if m and " " in m.group(1) and m.group(1).casefold() not in d.demonym_country and \
                    m.group(1).casefold() not in d.country_alias:
                m = _PLACE_WORD_BEFORE.search(before)
            if m:
                w = m.group(1)
                ctry = d.demonym_country.get(w.casefold()) if w.casefold() in d.demonym_country else None
                poss = re.search(r"['’]s?\s+$", before[:m.end(1) + 3] + " ")
                if ctry is None and w.casefold() in d.country_alias and re.search(rf"{re.escape(w)}['’]s?\s", before[m.start(1):]):
                    ctry = d.country_alias[w.casefold()]
                rest = re.findall(r"[\w-]+", m.group(2) or "")
                ok_rest = not rest or (p["desc"].fullmatch(rest[-1]) is not None and all(
                    w.islower() or w in ("AI", "IT") for w in rest))
                if ctry and ok_rest and (rest or poss or w.casefold() in d.demonym_country):
                    k = country_entity(ctry)
                    # "Chinese firms A, B and C": a plural descriptor places the whole list
                    members = chain(items, i, text, places) if rest and _PLURAL.search(rest[-1]) else [i]
                    for j in members[members.index(i):] if k else ():
                        hits.add(items[j][1].key, P.basedIn, k, si, (c.start - len(m.group(0)), items[j][0].end), 0.8)
            # "A, B and other leading Chinese technology companies": the whole list
            m = _AND_OTHER.match(after)
            if m and (ctry := d.demonym_country.get(m.group(1).casefold())) and (k := country_entity(ctry)):
                members = chain(items, i, text, places)
                if members[-1] == i:
                    for j in members:
                        hits.add(items[j][1].key, P.basedIn, k, si, (items[j][0].start, c.end + m.end()), 0.75)
            # "X, a Chinese AI startup"
            m = _APPOSITION.match(after)
            if m:
                words = re.findall(r"[\w-]+", after[:m.end()])
                for w in words[1:4]:
                    ctry = d.demonym_country.get(w.casefold()) or (
                        d.country_alias.get(w.casefold()) if w[:1].isupper() and " " not in w else None)
                    if ctry and w[0].isupper() and p["desc"].search(after[:m.end() + 60]):
                        k = country_entity(ctry)
                        if k:
                            hits.add(e.key, P.basedIn, k, si, (c.start, c.end + m.end()), 0.8)
                        break
            # "X, COUNTRY's largest contract chipmaker", "X of the COUNTRY"
            m = p["country_apposition"].match(after)
            if m:
                ctry = d.country_alias.get(m.group(1).casefold())
                if ctry and (m.group(2) or re.match(r"\s+of\s", after)):
                    k = country_entity(ctry)
                    if k:
                        hits.add(e.key, P.basedIn, k, si, (c.start, c.end + m.end()), 0.75)
            # "a Malaysian reseller, X"
            m = _DESCRIBED_BEFORE.search(before)
            if m and p["desc"].fullmatch(m.group(2)) and m.group(1).casefold() in d.demonym_country:
                k = country_entity(d.demonym_country[m.group(1).casefold()])
                if k:
                    hits.add(e.key, P.basedIn, k, si, (c.start - len(m.group(0)), c.end), 0.75)
            # "China's largest foundry, X": the country's description set off before the name
            m = _OWNED_DESCRIBED_BEFORE.search(before)
            if m and p["desc"].fullmatch(m.group(2)) and (ctry := d.country_alias.get(m.group(1).casefold())) and \
                    (k := country_entity(ctry)):
                hits.add(e.key, P.basedIn, k, si, (c.start - len(m.group(0)), c.end), 0.75)
            for m, span in ((_HYPHEN_BASED_BEFORE.search(before), lambda m: (c.start - len(m.group(0)), c.end)),
                            (_HYPHEN_BASED_AFTER.match(after), lambda m: (c.start, c.end + m.end()))):
                w = m.group(1).casefold() if m else ""
                ctry = d.country_alias.get(w) or d.demonym_country.get(w) or city_country().get(w)
                if ctry and country_entity(ctry):
                    hits.add(e.key, P.basedIn, country_entity(ctry), si, span(m), 0.8)
            # "A, a freight forwarder based in X", "B, a chip distributor in X"
            m = p["apposition_seat"].match(after)
            if m:
                ctry = _place_country(m.group(1), d)
                if ctry and country_entity(ctry):
                    hits.add(e.key, P.basedIn, country_entity(ctry), si, (c.start, c.end + m.end()), 0.75)
            m = _BRACKETED.match(after)
            if m and (ctry := d.country_alias.get(m.group(1).casefold())) and (k := country_entity(ctry)):
                hits.add(e.key, P.basedIn, k, si, (c.start, c.end + m.end()), 0.75)
            m = _IN_PLACE.match(after)
            if m and (e.type == T.Organization or _TO_FROM_BEFORE.search(before)):
                # a country only: "the A Institute in Seoul" says where its office is, not whose it is
                place = re.sub(r"^the\s+", "", m.group(1))
                ctry = d.country_alias.get(place.casefold()) or d.country_alias.get(place.rstrip(".").casefold())
                if ctry and country_entity(ctry):
                    hits.add(e.key, P.basedIn, country_entity(ctry), si, (c.start, c.end + m.end()), 0.7)
            m = _BASED_IN.match(after)
            if m:
                ctry = _place_country(m.group(1), d)
                if ctry and country_entity(ctry):
                    hits.add(e.key, P.basedIn, country_entity(ctry), si, (c.start, c.end + m.end()), 0.85)
        # "DEMONYM tech companies such as A, B, and C"
        for m in p["demonym_list"].finditer(sent.text):
            ctry = d.demonym_country.get(m.group(1).casefold()) or d.country_alias.get(m.group(1).casefold())
            if not ctry:
                continue
            start = sent.start + m.end()
            for c2, e2 in items:
                if c2.start >= start and e2.type == T.Company and c2.start - start < 80 and \
                        not re.search(r"[—–;]|\s-\s|\bbut\b|\b(?:which|who|that|while|after)\b", text[start:c2.start]):
                    k = country_entity(ctry)
                    if k:
                        hits.add(e2.key, P.basedIn, k, si, (sent.start + m.start(), c2.end), 0.75)
    # "COUNTRY, home to chip-tool makers such as A and B", "COUNTRY, which is home to A": the whole list
    for si, items in ctx.by_sentence.items():
        for c, e in items:
            if e.type != T.Country or c.kind == "demonym":
                continue
            m = _HOME_TO.match(text, c.end, sentences[si].end)
            if not m:
                continue
            first = next((i for i, (c2, e2) in enumerate(items) if c2.start >= m.end() and e2.type in places), None)
            if first is None or not re.fullmatch(r"(?:[\w-]+\s+){0,5}?(?:(?:such\s+as|like|including)\s+)?|",
                                                 text[m.end():items[first][0].start]):
                continue
            for j in chain(items, first, text, places):
                hits.add(items[j][1].key, P.basedIn, e.key, si, (c.start, items[j][0].end), 0.7)
    # "South Korea's A and B", "A and B, China's two largest foundries": the whole list
    for si, items in ctx.by_sentence.items():
        for i, (c, e) in enumerate(items):
            if e.type not in places:
                continue
            members = chain(items, i, text, places)
            if len(members) < 2 or members[0] != i:
                continue
            last = items[members[-1]][0]
            pm = _POSSESSOR_BEFORE.search(text[sentences[si].start:c.start])
            am = p["country_apposition"].match(text[last.end:sentences[si].end])
            for m, plural in ((pm, True), (am, bool(am and am.group(2) and re.search(r"s\b", am.group(2).split()[-1])))):
                ctry = d.country_alias.get(m.group(1).casefold()) if m else None
                if ctry and plural and (m is pm or am.group(2)):
                    k = country_entity(ctry)
                    for j in members:
                        if k:
                            hits.add(items[j][1].key, P.basedIn, k, si, (items[j][0].start, items[j][0].end), 0.7)
    # "A and B … the South Korean chipmakers' plants": a plural description with a demonym, after a
    # list of firms in its sentence or the one before, places the whole list
    for si, items in ctx.by_sentence.items():
        sent = sentences[si]
        for m in _PLURAL_DEMONYM_ANAPHOR.finditer(sent.text):
            ctry = d.demonym_country.get(m.group(1).casefold())
            words = re.findall(r"[a-z][\w-]*", m.group(2) or "")
            if not ctry or any(w not in _MODIFIERS and not p["desc"].fullmatch(_singular(w)) for w in words):
                continue  # ("the Chinese firms' rivals" is read from its first plural)
            at = sent.start + m.start()
            lists = []
            for sj in (si, si - 1):
                prior = [(c, e) for c, e in ctx.by_sentence.get(sj, ()) if c.end <= at]
                i = 0
                while i < len(prior):
                    members = chain(prior, i, text, places) if prior[i][1].type == T.Company else [i]
                    if len(members) >= 2 and all(prior[j][1].type == T.Company for j in members):
                        lists.append([prior[j] for j in members])
                    i = members[-1] + 1
                if lists:
                    break
            k = country_entity(ctry)
            if len(lists) != 1 or not k:
                continue  # no list, or more than one it may stand for
            for c2, e2 in lists[0]:
                hits.add(e2.key, P.basedIn, k, si, (sent.start + m.start(), sent.start + m.end()), 0.65)
    return hits


_PLURAL_DEMONYM_ANAPHOR = re.compile(r"\b[Tt]he\s+(?:two\s+|three\s+|four\s+|both\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+"
                                     r"((?:[a-z][\w-]*\s+){0,2}?)(companies|firms|chipmakers|chip\s+makers|makers|giants|"
                                     r"groups|manufacturers|suppliers|memory\s+makers|rivals|startups|businesses)\b")
_MODIFIERS = frozenset({"tech", "technology", "chip", "memory", "semiconductor", "electronics", "major", "leading",
                        "largest", "biggest", "big", "two", "three", "state-owned", "private", "top"})


def _singular(word: str) -> str:
    return re.sub(r"ies$", "y", word) if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _place_country(place: str, d) -> str | None:
    """The country of "Nijmegen in the Netherlands", "Hsinchu, Taiwan", "South Korea", "Shenzhen"."""
    place = place.strip()
    if place.casefold() in d.country_alias:
        return d.country_alias[place.casefold()]
    parts = [x.strip() for x in _PLACE_PARTS.split(place) if x and x.strip()]
    for part in reversed(parts):
        if part.casefold() in d.country_alias:
            return d.country_alias[part.casefold()]
    # a city, alone or with its state or province ("San Jose, California")
    first = parts[0] if parts else place
    for n in (2, 1):
        head = " ".join(first.split()[:n]).casefold()
        if head in city_country():
            return city_country()[head]
    return None
