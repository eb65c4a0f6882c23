"""Outlet signals in the text (sources.text_signals): the gated scan finds exactly what a plain
line-by-line regex scan finds, and stays linear on adversarial input."""
from __future__ import annotations

import re
import time

import pytest

from newslib.article import parse_article
from newslib.sources import text_signals

_COPY = re.compile(r"(?:copyright|©|\(c\)|all rights reserved)", re.IGNORECASE)
_WIRE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\(([A-Z][A-Za-z.]{1,20})\)\s*[-–—]")
_SELF = re.compile(r"\btold (?:the )?([A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,4})")


def _plain(raw: str) -> list[str]:
    """The signals by the plain rules: every line, every position."""
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    found = [_COPY.sub(" ", ln) for ln in reversed(lines) if len(ln) < 200 and _COPY.search(ln)]
    found += [m.group(1) for ln in lines[:12] if (m := _WIRE.match(ln))]
    return found + [m.group(1) for m in _SELF.finditer(raw)]


CASES = [
    "He retold the story. She told the Global Times on Monday.",
    "Mr.told the Daily Post",  # a boundary after a period
    "1told Reuters. _told Reuters. étold Reuters. told Reuters",
    "COPYR\u0130GHT 2020 Acme News\nBody",  # dotted capital I matches i when case is ignored
    "BEIJING (Reuters) - Shares fell.\n\nMore text.",
    "© 2019 Benzinga.com. Benzinga does not provide investment advice.\nAll Rights Reserved",
    "No outlet here.",
    "told told the told The Times",
]


@pytest.mark.parametrize("raw", CASES)
def test_text_signals_match_plain_scan(raw):
    assert text_signals(raw) == _plain(raw)


def test_text_signals_on_seeds(seed_texts):
    for raw in seed_texts.values():
        assert text_signals(raw) == _plain(raw)
    assert text_signals("She told the Global Times on Monday.") == ["Global Times"]
    assert text_signals("He retold the story.") == []


def test_outlet_from_self_reference():
    art = parse_article("Headline About Trade Talks\n\nAn official told the South China Morning Post on Monday that talks resume.")
    assert (art.outlet, art.outlet_from) == ("South China Morning Post", "text")
    art = parse_article("Headline About Trade Talks\n\nAn official retold the South China Morning Post story on Monday.")
    assert (art.outlet, art.outlet_from) == (None, None)  # "retold" is not a self-reference


@pytest.mark.parametrize("text", [
    "told " * 200_000,
    "retold the Xx " * 72_000,
    "Xtold The A B C D E F " * 45_000,
    "(c) © copyright " * 62_000,
    "İ told (Reuters) -\n" * 52_000,
])
def test_text_signals_linear_on_adversarial_text(text):
    t = time.perf_counter()
    text_signals(text)
    assert time.perf_counter() - t < 2.0
