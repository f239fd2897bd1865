"""``python -m chipgraph.extract FILE`` prints the JSON contract; the public API is small."""
from __future__ import annotations

import json
import subprocess
import sys

import chipgraph.extract as ex


def test_extract_exports():
    assert set(ex.__all__) == {"extract", "split_sentences", "extractor_version", "PIPELINE", "DocContext"}
    assert all(getattr(ex, name) is not None for name in ex.__all__)


def test_extract_cli_prints_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Nvidia said the US government banned exports of the H100 to China.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "chipgraph.extract", str(f)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["document"]["key"] == "a.txt"
    assert {e["name"] for e in data["entities"]} >= {"Nvidia", "US government", "H100", "China"}
