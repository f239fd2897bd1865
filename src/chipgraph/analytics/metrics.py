"""Metrics on the entity graph of :func:`~chipgraph.analytics.graph.build_graph`.

:func:`centrality`, :func:`connections`, :func:`communities` and :func:`cooccurrence` take
that graph and return frozen dataclasses.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

import networkx as nx

from ..errors import ChipgraphError
from ..model import PREDICATES
from .graph import Evidence, _check_class, find_entity, undirected

__all__ = [
    "Ranked", "centrality", "CENTRALITY_MEASURES",
    "Hop", "Connection", "connections", "shortest_connection", "connection_subgraph",
    "Community", "communities", "community_subgraph",
    "Cooccurrence", "cooccurrence",
]

CENTRALITY_MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank")
Measure = Literal["degree", "betweenness", "pagerank"]


# --- centrality ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranked:
    rank: int
    id: str
    label: str
    cls: str
    score: float
    degree: int  # distinct neighbours, either direction
    doc_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def centrality(g: nx.MultiDiGraph, by: Measure = "degree", *, cls: str | None = None,
               top: int | None = 10) -> list[Ranked]:
    """The ``top`` entities by ``by`` (degree, betweenness or pagerank).

    Measures are computed on the undirected graph of distinct connections (a relation is
    a connection whichever way it points) over the whole graph; ``cls`` then keeps the
    entities of one class.  Ties are broken by document count, then label.
    """
    _check_class(cls)
    u = undirected(g)
    if by == "degree":
        scores = nx.degree_centrality(u) if len(u) > 1 else {n: 0.0 for n in u}
    elif by == "betweenness":
        scores = nx.betweenness_centrality(u, normalized=True)
    elif by == "pagerank":
        scores = nx.pagerank(u) if len(u) else {}
    else:
        raise ChipgraphError(f"unknown centrality measure {by!r}; use "
                             + ", ".join(CENTRALITY_MEASURES))
    nodes = [n for n in u if cls is None or g.nodes[n]["cls"] == cls]
    score = {n: round(float(scores[n]), 6) for n in nodes}
    nodes.sort(key=lambda n: (-score[n], -g.nodes[n]["doc_count"],
                              g.nodes[n]["label"].casefold(), n))
    if top is not None:
        nodes = nodes[:max(top, 0)]
    return [Ranked(i + 1, n, g.nodes[n]["label"], g.nodes[n]["cls"], score[n],
                   u.degree(n), g.nodes[n]["doc_count"]) for i, n in enumerate(nodes)]


# --- connections --------------------------------------------------------------------------

@dataclass(frozen=True)
class Hop:
    """One step of a connection: ``source`` to ``target`` through a relation.

    ``direction`` is ``forward`` when the relation points from source to target
    (source -predicate-> target) and ``backward`` when it points the other way.
    """

    source: str
    source_label: str
    target: str
    target_label: str
    predicate: str
    direction: Literal["forward", "backward"]
    role: str | None
    sentence: str | None
    document: str | None
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    evidence_count: int

    @property
    def subject(self) -> str:
        return self.source if self.direction == "forward" else self.target

    @property
    def object(self) -> str:
        return self.target if self.direction == "forward" else self.source

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        arrow = f"-{self.predicate}->" if self.direction == "forward" else f"<-{self.predicate}-"
        return f"{self.source_label} {arrow} {self.target_label}"


@dataclass(frozen=True)
class Connection:
    source: str
    target: str
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.source, *(h.target for h in self.hops))

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "length": self.length,
                "hops": [h.to_dict() for h in self.hops]}


def _hop(g: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The best-evidenced relation between ``a`` and ``b``, in either direction."""
    cands = []
    for (s, t, direction) in ((a, b, "forward"), (b, a, "backward")):
        for k, attrs in (g.get_edge_data(s, t) or {}).items():
            cands.append((-attrs.get("evidence_count", 0), direction != "forward",
                          PREDICATES.index(attrs["predicate"]) if attrs["predicate"] in PREDICATES else 99,
                          direction, attrs))
    _, _, _, direction, attrs = min(cands, key=lambda c: c[:3])
    ev = attrs.get("evidence") or []
    first = ev[0] if ev else Evidence(None, attrs["documents"][0] if attrs.get("documents") else None)  # type: ignore[arg-type]
    return Hop(a, g.nodes[a]["label"], b, g.nodes[b]["label"], attrs["predicate"], direction,
               attrs.get("role"), first.sentence, first.document, first.title, first.publisher,
               first.published, first.url, len(ev))


def connections(g: nx.MultiDiGraph, a: str, b: str, *, limit: int = 1) -> list[Connection]:
    """Up to ``limit`` shortest connections between the entities named ``a`` and ``b``.

    Names are looked up with :func:`find_entity` (case and aliases tolerated).  Relations
    are followed in either direction; each hop says which way its relation points and
    carries one evidence sentence and its source.  Among equally short connections the
    ones through better-documented entities come first.  No connection gives ``[]``.
    """
    src, dst = find_entity(g, a), find_entity(g, b)
    u = undirected(g)
    try:
        found = list(itertools.islice(nx.all_shortest_paths(u, src, dst), 1000))
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda p: ([-g.nodes[n]["doc_count"] for n in p[1:-1]],
                              [g.nodes[n]["label"].casefold() for n in p], p))
    return [Connection(src, dst, tuple(_hop(g, x, y) for x, y in zip(p, p[1:])))
            for p in found[:max(limit, 0)]]


def shortest_connection(g: nx.MultiDiGraph, a: str, b: str) -> Connection | None:
    """The shortest connection between ``a`` and ``b``, or ``None`` when there is none."""
    found = connections(g, a, b, limit=1)
    return found[0] if found else None


def connection_subgraph(g: nx.MultiDiGraph, conns: Iterable[Connection]) -> nx.MultiDiGraph:
    """The entities of ``conns`` and the relations their hops use (for drawing)."""
    edges = set()
    nodes = set()
    for c in conns:
        nodes.update(c.nodes)
        for h in c.hops:
            edges.add((h.subject, h.object, h.predicate))
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in sorted(nodes))
    sub.add_edges_from((s, o, p, g.edges[s, o, p]) for s, o, p in sorted(edges))
    return sub


# --- communities --------------------------------------------------------------------------

@dataclass(frozen=True)
class Community:
    index: int  # 1 = largest
    name: str  # its most central members' labels
    size: int
    members: tuple[str, ...]  # node ids, most central first
    labels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def communities(g: nx.MultiDiGraph, *, seed: int = 42, resolution: float = 1.0,
                min_size: int = 1, name_size: int = 3) -> list[Community]:
    """Louvain communities (networkx, fixed ``seed``) of the undirected relation graph.

    Edges are weighted by the number of relations between a pair.  Members are ordered by
    degree inside their community, then document count, then label; a community is named
    after its first ``name_size`` members.  Largest communities come first.
    """
    u = undirected(g)
    if len(u) == 0:
        return []
    if u.number_of_edges() == 0:
        parts = [{n} for n in u]
    else:
        parts = nx.community.louvain_communities(u, weight="weight", resolution=resolution,
                                                 seed=seed)
    out = []
    for part in parts:
        if len(part) < min_size:
            continue
        inner = u.subgraph(part)
        members = sorted(part, key=lambda n: (-inner.degree(n), -g.nodes[n]["doc_count"],
                                              g.nodes[n]["label"].casefold(), n))
        labels = tuple(g.nodes[n]["label"] for n in members)
        out.append((members, labels))
    out.sort(key=lambda m: (-len(m[0]), [x.casefold() for x in m[1]]))
    return [Community(i + 1, ", ".join(labels[:name_size]), len(members), tuple(members), labels)
            for i, (members, labels) in enumerate(out)]


def community_subgraph(g: nx.MultiDiGraph, community: Community) -> nx.MultiDiGraph:
    """The entities of one community and the relations among them."""
    return g.subgraph(community.members).copy()


# --- co-occurrence ------------------------------------------------------------------------

@dataclass(frozen=True)
class Cooccurrence:
    a: str
    a_label: str
    b: str
    b_label: str
    documents: int
    related: tuple[str, ...]  # predicates of relations between the two, either direction
    document_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def cooccurrence(g: nx.MultiDiGraph, *, top: int | None = 20, cls: str | None = None,
                 min_documents: int = 1) -> list[Cooccurrence]:
    """Pairs of entities mentioned in the same documents (``cg:mentions``), most first.

    With ``cls`` at least one of the pair is of that class.  Ties are broken by label.
    """
    _check_class(cls)
    by_doc: dict[str, list[str]] = defaultdict(list)
    for n, attrs in g.nodes(data=True):
        for d in attrs.get("documents") or ():
            by_doc[d].append(n)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in sorted(by_doc):
        ents = sorted(by_doc[d])
        for x, y in itertools.combinations(ents, 2):
            pairs[(x, y)].append(d)

    def label(n: str) -> str:
        return g.nodes[n]["label"]

    rows = []
    for (x, y), ds in pairs.items():
        if len(ds) < min_documents:
            continue
        if cls is not None and cls not in (g.nodes[x]["cls"], g.nodes[y]["cls"]):
            continue
        x, y = sorted((x, y), key=lambda n: (label(n).casefold(), n))
        preds = sorted({k for k in (g.get_edge_data(x, y) or {})}
                       | {k for k in (g.get_edge_data(y, x) or {})})
        rows.append(Cooccurrence(x, label(x), y, label(y), len(ds), tuple(preds), tuple(ds)))
    rows.sort(key=lambda r: (-r.documents, r.a_label.casefold(), r.b_label.casefold(), r.a, r.b))
    return rows if top is None else rows[:max(top, 0)]


