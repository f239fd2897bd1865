"""Ingest: batches, worker processes and a Dask LocalCluster give the same store; the entity
layer keeps entity facts once and stays exact under re-ingest and removal."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import small_extraction
from rdflib.namespace import RDF
from helpers import VERSION, E, build, sample_extractions

from chipgraph import ids
from chipgraph.pipeline import ingest
from chipgraph.store import Store

SOURCES = Path(__file__).resolve().parents[1] / "graph" / "sources"


@pytest.fixture(scope="module")
def one_by_one() -> bytes:
    store = Store(None)
    report = ingest([SOURCES], store, jobs=1, batch=1)
    assert report.ok and report.added
    return store.export("nquads")


@pytest.mark.parametrize("jobs, batch", [(1, 64), (2, 3)])
def test_ingest_parallel_and_batched_give_the_same_store(one_by_one, jobs, batch):
    store = Store(None)
    report = ingest([SOURCES], store, jobs=jobs, batch=batch)
    assert report.ok
    assert store.export("nquads") == one_by_one
    again = ingest([SOURCES], store, jobs=jobs, batch=batch)
    assert not again.added and len(again.unchanged) == len(report.added)


def test_ingest_on_a_two_worker_dask_local_cluster(one_by_one):
    pytest.importorskip("distributed")
    from chipgraph.cluster import dask_results
    from chipgraph.documents import MAX_BYTES, find_sources

    files, _ = find_sources([SOURCES])
    results = list(dask_results(files, MAX_BYTES, "local", workers=2))
    assert len(results) == len(files)
    store = Store(None)
    report = ingest([SOURCES], store, dask="local")
    assert report.ok
    assert store.export("nquads") == one_by_one


def test_ingest_reports_a_bad_file_and_goes_on(tmp_path, one_by_one):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    store = Store(None)
    report = ingest([SOURCES, bad], store, jobs=2, batch=2)
    assert len(report.errors) == 1 and "bad.txt" in str(report.errors[0])
    assert store.export("nquads") == one_by_one


def _graph_quads(store: Store, graph) -> list:
    return store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows


def test_entity_facts_are_stored_once_in_the_entities_graph():
    store = Store(None)
    a, b, c = sample_extractions()
    store.add_extractions([a, b, c], extractor_version=VERSION)
    nvidia = E("nvidia")
    where = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{nvidia}> a ?cls }} }}").rows
    assert [r["g"] for r in where] == [ids.ENTITIES_GRAPH]  # two documents, one rdf:type
    for doc in ("a.txt", "b.txt"):
        rows = _graph_quads(store, ids.document_graph(doc))
        assert not [r for r in rows if r["s"] == nvidia and r["p"] == RDF.type]
        assert [r for r in rows if r["o"] == nvidia]  # the document still mentions it


def test_entity_layer_is_exact_under_reingest_and_remove():
    x = build("x.txt", None, ["Orion Labs makes the Vega chip."],
              [("orion-labs", "Orion Labs", "Company"), ("vega", "Vega", "Chip")],
              [("orion-labs", "manufactures", "vega", 0)])
    y = build("y.txt", None, ["ORION LABS INC. said nothing."], [("orion-labs", "ORION LABS INC.", "Company")])
    z = build("z.txt", None, ["Orion Labs again."], [("orion-labs", "Orion Labs", "Company")])
    only_x = Store(None)
    only_x.add_extraction(x, extractor_version=VERSION)
    store = Store(None)
    store.add_extractions([y, x, z], extractor_version=VERSION)
    label = f"SELECT ?l WHERE {{ <{E('orion-labs')}> skos:prefLabel ?l }}"
    assert [str(r["l"]) for r in store.query(label)] == ["Orion Labs"]
    store.remove_document("z.txt")  # now one name each: the longer one wins
    assert [str(r["l"]) for r in store.query(label)] == ["ORION LABS INC."]
    store.remove_document("y.txt")
    assert store.export("nquads") == only_x.export("nquads")
    # replacing a document with a version that no longer names an entity retracts it
    store.add_extraction(build("x.txt", None, ["Nothing here."], []), extractor_version=VERSION)
    assert not store.query(f"ASK {{ <{E('vega')}> ?p ?o }}").boolean


def test_store_replace_graph_refuses_chipgraph_graphs():
    from rdflib import Graph

    from chipgraph.errors import StoreError

    store = Store(None)
    store.add_extraction(small_extraction(), extractor_version=VERSION)
    for name in (ids.ENTITIES_GRAPH, ids.document_graph("test-doc.txt")):
        with pytest.raises(StoreError, match="kept by chipgraph"):
            store.replace_graph(name, Graph())


def test_store_batch_with_one_key_twice_is_refused_whole():
    from chipgraph.errors import StoreError

    store = Store(None)
    with pytest.raises(StoreError, match="twice"):
        store.add_extractions([small_extraction(), small_extraction()], extractor_version=VERSION)
    assert store.document_state("test-doc.txt") is None


def test_ingest_reports_an_interrupted_write_it_finished(tmp_path, monkeypatch):
    """A journal left by a killed writer is finished by the next ingest, which says so."""
    from chipgraph.errors import StoreError

    store = Store(tmp_path / "store")
    real = Store._recover

    def killed(self):
        if self._pending():
            raise StoreError("killed")
        real(self)

    with monkeypatch.context() as m:
        m.setattr(Store, "_recover", killed)
        with pytest.raises(StoreError, match="killed"):
            store.add_extraction(small_extraction(), extractor_version=VERSION)
    assert store._pending()
    src = tmp_path / "src"
    src.mkdir()
    (src / "note.txt").write_text("Acme Robotics opened an office in Lisbon on Monday.\n", encoding="utf-8")
    report = ingest([src], store)
    assert report.ok and report.added == [str(src / "note.txt")]
    assert report.warnings == ["finished 1 interrupted write(s) an earlier run left in the store"]
    assert not store._pending()
    again = ingest([src], store)  # reported once, not on every later run
    assert again.unchanged and not again.warnings
    store.close()
