"""The entity graph as GraphML or GEXF (for Gephi, yEd, Cytoscape)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ChipgraphError
from .graph import Evidence

__all__ = ["graphml_safe", "serialize_graph", "write_graph", "GRAPH_FORMATS"]

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf")


# --- export -------------------------------------------------------------------------------

def _safe(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Evidence):
        return value._asdict()
    if isinstance(value, list | tuple | set):
        return [_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _safe(v) for k, v in value.items()}
    return str(value)


def _attr(value: Any) -> Any:
    """A GraphML/GEXF-safe attribute value: scalars as they are, the rest as JSON text."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(_safe(value), ensure_ascii=False, sort_keys=True)


def graphml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes GraphML and GEXF writers accept.

    Lists of strings become ``"; "``-joined text, other lists and mappings JSON text;
    ``None`` values are left out.
    """
    out = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        out.add_node(n, **{k: _attr(v) for k, v in a.items() if v is not None})
    for s, o, k, a in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=k, **{k2: _attr(v) for k2, v in a.items() if v is not None})
    return out


def serialize_graph(g: nx.MultiDiGraph, fmt: str = "graphml") -> bytes:
    """``g`` as GraphML or GEXF bytes (no timestamps: the same graph gives the same bytes)."""
    import io

    safe = graphml_safe(g)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(safe, buf, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        from networkx.readwrite.gexf import GEXFWriter

        writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        writer.add_graph(safe)
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)
        writer.write(buf)
    else:
        raise ChipgraphError(f"unknown graph format {fmt!r}; use graphml or gexf")
    return buf.getvalue()


def write_graph(g: nx.MultiDiGraph, path: str | Path, fmt: str = "graphml") -> Path:
    """Write ``g`` as GraphML or GEXF to ``path``."""
    data = serialize_graph(g, fmt)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
