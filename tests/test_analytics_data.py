"""Hand-built extractions with known network answers (shared by the analytics tests).

Each ``*_docs()`` returns a list of :class:`~chipgraph.model.Extraction`; the answers the
tests expect are in the docstrings.
"""
from __future__ import annotations

from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Relation, Sentence
from chipgraph.store import Store

ENT = "https://w3id.org/chipgraph/entity/"


def make_doc(key: str, sentences: list[str], entities: dict[str, tuple], relations: list[tuple] = (),
             *, title: str | None = None, published: str | None = None,
             publisher: str | None = "Test Wire") -> Extraction:
    """One document.

    ``entities``: key -> (name, type) or (name, type, aliases) or (name, type, aliases, identifiers);
    ``relations``: (subject, predicate, object, sentence index) or (..., role).
    Mentions are found by searching each sentence for the name and aliases.
    """
    text, sents, at = "", [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, at, at + len(s), s))
        text += s + " "
        at += len(s) + 1
    ents = []
    for k, spec in entities.items():
        name, typ, aliases, idents = (*spec, [], {})[:4] if len(spec) < 4 else spec
        mentions = []
        for sen in sents:
            for surface in (name, *aliases):
                i = sen.text.find(surface)
                if i >= 0:
                    mentions.append(Mention(sen.start + i, sen.start + i + len(surface), surface, sen.index))
                    break
        ents.append(Entity(k, name, typ, aliases=list(aliases), mentions=mentions,
                           identifiers=dict(idents)))
    rels = []
    for r in relations:
        s, p, o, si, role = (*r, None)[:5]
        sen = sents[si]
        rels.append(Relation(s, p, o, [Evidence(si, sen.start, sen.end)], 0.9, role=role))
    doc = Document(key=key, text=text.strip(), title=title or key, url=f"https://example.org/{key}",
                   published=published, publisher=publisher)
    return Extraction(doc, sents, ents, rels, [])


def store_of(docs: list[Extraction], path=None) -> Store:
    store = Store(path)
    for ex in docs:
        store.add_extraction(ex, extractor_version="t")
    return store


def chain_docs() -> list[Extraction]:
    """Acme -usesChip-> X1 <-manufactures- Bolt; Bolt -basedIn-> Freedonia; Zed alone.

    The path Acme -> Bolt is Acme -usesChip-> X1 <-manufactures- Bolt, and its first hop's
    evidence is the newer document's sentence ("Acme now trains on the X1.").  The usesChip
    relation has two evidence sentences in two documents.  Zed has no relation.
    """
    d1 = make_doc("chain-1", [
        "Acme Corp trains its models on the X1 accelerator.",
        "The X1 is made by Bolt Semiconductor.",
        "Bolt Semiconductor is based in Freedonia.",
        "Jo Park, chief executive of Acme Corp, spoke on Monday.",
    ], {
        "acme": ("Acme Corp", "Company", ["Acme"], {"wikidata": "Q1"}),
        "x1": ("X1", "Chip", ["X1 accelerator"]),
        "bolt": ("Bolt Semiconductor", "Company", ["Bolt"]),
        "freedonia": ("Freedonia", "Country"),
        "jo-park": ("Jo Park", "Person"),
    }, [
        ("acme", "usesChip", "x1", 0),
        ("bolt", "manufactures", "x1", 1),
        ("bolt", "basedIn", "freedonia", 2),
        ("jo-park", "affiliatedWith", "acme", 3, "chief executive"),
    ], title="Acme and the X1", published="2024-01-10", publisher="Test Wire")
    d2 = make_doc("chain-2", [
        "Acme now trains on the X1.",
        "Zed Labs declined to comment.",
    ], {
        "acme": ("Acme", "Company"),
        "x1": ("X1", "Chip"),
        "zed": ("Zed Labs", "Organization"),
    }, [("acme", "usesChip", "x1", 0)], title="Acme update", published="2024-06-01",
        publisher="Other Daily")
    return [d1, d2]


def star_docs() -> list[Extraction]:
    """Rule R restricts chips C1..C4 and is imposedBy Ruritania; Q1 and Q2 are a pair apart.

    Rule R has the top degree (5 of 7 other nodes), betweenness and PageRank.
    """
    chips = {f"c{i}": (f"Chip C{i}", "Chip") for i in range(1, 5)}
    sents = [f"Rule R restricts the Chip C{i}." for i in range(1, 5)]
    sents += ["Rule R was imposed by Ruritania.", "Quux Inc makes the Q2 chip."]
    return [make_doc("star", sents, {
        "rule-r": ("Rule R", "ExportControl"), **chips, "ruritania": ("Ruritania", "Country"),
        "quux": ("Quux Inc", "Company"), "q2": ("Q2 chip", "Chip"),
    }, [*(("rule-r", "restricts", f"c{i}", i - 1) for i in range(1, 5)),
        ("rule-r", "imposedBy", "ruritania", 4), ("quux", "manufactures", "q2", 5)],
        published="2023-10-17")]


def cluster_docs() -> list[Extraction]:
    """Two disconnected triangles: {Ann, Bee Co, Cee Org} and {Dee Co, Eff chip, Gee chip}.

    Each triangle is one community; Ann and Dee Co are the first-named members (ties on
    degree and documents go to the label).
    """
    d1 = make_doc("cl-1", [
        "Ann works for Bee Co.", "Ann is a fellow at Cee Org.", "Bee Co is a member of Cee Org.",
    ], {
        "ann": ("Ann", "Person"), "bee": ("Bee Co", "Company"), "cee": ("Cee Org", "Organization"),
    }, [("ann", "affiliatedWith", "bee", 0, "engineer"), ("ann", "affiliatedWith", "cee", 1, "fellow"),
        ("bee", "affiliatedWith", "cee", 2)])
    d2 = make_doc("cl-2", [
        "Dee Co makes the Eff chip.", "Dee Co makes the Gee chip.", "The Eff chip uses the Gee chip.",
    ], {
        "dee": ("Dee Co", "Company"), "eff": ("Eff chip", "Chip"), "gee": ("Gee chip", "Chip"),
    }, [("dee", "manufactures", "eff", 0), ("dee", "manufactures", "gee", 1),
        ("eff", "usesChip", "gee", 2)])
    return [d1, d2]


def cooccur_docs() -> list[Extraction]:
    """Three documents: {Ex, Why, Zee}, {Ex, Why}, {Ex, Why, Wu}.

    Ex–Why co-occur in 3 documents (and Ex -usesChip-> Why); every other pair in 1.
    """
    ents = {"ex": ("Ex", "Company"), "why": ("Why", "Chip"), "zee": ("Zee", "Country"),
            "wu": ("Wu", "Person")}

    def pick(*keys):
        return {k: ents[k] for k in keys}

    return [
        make_doc("co-1", ["Ex uses Why in Zee."], pick("ex", "why", "zee"), [("ex", "usesChip", "why", 0)]),
        make_doc("co-2", ["Ex and Why."], pick("ex", "why")),
        make_doc("co-3", ["Wu said Ex likes Why."], pick("ex", "why", "wu")),
    ]
