"""Temporal expressions: find dates, times, durations and sets in an article and resolve them to
TIMEX3 values against the publication date.

`extract_dates(articles_or_text, published=None)` returns the ``dates`` table, one row per
expression:

``text``   the expression as written, with TimeML span conventions: no leading "on"/"in"/"at",
           "the third quarter" keeps its "the", a possessive 's is left out ("Saturday's" -> Saturday).
``kind``   date, time, duration or set (the TIMEX3 types).
``value``  the TIMEX3 value: 2021-05-26, 2021-05, 2025-Q3, 2021-H1, 1998-W08, 1998-W08-WE, 1997-FA,
           199X (a decade), 2021-05-26T08:47, 2000-01-05TNI, P15Y, PT24H, PXY, PRESENT_REF, PAST_REF,
           FUTURE_REF; XXXX-05-20 / XXXX-Q1 / XXXX-WXX-2 when the article has no publication date and
           the expression names no year; <NA> for deictic expressions ("this year", "last month")
           that cannot be placed without a publication date.
``mod``    START (early ...), MID, END (late ...), APPROX (about ...), MORE_THAN, LESS_THAN,
           EQUAL_OR_LESS (up to, at most), EQUAL_OR_MORE (at least), BEFORE, AFTER.
``anchor`` what a relative expression was resolved against: the publication date (YYYY-MM-DD)
           or, for "later that day", "a year earlier", "the quarter", the value last mentioned.

Resolution rules (news conventions):
* weekdays: the most recent such day on or before the publication date, unless the clause before
  it is in the future tense ("will ... on Monday"), then the next one (on or after);
* month-day and month without a year: the occurrence nearest to the publication date; a future
  cue moves it forward, a past cue moves a later-in-the-year month back a year (for a month that
  opens its clause the cue may be the verb after it: "Sales from January to October totaled");
* "the third quarter": the latest completed one (the current year's if it has started), the next
  one when the clause is in the future tense; "a year earlier"/"the year-ago quarter" shift the
  last mentioned quarter (or month, year) back a year;
* deictic words: yesterday, today, tonight, this/last/next week, month, quarter, year, season;
* "later that day", "the next day", "the following year", "previous month" are anchored to the
  last date mentioned; a relative expression that cannot be placed (no publication date) clears
  that focus, so "the previous quarter" after "last quarter" stays unresolved;
* no publication date: a bare "Q3" / "the third quarter" / "H1" takes the year the text gives the
  same period elsewhere ("the third quarter of 2023"), when it gives one year only;
* "today's world / environment / youth ...": PRESENT_REF (the present era, not the day);
* "the coming months / quarters": a vague duration (PXM); "by year-end": the end of this year
  (mod END), "since year-end" or a past clause: of the last one; "the day's losses": the day in
  focus; "that quarter": the quarter in focus.

`timexes(text, dct)` does the same on a bare text for TimeML-style scoring, `json_items(article)`
gives the eval-schema fields for ``newslib extract --jsonl``.
"""
from __future__ import annotations

import codecs
import functools
import operator
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

try:  # the regex parser, to read which characters a rule's match can begin with
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

import pandas as pd

from .article import Article, span_table, to_timestamp
from .numbers import TENS, UNITS
from .text import MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS, load_lexicon

__all__ = ["extract_dates", "json_items", "timexes", "scan", "Timex"]


# ---- lexicons ---------------------------------------------------------------------------------
def _pairs(name: str) -> dict[str, str]:
    out = {}
    for line in load_lexicon(name):
        if "|" in line:
            k, v = line.split("|", 1)
            out[k.strip()] = v.strip()
    return out


_REFS = {k.lower(): v for k, v in _pairs("date_refs.txt").items()}
_SETS = {k.lower(): v for k, v in _pairs("date_sets.txt").items()}
_HOLIDAYS = _pairs("date_holidays.txt")
_PRESENT_NOUNS = frozenset(w.lower() for w in load_lexicon("date_present_nouns.txt"))
# "today's" + up to two more words: the last word read is checked against _PRESENT_NOUNS
_TODAYS_NOUN = re.compile(r"['’]s\s([A-Za-z-]{1,20})(?:\s([A-Za-z-]{1,20}))?(?:\s([A-Za-z-]{1,20}))?")
_FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "and", "or", "in", "on", "at", "for", "with", "to", "by", "from"})
_TENSE = {k.lower().replace("’", "'"): v for k, v in _pairs("date_tense.txt").items()}
# words that show a text reports April-March fiscal years labelled by their ending year ("FY24")
_APRIL_FY = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted((re.escape(w) for w in load_lexicon("date_fiscal_april.txt")), key=len, reverse=True))
    + r")(?![A-Za-z])")
_SPLIT_YEAR = re.compile(r"(?<![\d-])(?:19|20)(\d\d)[-–/](\d\d)(?![\d-])")


def _trie(words, space: str = r"\s{1,3}", special: dict[str, str] | None = None) -> str:
    """A regex matching exactly the literal phrases in `words`, built as a prefix tree so the
    engine checks one branch per next character instead of every phrase in turn.  A phrase that
    is a prefix of another is tried after it (longest first); spaces match `space`, and the
    placeholder characters in `special` their regex (at most one placeholder per branch point,
    so the branches stay mutually exclusive)."""
    special = {" ": space, **(special or {})}
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        assert sum(ch in special for ch in node) <= 1, "overlapping placeholders"
        alts = [(special.get(ch) or re.escape(ch)) + build(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")"


def _alt(words) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace run
    (of one to three characters)."""
    return _trie(words)


_re = functools.cache(re.compile)
_SOON_SIGNAL = re.compile(r"\s(?:after|before)\b", re.IGNORECASE)
_AS_BEFORE = re.compile(r"\bas\s\Z", re.IGNORECASE)
_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def _norm_ws(text: str) -> str:
    """`text` with each whitespace run as one space (cached: rule groups repeat)."""
    return _WS.sub(" ", text)


_WS_DASH = re.compile(r"[\s-]+")


# ---- shared pieces ----------------------------------------------------------------------------
_SMALL = UNITS  # number words live once, in newslib.numbers
_TENS = TENS
_VAGUE = {"several", "a few", "few", "many", "some", "a couple of", "a number of", "numerous"}
_UNITS_1_9 = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# number words before a unit ("fifteen", "twenty-one", "a hundred", "a few"): a prefix tree in
# which "\x01" stands for a space or hyphen and "\x02" for one whitespace character
_NUM_WORDS = (
    [t + "\x01" + u for t in _TENS for u in _UNITS_1_9] + list(_TENS)
    + [n + "\x02" + h for n in ("a", *_UNITS_1_9) for h in ("hundred", "thousand")]
    + list(_SMALL)
    + ["a\x02dozen", "dozens\x02of", "a\x02couple\x02of", "a\x02number\x02of", "a\x02few", "several", "few", "many",
       "some", "numerous", "an", "a"]
)
_NUM = r"(?:\d{1,4}(?:\.\d{1,2})?(?:\s1/2)?|" + _trie(_NUM_WORDS, special={"\x01": r"[\s-]", "\x02": r"\s"})[3:]
_UNIT = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
         r"|decades?|century|centuries)")
_QUAL = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "upwards of": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "nearly": "APPROX",
    "almost": "APPROX", "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN", "close to": "APPROX",
}
_QUAL_RE = _alt(_QUAL)
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAYPART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_MODW = {"early": "START", "earlier": "START", "beginning": "START", "start": "START", "mid": "MID",
         "middle": "MID", "late": "END", "later": "END", "end": "END", "close": "END"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "last": 4, "final": 4}
_SEASON = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_UNIT_CODE = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
              "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "Y", "century": "Y"}
_UNIT_MULT = {"fortnight": 2, "decade": 10, "century": 100}

_MOD_PRE = r"(?:(?P<mod>early|mid|late|the\s(?:end|beginning|start|middle|close)\sof)[\s-]{1,2})?"

# ---- the rules --------------------------------------------------------------------------------
# Each rule is one regex; candidates from all rules are merged leftmost-longest, then resolved in
# document order.  Every pattern is a sequence of literals, bounded classes and optional groups:
# no nested quantifiers, so matching is linear in the text length.
_I = re.IGNORECASE
RULES: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(
        r"(?<![\d/.-])(?P<y>" + _YEAR + r")(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>0?[1-9]|[12]\d|3[01])"
        r"(?:[T\s](?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::[0-5]\d)?)?(?![\d/])")),
    ("mdy_num", re.compile(
        r"(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>" + _YEAR + r"|\d\d)(?![\d/])")),
    # a month range that spans a calendar quarter or half ("April-June", "the July-September period",
    # "January to March 2024"): one expression, valued as that quarter / half (ranges of other lengths
    # are left to the month rules, two expressions as in TimeML)
    ("month_range", re.compile(
        r"(?<![\w-])(?P<m1>" + MONTH_RE + r")(?:\s?[-–—/]\s?|\s(?P<to>to|through|till|until)\s)"
        r"(?P<m2>" + MONTH_RE + r")(?![\w'’-])(?:,?\s(?P<y>" + _YEAR + r")(?!\d))?"
        r"(?:\s(?P<qw>(?i:quarter|period|half|months))(?!\w)(?:\s(?i:of)\s(?P<y2>" + _YEAR + r")(?!\d))?)?")),
    ("mdy", re.compile(
        r"(?<!\w)(?:(?P<wd>" + _WD_FULL + r"),?\s{1,2})?" + r"(?i:" + _MOD_PRE + r")"
        r"(?P<mon>" + MONTH_RE + r")(?!\w)(?:\s{1,2}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d|\w))?"
        r"(?:,?\s{1,2}(?:of\s)?(?P<year>" + _YEAR + r")(?!\d)|\s(?P<rely>(?i:this|last|next))\syear(?!\w)"
        r"|\s(?P<spy>(?i:nineteen|two\sthousand)[\s-](?i:[a-z]{3,7})(?:-(?i:[a-z]{3,5}))?))?")),
    ("dmy", re.compile(
        r"(?<![\w.,])(?:(?P<wd>" + _WD_FULL + r"),?\s{1,2})?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s{1,2}(?:of\s{1,2})?"
        r"(?P<mon>" + MONTH_RE + r")(?![\w'’])(?:,?\s{1,2}(?P<year>" + _YEAR + r")(?!\d))?")),
    ("year", re.compile(
        r"(?<![\w$€£¥.,/-])(?i:" + _MOD_PRE + r")(?:(?P<fy>(?i:fiscal)(?:\s(?i:year))?)\s)?(?P<year>" + _YEAR + r")"
        # a split (fiscal, season) year "2023-24", "2023/24": valued as its starting year
        r"(?:[-–/](?P<y2>\d\d)(?![\d%/–-]|[.,]\d))?"
        r"(?![\d%]|[.,]\d|-\d|\s?(?:percent|per\scent|pc)\b)")),
    ("fy", re.compile(r"(?<!\w)FY\s?(?P<year>" + _YEAR + r"|\d\d)(?:[-–/](?P<y2>\d\d(?:\d\d)?))?(?!\w)")),
    ("decade", re.compile(
        r"(?<![\w$])(?:(?P<the>the)\s)?(?:(?P<mod>early|mid|late)[\s-]{1,2})?(?:(?P<dec>1[6-9]\d|20\d)0|['’](?P<dec2>\d)0)['’]?s(?!\w)", _I)),
    ("century", re.compile(
        r"(?<!\w)(?:the\s)?(?:(?P<mod>early|mid|late)[\s-]{1,2})?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]century(?!\w)", _I)),
    ("quarter", re.compile(
        r"(?<![\w-])(?:(?P<ypos>" + _YEAR + r"|this\syear|last\syear|next\syear)['’]s\s)?(?P<the>the\s)?"
        r"(?:(?P<adj>latest|current|this|same|comparable|corresponding|most\srecent|year-ago|year-earlier|previous|preceding|prior|past|last|next|coming|following)\s)?"
        r"(?:(?P<ypre>" + _YEAR + r")\s)?(?:(?P<fis>fiscal)[\s-]{1,2})?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]{1,2}(?:(?P<fis2>fiscal)[\s-])?"
        r"|(?P<qmon>march|june|september|sept|december)\s)?"
        r"(?P<qw>quarter|period)(?![\w-]|\sof\s(?:a|an|one|the\s(?:company|market|world))\b|\spoint)"
        r"(?:\s(?:of\s)?(?:(?i:fiscal)\s(?:year\s)?)?(?P<year>" + _YEAR + r")(?!\d)|\sof\s(?P<yrel>this|last|next)\syear(?!\w))?"
        r"(?P<yago>\s(?:of\s)?(?:last\syear|a\syear\s(?:earlier|ago|before)|the\s(?:year\s(?:before|earlier)|previous\syear|prior\syear)))?", _I)),
    ("qform", re.compile(
        r"(?<![\w-])(?:Q(?P<q>[1-4])(?:\s{0,2}(?:FY\s?)?(?P<y>" + _YEAR + r"|['’]?\d\d))?"
        r"|(?P<y2>" + _YEAR + r")\s?Q(?P<q2>[1-4])|C?(?P<q3>[1-4])Q\s?(?P<y3>" + _YEAR + r"|\d\d)"
        # half years: "H1 2025", "2025 H2", "1H25", "H1'25"; a bare "H1" only before a results word
        r"|H(?P<h>[12])(?:\s{0,2}(?:FY\s?)?(?P<hy>" + _YEAR + r"|['’]?\d\d)|(?=\s(?:results?|revenues?|sales|earnings|profits?"
        r"|net|loss(?:es)?|guidance|growth|deliveries|shipments|performance|figures|numbers|report)\b))"
        r"|(?P<hy2>" + _YEAR + r")\s?H(?P<h2>[12])|(?P<h3>[12])H\s?(?P<hy3>" + _YEAR + r"|\d\d))(?![\w-])")),
    ("half", re.compile(
        r"(?<![\w-])(?P<the>the\s)?(?P<ord>first|second|last|latter|back)[\s-]half"
        r"(?:\sof\s(?:(?P<y>" + _YEAR + r")|(?:the\s|this\s|(?P<lastyear>last\s)|(?P<nextyear>next\s))?(?:fiscal\s)?year))?(?![\w-])", _I)),
    ("season", re.compile(
        r"(?<!\w)(?:(?P<mod>early|mid|late)[\s-]{1,2})?(?:the\s)?(?P<s>spring|summer|autumn|winter|fall)(?:\sof)?\s(?P<y>" + _YEAR + r")(?!\d)", _I)),
    ("season_bare", re.compile(
        r"(?<!\w)(?:(?:in|during|over|by|until|through|throughout|since|before|after|this|last|next)\s|(?=the\s))(?P<span>(?:the\s)?(?:(?P<mod>early|late)\s)?(?P<s>spring|summer|autumn|winter))(?!\w)", _I)),
    ("relative", re.compile(
        r"(?<!\w)(?:(?P<mod>early|earlier|late|later|mid)[\s-]{1,2})?"
        r"(?P<dir>this(?:\spast|\scoming)?|last|next|past|previous|coming|the\s(?:past|last|next|previous|coming|following|current|same|latest|preceding|prior))\s"
        r"(?:(?P<fis>fiscal)\s)?(?P<u>week|weekend|month|year|decade|century|spring|summer|fall|autumn|winter|morning|afternoon|evening|night"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        r"|january|february|march|april|may|june|july|august|september|october|november|december)(?![\w-])", _I)),
    ("in_the", re.compile(
        # ("earlier in the day" is not tagged: TimeBank, AQUAINT and our annotations leave it out)
        r"(?<!\w)(?P<mod>earlier|later|early|late)\sin\sthe\s(?P<u>year|month|week)(?!\w)", _I)),
    ("the_end_of", re.compile(
        r"(?<!\w)the\s(?P<mod>end|beginning|start|middle|close)\sof\s(?:the|this)\s(?P<u>year|month|week|quarter|decade)(?!\w)", _I)),
    ("deictic", re.compile(
        r"(?<!\w)(?:(?P<mod>early|earlier|late|later|mid)[\s-]{1,2})?(?P<w>yesterday|today|tomorrow|tonight|overnight)"
        r"(?:\s(?P<part>morning|afternoon|evening|night))?(?!\w)", _I)),
    ("thispart", re.compile(r"(?<!\w)(?P<dir>this|last|tomorrow|yesterday)\s(?P<part>morning|afternoon|evening|night)(?!\w)", _I)),
    ("weekday", re.compile(
        r"(?<![\w-])(?:(?P<mod>early|earlier|late|later)\s)?(?P<wd>" + WEEKDAY_RE + r")(?![\w-])"
        r"(?:\s(?P<part>morning|afternoon|evening|night))?", _I)),
    ("spelled_year", re.compile(
        r"(?<!\w)(?:the\syear\s)?(?P<spy>nineteen[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
        r"|two\sthousand(?:\sand\s(?:one|two|three|four|five|six|seven|eight|nine|ten))?)(?![\w-])", _I)),
    ("weekend", re.compile(r"(?<!\w)(?:(?P<mod>early|late)\s)?the\sweekend(?!\w)", _I)),
    ("ref", re.compile(r"(?<![\w-])" + _alt(_REFS) + r"(?![\w-])", _I)),
    ("coming", re.compile(
        r"(?<![\w-])(?P<span>(?:the\s)?(?:coming|upcoming)\s(?P<u>years|decades|months|weeks|days|quarters|hours))(?![\w-])", _I)),
    ("yearend", re.compile(
        r"(?<![\w-])(?:(?P<pre>since|by|at|until|till|before|after|around|near|through|to)\s)?"
        r"(?P<span>(?:the\s)?year[-\s]end|(?:the\s)?year['’]s\send)(?![\w-])", _I)),
    ("recent", re.compile(r"(?<![\w-])(?:in\s)?(?P<span>recent(?:\s(?:years|months|weeks|days|decades|quarters))?)(?![\w-])", _I)),
    ("ago", re.compile(
        r"(?<![\w-])(?:(?P<q>" + _QUAL_RE + r")\s)?(?P<n>" + _NUM + r")[\s-]{1,2}(?P<u>" + _UNIT + r")"
        r"(?:\sor\sso)?\s(?P<d>ago|earlier|later|before|after|from\snow|hence)(?!\w)", _I)),
    ("ago_bare", re.compile(r"(?<![\w-])(?P<u>years|months|weeks|days|decades)\sago(?!\w)", _I)),
    ("yearago", re.compile(
        r"(?<![\w-])(?:the\s)?(?:(?:comparable|same)\s)?(?:year|a\syear|twelve\smonths|12\smonths)[\s-](?:ago|earlier|before|previous)"
        r"(?:\s(?:third|first|second|fourth|fiscal|\s)*(?P<u>quarter|period|month|year|nine\smonths|six\smonths))?(?!\w)", _I)),
    ("anaphor", re.compile(
        r"(?<!\w)(?:(?P<mod>earlier|later|late|early)\s)?(?P<w>that\s(?:day|morning|afternoon|evening|night|week|month|year|quarter)"
        r"|the\sday(?=['’]s(?!\w))"
        r"|the\s(?:same|next|following|previous|preceding)\s(?:day|morning|week|month|year|quarter)"
        r"|the\s(?:day|week|month|year)\s(?:before|after|earlier|later)"
        r"|the\s(?:latest|current|most\srecent)\s(?:fiscal\s)?(?:quarter|year|period|month|week)"
        r"|the\s(?:fiscal\s|full\s|calendar\s)?(?:quarter|year))(?!\w)", _I)),
    ("duration", re.compile(
        r"(?<![\w$€£-])(?P<the>the\s(?:(?:past|last|next|first|final|previous|coming|following|latest|same|year-earlier|year-ago|remaining|initial)\s)?)?"
        r"(?:(?P<q>" + _QUAL_RE + r")\s)?(?P<n>" + _NUM + r")(?P<more>\smore)?(?P<sep>[\s-]{1,2})(?:(?:trading|business|working|calendar|consecutive|additional|extra|further|full|straight|successive)\s)?"
        r"(?P<u>" + _UNIT + r")(?P<adj>-old|-long)?(?![\w-])(?P<half>\sand\sa\shalf)?", _I)),
    ("bare_plural", re.compile(
        r"(?<!\w)(?:for|in|over|within|take|takes|took|taken|last|lasted)\s(?P<span>(?:the\spast\s)?(?P<u>years|decades|months|weeks|days|hours|minutes|centuries))(?!\w)", _I)),
    ("decades_long", re.compile(r"(?<!\w)(?P<u>decade|year|month|week|day|hour|centur)(?:s|ies)-long(?!\w)", _I)),
    ("set", re.compile(r"(?<![\w-])" + _alt(_SETS) + r"(?![\w-])", _I)),
    ("every", re.compile(
        r"(?<!\w)(?:every|each)\s(?P<other>other\s)?(?P<u>day|week|month|quarter|year|morning|evening|night|weekend|summer|winter|spring|fall|autumn"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        r"|january|february|march|april|may|june|july|august|september|october|november|december)(?!\w)", _I)),
    ("per", re.compile(r"(?<!\w)(?:(?P<k>a|an|per)\s)(?P<u>year|month|week|day|hour|quarter)(?!\w)", _I)),
    ("times_per", re.compile(r"(?<!\w)(?:once|twice|three\stimes|four\stimes)\s(?:a|per|each|every)\s(?P<u>year|month|week|day|hour|quarter)(?!\w)", _I)),
    ("weekdays_set", re.compile(r"(?<!\w)(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:s(?:\s(?P<part>mornings|afternoons|evenings|nights))?|\s(?P<part2>mornings|afternoons|evenings|nights))(?!\w)")),
    ("clock", re.compile(
        r"(?<![\w:.])(?:(?P<q>about|around|approximately|roughly|shortly\safter|shortly\sbefore|just\safter|just\sbefore)\s)?"
        r"(?P<H>[01]?\d|2[0-3])(?::(?P<M>[0-5]\d))?\s?(?P<ap>[ap]\.m\.?|[ap]m|[AP]\.M\.?|[AP]M)(?!\w)"
        r"(?:\s(?P<tz>[ECMP][SD]?T|GMT|UTC|HKT|BST|CET|JST|local\stime|Beijing\stime|\((?:US|local|Beijing|Hong\sKong)\stime\)))?", _I)),
    ("clock24", re.compile(r"(?<![\w:.])(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?![\w:]|\.\d)(?:\s(?P<tz>[ECMP][SD]?T|GMT|UTC|HKT|BST|CET|JST))?")),
    ("noon", re.compile(r"(?<!\w)(?<!high\s)(?P<w>noon|midnight|midday|mid-?afternoon|mid-?morning)(?!\w)", _I)),
    ("holiday", re.compile(r"(?<!\w)(?:(?P<h>" + _alt(_HOLIDAYS) + r")|(?P<tg>Thanksgiving(?:\sDay)?))(?!\w)")),
]
_PRIORITY = {name: i for i, (name, _) in enumerate(RULES)}

# ---- trigger words: a rule is only run near a token it needs -----------------------------------
# One pass over the text's word and digit tokens finds where each rule could match; the rule's
# regex then runs on short windows around those tokens only.  Most of a news text has no temporal
# token, so this keeps extraction at thousands of articles per second.
_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
          "weeks", "fortnight", "fortnights", "month", "months", "quarter", "quarters", "year", "years",
          "decade", "decades", "century", "centuries"}
_MONTH_TOKENS = set(MONTHS)
_WEEKDAY_TOKENS = set(WEEKDAYS) | {"tues", "thur", "thurs"}
_PARTS = {"morning", "afternoon", "evening", "night", "mornings", "afternoons", "evenings", "nights"}
_SEASONS = set(_SEASON)
_WD_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DIGIT_RULES = ("iso", "mdy_num", "year", "decade", "clock", "clock24")
_RULE_WORDS: dict[str, set[str]] = {
    "month_range": _MONTH_TOKENS, "mdy": _MONTH_TOKENS, "dmy": _MONTH_TOKENS, "fy": {"fy"}, "century": {"century"},
    "quarter": {"quarter", "period"}, "qform": {"q", "h"}, "half": {"half"}, "season": _SEASONS,
    "season_bare": _SEASONS, "relative": {"week", "weekend", "month", "year", "decade", "century"} | _SEASONS
    | _PARTS | _WEEKDAY_TOKENS | _MONTH_TOKENS,
    "in_the": {"year", "month", "week"}, "the_end_of": {"end", "beginning", "start", "middle", "close"},
    "deictic": {"yesterday", "today", "tomorrow", "tonight", "overnight"},
    "thispart": _PARTS, "weekday": _WEEKDAY_TOKENS, "spelled_year": {"nineteen", "thousand"},
    "weekend": {"weekend"},
    # ("the time being" is found by its "time", which "once upon a time" makes a trigger already)
    "ref": {w for k in _REFS for w in re.findall(r"[a-z]+", k)} - {"the", "a", "at", "in", "upon", "once", "right", "these", "being"},
    "recent": {"recent"}, "coming": {"coming", "upcoming"}, "yearend": {"end"}, "ago": _UNITS, "ago_bare": {"ago"}, "yearago": {"ago", "earlier", "before", "previous"},
    "anaphor": {"day", "morning", "afternoon", "evening", "night", "week", "month", "year", "quarter", "period"},
    "duration": _UNITS, "bare_plural": _UNITS, "decades_long": {"long"},
    "set": {w for k in _SETS for w in re.findall(r"[a-z]+", k)}, "every": {"every", "each"},
    "per": {"year", "month", "week", "day", "hour", "quarter"}, "times_per": {"once", "twice", "times"},
    "weekdays_set": {w + "s" for w in _WD_NAMES} | {p for p in _PARTS if p.endswith("s")},
    "noon": {"noon", "midnight", "midday", "afternoon", "morning", "mid", "midafternoon", "midmorning"},
    "holiday": {w.lower() for k in _HOLIDAYS for w in re.findall(r"[A-Za-z]+", k)} - {"year", "new", "day", "eve", "may", "s"}
    | {"thanksgiving"},
}
_WORD_RULES: dict[str, tuple[int, ...]] = {}
for _name, _words in _RULE_WORDS.items():
    for _w in _words:
        _WORD_RULES[_w] = tuple(sorted(set(_WORD_RULES.get(_w, ())) | {_PRIORITY[_name]}))
_P_YEAR, _P_ISO, _P_MDYN, _P_CLOCK, _P_CLOCK24, _P_DECADE = (
    _PRIORITY[n] for n in ("year", "iso", "mdy_num", "clock", "clock24", "decade"))
if not {_P_YEAR, _P_ISO, _P_MDYN, _P_CLOCK, _P_CLOCK24, _P_DECADE}.isdisjoint(set().union(*_WORD_RULES.values())):
    raise RuntimeError("a digit rule must not have trigger words: _triggers relies on it for sorted offsets")
# a length ("15 years", "a few days") needs a number-like word right before its unit
_NUMBERISH = set(_SMALL) | set(_TENS) | {"hundred", "thousand", "dozen", "dozens", "a", "an", "few", "several", "many",
                                          "some", "couple", "number", "numerous", "more", "trading", "business",
                                          "working", "calendar", "consecutive", "additional", "extra", "further",
                                          "full", "straight", "successive", "of"}
_BARE_CUES = {"for", "in", "over", "within", "take", "takes", "took", "taken", "last", "lasted", "past"}
_P_DURATION, _P_AGO, _P_BARE = (_PRIORITY[n] for n in ("duration", "ago", "bare_plural"))
# rules whose trigger word must follow one of these words (checked on the word before it)
_PREV_REQ: dict[int, frozenset[str]] = {_PRIORITY[k]: frozenset(v) for k, v in {
    "duration": _NUMBERISH | {"0"}, "ago": _NUMBERISH | {"0"}, "bare_plural": _BARE_CUES,
    "relative": {"this", "last", "next", "past", "previous", "coming", "following", "current", "same", "latest",
                 "preceding", "prior", "fiscal"},
    "in_the": {"the"}, "the_end_of": {"the"}, "per": {"a", "an", "per"}, "yearago": {"year", "months"},
    "anaphor": {"that", "same", "next", "following", "previous", "preceding", "latest", "current", "recent",
                "the", "fiscal", "full", "calendar", "day", "week", "month", "year"},
}.items()}
_LENGTH_RULES = set(_PREV_REQ)
_AMPM = re.compile(r"\s?[aApP]\.?[mM]")


def _digit_rules(raw: str, tok: str, end: int) -> list[int]:
    """The digit rules a number token can start, judged from the token and the next characters."""
    out = []
    nxt = raw[end:end + 1]
    if len(tok) == 4 and tok[:2] in ("16", "17", "18", "19", "20"):
        out.append(_P_YEAR)
        if nxt in ("-", "/", "."):
            out.append(_P_ISO)
    if len(tok) <= 2:
        if nxt == "/":
            out.append(_P_MDYN)
        elif nxt == ":":
            out += (_P_CLOCK, _P_CLOCK24)
        elif _AMPM.match(raw, end):
            out.append(_P_CLOCK)
    if nxt in ("s", "'", "’") and tok.endswith("0"):
        out.append(_P_DECADE)
    return out
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
# how far before / after a trigger token's start a rule's match can begin / end
_REACH = {"iso": (1, 26), "mdy_num": (1, 12), "year": (30, 10), "decade": (14, 10), "clock": (16, 24),
          "clock24": (1, 12), "yearago": (30, 40), "holiday": (20, 20), "duration": (48, 24), "ago": (48, 28), "weekday": (20, 30), "deictic": (15, 30), "ref": (25, 30), "set": (5, 20),
          "mdy": (45, 45), "dmy": (30, 30), "qform": (12, 12), "weekdays_set": (5, 30)}
_REACH_IDX = [_REACH.get(name, (60, 45)) for name, _ in RULES]
# words one of which every match of a rule contains (checked before its regex runs on a window):
# "ago" needs its direction word, "every" and "times_per" their unit, "yearend" its "year", the
# bare plurals their plural unit and "season_bare" a season other than "fall"; "dmy" a digit (the day)
_PLURAL_UNITS = ("years", "decades", "months", "weeks", "days", "hours", "minutes", "centuries")
_NEED_WORDS = {
    _PRIORITY["ago"]: ("ago", "earlier", "later", "before", "after", "now", "hence"),
    _PRIORITY["times_per"]: ("year", "month", "week", "day", "hour", "quarter"),
    _PRIORITY["every"]: ("day", "week", "month", "quarter", "year", "morning", "evening", "night", "weekend", "summer",
                         "winter", "spring", "fall", "autumn", *_WD_NAMES, "january", "february", "march", "april",
                         "may", "june", "july", "august", "september", "october", "november", "december"),
    _PRIORITY["yearend"]: ("year",),
    _PRIORITY["ago_bare"]: _PLURAL_UNITS[:5],
    _PRIORITY["bare_plural"]: _PLURAL_UNITS,
    _PRIORITY["season_bare"]: ("spring", "summer", "autumn", "winter"),
}
_P_DMY = _PRIORITY["dmy"]
_P_MRANGE = _PRIORITY["month_range"]
_RANGE_NEXT = re.compile(r"[A-Za-z]{3,9}\.?(?:\s?[-–—/]|\s(?:to|through|till|until)\s)")
_SLACK = 20

# tense cues: one regex, the last match before the expression wins
_CUE_LAST = frozenset(k.split()[-1] for k in _TENSE)
# words, numbers ("34.5": no clause break) and clause breaks; written to open with one character
# class so the engine skips other characters fast (same tokens as [a-z']+|\d{1,12}(?:[.,]\d{1,12}){0,6}|[.!?;:\n"“”])
_CUE_TOKEN = re.compile(r"""[a-z'\d.!?;:\n"“”](?:(?<=[a-z'])[a-z']*|(?<=\d)\d{0,11}(?:[.,]\d{1,12}){0,6}|)""")
_BREAKS = frozenset('.!?;:\n"“”')
_CUE_STOP = _CUE_LAST | _BREAKS
_HARD_BREAK = re.compile('[!?;:\n"“”]')  # the clause breaks no token contains ("." may sit in "34.5")
_CUE_TOKEN_FWD = re.compile(r"[a-z']+|\d{1,12}(?:[.,]\d{1,12}){0,6}|[.!?;:,()\n\"“”—–]")
_BREAKS_FWD = _BREAKS | frozenset(",()—–")
_ABBREV = frozenset(set(MONTHS) | {"mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "inc", "corp", "co",
                                   "ltd", "no", "vs", "jr", "sr", "prof", "lt", "col", "capt", "sgt"})
# words that open a new clause: a tense cue after one of them belongs to that clause
_CLAUSE_WORDS = frozenset({"and", "but", "or", "which", "who", "while", "when", "where", "as", "because",
                           "if", "after", "before", "since", "until", "although", "though", "whereas"})
# what may stand before an expression that opens its sentence: the start, a full stop or line
# break, and at most one capitalised word ("In January, ...")
_OPENS_SENTENCE = re.compile(r"(?:\A|[.!?\n\"“”]\s{0,3})(?:[A-Z][a-z]{1,6}\s{1,2})?\Z")
_MERGE_GAP = re.compile(r"[ \t\u00a0,]{0,3}(?:(?:at|on)\s)?")


# ---- calendar helpers -------------------------------------------------------------------------
def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _quarter(m: int) -> int:
    return (m - 1) // 3 + 1


# a month-day named without a year and without a future cue is taken as coming only when it is at
# most this many days ahead; further ahead, news text means the last one
_AHEAD_DAYS = 120


def _nearest_year(dct: date, month: int, day: int | None, tense) -> int:
    """The year of a month(-day) named without one.

    A month alone: this year's when it is the current month; otherwise the latest past one,
    or the coming one when it is at most three months ahead (or the clause looks ahead; a past
    cue forces the latest past one).  A month-day: the occurrence nearest the anchor, moved a
    year forward when a future cue meets a date two months gone.  `tense` is future / past /
    None, or a function giving it (read only when it matters)."""
    y_future, y_past, y_none = _nearest_years(dct, month, day)
    if y_future == y_past == y_none:
        return y_none
    if callable(tense):
        tense = tense()
    return y_future if tense == "future" else y_none if tense is None else y_past


@functools.lru_cache(maxsize=4096)
def _nearest_years(dct: date, month: int, day: int | None) -> tuple[int, int, int]:
    """`_nearest_year` for a future cue, another cue (past) and no cue."""
    if day is None:
        if month == dct.month:
            return dct.year, dct.year, dct.year
        past_y = dct.year if month < dct.month else dct.year - 1
        ahead = (month - dct.month) % 12
        return past_y + 1, past_y, past_y + 1 if ahead <= 3 else past_y
    best = _nearest_day_year(dct, month, day)
    cand = date(best, month, min(day, 28))
    if cand < dct - timedelta(days=60):
        return best + 1, best, best
    if cand > dct + timedelta(days=_AHEAD_DAYS):
        # "the year ended March 31" in November: the last one, not the next
        return best, best - 1, best - 1
    return best, best, best


@functools.lru_cache(maxsize=4096)
def _nearest_day_year(dct: date, month: int, day: int) -> int:
    """The year whose `month`-`day` lies nearest to `dct`."""
    best, best_gap = dct.year, None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cand = date(y, month, min(day, 28) if month == 2 else min(day, 30) if month in (4, 6, 9, 11) else day)
        except ValueError:
            continue
        gap = abs((cand - dct).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


_GRAN = re.compile(
    r"(?P<day>\d{4}-\d\d-\d\d(?:T.*)?)|(?P<month>\d{4}-\d\d)|(?P<quarter>\d{4}-Q\d)|(?P<half>\d{4}-H\d)"
    r"|(?P<season>\d{4}-(?:SP|SU|FA|WI))|(?P<week>\d{4}-W\d\d(?:-WE)?)|(?P<year>\d{4})|(?P<decade>\d{3})")


@functools.lru_cache(maxsize=4096)
def _granularity(value: str | None) -> str | None:
    """day, month, quarter, half, season, week, year, decade or None for a TIMEX3 date value."""
    if not value:
        return None
    m = _GRAN.fullmatch(value)
    return m.lastgroup if m else None


@functools.lru_cache(maxsize=4096)
def _shift_value(value: str, years: int = 0, days: int = 0) -> str | None:
    """Move a calendar value by whole years (any granularity) or days (day values)."""
    g = _granularity(value)
    if g is None or g == "decade":
        return None
    y = int(value[:4]) + years
    rest = value[4:]
    if g == "day":
        d = date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        try:
            d = d.replace(year=d.year + years) + timedelta(days=days)
        except ValueError:
            d = d.replace(day=28, year=d.year + years) + timedelta(days=days)
        return d.isoformat()
    return f"{y:04d}{rest}"


@dataclass(slots=True)
class Timex:
    """One temporal expression: offsets into the text, TIMEX3 kind/value/mod and its anchor."""

    start: int
    end: int
    kind: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    rule: str = ""


def _dct_parts(ts: pd.Timestamp | None) -> tuple[pd.Timestamp | None, date | None, str | None]:
    """A publication date as (Timestamp, date, YYYY-MM-DD), or three Nones."""
    if ts is None:
        return None, None, None
    d = ts.date()
    return ts, d, d.isoformat()


@functools.lru_cache(maxsize=1024)
def _dct_info(published: str) -> tuple[pd.Timestamp | None, date | None, str | None]:
    """`_dct_parts` of a publication date given as a string (cached: a corpus repeats them)."""
    return _dct_parts(to_timestamp(published))


class _Ctx:
    """Resolution state for one text: the anchor (publication) date and the last date mentioned."""

    __slots__ = ("raw", "dct_ts", "dct", "dct_str", "last", "last_coarse", "last_day", "named_q", "last_at", "_april")

    def __init__(self, raw: str, published: Any = None):
        self.raw = raw
        self.dct_ts, self.dct, self.dct_str = (
            _dct_info(published) if isinstance(published, str) else _dct_parts(to_timestamp(published)))
        self.last: str | None = None  # last calendar value mentioned (any granularity)
        self.last_coarse: str | None = None  # last month/quarter/half/year value mentioned
        self.last_day: str | None = None  # last day value mentioned
        self.named_q: dict[int, str] = {}  # quarter number -> its value when last named with a year
        self.last_at = -1  # where the expression that set `last` starts
        self._april: bool | None = None

    def april_fy(self) -> bool:
        """The text reports Indian-style fiscal years (April-March, "FY24" = 2023-24): it names
        a split year ("2023-24") or uses Indian money words (crore, lakh, ₹, Rs)."""
        if self._april is None:
            self._april = _APRIL_FY.search(self.raw) is not None or any(
                (int(a) + 1) % 100 == int(b) for a, b in _SPLIT_YEAR.findall(self.raw))
        return self._april

    def tense(self, s: int) -> str | None:
        """future / past / None from the cue word nearest before offset `s` in the same clause
        (the clause ends at ; : ! ? a quote mark, a line break or a full stop that does not
        close an abbreviation)."""
        window = self.raw[s - 90 if s > 90 else 0:s].lower().replace("’", "'")
        window = _HARD_BREAK.split(window)[-1]  # the loop below stops at the last one anyway
        toks = _CUE_TOKEN.findall(window)
        ll = "'ll" in window
        if not ll and _CUE_STOP.isdisjoint(toks):
            return None  # no cue word and no clause break: nothing to read
        for k in range(len(toks) - 1, -1, -1):
            t = toks[k]
            if t not in _CUE_STOP:
                if ll and t.endswith("'ll"):
                    return "future"
                continue
            if t in _BREAKS:
                if t == "." and k > 0 and (len(toks[k - 1]) == 1 or toks[k - 1] in _ABBREV):
                    continue
                return None
            if ll and t.endswith("'ll"):
                return "future"
            if (t == "next" and k + 1 < len(toks) and toks[k + 1] == "to") or (
                    t == "expected" and k > 0 and toks[k - 1] == "than"):
                continue  # "next to the embassy", "lower-than-expected": not about time
            for size in (3, 2, 1):
                if k - size + 1 >= 0:
                    cue = _TENSE.get(" ".join(toks[k - size + 1:k + 1]))
                    if cue:
                        return cue
        return None

    def tense_after(self, e: int, opens: bool = False) -> str | None:
        """future / past from the first verb-like cue after offset `e` in the same clause, for
        an expression that opens its clause ("Sales from January to October totaled ..."): a
        cue word from the tense list, or a regular past form ("totaled", "climbed").  `opens`: the
        expression opens its sentence, so a comma right after it does not end the clause."""
        window = self.raw[e:e + 70].lower().replace("’", "'")
        for k, t in enumerate(_CUE_TOKEN_FWD.findall(window)):
            if k == 0 and t == "," and opens:
                continue  # "In January, American Medical brought in ...": the sentence goes on
            if t in _BREAKS_FWD or t in _CLAUSE_WORDS:
                return None  # "and", "which", "while" start another clause
            if t.endswith("'ll"):
                return "future"
            cue = _TENSE.get(t)
            if cue:
                return cue
            if len(t) >= 5 and t.endswith("ed") and not t.endswith("eed"):
                return "past"
        return None

    def forget(self) -> None:
        """Drop the period in focus (after a relative expression that could not be placed)."""
        self.last = self.last_coarse = None

    def remember(self, value: str | None) -> None:
        g = _granularity(value)
        if g is None or g == "decade":
            return
        self.last = value
        if g == "day":
            self.last_day = value[:10]
        elif g in ("month", "quarter", "half", "year"):
            self.last_coarse = value


@functools.lru_cache(maxsize=2048)
def _num(text: str) -> float | None:
    """A small cardinal written in digits or words; None for vague amounts (several, a few)."""
    t = _norm_ws(text.lower().replace("-", " ")).strip()
    if t == "a couple of":
        return 2  # TimeML: "a couple of years" = P2Y
    if t in _VAGUE or t in ("dozens of",):
        return None
    if t in ("a", "an"):
        return 1
    if t == "a dozen":
        return 12
    half = 0.0
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    try:
        return float(t) + half
    except ValueError:
        pass
    parts = t.split()
    if len(parts) == 2 and parts[1] in ("hundred", "thousand"):
        base = 1 if parts[0] == "a" else _SMALL.get(parts[0], 1)
        return base * (100 if parts[1] == "hundred" else 1000)
    total = 0
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
        elif p in _SMALL:
            total += _SMALL[p]
        else:
            return None
    return total


@functools.lru_cache(maxsize=2048)
def _spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2001 for "two thousand and one"."""
    t = _WS_DASH.sub(" ", text.lower()).strip()
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].replace(" and ", " ").strip()
        return 2000 + (_SMALL.get(rest, 0) if rest else 0)
    parts = t.split()
    if len(parts) < 2 or parts[0] != "nineteen":
        return None
    tail = _num(" ".join(parts[1:]))
    return 1900 + int(tail) if tail is not None and 10 <= tail < 100 else None


@functools.lru_cache(maxsize=2048)
def _unit(u: str) -> str:
    u = u.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") else u


@functools.lru_cache(maxsize=2048)
def _duration(n: float | None, unit: str, half: bool = False) -> str:
    code = _UNIT_CODE[unit]
    if n is None:
        if unit == "quarter":
            return "PXM"  # ISO 8601 durations have no quarter unit ("recent quarters": some months)
        return ("PT" if unit in ("hour", "minute", "second") else "P") + "X" + ("E" if unit == "decade" else "C" if unit == "century" else code)
    n = n * _UNIT_MULT.get(unit, 1) + (0.5 if half else 0)
    if n != int(n):  # a half unit: go one unit down
        whole, frac = int(n), n - int(n)
        sub = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "S": (1, "S")}
        k, sc = sub.get(code, (1, code))
        t = "T" if unit in ("hour", "minute", "second", "day") and sc in ("H", "M") and code != "Y" else ""
        head = ("PT" if unit in ("hour", "minute", "second") else "P")
        if whole:
            return f"{head}{whole}{code}{'' if head == 'PT' else t}{int(frac * k)}{sc}"
        return f"{head}{t}{int(frac * k)}{sc}" if head == "P" else f"PT{int(frac * k)}{sc}"
    n = int(n)
    return f"PT{n}{code}" if unit in ("hour", "minute", "second") else f"P{n}{code}"


# ---- resolution of each rule ------------------------------------------------------------------
@functools.lru_cache(maxsize=2048)
def _month_num(tok: str) -> int:
    return MONTHS[tok.lower().rstrip(".")]


@functools.lru_cache(maxsize=2048)
def _mod_of(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().split()
    key = w[1] if w[0] == "the" and len(w) > 1 else w[0]
    return _MODW.get(key)


# "January-March", "Jan.–May": the second month of a range
_MONTH_RANGE_BEFORE = re.compile(MONTH_RE + r"\s?[-–]\s?\Z")
_SENTENCE_FIRST_WORD = re.compile(r"(?:\A|[.!?\n\"“”]\s{0,3})(?:While|But|And|As|When|If|Though|Although|Because|So|Yet"
                                  r"|Unlike|Like|With|Without|Even|Still|Also|Only)\s{1,2}\Z")
_CAP_WORD_BEFORE = re.compile(r"[A-Z][\w.’'-]{0,20}\s{1,2}\Z")
_LOWER_WORD_AFTER = re.compile(r"\s{1,2}(?!of\b|for\b|to\b|on\b|against\b|through\b|past\b)[a-z]")
_SENTENCE_START_BEFORE = re.compile(r"(?:\A|[.!?\n\"“”]\s{0,3})\Z")


def _bare_march_is_month(raw: str, s: int, e: int) -> bool:
    """A capitalised "March" with no temporal cue is the month when it sits inside a sentence,
    after no capitalised word ("Fredric March"; a sentence-opening conjunction is fine: "While
    March mix ...") and before a lower-case word other than the verb's or the noun's usual
    companions ("March mix" yes; "March for Life", "March of the ..." no)."""
    if _SENTENCE_START_BEFORE.search(raw, max(0, s - 4), s) or not _LOWER_WORD_AFTER.match(raw, e):
        return False
    return not _CAP_WORD_BEFORE.search(raw, max(0, s - 24), s) or bool(
        _SENTENCE_FIRST_WORD.search(raw, max(0, s - 16), s))


_MONTH_CUE = re.compile(r"(?:in|since|by|until|till|through|from|to|of|early|mid|late|and|or|before|after|during|last|next"
                        r"|this|between|end|that|the)[\s-]{1,2}$")
_NAMED_DAY = re.compile(r"(?:Black|Super|Good|Cyber|Ash|Palm|Easter|Bloody|Holy|Shrove|Giving)\s$")


def _resolve(rule: str, m: re.Match, ctx: _Ctx) -> Timex | None:  # noqa: C901 - one dispatcher
    s, e = m.span()
    dct = ctx.dct
    raw = ctx.raw
    g = m.groupdict()

    def T(kind, value, mod=None, anchor=None, start=s, end=e):
        return Timex(start, end, kind, value, mod, anchor, rule)

    f = _RESOLVERS.get(rule)
    if f is not None:
        return f(m, ctx, T)

    if rule == "weekday":
        tok = g["wd"]
        if not tok[0].isupper():
            return None
        key = tok.lower().rstrip(".")
        if key not in WEEKDAYS:
            return None
        if len(key) <= 4 and not tok.endswith(".") and key not in ("tues", "thur", "thurs"):
            return None  # "Sun", "Sat", "Wed", "Mon" are too often words or names
        if tok.endswith(".") and len(key) <= 4:
            pass
        # a weekday used as a name ("Black Friday", "Super Tuesday", "Good Friday")
        if s > 1 and raw[s - 1].isspace() and _NAMED_DAY.search(raw[max(0, s - 9):s]):
            return None
        mod = _mod_of(g["mod"])
        wd = WEEKDAYS[key]
        part = g["part"]
        e_ = e
        if dct is None:
            v = f"XXXX-WXX-{wd + 1}"
        else:
            diff = (dct.weekday() - wd) % 7
            # the publication day's own weekday is that day whatever the tense
            if diff and ctx.tense(m.start("wd")) == "future":
                d = dct + timedelta(days=(wd - dct.weekday()) % 7)
            else:
                d = dct - timedelta(days=diff)
            v = d.isoformat()
        # "Wednesday night": the span takes the part of day, the value stays the day (TimeBank and
        # AQUAINT mostly annotate the day alone; a TIME with the part, 2000-01-05TNI, scores worse)
        return T("date", v, mod, ctx.dct_str, end=e_)
    if rule in ("mdy", "dmy"):
        mon_tok = g["mon"]
        if not mon_tok[0].isupper():
            return None
        month = _month_num(mon_tok)
        day = int(g["day"]) if g.get("day") else None
        if day is not None and not 1 <= day <= 31:
            if rule == "dmy":
                return None
            day = None
            e = m.start("mon") + len(mon_tok)
        mod = _mod_of(g.get("mod"))
        start = s
        if g.get("wd") and not g.get("day"):
            start = m.start("mon") if not g.get("mod") else m.start("mod")
        if rule == "mdy" and day is None and not g["year"]:
            # a bare month name: "May"/"March" as words need a temporal cue before them
            if mon_tok in ("May", "March") and not (_MONTH_CUE.search(raw[max(0, s - 12):s].lower()) or mod or g.get("rely") or g.get("spy")) and not (
                    _MONTH_RANGE_BEFORE.search(raw, max(0, s - 11), s)
                    or (mon_tok == "March" and _bare_march_is_month(raw, s, e))):
                return None
            if len(mon_tok.rstrip(".")) <= 4 and mon_tok not in ("May", "June", "July"):
                return None  # a bare abbreviation ("Jan", "Dec.") is a name or a code more often than a month
        spy = _spelled_year(g["spy"]) if g.get("spy") else None
        if g.get("spy") and spy is None:
            e = m.start("spy") - 1
        if g["year"] or spy:
            y = int(g["year"]) if g["year"] else spy
            anchor = None
        elif g.get("rely"):
            if dct is None:
                return T("date", None, mod, start=start, end=e)
            y = dct.year + {"this": 0, "last": -1, "next": 1}[g["rely"].lower()]
            anchor = ctx.dct_str
        elif dct is not None:
            def tense(s=s, e=e, day=day):
                t = ctx.tense(s)
                if t is None and day is None:
                    t = ctx.tense_after(e, bool(_OPENS_SENTENCE.search(raw, max(0, s - 14), s)))
                    # "January to October totaled", "In January, X brought": the verb comes after
                return t
            y = _nearest_year(dct, month, day, tense)
            anchor = ctx.dct_str
        else:
            y, anchor = None, None
        ys = f"{y:04d}" if y else "XXXX"
        if day is not None:
            try:
                if y:
                    date(y, month, day)
            except ValueError:
                return None
            v = f"{ys}-{month:02d}-{day:02d}"
        else:
            v = f"{ys}-{month:02d}"
        return T("date", v, mod, anchor, start=start, end=e)
    if rule == "ref":
        key = _norm_ws(m.group(0).lower())
        v = _REFS.get(key)
        if v is None:
            return None
        if key in ("soon", "shortly") and (_SOON_SIGNAL.match(raw, e) or _AS_BEFORE.search(raw, max(0, s - 4), s)):
            return None  # "soon after the attack", "as soon as": a signal word, not a time (TimeML)
        start = s
        if key.startswith("in the "):
            start = s + 3
        return T("date", v, start=start)
    if rule == "year":
        y = int(g["year"])
        mod = _mod_of(g.get("mod"))
        if not g.get("mod") and not g.get("fy"):
            # a bare four-digit number: reject quantities ("1990 people") and codes
            after = raw[e:e + 12]
            if _re(r"\s(?:to|-|–)\s?\d").match(after) and not _re(r"\s(?:to|-|–)\s?(?:1[6-9]|20)\d\d").match(after):
                return None
            if _re(r"[\s-](?:[a-z]{2,}s\b)").match(after) and not _re(r"\s(?:levels|results|figures|highs|lows|sales|earnings|profits|prices|models|versions|editions|lineups)\b").match(after):
                before = raw[max(0, s - 6):s].lower()
                if not _re(r"(?:in|of|since|by|for|from|the)\s$").search(before):
                    return None
            if not 1700 <= y <= 2099:
                return None
        if g.get("y2") is not None and int(g["y2"]) != (y + 1) % 100:
            if raw[m.end("year")] != "/":
                return None  # "2020-25": a span of years, not one split year
            e = m.end("year")  # "2020/25": the year alone, as before
        return T("date", f"{y:04d}", mod, end=e)
    if rule == "deictic":
        w = g["w"].lower()
        mod = _mod_of(g["mod"])
        part = g["part"]
        if w == "overnight":
            return None
        if w == "today" and not part and not mod:
            pm = _TODAYS_NOUN.match(raw, e)
            words = [x.lower() for x in pm.groups() if x] if pm else []
            k = next((i for i, x in enumerate(words) if x in _FUNCTION_WORDS), len(words))
            if _PRESENT_NOUNS.intersection(words[:k]):
                return T("date", "PRESENT_REF")  # "in today's toxic environment": the present era
        if dct is None:
            return T("date", None, mod)
        d = dct + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[w])
        v = d.isoformat()
        if w == "tonight":
            return T("time", v + "TNI", mod, ctx.dct_str)
        if part:
            return T("time", v + "T" + _DAYPART[part.lower()], mod, ctx.dct_str)
        return T("date", v, mod, ctx.dct_str)
    if rule == "iso":
        y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        if g["sep"] == "." and not g["H"]:
            pass
        try:
            v = date(y, mo, d).isoformat()
        except ValueError:
            return None
        if g["H"]:
            return T("time", f"{v}T{int(g['H']):02d}:{g['M']}")
        return T("date", v)
    if rule == "mdy_num":
        y = int(g["y"])
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        try:
            return T("date", date(y, int(g["m"]), int(g["d"])).isoformat())
        except ValueError:
            return None
    if rule == "fy":
        y = int(g["year"])
        if y < 100:
            y += 2000 if y < 50 else 1900
        y2 = g["y2"]
        if y2 is not None:
            if int(y2) % 100 != (y + 1) % 100:
                return T("date", f"{y:04d}", end=m.end("year"))
            return T("date", f"{y:04d}")  # "FY2023-24": a split year is valued as its starting year
        if ctx.april_fy():
            # Indian reporting: "FY24" is April 2023 - March 2024, the year written "2023-24",
            # valued (as that form is) by its starting year
            return T("date", f"{y - 1:04d}")
        return T("date", f"{y:04d}")
    if rule == "decade":
        if g["dec"]:
            v = g["dec"]
        else:
            v = ("19" + g["dec2"]) if int(g["dec2"]) >= 2 else "20" + g["dec2"]
        start = s if g["mod"] or not g["the"] else s + 4
        return T("date", v, _mod_of(g["mod"]), start=start)
    if rule == "century":
        n = int(g["n"])
        return T("date", f"{n - 1:02d}", _mod_of(g["mod"]))
    if rule == "quarter":
        return _resolve_quarter(m, ctx, T)
    if rule == "qform":
        if g["h"] or g["h2"] or g["h3"]:  # a half year
            h = int(g["h"] or g["h2"] or g["h3"])
            ytok = g["hy"] or g["hy2"] or g["hy3"]
            if ytok:
                y = int(ytok.lstrip("'’"))
                return T("date", f"{y + (2000 if y < 50 else 1900) if y < 100 else y:04d}-H{h}")
            if dct is None:
                return T("date", f"XXXX-H{h}")
            y = dct.year - (1 if h == 2 and dct.month <= 6 and ctx.tense(s) != "future" else 0)
            return T("date", f"{y:04d}-H{h}", anchor=ctx.dct_str)
        q = int(g["q"] or g["q2"] or g["q3"])
        ytok = g["y"] or g["y2"] or g["y3"]
        if ytok:
            ytok = ytok.lstrip("'’")
            y = int(ytok)
            y = y + (2000 if y < 50 else 1900) if y < 100 else y
            return T("date", f"{y:04d}-Q{q}")
        if dct is None:
            return T("date", f"XXXX-Q{q}")
        return T("date", f"{_quarter_year(dct, q, ctx, s):04d}-Q{q}", anchor=ctx.dct_str)
    if rule == "half":
        h = 1 if g["ord"].lower() == "first" else 2
        if g["y"]:
            return T("date", f"{g['y']}-H{h}")
        if dct is None:
            return T("date", None if g["lastyear"] or g["nextyear"] else f"XXXX-H{h}")
        y = dct.year - (1 if g["lastyear"] else 0) + (1 if g["nextyear"] else 0)
        if not (g["lastyear"] or g["nextyear"]) and h == 2 and dct.month <= 6 and ctx.tense(s) != "future":
            y -= 1
        return T("date", f"{y:04d}-H{h}", anchor=ctx.dct_str)
    if rule in ("season", "season_bare"):
        code = _SEASON[g["s"].lower()]
        mod = _mod_of(g.get("mod"))
        if rule == "season":
            return T("date", f"{g['y']}-{code}", mod)
        s2, e2 = m.span("span")
        pre = raw[s:s2].strip().lower()
        if dct is None:
            return T("date", None if pre in ("last", "next") else f"XXXX-{code}", mod, start=s2 if pre not in ("this", "last", "next") else s, end=e2)
        season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        y = dct.year
        if pre == "last":
            y = dct.year if (season_month < dct.month - 2) else dct.year - 1
            return T("date", f"{y:04d}-{code}", mod, ctx.dct_str)
        if pre == "next":
            y = dct.year if season_month > dct.month + 2 else dct.year + 1
            return T("date", f"{y:04d}-{code}", mod, ctx.dct_str)
        if pre == "this":
            return T("date", f"{y:04d}-{code}", mod, ctx.dct_str)
        return T("date", f"{y:04d}-{code}", mod, ctx.dct_str, start=s2, end=e2)
    if rule == "relative":
        return _resolve_relative(m, ctx, T)
    if rule == "in_the":
        u = g["u"].lower()
        mod = _mod_of(g["mod"])
        if dct is None:
            return T("date", None, mod)
        v = {"year": f"{dct.year:04d}", "month": f"{dct.year:04d}-{dct.month:02d}", "week": _iso_week(dct),
             "day": ctx.last_day or ctx.dct_str}[u]
        return T("date", v, mod, ctx.dct_str)
    if rule == "the_end_of":
        u = g["u"].lower()
        mod = _mod_of(g["mod"])
        if dct is None:
            return T("date", None, mod)
        v = {"year": f"{dct.year:04d}", "month": f"{dct.year:04d}-{dct.month:02d}", "week": _iso_week(dct),
             "quarter": f"{dct.year:04d}-Q{_quarter(dct.month)}", "decade": f"{str(dct.year)[:3]}"}[u]
        return T("date", v, mod, ctx.dct_str)
    if rule == "thispart":
        d = g["dir"].lower()
        part = _DAYPART[g["part"].lower()]
        if dct is None:
            return T("time", None)
        day = dct - timedelta(days=1) if d in ("last", "yesterday") else dct + timedelta(days=1) if d == "tomorrow" else dct
        return T("time", f"{day.isoformat()}T{part}", anchor=ctx.dct_str)
    if rule == "spelled_year":
        y = _spelled_year(g["spy"])
        return T("date", f"{y:04d}") if y else None
    if rule == "weekend":
        if dct is None:
            return T("date", None, _mod_of(g["mod"]))
        sat = dct + timedelta(days=(5 - dct.weekday()) % 7)
        if dct.weekday() < 5 and ctx.tense(s) != "future":
            sat -= timedelta(days=7)
        return T("date", _iso_week(sat) + "-WE", _mod_of(g["mod"]), ctx.dct_str)
    if rule == "coming":  # "the coming months": a stretch of unstated length (TimeML PXM)
        s2, e2 = m.span("span")
        return T("duration", _duration(None, _unit(g["u"])), start=s2, end=e2)
    if rule == "yearend":  # "by year-end", "since year-end": the end of this (or the last) year
        s2, e2 = m.span("span")
        if dct is None:
            return T("date", None, "END", start=s2, end=e2)
        back = (g["pre"] or "").lower() == "since" or (not g["pre"] and ctx.tense(s) == "past") or (
            (g["pre"] or "").lower() == "at" and ctx.tense(s) == "past")
        return T("date", f"{dct.year - back:04d}", "END", ctx.dct_str, start=s2, end=e2)
    if rule == "recent":
        s2, e2 = m.span("span")
        txt = g["span"].lower()
        after = raw[e2:e2 + 20].lower()
        if txt == "recent" and not _re(r"\s(?:weeks|months|days|years|times|history|past|period|session|sessions|trading|quarter|quarters|decades)\b").match(after):
            return None
        if txt == "recent" and _re(r"\s(?:weeks|months|days|years|decades|quarters)\b").match(after):
            return None
        if txt != "recent":  # "recent years": an unspecified stretch of years
            return T("duration", _duration(None, _unit(txt.split()[-1])), start=s2, end=e2)
        return T("date", "PAST_REF", start=s2, end=e2)
    if rule == "ago":
        return _resolve_ago(m, ctx, T)
    if rule == "ago_bare":
        u = _unit(g["u"])
        return T("duration", _duration(None, u))
    if rule == "yearago":
        base = ctx.last_coarse
        if base and (_granularity(base) == "year" or (
                g.get("u") and g["u"].lower() == "quarter" and _granularity(base) != "quarter")):
            base = None
        if g.get("u") and g["u"].lower() in ("nine months", "six months"):
            n = 9 if g["u"].lower().startswith("nine") else 6
            return T("duration", f"P{n}M")
        if base is None:
            if dct is None:
                return T("date", None)
            if g.get("u") and g["u"].lower() == "quarter":
                q = _quarter(dct.month) - 1 or 4
                yy = dct.year - 1 - (1 if q == 4 and _quarter(dct.month) == 1 else 0)
                return T("date", f"{yy:04d}-Q{q}", anchor=ctx.dct_str)
            return T("date", f"{dct.year - 1:04d}", anchor=ctx.dct_str)
        return T("date", _shift_value(base, years=-1), anchor=base)
    if rule == "anaphor":
        return _resolve_anaphor(m, ctx, T)
    if rule == "duration":
        return _resolve_duration(m, ctx, T)
    if rule == "bare_plural":
        s2, e2 = m.span("span")
        u = _unit(g["u"])
        return T("duration", _duration(None, u), start=s2, end=e2)
    if rule == "decades_long":
        return T("duration", _duration(None, _unit(g["u"] + ("y" if g["u"].lower() == "centur" else ""))))
    if rule == "set":
        v = _SETS.get(m.group(0).lower())
        word = m.group(0)
        if word[0].isupper() and not _re(r"(?:^|[.!?:\n\"“]\s{0,2})$").search(raw[max(0, s - 3):s]):
            return None  # "Korea Daily", "Publishers Weekly": a name
        if _re(r"(?:\b(?:its|their|his|her|our|the|a|an|average|regular|first|new|record)\s)$").search(raw[max(0, s - 9):s].lower()):
            return None  # "its quarterly dividend": an adjective of a noun, not a recurrence
        return T("set", v) if v else None
    if rule == "every":
        u = g["u"].lower()
        k = 2 if g["other"] else 1
        if u in WEEKDAYS:
            return T("set", f"XXXX-WXX-{WEEKDAYS[u] + 1}")
        if u in MONTHS:
            return T("set", f"XXXX-{MONTHS[u]:02d}")
        if u in _SEASON:
            return T("set", f"XXXX-{_SEASON[u]}")
        if u in _DAYPART:
            return T("set", f"TXX{_DAYPART[u]}" if False else f"XXXX-XX-XXT{_DAYPART[u]}")
        if u == "weekend":
            return T("set", "XXXX-WXX-WE")
        return T("set", _duration(k, u))
    if rule == "per":
        before = raw[max(0, s - 30):s]
        if g["k"].lower() != "per" and not _re(r"(?:\d|million|billion|thousand|hundred|percent|cent|%|dollars|euros|yuan|pounds|times|once|twice)[\s)]{0,2}$").search(before):
            return None
        return T("set", _duration(1, g["u"].lower()))
    if rule == "times_per":
        return T("set", _duration(1, g["u"].lower()))
    if rule == "weekdays_set":
        wd = WEEKDAYS[g["wd"].lower()]
        part = g["part"] or g["part2"]
        v = f"XXXX-WXX-{wd + 1}" + ("T" + _DAYPART[part.lower()[:-1]] if part else "")
        return T("set", v)
    if rule in ("clock", "clock24"):
        H = int(g["H"])
        M = int(g["M"] or 0)
        if rule == "clock":
            ap = g["ap"].lower()
            if H > 12 or H == 0:
                return None
            if ap.startswith("p") and H != 12:
                H += 12
            if ap.startswith("a") and H == 12:
                H = 0
        mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX"}.get((g.get("q") or "").lower())
        hm = f"T{H:02d}:{M:02d}"
        if rule == "clock24":
            return T("time", hm, mod)  # only kept when it joins a date (see _merge)
        if dct is None:
            return T("time", "XXXX-XX-XX" + hm, mod)
        return T("time", ctx.dct_str + hm, mod, ctx.dct_str)
    if rule == "noon":
        w = g["w"].lower().replace("-", "")
        hm = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00", "midafternoon": "TAF", "midmorning": "TMO"}[w]
        mod = "MID" if w.startswith("mid") and w not in ("midnight", "midday") else None
        if dct is None:
            return T("time", "XXXX-XX-XX" + hm, mod)
        return T("time", ctx.dct_str + hm, mod, ctx.dct_str)
    if rule == "holiday":
        if g["tg"]:
            def thanksgiving(y):
                d = date(y, 11, 1)
                return d + timedelta(days=(3 - d.weekday()) % 7 + 21)
            if dct is None:
                return T("date", "XXXX-11-XX")
            y = _nearest_year(dct, 11, 25, lambda: ctx.tense(s))
            return T("date", thanksgiving(y).isoformat(), anchor=ctx.dct_str)
        mmdd = _HOLIDAYS[_norm_ws(g["h"])]
        mo, d = int(mmdd[:2]), int(mmdd[3:])
        if dct is None:
            return T("date", f"XXXX-{mmdd}")
        y = _nearest_year(dct, mo, d, lambda: ctx.tense(s))
        return T("date", f"{y:04d}-{mmdd}", anchor=ctx.dct_str)
    return None


_RESOLVERS: dict = {}  # rule -> its own resolver, filled below


def _quarter_year(dct: date, q: int, ctx: _Ctx | None = None, s: int = 0) -> int:
    """The year of quarter `q` named without a year: this year's if it has started, else last
    year's (latest completed), unless the clause before offset `s` looks ahead (read from `ctx`
    only then; no `ctx`: it does not)."""
    cur = _quarter(dct.month)
    if q <= cur:
        return dct.year
    return dct.year if ctx is not None and ctx.tense(s) == "future" else dct.year - 1


def _resolve_quarter(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    """A quarter phrase; "the same quarter the year before" / "the same period last year" take
    the quarter in focus one year back, as one expression."""
    g = m.groupdict()
    if g["yago"]:
        return _resolve_quarter_yago(m, ctx, T)
    tx = _resolve_quarter_core(m, ctx, T)
    if tx is not None and tx.value and _granularity(tx.value) == "quarter" and (g["year"] or g["ypre"]) and (
            "fiscal" in m.group(0).lower()):
        ctx.named_q[int(tx.value[6])] = tx.value  # a fiscal quarter: later bare mentions mean it too
    if tx is not None and g["the"] and g["ord"] and not g["adj"] and not g["ypos"] and tx.start == m.start() and (
            "-" in ctx.raw[m.end("ord"):m.start("qw")]):
        tx.start = m.end("the")  # "the third-quarter loss": "the" belongs to the noun (TimeML span)
    return tx


def _resolve_quarter_yago(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    g = m.groupdict()
    dct = ctx.dct
    back_from_dct = g["yago"].lower().strip().startswith("last")
    q = _ORD[g["ord"].lower()] if g["ord"] and g["ord"].lower() in _ORD else (
        _quarter(_month_num(g["qmon"][:3].lower())) if g["qmon"] else None)
    last_q = ctx.last_coarse if ctx.last_coarse and _granularity(ctx.last_coarse) == "quarter" else None
    if q is None:  # "the same quarter", "the same period", "the quarter": the one in focus
        if last_q:
            return T("date", _shift_value(last_q, years=-1), anchor=last_q)
        if dct is None:
            return T("date", None)
        return T("date", f"{dct.year - 1:04d}", anchor=ctx.dct_str)
    if back_from_dct or not ctx.last:
        if dct is None:
            return T("date", None)
        return T("date", f"{dct.year - 1:04d}-Q{q}", anchor=ctx.dct_str)
    return T("date", f"{int(ctx.last[:4]) - 1:04d}-Q{q}", anchor=ctx.last)


def _resolve_quarter_core(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    g = m.groupdict()
    dct = ctx.dct
    adj = _norm_ws((g["adj"] or "").lower())
    ordw = (g["ord"] or "").lower()
    last_q = ctx.last_coarse if ctx.last_coarse and _granularity(ctx.last_coarse) == "quarter" else None
    if g["qmon"]:
        # "the June quarter", "March quarter": the calendar quarter that month ends
        q = _quarter(_month_num(g["qmon"][:3].lower()))
        if g["year"]:
            return T("date", f"{int(g['year']):04d}-Q{q}")
        if dct is None:
            return T("date", f"XXXX-Q{q}")
        return T("date", f"{_quarter_year(dct, q, ctx, m.start()):04d}-Q{q}", anchor=ctx.dct_str)
    if g["ypre"] and not ordw:
        # "the 1988 quarter", "the 1989 period": that year's quarter in focus, else the year
        y = int(g["ypre"])
        if not last_q and dct is not None and m.group("qw").lower() == "quarter":
            # no quarter in focus: the one a results story is about, the latest completed
            return T("date", f"{y:04d}-Q{_quarter(dct.month) - 1 or 4}", anchor=ctx.dct_str)
        return T("date", f"{y:04d}-Q{last_q[6]}" if last_q else f"{y:04d}", anchor=last_q)
    if g["ypre"]:
        return T("date", f"{int(g['ypre']):04d}-Q{_ORD[ordw]}")
    if m.group("qw").lower() == "period":
        if adj in ("latest", "most recent", "current", "same", "comparable", "corresponding") and last_q:
            return T("date", last_q, anchor=last_q)
        if adj in ("year-ago", "year-earlier") and last_q:
            return T("date", _shift_value(last_q, years=-1), anchor=last_q)
        return None
    if not ordw and not adj and not g["ypos"] and not g["year"]:
        if not g["the"]:
            return None
        # "the quarter": the quarter last mentioned, else the latest completed one
        if last_q:
            return T("date", last_q, anchor=last_q)
        if dct is None:
            return T("date", None)
        q = _quarter(dct.month) - 1 or 4
        y = dct.year if _quarter(dct.month) > 1 else dct.year - 1
        return T("date", f"{y:04d}-Q{q}", anchor=ctx.dct_str)
    if not ordw:
        if adj in ("previous", "preceding", "prior") and last_q:
            # "up from 14.5 in the prior quarter": the one before the quarter in focus
            y, q = int(last_q[:4]), int(last_q[6]) - 1
            return T("date", f"{y - (q == 0):04d}-Q{q or 4}", anchor=last_q)
        if adj in ("latest", "most recent", "same", "comparable", "corresponding", "past", "last", "previous",
                   "preceding", "prior"):
            if adj in ("same", "comparable", "corresponding") and last_q:
                return T("date", last_q, anchor=last_q)
            if dct is None:
                return T("date", None)
            # "the previous quarter" with no quarter in focus: the one before the quarter a report
            # is about, the latest completed one ("last quarter", "the past quarter")
            y, mo = _add_months(dct.year, dct.month, -6 if adj in ("previous", "preceding", "prior") else -3)
            return T("date", f"{y:04d}-Q{_quarter(mo)}", anchor=ctx.dct_str)
        if adj in ("year-ago", "year-earlier"):
            base = ctx.last_coarse if ctx.last_coarse and _granularity(ctx.last_coarse) == "quarter" else None
            if base:
                return T("date", _shift_value(base, years=-1), anchor=base)
            if dct is None:
                return T("date", None)
            y, mo = _add_months(dct.year, dct.month, -15)
            return T("date", f"{y:04d}-Q{_quarter(mo)}", anchor=ctx.dct_str)
        if adj in ("current", "this"):
            if adj == "this" and last_q and dct is not None and 0 <= (
                    dct.year * 4 + _quarter(dct.month) - int(last_q[:4]) * 4 - int(last_q[6])) <= 1:
                # a results story's "this quarter's loss": the quarter just reported, in focus
                return T("date", last_q, anchor=last_q)
            if dct is None:
                return T("date", None)
            return T("date", f"{dct.year:04d}-Q{_quarter(dct.month)}", anchor=ctx.dct_str)
        if adj in ("next", "coming", "following"):
            if dct is None:
                return T("date", None)
            y, mo = _add_months(dct.year, dct.month, 3)
            return T("date", f"{y:04d}-Q{_quarter(mo)}", anchor=ctx.dct_str)
        return None
    q = _ORD[ordw]
    if g["year"]:
        return T("date", f"{int(g['year']):04d}-Q{q}")
    yp = (g["ypos"] or g["yrel"] or "").lower()
    if yp and yp[0].isdigit():
        return T("date", f"{int(yp):04d}-Q{q}")
    if dct is None:
        return T("date", None if yp or adj else f"XXXX-Q{q}")
    if yp.startswith("this"):
        return T("date", f"{dct.year:04d}-Q{q}", anchor=ctx.dct_str)
    if yp.startswith("last"):
        return T("date", f"{dct.year - 1:04d}-Q{q}", anchor=ctx.dct_str)
    if yp.startswith("next"):
        return T("date", f"{dct.year + 1:04d}-Q{q}", anchor=ctx.dct_str)
    if adj in ("year-ago", "year-earlier", "same", "comparable"):
        if adj in ("year-ago", "year-earlier"):
            return T("date", f"{_quarter_year(dct, q) - 1:04d}-Q{q}", anchor=ctx.dct_str)
    if adj in ("next", "coming"):
        return T("date", f"{dct.year + (1 if q <= _quarter(dct.month) else 0):04d}-Q{q}", anchor=ctx.dct_str)
    if adj in ("last", "previous", "past", "prior", "preceding"):
        return T("date", f"{dct.year - (1 if q >= _quarter(dct.month) else 0):04d}-Q{q}", anchor=ctx.dct_str)
    if not adj and q in ctx.named_q:
        # "In the first quarter" after "the first quarter of fiscal year 2018": that quarter again
        return T("date", ctx.named_q[q], anchor=ctx.named_q[q])
    return T("date", f"{_quarter_year(dct, q, ctx, m.start()):04d}-Q{q}", anchor=ctx.dct_str)


_STEP = {"last": -1, "next": 1, "this": 0}


def _resolve_relative(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    g = m.groupdict()
    dct = ctx.dct
    d = _norm_ws(g["dir"].lower())
    u = g["u"].lower()
    if u in MONTHS and not g["u"][0].isupper():
        return None  # "at this march": a march, not March
    mod = _mod_of(g["mod"])
    the = d.startswith("the ")
    if the:
        d = d[4:]
    if the and d in ("following", "previous", "preceding", "prior", "same") and u in (
            "week", "month", "year", "decade", "quarter"):
        return _resolve_anaphor(m, ctx, T, f"the {d} {u}")
    if the and d == "next" and u == "year" and ctx.last and dct is not None and int(ctx.last[:4]) < dct.year and (
            ctx.tense(m.start()) != "future" and ctx.tense_after(m.end()) == "past"):
        # "In 2019 the firm was founded; the next year it expanded": the year after the one in focus
        return _resolve_anaphor(m, ctx, T, "the next year")
    if not the and d in ("previous", "preceding", "prior") and u in ("week", "month", "year") and ctx.last:
        # "up 8.2% from previous month": the one before the period in focus, as with "the"
        return _resolve_anaphor(m, ctx, T, f"the {d} {u}")
    if d == "this past":
        d = "last"
    if d == "this coming":
        d = "next"
    if d in ("past", "previous", "preceding", "prior"):
        d = "last"
    if d in ("coming", "following"):
        d = "next"
    if d in ("current", "same", "latest"):
        d = "this"
    if u in ("morning", "afternoon", "evening", "night"):
        if the or d not in ("this", "last"):
            return None
        return None  # handled by the "thispart" rule
    if dct is None:
        if u in WEEKDAYS and d == "this":
            return T("date", f"XXXX-WXX-{WEEKDAYS[u] + 1}", mod)
        return T("date", None, mod)
    anchor = ctx.dct_str
    step = _STEP.get(d, 0)
    if u == "week":
        return T("date", _iso_week(dct + timedelta(weeks=step)), mod, anchor)
    if u == "weekend":
        sat = dct + timedelta(days=(5 - dct.weekday()) % 7)
        if step < 0 or (step == 0 and ctx.tense(m.start()) == "past" and dct.weekday() < 5):
            sat -= timedelta(days=7)
        elif step > 0 and dct.weekday() >= 5:
            sat += timedelta(days=7)
        return T("date", _iso_week(sat) + "-WE", mod, anchor)
    if u == "month":
        y, mo = _add_months(dct.year, dct.month, step)
        return T("date", f"{y:04d}-{mo:02d}", mod, anchor)
    if u == "year":
        if g["fis"] and dct.month < 4 and ctx.april_fy():
            step -= 1  # "the current fiscal year" in February 2025, Indian style: 2024-25, valued 2024
        return T("date", f"{dct.year + step:04d}", mod, anchor)
    if u == "decade":
        return T("date", f"{str(dct.year + 10 * step)[:3]}", mod, anchor)
    if u == "century":
        return T("date", f"{(dct.year + 100 * step) // 100:02d}", mod, anchor)
    if u in _SEASON:
        code = _SEASON[u]
        sm = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        if step < 0:
            y = dct.year if sm < dct.month - 2 else dct.year - 1
        elif step > 0:
            y = dct.year if sm > dct.month + 2 else dct.year + 1
        else:
            y = dct.year
        return T("date", f"{y:04d}-{code}", mod, anchor)
    if u in WEEKDAYS:
        wd = WEEKDAYS[u]
        if step < 0:
            diff = (dct.weekday() - wd) % 7 or 7
            day = dct - timedelta(days=diff)
        elif step > 0:
            diff = (wd - dct.weekday()) % 7 or 7
            day = dct + timedelta(days=diff)
        else:
            day = dct + timedelta(days=wd - dct.weekday())
        return T("date", day.isoformat(), mod, anchor)
    if u in MONTHS:
        mo = MONTHS[u]
        if step < 0:
            y = dct.year if mo < dct.month else dct.year - 1
        elif step > 0:
            y = dct.year if mo > dct.month else dct.year + 1
        else:
            y = dct.year
        return T("date", f"{y:04d}-{mo:02d}", mod, anchor)
    return None


def _resolve_ago(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    g = m.groupdict()
    n = _num(g["n"])
    u = _unit(g["u"])
    if u == "night":
        u = "day"
    direction = _norm_ws(g["d"].lower())
    qual = _QUAL.get(_norm_ws((g["q"] or "").lower()))
    back = direction in ("ago", "earlier", "before")
    if direction not in ("ago", "earlier"):
        # "three days later", "a month after": TimeML marks the length as a duration
        return T("duration", _duration(n, u), qual, end=m.end("u"))
    if direction in ("ago", "from now", "hence"):
        base_s = ctx.dct_str
    else:
        base_s = ctx.last_day or ctx.dct_str
    if n is None:
        return T("date", "PAST_REF" if back else "FUTURE_REF", qual)
    if base_s is None:
        return T("date", None, qual)
    base = date.fromisoformat(base_s[:10])
    k = int(n) * (-1 if back else 1)
    focus = _granularity(ctx.last_coarse) if ctx.last_coarse else None
    if u == "year" and abs(k) == 1 and (focus == "quarter" or (direction == "earlier" and focus in ("month", "half"))):
        return T("date", _shift_value(ctx.last_coarse, years=-1), qual, ctx.last_coarse)
    if u in ("day", "night"):
        return T("date", (base + timedelta(days=k)).isoformat(), qual, base_s)
    if u in ("week", "fortnight"):
        return T("date", _iso_week(base + timedelta(weeks=k * (2 if u == "fortnight" else 1))), qual, base_s)
    if u == "month":
        y, mo = _add_months(base.year, base.month, k)
        return T("date", f"{y:04d}-{mo:02d}", qual, base_s)
    if u == "quarter":
        y, mo = _add_months(base.year, base.month, 3 * k)
        return T("date", f"{y:04d}-Q{_quarter(mo)}", qual, base_s)
    if u == "year":
        return T("date", f"{base.year + k:04d}", qual, base_s)
    if u == "decade":
        return T("date", f"{str(base.year + 10 * k)[:3]}", qual, base_s)
    if u == "century":
        return T("date", f"{(base.year + 100 * k) // 100:02d}", qual, base_s)
    # hours/minutes ago: the publication day
    return T("time", base_s, qual, base_s)


_OBJECT_NEXT = re.compile(r"[ \t\u00a0]{1,3}[\w$€£¥]")


_COMPARED_BEFORE = re.compile(r"(?:from|than|over|on|versus|vs\.?|against|with|to)\s{1,2}\Z", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s{1,3}(?=[A-Z\"“‘'(])|\n")


def _sentence_start(raw: str, s: int) -> int:
    """The offset where the sentence holding offset `s` starts (after the last full stop, ! or ?
    followed by a capital, or line break, in the 400 characters before it)."""
    lo = s - 400 if s > 400 else 0
    start = lo
    for bm in _SENTENCE_BREAK.finditer(raw, lo, s):
        start = bm.end()
    return start


def _resolve_anaphor(m: re.Match, ctx: _Ctx, T, phrase: str | None = None) -> Timex | None:
    g = m.groupdict()
    w = phrase or _norm_ws(g["w"].lower())
    mod = _mod_of(g["mod"])
    dct = ctx.dct
    if w in ("the quarter", "the fiscal quarter"):
        return None  # the quarter rule handles it
    if w.endswith((" before", " after")) and _OBJECT_NEXT.match(ctx.raw, m.end()):
        return None  # "the day after opening", "the week before the vote": a preposition, not "the next day"
    if w.startswith(("the latest", "the current", "the most recent")):
        unit = w.split()[-1]
        if unit == "quarter":
            return None
        if unit == "period":
            if ctx.last_coarse and _granularity(ctx.last_coarse) == "quarter":
                return T("date", ctx.last_coarse, mod, ctx.last_coarse)
            return None
        if dct is None:
            return T("date", None, mod)
        v = {"year": f"{dct.year:04d}", "month": f"{dct.year:04d}-{dct.month:02d}", "week": _iso_week(dct)}[unit]
        if w.startswith("the latest") and unit == "year":
            v = f"{dct.year - 1:04d}"
        return T("date", v, mod, ctx.dct_str)
    if w in ("the year", "the fiscal year", "the full year", "the calendar year"):
        if w == "the year" and not _re(r"\s(?:ago|earlier|before|to\sdate|so\sfar)").match(ctx.raw[m.end():m.end() + 12]):
            return T("duration", "P1Y", mod)
        if dct is None:
            return T("date", None, mod)
        return T("date", f"{dct.year:04d}", mod, ctx.dct_str)
    unit = w.split()[-1] if not w.endswith(("before", "after", "earlier", "later")) else w.split()[1]
    if unit in ("morning", "afternoon", "evening", "night"):
        base = ctx.last_day or ctx.dct_str
        if base is None:
            return T("time", None, mod)
        b = date.fromisoformat(base[:10])
        if "next" in w or "following" in w:
            b += timedelta(days=1)
        return T("time", f"{b.isoformat()}T{_DAYPART[unit]}", mod, base)
    # that day / the next day / the day before ...
    step = 0
    if any(x in w for x in ("next", "following", "after", "later")):
        step = 1
    elif any(x in w for x in ("previous", "preceding", "before", "earlier")):
        step = -1
    if unit == "day":
        base = ctx.last_day or ctx.dct_str
        if base is None:
            return T("date", None, mod)
        b = date.fromisoformat(base[:10]) + timedelta(days=step)
        return T("date", b.isoformat(), mod, base)
    base = ctx.last or ctx.dct_str
    if (unit == "year" and step < 0 and ctx.last and ctx.dct_str
            and _COMPARED_BEFORE.search(ctx.raw, max(0, m.start() - 14), m.start())
            and ctx.last_at < _sentence_start(ctx.raw, m.start())):
        # "exports rose 4% from the previous year" with no date in its sentence: the year before
        # the one the report is about, the publication year, not a year named sentences earlier
        base = ctx.dct_str
    if base is None:
        return T("date", None, mod)
    by = int(base[:4])
    if unit == "year":
        return T("date", f"{by + step:04d}", mod, base)
    if unit == "month":
        gran = _granularity(base)
        if gran not in ("day", "month") and ctx.dct is None:
            return T("date", None, mod)  # "the previous month" after "2022" in an undated text
        mo = int(base[5:7]) if gran in ("day", "month") else ctx.dct.month
        y, mo = _add_months(by, mo, step)
        return T("date", f"{y:04d}-{mo:02d}", mod, base)
    if unit == "week":
        gran = _granularity(base)
        b = date.fromisoformat(base[:10]) if gran == "day" else ctx.dct
        if b is None:
            return T("date", None, mod)
        return T("date", _iso_week(b + timedelta(weeks=step)), mod, base)
    if unit == "quarter":
        if _granularity(base) == "quarter":
            q = int(base[6]) + step
            y = by + (q - 1) // 4
            return T("date", f"{y:04d}-Q{(q - 1) % 4 + 1}", mod, base)
        return None
    return None


def _resolve_duration(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    g = m.groupdict()
    ntxt = g["n"]
    n = _num(ntxt)
    u = _unit(g["u"])
    low = ntxt.lower()
    qual = _QUAL.get(_norm_ws((g["q"] or "").lower()))
    s, e = m.span()
    raw = ctx.raw
    if low in ("a", "an", "some", "many", "few", "numerous", "one") and not g["the"] and not g["q"] and "-" not in g["sep"]:
        before = raw[max(0, s - 12):s].lower()
        after = raw[e:e + 8].lower()
        if u in ("quarter",):
            return None
        if _re(r"\s(?:ago|earlier|later|before|after)").match(after):
            return None
        if low in ("a", "an", "one", "some") and not _re(r"(?:for|in|within|over|than|nearly|about|almost|past|last|next|after|take|took|takes|spend|spent|half|least|only|just|than)\s$").search(before):
            return None
    lead = (g["the"] or "").strip().lower()
    if u == "quarter" and (low in ("a", "an", "one") or n is None or "-" in g["sep"]
                           or (_re(r"\sof\b").match(raw[e:e + 4]) and lead in ("", "the"))):
        return None  # "a quarter of", "three-quarters": fractions ("the first three quarters of": not)
    if u == "year" and ((g["adj"] or "").lower() == "-old" or _re(r"\s(?:old|of\sage)\b").match(raw[e:e + 8])):
        return None  # ages
    start = s
    if "-" in g["sep"] and g["the"] and g["the"].strip().lower() == "the":
        start = m.start("n")  # "the two-day summit": the adjective alone
    if g["more"]:
        pass
    if u == "night":
        u = "day"
    if low == "some" and g["q"] is None:
        qual = "APPROX" if n is None else qual
    if _re(r"\d{4}").fullmatch(ntxt) and 1800 <= int(ntxt) <= 2099 and u not in ("year",):
        return None
    if u == "second" and low in ("a", "one") and not g["the"]:
        return None
    half = bool(g["half"])
    e2 = e if half else m.end("adj") if g["adj"] else m.end("u")
    if u == "quarter" and n is not None and not half:
        u, n = "month", n * 3  # ISO 8601 durations have no quarter unit: "three quarters" = P9M
    return T("duration", _duration(n, u, half), qual, start=start, end=e2)


_RANGE_FROM = re.compile(r"(?:from|between)\s{1,2}\Z", re.IGNORECASE)


def _resolve_month_range(m: re.Match, ctx: _Ctx, T) -> Timex | None:
    """ "April-June", "the July-September period", "January to March 2024": the calendar quarter
    (or half, "January-June") the two months bound, one DATE; any other range is left to the month
    rules.  With no year stated, the latest such period that has started (a coming one when the
    clause looks ahead), as for "the third quarter"."""
    g = m.groupdict()
    m1, m2 = _month_num(g["m1"]), _month_num(g["m2"])
    if m1 % 3 == 1 and m2 == m1 + 2:
        code, n = "Q", m1 // 3 + 1
    elif m1 in (1, 7) and m2 == m1 + 5:
        code, n = "H", m1 // 6 + 1
    else:
        return None
    s = m.start()
    if g["to"] and not g["qw"] and _RANGE_FROM.search(ctx.raw, max(0, s - 10), s):
        return None  # "from January to March": two points of a span (TimeML), each its own DATE
    e = m.end()
    if g["qw"] and g["qw"].lower() == "months" and not g["y2"]:
        e = m.start("qw") - 1  # "the January-March months": the range is the expression
    elif g["qw"] and s >= 4 and ctx.raw[s - 4:s].lower() == "the ":
        s -= 4  # "the July-September period": one TIMEX3 with its article
    year = g["y"] or g["y2"]
    if year:
        return T("date", f"{int(year):04d}-{code}{n}", start=s, end=e)
    dct = ctx.dct
    if dct is None:
        return T("date", f"XXXX-{code}{n}", start=s, end=e)
    if code == "Q":
        y = _quarter_year(dct, n, ctx, m.start())
    else:
        y = dct.year if n == 1 or dct.month >= 7 or ctx.tense(m.start()) == "future" else dct.year - 1
    return T("date", f"{y:04d}-{code}{n}", anchor=ctx.dct_str, start=s, end=e)


_RESOLVERS.update({"quarter": _resolve_quarter, "relative": _resolve_relative, "ago": _resolve_ago,
                   "anaphor": _resolve_anaphor, "duration": _resolve_duration, "month_range": _resolve_month_range})


# ---- scanning ---------------------------------------------------------------------------------
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PREV_WORD = re.compile(r"([a-z]+|\d+)[\s-]{1,3}\Z")
# ASCII characters that \s or "-" match: the gap between a number word and its unit
_SEP_BYTES = frozenset(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f -")
_DIGIT_BYTE = ord("0")


def _prev_word(raw: str, b: bytes, words: bytes, i: int, clean: bool = False) -> str:
    """The word (lower-cased) or number ("0") right before offset `i` when one to three spaces or
    hyphens separate them, else "": what `_PREV_WORD` finds in the 24 characters before `i`, read
    from the one-byte copy `b` and its padded letter mask `words` (the regex itself decides when
    those characters include a non-ASCII one; `clean`: `b` has none at all)."""
    lo = i - 24 if i > 24 else 0
    k = i - 1
    sep = _SEP_BYTES
    while k >= lo and b[k] in sep:
        k -= 1
    if not clean and k >= lo and b[k] == 63 and raw[k].isspace():
        # a non-ASCII space ("?" in `b`) where the ASCII separators end: the regex reads on
        # (any other non-ASCII character ends a word and a separator run for both alike)
        pm = _PREV_WORD.search(raw[lo:i].translate(_ASCII_LOWER))
        prev = pm.group(1) if pm else ""
        return "0" if prev[:1].isdigit() else prev
    if k < lo or not 1 <= i - 1 - k <= 3:
        return ""
    c = b[k]
    if 48 <= c <= 57:
        return "0"
    if words[k + 1] == 32:
        return ""
    st = words.rfind(b" ", lo + 1, k + 2)
    return words[max(st + 1, lo + 1):k + 2].decode()


_TRIGGER_WORDS = frozenset(_WORD_RULES)
# Trigger tokens are found on a one-byte-per-character copy of the text (non-ASCII characters
# become "?", or "0" when they are decimal digits, so offsets are unchanged): one C-level
# translate + split tells which trigger words occur at all, and each of those few is then located
# with a literal search.
_WORD_MASK = bytes((c + 32) if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_TRIGGER_BYTES = {w.encode(): w for w in _TRIGGER_WORDS}
# what to search for each trigger word: " word" (the space before it makes the hit a word start,
# and a pattern ending in a letter lets the search skip ahead fast), " word " for short words
_TRIGGER_PATS = {wb: (b" " + wb + (b" " if len(wb) <= 3 else b""), len(wb)) for wb in _TRIGGER_BYTES}
_YEAR_HEADS = frozenset(("16", "17", "18", "19", "20"))
# the one-byte copy with every decimal digit "0" (non-ASCII ones are "0" there already), and the
# digit runs in it that can start a digit rule: four digits, or a run followed by "/", ":", "s",
# an apostrophe ("?" stands for "’" and any other non-ASCII character) or, after at most one
# space, a/p (am/pm).  A superset of what `_triggers` keeps; it opens with a literal "0", so the
# engine skips the other characters fast.
_DIGIT_ZERO = bytes(48 if 48 <= c <= 57 else c for c in range(256))
_DIGIT_RUN = re.compile(rb"0(?<!00)(?:000(?!0)|0*(?=[/:s'?]|[\s\x1c-\x1f?]?[aApP]))")
_ISO_SEPS = frozenset("-/.")
_DECADE_NEXT = frozenset("s'’")
_NEED_BYTES = {r: frozenset(w.encode() for w in ws) for r, ws in _NEED_WORDS.items()}
_SCAN_BYTES = frozenset(_TRIGGER_BYTES).union(*_NEED_BYTES.values())
# per trigger word: the rules it triggers directly, and the length rules that also need the word
# before it to be number-like
_WORD_PLAN = {w: (tuple(i for i in idxs if i not in _LENGTH_RULES), tuple(i for i in idxs if i in _LENGTH_RULES))
              for w, idxs in _WORD_RULES.items()}
# every trigger (or needed) word of the padded letter mask in one pass: " word" followed by a space
_TRIGGER_RX = re.compile(b" (" + _trie([w.decode() for w in _SCAN_BYTES]).encode() + b")(?= )")
# per word of that mask: the rules it triggers, the length rules that also need a number-like
# word before it, and the rules in `_NEED_WORDS` that need it
_BYTE_PLAN = {wb: (_WORD_PLAN.get(_TRIGGER_BYTES.get(wb, ""), ((), ()))[0],
                   tuple((r, _PREV_REQ[r]) for r in _WORD_PLAN.get(_TRIGGER_BYTES.get(wb, ""), ((), ()))[1]),
                   tuple(r for r, ws in _NEED_BYTES.items() if wb in ws)) for wb in _SCAN_BYTES}


# the only non-ASCII characters that match an ASCII letter case-insensitively (İ ı ſ K): when the
# text has one, the rules run case-insensitively on the text itself instead of on its lower-cased copy
_FOLDS = frozenset("\u0130\u0131\u017f\u212a")


def _one_byte(exc: UnicodeEncodeError) -> tuple[str, int]:
    return "".join("0" if c.isdecimal() else "\x00" if c in _FOLDS else "?"
                   for c in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("newslib.dates.one_byte", _one_byte)


def _one_byte_copy(raw: str) -> bytes:
    """`raw` with one byte per character: ASCII as is, non-ASCII decimal digits "0", the _FOLDS
    "\\x00", any other character "?" (what the "newslib.dates.one_byte" error handler gives, without
    a Python call per non-ASCII run)."""
    if raw.isascii():
        return raw.encode("ascii")
    b = raw.encode("ascii", "replace")  # one "?" per non-ASCII character
    try:  # the non-ASCII characters the copy shows otherwise (decimal digits, _FOLDS) are all
        raw.encode("latin-1")  # beyond U+00FF: a Latin-1 text has none
        return b
    except UnicodeEncodeError:
        pass
    ba = None
    find = b.find
    k = find(b"?")
    while k >= 0:  # the non-ASCII characters (and real question marks)
        c = raw[k]
        if c >= "\u0100" and (c.isdecimal() or c in _FOLDS):
            if ba is None:
                ba = bytearray(b)
            ba[k] = 48 if c.isdecimal() else 0
        k = find(b"?", k + 1)
    return b if ba is None else bytes(ba)


def _trigger_positions(raw: str) -> list[list[int]]:
    """For every rule, the sorted offsets of the tokens that can trigger it: whole runs of ASCII
    letters that are trigger words (case-insensitive) and runs of decimal digits."""
    return _triggers(raw)[0]


def _triggers(raw: str) -> tuple[list[list[int]], bytes, dict[int, Any]]:
    """The trigger offsets of every rule, the text's one-byte copy, and for the rules in
    `_NEED_WORDS` the sorted offsets of the words their matches need (for "dmy": the one-byte
    copy with every digit "0", where a day is looked for)."""
    b = _one_byte_copy(raw)
    words = b" " + b.translate(_WORD_MASK) + b" "  # padded: offset k in `words` is k - 1 in raw
    positions: list[list[int]] = [[] for _ in RULES]
    need: dict[int, list[int]] = {r: [] for r in _NEED_BYTES}
    plan = _BYTE_PLAN
    clean = None
    sep = _SEP_BYTES
    for m in _TRIGGER_RX.finditer(words):
        i = m.start()  # the padding space before the word, i.e. the word's offset in raw
        plain, length_rules, need_rules = plan[m.group(1)]
        for r in plain:
            positions[r].append(i)
        if length_rules:
            if clean is None:
                clean = b.find(b"?") < 0 and b.find(b"\x00") < 0
            if clean:  # `_prev_word` on a text with no non-ASCII character, inline
                lo = i - 24 if i > 24 else 0
                k = i - 1
                while k >= lo and b[k] in sep:
                    k -= 1
                if k < lo or not 1 <= i - 1 - k <= 3:
                    prev = ""
                elif 48 <= b[k] <= 57:
                    prev = "0"
                elif words[k + 1] == 32:
                    prev = ""
                else:
                    st = words.rfind(b" ", lo + 1, k + 2)
                    prev = words[max(st + 1, lo + 1):k + 2].decode()
            else:
                prev = _prev_word(raw, b, words, i)
            for r, req in length_rules:
                if prev in req:
                    positions[r].append(i)
        for r in need_rules:
            need[r].append(i)
    # the digit runs that can start a digit rule, found on a copy with every digit "0": four
    # digits (a year), or a run followed by / : s ' ’ or am/pm; the checks below decide
    zeros = b.translate(_DIGIT_ZERO)
    need[_P_DMY] = zeros
    n = len(raw)
    for m in _DIGIT_RUN.finditer(zeros):
        k, j = m.span()
        nxt = raw[j] if j < n else ""
        size = j - k
        if size == 4 and raw[k:k + 2] in _YEAR_HEADS:
            positions[_P_YEAR].append(k)
            if nxt in _ISO_SEPS:
                positions[_P_ISO].append(k)
        elif size <= 2:
            if nxt == "/":
                positions[_P_MDYN].append(k)
            elif nxt == ":":
                positions[_P_CLOCK].append(k)
                positions[_P_CLOCK24].append(k)
            elif _AMPM.match(raw, j):
                positions[_P_CLOCK].append(k)
        if nxt in _DECADE_NEXT and raw[j - 1] == "0":
            positions[_P_DECADE].append(k)
    # every list is already in text order: word rules get words (found left to right), and the
    # digit rules, which no word triggers, get digit runs (found left to right)
    return positions, b, need


class _RawMatch:
    """A rule's match read back from the text itself: found on the lower-cased copy of the text
    and/or by a rule's fast pattern (`_FAST_RX`), where the rule's own match is group `g0`."""

    __slots__ = ("_m", "_raw", "_gd", "_g0", "_span")

    def __init__(self, m: re.Match, raw: str, g0: int = 0, span: tuple[int, int] | None = None):
        self._m = m
        self._raw = raw
        self._gd = None
        self._g0 = g0
        self._span = span or m.span(g0)

    def span(self, g=0):
        return self._m.span(g) if g else self._span

    def start(self, g=0):
        return self._m.start(g) if g else self._span[0]

    def end(self, g=0):
        return self._m.end(g) if g else self._span[1]

    def group(self, g=0):
        s, e = self._m.span(g) if g else self._span
        return None if s < 0 else self._raw[s:e]

    def groupdict(self):
        if self._gd is None:
            m = self._m
            s, e = self._span
            # found on the text itself, or on a lower-cased stretch the text has in lower case
            # already (no rule has a group outside its match): the engine's own dict
            gd = m.groupdict()
            gd.pop("_all", None)
            if m.string is not self._raw and m.string[s:e] != self._raw[s:e]:
                # found on the lower-cased copy: the groups that took part, as the text has them
                raw, span = self._raw, m.span
                for k, v in gd.items():
                    if v is not None:
                        a, b = span(k)
                        gd[k] = raw[a:b]
            self._gd = gd
        return self._gd


def _lower_pattern(p: str) -> str:
    """The case-insensitive pattern `p` for ASCII-lower-cased text: its literal letters lower-cased
    (escapes such as \\S and group names left alone)."""
    return re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]+", lambda m: m.group().lower() if m.group()[0] != "\\" and m.group()[0] != "(" else m.group(), p)


# the case-insensitive rules, compiled case-sensitively for the ASCII-lower-cased copy of the text:
# case-insensitive matching costs the regex engine about twice as much
_LOWER_RX = [re.compile(_lower_pattern(rx.pattern), rx.flags & ~re.IGNORECASE) if rx.flags & re.IGNORECASE else None
             for _, rx in RULES]


# ---- start filters: where a rule's match can begin ---------------------------------------------
# A rule's regex costs the engine a full attempt at every offset of its window, while a pattern
# that opens with a character class is searched for in a tight C loop over the offsets whose
# character is in the class.  So for each rule the set of characters a match can begin with is read
# off its parsed pattern; "[those characters]" (plus "not after a word character" when the rule's
# own lookbehind says so) finds the few offsets worth an attempt, and the rule is tried there only.
# The first offset where it matches is where `finditer` would have found it: identical results.
_CATEGORY_CLASS = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_SPACE: r"\s"}


def _first_chars(items, icase: bool):
    """(characters or class escapes a match of the parsed sequence `items` can begin with, whether
    the sequence can match empty), or None when that set is unbounded."""
    out: set[str] = set()

    def add(ch: str) -> None:
        out.add(ch)
        if icase:
            out.update((ch.lower(), ch.upper()))

    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width
        if op is _sre.LITERAL:
            add(chr(av))
            return out, False
        if op is _sre.IN:
            for o, a in av:
                if o is _sre.LITERAL:
                    add(chr(a))
                elif o is _sre.RANGE:
                    for c in range(a[0], a[1] + 1):
                        add(chr(c))
                elif o is _sre.CATEGORY and a in _CATEGORY_CLASS:
                    out.add(_CATEGORY_CLASS[a])
                else:
                    return None
            return out, False
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            r = _first_chars(sub.data, (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            r = _first_chars(av[2].data, icase)
            if r is not None and av[0] == 0:
                r = (r[0], True)
        elif op is _sre.BRANCH:
            parts = [_first_chars(b.data, icase) for b in av[1]]
            r = None if None in parts else (set().union(*(x[0] for x in parts)), any(x[1] for x in parts))
        else:
            return None
        if r is None:
            return None
        out |= r[0]
        if not r[1]:
            return out, False
    return out, True


def _fast_pattern(rx: re.Pattern) -> re.Pattern | None:
    """`rx` rewritten to open with the class of characters its matches begin with, so the engine
    skips the other offsets in C: "[class](?<=(?=(?P<_all>RX)).)" steps back over the character
    it took and matches RX there inside a lookahead; group 1 ("_all") is RX's match, the same one
    a search for RX finds at that offset.  None when the class cannot be read off the pattern."""
    try:
        data = _sre_parse.parse(rx.pattern, rx.flags).data
        r = _first_chars(data, bool(rx.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - an internal API: fall back to plain searching
        return None
    if r is None or r[1]:
        return None
    cls = "".join(sorted(c if len(c) == 2 and c[0] == "\\" else re.escape(c) for c in r[0]))
    op, av = data[0]
    # "(?<!\w)" / "(?<![\w...])" first: a match begins where no word character precedes
    word_start = op is _sre.ASSERT_NOT and av[0] == -1 and any(
        o is _sre.IN and any(x == (_sre.CATEGORY, _sre.CATEGORY_WORD) for x in a) for o, a in av[1].data)
    try:  # a back-reference cannot sit in a lookbehind: such a rule keeps plain searching
        fast = re.compile("[" + cls + "]" + (r"(?<!\w[\s\S])" if word_start else "")
                          + "(?<=(?=(?P<_all>" + rx.pattern + ")).)", rx.flags)
    except re.error:
        return None
    return fast if fast.groupindex["_all"] == 1 else None


# per rule: its fast pattern for the lower-cased copy (case-insensitive rules) or the text itself
_FAST_RX = [_fast_pattern(lrx or rx) for (_, rx), lrx in zip(RULES, _LOWER_RX, strict=True)]


_CAND_KEY = operator.itemgetter(0, 1, 2)
# per rule, for a text with a lower-cased copy and for one without (a _FOLDS character): its name,
# the regex to run, whether it runs on the lower-cased copy, its fast pattern (or None) and reach
_PLANS_LOW = [(name, lrx or rx, lrx is not None, fx, *_REACH_IDX[i])
              for i, ((name, rx), lrx, fx) in enumerate(zip(RULES, _LOWER_RX, _FAST_RX, strict=True))]
_PLANS_RAW = [(name, rx, False, fx if lrx is None else None, *_REACH_IDX[i])
              for i, ((name, rx), lrx, fx) in enumerate(zip(RULES, _LOWER_RX, _FAST_RX, strict=True))]


def _candidates(raw: str):
    """Every rule's matches, found on windows around the rule's trigger tokens, sorted
    leftmost-longest (ties: the earlier rule)."""
    positions, b, need = _triggers(raw)
    low = None
    if b"\x00" not in b:
        # with no _FOLDS character, str.lower() lowers the ASCII letters as the rules need and maps
        # any other letter to a non-ASCII one: the same matches, and much faster than translate
        low = raw.lower()
        if len(low) != len(raw):
            low = raw.translate(_ASCII_LOWER)
    if low is None:  # İ ı ſ K can spell a word case-insensitively: only the digit check is exact
        need = {_P_DMY: need[_P_DMY]}
    n = len(raw)
    cands = []
    add = cands.append
    plans = _PLANS_LOW if low is not None else _PLANS_RAW
    for i, pos in enumerate(positions):
        if not pos:
            continue
        name, rx, on_low, fx, before, after = plans[i]
        text = low if on_low else raw
        req = need.get(i)
        seen_end = -1
        npos = len(pos)
        k = 0
        while k < npos:
            # one window: trigger tokens closer than the rule's reach share it
            first = last = pos[k]
            k0 = k
            k += 1
            seg_e = last + after
            while k < npos and pos[k] - before <= seg_e:
                last = pos[k]
                seg_e = last + after
                k += 1
            a = first - before if first > before else 0
            lo = a if a > seen_end else seen_end
            hi = seg_e + _SLACK if seg_e + _SLACK < n else n
            if i == _P_DMY:
                # "5 March", "5th of March": a day's digits begin 2 to 10 characters before one of
                # the window's month names (`req` is the text with every digit "0")
                for q in range(k0, k):
                    if req.find(b"0", pos[q] - 12 if pos[q] > 12 else 0, pos[q]) >= 0:
                        break
                else:
                    continue
            elif i == _P_MRANGE:
                # a month range: one of the window's month names is followed by a dash or "to"
                for q in range(k0, k):
                    if _RANGE_NEXT.match(raw, pos[q]):
                        break
                else:
                    continue
            elif req is not None:
                r = bisect_left(req, lo)
                if r == len(req) or req[r] >= hi:
                    continue  # the window lacks the word every match of this rule contains
            if fx is not None:
                p = lo
                while True:
                    m = fx.search(text, p, hi)
                    if m is None:
                        break
                    span = m.span(1)
                    ms, me = span
                    if ms >= seg_e:
                        break
                    add((ms, ms - me, i, name, _RawMatch(m, raw, 1, span)))
                    seen_end = p = me
                    if me > last:
                        break  # every match holds a trigger token: none is left after this one
                continue
            for m in rx.finditer(text, lo, hi):
                ms, me = m.span()
                if ms >= seg_e:
                    break
                if me > ms:
                    add((ms, ms - me, i, name, _RawMatch(m, raw) if on_low else m))
                    seen_end = me
                    if me > last:
                        break  # every match holds a trigger token: none is left after this one
    cands.sort(key=_CAND_KEY)
    return cands


def _merge(raw: str, items: list[Timex]) -> list[Timex]:
    """Join a clock time with an adjacent day ("May 26, 2021 08:47 AM", "5 p.m. Wednesday",
    "noon Thursday") into one time expression; drop 24-hour clock readings that join no date."""
    out: list[Timex] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if b is not None and (a.kind == "time" or b.kind == "time") and b.start - a.end <= 9 and (
                _MERGE_GAP.fullmatch(raw[a.end:b.start])) and (
                "\n" not in raw[a.end:b.start]):
            day_a = a.kind == "date" and _granularity(a.value) == "day" or (a.kind == "date" and a.value and a.value.startswith("XXXX-"))
            day_b = b.kind == "date" and (_granularity(b.value) == "day" or (b.value or "").startswith("XXXX-"))
            if day_a and b.kind == "time" and b.rule in ("clock", "clock24", "noon"):
                hm = b.value[b.value.index("T"):] if b.value and "T" in b.value else ""
                out.append(Timex(a.start, b.end, "time", (a.value[:10] + hm) if a.value else None, b.mod, a.anchor, "datetime"))
                i += 2
                continue
            if day_b and a.kind == "time" and a.rule in ("clock", "clock24", "noon") and raw[a.end:b.start].strip(" ,") in ("", "on"):
                hm = a.value[a.value.index("T"):] if a.value and "T" in a.value else ""
                out.append(Timex(a.start, b.end, "time", (b.value[:10] + hm) if b.value else None, a.mod, b.anchor, "datetime"))
                i += 2
                continue
        if a.rule == "clock24":
            i += 1
            continue
        out.append(a)
        i += 1
    return out


# comparison periods ("a year earlier", "the year-ago quarter") do not move the narrative's focus
_HAS_DIGIT = re.compile(r"\d")


def _has_comparison_word(text: str) -> bool:
    low = text.lower()
    return "year" in low or "quarter" in low or "od" in low

_COMPARISON = re.compile(
    r"year[\s-](?:ago|earlier|before)|same\s(?:quarter|period)\s|(?:quarter|period)\s(?:of\s)?last\syear", _I)


def scan(raw: str, published: Any = None) -> list[Timex]:
    """Every temporal expression in `raw`, resolved against `published` (date, string or None).

    Candidates from all rules are taken leftmost-longest; each is resolved in document order so
    anaphoric expressions ("later that day", "a year earlier") see the dates mentioned before them.
    """
    ctx = _Ctx(raw, published)
    out: list[Timex] = []
    covered = 0
    for start, neg, _prio, name, m in _candidates(raw):
        if start < covered:
            continue
        tx = _resolve(name, m, ctx)
        if tx is None or tx.start >= tx.end:
            continue
        out.append(tx)
        covered = start - neg  # the match's end
        kind = tx.kind
        if kind == "date" and tx.value is None:
            ctx.forget()  # "last quarter" in an undated text: the period in focus is now unknown
        elif kind == "date" or kind == "time":
            v = tx.value
            gran = _granularity(v)
            if gran is None or gran == "decade":
                continue  # not a period the narrative can refer back to
            text = raw[start:covered]
            # every _COMPARISON match has "year", "quarter" or "period" ("od") in 8+ characters
            if len(text) >= 8 and _has_comparison_word(text) and _COMPARISON.search(text):
                continue  # "a year earlier", "the same quarter": a comparison keeps the focus
            last = ctx.last_coarse
            if last and _HAS_DIGIT.search(text) and _shift_value(last, -1) == v:
                continue  # a stated year-ago comparison ("in C4Q15, up from C4Q14") keeps the focus
            ctx.remember(v)
            ctx.last_at = start
    if ctx.dct is None:
        _fill_named_periods(out)
    return _merge(raw, out)


_PERIOD_VALUE = re.compile(r"(?:\d{4}|XXXX)-[QH][1-4]")


def _fill_named_periods(items: list[Timex]) -> None:
    """In a text without a publication date, a bare "Q3" / "the third quarter" / "H1" takes the
    year the text itself gives that period elsewhere ("the third quarter of 2023"), before or
    after it, when the text names it with one year only."""
    years: dict[str, set[str]] = {}
    for t in items:
        v = t.value
        if v and t.anchor is None and v[0] != "X" and _PERIOD_VALUE.fullmatch(v):
            years.setdefault(v[5:], set()).add(v)
    if not years:
        return
    for t in items:
        v = t.value
        if v and v.startswith("XXXX-") and len(years.get(v[5:], ())) == 1:
            t.value = t.anchor = next(iter(years[v[5:]]))


# ---- public API -------------------------------------------------------------------------------
def _dates_for_article(article: Article) -> list[dict]:
    rows = []
    for t in scan(article.raw, article.published):
        rows.append({"start": t.start, "end": t.end, "text": article.raw[t.start:t.end], "kind": t.kind,
                     "value": t.value, "mod": t.mod, "anchor": t.anchor})
    return rows


def extract_dates(articles_or_text: Any, published: Any = None) -> pd.DataFrame:
    """The ``dates`` table: every temporal expression in each article (boilerplate included, with
    ``in_boilerplate`` set), its TIMEX3 kind, value and modifier, and the anchor it was resolved
    against.  `published` gives the publication date of plain strings (``"2021-05-26"``)."""
    return span_table(articles_or_text, _dates_for_article, "dates", published)


def json_items(article: Article) -> list[dict]:
    """The article's dates in the eval-schema fields (text, value, kind, in_boilerplate, start,
    end, mod) for ``newslib extract --jsonl``.  Underspecified values (XXXX-...) become null, as
    the schema asks for dates that cannot be resolved."""
    out = []
    for t in scan(article.raw, article.published):
        v = t.value
        if v is not None and v.startswith("XXXX"):
            v = None
        out.append({"text": article.raw[t.start:t.end], "value": v, "kind": t.kind,
                    "in_boilerplate": bool(article.in_boilerplate(t.start, t.end)),
                    "start": t.start, "end": t.end, "mod": t.mod})
    return out


def timexes(text: str, dct: Any = None) -> list[dict]:
    """TIMEX3 annotations of a bare text for TempEval-style scoring: dicts with start, end,
    type (DATE, TIME, DURATION, SET), value and mod; `dct` is the document creation time."""
    return [{"start": t.start, "end": t.end, "type": t.kind.upper(), "value": t.value, "mod": t.mod}
            for t in scan(text, dct)]
