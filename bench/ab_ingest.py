#!/usr/bin/env python3
"""A/B: ingest the same corpus with two chipgraph source trees, alternately, in fresh
processes, so that both see the same machine load (a shared machine's load changes by the
minute, and CPU seconds inflate under contention too).

Usage: ``nice python bench/ab_ingest.py --a OLD/src --b NEW/src [--docs 1000] [--rounds 3]
[--jobs 1 2]``.  ``OLD`` can be made with ``git worktree add`` or ``git archive REV | tar -x``
(the tree needs its ``ontology/``).  Each round runs every (tree, jobs) pair once, in an
order that alternates between rounds; printed: each run's wall and CPU seconds (CPU of the
writing process only: ``--jobs`` workers are the forkserver's children, not ours), then the
medians, B against A, and ``--jobs N`` against one job for each tree.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, {bench!r})
from scale import cpu, timed_ingest
from pathlib import Path
import chipgraph.extract  # imported before the clock starts, as in bench/scale.py
def main():
    r = timed_ingest(Path({corpus!r}), Path({store!r}), jobs={jobs})
    print(json.dumps({{"wall": r["wall"], "cpu": r["cpu"]}}))
if __name__ == "__main__":
    main()
"""


def run(src: Path, corpus: Path, store: Path, jobs: int, tmp: Path) -> dict:
    script = tmp / f"child-{os.getpid()}.py"
    script.write_text(CHILD.format(bench=str(HERE), corpus=str(corpus), store=str(store), jobs=jobs))
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                         cwd=src.parent, check=True)
    shutil.rmtree(store, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--a", type=Path, required=True, help="the baseline's src/ folder")
    ap.add_argument("--b", type=Path, default=REPO / "src", help="the candidate's src/ folder")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from scale import make_corpus

    tmp = Path(tempfile.mkdtemp(prefix="chipgraph-ab-"))
    try:
        corpus = tmp / "corpus"
        make_corpus(args.corpus, args.docs, corpus)
        runs: dict[tuple[str, int], list[dict]] = {}
        pairs = [(name, j) for j in args.jobs for name in ("A", "B")]
        for rnd in range(args.rounds):
            for name, jobs in (pairs if rnd % 2 == 0 else pairs[::-1]):
                src = args.a if name == "A" else args.b
                r = run(src.resolve(), corpus, tmp / "store", jobs, tmp)
                runs.setdefault((name, jobs), []).append(r)
                print(f"round {rnd + 1} {name} jobs={jobs}: wall {r['wall']:.2f} s, CPU {r['cpu']:.2f} s "
                      f"({r['cpu'] / args.docs * 1000:.2f} ms/doc)", flush=True)
        med = {k: {m: statistics.median(r[m] for r in v) for m in ("wall", "cpu")} for k, v in runs.items()}
        print(f"\nmedians of {args.rounds} ({args.docs:,} documents):")
        for (name, jobs), m in sorted(med.items()):
            print(f"  {name} jobs={jobs}: wall {m['wall']:.2f} s, CPU {m['cpu'] / args.docs * 1000:.2f} ms/doc")
        if 1 in args.jobs:
            a, b = med[("A", 1)], med[("B", 1)]
            print(f"B vs A, one job: CPU {b['cpu'] / a['cpu']:.2f}x, wall {b['wall'] / a['wall']:.2f}x")
            for jobs in args.jobs:
                if jobs > 1:
                    for name in ("A", "B"):
                        print(f"{name}: --jobs {jobs} against one job (wall): "
                              f"{med[(name, 1)]['wall'] / med[(name, jobs)]['wall']:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
