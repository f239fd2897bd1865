"""Direct quotes and their speakers.

Quotes are found per paragraph (a quote may run over several sentences): curly and straight
double quotes, and single quotes that open after a space.  The speaker comes from a speech
verb in the quote's sentence (the verb nearest the quote): its subject or inverted subject
("X said", "said X", "X, the CEO of Y, told Z"), a pronoun resolved to the last named person,
or a plural subject ("X and Y said", "they") giving a joint quote.  A quote without a verb
takes the speaker of the previous sentence ending in "X said:" or of the previous quote in
the paragraph.  A quote split by its attribution ("…," X said, "…") is merged.  Titles
("the book “Chip War”") and quotes without a named Person are skipped.
"""
from __future__ import annotations

import re
from functools import cache

from ..model import Evidence, Quote
from .dictionary import alternation, lexicon

_DOUBLE = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_SINGLE = re.compile(r"(?:(?<=\s)|^)[‘']([^‘’'\n]{2,200}?)[’'](?!\w)")
_TITLE_BEFORE = re.compile(r"\b(?:book|novel|film|movie|titled|entitled|dubbed|so-called|song|album|documentary|column|essay|podcast|series|show|program|programme|headline|hashtag|slogan|motto|called\s+it)\s*,?\s*$", re.I)
_TITLE_GAP = re.compile(r"\s+(?:[A-Z][\w.'’&-]*\s+){1,6}")
_PRONOUN = re.compile(r"\b(he|she|they|He|She|They)\s*$")


@cache
def _speech():
    lx = lexicon()
    verbs = alternation(lx["speech_verbs"] + ["saying", "adding", "writing", "telling", "according to"])
    return re.compile(rf"\b(?:{verbs})\b")


def _verbs() -> str:
    return _speech().pattern[5:-3]


def _spans(para: str, base: int) -> list[tuple[int, int]]:
    """(start, end) of the quoted text (inside the marks), document offsets."""
    out = [(base + m.start(1), base + m.end(1)) for m in _DOUBLE.finditer(para)]
    for m in _SINGLE.finditer(para):
        a, b = base + m.start(1), base + m.end(1)
        if not any(s - 1 <= a and b <= e + 1 for s, e in out) and len(m.group(1).split()) <= 40:
            out.append((a, b))
    return sorted(out)


def find_quotes(text, sentences, index, linked) -> list[Quote]:
    people = []  # (start, end, key) of person mentions, document order
    for L in linked:
        if L.entity.type == "Person":
            people += [(c.start, c.end, L.entity.key) for c in L.mentions]
    people.sort()
    speech = _speech()
    quotes: list[Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        spans = _spans(para.group(), para.start())
        prev_speaker: tuple[str | None, list[str]] | None = None
        merged: list[list[int]] = []
        for a, b in spans:
            if merged:
                gap = text[merged[-1][1] + 1:a - 1]
                if re.fullmatch(r",?\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|he|she|they)\s+(?:"
                                + _verbs() + r")(?:\s+[\w.'’-]+){0,4}?\s*[,:]\s*", gap) or \
                        re.fullmatch(r",?\s*(?:" + _verbs() + r")\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*,\s*", gap):
                    merged[-1][1] = b
                    merged[-1].append((a, b))
                    continue
            merged.append([a, b])
        for item in merged:
            a, b = item[0], item[1]
            qtext = text[a:b].strip()
            if not qtext:
                continue
            before = text[para.start():a - 1]
            if _TITLE_BEFORE.search(before):
                continue
            si = index.of(a)
            sent = sentences[si]
            inner = [(item[0], _first_end(text, item[0]))] + [x for x in item[2:]] if len(item) > 2 else [(a, b)]
            speaker, alts, conf = _attribute(text, sent, a, b, people, speech, sentences, si, inner)
            if speaker is None and prev_speaker is not None:
                speaker, alts = prev_speaker
                conf = 0.6
            if speaker is None:
                continue
            prev_speaker = (speaker, alts)
            quotes.append(Quote(speaker, qtext.replace("”", "").replace("“", "") if len(item) > 2 else qtext,
                                Evidence(si, a, b), conf, alts))
    return quotes


def _people_in(people, start, end):
    return [p for p in people if start <= p[0] and p[1] <= end]


def _last_before(people, pos):
    prev = [p for p in people if p[1] <= pos]
    return prev[-1][2] if prev else None


def _group(text, people, anchor_end, sent_start):
    """People coordinated right before ``anchor_end`` ("X and Y", "Reps. X, R-Wis., and Y")."""
    found = []
    pos = anchor_end
    for p in reversed([p for p in people if sent_start <= p[0] and p[1] <= anchor_end]):
        gap = text[p[1]:pos]
        if not found:
            if re.fullmatch(r"(?:\s*,\s*\(?[RDI]-[\w.]+\)?\s*,?)?\s*(?:,[^,;]{0,80},\s*)?", gap) or not gap.strip():
                found.append(p[2])
                pos = p[0]
                continue
            break
        if re.fullmatch(r"(?:\s*,\s*\(?[RDI]-[\w.]+\)?\s*)?,?\s+(?:and|&)\s+(?:(?:Sens?|Reps?|Gov|Dr|Mr|Ms|Mrs)\.\s+)?", gap) or re.fullmatch(r"\s*,\s*", gap):
            found.append(p[2])
            pos = p[0]
        else:
            break
    found.reverse()
    return found


def _first_end(text, a):
    m = re.compile(r"[”\"]").search(text, a)
    return m.start() if m else a


def _attribute(text, sent, a, b, people, speech, sentences, si, inner=None):
    # candidate speech verbs outside quotes in this sentence
    outside = []
    inner = inner or [(a, b)]
    s_text = text[sent.start:sent.end]
    for m in speech.finditer(s_text):
        pos = sent.start + m.start()
        if any(x - 1 <= pos <= y + 1 for x, y in inner):
            continue
        outside.append((pos, sent.start + m.end()))
    if outside:
        # nearest verb: prefer one before the quote in the same clause
        b = inner[0][1]  # a split quote is attributed in its first gap
        pre = [v for v in outside if v[1] <= a]
        post = [v for v in outside if v[0] >= b]
        cands = ([min(post, key=lambda v: v[0] - b)] if post and (post[0][0] - b) < 6 else []) + \
                ([max(pre, key=lambda v: v[0])] if pre else []) + post
        for vs, ve in cands:
            spk = _subject(text, sent, vs, ve, people, a, b)
            if spk:
                return spk[0], spk[1], 0.85
    # "X said:" ending the previous sentence
    if si > 0:
        prev = sentences[si - 1]
        m = re.search(r"(?:" + _verbs() + r")\s*:\s*$", prev.text)
        if m:
            spk = _subject(text, prev, prev.start + m.start(), prev.start + m.end(), people, prev.end, prev.end)
            if spk:
                return spk[0], spk[1], 0.7
    return None, [], 0.0


def _subject(text, sent, vs, ve, people, qa, qb):
    """The speaker of the speech verb at [vs, ve)."""
    # inverted: said X / said X, the ...
    after = text[ve:ve + 60]
    for p in people:
        if ve <= p[0] < ve + 3:
            return p[2], []
        # "said Assistant Attorney General John Eisenberg": a capitalised title in between
        if ve < p[0] < ve + 60 and _TITLE_GAP.fullmatch(text[ve:p[0]]):
            return p[2], []
    left = text[sent.start:vs]
    # pronoun subject right before the verb
    pm = _PRONOUN.search(re.sub(r"\s+(?:also|then|later|has|had|have|was|were|would|later|once|previously)\s*$", " ", left))
    if pm:
        if pm.group(1).lower() == "they":
            grp = _last_group(text, people, vs)
            if grp:
                return grp[0], grp[1:]
        last = _last_before(people, vs)
        return (last, []) if last else None
    # named subject before the verb (an apposition may come between)
    cands = [p for p in people if sent.start <= p[0] and p[1] <= vs and not (qa - 1 <= p[0] <= qb + 1)]
    if cands:
        p = cands[-1]
        gap = text[p[1]:vs]
        if len(gap) <= 140 and not re.search(r"[“”\"]", gap):
            grp = _group(text, people, p[1], sent.start)
            if grp and grp[-1] == p[2] and len(grp) > 1:
                return grp[0], grp[1:]
            return p[2], []
    return None


def _last_group(text, people, pos):
    prev = [p for p in people if p[1] <= pos]
    if not prev:
        return None
    grp = _group(text, people, prev[-1][1], 0)
    return grp if len(grp) > 1 else None
