"""The linker on the dev corpora: the gold `official` of the gold measures, and no wrong merges."""
from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import REPO, require_shared


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_catalogue_linker", REPO / "scripts" / "eval_catalogue_linker.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpora() -> list[Path]:
    return [require_shared("corpus/dev"), require_shared("corpus/dev2")]


def test_dev_official_f1(corpora):
    ev = _eval_module()
    tp = fp = fn = 0
    for c in corpora:
        r = ev.evaluate(c)
        tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)


def test_dev_no_wrong_merges(corpora):
    """Two documents' measures that link to one catalogue measure are the same official measure."""
    ev = _eval_module()
    from chipgraph.catalogue import MeasureCues, link_measure

    linked = defaultdict(set)  # catalogue key -> {(document, gold official)}
    for corpus in corpora:
        dates = ev.article_dates(corpus)
        for gold_path in sorted(corpus.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            text = txt.read_text(encoding="utf-8")
            for e in gold["entities"]:
                if e["type"] != "ExportControl":
                    continue
                for phrase, sentence in ev.mentions(text, [e["name"], *e.get("aliases", [])]):
                    got = link_measure(MeasureCues(phrase, sentence, dates.get(txt.name)))
                    if got:
                        linked[got.key].add((txt.name, e["id"], e.get("official")))
    shared = {k: v for k, v in linked.items() if len({d for d, _, _ in v}) > 1}
    assert shared, "expected some measures to be named by several documents"
    for key, uses in shared.items():
        officials = {o for _, _, o in uses if o}
        assert len(officials) <= 1, (key, uses)
