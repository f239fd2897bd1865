"""Reading sources: formats, metadata, and a clear error for each kind of bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipgraph.documents import find_sources, legacy_key, path_key, read_file, read_sources


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
    assert (doc.key, doc.title, doc.publisher, doc.published) == (f.resolve().as_posix(), "T", "P", "2025-01")
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
    results = list(read_sources([tmp_path / "src"], base=tmp_path))
    assert [d.key for r in results for d in r.documents] == ["src/a.md", "src/b.txt"]


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


# -- document identity (issue 15 item 10) ---------------------------------------------------
def test_documents_same_file_name_in_two_folders_gives_two_keys(tmp_path):
    x = write(tmp_path / "x" / "report.txt", "Volt Labs opened a design office in Porto.\n")
    y = write(tmp_path / "y" / "report.txt", "Kestrel Semi shipped its first wafers.\n")
    keys = [read_file(f, base=tmp_path).documents[0].key for f in (x, y)]
    assert keys == ["x/report.txt", "y/report.txt"]


def test_documents_path_key_is_the_same_however_the_file_is_named(tmp_path, monkeypatch):
    f = write(tmp_path / "x" / "report.txt", "Text.")
    monkeypatch.chdir(tmp_path)
    forms = [f, Path("x/report.txt"), Path("./x/../x/report.txt"), tmp_path / "x" / "." / "report.txt"]
    assert {path_key(p) for p in forms} == {"x/report.txt"}
    assert {read_file(p).documents[0].key for p in forms} == {"x/report.txt"}
    # outside the current folder: the absolute path
    monkeypatch.chdir(tmp_path / "x")
    assert path_key(tmp_path / "y.txt") == (tmp_path / "y.txt").resolve().as_posix()


def test_documents_jsonl_keys_follow_the_path(tmp_path):
    lines = [json.dumps({"text": "Volt Labs sells boards.", "title": "Boards"}),
             json.dumps({"text": "Kestrel Semi sells wafers."})]
    f = write(tmp_path / "feeds" / "news.jsonl", "\n".join(lines) + "\n")
    assert [d.key for d in read_file(f, base=tmp_path).documents] == ["feeds/news.jsonl#Boards",
                                                                     "feeds/news.jsonl#2"]


def test_documents_legacy_key_is_the_bare_file_name(tmp_path):
    f = tmp_path / "x" / "news.jsonl"
    assert legacy_key("x/news.jsonl", f, tmp_path) == "news.jsonl"
    assert legacy_key("x/news.jsonl#Boards", f, tmp_path) == "news.jsonl#Boards"
    assert legacy_key("x/news.jsonl#2", f, tmp_path) == "news.jsonl#2"
    assert legacy_key("https://example.org/a", f, tmp_path) is None  # URL keys never changed
    assert legacy_key("news.jsonl", tmp_path / "news.jsonl", tmp_path) is None  # same key


def test_documents_a_file_named_twice_is_read_once(tmp_path):
    f = write(tmp_path / "src" / "a.txt", "A.")
    files, errors = find_sources([tmp_path / "src", f, tmp_path / "src" / ".." / "src" / "a.txt"])
    assert files == [f] and not errors


# -- publication dates (issue 11 item 3) ------------------------------------------------------
_BODY = "".join(f"<p>Paragraph {i}: the foundry Kestrel Semi shipped more wafers this quarter "
                f"than last, its finance chief told analysts on a call.</p>" for i in range(6))


@pytest.mark.parametrize("head, body_top, published", [
    ('<meta property="article:published_time" content="2024-05-06T08:00:00Z">', "", "2024-05-06"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"headline": "Wafers", "datePublished": "2023-11-02T10:00:00+00:00", "dateModified": "2024-01-09"}'
     '</script>', "", "2023-11-02"),
    ("", '<time datetime="2022-09-14">Sept. 14, 2022</time>', "2022-09-14"),
    ("", "", None),
])
def test_documents_html_publication_date_from_the_markup(tmp_path, head, body_top, published):
    html = (f"<html><head><title>Wafers</title>{head}</head><body>{body_top}"
            f"<article><h1>Wafers</h1>{_BODY}</article></body></html>")
    (doc,) = read_file(write(tmp_path / "p.html", html)).documents
    assert doc.published == published


def test_documents_html_date_is_not_guessed_from_a_copyright_line(tmp_path):
    html = (f"<html><head><title>Wafers</title></head><body><article>{_BODY}</article>"
            f"<footer>(c) 2021 Example Media, all rights reserved</footer></body></html>")
    assert read_file(write(tmp_path / "p.html", html)).documents[0].published is None


def test_documents_dateline_in_plain_text_gives_the_date(tmp_path):
    f = write(tmp_path / "w.txt", "Kestrel ships wafers\n\nPORTO, May 5, 2024 (Wire) - Kestrel Semi "
                                  "shipped its first wafers on Sunday.\n")
    (doc,) = read_file(f).documents
    assert doc.published == "2024-05-05"
    assert doc.text.startswith("Kestrel ships wafers\n\nPORTO, May 5, 2024 (Wire) -")  # text unchanged


def test_documents_dateline_without_a_year_needs_the_year_from_metadata(tmp_path):
    text = "PORTO, May 5 (Wire) - Kestrel Semi shipped its first wafers.\n"
    f = write(tmp_path / "w.txt", text)
    assert read_file(f).documents[0].published is None  # no year: no guess
    write(tmp_path / "w.meta.json", json.dumps({"published": "2024"}))
    assert read_file(f).documents[0].published == "2024-05-05"
    write(tmp_path / "w.meta.json", json.dumps({"published": "2024-06"}))  # contradicts: keep it
    assert read_file(f).documents[0].published == "2024-06"


def test_documents_sidecar_date_wins_over_the_text(tmp_path):
    f = write(tmp_path / "w.txt", "Published: March 3, 2025\nKestrel Semi shipped wafers.\n")
    write(tmp_path / "w.meta.json", json.dumps({"published": "2025-03-04"}))
    assert read_file(f).documents[0].published == "2025-03-04"


def test_documents_markdown_published_line_after_front_matter(tmp_path):
    f = write(tmp_path / "m.md", "---\ntitle: Wafers\n---\n# Wafers\n\n*Updated 9 June 2024 | "
                                 "Published 2 June 2024*\n\nKestrel Semi shipped wafers.\n")
    (doc,) = read_file(f).documents
    assert (doc.title, doc.published) == ("Wafers", "2024-06-02")


def test_documents_jsonl_line_gets_its_dateline_date(tmp_path):
    lines = [json.dumps({"text": "OSLO, 4 February 2023 - Volt Labs opened an office.", "title": "A"}),
             json.dumps({"text": "Volt Labs opened an office on 4 February 2023.", "title": "B"})]
    docs = read_file(write(tmp_path / "n.jsonl", "\n".join(lines))).documents
    assert [d.published for d in docs] == ["2023-02-04", None]
