"""Issue 12, categories 1-3: affiliatedWith and basedIn stated by constructions the extractor
missed on unseen articles: an organization and title after the name, a copula, founding, the
current post after a relative clause; a demonym after an earlier capitalised word, "COUNTRY is
home to A", "based in CITY in COUNTRY", "CITY-based A". Every sentence is written for these
tests (real firm names, made-up events); negatives check that nothing is added that the text
does not state."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _rels(text, predicate):
    x = extract(Document("t", text))
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == predicate}


def _has(rels, subject, obj):
    return any(subject in s and obj in o for s, o in rels)


# -- affiliatedWith -------------------------------------------------------------------------

@pytest.mark.parametrize("text,person,org", [
    ("Lisa Su, AMD chief executive, told investors on Monday that demand stayed firm.", "Lisa Su", "Advanced Micro"),
    ("Jensen Huang, Nvidia CEO, spoke to reporters in Taipei after the keynote.", "Jensen Huang", "Nvidia"),
    ("“We are ready,” said Pat Gelsinger, Intel CEO.", "Pat Gelsinger", "Intel"),
])
def test_org_and_title_after_name(text, person, org):
    assert _has(_rels(text, "affiliatedWith"), person, org)


@pytest.mark.parametrize("text,person,org", [
    ("Morris Chang is also the founder and honorary chairman of TSMC, which he led for decades.", "Morris Chang", "Taiwan Semiconductor"),
    ("Lisa Su has been the chief executive of AMD since 2014.", "Lisa Su", "Advanced Micro"),
    ("Jensen Huang remains the president of Nvidia, the company said in a filing.", "Jensen Huang", "Nvidia"),
])
def test_copula(text, person, org):
    assert _has(_rels(text, "affiliatedWith"), person, org)


@pytest.mark.parametrize("text,person,org", [
    ("Nvidia was founded by Jensen Huang and two partners at a roadside diner in 1993.", "Jensen Huang", "Nvidia"),
    ("TSMC was established in Hsinchu in 1987 by the former executive Morris Chang, with state backing.", "Morris Chang", "Taiwan Semiconductor"),
    ("Nvidia, co-founded by Jensen Huang, grew into a major rival of Intel.", "Jensen Huang", "Nvidia"),
])
def test_founded_by(text, person, org):
    assert _has(_rels(text, "affiliatedWith"), person, org)


def test_current_post_after_relative_clause():
    text = ("“The rules leak,” said Jane Marlow, who ran export policy at the Commerce Department for years "
            "and is now a partner at the strategy consultancy Albright Stonebridge Group.")
    rels = _rels(text, "affiliatedWith")
    assert _has(rels, "Jane Marlow", "Albright Stonebridge")


@pytest.mark.parametrize("text,person,org", [
    # a former post is not a current affiliation; a customer is no employer
    ("Lisa Su was a former engineer of IBM before she moved on.", "Lisa Su", "IBM"),
    ("Nvidia was praised by Jensen Huang's critics and by Lisa Su alike.", "Lisa Su", "Nvidia"),
    ("Jensen Huang, Nvidia said on Monday, will visit Beijing.", "Jensen Huang", "Nvidia"),
])
def test_no_affiliation_the_text_does_not_state(text, person, org):
    assert not _has(_rels(text, "affiliatedWith"), person, org)


# -- basedIn --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,firm,country", [
    ("Shares fell in the United States after Chinese firm Huawei unveiled a new laptop.", "Huawei", "China"),
    ("Buyers in Europe turned to Korean memory maker SK Hynix for supplies.", "SK Hynix", "South Korea"),
])
def test_demonym_after_an_earlier_capitalised_word(text, firm, country):
    assert _has(_rels(text, "basedIn"), firm, country)


@pytest.mark.parametrize("text,firm,country", [
    ("Taiwan is home to TSMC, whose plants make most of the world's advanced chips.", "Taiwan Semiconductor", "Taiwan"),
    ("South Korea is also home to Samsung Electronics and its memory lines.", "Samsung", "South Korea"),
])
def test_country_is_home_to(text, firm, country):
    assert _has(_rels(text, "basedIn"), firm, country)


@pytest.mark.parametrize("text,firm,country", [
    ("The order hit Nexperia, based in Nijmegen in the Netherlands, late on Sunday.", "Nexperia", "Netherlands"),
    ("Huawei, headquartered in Shenzhen, said the rule was unfair to China.", "Huawei", "China"),
    ("ASML, which is based in Veldhoven, the Netherlands, declined to comment.", "ASML", "Netherlands"),
    ("Analysts in China said Beijing-based chip designer Loongson would feel the impact first.", "Loongson", "China"),
    ("Hsinchu-based TSMC will build the part for buyers outside Taiwan.", "Taiwan Semiconductor", "Taiwan"),
])
def test_city_places_the_firm(text, firm, country):
    # a city names its country only when the country is an entity of the article
    assert _has(_rels(text, "basedIn"), firm, country)


@pytest.mark.parametrize("text,firm,country", [
    # selling to, or an office in, a country is not where a firm is based
    ("Nvidia sold chips to customers in China through a reseller.", "Nvidia", "China"),
    ("Samsung Electronics opened an office in Tokyo last year.", "Samsung", "Japan"),
    ("Regulators in the United States asked Huawei questions.", "Huawei", "United States"),
    ("Intel is a supplier to firms in Taiwan, which is home to many buyers.", "Intel", "Taiwan"),
])
def test_no_based_in_the_text_does_not_state(text, firm, country):
    assert not _has(_rels(text, "basedIn"), firm, country)
