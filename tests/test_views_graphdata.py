"""The view contract: ViewGraph values, lookups and conversion from networkx."""
from __future__ import annotations

import networkx as nx
import pytest
from fixtures.views.graphs import E, SENT, small_graph

import chipgraph.views as views
from chipgraph.errors import NotFoundError
from chipgraph.views import (EvidenceItem, ViewEdge, ViewGraph, ViewNode, cites, documents_of,
                             find_node, from_networkx, neighbourhood, top_n)


def test_views_exported_members():
    assert sorted(views.__all__) == sorted([
        "EvidenceItem", "ViewEdge", "ViewGraph", "ViewNode", "OVERVIEW_CAP", "cites",
        "cites_by_document", "documents_of", "find_node", "from_networkx", "neighbourhood",
        "overview", "subgraph", "top_n", "render_html", "write_assets", "write_html", "write_site",
        "ListingItem", "OfficialMeasure", "QuoteItem", "SentenceItem", "SiteFacts", "Source", "Section",
        "SiteSections",
    ])
    for name in views.__all__:
        assert getattr(views, name) is not None


@pytest.mark.parametrize("name, expected", [
    ("Nvidia", "nvidia"),
    ("nvidia", "nvidia"),
    ("  NVIDIA corporation ", "nvidia"),  # alias, any case
    ("bis", "bis"),
    (E + "h800", "h800"),  # the IRI itself
    ("prc", "china"),
])
def test_views_find_node_by_label_alias_or_iri(name, expected):
    assert find_node(small_graph(), name).id == E + expected


def test_views_find_node_suggests_close_matches():
    with pytest.raises(NotFoundError) as err:
        find_node(small_graph(), "Nvida")
    assert err.value.suggestions[0] == "Nvidia"
    assert "Nvidia" in str(err.value)


def test_views_find_node_without_close_match_has_no_suggestions():
    with pytest.raises(NotFoundError) as err:
        find_node(small_graph(), "zzzzqqq")
    assert err.value.suggestions == []


def test_views_neighbourhood_depth():
    g = small_graph()
    one = neighbourhood(g, E + "h800", 1)
    assert {n.id for n in one.nodes} == {E + "h800", E + "nvidia", E + "deepseek"}
    assert {(e.source, e.predicate, e.target) for e in one.edges} == {
        (E + "nvidia", "manufactures", E + "h800"), (E + "deepseek", "usesChip", E + "h800")}
    assert one.title == "H800"
    two = neighbourhood(g, E + "h800", 2)
    assert {E + "jensen-huang", E + "h100", E + "deepseek-v3", E + "china"} <= {n.id for n in two.nodes}
    with pytest.raises(NotFoundError):
        neighbourhood(g, E + "nope", 1)


def test_views_top_n_by_degree():
    top = top_n(small_graph(), 3)
    assert [n.id for n in top.nodes] and len(top.nodes) == 3
    # four nodes have degree 3; ties go to more documents, then to the IRI
    assert {n.id for n in top.nodes} == {E + "nvidia", E + "china", E + "deepseek"}
    assert all(e.source in {n.id for n in top.nodes} for e in top.edges)


def test_views_cites_keeps_edge_endpoints():
    g = small_graph()
    ft = "https://w3id.org/chipgraph/doc/ft-deepseek-7a8b9c"
    sub = cites(g, ft)
    assert {(e.predicate) for e in sub.edges} == {"usesChip", "develops", "basedIn"}
    assert E + "china" in {n.id for n in sub.nodes}  # endpoint of basedIn, not itself cited
    assert [d[0] for d in documents_of(g)] == sorted(d[0] for d in documents_of(g))


def test_views_contract_is_validated():
    with pytest.raises(ValueError):
        ViewNode(E + "x", "X", "Spaceship")
    with pytest.raises(ValueError):
        ViewEdge(E + "x", E + "y", "likes")
    with pytest.raises(ValueError):
        ViewGraph("t", (ViewNode(E + "x", "X", "Chip"),), (ViewEdge(E + "x", E + "y", "targets"),))
    with pytest.raises(ValueError):
        ViewGraph("t", (ViewNode(E + "x", "X", "Chip"), ViewNode(E + "x", "X", "Chip")))


def test_views_from_networkx_multidigraph():
    g = nx.MultiDiGraph()
    g.add_node(E + "nvidia", label="Nvidia", cls="Company", aliases=["NVIDIA Corporation"],
               identifiers={"wikidata": "Q182477"}, doc_count=2,
               evidence=[{"sentence": SENT["manufactures"], "document": "d1", "title": "T"}])
    g.add_node(E + "h800", label="H800", cls="Chip")
    g.add_edge(E + "nvidia", E + "h800", predicate="manufactures",
               evidence=[EvidenceItem(SENT["manufactures"], "d1")])
    g.add_edge(E + "nvidia", E + "h800", predicate="develops", role=None, evidence=[])
    vg = from_networkx(g, "From networkx")
    assert vg.title == "From networkx"
    nv = vg.node(E + "nvidia")
    assert nv.identifiers == (("wikidata", "Q182477"),) and nv.aliases == ("NVIDIA Corporation",)
    assert nv.evidence[0] == EvidenceItem(SENT["manufactures"], "d1", "T")
    assert vg.node(E + "h800").doc_count == 0 and vg.node(E + "h800").aliases == ()
    assert sorted(e.predicate for e in vg.edges) == ["develops", "manufactures"]
