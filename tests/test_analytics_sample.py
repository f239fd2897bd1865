"""chipgraph.analytics on the sample graph (graph/sources through the real extractor).

The extractor evolves, so these tests check properties that any correct extraction of the
sample has, not exact numbers.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from chipgraph import analytics as A
from chipgraph.model import ENTITY_TYPES, PREDICATES
from chipgraph.store import Store

SOURCES = Path(__file__).resolve().parents[1] / "graph" / "sources"


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    from chipgraph.pipeline import ingest

    if not any(SOURCES.glob("*.txt")):
        pytest.skip("graph/sources holds no sample articles")
    store = Store(None)
    report = ingest([SOURCES], store)
    assert report.ok, report.errors
    return A.build_graph(store)


def test_analytics_sample_graph_shape(sample):
    assert sample.graph["documents"] >= 1 and sample.number_of_nodes() > 0
    assert sample.graph["skipped_edges"] == 0
    for _, a in sample.nodes(data=True):
        assert a["cls"] in ENTITY_TYPES and a["label"]
        assert a["doc_count"] == len(a["documents"]) >= 1
    for _, _, k, a in sample.edges(keys=True, data=True):
        assert k == a["predicate"] and a["predicate"] in PREDICATES
        assert a["evidence_count"] == len(a["evidence"]) >= 1
        assert all(ev.sentence and ev.document in a["documents"] for ev in a["evidence"])


def test_analytics_sample_view_contract(sample):
    from chipgraph.views import from_networkx, render_html

    vg = from_networkx(sample, "sample")
    assert len(vg.nodes) == sample.number_of_nodes() and len(vg.edges) == sample.number_of_edges()
    assert "<html" in render_html(vg, heading="sample").lower()


def test_analytics_sample_deepseek_and_nvidia(sample):
    deepseek, nvidia = A.find_entity(sample, "deepseek"), A.find_entity(sample, "NVIDIA")
    assert sample.nodes[deepseek]["cls"] == "Company" and sample.nodes[nvidia]["cls"] == "Company"
    top = [r.label for r in A.centrality(sample, "degree", cls="Company", top=3)]
    assert "Nvidia" in top
    c = A.shortest_connection(sample, "DeepSeek", "Nvidia")
    assert c is not None and c.length >= 1
    for h in c.hops:
        assert h.sentence and h.document and h.title
    assert c.nodes[0] == deepseek and c.nodes[-1] == nvidia


def test_analytics_sample_metrics(sample):
    found = A.communities(sample)
    assert sum(c.size for c in found) == sample.number_of_nodes()
    assert A.communities(sample) == found
    pairs = A.cooccurrence(sample, top=5)
    assert pairs and pairs[0].documents <= sample.graph["documents"]
    assert [p.documents for p in pairs] == sorted((p.documents for p in pairs), reverse=True)
    for by in A.CENTRALITY_MEASURES:
        assert len(A.centrality(sample, by, top=5)) == 5


def test_analytics_sample_export(sample, tmp_path):
    for fmt in A.GRAPH_FORMATS:
        path = A.write_graph(sample, tmp_path / f"s.{fmt}", fmt)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert back.number_of_nodes() == sample.number_of_nodes()
