"""Relations of export-control measures: imposedBy, restricts, targets.

For each measure, the sentences that name it (and sentences with a restricting verb next to
them) are read: governments that impose it (possessors, "by X", subjects of "ban"/"impose"),
the country in its modifiers ("US sanctions"), countries it is aimed at ("to China",
"on China", "in China"), and the chips it bars.  A measure stated by a verb ("the ministry
halted shipments of A to B", see :func:`controls._verbal_mentions`) gives its subject as the
imposer and the chips and targets of its object; countries and firms that face a measure
("A and B would have faced the toughest curbs") are its targets.
"""
from __future__ import annotations

import re
from functools import cache

from ..candidates import RelationHits
from ..coordination import chain
from ..dictionary import alternation, controls, dictionary
from ..terms import P, T
from ..patterns import ORIGIN_AFTER
from .common import verbs

_TO_COUNTRY = re.compile(r"\b(?:to|on|against|in|into|for|toward|towards|including)\s+(?:the\s+)?$|"
                         # "to American rival China", "on its strategic competitor Ruritania"
                         r"\b(?:to|on|against|into|for|toward|towards)\s+(?:the\s+|its\s+|their\s+)?(?:(?:[A-Z][\w.]*|US|U\.S\.)\s+)?"
                         r"(?:(?:strategic|geopolitical|main|chief|key|biggest|top|largest)\s+)?(?:rival|adversary|competitor|foe)\s+$|"
                         r"\b(?:to|on|against|prevent\w*|keep\w*|bar|bars|barr\w*|stop\w*|block\w*|deny\w*|denied)\s+"
                         r"(?:(?:the|other|rival|hostile|adversarial|certain|\w+ern)\s+)*"
                         r"(?:countries|nations|destinations|adversaries|rivals)\s+(?:like|such\s+as|including)\s+$", re.I)
_USE_BEFORE = re.compile(r"\b(?:use|used|using|uses|utiliz\w+|trained|possess\w*|had|has|have|acquired|bought|less\s+powerful\s+than|than)\b[^.]{0,40}$", re.I)


_VERBAL_BAN = re.compile(r"\b(?:banned|bans|barred|bars|blacklisted|restricted|prohibited|blocked|sanctioned|"
                         r"imposed\s+(?:a\s+)?(?:ban|restrictions|curbs|controls|sanctions)|"
                         # "Taiwan has added A and B to its export control list"
                         r"(?:added|adds|placed|put|puts)\s+[^.;]{1,160}?\b(?:to|on)\s+(?:its|their|the|an?)\s+(?:[\w’'-]+\s+){0,5}?(?:list|blacklist))\b", re.I)
# a government named as a preposition's object is not a verb's subject ("curbs against China have blocked")
_OBJECT_OF_PREPOSITION = re.compile(r"\b(?:against|on|to|from|into|with|for|of|at|over|toward|towards)\s+(?:the\s+)?\Z", re.I)
_DEMONSTRATIVE = re.compile(r"^(?:These|Those|They|The\s+chips|Such\s+chips)\b")
# the target as subject of a passive: "A, B and C remain effectively barred",
# "A was also put on the Entity List", "A, a second firm that was later added to ..."
_PASSIVE_TARGET = re.compile(
    r"\)?(?:\s*\([^()]{1,20}\))?"  # "A (ACR), which has been on the list"
    r"(?:,?\s+and\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:subsidiaries|affiliates|units|subcontractors|suppliers)\b)?"
    # "A and 19 other entities deemed to … were added to the list"
    r"(?:,?\s+and\s+(?:\d[\d,]*|[a-z]+)\s+(?:other|more)\s+(?:[\w-]+\s+)?(?:entities|companies|firms|organi[sz]ations|businesses)\b"
    r"(?:\s+[^,.;:]{0,80}?(?=\s+(?:were|are|have|had|was|is)\s))?)?"
    r"(?:\s+(?:is|was|are|were|has|had)\s[^,.;:]{0,80}?\sand(?=\s))?"
    r"(?:,[^,.;:]{0,80}?(?=\s(?:that|which|who)\s))?,?\s*(?:(?:that|which|who)\s+)?"
    r"(?:remain|remains|remained|are|were|is|was|(?:has|have|had)\s+(?:(?:both|all|also|long|already)\s+)?been|will\s+be|would\s+be|would\s+remain|became|become)\s+"
    r"(?:(?:\w+ly|also|itself|themselves|now|still|already|later|too|both|all)\s+)*"
    r"(?:barred|banned|restricted|blacklisted|sanctioned|subject\s+to|added\s+to|placed\s+on|put\s+on|cut\s+off|"
    r"blocked|prohibited|forbidden|targeted|hit|listed|designated|"
    r"on\s+(?:(?:the|a|an|its|their|[A-Z][\w.]*['’]s?)\s+)*(?:[\w.“”\"'’-]+\s+){0,4}?[“\"]?(?i:list|blacklist)\b)", re.I)
# "A was among 140 firms added to the Entity List", "A and B were among those targeted"
_AMONG_LISTED = re.compile(
    r",?\s+(?:is|was|are|were|(?:has|have)\s+been)\s+(?:also\s+)?among\s+(?:the\s+)?(?:[\w,-]+\s+){0,4}?"
    r"(?:added\s+to|placed\s+on|put\s+on|listed|named|targeted|hit|sanctioned|blacklisted|designated|restricted)\b", re.I)
# the firm described as listed: "A, a company on the Entity List", "B, one of the firms added to the list"
_LISTED_APPOSITION = re.compile(
    r"\)?(?:\s*\([^()]{1,20}\))?\s*,\s*(?:a|an|one|another)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:that|which)\s+(?:is|was|has\s+been)\s+(?:also\s+)?)?"
    r"(?:on|listed\s+on|added\s+to|placed\s+on|named\s+on|included\s+on|designated\s+on)\s+"
    r"(?:(?:the|a|an|its|their|[A-Z][\w.]*['’]s?)\s+)*(?:[\w.“”\"'’-]+\s+){0,4}?[“\"]?(?i:list|blacklist)\b")
# a listing verb, then the listed firms: "added 27 companies to its Entity List, including A and B"
_LISTING = re.compile(r"\b(?:added|adds|adding|add|placed|places|blacklisted|blacklists|sanctioned|sanctions|listed|designated|"
                      r"put(?:s|ting)?(?=\s[^.;]{0,80}?\bon\b)|"  # "put 14 firms on the list"
                      r"named(?=\s[^.;]{0,80}?\bto\s+(?:its|the|their)\s+[^.;]{0,40}?\b(?i:list|blacklist)\b))\b", re.I)
# a counted or plural class of firms, then the named ones: "exports to 140 companies, including A"
_COUNTED = re.compile(r"\b(?:to|on|against|with|targets?|targeting|covers?|covering|hits?|hitting)\s+(?:\d[\d,]*|dozens\s+of|hundreds\s+of)\s+(?:(?:new|more|other|[A-Z][\w.]*)\s+)*"
                      r"(?:companies|entities|firms|organi[sz]ations|businesses|chipmakers)\b|"
                      r"\b(?:with|on|against|to)\s+(?:(?:[a-z][\w-]*)\s+)?(?:companies|entities|firms)(?=\s*,?\s+(?:such\s+as|including)\b)")
@cache
def _including() -> re.Pattern:
    """ "including", "such as" before a listed firm, with up to four descriptor words that may
    open with a demonym ("including Korean memory maker A")."""
    dem = alternation(dictionary().demonym_country)
    return re.compile(rf"\b(?:including|such\s+as|among\s+them|namely|alongside|along\s+with|together\s+with)\s+(?:(?i:{dem})\s+)?"
                      rf"(?:(?:[a-z][\w-]*|AI[\w-]*)\s+){{0,4}}$")
# a sentence that goes on with the list of the one before: "The firms include ...", "Among them are ..."
_LIST_GOES_ON = re.compile(
    r"(?:(?:The|These|Those)\s+(?:(?:[\w.-]+\s+){0,2}?)(?:companies|firms|entities|organi[sz]ations|businesses|"
    r"groups|units|subsidiaries|affiliates|chipmakers|suppliers|additions|designations|listings|names)"
    r"(?:\s+(?:named|listed|added|targeted|designated|sanctioned|affected|impacted|hit)(?:\s+(?:[\w-]+\s+){0,3}?[\w-]+)?)?"
    r"|They)\s+(?:also\s+)?(?:include|included|includes|are|were|comprise|comprised)\s+"
    r"(?:(?:[a-z][\w-]*\s+){0,3}(?:such\s+as|like|including)\s+)?|"
    r"Included\s+(?:in|on)\s+(?:the|this|that|its)\s+(?:[\w-]+\s+){0,4}?(?:is|are|was|were)\s+|"
    # "Additions to the list include A", "New entries on the list are B"
    r"(?:(?:The|These|Its|Other|New|Latest|Recent)\s+)?(?:[Aa]dditions|[Ee]ntries|[Dd]esignations|[Ll]istings|[Nn]ames)\s+"
    r"(?:to|on|in)\s+(?:the|this|that|its)\s+(?:[\w-]+\s+){0,3}?(?i:list|blacklist)\s+"
    r"(?:also\s+)?(?:include|included|includes|are|were|comprise)\s+|"
    r"(?:Also\s+)?(?i:remaining|staying|still)\s+on\s+the\s+(?:[\w-]+\s+){0,2}?(?:list|blacklist)\s+(?:is|are|was|were)\s+|"
    r"Among\s+(?:them|those|the\s+(?:[\w-]+\s+){0,3}?[\w-]+)(?:\s+(?:named|listed|added|targeted|designated|sanctioned)"
    r"|\s+(?:that|which|who)\s+(?:[\w-]+\s+){0,3}?[\w-]+)?\s+(?:are|were|is|was)\s+")
# a list that says it is the listing's: "named", "affected by this decision"
_ANCHORED_LIST = re.compile(r"\b(?:named|listed|added|targeted|designated|sanctioned|affected|impacted|hit)\b|"
                            r"\b(?:this|that|the)\s+(?:decision|move|listing|list|action|announcement|designation)\b")
# a chip named as the subject of a ban: "H800s, a version ... before it too was banned"
# ("the A and B chips will be embargoed", "A processors are subject to export restrictions")
_CHIP_BANNED = re.compile(
    r"(?:\s+(?:chips?|processors?|GPUs?|accelerators?|series|models?)\b)?"
    r"(?:[^.;]{0,80}?\b(?:it|they|which)\s+|\s+)(?:(?:too|also|later|itself|then|now|still)\s+)*"
    r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|would\s+be|will\s+be|(?:will|would)\s+(?:now\s+)?be)\s+"
    r"(?:(?:\w+ly|also|too|now|still)\s+)*"
    r"(?:banned|barred|restricted|blocked|prohibited|blacklisted|embargoed|curbed|"
    r"subject\s+to\s+(?:(?:the|these|those|such|new|stricter|tighter|existing|US|U\.S\.|American|export)\s+)*"
    r"(?:restrictions|controls|rules|curbs|bans?|licen[cs]e\s+requirements|licen[cs]ing))\b", re.I)


# a measure's phrase, then the firm it is on: "curbs on A", "controls against B"
_ON_FIRM = re.compile(r"\s+(?:(?:imposed|placed)\s+)?(?:on|against)\s+(?:the\s+)?")
# a named list, then what it holds: "the X List (which ...) currently includes gear produced by"
_LIST_HOLDS = re.compile(r"\s*(?:\([^()]{0,80}\)\s*)?,?\s*(?:(?:now|currently|also|already)\s+)?"
                         r"(?:includes|included|lists|listed|names|named|covers|covered|contains)\s+"
                         r"(?:(?:[a-z][\w-]*)\s+){0,4}?(?:(?:produced|made|supplied|sold)\s+by\s+|from\s+)?(?:the\s+)?")
_NOT_DESCRIPTOR = r"(?:that|to|in|on|by|for|with|as|if|when|while|it|its|their|his|her|from|into|of|about)\s"


@cache
def _listing_before() -> re.Pattern:
    """A listing verb before a firm, through earlier members of its list and the descriptors
    of the firm: "added A, B and C", "designated Korean memory maker D", "put China's E"."""
    dem = alternation(dictionary().demonym_country)
    return re.compile(
        r"\b(?:add|added|adds|adding|blacklist|blacklisted|sanction|sanctioned|placed|banned|designate|designated|designates|designating|"
        r"put|puts|putting|targets|targeted|targeting|(?<=to\s)target|named|"
        r"(?:inclusion|addition|designation|listing|placement|blacklisting)s?\s+of)\s+(?:[\w\s.,&-]{0,60}?(?:,|\band)\s+)?"
        rf"(?:(?:the|a|an)\s+)?(?:(?i:{dem})\s+|[A-Z][\w.]*['’]s\s+)?"
        rf"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?-(?:backed|based|owned|controlled|linked|affiliated|founded)\s+)?"
        rf"(?:(?!{_NOT_DESCRIPTOR})[a-z][\w-]*\s+){{0,4}}$")


# "named A to its Entity List": "named" lists only when the list follows
_TO_LIST_AFTER = re.compile(r"[^.;]{0,80}?\bto\s+(?:its|the|their)\s+[^.;]{0,40}?\b(?i:list|blacklist)\b")
# who pushed for a measure is not who imposed it
_PRESSURE = re.compile(r"\b(?:pressure|urging|request|requests|lobbying|push|calls?|demands?)\b", re.I)
# a name inside a compound modifier ("A-backed start-up B"): A describes B and is not listed
_BACKER = re.compile(r"(?:[ \u00a0][A-Z][\w.]*)?-(?:backed|owned|controlled|linked|affiliated|founded|based|funded)\b")


def _makes_goods(text, end) -> bool:
    """Whether the firm ending at ``end`` holds goods in a measure's object ("curbs on A's
    chips": A makes what is restricted), not something of its own that is targeted."""
    owned = re.match(r"['’]s?\s+([\w-]+)(?:\s+([\w-]+))?", text[end:end + 40])
    return bool(owned) and not any(w and _possessions().fullmatch(w) for w in owned.groups())


def _list_ends(text, items):
    """``(mention, members)`` for each country or firm that ends a list of its type ("A, B and
    C": C with the indices of A, B and C), or stands alone."""
    for i, (c, e) in enumerate(items):
        if e.type not in (T.Country, T.Company, T.Organization) or c.kind == "demonym":
            continue
        members = chain(items, i, text, (e.type,))
        if members[-1] == i:
            yield c, members


def _passive_targets(text, items, found, key, si) -> None:
    """Countries and firms that are the subject of a passive restriction in sentence ``si``."""
    for c, members in _list_ends(text, items):
        if _PASSIVE_TARGET.match(text, c.end) or _LISTED_APPOSITION.match(text, c.end) or _AMONG_LISTED.match(text, c.end):
            for j in members:
                found.add(key, P.targets, items[j][1].key, si, (items[j][0].start, c.end), 0.65)


# the targets as subject of "face": "A and B would have faced the strictest controls"
_FACING = re.compile(r",?\s*(?:(?:would|will|could|may|might|now|also|still|already|have|has|had)\s+)*"
                     r"(?:face|faces|faced|facing|see|sees|saw|seen|suffer|suffered|endure|endured)\s+"
                     r"(?!no\b|none\b)(?:[\w-]+\s+){0,4}$", re.I)


def _object_targets(text, items, mentions, found, key, si) -> None:
    """Countries and firms that are the object of the measure's own verb in sentence ``si``:
    "the sanctions hit A and B", "the rules aim to stop China from buying …", "the curbs
    target DEMONYM chipmakers such as A" (a seller kept from selling is no target)."""
    verb = _target_verb()
    for m in mentions:
        v = verb.match(text, m.end)
        if not v:
            continue
        for i, (c, e) in enumerate(items):
            if c.start < v.end() or e.type not in (T.Country, T.Company, T.Organization) or c.kind == "demonym":
                continue
            if c.start - v.end() > 80 or not _OBJECT_GAP.fullmatch(text, v.end(), c.start):
                break
            for j in chain(items, i, text, (e.type,)):
                # not a seller kept from selling, nor the owner of what is hit ("hit A's sales")
                if not _SELLER_AFTER.match(text, items[j][0].end) and not re.match(r"['’]s?\s", text[items[j][0].end:items[j][0].end + 3]):
                    found.add(key, P.targets, items[j][1].key, si, (m.start, items[j][0].end), 0.65)
            break


    # "suppliers need a licence to sell to A": whom the licence is for
    for i, (c, e) in enumerate(items):
        if e.type in (T.Company, T.Organization) and mentions and \
                _LICENCE_TO.search(text, max(0, c.start - 120), c.start):
            for j in chain(items, i, text, (e.type,)):
                found.add(key, P.targets, items[j][1].key, si, (max(0, c.start - 120), items[j][0].end), 0.6)


_LICENCE_TO = re.compile(r"\blicen[cs]es?\s+(?:[\w-]+\s+){0,3}?(?:to|before|for)\s+(?:selling|sell|exporting|export|shipping|ship|"
                         r"supplying|supply|sales|exports|shipments|transfers?)\s+(?:[\w-]+\s+){0,4}?to\s+(?:the\s+)?\Z", re.I)


@cache
def _target_verb() -> re.Pattern:
    return re.compile(r"\s+(?:(?:would|will|could|may|also|now|further|effectively|directly|largely|mainly|only)\s+)*"
                      r"(?:(?:aims?|aimed|seeks?|sought|intended|designed|meant|is|are|were|was)\s+(?:to\s+)?)*"
                      rf"(?:{alternation(controls()['target_verbs'])})\s+", re.I)


# between a measure's verb and its object: determiners, descriptors, "such as"; no clause break
_OBJECT_GAP = re.compile(r"(?:(?:the|its|their|a|an|all|some|several|many|\d+|(?!(?:by|to|from|of|for|with|in|on|at|that|which|who|and|or|but)\b)[a-z][\w-]*(?<!ed)|[A-Z][\w.]*(?:['’]s)?)\s+){0,4}?"
                         r"(?:(?:such\s+as|including|like|among\s+them)\s+)?|")
_SELLER_AFTER = re.compile(r"\s+(?:and\s+(?:[\w-]+\s+){1,3})?from\s+(?:selling|exporting|shipping|supplying|providing|sending)\b")


def _facing_targets(text, items, mentions, found, key, si) -> None:
    """Countries and firms that face the measure named after them in sentence ``si``."""
    for c, members in _list_ends(text, items):
        nxt = next((m for m in mentions if m.start >= c.end), None)
        if nxt is not None and nxt.start - c.end < 80 and _FACING.fullmatch(text, c.end, nxt.start) and \
                not re.search(r"\bno\s", text[c.end:nxt.start]):
            for j in members:
                found.add(key, P.targets, items[j][1].key, si, (items[j][0].start, nxt.end), 0.65)


def _listed_targets(text, sent, items, found, key, si) -> None:
    """Firms named after a listing verb through "including"/"such as", and their coordinates."""
    for v in (*_LISTING.finditer(sent.text), *_COUNTED.finditer(sent.text)):
        vpos = sent.start + v.end()
        for i, (c, e) in enumerate(items):
            if c.start < vpos or e.type not in (T.Company, T.Organization):
                continue
            gap = text[vpos:c.start]
            if re.search(r"[.;:]|\b(?:said|says|told|according)\b", gap) or len(gap) > 160:
                break
            if _including().search(gap):
                for j in chain(items, i, text, (T.Company, T.Organization)):
                    found.add(key, P.targets, items[j][1].key, si, (sent.start + v.start(), items[j][0].end), 0.65)


def _continued_list(text, sent, items, found, key, si) -> bool:
    """A list of the firms a listing names, carried into the next sentence: "The companies
    include A and B", "Among those named were A, B and C"."""
    m = _LIST_GOES_ON.match(sent.text)
    if not m:
        return False
    start = sent.start + m.end()
    for i, (c, e) in enumerate(items):
        if e.type in (T.Company, T.Organization) and c.start >= start:
            if not re.fullmatch(r"\s*(?:(?:[a-z][\w-]*|AI[\w-]*|\([A-Z]{2,6}\))\s+){0,5}", text[start:c.start]):
                return False
            for j in chain(items, i, text, (T.Company, T.Organization)):
                found.add(key, P.targets, items[j][1].key, si, (sent.start, items[j][0].end), 0.6)
            return True
    return False


def _chip_bans(text, items, found, key, si) -> None:
    """Chips that are the subject of a ban in sentence ``si`` ("A was banned", "the A and B
    chips will be embargoed": every member of the list before the verb)."""
    chips = [(c, e) for c, e in items if e.type == T.Chip]
    for n, (c, e) in enumerate(chips):
        nxt = chips[n + 1][0].start if n + 1 < len(chips) else None
        m = _CHIP_BANNED.match(text, c.end)
        if m and (nxt is None or m.end() <= nxt):
            for j in chain(chips, n, text, (T.Chip,)):
                if j <= n:
                    found.add(key, P.restricts, chips[j][1].key, si, (chips[j][0].start, m.end()), 0.6)


def measure_relations(ctx) -> RelationHits:
    """Component: imposedBy, restricts and targets of the document's measures (see the
    module docstring), then the sentences that speak of the last measure named."""
    hits = RelationHits()
    if ctx.measures:
        groups = [m.mentions for m in ctx.measures]
        keys = [m.key for m in ctx.measures]
        _named_in_sentence(ctx.text, ctx.sentences, ctx.by_sentence, groups, keys, ctx.countries, hits)
        _anaphoric(ctx.text, ctx.by_sentence, groups, keys, hits, ctx.sentences)
    return hits


def _named_in_sentence(text, sentences, per_sent, groups, keys, country_entity, found) -> None:
    d = dictionary()
    impose, restrict, decree = verbs("impose_verbs"), verbs("restrict_triggers"), verbs("decree_verbs")
    primary = max(range(len(groups)), key=lambda i: (any(c.measure.cue == "new" for c in groups[i]), len(groups[i])))
    # sentences where a government bans by verb ("the US government banned X from selling ...")
    verbal: dict[int, list] = {}
    for si, items in per_sent.items():
        for c, e in items:
            if e.type in (T.GovernmentBody, T.Country) and c.kind != "demonym":
                m = re.match(r"\)?\s*(?:(?:has|have|had|also|reportedly|\w+ly|on\s+\w+day)\s+)*", text[c.end:c.end + 40])
                rest = text[c.end + m.end():c.end + m.end() + 240]
                if _VERBAL_BAN.match(rest) and not _OBJECT_OF_PREPOSITION.search(text, max(0, c.start - 20), c.start):
                    verbal.setdefault(si, []).append((c, e))
    # a sentence that states another measure by its verb is that measure's, not the primary's
    stated = {c.sentence: gi for gi, g in enumerate(groups) for c in g if c.measure.objects is not None}
    for gi, (group, key) in enumerate(zip(groups, keys)):
        extra = {si for si in verbal if stated.get(si, gi) == gi} if gi == primary else set()
        sents = sorted({c.sentence for c in group} | extra)
        in_sentence: dict[int, list] = {}  # the group's mentions by sentence
        for c in group:
            in_sentence.setdefault(c.sentence, []).append(c)
        countries = [c.measure.country for c in group if c.measure.country]
        home = max(set(countries), key=countries.count) if countries else None
        agency = next((c.measure.agency for c in group if c.measure.agency), None)
        agents: set[str] = set()
        # pass 1: who imposed it
        for si in sents:
            items = per_sent.get(si, [])
            mentions = in_sentence.get(si, [])
            for c, e in items:
                if e.type not in (T.GovernmentBody, T.Country) or c.kind == "demonym":
                    continue
                if e.type == T.Country and c.kind != "capital" and not any(c is v[0] for v in verbal.get(si, [])):
                    continue  # a country imposes by a verb; its capital stands for its government
                inside = (e.type == T.GovernmentBody or c.kind == "capital") and any(m.start <= c.start and c.end <= m.end for m in mentions)
                # "curbs imposed by A", not "curbs agreed after pressure from A"
                after_by = any(0 <= c.start - m.end < 40 and re.search(r"\b(?:by|under|in|from)\s+(?:the\s+)?$", text[m.end:c.start])
                               and not _PRESSURE.search(text, m.end, c.start) for m in mentions)
                imposing = any(c is v[0] for v in verbal.get(si, []))
                if home and e.type == T.GovernmentBody and e_country(e) not in (None, home):
                    continue  # another government's body ("a week after Japan's ministry added ...")
                # the subject of an imposing verb, alone or first of two ("A and the B issued …")
                nxt = next((c2.end for c2, e2 in items if c2.start > c.end and e2.type == T.GovernmentBody and
                            _AND_GAP.fullmatch(text, c.end, c2.start)), None)
                for at in (c.end, nxt) if nxt else (c.end,):
                    subj = _SUBJECT_VERB.match(text, at, at + 60)
                    imposing = imposing or bool(subj and impose.fullmatch(subj.group(1) or "") and subj.group(1) != "by")
                possessor = re.match(r"['’]s?\s", text[c.end:c.end + 3]) and any(0 <= m.start - c.end < 40 or m.start <= c.start for m in mentions)
                its = any((re.match(r"(?:its|their)\s", m.surface, re.I) or
                           re.search(r"\b(?:its|their)\s+(?:own\s+|so-called\s+)?\Z", text[max(0, m.start - 20):m.start], re.I))
                          and c.end <= m.start and
                          not re.search(r"[.;]", text[c.end:m.start]) and
                          not any(e2.type == T.GovernmentBody and c.end <= c2.start and c2.end <= m.start
                                  for c2, e2 in items)
                          for m in mentions)
                # "the ministry stipulated on DATE that exports of X require a permit": a body
                # stating the requirement it sets (the requirement is the clause's own verb)
                decreeing = e.type == T.GovernmentBody and bool(subj) and decree.fullmatch(subj.group(1) or "") and any(
                    m.measure.objects is not None and m.start > c.end and
                    m.measure.country in (None, e_country(e)) and
                    _THAT_CLAUSE.fullmatch(text, subj.end(1), m.start) for m in mentions)
                if inside or after_by or imposing or possessor or its or decreeing:
                    found.add(key, P.imposedBy, e.key, si, (c.start, c.end), 0.75)
                    agents.add(e.key)
                    home = home or e_country(e)
        # a later sentence that goes back to the listing: "The firms affected by this decision
        # also include A and B" (for the article's main measure, from sentences no measure names)
        if gi == primary and any(_LISTING.search(sentences[si].text) for si in sents):
            named_anywhere = {c.sentence for g in groups for c in g}
            for sj in range(sents[0] + 1, len(sentences)):
                if sj not in named_anywhere and _ANCHORED_LIST.search(
                        (m := _LIST_GOES_ON.match(sentences[sj].text)) and m.group() or ""):
                    _continued_list(text, sentences[sj], per_sent.get(sj, []), found, key, sj)
        # pass 2: whom it targets
        for si in sents:
            sent = sentences[si]
            items = per_sent.get(si, [])
            mentions = in_sentence.get(si, [])
            _passive_targets(text, items, found, key, si)
            _facing_targets(text, items, mentions, found, key, si)
            _object_targets(text, items, mentions, found, key, si)
            _listed_targets(text, sent, items, found, key, si)
            _continued_list(text, sent, items, found, key, si)  # "Included in the list is A"
            if si + 1 < len(sentences) and si + 1 not in in_sentence and _LISTING.search(sent.text):
                # the list may go on over two sentences ("The additions include A. Among the
                # firms they joined are B.")
                sj = si + 1
                while sj < len(sentences) and sj < si + 3 and sj not in in_sentence and \
                        _continued_list(text, sentences[sj], per_sent.get(sj, []), found, key, sj):
                    sj += 1
            for i, (c, e) in enumerate(items):
                if e.type == T.Country and e.name != home and c.kind != "demonym":
                    members = chain(items, i, text, (T.Country,))
                    head = items[members[0]][0]  # "to China and Hong Kong": the list's first member
                    left = text[max(sent.start, head.start - 60):head.start]
                    # (not a country of origin: "exports of US AI chips", "chips of US origin")
                    in_np = any(m.start < c.start and c.end < m.end for m in mentions) and not ORIGIN_AFTER.match(text, c.end) \
                        and not _origin_goods(text, c.end)
                    if _TO_COUNTRY.search(left) or re.search(r"\(\s*(?:including\s+|and\s+|or\s+)?$", left) or in_np:
                        found.add(key, P.targets, e.key, si, (c.start, c.end), 0.7)
                if e.type == T.Company:
                    for m in mentions:
                        if m.start < c.start < m.end and re.search(r"\b(?:on|against)\s+(?:the\s+)?$", text[m.start:c.start]) \
                                and not _goods_after().match(text, c.end):
                            found.add(key, P.targets, e.key, si, (m.start, m.end), 0.6)
                        elif m.end <= c.start and _ON_FIRM.fullmatch(text, m.end, c.start) and not _makes_goods(text, c.end) \
                                and not _goods_after().match(text, c.end):
                            # "imposed curbs on A and its units B and C"
                            members = chain(items, i, text, (T.Company, T.Organization))
                            for j in members[members.index(i):]:
                                found.add(key, P.targets, items[j][1].key, si, (m.start, items[j][0].end), 0.6)
                    for m in mentions:
                        if m.measure.named and m.end <= c.start and _LIST_HOLDS.fullmatch(text, m.end, c.start):
                            # "the X List now includes equipment made by A, B and C"
                            for j in chain(items, i, text, (T.Company, T.Organization)):
                                found.add(key, P.targets, items[j][1].key, si, (m.start, items[j][0].end), 0.6)
                    lb = _listing_before().search(text, max(sent.start, c.start - 120), c.start)
                    if lb and not _BACKER.match(text, c.end) and (
                            not lb.group().lower().startswith("named") or _TO_LIST_AFTER.match(text, c.end)):
                        # "added A and its subsidiaries B and C": the firms coordinated after A too
                        members = chain(items, i, text, (T.Company, T.Organization))
                        for j in members[members.index(i):]:
                            found.add(key, P.targets, items[j][1].key, si, (c.start, items[j][0].end), 0.65)
        _verbal(text, per_sent, group, key, home, found)
        # chips restricted: in a measure's sentence (or the next one, "These chips ...")
        cand_sents = set(sents)
        for si in sents:
            # the next sentence, or the one after a short aside that names no chip ("A reported this.")
            aside = si + 1 < len(sentences) and len(sentences[si + 1].text) < 80 and \
                not any(e.type == T.Chip for _, e in per_sent.get(si + 1, ()))
            nxt = si + 2 if aside else si + 1
            for sj in dict.fromkeys((si + 1, nxt)):
                if sj < len(sentences) and _DEMONSTRATIVE.match(sentences[sj].text):
                    cand_sents.add(sj)
        for c in group:
            # a chip inside the measure's own phrase: "the H20 ban", "curbs on H100 sales"
            for c2, e2 in per_sent.get(c.sentence, ()):
                if e2.type == T.Chip and c.start <= c2.start and c2.end <= c.end:
                    found.add(key, P.restricts, e2.key, c.sentence, (c.start, c.end), 0.7)
        for si in sorted(cand_sents):
            sent = sentences[si]
            trig = restrict.search(sent.text) or (_DEMONSTRATIVE.match(sent.text) if si not in sents else None)
            if not trig:
                continue
            for c, e in per_sent.get(si, []):
                if e.type != T.Chip or c.start < sent.start + trig.start():
                    continue
                if _USE_BEFORE.search(text[sent.start:c.start]):
                    continue
                found.add(key, P.restricts, e.key, si, (sent.start + trig.start(), c.end), 0.7)
        # the imposing country, and the agency of a named list, when nothing else was found
        if home and not agents:
            k = country_entity(home, create=False)
            if k:
                found.add(key, P.imposedBy, k, sents[0], (group[0].start, group[0].end), 0.6)
        if agency:
            k = d.by_name.get(agency.casefold())
            if k is not None and country_entity.has(k.key):
                found.add(key, P.imposedBy, k.key, sents[0], (group[0].start, group[0].end), 0.6)


# before a target in a measure's object: "to China", "on A", "(including B"
_TARGET_BEFORE = re.compile(r"(?:\b(?:to|on|against|into|for|including|allowed|allowing|let|letting)\s+(?:the\s+)?(?:both\s+|either\s+)?|\(\s*)$", re.I)
# a chip's maker before it ("sales of A's B"), or a firm as the source of what is restricted
_MAKER_BEFORE = re.compile(r"\b(?:by|from|made\s+by|of)\s+(?:the\s+)?$", re.I)


def _origin_goods(text: str, end: int) -> bool:
    """Goods right after a country, as the head of their phrase ("exports of US AI chips"), not
    as a modifier of a measure's noun ("the China chip controls": aimed at the country)."""
    g = _goods_after().match(text, end)
    return bool(g) and not _MEASURE_NOUN_AFTER.match(text, g.end())


_MEASURE_NOUN_AFTER = re.compile(r"[ \u00a0]+(?:export[ \u00a0]+)?(?:controls?|curbs?|rules?|restrictions?|bans?|limits?|sanctions?|embargo)\b", re.I)


@cache
def _goods_after() -> re.Pattern:
    """Goods right after a firm's name ("A chips", "A AI chips", "A's latest machines"; not "let A
    buy chips")."""
    return re.compile(rf"(?:['’]s?[ \u00a0]+(?:[a-z][\w-]*[ \u00a0]+)?|[ \u00a0]+(?:(?:AI|[A-Z][\w-]*)[ \u00a0]+)?)"
                      rf"(?:{alternation(controls()['goods_nouns'])})\b")


@cache
def _possessions() -> re.Pattern:
    """What a targeted firm holds in a measure's object ("A's access", "B's purchases")."""
    return re.compile(alternation(controls()["target_possessions"]), re.I)


def _verbal(text, per_sent, group, key, home, found) -> None:
    """The measures stated by a verb (``MeasureFacts.imposer``/``objects``, see
    :func:`controls._verbal_mentions`): the verb's subject imposed it; in its object, the chips
    are restricted and the countries and firms it is aimed at are targeted ("halted sales of
    A's B to C": B restricted, C targeted; A is B's maker, not a target)."""
    for m in group:
        f = m.measure
        if f.objects is None:
            continue
        items = per_sent.get(m.sentence, [])
        if f.imposer is not None:
            for c, e in items:
                if (c.start, c.end) == f.imposer or f.imposer[0] <= c.start and c.end <= f.imposer[1] and \
                        e.type in (T.GovernmentBody, T.Country):
                    found.add(key, P.imposedBy, e.key, m.sentence, (c.start, f.objects[1]), 0.75)
                    break
        lo, hi = f.objects
        inside = [(i, c, e) for i, (c, e) in enumerate(items) if lo <= c.start and c.end <= hi]
        for n, (i, c, e) in enumerate(inside):
            before = text[max(lo, c.start - 30):c.start]
            if e.type == T.Chip:
                if not _USE_BEFORE.search(text[lo:c.start]):
                    found.add(key, P.restricts, e.key, m.sentence, (m.start, c.end), 0.7)
                continue
            if c.kind == "demonym" or re.match(r"-\w", text[c.end:c.end + 2]) or ORIGIN_AFTER.match(text, c.end):
                continue  # "Chinese", "US-made": a modifier, not a target
            nxt = inside[n + 1] if n + 1 < len(inside) else None
            owns_chip = nxt is not None and nxt[2].type == T.Chip and re.fullmatch(r"(?:['’]s?)?\s*", text[c.end:nxt[1].start])
            if e.type == T.Country:
                if e.name == home and not _TARGET_BEFORE.search(before):
                    continue
                possessor = re.match(r"['’]s?\s", text[c.end:c.end + 3])
                listed = any(_TARGET_BEFORE.search(text[max(lo, items[j][0].start - 30):items[j][0].start])
                             for j in chain(items, i, text, (T.Country,)))
                if (listed or possessor) and not owns_chip:
                    found.add(key, P.targets, e.key, m.sentence, (m.start, c.end), 0.7)
            elif e.type in (T.Company, T.Organization):
                if owns_chip or _MAKER_BEFORE.search(before) and not _TARGET_BEFORE.search(before):
                    continue
                if _goods_after().match(text, c.end):
                    continue  # "to buy A chips", "curbs on A machines": A makes the goods
                owned = re.match(r"['’]s?\s+([\w-]+)(?:\s+([\w-]+))?", text[c.end:c.end + 40])
                if owned and not any(w and _possessions().fullmatch(w) for w in owned.groups()):
                    continue  # "licences for A's machines": A makes what is restricted
                found.add(key, P.targets, e.key, m.sentence, (m.start, c.end), 0.65)


# "X has also banned", "X on Friday expanded", "X last week added": the verb after a subject
# from a decree verb to the requirement that opens its that-clause (not "said that despite
# knowing licences were required …", a prosecutor's account)
_THAT_CLAUSE = re.compile(r"(?:\s+(?:on|in|last|this)\s+[\w,]+(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?\s+that\s+")
_AND_GAP = re.compile(r",?\s+(?:and|&)\s+(?:the\s+)?")
_SUBJECT_VERB = re.compile(r"\s+(?:(?:on|last|this|earlier)\s+(?:[A-Z]\w+|week|month|year)\s+)?"
                           r"(?:has\s+been\s+|have\s+been\s+|had\s+|has\s+|also\s+)?(?:\w+ly\s+)?(\w+)")


def _anaphoric(text, per_sent, groups, keys, found, sentences) -> None:
    """Sentences that name no measure but state a ban ("they were subject to caps", "before it
    too was banned") or a listing ("The agency also added A and B") speak of the measure
    mentioned last before them (two sentences back at most)."""
    named_in = {c.sentence for g in groups for c in g}
    last: dict[int, str] = {}
    for g, k in zip(groups, keys):
        for c in g:
            if c.sentence not in last or c.start > 0:
                last.setdefault(c.sentence, k)
    for si, items in per_sent.items():
        if si in named_in:
            _chip_bans(text, items, found, last[si], si)
            continue
        prev = si - 1 if si - 1 in named_in else si - 2 if si - 2 in named_in else None
        key = last[prev] if prev is not None else None
        if key is None:
            continue
        _passive_targets(text, items, found, key, si)
        _chip_bans(text, items, found, key, si)
        if _LISTING.search(sentences[si].text):
            _listed_targets(text, sentences[si], items, found, key, si)
            for i, (c, e) in enumerate(items):
                if e.type in (T.Company, T.Organization) and \
                        (lb := _listing_before().search(text, max(sentences[si].start, c.start - 120), c.start)) and \
                        (not lb.group().lower().startswith("named") or _TO_LIST_AFTER.match(text, c.end)) and \
                        not _BACKER.match(text, c.end):
                    members = chain(items, i, text, (T.Company, T.Organization))
                    for j in members[members.index(i):]:
                        found.add(key, P.targets, items[j][1].key, si, (c.start, items[j][0].end), 0.6)


def e_country(e) -> str | None:
    entry = dictionary().by_name.get(e.name.casefold())
    return entry.country if entry is not None else None
