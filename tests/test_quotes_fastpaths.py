"""The speed-ups in newslib.quotes give exactly what the plain rules give.

Each fast path (the gap-capturing tokenizer behind _words, the paragraph skip in _scan_quotes,
the cached name parts behind _Ctx.canonical, the two-word role test in _role_in) is checked
against the straightforward version on generated text made of the pieces that matter to it:
quotation marks and apostrophes, names and titles, role words, long tokens, every kind of
whitespace, punctuation and non-ASCII letters.
"""
from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslib import quotes as Q
from newslib.article import parse_article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

PIECES = [
    "Smith", "Jane", "Doe", "Mr.", "Ms", "Dr.", "President", "Xi", "Jinping", "Bank", "of", "Japan", "BoJ", "the",
    "The", "said", "told", "according", "to", "analyst", "analysts", "chief", "executive", "officer", "vice",
    "president", "presidents", "spokeswoman", "co-founder", "and", "at", "Omdia", "U.S.", "O'Neil", "Smith’s",
    "company's", "a" * 70, "X" + "y" * 65, "3.5%", "2021", "é", "İ", "٣", "naïve", "\u00a0", "\u2009", "\u202f",
    "\n", "\n\n", "\t", " ", "  ", "\r", "-", "—", "–", ",", ".", ";", ":", "(", ")", "&", "_", "\"", "“", "”",
    "'", "‘", "’", "''", "«", "»", "„", "‹", "›", "•", "*", "de", "van", "von", "der", "al", "bin", "la", "Le",
    "du", "for", "di", "da", "del", "Mrs.", "Sen.", "J.", "A.B.", "McDonald", "iPhone", "AT&T", "O'Brien-Smith",
]
text_st = st.lists(st.sampled_from(PIECES), min_size=0, max_size=40).map(" ".join)
glued_st = st.lists(st.sampled_from(PIECES), min_size=0, max_size=40).map("".join)
any_text_st = st.one_of(text_st, glued_st, st.text(max_size=80))


def _plain_words(raw: str, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m[0]) for m in Q.WORD_RE.finditer(raw, s, e)]


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


# ---- _words: (gap, token) pairs from findall -------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(any_text_st, st.integers(-5, 400), st.integers(-5, 400))
def test_words_equal_word_re_scan(text, a, b):
    s, e = sorted((min(a, len(text) + 3), min(b, len(text) + 3)))
    assert Q._words(text, s, e) == _plain_words(text, s, e)
    assert Q._words(text, e, s) == _plain_words(text, e, s) == [] or s == e
    assert Q._words(text, 0, len(text)) == _plain_words(text, 0, len(text))


def test_words_equal_word_re_scan_on_seed_windows():
    for t in _seed_texts():
        n = len(t)
        for s in range(0, n, 37):
            for width in (1, 24, 50, 60, 80, 120, 400):
                e = min(n, s + width)
                assert Q._words(t, s, e) == _plain_words(t, s, e), (s, e)


def test_words_on_whitespace_runs_and_long_tokens():
    t = " \u00a0\t\n" * 50 + "A" * 200 + "  " + "-" * 5 + "x.y&z’s" + " \u2009" * 30
    assert Q._words(t, 0, len(t)) == _plain_words(t, 0, len(t))
    assert [w for _a, _b, w in Q._words(t, 0, len(t))][:4] == ["A" * 61, "A" * 61, "A" * 61, "A" * 17]


# ---- NAME_RE: the look-ahead before each further unit -----------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.one_of(text_st, glued_st), st.integers(0, 50))
def test_name_re_equals_reference_form(text, pos):
    pos = min(pos, len(text))
    assert [m.span() for m in Q.NAME_RE.finditer(text, pos)] == \
        [m.span() for m in Q._NAME_RE_REF.finditer(text, pos)]
    assert Q._names_in(text, 0, len(text)) == [
        (m.start() + d, m.end()) for m in Q._NAME_RE_REF.finditer(text)
        if (d := Q._clean_offset(m.group())) is not None]


# ---- _scan_quotes: paragraphs with no mark are skipped without pairing -----------------------


def _plain_scan_quotes(raw: str, paras: list[tuple[int, int]]) -> list[Q._Quote]:
    """_scan_quotes as it was before the skip: _find_marks on every paragraph."""
    quotes: list[Q._Quote] = []
    chain = 0
    prev_unclosed_at_end = False
    for pid, (ps, pe) in enumerate(paras):
        pairs = Q._find_marks(raw, ps, pe)
        starts_with_open = bool(pairs) and (pairs[0][0] == ps or raw[ps:pairs[0][0]].isspace())
        if prev_unclosed_at_end and starts_with_open and quotes:
            cur_chain = quotes[-1].chain if quotes[-1].chain >= 0 else chain
            quotes[-1].chain = cur_chain
            chain += 1
        else:
            cur_chain = -1
        prev_unclosed_at_end = False
        for k, (o, c) in enumerate(pairs):
            s = o + 1
            if raw[o] == "'" and raw.startswith("'", s):
                s += 1
            if c is not None:
                e, close = c, c + 1
                if raw[c] == "'" and raw.startswith("'", close, pe):
                    close += 1
                closed = True
            else:
                limit = pairs[k + 1][0] if k + 1 < len(pairs) else pe
                m = Q.INLINE_ATTR_RE.search(raw, s, limit)
                if m:
                    e = m.start()
                else:
                    e = limit
                    if k + 1 == len(pairs):
                        prev_unclosed_at_end = True
                close, closed = e, False
            cs, ce = s, e
            while cs < ce and raw[cs] in Q.WS:
                cs += 1
            while ce > cs and (raw[ce - 1] in Q.WS or (not closed and raw[ce - 1] in Q.OPENERS + Q.CLOSERS)):
                ce -= 1
            if ce > cs and raw[ce - 1] == ",":
                ce -= 1
            if ce <= cs:
                continue
            q = Q._Quote(cs, ce, o, close, closed, pid)
            if k == 0 and cur_chain >= 0:
                q.chain = cur_chain
            quotes.append(q)
    return quotes


def _paras(t: str) -> list[tuple[int, int]]:
    starts = [0] + [i + 1 for i, c in enumerate(t) if c == "\n"]
    return [(a, b) for a, b in zip(starts, starts[1:] + [len(t)], strict=True) if b > a]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(text_st, glued_st), min_size=1, max_size=8))
def test_scan_quotes_skip_equals_pairing_every_paragraph(chunks):
    t = "\n".join(chunks)
    paras = _paras(t)
    if paras:
        assert Q._scan_quotes(t, paras) == _plain_scan_quotes(t, paras)


def test_scan_quotes_skip_on_seeds_and_chained_quotes():
    texts = _seed_texts() + [
        "“This starts here\n\nNo marks in this one\n\n“and this one opens again.”\n\nplain",
        "“A long quote that runs on\n“and continues here\nplain words\n“third”",
    ]
    for t in texts:
        art = parse_article(t, "x")
        paras = [(s, e) for s, e, _part in art.paragraphs]
        assert Q._scan_quotes(t, paras) == _plain_scan_quotes(t, paras)
        assert Q._scan_quotes(t, _paras(t)) == _plain_scan_quotes(t, _paras(t))


# ---- _Ctx.canonical's cached name parts -------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text_st)
def test_canon_parts_equal_plain_reading(name):
    base, title = Q._split_title(name.replace("\u00a0", " "))
    base = Q._POSS_RE.sub("", base).strip()
    assert Q._canon_parts(name) == (base, title, tuple(base.split()))


# ---- _role_in's two-word test -----------------------------------------------------------------


def _plain_role_in(words: list[str]) -> tuple[int, int] | None:
    for i, w in enumerate(words):
        lw = w.lower().strip(",.")
        two = f"{lw} {words[i + 1].lower()}" if i + 1 < len(words) else ""
        if two in Q.ROLES or Q._singular(two) in Q.ROLES:
            last = i + 1
        elif lw in Q._PLURAL_ROLE:
            last = i
        else:
            continue
        first = i
        while first > 0 and words[first - 1][:1].islower() and words[first - 1].lower() not in Q.DETERMINERS \
                and words[first - 1].lower() not in Q.BOUNDARY_WORDS and i - first < 3:
            first -= 1
        return first, last
    return None


ROLE_PIECES = sorted({w for k in Q._PLURAL_ROLE for w in k.split()})[:400] + [
    "Chief", "EXECUTIVE", "officer,", "analyst.", "the", "a", "said", "Smith", ",", "senior", "former", "deputy"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ROLE_PIECES), min_size=0, max_size=8))
def test_role_in_equals_plain_rule(words):
    assert Q._role_in(words) == _plain_role_in(words)


def test_role_in_two_word_roles_from_the_lexicon():
    twos = [k for k in Q._PLURAL_ROLE if k.count(" ") == 1]
    assert twos      # the lexicon has two-word roles ('chief executive')
    for k in twos:
        words = ["the", *k.split(" "), "said"]
        assert Q._role_in(words) == _plain_role_in(words) == (1, 2)
        words = ["Former", *(w.capitalize() for w in k.split(" "))]
        assert Q._role_in(words) == _plain_role_in(words)


# ---- the whole extractor: linear on adversarial input ----------------------------------------


def test_one_megabyte_of_markless_paragraphs_and_whitespace_is_fast():
    para = ("Analyst Jane Doe of Northwind Securities said \u00a0\t the  company’s  chief  executive "
            "told   reporters it would grow  ,  she added \u2009 . ")
    t = "Headline\n\n" + "\n\n".join([para * 4] * 2000)
    assert len(t) > 1_000_000
    blank = "word" + " \u00a0\t\n" * 250_000         # one token, then a 1 MB whitespace run
    marks = "’" * 500_000 + "'" * 500_000           # single marks only, no pairs to make
    t0 = time.process_time()
    assert len(Q._words(t, 0, len(t))) > 100_000
    assert Q._words(blank, 0, len(blank)) == [(0, 4, "word")]
    assert Q._words(blank, 2, len(blank) - 7) == [(2, 4, "rd")]
    Q._scan_quotes(t, _paras(t))
    Q._scan_quotes(marks, [(0, len(marks))])
    assert time.process_time() - t0 < 2.0
