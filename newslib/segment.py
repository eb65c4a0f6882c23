"""Paragraph and sentence spans with offsets into the raw text.

Two functions, both returning ``(start, end)`` pairs such that ``raw[start:end]`` is the stripped
text of the unit (never empty):

* :func:`paragraph_spans` splits one run of adjacent non-blank lines (all of one part: title, body,
  boilerplate ...) into paragraphs.  Scraped text normally carries one paragraph per line, so each
  line is a paragraph.  A *hard-wrapped* block (wire copy or plain-text archives wrapped at a fixed
  column) is recognised by its shape — lines of at most ~120 columns that break mid-sentence where
  the next word would not have fitted, continuing on the next line (a lowercase start, a line
  ending in a comma or "of"/"the"); a list of headlines or a table lacks both — and its wrapped
  lines are joined again.  A new paragraph starts at an indented line, a list item, or where the
  next line's first word would have fitted on the line before after a finished sentence (the
  break was intentional: end of a paragraph, a heading).
* :func:`sentence_spans` splits a paragraph into sentences.  One precompiled regex finds candidate
  boundaries (a run of ``. ! ? …`` plus the closing quotes/brackets that follow it, then
  whitespace); a few O(1) checks on the token before and the word after decide each candidate:
  the next word must start with a capital letter, digit or currency sign (or a CJK character);
  abbreviations listed in ``lexicons/abbreviations.txt`` ("Mr.", "Inc.", "Nov.", "No.", "e.g.") and
  initials ("J.", "U.S.", "a.m.") end a sentence only when a common sentence starter ("The", "But",
  "It" ...) follows them — titles ("Mr.", "Dr.") never do.  Splitting depends on punctuation and
  the capitalisation of the next token, never on whether quote marks balance, so an unclosed quote
  cannot swallow the rest of a paragraph.  Every non-space character of the paragraph lies in
  exactly one sentence; closing quotes and brackets after the final period belong to the sentence
  they close.

Both run in linear time: regexes have bounded repetition and every per-candidate check looks at
most ~48 characters either side.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .text import line_spans, load_lexicon

# Sentence-final punctuation.  CJK full stops end a sentence whatever follows (no spaces in CJK).
_TERM = ".!?…‼⁇⁈⁉"
_CJK_TERM = "。！？"
# Closing quotes/brackets that belong to the sentence whose terminator they follow.
_CLOSERS = "\"'”’»›)]}」』"
# Characters to skip at the start of the next token before looking at its first letter.
_OPENERS = "\"'`“‘„‚«‹([{「『¿¡\u200b\ufeff\u2060"
# Characters that can only close: a next token starting with one continues the sentence.
_ONLY_CLOSE = "”’»›)]}」』"
_CURRENCY = "$€£¥₹₩#"
_SPACE_CHARS = "\u200b\ufeff\u2060"
_ZW = "\ufeff\u200b"  # what text.line_spans strips besides whitespace

_T, _CJ, _CL, _OP = (re.escape(x) for x in (_TERM, _CJK_TERM, _CLOSERS, _OPENERS))
_CANDIDATE = re.compile(
    # the first terminator of a run (one character class first: the regex engine then skips
    # straight to the next terminator instead of trying a match at every position) ...
    f"(?P<f>[{_T}{_CJ}])"
    # ... then the rest of a run of at most 8 terminators (the lookbehind makes the run start at
    # its first one), the closing quotes and brackets after it, then whitespace or a glued capital
    # ("deadline.Xiaomi") ...
    f"(?:(?<=[{_T}])(?<![{_T}][{_T}])(?P<t>[{_T}]{{0,7}})(?P<c>[{_CL}]{{0,4}})"
    f"(?:(?P<w>\\s+)|(?=[\"“‘(\\[`]?[A-Z][a-z]))"
    # ... or a run of CJK full stops (CJK text has no spaces) ...
    f"|(?<=[{_CJ}])(?<![{_CJ}][{_CJ}])(?P<k>[{_CJ}]{{0,7}})(?P<kc>[{_CL}]{{0,4}})\\s*)"
    # ... and the next token: its opening quotes, the word itself, the first character after it
    f"(?=(?P<o>[{_OP}]{{0,4}})(?P<n>\\S{{0,40}})\\s*(?P<a>\\S?))"
)
_WORD = re.compile(r"[^\W\d_]+")
# Initialisms: "U.S", "a.m", "Ph.D", "N.Y" (final period already removed).
_INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.){1,4}[A-Za-z]{1,2}")
_LIST_MARKER = re.compile(r"\d{1,3}|[A-Za-z]|[IVXivx]{1,4}")
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{0,38}[a-z]{2}")
_DOMAINISH = re.compile(r"[/@:\\]|\.[A-Za-z]")

_LOOK = 48  # characters examined on each side of a candidate boundary


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """{abbreviation without its final period: class} and the set of sentence starters."""
    abbr: dict[str, str] = {}
    starters: set[str] = set()
    for line in load_lexicon("abbreviations.txt"):
        token, _, cls = line.rpartition(" ")
        token = token.strip()
        if cls == "starter":
            starters.add(token)
        elif token:
            abbr[token[:-1] if token.endswith(".") else token] = cls
    return abbr, frozenset(starters)


def _strip(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (raw[start].isspace() or raw[start] in _SPACE_CHARS):
        start += 1
    while end > start and (raw[end - 1].isspace() or raw[end - 1] in _SPACE_CHARS):
        end -= 1
    return start, end


def _abbrev_kind(core: str, abbr: dict[str, str]) -> str | None:
    """Class of the token before a period: a lexicon class, 'final' for initialisms and single
    capital initials, or None for a plain word."""
    kind = abbr.get(core)
    if kind is None and core.isupper() and len(core) > 1:
        kind = abbr.get(core.capitalize())
    if kind is not None:
        return kind
    if len(core) == 1 and core.isupper():
        return "final"
    if len(core) <= 14 and _INITIALISM.fullmatch(core):
        return "final"
    return None


def _headline_like(raw: str, start: int, end: int) -> bool:
    """A paragraph that does not end in sentence punctuation (a headline or teaser line)."""
    e = end
    while e > start and raw[e - 1] in _CLOSERS:
        e -= 1
    return e > start and raw[e - 1] not in _TERM and raw[e - 1] not in _CJK_TERM


_TERM_OR_CLOSE = _TERM + _CLOSERS
_CONTINUERS = frozenset("a an the of to in on at by for from with and or that".split())
_SOFT_END = ",;–—/&(+"  # a line ending in one of these continues on the next line
_BULLET = re.compile(r"[*•·▪►]\s|-\s|(?P<n>\(?(?:\d{1,2}|[a-z])[.)]\s)")
_WRAP_MIN, _WRAP_MAX = 30, 120  # plausible hard-wrap widths (columns)


def _indent(raw: str, s: int) -> int:
    """Characters of whitespace before the line starting (stripped) at s (a tab counts as one)."""
    ls = raw.rfind("\n", max(0, s - _WRAP_MAX), s) + 1
    return s - ls if ls > 0 or s < _WRAP_MAX else 0


def _is_wrapped(raw: str, lines: list[tuple[int, int]], cols: list[int], width: int) -> bool:
    """A block whose lines look hard-wrapped at a fixed column.

    Evidence: breaks that were forced (the next word would not have fitted on the line) in the
    middle of a sentence, and at least one line that continues the sentence before it (starts
    lowercase, or follows a comma).  Against: lines ended early in mid-sentence, as in a list of
    headlines or one paragraph per line.
    """
    breaks = len(lines) - 1
    if not _WRAP_MIN <= width <= _WRAP_MAX:
        return False
    forced_mid = early_mid = soft = 0
    for i in range(breaks):
        s, e = lines[i]
        s2, e2 = lines[i + 1]
        first = raw[s2]
        cont = _soft_end(raw, e) or (first.islower() and not raw[s2 + 1:s2 + 2].isupper())
        # "... a loss of" / "$92.2 million": a line ending in a function word or a lowercase word
        # before a number continues its sentence
        soft += cont or (raw[e - 1].islower() and (
            first.isdigit() or first in _CURRENCY
            or raw[max(s, e - 5):e].rsplit(None, 1)[-1].lower() in _CONTINUERS))
        if raw[e - 1] in _TERM_OR_CLOSE or raw[e - 1] == ":":
            continue
        first_word = len(raw[s2:min(e2, s2 + _WRAP_MAX)].split(None, 1)[0])
        if cols[i] + 1 + first_word > width:
            forced_mid += 1
        elif not cont:
            early_mid += 1
    return soft >= 1 and forced_mid >= 0.3 * breaks and early_mid <= 0.25 * breaks


def _soft_end(raw: str, e: int) -> bool:
    """The line ending at e continues on the next line (comma, hyphenated word, open bracket)."""
    c = raw[e - 1]
    if c == "-":
        return raw[e - 2:e - 1].isalnum()
    return c in _SOFT_END


def _bullet(raw: str, line: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """The next line is a list item ("• ...", "- ...", or "2. ..." after a finished sentence)."""
    m = _BULLET.match(raw, nxt[0])
    if m is None:
        return False
    if m.group("n") is None:
        return True
    return raw[line[1] - 1] in _TERM_OR_CLOSE + ":" and _sentence_ends_at(raw, line, nxt)


def _sentence_ends_at(raw: str, line: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Does a sentence end with `line` ("... ended Sept." + "30. Coast" does not)?"""
    lo = max(line[0], line[1] - _LOOK)
    return any(b == line[1] for _, b in sentence_spans(raw, lo, min(nxt[1], nxt[0] + _LOOK)))


def paragraph_spans(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraphs of one run of adjacent non-blank lines raw[start:end] as stripped spans.

    One paragraph per line, unless the block is hard-wrapped: then wrapped lines are joined and a
    paragraph ends before an indented line, a list item, or a line whose first word would have
    fitted on the line before (the break was not made by the wrapping).
    """
    end = len(raw) if end is None else min(end, len(raw))
    start = max(start, 0)
    if start < end and raw.find("\n", start, end) < 0 and not raw[start].isspace() \
            and not raw[end - 1].isspace() and raw[start] not in _ZW and raw[end - 1] not in _ZW:
        return [(start, end)]  # one stripped line (the common case): what line_spans would give
    lines = [(start + s, start + e) for s, e in line_spans(raw[start:end])]
    if len(lines) < 2:
        return lines
    longest = max(e - s for s, e in lines)
    if longest > _WRAP_MAX or longest < _WRAP_MIN // 2:
        return lines  # paragraphs longer than a wrap width, or a list/table of short lines
    indents = [_indent(raw, s) for s, _ in lines]
    cols = [i + e - s for i, (s, e) in zip(indents, lines, strict=True)]  # column where each line ends
    width = max(cols)
    if not _is_wrapped(raw, lines, cols, width):
        return lines
    out = []
    p_start = lines[0][0]
    base = min(indents)
    for i in range(len(lines) - 1):
        e = lines[i][1]
        s2, e2 = lines[i + 1]
        first = raw[s2]
        new_par = indents[i + 1] >= indents[i] + 2 or _bullet(raw, lines[i], lines[i + 1])
        if not new_par and indents[i + 1] >= base + 2 and indents[i] >= base + 2:
            # two indented lines: a one-line paragraph then the next one (not a block quote)
            new_par = not first.islower() and not _soft_end(raw, e)
        if not new_par and not first.islower() and not _soft_end(raw, e):
            # the next word would have fitted: the line was ended on purpose — at the end of a
            # sentence, or (with a clear margin) after a heading or list line
            first_word = len(raw[s2:min(e2, s2 + _WRAP_MAX)].split(None, 1)[0])
            fits = cols[i] + 1 + first_word
            last = raw[lines[i][0]:e].rstrip(_CLOSERS)[-1:]
            if last and last in _TERM:
                new_par = fits <= width and _sentence_ends_at(raw, lines[i], lines[i + 1])
            elif last == ":":
                new_par = fits <= width
            else:
                new_par = fits <= 0.8 * width
        if new_par:
            out.append((p_start, e))
            p_start = s2
    out.append((p_start, lines[-1][1]))
    return out


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM_LOW = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_STRONG = frozenset("?!‼⁇⁈⁉")
_KIND_CACHE: dict[str, str | None] = {}


def _kind(core: str) -> str | None:
    """Memoised :func:`_abbrev_kind` (plain words are looked up once per process)."""
    try:
        return _KIND_CACHE[core]
    except KeyError:
        if len(_KIND_CACHE) > 50_000:
            _KIND_CACHE.clear()
        kind = _KIND_CACHE[core] = _abbrev_kind(core, _lexicon()[0])
        return kind


_ALL_TERMS = _TERM + _CJK_TERM
_match = _CANDIDATE.match
_TERMS_OF: list = [None, []]  # the last text seen and its terminator offsets (one article at a time)


def _terminators(raw: str) -> list[int]:
    """Sorted offsets of every terminator character in `raw` (every place a candidate boundary
    can start).  Found with str.find, which is many times faster than a regex scan; cached for
    the last text, as an article's paragraphs are split one after the other."""
    if _TERMS_OF[0] is raw:
        return _TERMS_OF[1]
    out: list[int] = []
    kinds = 0
    find = raw.find
    for ch in _ALL_TERMS:
        j = find(ch)
        if j < 0:
            continue
        kinds += 1
        while j >= 0:
            out.append(j)
            j = find(ch, j + 1)
    if kinds > 1:
        out.sort()
    _TERMS_OF[0], _TERMS_OF[1] = raw, out
    return out


def sentence_spans(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of the paragraph raw[start:end] as stripped (start, end) spans into `raw`.

    The spans are in order, never overlap, and together cover every non-space character of the
    paragraph.  A line without final punctuation (a headline) is one sentence.
    """
    end = len(raw) if end is None else min(end, len(raw))
    if start < 0 or start >= end or raw[start].isspace() or raw[start] in _SPACE_CHARS \
            or raw[end - 1].isspace() or raw[end - 1] in _SPACE_CHARS:
        start, end = _strip(raw, max(start, 0), end)
        if start >= end:
            return []
    headline = None
    out: list[tuple[int, int]] = []
    cur = start
    terms = _TERMS_OF[1] if _TERMS_OF[0] is raw else _terminators(raw)
    i = bisect_left(terms, start)
    if i == len(terms) or terms[i] >= end - 1:
        return [(start, end)]  # no terminator inside the paragraph (one at its very end at most)
    last = start  # where finditer would resume: candidates never overlap
    n_terms = len(terms)
    # no candidate starts in the paragraph's closing run of terminators and closers ('."'): it
    # would need whitespace or a capital after it
    lim = end
    while lim > start and raw[lim - 1] in _TERM_OR_CLOSE:
        lim -= 1
    while i < n_terms:
        p = terms[i]
        i += 1
        if p >= lim:
            break
        if p < last:
            continue
        ch = raw[p]
        c1 = raw[p + 1] if p + 1 < end else ""
        if c1 == " " and ch == "." and p + 2 < end and raw[p - 1] not in _TERM:
            # the character before the period is not a terminator, so a candidate starts here
            c2 = raw[p + 2]
            if c2 in _LOWER:
                if p + 3 < end and not raw[p + 3].isupper():
                    last = p + 2  # "etc. and": a lower-case word continues the sentence
                    continue
            elif c2 in _UPPER:
                # the common case, decided without the regex: "word. Next" (one period, one
                # space, an ASCII capital)
                last = p + 2
                lo = cur if cur > p - _LOOK else p - _LOOK
                sp = raw.rfind(" ", lo, p)
                prev = raw[sp + 1 if sp >= 0 else lo:p]
                if not prev.isprintable():  # other whitespace (a line break ...) in it: split exactly
                    tail = raw[lo:p]
                    prev = tail.rsplit(None, 1)[-1] if tail and not tail[-1].isspace() else ""
                core = prev.lstrip(_OPENERS) if prev and prev[0] in _OPENERS else prev
                if core and core[-1] not in _CLOSERS:
                    kind = _KIND_CACHE.get(core, 0)
                    if kind == 0:
                        kind = _kind(core)
                    if kind is None:
                        if p - len(prev) <= cur and _LIST_MARKER.fullmatch(core):
                            continue
                    elif kind == "final":
                        last = p  # needs the next words: the full check below
                    elif kind != "number":
                        continue  # title, inner: "Mr.", "e.g."
                if last == p + 2:
                    out.append((cur, p + 1))
                    cur = p + 2
                    continue
        elif c1 in _ALNUM_LOW and ch in _TERM:
            continue  # "1.44", "scmp.com": no whitespace or capital after the terminator, no candidate
        m = _match(raw, p, end)  # what _CANDIDATE.finditer(raw, start, end) finds at p
        if m is None:
            continue
        nxt = last = m.end()
        if nxt >= end:
            break
        c = raw[nxt]
        if c in _LOWER and not raw[nxt + 1:nxt + 2].isupper():  # "etc. and", "“We won!” he said"
            continue
        first, run, _closers, space, cjk, _cjk_closers, opened, lead, after = m.groups()
        if cjk is not None:  # CJK full stop: always a boundary
            if c not in _ONLY_CLOSE:
                out.append((cur, m.end("kc")))
                cur = nxt
            continue
        if not lead:
            continue
        t0 = m.start()
        b_end = m.end("c")  # the terminators and the closers after them
        # the next word: lowercase continues the sentence, unless it is "iPhone", "eBay"
        c = lead[0]
        if c.islower():
            if not (len(lead) > 1 and lead[1].isupper()):
                continue
            digit = False
        elif c.isupper() or c.isalpha():
            digit = False
        elif c.isdigit() or c in _CURRENCY:
            digit = True
        else:  # punctuation, a closing quote ...
            continue
        # the token before the terminator (bounded look-back)
        tail = raw[max(cur, t0 - _LOOK):t0]
        prev = tail.rsplit(None, 1)[-1] if tail and not tail[-1].isspace() else ""
        core = prev.lstrip(_OPENERS) if prev and prev[0] in _OPENERS else prev
        if space is None:
            # "blacklist.Xiaomi": glued sentences in scraped text; never "1810.HK", "U.S", "scmp.Com"
            if (not run and _PLAIN_WORD.fullmatch(core) and _kind(core) is None
                    and not _DOMAINISH.search(lead, 1)):
                out.append((cur, b_end))
                cur = nxt
            continue
        if first == "." and not run:
            if core and core[-1] not in _CLOSERS:  # not '“the best”. That'
                kind = _kind(core)
                if kind is None:
                    # "1. The first point": a list marker opening the paragraph is not a sentence
                    if t0 - len(prev) <= cur and _LIST_MARKER.fullmatch(core):
                        continue
                elif kind == "number":
                    if digit:
                        continue
                elif kind == "final":
                    if not _final_ends(core, lead, opened, after, digit):
                        continue
                    if headline is None:
                        headline = _headline_like(raw, start, end)
                    if headline:  # "U.S. And China Agree" in a title-case headline
                        continue
                else:  # title, inner: "Mr.", "e.g."
                    continue
        elif digit and first not in _STRONG and not _STRONG.intersection(run):
            continue  # an ellipsis before a number: "between 1... 2"
        out.append((cur, b_end))
        cur = nxt
    out.append((cur, end))
    return out


def _final_ends(core: str, lead: str, opened: str, after: str, digit: bool) -> bool:
    """After an abbreviation that may end a sentence ("Inc.", "etc.", "U.S.", "J."): does the
    next word (`lead`, after the opening quotes `opened`; `after` is the first character of the
    token after it) open a new sentence?"""
    if digit:
        return False  # "Nov. 10", "U.S. 10-year yields"
    if len(lead) >= 2 and lead[1] == "." and lead[0].isupper():
        return False  # another initial follows: "J. P. Morgan"
    if opened and len(core) > 1:
        return True  # a quote opens after "U.S.", "Inc.": 'in the U.S. “We won,” he said'
    w = _WORD.match(lead)
    if w is None:
        return False
    word = w.group()
    if word in _lexicon()[1]:
        return True
    # a listed suffix ("Inc.", "Co.", "Calif.", "etc.") then one capitalised word that is not part
    # of a longer name: "... Cruise Lines Inc. Carnival, which has ..." (but not "U.S. Navy said":
    # an initialism usually modifies the noun after it)
    abbr = _lexicon()[0]
    if core in abbr or core.capitalize() in abbr:
        return (len(word) > 1 and word[1:].islower()
                and (lead[len(word):] == "," or (len(lead) == len(word) and after in _LOWER)))
    return False
