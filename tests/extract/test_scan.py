"""A Scanner yields exactly what ``finditer`` of its own pattern yields: on sentences written
for the purpose, on random texts built from a name-and-cue vocabulary, and on every article
text the repository and ``../shared`` hold."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import REPO, require_shared

from chipgraph.extract import controls, government, organizations
from chipgraph.extract.scan import NameThenCue, Scanner, WordFirst, first_words, whole_words


def _all(scanner: Scanner, text: str) -> list:
    return [(m.span(), m.groups()) for m in scanner.finditer(text)]


def _reference(scanner: Scanner, text: str) -> list:
    return [(m.span(), m.groups()) for m in scanner.pattern.finditer(text)]


def _extractor_scanners() -> dict[str, Scanner]:
    out = {f"organizations.{k}": v for k, v in organizations._lex().items() if isinstance(v, Scanner)}
    out.update({f"government.{k}": v for k, v in government._lex().items() if isinstance(v, Scanner)})
    out["government.lower_heads"] = government._lower_patterns()[0]
    out.update({f"controls.{k}": v for k, v in controls._patterns().items() if isinstance(v, Scanner)})
    return out


_NAME = r"[A-Z][\w.'’-]*+(?:[ \u00a0]+(?:(?:of|and)[ \u00a0]+)?[A-Z][\w.'’-]*+){0,4}"
_TOY = Scanner(
    NameThenCue(r"(?<![\w.’'-])", _NAME, r"\s*,\s*(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:firm|maker|lab)\b"),
    NameThenCue(r"\b", _NAME, r"\s+\(([A-Z]{2,5})\)"),
    WordFirst(rf"\b(?i:chief executive|founder|analyst)s?\s+(?:of|at)\s+({_NAME})", ["chief", "founder", "analyst"]),
)

SENTENCES = [
    "Zorblat Quorvex, a chip maker, said on Monday it would grow.",
    "Zorblat , a firm, and Quorvex Labs, the biggest lab in Varda, agreed.",
    "The Varda Institute of Widget Studies (VIWS) and Quorvex (QX) met.",
    "A founder of Zentrino Works and the chief executive at Quorvex Systems spoke.",
    "Founders at Acme, analysts of Zorblat Capital, a firm, and Varda.",
    "no names at all here, a firm, a lab (AB) and, the maker",
    "Quorvex\nZentrino, a maker of tools",  # a name never runs over a line break
    "Acme and Widget Co., a firm in Ruritania, and Acme of Varda, the lab",
    "X, a firm, Y, a firm, Z, a firm",
    "Chief Executive of Quorvex, a firm (QF)",
    "’Quorvex Zentrino, a firm",
    "Mc Quorvex's, a firm; O'Zentrino, the maker; Varda-Quorvex, a lab",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_toy_scanner_matches_finditer(text):
    assert _all(_TOY, text) == _reference(_TOY, text)


def test_toy_scanner_finds_each_shape():
    got = [m.group(0) for m in _TOY.finditer(SENTENCES[2] + " " + SENTENCES[3] + " " + SENTENCES[0])]
    assert got == ["The Varda Institute of Widget Studies (VIWS)", "Quorvex (QX)",
                   "founder of Zentrino Works", "chief executive at Quorvex Systems", "Zorblat Quorvex, a chip maker"]


def test_random_texts_match_finditer():
    vocab = ["Zorblat", "Quorvex", "Varda", "Acme", "of", "and", "the", "a", "firm", "maker", "lab", "chief",
             "executive", "founder", "analysts", "at", "of", ",", ", a", ", the", "(QX)", "(AB)", "\n", "said",
             "Co.", "U.S.", "’s", "-", "big", "Labs"]
    rng = random.Random(20261204)
    for _ in range(3000):
        words = [rng.choice(vocab) for _ in range(rng.randint(1, 30))]
        text = "".join(w if w in (",", ", a", ", the", "\n", "’s") else " " + w for w in words)
        assert _all(_TOY, text) == _reference(_TOY, text), text


@pytest.mark.parametrize("name", sorted(_extractor_scanners()))
def test_extractor_scanners_match_finditer_on_sentences(name):
    scanner = _extractor_scanners()[name]
    for text in SENTENCES + [
        "Shares of Quorvex Labs fell; Zorblat’s shares rose and Varda's quarterly report was late.",
        "Quorvex, which makes memory chips, and Zentrino, which is based in Varda, were named.",
        "Ruritania's Quorvex said it and Varda’s trade ministry would meet the Zorblat Agency.",
        "the Varda Trade Bureau, the commerce ministry and the Office of Widget Control spoke.",
        "Zorblat analysts and Quorvex Capital economists said the chipmaker Varda Labs, a rival, grew.",
        "Ruritania's new export controls and the 1260H list banned sales; the Widget Act restricts exports.",
    ]:
        assert _all(scanner, text) == _reference(scanner, text), text


def _article_texts() -> list[Path]:
    return sorted((REPO / "tests" / "fixtures").glob("*/*.txt"))


def test_extractor_scanners_match_finditer_on_fixture_articles():
    texts = [p.read_text(encoding="utf-8") for p in _article_texts()]
    assert len(texts) > 100
    found = 0
    for name, scanner in _extractor_scanners().items():
        for text in texts:
            got = _all(scanner, text)
            assert got == _reference(scanner, text), name
            found += len(got)
    assert found > 500  # the scanners do find things on real text


def test_extractor_scanners_match_finditer_on_shared_corpus():
    corpus = require_shared("corpus")
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*.txt"))]
    assert texts
    for name, scanner in _extractor_scanners().items():
        for text in texts:
            assert _all(scanner, text) == _reference(scanner, text), name


def test_first_words():
    assert first_words(["co-founder", "chief executive", "U.S.", "analyst", "1260H list"]) == {
        "co", "chief", "u", "analyst", "1260h"}
    with pytest.raises(ValueError, match="does not open with a letter or a digit"):
        first_words(["(the) list"])


def _whole_words_reference(text, words, after):
    from chipgraph.extract.dictionary import alternation
    pat = __import__("re").compile(r"\b(" + alternation(words) + r")\b" + (f"(?!{after})" if after else ""))
    return [(m.start(), m.end(), m.group()) for m in pat.finditer(text)]


@pytest.mark.parametrize("after", [None, r"\s+[A-Z][a-z]", r"\s+[A-Z]"])
def test_whole_words_matches_the_alternation_pattern(after):
    import re
    not_after = re.compile(after) if after else None
    cases = [
        ("Zorblat said Zorblat Labs and Zorblatt met; _Zorblat, Zorblat_ and 5Zorblat.", ["Zorblat", "Zorblatt"]),
        ("Li and Lin met Li Na; O'Brien, O’Brien and Jr. or Jr.Smith.", ["Li", "Lin", "O'Brien", "Jr.", "Jr"]),
        ("Ng Ng Ng, ng, NG", ["Ng"]),
        ("Müller and Müllers; Zoë", ["Müller", "Zoë"]),
        ("", ["Acme"]),
    ]
    for text, words in cases:
        assert whole_words(text, words, not_after) == _whole_words_reference(text, words, after), text


def test_whole_words_on_article_texts():
    import re
    rng = random.Random(7)
    after = r"\s+[A-Z][a-z]"
    for p in _article_texts()[::3]:
        text = p.read_text(encoding="utf-8")
        caps = re.findall(r"[A-Z][\w.'’-]*", text)
        words = rng.sample(caps, min(12, len(caps)))
        assert whole_words(text, words, re.compile(after)) == _whole_words_reference(text, words, after), p.name


def test_beside_a_name_matches_the_regex_on_article_texts():
    import re

    from chipgraph.extract.organizations import _beside_a_name
    rng = random.Random(11)
    checked = 0
    for p in _article_texts()[::2]:
        text = p.read_text(encoding="utf-8")
        words = sorted(set(re.findall(r"\b[A-Z][A-Za-z]*\d*[A-Za-z\d]*\b|\b[A-Z\d]{2,6}\b", text)))
        for name in rng.sample(words, min(15, len(words))) + ["Zorblat"]:
            expected = bool(re.search(rf"[A-Z][\w.]*[ \u00a0]+{re.escape(name)}\b|\b{re.escape(name)}[ \u00a0]+[A-Z][a-z]", text))
            assert _beside_a_name(name, text) == expected, (p.name, name)
            checked += expected
    assert checked > 50
