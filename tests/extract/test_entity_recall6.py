"""Typed entities that hold on unseen articles (issue #12, categories 4 and 6), sixth round:
people by roles the lexicon lacked, a person whose apposition runs on into a relative clause,
firms behind a "CITY-based" compound, and words that are no organization (a place, a legal form
cut off by a comma, a reporting clause, a news outlet's name read as a person).

Every sentence here is our own; names are invented where the construction allows it
("Zorblat", "Quorvex", "Varda" and the like are no names the dictionary knows).
"""
import pytest


def _typed(extracted, text):
    return {(e.name, e.type) for e in extracted(text).entities}


# -- people by role ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Zorblat Quorvex, a historian at Varda University, said the rules were harsh.", "Zorblat Quorvex"),
    ("The deal was signed by Quorvex Zentrino, a diplomat, on Monday.", "Quorvex Zentrino"),
    ("Varda Mensk, a venture capitalist, said funding had dried up.", "Varda Mensk"),
    ("Zorblat Quorvex, a journalist with the Varda Herald, wrote that the rules were harsh.", "Zorblat Quorvex"),
    ("Quorvex Zentrino, a lobbyist for chipmakers, said the bill would pass.", "Quorvex Zentrino"),
])
def test_a_person_by_a_role_apposition(extracted, text, name):
    assert (name, "Person") in _typed(extracted, text)


@pytest.mark.parametrize("text", [
    "Zorblat Varda, a lawyer who represents exporters, said the rule was vague.",
    "Zorblat Varda, a banker who advises chipmakers, said the deal would close.",
])
def test_a_personal_role_before_a_firm_noun_keeps_the_person(extracted, text):
    assert ("Zorblat Varda", "Person") in _typed(extracted, text)


def test_a_firm_apposition_still_makes_a_firm(extracted):
    typed = _typed(extracted, "Zorblat Varda, a Ruritanian chip exporter, said sales rose.")
    assert ("Zorblat Varda", "Person") not in typed


def test_an_outlet_name_is_no_person(extracted):
    typed = _typed(extracted, "Zorblat Quorvex, a journalist with the Varda Herald, wrote that the rules were harsh.")
    assert ("Varda Herald", "Person") not in typed and ("Varda Herald", "Company") in typed


# -- "CITY-based NAME" ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Hangzhou-based Quorvex said it would appeal.", "Quorvex"),
    ("Shares of Ruritania-headquartered Zorblat Semi fell.", "Zorblat Semi"),
    ("Regulators fined Penang-based Varda Quell Systems on Friday.", "Varda Quell Systems"),
])
def test_a_firm_after_a_based_compound(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


@pytest.mark.parametrize("text, kept, not_a_name", [
    ("Hangzhou-based Quorvex chief Zorblat Varda said so.", None, "Hangzhou-based Quorvex"),
    ("Beijing-based CPU maker Zorblat was listed.", "Zorblat", "CPU"),
])
def test_a_based_compound_is_no_word_of_a_name(extracted, text, kept, not_a_name):
    names = {e.name for e in extracted(text).entities}
    assert not_a_name not in names
    if kept:
        assert (kept, "Company") in _typed(extracted, text)


# -- words that are no organization --------------------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("Quorvex said it had built a warehouse in Penang, the company said.", "Penang"),
    ("A lawmaker from Texas, Zorblat Varda, said so.", "Texas"),
    ("The senator from Ohio, Zorblat Varda, objected.", "Ohio"),
])
def test_a_place_is_no_organization(extracted, text, place):
    assert place not in {e.name for e in extracted(text).entities}


def test_a_legal_form_cut_off_by_a_comma_is_no_firm(extracted):
    names = {e.name for e in extracted("Quorvex Technology Co., Ltd., a maker of memory chips, said sales rose.").entities}
    assert "Ltd" not in names and "Ltd." not in names


def test_a_firm_named_by_suffix_words_after_a_descriptor_stays(extracted):
    assert ("Tech Insights", "Company") in _typed(extracted, "Research firm Tech Insights found the part.")


# -- firms by their company, their suffix or their owner's role ----------------------------------

@pytest.mark.parametrize("text, names", [
    ("Chips from Quorvex, Zorblat and Nvidia were found.", {"Quorvex", "Zorblat"}),
    ("Quorvex and Huawei were added to the list.", {"Quorvex"}),
    ("Sales at Apple, Samsung and Quorvex rose.", {"Quorvex"}),
    ("Huawei, Zorblat, Quorvex and Varda were named.", {"Zorblat", "Quorvex", "Varda"}),
])
def test_single_names_listed_with_a_known_firm_are_firms(extracted, text, names):
    typed = _typed(extracted, text)
    assert all((n, "Company") in typed for n in names), typed


@pytest.mark.parametrize("text, not_firm", [
    ("Huawei, China and Zorblat were named.", "Zorblat"),  # a list with a country is no list of firms
    ("Nvidia and Zorblat Varda met.", "Zorblat"),  # the first word of a longer name
    ("In Zorblat, Nvidia said sales rose.", "Zorblat"),  # a comma, no coordination
])
def test_no_firm_from_a_list_that_is_not_one_of_firms(extracted, text, not_firm):
    assert (not_firm, "Company") not in _typed(extracted, text)


@pytest.mark.parametrize("text, name", [
    ("The deal with Halvard Foundry closed in May.", "Halvard Foundry"),
    ("Zorblat Electric and Varda Steel signed the pact.", "Zorblat Electric"),
    ("Zorblat Electric and Varda Steel signed the pact.", "Varda Steel"),
    ("Quorvex's chief executive Zorblat Varda said sales fell.", "Quorvex"),
    ("The Varda Times's board met on Monday.", "Varda Times"),
])
def test_a_firm_by_its_suffix_or_its_owners_role(extracted, text, name):
    assert (name, "Company") in _typed(extracted, text)


@pytest.mark.parametrize("text", [
    "Quorvex Manufacturing said output rose.",
    "Varda Energy told investors it would expand.",
])
def test_an_industry_word_ends_no_persons_name(extracted, text):
    assert not [e for e in extracted(text).entities if e.type == "Person"]


def test_a_sector_phrase_is_no_firm(extracted):
    assert not [e for e in extracted("Advanced Manufacturing is a priority, the minister said.").entities
                if e.type == "Company"]


@pytest.mark.parametrize("text", [
    "Zorblat Varda of Quorvex Labs said the rules hurt.",
    "Zorblat Varda of Quorvex Labs has said the rules hurt.",
])
def test_a_person_of_a_found_firm_who_speaks(extracted, text):
    assert ("Zorblat Varda", "Person") in _typed(extracted, text)


def test_the_last_words_of_a_firms_name_are_that_firm(extracted):
    ex = extracted("Quorvex must sell Newport Zorb Fab to a buyer. The sale of Zorb Fab was blocked.")
    [firm] = [e for e in ex.entities if e.type == "Company" and "Fab" in e.name]
    assert firm.name == "Newport Zorb Fab" and "Zorb Fab" in firm.aliases


# -- chips by a model number before a chip noun -------------------------------------------------

@pytest.mark.parametrize("text, chip", [
    ("Quorvex's Z100 chip is banned.", "Z100"),
    ("Quorvex makes the Z100 accelerator.", "Z100"),
    ("The Orion X2 processor is fast.", "Orion X2"),
    ("Sales of Kunlun P800 chips rose.", "Kunlun P800"),
])
def test_a_chip_by_its_model_number(extracted, text, chip):
    assert (chip, "Chip") in _typed(extracted, text)


@pytest.mark.parametrize("text", ["The 2025 chips are fast.", "The 590 chips are fast.", "Its X2 chips sold."])
def test_a_determiner_and_a_number_are_no_chip(extracted, text):
    assert not [e for e in extracted(text).entities if e.type == "Chip"]


# -- more firm cues; bodies named by their complement ----------------------------------------------

@pytest.mark.parametrize("text, name, typ", [
    ("Quorvex, the world's largest maker of memory chips, said sales rose.", "Quorvex", "Company"),
    ("Tencent-owned Quorvex said it would expand.", "Quorvex", "Company"),
    ("Quorvex, owned by Zorblat Group, said it would expand.", "Quorvex", "Company"),
    ("Quorvex, which is majority-owned by Zorblat Group, grew.", "Quorvex", "Company"),
    ("Quorvex, a Washington think tank, said so.", "Quorvex", "Organization"),
    ("The State Administration of Widget Regulation fined Quorvex.", "State Administration of Widget Regulation",
     "GovernmentBody"),
    ("The National Administration for Zorb Safety said so.", "National Administration for Zorb Safety",
     "GovernmentBody"),
])
def test_more_organization_cues(extracted, text, name, typ):
    assert (name, typ) in _typed(extracted, text)


def test_an_administration_without_a_complement_is_no_new_body(extracted):
    assert "Quorvex Administration" not in {e.name for e in extracted("The Quorvex Administration said so.").entities}
