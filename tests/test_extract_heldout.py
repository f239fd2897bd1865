"""The real scorer on the project's own held-out articles (tests/fixtures/heldout): topics the
dev corpus does not cover (Huawei/SMIC, H20 licences, the AI diffusion rule, HBM and Entity
List rules, Dutch and Japanese equipment controls, smuggling, bills, China's countermeasures).
Thresholds sit a little below what the extractor reaches, so a regression shows."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"


@pytest.fixture(scope="module")
def scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("chipgraph_score", shared_dir / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_extract_heldout_fixtures_are_complete():
    docs = sorted(HELDOUT.glob("*.txt"))
    assert len(docs) >= 8
    for txt in docs:
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        ids = {e["id"] for e in gold["entities"]}
        for r in gold["relations"]:
            assert {r["subject"], r["object"], *r.get("alt_objects", [])} <= ids, (txt.name, r)
        for q in gold["quotes"]:
            assert q["speaker"] in ids


@pytest.mark.shared
def test_extract_heldout_scores(scorer):
    totals = {k: scorer.Counts() for k in ("typed", "relations", "quotes")}
    dups = 0
    for txt in sorted(HELDOUT.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        pred = extract(Document(key=txt.name, text=txt.read_text(encoding="utf-8"))).to_json()
        pred = json.loads(json.dumps(pred))  # the CLI's JSON round trip
        ds = scorer.score_document(gold, pred, txt.name)
        for k in totals:
            totals[k].add(getattr(ds, k))
        dups += ds.duplicates
    assert totals["typed"].prf()[2] >= 0.92
    assert totals["relations"].prf()[2] >= 0.70
    assert totals["quotes"].prf()[2] >= 0.93
    assert dups <= 3
