"""Typed entities that hold on unseen articles (issue #12, categories 6 and 8), fourth round.

Every sentence here is our own; names are invented where the construction allows it
("Zorblat", "Quorvex", "Varda" and the like are no names the dictionary knows).
"""
import pytest


def _typed(extracted, text):
    return {(e.name, e.type) for e in extracted(text).entities}


def _names(extracted, text):
    return {e.name for e in extracted(text).entities}


# -- an institution's name ends with its sentence ----------------------------------------

@pytest.mark.parametrize("text, name", [
    ("She is a fellow at the Zorblat Institute for Trade Policy. The Germans disagreed.",
     "Zorblat Institute for Trade Policy"),
    ("He directs the Quorvex Center for Security Studies. Officials in Berlin said little.",
     "Quorvex Center for Security Studies"),
    ("Funding came from the Varda Foundation for Science. The rest came from donors.",
     "Varda Foundation for Science"),
])
def test_an_institution_before_a_sentence_end_is_found(extracted, text, name):
    assert (name, "Organization") in _typed(extracted, text)


def test_the_institution_does_not_swallow_the_next_sentence(extracted):
    names = _names(extracted, "She is a fellow at the Zorblat Institute for Trade Policy. The Germans disagreed.")
    assert not any("Germans" in n for n in names)


# -- "companies like A, B and C" ----------------------------------------------------------

@pytest.mark.parametrize("text, firms", [
    ("The rule hits companies like Quorvex, Zentrino and Varda Systems.", {"Quorvex", "Zentrino", "Varda Systems"}),
    ("It worries firms like Quorvex, Zentrino, and Varda EDA.", {"Quorvex", "Zentrino", "Varda EDA"}),
    ("Toolmakers lobbied, and suppliers, like Quorvex and Zentrino, followed.", {"Quorvex", "Zentrino"}),
])
def test_a_class_noun_with_like_lists_firms(extracted, text, firms):
    typed = _typed(extracted, text)
    assert {(f, "Company") for f in firms} <= typed


@pytest.mark.parametrize("text", [
    "Companies would like Zorblat officials to explain the rule.",
    "Many firms would like clarity before they ship.",
])
def test_like_as_a_verb_lists_nothing(extracted, text):
    assert not any(t == "Company" for _, t in _typed(extracted, text))


# -- a firm named with its article does not open an institution ---------------------------

@pytest.mark.parametrize("text, name", [
    ("The Information Technology Industry Council, which speaks for toolmakers, said it would study the bill.",
     "Information Technology Industry Council"),
    ("A spokesman for the Information Technology Policy Institute declined to comment.",
     "Information Technology Policy Institute"),
])
def test_an_institution_that_starts_with_an_outlet_name_is_the_institution(extracted, text, name):
    typed = _typed(extracted, text)
    assert (name, "Organization") in typed
    assert ("The Information", "Company") not in typed


def test_the_outlet_alone_stays_the_outlet(extracted):
    assert ("The Information", "Company") in _typed(extracted, "The Information reported the deal on Monday.")


# -- Taiwan's branches of government and its parties ---------------------------------------

@pytest.mark.parametrize("text, name, typ", [
    ("The Legislative Yuan passed the amendment on Tuesday.", "Legislative Yuan", "GovernmentBody"),
    ("The Executive Yuan approved the draft rules.", "Executive Yuan", "GovernmentBody"),
    ("A Kuomintang (KMT) lawmaker questioned the minister.", "Kuomintang", "Organization"),
    ("The Democratic Progressive Party (DPP) defended the plan.", "Democratic Progressive Party", "Organization"),
])
def test_taiwan_branches_and_parties(extracted, text, name, typ):
    assert (name, typ) in _typed(extracted, text)


def test_yuan_as_money_is_no_body(extracted):
    assert not any(t == "GovernmentBody" for _, t in _typed(extracted, "The fund raised 340 billion yuan last year."))


# -- laws on other matters are no measures -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lawmakers amended the Budget Revenue and Expenditure Division Act on Friday.",
    "The Fiscal Planning and Pension Reform Act passed its second reading.",
])
def test_a_law_on_other_matters_is_no_measure_nor_body(extracted, text):
    typed = _typed(extracted, text)
    assert not any(t in ("ExportControl", "GovernmentBody") for _, t in typed)


@pytest.mark.parametrize("text, name", [
    ("Lawmakers passed the Remote Compute Security Act on Friday.", "Remote Compute Security Act"),
    ("Senators backed the STRIDE Act in a late vote.", "STRIDE Act"),
    ("The Foreign Chip Smuggling Prevention Act would fund more agents.", "Foreign Chip Smuggling Prevention Act"),
])
def test_a_law_on_chips_trade_or_security_stays_a_measure(extracted, text, name):
    assert (name, "ExportControl") in _typed(extracted, text)


# -- a measure's head may be a law or a regime ---------------------------------------------

@pytest.mark.parametrize("text, form", [
    ("The broker was charged with breaking US export control laws.", "US export control laws"),
    ("Tokyo tightened its export control regime last year.", "its export control regime"),
    ("The trader broke US sanctions laws, prosecutors said.", "US sanctions laws"),
])
def test_laws_and_regimes_end_a_measure_phrase(extracted, text, form):
    ms = [e for e in extracted(text).entities if e.type == "ExportControl"]
    assert ms and any(form in {m.name, *m.aliases} for m in ms)


# -- an anaphor in a sentence with no trade word refers back to a stated measure -------------

@pytest.mark.parametrize("text, form", [
    ("The US government revoked the waivers it had granted Zorblat. The new restrictions hurt Zorblat badly.",
     "The new restrictions"),
    ("Washington imposed export curbs on Quorvex in May. Quorvex said the curbs would cost it dearly.",
     "the curbs"),
    ("Japan's trade ministry banned sales of Varda tools to Chinese buyers. Analysts expect the ban to last for years.",
     "the ban"),
])
def test_an_anaphor_after_a_stated_measure_is_its_mention(extracted, text, form):
    ms = [e for e in extracted(text).entities if e.type == "ExportControl"]
    assert len(ms) == 1 and form in {ms[0].name, *ms[0].aliases}


@pytest.mark.parametrize("text", [
    "The new restrictions hurt Zorblat badly.",  # nothing stated before it
    "The US imposed export curbs on Quorvex. The restrictions on travel hurt Quorvex staff.",
])
def test_an_anaphor_alone_or_on_another_matter_is_no_measure_mention(extracted, text):
    forms = {f for e in extracted(text).entities if e.type == "ExportControl" for f in (e.name, *e.aliases)}
    assert not any("restrictions" in f for f in forms)


# -- compound modifiers ("newly released", "already existing") stay off a measure's name -------

@pytest.mark.parametrize("text, form", [
    ("Quorvex studied the newly released rules on chips for a week.", "newly released rules on chips"),
    ("Zorblat said the already existing controls on chips were enough.", "already existing controls on chips"),
    ("Varda welcomed the recently announced restrictions on chips.", "recently announced restrictions on chips"),
])
def test_a_compound_modifier_is_part_of_the_mention(extracted, text, form):
    ms = [e for e in extracted(text).entities if e.type == "ExportControl"]
    assert len(ms) == 1 and any(form in f for f in (ms[0].name, *ms[0].aliases))


@pytest.mark.parametrize("text, form", [
    ("Officials drafted export controls on artificial intelligence (AI) chips.",
     "export controls on artificial intelligence (AI) chips"),
    ("Officials drafted restrictions on high bandwidth memory (HBM) chips.",
     "restrictions on high bandwidth memory (HBM) chips"),
])
def test_a_complement_may_hold_an_acronym_in_parentheses(extracted, text, form):
    ms = [e for e in extracted(text).entities if e.type == "ExportControl"]
    assert len(ms) == 1
    forms = {ms[0].name, *ms[0].aliases}
    assert any(form in f for f in forms)
    assert not any(f.endswith("(") or f.count("(") != f.count(")") for f in forms)  # never cut inside
