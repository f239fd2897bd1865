"""chipgraph.analytics on hand-built graphs whose answers are known."""
from __future__ import annotations

import networkx as nx
import pytest

from chipgraph import analytics as A
from chipgraph.errors import NotFoundError
from chipgraph.model import ENTITY_TYPES, PREDICATES
from chipgraph.store import Store
from chipgraph.views.graphdata import EvidenceItem, from_networkx

from helpers import ENT, chain_docs, cluster_docs, cooccur_docs, make_doc, star_docs, store_of


@pytest.fixture(scope="module")
def chain() -> nx.MultiDiGraph:
    return A.build_graph(store_of(chain_docs()))


@pytest.fixture(scope="module")
def star() -> nx.MultiDiGraph:
    return A.build_graph(store_of(star_docs()))


@pytest.fixture(scope="module")
def clusters() -> nx.MultiDiGraph:
    return A.build_graph(store_of(cluster_docs()))


@pytest.fixture(scope="module")
def cooc() -> nx.MultiDiGraph:
    return A.build_graph(store_of(cooccur_docs()))


# --- building ------------------------------------------------------------------------------

def test_analytics_build_nodes_and_edges(chain):
    assert sorted(chain) == sorted(ENT + k for k in ("acme", "x1", "bolt", "freedonia", "jo-park", "zed"))
    assert sorted((u.rsplit("/", 1)[1], k, v.rsplit("/", 1)[1]) for u, v, k in chain.edges(keys=True)) == [
        ("acme", "usesChip", "x1"), ("bolt", "basedIn", "freedonia"),
        ("bolt", "manufactures", "x1"), ("jo-park", "affiliatedWith", "acme")]
    assert chain.graph["documents"] == 2


def test_analytics_build_node_attributes(chain):
    acme = chain.nodes[ENT + "acme"]
    assert acme["cls"] == "Company"
    assert acme["label"] == "Acme Corp"  # longer of two labels each used by one document
    assert acme["aliases"] == ["Acme"]
    assert acme["identifiers"] == [("wikidata", "Q1")]
    assert acme["doc_count"] == 2 and len(acme["documents"]) == 2
    assert chain.nodes[ENT + "zed"]["doc_count"] == 1
    sentences = {e.sentence for e in acme["evidence"]}
    assert "Acme now trains on the X1." in sentences
    assert "Jo Park, chief executive of Acme Corp, spoke on Monday." in sentences
    # no document, sentence or assertion nodes
    assert {a["cls"] for _, a in chain.nodes(data=True)} <= set(ENTITY_TYPES)


def test_analytics_build_edge_attributes(chain):
    uses = chain.edges[ENT + "acme", ENT + "x1", "usesChip"]
    assert uses["predicate"] == "usesChip"
    assert uses["evidence_count"] == 2 and len(uses["documents"]) == 2
    newest = uses["evidence"][0]  # newest document first
    assert newest == A.Evidence("Acme now trains on the X1.", uses["documents"][0]
                                if "chain-2" in uses["documents"][0] else uses["documents"][1],
                                "Acme update", "Other Daily", "2024-06-01", "https://example.org/chain-2")
    assert uses["evidence"][1].sentence == "Acme Corp trains its models on the X1 accelerator."
    assert uses["confidence"] == pytest.approx(0.9)
    aff = chain.edges[ENT + "jo-park", ENT + "acme", "affiliatedWith"]
    assert aff["role"] == "chief executive"
    assert chain.edges[ENT + "bolt", ENT + "x1", "manufactures"]["role"] is None


def test_analytics_build_matches_view_contract(chain):
    vg = from_networkx(chain, "chain")
    assert len(vg.nodes) == 6 and len(vg.edges) == 4
    acme = vg.node(ENT + "acme")
    assert acme.identifiers == (("wikidata", "Q1"),) and acme.doc_count == 2
    assert all(isinstance(ev, EvidenceItem) for ev in acme.evidence)
    edge = next(e for e in vg.edges if e.predicate == "affiliatedWith")
    assert edge.role == "chief executive"
    assert edge.evidence[0].title == "Acme and the X1" and edge.evidence[0].publisher == "Test Wire"


def test_analytics_build_is_independent_of_ingest_order(tmp_path):
    docs = chain_docs() + cluster_docs()
    one = A.build_graph(store_of(docs))
    two = A.build_graph(store_of(list(reversed(docs))))
    A.write_graph(one, tmp_path / "one.graphml")
    A.write_graph(two, tmp_path / "two.graphml")
    assert (tmp_path / "one.graphml").read_bytes() == (tmp_path / "two.graphml").read_bytes()
    assert list(one.nodes(data=True)) == list(two.nodes(data=True))


def test_analytics_build_empty_store():
    g = A.build_graph(Store(None))
    assert len(g) == 0
    assert A.centrality(g) == [] and A.communities(g) == [] and A.cooccurrence(g) == []


def test_analytics_build_replaced_document_drops_its_facts():
    store = store_of(chain_docs())
    d2 = chain_docs()[1]
    d2.relations.clear()
    d2.document = type(d2.document)(**{**d2.document.__dict__, "text": d2.document.text + " "})
    store.add_extraction(d2, extractor_version="t")
    g = A.build_graph(store)
    assert g.edges[ENT + "acme", ENT + "x1", "usesChip"]["evidence_count"] == 1


# --- lookup --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Acme Corp", "acme corp", "ACME", "acme", ENT + "acme", " Acme Corp "])
def test_analytics_find_entity_tolerates_case_and_aliases(chain, name):
    assert A.find_entity(chain, name) == ENT + "acme"


def test_analytics_find_entity_suggests(chain):
    with pytest.raises(NotFoundError) as exc:
        A.find_entity(chain, "Acme Crop")
    assert "Acme Corp" in exc.value.suggestions


# --- centrality ----------------------------------------------------------------------------

@pytest.mark.parametrize("by", A.CENTRALITY_MEASURES)
def test_analytics_centrality_star_centre_first(star, by):
    ranked = A.centrality(star, by, top=3)
    assert ranked[0].label == "Rule R" and ranked[0].rank == 1
    assert ranked[0].score > ranked[1].score
    assert [r.rank for r in ranked] == [1, 2, 3]


def test_analytics_centrality_degree_values(star):
    ranked = A.centrality(star, "degree", top=None)
    assert len(ranked) == 8
    top = ranked[0]
    assert top.degree == 5 and top.score == pytest.approx(5 / 7, abs=1e-6)
    # ties broken by label: the chips C1..C4, Q2 chip, Quux Inc, Ruritania all have degree 1
    assert [r.label for r in ranked[1:]] == ["Chip C1", "Chip C2", "Chip C3", "Chip C4",
                                             "Q2 chip", "Quux Inc", "Ruritania"]


def test_analytics_centrality_class_filter(star):
    ranked = A.centrality(star, "betweenness", cls="Chip", top=10)
    assert {r.cls for r in ranked} == {"Chip"} and len(ranked) == 5
    assert all(r.score == 0 for r in ranked)
    with pytest.raises(NotFoundError):
        A.centrality(star, cls="Chips")


def test_analytics_pagerank_ranks_the_hub_first(star):
    ranked = A.centrality(star, "pagerank", top=None)
    assert ranked[0].degree == max(r.degree for r in ranked)
    assert sum(r.score for r in ranked) == pytest.approx(1.0, abs=1e-4)


# --- connections ---------------------------------------------------------------------------

def test_analytics_path_chain_with_evidence(chain):
    c = A.shortest_connection(chain, "acme", "Bolt Semiconductor")
    assert c is not None and c.length == 2
    assert c.nodes == (ENT + "acme", ENT + "x1", ENT + "bolt")
    h1, h2 = c.hops
    assert (h1.source_label, h1.predicate, h1.direction, h1.target_label) == ("Acme Corp", "usesChip", "forward", "X1")
    assert h1.sentence == "Acme now trains on the X1."  # newest evidence first
    assert (h1.title, h1.publisher, h1.published) == ("Acme update", "Other Daily", "2024-06-01")
    assert h1.evidence_count == 2
    assert (h2.source_label, h2.predicate, h2.direction, h2.target_label) == ("X1", "manufactures", "backward", "Bolt Semiconductor")
    assert (h2.subject, h2.object) == (ENT + "bolt", ENT + "x1")
    assert h2.sentence == "The X1 is made by Bolt Semiconductor."
    assert h2.url == "https://example.org/chain-1"
    assert h2.text() == "X1 <-manufactures- Bolt Semiconductor"


def test_analytics_path_longer_and_reverse(chain):
    c = A.shortest_connection(chain, "Freedonia", "Jo Park")
    assert [h.target_label for h in c.hops] == ["Bolt Semiconductor", "X1", "Acme Corp", "Jo Park"]
    assert [h.direction for h in c.hops] == ["backward", "forward", "backward", "backward"]
    assert c.hops[-1].role == "chief executive"


def test_analytics_path_none_and_self(chain):
    assert A.connections(chain, "Acme", "Zed Labs") == []
    assert A.shortest_connection(chain, "Acme", "Zed Labs") is None
    same = A.shortest_connection(chain, "Acme", "acme corp")
    assert same.length == 0 and same.nodes == (ENT + "acme",)


def test_analytics_path_several_equal():
    # a square: Sun Co uses chips P1 and P2, both made by Moon Co; two routes of length 2
    sq = A.build_graph(store_of([make_doc("square", [
        "Sun Co uses the P1.", "Sun Co uses the P2.", "Moon Co makes the P1.", "Moon Co makes the P2.",
    ], {"sun": ("Sun Co", "Company"), "moon": ("Moon Co", "Company"),
        "p1": ("P1", "Chip"), "p2": ("P2", "Chip")},
        [("sun", "usesChip", "p1", 0), ("sun", "usesChip", "p2", 1),
         ("moon", "manufactures", "p1", 2), ("moon", "manufactures", "p2", 3)])]))
    found = A.connections(sq, "Sun Co", "Moon Co", limit=5)
    assert [[h.target_label for h in c.hops] for c in found] == [["P1", "Moon Co"], ["P2", "Moon Co"]]
    assert A.connections(sq, "Sun Co", "Moon Co") == found[:1]
    with pytest.raises(NotFoundError):
        A.connections(sq, "Sun Co", "Nobody")


def test_analytics_path_subgraph(chain):
    c = A.shortest_connection(chain, "acme", "bolt")
    sub = A.connection_subgraph(chain, [c])
    assert sorted(sub) == sorted(c.nodes)
    assert sorted(k for _, _, k in sub.edges(keys=True)) == ["manufactures", "usesChip"]
    assert len(from_networkx(sub, "p").edges) == 2


# --- communities ---------------------------------------------------------------------------

def test_analytics_communities_two_clusters(clusters):
    found = A.communities(clusters)
    assert [set(c.labels) for c in found] == [{"Ann", "Bee Co", "Cee Org"},
                                              {"Dee Co", "Eff chip", "Gee chip"}]
    assert [c.name for c in found] == ["Ann, Bee Co, Cee Org", "Dee Co, Eff chip, Gee chip"]
    assert [c.index for c in found] == [1, 2] and [c.size for c in found] == [3, 3]
    assert A.communities(clusters) == found  # seeded: same answer every run


def test_analytics_communities_named_by_central_members(star):
    found = A.communities(star, name_size=1)
    assert found[0].name == "Rule R" and found[0].size == 6
    assert found[1].labels == ("Q2 chip", "Quux Inc")
    assert A.communities(star, min_size=3, name_size=1) == found[:1]
    sub = A.community_subgraph(star, found[1])
    assert sorted(k for _, _, k in sub.edges(keys=True)) == ["manufactures"]


def test_analytics_communities_isolated_nodes(chain):
    found = A.communities(chain)
    assert sum(c.size for c in found) == len(chain)
    assert found[-1].labels == ("Zed Labs",)


# --- co-occurrence -------------------------------------------------------------------------

def test_analytics_cooccurrence_counts(cooc):
    rows = A.cooccurrence(cooc, top=None)
    got = {(r.a_label, r.b_label): r.documents for r in rows}
    assert got == {("Ex", "Why"): 3, ("Ex", "Zee"): 1, ("Why", "Zee"): 1,
                   ("Ex", "Wu"): 1, ("Why", "Wu"): 1}
    assert (rows[0].a_label, rows[0].b_label, rows[0].documents) == ("Ex", "Why", 3)
    assert rows[0].related == ("usesChip",) and len(rows[0].document_ids) == 3
    assert rows[1].related == ()
    # ties by label: (Ex, Wu), (Ex, Zee), (Why, Wu), (Why, Zee)
    assert [(r.a_label, r.b_label) for r in rows[1:]] == [("Ex", "Wu"), ("Ex", "Zee"),
                                                           ("Why", "Wu"), ("Why", "Zee")]


def test_analytics_cooccurrence_filters(cooc):
    assert [(r.a_label, r.b_label) for r in A.cooccurrence(cooc, min_documents=2)] == [("Ex", "Why")]
    assert len(A.cooccurrence(cooc, top=2)) == 2
    person = A.cooccurrence(cooc, cls="Person", top=None)
    assert {(r.a_label, r.b_label) for r in person} == {("Ex", "Wu"), ("Why", "Wu")}


# --- export --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", A.GRAPH_FORMATS)
def test_analytics_export_roundtrip(chain, tmp_path, fmt):
    path = A.write_graph(chain, tmp_path / f"g.{fmt}", fmt)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == 6 and back.number_of_edges() == 4
    acme = back.nodes[ENT + "acme"]
    assert acme["cls"] == "Company" and acme["aliases"] == "Acme" and int(acme["doc_count"]) == 2
    text = path.read_text("utf-8")
    assert "Acme now trains on the X1." in text
    assert "lastmodifieddate" not in text


def test_analytics_export_is_deterministic(chain, tmp_path):
    for fmt in A.GRAPH_FORMATS:
        a = A.write_graph(chain, tmp_path / f"a.{fmt}", fmt).read_bytes()
        b = A.write_graph(A.build_graph(store_of(chain_docs())), tmp_path / f"b.{fmt}", fmt).read_bytes()
        assert a == b


def test_analytics_graphml_safe_values(chain):
    safe = A.graphml_safe(chain)
    for _, a in safe.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in a.values())
    for _, _, a in safe.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in a.values())
        assert "role" not in a or a["role"]


def test_analytics_public_names():
    assert set(A.__all__) <= set(dir(A))
    assert set(A.CENTRALITY_MEASURES) == {"degree", "betweenness", "pagerank"}
    assert all(p in PREDICATES for p in ("usesChip", "manufactures"))


def test_analytics_refuses_a_truncated_whole_graph_answer():
    from chipgraph.errors import ResultLimitError
    from chipgraph.store import QueryResult

    class CappedStore:  # an endpoint that flags its answers as cut at a row cap
        def query(self, sparql, bindings=None):
            return QueryResult("select", ("x",), (), truncated=True, warning="10,000-row cap")

    with pytest.raises(ResultLimitError, match="10,000-row cap"):
        A.build_graph(CappedStore())
