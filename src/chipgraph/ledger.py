"""The entity layer, kept from per-document statements (nomenklatura's model, in RDF).

Every document states facts about entities (class, its name for it, aliases,
identifiers, listings: :func:`chipgraph.rdf.document_rdf`).  The store keeps:

* in the **entities graph** (``ids.ENTITIES_GRAPH``), each subject's resolved facts once:
  every statement some document still makes, plus ``skos:prefLabel`` chosen from the names
  by :func:`chipgraph.rdf.preferred_label` (most documents, then longest, then code point);
* in the **ledger graph** (:data:`LEDGER_GRAPH`), the bookkeeping that keeps this exact
  under re-ingest and removal: for each document graph, the statements it contributed and
  the state (hash, extractor version) they came from; for each subject, how many documents
  make each of its statements.  Values are JSON literals of ``rdf:value``; the ledger is
  internal, so exports and validation leave it out.

A write touches only the subjects its documents state things about: the cost of keeping the
layer is proportional to the document's own entities, not to the store.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, SKOS

from . import ids
from .rdf import Triple, preferred_label

LEDGER_GRAPH = ids.BASE + "graph/ledger"
#: The pending write of an interrupted batch (see :mod:`chipgraph.store`).
JOURNAL = ids.BASE + "ledger/journal"
VALUE = ox.NamedNode(str(RDF.value))
_LABEL = str(RDFS.label)
PREF_LABEL = ox.NamedNode(str(SKOS.prefLabel))

Term = "ox.NamedNode | ox.Literal"
Key = tuple[str, str, tuple]  # (subject, predicate, encoded object)


def support_iri(subject: str) -> str:
    """The ledger node that counts the statements about ``subject`` (an IRI chipgraph minted)."""
    return ids.BASE + "ledger/s/" + ids.digest(subject, length=24)


def is_internal(iri: str) -> bool:
    """Whether an IRI is chipgraph's own (minted by :mod:`chipgraph.ids` or here): such IRIs
    may be written into update text; nothing from an article can be."""
    return iri.startswith(ids.BASE) and all(c.isalnum() or c in "/:._-#" for c in iri)


# -- terms <-> JSON ------------------------------------------------------------------------
def encode(term) -> tuple:
    if isinstance(term, ox.NamedNode):
        return ("i", term.value)
    if term.language:
        return ("g", term.value, term.language)
    dt = term.datatype.value
    if dt == "http://www.w3.org/2001/XMLSchema#string":
        return ("l", term.value)
    return ("t", term.value, dt)


def decode(enc) -> "ox.NamedNode | ox.Literal":
    kind = enc[0]
    if kind == "i":
        return ox.NamedNode(enc[1])
    if kind == "g":
        return ox.Literal(enc[1], language=enc[2])
    if kind == "t":
        return ox.Literal(enc[1], datatype=ox.NamedNode(enc[2]))
    return ox.Literal(enc[1])


def statement_keys(statements: Iterable[Triple]) -> list[Key]:
    return [(s.value, p.value, encode(o)) for s, p, o in statements]


# -- ledger entries ------------------------------------------------------------------------
def contribution_entry(state: tuple[str, str], keys: Iterable[Key]) -> str:
    """The ledger value of a document graph: its state and the statements it contributed."""
    rows = [[s, p, list(o)] for s, p, o in sorted({(s, p, tuple(o)) for s, p, o in keys})]
    return json.dumps({"state": list(state), "statements": rows},
                      ensure_ascii=False, separators=(",", ":"))


def read_contribution(value: str | None) -> tuple[tuple[str, str] | None, list[Key]]:
    if not value:
        return None, []
    data = json.loads(value)
    return tuple(data["state"]), [(s, p, tuple(o)) for s, p, o in data["statements"]]


def read_support(value: str | None) -> Counter:
    """{(predicate, encoded object): number of documents} for one subject."""
    out: Counter = Counter()
    if value:
        for p, o, n in json.loads(value)["n"]:
            out[(p, tuple(o))] = n
    return out


def support_entry(subject: str, counts: Mapping[tuple[str, tuple], int]) -> str | None:
    rows = sorted([p, list(o), n] for (p, o), n in counts.items() if n > 0)
    if not rows:
        return None
    return json.dumps({"s": subject, "n": rows}, ensure_ascii=False, separators=(",", ":"))


def resolved_facts(counts: Mapping[tuple[str, tuple], int]) -> list[tuple[ox.NamedNode, Term]]:
    """A subject's facts in the entities graph, from the counts of its statements."""
    facts = []
    names = []
    for (p, o), n in sorted(counts.items()):
        if n <= 0:
            continue
        facts.append((ox.NamedNode(p), decode(o)))
        if p == _LABEL and o[0] == "l":
            names.append((o[1], n))
    if names:
        facts.append((PREF_LABEL, ox.Literal(preferred_label(names))))
    return facts
