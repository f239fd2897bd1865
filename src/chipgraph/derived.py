"""Reference graphs that chipgraph builds from its own shipped data, kept current in a store.

* ``graph/reference/catalogue``: the official measures (:mod:`chipgraph.catalogue`);
* ``graph/reference/chip-specs`` and ``graph/reference/chip-assessments``: chip
  specifications and their 3A090 assessments (:mod:`chipgraph.chipspecs`).

Each graph carries ``<graph> cg:contentHash "…"``, a fingerprint of the data files and code
version it was built from.  :func:`refresh_derived` rebuilds a graph only when its
fingerprint differs (a new store, or a new chipgraph).  ``ingest`` keeps the catalogue
current this way at the cost of one ASK (linked measures are catalogue IRIs, so their
official names and dates must be in the store); the chip graphs are written by
``chipgraph assess``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from rdflib import Graph, Literal

from . import __version__, ids
from .vocab import CG


@dataclass(frozen=True)
class Derived:
    source: str                       # the reference source name (its graph is ids.reference_graph)
    package: str                      # the subpackage whose data/ it is built from
    build: Callable[[], Graph]


def _catalogue() -> Graph:
    from .catalogue.rdf import catalogue_graph

    return catalogue_graph()


def _specs() -> Graph:
    from .chipspecs.graph import specs_graph

    return specs_graph()


def _assessments() -> Graph:
    from .chipspecs.graph import assessments_graph

    return assessments_graph()


DERIVED = (
    Derived("catalogue", "catalogue", _catalogue),
    Derived("chip-specs", "chipspecs", _specs),
    Derived("chip-assessments", "chipspecs", _assessments),
)

_CURRENT = "ASK { GRAPH ?g { ?g ?hashProperty ?hash } }"


def fingerprint(d: Derived) -> str:
    """A hash of the package version and every data file the graph is built from."""
    h = hashlib.sha256(f"{__version__}\0{d.source}\0".encode())
    folder = resources.files("chipgraph") / d.package / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            h.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return h.hexdigest()[:32]


def refresh_derived(store, only: tuple[str, ...] | None = None) -> list[str]:
    """Rebuild the derived graphs (all, or the sources in ``only``) whose fingerprint is not
    the current one; returns the sources rebuilt.  Works on embedded and remote stores."""
    rebuilt = []
    for d in DERIVED:
        if only is not None and d.source not in only:
            continue
        name = ids.reference_graph(d.source)
        stamp = Literal(fingerprint(d))
        current = store.query(_CURRENT, {"g": name, "hashProperty": CG.contentHash, "hash": stamp})
        if current.boolean:
            continue
        graph = d.build()
        graph.add((name, CG.contentHash, stamp))
        store.load_reference(d.source, graph)
        rebuilt.append(d.source)
    return rebuilt
