"""Listing dates (issue 14): the reference build reads the dated Federal Register citations of
the official Entity List text, strictly, and the packaged data carries them."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGED = REPO / "src" / "chipgraph" / "extract" / "data" / "reference.json"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_reference", REPO / "scripts" / "build_reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("text, expected", [
    ("91 FR 1200, 3/4/26", [["91 FR 1200", "2026-03-04"]]),
    ("64 FR 77, 12/31/99", [["64 FR 77", "1999-12-31"]]),  # two-digit 99 in volume 64: 1999
    ("65 FR 10, 1/2/00", [["65 FR 10", "2000-01-02"]]),  # two-digit 00 in volume 65: 2000
    ("88 FR 5000, 10/09/2023", [["88 FR 5000", "2023-10-09"]]),  # four-digit year
    ("90 FR 12,\n7/1/25.\n90 FR 345 8/30/25", [["90 FR 12", "2025-07-01"], ["90 FR 345", "2025-08-30"]]),
    ("79 FR 4, 2/2/14; 80 FR 9, 6/6/15", [["79 FR 4", "2014-02-02"], ["80 FR 9", "2015-06-06"]]),
    ("82 FR 300 preview citation details, 4/4/17", [["82 FR 300", None]]),  # a date not right after
    ("85 FR 1", [["85 FR 1", None]]),  # no date at all
])
def test_dated_citations_forms(build, text, expected):
    assert build.dated_citations(text) == expected


@pytest.mark.parametrize("text", [
    "84 FR 100, 5/21/20",  # volume 84 is 2019, the date says 2020
    "84 FR 100, 5/21/2018",
    "70 FR 100, 5/21/95",  # volume 70 is 2005: neither 1995 nor 2095
    "84 FR 100, 2/30/19",  # no such day
    "84 FR 100, 13/1/19",  # no such month
])
def test_a_date_that_disagrees_with_its_volume_or_the_calendar_is_dropped(build, text):
    assert build.dated_citations(text) == [["84 FR 100" if text.startswith("84") else "70 FR 100", None]]


def test_name_keys_ignore_case_punctuation_and_legal_suffixes_only(build):
    k = build.name_key
    assert k("Quillfeather Systems Co., Ltd.") == k("QUILLFEATHER SYSTEMS CO LTD") == "quillfeather systems"
    assert k("Quillfeather-Systems, Inc.") == "quillfeather systems"
    assert k("Zürich Optics GmbH") == "zurich optics"
    assert k("Quillfeather Systems Shenzhen") != k("Quillfeather Systems")  # no fuzzy guess
    assert k("Limited") == "limited"  # a name of suffix words alone keeps its last word


def test_packaged_huawei_entity_list_listing_carries_its_first_date():
    data = json.loads(PACKAGED.read_text(encoding="utf-8"))
    row = next(r for r in data["listed"] if r["name"] == "Huawei Technologies Co., Ltd.")
    el = next(lst for lst in row["listings"] if lst["list"] == "Entity List")
    assert ["84 FR 22963", "2019-05-21"] in el["frd"]
    assert el["fr"].startswith("84 FR 22963")  # the citation kept as it was
    dated = [lst for r in data["listed"] for lst in r["listings"] if lst["list"] == "Entity List" and "frd" in lst]
    assert len(dated) > 3000
    for lst in dated:  # every kept date agrees with its volume
        for cite, iso in lst["frd"]:
            assert iso is None or int(iso[:4]) == 1935 + int(cite.split()[0]), (cite, iso)


def test_the_build_matches_rows_to_the_official_text_exactly_or_by_key(build, reference_dir, tmp_path):
    out = tmp_path / "reference.json"
    assert build.main([str(reference_dir), "--out", str(out)]) == 0
    assert out.read_bytes() == PACKAGED.read_bytes()  # deterministic: the packaged file is this build


def test_dictionary_listings_carry_the_first_date_and_the_later_ones():
    from chipgraph.extract.dictionary import _listing_dates, dictionary

    frd = [["90 FR 5", "2025-03-02"], ["88 FR 9", "2023-07-01"], ["89 FR 4", None], ["91 FR 2", "2026-01-05"]]
    assert _listing_dates(frd) == {"listing_date": "2023-07-01", "amendment_dates": "2025-03-02; 2026-01-05"}
    assert _listing_dates([["85 FR 1", None]]) == {} and _listing_dates([]) == {}
    huawei = dictionary().by_name["huawei technologies co., ltd."]
    el = [lst for lst in huawei.listings if lst["list_name"] == "Entity List"]
    assert el and el[0]["listing_date"] == "2019-05-21"
    assert all(isinstance(v, str) for lst in huawei.listings for v in lst.values())  # flat strings
