"""The Article model: coercion of user inputs, offsets into raw, tables of spans."""
import pandas as pd
import pytest

import newslib
from newslib import schema
from newslib.article import as_articles, parse_article, span_table


def test_plain_string_becomes_one_article():
    arts = list(as_articles("Headline here\n\nBody sentence one. Body sentence two."))
    assert len(arts) == 1 and arts[0].article_id == "text"
    assert arts[0].published is None


def test_published_argument_sets_the_date_of_plain_strings():
    art = next(as_articles("Xiaomi said Wednesday it won.", published="2021-05-26"))
    assert art.published == pd.Timestamp("2021-05-26")
    assert art.published_from == "metadata"


def test_series_and_list_ids():
    s = pd.Series(["One.", "Two."], index=["a", "b"])
    assert [a.article_id for a in as_articles(s)] == ["a", "b"]
    assert [a.article_id for a in as_articles(["One.", "Two."])] == ["text0", "text1"]


def test_rejects_other_types():
    with pytest.raises(TypeError):
        list(as_articles(42))
    with pytest.raises(TypeError):
        list(as_articles([1, 2]))
    with pytest.raises(ValueError, match="raw"):
        list(as_articles(pd.DataFrame({"x": [1]})))


def test_articles_table_round_trip(seeds_dir):
    df = newslib.read_articles(seeds_dir)
    again = list(as_articles(df))
    assert [a.article_id for a in again] == df["article_id"].tolist()
    for art, (_, row) in zip(again, df.iterrows(), strict=True):
        assert art.raw == row["raw"]
        assert art.title == row["title"]
        assert art.boilerplate == list(row["boilerplate"])


def test_error_rows_are_skipped_by_extractors():
    df = schema.conform([{"article_id": "bad", "error": "decode: nope"},
                         {"article_id": "ok", "raw": "Title\n\nA body."}], "articles")
    assert [a.article_id for a in as_articles(df)] == ["ok"]


def test_span_offsets_point_into_raw(seed_texts):
    for stem, text in seed_texts.items():
        art = parse_article(text, stem)
        for s, e, _part in art.paragraphs:
            assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()
        prev = -1
        for s, e, pid in art.sentences:
            assert s > prev and text[s:e].strip() == text[s:e]
            ps, pe, _ = art.paragraphs[pid]
            assert ps <= s < e <= pe
            prev = s
        for (s, e), line in zip(art.boilerplate_spans, art.boilerplate, strict=True):
            assert text[s:e] == line
            assert art.in_boilerplate(s, e)


def test_tables_validate(seeds_dir):
    df = newslib.read_articles(seeds_dir)
    schema.validate(df, "articles")
    for fn, table in ((newslib.paragraphs_table, "paragraphs"), (newslib.sentences_table, "sentences"),
                      (newslib.boilerplate_table, "boilerplate_lines")):
        t = fn(df)
        schema.validate(t, table)
        assert len(t) > 0
        raw = dict(zip(df["article_id"], df["raw"], strict=True))
        for r in t.itertuples():
            assert r.end > r.start
            if table != "paragraphs":
                assert raw[r.article_id][r.start:r.end] == r.text


def test_span_table_sorts_and_locates():
    def fake(article):
        return [{"start": 10, "end": 12, "text": article.raw[10:12]}, {"start": 0, "end": 3, "text": article.raw[0:3]}]
    df = span_table("Headline\n\nSome body text here.", fake, "figures")
    schema.validate(df, "figures")
    assert df["start"].tolist() == [0, 10]
    assert df["article_id"].tolist() == ["text", "text"]
    assert df["sentence_id"].notna().all()


def test_body_excludes_boilerplate(seed_texts):
    scmp = next(t for k, t in seed_texts.items() if k.startswith("scmp"))
    art = parse_article(scmp, "scmp")
    for line in art.boilerplate:
        if line != art.title:
            assert line not in art.body
    assert art.word_count == len(art.body.split()) > 100
