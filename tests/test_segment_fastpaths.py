"""The shortcuts in segment.py give what the plain rules give: terminator offsets cached per text,
no candidate in a paragraph's closing run of terminators and closers, one stripped line as its own
paragraph."""
from __future__ import annotations

from newslib.article import parse_article
from newslib.segment import paragraph_spans, sentence_spans


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_cache_of_terminators_follows_the_text(seed_texts):
    """Terminator offsets are cached for the last text: alternating between texts (also equal
    texts that are different objects) gives the same sentences as a fresh call."""
    texts = list(seed_texts.values())
    first = [sentence_spans(t) for t in texts]
    copies = ["".join(list(t)) for t in texts]  # same content, new objects
    for _ in range(2):
        for t, c, want in zip(texts, copies, first, strict=True):
            assert sentence_spans(c) == want
            assert sentence_spans(t) == want
    a, b = "One. Two. Three.", "Uno! Dos? Tres."
    assert _words(a) == ["One.", "Two.", "Three."]
    assert _words(b) == ["Uno!", "Dos?", "Tres."]
    assert _words(a) == ["One.", "Two.", "Three."]


def test_closing_run_of_terminators_and_closers():
    assert sentence_spans('He left. "Fine."') == [(0, 8), (9, 16)]
    assert sentence_spans('Stop!!!"') == [(0, 8)]
    assert _words("Wait... 2 more. Done?! Yes.") == ["Wait... 2 more.", "Done?!", "Yes."]
    assert _words("It rose 3.5%. The U.S. Navy said so.") == ["It rose 3.5%.", "The U.S. Navy said so."]
    # a CJK full stop before the closing run still ends its sentence
    assert sentence_spans("你好。.") == [(0, 3), (3, 4)]
    assert sentence_spans("你好。。世界") == [(0, 4), (4, 6)]


def test_paragraph_spans_of_one_line():
    assert paragraph_spans("Hello") == [(0, 5)]
    assert paragraph_spans("  Hi  ") == [(2, 4)]
    assert paragraph_spans("\u200bHello world\u200b") == [(1, 12)]
    assert paragraph_spans("a\u200b") == [(0, 1)]
    raw = "Title\n\nFirst line of body. Second sentence.\n"
    assert paragraph_spans(raw, 7, 43) == [(7, 43)]


def test_article_sentences_match_paragraph_by_paragraph(seed_texts):
    for raw in seed_texts.values():
        art = parse_article(raw)
        want = [(a, b, pid) for pid, (s, e, _p) in enumerate(art.paragraphs) for a, b in sentence_spans(raw, s, e)]
        assert art.sentences == want
        assert all(raw[s:e] == raw[s:e].strip() and s < e for s, e, _ in art.sentences)
