#!/usr/bin/env python3
"""Where ingest spends its CPU: cProfile of ``chipgraph ingest`` (single process) on N
copies of the dev corpus, made by ``bench/scale.py``'s copy helper.

Usage: ``nice python bench/profile_ingest.py [--docs 2000] [--top 40] [--jobs 1]
[--batch 64] [--out FILE.prof]``.  Prints CPU per document for the whole run and for the
write path alone (``Store.add_extractions`` and the close), split into extraction, RDF
building, planning (ledger and entity layer) and store writes, then the top entries by
cumulative time.  The store and corpus live in a temporary folder.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import REPO, cpu, make_corpus  # noqa: E402

#: (label, file suffix, function name) of the parts reported on their own
PARTS = [
    ("extraction", "chipgraph/pipeline.py", "extract_document"),
    ("write path (add_extractions)", "chipgraph/store.py", "add_extractions"),
    ("  planning (writer.plan_add)", "chipgraph/writer.py", "plan_add"),
    ("    rdf.document_rdf", "chipgraph/rdf.py", "document_rdf"),
    ("    entity layer (ledger)", "chipgraph/writer.py", "entity_changes"),
    ("  Store.apply", "chipgraph/store.py", "apply"),
    ("    journal applied (_recover)", "chipgraph/store.py", "_recover"),
    ("close (flush, compact)", "chipgraph/store.py", "close"),
    ("measure catalogue refresh", "chipgraph/derived.py", "refresh_derived"),
]


def cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    total = 0.0
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func.lstrip("_") == name.lstrip("_") and file.endswith(suffix):
            total += ct
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--out", type=Path, help="also save the raw profile here")
    args = ap.parse_args()

    from chipgraph.pipeline import ingest
    from chipgraph.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="chipgraph-profile-"))
    try:
        corpus = tmp / "corpus"
        words = make_corpus(args.corpus, args.docs, corpus)
        import chipgraph.extract  # noqa: F401  (imports outside the timed part)

        prof = cProfile.Profile()
        c0, t0 = cpu(), time.perf_counter()
        prof.enable()
        with Store(tmp / "store") as store:
            report = ingest([corpus], store, jobs=args.jobs, batch=args.batch)
        prof.disable()
        wall, used = time.perf_counter() - t0, cpu() - c0
        assert report.ok, report.errors[:3]
        n = args.docs
        print(f"{n:,} docs, {words:,} words, jobs={args.jobs}, batch={args.batch}: "
              f"{wall:.1f} s wall, {used:.1f} s CPU (with profiler), "
              f"{used / n * 1000:.2f} ms CPU/doc, {words / used:,.0f} words per CPU s")
        stats = pstats.Stats(prof)
        total = stats.total_tt  # type: ignore[attr-defined]
        print(f"\nprofiled time {total:.2f} s in this process; by part (cumulative):")
        for label, suffix, name in PARTS:
            t = cumulative(stats, suffix, name)
            print(f"  {label:34} {t:8.2f} s  {t / n * 1000:7.2f} ms/doc  {t / total * 100:5.1f}%")
        if args.out:
            prof.dump_stats(str(args.out))
        print()
        stats.sort_stats("cumulative").print_stats(args.top)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
