"""N-Quads shards: written by a 2-worker Dask LocalCluster (or in this process), loaded into
the embedded store by ``bulk_load`` (new store) or the normal write algorithm (a store that
holds documents); either way the export is the bytes of a plain ingest.  Bad shard sets are
refused before anything is written, naming the file."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.pipeline import ingest
from chipgraph.shards import MANIFEST, ShardError, check_shards, load_shards, write_shards
from chipgraph.store import Store

SOURCES = Path(__file__).resolve().parents[1] / "graph" / "sources"


@pytest.fixture(scope="module")
def plain() -> bytes:
    store = Store(None)
    report = ingest([SOURCES], store, jobs=1)
    assert report.ok and report.added
    return store.export("nquads")


@pytest.fixture(scope="module")
def local_shards(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shards") / "set"
    report = write_shards([SOURCES], out, files_per_shard=3)
    assert report.ok and report.shards >= 2
    return out


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_dask_workers_write_shards_that_bulk_load_to_the_plain_ingest(tmp_path, plain):
    pytest.importorskip("distributed")
    out = tmp_path / "dask-shards"
    report = write_shards([SOURCES], out, dask="local", workers=2, files_per_shard=2)
    assert report.ok and report.shards >= 2
    manifest = json.loads((out / MANIFEST).read_text())
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([MANIFEST] + [s["file"] for s in manifest["shards"]])  # no temp files
    assert sum(len(s["documents"]) for s in manifest["shards"]) == report.documents
    assert all(len(d["content_hash"]) >= 16 for s in manifest["shards"] for d in s["documents"])
    with Store(tmp_path / "store") as store:
        loaded = load_shards(out, store)
        assert loaded.fast and len(loaded.added) == report.documents
        assert store.export("nquads") == plain
    with Store(tmp_path / "store") as store:  # reopened from disk: the same graph
        assert store.export("nquads") == plain
        again = load_shards(out, store)  # a store with documents: the write algorithm
        assert not again.fast and len(again.unchanged) == report.documents
        assert store.export("nquads") == plain


def test_shards_over_a_store_with_documents_use_the_write_algorithm(tmp_path, plain, local_shards):
    first = sorted(SOURCES.glob("*.txt"))[0]
    with Store(tmp_path / "store") as store:
        ingest([first], store)
        loaded = load_shards(local_shards, store)
        assert not loaded.fast and len(loaded.unchanged) == 1 and loaded.added
        assert store.export("nquads") == plain


def test_a_truncated_shard_is_refused_naming_it_and_nothing_is_written(tmp_path, local_shards):
    bad = _copy(local_shards, tmp_path / "bad")
    shard = sorted(bad.glob("shard-*.nq"))[-1]
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) // 2])
    store = Store(tmp_path / "store")
    with store:
        with pytest.raises(ShardError, match=shard.name) as info:
            load_shards(bad, store)
        assert "truncated" in str(info.value)
        assert not [g for g in store.named_graphs() if "/graph/doc/" in str(g)]


def test_a_wrong_manifest_is_refused_naming_the_file(tmp_path, local_shards):
    bad = _copy(local_shards, tmp_path / "bad")
    manifest = json.loads((bad / MANIFEST).read_text())
    manifest["shards"][0]["documents"].pop()  # a document the shard holds but the manifest lost
    (bad / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ShardError, match="shard-000000.nq.*not in the manifest"):
        check_shards(bad)
    (bad / MANIFEST).write_text("{\"format\": \"something else\"}")
    with pytest.raises(ShardError, match=MANIFEST):
        check_shards(bad)
    (bad / MANIFEST).unlink()
    with pytest.raises(ShardError, match="no manifest"):
        check_shards(bad)


def test_a_shard_whose_ledger_entry_disagrees_with_the_manifest_is_refused(tmp_path, local_shards):
    bad = _copy(local_shards, tmp_path / "bad")
    manifest = json.loads((bad / MANIFEST).read_text())
    manifest["shards"][0]["documents"][0]["content_hash"] = "0" * 64
    (bad / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ShardError, match="shard-000000.nq.*does not match the manifest"):
        check_shards(bad)


def test_writing_shards_into_a_folder_of_other_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ShardError, match="other files"):
        write_shards([SOURCES], tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_cli_ingest_shards_then_load(tmp_path, plain):
    runner = CliRunner()
    out, store = tmp_path / "cli-shards", tmp_path / "store"
    res = runner.invoke(app, ["ingest", str(SOURCES), "--jobs", "1", "--shards", str(out)],
                        catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "shard(s)" in res.output and not (tmp_path / "graph").exists()
    res = runner.invoke(app, ["--store", str(store), "load", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "bulk-loaded" in res.output
    with Store(store, read_only=True) as s:
        assert s.export("nquads") == plain
    (out / MANIFEST).write_text("not json")
    res = runner.invoke(app, ["--store", str(tmp_path / "other"), "load", str(out)])
    assert res.exit_code == 1 and MANIFEST in res.output


def test_a_bulk_load_cut_off_midway_is_rolled_back_by_the_next_load(tmp_path, plain, local_shards):
    """The state a kill between two shards' ``bulk_load`` leaves: the marker and part of the
    documents, no entity layer.  The next ``load`` undoes it and loads everything."""
    from chipgraph import shards as sh
    from chipgraph.writer import Change

    with Store(tmp_path / "store") as store:
        store.apply(Change(ledger={sh.LOADING: json.dumps({"shards": "earlier"})}))
        first = sorted(local_shards.glob("shard-*.nq"))[0]
        store.bulk_load_nquads(path=first)
    with Store(tmp_path / "store") as store:
        assert store.export("nquads") != plain
        loaded = load_shards(local_shards, store)
        assert loaded.fast
        assert store.export("nquads") == plain
        assert sh.LOADING not in sh._ledger_nodes(store)


def test_a_changed_document_is_replaced_and_its_entities_recounted(tmp_path):
    src = _copy(SOURCES, tmp_path / "src")
    article = sorted(src.glob("*.txt"))[1]
    original = article.read_text(encoding="utf-8")
    with Store(None) as expected:
        assert ingest([src], expected).ok
        want = expected.export("nquads")
    article.write_text(original + "\nA closing line written for this test names nobody.\n",
                       encoding="utf-8")
    with Store(tmp_path / "store") as store:
        assert ingest([src], store).ok  # the store holds the edited version
        article.write_text(original, encoding="utf-8")
        assert write_shards([src], tmp_path / "shards", files_per_shard=4).ok
        loaded = load_shards(tmp_path / "shards", store)
        assert not loaded.fast and len(loaded.replaced) == 1
        assert store.export("nquads") == want
