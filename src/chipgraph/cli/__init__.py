"""chipgraph's command line: thin typer commands over the library API.

Errors from the library are mapped to exit codes here, at the edge:
0 success, 1 a command failed or some inputs were bad, 2 usage error (typer).
"""
from __future__ import annotations

from .app import app
from . import serve  # noqa: F401
from . import analyze  # noqa: F401
from . import views  # noqa: F401
from . import classify  # noqa: F401


def main() -> None:
    app()


__all__ = ["app", "main"]
