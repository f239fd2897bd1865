"""The real scorer (``../shared/eval/score.py``) on the dev corpus and the held-out sets.

Dev thresholds are issue #3's targets; dev2 (real articles) guards today's figures. The
held-out sets ``heldout``–``heldout3`` are invented wire articles, each set written and
annotated before the extractor's code was read, and since tuned on; ``heldout4`` to
``heldout7`` are real articles from stored news pages, annotated blind; after their first
scores were recorded their misses were studied for kinds of construction (never single
sentences). ``heldout8``'s relation misses were studied the same way, and ``heldout14`` and
``heldout15``'s since 2026-12-04; ``heldout9`` to ``heldout13`` and ``heldout16`` to ``heldout18`` are
blind and have not been tuned on.
All their thresholds guard against regressions; the first scores in README.md are the honest
estimate for unseen articles.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: corpus -> (typed entity F1, relation F1, quote F1, most duplicates)
THRESHOLDS = {
    "dev": (0.95, 0.85, 0.95, 0),
    "heldout": (0.95, 0.90, 0.95, 2),
    "heldout2": (0.96, 0.87, 0.95, 1),
    "heldout3": (0.93, 0.80, 0.95, 2),
    "dev2": (0.98, 0.85, 0.95, 1),
    "heldout4": (0.94, 0.83, 0.95, 2),
    "heldout5": (0.94, 0.77, 0.98, 1),
    "heldout6": (0.91, 0.84, 0.90, 2),
    "heldout7": (0.93, 0.77, 0.95, 2),
    "heldout8": (0.94, 0.74, 0.95, 4),
    "heldout9": (0.95, 0.72, 0.86, 2),
    "heldout10": (0.87, 0.77, 0.74, 1),
    "heldout11": (0.86, 0.43, 0.82, 3),
    "heldout12": (0.87, 0.62, 0.83, 6),  # a named act found twice since 25 (see the README)
    "heldout13": (0.88, 0.47, 0.83, 1),
    "heldout14": (0.91, 0.77, 0.93, 1),  # first score 0.795 / 0.333 / 0.909 at 9b79f1f; studied since 2026-12-04
    "heldout15": (0.92, 0.76, 0.91, 1),  # first score 0.843 / 0.479 / 0.800 at 2eca971; studied since 2026-12-04
    "heldout16": (0.87, 0.76, 0.90, 1),  # first score 0.884 / 0.756 / 0.923 at c4fa066
    "heldout17": (0.87, 0.70, 0.95, 2),  # first score 0.890 / 0.727 / 1.000 at 6eccfa1
    "heldout18": (0.88, 0.62, 0.50, 1),  # first score 0.906 / 0.653 / 0.545 at 6279a06
}


@pytest.fixture(scope="module")
def scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("chipgraph_score", shared_dir / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def corpus_dir(name: str, shared_dir: Path) -> Path:
    return shared_dir / "corpus" / name if name in ("dev", "dev2") else FIXTURES / name


def scored_articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".gold.json").exists())


@pytest.mark.parametrize("name", sorted(n for n in THRESHOLDS if n.startswith("heldout")))
def test_extract_heldout_gold_is_consistent(name):
    docs = scored_articles(FIXTURES / name)
    assert len(docs) >= 8
    for txt in docs:
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        ids = {e["id"] for e in gold["entities"]}
        for r in gold["relations"]:
            assert {r["subject"], r["object"], *r.get("alt_objects", [])} <= ids, (txt.name, r)
        for q in gold["quotes"]:
            assert q["speaker"] in ids and set(q.get("alt_speakers", [])) <= ids


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_extract_scores(name, scorer, shared_dir):
    totals = {k: scorer.Counts() for k in ("typed", "relations", "quotes")}
    dups = 0
    for txt in scored_articles(corpus_dir(name, shared_dir)):
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        pred = extract(Document(key=txt.name, text=txt.read_text(encoding="utf-8"))).to_json()
        pred = json.loads(json.dumps(pred))  # the CLI's JSON round trip
        ds = scorer.score_document(gold, pred, txt.name)
        for k in totals:
            totals[k].add(getattr(ds, k))
        dups += ds.duplicates
    typed, relations, quotes, most_dups = THRESHOLDS[name]
    f1 = {k: round(c.prf()[2], 3) for k, c in totals.items()}
    assert f1["typed"] >= typed, f1
    assert f1["relations"] >= relations, f1
    assert f1["quotes"] >= quotes, f1
    assert dups <= most_dups
