"""Speed of newslib.dates against dateparser on the same texts, in the same run.

    python benchmarks/bench_dates.py [--limit N]

Texts: the project's three seeds plus, when ../shared is beside the repo, the TimeBank 1.2 +
AQUAINT documents (../shared/gold/timeml/tbaq.jsonl).  Prints articles/s for
`newslib.dates.scan` (extraction + resolution) and for
`dateparser.search.search_dates(text, languages=["en"])`, and their ratio.  dateparser is
imported lazily and skipped with a message when it is not installed.  It is slow, so it runs
on the first N texts (default 40); newslib runs on the same N texts and on all of them.  Rates are
CPU time (time.process_time), so other processes sharing the machine do not skew the ratio.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newslib.dates import scan

ROOT = Path(__file__).resolve().parent.parent
TBAQ = ROOT / ".." / "shared" / "gold" / "timeml" / "tbaq.jsonl"


def load_texts() -> list[tuple[str, str | None]]:
    texts = [(p.read_text(encoding="utf-8"), None) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if TBAQ.exists():
        with TBAQ.open(encoding="utf-8") as f:
            texts += [(d["text"], d["dct"]) for d in map(json.loads, f)]
    else:
        print(f"({TBAQ} not found: seeds only)")
    return texts


def rate(fn, texts, repeat=1) -> float:
    t0 = time.process_time()
    for _ in range(repeat):
        for text, dct in texts:
            fn(text, dct)
    return repeat * len(texts) / (time.process_time() - t0)


def main(argv: list[str]) -> None:
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 40
    texts = load_texts()
    sub = texts[:limit]
    chars = sum(len(t) for t, _ in texts)
    print(f"{len(texts)} texts, {chars / len(texts):.0f} characters on average")
    ours_all = rate(scan, texts, repeat=3)
    print(f"newslib.dates.scan        all {len(texts)} texts: {ours_all:9.1f} articles/s")
    ours = rate(scan, sub, repeat=5)
    print(f"newslib.dates.scan        first {len(sub)} texts: {ours:9.1f} articles/s")
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed: comparison skipped (pip install dateparser)")
        return
    search_dates("warm up on Monday, May 5, 2021", languages=["en"])  # first call loads its data

    def dp(text, _dct):
        search_dates(text, languages=["en"])

    theirs = rate(dp, sub)
    print(f"dateparser.search_dates   first {len(sub)} texts: {theirs:9.1f} articles/s")
    print(f"ratio (newslib / dateparser, same texts): {ours / theirs:.0f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
