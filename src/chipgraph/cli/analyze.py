"""``chipgraph analyze``: network analysis of the entity graph (see :mod:`chipgraph.analytics`).

Each command builds the graph from the store, makes one library call and prints the result
as a table, CSV or JSON.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import ChipgraphError
from ..model import ENTITY_TYPES
from .app import app, err, fail, open_store

analyze_app = typer.Typer(
    help="Network analysis of the entity graph: centrality, connections, communities, "
         "co-occurrence, GraphML/GEXF export.",
    no_args_is_help=True,
)
app.add_typer(analyze_app, name="analyze")


class OutFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Measure(str, Enum):
    degree = "degree"
    betweenness = "betweenness"
    pagerank = "pagerank"


EntityClass = Enum("EntityClass", {t: t for t in ENTITY_TYPES}, type=str)  # type: ignore[misc]


class GraphFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"


FormatOpt = Annotated[OutFormat, typer.Option("--format", "-f", help="table, csv or json.")]
ClassOpt = Annotated[Optional[EntityClass], typer.Option("--class", help="Keep entities of this class.")]


def _graph():
    from ..analytics import build_graph

    try:
        with open_store(read_only=True) as store:
            return build_graph(store)
    except ChipgraphError as exc:
        raise fail(exc) from exc


def _emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: OutFormat,
          *, json_value: Any = None, caption: str | None = None) -> None:
    """Print ``rows`` (only ``columns``) as a table or CSV, or ``json_value`` as JSON."""
    if fmt is OutFormat.json:
        sys.stdout.write(json.dumps(rows if json_value is None else json_value,
                                    ensure_ascii=False, indent=1) + "\n")
        return
    if fmt is OutFormat.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r.get(c) is None else _cell(r.get(c)) for c in columns])
        sys.stdout.write(buf.getvalue())
        return
    from rich.console import Console
    from rich.table import Table

    columns = [c for c in columns if c not in _IRI_COLUMNS] or list(columns)
    table = Table(*columns, caption=caption, expand=False)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else _cell(r.get(c)) for c in columns))
    out = io.StringIO()
    Console(file=out, width=160, no_color=True, highlight=False, markup=False).print(table)
    sys.stdout.write(out.getvalue() + f"{len(rows)} row(s)\n")


#: Columns of IRIs, left out of tables (people read labels; CSV and JSON keep them).
_IRI_COLUMNS = frozenset({"id", "a", "b", "document"})


def _cell(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    return str(v)


def _write_html(sub: Any, path: Path, title: str, heading: str) -> None:
    from ..views import from_networkx, write_html

    write_html(from_networkx(sub, title), path, heading=heading)
    typer.echo(f"wrote {path}", err=True)


@analyze_app.command()
def central(
    by: Annotated[Measure, typer.Option("--by", help="Centrality measure.")] = Measure.degree,
    cls: ClassOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many entities.")] = 10,
    format: FormatOpt = OutFormat.table,
) -> None:
    """The most central entities (degree, betweenness or PageRank)."""
    from ..analytics import centrality

    g = _graph()
    try:
        ranked = centrality(g, by.value, cls=cls.value if cls else None, top=top)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    _emit([r.to_dict() for r in ranked],
          ("rank", "label", "cls", "score", "degree", "doc_count", "id"), format)


@analyze_app.command()
def path(
    a: Annotated[str, typer.Argument(help="An entity: label, alias or IRI (any case).")],
    b: Annotated[str, typer.Argument(help="Another entity.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1,
                                       help="How many equally short connections.")] = 1,
    format: FormatOpt = OutFormat.table,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also draw the connection as an HTML page.")] = None,
) -> None:
    """The shortest connections between two entities, each hop with its evidence."""
    from ..analytics import connection_subgraph, connections

    g = _graph()
    try:
        found = connections(g, a, b, limit=limit)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    if not found:
        err(f"error: no connection between {a!r} and {b!r}")
        raise typer.Exit(1)
    rows = []
    for i, c in enumerate(found, 1):
        for j, h in enumerate(c.hops, 1):
            rows.append({**h.to_dict(), "path": i, "hop": j, "from": h.source_label,
                         "relation": _arrow(h), "to": h.target_label, "source": _source(h)})
    columns = ("path", "hop", "from", "relation", "to", "sentence", "source")
    if format is OutFormat.csv:
        columns = (*columns, "predicate", "direction", "role", "document", "url")
    first = found[0]
    caption = (f"{g.nodes[first.source]['label']} → {g.nodes[first.target]['label']}: "
               f"{first.length} hop(s)")
    _emit(rows, columns, format, json_value=[c.to_dict() for c in found], caption=caption)
    if html:
        _write_html(connection_subgraph(g, found), html, caption, caption)


def _arrow(h: Any) -> str:
    rel = h.predicate + (f" ({h.role})" if h.role else "")
    return f"-{rel}->" if h.direction == "forward" else f"<-{rel}-"


def _source(h: Any) -> str:
    return ", ".join(x for x in (h.title, h.publisher, h.published) if x) or (h.document or "")


@analyze_app.command()
def communities(
    seed: Annotated[int, typer.Option(help="Seed of the Louvain method.")] = 42,
    resolution: Annotated[float, typer.Option(help="Louvain resolution (>1: smaller communities).")] = 1.0,
    min_size: Annotated[int, typer.Option("--min-size", min=1, help="Hide smaller communities.")] = 1,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="Show the largest N.")] = None,
    format: FormatOpt = OutFormat.table,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also draw the communities shown as an HTML page.")] = None,
) -> None:
    """Communities of the relation graph (Louvain, fixed seed), named by their central members."""
    import networkx as nx

    from ..analytics import communities as run

    g = _graph()
    found = run(g, seed=seed, resolution=resolution, min_size=min_size)
    if top is not None:
        found = found[:top]
    rows = [{**c.to_dict(), "members": list(c.labels)} for c in found]
    _emit(rows, ("index", "size", "name", "members"), format,
          json_value=[c.to_dict() for c in found])
    if html:
        keep = [m for c in found for m in c.members]
        title = f"{len(found)} communities"
        _write_html(nx.MultiDiGraph(g.subgraph(keep)), html, title,
                    title + ": " + " | ".join(c.name for c in found[:10]))


@analyze_app.command()
def cooccur(
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many pairs.")] = 20,
    cls: ClassOpt = None,
    min_docs: Annotated[int, typer.Option("--min-docs", min=1, help="Pairs in at least this many documents.")] = 1,
    format: FormatOpt = OutFormat.table,
) -> None:
    """Pairs of entities mentioned together in the most documents."""
    from ..analytics import cooccurrence

    g = _graph()
    rows = cooccurrence(g, top=top, cls=cls.value if cls else None, min_documents=min_docs)
    _emit([r.to_dict() for r in rows],
          ("a_label", "b_label", "documents", "related", "a", "b"), format)


@analyze_app.command("export")
def export_graph(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[GraphFormat, typer.Option("--format", "-f")] = GraphFormat.graphml,
) -> None:
    """Write the entity graph as GraphML or GEXF (lists and evidence as text attributes)."""
    from ..analytics import write_graph

    g = _graph()
    write_graph(g, output, format.value)
    typer.echo(f"wrote {output} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)",
               err=True)
