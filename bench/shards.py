"""Shards against plain ingest, as ratios (never timed assertions).

For N copies of the sample articles (tests/corpus_copies.py) it measures, in one process:

* ``ingest``: plain ``chipgraph.pipeline.ingest`` into a new on-disk store (``--jobs``);
* ``write``: ``write_shards`` with the same ``--jobs`` (or ``--dask local``);
* ``load``: ``load_shards`` of those shards into a new on-disk store (bulk_load);
* ``reload``: ``load_shards`` of the same shards into the loaded store (all unchanged);

checks the two stores' N-Quads exports are identical, and prints JSON with the wall times,
the ratios ``(write + load) / ingest`` and ``load / ingest``, and the shard bytes.

    nice python bench/shards.py --docs 240 --jobs 2
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from corpus_copies import write_copies  # noqa: E402

from chipgraph.pipeline import ingest  # noqa: E402
from chipgraph.shards import load_shards, write_shards  # noqa: E402
from chipgraph.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=240)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dask", default=None, help="'local' or a scheduler address")
    ap.add_argument("--files-per-shard", type=int, default=32)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chipgraph-shards-bench-"))
    try:
        corpus = work / "corpus"
        write_copies(corpus, args.docs)
        t = {}
        t0 = time.perf_counter()
        with Store(work / "plain") as store:
            report = ingest([corpus], store, jobs=args.jobs)
            assert report.ok, report.errors
            plain = store.export("nquads")
        t["ingest"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        sr = write_shards([corpus], work / "shards", jobs=args.jobs, dask=args.dask,
                          files_per_shard=args.files_per_shard)
        assert sr.ok, sr.errors
        t["write"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        with Store(work / "loaded") as store:
            lr = load_shards(work / "shards", store)
            assert lr.fast
        t["load"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        with Store(work / "loaded") as store:
            again = load_shards(work / "shards", store)
            assert len(again.unchanged) == args.docs
            identical = store.export("nquads") == plain
        t["reload"] = time.perf_counter() - t0
        shard_bytes = sum(p.stat().st_size for p in (work / "shards").glob("shard-*.nq"))
        print(json.dumps({
            "docs": args.docs, "jobs": args.jobs, "dask": args.dask, "shards": sr.shards,
            "seconds": {k: round(v, 2) for k, v in t.items()},
            "write_plus_load_over_ingest": round((t["write"] + t["load"]) / t["ingest"], 3),
            "load_over_ingest": round(t["load"] / t["ingest"], 3),
            "shard_bytes_per_doc": shard_bytes // args.docs,
            "identical_export": identical,
        }, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
