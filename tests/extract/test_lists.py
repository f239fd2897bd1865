"""Issue 12, categories 2 and 3: measure targets given as lists, and basedIn from lists,
possessives and appositions. Every sentence here is written for these tests."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _rels(text):
    x = extract(Document("t", text))
    names = {e.key: e.name for e in x.entities}
    types = {e.key: e.type for e in x.entities}
    out = set()
    for r in x.relations:
        s = "<control>" if types[r.subject] == "ExportControl" else names[r.subject]
        out.add((s, r.predicate, names[r.object]))
    return out


def _targets(text):
    return {o for s, p, o in _rels(text) if s == "<control>" and p == "targets"}


def _based(text):
    return {(s, o) for s, p, o in _rels(text) if p == "basedIn"}


# -- targets in lists -----------------------------------------------------------------------

@pytest.mark.parametrize("text,firms", [
    ("The Commerce Department added 14 entities to the Entity List on Monday, including "
     "Vantor Technologies, Qilin Semiconductor and Heyuan Photonics Co.",
     {"Vantor Technologies", "Qilin Semiconductor", "Heyuan Photonics Co"}),
    ("Washington placed nine companies on its Entity List, among them Vantor Technologies "
     "and Qilin Semiconductor.",
     {"Vantor Technologies", "Qilin Semiconductor"}),
    ("The Commerce Department added Vantor Technologies and its subsidiaries Qilin "
     "Semiconductor and Heyuan Photonics Co to the Entity List.",
     {"Vantor Technologies", "Qilin Semiconductor", "Heyuan Photonics Co"}),
])
def test_targets_listed_in_one_sentence(text, firms):
    got = _targets(text)
    assert firms <= {n.rstrip(".") for n in got}, got


@pytest.mark.parametrize("text,firms", [
    ("The Commerce Department added 11 Chinese entities to the Entity List on Tuesday. "
     "The companies include Vantor Technologies and Qilin Semiconductor.",
     {"Vantor Technologies", "Qilin Semiconductor"}),
    ("The Commerce Department added 11 Chinese entities to the Entity List on Tuesday. "
     "Among those named were Vantor Technologies, Qilin Semiconductor and Heyuan Photonics Co.",
     {"Vantor Technologies", "Qilin Semiconductor", "Heyuan Photonics Co"}),
])
def test_targets_listed_in_the_next_sentence(text, firms):
    got = _targets(text)
    assert firms <= {n.rstrip(".") for n in got}, got


def test_targets_not_from_an_unrelated_next_sentence():
    text = ("The Commerce Department added 11 Chinese entities to the Entity List on Tuesday. "
            "Analysts at Brightwater Research expect more curbs.")
    assert "Brightwater Research" not in _targets(text)


# -- basedIn from lists, possessives and appositions ------------------------------------------

@pytest.mark.parametrize("text,pairs", [
    ("Chinese firms Vantor Technologies, Qilin Semiconductor and Heyuan Photonics Co raised prices.",
     {("Vantor Technologies", "China"), ("Qilin Semiconductor", "China")}),
    ("Japanese chipmakers Kestrel Electronics and Orbital Fab Corp expanded output.",
     {("Kestrel Electronics", "Japan"), ("Orbital Fab Corp", "Japan")}),
    ("Japan's Tokyo Electron and Kestrel Electronics reported profits.",
     {("Tokyo Electron", "Japan"), ("Kestrel Electronics", "Japan")}),
    ("South Korea's Samsung and SK Hynix cut memory output.",
     {("Samsung Electronics", "South Korea"), ("SK Hynix", "South Korea")}),
    ("Qilin Semiconductor, a Chinese chipmaker, was added.", {("Qilin Semiconductor", "China")}),
    ("Orders went to Kestrel Electronics, a Japanese memory maker, last year.", {("Kestrel Electronics", "Japan")}),
])
def test_based_in_from_lists_and_possessives(text, pairs):
    got = _based(text)
    assert pairs <= got, got


@pytest.mark.parametrize("text,absent", [
    # a country as the object of a sale, not the home of the firm
    ("Kestrel Electronics sells memory to China and Qilin Semiconductor buys it.", {("Kestrel Electronics", "China"),
                                                                              ("Qilin Semiconductor", "China")}),
    # a demonym on another noun ("Chinese customers") does not place the firm named after it
    ("Chinese customers such as Vantor Technologies buy from Kestrel Electronics.", {("Kestrel Electronics", "China")}),
    # the list ends at the clause: the firm after "while" is not one of the Japanese firms
    ("Japanese firms Kestrel Electronics and Orbital Fab Corp grew, while Qilin Semiconductor shrank.",
     {("Qilin Semiconductor", "Japan")}),
    # a country's ban on a firm does not place the firm in that country
    ("Japan's curbs on Qilin Semiconductor took effect.", {("Qilin Semiconductor", "Japan")}),
])
def test_no_based_in_the_text_does_not_state(text, absent):
    got = _based(text)
    assert not (absent & got), got


@pytest.mark.parametrize("text,firms", [
    ("The new Entity List rule cuts off exports to 90 companies, including Qilin Semiconductor.",
     {"Qilin Semiconductor"}),
    ("The Entity List now restricts trade with firms such as Vantor Technologies and Heyuan Photonics Co.",
     {"Vantor Technologies", "Heyuan Photonics Co"}),
])
def test_targets_after_a_counted_class_of_firms(text, firms):
    got = _targets(text)
    assert firms <= {n.rstrip(".") for n in got}, got


@pytest.mark.parametrize("text,pairs", [
    ("Japan, home to tool makers such as Tokyo Electron and Kestrel Electronics, joined the curbs.",
     {("Tokyo Electron", "Japan"), ("Kestrel Electronics", "Japan")}),
    ("The Netherlands, which is home to Orbital Fab Corp, agreed.", {("Orbital Fab Corp", "Netherlands")}),
])
def test_based_in_home_to(text, pairs):
    got = _based(text)
    assert pairs <= got, got


def test_no_based_in_from_home_to_in_another_clause():
    text = "Japan agreed, and Singapore is home to Orbital Fab Corp."
    assert ("Orbital Fab Corp", "Japan") not in _based(text)


def test_no_target_from_firms_the_measure_does_not_hit():
    text = "The new Entity List rule worries analysts at 12 firms, including Brightwater Research."
    assert "Brightwater Research" not in _targets(text)
