"""The peers newslib is compared with, timed on the same texts in the same run."""
from __future__ import annotations

import time
import warnings


def time_peers(texts: list[str]) -> dict[str, float | None]:
    """Articles per second of dateparser's search_dates and quantulum3's parse on `texts`
    (None when the peer is not installed: pip install -e '.[peers]')."""
    rates: dict[str, float | None] = {}
    try:
        from dateparser.search import search_dates
        t0 = time.perf_counter()
        for t in texts:
            search_dates(t, languages=["en"])
        rates["dateparser.search_dates"] = len(texts) / (time.perf_counter() - t0)
    except ImportError:
        rates["dateparser.search_dates"] = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as qparser
            t0 = time.perf_counter()
            for t in texts:
                qparser.parse(t)
        rates["quantulum3.parse"] = len(texts) / (time.perf_counter() - t0)
    except ImportError:
        rates["quantulum3.parse"] = None
    return rates


def print_ratios(ours: float, texts: list[str], what: str = "newslib") -> None:
    for name, rate in time_peers(texts).items():
        if rate is None:
            print(f"peer {name}: not installed (pip install -e '.[peers]')")
        else:
            print(f"peer {name}: {rate:,.1f} articles/s -> {what} is {ours / rate:,.0f}x")
