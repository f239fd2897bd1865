#!/usr/bin/env python3
"""Ingest of one single-line source file as it grows: is it linear in time and memory?

Usage: ``python bench/big_input.py [--sizes 0.25,0.5,1] [--stage all]``.  For each size (MB)
a child process writes a single-line ``.txt`` file of invented sentences (no newline, so no
paragraph breaks), then times each stage on it: read (``documents.read_file``), extract,
rdf (``document_triples``) and store (``Store(None).add_extraction``), and reports its peak
resident memory.  Ratios are against the smallest size: time and memory per MB should stay
about flat when the cost is linear.  Run it under ``nice``; sizes up to the 10 MB limit of
``documents.MAX_BYTES`` take minutes.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Acme Chips said its Z900 accelerator would ship to a laboratory in Oslo.",
    "Volt Labs, a start-up in Lisbon, bought forty boards, a spokesperson said.",
    "The trade ministry of Freedonia restricted exports of the Z900 last week.",
    "\"We will comply,\" said Jane Doe, a director at Nordic Silicon.",
]


def child(size_mb: float, stages: str) -> dict:
    from chipgraph import __version__
    from chipgraph.documents import read_file
    from chipgraph.pipeline import extract_document
    from chipgraph.rdf import document_triples
    from chipgraph.store import Store

    extract_document(read_file(_write(0.001)).documents[0])  # warm-up: dictionaries loaded
    path = _write(size_mb)
    out: dict = {"mb": path.stat().st_size / 1e6,
                 "base_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    t = time.perf_counter()
    (doc,) = read_file(path).documents
    out["read_s"] = time.perf_counter() - t
    t = time.perf_counter()
    ex = extract_document(doc)
    out["extract_s"] = time.perf_counter() - t
    if stages == "all":
        t = time.perf_counter()
        document_triples(ex, extractor_version=__version__)
        out["rdf_s"] = time.perf_counter() - t
        t = time.perf_counter()
        Store(None).add_extraction(ex, extractor_version=__version__)
        out["store_s"] = time.perf_counter() - t
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _write(size_mb: float) -> Path:
    path = Path(tempfile.mkdtemp()) / "big.txt"
    target, parts, n, i = int(size_mb * 1e6), [], 0, 0
    while n < target:
        s = SENTENCES[i % len(SENTENCES)] + " "
        parts.append(s)
        n += len(s)
        i += 1
    path.write_text("".join(parts).strip(), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.25,0.5,1", help="comma-separated sizes in MB")
    ap.add_argument("--stage", choices=("extract", "all"), default="all")
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.stage)))
        return
    rows = []
    for size in (float(s) for s in args.sizes.split(",")):
        run = subprocess.run([sys.executable, __file__, "--child", str(size), "--stage", args.stage],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
    base = rows[0]
    keys = [k for k in base if k.endswith("_s")]
    print("MB      " + "  ".join(f"{k:>10}" for k in keys) + "  peak-base MB  s/MB ratio  MB/MB ratio")
    for r in rows:
        total = sum(r[k] for k in keys)
        t_ratio = (total / r["mb"]) / (sum(base[k] for k in keys) / base["mb"])
        grew = r["peak_mb"] - r["base_mb"]
        m_ratio = (grew / r["mb"]) / max((base["peak_mb"] - base["base_mb"]) / base["mb"], 1e-9)
        print(f"{r['mb']:<7.2f} " + "  ".join(f"{r[k]:>10.2f}" for k in keys)
              + f"  {grew:>12.0f}  {t_ratio:>9.2f}  {m_ratio:>11.2f}")


if __name__ == "__main__":
    main()
