"""Reading sources into :class:`~chipgraph.model.Document` values.

Supported: ``.txt``, ``.md`` (optional YAML-style front matter), ``.html``/``.htm`` (main
text only, via trafilatura) and ``.jsonl`` (one document per line: ``text`` plus optional
``title``, ``url``, ``published``, ``publisher``, ``published_approx``).  A ``NAME.meta.json``
beside a txt/md/html file supplies the same metadata fields; when none gives a full
publication date, the date the top of the text states is taken (:mod:`chipgraph.datelines`).
``published_approx`` (an editor's estimate, often with a ``note``) is kept apart: it is
never the document's stated date, only the date that "last October" in the text resolves
against when no exact date is known (or it refines a coarser one: ``published: 2024``,
``published_approx: 2024-05``); a full exact date always wins.

A document's identity (its key, see ``docs/documents.md``) is its URL when the metadata
gives one; otherwise :func:`path_key`, the file's path relative to the current folder (or
its absolute path outside it), so ``x/report.txt`` and ``y/report.txt`` are two documents;
a JSONL line adds ``#title`` or ``#line``.

Every problem is an :class:`~chipgraph.errors.InputError` that names the file (and line)
and the problem; a bad line of a JSONL file does not stop its other lines.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .datelines import refine
from .errors import InputError
from .model import Document

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
META_FIELDS = ("title", "url", "published", "publisher", "published_approx")
_DATE_FIELDS = ("published", "published_approx")
#: Largest source file read, in bytes (a news article is a few dozen kB).  Lowered from
#: 10 MB: extraction of one megabyte-long text grows faster than its size (measured by
#: ``bench/big_input.py``), so a 9 MB file did not finish; 1 MB is twenty long articles.
MAX_BYTES = 1024 * 1024
_SNIFF = 8192
#: Byte-order marks read as that encoding (longest first: UTF-32 LE starts like UTF-16 LE).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: htmldate's options for an HTML page's date: its markup only, and a fixed latest date.
_HTML_DATES = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def path_key(path: str | Path, base: str | Path | None = None) -> str:
    """The key of a source file that has no URL: its resolved path relative to ``base``
    (default: the current folder) when it lies under it, else its absolute path; ``/``
    separated.  The same file gets the same key however it was named on the command line
    (``x``, ``./x/report.txt``, an absolute path); two files never share one."""
    p = Path(path).resolve()
    try:
        return p.relative_to(Path(base if base is not None else os.getcwd()).resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def legacy_key(key: str, path: str | Path, base: str | Path | None = None) -> str | None:
    """The key that chipgraph before path keys gave the document ``key`` read from ``path``
    (the bare file name, plus ``#title`` or ``#line`` for JSONL), or None when it is the
    same key or ``key`` is a URL."""
    fk = path_key(path, base)
    if key == fk:
        old = Path(path).name
    elif key.startswith(fk + "#"):
        old = Path(path).name + key[len(fk):]
    else:
        return None
    return old if old != key else None


def find_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into the source files to read, in a stable order (a file
    named twice, as itself and inside a folder, is read once)."""
    found: list[Path] = []
    errors: list[InputError] = []

    def usable(f: Path) -> bool:
        if f.name.startswith(".") or f.suffix.lower() not in SUFFIXES:
            return False
        if f.is_symlink() and not f.exists():
            errors.append(InputError(str(f), f"broken symbolic link (to {os.readlink(f)!r})"))
            return False
        if not _utf8_name(f):
            errors.append(InputError(str(f), "the file name is not valid UTF-8; rename the file"))
            return False
        return f.is_file()

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if usable(f)))
        elif p.is_symlink() and not p.exists():
            errors.append(InputError(str(p), f"broken symbolic link (to {os.readlink(p)!r})"))
        elif p.is_file() and not _utf8_name(p):
            errors.append(InputError(str(p), "the file name is not valid UTF-8; rename the file"))
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                errors.append(InputError(str(p), f"unsupported file type {p.suffix or '(none)'!r}; "
                                         f"expected one of {', '.join(SUFFIXES)}"))
            else:
                found.append(p)
        else:
            errors.append(InputError(str(p), "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in found:
        real = f.resolve()
        if real not in seen:
            seen.add(real)
            unique.append(f)
    return unique, errors


def _utf8_name(path: Path) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode(path: Path, data: bytes) -> str:
    """The text of ``data``: UTF-8, or the UTF-16/32 its byte-order mark names."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:_SNIFF]:
        raise InputError(str(path), "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        name = {"utf-8-sig": "UTF-8"}.get(encoding or "utf-8", (encoding or "utf-8").upper())
        raise InputError(str(path), f"not valid {name} (byte 0x{data[exc.start]:02x} at offset "
                                    f"{exc.start}); convert it to UTF-8 first") from exc
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(str(path), f"contains a NUL character (at character {nul:,}): binary "
                                    f"data, not text")
    return text


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(str(path), "empty file")
        if size > max_bytes:
            raise InputError(str(path), f"file is {size / 1e6:.1f} MB, larger than the "
                                        f"{max_bytes / 1e6:.0f} MB limit for one source")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    text = _decode(path, data)
    if not text.strip():
        raise InputError(str(path), "no text (only white space)")
    return text


def _published(value: str, where: str, name: str = "published") -> str:
    """An ISO 8601 date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; a time after it is dropped)."""
    m = _ISO_DATE.fullmatch(value)
    try:
        if not m:
            raise ValueError
        year, month, day = (int(g) if g else None for g in m.groups())
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise InputError(where, f"field {name!r} must be a real date as YYYY, YYYY-MM or "
                                f"YYYY-MM-DD, not {value[:40]!r}") from None
    return "-".join(g for g in m.groups() if g)


def _url(value: str, where: str) -> str:
    """An absolute http(s) address that is a valid IRI."""
    import pyoxigraph as ox

    parts = urlsplit(value)
    try:
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http(s) address with a host")
        ox.NamedNode(value)
    except ValueError as exc:
        raise InputError(where, f"field 'url' must be an http(s) address, not {value[:80]!r} "
                                f"({exc})") from None
    return value


def _meta_from(obj: dict, where: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for k in META_FIELDS:
        v = obj.get(k)
        if v is None:
            continue
        # a year may be a number; true/false and everything else are not metadata values
        if isinstance(v, bool) or not (isinstance(v, str) or (k in _DATE_FIELDS and isinstance(v, int))):
            raise InputError(where, f"field {k!r} must be a string, not {json.dumps(v)[:40]}")
        text = str(v).strip()
        if "\x00" in text:
            raise InputError(where, f"field {k!r} contains a NUL character")
        if text:
            meta[k] = text
    return _checked(meta, where)


def _checked(meta: dict[str, str], where: str) -> dict[str, str]:
    for k in _DATE_FIELDS:
        if k in meta:
            meta[k] = _published(meta[k], where, k)
    if "url" in meta:
        meta["url"] = _url(meta["url"], where)
    return meta


def _json(text: str, where: str):
    """Parsed JSON; a malformed, too deeply nested or too long number is an InputError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply") from None
    except ValueError as exc:  # an integer past Python's digit limit
        raise InputError(where, f"not usable JSON ({str(exc).split(';')[0]})") from None


def _sidecar(path: Path) -> dict[str, str]:
    side = path.with_name(path.stem + ".meta.json")
    if not side.is_file():
        return {}
    try:
        text = side.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(side), f"bad metadata file: {exc}") from exc
    try:
        obj = _json(text, str(side))
    except InputError as exc:
        raise InputError(str(side), f"bad metadata file: {exc.problem}") from None
    if not isinstance(obj, dict):
        raise InputError(str(side), "metadata must be a JSON object")
    return _meta_from(obj, str(side))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` delimited ``key: value`` lines at the top of a Markdown file."""
    if text.startswith("---\r\n"):  # Windows line endings
        text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = {}
    for line in text[4:end].splitlines():
        k, sep, v = line.partition(":")
        if sep and k.strip() in META_FIELDS:
            meta[k.strip()] = v.strip().strip("'\"")
    body_start = text.find("\n", end + 4)
    return meta, text[body_start + 1:] if body_start >= 0 else ""


def _html_text(path: Path, html: str) -> tuple[dict[str, str], str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not text or not text.strip():
        raise InputError(str(path), "no main text found in the HTML page")
    meta: dict[str, str] = {}
    # The page's own dates only (meta tags, JSON-LD, <time>, the URL): no guess from a
    # "(c) 2021" in the footer, and no "today" from the clock, so a page always gives one date.
    info = trafilatura.extract_metadata(html, extensive=False, date_config=_HTML_DATES)
    if info is not None:
        for k, attr in (("title", "title"), ("url", "url"), ("published", "date"),
                        ("publisher", "sitename")):
            v = getattr(info, attr, None)
            if v:
                meta[k] = str(v)
    return meta, text


def _approx(published: str | None, approx: str | None) -> str | None:
    """The approximate date worth keeping beside the exact one: only when there is no exact
    date, or the exact one is coarser and the approximate one agrees with it."""
    if not approx or (published and (len(published) >= len(approx) or not approx.startswith(published))):
        return None
    return approx


def _make(key: str, text: str, meta: dict[str, str], source: str) -> Document:
    published = refine(text, meta.get("published"))
    return Document(key=meta.get("url") or key, text=text, title=meta.get("title"),
                    url=meta.get("url"), published=published,
                    publisher=meta.get("publisher"), source=source,
                    published_approx=_approx(published, meta.get("published_approx")))


def read_file(path: str | Path, *, max_bytes: int = MAX_BYTES,
              base: str | Path | None = None) -> ReadResult:
    """Read one source file; never raises for bad input, returns its errors instead.

    ``base`` is the folder that keys are relative to (:func:`path_key`; default: the
    current folder)."""
    path = Path(path)
    out = ReadResult()
    try:
        text = _read_text(path, max_bytes)
        key = path_key(path, base)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            _read_jsonl(path, key, text, out)
            return out
        meta = _sidecar(path)
        if suffix == ".md":
            fm, text = _front_matter(text)
            meta = {**_checked(fm, str(path)), **meta}
        elif suffix in (".html", ".htm"):
            hm, text = _html_text(path, text)
            meta = {**_checked(hm, str(path)), **meta}
        if not text.strip():
            raise InputError(str(path), "no text after the metadata")
        out.documents.append(_make(key, text, meta, str(path)))
    except InputError as exc:
        out.errors.append(exc)
    return out


def _read_jsonl(path: Path, key: str, text: str, out: ReadResult) -> None:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = _json(line, where)
        except InputError as exc:
            out.errors.append(exc)
            continue
        if not isinstance(obj, dict):
            out.errors.append(InputError(where, "each line must be a JSON object"))
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            out.errors.append(InputError(where, "missing or empty 'text' field"))
            continue
        try:
            meta = _meta_from(obj, where)
        except InputError as exc:
            out.errors.append(exc)
            continue
        line_key = f"{key}#{meta['title']}" if "title" in meta else f"{key}#{n}"
        out.documents.append(_make(line_key, body, meta, where))


def read_sources(paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES,
                 base: str | Path | None = None) -> Iterator[ReadResult]:
    """Read every source under ``paths``; one result per file (the first carries path errors)."""
    files, errors = find_sources(paths)
    if errors:
        yield ReadResult(errors=errors)
    for f in files:
        yield read_file(f, max_bytes=max_bytes, base=base)
