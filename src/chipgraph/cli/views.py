"""``chipgraph view`` and ``chipgraph site``: HTML views of the store."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ChipgraphError
from ..views.graphdata import OVERVIEW_CAP
from .app import app, err, fail, open_store


@app.command()
def view(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    focus: Annotated[Optional[str], typer.Option(help="An entity name or alias: show its neighbourhood.")] = None,
    depth: Annotated[int, typer.Option(min=1, max=6, help="Hops around --focus.")] = 1,
    document: Annotated[Optional[str], typer.Option(help="A document key, IRI or title: what it contributes.")] = None,
    query: Annotated[Optional[str], typer.Option(help="A saved question, .rq file or SPARQL: the entities it returns.")] = None,
    bind: Annotated[Optional[list[str]], typer.Option("--bind", "-b", help="name=value for --query.")] = None,
    top: Annotated[int, typer.Option(min=0, help="Overview: draw the N most connected entities "
                                     "(0 = all).")] = OVERVIEW_CAP,
) -> None:
    """Write a self-contained HTML view: the overview, one entity's neighbourhood, one
    document's contribution, or the entities a query returns."""
    from ..query import parse_binding, resolve_query
    from ..views import find_node, neighbourhood, overview, write_html
    from ..viewdata import document_view, entity_view, find_document, query_view

    if sum(x is not None for x in (focus, document, query)) > 1:
        err("error: use only one of --focus, --document, --query")
        raise typer.Exit(2)
    try:
        with open_store(read_only=True) as store:
            graph = entity_view(store)
            heading, note = "chipgraph: overview", None
            if focus:
                node = find_node(graph, focus)
                graph = neighbourhood(graph, node.id, depth)
                heading = f"{node.label}: neighbourhood (depth {depth})"
            elif document:
                doc_iri, title = find_document(store, document)
                graph = document_view(graph, doc_iri)
                heading = f"Document: {title}"
            elif query:
                bindings = dict(parse_binding(b) for b in bind or [])
                graph = query_view(graph, store.query(resolve_query(query), bindings))
                heading = f"Query: {query if len(query) < 60 else query[:57] + '…'}"
            else:
                graph, note = overview(graph, top)
                if note:
                    heading = f"chipgraph: the {top} most connected entities"
        path = write_html(graph, output, heading=heading, note=note)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    except OSError as exc:
        raise fail(ChipgraphError(f"{output}: cannot write: {exc.strerror or exc}")) from exc
    typer.echo(f"wrote {path} ({len(graph.nodes)} entities, {len(graph.edges)} relations)")


@app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write.")],
    depth: Annotated[int, typer.Option(min=1, max=4, help="Hops shown on each entity page.")] = 1,
    top: Annotated[int, typer.Option(min=0, help="Overview page: draw the N most connected entities "
                                     "(0 = all).")] = OVERVIEW_CAP,
) -> None:
    """Write a browsable site: an index, the overview, a timeline, a page per entity (with text
    sections: restrictions, chips, people, listings, quotes, official details, specifications)
    and per document (its text, evidence highlighted, and its quotes)."""
    from ..views import write_site
    from ..viewdata import documents, entity_view, site_facts

    try:
        with open_store(read_only=True) as store:
            graph = entity_view(store)
            docs = documents(store)
            facts = site_facts(store, graph)
        files = write_site(graph, output, docs, depth=depth, overview_cap=top, facts=facts)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    except OSError as exc:
        raise fail(ChipgraphError(f"{output}: cannot write the site: {exc.strerror or exc}")) from exc
    typer.echo(f"wrote {len(files)} pages to {output} (start at {output / 'index.html'})")
