"""The publication date stated at the top of an article's text.

Wire and web articles print their date in the first lines: a dateline (``CITY, Month D,
YYYY (Agency) -``), a line that is only a date (``March 3, 2025``, ``3 March 2025``,
``2025-03-03``, optionally with a weekday and a time), a byline with a date, or a cue
(``Published: …``, ``Updated …``) — see ``data/datelines.json`` for the cue words and how
many lines are read.  Reading is strict: a date in running text ("On March 3, 2025, the
agency …") is an event's date, not the article's, and is never taken; a weekday that
does not fall on the date rejects it; a dateline without a year (``WASHINGTON, Oct 7
(Reuters) -``) gives a date only when the year is known from the metadata (a sidecar's
``published: 2022`` or ``2022-10``).  A ``Published`` date wins over a plain or dateline
date, and those over an ``Updated`` date.  The text itself is never changed.

Month and weekday names come from python-dateutil's :class:`~dateutil.parser.parserinfo`.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["stated_date", "refine"]

# ranks: lower wins
_PUBLISHED, _PLAIN, _PARTIAL, _UPDATED = 0, 1, 2, 3


@dataclass(frozen=True)
class _Rules:
    date: re.Pattern  # one date (named groups), at the start of a string
    dateline: re.Pattern  # PLACE, DATE (Agency) - at the start of a line
    cue: re.Pattern  # (published|updated cue) :? on? at the start of a segment
    byline: re.Pattern  # By NAME, DATE
    byline_cut: re.Pattern  # where the date after a byline's name may start
    separators: re.Pattern
    published: frozenset[str]
    lines: int
    years: range


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    from dateutil.parser import parserinfo

    data = json.loads(resources.files("chipgraph").joinpath("data", "datelines.json")
                      .read_text(encoding="utf-8"))
    info = parserinfo()
    mon = _alternation({n for names in info.MONTHS for n in names})
    wd = _alternation({n for names in info.WEEKDAYS for n in names})
    time = (r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
            r"|(?![\w-])(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
            r"(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?)?)")
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    date = (rf"(?:(?P<wd>(?i:{wd}))\.?,?\s+)?"
            rf"(?:(?P<m1>(?i:{mon}))\.?\s+(?P<d1>{day})(?:,?\s+(?P<y1>\d{{4}}))?"
            rf"|(?P<d2>{day})\s+(?:of\s+)?(?P<m2>(?i:{mon}))\.?(?:,?\s+(?P<y2>\d{{4}}))?"
            rf"|(?P<y3>\d{{4}})(?P<sep>[-/])(?P<m3>[01]\d)(?P=sep)(?P<d3>[0-3]\d)(?!\d))"
            rf"{time}")
    place = r"[A-Z][A-Z.'’&-]+(?:[ /][A-Z][A-Z.'’&-]*)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)*)*"
    dateline = rf"(?P<place>{place})(?:,\s*|\s*\(\s*)(?P<date>{date})\)?(?:\s*\([A-Z][\w.&' -]{{0,30}}\))?\s*[-—–:]"
    cues = {**{w: "published" for w in data["published"]}, **{w: "updated" for w in data["updated"]}}
    return _Rules(
        date=re.compile(date),
        dateline=re.compile(dateline),
        cue=re.compile(rf"(?P<cue>(?i:{_alternation(cues)}))\s*:?\s*(?:(?i:on)\s+)?"),
        byline=re.compile(rf"(?i:{_alternation(data['byline'])})\s+\S.{{0,120}}$"),
        byline_cut=re.compile(r",\s*|\s(?i:on)\s+"),
        separators=re.compile("|".join(re.escape(s) for s in data["separators"])),
        published=frozenset(w.lower() for w in data["published"]),
        lines=int(data["lines"]),
        years=range(int(data["min_year"]), int(data["max_year"]) + 1),
    )


@dataclass(frozen=True)
class _Found:
    rank: int
    year: int | None
    month: int
    day: int


def _date(m: re.Match, r: _Rules) -> _Found | None:
    """The date a match of ``r.date`` names (``year`` None when it gives none), if real."""
    from dateutil.parser import parserinfo

    info = parserinfo()
    g = m.groupdict()
    if g["y3"]:
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
    else:
        name, d, y = (g["m1"], g["d1"], g["y1"]) if g["m1"] else (g["m2"], g["d2"], g["y2"])
        month, day, year = info.month(name), int(re.match(r"\d+", d).group()), int(y) if y else None
    if year is not None and year not in r.years:
        return None
    try:
        when = dt.date(year or 2000, month, day)  # a leap year checks 29 February
    except (TypeError, ValueError):
        return None
    if year is not None and g["wd"] and info.weekday(g["wd"]) != when.weekday():
        return None  # "Monday, March 3, 2025" is not a real day
    return _Found(_PLAIN, year, month, day)


def _whole(text: str, r: _Rules) -> _Found | None:
    """``text`` is exactly one date (and perhaps a time)."""
    m = r.date.match(text)
    return _date(m, r) if m and m.end() == len(text) else None


def _segment(seg: str, r: _Rules) -> _Found | None:
    seg = seg.strip(" \t*_#>`~[]()").strip()
    if not seg:
        return None
    found = _whole(seg, r)
    if found:
        return found
    cue = r.cue.match(seg)
    if cue:
        found = _whole(seg[cue.end():].strip(" .,"), r)
        if found:
            rank = _PUBLISHED if cue.group("cue").lower() in r.published else _UPDATED
            return _Found(rank, found.year, found.month, found.day)
        return None
    if r.byline.match(seg):  # "By NAME[, AGENCY], DATE": the date is the tail after a comma or "on"
        for cut in r.byline_cut.finditer(seg):
            found = _whole(seg[cut.end():].strip(" ."), r)
            if found:
                return found
    return None


def _line_dates(line: str, r: _Rules) -> list[_Found]:
    out = []
    dl = r.dateline.match(line)
    if dl:
        found = _date(r.date.match(dl.group("date")), r)
        if found:
            out.append(found if found.year else _Found(_PARTIAL, None, found.month, found.day))
    if len(line) <= 200:
        for seg in r.separators.split(line):
            found = _segment(seg, r)
            if found and found.year:
                out.append(found)
    return out


def stated_date(text: str, known: str | None = None) -> str | None:
    """The publication date (``YYYY-MM-DD``) the first lines of ``text`` state, or None.

    ``known`` is the date the metadata gives (``YYYY`` or ``YYYY-MM``): it supplies the year
    of a dateline that has none, and a stated date that contradicts it is not taken."""
    r = _rules()
    lines = [ln.strip() for ln in text[:4000].splitlines() if ln.strip()][:r.lines]
    found = [f for ln in lines for f in _line_dates(ln, r)]
    year = month = None
    if known:
        parts = known.split("-")
        year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else None
    best = None
    for f in sorted(found, key=lambda f: f.rank):  # stable: the first line wins a tie
        y = f.year if f.year is not None else year
        if y is None or (year is not None and y != year) or (month is not None and f.month != month):
            continue
        best = dt.date(y, f.month, f.day)
        break
    return best.isoformat() if best else None


def refine(text: str, published: str | None) -> str | None:
    """``published`` (metadata) made a full date from the text when the text states one."""
    if published and len(published) == 10:
        return published
    return stated_date(text, published) or published
