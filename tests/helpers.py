"""Hand-built extractions for tests that must not depend on the extractor."""
from __future__ import annotations

from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Quote, Relation, Sentence


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
