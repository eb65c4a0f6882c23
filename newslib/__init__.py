"""newslib: raw news articles in, tidy pandas tables out.

The functions below take a plain string, a list or Series of strings, or the articles table
returned by :func:`read_articles`, and return DataFrames whose columns are declared in
:mod:`newslib.schema` (see docs/SCHEMA.md).  Capability modules are imported on first use, so
``import newslib`` stays fast.
"""
from __future__ import annotations

import importlib

from . import accessor  # noqa: F401  (registers the df.news accessor)
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

# public name -> module that defines it (imported lazily)
_LAZY = {
    "extract_quotes": "quotes",
    "speakers": "quotes",
    "extract_figures": "figures",
    "extract_dates": "dates",
    "timeline": "events",
    "bias_scores": "bias",
    "source_profile": "bias",
    "sourcing": "bias",
    "entity_framing": "bias",
    "same_story": "bias",
    "build": "corpus",
    "load_corpus": "corpus",
    "iter_json": "corpus",
}


# capability modules reachable as attributes (newslib.readability.readability(...))
_SUBMODULES = {"bias", "corpus", "dates", "events", "figures", "plots", "quotes", "readability",
               "readers", "segment", "cleaning", "sources", "text", "engine_dask", "numbers"}


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'newslib' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


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
    *_LAZY,
]
