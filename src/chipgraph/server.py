"""Kept for imports of the old module: ``chipgraph serve`` lives in :mod:`chipgraph.serve`."""
from __future__ import annotations

from .serve import *  # noqa: F401,F403
from .serve import __all__  # noqa: F401
