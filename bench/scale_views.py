"""Views, site, analytics, GraphML export and every saved question at two corpus sizes.

    nice python bench/scale_views.py --sizes 2000 10000 --work /tmp/cg-scale
    nice python bench/scale_views.py --sizes 200 1000          # a quick run

Each corpus is the sample articles in ``graph/sources`` copied with distinct names, titles
and a distinct closing sentence (``tests/corpus_copies.py``), ingested once with the CLI into
``WORK/store-N`` and reused by later runs (delete the folder to rebuild).  Each command runs
in its own process, so its wall time and peak RSS (``wait4``) are its own; each saved
question runs in this process, 3 times, and its p50 is reported.  The goals: every command
finishes, and its time at the larger size is at most linear in the size ratio; each saved
question at the larger size within 5x its time at the smaller.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# bench/ holds scripts named like stdlib modules (html.py): keep it off the import path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO / "tests"))

from corpus_copies import write_copies  # noqa: E402

STEPS = ("view", "site", "analyze central", "analyze communities", "export graphml")
CLI = [sys.executable, "-c", "from chipgraph.cli import main; main()"]


def run(argv: list[str]) -> dict:
    """Run one CLI command in a child process: wall seconds, peak RSS (MB), exit code."""
    t = time.perf_counter()
    proc = subprocess.Popen(CLI + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode("utf-8", "replace")[-400:] if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    return {"seconds": round(wall, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": code,
            **({"error": err} if code else {})}


def build(work: Path, n: int, chunk: int = 250) -> Path:
    """A store of ``n`` copied articles: extracted here, written with ``Store.bulk_add``
    (no staging copy, labels computed once per chunk); reused when already built."""
    from chipgraph import __version__
    from chipgraph.documents import read_file
    from chipgraph.pipeline import extract_document
    from chipgraph.store import Store

    store = work / f"store-{n}"
    done = store.with_suffix(".done")
    if done.exists():
        return store
    src = work / f"corpus-{n}"
    files = write_copies(src, n)
    t = time.perf_counter()
    with Store(store) as st:
        for i in range(0, n, chunk):
            exs = [extract_document(d) for f in files[i:i + chunk] for d in read_file(f).documents]
            st.bulk_add(exs, extractor_version=__version__)
            print(f"  {min(i + chunk, n)}/{n} documents", flush=True)
    done.write_text(json.dumps({"seconds": round(time.perf_counter() - t, 1)}))
    return store


def open_in_chromium(page: Path, chromium: str = "/usr/bin/chromium") -> dict:
    """Open a page from ``file://`` in headless Chromium (network refused) and wait until the
    page script says it has drawn the graph: seconds, or the error."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    t = time.perf_counter()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True,
                              args=["--no-sandbox", "--disable-gpu"])
        try:
            ctx = b.new_context()
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                      else r.abort())
            tab = ctx.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(page.resolve().as_uri())
            tab.wait_for_function("() => document.body.dataset.ready === '1'", timeout=600_000)
            nodes = tab.evaluate("() => window.chipgraph.network.body.data.nodes.length")
        finally:
            b.close()
    return {"seconds": round(time.perf_counter() - t, 2), "nodes": nodes, "errors": errors}


def saved_question_times(store_path: Path, repeat: int = 3) -> dict[str, dict]:
    from chipgraph.query import saved_queries
    from chipgraph.store import Store

    out = {}
    with Store(store_path, read_only=True) as store:
        top = store.query("SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d cg:mentions ?e } "
                          "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1").rows[0]["e"]
        for q in saved_queries():
            binds = {"entity": top} if any(p == "entity" and "required" in w for p, w in q.params) else {}
            times, cpu, rows = [], [], 0
            for _ in range(repeat):
                t, c = time.perf_counter(), time.process_time()
                rows = len(store.query(q.text, binds))
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            out[q.name] = {"p50": round(statistics.median(times), 4),
                           "cpu_p50": round(statistics.median(cpu), 4), "rows": rows}
    return out


def measure(store: Path, out_dir: Path) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    s = ["--store", str(store)]
    res = {
        "view": run(s + ["view", "-o", str(out_dir / "overview.html")]),
        "site": run(s + ["site", "-o", str(out_dir / "site")]),
        "analyze central": run(s + ["analyze", "central", "--by", "pagerank"]),
        "analyze communities": run(s + ["analyze", "communities"]),
        "export graphml": run(s + ["analyze", "export", "-o", str(out_dir / "g.graphml")]),
    }
    if res["view"]["exit"] == 0:
        res["view"]["bytes"] = (out_dir / "overview.html").stat().st_size
        res["view"]["chromium"] = open_in_chromium(out_dir / "overview.html")
        res["site"]["overview chromium"] = open_in_chromium(out_dir / "site" / "overview.html")
    res["questions"] = saved_question_times(store)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[2000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/chipgraph-scale"))
    ap.add_argument("--questions-only", action="store_true",
                    help="only time the saved questions on already built stores")
    args = ap.parse_args()
    small_n, large_n = args.sizes
    results = {}
    for n in (small_n, large_n):
        t = time.perf_counter()
        store = build(args.work, n)
        print(f"store of {n} documents ready ({time.perf_counter() - t:.0f} s)", flush=True)
        results[n] = ({"questions": saved_question_times(store)} if args.questions_only
                      else measure(store, args.work / f"out-{n}"))
        print(json.dumps({n: results[n]}, indent=1), flush=True)
    ratio = large_n / small_n
    # CPU seconds, not wall time: on a shared machine wall time mostly measures the others
    print(f"\n{'step (CPU s)':24} {small_n:>9} {large_n:>9}  ratio (goal <= {ratio:g}x)   RSS MB")
    for step in () if args.questions_only else STEPS:
        a, b = results[small_n][step], results[large_n][step]
        print(f"{step:24} {a['cpu']:>8}s {b['cpu']:>8}s  {b['cpu'] / max(a['cpu'], 1e-9):6.2f}x"
              f"   {a['rss_mb']:>7} {b['rss_mb']:>7}")
    print(f"\n{'saved question (CPU)':24} {'p50 ' + str(small_n):>11} {'p50 ' + str(large_n):>11}  ratio (goal <= 5x)")
    for name, a in results[small_n]["questions"].items():
        b = results[large_n]["questions"][name]
        print(f"{name:24} {a['cpu_p50']:>10}s {b['cpu_p50']:>10}s  {b['cpu_p50'] / max(a['cpu_p50'], 1e-9):6.2f}x")


if __name__ == "__main__":
    main()
