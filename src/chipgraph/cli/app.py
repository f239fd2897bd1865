"""The typer application and its core commands."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ChipgraphError

app = typer.Typer(
    name="chipgraph",
    help="A knowledge graph of AI-chip policy: ingest articles, query with SPARQL, "
         "explore HTML views. Every fact carries its evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_STORE = "graph/store"


class State:
    store_location: str = DEFAULT_STORE


def err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


def fail(exc: ChipgraphError, code: int = 1) -> typer.Exit:
    err(f"error: {exc}")
    return typer.Exit(code)


@app.callback()
def _global(
    store: Annotated[str, typer.Option("--store", envvar="CHIPGRAPH_STORE",
                                       help="Store folder (Oxigraph on disk), or an http(s):// "
                                            "SPARQL endpoint.")] = DEFAULT_STORE,
) -> None:
    State.store_location = store


def open_store(*, read_only: bool = False):
    from ..backends import open_store as _open

    try:
        return _open(State.store_location, read_only=read_only)
    except ChipgraphError as exc:
        raise fail(exc) from exc


class ExtractFormat(str, Enum):
    json = "json"
    turtle = "turtle"


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .html or .jsonl source.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
) -> None:
    """Print the extraction of one document (JSON contract or Turtle); the store is not touched."""
    from .. import __version__
    from ..documents import read_file
    from ..pipeline import extract_document
    from ..rdf import extraction_graph

    result = read_file(file)
    for e in result.errors:
        err(f"error: {e}")
    if not result.documents:
        raise typer.Exit(1)
    for doc in result.documents:
        try:
            ex = extract_document(doc)
        except ChipgraphError as exc:
            err(f"error: {exc}")
            result.errors.append(exc)
            continue
        if format is ExtractFormat.json:
            indent = None if len(result.documents) > 1 else 1
            sys.stdout.write(json.dumps(ex.to_json(), ensure_ascii=False, indent=indent) + "\n")
        else:
            sys.stdout.write(extraction_graph(ex, extractor_version=__version__).serialize(format="turtle"))
    if result.errors:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .md, .html, .jsonl.")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1,
                                                help="Extraction processes (default: the number of cores).")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="local|tcp://HOST:PORT",
                                                help="Extract on a Dask cluster: 'local' starts a LocalCluster.")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per store write.")] = 64,
    shards: Annotated[Optional[Path], typer.Option("--shards", metavar="DIR",
                                                   help="Write N-Quads shards into DIR instead of the store "
                                                        "(load them with `chipgraph load DIR`).")] = None,
) -> None:
    """Extract documents and write them to the store (unchanged documents are skipped).

    A document is known by its URL, else by its path relative to the current folder (see
    docs/documents.md); a document stored under its bare file name by an older chipgraph
    is moved to its path key ("re-keyed").  With --shards the workers write N-Quads shards
    and a manifest into DIR and the store is not opened (docs/shards.md)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..pipeline import default_jobs, ingest as run

    if shards is not None:
        _write_shards(paths, shards, jobs=jobs or default_jobs(), dask=dask)
        return
    store = open_store()
    with store, Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                         MofNCompleteColumn(), TimeElapsedColumn(),
                         transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("ingesting", total=None)
        try:
            report = run(paths, store, jobs=jobs or default_jobs(), dask=dask, batch=batch,
                         on_start=lambda n: progress.update(task, total=n),
                         on_file=lambda f, n: progress.advance(task))
        except ChipgraphError as exc:  # e.g. the Dask scheduler cannot be reached
            raise fail(exc) from exc
    for w in report.warnings:
        err(f"warning: {w}")
    for e in report.errors:
        err(f"error: {e}")
    rekeyed = f"{len(report.rekeyed)} re-keyed, " if report.rekeyed else ""
    repaired = f"{len(report.repaired)} repaired, " if report.repaired else ""
    typer.echo(f"{len(report.added)} added, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged, {repaired}{rekeyed}{len(report.errors)} failed")
    if report.errors:
        raise typer.Exit(1)


def _write_shards(paths: list[Path], folder: Path, *, jobs: int, dask: str | None) -> None:
    from ..shards import write_shards

    try:
        report = write_shards(paths, folder, dask=dask, jobs=jobs)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    for e in report.errors:
        err(f"error: {e}")
    typer.echo(f"{report.documents} document(s) in {report.shards} shard(s) in {folder}, "
               f"{len(report.errors)} failed")
    if report.errors:
        raise typer.Exit(1)


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="A shard folder written by `ingest --shards`.")],
) -> None:
    """Load N-Quads shards into the store: bulk-loaded when the store holds no documents,
    else written like `ingest` (unchanged documents are skipped).  Every shard is checked
    against the manifest before anything is written."""
    from ..shards import load_shards

    try:
        with open_store() as store:
            report = load_shards(folder, store)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    for w in report.warnings:
        err(f"warning: {w}")
    for e in report.source_errors:
        err(f"error (when the shards were written): {e}")
    how = "bulk-loaded" if report.fast else "written"
    typer.echo(f"{how}: {len(report.added)} added, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged"
               + (f", {len(report.repaired)} repaired" if report.repaired else ""))


class ResultFormatOpt(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


@app.command()
def query(
    query_or_file: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a saved question's name.")],
    format: Annotated[ResultFormatOpt, typer.Option("--format", "-f", help="table for people; csv, tsv, json "
                                                    "complete and untruncated.")] = ResultFormatOpt.table,
    bind: Annotated[Optional[list[str]], typer.Option("--bind", "-b", help="name=value, passed as a binding "
                                                      "(repeatable): <iri>, ent:key, or a label such as DeepSeek.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is abandoned.")] = 30.0,
    width: Annotated[Optional[int], typer.Option("--width", min=20, help="Table width in characters "
                                                 "(default: the terminal's).")] = None,
    max_col: Annotated[int, typer.Option("--max-col", min=0, help="Cut table cells longer than this "
                                         "many characters with … (0: whole values).")] = 60,
) -> None:
    """Run SPARQL over the store (union of all graphs); a saved question's parameters are checked."""
    from ..query import parse_binding, resolve_saved, run_query
    from .table import write_result

    try:
        bindings = dict(parse_binding(b) for b in bind or [])  # bad values and names fail before the store opens
        resolve_saved(query_or_file)
        with open_store(read_only=True) as store:
            res, prepared = run_query(store, query_or_file, bindings, timeout=timeout)
        for note in prepared.notes:
            typer.echo(f"note: {note}", err=True)
        for warning in prepared.warnings:
            err(f"warning: {warning}")
        write_result(res, format.value, width=width, max_col=max_col)
        if res.truncated and format is not ResultFormatOpt.table:  # the table says so itself
            err(f"warning: {res.warning or 'the answer is incomplete'}")
    except ChipgraphError as exc:
        raise fail(exc) from exc


@app.command()
def queries() -> None:
    """List the saved questions (run one with `chipgraph query NAME`)."""
    from ..query import saved_queries

    for q in saved_queries():
        typer.echo(f"{q.name}\n    {q.title}")
        for p, what in q.params:
            typer.echo(f"    --bind {p}=…  {what}")


class ExportFormatOpt(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"


@app.command()
def export(
    format: Annotated[ExportFormatOpt, typer.Option("--format", "-f")] = ExportFormatOpt.trig,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for stdout).")] = Path("-"),
    include_ontology: Annotated[bool, typer.Option(help="Include the ontology graph (RDF formats).")] = False,
) -> None:
    """Serialise the store (deterministic: the same graph gives the same bytes).

    RDF: turtle, trig, nquads, jsonld. For Gephi and other network tools: graphml, gexf
    (the entity graph, with evidence folded into attributes)."""
    from ..exports import export as run

    try:
        with open_store(read_only=True) as store:
            data = run(store, format.value, include_ontology=include_ontology)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    if str(output) == "-":
        sys.stdout.buffer.write(data)
    else:
        try:
            _atomic_write(output, data)
        except OSError as exc:
            raise fail(ChipgraphError(f"{output}: cannot write: {exc.strerror or exc}")) from exc
        typer.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file: never a half-written export."""
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@app.command()
def validate() -> None:
    """Validate the store against ontology/shapes.ttl (SHACL); exit 1 with a report when it fails."""
    from ..validate import validate_graph

    try:
        with open_store(read_only=True) as store:
            report = validate_graph(store.union_graph(include_ontology=True))
    except ChipgraphError as exc:
        raise fail(exc) from exc
    if report.conforms:
        typer.echo("conforms: the graph satisfies every shape")
        return
    typer.echo(report.text)
    err(f"error: {report.violations} SHACL violation(s)")
    raise typer.Exit(1)


@app.command()
def stats(
    format: Annotated[ResultFormatOpt, typer.Option("--format", "-f")] = ResultFormatOpt.table,
) -> None:
    """Counts of documents, entities by class, relations by predicate, and quotes."""
    from ..stats import graph_stats

    try:
        with open_store(read_only=True) as store:
            s = graph_stats(store)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    if format is ResultFormatOpt.json:
        typer.echo(json.dumps(s, indent=1, sort_keys=True))
        return
    typer.echo(f"documents  {s['documents']}")
    typer.echo(f"entities   {s['entities']}")
    for k, v in s["entities_by_class"].items():
        typer.echo(f"  {k:16} {v}")
    typer.echo(f"relations  {s['relations']}")
    for k, v in s["relations_by_predicate"].items():
        typer.echo(f"  {k:16} {v}")
    typer.echo(f"quotes     {s['quotes']}")
    typer.echo(f"triples    {s['triples']}")


@app.command()
def remove(
    document: Annotated[str, typer.Argument(
        help="The document's key (its URL, or its path as ingested), or the file's path.")],
) -> None:
    """Retract a document and every fact only it supported."""
    from pathlib import Path

    from ..documents import path_key

    try:
        with open_store() as store:
            removed = store.remove_document(document)
            if not removed and Path(document).exists():
                # a path typed from another folder: the key is relative to this one
                removed = store.remove_document(document := path_key(document))
    except ChipgraphError as exc:
        raise fail(exc) from exc
    if not removed:
        err(f"error: no document {document!r} in the store")
        raise typer.Exit(1)
    typer.echo(f"removed {document}")


class ReferenceSource(str, Enum):
    federal_register = "federal-register"


@app.command()
def reference(
    source: Annotated[ReferenceSource, typer.Argument(help="Which reference source the file is.")],
    path: Annotated[Path, typer.Argument(help="The source file, e.g. "
                                         "../shared/reference/federal_register_bis_ear_documents_2020-2026.csv")],
) -> None:
    """Load a reference source into its own named graph (replacing an older copy).

    federal-register: the Federal Register's BIS/EAR documents (CSV), which the
    `controls_timeline` question lists beside the news."""
    from ..store import FEDERAL_REGISTER, federal_register_graph

    try:
        graph = federal_register_graph(path)
        if not len(graph):
            raise ChipgraphError(f"{path}: not a Federal Register documents CSV (no row with "
                                 f"fr_document_number, title, publication_date and a "
                                 f"federalregister.gov address)")
        with open_store() as store:
            name = store.load_reference(FEDERAL_REGISTER, graph)
    except OSError as exc:
        raise fail(ChipgraphError(f"{path}: cannot read: {exc.strerror or exc}")) from exc
    except UnicodeDecodeError as exc:
        raise fail(ChipgraphError(f"{path}: not valid UTF-8 (byte offset {exc.start})")) from exc
    except (KeyError, ValueError, csv.Error) as exc:
        raise fail(ChipgraphError(f"{path}: not a Federal Register documents CSV "
                                  f"(missing or bad column: {exc})")) from exc
    except ChipgraphError as exc:
        raise fail(exc) from exc
    typer.echo(f"loaded {len(graph)} triples into <{name}>")
