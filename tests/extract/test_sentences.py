"""Sentence splitting: offsets into the text, abbreviations, paragraphs."""
from __future__ import annotations

from chipgraph.extract import split_sentences


def test_sentences_offsets_point_into_text():
    text = "Headline without stop\n\nThe Commerce Dept. acted on Oct. 7 last year. Sen. Jane Roe objected.\n"
    sents = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert [s.index for s in sents] == list(range(len(sents)))


def test_sentences_split_paragraphs_and_keep_abbreviations():
    text = "Chips Face New Limits\nRep. John Smith, R-Texas, spoke on Oct. 7. He was brief."
    texts = [s.text for s in split_sentences(text)]
    assert texts[0] == "Chips Face New Limits"
    assert texts[1].startswith("Rep. John Smith, R-Texas, spoke on Oct. 7.")
    assert texts[-1] == "He was brief."


def test_sentences_closing_quote_stays_with_sentence():
    text = "She said: “We are done.” Then she left."
    texts = [s.text for s in split_sentences(text)]
    assert texts[0].endswith("”")
