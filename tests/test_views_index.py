"""The ViewGraph index (neighbourhood, subgraph, node) and the edge order give the same
answers as a plain scan of the whole graph."""
from __future__ import annotations

import random

import pytest

from chipgraph.errors import NotFoundError
from chipgraph.model import ENTITY_TYPES, PREDICATES
from chipgraph.views.graphdata import (EvidenceItem, ViewEdge, ViewGraph, ViewNode,
                                       neighbourhood, subgraph)
from chipgraph.views.html import _edge_key, _sorted_edges


def _graph(n_nodes: int, n_edges: int, seed: int) -> ViewGraph:
    rnd = random.Random(seed)
    nodes = tuple(ViewNode(id=f"urn:x:n{i:03d}", label=f"node {i}", cls=rnd.choice(ENTITY_TYPES))
                  for i in rnd.sample(range(n_nodes), n_nodes))
    ids = [n.id for n in nodes]
    edges = []
    for k in range(n_edges):
        a, b = rnd.choice(ids), rnd.choice(ids)
        ev = tuple(EvidenceItem(f"made-up sentence {k} {j}", f"urn:x:doc{j}")
                   for j in range(rnd.randint(0, 2)))
        edges.append(ViewEdge(a, b, rnd.choice(PREDICATES), role=rnd.choice([None, "r1", "r2"]),
                              evidence=ev))
    return ViewGraph("g", nodes, tuple(edges))


def _plain_subgraph(g: ViewGraph, keep: set[str], title: str) -> ViewGraph:
    return ViewGraph(title, tuple(n for n in g.nodes if n.id in keep),
                     tuple(e for e in g.edges if e.source in keep and e.target in keep))


def _plain_neighbourhood(g: ViewGraph, node_id: str, depth: int) -> set[str]:
    seen, frontier = {node_id}, {node_id}
    for _ in range(depth):
        nxt = set()
        for e in g.edges:
            if e.source in frontier:
                nxt.add(e.target)
            if e.target in frontier:
                nxt.add(e.source)
        frontier = nxt - seen
        seen |= nxt
    return seen


@pytest.mark.parametrize("seed", range(5))
def test_neighbourhood_and_subgraph_match_a_full_scan(seed):
    g = _graph(60, 90, seed)
    rnd = random.Random(seed)
    for node in rnd.sample(g.nodes, 15):
        for depth in (1, 2):
            want = _plain_subgraph(g, _plain_neighbourhood(g, node.id, depth), node.label)
            assert neighbourhood(g, node.id, depth) == want
    for size in (1, 3, 10, 40, 60):
        keep = {n.id for n in rnd.sample(g.nodes, size)}
        assert subgraph(g, keep, "part") == _plain_subgraph(g, keep, "part")
    assert subgraph(g, {"urn:x:absent", g.nodes[0].id}) == _plain_subgraph(g, {g.nodes[0].id}, "g")


def test_node_lookup_and_missing_node():
    g = _graph(20, 10, 7)
    for n in g.nodes:
        assert g.node(n.id) is n
    with pytest.raises(NotFoundError):
        g.node("urn:x:nothing")
    # the cached index is not part of the value
    assert g == ViewGraph(g.title, g.nodes, g.edges)


@pytest.mark.parametrize("seed", range(5))
def test_edge_order_is_the_full_key_order(seed):
    g = _graph(8, 80, seed)  # few nodes: many edges tie on everything but their evidence
    assert _sorted_edges(g.edges) == sorted(g.edges, key=_edge_key)
    distinct = {(e.source, e.predicate, e.target): e for e in g.edges}.values()
    assert _sorted_edges(distinct) == sorted(distinct, key=_edge_key)
