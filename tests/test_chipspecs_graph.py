"""Specifications and assessments in the store: named graphs, saved questions, classify and assess."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from chipgraph import ids
from chipgraph.chipspecs import (ASSESSMENTS_SOURCE, SPECS_SOURCE, assessments_graph, chip_panel, find_variants,
                                 fr_document_iri, load_into, specs_graph, store_assessments)
from chipgraph.cli import app
from chipgraph.errors import NotFoundError
from chipgraph.model import Document
from chipgraph.pipeline import extract_document
from chipgraph.store import Store
from chipgraph.vocab import CG

from helpers import VERSION, build, rows, sample_extractions

E = ids.entity_iri


def extra_extraction():
    """A document in which a control restricts a chip that meets no 3A090 paragraph."""
    return build("d.txt", "2025-07-01", ["The Sample Order restricts the L20, officials said."], [
        ("sample-order", "Sample Order", "ExportControl"), ("l20", "L20", "Chip")],
        [("sample-order", "restricts", "l20", 0)])


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store(None)
    for ex in [*sample_extractions(), extra_extraction()]:
        s.add_extraction(ex, extractor_version=VERSION)
    load_into(s)
    return s


def test_graphs_are_deterministic():
    assert sorted(specs_graph().serialize(format="nt").splitlines()) == \
        sorted(specs_graph().serialize(format="nt").splitlines())
    a, b = assessments_graph(), assessments_graph()
    assert len(a) == len(b) and set(a) == set(b)


def test_assessments_live_in_their_own_named_graph(store):
    names = set(store.named_graphs())
    assert ids.reference_graph(ASSESSMENTS_SOURCE) in names and ids.reference_graph(SPECS_SOURCE) in names
    res = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a cg:ThresholdAssessment } }")
    assert [r["g"] for r in res] == [ids.reference_graph(ASSESSMENTS_SOURCE)]
    load_into(store)  # a rebuild replaces, never duplicates
    n = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a cg:ThresholdAssessment }")
    assert [int(r["n"].toPython()) for r in n] == [len(set(assessments_graph().subjects(None, CG.ThresholdAssessment)))]


def test_rule_versions_link_to_fr_documents(store):
    res = store.query("SELECT ?id ?fr WHERE { ?r a cg:RuleVersion ; dcterms:identifier ?id "
                      "OPTIONAL { ?r cg:frDocument ?fr } } ORDER BY ?id")
    assert [(str(r["id"]), r["fr"]) for r in res] == [
        ("2022-21658", fr_document_iri("2022-21658")), ("2023-23055", fr_document_iri("2023-23055")),
        ("current", None)]
    assert str(fr_document_iri("2023-23055")) == "https://w3id.org/chipgraph/fr/2023-23055"


def test_saved_query_chip_assessments(store):
    got = rows(store, "chip_assessments", ["variantLabel", "ruleId", "eccn", "result"], {"chip": E("h800")})
    assert got == [("H800 SXM5", "2022-21658", "3A090.a", "does_not_meet"),
                   ("H800 SXM5", "2023-23055", "3A090.a", "meets"), ("H800 SXM5", "2023-23055", "3A090.b", "does_not_meet"),
                   ("H800 SXM5", "current", "3A090.a", "meets"), ("H800 SXM5", "current", "3A090.b", "does_not_meet")]


def test_saved_query_chips_in_news_status(store):
    got = rows(store, "chips_in_news_status", ["chipLabel", "variantLabel", "ruleId", "status"])
    assert {g[0] for g in got} == {"H100", "H800", "H20", "Ascend 910B", "L20"}  # the chips of the documents
    assert ("H20", "HGX H20", "current", "not 3A090") in got
    assert ("Ascend 910B", "Ascend 910B", "2022-21658", "not 3A090") in got


def test_saved_query_chip_status_changes(store):
    got = rows(store, "chip_status_changes", ["variantLabel", "fromRule", "fromStatus", "toRule", "toStatus"],
               {"chip": E("h800")})
    assert got == [("H800 SXM5", "2022-21658", "not 3A090", "2023-23055", "3A090.a")]
    assert rows(store, "chip_status_changes", ["variantLabel"], {"chip": E("h20")}) == []


def test_saved_query_chips_near_threshold(store):
    got = rows(store, "chips_near_threshold", ["variantLabel", "ruleId", "quantity", "threshold", "gapPercent"],
               {"chip": E("h20")})
    assert ("HGX H20", "current", "tpp", 2400.0, -1.3) in got  # TPP 2,368 just under 2,400
    assert all(-10 <= g[4] <= 10 for g in got)
    assert rows(store, "chips_near_threshold", ["variantLabel"], {"chip": E("h800")}) == []


def test_saved_query_company_chip_status(store):
    got = rows(store, "company_chip_status", ["companyLabel", "variantLabel", "ruleId", "status"], {"company": E("huawei")})
    assert ("Huawei", "Ascend 910B", "current", "3A090.a") in got
    assert all(g[0] == "Huawei" for g in got)


def test_saved_query_restricts_vs_status(store):
    got = rows(store, "restricts_vs_status", ["chipLabel", "disagreement"])
    assert got == [("Ascend 910B", "meets 3A090 under the current CCL; no article says it is restricted"),
                   ("L20", "restricted in the news; no variant meets 3A090 under the current CCL")]


def test_store_assessments_by_name_and_iri(store):
    by_name = store_assessments(store, "h800")
    assert by_name == store_assessments(store, str(E("h800")))
    assert {(r["rule"], r["eccn"], r["result"]) for r in by_name} >= {("2022-21658", "3A090.a", "does_not_meet")}
    assert store_assessments(store, "H800 SXM5") == by_name
    with pytest.raises(NotFoundError):
        store_assessments(store, "MI250")


def test_extraction_mints_the_chip_iris_the_specs_use():
    text = ("Officials weighed Nvidia's H800 accelerators against the A800, while Intel's Gaudi 2 processors "
            "and the Ascend 910B chip from Huawei stayed on sale.")
    chips = {e.name: ids.entity_iri(e.key) for e in extract_document(Document(key="x.txt", text=text)).entities
             if e.type == "Chip"}
    for name in ("H800", "A800", "Gaudi 2", "Ascend 910B"):
        iri = {v.chip_iri for v in find_variants(name)}
        assert len(iri) == 1 and iri <= set(chips.values()), name


def test_chip_panel_plain_data_with_credit():
    panel = chip_panel(str(E("h800")))
    assert panel["credit"] == "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai"
    [v] = panel["variants"]
    specs = {s["field"]: s for s in v["specs"]}
    assert specs["die_area_mm2"]["value"] == 814 and specs["dense_fp8_flops"]["value"] is None  # unknown stays None
    assert [(s["rule"], s["status"]) for s in v["statuses"]] == [
        ("2022-21658", "not 3A090"), ("2023-23055", "3A090.a"), ("current", "3A090.a")]
    assert [[(x["eccn"], x["result"]) for x in s["systems"]] for s in v["statuses"]] == [
        [("4A090.a", "does_not_meet")], [("4A090.a", "meets"), ("4A090.b", "does_not_meet")],
        [("4A090.a", "meets"), ("4A090.b", "does_not_meet")]]
    json.dumps(panel)  # plain data
    assert chip_panel(str(E("mi250"))) is None


# -- CLI -----------------------------------------------------------------------------------------
def test_cli_classify_h800_prints_both_versions_with_numbers():
    out = CliRunner().invoke(app, ["classify", "H800"])
    assert out.exit_code == 0, out.output
    assert "TPP 15,832 ≥ 4,800, but interconnect 400 GB/s < 600: not 3A090.a under the October 2022 rule" in out.output
    assert "TPP 15,832 ≥ 4,800: 3A090.a under the October 2023 rule" in out.output
    assert "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai" in out.output


def test_cli_classify_json():
    out = CliRunner().invoke(app, ["classify", "A800", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert {"chip", "rule", "eccn", "result", "tpp", "pd"} <= set(data[0])
    assert {(d["variant"], d["rule"], d["result"]) for d in data if d["eccn"] == "3A090.a"} >= {
        ("NVIDIA A800 SXM", "2022-21658", "does_not_meet"), ("NVIDIA A800 SXM", "2023-23055", "meets")}


def test_cli_classify_unknown_chip_exits_1():
    out = CliRunner().invoke(app, ["classify", "MI250"])
    assert out.exit_code == 1
    assert "no chip specifications for 'MI250'" in out.output and "MI250X" in out.output


def test_cli_assess_then_classify_from_store(tmp_path):
    path = str(tmp_path / "store")
    out = CliRunner().invoke(app, ["--store", path, "assess"])
    assert out.exit_code == 0, out.output
    assert "graph/reference/chip-assessments" in out.output
    out = CliRunner().invoke(app, ["--store", path, "classify", "H20", "--from-store", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data and {d["result"] for d in data} == {"does_not_meet"} and {round(d["tpp"]) for d in data} == {2368}
    out = CliRunner().invoke(app, ["--store", path, "classify", "MI250", "--from-store"])
    assert out.exit_code == 1


def test_docs_example_lines_are_what_classify_prints():
    from conftest import REPO

    doc = (REPO / "docs" / "chip-rules.md").read_text(encoding="utf-8")
    block = doc.split("prints, among others:", 1)[1].split("\n\n", 2)[1]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    out = CliRunner().invoke(app, ["classify", "H800"]).output
    assert len(lines) == 2 and all(line in out for line in lines)


def test_rule_versions_join_the_federal_register_reference(reference_dir):
    from chipgraph.store import FEDERAL_REGISTER, federal_register_graph

    s = Store(None)
    s.load_reference(FEDERAL_REGISTER, federal_register_graph(reference_dir / "federal_register_bis_ear_documents_2020-2026.csv"))
    load_into(s)
    res = s.query("SELECT ?id ?title WHERE { ?r a cg:RuleVersion ; dcterms:identifier ?id ; schema:url ?fr . "
                  "?fr a schema:Legislation ; dcterms:identifier ?id ; dcterms:title ?title } ORDER BY ?id")
    assert [str(r["id"]) for r in res] == ["2022-21658", "2023-23055"]


# -- 4A090 paragraphs in the rule graph ----------------------------------------------------------
FOUR_A090 = """SELECT ?ruleId ?eccn ?inner ?text ?summary WHERE {
  ?p a cg:EccnParagraph ; cg:eccn ?eccn ; cg:ruleVersion ?r ; cg:containsParagraph ?q .
  ?q a cg:EccnParagraph ; cg:eccn ?inner ; cg:ruleVersion ?r .
  ?r a cg:RuleVersion ; dcterms:identifier ?ruleId .
  OPTIONAL { ?p cg:ruleText ?text } OPTIONAL { ?p cg:ruleSummary ?summary }
} ORDER BY ?ruleId ?eccn"""


def test_rule_graph_holds_the_4a090_paragraphs_with_their_containment(store):
    got = [(str(r["ruleId"]), str(r["eccn"]), str(r["inner"])) for r in store.query(FOUR_A090)]
    assert got == [("2022-21658", "4A090.a", "3A090.a"), ("2023-23055", "4A090.a", "3A090.a"),
                   ("2023-23055", "4A090.b", "3A090.b"), ("current", "4A090.a", "3A090.a"),
                   ("current", "4A090.b", "3A090.b")]
    for r in store.query(FOUR_A090):
        if str(r["ruleId"]) == "current":  # quoted from the CCL
            assert str(r["text"]).endswith(f"any of which meets or exceeds the limits in {r['inner']}.")
        else:  # the reference data lacks the text: the rule's own summary instead, never invented text
            assert r["text"] is None and "computer commodities that contain such ICs" in str(r["summary"])
    graphs = {str(r["g"]) for r in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p cg:containsParagraph ?q } }")}
    assert graphs == {str(ids.reference_graph(SPECS_SOURCE))}  # the rule graph, rebuilt with the rest


def test_4a090_paragraphs_conform_to_the_shapes_and_a_broken_link_is_reported():
    from rdflib.namespace import RDF

    from chipgraph.validate import validate_graph
    from chipgraph.vocab import ontology_graph

    rules = specs_graph(find_variants("H800 SXM5"))  # one variant keeps validation quick
    report = validate_graph(rules + ontology_graph())
    assert report.conforms, report.text
    [a_2023] = [p for p in rules.subjects(RDF.type, CG.EccnParagraph)
                if str(p).endswith("/2023-23055/4a090-a")]
    rules.remove((a_2023, CG.containsParagraph, None))
    report = validate_graph(rules + ontology_graph())
    assert not report.conforms and "names no 3A090 paragraph of its own rule version" in report.text
    [cur] = [p for p in rules.subjects(RDF.type, CG.EccnParagraph) if str(p).endswith("/current/4a090-b")]
    rules.remove((cur, CG.ruleText, None))  # neither text nor summary left
    report = validate_graph(rules + ontology_graph())
    assert report.violations == 2 and "ruleText" in report.text


def test_cli_classify_shows_what_a_system_containing_the_chip_meets():
    out = CliRunner().invoke(app, ["classify", "H800"])
    assert out.exit_code == 0, out.output
    assert ("a system containing the H800 SXM5: no chip it contains (H800 SXM5) meets 3A090.a: "
            "not 4A090.a under the October 2022 rule") in out.output
    assert ("a system containing the H800 SXM5: it contains the H800 SXM5, which meets 3A090.a: "
            "4A090.a under the October 2023 rule") in out.output
    assert "4A090.a, current CCL" in out.output and "limits in 3A090.a.”" in out.output
    assert "4A090.a, October 2022 rule: text not quoted" in out.output


def test_cli_classify_json_lists_system_entries():
    out = CliRunner().invoke(app, ["classify", "H800", "--format", "json"])
    data = json.loads(out.stdout)
    systems = {(d["variant"], d["rule"], d["eccn"]): d for d in data if d["kind"] == "system"}
    assert systems[("NVIDIA H800 SXM5", "2022-21658", "4A090.a")]["result"] == "does_not_meet"
    assert systems[("NVIDIA H800 SXM5", "2023-23055", "4A090.a")]["result"] == "meets"
    assert all({"chip", "rule", "eccn", "result", "tpp", "pd", "system", "contains_eccn"} <= set(d)
               for d in systems.values())
    assert {d["kind"] for d in data} == {"chip", "system"}


def test_cli_classify_from_store_derives_the_same_system_entries(tmp_path):
    path = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["--store", path, "assess"]).exit_code == 0
    stored = json.loads(CliRunner().invoke(app, ["--store", path, "classify", "H800", "--from-store",
                                                 "--format", "json"]).stdout)
    shipped = json.loads(CliRunner().invoke(app, ["classify", "H800", "--format", "json"]).stdout)
    key = ("rule", "eccn", "result", "explanation", "rule_text")
    assert sorted(tuple(d[k] for k in key) for d in stored if d.get("kind") == "system") == \
        sorted(tuple(d[k] for k in key) for d in shipped if d["kind"] == "system")
