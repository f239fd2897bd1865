"""Issue 12: general handling of what failed on unseen articles (people with titles, spans,
names from reference data, quotes, duplicates), each with sentences written for these tests."""
from __future__ import annotations

import pytest


def _typed(ex):
    return {(e.name, e.type) for e in ex.entities}


# --- 4. people with titles --------------------------------------------------------------
@pytest.mark.parametrize("text,person", [
    ("Transport Minister R Velandra said the port would reopen on Monday.", "R Velandra"),
    ("Minister for Trade and Industry P Ramadas said on Friday that talks continue.", "P Ramadas"),
    ("Culture and Heritage Minister T Arunsen told reporters the plan was sound.", "T Arunsen"),
    ("Law and Home Affairs Minister K Velandra says the probe was fair.", "K Velandra"),
    ("A spokesman declined to comment, but B Tran said the deal was done.", "B Tran"),
])
def test_people_with_initial_and_portfolio_title(extracted, text, person):
    ex = extracted(text)
    assert (person, "Person") in _typed(ex)
    assert not [e for e in ex.entities if e.type != "Person" and person.split()[-1] in e.name]


def test_people_honorific_links_to_the_full_name(extracted):
    ex = extracted("Transport Minister R Velandra said the port would reopen. "
                   "Mr Velandra added that ships were waiting.")
    (p,) = [e for e in ex.entities if e.type == "Person"]
    assert p.name == "R Velandra" and "Velandra" in p.aliases


@pytest.mark.parametrize("text,absent", [
    ("Minister of Energy, Mines and Water P Ramadas said the plan was sound.", "Energy"),
    ("The Secretary of Finance and Planning spoke first, Orvane Systems said.", "Finance and Planning"),
])
def test_people_portfolio_is_no_organization(extracted, text, absent):
    assert absent not in {e.name for e in extracted(text).entities}


def test_people_single_capital_words_are_no_initials(extracted):
    ex = extracted("A Chinese firm said it would appeal. I Think So was the reply.")
    assert not [e for e in ex.entities if e.type == "Person"]


# --- 6. spans -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,absent", [
    ("The fab lacks Extreme Ultraviolet (EUV) machines, analysts said.", "Extreme Ultraviolet"),
    ("Demand for High Bandwidth Memory rose, Orvane Systems said.", "High Bandwidth Memory"),
    ("Its Deep Ultraviolet Lithography tools are older, Orvane Systems said.", "Deep Ultraviolet Lithography"),
    ("The rule limits US-developed AI hardware, Orvane Systems said.", "US-developed AI"),
])
def test_spans_technology_terms_are_no_companies(extracted, text, absent):
    assert absent not in {e.name for e in extracted(text).entities}


@pytest.mark.parametrize("headline", [
    "Toolmaker Says It Will Double Capacity Of Wafer Lines",
    "Regulator Weighs New Curbs On Memory Makers In Asia",
    "Startup Unveils Faster Inference Card For Data Centres",
])
def test_spans_title_case_headline_yields_no_guessed_names(extracted, headline):
    ex = extracted(headline + "\nOrvane Systems said on Tuesday it would build a plant in Ohio.")
    guessed = {e.name for e in ex.entities if e.type in ("Company", "Organization", "Person")}
    assert guessed == {"Orvane Systems"}


def test_spans_names_do_not_run_over_a_line_break(extracted):
    ex = extracted("Supply Lines\nOrvane Systems opened a plant.")
    assert "Orvane Systems" in {e.name for e in ex.entities}


# --- 7. names from reference data ---------------------------------------------------------
@pytest.mark.parametrize("text,name,form", [
    ("Lenses came from Nikon Corp and others.", "Nikon", "Nikon Corp"),
    ("Orders went to Qualcomm Inc last year.", "Qualcomm", "Qualcomm Inc"),
    ("Parts came from Orvane Labs and Nikon Ltd. in March.", "Nikon", "Nikon Ltd."),
    ("Buyers included Nvidia Corporation, the filing said.", "Nvidia", "Nvidia Corporation"),
])
def test_reference_names_keep_the_articles_form(extracted, text, name, form):
    (e,) = [e for e in extracted(text).entities if e.name == name]
    assert form == e.name or form in e.aliases


def test_people_capital_at_the_end_of_a_title_is_no_initial(extracted):
    """Regression: the "O" of "CEO" before a name is not an initial."""
    ex = extracted("Orvane Systems CEO Lars Petersen declined to comment.")
    assert ("Lars Petersen", "Person") in _typed(ex)


# --- 5. quotes ----------------------------------------------------------------------------
def _quotes(ex):
    names = {e.key: e.name for e in ex.entities}
    return [(names.get(q.speaker), q.text) for q in ex.quotes]


@pytest.mark.parametrize("text,speaker,starts", [
    # attribution after the quote, a title after the name
    ("Orvane Systems grew. “We will grow,” said Dana Whitfield, the chief executive of Orvane Systems.",
     "Dana Whitfield", "We will grow"),
    # "the minister said": the person named before
    ("Trade Minister P Ramadas visited the plant on Monday. “We will grow,” the minister said.",
     "P Ramadas", "We will grow"),
    ("Orvane Systems grew. “Prices will rise,” Dana Whitfield warned.", "Dana Whitfield", "Prices will rise"),
    ("Orvane Systems grew. Dana Whitfield was quoted as saying “prices will rise soon”.",
     "Dana Whitfield", "prices will rise soon"),
    ("Orvane Systems grew. “Prices will rise,” Dana Whitfield said in a statement.",
     "Dana Whitfield", "Prices will rise"),
    # single and mixed quote marks
    ("Orvane Systems grew. ‘Prices will rise,’ Dana Whitfield said.", "Dana Whitfield", "Prices will rise"),
    ("Orvane Systems grew. “Prices will rise,’ Dana Whitfield said.", "Dana Whitfield", "Prices will rise"),
    ("Lars Petersen, an analyst, said it was ‘a sign that we don’t need them”.", "Lars Petersen",
     "a sign that we don’t need them"),
    # a quote standing alone after the sentence that names its speaker
    ("According to Dana Whitfield, demand is strong.\n“We cannot keep up with orders.”",
     "Dana Whitfield", "We cannot keep up"),
    # a short fragment inside a sentence
    ("Dana Whitfield, a lawyer at Orvane Systems, called the rule “a blunt instrument”.",
     "Dana Whitfield", "a blunt instrument"),
    # honorifics and titles of other naming traditions
    ("“We will act,” said Datuk Seri Amran Yusof, the trade minister.", "Amran Yusof", "We will act"),
    ("“We will act,” said Tan Sri Amran Yusof on Monday.", "Amran Yusof", "We will act"),
    ("“We will act,” said Dr. Amran Yusof on Monday.", "Amran Yusof", "We will act"),
])
def test_quotes_attribution_forms(extracted, text, speaker, starts):
    assert any(s == speaker and q.startswith(starts) for s, q in _quotes(extracted(text)))


@pytest.mark.parametrize("text,words", [
    ("Orvane Systems grew. “Prices will rise,” Dana Whitfield said, “and buyers will wait.”",
     "Prices will rise, and buyers will wait."),
    ("Dana Whitfield, an analyst at Orvane Systems, spoke on Monday. “Prices will rise,” she added, "
     "“and soon.”", "Prices will rise, and soon."),
])
def test_quotes_split_by_attribution_is_one_quote_of_the_speakers_words(extracted, text, words):
    assert _quotes(extracted(text)) == [("Dana Whitfield", words)]


def test_quotes_not_given_to_a_person_of_the_next_sentence(extracted):
    ex = extracted("Dana Whitfield spoke first. “Prices will rise,” she said. "
                   "Lars Petersen, an analyst at Orvane Systems, disagreed.")
    assert all(s != "Lars Petersen" for s, _ in _quotes(ex))


def test_quotes_not_given_to_a_person_merely_mentioned(extracted):
    ex = extracted("“We will act,” he said last week, after Lars Petersen, an analyst at Orvane Systems, spoke.")
    assert _quotes(ex) == []


# --- 8. duplicates --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Buyers including Alibaba Group Holding Ltd. stockpiled chips. Alibaba said it trains models on them.",
    "Alibaba said it trains models on them. Alibaba Group Holding Ltd. stockpiled chips.",
    "Orvane Systems Group Holdings Ltd. filed first; Orvane Systems later said the filing was late.",
])
def test_duplicates_company_and_its_corporate_name_are_one(extracted, text):
    firms = [e for e in extracted(text).entities if e.type == "Company"]
    assert len(firms) == 1 and len(firms[0].mentions) == 2


def test_duplicates_different_firms_sharing_a_word_stay_apart(extracted):
    ex = extracted("Orvane Systems and Orvane Robotics both filed; Orvane Systems said the filing was late.")
    assert {"Orvane Systems", "Orvane Robotics"} <= {e.name for e in ex.entities}
