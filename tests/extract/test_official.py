"""Linking extracted measures to the catalogue (``extract/official.py``), with sentences
written for these tests: each cue, the split of one entity by its mentions' links, the
merge of two entities that link to one measure, and pronoun-like aliases."""
from __future__ import annotations

import subprocess
import sys

import pytest

from chipgraph.catalogue import measure_entity_key
from chipgraph.extract import extract
from chipgraph.extract.official import official_measures, pronoun_like
from chipgraph.extract.output import extraction_json
from chipgraph.extract.sentences import split_sentences
from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Relation


def measures(text: str, published: str | None = None) -> list[dict]:
    out = extraction_json(extract(Document("doc-under-test", text, published=published)))
    return [e for e in out["entities"] if e["type"] == "ExportControl"]


@pytest.mark.parametrize("form", ["rule", "the rule", "These rules", "such curbs", "the measures", "its ban"])
def test_official_pronoun_like_forms(form):
    assert pronoun_like(form)


@pytest.mark.parametrize("form", ["the Entity List", "the October 7 rules", "AI diffusion rule", "new chip curbs", "the"])
def test_official_forms_that_name_something(form):
    assert not pronoun_like(form)


def test_official_name_cue_gives_the_catalogue_iri_and_official():
    [m] = measures("Regulators in Washington issued the October 7 rules to slow chip sales. "
                   "Exporters said the rule cost them orders.")
    assert m["catalogue"] == "fr-2022-21658" and m["official"] == "2022-21658"
    assert m["id"].endswith("/" + measure_entity_key("fr-2022-21658"))
    assert not pronoun_like(m["name"])
    assert m["link"]["cue"] == "name" and m["link"]["confidence"] >= 0.9  # how it was linked
    assert "october 7" in m["link"]["evidence"].casefold()


def test_official_pronoun_like_forms_stay_as_aliases_never_as_the_name():
    """A definite description ("the ban") that refers back to the identified measure keeps
    its place among the article's surface forms, after the forms that name something."""
    [m] = measures("The Commerce Department imposed a ban on exports of the H20 to China. "
                   "Nvidia said the ban would cost it billions.", "2025-04-20")
    assert not pronoun_like(m["name"])
    forms = m["aliases"]
    assert any(pronoun_like(a) for a in forms)
    first_pronoun = next(i for i, a in enumerate(forms) if pronoun_like(a))
    assert all(pronoun_like(a) for a in forms[first_pronoun:])


def test_official_date_cue_resolves_against_the_article_date():
    [m] = measures("Chipmakers are still adjusting to the export restrictions announced in October 2022, "
                   "which cover advanced processors bound for China.", "2023-03-02")
    assert m.get("official") == "2022-21658"


def test_official_recency_cue_needs_the_article_date_and_a_second_cue():
    text = "The Commerce Department unveiled new export curbs on accelerators, traders said."
    [m] = measures(text, "2023-10-19")
    assert m.get("official") == "2023-23055"  # new, recent, and issued by the United States
    assert m["link"]["cue"] == "recency" and m["link"]["confidence"] < 0.9
    [undated] = measures(text)
    assert "catalogue" not in undated and "official" not in undated  # nothing identifies it
    [alone] = measures("Traders said new export curbs were unveiled.", "2023-10-19")
    assert "catalogue" not in alone  # only recency: not a link


def test_official_chip_content_decides_without_a_date():
    [m] = measures("Officials imposed export restrictions on accelerators. "
                   "The restrictions bar the H800 and the A800 from China.")
    assert m.get("official") == "2023-23055"  # not October 2022: those rules let both through


def test_official_list_and_rule_in_one_article_stay_apart():
    ms = measures("The Commerce Department last week put 140 companies on the Entity List. "
                  "Separately, officials scrapped the AI diffusion rule in May.", "2025-06-01")
    assert sorted(m.get("official") for m in ms) == ["2025-00636", "entity_list"]
    assert len({m["id"] for m in ms}) == 2


def test_official_unidentified_measure_keeps_a_document_scoped_iri():
    [a] = measures("A city council adopted export curbs on scrap metal, officials said.", "2024-05-01")
    assert "catalogue" not in a and "measure-" not in a["id"].rsplit("/", 1)[1]


def _two_sentence_extraction(first: str, second: str) -> tuple[Extraction, list]:
    """One ExportControl entity with a mention in each sentence and a relation stated in each."""
    text = f"{first} {second}"
    sentences = split_sentences(text)
    assert len(sentences) == 2
    a, b = text.index("the October 7 rules"), text.index("the AI diffusion rule")
    measure = Entity("m-doc", "US chip rules", "ExportControl", aliases=["the rule"], mentions=[
        Mention(a, a + 19, "the October 7 rules", 0), Mention(b, b + 21, "the AI diffusion rule", 1)])
    china, nvidia = Entity("china", "China", "Country"), Entity("nvidia", "Nvidia", "Company")
    rels = [Relation("m-doc", "targets", "china", [Evidence(0, a, a + 30)]),
            Relation("m-doc", "targets", "nvidia", [Evidence(1, b, b + 30)])]
    ex = Extraction(Document("d", text, published="2025-02-01"), sentences, [china, nvidia, measure], rels, [])
    return ex, rels


def test_official_entity_is_split_when_its_mentions_link_to_two_measures():
    ex, _ = _two_sentence_extraction("Shipments to China fell after the October 7 rules took hold.",
                                     "Nvidia now faces the AI diffusion rule as well.")
    out = official_measures(ex)
    got = {e.official.catalogue: e for e in out.entities if e.type == "ExportControl"}
    assert set(got) == {"fr-2022-21658", "fr-2025-00636"}
    by_subject = {(r.subject, r.object) for r in out.relations}
    assert (got["fr-2022-21658"].key, "china") in by_subject
    assert (got["fr-2025-00636"].key, "nvidia") in by_subject
    assert len(out.relations) == 2
    for e in got.values():
        assert len(e.mentions) == 1 and "the rule" not in e.aliases


def test_official_two_entities_linking_to_one_measure_become_one():
    text = "The October 7 rules hit exports. Months later the Oct. 7 controls still bite."
    sentences = split_sentences(text)
    a, b = text.index("The October 7 rules"), text.index("the Oct. 7 controls")
    e1 = Entity("m1", "First", "ExportControl", mentions=[Mention(a, a + 19, "The October 7 rules", 0)])
    e2 = Entity("m2", "Second", "ExportControl", mentions=[Mention(b, b + 19, "the Oct. 7 controls", 1)])
    rels = [Relation("m1", "targets", "china", [Evidence(0, a, a + 10)]),
            Relation("m2", "targets", "china", [Evidence(1, b, b + 10)])]
    ex = Extraction(Document("d", text, published="2023-06-01"), sentences,
                    [Entity("china", "China", "Country"), e1, e2], rels, [])
    out = official_measures(ex)
    [m] = [e for e in out.entities if e.type == "ExportControl"]
    assert m.key == measure_entity_key("fr-2022-21658") and len(m.mentions) == 2 and "Second" in m.aliases
    [r] = out.relations
    assert r.subject == m.key and len(r.evidence) == 2


def test_official_linking_imports_no_rdflib():
    code = ("import sys; from chipgraph.extract import extract; from chipgraph.model import Document; "
            "ex = extract(Document('a', 'Exporters still follow the October 7 rules on chips.')); "
            "assert any(e.official for e in ex.entities); "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]"]


@pytest.mark.parametrize("body, official", [
    ("The Federal Communications Commission", None),  # a body with measures of its own: not BIS's rule
    ("The Commerce Department", "2023-23055"),
])
def test_official_a_body_that_issues_its_own_measures_rules_out_another_bodys(body, official):
    [m] = measures(f"{body} imposed new export curbs on chips this week, barring sales of H100 chips to China.",
                   "2023-11-01")
    assert m.get("official") == official



@pytest.mark.parametrize("prior", ["existing", "previous", "earlier", "current"])
def test_official_a_prior_measure_takes_no_date_of_the_new_action(prior):
    """A date in the sentence belongs to the action the sentence reports ("widened … on Monday"),
    not to the measure the action builds on ("the existing controls")."""
    text = "On December 2, 2024, the Commerce Department widened the {}export controls on accelerators sold to China."
    [new] = measures(text.format(""), "2024-12-04")
    assert new.get("catalogue") and new["link"]["cue"] == "date"  # the control of that date
    [old] = measures(text.format(prior + " "), "2024-12-04")
    assert "catalogue" not in old and "link" not in old


@pytest.mark.parametrize("text, official", [
    ("The US Commerce Department added 13 entities to its export control list on Monday.", "entity_list"),
    ("The Commerce Department put Quorvex on its trade list, officials said.", "entity_list"),
    ("China's Ministry of Commerce added Quorvex to its export control list on Monday.", "mofcom_export_control_list"),
])
def test_official_a_bodys_own_name_for_its_list_needs_the_body(text, official):
    ms = measures(text, "2025-01-08")
    assert any(m.get("catalogue") == official for m in ms)


def test_official_a_bodys_name_for_a_list_without_the_body_is_not_that_list():
    ms = measures("Quorvex said it was put on a trade list last year.", "2025-01-08")
    assert not any(m.get("catalogue") == "entity_list" for m in ms)
