"""One self-contained HTML page for a :class:`~chipgraph.views.graphdata.ViewGraph`.

pyvis builds the vis.js node and edge records; the page itself comes from our own
template (``template/page.html.j2``), never pyvis's: pyvis's loads scripts from CDNs and
puts titles, headings and node ids into the page unescaped.  Here

* all data travels as one JSON document in ``<script type="application/json">``, with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped so article text cannot end the block;
* the page script renders untrusted text with ``textContent`` only, and sets links only
  for ``http``/``https`` URLs (or the relative links this package wrote itself);
* vis-network, the script and the CSS are inlined and a Content-Security-Policy forbids
  every fetch, so the file works offline from ``file://``;
* output is deterministic: nodes and edges are sorted, the layout is seeded, nothing
  records the time.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import vocab as _vocab
from ..model import ENTITY_TYPES, PREDICATES
from .graphdata import EvidenceItem, ViewEdge, ViewGraph, ViewNode
from .sections import PREDICATE_WORDS, Section, display_aliases, display_label, readable_document_title

#: Above this many nodes the layout is computed in Python and physics stays off.
PHYSICS_MAX_NODES = 100  # physics took 11-22 s to settle at 137-250 nodes; the layout 2 s at 1,000

#: A page carries at most this many evidence sentences per entity and relation (the newest;
#: the panel says how many there are in all), so pages stay small on large stores.
EVIDENCE_PER_ITEM = 25

#: Colour (Okabe-Ito, safe for colour-blind readers) and vis.js shape of each class.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Company": ("#0072B2", "dot"),
    "Organization": ("#56B4E9", "hexagon"),
    "GovernmentBody": ("#D55E00", "triangle"),
    "Country": ("#F0E442", "star"),
    "Person": ("#CC79A7", "triangleDown"),
    "Chip": ("#009E73", "square"),
    "AIModel": ("#E69F00", "diamond"),
    "ExportControl": ("#3A3A3A", "octagon"),  # drawn by the page script (vis "custom")
}
#: The core classes' labels, from the ontology (through ``vocab``'s derived terms file).
CLASS_LABEL = {c: _vocab.labels()[c] for c in _vocab.entity_classes()}
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")
#: A site page loads vis-network and the page script from the site's own ``assets/`` folder.
SITE_CSP = CSP.replace("script-src 'unsafe-inline'", "script-src 'self' 'unsafe-inline'")
#: The scripts a site writes once into ``assets/`` (a single view inlines them).
SCRIPT_ASSETS = ("vis-network.min.js", "page.js")

_MAX_CANVAS_LABEL = 40
_LINK_OK = re.compile(r"^(?:(?i:https?)://|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//))", re.ASCII)
_UNSAFE_CHAR = re.compile(r"[\x00-\x20\x7f\\]")
_SURROGATE = re.compile("[\ud800-\udfff]")


# --- assets -----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = resources.files(__package__).joinpath("template", name).read_text("utf-8")
    if name.endswith(".js") and re.search(r"</script|<!--", text, re.I):
        raise RuntimeError(f"{name} cannot be inlined: it contains </script or <!--")
    return text


@lru_cache(maxsize=None)
def _environment() -> Any:
    from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FunctionLoader(lambda name: _asset(name)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, keep_trailing_newline=True,
    )
    env.filters["href"] = safe_href  # every link the sections template writes
    return env


def json_for_script(value: Any) -> str:
    """``value`` as JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _SURROGATE.sub("\ufffd", text)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_href(href: str | None) -> str | None:
    return _safe_href(href) if href else None


@lru_cache(maxsize=65536)  # the site checks the same page links on every page
def _safe_href(href: str) -> str | None:
    """``href`` if it is an http(s) URL or a relative link, else None (no ``javascript:``)."""
    if not href:
        return None
    href = href.strip()
    # browsers drop control characters and spaces inside a scheme ("\x01javascript:"),
    # so any character below U+0021, DEL or a backslash makes the link unsafe
    if _UNSAFE_CHAR.search(href) or not _LINK_OK.match(href):
        return None
    return href


# --- building the page data --------------------------------------------------------------

def _canvas_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CANVAS_LABEL else text[:_MAX_CANVAS_LABEL - 1] + "…"


def _node_size(doc_count: int) -> float:
    return round(min(12 + 7 * math.log2(1 + max(doc_count, 0)), 48), 1)


def _edge_key(e: ViewEdge) -> tuple:
    return (e.source, e.predicate, e.target, e.role or "",
            tuple((ev.document, ev.sentence) for ev in e.evidence))


def _short_edge_key(e: ViewEdge) -> tuple:
    return (e.source, e.predicate, e.target, e.role or "")


def _sorted_edges(edges: Iterable[ViewEdge]) -> list[ViewEdge]:
    """Edges in :func:`_edge_key` order, comparing evidence only where the rest ties (the
    full key built a tuple of every evidence sentence of every edge on every page)."""
    out = sorted(edges, key=_short_edge_key)
    if any(_short_edge_key(a) == _short_edge_key(b) for a, b in zip(out, out[1:])):
        out.sort(key=_edge_key)
    return out


def _color(cls: str) -> dict[str, Any]:
    fill = CLASS_STYLE[cls][0]
    return {"background": fill, "border": "#222222",
            "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"}}


def _positions(nodes: list[ViewNode], edges: list[ViewEdge]) -> list[tuple[float, float]]:
    import numpy as np

    from .layout import force_layout

    index = {n.id: i for i, n in enumerate(nodes)}
    src = np.array([index[e.source] for e in edges], dtype=np.int64)
    dst = np.array([index[e.target] for e in edges], dtype=np.int64)
    iterations = 50 if len(nodes) <= 3000 else 30
    pos = force_layout(len(nodes), src, dst, seed=0, iterations=iterations)
    return [(round(float(x), 1), round(float(y), 1)) for x, y in pos]


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership per node and per edge
    (quadratic); this list answers ``in`` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


def _vis_records(nodes: list[ViewNode], edges: list[ViewEdge],
                 physics: bool) -> tuple[list[dict], list[dict]]:
    """vis.js node and edge records, built with pyvis (in bulk)."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.node_ids = _IdList()
    if nodes:
        kw: dict[str, list[Any]] = {
            "label": [_canvas_label(display_label(n)) or "?" for n in nodes],
            "shape": [CLASS_STYLE[n.cls][1] for n in nodes],
            "size": [_node_size(n.doc_count) for n in nodes],
        }
        if not physics:
            xy = _positions(nodes, edges)
            kw["x"] = [p[0] for p in xy]
            kw["y"] = [p[1] for p in xy]
        net.add_nodes([n.id for n in nodes], **kw)
    for i, e in enumerate(edges):
        label = PREDICATE_WORDS[e.predicate] + (f" ({_canvas_label(e.role)})" if e.role else "")
        net.add_edge(e.source, e.target, id=f"e{i}", label=label)
    vis_nodes = []
    for n, rec in zip(nodes, net.nodes):
        rec = dict(rec)
        rec.pop("color", None)
        rec["color"] = _color(n.cls)
        rec["group"] = n.cls
        vis_nodes.append(rec)
    return vis_nodes, [dict(r) for r in net.edges]


def _vis_options(n_nodes: int, n_edges: int, physics: bool) -> dict[str, Any]:
    big = n_nodes > PHYSICS_MAX_NODES
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not big and n_nodes <= 100},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1b1b1b",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # vis hides labels drawn smaller than 5 px; a fitted overview of a few
                  # dozen scattered entities is drawn at about a third of full size
                  "scaling": {"label": {"drawThreshold": 3}},
                  "borderWidth": 1.5, "borderWidthSelected": 3},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "color": {"color": "#8c8c8c", "highlight": "#1b1b1b", "hover": "#1b1b1b"},
                  "font": {"size": 11, "face": "system-ui, sans-serif", "color": "#444444",
                           "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
                  "smooth": {"enabled": True, "type": "dynamic"} if not big else False,
                  "width": 1.2, "selectionWidth": 2},
        "physics": ({"enabled": True, "solver": "barnesHut",
                     "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.6,
                                   "springLength": 120, "springConstant": 0.04,
                                   "avoidOverlap": 0.2},
                     "stabilization": {"enabled": True, "iterations": 400,
                                       "updateInterval": 50, "fit": True}}
                    if physics else {"enabled": False}),
        "interaction": {"hover": True, "tooltipDelay": 3600000, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False,
                        "hideEdgesOnDrag": n_edges > 2000, "hideEdgesOnZoom": n_edges > 4000},
    }


def page_data(graph: ViewGraph, *, node_href: dict[str, str] | None = None,
              doc_href: dict[str, str] | None = None, focus: str | None = None,
              doc_title: dict[str, str] | None = None) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-ready values (sorted, deterministic).

    A document's title is its own, else ``doc_title``'s, else a readable one made from its
    IRI (:func:`~chipgraph.views.sections.readable_document_title`), never the bare IRI."""
    nodes = sorted(graph.nodes, key=lambda n: n.id)
    edges = _sorted_edges(graph.edges)
    physics = len(nodes) <= PHYSICS_MAX_NODES
    vis_nodes, vis_edges = _vis_records(nodes, edges, physics)

    docs: dict[str, EvidenceItem] = {}
    for item in (*nodes, *edges):
        for ev in item.evidence[:EVIDENCE_PER_ITEM]:
            docs.setdefault(ev.document, ev)
    doc_ids = sorted(docs)
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    node_href = node_href or {}
    doc_href = doc_href or {}
    doc_title = doc_title or {}

    def evidence(items: tuple[EvidenceItem, ...]) -> list[list[Any]]:
        return [[ev.sentence, doc_index[ev.document]] for ev in items[:EVIDENCE_PER_ITEM]]

    def total(item: ViewNode | ViewEdge) -> int:
        return max(item.evidence_count, len(item.evidence))

    return {
        "title": graph.title,
        "physics": physics,
        "focus": focus,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "nodeInfo": [
            {"cls": n.cls, "label": display_label(n), "aliases": list(display_aliases(n)),
             "ids": [list(p) for p in n.identifiers], "docs": n.doc_count,
             "ev": evidence(n.evidence), "evn": total(n), "href": safe_href(node_href.get(n.id))}
            for n in nodes
        ],
        "edgeInfo": [
            {"p": e.predicate, "pl": PREDICATE_WORDS[e.predicate], "role": e.role,
             "ev": evidence(e.evidence), "evn": total(e)}
            for e in edges
        ],
        "docs": [
            [d, docs[d].title or doc_title.get(d) or readable_document_title(d),
             docs[d].publisher, docs[d].published, docs[d].url,
             safe_href(doc_href.get(d))]
            for d in doc_ids
        ],
        "classes": {c: {"label": CLASS_LABEL[c], "color": CLASS_STYLE[c][0],
                        "shape": CLASS_STYLE[c][1]} for c in ENTITY_TYPES},
        "options": _vis_options(len(nodes), len(edges), physics),
    }


def _legend(graph: ViewGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_class = Counter(n.cls for n in graph.nodes)
    by_pred = Counter(e.predicate for e in graph.edges)
    classes = [{"name": c, "label": CLASS_LABEL[c], "color": CLASS_STYLE[c][0],
                "shape": CLASS_STYLE[c][1], "count": by_class[c]} for c in ENTITY_TYPES]
    preds = [{"name": p, "label": PREDICATE_WORDS[p], "count": by_pred[p]} for p in PREDICATES]
    return classes, preds


# --- public API ---------------------------------------------------------------------------

def render_html(graph: ViewGraph, *, heading: str, links: dict[str, str] | None = None,
                card: dict[str, Any] | None = None, node_href: dict[str, str] | None = None,
                doc_href: dict[str, str] | None = None, focus: str | None = None,
                note: str | None = None, assets: str | None = None,
                sections: list[Section] | None = None, doc_title: dict[str, str] | None = None) -> str:
    """The page for ``graph`` as one self-contained HTML string.

    ``links`` maps link text to an href shown in the page header (relative links to
    sibling pages, or http/https URLs; anything else is dropped).  The site passes
    ``card`` (a summary box: ``{"title", "rows": [(label, text, href|None)]}``),
    ``node_href``/``doc_href`` (entity/document id -> relative page link) and ``focus``
    (the node to select once drawn).  ``note`` is shown under the heading (e.g. that the
    overview was cut to its most connected entities).  With ``assets`` (a relative folder
    such as ``"../assets/"`` holding :func:`write_assets`) the page loads vis-network and
    its script from there instead of inlining them.  ``sections`` (from
    :class:`~chipgraph.views.sections.SiteSections`) are written below the graph, in
    ``<div id="sections">``, with their own small script (the timeline's date filter);
    ``doc_title`` gives titles to documents whose evidence has none.
    """
    classes, preds = _legend(graph)
    nav = [{"text": text, "href": href} for text, href in (links or {}).items()
           if safe_href(href)]
    data = page_data(graph, node_href=node_href, doc_href=doc_href, focus=focus, doc_title=doc_title)
    if card:
        card = {"title": card.get("title"),
                "rows": [(k, v, safe_href(h)) for k, v, h in card.get("rows", ())]}
    html = _environment().get_template("page.html.j2").render(
        csp=CSP if assets is None else SITE_CSP, title=graph.title, heading=heading, nav=nav,
        classes=classes, predicates=preds, n_nodes=len(graph.nodes), n_edges=len(graph.edges),
        card=card, note=note, sections=sections or [],
        sections_css=_asset("sections.css"), sections_js=_asset("sections.js"),
        data_json=json_for_script(data), css=_asset("page.css"),
        scripts=([{"src": assets + name} for name in SCRIPT_ASSETS] if assets is not None
                 else [{"src": None, "text": _asset(name)} for name in SCRIPT_ASSETS]),
    )
    return _SURROGATE.sub("\ufffd", html)  # lone surrogates cannot be written as UTF-8


def write_assets(out_dir: str | Path) -> list[Path]:
    """Write vis-network (with its licence) and the page script into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in (*SCRIPT_ASSETS, "vis-network.LICENSE.txt"):
        path = out / name
        path.write_text(_asset(name), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def write_html(graph: ViewGraph, path: str | Path, *, heading: str | None = None,
               links: dict[str, str] | None = None, **kw: Any) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render_html(graph, heading=graph.title if heading is None else heading,
                       links=links, **kw)
    path.write_text(html, encoding="utf-8", newline="\n")
    return path
