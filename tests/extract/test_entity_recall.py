"""Typed-entity recall on constructions seen in unseen articles (issue #12); own sentences."""
import pytest

from chipgraph.extract.dictionary import dictionary


def _hits(text):
    return [(h.surface, h.entry.name) for h in dictionary().find(text)]


@pytest.mark.parametrize("text, surface", [
    ("Yesterday the United States Department of Commerce widened its rules.", "United States Department of Commerce"),
    ("A U.S Commerce Department spokesperson gave no comment.", "U.S Commerce Department"),
    ("Lawyers wrote to the US Department of Commerce in March.", "US Department of Commerce"),
])
def test_country_prefixed_body_keeps_full_form(text, surface):
    hits = _hits(text)
    assert (surface, "Commerce Department") in hits
    assert not any(name == "United States" for _, name in hits)


def test_unprefixed_body_unchanged():
    assert ("Department of Commerce", "Commerce Department") in _hits("Staff at the Department of Commerce left early.")


def test_other_country_prefix_not_merged():
    hits = _hits("A Japan Commerce Department memo circulated.")
    assert not any(s.startswith("Japan ") for s, _ in hits)
