"""newslib: raw news articles in, tidy pandas tables out.

The functions below take a plain string, a list or Series of strings, or the articles table
returned by :func:`read_articles`, and return DataFrames whose columns are declared in
:mod:`newslib.schema` (see docs/SCHEMA.md).
"""
from __future__ import annotations

from .article import (
    Article,
    as_articles,
    boilerplate_table,
    paragraphs_table,
    parse_article,
    sentences_table,
)
from .readers import read_articles
from .schema import TABLES
from .sources import load_sources

__version__ = "0.1.0"

__all__ = [
    "Article",
    "TABLES",
    "as_articles",
    "boilerplate_table",
    "load_sources",
    "paragraphs_table",
    "parse_article",
    "read_articles",
    "sentences_table",
]
