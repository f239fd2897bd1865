"""Benchmark the HTML views: write time and time to interactive in headless Chromium.

    .venv/bin/python bench/views_html.py [--sizes 500 2000 10000] [--no-baseline]

For synthetic graphs (about 1.5 edges per node) it prints the time to render the page in
Python (``render_html``, layout included), the file size, and the time from navigation
until the page says it is drawn (``document.body.dataset.ready == "1"``) in Debian's
Chromium with every non-file request aborted.  The baseline is pyvis's own
``Network.write_html`` at 500 nodes, timed until vis reports stabilisation finished
(physics and stabilisation as pyvis defaults).  pyvis's default ``cdn_resources="local"``
page cannot draw offline at all (vis-network comes from cdnjs with an SRI hash that its
bundled copy does not match), so the baseline uses ``cdn_resources="in_line"``, which
inlines vis-network and still tries the CDNs (those requests are aborted).
"""
from __future__ import annotations

import sys
from pathlib import Path

import argparse
import os
import random
import statistics
import tempfile
import time

from chipgraph.model import ENTITY_TYPES, PREDICATES
from chipgraph.views import EvidenceItem, ViewEdge, ViewGraph, ViewNode, render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
E = "https://w3id.org/chipgraph/entity/"


def synthetic(n: int, per_node: float = 1.5, seed: int = 0) -> ViewGraph:
    rng = random.Random(seed)
    docs = [(f"https://w3id.org/chipgraph/doc/bench-{k}", f"Article {k}")
            for k in range(max(1, n // 20))]

    def ev(text: str) -> EvidenceItem:
        d, t = rng.choice(docs)
        return EvidenceItem(text, d, t, "Bench Wire", "2024-01-01", "https://example.org/" + t)

    nodes = tuple(ViewNode(f"{E}n{i:06d}", f"Entity {i}", ENTITY_TYPES[i % 8], (f"E{i}",),
                           (("wikidata", f"Q{100000 + i}"),), 1 + i % 7,
                           (ev(f"Entity {i} was in the news."),)) for i in range(n))
    edges = []
    for _ in range(int(n * per_node)):
        a = rng.randrange(n)
        b = min(int(rng.paretovariate(1.1)) * 3 + rng.randrange(3), n - 1) \
            if rng.random() < .5 else rng.randrange(n)
        if a != b:
            p = PREDICATES[rng.randrange(8)]
            edges.append(ViewEdge(nodes[a].id, nodes[b].id, p, None, (ev(f"{a} {p} {b}."),)))
    return ViewGraph(f"Synthetic {n}", nodes, tuple(edges))


def time_to_ready(browser, path: Path, predicate: str, route=None) -> tuple[float, list[str]]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 850})
    page = ctx.new_page()
    blocked: list[str] = []

    def default_route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()
    ctx.route("**/*", route or default_route)
    t0 = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_function(predicate, timeout=300_000, polling=20)
    dt = time.perf_counter() - t0
    ctx.close()
    return dt, blocked


def pyvis_baseline(graph: ViewGraph, out: Path) -> tuple[float, Path]:
    from pyvis.network import Network

    t0 = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.add_nodes([n.id for n in graph.nodes], label=[n.label for n in graph.nodes])
    for e in graph.edges:
        net.add_edge(e.source, e.target, label=e.predicate)
    cwd = os.getcwd()
    os.chdir(out.parent)  # pyvis copies its lib/ folder into the working directory
    try:
        net.write_html(out.name)
    finally:
        os.chdir(cwd)
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    ap.add_argument("--repeat", type=int, default=3, help="browser runs per size (median)")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="chipgraph-bench-"))
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        base = None
        if not args.no_baseline:
            g = synthetic(500)
            write_s, path = pyvis_baseline(g, tmp / "pyvis-500.html")
            runs = [time_to_ready(browser, path, "() => window.network && window.network.physics"
                                  " && window.network.physics.ready === true")[0]
                    for _ in range(args.repeat)]
            base = statistics.median(runs)
            rows.append(("pyvis write_html (baseline)", 500, len(g.edges), write_s,
                         path.stat().st_size, base))
        for n in args.sizes:
            g = synthetic(n)
            t0 = time.perf_counter()
            html = render_html(g, heading=g.title)
            write_s = time.perf_counter() - t0
            path = tmp / f"chipgraph-{n}.html"
            path.write_text(html, encoding="utf-8")
            runs = []
            for _ in range(args.repeat):
                dt, blocked = time_to_ready(browser, path, "() => document.body.dataset.ready === '1'")
                assert not blocked, blocked
                runs.append(dt)
            rows.append(("chipgraph render_html", n, len(g.edges), write_s, len(html.encode()),
                         statistics.median(runs)))
        browser.close()

    print(f"{'view':30} {'nodes':>6} {'edges':>6} {'write s':>8} {'size MB':>8} "
          f"{'ready s':>8} {'vs pyvis@500':>12}")
    for name, n, m, w, size, ready in rows:
        ratio = f"{ready / base:.2f}x" if base else "-"
        print(f"{name:30} {n:6d} {m:6d} {w:8.2f} {size / 1e6:8.2f} {ready:8.2f} {ratio:>12}")


if __name__ == "__main__":
    main()
