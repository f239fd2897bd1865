"""Query answers as pandas DataFrames with typed columns, for notebooks and scripts.

    from chipgraph.frames import query_df
    df = query_df("graph/store", "entity_mentions", {"entity": "ent:nvidia"})
    df = query_df("http://127.0.0.1:7878", "SELECT ...")   # any SPARQL endpoint

A column whose values are all numbers becomes a number column (nullable integers for
``xsd:integer`` and its subtypes, floats for decimals and doubles), ``xsd:date`` and
``xsd:dateTime`` become pandas datetimes (a document dated only by month or year,
``xsd:gYearMonth``/``xsd:gYear``, falls on the first day of it), ``xsd:boolean`` a nullable boolean; everything
else (IRIs, text, language-tagged strings, mixed columns) stays text.  Unbound cells are
missing values (``<NA>``/``NaT``), never empty strings.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

if TYPE_CHECKING:
    import pandas as pd

_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
             XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
             XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
_FLOATS = {XSD.decimal, XSD.double, XSD.float}
_DATES = {XSD.date, XSD.dateTime, XSD.dateTimeStamp, XSD.gYearMonth, XSD.gYear}


def _kind(values: list[Node]) -> str:
    """The column type that every bound value of a column fits."""
    kinds = set()
    for v in values:
        if not isinstance(v, Literal) or v.datatype is None:
            return "text"
        if v.datatype in _INTEGERS:
            kinds.add("int")
        elif v.datatype in _FLOATS:
            kinds.add("float")
        elif v.datatype in _DATES:
            kinds.add("date")
        elif v.datatype == XSD.boolean:
            kinds.add("bool")
        else:
            return "text"
        if getattr(v, "ill_typed", False):
            return "text"  # an ill-typed literal is kept as its text, not guessed
    if kinds <= {"int"}:
        return "int" if kinds else "text"
    if kinds <= {"int", "float"}:
        return "float"
    return kinds.pop() if len(kinds) == 1 else "text"


def _column(values: list[Node | None]) -> "pd.Series":
    import pandas as pd

    bound = [v for v in values if v is not None]
    kind = _kind(bound)
    if kind == "int":
        return pd.array([None if v is None else int(v) for v in values], dtype="Int64")
    if kind == "float":
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    if kind == "bool":
        return pd.array([None if v is None else bool(v.toPython()) for v in values], dtype="boolean")
    if kind == "date":
        return pd.to_datetime([None if v is None else str(v) for v in values], errors="coerce",
                              format="ISO8601")
    return pd.array([None if v is None else str(v) for v in values], dtype="string")


def result_df(result: Any) -> "pd.DataFrame":
    """A :class:`~chipgraph.store.QueryResult` of a SELECT as a typed DataFrame."""
    import pandas as pd

    from .errors import QueryError

    if result.kind != "select":
        raise QueryError("only a SELECT answer is a table; this query is "
                         f"{'an ASK' if result.kind == 'ask' else 'a CONSTRUCT or DESCRIBE'}")
    rows = result.rows
    data = {v: _column([row.get(v) for row in rows]) for v in result.variables}
    df = pd.DataFrame(data, columns=list(result.variables))
    df.attrs["truncated"] = bool(result.truncated)
    if result.warning:
        df.attrs["warning"] = result.warning
    return df


def query_df(store: Any, query: str, bindings: Mapping[str, Node | str] | None = None, *,
             timeout: float | None = None) -> "pd.DataFrame":
    """Run a saved question, a ``.rq`` file or SPARQL text; return a typed DataFrame.

    ``store`` is an open store (:class:`~chipgraph.store.Store` or
    :class:`~chipgraph.remote.RemoteStore`), a store folder, or an endpoint URL such as a
    ``chipgraph serve`` (opened read-only for this call).  A binding value given as text is
    read as ``--bind`` reads it (``ent:nvidia``, ``<iri>``, or a string), and a saved
    question's bindings are checked as the CLI checks them (:func:`chipgraph.query.prepare`):
    a bare label such as ``"DeepSeek"`` for an entity parameter is resolved to the entity, a
    wrong name or a bad value raises :class:`~chipgraph.errors.QueryError`; a missing required
    parameter is a warning here (the question is answered without it). Notes and warnings
    of that check are in ``df.attrs["notes"]`` and ``df.attrs["warnings"]``.
    """
    from .query import run_query

    if isinstance(store, (str, Path)):
        from .backends import open_store

        with open_store(store, read_only=True) as opened:
            return query_df(opened, query, bindings, timeout=timeout)
    result, prepared = run_query(store, query, bindings or {}, timeout=timeout, missing="warn")
    df = result_df(result)
    df.attrs["notes"], df.attrs["warnings"] = list(prepared.notes), list(prepared.warnings)
    return df
