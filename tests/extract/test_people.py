"""People, government bodies and datelines found by general patterns, on hand-written sentences."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _entities(text):
    return {(e.name, e.type) for e in extract(Document("t", text)).entities}


def _relations(text):
    x = extract(Document("t", text))
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in x.relations}


@pytest.mark.parametrize("text,person", [
    # a title abbreviation keeps its name in the same sentence
    ("Few agreed. Sen. Orla Brannigan, a Vermont Democrat, said the plan would fail.", "Orla Brannigan"),
    # a title with its portfolio
    ('"We act," said Under Secretary of Commerce for Trade Tobias Wrenfield.', "Tobias Wrenfield"),
    ('"We act," said Assistant Secretary for Export Enforcement Delia Harrowgate.', "Delia Harrowgate"),
    # a demonym before a title is no first name
    ("Dutch Foreign Trade Minister Pieter van Oosten told parliament the rules were fair.", "Pieter van Oosten"),
    # reporting credits and bylines
    ("The fund grew.\n(Reporting by Mira Castell in Taipei; Editing by Jonah Pell)", "Mira Castell"),
    ("The fund grew.\n(Reporting by Mira Castell in Taipei; Editing by Jonah Pell)", "Jonah Pell"),
    ("Commentary: Chips and trade\nBy Imelda Sorrow\nThe fund grew.", "Imelda Sorrow"),
])
def test_extract_people_titles_and_credits(text, person):
    assert (person, "Person") in _entities(text)


def test_extract_people_party_demonym_is_no_person():
    names = {n for n, t in _entities("Sen. Orla Brannigan, a New Mexico Democrat, said it failed.") if t == "Person"}
    assert names == {"Orla Brannigan"}


@pytest.mark.parametrize("text", [
    "TOKYO — Japan tightened its rules on chip tools on Friday.",
    "TOKYO, May 13 - Japan tightened its rules on chip tools on Friday.",
])
def test_extract_dateline_is_no_government(text):
    assert ("Japanese government", "GovernmentBody") not in _entities(text)


def test_extract_country_possessive_ministry():
    ents = _entities("Malaysia's trade ministry said on Monday that exporters need a permit.")
    assert ("Malaysia's trade ministry", "GovernmentBody") in ents


def test_extract_country_possessive_ministry_links_to_full_name():
    text = ("Japan's Ministry of Economy, Trade and Industry added 23 items. "
            "Japan's trade ministry said the rules take effect in July.")
    govs = [n for n, t in _entities(text) if t == "GovernmentBody" and "inistry" in n]
    assert govs == ["Ministry of Economy, Trade and Industry"]


def test_extract_affiliation_possessive_title_after_name():
    rels = _relations("Orla Brannigan, Fictive Compute's chief executive, said sales fell.")
    assert ("Orla Brannigan", "affiliatedWith", "Fictive Compute") in rels


def test_extract_imposer_is_the_measures_own_government():
    rels = _relations("The Dutch government on Thursday expanded export licence requirements for etching "
                      "machines, days after Japan's trade ministry put 14 chipmaking tools on its list.")
    assert any(p == "imposedBy" and o == "Dutch government" for s, p, o in rels)
