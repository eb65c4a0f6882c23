"""Readers: files, directories, globs, JSON Lines, CSV and HTML into Article objects.

PLACEHOLDER IMPLEMENTATION - being replaced (see docs/DESIGN.md, "readers").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import schema
from .article import Article, parse_article


@dataclass
class InputError:
    article_id: str
    path: str
    stage: str
    message: str

    def row(self) -> dict:
        return {"article_id": self.article_id, "path": self.path, "error": f"{self.stage}: {self.message}"}


def iter_records(source, *, sources=None, text_column=None, max_bytes=None) -> Iterator[Article | InputError]:
    paths = sorted(Path(source).glob("*.txt")) if Path(source).is_dir() else [Path(source)]
    for p in paths:
        try:
            raw = p.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            yield InputError(p.stem, str(p), "read", str(e))
            continue
        yield parse_article(raw, p.stem, path=str(p), format="text", encoding="utf-8")


def read_articles(source, **kw) -> pd.DataFrame:
    rows = [r.row() for r in iter_records(source, **kw)]
    return schema.conform(rows, "articles") if rows else schema.empty("articles")
