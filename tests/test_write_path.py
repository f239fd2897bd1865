"""The write path (docs/write-path.md): RDF prepared where the document was extracted,
one atomic bulk ingestion per batch, and what a killed bulk write leaves behind."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from chipgraph import ids
from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Relation, Sentence
from chipgraph.pipeline import ingest, read_extract_prepare
from chipgraph.rdf import document_rdf
from chipgraph.store import Store
from chipgraph.writer import PreparedDocument, plan_add, prepare

from helpers import sample_extractions, small_extraction

SOURCES = Path(__file__).resolve().parents[1] / "graph" / "sources"
VERSION = "t-1"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _listed_maker_with_a_relation() -> Extraction:
    text = "Acme Widgets makes parts for Beta Labs. Both are invented for this test."
    doc = Document(key="listed-maker.txt", text=text, title="An invented notice")
    s0 = Sentence(0, 0, 39, text[:39])
    acme = Entity("acme-widgets", "Acme Widgets", "Company", mentions=[Mention(0, 12, "Acme Widgets", 0)],
                  listings=[{"list_name": "An Invented List", "listed_name": "Acme Widgets",
                             "listing_date": "2020-01-02", "amendment_dates": "2021-03-04; 2022-05-06"}])
    beta = Entity("beta-labs", "Beta Labs", "Company", mentions=[Mention(29, 38, "Beta Labs", 0)])
    rel = Relation("acme-widgets", "manufactures", "beta-labs", evidence=[Evidence(0, 0, 39)])
    return Extraction(doc, [s0], [acme, beta], [rel], [])


def test_a_listing_with_amendment_dates_and_a_relation_in_one_document():
    """The amendment dates go to the listing, and the relation's assertion stays in the
    document's own namespace (the builder once reused the document's name for the dates)."""
    ex = _listed_maker_with_a_relation()
    rdf = document_rdf(ex, extractor_version=VERSION)
    dates = sorted(o.value for s, p, o in rdf.statements if p.value.endswith("amendmentDate"))
    assert dates == ["2021-03-04", "2022-05-06"]
    assertions = [s for s, p, o in rdf.triples if p.value == RDF_TYPE and o.value.endswith("Assertion")]
    assert len(assertions) == 1
    assert assertions[0].value.startswith(str(ids.document_iri("listed-maker.txt")) + "/assertion/")


def test_prepared_documents_write_the_same_store_as_extractions_alone():
    exs = sample_extractions()
    plain, prepped = Store(None), Store(None)
    plain.add_extractions(exs, extractor_version=VERSION)
    ready = [prepare(ex, extractor_version=VERSION) for ex in exs]
    assert prepped.add_extractions(exs, extractor_version=VERSION, prepared=ready) == ["added"] * len(exs)
    assert prepped.nquads() == plain.nquads()
    # written again with the same preparation: nothing to do
    assert prepped.add_extractions(exs, extractor_version=VERSION, prepared=ready) == ["unchanged"] * len(exs)


def test_a_prepared_document_that_does_not_match_is_built_again():
    """A preparation for another key or another extractor version is not trusted."""
    ex = small_extraction()
    other = small_extraction(key="another-doc.txt")
    stale = prepare(ex, extractor_version="an-older-extractor")
    wrong_key = prepare(other, extractor_version=VERSION)
    for bad in (stale, wrong_key):
        store, want = Store(None), Store(None)
        want.add_extraction(ex, extractor_version=VERSION)
        assert store.add_extractions([ex], extractor_version=VERSION, prepared=[bad]) == ["added"]
        assert store.nquads() == want.nquads()
    change, _ = plan_add(Store(None), [ex], extractor_version=VERSION, prepared=[wrong_key])
    assert list(change.documents) == [str(ids.document_graph(ex.document.key))]
    with pytest.raises(Exception, match="one prepared document"):
        plan_add(Store(None), [ex, other], extractor_version=VERSION, prepared=[None])


def test_a_worker_prepares_each_document_of_its_file(tmp_path):
    """What an ``ingest --jobs`` worker sends back: the extractions and their RDF as
    N-Quads bytes of the document graph only (plain data, picklable)."""
    import pickle

    article = next(p for p in sorted(SOURCES.glob("*.txt")))
    extractions, errors, ready = read_extract_prepare(article, 10**7, str(SOURCES.parent.parent), VERSION)
    assert not errors and len(ready) == len(extractions) == 1
    prepared = pickle.loads(pickle.dumps(ready[0]))
    assert isinstance(prepared, PreparedDocument) and prepared.key == extractions[0].document.key
    graphs = {q.graph_name.value for q in ox.parse(prepared.nquads, format=ox.RdfFormat.N_QUADS)}
    assert graphs == {str(ids.document_graph(prepared.key))}


def test_ingest_with_two_jobs_stores_what_one_job_stores(tmp_path):
    one, two = Store(tmp_path / "one"), Store(tmp_path / "two")
    assert ingest([SOURCES], one, jobs=1).ok
    assert ingest([SOURCES], two, jobs=2).ok
    assert one.nquads() == two.nquads()
    one.close()
    two.close()


def test_leftover_bulk_files_of_a_killed_write_are_removed_on_open(tmp_path):
    path = tmp_path / "store"
    with Store(path) as store:
        store.add_extraction(small_extraction(), extractor_version=VERSION)
        before = store.nquads()
    leftover = path / "bulk-1234567890.sst"  # what a kill during the loader's work leaves
    leftover.write_bytes(b"not a finished data file")
    with Store(path, read_only=True) as reader:  # a reader leaves the folder alone
        assert reader.nquads() == before
    assert leftover.exists()
    with Store(path) as store:
        assert not leftover.exists()
        assert store.nquads() == before
        store.add_extraction(small_extraction(key="second.txt"), extractor_version=VERSION)
    with Store(path, read_only=True) as reader:
        assert reader.document_state("second.txt") is not None


def test_a_reference_graph_with_blank_nodes_keeps_their_labels(tmp_path):
    """Document graphs go through N-Quads (whose loading renames blank nodes); a graph a
    caller gives with blank nodes is written as given."""
    g = Graph()
    node = BNode("invented-node-1")
    g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), node))
    g.add((node, URIRef("https://example.org/q"), Literal("a value")))
    name = URIRef("https://example.org/graph/reference-test")
    for store in (Store(None), Store(tmp_path / "s")):
        store.replace_graph(name, g)
        res = store.query(f"SELECT ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        assert {str(r["o"]) for r in res if isinstance(r["o"], BNode)} == {"invented-node-1"}
        store.close()
