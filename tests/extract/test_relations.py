"""Relations from general constructions, on hand-written sentences."""
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
        assert r.evidence and 0 < r.confidence <= 1
    return out


@pytest.mark.parametrize("text,rel", [
    ("Maria Gonzalez, a chip analyst at Fictive Capital, said prices rose.",
     ("Maria Gonzalez", "affiliatedWith", "Fictive Capital")),
    ("Lars Petersen, the CEO of Huawei, spoke.", ("Lars Petersen", "affiliatedWith", "Huawei")),
    ("Intel's Gaudi3 was delayed.", ("Intel", "manufactures", "Gaudi3")),
    ("Shares of AMD fell as the MI300X, an AMD AI chip, lagged.", ("Advanced Micro Devices", "manufactures", "MI300X")),
    ("Chinese startup Moonshot AI gained users.", ("Moonshot AI", "basedIn", "China")),
    ("Baidu, a Chinese search giant, cut prices.", ("Baidu", "basedIn", "China")),
    ("Alibaba's Qwen was updated.", ("Alibaba", "develops", "Qwen")),
    ("Rules forced ByteDance to use H20s in its data centers.", ("ByteDance", "usesChip", "H20")),
])
def test_relations_patterns(text, rel):
    assert rel in _rels(text)


def test_relations_measure_imposed_restricts_targets():
    text = "The Commerce Department imposed new export controls that bar sales of the H20 to China."
    rels = _rels(text)
    assert ("<control>", "imposedBy", "Commerce Department") in rels
    assert ("<control>", "restricts", "H20") in rels
    assert ("<control>", "targets", "China") in rels


def test_relations_no_use_from_comparison():
    rels = _rels("Controls forced Zhipu AI to use H800s, which were slower than H100s.")
    assert ("Zhipu AI", "usesChip", "H800") in rels
    assert ("Zhipu AI", "usesChip", "H100") not in rels


def test_relations_verb_subject_is_not_based_in_country():
    rels = _rels("US probes Alibaba over chip purchases.")
    assert not any(p == "basedIn" for _, p, _ in rels)


@pytest.mark.parametrize("text,rel", [
    ("Orbital Fab Corp (OFC), China's largest contract chipmaker, grew.", ("Orbital Fab Corp", "basedIn", "China")),
    ("Kestrel Memory, Japan's leading memory maker, grew.", ("Kestrel Memory", "basedIn", "Japan")),
    ("Developers, including Falcon Compute of the United Arab Emirates, cheered.",
     ("Falcon Compute", "basedIn", "United Arab Emirates")),
    ("Its buyers include Chinese internet groups such as Baidu and ByteDance.", ("ByteDance", "basedIn", "China")),
    ("The ministry added 28 U.S. entities, including contractors Lockhart Systems, to its list.",
     ("Lockhart Systems", "basedIn", "United States")),
])
def test_relations_general_based_in(text, rel):
    assert rel in _rels(text)


def test_relations_no_use_after_failed_attempt():
    rels = _rels("Chinese buyers such as Baidu, which have struggled to obtain Nvidia's H20, waited.")
    assert ("Baidu", "usesChip", "H20") not in rels
    assert ("Nvidia", "basedIn", "China") not in rels
