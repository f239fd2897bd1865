"""Extraction-level identity of measures (issue #12), with sentences written for these
tests: Entity List additions carry their FR rule, dated descriptions link, a generic
measure stays unlinked, and a rule called by its catalogue name is named by it."""
from __future__ import annotations

import pytest

from chipgraph.extract import extract
from chipgraph.extract.output import extraction_json
from chipgraph.model import Document


def measures(text: str, published: str | None = None, approx: str | None = None) -> list[dict]:
    doc = Document("doc-under-test", text, published=published, published_approx=approx)
    return [e for e in extraction_json(extract(doc))["entities"] if e["type"] == "ExportControl"]


def officials(e: dict) -> set[str]:
    v = e.get("official")
    return set(v if isinstance(v, list) else [v] if v else [])


@pytest.mark.parametrize("text,published,approx,rule", [
    ("The Commerce Department said on Thursday it had added 37 entities in China to the Entity List. "
     "The agency said the firms worked on quantum computing.", None, "2024-05", "2024-10485"),
    ("Washington placed thirteen Chinese entities on the Entity List on Tuesday, citing work on AI chips.",
     "2023-10-18", None, "2023-23048"),
    ("Regulators added 23 Chinese companies to their restricted entity list, officials said.",
     None, "2025-09-14", "2025-17893"),
])
def test_entity_list_additions_carry_the_addition_rule_and_the_list_key(text, published, approx, rule):
    [el] = [e for e in measures(text, published, approx) if "entity_list" in officials(e)]
    assert officials(el) == {"entity_list", rule}


def test_the_modifier_the_text_gives_a_list_stays_among_its_forms():
    [el] = [e for e in measures("Regulators added 23 Chinese companies to their restricted entity list, officials said.",
                                None, "2025-09-14") if "entity_list" in officials(e)]
    assert "restricted entity list" in el["aliases"]
    assert not any(a.startswith("s ") for a in el["aliases"])


@pytest.mark.parametrize("text,published", [
    ("The foundry has been on the Entity List since 2019, and suppliers need licences.", "2024-06-01"),
    ("The agency added 80 entities to the Entity List.", "2025-03-26"),  # two rules that week
    ("The agency added entities to the Entity List.", None),  # no date at all
])
def test_a_listing_without_one_rule_to_point_to_keeps_only_the_list_key(text, published):
    [el] = [e for e in measures(text, published) if "entity_list" in officials(e)]
    assert officials(el) == {"entity_list"}


@pytest.mark.parametrize("text,published", [
    ("Two engineers were charged with dodging US export controls on chips, prosecutors said.", None),
    ("Two engineers were charged with dodging US export controls on chips, prosecutors said, who "
     "estimated that the scheme began in at least November 2023.", "2025-12-09"),
    ("Analysts said US export controls on chips have hurt Chinese buyers for years.", "2024-03-01"),
])
def test_a_generic_measure_is_not_linked_to_one_rule(text, published):
    assert all(not officials(e) for e in measures(text, published))


def test_a_rule_described_by_its_month_links_against_an_approximate_article_date():
    [m] = measures("The toolmaker said the curbs on chipmaking equipment imposed last October cut its sales to China.",
                   None, "2023-04")
    assert officials(m) == {"2022-21658"}


def test_a_rule_called_by_its_catalogue_name_is_named_by_it_and_lists_keep_apart():
    text = ("The agency added 16 firms from China and Singapore to its Entity List. "
            "The updated sanctions list took effect at once. "
            "Separately, the Interim Final Rule on Artificial Intelligence Diffusion caps chip exports to most countries.")
    ms = measures(text, None, "2025-01-16")
    rule = next(e for e in ms if "2025-00636" in officials(e))
    assert rule["name"] == "Interim Final Rule on Artificial Intelligence Diffusion"
    el = next(e for e in ms if "entity_list" in officials(e))
    assert any("updated sanctions list" in a for a in el["aliases"])
    assert not any("sanctions list" in a for a in rule["aliases"])


def test_a_long_run_of_words_before_a_list_name_is_a_list_of_its_own_not_a_form():
    text = "The island's regulators put two chipmakers on its strategic high-tech goods entity list on Saturday."
    assert not any("strategic high-tech goods entity list" in a for e in measures(text, "2025-06-15") for a in e["aliases"])
