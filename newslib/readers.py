"""Readers: files, directories, globs, JSON Lines, CSV and HTML into :class:`Article` objects.

Entry points
------------
``read_articles(source)``  the ``articles`` table (see docs/SCHEMA.md), one row per article read and
                           one row per input that could not be read (only ``article_id``, ``path``,
                           ``format`` and ``error`` set).  articles + errors = inputs.
``iter_records(source)``   the same as a stream of :class:`Article` / :class:`InputError` objects.
``expand_source(source)``  the files a source stands for; ``load_sidecars(dir)`` its sidecar tables.

``source`` is a file, a directory (read recursively in sorted order; hidden files and folders such
as ``.git`` and ``.ipynb_checkpoints`` are skipped), a glob pattern (``"data/**/*.txt"``) or a
list/tuple of these.  A path that does not exist, or a pattern that matches nothing, comes out as
an error row: nothing given is silently dropped.  A str holding a line break is an article's text,
not a path: it is read as one article (``article_id`` "text").

Sidecars
--------
In a folder, ``sources.csv`` (outlet registry rows: name, aliases, domain, country, ownership,
type; merged with the built-in registry) and ``metadata.csv`` (one row per file: ``file`` = the
file name, stem or path relative to the folder, plus optional url / outlet / published / title /
byline) are metadata, not articles.  A ``metadata.csv`` also applies to files in sub-folders
(keyed by relative path).  Metadata wins over what the text says; for JSONL/CSV files it is a
default for every record, and the record's own columns win.

Formats (by extension, then by sniffing the content)
-----------------------------------------------------
* plain text (``.txt``, ``.text``, ``.md``, no extension, any other text file): one article,
  ``article_id`` = file stem, ``raw`` = the decoded file exactly (newlines and spaces untouched).
* HTML (``.html``, ``.htm``, ``.xhtml``, or text that starts like an HTML document): the main text
  is extracted with trafilatura (a plain tag stripper when it finds nothing); ``raw`` is a plain
  rendering -- the title line, a ``Published: ...`` line when the page states a date, then the
  paragraphs separated by blank lines.  Scripts and styles never reach ``raw``.  Title, date,
  author, canonical URL and site name from the page's metadata are passed on as metadata.
* JSON Lines (``.jsonl``, ``.ndjson``, ``.json``): one article per line; a ``.json`` file holding
  one array of objects (or one object) works too.  The text is the first non-empty field among
  text, body, content, raw, article, full_text, story (or ``text_column``); metadata fields are
  url/link, title/headline, published/date/pubdate/published_at/datetime, byline/author/authors,
  outlet/source/publisher/site.  ``article_id`` is the record's ``id`` when it has one, else
  ``<stem>:<line number>``.
* CSV/TSV (``.csv``, ``.tsv``): the same columns; ``article_id`` = ``id`` or ``<stem>:<row>`` (data
  rows counted from 1).  JSONL and CSV files are streamed, so their size is not limited; a single
  record over ``max_bytes`` is an error row.
Identifiers are unique within one call: a repeated id gets ``#2``, ``#3`` ...

Encodings
---------
A byte-order mark first (utf-8-sig, utf-16, utf-32); then strict UTF-8 (the common case, and the
fast one); then UTF-16 without a BOM (sniffed from the NUL-byte pattern); then legacy encodings:
text whose non-ASCII bytes (nearly) all stand alone between ASCII ones is cp1252 (Western European), otherwise
charset_normalizer chooses among cp1252, gb18030, big5, shift_jis, euc-kr and latin-1.  A file
that is UTF-8 except for some lines decodes line by line (UTF-8 where valid, cp1252 elsewhere),
``encoding`` = ``utf-8+cp1252`` and a warning "mixed encodings: N lines decoded as cp1252".
The encoding used is in the ``encoding`` column.

Error policy
------------
Readers never raise for bad input: they yield :class:`InputError` (``stage`` read, decode or parse;
``message`` in plain words).  Empty files, whitespace-only files, binary files (NUL bytes that are
not UTF-16, many control characters, or a known magic number: "binary file (looks like PDF)"),
files over ``max_bytes`` (checked with stat before reading), unreadable files, directories where a
file was expected and bytes no candidate encoding decodes each give one error row; a bad
JSONL line or CSV row gives an error row for that record and the others are read.
"""
from __future__ import annotations

import codecs
import csv
import glob
import io
import json
import os
import re
import stat
import sys
import warnings as _pywarnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema
from .article import Article, parse_article, to_timestamp
from .sources import load_sources

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest plain-text or HTML file (and largest single JSONL/CSV record) read, in bytes."""

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".jsonl", ".ndjson", ".json"}
CSV_EXT = {".csv", ".tsv"}
SIDECARS = ("sources.csv", "metadata.csv")
ARTICLE_EXT = TEXT_EXT | HTML_EXT | JSON_EXT | CSV_EXT

TEXT_FIELDS = ("text", "body", "content", "raw", "article", "full_text", "story")
ID_FIELDS = ("id", "article_id", "doc_id")
META_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "published_at", "datetime", "publish_date",
                  "date_published", "pub_date"),
    "byline": ("byline", "author", "authors"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "site_name"),
}

_SNIFF = 65536
_JSON_ARRAY_LIMIT = 10  # a .json array file is parsed whole: up to this many times max_bytes


@dataclass
class InputError:
    """One input that could not be read.  ``stage``: read, decode or parse; ``message``: why."""

    article_id: str
    path: str
    stage: str
    message: str
    format: str | None = None

    def row(self) -> dict:
        return {"article_id": self.article_id, "path": self.path, "format": self.format,
                "error": f"{self.stage}: {self.message}"}


class ReadFailure(Exception):
    """Raised inside the readers for an input that cannot be read; turned into an InputError."""

    def __init__(self, stage: str, message: str):
        super().__init__(f"{stage}: {message}")
        self.stage, self.message = stage, message


# =============================================================================================
# Decoding
# =============================================================================================
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "PDF"), (0, b"\x89PNG\r\n\x1a\n", "PNG"), (0, b"\xff\xd8\xff", "JPEG"),
    (0, b"GIF87a", "GIF"), (0, b"GIF89a", "GIF"), (0, b"PK\x03\x04", "ZIP"), (0, b"PK\x05\x06", "ZIP"),
    (0, b"\x1f\x8b", "gzip"), (0, b"\xfd7zXZ\x00", "xz"), (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (4, b"1AY&SY", "bzip2"), (0, b"\x7fELF", "ELF executable"), (0, b"MZ\x90\x00", "Windows executable"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"), (0, b"SQLite format 3\x00", "SQLite"),
    (0, b"PAR1", "Parquet"), (0, b"OggS", "Ogg"), (4, b"ftyp", "MP4/MOV"), (0, b"ID3", "MP3"),
    (0, b"II*\x00", "TIFF"), (0, b"MM\x00*", "TIFF"), (0, b"\x00asm", "WebAssembly"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# control bytes that do not occur in text (tab, newlines, form feed, vertical tab and ESC allowed)
_CONTROL = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])
_LEGACY = ("cp1252", "gb18030", "big5", "shift_jis", "euc_kr", "latin_1")
_ENC_NAMES = {"latin_1": "latin-1", "euc_kr": "euc-kr", "shift_jis": "shift_jis", "utf_8": "utf-8"}
_HIGH = re.compile(rb"[\x80-\xff]+")


# the first bytes of the signatures at offset 0 ("B" for bzip2's "BZh"): a file starting with
# another byte can only match "ftyp" at offset 4
_MAGIC_FIRST = frozenset(sig[:1] for off, sig, _ in _MAGIC if off == 0) | {b"B"}


def _magic(data: bytes) -> str | None:
    if data[:1] not in _MAGIC_FIRST and data[4:8] != b"ftyp":
        return None  # no signature can match (the common case: text)
    if data[:3] == b"BZh" and data[4:10] != b"1AY&SY":
        return None
    for off, sig, name in _MAGIC:
        if data[off:off + len(sig)] == sig and (sig != b"1AY&SY" or data[:3] == b"BZh"):
            return name
    return None


def _control_share(data: bytes) -> float:
    sample = data[:_SNIFF]
    return (len(sample) - len(sample.translate(None, _CONTROL))) / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes sit in every other position (ASCII-range text
    in UTF-16), else None."""
    sample = data[:4096]
    half = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _western_share(data: bytes) -> float:
    """Share of runs of non-ASCII bytes that are a single byte between ASCII ones: near 1 for
    cp1252/latin-1 text (é, ’, €), low for the double-byte encodings of CJK text."""
    runs = _HIGH.findall(data[:_SNIFF * 4])
    if not runs:
        return 1.0
    return sum(1 for r in runs if len(r) == 1) / len(runs)


def _latin1_fallback(e: UnicodeDecodeError) -> tuple[str, int]:
    return e.object[e.start:e.end].decode("latin-1"), e.end


# the five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode as latin-1 does
codecs.register_error("newslib-latin1", _latin1_fallback)


def _cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="newslib-latin1")


def _legacy(data: bytes) -> tuple[str, str]:
    """(text, encoding) for bytes that are not UTF-8, or ReadFailure('decode')."""
    if _western_share(data) >= 0.9:
        return _cp1252(data), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None:
        raise ReadFailure("decode", "the bytes are not UTF-8 and no candidate encoding "
                                    f"({', '.join(_ENC_NAMES.get(e, e) for e in _LEGACY)}) decodes them sensibly")
    enc = best.encoding
    if enc == "latin_1":
        return _cp1252(data), "cp1252"
    return data.decode(enc), _ENC_NAMES.get(enc, enc)


def _mixed(data: bytes) -> tuple[str, str, list[str]] | None:
    """Line-by-line decoding of a UTF-8 file with some cp1252 lines, or None if it is not one."""
    lines = data.split(b"\n")
    out: list[str | None] = []
    bad: list[int] = []
    utf8_lines = 0
    for i, ln in enumerate(lines):
        try:
            s = ln.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
            out.append(None)
            continue
        if not s.isascii():
            utf8_lines += 1
        out.append(s)
    if not utf8_lines or not bad or _western_share(b"\n".join(lines[i] for i in bad)) < 0.7:
        return None
    for i in bad:
        out[i] = _cp1252(lines[i])
    return "\n".join(out), "utf-8+cp1252", [f"mixed encodings: {len(bad)} lines decoded as cp1252"]


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) for the bytes of one text, or raise :class:`ReadFailure`.

    Order: empty / binary checks, byte-order mark, strict UTF-8, UTF-16 without BOM, a UTF-8 file
    with some cp1252 lines, then cp1252 or charset_normalizer's best legacy candidate."""
    if not data:
        raise ReadFailure("read", "empty file")
    kind = _magic(data)
    if kind:
        raise ReadFailure("read", f"binary file (looks like {kind})")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                if enc != "utf-8-sig":
                    raise ReadFailure("decode", f"invalid {enc} after its byte-order mark: {e.reason}") from None
                text, used, warns = decode_bytes(data[len(bom):])
                return text, used, warns
            return text, enc, []
    warnings: list[str] = []
    if 0 in data[:8192] or data.count(0) > len(data) // 1000:
        enc16 = _utf16_without_bom(data) if len(data) % 2 == 0 else None
        if enc16:
            try:
                text = data.decode(enc16)
            except UnicodeDecodeError:
                text = None
            if text is not None and _control_share(text.encode("utf-8")) < 0.05:
                return text, enc16, []
        raise ReadFailure("read", "binary file (contains NUL bytes)")
    share = _control_share(data)
    if share > 0.05:
        raise ReadFailure("read", f"binary file ({share:.0%} control characters)")
    if 0 in data:
        warnings.append(f"{data.count(0)} NUL bytes kept in the text")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data)
    if mixed:
        return mixed[0], mixed[1], warnings + mixed[2]
    text, enc = _legacy(data)
    return text, enc, warnings


# =============================================================================================
# HTML
# =============================================================================================
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "select"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "figure",
    "main", "aside", "nav", "hr", "address", "form", "td", "th", "title", "body", "html",
}
_PUB_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
             "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.date",
             "sailthru.date", "parsely-pub-date", "article.published", "published_time")
_LD_DATE = re.compile(r'"datePublished"\s{0,5}:\s{0,5}"([^"]{4,40})"')
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s{0,3}=\s{0,3}[\"']?([A-Za-z0-9_:.-]{1,40})", re.I)
_HTML_START = re.compile(r"\A\s{0,1000}(?:<!--.{0,2000}?-->\s{0,100}){0,3}<(?:!doctype\s+html|html[\s>]|head[\s>])",
                         re.I | re.S)
_HTML_TAG = re.compile(r"</(?:p|div|body|html|span|a|li|h[1-6]|table|article)>|<br\s{0,3}/?>", re.I)
_WS_LINE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\r\f\v]+")


class _PageParser(HTMLParser):
    """One pass over a page: meta tags, <title>, <time datetime>, JSON-LD datePublished, and a
    plain-text rendering without scripts and styles (the fallback when trafilatura finds nothing)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.parts: list[str] = []
        self.time: str | None = None
        self.ld: list[str] = []
        self.canonical: str | None = None
        self._skip = 0
        self._in_title = False
        self._in_ld = False
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"]
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = self.canonical or a["href"]
            return
        if tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"]
        if tag == "title":
            self._in_title = True
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_ld = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False
        if tag == "script":
            self._in_ld = False
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)
        elif self._in_ld:
            self.ld.append(data)
        elif not self._skip and not self._in_head:
            self.parts.append(data)

    @property
    def title(self) -> str | None:
        t = _WS_LINE.sub(" ", " ".join(self.title_parts).replace("\n", " ")).strip()
        return t or None

    def paragraphs(self) -> list[str]:
        lines = (_WS_LINE.sub(" ", ln).strip() for ln in "".join(self.parts).split("\n"))
        return [ln for ln in lines if ln]

    def published(self) -> str | None:
        for k in _PUB_META:
            if self.meta.get(k):
                return self.meta[k]
        for chunk in self.ld:
            m = _LD_DATE.search(chunk)
            if m:
                return m.group(1)
        return self.time


def looks_like_html(text: str) -> bool:
    """True when `text` starts like an HTML document (doctype, <html> or <head>)."""
    return bool(_HTML_START.match(text[:4000]))


def _html_fragment(text: str) -> bool:
    head = text[:4000].lstrip()
    return head.startswith("<") and bool(_HTML_TAG.search(head))


def _pub_string(ts: pd.Timestamp) -> str:
    return ts.strftime("%Y-%m-%d %H:%M") if (ts.hour or ts.minute) else ts.strftime("%Y-%m-%d")


def _trafilatura(html: str, url: str | None) -> dict:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return {}
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True)
    except Exception:  # trafilatura on a hostile page: fall back to the plain stripper
        return {}
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return {k: getattr(doc, k, None) for k in ("title", "author", "url", "sitename", "date", "text")}


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict, list[str]]:
    """(raw, metadata, warnings) for one HTML page: raw is the title line, a ``Published:`` line
    when the page states a date, then the main text's paragraphs separated by blank lines.
    metadata has title, published, url, byline, outlet (each may be None).  ReadFailure('parse')
    when the page has no text."""
    page = _PageParser()
    try:
        page.feed(html)
        page.close()
    except Exception:  # html.parser is lenient; this is belt and braces
        pass
    doc = _trafilatura(html, url)
    warnings: list[str] = []
    paras = [ln for ln in (_WS_LINE.sub(" ", x).strip() for x in (doc.get("text") or "").split("\n")) if ln]
    if not paras:
        paras = page.paragraphs()
        if doc:
            warnings.append("trafilatura found no main text; all page text kept")
    title = (doc.get("title") or page.meta.get("og:title") or page.title or "").strip() or None
    if title and paras and paras[0] == _WS_LINE.sub(" ", title).strip():
        paras = paras[1:]
    if title and not paras and doc:
        paras = [p for p in page.paragraphs() if p != title]
    if not paras:
        raise ReadFailure("parse", "no text in the HTML page")
    pub = to_timestamp(page.published()) or to_timestamp(doc.get("date"))
    header = [title] if title else []
    if pub is not None:
        header.append(f"Published: {_pub_string(pub)}")
    raw = "\n\n".join(header + paras) + "\n"
    meta = {
        "title": title,
        "published": pub,
        "url": doc.get("url") or page.canonical or page.meta.get("og:url"),
        "byline": doc.get("author") or page.meta.get("author"),
        "outlet": doc.get("sitename") or page.meta.get("og:site_name"),
    }
    return raw, meta, warnings


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes of a page: a BOM, then valid UTF-8, then the charset the page declares, then the
    same detection as for plain text."""
    kind = _magic(data)
    if kind:
        raise ReadFailure("read", f"binary file (looks like {kind})")
    if not any(data.startswith(b) for b, _ in _BOMS) and 0 not in data[:8192] and _control_share(data) <= 0.05:
        try:
            return data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError:
            pass
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            declared = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin1": "cp1252",
                        "us-ascii": "cp1252", "ascii": "cp1252"}.get(declared, declared)
            try:
                name = codecs.lookup(declared).name
                text = data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                return text, _ENC_NAMES.get(name.replace("-", "_"), name), []
    return decode_bytes(data)


# =============================================================================================
# Records (JSONL / CSV)
# =============================================================================================
def _clean_value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _meta_from(rec: Mapping[str, Any]) -> dict:
    """url/title/published/byline/outlet from a record or metadata row with lower-cased keys."""
    out: dict[str, Any] = {}
    for key, names in META_FIELDS.items():
        for n in names:
            v = _clean_value(rec.get(n))
            if v is None:
                continue
            if isinstance(v, dict):  # {"id": ..., "name": "Reuters"} (news APIs)
                v = _clean_value(v.get("name") or v.get("title"))
            elif isinstance(v, list):
                v = ", ".join(str(x.get("name", "")) if isinstance(x, dict) else str(x) for x in v) or None
            if v is not None:
                out[key] = v
                break
    return out


def _published_value(v: Any, warnings: list[str]) -> Any:
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 1e8:  # epoch seconds or ms
        return pd.Timestamp(int(v), unit="ms" if v > 1e11 else "s")
    ts = to_timestamp(v)
    if ts is None:
        warnings.append(f"published value not understood: {str(v)[:60]!r}")
    return ts


def _record_text(rec: Mapping[str, Any], text_column: str | None) -> tuple[str | None, str | None]:
    """(text, the field it came from)."""
    names = (text_column.lower(),) if text_column else TEXT_FIELDS
    for n in names:
        v = rec.get(n)
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            v = "\n\n".join(v)
        if isinstance(v, str) and v.strip():
            return v, n
    return None, None


def _record_id(rec: Mapping[str, Any]) -> str | None:
    for n in ID_FIELDS:
        v = _clean_value(rec.get(n))
        if v is not None and not isinstance(v, (dict, list)):
            return str(v)
    return None


@dataclass
class _Ctx:
    """What every record of one file shares."""

    path: Path
    fmt: str
    sources: pd.DataFrame | None
    file_meta: dict
    text_column: str | None
    max_bytes: int
    warnings: list[str] = field(default_factory=list)


def _article_from_record(ctx: _Ctx, rec: Any, default_id: str, encoding: str,
                         warnings: list[str]) -> Article | InputError:
    if not isinstance(rec, dict):
        return InputError(default_id, str(ctx.path), "parse",
                          f"expected a JSON object, got {type(rec).__name__}", ctx.fmt)
    rec = {str(k).strip().lower(): v for k, v in rec.items()}
    aid = _record_id(rec) or default_id
    text, col = _record_text(rec, ctx.text_column)
    if text is None:
        if ctx.text_column:
            why = f"no text in column {ctx.text_column!r}"
        else:
            why = f"no text (looked for a non-empty field among {', '.join(TEXT_FIELDS)})"
        return InputError(aid, str(ctx.path), "parse", why, ctx.fmt)
    if len(text) * 4 > ctx.max_bytes and len(text.encode("utf-8", "surrogatepass")) > ctx.max_bytes:
        return InputError(aid, str(ctx.path), "read", f"record text is {len(text.encode('utf-8', 'surrogatepass'))} "
                          f"bytes, over the limit of {ctx.max_bytes} bytes (max_bytes)", ctx.fmt)
    warnings = list(ctx.warnings) + warnings
    meta = dict(ctx.file_meta)
    meta.update(_meta_from(rec))
    if _html_fragment(text):
        try:
            text, page_meta, w = html_to_text(text, meta.get("url"))
        except ReadFailure as e:
            return InputError(aid, str(ctx.path), e.stage, f"field {col!r}: {e.message}", ctx.fmt)
        warnings += [f"field {col!r} held HTML; its text was extracted"] + w
        meta = {**{k: v for k, v in page_meta.items() if v is not None}, **meta}
    return _build(text, aid, ctx.path, ctx.fmt, encoding, meta, warnings, ctx.sources)


def _build(raw: str, aid: str, path: Path, fmt: str, encoding: str, meta: dict, warnings: list[str],
           sources: pd.DataFrame | None) -> Article | InputError:
    warnings = list(warnings)
    pub = _published_value(meta.get("published"), warnings)
    try:
        return parse_article(
            raw, aid, path=str(path), format=fmt, encoding=encoding, url=_str(meta.get("url")),
            title=_str(meta.get("title")), published=pub, byline=_str(meta.get("byline")),
            outlet=_str(meta.get("outlet")), warnings=warnings, sources=sources)
    except Exception as e:  # a parsing bug must not stop a batch: report it as this input's error
        return InputError(aid, str(path), "parse", f"{type(e).__name__}: {e}", fmt)


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _line_text(line: bytes, warnings: list[str], lineno: int) -> tuple[str, str]:
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc, w = decode_bytes(line)
        warnings.append(f"line {lineno} decoded as {enc}")
        warnings.extend(w)
        return text, enc


def _skip_rest_of_line(f) -> None:
    while True:
        chunk = f.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_records(ctx: _Ctx) -> Iterator[Article | InputError]:
    stem, fmt, p = ctx.path.stem, ctx.fmt, str(ctx.path)
    with open(ctx.path, "rb") as f:
        head = f.read(_SNIFF)
        if not head:
            yield InputError(stem, p, "read", "empty file", fmt)
            return
        kind = _magic(head)
        if kind:
            yield InputError(stem, p, "read", f"binary file (looks like {kind})", fmt)
            return
        bom_enc = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
        if bom_enc is None and 0 in head and not _utf16_without_bom(head):
            yield InputError(stem, p, "read", "binary file (contains NUL bytes)", fmt)
            return
        first = head.lstrip(codecs.BOM_UTF8).lstrip()[:1]
        if not first:
            yield InputError(stem, p, "read", "no text (whitespace only)", fmt)
            return
        f.seek(0)
        if bom_enc in ("utf-16", "utf-32") or (bom_enc is None and 0 in head):
            enc = bom_enc or _utf16_without_bom(head)
            yield from _json_text_lines(ctx, io.TextIOWrapper(f, encoding=enc, errors="strict", newline=""), enc)
            return
        if bom_enc == "utf-8-sig":
            f.read(3)
        if first == b"[" or (first == b"{" and ctx.path.suffix.lower() == ".json" and not _first_line_is_json(head)):
            yield from _json_whole(ctx, f, bom_enc or "utf-8")
            return
        lineno = 0
        while True:
            line = f.readline(ctx.max_bytes + 1)
            if not line:
                return
            lineno += 1
            default_id = f"{stem}:{lineno}"
            if len(line) > ctx.max_bytes and not line.endswith(b"\n"):
                _skip_rest_of_line(f)
                yield InputError(default_id, p, "read", f"record on line {lineno} is over the limit of "
                                 f"{ctx.max_bytes} bytes (max_bytes)", fmt)
                continue
            if not line.strip():
                continue
            warnings: list[str] = []
            try:
                text, enc = _line_text(line, warnings, lineno)
            except ReadFailure as e:
                yield InputError(default_id, p, e.stage, f"line {lineno}: {e.message}", fmt)
                continue
            yield _json_line(ctx, text, default_id, lineno, bom_enc or enc, warnings)


def _json_line(ctx: _Ctx, text: str, default_id: str, lineno: int, enc: str,
               warnings: list[str]) -> Article | InputError:
    try:
        rec = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        msg = getattr(e, "msg", str(e))
        return InputError(default_id, str(ctx.path), "parse", f"line {lineno}: invalid JSON ({msg})", ctx.fmt)
    return _article_from_record(ctx, rec, default_id, enc, warnings)


def _json_text_lines(ctx: _Ctx, f: io.TextIOWrapper, enc: str) -> Iterator[Article | InputError]:
    p = str(ctx.path)
    lineno = 0
    try:
        for line in f:
            lineno += 1
            if line.strip():
                yield _json_line(ctx, line.lstrip("\ufeff"), f"{ctx.path.stem}:{lineno}", lineno, enc, [])
    except UnicodeDecodeError as e:
        yield InputError(f"{ctx.path.stem}:{lineno + 1}", p, "decode", f"invalid {enc} after line {lineno}: {e.reason}",
                         ctx.fmt)


def _first_line_is_json(head: bytes) -> bool:
    line = head.lstrip(codecs.BOM_UTF8).lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _json_whole(ctx: _Ctx, f, enc: str) -> Iterator[Article | InputError]:
    """A .json file holding one array of objects (or one object)."""
    stem, p = ctx.path.stem, str(ctx.path)
    limit = ctx.max_bytes * _JSON_ARRAY_LIMIT
    data = f.read(limit + 1)
    if len(data) > limit:
        yield InputError(stem, p, "read", f"a JSON array file is parsed whole and this one is over "
                         f"{limit} bytes; write it as JSON Lines (one object per line)", ctx.fmt)
        return
    warnings: list[str] = []
    try:
        text, used, warnings = decode_bytes(data)
    except ReadFailure as e:
        yield InputError(stem, p, e.stage, e.message, ctx.fmt)
        return
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        yield InputError(stem, p, "parse", f"invalid JSON ({getattr(e, 'msg', e)})", ctx.fmt)
        return
    if isinstance(value, dict):
        yield _article_from_record(ctx, value, stem, used, warnings)
        return
    if not isinstance(value, list):
        yield InputError(stem, p, "parse", f"expected JSON objects, got {type(value).__name__}", ctx.fmt)
        return
    for i, rec in enumerate(value, 1):
        yield _article_from_record(ctx, rec, f"{stem}:{i}", used, warnings)


csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_DELIMS = (",", "\t", ";", "|")
_SURROGATE = re.compile("[\udc80-\udcff]")


def _csv_encoding(head: bytes) -> str:
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    if 0 in head:
        enc16 = _utf16_without_bom(head)
        if enc16:
            return enc16
        raise ReadFailure("read", "binary file (contains NUL bytes)")
    text = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        text.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mixed(head):
        return "utf-8"  # rows with cp1252 bytes are repaired one by one
    return _legacy(head)[1].replace("-", "_")


def _csv_errors(enc: str) -> str:
    return {"utf-8": "surrogateescape", "cp1252": "newslib-latin1"}.get(enc, "strict")


def _fix_field(v: str, warnings: list[str]) -> str:
    if not _SURROGATE.search(v):
        return v
    data = v.encode("utf-8", "surrogateescape")
    try:
        text, enc, _ = decode_bytes(data)
    except ReadFailure:
        text, enc = _cp1252(data), "cp1252"
    msg = f"mixed encodings: field decoded as {enc}"
    if msg not in warnings:
        warnings.append(msg)
    return text


def _csv_records(ctx: _Ctx) -> Iterator[Article | InputError]:
    stem, fmt, p = ctx.path.stem, ctx.fmt, str(ctx.path)
    with open(ctx.path, "rb") as fb:
        head = fb.read(_SNIFF)
    if not head.strip():
        yield InputError(stem, p, "read", "empty file" if not head else "no text (whitespace only)", fmt)
        return
    kind = _magic(head)
    if kind:
        yield InputError(stem, p, "read", f"binary file (looks like {kind})", fmt)
        return
    try:
        enc = _csv_encoding(head)
    except ReadFailure as e:
        yield InputError(stem, p, e.stage, e.message, fmt)
        return
    errors = _csv_errors(enc)
    label = "utf-16" if enc.startswith("utf_16") or enc.startswith("utf-16") else _ENC_NAMES.get(enc, enc)
    with open(ctx.path, encoding=enc, errors=errors, newline="") as f:
        first_line = f.readline()
        f.seek(0)
        if ctx.path.suffix.lower() == ".tsv":
            delim = "\t"
        else:
            delim = max(_DELIMS, key=lambda d: (first_line.count(d), d == ","))
        reader = csv.reader(f, delimiter=delim)
        try:
            header = next(reader)
        except (StopIteration, csv.Error, UnicodeDecodeError) as e:
            yield InputError(stem, p, "parse", f"no CSV header ({e})", fmt)
            return
        header = [h.strip().lstrip("\ufeff").lower() for h in header]
        wanted = (ctx.text_column.lower(),) if ctx.text_column else TEXT_FIELDS
        if not any(w in header for w in wanted):
            yield InputError(stem, p, "parse", f"no text column: the header has {header[:12]}, expected one of "
                             f"{', '.join(wanted)} (or pass text_column=)", fmt)
            return
        row_no = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as e:
                row_no += 1
                yield InputError(f"{stem}:{row_no}", p, "parse", f"row {row_no}: {e}", fmt)
                if isinstance(e, UnicodeDecodeError):
                    return
                continue
            row_no += 1
            if not any(x.strip() for x in row):
                continue
            warnings: list[str] = []
            if errors == "surrogateescape":
                row = [_fix_field(x, warnings) for x in row]
            if len(row) != len(header):
                warnings.append(f"row {row_no} has {len(row)} fields, the header {len(header)}")
            rec = dict(zip(header, row, strict=False))
            yield _article_from_record(ctx, rec, f"{stem}:{row_no}", label, warnings)


# =============================================================================================
# One file
# =============================================================================================
def _format_for(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in HTML_EXT:
        return "html"
    if ext in JSON_EXT:
        return "jsonl"
    if ext in CSV_EXT:
        return "csv"
    return "text"


def _file_meta(path: Path, metadata: Mapping | None) -> dict:
    if not metadata:
        return {}
    if all(isinstance(v, Mapping) for v in metadata.values()):
        for key in (path.name, path.stem):
            if key in metadata:
                return _meta_from(metadata[key])
        return {}
    return _meta_from({str(k).lower(): v for k, v in metadata.items()})


_REGISTRIES: dict[Any, tuple[Any, pd.DataFrame]] = {}


def _registry(sources) -> pd.DataFrame | None:
    """The merged outlet registry for a sources.csv path or a frame, built once per input (a
    frame is keyed by identity, a path by name and modification time), so that reading file after
    file with the same `sources` does not rebuild it (nor the outlet index keyed on it)."""
    if sources is None:
        return None
    if isinstance(sources, pd.DataFrame):
        if sources.attrs.get("newslib_registry"):
            return sources
        key: Any = ("frame", id(sources))
    else:
        try:
            key = ("path", os.path.abspath(sources), os.stat(sources).st_mtime_ns)
        except (OSError, TypeError):
            key = None
    hit = _REGISTRIES.get(key) if key is not None else None
    if hit is not None and (key[0] == "path" or hit[0] is sources):
        return hit[1]
    src = sources
    if isinstance(src, pd.DataFrame):
        # sources.load_sources hands a frame to pd.read_csv; pass it as CSV text instead
        src = io.StringIO(src.to_csv(index=False))
    reg = load_sources(src)
    reg.attrs["newslib_registry"] = True
    if key is not None:
        if len(_REGISTRIES) > 16:
            _REGISTRIES.clear()
        _REGISTRIES[key] = (sources, reg)
    return reg


def records_from_file(path, *, sources=None, metadata: Mapping | None = None, text_column: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """The articles in one file (one for text/HTML, one per record for JSONL/CSV), with an
    :class:`InputError` for every input that cannot be read.  Never raises for bad input.

    `sources`: outlet registry (a sources.csv path or frame, merged with the built-in one).
    `metadata`: this file's metadata (url, outlet, published, title, byline), or the whole
    mapping from :func:`load_sidecars` (looked up by the file's name or stem)."""
    path = Path(path)
    reg = _registry(sources)
    meta = _file_meta(path, metadata)
    yield from _records(path, reg, meta, text_column, max_bytes)


def _records(path: Path, reg, meta: dict, text_column, max_bytes: int) -> Iterator[Article | InputError]:
    fmt = _format_for(path)
    stem, p = path.stem, str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        msg = "no such file (dangling symbolic link)" if path.is_symlink() else "no such file"
        yield InputError(stem, p, "read", msg, fmt)
        return
    except OSError as e:
        yield InputError(stem, p, "read", f"cannot read: {e.strerror or e}", fmt)
        return
    # st is the stat of the file a symbolic link points to, as path.is_dir() / is_file() use
    if stat.S_ISDIR(st.st_mode):
        yield InputError(stem, p, "read", "is a directory, not a file (or a directory with no files)", fmt)
        return
    if not stat.S_ISREG(st.st_mode):
        yield InputError(stem, p, "read", "not a regular file", fmt)
        return
    if st.st_size == 0:
        yield InputError(stem, p, "read", "empty file", fmt)
        return
    ctx = _Ctx(path, fmt, reg, meta, text_column, max_bytes)
    try:
        if fmt == "jsonl":
            yield from _jsonl_records(ctx)
            return
        if fmt == "csv":
            yield from _csv_records(ctx)
            return
    except OSError as e:
        yield InputError(stem, p, "read", f"cannot read: {e.strerror or e}", fmt)
        return
    if st.st_size > max_bytes:
        yield InputError(stem, p, "read", f"file is {st.st_size} bytes, over the limit of {max_bytes} bytes "
                         "(max_bytes)", fmt)
        return
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        yield InputError(stem, p, "read", f"cannot read: {e.strerror or e}", fmt)
        return
    if len(data) > max_bytes:
        yield InputError(stem, p, "read", f"file is over the limit of {max_bytes} bytes (max_bytes)", fmt)
        return
    try:
        if fmt == "html":
            text, enc, warnings = _decode_html(data)
        else:
            text, enc, warnings = decode_bytes(data)
        if not text.strip():
            raise ReadFailure("read", "no text (whitespace only)")
        if fmt == "text" and looks_like_html(text):
            fmt = "html"
        if fmt == "html":
            text, page_meta, w = html_to_text(text, meta.get("url"))
            warnings += w
            meta = {**{k: v for k, v in page_meta.items() if v is not None}, **meta}
    except ReadFailure as e:
        yield InputError(stem, p, e.stage, e.message, fmt)
        return
    yield _build(text, stem, path, fmt, enc, meta, warnings, reg)


# =============================================================================================
# Sources, sidecars and the whole batch
# =============================================================================================
@dataclass
class _Entry:
    path: Path
    root: Path | None  # the folder given (sidecars are looked up from the file's folder up to it)
    error: str | None = None


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> list[_Entry]:
    out: list[_Entry] = []
    visited = {os.path.realpath(root)}

    def unlistable(e: OSError) -> None:  # a folder that cannot be listed is an error row too
        out.append(_Entry(Path(e.filename or root), root, f"cannot list folder: {e.strerror or e}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unlistable):
        d = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            if _hidden(name):
                continue
            sub = d / name
            # a folder named like an article file (x.txt/) with no files in it is reported
            if Path(name).suffix.lower() in ARTICLE_EXT - {""} and not any(
                    not _hidden(fn) for _, _, fns in os.walk(sub) for fn in fns):
                out.append(_Entry(sub, root))
                continue
            real = os.path.realpath(sub)
            if real in visited:  # a symbolic link back into the tree: read each folder once
                continue
            visited.add(real)
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if _hidden(name) or name.lower() in SIDECARS:
                continue
            out.append(_Entry(d / name, root))
    out.sort(key=lambda e: e.path.as_posix())
    return out


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def _expand(source) -> list[_Entry]:
    if isinstance(source, (list, tuple)):
        out: list[_Entry] = []
        for s in source:
            out.extend(_expand(s))
    elif isinstance(source, (str, os.PathLike)):
        p = Path(source)
        try:
            is_dir = p.is_dir()
        except (OSError, ValueError) as exc:  # a name too long, a NUL byte: not a path we can open
            return [_Entry(p, None, f"not a readable path ({type(exc).__name__}: {exc})")]
        if is_dir:
            out = _walk(p) or [_Entry(p, p, "directory with no files")]
        elif os.path.lexists(p):
            out = [_Entry(p, None)]
        elif isinstance(source, str) and _is_glob(source):
            out = []
            for m in sorted(glob.glob(source, recursive=True)):
                mp = Path(m)
                if mp.is_dir():
                    out.extend(_walk(mp))
                elif mp.name.lower() not in SIDECARS:
                    out.append(_Entry(mp, None))
            if not out:
                out = [_Entry(p, None, "no file matches the pattern")]
        else:
            out = [_Entry(p, None)]
    else:
        raise TypeError(f"source must be a path, a glob pattern or a list of them, got {type(source).__name__}")
    seen: set[str] = set()
    uniq = []
    for e in out:
        key = os.path.abspath(e.path)
        if key not in seen:
            seen.add(key)
            uniq.append(e)
    return uniq


def looks_like_text(source) -> bool:
    """True for a str that is an article's text rather than a path or pattern: it holds a line
    break (no real path does)."""
    return isinstance(source, str) and ("\n" in source or "\r" in source)


def expand_source(source) -> list[Path]:
    """The files `source` stands for, in reading order.  Paths that do not exist (or patterns
    that match nothing) are kept, so that reading them yields an error row."""
    return [e.path for e in _expand(source)]


def _read_metadata_csv(path: Path) -> dict[str, dict]:
    data = path.read_bytes()
    text, _, _ = decode_bytes(data)
    rows = list(csv.DictReader(io.StringIO(text)))
    out: dict[str, dict] = {}
    for row in rows:
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        if "file" not in row:
            raise ReadFailure("parse", f"metadata.csv needs a 'file' column (has {sorted(row)})")
        key = (row.pop("file") or "").strip()
        if key:
            out[key] = {k: v for k, v in row.items() if _clean_value(v) is not None}
    return out


def load_sidecars(source, errors: list | None = None) -> tuple[pd.DataFrame | None, dict[str, dict]]:
    """(outlet registry or None, {file: metadata row}) from the ``sources.csv`` and
    ``metadata.csv`` of the folder `source` names (a folder, or files all in one folder).

    The registry is merged with the built-in one.  The metadata maps each row's ``file`` value
    (name, stem or relative path) to its other non-empty columns.  An unreadable sidecar is
    skipped: its :class:`InputError` is appended to `errors` when given (as :func:`iter_records`
    reports it, an error row), else it is a Python warning."""
    folder = _folder_of(source)
    if folder is None:
        return None, {}
    side = _Sidecars()
    side._load(folder)
    if errors is not None:
        errors.extend(side.errors)
    else:
        for e in side.errors:
            _pywarnings.warn(f"{e.path}: {e.message}", stacklevel=2)
    return side.reg[folder], side.meta[folder]


def _folder_of(source) -> Path | None:
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        return Path(source)
    parents = {e.path.parent for e in _expand(source)}
    return parents.pop() if len(parents) == 1 else None


class _Sidecars:
    """Sidecar tables per folder, loaded once; errors reported once."""

    def __init__(self):
        self.reg: dict[Path, Any] = {}
        self.meta: dict[Path, dict] = {}
        self.errors: list[InputError] = []
        self._chains: dict[tuple[Path, Path | None], list[Path]] = {}

    def _load(self, folder: Path) -> None:
        if folder in self.meta:
            return
        self.reg[folder], self.meta[folder] = None, {}
        sp, mp = folder / "sources.csv", folder / "metadata.csv"
        if sp.is_file():
            try:
                self.reg[folder] = _registry(sp)
            except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as e:
                self.errors.append(InputError("sources", str(sp), "parse", f"sources.csv unreadable: {e}", "csv"))
        if mp.is_file():
            try:
                self.meta[folder] = _read_metadata_csv(mp)
            except ReadFailure as e:
                self.errors.append(InputError("metadata", str(mp), e.stage, e.message, "csv"))
            except (ValueError, OSError, csv.Error) as e:
                self.errors.append(InputError("metadata", str(mp), "parse", f"metadata.csv unreadable: {e}", "csv"))

    def _chain(self, parent: Path, root: Path | None) -> list[Path]:
        """The folders whose sidecars apply to files in `parent` (nearest first), loaded; computed
        once per (folder, root), as a folder's files are read one after the other."""
        folders = self._chains.get((parent, root))
        if folders is None:
            folders = [parent]
            if root is not None:
                try:
                    rel = parent.relative_to(root)
                except ValueError:
                    rel = None
                if rel is not None:
                    folders = [root / Path(*rel.parts[:i]) for i in range(len(rel.parts), -1, -1)]
            for folder in folders:
                self._load(folder)
            self._chains[(parent, root)] = folders
        return folders

    def lookup(self, path: Path, root: Path | None) -> tuple[Any, dict]:
        folders = self._chain(path.parent, root)
        reg, meta = None, {}
        for folder in folders:
            if reg is None:
                reg = self.reg[folder]
            if not meta:
                table = self.meta[folder]
                if not table:
                    continue  # no metadata.csv rows here (the common case): no key to look up
                rel_path = os.path.relpath(path, folder).replace(os.sep, "/")
                for key in (rel_path, path.name, path.stem, rel_path.rsplit(".", 1)[0]):
                    if key in table:
                        meta = table[key]
                        break
        return reg, meta


def _guard(recs: Iterable[Article | InputError], path: Path, fmt: str) -> Iterator[Article | InputError]:
    """Belt and braces: an unexpected exception while reading one file becomes its error row."""
    it = iter(recs)
    while True:
        try:
            rec = next(it)
        except StopIteration:
            return
        except Exception as e:
            yield InputError(path.stem, str(path), "read", f"unexpected {type(e).__name__}: {e}", fmt)
            return
        yield rec


class UniqueIds:
    """Article ids made unique in reading order: the second "x" becomes "x#2", the third "x#3"
    (also used by the Dask engine, which sees the ids partition by partition)."""

    def __init__(self):
        self.used: dict[str, int] = {}

    def __call__(self, aid: str) -> str:
        n = self.used.get(aid)
        if n is None:
            self.used[aid] = 1
            return aid
        # skip suffixes already taken by an input's own id ("x#2" read before the second "x")
        while True:
            n += 1
            new = f"{aid}#{n}"
            if new not in self.used:
                break
        self.used[aid] = n
        self.used[new] = 1
        return new


def iter_records(source, *, sources=None, text_column: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """One :class:`Article` per article and one :class:`InputError` per input that could not be
    read, for every file `source` stands for (see the module docstring).  `sources` (a
    sources.csv path or frame) overrides the folders' sidecar ``sources.csv``.  Never raises for
    bad input; article ids are made unique (``#2``, ``#3`` ...)."""
    if looks_like_text(source):
        # a plain article text given where paths are expected (paths never hold a line break)
        yield parse_article(source, "text", format="string", sources=_registry(sources))
        return
    user_reg = _registry(sources)
    side = _Sidecars()
    unique = UniqueIds()
    reported = 0
    for entry in _expand(source):
        fmt = _format_for(entry.path)
        if entry.error:
            recs: Iterable[Article | InputError] = [
                InputError(entry.path.stem, str(entry.path), "read", entry.error, fmt)]
        else:
            reg, meta = side.lookup(entry.path, entry.root)
            recs = _records(entry.path, user_reg if user_reg is not None else reg,
                            _meta_from({k.lower(): v for k, v in meta.items()}) if meta else {},
                            text_column, max_bytes)
        while reported < len(side.errors):
            yield side.errors[reported]
            reported += 1
        for rec in _guard(recs, entry.path, fmt):
            rec.article_id = unique(rec.article_id)
            yield rec


def read_articles(source, *, sources=None, text_column: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    """The ``articles`` table for `source` (files, folder, glob or list; see the module docstring).

    One row per article: article_id (file stem, or ``<stem>:<line>`` / the record id for
    JSONL/CSV), path, format, encoding, outlet (+ outlet_from, country, ownership, outlet_type),
    url, title, published (+ published_from), byline, body, raw (every offset points into it),
    boilerplate (+ spans), word_count, warnings.  Inputs that could not be read are rows too,
    with only article_id, path, format and ``error`` ("stage: message") set.  Column meanings:
    docs/SCHEMA.md."""
    rows = [r.row() for r in iter_records(source, sources=sources, text_column=text_column,
                                          max_bytes=max_bytes)]
    return schema.conform(rows, "articles") if rows else schema.empty("articles")
