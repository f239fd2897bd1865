#!/usr/bin/env python3
"""The write path alone: store ``N`` already-extracted documents and time it.

Usage: ``nice python bench/write_path.py [--docs 2000] [--batch 64] [--repeat 1]
[--cache FILE.pkl] [--profile]``.  The documents are ``bench/scale.py``'s copies of the dev
corpus, extracted once (``--cache`` keeps the extractions between runs, outside the
repository); then each repeat writes them into a new on-disk store with
``Store.add_extractions``, ``--batch`` per write, and closes it.  Printed: CPU (this process,
RocksDB's threads included) and wall time per document for the writes and the close, and
the SHA-256 of the store's N-Quads export, so that two versions of the write path can be
checked to store the same quads.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import REPO, cpu, du, make_corpus  # noqa: E402


def extractions(corpus_src: Path, n: int, cache: Path | None) -> list:
    if cache is not None and cache.exists():
        exs = pickle.loads(cache.read_bytes())
        if len(exs) == n:
            return exs
    from chipgraph.pipeline import read_and_extract

    tmp = Path(tempfile.mkdtemp(prefix="chipgraph-write-corpus-"))
    try:
        make_corpus(corpus_src, n, tmp)
        exs = [ex for f in sorted(tmp.glob("*.txt")) for ex in read_and_extract(f, base=str(tmp))[0]]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if cache is not None:
        cache.write_bytes(pickle.dumps(exs))
    return exs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--cache", type=Path, help="pickle of the extractions (made if missing)")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile of the last repeat")
    ap.add_argument("--no-export", action="store_true", help="skip the export hash")
    args = ap.parse_args()

    from chipgraph import __version__
    from chipgraph.store import Store

    exs = extractions(args.corpus, args.docs, args.cache)
    n = len(exs)
    for rep in range(args.repeat):
        tmp = Path(tempfile.mkdtemp(prefix="chipgraph-write-"))
        prof = cProfile.Profile() if args.profile and rep == args.repeat - 1 else None
        try:
            store = Store(tmp / "store")
            c0, t0 = cpu(), time.perf_counter()
            if prof:
                prof.enable()
            marks = [c0]
            for i in range(0, n, args.batch):
                store.add_extractions(exs[i:i + args.batch], extractor_version=__version__)
                if (i // args.batch + 1) % max(1, n // args.batch // 4) == 0:
                    marks.append(cpu())
            c1, t1 = cpu(), time.perf_counter()
            store.close()
            c2, t2 = cpu(), time.perf_counter()
            if prof:
                prof.disable()
            print(f"repeat {rep + 1}: {n:,} docs, batch {args.batch}: writes {(c1 - c0) / n * 1000:.2f} ms CPU/doc "
                  f"({(t1 - t0) / n * 1000:.2f} wall), close {c2 - c1:.2f} s CPU ({t2 - t1:.2f} wall), "
                  f"total {(c2 - c0) / n * 1000:.2f} ms CPU/doc; {du(tmp / 'store') / 1024 / n:.0f} KB/doc on disk")
            per = n / max(1, len(marks) - 1)
            print("  writes by quarter: " + " ".join(f"{(b - a) / per * 1000:.2f}" for a, b in zip(marks, marks[1:]))
                  + " ms CPU/doc")
            if not args.no_export and rep == args.repeat - 1:
                with Store(tmp / "store", read_only=True) as ro:
                    data = ro.nquads()
                lines = data.count(b"\n")
                print(f"export: {lines:,} quads, sha256 {hashlib.sha256(data).hexdigest()}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if prof:
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
