"""The extractor's dictionary: curated gazetteer + derived reference data, loaded once.

Everything here is read lazily from ``data/`` on first use and cached for the process:
no work happens at import time.  :func:`dictionary` returns one :class:`Dictionary` with
an Aho-Corasick automaton over every surface form, and lookup tables for types, countries,
listings, chip makers and Wikidata QIDs.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import ahocorasick

from .candidates import Entry, Hit
from .terms import T

_WORD = re.compile(r"\w", re.UNICODE)
_BRACKET_TAIL = re.compile(r"\s*\([^()]*\)\s*$")  # "Acme Corporation (AC)" -> "Acme Corporation"


def _data(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@cache
def lexicon() -> dict:
    return json.loads(_data("lexicon.json"))


@cache
def controls() -> dict:
    return json.loads(_data("controls.json"))


def alternation(words) -> str:
    """``w1|w2|...`` for a regex: escaped, longest first (so the longest word wins), and
    grouped by initial, ``ch(?:ief\\ executive|airman)|f(?:ounder|ellow)``, so the regex engine
    tries only the words that can start at a position instead of every word.  Words keep
    their order inside a group and words of different groups cannot start at the same
    position (with or without IGNORECASE), so it matches exactly what the flat list does."""
    escaped = sorted(((re.escape(w), w) for w in words), key=lambda ew: (-len(ew[0]), ew[1]))
    if not all(w[:1].isascii() and w[:1].isalnum() for _, w in escaped):
        return "|".join(e for e, _ in escaped)
    groups: dict[str, list[str]] = {}
    for e, w in escaped:
        groups.setdefault(w[0].lower(), []).append(w)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(re.escape(group[0]))
        elif len({w[0] for w in group}) == 1:  # one initial: factor it out
            out.append(re.escape(group[0][0]) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")")
        else:  # "Chief …" and "chief …": kept whole, in their order
            out.append("(?:" + "|".join(re.escape(w) for w in group) + ")")
    return "|".join(out)


def _rows(text: str):
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield (line.split("\t") + [""] * 5)[:5]


def _listing_dates(frd) -> dict[str, str]:
    """A listing's dates from the official text's dated citations (``[[citation, ISO date or
    None], ...]``): the first notice's as ``listing_date``, later ones as ``amendment_dates``
    (ISO dates joined by "; ")."""
    dates = sorted({d for _, d in frd if d})
    if not dates:
        return {}
    out = {"listing_date": dates[0]}
    if dates[1:]:
        out["amendment_dates"] = "; ".join(dates[1:])
    return out


class Dictionary:
    """Surface forms -> entries, matched with one Aho-Corasick automaton."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_name: dict[str, Entry] = {}
        self.countries: dict[str, Entry] = {}  # canonical country name -> entry
        self.demonym_country: dict[str, str] = {}  # "chinese" -> "China"
        self.country_alias: dict[str, str] = {}  # "u.s." -> "United States"
        self.government: dict[str, str] = {}  # country -> canonical government name
        self.chip_maker: dict[str, str] = {}
        self._forms: dict[str, list[tuple[Entry, str, str]]] = {}
        # a form that names a department but, before "Secretary", a title ("Commerce Secretary")
        self.portfolios = set(lexicon()["department_forms_before_secretary"])
        self._load_countries()
        self._load_entities()
        self._load_reference()
        self.automaton = ahocorasick.Automaton()
        for low, items in self._forms.items():
            self.automaton.add_word(low, (low, items))
        self.automaton.make_automaton()

    # -- loading ------------------------------------------------------------------------
    def _add(self, entry: Entry, form: str, kind: str = "name", cs: bool | None = None) -> None:
        form = form.strip()
        if not form:
            return
        case = entry.case_sensitive if cs is None else cs
        variants = {form, form.replace("'", "\u2019")}
        if entry.type in (T.GovernmentBody, T.Organization):
            if " and " in form:
                variants |= {v.replace(" and ", " & ") for v in variants}  # "Bureau of X & Y"
            for us, uk in lexicon()["spelling_variants"].items():  # "Defence Department"
                variants |= {re.sub(rf"\b{us}\b", uk, v) for v in variants}
        for f in variants:
            self._forms.setdefault(f.casefold(), []).append((entry, f if case else "", kind))

    def _register(self, entry: Entry) -> Entry:
        old = self.by_name.get(entry.name.casefold())
        if old is not None:
            return old
        self.entries.append(entry)
        self.by_name[entry.name.casefold()] = entry
        return entry

    def _load_countries(self) -> None:
        for name, aliases, demonyms, govs, capitals in _rows(_data("countries.tsv")):
            c = self._register(Entry(name, T.Country, [a for a in aliases.split(";") if a],
                                     country=name, source="country"))
            self.countries[name] = c
            self._add(c, name, cs=False)
            for a in c.forms:
                # short upper-case aliases ("US", "UK") must match exactly
                self._add(c, a, cs=len(a) <= 4 or a.isupper())
                self.country_alias[a.casefold()] = name
            # a capital standing for its country ("talks between Washington and Beijing"):
            # one more name of the country, not a government body of its own
            for a in filter(None, capitals.split(";")):
                self._add(c, a, kind="capital", cs=False)
            self.country_alias[name.casefold()] = name
            for d in filter(None, demonyms.split(";")):
                self.demonym_country[d.casefold()] = name
                if d.casefold() not in (a.casefold() for a in c.forms):
                    self._add(c, d, kind="demonym", cs=True)
            gov_forms = [g for g in govs.split(";") if g]
            canon = gov_forms[0] if gov_forms and "government" in gov_forms[0] else f"{name} government"
            g = self._register(Entry(canon, T.GovernmentBody, gov_forms, country=name, source="government"))
            self.government[name] = g.name
            # "COUNTRY's government", with either apostrophe, for every country
            gov_forms += [f for f in (f"{name}'s government", f"{name}’s government") if f not in gov_forms]
            for f in gov_forms:
                self._add(g, f, kind="government", cs=f[0].isupper() and " " not in f)
                if f.lower().endswith(" government"):
                    self._add(g, "the " + f[:-len(" government")] + "'s government", kind="government", cs=False)

    def _load_entities(self) -> None:
        for typ, name, aliases, country, flags in _rows(_data("entities.tsv")):
            cs = "cs" in flags.split()
            e = self._register(Entry(name, typ, [a for a in aliases.split(";") if a],
                                     country=country or None, case_sensitive=cs))
            m = re.search(r"listed=(.+)$", flags)
            if m:
                e.listed = m.group(1).strip()
            self._add(e, name, cs=cs and len(name) <= 5)
            # "NAME administration" is also "NAME's administration"
            m = re.fullmatch(r"([A-Z][\w-]+) (administration)", name) if typ == T.GovernmentBody else None
            if m:
                e.forms += [f"{m[1]}{a}s {m[2]}" for a in "'’" if f"{m[1]}{a}s {m[2]}" not in e.forms]
            for a in e.forms:
                self._add(e, a)

    def _load_reference(self) -> None:
        ref = json.loads(_data("reference.json"))
        reqs, pols = ref["license_requirements"], ref["license_policies"]
        common = set(lexicon()["common_words"])
        for chip in ref["chips"]:
            e = self.by_name.get(chip["name"].casefold())
            if e is None:
                e = self._register(Entry(chip["name"], T.Chip, list(chip["forms"]),
                                         case_sensitive=True, source="chip", maker=chip["maker"] or None))
                self._add(e, e.name)
                for f in e.forms:
                    self._add(e, f)
            if e.maker:
                self.chip_maker[e.key] = e.maker
        for w in ref["wikidata"]:
            e = self.by_name.get(w["label"].casefold())
            if e is not None:
                e.identifiers.setdefault("wikidata", w["qid"])
                continue
            label = w["label"]
            if label.casefold() in common or len(label) < 4:
                continue
            e = self._register(Entry(label, T.Company, [], country=w["country"] or None,
                                     case_sensitive=True, source="reference"))
            e.identifiers["wikidata"] = w["qid"]
            self._add(e, label)
        listed_by_name = {}
        for row in ref["listed"]:
            listings = [{
                "list_name": lst["list"], "listed_name": lst["listed_name"],
                "federal_register": lst.get("fr", ""),
                "license_requirement": reqs[lst["req"]] if "req" in lst else "",
                "license_policy": pols[lst["pol"]] if "pol" in lst else "",
                "source_list_url": lst.get("url", ""),
                **({"entity_number": lst["no"]} if lst.get("no") else {}),
                **_listing_dates(lst.get("frd") or ()),
            } for lst in row["listings"]]
            listed_by_name[row["name"].casefold()] = listings
            # "Acme Corporation (AC)": the list's name with its abbreviation is the entry of
            # the name without it, when that is known
            known = self.by_name.get(row["name"].casefold())
            if known is not None:
                known.listings.extend(listings)
                continue
            known = self.by_name.get(_BRACKET_TAIL.sub("", row["name"]).casefold())
            if known is not None:
                # one listing per list: the name with its abbreviation is the same listing
                lists = {x["list_name"] for x in known.listings}
                known.listings.extend(x for x in listings if x["list_name"] not in lists)
                continue
            e = Entry(row["name"], self._listed_type(row["name"]), [], country=row["country"] or None,
                      case_sensitive=True, source="reference", listings=listings)
            strong = [f for f in [row["name"], *row["forms"]] if self._strong_form(f, common)]
            if not strong:
                continue
            e = self._register(e)
            for f in strong:
                self._add(e, f)
        for e in self.entries:
            target = e.listed
            if target and target.casefold() in listed_by_name:
                e.listings.extend(listed_by_name[target.casefold()])

    @staticmethod
    def _listed_type(name: str) -> str:
        """A listed name is a firm unless its head says it is an institution ("… Institute
        of …", "… University", "… Research Center for …")."""
        lx = lexicon()
        heads = set(lx["organization_heads"]) - set(lx["organization_heads_not_decisive"])
        return T.Organization if set(re.findall(r"[A-Za-z]+", name)) & heads else T.Company

    @staticmethod
    def _strong_form(form: str, common: set[str]) -> bool:
        """A listed name is matched only on distinctive forms: several words, or a long
        capitalised token that is not a common word (the lists hold thousands of names)."""
        words = form.split()
        if len(form) < 5 or form.casefold() in common:
            return False
        if len(words) >= 2:
            return sum(1 for w in words if w[:1].isupper()) >= 2 and not all(
                w.casefold().strip(".,") in common for w in words)
        return form[:1].isupper() and len(form) >= 6 and not form.isupper() or (form.isupper() and len(form) >= 4)

    def government_form(self, form: str) -> Entry | None:
        """The government body the dictionary knows under ``form``, in any case."""
        return self.known_form(form, (T.GovernmentBody,))

    def known_form(self, form: str, types: tuple[str, ...], exact: bool = False) -> Entry | None:
        """The entry of one of ``types`` that the dictionary knows under ``form`` (in any case,
        or, with ``exact``, as its case-sensitive forms require)."""
        for entry, case, _ in self._forms.get(form.strip().casefold(), ()):
            if entry.type in types and not (exact and case and case != form.strip()):
                return entry
        return None

    # -- matching -----------------------------------------------------------------------
    def find(self, text: str) -> list[Hit]:
        """Longest non-overlapping dictionary matches on word boundaries."""
        low = text.casefold()
        if len(low) != len(text):  # casefold changed lengths (rare): fall back to lower()
            low = text.lower()
        found: list[Hit] = []
        n = len(text)
        for end_idx, (form_low, items) in self.automaton.iter(low):
            start = end_idx - len(form_low) + 1
            end = end_idx + 1
            if start > 0 and (_WORD.match(text[start - 1]) or text[start - 1] in "-"):
                continue
            plural = False
            if end < n and _WORD.match(text[end]):
                # allow a plural "s" on chips ("H800s")
                if text[end] == "s" and (end + 1 >= n or not _WORD.match(text[end + 1])) and \
                        any(e.type == T.Chip for e, _, _ in items):
                    plural = True
                else:
                    continue
            if end < n and text[end] == "-" and end + 1 < n and _WORD.match(text[end + 1]):
                continue  # part of a hyphenated word ("US-based" handled elsewhere)
            surface = text[start:end]
            if text.startswith(" Secretary", end) and surface in self.portfolios:
                continue  # a title, not the department ("Commerce Secretary X")
            for entry, exact, kind in items:
                if plural and entry.type != T.Chip:
                    continue
                if exact and surface != exact and not (surface.isupper() and len(surface) > 4 and exact.upper() == surface):
                    continue
                if not exact and not any(ch.isupper() for ch in surface) and any(ch.isupper() for ch in form_low.upper()):
                    # lower-case text never matches a proper name ("apple", "commerce")
                    if not (kind == "government" and " " in surface):
                        continue
                found.append(Hit(start, end + (1 if plural else 0), text[start:end + (1 if plural else 0)], entry, kind))
                break
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        last = -1
        for h in found:
            if h.start >= last:
                out.append(h)
                last = h.end
        return self._country_prefixed(text, out)

    def _country_prefixed(self, text: str, hits: list[Hit]) -> list[Hit]:
        """A body's name led by its own country ("Ruritania Department of Trade", "U.S
        Trade Office") is one mention, so the article's full form stays among the names."""
        out: list[Hit] = []
        for h in hits:
            prev = out[-1] if out else None
            country = self.countries.get(h.entry.country or "")
            if h.entry.type == T.GovernmentBody and h.form_kind == "name" and country is not None \
                    and h.start > 1 and text[h.start - 1] in " \u00a0":
                before = text[max(0, h.start - 40):h.start - 1]
                forms = [country.name, *country.forms]
                forms += [f[:-1] for f in forms if f.endswith(".")]  # "U.S Commerce Department"
                for f in sorted(forms, key=len, reverse=True):
                    a = h.start - 1 - len(f)
                    if before.endswith(f) and (a == 0 or not (text[a - 1].isalnum() or text[a - 1] in ".-")) \
                            and (prev is None or prev.end <= a or (prev.start == a and prev.entry is country)):
                        if prev is not None and prev.start == a:
                            out.pop()
                        h = Hit(a, h.end, text[a:h.end], h.entry, h.form_kind)
                        break
            out.append(h)
        return out


@cache
def dictionary() -> Dictionary:
    return Dictionary()
