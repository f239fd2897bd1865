"""Store -> networkx graph -> metrics as plain values.

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

The metrics (:func:`centrality`, :func:`connections`, :func:`communities`,
:func:`cooccurrence`) take that graph and return frozen dataclasses.
"""
from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import networkx as nx

from .errors import ChipgraphError, NotFoundError, ResultLimitError
from .ids import slug
from .model import ENTITY_TYPES, PREDICATES
from .vocab import CG

__all__ = [
    "Evidence", "build_graph", "find_entity", "undirected",
    "Ranked", "centrality", "CENTRALITY_MEASURES",
    "Hop", "Connection", "connections", "shortest_connection", "connection_subgraph",
    "Community", "communities", "community_subgraph",
    "Cooccurrence", "cooccurrence",
    "graphml_safe", "serialize_graph", "write_graph", "GRAPH_FORMATS",
]

CENTRALITY_MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank")
GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf")
Measure = Literal["degree", "betweenness", "pagerank"]


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
SELECT ?e ?kind ?label WHERE {
  { ?e skos:prefLabel ?label BIND("pref" AS ?kind) }
  UNION { ?e rdfs:label ?label BIND("label" AS ?kind) }
  UNION { ?e skos:altLabel ?label BIND("alt" AS ?kind) }
}
"""
_Q_IDENTIFIERS = """
SELECT ?e ?qid ?list ?listed ?citation WHERE {
  { ?e cg:wikidata ?qid }
  UNION { ?e cg:listing ?l . OPTIONAL { ?l cg:listName ?list } OPTIONAL { ?l cg:listedName ?listed }
          OPTIONAL { ?l cg:federalRegisterCitation ?citation } }
}
"""
_Q_MENTIONS = "SELECT DISTINCT ?doc ?e WHERE { ?doc cg:mentions ?e }"
_Q_DOCUMENTS = """
SELECT ?doc ?title ?publisher ?published ?url WHERE {
  ?doc a cg:Document .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc schema:publisher ?publisher }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc schema:url ?url }
}
"""
_Q_MENTION_SENTENCES = """
SELECT DISTINCT ?e ?doc ?text WHERE {
  ?m cg:mentionOf ?e ; cg:sentence ?s .
  ?s cg:text ?text ; cg:inDocument ?doc .
}
"""
_Q_RELATIONS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_PRED_VALUES} }} ?s ?p ?o }}
"""
_Q_ASSERTIONS = """
SELECT ?s ?p ?o ?a ?doc ?role ?confidence ?text WHERE {
  ?a a cg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?a prov:wasDerivedFrom ?doc }
  OPTIONAL { ?a cg:role ?role }
  OPTIONAL { ?a cg:confidence ?confidence }
  OPTIONAL { ?a cg:sentence ?sen . ?sen cg:text ?text }
}
"""


def _local(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _complete(store: Any, sparql: str):
    """Rows of a whole-graph query; an endpoint that cut the answer short is an error, not a
    silently smaller graph."""
    res = store.query(sparql)
    if getattr(res, "truncated", False):
        raise ResultLimitError(f"the store cut a whole-graph query short: {res.warning or 'row limit'}; "
                               "raise the endpoint's result limit to analyse or draw the graph")
    return res


def build_graph(store: Any) -> nx.MultiDiGraph:
    """The entity graph of ``store`` (anything with ``query(sparql, bindings)``)."""
    # class: the one most documents give, ties in ontology order
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in _complete(store, _Q_ENTITIES):
        votes[str(r["e"])][_local(r["cls"])] += int(r["n"])
    cls = {e: min(c, key=lambda t: (-c[t], ENTITY_TYPES.index(t))) for e, c in votes.items()}

    pref: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for r in _complete(store, _Q_LABELS):
        e = str(r["e"])
        if r["kind"] is not None and str(r["kind"]) == "pref":
            pref[e] = min(pref.get(e, str(r["label"])), str(r["label"]))
        names[e].add(str(r["label"]))

    idents: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in _complete(store, _Q_IDENTIFIERS):
        e = str(r["e"])
        if r["qid"] is not None:
            idents[e].add(("wikidata", str(r["qid"])))
        elif r["list"] is not None or r["listed"] is not None:
            text = " — ".join(str(x) for x in (r["list"], r["listed"], r["citation"]) if x is not None)
            idents[e].add(("listing", text))

    docs = {
        str(r["doc"]): (_str(r["title"]), _str(r["publisher"]), _str(r["published"]), _str(r["url"]))
        for r in _complete(store, _Q_DOCUMENTS)
    }

    def evidence(doc: str, text: str) -> Evidence:
        return Evidence(text, doc, *docs.get(doc, (None, None, None, None)))

    mentioned: dict[str, set[str]] = defaultdict(set)
    for r in _complete(store, _Q_MENTIONS):
        mentioned[str(r["e"])].add(str(r["doc"]))
    node_ev: dict[str, set[Evidence]] = defaultdict(set)
    for r in _complete(store, _Q_MENTION_SENTENCES):
        node_ev[str(r["e"])].add(evidence(str(r["doc"]), str(r["text"])))

    g = nx.MultiDiGraph()
    for e in sorted(cls):
        label = pref.get(e) or (min(names[e], key=lambda s: (-len(s), s)) if names[e] else e)
        g.add_node(
            e, label=label, cls=cls[e],
            aliases=sorted(names[e] - {label}, key=lambda s: (s.casefold(), s)),
            identifiers=sorted(idents[e]),
            doc_count=len(mentioned[e]), documents=sorted(mentioned[e]),
            evidence=_sorted_evidence(node_ev[e]),
        )

    triples = {(str(r["s"]), _local(r["p"]), str(r["o"])) for r in _complete(store, _Q_RELATIONS)}
    ev: dict[tuple, set[Evidence]] = defaultdict(set)
    edge_docs: dict[tuple, set[str]] = defaultdict(set)
    roles: dict[tuple, Counter] = defaultdict(Counter)
    conf: dict[tuple, float] = {}
    for r in _complete(store, _Q_ASSERTIONS):
        key = (str(r["s"]), _local(r["p"]), str(r["o"]))
        if key[1] not in PREDICATES:
            continue
        triples.add(key)
        doc = _str(r["doc"])
        if doc:
            edge_docs[key].add(doc)
            if r["text"] is not None:
                ev[key].add(evidence(doc, str(r["text"])))
            if r["role"] is not None:
                roles[key][(doc, str(r["role"]))] = 1
        if r["confidence"] is not None:
            conf[key] = max(conf.get(key, 0.0), float(r["confidence"]))
    skipped = 0
    for key in sorted(triples):
        s, p, o = key
        if s not in g or o not in g:  # an endpoint with no entity class: not drawable
            skipped += 1
            continue
        items = _sorted_evidence(ev[key])
        role_count = Counter(role for (_doc, role) in roles[key])
        role = min(role_count, key=lambda x: (-role_count[x], x)) if role_count else None
        g.add_edge(s, o, key=p, predicate=p, role=role, evidence=items,
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


# --- centrality ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranked:
    rank: int
    id: str
    label: str
    cls: str
    score: float
    degree: int  # distinct neighbours, either direction
    doc_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def centrality(g: nx.MultiDiGraph, by: Measure = "degree", *, cls: str | None = None,
               top: int | None = 10) -> list[Ranked]:
    """The ``top`` entities by ``by`` (degree, betweenness or pagerank).

    Measures are computed on the undirected graph of distinct connections (a relation is
    a connection whichever way it points) over the whole graph; ``cls`` then keeps the
    entities of one class.  Ties are broken by document count, then label.
    """
    _check_class(cls)
    u = undirected(g)
    if by == "degree":
        scores = nx.degree_centrality(u) if len(u) > 1 else {n: 0.0 for n in u}
    elif by == "betweenness":
        scores = nx.betweenness_centrality(u, normalized=True)
    elif by == "pagerank":
        scores = nx.pagerank(u) if len(u) else {}
    else:
        raise ChipgraphError(f"unknown centrality measure {by!r}; use "
                             + ", ".join(CENTRALITY_MEASURES))
    nodes = [n for n in u if cls is None or g.nodes[n]["cls"] == cls]
    score = {n: round(float(scores[n]), 6) for n in nodes}
    nodes.sort(key=lambda n: (-score[n], -g.nodes[n]["doc_count"],
                              g.nodes[n]["label"].casefold(), n))
    if top is not None:
        nodes = nodes[:max(top, 0)]
    return [Ranked(i + 1, n, g.nodes[n]["label"], g.nodes[n]["cls"], score[n],
                   u.degree(n), g.nodes[n]["doc_count"]) for i, n in enumerate(nodes)]


# --- connections --------------------------------------------------------------------------

@dataclass(frozen=True)
class Hop:
    """One step of a connection: ``source`` to ``target`` through a relation.

    ``direction`` is ``forward`` when the relation points from source to target
    (source -predicate-> target) and ``backward`` when it points the other way.
    """

    source: str
    source_label: str
    target: str
    target_label: str
    predicate: str
    direction: Literal["forward", "backward"]
    role: str | None
    sentence: str | None
    document: str | None
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    evidence_count: int

    @property
    def subject(self) -> str:
        return self.source if self.direction == "forward" else self.target

    @property
    def object(self) -> str:
        return self.target if self.direction == "forward" else self.source

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        arrow = f"-{self.predicate}->" if self.direction == "forward" else f"<-{self.predicate}-"
        return f"{self.source_label} {arrow} {self.target_label}"


@dataclass(frozen=True)
class Connection:
    source: str
    target: str
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.source, *(h.target for h in self.hops))

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "length": self.length,
                "hops": [h.to_dict() for h in self.hops]}


def _hop(g: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The best-evidenced relation between ``a`` and ``b``, in either direction."""
    cands = []
    for (s, t, direction) in ((a, b, "forward"), (b, a, "backward")):
        for k, attrs in (g.get_edge_data(s, t) or {}).items():
            cands.append((-attrs.get("evidence_count", 0), direction != "forward",
                          PREDICATES.index(attrs["predicate"]) if attrs["predicate"] in PREDICATES else 99,
                          direction, attrs))
    _, _, _, direction, attrs = min(cands, key=lambda c: c[:3])
    ev = attrs.get("evidence") or []
    first = ev[0] if ev else Evidence(None, attrs["documents"][0] if attrs.get("documents") else None)  # type: ignore[arg-type]
    return Hop(a, g.nodes[a]["label"], b, g.nodes[b]["label"], attrs["predicate"], direction,
               attrs.get("role"), first.sentence, first.document, first.title, first.publisher,
               first.published, first.url, len(ev))


def connections(g: nx.MultiDiGraph, a: str, b: str, *, limit: int = 1) -> list[Connection]:
    """Up to ``limit`` shortest connections between the entities named ``a`` and ``b``.

    Names are looked up with :func:`find_entity` (case and aliases tolerated).  Relations
    are followed in either direction; each hop says which way its relation points and
    carries one evidence sentence and its source.  Among equally short connections the
    ones through better-documented entities come first.  No connection gives ``[]``.
    """
    src, dst = find_entity(g, a), find_entity(g, b)
    u = undirected(g)
    try:
        found = list(itertools.islice(nx.all_shortest_paths(u, src, dst), 1000))
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda p: ([-g.nodes[n]["doc_count"] for n in p[1:-1]],
                              [g.nodes[n]["label"].casefold() for n in p], p))
    return [Connection(src, dst, tuple(_hop(g, x, y) for x, y in zip(p, p[1:])))
            for p in found[:max(limit, 0)]]


def shortest_connection(g: nx.MultiDiGraph, a: str, b: str) -> Connection | None:
    """The shortest connection between ``a`` and ``b``, or ``None`` when there is none."""
    found = connections(g, a, b, limit=1)
    return found[0] if found else None


def connection_subgraph(g: nx.MultiDiGraph, conns: Iterable[Connection]) -> nx.MultiDiGraph:
    """The entities of ``conns`` and the relations their hops use (for drawing)."""
    edges = set()
    nodes = set()
    for c in conns:
        nodes.update(c.nodes)
        for h in c.hops:
            edges.add((h.subject, h.object, h.predicate))
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in sorted(nodes))
    sub.add_edges_from((s, o, p, g.edges[s, o, p]) for s, o, p in sorted(edges))
    return sub


# --- communities --------------------------------------------------------------------------

@dataclass(frozen=True)
class Community:
    index: int  # 1 = largest
    name: str  # its most central members' labels
    size: int
    members: tuple[str, ...]  # node ids, most central first
    labels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def communities(g: nx.MultiDiGraph, *, seed: int = 42, resolution: float = 1.0,
                min_size: int = 1, name_size: int = 3) -> list[Community]:
    """Louvain communities (networkx, fixed ``seed``) of the undirected relation graph.

    Edges are weighted by the number of relations between a pair.  Members are ordered by
    degree inside their community, then document count, then label; a community is named
    after its first ``name_size`` members.  Largest communities come first.
    """
    u = undirected(g)
    if len(u) == 0:
        return []
    if u.number_of_edges() == 0:
        parts = [{n} for n in u]
    else:
        parts = nx.community.louvain_communities(u, weight="weight", resolution=resolution,
                                                 seed=seed)
    out = []
    for part in parts:
        if len(part) < min_size:
            continue
        inner = u.subgraph(part)
        members = sorted(part, key=lambda n: (-inner.degree(n), -g.nodes[n]["doc_count"],
                                              g.nodes[n]["label"].casefold(), n))
        labels = tuple(g.nodes[n]["label"] for n in members)
        out.append((members, labels))
    out.sort(key=lambda m: (-len(m[0]), [x.casefold() for x in m[1]]))
    return [Community(i + 1, ", ".join(labels[:name_size]), len(members), tuple(members), labels)
            for i, (members, labels) in enumerate(out)]


def community_subgraph(g: nx.MultiDiGraph, community: Community) -> nx.MultiDiGraph:
    """The entities of one community and the relations among them."""
    return g.subgraph(community.members).copy()


# --- co-occurrence ------------------------------------------------------------------------

@dataclass(frozen=True)
class Cooccurrence:
    a: str
    a_label: str
    b: str
    b_label: str
    documents: int
    related: tuple[str, ...]  # predicates of relations between the two, either direction
    document_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def cooccurrence(g: nx.MultiDiGraph, *, top: int | None = 20, cls: str | None = None,
                 min_documents: int = 1) -> list[Cooccurrence]:
    """Pairs of entities mentioned in the same documents (``cg:mentions``), most first.

    With ``cls`` at least one of the pair is of that class.  Ties are broken by label.
    """
    _check_class(cls)
    by_doc: dict[str, list[str]] = defaultdict(list)
    for n, attrs in g.nodes(data=True):
        for d in attrs.get("documents") or ():
            by_doc[d].append(n)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in sorted(by_doc):
        ents = sorted(by_doc[d])
        for x, y in itertools.combinations(ents, 2):
            pairs[(x, y)].append(d)

    def label(n: str) -> str:
        return g.nodes[n]["label"]

    rows = []
    for (x, y), ds in pairs.items():
        if len(ds) < min_documents:
            continue
        if cls is not None and cls not in (g.nodes[x]["cls"], g.nodes[y]["cls"]):
            continue
        x, y = sorted((x, y), key=lambda n: (label(n).casefold(), n))
        preds = sorted({k for k in (g.get_edge_data(x, y) or {})}
                       | {k for k in (g.get_edge_data(y, x) or {})})
        rows.append(Cooccurrence(x, label(x), y, label(y), len(ds), tuple(preds), tuple(ds)))
    rows.sort(key=lambda r: (-r.documents, r.a_label.casefold(), r.b_label.casefold(), r.a, r.b))
    return rows if top is None else rows[:max(top, 0)]


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
