"""Header parsing and boilerplate removal for one article's raw text, line by line.

`clean_text(raw)` labels every non-blank line of the raw text with the part of the page it is:
``title``, ``dateline``, ``byline``, ``body`` or ``boilerplate`` (with a reason), and reads the
header: headline, publication date, byline, URL and the outlet signals the text carries.

How a page's text is read (the rules are general, not fitted to one site):

* **Headline**: the first headline-like line: not navigation ("Home", "World | Business",
  "SOURCE / COMPANIES"), not a breadcrumb, not the site's name, not a date, byline, caption or
  page-furniture cue; 2-40 words.  Exact or near-exact repeats of it elsewhere (also a breadcrumb
  ending in it, or the headline with " | Site" appended) are boilerplate (``repeated-headline`` /
  ``breadcrumb``).  When the first line is "Headline | Site" and the bare headline follows, the
  bare one is the title.
* **Header region**: lines before the headline, and the lines after it up to the body (up to
  the last dateline or byline found within a few lines of the headline).  Only here are
  publication dates and bylines read, so a date in the body or in a teaser block at the end is
  never taken.  A "Published:"/"Updated:" line elsewhere is used only when the header has none.
* **Publication date**: published wins over updated; a bare date line counts as published; the
  time (12h -> 24h) is kept when stated.  ``published`` is None when the text states no full date.
* **Boilerplate**: lines before the headline (navigation, breadcrumbs, site names); short label
  lines between the headline and the body; lines matching the cue lexicons (share prompts, ads,
  newsletter boxes, copyright, disclaimers, credits, captions); "Related" / "Guess You Like" /
  "More from ..." teaser blocks (the heading and its teaser lines up to the next article
  paragraph); short non-sentence lines after the article's last paragraph.  Datelines and
  bylines are not boilerplate; short subheadings between body paragraphs stay body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from . import boilerplate as bp
from .header import DateHit, looks_like_name, parse_byline, parse_dateline
from .text import MONTH_RE, WEEKDAY_RE, line_spans

PARTS = ("title", "dateline", "byline", "body", "boilerplate")


@dataclass(slots=True)
class LineInfo:
    start: int  # offsets of the stripped line in raw
    end: int
    part: str  # one of PARTS
    reason: str | None = None  # for boilerplate: breadcrumb, repeated-headline, photo-credit, ...


@dataclass
class Cleaned:
    lines: list[LineInfo]
    title: str | None = None
    title_span: tuple[int, int] | None = None
    published: pd.Timestamp | None = None  # minute precision when a time is stated, else midnight
    published_from: str | None = None  # "text" or "url"
    published_span: tuple[int, int] | None = None  # the date expression in raw, when from text
    byline: str | None = None
    url: str | None = None  # a page address found in the text
    outlet_signals: list[str] = field(default_factory=list)  # names found in copyright/credit lines
    body_words: int | None = None  # words in the body lines (None when the text has zero-width characters)


_TITLE_SCAN = 60  # lines searched for the headline
_HEADER_AFTER_TITLE = 12  # lines after the headline searched for datelines / bylines
_BY_START = re.compile(r"(?:by|written|words|reported|posted|story|text|authors?|writer|reporter|byline)\b", re.IGNORECASE)
_YEARISH = re.compile(r"(?:19|20)\d\d")  # every date parse_dateline reads has a four-digit year
_ALNUM = re.compile(r"[\W_]+")
_SITE_SUFFIX = re.compile(r"^(?P<head>.{8,300}?)[\s\u00a0]{1,3}[|–—-][\s\u00a0]{1,3}(?P<site>[^|–—]{2,60})$")
_SITE_SEP = re.compile(r"[\s\u00a0][|–—-][\s\u00a0]")  # what every _SITE_SUFFIX match contains


# "China Tower: HK$53.42 billion", "Revenue: +12.5%": a labelled figure in a data list closing the
# article is content, not a footer link (bounded label, so linear)
_DATA_LINE = re.compile(
    r"[^\s:][^:\n]{0,60}:[ \u00a0]*(?:[-+\u2212]?[A-Z]{0,3}[$\u20ac\u00a3\u00a5\u20b9][ \u00a0]?\d"
    r"|[-+\u2212]?\d[\d.,]{0,20}[ \u00a0]?(?:%|(?i:per[ \u00a0]?cent|percent|million|billion|trillion|bn|mn)\b))")

def _site_suffix(text: str) -> re.Match | None:
    """`_SITE_SUFFIX.match(text)`, skipped when the text has no spaced separator (" | ", " - ")."""
    if ("-" in text or "|" in text or "–" in text or "—" in text) and _SITE_SEP.search(text):
        return _SITE_SUFFIX.match(text)
    return None

_SENT_END = tuple(".!?\"”’)")
_TRUNCATED = ("...", "…")
# whitespace that str.split() splits on but the line normalisation (boilerplate._norm) keeps
_ODD_WS = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"


# the characters that make boilerplate._norm rewrite a line (besides a double space)
_NORM_SPACES = "\t\r\u00a0" + "".join(chr(c) for c in range(0x2000, 0x200c)) + "\u202f\u205f\u3000\ufeff"


def _spaced(raw: str) -> bool:
    """No line of `raw` is changed by boilerplate._norm: no double space, tab, CR, no-break,
    zero-width or other odd space (a line never holds a line break)."""
    if "  " in raw:
        return False
    if raw.isascii():
        return "\t" not in raw and "\r" not in raw
    for ch in _NORM_SPACES:
        if ch in raw:
            return False
    return True


def _plain(raw: str) -> bool:
    """No character of `_ODD_WS` in raw (a `in` test per character is many times faster than a regex)."""
    for ch in _ODD_WS:
        if ch in raw:
            return False
    return True


# a line made only of byline/dateline labels: "By", "Contributors", "Last updated:", "Written by Published"
_LABEL_ONLY = re.compile(
    r"^(?:(?:and|&|\|)\s{1,2})?(?:(?:written|posted|reported|words|story|text)\s)?(?:by|authors?|contributors?|writers?|reporters?|byline"
    r"|published|posted|updated|last\supdated|first\spublished|date|written\sby)"
    r"(?:[\s:：|,]{1,3}(?:by|published|posted|updated|last\supdated|date|on|and)){0,3}[\s:：|,]{0,3}$",
    re.IGNORECASE)
# a byline/dateline fragment the scraper split off: a wire or desk credit with a dangling separator
# ("Reuters |", "AFP -"), or a label after one ("| Updated", "• 3 hours ago")
_FRAGMENT = re.compile(r"^[A-Z][\w&.'’-]{0,24}(?:\s[A-Z][\w&.'’-]{0,24}){0,2}\s{0,2}[|•·–—/-]$"
                       r"|^[|•·–—]\s{0,2}(?:updated|published|posted|last\supdated|by|\d{1,3}\s(?:hours?|minutes?|mins?|days?)\sago)\b",
                       re.IGNORECASE)
# a masthead or slogan line ("Most Widely Read Newspaper", "Nigeria's Leading Daily", "Breaking News"):
# short, no digits, names the publication by what it is or brags about it
_MASTHEAD = re.compile(
    r"\b(?:newspapers?|e-?paper|news\s(?:portal|site|source|network|website)|(?:most|widely)\s(?:widely\s)?read"
    r"|most\strusted|breaking\snews|latest\snews|online\sedition|since\s1[89]\d\d"
    r"|(?:leading|largest|number\sone|no\.?\s?1|premier|independent|national)\s(?:daily|weekly|news|newspaper|source))\b",
    re.IGNORECASE)
# the vocabulary of cookie / consent / privacy banners, and the reader being addressed
_CONSENT = re.compile(
    r"\bcookies?\b|\bconsent|\bprivacy\b|\bpersonali[sz](?:e|ed|es|ing|ation)\b|\bopt[\s-]out\b|\bthird[\s-]part(?:y|ies)\b"
    r"|\b(?:accept|reject|deny|allow)\s(?:all|optional|cookies)\b|\bsimilar\stechnologies\b|\bterms\sof\s(?:service|use)\b"
    r"|\bmanage\s(?:preferences|settings|options|choices)\b|\blegitimate\sinterests?\b|\bad(?:vertising)?\spartners\b"
    r"|\badvertising\b|\btracking\btechnolog", re.IGNORECASE)
_ADDRESSED = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
_FRAGMENT_ENDS = frozenset("|•·–—/-")
_BYLINE_LABEL = re.compile(r"^(?:written|posted|reported|words|story|text|by|authors?|contributors?|writers?|reporters?|byline)\b",
                           re.IGNORECASE)
# "Jane Doe in Beijing", also glued by the scraper: "Jane Doein Beijing"
_NAME_IN_PLACE = re.compile(r"^[A-Z][\w'’.-]{0,30}(?:\s[A-Z][\w'’.-]{0,30}){1,3}?(?:\s|(?<=[a-z]))(?:in|from)\s"
                            r"[A-Z][\w'’.-]{1,30}(?:\s[A-Z][\w'’.-]{1,30})?$")
_NOT_NAME_END = frozenset("image images photo photos icon logo avatar picture profile video".split())
_BULLETS = tuple("•◦▪▫●○■□►▶➤-*·")
# words that mark a headline suffix as the site's name: "Headline – Asia Financial", "Headline | Daily Post"
_SITE_WORDS = frozenset(
    "news times post journal financial finance daily herald tribune insider review today magazine weekly online "
    "network media group wire press gazette observer telegraph standard chronicle star mail guardian independent "
    "express economist monitor report reporter business markets money fortune forbes reuters bloomberg cnbc bbc "
    "cnn asia china global world international headlines digest blog tech techcrunch verge mint recorder "
    "investor investing street insight insights".split())
# photo captions without a credit marker: a present-tense scene ("An investor looks at ...",
# "The model is displayed at ...") or a scene ending in its date ("..., in Austin, Texas, on May 31, 2023.")
_CAPTION_VERB = re.compile(
    r"\b(?:is|are)\s(?:seen|displayed|pictured|shown|silhouetted|reflected)\b"
    r"|\b(?:looks?|walks?|stands?|poses?|gestures?|waits?|sits?|passes|rides?|cycles?|queues?)"
    r"\s(?:at|past|in|on|outside|inside|near|next\sto|under|beside|along|through|by|for\sa\sphoto)\b")
_CAPTION_VERBS = ("seen", "displayed", "pictured", "shown", "silhouetted", "reflected", "look", "walk", "stand",
                  "pose", "gesture", "wait", "sit", "passes", "ride", "cycle", "queue")  # one is in every _CAPTION_VERB match
_CAPTION_DATE_END = re.compile(rf"\s(?:on|in)\s(?:{WEEKDAY_RE},?\s)?{MONTH_RE}\.?\s\d{{1,2}},\s(?:19|20)\d\d\.$")
_STAMP = re.compile(r"^date\s((?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?!\d)")
_BUTTONS = frozenset(("learn more", "find out more", "subscribe", "subscribe now", "subscribe today", "sign up",
                      "sign up now", "upgrade", "upgrade now", "try it free", "start your free trial", "join now",
                      "register", "get the app", "download the app"))
_PROMO = frozenset(("ad", "share-prompt", "newsletter", "teaser"))
_QUOTES = frozenset("\"“”«»")
_SUBHEAD_START = re.compile(r"^(?:what|why|how|who|where|when|so|now|the|a|an|our|here|key|bottom|more)\b", re.IGNORECASE)
_APPEARED = re.compile(r"appeared first on\s(?P<name>[^.]{2,60}?)\.?$|originally (?:published|appeared) (?:on|in|by)\s"
                       r"(?P<name2>[A-Z][^.,]{1,60}?)[.,]?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    """Names, aliases and domains of the built-in outlet registry, lower-cased: a line that is
    just one of them is the site's name, not a headline."""
    try:
        from .sources import load_sources
        reg = load_sources()
    except Exception:  # the registry is optional for cleaning
        return frozenset()
    out = set()
    for col in ("name", "aliases", "domain"):
        for v in reg[col].astype(str):
            for x in v.split(";"):
                x = x.strip().lower()
                if x:
                    out.add(x)
                    out.add(x.removeprefix("the "))
    return frozenset(out)


# ASCII characters that are not letters or digits: what `_ALNUM` removes from an ASCII string
_ASCII_DROP = bytes(c for c in range(128) if not chr(c).isalnum())


def _akey(s: str) -> str:
    if s.isascii():  # fast path, same result: casefold is lower(), [\W_] is every non-alphanumeric
        return s.lower().encode("ascii").translate(None, _ASCII_DROP).decode("ascii")
    return _ALNUM.sub("", s.casefold())


class _Line:
    __slots__ = ("s", "e", "text", "toks", "words", "cue", "_akey", "_date", "_byline", "_dated", "_prose", "_dek")

    def __init__(self, raw: str, s: int, e: int, plain: bool = False, spaced: bool = False):
        self.s, self.e = s, e
        # `spaced`: the article has no double spaces, tabs, CRs or odd Unicode spaces, so the
        # stripped raw line is already what bp._norm gives
        text = self.text = raw[s:e] if spaced else bp._norm(raw[s:e])
        # the line's first words (prose() and dek() look at the first 12); the last item holds the rest
        toks = self.toks = text.split(None, 12)
        if len(toks) <= 12:
            words = len(toks)
        elif plain:  # no odd whitespace in the article: the normalised words are one space apart
            words = text.count(" ") + 1
        else:
            words = len(text.split())
        self.words = words
        self.cue = bp.cue(text, words, normalized=True)
        self._akey: str | None = None
        self._dated = False
        self._date: tuple[DateHit | None, bool] = (None, False)
        self._byline: str | None | bool = False
        # an article paragraph: 10+ words, a sentence end (or 25+ words), lower-case words among the first
        if words >= 10 and (words >= 25 or text.endswith(_SENT_END)):
            # a fifth of the first 10-12 words start lower-case: 2 of 10, 3 of 11 or 12
            need = 2 if words == 10 else 3
            for t in toks[:12]:
                if t[0].islower():
                    need -= 1
                    if not need:
                        break
            self._prose = not need
        else:
            self._prose = False
        self._dek: bool | None = None if words >= 5 else False  # a dek needs 5+ words

    @property
    def akey(self) -> str:
        """The line's letters and digits, case-folded: equal keys are (near-)exact repeats."""
        if self._akey is None:
            self._akey = _akey(self.text) if self.words <= 60 else ""
        return self._akey

    def date(self) -> tuple[DateHit | None, bool]:
        if not self._dated:
            self._dated = True
            if self.words <= 40 and _YEARISH.search(self.text) and "://" not in self.text \
                    and "www." not in self.text:
                self._date = parse_dateline(self.text)
        return self._date

    def is_dateline(self) -> bool:
        return self.date()[1]

    def is_label(self) -> bool:
        """A byline/dateline label without its value ("By", "Published", "Contributors")."""
        if self.words > 6 or len(self.text) > 50:
            return False
        if _LABEL_ONLY.match(self.text):
            return True
        if self.text[-1] not in _FRAGMENT_ENDS and self.text[0] not in _FRAGMENT_ENDS:
            return False
        return bool(_FRAGMENT.match(self.text)) and not bp.is_nav(self.text.strip(" |•·–—/-"))

    def is_header_meta(self) -> bool:
        """A dateline, a byline or a byline/dateline label."""
        return self.is_dateline() or self.is_label() or (not self._prose and self.byline() is not None)

    def byline(self) -> str | None:
        if self._byline is False:
            hit, ok = self.date()
            span = (hit.start, hit.end) if hit is not None and ok else None
            if self.words > 30 or (self.words > 12 and not _BY_START.match(self.text)):
                self._byline = None
            else:
                self._byline = parse_byline(self.text, span)
        return self._byline  # type: ignore[return-value]

    def prose(self) -> bool:
        """An article paragraph: a sentence of some length with lower-case words."""
        return self._prose

    def dek(self) -> bool:
        """A standfirst/subheading-like line: 5+ words with lower-case words in it."""
        if self._dek is None:
            self._dek = any([t[0].islower() for t in self.toks[1:12]])
        return self._dek


def _consent_lines(L: list[_Line]) -> None:
    """Cookie / consent banners anywhere in the page: from a line with a cookie cue, the adjacent
    lines that speak the banner's vocabulary (cookies, consent, privacy, personalising,
    advertising, "Accept All", third parties, ...) to the reader (you / we / our), or short ones
    ("This includes personalizing content and advertising."), get the cookie cue too; so does a
    short heading right above the block ("Your choices", "We value your privacy")."""
    n = len(L)
    j = 0
    while j < n:
        if L[j].cue != "cookie":
            j += 1
            continue
        k = j - 1  # upwards: short heading-like lines of the banner
        while k >= 0 and not L[k].cue and L[k].words <= 8 and not L[k].text.endswith(".") \
                and _CONSENT.search(L[k].text):
            L[k].cue = "cookie"
            k -= 1
        k = j + 1
        while k < n and L[k].words <= 80:
            ln = L[k]
            if ln.cue == "cookie":
                pass
            elif ln.cue or not _CONSENT.search(ln.text) or not (ln.words <= 12 or _ADDRESSED.search(ln.text)):
                break
            else:
                ln.cue = "cookie"
            k += 1
        j = k + 1


def _title_like(ln: _Line) -> bool:
    if ln.cue or ln.words < 2 or len(ln.text) > 300 or ln.words > 40:
        return False
    if ln.words >= 20 and ln._prose:
        return False  # a paragraph
    if ln.text.endswith(":") or not any(c.isalpha() for c in ln.text):
        return False
    if ln.text.startswith(_BULLETS) or ln.is_label():
        return False  # a list item or menu entry, a "By" / "Published" label
    if _caption_like(ln):
        return False
    if bp.url_in_line(ln.text) or bp.is_nav(ln.text):
        return False
    if ln.text.lower().removeprefix("the ") in _outlet_names() or ln.text.lower() in _outlet_names():
        return False
    parts = bp.breadcrumb_parts(ln.text)
    if parts and (len(parts[-1].split()) <= 3 or parts[0].lower() in bp.nav_words()):
        return False
    if ln.is_dateline() or ln.byline():
        return False
    if bp.camera_caption(ln.text, ln.words):
        return False
    return True


def _prev_text_line(parts: list[str | None], reasons: list[str | None], j: int) -> int:
    """The line before `j`, skipping ad-slot lines ("Advertisement") between paragraphs."""
    k = j - 1
    while k >= 0 and parts[k] == "boilerplate" and reasons[k] == "ad" and k > j - 4:
        k -= 1
    return k


def _strip_site(title: str) -> str:
    """The headline without a trailing site name ("Headline – Asia Financial", "Headline | Daily
    Post"): the suffix is 1-4 capitalised words without digits that name a known outlet or end in
    a word publications use in their names (News, Times, Financial, Post, ...)."""
    m = _site_suffix(title)
    if not m or len(m.group("head").split()) < 4:
        return title
    site = m.group("site").strip()
    words = site.split()
    if not 1 <= len(words) <= 4 or any(c.isdigit() for c in site) or not all(w[:1].isupper() for w in words):
        return title
    low = site.lower()
    if low in _outlet_names() or low.removeprefix("the ") in _outlet_names() or "." in low \
            or any(w.lower() in _SITE_WORDS for w in words):
        return m.group("head").rstrip()
    return title


def _bare_name(ln: _Line) -> bool:
    """An author name on its own line ("Jane Doe", "Jane Doe Reuters"), not a site or menu name."""
    if ln.cue or not looks_like_name(ln.text) or ln.text.lower() in _outlet_names():
        return False
    toks = ln.text.split()
    return toks[-1].lower() not in _NOT_NAME_END and not any(w.lower() in bp.nav_words() for w in toks)


def _subheading(ln: _Line) -> bool:
    """A short in-article subheading ("What happened", "Why it matters"): 2-8 words, starts like a
    phrase, no trailing colon, not a name, a menu entry or a page-furniture cue."""
    return 2 <= ln.words <= 8 and not ln.cue and not ln.text.endswith(":") and bool(_SUBHEAD_START.match(ln.text)) \
        and not bp.is_nav(ln.text) and not ln.is_header_meta()


def _lead_position(L: list[_Line], parts: list[str | None], j: int) -> bool:
    """Line `j` follows the headline, an image line or the first paragraph: at most one article
    paragraph and no other body line (a table row, a subheading) comes before it."""
    prose = 0
    for k in range(j - 1, max(-1, j - 40), -1):
        if parts[k] == "title":
            return True
        if parts[k] == "body":
            if not L[k]._prose:
                return False
            prose += 1
            if prose > 1:
                return False
    return True


def _photo_title(ln: _Line) -> bool:
    """A picture title as photo agencies write them: 3-15 words in Title Case, no sentence end, not
    a subheading ("What happened") or a byline."""
    if not 3 <= ln.words <= 15 or ln.text.endswith(_SENT_END) or ln.text.endswith(":") or _subheading(ln):
        return False
    toks = ln.text.split()
    return sum(1 for w in toks if w[:1].isupper() or w[:1].isdigit()) * 4 >= len(toks) * 3 and not ln.is_header_meta()


def _caption_like(ln: _Line) -> bool:
    """A photo caption by its wording (no credit marker needed): one sentence of 4-35 words
    describing a scene in the present tense or ending in the date the photo was taken."""
    text = ln.text
    if not 4 <= ln.words <= 35 or not text.endswith(".") or any(q in text for q in _QUOTES):
        return False
    if ". " in text[:-1]:
        return False  # more than one sentence
    # cheap necessary conditions first: a verb of `_CAPTION_VERB` (case-sensitive, as the regex),
    # a year and a period at the end for `_CAPTION_DATE_END`
    if any(v in text for v in _CAPTION_VERBS) and _CAPTION_VERB.search(text):
        return True
    return text[-5:-3] in ("19", "20") and _CAPTION_DATE_END.search(text) is not None


def _structural_boilerplate(L: list[_Line], parts: list[str | None], reasons: list[str | None],
                            t: int | None, body_start: int) -> None:
    """Boilerplate recognised by position and layout rather than by its words: captions without a
    credit marker next to the headline or a credited photo, video teasers ("11:13" + clip title),
    a truncated copy of the next paragraph, promos sandwiched between promo lines, and the reader
    comments after an "N Comments" / "Leave a Reply" heading."""
    n = len(L)

    def mark(j: int, reason: str) -> None:
        parts[j], reasons[j] = "boilerplate", reason

    # captions: the first lines after the headline (or the first lines of a headline-less excerpt)
    lead, j = 0, (t + 1 if t is not None else 0)
    while j < n and lead < 3:
        if parts[j] is None:
            lead += 1
            if _caption_like(L[j]):
                mark(j, "caption")
        j += 1
    for j in range(n):
        if parts[j] is not None or j + 1 >= n or reasons[j + 1] not in ("photo-credit", "caption") \
                or L[j].words > 15 or L[j]._prose or any(q in L[j].text for q in _QUOTES):
            continue
        if L[j].words <= 12 and L[j].text.endswith("."):
            mark(j, "caption")  # alt text right above a credited caption ("Jane Doe, founder of Acme.")
        elif (t is None or j > t) and _photo_title(L[j]):
            mark(j, "caption")  # a photo agency's picture title above its credit ("Automaker Reports Earnings")
    prose_seen = 0
    comments_from = n
    for j in range(n):
        ln = L[j]
        if parts[j] is None:
            if ln._prose:
                prose_seen += 1
            # video teaser: a clip length and the clip's title (often twice)
            if len(ln.text) <= 8 and bp.clip_length(ln.text) and (t is None or j > t):
                mark(j, "video")
                for k in range(j + 1, min(n, j + 3)):
                    if parts[k] is None and L[k].words <= 15 and not L[k].text.endswith((".", "!")):
                        mark(k, "video")
                    else:
                        break
                continue
            # a truncated copy of the next paragraph (a meta description above the lede)
            if j + 1 < n and ln.words >= 8 and len(L[j + 1].text) > len(ln.text) and not ln.text.endswith(_SENT_END):
                head = ln.text.rsplit(" ", 1)[0]
                if L[j + 1].text.startswith(head):
                    mark(j, "duplicate")
                    continue
            # a promo paragraph between two promo lines
            if 0 < j < n - 1 and reasons[j - 1] in _PROMO and reasons[j + 1] in _PROMO and ln.words < 80 \
                    and L[j - 1].words >= 4 and L[j + 1].words >= 4:
                mark(j, "promo")
        elif ln.cue == "comment-prompt" and prose_seen >= 3 and j >= body_start and comments_from == n \
                and bp.comment_heading(ln.text):
            comments_from = j
    # the reader-comments section runs to the end of the page
    for j in range(comments_from + 1, n):
        if parts[j] is None or parts[j] == "body":
            mark(j, "comments")


def _is_body_start(ln: _Line) -> bool:
    return ln._prose and not ln.cue


def _find_title(L: list[_Line]) -> int | None:
    """The headline's line index: the first headline-like line that has a headline signal (a
    dateline or byline just below it, or a repeat of it nearby); when no candidate has one, the
    first candidate of 3+ words (else the first candidate)."""
    cands: list[int] = []
    prose_after = prose_before = 0
    for i, ln in enumerate(L[:_TITLE_SCAN]):
        if ln._prose and not ln.cue and not ln.is_header_meta():
            if cands:
                prose_after += 1
                if prose_after >= 2:
                    break  # the body has started
            elif ln.words >= 15 and not ln.text.startswith(_BULLETS):
                prose_before += 1
                if prose_before >= 2:
                    break  # the excerpt starts inside the body: no headline in it
        if _title_like(ln):
            if ln._prose and ln.words >= 30:
                break  # a paragraph, not a headline: the article body has started
            if _before_button(L, i):
                continue  # a promo box: heading, blurb, "Learn more" button
            cands.append(i)
            if len(cands) >= 8:
                break
        elif _is_body_start(ln) and ln.words >= 40:
            break
    if not cands:
        return None
    if len(cands) > 1:  # a masthead or slogan above the headline is never the headline
        last_plain = max((c for c in cands if not _masthead(L[c])), default=-1)
        cands = [c for c in cands if c > last_plain or not _masthead(L[c])]
    if cands[0] == 0 and L[0]._prose and L[0].words >= 30:
        return None
    t = next((c for c in cands if _has_title_signal(L, c)), None)
    if t is None:
        t = next((c for c in cands if L[c].words >= 3), cands[0])
    # a short kicker / tag line ("Diverging, Views", "EXCLUSIVE") above the real headline
    if L[t].words <= 3:
        nxt = next((c for c in cands if c > t), None)
        if nxt is not None and nxt - t <= 2 and L[nxt].words > L[t].words:
            small = set(_akey(w) for w in L[t].text.split()) - {""}
            big = set(_akey(w) for w in L[nxt].text.split())
            if small <= big:
                t = nxt
    # "Headline | Site" followed by the bare headline: the bare one is the title
    m = _site_suffix(L[t].text)
    if m:
        hk = _akey(m.group("head"))
        for j in range(t + 1, min(len(L), t + 8)):
            if L[j].akey == hk:
                return j
    return t


def _masthead(ln: _Line) -> bool:
    """A masthead or slogan line: at most 7 words, no sentence end, no lower-case words
    but short function words, and a publication word or a boast (see `_MASTHEAD`)."""
    text = ln.text
    if ln.words > 7 or text.endswith(_SENT_END):
        return False
    if any(t[0].islower() and len(t) > 3 for t in text.split()):
        return False  # a verb phrase: "Newspaper sales fall again"
    return _MASTHEAD.search(text) is not None


def _before_button(L: list[_Line], i: int) -> bool:
    """The line heads a promo box: a call-to-action button line ("Learn more", "Subscribe now",
    "Upgrade") follows within two lines."""
    for j in range(i + 1, min(len(L), i + 3)):
        if L[j].words <= 4 and L[j].cue and bp.key(L[j].text) in _BUTTONS:
            return True
        if L[j]._prose or L[j].is_header_meta():
            return False
    return False


def _has_title_signal(L: list[_Line], i: int) -> bool:
    if L[i].words <= 5 and looks_like_name(L[i].text):
        return False  # "Jane Doe" above a dateline is a byline
    size = len(L[i].text)
    for j in range(i + 1, min(len(L), i + 12)):
        if abs(len(L[j].text) - size) <= size // 4 + 4 and L[j].akey == L[i].akey:
            return True
    m = _site_suffix(L[i].text)
    if m:
        hk = _akey(m.group("head"))
        if any(L[j].akey == hk for j in range(i + 1, min(len(L), i + 8))):
            return True
    seen = 0
    for j in range(i + 1, min(len(L), i + 8)):
        ln = L[j]
        if ln.cue:
            continue
        if ln.is_header_meta():
            return True
        seen += 1
        if seen >= 2 or not ln.dek():
            return False
    return False


def _repeat_reason(ln: _Line, title: _Line) -> str | None:
    if len(ln.text) < 0.8 * len(title.text) or ln.words > 60:
        return None
    tk = title.akey
    if not tk or not ln.akey:
        return None
    if ln.akey == tk:
        return "repeated-headline"
    if len(ln.akey) > len(tk) and tk in ln.akey:
        parts = bp.breadcrumb_parts(ln.text)
        if parts and _akey(parts[-1]) == tk:
            return "breadcrumb"
        m = _site_suffix(ln.text)
        if m and (_akey(m.group("head")) == tk or _akey(m.group("site")) == tk):
            return "repeated-headline"
    return None


_ZW = "\ufeff\u200b"  # stripped from line ends like whitespace (as text.line_spans does)


def _line_spans(raw: str) -> list[tuple[int, int]]:
    """`text.line_spans(raw)`, with the common line (no space or zero-width character at either
    end) taken as it is, without stripping copies of it."""
    out = []
    pos = 0
    for seg in raw.split("\n"):
        n = len(seg)
        if n:
            a, b = seg[0], seg[-1]
            if not (a.isspace() or b.isspace() or a in _ZW or b in _ZW):
                out.append((pos, pos + n))
            else:
                out.extend((pos + s, pos + e) for s, e in line_spans(seg))
        pos += n + 1
    return out


def clean_text(raw: str) -> Cleaned:
    """Label every non-blank line of `raw` and read the header (see the module docstring)."""
    plain = _plain(raw)
    spaced = _spaced(raw)
    spans = _line_spans(raw)
    L = [_Line(raw, s, e, plain, spaced) for s, e in spans]
    n = len(L)
    parts: list[str | None] = [None] * n
    reasons: list[str | None] = [None] * n
    out = Cleaned(lines=[])
    if not n:
        return out
    if "cookie" in [ln.cue for ln in L]:
        _consent_lines(L)

    t = _find_title(L)
    # ---- the header region -----------------------------------------------------------------
    hdr_lo = t + 1 if t is not None else 0
    hdr_end = hdr_lo - 1  # last header line (dateline / byline) after the title
    prose_seen = 0
    limit = min(n, hdr_lo + _HEADER_AFTER_TITLE) if t is not None else min(n, _TITLE_SCAN)
    for j in range(hdr_lo, limit):
        ln = L[j]
        if ln.is_header_meta():
            hdr_end = j
            continue
        if ln._prose and not ln.cue:
            prose_seen += 1
            if ln.words >= 45 or prose_seen >= 2 or t is None:
                break
    body_start = n
    for j in range(hdr_end + 1, n):
        if _is_body_start(L[j]) or (L[j].dek() and not L[j].cue and j > hdr_end + 1 and not L[j].is_dateline()):
            body_start = j
            break
    if t is None and body_start == n:
        body_start = 0
    header = set(range(0, t if t is not None else 0)) | set(range(hdr_lo, body_start))

    # ---- title and its repeats ------------------------------------------------------------------
    if t is not None:
        parts[t] = "title"
        out.title = raw[L[t].s:L[t].e]
        out.title_span = (L[t].s, L[t].e)
        head = _strip_site(out.title)
        if head != out.title:  # "Headline – Asia Financial": the site's name is not part of the headline
            out.title = head
            out.title_span = (L[t].s, L[t].s + len(head))
        tl = L[t]
        short = 0.8 * len(tl.text)  # a repeat is at least this long (checked here: most lines are not)
        for j in range(n):
            if j != t and len(L[j].text) >= short and L[j].words <= 60:
                r = _repeat_reason(L[j], tl)
                if r:
                    parts[j], reasons[j] = "boilerplate", r

    # ---- datelines and bylines in the header ------------------------------------------------------
    date_lines: list[int] = []
    for j in sorted(header):
        if parts[j] is not None:
            continue
        ln = L[j]
        by = ln.byline() if ln.words <= 30 else None
        if ln.is_dateline():
            date_lines.append(j)
            parts[j] = "byline" if by else "dateline"
            if by and out.byline is None:
                out.byline = by
        elif by:
            parts[j] = "byline"
            if out.byline is None:
                out.byline = by
        elif ln.is_label() and not ln.cue:
            parts[j] = "byline" if _BYLINE_LABEL.match(ln.text) else "dateline"
            date_lines.append(j)
        elif t is not None and j > t and ln.words <= 6 and not ln.cue and _NAME_IN_PLACE.match(ln.text):
            parts[j] = "byline"  # "Jane Doe in Beijing" (also glued: "Jane Doein Beijing")
            if out.byline is None:
                out.byline = ln.text
    # a bare author name next to a dateline or a byline label ("By" / "Jane Doe" / "May 26, 2021")
    named: set[str] = set()
    for j in date_lines:
        for k in (j - 1, j + 1):
            if 0 <= k < n and k in header and parts[k] is None and _bare_name(L[k]):
                parts[k] = "byline"
                named.add(L[k].text)
                if out.byline is None:
                    out.byline = L[k].text
    for j in sorted(header):  # the same name repeated in the byline block
        if parts[j] is None and L[j].text in named:
            parts[j] = "byline"

    # ---- cue lines and teaser blocks ----------------------------------------------------------
    teaser = [False] * n
    j = 0
    while j < n:
        ln = L[j]
        if parts[j] is None and ln.cue:
            parts[j], reasons[j] = "boilerplate", ("teaser" if ln.cue == "teaser-heading" else ln.cue)
            if ln.cue == "teaser-heading" and (t is None or j > t):
                teaser[j] = True
                k = j + 1
                while k < n:
                    lk = L[k]
                    if parts[k] in ("title",):
                        break
                    if lk.words >= 50 or (lk.words >= 30 and lk._prose and not lk.text.endswith(_TRUNCATED)):
                        break
                    teaser[k] = True
                    if parts[k] is None:
                        parts[k] = "boilerplate"
                        reasons[k] = lk.cue if lk.cue and lk.cue != "teaser-heading" else "teaser"
                    k += 1
                j = k
                continue
            if ln.cue == "contents":
                # a table of contents: the heading and its short entries, up to the first paragraph
                k = j + 1
                while k < n and parts[k] is None and L[k].words <= 15 and not L[k]._prose:
                    parts[k], reasons[k] = "boilerplate", "contents"
                    k += 1
                j = k
                continue
            if ln.cue == "newsletter" and ln.words <= 8 and j > body_start:
                # a sign-up box: its heading, then list names and blurbs up to the next paragraph
                k = j + 1
                while k < n and parts[k] != "title" and not (L[k].words >= 25 and L[k]._prose) \
                        and not L[k].is_header_meta():
                    if parts[k] is None:
                        parts[k] = "boilerplate"
                        reasons[k] = L[k].cue or "newsletter"
                    k += 1
                j = k
                continue
        j += 1

    _structural_boilerplate(L, parts, reasons, t, body_start)

    # ---- lines before the headline, labels between headline and body ----------------------------
    for j in sorted(header):
        if parts[j] is not None:
            continue
        ln = L[j]
        if t is not None and j < t and ln.text.startswith(_BULLETS) and ln._prose and not ln.cue:
            parts[j] = "body"  # key-point bullets above the headline
        elif t is not None and j < t:
            parts[j] = "boilerplate"
            reasons[j] = "breadcrumb" if bp.breadcrumb_parts(ln.text) else "navigation"
        elif ln.dek() or ln._prose:
            parts[j] = "body"  # a standfirst / dek
        elif j + 1 == body_start and _subheading(ln):
            parts[j] = "body"  # the article's first subheading ("What happened")
        else:
            parts[j] = "boilerplate"
            reasons[j] = "caption" if bp.camera_caption(ln.text, ln.words) else "navigation"

    # ---- captions in the body, footer lines after the last paragraph ----------------------------
    last_prose = -1
    for j in range(n):
        if parts[j] is None and L[j]._prose:
            last_prose = j
    footer_from = n
    prose_before = False
    for j in range(body_start, n):
        if reasons[j] in ("copyright", "disclaimer") and prose_before:
            footer_from = j
            break
        prose_before = prose_before or (parts[j] is None and L[j]._prose)
    for j in range(n):
        if parts[j] is not None:
            continue
        ln = L[j]
        if j > footer_from and (ln.words < 25 or not (ln._prose and j + 1 < n and parts[j + 1] is None
                                                      and L[j + 1]._prose)):
            # after the copyright / disclaimer: page footer, unless two paragraphs in a row resume the article
            parts[j], reasons[j] = "boilerplate", "footer"
        elif j == n - 1 and _prev_text_line(parts, reasons, j) == last_prose and ln.text[:1].isalnum():
            parts[j] = "body"  # the excerpt ends mid-sentence: the cut-off paragraph is still article text
        elif ln.words <= 10 and ln.text[:3].lower() == "by " and parse_byline(ln.text):
            parts[j] = "byline"  # a sign-off byline ("By Jane Doe (jane@example.com)")
        elif bp.camera_caption(ln.text, ln.words):
            parts[j], reasons[j] = "boilerplate", "caption"
        elif ln.words == 1 and len(ln.text) <= 5 and ln.text.isdigit() and j < n - 1:
            parts[j], reasons[j] = "boilerplate", "label"  # a share or comment counter ("2")
        elif ln.words == 1 and ln.text.isalpha() and ln.text.islower() and j < n - 1:
            parts[j], reasons[j] = "boilerplate", "caption"  # a stray image alt text or tag ("tencent")
        elif j > last_prose >= 0 and ln.words < 8 and not ln.text.endswith(_SENT_END) \
                and not _DATA_LINE.match(ln.text):
            parts[j], reasons[j] = "boilerplate", "footer"
        else:
            parts[j] = "body"

    # a "Source: ..." line under a table or chart in the middle of the article is body; at the end it is a
    # credit; a short one right under the headline or the lede (before the second paragraph) credits the
    # lead picture ("Source: Visual China")
    later_body = False
    for j in range(n - 1, -1, -1):
        if parts[j] == "body" and L[j]._prose:
            later_body = True
        elif later_body and reasons[j] == "credit" and L[j].text[:6].lower() == "source":
            if L[j].words <= 6 and _lead_position(L, parts, j):
                reasons[j] = "photo-credit"
            else:
                parts[j], reasons[j] = "body", None

    # ---- publication date ----------------------------------------------------------------------
    best: tuple[int, int, DateHit] | None = None
    for j in date_lines:
        hit = L[j].date()[0]
        if hit is not None and (best is None or hit.rank < best[2].rank):
            best = (j, hit.rank, hit)
        elif hit is not None and hit.rank == best[2].rank and best[2].value == best[2].value.normalize() \
                and hit.value.normalize() == best[2].value and hit.value != best[2].value:
            best = (j, hit.rank, hit)  # the same day with its time ("date 2024-06-02" then "Jun 2, 2024 09:15 AM")
    if best is None and n:  # the scraper's date stamp glued to the first line (" date 2020-07-30 Huawei ...")
        m = _STAMP.match(L[0].text)
        if m:
            hit = DateHit(pd.Timestamp(m.group(1)), m.start(1), m.end(1), 1)
            best = (0, 1, hit)
    if best is None and t is not None:
        # a dateline glued to more text under the headline ("Nov 25, 2025 06:19 by Jane Doe | #AI ...")
        for j in range(t + 1, min(n, t + 3)):
            if parts[j] in ("boilerplate", "title") or L[j].words > 80:
                continue
            hit, _ok = parse_dateline(L[j].text[:60], max_other_words=60)
            if hit is not None and hit.start <= 2 and hit.rank <= 1:
                best = (j, 1, hit)
                parts[j], reasons[j] = "dateline", None
                break
    if best is None:  # an explicit "Published: ..." line elsewhere (not in a teaser block)
        for j in range(n):
            ln = L[j]
            if teaser[j] or ln.words > 14 or parts[j] == "title":
                continue
            hit, ok = ln.date()
            if ok and hit is not None and hit.rank in (0, 2) and (best is None or hit.rank < best[2].rank):
                best = (j, hit.rank, hit)
                if parts[j] in ("body", "boilerplate"):
                    parts[j], reasons[j] = "dateline", None
    if best is not None:
        j, _, hit = best
        out.published = hit.value
        out.published_from = "text"
        out.published_span = _locate(raw, L[j], hit)

    # ---- URL and outlet signals ----------------------------------------------------------------
    for j in range(n):
        ln = L[j]
        if ln.words <= 3 and ("://" in ln.text or "www." in ln.text.lower()):
            u = bp.url_in_line(ln.text)
            if u:
                if out.url is None:
                    out.url = u
                if parts[j] == "body":
                    parts[j], reasons[j] = "boilerplate", "url"
        if reasons[j] == "copyright" or (ln.cue == "copyright" and parts[j] == "boilerplate"):
            name = bp.copyright_name(ln.text)
            if name and name not in out.outlet_signals:
                out.outlet_signals.append(name)
        elif parts[j] == "boilerplate" and ln.words <= 40:
            m = _APPEARED.search(ln.text)
            if m:
                name = (m.group("name") or m.group("name2") or "").strip()
                if name and name not in out.outlet_signals:
                    out.outlet_signals.append(name)
    if out.published is None and out.url:
        ts = date_from_url(out.url)
        if ts is not None:
            out.published, out.published_from = ts, "url"

    out.lines = [LineInfo(L[j].s, L[j].e, parts[j] or "body", reasons[j] if parts[j] == "boilerplate" else None)
                 for j in range(n)]
    if "\u200b" not in raw and "\ufeff" not in raw:
        # a line's words are then exactly the words str.split() finds in its raw text
        out.body_words = sum([L[j].words for j in range(n) if parts[j] is None or parts[j] == "body"])
    return out


_NONSPACE = re.compile(r"[^ \t\r\n\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def _locate(raw: str, ln: _Line, hit: DateHit) -> tuple[int, int]:
    """Map a span within the normalised line text back to offsets in raw."""
    seg = raw[ln.s:ln.e]
    if seg == ln.text:
        return ln.s + hit.start, ln.s + hit.end
    idx: list[int] = []  # raw offset of every character of the normalised text
    for m in _NONSPACE.finditer(seg):
        if idx:
            idx.append(m.start() - 1)
        idx.extend(range(m.start(), m.end()))
    if len(idx) != len(ln.text) or not hit.end:
        return ln.s, ln.e
    return ln.s + idx[hit.start], ln.s + idx[hit.end - 1] + 1


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_url(url: str) -> pd.Timestamp | None:
    """A publication date in a page address (/2021/05/26/, /20210526/, -2021-05-26-)."""
    if not url:
        return None
    m = _URL_DATE.search(url[:2000])
    if not m:
        return None
    try:
        return pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
