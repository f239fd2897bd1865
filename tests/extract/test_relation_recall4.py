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
