"""Stock and financial figures: money, percentages, counts, ranks, tickers and index levels.

``extract_figures(articles_or_text)`` returns the ``figures`` table (see :mod:`newslib.schema`):
one row per figure found anywhere in an article's raw text (boilerplate included: rows there have
``in_boilerplate`` True, so teaser figures can be set apart).  For an analyst the columns mean:

* ``text`` / ``start`` / ``end`` — the figure as written, ``raw[start:end]``.  Money and percent
  spans hold the currency marker, number, scale and unit ("HK$44.72", "$105 billion", "3.52 per
  cent", "+0.96%"); a qualifier before them ("about", "more than") is reported in ``qualifier`` but
  left out of the span.  Count spans include the qualifier ("nearly one million").
* ``kind`` — money, percent, percentage_points, count, rank, ticker, index_points.
* ``value`` — the number in plain units of ``unit``: "$105 billion" -> 1.05e11, "470 pence" -> 4.70
  (GBP), "+0.96%" -> 0.96, "-1.2%" -> -1.2, "third-largest" -> 3.  NaN for tickers.
* ``unit`` — ISO 4217 code for money (a bare "$" is USD; see ``lexicons/currencies.txt``), "%",
  "pp" (percentage points; basis points are converted: 25 bps -> 0.25 pp; "N points" after a rate
  or margin — "gross margin dipped 1.2 points" — and "half a percentage point" / "a quarter-point
  rate cut" are pp too), "points" for index moves and levels (a bare number after to/at in a
  sentence naming an index is its level: "the Shenzhen Component dropped 2.3% to 13,050"), the
  counted noun for counts ("followers").  An exchange-rate level ("USD/CNY 7.12", "EUR/USD
  climbed to 1.0850") is not money: kind count, unit the currency pair.
* ``qualifier`` — nearly, more than, about, up to, at least ... as written before the number.
* ``direction`` — up / down when the text says the figure is a rise or fall: a verb before it
  (gained, rose, fell, slumped ...; not across "to", "at", "from" — so in "gained 3.52 per cent to
  close at HK$44.72" only the 3.52 per cent is a move), a sign (+0.96%), or a noun after it
  ("an 8 percent increase").
* ``subject`` — what the figure is about: the noun phrase before the first verb of the figure's
  clause ("Xiaomi’s Hong Kong-listed shares"); for a figure inside a ticker's brackets, the ticker's
  name.  Rule-based; <NA> when no short subject is found.
* ``ticker`` / ``exchange`` — the ticker symbol (and its exchange) stated in the sentence before the
  figure, e.g. "(NASDAQ: AAPL)", "1810.HK", "$TSLA", "XRP (XRP +0.96%)".

What is not a figure: years ("in 2021"), dates ("March 15", "2025-10-28"), times ("08:47 AM"),
durations ("15 years", "two-day": see ``newslib.dates``), phone numbers, "24/7", model and product
names (Mate 60 Pro, iPhone 17, 7nm, Mi MIX 4, Qihoo 360, S&P 500, 17-series), novelty ordinals
("its first model"), the idiom "at one point".  Hyphenated scales are read ("US$1.5-billion",
"a 10-million-euro fine", "$1.2 trillion-dollar").  Ranges ("20 to 30 percent", "$62,000 to $63,000", "$5 to 7 million") give two
figures sharing unit and scale.

Money can be converted to one currency with :func:`to_currency` and the fixed, documented FX table
``lexicons/fx_rates.csv`` (no network).  :func:`share_moves` pairs each share-price change with
the closing price stated in the same sentence.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from . import numbers as nb
from .article import Article, as_articles, locate, span_table
from .text import MONTH_RE, load_lexicon

__all__ = ["extract_figures", "json_items", "to_currency", "fx_table", "share_moves"]

# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------


def _alt(words, flags_escape=True) -> str:
    words = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \u00a0]+") if flags_escape else w for w in words)


def _currency_lexicon():
    prefix, suffix, code = {}, {}, {}
    for line in load_lexicon("currencies.txt"):
        pos, surface, iso, factor = (x.strip() for x in line.split("|"))
        table = {"prefix": prefix, "suffix": suffix, "code": code}[pos]
        table[surface.lower() if pos == "suffix" else surface] = (iso, float(factor))
    return prefix, suffix, code


_PREFIX, _SUFFIX, _CODE = _currency_lexicon()
_UP = set(load_lexicon("figure_direction_up.txt"))
_DOWN = set(load_lexicon("figure_direction_down.txt"))
_CHANGE_NOUNS = dict(x.split("|") for x in load_lexicon("figure_change_nouns.txt"))
_QUALIFIERS = load_lexicon("figure_qualifiers.txt")
_SUPERLATIVES = load_lexicon("figure_superlatives.txt")
_EXCHANGES = dict(x.split("|") for x in load_lexicon("figure_exchanges.txt"))
_TIME_UNITS = set(load_lexicon("figure_time_units.txt"))
_INDEX_WORDS = load_lexicon("figure_index_words.txt")
_VERBS = set(load_lexicon("figure_verbs.txt"))
_FUNCTION = set(load_lexicon("figure_function_words.txt"))
_MODEL_WORDS = set(load_lexicon("figure_model_words.txt"))
_RATE_WORDS = load_lexicon("figure_rate_words.txt")

# --------------------------------------------------------------------------------------------
# Patterns (all precompiled; bounded alternations of literals, so linear time)
# --------------------------------------------------------------------------------------------

# Candidates are found with patterns that start with a literal or a digit (the regex engine then
# skips quickly to them) and str.find over the lower-cased text for number words; the richer
# patterns below are only applied *at* those positions (.match), so scanning stays cheap and linear.
_DIGIT_RUN = re.compile(r"\d+")
_DIGITS_AT = re.compile(nb.DIGITS)
_WORDS_AT = re.compile(rf"(?i:{nb.WORDS})")
_WORD_STEMS = tuple(sorted(set(nb.UNITS) | set(nb.TENS) | {"hundred", "thousand", "million", "billion",
                                                            "trillion", "lakh", "crore", "dozen"}))
_WORD_STEMS_SET = frozenset(_WORD_STEMS)
_SCALE_STEMS = ("hundred", "thousand", "million", "billion", "trillion", "lakh", "crore", "dozen")
# a currency marker (or code) ending right before the number, possibly with one space
_PREFIX_TAIL = re.compile(
    rf"(?:(?<![\w'’$])(?P<p>{_alt(k for k in _PREFIX if k[0].isalpha())})"
    rf"|(?P<s>{_alt(k for k in _PREFIX if not k[0].isalpha())})"
    rf"|(?<![\w'’$])(?P<c>{_alt(_CODE)})[ \u00a0]?"
    rf"|(?<![\w'’$])M(?P<mc>{_alt(_CODE)})[ \u00a0])[ \u00a0]?$")
_SIGN_TAIL = re.compile(r"(?:^|(?<=[\s(\[/,:;]))[+\-−–]$")
_SCALE_AFTER = re.compile(
    r"(?P<sp>[ \u00a0-]?)(?P<scale>(?i:lakh[ ]crore|thousand|million|billion|trillion|lakhs?|crores?"
    r"|mln|mn|mil|bln|bil|bn|trn|tln|tril|tn)\b|(?P<a>[kKmMbB])(?![\w]))")
_PCT = (r"(?P<pct>[ \u00a0]?[%％]|[ \u00a0]?pc\b(?![ -]points?\b)|(?:[ \u00a0]|-)(?i:per[ \u00a0]?cent|per-cent|percent|pct)\b(?![ -]points?\b))"
        r"|(?P<pp>(?:[ \u00a0]|-)(?i:percentage[ \u00a0-]points?|per[ \u00a0]?cent(?:age)?[ \u00a0-]points?"
        r"|pct[ .]?(?:points?|pts?)|ppts?|pp)\b)"
        r"|(?P<bp>(?:[ \u00a0]|-)(?i:basis[ \u00a0-]points?|bps|bp)\b)"
        r"|(?P<pts>[ \u00a0](?i:points?|pts)\b)")


def _unit_after_re(first: str | None = None) -> re.Pattern:
    """The unit pattern; with `first` (a lower-case ASCII letter) only the currency words and codes
    that begin with that letter (in either case) are kept: the pattern to use when the unit word
    after the number (and one space or hyphen) begins with it -- the same matches, tried faster."""
    suffix = [k for k in _SUFFIX if first is None or k[0] == first]
    codes = [k for k in _CODE if first is None or k[0].lower() == first]
    suf = f"(?i:{_alt(suffix)})" if suffix else "(?!)"
    cod = _alt(codes) if codes else "(?!)"
    return re.compile(
        rf"{_PCT}"
        rf"|(?P<cur>(?:[ \u00a0]|-){suf}\b)"
        rf"|(?P<code>[ \u00a0]?(?:{cod})\b(?:(?P<csp>[ \u00a0])(?P<cscale>(?i:thousand|million|billion|trillion|mn|bn))\b)?)"
        rf"|(?P<mcode>[ \u00a0]M(?:{_alt(_CODE)})\b)"
        r"|(?P<p>p\b)")


_UNIT_AFTER = _unit_after_re()
# keyed by the first character of the unit word (either case); any other character: _UNIT_AFTER
_UNIT_AFTER_BY = {c: rx for lc in "abcdefghijklmnopqrstuvwxyz" for rx in (_unit_after_re(lc),)
                  for c in (lc, lc.upper())}
_CONNECT = re.compile(r"[ \u00a0]*(?:to|-|–|—|and|or)[ \u00a0]*$")
_BETWEEN = re.compile(r"(?i:between|from)[ \u00a0]+$")
_QUAL_LAST = {q.split()[-1] for q in _QUALIFIERS}
_QUAL_END2 = frozenset(q[-2:] for q in _QUAL_LAST)
_QUAL_TAIL = re.compile(rf"(?<![\w-])(?P<q>(?i:{_alt(_QUALIFIERS)}))[ \u00a0]+$")

# Cheap necessary conditions checked before the patterns above are tried at a number (most
# numbers have no currency marker, scale or unit): the characters a match can end / start with.
_SPACE_CHARS = frozenset(" \u00a0")
_PREFIX_LAST = frozenset(k[-1] for k in (*_PREFIX, *_CODE))
_SCALE_FIRST = frozenset(" \u00a0-kKmMbBlLtTcC")  # (?i) adds no non-ASCII case variant of these
_UNIT_FIRST = frozenset(" \u00a0%％-pM") | frozenset(k[0] for k in _CODE)
# After a space or hyphen, the character that can begin the scale / unit (a non-ASCII one is
# always let through: it might case-fold into one of these letters).
_GAP_CHARS = frozenset(" \u00a0-")
_SCALE_SECOND = frozenset("ltmbcLTMBCkK")
_UNIT_SECOND = (frozenset("%％pPbBM") | frozenset(k[0] for k in _CODE)
                | frozenset(c for k in _SUFFIX for c in (k[0].lower(), k[0].upper())))
# A currency marker ends (at most two spaces) before the number: its last character (one-character
# markers) or its last two characters are one of these.
_PREFIX_KEYS = (*_PREFIX, *_CODE, *("M" + k for k in _CODE))
_PREFIX_END1 = frozenset(k for k in _PREFIX_KEYS if len(k) == 1)
_PREFIX_END2 = frozenset(k[-2:] for k in _PREFIX_KEYS if len(k) > 1)

# spans that are never figures, checked at each number: ISO and numeric dates, a/b, times, day-month
_DIGIT_BLOCK = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\d{1,4}/\d{1,4}\b"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:[ \u00a0]?(?i:[ap]\.?m\.?)(?![\w]))?"
    r"|\d{1,2}[ \u00a0]?(?i:[ap]\.m\.|[ap]m\b)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \u00a0](?:of[ \u00a0])?{MONTH_RE}\b(?:,?[ \u00a0]\d{{4}}\b)?")
# the character after the digit run of a block match, and after a space there (am/pm, "of", a month)
_DIGITS_UPTO5 = re.compile(r"\d{0,5}")
_BLOCK_NEXT = frozenset("-/.:aApPsnrt \u00a0")
_BLOCK_SECOND = frozenset("aApPoJFMASOND")
# a month name before a space: its capital initial lies 4 to 11 characters before the number
_MONTH_INITIALS = frozenset("JFMASOND")
_MONTH_TAIL = re.compile(rf"\b{MONTH_RE}[ \u00a0]$")
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[ \u00a0-]?)?(?:\(\d{2,4}\)[ \u00a0]?|\b\d{3}[-.])\d{3,4}[-.]\d{3,4}\b")
_RANK_NO = re.compile(r"No\.?[ \u00a0]?(?P<no>\d{1,3})\b(?![.,]\d)")
_ORD_TAIL = re.compile(
    rf"\b(?P<ord>(?i:{'|'.join(sorted(nb.ORDINALS, key=len, reverse=True))})|\d{{1,3}}(?:st|nd|rd|th))[ \u00a0-]$")
_EXCH_ALT = _alt(k for k in _EXCHANGES if not k.startswith("."))
_EXCH_TAIL = re.compile(rf"(?<![\w])(?P<ex>{_EXCH_ALT})[ \u00a0]?$")
_COLON_SYM = re.compile(r":[ \u00a0]?(?P<sym>[A-Z0-9][A-Za-z0-9]{0,6}(?:\.[A-Z]{1,2})?)\b")
_PAREN_SYM = re.compile(r"\((?P<sym>[A-Z][A-Z0-9]{0,5})[ \u00a0]+(?=[+\-−]?\d{1,4}(?:\.\d+)?[ \u00a0]?%)")
_CASHTAG = re.compile(r"\$(?P<sym>[A-Z]{1,5})\b(?![\d.,]?\d)")
_RIC_SFX = re.compile(rf"\.(?P<sfx>{_alt(k[1:] for k in _EXCHANGES if k.startswith('.'))})\b(?!\.\w)")
_RIC_TAIL = re.compile(r"(?<![\w.])(?:\d{4,6}|[A-Z]{2,5})$")
_FRACTION_HEAD = re.compile(r"(?<![\w])(?P<n>(?i:a|one|two|three|four))[ \u00a0-]$")
_FRACTION_STEMS = ("half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths")
_OF_AFTER = re.compile(r"[ \u00a0]of\b(?![ \u00a0]\d)")
# "half a percentage point", "a quarter of a percentage point", "quarter-point rate cut": matched
# from the fraction word on (its head "a"/"three" is read backwards); a bare "point" only before a
# rate-move noun, so "a half-point lead" is not a figure
_FRAC_PP_AFTER = re.compile(
    r"(?i:s?(?:[ \u00a0]of)?(?:[ \u00a0]an?)?[ \u00a0-](?:percentage|per[ \u00a0]?cent(?:age)?)[ \u00a0-]points?\b"
    r"|s?[ \u00a0-]points?(?=[ \u00a0-](?:rate|cut|cuts|hike|hikes|increase|increases|reduction|rise|raise|move)\b))")
_FRAC_PP_HEAD = re.compile(r"(?<![\w])(?i:(?P<three>three)[ \u00a0-]|an?[ \u00a0]|one[ \u00a0-])$")
_FRAC_PP_VALUE = {"half": 0.5, "quarter": 0.25}
# a currency pair written before an exchange-rate level: "USD/CNY 7.12", "EUR/USD climbed to 1.0850"
_FX_PAIR = re.compile(r"(?<![A-Za-z/])(?P<a>[A-Z]{3})/(?P<b>[A-Z]{3})(?![A-Za-z/])")
# a rate or share whose change in "points" means percentage points ("gross margin dipped 1.2 points")
_RATE_RE = re.compile(rf"(?i:\b(?:{_alt(_RATE_WORDS)})\b)")
_OR_BETWEEN = re.compile(r",?[ \u00a0]+or[ \u00a0]+(?:about[ \u00a0]+|roughly[ \u00a0]+|nearly[ \u00a0]+|almost[ \u00a0]+)?")
_LEVEL_PREV = frozenset(("to", "at", "around", "near", "above", "below", "about"))
_PAIR_HEAD = re.compile(r"(?<![\w])(?:[Aa]|[Tt]he|[Tt]his|[Tt]hat)[ \u00a0]$")
_WORD_TOKEN = re.compile(r"[A-Za-z][\w&'’.-]*|\d[\d.,]*|[^\w\s]")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]“”\"—]|\b(?:that|which|who|while|whereas|but|after|when|because|although)\b")
_INDEX_RE = re.compile(rf"(?i:\b(?:{_alt(_INDEX_WORDS)})\b)")
_NOUN_RUN = re.compile(r"[ \u00a0]+([A-Za-z][A-Za-z'’-]{0,30})")
_SENT_BREAK = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z“\"‘(])|\n")

_YEAR = re.compile(r"1[5-9]\d\d|20\d\d|21\d\d")
# A guard for machine-made input (tables, dumps): no news article states this many figures; the
# rest of a longer text is not scanned for figures.
MAX_FIGURES = 5000

_PRIORITY = {"ticker": 0, "money": 1, "percent": 1, "percentage_points": 1, "index_points": 2, "rank": 3,
             "count": 4}


# --------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Does (s, e) overlap one of the sorted, non-overlapping `spans` (`starts` = their starts)?"""
    i = bisect_left(starts, e) - 1
    return i >= 0 and spans[i][1] > s


def _prev_word(raw: str, s: int) -> str:
    """The whitespace-delimited token before offset s (on the same line): after skipping at most
    three spaces / tabs, the run of non-space characters (at most 40) that ends there."""
    j = s
    lo = s - 3 if s > 3 else 0
    while j > lo and raw[j - 1] in " \u00a0\t":
        j -= 1
    if j == 0 or raw[j - 1].isspace():
        return ""
    # str.split() splits at exactly the characters str.isspace() accepts
    return raw[j - 40 if j > 40 else 0:j].rsplit(None, 1)[-1]


# up to four words after a figure in one match (each like _NOUN_RUN); the words are split off it
_NEXT_WORDS = re.compile(r"(?:[ \u00a0]+[A-Za-z][A-Za-z'’-]{0,30}){0,4}")


def _next_words(raw: str, e: int, n: int = 4) -> list[str]:
    """The (at most n <= 4) words right after offset e, each after spaces only (no punctuation)."""
    return _NEXT_WORDS.match(raw, e).group().split()[:n]


_CLAUSE_WORDS = {"that", "which", "who", "while", "whereas", "but", "after", "when", "because", "although"}
_CLAUSE_PUNCT = ",;:()[]“”\"—"
# sentence separators (". ", "\n", "! ", "? ", ".” ", '." ')
_SENT_SEPS = (". ", "\n", "! ", "? ", ".” ", '." ')
# Clause punctuation, searched in the reversed window: the first match is the last one.
_CLAUSE_PUNCT_RE = re.compile(r"[,;:()\[\]“”\"—]")
_CLAUSE_WORDS_SET = frozenset(_CLAUSE_WORDS)
# a clause punctuation character or a sentence separator, in a reversed window
_CLAUSE_REV_RE = re.compile("|".join([_CLAUSE_PUNCT_RE.pattern, *(re.escape(sep[::-1]) for sep in _SENT_SEPS)]))


class _Breaks:
    """Sentence and clause starts before an offset, found with bounded reverse scans (a sentence
    start at most 300 characters back, a clause start at most 160); sentence starts and the word
    before an offset are cached per offset."""

    __slots__ = ("raw", "_sent", "_prev")

    def __init__(self, raw: str):
        self.raw = raw
        self._sent: dict[int, int] = {}
        self._prev: dict[int, str] = {}

    def prev_word(self, s: int) -> str:
        w = self._prev.get(s)
        if w is None:
            w = self._prev[s] = _prev_word(self.raw, s)
        return w

    def sentence_start(self, s: int) -> int:
        best = self._sent.get(s)
        if best is not None:
            return best
        raw = self.raw
        best = s - 300 if s > 300 else 0
        # the end of the last separator in the window; once one is found, a later one can only
        # start at or after its end (separators have a space or newline only as their last
        # character), so the remaining searches are confined to the short rest of the sentence
        for sep in _SENT_SEPS:
            i = raw.rfind(sep, best, s)
            if i >= 0:
                best = i + len(sep)
        self._sent[s] = best
        return best

    def clause_start(self, s: int) -> int:
        """After the last clause punctuation in the window, or after a relative or subordinating
        word (a space-delimited token) that follows it."""
        raw = self.raw
        # The clause starts at the greatest of: s - 160, the end of the last sentence separator and
        # the end of the last clause punctuation (after the sentence start, after s - 160).  Both
        # kinds of boundary are found with one search of the reversed window: its first match is
        # the greatest boundary (a separator ends with a space or newline, never with clause
        # punctuation, so no two boundaries coincide).  A separator ending after s - 160 starts at
        # most two characters before that, so the window reaches back to s - 162; a boundary at or
        # before s - 160 gives way to s - 160 (the separators are also all within 300 characters).
        w = s - 162 if s > 162 else 0
        m = _CLAUSE_REV_RE.search(raw[w:s][::-1])
        best = w if m is None else s - m.start()
        if best < s - 160:
            best = s - 160
        window = raw[best:s]
        # (str.lower turns no non-ASCII character into a letter of these words, nor adds or
        # removes spaces: the same tokens as an ASCII case-insensitive match)
        ltoks = window.lower().split(" ")
        if _CLAUSE_WORDS_SET.isdisjoint(ltoks):
            return best
        toks = window.split(" ")
        end = s  # the end of token i
        for i in range(len(toks) - 1, -1, -1):
            if ltoks[i] in _CLAUSE_WORDS_SET:
                end += 1
                return end if end < s else s
            end -= len(toks[i]) + 1
        return best


# _direction_before and _subject are pure functions of a short string (the clause before a figure,
# median ~20 characters); clauses such as "", " or ", " up ", "The ", " from " recur in every
# text, so the results are cached (bounded).
@lru_cache(maxsize=8192)
def _direction_before(clause: str) -> str | None:
    """up/down from the last direction word in the clause, unless a 'to'/'at'/'from' (a level) or
    another number lies between it and the figure."""
    toks = clause.rsplit(None, 6)  # only the last six words are read
    for i in range(len(toks) - 1, max(-1, len(toks) - 7), -1):
        t = toks[i].lower().strip(".,;:()\"“”")
        if t in _LEVEL_WORDS:
            if t == "of" and i > 0:  # "a drop of 2.1%", "an increase of $3 billion"
                d = _CHANGE_NOUNS.get(toks[i - 1].lower().strip(".,;:()\"“”"))
                if d in ("up", "down"):
                    return d
            return None
        if not t.isalpha() and any(map(str.isdigit, t)):  # (no letter is a digit)
            if i < len(toks) - 1 and toks[i + 1].lower() == "or":
                continue
            return None
        if t in _UP:
            return "up"
        if t in _DOWN:
            return "down"
    return None


_LEVEL_WORDS = frozenset(("to", "at", "from", "of", "on", "per", "a", "an", "the"))


_SUBJ_OPENERS = frozenset(("and", "or", "but", "so", "then", "also", "while", "with"))


@lru_cache(maxsize=8192)
def _subject(clause: str) -> str | None:
    """The noun phrase before the first verb of the clause (at most 8 words)."""
    # lower-casing the clause once gives the same tokens as lower-casing each (whitespace has no
    # case) and the same verb matches (the verb list is ASCII; only Greek sigma lower-cases by context)
    ltoks = clause.lower().split()
    c = 0  # leading conjunctions, dropped from the subject
    while c < len(ltoks) and ltoks[c] in _SUBJ_OPENERS:
        c += 1
    # a verb after c + 8 words would leave a subject of more than 8 words: no subject
    for i in range(min(len(ltoks), c + 9)):
        if ltoks[i].strip(".,;:\"“”") in _VERBS:
            words = clause.split()[c:i]
            joined = "".join(words)
            if not words or not any(map(str.isalpha, joined)):
                return None
            if len(words) > 4 and any(map(str.isdigit, joined)):
                return None
            subj = " ".join(words).strip(" \"“”'")
            return None if subj.lower() in ("there", "here", "it", "this") else subj
    return None


_COUNT_SKIP = frozenset(("more", "other", "additional", "extra", "new", "of", "most", "such"))
_COUNT_STOP = frozenset(_FUNCTION | _VERBS | {"to", "per", "is", "are", "was", "were", "and", "or"})


def _count_unit(raw: str, e: int, words: list[str] | None = None) -> tuple[str | None, bool]:
    """(counted noun, is_duration) for the words after a count (`words`: _next_words(raw, e, 4))."""
    if words is None:
        words = _next_words(raw, e, 4)
    unit = None
    for i, w in enumerate(words):
        lw = w.lower()
        if i == 0 and (lw in _TIME_UNITS or lw.rstrip("s") in _TIME_UNITS):
            return None, True
        if unit is None and lw in _COUNT_SKIP:
            continue
        if lw in _COUNT_STOP:
            break
        if unit is not None and not lw.endswith("s"):
            break
        unit = lw
        if lw.endswith("s") or i >= 2:
            break
    return unit, False


@lru_cache(maxsize=1)
def _yen_is_yuan_hint() -> re.Pattern:
    return re.compile(r"\b(?:yuan|RMB|Rmb|renminbi|CNY)\b")


_SPACES = re.compile(r"[ \u00a0]+")
_TO_SPACE = str.maketrans({c: " " for c in "-–—,.;:!?()[]{}\"“”‘’'/\n\t\u00a0"})


def _find_all(low: str, stem: str):
    i = low.find(stem)
    while i >= 0:
        yield i
        i = low.find(stem, i + 1)


# Every non-ASCII decimal digit (what \d matches beyond 0-9) lies in these two ranges, which leave out
# the punctuation, currency and CJK blocks of news text (tested); a text without any character in
# them has only ASCII digit runs, found with str.find instead of a regex scan over every character.
_NON_ASCII_DECIMAL = re.compile("[\u0660-\u1c59\ua620-\U0001fbf9]")
_ASCII_DIGITS = "0123456789"


def _digit_run_starts(raw: str) -> list[int]:
    """Start offsets of the runs of decimal digits (what ``\\d+`` finds), in order."""
    if not raw.isascii() and _NON_ASCII_DECIMAL.search(raw):
        return [m.start() for m in _DIGIT_RUN.finditer(raw)]
    pos = []
    for d in _ASCII_DIGITS:
        i = raw.find(d)
        while i >= 0:
            pos.append(i)
            i = raw.find(d, i + 1)
    if not pos:
        return pos
    pos.sort()
    out = [pos[0]]
    prev = pos[0]
    for i in pos[1:]:
        if i != prev + 1:
            out.append(i)
        prev = i
    return out


def _tickers(raw: str) -> list[dict]:
    rows = []
    for m in _COLON_SYM.finditer(raw):
        t = _EXCH_TAIL.search(raw, max(0, m.start() - 14), m.start())
        if t:
            rows.append((m.start("sym"), m.end("sym"), m.group("sym"), _EXCHANGES[t.group("ex")]))
    for m in _PAREN_SYM.finditer(raw):
        rows.append((m.start("sym"), m.end("sym"), m.group("sym"), None))
    for m in _CASHTAG.finditer(raw):
        if m.start() == 0 or not (raw[m.start() - 1].isalnum() or raw[m.start() - 1] in "_$"):
            rows.append((m.start(), m.end(), m.group("sym"), None))
    for m in _RIC_SFX.finditer(raw):
        t = _RIC_TAIL.search(raw, max(0, m.start() - 6), m.start())
        if not t:
            continue
        sym, sfx = t.group(), "." + m.group("sfx")
        if sym.isalpha() and (sfx in (".N", ".O", ".T", ".L") or raw[m.end():m.end() + 1] == "."):
            continue  # too easily an initialism at a sentence end
        rows.append((t.start(), m.end(), sym + sfx, _EXCHANGES[sfx]))
    return [{"start": s, "end": e, "text": raw[s:e], "kind": "ticker", "value": math.nan, "unit": None,
             "ticker": sym.upper(), "exchange": ex} for s, e, sym, ex in rows]


_TOKEN_WORDS = _WORD_STEMS_SET | {s.split("-")[0] for s in _SUPERLATIVES} | set(_FRACTION_STEMS) | {"pair"}

# _token_words: the same tokens as ``low.translate(_TO_SPACE).split()`` (whose str.translate walks a
# dict per character: slow on non-ASCII text), found on the UTF-8 bytes instead.  In UTF-8 every
# byte of a non-ASCII character is >= 0x80, so ASCII separators are single bytes and the non-ASCII
# separators (the non-ASCII keys of _TO_SPACE and every non-ASCII character str.split() splits at,
# i.e. str.isspace(): pinned by a test over all code points) are replaced by a space first.
_NON_ASCII_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                    "\u2028\u2029\u202f\u205f\u3000"
_NON_ASCII_SEPS = tuple(sorted({*_NON_ASCII_SPACES, *(chr(k) for k in _TO_SPACE if k > 127)}))
# the ASCII separators (and the ASCII whitespace that str.split() but not bytes.split() splits at)
_TO_SPACE_B = bytes(32 if (k < 128 and (k in _TO_SPACE or chr(k).isspace())) else k for k in range(256))
_TOKEN_WORDS_B = {w.encode("ascii"): w for w in _TOKEN_WORDS}
_TOKEN_WORDS_BSET = frozenset(_TOKEN_WORDS_B)


def _token_words(low: str) -> frozenset[str]:
    """The words of _TOKEN_WORDS that occur in `low` as a whole token, i.e.
    ``_TOKEN_WORDS.intersection(low.translate(_TO_SPACE).split())``."""
    if low.isascii():
        b = low.encode("ascii")
    else:
        for sep in _NON_ASCII_SEPS:  # (str.replace of one character: much faster than on bytes)
            if sep in low:
                low = low.replace(sep, " ")
        b = low.encode("utf-8", "surrogatepass")
    found = _TOKEN_WORDS_BSET.intersection(b.translate(_TO_SPACE_B).split())
    return frozenset(_TOKEN_WORDS_B[w] for w in found)


_SUPERLATIVE_HEADS = tuple((sup, sup.split("-")[0]) for sup in _SUPERLATIVES)


def _ranks_fractions(raw: str, low: str, tokens: frozenset[str]) -> list[dict]:
    rows = []
    for m in _RANK_NO.finditer(raw):
        if m.start() == 0 or not raw[m.start() - 1].isalnum():
            rows.append({"start": m.start(), "end": m.end(), "text": m.group(), "kind": "rank",
                         "value": float(m.group("no")), "unit": None})
    for sup, head in _SUPERLATIVE_HEADS:
        if head not in tokens:
            continue
        for i in _find_all(low, sup):
            e = i + len(sup)
            if e < len(low) and (low[e].isalnum() or low[e] == "-"):
                continue
            t = _ORD_TAIL.search(raw, max(0, i - 14), i)
            if t:
                o = t.group("ord").lower()
                v = nb.ORDINALS.get(o) or float(re.sub(r"\D", "", o))
                rows.append({"start": t.start(), "end": e, "text": raw[t.start():e], "kind": "rank",
                             "value": float(v), "unit": None})
    for stem in _FRACTION_STEMS:
        if stem not in tokens:
            continue
        for i in _find_all(low, stem):
            e = i + len(stem)
            if (e < len(low) and low[e].isalpha()) or not _OF_AFTER.match(raw, e):
                continue
            h = _FRACTION_HEAD.search(raw, max(0, i - 7), i)
            if h:
                k = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}[h.group("n").lower()]
                unit, _ = _count_unit(raw, _OF_AFTER.match(raw, e).end())
                rows.append({"start": h.start(), "end": e, "text": raw[h.start():e], "kind": "count",
                             "value": k * nb.FRACTIONS[stem], "unit": unit})
    for stem, v in _FRAC_PP_VALUE.items():
        if stem not in tokens or "point" not in low:
            continue
        for i in _find_all(low, stem):
            if i > 0 and low[i - 1].isalpha():
                continue
            m = _FRAC_PP_AFTER.match(raw, i + len(stem))
            if not m:
                continue
            h = _FRAC_PP_HEAD.search(raw, max(0, i - 6), i)
            if h and low[max(0, h.start() - 4):h.start()] == "and ":
                continue  # "two and a half percentage points" is read as one number
            st = h.start() if h else i
            val = 3 * v if h and h.group("three") else v
            rows.append({"start": st, "end": m.end(), "text": raw[st:m.end()], "kind": "percentage_points",
                         "value": val, "unit": "pp"})
    for i in (_find_all(low, "pair of") if "pair" in tokens else ()):
        if _PAIR_HEAD.search(raw, max(0, i - 6), i):
            unit, _ = _count_unit(raw, i + 7)
            rows.append({"start": i, "end": i + 4, "text": raw[i:i + 4], "kind": "count", "value": 2.0,
                         "unit": unit})
    return rows


# "a quarter of a billion dollars", "half a million", "three quarters of a trillion yuan": a
# fraction before a bare scale word scales it
_BARE_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
_SCALE_ONLY = re.compile(r"(?i:an?[ \u00a0](?:hundred|thousand|million|billion|trillion))")
_FRAC_OF_TAIL = re.compile(
    r"(?<![\w-])(?:(?P<n>(?i:a|one|two|three))[ \u00a0-])?(?P<f>(?i:half|halves|quarters?|thirds?|fifths?|tenths?))"
    r"(?:[ \u00a0]of)?[ \u00a0]$")
_FRAC_N = {"a": 1, "one": 1, "two": 2, "three": 3}


def _fraction_of_scale(raw: str, r: dict) -> None:
    """Scale row `r` ("a billion dollars") by a fraction written right before it, and take the
    fraction into its span."""
    s = r["num_start"]
    t = _FRAC_OF_TAIL.search(raw, max(0, s - 24), s)
    if t is None:
        return
    f = t.group("f").lower()
    n = (t.group("n") or "a").lower()
    if f == "half":
        if n not in ("a", "one"):
            return  # "two half ..." is no fraction of the scale
        frac = 0.5  # "half a billion", "a half billion", "a half a billion", "one half of a million"
    else:
        frac = nb.FRACTIONS[f] * _FRAC_N.get(n, 1)
    r["value"] = float(f"{r['value'] * frac:.12g}")
    r["start"] = t.start()
    r["text"] = raw[t.start():r["end"]]


def _number_starts(raw: str, low: str, tokens: frozenset[str]) -> list[int]:
    """Sorted start offsets of candidate numerals and number-word runs."""
    starts = _digit_run_starts(raw)
    for stem in _WORD_STEMS_SET.intersection(tokens):
        for i in _find_all(low, stem):
            if i == 0 or not low[i - 1].isalpha():
                if stem in _SCALE_STEMS and i >= 2 and low[i - 2:i] in ("a ", "n ") \
                        and (low[i - 2:i] == "a " and (i < 3 or not low[i - 3].isalpha())
                             or low[i - 3:i] == "an " and (i < 4 or not low[i - 4].isalpha())):
                    i = i - 2 if low[i - 2:i] == "a " else i - 3
                starts.append(i)
    starts.sort()
    return starts


_BARE_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh", "crore"})


def _after_digits(raw: str, s: int) -> bool:
    """True when only spaces separate position `s` from a digit before it ("95 million")."""
    i = s - 1
    while i >= 0 and i > s - 4 and raw[i] == " ":
        i -= 1
    return i >= 0 and i < s - 1 and raw[i].isdigit()


def _scan(raw: str) -> list[dict]:
    """Every figure in `raw` as a row dict (start, end, text, kind, value, unit, ...)."""
    low = raw.lower()
    breaks = _Breaks(raw)
    yuan_hint = None
    rows: list[dict] = _tickers(raw) if ("(" in raw or "$" in raw or ":" in raw or "." in raw) else []
    # the words of interest (number words, superlatives, fractions) that occur as whole tokens
    tokens = _token_words(low)
    rows.extend(_ranks_fractions(raw, low, tokens))

    nums: list[dict] = []
    pairs = _has_fx_pair(raw)
    pos = 0
    n = len(raw)
    block_end = 0
    for s in _number_starts(raw, low, tokens):
        if s < pos:
            continue
        if len(nums) >= MAX_FIGURES:
            break
        if raw[s].isdigit():
            if s > 0 and raw[s - 1] == "." and not (s > 1 and raw[s - 2].isdigit()):
                s -= 1  # .5
            m = _DIGITS_AT.match(raw, s)
            words = None
        else:
            m = _WORDS_AT.match(raw, s)
            words = m.group() if m else None
        if m is None:
            continue
        e = m.end()
        pos = e
        if words:
            if e < n and (raw[e].isalnum()):
                continue
            if words.lower() in _BARE_SCALES and _after_digits(raw, s):
                continue  # "95 million": the scale of the number before, read with it (or rejected with it)
            bad, value = _read_words(words)
            if bad is not None:
                e = s + bad
                pos = e
                words = raw[s:e]
            if value is None:
                continue
        else:
            if s > 1 and raw[s - 1] == "." and raw[s - 2].isdigit():
                continue  # 1.2.3 version strings
            if e + 1 < n and raw[e] == "." and raw[e + 1].isdigit():
                continue
            if s < block_end:
                continue
            bm = _blocked_at(raw, s, e)
            if bm:
                block_end = pos = max(bm, e)
                continue
            g = m.group()
            value = float(g) if g.isdigit() else nb.digits_value(g)
        r = _classify(raw, s, e, value, bool(words), pairs)
        if r is not None and words and s > 0 and (words[0] in "aA" or words[0] >= "\x80") \
                and _SCALE_ONLY.fullmatch(words):
            _fraction_of_scale(raw, r)
        elif r is not None and words and s > 5 and raw[s - 5:s].lower() in ("half ", "half\u00a0") and \
                words.lower() in _BARE_SCALES:
            _fraction_of_scale(raw, r)      # "a half billion dollars"
        nums.append(r)
    nums = [r for r in nums if r is not None]
    for i in range(len(nums) - 1):
        # ranges: "20 to 30 percent", "$62,000 to 63,000", "$5 to 7 million"
        r = nums[i]
        nxt = nums[i + 1]
        if 0 < nxt["start"] - r["end"] <= 6 and _CONNECT.match(raw[r["end"]:nxt["start"]]) is not None:
            if r["kind"] is None and r["unit"] != "points" and not _yearlike(r) and nxt["kind"] in ("money", "percent", "percentage_points", "index_points"):
                if r["raw_scale"] == 1 and nxt["raw_scale"] > 1 and r["value"] < nxt["value"] / nxt["raw_scale"] * 10:
                    r["value"] *= nxt["raw_scale"]
                r["value"] = float(f'{r["value"] * nxt["factor"]:.12g}')
                r["kind"], r["unit"] = nxt["kind"], nxt["unit"]
                r["text_end_unit"] = False
            elif r["kind"] == "money" and nxt["kind"] is None and not nxt["words"] and nxt["has_unitword"] is False:
                nxt["kind"], nxt["unit"] = "money", r["unit"]
                nxt["value"] *= r["factor"]
                if r["raw_scale"] == 1 and nxt["raw_scale"] > 1 and r["value"] / r["factor"] < nxt["value"] / nxt["raw_scale"] / r["factor"]:
                    r["value"] *= nxt["raw_scale"]
    for r in nums:
        if r["kind"] is None:
            if not _keep_count(raw, r, breaks):
                continue
            r["kind"] = r["kind"] or "count"
        if r["unit"] == "JPY" and r["cur_text"] in ("¥", "￥"):
            if yuan_hint is None:
                yuan_hint = _yen_is_yuan_hint().search(raw) is not None
            if yuan_hint:
                r["unit"] = "CNY"
        rows.append(r)
    return _resolve(raw, rows, breaks)


def _yearlike(r: dict) -> bool:
    return not r["words"] and r["raw_scale"] == 1 and _YEAR.fullmatch(r["text"]) is not None


def _classify(raw: str, s: int, e: int, value: float, words: bool, pairs: bool = False) -> dict | None:
    """Read the currency marker before and the scale / unit after one number."""
    start = s
    cur = None
    factor = 1.0
    scale = 1.0
    cur_text = None
    kind = None
    unit = None
    # --- currency marker before
    if s > 0:
        k = s
        if raw[k - 1] in _SPACE_CHARS:
            k -= 1
            if k > 0 and raw[k - 1] in _SPACE_CHARS:
                k -= 1
        if k > 0 and (raw[k - 1] in _PREFIX_END1 or (k > 1 and raw[k - 2:k] in _PREFIX_END2)):
            pm = _PREFIX_TAIL.search(raw, s - 8 if s > 8 else 0, s)
        else:
            pm = None
        if pm:
            key = pm.group("p") or pm.group("s") or pm.group("c") or pm.group("mc")
            iso, f = (_PREFIX.get(key) or _CODE.get(key))
            cur, factor, cur_text = iso, f, key
            if pm.group("mc"):
                scale = 1e6
            start = pm.start()
            kind, unit = "money", iso
        elif raw[s - 1].isalnum() or raw[s - 1] in "_#@":
            return None  # glued to a word: X6, Q1, MIX4, #1
    # sign
    sign = 1.0
    if start > 0 and raw[start - 1] in "+-−–":
        if _SIGN_TAIL.search(raw, max(0, start - 2), start):
            if not (start > 1 and (raw[start - 2].isalnum())):
                sign = -1.0 if raw[start - 1] != "+" else 1.0
                start -= 1
    end = e
    raw_scale = 1.0
    n = len(raw)
    sm = None
    if e < n:
        c = raw[e]
        if c in _SCALE_FIRST and (c not in _GAP_CHARS or (
                e + 1 < n and (raw[e + 1] in _SCALE_SECOND or raw[e + 1] >= "\x80"))):
            sm = _SCALE_AFTER.match(raw, e)
    if sm:
        tok = sm.group("scale")
        if sm.group("a"):
            a = tok.lower()
            # single-letter scales: attached only, and k/m only for money ($5m, 4K is not 4,000)
            if sm.group("sp") or (a in "km" and cur is None):
                sm = None
            else:
                raw_scale = nb.SCALES[a]
        else:
            t = tok.lower()
            raw_scale = 1e12 if t.startswith("lakh ") else nb.SCALES[t]
        if sm:
            end = sm.end()
    if words:
        raw_scale = 1.0  # number words carry their own scale (five million)
    scale *= raw_scale
    has_unitword = False
    um = None
    if end < n:
        c = raw[end]
        if c not in _GAP_CHARS:
            if c in _UNIT_FIRST:
                um = _UNIT_AFTER_BY.get(c, _UNIT_AFTER).match(raw, end)
        elif end + 1 < n:
            c = raw[end + 1]
            if c in _UNIT_SECOND or c >= "\x80":
                um = _UNIT_AFTER_BY.get(c, _UNIT_AFTER).match(raw, end)
    if um:
        g = um.lastgroup
        if g == "pct" and cur is None:
            kind, unit, end = "percent", "%", um.end()
        elif g == "pp" and cur is None:
            kind, unit, end = "percentage_points", "pp", um.end()
        elif g == "bp" and cur is None:
            kind, unit, end, factor = "percentage_points", "pp", um.end(), 0.01
        elif g == "pts" and cur is None:
            kind, unit, end = "points", "points", um.end()
        elif g == "cur" and cur is not None and um.group("cur")[0] == "-":
            if _SUFFIX.get(_SPACES.sub(" ", um.group("cur")[1:].lower()), ("",))[0] == cur:
                end = um.end()
        elif g == "cur" and cur is None:
            w = um.group("cur").strip(" \u00a0-").lower()
            w = _SPACES.sub(" ", w)
            if w in ("pounds", "pound") and _OF_AFTER.match(raw, um.end()):
                pass  # 500 pounds of beef
            elif um.group("cur")[0] == "-" and w not in ("cent", "yen", "dollar", "euro", "pound", "penny", "franc"):
                pass
            else:
                unit, factor = _SUFFIX[w]
                kind, end, cur_text = "money", um.end(), w
        elif g in ("code", "csp", "cscale") and cur is None:
            code = um.group("code").strip(" \u00a0").split()[0]
            if code in _CODE and (raw[e:e + 1] in " \u00a0" or raw_scale > 1 or um.group("cscale")):
                unit, factor = _CODE[code]
                kind, end, cur_text = "money", um.end(), code
                if um.group("cscale"):
                    scale *= nb.SCALES[um.group("cscale").lower()]
        elif g == "mcode" and cur is None:
            code = um.group("mcode").strip(" \u00a0")[1:]
            unit, factor = _CODE[code]
            kind, end, cur_text = "money", um.end(), code
            scale *= 1e6
        elif g == "p" and cur is None and raw[end - 1].isdigit():
            kind, unit, factor, end, cur_text = "money", "GBP", 0.01, um.end(), "p"
        if g in ("cur", "code", "mcode") and kind != "money":
            has_unitword = True
    if kind == "money":
        # "$70-a-share": fine; "$5bn-plus" fine; letters glued to the figure end it as a name
        pass
    elif cur is None and end < len(raw) and (raw[end].isalpha()):
        return None  # 7nm, 5G, 1990s, 2nd
    if pairs and kind in (None, "money") and raw.find("/", max(0, s - 40), s) >= 0:
        pair = _fx_pair_before(raw, s)
        if pair is not None and (kind is None or cur_text == pair[1]):
            # an exchange-rate level is not an amount of money: a count whose unit is the pair
            return {"start": s, "end": e, "text": raw[s:e], "kind": "count", "value": value,
                    "unit": f"{pair[0]}/{pair[1]}", "num_start": s, "num_end": e, "raw_scale": 1.0,
                    "factor": 1.0, "words": words, "cur_text": None, "sign": 0, "has_unitword": False}
    val = sign * value * scale * factor
    if not (val.is_integer() and -1e12 < val < 1e12):  # (whole numbers below 1e12 print exactly)
        val = float(f"{val:.12g}")  # 32.3 * 1e6 -> 32300000.0, not ...99996
    if kind == "points":
        kind = None  # decided by _keep_count / index context
        unit = "points"
    return {"start": start, "end": end, "text": raw[start:end], "kind": kind, "value": val, "unit": unit,
            "num_start": s, "num_end": e, "raw_scale": raw_scale, "factor": factor, "words": words,
            "cur_text": cur_text, "sign": sign if start < s and raw[start] in "+-−–" else 0,
            "has_unitword": has_unitword}


def _has_fx_pair(raw: str) -> bool:
    """Does a currency pair ("USD/CNY") occur anywhere in `raw`?  (str.find over the slashes: cheap.)"""
    i = raw.find("/")
    while i >= 0:
        if i >= 3 and raw[i - 3:i].isupper() and _FX_PAIR.match(raw, i - 3):
            return True
        i = raw.find("/", i + 1)
    return False


def _fx_pair_before(raw: str, s: int) -> tuple[str, str] | None:
    """The currency pair ("USD", "CNY") written at most 40 characters before offset s in the same
    sentence ("USD/CNY 7.12", "EUR/USD climbed 0.1% to 1.0850"), else None."""
    lo = max(0, s - 40)
    last = None
    for m in _FX_PAIR.finditer(raw, lo, s):
        last = m
    if last is None or last.group("a") not in _CODE or last.group("b") not in _CODE:
        return None
    between = raw[last.end():s]
    if "\n" in between or ". " in between or ";" in between:
        return None
    return last.group("a"), last.group("b")


def _blocked_at(raw: str, s: int, e: int) -> int:
    """End offset of a date / time / phone number / URL / a-b fraction that the numeral at s..e
    belongs to (so it is not a figure), else 0."""
    # every block pattern is a run of at most four digits at s and then one of a few characters
    n = len(raw)
    k = _DIGITS_UPTO5.match(raw, s).end()
    if s < k < n:
        c = raw[k]
        if (c in _BLOCK_NEXT or c >= "\x80") and (k - s <= 2 or c == "/" or (k - s == 4 and c == "-")) \
                and (c not in _SPACE_CHARS or (k + 1 < n and (raw[k + 1] in _BLOCK_SECOND or raw[k + 1] >= "\x80"))):
            m = _DIGIT_BLOCK.match(raw, s)
            if m:
                return m.end()
    if s > 3 and raw[s - 1] in _SPACE_CHARS and (raw[s - 2].isalpha() or raw[s - 2] == ".") \
            and not _MONTH_INITIALS.isdisjoint(raw[max(0, s - 11):s - 3]) \
            and _MONTH_TAIL.search(raw, max(0, s - 11), s):
        return e
    if (e < len(raw) and raw[e] in "-.)") or (s > 0 and raw[s - 1] in "(+"):
        for p in _PHONE_RE.finditer(raw, max(0, s - 7), min(len(raw), e + 16)):
            if p.start() <= s < p.end():
                return p.end()
    if s == 0 or raw[s - 1] in " \n":
        return 0
    ws = max(raw.rfind(" ", max(0, s - 300), s), raw.rfind("\n", max(0, s - 300), s)) + 1
    if ws < s and raw[ws].isalpha():
        tok = raw[ws:s]
        if "://" in tok or tok.startswith("www."):
            return e
    return 0


@lru_cache(maxsize=8192)
def _after_count(after: str) -> tuple[bool, str | None, bool]:
    """(first word is a model word, counted noun, is a duration) for the (at most four) words
    after a count, as matched by _NEXT_WORDS: a pure function of that short string, cached."""
    nxt = after.split()
    if not nxt:
        return False, None, False
    if nxt[0].lower() in _MODEL_WORDS:
        return True, None, False
    unit, duration = _count_unit("", 0, nxt)
    return False, unit, duration


@lru_cache(maxsize=4096)
def _read_words(words: str) -> tuple[int | None, float | None]:
    """(offset of an " and " that ends the number, value) of a run of number words: a pure
    function of that short string ("two million", "one hundred and five"), cached."""
    bad = nb.bad_and(words)
    return bad, nb.words_value(words[:bad] if bad is not None else words)


_NOT_COUNT_PREV = frozenset(("no.", "no", "number", "page", "p.", "article", "section", "chapter", "route", "room",
                             "flight", "version", "v"))
_MONTH_ABBR = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"))


def _keep_count(raw: str, r: dict, breaks: _Breaks) -> bool:
    """Decide whether a bare number is a count (or an index level) worth reporting."""
    s, e = r["num_start"], r["end"]
    if r["unit"] == "points":
        if r["words"] and r["value"] == 1 and breaks.prev_word(r["start"]).lower() in ("at", "one"):
            return False  # "at one point on Tuesday"
        sent = raw[breaks.sentence_start(s):s]
        idx = rate = -1
        for m in _INDEX_RE.finditer(sent):
            idx = m.start()
        if abs(r["value"]) <= 30:
            for m in _RATE_RE.finditer(sent):
                rate = m.start()
        if rate > idx:  # the nearer noun decides: "gross margin dipped 1.2 points"
            r["kind"], r["unit"] = "percentage_points", "pp"
            r["text"] = raw[r["start"]:r["end"]]
            return True
        if idx >= 0:
            r["kind"] = "index_points"
            return True
        r["kind"] = "count"
        return True
    words = r["words"]
    if words:
        if r["raw_scale"] == 1 and raw[s:r["num_end"]].lower() in ("one", "a", "an", "zero"):
            return False
    elif r["raw_scale"] == 1 and len(r["text"]) == 4 and _YEAR.fullmatch(r["text"]) is not None:
        return False  # years
    n = len(raw)
    if e + 1 < n:
        c = raw[e]
        # hyphen compounds: two-day, 30-year, 17-series, 12-member
        if c == "-" and raw[e + 1].isalpha():
            return False
        if c in ":/" and raw[e + 1].isdigit():
            return False
    prev = breaks.prev_word(r["start"])
    pll = prev.lower()
    if prev:
        pl = pll.strip("(\"“‘'")
        # (a word that is all lower case has no upper-case letter)
        if prev[-1] not in ".,;:!?)\"”’" and not prev.islower() and any(map(str.isupper, prev)) \
                and pl not in _FUNCTION:
            return False  # Mate 60, Qihoo 360, iPhone 17, S&P 500, AH 20191
        if pl in _NOT_COUNT_PREV or prev.endswith(("#", "No.")):
            return False
        if pl.rstrip(".") in _MONTH_ABBR:
            return False
    if e < n and raw[e] in _SPACE_CHARS:
        model, unit, duration = _after_count(_NEXT_WORDS.match(raw, e).group())
        if model or duration:
            return False
    else:
        unit = None
    r["unit"] = unit
    if unit is None and not words and pll in _LEVEL_PREV \
            and _INDEX_RE.search(raw, breaks.sentence_start(s), s):
        r["kind"], r["unit"] = "index_points", "points"  # "the Shenzhen Component dropped 2.3% to 13,050"
    # count spans include the qualifier ("nearly one million")
    if pll in _QUAL_LAST and r["kind"] is None \
            and _QUAL_TAIL.search(raw, max(0, r["start"] - 20), r["start"]):
        r["qualifier_in_span"] = True
    return True


_DIRECTED_KINDS = frozenset(("money", "percent", "percentage_points", "index_points", "count"))


def _order_key(r: dict) -> tuple:
    return (r["start"], _PRIORITY.get(r["kind"], 9), r["start"] - r["end"])


def _settle_overlaps(rows: list[dict]) -> list[dict]:
    """The rows of one run of overlapping spans (in _order_key order) that are kept, by (start, end)."""
    if len(rows) == 2:  # (the usual case: two rows that overlap each other; one is kept)
        a, b = rows
        if a["kind"] == "count" and b["kind"] != "count":
            return [b]
        if a["kind"] != "count" and b["kind"] != "count" \
                and (_PRIORITY[b["kind"]], b["start"]) < (_PRIORITY[a["kind"]], a["start"]):
            return [b]
        return [a]
    kept: list[dict] = []
    strong = sorted((r for r in rows if r["kind"] != "count"), key=lambda r: (_PRIORITY[r["kind"]], r["start"]))
    taken_ends: list[int] = []  # the kept spans, non-overlapping, sorted by start
    tstarts: list[int] = []
    for r in strong + [r for r in rows if r["kind"] == "count"]:
        s, e = r["start"], r["end"]
        i = bisect_left(tstarts, e) - 1  # the span starting last before e is the only one that can overlap
        if i >= 0 and taken_ends[i] > s:
            continue
        i = bisect_left(tstarts, s)
        tstarts.insert(i, s)
        taken_ends.insert(i, e)
        kept.append(r)
    kept.sort(key=lambda r: (r["start"], r["end"]))
    return kept


def _resolve(raw: str, rows: list[dict], breaks: _Breaks) -> list[dict]:
    """Drop figures overlapping a stronger one; add qualifier, direction, subject, ticker."""
    if len(rows) > MAX_FIGURES:
        rows.sort(key=lambda r: r["start"])
        rows = rows[:MAX_FIGURES]
    rows.sort(key=_order_key)
    # A row is dropped when it overlaps a kept one taken earlier in the order: the strong kinds by
    # (priority, start), then the counts by start.  Only rows in one run of overlapping spans can
    # interact, so each run is settled on its own (most rows overlap nothing and are kept).
    kept: list[dict] = []
    n = len(rows)
    i = 0
    while i < n:
        r = rows[i]
        j = i + 1
        end = r["end"]
        while j < n and rows[j]["start"] < end:
            if rows[j]["end"] > end:
                end = rows[j]["end"]
            j += 1
        if j == i + 1:
            kept.append(r)
        else:
            kept.extend(_settle_overlaps(rows[i:j]))
        i = j
    tickers = [r for r in kept if r["kind"] == "ticker"]
    tick_starts = [t["start"] for t in tickers]
    out = []
    prev_dir = None  # direction of the previous output row
    prev_end = 0
    prev_word = breaks.prev_word
    clause_start = breaks.clause_start
    for r in kept:
        s = r["start"]
        kind = r["kind"]
        # (the qualifier pattern ends with a space: no qualifier unless one precedes the figure;
        # a word before one space is a qualifier word only if its last two letters can end one)
        if s > 2 and raw[s - 1] in _SPACE_CHARS \
                and (raw[s - 2] in " \u00a0\t" or raw[s - 3:s - 1].lower() in _QUAL_END2) \
                and prev_word(s).lower() in _QUAL_LAST:
            q = _QUAL_TAIL.search(raw, s - 20 if s > 20 else 0, s)
            qual = q.group("q").lower() if q else None
        else:
            q = qual = None
        if q and r.pop("qualifier_in_span", False):
            r["start"] = s = q.start()
        cs = clause_start(s)
        clause = raw[cs:s]
        direction = None
        if kind in _DIRECTED_KINDS:
            sign = r.get("sign")
            if kind == "count" and r.get("unit") not in ("points", None):
                pass  # a count of a noun ("300 employees") has no direction of its own
            elif sign:
                direction = "up" if sign > 0 else "down"
            else:
                direction = _direction_before(clause)
                if direction is None:
                    e = r["end"]
                    m = _NOUN_RUN.match(raw, e) if e < len(raw) and raw[e] in _SPACE_CHARS else None
                    if m:
                        direction = _CHANGE_NOUNS.get(m.group(1).lower())
            if direction is None and prev_dir and _OR_BETWEEN.fullmatch(raw, prev_end, s):
                direction = prev_dir  # "lost 500 points, or 1.3%": the same move restated
        subject = None
        if kind != "ticker":
            ticker = r.get("ticker")
            exchange = r.get("exchange")
            if tick_starts:
                j = bisect_right(tick_starts, s - 1) - 1
                if j >= 0:
                    sent0 = breaks.sentence_start(s)
                    if tickers[j]["start"] >= sent0:
                        t = tickers[j]
                        ticker, exchange = t["ticker"], t["exchange"]
                        if raw.rfind("(", sent0, s) > t["start"] - 2 and raw.find(")", t["end"], s) < 0:
                            subject = _prev_word(raw, raw.rfind("(", max(0, t["start"] - 2), t["start"] + 1)).strip("\"“”") or None
            if subject is None:
                subject = _subject(clause)
        else:
            ticker = r["ticker"]
            exchange = r["exchange"]
            par = raw.rfind("(", max(0, s - 20), s)
            if par >= 0:
                subject = _prev_word(raw, par).strip("\"“”") or None
        value = r["value"]
        e = r["end"]
        out.append({"start": s, "end": e, "text": raw[s:e], "kind": kind,
                    "value": float(value) if isinstance(value, (int, float)) else math.nan,
                    "unit": r.get("unit"), "qualifier": qual, "direction": direction,
                    "subject": subject, "ticker": ticker, "exchange": exchange})
        prev_dir = direction
        prev_end = e
    return out


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _figures_for_article(article: Article) -> list[dict]:
    """Figure rows (start, end and the typed columns) for one article's raw text."""
    return _scan(article.raw)


def extract_figures(articles_or_text: Any, published: Any = None) -> pd.DataFrame:
    """The ``figures`` table for a text, a list/Series of texts, Article(s) or the articles table.

    >>> extract_figures("Xiaomi shares gained 3.52 per cent to close at HK$44.72")[["text", "value", "unit"]]
    ... # doctest: +SKIP
    """
    return span_table(articles_or_text, _figures_for_article, "figures", published)


def _json_value(v: Any) -> Any:
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if v.is_integer() and abs(v) < 1e18:
            return int(v)
        return round(v, 10)
    return v


def json_items(article: Article | str) -> list[dict]:
    """Figures of one article in the eval schema's field names (for ``newslib extract --jsonl``):
    text, kind, value (the symbol for a ticker), unit, subject, in_boilerplate, start, end, plus
    qualifier, direction, ticker, exchange."""
    if not isinstance(article, Article):
        article = next(as_articles(article))
    rows = locate(article, _figures_for_article(article))
    out = []
    for r in rows:
        out.append({
            "text": r["text"], "kind": r["kind"],
            "value": r["ticker"] if r["kind"] == "ticker" else _json_value(r["value"]),
            "unit": r["unit"], "subject": r["subject"], "in_boilerplate": bool(r["in_boilerplate"]),
            "start": r["start"], "end": r["end"], "qualifier": r["qualifier"],
            "direction": r["direction"], "ticker": r["ticker"], "exchange": r["exchange"],
        })
    return out


# --------------------------------------------------------------------------------------------
# Currency conversion with the fixed FX table
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def fx_table() -> pd.DataFrame:
    """The fixed FX table ``lexicons/fx_rates.csv``: one row per ISO code with ``per_usd`` (units of
    the currency one US dollar buys) and a note.  The file's header states the date and source."""
    text = resources.files("newslib").joinpath("lexicons", "fx_rates.csv").read_text(encoding="utf-8")
    rows = []
    header = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(",", 2)]
        if header is None:
            header = parts
            continue
        rows.append(dict(zip(header, parts, strict=False)))
    df = pd.DataFrame(rows)
    df["per_usd"] = df["per_usd"].astype(float)
    return df


def to_currency(figures: pd.DataFrame, target: str = "USD") -> pd.DataFrame:
    """Money rows of a figures table with their value converted to `target` at the fixed rates.

    Adds ``value_<TARGET>`` and ``fx_rate`` (target units per unit of the figure's currency).
    Currencies missing from the table get NaN.
    """
    rates = dict(zip(fx_table()["code"], fx_table()["per_usd"], strict=False))
    if target not in rates:
        raise ValueError(f"{target} is not in the FX table")
    money = figures[figures["kind"] == "money"].copy()
    fx = money["unit"].map(lambda u: rates[target] / rates[u] if u in rates else math.nan).astype(float)
    money["fx_rate"] = fx
    money[f"value_{target}"] = money["value"].astype(float) * fx
    return money


def share_moves(figures: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per sentence that states a share-price (or index) move: the percent or money
    change with its direction, and the closing level stated after it in the same sentence.

    Columns: article_id, sentence_id, subject, ticker, change, change_unit, direction, close,
    close_unit, start, end (of the change figure), published (from `articles` when given).
    Boilerplate figures are left out.
    """
    f = figures[~figures["in_boilerplate"]]
    out = []
    for (aid, sid), grp in f.groupby(["article_id", "sentence_id"], sort=True):
        grp = grp.sort_values("start")
        moves = grp[grp["direction"].notna() & grp["kind"].isin(["percent", "money", "index_points"])]
        if moves.empty:
            continue
        mv = moves.iloc[0]
        later = grp[(grp["start"] > mv["end"]) & grp["direction"].isna()
                    & grp["kind"].isin(["money", "index_points"])]
        close = later.iloc[0] if len(later) else None
        out.append({"article_id": aid, "sentence_id": sid, "subject": mv["subject"], "ticker": mv["ticker"],
                    "change": mv["value"], "change_unit": mv["unit"], "direction": mv["direction"],
                    "close": close["value"] if close is not None else math.nan,
                    "close_unit": close["unit"] if close is not None else None,
                    "start": mv["start"], "end": mv["end"]})
    res = pd.DataFrame(out, columns=["article_id", "sentence_id", "subject", "ticker", "change", "change_unit",
                                     "direction", "close", "close_unit", "start", "end"])
    if articles is not None and "published" in articles.columns:
        res = res.merge(articles[["article_id", "published"]], on="article_id", how="left")
    return res
