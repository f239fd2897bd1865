"""Issue 12, categories 1 and 4: posts stated by relative clauses and by the organization's name
before the title, people recognised by "who" and by a copula with a role, and the plain forms
of a measure's phrase (without "first", "expanded" …, and the noun of "require a … licence").
Every sentence is written for these tests (real organization names, made-up events);
negatives check that nothing is added that the text does not state."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document


def _x(text):
    return extract(Document("t", text))


def _affiliations(text):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "affiliatedWith"}


def _has(rels, subject, obj):
    return any(subject in s and obj in o for s, o in rels)


# -- affiliatedWith ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,person,org", [
    # the current post, stated by a verb after a former one
    ("Maya Lindqvist, a former engineer at Intel who now teaches at Tsinghua University, doubted the plan.",
     "Maya Lindqvist", "Tsinghua"),
    ("Omar Reyes, who now works for Samsung Electronics, said the delay was costly.", "Omar Reyes", "Samsung"),
    ("Priya Anand, who serves on the Senate Banking Committee, asked for a briefing.",
     "Priya Anand", "Banking Committee"),
    # a firm run or founded, named after a descriptor ("a … called Y")
    ("Arjun Mehta, who ran a Texas-based reseller called Lumen Compute Inc, pleaded guilty.", "Arjun Mehta", "Lumen Compute"),
    # an organization's name qualifying another one: the later name is the employer
    ("The rule is weak, said Ruth Adler, a senior fellow at the Harvard Center for Strategic and International Studies.",
     "Ruth Adler", "Center for Strategic and International Studies"),
    # an article, the organization, then the title
    ("The rule stands, said Tom Brandt, a Commerce Department spokesman.", "Tom Brandt", "Commerce Department"),
    ("Nothing has changed, said Ines Kober, the Infineon chief executive.", "Ines Kober", "Infineon"),
    # a copula with the post after a longer description
    ("Helen Varga is a senior fellow in the technology programme at the Brookings Institution.",
     "Helen Varga", "Brookings"),
])
def test_posts_from_clauses(text, person, org):
    assert _has(_affiliations(text), person, org), _affiliations(text)


def test_coordinated_people_share_the_firm_they_ran():
    rels = _affiliations("Wei Chen and Laura Stone, who ran a Nevada-based broker called Apex Silicon LLC, were arrested.")
    assert _has(rels, "Wei Chen", "Apex Silicon") and _has(rels, "Laura Stone", "Apex Silicon"), rels


@pytest.mark.parametrize("text,person,wrong", [
    # the former employer is not the post when the text gives the current one
    ("Maya Lindqvist, a former engineer at Intel who now teaches at Tsinghua University, doubted the plan.",
     "Maya Lindqvist", "Intel"),
    # the qualifying name is not the employer
    ("The rule is weak, said Ruth Adler, a senior fellow at the Harvard Center for Strategic and International Studies.",
     "Ruth Adler", "Harvard"),
])
def test_not_the_former_or_qualifying_organization(text, person, wrong):
    assert not _has(_affiliations(text), person, wrong), _affiliations(text)


def test_a_post_mentioned_in_passing_is_no_affiliation():
    # "who met" is no post
    rels = _affiliations("Omar Reyes, who met Samsung Electronics executives in May, said the delay was costly.")
    assert not _has(rels, "Omar Reyes", "Samsung"), rels


# -- people -----------------------------------------------------------------------------------

def _people(text):
    return {e.name for e in _x(text).entities if e.type == "Person"}


@pytest.mark.parametrize("text,name", [
    ("Kevin Marsh, who founded the broker in 2019, declined to comment.", "Kevin Marsh"),
    ("Priya Natarajan, who is based in Singapore, handled the shipments.", "Priya Natarajan"),
    ("Helen Varga is a senior fellow at the Brookings Institution.", "Helen Varga"),
    ("Jonas Weber was the chief financial officer of the distributor.", "Jonas Weber"),
])
def test_people_from_who_and_a_copula_with_a_role(text, name):
    assert name in _people(text), _people(text)


@pytest.mark.parametrize("text,name", [
    # a firm that is "a member of" or "a partner of" something is no person
    ("Lumen Compute is a member of the industry group.", "Lumen Compute"),
    ("Apex Silicon is a partner of Dell in the region.", "Apex Silicon"),
])
def test_firms_with_shared_roles_are_not_people(text, name):
    assert name not in _people(text), _people(text)


# -- the plain forms of a measure's phrase ----------------------------------------------------

def _measure_forms(text):
    return [{e.name, *e.aliases} for e in _x(text).entities if e.type == "ExportControl"]


@pytest.mark.parametrize("text,form", [
    ("The Commerce Department granted Microsoft the first export licenses for shipping GPUs to the UAE.", "export licenses"),
    ("Tokyo announced expanded export licence requirements for chip tools on Friday.", "export licence requirements"),
    ("Seoul said its tougher export controls on chip equipment take effect in May.", "export controls on chip equipment"),
    # the noun phrase of a licence requirement stated by its verb
    ("Shipments of the H20 to China require a U.S. government license, the filing said.", "U.S. government license"),
    ("Any sale of the MI308 to Chinese buyers needs a special licence from Washington.", "special licence"),
])
def test_plain_forms_of_a_measure(text, form):
    forms = _measure_forms(text)
    assert any(form in f for f in forms), forms


def test_a_phrase_without_detachable_words_keeps_its_own_form():
    forms = _measure_forms("Washington imposed export controls on chip equipment to China in 2022.")
    assert any("export controls on chip equipment" in f for f in forms), forms


@pytest.mark.parametrize("text,chip,target", [
    ("Shipments of the H20 to China require a U.S. government license, the filing said.", "H20", "China"),
    ("Any sale of the MI308 to Russia needs a special licence from now on.", "MI308", "Russia"),
    ("Exports of the H200 to Vietnam would still require a US licence.", "H200", "Vietnam"),
])
def test_a_licence_requirement_with_what_needs_it_before_the_verb(text, chip, target):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    measures = {e.key for e in x.entities if e.type == "ExportControl"}
    rels = {(r.predicate, names[r.object]) for r in x.relations if r.subject in measures}
    assert ("restricts", chip) in rels and ("targets", target) in rels, rels


def test_a_licence_renewed_by_a_firm_before_the_verb_is_no_measure():
    # the clause before the verb is a firm, not what needs the licence
    assert not _measure_forms("Acme Trading Ltd said it needs a special licence renewal form by Friday.")


# -- basedIn ----------------------------------------------------------------------------------

def _based(text):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "basedIn"}


@pytest.mark.parametrize("text,firm,country", [
    # an apposition after a name that ends in an abbreviation's full stop
    ("Police in Taiwan questioned staff of Norden Compute Co., a Taiwanese server assembler, on Monday.", "Norden Compute", "Taiwan"),
    ("Lawyers for Halcyon Systems Inc., a Japanese systems integrator, declined to comment on Japan's rule.", "Halcyon Systems", "Japan"),
    # "-registered", "-incorporated", before or after the name
    ("Court papers name Kovan Systems Pte Ltd, a Singapore-registered parts broker, as the buyer, police in Singapore said.",
     "Kovan Systems", "Singapore"),
    ("Malaysia said Kestrel Labs Sdn Bhd, a Malaysia-incorporated reseller, had been fined.", "Kestrel Labs", "Malaysia"),
    # an acronym between "CITY-based" and the descriptor
    ("China listed others too. The list names Shenzhen-based GPU maker Taichu Semi as well.", "Taichu Semi", "China"),
])
def test_based_in_from_appositions_and_compounds(text, firm, country):
    assert _has(_based(text), firm, country), _based(text)


def test_a_hyphen_compound_that_is_no_seat_gives_no_based_in():
    # "Singapore-bound" says where servers went, not where the firm is
    rels = _based("Police in Singapore said Arclight Data Pte Ltd, a trading firm, sent Singapore-bound servers.")
    assert not _has(rels, "Arclight Data", "Singapore"), rels


@pytest.mark.parametrize("text,firm", [
    ("Regulators fined Kestrel Labs Sdn Bhd in March.", "Kestrel Labs Sdn Bhd"),
    ("The servers went to Arclight Data Pte Ltd last year.", "Arclight Data Pte Ltd"),
])
def test_malaysian_and_singaporean_company_suffixes_make_a_company(text, firm):
    ents = {(e.name, e.type) for e in _x(text).entities}
    assert (firm, "Company") in ents and not any(t == "Person" for _, t in ents), ents


@pytest.mark.parametrize("text,form", [
    # a measure stated by its verb keeps the verb and the noun phrase it acts on
    ("The Dutch government partially revoked its license to ship two scanners to China.", "partially revoked its license"),
    ("Washington revoked waivers granted to Samsung for its plants in China.", "revoked waivers"),
    ("The US previously halted MI308 sales to China entirely.", "halted MI308 sales"),
    # a named measure with the country the text puts before it
    ("The U.S. Chip Security Act would require tracking of exported chips.", "U.S. Chip Security Act"),
    # a restriction's complement runs to its own noun
    ("Exports of the sort face Japan's curbs on the export of Nikon's lithography tools, which grew stricter last year.",
     "curbs on the export of Nikon's lithography tools"),
])
def test_short_forms_a_reader_searches_for(text, form):
    forms = _measure_forms(text)
    assert any(form in f for f in forms), forms


# -- targets of listings ----------------------------------------------------------------------

def _targets(text):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    measures = {e.key for e in x.entities if e.type == "ExportControl"}
    return {names[r.object] for r in x.relations if r.subject in measures and r.predicate == "targets"}


@pytest.mark.parametrize("text,firms", [
    # a firm described as listed, after a bracketed acronym
    ("Orders reached Borealis Semi (BSC), a supplier listed on the Commerce Department's Entity List, last spring.", {"Borealis Semi"}),
    ("Orders reached Kestrel Labs, one of the firms added to the Entity List last year.", {"Kestrel Labs"}),
    ("Exports to Yangtze Memory Technologies (YMTC), which has been on the Entity List for years, need approval.",
     {"Yangtze Memory Technologies"}),
    # an adverb between the auxiliary and "been"
    ("For years Huawei and Hikvision have both been on the Entity List, officials noted.", {"Hikvision", "Huawei"}),
    # a list after a corporate abbreviation, with descriptors before the next name
    ("The Commerce Department added 16 firms to the Entity List. The additions include memory (HBM) producer "
     "Qinghe Memory Co., Ltd., and etch tool makers Zhenhua Semi Co.", {"Qinghe Memory Co", "Zhenhua Semi Co"}),
    # a listing in a later sentence that does not name the list again
    ("The Commerce Department expanded the Entity List on Monday. It also added Kestrel Labs and Apex Silicon LLC.",
     {"Kestrel Labs", "Apex Silicon LLC"}),
    ("The Commerce Department expanded the Entity List on Monday. Officials also added Chinese research bodies such as the "
     "Harbin Institute of Microwave Design and the Xian Institute of Radar Physics.",
     {"Harbin Institute of Microwave Design", "Xian Institute of Radar Physics"}),
    # a backer named before the listed start-up is no target
    ("Commerce added Alibaba-backed chip designer Kestrel Labs to the Entity List.", {"Kestrel Labs"}),
])
def test_listing_targets(text, firms):
    found = _targets(text)
    assert firms <= found, found


def test_the_backer_of_a_listed_start_up_is_no_target():
    found = _targets("Commerce added Alibaba-backed chip designer Kestrel Labs to the Entity List.")
    assert "Kestrel Labs" in found and not any(f.startswith("Alibaba") for f in found), found


def test_a_firm_speaking_after_a_listing_is_no_target():
    found = _targets("The Commerce Department expanded the Entity List on Monday. Nvidia added that Huawei remained a rival.")
    assert not found & {"Nvidia", "Huawei"}, found


# -- ministers, ages, "former … now at" --------------------------------------------------------

@pytest.mark.parametrize("text,person,org", [
    ("The Dutch government agreed. Dutch Foreign Trade Minister Anouk de Vries told parliament the curbs were fair.",
     "Anouk de Vries", "Dutch government"),
    ("The Dutch government agreed. Dutch trade minister Pieter Kloos told parliament the curbs were fair.",
     "Pieter Kloos", "Dutch government"),
    ("The Japanese government will act. Japan's economy minister Kenji Mori spoke on Friday.",
     "Kenji Mori", "Japanese government"),
    # ages between coordinated people
    ("Ivan Petrov, 41, and Sara Lind, 38, who ran a Reno, Nevada-based broker called Apex Silicon LLC, were charged.",
     "Ivan Petrov", "Apex Silicon"),
    ("Ivan Petrov, 41, and Sara Lind, 38, who ran a Reno, Nevada-based broker called Apex Silicon LLC, were charged.",
     "Sara Lind", "Apex Silicon"),
    # the current post after "former …": "now at", "who now advises … at"
    ("Elena Brandt, a former Treasury Department lawyer now at consultancy Veridian Partners, disagreed.",
     "Elena Brandt", "Veridian"),
    ("That is naive, said Omar Lind, a former State Department aide who now counsels exporters at Calder Advisory.",
     "Omar Lind", "Calder"),
])
def test_ministers_ages_and_current_posts(text, person, org):
    assert _has(_affiliations(text), person, org), _affiliations(text)


def test_a_minister_of_another_country_is_not_in_this_government():
    # the text names only the US government; a Malaysian minister is not in it
    rels = _affiliations("The US government asked for help. Malaysian Trade Minister Aziz Rahman said Malaysia would act.")
    assert not _has(rels, "Aziz Rahman", "US government"), rels


def test_a_former_post_is_not_the_current_one():
    rels = _affiliations("Elena Brandt, a former Treasury Department lawyer now at consultancy Veridian Partners, disagreed.")
    assert not _has(rels, "Elena Brandt", "Treasury"), rels


# -- manufactures and listed model numbers ------------------------------------------------------

def _made(text):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "manufactures"}


@pytest.mark.parametrize("text,pairs", [
    # a possessive before a list of one family's models
    ("Buyers of Huawei's Ascend 910C, 910B or 910D parts face scrutiny.",
     {("Huawei", "Ascend 910B"), ("Huawei", "Ascend 910C"), ("Huawei", "Ascend 910D")}),
    # "whose" before the firm's chips
    ("Nvidia, whose H100 and Blackwell processors are scarce, rose on Monday.", {("Nvidia", "H100"), ("Nvidia", "Blackwell")}),
    # "which supplies" after the firm
    ("SK Hynix, which supplies HBM3E chips to Nvidia, said little.", {("SK Hynix", "HBM3E")}),
    # the passive with its place before "by"
    ("Its handset uses a Kirin 9020 processor which was fabricated in Shanghai by Semiconductor Manufacturing International Corp.",
     {("Semiconductor Manufacturing International Corporation", "Kirin 9020")}),
    ("Nvidia's H20 chip, which was produced by TSMC, sold well.",
     {("Nvidia", "H20"), ("Taiwan Semiconductor Manufacturing Company", "H20")}),
])
def test_makers_from_possessives_relatives_and_passives(text, pairs):
    found = _made(text)
    assert pairs <= found, found


def test_a_chip_bought_by_a_firm_is_not_made_by_it():
    found = _made("The Kirin 9020 chip, which was bought by Xiaomi last year, sold well.")
    assert not any(s == "Xiaomi" for s, _ in found), found


@pytest.mark.parametrize("text,chips", [
    ("Huawei's Ascend 910B, 910C and 910D all use the same process.", {"Ascend 910B", "Ascend 910C", "Ascend 910D"}),
    ("The Ascend 910B/910C pair was tested.", {"Ascend 910B", "Ascend 910C"}),
])
def test_numbers_listed_after_a_family_model_are_its_models(text, chips):
    found = {e.name for e in _x(text).entities if e.type == "Chip"}
    assert chips <= found, found


# -- permit requirements ----------------------------------------------------------------------

def _measure_rels(text):
    x = _x(text)
    names = {e.key: e.name for e in x.entities}
    measures = {e.key for e in x.entities if e.type == "ExportControl"}
    return {(r.predicate, names[r.object]) for r in x.relations if r.subject in measures}


@pytest.mark.parametrize("text,expected", [
    ("Malaysia's trade ministry said on Tuesday it will require permits for shipments of AI chips to China.",
     {("imposedBy", "Malaysia's trade ministry"), ("targets", "China")}),
    ("Firms must now obtain a special permit to ship the H20 to Russia.", {("restricts", "H20"), ("targets", "Russia")}),
    ("Exporters must obtain a permit before shipping the MI308 to Vietnam.", {("restricts", "MI308"), ("targets", "Vietnam")}),
])
def test_permit_requirements_are_measures(text, expected):
    rels = _measure_rels(text)
    assert expected <= rels, rels


def test_the_origin_of_restricted_goods_is_no_target():
    rels = _measure_rels("Firms must now obtain a permit before exporting AI chips of U.S. origin to Vietnam.")
    assert ("targets", "Vietnam") in rels and ("targets", "United States") not in rels, rels


# -- entity recall: unknown firms behind a compound adjective or a plural descriptor -----------

@pytest.mark.parametrize("text,firm,country", [
    ("China protested. Nanjing-based Jicun Semiconductor said it would appeal.", "Jicun Semiconductor", "China"),
    ("Russia protested. Moscow-based Electron Trade LLC bought the chips through intermediaries.", "Electron Trade LLC", "Russia"),
])
def test_a_compound_adjective_before_a_firm_is_not_part_of_its_name(text, firm, country):
    x = _x(text)
    assert (firm, "Company") in {(e.name, e.type) for e in x.entities}
    assert _has(_based(text), firm, country), _based(text)


def test_a_plural_descriptor_and_a_comma_before_a_firm():
    x = _x("Regulators named two Chinese firms, Orvane Data and another supplier, in the filing.")
    assert "Orvane Data" in {e.name for e in x.entities if e.type == "Company"}


def test_an_adjective_compound_alone_is_no_firm():
    assert not [e for e in _x("The Biden-era rule stays in force.").entities if e.type in ("Company", "Organization")]


@pytest.mark.parametrize("text,firm,country", [
    # "which is based in" makes an unknown single name a firm
    ("Megaspeed, which is based in Singapore, denied wrongdoing.", "Megaspeed", "Singapore"),
    # a seat inside an apposition
    ("The chips went to Tarvo Trading, a freight forwarder based in Malaysia.", "Tarvo Trading", "Malaysia"),
    ("Kestrel Labs, a startup in the Netherlands, bought them.", "Kestrel Labs", "Netherlands"),
])
def test_seats_stated_after_the_name(text, firm, country):
    assert _has(_based(text), firm, country), _based(text)


def test_an_apposition_with_in_that_is_no_place_gives_no_seat():
    assert not _based("Kestrel Labs, a startup in talks with Nvidia, bought them.")


@pytest.mark.parametrize("text,expected", [
    # a blacklisting verb acts on the firm itself
    ("The US blacklisted Sophgo after a die was found in a Huawei chip.", {("imposedBy", "United States"), ("targets", "Sophgo")}),
    # a licence requirement whose subject is the chip that needs it
    ("Nvidia said the government told it that the H20 would require a license.", {("restricts", "H20")}),
])
def test_blacklisting_a_firm_and_a_chip_that_needs_a_licence(text, expected):
    rels = _measure_rels(text)
    assert expected <= rels, rels


def test_a_firm_blacklisting_nothing_is_no_measure():
    assert not _measure_forms("Acme said the report blacklisted nobody it knew of.")


@pytest.mark.parametrize("text,firm,country", [
    ("China condemned the move. The Chinese companies named were Alpha Semi Co and Beta Tech.", "Beta Tech", "China"),
    ("China condemned the move. The Chinese firms such as Alpha Semi Co were fined.", "Alpha Semi Co", "China"),
    # a country's name (not its demonym) in an apposition, and a possessive with the apostrophe alone
    ("Singapore prosecutors charged three men. Megaspeed, a Singapore company, is under review.", "Megaspeed", "Singapore"),
    ("Japan's Tokyo Electron and the Netherlands' ASML sell tools to China.", "ASML", "Netherlands"),
])
def test_based_in_from_lists_country_names_and_bare_apostrophes(text, firm, country):
    assert _has(_based(text), firm, country), _based(text)


def test_a_country_word_in_an_apposition_without_a_descriptor_gives_no_seat():
    assert not _based("China protested. Huawei, a China critic, spoke.")
