"""A folder of linked, self-contained HTML pages for one graph.

::

    out_dir/index.html             search box, entities by class, documents
    out_dir/overview.html          the network (its most connected entities, up to a cap)
    out_dir/assets/                vis-network and the page script, written once
    out_dir/entities/<slug>.html   one entity and its neighbourhood
    out_dir/documents/<slug>.html  what one document contributes

File names are slugs of IRIs plus a hash (never raw article text); pages link to each
other and to ``assets/`` with relative links, so the folder can be zipped, mailed and
opened offline.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from ..model import ENTITY_TYPES
from .graphdata import OVERVIEW_CAP, ViewGraph, cites_by_document, documents_of, neighbourhood, overview
from .html import (_SURROGATE, CLASS_LABEL, CLASS_STYLE, CSP, _asset, _environment,
                   json_for_script, render_html, safe_href, write_assets)

DocumentRow = tuple[str, "str | None", "str | None", "str | None", "str | None"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_ID_NAMES = {"wikidata": "Wikidata ID", "entity_list": "Entity List entry"}


def page_slug(iri: str) -> str:
    """A file-name-safe slug for an IRI: ``[a-z0-9-]`` from its last segment + a hash."""
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    stem = _NON_SLUG.sub("-", tail.encode("ascii", "ignore").decode().lower()).strip("-")[:40]
    h = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:10]
    return f"{stem.rstrip('-')}-{h}" if stem else h


def http_href(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None."""
    href = safe_href(url)
    return href if href and href.lower().startswith(("http://", "https://")) else None


def write_site(graph: ViewGraph, out_dir: str | Path,
               documents: list[DocumentRow] | None = None, *, depth: int = 1,
               overview_cap: int | None = OVERVIEW_CAP) -> list[Path]:
    """Write the site for ``graph`` under ``out_dir``; return the pages written, in order.

    vis-network and the page script are written once, into ``out_dir/assets/``, and every
    page loads them from there (a single :func:`~chipgraph.views.write_html` page inlines
    them instead).

    The overview draws at most ``overview_cap`` entities (the most connected; ``None`` or 0
    for all); every entity still has its page.

    ``documents`` rows are ``(doc_id, title, publisher, published, url)``; documents cited
    by the graph's evidence but missing from the list are added from the evidence.
    """
    out = Path(out_dir)
    (out / "entities").mkdir(parents=True, exist_ok=True)
    (out / "documents").mkdir(parents=True, exist_ok=True)

    docs: dict[str, DocumentRow] = {row[0]: tuple(row) for row in documents or ()}  # type: ignore[misc]
    for row in documents_of(graph):
        docs.setdefault(row[0], row)
    doc_rows = sorted(docs.values(), key=lambda r: (r[3] or "", r[1] or "", r[0]), reverse=True)

    node_file = {n.id: f"entities/{page_slug(n.id)}.html" for n in graph.nodes}
    doc_file = {d: f"documents/{page_slug(d)}.html" for d in docs}
    up_node = {k: "../" + v for k, v in node_file.items()}
    up_doc = {k: "../" + v for k, v in doc_file.items()}
    written: list[Path] = []

    def write(rel: str, html: str) -> None:
        path = out / rel
        path.write_text(html, encoding="utf-8", newline="\n")
        written.append(path)

    write_assets(out / "assets")
    write("index.html", render_index(graph, doc_rows, node_file, doc_file))
    drawn, note = overview(graph, overview_cap)
    write("overview.html", render_html(
        drawn, heading=graph.title, links={"Index": "index.html"},
        node_href=node_file, doc_href=doc_file, note=note, assets="assets/"))

    top = {"Index": "../index.html", "Overview": "../overview.html"}
    for n in sorted(graph.nodes, key=lambda v: v.id):
        rows: list[tuple[str, str, str | None]] = [("Type", CLASS_LABEL[n.cls], None)]
        if n.aliases:
            rows.append(("Also known as", "; ".join(n.aliases), None))
        rows += [(_ID_NAMES.get(k, k), v, None) for k, v in n.identifiers]
        rows.append(("Documents", str(n.doc_count), None))
        write(node_file[n.id], render_html(
            neighbourhood(graph, n.id, depth), heading=n.label, links=top,
            card={"title": n.label, "rows": rows},
            node_href=up_node, doc_href=up_doc, focus=n.id, assets="../assets/"))

    by_doc = cites_by_document(graph)
    for d in sorted(docs):
        _, title, publisher, published, url = docs[d]
        rows = [(k, v, None) for k, v in (("Publisher", publisher), ("Published", published)) if v]
        href = http_href(url)
        if url:
            rows.append(("Source", url, href))
        rows.append(("Document ID", d, None))
        write(doc_file[d], render_html(
            by_doc.get(d) or ViewGraph(title=graph.title), heading=title or d, links=top,
            card={"title": title or d, "rows": rows},
            node_href=up_node, doc_href=up_doc, assets="../assets/"))
    return written


def render_index(graph: ViewGraph, documents: list[DocumentRow],
                 node_file: dict[str, str], doc_file: dict[str, str]) -> str:
    """The site's front page: a search box, entities grouped by class, the documents."""
    groups: list[dict[str, Any]] = []
    for cls in ENTITY_TYPES:
        members = sorted((n for n in graph.nodes if n.cls == cls),
                         key=lambda n: (n.label.casefold(), n.id))
        groups.append({
            "label": CLASS_LABEL[cls], "color": CLASS_STYLE[cls][0], "shape": CLASS_STYLE[cls][1],
            "items": [{"label": n.label, "aliases": "; ".join(n.aliases),
                       "href": node_file[n.id], "docs": n.doc_count,
                       "search": "\n".join((n.label, *n.aliases)).casefold()}
                      for n in members],
        })
    docs = [{"title": title or d, "publisher": publisher or "", "published": published or "",
             "href": doc_file[d], "url": http_href(url),
             "search": " ".join(x for x in (title, publisher, d) if x).casefold()}
            for d, title, publisher, published, url in documents]
    counts = {"nodes": len(graph.nodes), "edges": len(graph.edges), "documents": len(docs)}
    html = _environment().get_template("index.html.j2").render(
        csp=CSP, heading=graph.title, groups=groups, documents=docs, counts=counts,
        css=_asset("page.css"), counts_json=json_for_script(counts),
    )
    return _SURROGATE.sub("\ufffd", html)
