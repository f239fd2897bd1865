"""chipgraph's internal SPARQL, one ``.rq`` file per query, run with bindings."""
from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def internal_query(name: str) -> str:
    """The text of ``sparql/<name>.rq`` (its ``#`` header lines included)."""
    return files(__package__).joinpath(f"{name}.rq").read_text(encoding="utf-8")


__all__ = ["internal_query"]
