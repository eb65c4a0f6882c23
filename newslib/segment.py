"""Paragraph and sentence spans with offsets into the raw text.

PLACEHOLDER IMPLEMENTATION - being replaced (see docs/DESIGN.md, "segmentation").
"""
from __future__ import annotations

import re

from .text import line_spans

_SENT = re.compile(r"[^.!?]*(?:[.!?]+|$)")


def paragraph_spans(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(raw) if end is None else end
    return [(start + s, start + e) for s, e in line_spans(raw[start:end])]


def sentence_spans(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(raw) if end is None else end
    out = []
    for m in _SENT.finditer(raw, start, end):
        s, e = m.span()
        while s < e and raw[s].isspace():
            s += 1
        if e > s:
            out.append((s, e))
    return out
