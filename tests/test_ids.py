"""Deterministic, safe IRIs."""
from __future__ import annotations

import re

import pytest

from chipgraph import ids

SAFE = re.compile(r"^https://w3id\.org/chipgraph/[a-z]+/[a-z0-9/-]+$")


@pytest.mark.parametrize("name, key", [
    ("Nvidia", "nvidia"), ("Moor Insights & Strategy", "moor-insights-and-strategy"),
    ("Zongyuan Zoe Liu", "zongyuan-zoe-liu"), ("Ascend 910B", "ascend-910b"),
    ("Société Générale", "societe-generale"),
])
def test_ids_entity_key_slugs(name, key):
    assert ids.entity_key(name) == key


@pytest.mark.parametrize("hostile", [
    '<script>alert(1)</script>', 'a> <b', '"quoted" \\ back', "华为技术有限公司", "x" * 500, "?#/..",
])
def test_ids_hostile_text_never_reaches_an_iri(hostile):
    for iri in (ids.entity_iri(hostile), ids.document_iri(hostile), ids.sentence_iri(hostile, 3),
                ids.listing_iri("Entity List", hostile, "84 FR 22961")):
        assert SAFE.match(str(iri)), iri
    assert len(str(ids.entity_iri(hostile))) < 120


def test_ids_same_input_same_iri_distinct_inputs_distinct_iris():
    assert ids.document_iri("a.txt") == ids.document_iri("a.txt")
    assert ids.document_iri("a.txt") != ids.document_iri("dir/a.txt")
    assert ids.entity_iri("华为") != ids.entity_iri("中芯国际")
    assert ids.assertion_iri("d", "a", "usesChip", "b") != ids.assertion_iri("d", "b", "usesChip", "a")
