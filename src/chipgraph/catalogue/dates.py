"""Dates named in a phrase or sentence, resolved against the article's own date.

``resolve_dates("the rules announced last October", date(2023, 3, 2))`` gives one
:class:`DateSpan` for October 2022. Handled: full dates ("October 7, 2022", "7 October
2022", "2022-10-07"), month and year ("in December 2024", "Oct. 2023"), a day without a
year ("on Oct. 7"), a bare month ("last October", "this March", "in October"), years
("in 2023", "last year", "this year", "two years ago", "a year ago"), weekdays ("on
Tuesday"), "yesterday", "last week", "last month", "the week before". Month and weekday names
come from :mod:`calendar`; number words and abbreviations from ``data/cues.json``.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .build import data_file


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date
    granularity: str  # day | week | month | year
    text: str

    def contains(self, d: date, slack: int = 0) -> bool:
        return self.start - timedelta(days=slack) <= d <= self.end + timedelta(days=slack)


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads(data_file("cues.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int], re.Pattern, frozenset[str]]:
    months = {}
    for i in range(1, 13):
        months[calendar.month_name[i].lower()] = i
        months[calendar.month_abbr[i].lower()] = i
    months.update(cues()["month_abbreviations"])
    weekdays = {calendar.day_name[i].lower(): i for i in range(7)}
    numbers = dict(cues()["number_words"])
    mon = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    wd = "|".join(sorted(weekdays, key=len, reverse=True))
    num = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
        rf"|(?P<mdy>\b(?P<m1>{mon})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?)"
        rf"|(?P<dmy>\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{mon})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b)"
        rf"|(?P<my>\b(?P<m3>{mon})\.?(?:\s+of)?,?\s+(?P<y3>(?:19|20)\d\d)\b)"
        rf"|(?P<rm>\b(?P<rel>last|this|past|in|since|early|late|mid-?)\s+(?P<m4>{mon})\b\.?(?!,?\s+(?:(?:19|20)\d\d|[0-3]?\d\b)))"
        rf"|(?P<ago>\b(?P<n>{num}|\d+)\s+(?P<unit>years?|months?|weeks?|days?)\s+(?:ago|earlier|before)\b)"
        rf"|(?P<ry>\b(?P<ryw>last|this|past|previous|next)\s+(?P<unit2>year|month|week)\b)"
        rf"|(?P<wb>\bthe\s+(?P<unit3>week|month|year)\s+before\b)"
        rf"|(?P<yd>\byesterday\b)"
        rf"|(?P<wk>\b(?:on\s+|last\s+)?(?P<wd>{wd})\b)"
        rf"|(?P<yr>(?<![\d-])(?P<y4>(?:19|20)\d\d)(?![\d-]))",
        re.IGNORECASE)
    trigger = frozenset({*months, *weekdays, *cues()["date_trigger_words"]})
    return months, weekdays, numbers, pattern, trigger


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(d: date, months: int) -> tuple[int, int]:
    idx = d.year * 12 + (d.month - 1) + months
    return idx // 12, idx % 12 + 1


def _day_without_year(m: int, d: int, ref: date | None) -> date | None:
    if ref is None:
        return None
    try:
        out = date(ref.year, m, d)
        return out if out <= ref + timedelta(days=1) else date(ref.year - 1, m, d)
    except ValueError:
        return None


def resolve_dates(text: str, article_date: date | None = None) -> list[DateSpan]:
    """Every date the text names, as spans; relative ones need ``article_date``."""
    return list(_resolve(text, article_date))


def days_without_year(text: str) -> list[tuple[int, int, str]]:
    """(month, day, words) of each day the text names without a year ("on Oct. 7"): what an
    article without a date of its own still says about when."""
    return list(_days_without_year(text))


@lru_cache(maxsize=512)
def _days_without_year(text: str) -> tuple[tuple[int, int, str], ...]:
    months = _tables()[0]
    out = []
    for m in _date_matches(text):
        g = m.groupdict()
        if (g["mdy"] or g["dmy"]) and not (g["y1"] or g["y2"]):
            mon, day = months[(g["m1"] or g["m2"]).lower()], int(g["d1"] or g["d2"])
            if 1 <= day <= calendar.monthrange(2024, mon)[1]:  # a leap year: Feb. 29 exists
                out.append((mon, day, m.group(0)))
    return tuple(out)


@lru_cache(maxsize=512)
def _date_matches(text: str) -> tuple[re.Match, ...]:
    """The date pattern's matches in the text (a sentence is read for its dates by several
    callers: kept for the last few hundred texts)."""
    _, _, _, pattern, trigger = _tables()
    return tuple(_matches(text, pattern, trigger))


_WORD_START = re.compile(r"[A-Za-z0-9]+")


def _matches(text: str, pattern: re.Pattern, trigger: frozenset[str]) -> list[re.Match]:
    """``pattern.finditer(text)``, but tried only where a date can start: at a trigger word
    (a number, a month, a weekday, "last", "ago"...) or up to two words before one. Same
    answer, a fraction of the cost on long sentences."""
    words = [(w.start(), w.group(0)) for w in _WORD_START.finditer(text)]
    hot = [w[0].isdigit() or w.lower() in trigger for _, w in words]
    if not any(hot):
        return []
    out, covered = [], -1
    for i, (pos, _) in enumerate(words):
        if pos < covered or not any(hot[i:i + 3]):
            continue
        m = pattern.match(text, pos)
        if m and m.end() > m.start():
            out.append(m)
            covered = m.end()
    return out


@lru_cache(maxsize=4096)
def _resolve(text: str, article_date: date | None) -> tuple[DateSpan, ...]:
    months, weekdays, numbers, pattern, trigger = _tables()
    ref = article_date
    out: list[DateSpan] = []
    for m in _date_matches(text):
        g = m.groupdict()
        span: tuple[date, date, str] | None = None
        try:
            if g["iso"]:
                d = date(int(g["iy"]), int(g["im"]), int(g["id"]))
                span = (d, d, "day")
            elif g["mdy"] or g["dmy"]:
                mon = months[(g["m1"] or g["m2"]).lower()]
                day, year = int(g["d1"] or g["d2"]), g["y1"] or g["y2"]
                d = date(int(year), mon, day) if year else _day_without_year(mon, day, ref)
                if d:
                    span = (d, d, "day")
            elif g["my"]:
                span = (*_month_span(int(g["y3"]), months[g["m3"].lower()]), "month")
            elif g["rm"] and ref:
                mon, rel = months[g["m4"].lower()], g["rel"].lower()
                if rel in ("last", "past"):
                    year = ref.year if mon < ref.month else ref.year - 1
                else:
                    year = ref.year if mon <= ref.month else ref.year - 1
                span = (*_month_span(year, mon), "month")
            elif g["ago"] and ref:
                n = numbers.get(g["n"].lower()) or int(g["n"])
                unit = g["unit"].lower().rstrip("s")
                if unit == "year":
                    y, mo = _shift_month(ref, -12 * n)
                    span = (*_month_span(y, mo), "month")
                elif unit == "month":
                    y, mo = _shift_month(ref, -n)
                    span = (*_month_span(y, mo), "month")
                else:
                    days = n * (7 if unit == "week" else 1)
                    d = ref - timedelta(days=days)
                    span = (d - timedelta(days=3 if unit == "week" else 0), d, "week" if unit == "week" else "day")
            elif (g["ry"] or g["wb"]) and ref:
                unit = (g["unit2"] or g["unit3"]).lower()
                step = 0 if (g["ryw"] or "").lower() == "this" else (1 if (g["ryw"] or "").lower() != "next" else -1)
                if unit == "year":
                    span = (date(ref.year - step, 1, 1), date(ref.year - step, 12, 31), "year")
                elif unit == "month":
                    span = (*_month_span(*_shift_month(ref, -step)), "month")
                elif step:
                    span = (ref - timedelta(days=12 * step), ref - timedelta(days=step), "week")
                else:
                    span = (ref - timedelta(days=ref.weekday()), ref, "week")
            elif g["yd"] and ref:
                d = ref - timedelta(days=1)
                span = (d, d, "day")
            elif g["wk"] and ref:
                back = (ref.weekday() - weekdays[g["wd"].lower()]) % 7 or 7
                d = ref - timedelta(days=back)
                span = (d, d, "day")
            elif g["yr"]:
                y = int(g["y4"])
                span = (date(y, 1, 1), date(y, 12, 31), "year")
        except (ValueError, KeyError):
            span = None
        if span:
            out.append(DateSpan(span[0], span[1], span[2], m.group(0)))
    return tuple(out)
