"""Speed of newslib.figures on the seeds plus the TimeBank/AQUAINT dev texts, next to quantulum3.

    python benchmarks/bench_figures.py

Prints articles per CPU-second (one core) for
  * scan only: the figure scanning of an already parsed article (``_figures_for_article``),
  * extract incl. parse: ``parse_article`` + scanning (what ``extract_figures`` does per text),
  * quantulum3 ``parser.parse`` on the same texts (imported lazily; skipped when not installed),
and the ratio.  Reads ../shared/gold/timeml/tbaq.jsonl when present (developers only).

``python benchmarks/bench_figures.py --against OLD_figures.py [DIR]`` loads a saved copy of the
module, checks that both give identical rows on every text, and times old and new alternately in
this one process (CPU time of this thread, best and median of several rounds): the fair way to
measure a speed change on a busy machine.  With DIR, the ``*.txt`` files there are used as well.
"""
from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslib import figures as new  # noqa: E402
from newslib.article import parse_article  # noqa: E402
from newslib.figures import _figures_for_article  # noqa: E402


def load_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    tb = ROOT.parent / "shared" / "gold" / "timeml" / "tbaq.jsonl"
    if tb.exists():
        texts += [json.loads(line)["text"] for line in tb.open(encoding="utf-8") if line.strip()]
    return texts


def clear_caches(mod=new) -> None:
    """Empty the module's lru caches (cached clause readers etc.), so that a timed pass over the
    same texts again does not find them filled by the pass before."""
    for f in vars(mod).values():
        if callable(getattr(f, "cache_clear", None)) and getattr(f, "__module__", "") == mod.__name__:
            f.cache_clear()


def rate(fn, items, min_time=1.0) -> float:
    """Items per second of CPU time (process_time: stable on a shared, busy machine); newslib's
    caches are emptied before every pass over the items."""
    n, t0 = 0, time.process_time()
    while True:
        clear_caches()
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


def against(path: str, folder: str | None = None, rounds: int = 9) -> None:
    """Old (a saved copy of figures.py) vs the current module: identical rows, then articles/s
    (the modules' lru caches are cleared before every timed pass)."""
    spec = importlib.util.spec_from_file_location("newslib._figures_old", path)
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old
    spec.loader.exec_module(old)
    sets = {"bench texts": load_texts()}
    if folder:
        from newslib.readers import ReadFailure, decode_bytes  # noqa: PLC0415
        docs = []
        for p in sorted(Path(folder).glob("*.txt")):
            try:
                docs.append(decode_bytes(p.read_bytes())[0])
            except ReadFailure:
                pass
        sets[folder] = docs
        # (a folder may hold many copies of the same text: cached per-clause work then looks
        # better than on fresh text, so the distinct texts are timed on their own as well)
        sets[f"{folder} (distinct texts)"] = list(dict.fromkeys(docs))
    for name, docs in sets.items():
        arts = [parse_article(t, f"a{i}") for i, t in enumerate(docs)]
        for a in arts:
            _ = a.raw
        diffs = sum(old._figures_for_article(a) != _figures_for_article(a) for a in arts)
        print(f"{name}: {len(arts)} articles, {diffs} with different rows")
        rates: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(rounds):
            for label, mod in (("old", old), ("new", new)):
                clear_caches(mod)  # cold caches in every round: nothing carries over from the last one
                fn = mod._figures_for_article
                t0 = time.thread_time()
                for a in arts:
                    fn(a)
                rates[label].append(len(arts) / (time.thread_time() - t0))
        for label, r in rates.items():
            print(f"  {label}: best {max(r):6.0f} articles/s, median {sorted(r)[len(r) // 2]:6.0f}")


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--against":
        against(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
    else:
        main()
