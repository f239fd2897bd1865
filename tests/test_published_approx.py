"""An approximate publication date (``published_approx`` in a sidecar, front matter or a
JSONL line): kept apart from the stated date, used to resolve relative dates in the text."""
from __future__ import annotations

import json

import pytest

from chipgraph.documents import read_file
from chipgraph.extract import extract
from chipgraph.extract.output import extraction_json


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def doc_with(tmp_path, meta: dict, text="A trade group met in a hotel ballroom.\n"):
    f = write(tmp_path / "a.txt", text)
    write(tmp_path / "a.meta.json", json.dumps(meta))
    out = read_file(f)
    assert not out.errors, out.errors
    return out.documents[0]


@pytest.mark.parametrize("approx", ["2024-05", "2024-05-16", "2024"])
def test_approx_alone_is_the_article_date_but_never_the_stated_one(tmp_path, approx):
    doc = doc_with(tmp_path, {"published_approx": approx, "note": "estimated from the address"})
    assert doc.published is None
    assert doc.published_approx == approx and doc.article_date == approx


def test_an_exact_full_date_wins_and_the_estimate_is_dropped(tmp_path):
    doc = doc_with(tmp_path, {"published": "2024-05-20", "published_approx": "2024-04"})
    assert (doc.published, doc.published_approx, doc.article_date) == ("2024-05-20", None, "2024-05-20")


def test_a_date_stated_at_the_top_of_the_text_wins_over_the_estimate(tmp_path):
    doc = doc_with(tmp_path, {"published_approx": "2024-05"}, "Published: June 3, 2024\n\nA trade group met.\n")
    assert doc.published == "2024-06-03" and doc.published_approx is None


def test_an_estimate_refines_a_coarser_exact_date_it_agrees_with(tmp_path):
    doc = doc_with(tmp_path, {"published": "2024", "published_approx": "2024-05"})
    assert (doc.published, doc.article_date) == ("2024", "2024-05")
    doc = doc_with(tmp_path, {"published": "2024", "published_approx": "2023-11"})  # contradicts: dropped
    assert (doc.published_approx, doc.article_date) == (None, "2024")


def test_a_bad_estimate_is_a_clear_error_naming_the_file_and_field(tmp_path):
    f = write(tmp_path / "b.txt", "Some text.\n")
    write(tmp_path / "b.meta.json", json.dumps({"published_approx": "spring 2024"}))
    out = read_file(f)
    assert not out.documents and "published_approx" in str(out.errors[0]) and "b.meta.json" in str(out.errors[0])


def test_jsonl_and_front_matter_carry_the_estimate_too(tmp_path):
    f = write(tmp_path / "c.jsonl", json.dumps({"text": "Some text.", "published_approx": "2022-10"}) + "\n")
    assert read_file(f).documents[0].published_approx == "2022-10"
    g = write(tmp_path / "d.md", "---\npublished_approx: 2023-01\n---\nSome text.\n")
    assert read_file(g).documents[0].article_date == "2023-01"


def test_relative_dates_resolve_against_the_estimate(tmp_path):
    """"last October" in an article dated only approximately (month precision) still
    names the rules of that October; without the estimate nothing dates them."""
    text = ("Toolmakers are still counting the cost of the export restrictions imposed last October "
            "on advanced computing chips bound for China.\n")
    f = write(tmp_path / "e.txt", text)
    undated = [e for e in extraction_json(extract(read_file(f).documents[0]))["entities"] if e["type"] == "ExportControl"]
    assert all("official" not in e for e in undated)
    write(tmp_path / "e.meta.json", json.dumps({"published_approx": "2023-03", "note": "month from the address"}))
    doc = read_file(f).documents[0]
    out = extraction_json(extract(doc))
    assert out["document"]["published_approx"] == "2023-03" and "published" not in out["document"]
    [m] = [e for e in out["entities"] if e["type"] == "ExportControl"]
    assert m.get("official") == "2022-21658"
