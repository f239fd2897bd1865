"""Issue 12, category 3 (basedIn), seventh round: a plural description with a demonym ("the
Ruritanian chipmakers") that stands for a list of firms named just before it places the whole
list.  Every sentence is written for these tests (made-up firms); negatives check that nothing is
placed where the list it stands for is not clear."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _based(text):
    x = extract(Document("t", text))
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "basedIn"}


@pytest.mark.parametrize("text, country", [
    ("Regulators granted Quorvex Systems and Zorblat Semiconductor new waivers. "
     "The waivers help the South Korean chipmakers’ plants abroad.", "South Korea"),
    ("Quorvex Systems and Zorblat Semiconductor welcomed the rule. The two Japanese firms said it helps.", "Japan"),
    ("Quorvex Systems, Varda Electronics and Zorblat Semiconductor gained, and the Taiwanese companies led the index.",
     "Taiwan"),
])
def test_a_plural_demonym_description_places_the_list_before_it(text, country):
    based = _based(text)
    firms = {"Quorvex Systems", "Zorblat Semiconductor"}
    assert {(f, country) for f in firms} <= based


@pytest.mark.parametrize("text", [
    "Quorvex Systems said so. The Japanese firms said so too.",  # one firm: no list it stands for
    "Quorvex Systems and Zorblat Semiconductor met Varda Electronics and Zentrino Technology. "
    "The Japanese firms said so.",  # two lists: which one?
])
def test_no_place_without_one_clear_list(text):
    assert not {(f, c) for f, c in _based(text) if c == "Japan"}


def _affiliated(text):
    x = extract(Document("t", text))
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "affiliatedWith"}


@pytest.mark.parametrize("text, pair", [
    ("Lawmakers sent a letter to Under Secretary of the Bureau of Industry and Security (BIS) Zorb Tantian on Monday.",
     ("Zorb Tantian", "Bureau of Industry and Security")),
    ("Lawmakers met Secretary of the Zorblat Council (ZC) Wei Lan on Monday.", ("Wei Lan", "Zorblat Council")),
    ("Lawmakers met Director of the Zorblat Council Wei Lan on Monday.", ("Wei Lan", "Zorblat Council")),
])
def test_a_title_of_a_body_before_a_name(text, pair):
    assert pair in _affiliated(text)


def test_a_firm_before_a_name_without_a_title_says_nothing(text="The memo went from Quorvex Systems Wei Lan to staff."):
    assert not _affiliated(text)
