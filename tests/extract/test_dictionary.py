"""The packaged dictionary: gazetteer forms, reference lists, chips, case rules."""
from __future__ import annotations

import json
from importlib import resources

from chipgraph.extract.dictionary import dictionary


def _hits(text):
    return [(h.surface, h.entry.name, h.entry.type) for h in dictionary().find(text)]


def test_dictionary_country_aliases_share_canonical_name():
    hits = _hits("The U.S. and the US and America and the United States")
    assert {name for _, name, _ in hits} == {"United States"}


def test_dictionary_government_form_beats_country():
    assert ("US government", "US government", "GovernmentBody") in _hits("the US government said")


def test_dictionary_company_variants_and_possessive():
    hits = _hits("NVIDIA Corp and Nvidia's chips")
    assert [n for _, n, _ in hits] == ["Nvidia", "Nvidia"]


def test_dictionary_plural_chip_maps_to_model_number():
    hits = _hits("it bought H800s and an H100")
    assert [(s, n) for s, n, _ in hits] == [("H800s", "H800"), ("H100", "H100")]


def test_dictionary_lower_case_common_words_do_not_match():
    assert _hits("an apple a day keeps commerce going") == []


def test_dictionary_commerce_secretary_is_not_the_department():
    assert all(n != "Commerce Department" for _, n, _ in _hits("Commerce Secretary Jane Roe"))


def test_dictionary_listed_entity_carries_listing():
    d = dictionary()
    smic = d.by_name["semiconductor manufacturing international corporation"]
    assert any(lst["list_name"] == "Entity List" and lst["federal_register"] for lst in smic.listings)
    assert d.by_name["nvidia"].identifiers.get("wikidata") == "Q182477"


def test_dictionary_reference_file_credits_epoch():
    ref = json.loads(resources.files("chipgraph.extract").joinpath("data", "reference.json").read_text())
    assert "Epoch AI" in ref["sources"]["chips"]
    assert "eto" not in json.dumps(ref["sources"]).lower()


def test_dictionary_chip_maker_from_reference():
    d = dictionary()
    assert d.chip_maker.get("h20") == "Nvidia"
    assert d.chip_maker.get("ascend-910b") == "Huawei"
