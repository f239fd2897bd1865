"""Shared fixtures.

Tests that need ``../shared`` (the dev corpus and reference data) use the ``shared_dir``
fixture: it skips with a reason when the folder is absent (a user's fresh clone) and fails
instead when ``CHIPGRAPH_REQUIRE_SHARED=1`` (CI).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import Opened

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHIPGRAPH_SHARED", REPO.parent / "shared"))


def require_shared(sub: str = "") -> Path:
    path = SHARED / sub
    if not path.exists():
        msg = f"{path} is absent: these tests need the shared dev corpus and reference data"
        if os.environ.get("CHIPGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(msg + " (CHIPGRAPH_REQUIRE_SHARED=1)")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    return require_shared("corpus/dev")


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return require_shared("reference")


# -- Chromium (Debian's package) driven by Playwright, for the browser tests ------------------
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CHIPGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (CHIPGRAPH_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is absent: install Debian's chromium package to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright; no browser download needed)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(path: Path, wait_ready: bool = True, *, fragment: str = "",
              viewport: dict | None = None) -> Opened:
        ctx = browser.new_context(viewport=viewport or {"width": 1400, "height": 850},
                                  java_script_enabled=True, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        o = Opened(page)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                o.requests.append(r.request.url)
                r.abort()
        ctx.route("**/*", route)
        page.on("console", lambda m: o.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: o.errors.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (o.dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri() + fragment)
        if wait_ready:
            page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=30000)
        return o

    yield _open
    for c in contexts:
        c.close()
