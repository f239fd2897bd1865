"""Larger corpora from the sample articles: copies with distinct names and a distinct last
sentence, for the linear-growth test and ``bench/scale_views.py``."""
from __future__ import annotations

import json
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "graph" / "sources"


def write_copies(out_dir: Path, n_docs: int, sources: Path = SOURCES) -> list[Path]:
    """Write ``n_docs`` articles into ``out_dir``: the sample articles in turn, each copy with
    its own file name, title and closing sentence (so each is a distinct document)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = sorted(sources.glob("*.txt"))
    written = []
    for i in range(n_docs):
        src = texts[i % len(texts)]
        copy = i // len(texts)
        name = f"c{copy:05d}_{src.stem}"
        body = src.read_text(encoding="utf-8").rstrip()
        body += f"\n\nThis archive copy carries the serial number {i + 1} of the batch.\n"
        (out_dir / f"{name}.txt").write_text(body, encoding="utf-8")
        meta_src = src.with_suffix(".meta.json")
        meta = json.loads(meta_src.read_text(encoding="utf-8")) if meta_src.exists() else {}
        if meta.get("title"):
            meta["title"] = f"{meta['title']} (copy {copy + 1})"
        if meta.get("url"):
            meta["url"] = f"{meta['url']}#copy-{i + 1}"
        (out_dir / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        written.append(out_dir / f"{name}.txt")
    return written
