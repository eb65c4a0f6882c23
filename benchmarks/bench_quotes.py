"""Benchmark (not a test): articles per second for quote extraction.

Run from the repo root: ``python benchmarks/bench_quotes.py``.  Measures
(1) extraction alone on parsed articles (newslib.quotes._quotes_for_article), the figure the
    >= 2,000 articles/s per core target is about, and
(2) parse + extraction end to end,
on the three seeds and, when ``../shared`` is present, on the PolNeAR sample texts (~4 KB each).
Times are CPU time of this thread (``time.thread_time``), best of several runs, so that other busy
processes on a shared machine distort them less; "cold" clears the module's caches before each run.

``python benchmarks/bench_quotes.py --against OLD_quotes.py`` also loads a saved copy of the module,
checks that both give identical rows on every text, and times old and new alternately in this one
process (the fair way to measure a speed change on a busy machine).
"""
from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

from newslib import quotes as Q
from newslib.article import parse_article
from newslib.quotes import _quotes_for_article

ROOT = Path(__file__).resolve().parents[1]


# every cached pure function of the module (names, titles, cue spellings): "cold" clears them all
_CACHES = [f for f in vars(Q).values()
           if callable(getattr(f, "cache_clear", None)) and getattr(f, "__module__", "") == Q.__name__]


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    polnear = ROOT.parent / "shared" / "gold" / "quotes" / "polnear_sample.jsonl"
    if polnear.exists():
        out += [json.loads(line)["text"] for line in polnear.read_text(encoding="utf-8").splitlines()]
    return out


def bench(repeat: int = 5) -> None:
    docs = texts()
    kb = sum(len(t) for t in docs) / len(docs) / 1024
    arts = [parse_article(t, f"a{i}") for i, t in enumerate(docs)]
    for a in arts:      # segmentation is cached on the Article; warm it
        _ = a.sentences
    best = cold = float("inf")
    for _ in range(repeat):
        for cached in _CACHES:
            cached.cache_clear()
        t0 = time.thread_time()
        for a in arts:
            _quotes_for_article(a)
        cold = min(cold, time.thread_time() - t0)
        t0 = time.thread_time()
        for a in arts:
            _quotes_for_article(a)
        best = min(best, time.thread_time() - t0)
    print(f"{len(arts)} articles, mean {kb:.1f} KB")
    print(f"extraction only : {len(arts) / best:8.0f} articles/s (cold caches {len(arts) / cold:.0f}/s)")
    t0 = time.perf_counter()
    for i, t in enumerate(docs):
        _quotes_for_article(parse_article(t, f"b{i}"))
    print(f"parse + extract : {len(docs) / (time.perf_counter() - t0):8.0f} articles/s")


def against(path: str, rounds: int = 7) -> None:
    """Old (a saved copy of quotes.py) vs the current module: identical rows, then articles/s."""
    spec = importlib.util.spec_from_file_location("newslib._quotes_old", path)
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old
    spec.loader.exec_module(old)
    arts = [parse_article(t, f"a{i}") for i, t in enumerate(texts())]
    for a in arts:
        _ = a.sentences
    diffs = sum(old._quotes_for_article(a) != _quotes_for_article(a) for a in arts)
    print(f"{len(arts)} articles, {diffs} with different rows")
    rates: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(rounds):
        for label, fn in (("old", old._quotes_for_article), ("new", _quotes_for_article)):
            t0 = time.thread_time()
            for a in arts:
                fn(a)
            rates[label].append(len(arts) / (time.thread_time() - t0))
    for label, r in rates.items():
        print(f"{label}: best {max(r):6.0f} articles/s, median {sorted(r)[len(r) // 2]:6.0f}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--against":
        against(sys.argv[2])
    else:
        bench()
