"""Tests for newslib.figures and newslib.numbers (hand-written fixtures and the project's seeds)."""
from __future__ import annotations

import math
import re
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import newslib
from newslib import figures as fg
from newslib import numbers as nb
from newslib.article import parse_article
from newslib.figures import extract_figures, fx_table, json_items, share_moves, to_currency
from newslib.schema import validate

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def figs(text: str, kinds=None) -> list[tuple]:
    df = extract_figures(text)
    if kinds:
        df = df[df["kind"].isin(kinds)]
    return [(r.text, r.kind, None if isinstance(r.value, float) and math.isnan(r.value) else round(r.value, 6),
             None if pd.isna(r.unit) else r.unit) for r in df.itertuples()]


def money(text):
    return [(t, v, u) for t, k, v, u in figs(text, ["money"])]


# ---- contract -------------------------------------------------------------------------------


def test_plain_string_schema_and_offsets():
    text = "Xiaomi shares gained 3.52 per cent to close at HK$44.72"
    df = extract_figures(text)
    validate(df, "figures")
    for r in df.itertuples():
        assert text[r.start:r.end] == r.text
    assert figs(text) == [("3.52 per cent", "percent", 3.52, "%"), ("HK$44.72", "money", 44.72, "HKD")]
    row = df.iloc[0]
    assert row["direction"] == "up" and row["subject"] == "Xiaomi shares"
    assert pd.isna(df.iloc[1]["direction"])


def test_empty_text():
    df = extract_figures("No numbers here.")
    validate(df, "figures")
    assert df.empty


# ---- seeds ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_figs():
    return extract_figures(newslib.read_articles(SEEDS))


def test_seed_scmp(seed_figs):
    scmp = seed_figs[seed_figs["article_id"].str.startswith("scmp")]
    pct = scmp[scmp["text"] == "3.52 per cent"].iloc[0]
    assert (pct["kind"], pct["value"], pct["unit"], pct["direction"]) == ("percent", 3.52, "%", "up")
    assert not pct["in_boilerplate"]
    assert "shares" in pct["subject"]
    close = scmp[scmp["text"] == "HK$44.72"].iloc[0]
    assert (close["kind"], close["value"], close["unit"]) == ("money", 44.72, "HKD")
    assert not close["in_boilerplate"]
    teaser = scmp[scmp["text"] == "+0.96%"].iloc[0]
    assert teaser["in_boilerplate"] and teaser["ticker"] == "XRP" and teaser["value"] == 0.96
    tick = scmp[scmp["kind"] == "ticker"]
    assert list(tick["ticker"]) == ["XRP"] and tick["in_boilerplate"].all()
    rank = scmp[scmp["kind"] == "rank"].iloc[0]
    assert (rank["text"], rank["value"]) == ("third-largest", 3)
    # model names and years are not figures
    assert not scmp["text"].isin(["17", "6", "2021", "2023", "15"]).any()


def test_seed_globaltimes(seed_figs):
    gt = seed_figs[seed_figs["article_id"].str.startswith("globaltimes")]
    pct = gt[gt["kind"] == "percent"]
    assert list(pct["text"]) == ["50 percent", "50 percent"] and (pct["value"] == 50).all()
    nm = gt[gt["text"] == "nearly one million"].iloc[0]
    assert (nm["kind"], nm["value"], nm["unit"], nm["qualifier"]) == ("count", 1e6, "followers", "nearly")
    # dates, times and deadlines are not figures: May 26, 2021 08:47 AM, March 15, June 7
    assert not gt["text"].isin(["26", "2021", "08", "47", "15", "7", "21", "5"]).any()


def test_seed_androidheadlines(seed_figs):
    ah = seed_figs[seed_figs["article_id"].str.startswith("androidheadlines")]
    assert "second-largest" in set(ah["text"])
    # caption file-name fragments and "Mi MIX 4" are not figures
    assert not ah["text"].isin(["11", "20191", "4", "2016"]).any()
    assert ah[ah["kind"].isin(["money", "percent"])].empty


def test_json_items_fields():
    art = parse_article((SEEDS / "scmp_2025-11-03_xiaomi-credentials-state-gift.txt").read_text(encoding="utf-8"), "scmp")
    items = json_items(art)
    keys = {"text", "kind", "value", "unit", "subject", "in_boilerplate", "start", "end", "qualifier",
            "direction", "ticker", "exchange"}
    assert all(keys <= set(i) for i in items)
    tick = [i for i in items if i["kind"] == "ticker"][0]
    assert tick["value"] == "XRP"
    hk = [i for i in items if i["text"] == "HK$44.72"][0]
    assert hk["value"] == 44.72 and art.raw[hk["start"]:hk["end"]] == "HK$44.72"


# ---- forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("closed at HK$44.72", ("HK$44.72", 44.72, "HKD")),
    ("a US$1.2bn deal", ("US$1.2bn", 1.2e9, "USD")),
    ("revenue of $105 billion", ("$105 billion", 105e9, "USD")),
    ("spending of RMB 3 trillion", ("RMB 3 trillion", 3e12, "CNY")),
    ("output of 3.4 trillion yuan", ("3.4 trillion yuan", 3.4e12, "CNY")),
    ("a fine of ¥500 million", ("¥500 million", 5e8, "JPY")),
    ("priced at €2 million", ("€2 million", 2e6, "EUR")),
    ("worth £8.10 million", ("£8.10 million", 8.1e6, "GBP")),
    ("a bid of 470 pence a share", ("470 pence", 4.7, "GBP")),
    ("shares at S$5.20", ("S$5.20", 5.2, "SGD")),
    ("TSMC earned NT$300 billion", ("NT$300 billion", 3e11, "TWD")),
    ("a A$2 billion mine", ("A$2 billion", 2e9, "AUD")),
    ("a C$1.34 dividend", ("C$1.34", 1.34, "CAD")),
    ("The price starts at USD 22.5 million.", ("USD 22.5 million", 22.5e6, "USD")),
    ("raised $5mn and then $3m", ("$5mn", 5e6, "USD")),
    ("a Rs 5 crore grant", ("Rs 5 crore", 5e7, "INR")),
    ("fined 10,000 swiss francs", ("10,000 swiss francs", 1e4, "CHF")),
    ("down 34 cents", ("34 cents", 0.34, "USD")),
    ("received five million yen", ("five million yen", 5e6, "JPY")),
    ("each block mined is now 6.25 BTC", ("6.25 BTC", 6.25, "BTC")),
    ("losses in excess of 30 MUSD", ("30 MUSD", 3e7, "USD")),
])
def test_money_forms(text, expected):
    assert money(text)[0] == expected


def test_scale_abbreviations_and_indian_units():
    assert figs("either 10 bln or 10 tln") == [("10 bln", "count", 1e10, None), ("10 tln", "count", 1e13, None)]
    assert figs("The total is three lakh crore")[0][2] == 3e12
    assert figs("a 5 lakh payout")[0][2] == 5e5
    assert money("$2tn and $4 mn") == [("$2tn", 2e12, "USD"), ("$4 mn", 4e6, "USD")]


@pytest.mark.parametrize("text,expected", [
    ("rose 3.52 per cent", ("3.52 per cent", "percent", 3.52, "%")),
    ("with 50 percent added", ("50 percent", "percent", 50, "%")),
    ("XRP (XRP +0.96%) is", ("+0.96%", "percent", 0.96, "%")),
    ("margins fell -1.5% on", ("-1.5%", "percent", -1.5, "%")),
    ("up 2 percentage points", ("2 percentage points", "percentage_points", 2, "pp")),
    ("cut rates by 25 basis points", ("25 basis points", "percentage_points", 0.25, "pp")),
    ("twenty percent of voters", ("twenty percent", "percent", 20, "%")),
])
def test_percent_forms(text, expected):
    assert figs(text, ["percent", "percentage_points"])[0] == expected


def test_ranges_give_two_figures():
    assert figs("between 20 to 30 percent") == [("20", "percent", 20, "%"), ("30 percent", "percent", 30, "%")]
    assert figs("20-30% of sales", ["percent"]) == [("20", "percent", 20, "%"), ("30%", "percent", 30, "%")]
    assert money("bitcoin traded at $62,000 to $63,000") == [("$62,000", 62000, "USD"), ("$63,000", 63000, "USD")]
    assert money("costs $5 to 7 million") == [("$5", 5e6, "USD"), ("7 million", 7e6, "USD")]


def test_number_words_and_fractions():
    assert figs("with nearly one million followers")[0] == ("nearly one million", "count", 1e6, "followers")
    assert figs("Twenty-six people died")[0] == ("Twenty-six", "count", 26, "people")
    assert figs("five and a half million fishes")[0][2] == 5.5e6
    assert figs("two and three", ["count"]) == [("two", "count", 2, None), ("three", "count", 3, None)]
    third = figs("a third of revenue")[0]
    assert third[0] == "a third" and abs(third[2] - 1 / 3) < 1e-6
    assert nb.words_value("one hundred and five") == 105
    assert nb.words_value("twenty-one trillion") == 21e12


def test_ranks():
    assert figs("the world's third-largest vendor") == [("third-largest", "rank", 3, None)]
    assert figs("Xiaomi is No. 2 in Europe") == [("No. 2", "rank", 2, None)]
    assert figs("the 2nd biggest maker")[0][:3] == ("2nd biggest", "rank", 2)
    # novelty ordinals are not ranks
    assert figs("its first model was released") == []


@pytest.mark.parametrize("text,ticker,exchange", [
    ("Apple Inc (NASDAQ: AAPL) said", "AAPL", "NASDAQ"),
    ("VanEck's fund (NYSE: SMH) rose", "SMH", "NYSE"),
    ("Xiaomi (1810.HK) shares", "1810.HK", "HKEX"),
    ("traders piled into $TSLA today", "TSLA", None),
    ("XRP (XRP +0.96%) is up", "XRP", None),
    ("Tencent (HKEX: 0700) fell", "0700", "HKEX"),
])
def test_tickers(text, ticker, exchange):
    df = extract_figures(text)
    t = df[df["kind"] == "ticker"].iloc[0]
    assert t["ticker"] == ticker
    assert (None if pd.isna(t["exchange"]) else t["exchange"]) == exchange
    # the ticker's digits are not a count
    assert df[df["kind"] == "count"].empty


def test_figures_tied_to_ticker_and_per_share():
    df = extract_figures("Apple (NASDAQ: AAPL) shares rose 3% to $150 a share.")
    pct = df[df["kind"] == "percent"].iloc[0]
    assert pct["ticker"] == "AAPL" and pct["direction"] == "up"
    px = df[df["kind"] == "money"].iloc[0]
    assert (px["text"], px["value"], px["ticker"]) == ("$150", 150, "AAPL") and pd.isna(px["direction"])
    assert money("valued at about $98 a share") == [("$98", 98, "USD")]


def test_index_points():
    df = extract_figures("the Hang Seng Index rose 2.1 per cent to 17,454 points")
    assert figs("the Hang Seng Index rose 2.1 per cent to 17,454 points") == [
        ("2.1 per cent", "percent", 2.1, "%"), ("17,454 points", "index_points", 17454, "points")]
    assert df.iloc[0]["subject"] == "the Hang Seng Index"


def test_bracketed_conversion():
    assert money("HK$10 billion (US$1.28 billion)") == [("HK$10 billion", 1e10, "HKD"), ("US$1.28 billion", 1.28e9, "USD")]


def test_direction_and_qualifier():
    df = extract_figures("Sales slumped 12% to $3 billion, while costs climbed more than $200 million.")
    d = dict(zip(df["text"], df["direction"].astype(object).where(df["direction"].notna(), None), strict=False))
    assert d == {"12%": "down", "$3 billion": None, "$200 million": "up"}
    assert df.set_index("text").loc["$200 million", "qualifier"] == "more than"
    assert extract_figures("an 8 percent increase").iloc[0]["direction"] == "up"
    assert extract_figures("shares tumbled $2.75.").iloc[0]["direction"] == "down"


# ---- traps ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "the S&P 500 closed", "the S&P index",
    "the Mate 60 Pro launched", "Apple's iPhone 17 went on sale", "a 7nm chip", "the Xiaomi Mi MIX 4",
    "a Huawei Mate X6 smartphone", "its 17-series phones", "Qihoo 360 said",
    "by a March 15 deadline", "which it entered in 2021.", "on 2025-10-28 it", "May 26, 2021 08:47 AM",
    "call +1 212-555-0199 now", "call (852) 2680-8888", "open 24/7", "at 08:47 AM",
    "for more than 15 years", "a two-day summit", "in the 1990s", "in Q1 2021",
])
def test_traps_are_not_figures(text):
    assert figs(text) == [], text


def test_a_dollar_and_possessive_dollar_are_usd():
    assert money("won a $300 million contract") == [("$300 million", 3e8, "USD")]
    assert money("country music's $500 million man") == [("$500 million", 5e8, "USD")]
    assert money("a A$300 million") == [("A$300 million", 3e8, "AUD")]


def test_yen_sign_in_chinese_context_is_yuan():
    assert money("a ¥5 billion investment in yuan terms")[0][2] == "CNY"


def test_pounds_of_weight_is_not_money():
    assert money("500 pounds of beef") == []


# ---- FX and share moves -----------------------------------------------------------------------


def test_to_currency_fixed_table():
    table = fx_table()
    assert {"USD", "HKD", "CNY", "EUR", "GBP", "JPY"} <= set(table["code"])
    df = extract_figures("It paid HK$7.77 and US$2 and 1 yuan-free.")
    conv = to_currency(df, "USD")
    rate = table.set_index("code").loc["HKD", "per_usd"]
    assert conv.iloc[0]["value_USD"] == pytest.approx(7.77 / rate)
    assert conv.iloc[1]["value_USD"] == 2


def test_share_moves():
    arts = newslib.read_articles(SEEDS)
    moves = share_moves(extract_figures(arts), arts)
    row = moves.iloc[0]
    assert (row["change"], row["direction"], row["close"], row["close_unit"]) == (3.52, "up", 44.72, "HKD")
    assert str(row["published"].date()) == "2025-11-03"
    assert len(moves) == 1  # the teaser's +0.96% is boilerplate


# ---- speed and safety -------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [
    "9", "$", ",", "1,", "$1,", "per cent ", "1 per cent ", "HK$", "US$1.", "one two three ", "(XRP ",
    "No. ", "1-", "A$", "$9 million to ", "1 and ", "Mate 60 ", "%", "12:", "+", "\u00a0",
    "USD/CNY ", "USD/CNY 7.1 ", "/", "$1.5-billion-", "1-billion-dollar ", "half a percentage ",
    "a quarter-point ", "margin fell 1 points ", "Index rose to 5 ", ", or 1% ", "a drop of ",
    "a quarter of a billion ", "three quarters of ", "half a million ", "US$1.5bil ", "6.9pc ", "9mil",
])
def test_linear_time_on_adversarial_text(chunk):
    text = chunk * (1_000_000 // len(chunk))
    t0 = time.perf_counter()
    extract_figures(text[:200_000]) if chunk in ("one two three ", "1 and ", "Mate 60 ") else None
    from newslib.figures import _scan
    _scan(text)
    assert time.perf_counter() - t0 < 2.0


# ---------------------------------------------------------------------------------------------
# Fast paths pinned to the reference behaviour they replace (speed work must not change output)
# ---------------------------------------------------------------------------------------------
_SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))]
_MIXED = ("Shares rose 3% to HK$44.72 on March 5. “It fell,” he said; revenue: US$1.2bn (RMB 8 bn), "
          "up from 5 mn yuan. Costs were ¥ 300 and €1,200; ２０２５年 sales ٣٤ units, ۱۲ more.\n"
          "Which analysts, while bullish, expect the S&P 500 to gain 2.1 per cent?  Yes! 12 USD, 7p, 3 M EUR")


def _ref_sentence_start(raw: str, s: int) -> int:
    lo = max(0, s - 300)
    best = lo
    for sep in (". ", "! ", "? ", "\n", ".” ", '." '):
        i = raw.rfind(sep, lo, s)
        if i >= 0 and i + len(sep) > best:
            best = i + len(sep)
    return best


def _ref_clause_start(raw: str, s: int) -> int:
    lo = max(_ref_sentence_start(raw, s), s - 160)
    best = lo
    for ch in ",;:()[]“”\"—":
        i = raw.rfind(ch, best, s)
        if i >= 0:
            best = i + 1
    toks = raw[best:s].split(" ")
    pos = s
    for t in reversed(toks):
        pos -= len(t) + 1
        if t.lower() in {"that", "which", "who", "while", "whereas", "but", "after", "when", "because", "although"}:
            return min(s, pos + len(t) + 2)
    return best


def test_sentence_and_clause_starts_match_reference_scans():
    tricky = ("Sales,which rose (but fell) 5%; WHOLE whole-year afternoon who\u00a0which İwhich WHİCH "
              "said that 7 “while” 8 —although 9 Kbut thathat 10, but\twhen 11 [who] 12")
    for raw in [*_SEED_TEXTS, _MIXED, "THAT, Which. but  when\n" * 40, tricky * 3]:
        br = fg._Breaks(raw)
        for s in range(0, len(raw) + 1, 3):
            assert br.sentence_start(s) == _ref_sentence_start(raw, s), s
            assert br.clause_start(s) == _ref_clause_start(raw, s), s


def test_qualifier_gate_keeps_every_qualifier():
    """The two-letter gate before the qualifier lookup lets every qualifier phrase through."""
    for q in fg._QUALIFIERS:
        rows = fg._scan(f"Sales rose {q} 5% last year. Revenue was {q.upper()}  $3 billion.")
        quals = [r["qualifier"] for r in rows if r["kind"] in ("percent", "money")]
        assert quals == [q.lower(), q.lower()], q


def test_digit_runs_match_regex_including_non_ascii_digits():
    for raw in [*_SEED_TEXTS, _MIXED, "", "abc", "１２ x ٣٤5 9", "x 12“34”"]:
        assert fg._digit_run_starts(raw) == [m.start() for m in re.finditer(r"\d+", raw)]
    # every non-ASCII decimal digit lies in the ranges that send a text to the regex path
    rx = fg._NON_ASCII_DECIMAL
    missing = [c for c in range(0x80, sys.maxunicode + 1) if chr(c).isdecimal() and not rx.match(chr(c))]
    assert missing == []


def test_next_words_matches_word_by_word_loop():
    def ref(raw, e, n):
        out, pos = [], e
        for _ in range(n):
            m = fg._NOUN_RUN.match(raw, pos)
            if not m:
                break
            out.append(m.group(1))
            pos = m.end()
        return out
    for raw in [*_SEED_TEXTS, _MIXED, "5 " + "a" * 50 + " units  of\u00a0stock-like it's"]:
        for e in range(len(raw)):
            assert fg._next_words(raw, e, 4) == ref(raw, e, 4)
            assert fg._next_words(raw, e, 1) == ref(raw, e, 1)


def test_subject_and_direction_match_per_token_reference():
    def ref_subject(clause):
        toks = clause.split()
        for i, t in enumerate(toks):
            if t.lower().strip(".,;:\"“”") in fg._VERBS:
                words = toks[:i]
                while words and words[0].lower() in ("and", "or", "but", "so", "then", "also", "while", "with"):
                    words = words[1:]
                if not words or len(words) > 8 or not any(c.isalpha() for c in "".join(words)):
                    return None
                if any(ch.isdigit() for ch in "".join(words)) and len(words) > 4:
                    return None
                subj = " ".join(words).strip(" \"“”'")
                return None if subj.lower() in ("there", "here", "it", "this") else subj
        return None

    def ref_direction(clause):
        toks = clause.split()
        for i in range(len(toks) - 1, max(-1, len(toks) - 7), -1):
            t = toks[i].lower().strip(".,;:()\"“”")
            if t in ("to", "at", "from", "of", "on", "per", "a", "an", "the"):
                return None
            if any(ch.isdigit() for ch in t):
                if i < len(toks) - 1 and toks[i + 1].lower() == "or":
                    continue
                return None
            if t in fg._UP:
                return "up"
            if t in fg._DOWN:
                return "down"
        return None

    assert all(v.isascii() for v in fg._VERBS)
    for raw in [*_SEED_TEXTS, _MIXED, "ΟΔΟΣ Shares ROSE  sharply\u00a0and  FELL 2 or 3 "]:
        for s in range(0, len(raw) + 1, 7):
            clause = raw[fg._Breaks(raw).clause_start(s):s]
            assert fg._subject(clause) == ref_subject(clause)
            assert fg._direction_before(clause) == ref_direction(clause)


def test_precheck_characters_cover_every_match():
    """A currency marker, scale or unit pattern is only tried when the character next to the
    number can begin / end a match: check that no match is ever skipped."""
    surfaces = " ".join([*fg._PREFIX, *fg._CODE, *fg._SUFFIX, "M", "k K m b B bn mn lakh crore"])
    texts = [*_SEED_TEXTS, _MIXED, surfaces + " 5 " + surfaces.replace(" ", "  5 ")]
    for raw in texts:
        for p in range(len(raw) + 1):
            if p < len(raw) and fg._UNIT_AFTER.match(raw, p):
                assert raw[p] in fg._UNIT_FIRST
            if p < len(raw) and fg._SCALE_AFTER.match(raw, p):
                assert raw[p] in fg._SCALE_FIRST
            if p > 0 and fg._PREFIX_TAIL.search(raw, max(0, p - 8), p):
                tail = raw[max(0, p - 3):p].rstrip(" \u00a0")
                assert tail and tail[-1] in fg._PREFIX_LAST and len(raw[max(0, p - 3):p]) - len(tail) <= 2
            if p > 3 and fg._MONTH_TAIL.search(raw, max(0, p - 11), p):
                assert raw[p - 1] in " \u00a0" and (raw[p - 2].isalpha() or raw[p - 2] == ".")
    scale_rx = re.compile(r"(?i:[ltmbc])")
    assert all(chr(c) in fg._SCALE_FIRST for c in range(sys.maxunicode + 1) if scale_rx.match(chr(c)))


def test_second_character_prechecks_cover_every_match():
    """After a space or hyphen, the unit / scale patterns are only tried when the next character can
    begin a unit / scale word, the per-letter unit pattern gives the same match as the full one, a
    currency marker is only searched for when its last characters are right, and a date / time
    block only when the digit run is short and followed by the right character."""
    surfaces = " ".join([*fg._PREFIX, *fg._CODE, *fg._SUFFIX, "M", "k K m b B bn mn lakh crore",
                         "percent per cent pct points pts bps basis points percentage points pp",
                         "per\u00a0cent pc ppts pct.pts PCT BP Pts", *("M" + k for k in fg._CODE)])
    surfaces += " " + surfaces.upper() + " " + surfaces.title() + " " + surfaces.swapcase()
    texts = [*_SEED_TEXTS, _MIXED, surfaces.replace(" ", " 5 ") + surfaces.replace(" ", "-5-"),
             "12/5 12-5 2021-03-04 5:30 5pm 5 P.M. 5th March 5 of June 3.4.2020 1234/5 12345-6"]
    for raw in texts:
        for p in range(len(raw)):
            um = fg._UNIT_AFTER.match(raw, p)
            key = raw[p + 1] if raw[p] in fg._GAP_CHARS and p + 1 < len(raw) else raw[p]
            alt = fg._UNIT_AFTER_BY.get(key, fg._UNIT_AFTER).match(raw, p)
            assert (um and (um.span(), um.lastgroup)) == (alt and (alt.span(), alt.lastgroup))
            if um and raw[p] in fg._GAP_CHARS:
                assert raw[p + 1] in fg._UNIT_SECOND or raw[p + 1] >= "\x80"
            sm = fg._SCALE_AFTER.match(raw, p)
            if sm and raw[p] in fg._GAP_CHARS and not sm.group("a"):
                assert raw[p + 1] in fg._SCALE_SECOND or raw[p + 1] >= "\x80"
            pm = fg._PREFIX_TAIL.search(raw, max(0, p - 8), p) if p else None
            if pm:
                k = len(raw[:p].rstrip(" \u00a0"))
                assert p - k <= 2 and (raw[k - 1] in fg._PREFIX_END1 or raw[k - 2:k] in fg._PREFIX_END2)
            if raw[p].isdigit() and (p == 0 or not raw[p - 1].isdigit()):
                bm = fg._DIGIT_BLOCK.match(raw, p)
                if bm:  # the gated path finds the same block
                    assert fg._blocked_at(raw, p, p + 1) == bm.end()


def test_whole_numbers_skip_the_rounding_print_exactly():
    for v in [0.0, -0.0, 1.0, 44.0, 1e11, 999_999_999_999.0, -5e9, 2 ** 39 + 1.0]:
        assert float(f"{v:.12g}") == v and math.copysign(1, float(f"{v:.12g}")) == math.copysign(1, v)


# ---- scraped-article patterns (dev-set error patterns and realistic financial sentences) ------


@pytest.mark.parametrize("text, expected", [
    # hyphenated scales ("US$1.5-billion initial public offering") and -dollar compounds
    ("after a US$1.5-billion initial public offering", [("US$1.5-billion", 1.5e9, "USD")]),
    ("the company is valued at $3-trillion.", [("$3-trillion", 3e12, "USD")]),
    ("a 1.5-billion-dollar deal", [("1.5-billion-dollar", 1.5e9, "USD")]),
    ("a 10-million-euro fine", [("10-million-euro", 1e7, "EUR")]),
    ("a Rs 500-crore plan", [("Rs 500-crore", 5e9, "INR")]),
    ("It is a $1.2 trillion-dollar market.", [("$1.2 trillion-dollar", 1.2e12, "USD")]),
    # a currency word with its country's adjective
    ("plans to invest at least 380 billion Chinese yuan over three years",
     [("380 billion Chinese yuan", 3.8e11, "CNY")]),
    ("The deal is worth 5 billion Hong Kong dollars (US$640 million).",
     [("5 billion Hong Kong dollars", 5e9, "HKD"), ("US$640 million", 6.4e8, "USD")]),
    ("The fund raised 10 million euros last year.", [("10 million euros", 1e7, "EUR")]),
    ("It paid 3 billion South Korean won and 500 Japanese yen.",
     [("3 billion South Korean won", 3e9, "KRW"), ("500 Japanese yen", 500.0, "JPY")]),
    ("Revenue fell 12 percent to 3.9 billion Swiss francs.", [("3.9 billion Swiss francs", 3.9e9, "CHF")]),
    # Indian units and the rupee sign
    ("Tata Motors' net profit rose to Rs 3,764 crore, while revenue climbed 7% to ₹1.05 lakh crore.",
     [("Rs 3,764 crore", 3.764e10, "INR"), ("₹1.05 lakh crore", 1.05e12, "INR")]),
    # earnings, IPOs, price targets, market caps, crypto
    ("The company reported Q3 EPS of $1.23, beating the consensus estimate of $1.20.",
     [("$1.23", 1.23, "USD"), ("$1.20", 1.2, "USD")]),
    ("Revenue of 10.2 billion yuan ($1.4 billion) beat forecasts.",
     [("10.2 billion yuan", 1.02e10, "CNY"), ("$1.4 billion", 1.4e9, "USD")]),
    ("Morgan Stanley raised its price target to $300 from $250.", [("$300", 300.0, "USD"), ("$250", 250.0, "USD")]),
    ("Analysts set a price target of $250 for Apple.", [("$250", 250.0, "USD")]),
    ("Nvidia hit a market cap of $3 trillion.", [("$3 trillion", 3e12, "USD")]),
    ("the IPO priced at $51, the top of the $47-$51 range", [("$51", 51.0, "USD"), ("$47", 47.0, "USD"),
                                                            ("$51", 51.0, "USD")]),
    ("Bitcoin fell 3.1% to $94,250, while ether slipped 2.4% to $3,312.50.",
     [("$94,250", 94250.0, "USD"), ("$3,312.50", 3312.5, "USD")]),
    ("Volkswagen's shares dropped 4.2% to €92.10; BP rose 2p to 440p.",
     [("€92.10", 92.1, "EUR"), ("2p", 0.02, "GBP"), ("440p", 4.4, "GBP")]),
])
def test_scraped_money_forms(text, expected):
    assert money(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tencent bought a 10% stake in the firm.", [("10%", "percent", 10.0, "%")]),
    ("The index was -3.4% lower.", [("-3.4%", "percent", -3.4, "%")]),
    ("Shares were down 2.1% at noon.", [("2.1%", "percent", 2.1, "%")]),
    ("Profit rose 12.5 percent; margins 40 per cent.", [("12.5 percent", "percent", 12.5, "%"),
                                                       ("40 per cent", "percent", 40.0, "%")]),
    ("Inflation will be between 5% and 7% next year.", [("5%", "percent", 5.0, "%"), ("7%", "percent", 7.0, "%")]),
    ("Revenue was up 15% year-on-year.", [("15%", "percent", 15.0, "%")]),
    ("The Fed raised rates by 25 bps; yields rose 12 basis points.",
     [("25 bps", "percentage_points", 0.25, "pp"), ("12 basis points", "percentage_points", 0.12, "pp")]),
    ("The US imposed a 25% tariff on $200 billion of Chinese goods.", [("25%", "percent", 25.0, "%")]),
    ("Tariffs rose to 145 per cent from 125 per cent.",
     [("145 per cent", "percent", 145.0, "%"), ("125 per cent", "percent", 125.0, "%")]),
    # "points" after a rate or margin are percentage points; after an index, index points
    ("Gross margin dipped slightly by 1.2 points but remained in the high-70s.",
     [("1.2 points", "percentage_points", 1.2, "pp")]),
    ("The unemployment rate rose 0.3 points to 4.1%.",
     [("0.3 points", "percentage_points", 0.3, "pp"), ("4.1%", "percent", 4.1, "%")]),
    ("Market share fell 3 points.", [("3 points", "percentage_points", 3.0, "pp")]),
    # fractions of a percentage point
    ("The bank cut rates by half a percentage point, after a quarter-point rate cut in May.",
     [("half a percentage point", "percentage_points", 0.5, "pp"), ("a quarter-point", "percentage_points", 0.25, "pp")]),
    ("a three-quarter-point hike", [("three-quarter-point", "percentage_points", 0.75, "pp")]),
])
def test_scraped_percent_forms(text, expected):
    assert figs(text, ["percent", "percentage_points"]) == expected


def test_half_point_lead_and_compound_halves_are_not_fractions_of_a_point():
    assert figs("He took a half-point lead in the match.", ["percentage_points"]) == []
    assert figs("Rates rose two and a half percentage points.", ["percentage_points"]) == [
        ("two and a half percentage points", "percentage_points", 2.5, "pp")]


def test_index_points_and_levels():
    df = extract_figures("The Hang Seng Index fell 1.2 points to 17,454. The Dow lost 500 points, or 1.3%, "
                         "and the Shanghai Composite fell to around 3,860.")
    got = {(r.text, r.kind, r.unit, r.direction if isinstance(r.direction, str) else None) for r in df.itertuples()}
    assert ("1.2 points", "index_points", "points", "down") in got
    assert ("17,454", "index_points", "points", None) in got  # the level after "to"
    assert ("1.3%", "percent", "%", "down") in got  # ", or 1.3%" restates the move
    assert ("3,860", "index_points", "points", None) in got
    # a level without an index in the sentence stays a plain count
    assert figs("The firm hired 200 people and expects to reach 350.", ["index_points"]) == []


def test_at_one_point_is_not_a_figure():
    text = "Shanghai’s index was down nearly 5% to a two-year low at one point on Tuesday."
    assert [f[0] for f in figs(text)] == ["5%"]


def test_exchange_rates_are_not_money():
    for text, value, pair in [("The USD/CNY 7.12 level held.", 7.12, "USD/CNY"),
                              ("USD/CNY rose 0.2% to 7.1234 on Monday.", 7.1234, "USD/CNY"),
                              ("EUR/USD climbed to 1.0850.", 1.085, "EUR/USD")]:
        df = extract_figures(text)
        assert "money" not in set(df["kind"])
        row = df[df["value"] == value].iloc[0]
        assert (row["kind"], row["unit"]) == ("count", pair)
    # a slash that is not a currency pair changes nothing
    assert money("The CEO/CFO said CNY 7 billion was raised.") == [("CNY 7 billion", 7e9, "CNY")]


def test_direction_of_a_change_noun_before_of():
    df = extract_figures("It reported a drop of 2.1% in sales and an increase of $3 billion in debt.")
    assert list(df["direction"]) == ["down", "up"]


# ---- Malaysian-style abbreviations, "pc", fractions of a scale word ----------------------------
@pytest.mark.parametrize("text,expected", [
    ("Huawei is estimating US$108.5bil of revenue.", ("US$108.5bil", 108.5e9, "USD")),
    ("a RM500mil loan", ("RM500mil", 5e8, "MYR")),
    ("spent more than a quarter of a billion dollars on ads", ("a quarter of a billion dollars", 2.5e8, "USD")),
    ("a budget of three quarters of a billion yuan", ("three quarters of a billion yuan", 7.5e8, "CNY")),
])
def test_scale_abbreviations_and_fractions(text, expected):
    assert money(text)[0] == expected


def test_pc_means_per_cent_and_fraction_without_scale_stays_a_count():
    assert figs("GDP grew 6.9pc in the quarter.") == [("6.9pc", "percent", 6.9, "%")]
    assert figs("Retail sales rose 11 pc.") == [("11 pc", "percent", 11.0, "%")]
    assert ("Half a million", "count", 500000.0, "people") in figs("Half a million people marched.")
    assert figs("a quarter of the market", ["money"]) == []


def test_scale_word_is_never_a_second_figure():
    """ "95 million common shares" after a name and "175 million to 180 million Canadian dollars":
    the bare scale word belongs to the number before it, never a figure of its own."""
    from newslib.figures import extract_figures

    f = extract_figures("It bought Telerate's 95 million common shares last year.")
    assert "million" not in set(f["text"])
    f = extract_figures("The unit will fetch 175 million to 180 million Canadian dollars, it said.")
    assert list(f["text"]) == ["175 million", "180 million Canadian dollars"]
    assert list(f["value"]) == [175e6, 180e6] and set(f["unit"]) == {"CAD"}


def test_a_half_billion_is_half_of_the_scale():
    for text, want, value in (("NASA got a half billion dollars.", "a half billion dollars", 5e8),
                              ("It got more than a half a billion dollars.", "a half a billion dollars", 5e8),
                              ("It cost half a million pounds.", "half a million pounds", 5e5)):
        f = extract_figures(text)
        assert list(f["text"]) == [want] and list(f["value"]) == [value]
