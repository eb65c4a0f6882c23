"""Source bias: how an outlet's wording frames a story, with the evidence behind every number.

Everything here is lexical and transparent: hand-written word lists in ``newslib/lexicons/bias_*.txt``
(see ``newslib/lexicons/README.md``), matched with one precompiled regex per lexicon, and every
count can be traced to a term with its offsets into the article's raw text.

What is measured
----------------
Only the article's own words: paragraphs whose part is ``title`` (the headline) or ``body``
(``parts=`` changes that).  Datelines, bylines and boilerplate lines (navigation, captions,
teasers, copyright) are skipped, so a teaser headline under the article does not count against
the outlet.  Quoted speech is measured too: an outlet chooses whom and what it quotes.

Functions
---------
- :func:`bias_scores` one row per article (or text): loaded-language rate with the terms, hedges,
  boosters, scare quotes, subjectivity, sentiment, readability.
- :func:`bias_sentences` one row per measured sentence (the evidence table).
- :func:`sourcing` per article, from the ``quotes`` table: named vs anonymous voices, speaker
  categories, distinct voices, self-references ("told the Global Times").
- :func:`entity_sentences` / :func:`entity_framing` tone and loaded terms of the sentences that
  mention the main actors (US government, China, Xiaomi, companies found by a capitalised-name
  rule), per outlet.
- :func:`source_profile` one row per outlet with bootstrap confidence intervals.
- :func:`same_story` groups articles about the same event and puts outlets side by side.
"""
from __future__ import annotations

import re
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .article import Article, as_articles
from .readability import counted_sentences, text_scores
from .text import MONTH_RE, load_lexicon

# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------

#: loaded-term categories, their lexicon file and polarity (used by the sentiment score)
CATEGORIES: dict[str, tuple[str, int]] = {
    "delegitimizing": ("bias_loaded_delegitimizing.txt", -1),
    "pejorative": ("bias_loaded_pejorative.txt", -1),
    "political_label": ("bias_loaded_political.txt", 0),
    "coercion": ("bias_loaded_coercion.txt", -1),
    "emotive": ("bias_loaded_emotive.txt", -1),
    "attribution": ("bias_loaded_attribution.txt", 0),
    "hype": ("bias_loaded_hype.txt", 1),
    "security": ("bias_loaded_security.txt", -1),
}

_SEP_CHARS = "-\u2010\u2011\u2012\u2013"
_SEP_RE = r"[\s\u00a0" + re.escape(_SEP_CHARS) + r"]{1,3}"
_NORM_SEP = re.compile(r"[\s\u00a0" + re.escape(_SEP_CHARS) + r"]+")


def _inflect(stem: str) -> list[str]:
    """Surface forms of an entry ending in '+': plural/3rd person, past, -ing (with consonant
    doubling, e-drop and y->ies/ied).  Over-generated non-words are harmless: they never match."""
    head, _, last = stem.rpartition(" ")
    pre = head + " " if head else ""
    w = last
    forms = {w, w + "s", w + "es", w + "ed", w + "ing"}
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return [pre + f for f in sorted(forms)]


def _norm(s: str) -> str:
    return _NORM_SEP.sub(" ", s.replace("\u2019", "'")).strip()


def _trie_regex(forms: Iterable[str]) -> str:
    """A prefix-factored alternation of literal phrases (space = flexible separator).  Each branch
    starts with a distinct character, so matching costs O(length of the longest phrase) per
    position: linear in the text."""
    trie: dict = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                piece = _SEP_RE
            elif ch == "'":
                piece = "['\u2019]"
            else:
                piece = re.escape(ch)
            alts.append(piece + render(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return render(trie)


class Lexicon:
    """One word list: the lookup from a normalised lower-case form to (entry, category).

    Entry syntax (see bias_loaded_delegitimizing.txt): space/hyphen = flexible separator,
    trailing '+' = inflected forms, leading '=' = case-sensitive (the text must match the form
    exactly), leading '!' = exclusion phrase (a match inside it is not counted)."""

    def __init__(self, name: str, files: dict[str, str]):
        self.name = name
        self.lookup: dict[str, tuple[str, str]] = {}
        self.exact: dict[str, str] = {}  # lower form -> the only spelling accepted (case-sensitive entries)
        self.exclusions: set[str] = set()
        for category, fname in files.items():
            for entry in load_lexicon(fname):
                if entry.startswith("!"):
                    self.exclusions.add(_norm(entry[1:].lower()))
                    continue
                sensitive = entry.startswith("=")
                e = entry.lstrip("=")
                shown = e.rstrip("+").strip()
                base = _norm(shown)
                for f in (_inflect(base) if e.endswith("+") else [base]):
                    key = f.lower()
                    if key not in self.lookup:
                        self.lookup[key] = (shown if sensitive else shown.lower(), category)
                        if sensitive:
                            self.exact[key] = f
        self.size = len(self.lookup)

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, entry, category) of every match of this list alone in text[pos:endpos]."""
        return _Matcher((self,)).find(text, pos, endpos)[self.name]


class _Matcher:
    """All word lists in one prefix-factored regex over lower-cased text: one pass per article.

    The longest phrase wins at a position; a matched phrase counts for every list holding that
    form, and its shorter word-prefixes count for the other lists (so "extremely dangerous" is an
    emotive term and "extremely" still a booster).  Exclusion phrases are part of the same regex:
    when one matches, what lies inside it is not counted for the list that declared it."""

    def __init__(self, lists: tuple[Lexicon, ...]):
        self.names = [lx.name for lx in lists]
        self.index: dict[str, list[tuple[str, str, str, str | None]]] = {}
        self.excluding: dict[str, set[str]] = {}
        for lx in lists:
            for key, (entry, cat) in lx.lookup.items():
                self.index.setdefault(key, []).append((lx.name, entry, cat, lx.exact.get(key)))
            for key in lx.exclusions:
                self.excluding.setdefault(key, set()).add(lx.name)
        forms = set(self.index) | set(self.excluding)
        body = _trie_regex(forms) if forms else "(?!)"
        self.regex = re.compile(r"\b(?:" + body + r")\b")
        self.regex_i = re.compile(r"\b(?:" + body + r")\b", re.IGNORECASE)
        self._plans: dict[str, tuple] = {}

    def _plan(self, text: str) -> tuple:
        """What a regex match whose lower-cased text is `text` counts for, worked out once per
        distinct text: (lists excluded by an exclusion phrase, the whole-form hits
        ((list, entry, category, exact spelling or None), ...), the word-prefix hits
        ((k words, hits), ...) longest first)."""
        plan = self._plans.get(text)
        if plan is not None:
            return plan
        key = text
        if key not in self.index and key not in self.excluding:
            key = _norm(key)
        prefixes = []
        if " " in key:  # word-prefixes of a phrase count for the lists that did not match it whole
            words = key.split(" ")
            for k in range(len(words) - 1, 0, -1):
                pre = " ".join(words[:k])
                if pre in self.index:
                    prefixes.append((k, tuple(self.index[pre])))
        plan = (frozenset(self.excluding.get(key, ())), tuple(self.index.get(key, ())), tuple(prefixes))
        if len(self._plans) < 100_000:  # distinct matched texts are few; the bound guards odd input
            self._plans[text] = plan
        return plan

    def find(self, raw: str, pos: int = 0, endpos: int | None = None) -> dict[str, list[tuple[int, int, str, str]]]:
        endpos = len(raw) if endpos is None else endpos
        out: dict[str, list] = {n: [] for n in self.names}
        low = raw.lower()
        if len(low) == len(raw):
            spans = [(m.start(), m.end(), m.group()) for m in self.regex.finditer(low, pos, endpos)]
        else:  # a character whose lower case has another length: match case-insensitively instead
            spans = [(m.start(), m.end(), m.group().lower()) for m in self.regex_i.finditer(raw, pos, endpos)]
        plans = self._plans
        for a, b, text in spans:
            plan = plans.get(text) or self._plan(text)
            excl, whole, prefixes = plan
            if not excl and not prefixes and len(whole) == 1 and whole[0][3] is None:  # the common case
                name, entry, cat, _exact = whole[0]
                out[name].append((a, b, entry, cat))
                continue
            skip = set(excl)
            for name, entry, cat, exact in whole:
                if name in skip or (exact is not None and raw[a:b] != exact):
                    continue
                out[name].append((a, b, entry, cat))
                skip.add(name)
            for k, hits in prefixes:
                end = a + _prefix_len(raw, a, b, k)
                for name, entry, cat, exact in hits:
                    if name in skip or (exact is not None and raw[a:end] != exact):
                        continue
                    out[name].append((a, end, entry, cat))
                    skip.add(name)
        return out


def _prefix_len(raw: str, a: int, b: int, k: int) -> int:
    """Length of the first k words of raw[a:b] (words separated by spaces or hyphens)."""
    seps = list(_NORM_SEP.finditer(raw, a, b))
    return seps[k - 1].start() - a


def _inside(h: tuple, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when hit h = (start, end, ...) lies inside one of the sorted, non-overlapping spans."""
    i = bisect_right(starts, h[0]) - 1
    return i >= 0 and h[1] <= spans[i][1]


def _overlaps(h: tuple, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when hit h overlaps one of the sorted, non-overlapping spans."""
    i = bisect_right(starts, h[0]) - 1
    if i >= 0 and h[0] < spans[i][1]:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < h[1]


@cache
def lexicons() -> dict[str, Lexicon]:
    """The word lists (read once per process): loaded, hedges, boosters, positive, negative,
    subjective."""
    return {
        "loaded": Lexicon("loaded", {c: f for c, (f, _) in CATEGORIES.items()}),
        "hedges": Lexicon("hedges", {"hedge": "bias_hedges.txt"}),
        "boosters": Lexicon("boosters", {"booster": "bias_boosters.txt"}),
        "positive": Lexicon("positive", {"positive": "bias_positive.txt"}),
        "negative": Lexicon("negative", {"negative": "bias_negative.txt"}),
        "subjective": Lexicon("subjective", {"subjective": "bias_subjective.txt"}),
        "negators": Lexicon("negators", {"negator": "bias_negators.txt"}),
    }


@cache
def matcher() -> _Matcher:
    """The one compiled regex over all word lists (built once per process)."""
    return _Matcher(tuple(lexicons().values()))


_POLARITY = {c: p for c, (_, p) in CATEGORIES.items()}

# --------------------------------------------------------------------------------------------
# Scare quotes
# --------------------------------------------------------------------------------------------

_QMARK = re.compile("[\"\u201c\u201d\u2018\u2019]")
_SPEECH_CUES = frozenset(
    "said says say saying told tell tells call calls called calling dub dubs dubbed term terms "
    "termed label labels labelled labeled name names named titled entitled known word words "
    "phrase slogan hashtag motto as wrote writes write added adds asked asks replied reply "
    "declared declares stated states posted tweeted hailing hailed chanted shouted read reads "
    "quipped warned urged argued noted".split())
_DETERMINERS = frozenset(
    "the a an this that these those its their his her our your my such his us u.s. its "
    "any some so-called self-styled".split())
_DISTANCE_CUES = ("so-called", "so called", "self-styled", "self-proclaimed", "supposed", "alleged")


def _scare_candidates(raw: str, ps: int, pe: int,
                      marks: list[tuple[int, str]] | None = None) -> list[tuple[int, int]]:
    """Content spans (without marks) of quoted phrases in one paragraph; `marks` are the
    (position, mark) of its quote marks (found here when not given)."""
    if marks is None:
        marks = [(m.start(), m.group()) for m in _QMARK.finditer(raw, ps, pe)]
    out = []
    dq = None  # position of an open double quote
    sq = None  # position of an open single quote
    for i, c in marks:
        if c == "\u201c":
            dq = i
        elif c == "\u201d":
            if dq is not None:
                out.append((dq + 1, i))
            dq = None
        elif c == '"':
            if dq is None:
                dq = i
            else:
                out.append((dq + 1, i))
                dq = None
        elif c == "\u2018":
            if i == ps or not raw[i - 1].isalnum():
                sq = i
        elif c == "\u2019":
            if sq is not None and (i + 1 >= pe or not raw[i + 1].isalnum()):
                out.append((sq + 1, i))
                sq = None
    return out


def _scare_quotes(raw: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the scare quotes of the measured paragraphs, in order: one scan for
    quote marks over all of them, then the rules paragraph by paragraph."""
    if not paras:
        return []
    marks = [(m.start(), m.group()) for m in _QMARK.finditer(raw, paras[0][0], paras[-1][1])]
    if not marks:
        return []
    at = [i for i, _c in marks]
    out = []
    for ps, pe in paras:
        j, k = bisect_left(at, ps), bisect_left(at, pe)
        if j < k:
            for a, b in _scare_candidates(raw, ps, pe, marks[j:k]):
                if _is_scare_quote(raw, a, b, ps, pe):
                    out.append((a, b))
    return out


def _is_scare_quote(raw: str, a: int, b: int, ps: int, pe: int) -> bool:
    content = raw[a:b]
    if not content or len(content) > 40 or content != content.strip():
        return False
    words = content.split()
    if not 1 <= len(words) <= 4 or any(ch in content for ch in ".?!,;:\"\u201c\u201d[]"):
        return False
    if all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False  # a name, title or designation ("Communist Chinese Military Company")
    before = raw[max(ps, a - 60):a - 1]
    tail = before.rstrip().lower()
    prev = tail.rsplit(None, 1)[-1] if tail else ""
    if tail.endswith(_DISTANCE_CUES):
        return True
    if not prev or not (tail[-1:].isalnum() or tail.endswith("-")):
        return False  # starts a sentence or follows a colon/comma: reported speech
    if prev in _SPEECH_CUES:
        return False
    j = b + 1
    while j < pe and raw[j] in " \u00a0":
        j += 1
    continues = j < pe and raw[j].isalnum()
    return continues or prev in _DETERMINERS or prev.endswith(("'s", "\u2019s"))


# --------------------------------------------------------------------------------------------
# Per-article analysis
# --------------------------------------------------------------------------------------------

DEFAULT_PARTS = ("title", "body")


def _measured(art: Article, parts: tuple[str, ...]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(paragraph spans, sentence spans) of the measured parts."""
    paragraphs = art.paragraphs
    keep = [p in parts for _s, _e, p in paragraphs]
    paras = [(s, e) for s, e, p in paragraphs if p in parts]
    sents = [(s, e) for s, e, pid in art.sentences if keep[pid]]
    return paras, sents


def _placed(hits: list[tuple], starts: list[int], ends: list[int]) -> list[tuple[int, tuple]]:
    """(sentence index, hit) of the hits that start inside a measured sentence, in order."""
    out = []
    for h in hits:
        i = bisect_right(starts, h[0]) - 1
        if i >= 0 and h[0] < ends[i]:
            out.append((i, h))
    return out


def _polar(loaded: list[tuple[int, tuple]], pos: list[tuple[int, tuple]], neg: list[tuple[int, tuple]],
           negs: list[int], starts: list[int]) -> tuple[list[int], list[int]]:
    """Sentence indices of the positive and of the negative evidence (one entry per word).

    Polar loaded terms count with their category's polarity; positive / negative words count
    unless they overlap a loaded term of their sentence; a negator just before a word flips it."""
    p: list[int] = []
    q: list[int] = []
    spans: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
    for i, h in loaded:
        sp = spans.get(i)
        if sp is None:
            sp = spans[i] = ([], [])
        sp[0].append((h[0], h[1]))
        sp[1].append(h[0])
        pol = _POLARITY[h[3]]
        if pol:
            flip = _negated(negs, starts[i], h[0])
            (p if (pol > 0) != flip else q).append(i)
    for hits, positive in ((pos, True), (neg, False)):
        for i, h in hits:
            sp = spans.get(i)
            if sp is not None and _overlaps(h, sp[0], sp[1]):
                continue
            (p if positive != _negated(negs, starts[i], h[0]) else q).append(i)
    return p, q


def _scan(art: Article, parts: tuple[str, ...]) -> dict:
    """The measured spans of one article and its placed evidence: paras, sents, starts, words
    (per sentence), loaded / hedges / boosters / subjective / scare ((sentence index, hit) lists),
    p / q (sentence index of each positive / negative piece of evidence)."""
    raw = art.raw
    paras, sents = _measured(art, parts)
    starts = [s for s, _e in sents]
    ends = [e for _s, e in sents]
    d = {"paras": paras, "sents": sents, "starts": starts, "words": [len(raw[s:e].split()) for s, e in sents]}
    found = matcher().find(raw, paras[0][0], paras[-1][1]) if paras else None
    if found is None:
        d.update(loaded=[], hedges=[], boosters=[], subjective=[], scare=[], p=[], q=[])
        return d
    loaded = _placed(found["loaded"], starts, ends)
    d["loaded"] = loaded
    d["hedges"] = _placed(found["hedges"], starts, ends)
    d["boosters"] = _placed(found["boosters"], starts, ends)
    d["subjective"] = _placed(found["subjective"], starts, ends)
    d["scare"] = _placed(_scare_quotes(raw, paras), starts, ends)
    pos, neg = found["positive"], found["negative"]
    if loaded or pos or neg:
        negs = [h[0] for h in found["negators"]]
        d["p"], d["q"] = _polar(loaded, _placed(pos, starts, ends), _placed(neg, starts, ends), negs, starts)
    else:
        d["p"] = d["q"] = []
    return d


def _analyse(art: Article, parts: tuple[str, ...] = DEFAULT_PARTS) -> dict:
    """Per-sentence counts and the evidence for one article: {"paras", "sentences"}, one dict per
    measured sentence (start, end, words, loaded / hedges / boosters / scare hit lists, pos, neg,
    subjective)."""
    d = _scan(art, parts)
    n = len(d["sents"])
    per = {k: [[] for _ in range(n)] for k in ("loaded", "hedges", "boosters", "scare")}
    for k, lists in per.items():
        for i, h in d[k]:
            lists[i].append(h)
    subj = {i for k in ("loaded", "boosters", "subjective") for i, _h in d[k]}
    pc, qc = Counter(d["p"]), Counter(d["q"])
    loaded, hedges, boosters, scare = per["loaded"], per["hedges"], per["boosters"], per["scare"]
    sentences = [{
        "start": s, "end": e, "words": d["words"][i], "loaded": loaded[i], "hedges": hedges[i],
        "boosters": boosters[i], "scare": scare[i], "pos": pc[i], "neg": qc[i], "subjective": i in subj,
    } for i, (s, e) in enumerate(d["sents"])]
    return {"paras": d["paras"], "sentences": sentences}


def _negated(neg_starts: list[int], sent_start: int, at: int) -> bool:
    """A negator ("not", "never", "isn't" ...) in the 30 characters before `at`, same sentence."""
    i = bisect_right(neg_starts, at - 1) - 1
    return i >= 0 and neg_starts[i] >= max(sent_start, at - 30)


def _sentiment(p: float, q: float) -> float:
    """(positive - negative) / (positive + negative + 1): -1..1, shrunk towards 0 on thin evidence."""
    return float((p - q) / (p + q + 1.0))


def _term_dicts(hits, with_category=True) -> list[dict]:
    if with_category:
        return [{"term": t, "start": a, "end": b, "category": c} for a, b, t, c in hits]
    return [{"term": t, "start": a, "end": b} for a, b, t, _c in hits]


def _readability(text: str, sentences: int) -> tuple[float, float, float]:
    """Flesch reading ease, Flesch-Kincaid grade and Gunning fog of `text` with the same definition
    as the ``readability`` table (:func:`newslib.readability.text_scores`: textstat's word, syllable
    and complex-word counts, newslib's own sentence count `sentences`, no rounding)."""
    if not text.strip():
        return (np.nan, np.nan, np.nan)
    r = text_scores(text, sentences)
    return (float(r["flesch_reading_ease"]), float(r["flesch_kincaid_grade"]), float(r["gunning_fog"]))


SCORE_COLUMNS = [
    "article_id", "outlet", "words", "sentences", "loaded_per_1k", "n_loaded", "loaded_terms",
    "hedges_per_1k", "boosters_per_1k", "scare_quotes", "n_scare_quotes", "subjectivity",
    "sentiment", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
]


def _score_row(art: Article, parts: tuple[str, ...] = DEFAULT_PARTS, readability: bool = True) -> dict:
    """One row of :func:`bias_scores`."""
    raw = art.raw
    d = _scan(art, parts)
    n = len(d["sents"])
    w = sum(d["words"])
    loaded = [h for _i, h in d["loaded"]]
    per = (lambda k: 1000.0 * k / w) if w else (lambda k: 0.0)
    subj = {i for k in ("loaded", "boosters", "subjective") for i, _h in d[k]}
    row = {
        "article_id": art.article_id, "outlet": art.outlet, "words": w, "sentences": n,
        "loaded_per_1k": per(len(loaded)), "n_loaded": len(loaded),
        "loaded_terms": _term_dicts(loaded),
        "hedges_per_1k": per(len(d["hedges"])), "boosters_per_1k": per(len(d["boosters"])),
        "scare_quotes": [{"text": raw[a:b], "start": a, "end": b} for _i, (a, b) in d["scare"]],
        "n_scare_quotes": len(d["scare"]),
        "subjectivity": (len(subj) / n) if n else 0.0,
        "sentiment": _sentiment(len(d["p"]), len(d["q"])),
        "flesch_reading_ease": np.nan, "flesch_kincaid_grade": np.nan, "gunning_fog": np.nan,
    }
    if readability:
        text = "\n\n".join(raw[s:e] for s, e in d["paras"])
        (row["flesch_reading_ease"], row["flesch_kincaid_grade"], row["gunning_fog"]) = _readability(
            text, counted_sentences(raw, d["sents"]))
    return row


def _frame(rows: list[dict], columns: list[str], str_cols: Iterable[str] = ()) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    for c in str_cols:
        df[c] = df[c].astype("string")
    return df


def bias_scores(texts_or_articles: Any, *, readability: bool = True, parts: tuple[str, ...] = DEFAULT_PARTS,
                published: Any = None) -> pd.DataFrame:
    """One row per article (or per text) with lexical bias measures over its headline and body.

    Columns (rates are per 1,000 words of the measured text):

    - ``article_id``, ``outlet``; ``words`` (whitespace tokens measured), ``sentences``.
    - ``loaded_per_1k`` loaded, pejorative or emotive terms per 1,000 words; ``n_loaded``;
      ``loaded_terms`` list of ``{term, start, end, category}``: the lexicon entry, its offsets into
      the article's raw text (for a plain string: into that string) and its category
      (delegitimizing, pejorative, political_label, coercion, emotive, attribution, hype, security).
    - ``hedges_per_1k`` hedges ("may", "reportedly", "it seems"); ``boosters_per_1k`` assertives
      and intensifiers ("clearly", "that's for sure", "extremely").
    - ``scare_quotes`` list of ``{text, start, end}``: 1-4 word phrases in quote marks used at a
      distance inside a phrase (the US "friendly" move, so-called "experts"), not reported
      speech, names or titles; ``n_scare_quotes``.
    - ``subjectivity`` share of sentences (0-1) with a loaded term, a booster or an opinion
      marker ("unfortunately", "should", "I think").
    - ``sentiment`` (positive - negative) / (positive + negative + 1) over evaluative words and
      polar loaded terms, with negation ("not fair") flipping a word: -1..1.
    - ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog`` of the measured parts, with
      the readability table's definition (textstat's word and syllable counts, newslib's sentence
      count); NaN with ``readability=False``.
    """
    rows = [_score_row(art, parts, readability) for art in as_articles(texts_or_articles, published=published)]
    return _frame(rows, SCORE_COLUMNS, ("article_id", "outlet"))


SENTENCE_COLUMNS = [
    "article_id", "outlet", "sentence", "start", "end", "text", "words", "n_loaded", "loaded_terms",
    "n_hedges", "n_boosters", "n_scare_quotes", "subjective", "sentiment",
]


def _sentence_rows(art: Article, an: dict) -> list[dict]:
    rows = []
    for i, s in enumerate(an["sentences"]):
        rows.append({
            "article_id": art.article_id, "outlet": art.outlet, "sentence": i,
            "start": s["start"], "end": s["end"], "text": art.raw[s["start"]:s["end"]],
            "words": s["words"], "n_loaded": len(s["loaded"]), "loaded_terms": _term_dicts(s["loaded"]),
            "n_hedges": len(s["hedges"]), "n_boosters": len(s["boosters"]),
            "n_scare_quotes": len(s["scare"]), "subjective": s["subjective"],
            "sentiment": _sentiment(s["pos"], s["neg"]),
        })
    return rows


def bias_sentences(texts_or_articles: Any, *, parts: tuple[str, ...] = DEFAULT_PARTS,
                   published: Any = None) -> pd.DataFrame:
    """One row per measured sentence: the evidence behind :func:`bias_scores`.

    ``sentence`` is the 0-based position among the measured sentences (headline and body);
    ``start``/``end`` are offsets into the article's raw text and ``text`` is raw[start:end];
    ``n_loaded``/``loaded_terms``, ``n_hedges``, ``n_boosters``, ``n_scare_quotes`` count the
    sentence's terms; ``subjective`` is true when it has a subjective cue; ``sentiment`` as in
    :func:`bias_scores` for this sentence alone."""
    rows = []
    for art in as_articles(texts_or_articles, published=published):
        rows.extend(_sentence_rows(art, _analyse(art, parts)))
    return _frame(rows, SENTENCE_COLUMNS, ("article_id", "outlet", "text"))


def loaded_terms_table(texts_or_articles: Any, *, parts: tuple[str, ...] = DEFAULT_PARTS) -> pd.DataFrame:
    """One row per loaded term: article_id, outlet, term, category, start, end, the matched text
    as written (``matched``) and the sentence it lies in (``sentence_start``, ``sentence_end``,
    ``sentence_text``)."""
    rows = []
    for art in as_articles(texts_or_articles):
        for s in _analyse(art, parts)["sentences"]:
            for a, b, t, c in s["loaded"]:
                rows.append({"article_id": art.article_id, "outlet": art.outlet, "term": t,
                             "category": c, "start": a, "end": b, "matched": art.raw[a:b],
                             "sentence_start": s["start"], "sentence_end": s["end"],
                             "sentence_text": art.raw[s["start"]:s["end"]]})
    cols = ["article_id", "outlet", "term", "category", "start", "end", "matched",
            "sentence_start", "sentence_end", "sentence_text"]
    return _frame(rows, cols, ("article_id", "outlet", "term", "category", "matched", "sentence_text"))


# --------------------------------------------------------------------------------------------
# Sourcing
# --------------------------------------------------------------------------------------------

_SPEAKER_CATEGORIES = [
    ("official", re.compile(
        r"\b(?:ministry|minister|ministers|government|department|spokes(?:man|woman|person)|official|officials|"
        r"president|premier|secretary|senator|congress\w*|lawmaker|ambassador|embassy|court|judge|"
        r"agency|pentagon|white house|commission|regulator|police|mayor|governor|state council|"
        r"administration|military|army|navy|parliament|legislator|authorit(?:y|ies))\b", re.I)),
    ("analyst", re.compile(
        r"\b(?:analyst|analysts|expert|experts|economist|professor|researcher|scholar|strategist|"
        r"consultan\w{1,4}|research|institute|university|academy|think tank|observer|commentator)\b", re.I)),
    ("media", re.compile(
        r"\b(?:blogger|influencer|journalist|editor|newspaper|columnist|reporter|media|daily|times|post|"
        r"news|weibo|twitter)\b", re.I)),
    ("company", re.compile(
        r"\b(?:ceo|chairman|chairwoman|founder|executive|chief|company|firm|corp\w*|inc|ltd|group|"
        r"vendor|maker|manufacturer|bank|investor|partner|director|manager)\b", re.I)),
]


def _speaker_category(row: dict) -> str:
    if row.get("speaker_type") == "anonymous" or not isinstance(row.get("speaker"), str):
        return "anonymous"
    text = " ".join(v for v in (row.get("role"), row.get("affiliation"), row.get("speaker"))
                    if isinstance(v, str))
    for name, rx in _SPEAKER_CATEGORIES:
        if rx.search(text):
            return name
    return "organization" if row.get("speaker_type") == "organization" else "person"


_SELF_CUE = r"(?:told|tells|telling|said to|speaking to|spoke to|in an interview with|interviewed by)"


@lru_cache(maxsize=256)
def _self_ref_regex(names: tuple[str, ...]) -> re.Pattern:
    alts = sorted({re.escape(n) for n in names if n}, key=len, reverse=True)
    alts += [r"this (?:newspaper|paper|website|site|reporter|publication)"]
    return re.compile(r"\b" + _SELF_CUE + r"[\s\u00a0]{1,3}(?:the[\s\u00a0]{1,3})?(?:" + "|".join(alts) + r")\b")


def _outlet_names(art: Article) -> tuple[str, ...]:
    names = [art.outlet] if art.outlet else []
    aliases = (art.outlet_meta or {}).get("aliases") or ""
    if isinstance(aliases, str):
        names += [a.strip() for a in aliases.split(";") if len(a.strip()) > 2]
    return tuple(names)


def self_references(art: Article, parts: tuple[str, ...] = DEFAULT_PARTS) -> list[dict]:
    """Places where the outlet names itself as the interviewer ("told the Global Times", "told
    this newspaper"): list of {text, start, end}."""
    rx = _self_ref_regex(_outlet_names(art))
    out = []
    for s, e in _measured(art, parts)[0]:
        out.extend({"text": m.group(), "start": m.start(), "end": m.end()} for m in rx.finditer(art.raw, s, e))
    return out


def _extract_quotes(articles: Any) -> pd.DataFrame | None:
    try:
        from .quotes import extract_quotes  # written by another capability; optional
    except ImportError:
        return None
    try:
        return extract_quotes(articles)
    except Exception:  # noqa: BLE001 - a broken optional extractor must not break bias measures
        return None


SOURCING_COLUMNS = [
    "article_id", "n_quotes", "n_direct", "n_voices", "named_share", "anonymous_share",
    "speaker_categories", "voices", "self_references", "self_reference_spans",
]


def sourcing(quotes: pd.DataFrame | None = None, articles: Any = None) -> pd.DataFrame:
    """Who speaks in each article, from the ``quotes`` table (newslib.schema "quotes").

    One row per article: ``n_quotes`` (quotes not in boilerplate), ``n_direct``, ``n_voices``
    (distinct named speakers), ``named_share`` / ``anonymous_share`` (share of quotes with / without
    a named speaker), ``speaker_categories`` ({official, analyst, media, company, person,
    organization, anonymous: number of quotes}, from the speaker's role, affiliation and name),
    ``voices`` (the distinct speakers), ``self_references`` and ``self_reference_spans`` (the
    outlet naming itself as interviewer: "told the Global Times"; needs ``articles``).

    With ``quotes=None`` the quotes are extracted from ``articles`` with newslib.quotes when that
    module is available; otherwise the quote columns are empty (NaN / 0)."""
    arts = list(as_articles(articles)) if articles is not None else []
    if quotes is None and arts:
        quotes = _extract_quotes(arts)
    ids = [a.article_id for a in arts]
    by_article: dict[str, list[dict]] = {}
    if quotes is not None and len(quotes):
        q = quotes
        if "in_boilerplate" in q.columns:
            q = q[~q["in_boilerplate"].fillna(False).astype(bool)]
        for rec in q.to_dict("records"):
            rec = {k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in rec.items()}
            by_article.setdefault(str(rec["article_id"]), []).append(rec)
    for aid in by_article:
        if aid not in ids:
            ids.append(aid)
    arts_by_id = {a.article_id: a for a in arts}
    rows = []
    for aid in ids:
        recs = by_article.get(aid, [])
        cats = Counter(_speaker_category(r) for r in recs)
        named = [r for r in recs if isinstance(r.get("speaker"), str) and r.get("speaker_type") != "anonymous"]
        voices = sorted({r["speaker"] for r in named})
        refs = self_references(arts_by_id[aid]) if aid in arts_by_id else []
        n = len(recs)
        known = quotes is not None
        rows.append({
            "article_id": aid, "n_quotes": n if known else np.nan,
            "n_direct": sum(r.get("kind") == "direct" for r in recs) if known else np.nan,
            "n_voices": len(voices) if known else np.nan, "named_share": len(named) / n if n else np.nan,
            "anonymous_share": (n - len(named)) / n if n else np.nan,
            "speaker_categories": dict(sorted(cats.items())), "voices": voices,
            "self_references": len(refs), "self_reference_spans": refs,
        })
    return _frame(rows, SOURCING_COLUMNS, ("article_id",))


# --------------------------------------------------------------------------------------------
# Entity-directed framing
# --------------------------------------------------------------------------------------------

#: the main actors and the names that refer to them (matched case-sensitively, whole words)
DEFAULT_ENTITIES: dict[str, list[str]] = {
    "US government": [
        "US", "U.S.", "USA", "United States", "America", "Washington", "the Pentagon", "Pentagon",
        "Department of Defense", "Defense Department", "DoD", "Department of Commerce",
        "Commerce Department", "State Department", "White House", "Trump administration",
        "Biden administration", "Obama administration", "US government", "U.S. government",
        "Congress", "Treasury",
    ],
    "China": [
        "China", "Beijing", "Chinese government", "Chinese authorities", "Xi Jinping", "Xi",
        "Communist Party", "CPC", "CCP", "PRC", "Zhongnanhai",
    ],
    "Xiaomi": ["Xiaomi", "Lei Jun"],
}

_COMPANY_SUFFIX = (r"Inc|Corp|Corporation|Co|Ltd|Limited|Group|Holdings|Technologies|Technology|"
                   r"Electronics|Motors|Semiconductor|Telecom|Airlines|Pharmaceuticals|Bank|Research|Systems")
_CAP = r"[A-Z][A-Za-z0-9&]{1,30}"
_COMPANY_RE = re.compile(r"\b(" + _CAP + r")(?:[ \u00a0]" + _CAP + r"){0,2}[ \u00a0](?:" + _COMPANY_SUFFIX + r")\b")
_COMPANY_NOUN_RE = re.compile(
    r"\b(?:company|companies|firm|firms|maker|vendor|giant|rival|rivals|supplier|suppliers|brand|startup|"
    r"conglomerate|consultancy|carmaker|chipmaker|retailer|operator)(?:,)?[ \u00a0](?:like[ \u00a0]|such as[ \u00a0])?("
    + _CAP + r")\b")
_NOT_COMPANY = frozenset(
    "The A An This That These Those It Its Chinese American US U.S UK EU Hong Kong New Global State "
    "National International Communist Asia Europe European".split())


def find_companies(art: Article, parts: tuple[str, ...] = DEFAULT_PARTS) -> list[str]:
    """Company names in an article by a simple capitalised-name rule: a capitalised name before a
    company suffix ("Luokung Technology Corp", "Samsung Electronics") or after a company noun
    ("tech firm Xiaomi", "suppliers, like Qualcomm", "consultancy Omdia").  Returns the first
    word of each name (how later mentions usually refer to it), in order of first appearance."""
    seen: dict[str, None] = {}
    for s, e in _measured(art, parts)[0]:
        for rx in (_COMPANY_RE, _COMPANY_NOUN_RE):
            for m in rx.finditer(art.raw, s, e):
                name = m.group(1)
                if name not in _NOT_COMPANY:
                    seen.setdefault((name, m.start()), None)
    ordered = sorted(seen, key=lambda x: x[1])
    out: dict[str, None] = {}
    for name, _ in ordered:
        out.setdefault(name, None)
    return list(out)


@lru_cache(maxsize=512)
def _alias_regex(aliases: tuple[str, ...]) -> re.Pattern:
    alts = sorted({re.escape(a) for a in aliases if a}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?![\w])")


ENTITY_SENTENCE_COLUMNS = [
    "outlet", "article_id", "entity", "start", "end", "text", "mentions", "words", "n_loaded",
    "loaded_terms", "sentiment",
]


def entity_sentences(articles: Any, entities: dict[str, list[str]] | None = None, *,
                     companies: bool = True, parts: tuple[str, ...] = DEFAULT_PARTS) -> pd.DataFrame:
    """One row per (sentence, entity) where a measured sentence mentions an entity.

    ``entities`` maps a name to the strings that refer to it (default :data:`DEFAULT_ENTITIES`;
    with ``companies=True`` companies found by :func:`find_companies` are added, each under its
    own name).  ``mentions`` lists {text, start, end} of the names found; ``n_loaded``,
    ``loaded_terms`` and ``sentiment`` describe the whole sentence (as in :func:`bias_sentences`).
    """
    ents = dict(DEFAULT_ENTITIES if entities is None else entities)
    rows = []
    for art in as_articles(articles):
        an = _analyse(art, parts)
        local = dict(ents)
        if companies:
            covered = {a for names in ents.values() for a in names}
            for c in find_companies(art, parts):
                if c not in covered and c not in local:
                    local[c] = [c]
        regexes = {name: _alias_regex(tuple(aliases)) for name, aliases in local.items()}
        for s in an["sentences"]:
            for name, rx in regexes.items():
                ms = [{"text": m.group(), "start": m.start(), "end": m.end()}
                      for m in rx.finditer(art.raw, s["start"], s["end"])]
                if not ms:
                    continue
                rows.append({
                    "outlet": art.outlet, "article_id": art.article_id, "entity": name,
                    "start": s["start"], "end": s["end"], "text": art.raw[s["start"]:s["end"]],
                    "mentions": ms, "words": s["words"], "n_loaded": len(s["loaded"]),
                    "loaded_terms": _term_dicts(s["loaded"]), "sentiment": _sentiment(s["pos"], s["neg"]),
                })
    return _frame(rows, ENTITY_SENTENCE_COLUMNS, ("outlet", "article_id", "entity", "text"))


def entity_framing(articles: Any, entities: dict[str, list[str]] | None = None, *,
                   companies: bool = True, parts: tuple[str, ...] = DEFAULT_PARTS) -> pd.DataFrame:
    """Tone and loaded terms of the sentences that mention each actor, one row per (outlet, entity).

    Columns: ``outlet``, ``entity``, ``articles`` (articles mentioning it), ``sentences``,
    ``words`` (in those sentences), ``n_loaded``, ``loaded_per_1k`` (loaded terms per 1,000 words of
    those sentences), ``sentiment`` (mean sentence sentiment, -1..1), ``negative_share`` (share of
    those sentences with sentiment < 0), ``terms`` (the loaded terms with article_id, offsets and
    category).  The sentences themselves are in :func:`entity_sentences`.  Outlets without a
    name are grouped as "unknown"."""
    es = entity_sentences(articles, entities, companies=companies, parts=parts)
    cols = ["outlet", "entity", "articles", "sentences", "words", "n_loaded", "loaded_per_1k",
            "sentiment", "negative_share", "terms"]
    if es.empty:
        return _frame([], cols, ("outlet", "entity"))
    es = es.assign(outlet=es["outlet"].fillna("unknown"))
    rows = []
    for (outlet, entity), g in es.groupby(["outlet", "entity"], sort=True):
        w = int(g["words"].sum())
        terms = [dict(t, article_id=aid) for aid, ts in zip(g["article_id"], g["loaded_terms"], strict=True) for t in ts]
        rows.append({
            "outlet": outlet, "entity": entity, "articles": g["article_id"].nunique(),
            "sentences": len(g), "words": w, "n_loaded": len(terms),
            "loaded_per_1k": 1000.0 * len(terms) / w if w else 0.0,
            "sentiment": float(g["sentiment"].mean()), "negative_share": float((g["sentiment"] < 0).mean()),
            "terms": terms,
        })
    return _frame(rows, cols, ("outlet", "entity"))


# --------------------------------------------------------------------------------------------
# Outlet profiles with bootstrap intervals
# --------------------------------------------------------------------------------------------

_META_COLUMNS = ("country", "ownership", "outlet_type")


def _metadata(obj: Any, arts: list[Article]) -> dict[str, dict]:
    """article_id -> {outlet, country, ownership, outlet_type}; from the articles table when given
    (it carries the user's sources.csv), else from the parsed articles."""
    meta = {}
    for a in arts:
        m = a.outlet_meta or {}
        meta[a.article_id] = {"outlet": a.outlet, "country": m.get("country") or None,
                              "ownership": m.get("ownership") or None, "outlet_type": m.get("type") or None}
    if isinstance(obj, pd.DataFrame) and "article_id" in obj.columns:
        for rec in obj.to_dict("records"):
            aid = str(rec.get("article_id"))
            if aid in meta:
                for k in ("outlet",) + _META_COLUMNS:
                    v = rec.get(k)
                    if isinstance(v, str) and v:
                        meta[aid][k] = v
    return meta


def _bootstrap(units: np.ndarray, stat, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    """Percentile 95% interval of stat(sums of resampled units); units is (n_units, k)."""
    n = len(units)
    if n == 0 or n_boot <= 0:
        return (np.nan, np.nan)
    chunk = max(1, 2_000_000 // max(n, 1))
    vals = []
    done = 0
    while done < n_boot:
        b = min(chunk, n_boot - done)
        idx = rng.integers(0, n, size=(b, n))
        sums = units[idx].sum(axis=1)  # (b, k)
        vals.append(stat(sums))
        done += b
    v = np.concatenate(vals)
    v = v[~np.isnan(v)]
    if not len(v):
        return (np.nan, np.nan)
    lo, hi = np.percentile(v, [2.5, 97.5])
    return (float(lo), float(hi))


# columns of the per-unit matrix
_U = {"words": 0, "loaded": 1, "hedges": 2, "boosters": 3, "scare": 4, "subjective": 5, "pos": 6,
      "neg": 7, "sentences": 8}


def _safe_rate(num, den, scale=1000.0):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, scale * num / np.where(den > 0, den, 1), np.nan)


_MEASURES = {
    "loaded_per_1k": lambda s: _safe_rate(s[..., _U["loaded"]], s[..., _U["words"]]),
    "hedges_per_1k": lambda s: _safe_rate(s[..., _U["hedges"]], s[..., _U["words"]]),
    "boosters_per_1k": lambda s: _safe_rate(s[..., _U["boosters"]], s[..., _U["words"]]),
    "scare_quotes_per_1k": lambda s: _safe_rate(s[..., _U["scare"]], s[..., _U["words"]]),
    "subjectivity": lambda s: _safe_rate(s[..., _U["subjective"]], s[..., _U["sentences"]], 1.0),
    "sentiment": lambda s: (s[..., _U["pos"]] - s[..., _U["neg"]]) / (s[..., _U["pos"]] + s[..., _U["neg"]] + 1.0),
}


def source_profile(articles: Any, quotes: pd.DataFrame | None = None, n_boot: int = 1000, seed: int = 0, *,
                   unit: str = "sentence", readability: bool = True,
                   parts: tuple[str, ...] = DEFAULT_PARTS) -> pd.DataFrame:
    """One row per outlet: the bias measures pooled over its articles, with 95% bootstrap
    intervals, article counts and the outlet's metadata (country, ownership, outlet_type).

    Rates pool the outlet's words (``loaded_per_1k`` = all loaded terms / all words x 1000);
    ``subjectivity`` is the share of subjective sentences; ``sentiment`` uses pooled positive and
    negative counts.  Each measure M has ``M_lo`` and ``M_hi``: the 2.5th and 97.5th percentiles
    over ``n_boot`` resamples.  ``unit="sentence"`` (default) resamples the outlet's sentences: it
    shows how much the figure rests on a handful of sentences, but with one or two articles per
    outlet it cannot show how much the outlet's articles differ from each other, so intervals
    are too narrow for claims about an outlet in general.  ``unit="article"`` resamples whole
    articles (the honest choice once an outlet has ~10+ articles; zero width with one article).
    The random generator is seeded from ``seed`` and the outlet name: deterministic, and an
    outlet's interval does not depend on which other outlets are in the table.

    With ``quotes`` (the quotes table), or when newslib.quotes is installed, sourcing columns are
    added: ``quotes_per_article``, ``voices_per_article``, ``named_share``, ``anonymous_share``,
    ``self_references``.  Readability columns are article means (no interval).
    """
    if unit not in ("sentence", "article"):
        raise ValueError("unit must be 'sentence' or 'article'")
    arts = list(as_articles(articles))
    meta = _metadata(articles, arts)
    per_outlet: dict[str, dict] = {}
    for art in arts:
        an = _analyse(art, parts)
        outlet = meta[art.article_id]["outlet"] or "unknown"
        d = per_outlet.setdefault(outlet, {"units": [], "arts": [], "read": []})
        mat = np.array([[s["words"], len(s["loaded"]), len(s["hedges"]), len(s["boosters"]), len(s["scare"]),
                         int(s["subjective"]), s["pos"], s["neg"], 1] for s in an["sentences"]],
                       dtype=float).reshape(-1, len(_U))
        d["units"].append(mat)
        d["arts"].append(art.article_id)
        if readability:
            text = "\n\n".join(art.raw[s:e] for s, e in an["paras"])
            d["read"].append(_readability(text, counted_sentences(art.raw, [(s["start"], s["end"]) for s in an["sentences"]])))
    src = None
    if quotes is not None or arts:
        q = quotes if quotes is not None else _extract_quotes(arts)
        if q is not None:
            src = sourcing(q, arts).set_index("article_id")
    rows = []
    for outlet in sorted(per_outlet):
        d = per_outlet[outlet]
        first = meta[d["arts"][0]]
        row = {"outlet": outlet, "country": first["country"], "ownership": first["ownership"],
               "outlet_type": first["outlet_type"], "articles": len(d["arts"])}
        sent_units = np.vstack(d["units"]) if d["units"] else np.zeros((0, len(_U)))
        units = sent_units if unit == "sentence" else np.array([m.sum(axis=0) for m in d["units"]])
        total = sent_units.sum(axis=0)
        row["sentences"] = int(total[_U["sentences"]])
        row["words"] = int(total[_U["words"]])
        rng = np.random.default_rng([seed, zlib.crc32(outlet.encode("utf-8"))])
        for name, fn in _MEASURES.items():
            row[name] = float(fn(total[None, :])[0])
            row[name + "_lo"], row[name + "_hi"] = _bootstrap(units, fn, n_boot, rng)
        if readability and d["read"]:
            r = np.array(d["read"], dtype=float)
            for j, c in enumerate(("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog")):
                row[c] = float(np.nanmean(r[:, j])) if np.isfinite(r[:, j]).any() else np.nan
        if src is not None:
            sub = src.reindex(d["arts"])
            nq = sub["n_quotes"].fillna(0)
            row["quotes_per_article"] = float(nq.mean())
            row["voices_per_article"] = float(sub["n_voices"].fillna(0).mean())
            tot = nq.sum()
            row["named_share"] = float((sub["named_share"].fillna(0) * nq).sum() / tot) if tot else np.nan
            row["anonymous_share"] = float((sub["anonymous_share"].fillna(0) * nq).sum() / tot) if tot else np.nan
            row["self_references"] = int(sub["self_references"].fillna(0).sum())
        rows.append(row)
    df = pd.DataFrame(rows)
    for c in ("outlet",) + _META_COLUMNS:
        if c in df.columns:
            df[c] = df[c].astype("string")
    return df


# --------------------------------------------------------------------------------------------
# Same-story comparison
# --------------------------------------------------------------------------------------------

_STOP = frozenset(
    "a an the and or but of to in on at for from by with as is are was were be been being it its this "
    "that these those has have had will would can could may might should not no yet than then so "
    "about after before over under into out up down more most also just only all any some such "
    "he she they we you i his her their our your who whom which what when where why how there here "
    "said says say told according per cent percent new first last one two three year years "
    "update original".split())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019]{1,30}")
_CAPNAME = re.compile(r"\b[A-Z][A-Za-z0-9&]{1,30}(?:[ \u00a0][A-Z][A-Za-z0-9&]{1,30}){0,3}")
_FIGURE = re.compile(
    r"(?<![\w.])(?:[A-Z]{0,3}[$\u00a3\u20ac\u00a5])?\d{1,3}(?:,\d{3}){0,5}(?:\.\d{1,4})?"
    r"(?:[ \u00a0]?(?:%|per[ \u00a0]cent|percent|million|billion|trillion|bn|m)\b)?")
_MONTH_BEFORE = re.compile(MONTH_RE + r"\.?[ \u00a0]$")
_WEEKDAY_MONTH = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December The A An In On At It This That But And "
    "UPDATE ORIGINAL".split())


def _stem(w: str) -> str:
    w = w.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _story_terms(art: Article, paras: list[tuple[int, int]]) -> tuple[set[str], set[str]]:
    """(salient words of the headline and lede, capitalised names of the whole text)."""
    raw = art.raw
    lede = " ".join(raw[s:e] for s, e in paras[:3])
    if art.title:
        lede = art.title + " " + lede
    words = {_stem(w) for w in _TOKEN.findall(lede) if w.lower() not in _STOP}
    names = set()
    initial: list[list[str]] = []
    for s, e in paras:
        for m in _CAPNAME.finditer(raw, s, e):
            parts = [p for p in m.group().split() if p not in _WEEKDAY_MONTH]
            before = raw[max(s, m.start() - 3):m.start()].strip(" \u00a0\"\u201c\u2018([")
            if m.start() == s or before.endswith((".", "!", "?", ":")) or before == "":
                initial.append(parts)  # sentence-initial: capitalised anyway, decided below
            elif parts:
                names.add(" ".join(parts))
    for parts in initial:  # keep a sentence-initial word only when it also appears mid-sentence
        if parts and parts[0] not in {w for n in names for w in n.split()}:
            parts = parts[1:]
        if parts:
            names.add(" ".join(parts))
    return words, names


def _figures(art: Article, paras) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for s, e in paras:
        for m in _FIGURE.finditer(art.raw, s, e):
            t = m.group()
            if len(t) < 2 and not t.isdigit():
                continue
            if re.fullmatch(r"(?:19|20)\d\d|\d", t):  # a year is a date; bare digits are counts in words
                continue
            if _MONTH_BEFORE.search(art.raw, max(s, m.start() - 12), m.start()):  # "May 20": a date
                continue
            key = _norm(t.lower()).replace("per cent", "%").replace("percent", "%").replace(" %", "%")
            out.setdefault(key, {"text": t, "start": m.start(), "end": m.end()})
    return out


SAME_STORY_COLUMNS = [
    "story", "article_id", "outlet", "published", "title", "headline_loaded", "loaded_per_1k", "loaded_terms",
    "quoted", "only_here_figures", "only_here_names", "shared_names",
]


def same_story(articles: Any, *, window_days: float = 3.0, min_overlap: float = 0.3,
               parts: tuple[str, ...] = DEFAULT_PARTS, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group articles about the same event and compare them side by side.

    Two articles are linked when (1) their publication dates are at most ``window_days`` apart, or
    either date is unknown, (2) the salient words of their headline + first paragraphs overlap by
    at least ``min_overlap`` (overlap coefficient |A∩B| / min(|A|, |B|) of stemmed content words),
    and (3) they share at least one capitalised name.  Stories are the connected groups of linked
    articles (``story`` 0, 1, ... in order of first article); articles linked to nothing form
    one-article stories.

    One row per article: ``headline_loaded`` (loaded terms in the headline), ``loaded_per_1k`` and
    ``loaded_terms`` (all measured text), ``quoted`` (named speakers, from the quotes table or
    newslib.quotes when available, else empty), ``only_here_figures`` (numbers, with offsets,
    that no other article of the story mentions: a rough marker of facts only one outlet
    reports), ``only_here_names`` (capitalised names no other article of the story mentions),
    ``shared_names`` (names every article of the story mentions).  This is a reading aid: check
    the offsets before concluding an outlet left something out."""
    arts = list(as_articles(articles))
    meta = _metadata(articles, arts)
    info = []
    for art in arts:
        an = _analyse(art, parts)
        words, names = _story_terms(art, an["paras"])
        info.append({"art": art, "an": an, "words": words, "names": names,
                     "figures": _figures(art, an["paras"])})
    n = len(info)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a, b = info[i], info[j]
            pa, pb = a["art"].published, b["art"].published
            if pa is not None and pb is not None and abs((pa - pb).total_seconds()) > window_days * 86400:
                continue
            if not a["words"] or not b["words"] or not (a["names"] & b["names"]):
                continue
            ov = len(a["words"] & b["words"]) / min(len(a["words"]), len(b["words"]))
            if ov >= min_overlap:
                parent[find(j)] = find(i)
    roots: dict[int, int] = {}
    story = [roots.setdefault(find(i), len(roots)) for i in range(n)]
    q = quotes if quotes is not None else (_extract_quotes(arts) if arts else None)
    speakers: dict[str, list[str]] = {}
    if q is not None and len(q):
        qq = q[q["speaker"].notna()]
        for aid, g in qq.groupby("article_id"):
            speakers[str(aid)] = list(dict.fromkeys(g["speaker"].astype(str)))
    rows = []
    for i, d in enumerate(info):
        art = d["art"]
        others = [info[j] for j in range(n) if j != i and story[j] == story[i]]
        other_figs = set().union(*(o["figures"].keys() for o in others)) if others else set()
        other_names = set().union(*(o["names"] for o in others)) if others else set()
        shared = set(d["names"]).intersection(*(o["names"] for o in others)) if others else set()
        sents = d["an"]["sentences"]
        loaded = [h for s in sents for h in s["loaded"]]
        w = sum(s["words"] for s in sents)
        ts = art.cleaned.title_span if getattr(art.cleaned, "title_span", None) else None
        head = [h for h in loaded if ts and ts[0] <= h[0] < ts[1]]
        rows.append({
            "story": story[i], "article_id": art.article_id, "outlet": meta[art.article_id]["outlet"],
            "published": art.published, "title": art.title,
            "headline_loaded": _term_dicts(head), "loaded_per_1k": 1000.0 * len(loaded) / w if w else 0.0,
            "loaded_terms": _term_dicts(loaded), "quoted": speakers.get(art.article_id, []),
            "only_here_figures": [v for k, v in d["figures"].items() if others and k not in other_figs],
            "only_here_names": sorted(x for x in d["names"] if others and x not in other_names),
            "shared_names": sorted(shared),
        })
    df = _frame(rows, SAME_STORY_COLUMNS, ("article_id", "outlet", "title"))
    df["published"] = pd.to_datetime(df["published"])
    return df.sort_values(["story", "article_id"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Plots (used by notebooks/02_source_bias.ipynb)
# --------------------------------------------------------------------------------------------

def plot_profile(profile: pd.DataFrame, measure: str = "loaded_per_1k", ax=None, title: str | None = None):
    """Horizontal bars of one measure per outlet with its bootstrap interval; returns the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.6 + 0.5 * len(profile)))
    p = profile.sort_values(measure)
    y = np.arange(len(p))
    val = p[measure].to_numpy(dtype=float)
    lo = p.get(measure + "_lo", p[measure]).to_numpy(dtype=float)
    hi = p.get(measure + "_hi", p[measure]).to_numpy(dtype=float)
    ax.barh(y, val, color="#4C72B0", alpha=0.8)
    ax.errorbar(val, y, xerr=[np.clip(val - lo, 0, None), np.clip(hi - val, 0, None)], fmt="none",
                ecolor="black", capsize=4)
    ax.set_yticks(y, [f"{o} (n={a})" for o, a in zip(p["outlet"], p["articles"], strict=True)])
    ax.set_xlabel(measure)
    ax.set_title(title or f"{measure} by outlet (95% bootstrap interval)")
    return ax


def plot_categories(terms: pd.DataFrame, ax=None):
    """Stacked bars: loaded terms per outlet by category (from :func:`loaded_terms_table`)."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    t = terms.assign(outlet=terms["outlet"].fillna("unknown"))
    ct = pd.crosstab(t["outlet"], t["category"])
    ct.plot.barh(stacked=True, ax=ax, colormap="tab10")
    ax.set_xlabel("loaded terms")
    ax.set_ylabel("")
    ax.set_title("Loaded terms by category")
    ax.legend(fontsize=8, loc="lower right")
    return ax
