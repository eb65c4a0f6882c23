"""The corpus-level speaker directory built from the seeds' quotes."""
from __future__ import annotations

from pathlib import Path

import newslib
from newslib.quotes import SPEAKER_COLUMNS, extract_quotes, speakers

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _directory():
    arts = newslib.read_articles(SEEDS)
    return speakers(extract_quotes(arts), arts).set_index("speaker")


def test_columns_and_one_row_per_speaker():
    arts = newslib.read_articles(SEEDS)
    df = speakers(extract_quotes(arts), arts)
    assert tuple(df.columns) == SPEAKER_COLUMNS
    assert df["speaker"].is_unique
    assert (df["speaker_type"] != "anonymous").all()
    assert set(df["category"]) <= {"analyst", "official", "company", "media", "other"}


def test_analysts_with_firms():
    d = _directory()
    assert d.loc["Su Lian Jye", "category"] == "analyst"
    assert d.loc["Su Lian Jye", "affiliations"] == ["Omdia"]
    assert d.loc["Sanyam Chaurasia", "affiliations"] == ["Canalys"]
    zhou = d.loc["Zhou Xibing"]
    assert zhou["category"] == "analyst" and zhou["outlets"] == ["Global Times"]
    # 'Zhou told', 'Zhou believed', the floating quote: merged under the full name
    assert zhou["n_quotes"] >= 4


def test_merged_across_outlets():
    d = _directory()
    lei = d.loc["Lei Jun"]
    assert lei["n_articles"] == 2
    assert sorted(lei["outlets"]) == ["Global Times", "South China Morning Post"]
    assert d.loc["Xiaomi", "speaker_type"] == "organization" and d.loc["Xiaomi", "category"] == "company"
    assert d.loc["Bloomberg", "category"] == "media"
    assert d.loc["Xi Jinping", "category"] == "official"


def test_without_articles_table_uses_article_ids():
    q = extract_quotes(newslib.read_articles(SEEDS))
    df = speakers(q).set_index("speaker")
    assert df.loc["Su Lian Jye", "outlets"] == ["scmp_2025-11-03_xiaomi-credentials-state-gift"]


def test_empty():
    df = speakers(extract_quotes("No quotes here at all."))
    assert tuple(df.columns) == SPEAKER_COLUMNS and len(df) == 0
