"""From the store to the views' data: the entity graph, documents, and query results.

This is the layer between the store (SPARQL) and :mod:`chipgraph.views` (HTML), so that
the views never read RDF.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources

from rdflib import URIRef

from . import ids
from .analytics import build_graph
from .analytics.graph import rows as _rows
from .errors import NotFoundError
from .store import QueryResult
from .views import ViewGraph, cites, from_networkx, subgraph
from .views.facts import ListingItem, OfficialMeasure, QuoteItem, SentenceItem, SiteFacts, Source
from .views.sections import readable_document_title

_DOCUMENTS = """
SELECT ?doc ?key ?title ?publisher ?published ?url WHERE {
  ?doc a cg:Document ; dcterms:identifier ?key .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc schema:publisher ?publisher }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc schema:url ?url }
} ORDER BY ?doc
"""

DocumentRow = tuple[str, str | None, str | None, str | None, str | None]


def entity_view(store, title: str = "chipgraph") -> ViewGraph:
    """Every entity and relation in the store, with evidence, as a :class:`ViewGraph`."""
    return from_networkx(build_graph(store), title)


def documents(store) -> list[DocumentRow]:
    """``(doc IRI, title, publisher, published, url)`` for every document in the store."""
    out = []
    for r in store.query(_DOCUMENTS):
        out.append((str(r["doc"]), *(str(r[k]) if r.get(k) is not None else None
                                     for k in ("title", "publisher", "published", "url"))))
    return out


def find_document(store, key_or_iri: str) -> tuple[str, str]:
    """A document by its key (URL or file name as ingested), IRI, or title."""
    rows = [(str(r["doc"]), str(r["key"]), str(r["title"]) if r.get("title") is not None else None)
            for r in store.query(_DOCUMENTS)]
    wanted = str(ids.document_iri(key_or_iri))
    for iri, key, title in rows:
        if key_or_iri in (iri, key) or iri == wanted or (title and title.casefold() == key_or_iri.casefold()):
            return iri, title or key
    import difflib

    names = [key for _, key, _ in rows] + [title for _, _, title in rows if title]
    raise NotFoundError(f"no document {key_or_iri!r} in the store",
                        difflib.get_close_matches(key_or_iri, names, n=5, cutoff=0.3))


def document_view(graph: ViewGraph, doc_iri: str) -> ViewGraph:
    return cites(graph, doc_iri)


def query_view(graph: ViewGraph, result: QueryResult) -> ViewGraph:
    """The entities a query returns (any IRI in its rows or triples), with the relations
    among them."""
    found: set[str] = set()
    if result.kind == "graph" and result.graph is not None:
        for t in result.graph:
            found.update(str(x) for x in t if isinstance(x, URIRef))
    else:
        for row in result.rows:
            found.update(str(v) for v in row.values() if isinstance(v, URIRef))
    nodes = [n.id for n in graph.nodes if n.id in found]
    return subgraph(graph, nodes)


# --- the facts behind the site's text sections ------------------------------------------

@cache
def _site_query(name: str) -> str:
    """A query of ``views/queries/`` (each runs once per site, over the whole store)."""
    return resources.files("chipgraph.views").joinpath("queries", f"{name}.rq").read_text("utf-8")


_KIND_CLASS = {"rule": "Rule", "list": "OfficialList", "licence_requirement": "LicenceRequirement",
               "law": "Law", "bill": "Bill", "notice": "Notice", "eccn": "ControlListEntry"}


@cache
def _class_labels() -> dict[str, str]:
    """Labels of the catalogue's measure classes, from the ontology."""
    from rdflib.namespace import RDFS

    from .vocab import CG, ontology_graph

    g = ontology_graph()
    out = {}
    for kind, local in _KIND_CLASS.items():
        label = g.value(CG[local], RDFS.label)
        out[kind] = str(label) if label is not None else local
    return out


def _entity_of(name: str) -> tuple[str, str]:
    return str(ids.entity_iri(ids.entity_key(name))), name


def official_measures(store) -> dict[str, OfficialMeasure]:
    """The catalogue measures loaded in ``store`` (``graph/reference/catalogue``), by IRI, with
    their official details from the packaged catalogue they were loaded from."""
    from .catalogue import load_catalogue, measure_iri

    loaded = {key for _m, key in _rows(store, "SELECT DISTINCT ?m ?key WHERE { ?m cg:catalogueKey ?key }")}
    if not loaded:
        return {}
    labels = _class_labels()
    catalogue = load_catalogue()
    out: dict[str, OfficialMeasure] = {}
    for m in catalogue:
        if m.key not in loaded:
            continue
        iri = str(measure_iri(m.key))

        def named(keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
            return tuple((str(measure_iri(k)), catalogue[k].official_name if catalogue.get(k) else k)
                         for k in keys)

        out[iri] = OfficialMeasure(
            iri=iri, name=m.official_name, kind=labels.get(m.kind, m.kind), key=m.key, official=m.official,
            announced=m.announced.isoformat() if m.announced else None,
            published=m.published.isoformat() if m.published else None,
            effective=m.effective.isoformat() if m.effective else None,
            rescinded=m.rescinded.isoformat() if m.rescinded else None,
            url=m.source_url, issuers=tuple(_entity_of(b) for b in m.issuer),
            country=_entity_of(m.country) if m.country else None,
            amends=named(m.amends), rescinds=named(m.rescinds),
            restricts=tuple(_entity_of(c) for c in m.chips),
            targets=tuple(_entity_of(t) for t in (*m.targets, *m.companies)),
            press_names=m.press_names, eccns=m.eccns,
            # the timeline leaves out minor rules (single Entity List additions, corrections),
            # as controls_in_force does, unless the news names them
            timeline=m.topic != "other" and m.kind not in ("notice", "eccn") and m.prominence > 0,
            list=m.kind == "list",
        )
    return out


def site_facts(store, graph: ViewGraph | None = None) -> SiteFacts:
    """Everything the site's text sections need beyond the entity graph, read with one query
    per kind of fact (never one per entity): documents with readable titles, the sentences
    they keep, their full texts, quotes, listings, official measures and the chips' specification panels."""
    from .chipspecs import chip_panel

    sentences: dict[str, list[SentenceItem]] = defaultdict(list)
    for doc, _s, start, end, text in _rows(store, _site_query("sentences")):
        sentences[doc].append(SentenceItem(int(start), int(end), text))
    kept = {d: tuple(sorted(set(v), key=lambda x: (x.start, x.end))) for d, v in sorted(sentences.items())}

    documents: dict[str, Source] = {}
    for doc, key, title, publisher, published, url in sorted(
            _rows(store, _site_query("documents")), key=lambda r: tuple(x or "" for x in r)):
        if doc in documents:
            continue
        first = kept[doc][0].text if kept.get(doc) else None
        documents[doc] = Source(doc, title or readable_document_title(doc, key, first),
                                publisher, published, url)

    speakers: dict[tuple[str, str, str, int | None, int | None], list[str]] = {}
    for q, doc, text, speaker, start, end in _rows(store, _site_query("quotes")):
        k = (q, doc, text, int(start) if start is not None else None, int(end) if end is not None else None)
        speakers.setdefault(k, [])
        if speaker is not None and speaker not in speakers[k]:
            speakers[k].append(speaker)
    about: dict[str, set[str]] = defaultdict(set)
    for q, e in _rows(store, _site_query("quote_about")):
        about[q].add(e)
    quotes = tuple(QuoteItem(text, doc, tuple(sorted(sp)), tuple(sorted(about.get(q, ()))), start, end)
                   for (q, doc, text, start, end), sp in sorted(speakers.items(), key=lambda kv: kv[0][0]))

    texts: dict[str, str] = {}
    for doc, text in _rows(store, _site_query("texts")):
        texts.setdefault(doc, text)

    listings: dict[str, dict] = {}
    for e, li, name, listed, citation, url, listed_on, amended_on in _rows(store, _site_query("listings")):
        cur = listings.setdefault((e, li), {"entity": e, "amended_on": set()})
        for k, v in (("list_name", name), ("listed_name", listed), ("citation", citation), ("url", url),
                     ("listed_on", listed_on)):
            if v is not None:
                cur[k] = min(cur.get(k, v), v)
        if amended_on is not None:
            cur["amended_on"].add(amended_on)
    for cur in listings.values():
        cur["amended_on"] = tuple(sorted(cur["amended_on"]))
    items = tuple(ListingItem(**listings[k]) for k in sorted(listings))

    chips = {}
    for n in (graph.nodes if graph is not None else ()):
        if n.cls == "Chip":
            panel = chip_panel(n.id)
            if panel:
                chips[n.id] = panel
    return SiteFacts(measures=official_measures(store), quotes=quotes, listings=items,
                     sentences=kept, chips=chips, documents=documents, texts=texts)
