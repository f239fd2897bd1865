"""Recall of official identity: catalogue names the text writes as names become measures,
lists named by a description link to their key, a generic phrase beside a name joins it
and nothing else does. Sentences written for these tests."""
from __future__ import annotations

import pytest

from chipgraph.catalogue import MeasureCues, link_measure
from chipgraph.catalogue.linker import named_mentions
from chipgraph.extract import extract
from chipgraph.extract.output import extraction_json
from chipgraph.model import Document


def measures(text: str, published: str | None = None) -> list[dict]:
    out = extraction_json(extract(Document("recall-under-test", text, published=published)))
    return [e for e in out["entities"] if e["type"] == "ExportControl"]


def officials(text: str) -> list[str]:
    got = []
    for e in measures(text):
        o = e.get("official")
        got += [o] if isinstance(o, str) else list(o or [])
    return got


@pytest.mark.parametrize("text,key", [
    ("Regulators keep the Covered List of risky gear up to date.", "fcc_covered"),
    ("Three vendors sit on the FCC Covered List today.", "fcc_covered"),
    ("Acme Dynamics now appears on the Section 1260H list.", "1260h"),
    ("The Pentagon's 1260H list grew again this winter.", "1260h"),
    ("Two labs were moved to the Unverified List last month.", "unverified_list"),
    ("Officials placed a shipyard on the Military End-User List.", "meu_list"),
])
def test_named_mentions_find_catalogue_names(text, key):
    found = named_mentions(text)
    assert [k for _, _, k in found] == [key]
    s, e, _ = found[0]
    assert "List" in text[s:e] or "list" in text[s:e]


@pytest.mark.parametrize("text", [
    "The list of guests was long.",
    "He read the covered list of topics aloud.",  # not written as a name
    "The report cites Section 1260H of the defence law.",  # a law's section, not the list
    "Nothing here names a measure at all.",
])
def test_named_mentions_refuse_plain_words(text):
    assert named_mentions(text) == []


@pytest.mark.parametrize("phrase,key", [
    ("a Pentagon list of companies associated with Chinese military units", "1260h"),
    ("the Pentagon's list of Chinese military companies", "1260h"),
    ("a US trade restrictions list", "entity_list"),
    ("the military end-user list", "meu_list"),
])
def test_lists_named_by_description(phrase, key):
    got = link_measure(MeasureCues(phrase))
    assert got is not None and got.key == key and got.cue == "name"


def test_a_demonym_inside_the_name_is_not_the_issuer():
    # "Chinese" belongs to the list's name; the list is still the US Defense Department's
    got = link_measure(MeasureCues("list of companies linked to the Chinese military", issuer=()))
    assert got is not None and got.key == "1260h"


@pytest.mark.parametrize("text,key", [
    ("Brightwave Labs, a radio maker, is on the Covered List. Shares of Brightwave Labs fell.", "fcc_covered"),
    ("Regulators said on Monday that Quillon Systems was added to the Section 1260H list of military firms.", "1260h"),
    ("Kestrel Optics said it was placed on the Unverified List after checks failed.", "unverified_list"),
])
def test_extraction_gives_named_lists_their_key(text, key):
    assert key in officials(text)


def test_generic_list_beside_a_name_joins_it_and_other_mentions_stay():
    text = ("Defence officials added Harbin Ferro to the Section 1260H list, and the list now runs long. "
            "Separately, the Commerce Department imposed export controls on sales of lasers to Vantor Labs.")
    ms = measures(text)
    listed = [e for e in ms if e.get("official") == "1260h"]
    assert len(listed) == 1
    forms = {listed[0]["name"], *listed[0]["aliases"]}
    assert "Section 1260H list" in forms
    assert not any("export controls" in f for f in forms)  # the other measure keeps its own identity


def test_name_overlapping_a_measure_mention_stays_a_form_of_it():
    text = "Since 2021 Orlan Networks sits on a US trade restrictions list, so sales to it need permits."
    ms = [e for e in measures(text) if e.get("official") == "entity_list"]
    assert ms, "the list named by its description links to the Entity List"
    assert any("trade restrictions list" in f for f in [ms[0]["name"], *ms[0]["aliases"]])


@pytest.mark.parametrize("later", ["The new list also names a ferry operator.", "Also on the list is a chip foundry."])
def test_a_measure_called_only_the_list_is_the_one_named_list(later):
    text = ("Defence officials published their Section 1260H list of military firms on Friday. "
            f"Critics called the move rushed. {later}")
    ms = measures(text)
    assert len([e for e in ms if e.get("official") == "1260h"]) == 1
    assert not any("list" in e["name"].lower() and not e.get("official") for e in ms)
