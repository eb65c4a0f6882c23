"""Paragraph and sentence segmentation (newslib.segment)."""
from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslib.article import parse_article
from newslib.segment import paragraph_spans, sentence_spans
from newslib.text import line_spans, load_lexicon

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GT = SEEDS / "globaltimes_2021-05-26_xiaomi-removed-from-us-blacklist.txt"
SCMP = SEEDS / "scmp_2025-11-03_xiaomi-credentials-state-gift.txt"


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def paras(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraph_spans(text)]


def line_starting(raw: str, prefix: str) -> tuple[int, int]:
    for s, e in line_spans(raw):
        if raw.startswith(prefix, s):
            return s, e
    raise AssertionError(f"no line starts with {prefix!r}")


def check_spans(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    """In bounds, ordered, non-overlapping, stripped, non-empty, covering every non-space char."""
    prev_end = start
    covered = 0
    for s, e in spans:
        assert start <= prev_end <= s < e <= end
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered += sum(1 for ch in text[s:e] if not ch.isspace())
        assert all(ch.isspace() for ch in text[prev_end:s])
        prev_end = e
    assert all(ch.isspace() for ch in text[prev_end:end])
    assert covered == sum(1 for ch in text[start:end] if not ch.isspace())


# ---- the seeds -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scmp() -> str:
    return SCMP.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gt() -> str:
    return GT.read_text(encoding="utf-8")


def test_scmp_body_line_sentences(scmp):
    s, e = line_starting(scmp, "Smartphone giant Xiaomi briefly took the spotlight")
    got = [scmp[a:b] for a, b in sentence_spans(scmp, s, e)]
    assert "Xiaomi’s Hong Kong-listed shares gained 3.52 per cent to close at HK$44.72 on Monday." in got
    assert "Xi replied through an interpreter: “You can check if there is a back door.”" in got
    assert ("In a witty exchange that elicited a burst of laughter, Lee asked: “Is the line secure?”, "
            "according to a report by the Korea AngJoong Daily.") in got
    assert "Maduro described the handset as “the best phone in the world” and claimed that US spies cannot hack it." in got
    assert ("The company in September launched its latest flagship 17-series smartphones, which founder "
            "and CEO Lei Jun said already “surpassed [Apple’s] iPhone 17 series in many areas”.") in got
    assert got[0].startswith("Smartphone giant Xiaomi") and got[0].endswith("head of state.")
    assert len(got) == 22
    check_spans(scmp, sentence_spans(scmp, s, e), s, e)


def test_global_times_quoted_paragraph_is_one_sentence(gt):
    s, e = line_starting(gt, '"It is hoped that')
    got = [gt[a:b] for a, b in sentence_spans(gt, s, e)]
    assert len(got) == 1
    assert got[0].startswith('"It is hoped that more Chinese firms') and got[0].endswith("sanction stick.")


def test_global_times_sentence_then_free_standing_quote(gt):
    s, e = line_starting(gt, "Apart from lawsuit, Zhou believed")
    got = [gt[a:b] for a, b in sentence_spans(gt, s, e)]
    assert got == [
        "Apart from lawsuit, Zhou believed that Xiaomi's US suppliers, like Qualcomm, could have played "
        "some active role in the case through behind the scenes lobbying.",
        '"Chinese firms should also make efforts on this respect, to build an effective communications '
        'channel via local resources."',
    ]


def test_global_times_unclosed_quote_and_exclamation(gt):
    # line 24 opens a quote mark that is never closed: still one sentence, ending at its period
    s, e = line_starting(gt, '"Xiaomi has set quite a good example')
    assert [gt[a:b][-19:] for a, b in sentence_spans(gt, s, e)] == ["industry for years."]
    s, e = line_starting(gt, "Lei also posted a Sina Weibo")
    got = [gt[a:b] for a, b in sentence_spans(gt, s, e)]
    assert got[0] == 'Lei also posted a Sina Weibo on Wednesday, hailing "We won!"'
    assert got[1].startswith("Chinese tech-related influencers") and len(got) == 2


def test_seed_articles_every_sentence_inside_its_paragraph(seed_texts):
    for raw in seed_texts.values():
        art = parse_article(raw)
        for s, e, pid in art.sentences:
            ps, pe, _ = art.paragraphs[pid]
            assert ps <= s < e <= pe
        for ps, pe, _part in art.paragraphs:
            check_spans(raw, sentence_spans(raw, ps, pe), ps, pe)


def test_seed_headlines_and_teasers_are_single_sentences(scmp, gt):
    s, e = line_starting(gt, "Xiaomi removed from US blacklist")
    assert len(sentence_spans(gt, s, e)) == 1
    s, e = line_starting(scmp, "XRP (XRP +0.96%) is nowhere ne...")
    assert len(sentence_spans(scmp, s, e)) == 1
    s, e = line_starting(scmp, "XRP Is Trailing Badly")
    assert [scmp[a:b] for a, b in sentence_spans(scmp, s, e)] == ["XRP Is Trailing Badly in This 1 Area.",
                                                                  "Should You Sell It?"]


# ---- sentence robustness -----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # abbreviations that never end a sentence
    ("Mr. Lee met Mrs. Kim, Dr. Park and Prof. Choi. They talked.",
     ["Mr. Lee met Mrs. Kim, Dr. Park and Prof. Choi.", "They talked."]),
    ("Gov. Newsom, Sen. Warren, Rep. Pelosi and Gen. Milley met in St. Paul. Nothing was agreed.",
     ["Gov. Newsom, Sen. Warren, Rep. Pelosi and Gen. Milley met in St. Paul.", "Nothing was agreed."]),
    ("It ranked No. 2 in the market vs. Apple, e.g. in Europe, i.e. in the EU. Sales rose.",
     ["It ranked No. 2 in the market vs. Apple, e.g. in Europe, i.e. in the EU.", "Sales rose."]),
    # company suffixes and other abbreviations that can end a sentence
    ("Apple Inc. said it would buy Foo Corp. and Bar Co. Ltd. for $1.2bn. The deal closed.",
     ["Apple Inc. said it would buy Foo Corp. and Bar Co. Ltd. for $1.2bn.", "The deal closed."]),
    ("The deal was signed by Alphabet Inc. The shares rose.",
     ["The deal was signed by Alphabet Inc.", "The shares rose."]),
    ("Martin Luther King Jr. spoke. He was cheered.", ["Martin Luther King Jr. spoke.", "He was cheered."]),
    ("We sell phones, tablets, etc. and more.", ["We sell phones, tablets, etc. and more."]),
    ("We sell phones, tablets, etc. But sales fell.", ["We sell phones, tablets, etc.", "But sales fell."]),
    # U.S., U.K.: end a sentence only before a common sentence starter
    ("Xiaomi sells phones in the U.S. The company grew.", ["Xiaomi sells phones in the U.S.", "The company grew."]),
    ("The U.S. Department of Defense and U.K. officials agreed.",
     ["The U.S. Department of Defense and U.K. officials agreed."]),
    ("It expanded in the U.K. But it lost money.", ["It expanded in the U.K.", "But it lost money."]),
    ("The talks ended at 9 a.m. It was cold.", ["The talks ended at 9 a.m.", "It was cold."]),
    # months and dates
    ("The order came on Nov. 10 and took effect Jan. 15, 2021. It was final.",
     ["The order came on Nov. 10 and took effect Jan. 15, 2021.", "It was final."]),
    # initials
    ("J. P. Morgan advised Donald J. Trump. George W. Bush did not.",
     ["J. P. Morgan advised Donald J. Trump.", "George W. Bush did not."]),
    # decimals, prices, versions, tickers, ellipsis inside
    ("Shares rose 3.52 per cent to HK$44.72 and $1.2bn was raised for v2.0 of 1810.HK. Then they fell.",
     ["Shares rose 3.52 per cent to HK$44.72 and $1.2bn was raised for v2.0 of 1810.HK.", "Then they fell."]),
    ("He paused... and then left. She waited... Then she left.",
     ["He paused... and then left.", "She waited...", "Then she left."]),
    ("Revenue was $5. $6 was offered later.", ["Revenue was $5.", "$6 was offered later."]),
    ("In 2020 the count was 5. 2021 was better.", ["In 2020 the count was 5.", "2021 was better."]),
    # URLs, e-mails, domains
    ("Read it on Benzinga.com or www.scmp.com today. Mail news@example.com with tips.",
     ["Read it on Benzinga.com or www.scmp.com today.", "Mail news@example.com with tips."]),
    # quotation marks
    ("“We will treat firms fairly and equally,” the blogger said.",
     ["“We will treat firms fairly and equally,” the blogger said."]),
    ("He said: “We won!” Then he left.", ["He said: “We won!”", "Then he left."]),
    ("“We won!” he said.", ["“We won!” he said."]),
    ("“Is it over?” asked Lee. “Yes.” Kim replied.", ["“Is it over?” asked Lee.", "“Yes.”", "Kim replied."]),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("It is “the best phone”. That is all.", ["It is “the best phone”.", "That is all."]),
    ("It fell (see above.) The rest rose.", ["It fell (see above.)", "The rest rose."]),
    ("They said. ``We won.'' Then they left.", ["They said.", "``We won.''", "Then they left."]),
    # an unclosed quote does not swallow the paragraph
    ('"Firms should sue, said Zhou. The ban is unfair. It will fall.',
     ['"Firms should sue, said Zhou.', "The ban is unfair.", "It will fall."]),
    # ?! and … endings
    ("Is it true?! Yes. Wow… That is big.", ["Is it true?!", "Yes.", "Wow…", "That is big."]),
    # headlines and teasers
    ("Xiaomi removed from US blacklist, yet clampdown ongoing: experts",
     ["Xiaomi removed from US blacklist, yet clampdown ongoing: experts"]),
    ("U.S. And China Agree To Hold Talks", ["U.S. And China Agree To Hold Talks"]),
    # misc
    ("1. The first point. 2. The second point.", ["1. The first point.", "2. The second point."]),
    ("It was fine. iPhone sales rose.", ["It was fine.", "iPhone sales rose."]),
    ("Sales fell in the quarter.Xiaomi said it would respond.",
     ["Sales fell in the quarter.", "Xiaomi said it would respond."]),
    ("小米说。我们赢了！好", ["小米说。", "我们赢了！", "好"]),
    ("Shares of Carnival Cruise Lines Inc. Carnival, which has ships on order, fell.",
     ["Shares of Carnival Cruise Lines Inc.", "Carnival, which has ships on order, fell."]),
])
def test_sentence_cases(text, expected):
    assert sents(text) == expected
    check_spans(text, sentence_spans(text), 0, len(text))


def test_sentence_offsets_into_raw_with_start_end():
    raw = "HEADER\n  Mr. Lee left.  Then Kim came.  \nFOOTER"
    s = raw.index("Mr.") - 2
    e = raw.index("FOOTER") - 1
    spans = sentence_spans(raw, s, e)
    assert [raw[a:b] for a, b in spans] == ["Mr. Lee left.", "Then Kim came."]
    check_spans(raw, spans, s, e)
    assert sentence_spans(raw, 3, 3) == [] and sentence_spans("   \n ") == []


def test_no_break_space_and_line_breaks_count_as_space():
    text = "Chinese tech analysts told the Global Times.\u00a0 Then\nit ended."
    assert sents(text) == ["Chinese tech analysts told the Global Times.", "Then\nit ended."]


# ---- paragraphs ----------------------------------------------------------------------------------

GT_PARAGRAPHS = [
    "Apart from lawsuit, Zhou believed that Xiaomi's US suppliers, like Qualcomm, could have played "
    "some active role in the case through behind the scenes lobbying. \"Chinese firms should also "
    "make efforts on this respect, to build an effective communications channel via local resources.\"",
    "In mid-January, the former Trump administration added Xiaomi and eight other Chinese firms to a "
    "list of the so-called CMCC, the designation requiring US investors to divest their holdings in "
    "those firms by a March 15 deadline.",
    "Xiaomi filed a complaint to a US court in late January seeking to be removed from the list. In "
    "March, a US federal judge temporarily halted enforcement of the blacklisting imposed under the "
    "Trump administration.",
]


def test_one_paragraph_per_line_when_not_wrapped(scmp):
    block = "\n".join(GT_PARAGRAPHS)
    assert paras(block) == GT_PARAGRAPHS
    teasers = ("XRP Is Trailing Badly in This 1 Area. Should You Sell It?\n"
               "XRP Is Trailing Badly in This 1 Area. Should You Sell It?\n"
               "XRP (XRP +0.96%) is nowhere ne...\n2025-10-28")
    assert len(paras(teasers)) == 4
    headlines = ("Xiaomi unveils its first foldable smartphone in China\n"
                 "Huawei sales rise in the third quarter despite sanctions\n"
                 "Apple to open new store in Beijing next month")
    assert len(paras(headlines)) == 3
    table = "KENYA:\nTotal Dead: 192\nAmericans: 12\nInjured: 4,877\nHospitalized: 542"
    assert len(paras(table)) == 5
    assert paras("Headline of the day\nand a lowercase caption") == ["Headline of the day",
                                                                     "and a lowercase caption"]


@pytest.mark.parametrize("width", [60, 72, 80])
def test_hard_wrapped_paragraphs_are_joined(width):
    # wire style: paragraphs indented, lines wrapped at a fixed column, no blank lines
    block = "\n".join(textwrap.fill(p, width, initial_indent="   ", break_on_hyphens=False) for p in GT_PARAGRAPHS)
    got = paragraph_spans(block)
    assert [" ".join(block[s:e].split()) for s, e in got] == GT_PARAGRAPHS
    check_spans(block, got, 0, len(block))


@pytest.mark.parametrize("width", [60, 72, 80])
def test_hard_wrapped_flush_paragraphs_never_split_inside(width):
    # no indentation: a paragraph ends where its last line is short enough; never inside one
    block = "\n".join(textwrap.fill(p, width, break_on_hyphens=False) for p in GT_PARAGRAPHS)
    got = [" ".join(block[s:e].split()) for s, e in paragraph_spans(block)]
    assert 1 <= len(got) <= len(GT_PARAGRAPHS)
    joined, i = [], 0
    for g in got:
        parts = []
        while len(" ".join(parts)) < len(g):
            parts.append(GT_PARAGRAPHS[i])
            i += 1
        joined.append(" ".join(parts))
    assert got == joined


def test_wrapped_block_with_short_sentence_end_and_offsets():
    raw = ("ignored prefix\n"
           "Xiaomi filed a complaint to a US court in late January seeking\n"
           "to be removed from the list of Chinese military companies.\n"
           "A US federal judge temporarily halted enforcement of the\n"
           "blacklisting in March.\n"
           "ignored suffix")
    start = raw.index("Xiaomi")
    end = raw.index("\nignored suffix")
    got = paragraph_spans(raw, start, end)
    assert [raw[s:e].split()[0] for s, e in got] == ["Xiaomi", "A"]
    assert raw[got[0][0]:got[0][1]].endswith("companies.") and raw[got[1][0]:got[1][1]].endswith("March.")
    check_spans(raw, got, start, end)


def test_wrapped_break_after_abbreviation_is_not_a_paragraph():
    block = ("The Los Angeles thrift holding company said it had a loss of\n"
             "$92.2 million, or $6.98 a share, for the quarter ended Sept.\n"
             "30. Coast earned $10.2 million a year earlier.")
    assert len(paras(block)) == 1


def test_article_paragraphs_on_wrapped_text():
    body = "\n".join(textwrap.fill(p, 70, initial_indent="    ", break_on_hyphens=False) for p in GT_PARAGRAPHS)
    art = parse_article("Xiaomi removed from US blacklist\n\n" + body + "\n")
    body_paras = [p for p in art.paragraphs if p[2] == "body"]
    assert len(body_paras) == len(GT_PARAGRAPHS)
    texts = [" ".join(art.raw[s:e].split()) for s, e, _ in art.sentences]
    assert "In mid-January, the former Trump administration added Xiaomi and eight other Chinese firms " \
           "to a list of the so-called CMCC, the designation requiring US investors to divest their " \
           "holdings in those firms by a March 15 deadline." in texts


# ---- properties ----------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "U.S.", "Mr.", "Inc.", "etc.", "No.", "J.", "e.g.", "Nov.", "word", "Word", "The", "iPhone", "3.52",
    "$1.2bn", "1810.HK", "www.scmp.com", ".", "...", "…", "?", "!", "?!", "“", "”", '"', "'", "‘", "’",
    "(", ")", ",", ":", "小米", "。", "``", "''", "-", " ", " ", " ", "  ", "\u00a0", "\t",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.text(max_size=5), st.text(max_size=5))
def test_sentence_spans_properties(pieces, prefix, suffix):
    body = "".join(pieces)
    raw = prefix + body + suffix
    start, end = len(prefix), len(prefix) + len(body)
    check_spans(raw, sentence_spans(raw, start, end), start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=25), min_size=1, max_size=12),
       st.lists(st.sampled_from(["", " ", "    ", "\t"]), min_size=12, max_size=12))
def test_paragraph_spans_properties(lines, indents):
    rows = ["".join(ln) for ln in lines]
    rows = [ind + r for ind, r in zip(indents, rows, strict=False) if r.strip()]
    raw = "TITLE\n" + "\n".join(rows) + "\n"
    start = 6
    spans = paragraph_spans(raw, start, len(raw))
    check_spans(raw, spans, start, len(raw))
    for s, e in spans:
        check_spans(raw, sentence_spans(raw, s, e), s, e)


# ---- lexicon, speed, linear time -------------------------------------------------------------

def test_abbreviation_lexicon():
    entries = [line.rsplit(" ", 1) for line in load_lexicon("abbreviations.txt")]
    classes = {cls for _tok, cls in entries}
    assert classes == {"title", "inner", "number", "final", "starter"}
    by_token = dict(entries)
    assert by_token["Mr."] == "title" and by_token["Inc."] == "final" and by_token["The"] == "starter"
    assert by_token["No."] == "number" and by_token["e.g."] == "inner"


ADVERSARIAL = {
    "periods": "." * 1_000_000,
    "U.S.": "U.S. " * 200_000,
    "quote marks": "“”\"'‘’« " * 125_000,
    "digits with dots": "1.2.3. 4.5 " * 90_000,
    "no punctuation": "word " * 200_000,
    "initials and quotes": "Mr. A. B. “Is it?” " * 55_000,
    "glued": "aa.Bb" * 200_000,
    "unclosed quotes": "He said “It is. " * 62_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_linear_time_on_adversarial_text(name):
    text = ADVERSARIAL[name]
    t = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - t < 2.0
    assert spans and spans[0][0] == 0
    t = time.perf_counter()
    paragraph_spans(text)
    paragraph_spans(text.replace(" ", "\n")[:1_000_000])
    assert time.perf_counter() - t < 2.0


def test_wrapped_megabyte_block_is_linear():
    block = ("word " * 14 + "\n") * 14_000
    t = time.perf_counter()
    got = paragraph_spans(block)
    assert time.perf_counter() - t < 2.0
    assert len(got) == 1


def test_throughput_on_seeds(seed_texts):
    paragraphs = []
    for raw in seed_texts.values():
        paragraphs += [(raw, s, e) for s, e, _ in parse_article(raw).paragraphs]
    t = time.perf_counter()
    rounds = 50
    for _ in range(rounds):
        for raw, s, e in paragraphs:
            sentence_spans(raw, s, e)
    rate = rounds * len(paragraphs) / (time.perf_counter() - t)
    assert rate > 2_000  # typically > 50,000 paragraphs/s; loose bound for busy CI machines
