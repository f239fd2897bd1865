"""Running SPARQL with bindings, saved questions, and result formats.

Results are written in the SPARQL 1.1 results formats (JSON, CSV, TSV) by rdflib's
serialisers, or as a table for people.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal as Lit

from rdflib import Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from .errors import InputError, NotFoundError, QueryError
from .store import QueryResult

ResultFormat = Lit["table", "csv", "tsv", "json"]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[tuple[str, str], ...]  # (name, what it means)
    text: str


_CURIE = re.compile(r"^([a-z][a-z0-9]*):([A-Za-z0-9][A-Za-z0-9_.-]*)$")


def parse_binding(spec: str) -> tuple[str, Node]:
    """``name=value``: ``<iri>``, an http(s) address or a prefixed name of chipgraph's
    prefixes (``ent:nvidia``, ``cg:restricts``) is an IRI; anything else a string."""
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise QueryError(f"bad --bind {spec!r}: expected name=value")
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        import pyoxigraph as ox

        try:
            ox.NamedNode(value[1:-1])  # Oxigraph's IRI check: no spaces, no bad characters
        except ValueError as exc:
            raise QueryError(f"bad --bind {spec!r}: {value} is not a valid IRI ({exc})") from None
        return name, URIRef(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return name, URIRef(value)
    m = _CURIE.match(value)
    if m:
        from .rdf import PREFIXES

        if m.group(1) in PREFIXES:
            return name, URIRef(PREFIXES[m.group(1)] + m.group(2))
    return name, Literal(value)


def _saved_dir() -> Path:
    return Path(str(resources.files("chipgraph") / "queries"))


def _parse_saved(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    title, desc, params = "", [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.lower().startswith("title:"):
            title = body[6:].strip()
        elif body.lower().startswith("param:"):
            p, _, what = body[6:].strip().partition(" ")
            params.append((p.lstrip("?$"), what.strip(" -—:")))
        elif body:
            desc.append(body)
    return SavedQuery(path.stem, title or path.stem, " ".join(desc), tuple(params), text)


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


def resolve_query(query_or_file: str) -> str:
    """Inline SPARQL, a path to a ``.rq`` file, or the name of a saved question."""
    p = Path(query_or_file)
    if query_or_file.endswith((".rq", ".sparql")) and p.is_file():
        try:
            return p.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(str(p), f"not valid UTF-8 (byte offset {exc.start})") from exc
        except OSError as exc:
            raise InputError(str(p), f"cannot read: {exc.strerror or exc}") from exc
    if _NAME.match(query_or_file.replace("-", "_")) and not p.exists():
        return saved_query(query_or_file).text
    return query_or_file


def _to_rdflib_result(res: QueryResult) -> Result:
    r = Result("SELECT" if res.kind == "select" else "ASK")
    if res.kind == "ask":
        r.askAnswer = bool(res.boolean)
        return r
    r.vars = [Variable(v) for v in res.variables]
    r.bindings = [{Variable(k): v for k, v in row.items() if v is not None} for row in res.rows]
    return r


_LOCAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _cell(v: Node | None) -> str:
    """A table cell: IRIs in chipgraph's namespaces as prefixed names (``ent:nvidia``), the
    same form ``--bind`` accepts; everything else as its text."""
    if v is None:
        return ""
    if isinstance(v, URIRef):
        from .rdf import PREFIXES

        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if v.startswith(ns) and _LOCAL.match(v[len(ns):]):
                return f"{prefix}:{v[len(ns):]}"
    return str(v)


def format_result(res: QueryResult, fmt: ResultFormat = "table") -> str:
    if res.kind == "graph":  # CONSTRUCT/DESCRIBE: RDF, not a results table
        assert res.graph is not None
        if fmt == "json":
            return res.graph.serialize(format="json-ld", indent=1, sort_keys=True)
        if fmt in ("csv", "tsv"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE answer is a graph: use --format table "
                             f"(Turtle) or json (JSON-LD), not {fmt}")
        return res.graph.serialize(format="turtle")
    if fmt == "table":
        return _table(res)
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


def _table(res: QueryResult) -> str:
    from rich.console import Console
    from rich.table import Table

    if res.kind == "ask":
        return "yes\n" if res.boolean else "no\n"
    table = Table(*res.variables, show_lines=False, expand=False)
    for row in res.rows:
        table.add_row(*(_cell(row.get(v)) for v in res.variables), style=None)
    buf = io.StringIO()
    Console(file=buf, width=160, no_color=True, highlight=False, markup=False).print(table)
    note = f"warning: {res.warning}\n" if res.truncated and res.warning else ""
    return buf.getvalue() + f"{len(res.rows)} row(s)\n" + note
