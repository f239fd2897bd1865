"""One test module over every backend: the embedded store, an Oxigraph server and Virtuoso.

The same small corpus (the hand-built sample of ``helpers``, the measure catalogue, the chip
specifications and their assessments, a few Federal Register rows) is written to each
backend, and each must give the embedded store's answers: every saved question with the
same rows in the same order, the same export, a conforming validation; then ingest,
re-ingest, replace and remove behave alike.  The servers are started once per module on
127.0.0.1 (``oxigraph serve``; Virtuoso with its own ini and an isql-created user that has
SPARQL_UPDATE, see ``tests/virtuoso.py``); a backend whose binary is absent is skipped,
unless CHIPGRAPH_REQUIRE_SHARED=1 (CI installs both).

Virtuoso 7.2 writes an ``xsd:double`` with 6 significant digits, and every server names
blank nodes its own way, so answers are compared with doubles at that precision, and the
chip graphs (the only ones with blank nodes or doubles) are compared by their counts and
their other quads; everything else must be byte-identical.
"""
from __future__ import annotations

import os
from functools import cache

import pytest
from helpers import SAMPLE_FR_CSV, VERSION, E, need_oxigraph, sample_extractions, small_extraction
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from virtuoso import VirtuosoServer, virtuoso_binaries

from chipgraph import ids
from chipgraph.derived import refresh_derived
from chipgraph.query import saved_queries, saved_query
from chipgraph.remote import RemoteStore
from chipgraph.serve import OxigraphServer
from chipgraph.stats import graph_stats
from chipgraph.store import FEDERAL_REGISTER, Store, federal_register_graph
from chipgraph.validate import validate_graph
from chipgraph.vocab import CG
from chipgraph.writer import Change

BACKENDS = ["embedded", "oxigraph", "virtuoso"]
CHIP_GRAPHS = {ids.reference_graph("chip-specs"), ids.reference_graph("chip-assessments")}

#: Bindings each saved question is asked with (besides none, for those that take none).
ASKED = {
    "chips_used": [{}, {"user": E("deepseek")}],
    "quotes_about": [{}, {"entity": E("nvidia")}],
    "entity_mentions": [{"entity": E("huawei")}, {"entity": E("nvidia")}],
    "relation_evidence": [{}, {"predicate": CG.restricts}, {"subject": E("chip-rule")}],
    "controls_in_force": [{"date": Literal("2023-11-01")}, {"date": Literal("2025-02-01", datatype=XSD.date)},
                          {"date": Literal("2025-02-01"), "scope": Literal("all")}],
    "controls_timeline": [{}, {"scope": Literal("all")}, {"kind": Literal("news")}],
    "chip_assessments": [{}, {"chip": E("h800")}],
    "company_chip_status": [{}, {"company": E("nvidia")}],
}


def _unavailable(msg: str) -> None:
    if os.environ.get("CHIPGRAPH_REQUIRE_SHARED") == "1":
        pytest.fail(msg + " (CHIPGRAPH_REQUIRE_SHARED=1)")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    need_oxigraph()
    with OxigraphServer(tmp_path_factory.mktemp("oxigraph"), timeout=60) as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    if virtuoso_binaries() is None:
        _unavailable("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def _clear(store) -> None:
    """Drop chipgraph's graphs (never the server's own: Virtuoso keeps system graphs)."""
    if isinstance(store, RemoteStore):
        store.apply(Change(drop={str(g) for g in store.named_graphs()}))


@pytest.fixture(scope="module")
def stores(request):
    """One open store per backend for the module; remote ones start empty."""
    opened: dict[str, object] = {}

    def get(kind: str):
        if kind not in opened:
            if kind == "embedded":
                opened[kind] = Store(None)
            elif kind == "oxigraph":
                opened[kind] = RemoteStore(request.getfixturevalue("oxigraph_server").url)
            else:
                v = request.getfixturevalue("virtuoso_server")
                opened[kind] = RemoteStore(v.url, env={"CHIPGRAPH_USER": v.user,
                                                       "CHIPGRAPH_PASSWORD": v.password})
            _clear(opened[kind])
        return opened[kind]

    yield get
    for s in opened.values():
        s.close()


@pytest.fixture(params=BACKENDS)
def backend(request, stores):
    """An empty store of each kind."""
    store = stores(request.param)
    _clear(store)
    if isinstance(store, Store):  # the embedded store is cleared by opening a new one
        store = Store(None)
    yield store


def _load(store, fr_csv) -> None:
    store.add_extractions(sample_extractions() + [small_extraction()], extractor_version=VERSION)
    refresh_derived(store)
    store.load_reference(FEDERAL_REGISTER, federal_register_graph(fr_csv))


@pytest.fixture(scope="module")
def fr_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("fr") / "fr.csv"
    path.write_text(SAMPLE_FR_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(fr_csv):
    """The embedded store with the corpus: the answers every backend must give."""
    store = Store(None)
    _load(store, fr_csv)
    return store


@pytest.fixture(params=BACKENDS)
def loaded(request, stores, fr_csv):
    """Each backend holding the corpus (written once; later loads find it unchanged)."""
    store = stores(request.param)
    _load(store, fr_csv)
    return store


def _value(term):
    if isinstance(term, Literal) and term.datatype == XSD.double:
        return ("double", f"{float(term):.6g}")  # Virtuoso's precision
    return term


#: GROUP_CONCAT columns: SPARQL leaves the order of the joined values to the store.
CONCATENATED = {"statuses"}


def _rows(res) -> list[tuple]:
    return [tuple(tuple(sorted(str(r[v]).split("; "))) if v in CONCATENATED and r[v] is not None
                  else _value(r[v]) for v in res.variables) for r in res]


@cache
def _questions() -> list[tuple[str, dict]]:
    out = []
    for q in saved_queries():
        required = any("required" in what for _, what in q.params)
        asks = ASKED.get(q.name, [] if required else [{}])
        assert asks, f"{q.name} takes a required parameter: add it to ASKED"
        out += [(q.name, b) for b in asks]
    return out


def test_backend_every_saved_question_gives_the_local_rows_in_order(loaded, reference):
    matched, differ = 0, []
    for name, bindings in _questions():
        text = saved_query(name).text
        want, got = reference.query(text, bindings), loaded.query(text, bindings)
        if got.variables == want.variables and _rows(got) == _rows(want):
            matched += 1
        else:
            differ.append((name, bindings, len(got.rows), len(want.rows)))
    assert differ == [], f"{matched} of {len(_questions())} matched"
    # The corpus gives every question rows, so the comparison is not of empty answers.
    assert all(reference.query(saved_query(q.name).text, (ASKED.get(q.name) or [{}])[-1]).rows
               for q in saved_queries())


def _lines(data: bytes, graphs) -> set[bytes]:
    ends = tuple(f" <{g}> .".encode() for g in graphs)
    return {ln for ln in data.split(b"\n") if ln and ln.endswith(ends)}


def test_backend_export_equals_the_local_store(loaded, reference):
    want, got = reference.export("nquads"), loaded.export("nquads")
    others = [g for g in reference.named_graphs() if g not in CHIP_GRAPHS]
    assert _lines(got, others) == _lines(want, others)  # byte for byte, documents and catalogue
    chip_want, chip_got = _lines(want, CHIP_GRAPHS), _lines(got, CHIP_GRAPHS)
    assert len(chip_got) == len(chip_want) > 10_000  # past Virtuoso's row cap: read in pages
    plain = {ln for ln in chip_want if b"_:" not in ln and XSD.double.encode() not in ln}
    assert plain and plain <= chip_got
    assert len(loaded) == len(reference)
    assert graph_stats(loaded) == graph_stats(reference)


def test_backend_validate_conforms(loaded):
    report = validate_graph(loaded.union_graph(include_ontology=True))
    assert report.conforms, report.text


def test_backend_bindings_apply_before_filters(loaded, reference):
    """A bound ?date or ?scope filters remotely as locally (they sit in FILTERs)."""
    text = saved_query("controls_in_force").text
    early = loaded.query(text, {"date": Literal("2019-01-01")})
    late = loaded.query(text, {"date": Literal("2025-02-01")})
    assert len(early) < len(late)
    assert {str(r["date"]) for r in late} == {"2025-02-01"}
    timeline = saved_query("controls_timeline").text
    narrow, wide = loaded.query(timeline), loaded.query(timeline, {"scope": Literal("all")})
    assert len(narrow) < len(wide)
    assert _rows(wide) == _rows(reference.query(timeline, {"scope": Literal("all")}))


def test_backend_only_chipgraph_graphs(loaded):
    graphs = loaded.named_graphs()
    assert graphs and all(str(g).startswith(ids.BASE + "graph/") for g in graphs)
    assert URIRef(ids.ENTITIES_GRAPH) in graphs
    if isinstance(loaded, RemoteStore):  # listed and read in pages, as past a server's row cap
        assert loaded.graph_sizes(page=2) == loaded.graph_sizes()
        doc = ids.document_graph("a.txt")
        assert loaded._read_graph_paged(doc, subjects=3, per_read=2) == loaded._read_graph(doc)



def test_backend_ask_answers_and_reference_graphs_stay_current(loaded):
    doc = ids.document_graph("a.txt")
    assert loaded.query(f"ASK {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}").boolean is True
    assert loaded.query("ASK { GRAPH <urn:chipgraph-test:none> { ?s ?p ?o } }").boolean is False
    assert refresh_derived(loaded) == []  # loaded once: nothing is rebuilt


def test_backend_analytics_graph_equals_the_local_one(loaded, reference):
    """The analytics queries (entity graph for views, analyze, GraphML) give the same graph."""
    from chipgraph.exports import export

    assert export(loaded, "graphml") == export(reference, "graphml")
    assert export(loaded, "gexf") == export(reference, "gexf")

# -- writes: each test starts from an empty store -------------------------------------
def test_backend_export_byte_identical_for_an_ingest(backend):
    local = Store(None)
    exs = sample_extractions() + [small_extraction()]
    for store in (backend, local):
        store.add_extractions(exs, extractor_version=VERSION)
        refresh_derived(store, only=("catalogue",))
    assert backend.export("nquads") == local.export("nquads")
    assert backend.export("trig") == local.export("trig")


def test_backend_ingest_reingest_replace(backend):
    ex = small_extraction()
    assert backend.add_extractions([ex], extractor_version=VERSION) == ["added"]
    assert backend.add_extractions([ex], extractor_version=VERSION) == ["unchanged"]
    n = len(backend)
    later = small_extraction(text_suffix=" Later.")
    assert backend.add_extractions([later], extractor_version=VERSION) == ["replaced"]
    assert len(backend) == n
    local = Store(None)
    local.add_extractions([later], extractor_version=VERSION)
    assert backend.export("nquads") == local.export("nquads")
    assert ids.document_graph(ex.document.key) in backend.named_graphs()


def test_backend_remove_retracts_only_what_the_document_supported(backend):
    exs = sample_extractions()
    backend.add_extractions(exs, extractor_version=VERSION)
    assert backend.remove_document("a.txt") is True
    assert backend.remove_document("a.txt") is False
    label = "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }"
    assert backend.query(label, {"e": E("deepseek")}).rows == ()
    assert [r["l"] for r in backend.query(label, {"e": E("nvidia")})] == [Literal("Nvidia")]
    local = Store(None)
    local.add_extractions(exs[1:], extractor_version=VERSION)
    assert backend.export("nquads") == local.export("nquads")
