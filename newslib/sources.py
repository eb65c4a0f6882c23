"""Outlets: the registry of known publications and how an article's outlet is recognised.

The registry is ``newslib/lexicons/outlets.csv`` (built in) merged with a user's own
``sources.csv`` (same columns: name, aliases, domain, country, ownership, type; aliases and
domains separated by ';').  User rows win.  An article's outlet comes, in this order, from
metadata (a JSONL/CSV column or a sidecar ``articles.csv``), the URL's domain, or signals in the
text: copyright and credit lines ("Copyright scmp", "© 2019 Benzinga.com"), wire datelines
("BEIJING (Reuters) -") and self-references ("told the Global Times").
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

SOURCE_COLUMNS = ["name", "aliases", "domain", "country", "ownership", "type"]


def _read(path_or_buf) -> pd.DataFrame:
    df = pd.read_csv(path_or_buf, dtype=str, keep_default_na=False)
    missing = [c for c in ("name",) if c not in df.columns]
    if missing:
        raise ValueError(f"sources table needs a 'name' column (has {list(df.columns)})")
    for c in SOURCE_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    return df[SOURCE_COLUMNS + [c for c in df.columns if c not in SOURCE_COLUMNS]]


@lru_cache(maxsize=1)
def _builtin() -> pd.DataFrame:
    with resources.files("newslib").joinpath("lexicons").joinpath("outlets.csv").open("r", encoding="utf-8") as f:
        return _read(f)


def load_sources(path: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The outlet registry: the built-in list, with the rows of `path` (a sources.csv or a frame)
    replacing built-in rows of the same name and added otherwise."""
    base = _builtin()
    if path is None:
        return base.copy()
    if isinstance(path, pd.DataFrame):
        user = path.copy()
        if "name" not in user.columns:
            raise ValueError(f"sources table needs a 'name' column (has {list(user.columns)})")
        for c in SOURCE_COLUMNS:
            user[c] = user[c].fillna("").astype(str) if c in user.columns else ""
    else:
        user = _read(path)
    keep = base[~base["name"].str.lower().isin(user["name"].str.lower())]
    return pd.concat([user, keep], ignore_index=True)


def _split(v: str) -> list[str]:
    return [x.strip() for x in str(v or "").split(";") if x.strip()]


class _Index:
    """Lookups built once per registry: by name/alias, by domain, and one alias regex."""

    def __init__(self, reg: pd.DataFrame):
        self.meta: dict[str, dict] = {}
        self.by_name: dict[str, str] = {}
        self.by_domain: dict[str, str] = {}
        names: list[str] = []
        for row in reg.to_dict("records"):
            name = row["name"].strip()
            if not name or name in self.meta:
                continue
            self.meta[name] = {k: (row.get(k) or None) for k in ("country", "ownership", "type")}
            for alias in [name, *_split(row.get("aliases"))]:
                self.by_name.setdefault(alias.lower(), name)
                names.append(alias)
            for d in _split(row.get("domain")):
                self.by_domain.setdefault(d.lower().removeprefix("www."), name)
                self.by_name.setdefault(d.lower(), name)
                names.append(d)
        # longest first so "South China Morning Post" beats "Post"; only aliases of 2+ letters
        alts = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
        self.alias_re = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])",
                                   re.IGNORECASE)

    def lookup(self, name: str | None) -> str | None:
        if not name:
            return None
        key = name.strip().lower()
        return self.by_name.get(key) or self.by_name.get(key.removeprefix("the "))

    def domain(self, url: str | None) -> str | None:
        if not url:
            return None
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        host = host.lower().removeprefix("www.")
        parts = host.split(".")
        for i in range(len(parts) - 1):  # news.example.co.uk -> example.co.uk -> co.uk
            hit = self.by_domain.get(".".join(parts[i:]))
            if hit:
                return hit
        return None


_INDEXES: dict[int, tuple[pd.DataFrame, _Index]] = {}


def _index(reg: pd.DataFrame | None) -> _Index:
    reg = _builtin() if reg is None else reg
    hit = _INDEXES.get(id(reg))
    if hit is None or hit[0] is not reg:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        hit = (reg, _Index(reg))
        _INDEXES[id(reg)] = hit
    return hit[1]


# Lines that name the publisher: copyright/credit lines, wire datelines, self-references.
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\)|all rights reserved)", re.IGNORECASE)
_WIRE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\(([A-Z][A-Za-z.]{1,20})\)\s*[-–—]")
_SELF = re.compile(r"\btold (?:the )?([A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,4})")
# `_SELF` without its leading \b: a literal prefix lets the regex engine skip to each "told "
# (a leading \b makes it try every position); the boundary is checked in Python
_SELF_FAST = re.compile(_SELF.pattern.removeprefix(r"\b"))
_COPY_WORDS = ("copyright", "©", "(c)", "all rights reserved")  # spelled out in text_signals (faster)
# the only characters IGNORECASE matches to an ASCII letter besides its two cases
_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _self_refs(raw: str) -> list[str]:
    """`m.group(1)` of every `_SELF.finditer(raw)` match, found through the literal "told "."""
    out: list[str] = []
    pos = 0
    while True:
        m = _SELF_FAST.search(raw, pos)
        if m is None:
            return out
        s = m.start()
        if s and (raw[s - 1].isalnum() or raw[s - 1] == "_"):  # no word boundary before "told"
            pos = s + 1
            continue
        out.append(m.group(1))
        pos = m.end()


def text_signals(raw: str) -> list[str]:
    """Outlet names the text gives about itself, strongest first: copyright lines (last lines
    first), wire datelines, then 'told the X' self-references."""
    found: list[str] = []
    # cheap necessary conditions: a copyright word (substring test on the lower-cased text when
    # that is exact), a "(" for a wire dateline
    copy = True
    paren = "(" in raw  # a one-character search: cheap, and "(c)" needs it
    if raw.isascii() or not any(c in raw for c in _FOLDS):
        low = raw.lower()
        copy = "copyright" in low or "©" in low or (paren and "(c)" in low) or "all rights reserved" in low
    if copy:
        lines = [st for st in (ln.strip() for ln in raw.splitlines()) if st]
        for ln in reversed(lines):
            if len(ln) < 200 and _COPYRIGHT.search(ln):
                found.append(_COPYRIGHT.sub(" ", ln))
        lines = lines[:12]
    elif paren:
        lines = []  # only the first 12 non-blank lines are looked at
        for ln in raw.splitlines():
            st = ln.strip()
            if st:
                lines.append(st)
                if len(lines) == 12:
                    break
    else:
        lines = []
    for ln in lines:
        if "(" in ln:  # what _WIRE needs
            m = _WIRE.match(ln)
            if m:
                found.append(m.group(1))
    if "told " in raw:
        found.extend(_self_refs(raw))
    return found


def detect_outlet(given: str | None, url: str | None, raw: str, cleaned=None,
                  sources: pd.DataFrame | None = None) -> tuple[str | None, str | None, dict]:
    """(outlet name, where it came from, metadata) for one article."""
    idx = _index(sources)
    if given:
        name = idx.lookup(given) or given.strip()
        return name, "metadata", idx.meta.get(name, {})
    name = idx.domain(url)
    if name:
        return name, "url", idx.meta[name]
    # the cleaner's signals first; the text's own only when none of those names a known outlet
    for signals in (getattr(cleaned, "outlet_signals", None) or [], None):
        for sig in text_signals(raw) if signals is None else signals:
            m = idx.alias_re.search(sig)
            if m:
                name = idx.lookup(m.group(0))
                if name:
                    return name, "text", idx.meta[name]
    return None, None, {}
