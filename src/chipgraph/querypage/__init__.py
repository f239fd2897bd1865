"""The researchers' query page: YASGUI's editor (YASQE) and result views (YASR), offline.

``render_query_page`` writes the HTML (a Jinja2 template, autoescaped; the data the scripts
need is embedded as JSON with ``<`` escaped). The page loads its scripts and styles from
``assets_url`` on the same origin: ``asset(name)`` gives each file's bytes and content type,
``ASSETS`` lists their names. ``yasgui.min.js`` and ``yasgui.min.css`` are vendored from the
``@zazuko/yasgui`` npm package by ``scripts/vendor_yasgui.sh`` (MIT, see
``LICENSE.yasgui.txt``).

The server plugs it in with two routes: ``GET /`` answers ``render_query_page(...)`` and
``GET /assets/<name>`` answers ``asset(name)`` (``docs/query-page.md``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

from ..errors import NotFoundError
from ..query import SavedQuery

_CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
ASSETS: tuple[str, ...] = ("yasgui.min.js", "yasgui.min.css", "querypage.js", "querypage.css",
                           "LICENSE.yasgui.txt")


def page_prefixes() -> dict[str, str]:
    """The prefixes the page lists and declares: :func:`chipgraph.terms.sparql_prefixes`,
    the one set the store, ``/query`` and the CLI accept too."""
    from ..terms import sparql_prefixes

    return sparql_prefixes()


def asset(name: str) -> tuple[bytes, str]:
    """A static file of the page: its bytes and its ``Content-Type``."""
    if name not in ASSETS:
        raise NotFoundError(f"no query page asset named {name!r}", list(ASSETS))
    data = (resources.files(__package__) / "assets" / name).read_bytes()
    return data, _CONTENT_TYPES[name[name.rfind("."):]]


@cache
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader(__package__, "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True)
    return env.get_template("page.html")


def _script_json(value: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<`` (so no ``</script>``),
    and no U+2028/U+2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_query_page(*, saved: Iterable[SavedQuery], prefixes: Mapping[str, str], mode: str,
                      limit: int, timeout: float, assets_url: str = "assets/",
                      endpoint: str = "query") -> str:
    """The query page's HTML.

    ``saved`` are the examples (``chipgraph.query.saved_queries()``), ``prefixes`` the ones
    the page lists and declares (``page_prefixes()``: the server must accept the same),
    ``mode`` a short note such as "read-only", ``limit`` and ``timeout`` the server's row
    limit and time limit, ``assets_url`` where ``asset()`` files are served (ending in ``/``),
    ``endpoint`` the SPARQL endpoint the page posts to.
    """
    if not assets_url.endswith("/"):
        assets_url += "/"
    examples = [{"name": q.name, "title": q.title, "description": q.description,
                 "params": [{"name": p, "about": about, "required": about.startswith("required")}
                            for p, about in q.params],
                 "text": q.text} for q in saved]
    config = {"examples": examples, "prefixes": dict(sorted(prefixes.items())),
              "endpoint": endpoint}
    return _template().render(config_json=_script_json(config),
                              prefixes=sorted(prefixes.items()), mode=mode,
                              limit=f"{limit:,}", timeout=f"{timeout:g}", assets=assets_url)


__all__ = ["ASSETS", "asset", "page_prefixes", "render_query_page"]
