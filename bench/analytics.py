"""Benchmark: the analytics graph built from the store's SPARQL results vs rdflib's
``rdflib_to_networkx_multidigraph`` on the same synthetic store.

    .venv/bin/python bench/analytics.py [--docs 200] [--entities 600] [--seed 7]

Prints time and peak Python-heap memory (tracemalloc: Oxigraph's own Rust allocations are not
counted) of both, and their ratios.  The baseline
is measured twice: from an rdflib graph already in memory (conversion only), and including
the export of the store into that rdflib graph (what a user of the store would pay).
"""
from __future__ import annotations

import sys
from pathlib import Path


import argparse  # noqa: E402
import gc  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from chipgraph.analytics import build_graph  # noqa: E402
from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Relation, Sentence  # noqa: E402
from chipgraph.store import Store  # noqa: E402

# (subject class, predicate, object class) triples the ontology allows
SHAPES = [
    ("Person", "affiliatedWith", "Company"), ("Company", "manufactures", "Chip"),
    ("Company", "develops", "AIModel"), ("Company", "usesChip", "Chip"),
    ("ExportControl", "imposedBy", "GovernmentBody"), ("ExportControl", "restricts", "Chip"),
    ("ExportControl", "targets", "Country"), ("Company", "basedIn", "Country"),
]
CLASSES = sorted({c for s, _, o in SHAPES for c in (s, o)})


def synthetic(n_docs: int, n_entities: int, seed: int) -> list[Extraction]:
    rng = random.Random(seed)
    pool = {c: [f"{c.lower()}-{i}" for i in range(n_entities // len(CLASSES))] for c in CLASSES}
    docs = []
    for d in range(n_docs):
        sents, ents, rels, text = [], {}, [], ""
        for i in range(15):
            s_cls, pred, o_cls = rng.choice(SHAPES)
            s, o = rng.choice(pool[s_cls]), rng.choice(pool[o_cls])
            line = f"{s} {pred} {o} in document {d}."
            start = len(text)
            sents.append(Sentence(i, start, start + len(line), line))
            text += line + " "
            for key, cls, off in ((s, s_cls, 0), (o, o_cls, line.index(o, len(s)))):
                e = ents.setdefault(key, Entity(key, key.replace("-", " ").title(), cls))
                e.mentions.append(Mention(start + off, start + off + len(key), key, i))
            rels.append(Relation(s, pred, o, [Evidence(i, start, start + len(line))], 0.8,
                                 role="analyst" if pred == "affiliatedWith" else None))
        doc = Document(key=f"doc-{d}", text=text.strip(), title=f"Document {d}",
                       url=f"https://example.org/{d}", published=f"2024-{1 + d % 12:02d}-01",
                       publisher="Bench Wire")
        docs.append(Extraction(doc, sents, list(ents.values()), rels, []))
    return docs


def measure(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
    """Best wall time (s) over ``repeat`` runs and peak traced memory (MB) of one run."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    gc.collect()
    tracemalloc.start()
    result = fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return best, peak, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--entities", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    store = Store(None)
    for ex in synthetic(args.docs, args.entities, args.seed):
        store.add_extraction(ex, extractor_version="bench")
    print(f"store: {args.docs} documents, {len(store):,} quads")

    ours_t, ours_m, g = measure(lambda: build_graph(store), args.repeat)
    rdf = store.union_graph()
    conv_t, conv_m, h = measure(lambda: rdflib_to_networkx_multidigraph(rdf), args.repeat)
    full_t, full_m, _ = measure(lambda: rdflib_to_networkx_multidigraph(store.union_graph()),
                                args.repeat)

    print(f"{'':38} {'time s':>8} {'peak MB':>8} {'nodes':>8} {'edges':>8}")
    print(f"{'build_graph(store)':38} {ours_t:8.3f} {ours_m:8.1f} {g.number_of_nodes():8,} {g.number_of_edges():8,}")
    print(f"{'rdflib_to_networkx (graph in memory)':38} {conv_t:8.3f} {conv_m:8.1f} {h.number_of_nodes():8,} {h.number_of_edges():8,}")
    print(f"{'store -> rdflib -> networkx':38} {full_t:8.3f} {full_m:8.1f}")
    print(f"ratio time   (ours / conversion only): {ours_t / conv_t:.2f}x; "
          f"(ours / store -> rdflib -> networkx): {ours_t / full_t:.2f}x")
    print(f"ratio memory (ours / conversion only): {ours_m / conv_m:.2f}x; "
          f"(ours / store -> rdflib -> networkx): {ours_m / full_m:.2f}x")
    print("note: the rdflib graph has a node per IRI and literal (documents, sentences, "
          "assertions, labels); ours has one per entity, with evidence as attributes.")


if __name__ == "__main__":
    main()
