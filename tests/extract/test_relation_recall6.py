"""Issue 12, categories 2–4 and 6, on forms found by reading the output on held-out sets
after their first score was recorded (heldout14 and heldout15): a name with a quoted
nickname ("A “B” C"), surname particles in a row ("van der"), people after a plural role
("sales managers A and B"), a firm known only by its role in the sentence (its president,
its factory, its founding), lists after a dash, ticker symbols in brackets, and lists of a
measure's additions.  Every sentence is written for these tests (made-up firms and people);
negatives check that nothing is added that the text does not state."""
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


def _typed(text):
    return {(e.name, e.type.value if hasattr(e.type, "value") else str(e.type)) for e in _x(text).entities}


def _names(text):
    return {f for e in _x(text).entities for f in (e.name, *e.aliases)}


# -- people: nicknames, particles, plural roles ----------------------------------------------------

@pytest.mark.parametrize("text,person", [
    ('Prosecutors charged Chia-Hao "Jack" Lin with conspiracy on Tuesday.', "Chia-Hao Lin"),
    ("Prosecutors charged Yu-Ting “Tina” Wu and two others.", "Yu-Ting Wu"),
    ("The indictment names Marek ‘Mo’ Dvorak, a broker.", "Marek Dvorak"),
    ("The Commission's president, Karin van der Berg, said the plant was a win.", "Karin van der Berg"),
    ("Agency chief Pieter de la Cruz said the review had ended.", "Pieter de la Cruz"),
])
def test_a_name_with_a_nickname_or_particles_is_one_person(text, person):
    assert (person, "Person") in _typed(text)


def test_the_nickname_form_stays_among_the_names():
    assert 'Chia-Hao "Jack" Lin' in _names('Prosecutors charged Chia-Hao "Jack" Lin with conspiracy.')


@pytest.mark.parametrize("text,people", [
    ("The firm's sales managers Yu-Ting Wu and Po-Wen Hsu were arrested.", {"Yu-Ting Wu", "Po-Wen Hsu"}),
    ("Its engineers Lars Holm and Mette Vik left in May.", {"Lars Holm", "Mette Vik"}),
])
def test_people_after_a_plural_role(text, people):
    assert people <= {n for n, t in _typed(text) if t == "Person"}


def test_a_quoted_word_between_a_firm_and_a_name_is_no_nickname():
    # a quoted product name between a firm and a noun joins nothing
    typed = _typed('Buyers of Zentrix "Nova" servers and Orlen “Atlas” boards were warned.')
    assert not any(t == "Person" for _, t in typed), typed


# -- a firm known by its head, its founding, a list after a dash ---------------------------------

@pytest.mark.parametrize("text,firm,person", [
    ("The minister toured the site with Zentrix President Min-ho Park on Sunday.", "Zentrix", "Min-ho Park"),
    ("Orvane CEO Lisa Brandt said output would double.", "Orvane", "Lisa Brandt"),
    ("Kelmar Chairman Tomas Berg met the minister.", "Kelmar", "Tomas Berg"),
])
def test_a_firm_before_its_heads_title_is_a_company(text, firm, person):
    assert (firm, "Company") in _typed(text)
    assert (person, firm) in _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "Former President Lisa Brandt said output would double.",
    "The Commission President Lisa Brandt said output would double.",
    "Taiwanese President Lisa Brandt said output would double.",
    "Vice President Lisa Brandt said output would double.",
])
def test_a_title_or_a_body_before_a_heads_title_is_no_company(text):
    assert not {n for n, t in _typed(text) if t == "Company"}, _typed(text)


@pytest.mark.parametrize("text,firm", [
    ("Zentrix was founded in 2021 to make 2-nanometre chips.", "Zentrix"),
    ("Orvane Labs was established by three banks last year.", "Orvane Labs"),
    ("Kelmar had been set up in Osaka as a joint venture.", "Kelmar"),
])
def test_what_was_founded_is_a_company(text, firm):
    assert (firm, "Company") in _typed(text)


def test_a_list_after_a_dash_names_firms_and_places_them():
    text = ("The venture was set up by six Korean companies — Hanbit, Daesan Group, Moru Motor, KSE, "
            "Orim Telegraph and Telephone and Pohang Bank — with 5 billion won.")
    firms = {"Hanbit", "Daesan Group", "Moru Motor", "KSE", "Orim Telegraph and Telephone", "Pohang Bank"}
    assert firms <= {n for n, t in _typed(text) if t == "Company"}
    assert {(f, "South Korea") for f in firms} <= _rels(text, "basedIn")


def test_a_name_with_and_inside_an_including_list_stays_whole():
    text = "The ministry added 12 US companies, including Orlen Missiles and Fire Control, to its list."
    assert "Fire Control" not in {n for n, _ in _typed(text)}


# -- ticker symbols, a measure's additions, places inside a list ----------------------------------

def test_a_ticker_symbol_marks_a_listed_firm_and_is_no_mention_of_the_exchange():
    typed = _typed("Corvex (NASDAQ:CRVX) and Molten Systems (NYSE: MLT) fell on Friday.")
    assert {("Corvex", "Company"), ("Molten Systems", "Company")} <= typed
    assert len(typed) == 2, typed


@pytest.mark.parametrize("text", [
    "The department added four firms to its Unverified List. Additions to the list include Acme Systems "
    "in Hubei, Lantern Photonics Technology, Bluefield Logistics and Corvex (NYSE:CRVX) in Tianjin.",
    "The Entity List grew again. New entries on the Entity List are Acme Systems, Lantern Photonics "
    "Technology, Bluefield Logistics and Corvex (NYSE:CRVX).",
])
def test_the_additions_to_a_list_are_its_targets(text):
    firms = {"Acme Systems", "Lantern Photonics Technology", "Bluefield Logistics", "Corvex"}
    assert firms <= {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text", [
    "The inclusion of Orlen Systems, Daesan Aerospace Technology and Mirado Materials on the Entity List "
    "surprised investors.",
    "The addition of Orlen Systems, Daesan Aerospace Technology and Mirado Materials to the Entity List "
    "took effect on Friday.",
])
def test_a_nominal_listing_targets_the_firms(text):
    firms = {"Orlen Systems", "Daesan Aerospace Technology", "Mirado Materials"}
    assert firms <= {o for _, o in _rels(text, "targets")}


def test_a_nominal_of_another_kind_targets_nothing():
    text = "The growth of Orlen Systems and Mirado Materials worried the authors of the Entity List."
    assert not {o for _, o in _rels(text, "targets")} & {"Orlen Systems", "Mirado Materials"}


def test_a_place_after_a_member_does_not_end_the_list():
    text = "The US added Orlen Systems in China, Daesan Group and Pohang Semiconductor to the Entity List."
    assert {"Orlen Systems", "Daesan Group", "Pohang Semiconductor"} <= {o for _, o in _rels(text, "targets")}


def test_a_dash_list_opening_with_a_known_firm_goes_on():
    text = ("The venture was set up by five Japanese companies — Nvidia, Orvane Group, Kelmar Motor, "
            "Hoshida Telegraph and Telephone and Mirado Bank — last year.")
    firms = {"Nvidia", "Orvane Group", "Kelmar Motor", "Hoshida Telegraph and Telephone", "Mirado Bank"}
    assert firms <= {n for n, t in _typed(text) if t == "Company"}
    assert {(f, "Japan") for f in firms} <= _rels(text, "basedIn")


def test_a_group_word_after_a_known_firm_is_part_of_its_name():
    assert "Nvidia Group" in _names("Shares of Nvidia Group, the holding, rose.")


def test_a_modifier_after_and_in_a_descriptor_list_is_no_firm():
    text = "Chinese tech giants like Nvidia and AI startup Orvane bought the chips."
    names = {n for n, _ in _typed(text)}
    assert "AI" not in names and "Orvane" in names


# -- officials: a portfolio after the name, a generational suffix ---------------------------------

@pytest.mark.parametrize("text", [
    "The Commerce Department acted. “We will act,” said Mara Quist, undersecretary of commerce for industry.",
    "The Commerce Department acted on Friday, said Mara Quist, the under secretary of commerce.",
    "The Commerce Department acted, said Mara Quist, Assistant Secretary of Commerce for Export Enforcement.",
])
def test_a_secretarys_portfolio_after_the_name_is_the_department(text):
    assert ("Mara Quist", "Commerce Department") in _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "The Commerce Department acted. “We will act,” said Mara Quist, a former undersecretary of commerce.",
    "“We will act,” said Mara Quist, undersecretary of commerce for industry.",  # no department in the text
])
def test_a_former_portfolio_or_an_unnamed_department_gives_no_affiliation(text):
    assert not _rels(text, "affiliatedWith")


def test_a_generational_suffix_stays_on_the_surface_and_the_title_after_it_is_read():
    text = "“Nobody was fooled,” said Tom Reyes, Jr., FBI assistant director in charge of its Boston bureau."
    assert {"Tom Reyes", "Tom Reyes, Jr."} <= _names(text)
    assert ("Tom Reyes", "Federal Bureau of Investigation") in _rels(text, "affiliatedWith")


# -- "A and N other entities were added", "A, B and other DEMONYM companies" ----------------------

@pytest.mark.parametrize("text", [
    "Orlen Shipbuilding and 7 other entities said to help the navy were added to the export-control list.",
    "Orlen Shipbuilding was added to the Entity List on Friday.",
    "Orlen Shipbuilding and two more firms have been placed on the Entity List.",
])
def test_the_subject_of_a_listing_passive_is_a_targeted_firm(text):
    assert ("Orlen Shipbuilding", "Company") in _typed(text)
    assert "Orlen Shipbuilding" in {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text", [
    "The listings named Nvidia, Orvane, KSE and other big Chinese internet and carmaking companies.",
    "Buyers included Orvane, KSE, Nvidia and other Chinese firms.",
])
def test_a_list_ending_in_other_demonym_companies_names_and_places_its_firms(text):
    assert {"Orvane", "KSE", "Nvidia"} <= {n for n, t in _typed(text) if t == "Company"}
    assert {("Orvane", "China"), ("KSE", "China"), ("Nvidia", "China")} <= _rels(text, "basedIn")


def test_a_country_putting_firms_on_its_list_imposes_it():
    text = "China has put 20 Japanese entities, including units of Orlen Heavy Industries, on an export-control list."
    assert {s for s, _ in _rels(text, "imposedBy")} and ("China" in {o for _, o in _rels(text, "imposedBy")})


# -- another government's list with a longer title; adverbs between a government and its verb ------

def _official(text):
    return {e.official.official for e in _x(text).entities if e.type == "ExportControl" and e.official}


def test_capitalised_words_before_a_lists_name_make_another_list():
    text = ("Beijing moved on Monday. The Ministry of Commerce (MOFCOM) separately added 12 US companies "
            "to the Export Control Entity List on grounds of national security.")
    assert "entity_list" not in _official(text)
    assert {o for _, o in _rels(text, "imposedBy")} == {"China's Ministry of Commerce"}


@pytest.mark.parametrize("text", [
    "The Commerce Department on Tuesday added Orvane Micro to the Entity List.",
    "The Entity List grew when the department added Orvane Micro to the Entity List.",
])
def test_the_catalogued_list_keeps_its_name(text):
    assert "entity_list" in _official(text)


@pytest.mark.parametrize("text", [
    "The Ministry of Commerce (MOFCOM) quietly added Orvane Micro to its export control list.",
    "China on Tuesday banned exports of gallium to the United States.",
])
def test_an_adverb_or_a_day_between_a_government_and_its_verb(text):
    assert {o for _, o in _rels(text, "imposedBy")} & {"China's Ministry of Commerce", "China"}


def test_a_government_after_a_preposition_is_no_subject():
    text = "US export controls against China have effectively blocked Orvane chips from being exported."
    assert "China" not in {o for _, o in _rels(text, "imposedBy")}


# -- datelines, police forces, titles of legislators, a body's trailing coordinate ----------------

@pytest.mark.parametrize("text,outlet", [
    ("(Daily Ledger) May 28 -- The scope of the fund will be broader.", "Daily Ledger"),
    ("SEOUL (Hanbit News) — Korea will protect its chip edge.", "Hanbit News"),
])
def test_the_outlet_of_a_dateline_is_a_company(text, outlet):
    assert (outlet, "Company") in _typed(text)


def test_a_bracket_inside_a_sentence_is_no_dateline():
    assert not _typed("The rule (Draft) — a long one — was issued on Monday.")


def test_a_police_force_is_one_body():
    assert ("Ruritania Police Force", "GovernmentBody") in _typed("“Inquiries go on,” the Ruritania Police Force said.")


@pytest.mark.parametrize("text", [
    "The issue arose when Kuomintang Legislator Liu Hung-wei raised concerns.",
    "Opposition Legislator Liu Hung-wei said the rule was weak.",
])
def test_a_legislator_title_marks_a_person(text):
    assert ("Liu Hung-wei", "Person") in _typed(text)


def test_a_coordinate_that_modifies_the_next_noun_is_cut_from_a_known_body():
    typed = _typed("Officials from the Department of Defense and Intelligence agencies reviewed the draft.")
    assert ("Department of Defense", "GovernmentBody") in typed
    # a body whose name holds "and" keeps it
    assert ("Ministry of Trade and Industry", "GovernmentBody") in _typed(
        "The Ministry of Trade and Industry said on Monday it would act.")


# -- a government's officials as a verb's subject; a target after a descriptor --------------------

@pytest.mark.parametrize("text", [
    "US administrations have restricted Iran’s access to advanced chips.",
    "US officials on Monday restricted Iran’s access to advanced chips.",
])
def test_a_countrys_officials_impose_what_they_restrict(text):
    assert ("United States" in {o for _, o in _rels(text, "imposedBy")}
            and "Iran" not in {o for _, o in _rels(text, "imposedBy")})
    assert "Iran" in {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text", [
    "Prosecutors say the broker dodged US export controls on chips to American rival China.",
    "Prosecutors say the broker dodged US export controls on chips to its strategic competitor China.",
])
def test_a_country_after_a_rival_descriptor_is_targeted(text):
    assert "China" in {o for _, o in _rels(text, "targets")}


def test_a_rival_named_as_a_seller_is_no_target():
    text = "US export controls on chips helped American rival Orvane Micro win orders."
    assert not {o for _, o in _rels(text, "targets")}


def test_a_later_sentence_that_goes_back_to_the_listing_names_more_targets():
    text = ("China has added 28 US entities, including Kelmar Corp, to its export control list. "
            "The ministry said the move was lawful. Exports of dual-use items to them are barred. "
            "The firms hit by this decision also include arms makers such as "
            "Molten Dynamics and Pacific Rim Defense.")
    assert {"Kelmar Corp", "Molten Dynamics", "Pacific Rim Defense"} <= {o for _, o in _rels(text, "targets")}


def test_a_later_list_that_does_not_go_back_to_the_listing_targets_nothing():
    text = ("China has added 28 US entities, including Kelmar Corp, to its export control list. "
            "The ministry said the move was lawful. Its suppliers include Molten Dynamics and Pacific Rim Defense.")
    assert not {o for _, o in _rels(text, "targets")} & {"Molten Dynamics", "Pacific Rim Defense"}


# -- affiliations: a bracketed acronym, a country inside the title, the helm ----------------------

@pytest.mark.parametrize("text,person,org", [
    ("Orvane Micro Devices (OMD) CEO Lisa Brandt said the firm is ready.", "Lisa Brandt", "Orvane Micro Devices"),
    ("“We will appeal,” Nexperia’s UK country manager, Toni Vries, said in a statement.", "Toni Vries", "Nexperia"),
    ("“It is ideology,” Lars Holm said. Lars Holm retired in May after eight years at the helm of ASML.", "Lars Holm", "ASML"),
    ("“It is ideology,” Lars Holm said. This year, Lars Holm took the helm of the largest maker of scanners, "
     "the Dutch company ASML, and he speaks openly.", "Lars Holm", "ASML"),
])
def test_affiliation_through_brackets_countries_and_the_helm(text, person, org):
    assert (person, org) in _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "BRUSSELS, March 9 (Reuters) - U.S. Commerce Secretary Mara Quist said on Sunday the curbs hold.",
    "“It is ideology,” Lars Holm said. Lars Holm praised ASML, whose helm passed to Mette Vik.",
])
def test_no_affiliation_across_a_dateline_or_to_the_wrong_side_of_the_helm(text):
    rels = _rels(text, "affiliatedWith")
    assert ("Mara Quist", "Reuters") not in rels and ("Lars Holm", "ASML") not in rels


# -- basedIn from an apposition's far noun, a class before "including", a description ------------

@pytest.mark.parametrize("text,firm,country", [
    ("Lawmakers asked about licences for Orvane Technologies, the Chinese state-directed telecommunications "
     "company that seeks to dominate 5G.", "Orvane Technologies", "China"),
    ("Thirteen Chinese entities involved in chips, including Orvane, Kelmar Threads and their subsidiaries, "
     "were added to the Entity List.", "Kelmar Threads", "China"),
    ("Orvane Micro said on Monday it would appeal. The Chinese firm denied wrongdoing.", "Orvane Micro", "China"),
])
def test_based_in_from_descriptions(text, firm, country):
    assert (firm, country) in _rels(text, "basedIn")


def test_a_description_that_the_reference_data_contradicts_places_nothing():
    # the description is resolved to the last firm named, which the reference data places elsewhere
    text = "Reuters reported on Monday that Nvidia had been told to halt shipments. The Chinese company denied it."
    assert ("Nvidia", "China") not in _rels(text, "basedIn")


def test_a_class_list_whose_names_hold_commas_is_left_alone():
    text = "China added 28 US entities, including Orvane Defense, Space & Security and Nvidia, to its list."
    assert "Space & Security" not in {n for n, _ in _typed(text)}


# -- chips as the subject of a ban ------------------------------------------------------------------

@pytest.mark.parametrize("text,chips", [
    ("The US tightened its export rules on Tuesday. Under the revision even the A800 and "
     "H800 chips will be embargoed from exports to China.", {"A800", "H800"}),
    ("The Commerce Department issued new export rules. It said the Ascend 910B and Ascend 910C processors "
     "are now subject to US controls.", {"Ascend 910B", "Ascend 910C"}),
    ("The US imposed new export controls. The H20 was banned in April.", {"H20"}),
])
def test_chips_that_are_the_subject_of_a_ban_are_restricted(text, chips):
    assert chips <= {o for _, o in _rels(text, "restricts")}


def test_a_chip_that_is_subject_to_something_else_is_not_restricted():
    text = "The US imposed new export controls. The H20 was subject to strong demand in April."
    assert "H20" not in {o for _, o in _rels(text, "restricts")}


# -- "named A to its list"; a revoked status --------------------------------------------------------

def test_naming_a_firm_to_a_list_targets_it_and_its_owner_imposes_it():
    text = "The US department of commerce on Wednesday named the start-up Orvane AI to its Entity List."
    assert ("Entity List", "Orvane AI") in _rels(text, "targets")
    assert ("Entity List", "Commerce Department") in _rels(text, "imposedBy")


def test_naming_a_firm_to_something_else_targets_nothing():
    text = "The Entity List grew. The department named Orvane AI its new adviser on the list rules."
    assert not _rels(text, "targets")


def test_a_revoked_status_is_a_measure_of_its_revoker():
    text = ("The US Commerce Department’s Bureau of Industry and Security revoked the companies’ Validated End "
            "User status, which had allowed them to import tools.")
    assert "Bureau of Industry and Security" in {o for _, o in _rels(text, "imposedBy")}


# -- a city opening a firm's name; embassies --------------------------------------------------------

@pytest.mark.parametrize("name", ["Beijing Shengtai Xiexin Technology", "Guangzhou Xinlu Transportation"])
def test_a_city_may_open_a_firms_name(name):
    text = f"Additions to the list include Orvane Systems, {name} and Kelmar."
    assert (name, "Company") in _typed(text)


def test_a_capital_alone_before_a_suffix_word_is_no_firm():
    assert not {n for n, t in _typed("Beijing Technology officials said more.") if t == "Company"}


@pytest.mark.parametrize("text,body", [
    ("Liu Wei, a spokesman for the Chinese embassy in Washington, said more.", "Chinese embassy in Washington"),
    ("A spokesman for Japan’s consulate in Shanghai declined to comment.", "Japan’s consulate in Shanghai"),
])
def test_an_embassy_is_a_government_body(text, body):
    assert (body, "GovernmentBody") in _typed(text)


def test_the_spokesman_of_an_embassy_is_affiliated_with_it():
    text = "Liu Wei, a spokesman for the Chinese embassy in Washington, said more."
    assert ("Liu Wei", "Chinese embassy in Washington") in _rels(text, "affiliatedWith")


def test_a_countrys_survey_is_a_government_body():
    typed = _typed("China produces about 98% of the world’s gallium, according to the U.S. Geological Survey.")
    assert ("U.S. Geological Survey", "GovernmentBody") in typed


def test_a_state_named_after_a_country_is_no_mention_of_it():
    assert not {n for n, t in _typed("It will invest in Arizona, New Mexico and Ohio.") if t == "Country"}
    assert {("Mexico", "Country"), ("New Zealand", "Country")} <= _typed("Mexico and New Zealand face caps.")


# -- a model's version or full name beside a known shorter name -------------------------------------

def test_a_version_after_a_known_model_is_another_model():
    text = "Labs tuned their models, including DeepSeek's V3.1, for local chips. DeepSeek released V3 earlier."
    models = {n for n, t in _typed(text) if t == "AIModel"}
    assert {"V3.1", "V3"} <= models


def test_a_listed_models_full_name_wins_over_its_known_first_word():
    models = {n for n, t in _typed("Moonshot's Kimi K2 runs on local chips.") if t == "AIModel"}
    assert models == {"Kimi K2"}


def test_a_sentence_ending_after_a_model_is_no_version():
    models = {n for n, t in _typed("DeepSeek released V3. 2 weeks later it shipped more.") if t == "AIModel"}
    assert models == {"V3"}


# -- a quoted term that modifies a noun is no quote -------------------------------------------------

def test_a_quoted_term_before_a_rule_noun_is_no_quote():
    text = 'Taiwan will apply the strategic "N-1" regulation to the firm, Minister Lin Wei said. Lin said the same “N-1” rules apply.'
    assert not _x(text).quotes


def test_a_short_quoted_fragment_that_is_speech_stays_a_quote():
    text = "“It is a win,” Lin Wei said. Lin said the plan was “a win for all” for the country."
    assert len(_x(text).quotes) == 2


@pytest.mark.parametrize("text", [
    "“Demand is high,” said Mara Quist at Orvane Research.",
    "“Demand is high,” Mara Quist said. “It will last,” said Mara Quist from Orvane Research.",
])
def test_a_speaker_at_or_from_an_organization(text):
    assert ("Mara Quist", "Orvane Research") in _rels(text, "affiliatedWith")


def test_a_person_who_meets_people_at_an_organization_is_not_affiliated():
    text = "“Demand is high,” Mara Quist said. Mara Quist met officials at Orvane Research on Monday."
    assert ("Mara Quist", "Orvane Research") not in _rels(text, "affiliatedWith")


# -- rules that are the subject of a measure's verb -------------------------------------------------

def test_rules_that_bar_exports_are_a_measure():
    text = "The new rules bar exports of A100 and H100 chips to China and Russia."
    assert {"A100", "H100"} <= {o for _, o in _rels(text, "restricts")}
    assert {"China", "Russia"} <= {o for _, o in _rels(text, "targets")}


def test_rules_of_another_kind_are_no_measure():
    assert not [e for e in _x("The club rules bar members from voting on Monday.").entities if e.type == "ExportControl"]


def test_a_government_that_sanctions_a_firm_imposes_a_measure_on_it():
    text = "The US also sanctioned Orvane Micro Technology last week."
    assert ("United States" in {o for _, o in _rels(text, "imposedBy")}
            and "Orvane Micro Technology" in {o for _, o in _rels(text, "targets")})


def test_a_move_sanctioned_by_a_body_is_no_measure_on_a_firm():
    text = "The deal with Orvane Micro Technology was sanctioned by the board."
    assert not _rels(text, "targets")


def test_a_country_of_origin_before_goods_is_no_target():
    text = "Malaysia requires a permit for exports of US AI chips."
    assert "United States" not in {o for _, o in _rels(text, "targets")}
    # a country before goods that modify a measure's noun is its target
    text = "The firms found workarounds to the US's China chip controls, officials said."
    assert "China" in {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text,maker,chip", [
    ("Huawei’s Ascend 910C, made by SMIC, is its most advanced chip.",
     "Semiconductor Manufacturing International Corporation", "Ascend 910C"),
    ("The H20, produced by TSMC in Taiwan, sold well.", "Taiwan Semiconductor Manufacturing Company", "H20"),
])
def test_a_reduced_relative_names_the_maker(text, maker, chip):
    assert (maker, chip) in _rels(text, "manufactures")


def test_a_reduced_relative_of_another_verb_names_no_maker():
    assert not _rels("The H20, sold by Orvane Micro in Shenzhen, was popular.", "manufactures") - {("Nvidia", "H20")}


# -- a government that tells a firm it needs a licence ---------------------------------------------

@pytest.mark.parametrize("text,imposer", [
    ("The US government told Nvidia it needs a licence to export H20 chips to China.", "US government"),
    ("US officials informed Orvane Micro that it must halt shipments of H20 chips to China.", "United States"),
])
def test_a_government_that_tells_a_firm_what_it_needs_imposes_it(text, imposer):
    assert imposer in {o for _, o in _rels(text, "imposedBy")}
    assert "H20" in {o for _, o in _rels(text, "restricts")}


def test_a_firm_that_tells_investors_imposes_nothing():
    assert not _rels("Nvidia told investors it needs a licence to export H20 chips to China.", "imposedBy")


# -- what only a firm has or does ----------------------------------------------------------------------

@pytest.mark.parametrize("text,firm", [
    ("Shares of Orvane fell 5% on Monday.", "Orvane"),
    ("Orvane’s shares rose on the news.", "Orvane"),
    ("Kelmar’s quarterly revenue doubled.", "Kelmar"),
    ("Orvane, which makes memory chips, said it would comply.", "Orvane"),
])
def test_what_only_a_firm_has_or_does_marks_a_company(text, firm):
    assert (firm, "Company") in _typed(text)


def test_a_country_or_a_person_with_shares_is_no_company():
    typed = _typed("China’s shares fell. Gina Raimondo said more. Raimondo’s shares were sold.")
    assert not {n for n, t in typed if t == "Company"}


# -- joining and appointments -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lisa Brandt, 52, joined Orvane Micro in 2019.",
    "Orvane Micro hired Lisa Brandt as its new chief executive.",
    "Orvane Micro named Lisa Brandt chief executive on Monday.",
    "Orvane Micro appointed Lisa Brandt, a former banker, as chief executive.",
])
def test_joining_or_being_appointed_is_an_affiliation(text):
    assert ("Lisa Brandt", "Orvane Micro") in _rels(text, "affiliatedWith")


def test_being_named_in_a_lawsuit_is_no_appointment():
    assert not _rels("Orvane Micro named Lisa Brandt in a lawsuit on Monday.", "affiliatedWith")
