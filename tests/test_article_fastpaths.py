"""The parser's shortcuts give what the plain rules give: word counts from the lines, one-line
paragraphs, the line spans and word counts of plainly spaced texts, the prose test, the
caption gates, the dateline time/cue gates, the sentence fast paths and the outlet text signals.
Each shortcut is compared with the rule it replaces on hand-written lines and on seeded random
text built from the characters the rules look at."""
from __future__ import annotations

import random
import time

from newslib import boilerplate as bp
from newslib import cleaning, header
from newslib.article import Article, parse_article
from newslib.segment import paragraph_spans, sentence_spans
from newslib.sources import detect_outlet, text_signals
from newslib.text import line_spans


def _variants(text: str) -> list[str]:
    """The text and copies with the characters the shortcuts must not misread: zero-width spaces,
    odd Unicode spaces, CRs, tabs and double spaces."""
    return [
        text,
        text.replace(" ", "\u200b ", 3),
        text.replace(" ", "\u2028", 2).replace(" ", "\x0c", 2),
        text.replace("\n", "\r\n"),
        text.replace(" ", "\t", 2).replace(". ", ".  ", 2),
        text.replace(" ", "\u00a0", 4),
    ]


def test_word_count_is_the_words_of_the_body(seed_texts):
    for text in seed_texts.values():
        for v in _variants(text):
            art = parse_article(v)
            assert art.word_count == len(art.body.split())
    # with zero-width spaces the count falls back to splitting the body: a lone zero-width space
    # is a word to str.split() but not in the normalised line (3 words)
    art = parse_article("One line here.\n\nA \u200b second line.")
    assert art.cleaned.body_words is None
    assert art.body == "A \u200b second line."
    assert art.word_count == len(art.body.split()) == 4


def test_paragraphs_of_single_lines_match_paragraph_spans(seed_texts):
    for text in seed_texts.values():
        for v in _variants(text):
            art = parse_article(v)
            for s, e, _part in art.paragraphs:
                assert paragraph_spans(v, s, e) == [(s, e)]
            covered = [(ln.start, ln.end) for ln in art.lines]
            assert sorted(covered) == covered


def test_cached_properties_compute_once():
    art = parse_article("Stocks rose on Monday. Investors cheered the news.")
    first = art.sentences
    assert art.sentences is first
    assert "sentences" in art.__dict__
    assert Article.sentences.__doc__  # the descriptor keeps the docstring
    del art.__dict__["sentences"]
    assert art.sentences == first


def test_line_spans_shortcut_matches_line_spans():
    rnd = random.Random(5)
    pieces = ["a", " ", "\n", "b.", "\n\n", " x ", "Word", "\n \n", "\u00a0", "\u200b", "\ufeff", "\t", "\r", "é"]
    for _ in range(5000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        assert cleaning._line_spans(t) == line_spans(t), repr(t)


def test_spaced_texts_have_normalised_lines():
    rnd = random.Random(6)
    pieces = ["a", " ", "\n", "b.", "Word", "é", "“q”", "\u00a0", "\u2009", "\u200b", "\t", "\r", "\x0c", "\u3000"]
    spaced = 0
    for _ in range(5000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        if cleaning._spaced(t):
            spaced += 1
            for s, e in line_spans(t):
                assert bp._norm(t[s:e]) == t[s:e], repr(t)
    assert spaced > 500
    assert not cleaning._spaced("a\u00a0b") and not cleaning._spaced("a  b") and cleaning._spaced("“a” b")


def test_line_words_match_split_with_odd_whitespace():
    raw = "Alpha beta\x0cgamma delta epsilon zeta eta theta iota kappa lambda mu nu xi.\n" \
          "One two three four five six seven eight nine ten eleven twelve thirteen."
    for plain in (True, False):
        lines = [cleaning._Line(raw, s, e, plain and cleaning._plain(raw)) for s, e in line_spans(raw)]
        assert [ln.words for ln in lines] == [len(raw[s:e].split()) for s, e in line_spans(raw)]
    assert not cleaning._plain(raw)
    assert cleaning._plain("Plain text, only spaces.\nAnd breaks.")


def test_prose_needs_a_fifth_lower_case_among_the_first_words():
    def prose(text: str) -> bool:
        return cleaning._Line(text, 0, len(text), True, True)._prose

    def rule(text: str) -> bool:  # the plain rule
        toks = text.split()
        if len(toks) < 10 or not (len(toks) >= 25 or text.endswith(cleaning._SENT_END)):
            return False
        first = toks[:12]
        return sum(t[0].islower() for t in first) * 5 >= len(first)

    rnd = random.Random(9)
    words = ["The", "Company", "said", "It", "rose", "Shares", "in", "Q3", "5%", "Beijing", "é", "Éclair"]
    for _ in range(3000):
        n = rnd.randint(8, 30)
        text = " ".join(rnd.choice(words) for _ in range(n)) + rnd.choice([".", "", "!"])
        assert prose(text) == rule(text), text


def test_caption_gates_keep_the_caption_rules():
    def line(text: str) -> cleaning._Line:
        return cleaning._Line(text, 0, len(text), True, False)

    captions = ["An investor looks at a screen showing stock prices in Tokyo.",
                "The new model is displayed at the auto show in Shanghai.",
                "Shoppers walk past a store in Beijing, China, on May 31, 2023.",
                "A worker stands next to a production line in Ningde."]
    plain = ["Sales rose sharply in the third quarter, the company said.",
             "Analysts expect the market to recover by the end of 2024.",
             "Shares of the company were seen as cheap by several analysts."]
    for text in captions:
        assert cleaning._caption_like(line(text)), text
    for text in plain:
        assert not cleaning._caption_like(line(text)), text
    # the gates never reject a line the regexes accept
    for text in captions + plain:
        if cleaning._CAPTION_VERB.search(text):
            assert any(v in text for v in cleaning._CAPTION_VERBS)
        if cleaning._CAPTION_DATE_END.search(text):
            assert text[-5:-3] in ("19", "20")


def test_image_and_ticker_gates():
    assert bp.image_caption("IMG_1234.JPG", 1) == "caption"
    assert bp.image_caption("xiaomi-logo.png shown", 2) == "caption"
    assert bp.image_caption("Results for Q3.", 3) is None
    assert bp.cue("ACME 72.53 Decreased By ▼ -1.57 (-2.12%)") == "ticker"
    assert bp.cue("XYZ 10.2 ▲ 0.3 1.5") == "ticker"
    assert bp.cue("More TechCrunch") == "teaser-heading"
    assert bp.cue("Moreover the deal closed") is None


def test_time_matches_equal_the_regex_scan():
    lines = ["January 11, 2016, 9:33 AM ET", "Published: May 26, 2021 08:47 AM | Updated 3 hours ago",
             "2021-05-26T08:47:00Z", "May 26, 20218:47 AM", "4pm", "10:25 a.m. and 11.30pm", "1٣:45",
             "12:5", "099:30", "at 7 p.m.", "20212:30"]
    rnd = random.Random(1)
    alphabet = "0123456789::..  ap.mAPM12٣x-/T"
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(20000)]
    for line in lines:
        want = [m.span() for m in header._TIME.finditer(line)]
        assert [m.span() for m in header._time_matches(line)] == want, repr(line)


def test_cue_gate_never_hides_a_cue():
    rnd = random.Random(2)
    words = ["Published", "posted", "UPDATED", "update", "Modified", "created", "released", "issued", "date",
             "dated", "dateline", "time", "pub date", "pubdate", "First Published", "last updated", "x", "on",
             "2021", ":", "İ", "K", "ſ"]
    for _ in range(20000):
        s = "".join(rnd.choice(words) + rnd.choice(["", " ", ":"]) for _ in range(rnd.randint(0, 5)))
        if header._CUE.search(s):
            assert header._may_cue(s), repr(s)


def test_dateline_reading_is_unchanged():
    hit, ok = header.parse_dateline("Published: May 26, 2021 08:47 AM | Updated 3 hours ago")
    assert ok and str(hit.value) == "2021-05-26 08:47:00" and hit.rank == 0
    hit, ok = header.parse_dateline("January 11, 2016, 9:33 AM ET")
    assert ok and str(hit.value) == "2016-01-11 09:33:00"
    hit, ok = header.parse_dateline("The company said on May 26, 2021 that sales rose sharply while costs fell.")
    assert hit is not None and not ok


def test_sentence_fast_paths():
    def sents(text: str) -> list[str]:
        return [text[s:e] for s, e in sentence_spans(text)]

    assert sents("Sales rose 1.44 percent. The stock fell.") == ["Sales rose 1.44 percent.", "The stock fell."]
    assert sents("Apples, pears etc. and plums. Then more.") == ["Apples, pears etc. and plums.", "Then more."]
    assert sents("Mr. Lee spoke. Dr. Kim left.") == ["Mr. Lee spoke.", "Dr. Kim left."]
    assert sents("See scmp.com for more. It is free.") == ["See scmp.com for more.", "It is free."]
    assert sents("Acme Inc. The firm grew.") == ["Acme Inc.", "The firm grew."]
    assert sents("No. 5 is next. Done.") == ["No. 5 is next.", "Done."]
    assert sents("1. The first point is this.") == ["1. The first point is this."]
    assert sents("It ended.\nThe next line.") == ["It ended.", "The next line."]


def test_outlet_text_signals():
    raw = "Headline here\n\nBEIJING (Reuters) - Stocks rose.\n\n(c) 2021 Example News. All rights reserved."
    sig = text_signals(raw)
    assert "Reuters" in sig
    assert any("Example News" in s for s in sig)
    assert text_signals("No signals in this text at all.") == []
    name, how, _meta = detect_outlet(None, None, raw, parse_article(raw).cleaned)
    assert how == "text" and name


def test_adversarial_megabyte_inputs_stay_fast():
    blobs = ["1" * 1_000_000, "12:" * 333_333, "1 a" * 333_333, "9.9." * 250_000,
             ("May 26, 2021 " * 80_000)[:1_000_000], ". A" * 333_333, " \n" * 500_000]
    for blob in blobs:
        t0 = time.perf_counter()
        header._time_matches(blob)
        header._may_cue(blob)
        cleaning._line_spans(blob)
        cleaning._plain(blob)
        sentence_spans(blob)
        assert time.perf_counter() - t0 < 2.0
    t0 = time.perf_counter()
    parse_article(". A" * 330_000 + "\n" + "1 a" * 1000)
    assert time.perf_counter() - t0 < 2.0
