"""Header parsing and boilerplate removal for one article's raw text, line by line.

`clean_text(raw)` labels every non-blank line of the raw text with the part of the page it is:
``title``, ``dateline``, ``byline``, ``body`` or ``boilerplate`` (with a reason), and reads the
header: headline, publication date, byline, URL and the outlet signals the text carries.

PLACEHOLDER IMPLEMENTATION - being replaced (see docs/DESIGN.md, "cleaning").
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .text import line_spans

PARTS = ("title", "dateline", "byline", "body", "boilerplate")


@dataclass
class LineInfo:
    start: int  # offsets of the stripped line in raw
    end: int
    part: str  # one of PARTS
    reason: str | None = None  # for boilerplate: breadcrumb, repeated-headline, photo-credit, ...


@dataclass
class Cleaned:
    lines: list[LineInfo]
    title: str | None = None
    title_span: tuple[int, int] | None = None
    published: pd.Timestamp | None = None  # minute precision when a time is stated, else midnight
    published_from: str | None = None  # "text" or "url"
    published_span: tuple[int, int] | None = None  # the date expression in raw, when from text
    byline: str | None = None
    url: str | None = None  # a page address found in the text
    outlet_signals: list[str] = field(default_factory=list)  # names found in copyright/credit lines


def clean_text(raw: str) -> Cleaned:
    spans = line_spans(raw)
    lines = [LineInfo(s, e, "body") for s, e in spans]
    out = Cleaned(lines=lines)
    if lines:
        lines[0].part = "title"
        out.title = raw[lines[0].start:lines[0].end]
        out.title_span = (lines[0].start, lines[0].end)
    return out


def date_from_url(url: str) -> pd.Timestamp | None:
    """A publication date in a page address (/2021/05/26/, /20210526/, -2021-05-26-)."""
    import re
    m = re.search(r"(?<!\d)(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)", url)
    if not m:
        return None
    try:
        return pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
