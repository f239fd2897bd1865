"""The same reads in a small and a large store: does a read cost more when the store is bigger?

    nice python bench/store_read_cost.py /tmp/chipgraph-scale/store-2000 /tmp/chipgraph-scale/store-10000

The stores are the ones ``bench/scale_views.py`` builds.  For each store, the script takes the
same number of document graphs (``--graphs``, after skipping the first ``--skip`` in the store's
own order), and runs per-document queries on each of them: the mention pairs of the document,
its mentions with their sentences, and a plain pattern.  The work is the same in both stores
(about the same rows), so a ratio well above 1 is the store's own per-read cost growing with its
size, not a query that grows faster than its output.  Each query set runs twice; the second run
shows whether a warm cache helps.  User and system CPU come from ``getrusage``.
"""
from __future__ import annotations

import argparse
import resource
from pathlib import Path

import pyoxigraph as ox

from chipgraph.terms import sparql_prefixes

# one document graph at a time: ?g is bound by substitution (Oxigraph wants it projected)
QUERIES = {
    "mention pairs": "SELECT ?g ?d ?a ?b WHERE { GRAPH ?g { ?d cg:mentions ?a , ?b } FILTER(?a != ?b) }",
    "mentions and sentences": "SELECT ?g ?m ?e ?s WHERE { GRAPH ?g { ?m cg:mentionOf ?e ; cg:sentence ?s } }",
    "one pattern": "SELECT ?g ?m ?e WHERE { GRAPH ?g { ?m cg:mentionOf ?e } }",
}


def document_graphs(store: ox.Store, skip: int, n: int) -> list[ox.NamedNode]:
    rows = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d cg:mentions ?a }} }} LIMIT {skip + n:d}",
                       prefixes=sparql_prefixes())
    return [r[0] for r in rows][skip:]


def measure(path: Path, skip: int, n: int) -> dict[str, list[tuple[int, float, float]]]:
    store = ox.Store.read_only(str(path))
    graphs = document_graphs(store, skip, n)
    out: dict[str, list[tuple[int, float, float]]] = {}
    for name, template in QUERIES.items():
        runs = []
        for _ in range(2):
            before = resource.getrusage(resource.RUSAGE_SELF)
            rows = sum(len(list(store.query(template, prefixes=sparql_prefixes(),
                                            substitutions={ox.Variable("g"): g})))
                       for g in graphs)
            after = resource.getrusage(resource.RUSAGE_SELF)
            runs.append((rows, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
        out[name] = runs
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("small", type=Path)
    ap.add_argument("large", type=Path)
    ap.add_argument("--graphs", type=int, default=300, help="document graphs read in each store")
    ap.add_argument("--skip", type=int, default=100)
    args = ap.parse_args()
    small = measure(args.small, args.skip, args.graphs)
    large = measure(args.large, args.skip, args.graphs)
    print(f"{'query (same documents)':26s} {'rows':>15s} {'CPU small':>10s} {'CPU large':>10s} "
          f"{'ratio':>6s}  (user+sys s, warm run; sys large)")
    for name in QUERIES:
        (rs, us, ss), (rl, ul, sl) = small[name][1], large[name][1]
        print(f"{name:26s} {rs:>7d} {rl:>7d} {us + ss:10.3f} {ul + sl:10.3f} "
              f"{(ul + sl) / max(us + ss, 1e-9):5.1f}x  {sl:.3f}")


if __name__ == "__main__":
    main()
