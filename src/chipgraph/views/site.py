"""A folder of linked, self-contained HTML pages for one graph.

::

    out_dir/index.html             search box, entities by class, documents
    out_dir/overview.html          the network (its most connected entities, up to a cap)
    out_dir/assets/                vis-network and the page script, written once
    out_dir/entities/<key>.html    one entity, its neighbourhood and its text sections
    out_dir/documents/<slug>.html  what one document contributes, its text and quotes
    out_dir/measures/<key>.html    an official measure no document names (the timeline's
                                   measures, the official lists: the Entity List's companies)
    out_dir/timeline.html          measures by official date, news by publication date

Entity file names are the entity's key (``entities/nvidia.html``), with a hash only when
two keys slug alike; document names are slugs plus a hash.  Names never come from article
text.  Pages link to each other and to ``assets/`` with relative links, so the folder can
be zipped, mailed and opened offline.  The text sections below the graph come from
:class:`~chipgraph.views.sections.SiteSections` (with the store's
:class:`~chipgraph.views.facts.SiteFacts` when given).
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model import ENTITY_TYPES
from .facts import SiteFacts
from .graphdata import (OVERVIEW_CAP, ViewGraph, cites_by_document, documents_of, neighbourhood, overview,
                        subgraph)
from .html import (_SURROGATE, CLASS_LABEL, CLASS_STYLE, CSP, _asset, _environment,
                   json_for_script, render_html, safe_href, write_assets)
from .sections import SiteSections, display_aliases, readable_document_title

DocumentRow = tuple[str, "str | None", "str | None", "str | None", "str | None"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_ID_NAMES = {"wikidata": "Wikidata ID", "entity_list": "Entity List entry"}


#: Names some file systems refuse as file names (Windows devices), which get a hash.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                       *(f"lpt{i}" for i in range(10))})


def _stem(iri: str, length: int = 40) -> str:
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return _NON_SLUG.sub("-", tail.encode("ascii", "ignore").decode().lower()).strip("-")[:length].rstrip("-")


def page_slug(iri: str) -> str:
    """A file-name-safe slug for an IRI: ``[a-z0-9-]`` from its last segment + a hash."""
    stem = _stem(iri)
    h = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:10]
    return f"{stem}-{h}" if stem else h


def readable_names(iris: Iterable[str]) -> dict[str, str]:
    """A file name stem for each IRI: its key (``nvidia``), or :func:`page_slug` (key and a
    hash) for every IRI whose key slugs like another's, is empty or is a reserved name.
    The result does not depend on the order of ``iris``."""
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in dict.fromkeys(iris):
        groups[_stem(iri, 80)].append(iri)
    names = {}
    for stem, members in groups.items():
        plain = len(members) == 1 and stem and stem not in _RESERVED
        for iri in members:
            names[iri] = stem if plain else page_slug(iri)
    taken: dict[str, list[str]] = defaultdict(list)
    for iri, name in names.items():
        taken[name].append(iri)
    for name, members in taken.items():  # a plain key equal to another's key-and-hash
        if len(members) > 1:
            for iri in members:
                names[iri] = "x-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]
    return names


def http_href(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None."""
    href = safe_href(url)
    return href if href and href.lower().startswith(("http://", "https://")) else None


def write_site(graph: ViewGraph, out_dir: str | Path,
               documents: list[DocumentRow] | None = None, *, depth: int = 1,
               overview_cap: int | None = OVERVIEW_CAP, facts: SiteFacts | None = None) -> list[Path]:
    """Write the site for ``graph`` under ``out_dir``; return the pages written, in order.

    vis-network and the page script are written once, into ``out_dir/assets/``, and every
    page loads them from there (a single :func:`~chipgraph.views.write_html` page inlines
    them instead).

    The overview draws at most ``overview_cap`` entities (the most connected; ``None`` or 0
    for all); every entity still has its page.

    ``documents`` rows are ``(doc_id, title, publisher, published, url)``; documents cited
    by the graph's evidence but missing from the list are added from the evidence.  A
    document without a title gets a readable one (``facts``' title, its first kept
    sentence, or its IRI's readable part).  ``facts`` (quotes, listings, official measures,
    kept sentences, chip panels: :func:`chipgraph.viewdata.site_facts`) feed the text
    sections; without them the sections say what the graph alone can.
    """
    facts = facts or SiteFacts()
    out = Path(out_dir)
    (out / "entities").mkdir(parents=True, exist_ok=True)
    (out / "documents").mkdir(parents=True, exist_ok=True)

    docs: dict[str, DocumentRow] = {row[0]: tuple(row) for row in documents or ()}  # type: ignore[misc]
    for row in documents_of(graph):
        docs.setdefault(row[0], row)
    for d, (_, title, publisher, published, url) in list(docs.items()):
        if not title:
            known = facts.documents.get(d)
            kept = facts.sentences.get(d)
            title = (known.title if known and known.title else None) or readable_document_title(
                d, None, kept[0].text if kept else None)
            docs[d] = (d, title, publisher, published, url)
    doc_rows = sorted(docs.values(), key=lambda r: (r[3] or "", r[1] or "", r[0]), reverse=True)
    titles = {d: row[1] for d, row in docs.items()}

    nodes = {n.id for n in graph.nodes}
    # official measures no document names still get a page when a section can link to them
    # (the timeline's measures, official lists): the Entity List lists its companies
    measures = sorted(m.iri for m in facts.measures.values()
                      if m.iri not in nodes and (m.timeline or m.list))
    names = readable_names(sorted((*nodes, *measures)))
    node_file = {i: f"entities/{names[i]}.html" for i in sorted(nodes)}
    node_file.update({i: f"measures/{names[i]}.html" for i in measures})
    if measures:
        (out / "measures").mkdir(exist_ok=True)
    doc_names = readable_names(sorted(docs))  # document IRIs end in a slug and a hash already
    doc_file = {d: f"documents/{doc_names[d]}.html" for d in docs}
    up_node = {k: "../" + v for k, v in node_file.items()}
    up_doc = {k: "../" + v for k, v in doc_file.items()}
    written: list[Path] = []
    texts = SiteSections(graph, facts, node_href=up_node, doc_href=up_doc)

    def write(rel: str, html: str) -> None:
        path = out / rel
        path.write_text(html, encoding="utf-8", newline="\n")
        written.append(path)

    write_assets(out / "assets")
    write("index.html", render_index(graph, doc_rows, node_file, doc_file, label=texts.label))
    drawn, note = overview(graph, overview_cap)
    write("overview.html", render_html(
        drawn, heading=graph.title, links={"Index": "index.html", "Timeline": "timeline.html"},
        node_href=node_file, doc_href=doc_file, note=note, assets="assets/", doc_title=titles))

    top = {"Index": "../index.html", "Overview": "../overview.html", "Timeline": "../timeline.html"}
    for n in sorted(graph.nodes, key=lambda v: v.id):
        label = texts.label(n.id)
        rows: list[tuple[str, str, str | None]] = [("Type", CLASS_LABEL[n.cls], None)]
        aliases = [a for a in display_aliases(n) if a != label]
        if n.label != label and n.label not in aliases and n.cls != "ExportControl":
            aliases.insert(0, n.label)
        if aliases:
            rows.append(("Also known as", "; ".join(aliases), None))
        rows += [(_ID_NAMES.get(k, k), v, None) for k, v in n.identifiers]
        rows.append(("Documents", str(n.doc_count), None))
        write(node_file[n.id], render_html(
            neighbourhood(graph, n.id, depth), heading=label, links=top,
            card={"title": label, "rows": rows},
            node_href=up_node, doc_href=up_doc, focus=n.id, assets="../assets/",
            sections=texts.for_entity(n.id), doc_title=titles))

    for iri in measures:
        m = facts.measures[iri]
        shown = [li.entity for li in texts.listed.get(iri, ())] + [
            i for i, _ in (*m.restricts, *m.targets)]
        rows = [("Type", m.kind, None)] + ([("Official", m.official, None)] if m.official else [])
        write(node_file[iri], render_html(
            subgraph(graph, (i for i in shown if i in nodes), title=m.name), heading=m.name, links=top,
            card={"title": m.name, "rows": rows}, node_href=up_node, doc_href=up_doc,
            assets="../assets/", sections=texts.for_entity(iri), doc_title=titles))

    by_doc = cites_by_document(graph)
    for d in sorted(docs):
        _, title, publisher, published, url = docs[d]
        rows = [(k, v, None) for k, v in (("Publisher", publisher), ("Published", published)) if v]
        href = http_href(url)
        if url:
            rows.append(("Source", url, href))
        rows.append(("Document ID", d, None))
        write(doc_file[d], render_html(
            by_doc.get(d) or ViewGraph(title=graph.title), heading=title, links=top,
            card={"title": title, "rows": rows},
            node_href=up_node, doc_href=up_doc, assets="../assets/",
            sections=texts.for_document(d), doc_title=titles))

    write("timeline.html", render_timeline(
        graph.title, texts.rebased(node_file, doc_file).timeline_page()))
    return written


def render_timeline(title: str, sections: list) -> str:
    """The site's timeline page: measures by official date, news by publication date."""
    html = _environment().get_template("timeline.html.j2").render(
        csp=CSP, heading=f"{title}: timeline", sections=sections, css=_asset("page.css"),
        sections_css=_asset("sections.css"), sections_js=_asset("sections.js"))
    return _SURROGATE.sub("\ufffd", html)


def render_index(graph: ViewGraph, documents: list[DocumentRow],
                 node_file: dict[str, str], doc_file: dict[str, str],
                 label: Callable[[str], str] | None = None) -> str:
    """The site's front page: a search box, entities grouped by class, the documents.

    ``label`` gives the name shown for an entity (default: its label); a measure's
    pronoun-like aliases are not shown."""
    groups: list[dict[str, Any]] = []
    name = label or {n.id: n.label for n in graph.nodes}.__getitem__
    for cls in ENTITY_TYPES:
        members = sorted(((name(n.id), n) for n in graph.nodes if n.cls == cls),
                         key=lambda x: (x[0].casefold(), x[1].id))
        items = []
        for shown, n in members:
            aliases = [a for a in (n.label, *display_aliases(n)) if a != shown
                       and (a != n.label or n.cls != "ExportControl")]
            items.append({"label": shown, "aliases": "; ".join(aliases), "href": node_file[n.id],
                          "key": n.id.rstrip("/").rsplit("/", 1)[-1],  # for #entity=<key>
                          "docs": n.doc_count, "search": "\n".join((shown, *aliases)).casefold()})
        groups.append({
            "label": CLASS_LABEL[cls], "color": CLASS_STYLE[cls][0], "shape": CLASS_STYLE[cls][1],
            "items": items,
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
