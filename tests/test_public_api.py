"""The package's public API: every name in __all__ resolves, and importing is cheap."""
from __future__ import annotations

import subprocess
import sys

import chipgraph


def test_public_api_every_exported_name_resolves():
    for name in chipgraph.__all__:
        assert getattr(chipgraph, name) is not None, name


def test_public_api_names_do_not_shadow_subpackages():
    import chipgraph.extract  # noqa: F401  (binds the subpackage on the package)

    for name in chipgraph.__all__:
        assert not hasattr(getattr(chipgraph, name), "__path__"), name


def test_public_api_import_loads_no_heavy_modules():
    code = "import sys, chipgraph; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyvis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_api_end_to_end(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Tencent, the Chinese company, bought thousands of Nvidia's H20 chips last year.\n", encoding="utf-8")
    (document,) = chipgraph.read_file(doc).documents
    ex = chipgraph.extract_document(document)
    assert {"Nvidia", "H20"} <= {e.name for e in ex.entities}
    with chipgraph.Store(tmp_path / "store") as store:
        report = chipgraph.ingest([doc], store)
        assert report.added == [str(doc)]
        rows = store.query(chipgraph.saved_query("chips_used").text).rows
    assert any(str(r["chipLabel"]) == "H20" for r in rows)
