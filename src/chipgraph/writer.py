"""The write algorithm (add, replace, remove, entity-layer refresh), written once.

:class:`~chipgraph.store.Store` (embedded Oxigraph) and
:class:`~chipgraph.remote.RemoteStore` (a SPARQL endpoint) implement the small
:class:`Backend` interface; this module decides *what* to write, they decide *how* to make
it durable (see their docstrings for crash safety).  A batch of documents becomes one
:class:`Change`: the document graphs to write or drop, the new facts of every subject the
batch touches in the entities graph, and the ledger entries that keep those facts exact
(:mod:`chipgraph.ledger`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal as Lit, Protocol

import pyoxigraph as ox

from . import ids, ledger
from .errors import StoreError
from .model import Extraction
from .rdf import content_hash, document_rdf

#: "repaired": the same text and extractor, but an earlier write of it was interrupted
#: (its entity layer was not updated), so it was written again
Outcome = Lit["added", "replaced", "unchanged", "repaired"]


@dataclass
class Change:
    """Everything one batch writes (IRIs as strings)."""

    graphs: dict[str, list[ox.Quad]] = field(default_factory=dict)  # graph -> its new quads
    #: document graph -> its new quads as N-Quads (:attr:`PreparedDocument.nquads`)
    documents: dict[str, bytes] = field(default_factory=dict)
    replacing: set[str] = field(default_factory=set)  # graphs in ``graphs``/``documents`` that exist now
    drop: set[str] = field(default_factory=set)  # graphs to remove
    facts: dict[str, list[tuple]] = field(default_factory=dict)  # subject -> (p, o) in entities graph
    ledger: dict[str, str | None] = field(default_factory=dict)  # ledger node -> value (None: delete)

    def __bool__(self) -> bool:
        return bool(self.graphs or self.documents or self.drop or self.facts or self.ledger)

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        """The new quads of ``graph``, from ``graphs`` or parsed from ``documents``."""
        if graph in self.documents:
            return list(ox.parse(self.documents[graph], format=ox.RdfFormat.N_QUADS))
        return list(self.graphs.get(graph, ()))


@dataclass(frozen=True)
class PreparedDocument:
    """One document's RDF, ready to write: what :func:`plan_add` needs from an extraction.

    Building it (:func:`prepare`) is most of the write path's Python work, and it needs
    nothing from the store, so ``ingest --jobs N`` builds it in the worker that extracted
    the document; the writer then only plans the entity layer and hands the bytes to the
    store.  Plain data: it pickles cheaply (one ``bytes`` for the graph).
    """

    key: str
    state: tuple[str, str]  # (content hash, extractor version)
    nquads: bytes  # the document graph's quads, N-Quads (as Oxigraph writes them)
    statements: list[ledger.Key]  # its entity statements (:func:`chipgraph.ledger.statement_keys`)


def prepare(ex: Extraction, *, extractor_version: str) -> PreparedDocument:
    """The :class:`PreparedDocument` of one extraction."""
    rdf = document_rdf(ex, extractor_version=extractor_version)
    return PreparedDocument(
        ex.document.key, (content_hash(ex.document.text), extractor_version),
        ox.serialize(rdf.quads(), format=ox.RdfFormat.N_QUADS),
        ledger.statement_keys(rdf.statements))


class Backend(Protocol):
    def document_states(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(content hash, extractor version) of the stored documents among ``keys``."""

    def ledger_values(self, nodes: Sequence[str]) -> dict[str, str]:
        """The ledger's value of each node that has one."""

    def apply(self, change: Change) -> None:
        """Write ``change`` durably (each backend says how it survives a crash)."""


def entity_changes(backend: Backend, change: Change, delta: Counter) -> None:
    """Add to ``change`` the entity-layer update that ``delta`` makes.

    ``delta`` counts, for each entity statement ``(subject, predicate, encoded object)``,
    how many more (positive) or fewer (negative) documents now make it; zero counts are
    ignored.  Every subject it names gets its new support counts in the ledger and its
    resolved facts (:func:`chipgraph.ledger.resolved_facts`) in the entities graph; a
    subject whose counts do not change is left alone.  One ledger read for the whole batch.
    """
    by_subject: dict[str, list[tuple[str, tuple, int]]] = defaultdict(list)
    for (s, p, o), n in delta.items():
        if n:
            by_subject[s].append((p, o, n))
    if not by_subject:
        return
    nodes = {s: ledger.support_iri(s) for s in by_subject}
    have = backend.ledger_values(sorted(nodes.values()))
    for s in sorted(by_subject):
        counts = ledger.read_support(have.get(nodes[s]))
        before = dict(counts)
        for p, o, n in by_subject[s]:
            counts[(p, o)] += n
        counts = Counter({k: v for k, v in counts.items() if v > 0})
        if dict(counts) == before and nodes[s] in have:
            continue
        change.facts[s] = ledger.resolved_facts(counts)
        change.ledger[nodes[s]] = ledger.support_entry(s, counts)


def plan_add(backend: Backend, extractions: Sequence[Extraction], *,
             extractor_version: str,
             prepared: Sequence[PreparedDocument | None] | None = None) -> tuple[Change, list[Outcome]]:
    """The change that writes ``extractions`` (distinct keys), and each one's outcome.

    ``prepared``, when given, holds each extraction's :func:`prepare` (or None) in the same
    order, built elsewhere (a worker process); one that does not match its extraction's key
    and state is built again here."""
    keys = [ex.document.key for ex in extractions]
    if len(set(keys)) != len(keys):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise StoreError(f"document key {dup!r} appears twice in one batch")
    if prepared is not None and len(prepared) != len(extractions):
        raise StoreError("plan_add: one prepared document (or None) per extraction")
    states = backend.document_states(keys)
    graphs = [str(ids.document_graph(k)) for k in keys]
    entries = backend.ledger_values(graphs)
    change, outcomes, delta = Change(), [], Counter()
    for i, (ex, key, graph) in enumerate(zip(extractions, keys, graphs)):
        ready = prepared[i] if prepared is not None else None
        if ready is not None and ready.key == key and ready.state[1] == extractor_version:
            state = ready.state
        else:
            ready, state = None, (content_hash(ex.document.text), extractor_version)
        applied, old = ledger.read_contribution(entries.get(graph))
        stored = states.get(key)
        if stored == state and applied == state:
            outcomes.append("unchanged")
            continue
        # A stored document whose ledger entry is older (an interrupted remote write, or a
        # store from before the entity layer) is written again and its entities re-counted.
        outcomes.append("repaired" if stored == state else "replaced" if stored else "added")
        if ready is None or ready.state != state:
            ready = prepare(ex, extractor_version=extractor_version)
        new = ready.statements
        delta.update(new)
        delta.subtract(old)
        change.documents[graph] = ready.nquads
        if stored is not None:
            change.replacing.add(graph)
        change.ledger[graph] = ledger.contribution_entry(state, new)
    entity_changes(backend, change, delta)
    return change, outcomes


def plan_remove(backend: Backend, keys: Sequence[str], present: set[str]) -> Change:
    """The change that retracts the documents ``keys`` (``present``: the graphs that exist)."""
    graphs = [str(ids.document_graph(k)) for k in keys]
    entries = backend.ledger_values(graphs)
    change, delta = Change(), Counter()
    for graph in graphs:
        if graph not in present and graph not in entries:
            continue
        _, old = ledger.read_contribution(entries.get(graph))
        delta.subtract(old)
        if graph in present:
            change.drop.add(graph)
        if graph in entries:
            change.ledger[graph] = None
    entity_changes(backend, change, delta)
    return change


__all__ = ["Backend", "Change", "Outcome", "PreparedDocument", "prepare", "plan_add", "plan_remove",
           "entity_changes", "add_in_batches"]


def add_in_batches(store, extractions, *, extractor_version: str, batch: int) -> int:
    """Write many documents through ``store.add_extractions``, ``batch`` per write; returns
    the number of documents seen (the embedded and remote stores' ``bulk_add``)."""
    n, todo = 0, []
    for ex in extractions:
        n += 1
        todo.append(ex)
        if len(todo) >= batch:
            store.add_extractions(todo, extractor_version=extractor_version)
            todo = []
    if todo:
        store.add_extractions(todo, extractor_version=extractor_version)
    return n
