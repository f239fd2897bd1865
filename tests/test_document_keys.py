"""Document identity (issue 15 item 10): `x/report.txt`, then `y/report.txt` in a later run, are
two documents; a real replacement is reported as one; a store written before path keys
(documents keyed by the bare file name) is re-keyed on re-ingest, never duplicated."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.extract import extractor_version
from chipgraph.model import Document
from chipgraph.pipeline import extract_document
from chipgraph.store import Store

runner = CliRunner()
X_TEXT = "Kestrel Semi, a foundry in Porto, makes the K7 chip for Volt Labs.\n"
Y_TEXT = "Volt Labs, a startup in Oslo, designs the V2 accelerator.\n"


def cli(store: Path, *args: str):
    return runner.invoke(app, ["--store", str(store), *args], catch_exceptions=False)


def keys(store: Path) -> list[str]:
    res = cli(store, "query", "SELECT ?k WHERE { ?d a cg:Document ; dcterms:identifier ?k } ORDER BY ?k",
              "--format", "json")
    return [b["k"]["value"] for b in json.loads(res.stdout)["results"]["bindings"]]


@pytest.fixture()
def here(tmp_path, monkeypatch) -> Path:
    """A working folder with x/report.txt and y/report.txt (same name, other text)."""
    for sub, text in (("x", X_TEXT), ("y", Y_TEXT)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_keys_same_name_two_folders_two_runs(here):
    store = here / "store"
    first = cli(store, "ingest", "x")
    assert first.exit_code == 0 and "1 added, 0 replaced, 0 unchanged, 0 failed" in first.output
    second = cli(store, "ingest", "y")
    assert second.exit_code == 0 and "1 added, 0 replaced, 0 unchanged, 0 failed" in second.output
    assert keys(store) == ["x/report.txt", "y/report.txt"]
    # the first article is still there, with its own entities
    labels = cli(store, "query", "SELECT ?l WHERE { ?e skos:prefLabel ?l }", "--format", "csv").stdout
    assert "Kestrel Semi" in labels and "Volt Labs" in labels
    # however the file is named again, it is the same document
    again = cli(store, "ingest", str(here / "x" / "report.txt"), "./y")
    assert "0 added, 0 replaced, 2 unchanged, 0 failed" in again.output
    (here / "y" / "report.txt").write_text(Y_TEXT + "It ships in June.\n", encoding="utf-8")
    edited = cli(store, "ingest", "x", "y")
    assert edited.exit_code == 0 and "0 added, 1 replaced, 1 unchanged, 0 failed" in edited.output
    assert keys(store) == ["x/report.txt", "y/report.txt"]
    assert cli(store, "validate").exit_code == 0


def _old_style_store(path: Path, docs: dict[str, str]) -> None:
    """A store as chipgraph wrote it before path keys: documents keyed by the bare file name."""
    with Store(path) as s:
        for key, text in docs.items():
            s.add_extraction(extract_document(Document(key=key, text=text, source=key)),
                             extractor_version=extractor_version())


def test_keys_old_store_is_re_keyed_not_duplicated(here, tmp_path_factory):
    store = here / "store"
    _old_style_store(store, {"report.txt": X_TEXT})
    res = cli(store, "ingest", "x")
    assert res.exit_code == 0, res.output
    assert "0 added, 0 replaced, 0 unchanged, 1 re-keyed, 0 failed" in res.output
    assert keys(store) == ["x/report.txt"]
    assert cli(store, "validate").exit_code == 0
    # the same graph as a store that never knew the old key
    fresh = tmp_path_factory.mktemp("fresh") / "store"
    assert "1 added" in cli(fresh, "ingest", "x").output
    assert cli(store, "export", "-f", "nquads").stdout_bytes == cli(fresh, "export", "-f", "nquads").stdout_bytes
    # and the next run has nothing to do
    assert "0 added, 0 replaced, 1 unchanged, 0 failed" in cli(store, "ingest", "x").output


def test_keys_old_copy_left_by_an_interrupted_re_key_is_removed(here):
    """A kill between writing the new key and removing the old one leaves both: the next
    ingest removes the old one."""
    store = here / "store"
    assert cli(store, "ingest", "x").exit_code == 0
    _old_style_store(store, {"report.txt": X_TEXT})
    assert keys(store) == ["report.txt", "x/report.txt"]
    res = cli(store, "ingest", "x")
    assert "0 added, 0 replaced, 0 unchanged, 1 re-keyed, 0 failed" in res.output
    assert keys(store) == ["x/report.txt"]


def test_keys_old_copy_with_other_text_is_kept_with_a_warning(here):
    store = here / "store"
    _old_style_store(store, {"report.txt": "Kestrel Semi opened a plant in Braga.\n"})
    res = cli(store, "ingest", "x")
    assert res.exit_code == 0, res.output
    assert "1 added, 0 replaced, 0 unchanged, 0 failed" in res.output
    assert "warning: x/report.txt: the store also holds a document under the old key 'report.txt'" in res.stderr
    assert "chipgraph remove 'report.txt'" in res.stderr
    assert keys(store) == ["report.txt", "x/report.txt"]


def test_keys_old_jsonl_keys_are_re_keyed(here):
    lines = [json.dumps({"text": X_TEXT, "title": "Kestrel"}), json.dumps({"text": Y_TEXT})]
    (here / "feeds").mkdir()
    (here / "feeds" / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = here / "store"
    _old_style_store(store, {"news.jsonl#Kestrel": X_TEXT, "news.jsonl#2": Y_TEXT})
    res = cli(store, "ingest", "feeds")
    assert "0 added, 0 replaced, 0 unchanged, 2 re-keyed, 0 failed" in res.output, res.output
    assert keys(store) == ["feeds/news.jsonl#2", "feeds/news.jsonl#Kestrel"]


def test_keys_a_file_in_the_current_folder_keeps_its_document(here):
    """`report.txt` in the current folder has the key an old store used for x/report.txt:
    a stored `report.txt` may then be that file's, and ingesting x/ leaves it alone."""
    (here / "report.txt").write_text(X_TEXT, encoding="utf-8")
    store = here / "store"
    assert "1 added" in cli(store, "ingest", "report.txt").output
    res = cli(store, "ingest", "x")
    assert "1 added, 0 replaced, 0 unchanged, 0 failed" in res.output
    assert keys(store) == ["report.txt", "x/report.txt"]


def test_keys_url_is_the_identity_whatever_the_path(here):
    store = here / "store"
    for sub in ("x", "y"):
        (here / sub / "report.meta.json").write_text('{"url": "https://example.org/k7"}', encoding="utf-8")
    assert "1 added" in cli(store, "ingest", "x").output
    res = cli(store, "ingest", "y")  # the same URL with other text: a replacement, said so
    assert "0 added, 1 replaced, 0 unchanged, 0 failed" in res.output
    assert keys(store) == ["https://example.org/k7"]
