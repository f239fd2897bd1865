"""chipgraph: a knowledge graph of AI-chip policy with evidence for every fact."""
from __future__ import annotations

__version__ = "0.1.0"
