"""People: capitalised name sequences accepted on contextual evidence.

There is no statistical NER here.  A sequence of two to four capitalised tokens becomes a
Person when the sentence around it says so: a title before it ("Commerce Secretary Gina
Raimondo", "Reps. X and Y"), an apposition with a role after it ("X, a tech analyst for Y",
"X, CEO of Y"), a speech verb ("X said", "said X", "X told"), a party tag ("X, R-Wis."),
or coordination with an accepted person.  Later single surnames link to the full name.
"""
from __future__ import annotations

import re
from functools import cache

from .candidates import Candidate
from .dictionary import alternation, dictionary, lexicon
from .patterns import PARTY_TAG, speech_verbs
from .scan import whole_words
from .spans import Spans
from .terms import T

# a bare initial ("K Surname") opens a name: a capital other than the words "A" and "I"
_BARE_INITIAL = re.compile(r"[B-HJ-Z]")
_TOK = (r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z]+)?|[A-Z]\.(?:[A-Z]\.)?|(?:Mc|Mac|O['’])[A-Z][a-z]+"
        r"|(?<![\w.'’-])[B-HJ-Z](?=[ \u00a0][A-Z][a-z]))")
_SEQ = re.compile(rf"{_TOK}(?:[ \u00a0]+{_TOK})*")
_NONSPACE = re.compile(r"\S+")
_OF_FIRM = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?")
_AGE = re.compile(r"^,\s*\d{1,3}\s*,")
# a generational suffix after a name: "A B Jr.", "A B, Sr.", "A B III"
_NAME_SUFFIX = re.compile(r",?[ \u00a0](?:Jr\.|Sr\.|Jr\b|Sr\b|II\b|III\b|IV\b)")
# a quoted nickname between two name words: " “Jay” " or ' "Jay" '
_NICKNAME = re.compile(r"(?<=[a-z])[ \u00a0][“\"‘'][A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?[”\"’'][ \u00a0](?=[A-Z][a-z])")  # "Kevin Tsai, 34, and ..."


@cache
def _lex():
    lx = lexicon()
    speech = speech_verbs()
    titles = alternation(lx["titles_before_name"])
    roles = alternation(lx["role_nouns"])
    # roles that only a person holds ("a partner of", "a member of" may be a firm or a state)
    personal = alternation([r for r in lx["role_nouns"] if r not in lx["role_nouns_shared_with_organizations"]])
    firm_only = [w for w in lx["company_descriptors"] + lx["org_descriptors"] if w not in lx["descriptors_shared_with_people"]]
    return {
        # "X, a media platform", "X, an aircraft production firm": what no person is
        # (the words before the noun hold no relative pronoun and no personal role: "X, a lawyer who
        # represents exporters" is a person)
        "org_apposition": re.compile(rf"^\s*,\s*(?:a|an|the)\s+(?:(?!(?:who|whose|that|which|{personal})s?\b)[\w-]+\s+){{0,3}}?(?:{alternation(firm_only)})s?"
                                    rf"(?=\s*[,.;:)\u2013\u2014]|\s*$|\s+(?:that|which|based|headquartered|affiliated|owned|backed|founded|known|in|from)\b)"),
        "stop_first": set(lx["person_stop_first"]),
        # "Hangzhou-based", "US-backed": a compound adjective before a name is no word of it
        "compound_adj": re.compile(rf"^[\w.’'-]+-(?:{'|'.join(map(re.escape, lx['compound_adjective_suffixes']))})$"),
        "honorifics": sorted((h.split() for h in lx["honorifics"]), key=len, reverse=True),
        "given_first": {tuple(h.split()) for h in lx["honorifics_given_name_first"]},
        "single_honorific": set(lx["honorifics_single_name"]),
        "kept_honorific": set(lx["honorifics_kept_in_name"]),
        "title_words": set(lx["title_words_in_run"]),
        # "the Ministry of Trade and Development Cooperation said": the tail of a body's name
        "body_tail": re.compile(rf"\b(?:{alternation(lx['institution_heads'])})\s+(?:of|for)\s+(?:(?:[A-Z][\w'’-]*|of|for|and|the)\s+)*$"),
        "not_person": set(lx["not_person_tokens"]) | set(lx["company_suffixes"]) - {"AI"},
        # a firm's suffix joined to a word ("NanoSystems", "MicroElectronics")
        "joined_suffix": re.compile(rf"[A-Z][a-z]+(?:{alternation([w for w in lx['company_suffixes'] if len(w) >= 4 and re.fullmatch(r'[A-Z][a-z]+', w)])})"),
        # a news outlet's head word ends no person's name ("the Varda Herald"), except the heads
        # that are also surnames ("Post", "Standard") or common nouns read elsewhere ("Report")
        "not_last": set(lx["not_person_last_tokens"]) | (set(lx["outlet_heads"]) - set(lx["outlet_heads_person_may_end_with"]))
        | set(lx["government_words_ending_no_person"]),  # "the Office of Zorb Safety"
        # one or more lower-case particles inside a name: "de Groot", "van der Berg"
        "particle": re.compile(rf"[ \u00a0](?:(?:{'|'.join(map(re.escape, lx['name_particles']))})[ \u00a0])+(?=[A-Z])"),
        # "X, a former Bureau of Export Affairs enforcement official": a role within reach
        "apposition_long": re.compile(rf"^\s*,\s*(?:a|an|the|who\s+is|who\s+was)\s+[^,.;“”\"]{{0,80}}?\b(?:{roles})s?\b", re.I),
        "speech_right": re.compile(rf"^\s+(?:{speech})\b"),
        # "X, a Canadian citizen,", "X, also a PRC national, lives …": what only a person is
        # ("national" as a noun: before a comma or "of/who/living …", not "a national champion")
        "status_apposition": re.compile(
            rf"^\s*,\s*(?:also\s+|both\s+)?(?:a|an|another)\s+(?:[\w.’'-]+\s+){{0,3}}?"
            rf"(?:(?:{alternation(lx['person_status_nouns'])})\b|national(?=\s*[,.;]|\s+(?:of|from|who|living|residing|based|in|and)\b))"),
        # "X, who …": a relative pronoun for people; "X is a senior fellow at …"
        "relative_who": re.compile(r"^\s*,\s*who\s+(?:is|was|has|had|heads|leads|runs|ran|now|also|serves|works|teaches|"
                                   r"lectures|joined|left|spent|used|helped|oversees|oversaw|directs|chairs|founded|"
                                   r"co-founded|previously|formerly|once|until|became)\b"),
        "copula_role": re.compile(rf"^\s+(?:is|was|has\s+been|became|remains)\s+(?:(?:also|now|still)\s+)?(?:a|an|the)\s+"
                                  rf"(?:[\w-]+\s+){{0,4}}?(?:{personal})s?\s+(?:of|at|for|with|in)\s", re.I),
        "speech_after": re.compile(rf"^,?\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+|previously\s+)?(?:{speech}|was\s+quoted\s+as\s+saying|contributed|reported|wrote|says|thinks|believes|expects)\b"),
        "speech_before": re.compile(rf"\b(?:{speech}|[Aa]ccording\s+to)\s*,?\s*$"),
        "title_before": re.compile(rf"(?:^|\W)(?:{titles})\s*(?:[A-Z][\w.&-]*\s+){{0,1}}$"),
        # a title with its portfolio: "Under Secretary of Commerce for Industry and Trade X"
        "title_portfolio": re.compile(rf"(?:^|\W)(?:{titles})\s+(?:of|for)\s+(?:the\s+)?(?:(?:[A-Z][\w.&'’-]*|and|of|for|the)\s+){{1,6}}"
                                     rf"(?:\([A-Z][A-Za-z&]{{1,6}}\)\s+)?$"),
        # "founded by A B", "a letter signed by A B": the agent of a person's act
        "modifier_noun": re.compile(rf"[ \u00a0]+(?:{alternation([w.casefold() for w in lx['title_heads_after_name']] + lx['nouns_after_name_as_modifier'])})\b"),
        "agent_before": re.compile(rf"\b(?:{alternation(lx['agent_phrases_before_name'])})\s+$"),
        # "…, penned by its vice president of public affairs, A B.": a role, then the name
        "role_then_name": re.compile(rf"\b(?:{roles})s?\b[^,.;:“”\"()]{{0,60}},\s*$", re.I),
        # "the board appointed A B as chief executive", "hired A B as its new CFO": a post given to a person
        "appointed": re.compile(rf"\b(?:appointed|appoints|hired|hires|named|names|promoted|picked|tapped)\s+$"),
        "as_role": re.compile(rf"^\s*(?:,\s*(?:a|an|the)\s+[^,]{{0,60}},\s*)?(?:as\s+)?(?:(?:its|their|the|a)\s+)?(?:new\s+|next\s+|interim\s+|acting\s+)?(?:{personal})\b", re.I),
        # "sales managers A B and C D", "analysts A B": a plural role right before the name
        "roles_before": re.compile(rf"\b(?:{personal})s[ \u00a0]+$"),
        "title_before_strict": re.compile(rf"(?:^|[^\w])(?:{titles})\s+$"),
        "apposition": re.compile(
            rf"^\s*,\s*(?:(?:who|which)\s+(?:is|was|serves\s+as)\s+)?(?:(?:a|an|the|its|their|his|her)\s+)?"
            rf"(?:(?:former|then|current|longtime|senior|chief|top|acting|deputy|incoming|outgoing|co-|"
            rf"[A-Z][\w.&'’-]*|[a-z]+)\s+){{0,5}}?(?:{roles})s?\b", re.I),
    }


def _honorific(tokens: list[tuple[int, int, str]], lx) -> tuple[list[tuple[int, int, str]], bool]:
    """"Tan Sri A B", "Tengku Datuk Seri A B", "Mr A B": the name is "A B" (honorifics may
    follow one another).  Also says whether an honorific that puts the given name first
    (and makes it the short form) was read."""
    given = False
    changed = True
    while changed:
        changed = False
        words = [t[2] for t in tokens]
        for h in lx["honorifics"]:
            if len(words) > len(h) and words[:len(h)] == h:
                given = given or tuple(h) in lx["given_first"]
                tokens = tokens[len(h):]
                changed = True
                break
    return tokens, given


def _cut_title(tokens: list[tuple[int, int, str]], lx) -> tuple[list[tuple[int, int, str]], bool]:
    """"Home Affairs Minister A B", "Export Administration A B", "U.S. Attorney A B": the name
    is what follows the last title word or organisation word of the run (two tokens at
    least).  Says whether a title word was cut (evidence of a person)."""
    cut = [i for i, t in enumerate(tokens) if t[2] in lx["title_words"] or t[2] in lx["not_person"]]
    if not cut:
        return tokens, False
    i = cut[-1]
    if i >= len(tokens) - 2:
        # a title word among the last two ("Chief Executive Officer"): no name after a title
        return (tokens, False) if tokens[i][2] in lx["not_person"] else ([], False)
    return tokens[i + 1:], tokens[i][2] in lx["title_words"]


def _trim(tokens: list[tuple[int, int, str]], lx) -> list[tuple[int, int, str]]:
    while tokens and (tokens[0][2] in lx["stop_first"] or tokens[0][2].rstrip(".") in lx["stop_first"]
                      or lx["compound_adj"].match(tokens[0][2])):
        tokens = tokens[1:]
    while tokens and tokens[-1][2] in lx["not_person"]:
        tokens = tokens[:-1]
    return tokens


def _is_name(tokens, lx) -> bool:
    if not 2 <= len(tokens) <= 4:
        return False
    if any(t[2] in lx["not_person"] or lx["joined_suffix"].fullmatch(t[2]) for t in tokens):
        return False
    if tokens[-1][2].endswith(".") or len(tokens[-1][2]) < 2 or tokens[-1][2] in lx["not_last"]:
        return False
    return True


def conf_needed(text: str, b: int, index, lx) -> bool:
    """A country-named first token ("Jordan Pike") makes a Person only with strong evidence:
    an apposition or a speech verb right after the name."""
    sent = index.text(index.of(b))
    right = text[b:min(sent.end, b + 120)]
    return bool(lx["apposition"].match(right) or lx["apposition_long"].match(right) or
                lx["speech_after"].match(right) or _AGE.match(right))


def person_mentions(ctx) -> list[Candidate]:
    """Component: people by pattern (see the module docstring)."""
    text, index, known = ctx.text, ctx.index, ctx.candidates
    lx = _lex()
    # guessed organizations do not block a name: overlaps are settled later on evidence
    taken = sorted((c.start, c.end) for c in known if c.source != "organization")
    taken_index = Spans(taken)
    country_first = {c.surface for c in known if c.type == T.Country and c.source == "dictionary" and c.kind == "name"
                     and " " not in c.surface and c.surface.isalpha()}
    known_people = {c.canon for c in known if c.type == T.Person}
    firm_starts = {c.start for c in known if c.type in (T.Company, T.Organization) and c.source == "dictionary"}
    # firms the patterns found: "A B of Acme Labs said" (a speech verb after the firm)
    found_firm_ends = {c.start: c.end for c in known if c.type in (T.Company, T.Organization) and c.source == "organization"}

    overlaps = taken_index.overlaps

    found: list = []
    given_names: dict[str, str] = {}  # "Zafrul" -> "Zafrul Abdul Aziz" (after "Tengku Datuk Seri")
    pending: list[tuple[int, int, str]] = []
    # a lower-case particle inside a name ("Willem de Groot") is read as part of the token run
    masked = lx["particle"].sub(lambda m: " " + " ".join(w.capitalize() for w in m.group()[1:-1].split()) + " ", text)
    # a nickname in quotation marks between given name and surname ("Jo “Jay” Doe") is
    # blanked: the name is read without it
    masked = _NICKNAME.sub(lambda m: " " * len(m.group()), masked)
    for m in _SEQ.finditer(masked):
        if " " not in m.group() and "\u00a0" not in m.group():
            continue  # one token: a name has two to four
        toks = [(m.start() + t.start(), m.start() + t.end(), t.group()) for t in _NONSPACE.finditer(m.group())]
        toks = _trim(toks, lx)
        # split at tokens covered by dictionary mentions ("Deutsche Bank analysts"), except a
        # country that is a first name ("Jordan Pike, a former official")
        toks = [t for i, t in enumerate(toks) if not overlaps(t[0], t[1]) or (
            i == 0 and len(toks) >= 2 and t[2] in country_first and not overlaps(toks[1][0], toks[1][1]))]
        runs, cur = [], []
        for t in toks:
            # a gap, or a bare initial after other words ("Home Affairs Minister K Surname"):
            # a new run
            if cur and (masked[cur[-1][1]:t[0]].strip() or _BARE_INITIAL.fullmatch(t[2])):
                runs.append(cur)
                cur = []
            cur.append(t)
        if cur:
            runs.append(cur)
        for run in runs:
            lead = run[0][0] if run else 0  # the evidence before a name is read before its honorific
            # a title word right before the run ("Attorney A B", trimmed as a sentence opener)
            prev_word = re.search(r"(\S+)[ \u00a0]+$", text[max(0, run[0][0] - 30):run[0][0]]) if run else None
            titled = bool(run) and (run[0][2] in lx["title_words"] or
                                    bool(prev_word and prev_word.group(1) in lx["title_words"]))
            run, cut = _cut_title(run, lx)
            titled = titled or cut
            full_run = run
            bare, given_first = _honorific(run, lx)
            honoured = len(bare) < len(run) or titled  # an honorific is a title: evidence of a person
            run = _trim(bare, lx)
            if not _is_name(run, lx):
                continue
            short = run[0][2]
            if len(bare) < len(full_run) and full_run[0][2] in lx["kept_honorific"]:
                run = full_run[:len(full_run) - len(bare)] + run  # "Tengku A B": the title is part of the name
            a, b = run[0][0], run[-1][1]
            name = text[a:b]
            if sx := _NAME_SUFFIX.match(text, b):
                b = sx.end()  # "A B, Jr.": the suffix is part of the surface, not of the name
            nicknamed = bool(_NICKNAME.search(text, a, b)) and not any(
                t[2].casefold() in _common() or t[2].rstrip("s").casefold() in _common() for t in run)
            if nicknamed:  # "A “B” C": a person's name; the name is read without the nickname
                name = " ".join(t[2] for t in run) if all(text[t[0]:t[1]] == t[2] for t in run) else name
            if run[0][2] in country_first and conf_needed(text, b, index, lx) is False:
                continue
            sent = index.text(index.of(a))
            lead = min(lead, a)
            left = text[max(sent.start, lead - 60):lead]
            if lx["body_tail"].search(text[max(sent.start, lead - 100):lead]):
                continue
            right = text[b:min(sent.end, b + 120)]
            conf = 0.0
            if name not in known_people and not honoured and lx["org_apposition"].match(right):
                continue  # "X, a media platform": an organization, whatever verb comes before it
            if name in known_people:
                conf = 0.95
            elif nicknamed:
                conf = 0.85
            elif lx["apposition"].match(right) or _AGE.match(right):
                conf = 0.9
            elif lx["apposition_long"].match(right) or lx["status_apposition"].match(right):
                conf = 0.85
            elif lx["relative_who"].match(right) or lx["copula_role"].match(right):
                conf = 0.8
            elif PARTY_TAG.match(right):
                conf = 0.9
            elif honoured:
                conf = 0.85
            elif lx["title_before"].search(left) or lx["title_portfolio"].search(left):
                conf = 0.85
            elif lx["speech_after"].match(right):
                conf = 0.85
            elif lx["speech_before"].search(left) and not re.match(r"^\s*(?:that|on|in)\b", right):
                conf = 0.8
            elif lx["agent_before"].search(left) or lx["roles_before"].search(left):
                conf = 0.8
            elif lx["appointed"].search(left) and lx["as_role"].match(right):
                conf = 0.8
            elif (of := _OF_FIRM.match(right)) and of.end() + b in firm_starts:
                conf = 0.75  # "A B of Acme Corp.": a person of a known firm
            elif of and (e := found_firm_ends.get(of.end() + b)) is not None and lx["speech_after"].match(text[e:e + 40]):
                conf = 0.75  # "A B of Acme Labs said"
            elif lx["role_then_name"].search(left) and _AFTER_APPOSED_NAME.match(right):
                conf = 0.8
            if conf:
                found.append(Candidate(a, b, text[a:b], T.Person, name, conf, "person"))
                if given_first:
                    given_names[short] = name
            else:
                pending.append((a, b, name))
    # coordination with an accepted person: "analysts Adrian Cox and Galina Pozdnyakova"
    starts = {c.start for c in found}  # accepted people's spans, looked up by position
    ends = {c.end for c in found}
    for a, b, name in pending:
        gap_right = text[b:b + 7]
        gap_left = text[max(0, a - 7):a]
        near = any(s in starts and re.fullmatch(r",?\s+and\s+", text[b:s]) for s in range(b + 1, b + 8)) or \
            any(e in ends and re.fullmatch(r",?\s+(?:and|&)\s+", text[e:a]) for e in range(a - 7, a))
        if near and (" and " in gap_right or " and " in gap_left):
            found.append(Candidate(a, b, name, T.Person, name, 0.75, "person"))
    # surnames (and first+last names) of accepted people, later in the text
    full = {c.canon for c in found} | known_people
    # surname -> full name, in a stable order; a surname two people share links to neither
    last_names: dict[str, str] = {}
    shared: set[str] = set()
    for n in sorted(full):
        parts = n.split()
        if len(parts) >= 2:
            if parts[-1] in last_names and last_names[parts[-1]] != n:
                shared.add(parts[-1])
            last_names.setdefault(parts[-1], n)
    for surname in shared:
        del last_names[surname]
    for given, n in given_names.items():
        if given not in shared:
            last_names.setdefault(given, n)
    taken_all = Spans(taken + [(c.start, c.end) for c in found])
    # a public figure's surname that opens a name of the text ("Huang Ming") is that name's
    family_first = {n.split()[0] for n in full if len(n.split()) >= 2}
    known_surnames = _known_surnames(text, taken_all, last_names, shared | family_first, lx)
    found += known_surnames
    full |= {c.canon for c in known_surnames}
    if last_names:
        for a, b, w in whole_words(text, last_names, _CAP_WORD_AFTER):
            if taken_all.overlaps(a, b):
                continue
            found.append(Candidate(a, b, w, T.Person, last_names[w], 0.85, "person", kind="surname"))
            taken_all.add(a, b)
    first_names: dict[str, str] = {}
    for n in sorted(full):
        parts = n.split()
        if len(parts) >= 2 and parts[0] not in last_names and parts[0] not in lx["stop_first"]:
            first_names.setdefault(parts[0], n)
    if first_names:
        for a, b, w in whole_words(text, first_names, _CAP_AFTER):
            if taken_all.overlaps(a, b):
                continue
            if not (lx["speech_right"].match(text[b:b + 20]) or
                    re.search(r"\b(?:said|says|according to)\s+$", text[max(0, a - 16):a])):
                continue
            found.append(Candidate(a, b, w, T.Person, first_names[w], 0.8, "person", kind="surname"))
            taken_all.add(a, b)
    found += _lone_surnames(text, taken_all, full, lx)
    return found


# a capitalised word after a name: the name goes on ("Acme Labs"), so it is not a surname alone
_CAP_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")
_CAP_AFTER = re.compile(r"\s+[A-Z]")
# after "ROLE, A B": the sentence ends, the apposition closes, or a second name follows
_AFTER_APPOSED_NAME = re.compile(r"\s*(?:[.;,]|and\s+[A-Z]|$)")
_PREV_CAP = re.compile(r"([A-Z][\w.’'-]*)[ \u00a0]$")


@cache
def _gazetteer_surnames() -> dict[str, str]:
    """Surname -> full name of the dictionary's people, for surnames no two of them share
    and that are no common word ("Quell" for "Zara Quell")."""
    from .dictionary import dictionary as _dictionary
    lx = lexicon()
    common = {w.casefold() for w in lx["common_words"]} | {w.casefold() for w in lx["person_stop_first"]}
    out: dict[str, str] = {}
    twice: set[str] = set()
    for e in _dictionary().entries:
        parts = e.name.split()
        if e.type != T.Person or len(parts) < 2:
            continue
        last = parts[-1]
        if last in out:
            twice.add(last)
        out[last] = e.name
    return {k: v for k, v in out.items() if k not in twice and len(k) >= 4 and k.casefold() not in common}


@cache
def _gazetteer_surname_pattern() -> re.Pattern:
    return re.compile(rf"(?<![\w.’'-])({alternation(_gazetteer_surnames())})(?![\w-])(?![ \u00a0][A-Z])")


def _known_surnames(text: str, taken, last_names: dict[str, str], shared: set[str], lx) -> list[Candidate]:
    """A public figure of the dictionary named by surname only ("X expanded it", "X’s visit"),
    where the article never gives the full name: the surname alone, not inside a longer
    capitalised name, is that person.  Surnames of people found in the text are read after."""
    names = _gazetteer_surnames()
    out = []
    for m in _gazetteer_surname_pattern().finditer(text):
        if m.group(1) in last_names or m.group(1) in shared or taken.overlaps(m.start(), m.end()):
            continue
        prev = _PREV_CAP.search(text, max(0, m.start() - 30), m.start())
        if prev and prev.group(1) not in lx["stop_first"] and prev.group(1) not in lx["title_words"] and \
                prev.group(1) not in lx["single_honorific"]:
            continue  # "Acme Quell": part of another name
        if lx["modifier_noun"].match(text, m.end()):
            continue  # "the Quell rule", "Quell officials": a modifier, not the person
        out.append(Candidate(m.start(), m.end(), m.group(1), T.Person, names[m.group(1)], 0.8, "person", kind="surname"))
        taken.add(m.start(), m.end())
    return out


_LONE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?|(?:Mc|Mac|O['’])[A-Z][a-z]+)(?![\w'’-]|[ \u00a0][A-Z])")


def _lone_surnames(text: str, taken, full: set[str], lx) -> list[Candidate]:
    """A person the article names by surname only (an excerpt that never gives the full
    name): one capitalised word that attributes a quote ("…,” X said", "…," said X.) or
    follows a personal honorific ("Mr. X"), and is nobody's part of a longer name.  Every
    other lone occurrence of the word then links to it."""
    parts = {p for n in full for p in n.split()}
    speech = lx["speech_right"]
    evidence: set[str] = set()
    for m in _LONE.finditer(text):
        w = m.group(1)
        if w in parts or w in lx["stop_first"] or w in lx["not_person"] or w.casefold() in _common() \
                or taken.overlaps(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 12):m.start()]
        after = text[m.end():m.end() + 20]
        hon = re.search(r"(\S+)[ \u00a0]$", before)
        if (hon and hon.group(1) in lx["single_honorific"]) or \
                (re.search(r"[,.?!][”\"’]\s*$", before) and speech.match(after)) or \
                (re.search(r"[,.?!][”\"’]\s*(?:said|says|added|wrote)\s+$", before) and re.match(r"^\s*[.,]", after)):
            evidence.add(w)
    out = []
    for w in sorted(evidence):
        for m in re.finditer(rf"(?<![\w.'’-]){re.escape(w)}(?![\w'’-]|[ \u00a0][A-Z])", text):
            if taken.overlaps(m.start(), m.end()):
                continue
            out.append(Candidate(m.start(), m.end(), w, T.Person, w, 0.75, "person", kind="surname"))
            taken.add(m.start(), m.end())
    return out


@cache
def _common() -> frozenset[str]:
    return frozenset(lexicon()["common_words"])


_ADMINISTRATION = re.compile(r"(?:['’]s)?[ \u00a0]+[Aa]dministration(?![\w-])")


@cache
def _leader_title() -> re.Pattern:
    titles = alternation(lexicon()["leader_titles_in_administration"])
    return re.compile(rf"(?<![\w-])(?:{titles})[ \u00a0]+$")


def administration_mentions(ctx) -> list[Candidate]:
    """Component: a leader's government named after the leader ("NAME's administration",
    "the NAME administration", "President NAME's administration").  The person keeps the
    mention of the name; the administration is a government body whose surface runs from the
    leader's title (or name) to "administration", so the article's form is among its names.
    Its canonical name is the dictionary's "SURNAME administration" when it has one."""
    text, d = ctx.text, dictionary()
    govs = Spans((c.start, c.end) for c in ctx.candidates if c.type == T.GovernmentBody)
    out: list[Candidate] = []
    for c in ctx.candidates:
        if c.type != T.Person:
            continue
        m = _ADMINISTRATION.match(text, c.end)
        if m is None or govs.overlaps(c.end, m.end()):
            continue
        start = c.start
        given = " ".join(c.canon.split()[:-1])
        if c.kind == "surname" and given and text.endswith(given + " ", 0, start):
            start -= len(given) + 1  # "the Jo Doe administration" where only "Doe" was read
        t = _leader_title().search(text, max(0, start - 30), start)
        if t is not None:
            start = t.start()
        canon = f"{c.canon.split()[-1]} administration"
        entry = d.by_name.get(canon.casefold())
        if entry is not None and entry.type == T.GovernmentBody:
            canon = entry.name
        else:
            entry = None
        out.append(Candidate(start, m.end(), text[start:m.end()], T.GovernmentBody, canon, 0.85,
                             "dictionary" if entry else "organization", entry))
    return out
