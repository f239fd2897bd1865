"""Quote attribution, second round (issue 12, category 5): pronoun chains, attributions read
as a sentence of their own, colons, paragraph-long quotes left open, more speech verbs.
Every sentence here was written for these tests; names and firms are invented."""
from __future__ import annotations

import pytest


def _quotes(ex):
    names = {e.key: e.name for e in ex.entities}
    return [(names.get(q.speaker), q.text) for q in ex.quotes]


def _speaker_of(ex, starts):
    found = [s for s, q in _quotes(ex) if q.startswith(starts)]
    assert found, f"no quote starting {starts!r} in {_quotes(ex)}"
    return found[0]


# --- a pronoun stands for the subject of the sentence that named people, not its object ----
@pytest.mark.parametrize("text", [
    "Senator Maren Oakes urged Trade Secretary Paul Venner to testify on Monday. "
    "In a floor speech, she also questioned whether Venner could stay neutral. "
    "\"Will Paul Venner keep the ledger closed to the public?\" she asked.",
    "Representative Maren Oakes pressed Commerce official Paul Venner on the licences. "
    "“Why were they granted in secret?” she asked.",
    "Maren Oakes, a senator, wrote to Paul Venner last week. "
    "She then said: “The licences were a mistake.”",
])
def test_pronoun_takes_the_subject_not_the_object(extracted, text):
    ex = extracted(text)
    q = [q for _, q in _quotes(ex)]
    assert q, "the quote was lost"
    assert {s for s, _ in _quotes(ex)} == {"Maren Oakes"}


def test_a_person_named_inside_the_quote_is_not_the_pronouns_antecedent(extracted):
    ex = extracted("Governor Lena Brisk spoke after the vote. "
                   "\"Does Tomas Reyl think the tariff will pay for itself?\" she asked.")
    assert _speaker_of(ex, "Does Tomas Reyl") == "Lena Brisk"


def test_pronoun_with_an_adverb_before_the_verb(extracted):
    for adverb in ("again", "bluntly", "once again", "later"):
        ex = extracted("Chief executive Arno Veldt praised rival Quorvia Systems on Tuesday. "
                       f"He {adverb} called the company “relentless.”")
        assert _speaker_of(ex, "relentless") == "Arno Veldt", adverb


# --- "…?” Name asked." split into two sentences ---------------------------------------
@pytest.mark.parametrize("text,speaker", [
    ("Senator Ivo Marsh questioned Under Secretary Dana Kolb at the hearing. "
     "“Have you been told to slow the rule down?” Marsh asked.", "Ivo Marsh"),
    ("Senator Ivo Marsh questioned Under Secretary Dana Kolb at the hearing. "
     "“Is the rule ready or not?” asked Marsh.", "Ivo Marsh"),
    ("Senator Ivo Marsh questioned Under Secretary Dana Kolb at the hearing. "
     "“We cannot wait another year!” Kolb replied.", "Dana Kolb"),
])
def test_attribution_in_the_next_short_sentence(extracted, text, speaker):
    ex = extracted(text)
    assert [s for s, _ in _quotes(ex)] == [speaker]


def test_a_long_next_sentence_is_not_an_attribution(extracted):
    ex = extracted("Senator Ivo Marsh spoke first. “Is the rule ready?” "
                   "Under Secretary Dana Kolb, who oversees licensing for the bureau and "
                   "its field offices across three continents, said the agency had no comment on it.")
    assert not [q for s, q in _quotes(ex) if s == "Dana Kolb" and q.startswith("Is the rule")]


# --- a colon after a sentence whose subject is a person ---------------------------------
@pytest.mark.parametrize("text", [
    "Analyst Petra Liang put it plainly in her testimony: “Every loophole is an invitation.”",
    "Petra Liang, who leads a research group at a think tank, summed it up: "
    "\"Every loophole is an invitation.\"",
])
def test_colon_introduces_the_subjects_words(extracted, text):
    ex = extracted(text)
    assert _speaker_of(ex, "Every loophole") == "Petra Liang"


def test_colon_quote_far_from_the_sentence_start_is_not_given_to_a_late_name(extracted):
    ex = extracted("The report, published by the ministry on Monday after months of talks with "
                   "industry and with Petra Liang, ends with one line: “Every loophole is an invitation.”")
    assert not [s for s, _ in _quotes(ex) if s == "Petra Liang"]


# --- a paragraph that opens a quote and does not close it ------------------------------
@pytest.mark.parametrize("close", ["", " and we will report to parliament"])
def test_open_paragraph_quote_takes_the_next_paragraphs_speaker(extracted, close):
    ex = extracted("Trade Minister Hana Sori said no shipments had been diverted.\n"
                   "“Currently, we are reviewing the customs records with the port authority"
                   f"{close}.\n"
                   "“So far, nothing shows that the servers left the country,” she said.")
    assert _speaker_of(ex, "Currently, we are reviewing") == "Hana Sori"
    assert _speaker_of(ex, "So far, nothing") == "Hana Sori"
    assert len(ex.quotes) == 2


def test_open_quote_not_followed_by_a_quote_is_dropped(extracted):
    ex = extracted("Trade Minister Hana Sori said no shipments had been diverted.\n"
                   "The port was quiet on Monday.\n"
                   "“Currently, we are reviewing the customs records with the port authority.\n"
                   "The ministry did not say when the review would end.")
    assert not ex.quotes


# --- speech verbs beyond "said", and non-finite ones ------------------------------------
@pytest.mark.parametrize("text", [
    "Foreign ministry spokesperson Lin Haoran condemned the curbs as ‘naked bullying’.",
    "Foreign ministry spokesperson Lin Haoran denounced the curbs as “naked bullying”.",
    "“Naked bullying,” Foreign ministry spokesperson Lin Haoran expressed.",
    "Foreign ministry spokesperson Lin Haoran dodged the question by claiming, “Naked bullying is all it is.”",
])
def test_more_speech_verbs(extracted, text):
    ex = extracted(text)
    assert [s for s, _ in _quotes(ex)] == ["Lin Haoran"]
    assert _quotes(ex)[0][1].lower().startswith("naked bullying")
