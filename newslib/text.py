"""Text primitives shared by every capability: line spans, quote marks, month and weekday names,
lexicon loading.  Solved once here, used by cleaning, segmentation, quotes, figures and dates."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

# Quote marks.  Opening/closing pairs; straight marks are both.
OPEN_QUOTES = "\"“„«‘‚‹「『"
CLOSE_QUOTES = "\"”“»’‹›」』"
DOUBLE_QUOTES = "\"“”„«»「」『』"
SINGLE_QUOTES = "'‘’‚‹›"
QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "‹": "›", "「": "」", "『": "』", '"': '"', "'": "'"}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY_RE = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday|\.)?"

# Whitespace that scraped pages carry: no-break spaces, zero-width characters, BOMs.
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def norm_space(s: str) -> str:
    """Collapse every run of (Unicode) whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", s.replace("\r", " ").replace("\n", " ")).strip()


_ZW = "\ufeff\u200b"  # BOM and zero-width space: invisible, stripped like whitespace


def line_spans(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of `raw`, stripped of surrounding whitespace (and of
    BOMs / zero-width spaces).

    Lines end at \\n (\\r before it is whitespace).  Offsets are into `raw`, so raw[start:end] is
    the line's visible text.  str.strip() does the work; a line whose stripped text still starts
    or ends with a BOM / zero-width space goes through the exact character loop.
    """
    out = []
    pos = 0
    for seg in raw.split("\n"):
        n = len(seg)
        st = seg.strip()
        if st:
            if st[0] in _ZW or st[-1] in _ZW:
                s, e = pos, pos + n
                while s < e and (raw[s].isspace() or raw[s] in _ZW):
                    s += 1
                while e > s and (raw[e - 1].isspace() or raw[e - 1] in _ZW):
                    e -= 1
                if e > s:
                    out.append((s, e))
            else:
                s = pos + n - len(seg.lstrip())
                out.append((s, s + len(st)))
        pos += n + 1
    return out


def strip_span(raw: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) past surrounding whitespace."""
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _lexicon_lines(name: str) -> list[str]:
    text = resources.files("newslib").joinpath("lexicons").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of newslib/lexicons/`name`: one per line; '#' starts a comment line or a trailing
    comment (' #'); blank lines are skipped.  Loaded once per process."""
    return tuple(_lexicon_lines(name))
