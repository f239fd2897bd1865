"""The embedded Oxigraph store: atomic replace, remove, locks, references, exports."""
from __future__ import annotations

import pytest
from helpers import small_extraction
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from helpers import SAMPLE_FR_CSV, VERSION, E, build, sample_extractions

from chipgraph import ids
from chipgraph.ledger import LEDGER_GRAPH
from chipgraph.errors import QueryError, QueryTimeoutError, StoreError, StoreLockedError
from chipgraph.store import FEDERAL_REGISTER, Store, federal_register_graph

LABEL = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }"


def labels(store: Store, key: str) -> list[str]:
    return [str(r["label"]) for r in store.query(LABEL, {"e": E(key)})]


def about(store: Store, key: str) -> int:
    q = "SELECT (COUNT(*) AS ?n) WHERE { { ?e ?p ?o } UNION { ?s ?p ?e } }"
    return int(store.query(q.replace("?e", f"<{E(key)}>")).rows[0]["n"])


def test_store_add_unchanged_replaced():
    store = Store(None)
    assert store.add_extraction(small_extraction(), extractor_version="1") == "added"
    assert store.add_extraction(small_extraction(), extractor_version="1") == "unchanged"
    n = len(store)
    assert store.add_extraction(small_extraction(text_suffix=" Later."), extractor_version="1") == "replaced"
    assert store.add_extraction(small_extraction(text_suffix=" Later."), extractor_version="2") == "replaced"
    assert len(store) == n  # replaced, not added on top
    assert ids.document_graph("test-doc.txt") in store.named_graphs()


def test_store_replace_drops_facts_of_the_old_version():
    store = Store(None)
    old = build("x.txt", "2025-01-01", ["Intel makes the Gaudi 3."],
                [("intel", "Intel", "Company"), ("gaudi-3", "Gaudi 3", "Chip")],
                [("intel", "manufactures", "gaudi-3", 0)])
    new = build("x.txt", "2025-01-01", ["Intel is based in the United States."],
                [("intel", "Intel", "Company"), ("united-states", "United States", "Country")],
                [("intel", "basedIn", "united-states", 0)])
    store.add_extraction(old, extractor_version=VERSION)
    assert store.add_extraction(new, extractor_version=VERSION) == "replaced"
    assert not store.query(f"ASK {{ <{E('intel')}> cg:manufactures ?c }}").boolean
    assert store.query(f"ASK {{ <{E('intel')}> cg:basedIn <{E('united-states')}> }}").boolean
    assert labels(store, "gaudi-3") == [] and about(store, "gaudi-3") == 0
    assert labels(store, "united-states") == ["United States"]


def test_store_remove_retracts_only_what_the_document_supported():
    store = Store(None)
    a, b, c = sample_extractions()
    for ex in (a, b, c):
        store.add_extraction(ex, extractor_version=VERSION)
    assert labels(store, "deepseek") == ["DeepSeek"] and labels(store, "nvidia") == ["Nvidia"]
    assert store.remove_document("a.txt") is True
    # DeepSeek, Jane Roe, the H100... were only in a.txt: gone, label and all.
    for key in ("deepseek", "jane-roe", "h100", "acme-research"):
        assert labels(store, key) == [] and about(store, key) == 0, key
    # Nvidia and the Chip Rule are also in b.txt: they keep their labels and b's facts.
    assert labels(store, "nvidia") == ["Nvidia"] and labels(store, "chip-rule") == ["Chip Rule"]
    assert not store.query(f"ASK {{ <{E('nvidia')}> cg:manufactures ?c }}").boolean
    assert store.query(f"ASK {{ <{E('john-doe')}> cg:affiliatedWith <{E('nvidia')}> }}").boolean
    assert store.remove_document("a.txt") is False
    assert ids.document_graph("a.txt") not in store.named_graphs()


def test_store_preferred_label_follows_the_documents():
    store = Store(None)
    one = build("1.txt", None, ["NVIDIA Corp makes GPUs."], [("nvidia", "NVIDIA Corp", "Company")])
    two = build("2.txt", None, ["Nvidia makes GPUs."], [("nvidia", "Nvidia", "Company")])
    three = build("3.txt", None, ["Nvidia again."], [("nvidia", "Nvidia", "Company")])
    for ex in (one, two, three):
        store.add_extraction(ex, extractor_version=VERSION)
    assert labels(store, "nvidia") == ["Nvidia"]  # two documents against one
    store.remove_document("2.txt")
    store.remove_document("3.txt")
    assert labels(store, "nvidia") == ["NVIDIA Corp"]


def test_store_locked_by_another_writer_says_what_to_do(tmp_path):
    path = tmp_path / "store"
    with Store(path) as writer:
        writer.add_extraction(small_extraction(), extractor_version="1")
        with pytest.raises(StoreLockedError) as info:
            Store(path)
        assert "chipgraph serve" in str(info.value) and "--store http" in str(info.value)
        with Store(path, read_only=True) as reader:  # readers are not locked out
            assert reader.document_state("test-doc.txt") is not None
            with pytest.raises(StoreError, match="read-only"):
                reader.add_extraction(small_extraction(), extractor_version="2")


def test_store_read_only_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "nope", read_only=True)


def test_store_writes_documents_into_data_files(tmp_path, monkeypatch):
    """A batch's document graphs go straight into data files (SST, RocksDB's ingestion of
    the bulk loader's files), not through the memtables and the write-ahead log, whatever
    the flush threshold; the entity layer, written through the memtables, is flushed after
    FLUSH_EVERY_QUADS quads.  Both ways, everything is there after a reopen."""
    from chipgraph import store as store_module

    def sst_after_write(threshold: int, name: str) -> tuple[int, int]:  # SST files before, after
        monkeypatch.setattr(store_module, "FLUSH_EVERY_QUADS", threshold)
        store = Store(tmp_path / name)
        before = len(list(store.path.glob("*.sst")))
        store.add_extraction(small_extraction(), extractor_version="1")
        after = len(list(store.path.glob("*.sst")))
        store.close()
        return before, after

    lazy = sst_after_write(10**9, "lazy")  # no flush: the documents are in data files already
    eager = sst_after_write(1, "eager")  # the memtables flushed too
    assert lazy[1] > lazy[0] and eager[1] > eager[0]
    for name in ("lazy", "eager"):
        with Store(tmp_path / name, read_only=True) as again:
            assert labels(again, "nvidia") == ["Nvidia"]
            assert again.document_state("test-doc.txt") is not None
        assert not list((tmp_path / name).glob("bulk-*.sst"))  # the loader's own files are gone


def test_store_persists_across_reopen(tmp_path):
    with Store(tmp_path / "s") as s:
        s.add_extraction(small_extraction(), extractor_version="1")
        before = s.nquads()
    with Store(tmp_path / "s") as s:
        assert s.nquads() == before
        assert s.add_extraction(small_extraction(), extractor_version="1") == "unchanged"


def test_store_add_does_not_reserialise_the_store(monkeypatch):
    store = Store(None)
    store.add_extraction(sample_extractions()[0], extractor_version=VERSION)

    def forbidden(*a, **k):
        raise AssertionError("adding a document must not dump or reload the store")

    monkeypatch.setattr(Store, "nquads", forbidden)
    monkeypatch.setattr(Store, "dataset", forbidden)
    monkeypatch.setattr(Store, "_ensure_ontology", forbidden)
    store.add_extraction(sample_extractions()[1], extractor_version=VERSION)
    store.remove_document("a.txt")


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_store_export_is_deterministic_across_ingest_orders(fmt):
    exs = sample_extractions() + [small_extraction()]
    one, two = Store(None), Store(None)
    for ex in exs:
        one.add_extraction(ex, extractor_version=VERSION)
    for ex in reversed(exs):
        two.add_extraction(ex, extractor_version=VERSION)
    # a document replaced along the way leaves no trace either
    two.add_extraction(small_extraction(text_suffix=" x"), extractor_version=VERSION)
    two.add_extraction(small_extraction(), extractor_version=VERSION)
    assert one.export(fmt) == two.export(fmt)
    assert one.export(fmt) == one.export(fmt)


def test_store_export_formats_parse_back():
    from rdflib import Dataset, Graph

    store = Store(None)
    for ex in sample_extractions():
        store.add_extraction(ex, extractor_version=VERSION)
    n = len(list(Dataset().parse(data=store.export("nquads"), format="nquads").quads()))
    internal = sum(len(store.query("SELECT * WHERE { GRAPH <%s> { ?s ?p ?o } }" % g))
                   for g in (ids.ONTOLOGY_GRAPH, LEDGER_GRAPH))
    assert n == len(store) - internal
    for fmt, rdflib_fmt in (("trig", "trig"), ("jsonld", "json-ld")):
        ds = Dataset().parse(data=store.export(fmt), format=rdflib_fmt)
        assert len(ds) > 0
    assert len(Graph().parse(data=store.export("turtle"), format="turtle")) > 0
    assert store.export("nquads", include_ontology=True).count(str(ids.ONTOLOGY_GRAPH).encode()) > 100


def test_store_reference_graph_federal_register(tmp_path):
    csv = tmp_path / "fr.csv"
    csv.write_text(SAMPLE_FR_CSV, encoding="utf-8")
    g = federal_register_graph(csv)
    assert len(set(g.subjects())) == 2  # the row with a bad URL is skipped
    store = Store(None)
    name = store.load_reference(FEDERAL_REGISTER, g)
    store.load_reference(FEDERAL_REGISTER, g)  # replaced, not doubled
    assert name == ids.reference_graph(FEDERAL_REGISTER)
    n = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}").rows[0]["n"]
    assert int(n) == len(g)


def test_store_query_bindings_and_errors():
    store = Store(None)
    store.add_extraction(small_extraction(), extractor_version="1")
    res = store.query("SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }", {"label": Literal("Nvidia")})
    assert [r["e"] for r in res] == [E("nvidia")]
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELEC ?x")
    with pytest.raises(QueryError):  # Oxigraph binds projected variables only
        store.query("SELECT ?label WHERE { ?e skos:prefLabel ?label }", {"e": E("nvidia")})
    g = store.query(f"CONSTRUCT {{ ?e skos:prefLabel ?l }} WHERE {{ ?e skos:prefLabel ?l }}")
    assert g.kind == "graph" and (E("nvidia"), SKOS.prefLabel, Literal("Nvidia")) in g.graph


def test_store_lexical_rows_match_query_rows_without_rdflib_terms():
    store = Store(None)
    store.add_extractions(sample_extractions()[:4], extractor_version="1")
    q = ("SELECT ?e ?label ?alias WHERE { ?e skos:prefLabel ?label "
         "OPTIONAL { ?e skos:altLabel ?alias } } ORDER BY ?e ?label ?alias")
    want = [tuple(None if r.get(v) is None else str(r[v]) for v in ("e", "label", "alias"))
            for r in store.query(q)]
    got = list(store.lexical_rows(q))
    assert got == want and len(got) > 10
    assert any(row[2] is None for row in got)  # an entity without aliases: unbound is None
    assert all(type(cell) is str for row in got for cell in row if cell is not None)
    bound = list(store.lexical_rows("SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }",
                                    {"label": Literal("Nvidia")}))
    assert bound == [(str(E("nvidia")), "Nvidia")]
    with pytest.raises(QueryError, match="SELECT"):
        list(store.lexical_rows("ASK { ?s ?p ?o }"))
    with pytest.raises(QueryError, match="syntax"):
        list(store.lexical_rows("SELEC ?x"))


def test_store_query_timeout():
    store = Store(None)
    store.add_extraction(small_extraction(), extractor_version="1")
    # about 10 million rows to count (a second or two), so 10 ms is always too short
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e a ?f }"
    with pytest.raises(QueryTimeoutError, match="timed out"):
        store.query(slow, timeout=0.01)


def test_store_query_over_union_sees_every_graph():
    store = Store(None)
    store.add_extraction(small_extraction(), extractor_version="1")
    assert store.query(f"ASK {{ <{E('nvidia')}> skos:prefLabel ?l ; a cg:Company }}").boolean
    assert store.query("ASK { cg:Company rdfs:label ?l }").boolean  # the ontology graph
    assert isinstance(store.named_graphs()[0], URIRef)


def test_store_bulk_add_equals_one_by_one():
    exs = sample_extractions()
    one = Store(None)
    for ex in exs:
        one.add_extraction(ex, extractor_version=VERSION)
    bulk = Store(None)
    bulk.add_extraction(exs[0], extractor_version=VERSION)
    assert bulk.bulk_add(exs, extractor_version=VERSION) == 3  # a.txt again: unchanged
    assert bulk.export("nquads") == one.export("nquads")
