"""The catalogue as data: packaged file, regeneration from ../shared/reference, errors."""
from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from chipgraph.catalogue import build_catalogue, load_catalogue, measure_entity_key, measure_iri, read_catalogue
from chipgraph.catalogue.build import data_file
from chipgraph.errors import InputError
from chipgraph import ids

LIST_KEYS = ("entity_list", "meu_list", "unverified_list", "ns_cmic", "1260h", "fcc_covered",
             "mofcom_unreliable_entity_list", "mofcom_export_control_list")


def test_catalogue_lists_have_guideline_keys_as_official():
    cat = load_catalogue()
    for key in LIST_KEYS:
        m = cat[key]
        assert m.kind == "list" and m.official == key and m.source_url and m.issuer


def test_catalogue_federal_register_rule_has_official_dates_and_links():
    m = load_catalogue()["fr-2022-21658"]
    assert m.official == "2022-21658" and m.published == date(2022, 10, 13)
    assert m.announced == date(2022, 10, 7) and m.start == date(2022, 10, 7)
    assert "3A090" in m.eccns and "October 7 rules" in m.press_names
    update = load_catalogue()["fr-2023-23055"]
    assert update.amends == ("fr-2022-21658",)


def test_catalogue_curated_measures_have_sources_but_no_fr_official():
    cat = load_catalogue()
    curated = [m for m in cat if not m.key.startswith(("fr-", "eccn-")) and m.kind != "list"]
    assert len(curated) >= 10
    for m in curated:
        assert m.source_url and m.source_url.startswith("https://"), m.key
        assert m.official is None, m.key  # only FR numbers of the reference table or list keys
    dec = cat["us-advanced-computing-rules-2024-12"]
    assert dec.id_local == "2024-28270" and dec.effective == date(2024, 12, 2)
    assert cat["us-ai-diffusion-rule-rescission-2025"].rescinds == ("fr-2025-00636",)
    assert cat["us-chip-security-act"].kind == "bill"


def test_catalogue_every_reference_is_known():
    cat = load_catalogue()
    for m in cat:
        for k in m.amends + m.rescinds:
            assert cat.get(k) is not None, (m.key, k)


def test_catalogue_iris_are_hashed_keys():
    assert measure_iri("entity_list") != measure_iri("entity-list")
    assert measure_iri("fr-2022-21658") == measure_iri("fr-2022-21658")
    assert ids.entity_iri(measure_entity_key("fr-2022-21658")) == measure_iri("fr-2022-21658")
    assert " " not in str(measure_iri("a key with spaces & <brackets>"))


def test_catalogue_regenerates_identically(reference_dir):
    packaged = json.loads(data_file("catalogue.json").read_text(encoding="utf-8"))
    assert build_catalogue(reference_dir) == packaged


def test_catalogue_never_reads_the_non_commercial_files(reference_dir, tmp_path):
    ref = tmp_path / "ref"
    ref.mkdir()
    for f in reference_dir.iterdir():
        if not f.name.startswith("eto_"):
            shutil.copy(f, ref / f.name)
    assert build_catalogue(ref) == build_catalogue(reference_dir)


def test_catalogue_bad_curated_file_names_the_file(reference_dir, tmp_path):
    bad = tmp_path / "curated.toml"
    bad.write_text('[[measure]]\nkey = "x"\nkind = "rule"\nofficial_name = "X"\namends = ["nope"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="curated.toml.*unknown 'nope'"):
        build_catalogue(reference_dir, curated=bad)
    bad.write_text('[[measure]]\nkey = "x"\nkind = "rule"\nofficial_name = "X"\npublished = "May 2024"\n', encoding="utf-8")
    with pytest.raises(InputError, match="not YYYY-MM-DD"):
        build_catalogue(reference_dir, curated=bad)
    bad.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(InputError, match="curated.toml"):
        build_catalogue(reference_dir, curated=bad)


def test_catalogue_missing_reference_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="federal_register"):
        build_catalogue(tmp_path)


def test_catalogue_unreadable_catalogue_file(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('{"measures": [{"key": "x"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="c.json"):
        read_catalogue(p)
