"""Builders shared by the tests: hand-built extractions that do not depend on the extractor,
the sample store's extractions, and the skip rule for the Oxigraph server binary."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
import socket
from pathlib import Path

import pytest
from rdflib import URIRef

from chipgraph import ids
from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Quote, Relation, Sentence
from chipgraph.query import saved_query
from chipgraph.store import Store


def small_extraction(key: str = "test-doc.txt", text_suffix: str = "") -> Extraction:
    """DeepSeek used Nvidia's H800s; a US rule restricts the H100; an analyst is quoted."""
    s0 = "DeepSeek trained its model on Nvidia's H800 chips."
    s1 = "The US export rule restricts the H100, and Jane Roe, an analyst at Acme Research, said \"it will not stop them\"."
    text = s0 + " " + s1 + text_suffix
    o1 = len(s0) + 1
    sents = [Sentence(0, 0, len(s0), s0), Sentence(1, o1, o1 + len(s1), s1)]

    def at(surface: str, sent: int) -> Mention:
        i = text.index(surface, sents[sent].start)
        return Mention(i, i + len(surface), surface, sent)

    ents = [
        Entity("deepseek", "DeepSeek", "Company", mentions=[at("DeepSeek", 0)]),
        Entity("nvidia", "Nvidia", "Company", identifiers={"wikidata": "Q182477"}, mentions=[at("Nvidia", 0)]),
        Entity("h800", "H800", "Chip", aliases=["H800s"], mentions=[at("H800", 0)]),
        Entity("h100", "H100", "Chip", mentions=[at("H100", 1)]),
        Entity("us-export-rule", "US export rule", "ExportControl", mentions=[at("US export rule", 1)]),
        Entity("united-states", "United States", "Country", aliases=["US"], mentions=[at("US", 1)]),
        Entity("jane-roe", "Jane Roe", "Person", mentions=[at("Jane Roe", 1)]),
        Entity("acme-research", "Acme Research", "Company", mentions=[at("Acme Research", 1)]),
    ]
    ev0, ev1 = Evidence(0, 0, len(s0)), Evidence(1, o1, o1 + len(s1))
    rels = [
        Relation("deepseek", "usesChip", "h800", [ev0], 0.9),
        Relation("nvidia", "manufactures", "h800", [ev0], 0.9),
        Relation("us-export-rule", "restricts", "h100", [ev1], 0.8),
        Relation("us-export-rule", "imposedBy", "united-states", [ev1], 0.8),
        Relation("jane-roe", "affiliatedWith", "acme-research", [ev1], 0.9, role="analyst"),
    ]
    qs = text.index("it will not stop them")
    quotes = [Quote("jane-roe", "it will not stop them", Evidence(1, qs, qs + 21), 0.9)]
    doc = Document(key=key, text=text, title="Test article", url="https://example.org/a",
                   published="2025-01-28", publisher="Example News")
    return Extraction(doc, sents, ents, rels, quotes)


VERSION = "test"
ENTITY_LIST = "Entity List (EL) - Bureau of Industry and Security"


def build(key: str, published: str | None, sentences: list[str], entities: list[tuple],
          relations: list[tuple] = (), quotes: list[tuple] = ()) -> Extraction:
    """An extraction whose mentions are found by name in the sentences.

    entities: (key, name, type[, listings]); relations: (s, predicate, o, sentence[, role]);
    quotes: (speaker, text, sentence, about keys).
    """
    text, sents, pos = "", [], 0
    for i, s in enumerate(sentences):
        if i:
            text += " "
            pos += 1
        sents.append(Sentence(i, pos, pos + len(s), s))
        text += s
        pos += len(s)
    ents = []
    for k, name, typ, *rest in entities:
        mentions = []
        for s in sents:
            at = s.text.find(name)
            if at >= 0:
                mentions.append(Mention(s.start + at, s.start + at + len(name), name, s.index))
        ents.append(Entity(k, name, typ, mentions=mentions, listings=rest[0] if rest else []))
    rels = [Relation(s, p, o, [Evidence(i, sents[i].start, sents[i].end)], 0.9, role=(r[0] if r else None))
            for s, p, o, i, *r in relations]
    qs = []
    for speaker, words, i, about in quotes:
        at = text.index(words, sents[i].start)
        qs.append(Quote(speaker, words, Evidence(i, at, at + len(words)), 0.9, about=list(about)))
    doc = Document(key=key, text=text, title=f"Article {key}", published=published, publisher="Example News")
    return Extraction(doc, sents, ents, rels, qs)


def sample_extractions() -> list[Extraction]:
    huawei_listing = [{"list_name": ENTITY_LIST, "listed_name": "Huawei Technologies Co., Ltd.",
                       "federal_register": "84 FR 22961"}]
    smic_listing = [{"list_name": ENTITY_LIST, "listed_name": "Semiconductor Manufacturing International Corporation",
                     "federal_register": "85 FR 83416"}]
    a = build("a.txt", "2024-12-02", [
        "The Chip Rule restricts the H100 and the H800, the Commerce Department said.",
        "Nvidia makes the H100 and the H800.",
        "DeepSeek used the H800.",
        'Jane Roe, an analyst at Acme Research, said "Nvidia will adapt".',
    ], [
        ("chip-rule", "Chip Rule", "ExportControl"), ("h100", "H100", "Chip"), ("h800", "H800", "Chip"),
        ("commerce-department", "Commerce Department", "GovernmentBody"), ("nvidia", "Nvidia", "Company"),
        ("deepseek", "DeepSeek", "Company"), ("jane-roe", "Jane Roe", "Person"),
        ("acme-research", "Acme Research", "Company"),
    ], [
        ("chip-rule", "restricts", "h100", 0), ("chip-rule", "restricts", "h800", 0),
        ("chip-rule", "imposedBy", "commerce-department", 0),
        ("nvidia", "manufactures", "h100", 1), ("nvidia", "manufactures", "h800", 1),
        ("deepseek", "usesChip", "h800", 2),
        ("jane-roe", "affiliatedWith", "acme-research", 3, "analyst"),
    ], [("jane-roe", "Nvidia will adapt", 3, ["nvidia"])])
    b = build("b.txt", "2025-03-10", [
        "Huawei used the Ascend 910B while the Chip Rule stayed.",
        'Nvidia said John Doe, its chief executive, expects "demand for the H20".',
        "Huawei makes the Ascend 910B.",
    ], [
        ("huawei", "Huawei", "Company", huawei_listing), ("ascend-910b", "Ascend 910B", "Chip"),
        ("chip-rule", "Chip Rule", "ExportControl"), ("nvidia", "Nvidia", "Company"),
        ("john-doe", "John Doe", "Person"), ("h20", "H20", "Chip"),
    ], [
        ("huawei", "usesChip", "ascend-910b", 0), ("huawei", "manufactures", "ascend-910b", 2),
        ("john-doe", "affiliatedWith", "nvidia", 1, "chief executive"),
    ], [("john-doe", "demand for the H20", 1, ["nvidia", "h20"])])
    c = build("c.txt", "2025-06-01", ["SMIC is on the Entity List, like Huawei."], [
        ("smic", "SMIC", "Company", smic_listing), ("huawei", "Huawei", "Company", huawei_listing),
    ])
    return [a, b, c]


SAMPLE_FR_CSV = (
    "fr_document_number,publication_date,title,abstract,federalregister_url,federalregister_api_url,"
    "keywords_matched,source_post_path\n"
    "2024-29810,2024-12-05,Foreign-Produced Direct Product Rule Additions,abstract,"
    "https://www.federalregister.gov/documents/2024/12/05/2024-29810/fdpr,https://x,,p\n"
    "2025-00636,2025-01-15,Framework for Artificial Intelligence Diffusion,abstract,"
    "https://www.federalregister.gov/documents/2025/01/15/2025-00636/ai-diffusion,https://x,,p\n"
    "bad,2025-01-16,Bad URL is skipped,abstract,javascript:alert(1),https://x,,p\n"
)


def E(key: str) -> URIRef:
    return ids.entity_iri(key)


def rows(store, name: str, columns: list[str], bindings: dict | None = None) -> list[tuple]:
    res = store.query(saved_query(name).text, bindings or {})
    return [tuple(None if r[c] is None else (str(r[c]) if isinstance(r[c], URIRef) else r[c].toPython())
                  for c in columns) for r in res]


def need_oxigraph() -> None:
    from chipgraph.server import oxigraph_binary

    if oxigraph_binary() is None:
        msg = "the `oxigraph` server binary is not installed (pip install oxigraph)"
        if os.environ.get("CHIPGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(msg + " (CHIPGRAPH_REQUIRE_SHARED=1)")
        pytest.skip(msg)


# -- the served store (chipgraph serve tests) ----------------------------------------------
TOKEN = "test-token-123"
LIMIT = 50
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def populated(path) -> str:
    with Store(path) as s:
        for ex in sample_extractions():
            s.add_extraction(ex, extractor_version=VERSION)
    return str(path)


def raw(svc, request: bytes, *, wait: float = 10.0) -> bytes:
    """Send raw bytes to the guard and read until it closes the connection."""
    host, port = svc.proxy.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as sock:
        sock.sendall(request)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    return out


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


# -- graphs of known shape for the analytics tests -------------------------------------------
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


# -- a page opened in the browser tests ------------------------------------------------------
@dataclass
class Opened:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clean(self) -> None:
        assert self.requests == [], f"page tried to fetch {self.requests}"
        assert self.errors == [], f"console errors {self.errors}"
        assert self.dialogs == [], f"dialogs opened {self.dialogs}"


# -- browser pages (the open_page fixture is in conftest.py) ----------------------
ARTIFACTS = Path(__file__).parent / "artifacts"


def shot(o: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    o.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def node_xy(page, node_id: str) -> tuple[float, float]:
    p = page.evaluate("""id => { const n = window.chipgraph.network;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", node_id)
    box = page.locator("#graph").bounding_box()
    return box["x"] + p["x"], box["y"] + p["y"]


def edge_xy(page, edge_id: str) -> tuple[float, float]:
    p = page.evaluate("""id => { const n = window.chipgraph.network;
        const e = n.body.edges[id]; return n.canvasToDOM(e.edgeType.getPoint(0.5)); }""", edge_id)
    box = page.locator("#graph").bounding_box()
    return box["x"] + p["x"], box["y"] + p["y"]


def panel_text(page) -> str:
    assert page.locator("#panel").is_visible()
    return page.locator("#panel").inner_text()


# -- a real `chipgraph serve` process --------------------------------------------------
def serve_cli(store_path, *args: str, env: dict | None = None, stdout=None, wait: float = 30.0):
    """Start ``chipgraph --store STORE serve --port N ARGS…`` and wait until it accepts
    connections on 127.0.0.1: ``(process, port)``.  The caller stops it (SIGTERM)."""
    import subprocess
    import sys
    import time

    from chipgraph.serve import free_port

    port = free_port()
    exe = os.path.join(os.path.dirname(sys.executable), "chipgraph")
    proc = subprocess.Popen([exe, "--store", str(store_path), "serve", "--port", str(port), *args],
                            env=env, stdout=subprocess.PIPE if stdout is None else stdout,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode())
            time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"chipgraph serve did not start within {wait:g} s")
