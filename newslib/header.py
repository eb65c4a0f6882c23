"""Header reading for one article: datelines (publication date and time) and bylines.

These helpers look at one stripped line of page text at a time.  :func:`parse_dateline` says
whether a line *is* a dateline (a line that is mostly a date, with optional cue words such as
"Published:", weekday, time, time zone, reading time) and returns the publication time it states;
:func:`parse_byline` says whether a line is a byline and returns the author names without "By"
and without the date part.  :mod:`newslib.cleaning` decides which lines belong to the header.

Every pattern is bounded (no nested open-ended repetition), so matching is linear in the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .text import MONTH_RE, MONTHS, WEEKDAY_RE

# ---- dates ---------------------------------------------------------------------------------
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_MON = rf"(?P<mon>{MONTH_RE})"
_SP = r"[\s\u00a0]{0,3}"

# "May 26, 2021", "Jan. 15 2021", "MAY 26th, 2021"
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}:[0-5]\d))"  # "May 26, 20218:47 AM" (year glued to the time)
_MDY = rf"(?<![\w]){_MON}\.?{_SP}{_DAY},?{_SP}{_YEAR}{_YEAR_END}"
# "26 May 2021", "20 August, 2019", "26th of May 2021"
_DMY = rf"(?<![\w]){_DAY}{_SP}(?:of\s)?{_MON}\.?,?{_SP}{_YEAR}{_YEAR_END}"
# "2021-05-26", "2021/05/26", "2021.05.26", "2021-05-26T08:47:00Z"
_ISO = (r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<mon>0?[1-9]|1[0-2])(?P=sep)"
        r"(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"
        r"(?:[T ](?P<ih>[01]\d|2[0-3]):(?P<imin>[0-5]\d)(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?")
# "05/26/2021" (US order unless the first number is over 12), "26.05.2021"
_NUM = r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d/])"
# "2021年5月26日"
_CJK = r"(?P<year>(?:19|20)\d\d)\s?年\s?(?P<mon>1[0-2]|0?[1-9])\s?月\s?(?P<day>3[01]|[12]\d|0?[1-9])\s?日"

DATE_RES = [re.compile(p, re.IGNORECASE) for p in (_ISO, _MDY, _DMY, _NUM, _CJK)]
# every date pattern above needs a four-digit year: lines without one skip them all (speed);
# then each pattern has a cheap necessary condition (no IGNORECASE, or a plain substring test)
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO_GATE = re.compile(r"(?:19|20)\d\d[-/.]")
_NUM_GATE = re.compile(r"[/.-](?:19|20)\d\d")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# the only characters that IGNORECASE matches to an ASCII letter besides its two cases (ı İ ſ K):
# a text without them can be tested for an ASCII word with a substring test on text.lower()
_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def fold_safe(text: str) -> bool:
    """True when `word in text.lower()` decides whether an IGNORECASE regex for the ASCII `word`
    can match `text`."""
    return text.isascii() or not any(c in text for c in _FOLDS)


def _gates(line: str) -> tuple[bool, bool, bool, bool, bool]:
    """Which of DATE_RES can match `line` (False only when it surely cannot).  The month-name
    test is a substring test when `fold_safe(line)`."""
    named = True
    if fold_safe(line):
        low = line.lower()
        named = any(m in low for m in _MONTH_STEMS)
    return (_ISO_GATE.search(line) is not None, named, named, _NUM_GATE.search(line) is not None, "年" in line)

# "08:47 AM", "4:02pm", "10:25 a.m.", "15:11", "4pm"
_TIME = re.compile(
    r"(?:(?<![\d:.])|(?<=[12][09]\d\d))(?P<h>[01]?\d|2[0-3])(?:(?::|\.(?=[0-5]\d\s?[ap]\.?m))(?P<m>[0-5]\d)(?::[0-5]\d)?)"
    r"(?:\s?(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"|(?<![\d:.])(?P<h2>1[0-2]|0?[1-9])\s?(?P<ap2>[ap])\.?m\b\.?",
    re.IGNORECASE,
)

# Cue words that say which date a segment of a line gives.
_CUE = re.compile(
    r"(?<![\w])(?P<cue>first\s(?:published|posted)|last\s(?:updated|modified)|published(?:\s(?:on|at))?"
    r"|posted(?:\s(?:on|at))?|updated(?:\s(?:on|at))?|update|modified|created|released|issued"
    r"|date(?:d|line)?|time|pub(?:lished)?\s?date)(?![\w])\s{0,3}[:：]?",
    re.IGNORECASE,
)
_UPDATED = ("updated", "update", "modified", "last")

# Words a dateline may carry besides the date itself: weekdays, zones, reading time, ...
_FILLER = re.compile(
    rf"(?<![\w])(?:{WEEKDAY_RE}|at|on|am|pm|a\.m\.|p\.m\.|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|MT|GMT|UTC|BST|CET|CEST"
    r"|HKT|JST|KST|SGT|IST|AEST|AEDT|WIB|PHT|Beijing|Time|local|min|mins|minute|minutes|read|source|editor"
    r"|you|are|here|hours?|ago|\d{1,3}|[+-]\d{1,4})(?![\w])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]{0,60}")


@dataclass
class DateHit:
    """One publication date found in a dateline."""

    value: pd.Timestamp
    start: int  # span of the date (and time) expression within the line
    end: int
    rank: int  # 0 published/posted, 1 no cue, 2 updated/modified


def _mk(year: int, mon: int, day: int, hour: int | None = None, minute: int | None = None) -> pd.Timestamp | None:
    try:
        if hour is None:
            return pd.Timestamp(year, mon, day)
        return pd.Timestamp(year, mon, day, hour, minute or 0)
    except (ValueError, OverflowError):
        return None


def _month(s: str) -> int:
    return MONTHS.get(s.lower().rstrip("."), 0)


def find_dates(line: str) -> list[tuple[int, int, int, int, int, int | None, int | None]]:
    """(start, end, year, month, day, hour, minute) of every full date (day, month and year) in
    `line`, in order, without overlaps.  Month-only or year-less dates are ignored."""
    found: list[tuple[int, int, int, int, int, int | None, int | None]] = []
    if not _ANY_YEAR.search(line):
        return found
    taken: list[tuple[int, int]] = []
    for rx, ok in zip(DATE_RES, _gates(line), strict=True):
        if not ok:
            continue
        for m in rx.finditer(line):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            hour = minute = None
            if "a" in g and g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                mon, day = (b, a) if a > 12 or m.group("sep") == "." else (a, b)
            else:
                mon = _month(g["mon"]) if not g["mon"].isdigit() else int(g["mon"])
                day = int(g["day"])
                if g.get("ih"):
                    hour, minute = int(g["ih"]), int(g["imin"])
            if not mon or not 1 <= day <= 31:
                continue
            taken.append((s, e))
            found.append((s, e, int(g["year"]), mon, day, hour, minute))
    found.sort()
    return found


_DIGITS = re.compile(r"\d+")


def _time_matches(line: str) -> list[re.Match]:
    """`list(_TIME.finditer(line))`, trying `_TIME` only where a match can start.

    Both branches of `_TIME` start with the hour, one or two digits that must be followed by
    ":", "." or an am/pm marker, never by another digit: so the hour ends a run of digits and a
    match starts at one of the last two digits of a run (lookbehinds see the whole line, as in
    finditer).  The regex engine cannot skip ahead itself (the pattern opens with a lookbehind and
    is case-insensitive), which made the plain scan the slowest step of reading a dateline."""
    out: list[re.Match] = []
    last = 0
    match = _TIME.match
    for r in _DIGITS.finditer(line):
        e = r.end()
        p = e - 2 if e - 2 >= r.start() else e - 1
        if p < last:
            p = last
        while p < e:
            m = match(line, p)
            if m is not None:
                out.append(m)
                last = m.end()
                break
            p += 1
    return out


def _times(line: str) -> list[tuple[int, int, int, int]]:
    out = []
    for m in _time_matches(line):
        if m.group("h") is not None:
            h, mi, ap = int(m.group("h")), int(m.group("m")), m.group("ap")
        else:
            h, mi, ap = int(m.group("h2")), 0, m.group("ap2")
        if ap:
            if h > 12 or h == 0:
                continue
            h = (h % 12) + (12 if ap.lower() == "p" else 0)
        out.append((m.start(), m.end(), h, mi))
    return out


# every `_CUE` word contains one of these (checked on the lower-cased line when `fold_safe`)
_CUE_STEMS = ("pub", "posted", "updat", "modified", "created", "released", "issued", "date", "time")


def _may_cue(line: str) -> bool:
    """False only when `_CUE` surely finds nothing in `line`."""
    if not fold_safe(line):
        return True
    low = line.lower()
    return any(w in low for w in _CUE_STEMS)


def parse_dateline(line: str, max_other_words: int = 6) -> tuple[DateHit | None, bool]:
    """(best publication date in `line`, whether the line is a dateline).

    A dateline is a line that is mostly a date: after removing dates, times, cue words
    ("Published:", "Updated"), weekdays, time zones and reading times, at most
    `max_other_words` words remain.  When a line gives both a published and an updated time, the
    published one wins.  The time nearest to a date in the same segment is attached to it
    (12-hour clock converted to 24-hour)."""
    if len(line) > 400:
        return None, False
    dates = find_dates(line)
    if not dates:
        return None, False
    times = _times(line)
    cues = [(m.start(), m.end(), m.group("cue").lower()) for m in _CUE.finditer(line)] if _may_cue(line) else []
    hits: list[DateHit] = []
    for s, e, y, mo, d, h, mi in dates:
        # the segment: from the last cue before the date to the next cue after it
        seg_lo, seg_hi, rank = 0, len(line), 1
        for cs, _ce, word in cues:
            if cs <= s:
                seg_lo = cs
                rank = 2 if word.startswith(_UPDATED) else (0 if word.startswith(("pub", "first", "posted", "created", "released", "issued")) else 1)
            elif cs >= e:
                seg_hi = cs
                break
        span_s, span_e = s, e
        if h is None:
            best = None
            for ts, te, th, tm in times:
                if ts < seg_lo or te > seg_hi or (s <= ts < e):
                    continue
                gap = ts - e if ts >= e else s - te
                if gap <= 40 and (best is None or gap < best[0]):
                    best = (gap, ts, te, th, tm)
            if best is not None:
                _, ts, te, h, mi = best
                span_s, span_e = min(s, ts), max(e, te)
        ts_ = _mk(y, mo, d, h, mi)
        if ts_ is not None:
            hits.append(DateHit(ts_, span_s, span_e, rank))
    if not hits:
        return None, False
    best = min(hits, key=lambda x: x.rank)
    # how much else is on the line?
    rest = line
    cut = sorted([(h.start, h.end) for h in hits] + [(c[0], c[1]) for c in cues] + [(t[0], t[1]) for t in times])
    if cut:
        parts, pos = [], 0
        for a, b in cut:
            if a > pos:
                parts.append(line[pos:a])
            pos = max(pos, b)
        parts.append(line[pos:])
        rest = " ".join(parts)
    rest = _FILLER.sub(" ", rest)
    others = len(_WORD.findall(rest))
    return best, others <= max_other_words


# ---- bylines ---------------------------------------------------------------------------------
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]{0,30}|[A-Z]\.|(?:de|da|van|von|der|del|la|le|bin|al|el)(?=\s))"
_BY = re.compile(r"^(?:written\s|words\s|reported\s|posted\s|story\s|text\s)?by\s{1,3}(?=[A-Z\u00c0-\u024f])|^(?:authors?|writer|reporter|byline|posted by)\s{0,2}[:：]\s{0,2}"
                 r"|^(?-i:[Bb]y)(?=(?-i:[A-Z][a-z]))",  # "byHenry Doe": the scraper glued "by" to the name
                 re.IGNORECASE)
_NOT_NAMES = frozenset(
    "the this that these those then there their its his her our your my a an one two some many most all any "
    "contrast comparison comparing far end mid early late now next last default design nature law way "
    "using focusing making taking doing following adding".split())
_ROLE = re.compile(
    r"(?<![\w])(?:(?:senior|chief|staff|contributing|special|deputy|associate|executive|managing|news|business|"
    r"tech|technology|markets?|global|china|asia|foreign|political|economics?|finance|financial)\s){0,3}"
    r"(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|staff|author|producer)s?(?![\w])",
    re.IGNORECASE)
_READ = re.compile(r"(?<![\w])\d{1,3}\s?(?:-\s?)?(?:min|mins|minute|minutes)\.?\s(?:read|to read)(?![\w])", re.IGNORECASE)
_SEP = re.compile(r"\s[|•·–—]\s|\s[|•·]|[|•·]\s|\s-{1,2}\s|\s/\s")
_NAME_LINE = re.compile(
    rf"^{_NAME_TOKEN}(?:[\s\u00a0]{{1,2}}{_NAME_TOKEN}){{1,4}}"
    rf"(?:(?:,?\s(?:and|&)\s|,\s){_NAME_TOKEN}(?:[\s\u00a0]{{1,2}}{_NAME_TOKEN}){{1,4}}){{0,3}}$")


# a desk or staff credit in place of a name: "News Desk", "Web Desk", "Staff Reporter", "Our Correspondent",
# "Reuters Staff", "Business Bureau"
_DESK = re.compile(
    r"^(?:[A-Z][\w&.'’-]{0,20}\s){1,2}(?:Desk|Bureau|Newsroom)$|^(?:Our|Staff|Special|Foreign)\s(?:Reporter|Correspondent|Writer)s?$"
    r"|^[A-Z][\w&.'’-]{0,20}\sStaff$|^(?:News|Web|Online|Digital)\s(?:Team|Staff)$")
_DESK_ENDS = ("Desk", "Bureau", "Newsroom", "Reporter", "Reporters", "Correspondent", "Correspondents", "Writer",
              "Writers", "Staff", "Team")
# "Business | By Jane Doe": a section label in front of the byline
_SECTION_BY = re.compile(r"^[A-Z][\w&'’-]{0,20}(?:\s[A-Z&][\w&'’-]{0,20}){0,2}\s{0,2}[|•·–—/]\s{0,2}(?=by\s)", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s(?:in|from)\s[A-Z][\w'’.-]{1,30}(?:\s[A-Z][\w'’.-]{1,30}){0,2}$")


_ROLE_WORDS = ("writer", "reporter", "correspondent", "editor", "contributor", "columnist", "journalist", "staff",
               "author", "producer")


def _role_search(text: str) -> re.Match | None:
    """`_ROLE.search(text)`, with a plain substring test first (the regex is slow)."""
    if fold_safe(text):
        low = text.lower()
        if not any(w in low for w in _ROLE_WORDS):
            return None
    return _ROLE.search(text)


def _has_role(text: str) -> bool:
    """`_ROLE.search(text)` found something."""
    return _role_search(text) is not None


def _read_sub(text: str) -> str:
    """`_READ.sub(" | ", text)`, skipped when the text has no "min" (any case)."""
    if fold_safe(text) and "min" not in text.lower():
        return text
    return _READ.sub(" | ", text)


def _has_read(line: str) -> bool:
    """`_READ.search(line)`: a reading time needs "min" (any case)."""
    if fold_safe(line) and "min" not in line.lower():
        return False
    return _READ.search(line) is not None


def _names_ok(s: str) -> bool:
    toks = s.replace(",", " ").split()
    if not 1 <= len(toks) <= 14:
        return False
    if toks[0].lower() in _NOT_NAMES:
        return False
    caps = sum(1 for t in toks if t[:1].isupper())
    return caps >= max(1, (len(toks) + 1) // 2) and not any(c in s for c in "?!\"“”")


def looks_like_name(s: str) -> bool:
    """A bare author line: 2-5 capitalised name words, possibly several joined by 'and'."""
    return len(s) <= 80 and bool(_NAME_LINE.match(s)) and s.split()[0].lower() not in _NOT_NAMES


def parse_byline(line: str, date_span: tuple[int, int] | None = None) -> str | None:
    """The author name(s) a byline line gives (without 'By', the date part, reading time or a
    trailing '| role'), or None when `line` is not a byline.

    Recognised: 'By Jane Doe', 'BY JANE DOE | China Daily', 'By Jane Doe and John Roe, Reuters',
    'Author: Jane Doe', 'Jane Doe | Staff Writer', 'JANE DOE, Nikkei staff writer',
    'Jane Doe, Reuters • 3 min read'."""
    if len(line) > 200:
        return None
    if len(line) <= 40 and line.endswith(_DESK_ENDS) and _DESK.match(line) \
            and line.split()[0].lower() not in _NOT_NAMES:
        return line
    if date_span is None and len(line) <= 120 and any(c in line[:50] for c in "|•·–—/") \
            and ("by " in line or "By " in line or "BY " in line):
        m = _SECTION_BY.match(line)
        if m:
            line = line[m.end():]
    text = line
    if date_span is not None:
        text = line[:date_span[0]] + " | " + line[date_span[1]:]
    m = _BY.match(text)
    if not m and date_span is None and not _has_role(text) and not _has_read(line):
        return None  # no "By" and nothing that marks a byline (checked first: the common case)
    rest = text[m.end():] if m else text
    rest = _read_sub(rest)
    # cut at the first separator (|, •, ·, " - ") or a dateline cue
    seg = _SEP.split(rest, maxsplit=1)[0]
    c = _CUE.search(seg) if _may_cue(seg) else None
    if c:
        seg = seg[:c.start()]
    name = seg.strip(" ,;:|-–—•·\u00a0")
    if m:
        name = _IN_PLACE.sub("", name)  # "JANE DOE in Beijing" -> "JANE DOE"
        role = _role_search(name)
        if role and "," in name[:role.start()]:  # "Jane Doe, Benzinga Staff Writer" -> "Jane Doe"
            name = name[:name.rfind(",", 0, role.start())].strip(" ,")
        return name if name and _names_ok(name) else None
    # no "By": needs a role word or a reading time or a separator after name-like words
    has_role = _has_role(text) or _has_read(line) or date_span is not None
    if not has_role:
        return None
    head = name
    role = _role_search(head)
    if role and len(head[role.end():].split()) > 3:
        return None  # "Commerce Dept. staff told to ...": a role word inside a sentence
    if role:  # "JANE DOE, Nikkei staff writer" -> "JANE DOE"
        head = head[:role.start()]
        if "," in head:
            head = head.rsplit(",", 1)[0] if not looks_like_name(head.strip(" ,")) else head
        head = head.strip(" ,;:|-–—")
    if head and looks_like_name(head.split(",")[0].strip()):
        return head
    return None
