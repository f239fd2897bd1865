"""Issue 12, categories 1-3: measure relations stated by constructions that the extractor
missed on unseen articles (directives, listing verbs with descriptors, lists carried over
sentences, passive listings, countries "like A, B and C"). Every sentence here is written for
these tests; the firms are real names the gazetteer knows, in made-up events."""
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


def _of_measure(text, predicate):
    return {o for s, p, o in _rels(text) if s == "<control>" and p == predicate}


def _short(names):
    """Canonical names may be longer than the article's ("SMIC" is linked to its full name)."""
    return {n.split(" ")[0].rstrip(",.") for n in names}


# -- a government orders a party to stop: a measure whose imposer is the government ----------

@pytest.mark.parametrize("text,imposer", [
    ("The Commerce Department on Friday ordered Samsung Electronics to stop shipping advanced chips "
     "to customers in China.", "Commerce Department"),
    ("In a notice this week, the Cyberspace Administration of China directed local platforms including "
     "Tencent and Baidu to cease purchases of the Nvidia H20.", "Cyberspace Administration of China"),
    ("The US Department of Commerce has instructed TSMC to halt deliveries of its most advanced chips "
     "to mainland buyers.", "Commerce Department"),
])
def test_directive_is_a_measure_of_the_government(text, imposer):
    assert imposer in _of_measure(text, "imposedBy")


def test_urging_a_directive_is_not_a_measure():
    text = "Lawmakers urged the Commerce Department to order TSMC to stop shipping chips to Huawei."
    assert "Commerce Department" not in _of_measure(text, "imposedBy")


# -- listing verbs before firms with descriptors, demonyms and possessives -------------------

@pytest.mark.parametrize("text,firms", [
    ("Taipei has put China's Huawei and SMIC on its export control list.", {"Huawei", "Semiconductor"}),
    ("Taiwan's trade office has added China's Huawei and the memory maker CXMT to its export control list.",
     {"Huawei", "ChangXin"}),
    ("Washington added 20 mostly Chinese entities, including Chinese server maker Inspur and the "
     "drone firm DJI, to the Entity List.", {"Inspur", "DJI"}),
    ("The rules come as Washington moves to target Biren and Moore Threads with new US sanctions.",
     {"Biren", "Moore"}),
])
def test_listing_verb_with_descriptors(text, firms):
    assert firms <= _short(_of_measure(text, "targets"))


def test_what_a_firm_makes_is_not_its_listing():
    # a firm named as the maker of restricted goods is not a target
    text = "The Commerce Department restricted exports of Nvidia's H20 chips to China."
    assert "Nvidia" not in _of_measure(text, "targets")


# -- lists carried over sentences, inverted and passive listings -----------------------------

@pytest.mark.parametrize("text,firms", [
    ("The Pentagon added nine firms to its 1260H list. The additions include chip designer Biren "
     "and drone maker DJI. Among the earlier listed firms that they joined are Huawei and ZTE.",
     {"Biren", "DJI", "Huawei", "ZTE"}),
    ("Washington added nine firms to the Entity List. Included in that list this time is Sophgo, a "
     "chip designer.", {"Sophgo"}),
    ("The Commerce Department updated the Entity List on Monday. Still on the list are the "
     "chipmaker SMIC and ZTE.", {"Semiconductor", "ZTE"}),
])
def test_list_over_sentences(text, firms):
    assert firms <= _short(_of_measure(text, "targets"))


@pytest.mark.parametrize("text,firms", [
    ("ZTE, which was on the trade blacklist for a year, denied wrongdoing.", {"ZTE"}),
    ("Huawei Technologies, a firm that has been on Washington's Entity List for years, declined to comment.",
     {"Huawei"}),
    ("Biren, Moore Threads and their overseas subsidiaries were added to the Entity List on Tuesday.",
     {"Biren", "Moore"}),
    ("Beijing's commerce ministry imposed export controls on Nexperia and its subcontractors this month.",
     {"Nexperia"}),
    ("The Covered List currently includes telecom equipment produced by Huawei, ZTE and Hikvision.",
     {"Huawei", "ZTE", "Hikvision"}),
])
def test_passive_and_holding_listings(text, firms):
    assert firms <= _short(_of_measure(text, "targets"))


# -- countries -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,countries", [
    ("The US introduced export controls on AI chips in 2022 to keep countries like China, Russia and "
     "Iran from buying them.", {"China", "Russia", "Iran"}),
    ("The rule imposed a licence requirement for exports to China (and Russia) of the A100 chip.",
     {"China", "Russia"}),
])
def test_countries_in_lists(text, countries):
    assert countries <= _of_measure(text, "targets")


def test_transit_countries_are_not_targets():
    text = ("Investigators are asking whether the chips evaded US export controls through resellers in "
            "countries such as Malaysia and Singapore.")
    got = _of_measure(text, "targets")
    assert not {"Malaysia", "Singapore"} & got, got


def test_bracketed_alias_does_not_break_a_list():
    text = ("The Pentagon added Chinese internet group Baidu, battery maker Contemporary Amperex "
            "Technology ('CATL'), and chipmaker SMIC to its 1260H list.")
    got = _short(_of_measure(text, "targets"))
    assert {"Baidu", "Contemporary", "Semiconductor"} <= got, got
