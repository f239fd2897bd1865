"""Crash recovery: ``kill -9`` of a real ingest at random points (issue 15, items 6-7).

Each trial starts from a store holding older versions of some articles, kills an ingest
that replaces them and adds the rest, then checks that a reader finds every document graph
whole (its old or its new version), that ``validate`` passes (no entity without its label),
and that a re-ingest gives an export identical to a clean run.
"""
from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from chipgraph.pipeline import ingest
from chipgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "graph" / "sources"
CLI = [str(Path(sys.executable).with_name("chipgraph"))]


def _cli(store: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "--store", str(store), *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO, **kw)


def _by_graph(nquads: bytes) -> dict[bytes, set[bytes]]:
    out: dict[bytes, set[bytes]] = defaultdict(set)
    for line in nquads.splitlines():
        out[line.rsplit(b" ", 2)[-2]].add(line)
    return out


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    # Keys are paths relative to the current folder: the older versions sit at the same
    # relative path (graph/sources/…) under ``base`` as the articles under the repository.
    old_sources = base / "graph" / "sources"
    shutil.copytree(SOURCES, old_sources)
    texts = sorted(p for p in old_sources.iterdir() if p.suffix in (".txt", ".md"))[:3]
    for p in texts:  # an older version of three articles: the killed run replaces them
        p.write_text(p.read_text(encoding="utf-8") + "\n\nA closing line that a later version drops.\n",
                     encoding="utf-8")
    for p in sorted(old_sources.iterdir())[6:]:
        if p.is_file() and not p.name.endswith(".meta.json") and p not in texts:
            p.unlink()
    start = base / "start"
    with contextlib.chdir(base):
        with Store(start) as s:
            assert ingest([old_sources], s).ok
        old = Store(None)
        ingest([old_sources], old)
    clean = Store(None)
    with contextlib.chdir(REPO):
        ingest([SOURCES], clean)
    return start, old.nquads(), clean.nquads(), base


def _trial(setup, rng: random.Random, n: int) -> str:
    start, old, clean, base = setup
    store = base / f"trial-{n}"
    shutil.copytree(start, store)
    began = time.monotonic()
    proc = subprocess.Popen([*CLI, "--store", str(store), "ingest", str(SOURCES), "--jobs", "1",
                             "--batch", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    time.sleep(rng.uniform(0.5, setup_duration(setup)))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    when = f"trial {n}: killed after {time.monotonic() - began:.2f} s"
    # A reader opening the store finishes an interrupted write and sees whole documents.
    with Store(store, read_only=True) as reader:
        seen = _by_graph(reader.nquads())
    versions = (_by_graph(old), _by_graph(clean))
    for graph, lines in seen.items():
        if b"/graph/doc/" in graph:
            assert any(lines == v.get(graph) for v in versions), f"{when}: half-written {graph!r}"
    v = _cli(store, "validate")
    assert v.returncode == 0, f"{when}: {v.stdout[-2000:]}{v.stderr[-2000:]}"
    r = _cli(store, "ingest", str(SOURCES), "--jobs", "1")
    assert r.returncode == 0, f"{when}: {r.stderr}"
    with Store(store, read_only=True) as s:
        assert s.nquads() == clean, f"{when}: re-ingest differs from a clean run"
    shutil.rmtree(store)
    return when


_DURATION: dict[str, float] = {}


def setup_duration(setup) -> float:
    """How long an uninterrupted run of the trial's ingest takes here (measured once)."""
    if "t" not in _DURATION:
        start, _, _, base = setup
        store = base / "timing"
        shutil.copytree(start, store)
        began = time.monotonic()
        assert _cli(store, "ingest", str(SOURCES), "--jobs", "1", "--batch", "1").returncode == 0
        _DURATION["t"] = time.monotonic() - began
        shutil.rmtree(store)
    return _DURATION["t"]


def test_crash_one_kill_is_repaired(setup):
    _trial(setup, random.Random(7), 0)


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_crash_twenty_random_kills_are_repaired(setup):
    rng = random.Random(20260)
    for n in range(1, 21):
        print(_trial(setup, rng, n), flush=True)
