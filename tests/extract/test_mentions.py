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


def test_mentions_shared_surname_links_to_neither_person():
    text = ("Maria Gonzalez, an analyst at Fictive Capital, and Pedro Gonzalez, a lawyer at Ardent LLP, "
            "disagreed. Gonzalez said the rule would fail.")
    ents = _ents(text)
    assert "Gonzalez" not in ents["Maria Gonzalez"].aliases
    assert "Gonzalez" not in ents["Pedro Gonzalez"].aliases


def test_mentions_do_not_depend_on_the_python_hash_seed():
    import subprocess
    import sys

    text = ("Maria Gonzalez, an analyst at Fictive Capital, met Lars Smith-Jones, a fellow at Orion "
            "Institute. Smith-Jones and Gonzalez said Smith had left. Maria agreed, Lars said.")
    code = ("import json, sys; from chipgraph.extract import extract; from chipgraph.model import Document\n"
            "print(json.dumps(extract(Document('t', sys.argv[1])).to_json(), sort_keys=True))")
    outs = {subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout
            for seed in ("0", "1", "2", "3")}
    assert len(outs) == 1


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


@pytest.mark.parametrize("text,name,typ", [
    # a name after an age apposition, a lower-case particle, a title run, a country-named first name
    ("Omar Lind, 41, and Petra Holm, 38, ran the shop.", "Omar Lind", "Person"),
    ("The rule is flawed, said Anneke van Dijk, a professor at Utrecht University.", "Anneke van Dijk", "Person"),
    ("\"It is over,\" said Assistant Attorney General Mara Quill.", "Mara Quill", "Person"),
    ("Jordan Vance, a former Commerce Department official, said the rule was weak.", "Jordan Vance", "Person"),
    ("Representative Bill Ostrander said the bill would pass.", "Bill Ostrander", "Person"),
    # an institution "of" a country and a name defined by its abbreviation beat the inner hit
    ("Wu Lan, an economist at Renmin University of China, spoke.", "Renmin University of China", "Organization"),
    ("She is director at the Information Policy Forum (IPF), a think tank.", "Information Policy Forum", "Organization"),
    # coordinated firms after a plural descriptor keep their first word
    ("The list named defence contractors General Dynamo and Harbor Ingalls.", "Harbor Ingalls", "Company"),
])
def test_mentions_general_name_patterns(text, name, typ):
    ents = _ents(text)
    assert ents[name].type == typ


def test_mentions_firm_suffix_does_not_make_a_person():
    ents = _ents("They ran a distributor called Orvane Compute Solutions until 2024.")
    assert ents["Orvane Compute Solutions"].type == "Company"


def test_mentions_short_firm_name_merges_with_full_name():
    ents = _ents("Analysts at Kestrel Securities cut targets. \"Orders fell,\" said Ana Ruiz, an analyst at Kestrel.")
    assert "Kestrel" not in ents
    assert ents["Kestrel Securities"].type == "Company"


def test_mentions_family_name_first_links_on_speech_verb():
    ents = _ents("Zhao Minghua, a researcher at Peking University, spoke. \"Buyers are wary,\" Zhao said.")
    assert "Zhao" in ents["Zhao Minghua"].aliases


@pytest.mark.parametrize("text,absent", [
    ("Huang visited Beijing and met officials.", "Chinese government"),
    ("BEIJING (Reuters) - Prices rose.", "Chinese government"),
    ("Lawmakers weighed the GAIN AI Act on Tuesday.", "GAIN AI"),
    ("Lawyers for Mei Tsang and Ravi Olin, 44, declined comment. Mei Tsang, 30, and Ravi Olin, 44, were charged.", "Tsang and Olin"),
    ("It sold U.S.-made AI chips to buyers.", "U.S.-made AI"),
])
def test_mentions_not_entities(text, absent):
    assert absent not in _ents(text)


def test_mentions_measures_of_different_governments_stay_apart():
    x = extract(Document("t", "The Dutch government on Thursday expanded export licence requirements, moving it "
                              "nearer to U.S. restrictions on China."))
    controls = [e for e in x.entities if e.type == "ExportControl"]
    assert len(controls) == 2


def test_mentions_lower_case_named_list():
    ents = _ents("Beijing placed drone maker Skyvane on its unreliable entity list.")
    assert ents["Unreliable Entity List"].type == "ExportControl"
