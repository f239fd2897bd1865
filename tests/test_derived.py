"""The derived reference graphs (measure catalogue, chip specs, assessments) kept current."""
from __future__ import annotations

from rdflib import Graph, Literal

from chipgraph import ids
from chipgraph.vocab import CG
from chipgraph.derived import DERIVED, refresh_derived
from chipgraph.store import Store


def test_derived_built_once_then_kept():
    store = Store(None)
    assert refresh_derived(store) == [d.source for d in DERIVED]
    sizes = {d.source: len(store.query(
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ids.reference_graph(d.source)}))
        for d in DERIVED}
    assert all(n > 100 for n in sizes.values()), sizes
    assert refresh_derived(store) == []          # fingerprints match: nothing rebuilt
    n = len(store)
    assert refresh_derived(store) == [] and len(store) == n


def test_derived_rebuilt_when_its_stamp_differs():
    store = Store(None)
    refresh_derived(store)
    name = ids.reference_graph("catalogue")
    stale = Graph()
    stale.add((name, CG.contentHash, Literal("built-by-an-older-chipgraph")))
    store.load_reference("catalogue", stale)
    assert refresh_derived(store) == ["catalogue"]
    timeline = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m a ?c } } GROUP BY ?g", {"g": name})
    assert int(next(iter(timeline))["n"]) > 100


def test_derived_ingest_keeps_the_catalogue_current(tmp_path):
    from chipgraph.pipeline import ingest

    src = tmp_path / "a.txt"
    src.write_text("The Commerce Department added two firms to the Entity List on Monday.\n")
    store = Store(None)
    report = ingest([src], store)
    assert report.ok and report.derived == ["catalogue"]
    assert ingest([src], store).derived == []
    rows = store.query("SELECT ?g ?m WHERE { GRAPH ?g { ?m a ?c } } LIMIT 1",
                       {"g": ids.reference_graph("catalogue")})
    assert len(rows) == 1
