"""The measure linker: each cue, with sentences written for these tests, and the refusals."""
from __future__ import annotations

import pytest

from chipgraph.catalogue import MeasureCues, link_measure, load_catalogue, measure_index
from chipgraph.catalogue.linker import CUES


def link(phrase, sentence="", day=None, **kw):
    return link_measure(MeasureCues(phrase, sentence, day, **kw))


@pytest.mark.parametrize("phrase,key", [
    ("the October 7 rules", "fr-2022-21658"),
    ("Washington's Oct. 7 controls", "fr-2022-21658"),
    ("the so-called October 7 export controls", "fr-2022-21658"),
    ("the AI diffusion rule", "fr-2025-00636"),
    ("Biden's Framework for Artificial Intelligence Diffusion", "fr-2025-00636"),
    ("the US Entity List", "entity_list"),
    ("Commerce's trade blacklist", "entity_list"),
    ("Beijing's unreliable entity list", "mofcom_unreliable_entity_list"),
    ("notice 2023-23055", "fr-2023-23055"),
    ("the Chip Security Act", "us-chip-security-act"),
    ("the rescission of the AI diffusion rule", "us-ai-diffusion-rule-rescission-2025"),
])
def test_linker_name_cue(phrase, key):
    got = link(phrase)
    assert got is not None and got.key == key and got.cue == "name"
    assert got.confidence >= 0.9


def test_linker_name_in_sentence_when_the_phrase_is_generic():
    got = link("the regulation", "Toolmakers said the regulation, known as the October 7 rules, cost them sales.")
    assert got.key == "fr-2022-21658" and got.cue == "name-in-sentence"


def test_linker_new_rule_beside_a_named_one_is_not_that_one():
    assert link("the new rule", "The new rule will replace the AI diffusion rule, officials said.") is None


@pytest.mark.parametrize("phrase,sentence,day,key", [
    ("curbs that began in October 2022", "", "2023-06-01", "fr-2022-21658"),
    ("the restrictions", "Chipmakers are still adapting to restrictions unveiled last October.", "2023-05-20",
     "fr-2022-21658"),
    ("the measures", "The measures, announced on Tuesday, widen the limits on accelerators.", "2023-10-19",
     "fr-2023-23055"),
    ("controls imposed in December 2024", "", "2025-02-01", "us-advanced-computing-rules-2024-12"),
    ("the regulation printed in the Federal Register on Oct. 13, 2022", "", "2023-01-05", "fr-2022-21658"),
    ("limits that took effect on 17 November 2023", "", "2024-02-01", "fr-2023-23055"),
    ("the limits", "Exporters have lived with the limits imposed a year ago.", "2023-10-12", "fr-2022-21658"),
])
def test_linker_date_cue(phrase, sentence, day, key):
    got = link(phrase, sentence, day)
    assert got is not None and got.key == key and got.cue == "date"


@pytest.mark.parametrize("phrase,sentence,key,words", [
    ("the controls issued on Oct. 7", "", "fr-2022-21658", "Oct. 7"),
    ("the rules", "The rules unveiled on Oct. 17 widened the limits on accelerators.", "fr-2023-23055", "Oct. 17"),
    ("the limits", "The limits took effect on 17 November, exporters said.", "fr-2023-23055", "17 November"),
    ("the rules", "The rules of December 2 reach memory stacks too.", "us-advanced-computing-rules-2024-12",
     "December 2"),
])
def test_linker_day_without_a_year_in_an_undated_article(phrase, sentence, key, words):
    got = link(phrase, sentence)
    assert got is not None and got.key == key and got.cue == "date" and got.evidence == words


@pytest.mark.parametrize("phrase,sentence", [
    ("the rules", "Shares of the toolmaker fell on May 3."),
    ("the rules", "The rules, a lobbyist said on March 30, are vague."),  # no measure of that day
])
def test_linker_day_without_a_year_that_is_no_measures_day(phrase, sentence):
    assert link(phrase, sentence) is None


@pytest.mark.parametrize("phrase,sentence,day,kw,key,support", [
    ("the new restrictions", "Shares fell after the announcement.", "2023-10-20",
     {"issuer": ["Commerce Department"]}, "fr-2023-23055", "commerce department"),
    ("the latest curbs", "The latest curbs reach HBM stacks sold abroad.", "2024-12-04", {},
     "us-advanced-computing-rules-2024-12", "hbm"),
    ("new licensing requirements", "The new licensing requirements apply to sales into China.", "2025-04-18", {},
     "us-h20-mi308-licence-requirement-2025", "china"),
    ("the new equipment rules", "Shares fell after the announcement.", "2023-10-20", {},
     "fr-2023-23049", "equipment"),
])
def test_linker_recency_cue_with_a_second_cue(phrase, sentence, day, kw, key, support):
    got = link(phrase, sentence, day, **kw)
    assert got is not None and got.key == key and got.cue == "recency"
    assert got.evidence.endswith("; " + support)


@pytest.mark.parametrize("phrase,sentence,day", [
    ("the new restrictions", "Shares fell after the announcement.", "2023-10-20"),
    ("the latest curbs", "Traders sold the stock within minutes.", "2024-12-04"),
    ("new licensing requirements", "", "2025-04-18"),
    ("tougher rules", "Tougher rules are coming, a lobbyist warned.", "2025-01-20"),
])
def test_linker_recency_alone_links_nothing(phrase, sentence, day):
    """A measure that is merely the latest before the article's date is not thereby meant."""
    assert link(phrase, sentence, day) is None


def test_linker_chips_cue_from_relations_and_sentence():
    got = link("the requirement", "", "2025-05-01", chips=["H20"])
    assert got.key == "us-h20-mi308-licence-requirement-2025" and got.cue == "chips"
    got = link("the ban", "Sales of the A100 and the MI250 to China now need a licence.", "2022-09-05")
    assert got.key == "us-nvidia-amd-licence-letters-2022" and got.official is None


def test_linker_chips_cue_too_old_decides_nothing():
    assert link("restrictions", "", "2025-06-01", chips=["A800"]) is None


def test_linker_chips_cue_without_an_article_date():
    got = link("the restrictions", "", None, chips=["A800", "H800"])
    assert got.key == "fr-2023-23055" and got.cue == "chips" and got.evidence == "a800, h800"
    got = link("the curbs", "The curbs stop sales of the H20 to Chinese buyers.")
    assert got.key == "us-h20-mi308-licence-requirement-2025" and got.cue == "chips"
    # two measures restrict the A100 (the 2022 letters and the October 2022 rules): no choice
    assert link("the restrictions", "", None, chips=["A100"]) is None


def test_linker_a_measure_never_restricts_a_chip_it_let_through():
    """The October 2022 rules let the H800 through: a measure said to restrict it is another."""
    assert link("restrictions unveiled in October 2022", "", "2023-01-10").key == "fr-2022-21658"
    assert link("restrictions unveiled in October 2022", "", "2023-01-10", chips=["H800"]) is None
    got = link("the limits", "Exporters have lived with the limits imposed a year ago.", "2023-10-12",
               chips=["A800"])
    assert got is None or got.key != "fr-2022-21658"


@pytest.mark.parametrize("sentence", [
    "The vendor redesigned its L20 boards to comply with the stricter rules.",
    "Its H20 and L20 parts were designed to fit under the stricter rules.",
    "A China-specific H20 falls below the thresholds of the stricter rules.",
])
def test_linker_chips_made_to_pass_a_measure_name_it(sentence):
    got = link("the stricter rules", sentence)
    assert got is not None and got.key == "fr-2023-23055" and got.cue == "chips"


def test_linker_chips_a_measure_restricts_are_not_the_ones_it_let_through():
    got = link("the stricter rules", "The stricter rules stop sales of the H20 to China.")
    assert got.key == "us-h20-mi308-licence-requirement-2025"


@pytest.mark.parametrize("phrase,sentence,day,kw", [
    ("the October 7 rules", "", None, {}),
    ("the regulation", "Toolmakers said the regulation, known as the October 7 rules, cost them sales.", None, {}),
    ("curbs that began in October 2022", "", "2023-06-01", {}),
    ("the new restrictions", "", "2023-10-20", {"issuer": ["Commerce Department"]}),
    ("the requirement", "", "2025-05-01", {"chips": ["H20"]}),
])
def test_linker_cue_is_of_the_controlled_vocabulary(phrase, sentence, day, kw):
    got = link(phrase, sentence, day, **kw)
    assert got.cue in CUES and 0 < got.confidence <= 1 and got.evidence


def test_linker_issuer_cue_keeps_other_countries_out():
    got = link("Japan's new export rules", "", "2023-07-25")
    assert got.key == "jp-semiconductor-equipment-controls-2023"
    got = link("the new rules", "", "2023-07-25", issuer=["Ministry of Economy, Trade and Industry"])
    assert got.key == "jp-semiconductor-equipment-controls-2023"
    assert link("the new rules", "", "2023-07-25", issuer=["Commerce Department"]) is None
    # the phrase's own issuer outranks the issuer of the entity's relations
    got = link("Japan's new export rules", "", "2023-07-25", issuer=["United States"])
    assert got.key == "jp-semiconductor-equipment-controls-2023"
    got = link("Dutch export controls", "", "2023-09-05")
    assert got.key == "nl-semiconductor-equipment-regulation-2023"


def test_linker_target_country_is_not_the_issuer():
    got = link("restrictions on China", "Restrictions on China announced last October hit toolmakers.", "2023-04-01")
    assert got.key == "fr-2022-21658"


def test_linker_topic_words_choose_the_equipment_rule():
    got = link("the new equipment rules", "The new rules cover lithography tools and etching machines.",
               "2023-10-20")
    assert got.key == "fr-2023-23049"


def test_linker_measure_after_the_article_is_never_chosen():
    assert link("the curbs of October", "", "2022-09-01") is None


@pytest.mark.parametrize("phrase,sentence,day", [
    ("US sanctions", "US sanctions have shaped the industry for years.", "2025-01-30"),
    ("export controls", "Export controls on chips remain a hot topic.", "2024-06-01"),
    ("the rule", "", None),
    ("restrictions", "Analysts say restrictions since 2022 backfired.", "2025-02-01"),
])
def test_linker_refuses_vague_mentions(phrase, sentence, day):
    assert link(phrase, sentence, day) is None


def test_linker_official_value_per_guidelines():
    assert link("the Entity List").official == "entity_list"
    assert link("the October 7 rules").official == "2022-21658"
    assert link("the Chip Security Act").official is None


def test_linker_uses_the_index_not_the_catalogue():
    idx = measure_index()

    class NoScan:
        def __init__(self, cat):
            self._cat = cat

        def __getitem__(self, key):
            return self._cat[key]

        def __iter__(self):
            raise AssertionError("the linker scanned the catalogue")

    real = idx.catalogue
    idx.catalogue = NoScan(real)
    try:
        assert link("the October 7 rules").key == "fr-2022-21658"
        assert link("the new restrictions", "", "2023-10-20", issuer=["Commerce"]).key == "fr-2023-23055"
    finally:
        idx.catalogue = real
    assert len(load_catalogue()) > 200
