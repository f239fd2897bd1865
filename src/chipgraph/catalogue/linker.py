"""Link a news mention of a measure to the catalogue measure it means, or to nothing.

Pure and indexed: :class:`MeasureIndex` is built once per catalogue (names, months, chips,
targets, topic words -> measure keys), so linking a mention costs a few dictionary lookups
per word of its phrase and sentence, never a scan of the catalogue.

The cues, strongest first:

* ``name``: the phrase holds an official name, a press name, an FR document number or a
  list key ("the October 7 rules", "the Entity List"); ``name-in-sentence`` when only the
  sentence does;
* ``date``: a date in the phrase (else the sentence), resolved against the article's date
  ("last October", "a year ago", "announced on Tuesday", "in December 2024"), falls on one
  of the measure's official dates (announced, published, effective); in an article without
  a date, a day without a year ("on Oct. 7") matches the month and day of one;
* ``recency``: the phrase says the measure is new ("new rules", "latest curbs"), the
  measure has an official date in the 45 days before the article, and something else in
  the text points to it (its topic words, a chip it restricts, a target, or an issuer):
  recency alone never decides;
* ``chips``: the measure restricts a chip the mention's relations or sentence name (with
  the article's date, a measure of the year before it), or the sentence says the chips it
  names were made to pass the measure ("redesigned to comply with") and the measure let
  exactly those through (its compliant chips).

Chip content also rules out: a measure said to restrict a chip it let through (the October
2022 rules let the A800 through) is another measure.

The issuing body or country (given, or named in the phrase) rules out measures of other
issuers; a measure that did not exist yet on the article's date is never chosen; targets,
topic words and prominence break ties. When the best two candidates are too close, or the
best is weak, the text does not identify a measure and the answer is ``None``.
"""
from __future__ import annotations

import bisect
import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from .dates import DateSpan, cues, days_without_year, resolve_dates
from .model import MEASURE_KINDS, Catalogue, Measure, load_catalogue

if TYPE_CHECKING:
    from rdflib import URIRef

_WORD = re.compile(r"[a-z0-9]+(?:[./-][a-z0-9]+)*")
_MAX_NGRAM = 10
#: Weights of the deciding cues, and of a date cue by its granularity.
_NAME, _NAME_SENTENCE, _RECENCY, _CHIPS = 0.95, 0.8, 0.7, 0.65
_MORE_CHIPS = 0.03  # per further chip of the measure the text names
_DATE = {"day": 0.85, "week": 0.8, "month": 0.75, "year": 0.55}
_DAY_NO_YEAR = 0.75  # "on Oct. 7" in an article without a date of its own
_MIN_CONFIDENCE, _MIN_MARGIN = 0.6, 0.08
_CHIPS_WINDOW = timedelta(days=365)
_RECENCY_WINDOW = timedelta(days=45)
_SLACK = {"day": 1, "week": 3, "month": 0, "year": 0}
_TARGET_PREPOSITIONS = frozenset({"on", "to", "against", "into", "for", "toward", "towards", "from", "in"})
#: A word of FR titles and abstracts is distinctive when at most this share of them use it.
_FIT_SHARE = 0.03
#: Distinctive words a text must name for a date to link a rule that is not prominent, and
#: for a rule of the weeks before the article to be linked without a date at all.
_FIT_WITH_DATE, _FIT_ALONE = 2, 3
_FIT_BONUS, _FIT_BONUS_MAX = 0.05, 0.15
_FIT_WINDOW = timedelta(days=60)
#: How far (characters) a date may stand from the measure's phrase in its sentence and still
#: date that measure, not another event of the sentence.
_DATE_REACH = 60
_DATE_BREAK = re.compile(r";|\s[—–]\s|[“”\"]|,\s+(?:according|who|whose|said|says)\b")


#: The deciding cues a link can carry (``MeasureLink.cue``; ``cg:linkCue`` in RDF).
CUES = ("name", "name-in-sentence", "date", "recency", "chips")


@dataclass(frozen=True)
class MeasureCues:
    """What the text says about one measure mention."""

    phrase: str
    sentence: str = ""
    article_date: date | str | None = None
    issuer: Sequence[str] = ()  # canonical names of the issuing bodies or countries, if known
    chips: Sequence[str] = ()  # chips the measure restricts (canonical names)
    targets: Sequence[str] = ()  # whom it targets (canonical names)
    #: the countries among the issuers: one the catalogue does not know as an issuer ("Taiwan
    #: added A to its export control list") rules out every measure of another country
    issuer_countries: Sequence[str] = ()


@dataclass(frozen=True)
class MeasureLink:
    measure: Measure
    confidence: float
    cue: str  # one of CUES
    evidence: str  # the words that decided

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def iri(self) -> URIRef:
        return self.measure.iri

    @property
    def official(self) -> str | None:
        """The FR document number or list key (GUIDELINES.md), when the measure has one."""
        return self.measure.official


def _apostrophes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _month_words() -> dict[str, str]:
    out = {calendar.month_abbr[i].lower(): calendar.month_name[i].lower() for i in range(1, 13)}
    out.update({k: calendar.month_name[v].lower() for k, v in cues()["month_abbreviations"].items()})
    return out


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Normalised words: lower case, possessives and "the" dropped, plurals singular,
    month abbreviations spelt out, "u.s." as "us"."""
    t = _apostrophes(text).lower().replace("u.s.", "us").replace("'s ", " ").replace("'s", "")
    months = _month_words()
    out = []
    for w in _WORD.findall(t):
        w = w.rstrip(".")
        if w == "the":
            continue
        out.append(months.get(w, _singular(w)))
    return tuple(out)


def _key(text: str) -> str:
    return " ".join(tokens(text))


class _Table(dict):
    """Normalised phrase -> values, with the phrase lengths per first word, so that scanning
    a text costs one lookup per word (and a join only where a phrase can start)."""

    def __init__(self) -> None:
        super().__init__()
        self.lengths: dict[str, set[int]] = defaultdict(set)

    def add(self, phrase: str, value: str) -> None:
        if phrase:
            self.setdefault(phrase, set()).add(value)
            words = phrase.split()
            self.lengths[words[0]].add(len(words))

    def _sorted_lengths(self) -> dict[str, tuple[int, ...]]:
        """The phrase lengths per first word, longest first (rebuilt after an ``add``)."""
        cached = self.__dict__.get("_sorted")
        if cached is None or cached[0] != len(self):
            cached = (len(self), {w: tuple(sorted(ns, reverse=True)) for w, ns in self.lengths.items()})
            self.__dict__["_sorted"] = cached
        return cached[1]

    def scan(self, words: Sequence[str]) -> Iterable[tuple[int, int, str]]:
        """(start, length, phrase) of every phrase of the table in the words, longest first
        at each start."""
        lengths = self._sorted_lengths()
        for i, w in enumerate(words):
            if w not in lengths:
                continue
            for n in lengths[w]:
                if i + n <= len(words):
                    g = " ".join(words[i:i + n])
                    if g in self:
                        yield i, n, g


class MeasureIndex:
    """Lookup tables from words to catalogue keys, built once."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.names = _Table()
        self.months: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.month_days: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.chips, self.targets, self.topic, self.place_words = _Table(), _Table(), _Table(), _Table()
        self.countries: dict[str, str] = {}  # issuer or country name (normalised) -> country
        self.issuers: dict[str, set[str]] = defaultdict(set)  # normalised issuer/country -> keys
        self.recent: list[tuple[date, str]] = []
        c = cues()
        self.recency_words = tuple(_key(w) for w in c["recency_words"])
        self.recency_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, self.recency_words)) + r")\b")
        self.prior_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, (_key(w) for w in c["prior_words"]))) + r")\b")
        self.rescission_words = frozenset(_key(w) for w in c["rescission_words"])
        for k, v in c["demonyms"].items():
            self.place_words.add(_key(k), _key(v))
        self.body_words = _Table()
        for k, v in c["issuer_aliases"].items():
            self.body_words.add(_key(k), _key(v))
        self.generic_chips = frozenset(_key(w) for w in c["generic_chip_words"])
        self.rule_nouns = frozenset(_key(w) for w in c["rule_nouns"])
        self.compliance = _Table()
        for w in c["compliance_words"]:
            self.compliance.add(_key(w), "compliance")
        self.body_names = _Table()  # a list's name that identifies it only with its issuer
        self.compliant = _Table()  # chip -> measures that let it through
        self.compliant_of: dict[str, frozenset[str]] = {}
        for m in catalogue:
            if m.kind not in MEASURE_KINDS and m.kind != "notice":
                continue
            for name in m.body_names:
                self.body_names.add(_key(name), m.key)
            names = list(m.press_names) + [m.official_name]
            names += [v for v in (m.official, m.id_local) if v]
            bodies = {_key(x) for x in m.issuer} | {_key(m.country or "")}
            for name in names:
                k = _key(name)
                if k and len(k.split()) <= _MAX_NGRAM and k not in bodies:
                    self.names.add(k, m.key)
            for who in m.issuer + ((m.country,) if m.country else ()):
                self.issuers[_key(who)].add(m.key)
                if m.country:
                    self.countries[_key(who)] = m.country
            if m.kind not in MEASURE_KINDS or m.prominence <= 0:
                continue  # only prominent measures are linked by dates and content
            for d in m.dates:
                self.months[(d.year, d.month)].add(m.key)
                self.month_days[(d.month, d.day)].add(m.key)
            for d in m.dates:
                self.recent.append((d, m.key))
            for chip in m.chips:
                self.chips.add(_key(chip), m.key)
            for chip in m.compliant_chips:
                self.compliant.add(_key(chip), m.key)
            self.compliant_of[m.key] = frozenset(_key(chip) for chip in m.compliant_chips)
            for t in m.targets + m.companies:
                self.targets.add(_key(t), m.key)
            for w in m.topic_words + m.materials:
                self.topic.add(_key(w), m.key)
        self.recent.sort()
        self._fit_index(catalogue, c)

    def _fit_index(self, catalogue: Catalogue, c: dict) -> None:
        """Distinctive words of each Federal Register rule's title and abstract (words and
        word pairs that few other documents use): what the text must say for a date to link
        a rule the press rarely names, and what breaks a tie between two rules of one day."""
        stop = frozenset(_key(w) for w in c["fit_stopwords"])
        terms_of: dict[str, set[str]] = {}
        for m in catalogue:
            if m.kind not in MEASURE_KINDS or not m.official or m.kind == "list":
                continue
            words = [w for w in tokens(m.official_name + " . " + (m.abstract or "")) if w != "."]
            terms: set[str] = set()
            for i, w in enumerate(words):
                if w in stop or len(w) < 3 or w.isdigit():
                    continue
                terms.add(w)
                if i + 1 < len(words) and words[i + 1] not in stop and len(words[i + 1]) >= 3:
                    terms.add(w + " " + words[i + 1])
            terms_of[m.key] = terms
        df: dict[str, int] = defaultdict(int)
        for terms in terms_of.values():
            for t in terms:
                df[t] += 1
        most = max(2, round(_FIT_SHARE * len(terms_of)))
        self.fit = _Table()
        self.fit_months: dict[tuple[int, int], set[str]] = defaultdict(set)
        for key, terms in terms_of.items():
            for t in terms:
                if df[t] <= most:
                    self.fit.add(t, key)
            m = catalogue[key]
            if m.kind != "notice":
                for d in m.dates:
                    self.fit_months[(d.year, d.month)].add(key)

    def fit_words(self, words: Sequence[str]) -> dict[str, list[str]]:
        """Key -> the distinctive single words of its title and abstract found in the words."""
        out: dict[str, list[str]] = defaultdict(list)
        for _, n, g in self.fit.scan(words):
            if n == 1:
                for key in self.fit[g]:
                    if g not in out[key]:
                        out[key].append(g)
        return dict(out)

    # -- cue readers --------------------------------------------------------------------
    def name_hits(self, words: Sequence[str]) -> list[tuple[int, str, set[str]]]:
        """(length, name, keys) for every catalogue name in the words, longest first."""
        hits = [(n, g, self.names[g]) for _, n, g in self.names.scan(words)]
        return sorted(hits, key=lambda h: -h[0])

    def by_dates(self, spans: Iterable[DateSpan]) -> dict[str, tuple[float, str]]:
        out: dict[str, tuple[float, str]] = {}
        for s in spans:
            y, mo = s.start.year, s.start.month
            while (y, mo) <= (s.end.year, s.end.month):
                for key in self.months.get((y, mo), ()):
                    m = self.catalogue[key]
                    if any(s.contains(d, _SLACK[s.granularity]) for d in m.dates):
                        w = _DATE[s.granularity]
                        if w > out.get(key, (0.0, ""))[0]:
                            out[key] = (w, s.text)
                y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return out

    def announced_between(self, start: date, end: date) -> list[str]:
        i = bisect.bisect_left(self.recent, (start, ""))
        out = []
        while i < len(self.recent) and self.recent[i][0] <= end:
            if self.recent[i][1] not in out:
                out.append(self.recent[i][1])
            i += 1
        return out

    @staticmethod
    def all_in(table: _Table, words: Sequence[str], given: Iterable[str] = ()) -> dict[str, list[str]]:
        """Key -> every phrase of the table found in the words or given (normalised), in order."""
        out: dict[str, list[str]] = defaultdict(list)
        for g in [g for _, _, g in table.scan(words)] + [g for g in given if g in table]:
            for key in table[g]:
                if g not in out[key]:
                    out[key].append(g)
        return dict(out)

    @staticmethod
    def words_in(table: _Table, words: Sequence[str]) -> dict[str, str]:
        """Key -> the first phrase of the table found in the words."""
        out: dict[str, str] = {}
        for _, _, g in table.scan(words):
            for key in table.get(g, ()):
                out.setdefault(key, g)
        return out

    def places(self, words: Sequence[str], *, countries: bool = True) -> set[str]:
        """Issuing countries and bodies named in the words (normalised names); a place
        after "on", "to", "against"... is a target, not an issuer."""
        found: set[str] = set()
        tables = (self.place_words, self.body_words) if countries else (self.body_words,)
        for table in tables:
            for i, _, g in table.scan(words):
                if not (i and words[i - 1] in _TARGET_PREPOSITIONS):
                    found |= table[g]
        return found

    def known_issuers(self, names: Iterable[str]) -> set[str]:
        """The given issuer names that the catalogue knows, directly or by a place or body
        word in them ("US government" -> United States); unknown names rule nothing out."""
        out = set()
        for name in names:
            k = _key(name or "")
            if k in self.issuers:
                out.add(k)
            else:
                out |= self.places(k.split())
        return out

    def same_body(self, m: Measure, issuers: set[str]) -> bool:
        """Like :meth:`issuer_ok`, but a body given (not a country) must be one of the
        measure's own bodies: the Commerce Department's list is not the Pentagon's."""
        bodies = {i for i in issuers if i in self.countries and _key(self.countries[i]) != i}
        if not bodies:
            return self.issuer_ok(m, issuers)
        return bool(bodies & {_key(x) for x in m.issuer})

    def issuer_ok(self, m: Measure, issuers: set[str]) -> bool:
        if not issuers:
            return True
        mine = {_key(x) for x in m.issuer} | ({_key(m.country)} if m.country else set())
        theirs = issuers | {_key(self.countries[i]) for i in issuers if i in self.countries}
        return bool(mine & theirs)


_INDEXES: dict[int, tuple[Catalogue, MeasureIndex]] = {}


def measure_index(catalogue: Catalogue | None = None) -> MeasureIndex:
    """The index of a catalogue (the packaged one by default), built once per catalogue."""
    cat = catalogue if catalogue is not None else load_catalogue()
    hit = _INDEXES.get(id(cat))
    if hit is None or hit[0] is not cat:
        hit = (cat, MeasureIndex(cat))
        _INDEXES[id(cat)] = hit  # keeps the catalogue alive, so its id is not reused
    return hit[1]


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", str(value))
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    if not 1 <= mo <= 12:
        return None
    d = int(m.group(3)) if m.group(3) else calendar.monthrange(y, mo)[1]  # "2023-10": its last day
    try:
        return date(y, mo, d)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _date_opener() -> re.Pattern:
    words = sorted(cues()["sentence_date_openers"], key=len, reverse=True)
    return re.compile(r"(?i)\W*(?:" + "|".join(re.escape(w) for w in words) + r")")


def _month_only(value: date | str | None) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()) is not None


def _usable(spans: list[DateSpan], month_only: bool) -> list[DateSpan]:
    """Without the article's day (a month-only date), a day counted from it ("on Thursday",
    "yesterday", "last week") is a guess: only dates the text spells out, and months, stay."""
    if not month_only:
        return spans
    names = set(_month_words()) | set(_month_words().values())
    return [s for s in spans if s.granularity in ("month", "year") or any(ch.isdigit() for ch in s.text)
            or any(w.rstrip(".").lower() in names for w in s.text.split())]


def attached_dates(phrase: str, sentence: str, today: date | None) -> list[DateSpan]:
    """The date of ``sentence`` that dates the measure ``phrase`` names: the nearest one
    within ``_DATE_REACH`` characters of the phrase with no clause of another subject
    between ("…, according to X, who said the scheme began in May" dates the scheme), else
    one opening the sentence ("On May 2, 2024, the agency issued rules"); "unveiled rules in
    2022 and tightened them last October" dates the rules 2022. A sentence that does not
    hold the phrase gives all its dates."""
    spans = resolve_dates(sentence, today)
    if not spans:
        return []
    low = sentence.casefold()
    at = low.find(phrase.casefold()) if phrase else -1
    if at < 0:
        return spans
    end = at + len(phrase)
    opener = _date_opener()
    inside, near, opening = [], [], []
    for sp in spans:
        i = low.find(sp.text.casefold())
        if i < 0:
            continue
        j = i + len(sp.text)
        if at <= i < end:
            inside.append(sp)
            continue
        gap = sentence[j:at] if j <= at else sentence[end:i]
        if len(gap) <= _DATE_REACH and not _DATE_BREAK.search(gap):
            near.append((len(gap), sp))
        elif j <= at:
            lead = sentence[:i].strip()
            if not lead or opener.fullmatch(lead):
                opening.append(sp)
    if inside:
        return inside
    if near:
        return [min(near, key=lambda x: x[0])[1]]
    return opening


def link_measure(cues_: MeasureCues, catalogue: Catalogue | None = None) -> MeasureLink | None:
    """The catalogue measure the mention means, with a confidence and the deciding cue;
    ``None`` when the text does not identify one."""
    idx = measure_index(catalogue)
    cat = idx.catalogue
    today = _as_date(cues_.article_date)
    phrase, sentence = tokens(cues_.phrase), tokens(cues_.sentence)
    scores: dict[str, list] = {}  # key -> [weight, cue, evidence]

    named: set[str] = set()  # what the phrase names: no other cue offers another measure

    def offer(key: str, weight: float, cue: str, evidence: str) -> None:
        if named and key not in named:
            return
        if weight > scores.get(key, [0.0])[0]:
            scores[key] = [weight, cue, evidence]

    hits = idx.name_hits(phrase)
    if hits:
        longest = hits[0][0]
        for n, g, keys in hits:
            if n == longest:
                for k in keys:
                    offer(k, _NAME, "name", g)
        named = set(scores)
    # "the Commerce Department … its export control list": a body's own name for its list,
    # with that body (or its country) given as the issuer
    early: set[str] | None = None
    for n, g, keys in sorted(((n, g, idx.body_names[g]) for _, n, g in idx.body_names.scan(phrase)), key=lambda h: -h[0]):
        if hits and n < hits[0][0]:
            break  # a longer name in the phrase says which measure it is
        if early is None:  # a body, not only a country: a country keeps lists of other names too
            early = {i for i in idx.places(phrase) | idx.known_issuers(cues_.issuer)
                     if i in idx.countries and _key(idx.countries[i]) != i}
        for k in keys:
            if early and idx.same_body(cat[k], early):
                named.add(k)
                offer(k, _NAME, "name", g)
        break
    pj = " ".join(phrase)
    is_new = bool(idx.recency_pattern.search(pj))
    # a rule is not the list its sentence names ("the foreign direct product rule … the Entity List")
    rule_head = bool(phrase) and phrase[-1] in idx.rule_nouns
    if not hits and sentence and not is_new:  # a "new rule" beside a named one is another rule
        for n, g, keys in idx.name_hits(sentence):
            if n >= 2 or not g.isalpha():  # one bare word in a sentence names nothing
                for k in keys:
                    if not (rule_head and cat[k].kind == "list"):
                        offer(k, _NAME_SENTENCE, "name-in-sentence", g)
    rough = _month_only(cues_.article_date)
    # "expanding the already existing controls": the sentence's date is the expansion's
    prior = not is_new and bool(idx.prior_pattern.search(pj))
    spans = _usable(resolve_dates(cues_.phrase, today), rough) or \
        ([] if prior else _usable(attached_dates(cues_.phrase, cues_.sentence, today), rough))
    for k, (w, text) in idx.by_dates(spans).items():
        offer(k, w, "date", text)
    # a rule the press rarely names: its date and what its title and abstract say
    fit = idx.fit_words(sentence + phrase)
    for s_ in spans:
        if s_.granularity == "year":
            continue
        y, mo = s_.start.year, s_.start.month
        while (y, mo) <= (s_.end.year, s_.end.month):
            for k in idx.fit_months.get((y, mo), ()):
                if len(fit.get(k, ())) >= _FIT_WITH_DATE and any(s_.contains(d, _SLACK[s_.granularity]) for d in cat[k].dates):
                    offer(k, _DATE[s_.granularity], "date", f"{s_.text}; {', '.join(fit[k])}")
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    # a sentence set in the past ("rules in 2022 … met the new limitations") is not news of the
    # article's weeks: "new" there is new then, and nothing links by recency
    past = bool(today) and any(sp.end < today - _RECENCY_WINDOW for sp in resolve_dates(cues_.sentence, today))
    if today and not spans and not past and not prior:  # no date: a rule of the weeks before the article that the text describes
        for k, words in fit.items():
            start = cat[k].start
            if len(words) >= _FIT_ALONE and start and timedelta(0) <= today - start <= _FIT_WINDOW:
                offer(k, _RECENCY, "recency", ", ".join(words))
    if today is None:  # a day without a year still names a measure's day
        for mo, d, text in days_without_year(cues_.phrase) or days_without_year(cues_.sentence):
            for k in idx.month_days.get((mo, d), ()):
                offer(k, _DAY_NO_YEAR, "date", text)
    if today and is_new and not past:
        for k in idx.announced_between(today - _RECENCY_WINDOW, today + timedelta(days=1)):
            offer(k, _RECENCY, "recency", cues_.phrase)
    # chips: the relations' chips and the phrase's are restricted; the sentence's too, unless
    # it says they were made to pass a measure, and then they are that measure's compliant chips
    complying = next(iter(idx.compliance.scan(sentence)), None) is not None
    given = [c for c in map(_key, cues_.chips) if c]
    restricted = idx.all_in(idx.chips, phrase if complying else sentence + phrase, given)
    said_restricted = set(given).union(*restricted.values())
    for k, chips in restricted.items():
        start = cat[k].start
        if today is None or (start and timedelta(0) <= today - start <= _CHIPS_WINDOW):
            # with the article's date, a chip decides only for a measure of the past year
            offer(k, _CHIPS + _MORE_CHIPS * (len(chips) - 1), "chips", ", ".join(chips))
    if complying:
        for k, chips in idx.all_in(idx.compliant, sentence).items():
            start = cat[k].start
            if today is None or (start and start <= today):
                offer(k, _CHIPS + _MORE_CHIPS * (len(chips) - 1), "chips", ", ".join(chips))
    if not scores:
        return None

    # the issuer the phrase names is this mention's; the given ones are the whole entity's
    # a place inside the name itself ("list of ... the Chinese military") is not its issuer
    own = phrase
    for i, n, _ in idx.names.scan(phrase):
        if n == (hits[0][0] if hits else 0):
            own = phrase[:i] + phrase[i + n:]
            break
    # and only before its first preposition of a target: "revoked waivers to X ... to their
    # Chinese plants" names no issuer; "Chinese curbs on US chips" does
    cut = next((i for i, w in enumerate(own) if i and w in _TARGET_PREPOSITIONS), len(own))
    issuers = idx.places(own[:cut]) or idx.known_issuers(cues_.issuer)
    if not issuers:
        in_sentence = idx.places(sentence, countries=False)
        issuers = in_sentence if len(in_sentence) == 1 else set()
    targets = idx.words_in(idx.targets, sentence + tuple(_key(t) for t in cues_.targets))
    topic = idx.words_in(idx.topic, sentence + phrase)
    rescinding = bool(idx.rescission_words & set(phrase))
    described = any(len(fit.get(k, ())) >= _FIT_WITH_DATE for k in scores)
    ranked = []
    countries = {_key(c) for c in cues_.issuer_countries if c}
    for key, (w, cue, ev) in scores.items():
        m = cat[key]
        if not (idx.issuer_ok(m, issuers) if cue == "name" else idx.same_body(m, issuers)):
            continue  # (a body that issues measures of its own, given as the issuer, rules out another body's)
        if countries and not issuers and _key(m.country or "") not in countries:
            continue  # an issuer the catalogue does not know: not any of its measures
        if today and cue != "name" and m.start and m.start > today + timedelta(days=2):
            continue  # the article cannot mean a measure that did not exist yet
        if cue != "name" and said_restricted & idx.compliant_of.get(key, frozenset()):
            continue  # it let that chip through: the text means another measure
        if cue == "recency":
            support = topic.get(key) or (restricted[key][0] if key in restricted else None) \
                or targets.get(key) or (min(issuers) if issuers else None) \
                or (", ".join(fit[key]) if len(fit.get(key, ())) >= _FIT_ALONE else None)
            if support is None:
                continue  # new and recent, but nothing else points to it
            ev = f"{ev}; {support}"
        bonus = 0.1 * m.prominence
        bonus += 0.1 if (key in restricted and cue != "chips") else 0.0
        bonus += 0.05 if key in targets else 0.0
        if cue != "name":
            bonus += min(_FIT_BONUS_MAX, _FIT_BONUS * len(fit.get(key, ())))
            if described and not fit.get(key):
                bonus -= _FIT_BONUS * 2  # the text describes another rule's content, not this one's
        if key in topic:
            bonus += 0.15
        elif (m.topic_words or m.materials) and cue != "name":
            bonus -= 0.1  # a measure on tools or materials needs them named
        bonus += 0.05 if (issuers and cue != "name") else 0.0
        if m.rescinds:
            bonus += 0.2 if rescinding else -0.3
        ranked.append((w + bonus, w, key, cue, ev))  # uncapped: two strong ones stay apart
    if not ranked:
        return None
    ranked.sort(key=lambda r: (-r[0], r[2]))
    best = ranked[0]
    if best[1] < _MIN_CONFIDENCE and best[0] < _MIN_CONFIDENCE + 0.1:
        return None
    if len(ranked) > 1 and best[0] - ranked[1][0] < _MIN_MARGIN:
        return None
    return MeasureLink(cat[best[2]], round(min(1.0, best[0]), 3), best[3], best[4])


@lru_cache(maxsize=1)
def _listing_patterns() -> tuple[dict[str, re.Pattern], re.Pattern, dict[str, int]]:
    c = cues()
    actions = {a: re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in sorted(v["text"], key=len, reverse=True)) + r")\b")
               for a, v in c["listing_actions"].items()}
    numbers = {k: int(v) for k, v in c["number_words"].items() if int(v) > 1}
    num = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    nouns = "|".join(sorted(map(re.escape, c["listing_nouns"]), key=len, reverse=True))
    count = re.compile(rf"(?i)\b(?P<n>\d{{1,4}}|(?:{num})(?:[- ](?:{num}))?)\s+(?P<mods>(?:[\w.-]+\s+){{0,3}}?)(?:{nouns})\b")
    return actions, count, numbers


_ADDING = re.compile(r"(?i)\b(?:adding|removing|adds|removes)\s+(?:a\s+total\s+of\s+)?(?P<n>\d{1,4}|[a-z]+(?:-[a-z]+)?)\s+(?:entities|entries|persons|parties)")
_DESTINATION = re.compile(r"(?P<place>[A-Z][A-Za-z'. ]*?)\)?\s*\((?P<n>\d{1,4})\)")


def _abstract_counts(abstract: str, numbers: dict[str, int]) -> tuple[set[int], dict[str, int]]:
    """The numbers of entries an FR listing rule's abstract gives: in all ("adding 37
    entities"), and per destination ("China (23)", normalised names)."""
    total = {n for m in _ADDING.finditer(abstract) if (n := _number(m.group("n"), numbers))}
    places: dict[str, int] = {}
    for m in _DESTINATION.finditer(abstract):
        places.setdefault(_key(m.group("place").split("(")[-1]), int(m.group("n")))
    return total, places


def _number(text: str, numbers: dict[str, int]) -> int | None:
    """``text`` as a number: digits, or number words ("thirty-six", "Thirteen")."""
    if text.isdigit():
        return int(text)
    parts = re.split(r"[- ]", text.lower())
    vals = [numbers.get(p) for p in parts]
    return sum(vals) if vals and all(vals) else None


def _article_span(value: date | str | None) -> tuple[date, date] | None:
    """The days an article date stands for: one day, or a whole month ("2024-05")."""
    if value is None:
        return None
    if isinstance(value, date):
        return value, value
    d = _as_date(value)
    if d is None:
        return None
    if re.match(r"^\d{4}-\d{2}$", str(value).strip()):
        return date(d.year, d.month, 1), d
    return d, d


#: Days between a listing's announcement (the text's date of it) and its FR rule, and
#: between the rule and an article reporting the listing without a date of its own.
#: A stated day may be the rule's own (publication, effect): a few days before it count too.
_LISTING_BEFORE_STATED, _LISTING_AFTER_STATED, _LISTING_BEFORE_ARTICLE, _LISTING_AFTER_ARTICLE = 3, 12, 14, 10


def listing_rule(list_key: str, phrase: str, sentence: str, article_date: date | str | None = None,
                 catalogue: Catalogue | None = None) -> Measure | None:
    """The Federal Register rule that made the listing a sentence reports ("BIS added 37
    entities to the Entity List on May 9"; "… were removed from the Unverified List"), or
    None.  The sentence must say entries were added or removed; the rule is a document of
    that list's changes (its title names the list, its title or abstract the same action)
    published within days of the listing's date (the date the sentence gives, else the
    article's), and the only one there, or the only one whose abstract gives the number of
    entries the sentence states. A year alone, or two rules the text cannot tell apart, give
    nothing."""
    c = cues()
    titles = c["listing_titles"].get(list_key)
    if not titles:
        return None
    actions, count_re, numbers = _listing_patterns()
    said = [a for a, rx in actions.items() if rx.search(sentence)]
    if len(said) != 1:
        return None
    action = said[0]
    span = _article_span(article_date)
    today = span[1] if span else None
    rough = _month_only(article_date)
    dates = [d for d in (_usable(resolve_dates(phrase, today), rough) or _usable(attached_dates(phrase, sentence, today), rough))
             if d.granularity != "year"]
    if dates:
        lo = min(d.start for d in dates) - timedelta(days=_LISTING_BEFORE_STATED)
        hi = max(d.end for d in dates) + timedelta(days=_LISTING_AFTER_STATED)
    elif span:
        lo, hi = span[0] - timedelta(days=_LISTING_BEFORE_ARTICLE), span[1] + timedelta(days=_LISTING_AFTER_ARTICLE)
    else:
        return None
    cat = measure_index(catalogue).catalogue
    official_words = [w.lower() for w in c["listing_actions"][action]["official"]]
    found = []
    for m in cat:
        if not (m.official and m.kind == "rule" and m.published and lo <= m.published <= hi):
            continue
        title = m.official_name.lower()
        if not any(t in title for t in titles):
            continue
        text = (title + " " + (m.abstract or "")).lower()
        if any(re.search(rf"\b{re.escape(w)}\b", text) for w in official_words):
            found.append(m)
    if len(found) <= 1:
        return found[0] if found else None
    # the number of entries the sentence states: of all, or of one country ("23 Chinese companies")
    demonyms = {_key(k): _key(v) for k, v in c["demonyms"].items()}
    stated = []
    for x in count_re.finditer(sentence):
        n = _number(x.group("n"), numbers)
        if n:
            place = next((demonyms[w] for w in tokens(x.group("mods")) if w in demonyms), None)
            stated.append((n, place))

    counts = {m.key: _abstract_counts(m.abstract or "", numbers) for m in found}
    for n, place in stated:  # the first count that only one of them gives
        matching = [m for m in found if n in counts[m.key][0] or (place and counts[m.key][1].get(place) == n)]
        if len(matching) == 1:
            return matching[0]
    return None


_SURFACE_WORD = re.compile(r"[A-Za-z0-9]+(?:[./'\u2019-][A-Za-z0-9]+)*\.?")


_WORD_TOKENS: dict[str, tuple[str, ...]] = {}  # a surface word -> its tokens (words repeat across texts)
_FR_NUMBER = re.compile(r"(?:19|20)\d\d-\d{5}")


def _proper(surface: str) -> bool:
    """A name as the text writes a name: a capitalised word, a number or an acronym in it."""
    return any(w[0].isupper() or any(ch.isdigit() for ch in w) for w in surface.split())


def named_mentions(text: str, catalogue: Catalogue | None = None) -> list[tuple[int, int, str]]:
    """(start, end, catalogue key) of each catalogue name the text writes as a name: an
    official or press name of a measure ("the Covered List", "Section 1260H list") with a
    capitalised word, a number or an acronym in it, that names exactly one measure; the
    longest name wins where names overlap."""
    idx = measure_index(catalogue)
    cache = _WORD_TOKENS
    surface = _SURFACE_WORD.findall(text)
    for g in set(surface).difference(cache):
        cache[g] = tokens(g) if len(cache) < 200_000 else tokens.__wrapped__(g)
    normal = [cache[g] for g in surface]
    # each token with the span of the surface word it comes from ("the" gives none, "U.S.-made" two)
    words = [w for ws in normal for w in ws]
    spans = [s for ws, s in zip(normal, (m.span() for m in _SURFACE_WORD.finditer(text))) for _ in ws]
    out: list[tuple[int, int, str]] = []
    taken = -1
    for i, n, g in idx.names.scan(words):
        keys = idx.names[g]
        if i < taken or len(keys) != 1:
            continue
        start, end = spans[i][0], spans[i + n - 1][1]
        surface = text[start:end].rstrip(".")
        if "\n" in surface or not _proper(surface):
            continue
        if n < 2 and not _FR_NUMBER.fullmatch(surface) and not (surface.isalpha() and surface.isupper() and len(surface) >= 3):
            continue  # one word names a measure only as an FR number or an acronym ("Section 1260H of" is a law)
        out.append((start, start + len(surface), next(iter(keys))))
        taken = i + n
    return out
