"""Readers: the seeds, formats (text, HTML, JSONL, CSV), sources (globs, lists, folders), sidecars
and encodings."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

import newslib
from newslib import schema
from newslib.article import Article
from newslib.readers import (
    InputError,
    decode_bytes,
    expand_source,
    iter_records,
    load_sidecars,
    read_articles,
    records_from_file,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
AH = "androidheadlines_us-will-remove-xiaomi-from-blacklist"
GT = "globaltimes_2021-05-26_xiaomi-removed-from-us-blacklist"
SCMP = "scmp_2025-11-03_xiaomi-credentials-state-gift"

ARTICLE = (
    "Xiaomi removed from US blacklist\n\n"
    "Xiaomi said on Wednesday that it had been removed from the list. \u201cWe welcome the ruling,\u201d "
    "a spokesman said.\n\nShares rose 5.2 per cent in Hong Kong.\n"
)


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("article_id")


# ---- seeds ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_df() -> pd.DataFrame:
    return read_articles(SEEDS)


def test_seeds_three_articles_no_errors(seeds_df):
    schema.validate(seeds_df, "articles")
    assert len(seeds_df) == 3
    assert seeds_df["error"].isna().all()
    assert sorted(seeds_df["article_id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert set(seeds_df["format"]) == {"text"}
    assert set(seeds_df["encoding"]) == {"utf-8"}


def test_seeds_raw_is_the_file_text(seeds_df):
    df = by_id(seeds_df)
    for p in SEEDS.glob("*.txt"):
        assert df.loc[p.stem, "raw"] == p.read_bytes().decode("utf-8")
        assert df.loc[p.stem, "path"] == str(p)


def test_seed_outlets(seeds_df):
    df = by_id(seeds_df)
    # seeds/metadata.csv names the outlet of the Android Headlines seed
    assert df.loc[AH, "outlet"] == "Android Headlines"
    assert df.loc[AH, "outlet_from"] == "metadata"
    assert df.loc[AH, "country"] == "United States"
    # "Copyright scmp" in the text
    assert df.loc[SCMP, "outlet"] == "South China Morning Post"
    assert df.loc[SCMP, "outlet_from"] == "text"


def test_seed_file_given_alone_still_gets_its_folder_metadata():
    (art,) = list(iter_records(SEEDS / f"{AH}.txt"))
    assert isinstance(art, Article)
    assert art.outlet == "Android Headlines" and art.outlet_from == "metadata"


def test_load_sidecars_of_seeds():
    reg, meta = load_sidecars(SEEDS)
    assert "Android Headlines" in set(reg["name"])
    assert "Global Times" in set(reg["name"])
    assert len(reg) > 3  # merged with the built-in registry
    assert meta[f"{AH}.txt"]["outlet"] == "Android Headlines"


def test_expand_source_skips_sidecars_and_sorts():
    paths = expand_source(SEEDS)
    assert [p.name for p in paths] == sorted(p.name for p in SEEDS.glob("*.txt"))


# ---- sources: globs, lists, folders ---------------------------------------------------------------
def test_glob_and_list_sources():
    df = read_articles(str(SEEDS / "scmp_*.txt"))
    assert list(df["article_id"]) == [SCMP]
    df = read_articles([SEEDS / f"{GT}.txt", str(SEEDS / f"{SCMP}.txt")])
    assert list(df["article_id"]) == [GT, SCMP]
    # the same file twice is read once
    assert len(read_articles([SEEDS / f"{GT}.txt", SEEDS / f"{GT}.txt"])) == 1


def test_recursive_folder_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    assert [p.relative_to(tmp_path).as_posix() for p in expand_source(tmp_path)] == ["a.txt", "b/c.md"]
    df = read_articles(tmp_path)
    assert list(df["article_id"]) == ["a", "c"]
    assert df["error"].isna().all()


def test_duplicate_stems_get_unique_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(ARTICLE, encoding="utf-8")
    assert list(read_articles(tmp_path)["article_id"]) == ["story", "story#2"]


def test_metadata_sidecar_published_and_sources_override(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published,url,byline\na,Daily Example,2021-05-26 08:47,https://daily.example/x,Jane Doe\n",
        encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "name,aliases,domain,country,ownership,type\nDaily Example,DE,daily.example,Narnia,private,newspaper\n",
        encoding="utf-8")
    row = by_id(read_articles(tmp_path)).loc["a"]
    assert row["outlet"] == "Daily Example" and row["outlet_from"] == "metadata"
    assert row["country"] == "Narnia"
    assert row["published"] == pd.Timestamp("2021-05-26 08:47")
    assert row["published_from"] == "metadata"
    assert row["url"] == "https://daily.example/x"
    assert row["byline"] == "Jane Doe"
    user = pd.DataFrame([{"name": "Daily Example", "country": "Atlantis"}])
    row = by_id(read_articles(tmp_path, sources=user)).loc["a"]
    assert row["country"] == "Atlantis"


# ---- JSONL / JSON -----------------------------------------------------------------------------------
def test_jsonl_records_with_metadata(tmp_path):
    recs = [
        {"text": ARTICLE, "url": "https://www.scmp.com/tech/article/1", "published": "2021-05-26T08:47:00+08:00"},
        {"id": "gt-1", "body": "Second story\n\nIt said so.", "source": {"id": "x", "name": "Global Times"},
         "authors": ["Ann Lee", "Bo Chan"]},
        {"headline": "no text here"},
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n\n", encoding="utf-8")
    df = read_articles(p)
    schema.validate(df, "articles")
    assert list(df["article_id"]) == ["feed:1", "gt-1", "feed:3"]
    first, second, bad = (df.iloc[i] for i in range(3))
    assert first["raw"] == ARTICLE
    assert first["format"] == "jsonl"
    assert first["published"] == pd.Timestamp("2021-05-26 08:47")  # wall time as stated
    assert first["published_from"] == "metadata"
    assert first["outlet"] == "South China Morning Post" and first["outlet_from"] == "url"
    assert second["outlet"] == "Global Times" and second["outlet_from"] == "metadata"
    assert second["byline"] == "Ann Lee, Bo Chan"
    assert second["raw"] == "Second story\n\nIt said so."
    assert pd.isna(bad["raw"]) and bad["error"].startswith("parse: no text")


def test_jsonl_text_column_and_repeated_ids(tmp_path):
    p = tmp_path / "x.ndjson"
    p.write_text(json.dumps({"id": 7, "txt": "One."}) + "\n" + json.dumps({"id": 7, "txt": "Two."}) + "\n")
    df = read_articles(p, text_column="txt")
    assert list(df["article_id"]) == ["7", "7#2"]
    assert list(df["raw"]) == ["One.", "Two."]


def test_json_array_file_and_single_object(tmp_path):
    (tmp_path / "arr.json").write_text(json.dumps([{"text": "A."}, {"content": "B."}], indent=2))
    (tmp_path / "one.json").write_text(json.dumps({"text": "Only.", "title": "T"}, indent=2))
    df = read_articles(tmp_path)
    assert list(df["article_id"]) == ["arr:1", "arr:2", "one"]
    assert list(df["raw"]) == ["A.", "B.", "Only."]
    assert df["error"].isna().all()


def test_jsonl_field_holding_html_is_converted(tmp_path):
    html = "<div><p>First paragraph here.</p><script>var leak = 1;</script><p>Second one.</p></div>"
    p = tmp_path / "h.jsonl"
    p.write_text(json.dumps({"text": html}) + "\n")
    (art,) = list(iter_records(p))
    assert "leak" not in art.raw and "First paragraph here." in art.raw and "<p>" not in art.raw
    assert any("HTML" in w for w in art.warnings)


# ---- CSV / TSV --------------------------------------------------------------------------------------
def test_csv_with_text_column(tmp_path):
    p = tmp_path / "news.csv"
    df_in = pd.DataFrame({
        "headline": ["Xiaomi removed from US blacklist", "Second"],
        "body": [ARTICLE, "Line one, with a comma.\n\n\u201cQuoted,\u201d he said."],
        "date": ["2021-05-26", ""],
        "publisher": ["Global Times", ""],
    })
    df_in.to_csv(p, index=False)
    df = read_articles(p)
    schema.validate(df, "articles")
    assert list(df["article_id"]) == ["news:1", "news:2"]
    assert list(df["raw"]) == list(df_in["body"])
    assert df.loc[0, "published"] == pd.Timestamp("2021-05-26") and df.loc[0, "published_from"] == "metadata"
    assert df.loc[0, "outlet"] == "Global Times"
    assert df.loc[0, "title"] == "Xiaomi removed from US blacklist"
    assert set(df["format"]) == {"csv"}


def test_tsv_and_semicolon_csv(tmp_path):
    (tmp_path / "a.tsv").write_text("id\ttext\nk1\tTab separated.\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id;text\nk2;Semicolon separated, with comma.\n", encoding="utf-8")
    df = by_id(read_articles(tmp_path))
    assert df.loc["k1", "raw"] == "Tab separated."
    assert df.loc["k2", "raw"] == "Semicolon separated, with comma."


def test_csv_without_text_column_is_one_error(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b\n1,2\n")
    (err,) = list(iter_records(p))
    assert isinstance(err, InputError) and err.stage == "parse" and "text column" in err.message
    assert list(iter_records(p, text_column="b"))[0].raw == "2"


# ---- HTML -------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html><head>
<title>Xiaomi shares jump | Example Times</title>
<meta property="og:title" content="Xiaomi shares jump after court ruling">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-05-26T08:47:00+08:00">
<link rel="canonical" href="https://www.example.com/tech/2021/05/26/xiaomi-shares">
<style>.ad { color: red } body { font-family: serif }</style>
<script>window.trackingPixel = "SCRIPT_SHOULD_NOT_LEAK";</script>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/tech">Tech</a></nav>
<article>
<h1>Xiaomi shares jump after court ruling</h1>
<p>Shares of Xiaomi rose 5.2 per cent in Hong Kong on Wednesday after a US court removed the company
from a Pentagon blacklist that had barred American investors from buying its stock.</p>
<p>\u201cThis is a clear win for the company,\u201d said Ann Lee, chief analyst at Example Securities,
adding that investors had been waiting for the ruling since January.</p>
<script>document.write("SCRIPT_SHOULD_NOT_LEAK");</script>
<p>The company said it would continue to comply with the laws of every market where it operates and
that its products are used by consumers in more than one hundred countries around the world.</p>
</article>
<footer>Copyright 2021 Example Times</footer>
</body></html>
"""


def test_html_page(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    (art,) = list(iter_records(p))
    assert isinstance(art, Article) and art.format == "html" and art.encoding == "utf-8"
    assert art.title == "Xiaomi shares jump after court ruling"
    assert art.published == pd.Timestamp("2021-05-26 08:47")
    assert art.published_from == "metadata"
    assert art.url == "https://www.example.com/tech/2021/05/26/xiaomi-shares"
    assert art.byline == "Jane Doe"
    assert art.outlet == "Example Times"
    assert "SCRIPT_SHOULD_NOT_LEAK" not in art.raw and "font-family" not in art.raw
    assert art.raw.startswith("Xiaomi shares jump after court ruling\n\nPublished: 2021-05-26 08:47\n\n")
    assert "Shares of Xiaomi rose 5.2 per cent" in art.raw
    assert art.raw.count("Xiaomi shares jump after court ruling") == 1
    assert "\n\n\u201cThis is a clear win" in art.raw  # paragraphs separated by blank lines
    assert "<p>" not in art.raw


def test_html_sniffed_in_txt_and_fallback_stripper(tmp_path):
    # a .txt file holding a page is read as HTML
    (tmp_path / "saved.txt").write_text(PAGE, encoding="utf-8")
    # a tiny page trafilatura may find nothing in: the plain stripper keeps its text
    (tmp_path / "tiny.htm").write_text(
        "<html><head><title>Tiny</title><style>p{}</style></head><body><div>Short note.</div>"
        "<script>var x = 'LEAK';</script></body></html>", encoding="utf-8")
    df = by_id(read_articles(tmp_path))
    assert df.loc["saved", "format"] == "html"
    assert "SCRIPT_SHOULD_NOT_LEAK" not in df.loc["saved", "raw"]
    tiny = df.loc["tiny", "raw"]
    assert "Short note." in tiny and "LEAK" not in tiny and "p{}" not in tiny
    assert df.loc["tiny", "title"] == "Tiny"


def test_html_declared_charset(tmp_path):
    page = ("<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9 prices</title></head><body>"
            "<p>Caf\u00e9 owners said prices rose to \u20ac5, a \u201crecord\u201d.</p></body></html>")
    p = tmp_path / "w.html"
    p.write_bytes(page.encode("cp1252"))
    (art,) = list(iter_records(p))
    assert art.encoding == "cp1252"
    assert "Caf\u00e9 owners said prices rose to \u20ac5, a \u201crecord\u201d." in art.raw


# ---- encodings ----------------------------------------------------------------------------------------
CP1252_TEXT = ("Minister says \u201cprices will rise\u201d\n\nCaf\u00e9 owners\u2019 costs rose by \u20ac5 "
               "\u2014 a r\u00e9cord, said Ren\u00e9e M\u00fcller.\n")
GB_TEXT = ("\u5c0f\u7c73\u88ab\u79fb\u51fa\u7f8e\u56fd\u9ed1\u540d\u5355\n\n\u5c0f\u7c73\u516c\u53f8\u5ba3"
           "\u5e03\uff0c\u7f8e\u56fd\u56fd\u9632\u90e8\u5df2\u5c06\u5176\u4ece\u9ed1\u540d\u5355\u4e2d\u79fb"
           "\u9664\u3002\u5206\u6790\u5e08\u8868\u793a\uff0c\u8fd9\u662f\u4e00\u4e2a\u91cd\u8981\u7684"
           "\u8fdb\u5c55\u3002\n")
BIG5_TEXT = ("\u5c0f\u7c73\u88ab\u79fb\u51fa\u7f8e\u570b\u9ed1\u540d\u55ae\n\n\u5c0f\u7c73\u516c\u53f8"
             "\u5ba3\u5e03\uff0c\u7f8e\u570b\u570b\u9632\u90e8\u5df2\u5c07\u5176\u5f9e\u9ed1\u540d\u55ae"
             "\u4e2d\u79fb\u9664\u3002\u5206\u6790\u5e2b\u8868\u793a\uff0c\u9019\u662f\u4e00\u500b\u91cd"
             "\u8981\u7684\u9032\u5c55\u3002\n")


@pytest.mark.parametrize("text,data,encoding", [
    (ARTICLE, ARTICLE.encode("utf-8"), "utf-8"),
    (ARTICLE, b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
    (ARTICLE, ARTICLE.encode("utf-16"), "utf-16"),  # LE with BOM on this platform
    (ARTICLE, b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16"),
    (ARTICLE, ARTICLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: sniffed from the NUL bytes
    (ARTICLE, ARTICLE.encode("utf-32"), "utf-32"),
    (CP1252_TEXT, CP1252_TEXT.encode("cp1252"), "cp1252"),
    (GB_TEXT, GB_TEXT.encode("gb18030"), "gb18030"),
    (BIG5_TEXT, BIG5_TEXT.encode("big5"), "big5"),
])
def test_encodings_decode_exactly(tmp_path, text, data, encoding):
    assert decode_bytes(data)[:2] == (text, encoding)
    p = tmp_path / "enc.txt"
    p.write_bytes(data)
    (art,) = list(records_from_file(p))
    assert isinstance(art, Article)
    assert art.raw == text and art.encoding == encoding and art.warnings == []


def test_mixed_utf8_and_cp1252_lines(tmp_path):
    lines = ["Caf\u00e9 news \u2014 today", "", "Prices rose to \u20ac5, \u201csaid\u201d Ren\u00e9e.",
             "", "Plain ascii line.", "Na\u00efve r\u00e9sum\u00e9 \u2019quoted\u2019"]
    data = b"\n".join([lines[0].encode("utf-8"), b"", lines[2].encode("cp1252"), b"",
                       lines[4].encode("ascii"), lines[5].encode("cp1252")])
    p = tmp_path / "mixed.txt"
    p.write_bytes(data)
    (art,) = list(records_from_file(p))
    assert isinstance(art, Article)
    assert art.raw == "\n".join(lines)
    assert art.encoding == "utf-8+cp1252"
    assert art.warnings == ["mixed encodings: 2 lines decoded as cp1252"]


def test_jsonl_and_csv_in_utf16_and_cp1252(tmp_path):
    (tmp_path / "u16.jsonl").write_bytes((json.dumps({"text": GB_TEXT}, ensure_ascii=False) + "\n").encode("utf-16"))
    (tmp_path / "w.csv").write_bytes(("id,text\nc1,\"" + CP1252_TEXT + "\"\n").encode("cp1252"))
    (tmp_path / "sig.csv").write_bytes(("id,text\nc2,\"" + GB_TEXT + "\"\n").encode("utf-8-sig"))
    df = by_id(read_articles(tmp_path))
    assert df["error"].isna().all()
    assert df.loc["u16:1", "raw"] == GB_TEXT and df.loc["u16:1", "encoding"] == "utf-16"
    assert df.loc["c1", "raw"] == CP1252_TEXT and df.loc["c1", "encoding"] == "cp1252"
    assert df.loc["c2", "raw"] == GB_TEXT and df.loc["c2", "encoding"] == "utf-8-sig"


def test_csv_row_with_cp1252_bytes_in_utf8_file(tmp_path):
    data = ("id,text\nu,\u201cUTF-8 row\u201d caf\u00e9\n").encode("utf-8") + "w,Caf\u00e9 \u20ac5\n".encode("cp1252")
    (tmp_path / "m.csv").write_bytes(data)
    df = by_id(read_articles(tmp_path))
    assert df.loc["u", "raw"] == "\u201cUTF-8 row\u201d caf\u00e9"
    assert df.loc["w", "raw"] == "Caf\u00e9 \u20ac5"
    assert any("mixed encodings" in w for w in df.loc["w", "warnings"])


# ---- speed ----------------------------------------------------------------------------------------------
def test_reading_is_fast(tmp_path):
    text = (SEEDS / f"{SCMP}.txt").read_text(encoding="utf-8")
    for i in range(200):
        (tmp_path / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    from newslib import readers

    t = time.perf_counter()
    for p in sorted(tmp_path.iterdir()):
        readers.decode_bytes(p.read_bytes())
    assert time.perf_counter() - t < 0.5
    big = ("\u201cQuote, 1,234.5 \u00e9 Capital Words \" unclosed " * 25000).encode("cp1252")  # ~1 MB, legacy path
    t = time.perf_counter()
    text, enc, _ = decode_bytes(big)
    assert enc == "cp1252" and time.perf_counter() - t < 2


def test_html_regexes_linear_on_adversarial_input():
    from newslib.readers import html_to_text, looks_like_html

    hostile = "<" * 300_000 + "<!--" * 100_000 + "<meta charset=" * 20_000 + "\" ' 1,2,3 Capital" * 10_000
    t = time.perf_counter()
    looks_like_html(hostile)
    decode_bytes(hostile.encode("utf-8"))
    try:
        html_to_text("<html><body><p>" + hostile[:400_000] + "</p></body></html>")
    except Exception:
        pass
    assert time.perf_counter() - t < 2


def test_engine_style_calls_reuse_one_registry(tmp_path):
    """corpus.py calls expand_source + load_sidecars + records_from_file per file."""
    from newslib.readers import _registry

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\nb,South China Morning Post\n", encoding="utf-8")
    user = pd.DataFrame([{"name": "South China Morning Post", "country": "Hong Kong SAR"}])
    reg, meta = load_sidecars(tmp_path)
    assert reg is None and set(meta) == {"b"}
    arts = [r for p in expand_source(tmp_path) for r in records_from_file(p, sources=user, metadata=meta)]
    assert [a.article_id for a in arts] == ["a", "b"]
    assert arts[0].outlet is None
    assert arts[1].outlet == "South China Morning Post" and arts[1].outlet_meta["country"] == "Hong Kong SAR"
    assert _registry(user) is _registry(user)


def test_text_with_line_breaks_is_an_article_not_a_path():
    text = ("Xiaomi shares rose 5% on Monday\n\nXiaomi shares rose on Monday after the company said "
            "revenue grew strongly in the quarter.\n\nChina Tower: HK$53.42 billion\nXiaomi: HK$23.97 billion\n")
    arts = newslib.read_articles(text)
    assert len(arts) == 1 and arts["article_id"].iloc[0] == "text"
    assert arts["raw"].iloc[0] == text and pd.isna(arts["error"].iloc[0])
    # a labelled figure list closing the article is content, not a footer
    assert list(arts["boilerplate"].iloc[0]) == []


def test_unopenable_path_names_are_error_rows_not_crashes(tmp_path):
    too_long = str(tmp_path / ("x" * 5000))
    arts = newslib.read_articles([too_long, str(tmp_path / "nul\x00name.txt")])
    assert len(arts) == 2 and arts["error"].notna().all()


def test_unique_ids_never_repeat_an_input_id():
    """An input whose own id looks like a generated one ("x#2") never gets a twin."""
    from newslib.readers import UniqueIds

    for seq, want in ((["x", "x#2", "x"], ["x", "x#2", "x#3"]),
                      (["x#2", "x", "x"], ["x#2", "x", "x#3"]),
                      (["x", "x", "x#2", "x#3", "x"], ["x", "x#2", "x#2#2", "x#3", "x#4"]),
                      (["a", "a", "a"], ["a", "a#2", "a#3"])):
        ids = UniqueIds()
        got = [ids(a) for a in seq]
        assert got == want
        assert len(set(got)) == len(got)
