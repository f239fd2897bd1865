"""Quotes: speakers, pronouns, split and joint quotes, titles."""
from __future__ import annotations

from chipgraph.extract import extract
from chipgraph.model import Document


def _quotes(text):
    x = extract(Document("t", text))
    return [(q.speaker, q.text, q.alt_speakers) for q in x.quotes]


def test_quotes_said_after_with_pronoun():
    qs = _quotes("Maria Gonzalez, an analyst at Fictive Capital, spoke on Monday.\n"
                 "“Demand will stay strong,” she said.")
    assert qs == [("maria-gonzalez", "Demand will stay strong,", [])]


def test_quotes_inverted_said_name():
    qs = _quotes("“Prices will fall,” said Ravi Patel, a trade lawyer.")
    assert qs[0][0] == "ravi-patel"


def test_quotes_split_by_attribution_is_one_quote():
    qs = _quotes("Lars Petersen, the CEO of Acme Corp, spoke. “We will comply,” Petersen said, “but it hurts.”")
    assert len(qs) == 1 and "but it hurts" in qs[0][1] and qs[0][0] == "lars-petersen"


def test_quotes_colon_in_previous_sentence():
    qs = _quotes('Commerce Secretary Jane Roe warned: "We will act. Period."')
    assert qs and qs[0][0] == "jane-roe" and qs[0][1].startswith("We will act.")


def test_quotes_joint_speakers():
    qs = _quotes("Sen. Ann Fields and Rep. Bob Hart said in a statement: “The loophole must close.”")
    assert qs[0][0] == "ann-fields" and qs[0][2] == ["bob-hart"]


def test_quotes_book_titles_and_unattributed_are_skipped():
    qs = _quotes("Ravi Patel, the author of the book “Silicon Walls,” spoke. "
                 "The ministry called it “a blockade.”")
    assert qs == []


def test_quotes_nearest_speech_verb_wins():
    qs = _quotes("Maria Gonzalez, an analyst, said the firm had 50,000 chips, which Ravi Patel said "
                 "would be a “large number.”")
    assert qs[0][0] == "ravi-patel"
