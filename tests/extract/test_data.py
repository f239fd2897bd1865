"""Every data file says what it is for, and every key of it is read by the code."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

PACKAGE = Path(str(resources.files("chipgraph.extract")))
DATA = sorted((PACKAGE / "data").iterdir())
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
# ontology.json is read by chipgraph.vocab as well
SOURCE += (PACKAGE.parent / "vocab.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_data_file_says_what_it_is_for(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        assert len(json.loads(text).get("$comment", "")) > 30
    else:
        assert text.startswith("#")


@pytest.mark.parametrize("path", [p for p in DATA if p.suffix == ".json"], ids=lambda p: p.name)
def test_data_file_has_no_unused_key(path):
    # "$comment" says what the file is for; "sources" credits derived data (scripts/build_reference.py)
    keys = [k for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("$") and k != "sources"]
    unused = [k for k in keys if not re.search(rf"""["']{re.escape(k)}["']""", SOURCE)]
    assert unused == []


def test_data_code_names_no_entity():
    """Canonical names of the gazetteer do not appear as string literals in the code."""
    names = set()
    for line in (PACKAGE / "data" / "entities.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            names.add(line.split("\t")[1])
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    literals = set(re.findall(r"""(?<![\w])["']([A-Z][\w .&'-]+)["']""", code))
    assert sorted(names & literals) == []
