"""Running SPARQL with bindings, saved questions and their parameters, and result formats.

Saved questions declare their parameters in their header (``# param: ?name required|optional
[iri|date|text] — meaning``); :func:`prepare` checks the bindings given for them against the
store: a wrong name lists the valid ones, a missing required one is an error, an IRI the
store does not hold gives a warning with close matches, and a bare label (``user=DeepSeek``)
is resolved to the entity it names when that is unambiguous. Results are written in the
SPARQL 1.1 results formats (JSON, CSV, TSV) by rdflib's serialisers, or as a table for people.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from typing import Literal as Lit

from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from .errors import InputError, NotFoundError, QueryError, QueryTimeoutError, ResultLimitError
from .store import QueryResult
from .terms import namespaces_longest_first, sparql_prefixes

ResultFormat = Lit["table", "csv", "tsv", "json"]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """A parameter a saved question declares in its header:
    ``# param: ?name required|optional [iri|date|text] — meaning``.

    ``kind`` says what a value must be: ``iri`` an entity or term of the store (a bare label
    such as ``DeepSeek`` is resolved to the entity it names), ``date`` a day ``YYYY-MM-DD``,
    ``text`` any string."""

    name: str
    required: bool
    kind: str
    meaning: str

    def describe(self) -> str:
        return f"?{self.name} ({'required' if self.required else 'optional'} {self.kind}: {self.meaning})"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[tuple[str, str], ...]  # (name, "required|optional … — what it means")
    text: str
    parameters: tuple[Param, ...] = ()


PARAM_KINDS = ("iri", "date", "text")
_PARAM = re.compile(r"^param:\s*[?$]([A-Za-z_][A-Za-z0-9_]*)\s+(required|optional)\b"
                    r"(?:\s+(iri|date|text)\b)?\s*(?:—|--|-|:)\s*(\S.*)$")
_HEADER_FORM = "# param: ?name required|optional [iri|date|text] — meaning"


def _parse_saved(path: Path, text: str | None = None) -> SavedQuery:
    text = path.read_text(encoding="utf-8") if text is None else text
    title, desc, params, parameters = "", [], [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.lower().startswith("title:"):
            title = body[6:].strip()
        elif body.lower().startswith("param:"):
            m = _PARAM.match(body)
            if not m:
                raise InputError(f"{path}:{number}", f"bad parameter line {line!r}; expected {_HEADER_FORM!r}")
            name, required, kind, meaning = m.groups()
            parameters.append(Param(name, required == "required", kind or "text", meaning.strip()))
            params.append((name, body[6:].strip().partition(" ")[2].strip(" -—:")))
        elif body:
            desc.append(body)
    return SavedQuery(path.stem, title or path.stem, " ".join(desc), tuple(params), text, tuple(parameters))


_CURIE = re.compile(r"^([a-z][a-z0-9]*):([A-Za-z0-9][A-Za-z0-9_.-]*)$")


def _iri(spec: str, value: str) -> URIRef:
    import pyoxigraph as ox

    try:
        ox.NamedNode(value)  # Oxigraph's IRI check: a scheme, no spaces, no bad characters
    except ValueError as exc:
        raise QueryError(f"bad --bind {spec!r}: <{value}> is not a valid IRI ({exc})") from None
    return URIRef(value)


def parse_binding(spec: str) -> tuple[str, Node]:
    """``name=value``: ``<iri>``, an http(s) address or a prefixed name of chipgraph's
    prefixes (``ent:nvidia``, ``cg:restricts``) is an IRI; anything else a string.

    A malformed one raises :class:`QueryError` with one line naming it: no ``=``, a bad
    name, an empty value, a bad IRI (``<a b>``), an unclosed ``<``."""
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise QueryError(f"bad --bind {spec!r}: expected name=value")
    value = value.strip()
    if not value:
        raise QueryError(f"bad --bind {spec!r}: the value is empty")
    if "\x00" in value or "\n" in value or "\r" in value:
        raise QueryError(f"bad --bind {spec!r}: the value holds a line break or NUL")
    if value.startswith("<"):
        if not value.endswith(">"):
            raise QueryError(f"bad --bind {spec!r}: an IRI is written <…>, with a closing >")
        return name, _iri(spec, value[1:-1])
    if re.match(r"^https?://", value):
        return name, _iri(spec, value)
    m = _CURIE.match(value)
    if m and m.group(1) in sparql_prefixes():
        return name, URIRef(sparql_prefixes()[m.group(1)] + m.group(2))
    return name, Literal(value)


def _saved_dir() -> Path:
    return Path(str(resources.files("chipgraph") / "queries"))


def saved_queries() -> list[SavedQuery]:
    """The library of saved questions shipped in ``chipgraph/queries/*.rq``."""
    return [_parse_saved(p) for p in sorted(_saved_dir().glob("*.rq"))]


def saved_query(name: str) -> SavedQuery:
    path = _saved_dir() / f"{name}.rq"
    if not _NAME.match(name.replace("-", "_")) or not path.is_file():
        import difflib

        names = [q.name for q in saved_queries()]
        raise NotFoundError(f"no saved query named {name!r}",
                            difflib.get_close_matches(name, names, n=5, cutoff=0.3) or names)
    return _parse_saved(path)


def _read_rq(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(p), f"not valid UTF-8 (byte offset {exc.start})") from exc
    except OSError as exc:
        raise InputError(str(p), f"cannot read: {exc.strerror or exc}") from exc


def resolve_saved(query_or_file: str) -> tuple[str, SavedQuery | None]:
    """Inline SPARQL, a path to a ``.rq`` file, or the name of a saved question: its text,
    and the saved question whose declared parameters the bindings are checked against (a
    saved question always; a ``.rq`` file when its header declares parameters)."""
    p = Path(query_or_file)
    if query_or_file.endswith((".rq", ".sparql")) and p.is_file():
        text = _read_rq(p)
        saved = _parse_saved(p, text)
        return text, (saved if saved.parameters else None)
    if _NAME.match(query_or_file.replace("-", "_")) and not p.exists():
        saved = saved_query(query_or_file)
        return saved.text, saved
    return query_or_file, None


def resolve_query(query_or_file: str) -> str:
    """Inline SPARQL, a path to a ``.rq`` file, or the name of a saved question."""
    return resolve_saved(query_or_file)[0]


# -- checking the bindings of a saved question -------------------------------------------------
@dataclass
class Prepared:
    """A query ready to run: its text, its checked bindings, and what to tell the user
    (``notes``: how a label was resolved; ``warnings``: an IRI the store does not hold)."""

    text: str
    bindings: dict[str, Node]
    saved: SavedQuery | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_LABELS = """SELECT ?entity ?label ?pref ?type WHERE {
  ?entity skos:prefLabel|skos:altLabel ?label .
  OPTIONAL { ?entity skos:prefLabel ?pref }
  OPTIONAL { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(cg:))) }
}"""
_HELD = "SELECT ?iri WHERE { { ?iri ?p ?o } UNION { ?s ?p ?iri } UNION { ?s ?iri ?o } } LIMIT 1"


_LOCAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _short(iri: str) -> str:
    """An IRI as chipgraph's prefixed name when it has one, else ``<iri>``."""
    for prefix, ns in namespaces_longest_first():
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


class _Entities:
    """The store's entity labels (prefLabel and altLabel), read once by one query with no
    user text in it; labels are matched here, in Python."""

    def __init__(self, store: Any, timeout: float | None):
        self.store, self.timeout, self._rows = store, timeout, None

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(entity IRI, label, preferred label, class local name)."""
        if self._rows is None:
            res = self.store.query(_LABELS, {}, timeout=self.timeout)
            self._rows = sorted({(str(r["entity"]), str(r["label"]), str(r.get("pref") or r["label"]),
                                  str(r["type"]).rpartition("#")[2] if r.get("type") else "")
                                 for r in res.rows if isinstance(r.get("entity"), URIRef)})
        return self._rows

    def describe(self, iri: str) -> str:
        pref, kind = next(((p, k) for e, _, p, k in self.rows() if e == iri), ("", ""))
        return f"{_short(iri)} ({pref}{', ' + kind if kind else ''})" if pref else _short(iri)

    def by_label(self, label: str) -> list[str]:
        """The entities a label names: an exact preferred label first, then any label
        (preferred or alias) without regard to case."""
        exact = sorted({e for e, _, p, _ in self.rows() if p == label})
        if exact:
            return exact
        folded = label.casefold()
        return sorted({e for e, lab, p, _ in self.rows() if folded in (lab.casefold(), p.casefold())})

    def close_to(self, text: str, limit: int = 5) -> list[str]:
        """The entities whose label or IRI local name is nearest ``text`` (rapidfuzz)."""
        from rapidfuzz import fuzz, process, utils

        choices: dict[str, str] = {}
        for e, lab, _, _ in self.rows():
            choices.setdefault(f"{lab}\x00{e}", lab)
            choices.setdefault(f"{e}\x00{e}", e.rstrip("/").rpartition("/")[2].rpartition("#")[2])
        found = process.extract(text, choices, scorer=fuzz.WRatio, processor=utils.default_process,
                                limit=limit * 4, score_cutoff=70)
        out: list[str] = []
        for _, _, key in found:
            iri = key.partition("\x00")[2]
            if iri not in out:
                out.append(iri)
        return out[:limit]


def _check_date(p: Param, value: Node) -> None:
    import datetime as dt

    if isinstance(value, Literal) and value.datatype in (None, XSD.date, XSD.string):
        try:
            dt.date.fromisoformat(str(value))
            return
        except ValueError:
            pass
    raise QueryError(f"bad value for ?{p.name}: {str(value)!r} is not a day YYYY-MM-DD")


def _check_iri(p: Param, value: Node, entities: _Entities, store: Any, timeout: float | None,
               prepared: Prepared) -> Node:
    if isinstance(value, Literal):
        label = str(value)
        found = entities.by_label(label)
        if len(found) == 1:
            prepared.notes.append(f"?{p.name}={label} is {entities.describe(found[0])}")
            return URIRef(found[0])
        if found:
            raise QueryError(f"?{p.name}={label!r} is ambiguous: it names {len(found)} entities: "
                             + "; ".join(entities.describe(e) for e in found)
                             + f" (bind one by its IRI, e.g. {p.name}={_short(found[0])})")
        close = entities.close_to(label)
        hint = ""
        m = re.match(r"^([A-Za-z][A-Za-z0-9]*):", label)
        if m and m.group(1) not in sparql_prefixes():
            hint = (f"; `{m.group(1)}:` is not a chipgraph prefix (known: "
                    + ", ".join(f"{k}:" for k in sorted(sparql_prefixes())) + ")")
        raise QueryError(f"?{p.name} wants {p.meaning}: no entity is labelled {label!r}{hint}"
                         + (f"; close matches: {', '.join(entities.describe(e) for e in close)}" if close
                            else ""))
    if isinstance(value, URIRef) and not store.query(_HELD, {"iri": value}, timeout=timeout).rows:
        local = str(value).rstrip("/").rpartition("/")[2].rpartition("#")[2]
        close = entities.close_to(local)
        prepared.warnings.append(f"?{p.name}: {_short(str(value))} is not in the store"
                                 + (f"; close matches: {', '.join(entities.describe(e) for e in close)}"
                                    if close else ""))
    return value


def check_bindings(saved: SavedQuery, bindings: Mapping[str, Node], store: Any = None, *,
                   timeout: float | None = None, missing: str = "error") -> Prepared:
    """Check ``bindings`` against the parameters ``saved`` declares.

    Raises :class:`QueryError` for a name it does not declare (listing the valid ones), a
    missing required one, a bad day, a label that names no entity or several. With a
    ``store`` (anything with ``query(sparql, bindings, timeout=)``: the embedded store, a
    remote one), ``iri`` parameters are looked up: a bare label is replaced by the entity it
    names, and an IRI the store does not hold gives a warning with close matches.
    ``missing="warn"`` makes a missing required parameter a warning instead of an error.
    """
    declared = {p.name: p for p in saved.parameters}
    unknown = sorted(set(bindings) - set(declared))
    if unknown:
        valid = ("its parameters: " + ", ".join(p.describe() for p in saved.parameters)
                 if saved.parameters else "it takes no parameters")
        raise QueryError(f"{saved.name} has no parameter {', '.join('?' + u for u in unknown)}; {valid}")
    prepared = Prepared(saved.text, dict(bindings), saved)
    absent = [p for p in saved.parameters if p.required and p.name not in bindings]
    if absent:
        message = (f"{saved.name} needs {', '.join(p.describe() for p in absent)}: "
                   f"add --bind {absent[0].name}=…")
        if missing != "warn":
            raise QueryError(message)
        prepared.warnings.append(message + " (answered without it)")
    entities = _Entities(store, timeout) if store is not None else None
    for name, value in bindings.items():
        p = declared[name]
        if p.kind == "date":
            _check_date(p, value)
        elif p.kind == "iri" and entities is not None:
            prepared.bindings[name] = _check_iri(p, value, entities, store, timeout, prepared)
    return prepared


def _terms(bindings: Mapping[str, Node | str] | Iterable[str] | None) -> dict[str, Node]:
    """``name=value`` strings (``--bind``) or a mapping of names to terms or to strings read
    as ``--bind`` reads them."""
    if bindings is None:
        return {}
    if isinstance(bindings, Mapping):
        return dict(parse_binding(f"{k}={v}") if isinstance(v, str) else (k.lstrip("?$"), v)
                    for k, v in bindings.items())
    return dict(parse_binding(b) for b in bindings)


def prepare(query_or_file: str, bindings: Mapping[str, Node | str] | Iterable[str] | None = None,
            store: Any = None, *, timeout: float | None = None, missing: str = "error") -> Prepared:
    """A saved question's name, a ``.rq`` file or SPARQL text, with its bindings checked
    (:func:`check_bindings`) when it declares parameters."""
    text, saved = resolve_saved(query_or_file)
    terms = _terms(bindings)
    if saved is None:
        return Prepared(text, terms)
    return check_bindings(saved, terms, store, timeout=timeout, missing=missing)


def run_query(store: Any, query_or_file: str,
              bindings: Mapping[str, Node | str] | Iterable[str] | None = None, *,
              timeout: float | None = None, missing: str = "error") -> tuple[QueryResult, Prepared]:
    """Prepare (:func:`prepare`) and run a query; a syntax error is explained in the user's
    own line and column (:func:`explain_syntax_error`)."""
    prepared = prepare(query_or_file, bindings, store, timeout=timeout, missing=missing)
    try:
        return store.query(prepared.text, prepared.bindings, timeout=timeout), prepared
    except (QueryTimeoutError, ResultLimitError):
        raise
    except QueryError as exc:
        better = syntax_error(prepared.text)
        if better is None or str(exc).startswith(better):
            raise
        raise QueryError(better) from exc


# -- syntax errors in the user's own terms -----------------------------------------------------
_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_CHAR_CLASS = re.compile(r"\[.*\]", re.S)  # a class of characters: ['A' ..= 'Z' | …], [_]


def syntax_error(text: str) -> str | None:
    """The syntax error of ``text`` as :func:`explain_syntax_error` writes it, or None when it
    parses. It is parsed by Oxigraph with chipgraph's prefixes declared apart from the text,
    on an empty store: positions are the text's own, and nothing is fetched or read."""
    import pyoxigraph as ox

    try:
        ox.Store().query(text, prefixes=sparql_prefixes())
    except SyntaxError as exc:
        return explain_syntax_error(str(exc), text)
    except Exception:  # noqa: BLE001 - it parsed; evaluating it is not this function's job
        return None
    return None


def explain_syntax_error(message: str, text: str, *, first_line_shift: int = 0) -> str:
    """Oxigraph's ``error at LINE:COLUMN: expected one of …`` for people.

    ``first_line_shift`` is the length of what was placed before the user's first line
    (:func:`chipgraph.terms.prefix_line`): columns on line 1 are moved back by it. An unknown
    prefix is named ("unknown prefix `foo:`") with the known ones, instead of the list of
    Unicode ranges a name may continue with; the user's line is shown with a caret.
    """
    m = _AT.search(message)
    if not m:
        return f"SPARQL syntax error: {message.strip()}"
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    if line == 1:
        col = max(1, col - first_line_shift)
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    where = f"line {line}, column {col}"
    caret = f"\n  {source}\n  {' ' * (col - 1)}^" if source.strip() else ""
    unknown = _prefix_before(source, col) if "Prefix not found" in rest else None
    if unknown is None:
        unknown = _undeclared_prefix(text)
    if unknown is not None:
        m_name = _PNAME.search(source[:col - 1]) if "Prefix not found" in rest else None
        if m_name is not None:  # point at the prefixed name, not past it
            col = m_name.start() + 1
            where = f"line {line}, column {col}"
            caret = f"\n  {source}\n  {' ' * (col - 1)}^"
        known = ", ".join(f"{p}:" for p in sorted(sparql_prefixes()))
        return (f"unknown prefix `{unknown}:` (at {where}; chipgraph's prefixes are {known}; "
                f"declare it with PREFIX {unknown}: <…>){caret if m_name else ''}")
    if "IRI parsing failed" in rest:
        return f"SPARQL syntax error at {where}: not a valid IRI (no spaces or <>\"{{}}|^`\\ inside <…>){caret}"
    items = _ITEM.findall(re.sub(r"^\s*expected( one of)?\s*", "", rest.replace("\n", " ")))
    kept = [x.strip() for x in items if x.strip() and not _CHAR_CLASS.fullmatch(x.strip())]
    said = ("expected " + ("one of " if len(kept) > 1 else "") + ", ".join(dict.fromkeys(kept))
            if kept else rest.strip())
    return f"SPARQL syntax error at {where}: {said}{caret}"


_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\\']|\\.|\'(?:[^\'\\]|\\.)*\')*\]|[^,\s][^,]*')
_PNAME = re.compile(r"([A-Za-z][A-Za-z0-9_.-]*)?:[A-Za-z0-9_.%-]*$")


def _prefix_before(source: str, col: int) -> str | None:
    m = _PNAME.search(source[:col - 1])
    return None if m is None else (m.group(1) or "")


def _undeclared_prefix(text: str) -> str | None:
    body = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*', " ", text)
    declared = set(re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", body)) | set(sparql_prefixes())
    for m in re.finditer(r"(?<![\w?$:])([A-Za-z][\w.-]*)?:(?=[\w%])", body):
        if (m.group(1) or "") not in declared:
            return m.group(1) or ""
    return None


def _to_rdflib_result(res: QueryResult) -> Result:
    r = Result("SELECT" if res.kind == "select" else "ASK")
    if res.kind == "ask":
        r.askAnswer = bool(res.boolean)
        return r
    r.vars = [Variable(v) for v in res.variables]
    r.bindings = [{Variable(k): v for k, v in row.items() if v is not None} for row in res.rows]
    return r


def _cell(v: Node | None) -> str:
    """A table cell: IRIs in chipgraph's namespaces as prefixed names (``ent:nvidia``), the
    same form ``--bind`` accepts (other IRIs as they are); everything else as its text."""
    if v is None:
        return ""
    if isinstance(v, URIRef):
        short = _short(str(v))
        return short if not short.startswith("<") else str(v)
    return str(v)


def format_result(res: QueryResult, fmt: ResultFormat = "table", *, width: int = 160,
                  max_col: int | None = None) -> str:
    """The answer as text: ``table`` for people (``width`` characters wide, cells cut to
    ``max_col`` characters), or complete, untruncated SPARQL 1.1 ``csv``, ``tsv``, ``json``."""
    if res.kind == "graph":  # CONSTRUCT/DESCRIBE: RDF, not a results table
        assert res.graph is not None
        if fmt == "json":
            return res.graph.serialize(format="json-ld", indent=1, sort_keys=True)
        if fmt in ("csv", "tsv"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE answer is a graph: use --format table "
                             f"(Turtle) or json (JSON-LD), not {fmt}")
        return res.graph.serialize(format="turtle")
    if fmt == "table":
        return _table(res, width, max_col)
    if fmt in ("csv", "json"):
        out = io.BytesIO()
        _to_rdflib_result(res).serialize(out, format=fmt, encoding="utf-8")
        return out.getvalue().decode("utf-8")
    if fmt == "tsv":  # rdflib has no TSV writer; Oxigraph's reads rdflib's JSON and writes TSV
        import pyoxigraph as ox

        data = format_result(res, "json").encode("utf-8")
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    raise QueryError(f"unknown result format {fmt!r}; use table, csv, tsv or json")


_NUMBERS = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long,
            XSD.nonNegativeInteger, XSD.positiveInteger}


_FLOOR = 8  # a column is never made narrower than this (or its header) to fit the width


def _fit(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths that fit ``room`` characters: the widest columns give way first, none
    below its floor (a table that cannot fit at its floors is wider than ``room``)."""
    widths = list(natural)
    while sum(widths) > room:
        top = max(widths[i] - floors[i] for i in range(len(widths)))
        if top <= 0:
            break
        i = max(range(len(widths)), key=lambda k: (widths[k] - floors[k], -k))
        widths[i] -= 1
    return widths


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def result_table(res: QueryResult, *, max_col: int | None = None, width: int | None = None):
    """A SELECT answer as a :class:`rich.table.Table`: IRIs as prefixed names, numbers
    right-aligned, one line per row, cells longer than ``max_col`` characters cut with "…"
    (``None`` or 0: whole), and with ``width`` the widest columns cut further to fit it.
    Markup in values is shown as text, never interpreted."""
    from rich.table import Table
    from rich.text import Text

    cells = [[" ".join(_cell(row.get(v)).split()) for v in res.variables] for row in res.rows]
    natural = [min(max([len(v), *(len(c[i]) for c in cells)]), max_col or 10**9)
               for i, v in enumerate(res.variables)]
    widths = natural
    if width:
        floors = [min(n, _FLOOR) for n in natural]
        widths = _fit(natural, floors, width - (3 * len(natural) + 1))  # borders and padding
    table = Table(show_lines=False, expand=False, header_style="bold")
    for i, v in enumerate(res.variables):
        bound = [r.get(v) for r in res.rows if r.get(v) is not None]
        numeric = bool(bound) and all(isinstance(x, Literal) and x.datatype in _NUMBERS for x in bound)
        table.add_column(Text(_clip(v, widths[i])), justify="right" if numeric else "left",
                         no_wrap=True, width=widths[i])  # padding (1 each side) comes on top
    for c in cells:
        table.add_row(*(Text(_clip(x, widths[i])) for i, x in enumerate(c)))
    return table


def table_width(table) -> int:
    """The width a console needs to print a :func:`result_table` uncropped: its columns,
    one character of padding on each side of each, and the borders."""
    return sum(c.width or 0 for c in table.columns) + 3 * len(table.columns) + 1


def table_footer(res: QueryResult, table) -> str:
    """The line under a table: the row count, and how many values it does not show whole."""
    note = f"{len(res.rows)} row(s)"
    widths = [c.width or 0 for c in table.columns]
    cut = sum(len(" ".join(_cell(r.get(v)).split())) > widths[i]
              for r in res.rows for i, v in enumerate(res.variables))
    if cut:
        note += (f"; {cut} value(s) cut to fit (--max-col 0 and a larger --width show more; "
                 f"--format csv or json is always complete)")
    if res.truncated and res.warning:
        note += f"\nwarning: {res.warning}"
    return note + "\n"


def _table(res: QueryResult, width: int = 160, max_col: int | None = None) -> str:
    from rich.console import Console

    if res.kind == "ask":
        return "yes\n" if res.boolean else "no\n"
    table = result_table(res, max_col=max_col, width=width)
    buf = io.StringIO()
    Console(file=buf, width=max(width, table_width(table)), no_color=True,
            highlight=False, markup=False, emoji=False).print(table)
    return buf.getvalue() + table_footer(res, table)
