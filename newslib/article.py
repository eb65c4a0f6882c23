"""One article in memory: raw text, header, line parts, paragraphs and sentences.

Every extractor works on :class:`Article` objects; :func:`as_articles` turns whatever the user
passes (a plain string, a list or Series of strings, the articles table, Article objects) into
them, and :func:`span_table` maps a per-article extractor over them into a schema table.  That
single shape serves notebooks, the CLI, the batch engine and Dask alike.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import schema
from .cleaning import Cleaned, LineInfo, clean_text
from .segment import paragraph_spans, sentence_spans
from .sources import detect_outlet


class cached_property:  # noqa: N801 (named like functools.cached_property, which it replaces)
    """`functools.cached_property` without its per-access lock (Python 3.11 takes an RLock on every
    first access, a measurable cost for the several cached properties read per article): computes
    the value on first access and stores it in the instance's ``__dict__``, which later reads hit
    directly.  Thread safety is the same as for any attribute set on an Article."""

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attrname = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


def to_timestamp(value: Any) -> pd.Timestamp | None:
    """A publication date given by a user or metadata (str, date, Timestamp) as a naive Timestamp."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    if ts is pd.NaT:
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts


@dataclass
class Article:
    """An article's raw text with everything the extractors need to place spans in it."""

    article_id: str
    raw: str
    cleaned: Cleaned
    path: str | None = None
    format: str = "string"
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    published: pd.Timestamp | None = None
    published_from: str | None = None
    byline: str | None = None
    outlet: str | None = None
    outlet_from: str | None = None
    warnings: list[str] = field(default_factory=list)
    outlet_meta: dict = field(default_factory=dict)

    # ---- lines and parts -------------------------------------------------------------------
    @property
    def lines(self) -> list[LineInfo]:
        return self.cleaned.lines

    @cached_property
    def boilerplate_spans(self) -> list[tuple[int, int]]:
        return [(ln.start, ln.end) for ln in self.lines if ln.part == "boilerplate"]

    @cached_property
    def _bp_starts(self) -> list[int]:
        return [s for s, _ in self.boilerplate_spans]

    def in_boilerplate(self, start: int, end: int | None = None) -> bool:
        """True when the span starting at `start` lies in a boilerplate line."""
        i = bisect_right(self._bp_starts, start) - 1
        return i >= 0 and start < self.boilerplate_spans[i][1]

    @property
    def boilerplate(self) -> list[str]:
        return [self.raw[s:e] for s, e in self.boilerplate_spans]

    @cached_property
    def body(self) -> str:
        return "\n\n".join(self.raw[s:e] for s, e, part in self.paragraphs if part == "body")

    @cached_property
    def word_count(self) -> int:
        if self.cleaned.body_words is not None:  # the same count, from the lines' word counts
            return self.cleaned.body_words
        return len(self.body.split())

    # ---- paragraphs and sentences ----------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[tuple[int, int, str]]:
        """(start, end, part) of every paragraph, in order.  A paragraph never mixes parts:
        runs of consecutive lines with the same part are segmented on their own."""
        out: list[tuple[int, int, str]] = []
        lines = self.lines
        raw = self.raw
        n = len(lines)
        i = 0
        while i < n:
            ln = lines[i]
            part = ln.part
            # a run of adjacent lines (no blank line between) with the same part
            j = i
            while j + 1 < n and lines[j + 1].part == part \
                    and raw.count("\n", lines[j].end, lines[j + 1].start) <= 1:
                j += 1
            if j == i:  # one line: already a stripped span, its own paragraph (what paragraph_spans gives)
                out.append((ln.start, ln.end, part))
            else:
                for s, e in paragraph_spans(raw, ln.start, lines[j].end):
                    out.append((s, e, part))
            i = j + 1
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int, int]]:
        """(start, end, paragraph_id) of every sentence, in order (all parts, boilerplate too)."""
        out: list[tuple[int, int, int]] = []
        raw = self.raw
        for pid, (s, e, _part) in enumerate(self.paragraphs):
            spans = sentence_spans(raw, s, e)
            if len(spans) == 1:
                out.append((spans[0][0], spans[0][1], pid))
            else:
                out += [(a, b, pid) for a, b in spans]
        return out

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s for s, _, _ in self.sentences]

    def sentence_id(self, offset: int) -> int | None:
        """The sentence containing `offset` (or the last one starting before it)."""
        i = bisect_right(self._sent_starts, offset) - 1
        return i if i >= 0 else None

    # ---- rows ------------------------------------------------------------------------------
    def row(self) -> dict:
        meta = self.outlet_meta or {}
        return {
            "article_id": self.article_id, "path": self.path, "format": self.format,
            "encoding": self.encoding, "outlet": self.outlet, "outlet_from": self.outlet_from,
            "url": self.url, "title": self.title, "published": self.published,
            "published_from": self.published_from, "byline": self.byline, "body": self.body,
            "raw": self.raw, "boilerplate": self.boilerplate,
            "boilerplate_spans": [list(x) for x in self.boilerplate_spans],
            "word_count": self.word_count, "warnings": list(self.warnings),
            "country": meta.get("country"), "ownership": meta.get("ownership"),
            "outlet_type": meta.get("type"),
        }


def parse_article(raw: str, article_id: str = "text", *, path: str | None = None,
                  format: str = "string", encoding: str | None = None, url: str | None = None,
                  title: str | None = None, published: Any = None, byline: str | None = None,
                  outlet: str | None = None, warnings: list[str] | None = None,
                  sources: pd.DataFrame | None = None) -> Article:
    """Parse one article's raw text.  Metadata passed in (title, published, url, byline, outlet)
    wins over what the text says; `published_from`/`outlet_from` record which was used."""
    cleaned = clean_text(raw)
    pub = to_timestamp(published)
    art = Article(
        article_id=str(article_id), raw=raw, cleaned=cleaned, path=path, format=format,
        encoding=encoding, url=url or cleaned.url, title=title or cleaned.title,
        published=pub if pub is not None else cleaned.published,
        published_from="metadata" if pub is not None else cleaned.published_from,
        byline=byline or cleaned.byline, warnings=list(warnings or []),
    )
    if art.published is None and art.url:
        from .cleaning import date_from_url
        art.published = date_from_url(art.url)
        art.published_from = "url" if art.published is not None else None
    name, how, meta = detect_outlet(outlet, art.url, raw, cleaned, sources)
    art.outlet, art.outlet_from, art.outlet_meta = name, how, meta
    return art


def _row_value(row: Any, key: str) -> Any:
    v = row.get(key) if hasattr(row, "get") else None
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    return v


def as_articles(obj: Any, published: Any = None) -> Iterator[Article]:
    """Articles from a plain string, a list/Series of strings, the articles table, an Article or
    a list of Articles.  `published` sets the publication date of plain strings."""
    if isinstance(obj, Article):
        yield obj
        return
    if isinstance(obj, str):
        yield parse_article(obj, "text", published=published)
        return
    if isinstance(obj, pd.DataFrame):
        text_col = "raw" if "raw" in obj.columns else ("text" if "text" in obj.columns else None)
        if text_col is None:
            raise ValueError("a DataFrame of articles needs a 'raw' (or 'text') column")
        for idx, row in obj.iterrows():
            if _row_value(row, "error") or not isinstance(row[text_col], str):
                continue
            aid = _row_value(row, "article_id") or str(idx)
            yield parse_article(
                row[text_col], aid, path=_row_value(row, "path"),
                format=_row_value(row, "format") or "string", encoding=_row_value(row, "encoding"),
                url=_row_value(row, "url"), title=_row_value(row, "title"),
                published=_row_value(row, "published") or published, byline=_row_value(row, "byline"),
                outlet=_row_value(row, "outlet"))
        return
    if isinstance(obj, pd.Series):
        for idx, text in obj.items():
            if isinstance(text, str):
                yield parse_article(text, str(idx), published=published)
        return
    if isinstance(obj, Iterable):
        for i, item in enumerate(obj):
            if isinstance(item, Article):
                yield item
            elif isinstance(item, str):
                yield parse_article(item, f"text{i}", published=published)
            else:
                raise TypeError(f"item {i}: expected a string or Article, got {type(item).__name__}")
        return
    raise TypeError(f"expected text, a list/Series of texts or the articles table, got {type(obj).__name__}")


def locate(article: Article, rows: list[dict]) -> list[dict]:
    """Add article_id, sentence_id and in_boilerplate to span rows of one article."""
    for r in rows:
        r["article_id"] = article.article_id
        r.setdefault("sentence_id", article.sentence_id(r["start"]))
        r.setdefault("in_boilerplate", article.in_boilerplate(r["start"], r["end"]))
    return rows


def span_table(obj: Any, per_article: Callable[[Article], list[dict]], table: str,
               published: Any = None) -> pd.DataFrame:
    """Run `per_article` over the articles in `obj` and return the `table` frame, sorted by
    article and offset."""
    rows: list[dict] = []
    for art in as_articles(obj, published=published):
        rows.extend(locate(art, per_article(art)))
    if not rows:
        return schema.empty(table)
    rows.sort(key=lambda r: (r["article_id"], r["start"], r["end"]))
    return schema.conform(rows, table)


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """The articles table for parsed articles."""
    return schema.conform([a.row() for a in articles], "articles")


def paragraph_rows(art: Article) -> list[dict]:
    """`paragraphs` rows of one article."""
    aid = art.article_id
    return [{"article_id": aid, "start": s, "end": e, "paragraph_id": pid, "part": part,
             "in_boilerplate": part == "boilerplate"} for pid, (s, e, part) in enumerate(art.paragraphs)]


def sentence_rows(art: Article) -> list[dict]:
    """`sentences` rows of one article."""
    aid, raw = art.article_id, art.raw
    bp = [part == "boilerplate" for _s, _e, part in art.paragraphs]
    return [{"article_id": aid, "start": s, "end": e, "sentence_id": sid, "paragraph_id": pid,
             "text": raw[s:e], "in_boilerplate": bp[pid]}
            for sid, (s, e, pid) in enumerate(art.sentences)]


def boilerplate_rows(art: Article) -> list[dict]:
    """`boilerplate_lines` rows of one article."""
    aid, raw = art.article_id, art.raw
    return [{"article_id": aid, "start": ln.start, "end": ln.end, "text": raw[ln.start:ln.end], "reason": ln.reason}
            for ln in art.lines if ln.part == "boilerplate"]


def _table(obj: Any, rows_of: Callable[[Article], list[dict]], table: str) -> pd.DataFrame:
    rows = [r for art in as_articles(obj) for r in rows_of(art)]
    return schema.conform(rows, table) if rows else schema.empty(table)


def paragraphs_table(obj: Any) -> pd.DataFrame:
    """One row per paragraph of every article, with its part (title, body, boilerplate ...)."""
    return _table(obj, paragraph_rows, "paragraphs")


def sentences_table(obj: Any) -> pd.DataFrame:
    """One row per sentence of every article (offsets into raw)."""
    return _table(obj, sentence_rows, "sentences")


def boilerplate_table(obj: Any) -> pd.DataFrame:
    """One row per removed line, with the reason it was removed."""
    return _table(obj, boilerplate_rows, "boilerplate_lines")
