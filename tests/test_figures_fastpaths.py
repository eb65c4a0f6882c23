"""Fast paths of newslib.figures pinned to the plain rules they replace (speed work must not
change output): the whole-token scan for number words, the cached clause readers and the
direction rule for counts of a noun."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslib import figures as fg

_SEEDS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))]


def _ref_token_words(low: str) -> frozenset[str]:
    """The plain rule: translate the separators to spaces, split, keep the words of interest."""
    return frozenset(fg._TOKEN_WORDS.intersection(low.translate(fg._TO_SPACE).split()))


# pieces that make tokens, glue them to neighbours or separate them, ASCII and not
_PIECES = ["one", "two", "six", "sixty", "sixteen", "million", "half", "halves", "third", "top", "pair",
           "place", "placed", "best", "most", "Hundred", "FIVE", "a", "s", "é", "ü", "2", "x",
           " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2009", "\u3000",
           "\u2028", "\u202f", "\u200b", "-", "–", "—", ",", ".", ";", ":", "!", "?", "(", ")", "[", "]",
           "{", "}", '"', "“", "”", "‘", "’", "'", "/", "_", "&", "#", "İ", "\ud800", "😀", "中"]


def test_non_ascii_spaces_are_every_non_ascii_whitespace_character():
    """The non-ASCII separators replaced before splitting bytes include every character that
    str.split() splits at (str.isspace), so the bytes route gives the same tokens."""
    spaces = {chr(c) for c in range(128, sys.maxunicode + 1) if chr(c).isspace()}
    assert spaces <= set(fg._NON_ASCII_SEPS)
    assert {chr(k) for k in fg._TO_SPACE if k > 127} <= set(fg._NON_ASCII_SEPS)
    assert all(not c.isascii() for c in fg._NON_ASCII_SEPS)


def test_token_words_match_translate_and_split_on_seeds():
    for raw in _SEEDS:
        for text in (raw, raw.replace(" ", "\u00a0"), raw.replace(" ", "\u2009") + " one"):
            low = text.lower()
            assert fg._token_words(low) == _ref_token_words(low)
    assert fg._token_words("") == frozenset()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_token_words_match_translate_and_split(pieces):
    low = "".join(pieces).lower()
    assert fg._token_words(low) == _ref_token_words(low)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_token_words_match_translate_and_split_on_any_text(text):
    low = text.lower()
    assert fg._token_words(low) == _ref_token_words(low)


_CLAUSE_PIECES = ["Shares", "shares", "rose", "ROSE", "fell", "fell,", "and", "or", "but", "There", "it",
                  "a", "drop", "of", "to", "at", "12", "3.5", "or", "sharply", "Xiaomi’s", "“profit”",
                  "revenue", "was", "is", "were", "the", "Index", "gained", "İt", "ΟΔΟΣ", " ", "  ", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=14))
def test_cached_clause_readers_equal_the_plain_functions(pieces):
    """_subject and _direction_before are cached by clause: the cached answer is the plain one,
    whatever was asked before."""
    clause = " ".join(pieces) + " "
    for _ in range(2):
        assert fg._subject(clause) == fg._subject.__wrapped__(clause)
        assert fg._direction_before(clause) == fg._direction_before.__wrapped__(clause)


def test_count_of_a_noun_takes_a_direction_only_when_restating_the_move_before():
    """A count of a noun has no direction of its own ("hired 40 staff"), even after a rise verb,
    but "fell 5%, or 300 shares" restates the move and keeps its direction."""
    def rows(text):
        return [(r["text"], r["kind"], r["unit"], r["direction"]) for r in fg._scan(text)]

    assert rows("Shares fell 5%, or 300 shares, on Monday.") == [
        ("5%", "percent", "%", "down"), ("300", "count", "shares", "down")]
    assert rows("The index lost 500 points, or 1.3%, and hired 40 staff.") == [
        ("500 points", "index_points", "points", "down"), ("1.3%", "percent", "%", "down"),
        ("40", "count", "staff", None)]
    assert rows("Sales rose 12% to 5,000 units; it cut 300 jobs, or 4 percent.") == [
        ("12%", "percent", "%", "up"), ("5,000", "count", "units", None), ("300", "count", "jobs", None),
        ("4 percent", "percent", "%", None)]
    assert rows("Revenue rose 300 points") == [("300 points", "count", "points", "up")]


def test_token_scan_is_fast_on_adversarial_text():
    for chunk in ("one-two “three” ", "\u2009six\u00a0", "sixty" * 3 + " ", "’—–" * 5, "é one "):
        text = chunk * (1_000_000 // len(chunk))
        t0 = time.perf_counter()
        fg._token_words(text.lower())
        assert time.perf_counter() - t0 < 2.0


def _ref_clause_start(raw: str, s: int) -> int:
    """The plain rule: the sentence start (last separator within 300 characters), at most 160
    characters back, then after the last clause punctuation, then after a clause word."""
    lo = max(0, s - 300)
    sent = lo
    for sep in (". ", "! ", "? ", "\n", ".” ", '." '):
        i = raw.rfind(sep, lo, s)
        if i >= 0 and i + len(sep) > sent:
            sent = i + len(sep)
    best = max(sent, s - 160)
    for ch in ",;:()[]“”\"—":
        i = raw.rfind(ch, best, s)
        if i >= 0:
            best = i + 1
    pos = s
    for t in reversed(raw[best:s].split(" ")):
        pos -= len(t) + 1
        if t.lower() in {"that", "which", "who", "while", "whereas", "but", "after", "when", "because", "although"}:
            return min(s, pos + len(t) + 2)
    return best


_BREAK_PIECES = [". ", "\n", "! ", "? ", ".” ", '." ', ".", "!", '"', "”", " ", "  ", ",", ";", ":", "(", ")",
                 "[", "]", "“", "—", "Which ", "but", " when ", "a", "bc", "x" * 37, "y" * 70, "İ", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BREAK_PIECES), max_size=60))
def test_clause_start_matches_the_plain_rule(pieces):
    """One reversed search for both kinds of boundary gives the clause start of the plain rule,
    also near the 160- and 300-character limits (long pieces move boundaries across them)."""
    raw = "".join(pieces)
    br = fg._Breaks(raw)
    for s in range(len(raw) + 1):
        assert br.clause_start(s) == _ref_clause_start(raw, s), s


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["one", "two", "hundred", "and", "a", "half", "million", "five", "twenty-one",
                                 "lakh", "crore", "dozen", "an", "three"]), min_size=1, max_size=6))
def test_cached_number_words_reading_equals_the_plain_functions(words):
    text = " ".join(words)
    bad = fg.nb.bad_and(text)
    assert fg._read_words(text) == (bad, fg.nb.words_value(text[:bad] if bad is not None else text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["employees", "more", "new", "Mate", "years", "days", "of", "the", "shares", "and",
                                 "Pro", "people", "staff", "to", "year", "units", "x"]), max_size=4))
def test_cached_words_after_a_count_equal_the_plain_rule(words):
    after = "".join(" " + w for w in words)
    model, unit, duration = fg._after_count(after)
    if not words:
        assert (model, unit, duration) == (False, None, False)
    elif words[0].lower() in fg._MODEL_WORDS:
        assert (model, unit, duration) == (True, None, False)
    else:
        assert (model, unit, duration) == (False, *fg._count_unit(after, 0))


def test_clause_start_at_the_160_character_limit():
    """Separators and punctuation that straddle or touch the limit s - 160 (each length)."""
    for mark in (". ", "\n", ".” ", '." ', ",", "“", "—"):
        for k in range(150, 175):
            raw = "x" * 200 + mark + "y " * 90
            for s in range(200 + k - 5, 200 + k + 5):
                assert fg._Breaks(raw).clause_start(s) == _ref_clause_start(raw, s), (mark, s)
