"""The speed-ups in newslib.dates give exactly what the plain regexes give.

Each fast path (start-class patterns, the one-byte trigger scan, the previous-word reader, the
tense tokenizer) is checked against the straightforward version on generated text made of the
pieces that matter to it: month and weekday names, numbers, unit words, punctuation, non-ASCII
letters, digits and spaces.
"""
from __future__ import annotations

import re
import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newslib import dates as D

PIECES = [
    "March", "May", "Oct.", "Sept", "Monday", "Tues.", "friday", "the", "last", "next", "this", "year", "years",
    "quarter", "third", "fiscal", "week", "month", "ago", "earlier", "later", "a", "an", "five", "twenty-one",
    "few", "more than", "about", "days", "hours", "decade", "'90s", "1990s", "2021", "1998", "05", "5", "31",
    "12:30", "p.m.", "am", "Q3", "H1", "FY24", "2021-05-26", "5/26/2021", "today", "tonight", "now", "the past",
    "recent", "every", "per", "each", "noon", "Christmas", "spring", "early", "mid-", "late", "of", "on", "in",
    "’s", "'s", "said", "will", "had", "é", "İ", "٣", "\u00a0", "-", "--", ",", ".", ";", ":", "\"", "“", "”", "(",
    ")", "$", "%", "/", "\n", " ", "  ", "\t",
]
text_st = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join)
glued_st = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


def _plain_matches(rx: re.Pattern, text: str, lo: int, hi: int) -> list[tuple[int, int, dict]]:
    out, pos = [], lo
    while True:
        m = rx.search(text, pos, hi)
        if m is None:
            return out
        out.append((m.start(), m.end(), m.groupdict()))
        pos = m.end() if m.end() > m.start() else m.start() + 1


def _fast_matches(fx: re.Pattern, text: str, lo: int, hi: int) -> list[tuple[int, int, dict]]:
    out, pos = [], lo
    while True:
        m = fx.search(text, pos, hi)
        if m is None:
            return out
        gd = m.groupdict()
        gd.pop("_all")
        out.append((m.start(1), m.end(1), gd))
        pos = m.end(1)


@settings(max_examples=300, deadline=None)
@given(st.one_of(text_st, glued_st), st.integers(0, 30), st.integers(0, 30))
def test_start_class_patterns_find_what_the_rules_find(text, cut_lo, cut_hi):
    low = text.translate(D._ASCII_LOWER)
    lo, hi = min(cut_lo, len(text)), max(min(cut_lo, len(text)), len(text) - cut_hi)
    for i, (name, rx) in enumerate(D.RULES):
        fx = D._FAST_RX[i]
        if fx is None:
            continue
        plain, target = (D._LOWER_RX[i], low) if D._LOWER_RX[i] is not None else (rx, text)
        assert _fast_matches(fx, target, lo, hi) == _plain_matches(plain, target, lo, hi), name


def test_most_rules_have_a_start_class_pattern():
    assert sum(fx is not None for fx in D._FAST_RX) >= len(D.RULES) - 2
    assert D._FAST_RX[D._PRIORITY["mdy"]].pattern.startswith("[")


@settings(max_examples=400, deadline=None)
@given(st.one_of(text_st, glued_st))
def test_previous_word_reader_agrees_with_its_regex(text):
    b = text.encode("ascii", "newslib.dates.one_byte")
    words = b" " + b.translate(D._WORD_MASK) + b" "
    clean = b.find(b"?") < 0 and b.find(b"\x00") < 0
    for i in range(len(text) + 1):
        lo = max(0, i - 24)
        pm = D._PREV_WORD.search(text.translate(D._ASCII_LOWER), lo, i)
        want = pm.group(1) if pm else ""
        want = "0" if want[:1].isdigit() else want
        assert D._prev_word(text, b, words, i, clean) == want, (text, i)


@settings(max_examples=300, deadline=None)
@given(st.one_of(text_st, glued_st))
def test_tense_tokenizer_agrees_with_the_plain_alternation(text):
    plain = re.compile(r"[a-z']+|\d{1,12}(?:[.,]\d{1,12}){0,6}|[.!?;:\n\"“”]")
    low = text.lower()
    assert D._CUE_TOKEN.findall(low) == plain.findall(low)


@settings(max_examples=200, deadline=None)
@given(st.one_of(text_st, glued_st))
def test_trigger_scan_finds_every_trigger_word_and_digit_run(text):
    positions, b, need = D._triggers(text)
    words = b" " + b.translate(D._WORD_MASK) + b" "
    found = {m.start() - 1 for m in re.finditer(rb"[a-z]+", words)
             if m.group() in D._TRIGGER_BYTES and D._BYTE_PLAN[m.group()][0]}
    assert found <= {p for pos in positions for p in pos}  # length rules may skip some, nothing else
    # every digit "0" in the copy the day of "5 March" is looked for in
    assert [i for i, c in enumerate(need[D._P_DMY]) if c == 48] == [m.start() for m in re.finditer(r"\d", text)]
    assert all(pos == sorted(pos) for pos in positions)
    # the digit rules get exactly the digit runs the plain per-run reading gives them
    for rule, runs in _plain_digit_rules(text).items():
        assert positions[rule] == runs, (text, rule)


def _plain_digit_rules(text: str) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {r: [] for r in (D._P_YEAR, D._P_ISO, D._P_MDYN, D._P_CLOCK, D._P_CLOCK24, D._P_DECADE)}
    for m in re.finditer(r"\d+", text):
        for r in D._digit_rules(text, m.group(), m.end()):
            out[r].append(m.start())
    return out


def test_fast_paths_keep_seed_values_and_linear_time():
    text = "Shares rose 5% on Friday, March 5, 2021, three days after the Q4 results and a year earlier. "
    got = [(text[t.start:t.end], t.value) for t in D.scan(text, "2021-03-08")]
    assert ("Friday, March 5, 2021", "2021-03-05") in got
    assert ("three days", "P3D") in got
    # start-class characters everywhere, digit runs, slashes and colons, unclosed quotes, non-ASCII
    chunk = "Mar Mon the last 12 yearly agog, Mayo 5 1990x '9 Q — é “nowhere 5/5/ 12:3 a few daysx "
    big = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    t0 = time.process_time()
    D.scan(big, "2021-03-08")
    assert time.process_time() - t0 < 2.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["É", "Ünion", "MÄRZ", "ẞ", "Σ", "ΣΑΣ", "Ǆ", "ﬀ"]), min_size=1, max_size=40).map(" ".join))
def test_rules_see_the_same_on_str_lower_as_on_ascii_lowering(text):
    # _candidates lowers with str.lower() (fast) unless the text has a _FOLDS character; the
    # rules must find exactly what they find on the ASCII-only lowering
    import inspect
    src = inspect.getsource(D._candidates).replace("low = raw.lower()", "low = raw.translate(_ASCII_LOWER)")
    ns = dict(vars(D))
    exec(src, ns)  # noqa: S102 - the same function with the slow lowering
    want = [(c[0], c[1], c[2], c[4].span(), c[4].groupdict()) for c in ns["_candidates"](text)]
    got = [(c[0], c[1], c[2], c[4].span(), c[4].groupdict()) for c in D._candidates(text)]
    assert got == want


def _nearest_year_plain(dct, month, day, tense):
    # the straightforward reading _nearest_year's table must agree with
    from datetime import timedelta
    if day is None:
        if month == dct.month:
            return dct.year
        past_y = dct.year if month < dct.month else dct.year - 1
        ahead = (month - dct.month) % 12
        if tense == "future" or (tense is None and ahead <= 3):
            return past_y + 1
        return past_y
    best = D._nearest_day_year(dct, month, day)
    cand = date(best, month, min(day, 28))
    if cand < dct - timedelta(days=60):
        return best + 1 if tense == "future" else best
    if cand > dct + timedelta(days=D._AHEAD_DAYS):
        return best - 1 if tense != "future" else best
    return best


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 12),
       st.one_of(st.none(), st.integers(1, 31)), st.sampled_from([None, "past", "future"]))
def test_nearest_year_table_agrees_with_the_plain_rule(dct, month, day, tense):
    want = _nearest_year_plain(dct, month, day, tense)
    assert D._nearest_year(dct, month, day, tense) == want
    assert D._nearest_year(dct, month, day, lambda: tense) == want


def test_tense_skipped_only_where_it_cannot_matter():
    # a weekday that is the publication day's own: that day, future clause or not
    for text in ("The board will meet on Friday.", "The board met on Friday."):
        assert [t.value for t in D.scan(text, "2021-03-05")] == ["2021-03-05"]
    assert [t.value for t in D.scan("The board will meet on Monday.", "2021-03-05")] == ["2021-03-08"]
    assert [t.value for t in D.scan("The board met on Monday.", "2021-03-05")] == ["2021-03-01"]
    # the third quarter named in the fourth: this year's whatever the tense; in the second, the
    # clause decides
    assert [t.value for t in D.scan("Sales will rise in the third quarter.", "2021-11-05")] == ["2021-Q3"]
    assert [t.value for t in D.scan("Sales will rise in the third quarter.", "2021-05-05")] == ["2021-Q3"]
    assert [t.value for t in D.scan("Sales rose in the third quarter.", "2021-05-05")] == ["2020-Q3"]


GATE_PIECES = PIECES + ["once", "twice", "three times", "for", "end", "year-end", "year's", "fall", "summer", "winter",
                        "weekend", "each other", "months", "weeks", "decades", "centuries", "in", "since", "by",
                        "5 March", "5th of", "Friday,", "12", "1990"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(GATE_PIECES), min_size=1, max_size=40).map(" ".join),
                 st.lists(st.sampled_from(GATE_PIECES), min_size=1, max_size=40).map("".join)))
def test_window_gates_only_skip_windows_without_a_match(text):
    # the needed-word and day-digit checks skip a rule's window only when its regex finds nothing
    # there: the candidates are the same with every check turned off
    import inspect
    src = inspect.getsource(D._candidates)
    plain = src.replace("        req = need.get(i)\n", "        req = None\n").replace(
        "            if i == _P_DMY:\n", "            if False:\n")
    assert plain != src and plain.count("req = None") == 1 and "if False:" in plain
    ns = dict(vars(D))
    exec(plain, ns)  # noqa: S102 - the same function without the gates
    want = [(c[0], c[1], c[2], c[4].span(), c[4].groupdict()) for c in ns["_candidates"](text)]
    got = [(c[0], c[1], c[2], c[4].span(), c[4].groupdict()) for c in D._candidates(text)]
    assert got == want
