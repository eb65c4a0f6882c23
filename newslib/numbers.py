"""Numbers as written in news text: digits with grouping, scale words and English number words.

Shared by the figures extractor and any module that needs a number's value:

* :data:`DIGITS` — regex source for a written numeral: ``1,234,567.5``, ``44.72``, ``.5`` and
  space-grouped ``1 414 021 100`` (at least two groups of three, so "May 5 100" stays two numbers).
* :data:`WORDS` — regex source (case-insensitive) for a run of number words: ``twenty-one``,
  ``one hundred``, ``five and a half million``, ``three lakh crore``, ``a million``.
* :data:`SCALES` — scale words and abbreviations (million, mn, bn, bln, bil, mil, tn, lakh, crore ...).
* :func:`digits_value`, :func:`words_value` turn the matched text into a float.

Every pattern is a bounded sequence of literal alternatives (no nested unbounded quantifiers),
so matching is linear in the text length.
"""
from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
# Multipliers written as words or abbreviations.  Values are plain multipliers.
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "mn": 1e6,
    "mln": 1e6, "m": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9, "bln": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "tln": 1e12, "dozen": 12,
    # Malaysian / Singaporean press: "US$108.5bil", "RM500mil", "RM1.2tril"
    "mil": 1e6, "bil": 1e9, "tril": 1e12,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
             "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}

DIGITS = (r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3}){2,}(?![\d,])|\d+)(?:\.\d+)?"
          r"|\.\d+")


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_TENS_UNITS = rf"(?:{_alt(TENS)})(?:-(?:{_alt(k for k, v in UNITS.items() if 0 < v < 10)}))?"
_WORD = (rf"(?:{_TENS_UNITS}|{_alt(UNITS)}|hundred|thousand|million|billion|trillion|lakhs?"
         r"|crores?|dozen)\b")
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|lakh|crore|dozen)\b"
# a run of number words; "and" joins words (one hundred and five; five and a half million);
# "a"/"an" may open a scale word (a million).  Bounded to 10 words.
WORDS = (rf"(?:an?[ ](?={_SCALE_WORD})|)(?:{_WORD})"
         rf"(?:(?:[ \u00a0-]|[ ]and[ ])(?:{_WORD})|[ ]and[ ]an?[ ]half\b){{0,9}}")

_DIGITS_RE = re.compile(DIGITS)
_GROUPING = re.compile(r"[,\s\u00a0\u202f]")
_WORDS_RE = re.compile(rf"\b(?i:{WORDS})")
_TOKEN = re.compile(r"[a-z]+")


def digits_value(text: str) -> float:
    """The value of a written numeral: grouping commas and spaces are dropped (``1,234.5`` -> 1234.5)."""
    return float(_GROUPING.sub("", text)) if not text.isdigit() else float(text)


def words_value(text: str) -> float | None:
    """The value of a run of English number words, or None when it is not a well-formed number.

    ``twenty-one trillion`` -> 2.1e13, ``one hundred and five`` -> 105, ``five and a half million``
    -> 5.5e6, ``three lakh crore`` -> 3e12, ``a million`` -> 1e6.
    """
    toks = _TOKEN.findall(text.lower())
    total = 0.0
    current = 0.0
    last_scale = False
    seen = False
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("a", "an"):
            if i + 1 < len(toks) and toks[i + 1] == "half":
                current += 0.5
                i += 2
                continue
            current = current or 1.0
        elif t == "and":
            pass
        elif t in UNITS:
            current += UNITS[t]
            seen, last_scale = True, False
        elif t in TENS:
            current += TENS[t]
            seen, last_scale = True, False
        elif t == "hundred":
            current = (current or 1.0) * 100
            seen, last_scale = True, False
        elif t == "dozen":
            current = (current or 1.0) * 12
            seen, last_scale = True, False
        elif t in SCALES:
            scale = SCALES[t]
            if current == 0 and last_scale:
                total *= scale  # "lakh crore"
            else:
                total += (current or 1.0) * scale
            current = 0.0
            seen, last_scale = True, True
        else:
            return None
        i += 1
    if not seen:
        return None
    return total + current


def bad_and(text: str) -> int | None:
    """Offset in `text` of an " and " that joins two separate numbers ("two and three"), else None.

    "and" is part of a number only after hundred / a scale word (one hundred and five) or
    before "a half" (five and a half)."""
    low = text.lower()
    pos = 0
    while True:
        i = low.find(" and ", pos)
        if i < 0:
            return None
        before = low[:i].rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
        after = low[i + 5:]
        if not (before in SCALES or after.startswith(("a half", "an half"))):
            return i
        pos = i + 5


def find_numbers(text: str):
    """Yield (start, end, value) of every numeral and number-word run in `text` (no filtering)."""
    for m in _DIGITS_RE.finditer(text):
        yield m.start(), m.end(), digits_value(m.group())
    for m in _WORDS_RE.finditer(text):
        v = words_value(m.group())
        if v is not None:
            yield m.start(), m.end(), v
