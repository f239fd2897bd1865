"""Store -> networkx graph: :func:`build_graph`.

:func:`build_graph` reads the store with a handful of SPARQL queries and builds a
``networkx.MultiDiGraph`` whose nodes are entities and whose edges are relations.
Documents, sentences and assertions are not nodes: they are folded into attributes.

Node attributes (the contract of :func:`chipgraph.views.graphdata.from_networkx`, plus
``documents``)::

    label        preferred label (skos:prefLabel, else an rdfs:label)
    cls          one of model.ENTITY_TYPES
    aliases      list of other names (skos:altLabel and other rdfs:labels)
    identifiers  list of (scheme, value) pairs, e.g. ("wikidata", "Q182477")
    doc_count    number of documents that mention the entity (cg:mentions)
    documents    sorted list of those documents' IRIs
    evidence     list of :class:`Evidence`: the sentences that mention the entity

Edge attributes (one edge per subject, predicate and object; the key is the predicate)::

    predicate       one of model.PREDICATES
    role            the stated role (affiliatedWith), the one most documents give
    evidence        list of :class:`Evidence`, one per sentence stating the relation
    evidence_count  len(evidence)
    documents       sorted list of the documents that state the relation
    confidence      the highest confidence of its assertions, or None

Everything is built in sorted order, so the same store gives the same graph (and the
same seeded communities) whatever order the query engine returns rows in.

Every query is linear in its output over the union default graph, which repeats a triple
once per document that states it: entity-level facts (types, labels, identifiers, listing
details) are read in ``SELECT DISTINCT`` subqueries, one property at a time, and never
crossed with each other.  Rows stay strings (no rdflib terms) on the embedded store.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import networkx as nx

from ..errors import NotFoundError, ResultLimitError
from ..ids import slug
from ..model import ENTITY_TYPES, PREDICATES
from ..vocab import CG

__all__ = ["Evidence", "QUERIES", "build_graph", "find_entity", "rows", "undirected"]



class Evidence(NamedTuple):
    """One sentence of one document that states a fact.

    Field order is that of :class:`chipgraph.views.graphdata.EvidenceItem`, which the view
    builds from these tuples.
    """

    sentence: str
    document: str  # document IRI
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


# --- reading the store --------------------------------------------------------------------

_CLASS_VALUES = " ".join(f"<{CG[t]}>" for t in ENTITY_TYPES)
_PRED_VALUES = " ".join(f"<{CG[p]}>" for p in PREDICATES)

_Q_ENTITIES = f"""
SELECT ?e ?cls (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  VALUES ?cls {{ {_CLASS_VALUES} }}
  GRAPH ?g {{ ?e a ?cls }}
}} GROUP BY ?e ?cls
"""
_Q_LABELS = """
SELECT DISTINCT ?e ?kind ?label WHERE {
  { ?e skos:prefLabel ?label BIND("pref" AS ?kind) }
  UNION { ?e rdfs:label ?label BIND("label" AS ?kind) }
  UNION { ?e skos:altLabel ?label BIND("alt" AS ?kind) }
}
"""
_Q_WIKIDATA = "SELECT DISTINCT ?e ?qid WHERE { ?e cg:wikidata ?qid }"
# each listing property in its own DISTINCT subquery, so a listing stated by k documents
# gives one row per distinct value, not k rows per property multiplied together
_Q_LISTINGS = """
SELECT ?e ?l ?list ?listed ?citation ?date WHERE {
  { SELECT DISTINCT ?e ?l WHERE { ?e cg:listing ?l } }
  OPTIONAL { { SELECT DISTINCT ?l ?list WHERE { ?l cg:listName ?list } } }
  OPTIONAL { { SELECT DISTINCT ?l ?listed WHERE { ?l cg:listedName ?listed } } }
  OPTIONAL { { SELECT DISTINCT ?l ?citation WHERE { ?l cg:federalRegisterCitation ?citation } } }
  OPTIONAL { { SELECT ?l (MIN(?d) AS ?date) WHERE { ?l cg:listingDate ?d } GROUP BY ?l } }
}
"""
_Q_MENTIONS = "SELECT DISTINCT ?doc ?e WHERE { GRAPH ?g { ?doc cg:mentions ?e } }"
_Q_DOCUMENTS = """
SELECT ?doc ?title ?publisher ?published ?url WHERE {
  GRAPH ?g {
    ?doc a cg:Document .
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc schema:publisher ?publisher }
    OPTIONAL { ?doc schema:datePublished ?published }
    OPTIONAL { ?doc schema:url ?url }
  }
}
"""
_Q_MENTION_SENTENCES = """
SELECT DISTINCT ?e ?doc ?text WHERE {
  GRAPH ?g { ?m cg:mentionOf ?e ; cg:sentence ?s . ?s cg:text ?text ; cg:inDocument ?doc . }
}
"""
_Q_RELATIONS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_PRED_VALUES} }} ?s ?p ?o }}
"""
_Q_ASSERTIONS = """
SELECT ?s ?p ?o ?a ?doc ?role ?confidence ?text WHERE {
  GRAPH ?g {
    ?a a cg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?a prov:wasDerivedFrom ?doc }
    OPTIONAL { ?a cg:role ?role }
    OPTIONAL { ?a cg:confidence ?confidence }
    OPTIONAL { ?a cg:sentence ?sen . ?sen cg:text ?text }
  }
}
"""
#: name -> query text of every query :func:`build_graph` runs (the linear-growth test runs
#: each of them on N and 4N documents)
QUERIES: dict[str, str] = {
    "entities": _Q_ENTITIES, "labels": _Q_LABELS, "wikidata": _Q_WIKIDATA,
    "listings": _Q_LISTINGS, "mentions": _Q_MENTIONS, "documents": _Q_DOCUMENTS,
    "mention_sentences": _Q_MENTION_SENTENCES, "relations": _Q_RELATIONS,
    "assertions": _Q_ASSERTIONS,
}


def _local(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def rows(store: Any, sparql: str) -> Iterator[tuple[str | None, ...]]:
    """The rows of a whole-graph SELECT as tuples of strings (lexical forms; None if unbound).

    On the embedded store the Oxigraph solutions are read directly
    (:meth:`Store.lexical_rows`), never turned into rdflib terms (``Store.query`` would
    build a term per cell).  Any other store (a remote endpoint) goes through ``query``,
    and an answer cut short is an error, not a silently smaller graph.
    """
    lexical = getattr(store, "lexical_rows", None)
    if lexical is not None:
        yield from lexical(sparql)
        return
    res = store.query(sparql)
    if getattr(res, "truncated", False):
        raise ResultLimitError(f"the store cut a whole-graph query short: {res.warning or 'row limit'}; "
                               "raise the endpoint's result limit to analyse or draw the graph")
    names = list(res.variables)
    for r in res:
        yield tuple(None if r.get(n) is None else str(r[n]) for n in names)


def build_graph(store: Any, *, evidence_limit: int | None = None) -> nx.MultiDiGraph:
    """The entity graph of ``store`` (anything with ``query(sparql, bindings)``).

    ``evidence_limit`` keeps at most that many evidence sentences per node and per edge
    (newest first; ``evidence_count`` still counts them all), which the views use to stay
    small on large stores.
    """
    # class: the one most documents give, ties in ontology order
    votes: dict[str, Counter] = defaultdict(Counter)
    for e, c, n in rows(store, _Q_ENTITIES):
        votes[e][_local(c)] += int(n)
    cls = {e: min(c, key=lambda t: (-c[t], ENTITY_TYPES.index(t))) for e, c in votes.items()}

    pref: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for e, kind, label in rows(store, _Q_LABELS):
        if kind == "pref":
            pref[e] = min(pref.get(e, label), label)
        names[e].add(label)

    idents: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for e, qid in rows(store, _Q_WIKIDATA):
        idents[e].add(("wikidata", qid))
    for e, _l, lst, listed, citation, date in rows(store, _Q_LISTINGS):
        if lst is not None or listed is not None:
            since = None if date is None else f"listed {date}"  # cg:listingDate, the first notice's
            idents[e].add(("listing", " — ".join(x for x in (lst, listed, citation, since) if x is not None)))

    docs = {doc: (title, publisher, published, url)
            for doc, title, publisher, published, url in rows(store, _Q_DOCUMENTS)}

    def evidence(doc: str, text: str) -> Evidence:
        return Evidence(text, doc, *docs.get(doc, (None, None, None, None)))

    mentioned: dict[str, set[str]] = defaultdict(set)
    for doc, e in rows(store, _Q_MENTIONS):
        mentioned[e].add(doc)
    node_ev: dict[str, set[Evidence]] = defaultdict(set)
    for e, doc, text in rows(store, _Q_MENTION_SENTENCES):
        node_ev[e].add(evidence(doc, text))

    g = nx.MultiDiGraph()
    for e in sorted(cls):
        label = pref.get(e) or (min(names[e], key=lambda s: (-len(s), s)) if names[e] else e)
        items = _sorted_evidence(node_ev.pop(e, ()))
        g.add_node(
            e, label=label, cls=cls[e],
            aliases=sorted(names[e] - {label}, key=lambda s: (s.casefold(), s)),
            identifiers=sorted(idents[e]),
            doc_count=len(mentioned[e]), documents=sorted(mentioned[e]),
            evidence=items if evidence_limit is None else items[:evidence_limit],
            evidence_count=len(items),
        )

    triples = {(s, _local(p), o) for s, p, o in rows(store, _Q_RELATIONS)}
    ev: dict[tuple, set[Evidence]] = defaultdict(set)
    edge_docs: dict[tuple, set[str]] = defaultdict(set)
    roles: dict[tuple, Counter] = defaultdict(Counter)
    conf: dict[tuple, float] = {}
    for s, p, o, _a, doc, role, confidence, text in rows(store, _Q_ASSERTIONS):
        key = (s, _local(p), o)
        if key[1] not in PREDICATES:
            continue
        triples.add(key)
        if doc:
            edge_docs[key].add(doc)
            if text is not None:
                ev[key].add(evidence(doc, text))
            if role is not None:
                roles[key][(doc, role)] = 1
        if confidence is not None:
            conf[key] = max(conf.get(key, 0.0), float(confidence))
    skipped = 0
    for key in sorted(triples):
        s, p, o = key
        if s not in g or o not in g:  # an endpoint with no entity class: not drawable
            skipped += 1
            continue
        items = _sorted_evidence(ev.pop(key, ()))
        role_count = Counter(role for (_doc, role) in roles[key])
        role = min(role_count, key=lambda x: (-role_count[x], x)) if role_count else None
        g.add_edge(s, o, key=p, predicate=p, role=role,
                   evidence=items if evidence_limit is None else items[:evidence_limit],
                   evidence_count=len(items), documents=sorted(edge_docs[key]),
                   confidence=conf.get(key))
    g.graph["documents"] = len(docs)
    g.graph["skipped_edges"] = skipped
    return g


def _sorted_evidence(items: Iterable[Evidence]) -> list[Evidence]:
    """Newest document first, then by title, document and sentence."""
    items = sorted(items, key=lambda x: (x.title or "", x.document, x.sentence))
    return sorted(items, key=lambda x: x.published or "", reverse=True)


# --- helpers ------------------------------------------------------------------------------

def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph with ``weight`` = number of relations between the pair."""
    u = nx.Graph()
    u.add_nodes_from(sorted(g.nodes))
    for a, b, _k in sorted(g.edges(keys=True)):
        if a == b:
            continue
        if u.has_edge(a, b):
            u[a][b]["weight"] += 1
        else:
            u.add_edge(a, b, weight=1)
    return u


def find_entity(g: nx.MultiDiGraph, name: str) -> str:
    """The node called ``name``: its IRI, label, an alias or its key, ignoring case.

    Raises :class:`~chipgraph.errors.NotFoundError` with close matches as suggestions.
    """
    if name in g:
        return name
    want = name.strip().casefold()
    for attr in ("label", "aliases"):
        found = [n for n, a in g.nodes(data=True)
                 if (a.get("label", "").casefold() == want if attr == "label"
                     else any(x.casefold() == want for x in a.get("aliases") or ()))]
        if found:
            return min(found, key=lambda n: (-g.nodes[n].get("doc_count", 0), n))
    key = slug(name)
    found = [n for n in g if str(n).rsplit("/", 1)[-1] == key]
    if found:
        return found[0]
    raise NotFoundError(f"no entity named {name!r}", suggestions=_suggest(g, name))


def _suggest(g: nx.MultiDiGraph, name: str, limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process, utils

    choices: dict[str, str] = {}
    for _n, a in sorted(g.nodes(data=True)):
        for s in (a.get("label", ""), *(a.get("aliases") or ())):
            choices.setdefault(s, a.get("label", ""))
    hits = process.extract(name, list(choices), scorer=fuzz.WRatio,
                           processor=utils.default_process, limit=limit * 3, score_cutoff=70)
    out: list[str] = []
    for s, _score, _i in hits:
        if choices[s] not in out:
            out.append(choices[s])
    return out[:limit]


def _check_class(cls: str | None) -> None:
    if cls is not None and cls not in ENTITY_TYPES:
        raise NotFoundError(f"no entity class {cls!r}", suggestions=list(ENTITY_TYPES))


