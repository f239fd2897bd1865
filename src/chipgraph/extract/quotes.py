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

import bisect
import re
from functools import cache

from ..model import Evidence, Quote
from .dictionary import alternation, lexicon
from .patterns import PARTY_FRAGMENT
from .patterns import roles as _roles
from .spans import Spans
from .terms import T

_DOUBLE = re.compile(r"[“\"]([^“”\"]+)[”\"]")
# single marks; an apostrophe inside a word does not close, and a ‘…” typo closes at the double mark
_SINGLE = re.compile(r"(?:(?<=\s)|^)(?:'((?:[^‘’'\n“”]|(?<=\w)[’'](?=\w)){2,200}?)[’'](?!\w)"
                     r"|‘((?:[^‘’'\n“”]|(?<=\w)[’'](?=\w)){2,200}?)”"
                     # a curly opening mark may hold a statement of several sentences
                     r"|‘((?:[^‘’'\n“”]|(?<=\w)[’'](?=\w)){2,900}?)[’'](?!\w))")
# a double quote closed by a single mark (“…,’ typo): the mark after a comma or stop, before a space
_SINGLE_CLOSE = re.compile(r"(?<=[,.!?])[’'](?=\s|$)")
# "the minister said", "the company's chief executive added": a description of a person named before
_DESCRIBED_SPEAKER = re.compile(r"\b[Tt]he\s+(?:[\w'’-]+\s+){0,3}$")
_TITLE_BEFORE = re.compile(r"\b(?:book|novel|film|movie|titled|entitled|dubbed|so-called|song|album|documentary|column|essay|podcast|series|show|program|programme|headline|hashtag|slogan|motto|called\s+it)\s*,?\s*$", re.I)
_TITLE_GAP = re.compile(r"\s+(?:[A-Z][\w.'’&-]*\s+)(?:(?:[A-Z][\w.'’&-]*|of|for|and|the)\s+){0,11}")
# verbs whose object is a listener, not the speaker ("X told Y", "asked Y")
_OBJECT_VERB = re.compile(r"(?:told|tells|asked|asks|urged|urges|informed|assured|reminded)\b")
_PRONOUN = re.compile(r"\b(he|she|they|He|She|They)\s*$")
# a noun right after a short quoted span makes the span a term that modifies it ("the “X” rule")
_TERM_NOUN_AFTER = re.compile(r"[ \u00a0]+(?:rules?|regulations?|policy|policies|lists?|laws?|strategy|approach|clauses?|"
                              r"provisions?|standards?|status|designations?|labels?|categor(?:y|ies)|doctrine|principle|"
                              r"framework|programs?|programmes?|initiatives?|campaigns?|tiers?|restrictions?|controls?)\b")


@cache
def _speech():
    lx = lexicon()
    verbs = alternation(lx["speech_verbs"] + lx["quote_verbs_extra"] + lx["quote_verbs_nonfinite"])
    return re.compile(rf"\b(?:{verbs})\b")


@cache
def _before_verb():
    """Auxiliaries and adverbs between a pronoun and its speech verb ("she has also said",
    "he again called", "she bluntly warned")."""
    words = alternation(lexicon()["adverbs_before_speech_verb"])
    return re.compile(rf"(?:\s+(?:{words}|[a-z]+ly))+\s*$")


def _verbs() -> str:
    return _speech().pattern[5:-3]


_MARKS = re.compile(r"[“”\"‘’']")
_OPEN_BEFORE = "([{<“‘—–-/"  # a straight mark after one of these (or a space) opens
_CLOSE_AFTER = ".,;:!?)]}>”’—–-/…"  # a straight mark before one of these (or a space) closes
# lines of a paragraph: news text keeps one paragraph per line; U+2028/2029 (and the other
# separators of str.splitlines) end a line as "\n" does
LINES = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _double_spans(para: str, base: int) -> list[tuple[int, int]]:
    """(start, end) of the top-level double-quoted stretches of ``para`` (inside the marks),
    document offsets.  One pass over the quote marks with a stack: “ opens, ” closes; a
    straight " opens after a space (or an opening bracket) before a word, and closes
    otherwise; inside a quote, “…”, ‘…’, '…' and "…" (opening as above) nest.  A quote is
    closed by either double mark (“…" and "…” are typos for one quote).  Quotes nested in a
    quote left open at the end of the paragraph stand on their own."""
    out: list[tuple[int, int]] = []
    stack: list[list] = []  # [kind "D"/"S", position of the opening mark, closed children]
    doubles = 0  # "D" entries on the stack
    n = len(para)

    def close(i: int) -> None:
        nonlocal doubles
        children: list = []
        while stack:
            kind, pos, kids = stack.pop()
            children += kids
            if kind == "D":
                doubles -= 1
                span = (base + pos + 1, base + i)
                if stack:
                    stack[-1][2].append(span)
                elif span[1] > span[0]:
                    out.append(span)
                return

    for m in _MARKS.finditer(para):
        i, ch = m.start(), m.group()
        left = para[i - 1] if i > 0 else " "
        right = para[i + 1] if i + 1 < n else " "
        opens = (left.isspace() or left in _OPEN_BEFORE) and not right.isspace()
        if ch == "“":
            stack.append(["D", i, []])
            doubles += 1
        elif ch == "”":
            if doubles:
                close(i)
        elif ch == '"':
            closes = not left.isspace() and left not in _OPEN_BEFORE and (right.isspace() or right in _CLOSE_AFTER or right in "\"'")
            if doubles and not (opens and not closes):
                close(i)
            elif not (closes and not opens):
                stack.append(["D", i, []])
                doubles += 1
        elif not doubles:
            continue  # single marks at the top level: see _SINGLE
        elif ch == "‘":
            stack.append(["S", i, []])
        elif ch == "’":
            if stack[-1][0] == "S":
                _, _, kids = stack.pop()
                stack[-1][2].extend(kids)
        elif stack[-1][0] == "S" and not left.isspace() and not (right.isalnum() or right == "_"):
            _, _, kids = stack.pop()
            stack[-1][2].extend(kids)
        elif opens and (right.isalnum() or right in "“‘"):
            stack.append(["S", i, []])
    if stack and stack[0][0] == "D" and (m := _SINGLE_CLOSE.search(para, stack[0][1] + 1)):
        # a double quote closed by a single mark: “…,’ X said
        out.append((base + stack[0][1] + 1, base + m.start()))
        return sorted(out)
    if stack and stack[0][0] == "D" and not para[:stack[0][1]].strip() and n - stack[0][1] > 20:
        # a paragraph that opens a quote and never closes it: a statement that goes on in
        # the next paragraph (the news convention for quotes of several paragraphs)
        return sorted(out + [(base + stack[0][1] + 1, base + n)])
    for _, _, kids in stack:  # left open: what they hold stands alone
        out.extend(x for x in kids if x[1] > x[0])
    return sorted(out)


def _spans(para: str, base: int) -> list[tuple[int, int]]:
    """(start, end) of the quoted text (inside the marks), document offsets."""
    out = _double_spans(para, base)
    starts = [s for s, _ in out]  # the spans are disjoint: their ends grow with their starts
    singles = []
    for m in _SINGLE.finditer(para):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        a, b = base + m.start(g), base + m.end(g)
        k = bisect.bisect_right(starts, a + 1)
        if not (k and b <= out[k - 1][1] + 1) and len(m.group(g).split()) <= (40 if g < 3 else 150):
            singles.append((a, b))
    return sorted(out + singles)


def quotes(ctx) -> list[Quote]:
    """Component: the document's direct quotes with their speakers (see the module docstring)."""
    text, sentences, index = ctx.text, ctx.sentences, ctx.index
    people = _People((c.start, c.end, L.entity.key) for L in ctx.linked if L.entity.type == T.Person for c in L.mentions)
    speech = _speech()
    found: list[Quote] = []
    paras = [(para, _spans(para.group(), para.start())) for para in LINES.finditer(text)]
    people.quoted = Spans(x for _, sp in paras for x in sp)
    people.sentences, people.index = sentences, index
    prev_para: tuple[str | None, list[str]] | None = None  # the last speaker of the paragraph before
    pending: list[tuple[str, int, int, int]] = []  # a paragraph-long quote left open, waiting for its speaker
    for pi, (para, spans) in enumerate(paras):
        first_end = dict(spans)
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
                if _attribution_sentence(gap) and not re.search(r"\w", text[b + 1:para.end()]):
                    # "…," X said. "…" closing the paragraph: the same statement goes on
                    merged[-1][1] = b
                    merged[-1].append((a, b))
                    continue
            merged.append([a, b])
        for item in merged:
            a, b = item[0], item[1]
            qtext = text[a:b].strip()
            if not qtext:
                continue
            if _title_before(text, para.start(), a - 1):
                continue
            if len(qtext.split()) <= 4 and _TERM_NOUN_AFTER.match(text, b + 1):
                continue  # a quoted term as a modifier: the "X" rule, the same "X" rules
            si = index.of(a)
            sent = sentences[si]
            inner = [(item[0], first_end[item[0]])] + [x for x in item[2:]] if len(item) > 2 else [(a, b)]
            speaker, alts, conf = _attribute(text, sent, a, b, people, speech, sentences, si, inner)
            last_si = index.of(inner[0][1])
            if speaker is None and last_si > si:
                # a quote of several sentences, attributed after its last one
                speaker, alts, conf = _attribute(text, sentences[last_si], a, b, people, speech, sentences,
                                                 last_si, inner)
            if speaker is None and last_si + 1 < len(sentences) and \
                    _attribution_follows(text, sentences[last_si + 1], inner[-1][1] if len(item) > 2 else b):
                # "…?” Name asked." read as two sentences: the attribution is the next one
                nxt = sentences[last_si + 1]
                speaker, alts, conf = _attribute(text, nxt, a, b, people, speech, sentences, last_si + 1, inner)
            if speaker is None and si > 0 and _stands_alone(text, sent, a, b) and _stands_alone(text, sentences[last_si], a, b) and \
                    not _MARKS_DOUBLE.search(sentences[si - 1].text):
                # a quote on its own after a sentence that names its speaker ("According to X, …")
                prev = sentences[si - 1]
                speaker, alts, conf = _attribute(text, prev, prev.end, prev.end, people, speech, sentences, si - 1)
                conf = min(conf, 0.65)
            if speaker is None and prev_speaker is not None:
                speaker, alts = prev_speaker
                conf = 0.6
            if speaker is None and prev_para is not None and item is merged[0] and len(qtext.split()) >= 6 and \
                    not text[para.start():a - 1].strip() and not _verb_outside(text, sentences, index, a, b, speech):
                # a paragraph opening with an unattributed statement (six words or more: not a
                # bare exclamation) goes on with the speaker of the paragraph before
                speaker, alts = prev_para
                conf = 0.55
            if speaker is None and pi == 0 and not text[para.start():a - 1].strip() and \
                    not re.search(r"\w", text[b + 1:para.end()]):
                # a headline that is a quote: its speaker is the first one the body attributes
                speaker, alts = _first_speaker(text, sentences, people, speech, para.end())
                conf = 0.5
            opens_para = item is merged[0] and not text[para.start():a - 1].strip()
            if speaker is None:
                if opens_para and b == para.end() and len(qtext.split()) >= 6:
                    pending.append((qtext, si, a, b))
                continue
            if pending and opens_para:
                # the paragraph before opened this speaker's statement and left it open
                found.extend(Quote(speaker, t, Evidence(psi, pa, pb), 0.55, alts) for t, psi, pa, pb in pending)
            pending = []
            prev_speaker = (speaker, alts)
            if len(item) > 2:  # a quote split by its attribution: the speaker's words only
                qtext = " ".join(text[x:y].strip() for x, y in inner)
            found.append(Quote(speaker, qtext, Evidence(si, a, b), conf, alts))
        prev_para = _paragraph_speaker(text, para, found, people)
        if pending and pending[-1][2] < para.start():
            pending = []  # the open quote was not taken up by the paragraph right after it
    found.sort(key=lambda q: q.evidence.start)
    return found


def _attribution_sentence(gap: str) -> bool:
    """``gap`` (between two quotes) is a closing mark's comma and a short attribution
    ending in a full stop: ',” X said.', ',” said X, a lawmaker who ….' (no other clause)."""
    g = gap.strip()
    if not g.endswith(".") or len(g) > 160 or re.search(r"[“”\"]", g):
        return False
    return bool(re.match(r"^[,.!?]?\s*(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:,[^,.“”\"]{1,80},)?\s+|he\s+|she\s+|they\s+)?(?:"
                         + _verbs() + r")\b", g))


def _attribution_follows(text: str, nxt, b: int) -> bool:
    """The sentence ``nxt`` starts right after the quote closing at ``b`` and is a short
    attribution: a speech verb among its first words ("she asked.", "Name said on Monday.")."""
    if re.search(r"\w", text[b:nxt.start]) or len(nxt.text.split()) > 16:
        return False
    m = _speech().search(nxt.text)
    return m is not None and len(nxt.text[:m.start()].split()) <= 5


def _verb_outside(text, sentences, index, a, b, speech) -> bool:
    """A speech verb in the quote's first or last sentence, outside the quote."""
    for si in {index.of(a), index.of(b)}:
        sent = sentences[si]
        for m in speech.finditer(text, sent.start, sent.end):
            if not (a - 1 <= m.start() <= b + 1):
                return True
    return False


def _paragraph_speaker(text, para, found, people):
    """The speaker a following paragraph may go on with: the speaker of this paragraph's last
    quote when no other person is named after that quote."""
    if not found or not (para.start() <= found[-1].evidence.start < para.end()):
        return None
    q = found[-1]
    after = [k for k in people.between(q.evidence.end, para.end()) if people[k][2] != q.speaker]
    return None if after else (q.speaker, q.alt_speakers)


def _first_speaker(text, sentences, people, speech, pos):
    """The speaker of the first attribution after ``pos``: a person right before a speech verb."""
    for m in speech.finditer(text, pos):
        p = people.last_ending_by(m.start(), outside_quotes=True)
        if p is not None and p[0] >= pos and len(text[p[1]:m.start()]) <= 100 and \
                not re.search(r"[.;“”\"]", text[p[1]:m.start()]):
            return p[2], []
    return None, []


_MARKS_DOUBLE = re.compile(r"[“”\"]")


def _stands_alone(text: str, sent, a: int, b: int) -> bool:
    """The quote is all of its sentence but for marks and spaces.  (Its speaker may be named in
    the sentence before, when that sentence quotes no one: "According to X, …".)  A quote of
    several sentences is read in its first and in its last sentence."""
    return not re.search(r"\w", text[max(sent.start, 0):a] if a >= sent.start else "") and \
        not re.search(r"\w", text[b:sent.end])


def _title_before(text: str, lo: int, hi: int) -> bool:
    """``_TITLE_BEFORE`` ends ``text[lo:hi]`` ("the book “…”"): read over the spaces and
    comma before the quote, then a short window (not the whole paragraph: a paragraph of
    many quotes would be read again for each)."""
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j > lo and text[j - 1] == ",":
        j -= 1
        while j > lo and text[j - 1].isspace():
            j -= 1
    return _TITLE_BEFORE.search(text, max(lo, j - 40), hi) is not None


class _People(list):
    """Person mentions ``(start, end, key)`` in document order, with their starts for
    bisection: a quote reads only the people near it, not the whole document's."""

    def __init__(self, items) -> None:
        super().__init__(sorted(items))
        self.starts = [p[0] for p in self]

    def between(self, lo: int, hi: int) -> range:
        """Indexes of the mentions starting in [lo, hi]."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi))

    quoted: Spans | None = None  # the document's quoted stretches
    sentences = None  # the document's sentences and their index (for pronouns)
    index = None

    def last_ending_by(self, pos: int, outside_quotes: bool = False):
        """The last mention (in document order) that ends at or before ``pos`` (with
        ``outside_quotes``, the last not inside a quotation: "he" is not a name he quoted)."""
        for k in range(bisect.bisect_right(self.starts, pos) - 1, -1, -1):
            if self[k][1] <= pos and not (outside_quotes and self.quoted is not None
                                          and self.quoted.overlaps(self[k][0], self[k][1])):
                return self[k]
        return None


def _antecedent(text, people, pos, pronoun):
    """The person a pronoun at ``pos`` stands for.  A person named earlier in its own
    sentence; else the first person named (outside quotes) in the nearest sentence before
    that names one: the subject of a sentence is named first more often than not ("X urged
    Y to act. She said …" is X).  A sentence in which the same pronoun comes before its
    first name continues the chain: its names are objects ("She blamed X. She said …"), so
    the reading goes on to the sentence before."""
    sentences, index = people.sentences, people.index
    if sentences is None:
        return _last_before(people, pos)
    si = index.of(pos)

    def named(j, hi):
        s = sentences[j]
        return [people[k] for k in people.between(s.start, hi)
                if people[k][1] <= hi and not people.quoted.overlaps(people[k][0], people[k][1])]

    own = named(si, pos)
    if own:
        return own[-1][2]
    word = re.compile(rf"\b{pronoun}\b", re.I)
    for j in range(si - 1, max(-1, si - 8), -1):
        s = sentences[j]
        found = named(j, s.end)
        head = text[s.start:found[0][0]] if found else text[s.start:s.end]
        chained = any(not people.quoted.overlaps(m.start(), m.end()) for m in word.finditer(head))
        if chained:
            continue
        if found:
            return found[0][2]
    return _last_before(people, pos)


def _last_before(people, pos):
    p = people.last_ending_by(pos, outside_quotes=True)
    return p[2] if p else None


def _group(text, people, anchor_end, sent_start):
    """People coordinated right before ``anchor_end`` ("X and Y", "Reps. X, R-Wis., and Y")."""
    found = []
    pos = anchor_end
    for k in reversed(people.between(sent_start, anchor_end)):
        p = people[k]
        if p[1] > anchor_end:
            continue
        gap = text[p[1]:pos]
        if not found:
            if re.fullmatch(r"(?:\s*,\s*" + PARTY_FRAGMENT + r"\s*,?)?\s*(?:,[^,;]{0,80},\s*)?", gap) or not gap.strip():
                found.append(p[2])
                pos = p[0]
                continue
            break
        if re.fullmatch(r"(?:\s*,\s*" + PARTY_FRAGMENT + r"\s*)?,?\s+(?:and|&)\s+(?:(?:Sens?|Reps?|Gov|Dr|Mr|Ms|Mrs)\.\s+)?", gap) or re.fullmatch(r"\s*,\s*", gap):
            found.append(p[2])
            pos = p[0]
        else:
            break
    found.reverse()
    return found


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
    # "X put it bluntly: “…”": a colon before the quote; its sentence's subject speaks
    lead = text[sent.start:a]
    if re.search(r":\s*[“\"‘']?\s*$", lead) and not re.search(r"[“”\"]", lead[:-2]):
        first = next((people[k] for k in people.between(sent.start, a) if people[k][1] <= a), None)
        if first is not None and len(text[sent.start:first[0]].split()) <= 8:
            return first[2], [], 0.6
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
    told = _OBJECT_VERB.match(text, vs, ve) is not None
    if told and text[vs:ve] in ("asked", "asks") and qb <= vs and not re.search(r"\w", text[qb:vs]):
        told = False  # "“…?” asked X": right after the question, X asks it
    if told:  # "X told Y": the teller speaks, not the one told
        last = people.last_ending_by(vs)
        if last is not None and last[1] >= sent.start and not text[last[1]:vs].strip():
            return last[2], []
    for k in people.between(ve, min(ve + 119, sent.end - 1)):  # not a name of the next sentence
        p = people[k]
        if told:
            break
        if ve <= p[0] < ve + 3:
            return p[2], []
        # "said Deputy Minister of Trade and Fisheries A B": a title with its portfolio in between
        if ve < p[0] < ve + 120 and _TITLE_GAP.fullmatch(text[ve:p[0]]):
            return p[2], []
    left = text[max(sent.start, vs - 200):vs]  # (a window: a long sentence is not read again for each verb)
    # pronoun subject right before the verb
    pm = _PRONOUN.search(_before_verb().sub(" ", left))
    if pm:
        if pm.group(1).lower() == "they":
            grp = _last_group(text, people, vs)
            if grp:
                return grp[0], grp[1:]
        last = _antecedent(text, people, vs, pm.group(1).lower())
        return (last, []) if last else None
    # "according to him, …"
    om = re.match(r"\s+(him|her)\b", text[ve:ve + 5])
    if om and text[vs:ve].lower() == "according to":
        last = _antecedent(text, people, vs, "he" if om.group(1) == "him" else "she")
        return (last, []) if last else None
    # "the minister said": the person named last before (in this sentence or an earlier one)
    dm = _DESCRIBED_SPEAKER.search(left)
    if dm and _roles().search(left[dm.start():]):
        last = _last_before(people, vs)
        if last:
            return last, []
    # named subject before the verb (an apposition may come between)
    p = next((people[k] for k in reversed(people.between(sent.start, vs))
              if people[k][1] <= vs and not (qa - 1 <= people[k][0] <= qb + 1)), None)
    if p is not None:
        # "A, who represents B, told …": the person before the relative clause speaks
        for k in reversed(people.between(sent.start, p[0])):
            q = people[k]
            if q[1] <= p[0] and re.fullmatch(r"\s*,\s*(?:who|whose)\b[^,;“”\"]{0,120},\s*", text[q[1]:vs]):
                p = q
                break
        gap = text[p[1]:vs]
        if len(gap) <= 140 and not re.search(r"[“”\"]", gap):
            grp = _group(text, people, p[1], sent.start)
            if grp and grp[-1] == p[2] and len(grp) > 1:
                return grp[0], grp[1:]
            return p[2], []
    return None


def _last_group(text, people, pos):
    last = people.last_ending_by(pos)
    if last is None:
        return None
    grp = _group(text, people, last[1], 0)
    return grp if len(grp) > 1 else None
