"""Issue 12, categories 2–4 and 6, on forms found by reading the output on unlabelled news
pages (not any scored set): a listing verb in its base form after a modal ("would add A to the
list"), a sector noun as a firm's descriptor ("DEMONYM telecom A"), a person known by a
status apposition ("A, a Canadian citizen,"), a department named by a title ("Assistant
Attorney General A"), and a list's complement that must not run through a day.  Every
sentence is written for these tests (made-up firms and people); negatives check that
nothing is added that the text does not state."""
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


# -- a listing verb in its base form --------------------------------------------------------------

@pytest.mark.parametrize("text,firms", [
    ("The department would add Korvane Semiconductor, a Chinese chipmaker, to the Entity List.",
     {"Korvane Semiconductor"}),
    ("Washington will add Ostrel Micro and Veltro Systems to its Entity List next week.",
     {"Ostrel Micro", "Veltro Systems"}),
    ("Officials plan to blacklist Ostrel Micro and Veltro Systems by putting them on the Entity List.",
     {"Ostrel Micro", "Veltro Systems"}),
    ("The agency may designate Hanbit Photonics and add it to the Entity List.", {"Hanbit Photonics"}),
])
def test_a_base_form_listing_verb_targets_the_firms(text, firms):
    targets = {o for _, o in _rels(text, "targets")}
    assert firms <= targets, targets


def test_a_base_form_verb_of_another_kind_targets_nothing():
    text = "Lawmakers want to add safeguards for Ostrel Micro, which is not on the Entity List."
    assert not {o for _, o in _rels(text, "targets")} & {"Ostrel Micro"}


# -- a sector noun as a firm's descriptor ---------------------------------------------------------

@pytest.mark.parametrize("text,firm,country", [
    ("Chinese telecom Zhengtong has been on the list since May.", "Zhengtong", "China"),
    ("South Korean carmaker Hanbit Motors bought the chips.", "Hanbit Motors", "South Korea"),
    ("The loan came from Japanese lender Mirado Bank last year.", "Mirado Bank", "Japan"),
])
def test_a_sector_noun_after_a_demonym_places_the_firm(text, firm, country):
    assert (firm, country) in _rels(text, "basedIn")


# -- a person known by a status apposition ---------------------------------------------------------

@pytest.mark.parametrize("text,person", [
    ("Wen Huilan, a Canadian citizen, was arrested in Ohio on Monday.", "Wen Huilan"),
    ("Among the suspects is Pak Jun Ho, a US citizen originally from Macau, who denies it.", "Pak Jun Ho"),
    ("Ludo Ferrand, also a French national, lives in Lyon.", "Ludo Ferrand"),
    ("Prosecutors named Teodor Vasic, a resident of Texas, as the buyer.", "Teodor Vasic"),
])
def test_a_status_apposition_makes_a_person(text, person):
    assert (person, "Person") in _typed(text)


@pytest.mark.parametrize("text,name", [
    # "national" as an adjective is no status
    ("Korvane Robotics, a national champion in drones, said it would appeal.", "Korvane Robotics"),
    ("Ostrel Logistics, a national leader in freight, was fined.", "Ostrel Logistics"),
])
def test_national_as_an_adjective_makes_no_person(text, name):
    assert (name, "Person") not in _typed(text)


# -- a department named by a title -----------------------------------------------------------------

@pytest.mark.parametrize("text,person", [
    ("The Justice Department charged two men. Assistant Attorney General Mara Tollen said the case was grave.",
     "Mara Tollen"),
    ('"We will act," Assistant Attorney General for National Security Piet Ombrell said for the Justice Department.',
     "Piet Ombrell"),
    ("Attorney General Dana Whitcombe said the Department of Justice would appeal.", "Dana Whitcombe"),
])
def test_an_attorney_general_belongs_to_the_justice_department(text, person):
    assert (person, "Justice Department") in _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    # a state's attorney general is not the department's
    "Texas Attorney General Mara Tollen sued the firm, the Justice Department said.",
    # no department in the text: no guess at a government either
    "Attorney General Dana Whitcombe met the US government's trade team.",
])
def test_no_department_for_another_attorney_general(text):
    assert not _rels(text, "affiliatedWith")


# -- a list's complement does not run through a day ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Regulators added 27 new entities to the list on Wednesday from Japan and Pakistan.",
    "The agency added nine firms to the Entity List on Friday from three countries.",
])
def test_a_day_ends_a_lists_complement(text):
    names = {e.name for e in _x(text).entities if "Export" in str(e.type)}
    assert not any("Wednesday" in n or "Friday" in n for n in names), names


# -- a shared step is no one government's measure; pressure is not imposition ----------------------

def _imposers(text):
    return {o for _, o in _rels(text, "imposedBy")}


@pytest.mark.parametrize("text,wrong", [
    ("Both the Netherlands and Japan agreed to limit their exports of chip tools to China.", "Japan"),
    ("Canada, Norway and Japan agreed to restrict exports of etching tools to Russia.", "Japan"),
])
def test_coordinated_governments_do_not_make_the_last_one_the_imposer(text, wrong):
    assert wrong not in _imposers(text)


def test_a_single_government_still_imposes_by_its_verb():
    assert "Japan" in _imposers("Japan agreed to limit its exports of chip tools to China.")


@pytest.mark.parametrize("text,wrong", [
    ("The Dutch rules on lithography tools came after pressure from the Biden administration.", "Biden administration"),
    ("The new curbs on chip exports followed calls from the State Department.", "State Department"),
])
def test_who_pushed_for_a_measure_did_not_impose_it(text, wrong):
    assert wrong not in _imposers(text)


def test_who_issued_a_measure_still_imposes_it():
    assert "Commerce Department" in _imposers("The new curbs on chip exports were issued by the Commerce Department.")


@pytest.mark.parametrize("text,bodies", [
    ("The Ministry of Commerce and the General Administration of Customs imposed export restrictions on gallium.",
     {"China's Ministry of Commerce", "General Administration of Customs"}),
    ("The Commerce Department and the State Department issued new curbs on chip exports to Iran.",
     {"Commerce Department", "State Department"}),
])
def test_two_bodies_of_one_government_both_impose(text, bodies):
    assert bodies <= _imposers(text), _imposers(text)


# -- a firm's name that opens a body's name ------------------------------------------------------

def test_a_publication_name_inside_a_department_name_is_no_firm():
    text = ("Ana Ruiz, the deputy director of the Information Department of the Ministry of Foreign Affairs, "
            "spoke on Friday.")
    x = _x(text)
    assert not any(e.name == "The Information" for e in x.entities)
    assert not any(o == "The Information" for _, o in _rels(text, "affiliatedWith"))


# -- a chip inside a measure's own name; a title before a surname ---------------------------------

@pytest.mark.parametrize("text,chip", [
    ("The administration reversed the H20 ban last month.", "H20"),
    ("New curbs on H100 sales took effect in the autumn.", "H100"),
])
def test_a_chip_inside_the_measures_phrase_is_restricted(text, chip):
    assert chip in {o for _, o in _rels(text, "restricts")}


def test_a_chip_beside_a_measure_is_not_restricted_by_it():
    # the chip is the firm's product, named after the measure's phrase in another clause
    text = "The ban took effect in May, and Nvidia later shipped the H20 to buyers in Europe."
    assert "H20" not in {o for _, o in _rels(text, "restricts")}


def test_a_title_before_a_surname_gives_the_department():
    text = ("US Commerce Secretary Lutnick said the Commerce Department would decide. "
            "Howard Lutnick spoke again on Friday.")
    assert ("Howard Lutnick", "Commerce Department") in _rels(text, "affiliatedWith")


# -- another government's list of the same name is not the catalogued one ---------------------------

def _measures(text):
    return [e for e in _x(text).entities if "Export" in str(e.type)]


@pytest.mark.parametrize("text,country", [
    ("Taiwan has added Korvane Micro to its export control list, effective Sunday.", "Taiwan"),
    ("The firms were added to Taiwan’s Entity List on Tuesday.", "Taiwan"),
    ("South Korea has placed Ostrel Micro and Veltro Systems on its export control list.", "South Korea"),
])
def test_another_countrys_list_is_not_linked_to_the_catalogue(text, country):
    ms = _measures(text)
    assert ms and all(e.official is None for e in ms), [(e.name, e.official) for e in ms]
    assert country in _imposers(text)


@pytest.mark.parametrize("text,key", [
    ("China has added Korvane Micro to its export control list.", "mofcom_export_control_list"),
    ("The firms were added to the US Entity List on Tuesday.", "entity_list"),
])
def test_the_catalogued_lists_own_country_still_links(text, key):
    ms = _measures(text)
    assert any(e.official is not None and e.official.catalogue == key for e in ms), [(e.name, e.official) for e in ms]


def test_a_country_adding_firms_to_its_list_targets_them():
    text = "Taiwan has added Korvane Micro and Ostrel Systems to its export control list."
    assert {"Korvane Micro", "Ostrel Systems"} <= {o for _, o in _rels(text, "targets")}


# -- "A of FIRM"; an institution named after its country; a minister's portfolio ------------------

@pytest.mark.parametrize("text,pairs", [
    ("In meetings on Monday, Mira Stone of Intel and Dev Patel of AMD warned that the curbs would hurt.",
     {("Mira Stone", "Intel"), ("Dev Patel", "Advanced Micro Devices")}),
    ("Pat Lorne of Qualcomm Inc. joined the call.", {("Pat Lorne", "Qualcomm")}),
])
def test_a_person_of_a_known_firm_works_there(text, pairs):
    assert pairs <= _rels(text, "affiliatedWith")


def test_of_a_known_firm_does_not_make_a_firm_name_a_person():
    assert ("Bank of America", "Person") not in _typed("Bank of America said the deal would close.")


@pytest.mark.parametrize("text,org,person", [
    ("Wen Daoming, vice chairman of the China Center for Trade Exchanges, a think tank, said so.",
     "China Center for Trade Exchanges", "Wen Daoming"),
    ("Li Wen, a fellow at the Korea Institute for Chip Policy, disagreed.", "Korea Institute for Chip Policy", "Li Wen"),
])
def test_an_institution_named_after_its_country_is_one_organization(text, org, person):
    assert (org, "Organization") in _typed(text)
    assert (person, org) in _rels(text, "affiliatedWith")


def test_a_ministers_portfolio_is_not_the_us_department():
    text = "Former Deputy Minister of Commerce of the People's Republic of China Wen Daoming said so."
    assert not any(e.name == "Commerce Department" for e in _x(text).entities)
    assert any(e.name == "Commerce Department" for e in _x("Commerce said the rule would stand.").entities)


# -- AI models the lists do not know -----------------------------------------------------------------

@pytest.mark.parametrize("text,model", [
    ("The lab delayed its Orion 3 model after training runs failed.", "Orion 3"),
    ("Engineers tuned the Zephyr-2.5 language model on local chips.", "Zephyr-2.5"),
    ("Kestrel-9, an open-weight reasoning model, topped the charts.", "Kestrel-9"),
    ("The startup said its K7 model matched rivals.", "K7"),
])
def test_a_model_named_by_its_noun_is_an_ai_model(text, model):
    assert (model, "AIModel") in _typed(text)


@pytest.mark.parametrize("text", [
    "The 2024 model year began with new cars.",
    "The Corvan 3 model year starts in May, the carmaker said.",
    "In 2024 models grew larger.",
    "Nvidia said the H20 model sold well in China.",
])
def test_no_ai_model_from_a_year_or_a_chip(text):
    assert not any(t == "AIModel" for _, t in _typed(text)), _typed(text)


def test_a_model_from_a_lab_is_developed_by_it():
    text = "The team trained Kestrel-9, a 1.6-trillion-parameter mixture-of-experts model from Chinese AI lab DeepSeek."
    assert ("DeepSeek", "Kestrel-9") in _rels(text, "develops")


# -- a portfolio with commas; a requirement over a list of nouns; a body decreeing it ------------------

def test_a_portfolio_with_commas_names_the_ministry():
    text = ("Investment, Trade and Industry Minister Tengku Datuk Seri Amran Tengku Yusof said so. "
            "The Ministry of Investment, Trade and Industry agreed.")
    assert ("Tengku Datuk Seri Amran Tengku Yusof", "Ministry of Investment, Trade and Industry") in _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "The rules say that all export, transit, and transshipment activities involving H20 chips require a permit.",
    "From May, exports, re-exports and transfers of H20 chips require a licence.",
])
def test_a_requirement_over_a_list_of_activities_is_a_measure(text):
    assert "H20" in {o for _, o in _rels(text, "restricts")}


def test_a_clause_before_a_requirement_is_not_its_subject():
    text = "Officials told Acme that the chip was too powerful and that the company must obtain a license."
    assert not _measures(text)


@pytest.mark.parametrize("text,body", [
    ("The Ministry of Trade said on Monday that all exports of AI chips require a permit.", "Ministry of Trade"),
    ("The Ministry of Trade stipulated on July 14, 2025 that exports of H20 chips require a licence.", "Ministry of Trade"),
])
def test_a_body_stating_a_requirement_imposes_it(text, body):
    assert body in _imposers(text)


@pytest.mark.parametrize("text,body", [
    # a prosecutor's account of a requirement
    ("The Justice Department said that despite knowing licenses were required to export the items, none sought one.",
     "Justice Department"),
    # another government's rules, reported
    ("The Ministry of Trade said that US rules bar sales of H20 chips to China.", "Ministry of Trade"),
])
def test_a_body_reporting_a_requirement_does_not_impose_it(text, body):
    assert body not in _imposers(text)


# -- basedIn: a compound adjective, a copula, brackets, "the largest X in COUNTRY" --------------------

@pytest.mark.parametrize("text,firm,country", [
    ("China-based Korvane Micro was added to the list.", "Korvane Micro", "China"),
    ("Ostrel Systems, a Netherlands-headquartered firm, was fined.", "Ostrel Systems", "Netherlands"),
    ("Korvane Micro is a Chinese company that makes memory.", "Korvane Micro", "China"),
    ("Korvane Micro (China) was added to the list.", "Korvane Micro", "China"),
    ("Korvane Micro, the largest chipmaker in China, was added.", "Korvane Micro", "China"),
])
def test_more_forms_of_a_seat(text, firm, country):
    assert (firm, country) in _rels(text, "basedIn")


@pytest.mark.parametrize("text,firm", [
    ("Korvane Micro is the main supplier to Chinese firms.", "Korvane Micro"),
    ("Korvane Micro (KM) was added to the list.", "Korvane Micro"),
    ("Korvane Micro sells to China-based buyers.", "Korvane Micro"),
])
def test_no_seat_from_a_customer_or_an_acronym(text, firm):
    assert not any(s == firm for s, _ in _rels(text, "basedIn"))


# -- targets: the object of the measure's verb, "among the firms added", a licence to sell to A ------

_STRONG = "The US imposed export controls on chips in 2022. "


@pytest.mark.parametrize("text,targets", [
    ("The sanctions hit Korvane Micro and Ostrel Systems.", {"Korvane Micro", "Ostrel Systems"}),
    ("The US rules bar Korvane Micro from buying American chips.", {"Korvane Micro"}),
    ("The US export controls aim to cut China off from advanced chips.", {"China"}),
    (_STRONG + "The new rules are designed to stop China from obtaining advanced AI chips.", {"China"}),
    (_STRONG + "The curbs target Chinese chipmakers such as Korvane Micro.", {"Korvane Micro"}),
])
def test_the_object_of_a_measures_verb_is_targeted(text, targets):
    assert targets <= {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text,wrong", [
    # a seller kept from selling is not the target
    ("The US curbs prevent Nvidia from selling its H100 to China.", "Nvidia"),
    # the owner of what the measure hits
    ("The export controls hit Nvidia's sales in China.", "Nvidia"),
    # a firm inside a participle phrase
    (_STRONG + "The curbs covered chips sold by Nvidia to customers.", "Nvidia"),
])
def test_a_seller_or_owner_is_not_targeted(text, wrong):
    assert wrong not in {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text,targets", [
    ("Korvane Micro was among 140 firms added to the Entity List.", {"Korvane Micro"}),
    ("Korvane Micro and Ostrel Systems were among the companies sanctioned under the Entity List rules.",
     {"Korvane Micro", "Ostrel Systems"}),
    ("The Entity List designation means suppliers need a licence to sell to Korvane Micro.", {"Korvane Micro"}),
    ("Under the Entity List rule, exporters must get licences before shipping chips to Korvane Micro and Ostrel Systems.",
     {"Korvane Micro", "Ostrel Systems"}),
])
def test_listed_among_others_or_needing_a_licence_is_targeted(text, targets):
    assert targets <= {o for _, o in _rels(text, "targets")}


def test_among_the_buyers_is_not_listed():
    text = "Korvane Micro was among the biggest buyers of chips before the Entity List rule."
    assert "Korvane Micro" not in {o for _, o in _rels(text, "targets")}


# -- affiliatedWith: "ORG's NAME", "ROLE for ORG, NAME," ---------------------------------------------

@pytest.mark.parametrize("text,pair", [
    ("Nvidia's Jensen Huang said the rules were unworkable.", ("Jensen Huang", "Nvidia")),
    ("The Commerce Department's Mara Tollen said so.", ("Mara Tollen", "Commerce Department")),
    ("A spokesperson for Nvidia, Mara Tollen, said so.", ("Mara Tollen", "Nvidia")),
    ("The chief executive of Nvidia, Jensen Huang, said so.", ("Jensen Huang", "Nvidia")),
])
def test_a_possessor_or_a_role_before_the_name_gives_the_employer(text, pair):
    assert pair in _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "China's Xi Jinping said so.",
    "In a letter to Nvidia, Mara Tollen said so.",
    "Sales of Nvidia, Mara Tollen said, fell.",
])
def test_no_employer_from_a_country_or_a_passing_phrase(text):
    assert not _rels(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "Officials said that their chip controls would be tightened.",
    "The ministry said that US rules bar sales of H20 chips to China.",
])
def test_that_as_a_conjunction_is_not_part_of_a_measures_name(text):
    for e in _measures(text):
        assert not any(f.lower().startswith("that ") for f in [e.name, *e.aliases]), (e.name, e.aliases)


# -- a firm before its goods makes them; a firm's licence makes it the target ------------------------

@pytest.mark.parametrize("text,maker", [
    ("The Netherlands expanded its export restrictions on ASML machines.", "ASML"),
    ("The US revoked Huawei's licence to buy Qualcomm chips.", "Qualcomm"),
    ("The US banned sales of Nvidia GPUs to Korvane Micro.", "Nvidia"),
])
def test_a_firm_before_its_goods_is_not_targeted(text, maker):
    assert maker not in {o for _, o in _rels(text, "targets")}


@pytest.mark.parametrize("text,target", [
    ("The US revoked Huawei's licence to buy Qualcomm chips.", "Huawei"),
    ("The US banned sales of Nvidia GPUs to Korvane Micro.", "Korvane Micro"),
    ("The US imposed sanctions on Korvane Micro last year.", "Korvane Micro"),
])
def test_the_holder_of_a_licence_or_the_buyer_is_targeted(text, target):
    assert target in {o for _, o in _rels(text, "targets")}


# -- an institution's name with "and" that opens with a catalogued firm's name -----------------------

@pytest.mark.parametrize("text,org", [
    ("The Information Technology and Innovation Foundation published a study.",
     "Information Technology and Innovation Foundation"),
    ("The Trade and Development Agency said so.", "Trade and Development Agency"),
])
def test_an_institution_with_and_in_its_name_is_whole(text, org):
    names = {n for n, _ in _typed(text)}
    assert org in names and "The Information" not in names, names


def test_the_publication_alone_stays_a_firm():
    assert ("The Information", "Company") in _typed("The Information reported the deal on Monday.")


# -- "COUNTRY's NAME" for a firm the dictionary does not know; "rival A of COUNTRY" --------------------

@pytest.mark.parametrize("text,firm,country", [
    ("The US approved sales to Saudi Arabia’s Qarawan, and UAE’s K77, this week.", "Qarawan", "Saudi Arabia"),
    ("The US approved sales to Saudi Arabia’s Qarawan, and UAE’s K77, this week.", "K77", "United Arab Emirates"),
    ("Japan's Hoshiro plans a second fab in Hokkaido.", "Hoshiro", "Japan"),
    ("The Emirati firm K77 and regional rival Qarawan of Saudi Arabia will buy chips.", "Qarawan", "Saudi Arabia"),
])
def test_a_country_owned_name_is_a_firm_based_there(text, firm, country):
    assert (firm, "Company") in _typed(text)
    assert (firm, country) in _rels(text, "basedIn")


@pytest.mark.parametrize("text,name", [
    ("China's Xi said the rules were unfair.", "Xi"),
    ("China's GPU makers raised prices.", "GPU"),
    ("Japan's Prime Minister said so.", "Prime"),
])
def test_a_country_owned_leader_or_term_is_no_firm(text, name):
    assert (name, "Company") not in _typed(text)


def test_a_clause_between_a_body_and_a_titled_name_gives_no_affiliation():
    text = "The Commerce Department said in a statement that President Dana Whitcombe is moving ahead."
    assert not _rels(text, "affiliatedWith")


def test_a_countrys_description_set_off_before_the_name_places_the_firm():
    text = "The chip is made by China's largest foundry, Korvane Micro, using older tools."
    assert ("Korvane Micro", "China") in _rels(text, "basedIn")


def test_a_role_from_an_organization_before_the_name():
    text = "An analyst from TechInsights, Dana Whitcombe, noted that the parts were local."
    assert ("Dana Whitcombe", "TechInsights") in _rels(text, "affiliatedWith")


def test_a_country_the_sanctions_come_from_does_not_name_their_target():
    text = "Korvane Micro has faced sanctions from the United States since 2020."
    assert not any(e.name.endswith("to United States") for e in _measures(text))


@pytest.mark.parametrize("text", [
    "The Ascend 910C is manufactured by SMIC using its 7nm process.",
    "The chip, the Ascend 910C, is made by China's largest foundry, SMIC, using older tools.",
])
def test_a_chip_made_by_a_firm_in_the_passive(text):
    assert ("Semiconductor Manufacturing International Corporation", "Ascend 910C") in _rels(text, "manufactures")


def test_a_chip_shipped_by_a_firm_is_not_made_by_it():
    assert not _rels("The Ascend 910B was shipped by Korvane Micro to buyers.", "manufactures") & {("Korvane Micro", "Ascend 910B")}
