"""Speed of newslib.figures on the seeds plus the TimeBank/AQUAINT dev texts, next to quantulum3.

    python benchmarks/bench_figures.py

Prints articles per CPU-second (one core) for
  * scan only: the figure scanning of an already parsed article (``_figures_for_article``),
  * extract incl. parse: ``parse_article`` + scanning (what ``extract_figures`` does per text),
  * quantulum3 ``parser.parse`` on the same texts (imported lazily; skipped when not installed),
and the ratio.  Reads ../shared/gold/timeml/tbaq.jsonl when present (developers only).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslib.article import parse_article  # noqa: E402
from newslib.figures import _figures_for_article  # noqa: E402


def load_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    tb = ROOT.parent / "shared" / "gold" / "timeml" / "tbaq.jsonl"
    if tb.exists():
        texts += [json.loads(line)["text"] for line in tb.open(encoding="utf-8") if line.strip()]
    return texts


def rate(fn, items, min_time=1.0) -> float:
    """Items per second of CPU time (process_time: stable on a shared, busy machine)."""
    n, t0 = 0, time.process_time()
    while True:
        for it in items:
            fn(it)
        n += len(items)
        dt = time.process_time() - t0
        if dt >= min_time:
            return n / dt


def main() -> None:
    texts = load_texts()
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    print(f"{len(texts)} texts, mean {kb:.1f} kB")
    arts = [parse_article(t, f"t{i}") for i, t in enumerate(texts)]
    for a in arts:  # parse-time caches (lines) are built by parse_article; nothing else is shared
        _ = a.raw
    n_fig = sum(len(_figures_for_article(a)) for a in arts)
    scan = rate(_figures_for_article, arts)
    full = rate(lambda t: _figures_for_article(parse_article(t, "x")), texts)
    print(f"figures found: {n_fig}")
    print(f"newslib scan only (parsed articles): {scan:,.0f} articles/s")
    print(f"newslib parse_article + scan:        {full:,.0f} articles/s")
    try:
        from quantulum3 import parser  # noqa: PLC0415
    except Exception as exc:  # pragma: no cover - optional peer
        print(f"quantulum3 not available ({exc.__class__.__name__}); skipped")
        return
    sample = texts[: min(len(texts), 60)]
    q = rate(parser.parse, sample, min_time=2.0)
    print(f"quantulum3 parser.parse:             {q:,.1f} articles/s (first {len(sample)} texts)")
    print(f"ratio scan-only / quantulum3: {scan / q:,.0f}x ; incl. parse: {full / q:,.0f}x")


if __name__ == "__main__":
    main()
