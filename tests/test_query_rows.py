"""Saved questions give one row per piece of evidence, not one per combination of facts.

Small hand-made documents (sentences of our own) where the old shapes multiplied rows: a
quote with no speaker (it joined every labelled entity as a speaker), a speaker whose
affiliations are stated in several documents (each quote repeated per affiliation and role),
and a chip restricted by two controls (each use repeated per control).
"""
from __future__ import annotations

import pytest
from helpers import VERSION, E, rows

from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Quote, Relation, Sentence
from chipgraph.store import Store

TYPES = {"acme": "Company", "bolt": "Company", "orbit": "Company", "z9": "Chip", "rule-one": "ExportControl",
         "rule-two": "ExportControl", "pat-kim": "Person", "lab-x": "Organization"}
NAMES = {"acme": "Acme", "bolt": "Bolt", "orbit": "Orbit", "z9": "Z9", "rule-one": "Rule One",
         "rule-two": "Rule Two", "pat-kim": "Pat Kim", "lab-x": "Lab X"}


def _doc(key: str, sentences: list[str], relations: list[tuple], quotes: list[tuple], day: str) -> Extraction:
    """``relations``: (subject, predicate, object, sentence number, role); ``quotes``:
    (speaker or None, quoted words, sentence number, entities it is about)."""
    text, sents, pos = "", [], 0
    for j, s in enumerate(sentences):
        if j:
            text, pos = text + " ", pos + 1
        sents.append(Sentence(j, pos, pos + len(s), s))
        text, pos = text + s, pos + len(s)
    ents = []
    for k, name in NAMES.items():
        found = [(j, s.start + s.text.index(name)) for j, s in enumerate(sents) if name in s.text]
        if found:
            ents.append(Entity(k, name, TYPES[k], mentions=[Mention(at, at + len(name), name, j) for j, at in found]))
    ev = [Evidence(j, s.start, s.end) for j, s in enumerate(sents)]
    rels = [Relation(s, p, o, [ev[j]], 0.9, role=role) for s, p, o, j, role in relations]
    qs = []
    for speaker, words, j, about in quotes:
        at = sents[j].start + sents[j].text.index(words)
        qs.append(Quote(speaker, words, Evidence(j, at, at + len(words)), 0.9, about=about))
    return Extraction(Document(key=key, text=text, title=f"Title {key}", published=day, publisher="Desk"),
                      sents, ents, rels, qs)


@pytest.fixture(scope="module")
def store() -> Store:
    st = Store(None)
    docs = [
        _doc("one.txt", ["Pat Kim of Acme spoke on Monday.", "Acme is fine, said a person nobody named about Acme.",
                         "Orbit bought the Z9 for its cluster."],
             [("pat-kim", "affiliatedWith", "acme", 0, "engineer"), ("orbit", "usesChip", "z9", 2, None),
              ("rule-one", "restricts", "z9", 2, None)],
             [(None, "Acme is fine", 1, ["acme"])], "2025-01-02"),
        _doc("two.txt", ["Pat Kim, now at Lab X, said Acme will wait.", "Rule One and Rule Two cover the Z9.",
                         "Bolt also runs the Z9 at scale."],
             [("pat-kim", "affiliatedWith", "lab-x", 0, "adviser"), ("rule-one", "restricts", "z9", 1, None),
              ("rule-two", "restricts", "z9", 1, None), ("bolt", "usesChip", "z9", 2, None),
              ("orbit", "usesChip", "z9", 2, None)],
             [("pat-kim", "Acme will wait", 0, ["acme"])], "2025-02-03"),
    ]
    for ex in docs:
        st.add_extraction(ex, extractor_version=VERSION)
    return st


def test_a_quote_without_speaker_is_one_row_with_no_speaker(store):
    got = rows(store, "quotes_about", ["speaker", "quote"], {"entity": E("acme")})
    assert sorted(got, key=str) == sorted([(None, "Acme is fine"), (str(E("pat-kim")), "Acme will wait")], key=str)


def test_a_quote_is_not_repeated_per_affiliation(store):
    got = rows(store, "quotes_about", ["speakerLabel", "affiliationLabel", "role", "quote"], {"entity": E("acme")})
    spoken = [g for g in got if g[0] == "Pat Kim"]
    assert len(spoken) == 1  # two affiliations, two roles, one quote
    _, affiliations, roles, quote = spoken[0]
    assert sorted(affiliations.split("; ")) == ["Acme", "Lab X"]
    assert sorted(roles.split("; ")) == ["adviser", "engineer"]
    assert quote == "Acme will wait"
    # the unnamed speaker's quote has no affiliation and no role, not every one in the store
    assert [g[1:3] for g in got if g[0] is None] == [(None, None)]


def test_a_use_is_not_repeated_per_control(store):
    got = rows(store, "restricted_chip_users", ["userLabel", "chipLabel", "controlLabel", "sentence"])
    assert [(u, c, s) for u, c, _, s in got] == [
        ("Bolt", "Z9", "Bolt also runs the Z9 at scale."),
        ("Orbit", "Z9", "Bolt also runs the Z9 at scale."),
        ("Orbit", "Z9", "Orbit bought the Z9 for its cluster.")]
    assert {tuple(sorted(lab.split("; "))) for _, _, lab, _ in got} == {("Rule One", "Rule Two")}
    control = rows(store, "restricted_chip_users", ["control"], {"user": E("bolt")})
    assert control in ([(str(E("rule-one")),)], [(str(E("rule-two")),)])  # one of them, for the link


def test_mentions_are_one_row_each_in_date_order(store):
    got = rows(store, "entity_mentions", ["published", "start", "document"], {"entity": E("acme")})
    assert [str(p) for p, _, _ in got] == ["2025-01-02"] * 2 + ["2025-02-03"]
    assert len(set(got)) == len(got)
    assert [s for _, s, _ in got[:2]] == sorted(s for _, s, _ in got[:2])


def test_relation_evidence_sorted_on_labels(store):
    got = rows(store, "relation_evidence", ["subjectLabel", "objectLabel", "sentence"], {"object": E("z9")})
    assert got == sorted(got, key=lambda r: (r[0], r[1]))
    assert ("Orbit", "Z9", "Bolt also runs the Z9 at scale.") in got and len(got) == len(set(got)) == 6
