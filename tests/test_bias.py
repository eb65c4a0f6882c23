"""Source-bias measures on the seed articles and small hand-written texts."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import newslib
from newslib import bias, schema
from newslib.readability import readability

GT = "globaltimes_2021-05-26_xiaomi-removed-from-us-blacklist"
AH = "androidheadlines_us-will-remove-xiaomi-from-blacklist"
SCMP = "scmp_2025-11-03_xiaomi-credentials-state-gift"


@pytest.fixture(scope="module")
def articles(seeds_dir):
    return newslib.read_articles(seeds_dir)


@pytest.fixture(scope="module")
def scores(articles):
    return bias.bias_scores(articles).set_index("article_id")


def _terms(scores, aid):
    return {(t["term"], t["category"]) for t in scores.loc[aid, "loaded_terms"]}


def test_global_times_loaded_terms_with_offsets(scores, articles):
    raw = articles.set_index("article_id").loc[GT, "raw"]
    terms = scores.loc[GT, "loaded_terms"]
    found = {t["term"]: t for t in terms}
    expected = {
        "baseless": "delegitimizing", "so-called": "delegitimizing", "groundless": "delegitimizing",
        "discriminatory": "delegitimizing", "brandish": "coercion", "sanction stick": "coercion",
        "crackdown": "coercion", "clampdown": "coercion",
    }
    for term, cat in expected.items():
        assert term in found, term
        assert found[term]["category"] == cat
    for t in terms:  # every offset points at the matched words in the raw text
        assert bias._norm(raw[t["start"]:t["end"]].lower()).startswith(bias._norm(t["term"]).split()[0][:4])
    assert raw[found["sanction stick"]["start"]:found["sanction stick"]["end"]] == "sanction stick"
    assert raw[found["so-called"]["start"]:found["so-called"]["end"]] == "so-called"
    assert "a baseless document" in raw[found["baseless"]["start"] - 2:found["baseless"]["end"] + 9]


def test_scmp_spies_and_outlet_ordering(scores):
    assert ("spies", "security") in _terms(scores, SCMP)
    gt = scores.loc[GT, "loaded_per_1k"]
    assert gt > scores.loc[AH, "loaded_per_1k"]
    assert gt > scores.loc[SCMP, "loaded_per_1k"]
    assert scores.loc[GT, "n_loaded"] == len(scores.loc[GT, "loaded_terms"])
    assert scores.loc[GT, "loaded_per_1k"] == pytest.approx(1000 * scores.loc[GT, "n_loaded"] / scores.loc[GT, "words"])


def test_scare_quotes_only_the_distance_quote(scores, articles):
    raw = articles.set_index("article_id").loc[GT, "raw"]
    sq = scores.loc[GT, "scare_quotes"]
    assert [q["text"] for q in sq] == ["friendly"]
    assert raw[sq[0]["start"] - 4:sq[0]["end"] + 6] == 'US "friendly" move'
    # reported speech, names and designations are not scare quotes
    assert scores.loc[AH, "n_scare_quotes"] == 0
    assert scores.loc[SCMP, "n_scare_quotes"] == 0


def test_scare_quote_rules_on_strings():
    s = bias.bias_scores([
        'The so-called "experts" were wrong.',
        'He said the plan was "unconstitutional," and left.',
        'Lee asked: "Is the line secure?"',
        'It was labelled a "Communist Chinese Military Company" by officials.',
        "The ministry's ‘reform’ agenda stalled.",
    ], readability=False)
    assert [len(x) for x in s["scare_quotes"]] == [1, 0, 0, 0, 1]
    assert s.loc[4, "scare_quotes"][0]["text"] == "reform"


def test_strings_and_series_work_with_offsets_into_the_string():
    texts = ["Critics slammed the sham election as a witch hunt.", "Shares rose 2% on Monday."]
    for obj in (texts, pd.Series(texts, index=["a", "b"])):
        s = bias.bias_scores(obj, readability=False)
        assert len(s) == 2
        terms = s.loc[0, "loaded_terms"]
        got = [(t["term"], texts[0][t["start"]:t["end"]]) for t in terms]
        assert got == [("slam", "slammed"), ("sham", "sham"), ("witch hunt", "witch hunt")]
        assert s.loc[1, "loaded_per_1k"] == 0
    assert list(bias.bias_scores(pd.Series(texts, index=["a", "b"]), readability=False)["article_id"]) == ["a", "b"]


def test_hedges_case_and_exclusions():
    s = bias.bias_scores([
        "The order may be lifted on May 20, officials said.",
        "The new tax regime starts in June; the regime in Pyongyang objected.",
        "Xiaomi is trumping Apple. Trumping Apple matters.",
    ], readability=False)
    assert s.loc[0, "hedges_per_1k"] == pytest.approx(1000 / 10)  # "may", not the month
    assert [t["term"] for t in s.loc[1, "loaded_terms"]] == ["regime"]
    text = "The new tax regime starts in June; the regime in Pyongyang objected."
    assert s.loc[1, "loaded_terms"][0]["start"] == text.index("the regime") + 4
    assert [t["term"] for t in s.loc[2, "loaded_terms"]] == ["trumping"]  # case-sensitive entry


def test_readability_same_definition_as_readability_table():
    # one definition of the three formulas: on the body alone, bias_scores gives exactly the
    # readability table's values (newslib's sentence count, not textstat's split on full stops)
    seeds = sorted(Path(__file__).resolve().parents[1].joinpath("seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    cols = ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"]
    b = bias.bias_scores(texts, parts=("body",))[cols].to_numpy(dtype=float)
    r = readability(texts)[cols].to_numpy(dtype=float)
    np.testing.assert_allclose(b, r, rtol=0, atol=1e-9)


def test_sentiment_subjectivity_negation():
    s = bias.bias_scores(["The deal is fair and a great success.", "The deal is not fair.",
                          "The court issued an order on Tuesday."], readability=False)
    assert s.loc[0, "sentiment"] > 0.5
    assert s.loc[1, "sentiment"] < 0
    assert s.loc[2, "sentiment"] == 0
    assert s.loc[0, "subjectivity"] == 1.0 and s.loc[2, "subjectivity"] == 0.0
    assert s["sentiment"].between(-1, 1).all() and s["subjectivity"].between(0, 1).all()


def test_readability_switch(scores):
    assert scores[["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"]].notna().all().all()
    # the Global Times seed's long sentences read harder than the Android Headlines blog post
    assert scores.loc[GT, "flesch_kincaid_grade"] > scores.loc[AH, "flesch_kincaid_grade"]
    off = bias.bias_scores(["A short text."], readability=False)
    assert off[["flesch_reading_ease", "gunning_fog"]].isna().all().all()


def test_bias_sentences_are_the_evidence(articles, scores):
    sent = bias.bias_sentences(articles)
    gt = sent[sent["article_id"] == GT]
    assert gt["n_loaded"].sum() == scores.loc[GT, "n_loaded"]
    assert gt["words"].sum() == scores.loc[GT, "words"]
    raw = articles.set_index("article_id").loc[GT, "raw"]
    for r in gt.itertuples():
        assert raw[r.start:r.end] == r.text
        for t in r.loaded_terms:
            assert r.start <= t["start"] < t["end"] <= r.end
    table = bias.loaded_terms_table(articles)
    assert len(table) == scores["n_loaded"].sum()
    row = table[(table["term"] == "baseless")].iloc[0]
    assert "a baseless document" in row["sentence_text"]


def _quotes_frame():
    rows = [
        {"article_id": GT, "start": 10, "end": 20, "text": "x", "kind": "direct", "speaker": "Zhou Xibing",
         "speaker_type": "person", "role": "veteran analyst", "cue": "said"},
        {"article_id": GT, "start": 30, "end": 40, "text": "y", "kind": "direct", "speaker": "Zhou Xibing",
         "speaker_type": "person", "role": "veteran analyst", "cue": "told"},
        {"article_id": GT, "start": 50, "end": 60, "text": "z", "kind": "indirect", "speaker": None,
         "speaker_type": "anonymous", "role": "Chinese tech analysts", "cue": "told"},
        {"article_id": GT, "start": 70, "end": 80, "text": "w", "kind": "indirect", "speaker": "FTSE Russell",
         "speaker_type": "organization", "cue": "said"},
        {"article_id": SCMP, "start": 5, "end": 9, "text": "v", "kind": "direct", "speaker": "Su Lian Jye",
         "speaker_type": "person", "role": "chief analyst", "affiliation": "Omdia", "cue": "said"},
    ]
    q = schema.conform(rows, "quotes")
    schema.validate(q, "quotes")
    return q


def test_sourcing_from_a_quotes_table(articles):
    src = bias.sourcing(_quotes_frame(), articles).set_index("article_id")
    gt = src.loc[GT]
    assert gt["n_quotes"] == 4 and gt["n_direct"] == 2 and gt["n_voices"] == 2
    assert gt["named_share"] == pytest.approx(0.75) and gt["anonymous_share"] == pytest.approx(0.25)
    assert gt["speaker_categories"] == {"analyst": 2, "anonymous": 1, "organization": 1}
    assert gt["voices"] == ["FTSE Russell", "Zhou Xibing"]
    assert gt["self_references"] == 2
    assert [r["text"] for r in gt["self_reference_spans"]] == ["told the Global Times"] * 2
    assert src.loc[SCMP, "speaker_categories"] == {"analyst": 1}
    assert np.isnan(src.loc[AH, "named_share"]) and src.loc[AH, "n_quotes"] == 0


def test_sourcing_without_the_quotes_module(articles, monkeypatch):
    monkeypatch.setitem(sys.modules, "newslib.quotes", None)  # import fails
    src = bias.sourcing(None, articles).set_index("article_id")
    assert src["n_quotes"].isna().all()
    assert src.loc[GT, "self_references"] == 2
    prof = bias.source_profile(articles, n_boot=50, readability=False)
    assert "named_share" not in prof.columns and len(prof) == 3


def test_entity_framing(articles):
    es = bias.entity_sentences(articles)
    fr = bias.entity_framing(articles).set_index(["outlet", "entity"])
    us_gt = fr.loc[("Global Times", "US government")]
    terms = {t["term"] for t in us_gt["terms"]}
    assert {"crackdown", "brandish", "sanction stick"} <= terms
    assert us_gt["sentiment"] < 0
    assert fr.loc[("South China Morning Post", "Xiaomi"), "sentiment"] > 0
    assert ("Global Times", "Luokung") in fr.index and ("Global Times", "Qualcomm") in fr.index
    assert ("South China Morning Post", "Omdia") in fr.index
    row = es[(es["article_id"] == SCMP) & (es["entity"] == "US government")].iloc[0]
    assert "US spies" in row["text"] and row["mentions"][0]["text"] == "US"


def test_source_profile_intervals_and_metadata(articles):
    p1 = bias.source_profile(articles, n_boot=300, seed=0).set_index("outlet")
    p2 = bias.source_profile(articles, n_boot=300, seed=0).set_index("outlet")
    pd.testing.assert_frame_equal(p1, p2)
    assert list(p1.index) == ["Android Headlines", "Global Times", "South China Morning Post"]
    assert (p1["articles"] == 1).all()
    gt = p1.loc["Global Times"]
    assert gt["country"] == "China" and gt["ownership"] == "state-run"
    assert gt["loaded_per_1k_lo"] <= gt["loaded_per_1k"] <= gt["loaded_per_1k_hi"]
    assert gt["loaded_per_1k_hi"] > gt["loaded_per_1k_lo"]
    assert gt["loaded_per_1k"] > p1.loc["Android Headlines", "loaded_per_1k"]
    # pooled rate equals the article's rate when the outlet has one article
    s = bias.bias_scores(articles, readability=False).set_index("outlet")
    assert gt["loaded_per_1k"] == pytest.approx(s.loc["Global Times", "loaded_per_1k"])
    # an outlet's interval does not depend on the other outlets in the table
    only = bias.source_profile(articles[articles["article_id"] == GT], n_boot=300, seed=0).set_index("outlet")
    assert only.loc["Global Times", "loaded_per_1k_lo"] == gt["loaded_per_1k_lo"]
    art = bias.source_profile(articles, n_boot=100, unit="article", readability=False).set_index("outlet")
    assert art.loc["Global Times", "loaded_per_1k_lo"] == art.loc["Global Times", "loaded_per_1k_hi"]


def test_same_story_groups_the_blacklist_articles(articles):
    ss = bias.same_story(articles).set_index("article_id")
    assert ss.loc[GT, "story"] == ss.loc[AH, "story"] != ss.loc[SCMP, "story"]
    assert "Xiaomi" in ss.loc[GT, "shared_names"]
    assert [t["term"] for t in ss.loc[GT, "headline_loaded"]] == ["clampdown"]
    assert any(f["text"] == "50 percent" for f in ss.loc[GT, "only_here_figures"])
    assert ss.loc[SCMP, "only_here_figures"] == []  # a one-article story has nothing to compare
    # a date window keeps a later article about the same names apart
    again = articles[articles["article_id"] == GT].assign(article_id="later", published=pd.Timestamp("2021-07-01"))
    two = bias.same_story(pd.concat([articles[articles["article_id"] == GT], again]))
    assert two["story"].nunique() == 2


def test_lexicons_are_built_once_and_documented():
    lex = bias.lexicons()
    assert lex is bias.lexicons()
    assert lex["loaded"].size > 1000
    assert {c for _, c in lex["loaded"].lookup.values()} == set(bias.CATEGORIES)


def test_linear_time_on_adversarial_input():
    from newslib.article import parse_article

    chunks = ['"so "so-called" " \u201c', "Sanction Sanction stick-", "crack-down-crack ", "1,000,000.5% ",
              "Xiaomi Corp Group Ltd ", "told the told the ", "\u2018a\u2019 ", "'\'\'", "slam" * 50 + " ",
              "so - - - called - - ", "May May ", "Tax Regime regime ", "not not fair "]
    text = "".join(chunks)
    text = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    art = parse_article(text, "adv")
    _ = art.sentences  # segmentation belongs to newslib.segment and is tested there
    t0 = time.perf_counter()
    an = bias._analyse(art)
    row = bias._score_row(art, readability=False)
    bias.self_references(art)
    bias.find_companies(art)
    bias._story_terms(art, an["paras"])
    bias._figures(art, an["paras"])
    assert time.perf_counter() - t0 < 2.0
    assert row["words"] > 0 and row["n_loaded"] > 0
