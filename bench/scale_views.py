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


def _top_entity(store):
    return store.query("SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d cg:mentions ?e } "
                       "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1").rows[0]["e"]


def _bindings(q, top) -> dict:
    return {"entity": top} if any(p == "entity" and "required" in w for p, w in q.params) else {}


def saved_question_times(store_path: Path, repeat: int = 3) -> dict[str, dict]:
    """Every saved question through ``Store.query`` (rdflib rows included): p50 wall and CPU
    seconds of ``repeat`` runs, and the row count."""
    from chipgraph.query import saved_queries
    from chipgraph.store import Store

    out = {}
    with Store(store_path, read_only=True) as store:
        top = _top_entity(store)
        for q in saved_queries():
            binds = _bindings(q, top)
            times, cpu, rows = [], [], 0
            for _ in range(repeat):
                t, c = time.perf_counter(), time.process_time()
                rows = len(store.query(q.text, binds))
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            out[q.name] = {"p50": round(statistics.median(times), 4),
                           "cpu_p50": round(statistics.median(cpu), 4), "rows": rows}
    return out


# Rewrites of the saved questions that grew fastest, measured beside the originals (the .rq
# files are not changed here).  "plain" keeps the answer (same rows, same order) and only
# changes how it is asked; "grouped" answers per pair, as issue 9 asks ("aggregate evidence
# with GROUP BY and sample or limit per entity"): one row per pair with its number of
# documents and one sample sentence.
REWRITES = {
    "relation_evidence": {
        # ORDER BY on the terms instead of STR(): the same order for plain literals and IRIs,
        # without computing five new strings in every comparison of the sort
        "plain": lambda text: text.replace(
            "ORDER BY STR(?subjectLabel) STR(?predicate) STR(?objectLabel) STR(?title) STR(?sentence)",
            "ORDER BY ?subjectLabel ?predicate ?objectLabel ?title ?sentence"),
        "grouped": lambda _text: """
SELECT ?subject ?subjectLabel ?predicate ?object ?objectLabel ?documents ?sentence WHERE {
  { SELECT ?subject ?predicate ?object (COUNT(DISTINCT ?document) AS ?documents) (SAMPLE(?s) AS ?s1) WHERE {
      ?a a cg:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
         cg:sentence ?s ; prov:wasDerivedFrom ?document .
    } GROUP BY ?subject ?predicate ?object }
  ?s1 cg:text ?sentence .
  ?subject skos:prefLabel ?subjectLabel .
  ?object skos:prefLabel ?objectLabel .
}
ORDER BY ?subjectLabel ?predicate ?objectLabel""",
    },
    "chips_used": {
        # no GRAPH ?g: the assertion, its sentence and the title are in the same document graph
        # anyway, and the union default graph lets Oxigraph join without the graph variable
        "plain": lambda text: text.replace("  GRAPH ?g {\n", "  {\n"),
        # every row kept: the assertions first, in a subquery, then their sentence, title
        # and the two labels looked up per row
        "subquery": lambda text: text[:text.index("SELECT DISTINCT")] + """SELECT DISTINCT ?user ?userLabel ?chip ?chipLabel ?sentence ?document ?title WHERE {
  { SELECT DISTINCT ?user ?chip ?s ?document WHERE {
      ?a rdf:predicate cg:usesChip ; rdf:subject ?user ; rdf:object ?chip ; cg:sentence ?s ;
         prov:wasDerivedFrom ?document .
  } }
  ?s cg:text ?sentence .
  OPTIONAL { ?document dcterms:title ?title }
  ?user skos:prefLabel ?userLabel .
  ?chip skos:prefLabel ?chipLabel .
}
ORDER BY ?userLabel ?chipLabel ?document ?sentence""",
        "grouped": lambda _text: """
SELECT ?user ?userLabel ?chip ?chipLabel ?documents ?sentence WHERE {
  { SELECT ?user ?chip (COUNT(DISTINCT ?document) AS ?documents) (SAMPLE(?s) AS ?s1) WHERE {
      ?a rdf:predicate cg:usesChip ; rdf:subject ?user ; rdf:object ?chip ; cg:sentence ?s ;
         prov:wasDerivedFrom ?document .
    } GROUP BY ?user ?chip }
  ?s1 cg:text ?sentence .
  ?user skos:prefLabel ?userLabel .
  ?chip skos:prefLabel ?chipLabel .
}
ORDER BY ?userLabel ?chipLabel""",
    },
    "entity_mentions": {
        # ?entity is bound: drop it from the sort and DISTINCT (each mention node is one row)
        "plain": lambda text: text.replace("SELECT DISTINCT", "SELECT").replace(
            "ORDER BY ?entity ?published ?document ?start", "ORDER BY ?published ?document ?start"),
        # the newest mentions first, a page at a time (a ?limit the caller sets)
        "page": lambda text: text.replace(
            "ORDER BY ?entity ?published ?document ?start",
            "ORDER BY DESC(?published) ?document ?start LIMIT 200"),
    },
}


def _no_order(text: str) -> str:
    """The query without its ORDER BY (and what follows it): how much of the time is the sort."""
    i = text.rfind("\nORDER BY")
    return text[:i] if i >= 0 else text


def raw_times(store_path: Path, repeat: int = 3) -> dict[str, dict]:
    """The fastest-growing questions and their rewrites, straight on pyoxigraph (rows consumed,
    no rdflib terms): p50 CPU seconds and rows of the original, the original without ORDER BY,
    and each rewrite."""
    import pyoxigraph as ox
    from chipgraph.query import saved_queries
    from chipgraph.store import Store, _prefixes
    from chipgraph.terms import to_ox

    out: dict[str, dict] = {}
    with Store(store_path, read_only=True) as store:
        top = _top_entity(store)
        for q in saved_queries():
            if q.name not in REWRITES:
                continue
            subs = {ox.Variable(k): to_ox(v) for k, v in _bindings(q, top).items()}
            variants = {"original": q.text, "no ORDER BY": _no_order(q.text)}
            variants.update({k: f(q.text) for k, f in REWRITES[q.name].items() if f(q.text) != q.text})
            res = {}
            for label, text in variants.items():
                cpu, rows = [], 0
                for _ in range(repeat):
                    c = time.process_time()
                    rows = sum(1 for _ in store._ox.query(text, use_default_graph_as_union=True,
                                                          substitutions=subs, prefixes=_prefixes()))
                    cpu.append(time.process_time() - c)
                res[label] = {"cpu_p50": round(statistics.median(cpu), 4), "rows": rows}
            out[q.name] = res
    return out


def measure(store: Path, out_dir: Path, steps=STEPS, repeat: int = 3) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    s = ["--store", str(store)]
    argv = {
        "view": ["view", "-o", str(out_dir / "overview.html")],
        "site": ["site", "-o", str(out_dir / "site")],
        "analyze central": ["analyze", "central", "--by", "pagerank"],
        "analyze communities": ["analyze", "communities"],
        "export graphml": ["analyze", "export", "-o", str(out_dir / "g.graphml")],
    }
    res = {step: run(s + argv[step]) for step in steps}
    if res.get("view", {}).get("exit") == 0:
        res["view"]["bytes"] = (out_dir / "overview.html").stat().st_size
        res["view"]["chromium"] = open_in_chromium(out_dir / "overview.html")
    if res.get("site", {}).get("exit") == 0:
        res["site"]["overview chromium"] = open_in_chromium(out_dir / "site" / "overview.html")
    res["questions"] = saved_question_times(store, repeat)
    res["rewrites"] = raw_times(store, repeat)
    return res


def report(results: dict, small_n: int, large_n: int) -> None:
    ratio = large_n / small_n
    a_all, b_all = results[small_n], results[large_n]
    # CPU seconds beside wall: on a shared machine wall time mostly measures the others
    print(f"\n{'step':22} {'CPU s ' + str(small_n):>11} {'CPU s ' + str(large_n):>12} {'ratio':>7}"
          f" {'wall ' + str(small_n):>10} {'wall ' + str(large_n):>11}  RSS MB (goal: ratio <= {ratio:g}x)")
    for step in STEPS:
        if step not in a_all or step not in b_all:
            continue
        a, b = a_all[step], b_all[step]
        print(f"{step:22} {a['cpu']:>11} {b['cpu']:>12} {b['cpu'] / max(a['cpu'], 1e-9):6.2f}x"
              f" {a['seconds']:>10} {b['seconds']:>11}  {a['rss_mb']:>7} {b['rss_mb']:>7}"
              + ("" if a["exit"] == b["exit"] == 0 else f"  exit {a['exit']}/{b['exit']}"))
    for key in ("chromium",):
        if key in a_all.get("view", {}) and key in b_all.get("view", {}):
            print(f"view in Chromium, ready: {a_all['view'][key]} / {b_all['view'][key]}")
    print(f"\n{'saved question':24} {'rows':>14} {'CPU p50 ' + str(small_n):>13} {'CPU p50 ' + str(large_n):>14}"
          f" {'ratio':>7} {'wall p50':>9}  (goal <= 5x)")
    for name, a in a_all["questions"].items():
        b = b_all["questions"].get(name)
        if b is None:
            continue
        print(f"{name:24} {a['rows']:>6} {b['rows']:>7} {a['cpu_p50']:>13} {b['cpu_p50']:>14}"
              f" {b['cpu_p50'] / max(a['cpu_p50'], 1e-4):6.2f}x {b['p50']:>9}")
    if "rewrites" in a_all and "rewrites" in b_all:
        print(f"\n{'raw pyoxigraph (CPU p50)':38} {'rows':>14} {small_n:>9} {large_n:>9}  ratio")
        for name, variants in a_all["rewrites"].items():
            for label, a in variants.items():
                b = b_all["rewrites"][name][label]
                print(f"{name + ' / ' + label:38} {a['rows']:>6} {b['rows']:>7} {a['cpu_p50']:>9}"
                      f" {b['cpu_p50']:>9} {b['cpu_p50'] / max(a['cpu_p50'], 1e-4):6.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[2000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/chipgraph-scale"))
    ap.add_argument("--build-only", type=int, metavar="N",
                    help="only build the store of N documents (to build sizes in parallel)")
    ap.add_argument("--only", type=int, metavar="N",
                    help="measure one size and keep its figures in WORK/results-N.json; a later "
                         "run without --only reports from the kept figures")
    ap.add_argument("--steps", default=",".join(STEPS),
                    help=f"comma-separated commands to time (default: all of {', '.join(STEPS)})")
    ap.add_argument("--repeat", type=int, default=3, help="runs per saved question (p50 kept)")
    ap.add_argument("--questions-only", action="store_true",
                    help="only time the saved questions (and rewrites) on already built stores")
    args = ap.parse_args()
    if args.build_only:
        build(args.work, args.build_only)
        return
    small_n, large_n = args.sizes
    results = {}
    for n in (args.only,) if args.only else (small_n, large_n):
        kept = args.work / f"results-{n}{'-questions' if args.questions_only else ''}.json"
        if not args.only:
            parts = [json.loads(f.read_text()) for f in sorted(args.work.glob(f"results-{n}*.json"))]
            if parts:  # figures kept by --only runs (a questions-only part completes them)
                results[n] = {k: v for part in parts for k, v in part.items()}
                continue
        t = time.perf_counter()
        store = build(args.work, n)
        print(f"store of {n} documents ready ({time.perf_counter() - t:.0f} s)", flush=True)
        steps = tuple(x.strip() for x in args.steps.split(",") if x.strip())
        if set(steps) - set(STEPS):
            raise SystemExit(f"--steps: unknown {', '.join(sorted(set(steps) - set(STEPS)))}")
        results[n] = ({"questions": saved_question_times(store, args.repeat),
                       "rewrites": raw_times(store, args.repeat)}
                      if args.questions_only else
                      measure(store, args.work / f"out-{n}", steps, args.repeat))
        kept.write_text(json.dumps(results[n], indent=1))
        print(json.dumps({n: results[n]}, indent=1), flush=True)
    if not args.only:
        report(results, small_n, large_n)


if __name__ == "__main__":
    main()
