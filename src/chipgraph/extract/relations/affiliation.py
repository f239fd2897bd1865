"""affiliatedWith: who works where.

- appositions: "X, a tech analyst for Y", "X, the CEO of Y"; "X of Y"; a possessive "Y's X";
- a title before the name: "Y's CEO X", "Y CEO X", "the Y analysts X and Z";
- titled officials: "Commerce Secretary X", "Secretary of Commerce X", "Attorney General X" -> the
  department (``lexicon.json`` ``secretary_departments``, ``titles_of_departments``); "Rep. X", "Sen. X", a party tag -> the chamber named in the text;
- a possessive title set off by commas: "Y's chief executive, X" (the company resolved by
  anaphora: "The company's rotating chairman, X");
- a relative clause: "X, who heads the A's B", "X, a former … who is now a senior fellow at Y"
  (the current employer, not the former one);
- a corporate title with no employer in reach: "Chief Financial Officer X said the company …";
- an organization and a title after the name: "X, Acme CEO, said";
- a copula: "X is also the founder and president of Y", "X was a director at Y";
- founding: "Y was founded in 2019 by X", "Y, established by former banker X";
- the current post after a clause: "X, who ran A and is now a partner at advisory firm Y".
"""
from __future__ import annotations

import re
from functools import cache

from ..candidates import RelationHits
from ..dictionary import alternation, dictionary, lexicon
from ..keys import entity_key
from ..patterns import PARTY_TAG, org_types, roles
from ..terms import P, T
from .common import WINDOW, cues

_LAWMAKER = re.compile(r"\b(?:(Reps?\.|Representatives?|Congress(?:wo)?man)|(Sens?\.|Senators?)|lawmakers?)\s+(?:[A-Z][\w.]*\s+)*$")
# the words of a chamber's name, for a lawmaker of the House, of the Senate, or of either
_HOUSE, _SENATE, _ANY_CHAMBER = r"House|Congress", r"Senate|Congress", r"Committee|Congress|Senate|House"
_POSS_TITLE = re.compile(r"(?:['’]s?)?\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s*,\s*$")
_COMMA = re.compile(r"\s*,\s*")
_TITLE_AFTER = re.compile(r"['’]s?\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s*(?:[,.;]|$)")
_HEADS = re.compile(r"\s*,\s*(?:\d{1,3}\s*,\s*)?(?:[^,]{0,80}?\s)?who\s+(?:(?:now|also|currently|still)\s+)?"
                    r"(?:heads|headed|leads|led|chairs|chaired|runs|ran|directs|directed|oversees|oversaw|manages|managed|"
                    r"founded|co-founded|owns|owned|operates|operated)\s+"
                    r"(?:the\s+|(?:a|an|the)\s+[^;.]{0,60}?\s(?:called|named|known\s+as)\s+)?$")
# "X, who now teaches at Y", "X, who serves on the Y Committee": a post stated by its verb
_WORKS_AT = re.compile(r"\s*,\s*(?:[^,]{0,80}?\s)?who\s+(?:(?:now|also|currently|still)\s+)?"
                       r"(?:teaches|lectures|works|serves|sits|researches|studies|consults)\s+"
                       r"(?:as\s+(?:a|an|the)\s+[^,;.]{0,40}?\s)?(?:at|for|with|on|in)\s+(?:the\s+)?$")
# "X, a former A official now at law firm Y", "X, a former A official who now advises firms at Y"
_FORMER_NOW_AT = re.compile(r"\s*,\s*(?:a|an|the)\s+former\s+[^,;]{0,80}?\s(?:who\s+(?:is\s+)?)?now\s+"
                            r"(?:[a-z]+s\s+(?:[\w-]+\s+){0,3}?)?(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?)?"
                            r"(?:at|with|for)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
_NOW_AFTER = re.compile(r"[^,;.]{0,40}?\bwho\s+(?:is\s+|has\s+been\s+)?now\b")
# "X, a Y spokesman." / "X, the Y CEO,": an article, the organization, then the title
_COMMA_ARTICLE = re.compile(r"\s*,\s*(?:a|an|the)\s+")
_NOW = re.compile(r"\s*,\s*(?:a|an|the)\s+former\s+[^,]{0,60}?\s(?:who\s+is\s+now|now)\s+(?:a|an|the)\s+"
                  r"((?:[\w-]+\s+){0,4}?)(?:at|of|for|with)\s+(?:the\s+)?$")
_CORPORATE = re.compile(r"(?:Chief\s+(?:Executive|Financial|Technology|Operating)(?:\s+Officer)?|CEO|CFO|CTO|COO|"
                        r"[Cc]hief\s+executive|[Ff]ounder|[Cc]hairman|[Cc]hairwoman)\s+$")
_APPOSITION_ROLE = re.compile(r"\s*,\s*(?:who\s+is\s+|(?:a|an|the|its)\s+)?((?:[\w&.'’-]+\s+){0,6}?)"
                              r"(?:of|for|at|with|from|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}")
_ROLE_OF_BEFORE = re.compile(r"\b((?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:of|for|at|with|from)\s+(?:the\s+)?\Z")
# "the department said in a statement that President X": a clause, not a title, between them
_CLAUSE_BETWEEN = re.compile(r"\b(?:that|said|says|told|added|announced|stated|wrote|after|when|while|as)\b")
_POSSESSIVE_GAP = re.compile(r"['’]s?[ \u00a0]+")
_OF_ORG = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?")
# "said Pat Doe at Acme", "Pat Doe from Acme said": a speaker and where they speak from
_AT_ORG = re.compile(r"[ \u00a0]+(?:at|from|with)[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:research|consulting|consultancy|advisory|brokerage|investment|law)[ \u00a0]+(?:firm|group|house)[ \u00a0]+)?")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according\s+to|wrote|noted|explained)[ \u00a0]+\Z")
_SPEECH_AFTER_ORG = re.compile(r"[ \u00a0]*,?[ \u00a0]+(?:said|says|told|added|wrote|noted|explained|warned)\b")
_APPOSITION_SHORT = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?([\w\s.&'’-]{0,60}?)\s*(?:at|of)?\s*$")
_TITLE_BEFORE = re.compile(r"(?:\)(?=\s+[A-Za-z]))?(?:['’]s)?\s+((?:[\w.-]+\s+){0,3}?)((?:[A-Za-z.-]+\s*){1,3})\s+"
                           r"(?:(?:[A-Z][\w.-]+\s+){1,3}(?:and|&)\s+)?")


@cache
def _secretary():
    """"Commerce Secretary " before a name, and the department of each portfolio."""
    depts = {k: v for k, v in lexicon()["secretary_departments"].items() if not k.startswith("$")}
    fallback = lexicon()["secretary_departments"]["$fallback"]
    alt = "|".join(map(re.escape, depts))
    # "Commerce Secretary X", "Secretary of Commerce X", "Deputy Secretary of Energy for Grid Policy X"
    titled = {k: v for k, v in lexicon()["titles_of_departments"].items() if not k.startswith("$")}
    portfolio = r"(?:\s+for\s+[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3})?"
    # "Commerce Secretary X", "Secretary of Commerce X", "Deputy Secretary of Energy for Grid Policy X";
    # "Assistant Attorney General for National Security X"
    pattern = re.compile(rf"(?:(US|U\.S\.)\s+)?(?:({alt})\s+Secretary|(?:(?:Under|Deputy|Assistant)\s+)?Secretary\s+of\s+"
                         rf"(?:the\s+)?({alt}){portfolio}|(?:(?:Assistant|Deputy|Associate|Acting)\s+)?"
                         rf"({'|'.join(map(re.escape, titled))}){portfolio})\s+$")
    return pattern, {k: entity_key(v) for k, v in (depts | titled).items()}, entity_key(fallback)


@cache
def _secretary_after():
    """", deputy secretary of energy for grid policy": the portfolio after the name,
    in any case; its department from ``secretary_departments``."""
    depts = {k: v for k, v in lexicon()["secretary_departments"].items() if not k.startswith("$")}
    return re.compile(rf"\s*,\s*(?:the\s+|a\s+former\s+|the\s+former\s+)?(?:(?:US|U\.S\.)\s+)?"
                      rf"(?:(?:under|deputy|assistant|acting)[\s-]?)?secretary\s+of\s+(?:the\s+)?({alternation(depts)})(?![\w-])",
                      re.I), {k.casefold(): entity_key(v) for k, v in depts.items()}


def _titled_official(hits, secretary, departments, fallback, etype, c, e, si, left) -> None:
    """"Commerce Secretary X", "Assistant Attorney General X" (``left``: the text before the
    name): the department the title names, when the text names it too."""
    tm = secretary.search(left)
    if not tm:
        return
    dept = departments[tm.group(2) or tm.group(3) or tm.group(4)]
    target = dept if dept in etype else (fallback if fallback in etype and not tm.group(4) else None)
    if tm.group(4) and re.search(r"[A-Z][\w.-]*\s+$", left[:tm.start()]) and not tm.group(1):
        target = None  # "Texas Attorney General X": a state's, not the department's
    if target:
        hits.add(e.key, P.affiliatedWith, target, si, (c.start - len(tm.group(0)), c.end), 0.75,
                 tm.group(0).strip())


def _orgs_after(items, i: int, text: str = ""):
    """``(j, candidate, entity)`` of the organizations among the three mentions after ``items[i]``.
    An organization's name right before another one's is its qualifier ("the A Center for B"
    names the center, not A): the later one is yielded in its place."""
    orgs = org_types()
    for j in range(i + 1, min(i + 4, len(items))):
        if items[j][1].type in orgs:
            k = j
            while text and k + 1 < len(items) and items[k + 1][1].type in orgs and \
                    re.fullmatch(r"[ \u00a0]+", text[items[k][0].end:items[k + 1][0].start]):
                k += 1
            yield k, items[k][0], items[k][1]


def affiliations(ctx) -> RelationHits:
    """Component: affiliatedWith relations (see the module docstring)."""
    text, sentences = ctx.text, ctx.sentences
    hits = RelationHits()
    orgs = org_types()
    role = roles()
    secretary, departments, fallback = _secretary()
    etype = {L.entity.key: L.entity.type for L in ctx.linked}
    names = {L.entity.key: L.entity.name for L in ctx.linked}
    bodies: dict[str, list[str]] = {}  # chamber pattern -> government bodies it names, in order
    for si, items in ctx.by_sentence.items():
        sent = sentences[si]
        here = None  # keys of the sentence's entities, when needed
        for i, (c, e) in enumerate(items):
            if e.type != T.Person:
                continue
            if c.kind == "surname":
                # a title before a surname: "Commerce Secretary Lutnick said …"
                _titled_official(hits, secretary, departments, fallback, etype, c, e, si,
                                 text[max(sent.start, c.start - 80):c.start])
                continue
            after = text[c.end:min(sent.end, c.end + WINDOW)]
            # "X, undersecretary of commerce for …": the department, when the text names it
            sa, sa_depts = _secretary_after()
            if (m := sa.match(after)) and not re.search(r"\bformer\b", m.group(0), re.I) and \
                    (dept := sa_depts[m.group(1).casefold()]) in etype:
                hits.add(e.key, P.affiliatedWith, dept, si, (c.start, c.end + m.end()), 0.75)
            # "X, a tech analyst for Y" / "X, the CEO of Y"
            for j, c2, e2 in _orgs_after(items, i, text):  # the first organization after the name
                between = text[c.end:c2.start]
                if _OF_ORG.fullmatch(between) and e2.type in (T.Company, T.Organization):
                    # "Pat Doe of Acme Corp. and Jo Roe of Beta Inc. warned …"
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.7)
                    break
                if _AT_ORG.fullmatch(between) and e2.type in (T.Company, T.Organization) and (
                        _SAID_BEFORE.search(text, max(sent.start, c.start - 30), c.start) or
                        _SPEECH_AFTER_ORG.match(text, c2.end)):
                    # "…," said Pat Doe at Acme Research. / Pat Doe from Acme said …
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.7)
                    break
                m = _APPOSITION_ROLE.fullmatch(between)
                if m and re.search(r"\bformer\b", m.group(1)) and _NOW_AFTER.match(text, c2.end):
                    break  # "X, a former engineer at A who now teaches at B": B, read below
                if m and role.search(m.group(1)):
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.85, m.group(1).strip())
                    break
                m = _APPOSITION_SHORT.fullmatch(between)
                if m and between.count(",") == 1 and role.search(m.group(1) or "") and "'" not in between:
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.7, m.group(1).strip())
                break
            # "Y's CEO X", "Y CEO X", "the Y analysts X and Z", "Y (YY) CEO X", "Y's UK head X"
            for j in range(i - 1, max(i - 4, -1), -1):
                c2, e2 = items[j]
                if e2.type == T.Person or (e2.type == T.Country and j == i - 1):
                    continue
                between = text[c2.end:c.start]
                m = _TITLE_BEFORE.fullmatch(between)
                if e2.type in orgs and m and role.search(m.group(0)) and not re.search(r"[,;:]", between) and \
                        not _CLAUSE_BETWEEN.search(between):
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c2.start, c.end), 0.8, between.strip(" ’'s"))
                elif e2.type in orgs and re.fullmatch(r"\s*,\s*", between) and \
                        (rm := _ROLE_OF_BEFORE.search(text, max(sent.start, c2.start - 60), c2.start)) and role.search(rm.group(1)):
                    # "A spokesperson for Acme, Jo Roe, said …", "The chief executive of Acme, Jo Roe"
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (rm.start(), c.end), 0.75, rm.group(1))
                elif e2.type in orgs and _BRACKET_GAP.fullmatch(between) and (
                        rm := _TITLE_OF_BEFORE.search(text, max(sent.start, _first_of(items, j) - 60), _first_of(items, j))) \
                        and role.search(rm.group(1)):
                    # "Under Secretary of the Widget Bureau (WB) Jo Roe": a title of a body, then the name
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (rm.start(), c.end), 0.8, rm.group(1))
                elif e2.type in orgs and _POSSESSIVE_GAP.fullmatch(between) and " " in c.surface.strip():
                    # "Acme's Jo Roe said …": the organization's person (a full name, not "Acme's Roe")
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c2.start, c.end), 0.7)
                break
            # titled officials: "Commerce Secretary X" -> the department; "Rep. X" -> Congress body
            left = text[max(sent.start, c.start - 80):c.start]
            _titled_official(hits, secretary, departments, fallback, etype, c, e, si, left)
            lm = _LAWMAKER.search(left[-40:])
            if lm or PARTY_TAG.match(after):
                # "Senator X" -> a Senate body, "Representative X" -> a House one; in the same
                # sentence unless the body is the whole legislature
                chamber = _HOUSE if lm and lm.group(1) else _SENATE if lm and lm.group(2) else _ANY_CHAMBER
                if chamber not in bodies:
                    bodies[chamber] = [k for k, t in etype.items() if t == T.GovernmentBody and re.search(chamber, names[k])]
                if bodies[chamber]:
                    if here is None:
                        here = {e2.key for _, e2 in items}
                    k = next((k for k in bodies[chamber] if k in here), bodies[chamber][0])
                    hits.add(e.key, P.affiliatedWith, k, si, (c.start, c.end), 0.6, "lawmaker")
    _ministers(ctx, hits)
    for si, items in ctx.by_sentence.items():
        _at_the_helm(text, si, items, hits)
        _joined_or_appointed(text, si, items, hits)
        _titles_and_clauses(text, sentences[si], si, items, hits, role)
        _copula_and_founding(text, si, items, hits, role)
    return hits


_BRACKET_GAP = re.compile(r"\)?\s+")  # between a body (or its bracketed acronym) and the name after it
_TITLE_OF_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+(?:of|for)\s+(?:the\s+)?\Z")


def _first_of(items, j: int) -> int:
    """Where the mention ``items[j]`` starts, or its long form right before it ("Widget Bureau (WB)")."""
    c, e = items[j]
    while j > 0 and items[j - 1][1].key == e.key and c.start - items[j - 1][0].end <= 3:
        j -= 1
        c = items[j][0]
    return c.start


# "A B, 52, joined Acme in 2019"; "Acme appointed A B as chief executive"
_JOINED = re.compile(r"\s*(?:,\s*\d{1,3}\s*,)?\s+(?:(?:has|had|recently|later|then)\s+)*(?:joined|rejoined)\s+(?:the\s+)?")
_APPOINTED = re.compile(r"\s+(?:(?:has|had|on\s+\w+day|also|recently)\s+)*(?:appointed|hired|named|promoted|picked|tapped)\s+")
_AS_POST = re.compile(r"\s*(?:,\s*(?:a|an|the)\s+[^,]{0,60},\s*)?(?:as\s+)?(?:(?:its|their|the|a)\s+)?(?:new\s+|next\s+|interim\s+|acting\s+)?"
                      r"(?:chief|president|chair|chairman|chairwoman|head|director|CEO|CFO|CTO|COO|vice\s+president|executive|officer|"
                      r"general\s+counsel|managing\s+director|adviser|advisor|spokesperson|partner)\b", re.I)


def _joined_or_appointed(text, si, items, hits) -> None:
    """A person who joined an organization, or whom an organization appointed to a post."""
    orgs = org_types()
    for i, (c, e) in enumerate(items):
        if e.type == T.Person and c.kind != "surname" and i + 1 < len(items) and items[i + 1][1].type in orgs:
            c2, e2 = items[i + 1]
            if _JOINED.fullmatch(text, c.end, c2.start):
                hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.7, "joined")
        if e.type in orgs and i + 1 < len(items) and items[i + 1][1].type == T.Person:
            c2, e2 = items[i + 1]
            if _APPOINTED.fullmatch(text, c.end, c2.start) and _AS_POST.match(text, c2.end):
                hits.add(e2.key, P.affiliatedWith, e.key, si, (c.start, c2.end), 0.7, "appointed")


# "X took the helm of the biggest A maker, the B firm Y", "X … at the helm of Y"
_HELM = re.compile(r"[^.;:“”\"]{0,100}?\b(?:the\s+)?helm\s+(?:of|at)\s+[^.;:“”\"]{0,100}?$")


def _at_the_helm(text, si, items, hits) -> None:
    """A person and the organization at whose helm the sentence puts them (the first one
    after "the helm of", with no other person between)."""
    orgs = org_types()
    for i, (c, e) in enumerate(items):
        if e.type != T.Person:
            continue
        for c2, e2 in items[i + 1:]:
            if e2.type == T.Person or c2.start - c.end > 220:
                break
            if e2.type in orgs:
                between = text[c.end:c2.start]
                if "helm" in between and _HELM.match(between):
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.7, "helm")
                    break


# "X, Acme CEO," / "X, Acme chief executive."
# ("X, Acme assistant director in charge of its field office": the post's scope may follow)
_ORG_TITLE_AFTER = re.compile(r"\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s*(?:[,;]|\.(?:\s|$)|$|(?=\s+(?:in\s+charge\s+of|for|of|at)\s))")
_COPULA = re.compile(r"\s+(?:is|was|has\s+been|became|remains)\s+(?:also\s+|now\s+|still\s+)?(?:the|a|an|its)\s+"
                     r"((?:[\w-]+\s+){0,8}?)(?:of|at|for|with)\s+(?:the\s+)?$")
_IS_NOW = re.compile(r"\s*,\s*who\s+[^,;]{0,120}?\s(?:and\s+)?(?:is|has\s+been)\s+now\s+(?:a|an|the)\s+"
                     r"((?:[\w-]+\s+){0,4}?)(?:at|of|for|with)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}$")


@cache
def _founded() -> re.Pattern:
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in cues()["founding_verbs"])
    # "Y was founded in Shanghai in 2019 by [descriptors] X" / "Y, established by X"
    return re.compile(rf"\s*(?:,\s*|\s+(?:was|were|had\s+been)\s+)(?:(?:jointly|originally)\s+)?(?:{verbs})"
                      rf"(?:\s+(?:in|on)\s+[\w ]{{1,30}}?)?\s+by\s+(?:[^,;.]{{0,80}}?\s)?$")


def _copula_and_founding(text, si, items, hits, role) -> None:
    orgs = org_types()
    founded = _founded()
    for i, (c, e) in enumerate(items):
        if e.type == T.Person and i + 1 < len(items):
            c2, e2 = items[i + 1]
            if e2.type in orgs:
                between = text[c.end:c2.start]
                # "X, Acme CEO, said" / "X, a Acme spokesman."
                if c.kind != "surname" and (_COMMA.fullmatch(between) or _COMMA_ARTICLE.fullmatch(between)):
                    m = _ORG_TITLE_AFTER.match(text, c2.end)
                    if m and role.fullmatch(m.group(1).split()[-1]) and not re.search(r"['’]", m.group(1)):
                        hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, m.end(1)), 0.75, m.group(1))
                # "X is also the founder and president of Y"
                m = _COPULA.fullmatch(between)
                if m and role.search(m.group(1)) and not re.search(r"\bformer\b", m.group(1)):
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.75, m.group(1).strip())
        if e.type == T.Person and c.kind != "surname":
            # "X, who ran A and is now a principal at advisory firm Y": any later organization
            for c2, e2 in items[i + 1:]:
                if e2.type in orgs and c2.start - c.end < 200:
                    m = _IS_NOW.fullmatch(text[c.end:c2.start])
                    if m and role.search(m.group(1)):
                        hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.75, m.group(1).strip())
                        break
        if e.type in orgs:
            # "Y was founded in 2019 by X": the first person after "by"
            for c2, e2 in items[i + 1:i + 4]:
                if e2.type == T.Person:
                    if founded.fullmatch(text[c.end:c2.start]):
                        hits.add(e2.key, P.affiliatedWith, e.key, si, (c.start, c2.end), 0.75, "founder")
                    break


_MINISTER_WORD = re.compile(r"[Mm]inister|Premier|Chancellor")


@cache
def _minister_title() -> re.Pattern:
    """ "Dutch trade minister X", "Japan's Foreign Minister X", "Minister of Economy, Trade and
    Industry X": a minister's title before the name, with the country it may open with."""
    dem = alternation([*dictionary().demonym_country, *dictionary().country_alias])
    return re.compile(
        rf"(?:^|(?<=[^\w-]))(?:(?P<country>(?i:{dem}))(?:['’]s)?\s+)?(?:(?:[A-Z][\w-]*|[a-z][\w-]*|and|of|for|,)\s*){{0,6}}?"
        rf"(?:[Mm]inister|Prime\s+Minister|Premier|Chancellor)(?:\s+(?:of|for)\s+(?:(?:[A-Z][\w-]*|and|,)\s*){{1,6}})?\s+$")


# a ministry's portfolio: "Ministry of Y", "COUNTRY's Y ministry"
_MINISTRY_PORTFOLIO = re.compile(r"(?i:\bministry\s+(?:of|for)\s+(?:the\s+)?)(.+)$|^(?:\S+['’]s\s+)?(.+?)\s+(?i:ministry)$")
# a minister's portfolio in the title: "Y Minister", "X, Y and Z Minister", "Minister for Y"
_MINISTER_PORTFOLIO = re.compile(r"(?:^|\s)((?:[A-Z][\w-]*,\s+){0,3}(?:[\w-]+\s+){1,4}?)(?:[Mm]inister)\b|\b[Mm]inister\s+(?:of|for)\s+(?:the\s+)?(.+?)\s*$")


def _country_of(word: str, d) -> str | None:
    """The country a demonym or a country's name stands for ("Dutch", "Japan")."""
    w = word.casefold()
    return d.demonym_country.get(w) or d.country_alias.get(w)


def _portfolio(words: str) -> str:
    """A portfolio's words, comparable across "Ocean Trade" and "ocean trade"."""
    return " ".join(w for w in re.findall(r"[a-z]+", words.casefold().replace("&", " and ")) if w not in ("the", "prime"))


def _ministers(ctx, hits) -> None:
    """A minister's title before a name: the person serves in the ministry of that portfolio
    when the text names it ("Y Minister X" and "the Ministry of Y"), else, with a country, in
    that country's government (the document's "X government")."""
    d = dictionary()
    governments: dict[str, str] = {}  # country -> government entity key
    # portfolio ("ocean trade") -> (ministry entity key, its country if known or a form names one)
    ministries: dict[str, tuple[str, str | None]] = {}
    for L in ctx.linked:
        e = L.entity
        if e.type != T.GovernmentBody:
            continue
        entry = d.by_name.get(e.name.casefold())
        known = entry.country if entry is not None and entry.country else None
        if known and re.search(r"\bgovernment\b", e.name, re.I):
            governments.setdefault(known, e.key)
        forms = [e.name, *e.aliases]
        country = known or next((c for f in forms if (c := _country_of(re.sub(r"['’]s?$", "", f.split()[0]), d))), None)
        for form in forms:
            pm = _MINISTRY_PORTFOLIO.search(form)
            if pm:
                ministries.setdefault(_portfolio(pm.group(1) or pm.group(2)), (e.key, country))
    if not governments and not ministries:
        return
    title = _minister_title()
    text = ctx.text
    for si, items in ctx.by_sentence.items():
        sent = ctx.sentences[si]
        for c, e in items:
            if e.type != T.Person or c.kind == "surname":
                continue
            lo = max(sent.start, c.start - 90)
            if not _MINISTER_WORD.search(text, lo, c.start):
                continue  # the title's own word first: the full pattern is costly
            m = title.search(text, lo, c.start)
            if not m:
                continue
            # "Y Minister X" with "the Ministry of Y" in the text
            words = _MINISTER_PORTFOLIO.search(m.group(0)[m.end("country") - m.start() if m.group("country") else 0:])
            portfolio = _portfolio(" ".join(x for x in (words.group(1), words.group(2)) if x)) if words else ""
            ministry, home = ministries.get(portfolio, (None, None)) if portfolio else (None, None)
            own = _country_of(m.group("country"), d) if m.group("country") else None
            if ministry and not (own and home and own != home):  # not a Dutch minister in Japan's ministry
                hits.add(e.key, P.affiliatedWith, ministry, si, (m.start(), c.end), 0.7, m.group(0).strip())
                continue
            # a minister of no named country may serve any government of the text
            k = governments.get(own) if own else None
            if k:
                hits.add(e.key, P.affiliatedWith, k, si, (m.start(), c.end), 0.7, m.group(0).strip())


def _coordinated_people(text, items, i: int) -> list[int]:
    """``i`` and the people coordinated before it ("A, B and C": the indices of A, B and C)."""
    out = [i]
    while out[-1] > 0 and items[out[-1] - 1][1].type == T.Person and \
            re.fullmatch(r"(?:\s*,\s*\d{1,3})?\s*(?:,|,?\s+and)\s+", text[items[out[-1] - 1][0].end:items[out[-1]][0].start]):
        out.append(out[-1] - 1)
    return out


def _titles_and_clauses(text, sent, si, items, hits, role) -> None:
    orgs = org_types()
    for i, (c, e) in enumerate(items):
        if e.type == T.Person:
            # "X, who now lectures at Y" (a surname too: the clause says who X is)
            for j, c2, e2 in _orgs_after(items, i, text):
                if _WORKS_AT.fullmatch(text[c.end:c2.start]):
                    hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.75, None)
                    break
        if e.type != T.Person or c.kind == "surname":
            continue
        # "Y's chief executive, X" ("Y's UK country manager, X": a country inside the title)
        if i > 0:
            k = i - 2 if i > 1 and items[i - 1][1].type == T.Country else i - 1
            c2, e2 = items[k]
            m = _POSS_TITLE.fullmatch(text[c2.end:c.start]) if e2.type in orgs else None
            if m and role.search(m.group(1)):
                hits.add(e.key, P.affiliatedWith, e2.key, si, (c2.start, c.end), 0.8, m.group(1))
        # "X, Y's chief executive," / "X, Y's top lawyer."
        if i + 1 < len(items):
            c2, e2 = items[i + 1]
            m = _TITLE_AFTER.match(text, c2.end) if e2.type in orgs and _COMMA.fullmatch(text[c.end:c2.start]) else None
            if m and role.search(m.group(1)):
                hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, m.end(1)), 0.8, m.group(1))
        # "X, who heads the A's B" / "X, a former … who is now a fellow at Y"
        for j, c2, e2 in _orgs_after(items, i, text):
            between = text[c.end:c2.start]
            if _FORMER_NOW_AT.fullmatch(between):
                hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.75, None)
                break
            m = _NOW.fullmatch(between)
            if m and role.search(m.group(1) or "x") is not None:
                hits.add(e.key, P.affiliatedWith, e2.key, si, (c.start, c2.end), 0.75, m.group(1).strip() or None)
                break
            if _HEADS.fullmatch(between):
                k = j
                while k + 1 < len(items) and items[k + 1][1].type in orgs and \
                        re.fullmatch(r"['’]s\s+", text[items[k][0].end:items[k + 1][0].start]):
                    k += 1
                # "A and B, who ran C": both of the coordinated people
                for n in _coordinated_people(text, items, i):
                    hits.add(items[n][1].key, P.affiliatedWith, items[k][1].key, si, (items[n][0].start, items[k][0].end),
                             0.75, "head")
                break
        # "Chief Financial Officer X said the company …": the firm the sentence speaks of
        t = _CORPORATE.search(text[max(sent.start, c.start - 40):c.start])
        if t and not any(e2.type in orgs and c2.kind != "anaphor" for c2, e2 in items):
            firms = [(c2, e2) for c2, e2 in items if e2.type == T.Company and c2.start > c.end]
            if firms:
                hits.add(e.key, P.affiliatedWith, firms[0][1].key, si, (c.start, firms[0][0].end), 0.6, t.group().strip())
