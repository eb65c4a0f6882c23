"""Matplotlib charts for the corpus overview (notebook 01).

Each function draws on the Axes you give (or a new figure), labels it, and returns the Axes;
call ``plt.show()`` after it in a notebook.  Charts are deterministic: bars follow the order of
``article_id`` (sorted), colours are fixed, nothing depends on the clock or on randomness.

``word_counts(articles)``          words in each article's body
``readability_chart(df)``          Flesch reading ease, Flesch-Kincaid grade and Gunning fog
``boilerplate_share(articles)``    how each raw text splits into body, header and boilerplate
``part_characters(articles)``      the numbers behind that chart (characters per part)
``article_labels(articles)``       tick labels: outlet names when distinct, else short ids
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["article_labels", "boilerplate_share", "part_characters", "readability_chart", "short_label", "word_counts"]

# Fixed colours (matplotlib's tab10 entries) so charts look the same on every run.
PART_COLOURS = {
    "body": "#1f77b4",
    "title": "#2ca02c",
    "dateline": "#9467bd",
    "byline": "#8c564b",
    "boilerplate": "#d62728",
}
PART_ORDER = ["body", "title", "dateline", "byline", "boilerplate"]


def _axes(ax: Any, size: tuple[float, float]):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _fig, ax = plt.subplots(figsize=size)
    return ax


def short_label(article_id: str, width: int = 28) -> str:
    """A readable tick label for a (long) article id: cut at `width` characters."""
    s = str(article_id)
    return s if len(s) <= width else s[: width - 1] + "…"


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """Tick labels for articles: the outlet name when every article has a distinct outlet
    (clearest for a handful of articles), else the shortened article id."""
    df = _read(articles)
    ids = df["article_id"].astype(str).tolist()
    if "outlet" in df.columns:
        outlets = df["outlet"].tolist()
        if all(isinstance(o, str) and o for o in outlets) and len(set(outlets)) == len(outlets):
            return dict(zip(ids, outlets, strict=True))
    return {a: short_label(a) for a in ids}


def _read(articles: pd.DataFrame) -> pd.DataFrame:
    """Article rows that were read (error rows dropped), sorted by article_id."""
    df = articles
    if "error" in df.columns:
        df = df[df["error"].isna()]
    return df.sort_values("article_id").reset_index(drop=True)


def word_counts(articles: pd.DataFrame, ax: Any = None):
    """Horizontal bars: words in each article's body (the articles table's `word_count`)."""
    df = _read(articles)
    ax = _axes(ax, (7, 0.5 * len(df) + 1.5))
    y = np.arange(len(df))
    ax.barh(y, df["word_count"].astype(int), color=PART_COLOURS["body"])
    for yi, n in zip(y, df["word_count"].astype(int), strict=True):
        ax.annotate(f"{n}", (n, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    labels = article_labels(df)
    ax.set_yticks(y, [labels[a] for a in df["article_id"]])
    ax.invert_yaxis()
    ax.set_xlabel("words in the body (boilerplate and header removed)")
    ax.set_title("Article length")
    ax.margins(x=0.12)
    return ax


def readability_chart(df: pd.DataFrame, ax: Any = None, labels: dict[str, str] | None = None):
    """Grouped bars per article: Flesch-Kincaid grade and Gunning fog (school years) and
    Flesch reading ease (0-100, higher is easier) printed beside each group.

    `df` is the frame returned by :func:`newslib.readability.readability`; `labels` maps
    article ids to tick labels (for example :func:`article_labels` of the articles table)."""
    d = df.sort_values("article_id").reset_index(drop=True)
    ax = _axes(ax, (7, 0.8 * len(d) + 1.5))
    y = np.arange(len(d))
    h = 0.38
    ax.barh(y - h / 2, d["flesch_kincaid_grade"], height=h, label="Flesch-Kincaid grade", color="#1f77b4")
    ax.barh(y + h / 2, d["gunning_fog"], height=h, label="Gunning fog", color="#ff7f0e")
    top = float(np.nanmax(d[["flesch_kincaid_grade", "gunning_fog"]].to_numpy())) if len(d) else 0.0
    for yi, fre in zip(y, d["flesch_reading_ease"], strict=True):
        if pd.notna(fre):
            ax.annotate(f"reading ease {fre:.1f}", (top, yi), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=8)
    labels = labels or {}
    ax.set_yticks(y, [labels.get(a, short_label(a)) for a in d["article_id"]])
    ax.invert_yaxis()
    ax.set_xlabel("years of schooling needed (higher is harder)")
    ax.set_title("Readability of the article bodies")
    ax.set_xlim(0, top * 1.45 if top > 0 else 1)
    ax.legend(ncol=2, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    return ax


def part_characters(articles: pd.DataFrame) -> pd.DataFrame:
    """Characters of each article's raw text by part (body, title, dateline, byline,
    boilerplate): one row per article, one column per part, in characters of raw[start:end]
    summed over the article's paragraphs.  Blank space between paragraphs is not counted."""
    from .article import paragraphs_table

    paras = paragraphs_table(_read(articles))
    paras = paras.assign(chars=paras["end"] - paras["start"])
    table = paras.pivot_table(index="article_id", columns="part", values="chars", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=PART_ORDER, fill_value=0).sort_index()
    table.columns.name = None
    return table.astype(int)


def boilerplate_share(articles: pd.DataFrame, ax: Any = None):
    """Stacked bars: the share of each article's text that is body, header (title, dateline,
    byline) and removed boilerplate, in characters (see :func:`part_characters`)."""
    chars = part_characters(articles)
    labels = article_labels(articles)
    share = chars.div(chars.sum(axis=1).replace(0, 1), axis=0) * 100
    ax = _axes(ax, (7, 0.5 * len(share) + 1.5))
    y = np.arange(len(share))
    left = np.zeros(len(share))
    for part in PART_ORDER:
        vals = share[part].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=PART_COLOURS[part], label=part)
        left += vals
    for yi, pct in zip(y, share["boilerplate"], strict=True):
        ax.annotate(f"{pct:.1f}% boilerplate", (100, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_yticks(y, [labels.get(a, short_label(a)) for a in share.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("% of the article's characters")
    ax.set_title("What the cleaner kept and removed")
    ax.legend(ncol=5, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
    return ax
