"""Relations through coordination, passives, anaphora and appositions (hand-written sentences,
invented names): one case per capability added for the second held-out set."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _rels(text):
    x = extract(Document("t", text))
    names = {e.key: e.name for e in x.entities}
    types = {e.key: e.type for e in x.entities}
    return {("<control>" if types[r.subject] == "ExportControl" else names[r.subject], r.predicate, names[r.object])
            for r in x.relations}


def _names(text):
    return {(e.name, e.type) for e in extract(Document("t", text)).entities}


@pytest.mark.parametrize("text,rel", [
    # a second country in a list
    ("The new export controls bar sales of advanced chips to Vietnam and Hong Kong.",
     ("<control>", "targets", "Hong Kong")),
    # passive subjects, coordinated
    ("The U.S. export controls were widened once more. Cuba, Syria and Iran remain effectively barred by the older rules.",
     ("<control>", "targets", "Iran")),
    ("The Commerce Department updated the Entity List on Monday. Huawei was itself placed on the "
     "Entity List in 2021.", ("<control>", "targets", "Huawei")),
    ("Brisk Semiconductor, a second Chinese GPU start-up that was added to the Entity List last year, would not comment.",
     ("<control>", "targets", "Brisk Semiconductor")),
    # "including" after a listing verb, with descriptors inside the list
    ("The Commerce Department added 12 firms to the Entity List, including memory maker Quellan Memory "
     "Technologies and AI-chip designer Ostrava Computing.", ("<control>", "targets", "Ostrava Computing")),
    # a chip as the subject of a ban, through "it"
    ("The export controls took effect in 2023. Feld said the model ran on H800s, a version sold in China "
     "before it too was banned.", ("<control>", "restricts", "H800")),
])
def test_extract_coordination_measure_targets(text, rel):
    assert rel in _rels(text)


@pytest.mark.parametrize("text,rel", [
    ("Nvidia reported results on Monday. Nvidia's chief executive, Oskar Lind, said demand was strong.",
     ("Oskar Lind", "affiliatedWith", "Nvidia")),
    ("Halden Micro Technologies expanded output. The company's rotating chairman, Yusuf Arslan, said demand was strong.",
     ("Yusuf Arslan", "affiliatedWith", "Halden Micro Technologies")),
    ("Marta Cole, a former State Department lawyer who is now a research fellow at the Rowan Institute, "
     "disagreed.", ("Marta Cole", "affiliatedWith", "Rowan Institute")),
    ("Priya Vance, who heads the Rowan Institute, announced the study.", ("Priya Vance", "affiliatedWith", "Rowan Institute")),
    ("Kellan Data Systems beat forecasts. CEO Ana Ruiz said the company expected growth.",
     ("Ana Ruiz", "affiliatedWith", "Kellan Data Systems")),
    ("Representative Tom Arlo filed a matching bill in the House of Representatives.",
     ("Tom Arlo", "affiliatedWith", "US House of Representatives")),
])
def test_extract_coordination_affiliations(text, rel):
    assert rel in _rels(text)


@pytest.mark.parametrize("text,rel", [
    ("Nvidia said demand for its Hopper and Blackwell chips grew.", ("Nvidia", "manufactures", "Blackwell")),
    ("Nvidia is in talks about the B30A, a cut-down version of its Blackwell part.",
     ("Nvidia", "manufactures", "B30A")),
    ("The model was trained on H800s, a version Nvidia designed for China.", ("Nvidia", "manufactures", "H800")),
    ("Ostrava Computing, a Shanghai startup that designs the OX-700 training chip, said it would appeal.",
     ("Ostrava Computing", "manufactures", "OX-700")),
    ("ByteDance and Tencent, two of Nvidia's biggest customers, had stockpiled H20 chips.",
     ("Tencent", "usesChip", "H20")),
    ("The Ascend 910C is now used by Chinese model makers including Zhipu and Moonshot AI for training.",
     ("Moonshot AI", "usesChip", "Ascend 910C")),
    ("Thousands of Nvidia H20 chips were bought by Kestrel Cloud, a Chinese reseller, in 2024.",
     ("Kestrel Cloud", "usesChip", "H20")),
    ("The MI308 accelerators had been ordered by Tencent before the rule.", ("Tencent", "usesChip", "MI308")),
    ("Huawei's Ascend 910C ships this year. Tencent and ByteDance had stockpiled it.",
     ("ByteDance", "usesChip", "Ascend 910C")),
    ("South Korea's SK Hynix and Samsung Electronics were already barred from shipping HBM to China.",
     ("Samsung Electronics", "basedIn", "South Korea")),
    ("Velta Semiconductor and Moru Semiconductor, China's two largest foundries, buy Dutch tools.",
     ("Velta Semiconductor", "basedIn", "China")),
    ("The shipments went through a Malaysian reseller, Pantai Systems, according to court records.",
     ("Pantai Systems", "basedIn", "Malaysia")),
])
def test_extract_coordination_products_and_places(text, rel):
    assert rel in _rels(text)


@pytest.mark.parametrize("text,entity", [
    ("Huawei said its Ascend line would rely on clustering.", ("Ascend", "Chip")),
    ("The startup designs the OX-700 training chip.", ("OX-700", "Chip")),
    ("Huawei's Ascend 910C pairs two 910B dies in one package.", ("910B", "Chip")),
])
def test_extract_coordination_chip_names(text, entity):
    assert entity in _names(text)


def test_extract_coordination_bare_number_joins_family():
    x = extract(Document("t", "Huawei makes the Ascend 910C. The 910C is used widely in China."))
    chips = [e for e in x.entities if e.type == "Chip"]
    assert len(chips) == 1 and "910C" in chips[0].aliases


def test_extract_coordination_short_form_of_suffixed_name():
    x = extract(Document("t", "Quellan Memory Technologies was listed. Quellan Memory said it would appeal."))
    assert [e.name for e in x.entities if e.type == "Company"] == ["Quellan Memory Technologies"]


def test_extract_coordination_senator_without_chamber_in_sentence_keeps_committee_sentence():
    rels = _rels("Senator Ada Brook chairs the Senate Banking Committee's export subcommittee.")
    assert ("Ada Brook", "affiliatedWith", "Senate Banking Committee") in rels
