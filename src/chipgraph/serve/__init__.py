"""``chipgraph serve``: the store over the SPARQL 1.1 Protocol, behind a guard.

    client ──HTTP──▶ guard (host:port, loopback by default)            handler.py, guards.py
                       │  Host / Origin / size / token checks, whole-request deadline
                       │  answers re-serialised in the type asked for          answers.py
                       ▼  socket pair (no port: nothing else can reach it)
                     executors: pyoxigraph on the store, in a process       executor.py
                     with no network (SERVICE and LOAD cannot fetch)          worker.py

A query past ``--timeout`` gets ``503`` and its executor is killed (the query stops) and
replaced; more rows than ``--result-limit`` gets ``422``.  ``GET /`` is the query page
(:mod:`chipgraph.querypage`, YASGUI).  See ``docs/serve.md``.
"""
from __future__ import annotations

from .child import OxigraphServer, free_port, oxigraph_binary
from .config import ServeConfig
from .executor import Deadline, network_isolation_available
from .guards import Refusal
from .page import query_page
from .service import Service, SparqlProxy

__all__ = ["Service", "SparqlProxy", "ServeConfig", "OxigraphServer", "oxigraph_binary", "free_port",
           "query_page", "Refusal", "Deadline", "network_isolation_available"]
