"""The notebooks run top to bottom on a fresh kernel, and are committed without outputs."""
from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["01_sparql_tour.ipynb", "02_network_analysis.ipynb"]


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def run_notebook(path: Path, cwd: Path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.get("output_type") == "error"]
    assert errors == []
    return nb


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.timeout(300)
def test_notebooks_run_without_errors(name):
    nb = run_notebook(NOTEBOOKS / name, NOTEBOOKS)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "failed" in text  # the ingest report line was printed
    if name == NAMES[1]:
        html_outputs = [o for c in nb.cells for o in c.get("outputs", [])
                        if "text/html" in o.get("data", {}) and "<iframe srcdoc=" in o["data"]["text/html"]]
        assert len(html_outputs) == 1


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.timeout(300)
def test_notebooks_run_on_an_empty_graph(name, tmp_path):
    """Away from the repository there are no sample sources: the notebooks still run."""
    if any((p / "graph" / "sources").is_dir() for p in (tmp_path, *tmp_path.parents)):
        pytest.skip("a graph/sources folder lies above the temporary folder")
    nb = run_notebook(NOTEBOOKS / name, tmp_path)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "the graph is empty" in text


def _serve(path: str):
    """A real `chipgraph serve` on a free port of 127.0.0.1, read-only: (process, URL)."""
    import subprocess

    from helpers import serve_cli

    proc, port = serve_cli(path, stdout=subprocess.DEVNULL, wait=30)
    return proc, f"http://127.0.0.1:{port}"


@pytest.mark.timeout(300)
def test_notebook_opens_an_existing_store_folder_and_an_endpoint(tmp_path, monkeypatch):
    """The tour's last section, pointed at a store folder built beforehand (three documents)
    and at a `chipgraph serve` of another one, answers from them, with typed columns."""
    import signal
    import sys

    from chipgraph.serve import network_isolation_available
    from chipgraph.store import Store

    if sys.platform != "linux" or not network_isolation_available():
        pytest.skip("`chipgraph serve` needs Linux with unprivileged user namespaces")
    sys.path.insert(0, str(Path(__file__).parent))
    from helpers import populated

    folder, served = populated(tmp_path / "mine"), populated(tmp_path / "served")
    with Store(folder, read_only=True) as s:
        nvidia = len(s.query("SELECT ?m WHERE { ?m cg:mentionOf ent:nvidia ; cg:surfaceForm ?f }").rows)
    proc, url = _serve(served)
    try:
        monkeypatch.setenv("CHIPGRAPH_STORE", folder)
        monkeypatch.setenv("CHIPGRAPH_ENDPOINT", url)
        nb = run_notebook(NOTEBOOKS / NAMES[0], tmp_path)  # away from graph/sources: only these stores
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "store folder: 3 document(s)" in text
    assert "?user=DeepSeek is ent:deepseek (DeepSeek, Company)" in text
    assert f"endpoint: {nvidia} mention(s) of Nvidia" in text and nvidia > 0
    assert "published    datetime64" in text  # dates as dates, from the endpoint
    tables = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("H800" in t and "Article a.txt" in t for t in tables)  # chips_used from the folder
