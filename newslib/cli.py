"""The `newslib` command.

    newslib report SOURCE [--out DIR]       the main job: all tables as Parquet + a readable summary
    newslib build SOURCE --out DIR          the same tables, quietly (with --engine dask for scale)
    newslib extract --jsonl FILE...         one JSON object per article on stdout, streamed
    newslib schema [TABLE]                  the columns of every table and what they mean

SOURCE is a file, a directory, a glob or several of them.  Unreadable inputs never stop a run:
they become rows of the `errors` table (or `{"id", "error"}` lines); the exit status is non-zero
only for usage errors.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

from . import __version__

FLUSH_SECONDS = 0.2
"""`newslib extract` flushes stdout at least this often, so output streams while the rest runs."""


def _add_source_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sources", metavar="CSV", help="an outlet registry (sources.csv) to use besides the built-in one")
    p.add_argument("--only", metavar="NAMES", help="comma-separated extractors to run (quotes,figures,dates); default all")
    p.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show the progress bar")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="never show the progress bar")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newslib", description="Raw news articles in, tidy tables out.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--version", action="version", version=f"newslib {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    rp = sub.add_parser("report", help="build every table as Parquet and print a readable summary",
                        description="Read SOURCE, run every extractor, write the tables as Parquet to --out "
                                    "and print a summary per article and per outlet.")
    rp.add_argument("source", nargs="+", help="files, directories or globs")
    rp.add_argument("--out", default="report", help="folder for the Parquet tables (default: ./report)")
    _add_source_options(rp)

    bp = sub.add_parser("build", help="write every table as Parquet (streams; local or Dask engine)",
                        description="Read SOURCE in batches and write OUT/<table>.parquet for every table.")
    bp.add_argument("source", nargs="+", help="files, directories or globs")
    bp.add_argument("--out", required=True, help="folder for the Parquet tables")
    bp.add_argument("--batch-size", type=int, default=500, help="articles per batch (default 500)")
    bp.add_argument("--engine", choices=["auto", "local", "dask"], default="auto",
                    help="auto (default: Dask worker processes for 1,000+ input files when Dask is installed "
                         "and there are 2+ cores, or with --scheduler; else local), local, or dask "
                         "(a Dask LocalCluster, or the cluster at --scheduler)")
    bp.add_argument("--workers", type=int, default=None, help="Dask worker processes (default: one per core)")
    bp.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler (tcp://host:8786)")
    _add_source_options(bp)

    ep = sub.add_parser("extract", help="print one JSON object per article (streamed)",
                        description="Print one JSON object per input article: id, outlet, title, published, "
                                    "byline, boilerplate, and quotes/figures/dates with start/end offsets "
                                    "into the raw text.")
    ep.add_argument("files", nargs="+", help="files, directories or globs")
    ep.add_argument("--jsonl", action="store_true", help="JSON Lines output (the default and only format)")
    ep.add_argument("--engine", choices=["auto", "local", "dask"], default="auto",
                    help="auto (default: Dask worker processes for 1,000+ input files when Dask is installed "
                         "and there are 2+ cores, or with --scheduler; else local), local, or dask "
                         "(input order kept either way)")
    ep.add_argument("--workers", type=int, default=None, help="Dask worker processes (default: one per core)")
    ep.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler")
    _add_source_options(ep)

    sp = sub.add_parser("schema", help="print the tables' columns and their meaning")
    sp.add_argument("table", nargs="?", help="one table (default: all)")
    return ap


def _only(arg: str | None) -> list[str] | None:
    return [x.strip() for x in arg.split(",") if x.strip()] if arg else None


def _src(items: list[str]):
    return items[0] if len(items) == 1 else items


def cmd_extract(a: argparse.Namespace) -> int:
    from .corpus import iter_jsonl

    out = sys.stdout
    last = time.monotonic()
    for line in iter_jsonl(_src(a.files), extract=_only(a.only), progress=a.progress, sources=a.sources,
                           engine=a.engine, workers=a.workers, scheduler=a.scheduler):
        out.write(line + "\n")
        now = time.monotonic()
        if now - last >= FLUSH_SECONDS:  # streamed: readers see output while the rest is processed
            out.flush()
            last = now
    out.flush()
    return 0


def cmd_build(a: argparse.Namespace) -> int:
    from .corpus import build

    res = build(_src(a.source), a.out, batch_size=a.batch_size, extract=_only(a.only), engine=a.engine,
                workers=a.workers, scheduler=a.scheduler, progress=a.progress, sources=a.sources)
    rate = res.inputs / res.seconds if res.seconds else 0.0
    print(f"{res.inputs} inputs in {res.seconds:.1f} s ({rate:,.0f}/s) -> {res.out}/")
    for t, n in res.counts.items():
        print(f"  {t:18s} {n:>9,d} rows")
    return 0


def _fmt_table(df: pd.DataFrame) -> str:
    with pd.option_context("display.max_colwidth", 48, "display.width", 160, "display.max_columns", 20):
        return df.to_string(index=False)


def _read_table(out: Path, name: str, columns: list[str]) -> pd.DataFrame | None:
    """Only the columns the summary needs (the corpus may be far larger than memory)."""
    for p in (out / f"{name}.parquet", out / name):
        if p.exists():
            return pd.read_parquet(p, columns=columns)
    return None


def cmd_report(a: argparse.Namespace) -> int:
    from .corpus import build

    res = build(_src(a.source), a.out, extract=_only(a.only), progress=a.progress, sources=a.sources,
                engine="auto")
    arts = _read_table(res.out, "articles", ["article_id", "outlet", "published", "word_count", "title",
                                             "boilerplate", "country", "ownership", "outlet_type"])
    errs = _read_table(res.out, "errors", ["article_id", "stage", "message"])
    read_errors = errs[~errs["stage"].astype(str).str.startswith("extract")]
    print(f"newslib report: {len(arts)} articles read, {len(read_errors)} inputs could not be read "
          f"({res.inputs} inputs)\n")
    if len(arts):
        view = arts[["article_id", "outlet", "published", "word_count", "title"]].copy()
        view["published"] = view["published"].dt.strftime("%Y-%m-%d %H:%M").str.replace(" 00:00", "", regex=False)
        for t in ("quotes", "figures", "dates"):
            spans = _read_table(res.out, t, ["article_id"])
            if spans is not None:
                counts = spans.groupby("article_id").size()
                view[t] = view["article_id"].map(counts).fillna(0).astype(int)
        view["boilerplate"] = arts["boilerplate"].map(len)
        view["article_id"] = view["article_id"].str.slice(0, 28)
        view["title"] = view["title"].map(lambda t: t if not isinstance(t, str) or len(t) <= 60 else t[:59] + "…")
        if len(view) > 40:
            print(f"(first 40 of {len(view)} articles)")
        print(_fmt_table(view.head(40).fillna("-")))
        print()
        by = arts.assign(outlet=arts["outlet"].fillna("(unknown)")).groupby("outlet").agg(
            articles=("article_id", "size"), words=("word_count", "sum"),
            country=("country", "first"), ownership=("ownership", "first"), type=("outlet_type", "first"))
        print("Outlets")
        print(_fmt_table(by.reset_index().sort_values("articles", ascending=False).head(40).fillna("-")))
        print()
    if len(errs):
        print("Errors" + (f" (first 40 of {len(errs)})" if len(errs) > 40 else ""))
        print(_fmt_table(errs.head(40)))
        print()
    print(f"Tables written to {res.out}/ (load with newslib.load_corpus):")
    for t, n in res.counts.items():
        print(f"  {t}.parquet  {n:,d} rows")
    speakers = _read_table(res.out, "speakers", ["speaker", "category", "n_quotes", "n_articles"])
    if speakers is not None:
        print(f"  speakers.parquet  {len(speakers):,d} rows")
        if len(speakers):
            print("\nMost quoted voices")
            top = speakers.sort_values(["n_quotes", "speaker"], ascending=[False, True]).head(10)
            print(_fmt_table(top))
    return 0


def cmd_schema(a: argparse.Namespace) -> int:
    from .schema import TABLES, markdown

    if a.table:
        if a.table not in TABLES:
            print(f"newslib schema: unknown table {a.table!r}; tables: {', '.join(TABLES)}", file=sys.stderr)
            return 2
        for c in TABLES[a.table]:
            print(f"{c.name:20s} {c.kind:9s} {c.doc}")
        return 0
    print(markdown())
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    a = ap.parse_args(argv)
    if not a.command:
        ap.print_help()
        return 2
    try:
        return {"extract": cmd_extract, "build": cmd_build, "report": cmd_report, "schema": cmd_schema}[a.command](a)
    except BrokenPipeError:  # `newslib extract ... | head`
        return 0
    except (FileNotFoundError, ValueError) as exc:
        print(f"newslib {a.command}: {exc}", file=sys.stderr)
        return 2


def run() -> None:  # pragma: no cover - ends the process
    """The command line: `main`, then the process ends at once with its exit status, without the
    interpreter's teardown (freeing every module: ~0.1 s with pandas loaded).  Everything
    newslib writes is closed by then; stdout and stderr are flushed here."""
    rc = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away (`| head`), or closed
            pass
    os._exit(rc)


if __name__ == "__main__":  # pragma: no cover
    run()
