"""The real scorer on the shared dev corpus: Milestone A thresholds at least."""
from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


@pytest.fixture(scope="module")
def scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("chipgraph_score", shared_dir / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
def test_extract_dev_corpus_scores(dev_corpus, scorer):
    totals = {k: scorer.Counts() for k in ("typed", "relations", "quotes")}
    dups = 0
    for txt in sorted(dev_corpus.glob("*.txt")):
        gold_path = txt.with_suffix(".gold.json")
        if not gold_path.exists():
            continue
        pred = extract(Document(key=txt.name, text=txt.read_text(encoding="utf-8"))).to_json()
        pred = json.loads(json.dumps(pred))  # the CLI's JSON round trip
        ds = scorer.score_document(json.loads(gold_path.read_text(encoding="utf-8")), pred, txt.name)
        for k in totals:
            totals[k].add(getattr(ds, k))
        dups += ds.duplicates
    assert totals["typed"].prf()[2] >= 0.90
    assert totals["relations"].prf()[2] >= 0.80
    assert totals["quotes"].prf()[2] >= 0.85
    assert dups == 0
