"""The committed exports of the sample graph are current, and the README's SPARQL runs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from chipgraph.pipeline import ingest
from chipgraph.store import Store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample_store() -> Store:
    store = Store(None)
    report = ingest([REPO / "graph" / "sources"], store)
    assert report.ok, report.errors
    return store


@pytest.mark.parametrize("fmt, name", [("trig", "sample.trig"), ("turtle", "sample.ttl")])
def test_sample_exports_are_current(sample_store, fmt, name):
    committed = (REPO / "graph" / name).read_bytes()
    assert sample_store.export(fmt) == committed, (
        f"graph/{name} is stale: rebuild it with `make exports` and commit it")


def test_sample_ingest_order_does_not_change_the_export(sample_store):
    files = sorted((REPO / "graph" / "sources").glob("*.txt"), reverse=True)
    other = Store(None)
    for f in files:
        assert ingest([f], other).ok
    assert other.export("nquads") == sample_store.export("nquads")
    assert other.export("trig") == sample_store.export("trig")


def test_readme_sparql_examples_run_on_the_sample(sample_store):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(.*?)```", readme, flags=re.S)
    assert blocks
    for q in blocks:
        res = sample_store.query(q)
        assert len(res) > 0, q


def test_readme_evidence_query_finds_the_h800_sentence(sample_store):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    q = re.findall(r"```sparql\n(.*?)```", readme, flags=re.S)[0]
    rows = sample_store.query(q).rows
    assert any(str(r["chip"]) == "H800" and "H800s" in str(r["sentence"]) for r in rows)


def test_sample_exports_do_not_depend_on_the_python_hash_seed(tmp_path):
    """rdflib orders some collections by hash; two processes with different seeds must
    still write the same bytes."""
    import subprocess
    import sys

    code = ("import sys; from chipgraph.pipeline import ingest; from chipgraph.store import Store\n"
            "s = Store(None); ingest([sys.argv[1]], s)\n"
            "for f in ('trig', 'turtle', 'jsonld', 'nquads'):\n"
            "    open(sys.argv[2] + '.' + f, 'wb').write(s.export(f))\n")
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        subprocess.run([sys.executable, "-c", code, str(REPO / "graph" / "sources"), str(tmp_path / seed)],
                       check=True, env=env)
    for fmt in ("trig", "turtle", "jsonld", "nquads"):
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes(), fmt
