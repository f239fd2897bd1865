"""Typed entities that hold on unseen articles (issue #12, categories 4, 6 and 7), fifth round:
the shapes of names (a suffix joined to the last word, a name opening in lower case), a
definition in two scripts, a registered name that opens with its country, an institution's
unit, and an apposition that only an organization takes.

Every sentence here is our own; names are invented where the construction allows it
("Zorblat", "Quorvex", "Varda" and the like are no names the dictionary knows).
"""
import pytest


def _typed(extracted, text):
    return {(e.name, e.type) for e in extracted(text).entities}


def _names(extracted, text):
    return {e.name for e in extracted(text).entities}


# -- a suffix written into the last word; a name that opens in lower case ---------------------

@pytest.mark.parametrize("text, name", [
    ("The plant was sold to a subsidiary of Ruritania's Zorblat MicroSystems last year.", "Zorblat MicroSystems"),
    ("Quorvex bought Varda NanoElectronics for $2 billion.", "Varda NanoElectronics"),
    ("Zentrino BioTechnologies said its orders doubled.", "Zentrino BioTechnologies"),
])
def test_a_suffix_joined_to_the_last_word_makes_a_firm(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


@pytest.mark.parametrize("text", [
    "The NanoSystems lab opened in May.",  # one word alone is no name with a suffix
    "Sales of MicroElectronics rose.",
])
def test_a_joined_suffix_alone_is_no_firm(extracted, text):
    assert not [e for e in extracted(text).entities if e.type == "Company"]


@pytest.mark.parametrize("text, name", [
    ("Demand is weak, said Wei Lan, chief analyst at iiZorb Research.", "iiZorb Research"),
    ("Sales rose, said Wei Lan, a partner at eVarda Capital.", "eVarda Capital"),
])
def test_a_name_that_opens_in_lower_case_after_a_role(extracted, text, name):
    ex = extracted(text)
    assert (name, "Company") in {(e.name, e.type) for e in ex.entities}
    names = {e.key: e.name for e in ex.entities}
    assert ("Wei Lan", "affiliatedWith", name) in {(names[r.subject], r.predicate, names[r.object]) for r in ex.relations}


def test_a_product_in_lower_case_camel_is_no_firm(extracted):
    assert _typed(extracted, "Sales of the iZorb Pro rose, shoppers said.") == set()


# -- "LONG NAME (ABBR, native script)"; an abbreviation that shows the first word is the name's --

@pytest.mark.parametrize("text", [
    "Quorvex signed a deal with Zentrino Varda Manufacturing Corporation (ZVMC, 甲乙丙) on Monday. ZVMC said so.",
    "Quorvex signed a deal with Zentrino Varda Manufacturing Corporation (ZVMC) on Monday. ZVMC said so.",
])
def test_a_definition_may_give_the_name_in_its_own_script(extracted, text):
    [firm] = [e for e in extracted(text).entities if e.type == "Company"]
    assert firm.name == "Zentrino Varda Manufacturing Corporation" and "ZVMC" in firm.aliases


@pytest.mark.parametrize("text, name, typ", [
    ("Officials gave aid to the European Zorblat Manufacturing Company (EZMC) in Varda.",
     "European Zorblat Manufacturing Company", "Company"),
    ("The National Zorblat Council (NZC) met on Friday.", "National Zorblat Council", "Organization"),
])
def test_an_abbreviation_keeps_a_first_word_that_it_spells(extracted, text, name, typ):
    assert (name, typ) in _typed(extracted, text)


# -- a firm's registered name may open with its country -------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Quorvex sold parts to Iran Zorblat Manufacturing Co., an aircraft maker.", "Iran Zorblat Manufacturing Co"),
    ("The buyer was China Varda Trading Ltd., a shell company.", "China Varda Trading Ltd"),
])
def test_a_registered_name_that_opens_with_a_country_is_a_firm(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


def test_a_country_before_a_plain_word_stays_the_country(extracted):
    assert ("Japan", "Country") in _typed(extracted, "Japan Inc. is changing, officials said.")


# -- an institution's unit: the institution is the entity -----------------------------------

@pytest.mark.parametrize("text, name", [
    ("It is a big step, Wei Lan, a professor at the University of Varda and Trade’s School of Law, told reporters.",
     "University of Varda and Trade"),
    ("Wei Lan, a professor at Varda University's School of Economics, said so.", "Varda University"),
    ("Wei Lan, a fellow at Zorblat College's Center for Chips, said so.", "Zorblat College"),
])
def test_a_unit_after_a_universitys_possessive_is_the_university(extracted, text, name):
    names = _names(extracted, text)
    assert name in names
    assert not any(n.startswith(("School of", "Center for")) for n in names)


def test_a_possessive_body_still_drops_its_owner(extracted):
    assert ("Central Commission", "GovernmentBody") in _typed(extracted, "Ruritania’s Central Commission met.")


# -- an apposition only an organization takes -----------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("It is a step, Wei Lan told Zorb Tantian, a media platform.", "Zorb Tantian"),
    ("It is a step, Wei Lan told Zorb Tantian, a news website based in Varda.", "Zorb Tantian"),
    ("The view was shared by Zorb Daily, a broadcaster in Varda.", "Zorb Daily"),
])
def test_an_organizations_apposition_outweighs_a_speech_verb(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


@pytest.mark.parametrize("text", [
    "Wei Lan told Zorb Tantian, a senior company executive.",  # a role after the descriptor
    "Asked about it, Zorb Tantian, a former agency official, said no.",
])
def test_a_person_with_a_firm_word_in_the_role_stays_a_person(extracted, text):
    assert ("Zorb Tantian", "Person") in _typed(extracted, text)


@pytest.mark.parametrize("text, name", [
    ("The report aired on Varda Central Television on Sunday.", "Varda Central Television"),
    ("Zorb Broadcasting reported the sale.", "Zorb Broadcasting"),
])
def test_a_broadcasters_name(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


# -- a family's model numbers listed after its chips -----------------------------------------

@pytest.mark.parametrize("text", [
    "Officials said three Ascend chips—910B,910C,and 910D—are covered.",
    "Officials said the Ascend chips 910B, 910C and 910D are covered.",
    "The rule covers Ascend processors, including 910B, 910C and 910D.",
])
def test_model_numbers_listed_after_a_familys_chips(extracted, text):
    chips = {e.name for e in extracted(text).entities if e.type == "Chip"}
    assert {"Ascend 910B", "Ascend 910C", "Ascend 910D"} <= chips


def test_a_year_after_a_familys_chips_is_no_model(extracted):
    chips = {e.name for e in extracted("The Ascend chips: 2025 sales fell.").entities if e.type == "Chip"}
    assert not any(c[-1:].isdigit() for c in chips)


@pytest.mark.parametrize("text, name", [
    ("Buyers halted orders of the RTX Pro 6000D, officials said.", "RTX Pro 6000D"),
    ("Buyers bought the RTX PRO 6000 and the RTX 5090.", "RTX PRO 6000"),
])
def test_a_workstation_line_inside_a_model_name(extracted, text, name):
    assert (name, "Chip") in _typed(extracted, text)


# -- a control list the catalogue does not hold ----------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Goods on the Zorblat Items List (ZIL) need permits.", "Zorblat Items List"),
    ("Officials added three firms to the Zorblat Entities List on Monday.", "Zorblat Entities List"),
    ("Officials updated the Varda Zentrino List to cover drone exports.", "Varda Zentrino List"),
])
def test_an_unknown_control_list_is_a_measure(extracted, text, name):
    assert (name, "ExportControl") in _typed(extracted, text)
    assert not [e for e in extracted(text).entities if e.type in ("Company", "Organization")]


def test_an_unknown_lists_acronym_is_its_later_mention(extracted):
    ex = extracted("Goods on the Zorblat Items List (ZIL) need permits. The ZIL covers drones.")
    [m] = [e for e in ex.entities if e.type == "ExportControl"]
    assert "ZIL" in m.aliases and len(m.mentions) >= 3


def test_a_countrys_list_is_imposed_by_the_country(extracted):
    ex = extracted("Japan's Zorblat Control List covers chips.")
    names = {e.key: e.name for e in ex.entities}
    assert ("Zorblat Control List", "imposedBy", "Japan") in {
        (names[r.subject], r.predicate, names[r.object]) for r in ex.relations}


@pytest.mark.parametrize("text", [
    "Quorvex topped the Zorb Best Places List this year.",  # a list of nothing a measure is about
    "Fans voted on the Zorb Summer Reading List.",
])
def test_a_list_of_other_things_is_no_measure(extracted, text):
    assert not [e for e in extracted(text).entities if e.type == "ExportControl"]


def test_a_demonym_before_a_lists_title_is_not_part_of_it(extracted):
    assert ("Zorblat Control List", "ExportControl") in _typed(extracted, "The Japanese Zorblat Control List covers chips.")


# -- a firm named with its legal form is also known without it --------------------------------

@pytest.mark.parametrize("text, name, base", [
    ("The additions include memory producer Zorblat Memory Technologies Co., Ltd., officials said.",
     "Zorblat Memory Technologies Co", "Zorblat Memory Technologies"),
    ("The additions include Quorvex Corp and two others.", "Quorvex Corp", "Quorvex"),
])
def test_a_legal_form_is_dropped_in_an_alias(extracted, text, name, base):
    [firm] = [e for e in extracted(text).entities if e.name == name]
    assert firm.type == "Company" and base in firm.aliases


def test_a_name_without_a_legal_form_gets_no_extra_alias(extracted):
    [firm] = [e for e in extracted("Zorblat Memory Technologies said sales rose.").entities]
    assert firm.aliases == []


# -- a news outlet the text speaks to, quotes or reports through ------------------------------

@pytest.mark.parametrize("text, name", [
    ("There are no back doors, spokesman Ken Dalton told Zorb Tech Report.", "Zorb Tech Report"),
    ("Engineers are still there, said Wei Lan in an interview with Varda Weekly.", "Varda Weekly"),
    ("The Quorvex Times reported the sale on Friday.", "Quorvex Times"),
    ("Zorb Daily News said the deal was off.", "Zorb Daily News"),
])
def test_an_outlet_by_its_last_word_and_what_it_does(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


@pytest.mark.parametrize("text", [
    "The Annual Report said so.",  # no name before the outlet word
    "Officials read the Zorb Report on Monday.",  # a report read, not an outlet that reports
])
def test_a_report_is_no_outlet(extracted, text):
    assert not [e for e in extracted(text).entities if e.type == "Company"]


def test_a_post_at_an_employer_is_no_firm_apposition(extracted):
    ents = extracted("Wei Lan, a designer at Quorvex Systems, said so.").entities
    assert ("Wei Lan", "Company") not in {(e.name, e.type) for e in ents}
    assert ("Quorvex Systems", "Company") in {(e.name, e.type) for e in ents}
