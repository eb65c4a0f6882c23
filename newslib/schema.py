"""Every table newslib produces, declared once: column names, dtypes and what each column means.

The tables (`articles`, `errors`, `paragraphs`, `sentences`, `boilerplate_lines`, `quotes`,
`figures`, `dates`, ...) are built by :func:`conform`, which orders the columns and casts them to
the declared dtypes, so pandas 2 and pandas 3 give the same frames and the Parquet files have
stable types.  ``docs/SCHEMA.md`` is generated from this module (``python -m newslib.schema``).

Kinds
-----
``str``       text (pandas ``string`` dtype; missing values are ``<NA>``)
``int``       64-bit integer, never missing (offsets)
``Int``       nullable integer
``float``     float64 (missing is NaN)
``bool``      boolean, never missing
``datetime``  timestamp, timezone-naive, in the time zone the article states (missing is NaT)
``list``      a Python list per row (of strings, or of ``[start, end]`` pairs)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    doc: str


def _cols(*rows: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*r) for r in rows)


SPAN = (
    ("article_id", "str", "the article the span belongs to (file stem, or the id given for a text)"),
    ("start", "int", "offset of the span's first character in the article's `raw` text"),
    ("end", "int", "offset just past the span's last character: the span is raw[start:end]"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        ("article_id", "str", "identifier: the file stem, or `<file stem>:<line or row>` for JSONL/CSV rows"),
        ("path", "str", "the input file the article came from"),
        ("format", "str", "input format: text, html, jsonl, csv, string"),
        ("encoding", "str", "the encoding the bytes were decoded with (utf-8, utf-8-sig, utf-16, cp1252, gb18030, big5 ...)"),
        ("outlet", "str", "the publication's name as it calls itself (from metadata, the URL's domain, or signals in the text)"),
        ("outlet_from", "str", "where `outlet` came from: metadata, url, name, text, or <NA> when unknown"),
        ("url", "str", "the page address, from metadata or found in the text"),
        ("title", "str", "the headline exactly as in the text"),
        ("published", "datetime", "publication time as stated (minute precision when the text gives a time); NaT when no date is stated"),
        ("published_from", "str", "where `published` came from: metadata, text, url, or <NA>"),
        ("byline", "str", "author name(s) as given, without 'By'"),
        ("body", "str", "the article's own text: headline, dateline, byline and boilerplate lines removed, paragraphs joined by blank lines"),
        ("raw", "str", "the article text as received (the decoded file for plain text, the text field for JSONL/CSV, the page text for HTML); every offset points into it"),
        ("boilerplate", "list", "the removed lines (stripped), in order: navigation, captions, credits, share prompts, teasers, copyright"),
        ("boilerplate_spans", "list", "[start, end] of each removed line in `raw`, parallel to `boilerplate`"),
        ("word_count", "int", "words in `body`"),
        ("warnings", "list", "problems that did not stop reading (mixed encodings, truncated text ...)"),
        ("country", "str", "the outlet's country (from the sources table)"),
        ("ownership", "str", "the outlet's ownership: state-run, private, public, nonprofit (from the sources table)"),
        ("outlet_type", "str", "newspaper, wire, blog, broadcaster, magazine, website, aggregator (from the sources table)"),
        ("error", "str", "why the input could not be read (its other columns are then empty); <NA> for articles read"),
    ),
    "errors": _cols(
        ("article_id", "str", "the identifier the input would have had"),
        ("path", "str", "the input that failed"),
        ("stage", "str", "where it failed: read, decode, parse, extract"),
        ("message", "str", "what went wrong, in plain words"),
    ),
    "paragraphs": _cols(
        *SPAN,
        ("paragraph_id", "int", "0-based position of the paragraph in the article"),
        ("part", "str", "title, dateline, byline, body or boilerplate"),
        ("in_boilerplate", "bool", "the paragraph was removed as boilerplate"),
    ),
    "sentences": _cols(
        *SPAN,
        ("sentence_id", "int", "0-based position of the sentence in the article"),
        ("paragraph_id", "int", "the paragraph the sentence lies in"),
        ("text", "str", "raw[start:end]"),
        ("in_boilerplate", "bool", "the sentence lies in a boilerplate line"),
    ),
    "boilerplate_lines": _cols(
        *SPAN,
        ("text", "str", "the removed line, stripped"),
        ("reason", "str", "why it was removed: breadcrumb, repeated-headline, photo-credit, caption, share-prompt, teaser, copyright, ..."),
    ),
    "quotes": _cols(
        *SPAN,
        ("text", "str", "the quoted or reported content (raw[start:end], without the quote marks)"),
        ("kind", "str", "direct (in quote marks), indirect (reported clause), mixed (reported clause with quoted words)"),
        ("speaker", "str", "canonical full name of the person or organisation quoted; <NA> when unattributed"),
        ("speaker_type", "str", "person, organization or anonymous"),
        ("speaker_start", "Int", "offset of the speaker mention used in this quote (may be a pronoun or surname)"),
        ("speaker_end", "Int", "end offset of that mention"),
        ("role", "str", "the speaker's role words as given (chief analyst, spokesman ...)"),
        ("affiliation", "str", "the organisation the speaker works for, as given"),
        ("cue", "str", "the reporting verb or phrase (said, told, according to ...)"),
        ("sentence_id", "Int", "the sentence the quote starts in"),
        ("in_boilerplate", "bool", "the quote lies in boilerplate"),
    ),
    "speakers": _cols(
        ("speaker", "str", "canonical name of the person or organisation quoted, merged across articles"),
        ("speaker_type", "str", "person or organization"),
        ("category", "str", "analyst, official, company, media or other"),
        ("roles", "list", "distinct role words seen with the speaker (chief analyst, spokesman ...)"),
        ("affiliations", "list", "distinct organisations the speaker was given"),
        ("outlets", "list", "outlets quoting the speaker (article ids when no articles table is given)"),
        ("n_quotes", "int", "quotes attributed to the speaker"),
        ("n_articles", "int", "articles quoting the speaker"),
    ),
    "figures": _cols(
        *SPAN,
        ("text", "str", "the figure as written (HK$44.72, 3.52 per cent, nearly one million)"),
        ("kind", "str", "money, percent, percentage_points, count, rank, ticker, index_points"),
        ("value", "float", "the number in plain units (105 billion -> 105000000000); NaN for tickers"),
        ("unit", "str", "ISO 4217 code for money, % for percent, pp for percentage points, the counted noun for counts"),
        ("qualifier", "str", "nearly, more than, about, up to, at least ... as written before the number"),
        ("direction", "str", "up or down when the text says the figure is a rise or fall"),
        ("subject", "str", "what the figure is about, in a few words (Xiaomi shares)"),
        ("ticker", "str", "the ticker symbol, for tickers and figures tied to one"),
        ("exchange", "str", "the exchange named with the ticker (NASDAQ, NYSE, HKEX)"),
        ("sentence_id", "Int", "the sentence the figure lies in"),
        ("in_boilerplate", "bool", "the figure lies in boilerplate"),
    ),
    "dates": _cols(
        *SPAN,
        ("text", "str", "the temporal expression as written (TimeML span conventions)"),
        ("kind", "str", "date, time, duration or set (TIMEX3 types)"),
        ("value", "str", "TIMEX3 value: YYYY-MM-DD, YYYY-MM, YYYY-Qn, PnY, PRESENT_REF ...; XXXX-.. when the year cannot be resolved"),
        ("mod", "str", "TIMEX3 modifier: START, MID, END, APPROX, BEFORE, AFTER, LESS_THAN, MORE_THAN"),
        ("anchor", "str", "the date the value was resolved against (the publication date or an earlier date in the text)"),
        ("sentence_id", "Int", "the sentence the expression lies in"),
        ("in_boilerplate", "bool", "the expression lies in boilerplate"),
    ),
    "readability": _cols(
        ("article_id", "str", "the article scored (file stem, or the id given for a text)"),
        ("words", "int", "words in the body as textstat counts them (punctuation-only tokens dropped; may differ slightly from articles.word_count)"),
        ("sentences", "int", "body sentences from newslib's own segmentation (the `sentences` table), those with at least one letter or digit"),
        ("syllables", "int", "syllables in the body (CMU pronouncing dictionary, hyphenation rules for unknown words)"),
        ("complex_words", "int", "words of 3+ syllables not on the Dale-Chall easy-word list (Gunning fog's hard words, as textstat counts them)"),
        ("flesch_reading_ease", "float", "206.835 - 1.015 words/sentence - 84.6 syllables/word: higher is easier (60-70 plain English, below 30 very difficult); NaN for an empty body"),
        ("flesch_kincaid_grade", "float", "0.39 words/sentence + 11.8 syllables/word - 15.59: the US school grade needed; NaN for an empty body"),
        ("gunning_fog", "float", "0.4 (words/sentence + 100 complex_words/words): years of schooling needed; NaN for an empty body"),
    ),
}

# Element types of list columns (for Parquet): "str" = list of strings, "span" = list of [start, end].
LIST_ITEMS = {"boilerplate": "str", "boilerplate_spans": "span", "warnings": "str", "roles": "str",
              "affiliations": "str", "outlets": "str"}

_DTYPES = {
    "str": "string",
    "int": "int64",
    "Int": "Int64",
    "float": "float64",
    "bool": "bool",
    "list": "object",
}


def columns(table: str) -> list[str]:
    """The column names of `table`, in order."""
    return [c.name for c in TABLES[table]]


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return conform(pd.DataFrame({c: [] for c in columns(table)}), table)


def _as_list(v) -> list:
    if isinstance(v, (list, tuple, np.ndarray)):
        return [list(x) if isinstance(x, (tuple, np.ndarray)) else x for x in v]
    return []


def _cast(s: pd.Series, kind: str) -> pd.Series:
    if kind == "datetime":
        out = pd.to_datetime(s, errors="coerce")
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        return out.astype("datetime64[ns]")
    if kind == "list":
        return pd.Series([_as_list(v) for v in s], index=s.index, dtype="object")
    if kind == "str":
        if s.dtype == object and not s.map(type).isin((str, type(None), float)).all():
            s = s.map(lambda v: v if v is None or isinstance(v, (str, float)) or v is pd.NA else str(v))
        return s.astype("string")
    if kind == "bool":
        return s.where(s.notna(), False).astype("bool")
    if kind == "int":
        return pd.to_numeric(s, errors="coerce").fillna(0).astype("int64")
    return s.astype(_DTYPES[kind])


def conform(df: pd.DataFrame | list[dict], table: str, extra: bool = False) -> pd.DataFrame:
    """Order and cast columns to the declared schema of `table`.

    Missing columns are added empty; unknown columns are dropped unless `extra` is true (then
    they are kept after the declared ones).
    """
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(list(df))
    cols = TABLES[table]
    out = {}
    n = len(df)
    for c in cols:
        s = df[c.name] if c.name in df.columns else pd.Series([None] * n, index=df.index, dtype="object")
        out[c.name] = _cast(s, c.kind)
    res = pd.DataFrame(out, index=df.index)
    if extra:
        for name in df.columns:
            if name not in res.columns:
                res[name] = df[name]
    return res.reset_index(drop=True)


def validate(df: pd.DataFrame, table: str) -> None:
    """Raise ValueError when `df` does not have exactly the declared columns and dtypes."""
    from pandas.api import types as t

    want = columns(table)
    got = list(df.columns)[: len(want)]
    if got != want:
        raise ValueError(f"{table}: columns {got} != declared {want}")
    checks = {
        "str": t.is_string_dtype,
        "int": lambda d: t.is_integer_dtype(d) and not isinstance(d, pd.Int64Dtype),
        "Int": t.is_integer_dtype,
        "float": t.is_float_dtype,
        "bool": t.is_bool_dtype,
        "datetime": t.is_datetime64_any_dtype,
        "list": t.is_object_dtype,
    }
    for c in TABLES[table]:
        if not checks[c.kind](df[c.name].dtype):
            raise ValueError(f"{table}.{c.name}: dtype {df[c.name].dtype} is not {c.kind}")


def arrow_schema(table: str):
    """The pyarrow schema of `table` (stable Parquet types across batches and engines)."""
    import pyarrow as pa

    simple = {"str": pa.string(), "int": pa.int64(), "Int": pa.int64(), "float": pa.float64(),
              "bool": pa.bool_(), "datetime": pa.timestamp("ns")}
    items = {"str": pa.list_(pa.string()), "span": pa.list_(pa.list_(pa.int64()))}
    fields = []
    for c in TABLES[table]:
        typ = items[LIST_ITEMS.get(c.name, "str")] if c.kind == "list" else simple[c.kind]
        fields.append(pa.field(c.name, typ, nullable=c.kind not in ("int", "bool")))
    return pa.schema(fields)


def markdown() -> str:
    """The schema as a Markdown document (docs/SCHEMA.md)."""
    lines = ["# newslib tables", "", "Generated by `python -m newslib.schema` from `newslib/schema.py`.", ""]
    for table, cols in TABLES.items():
        lines += [f"## `{table}`", "", "| column | kind | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.kind} | {c.doc} |" for c in cols]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(markdown())
