"""Rules described by a date and a topic, and the FR rules behind list changes, with
sentences written for these tests (``catalogue.linker``: ``attached_dates``, the
distinctive words of FR titles and abstracts, ``listing_rule``)."""
from __future__ import annotations

from datetime import date

import pytest

from chipgraph.catalogue import MeasureCues, link_measure
from chipgraph.catalogue.linker import attached_dates, listing_rule, measure_index, tokens


def link(phrase, sentence="", day=None, **kw):
    return link_measure(MeasureCues(phrase, sentence, day, **kw))


# -- which dates of a sentence date the measure -----------------------------------------------
@pytest.mark.parametrize("phrase,sentence", [
    ("export controls", "The export controls that took effect in October 2022 still bind toolmakers."),
    ("new rules", "In October 2022, Washington imposed new rules on sales of chip tools."),
    ("sweeping curbs", "On Oct. 7, 2022, after months of debate, officials in Washington finally announced sweeping curbs on chip sales."),
    ("the curbs", "Last October the curbs arrived."),
])
def test_a_date_near_the_phrase_or_opening_the_sentence_dates_the_measure(phrase, sentence):
    spans = attached_dates(phrase, sentence, date(2023, 3, 1))
    assert spans and all(s.start.year == 2022 and s.start.month == 10 for s in spans)


@pytest.mark.parametrize("phrase,sentence", [
    ("export controls", "Two traders tried to evade export controls, according to the charges, which say the plot "
                        "began in at least March 2023."),
    ("the sanctions", "The sanctions hurt the firm; its founder, who set it up in 2019, has left."),
    ("US curbs", "US curbs were cited by a supplier that opened a plant across the river from the old customs house "
                 "in the spring of 2021."),
])
def test_a_date_of_another_event_in_the_sentence_does_not(phrase, sentence):
    assert attached_dates(phrase, sentence, date(2024, 6, 1)) == []


def test_a_date_of_another_event_no_longer_links_a_generic_measure():
    s = "Two traders tried to evade U.S. export controls, prosecutors said, who estimated the plot began in November 2023."
    assert link("U.S. export controls", s, "2025-12") is None


# -- distinctive words of FR titles and abstracts ---------------------------------------------
def test_distinctive_words_are_rare_words_of_a_rule_not_boilerplate():
    idx = measure_index()
    got = idx.fit_words(tokens("foundries and outsourced assembly and test firms must do due diligence"))
    assert "fr-2025-00711" in got and len(got["fr-2025-00711"]) >= 3
    boiler = idx.fit_words(tokens("the Bureau of Industry and Security amends the Export Administration Regulations"))
    assert not any(len(v) >= 2 for v in boiler.values())


def test_a_rule_of_the_weeks_before_the_article_that_the_text_describes():
    s = "The interim rule tells foundries and outsourced assembly and test companies what due diligence they owe."
    got = link("The interim rule", s, "2025-02-10")
    assert got is not None and got.official == "2025-00711"
    assert link("The interim rule", s, "2025-09-10") is None  # months later: no rule of those weeks
    assert link("The interim rule", "The interim rule was criticised by exporters.", "2025-02-10") is None


def test_two_rules_of_one_day_are_told_apart_by_what_the_text_says():
    s = "On January 15, 2025, the agency issued rules on due diligence for foundries and outsourced assembly and test firms."
    got = link("rules on due diligence", s, "2025-01")
    assert got is not None and got.official == "2025-00711"
    vague = "On January 15, 2025, the agency issued rules on advanced chips."
    assert link("rules on advanced chips", vague, "2025-01") is None  # two rules that day, nothing to choose


def test_a_rarely_named_rule_needs_its_date_and_its_words():
    s = "In October 2023 the agency widened the validated end-user authorizations of Samsung's and SK Hynix's plants in China."
    assert link("the validated end-user authorizations", s, "2023-12-01").official == "2023-22873"
    vague = link("the authorizations", "Exporters asked about authorizations in October 2023.", "2023-12-01")
    assert vague is None or vague.official != "2023-22873"  # its date alone does not name it


def test_a_name_in_the_phrase_is_not_outvoted_by_a_date_of_the_sentence():
    s = "The agency named the start-up to its Entity List on Wednesday, alongside other rules."
    got = link("its Entity List", s, "2025-01-16")
    assert got is not None and got.key == "entity_list" and got.cue == "name"


# -- the FR rule of a list change --------------------------------------------------------------
@pytest.mark.parametrize("sentence,day,number", [
    ("On May 9 the agency said 37 entities based in China had been added to the Entity List.", "2024-05", "2024-10485"),
    ("The department adds 37 Chinese organisations to the Entity List.", "2024-05-10", "2024-10485"),
    ("Thirteen Chinese entities were placed on the Entity List on Tuesday.", "2023-10-18", "2023-23048"),
    ("Washington put fourteen Chinese companies and two firms from Singapore on its Entity List.", "2025-01-16", "2025-00480"),
    ("Regulators added 23 Chinese companies to the entity list.", "2025-09-14", "2025-17893"),
])
def test_listing_rule_from_the_stated_or_article_date(sentence, day, number):
    got = listing_rule("entity_list", "Entity List", sentence, day)
    assert got is not None and got.official == number


def test_listing_rule_for_a_removal_from_the_unverified_list():
    got = listing_rule("unverified_list", "Unverified List", "The agency removed 27 Chinese entities from its Unverified List.",
                       "2023-08-22")
    assert got is not None and got.official == "2023-18125"


@pytest.mark.parametrize("sentence,day", [
    ("The chipmaker has been on the Entity List since 2019.", "2025-01-08"),  # no change stated
    ("The foundry was added to the Entity List in 2020.", "2023-11"),  # a year: no rule
    ("The agency added 80 entities to the Entity List.", "2025-03-26"),  # two rules that week, no count fits
    ("The agency added entities to the Entity List.", "2023-10-18"),  # two rules near, no count
    ("Firms were added to the Entity List.", None),  # no date at all
])
def test_listing_rule_refuses_when_the_text_does_not_point_to_one(sentence, day):
    assert listing_rule("entity_list", "Entity List", sentence, day) is None


def test_listing_rule_only_for_lists_the_federal_register_changes():
    assert listing_rule("1260h", "the 1260H list", "The Pentagon added 20 companies to the 1260H list.", "2025-01-08") is None


def test_new_in_a_sentence_set_in_the_past_is_no_recency():
    s = "Back in 2022 the government restricted chip exports, and the firm made a processor that met the new limitations."
    assert link("the new limitations", s, "2025-10-20", issuer=["United States"]) is None
    fresh = link("the new limitations", "Exporters studied the new limitations on advanced computing chips for China.",
                 "2023-10-30", issuer=["United States"])
    assert fresh is not None and fresh.official == "2023-23055"


def test_a_rule_does_not_take_the_list_its_sentence_names():
    s = "Under the foreign direct product rule, sales to firms on the Entity List need a licence."
    got = link("the foreign direct product rule", s)
    assert got is None or got.key != "entity_list"
    assert link("the list", "Under the rule, sales to firms on the Entity List need a licence.").key == "entity_list"
