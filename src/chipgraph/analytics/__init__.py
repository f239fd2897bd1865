"""Store -> networkx graph -> metrics as plain values.

* :mod:`.graph`: :func:`build_graph` reads the store (linear queries) into a
  ``networkx.MultiDiGraph`` of entities and relations, with evidence as attributes;
* :mod:`.metrics`: centrality, connections, communities and co-occurrence;
* :mod:`.export`: GraphML and GEXF.
"""
from __future__ import annotations

from .export import GRAPH_FORMATS, graphml_safe, serialize_graph, write_graph
from .graph import Evidence, build_graph, find_entity, undirected
from .metrics import (
    CENTRALITY_MEASURES,
    Community,
    Connection,
    Cooccurrence,
    Hop,
    Ranked,
    communities,
    community_subgraph,
    connection_subgraph,
    connections,
    cooccurrence,
    centrality,
    shortest_connection,
)

__all__ = [
    "Evidence", "build_graph", "find_entity", "undirected",
    "Ranked", "centrality", "CENTRALITY_MEASURES",
    "Hop", "Connection", "connections", "shortest_connection", "connection_subgraph",
    "Community", "communities", "community_subgraph",
    "Cooccurrence", "cooccurrence",
    "graphml_safe", "serialize_graph", "write_graph", "GRAPH_FORMATS",
]
