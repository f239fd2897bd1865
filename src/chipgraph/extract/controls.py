"""Export-control measures: noun phrases that name a sanction, rule, ban or listing, and
their clustering into the few measures one article talks about.

A mention is a noun phrase around a head ("controls", "sanctions", "rule", "ban" …) with
modifiers that make it a trade measure ("export", "chip", "US", "Oct. 7"), or an anaphoric
phrase ("the rule", "these rules") in an article that already names a measure, or a verb
phrase whose subject is a government and whose object is trade ("the ministry said it would
halt shipments of A to B", "exports of A were banned by B").  Clusters:
named lists (the Entity List …) stand alone; the rest split into the "new" measure and the
"original" one when the article contrasts them, and are one measure otherwise; measures of
different governments stay apart, and in an article about one named rule that it calls "the
rule", the plain descriptions are that rule.
"""
from __future__ import annotations

import bisect
import re
from functools import cache

from ..model import Entity, Mention
from .candidates import Candidate, Measure, MeasureFacts
from .dictionary import alternation as _alt
from .dictionary import controls as control_data
from .dictionary import dictionary
from .keys import document_scoped_key, entity_key
from .spans import Spans
from .mentions import resolve_overlaps
from .patterns import ORIGIN_AFTER, title_case_lines
from .scan import Scanner, WordFirst, first_words
from .terms import T

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
_WEEKDAYS = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = rf"(?:(?:{_MONTHS})(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d(?:['’]s)?)"
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTH = re.compile(rf"\b({_MONTHS})", re.I)


def _licence_requirements(cd) -> list[str]:
    """The phrases of ``licence_requirements``: "requires a US licence", "needs an export
    license", "licences were required", "a license is required"."""
    lr = cd["licence_requirements"]
    out = [f"{v} {m} {n}"
           for v in lr["verbs"] for m in lr["modifiers"] for n in lr["spellings"]]
    out += [f"{v} {n}s" for v in lr["verbs"] for n in lr["spellings"]]
    out += [f"{n}s {aux}" for n in lr["spellings"] for aux in lr["plural_passives"]]
    out += [f"a {n} {aux}" for n in lr["spellings"] for aux in lr["singular_passives"]]
    return out


@cache
def _patterns():
    cd = control_data()
    mods = _alt(cd["strong_modifiers"] + cd["weak_modifiers"] + ["ai", "advanced", "china", "gpu", "computing",
                                                                 "us-led", "high-end", "fresh", "upcoming"])
    # possessives are written with either apostrophe ("Japan's", "Japan’s")
    country = _alt(dict.fromkeys(w for m in cd["country_modifiers"] for w in (m, m.replace("'", "’"))))
    possessor = (rf"(?:(?:(?i:the)\s+)?(?:(?i:{country})|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){{0,3}}['’]s?"
                 rf"|{'|'.join(cd['possessor_patterns'])})\s+)")
    heads = _alt(cd["heads"])
    np = re.compile(
        rf"(?<![\w-])(?P<det>(?i:the|a|an|these|those|such|its|their|this|that|any|new|more)\s+)?"
        rf"(?P<pos>{possessor})?"
        rf"(?P<mods>(?:(?i:{mods}|{country}|{_DATE})\s+){{0,4}})"
        rf"(?P<head>(?i:{heads}))(?![\w-])"
        # the complement stays in its sentence (no word ending a sentence: "on Monday. The …") and
        # in its phrase (no day: "added to the list on Friday from ten countries")
        rf"(?P<pp>\s+(?i:on|against|to|of|targeting|for)\s+(?:the\s+)?(?:(?![\w’'.-]*[a-z]\.\s|{_WEEKDAYS}\b)(?:[\w’'.-]+|\([A-Z][A-Za-z]{{1,5}}\))\s+){{0,4}}(?i:{_alt(cd['complement_nouns'])})(?![\w-]))?"
        rf"(?P<rel>(?:,?[ ](?:that|which)[ ](?:were|was|are|is|have[ ]been|had[ ]been)(?:[ ]first)?)?[ ](?:first[ ])?(?:imposed|implemented|introduced|announced|issued|initiated|adopted|enacted|unveiled)(?:[ ](?:in|on|by|last|this|earlier)(?:[ ](?:the[ ])?(?:[A-Z][\w.]*|\d+|year|month|week))(?:[ ](?:[A-Z][\w.]*|\d{{4}}|year|administration))?)?)?")
    named = {}
    for nm in cd["named_measures"]:
        for form in nm["forms"]:
            named[form] = nm
    named_re = Scanner(WordFirst(r"(?<![\w-])(?i:" + _alt(named) + r")(?![\w-])", first_words(named)))
    # a named law or bill: capitalised words (with the connectors a title holds, its acronym
    # in brackets, a year) ending in its head, then "of YEAR" and a bill number
    word = r"(?:[A-Z][\w’'.-]*|\d{4}|\([A-Z][\w&.-]*\))"
    statute = re.compile(
        rf"(?<![\w’'.-])(?P<name>{word}(?:\s+(?:(?:{_alt(cd['statute_connectors'])})\s+){{0,2}}{word}){{0,14}}?"
        rf"\s+(?:{_alt(cd['statute_heads'])}))(?P<year>\s+(?:of|for\s+Fiscal\s+Year)\s+\d{{4}})?(?P<bill>\s+\((?:H\.\s?R\.|S\.)\s?\d+\))?(?![\w-])")
    return {
        "statute": statute,
        "statute_stop": frozenset(cd["statute_stop_first"]),
        "statute_topic": frozenset(cd["statute_topic_words"]),
        "list_topic": frozenset(cd["list_topic_words"]),
        # a list's title: capitalised words ending in "List", its acronym after it
        "named_list": re.compile(r"(?<![\w’'.-])(?P<name>(?:[A-Z][\w’'-]*[ \u00a0]+){1,4}Lists?)(?![\w-])"
                                 r"(?P<acr>[ \u00a0]+\((?P<short>[A-Z][A-Za-z]{1,6})\))?"),
        "statute_head": Scanner(WordFirst(rf"(?<=\s)(?:{_alt(cd['statute_heads'])})(?![\w-])", first_words(cd["statute_heads"]))),
        "country_lead": re.compile(rf"(?:(?i:{country})|US|U\.S\.|UK|EU)\s+"),
        "law_anaphor": re.compile(r"(?<![\w-])(?i:the|this|that)\s+(?i:act|bill|law|legislation)\b"),
        "head": Scanner(WordFirst(rf"(?<![\w-])(?i:{heads})(?![\w-])", first_words(cd["heads"]))),
        "named": named_re,
        "named_forms": {k.casefold(): v for k, v in named.items()},
        "np": np,
        "strong": re.compile(rf"\b(?:{_alt(cd['strong_modifiers'])}|{country}|{_DATE})\b", re.I),
        "new": re.compile(rf"\b(?:{_alt(cd['new_cues'])})\b", re.I),
        "old": re.compile(rf"\b(?:{_alt(cd['old_cues'])})\b(?!-)", re.I),  # not "first-time"
        "anaphoric": re.compile(rf"^(?:{_alt(cd['anaphoric_determiners'])})\s", re.I),
        "context": re.compile(r"\b(?:export|chip|semiconductor|sell|sales|ship|China|Chinese|Huawei|technology|GPU|processor|AI)\w*", re.I),
        "imposer_gap": re.compile(
            rf"^\)?\s*(?:\([A-Z]+\)\s*)?(?:(?:on|last|this|earlier|in|also|has|have|had|will|would|it|they|said|says|"
            rf"then|first|now|\w+day|\w+ly)\s+){{0,6}}(?:{_alt(cd['impose_verbs'])})\b(?![^,]*,[^,]*,)", re.I),
        "country_before": re.compile(rf"(?<![\w-])((?i:{country})|US|U\.S\.)\s+\Z"),
        # where the noun phrase a measure's verb acts on ends ("revoked its licence | to ship …")
        "np_end": re.compile(r",|\s(?:to|for|of|on|from|in|into|that|which|who|granted|allowing|with|by|under|until|after|as|entirely)\s"),
        "adverb_before": re.compile(r"(?<![\w-])(\w+ly)\s+\Z"),
        "country_mod": re.compile(rf"(?<![\w-])({country}|US|U\.S\.)(?![\w-])", re.I),
        # measures stated by a verb: the verb, the words between its subject and it, and the
        # nouns its object must hold
        "verb": Scanner(WordFirst(rf"(?<![\w-])(?i:{_alt(cd['measure_verbs'] + _licence_requirements(cd))})(?![\w-])",
                                  first_words(cd["measure_verbs"] + _licence_requirements(cd)))),
        "verb_after": re.compile(rf"[ \u00a0]+(?:(?:would|will|also|now|further|effectively|could|may)[ \u00a0]+)*"
                                 rf"(?:{_alt(cd['measure_verbs'] + _licence_requirements(cd))})[ \u00a0]+"
                                 rf"(?:(?:the|all|most|some|any)[ \u00a0]+)?(?:{_alt(cd['measure_objects'])})(?![\w-])", re.I),
        # ("US administrations have restricted …", "Chinese authorities …" is a demonym's, not read)
        "verb_gap": re.compile(
            rf"\)?(?:\s+(?:administrations|governments|authorities|officials|regulators))?"
            rf"\s*(?:\([A-Z]+\)\s*)?,?\s*(?:(?:(?i:{_alt(cd['measure_gap_words'])})|\w+ly"
            rf"|(?i:on|in|last|this|earlier|since)\s+(?:[A-Z][a-z]+\.?(?:\s+\d{{1,2}})?|\d{{4}}|(?i:week|month|year)))\s*,?\s+)*"),
        # a government that makes another party do it: "has ordered A to halt …", "directed
        # firms including B to cease …" (the verb after "to" is the government's measure)
        "directive_gap": re.compile(
            rf"\)?\s*(?:\([A-Z]+\)\s*)?,?\s*(?:(?:(?i:{_alt(cd['measure_gap_words'])})|\w+ly"
            rf"|(?i:on|in|last|this|earlier|since)\s+(?:[A-Z][a-z]+\.?(?:\s+\d{{1,2}})?|\d{{4}}|(?i:week|month|year)))\s*,?\s+)*"
            rf"(?i:{_alt(cd['directive_verbs'])})\s+[^,.;:!?“”\"]{{1,90}}?\s(?:(?:to|immediately|also)\s+)*to\s+"),
        "notice_gap": re.compile(
            r"\)?(?:\s+(?:administrations|governments|authorities|officials|regulators))?"
            r"\s*(?:(?:has|had|have|also|reportedly)\s+)*(?:told|informed|notified|warned|advised)\s+"
            r"[^,.;:!?“”\"]{1,60}?\s(?:that\s+)?(?:it|they|the\s+(?:company|firm|companies|firms))\s+"
            r"(?:(?:would|will|now|also|must|could)\s+)*(?:(?:need|needs|needed|require|required)\s+to\s+)?"),
        # "the initial 2022 version of" before a measure's phrase (its words, then the partitive)
        "partitive": re.compile(
            rf"(?<![\w-])(?:(?i:the|a|an|its|their|this|that)\s+)?(?P<words>(?:[\w’'-]+\s+){{0,2}}"
            rf"(?i:{_alt(cd['partitive_heads'])})\s+of\s+)\Z"),
        "name_modifiers": re.compile(r"(?<![\w'’-])((?:[a-z][a-z-]*\s+){1,3})\Z"),
        "modifier_stop": frozenset(cd["anaphoric_determiners"] + cd["modifier_stop_words"]),
        "complement": re.compile(rf"(?<![\w-])(?:{_alt(cd['complement_nouns'])})(?![\w-])", re.I),
        "request": re.compile(rf"\b(?:{_alt(cd['request_verbs'])})\s+(?:the\s+)?$", re.I),
        "participle": re.compile(r"(?:ed|en|wn|off)$"),
        "passive_aux": re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:(?:\w+ly|also|now|then)\s+)?$"),
        "passive_by": re.compile(r"\s+by\s+(?:the\s+)?"),
        "clause_start": re.compile(r"[,;:]\s+|\b(?:that|after|when|as|because|since|while)\s+"),
        "issuer_gap": re.compile(r"\s+(?:from|by|of)\s+(?:the\s+)?"),
        "licence_verb": re.compile(r"licen[cs]e|permission|permit", re.I),
        "listing_verb": re.compile(r"blacklist(?:s|ed|ing)?|sanction(?:ed|ing)?", re.I),
        # the noun phrase of a licence requirement stated by its verb, when it has a modifier
        "licence_object": re.compile(r"\w+\s+(?:a|an)\s+((?:\S+\s+)+(?:licen[cs]es?|permits?))$", re.I),
        "detachable": re.compile(rf"(?:(?:{_alt(cd['detachable_modifiers']['words'])})\s+)+", re.I),
        # words that open a description of the object's last noun ("tools essential for …")
        "object_modifier": re.compile(r"\s(?:essential|needed|necessary|required|used|designed|made|that|which|capable)\s"),
        "verb_object": re.compile(rf"(?<![\w-])(?:{_alt(cd['measure_objects'])})(?![\w-])", re.I),
        "object_end": re.compile(
            r"[;!?]|\s[—–-]\s|[“”\"]|\s\[|,\s+(?!(?:and|or|including|such\s+as|as\s+well\s+as)\b|[A-Z0-9(])"
            r"|\s(?:while|which|who|after|before|because|but|saying|amid|although|though|whereas|unless|until"
            r"|in\s+(?:an?\s+)?(?:effort|bid|move|attempt|order))\s|(?<!such)(?<!well)\sas\s"),
    }


# capitalised words right before a named measure's form, in its title ("the Export Control Entity
# List"); not a determiner, a sentence opener or a word that dates or revises the list
_TITLE_WORDS_BEFORE = re.compile(r"(?<![\w.’'-])(?<![.!?]\s)(?:[A-Z][a-z][\w-]*[ \u00a0]+){1,3}\Z")
_NOT_TITLE_WORDS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "New", "Updated",
                              "Current", "Expanded", "Revised", "Latest", "Under", "On", "In", "To", "From", "By",
                              "Of", "And", "Or", "With", "For", "As", "At", "Added", "Adding", "Placed", "Including"})
# a country's possessive or its demonym right before a measure's name ("Taiwan's Entity List")
_OWN_COUNTRY = re.compile(r"(?<![\w-])([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:['’]s?|(?<=ese|ian|ish|can|ean)))\s+(?:own\s+|new\s+|updated\s+)?\Z")


def _country_of(phrase: str) -> str | None:
    d = dictionary()
    m = _patterns()["country_mod"].search(phrase)
    if not m:
        return None
    w = re.sub(r"['’]s?$", "", m.group(1)).casefold()
    return d.demonym_country.get(w) or d.country_alias.get(w)


def _imposer_country(text: str, start: int, known, p, starts=None) -> str | None:
    """The country of the government that is the subject of the verb imposing this measure:
    "The Danish government this week widened its licence rules", "MOFCOM said on
    Monday that it would bar exports".  ``known`` is sorted by start; ``starts``: their starts."""
    if starts is None:
        starts = [c.start for c in known]
    # the mentions starting at or after ``start`` end after it: the reading begins before them
    for k in range(bisect.bisect_left(starts, start) - 1, -1, -1):
        c = known[k]
        if c.end > start:
            continue
        if start - c.end > 150:
            break
        if c.type not in (T.GovernmentBody, T.Country) or c.kind == "demonym" or c.entry is None:
            continue
        gap = text[c.end:start]
        if re.search(r"[.;!?]\s", gap):
            break
        # the verb may open the measure's phrase ("expanded export licence requirements")
        if p["imposer_gap"].match(text[c.end:start + 20]):
            return c.entry.country or (c.entry.name if c.type == T.Country else None)
        break
    return None


def control_mentions(ctx) -> list[Candidate]:
    """Component: the mentions of export-control measures (see the module docstring); they
    may overlap other mentions ("US sanctions") but not each other."""
    return resolve_overlaps(_control_mentions(ctx.text, ctx.index, ctx.candidates))


def _control_mentions(text: str, index, known) -> list[Candidate]:
    p = _patterns()
    cd = control_data()
    out: list = []
    known_spans = Spans((c.start, c.end) for c in known)
    # named measures first
    for m in p["named"].finditer(text):
        nm = p["named_forms"][m.group().casefold()]
        form = next((f for f in nm["forms"] if f == m.group()), None) or \
            next(f for f in nm["forms"] if f.casefold() == m.group().casefold())
        if form[0].isupper() and not m.group()[0].isupper():
            continue
        own = _OWN_COUNTRY.search(text, max(0, m.start() - 40), m.start())
        owner = _country_of(own.group(1)) if own else None
        if owner and nm.get("country") and owner != nm["country"]:
            # "Taiwan's Entity List": another government's list of the same name
            surface = text[own.start():m.end()]
            out.append(Candidate(own.start(), m.end(), surface, T.ExportControl, "", 0.85, "control",
                                 measure=MeasureFacts(country=owner, forms=[surface, m.group()], strong=True)))
            continue
        title = _TITLE_WORDS_BEFORE.search(text, max(0, m.start() - 50), m.start())
        if title and form == m.group() and form[0].isupper() and not set(title.group().split()) & _NOT_TITLE_WORDS \
                and not known_spans.overlaps(title.start(), m.start()):
            # "the Export Control Entity List": capitalised words before the form make another
            # title, another list (its issuer is read from the sentence, as for a generic measure)
            surface = text[title.start():m.end()]
            out.append(Candidate(title.start(), m.end(), surface, T.ExportControl, "", 0.85, "control",
                                 measure=MeasureFacts(forms=[surface], strong=True)))
            continue
        out.append(Candidate(m.start(), m.end(), m.group(), T.ExportControl, nm["name"], 0.95, "control",
                             measure=MeasureFacts(named=nm["name"], country=nm.get("country"),
                                                  agency=nm.get("agency"),
                                                  forms=_modified_forms(text, m.start(), m.group(), p))))
    out += _statutes(text, out, p)
    lists = _named_lists(text, index, out, known_spans, p)
    out += lists
    generic: list = []
    late: list = []  # anaphoric phrases in sentences with no trade word
    known_starts = [c.start for c in known]
    list_spans = Spans((c.start, c.end) for c in lists)
    for m in _np_matches(text, p):
        if list_spans.covers(m.start("head"), m.end("head")):
            continue  # the head word of a list's title ("the Widget List to cover …")
        if (m.group("det") or "").strip().lower() == "that" and _AFTER_THAT.match(text, m.end("det")):
            # "said that US rules bar …", "that their controls": a conjunction, not a determiner
            m = p["np"].match(text, m.end("det")) or m
        head = m.group("head").lower()
        phrase = m.group(0)
        core_start = m.start("pos") if m.group("pos") else m.start("mods") if m.group("mods") else m.start("head")
        core = text[core_start:m.end("head")]
        sent = index.text(index.of(m.start())).text
        det = (m.group("det") or "").strip().lower()
        # "new rules from the Commerce Department": the government that issues them follows
        issuer = _issuer_after(text, m.end(), known, known_starts, p)
        strong = bool(p["strong"].search((m.group("pos") or "") + (m.group("mods") or ""))) or head in (
            "sanctions", "embargo", "blacklist", "export controls") or bool(m.group("pp")) or bool(
            _YEAR.search(m.group("rel") or "")) or issuer is not None or (
            # "the new rules bar exports of …": rules that are the subject of a measure's verb
            head in ("rules", "rule", "regulations", "measures") and bool(p["verb_after"].match(text, m.end())))
        if head in ("control", "requirement", "requirements", "restriction", "limits", "measures", "regulations") and not strong and not det:
            continue
        if not strong and not (det in cd["anaphoric_determiners"] or head in ("ban", "bans", "sanctions", "restrictions", "curbs", "controls")):
            continue
        # (an anaphoric phrase in a sentence that names no trade word, "the new restrictions
        # hurt A", refers back only when a measure was stated before it: decided below)
        no_context = not strong and not p["context"].search(sent)
        if no_context and (not det or _OTHER_COMPLEMENT.match(text, m.end())):
            continue  # ("the restrictions on travel": a complement that is no trade's)
        if not strong and head == "rule" and not det:
            continue
        if re.match(r"rules?$", head) and not strong and det not in ("the", "these", "those", "such", "this", "its", "their"):
            continue
        forms = {core, text[m.start("mods") if m.group("mods") else m.start("head"):m.end("head")], phrase.strip()}
        if m.group("mods"):
            # "the first export licences" is also "export licences"
            forms.add(_detached(text[m.start("mods"):m.end("head")], p))
            if m.group("pp"):
                forms.add(_detached(text[m.start("mods"):m.end("pp")].strip(), p))
        if m.group("pp"):
            forms.add(text[m.start():m.end("pp")].strip())
            forms.add(text[core_start:m.end("pp")].strip())
            forms.add(text[m.start("head"):m.end("pp")].strip())
            # and the complement cut at its first noun ("a ban on the export" of "… of X chips")
            first = p["complement"].search(text, m.start("pp"), m.end("pp"))
            if first and first.end() < m.end("pp") and text[first.end():first.end() + 1] != ")":
                forms.add(text[m.start():first.end()].strip())
        full = text[m.start():issuer.end if issuer else m.end()].strip()
        forms.add(full)
        if m.group("rel"):
            forms.add(text[m.start("head"):m.end()].strip())
            forms.add(text[core_start:m.end()].strip())
        cue_text, start = phrase, m.start()
        part = p["partitive"].search(text, max(0, m.start() - 60), m.start())
        if part and "\n" not in part.group(0):
            # "the first 2023 edition of the chip rules", "a fresh round of regulations":
            # the words before say which of its versions the text means (not a possessor)
            own = re.match(r"\S*['’]s\s+", part.group("words"))
            start = part.start("words") + (own.end() if own else 0)
            full = text[start:issuer.end if issuer else m.end()].strip()
            forms.add(full)
            forms.add(text[start:m.end()].strip())
            cue_text = text[start:m.end()]
        cue = "old" if p["old"].search(cue_text) else "new" if p["new"].search(cue_text) else None
        year = _YEAR.search(cue_text)
        month = _MONTH.search(cue_text)
        country = _country_of((m.group("pos") or "") + (m.group("mods") or "")) or \
            _entry_country(issuer) or _imposer_country(text, m.start(), known, p, known_starts)
        c = Candidate(start, issuer.end if issuer else m.end(), full, T.ExportControl, "", 0.8 if strong else 0.6, "control",
                      measure=MeasureFacts(cue=cue, year=year.group(1) if year else None,
                                           month=month.group(1) if month else None, country=country,
                                           forms=sorted(f for f in forms if f), strong=strong))
        (late if no_context else generic).append(c)
    verbal = _verbal_mentions(text, index, known, out + generic, p)
    if not any(c.measure.strong for c in generic) and not out and not verbal:
        return []
    stated = min((c.start for c in (*out, *verbal, *generic) if c.measure.strong or c in verbal), default=len(text))
    generic += [c for c in late if c.start > stated]
    return out + generic + verbal


_OTHER_COMPLEMENT = re.compile(r"\s+(?:on|of|against|for|over|in)\s")
# "sanctions from the United States": who imposes, not whom it targets
_SOURCE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?\Z")
_AFTER_THAT = re.compile(r"(?:their|its|his|her|our|the|a|an|these|those)\s|[A-Z]")
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])\s+")
_OF_THE = re.compile(r"\s(?:of|to|on|from|in|with|against|by|for|at)\s+the\s+")


def _statutes(text: str, named: list[Candidate], p) -> list[Candidate]:
    """Named laws and bills the catalogue does not hold: "the Remote Access Security Act",
    "the Secure Exports (SAFE) Chips Act of 2025".  Each is a named measure: its full name,
    the name without its year or bill number, and the short name its acronym makes ("SAFE
    Chips Act") are one measure, also where the text later uses the short name alone."""
    matches, seen = [], set()
    for h in p["statute_head"].finditer(text):  # the costly pattern only just before a head word
        m = next((m for m in p["statute"].finditer(text, max(0, h.start() - 240), h.end() + 40)
                  if m.end("name") == h.end()), None)
        if m is not None and m.span() not in seen:
            seen.add(m.span())
            matches.append(m)
    if not matches:
        return []
    headlines = title_case_lines(text)
    taken = [(c.start, c.end) for c in named]
    found: list[tuple[int, int, str, list[str]]] = []
    short: dict[str, str] = {}  # a short form -> the full name it abbreviates
    for m in matches:
        start = m.start("name")
        # a title stays in its sentence ("… to China. The A Act" starts at "The"), and rarely
        # holds "of the", which a clause around it often does ("Critics of the A Act")
        cut = m.end("name") - m.start("name")
        for boundary, least in ((_SENTENCE_END, 1), (_OF_THE, 2)):
            name = text[start:start + cut]
            last = None
            for last in boundary.finditer(name):
                pass
            if last and len(name[last.end():].split()) >= least:
                start, cut = start + last.end(), cut - last.end()
        name = text[start:start + cut]
        words = name.split()
        # drop clause openers ("The", "Under", "Senate") and a possessor ("Hawley's") in front
        while len(words) > 1 and (words[0].casefold().rstrip(".") in p["statute_stop"] or re.search(r"['’]s?$", words[0])):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if len(words) < 2 or any(a <= start < b for a, b in headlines) or \
                any(a < m.end() and start < b for a, b in taken):
            continue
        if not any(w.casefold().strip("(),") in p["statute_topic"] or re.fullmatch(r"\(?[A-Z][A-Z\d&-]{2,}\)?", w)
                   for w in words):
            continue  # "the Fiscal Planning Act": a law on nothing a measure here is about
        name = " ".join(words)
        full = text[start:m.end()]
        lead = p["country_lead"].match(name)
        if lead and len(name[lead.end():].split()) >= 2:  # "the U.S. Chip Security Act" is the Chip Security Act
            name = name[lead.end():]
        forms = [f for f in dict.fromkeys([full, name, text[start:m.end("year") if m.group("year") else m.end("name")]]) if f]
        acr = re.search(r"\(([A-Z][\w&.-]*)\)\s+", name)
        if acr:  # "Secure and Feasible Exports (SAFE) Chips Act": also "SAFE Chips Act"
            forms.append(acr.group(1) + " " + name[acr.end():])
            short[forms[-1].casefold()] = name
        found.append((start, m.end(), name, forms))
    out = []
    for start, end, name, forms in found:
        canon = short.get(name.casefold(), name)
        out.append(Candidate(start, end, text[start:end], T.ExportControl, canon, 0.8, "control",
                             measure=MeasureFacts(named=canon, forms=forms, strong=True)))
    return out


def _named_lists(text: str, index, named: list[Candidate], known: Spans, p) -> list[Candidate]:
    """Control lists the catalogue does not hold: "the Strategic Items List (SIL)", "Ruritania's
    Dual-Use Goods List".  A list is a measure when it goes by an acronym, a word of its title
    says what it lists (items, entities, end users …), or its sentence speaks of trade; its
    acronym alone is a later mention of it."""
    if "List" not in text:
        return []
    taken = Spans((c.start, c.end) for c in named)
    headlines = Spans(title_case_lines(text))
    out: list = []
    for m in p["named_list"].finditer(text):
        words = m.group("name").split()
        start = m.start("name")
        while len(words) > 1 and (words[0].casefold().rstrip(".") in p["statute_stop"] or re.search(r"['’]s?$", words[0])):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        end = m.end("name")
        lead = start
        while len(words) > 2 and known.covers(start, start + len(words[0])) and (
                words[0].casefold() in dictionary().demonym_country or words[0].casefold() in dictionary().country_alias):
            start = text.index(words[1], start + len(words[0]))  # "the Ruritanian Widget List": the country's
            words = words[1:]
        if len(words) < 2 or taken.overlaps(start, end) or known.overlaps(start, end) or headlines.overlaps(start, end):
            continue
        sent = index.text(index.of(start)).text
        if not (m.group("acr") or any(w.casefold() in p["list_topic"] for w in words[:-1]) or trade_context(sent)):
            continue  # "the Best Places List": a list of nothing a measure is about
        name = " ".join(words)
        forms = [name] + ([m.group("short")] if m.group("acr") else [])
        own = _OWN_COUNTRY.search(text, max(0, start - 40), start)  # "Ruritania's Widget List": its list
        country = _country_of(own.group(1)) if own else _country_of(text[lead:start]) if lead < start else None
        out.append(Candidate(start, end, text[start:end], T.ExportControl, name, 0.8, "control",
                             measure=MeasureFacts(named=name, country=country, forms=forms, strong=True)))
        if m.group("acr"):
            short = m.group("short")
            for s in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                if not known.overlaps(s.start(), s.end()) and not taken.overlaps(s.start(), s.end()):
                    out.append(Candidate(s.start(), s.end(), short, T.ExportControl, name, 0.8, "control",
                                         measure=MeasureFacts(named=name, forms=forms, strong=True)))
    return out


def trade_context(sentence: str) -> bool:
    """Whether a sentence holds a word of trade (exports, chips, China …): where a plain
    "the restrictions" may be a trade measure without one stated before it."""
    return bool(_patterns()["context"].search(sentence))


def is_statute_name(form: str) -> bool:
    """Whether ``form`` is a law's or bill's title ("Remote Access Security Act of 2025")."""
    m = _patterns()["statute"].fullmatch(form.strip())
    return m is not None and m.start("name") == 0


def _detached(phrase: str, p) -> str:
    """The phrase without its leading detachable modifiers ("expanded licence requirements" ->
    "licence requirements"); the phrase itself when it has none, or nothing else."""
    m = p["detachable"].match(phrase)
    return phrase[m.end():] if m and m.end() < len(phrase) else phrase


def _modified_forms(text: str, start: int, surface: str, p) -> list[str]:
    """The name with the lower-case word the text puts before it ("its restricted entity
    list"): the article's own form, kept among the measure's aliases."""
    out = []
    country = p["country_before"].search(text, max(0, start - 30), start)
    if country:  # "the U.S. Chip Security Act"
        out.append(f"{country.group(1)} {surface}")
    m = p["name_modifiers"].search(text, max(0, start - 60), start)
    if not m:
        return out
    words = m.group(1).split()
    stop = p["modifier_stop"]
    while words and words[0].casefold() in stop:
        words.pop(0)
    kept: list[str] = []
    for w in reversed(words):  # the words right before the name, up to a stop word
        if w.casefold() in stop:
            break
        kept.insert(0, w)
    # one word ("restricted"); a longer run names a list of its own ("strategic high-tech
    # commodities entity list"), which is no form of this one
    return out + [" ".join([*kept, surface])] if len(kept) == 1 else out


def _issuer_after(text: str, pos: int, known, starts: list[int], p):
    """The government named just after a measure's phrase as its source: "rules from the
    ministry", "curbs by Washington"."""
    m = p["issuer_gap"].match(text, pos)
    if not m:
        return None
    k = bisect.bisect_left(starts, m.end())
    if k < len(known) and known[k].start == m.end() and (known[k].type == T.GovernmentBody or known[k].kind == "capital"):
        return known[k]
    return None


def _entry_country(c) -> str | None:
    """The country of a government or country candidate, if its entry knows it."""
    if c is None or c.entry is None:
        return None
    return c.entry.country or (c.entry.name if c.type == T.Country else None)


def _verbal_mentions(text: str, index, known, phrases: list, p) -> list[Candidate]:
    """Measures stated by a verb whose subject is a government: "the ministry said it would
    halt shipments of X to Y", "Washington has restricted A's access to B", "the agency
    requires a licence for exports of X".  The verb and its object are one ExportControl
    mention that knows its imposer (the subject) and its object's span, which holds the chips
    it restricts and whom it targets.  When the object is itself a measure's phrase
    ("imposed new curbs on A"), or the subject is one ("the rule requires a licence for …"),
    that phrase takes the imposer and the object instead and no mention is added."""
    govs = [c for c in known if c.type in (T.GovernmentBody, T.Country) and c.kind != "demonym"]
    gov_ends = [c.end for c in govs]
    gov_at = {c.start: c for c in govs}
    phrases = sorted(phrases, key=lambda c: c.start)
    phrase_starts = [c.start for c in phrases]
    phrase_ends = [c.end for c in phrases]
    longest = max((c.end - c.start for c in phrases), default=0)
    chips = sorted(c.start for c in known if c.type == T.Chip)
    firms = sorted(c.start for c in known if c.type in (T.Company, T.Organization))
    out: list[Candidate] = []
    for v in p["verb"].finditer(text):
        sent = index.text(index.of(v.start()))
        lo = bisect.bisect_left(phrase_starts, v.start() - longest)
        hi = bisect.bisect_right(phrase_starts, v.start())
        if any(phrases[k].end > v.start() for k in range(lo, hi)):
            continue  # the verb is part of a measure's phrase ("controls imposed in 2022")
        passive = _passive(text, v, sent.start, gov_at, chips, p)
        if passive is not None:
            out.append(passive)
            continue
        subject = _subject_before(text, v.start(), sent.start, govs, gov_ends, p)
        phrase = _subject_before(text, v.start(), sent.start, phrases, phrase_ends, p)
        if phrase is not None and (subject is None or phrase.end >= subject.end):
            subject = phrase  # "the rules from the ministry bar …": the rules are the subject
        if subject is None:
            # "The act would require …": a named law spoken of by its head noun
            law = _law_anaphor(text, v.start(), sent.start, phrases, phrase_starts, p)
            if law is not None:
                end = _object_end(text, v.end(), sent.end, p)
                if end > v.end():
                    out.append(Candidate(v.start(), end, text[v.start():end], T.ExportControl, law.canon, 0.7,
                                         "control", measure=MeasureFacts(named=law.measure.named, strong=True,
                                                                         objects=(v.end(), end))))
                continue
        # a licence requirement is a measure whoever states it ("exporters will need a licence")
        if subject is None and not p["licence_verb"].search(v.group()):
            continue
        if subject is not None and p["request"].search(text, max(sent.start, subject.start - 30), subject.start):
            continue  # "urged the ministry to halt …": asked for, not imposed
        end = _object_end(text, v.end(), sent.end, p)
        ahead = _BEFORE_ACT.match(text, v.end()) if p["licence_verb"].search(v.group()) else None
        if ahead:  # "must obtain a permit before exporting X": the act the permit is for is the object
            end = _object_end(text, ahead.end(), sent.end, p)
        head = text[v.end():min(end, v.end() + 60)] if end > v.end() else ""
        k = bisect.bisect_left(phrase_starts, v.end())
        inner = phrases[k] if end > v.end() and k < len(phrases) and phrases[k].start < min(end, v.end() + 40) else None
        chip = end > v.end() and _any_between(chips, v.end(), end)
        # "the US blacklisted A": a listing verb acts on the firm itself
        firm = subject is not None and p["listing_verb"].fullmatch(v.group()) is not None and \
            _any_between(firms, v.end() + 1, v.end() + 3)
        if not (inner or chip or firm or p["verb_object"].search(head)):
            if p["licence_verb"].search(v.group()):
                # "Sales of X to Y require a licence": what needs it comes before the verb
                before = _licence_subject(text, v, sent.start, chips, p)
                if before is not None:
                    out.append(before)
            continue
        is_measure = subject is not None and subject.type == T.ExportControl
        if is_measure or inner is not None:
            holder = subject if is_measure else inner
            if holder.measure.objects is None:
                holder.measure.objects = (v.end(), end)
                if subject is not None and not is_measure:
                    holder.measure.imposer = (subject.start, subject.end)
                    holder.measure.country = holder.measure.country or _entry_country(subject)
            continue
        country = _entry_country(subject)
        if subject is not None and subject.type != T.ExportControl and _coordinated(text, subject, govs, gov_ends):
            # "the Netherlands and Japan agreed to limit their exports": a shared step is not one
            # government's measure
            subject = country = None
        # the clause, and the clause without what describes its last noun ("tools needed for …")
        ends = [end]
        cut = p["object_modifier"].search(text, v.end(), end)
        if cut:
            ends.append(cut.start())
        forms = [text[v.start():e] for e in ends]
        # the verb and the noun phrase it acts on, with an adverb before it: "partially revoked
        # its licence", "halted H20 sales"
        cut = p["np_end"].search(text, v.end(), end)
        np_end = cut.start() if cut else end
        if np_end > v.end() and len(text[v.end():np_end].split()) <= 5:
            forms.append(text[v.start():np_end])
            adv = p["adverb_before"].search(text, max(0, v.start() - 20), v.start())
            if adv:
                forms.append(text[adv.start(1):np_end])
        forms += _licence_noun(v, p)
        if subject is not None:
            lead = subject.start - 4 if text[max(0, subject.start - 4):subject.start].casefold() == "the " else subject.start
            forms += [text[s:e] for s in dict.fromkeys((subject.start, lead)) for e in ends]
        surface = forms[0]
        cue = "new" if p["new"].search(surface) else None
        year = _YEAR.search(surface)
        out.append(Candidate(v.start(), end, surface, T.ExportControl, "", 0.7, "control",
                             measure=MeasureFacts(country=country, cue=cue, year=year.group(1) if year else None,
                                                  forms=forms, strong=True,
                                                  imposer=(subject.start, subject.end) if subject is not None else None,
                                                  objects=(v.end(), end))))
    return out


_AND_BEFORE = re.compile(r"(?:\s*,|\s+(?:and|&))\s+(?:the\s+)?$")


def _coordinated(text: str, c, govs: list, gov_ends: list[int]) -> bool:
    """Whether the government mention ``c`` is coordinated with another country's before it
    ("the Netherlands and Japan"; not "the ministry and the customs office" of one country)."""
    m = _AND_BEFORE.search(text, max(0, c.start - 12), c.start)
    if not m:
        return False
    k = bisect.bisect_right(gov_ends, m.start()) - 1
    return k >= 0 and gov_ends[k] == m.start() and _entry_country(govs[k]) != _entry_country(c)


def _law_anaphor(text: str, pos: int, floor: int, phrases: list, starts: list[int], p):
    """The named law that "the act", "the bill" or "the law" just before ``pos`` (a measure's
    verb, through its gap words) speaks of: the last one named before it, if any."""
    m = None
    for m in p["law_anaphor"].finditer(text, max(floor, pos - 80), pos):
        pass
    if not m or not p["verb_gap"].fullmatch(text, m.end(), pos):
        return None
    k = bisect.bisect_left(starts, m.start())
    return next((c for c in reversed(phrases[:k]) if c.measure.named and is_statute_name(c.surface)), None)


def _licence_noun(v, p) -> list[str]:
    """The noun phrase of a licence requirement stated by its verb, when it has a modifier:
    "require a U.S. government licence" is also "U.S. government licence"."""
    noun = p["licence_object"].match(v.group())
    return [noun.group(1)] if noun else []


_BEFORE_ACT = re.compile(r"\s+(?:before|when|prior\s+to)\s+(?=\w+ing\b)")


def _licence_subject(text: str, v, floor: int, chips: list[int], p) -> Candidate | None:
    """A licence requirement whose subject is what needs the licence ("exports of X to Y now
    require a licence"): the clause before the verb is the measure's object."""
    lo = max(floor, v.start() - 200)
    # the clause before the verb; a comma inside a list of nouns ("exports, transit and
    # transshipment of X require a permit") does not start it: the latest start that opens
    # with what a licence is for is the subject
    marks = list(p["clause_start"].finditer(text, lo, v.start()))
    cuts = [m.end() for m in marks][::-1] or [lo]
    for n, start in enumerate(cuts):
        if n and not (marks[-n].group().startswith(",") and len(text[cuts[n]:cuts[n - 1]].split()) <= 3):
            return None  # only a comma inside a short list of nouns is passed over
        while start < v.start() and text[start].isspace():
            start += 1
        obj = text[start:v.start()]
        bare = re.sub(r"^(?:(?:the|any|all|a|an|further|future)\s+)+", "", obj, flags=re.I)
        opens_with_chip = _any_between(chips, start + len(obj) - len(bare), start + len(obj) - len(bare) + 1)
        if (p["verb_object"].match(bare) or opens_with_chip) and \
                (p["verb_object"].search(obj) or _any_between(chips, start, v.start())):
            break
    else:
        return None  # "the H20 would require a licence" opens with the chip that needs it
    surface = text[start:v.end()]
    forms = [surface, *_licence_noun(v, p)]
    year = _YEAR.search(surface)
    return Candidate(start, v.end(), surface, T.ExportControl, "", 0.7, "control",
                     measure=MeasureFacts(cue="new" if p["new"].search(surface) else None,
                                          year=year.group(1) if year else None, forms=forms, strong=True,
                                          objects=(start, v.start())))


def _any_between(starts: list[int], lo: int, hi: int) -> bool:
    """Whether the sorted ``starts`` hold a value in ``[lo, hi)``."""
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


def _passive(text: str, v, floor: int, gov_at: dict, chips: list[int], p) -> Candidate | None:
    """A measure stated in the passive with its government after "by": "sales of X to Y
    were halted by the ministry" (the object is the clause before the auxiliary)."""
    if not p["participle"].search(v.group()):
        return None
    aux = p["passive_aux"].search(text, max(floor, v.start() - 30), v.start())
    by = p["passive_by"].match(text, v.end())
    if aux is None or by is None:
        return None
    gov = gov_at.get(by.end())
    if gov is None:
        return None
    lo = max(floor, aux.start() - 200)
    cut = [m.end() for m in p["clause_start"].finditer(text, lo, aux.start())]
    start = cut[-1] if cut else lo
    while start < aux.start() and text[start].isspace():
        start += 1
    obj = text[start:aux.start()]
    if not (p["verb_object"].search(obj) or _any_between(chips, start, aux.start())):
        return None
    surface = text[start:gov.end]
    year = _YEAR.search(surface)
    return Candidate(start, gov.end, surface, T.ExportControl, "", 0.7, "control",
                     measure=MeasureFacts(country=_entry_country(gov), year=year.group(1) if year else None,
                                          forms=[surface, text[start:v.end()].rstrip()], strong=True,
                                          imposer=(gov.start, gov.end), objects=(start, aux.start())))


def _subject_before(text: str, pos: int, floor: int, cands: list, ends: list[int], p):
    """The candidate of ``cands`` (sorted, with their ``ends``) that is the subject of the verb
    at ``pos``: the last one ending before it in its sentence, with only auxiliaries, dates and
    reporting words between ("said on Monday it would")."""
    k = bisect.bisect_right(ends, pos) - 1
    while k >= 0 and cands[k].end > pos:
        k -= 1
    if k < 0 or cands[k].start < floor:
        return None
    c = cands[k]
    gap = text[c.end:pos]
    if len(gap) <= 80 and p["verb_gap"].fullmatch(gap):
        return c
    if len(gap) <= 140 and p["directive_gap"].fullmatch(gap):
        return c
    if len(gap) <= 110 and p["notice_gap"].fullmatch(gap):
        return c  # "the government told A it needs a licence to …": the government's requirement
    return None


def _object_end(text: str, start: int, limit: int, p) -> int:
    """Where the object of a measure's verb ends: the end of its clause, 200 characters at most."""
    limit = min(limit, start + 200)
    m = p["object_end"].search(text, start, limit)
    end = m.start() if m else limit
    while end > start and (text[end - 1].isspace() or text[end - 1] == "," or
                           text[end - 1] == "." and not re.search(r"(?<![\w.])(?:[A-Z]\.)+$", text[start:end])):
        end -= 1
    return end


def _np_matches(text: str, p) -> list:
    """The noun-phrase pattern, run only in windows around head words (it is costly to try
    at every position of the text)."""
    out, seen = [], set()
    for h in p["head"].finditer(text):
        lo = max(0, h.start() - 120)
        lo = text.rfind("\n", lo, h.start()) + 1 or lo
        if lo > 0 and not text[lo - 1].isspace():
            lo = text.find(" ", lo, h.start()) + 1 or h.start()
        for m in p["np"].finditer(text, lo, min(len(text), h.end() + 200)):
            # the match through this head (a longer head may have lent a word to the modifiers:
            # "export licence requirements" read as modifiers + "requirements")
            if m.start("head") <= h.start() < m.end("head") or h.start() <= m.start("head") < h.end():
                if m.span() in seen:
                    break
                # the leftmost match through this head: not one that starts inside a word
                if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
                    continue
                seen.add(m.span())
                out.append(m)
                break
    return out


def cluster_controls(cands: list) -> list[list]:
    """Group ExportControl mentions into measures (see the module docstring)."""
    named: dict[str, list] = {}
    old, new, neutral = [], [], []
    for c in cands:
        if c.measure.named:
            named.setdefault(c.measure.named, []).append(c)
        elif c.measure.cue == "old":
            old.append(c)
        elif c.measure.cue == "new":
            new.append(c)
        else:
            neutral.append(c)
    groups = list(named.values())
    if _describe_the_named_rule(named, old + new + neutral):
        groups[0].extend(old + new + neutral)
        groups[0].sort(key=lambda c: c.start)
        return groups
    by_country = _split_by_country(old + new + neutral)
    if len(by_country) > 1:
        return groups + sorted((sorted(g, key=lambda c: c.start) for g in by_country),
                               key=lambda g: g[0].start)
    if old and new:
        groups += [new + neutral, old]
    else:
        g = old + new + neutral
        if g:
            groups.append(g)
    for g in groups:
        g.sort(key=lambda c: c.start)
    return groups


def _describe_the_named_rule(named: dict[str, list], generic: list) -> bool:
    """True when an article about one named rule or act ("the X Rule") speaks of it by its
    head noun ("the rule", "that rule") and its other measure phrases are plain descriptions
    (no other country, no year): those phrases describe the named rule."""
    if len(named) != 1 or not generic:
        return False
    (name, mentions), = named.items()
    head = name.split()[-1].casefold()
    if head not in control_data()["rule_heads"]:
        return False
    home = mentions[0].measure.country
    if any(c.measure.year or c.measure.country not in (None, home) for c in generic):
        return False
    anaphor = re.compile(rf"(?:the|this|that)\s+(?:new\s+)?{re.escape(head)}", re.I)
    return any(anaphor.fullmatch(c.surface.strip()) for c in generic)


def _split_by_country(cands: list) -> list[list]:
    """Measures of different governments ("the Dutch measures", "U.S. restrictions") are
    different measures; a mention naming no country joins the nearest one before it."""
    cands = sorted(cands, key=lambda c: c.start)
    groups: dict[str, list] = {}
    pending: list = []
    last = None
    for c in cands:
        k = c.measure.country
        if k:
            groups.setdefault(k, []).extend(pending)
            pending = []
            groups[k].append(c)
            last = k
        elif last is None:
            pending.append(c)
        else:
            groups[last].append(c)
    if pending and groups:
        groups[next(iter(groups))].extend(pending)
    return list(groups.values()) if groups else ([pending] if pending else [])


def describe(group: list, targets: list[str]) -> str:
    """A descriptive name for one measure."""
    if group[0].measure.named:
        return group[0].measure.named
    countries = [c.measure.country for c in group if c.measure.country]
    country = max(set(countries), key=countries.count) if countries else None
    adj = control_data()["describe_adjectives"].get(country or "", country or "")
    years = sorted({c.measure.year for c in group if c.measure.year})
    months = [c.measure.month for c in group if c.measure.month]
    cue = "new " if any(c.measure.cue == "new" for c in group) else ""
    name = " ".join(x for x in [adj, f"{cue}export controls on chips"] if x)
    if targets:
        name += " to " + " and ".join(targets[:2])
    when = " ".join(x for x in [months[0].rstrip(".") if months else "", years[0] if years else ""] if x)
    if when:
        name += f" ({when})"
    return name[0].upper() + name[1:]


def _origin_at(text: str, L, start: int) -> bool:
    """Whether the country mention at ``start`` names where goods come from ("chips of U.S.
    origin", "US-made tools"), which says nothing of whom a measure targets."""
    m = next((m for m in L.mentions if m.start == start), None)
    return m is not None and bool(ORIGIN_AFTER.match(text, m.end))


def catalogue_key(group: list[Candidate]) -> str | None:
    """The key of the catalogued measure that ``group`` names, if the text identifies one.

    Today only the named measures of ``data/controls.json`` (the Entity List …) are
    identified; this is the hook where a catalogue linker (``chipgraph.catalogue``) gives a
    described measure ("the October 2022 rules on advanced computing") its catalogue key."""
    named = group[0].measure.named
    return entity_key(named) if named else None


def measures(ctx) -> list[Measure]:
    """Component: the document's measures, from the ExportControl mentions.

    Each cluster gets a descriptive name (its country, cue and date, and a country named
    in its sentences as a target).  A measure the text does not identify gets a key scoped
    to the document (:func:`keys.document_scoped_key`), so look-alike descriptions in two
    documents never merge."""
    groups = cluster_controls([c for c in ctx.candidates if c.type == T.ExportControl])
    # country mentions per sentence, by start: (mention start, position of the entity in ``linked``)
    linked = ctx.linked
    country_at: dict[int, list[tuple[int, int]]] = {}
    for n, L in enumerate(linked):
        if L.entity.type == T.Country and not L.demonym_only:
            for m in L.mentions:
                country_at.setdefault(m.sentence, []).append((m.start, n))
    for v in country_at.values():
        v.sort()
    out: list[Measure] = []
    names: set[str] = set()
    for g in groups:
        # targets named in the measure's own sentences help describe it
        targets: list[str] = []
        for c in g:
            here = country_at.get(c.sentence, [])
            lo, hi = bisect.bisect_left(here, (c.start, -1)), bisect.bisect_left(here, (c.end + 40, -1))
            for n in sorted({n for st, n in here[lo:hi] if not _origin_at(ctx.text, linked[n], st)
                             and not _SOURCE_BEFORE.search(ctx.text, max(c.end, st - 12), st)}):
                L = linked[n]
                if L.entity.name not in targets and L.entity.name != c.measure.country:
                    targets.append(L.entity.name)
        name = describe(g, targets[:1])
        base, n = name, 2
        while entity_key(name) in names:
            name = f"{base} ({n})"
            n += 1
        names.add(entity_key(name))
        key = catalogue_key(g) or document_scoped_key(name, ctx.document.key)
        out.append(Measure(g, key, _entity(g, name, key)))
    return out


def _entity(group: list[Candidate], name: str, key: str) -> Entity:
    aliases: list[str] = []
    for c in group:
        for f in [c.surface, *c.measure.forms]:
            f = f.strip()
            if f and f != name and f not in aliases:
                aliases.append(f)
    # shortest forms first: the scorer and readers see the plainest names first
    aliases.sort(key=lambda f: (len(f.split()), len(f)))
    return Entity(
        key=key, name=name, type=T.ExportControl, aliases=aliases,
        mentions=[Mention(c.start, c.end, c.surface, c.sentence) for c in group],
        confidence=round(max(c.confidence for c in group), 3),
    )
