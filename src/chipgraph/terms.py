"""Conversion between rdflib terms (the library's RDF model) and pyoxigraph terms."""
from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_ox(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


# -- the prefixes of SPARQL text -----------------------------------------------------------
def sparql_prefixes() -> dict[str, str]:
    """The one set of prefixes chipgraph's SPARQL accepts undeclared, everywhere (the embedded
    store, ``chipgraph serve``'s ``/query``, the query page, the CLI's tables): chipgraph's
    own (:data:`chipgraph.rdf.PREFIXES`) plus ``rdf:``, which the saved questions use."""
    return dict(_prefixes())


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    from rdflib.namespace import RDF

    from .rdf import PREFIXES

    return tuple((dict(PREFIXES) | {"rdf": str(RDF)}).items())


@cache
def namespaces_longest_first() -> tuple[tuple[str, str], ...]:
    """(prefix, namespace) pairs, the longest namespace first: the order in which an IRI is
    matched to its prefixed name."""
    return tuple(sorted(_prefixes(), key=lambda kv: -len(kv[1])))


def prefix_line() -> str:
    """Every prefix of :func:`sparql_prefixes` declared on one line, without a line break:
    placed before a query's own text, the query's line numbers stay its own (only columns
    on its first line move, by ``len(prefix_line())``). A query that declares one of these
    prefixes itself overrides it (the later declaration wins)."""
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in sorted(sparql_prefixes().items()))
