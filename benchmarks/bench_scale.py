"""Scale benchmark: whole-process throughput, peak memory, Dask speed-up, bad input at scale.

    python benchmarks/bench_scale.py [--n 4000] [--broken 0.01] [--workers 2] [--skip-dask]
                                     [--peers 40] [--memory-n 0]

Builds an N-article corpus (the bundled seeds plus, when ``../shared`` is beside the repo, the
TimeBank/AQUAINT and PolNeAR dev texts, cycled) with a share of broken files (binary, empty,
undecodable), then measures, each as a separate process:

* ``newslib extract --jsonl`` over all files (articles/s, all extractors on), with the local engine
  (one process) and with the default ``auto`` engine (Dask worker processes, one per core),
  and checks that both print the same lines,
* ``newslib build`` with the local engine under ``/usr/bin/time -v`` (articles/s, peak RSS),
* ``newslib build --engine dask`` with 1 and with N workers (speed-up),
* the peers on the same texts in the same run (dateparser.search.search_dates, quantulum3),

and checks that articles + read errors = inputs.  ``--memory-n 100000`` adds the 100,000-article
peak-memory run of the issue (slow).  Results go in benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import print_ratios  # noqa: E402

SHARED = ROOT.parent / "shared"
NEWSLIB = [sys.executable, "-m", "newslib.cli"]


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for rel in ("gold/timeml/tbaq.jsonl", "gold/quotes/polnear_sample.jsonl"):
        p = SHARED / rel
        if p.exists():
            out += [json.loads(line)["text"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def write_corpus(folder: Path, n: int, broken: float) -> tuple[int, int]:
    folder.mkdir(parents=True)
    pool = texts()
    n_bad = int(round(n * broken))
    bad = [b"", bytes(range(256)) * 16, b"\x81\x8d\x8f\x90\x9d" * 40 + b"\xff\xfe\x00\x00"]
    for i in range(n):
        p = folder / f"a{i:07d}.txt"
        if n_bad and i % max(1, n // n_bad) == 0 and i // max(1, n // n_bad) < n_bad:
            p.write_bytes(bad[i % len(bad)])
        else:
            p.write_text(pool[i % len(pool)], encoding="utf-8")
    return n, n_bad


def timed(cmd: list[str], memory: bool = False, stdout: Path | None = None) -> tuple[float, float | None]:
    """Seconds and (with /usr/bin/time) peak resident MB of one command (its output to `stdout`)."""
    if memory and Path("/usr/bin/time").exists():
        t0 = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if r.returncode:
            raise SystemExit(r.stderr[-2000:])
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
        return dt, int(m.group(1)) / 1024 if m else None
    with open(stdout or os.devnull, "wb") as out:
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=out, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0, None


def check_accounting(out: Path, inputs: int) -> str:
    def read(name):
        p = out / f"{name}.parquet"
        return pd.read_parquet(p if p.exists() else out / name)
    arts, errs = read("articles"), read("errors")
    read_errs = int((~errs["stage"].astype(str).str.startswith("extract")).sum())
    ok = len(arts) + read_errs == inputs
    return f"articles {len(arts)} + read errors {read_errs} = {len(arts) + read_errs} of {inputs} inputs: {'OK' if ok else 'MISMATCH'}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--broken", type=float, default=0.01)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--peers", type=int, default=40, help="texts to time the peers on")
    ap.add_argument("--memory-n", type=int, default=0, help="also run build on this many articles for peak memory")
    a = ap.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    tmp = Path(tempfile.mkdtemp(prefix="newslib-bench-"))
    try:
        src = tmp / "in"
        n, n_bad = write_corpus(src, a.n, a.broken)
        kb = sum(p.stat().st_size for p in src.iterdir()) / n / 1024
        print(f"corpus: {n} files ({n_bad} broken), mean {kb:.1f} KB")

        rates, outputs = {}, {}
        for engine in ("local", "auto"):
            out_file = tmp / f"extract-{engine}.jsonl"
            dt, _ = timed([*NEWSLIB, "extract", "--jsonl", "--no-progress", "--engine", engine, str(src)],
                          stdout=out_file)
            rates[engine] = n / dt
            outputs[engine] = out_file.read_bytes()
            what = "one process" if engine == "local" else "default: Dask worker processes from 1,000 files"
            print(f"newslib extract --jsonl --engine {engine} ({what}, all extractors): "
                  f"{n / dt:,.0f} articles/s ({dt:.1f} s)")
        print(f"  local and auto output identical: {'OK' if outputs['local'] == outputs['auto'] else 'DIFFERENT'}")
        ours = max(rates.values())

        dt, rss = timed([*NEWSLIB, "build", str(src), "--out", str(tmp / "local"), "--engine", "local",
                         "--no-progress"], memory=True)
        print(f"newslib build, local engine: {n / dt:,.0f} articles/s ({dt:.1f} s), peak RSS "
              f"{rss:,.0f} MB" if rss else f"newslib build, local engine: {n / dt:,.0f} articles/s")
        print("  " + check_accounting(tmp / "local", n))

        for engine in () if a.skip_dask else ("dask",):
            res = {}
            for w in sorted({1, a.workers}):
                dt, _ = timed([*NEWSLIB, "build", str(src), "--out", str(tmp / f"{engine}{w}"), "--engine", engine,
                               "--workers", str(w), "--no-progress"])
                res[w] = dt
                print(f"newslib build, {engine} engine, {w} worker(s): {n / dt:,.0f} articles/s ({dt:.1f} s)")
            if a.workers != 1:
                print(f"  {engine} speed-up {a.workers} workers vs 1: {res[1] / res[a.workers]:.2f}x")
            print("  " + check_accounting(tmp / f"{engine}{a.workers}", n))

        pool = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(src.iterdir())[: a.peers]]
        print_ratios(ours, pool, "newslib extract")

        if a.memory_n:
            big = tmp / "big"
            write_corpus(big, a.memory_n, 0.0)
            dt, rss = timed([*NEWSLIB, "build", str(big), "--out", str(tmp / "bigout"), "--engine", "local",
                             "--no-progress"], memory=True)
            print(f"memory run: {a.memory_n:,} articles in {dt:.0f} s ({a.memory_n / dt:,.0f}/s), peak RSS {rss:,.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
