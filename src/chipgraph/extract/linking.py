"""Linking: mentions -> document entities with canonical names and stable keys.

Within a document, mentions with the same canonical name are one entity: dictionary forms
("NVIDIA Corp", "Nvidia's") share the gazetteer name, surnames point to the full name,
acronyms defined in the text point to the long name, plural chip forms to the model number
(distinct model numbers never merge).  Across documents the key comes from the canonical
name only (``ids.entity_key``), so the same entity gets the same key everywhere.
"""
from __future__ import annotations

import re

from ..model import Entity, Mention
from .candidates import Candidate, Linked
from .dictionary import dictionary, lexicon
from .keys import entity_key
from .mentions import strip_possessive
from .spans import Spans
from .terms import T

_TYPE_PRIORITY = {"dictionary": 3, "chip": 3, "person": 2, "organization": 1, "control": 1}


def _short_name(name: str) -> str | None:
    suffixes = set(lexicon()["company_suffixes"])
    toks = name.split()
    while len(toks) > 1 and toks[-1] in suffixes:
        toks = toks[:-1]
    short = " ".join(toks)
    return short if short != name and len(short) >= 3 else None


_WORDISH = re.compile(r"[\w-]")


def _whole_words(text: str, form: str):
    r"""Spans of ``form`` not inside a word or a hyphenated word: the matches of
    ``(?<![\w-])FORM(?![\w-])`` (a regex that opens with a look-behind cannot skip ahead to
    the form, ``str.find`` can)."""
    i = text.find(form)
    while i >= 0 and form:
        j = i + len(form)
        if (i == 0 or not _WORDISH.match(text, i - 1)) and not _WORDISH.match(text, j):
            yield i, j
            i = text.find(form, j)
        else:
            i = text.find(form, i + 1)


def derived_mentions(ctx) -> list[Candidate]:
    """Component: later mentions of acronyms defined in the text and of short company names."""
    text = ctx.text
    cands = [c for c in ctx.candidates if c.type != T.ExportControl]
    taken = Spans((c.start, c.end) for c in cands)
    extra: list[Candidate] = []
    forms: dict[str, Candidate] = {}
    for c in cands:
        if c.kind == "acronym":
            forms[c.surface] = c
        elif c.source == "organization" and c.type == T.Company:
            short = _short_name(c.canon)
            if short:
                forms[short] = c
            forms.setdefault(c.canon, c)  # the full name again ("Brindle Systems' chief executive")
            toks = c.canon.split()  # "Qinghe Memory Technologies" -> also "Qinghe Memory"
            if len(toks) > 2 and toks[-1] in lexicon()["company_suffixes"]:
                forms[" ".join(toks[:-1])] = c
    for form, src in forms.items():
        for a, b in _whole_words(text, form):
            if taken.overlaps(a, b):
                continue
            extra.append(Candidate(a, b, text[a:b], src.type, src.canon, src.confidence * 0.95,
                                   src.source, src.entry, "acronym" if src.kind == "acronym" else "name"))
            taken.add(a, b)
    return extra


def _surface_form(c: Candidate) -> str:
    return strip_possessive(c.surface.strip())


def link(ctx) -> list[Linked]:
    """Component: the document's entities, each with the candidates that mention it."""
    d = dictionary()
    cands = [c for c in ctx.candidates if c.type != T.ExportControl]
    by_name = d.by_name
    # "Kuroda" found on its own ("an analyst at Kuroda") is "Kuroda Securities" named earlier
    shorts = {_short_name(c.canon): c.canon for c in cands if c.source == "organization" and c.type == T.Company}
    shorts.update({" ".join(c.canon.split()[:-1]): c.canon for c in cands if c.source == "organization" and
                   c.type == T.Company and len(c.canon.split()) > 2 and c.canon.split()[-1] in lexicon()["company_suffixes"]})
    # "the sale of Wafer Fab" after "Newport Wafer Fab": the name's last words, found on their own
    known_names = {c.canon for c in cands if c.source == "dictionary"}
    for c in cands:
        toks = c.canon.split()
        if c.source == "organization" and c.type == T.Company and len(toks) >= 3:
            for k in range(2, len(toks)):
                tail = " ".join(toks[-k:])
                if tail not in known_names:
                    shorts.setdefault(tail, c.canon)
    # "CATL" found alone ("battery maker CATL") is the long name the text defines it for
    acronyms = {c.surface: c for c in cands if c.kind == "acronym"}
    for c in cands:
        if c.source == "organization" and c.canon in shorts and shorts[c.canon] != c.canon:
            c.canon = shorts[c.canon]
        elif c.source == "organization" and c.kind != "acronym" and (a := acronyms.get(c.canon)) is not None:
            c.canon, c.entry, c.type = a.canon, a.entry, a.type
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in sorted(cands, key=lambda c: c.start):
        canon = c.canon
        if c.entry is None:
            e = by_name.get(canon.casefold())
            if e is not None and (e.type == c.type or c.source == "organization"):
                c.entry, canon, c.type = e, e.name, e.type
        kind = c.type if c.type in (T.Person, T.Chip) else "Other"
        groups.setdefault((kind, canon.casefold() if kind != T.Chip else canon.upper()), []).append(c)
    person_names = {k[1] for k in groups if k[0] == T.Person}
    out: list[Linked] = []
    for (kind, _), ms in groups.items():
        best = max(ms, key=lambda c: (_TYPE_PRIORITY.get(c.source, 0), c.confidence))
        if kind == "Other" and best.canon.casefold() in person_names:
            continue
        etype = best.entry.type if best.entry is not None else best.type
        name = best.entry.name if best.entry is not None else best.canon
        aliases: list[str] = []
        for c in ms:
            if c.kind == "demonym":
                continue
            f = _surface_form(c)
            if f != name and f not in aliases and f.casefold() != ("the " + name).casefold():
                aliases.append(f)
        ent = Entity(
            key=entity_key(name), name=name, type=etype, aliases=aliases,
            mentions=[Mention(c.start, c.end, c.surface, c.sentence) for c in ms],
            identifiers=dict(best.entry.identifiers) if best.entry is not None else {},
            listings=list(best.entry.listings) if best.entry is not None else [],
            confidence=round(max(c.confidence for c in ms), 3),
        )
        out.append(Linked(ent, ms, demonym_only=all(c.kind == "demonym" for c in ms)))
    return _with_base_names(_merge_descriptions(_merge_portfolio_bodies(_merge_generic_tails(_merge_corporate_forms(out)))))


def _merge_generic_tails(linked: list[Linked]) -> list[Linked]:
    """One firm under its name and its name with generic words after it ("Acme" and "Acme
    Technology", "Acme Semiconductor Group"): the shorter name keeps the longer as an alias."""
    generic = set(lexicon()["firm_name_generic_words"])
    firms = sorted((L for L in linked if L.entity.type == T.Company), key=lambda L: len(L.entity.name))
    by_name = {L.entity.name: L for L in firms}
    gone: set[int] = set()
    for L in firms:
        toks = L.entity.name.split()
        for n in range(len(toks) - 1, 0, -1):
            if toks[n] not in generic:
                break
            keep = by_name.get(" ".join(toks[:n]))
            if keep is not None and id(keep) not in gone:
                _merge_into(keep, L)
                gone.add(id(L))
                break
    return [L for L in linked if id(L) not in gone]


def _body_country(L: Linked) -> str | None:
    return next((c.entry.country for c in L.mentions if c.entry is not None and c.entry.country), None)


def _merge_descriptions(linked: list[Linked]) -> list[Linked]:
    """A regulator described, not named ("Ruritania's top antitrust regulator", "the
    country's internet watchdog" after "Ruritania's"), is the one regulator of that country the
    document names ("Ruritania Market Administration"); with none, or several, it stays."""
    lx = lexicon()
    d = dictionary()
    described = set(lx["regulator_descriptions"])
    heads = set(lx["regulator_name_heads"])
    bodies = [L for L in linked if L.entity.type == T.GovernmentBody]
    gone: set[int] = set()
    for L in bodies:
        cs = L.mentions
        if not cs or not all(c.country_body and c.entry is None and c.canon == c.surface for c in cs):
            continue
        words = cs[0].surface.split()
        if " ".join(words[-2:]).casefold() not in described and words[-1].casefold() not in described:
            continue
        country = d.country_alias.get(re.sub(r"['’]s$", "", words[0]).casefold())
        same = [B for B in bodies if B is not L and id(B) not in gone and _body_country(B) == country
                and set(B.entity.name.split()) & heads]
        if country and len(same) == 1:
            _merge_into(same[0], L)
            gone.add(id(L))
    return [L for L in linked if id(L) not in gone]


def _base_name(name: str, forms: set[str]) -> str:
    toks = name.split()
    while len(toks) > 1 and toks[-1] in forms:
        toks.pop()
    return " ".join(toks).casefold()


def _merge_corporate_forms(linked: list[Linked]) -> list[Linked]:
    """One company under its short and its corporate names ("Acme" and "Acme Group Holding
    Ltd."): the entity whose name is shortest keeps the other's name among its aliases,
    its mentions, identifiers and listings."""
    lx = lexicon()
    forms = set(lx["legal_suffixes"]) | set(lx["corporate_form_words"])
    by_base: dict[str, list[Linked]] = {}
    for L in linked:
        if L.entity.type == T.Company:
            by_base.setdefault(_base_name(L.entity.name, forms), []).append(L)
    gone: set[int] = set()
    for group in by_base.values():
        if len(group) < 2:
            continue
        keep = min(group, key=lambda L: (len(L.entity.name), L.entity.name))
        for L in group:
            if L is not keep:
                _merge_into(keep, L)
                gone.add(id(L))
    return [L for L in linked if id(L) not in gone]


def _with_base_names(linked: list[Linked]) -> list[Linked]:
    """A firm named with its legal form ("Acme Widget Technologies Co., Ltd.") is also known
    without it: the name without the legal suffixes becomes an alias (the article's form stays
    the name)."""
    legal = set(lexicon()["legal_suffixes"]) | {"Co"}
    for L in linked:
        e = L.entity
        if e.type != T.Company:
            continue
        toks = e.name.replace(",", " ").split()
        while len(toks) > 1 and toks[-1] in legal:
            toks.pop()
        base = " ".join(toks)
        if (len(toks) >= 2 or len(base) >= 4) and base != e.name and base not in e.aliases:
            e.aliases.append(base)
    return linked


def _merge_into(keep: Linked, L: Linked) -> None:
    """``keep`` takes the other entity's names (as aliases), mentions, identifiers and listings."""
    e, k = L.entity, keep.entity
    for a in [e.name, *e.aliases]:
        if a != k.name and a not in k.aliases:
            k.aliases.append(a)
    k.mentions = sorted(k.mentions + e.mentions, key=lambda m: m.start)
    for key, value in e.identifiers.items():
        k.identifiers.setdefault(key, value)
    k.listings.extend(x for x in e.listings if x not in k.listings)
    k.confidence = max(k.confidence, e.confidence)
    keep.mentions.extend(L.mentions)


_NAME_WORDS = re.compile(r"[a-z]+")


def _merge_portfolio_bodies(linked: list[Linked]) -> list[Linked]:
    """A body named in lower case by its portfolio ("the commerce ministry") is the one body
    of the document whose name has the same words ("Ministry of Commerce", "Ruritania's
    Ministry of Commerce"); with none, or several, it stays a body of its own."""
    bodies = [L for L in linked if L.entity.type == T.GovernmentBody]
    gone: set[int] = set()
    for L in bodies:
        if not all(c.kind == "portfolio" and c.entry is None for c in L.mentions):
            continue
        words = set(_NAME_WORDS.findall(L.entity.name.casefold())) - {"the", "of", "s"}
        words -= {w for w in words if w in dictionary().country_alias or w in dictionary().demonym_country}
        same = [B for B in bodies if B is not L and id(B) not in gone and
                not all(c.kind == "portfolio" for c in B.mentions) and
                words <= set(_NAME_WORDS.findall(B.entity.name.casefold().replace("’", "'")))]
        if len(same) == 1:
            _merge_into(same[0], L)
            gone.add(id(L))
    return [L for L in linked if id(L) not in gone]
