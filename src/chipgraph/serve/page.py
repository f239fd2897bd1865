"""The query page (``GET /``): ``page.html`` filled in with the saved questions, the limits and
the prefixes the CLI declares (:data:`chipgraph.rdf.PREFIXES`, as ``chipgraph query`` does)."""
from __future__ import annotations

import html
import json
import re
from importlib import resources

from .config import ServeConfig


def _script_json(value) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def query_page(config: ServeConfig) -> str:
    """A self-contained HTML page to run SPARQL (no CDN, no external files)."""
    from ..query import saved_queries
    from ..rdf import PREFIXES

    saved = [{"name": q.name, "title": q.title, "text": q.text} for q in saved_queries()]
    mode = "updates allowed with a token" if config.allow_update else "read-only"
    fill = {
        "{{SAVED}}": _script_json(saved),
        "{{PREFIXES}}": _script_json(dict(PREFIXES)),
        "{{PREFIX_NAMES}}": html.escape(", ".join(p + ":" for p in PREFIXES)),
        "{{MODE}}": html.escape(mode),
        "{{LIMIT}}": f"{config.result_limit:,}",
        "{{TIMEOUT}}": f"{config.timeout:g}",
    }
    page = (resources.files(__package__) / "page.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: fill[m.group(0)], page)  # one pass
