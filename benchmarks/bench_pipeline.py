"""Whole-pipeline throughput: read + clean + segment + every extractor, articles per second.

    python benchmarks/bench_pipeline.py [--n 2000] [--peers 50]

Builds an N-article corpus from the bundled seeds and, when ``../shared`` is beside the repo,
the TimeBank/AQUAINT dev texts; times

* in-process `json_record` for every article (what `newslib extract --jsonl` does per article),
* `newslib build` on the corpus written to disk (whole process, Parquet output),
* the peers on the same texts in the same run: dateparser's `search_dates` and quantulum3's
  `parser.parse` (on `--peers` texts, they are slow), and prints the ratios.

Not a test: numbers depend on the machine.  Results go in benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import print_ratios  # noqa: E402

SHARED = ROOT.parent / "shared"


def corpus_texts(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    tb = SHARED / "gold" / "timeml" / "tbaq.jsonl"
    if tb.exists():
        for line in tb.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return [texts[i % len(texts)] for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the corpus")
    ap.add_argument("--peers", type=int, default=50, help="texts to time the peers on")
    ap.add_argument("--pages", default=None,
                    help="glob of real scraped pages (.txt) to time parsing on separately, e.g. '../notes/devset*/*.txt'")
    a = ap.parse_args()

    from newslib.article import parse_article
    from newslib.corpus import available_extractors, json_record

    texts = corpus_texts(a.n)
    kb = sum(len(t) for t in texts) / len(texts) / 1024
    exts = available_extractors()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"corpus: {len(texts)} articles, mean {kb:.1f} KB; extractors: {', '.join(t for t, _ in exts)}")

    # parsing alone (clean + header + boilerplate + paragraphs + sentences + outlet + the parse
    # tables' rows), CPU time, best of 3
    from newslib.article import boilerplate_rows, paragraph_rows, sentence_rows

    def parse_cpu(batch: list[str]) -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            for i, t in enumerate(batch):
                art = parse_article(t, f"a{i}")
                art.row()
                paragraph_rows(art)
                sentence_rows(art)
                boilerplate_rows(art)
            best = min(best, time.process_time() - t0)
        return best

    best = parse_cpu(texts)
    print(f"parse alone (parse_article + article/paragraph/sentence/boilerplate rows): "
          f"{best / len(texts) * 1000:.3f} ms/article CPU, {len(texts) / best:,.0f} articles/s")
    if a.pages:
        import glob
        pages = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sorted(glob.glob(a.pages))]
        if pages:
            batch = [pages[i % len(pages)] for i in range(max(len(pages), min(a.n, 1000)))]
            best = parse_cpu(batch)
            print(f"parse alone on {len(pages)} real pages: {best / len(batch) * 1000:.3f} ms/article CPU, "
                  f"{len(batch) / best:,.0f} articles/s")

    t0 = time.perf_counter()
    for i, t in enumerate(texts):
        json_record(parse_article(t, f"a{i}"), exts)
    dt = time.perf_counter() - t0
    ours = len(texts) / dt
    print(f"in-process pipeline (parse + all extractors): {ours:,.0f} articles/s")

    for table, mod in exts:
        fn = getattr(mod, {"quotes": "_quotes_for_article", "figures": "_figures_for_article",
                           "dates": "_dates_for_article"}[table])
        arts = [parse_article(t, f"a{i}") for i, t in enumerate(texts[:1000])]
        t0 = time.perf_counter()
        for art in arts:
            fn(art)
        print(f"  {table:8s} alone: {len(arts) / (time.perf_counter() - t0):,.0f} articles/s")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i, t in enumerate(texts):
            (src / f"a{i:06d}.txt").write_text(t, encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newslib.cli", "build", str(src), "--out", str(Path(tmp) / "out"),
                        "--no-progress"], check=True, capture_output=True)
        whole = len(texts) / (time.perf_counter() - t0)
        from newslib.corpus import resolve_engine
        print(f"whole process `newslib build` ({len(texts)} files -> Parquet, default engine: "
              f"{resolve_engine('auto', src)}): {whole:,.0f} articles/s")

    peer_texts = texts[: a.peers]
    print_ratios(ours, peer_texts, "newslib pipeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
