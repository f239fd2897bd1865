"""Mentions and linking: people, organizations, chips, models, measures."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _ents(text):
    x = extract(Document("t", text))
    return {e.name: e for e in x.entities}


@pytest.mark.parametrize("text,name", [
    ("Maria Gonzalez, a chip analyst at Fictive Capital, said prices rose.", "Maria Gonzalez"),
    ("Acme CEO Lars Petersen declined to comment.", "Lars Petersen"),
    ("The decision was cheered, said Ravi Patel, a trade lawyer.", "Ravi Patel"),
    ("Reps. Ann Fields, D-Ore., and Bob Hart, R-Ohio, wrote to the agency.", "Bob Hart"),
])
def test_mentions_person_patterns(text, name):
    ents = _ents(text)
    assert ents[name].type == "Person"


def test_mentions_surname_links_to_full_name():
    ents = _ents("Maria Gonzalez, an analyst at Fictive Capital, spoke. Gonzalez said more.")
    assert "Gonzalez" in ents["Maria Gonzalez"].aliases
    assert "Gonzalez" not in ents


def test_mentions_new_firm_by_suffix():
    ents = _ents("Regulators named Zhonghua Lightwave Technology Co in the filing.")
    e = ents["Zhonghua Lightwave Technology Co"]
    assert e.type == "Company"


def test_mentions_abbreviation_defined_in_text():
    ents = _ents("The Office of Strategic Trade Oversight (OSTO) issued guidance. OSTO said it would act.")
    e = ents["Office of Strategic Trade Oversight"]
    assert e.type == "GovernmentBody" and "OSTO" in e.aliases


def test_mentions_chip_numbers_do_not_merge():
    ents = _ents("Nvidia's H100 and H800 GPUs, and more H800s, were sold.")
    assert {"H100", "H800"} <= set(ents)
    assert "H800s" in ents["H800"].aliases


def test_mentions_chip_families_and_models():
    ents = _ents("Huawei's Ascend 910B rivals the MI308 from AMD; DeepSeek's R1 model and GPT-4 were tested.")
    assert ents["Ascend 910B"].type == "Chip"
    assert ents["MI308"].type == "Chip"
    assert ents["R1"].type == "AIModel" and ents["GPT-4"].type == "AIModel"


def test_mentions_country_versus_government():
    ents = _ents("The US government said the U.S. would act.")
    assert ents["US government"].type == "GovernmentBody"
    assert ents["United States"].type == "Country" and "U.S." in ents["United States"].aliases


def test_mentions_demonym_alone_is_not_a_country_entity():
    ents = _ents("Chinese officials met American executives.")
    assert "China" not in ents and "United States" not in ents


def test_mentions_export_control_clusters_new_and_original():
    text = ("Washington unveiled new chip export controls on Tuesday. The new rule bars sales of the A800 to China. "
            "The original restrictions imposed in October 2022 had been narrower.")
    ctrl = [e for e in extract(Document("t", text)).entities if e.type == "ExportControl"]
    assert len(ctrl) == 2
    forms = [set(e.aliases) | {e.name} for e in ctrl]
    assert any("new rule" in f for f in forms) and any("original restrictions" in f for f in forms)


def test_mentions_named_measure():
    ents = _ents("The company was added to the Entity List last year.")
    assert ents["Entity List"].type == "ExportControl"


def test_mentions_every_mention_has_confidence_and_offsets():
    text = "Nvidia's H20 chips were banned by the Commerce Department."
    x = extract(Document("t", text))
    for e in x.entities:
        assert 0 < e.confidence <= 1
        for m in e.mentions:
            assert text[m.start:m.end] == m.surface
