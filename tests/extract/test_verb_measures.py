"""Issue 12, category 1: measures described by a verb, not named.  A verb phrase that
imposes, halts, revokes, licenses or bans is an ExportControl mention: its subject imposed
it, its object holds the chips it restricts and the countries and firms it targets.  Every
sentence here was written for these tests."""
from __future__ import annotations

import pytest


def _measure_relations(ex) -> set[tuple[str, str]]:
    """(predicate, object name) of the relations whose subject is an ExportControl."""
    names = {e.key: e.name for e in ex.entities}
    measures = {e.key for e in ex.entities if e.type == "ExportControl"}
    return {(r.predicate, names[r.object]) for r in ex.relations if r.subject in measures}


def _measures(ex):
    return [e for e in ex.entities if e.type == "ExportControl"]


@pytest.mark.parametrize("text,expected", [
    # halt, with "said it would" between the government and its verb
    ("Last month the Commerce Department said it would halt sales of the H20 to China.",
     {("imposedBy", "Commerce Department"), ("restricts", "H20"), ("targets", "China")}),
    # restrict, in the perfect, with a possessor of "access" as the target
    ("For years the US has tightly restricted Huawei's access to foreign wafer machines.",
     {("imposedBy", "United States"), ("targets", "Huawei")}),
    # ban, in the simple past, the chip's maker is no target
    ("Washington banned exports of Nvidia's H20 to China and Russia in the spring.",
     {("imposedBy", "United States"), ("restricts", "H20"), ("targets", "China"), ("targets", "Russia")}),
    # revoke / withdraw: the firms the withdrawn authorisations allowed are targeted
    ("The Commerce Department withdrew the authorisations that allowed Huawei and SMIC to buy US parts.",
     {("imposedBy", "Commerce Department"), ("targets", "Huawei"), ("targets", "Semiconductor Manufacturing International Corporation")}),
    ("On Tuesday the US government revoked licences that let Huawei buy American chips.",
     {("imposedBy", "US government"), ("targets", "Huawei")}),
    # a licence requirement, stated by whoever says it
    ("Exporters will now need a licence to ship the MI308 to China, a filing showed.",
     {("restricts", "MI308"), ("targets", "China")}),
    ("The Commerce Department requires a license for exports of the H20 to China (including Hong Kong).",
     {("imposedBy", "Commerce Department"), ("restricts", "H20"), ("targets", "China"), ("targets", "Hong Kong")}),
])
def test_a_verb_phrase_states_a_measure(extracted, text, expected):
    ex = extracted(text)
    assert _measures(ex), text
    assert expected <= _measure_relations(ex)


@pytest.mark.parametrize("text", [
    "China's commerce ministry said on Monday it would halt shipments of rare metals to the US.",
    "Japan's government said it plans to restrict exports of nine classes of deposition tools.",
])
def test_the_verb_phrase_is_the_measures_name_or_alias(extracted, text):
    (m,) = _measures(extracted(text))
    forms = [m.name, *m.aliases]
    assert any(f.startswith(("halt shipments", "restrict exports")) for f in forms)


def test_the_imposer_of_a_possessed_government(extracted):
    ex = extracted("Japan's government said on Friday it plans to restrict exports of chipmaking equipment.")
    assert ("imposedBy", "Japanese government") in _measure_relations(ex)


def test_imposed_curbs_gives_the_curbs_their_imposer_and_objects(extracted):
    ex = extracted("The Commerce Department imposed new curbs on sales of the H20 to China.")
    assert len(_measures(ex)) == 1
    assert {("imposedBy", "Commerce Department"), ("restricts", "H20"), ("targets", "China")} <= _measure_relations(ex)


def test_a_rule_that_requires_a_licence_takes_the_licences_objects(extracted):
    ex = extracted("The new export rule requires a licence for shipments of the H20 to Macau.")
    assert len(_measures(ex)) == 1
    assert {("restricts", "H20"), ("targets", "Macau")} <= _measure_relations(ex)


def test_two_governments_two_measures(extracted):
    ex = extracted("The US has restricted sales of the H20 to China. "
                   "A week on, China's commerce ministry said on Friday it would halt shipments of antimony to the US.")
    ms = _measures(ex)
    assert len(ms) == 2
    by_measure = {}
    names = {e.key: e.name for e in ex.entities}
    for r in ex.relations:
        if r.subject in {m.key for m in ms}:
            by_measure.setdefault(r.subject, set()).add((r.predicate, names[r.object]))
    assert any({("imposedBy", "United States"), ("targets", "China")} <= v for v in by_measure.values())
    assert any({("targets", "United States")} <= v and ("imposedBy", "United States") not in v
               for v in by_measure.values())


@pytest.mark.parametrize("text", [
    # no government subject
    "Analysts said the slump could halt sales of phones in Europe.",
    # a government, but the object is no trade ("ban" in another sense)
    "The US government banned the reporter from the briefing room.",
    # a government that limits something that is not trade
    "The Commerce Department limited its comments to a short statement.",
])
def test_verbs_that_state_no_measure(extracted, text):
    assert not _measures(extracted(text))


@pytest.mark.parametrize("text,target", [
    ("Under the new export controls, countries such as Mexico and Chile would have faced tighter restrictions.",
     {"Mexico", "Chile"}),
    ("Under the new export controls, allies like Japan and Canada would have faced no restrictions.", set()),
])
def test_countries_that_face_a_measure_are_its_targets(extracted, text, target):
    ex = extracted(text)
    assert {o for p, o in _measure_relations(ex) if p == "targets"} == target


def test_a_modifier_country_is_no_target(extracted):
    ex = extracted("The US government banned sales of US-made chips to Iran.")
    rels = _measure_relations(ex)
    assert ("targets", "Iran") in rels and ("targets", "United States") not in rels


@pytest.mark.parametrize("text,imposer", [
    ("New rules from the Commerce Department will stop sales of the H20 to China.", "Commerce Department"),
    ("Fresh curbs by Beijing bar shipments of gallium to the United States.", "China"),  # a capital is its country
])
def test_a_measure_from_a_government(extracted, text, imposer):
    ex = extracted(text)
    (m,) = _measures(ex)
    assert ("imposedBy", imposer) in _measure_relations(ex)
    assert any(" from " in f or " by " in f for f in [m.name, *m.aliases])


@pytest.mark.parametrize("text,maker,target", [
    ("The Dutch government revoked export licences for ASML's scanners bound for China.", "ASML", "China"),
    ("The US has restricted Huawei's access to foreign wafer machines.", None, "Huawei"),
    ("The US government halted sales of Nvidia's H20 to China.", "Nvidia", "China"),
])
def test_a_possessor_in_the_object_is_its_maker_or_its_target(extracted, text, maker, target):
    rels = _measure_relations(extracted(text))
    assert ("targets", target) in rels
    if maker:
        assert ("targets", maker) not in rels


# --- item 2: constructions seen on dev/dev2, with sentences of our own ---------------------
@pytest.mark.parametrize("text,firm,country", [
    ("Orders rose in the US at U.S.-based Micron Technology and at Keltic Systems.", "Micron", "United States"),
    ("Taiwan exports grew. Orders went to Dunmore Labs, a Taiwan-based supplier of probes.", "Dunmore Labs", "Taiwan"),
    ("Japan eased rules. Japan-headquartered Tokyo Electron said orders rose.", "Tokyo Electron", "Japan"),
])
def test_based_in_from_a_hyphenated_place(extracted, text, firm, country):
    ex = extracted(text)
    names = {e.key: e.name for e in ex.entities}
    assert (firm, "basedIn", country) in {(names[r.subject], r.predicate, names[r.object]) for r in ex.relations}


@pytest.mark.parametrize("text", [
    "Secretary of Commerce Jeffrey Kessler told reporters the plan had been shelved.",
    "Under Secretary of Commerce for Industry and Trade Jeffrey Kessler told reporters the plan had been shelved.",
])
def test_secretary_of_a_department(extracted, text):
    ex = extracted(text)
    names = {e.key: e.name for e in ex.entities}
    assert ("Jeffrey Kessler", "affiliatedWith", "Commerce Department") in {
        (names[r.subject], r.predicate, names[r.object]) for r in ex.relations}


# --- several measures in one article, or one named rule described --------------------------
def test_plain_descriptions_in_an_article_about_one_named_rule_are_that_rule(extracted):
    ex = extracted("The AI Diffusion Rule was withdrawn on Monday. Under the rule, Tier 3 countries "
                   "such as Iran and Cuba would have faced the toughest restrictions on chip exports.")
    (m,) = _measures(ex)
    assert m.name == "AI Diffusion Rule"
    assert {("targets", "Iran"), ("targets", "Cuba")} <= _measure_relations(ex)


def test_a_dated_or_foreign_measure_beside_a_named_rule_stays_apart(extracted):
    ex = extracted("The AI Diffusion Rule was withdrawn on Monday. Critics said the rule was vague. "
                   "Separately, China's export controls on gallium took effect in 2023.")
    assert len(_measures(ex)) == 2


@pytest.mark.parametrize("text", [
    "AMD sells the Instinct MI308 in Asia. The MI308 is slower than rivals.",
    "The MI308 ships in May; AMD calls the Instinct MI308 its export part.",
])
def test_a_chip_with_its_family_name_is_one_chip(extracted, text):
    chips = [e for e in extracted(text).entities if e.type == "Chip"]
    assert [(c.name, c.aliases) for c in chips] == [("MI308", ["Instinct MI308"])]


@pytest.mark.parametrize("text", [
    "The US government barred Nvidia from shipping some chips to Iran. Bloomberg reported it first. "
    "These are the H100 and the A100, its data-centre parts.",
    "The US government barred Nvidia from shipping some chips to Iran. "
    "These are the H100 and the A100, its data-centre parts.",
])
def test_the_chips_a_measure_restricts_named_after_a_short_aside(extracted, text):
    assert {("restricts", "H100"), ("restricts", "A100")} <= _measure_relations(extracted(text))


def test_a_measure_phrase_is_also_named_up_to_its_first_complement_noun(extracted):
    ex = extracted("Orvane Systems faces a ban on the export of older memory chips to Iran.")
    (m,) = _measures(ex)
    assert "a ban on the export" in m.aliases


@pytest.mark.parametrize("text,expected", [
    ("Sales of the H20 to China were halted by the Commerce Department in April.",
     {("imposedBy", "Commerce Department"), ("restricts", "H20"), ("targets", "China")}),
    ("Analysts said that exports of gallium to the United States had been banned by Beijing.",
     {("imposedBy", "China"), ("targets", "United States")}),
])
def test_a_measure_in_the_passive_with_its_government(extracted, text, expected):
    assert expected <= _measure_relations(extracted(text))


def test_a_passive_ban_of_no_trade_is_no_measure(extracted):
    assert not _measures(extracted("The reporter was banned by the Commerce Department from the room."))


@pytest.mark.parametrize("text", [
    "Two senators urged the Commerce Department last week to halt licences for Nvidia's H20 to Vietnam.",
    "Lobbyists asked the US government to ban exports of the H20 to Iran.",
])
def test_a_measure_asked_for_is_not_imposed(extracted, text):
    assert not _measures(extracted(text))


def test_the_object_of_a_measure_ends_before_as(extracted):
    ex = extracted("Beijing will tighten chip export curbs as Orvane Systems and Dunmore Labs brace for losses.")
    assert not {o for p, o in _measure_relations(ex) if p == "targets"}


# --- a licence requirement stated in the passive, or with a modifier before "licence" -----
@pytest.mark.parametrize("text,chip,target", [
    ("Prosecutors said licenses were required to export the H100 to Russia.", "H100", "Russia"),
    ("A licence is required to ship the A100 to Iran, the ministry said.", "A100", "Iran"),
    ("Exporters now need a special licence to sell the MI300 to China.", "MI300", "China"),
])
def test_passive_and_modified_licence_requirements_are_measures(extracted, text, chip, target):
    ex = extracted(text)
    assert _measures(ex), "no measure found"
    rels = _measure_relations(ex)
    assert ("restricts", chip) in rels and ("targets", target) in rels


def test_a_licence_granted_is_no_measure(extracted):
    ex = extracted("The firm said its licence was renewed for another year.")
    assert not _measures(ex)
