"""The view contract: plain, frozen values the HTML views are drawn from.

The rest of chipgraph hands the views a :class:`ViewGraph` (or a networkx graph, see
:func:`from_networkx`); nothing here reads RDF.  Every node and edge carries the evidence
(document + sentence) it was extracted from.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError
from ..model import ENTITY_TYPES, PREDICATES


@dataclass(frozen=True)
class EvidenceItem:
    """One sentence of one document that states a fact."""

    sentence: str
    document: str  # document IRI
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ViewNode:
    id: str  # entity IRI
    label: str
    cls: str  # one of model.ENTITY_TYPES
    aliases: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()  # ("wikidata", "Q182477"), ...
    doc_count: int = 0
    evidence: tuple[EvidenceItem, ...] = ()
    evidence_count: int = 0  # all the evidence there is, when ``evidence`` is a sample

    def __post_init__(self) -> None:
        if self.cls not in ENTITY_TYPES:
            raise ValueError(f"node {self.id!r}: unknown class {self.cls!r}")


@dataclass(frozen=True)
class ViewEdge:
    source: str
    target: str
    predicate: str  # one of model.PREDICATES
    role: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    evidence_count: int = 0  # all the evidence there is, when ``evidence`` is a sample

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(f"edge {self.source!r} -> {self.target!r}: "
                             f"unknown predicate {self.predicate!r}")


@dataclass(frozen=True)
class ViewGraph:
    title: str
    nodes: tuple[ViewNode, ...] = ()
    edges: tuple[ViewEdge, ...] = ()

    def __post_init__(self) -> None:
        ids = {n.id for n in self.nodes}
        if len(ids) != len(self.nodes):
            raise ValueError("duplicate node ids in ViewGraph")
        for e in self.edges:
            if e.source not in ids or e.target not in ids:
                raise ValueError(f"edge {e.source!r} -{e.predicate}-> {e.target!r} "
                                 "has an endpoint that is not a node")

    def node(self, node_id: str) -> ViewNode:
        i = _index(self).position.get(node_id)
        if i is None:
            raise NotFoundError(f"no node {node_id!r}")
        return self.nodes[i]


class _Index:
    """Lookups over one (immutable) :class:`ViewGraph`, built once on first use: a node's
    position, its neighbours and the positions of the edges that touch it.  The site asks
    for a neighbourhood per entity page; without the index each one rescanned every edge
    (quadratic in the store)."""

    __slots__ = ("position", "adj", "incident")

    def __init__(self, graph: ViewGraph) -> None:
        self.position = {n.id: i for i, n in enumerate(graph.nodes)}
        self.adj: dict[str, set[str]] = {n.id: set() for n in graph.nodes}
        self.incident: dict[str, list[int]] = {n.id: [] for n in graph.nodes}
        for j, e in enumerate(graph.edges):
            self.adj[e.source].add(e.target)
            self.adj[e.target].add(e.source)
            self.incident[e.source].append(j)
            if e.target != e.source:
                self.incident[e.target].append(j)


def _index(graph: ViewGraph) -> _Index:
    idx = graph.__dict__.get("_index")
    if idx is None:
        idx = _Index(graph)
        object.__setattr__(graph, "_index", idx)  # a cache, not a field: eq/repr ignore it
    return idx


def _degrees(graph: ViewGraph) -> dict[str, int]:
    deg = {n.id: 0 for n in graph.nodes}
    for e in graph.edges:
        deg[e.source] += 1
        deg[e.target] += 1
    return deg


def subgraph(graph: ViewGraph, node_ids: Iterable[str], title: str | None = None) -> ViewGraph:
    """The graph induced by ``node_ids`` (edges whose both ends are kept)."""
    keep = set(node_ids)
    title = graph.title if title is None else title
    if 4 * len(keep) >= len(graph.nodes):  # a large part: one pass over everything
        return ViewGraph(
            title=title,
            nodes=tuple(n for n in graph.nodes if n.id in keep),
            edges=tuple(e for e in graph.edges if e.source in keep and e.target in keep),
        )
    # a small part (an entity page): only the kept nodes' own edges, in the graph's order
    idx = _index(graph)
    pos = sorted(idx.position[i] for i in keep if i in idx.position)
    edges = sorted({j for i in keep for j in idx.incident.get(i, ())
                    if graph.edges[j].source in keep and graph.edges[j].target in keep})
    return ViewGraph(title=title, nodes=tuple(graph.nodes[i] for i in pos),
                     edges=tuple(graph.edges[j] for j in edges))


def neighbourhood(graph: ViewGraph, node_id: str, depth: int = 1) -> ViewGraph:
    """The node, everything within ``depth`` hops (either direction) and the edges among them."""
    centre = graph.node(node_id)
    adj = _index(graph).adj
    seen = {node_id: 0}
    queue = deque([node_id])
    while queue:
        cur = queue.popleft()
        if seen[cur] >= depth:
            continue
        for nxt in sorted(adj[cur]):
            if nxt not in seen:
                seen[nxt] = seen[cur] + 1
                queue.append(nxt)
    return subgraph(graph, seen, title=centre.label)


def top_n(graph: ViewGraph, n: int) -> ViewGraph:
    """The ``n`` best-connected nodes (by degree, then document count) and their edges."""
    deg = _degrees(graph)
    ranked = sorted(graph.nodes, key=lambda v: (-deg[v.id], -v.doc_count, v.id))
    return subgraph(graph, (v.id for v in ranked[:max(n, 0)]))


#: The overview draws at most this many entities (the most connected) unless asked for more.
OVERVIEW_CAP = 1500


def overview(graph: ViewGraph, cap: int | None = OVERVIEW_CAP) -> tuple[ViewGraph, str | None]:
    """The graph to draw as the overview, and a note for the page when it was cut.

    Above ``cap`` entities (``None`` or 0: no cap) only the ``cap`` best-connected are kept.
    """
    if not cap or len(graph.nodes) <= cap:
        return graph, None
    note = (f"Showing the {cap:,} most connected of {len(graph.nodes):,} entities. "
            "Ask for more with --top N (0 = all).")
    return top_n(graph, cap), note


def find_node(graph: ViewGraph, name: str) -> ViewNode:
    """The node called ``name``: its IRI, label or an alias, ignoring case.

    Raises :class:`~chipgraph.errors.NotFoundError` with close matches as suggestions.
    """
    want = name.strip().casefold()
    by_label: list[ViewNode] = []
    by_alias: list[ViewNode] = []
    for n in graph.nodes:
        if n.id == name:
            return n
        if n.label.casefold() == want:
            by_label.append(n)
        elif any(a.casefold() == want for a in n.aliases):
            by_alias.append(n)
    for found in (by_label, by_alias):
        if found:
            return min(found, key=lambda v: (-v.doc_count, v.id))
    raise NotFoundError(f"no entity named {name!r}", suggestions=_suggest(graph, name))


def _suggest(graph: ViewGraph, name: str, limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process, utils

    choices: dict[str, str] = {}  # searchable name -> label shown
    for n in graph.nodes:
        for s in (n.label, *n.aliases):
            choices.setdefault(s, n.label)
    hits = process.extract(name, list(choices), scorer=fuzz.WRatio,
                           processor=utils.default_process, limit=limit * 3, score_cutoff=70)
    out: list[str] = []
    for s, _score, _i in hits:
        label = choices[s]
        if label not in out:
            out.append(label)
    return out[:limit]


# --- building from networkx ------------------------------------------------------------

def _evidence(value: Any) -> tuple[EvidenceItem, ...]:
    if not value:
        return ()
    items = []
    for ev in value:
        if isinstance(ev, EvidenceItem):
            items.append(ev)
        elif isinstance(ev, Mapping):
            items.append(EvidenceItem(**{k: ev.get(k) for k in (
                "sentence", "document", "title", "publisher", "published", "url")}))
        else:
            items.append(EvidenceItem(*ev))
    return tuple(items)


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if not value:
        return ()
    if isinstance(value, Mapping):
        value = value.items()
    return tuple((str(k), str(v)) for k, v in value)


def from_networkx(g: Any, title: str) -> ViewGraph:
    """A :class:`ViewGraph` from a networkx graph (``MultiDiGraph`` or any other kind).

    Node attributes: ``label, cls, aliases, identifiers, doc_count, evidence``; edge
    attributes: ``predicate, role, evidence``.  Evidence items may be
    :class:`EvidenceItem`, mappings or tuples in field order.
    """
    nodes = []
    for nid, a in g.nodes(data=True):
        nodes.append(ViewNode(
            id=str(nid), label=str(a.get("label") or nid), cls=a.get("cls", ""),
            aliases=tuple(str(x) for x in a.get("aliases") or ()),
            identifiers=_pairs(a.get("identifiers")),
            doc_count=int(a.get("doc_count") or 0), evidence=_evidence(a.get("evidence")),
            evidence_count=int(a.get("evidence_count") or 0),
        ))
    edges = [
        ViewEdge(source=str(u), target=str(v), predicate=a.get("predicate", ""),
                 role=a.get("role"), evidence=_evidence(a.get("evidence")),
                 evidence_count=int(a.get("evidence_count") or 0))
        for u, v, a in g.edges(data=True)
    ]
    return ViewGraph(title=title, nodes=tuple(nodes), edges=tuple(edges))


def documents_of(graph: ViewGraph) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """Every document cited by the graph's evidence, as ``(doc_id, title, publisher, published, url)``."""
    docs: dict[str, EvidenceItem] = {}
    for item in (*graph.nodes, *graph.edges):
        for ev in item.evidence:
            docs.setdefault(ev.document, ev)
    return [(d, ev.title, ev.publisher, ev.published, ev.url) for d, ev in sorted(docs.items())]


def cites_by_document(graph: ViewGraph) -> dict[str, ViewGraph]:
    """:func:`cites` for every cited document at once, in one pass over the evidence."""
    node_docs: dict[str, list[ViewNode]] = {}
    edge_docs: dict[str, list[ViewEdge]] = {}
    for n in graph.nodes:
        for d in dict.fromkeys(ev.document for ev in n.evidence):
            node_docs.setdefault(d, []).append(n)
    for e in graph.edges:
        for d in dict.fromkeys(ev.document for ev in e.evidence):
            edge_docs.setdefault(d, []).append(e)
    order = {n.id: i for i, n in enumerate(graph.nodes)}
    by_id = {n.id: n for n in graph.nodes}
    out = {}
    for d in sorted(node_docs.keys() | edge_docs.keys()):
        edges = tuple(edge_docs.get(d, ()))
        keep = {n.id for n in node_docs.get(d, ())}
        for e in edges:
            keep.update((e.source, e.target))
        out[d] = ViewGraph(title=graph.title, edges=edges,
                           nodes=tuple(by_id[i] for i in sorted(keep, key=order.__getitem__)))
    return out


def cites(graph: ViewGraph, doc_id: str) -> ViewGraph:
    """What one document contributes: nodes and edges whose evidence cites it.

    Endpoints of a cited edge are kept, so every edge has its two nodes.
    """
    edges = tuple(e for e in graph.edges if any(ev.document == doc_id for ev in e.evidence))
    keep = {n.id for n in graph.nodes if any(ev.document == doc_id for ev in n.evidence)}
    for e in edges:
        keep.update((e.source, e.target))
    return ViewGraph(title=graph.title, nodes=tuple(n for n in graph.nodes if n.id in keep),
                     edges=edges)
