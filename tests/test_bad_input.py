"""Issue 15, items 8-11: bad input gets `error: FILE[:LINE]: problem` and the batch goes on.

Every case is built here by hand (no corpus text) and fed to the real `chipgraph ingest`
in one batch with good files around it; then the store must validate.
"""
from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.documents import read_file
from chipgraph.store import Store

runner = CliRunner()
GOOD = "Acme Chips shipped its Z900 accelerator to a laboratory in Oslo last spring.\n"


def cli(*argv: str):
    return runner.invoke(app, list(argv), catch_exceptions=False)


def put(folder: Path, name: str | bytes, data: str | bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def side(folder: Path, stem: str, meta: str) -> None:
    put(folder, f"{stem}.txt", GOOD)
    put(folder, f"{stem}.meta.json", meta)


# (file the error names, words of the problem) for each bad input of the batch
EXPECTED = [
    ("digits.meta.json", "digit"),
    ("deep.meta.json", "nested too deeply"),
    ("lines.jsonl:2", "digit"),
    ("bad\\xffname.txt", "not valid UTF-8"),
    ("baddate.meta.json", "real date"),
    ("truetitle.meta.json", "must be a string, not true"),
    ("truedate.meta.json", "must be a string, not true"),
    ("badurl.meta.json", "http(s) address"),
    ("spaceurl.meta.json", "http(s) address"),
    ("late-nul.txt", "NUL character"),
    ("dangling.txt", "broken symbolic link"),
    ("utf16-bad.txt", "not valid UTF-16"),
]


@pytest.fixture()
def batch(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    put(src, "a-good.txt", GOOD)
    side(src, "digits", '{"title": "T", "published": ' + "9" * 5000 + "}")
    side(src, "deep", "[" * 100_000 + "]" * 100_000)
    put(src, "lines.jsonl", "\n".join([
        json.dumps({"text": GOOD, "title": "first line"}),
        '{"text": "x", "n": ' + "7" * 6000 + "}",
        json.dumps({"text": "Volt Labs bought 40 Z900 boards for its Paris site.", "title": "third line"})]))
    put(src, b"bad\xffname.txt", GOOD)
    side(src, "baddate", json.dumps({"published": "2025-99-99"}))
    side(src, "truetitle", json.dumps({"title": True}))
    side(src, "truedate", json.dumps({"published": True}))
    side(src, "badurl", json.dumps({"url": "ftp//not a url"}))
    side(src, "spaceurl", json.dumps({"url": "https://example.org/a b"}))
    put(src, "late-nul.txt", GOOD * 200 + "\x00" + GOOD)  # past the first 8 KB
    os.symlink(src / "gone.txt", src / "dangling.txt")
    put(src, "utf16.txt", codecs.BOM_UTF16_LE + "Nordic Silicon licensed the Z900 design.\n".encode("utf-16-le"))
    put(src, "utf16-bad.txt", codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00")  # a lone surrogate
    put(src, "z-good.txt", "Volt Labs opened a chip design office in Lisbon.\n")
    return src


def test_bad_inputs_each_get_one_clear_error_and_the_batch_goes_on(batch, tmp_path):
    store = tmp_path / "store"
    res = cli("--store", str(store), "ingest", str(batch))
    lines = [ln for ln in res.output.splitlines() if ln.startswith("error: ")]
    assert "Traceback" not in res.output and res.exit_code == 1
    for name, words in EXPECTED:
        hits = [ln for ln in lines if f"{name}: " in ln]
        assert len(hits) == 1 and words in hits[0], (name, lines)
    assert len(lines) == len(EXPECTED), lines
    with Store(store, read_only=True) as s:  # the good files, the UTF-16 one, 2 JSONL lines
        titles = {str(r["t"]) for r in s.query(
            "SELECT ?t WHERE { ?d a cg:Document ; dcterms:title ?t }")}
        assert {"first line", "third line"} <= titles
        assert len(s.query("SELECT ?d WHERE { ?d a cg:Document }")) == 5
    assert cli("--store", str(store), "validate").exit_code == 0


def test_bad_input_utf16_with_bom_is_read(tmp_path):
    f = put(tmp_path, "u.txt", codecs.BOM_UTF16_BE + "Chips from Oslo.\n".encode("utf-16-be"))
    (doc,) = read_file(f).documents
    assert doc.text == "Chips from Oslo.\n"


@pytest.mark.parametrize("value, stored", [("2024", "2024"), ("2024-02", "2024-02"), ("2024-02-29", "2024-02-29"),
                                           ("2024-02-29T10:00:00Z", "2024-02-29"), (2023, "2023")])
def test_bad_input_valid_dates_are_kept(tmp_path, value, stored):
    side(tmp_path, "d", json.dumps({"published": value}))
    assert read_file(tmp_path / "d.txt").documents[0].published == stored


@pytest.mark.parametrize("value", ["2023-02-29", "2025-13", "20250101", "yesterday", "2025-1-5"])
def test_bad_input_invalid_dates_are_refused(tmp_path, value):
    side(tmp_path, "d", json.dumps({"published": value}))
    (error,) = read_file(tmp_path / "d.txt").errors
    assert "real date" in error.problem


def test_bad_input_bind_with_a_bad_iri_is_a_clear_error(tmp_path):
    res = cli("--store", str(tmp_path / "s"), "query", "SELECT ?u WHERE { ?u ?p ?o }", "--bind", "u=<a b>")
    assert res.exit_code != 0 and "Traceback" not in res.output
    assert "not a valid IRI" in res.output
