"""Tests for newslib.timeline: the corpus timeline, same-event grouping and disagreement flags."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

import newslib
from newslib.article import parse_article
from newslib.events import COLUMNS, content_words, period, timeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_period_of_values():
    assert period("2021-05-25")[2] == "day"
    start, end, g = period("2021-01")
    assert (start, end, g) == (pd.Timestamp("2021-01-01"), pd.Timestamp("2021-01-31"), "month")
    start, end, g = period("2025-Q3")
    assert (start, end, g) == (pd.Timestamp("2025-07-01"), pd.Timestamp("2025-09-30"), "quarter")
    assert period("2021")[1] == pd.Timestamp("2021-12-31")
    assert period("PXY") is None and period("PRESENT_REF") is None and period("XXXX-05-20") is None


def test_content_words_drop_function_and_calendar_words():
    assert content_words("The court removed Xiaomi from the blacklist on Tuesday.") == {"court", "removed", "xiaomi", "blacklist"}


def test_seed_timeline_sorted_and_traceable():
    arts = newslib.read_articles(SEEDS)
    ev = newslib.timeline(arts)
    assert list(ev.columns) == COLUMNS
    placed = ev.dropna(subset=["date_start"])
    assert placed["date_start"].is_monotonic_increasing
    gt = placed[placed["outlet"] == "Global Times"]
    assert {"2021-01", "2021-03", "2021-05-05", "2021-05-25", "2021-06-07", "2021-06-21"} <= set(gt["value"])
    # the dateline "Published: May 26, 2021 08:47 AM" is not an event
    assert not (ev["date_text"] == "May 26, 2021 08:47 AM").any()
    # Android Headlines states no date: its month-days stay unplaced (NaT) at the end
    ah = ev[ev["outlet"] == "Android Headlines"]
    assert len(ah) and ah["date_start"].isna().all() and set(ah["value"]) >= {"XXXX-05-20", "XXXX-01"}
    raw = dict(zip(arts["article_id"], arts["raw"], strict=True))
    for r in ev.itertuples():
        assert raw[r.article_id][r.sentence_start:r.sentence_end] == r.sentence
        assert raw[r.article_id][r.start:r.end] == r.date_text


def _art(body, aid, outlet, published):
    text = f"Xiaomi and the Pentagon blacklist: what happened\n\n{body}\n\nThe company declined to comment further.\n"
    return parse_article(text, aid, outlet=outlet, published=published)


def test_same_event_grouped_and_disagreement_flagged():
    a = _art("A US court removed Xiaomi from the Pentagon blacklist on Tuesday, the company said.",
             "a", "Outlet A", "2021-05-26")
    b = _art("Xiaomi was removed from the Pentagon blacklist by a US court on May 25.",
             "b", "Outlet B", "2021-05-27")
    c = _art("A US court removed Xiaomi from the Pentagon blacklist on Wednesday.",
             "c", "Outlet C", "2021-05-27")
    d = _art("Apple released a new phone in March.", "d", "Outlet D", "2021-05-27")
    ev = timeline([a, b, c, d])
    by = {r.article_id: r for r in ev.itertuples()}
    assert by["a"].value == "2021-05-25" and by["b"].value == "2021-05-25" and by["c"].value == "2021-05-26"
    assert by["a"].event_id == by["b"].event_id == by["c"].event_id
    # outlet C puts the same event a day later: every report of it is flagged
    assert by["a"].disagreement and by["b"].disagreement and by["c"].disagreement
    assert by["d"].event_id != by["a"].event_id and not by["d"].disagreement
    assert ev["event_id"].tolist() == sorted(ev["event_id"].tolist())


def test_compatible_granularities_join_without_disagreement():
    a = _art("The Trump administration added Xiaomi to the blacklist in mid-January.", "a", "A", "2021-05-26")
    b = _art("Xiaomi was added to the blacklist by the Trump administration in January.", "b", "B", "2021-05-20")
    ev = timeline([a, b])
    assert ev["event_id"].nunique() == 1 and not ev["disagreement"].any()
    assert ev.loc[ev["article_id"] == "a", "mod"].iloc[0] == "MID"
