"""Hostile and very large inputs: extraction time grows about linearly with the text, and
nested or mixed quote marks are read as one quote.

Times are compared as ratios (CPU time of 8x the text over 1x, best of a few runs), not
against the clock: a quadratic step makes the ratio about 64, a linear one about 8. The bound
is 28, about the geometric midpoint: a loaded machine once pushed a linear case to 18.5.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from chipgraph.extract import extract
from chipgraph.model import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _cpu(text: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        extract(Document("t", text))
        best = min(best, time.process_time() - t0)
    return best


def _ratio(make, n: int, factor: int = 8) -> float:
    extract(Document("warmup", "Nvidia sells H100 chips to China."))
    small = _cpu(make(n))
    big = _cpu(make(n * factor), runs=3)
    return big / max(small, 1e-3)


PATHOLOGICAL = {
    # no sentence break: every mention pair of one huge "sentence"
    "no_breaks": lambda n: ("Nvidia H100 chips China " * (n // 24 + 1))[:n],
    # mentions and clause marks, no stop
    "lists": lambda n: ("Huawei, SMIC, Nvidia and AMD use A100 chips; " * (n // 45 + 1))[:n],
    # quote marks nested thousands deep
    "nested_curly": lambda n: "“" * (n // 2) + "x" + "”" * (n // 2),
    "straight_quotes": lambda n: '"' * n,
    "quotes_and_speakers": lambda n: ('"Yes," said Ravi Patel, "we ' * (n // 28 + 1))[:n],
    # capitalised one-letter tokens: organization and person patterns
    "capitals": lambda n: "A " * (n // 2),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_text_is_not_quadratic(name):
    ratio = _ratio(PATHOLOGICAL[name], 8_000)
    assert ratio <= 28, f"{name}: 8x the text took {ratio:.1f}x the time"


def test_long_sentences_are_cut_but_normal_ones_are_not():
    x = extract(Document("t", ("Nvidia H100 chips China " * 1000)))
    assert all(len(s.text) <= 3000 for s in x.sentences) and len(x.sentences) >= 8
    # evidence grows with the text, not with the pairs of mentions in it
    y = extract(Document("t", ("Nvidia H100 chips China " * 8000)))
    evidence = [sum(len(r.evidence) for r in z.relations) for z in (x, y)]
    assert evidence[1] <= 10 * evidence[0]
    normal = "Nvidia's H100 chips, which DeepSeek used, were banned by the US, " * 20 + "it said."
    assert len(extract(Document("t", normal)).sentences) == 1


def _articles() -> str:
    texts = [p.read_text(encoding="utf-8") for d in ("heldout", "heldout2", "heldout3")
             for p in sorted((FIXTURES / d).glob("*.txt"))]
    return "\n\n".join(texts)


@pytest.mark.slow
def test_megabyte_article_is_about_linear():
    base = _articles()

    def make(n):
        return (base * (n // len(base) + 1))[:n]

    extract(Document("warmup", base))
    small = _cpu(make(250_000), runs=2)
    big = _cpu(make(2_000_000), runs=1)
    if big / small > 12:  # a noisy machine: measure once more before failing
        big = min(big, _cpu(make(2_000_000), runs=1))
    assert big / small <= 12, f"2 MB took {big:.1f} s, 250 KB {small:.2f} s"


# --- quotes: nested and mixed marks, line separators


def _quotes(text):
    return [(q.speaker, q.text) for q in extract(Document("t", text)).quotes]


def test_curly_quote_inside_straight_quote():
    qs = _quotes('"The so-called “chip diffusion” rule is unworkable," said Dana Whitcombe.')
    assert qs == [("dana-whitcombe", "The so-called “chip diffusion” rule is unworkable,")]


def test_curly_quote_inside_curly_quote_keeps_the_whole_quote():
    qs = _quotes("“The “unworkable” rule will hurt us,” said Dana Whitcombe.")
    assert qs == [("dana-whitcombe", "The “unworkable” rule will hurt us,")]


def test_straight_quote_inside_straight_quote_is_one_quote():
    qs = _quotes('Orrin Blake, a lawyer, spoke on Monday. "The so-called "chip diffusion" rule is '
                 'unworkable," said Dana Whitcombe.')
    assert qs == [("dana-whitcombe", 'The so-called "chip diffusion" rule is unworkable,')]


def test_single_quotes_nest_inside_double_quotes():
    qs = _quotes("“They called it ‘a blockade’ and walked out,” said Dana Whitcombe.\n"
                 "\"It is 'final',\" Orrin Blake said.")
    assert qs == [("dana-whitcombe", "They called it ‘a blockade’ and walked out,"),
                  ("orrin-blake", "It is 'final',")]


def test_split_quote_with_a_nested_quote():
    qs = _quotes("“We will comply,” Lars Pedersen said, “but the “interim” rule hurts.”")
    assert qs == [("lars-pedersen", "We will comply, but the “interim” rule hurts.")]  # the speaker's words only


def test_inch_marks_are_no_quotes():
    assert _quotes('A 12" wafer and an 8" wafer cost more, said Dana Whitcombe.') == []


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\r\n"])
def test_line_separators_end_paragraphs_like_newlines(sep):
    lines = ["Mira Castell, an analyst at Fictive Capital, spoke on Monday.",
             "“Demand will stay strong,” she said.",
             "“Prices will fall,” said Orrin Blake, a trade lawyer.",
             "“Nobody knows.”"]
    expected = _quotes("\n".join(lines))
    assert expected == [("mira-castell", "Demand will stay strong,"), ("orrin-blake", "Prices will fall,")]
    assert _quotes(sep.join(lines)) == expected
