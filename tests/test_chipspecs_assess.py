"""3A090 assessments from the shipped Epoch AI data and the rule versions."""
from __future__ import annotations

import importlib.util
import json

import pytest

from chipgraph import ids
from chipgraph.chipspecs import (MEETS, NOT_MET, UNKNOWN, Bound, SpecValue, Variant, assessments, classify,
                                 find_variants, parse_ccl_3a090, rule_version, rule_versions, status)
from chipgraph.chipspecs.assess import assess
from chipgraph.errors import InputError, NotFoundError

from conftest import REPO

OCT_2022, OCT_2023 = "2022-21658", "2023-23055"


def statuses(chip: str) -> dict[tuple[str, str], str]:
    """(variant label, rule id) -> status, for every variant of a chip."""
    found = classify(chip)
    groups: dict[tuple[str, str], list] = {}
    for a in found:
        groups.setdefault((a.variant.label, a.rule.id), []).append(a)
    return {k: status(v) for k, v in groups.items()}


def result(chip_variant: str, rule: str, eccn: str) -> str:
    [a] = [a for a in classify(chip_variant) if a.rule.id == rule and a.paragraph.eccn == eccn]
    return a.result


# -- rule versions --------------------------------------------------------------------------
def test_rule_versions_in_order_with_citations():
    vs = rule_versions()
    assert [v.id for v in vs] == [OCT_2022, OCT_2023, "current"]
    for v in vs:
        assert v.url.startswith("https://") and v.citation
        assert v.paragraphs[0].eccn == "3A090.a"
    assert rule_version(OCT_2022).paragraphs[0].any_of == (
        (Bound("io_bandwidth_gb_s", min=600), Bound("tpp", min=4800)),)


def test_current_thresholds_parsed_from_the_ccl_text():
    cur = {p.eccn: p for p in rule_version("current").paragraphs}
    assert cur["3A090.a"].any_of == ((Bound("tpp", min=4800),), (Bound("tpp", min=1600), Bound("pd", min=5.92)))
    assert cur["3A090.b"].any_of == (
        (Bound("tpp", min=2400, below=4800), Bound("pd", min=1.6, below=5.92)),
        (Bound("tpp", min=1600), Bound("pd", min=3.2, below=5.92)))
    assert cur["3A090.c"].any_of == ((Bound("memory_bandwidth_density", above=2),),)
    assert cur["3A090.c"].applies_to == "memory"
    # the October 2023 paragraphs carried into today's CCL unchanged
    assert rule_version(OCT_2023).paragraphs == rule_version("current").paragraphs[:2]


def test_parse_ccl_rejects_text_without_the_expected_paragraphs():
    items = [{"paragraph": "a", "kind": "item", "text": "Integrated circuits having the following:"},
             {"paragraph": "a.1", "kind": "item", "text": "A 'total processing performance' of 9000 or more."}]
    with pytest.raises(InputError, match="3A090.a and 3A090.b"):
        parse_ccl_3a090({"items": items, "ecfr_issue_date": "2030-01-01", "citation": "x", "source_url": "https://x"})
    items.append({"paragraph": "b.1", "kind": "item", "text": "Something with no number at all."})
    with pytest.raises(InputError, match="no threshold"):
        parse_ccl_3a090({"items": items, "ecfr_issue_date": "2030-01-01", "citation": "x", "source_url": "https://x"})


def test_parse_ccl_reads_changed_numbers():
    items = [{"paragraph": "a.1", "kind": "item", "text": "A 'total processing performance' of 9000 or more; or"},
             {"paragraph": "b.1", "kind": "item",
              "text": "A 'total processing performance' of 100 or more and less than 9000 and a "
                      "'performance density' of 0.5 or more and less than 7.25."}]
    rule = parse_ccl_3a090({"items": items, "ecfr_issue_date": "2030-01-01", "citation": "x", "source_url": "https://x"})
    assert [p.any_of for p in rule.paragraphs] == [
        ((Bound("tpp", min=9000),),), ((Bound("tpp", min=100, below=9000), Bound("pd", min=0.5, below=7.25)),)]


@pytest.mark.parametrize("value, holds", [(4799.9, False), (4800, True), (4801, True)])
def test_bound_minimum_is_inclusive(value, holds):
    assert Bound("tpp", min=4800).holds(value) is holds


def test_bound_below_is_exclusive():
    b = Bound("pd", min=1.6, below=5.92)
    assert b.holds(1.6) and b.holds(5.91) and not b.holds(5.92)


# -- the expectations of the issue, from the data ----------------------------------------------
def test_a100_and_h100_meet_3a090_under_2022_and_2023():
    for chip in ("A100", "H100"):
        for (variant, rule), st in statuses(chip).items():
            if rule in (OCT_2022, OCT_2023) and variant != "H100 NVL":
                assert st == "3A090.a", (variant, rule)


def test_missing_interconnect_gives_unknown():
    # Epoch gives the H100 NVL no intranode bandwidth: the 2022 rule cannot be decided
    assert statuses("H100")[("H100 NVL", OCT_2022)] == "unknown"
    [a] = [a for a in classify("H100 NVL") if a.rule.id == OCT_2022]
    assert a.result == UNKNOWN and "interconnect unknown" in a.explanation


@pytest.mark.parametrize("chip", ["A800", "H800"])
def test_a800_h800_not_under_2022_but_under_2023(chip):
    got = statuses(chip)
    assert got and {k[0] for k in got} == {v.label for v in find_variants(chip)}
    for (variant, rule), st in got.items():
        assert st == {OCT_2022: "not 3A090", OCT_2023: "3A090.a", "current": "3A090.a"}[rule], (variant, rule)


def test_h800_explanation_has_the_numbers():
    lines = {a.rule.id: a.explanation for a in classify("H800") if a.paragraph.eccn == "3A090.a"}
    assert lines[OCT_2022] == ("H800 SXM5: TPP 15,832 ≥ 4,800, but interconnect 400 GB/s < 600: "
                               "not 3A090.a under the October 2022 rule")
    assert lines[OCT_2023] == "H800 SXM5: TPP 15,832 ≥ 4,800: 3A090.a under the October 2023 rule"


def test_h20_meets_neither_a_nor_b():
    found = classify("H20")
    assert {round(a.tpp) for a in found} == {2368}
    for a in found:
        assert a.result == NOT_MET, (a.rule.id, a.paragraph.eccn)
    assert {a.paragraph.eccn for a in found if a.rule.id == "current"} == {"3A090.a", "3A090.b"}


def test_chips_that_get_what_the_data_gives():
    assert statuses("L20")[("L20 PCIe", OCT_2023)] == "not 3A090"  # PD 3.14 < 3.2, TPP 1,912 < 2,400
    assert statuses("Gaudi2")[("Gaudi2", OCT_2022)] == "unknown"  # no interconnect in the table
    assert statuses("Gaudi 2")[("Gaudi2", OCT_2023)] == "3A090.a"
    assert statuses("Ascend 910B")[("Ascend 910B", OCT_2022)] == "not 3A090"  # 392 GB/s < 600
    assert statuses("Ascend 910B")[("Ascend 910B", OCT_2023)] == "3A090.a"
    assert statuses("MI250X")[("MI250X", OCT_2022)] == "3A090.a"


def test_chip_in_no_table_gives_no_assessment():
    with pytest.raises(NotFoundError, match="no chip specifications for 'MI250'") as e:
        classify("MI250")
    assert "MI250X" in e.value.suggestions
    with pytest.raises(NotFoundError):
        classify("Quantum Toaster 9000")


def test_variants_are_kept_apart():
    labels = [v.label for v in find_variants("A800")]
    assert labels == sorted(set(labels)) and len(labels) == 3
    assert {str(v.chip_iri) for v in find_variants("A800")} == {str(ids.entity_iri("a800"))}
    assert [v.label for v in find_variants("A800 SXM")] == ["A800 SXM"]
    assert find_variants(str(ids.entity_iri("h800")))[0].name == "NVIDIA H800 SXM5"


def test_supplement_values_carry_their_source():
    [h800] = find_variants("H800")
    io = h800.get("intranode_bandwidth_bytes_per_s")
    assert io.value == 400e9 and io.source.startswith("https://") and "epoch.ai" not in io.source
    assert h800.get("die_area_mm2").source == "https://epoch.ai/data/machine-learning-hardware"


# -- three-valued logic on hand-made variants ---------------------------------------------------
def variant(**values) -> Variant:
    return Variant("Test Maker X1", "X1", "X1", "Test Maker", None, "GPU",
                   {k: SpecValue(v, "https://example.org/x1") for k, v in values.items()})


def test_failed_bound_decides_although_another_input_is_unknown():
    v = variant(epoch_tpp_bit_ops_per_s=1000e12)  # no interconnect, no die
    a = assess(v, rule_version(OCT_2022), rule_version(OCT_2022).paragraphs[0])
    assert a.result == NOT_MET
    assert a.explanation == ("X1: TPP 1,000 < 4,800 (interconnect unknown (interconnect bandwidth unknown)): "
                             "not 3A090.a under the October 2022 rule")


def test_met_clause_decides_although_another_clause_is_unknown():
    v = variant(epoch_tpp_bit_ops_per_s=5000e12)  # PD unknown, but a.1 is met
    a = assess(v, rule_version(OCT_2023), rule_version(OCT_2023).paragraphs[0])
    assert a.result == MEETS and a.pd is None


def test_unknown_when_nothing_decides():
    v = variant(epoch_tpp_bit_ops_per_s=2000e12)  # a.1 fails, a.2 needs the unknown PD
    a = assess(v, rule_version(OCT_2023), rule_version(OCT_2023).paragraphs[0])
    assert a.result == UNKNOWN and "PD unknown (die size unknown)" in a.explanation
    assert assessments([variant()])[0].result == UNKNOWN  # no numbers at all


def test_pd_is_tpp_over_die_area():
    v = variant(epoch_tpp_bit_ops_per_s=3000e12, die_area_mm2=500)
    a = assess(v, rule_version("current"), rule_version("current").paragraphs[1])
    assert a.pd == pytest.approx(6.0) and a.result == NOT_MET  # 6.0 is not below 5.92
    assert "approximation" in a.as_dict()["inputs"]["pd"]


# -- the shipped files are what the build script makes from the reference data -------------------
def test_shipped_specs_and_ccl_are_current(reference_dir, tmp_path):
    spec = importlib.util.spec_from_file_location("build_chip_specs", REPO / "scripts" / "build_chip_specs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main([str(reference_dir), "--out", str(tmp_path)]) == 0
    shipped = REPO / "src" / "chipgraph" / "chipspecs" / "data"
    for name in ("epoch_specs.json", "ccl_3a090.json", "ccl_4a090.json"):  # byte for byte: a rebuild diffs cleanly
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


TABLE = {"variants": [{"name": "Test Maker X1", "label": "X1", "family": "X1", "die_area_mm2": 300}]}


@pytest.mark.parametrize("entry, problem", [
    ({"variant": "Test Maker X9", "field": "die_area_mm2", "value": 1, "source": "https://example.org"}, "unknown variant"),
    ({"variant": "Test Maker X1", "field": "colour", "value": 1, "source": "https://example.org"}, "unknown field"),
    ({"variant": "Test Maker X1", "field": "die_area_mm2", "value": "big", "source": "https://example.org"}, "not a number"),
    ({"variant": "Test Maker X1", "field": "die_area_mm2", "value": 1, "source": "a datasheet"}, "no source URL"),
])
def test_supplement_value_without_variant_field_number_or_url_is_refused(entry, problem):
    from chipgraph.chipspecs.specs import build_variants

    with pytest.raises(InputError, match=f"supplement.json.*{problem}"):
        build_variants(TABLE, {"values": [entry]})


def test_supplement_never_overrides_the_table():
    from chipgraph.chipspecs.specs import build_variants

    [v] = build_variants(TABLE, {"values": [
        {"variant": "Test Maker X1", "field": "die_area_mm2", "value": 999, "source": "https://example.org/a"},
        {"variant": "Test Maker X1", "field": "intranode_bandwidth_bytes_per_s", "value": 5e11,
         "source": "https://example.org/b"}]})
    assert v.get("die_area_mm2").value == 300
    assert v.get("intranode_bandwidth_bytes_per_s").source == "https://example.org/b"


# -- 4A090: computers, assemblies and components containing 3A090 ICs -------------------------
def test_4a090_paragraphs_per_rule_version():
    systems = {r.id: [(s.eccn, s.contains) for s in r.systems] for r in rule_versions()}
    assert systems == {OCT_2022: [("4A090.a", "3A090.a")],
                       OCT_2023: [("4A090.a", "3A090.a"), ("4A090.b", "3A090.b")],
                       "current": [("4A090.a", "3A090.a"), ("4A090.b", "3A090.b")]}
    for r in rule_versions():
        for s in r.systems:
            assert any(p.eccn == s.contains for p in r.paragraphs), (r.id, s.eccn)  # names a paragraph it has
            if r.id == "current":
                assert s.text.startswith(f"{s.eccn[-1]}. Computers, “electronic assemblies,” and “components”")
                assert s.text.endswith(f"any of which meets or exceeds the limits in {s.contains}.")
            else:  # the stored data lacks these versions' 4A090 text: not quoted, said so, the rule's summary quoted
                assert s.text is None and "not quoted" in s.note
                assert "computer commodities that contain such ICs" in s.summary


def test_4a090_current_paragraphs_are_the_ccl_text(reference_dir):
    ccl = json.loads((reference_dir / "ecfr_commerce_control_list_2026-07-23.json").read_text(encoding="utf-8"))
    [entry] = [e for e in ccl["entries"] if e["eccn"] == "4A090"]
    shipped = json.loads((REPO / "src/chipgraph/chipspecs/data/ccl_4a090.json").read_text(encoding="utf-8"))
    assert shipped["items"] == entry["items"] and shipped["ecfr_issue_date"] == ccl["ecfrIssueDate"]
    current = rule_version("current").systems
    assert [s.text for s in current] == [f"{k}. {v}" for k, v in sorted(entry["topLevelParagraphs"].items())]


def test_parse_ccl_4a090_names_the_3a090_paragraph_and_refuses_other_text():
    from chipgraph.chipspecs import parse_ccl_4a090

    made = {"items": [{"paragraph": "a", "kind": "item", "text": "Servers containing integrated circuits, any of "
                                                                  "which meets or exceeds the limits in 3A090.c."}]}
    [s] = parse_ccl_4a090(made)
    assert (s.eccn, s.contains) == ("4A090.a", "3A090.c")
    with pytest.raises(InputError, match="ccl_4a090.json"):
        parse_ccl_4a090({"items": [{"paragraph": "a", "kind": "item", "text": "Computers of any kind."}]})


def test_4a090_system_meets_through_the_chips_it_contains():
    from chipgraph.chipspecs import assess_system

    [h800] = find_variants("H800 SXM5")
    got = {(a.rule.id, a.paragraph.eccn): a for a in assess_system("an eight-way H800 board", [h800] * 8)}
    assert got[(OCT_2022, "4A090.a")].result == NOT_MET  # the H800 escaped 3A090.a in 2022 (interconnect)
    assert got[(OCT_2023, "4A090.a")].result == MEETS and got[("current", "4A090.a")].result == MEETS
    assert got[(OCT_2023, "4A090.b")].result == NOT_MET
    assert got[(OCT_2023, "4A090.a")].explanation == (
        "an eight-way H800 board: it contains the H800 SXM5, which meets 3A090.a: 4A090.a under the October 2023 rule")
    mixed = {(a.rule.id, a.paragraph.eccn): a.result
             for a in assess_system("a test box", [variant(epoch_tpp_bit_ops_per_s=1e15), variant()])}
    assert mixed[(OCT_2023, "4A090.a")] == UNKNOWN  # one chip fails, the other's TPP is unknown
    assert {a.result for a in assess_system("an empty box", [])} == {NOT_MET}


def test_the_epoch_table_lists_no_systems():
    """Every Epoch row is a chip (its Type column), not a computer: no system gets a 4A090
    assessment from the shipped data (docs/chip-rules.md says so)."""
    from chipgraph.chipspecs import variants

    chip_types = {"GPU", "TPU", "NPU", "XPU", "XPU-R", "GPGPU", "ASIC", "LPU", "Other", "Hybrid CPU", "DCU (GPGPU)", None}
    assert {v.type for v in variants()} <= chip_types


def systems_of(chip: str) -> dict[tuple[str, str, str], str]:
    """(variant label, rule id, 4A090 paragraph) -> result, for a system containing the chip."""
    from chipgraph.chipspecs import containing

    return {(x.contains[0].variant.label, x.rule.id, x.paragraph.eccn): x.result for x in containing(classify(chip))}


def test_a_system_containing_the_h800_follows_its_3a090_status():
    got = systems_of("H800 SXM5")
    assert got[("H800 SXM5", OCT_2022, "4A090.a")] == NOT_MET  # the chip was not 3A090 in 2022
    assert got[("H800 SXM5", OCT_2023, "4A090.a")] == MEETS  # 3A090.a in 2023
    assert got[("H800 SXM5", "current", "4A090.a")] == MEETS
    assert got[("H800 SXM5", OCT_2023, "4A090.b")] == NOT_MET
    assert set(got) == {("H800 SXM5", r, e) for r, e in
                        [(OCT_2022, "4A090.a"), (OCT_2023, "4A090.a"), (OCT_2023, "4A090.b"),
                         ("current", "4A090.a"), ("current", "4A090.b")]}


def test_a_system_containing_the_h100_meets_4a090a_under_every_version():
    got = systems_of("H100")
    assert got and {(r, e) for (_, r, e), res in got.items() if res == MEETS} == {
        (OCT_2022, "4A090.a"), (OCT_2023, "4A090.a"), ("current", "4A090.a")}


def test_a_system_containing_the_h20_meets_neither_paragraph():
    got = systems_of("H20")
    assert got and set(got.values()) == {NOT_MET}
    assert {e for (_, _, e) in got} == {"4A090.a", "4A090.b"}


def test_system_entry_says_what_it_rests_on_and_quotes_the_rule():
    from chipgraph.chipspecs import containing

    by = {(x.rule.id, x.paragraph.eccn): x for x in containing(classify("H800 SXM5"))}
    cur = by[("current", "4A090.a")]
    assert cur.explanation == ("a system containing the H800 SXM5: it contains the H800 SXM5, which meets 3A090.a: "
                               "4A090.a under the " + cur.rule.label)
    d = cur.as_dict()
    assert (d["kind"], d["eccn"], d["contains_eccn"], d["result"], d["chip"]) == ("system", "4A090.a", "3A090.a",
                                                                                  MEETS, "H800")
    assert d["rule_text"].endswith("meets or exceeds the limits in 3A090.a.") and round(d["tpp"]) == 15832
    old = by[(OCT_2022, "4A090.a")].as_dict()
    assert old["rule_text"] is None and "not quoted" in old["rule_text_note"] and old["rule_summary"]
    assert old["explanation"].startswith("a system containing the H800 SXM5: no chip it contains (H800 SXM5) meets "
                                         "3A090.a: not 4A090.a")


def test_a_system_is_unknown_when_its_chip_is():
    from chipgraph.chipspecs import containing

    found = assessments([variant()])  # no TPP: every 3A090 paragraph unknown
    assert {x.result for x in containing(found)} == {UNKNOWN}
