"""Companies, organizations and government bodies that the dictionary does not know.

Patterns: a role's employer ("the CEO of Moor Insights & Strategy", "a fellow at X"), a
legal or sector suffix ("Wingtech Technology Co", "Naura Technology Group"), a descriptor
before or after the name ("Chinese startup X", "X, a chipmaker"), a listed name with its country
("including X of COUNTRY"), institutional heads
("... University", "Ministry of ..."), "X analysts", and "LONG NAME (ACRONYM)" definitions.
"""
from __future__ import annotations

import re
from functools import cache

from .candidates import Candidate
from .dictionary import alternation, dictionary, lexicon
from .government import date_words, government_bodies
from .patterns import speech_verbs, title_case_lines
from .scan import NameThenCue, Scanner, WordFirst, first_words, is_word_char
from .spans import Spans
from .terms import T

# possessive "*+": a name token is never followed by one of its own characters in these
# patterns (a space, ",", "(" or the end comes next), so giving characters back cannot help
_CAP = r"(?:[A-Z][\w.'’-]*+|\d+[A-Z][a-z][\w'’-]*+|&)"  # "Acme", "U.S.", "4Acme", "&"
# also a name that opens in lower case ("iAcme"): only where a cue or a suffix makes it a name
# (tried at every lower-case letter, it would slow every pattern)
_CAP_LC = r"(?:[A-Z][\w.'’-]*+|\d+[A-Z][a-z][\w'’-]*+|[a-z]{1,2}[A-Z][a-z][\w'’-]*+|&)"
_SP = r"[ \u00a0]+"  # names never run over a line break
_ORGSEQ = rf"{_CAP}(?:{_SP}(?:(?:of|on|for|and|the|de){_SP}){{0,2}}{_CAP}){{0,6}}"
_ORGSEQ_LC = rf"{_CAP_LC}(?:{_SP}(?:(?:of|on|for|and|the|de){_SP}){{0,2}}{_CAP}){{0,6}}"


_CAMEL = re.compile(r"[a-z]{1,2}[A-Z][a-z]")  # "iAcme": a name that opens in lower case
_POSS = re.compile(r"['’]s?$")
_LOWER_TAIL = re.compile(r"^[A-Z][\w.’']*-[a-z]+$")  # "Biden-era", "Dhabi-based": an adjective
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")  # not "U.S." nor "Co." (checked by the caller's heads)
_MINISTRY = re.compile(r"\bMinistry of [A-Z][\w]*(?:,? (?:and )?[A-Z][\w]*)*")


@cache
def _lex():
    lx = lexicon()
    _OF_COUNTRY = rf"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?i:{alternation(dictionary().country_alias)})(?![\w-])"
    roles = alternation(lx["role_nouns"])
    desc_words = lx["company_descriptors"] + lx["org_descriptors"]
    desc = alternation(desc_words)
    suffix = alternation(lx["company_suffixes"])
    # a suffix written into the name's last word ("Acme NanoSystems", "Acme MicroElectronics")
    joined = alternation([w for w in lx["company_suffixes"] if len(w) >= 4 and re.fullmatch(r"[A-Z][a-z]+", w)])
    return {
        "employer": Scanner(WordFirst(rf"\b(?i:{roles})s?\s+(?:of|for|at|with|from)\s+(?:the\s+)?(?:(?i:AI|tech|research|chip|consulting|advisory|investment|law|brokerage|chipmaking|Chinese|US|American)\s+(?:company|firm|group|lab|startup|giant)\s+)?({_ORGSEQ_LC})",
                                      first_words(lx["role_nouns"]))),
        # "chipmaker A", "suppliers such as A"; a plural before a dash: "six firms — A, B and C"
        "descriptor_before": Scanner(WordFirst(rf"\b(?:(?:{desc})(?:s,|s?)(?:,?[ \u00a0]+(?:such[ \u00a0]+as|including|like))?[ \u00a0]+|"
                                                rf"(?:(?:{desc})s|companies|subsidiaries)[ \u00a0]*[—–:][ \u00a0]*)({_ORGSEQ})",
                                                first_words([*desc_words, "companies", "subsidiaries"]))),
        # "the Chinese embassy in Washington", "Japan's consulate in Shanghai": a government's mission
        "embassy": re.compile(rf"(?<![\w-])((?:(?i:{alternation(dictionary().demonym_country)})|(?i:{alternation(dictionary().country_alias)})['’]s)"
                              rf"[ \u00a0]+(?:[Ee]mbassy|[Cc]onsulate(?:[ \u00a0][Gg]eneral)?|[Mm]ission)"
                              rf"(?:[ \u00a0]+(?:in|to)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w-]+(?:[ \u00a0][A-Z][\w-]+)?)?)"),
        # "13 entities involved in chips, including A, B and C": the firms a class lists
        "class_including": Scanner(WordFirst(rf"\b(?:companies|firms|entities|organi[sz]ations|businesses|chipmakers|suppliers|"
                                      rf"manufacturers|makers|subsidiaries|affiliates)\b(?:[^.;:“”\"()]{{1,80}}?,?[ \u00a0]+"
                                      rf"(?:including|such[ \u00a0]+as|among[ \u00a0]+them)|"
                                      # "firms like A, B and C": "like" right after the class noun
                                      rf",?[ \u00a0]+like)[ \u00a0]+({_ORGSEQ})",
                                             ["companies", "firms", "entities", "organisations", "organizations", "businesses", "chipmakers",
                                              "suppliers", "manufacturers", "makers", "subsidiaries", "affiliates"])),
        # "Acme President A B", "Acme CEO A B": the firm a head of it is named after
        "firm_head": re.compile(rf"(?<![\w.’'-])([A-Z][\w&-]*[A-Za-z\d](?:[ \u00a0][A-Z][\w&-]*[A-Za-z\d]){{0,2}})[ \u00a0]+"
                                rf"(?:{alternation(lx['firm_head_titles'])})[ \u00a0]+(?=[A-Z][a-z]+[ \u00a0,-]|[A-Z][a-z]+-[a-z])"),
        # "A, B, C and other leading technology companies": the names of a list of firms
        "and_other": re.compile(rf"(?<![\w.’'-])((?:{_CAP}(?:{_SP}{_CAP}){{0,3}},[ \u00a0]+)+{_CAP}(?:{_SP}{_CAP}){{0,3}}),?[ \u00a0]+"
                                rf"(?:and|or)[ \u00a0]+(?:many[ \u00a0]+|several[ \u00a0]+|\d+[ \u00a0]+)?other[ \u00a0]+(?:[\w-]+[ \u00a0]+){{0,6}}?"
                                rf"(?:companies|firms|entities|chipmakers|businesses|manufacturers|suppliers|corporations)\b"),
        # "A was added to the Entity List", "A and 19 other entities were placed on the list":
        # only an organization is listed
        "listed_subject": re.compile(rf"(?<![\w.’'-])({_CAP}(?:{_SP}{_CAP}){{0,4}})(?:[ \u00a0]*\([^()]{{1,20}}\))?"
                                     rf"(?:[ \u00a0]+and[ \u00a0]+(?:\d+|[a-z]+)[ \u00a0]+(?:other|more)[ \u00a0]+(?:[\w-]+[ \u00a0]+)?(?:entities|companies|firms|organi[sz]ations)(?:[ \u00a0]+[^,.;:]{{0,80}}?)?)?"
                                     rf"[ \u00a0]+(?:was|were|has[ \u00a0]+been|have[ \u00a0]+been|had[ \u00a0]+been)[ \u00a0]+(?:also[ \u00a0]+)?"
                                     rf"(?:added[ \u00a0]+to|placed[ \u00a0]+on|put[ \u00a0]+on|included[ \u00a0]+on|included[ \u00a0]+in)[ \u00a0]+"
                                     rf"(?:the|its|an?|their)[ \u00a0]+(?:[\w’'-]+[ \u00a0]+){{0,4}}?(?i:list|blacklist)\b"),
        # "PLACE (Outlet) —", "(Outlet) May 28 --": the news outlet of a story's dateline
        "dateline_source": re.compile(r"(?m)^(?:[A-Z][A-Z .'/,-]{1,30}?[ \u00a0]*)?\(([A-Z][\w&.'’-]*(?:[ \u00a0][A-Z][\w&.'’-]*){0,3})\)"
                                      r"[ \u00a0]*(?:[-–—]{1,2}[ \u00a0]|[A-Z][a-z]{2,8}\.?[ \u00a0]+\d{1,2}\b)"),
        # "shares of Acme fell", "Acme's shares", "Acme, which makes memory chips": what only a firm has or does
        "firm_evidence": Scanner(
            WordFirst(rf"\b[Ss]hares[ \u00a0]+(?:of|in)[ \u00a0]+({_CAP}(?:{_SP}{_CAP}){{0,3}})(?![\w'’-])(?![ \u00a0]+[A-Z])", ["shares"]),
            NameThenCue(r"(?<![\w.’'-])", rf"[A-Z][\w&.-]*(?:{_SP}[A-Z][\w&.-]*){{0,3}}",
                        r"['’]s?[ \u00a0]+(?:shares|stock|share[ \u00a0]+price|revenues?|profits?|earnings|market[ \u00a0]+value|quarterly)\b"),
            NameThenCue(r"(?<![\w.’'-])", rf"{_CAP}(?:{_SP}{_CAP}){{0,3}}",
                        r",[ \u00a0]+which[ \u00a0]+(?:makes|designs|produces|builds|sells|supplies|manufactures)[ \u00a0]+"
                        r"(?:(?:[a-z][\w-]*|AI)[ \u00a0]+){0,3}(?:chips?|semiconductors?|processors?|GPUs?|memory|servers?|equipment|tools|machines|devices|software)\b")),
        # "Acme Systems (NASDAQ:ACME)": a listed firm with its ticker symbol
        "ticker": Scanner(NameThenCue(r"(?<![\w.’'-])", rf"{_CAP}(?:{_SP}{_CAP}){{0,4}}",
                                      r"[ \u00a0]*\([ \u00a0]*[A-Z][A-Za-z]{1,12}[ \u00a0]*:[ \u00a0]*[A-Z0-9][A-Z0-9.]{0,7}[ \u00a0]*\)")),
        "founded_words": re.compile(r"founded|established|incorporated|set[ \u00a0]+up|spun[ \u00a0]+off"),
        # "Acme was founded in 2020 by …": only an organization is founded
        "founded": Scanner(NameThenCue(r"(?<![\w.’'-])", r"[A-Z][\w&-]*[A-Za-z\d](?:[ \u00a0][A-Z][\w&-]*[A-Za-z\d]){0,2}", r"[ \u00a0]+"
                              r"(?:was|had\s+been|has\s+been)[ \u00a0]+(?:(?:first|jointly|originally)[ \u00a0]+)?"
                              r"(?:co-?founded|founded|established|incorporated|set[ \u00a0]+up|spun[ \u00a0]+off)[ \u00a0]+"
                              r"(?:in|by|as|on|from|with|to|after|last|two|three|four|five|six|seven|eight|nine|ten|\d)\b")),
        # "defence contractors A and B", "toolmakers A, B and C": the names after the first
        "coordinated": re.compile(rf"(?:,[ \u00a0]*|[ \u00a0]+and[ \u00a0]+|,[ \u00a0]+and[ \u00a0]+)({_ORGSEQ})"),
        # ("X, the world's largest chipmaker": a possessive may stand between)
        "descriptor_after": Scanner(NameThenCue("", _ORGSEQ, rf"\s*,\s*(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,4}}?({desc})\b")),
        "org_descriptors": set(lx["org_descriptors"]),
        # "Hangzhou-based A", "US-headquartered A": only an organization has a seat (a person
        # there comes with a role: "Hangzhou-based analyst A")
        # (not a modifier of a descriptor: "Hangzhou-based CPU maker A")
        "based_before": re.compile(rf"(?<![\w.’'-])[A-Z][\w.’'-]*-(?:based|headquartered|owned|controlled)[ \u00a0]+({_ORGSEQ})(?![\w’'-])"
                                   rf"(?![ \u00a0]+(?:[\w-]+[ \u00a0]+)?(?:{desc})s?\b)"),
        # "Acme's chief executive", "Acme’s founder": what only a firm has
        "role_owner": Scanner(NameThenCue(r"(?<![\w.’'-])", rf"[A-Z][\w.&-]*(?:{_SP}[A-Z][\w.&-]*){{0,2}}",
                                          rf"['’]s[ \u00a0]+(?i:{alternation(lx['firm_only_roles'])})\b")),
        # "A, which is based in X": only an organization has a seat
        "seat_after": Scanner(NameThenCue("", _ORGSEQ, r"\s*,\s*(?:(?:which|that)\s+is\s+(?:also\s+)?(?:based|headquartered|registered)\s+in\b|"
                                                      r"(?:(?:which|that)\s+is\s+)?(?:(?:wholly|majority|partly|partially|jointly)[- ])?(?:owned|controlled)\s+by\b)")),
        "suffix": re.compile(rf"\b({_CAP_LC}(?:{_SP}{_CAP}){{0,4}}?(?:{_SP}(?:{suffix}))+)(?![\w-])"),
        "joined_suffix": re.compile(rf"\b((?:{_CAP}{_SP}){{1,4}}?[A-Z][a-z]+(?:{joined}))(?![\w-])"),
        "joined_hint": re.compile(rf"[a-z](?:{joined})\b"),
        "outlet_heads": tuple(lx["outlet_heads"]),
        # "firms including A of the United Arab Emirates and B of Qatar": a listed name with its country
        "listed_of_country": re.compile(rf"\b(?:including|such[ \u00a0]+as|like|among[ \u00a0]+them)[ \u00a0]+({_CAP}(?:{_SP}{_CAP}){{0,2}}){_OF_COUNTRY}"),
        "of_country_tail": re.compile(rf"{_OF_COUNTRY}$"),
        # "Ruritania's Acme said …", "UAE's G42 and …": one unknown name owned by a country
        "country_owned": Scanner(WordFirst(rf"(?<![\w-])(?i:{alternation(dictionary().country_alias)})['’]s[ \u00a0]+"
                                            rf"([A-Z][A-Za-z]*\d*[A-Za-z\d]*|[A-Z\d]{{2,6}})(?=[ \u00a0]*(?:[,.;:]|and\b|or\b|$)|[ \u00a0]+[a-z])",
                                            first_words(dictionary().country_alias))),
        "coordinated_of_country": re.compile(rf"(?:,[ \u00a0]*|[ \u00a0]+and[ \u00a0]+|,[ \u00a0]+and[ \u00a0]+)({_CAP}(?:{_SP}{_CAP}){{0,2}}){_OF_COUNTRY}"),
        # "told the Widget Tech Report", "in an interview with Widget Weekly", "Widget Daily reported"
        "outlet": re.compile(rf"(?:\b(?:told|interview\s+with|according\s+to|wrote\s+in|reported\s+by|speaking\s+to|spoke\s+to|quoted\s+by)\s+(?:the\s+)?"
                             rf"((?:{_CAP}{_SP}){{1,3}}(?:{alternation(lx['outlet_heads'])}))(?![\w-])|"
                             rf"(?<![\w.’'-])((?:{_CAP}{_SP}){{1,3}}(?:{alternation(lx['outlet_heads'])}))(?=[ \u00a0]+(?:reported|said|wrote|cited|quoted)\b))"),
        "analysts": Scanner(NameThenCue(r"\b", _ORGSEQ, r"\s+(?:analysts?|economists?|researchers?|strategists?)\b")),
        # "LONG NAME (ABBR)", "LONG NAME (ABBR, 名稱)": the name in its own script may follow the abbreviation
        "acronym": Scanner(NameThenCue(r"\b", _ORGSEQ, r"\s+\([‘'“\"]?([A-Z][A-Za-z&]{1,9})[’'”\"]?(?:,[ \u00a0]*[^\x00-\x7f(),]{1,24})?\)")),
        # "Malaysia's trade ministry", "Japan's industry ministry": a country's body in lower case
        "country_body": Scanner(NameThenCue(r"\b", r"[A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?", rf"['’]s[ \u00a0]+(?:[a-z]+[ \u00a0]+){{1,2}}?"
                                            rf"(?:{alternation(lx['country_body_heads'])})\b")),
        "org_heads": set(lx["organization_heads"]),
        "gov_heads": set(lx["government_heads"]),
        "committee_qualifiers": set(lx["committee_qualifiers"]),
        "org_heads_not_decisive": set(lx["organization_heads_not_decisive"]),
        "institution_heads": rf"(?:{'|'.join(map(re.escape, lx['institution_heads']))})",
        "institution_head": Scanner(WordFirst(rf"\b(?:{'|'.join(map(re.escape, lx['institution_heads']))})\b", first_words(lx["institution_heads"]))),
        # the fixed words that the patterns above need ("… embassy", "and N other firms", "added to the list")
        "based_words": re.compile(r"-(?:based|headquartered|owned|controlled)[ \u00a0]"),
        "embassy_words": re.compile(r"[Ee]mbass|[Cc]onsulat|\b[Mm]ission"),
        "and_other_words": re.compile(r"\b(?:and|or)[ \u00a0]+(?:many[ \u00a0]+|several[ \u00a0]+|\d+[ \u00a0]+)?other[ \u00a0]"),
        "listed_words": re.compile(r"\b(?:added[ \u00a0]+to|placed[ \u00a0]+on|put[ \u00a0]+on|included[ \u00a0]+on|included[ \u00a0]+in)[ \u00a0]"),
        # the person stop-list, less the names that may open an organization's name
        "stop": set(lx["person_stop_first"]) - set(lx["person_stop_but_org_first"]),
        "common": {w.casefold() for w in lx["common_words"]},
        "speech_after": re.compile(rf"[ \u00a0]+(?:has[ \u00a0]+|also[ \u00a0]+)?(?:{speech_verbs()})\b"),
        "suffixes": set(lx["company_suffixes"]),
        "places": {w.casefold() for w in lx["subnational_places"]},
        "legal": set(lx["legal_suffixes"]) | {"Co"},
        "technology_terms": {t.casefold() for t in lx["technology_terms"]},
        "titles": {t.casefold() for t in lx["titles_before_name"]},
        "portfolio_titles": set(lx["portfolio_titles"]),
        "strip_first": set(lx["org_strip_first"]),
        "keep_possessive": set(lx["possessive_words_in_body_names"]),
        "academic_owners": set(lx["academic_owners"]),
        "academic_units": set(lx["academic_units"]),
        "institution_first": set(lx["institution_first_words"]),
        "international": set(lx["international_body_first_words"]),
        "dates": date_words(),
        "not_government_before_head": set(lx["not_government_before_head"]),
        # what follows a name that is part of something else: a title ("the X Act", "the X
        # (XA) List"), an event ("the X tech conference")
        "title_after": re.compile(rf"(?:[ \u00a0]+\([A-Z][\w&-]*\))?[ \u00a0]+(?:{alternation(lx['title_heads_after_name'])})(?![\w-])"),
        "event_after": re.compile(rf"(?:[ \u00a0]+[a-z][\w-]*)?[ \u00a0]+(?:{alternation(lx['event_nouns'])})s?\b"),
        "technology_at": re.compile(rf"(?i:{alternation(lx['technology_terms'])})(?![\w-])"),
        "compound_adj": re.compile(rf"-(?:{'|'.join(map(re.escape, lx['compound_adjective_suffixes']))})$"),
    }


@cache
def _cities() -> frozenset[str]:
    from .relations.common import city_country
    return frozenset(city_country())


@cache
def _institution(heads: str):
    # "the Information Technology and Innovation Foundation": "and" may join the words before the head
    return re.compile(rf"\b((?:{_CAP}\s+(?:and\s+(?={_CAP}))?){{0,5}}{heads}(?:\s+(?:of|on|for)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,4}})?)")


def org_type(name: str) -> str:
    lx = _lex()
    tokens = re.findall(r"[A-Za-z]+", name)
    words = set(tokens)
    heads = [i for i, w in enumerate(tokens) if w in lx["gov_heads"]]
    if tokens and tokens[0] in lx["international"] and (heads or words & lx["org_heads"]):
        return T.Organization  # "International Widget Agency": an international body
    if heads and not (heads[0] and tokens[heads[0] - 1] in lx["not_government_before_head"]):
        return T.GovernmentBody  # not "… News Agency"
    if "Committee" in words and words & lx["committee_qualifiers"]:
        return T.GovernmentBody
    if words & (lx["org_heads"] - lx["org_heads_not_decisive"]):
        return T.Organization
    return T.Company


def _clean(name: str, after_cue: bool = False, institution: bool = False) -> str:
    """Trim a captured name. After a cue ("a fellow at", "chipmaker") only function words are
    trimmed: "Commerce" or "General" there start the name (or show it is no organization)."""
    name = re.sub(r"['’]s?$", "", name.strip(" ,.")).strip()
    lx = _lex()
    toks = name.split()
    # "Ruritania’s Central Commission": the possessor is not part of the name ("Attorney’s
    # Office" keeps its possessive)
    owners = [i for i, t in enumerate(toks[:-1]) if t[-1:] in "'’s" and _POSS.search(t) and
              _POSS.sub("", t) not in lx["keep_possessive"]]
    if owners and toks[owners[-1] + 1] in lx["academic_units"] and set(toks[:owners[-1] + 1]) & lx["academic_owners"] | \
            {_POSS.sub("", toks[owners[-1]])} & lx["academic_owners"]:
        # "the Varda University's School of Law": the university, of which the school is a unit
        toks = toks[(owners[-2] + 1 if len(owners) > 1 else 0):owners[-1] + 1]
        toks[-1] = _POSS.sub("", toks[-1])
    elif owners:
        toks = toks[owners[-1] + 1:]
    # "Nanjing-based Acme Semi": the compound adjective before the name is not part of it
    compounds = [i for i, t in enumerate(toks[:-1]) if _LOWER_TAIL.match(t)]
    if compounds:
        toks = toks[compounds[-1] + 1:]
    breaks = [i for i, t in enumerate(toks[:-1]) if t.endswith(".") and toks[i + 1] in lx["strip_first"]]
    if breaks and after_cue:
        toks = toks[:breaks[0] + 1]  # "a fellow at the X Institute. The …": the cue's name ends with its sentence
        toks[-1] = toks[-1].rstrip(".")
    elif breaks:
        toks = toks[breaks[-1] + 1:]  # "… in the US. The Ministry of X": the name is in the next sentence
    date = next((i for i, t in enumerate(toks) if i and t in lx["dates"] and toks[i - 1] in ("on", "in", "of", "for")), None)
    if date is not None:
        toks = toks[:date - 1]  # "the Trade Bureau on Tuesday"
    stop = lx["strip_first"] if after_cue else lx["stop"] - lx["institution_first"] if institution else lx["stop"]
    while toks and (toks[0] in stop or toks[0] in ("&", "of", "and", "the", "for", "on")):
        toks = toks[1:]
    while toks and toks[-1] in ("&", "of", "and", "the", "for", "on"):
        toks = toks[:-1]
    return " ".join(toks)


def organization_mentions(ctx) -> list[Candidate]:
    """Component: organizations by pattern (see the module docstring)."""
    text, known = ctx.text, ctx.candidates
    lx = _lex()
    d = dictionary()
    taken = Spans((c.start, c.end) for c in known)
    known_firms = Spans((c.start, c.end) for c in known if c.type in (T.Company, T.Organization))
    headlines = Spans(title_case_lines(text))
    out: list = []

    def add(m_start: int, raw: str, conf: float, typ: str | None = None, kind: str = "name",
            after_cue: bool = False, title_head: bool = False, institution: bool = False) -> bool:
        name = _clean(raw, after_cue, institution)
        if not name or len(name) < 2:
            return False
        toks = name.split()
        # a sentence end inside ("on Thursday. A third ..."), or an adjective ("U.S.-made AI")
        if any(t.endswith(".") and len(t) > 4 and any(ch.islower() for ch in t) and t not in lx["suffixes"]
               for t in toks[:-1]) or lx["compound_adj"].search(toks[0]) or any(_LOWER_TAIL.search(t) for t in toks):
            return False
        if toks[-1] in ("List", "Lists"):
            return False  # "the Strategic Items List (SIL)": a control list, a measure
        if all(t.rstrip(",") in lx["legal"] or t.rstrip(".,") in lx["legal"] for t in toks):
            return False  # "Co., Ltd.": the legal form alone, the tail of a name the comma cut
        if name.casefold() in _cities() or name.casefold() in lx["places"]:
            return False  # a city, a state or a province ("in Penang, the company said", "a lawmaker from Ohio")
        if title_head and raw.split()[0] in lx["stop"] and raw.split()[0] not in lx["strip_first"]:
            return False  # "Secretary of Commerce Jeffrey Kessler": a title, not an employer
        a = text.find(name, m_start)
        if a < 0:
            return
        b = a + len(name)
        if taken.covers(a, b):
            return  # inside a known mention (one that only overlaps may be part of a longer name)
        if headlines.overlaps(a, b) or name.casefold() in lx["technology_terms"]:
            return  # words of a title-case headline, or a technology ("Extreme Ultraviolet")
        if (t := lx["technology_at"].match(text, a)) and t.end() >= b:
            return  # the start of a technology's name ("Outsourced Semiconductor Assembly and Test")
        if lx["title_after"].match(text, b) or lx["event_after"].match(text, b):
            return  # part of a title ("the Secure Networks Act") or an event ("the X tech conference")
        parts = toks[0].split("-")
        if len(parts) > 1 and (parts[0].casefold() in d.country_alias or parts[0].casefold() in d.demonym_country) \
                and all(w.casefold() in d.country_alias or w.casefold() in d.demonym_country or w.islower() for w in parts[1:]):
            return  # "US-China AI chip shipments", "China-tailored AI chips": a compound adjective
        if name.split()[0] in d.demonym_country and len(name.split()) == 1:
            return
        if name.casefold() in d.country_alias or re.fullmatch(r"[A-Z]{2,}-[a-z]+", name):
            return  # a country, or a compound adjective ("AI-chip designer")
        out.append(Candidate(a, b, name, typ or org_type(name), name, conf, "organization", kind=kind))
        return True

    for m in lx["employer"].finditer(text):
        if m.group(0).split()[0].casefold() in lx["portfolio_titles"] and not set(m.group(1).split()) & lx["gov_heads"]:
            continue  # "Minister of Economy, Trade and Industry": a portfolio, not an employer
        add(m.start(1), m.group(1), 0.8, after_cue=True, title_head=True)
    joined = lx["joined_suffix"].finditer(text) if lx["joined_hint"].search(text) else ()
    for m in (*lx["suffix"].finditer(text), *joined):
        toks = m.group(1).split()
        # a city may open a firm's name ("Capital Acme Technology"), not a one-word firm's
        city_first = len(toks) >= 3 and toks[0].casefold() in _cities()
        if len(toks) >= 2 and (toks[0] not in lx["stop"] or city_first) and (toks[0][0].isupper() or toks[0][0].isdigit() or _CAMEL.match(toks[0])) and \
                not all(t in lx["suffixes"] for t in toks):
            add(m.start(1), m.group(1), 0.75, after_cue=city_first)
    class_lists = lx["class_including"].finditer(text) if "includ" in text or "such as" in text or " like " in text else ()
    # (a class's list is left alone where its first name holds "and" — "A and B", or "A and B Co"? —
    # or goes on as one: "… Defense, Space & Security")
    class_lists = [m for m in class_lists if not re.search(r"[ \u00a0]and[ \u00a0]", m.group(1)) and
                   not re.match(r",[ \u00a0]*[A-Z][\w-]*[ \u00a0]*&", text[m.end(1):m.end(1) + 30])]
    for m in (*lx["descriptor_before"].finditer(text), *class_lists):
        grp = m.group(1)
        if re.search(r"[ \u00a0]and[ \u00a0]", grp):  # "contractors A and B": two names
            grp = re.split(r"[ \u00a0]and[ \u00a0]", grp)[0]
        if (of := lx["of_country_tail"].search(grp)) and of.start():
            grp = grp[:of.start()]  # "rival A of COUNTRY": the country says where A is, not its name
        if len(grp.split()) > 3:
            continue
        known_first = known_firms.covers(m.start(1), m.start(1) + len(grp))  # "firms — KnownCo, B and C"
        if (add(m.start(1), grp, 0.7, after_cue=True) or known_first) and m.group(0)[:1].islower():
            pos = m.start(1) + len(grp)
            while c := lx["coordinated"].match(text, pos):
                grp = c.group(1)
                # "…, B and C": the last "and" of the run is the list's; a name may hold an earlier one
                parts = re.split(r"[ \u00a0]and[ \u00a0]", grp)
                head = grp if len(parts) < 2 else grp[:len(grp) - len(parts[-1]) - 5]
                if len(head.split()) > 4 or re.match(r"[ \u00a0]+(?!and\b|or\b)[a-z]", text[c.start(1) + len(head):]):
                    break  # too long, or a modifier ("and AI startup B")
                add(c.start(1), head, 0.65, after_cue=True)
                pos = c.start(1) + len(head)
    founded = lx["founded"].finditer(text) if lx["founded_words"].search(text) else ()
    for m in (*lx["firm_head"].finditer(text), *founded):
        name = m.group(1)
        words = name.split()
        if words[0] in lx["stop"] or any(w.casefold() in lx["titles"] or w in lx["gov_heads"] or w in lx["org_heads"] or
                                         w.casefold() in lx["common"] or w.casefold() in d.demonym_country
                                         for w in words) or org_type(name) != T.Company:
            continue  # "Former President A", "Commission President A": a title or a body, not a firm
        add(m.start(1), name, 0.7, T.Company)
    # (each pattern below runs only where its fixed words occur)
    for m in lx["embassy"].finditer(text) if lx["embassy_words"].search(text) else ():
        out.append(Candidate(m.start(1), m.end(1), m.group(1), T.GovernmentBody, m.group(1), 0.8, "organization",
                             kind="body"))
    for m in lx["firm_evidence"].finditer(text):
        k = next(i for i in (1, 2, 3) if m.group(i))
        name = m.group(k)
        if name.split()[0] not in lx["stop"] and name.casefold() not in d.country_alias and \
                name.casefold() not in d.demonym_country and not any(w.casefold() in lx["titles"] for w in name.split()):
            add(m.start(k), name, 0.65, T.Company)
    for m in lx["dateline_source"].finditer(text):
        if m.group(1).casefold() not in d.country_alias:
            add(m.start(1), m.group(1), 0.8, T.Company)
    for m in lx["ticker"].finditer(text) if ":" in text else ():
        add(m.start(1), m.group(1), 0.8, T.Company)
    for m in lx["and_other"].finditer(text) if lx["and_other_words"].search(text) else ():
        pos = m.start(1)
        for name in re.split(r",[ \u00a0]+", m.group(1)):
            if name.split()[0] not in lx["stop"] and name.casefold() not in lx["common"] and len(name.split()) <= 4:
                add(text.find(name, pos), name, 0.65, after_cue=True)
            pos = text.find(name, pos) + len(name)
    for m in lx["listed_subject"].finditer(text) if lx["listed_words"].search(text) else ():
        name = m.group(1)
        if name.split()[0] not in lx["stop"] and not any(w.casefold() in lx["titles"] for w in name.split()):
            add(m.start(1), name, 0.65)
    for m in (*lx["descriptor_after"].finditer(text), *lx["seat_after"].finditer(text)):
        if re.match(r"[ \u00a0]+at[ \u00a0]", text[m.end():m.end() + 5]):
            continue  # "X, a designer at Acme": a person's post at an employer, not a firm
        if lx["speech_after"].match(text, m.end()):
            continue  # "… a plant in X, the company said": a reporting clause, not an apposition
        if len(m.group(1).split()) <= 4:
            # "X, a Washington think tank": an organization's descriptor types it
            typ = T.Organization if m.lastindex and m.lastindex >= 2 and \
                m.group(2) in lx["org_descriptors"] and org_type(m.group(1)) == T.Company else None
            add(m.start(1), m.group(1), 0.7, typ)
    for m in lx["based_before"].finditer(text) if lx["based_words"].search(text) else ():
        toks = m.group(1).split()
        if toks[0] in lx["stop"]:
            continue
        if len(toks) >= 2 and lx["speech_after"].match(text, m.end()) and \
                not re.match(r"[ \u00a0]+(?:said|says)[ \u00a0]+(?:it|its)\b", text[m.end():m.end() + 12]):
            continue  # "Beijing-based A B said": perhaps a person; a firm says "it"
        add(m.start(1), m.group(1), 0.7, after_cue=True)
    for m in lx["listed_of_country"].finditer(text):
        if m.group(1).split()[0].casefold() in lx["titles"]:
            continue  # "including Chancellor A of Germany": a person
        if add(m.start(1), m.group(1), 0.65, T.Company, after_cue=True, title_head=True):
            pos = m.end()
            while c := lx["coordinated_of_country"].match(text, pos):
                add(c.start(1), c.group(1), 0.65, T.Company, after_cue=True, title_head=True)
                pos = c.end()
    for m in lx["outlet"].finditer(text) if any(h in text for h in lx["outlet_heads"]) else ():
        k = 1 if m.group(1) else 2
        words = m.group(k).split()
        if words[0] in ("The", "the") and len(words) > 2:
            words = words[1:]  # "The Widget Times reported"
        if words[0] not in lx["stop"] and words[0].casefold() not in lx["common"]:
            add(m.start(k), " ".join(words), 0.7, T.Company)
    for m in lx["analysts"].finditer(text):
        if len(m.group(1).split()) <= 3:
            add(m.start(1), m.group(1), 0.65, T.Company)
    for m in lx["role_owner"].finditer(text):
        name = re.sub(r"^The[ \u00a0]+(?=\S+[ \u00a0])", "", m.group(1))  # "The Acme Times's board"
        if name.split()[0] not in lx["stop"] and name.casefold() not in d.demonym_country and \
                not any(w.casefold() in lx["titles"] for w in name.split()):
            add(m.end(1) - len(name), name, 0.65, T.Company, after_cue=True)
    for a, b, word in _listed_beside_known_firms(text, known, lx, d):
        add(a, word, 0.6, T.Company, after_cue=True)
    known_ends = {c.end: c for c in known if c.source == "dictionary"}  # the name before "(ABBR)"
    for m in lx["acronym"].finditer(text):
        long, short = _clean(m.group(1)), m.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if not initials.upper().startswith(short.upper()[:2]):
            # "the European Widget Company (EWC)": the abbreviation shows the first word is the name's
            wide = _clean(m.group(1), institution=True)
            if "".join(w[0] for w in wide.split() if w[0].isupper()).upper().startswith(short.upper()[:2]):
                long, initials = wide, short
        if initials.upper().startswith(short.upper()[:2]):
            add(m.start(1), long, 0.8, kind="defined", institution=long != _clean(m.group(1)))
            if out and out[-1].canon == long:
                out[-1].kind = "name"
                out[-1].defined = True
                entry = d.known_form(short, (T.Company, T.Organization, T.GovernmentBody), exact=True)
                if entry is not None:  # "Ruritania's Trade Agency (RTA)", RTA known: that body
                    out[-1].canon, out[-1].entry, out[-1].type = entry.name, entry, entry.type
                    long = entry.name
                s = m.start(2)
                out.append(Candidate(s, s + len(short), short, out[-1].type, long, 0.8, "organization",
                                     kind="acronym"))
            elif (owner := known_ends.get(m.end(1))) is not None and not taken.overlaps(m.start(2), m.end(2)) \
                    and owner.type in (T.Company, T.Organization, T.GovernmentBody):
                # "Acme Battery Technology (‘ABT’)", the long name known: the abbreviation is its
                s = m.start(2)
                out.append(Candidate(s, s + len(short), short, owner.type, owner.canon, 0.8, "organization",
                                     owner.entry, kind="acronym"))
    for m in lx["country_owned"].finditer(text):
        name = m.group(1)
        if name in lx["stop"] or name.casefold() in lx["titles"] or name in lx["gov_heads"] or name in lx["org_heads"] \
                or name.casefold() in d.demonym_country or name.casefold() in d.country_alias or name.casefold() in lx["common"] \
                or (name.isupper() and not any(ch.isdigit() for ch in name)):
            continue  # an acronym alone ("China's GPU makers") may be a technology
        if lx["speech_after"].match(text, m.end(1)) or _beside_a_name(name, text):
            continue  # "China's Xi said": a leader by his surname; a name seen with another word is not alone
        add(m.start(1), name, 0.6, typ=T.Company, after_cue=True)
    ministries = None
    for m in lx["country_body"].finditer(text):
        if m.group(1).casefold() in d.country_alias and not taken.covers(m.start(), m.end()):
            # the ministry's full name elsewhere in the text ("Ministry of Economy, Trade and Industry")
            if ministries is None:
                ministries = sorted(set(_MINISTRY.findall(text)))
            words = {w.capitalize() for w in m.group().split()[1:-1]}
            full = next((n for n in ministries if words & set(re.findall(r"[A-Z]\w+", n))), m.group())
            out.append(Candidate(m.start(), m.end(), m.group(), T.GovernmentBody, full, 0.75, "organization",
                                 country_body=True))
    # institutional names standing alone: "Harlow University", "Ministry of Industry ..."
    heads = lx["institution_heads"]
    inst = _institution(heads)
    done = set()
    for h in lx["institution_head"].finditer(text):
        lo = text.rfind("\n", max(0, h.start() - 100), h.start()) + 1 or max(0, h.start() - 100)
        if lo > 0 and not text[lo - 1].isspace():
            lo = text.find(" ", lo, h.start()) + 1 or h.start()
        for m in inst.finditer(text, lo, min(len(text), h.end() + 120)):
            if m.start(1) <= h.start() < m.end(1) and m.span(1) not in done:
                done.add(m.span(1))
                raw = m.group(1)
                # the complement ends with its sentence ("… for Trade Policy. The next …")
                end = _SENTENCE_END.search(raw, h.end() - m.start(1))
                if end:
                    raw = raw[:end.start() + 1]
                toks = _clean(raw, institution=True).split()
                if len(toks) >= 2:
                    add(m.start(1), raw, 0.7, institution=True)
                break
    return out + [_without_trailing_modifier(c, text) for c in government_bodies(ctx, taken, headlines)]


# one capitalised word of a list ("Acme", "iAcme", "A&B"), not the first of a longer name
_LIST_WORD = r"(?:[A-Z][\w&.'’-]*[A-Za-z\d]|[A-Z]|[a-z]{1,2}[A-Z][\w&'’-]*[A-Za-z\d])"
_LIST_RIGHT = re.compile(rf"(,[ \u00a0]+(?:and[ \u00a0]+|or[ \u00a0]+)?|[ \u00a0]+(?:and|or)[ \u00a0]+)({_LIST_WORD})(?![\w&'’-])")
_LIST_LEFT = re.compile(rf"(?<![\w.’'-])({_LIST_WORD})(,[ \u00a0]+(?:and[ \u00a0]+|or[ \u00a0]+)?|[ \u00a0]+(?:and|or)[ \u00a0]+)\Z")
_NEXT_CAPITAL = re.compile(r"[ \u00a0]+[A-Z]")


def _listed_beside_known_firms(text: str, known, lx, d) -> list[tuple[int, int, str]]:
    """Single-word names coordinated with a firm the dictionary knows ("chips from Zorblat,
    Quorvex and Nvidia", "Quorvex and Huawei were added"): a list of firms names firms.  The
    list must hold "and" or "or", every known name in it must be a firm or an organization,
    and a word that opens a longer capitalised name, a country, a demonym, a city, a state, a
    common word or a stop word is no member."""
    firms = sorted((c for c in known if c.source == "dictionary" and c.type in (T.Company, T.Organization)),
                   key=lambda c: c.start)
    if not firms or (" and " not in text and " or " not in text):
        return []
    by_span = {(c.start, c.end): c for c in known}
    out, seen = [], set()
    for c in firms:
        members, joined, pos = [], False, c.end
        while (m := _LIST_RIGHT.match(text, pos)) is not None:  # after the firm
            members.append(m.span(2))
            joined = joined or "and" in m.group(1) or "or" in m.group(1)
            pos = m.end()
            if joined:
                break  # "A, B and C": "and" closes the list
        pos, first = c.start, True
        while (m := _LIST_LEFT.search(text, max(0, pos - 80), pos)) is not None:  # before it
            conj = "and" in m.group(2) or "or" in m.group(2)
            if conj and not first:
                break  # "A and B, C and KNOWN": the nearer "and" is this list's
            members.append(m.span(1))
            joined, pos, first = joined or conj, m.start(), False
        if not joined:
            continue
        spans = [s for s in members if s not in seen]
        known_kinds = {by_span[s].type for s in spans if s in by_span}
        if known_kinds - {T.Company, T.Organization}:
            continue  # "Acme, China and X": not a list of firms
        for a, b in spans:
            seen.add((a, b))
            word = text[a:b]
            if (a, b) in by_span or _NEXT_CAPITAL.match(text, b) or word in lx["stop"] or \
                    word.casefold() in lx["common"] or word.casefold() in d.country_alias or \
                    word.casefold() in d.demonym_country or word.casefold() in _cities() or word.casefold() in lx["places"]:
                continue
            out.append((a, b, word))
    return out


_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w.]*[ \u00a0]+\Z")
_NAME_WORD_AFTER = re.compile(r"[ \u00a0]+[A-Z][a-z]")
_RUN_BEFORE = re.compile(r"[\w.]*[ \u00a0]+\Z")


def _beside_a_name(name: str, text: str) -> bool:
    """Whether the word ``name`` (letters and digits) occurs anywhere in the text right after
    a capitalised word ("Acme NAME") or right before one ("NAME Labs"): the same answer as
    searching ``[A-Z][\\w.]*[ ]+NAME\\b|\\bNAME[ ]+[A-Z][a-z]`` (for a word before it of up to 200
    characters), without compiling a pattern per name."""
    i = text.find(name)
    n = len(text)
    while i >= 0:
        e = i + len(name)
        ends_word = e >= n or not is_word_char(text[e])
        if ends_word:
            run = _RUN_BEFORE.search(text, max(0, i - 200), i)  # the word before and its spaces
            if run is not None and _NAME_WORD_BEFORE.search(text, run.start(), i):
                return True
            starts_word = i == 0 or not is_word_char(text[i - 1])
            if starts_word and _NAME_WORD_AFTER.match(text, e):
                return True
        i = text.find(name, i + 1)
    return False


_TRAILING_COORDINATE = re.compile(r"[ \u00a0]+and[ \u00a0]+[A-Z][\w-]*$")


def _without_trailing_modifier(c: Candidate, text: str) -> Candidate:
    """"the Department of Defense and Intelligence community": a last coordinate that a
    lower-case noun follows, after a body the dictionary knows, modifies that noun and is no
    word of the body's name."""
    m = _TRAILING_COORDINATE.search(c.surface)
    if m and re.match(r"[ \u00a0]+[a-z]{3,}", text[c.end:c.end + 20]):
        kept = c.surface[:m.start()]
        entry = dictionary().by_name.get(re.sub(r"^(?:the|The)[ \u00a0]+", "", kept).casefold())
        if entry is not None and entry.type == T.GovernmentBody:
            c.end, c.surface, c.canon = c.start + len(kept), kept, entry.name
    return c
