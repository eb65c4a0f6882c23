"""Quotes and speakers: who is quoted in an article, saying what.

:func:`extract_quotes` returns the ``quotes`` table (declared in :mod:`newslib.schema`): one row
per direct quote (words inside quotation marks), indirect quote (a clause reported with a
reporting verb: *X said that ...*, *..., according to X*) or mixed quote (a reported clause that
contains quoted words).  Columns, for an analyst:

``article_id, start, end``  the content's offsets in the article's raw text (quote marks excluded)
``text``                    raw[start:end]: what was said or reported
``kind``                    direct, indirect or mixed
``speaker``                 canonical name: the person's full name as first given in the article,
                            the organisation's name, the descriptive phrase for anonymous speakers
                            ("analysts", "people familiar with the matter"); <NA> when unattributed
``speaker_type``            person, organization or anonymous
``speaker_start/_end``      the mention used for this quote (may be "he", "Zhou", "the company")
``role``, ``affiliation``   the speaker's role words and organisation as the article gives them
``cue``                     the reporting verb or phrase as written (said, told, according to ...);
                            <NA> for a free-standing quote attributed to the previous speaker
``sentence_id``             the sentence the quote starts in
``in_boilerplate``          the quote lies in boilerplate (only body text is searched, so False)

:func:`speakers` aggregates quotes into a corpus-level directory, one row per named person or
organisation, with these columns:

``speaker``        canonical name (merged across articles by case-folded name)
``speaker_type``   person or organization
``category``       analyst, official, company, media or other (from roles, titles, affiliations)
``roles``          distinct role words seen (list)
``affiliations``   distinct affiliations seen (list)
``outlets``        outlets that quote the speaker (list; article ids when no articles table is given)
``n_quotes``       number of quotes attributed
``n_articles``     number of articles quoting the speaker

Method: rules, not a parser.  Quotation marks are paired per paragraph (curly and straight,
single marks only where a paragraph has no double marks; unclosed marks run to the attribution or
the paragraph end, multi-paragraph quotes chain).  Reporting cues come from
``lexicons/reporting_verbs.txt``; the speaker is the short noun phrase next to the cue, resolved
within the article: pronouns to the last speaker, surnames and titled names ("Mr Trump") to the
first full mention, descriptions ("the company", "the analyst") to the last organisation or person
named.  Roles and affiliations come from appositions and pre-modifiers ("Su Lian Jye, chief
analyst at tech consultancy Omdia", "Canalys analyst Sanyam Chaurasia", "Jane Doe of X Capital",
"analysts at X, led by Jane Doe").  Also read: participle cues for the sentence's subject ("...,
saying ..."), "told Reuters it ...", instructions ("told staff to ..."), "wrote in a note to
clients that ...", document sources ("according to a letter from X dated ..."), impersonal
passives ("it was reported that ...", speaker null, type anonymous), bullet-point quotes; a
secondary source right after an attribution ("..., X said, according to Reuters") is not a
second speaker.  Unnamed groups are speakers too ("Many analysts expect ...", "analysts at Citi
said in a note", "those surveyed said": anonymous, named by the phrase); asides between a subject
and its cue are skipped (party tags "(R-Ky.)", ages, who-clauses, role appositions, dash asides);
"according to" takes polls, surveys and court filings (the named pollster or filer); "the email
said" goes to the email's author; "Policy Board of the BoJ" to the Bank of Japan.  Pronouns
he/she are resolved with the gender the article shows (Mr./Mrs./Ms. titles, the first he/she
after a subject mention), preferring a possessive or sentence-opening name of the same sentence;
the narrator's "I" is never given to a third party.  Limits: no syntax, so long subjects, unusual
word order and speech without a reporting verb are missed; gender comes only from the article (no
first-name list).  Every regex is linear-time (bounded repetition, disjoint classes).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import pandas as pd

from . import schema
from .article import Article, span_table
from .text import DOUBLE_QUOTES, MONTHS, SINGLE_QUOTES, WEEKDAYS, load_lexicon

__all__ = ["extract_quotes", "json_items", "speakers", "SPEAKER_COLUMNS"]

# --------------------------------------------------------------------------------------------
# lexicons
# --------------------------------------------------------------------------------------------


def _pairs(name: str) -> dict[str, str]:
    out = {}
    for line in load_lexicon(name):
        if "|" in line:
            k, v = line.split("|", 1)
        else:
            k, _, v = line.rpartition(" ")
        out[k.strip()] = v.strip()
    return out


CUES: dict[str, str] = _pairs("reporting_verbs.txt")
ROLES: dict[str, str] = {k.lower(): v for k, v in _pairs("roles.txt").items()}
ORG_NOUNS: dict[str, str] = _pairs("quote_org_nouns.txt")
TITLES = frozenset(t.rstrip(".") for t in load_lexicon("titles.txt"))
ORG_WORDS = frozenset(load_lexicon("org_suffixes.txt"))
CAPS_STOP = frozenset(load_lexicon("quote_caps_stop.txt")) | {
    w.capitalize() for w in list(MONTHS) + list(WEEKDAYS) if len(w) > 3}
PLACE_FIRST = frozenset(load_lexicon("quote_place_words.txt"))
FIRST_NAME_GENDER: dict[str, str] = _pairs("quote_first_names.txt")
NONPERSON_HEADS = frozenset(load_lexicon("quote_nonperson_heads.txt"))
GROUP_NOUNS = frozenset(w.lower() for w in load_lexicon("quote_group_nouns.txt"))
_GROUP_ANY = GROUP_NOUNS | {w.capitalize() for w in GROUP_NOUNS} | {w.upper() for w in GROUP_NOUNS} | {
    "those", "Those"}
# words that may open a group subject before its modifiers: 'many analysts', 'a number of aides',
# 'two Senate aides', '40 percent of voters', 'those surveyed'
GROUP_QUANT = frozenset(["some", "many", "most", "several", "other", "those", "these", "the", "few", "a",
                         "all", "both", "numerous", "various", "two", "three", "four", "five", "six", "seven",
                         "eight", "nine", "ten", "dozens", "hundreds", "thousands", "of", "number", "majority",
                         "percent", "per", "cent", "half", "more", "than", "fewer", "top", "senior", "leading"])
# words that open a group subject's post-modifier: 'analysts at Citi', 'economists polled by Reuters'
GROUP_POST = frozenset(["at", "from", "of", "with", "for", "in", "on", "across", "inside", "within", "close",
                        "familiar", "involved", "polled", "surveyed", "contacted", "interviewed", "asked",
                        "questioned", "briefed", "consulted", "quoted", "cited", "who", "led", "representing",
                        "working", "based"])
# participles that make 'those' a group subject on their own: 'those surveyed said'
GROUP_THOSE = frozenset(["surveyed", "polled", "asked", "questioned", "interviewed", "present", "involved",
                         "close", "familiar", "who"])
TIME_WORDS = frozenset(list(WEEKDAYS) + list(MONTHS) + [
    "today", "yesterday", "tonight", "earlier", "later", "recently", "last", "this", "next", "week",
    "month", "year", "morning", "afternoon", "evening", "night", "weekend"])


_TITLE_GENDER = {"Mr": "m", "Sir": "m", "Lord": "m", "King": "m", "Prince": "m", "Congressman": "m",
                 "Mrs": "f", "Ms": "f", "Miss": "f", "Dame": "f", "Lady": "f", "Queen": "f", "Princess": "f",
                 "Congresswoman": "f", "Madam": "f"}
_GENDER_PRONOUN_RE = re.compile(r"(?<![\w’'-])(?:[Hh]e|[Hh]is|him|[Ss]he|[Hh]er)(?![\w’'-])")
_PLURAL_ROLE = {}
for _r in ROLES:
    _PLURAL_ROLE[_r] = _r
    if _r.endswith("y") and not _r.endswith("ey"):
        _PLURAL_ROLE[_r[:-1] + "ies"] = _r
    elif _r.endswith(("s", "sh", "ch")):
        _PLURAL_ROLE[_r + "es"] = _r
    elif _r.endswith("man"):
        _PLURAL_ROLE[_r[:-3] + "men"] = _r
    else:
        _PLURAL_ROLE[_r + "s"] = _r

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "it": "organization",
            "they": "group", "we": "group", "i": "self"}
DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "this", "that", "these", "those",
                         "our", "one", "another", "some", "several", "many", "two", "three", "both"])
LEADING_CONJ = frozenset(["and", "but", "or", "with", "by", "as", "then", "while", "so", "yet", "including",
                          "also", "though", "although", "because", "since", "when", "where", "after",
                          "before", "if", "than", "whereas", "meanwhile", "however", "separately"])
# words skipped between a subject and its cue ("Xiaomi has also said", "Zhou on Monday warned")
AUX = frozenset(["also", "has", "have", "had", "further", "later", "previously", "then", "again", "recently",
                 "once", "repeatedly", "reportedly", "separately", "earlier", "publicly", "privately",
                 "subsequently", "initially", "first", "last", "today", "yesterday", "on", "had", "would",
                 "will", "could", "may", "might", "must", "should", "can", "even", "just", "still", "already",
                 "often", "frequently", "simply", "quickly", "flatly", "openly", "confidently", "bluntly",
                 "proudly", "once", "immediately", "ultimately", "always", "never", "jokingly", "boldly",
                 "correctly", "rightly", "wrongly", "famously", "emphatically", "tersely", "plainly", "clearly",
                 "now", "currently", "itself", "himself", "herself", "themselves"]
                + list(WEEKDAYS))
BOUNDARY_WORDS = frozenset(["that", "which", "who", "whom", "whose", "because", "since", "while", "but", "by",
                            "with", "after", "before", "when", "where", "if", "although", "though", "than",
                            "including", "whether", "as", "so", "and", "or", "nor", "from", "to", "said",
                            "says", "told", "is", "are", "was", "were", "be", "been", "being", "in", "at",
                            "about", "against", "over", "under", "via", "into", "like", "unlike", "amid",
                            "despite", "for", "what", "how", "why", "not", "it’s", "it's"])
PASSIVE = frozenset(["is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"])
PREPS = frozenset(["in", "on", "at", "during", "after", "before", "with", "through", "to", "from", "via", "by",
                   "under", "over", "as", "while", "when", "for", "about", "last", "this", "earlier", "late",
                   "early", "later", "via", "of", "into", "outside", "inside", "near", "since", "until"])
MODALS = frozenset(["to", "will", "would", "could", "should", "may", "might", "must", "can", "cannot", "not",
                    "did", "does", "do", "never", "n't", "won't", "wouldn't", "didn't", "doesn't", "don't"])
# verbs that report speech only with a clause, not with a noun object ('added Xiaomi to a list')
STRICT_CLAUSE = frozenset(["add", "adds", "added", "adding", "note", "notes", "noted", "noting", "state",
                           "states", "stated", "observe", "observes", "observed", "maintain", "maintains",
                           "maintained", "write", "writes", "wrote", "writing", "recall", "recalls", "recalled",
                           "predict", "predicts", "predicted", "estimate", "estimates", "estimated",
                           "expect", "expects", "expected", "forecast", "forecasts", "promise", "promises", "promised", "vow", "vows",
                           "vowed", "remark", "remarks", "remarked", "explain", "explains", "explained",
                           "claim", "claims", "claimed", "stress", "stressed", "stresses", "fear", "fears",
                           "feared", "hope", "hopes", "hoped", "reply", "replied", "replies", "respond",
                           "responded", "responds", "counter", "countered", "declared", "declares"])
FINITE_RE = re.compile(
    r"\b(?:is|are|was|were|will|would|could|can|cannot|can't|should|may|might|must|has|have|had|did|does|"
    r"do|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|saw|went|got|made|took|knew|came|gave|"
    r"became|left|felt|kept|held|began|brought|won|lost|paid|sold|met|led|spent|built|sent|fell|rose|grew|"
    r"(?<![-\w])[a-z]{2,20}ed)\b")
SUBJECT_PRONOUNS = frozenset(["it", "he", "she", "they", "we", "i", "there", "its", "this"])
_MEDIUM_PREPS = frozenset(["in", "on", "during", "at", "via", "through", "to", "over"])
_OF_CUES = frozenset(["warn", "warns", "warned", "warning", "spoke", "speaks", "complained", "complains",
                      "boasted", "boasts"])
_GROUP_ONLY_CUES = frozenset(["expect", "fear", "forecast"])
_EXPECT_CUES = frozenset(["expected", "forecast", "predicted", "estimated", "projected", "anticipated", "feared",
                          "hoped", "planned"])
# adverbs between a form of 'be' and a participle ('is now expected', 'was also told')
_PASSIVE_ADVERBS = frozenset(["now", "also", "still", "not", "already", "long", "once", "then", "being", "again",
                              "further", "even", "never", "often", "all"])
_FIGURE_CUES = frozenset(["projects", "projected", "pegged", "forecast", "forecasts"])
_DIGIT_RE = re.compile(r"\d")
# forecast verbs whose reported content may be an object and an infinitive ('expect X to slow')
_INFINITIVE_CUES = frozenset(["expect", "expects", "expected", "forecast", "forecasts", "predict", "predicts",
                              "predicted", "estimate", "estimates", "estimated"])
_TO_INF_RE = re.compile(r"(?<![\w’'-])to[ \u00a0](?!the\b|a\b|an\b)[a-z]{2,20}(?![\w’'-])")
# verbs of instruction whose reported content is an infinitive: 'told staff to continue ...'
DIRECTIVE_CUES = frozenset(["told", "tells", "tell", "telling", "asked", "asks", "urged", "urges", "urging",
                            "ordered", "orders", "instructed", "instructs", "directed", "directs"])
ANAPHORIC_OBJECTS = frozenset(["that", "this", "so", "it", "as much", "the same"])

# --------------------------------------------------------------------------------------------
# regexes (all linear: bounded repetition over disjoint token classes)
# --------------------------------------------------------------------------------------------

_SP = r"[ \u00a0]"
_UNIT = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr)\.(?=[ \u00a0][A-Z])|[A-Z]\.(?=[ \u00a0][A-Z][a-z])|[A-Z]\.(?:[A-Z]\.){1,4}|[A-Z][A-Za-z0-9]{0,40}(?:[-’'&](?![sS]\b)[A-Za-z0-9]{1,40}){0,4})"
_CONN = r"(?:" + _SP + r"(?:of|for|de|da|di|del|van|von|der|bin|al|la|le|du)(?:" + _SP + r"the)?)?" + _SP
# NAME_RE's first unit is _UNIT with its leading capital factored out: a pattern that opens with a
# character class lets the regex engine skip quickly to candidate capitals (a leading lookaround
# would make it try every position).  It matches exactly what
# (?<![\w’'-])_UNIT(?:_CONN _UNIT){0,6} matches; the look-behinds re-check the consumed capital.
_TITLE_TAIL = (r"(?:(?<=M)(?:r|rs|s)|(?<=D)r|(?<=P)rof|(?<=S)(?:en|gt|t|r)|(?<=R)(?:ep|ev)|(?<=G)(?:ov|en)|"
               r"(?<=L)t|(?<=C)(?:ol|apt)|(?<=J)r)")
# (every title tail is one to three lower-case letters and a full stop: one look-ahead rules all
# nine look-behind branches out at a capital that opens an ordinary word)
_UNIT_HEAD = (r"[A-Z](?<![\w’'-][A-Z])(?:(?=[a-z]{1,3}\.)" + _TITLE_TAIL + r"\.(?=[ \u00a0][A-Z])|\.(?=[ \u00a0][A-Z][a-z])|"
              r"\.(?:[A-Z]\.){1,4}|[A-Za-z0-9]{0,40}(?:[-’'&](?![sS]\b)[A-Za-z0-9]{1,40}){0,4})")
# (each further unit opens with a space and a capital or a connector's first letter: the
# look-ahead, a necessary condition, rejects a lower-case next word before the ~40 branches of
# the connector and unit alternatives are tried)
NAME_RE = re.compile(_UNIT_HEAD + r"(?:(?=" + _SP + r"[A-Zofdvbal])" + _CONN + _UNIT + r"){0,6}")
# the reference form, kept for the tests that pin NAME_RE to it
_NAME_RE_REF = re.compile(r"(?=[A-Z])(?<![\w’'-])" + _UNIT + r"(?:" + _CONN + _UNIT + r"){0,6}")
WORD_RE = re.compile(r"[A-Za-z0-9][\w’'.&-]{0,60}|\S")
OPENERS = "“„«「『"
BULLETS = "•·▪‣◦*-–—>"      # list markers that may open a quoted bullet point
CLOSERS = "”»」』"
DQ_RE = re.compile("[" + re.escape(DOUBLE_QUOTES) + "]")
SQ_RE = re.compile("[" + re.escape(SINGLE_QUOTES) + "]")
# an attribution inside an unclosed quote: ', said Zhou Xibing' / ', Zhou said'
_INLINE_VERB = r"(?:said|says|told|tells|added|adds|explained|noted|wrote|argued|warned|insisted)"
INLINE_ATTR_RE = re.compile(
    r"[,;]" + _SP + r"{1,3}(?=(?:(?:he|she|they|the" + _SP + r"[a-z]{2,30}|[A-Z][\w’'-]{0,30}(?:" + _SP
    + r"[A-Z][\w’'-]{0,30}){0,3})" + _SP + r")?" + _INLINE_VERB + r"\b)")
TAIL_PUNCT = ".,;:!?…"
WS = " \t\n\r\u00a0\u2009\u202f"
MAX_PARA = 20_000        # longer "paragraphs" are not prose and are skipped
MAX_MARKS = 120          # a paragraph with more quotation marks than this is not prose
MAX_CUES = 16            # cues looked at per sentence
MAX_CUES_ARTICLE = 3000  # cues looked at per article (a long real article has a few hundred)
_PREV_WORD_RE = re.compile(r"([A-Za-z0-9][\w’'.&-]{0,20}|[^\w\s])\s{0,3}$")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _prev_word(raw: str, lo: int, hi: int) -> str | None:
    """The word (or punctuation mark) ending right before raw[hi], read no further back than lo:
    exactly ``_PREV_WORD_RE.search(raw, lo, hi).group(1)`` (None when no match).  The usual
    case, a word and one space ('... Smith said'), is read directly; anything else goes to the
    regex."""
    if hi - lo >= 2 and raw[hi - 1] == " " and raw[hi - 2] in _ASCII_ALNUM:
        # the match must be [A-Za-z0-9][\w’'.&-]{0,20} ending at hi - 1: its leftmost start
        p = best = hi - 2
        floor = max(lo, hi - 22)
        while p > floor:
            c = raw[p - 1]
            if not (c.isalnum() or c in "_’'.&-"):
                break
            p -= 1
            if c in _ASCII_ALNUM:
                best = p
        return raw[best:hi - 1]
    if hi > lo:
        # a punctuation mark right before hi, or before one space ('“said', ', said'): it is the
        # match when it cannot belong to a longer token (not \w, not ’ ' . & -)
        c = raw[hi - 1]
        if c == " " and hi - 2 >= lo:
            c = raw[hi - 2]
        if not (c.isspace() or c.isalnum() or c in "_’'.&-"):
            return c
    pm = _PREV_WORD_RE.search(raw, lo, hi)
    return pm.group(1) if pm else None


_POSS_RE = re.compile(r"[’']s?$")
_SENT_END_RE = re.compile(r"[.!?]")
_FIRST_WORD_RE = re.compile(r"[^ \u00a0]+")
_WS_RUN_RE = re.compile(r"\s+")
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
# the noun phrase after 'according to' ends at punctuation or a clause word
# (a full stop ends the phrase unless it closes an initial or a title: 'according to the U.S. Energy
# Information Administration')
_AFTER_NP_STOP_RE = re.compile(r"[,;()\u201c\u201d\"]|(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\."
                               r"| on | in (?=[A-Z])| last | this | that | which | who "
                               r"| (?:dated|published|seen|issued|released|obtained|reviewed|filed|sent|"
                               r"posted|compiled|conducted|prepared|submitted|made public)(?![\w-])(?! by )")
_AFTER_BY_RE = re.compile(r"\b(?:by|from|of)\s+(?=(?:the\s+)?[A-Z]|research|market|data)")
_INFO_TAIL_RE = re.compile(r"\b(?:this|that|the)\s+(?:information|news|report|claim)\s*$")
# a full stop ends the phrase unless it closes an initial or a title ('said Benjamin J. Rhodes')
_POST_NP_STOP_RE = re.compile(r"[,;:()\u201c\u201d\"]|(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)"
                              r"(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bSt)\.")
_SPLIT_GAP_RE = re.compile(r"[^.;:!?“”\"]{0,80}[,]\s*")
_THAT_COMMA_RE = re.compile(r"(?:that|,)\s")
_AUX_VERB_RE = re.compile(r"\b(?:is|are|was|were|will|would|could|can|should|may|might|must|has|have|had|"
                          r"did|does|do)\b")
_DASH_ATTR_RE = re.compile(r"[ \u00a0]{0,3}[—–-][ \u00a0]{0,3}")


# --------------------------------------------------------------------------------------------
# data holders
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Quote:
    start: int            # content start
    end: int              # content end
    open_pos: int         # offset of the opening mark
    close_pos: int        # offset just past the closing mark (== end when unclosed)
    closed: bool
    para: int
    chain: int = -1       # multi-paragraph chain id
    used: bool = False


@dataclass(slots=True)
class _Speaker:
    name: str | None
    type: str
    role: str | None = None
    aff: str | None = None
    mstart: int | None = None
    mend: int | None = None


@dataclass(slots=True)
class _Entity:
    name: str
    type: str
    role: str | None = None
    aff: str | None = None


# --------------------------------------------------------------------------------------------
# quotation marks
# --------------------------------------------------------------------------------------------


def _find_marks(raw: str, ps: int, pe: int, dq: list[int] | None = None, sq: list[int] | None = None
                ) -> list[tuple[int, int | None]]:
    """Pair the quotation marks of one paragraph: (open offset, close offset or None).  `dq` /
    `sq`, when given, are the offsets of all double / single marks of a range holding the
    paragraph (found in one pass per article instead of one per paragraph)."""
    if dq is None:
        marks = [m.start() for m in DQ_RE.finditer(raw, ps, pe)]
    else:
        marks = dq[bisect_left(dq, ps):bisect_left(dq, pe)]
    single = False
    if not marks:
        if sq is None:
            marks = [m.start() for m in SQ_RE.finditer(raw, ps, pe)]
        else:
            marks = sq[bisect_left(sq, ps):bisect_left(sq, pe)]
        single = True
    if len(marks) > MAX_MARKS:
        return []
    out: list[tuple[int, int | None]] = []
    cur: int | None = None
    skip = -1
    for i in marks:
        if i == skip:
            continue
        c = raw[i]
        width = 1
        if single and c == "'" and i + 1 < pe and raw[i + 1] == "'":
            # '' used as a double quotation mark (NYT copy): one mark two characters wide
            width, skip = 2, i + 1
        before = raw[i - 1] if i > ps else " "
        after = raw[i + width] if i + width < pe else " "
        if single and before.isalnum() and after.isalnum():
            continue        # an apostrophe: a letter on both sides
        open_ctx = (i == ps or before in WS or before in "([{—–-/:" or before in OPENERS) and after not in WS
        close_ctx = before not in WS and (i + 1 == pe or after in WS or after in TAIL_PUNCT + ")]}—–-" or
                                          after in CLOSERS)
        if single:
            # a closer-looking mark with no quote open, an opener-looking one inside a quote
            if cur is None and not open_ctx:
                continue
            if cur is not None and not close_ctx:
                continue
        if c in OPENERS and c not in CLOSERS:
            is_open = not (cur is not None and close_ctx and not open_ctx)
        elif c in CLOSERS and c not in OPENERS:
            is_open = cur is None and open_ctx and not close_ctx
        else:  # straight or ambiguous marks
            is_open = cur is None and not (close_ctx and not open_ctx) or (cur is not None and open_ctx
                                                                            and not close_ctx)
        if is_open:
            if cur is not None:
                out.append((cur, None))
            cur = i
        elif cur is not None:
            out.append((cur, i))
            cur = None
    if cur is not None:
        out.append((cur, None))
    return out


def _char_positions(raw: str, chars: str, lo: int, hi: int) -> list[int]:
    """Sorted offsets in raw[lo:hi] of any of `chars` (what a one-class regex scan finds; str.find
    per character is several times faster)."""
    out: list[int] = []
    find = raw.find
    for c in chars:
        i = find(c, lo, hi)
        while i >= 0:
            out.append(i)
            i = find(c, i + 1, hi)
    out.sort()
    return out


def _scan_quotes(raw: str, paras: list[tuple[int, int]]) -> list[_Quote]:
    quotes: list[_Quote] = []
    chain = 0
    prev_unclosed_at_end = False
    lo, hi = paras[0][0], paras[-1][1]
    dq = _char_positions(raw, DOUBLE_QUOTES, lo, hi)
    sq = _char_positions(raw, SINGLE_QUOTES, lo, hi)
    n_dq, n_sq = len(dq), len(sq)
    for pid, (ps, pe) in enumerate(paras):
        i = bisect_left(dq, ps)
        if i == n_dq or dq[i] >= pe:
            i = bisect_left(sq, ps)
            if i == n_sq or sq[i] >= pe:
                # no quotation mark at all (most paragraphs): _find_marks would pair nothing
                prev_unclosed_at_end = False
                continue
        pairs = _find_marks(raw, ps, pe, dq, sq)
        starts_with_open = bool(pairs) and (pairs[0][0] == ps or raw[ps:pairs[0][0]].isspace())
        if prev_unclosed_at_end and starts_with_open and quotes:
            cur_chain = quotes[-1].chain if quotes[-1].chain >= 0 else chain
            quotes[-1].chain = cur_chain
            chain += 1
        else:
            cur_chain = -1
        prev_unclosed_at_end = False
        for k, (o, c) in enumerate(pairs):
            s = o + 1
            if raw[o] == "'" and raw.startswith("'", s):
                s += 1      # a doubled apostrophe opening mark
            if c is not None:
                e, close = c, c + 1
                if raw[c] == "'" and raw.startswith("'", close, pe):
                    close += 1      # a doubled apostrophe closing mark ('' in NYT copy)
                closed = True
            else:
                limit = pairs[k + 1][0] if k + 1 < len(pairs) else pe
                m = INLINE_ATTR_RE.search(raw, s, limit)
                if m:
                    e = m.start()
                else:
                    e = limit
                    if k + 1 == len(pairs):
                        prev_unclosed_at_end = True
                close, closed = e, False
            cs, ce = s, e
            while cs < ce and raw[cs] in WS:
                cs += 1
            while ce > cs and (raw[ce - 1] in WS or (not closed and raw[ce - 1] in OPENERS + CLOSERS)):
                ce -= 1
            if ce > cs and raw[ce - 1] == ",":
                ce -= 1
            if ce <= cs:
                continue
            q = _Quote(cs, ce, o, close, closed, pid)
            if k == 0 and cur_chain >= 0:
                q.chain = cur_chain
            quotes.append(q)
    return quotes


# --------------------------------------------------------------------------------------------
# names and speakers
# --------------------------------------------------------------------------------------------


_NAME_CONNECTORS = frozenset(["of", "for", "de", "da", "di", "del", "van", "von", "der", "bin", "al", "la", "le",
                              "du", "the"])


@lru_cache(maxsize=65536)
def _clean_offset(t: str) -> int | None:
    """For the text of a NAME_RE match: where the name starts once sentence-initial function
    words ('The', 'But', month names ...) are dropped; None when nothing is left."""
    s, e = 0, len(t)
    while True:
        m = _FIRST_WORD_RE.match(t, s)
        if not m:
            return None
        w = m.group(0)
        if w in CAPS_STOP or w.rstrip(".") in CAPS_STOP or (s and w in _NAME_CONNECTORS):
            # a dropped word takes a following connector with it: 'Shares of Ovid' -> 'Ovid'
            s += len(w)
            while s < e and t[s] in WS:
                s += 1
            continue
        return s


def _names_in(raw: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    for m in NAME_RE.finditer(raw, s, e):
        d = _clean_offset(m.group())
        if d is not None:
            out.append((m.start() + d, m.end()))
    return out


_DAY_WORDS = frozenset(w for w in list(WEEKDAYS) + list(MONTHS) if len(w) > 3)


@lru_cache(maxsize=65536)
def _name_info(t: str) -> tuple[int, str, str, bool, tuple[str, ...], tuple[str, str] | None] | None:
    """What the article's name index needs from the text of one NAME_RE match (cached: the same
    names recur across articles): (offset of the cleaned start, name with plain spaces, name
    without its title, organisation or single word?, first_full keys of its first/last token,
    (surname, 'm'/'f') when a gendered title such as 'Mr.' or 'Ms' opens it)."""
    d = _clean_offset(t)
    if d is None:
        return None
    n = t[d:].replace("\u00a0", " ")
    if n.endswith(" I"):
        return None     # '"In defence of Keith I don't think ...': a name and the pronoun, no full name
    while " " in n and n.rsplit(" ", 1)[1].lower() in _DAY_WORDS:
        n = n.rsplit(" ", 1)[0]     # 'said Sununu Sunday': the name without the day after it
    base, title = _split_title(n)
    tg = None
    tgen = _TITLE_GENDER.get(title.rstrip(".")) if title is not None else None
    if tgen is not None:
        tg = (_POSS_RE.sub("", base.rsplit(" ", 1)[-1]), tgen)
    if _is_org_name(base) or " " not in base:
        if " " in base:
            toks = base.split()
            return d, n, base, True, ("org:" + toks[0], "org:" + toks[-1]), tg
        return d, n, base, True, (), tg
    toks = base.split()
    return d, n, base, False, (toks[0], toks[-1]), tg


@lru_cache(maxsize=65536)
def _canon_parts(name: str) -> tuple[str, str | None, tuple[str, ...]]:
    """What _Ctx.canonical reads from a mention's text (cached: the same names recur across
    articles): the name without its title and possessive, the title, and the name's words."""
    base, title = _split_title(name.replace("\u00a0", " "))
    base = _POSS_RE.sub("", base).strip()
    return base, title, tuple(base.split())


@lru_cache(maxsize=65536)
def _split_title(name: str) -> tuple[str, str | None]:
    """'President Xi Jinping' -> ('Xi Jinping', 'President'); 'Mr. Trump' -> ('Trump', 'Mr')."""
    words = name.split()
    cut = -1
    for i, w in enumerate(words[:-1]):
        if w.rstrip(".") in TITLES or (i + 1 < len(words) - 1 and f"{w} {words[i + 1]}" in TITLES):
            cut = i
    if cut < 0:
        return name, None
    j = cut + 1
    if j < len(words) - 1 and f"{words[cut]} {words[j]}" in TITLES:
        j += 1
    if j < len(words) - 2 and words[j] in ("of", "for"):
        # 'Secretary of State James A. Baker III', 'Secretary of the Treasury Jane Roe'
        k = j + 2 if words[j + 1] != "the" else j + 3
        if k < len(words) and words[k - 1][:1].isupper():
            j = k
    title = " ".join(words[:j])
    rest = " ".join(words[j:])
    if rest and rest.split()[0] in ORG_WORDS:
        return name, None   # 'Justice Department', 'Defense Ministry': an organisation, no title
    return (rest, title) if rest else (name, None)


@lru_cache(maxsize=65536)
def _person_of_org(name: str) -> int:
    """Length of the person's name in 'Jane Doe of Northwind Securities' (0 when the phrase is
    not a two- or three-word personal name followed by 'of' and an organisation)."""
    i = name.find(" of ")
    if i < 0:
        return 0
    left, right = name[:i].split(), name[i + 4:]
    if right.startswith("the ") and right[4:5].isupper():
        right = right[4:]   # 'James Zogby of the Arab American Institute'
    if not 2 <= len(left) <= 3 or not right[:1].isupper() or right.startswith("the "):
        return 0
    for w in left:
        if w in ORG_WORDS or w in CAPS_STOP or w.rstrip(".") in TITLES or w in PLACE_FIRST or \
                w.isupper() or not w[:1].isupper():
            return 0
    return i if len(right.split()) <= 5 else 0


@lru_cache(maxsize=65536)
def _person_after_role(name: str) -> int:
    """Offset of the personal name in a capitalised run 'ORG ROLE First Last' ('FBI Director Louis
    Freeh', 'Apple CEO Tim Cook'); 0 when the run is not a role word followed by a two- or
    three-word personal name."""
    toks = name.split()
    if len(toks) < 3:
        return 0
    for j in range(len(toks) - 3, -1, -1):
        w = toks[j].rstrip(".,")
        if w.lower() in ROLES and (w[:1].isupper() or w.isupper()):
            tail = toks[j + 1:]
            if not 2 <= len(tail) <= 3 or any(
                    t in ORG_WORDS or t.isupper() or not t[:1].isupper() or t.lower() in ROLES or t in CAPS_STOP
                    for t in tail):
                return 0
            return len(" ".join(toks[:j + 1])) + 1 if name.startswith(" ".join(toks[:j + 1])) else 0
    return 0


_NAME_SUFFIXES = frozenset(["II", "III", "IV", "JR", "SR"])


@lru_cache(maxsize=65536)
def _is_org_name(name: str) -> bool:
    words = name.replace("\u00a0", " ").split()
    for w in words:
        if w in ORG_WORDS or w.rstrip(".,") in ORG_WORDS:
            return True
        if len(w) >= 2 and w.isupper() and not _INITIALS_RE.fullmatch(w) and w not in _NAME_SUFFIXES:
            return True
    return any(w in ("of", "for") for w in words)


def _named(name: str | None) -> bool:
    return bool(name) and name[0].isupper() and not name.lower().startswith(("the ", "a ", "an "))


def _org_candidate(base: str, ctx: _Ctx) -> bool:
    """A capitalised name that may be the organisation 'the company' / 'it' refers to."""
    toks = base.split()
    if not toks or (len(toks[0]) <= 2 and toks[0].isupper()):
        return False
    if base in US_STATES or base + "." in US_STATES or base.lower() in COUNTRIES:
        return False    # '..., Round Rock, Texas, the company said': a place is not the company
    if base.lower() in MONTHS or base.lower() in WEEKDAYS:
        return False    # 'debentures due Oct. 15': a date
    if len(toks) == 1:
        w = toks[0]
        if w in ctx.first_full or w.endswith(("ese", "ian", "ean", "ish", "ians", "eans")) or "-" in w:
            return False    # 'Chinese', 'Indonesians': a nationality, not an organisation
        if w.rstrip(".") in TITLES or w.lower() in ROLES:
            return False    # 'President and CEO Daisy Veerasingham': a title, not an organisation
        low = w.lower()
        if low != w and f" {low} " in ctx.raw:
            return False    # 'Oil prices rose ...' when the article also writes 'crude oil ': a common word
        return True
    return _is_org_name(base)


def _singular(w: str) -> str:
    return _PLURAL_ROLE.get(w, w)


_HEADING_SMALL = frozenset(["a", "an", "the", "and", "or", "of", "for", "in", "on", "at", "to", "by", "with",
                            "as", "vs", "vs.", "from", "into", "over", "amid", "after", "&", "-", "–", "—", "|"])


def _is_heading(raw: str, ps: int, pe: int) -> bool:
    """True for a standalone title-case subheading line: 2-12 words, no sentence punctuation or
    quotation marks, every word but short function words capitalised."""
    if pe - ps > 120:
        return False
    line = raw[ps:pe].strip()
    if not line or line[-1] in ".!?:;,\"”’'" or any(c in line for c in "“”\""):
        return False
    words = line.split()
    if not 2 <= len(words) <= 12:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _HEADING_SMALL for w in words)


def _name_runs(raw: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges NAME_RE scans for the name index: the paragraphs, headings left out, with
    neighbours joined where only whitespace holding a line break separates them (no name match
    or look-around can cross such a gap, so one scan of the joined range finds exactly what one
    scan per paragraph finds)."""
    out: list[list[int]] = []
    for ps, pe in paras:
        if _is_heading(raw, ps, pe):
            continue   # a subheading line names no speaker ('Washington Escalates Chip Restrictions')
        if out:
            gap = raw[out[-1][1]:ps]
            if gap and "\n" in gap and not gap.strip():
                out[-1][1] = pe
                continue
        out.append([ps, pe])
    return [(a, b) for a, b in out]


class _Ctx:
    """Per-article state: the name index and the entities quoted so far."""

    def __init__(self, art: Article, paras: list[tuple[int, int]]):
        self.raw = art.raw
        self.paras = paras
        self.in_participle = False   # guards the participle-subject look-up against re-entry
        self.para_starts = [ps for ps, _pe in paras]
        self.entities: dict[str, _Entity] = {}
        self.ent_tokens: dict[str, str] = {}            # first/last token -> entity name (latest)
        self.history: list[tuple[int, _Speaker]] = []   # (position, speaker) of attributed quotes
        self.mod_cache: dict[int, tuple[str | None, str | None, bool]] = {}   # see _modifiers
        self.genders: dict[str, str | None] = {}
        self.acronyms: dict[str, str] | None = None

    _INDEX = frozenset(["names", "name_starts", "first_full", "org_count", "first_pos", "title_gender"])

    def __getattr__(self, attr: str):
        # the name index is built on first use: an article with no usable cue and no quotation
        # never needs it (__getattr__ runs only while the attribute is missing)
        if attr in _Ctx._INDEX:
            self._build_index()
            return self.__dict__[attr]
        raise AttributeError(attr)

    def _build_index(self) -> None:
        """The article's name index: every NAME_RE name in the body paragraphs (headings left
        out) with its first full mention, organisation counts and title genders."""
        self.names: list[tuple[int, int, str]] = []
        self.first_full: dict[str, tuple[str, int]] = {}   # token -> (full person name, offset)
        self.org_count: dict[str, int] = {}
        self.first_pos: dict[str, tuple[int, int]] = {}
        self.title_gender: dict[str, str] = {}    # surname -> 'm'/'f' from 'Mr. Rowe', 'Ms Lee' ...
        names, first_full, org_count, first_pos = self.names, self.first_full, self.org_count, self.first_pos
        title_gender = self.title_gender
        finditer = NAME_RE.finditer
        name_info = _name_info
        add = names.append
        raw = self.raw
        for lo, hi in _name_runs(raw, self.paras):
            for m in finditer(raw, lo, hi):
                info = name_info(m[0])
                if info is None:
                    continue
                d, n, base, org_like, keys, tg = info
                if tg is not None and tg[0] not in title_gender:
                    title_gender[tg[0]] = tg[1]
                a = m.start() + d
                b = a + len(n)      # the name may end before the match ('Sununu Sunday')
                add((a, b, n))
                if base not in first_pos:
                    first_pos[base] = (a, b)
                if org_like:
                    org_count[base] = org_count.get(base, 0) + 1
                for key in keys:
                    if key not in first_full:
                        first_full[key] = (base, a)
        self.name_starts = [a for a, _b, _n in names]

    # ---- resolution ------------------------------------------------------------------------
    def canonical(self, name: str, pos: int) -> tuple[str, str, str | None]:
        """(canonical name, type, title) for a named mention."""
        base, title, toks = _canon_parts(name)
        if not toks:
            return name, "organization", title
        if base in self.entities:
            return base, self.entities[base].type, title
        m = _SUBUNIT_RE.match(base) if " of " in base else None
        if m is not None:
            # 'Policy Board of the BoJ', 'Monetary Policy Committee of the Bank of England': the body
            body = m[1]
            if " " not in body and 3 <= len(body) <= 6 and sum(c.isupper() for c in body) >= 2:
                body = self.acronym(body) or body     # 'the BoJ' -> 'Bank of Japan' when the article has it
            return self.canonical(body, pos)[0], "organization", title
        if len(toks) == 1 and 3 <= len(base) <= 6 and base[:1].isupper() and not base.isupper() and \
                not base[1:].islower() and base.isalpha():
            # a mixed-case abbreviation ('BoJ', 'PBoC') is never a brand name: the full name when
            # the article gives it (all-caps ones such as 'SMIC' often are the usual name: kept)
            full = self.acronym(base)
            if full:
                return full, "organization", title
        if len(toks) == 1 and toks[0] in self.ent_tokens:
            ent = self.entities[self.ent_tokens[toks[0]]]
            return ent.name, ent.type, title
        if len(toks) == 1:
            if toks[0] in self.first_full:
                return self.first_full[toks[0]][0], "person", title
            return base, "person" if title else "organization", title
        if _is_org_name(base):
            return base, "organization", title
        return base, "person", title

    def acronym(self, abbr: str) -> str | None:
        """The organisation an acronym stands for in this article ('BoJ', 'BOJ' -> 'Bank of Japan'):
        a multi-word name whose word initials spell it, case aside."""
        if self.acronyms is None:
            acr: dict[str, str] = {}
            for base in self.first_pos:
                words = base.split()
                if 2 <= len(words) <= 6 and _is_org_name(base):
                    acr.setdefault("".join(w[0] for w in words if w[:1].isalpha()).lower(), base)
                    acr.setdefault("".join(w[0] for w in words if w[:1].isupper()).lower(), base)
            self.acronyms = acr
        return self.acronyms.get(abbr.lower())

    def entity(self, name: str, typ: str) -> _Entity:
        ent = self.entities.get(name)
        if ent is None:
            ent = self.entities[name] = _Entity(name, typ)
            et = name.split()
            if et and name[:1].isupper():
                self.ent_tokens[et[0]] = name
                self.ent_tokens[et[-1]] = name
            self._describe_first(ent)
        return ent

    def _describe_first(self, ent: _Entity) -> None:
        """Role and affiliation from the first full mention of a name anywhere in the article."""
        pos = self.first_pos.get(ent.name)
        if pos is None:
            return
        a, b = pos
        i = bisect_left(self.name_starts, a)
        n = self.names[i][2] if i < len(self.names) else ent.name
        role, aff = _modifiers(self.raw, a, b, self)
        if not role:
            role, aff2 = _apposition(self.raw, b, self.para_end(b))
            aff = aff or aff2
        _, title = _split_title(n)
        ent.role = ent.role or role or title
        ent.aff = ent.aff or (aff if aff != ent.name else None)

    def para_end(self, pos: int) -> int:
        i = bisect_right(self.para_starts, pos) - 1
        if i >= 0 and pos < self.paras[i][1]:
            return self.paras[i][1]
        return len(self.raw)

    def gender(self, name: str) -> str | None:
        """'m', 'f' or None for a person as this article shows it: a gendered title before the
        surname anywhere ('Mr. Rhodes', 'Ms Lee'), else the first he/his/him or she/her right after
        the first full mention ('Jane Roe ... She said')."""
        g = self.genders.get(name, "?")
        if g != "?":
            return g
        g = None
        toks = name.split()
        if toks:
            g = self.title_gender.get(toks[-1])
            if g is None and len(toks) >= 2:
                g = FIRST_NAME_GENDER.get(toks[0])      # 'Madeleine Albright'
            if g is None:
                pos = self.first_pos.get(name)
                if pos is not None:
                    before = self.raw[max(0, pos[0] - 3):pos[0]].rstrip(" \u00a0")
                    m = None
                    if before == "" or before[-1] in ".!?\n\"“":     # the mention opens its sentence
                        m = _GENDER_PRONOUN_RE.search(self.raw, pos[1], min(len(self.raw), pos[1] + 200))
                    if m is not None and not any(
                            " " in n and not _is_org_name(n) for _a, _b, n in
                            self.names[bisect_right(self.name_starts, pos[0]):
                                       bisect_left(self.name_starts, m.start())]):
                        # the first he/his/him or she/her after it, no other personal name between
                        g = "m" if m[0].lower() in ("he", "his", "him") else "f"
        self.genders[name] = g
        return g

    def last_speaker_pos(self, name: str, pos: int) -> int:
        """Offset of the latest quote attributed to `name` before pos (-1 if none)."""
        for p, sp in self.history[-60:][::-1]:
            if p <= pos and sp.name == name:
                return p
        return -1

    def last_speaker(self, pos: int, types: tuple[str, ...] | None = None, window: int = 3000,
                     gender: str | None = None) -> _Speaker | None:
        best = None
        bad: set[str] = set()
        while True:
            for p, sp in self.history[-60:]:
                if p > pos or pos - p > window or not sp.name or (types is not None and sp.type not in types):
                    continue
                if (best is None or p >= best[0]) and sp.name not in bad:
                    best = (p, sp)
            if best is None or gender is None or self.gender(best[1].name) in (gender, None) or len(bad) > 4:
                break
            # the latest speaker is of the other gender: the latest one that agrees
            bad.add(best[1].name)
            best = None
        return best[1] if best else None

    def last_person_mention(self, pos: int, role: str | None = None, gender: str | None = None) -> str | None:
        if role:
            for ent in list(self.entities.values())[-30:][::-1]:
                if ent.type == "person" and ent.role and role in ent.role.lower():
                    return ent.name
        i = bisect_left(self.name_starts, pos)
        for a, _b, n in self.names[max(0, i - 40):i][::-1]:
            base, _t = _split_title(n)
            toks = base.split()
            if not toks or toks[-1] in NONPERSON_HEADS:
                continue
            if len(toks) == 1:
                # a bare surname stands for a person only when the article named that person in full
                full = self.first_full.get(_POSS_RE.sub("", toks[0]))
                if full and " " in full[0] and not _is_org_name(full[0]) and \
                        full[0].split()[-1] not in NONPERSON_HEADS:
                    canon = self.canonical(toks[0], a)[0]
                    if gender is None or self.gender(canon) in (gender, None):
                        return canon
                continue
            if toks[-1].lower() in ROLES:
                continue    # 'to become Chief Whip': a post, not a person
            if not _is_org_name(base) and toks[0] not in PLACE_FIRST:
                canon = self.canonical(base, a)[0]
                if gender is None or self.gender(canon) in (gender, None):
                    return canon
        return None

    def last_org(self, pos: int) -> str | None:
        """The organisation a description ('the company', 'it') most likely stands for: of the
        organisations named in the preceding ~1,000 characters, the one the article names most."""
        best = None
        i = bisect_left(self.name_starts, pos)
        for a, _b, n in self.names[max(0, i - 60):i][::-1]:
            if pos - a > 1000 and best is not None:
                break
            base, _t = _split_title(n)
            if not _org_candidate(base, self) or _before_state(self.raw, _b):
                continue
            canon = self.canonical(base, a)[0]
            if canon in self.entities and self.entities[canon].type != "organization":
                continue
            score = self.org_count.get(base, 0) + self.org_count.get(canon, 0)
            if best is None or score > best[1]:
                best = (canon, score)
        if best:
            return best[0]
        sp = self.last_speaker(pos, ("organization",))
        return sp.name if sp and _named(sp.name) else None


# WORD_RE with the whitespace before each token captured: findall (C-level, no match objects)
# gives (gap, token) pairs from which the offsets follow, exactly the tokens WORD_RE.finditer
# finds (the tokens never hold whitespace and every other character starts one; the possessive
# gap never backtracks)
_GAP_WORD_RE = re.compile(r"(\s*+)(" + WORD_RE.pattern + ")")


def _words(raw: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the WORD_RE tokens of raw[s:e]: what
    ``[(m.start(), m.end(), m[0]) for m in WORD_RE.finditer(raw, s, e)]`` gives, read with
    _GAP_WORD_RE.  Trailing whitespace is cut off first: the scan would retry the gap at every
    position of a whitespace run that no token follows (quadratic in its length)."""
    if s < 0:
        s = 0       # (as the regex reads a negative start)
    if e > len(raw):
        e = len(raw)
    if e > s and raw[e - 1].isspace():
        e = s + len(raw[s:e].rstrip())      # str.isspace is what \s matches
    out = []
    pos = s
    for gap, tok in _GAP_WORD_RE.findall(raw, s, e):
        a = pos + len(gap)
        pos = a + len(tok)
        out.append((a, pos, tok))
    return out


_word_texts = WORD_RE.findall    # (raw, s, e): the texts of _words(raw, s, e)
_HEAD_WORDS = 16


def _words_head(raw: str, s: int, e: int, n: int) -> list[tuple[int, int, str]]:
    """The first n items of _words(raw, s, e), without tokenizing the rest of the window."""
    return [(m.start(), m.end(), m[0]) for m in islice(WORD_RE.finditer(raw, s, e), n)]


# first words of the two-word roles and plurals ('chief executive', 'vice presidents')
_ROLE_FIRST_WORDS = frozenset(k.split(" ")[0] for k in _PLURAL_ROLE if k.count(" ") == 1)


def _role_in(words: list[str]) -> tuple[int, int] | None:
    """(first, last) index of the role phrase in lower-case words (modifiers + role noun)."""
    n = len(words)
    for i, w in enumerate(words):
        lw = w.lower().strip(",.")
        # 'two in ROLES or _singular(two) in ROLES' is 'two in _PLURAL_ROLE' (its keys are the
        # roles and their plurals, its values roles), and two (one space) can be a key only when
        # lw opens a two-word key
        if lw in _ROLE_FIRST_WORDS and i + 1 < n and f"{lw} {words[i + 1].lower()}" in _PLURAL_ROLE:
            last = i + 1
        elif lw in _PLURAL_ROLE:
            last = i
        else:
            continue
        first = i
        while first > 0 and words[first - 1][:1].islower() and words[first - 1].lower() not in DETERMINERS \
                and words[first - 1].lower() not in BOUNDARY_WORDS and i - first < 3:
            first -= 1
        return first, last
    return None


def _modifiers(raw: str, a: int, b: int, ctx: _Ctx | None) -> tuple[str | None, str | None]:
    """Role and affiliation written before a name: 'Canalys analyst X', 'Rosenblatt Securities' X',
    'founder and CEO X', 'Citi analysts led by X', 'its chairman X'.  The words before the name
    are read once per article and position (``ctx.mod_cache``); only 'its' consults the context."""
    if ctx is None:
        role, aff, its = _modifiers_pre(raw, a)
    else:
        got = ctx.mod_cache.get(a)
        if got is None:
            got = ctx.mod_cache[a] = _modifiers_pre(raw, a)
        role, aff, its = got
    if its and not aff and ctx is not None:
        aff = ctx.last_org(a)   # 'its chairman X': the organisation the article is about
    return role, aff


_BOUNDARY_NOT_AND = BOUNDARY_WORDS - {"and"}


def _last_word_before(raw: str, a: int) -> str | None:
    """The last token _modifiers_pre would read before offset a (the last WORD_RE token of the
    last whitespace-delimited chunk), or None when that chunk is not wholly within the 50
    characters before a (then only the full reading is exact)."""
    floor = max(0, a - 50)
    i = a
    while i > floor and raw[i - 1].isspace():
        i -= 1
    if i <= floor:
        return None
    chunk = raw[floor:i].rsplit(None, 1)[-1]     # the last whitespace-free chunk (C-level split)
    j = i - len(chunk)
    if j > 0 and not raw[j - 1].isspace():
        return None
    if chunk.isascii():
        # the last WORD_RE token of a whitespace-free ASCII chunk, read directly: a trailing run
        # of [A-Za-z0-9_'.&-] from its first letter or digit (one token up to 61 characters),
        # else the chunk's last character
        run = chunk[len(chunk.rstrip(_RUN_CHARS)):]
        tok = run.lstrip("_'.&-")
        if not tok:
            return chunk[-1]
        if len(tok) <= 61:
            return tok
    return _words(raw, j, i)[-1][2]


_RUN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.&-"


def _modifiers_pre(raw: str, a: int) -> tuple[str | None, str | None, bool]:
    """_modifiers without the context: (role, affiliation, whether an 'its' asks for the
    organisation in context when no affiliation was written)."""
    t = _last_word_before(raw, a)
    if t is not None and t not in ("’", "'", "’s", "'s") and not (_POSS_RE.search(t) and t[:1].isupper()) \
            and t.lower() not in ("by", "its") and not (
                (t[:1].islower() or t.upper() == t and t.isalpha() and len(t) <= 4)
                and t.lower() not in _BOUNDARY_NOT_AND and t not in ",;:"):
        # the common case (~90%): the word before the name ends the walk back at once ('said',
        # ',', 'The', 'Smith'), so no pre-modifier, possessive or 'led by' can follow: what the
        # full reading below returns, read from one chunk instead of 50-80 characters
        return None, None, False
    lo = max(0, a - 80)
    ws = None
    if a - lo > 50:
        # the words read below are at most the last 8: a 50-character window usually holds them
        ws = _words(raw, a - 50, a)
        if len(ws) - 8 < _chunk_floor(raw, ws):
            ws = None
    if ws is None:
        ws = _words(raw, lo, a)
    if not ws:
        return None, None, False
    toks = [w for _, _, w in ws]
    # possessive organisation right before the name
    if toks and toks[-1] in ("’", "'", "’s", "'s"):
        names = _names_in(raw, lo, ws[-1][0])
        if names and names[-1][1] == ws[-1][0]:
            return None, raw[names[-1][0]:names[-1][1]], False
    if toks and _POSS_RE.search(toks[-1]) and toks[-1][:1].isupper():
        names = _names_in(raw, lo, a)
        if names and 0 <= ws[-1][1] - names[-1][1] <= 2:
            return None, raw[names[-1][0]:names[-1][1]], False
        return None, _POSS_RE.sub("", toks[-1]), False
    # 'led by' / 'including'
    j = len(toks)
    if j >= 2 and toks[-2].lower() == "led" and toks[-1].lower() == "by":
        j -= 2
    k = j
    while k > 0 and j - k < 5 and (toks[k - 1][:1].islower() or toks[k - 1].upper() == toks[k - 1]
                                   and toks[k - 1].isalpha() and len(toks[k - 1]) <= 4) \
            and toks[k - 1].lower() not in _BOUNDARY_NOT_AND and toks[k - 1] not in ",;:":
        k -= 1
    pre = toks[k:j]
    while pre and pre[0].lower() in DETERMINERS:
        pre = pre[1:]
    role = aff = None
    if pre:
        r = _role_in(pre)
        if r:
            first = r[0]
            while first > 0 and pre[first - 1].lower() in ("and", "chief", "senior", "executive") or \
                    first > 1 and pre[first - 1] == "and":
                first -= 1
            role = " ".join(pre[first:r[1] + 1])
    # affiliation: a capitalised name right before the pre-modifiers ('Canalys analyst')
    if k > 0 and (role or (j < len(toks))):
        names = _names_in(raw, lo, ws[k][0] if k < len(ws) else a)
        if names and raw[names[-1][1]:ws[k][0] if k < len(ws) else a].strip() == "":
            n = raw[names[-1][0]:names[-1][1]]
            if n.split()[-1] not in TITLES:
                aff = _POSS_RE.sub("", n)
    its = (k > 0 and toks[k - 1].lower() == "its") or bool(role and any(t.lower() == "its" for t in toks[k:j]))
    return role, aff, its


APPOS_STOP = re.compile(r"[,.;:()\[\]“”\"—–]|\bwho\b|\bwhich\b|\bthat\b")


def _apposition(raw: str, b: int, limit: int) -> tuple[str | None, str | None]:
    """', a veteran analyst who ...' / ', chief analyst at tech consultancy Omdia' after a name."""
    i = b
    while i < limit and raw[i] in " \u00a0":
        i += 1
    if i >= limit or raw[i] not in ",(":
        return None, None
    seg_end = min(limit, i + 160)
    m = APPOS_STOP.search(raw, i + 1, seg_end)
    end = m.start() if m else seg_end
    ws = _word_texts(raw, i + 1, end)
    while ws and ws[0].lower() in DETERMINERS:
        ws = ws[1:]
    if not ws or len(ws) > 14:
        return None, None
    r = _role_in(ws[:6])
    if not r:
        return None, None
    role = " ".join(ws[r[0]:r[1] + 1])
    aff = None
    rest = ws[r[1] + 1:]
    if rest and rest[0].lower() in ("at", "of", "with", "for", "from"):
        caps = []
        for w in rest[1:]:
            if w[:1].isupper() or (caps and w in ("of", "for", "and", "&")):
                caps.append(w)
            elif caps:
                break
        if caps:
            aff = _POSS_RE.sub("", " ".join(caps))
    elif ws and ws[0][:1].isupper() and r[0] > 0:
        # ', Omdia analyst' style
        aff = " ".join(w for w in ws[:r[0]] if w[:1].isupper()) or None
    return role, aff


def _describe(ctx: _Ctx, s: int, e: int, sent_start: int, content: tuple[int, int] | None = None,
              ws: list[tuple[int, int, str]] | None = None) -> _Speaker | None:
    """The speaker named by the noun phrase raw[s:e] (a subject or an 'according to' object);
    `ws`, when given, is _words(raw, s, e) already read."""
    raw = ctx.raw
    if ws is None:
        ws = _words(raw, s, e)
    while ws and (ws[0][2].lower() in LEADING_CONJ or ws[0][2] in ",;:" or len(ws) > 1 and (
            ws[0][2].lower() in _LEAD_ADVERBS and ws[1][2].lower() in PRONOUNS)):
        ws = ws[1:]       # 'Later he said', 'Earlier she told'
    while ws and ws[-1][2] in ",;:.":
        ws = ws[:-1]
    if not ws or len(ws) > 14:
        return None
    s, e = ws[0][0], ws[-1][1]
    if len(ws) == 1:
        w1 = ws[0][2]
        if (w0 := w1.lower()) in PRONOUNS:
            return _pronoun(ctx, w0, s, e, content, sent_start)
        if len(w1) > 5 and w1[:1].isupper() and w0.endswith("ing") and \
                raw[max(0, s - 3):s].rstrip(" \u00a0")[-1:] in ("", ".", "!", "?", "\n", "”", '"'):
            # 'Having announced that ..., Judge Berman proceeded': the participle opens the
            # sentence, the subject follows its clause (once: the subject found may be this word)
            if ctx.in_participle:
                return None
            ctx.in_participle = True
            try:
                return _sentence_subject(ctx, s, min(len(raw), s + 200))
            finally:
                ctx.in_participle = False
        grp = w1 in _GROUP_ANY
    else:
        grp = len(ws) <= 16 and not _GROUP_ANY.isdisjoint([w for _x, _y, w in ws])
    if grp:
        g = _group_speaker(ctx, ws)
        if g is not None:
            return g
    names = _names_in(raw, s, e)
    if names and raw[names[-1][0]:names[-1][1]].lower() in ROLES and ws[0][2].lower() in DETERMINERS:
        return _descriptive(ctx, ws, s, e, sent_start)      # 'the CEO', 'the CFO'
    if len(names) >= 2 and raw[names[-2][1]:names[-1][0]] == " and " and " of " in raw[names[-2][0]:names[-2][1]]:
        names[-2:] = [(names[-2][0], names[-1][1])]   # 'Bureau of Industry and Security'
    titled = _titled_for(raw, names[0][0], names[0][1]) if names and names[0][0] == s else 0
    if titled:
        # 'Representative Jane Doe for Washington's 5th district': the titled person; the
        # 'for/of/from ...' tail is an apposition naming what the person represents
        names = [(names[0][0], names[0][0] + titled)]
    # a name followed by lower-case words: possessor or pre-modifier of a description
    if names:
        a, b = names[-1]
        after = [] if titled else [w for (x, _, w) in ws if x >= b and w not in ("’", "'", "’s", "'s")]
        desc = _role_in(after) if after else None
        if after and (desc or any(w.lower() in ORG_NOUNS for w in after)):
            return _descriptive(ctx, ws, s, e, sent_start, aff=_POSS_RE.sub("", raw[a:b]))
        if after and not desc:
            # 'Xiaomi’s US suppliers' etc.: not a speaker phrase
            if any(w[:1].islower() for w in after):
                return None
        name = raw[a:b]
        if name.lower() in PRONOUNS:
            return _pronoun(ctx, name.lower(), a, b, content, sent_start)
        pre_w = [w for (x, _, w) in ws if x < a]
        if len(pre_w) >= 3 and pre_w[0].lower() in ("a", "an") and pre_w[-1] in ("for", "at", "of", "with") \
                and _role_in(pre_w[1:-1]) and not raw[max(0, s - 3):s].rstrip().endswith(","):
            # 'said a spokeswoman for Delta Foods': an unnamed person speaking for the organisation
            r = _role_in(pre_w[1:-1])
            role = " ".join(pre_w[1 + r[0]:2 + r[1]])
            return _Speaker(raw[s:b].replace("\u00a0", " "), "anonymous", role, _POSS_RE.sub("", name), s, b)
        of_aff = None
        n_person = _person_of_org(name)
        if n_person:
            # 'Jane Doe of Northwind Securities': the person, with the firm as affiliation
            of_aff, b = name[n_person + 4:], a + n_person
            if of_aff.startswith("the "):
                of_aff = of_aff[4:]
            name = raw[a:b]
        k_person = _person_after_role(name)
        role_aff: tuple[str | None, str | None] = (None, None)
        if k_person:
            # 'FBI Director Louis Freeh', 'Puerto Rico Police Superintendent Pedro Toledo': the
            # person, with the role word and the organisation before it
            head = name[:k_person].split()
            role_aff = (head[-1], " ".join(head[:-1]) or None)
            a += k_person
            name = raw[a:b]
        canon, typ, title = ctx.canonical(name, a)
        role, aff = _modifiers(raw, a, b, ctx)
        if k_person and not role:
            role, aff = role_aff[0], aff or role_aff[1]
        aff = aff or of_aff
        pre = [w.lower() for (x, _, w) in ws if x < a]
        if any(_singular(w) in ORG_NOUNS and ORG_NOUNS[_singular(w)] != "document" for w in pre) and \
                not role:
            typ = "organization"
        ent = ctx.entity(canon, typ)
        if role and not ent.role:
            ent.role = role
        if aff and not ent.aff and aff != canon:
            ent.aff = aff
        if title and not ent.role:
            ent.role = title
        if not ent.role and not ent.aff:
            r2, a2 = _apposition(raw, b, ctx.para_end(b))
            ent.role, ent.aff = r2, a2
        return _Speaker(ent.name, ent.type, ent.role, ent.aff, a, b)
    return _descriptive(ctx, ws, s, e, sent_start)


_GROUP_POST_STOP = frozenset(["said", "says", "told", "that", "which", "is", "are", "was", "were", "has",
                              "have", "had", "will", "would", ",", ";", ":", "(", ")", "“", "”", '"'])


_GROUP_PARTICIPLES = frozenset(["polled", "surveyed", "contacted", "interviewed", "quoted", "cited", "consulted",
                                 "briefed"])
_GROUP_BOUNDARY = frozenset(["at", "from", "of", "with", "for", "in", "by", "who"])
def _group_before(raw: str, a: int, b: int) -> int:
    """End offset of a group noun in the last words of raw[a:b] when raw[a:b] ends with 'GROUP_NOUN
    at ', 'GROUP_NOUN polled by ', 'GROUP_NOUN in Iowa who ' ... (see _group_speaker); -1 otherwise."""
    t = raw[a:b].split()
    if len(t) < 2 or t[-1].lower() not in _GROUP_BOUNDARY:
        return -1
    for k in range(len(t) - 2, max(-1, len(t) - 8), -1):
        w = t[k]
        lw = w.lower()
        if lw in GROUP_NOUNS:
            pos = raw.rfind(w, a, b)    # the words after it are names, prepositions, participles
            return pos + len(w) if pos >= 0 else -1
        if not (w[:1].isupper() or lw in _GROUP_BOUNDARY or lw in _GROUP_PARTICIPLES or lw in ("the", "a")):
            return -1
    return -1


def _group_speaker(ctx: _Ctx, ws: list[tuple[int, int, str]]) -> _Speaker | None:
    """An unnamed group subject: [quantifier] [<= 4 modifiers] GROUP_NOUN [post-modifier <= 10 words]
    ('Many analysts', 'Some USDP members', 'analysts at Citi', 'Analysts polled by Reuters', 'those
    surveyed') -> anonymous speaker named by the phrase without its quantifier."""
    n = len(ws)
    low = [w.lower() for _x, _y, w in ws]
    i = 0
    while i < n and (low[i] in GROUP_QUANT or low[i].isdigit()) and i < 5:
        i += 1
    if i < n and low[i] == "those" or (i > 0 and low[i - 1] == "those" and i < n and low[i] in GROUP_THOSE):
        h = i if low[i] == "those" else i - 1
        if h + 1 >= n or low[h + 1] not in GROUP_THOSE:
            return None
        post_from, i = h + 1, h
    else:
        h = i
        while h < n and h - i <= 4 and low[h] not in GROUP_NOUNS:
            w = ws[h][2]
            if not (w[:1].isalnum() and low[h] not in BOUNDARY_WORDS and low[h] not in GROUP_POST):
                return None
            h += 1
        if h >= n or low[h] not in GROUP_NOUNS:
            return None
        post_from = h + 1
    post = low[post_from:]
    if post and (post[0] not in GROUP_POST or len(post) > 10 or any(w in _GROUP_POST_STOP for w in post[1:])):
        return None
    raw = ctx.raw
    s, e = ws[i if i < n else h][0], ws[-1][1]
    if low[i] == "the" or low[max(0, i - 1)] == "the" and i > 0:
        s = ws[i][0]
    aff = None
    if post:
        nm = _names_in(raw, ws[post_from][1], e)
        if nm:
            aff = _POSS_RE.sub("", raw[nm[0][0]:nm[-1][1]])
    if aff is None and h > i:
        nm = _names_in(raw, ws[i][0], ws[h - 1][1])      # 'Barclays analysts', 'USDP members'
        if nm:
            aff = _POSS_RE.sub("", raw[nm[0][0]:nm[-1][1]])
    head = low[h]
    role = _PLURAL_ROLE.get(head)
    return _Speaker(raw[s:e].replace("\u00a0", " "), "anonymous", role, aff, s, e)


_LEAD_ADVERBS = frozenset(["later", "earlier", "previously", "recently", "today", "yesterday", "now", "then",
                           "still", "again", "instead", "afterwards", "afterward", "separately", "also"])
_DATA_VERBS = frozenset(["show", "shows", "showed", "shown", "found", "indicate", "indicates", "indicated"])


def _document_subject(raw: str, s: int, e: int, text: str | None = None) -> bool:
    """True when the noun phrase raw[s:e] (or ``text``) has a data/document noun ('a CBS News poll',
    'Reuters calculations', 'Studies over the years')."""
    words = text.split() if text is not None else _word_texts(raw, s, min(e, s + 120))
    for w in words:
        lw = w.lower()
        for form in (lw, lw[:-1] if lw.endswith("s") else lw, lw[:-3] + "y" if lw.endswith("ies") else lw):
            if ORG_NOUNS.get(form) == "document":
                return True
    return False


_BY_NAME_RE = re.compile(r"[ \u00a0]by[ \u00a0](?=[A-Z])")


def _document_source(ctx: _Ctx, s: int, e: int, se: int) -> _Speaker | None:
    """The source of a poll, survey or document named after 'according to' ('a New York Times/CBS
    News survey released on Thursday' -> New York Times/CBS News; 'a declaration filed in court by
    John F. Hackett' -> John F. Hackett; 'recent polling' -> the phrase itself, anonymous)."""
    raw = ctx.raw
    ns = [(a, b) for a, b in _names_in(raw, s, e) if not _document_subject(raw, a, b)]
    if ns:
        a, b = ns[0][0], ns[-1][1]
        name = _POSS_RE.sub("", raw[a:b]).replace("\u00a0", " ")
        ent = ctx.entity(name, "organization")
        return _Speaker(ent.name, ent.type, ent.role, ent.aff, a, b)
    m = _BY_NAME_RE.search(raw, e, min(se, e + 80))
    if m is not None and not _SENT_END_RE.search(raw, e, m.start()) and ";" not in raw[e:m.start()]:
        nb = _names_in(raw, m.end(), min(se, m.end() + 60))
        if nb and nb[0][0] == m.end():
            return _describe(ctx, nb[0][0], nb[0][1], s)
    ws = _words(raw, s, e)
    if not ws or len(ws) > 6:
        return None
    return _Speaker(raw[ws[0][0]:ws[-1][1]].replace("\u00a0", " "), "anonymous", None, None, ws[0][0], ws[-1][1])


def _titled_for(raw: str, a: int, b: int) -> int:
    """Length of 'Representative Jane Doe' in 'Representative Jane Doe for Washington’s ...'
    (a title, a 1-4 word personal name, then for/of/from); 0 otherwise."""
    return _titled_len(raw[a:b])


@lru_cache(maxsize=65536)
def _titled_len(name: str) -> int:
    """_titled_for on the name's text (cached: the same names recur across articles)."""
    name = name.replace("\u00a0", " ")
    for conn in (" for ", " of ", " from "):
        i = name.find(conn)
        if i > 0:
            base, title = _split_title(name[:i])
            words = base.split()
            if title and 1 <= len(words) <= 4 and not _is_org_name(base) and \
                    all(w[:1].isupper() and w not in ORG_WORDS and w not in PLACE_FIRST for w in words):
                return i
            return 0
    return 0


_OPENING_WORDS = frozenset(["", "But", "And", "Yet", "So", "Still", "However,", "But,", "And,"])


def _same_sentence_person(ctx: _Ctx, s: int, sent_start: int, g: str) -> str | None:
    """The first person named earlier in the pronoun's own sentence, outside quotation marks, whose
    gender (as the article shows it) agrees: 'Suu Kyi's fate is unclear, but she said ...'."""
    raw = ctx.raw
    i = bisect_left(ctx.name_starts, sent_start)
    if i >= len(ctx.names) or ctx.name_starts[i] >= s:
        return None
    for a, _b, n in ctx.names[i:i + 12]:
        if a >= s:
            break
        if raw[_b - 2:_b] in ("’s", "'s"):
            _b -= 2
        base, _t = _split_title(n)
        base = _POSS_RE.sub("", base).strip()
        toks = base.split()
        if not toks or toks[-1] in NONPERSON_HEADS or toks[0] in PLACE_FIRST or _is_org_name(base) or \
                raw.count("“", sent_start, a) != raw.count("”", sent_start, a) or raw.count('"', sent_start, a) % 2:
            continue
        if not (raw.startswith(("’s", "'s"), _b) or raw[sent_start:a].strip(" \u00a0\"“‘'") in _OPENING_WORDS):
            continue    # only a possessive ('Suu Kyi's fate ...') or the sentence's opening name
        canon, typ, _title = ctx.canonical(base, a)
        if typ != "person" or (len(toks) == 1 and canon == base and not _t):
            continue
        if ctx.gender(canon) in (g, None):
            return canon
    return None


def _subject_since(ctx: _Ctx, a0: int, s: int, g: str) -> str | None:
    """The latest person first named between a0 and s at the start of a sentence whose gender,
    as the article shows it, is g."""
    raw, starts, names = ctx.raw, ctx.name_starts, ctx.names
    i0, i1 = bisect_right(starts, a0), bisect_left(starts, s)
    for k in range(i1 - 1, max(i0, i1 - 8) - 1, -1):
        a, _b, n = names[k]
        before = raw[max(0, a - 3):a].rstrip(" \u00a0")
        if before and before[-1] not in ".!?\n":
            continue
        base = _split_title(n)[0]
        if " " not in base or _is_org_name(base) or ctx.first_pos.get(base, (-1, 0))[0] != a:
            continue
        if ctx.gender(base) == g:
            return base
    return None


def _pronoun(ctx: _Ctx, p: str, s: int, e: int, content: tuple[int, int] | None,
             sent_start: int | None = None) -> _Speaker | None:
    kind = PRONOUNS[p]
    if kind == "self":
        return None
    if kind == "person":
        g = "m" if p in ("he", "him") else "f"
        name = _same_sentence_person(ctx, s, sent_start, g) if sent_start is not None else None
        if name is None:
            sp = ctx.last_speaker(s, ("person",), gender=g)
            name = sp.name if sp else ctx.last_person_mention(s, gender=g)
            if sp is not None and ctx.gender(sp.name) is None:
                # 'Josh Earnest said ... Jane Roe disagreed. She said': a person first named, as a
                # subject, since the last speaker's quote, whose gender the article shows to agree
                other = _subject_since(ctx, ctx.last_speaker_pos(sp.name, s), s, g)
                if other and other != sp.name:
                    name = other
        if not name:
            return _Speaker(None, "person", mstart=s, mend=e)
        ent = ctx.entity(name, "person")
        return _Speaker(ent.name, ent.type, ent.role, ent.aff, s, e)
    if kind == "organization":
        name = None
        if content:
            ns = _names_in(ctx.raw, content[0], min(content[1], content[0] + 60))
            if ns and ns[0][0] - content[0] < 3:
                c, t, _ = ctx.canonical(ctx.raw[ns[0][0]:ns[0][1]], ns[0][0])
                if t == "organization":
                    name = c
        if name is None:
            # 'Toyota ... now projects ... It said': the organisation just quoted, else the one
            # the article names most nearby (as for 'the company')
            sp = ctx.last_speaker(s, ("organization",), window=400)
            name = sp.name if sp is not None and _named(sp.name) and not _is_place(sp.name) else None
        name = name or ctx.last_org(s)
        if not name:
            return None
        ent = ctx.entity(name, "organization")
        return _Speaker(ent.name, ent.type, ent.role, ent.aff, s, e)
    sp = ctx.last_speaker(s, ("anonymous", "organization")) or ctx.last_speaker(s)
    if sp:
        return _Speaker(sp.name, sp.type, sp.role, sp.aff, s, e)
    return _Speaker(None, "anonymous", mstart=s, mend=e)


def _descriptive(ctx: _Ctx, ws: list[tuple[int, int, str]], s: int, e: int, sent_start: int,
                 aff: str | None = None) -> _Speaker | None:
    raw = ctx.raw
    toks = [w for _, _, w in ws]
    low = [w.lower().strip(",.") for w in toks]
    det = low[0] if low and low[0] in DETERMINERS else None
    phrase = raw[s:e]
    if det in ("the", "this", "these", "that", "those"):
        speaker_text = phrase
    else:
        speaker_text = phrase
    r = _role_in(toks)
    org_i = next((i for i, w in enumerate(low) if w in ORG_NOUNS or _singular(w) in ORG_NOUNS), None)
    if r is not None and (org_i is None or r[0] <= org_i or r[1] == len(toks) - 1):
        # (the role is the head: 'a Justice Department spokesman', 'a State Department duty officer')
        head = low[r[1]] if r[1] < len(low) else low[r[0]]
        if r[1] > r[0] and f"{low[r[1] - 1]} {low[r[1]]}" in ROLES:
            head = f"{low[r[1] - 1]} {low[r[1]]}"
        sing = _singular(head)
        plural = sing != head or head in ("people", "authorities")
        role = " ".join(toks[r[0]:r[1] + 1])
        if not plural and det in ("the", "this", "that"):
            name = ctx.last_person_mention(s, sing)
            if name:
                ent = ctx.entity(name, "person")
                ent.role = ent.role or sing
                return _Speaker(ent.name, ent.type, ent.role, ent.aff, s, e)
        if len(toks) > 7:
            return None
        words = toks[1:] if det else toks
        txt = " ".join(words) if plural and det not in ("the",) else speaker_text
        return _Speaker(txt.replace("\u00a0", " "), "anonymous", role, aff, s, e)
    if org_i is not None:
        w = low[org_i]
        cls = ORG_NOUNS.get(w) or ORG_NOUNS.get(_singular(w))
        if cls == "institution" and org_i > 0 and low[org_i - 1] == "news":
            cls = "coref"       # 'the news agency said': the agency the article names, as 'the company'
        if cls == "document" and w in _AUTHORED and aff and org_i > 0 and toks[org_i - 1].endswith(("'s", "’s")):
            # "Veerasingham's email said": the author the possessive names
            name, typ, _t = ctx.canonical(aff, s)
            if typ == "person":
                ent = ctx.entity(name, "person")
                return _Speaker(ent.name, ent.type, ent.role, ent.aff, s, e)
        if w in _MEDIA_HEADS and det == "the" and org_i == len(low) - 1 and aff and _named(aff) and \
                not _is_placename(aff) and not aff.endswith(("ese", "ian", "ean", "ish", "-based")) and \
                aff not in _NATIONALITY_OTHER:
            # 'the Maariv newspaper said', 'the Lloyd's List International newspaper': the outlet it names
            ent = ctx.entity(ctx.canonical(aff, s)[0], "organization")
            return _Speaker(ent.name, ent.type, ent.role, ent.aff, s, e)
        if cls == "coref" and (det in ("the", "this", "that") or _place_possessive(low)):
            # 'Canalys said ... The firm also noted': the organisation just quoted, else the
            # organisation the article names most nearby
            sp = ctx.last_speaker(s, ("organization",), window=400)
            name = sp.name if sp is not None and _named(sp.name) and not _is_place(sp.name) else None
            name = name or ctx.last_org(s)
            if name:
                ent = ctx.entity(name, "organization")
                return _Speaker(ent.name, ent.type, ent.role, ent.aff, s, e)
        if cls == "document" and det in ("the", "this", "that") and w in _AUTHORED and len(toks) <= 3:
            # 'The email said ...': the author of the email the article just mentioned
            sp = _document_author(ctx, w, s)
            if sp is not None:
                return _Speaker(sp.name, sp.type, sp.role, sp.aff, s, e)
        if cls == "institution" and det == "the":
            for n in list(ctx.entities.values())[-30:][::-1]:
                if n.type == "organization" and w in n.name.lower():
                    return _Speaker(n.name, n.type, n.role, n.aff, s, e)
        if (det is None and not aff and len(toks) > 4) or len(toks) > 7:
            return None
        return _Speaker(phrase.replace("\u00a0", " "), "organization", None, aff, s, e)
    return None


_RANK_WORDS = frozenset(["top", "leading", "no.", "number", "dominant", "main", "premier", "foremost"])
US_STATES = frozenset(load_lexicon("quote_us_states.txt"))


_MEDIA_HEADS = frozenset(["newspaper", "paper", "daily", "tabloid", "broadcaster", "magazine", "outlet", "website",
                          "network", "channel"])
_NATIONALITY_OTHER = frozenset(["Dutch", "French", "Greek", "Swiss", "Thai", "Czech", "Iraqi", "Israeli", "Saudi",
                                "Pakistani", "Kuwaiti", "Qatari", "Emirati", "Yemeni", "Omani", "Bangladeshi"])


def _is_placename(name: str) -> bool:
    """A country, a US state ('Calif' as cut from 'Calif.-based' too) or a two-word place."""
    return name in US_STATES or name + "." in US_STATES or name.lower() in COUNTRIES or _is_place(name)


def _before_state(raw: str, b: int) -> bool:
    """Is the name ending at b a city followed by its US state ('Wilmington, Del.')?"""
    if raw[b:b + 2] != ", ":
        return False
    e = b + 2
    while e < len(raw) and e < b + 20 and (raw[e].isalpha() or raw[e] == "."):
        e += 1
    return raw[b + 2:e] in US_STATES or raw[b + 2:e].rstrip(".") in US_STATES or raw[b + 2:e] + "." in US_STATES


def _state_based(w: str) -> bool:
    """'Calif.-based', 'Texas-based': a US state as the first part of a '-based' modifier."""
    return w.endswith("-based") and w[:-6] in US_STATES


COUNTRIES = frozenset(w.lower() for w in load_lexicon("quote_countries.txt"))
_PLACE_POSSESSORS = frozenset(["world", "country", "nation", "region", "city", "state", "island", "continent"]) | \
    COUNTRIES


def _place_possessive(low: list[str]) -> bool:
    """'Japan's top car maker', 'South Korea's largest lender', 'the world's biggest chipmaker':
    a description of an organisation by its rank in a place, which stands for the organisation
    the article is about (an organisation's possessive, 'Xiaomi's supplier', is another matter)."""
    i = 1 if low[:1] == ["the"] else 0
    for k in range(i, min(len(low) - 1, i + 3)):
        w = low[k]
        if w in ("'s", "’s"):
            owner, rank = low[i:k], low[k + 1]
        elif w.endswith(("'s", "’s")):    # the possessive as one token ('Japan’s')
            owner, rank = [*low[i:k], w[:-2]], low[k + 1]
        else:
            continue
        # a rank must follow: 'China's central bank' is an institution of that place, not a rank
        return bool(owner) and " ".join(owner) in _PLACE_POSSESSORS and (
            rank in _RANK_WORDS or rank.endswith("est") and len(rank) > 4)
    return False


# who a speaker tells things to: the whole object of 'told' ('told reporters prices would rise')
_AUDIENCES = frozenset(["reporters", "journalists", "investors", "analysts", "lawmakers", "legislators", "staff",
                        "employees", "workers", "shareholders", "clients", "customers", "parliament", "congress",
                        "television", "radio", "media", "viewers", "listeners", "readers", "delegates",
                        "supporters", "colleagues", "members", "residents", "senators", "parliamentarians",
                        "me", "us", "him", "her", "them"])

# a preposition that opens a quantifier or an adverbial, not a phrase after a pronoun 'that'
_QUANTIFIER_PAIRS = frozenset([("at", "least"), ("at", "most"), ("on", "average"), ("in", "total"), ("in", "fact"),
                               ("by", "far"), ("for", "example"), ("in", "all"), ("over", "time")])

_AUTHORED = frozenset(["email", "e-mail", "emails", "letter", "memo", "note", "post", "tweet", "statement",
                       "blog", "message"])


def _document_author(ctx: _Ctx, noun: str, s: int) -> _Speaker | None:
    """The speaker of the sentence where the article last mentioned `noun` ('In an email to staff,
    chief executive Jane Roe said ... The email said ...'), within ~1,500 characters."""
    raw = ctx.raw
    k = raw.rfind(noun, max(0, s - 1500), s)
    if k < 0:
        return None
    best = None
    for p, sp in ctx.history[-60:]:
        if sp.name and abs(p - k) <= 250 and p < s and (best is None or abs(p - k) < abs(best[0] - k)):
            best = (p, sp)
    return best[1] if best else None


def _chunk_floor(raw: str, ws: list[tuple[int, int, str]]) -> int:
    """Index of the first token of `ws` (words of a window cut at an arbitrary offset) that starts
    a whitespace-delimited chunk: from there on the tokens are those of any wider window (tokens
    never cross whitespace); index 0 is never trusted."""
    for i in range(1, len(ws)):
        if raw[ws[i][0] - 1].isspace():
            return i
    return len(ws)


def _pre_chunk(ctx: _Ctx, lo: int, cs: int) -> tuple[int, int, str]:
    """The subject phrase ending right before a cue: (start, end, boundary) where boundary is the
    text that delimits it on the left ('' at the sentence start, ',' '”' 'with' ...)."""
    return _pre_chunk_ws(ctx, lo, cs)[:3]


def _pre_chunk_ws(ctx: _Ctx, lo: int, cs: int) -> tuple[int, int, str, list[tuple[int, int, str]]]:
    """_pre_chunk and the phrase's words: exactly _words(raw, start, end), read from the window
    already tokenized (tokens from a chunk start on are those of any window holding them)."""
    raw = ctx.raw
    s0 = max(lo, cs - 120)
    if cs - s0 > _PRE_SHORT:
        # most subjects are one or two words ('Smith said', ', he said'): a short window first
        ws = _words(raw, cs - _PRE_SHORT, cs)
        res = _pre_walk(ws, _chunk_floor(raw, ws), lo, cs, strict=True)
        if res is not None:
            return res
    if cs - s0 > 60:
        # most subjects are a few words: read the last 60 characters first, the full window only
        # when the walk back reaches the (possibly cut) first chunk of the short one
        ws = _words(raw, cs - 60, cs)
        res = _pre_walk(ws, _chunk_floor(raw, ws), lo, cs)
        if res is not None:
            return res
    return _pre_walk(_words(raw, s0, cs), 0, lo, cs)


_PRE_SHORT = 24


def _pre_walk(ws: list[tuple[int, int, str]], floor: int, lo: int, cs: int, strict: bool = False
              ) -> tuple[int, int, str, list[tuple[int, int, str]]] | None:
    """_pre_chunk_ws on the window's words; None when it would read a token before `floor`.
    `strict` (the short first window) also gives up where the 'and'-in-a-name rule would look at
    words near the floor, so that its answers are those of the wider windows."""
    j = len(ws)
    while j > 0 and (ws[j - 1][2].lower() in AUX or (ws[j - 1][2] in ",—–" and j < len(ws))):
        if j - 1 < floor:
            return None
        j -= 1
    if floor and j - 1 < floor:
        return None
    end = ws[j - 1][1] if j > 0 else cs
    k = j
    boundary = ""
    while k > 0:
        if k - 1 < floor:
            return None
        w = ws[k - 1][2]
        lw = w.lower()
        if strict and lw == "and" and k < j and k - 5 < floor:
            return None
        if lw == "and" and k < j and k - 2 >= floor and ws[k][2][:1].isupper() and ws[k - 2][2][:1].isupper() \
                and any(x[2] in ("of", "for") for x in ws[max(floor, k - 5):k - 1]):
            # 'the Bureau of Industry and Security': 'and' inside an institution's name
            k -= 1
            continue
        if lw == "and" and k < j and k - 2 >= floor and ws[k][2].lower() in _PLURAL_ROLE and \
                ws[k - 2][2].lower() in _PLURAL_ROLE:
            # 'Li Auto co-founder and president Shen Yanan told': coordinated roles before a name
            k -= 1
            continue
        if w in ",;:()[]—–-" or w in DOUBLE_QUOTES or (w in SINGLE_QUOTES and k - 1 > 0) or lw in BOUNDARY_WORDS:
            boundary = w
            break
        if j - k >= 12:
            return cs, cs, "long", []
        k -= 1
    start = ws[k][0] if k < j else end
    if k == 0 and ws and ws[0][0] > lo + 1 and lo < cs - 120:
        boundary = "long"
    return start, end, boundary, ws[k:j]


def _sent_bounds(art: Article, paras: list[tuple[int, int]], quotes: list[_Quote]
                 ) -> list[tuple[int, int, int]]:
    """Body sentences (start, end, paragraph index), merged where a quote spans a boundary."""
    para_index = {ps: i for i, (ps, _pe) in enumerate(paras)}
    raw = art.raw
    paragraphs = art.paragraphs
    out: list[tuple[int, int, int]] = []
    by_para: dict[int, list[tuple[int, int]]] = {}
    for s, e, pid in art.sentences:
        i = para_index.get(paragraphs[pid][0])
        if i is not None:
            lst = by_para.get(i)
            if lst is None:
                by_para[i] = [(s, e)]
            else:
                lst.append((s, e))
    if "*" in raw and "** " in raw or "•" in raw:     # (single-character tests first: memchr speed)
        # inline bullets ('... said on Tuesday ** China's factory output ...'): each starts a sentence
        for i, lst in by_para.items():
            cut: list[tuple[int, int]] = []
            for s, e in lst:
                for m in _BULLET_SPLIT_RE.finditer(raw, s, e):
                    if m.start() > s:
                        cut.append((s, m.start()))
                    s = m.end()
                cut.append((s, e))
            by_para[i] = cut
    qspans = sorted((q.open_pos, q.close_pos) for q in quotes)
    nq = len(qspans)
    qi = 0
    for i, (ps, pe) in enumerate(paras):
        sents = by_para.get(i)
        if sents is None:
            out.append((ps, pe, i))
            continue
        ms, me = sents[0]
        for s, e in sents[1:]:
            b = me
            while qi < nq and qspans[qi][1] < b:
                qi += 1
            cross = False
            for qo, qc in qspans[qi:qi + 4]:
                if qo < b and qc > b + 1:
                    cross = True
                    break
            if not cross:
                # a quote ended the sentence and the attribution follows in lower case
                c = raw[s] if s < e else ""
                nxt = c if c.isalpha() else raw_first_alpha(raw, s, e)
                cross = nxt is not None and nxt.islower()
            if not cross and raw[me - 1:me] == ")" and _PARTY_TAG_RE.search(raw, max(ms, me - 12), me):
                cross = True    # 'Sen. Rand Paul (R-Ky.) said': the abbreviation ends no sentence
            if not cross and raw[me - 1:me] in _QUOTE_CLOSERS and ("!" in raw[me - 4:me] or "?" in raw[me - 4:me]):
                # '“Here, no one gives up!” Castro declared.': the attribution of a quote that
                # ends in '!' or '?' is no sentence of its own
                cross = _TRAILING_ATTR_RE.match(raw, s, min(e, s + 60)) is not None
            if cross:
                me = e
            else:
                out.append((ms, me, i))
                ms, me = s, e
        out.append((ms, me, i))
    return out


# what may not stand between a quote and the name its attribution gives in an apposition
_APPOS_GAP_STOP_RE = re.compile(r"[.;:!?\u201c\u201d\"]|\b(?:said|says|told|and|but)\b")
_PROMISE_STEMS = ("pledg", "vow", "promis", "threaten", "agree", "refus", "declin", "offer")
_QUOTE_CLOSERS = frozenset("”\"'’")
# a short attribution sentence after a quote: 'Castro declared.', 'said John Smith.', 'he asked.'
_TRAILING_ATTR_RE = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*[ \u00a0]){1,4}|(?:he|she|they|we|I)[ \u00a0])(?:said|says|declared|asked|added|"
    r"told|wrote|insisted|replied|shouted|exclaimed|joked|quipped|cried|yelled|demanded|wondered|recalled)\b"
    r"|(?:said|says|asked|added|wrote|replied)[ \u00a0](?:[A-Z][\w’'.-]*[ \u00a0]?){1,4}[.,]")


def raw_first_alpha(raw: str, s: int, e: int) -> str | None:
    for i in range(s, min(e, s + 8)):
        if raw[i].isalpha():
            return raw[i]
    return None


# --------------------------------------------------------------------------------------------
# the extractor
# --------------------------------------------------------------------------------------------


def _trim(raw: str, s: int, e: int, strip_that: bool = True) -> tuple[int, int]:
    while s < e and (raw[s] in WS or raw[s] in ",;:—–•*"):
        s += 1
    while e > s and (raw[e - 1] in WS or raw[e - 1] in ".,;:—–•*"):
        e -= 1
    if strip_that and raw.startswith("that ", s):
        s += 5
    return s, e


_LEAD_WORDS = PREPS | {"as", "per", "according", "however", "meanwhile", "separately", "also", "still"}


def _lead_only(raw: str, s: int, e: int) -> bool:
    """raw[s:e] is only a short introductory phrase ('As per the cited source', 'In a
    statement'), not a reported clause."""
    ws = raw[s:e].split()
    if not ws or len(ws) > 6:
        return False
    if ws[0].lower().strip(",") not in _LEAD_WORDS:
        return False
    return not _has_verb(raw, s, e)    # 'In May, sales were up 5%, the firm said' is a clause


def _has_verb(raw: str, s: int, e: int) -> bool:
    """raw[s:e] holds a finite verb (an '-ed' word right after a determiner is an adjective:
    'the cited source')."""
    for m in FINITE_RE.finditer(raw, s, e):
        pw = _prev_word(raw, max(s, m.start() - 24), m.start())
        if not (m.group().endswith("ed") and pw and pw.lower() in DETERMINERS):
            return True
    return False


# 'It was reported that ...', 'it has been claimed that ...': reported speech with no speaker
_IMPERSONAL_RE = re.compile(r"[Ii](?<![\w’'-][Ii])t[ \u00a0](?:(?:is|was|had|has)[ \u00a0](?:been[ \u00a0])?"
                            r"(?:widely[ \u00a0]|also[ \u00a0]|previously[ \u00a0])?"
                            r"(reported|claimed|alleged|rumou?red|announced|said|stated|argued)),?[ \u00a0]that[ \u00a0]")
# what _IMPERSONAL_RE needs, read on the letters map (_letters): a cheap necessary condition
_IMPERSONAL_GATE_RE = re.compile(rb" it (?:is|was|had|has) (?:been )?(?:widely |also |previously )?"
                                 rb"(?:reported|claimed|alleged|rumou?red|announced|said|stated|argued) ")
_NESTED_AUX = frozenset(["had", "has", "have", "would", "will", "could", "might", "may", "should", "simply",
                         "also", "never", "always", "repeatedly", "previously", "once"])
_NESTED_BREAK_RE = re.compile(r"[,;:!?\"“”()—–]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\b[A-Z])\.(?!\d)")
_APPOS_TAIL_RE = re.compile(r",[ \u00a0](?:the|a|an)[ \u00a0]")
_ING_TAIL_RE = re.compile(r",[ \u00a0](?!including|according|excluding|notwithstanding)[a-z]{2,20}ing[ \u00a0]")
_CLAUSE_BREAK_RE = re.compile(r"[,;:.!?\"“”()—–]")
_THAT_WORD_RE = re.compile(r"(?<![\w’'-])that ")
_PRESENT_RE = re.compile(r"\b[a-z]{2,20}(?<!’s)(?<!'s)(?<!ss)s\b")


_CLAUSE_OPENERS = frozenset(["once", "until", "unless", "whenever", "essentially", "basically", "instead",
                             "still", "now", "here", "there", "yet", "even", "only", "indeed"])


def _sentence_subject(ctx: _Ctx, ss: int, cs: int) -> _Speaker | None:
    """The name opening the sentence ('However, Trump seemed ..., saying ...'): the subject a
    participle cue reports for."""
    raw = ctx.raw
    ws = _words(raw, ss, min(cs, ss + 60))
    i = 0
    if len(ws) > 2 and ws[0][2].isupper() and ws[0][2].isalpha():
        # a dateline: 'WASHINGTON — Sen. Bernie Sanders ...', 'NEW YORK, May 2 (Reuters) - ...'
        d = next((k for k, (_x, _y, w) in enumerate(ws[:8]) if w in "—–-"), None)
        if d is not None and d + 1 < len(ws):
            ws, i = _words(raw, ws[d + 1][0], min(cs, ws[d + 1][0] + 60)), 0
    while i < len(ws) and i < 4 and (ws[i][2].lower() in LEADING_CONJ or ws[i][2] in ",;:"):
        i += 1
    if i < len(ws) and (ws[i][2].lower() in PREPS or ws[i][2].endswith("ing") and ws[i][2][:1].isupper()) and \
            ws[i][2].lower() not in _CLAUSE_OPENERS:
        # a fronted adverbial: 'During Tuesday's debate, Cruz ...', 'Appearing before supporters, ...'
        c = raw.find(",", ws[i][1], min(cs, ws[i][1] + 80))
        if c > 0 and not _SENT_END_RE.search(raw, ws[i][1], c):
            for _ in range(3):
                # 'At an event in Ames, Iowa, on Sunday, Mrs. Clinton ...': a place or a time
                # phrase set off by commas continues the adverbial
                c2 = raw.find(",", c + 1, min(cs, c + 40))
                chunk = raw[c + 1:c2].split() if c2 > 0 else []
                if not chunk or len(chunk) > 3 or not (
                        chunk[0].lower() in PREPS or chunk[0].lower() in TIME_WORDS or
                        len(chunk) == 1 and chunk[0][:1].isupper() and chunk[0] not in ctx.first_full):
                    break
                c = c2
            ws, i = _words(raw, c + 1, min(cs, c + 61)), 0
    if i >= len(ws) or not ws[i][2][:1].isupper() or ws[i][2] in CAPS_STOP or \
            ws[i][2].lower() in BOUNDARY_WORDS or ws[i][2].lower() in _CLAUSE_OPENERS:
        return None     # 'Once he was president, ...': a subordinate clause opens the sentence
    names = _names_in(raw, ws[i][0], min(cs, ws[i][0] + 60))
    if not names or names[0][0] != ws[i][0]:
        return None
    return _describe(ctx, names[0][0], names[0][1], ss)


_APPOS_OPENERS = DETERMINERS | {"who", "which", "led", "headed", "based", "whose"}
_SUBUNIT_RE = re.compile(r"(?:[A-Z][\w-]{1,20} ){0,3}(?:Board|Committee|Council|Panel)(?: of Directors)? of "
                         r"(?:the )?([A-Z].{1,80})")
_QUOTING_RE = re.compile(r",?[ \u00a0]{1,3}quoting[ \u00a0]{1,3}")
_GLUED_NAME_RE = re.compile(r"(?<![\w’'-])(?:[A-Z][a-z]{1,20}[ \u00a0]){0,2}[A-Z][a-z]{1,20}(?=[A-Z][a-z]{1,20}[ \u00a0][A-Z])")
_BULLET_SPLIT_RE = re.compile(r"[ \u00a0](?:\*\*|•)[ \u00a0](?=[A-Z“\"])")
# words opening an aside between a subject and its cue (', who ...,', ', including Trump,', ', like
# their Republican counterparts,') and one-word asides (', meanwhile,')
_ASIDE_OPENERS = frozenset(["who", "which", "whose", "a", "an", "the", "himself", "herself", "including", "like",
                            "unlike", "along", "as", "among", "both", "each", "not", "too", "also"])
_ASIDE_ADVERBS = frozenset(["meanwhile", "however", "too", "though", "instead", "also", "moreover", "separately",
                            "nonetheless", "nevertheless", "therefore", "then", "now", "again", "alone", "together"])
_PARTY_TAG_RE = re.compile(r"\([A-Z]{1,2}-[A-Z][A-Za-z]{0,3}\.\)$")
_PAREN_TAIL_RE = re.compile(r"\([^()\n]{1,40}\)[ \u00a0]{0,3}$")
_AGE_RE = re.compile(r"\d{1,3}")


def _aside_start(raw: str, lo: int, cs: int) -> int:
    """Where the subject of a cue at cs ends once asides written between them are skipped: party
    tags and other parentheses ('Sen. Rand Paul (R-Ky.) said'), ages (', 70,'), who/which clauses and
    role appositions (', pastor of ... and a Cruz supporter,'); cs when there is none."""
    end = cs       # the text before `end` (spaces aside) ends with ',' or ')' while asides are read
    out = cs
    for _ in range(3):
        e = end
        while e > lo and raw[e - 1] in " \u00a0":
            e -= 1
        if e <= lo:
            break
        if raw[e - 1] == "," and out < cs and e - 2 > lo and raw[e - 2] == ")":
            e -= 1       # '(D-Mo.), who has endorsed Clinton, said'
        if raw[e - 1] == ")":
            m = _PAREN_TAIL_RE.search(raw, max(lo, e - 50), e)
            if m is None:
                break
            out = end = m.start()
            continue
        if raw[e - 1] in "-—–" and (raw[e - 2:e - 1] in " \u00a0" or raw[e - 1] != "-"):
            # 'Donald Trump - who previously said he would ... - said'
            k = max(raw.rfind(" - ", max(lo, e - 200), e - 2), raw.rfind("—", max(lo, e - 200), e - 1),
                    raw.rfind("–", max(lo, e - 200), e - 1))
            if k <= lo:
                break
            seg = raw[k + 1:e - 1].strip(" \u00a0-")
            segw = seg.split()
            if segw and len(segw) <= 25 and not _SENT_END_RE.search(seg) and (
                    segw[0].lower() in ("who", "which", "whose", "a", "an", "the") or _role_in(segw[:4])):
                out = end = k
                continue
            break
        if raw[e - 1] != ",":
            break
        k = raw.rfind(",", max(lo, e - 200), e - 1)
        if k <= lo:
            break
        seg = raw[k + 1:e - 1].strip(" \u00a0")
        segw = seg.split()
        if not segw or len(segw) > 20 or any(c in seg for c in "“”\";:.!?()"):
            break
        w0 = segw[0].lower()
        if not (_AGE_RE.fullmatch(seg) or w0 in _ASIDE_OPENERS or len(segw) == 1 and w0 in _ASIDE_ADVERBS
                or w0 in ROLES or w0 in _PLURAL_ROLE or _role_in(segw[:4])
                or segw[0].isalpha() and segw[0].islower() and any(w in ("of", "at", "for") for w in segw[1:4])):
            break
        out = k
        end = k + 1      # the comma that opened this aside may close an earlier one (', 60, a doctor,')
    return out




def _colon_intro_speaker(ctx: _Ctx, sent_starts: list[int], k: int, s_start: int) -> _Speaker | None:
    """The speaker a colon-ended intro sentence (sentence k - 1) hands a quote to."""
    raw = ctx.raw
    a = sent_starts[k - 1]
    colon = raw.rfind(":", a, s_start)
    if colon < 0:
        return None
    first = raw[a:colon].split()[:1]
    if first and first[0].lower() in ("i", "we"):
        if k < 2 or colon - a > 40:
            return None
        a2 = sent_starts[k - 2]
        return _sentence_subject(ctx, a2, a)
    ws = _words(raw, a, min(colon, a + 40))
    if ws and ws[0][2].lower() in ("he", "she") and len(ws) <= 4:
        return _describe(ctx, ws[0][0], ws[0][1], a)
    return _sentence_subject(ctx, a, colon)


def _led_by(ctx: _Ctx, s: int, e: int, group: _Speaker) -> _Speaker | None:
    """The person named in 'led by NAME' after a group subject, with the group's role and firm."""
    names = _names_in(ctx.raw, s, e)
    if not names:
        return None
    a, b = names[0]
    canon, typ, _title = ctx.canonical(ctx.raw[a:b], a)
    if typ != "person" and " " not in canon:
        return None
    ent = ctx.entity(canon, "person")
    role = group.role or ("analyst" if group.name and "analyst" in group.name.lower() else None)
    ent.role = ent.role or (_singular(role.lower()) if role else None)
    aff = group.aff or (group.name if group.type == "organization" else None)
    ent.aff = ent.aff or aff
    return _Speaker(ent.name, "person", ent.role, ent.aff, a, b)


def _is_place(name: str) -> bool:
    return name.split()[0] in PLACE_FIRST if name.split() else False


def _n_words(raw: str, s: int, e: int) -> int:
    return len(raw[s:e].split())


def _cue_ok(raw: str, start: int, w: str, cls: str) -> bool:
    """Whether the cue text w at raw[start] is used as a reporting verb here."""
    if cls == "after":
        return True
    if w[:1].isupper():
        return False
    pw = _prev_word(raw, max(0, start - 24), start)
    prev = pw.lower() if pw else ""
    if prev in DETERMINERS and prev not in ("that", "one", "two", "three"):
        return False   # 'a statement', 'in a note' (noun use)
    if prev in PASSIVE:
        return False   # 'is expected to', 'was told'
    if prev == "than" or prev == "as" and w in _EXPECT_CUES:
        return False   # 'grew faster than expected', 'as forecast': a comparison, not a report
    if (prev in _PASSIVE_ADVERBS or prev.endswith("ly") and len(prev) > 3) and not w.endswith("ing"):
        pw2 = _prev_word(raw, max(0, start - len(pw) - 26), start - len(pw) - 1)
        if pw2 and pw2.lower() in PASSIVE:
            return False   # 'are now expected to', 'was widely reported', 'is also said to'
    if prev in MODALS or prev == "of":
        return False   # 'declined to comment', 'will add', 'did not say'
    if w in _GROUP_ONLY_CUES and not (prev in GROUP_NOUNS or prev in AUX or pw[:1].isupper()):
        return False   # bare 'expect', 'fear', 'forecast' report only for named or group subjects
    return True


class _Cue:
    """A reporting cue found in the text (the subset of re.Match the extractor uses)."""

    __slots__ = ("_s", "_e", "_t")

    def __init__(self, s: int, e: int, t: str):
        self._s, self._e, self._t = s, e, t

    def start(self) -> int:
        return self._s

    def span(self) -> tuple[int, int]:
        return self._s, self._e

    def group(self, _i: int = 0) -> str:
        return self._t


_CUE_FIRST: dict[str, list[tuple[str, re.Pattern]]] = {}
for _c in sorted(CUES, key=len, reverse=True):
    _w = _c.split()
    _CUE_FIRST.setdefault(_w[0], []).append(
        (_c, re.compile(r"\s{1,3}".join(re.escape(x) for x in _w) + r"(?![\w’'-])", re.IGNORECASE)))
# the multi-word cues by first word, longest first (tried before the one-word cue itself)
_CUE_MULTI = {w: [pat for c, pat in lst if " " in c] for w, lst in _CUE_FIRST.items()}
_CUE_MULTI = {w: lst for w, lst in _CUE_MULTI.items() if lst}
CUE_WORD_RE = re.compile(r"(?<![\w’'-])[A-Za-z]{2,12}(?![\w’'-])")
_CUE_WORDS = frozenset(w for w in _CUE_FIRST if w.isascii() and w.isalpha() and 2 <= len(w) <= 12)
_CUE_SAFE = frozenset(" \n\t,.;:!?\"“”()[]—–/")   # characters that are neither \w nor ’ ' -


# byte tables over raw.encode("ascii", "replace") (one byte per character; '?' for any non-ASCII
# character): _LETTERS_TR keeps ASCII letters (lower-cased) and blanks every other byte, so that a
# cue word is a blank-delimited run there
_LETTERS_TR = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_CUE_WORD_STR = {w.encode("ascii"): w for w in _CUE_WORDS}


def _trie_pattern(words: list[str]) -> str:
    """An alternation of literal words shaped as a trie ('sa(?:id|ys)'), so that the regex
    engine rejects a position after one character test per branch instead of trying every word."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return emit(tree)


# a cue's first word as a whole word of the letters map: ' said' followed by a blank
_CUE_TRIE_RE = re.compile((" (" + _trie_pattern(sorted(_CUE_WORDS)) + ")(?= )").encode("ascii"))


def _letters(raw: str, s: int, e: int) -> bytes:
    """raw[s:e] as its ASCII letters, lower-cased, every other character a blank, padded with a
    blank at both ends: letters[i + 1] stands for raw[s + i]."""
    return b" " + raw[s:e].encode("ascii", "replace").translate(_LETTERS_TR) + b" "


def _cue_word_starts(raw: str, s: int, e: int, letters: bytes | None = None) -> list[tuple[int, str]]:
    """(offset, lower-case word) of the cues' first words in raw[s:e]: exactly what a scan of every
    word with CUE_WORD_RE finds, faster.  CUE_WORD_RE matches whole runs of ASCII letters, so the
    text is mapped (C-level, one byte per character) to its ASCII letters with everything else
    blanked (`letters`, see _letters) and the cue words are found there as blank-delimited words
    by one trie-shaped regex; a hit is accepted when plainly delimited in raw, else checked with
    CUE_WORD_RE itself."""
    if letters is None:
        letters = _letters(raw, s, e)
    out = []
    match = CUE_WORD_RE.match
    size = e - s
    for m in _CUE_TRIE_RE.finditer(letters):
        i, j = m.span(1)
        i -= 1      # letters[k + 1] is raw[s + k]
        j -= 1
        before = raw[s + i - 1] if i else ""    # at s: left to the regex (it looks before s)
        after = raw[s + j] if j < size else " "   # endpos: nothing follows
        if before.isalnum() or after.isalnum():
            continue                    # a letter run inside a longer word ('said2', 'naïve')
        if not (before in _CUE_SAFE and after in _CUE_SAFE):
            mm = match(raw, s + i, e)
            if mm is None or mm.end() != s + j:
                continue
        out.append((s + i, _CUE_WORD_STR[m[1]]))      # plainly delimited: what CUE_WORD_RE matches
    return out


def _find_cues(raw: str, s: int, e: int) -> list[_Cue]:
    """Reporting cues in raw[s:e]: the cues' first words, then the full phrases there."""
    return [_Cue(a, b, t) for a, b, t, _cls in _cue_spans(raw, s, e)]


def _cue_spans(raw: str, s: int, e: int, letters: bytes | None = None) -> list[tuple[int, int, str, str | None]]:
    """_find_cues as (start, end, text as written, cue class from the lexicon or None)."""
    out = []
    for st, w in _cue_word_starts(raw, s, e, letters):
        for pat in _CUE_MULTI.get(w, ()):
            mm = pat.match(raw, st, min(e, st + 40))
            if mm:
                t = mm[0]
                out.append((st, mm.end(), t, CUES.get(_WS_RUN_RE.sub(" ", t.lower()))))
                break
        else:
            cls = CUES.get(w)
            if cls is not None:
                # a one-word cue: the word itself, already found delimited as the pattern wants
                out.append((st, st + len(w), raw[st:st + len(w)], cls))
    return out


def _name_after_quote(ctx: _Ctx, q_sorted: list, q_starts: list[int], ss: int, cs: int) -> _Speaker | None:
    """The person named right after the last quote before the cue in its sentence ('"...,"
    Jane Roe, a researcher at X in Y told'), when an apposition follows the name."""
    raw = ctx.raw
    k = bisect_left(q_starts, cs) - 1
    if k < 0:
        return None
    q = q_sorted[k]
    if q.start < ss or q.close_pos >= cs or q.used or cs - q.close_pos > 220:
        return None
    ns = _names_in(raw, q.close_pos, min(cs, q.close_pos + 60))
    if not ns or raw[q.close_pos:ns[0][0]].strip(" ,\u00a0") or raw[ns[0][1]:ns[0][1] + 1] != ",":
        return None
    sp = _describe(ctx, ns[0][0], ns[0][1], ss)
    return sp if sp is not None and sp.type == "person" and sp.mstart is not None else None


def _continues_statement(ctx: _Ctx, rows: list[dict], pos: int, sp: _Speaker) -> bool:
    """True when the quote row just before ``pos`` is a direct quote by ``sp`` in the paragraph
    immediately before the one holding ``pos``."""
    prev = None
    for r in rows[-300:]:      # bounded: rows come in near text order
        if r["start"] < pos and (prev is None or r["start"] > prev["start"]):
            prev = r
    if prev is None or prev["kind"] != "direct" or prev["speaker"] != sp.name:
        return False
    pi = bisect_right(ctx.para_starts, pos) - 1
    pj = bisect_right(ctx.para_starts, prev["start"]) - 1
    return 0 <= pi - pj <= 1


@lru_cache(maxsize=4096)
def _norm_cue(cue: str) -> str:
    """The cue as written, whitespace runs made one space ('according\u00a0to' -> 'according to')."""
    return _WS_RUN_RE.sub(" ", cue)


def _quotes_for_article(art: Article) -> list[dict]:
    raw = art.raw
    # paragraphs longer than MAX_PARA characters are not prose (tables, dumps, junk): skipped
    paras = [(s, e) for s, e, part in art.paragraphs if part == "body" and e - s <= MAX_PARA]
    if not paras:
        # a bare sentence or a snippet with no body: read whatever is not boilerplate
        paras = [(s, e) for s, e, part in art.paragraphs if part != "boilerplate" and e - s <= MAX_PARA]
    if not paras:
        return []
    quotes = _scan_quotes(raw, paras)
    ctx = _Ctx(art, paras)
    sents = _sent_bounds(art, paras, quotes)
    rows: list[dict] = []

    q_sorted = sorted(quotes, key=lambda q: q.start)
    q_starts = [q.start for q in q_sorted]

    def inside_quote(pos: int) -> _Quote | None:
        i = bisect_right(q_starts, pos) - 1
        if i >= 0 and pos < q_sorted[i].end:
            return q_sorted[i]
        return None

    def emit(s: int, e: int, kind: str, sp: _Speaker | None, cue: str | None, q_used: list[_Quote]):
        if kind == "direct":
            while s < e and raw[s] in WS:
                s += 1
            while e > s and (raw[e - 1] in WS or raw[e - 1] in ",;:—–"):
                e -= 1
        else:
            s, e = _trim(raw, s, e)
        if e - s < 2:
            return
        for q in q_used:
            q.used = True
        if sp is not None and sp.name:
            ctx.history.append((s, sp))
        rows.append({
            "start": s, "end": e, "text": raw[s:e], "kind": kind,
            "speaker": sp.name if sp else None,
            "speaker_type": sp.type if sp else None,
            "speaker_start": sp.mstart if sp else None, "speaker_end": sp.mend if sp else None,
            "role": sp.role if sp else None, "affiliation": sp.aff if sp else None,
            "cue": _norm_cue(cue) if cue else None,
        })

    body_s, body_e = paras[0][0], paras[-1][1]
    letters = _letters(raw, body_s, body_e)
    cue_spans = _cue_spans(raw, body_s, body_e, letters)[:MAX_CUES_ARTICLE]
    cue_starts = [c[0] for c in cue_spans]
    n_cues = len(cue_spans)
    prev_sent: tuple[int, int] | None = None
    for ss, se, _pidx in sents:
        ci = bisect_left(cue_starts, ss)
        if ci == n_cues or cue_starts[ci] >= se:
            prev_sent = (ss, se)      # no cue in the sentence (most sentences)
            continue
        cues = []
        while ci < n_cues and cue_starts[ci] < se:
            cst, cen, ctext, cls = cue_spans[ci]
            ci += 1
            if cls is None or inside_quote(cst) or not _cue_ok(raw, cst, ctext, cls):
                continue
            cues.append((cst, cen, ctext, cls))
            if len(cues) >= MAX_CUES:
                break
        if not cues:
            prev_sent = (ss, se)
            continue
        sq = q_sorted[bisect_left(q_starts, ss):bisect_left(q_starts, se)]
        claimed: list[tuple[int, int]] = [(q.start, q.end) for q in sq[:50] if q.used]
        sent_speaker: _Speaker | None = None
        consumed_to = ss
        for idx, (cs, ce, cue_text, cls) in enumerate(cues):
            cue_l = cue_text.lower()
            nxt_cue = cues[idx + 1][0] if idx + 1 < len(cues) else se
            speaker: _Speaker | None = None
            content: tuple[int, int] | None = None
            kind = "indirect"
            used: list[_Quote] = []
            second: _Quote | None = None
            if cls == "after" and consumed_to > ss and cs - consumed_to <= 60 and (
                    raw[consumed_to:cs].strip(" ,\u00a0") == "" or _lead_only(raw, consumed_to, cs)):
                # '..., Sonderman wrote, according to Reuters', '... said in a statement according
                # to The Blaze': a secondary source of the quote just attributed
                continue
            if cls == "after":
                # 'according to X' / 'comes from X' / 'citing X'
                np_end = ce
                mm = _AFTER_NP_STOP_RE.search(raw, ce, min(se, ce + 160))
                np_end = mm.start() if mm else min(se, ce + 160)
                np_s, np_e = ce, np_end
                bm = _AFTER_BY_RE.search(raw, np_s, np_e)
                if bm and any(w.lower() in ORG_NOUNS or w.lower() == "data"
                              for w in _word_texts(raw, np_s, bm.start())):
                    np_s = bm.end()
                sp_np = _describe(ctx, np_s, np_e, ss)
                if (sp_np is None or sp_np.name and sp_np.name.islower() or sp_np.name and sp_np.name[:2] in (
                        "a ", "A ", "an")) and _document_subject(raw, np_s, np_e):
                    # 'according to a New York Times/CBS News survey released ...', '... a declaration
                    # filed in federal court by John F. Hackett'
                    sp_np = _document_source(ctx, np_s, np_e, se) or sp_np
                if sp_np is None:
                    continue
                speaker = sp_np
                if sp_np.type == "organization" and sp_np.name and sp_np.name.lower().startswith(
                        ("data ", "a report", "the report")):
                    pass
                lead = raw[max(consumed_to, cs - 12):cs].strip(" \u00a0,") if cs - consumed_to <= 12 else "x"
                if "from" in cue_l and cue_l.startswith(("comes", "came")):
                    pre = raw[max(ss, cs - 40):cs].lower()
                    if prev_sent and _INFO_TAIL_RE.search(pre.strip()):
                        content = prev_sent
                elif cue_l.startswith("citing"):
                    content = None
                elif lead == "" or (cs - ss < 4):
                    # According to X, CLAUSE
                    cm = raw.find(",", np_e, se)
                    body_s = cm + 1 if 0 <= cm < se else np_e
                    ap = _apposition(raw, np_e, se)
                    if ap[0]:
                        nxt_comma = raw.find(",", cm + 1, se)
                        if nxt_comma > 0:
                            body_s = nxt_comma + 1
                    content = (body_s, se)
                else:
                    b0 = consumed_to
                    b1 = cs - 3 if raw[max(0, cs - 4):cs].lower() in (" as ", ",as ") else cs
                    content = (b0, b1)      # '..., as reported by Reuters
            else:
                pre_s, pre_e, boundary, pre_ws = _pre_chunk_ws(ctx, max(ss, consumed_to), cs)
                if boundary == "long":
                    pre_s = pre_e = cs
                elif boundary == "," and pre_ws and _state_based(pre_ws[0][2]):
                    # 'The San Diego, Calif.-based company said': the comma is inside the subject
                    comma = raw.rfind(",", max(ss, consumed_to), pre_s)
                    p2s, _p2e, b2 = _pre_chunk(ctx, max(ss, consumed_to), comma) if comma > ss else (0, 0, "long")
                    if b2 != "long" and comma > p2s:
                        pre_s, boundary = p2s, b2
                        pre_ws = _words(raw, pre_s, pre_e)
                if pre_e > pre_s:
                    speaker = _describe(ctx, pre_s, pre_e, ss, ws=pre_ws)
                    gend = _group_before(raw, max(ss, pre_s - 60), pre_s) if \
                        boundary.lower() in _GROUP_BOUNDARY else -1
                    if gend > ss:
                        # 'analysts at Citi said', 'economists polled by Reuters said', 'Democrats in
                        # Iowa who watched the debate said': the group
                        p2s, _p2e, b2 = _pre_chunk(ctx, max(ss, consumed_to), gend)
                        if b2 != "long" and gend > p2s:
                                g = _describe(ctx, p2s, pre_e, ss)
                                if g is not None and g.type == "anonymous":
                                    speaker, pre_s, boundary = g, p2s, b2
                    if speaker is not None and speaker.type == "organization" and \
                            boundary.lower() in ("for", "at", "of", "with", "from"):
                        # 'A spokesman for the Transportation Department said': an unnamed person
                        # speaking for the organisation named after the preposition
                        bpos = raw.rfind(boundary, max(ss, pre_s - 40), pre_s)
                        rw = _words(raw, max(ss, bpos - 40), bpos) if bpos > ss else []
                        j = len(rw)
                        while j > 0 and len(rw) - j < 4 and rw[j - 1][2].lower() not in DETERMINERS and \
                                rw[j - 1][2] not in ",;:":
                            j -= 1
                        if 0 < j < len(rw) and rw[j - 1][2].lower() in ("a", "an", "the", "one", "another") and \
                                (_singular(rw[-1][2].lower()) in ROLES or rw[-1][2].lower() in ROLES):
                            role_txt = " ".join(w for _x, _y, w in rw[j:])
                            speaker = _Speaker(raw[rw[j - 1][0]:pre_e].replace("\u00a0", " "), "anonymous",
                                               role_txt, speaker.name, rw[j - 1][0], pre_e)
                            pre_s = rw[j - 1][0]
                    if speaker is None and boundary.lower() in ("with", "from", "at", "in", "for", "of", "like"):
                        # 'the blogger with nearly one million followers said'
                        bpos = raw.rfind(boundary, max(ss, pre_s - 40), pre_s)
                        if bpos > ss:
                            p2s, _p2e, b2 = _pre_chunk(ctx, max(ss, consumed_to), bpos)
                            if b2 != "long" and bpos > p2s:
                                speaker = _describe(ctx, p2s, pre_e, ss)
                                if speaker is not None:
                                    pre_s, boundary = p2s, b2
                # an apposition between the subject and the cue: 'Su Lian Jye, chief analyst at Omdia, said'
                if speaker is None and pre_e == pre_s and boundary == ",":
                    pre_s_old = pre_s
                    k = raw.rfind(",", ss, pre_s - 1 if pre_s > ss else ss)
                    seg_s = k + 1 if k >= 0 else ss
                    seg = raw[seg_s:pre_s].strip(" ,")
                    segw = seg.split()
                    seg_names = _names_in(raw, seg_s, pre_s) if segw and k > ss and len(segw) <= 4 else []
                    if seg_names and raw[seg_names[0][0]:seg_names[-1][1]] == seg and \
                            _role_in(_word_texts(raw, max(ss, k - 60), k)[-4:]):
                        # 'The company's chief financial officer, Jane Roe, said': the name in
                        # the apposition is the speaker, the description before it her role
                        speaker = _describe(ctx, seg_names[0][0], seg_names[-1][1], ss)
                        if speaker is not None and speaker.type == "person":
                            pw = _word_texts(raw, max(ss, k - 60), k)[-4:]
                            while any(_POSS_RE.search(w) and len(w) > 2 for w in pw[:-1]):
                                pw = pw[1:]     # "the company's chief financial officer"
                            r = _role_in(pw)
                            ent = ctx.entities.get(speaker.name or "")
                            if ent is not None and r and not ent.role:
                                ent.role = " ".join(pw[r[0]:r[1] + 1])
                                speaker.role = ent.role
                            pre_s = seg_names[0][0]
                        else:
                            speaker = None
                    if speaker is None and len(segw) == 1 and segw[0].isdigit() and 1 <= int(segw[0]) <= 120 \
                            and k > ss:
                        # 'Smith, 54, said': a person with the age apposition
                        p2s, p2e, _b2 = _pre_chunk(ctx, ss, k)
                        if p2e > p2s:
                            speaker = _describe(ctx, p2s, p2e, ss)
                            if speaker is not None and speaker.type == "organization" and speaker.name and \
                                    " " not in speaker.name and not _is_org_name(speaker.name):
                                ent = ctx.entity(speaker.name, "person")
                                ent.type = "person"
                                speaker = _Speaker(ent.name, "person", ent.role, ent.aff, speaker.mstart, speaker.mend)
                            if speaker is not None:
                                pre_s = p2s
                    if speaker is None and seg in US_STATES and k > ss:
                        # 'Elco Industries Inc., Rockford, Ill., said': a city and state apposition
                        k2 = raw.rfind(",", ss, k)
                        city = raw[k2 + 1:k].split() if k2 > ss else []
                        if city and len(city) <= 3 and all(w[:1].isupper() for w in city):
                            p2s, p2e, _b2 = _pre_chunk(ctx, ss, k2)
                            if p2e > p2s:
                                speaker = _describe(ctx, p2s, p2e, ss)
                                if speaker is not None:
                                    pre_s = p2s
                    if speaker is None and segw and (segw[0].lower() in _APPOS_OPENERS or _role_in(segw[:5])) \
                            and k > ss:
                        p2s, p2e, _b2 = _pre_chunk(ctx, ss, k)
                        if p2e > p2s:
                            speaker = _describe(ctx, p2s, p2e, ss)
                            if speaker is not None:
                                pre_s = p2s
                                if segw[0].lower() in ("led", "headed"):
                                    # 'Analysts at Kellam, led by Ian Marsh, said': the named lead
                                    speaker = _led_by(ctx, seg_s, pre_s_old, speaker) or speaker
                residue = speaker is None and pre_e > pre_s and len(pre_ws[-1][2]) > 2 and \
                    pre_ws[-1][2].isupper() and pre_ws[-1][2] in CAPS_STOP
                if speaker is None and (pre_e == pre_s and boundary in (",", ")", "—", "–", "-") or residue):
                    # 'Sen. Rand Paul (R-Ky.) said', 'Yin Myint May, 60, a doctor, said', '... (R-Ky.)
                    # MORE said' (link residue of scraped pages)
                    cs1 = pre_ws[-1][0] if residue else cs
                    cs2 = _aside_start(raw, max(ss, consumed_to), cs1)
                    if cs2 < cs1 or residue and cs2 == cs1:
                        p2s, p2e, b2 = _pre_chunk(ctx, max(ss, consumed_to), cs2)
                        if p2e > p2s and b2 != "long":
                            sp2 = _describe(ctx, p2s, p2e, ss)
                            if sp2 is not None and (sp2.name or sp2.type == "anonymous"):
                                speaker, pre_s, pre_e, boundary = sp2, p2s, p2e, b2
                    if speaker is None and residue:
                        # 'President TrumpDonald TrumpBiden prepares ... MORE said': a name card
                        # glued to the name it describes (the name, then its card, then MORE)
                        gms = _GLUED_NAME_RE.findall(raw, max(ss, cs - 400), cs)
                        gm = None
                        if gms:
                            gm = _GLUED_NAME_RE.search(raw, raw.rfind(gms[-1], max(ss, cs - 400), cs), cs)
                        if gm is not None:
                            sp2 = _describe(ctx, gm.start(), gm.end(), ss)
                            if sp2 is not None and sp2.name:
                                speaker, pre_s, pre_e = sp2, gm.start(), gm.end()
                                boundary = raw[max(ss, pre_s - 2):pre_s].strip() or ("," if pre_s > ss else "")
                if (speaker is None or speaker.type != "person" and boundary.lower() in ("in", "at", "of", "from")) \
                        and boundary.lower() in ("in", "at", "of", "from", ","):
                    # '"...," Erik van Sebille, a physical oceanographer at the University of New
                    # South Wales in Sydney told Reuters': the name right after the quote, its
                    # apposition left open
                    sp2 = _name_after_quote(ctx, q_sorted, q_starts, ss, cs)
                    if sp2 is not None:
                        speaker, pre_s, pre_e, boundary = sp2, sp2.mstart, sp2.mend, ","
                inversion = False
                after_s = ce
                participle = cue_l.endswith("ing")
                if speaker is None and not participle:
                    # 'said X' after a quote or a clause ending in a comma
                    before = raw[max(ss, cs - 20):cs].rstrip()
                    if before.endswith((",", "”", '"', "’", "'", ",”", '."')) or before == "":
                        mm = _POST_NP_STOP_RE.search(raw, ce, min(se, ce + 120))
                        post_e = mm.start() if mm else min(se, ce + 120)
                        sp2 = _describe(ctx, ce, post_e, ss) if post_e > ce else None
                        if sp2 is not None and sp2.name is not None or (
                                sp2 is not None and sp2.type == "anonymous"):
                            speaker, inversion = sp2, True
                            qm = _QUOTING_RE.match(raw, sp2.mend or post_e, se) if sp2.mend is not None else None
                            if qm is not None:
                                # '... said a spokesperson, quoting President Trump': the one quoted
                                qn = _names_in(raw, qm.end(), min(se, qm.end() + 60))
                                if qn and qn[0][0] == qm.end():
                                    sp3 = _describe(ctx, qn[0][0], qn[0][1], ss)
                                    if sp3 is not None and sp3.name:
                                        speaker = sp2 = sp3
                            if sp2.mend is not None and sp2.mstart is not None:
                                r2, a2 = _apposition(raw, sp2.mend, se)
                                ent = ctx.entities.get(sp2.name or "")
                                if ent and r2:
                                    ent.role = ent.role or r2
                                    ent.aff = ent.aff or a2
                                    speaker.role, speaker.aff = ent.role, ent.aff
                            after_s = se
                if speaker is None and pre_e == pre_s and (cue_l.endswith("ing") or
                                                           raw[max(ss, cs - 5):cs].strip() in ("and", "but")):
                    speaker = sent_speaker or _sentence_subject(ctx, ss, cs) or ctx.last_speaker(cs)
                    if speaker is not None:
                        speaker = _Speaker(speaker.name, speaker.type, speaker.role, speaker.aff, None, None)
                if speaker is None and cue_l in _DATA_VERBS and pre_e > pre_s and \
                        _document_subject(raw, pre_s, pre_e):
                    # 'Data released the same day showed ...': an unnamed data source
                    speaker = _Speaker(None, "anonymous", None, None, None, None)
                if speaker is None:
                    continue
                if cls == "that" and cue_l in _DATA_VERBS:
                    # 'shows' / 'found' take a bare reported clause only with a data or document
                    # subject ('a CBS News poll shows most ...', '..., Reuters calculations showed')
                    if inversion:      # 'showed data from the China Passenger Car Association'
                        d_s, d_e = ce, min(se, ce + 60)
                    else:
                        d_s, d_e = pre_s, pre_e if pre_e > pre_s else cs
                    dn = _names_in(raw, d_s, d_e) if _document_subject(raw, d_s, d_e) else None
                    if dn is not None:
                        cls = "clause"
                    if dn and not inversion and speaker.name and _document_subject(
                            raw, 0, 0, speaker.name) and not _document_subject(raw, dn[-1][0], dn[-1][1]):
                        # 'Reuters calculations showed', 'a CBS News poll shows': the named source
                        nm = _POSS_RE.sub("", raw[dn[-1][0]:dn[-1][1]])
                        ent = ctx.entity(nm, "organization")
                        speaker = _Speaker(ent.name, ent.type, ent.role, ent.aff, dn[-1][0], dn[-1][1])
                if speaker.name:
                    sent_speaker = speaker
                # ---- content ----
                # (1) a quote just before: '“...,” X said' / '“...,” said X'
                qb = None
                lim = pre_s if not inversion else cs
                k = bisect_left(q_starts, lim) - 1
                if k >= 0:
                    q = q_sorted[k]
                    lo_ = max(consumed_to, ss)
                    if q.close_pos <= lim and not q.used and lim - q.close_pos <= 12 and q.start >= ss and \
                            raw[q.close_pos:lim].strip(" \u00a0,—–-") == "" and q.start >= consumed_to - 1 \
                            and q.open_pos - lo_ <= 12 and \
                            raw[lo_:q.open_pos].strip(" \u00a0" + OPENERS + CLOSERS + '"' + BULLETS) in ("", ",", ":"):
                        qb = q
                    elif not inversion and q.close_pos <= lim and not q.used and lim - q.close_pos <= 90 and \
                            q.start >= ss and q.start >= consumed_to - 1 and q.open_pos - lo_ <= 12 and \
                            boundary == "," and "," in raw[q.close_pos - 2:q.close_pos + 1] and \
                            not _APPOS_GAP_STOP_RE.search(raw, q.close_pos, lim) and \
                            _role_in(_word_texts(raw, q.close_pos, lim)) is not None and \
                            raw[lo_:q.open_pos].strip(" \u00a0" + OPENERS + CLOSERS + '"' + BULLETS) in ("", ",", ":"):
                        # '"We will fight this," the union's president, John Smith, said': the
                        # speaker named in an apposition after a description
                        qb = q
                if qb is not None:
                    content, kind, used = (qb.start, qb.end), "direct", [qb]
                    # split quote: '“A,” he said, “b ...”'
                    tail_end = speaker.mend if inversion and speaker.mend else ce
                    k = bisect_right(q_starts, tail_end)
                    for q in q_sorted[k:k + 1]:
                        if q.open_pos >= tail_end and q.start < se and not q.used and q is not qb:
                            gap = raw[tail_end:q.open_pos]
                            first = raw_first_alpha(raw, q.start, q.end)
                            if _SPLIT_GAP_RE.fullmatch(gap) and first and first.islower():
                                content = (qb.start, q.end)
                                used.append(q)
                            elif _SPLIT_GAP_RE.fullmatch(gap) and first:
                                # '“Judge,” Brafman said, “I have never ...”': a new sentence by
                                # the same speaker, its own quote
                                second = q
                            break
                else:
                    # (2) a quote right after: 'X said: “...”', 'described the handset as “...”'
                    k = bisect_right(q_starts, ce)
                    for q in q_sorted[k:k + 1]:
                        if q.open_pos >= ce and not q.used and q.open_pos < nxt_cue:
                            intro = raw[ce:q.open_pos]
                            if len(intro) > 90 or _SENT_END_RE.search(intro):
                                break
                            intro_w = intro.strip(" \u00a0")
                            rest = raw[q.close_pos:min(se, q.close_pos + 200)].strip(" \u00a0.,;!?”\"")
                            if intro_w.endswith((":", ",")) or intro_w in ("", "that"):
                                content, kind, used = (q.start, q.end), "direct", [q]
                                if rest and cls == "clause" and not intro_w.endswith(":"):
                                    content, kind = (ce, se), "mixed"
                            elif _THAT_COMMA_RE.match(intro_w) or cls == "clause":
                                content, kind, used = (ce, se), "mixed", [q]
                                tm = _THAT_WORD_RE.search(intro)
                                if tm:      # 'wrote in an email to staff that Huawei remains "..."'
                                    content = (ce + tm.end(), se)
                            else:
                                content, kind, used = (q.start, q.end), "direct", [q]
                            break
                if content is None:
                    # (3) indirect: content before or after the cue
                    tail_s = after_s
                    if inversion:
                        tail_s = se
                    obj_e = tail_s
                    # the first words after the cue (a clause reads at most 12; _HEAD_WORDS is
                    # plenty, and the one loop that may read further re-reads them all)
                    tw = _words_head(raw, tail_s, nxt_cue, _HEAD_WORDS)
                    # skip the object of 'told' and adverbials up to 'that'
                    that_i = None
                    for i, (_x, _y, w) in enumerate(tw[:12]):
                        if w.lower() == "that":
                            that_i = i
                            break
                        if w in ".;:!?" or w in DOUBLE_QUOTES:
                            break
                    anaphoric = False
                    if that_i is not None and (that_i <= 8 or that_i <= 11 and tw[0][2].lower() in _MEDIUM_PREPS):
                        between = [w.lower() for _x, _y, w in tw[:that_i]]
                        if cue_l.startswith(("tell", "told")) or all(
                                w in PREPS or w in TIME_WORDS or w in DETERMINERS or w == "," or
                                w in ("statement", "note", "interview", "however", "reporters", "post")
                                or w[:1].isupper() or w.isdigit() for w in between) or (
                                # 'wrote in a note to clients that', 'said in an email to staff that'
                                # 'said in a posting to authors, illustrators and agents that'
                                between and between[0] in _MEDIUM_PREPS and (
                                    "," not in between or between.count(",") <= 2 and "and" in between)):
                            obj_e = tw[that_i][1]
                            nxtw = tw[that_i + 1][2].lower() if that_i + 1 < len(tw) else "."
                            nxtw2 = tw[that_i + 2][2].lower() if that_i + 2 < len(tw) else ""
                            if that_i == 0 and (nxtw in PREPS or nxtw in ".,;") and \
                                    (nxtw, nxtw2) not in _QUANTIFIER_PAIRS:
                                # 'confirmed that on Monday': the pronoun (not 'found that at least 70%')
                                anaphoric = True
                        else:
                            that_i = None
                    directive = False
                    if that_i is None and not inversion and cue_l in DIRECTIVE_CUES:
                        # 'told agency staff this week to continue ...': an instruction, reported
                        for i, (_x, _y, w) in enumerate(tw[1:10], 1):
                            if w in ",.;:!?" or w in DOUBLE_QUOTES:
                                break
                            if w == "to" and i + 1 < len(tw) and tw[i + 1][2].isalpha() and \
                                    tw[i + 1][2].islower() and tw[i + 1][2] not in DETERMINERS:
                                obj_e, directive = tw[i][0], True
                                break
                    if directive:
                        pass
                    elif that_i is None and cue_l.startswith(("tell", "told")):
                        # 'told reporters' as one cue: its object is read already
                        k = 0 if " " not in cue_l else len(tw)
                        while k < len(tw) and k < 8 and tw[k][2] not in ",.;:" and tw[k][2].lower() not in (
                                "that",) and not (k > 0 and tw[k][2].lower() in PREPS) and not (
                                # 'told Reuters it would ...', 'told the Global Times the deal ...',
                                # 'told local television the search area ...': a determiner after
                                # the object's head opens the reported clause
                                k > 0 and (tw[k][2].lower() in SUBJECT_PRONOUNS or tw[k][2].lower() in (
                                    "the", "a", "an") and (tw[k - 1][2][:1].isupper() or tw[k - 1][2].lower()
                                                           not in DETERMINERS and tw[k - 1][2].lower() not in PREPS))):
                            k += 1
                            if tw[k - 1][2].lower() in _AUDIENCES:
                                break   # 'told reporters prices would rise': the audience is the object
                        obj_e = tw[k - 1][1] if k and " " not in cue_l else tail_s
                        tw = _words_head(raw, obj_e, nxt_cue, 2)     # only tw[1] is read below
                    elif that_i is None:
                        k = 0
                        while k < len(tw) and (tw[k][2].lower() in TIME_WORDS or tw[k][2] == "," or
                                               tw[k][2].lower() in ("on", "however")):
                            k += 1
                            if k == len(tw) == _HEAD_WORDS:     # ran off a cut list: read all
                                tw = _words(raw, tail_s, nxt_cue)
                        if k:
                            obj_e = tw[k - 1][1]
                        if tw and tw[0][2].lower() in ANAPHORIC_OBJECTS and (
                                len(tw) == 1 or tw[1][2].lower() in PREPS or tw[1][2] in ".,;"):
                            anaphoric = True
                    if nxt_cue < se and (nxt_cue - obj_e <= 24 and _n_words(raw, obj_e, nxt_cue) <= 3 and
                                         not _CLAUSE_BREAK_RE.search(raw, obj_e, nxt_cue) or (
                            # 'said Mr. Obama had told Jewish leaders that ...': a verb after an
                            # auxiliary, or after a named subject, belongs to the reported clause
                            nxt_cue - obj_e <= 48 and _n_words(raw, obj_e, nxt_cue) <= 6 and
                            not _NESTED_BREAK_RE.search(raw, obj_e, nxt_cue) and (
                                _prev_word(raw, max(obj_e, nxt_cue - 24), nxt_cue) in _NESTED_AUX or
                                raw[obj_e:nxt_cue].lstrip()[:1].isupper())) or (
                            # 'showed that 31.2 percent of households expect prices to rise': the
                            # clause after 'that' holds its own reporting verb
                            that_i is not None and nxt_cue - obj_e <= 80 and
                            not _NESTED_BREAK_RE.search(raw, obj_e, nxt_cue))):
                        # 'said it expected ...', 'said he believes ...': the next cue is inside
                        # the reported clause
                        nxt_cue = cues[idx + 2][0] if idx + 2 < len(cues) else se
                    after_words = _n_words(raw, obj_e, min(nxt_cue, obj_e + 300))
                    first_after = WORD_RE.search(raw, obj_e, min(se, obj_e + 40))
                    fa = first_after.group().lower() if first_after else ""
                    after_ok = (that_i is not None and after_words >= 2) or (
                        cls == "clause" and after_words >= 3 and fa not in PREPS and fa not in ",.;:"
                        and not fa.endswith("ing") and fa not in ("to", "for", "the", "a", "an")
                        or cls == "clause" and fa in ("the", "a", "an") and after_words >= 4)
                    if not after_ok and that_i is None and fa == "of" and cue_l in _OF_CUES and \
                            not inversion and len(tw) > 2:
                        # 'authorities warned of lingering risks to the economy': the noun phrase
                        obj_e, after_ok = tw[0][1], True
                    if after_ok and cue_l in _FIGURE_CUES:
                        # 'projects net profit of 3.5 trillion yen', 'pegged its profit at ...': a
                        # forecast figure as a noun phrase, reported only with its number
                        after_ok = _DIGIT_RE.search(raw, obj_e, min(nxt_cue, obj_e + 120)) is not None
                    if directive:
                        after_ok = _n_words(raw, obj_e, min(nxt_cue, obj_e + 100)) >= 3
                    if after_ok and that_i is None and cue_l in STRICT_CLAUSE:
                        a0, a1 = tw[1][0] if len(tw) > 1 else obj_e, min(nxt_cue, obj_e + 160)
                        after_ok = bool(FINITE_RE.search(raw, a0, a1)) or (
                            # 'expected the economy to expand 6.8%': an object and an infinitive
                            cue_l in _INFINITIVE_CUES and bool(_TO_INF_RE.search(raw, a0, a1)))
                    if cls == "clause" and fa in ("the", "a", "an") and that_i is None and \
                            cue_l not in _FIGURE_CUES:
                        # 'said the deal is off' vs 'added a new phone': needs a verb-like word
                        seg = raw[obj_e:min(nxt_cue, obj_e + 120)].lower()
                        after_ok = after_ok and (bool(_AUX_VERB_RE.search(seg)) or _has_verb(
                            raw, obj_e, min(nxt_cue, obj_e + 120)) or (
                            cue_l in _INFINITIVE_CUES and bool(_TO_INF_RE.search(seg))))
                    bstart = consumed_to
                    bend = pre_s if not inversion else cs
                    before_txt = raw[max(bstart, bend - 20):bend].rstrip(" \u00a0")
                    if before_txt[-1:] in CLOSERS or before_txt[-1:] == '"' or before_txt[-2:] == "''":
                        # 'The device "will ... term," he added': a comma inside the closing mark
                        before_txt = before_txt[:-2] if before_txt[-2:] == "''" else before_txt[:-1]
                        if before_txt.endswith(","):
                            boundary = ","
                    before_ok = (boundary in (",", "—", "–") or inversion) and before_txt.endswith(
                        (",", "—", "–")) and _n_words(raw, max(bstart, bend - 300), bend) >= 3 and not any(
                        a <= bend - 2 and b > bstart for a, b in claimed[-8:])
                    if before_ok and _lead_only(raw, bstart, bend):
                        before_ok = False
                    if cue_l in _FIGURE_CUES and not after_ok:
                        continue        # '... analysts had projected': no figure reported here
                    # 'In July, at a summit in Madrid, NATO announced it would ...': the cue's own
                    # clause follows (even if not read as content), so the words before are no report
                    own_clause = fa in SUBJECT_PRONOUNS and after_words >= 3 or (
                        fa == "to" and cue_l.startswith(_PROMISE_STEMS))   # 'Blair pledged to stand ...'

                    if anaphoric and prev_sent:
                        content = prev_sent
                    elif inversion and before_ok:
                        content = (bstart, bend)
                    elif before_ok and not own_clause and (not after_ok or fa in PREPS or fa in (
                            "and", "but", "while", "although", "though", "whereas")):
                        content = (bstart, bend)
                    elif after_ok:
                        end = nxt_cue
                        if end < se:
                            # stop before the next cue's own subject clause
                            k = raw.rfind(",", obj_e, end)
                            end = k if k > obj_e else end
                            if not directive and not FINITE_RE.search(raw, obj_e, end) and \
                                    not _PRESENT_RE.search(raw, obj_e, end):
                                # 'Reuters reported that John Smith, the ..., wrote that ...'
                                continue
                        has_comma = raw.find(",", obj_e, end) >= 0
                        am = _APPOS_TAIL_RE.search(raw, obj_e, end) if has_comma else None
                        if am is not None and _n_words(raw, obj_e, am.start()) >= 4 and \
                                not inside_quote(am.start()) and raw.find(",", am.end(), end) < 0 and \
                                not FINITE_RE.search(raw, am.end(), end):
                            # '... to explore 10% duties on goods, the latest jab in ...': an
                            # appositive comment on the report closes it
                            end = am.start()
                        im = _ING_TAIL_RE.search(raw, obj_e, end) if has_comma else None
                        if im is not None and _n_words(raw, obj_e, im.start()) >= 3 and \
                                not inside_quote(im.start()):
                            # '... projected a 21% jump in revenue, showing off ...': a participle
                            # tail comments on the report, it is not part of it
                            end = im.start()
                        content = (obj_e, end)
                    elif before_ok and not own_clause:
                        content = (bstart, bend)
                    if content is not None:
                        inner = [q for q in q_sorted[bisect_left(q_starts, content[0]):
                                                     bisect_right(q_starts, content[1])]
                                 if q.end <= content[1] + 1]
                        if inner:
                            kind, used = "mixed", inner
                            if len(inner) == 1 and _trim(raw, *content) == _trim(raw, inner[0].start,
                                                                                  inner[0].end):
                                kind = "direct"
            if content is None:
                continue
            if kind == "indirect":
                inner = [q for q in q_sorted[bisect_left(q_starts, content[0]):bisect_right(q_starts, content[1])]
                         if q.end <= content[1] + 1 and not q.used]
                if inner:
                    kind, used = "mixed", inner
            c0, c1 = _trim(raw, *content) if kind != "direct" else content
            if c1 - c0 < 2 or any(a < c1 and c0 < b for a, b in claimed[-8:]):
                continue
            if kind == "indirect" and _n_words(raw, c0, min(c1, c0 + 100)) < 2:
                continue
            if kind != "direct" and speaker is not None and speaker.mstart is not None and \
                    c0 <= speaker.mstart < c1 and content != prev_sent:
                k = raw.rfind(",", c0, speaker.mstart)
                if not (cs < speaker.mstart and k > c0 and _n_words(raw, c0, k) >= 3):
                    continue
                c1 = k      # 'Having announced that X, Judge Berman proceeded': the clause before the subject
            if speaker.name is None and speaker.type == "person":
                speaker = None
            if speaker is not None and speaker.type == "organization" and speaker.mstart is not None and \
                    raw[speaker.mstart:speaker.mend].lower() in PRONOUNS and content and content[0] < cs:
                sp_fix = _pronoun(ctx, "it", speaker.mstart, speaker.mend, (c0, c1))
                speaker = sp_fix or speaker
            emit(c0, c1, kind, speaker, cue_text, used)
            claimed.append((c0, c1))
            if second is not None and not second.used:
                emit(second.start, second.end, "direct", speaker, cue_text, [second])
                claimed.append((second.start, second.end))
            if content[1] <= cs:
                consumed_to = max(consumed_to, ce)
            else:
                consumed_to = max(consumed_to, content[1])
        prev_sent = (ss, se)

    # ---- impersonal passives: 'it was reported that ...' (no speaker named) ------------------
    sent_ends = [e for _s, e, _p in sents]
    sent_begins = [s for s, _e, _p in sents]
    # the pattern needs 'it was reported' and the like as words: look for those in the letters map first
    has_impersonal = _IMPERSONAL_GATE_RE.search(letters) is not None
    # rows so far as sorted spans with a running maximum of their ends: 'overlaps a row' in log time
    spans = sorted((r["start"], r["end"]) for r in rows) if has_impersonal else []
    span_starts = [a for a, _b in spans]
    max_end: list[int] = []
    for _a, b in spans:
        max_end.append(b if not max_end or b > max_end[-1] else max_end[-1])
    imp_end = -1
    for m in _IMPERSONAL_RE.finditer(raw, body_s, body_e) if has_impersonal else ():
        if inside_quote(m.start()):
            continue
        k = bisect_right(sent_begins, m.start()) - 1
        if k < 0 or m.end() >= sent_ends[k]:
            continue
        c0, c1 = _trim(raw, m.end(), sent_ends[k])
        if _n_words(raw, c0, min(c1, c0 + 100)) < 3 or imp_end > c0:
            continue
        i = bisect_left(span_starts, c1)
        if i > 0 and max_end[i - 1] > c0:
            continue
        emit(c0, c1, "indirect", _Speaker(None, "anonymous"), m.group(1), [])
        imp_end = max(imp_end, c1)

    # ---- free-standing quotes: the previous speaker, or a colon / dash attribution ----------
    sent_starts = sorted(sent_begins)
    chain_speaker: dict[int, tuple[_Speaker, str | None]] = {}
    for r in rows:
        q = inside_quote(r["start"])
        if q is not None and q.used and q.chain >= 0 and r["speaker"]:
            chain_speaker.setdefault(q.chain, (_Speaker(r["speaker"], r["speaker_type"], r["role"],
                                                        r["affiliation"]), r["cue"]))
    for q in q_sorted:
        if q.used:
            continue
        k = bisect_right(sent_starts, q.open_pos) - 1
        s_start = sent_starts[k] if k >= 0 else paras[0][0]
        lead = raw[max(s_start, q.open_pos - 200):q.open_pos].strip(" \u00a0" + OPENERS + '"' + BULLETS)
        if q.open_pos - s_start > 200:
            lead = "… " + lead
        words = _n_words(raw, q.start, min(q.end, q.start + 100))
        sp: _Speaker | None = None
        cue = None
        # 'Zhou: “...”' (a short name phrase and a colon)
        if lead.endswith(":") and 0 < len(lead.split()) <= 6:
            lab_s, lab_e = s_start, s_start + raw[s_start:q.open_pos].rfind(":")
            cue = ":"
            w0 = _words(raw, lab_s, min(lab_e, lab_s + 20))[:1]
            if w0 and w0[0][2].lower() in CUES and w0[0][1] < lab_e:
                # 'Concluded the researchers: “...”': an inverted cue opens the label
                lab_s, cue = w0[0][1], w0[0][2]
            sp = _describe(ctx, lab_s, lab_e, s_start)
            cue = cue if sp else None
        elif lead == "" and words >= 3:
            m = _DASH_ATTR_RE.match(raw[q.close_pos:q.close_pos + 8])
            if m:
                e2 = ctx.para_end(q.close_pos)
                sp = _describe(ctx, q.close_pos + m.end(), min(e2, q.close_pos + m.end() + 60), s_start)
                cue = "—" if sp else None
            if sp is None and k >= 1 and raw[max(0, s_start - 4):s_start].rstrip().endswith(":"):
                # a paragraph ending in a colon introduces the quote: 'Rakers drew his estimate
                # from data released by the ministry. I quote:' -> the intro's subject (the
                # previous sentence's when the intro is the narrator's 'I quote:')
                sp = _colon_intro_speaker(ctx, sent_starts, k, s_start)
                cue = ":" if sp else None
            if sp is None:
                if q.chain >= 0 and q.chain in chain_speaker:
                    sp = chain_speaker[q.chain][0]
                else:
                    # a floating paragraph quote continues a PERSON quoted just before it; an
                    # organisation or data source continues only its own direct statement from
                    # the paragraph immediately before ('"...," SMIC said.' / '"The company ..."')
                    sp = ctx.last_speaker(q.start, window=2500)
                    if sp is not None and sp.type != "person" and not _continues_statement(
                            ctx, rows, q.start, sp):
                        sp = None
                cue = None
        else:
            continue   # scare quotes, titles, terms
        emit(q.start, q.end, "direct", sp, cue, [q])
    rows.sort(key=lambda r: r["start"])
    return rows


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------


def extract_quotes(articles_or_text, published=None) -> pd.DataFrame:
    """The ``quotes`` table for a plain string, a list/Series of strings, the articles table or
    Article objects: one row per direct, indirect or mixed quote, with its speaker (see the module
    docstring for the columns)."""
    return span_table(articles_or_text, _quotes_for_article, "quotes", published)


JSON_FIELDS = ("text", "kind", "speaker", "speaker_type", "role", "affiliation", "cue", "start", "end",
               "in_boilerplate")


def json_items(article: Article) -> list[dict]:
    """The article's quotes in the eval schema's field names (for ``newslib extract --jsonl``)."""
    out = []
    for r in _quotes_for_article(article):
        item = {k: r.get(k) for k in JSON_FIELDS if k != "in_boilerplate"}
        item["in_boilerplate"] = bool(article.in_boilerplate(r["start"], r["end"]))
        out.append(item)
    return out


# --------------------------------------------------------------------------------------------
# corpus-level speaker directory
# --------------------------------------------------------------------------------------------

SPEAKER_COLUMNS = ("speaker", "speaker_type", "category", "roles", "affiliations", "outlets",
                   "n_quotes", "n_articles")

_MEDIA_RE = re.compile(r"\b(?:Times|News|Post|Journal|Daily|Herald|Tribune|Telegraph|Gazette|Press|"
                       r"Television|TV|Radio|Reuters|Bloomberg|Xinhua|Agency|Magazine|Review)\b")
_OFFICIAL_ORG_RE = re.compile(r"\b(?:Court|Department|Ministry|Government|Administration|Commission|"
                              r"Council|Congress|Senate|Parliament|Police|Army|Navy|Pentagon|Bureau|"
                              r"Authority|Embassy|Party|Committee|Office|State|Federal|National|"
                              r"Republic|White House)\b|\bthe (?:court|government|ministry|filing)\b",
                              re.IGNORECASE)
_ANALYST_AFF_RE = re.compile(r"\b(?:Research|Securities|Capital|Partners|Insights|Analytics|"
                             r"Intelligence|Consulting|University|Institute|Bank|Advisors|Advisers)\b")


def _outlet_names() -> set[str]:
    try:
        from .sources import load_sources
        df = load_sources()
        names = set(df["name"].dropna().astype(str))
        if "aliases" in df.columns:
            for a in df["aliases"].dropna().astype(str):
                names.update(x.strip() for x in a.split(";") if x.strip())
        return names
    except Exception:  # pragma: no cover - registry missing or malformed
        return set()


def _category(name: str, typ: str, roles: list[str], affs: list[str], outlets: set[str]) -> str:
    cats = []
    for r in roles:
        words = r.lower().split()
        for i in range(len(words)):
            two = " ".join(words[i:i + 2])
            c = ROLES.get(two) or ROLES.get(_singular(words[i]))
            if c:
                cats.append(c)
        if r.rstrip(".") in TITLES or any(w.rstrip(".") in TITLES for w in r.split()):
            if any(w in r for w in ("President", "Minister", "Premier", "Senator", "Governor", "Mayor",
                                    "Secretary", "Ambassador", "Rep", "Sen", "Gov")):
                cats.append("official")
    if typ == "organization":
        if name in outlets or _MEDIA_RE.search(name):
            return "media"
        if _OFFICIAL_ORG_RE.search(name):
            return "official"
        if _ANALYST_AFF_RE.search(name) and not cats:
            return "analyst"
        return cats[0] if cats and cats[0] != "other" else "company"
    if "analyst" in cats:
        return "analyst"
    if "official" in cats:
        return "official"
    if "media" in cats:
        return "media"
    if "company" in cats:
        return "company"
    if any(_ANALYST_AFF_RE.search(a) for a in affs):
        return "analyst"
    if any(a in outlets or _MEDIA_RE.search(a) for a in affs):
        return "media"
    if any(_OFFICIAL_ORG_RE.search(a) for a in affs):
        return "official"
    if affs:
        return "company"
    return "other"


def speakers(quotes_df: pd.DataFrame, articles_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per named person or organisation quoted across the corpus (anonymous speakers are
    left out: count them from the quotes table).  Names are merged case-insensitively; within an
    article, surnames and pronouns were already resolved to the full name.  Columns:
    ``speaker, speaker_type, category, roles, affiliations, outlets, n_quotes, n_articles``."""
    cols = list(SPEAKER_COLUMNS)
    if quotes_df is None or len(quotes_df) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in cols}).astype(
            {"n_quotes": "int64", "n_articles": "int64"})
    q = quotes_df[quotes_df["speaker"].notna() & (quotes_df["speaker_type"] != "anonymous")].copy()
    outlet_of: dict[str, str] = {}
    if articles_df is not None and "outlet" in articles_df.columns:
        for aid, out in zip(articles_df["article_id"], articles_df["outlet"], strict=False):
            if isinstance(out, str):
                outlet_of[str(aid)] = out
    known_outlets = _outlet_names()
    groups: dict[str, dict] = {}
    for r in q.itertuples(index=False):
        name = str(r.speaker)
        key = " ".join(name.lower().split())
        g = groups.setdefault(key, {"names": Counter(), "types": Counter(), "roles": [], "affs": [],
                                    "outlets": [], "articles": set(), "n": 0})
        g["names"][name] += 1
        g["types"][str(r.speaker_type)] += 1
        for val, lst in ((r.role, g["roles"]), (r.affiliation, g["affs"])):
            if isinstance(val, str) and val and val not in lst:
                lst.append(val)
        outlet = outlet_of.get(str(r.article_id), str(r.article_id))
        if outlet not in g["outlets"]:
            g["outlets"].append(outlet)
        g["articles"].add(str(r.article_id))
        g["n"] += 1
    rows = []
    for g in groups.values():
        name = g["names"].most_common(1)[0][0]
        typ = g["types"].most_common(1)[0][0]
        rows.append({"speaker": name, "speaker_type": typ,
                     "category": _category(name, typ, g["roles"], g["affs"], known_outlets),
                     "roles": g["roles"], "affiliations": g["affs"], "outlets": g["outlets"],
                     "n_quotes": g["n"], "n_articles": len(g["articles"])})
    df = schema.conform(pd.DataFrame(rows, columns=cols), "speakers")
    return df.sort_values(["n_quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


if __name__ == "__main__":  # pragma: no cover
    import sys

    from .article import parse_article
    text = open(sys.argv[1], encoding="utf-8").read()
    for item in json_items(parse_article(text, "x")):
        print(item)
