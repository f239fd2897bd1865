"""Dates in a mention, resolved against the article's date (sentences written for these tests)."""
from __future__ import annotations

from datetime import date

import pytest

from chipgraph.catalogue import resolve_dates

ARTICLE = date(2024, 3, 13)  # a Wednesday

CASES = [
    ("Officials unveiled the curbs on March 4, 2024 in Washington.", "day", date(2024, 3, 4), date(2024, 3, 4)),
    ("The notice dated 4 March 2024 was short.", "day", date(2024, 3, 4), date(2024, 3, 4)),
    ("A filing of 2024-03-04 mentions it.", "day", date(2024, 3, 4), date(2024, 3, 4)),
    ("Rules released on Oct. 9 hit toolmakers.", "day", date(2023, 10, 9), date(2023, 10, 9)),
    ("The curbs from December 2022 still bite.", "month", date(2022, 12, 1), date(2022, 12, 31)),
    ("Limits set in Sept. 2023 were loosened.", "month", date(2023, 9, 1), date(2023, 9, 30)),
    ("The agency's measures of last November angered Beijing.", "month", date(2023, 11, 1), date(2023, 11, 30)),
    ("Curbs announced last February were tightened.", "month", date(2024, 2, 1), date(2024, 2, 29)),
    ("Measures adopted this January took effect.", "month", date(2024, 1, 1), date(2024, 1, 31)),
    ("A ban imposed a year ago is still in place.", "month", date(2023, 3, 1), date(2023, 3, 31)),
    ("Limits first set two years ago were widened.", "month", date(2022, 3, 1), date(2022, 3, 31)),
    ("Rules the agency adopted last year matter.", "year", date(2023, 1, 1), date(2023, 12, 31)),
    ("Controls in place since 2021 apply.", "year", date(2021, 1, 1), date(2021, 12, 31)),
    ("The licence rule announced on Monday surprised traders.", "day", date(2024, 3, 11), date(2024, 3, 11)),
    ("Tuesday's restrictions cover memory.", "day", date(2024, 3, 12), date(2024, 3, 12)),
    ("The rule published yesterday adds firms.", "day", date(2024, 3, 12), date(2024, 3, 12)),
    ("The curbs issued last week target fabs.", "week", date(2024, 3, 1), date(2024, 3, 12)),
]


@pytest.mark.parametrize("text,granularity,start,end", CASES)
def test_dates_resolved(text, granularity, start, end):
    spans = resolve_dates(text, ARTICLE)
    assert spans, text
    s = spans[0]
    assert (s.granularity, s.start, s.end) == (granularity, start, end), text


def test_dates_relative_need_the_article_date():
    assert resolve_dates("the curbs of last November", None) == []
    assert resolve_dates("the curbs of November 2023", None)[0].granularity == "month"


def test_dates_document_numbers_are_not_years():
    assert resolve_dates("document 2023-23055 revised the rule", ARTICLE) == []


def test_dates_impossible_day_is_skipped():
    assert resolve_dates("on February 30, 2024 nothing happened", ARTICLE) == []


def test_dates_days_without_a_year():
    from chipgraph.catalogue.dates import days_without_year

    assert days_without_year("rules issued on Oct. 7 and widened on 17 November") == [
        (10, 7, "Oct. 7"), (11, 17, "17 November")]
    assert days_without_year("rules of October 7, 2022, and of Feb. 30") == []  # a year; no such day
    assert days_without_year("sales fell 7 percent in October") == []
