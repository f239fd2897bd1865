"""Builders for the extraction tests, and the ``slow`` marker for timing-ratio tests
(``pytest -m "not slow"`` skips them)."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.extract.context import DocContext
from chipgraph.model import Document


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: timing-ratio tests (several seconds of CPU each)")


@pytest.fixture
def extracted():
    """``extracted(text)``: the extraction of one text."""
    return lambda text, key="test.txt": extract(Document(key, text))


@pytest.fixture
def context_after():
    """``context_after(text, *components)``: a fresh DocContext of ``text`` with the given
    components run and recorded, in order (to test one component alone)."""
    def run(text: str, *components, key: str = "test.txt") -> DocContext:
        ctx = DocContext.of(Document(key, text))
        for component in components:
            ctx.record(component(ctx))
        return ctx
    return run
