"""The query page (``GET /``) and its static files (``GET /assets/NAME``).

The page is :mod:`chipgraph.querypage` (YASGUI, bundled offline): the saved questions as
examples with inputs for their parameters, chipgraph's prefixes, and this server's limits.
"""
from __future__ import annotations

from ..querypage import ASSETS, asset, page_prefixes, render_query_page
from .config import ServeConfig

ASSETS_PATH = "/assets/"


def query_page(config: ServeConfig) -> str:
    """The query page's HTML for this server (rendered once, at start-up)."""
    from ..query import saved_queries

    mode = "updates allowed with a token" if config.allow_update else "read-only"
    return render_query_page(saved=saved_queries(), prefixes=page_prefixes(), mode=mode,
                             limit=config.result_limit, timeout=config.timeout,
                             assets_url=ASSETS_PATH, endpoint="/query")


def page_asset(path: str) -> tuple[bytes, str] | None:
    """The asset at a request path under ``/assets/``, or None: names come from a fixed list,
    never from the file system."""
    name = path[len(ASSETS_PATH):]
    return asset(name) if path.startswith(ASSETS_PATH) and name in ASSETS else None
