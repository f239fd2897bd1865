"""Quote and person recall (issue 12, categories 4-5): one test per construction, several
forms each, with sentences written for these tests (names and firms are invented)."""
from __future__ import annotations

import pytest


def _names(ex):
    return {e.key: e.name for e in ex.entities}


def _quotes(ex):
    names = _names(ex)
    return [(names.get(q.speaker), q.text) for q in ex.quotes]


def _people(ex):
    return {e.name for e in ex.entities if e.type == "Person"}


def _said(ex, speaker, starts):
    return any(s == speaker and q.startswith(starts) for s, q in _quotes(ex))


# --- a title in the run of capitalised words is cut from the name ------------------------
@pytest.mark.parametrize("text,person", [
    ("“Rules bind us all,” said U.S. Attorney Marta K. Dellow for the Western District.", "Marta K. Dellow"),
    ("The list was signed by Deputy Defense Secretary Oren Palsby on Friday.", "Oren Palsby"),
    ("Fishing and Ports Minister K. Ramadas said the quota stays.", "K. Ramadas"),
])
def test_title_words_are_cut_from_the_name(extracted, text, person):
    ex = extracted(text)
    assert person in _people(ex)
    assert not [p for p in _people(ex) if p != person and person.split()[-1] in p]


def test_a_title_alone_is_no_person(extracted):
    ex = extracted("Orvane Systems Chief Executive Officer said little on the call.")
    assert not _people(ex)


def test_the_tail_of_a_ministry_name_is_no_person(extracted):
    ex = extracted("The Ministry of Fisheries and Coastal Planning said the ban covers trawlers.")
    assert "Coastal Planning" not in _people(ex)


# --- honorific chains: the given name is the short form ---------------------------------
@pytest.mark.parametrize("text,name,short", [
    ("Harbour Minister Tengku Datuk Seri Amran Yusof Hamid said the port is open. "
     "Amran was speaking in the capital.", "Tengku Datuk Seri Amran Yusof Hamid", "Amran"),
    ("Datuk Seri Amran Yusof said the port is open. Amran spoke after lunch.", "Amran Yusof", "Amran"),
])
def test_honorific_chain(extracted, text, name, short):
    ex = extracted(text)
    (p,) = [e for e in ex.entities if e.type == "Person"]
    assert p.name == name and short in p.aliases


# --- speakers named by surname only -----------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("“We will ship in spring,” Kowalczyk said. Kowalczyk joined the board in 2019.", "Kowalczyk"),
    ('"Demand is steady," said Brannigan. Brannigan runs the plant.', "Brannigan"),
    ("The plan, Mr. Oyelaran argued, was sound. “It holds up,” he said.", "Oyelaran"),
])
def test_a_surname_alone_that_attributes_a_quote_is_a_person(extracted, text, name):
    ex = extracted(text)
    assert name in _people(ex)
    assert any(s == name for s, _ in _quotes(ex))


def test_a_known_company_attributing_a_quote_stays_a_company(extracted):
    ex = extracted("“Orders are up,” Nvidia said on Tuesday.")
    assert not _people(ex)


# --- attribution after a quote of several sentences --------------------------------------
@pytest.mark.parametrize("text", [
    "Dana Whitfield, an analyst, spoke at noon. “Prices rose in May. Buyers waited. They will be back,” Whitfield said.",
    "Dana Whitfield, an analyst, spoke at noon. ‘Prices rose in May. Buyers waited for weeks and then came "
    "back in numbers we had not seen in a long while, and the orders kept coming,’ she warned.",
])
def test_several_sentences_then_attribution(extracted, text):
    assert _said(extracted(text), "Dana Whitfield", "Prices rose in May")


# --- long portfolio titles between the verb and the name ---------------------------------
@pytest.mark.parametrize("text", [
    "“The door is shut,” said Under Secretary of Commerce for Trade and Security Dana Whitfield.",
    "“The door is shut,” said Assistant Secretary for Export Administration Dana Whitfield.",
])
def test_inverted_attribution_with_a_long_title(extracted, text):
    assert _said(extracted(text), "Dana Whitfield", "The door is shut")


# --- "X told Y": the teller speaks ---------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Senator Dana Whitfield questioned Secretary Lars Petersen. “You were fooled,” Whitfield told Petersen.",
    "Senator Dana Whitfield questioned Secretary Lars Petersen. Whitfield told Petersen he was “fooled”.",
])
def test_the_teller_not_the_listener(extracted, text):
    qs = _quotes(extracted(text))
    assert qs and all(s == "Dana Whitfield" for s, _ in qs)


# --- a pronoun is not resolved to a name inside the quote --------------------------------
def test_pronoun_skips_names_inside_quotes(extracted):
    ex = extracted("Secretary Lars Petersen spoke.\n“Thanks to Mayor Ida Brun and her team, the port is open,” he said.")
    assert _said(ex, "Lars Petersen", "Thanks to Mayor")


# --- a relative clause naming someone else between subject and verb ----------------------
@pytest.mark.parametrize("text", [
    "Lawyer Ida Brun, who represents Lars Petersen, told reporters her client “did nothing wrong”.",
    "Ida Brun, an attorney, spoke. Ida Brun, whose client is Lars Petersen, said he “did nothing wrong”.",
])
def test_relative_clause_does_not_take_the_quote(extracted, text):
    assert _said(extracted(text), "Ida Brun", "did nothing wrong")


# --- a quote paragraph goes on with the speaker of the paragraph before ------------------
def test_paragraph_opening_quote_continues_the_speaker(extracted):
    ex = extracted("“We build here,” Dana Whitfield said at the plant.\n\n"
                   "“We hire here too. That will not change.” Orvane Systems did not comment.")
    assert _said(ex, "Dana Whitfield", "We hire here too")


def test_paragraph_opening_quote_with_its_own_unnamed_source_is_not_continued(extracted):
    ex = extracted("“We build here,” Dana Whitfield said at the plant.\n\n"
                   "“It will not last,” one trader said.")
    assert not any(q.startswith("It will not last") for _, q in _quotes(ex))


def test_no_continuation_when_someone_else_is_named_after(extracted):
    ex = extracted("“We build here,” Dana Whitfield said, before Lars Petersen, an analyst, spoke.\n\n"
                   "“It will not last.”")
    assert not any(q.startswith("It will not last") for _, q in _quotes(ex))


# --- a quote after a whole attribution sentence is the same statement --------------------
@pytest.mark.parametrize("text", [
    "“Orders are up,” Dana Whitfield, an analyst, said. “Nobody expected that.”",
    "“Orders are up,” said Dana Whitfield, an analyst who follows the sector. “Nobody expected that.”",
])
def test_quote_after_attribution_sentence_joins(extracted, text):
    qs = _quotes(extracted(text))
    assert len(qs) == 1 and qs[0][0] == "Dana Whitfield" and qs[0][1].startswith("Orders are up")


def test_two_speakers_in_one_paragraph_stay_apart(extracted):
    qs = _quotes(extracted("Dana Whitfield, an analyst, met Lars Petersen, a lawyer. “Orders are up,” Whitfield said. "
                           "“They will fall,” Petersen said."))
    assert any(s == "Dana Whitfield" and q.startswith("Orders are up") for s, q in qs)
    assert any(s == "Lars Petersen" and q.startswith("They will fall") for s, q in qs)


# --- a headline quote takes the body's first speaker -------------------------------------
def test_headline_quote(extracted):
    ex = extracted("“The market is gone for us”\n\n"
                   "Dana Whitfield, an analyst at Orvane Systems, remarked that sales had stopped.")
    assert _said(ex, "Dana Whitfield", "The market is gone")


# --- a statement of several sentences is not attributed by the sentence before it --------
def test_multi_sentence_quote_after_a_clause_is_not_standalone(extracted):
    ex = extracted("Dana Whitfield was worried.\nOrvane Systems replied, “We follow the law. Every time.”")
    assert not any(q.startswith("We follow the law") for _, q in _quotes(ex))
