"""HTML views of the chipgraph network: self-contained pages that work offline.

Data in (:class:`ViewGraph`, or a networkx graph via :func:`from_networkx`, and for the
site's text sections :class:`SiteFacts`), HTML out.  Nothing here reads RDF.
"""
from __future__ import annotations

from .graphdata import (
    EvidenceItem,
    ViewEdge,
    ViewGraph,
    ViewNode,
    OVERVIEW_CAP,
    cites,
    cites_by_document,
    documents_of,
    find_node,
    from_networkx,
    neighbourhood,
    overview,
    subgraph,
    top_n,
)
from .facts import ListingItem, OfficialMeasure, QuoteItem, SentenceItem, SiteFacts, Source
from .html import render_html, write_assets, write_html
from .sections import Section, SiteSections
from .site import write_site

__all__ = [
    "EvidenceItem", "ViewEdge", "ViewGraph", "ViewNode",
    "OVERVIEW_CAP", "cites", "cites_by_document", "documents_of", "find_node", "from_networkx",
    "neighbourhood", "overview", "subgraph", "top_n", "render_html", "write_assets", "write_html", "write_site",
    "ListingItem", "OfficialMeasure", "QuoteItem", "SentenceItem", "SiteFacts", "Source", "Section", "SiteSections",
]
