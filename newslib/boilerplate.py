"""Line-level boilerplate cues for scraped page text.

:func:`cue` says whether one stripped line is page furniture by what it says (share bars, ad
slots, newsletter boxes, "Related" headings, copyright footers, disclaimers, photo credits and
captions), and why.  The cue phrases live in the lexicons ``boilerplate_lines.txt`` (whole
line), ``boilerplate_prefixes.txt`` (start of line) and ``boilerplate_contains.txt`` (anywhere in
a short line); ``boilerplate_nav.txt`` holds menu and section words.  Position-dependent rules
(what lies before the headline, teaser blocks, repeated headlines) are in
:mod:`newslib.cleaning`.

Reasons returned: share-prompt, ad, newsletter, comment-prompt, feedback, contact, cookie, label,
teaser, teaser-heading (starts a teaser block), copyright, disclaimer, tags, photo-credit,
caption, credit, navigation, breadcrumb, url, ticker (quote strips, instrument tags), contents
(a table-of-contents heading: starts a block).
:mod:`newslib.cleaning` adds: repeated-headline, footer, comments, video, duplicate, promo.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .header import fold_safe
from .text import load_lexicon, norm_space

_ODD_SPACE = re.compile(r"[\t\r\n\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_ANCHOR_SPLIT = "./,;:()[]\"“”*"
_TRIM = " \t:|>»›•·-–—*!?.,;~#→←▶►✓✔\u00a0\u200b\u2022"
_LEAD = " \t•·*–—>»›|-\u00a0\u2022"
_PREFIX_MAX_WORDS = 30
_LONG_PREFIX_REASONS = {"disclaimer": 150, "ad": 60, "copyright": 60, "credit": 60, "photo-credit": 80, "share-prompt": 45,
                        "newsletter": 45}
_CONTAINS_MAX_WORDS = 80


def _pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for entry in load_lexicon(name):
        reason, _, phrase = entry.partition("|")
        phrase = norm_space(phrase).lower()
        if phrase:
            out.append((reason.strip(), phrase))
    return out


def _trie_regex(phrases: list[str], boundary: bool = False) -> str:
    """One regex for many literal phrases, factored into a trie so that matching tries one branch
    per character instead of every phrase (literal alternation is slow in Python's re).  With
    `boundary`, a phrase ending in a letter or digit must end at a word boundary."""
    trie: dict = {}
    for p in set(phrases):
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = []
        end = node.get("") is True
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    # a phrase is a prefix of a longer one: the optional group above keeps both; the boundary check
    # is done by the caller (it knows which phrase matched)
    return build(trie)


def _norm(line: str) -> str:
    if line.isascii():  # the common case: only tab, CR and LF of the odd spaces are ASCII
        odd = "  " in line or "\t" in line or "\r" in line or "\n" in line
    else:
        odd = "  " in line or _ODD_SPACE.search(line) is not None
    return norm_space(line) if odd else line.strip()


@lru_cache(maxsize=1)
def _tables():
    exact: dict[str, str] = {}
    for reason, phrase in _pairs("boilerplate_lines.txt"):
        exact.setdefault(phrase.strip(_TRIM), reason)
    prefix: dict[str, str] = {}
    for reason, phrase in _pairs("boilerplate_prefixes.txt"):
        prefix.setdefault(phrase, reason)
    contains: dict[str, str] = {}
    for reason, phrase in _pairs("boilerplate_contains.txt"):
        contains.setdefault(phrase, reason)
    prefix_re = re.compile(_trie_regex(list(prefix)))
    # "contains" phrases are found through one anchor word each (the longest word of the phrase):
    # a set intersection with the line's words, then a plain substring test (one regex over
    # many phrases is several times slower in Python's re)
    anchored: dict[str, list[tuple[str, str]]] = {}
    for phrase, reason in contains.items():
        words = re.findall(r"[a-z0-9]+", phrase)
        anchor = max(words, key=len) if words else phrase
        anchored.setdefault(anchor, []).append((phrase, reason))
    contains_re = (frozenset(anchored), anchored)
    nav = frozenset(w.lower() for w in load_lexicon("boilerplate_nav.txt"))
    global _TABLES
    _TABLES = (exact, prefix, prefix_re, contains, contains_re, nav)
    return _TABLES


_TABLES: tuple | None = None  # the tables once built (skips the cache call on the hot path)
_ANCHOR_ASCII = "".join(c for c in _ANCHOR_SPLIT if c.isascii()).encode("ascii")
_ANCHOR_BYTES = bytes.maketrans(_ANCHOR_ASCII, b" " * len(_ANCHOR_ASCII))  # the ASCII split characters -> space


# ---- structural patterns ----------------------------------------------------------------------
# image file names: "IMG_1234.jpg", "xiaomi-logo.png"
_IMAGE_FILE = re.compile(r"[\w-]{1,120}\.(?:jpe?g|png|gif|webp|avif|heic|tiff?)(?![\w])", re.IGNORECASE)
# caption credits at the end of a line: "(Xinhua/Li Xin)", "[Photo/VCG]", "(Yonhap)", "(Photo: AFP)"
_END_CREDIT_SLASH = re.compile(r"[(\[][A-Z][\w.&' -]{0,30}/[^()\[\]/]{1,50}[)\]]$")
_END_CREDIT_PHOTO = re.compile(r"[(\[](?:photo|photos|image|file|pictured|picture|illustration|video)\b[^()\[\]]{0,60}[)\]]$",
                               re.IGNORECASE)
_END_AGENCY = re.compile(
    r"\((?:Xinhua|Yonhap|Yonhap News|AP|AFP|Reuters|Bloomberg|VCG|IC|CFP|CNS|123rf|Newsis|News1|Kyodo|EPA|Getty|"
    r"Getty Images|Shutterstock|Handout|File|Courtesy[^()]{0,40}|[A-Z][\w.]{0,20} Photo)\)$")
# a caption that ends in its credit: "... in Shenzhen. Photo: Reuters", "... Photograph: Jane Doe/AP"
_END_PHOTO_LABEL = re.compile(r"(?:^|[.!?”\"’)]\s?)(?:photo|photos|photograph|image|picture|pictured|file photo|"
                              r"photo credit|image credit)\s?:\s?[A-Z][\w.&'’/ -]{1,60}$", re.IGNORECASE)
_WIRE_START = re.compile(r"^[A-Z][A-Z .,'-]{1,40}(?:,\s[A-Z][a-z]{2,4}\.?\s\d{1,2})?\s\(")
# "follow Reuters on Twitter", "Follow us on Facebook"
_FOLLOW = re.compile(r"^follow\s(?:[\w@.&'-]{1,30}\s){0,4}on\s(?:twitter|x|facebook|instagram|linkedin|youtube|"
                     r"tiktok|threads|telegram|weibo|wechat|google news|social media)(?![\w])", re.IGNORECASE)
_COMMENTS = re.compile(r"^\(?\d{1,6}\)?\s(?:comments?|replies|responses|shares?|views?|likes?|reactions?)$", re.IGNORECASE)
_COMMENT_COUNT = re.compile(r"^\(?\d{1,6}\)?\s(?:comments?|replies|responses)$", re.IGNORECASE)
# an instrument tag: a name and an ISIN ("Xiaomi KYG9830T1067")
_ISIN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[A-Z0-9]{9}\d(?![A-Za-z0-9])")
# a quote-ticker strip: "ACME 72.53 Decreased By ▼ -1.57 (-2.12%)", "XYZ 10.2 ▲ 0.3"
_TICKER_STRIP = re.compile(r"[▲▼△▽]|\b(?:increased|decreased)\sby\b", re.IGNORECASE)
# an e-mail address inside a short line ("((jane.doe@example.com; 202 555 0100))")
_EMAIL_IN = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
# a clip length on its own line ("11:13", "2:31:05") above a video teaser
_READ_TIME = re.compile(r"^(?:\d{1,3}\s?(?:-\s?)?(?:min|mins|minute|minutes)\.?\s(?:read|to read|listen|watch)"
                        r"|reading time:?\s\d{1,3}\s?(?:min|mins|minutes?))$", re.IGNORECASE)
_EMAIL_LINE = re.compile(r"^[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,12}$", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']{2,2000}", re.IGNORECASE)
_URL_LINE = re.compile(r"^(?:(?:url|link|source|canonical|original|permalink|page)\s?:\s?)?((?:https?://|www\.)[^\s<>\"']{2,2000})$",
                       re.IGNORECASE)
# breadcrumb separators: " / ", " > ", " » ", " › ", " | ", " • ", " · "
_CRUMB_SEP = re.compile(r"[\s\u00a0]{1,12}[/>»›|•·][\s\u00a0]{1,12}|[\s\u00a0]{0,12}[>»›][\s\u00a0]{0,12}")
_CRUMB_CHARS = re.compile(r"[/>»›|•·]")
_TOKEN = re.compile(r"[^\s|/>»›•·,]{1,80}")
_MORE_SITE = re.compile(r"^More\s[A-Z][\w.&'-]{0,30}(?:\s[A-Z][\w.&'-]{0,30}){0,2}$")  # "More TechCrunch"
_CLIP_LENGTH = re.compile(r"^\d{1,2}:[0-5]\d(?::[0-5]\d)?$")
_VIDEO = re.compile(r"^video\s?\d{1,2}:\d\d(?::\d\d)?(?![\w])", re.IGNORECASE)


def key(line: str) -> str:
    """A line's lookup key: lower-cased, whitespace collapsed, surrounding punctuation removed."""
    return _norm(line).lower().strip(_TRIM)


def nav_words() -> frozenset[str]:
    return _tables()[5]


def is_nav(line: str, max_words: int = 8) -> bool:
    """A menu or section label: a short line made only of navigation words ("Home",
    "World | Business", "SOURCE / COMPANIES")."""
    if len(line) > 12 * max_words:
        return False
    toks = _TOKEN.findall(line)
    if not toks or len(toks) > max_words:
        return False
    nav = _tables()[5]
    return all(t.lower().strip(_TRIM) in nav or not t.strip(_TRIM) for t in toks)


def breadcrumb_parts(line: str) -> list[str] | None:
    """The parts of a breadcrumb line ("Home > Stocks", "Homepage / technology / <headline>"),
    or None when the line is not one: 2+ parts split by / > » › | • ·, every part but the last
    at most 3 words."""
    if len(line) > 600 or not _CRUMB_CHARS.search(line):
        return None
    parts = [p.strip(" \u00a0") for p in _CRUMB_SEP.split(line)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    if any(len(p.split()) > 3 for p in parts[:-1]):
        return None
    return parts


def _photo_word(tail: str) -> bool:
    """A necessary condition for `_END_PHOTO_LABEL` (its labels all contain photo, image or
    picture), tested on the lower-cased text when that is exact (`header.fold_safe`)."""
    if not fold_safe(tail):
        return True
    low = tail.lower()
    return "photo" in low or "image" in low or "picture" in low


_CLOSERS = (")", "]", ")\n", "]\n")  # how a line that ends in a bracketed credit ends ("$" allows a final \n)


_IMAGE_EXTS = (".jp", ".png", ".gif", ".webp", ".avif", ".heic", ".tif")


def _image_ext(line: str) -> bool:
    """A necessary condition for `_IMAGE_FILE`: an image file extension after a period (tested on
    the lower-cased line when that is exact, see `header.fold_safe`)."""
    if not fold_safe(line):
        return True
    low = line.lower()
    return any(x in low for x in _IMAGE_EXTS)


def image_caption(line: str, words: int) -> str | None:
    """'photo-credit' or 'caption' when the line is an image credit or caption by its form."""
    if words <= 10 and "." in line and _image_ext(line) and _IMAGE_FILE.search(line):
        return "caption"
    tail = line[-80:]
    closed = tail.endswith(_CLOSERS)  # the bracketed-credit patterns all end in ) or ]
    if closed and (_END_CREDIT_SLASH.search(tail) or _END_CREDIT_PHOTO.search(tail)):
        return "caption"
    if words <= 60 and ":" in tail and _photo_word(tail) and _END_PHOTO_LABEL.search(tail):
        return "photo-credit"
    if words <= 40 and closed and _END_AGENCY.search(tail) and not _WIRE_START.match(line) \
            and not any(q in line for q in "\"“”"):
        return "caption"
    return None


def camera_caption(line: str, words: int) -> bool:
    """A camera/alt-text caption line such as 'Xiaomi Logo October 2016 AH 11 AH 20191': short,
    no sentence punctuation, at least two number-bearing tokens and ending in a number or code
    fragment."""
    if words > 14 or words < 2 or line[-1:] in ".!?\"”’:)":
        return False
    toks = line.split()
    last = toks[-1]
    if not any(c.isdigit() for c in last):
        return False
    digits = sum(c.isdigit() for c in last)
    if digits < 3 and not (any(c.isalpha() for c in last) and digits >= 2):
        return False
    numeric = sum(1 for t in toks if any(c.isdigit() for c in t))
    if numeric < 2 or not any(sum(c.isdigit() for c in t) >= 4 for t in toks):
        return False  # "NVDA Earnings Snapshot; Q3 FY26" is a subheading: alt text carries a year or file number
    # sentences have lower-case function words; captions of this kind are mostly capitalised
    lower = sum(1 for t in toks if t[:1].islower())
    return lower <= len(toks) // 3


def cue(line: str, words: int | None = None, normalized: bool = False) -> str | None:
    """The boilerplate reason for one stripped line judged on its own, or None.

    `words` is the line's word count (computed when not given); `normalized` says the line's
    whitespace is already collapsed.  Long lines are only checked against disclaimer/copyright
    prefixes, so article paragraphs stay body."""
    exact, prefix, prefix_re, contains, contains_re, _nav = _TABLES or _tables()
    if words is None:
        words = len(line.split())
    low = (line if normalized else _norm(line)).lower()
    k = low.strip(_TRIM)
    if not k:
        return "navigation"  # a line of only symbols or bullets
    hit = exact.get(k)
    if hit:
        return hit
    if words > 150:
        return None
    lead = low.lstrip(_LEAD)
    m = prefix_re.match(lead)
    if m and m.group(0)[-1:].isalnum() and lead[m.end():m.end() + 1].isalnum():
        m = None  # "copyrighted" is not "copyright"
    if m:
        reason = prefix[m.group(0)]
        if words <= _LONG_PREFIX_REASONS.get(reason, _PREFIX_MAX_WORDS):
            if reason != "teaser-heading" or words <= 8:
                return reason
    if words <= _CONTAINS_MAX_WORDS:
        anchors, anchored = contains_re
        if low.isascii():
            toks = low.encode("ascii").translate(_ANCHOR_BYTES).decode("ascii")
        else:
            toks = low
            for ch in _ANCHOR_SPLIT:
                if ch in toks:
                    toks = toks.replace(ch, " ")
        tokens = toks.split()
        if not anchors.isdisjoint(tokens):  # the common case: no anchor word (cheaper than intersection)
            for anchor in sorted(anchors.intersection(tokens)):
                for phrase, reason in anchored[anchor]:
                    if phrase in low:
                        return reason
    if words <= 4 and line.startswith("More") and _MORE_SITE.match(line):
        return "teaser-heading"
    if words <= 12:
        # cheap necessary conditions first: a leading digit or "(", "follow", "video", "@", ...
        # (IGNORECASE lets "ı", "İ", "ſ", "K" match i/s/k: the word gates need `fold_safe`)
        k0, ascii_k = k[:1], fold_safe(k)
        counted = k0 == "(" or k0.isdigit()
        if counted and _COMMENT_COUNT.match(k):
            return "comment-prompt"
        if (low.startswith("follow") and _FOLLOW.match(low)) or (counted and _COMMENTS.match(k)) \
                or ((k.startswith("video") or not ascii_k) and _VIDEO.match(k)):
            return "share-prompt"
        # the strip needs an arrow or "increased/decreased by" ("creased" in `low` is the same
        # test as in line.lower(): the normalisation only changes whitespace)
        if line.isascii():
            ticker = "creased" in low
        else:
            ticker = not fold_safe(line) or "creased" in low or "▲" in line or "▼" in line or "△" in line \
                or "▽" in line
        if ticker and _TICKER_STRIP.search(line) and sum(c.isdigit() for c in line) >= 3 and not line.endswith("."):
            return "ticker"
        if words <= 8 and "@" in line and _EMAIL_IN.search(line) and not low.startswith("by "):
            return "contact"
        if words <= 4 and len(line) >= 12 and _ISIN.search(line):
            return "ticker"
        if (k0.isdigit() or k.startswith("reading") or not ascii_k) and _READ_TIME.match(k):
            return "label"
        if "@" in k and _EMAIL_LINE.match(k):
            return "contact"
    cap = image_caption(line, words)
    if cap:
        return cap
    return None


_COMMENT_HEADINGS = frozenset(
    ("comments", "reader comments", "leave a reply", "leave a comment", "post a comment", "add a comment",
     "join the conversation", "join the discussion", "show comments", "load comments", "view comments"))


def comment_heading(line: str) -> bool:
    """The heading of a reader-comments section ("12 Comments", "Leave a Reply")."""
    k = key(line)
    return k in _COMMENT_HEADINGS or bool(_COMMENT_COUNT.match(k))


def clip_length(line: str) -> bool:
    """A video's running time on its own line ("11:13")."""
    return len(line) <= 8 and bool(_CLIP_LENGTH.match(line))


def url_in_line(line: str) -> str | None:
    """The page address when the line is just a URL (optionally labelled 'URL:', 'Source:')."""
    m = _URL_LINE.match(line.strip())
    return m.group(1).rstrip(".,;)") if m else None


def find_url(line: str) -> str | None:
    m = _URL.search(line)
    return m.group(0).rstrip(".,;)") if m else None


_COPY_STRIP = re.compile(
    r"copyright|©|\(c\)|all rights? (?:are )?reserved|(?<!\d)(?:19|20)\d\d(?:\s?[-–]\s?(?:(?:19|20)?\d\d|present))?(?!\d)",
    re.IGNORECASE)
_SIGNAL_CUT = re.compile(r"\.\s|\s[|•·–—-]\s|[,;:(]|\s(?:and|or)\s")


def copyright_name(line: str) -> str | None:
    """The publisher named in a copyright line: 'Copyright scmp' -> 'scmp',
    '© 2019 Benzinga.com. Benzinga does not provide investment advice.' -> 'Benzinga.com'."""
    s = _COPY_STRIP.sub(" ", line[:300])
    s = norm_space(s).strip(" ,;:|-–—").lstrip(". ")
    s = _SIGNAL_CUT.split(s, maxsplit=1)[0].strip(" ,;:|-–—")
    if s.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]{1,3}\.$", s):
        s = s.rstrip(".")
    if not s or len(s) > 60 or len(s.split()) > 6 or not any(c.isalpha() for c in s):
        return None
    words = s.split()
    if words[0].lower() == "the" and all(w[:1].islower() for w in words[1:]):
        return None  # "The content ..." is not a name
    return s
