"""Issue 12, categories 1–3 and 6, on forms common in unseen articles: a place right after an
organization's name ("the A Institute in COUNTRY", "shipped to A in COUNTRY"), and a measure's
phrase that must stay inside its sentence.  Every sentence is written for these tests (made-up
firms and events); negatives check that nothing is added that the text does not state."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _x(text):
    return extract(Document("t", text))


def _rels(text, predicate):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == predicate}


# -- basedIn: "… in COUNTRY" right after the name -------------------------------------------------

@pytest.mark.parametrize("text,org,country", [
    ("The study was led by Dana Wu, a fellow at the Meridian Policy Institute in Singapore.",
     "Meridian Policy Institute", "Singapore"),
    ("Tools were sold to the Qiantang Institute of Avionics (QIA) in China, prosecutors said.",
     "Qiantang Institute of Avionics", "China"),
    ("Investigators said the servers were shipped to Korvane Tech in Malaysia before the ban.",
     "Korvane Tech", "Malaysia"),
    ("The distributor sold H20 boards to Veltro Systems in the Netherlands and kept quiet.",
     "Veltro Systems", "Netherlands"),
    ("The regulator fined several firms, including Ostrel Logistics in Thailand, last week.",
     "Ostrel Logistics", "Thailand"),
])
def test_a_country_right_after_the_name_places_it(text, org, country):
    rels = _rels(text, "basedIn")
    assert any(org in s and country in o for s, o in rels), rels


@pytest.mark.parametrize("text,org", [
    # a company named in passing with a country is not placed there: only goods and money say so
    ("The deal nearly tripled the compute available to Microsoft in the UAE.", "Microsoft"),
    ("She runs the sales team at Nvidia in Japan and South Korea.", "Nvidia"),
    # a city says where an office is, not whose the organization is
    ("Ji-ho Park, a fellow at the Hanbit Institute for Policy in Seoul, said allies would wait.",
     "Hanbit Institute"),
    # the place is part of a longer phrase
    ("Analysts at the Meridian Policy Institute in China's south expect more curbs.", "Meridian"),
])
def test_no_seat_from_a_passing_country(text, org):
    rels = _rels(text, "basedIn")
    assert not any(org in s for s, _ in rels), rels


# -- a measure's phrase stays in its sentence ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "The agency added nine firms to the Entity List on Friday. The additions include memory maker Orlen Memory.",
    "Officials put 14 companies on the Entity List in March. The companies include chip designer Pavo Logic.",
])
def test_measure_name_does_not_run_into_the_next_sentence(text):
    x = _x(text)
    measures = [e for e in x.entities if e.type == "ExportControl"]
    assert measures, "the Entity List is a measure"
    for e in measures:
        for form in [e.name, *e.aliases]:
            assert ". " not in form, form
    # and the firm in the second sentence is still its target
    targets = _rels(text, "targets")
    assert targets and all(s == "Entity List" for s, _ in targets), targets


# -- named laws and bills the catalogue does not hold ---------------------------------------------

def _measures(text):
    return [e for e in _x(text).entities if e.type == "ExportControl"]


@pytest.mark.parametrize("text,name", [
    ("Senator Lea Ortiz introduced the Protecting American Compute Act on Thursday.",
     "Protecting American Compute Act"),
    ("Lawmakers said the Foreign Chip Tracking Act would require location checks on exported GPUs.",
     "Foreign Chip Tracking Act"),
    # a possessor in front is not part of the title; connectors inside it are
    ("Senator Ortiz's Decoupling American Compute from Rivals Act would bar imports of Chinese models.",
     "Decoupling American Compute from Rivals Act"),
    # a title stays in its sentence
    ("Tracking rules would apply to chips sent to Vietnam. The Advanced Accelerator Tracking Act would go further.",
     "Advanced Accelerator Tracking Act"),
])
def test_a_named_act_is_a_measure(text, name):
    names = [e.name for e in _measures(text)]
    assert names == [name], names


def test_an_acts_acronym_form_is_the_same_measure():
    text = ("The House passed the Secure Accelerators Export (SAE) Act of 2025 by a wide margin. "
            "Critics said the SAE Act goes too far.")
    ms = _measures(text)
    assert len(ms) == 1, [e.name for e in ms]
    forms = {ms[0].name, *ms[0].aliases}
    assert {"SAE Act", "Secure Accelerators Export (SAE) Act of 2025"} <= forms, forms
    assert len(ms[0].mentions) == 2


def test_a_named_act_keeps_its_objects_and_is_not_linked_by_its_sentence():
    # the sentence also describes a catalogued licence requirement; the bill is still the bill
    x = _x("The bill, known as the Halt Accelerator Sales Act, would bar sales of H20 chips to China.")
    ms = [e for e in x.entities if e.type == "ExportControl"]
    assert [e.name for e in ms] == ["Halt Accelerator Sales Act"]
    assert ms[0].official is None
    rels = {(r.predicate, r.object) for r in x.relations if r.subject == ms[0].key}
    assert ("restricts", "h20") in rels and ("targets", "china") in rels, rels


@pytest.mark.parametrize("text", [
    "Senate Passes Chip Export Act In Late Vote",  # a title-case headline
    "Congress will act quickly on the bill.",  # the verb
    "The Act was signed last year.",  # the head alone names no law
])
def test_no_named_act_without_a_title(text):
    assert not _measures(text), [e.name for e in _measures(text)]


def test_a_country_before_an_acts_title_and_a_clause_around_it_are_no_part_of_it():
    ms = _measures("The U.S. Remote Chip Export Act passed on Tuesday. "
                   "Critics of the Remote Chip Export Act said it was vague.")
    assert [e.name for e in ms] == ["Remote Chip Export Act"], [e.name for e in ms]
    assert "U.S. Remote Chip Export Act" in ms[0].aliases
    assert len(ms[0].mentions) == 2


def test_the_act_spoken_of_by_its_head_noun_is_the_named_act():
    x = _x("The House passed the Remote Chip Export Act on Tuesday. "
           "The act would require licences for exports of AI chips to Vietnam.")
    ms = [e for e in x.entities if e.type == "ExportControl"]
    assert [e.name for e in ms] == ["Remote Chip Export Act"], [e.name for e in ms]
    assert any(r.subject == ms[0].key and r.predicate == "targets" and r.object == "vietnam" for r in x.relations)


# -- a minister's portfolio and the ministry the text names ---------------------------------------

@pytest.mark.parametrize("text,person,body", [
    ("Taiwan's Ministry of Economic Affairs approved the plan. "
     "Economic Affairs Minister Lin Wen-hao said the review took three months.", "Lin Wen-hao", "Ministry of Economic Affairs"),
    ("Japan's industry ministry will give Hoshiro another 200 billion yen, Industry Minister Kenji Arata said.",
     "Kenji Arata", "industry ministry"),
    ("The Ministry for Foreign Trade agreed. Minister for Foreign Trade Rein Vos said so.",
     "Rein Vos", "Ministry for Foreign Trade"),
])
def test_a_ministers_portfolio_names_the_ministry(text, person, body):
    rels = _rels(text, "affiliatedWith")
    assert any(person in s and body in o for s, o in rels), rels


@pytest.mark.parametrize("text,person,wrong", [
    # another country's ministry of the same portfolio: the minister's own government instead
    ("Japan's trade ministry set new rules. Dutch trade minister Rein Vos told parliament the Dutch government agreed.",
     "Rein Vos", "trade ministry"),
    # another portfolio
    ("The Ministry of Trade approved it. Foreign Minister Ana Ruiz disagreed.", "Ana Ruiz", "Ministry of Trade"),
])
def test_no_ministry_of_another_country_or_portfolio(text, person, wrong):
    rels = _rels(text, "affiliatedWith")
    assert not any(person in s and wrong in o for s, o in rels), rels


# -- a listed firm with its country: "including A of COUNTRY" -------------------------------------

def test_listed_names_with_their_countries_are_firms_based_there():
    text = "Buyers such as Orvane Systems of Malaysia, Tekmar of Thailand and Pelco of Vietnam were named."
    x = _x(text)
    firms = {e.name for e in x.entities if e.type == "Company"}
    assert {"Orvane Systems", "Tekmar", "Pelco"} <= firms, firms
    rels = _rels(text, "basedIn")
    assert {("Orvane Systems", "Malaysia"), ("Tekmar", "Thailand"), ("Pelco", "Vietnam")} <= rels, rels


@pytest.mark.parametrize("text", [
    "Leaders including Chancellor Weber of Germany attended.",  # a title: a person
    "Several allies, including the Netherlands and Japan of course, agreed.",
])
def test_no_firm_from_a_title_or_a_country_list(text):
    assert not [e.name for e in _x(text).entities if e.type == "Company"]
