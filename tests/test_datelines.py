"""The publication date stated at the top of a text (issue 11 item 3): the forms wire and web
articles use, and strictness (a date that is not clearly the article's is not taken)."""
from __future__ import annotations

import pytest

from chipgraph.datelines import refine, stated_date

TITLE = "Kestrel Semi widens its wafer line\n\n"
BODY = "\n\nKestrel Semi, a foundry in Porto, said it would add a second wafer line.\n"


@pytest.mark.parametrize("top, published", [
    # wire datelines, with the year
    ("PORTO, Oct. 7, 2022 (Wire) - Kestrel Semi said it would add a line.", "2022-10-07"),
    ("SAN JOSE, California, Feb. 2, 2024 (Newswire) - Volt Labs said so.", "2024-02-02"),
    ("OSLO/BERGEN, 14 March 2023 — Volt Labs opened an office.", "2023-03-14"),
    # a line that is only a date, with or without a weekday and a time
    ("March 3, 2025", "2025-03-03"),
    ("3 March 2025", "2025-03-03"),
    ("2025-03-03", "2025-03-03"),
    ("Monday, March 3, 2025 10:42 AM", "2025-03-03"),
    ("Sept 9, 2025, 4:05 p.m. EDT", "2025-09-09"),
    ("2024-11-05T14:00:00Z", "2024-11-05"),
    ("PRESS RELEASE | Thursday, April 11, 2024", "2024-04-11"),
    # bylines and cues
    ("By Ana Lima, Wire Service, March 3, 2025", "2025-03-03"),
    ("By Ana Lima | 3rd March 2025", "2025-03-03"),
    ("Published: Oct. 7, 2022 at 3:15 p.m. ET | Updated Oct. 9, 2022", "2022-10-07"),
    ("Updated: 9 October 2022\nPublished: 7 October 2022", "2022-10-07"),
    ("Last updated on 2022-10-09", "2022-10-09"),  # only an update date: taken as the best known
    ("**Posted on June 2, 2024**", "2024-06-02"),
    ("_Date: 2 June 2024_", "2024-06-02"),
])
def test_datelines_forms(top, published):
    assert stated_date(TITLE + top + BODY) == published
    assert stated_date(top + BODY) == published  # also as the very first line


@pytest.mark.parametrize("text", [
    # a date in running text is an event's date, not the article's
    "On March 3, 2025, the ministry added Kestrel Semi to its list.",
    "Kestrel Semi said on 3 March 2025 that it would add a line.",
    "The rule, published Oct. 7, 2022, covers wafers.",
    "The deadline is 2025-03-03 for all filings.",
    # not a real day, or an ambiguous numeric form
    "February 30, 2024",
    "Monday, April 11, 2024",  # 11 April 2024 was a Thursday
    "03/04/2025",
    "March 3, 1850",
    # a dateline without a year, and no year known
    "PORTO, Oct 7 (Wire) - Kestrel Semi said it would add a line.",
    "PORTO (Wire) - Kestrel Semi said it would add a line.",
    # past the first lines
    "One.\nTwo.\nThree.\nFour.\nFive.\nSix.\nSeven.\nMarch 3, 2025",
])
def test_datelines_strict(text):
    assert stated_date(text + BODY) is None


def test_datelines_year_from_the_metadata_completes_a_dateline():
    text = "PORTO, Oct 7 (Wire) - Kestrel Semi said it would add a line." + BODY
    assert stated_date(text, "2022") == "2022-10-07"
    assert stated_date(text, "2022-10") == "2022-10-07"
    assert stated_date(text, "2022-11") is None  # the month disagrees: not this dateline
    assert stated_date("LISBON (Oct 7): Volt Labs opened an office." + BODY, "2023") == "2023-10-07"


def test_datelines_published_wins_over_a_plain_date_and_an_update():
    text = "Updated 10 May 2024\n9 May 2024\nPublished 8 May 2024" + BODY
    assert stated_date(text) == "2024-05-08"
    assert stated_date("Updated 10 May 2024\n9 May 2024" + BODY) == "2024-05-09"


def test_datelines_refine_keeps_a_full_metadata_date_and_completes_a_partial_one():
    text = "PORTO, Oct 7, 2022 (Wire) - Kestrel Semi said it would add a line." + BODY
    assert refine(text, "2022-10-08") == "2022-10-08"  # the metadata's full date wins
    assert refine(text, "2022-10") == "2022-10-07"
    assert refine(text, "2021") == "2021"  # contradicts: the metadata stands
    assert refine(text, None) == "2022-10-07"
    assert refine(BODY, None) is None
