"""A cross-outlet timeline: every dated statement in a corpus, in calendar order, with reports of
the same event from different outlets grouped and disagreements about its date flagged.

`timeline(articles_or_text)` returns one row per temporal expression of kind date/time in an
article's body (the dateline and boilerplate are left out) that has a value:

``event_id``        events grouped across outlets (see below); 0, 1, 2 ... in calendar order
``date_start``      first day of the period the expression names (2021-01 -> 2021-01-01); NaT
                    when it could not be placed (no publication date to resolve against)
``date_end``        last day of that period
``value``           the TIMEX3 value (2021-05-25, 2021-01, 2025-Q3, XXXX-05-20 ...)
``granularity``     day, week, month, quarter, half, season, year or decade
``mod``             START / MID / END for "early / mid / late ..."
``date_text``       the expression as written; ``start``/``end`` its offsets in the article's raw
``sentence``        the sentence it lies in; ``sentence_start``/``sentence_end`` its offsets
``article_id``, ``outlet``, ``published``   where the statement comes from
``disagreement``    True when another outlet reports a similar sentence (same event) under a date
                    that does not overlap this one

Same-event grouping (kept simple on purpose): two sentences from different articles are *similar*
when the Jaccard overlap of their content words (lower-cased words of 3+ letters, minus
function words, month and weekday names) is at least `min_jaccard`.  Their dates are
*compatible* when the periods overlap (2021-01 with mid-January, 2021-05-25 with 2021-05).
Similar sentences with compatible dates join one event; similar sentences whose dates are all
incompatible are joined too (by the nearest dates) and both rows get ``disagreement`` True.
Unplaced dates (NaT) never join across articles.  Limits: word overlap misses paraphrase and
can join two different events told in the same words; a sentence with several dates attaches
its words to each of them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pandas as pd

from .article import as_articles
from .dates import scan
from .text import MONTHS, WEEKDAYS, load_lexicon

__all__ = ["timeline", "plot_timeline", "period", "content_words", "COLUMNS"]

COLUMNS = ["event_id", "date_start", "date_end", "value", "granularity", "mod", "date_text", "start",
           "end", "sentence", "sentence_start", "sentence_end", "article_id", "outlet", "published",
           "disagreement"]

_STOP = set(load_lexicon("date_timeline_stopwords.txt")) | set(MONTHS) | set(WEEKDAYS)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,30}")
_SEASON_MONTH = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def content_words(sentence: str) -> frozenset[str]:
    """The lower-cased content words of a sentence (function words and calendar names left out)."""
    out = set()
    for w in _WORD.findall(sentence):
        w = w.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) >= 3 and w not in _STOP:
            out.add(w)
    return frozenset(out)


def period(value: str | None) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """(first day, last day, granularity) of a calendar TIMEX3 value, None if it has none."""
    if not value or value.startswith(("P", "X")) or value.endswith("_REF"):
        return None
    v = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            d = pd.Timestamp(v)
            return d, d, "day"
        if re.fullmatch(r"\d{4}-\d\d", v):
            d = pd.Timestamp(v + "-01")
            return d, d + pd.offsets.MonthEnd(0), "month"
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            d = pd.Timestamp(int(m[1]), 3 * int(m[2]) - 2, 1)
            return d, d + pd.offsets.QuarterEnd(0), "quarter"
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            d = pd.Timestamp(int(m[1]), 6 * int(m[2]) - 5, 1)
            return d, d + pd.offsets.MonthEnd(6), "half"
        m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", v)
        if m:
            d = pd.Timestamp.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
            return d, d + pd.Timedelta(days=1 if m[3] else 6), "week"
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            a, b = _SEASON_MONTH[m[2]]
            d = pd.Timestamp(int(m[1]), a, 1)
            return d, d + pd.offsets.MonthEnd(b - a + 1), "season"
        if re.fullmatch(r"\d{4}", v):
            return pd.Timestamp(int(v), 1, 1), pd.Timestamp(int(v), 12, 31), "year"
        if re.fullmatch(r"\d{3}", v):
            return pd.Timestamp(int(v) * 10, 1, 1), pd.Timestamp(int(v) * 10 + 9, 12, 31), "decade"
    except (ValueError, OverflowError):
        return None
    return None


def _granularity_of_unresolved(value: str) -> str:
    if re.fullmatch(r"XXXX-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"XXXX-\d\d", value):
        return "month"
    if "-Q" in value:
        return "quarter"
    if "-W" in value:
        return "day"
    return "year"


def _rows(obj: Any, published: Any) -> list[dict]:
    rows = []
    for art in as_articles(obj, published=published):
        parts = art.paragraphs
        sents = art.sentences
        for t in scan(art.raw, art.published):
            if t.kind not in ("date", "time") or not t.value:
                continue
            sid = art.sentence_id(t.start)
            if sid is None:
                continue
            s0, s1, pid = sents[sid]
            if parts[pid][2] != "body":
                continue  # headline, dateline, byline and boilerplate are not events
            per = period(t.value)
            if per is None and not t.value.startswith("XXXX"):
                continue
            rows.append({
                "date_start": per[0] if per else pd.NaT, "date_end": per[1] if per else pd.NaT,
                "value": t.value, "granularity": per[2] if per else _granularity_of_unresolved(t.value),
                "mod": t.mod, "date_text": art.raw[t.start:t.end], "start": t.start, "end": t.end,
                "sentence": art.raw[s0:s1], "sentence_start": s0, "sentence_end": s1,
                "article_id": art.article_id, "outlet": art.outlet, "published": art.published,
            })
    return rows


class _Union:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def timeline(articles_or_text: Any, published: Any = None, min_jaccard: float = 0.2) -> pd.DataFrame:
    """The corpus timeline (columns in `COLUMNS`, documented in the module docstring), sorted by
    date_start (unplaced dates last), then article and offset."""
    rows = _rows(articles_or_text, published)
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    n = len(rows)
    uf = _Union(n)
    disagree = [False] * n
    # sentences with their date rows
    sent_rows: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        sent_rows[(r["article_id"], r["sentence_start"])].append(i)
    keys = list(sent_rows)
    words = {k: content_words(rows[sent_rows[k][0]]["sentence"]) for k in keys}
    # candidate pairs through an inverted index: sentences sharing at least one content word
    index: dict[str, list[int]] = defaultdict(list)
    for ki, k in enumerate(keys):
        for w in words[k]:
            index[w].append(ki)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                a, b = postings[x], postings[y]
                if keys[a][0] != keys[b][0]:
                    shared[(a, b)] += 1
    for (a, b), inter in shared.items():
        wa, wb = words[keys[a]], words[keys[b]]
        if inter / len(wa | wb) < min_jaccard:
            continue
        ra = [i for i in sent_rows[keys[a]] if rows[i]["date_start"] is not pd.NaT]
        rb = [j for j in sent_rows[keys[b]] if rows[j]["date_start"] is not pd.NaT]
        if not ra or not rb:
            continue
        compatible = [(i, j) for i in ra for j in rb
                      if rows[i]["date_start"] <= rows[j]["date_end"] and rows[j]["date_start"] <= rows[i]["date_end"]]
        if compatible:
            for i, j in compatible:
                uf.join(i, j)
            continue
        i, j = min(((i, j) for i in ra for j in rb),
                   key=lambda p: abs((rows[p[0]]["date_start"] - rows[p[1]]["date_start"]).days))
        if rows[i]["outlet"] != rows[j]["outlet"] or rows[i]["outlet"] is None:
            uf.join(i, j)
            disagree[i] = disagree[j] = True
    df = pd.DataFrame(rows)
    df["disagreement"] = disagree
    df["_root"] = [uf.find(i) for i in range(n)]
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_end"] = pd.to_datetime(df["date_end"])
    df = df.sort_values(["date_start", "article_id", "start"], na_position="last", kind="stable")
    first_seen: dict[int, int] = {}
    for root in df["_root"]:
        first_seen.setdefault(root, len(first_seen))
    df["event_id"] = df["_root"].map(first_seen).astype("int64")
    for c in ("value", "granularity", "mod", "date_text", "sentence", "article_id", "outlet"):
        df[c] = df[c].astype("string")
    return df[COLUMNS].reset_index(drop=True)


def plot_timeline(events: pd.DataFrame, ax=None, label_col: str = "date_text", title: str | None = None):
    """Points per outlet on a date axis (one row per outlet): one point per value, placed in the
    period's first/middle/last third for early/mid/late, the period drawn as a grey bar, labelled
    with its expression and event ids; points with a disagreement are red crosses.  Returns the
    matplotlib Axes."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    ev = events.dropna(subset=["date_start"]).copy()
    ev["outlet"] = ev["outlet"].fillna("(unknown)")
    outlets = sorted(ev["outlet"].unique())
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 1.2 + 0.9 * max(1, len(outlets))))
    ypos = {o: k for k, o in enumerate(outlets)}
    # one point per outlet and value; START/MID/END place it in the first/middle/last third
    where = {"START": 1 / 6, "MID": 0.5, "END": 5 / 6}
    groups = ev.groupby(["outlet", "value", "mod"], dropna=False, sort=False)
    points = sorted(groups, key=lambda kv: kv[1]["date_start"].iloc[0])
    for k, ((outlet, _value, mod), g) in enumerate(points):
        r = g.iloc[0]
        y = ypos[outlet]
        frac = where.get(mod, 0.5) if isinstance(mod, str) else 0.5
        x = r["date_start"] + (r["date_end"] - r["date_start"]) * frac
        if r["date_end"] > r["date_start"]:
            ax.plot([r["date_start"], r["date_end"]], [y, y], color="0.75", lw=4, solid_capstyle="butt")
        bad = bool(g["disagreement"].any())
        ax.plot(x, y, "x" if bad else "o", color="tab:red" if bad else "tab:blue")
        ids = ",".join(str(i) for i in sorted(set(g["event_id"])))
        label = f"{r[label_col]} [{ids}]"
        ax.annotate(label, (x, y), xytext=(0, 9 + 11 * (k % 4)), textcoords="offset points", ha="center",
                    fontsize=7, arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5})
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(-0.6, len(outlets) - 0.1 + 0.4)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.grid(axis="x", color="0.9")
    if title:
        ax.set_title(title)
    return ax
