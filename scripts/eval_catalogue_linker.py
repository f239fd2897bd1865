#!/usr/bin/env python3
"""How often the catalogue linker picks the gold ``official`` for the gold measures.

Usage: ``python scripts/eval_catalogue_linker.py [CORPUS_DIR ...] [-v]`` (default: the dev
corpora ``../shared/corpus/dev`` and ``dev2``).

For each gold ExportControl of each article, every place the text uses one of its names is a
mention; the linker gets the mention's phrase, its sentence, the article's date (from the
corpus's SOURCES.md) and, as the extractor would, the issuer, chips and targets of the gold
relations. The measure's answer is its most confident link. Scored like ``official_f1`` of
``../shared/eval/score.py``: a right official is a true positive; a wrong one, or one on a
measure whose gold has none, a false positive; a gold official not found, a false negative.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from chipgraph.catalogue import MeasureCues, link_measure, resolve_dates  # noqa: E402

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def article_dates(corpus: Path) -> dict[str, str]:
    """File name -> ISO date, read from the date column of the corpus's SOURCES.md."""
    out: dict[str, str] = {}
    sources = corpus / "SOURCES.md"
    if not sources.is_file():
        return out
    for line in sources.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().lstrip("- ").strip("|").split("|")]
        if len(cells) < 4 or not cells[0].endswith(".txt"):
            continue
        spans = [s for c in cells[3:] for s in resolve_dates(c)]
        if spans:
            best = min(spans, key=lambda s: (s.end - s.start).days)
            out[cells[0]] = (best.start if best.granularity == "day" else best.end).isoformat()
    return out


def mentions(text: str, forms: list[str]) -> list[tuple[str, str]]:
    """(phrase, sentence) for every use of a form in the text."""
    out = []
    for sent in _SENTENCE.findall(text):
        low = sent.lower()
        for f in sorted(set(forms), key=len, reverse=True):
            if f and f.lower() in low:
                out.append((f, sent.strip()))
                break
    return out


def evaluate(corpus: Path, verbose: bool = False) -> dict[str, int]:
    dates = article_dates(corpus)
    tp = fp = fn = 0
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        text = txt.read_text(encoding="utf-8")
        names = {e["id"]: e["name"] for e in gold["entities"]}
        for e in gold["entities"]:
            if e["type"] != "ExportControl":
                continue
            rel = [r for r in gold.get("relations", []) if r["subject"] == e["id"]]
            pick = lambda p: [names.get(r["object"], r["object"]) for r in rel if r["predicate"] == p]  # noqa: E731
            links = [link_measure(MeasureCues(phrase, sentence, dates.get(txt.name), issuer=pick("imposedBy"),
                                              chips=pick("restricts"), targets=pick("targets")))
                     for phrase, sentence in mentions(text, [e["name"], *e.get("aliases", [])])]
            links = [lk for lk in links if lk]
            got = max(links, key=lambda lk: lk.confidence).official if links else None
            want = e.get("official")
            if got and got == want:
                tp += 1
            else:
                fp += bool(got)
                fn += bool(want)
            if verbose and got != want:
                best = max(links, key=lambda lk: lk.confidence) if links else None
                print(f"  {txt.name} {e['id']}: gold {want}, linked {got}"
                      + (f" ({best.key}, {best.cue}: {best.evidence!r}, {best.confidence})" if best else ""))
    return {"tp": tp, "fp": fp, "fn": fn}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", default=[str(REPO.parent / "shared" / "corpus" / d) for d in ("dev", "dev2")])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    total = {"tp": 0, "fp": 0, "fn": 0}
    for c in args.corpora:
        r = evaluate(Path(c), args.verbose)
        for k in total:
            total[k] += r[k]
        print(f"{c}: {r}")
    tp, fp, fn = total["tp"], total["fp"], total["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print(f"official: precision {p:.2f} recall {rc:.2f} f1 {f1:.2f} ({tp} right, {fp} wrong or spurious, {fn} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
