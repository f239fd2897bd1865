"""The extractor version changes with the extraction code and data."""
from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import chipgraph
from chipgraph.extract import extractor_version
from chipgraph.extract.version import content_hash

PACKAGE = Path(str(resources.files("chipgraph.extract")))


def test_version_names_package_version_and_content():
    v = extractor_version()
    assert v.startswith(chipgraph.__version__ + "+extract.") and v.endswith(content_hash())


def test_version_changes_with_data_and_code_and_not_otherwise(tmp_path):
    copy = tmp_path / "extract"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    same = content_hash(copy)
    assert same == content_hash(PACKAGE)
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert content_hash(copy) == same  # caches do not count
    lexicon = copy / "data" / "lexicon.json"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace('"analyst"', '"analyst", "quant"', 1),
                       encoding="utf-8")
    after_data = content_hash(copy)
    assert after_data != same
    (copy / "relations" / "develops.py").write_text("# changed\n", encoding="utf-8")
    assert content_hash(copy) not in (same, after_data)
