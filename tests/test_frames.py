"""query_df: saved questions as typed pandas DataFrames, from a store folder and an endpoint."""
from __future__ import annotations

import os
from pathlib import Path

import httpx
import pandas as pd
import pytest

from virtuoso import VirtuosoServer, virtuoso_binaries

from chipgraph.errors import QueryError
from chipgraph.frames import query_df
from chipgraph.pipeline import ingest
from chipgraph.store import Store

SOURCES = Path(__file__).resolve().parents[1] / "graph" / "sources"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("frames") / "store"
    with Store(path) as store:
        report = ingest([SOURCES], store)
        assert report.ok
    return path


def test_frames_types_from_a_store_folder(store_dir):
    df = query_df(store_dir, "entity_mentions")
    assert len(df) > 0
    dates = [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]
    assert dates, f"no date column in {dict(df.dtypes)}"
    assert df[dates[0]].notna().any()
    co = query_df(store_dir, "co_mentions")
    counts = [c for c in co.columns if pd.api.types.is_integer_dtype(co[c])]
    assert counts, f"no integer column in {dict(co.dtypes)}"
    assert (co[counts[0]] > 0).all()
    text = [c for c in co.columns if pd.api.types.is_string_dtype(co[c])]
    assert text


def test_frames_bindings_and_unbound_cells(store_dir):
    with Store(store_dir, read_only=True) as store:
        one = query_df(store, "chips_used", {"user": "ent:deepseek"})
        assert len(one) > 0
        users = {c for c in one.columns if one[c].astype(str).str.endswith("/deepseek").all()}
        assert users, "the bound user should appear in every row"
        df = query_df(store, "SELECT ?x ?n WHERE { VALUES (?x ?n) { (1 UNDEF) (UNDEF 2.5) } }")
        assert str(df["x"].dtype) == "Int64" and df["x"].isna().sum() == 1
        assert str(df["n"].dtype) == "Float64" and df["n"].isna().sum() == 1
        with pytest.raises(QueryError):
            query_df(store, "ASK { ?s ?p ?o }")


def test_frames_from_an_endpoint(store_dir, tmp_path):
    if virtuoso_binaries() is None:
        if os.environ.get("CHIPGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail("Virtuoso is not installed (CHIPGRAPH_REQUIRE_SHARED=1)")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    with Store(store_dir, read_only=True) as store:
        local = query_df(store, "entity_mentions")
        data = store.nquads()
    by_graph: dict[str, list[str]] = {}
    for line in data.decode().splitlines():
        body, _, graph = line.rstrip(" .").rpartition(" <")
        by_graph.setdefault(graph.rstrip(">"), []).append(body + " .\n")
    with VirtuosoServer(tmp_path / "v") as v:
        auth = httpx.DigestAuth(v.user, v.password)
        for graph, lines in by_graph.items():
            httpx.put(f"{v.base}/sparql-graph-crud-auth", params={"graph-uri": graph}, auth=auth,
                      content="".join(lines).encode(), timeout=60,
                      headers={"Content-Type": "application/n-triples"}).raise_for_status()
        remote = query_df(v.url, "entity_mentions")
    assert list(remote.columns) == list(local.columns)
    assert dict(remote.dtypes) == dict(local.dtypes)
    key = list(local.columns)
    pd.testing.assert_frame_equal(remote.sort_values(key).reset_index(drop=True),
                                  local.sort_values(key).reset_index(drop=True))
