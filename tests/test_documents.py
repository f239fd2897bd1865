"""Reading sources: formats, metadata, and a clear error for each kind of bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipgraph.documents import find_sources, read_file, read_sources


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_documents_txt_with_sidecar_metadata(tmp_path):
    f = write(tmp_path / "a.txt", "Nvidia makes the H100.\n")
    write(tmp_path / "a.meta.json", json.dumps({"title": "T", "publisher": "P", "published": "2025-01"}))
    res = read_file(f)
    assert not res.errors
    (doc,) = res.documents
    assert (doc.key, doc.title, doc.publisher, doc.published) == ("a.txt", "T", "P", "2025-01")
    assert doc.text == "Nvidia makes the H100.\n"


def test_documents_url_is_the_key_when_given(tmp_path):
    f = write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "a.meta.json", json.dumps({"url": "https://example.org/x"}))
    assert read_file(f).documents[0].key == "https://example.org/x"


def test_documents_markdown_front_matter(tmp_path):
    f = write(tmp_path / "b.md", "---\ntitle: Chips\npublisher: Wire\n---\nThe body text.\n")
    (doc,) = read_file(f).documents
    assert doc.title == "Chips" and doc.publisher == "Wire"
    assert doc.text == "The body text.\n"


def test_documents_html_main_text_only(tmp_path):
    body = " ".join(["The Commerce Department restricted exports of the H20 to China."] * 6)
    html = (f"<html><head><title>Rule news</title></head><body><nav>Home | About | Login</nav>"
            f"<article><h1>Rule news</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Copyright footer text</footer></body></html>")
    (doc,) = read_file(write(tmp_path / "c.html", html)).documents
    assert "Commerce Department restricted exports" in doc.text
    assert "Login" not in doc.text and "Copyright footer" not in doc.text
    assert doc.title == "Rule news"


def test_documents_jsonl_good_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": "First article.", "title": "One", "url": "https://e.org/1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "Second article.", "published": "2024-04-04", "publisher": "X"}),
    ]
    res = read_file(write(tmp_path / "d.jsonl", "\n".join(lines) + "\n"))
    assert [d.text for d in res.documents] == ["First article.", "Second article."]
    assert res.documents[0].key == "https://e.org/1"
    problems = {str(e) for e in res.errors}
    assert any(p.startswith(f"{tmp_path / 'd.jsonl'}:2: not valid JSON") for p in problems)
    assert any(p.startswith(f"{tmp_path / 'd.jsonl'}:3: missing or empty 'text'") for p in problems)
    assert any(p.startswith(f"{tmp_path / 'd.jsonl'}:4: each line must be a JSON object") for p in problems)
    assert len(res.errors) == 3


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "no text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Caf\u00e9 export rules".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3)"),
])
def test_documents_bad_input_names_file_and_problem(tmp_path, name, data, problem):
    res = read_file(write(tmp_path / name, data))
    assert not res.documents
    (error,) = res.errors
    assert str(error).startswith(str(tmp_path / name))
    assert problem in str(error)


def test_documents_huge_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # a sparse 50 MB file
        fh.truncate(50 * 1024 * 1024)
    res = read_file(big)
    (error,) = res.errors
    assert "52.4 MB, larger than the 1 MB limit" in str(error)


def test_documents_file_just_over_the_limit_is_refused(tmp_path):
    """Issue 15 item 9: a 9 MB single-line file no longer reaches extraction."""
    big = tmp_path / "line.txt"
    big.write_text("Volt Labs sells Z900 boards. " * 40_000, encoding="utf-8")  # 1.16 MB, one line
    (error,) = read_file(big).errors
    assert "larger than the 1 MB limit" in error.problem
    assert read_file(big, max_bytes=2 << 20).documents  # a caller may allow more


def test_documents_folder_walk_is_sorted_and_reports_bad_paths(tmp_path):
    write(tmp_path / "src" / "b.txt", "B.")
    write(tmp_path / "src" / "a.md", "A.")
    write(tmp_path / "src" / "a.meta.json", "{}")
    write(tmp_path / "src" / "notes.pdf", b"%PDF")
    files, errors = find_sources([tmp_path / "src", tmp_path / "missing.txt", tmp_path / "src" / "notes.pdf"])
    assert [f.name for f in files] == ["a.md", "b.txt"]
    assert [e.problem for e in errors] == ["no such file or folder",
                                          "unsupported file type '.pdf'; expected one of .txt, .md, .html, .htm, .jsonl"]
    results = list(read_sources([tmp_path / "src"]))
    assert [d.key for r in results for d in r.documents] == ["a.md", "b.txt"]


def test_documents_bad_sidecar_is_reported(tmp_path):
    f = write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "a.meta.json", "{oops")
    (error,) = read_file(f).errors
    assert str(error).startswith(str(tmp_path / "a.meta.json")) and "bad metadata file" in str(error)


def test_documents_markdown_front_matter_with_crlf(tmp_path):
    f = write(tmp_path / "w.md", b"---\r\ntitle: Chips\r\n---\r\nThe body text.\r\n")
    (doc,) = read_file(f).documents
    assert doc.title == "Chips"
    assert doc.text.strip() == "The body text."
