"""The engine: inputs → articles → every extractor → tables (Parquet) or JSON lines.

One engine serves every entry point: ``newslib report`` and ``newslib build`` (Parquet tables),
``newslib extract --jsonl`` (one JSON object per article, streamed) and, with
``engine="dask"`` (a Dask LocalCluster or an existing cluster; what ``engine="auto"`` picks for
large inputs), the same per-partition work on Dask worker processes (`engine_dask`).

Each article is parsed once and every available extractor runs on it once.  A failure inside an
extractor for one article becomes an ``errors`` row (stage ``extract:<name>``) and the article and
the other extractors' rows are kept: nothing is lost, and ``articles + read errors = inputs``.
"""
from __future__ import annotations

import importlib
import importlib.util
import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema
from .article import Article

# (table, module, per-article function): the extractors the engine runs when their module exists.
EXTRACTORS: tuple[tuple[str, str, str], ...] = (
    ("quotes", "newslib.quotes", "_quotes_for_article"),
    ("figures", "newslib.figures", "_figures_for_article"),
    ("dates", "newslib.dates", "_dates_for_article"),
)

BASE_TABLES = ("articles", "errors", "paragraphs", "sentences", "boilerplate_lines")


def available_extractors(names: Iterable[str] | None = None) -> list[tuple[str, Any]]:
    """[(table, module)] for the extractors installed in this version of newslib."""
    wanted = set(names) if names is not None else None
    out = []
    for table, modname, _fn in EXTRACTORS:
        if wanted is not None and table not in wanted:
            continue
        if importlib.util.find_spec(modname) is None:
            continue
        out.append((table, importlib.import_module(modname)))
    return out


def _fn(table: str) -> str:
    return next(fn for t, _m, fn in EXTRACTORS if t == table)


def _error_row(article_id: str, path: str | None, stage: str, message: str) -> dict:
    return {"article_id": article_id, "path": path, "stage": stage, "message": message}


def article_tables(art: Article, extractors: list[tuple[str, Any]]) -> dict[str, list[dict]]:
    """Every table's rows for one article (extractor failures become `errors` rows)."""
    from .article import boilerplate_rows, locate, paragraph_rows, sentence_rows

    out: dict[str, list[dict]] = {"articles": [art.row()], "errors": [], "paragraphs": paragraph_rows(art),
                                  "sentences": sentence_rows(art), "boilerplate_lines": boilerplate_rows(art)}
    aid = art.article_id
    for table, mod in extractors:
        try:
            rows = locate(art, getattr(mod, _fn(table))(art))
            rows.sort(key=lambda r: (r["start"], r["end"]))
            out[table] = rows
        except Exception as exc:  # one article's failure must not stop the batch
            out[table] = []
            out["errors"].append(_error_row(aid, art.path, f"extract:{table}", f"{type(exc).__name__}: {exc}"))
    return out


def published_iso(ts: pd.Timestamp | None) -> str | None:
    """ISO 8601: date only when no time of day was stated (midnight), else minutes."""
    if ts is None or ts is pd.NaT:
        return None
    if ts.hour == 0 and ts.minute == 0 and ts.second == 0:
        return ts.strftime("%Y-%m-%d")
    return ts.strftime("%Y-%m-%dT%H:%M")


def json_record(art: Article, extractors: list[tuple[str, Any]]) -> dict:
    """The `newslib extract --jsonl` object for one article (field names of the eval schema)."""
    rec: dict[str, Any] = {
        "id": art.article_id, "path": art.path, "url": art.url, "outlet": art.outlet,
        "outlet_from": art.outlet_from, "title": art.title, "published": published_iso(art.published),
        "published_from": art.published_from, "byline": art.byline, "boilerplate": art.boilerplate,
        "word_count": art.word_count,
    }
    if art.warnings:
        rec["warnings"] = list(art.warnings)
    errors = []
    for table, mod in extractors:
        try:
            rec[table] = mod.json_items(art)
        except Exception as exc:
            rec[table] = []
            errors.append(f"extract:{table}: {type(exc).__name__}: {exc}")
    if errors:
        rec["errors"] = errors
    return rec


# ---------------------------------------------------------------------------------------------
# Inputs


def _is_terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def _iter_input_records(source: Any, sources: Any = None, progress: bool | None = None,
                        **read_kw: Any) -> Iterator[Any]:
    """Articles and InputErrors for every input (readers.iter_records), with a progress bar on
    stderr when it is a terminal (`progress=True` forces it, False hides it)."""
    from . import readers

    records = readers.iter_records(source, sources=sources, **read_kw)
    if progress is False or (progress is None and not _is_terminal(sys.stderr)):
        yield from records  # no bar (and no tqdm import) when stderr is a file or a pipe
        return
    from tqdm import tqdm
    with tqdm(records, unit=" articles", file=sys.stderr, disable=None if progress is None else False,
              desc="newslib", leave=False, mininterval=0.5) as bar:
        yield from bar


def iter_json(source: Any, *, extract: Iterable[str] | None = None, progress: bool | None = None,
              sources: Any = None, engine: str = "local", workers: int | None = None,
              scheduler: str | None = None) -> Iterator[dict]:
    """One JSON-ready dict per input article, streamed (an unreadable input gives {id, error}).
    `engine="dask"` spreads the work over Dask worker processes, keeping the input order;
    `engine="auto"` chooses (see `resolve_engine`)."""
    from .readers import InputError

    recs = _parallel_stream(source, engine, workers, scheduler, extract=extract, sources=sources)
    if recs is not None:
        yield from recs
        return

    exts = available_extractors(extract)
    for rec in _iter_input_records(source, sources=sources, progress=progress):
        if isinstance(rec, InputError):
            yield {"id": rec.article_id, "path": rec.path, "error": f"{rec.stage}: {rec.message}"}
        else:
            yield json_record(rec, exts)


_encode = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode


def dumps(rec: dict) -> str:
    """One JSON Lines line (no newline) for a record of `iter_json`."""
    return _encode(rec)


AUTO_MIN_INPUTS = 1000
"""`engine="auto"` uses a Dask LocalCluster from this many input files up; below it, starting the
cluster (~0.6 s, workers forked with everything imported) and splitting the work save little (at
~400 articles/s in one process and ~640/s on two workers, the break-even is near 700 files).  It
needs Dask and more than one core."""

def resolve_engine(engine: str, source: Any, workers: int | None = None, scheduler: str | None = None) -> str:
    """"local" or "dask" for `engine` ("auto" or one of those).

    "auto" picks Dask when a scheduler address is given, or when Dask is installed, the machine
    has more than one core (or `workers` > 1) and the input has at least `AUTO_MIN_INPUTS` files
    (then a LocalCluster of one worker process per core); otherwise the local engine.  Both
    engines give the same output."""
    return _resolve(engine, source, workers, scheduler)[0]


def usable_cpus() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells, else all)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on macOS / Windows
        return os.cpu_count() or 1


def _resolve(engine: str, source: Any, workers: int | None, scheduler: str | None) -> tuple[str, list | None]:
    """`resolve_engine` and the input files when it had to list them (so they are listed once)."""
    if engine in ("local", "dask"):
        return engine, None
    if engine != "auto":
        raise ValueError(f"unknown engine {engine!r} (auto, local or dask)")
    if scheduler:
        return "dask", None
    if (workers or usable_cpus()) < 2 or importlib.util.find_spec("distributed") is None:
        return "local", None
    items = source if isinstance(source, (list, tuple)) else [source]
    if not all(isinstance(x, (str, Path)) and str(x) != "-" for x in items):
        return "local", None  # texts, frames, streams: in-process
    from . import readers

    if any(readers.looks_like_text(x) for x in items):
        return "local", None
    entries = readers._expand(source)
    paths = [e.path for e in entries]
    if len(paths) < AUTO_MIN_INPUTS or _nested_sidecars(source, entries):
        return "local", paths
    return "dask", paths


def _nested_sidecars(source: Any, entries: list) -> bool:
    """True when a ``sources.csv`` / ``metadata.csv`` applies to some inputs from a folder other
    than the one folder whose sidecars the Dask engine ships to every partition
    (`readers.load_sidecars`): then only the local engine reads them as documented, and "auto"
    keeps to it."""
    from .readers import SIDECARS

    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        top = Path(source)
    else:
        parents = {e.path.parent for e in entries}
        top = parents.pop() if len(parents) == 1 else None
    seen, checked = set(), {top}
    for e in entries:
        parent = e.path.parent
        if (parent, e.root) in seen:
            continue
        seen.add((parent, e.root))
        folders = [parent]
        if e.root is not None:
            try:
                rel = parent.relative_to(e.root)
                folders = [e.root / Path(*rel.parts[:i]) for i in range(len(rel.parts) + 1)]
            except ValueError:
                pass
        for folder in folders:
            if folder not in checked:
                checked.add(folder)
                if any((folder / name).is_file() for name in SIDECARS):
                    return True
    return False


def iter_jsonl(source: Any, *, extract: Iterable[str] | None = None, progress: bool | None = None,
               sources: Any = None, engine: str = "local", workers: int | None = None,
               scheduler: str | None = None) -> Iterator[str]:
    """`iter_json` as JSON Lines text (one line per input, no newline), in input order.  On
    Dask the workers serialise, so the client only writes."""
    lines = _parallel_stream(source, engine, workers, scheduler, extract=extract, sources=sources, as_text=True)
    if lines is not None:
        yield from lines
        return
    for rec in iter_json(source, extract=extract, progress=progress, sources=sources):
        yield dumps(rec)


def _fall_back(exc: Exception, engine: str) -> None:
    """The Dask cluster could not start: re-raise for an explicit engine, say so for "auto"."""
    if engine != "auto":
        raise exc
    print(f"newslib: {exc}; using the local engine", file=sys.stderr)


def _parallel_stream(source: Any, engine: str, workers: int | None, scheduler: str | None,
                     **kw: Any) -> Iterator | None:
    """The Dask engine's records (or lines, with ``as_text=True``), already started, when
    `engine` resolves to Dask; None when the local engine should run instead (it was chosen, or
    "auto" could not start the cluster)."""
    chosen, paths = _resolve(engine, source, workers, scheduler)
    if chosen == "local":
        return None
    from .engine_dask import EngineStartError, iter_json_dask

    it = iter_json_dask(source, workers=workers, scheduler=scheduler, paths=paths, **kw)
    try:
        first = next(it)  # the workers start here
    except StopIteration:
        return iter(())
    except EngineStartError as exc:
        _fall_back(exc, engine)
        return None
    return itertools.chain([first], it)


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass
class TableSet:
    """Rows accumulated for a batch, turned into schema frames."""

    tables: tuple[str, ...]
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rows = {t: [] for t in self.tables}

    def add(self, part: dict[str, list[dict]]) -> None:
        for t, rows in part.items():
            self.rows[t].extend(rows)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {t: (schema.conform(r, t) if r else schema.empty(t)) for t, r in self.rows.items()}

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.rows["errors"])


def process_records(records: Iterable[Any], extract: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every table for a sequence of Articles / InputErrors (used per batch and per partition)."""
    from .readers import InputError

    exts = available_extractors(extract)
    ts = TableSet(BASE_TABLES + tuple(t for t, _ in exts))
    for rec in records:
        if isinstance(rec, InputError):
            ts.add({"errors": [_error_row(rec.article_id, rec.path, rec.stage, rec.message)]})
        else:
            ts.add(article_tables(rec, exts))
    return ts.frames()


def PartitionIds():  # named as the class it returns an instance of
    """Article ids made unique within one partition of the input, as `readers.UniqueIds` does
    over the whole input (the second "x" becomes "x#2"); the client maps each to its corpus-wide
    id (see `engine_dask.build_dask`)."""
    from .readers import UniqueIds

    return UniqueIds()


def process_paths(paths: list[str], metadata: dict | None = None, sources: Any = None,
                  extract: Iterable[str] | None = None, raw_ids: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """All tables for a list of input files (a partition's work), article ids made unique within
    it (`PartitionIds`); the ids as read are appended to `raw_ids` when given."""
    from .readers import records_from_file

    unique = PartitionIds()

    def records():
        for p in paths:
            for rec in records_from_file(Path(p), sources=sources, metadata=metadata):
                if raw_ids is not None:
                    raw_ids.append(rec.article_id)
                rec.article_id = unique(rec.article_id)
                yield rec

    return process_records(records(), extract)


def clear_tables(out: Path) -> None:
    """Remove the tables an earlier build wrote to `out` (``<table>.parquet`` files and the
    ``<table>/part-NNNNN.parquet`` files of the Dask engine, for every table of the schema),
    so that a rebuild with another engine or fewer partitions leaves no stale rows.  Nothing else
    in `out` is touched."""
    import re

    part = re.compile(r"part-\d{5}\.parquet")
    for t in schema.TABLES:
        f = out / f"{t}.parquet"
        if f.is_file():
            f.unlink()
        folder = out / t
        if folder.is_dir():
            for p in folder.iterdir():
                if part.fullmatch(p.name) and p.is_file():
                    p.unlink()
            if not any(folder.iterdir()):
                folder.rmdir()


class _ParquetSink:
    """One Parquet file per table, one row group per batch, fixed Arrow schema."""

    def __init__(self, out: Path, tables: Iterable[str]):
        import pyarrow.parquet as pq

        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        clear_tables(out)
        self.writers = {t: pq.ParquetWriter(out / f"{t}.parquet", schema.arrow_schema(t)) for t in tables}
        self.counts = dict.fromkeys(self.writers, 0)

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        import pyarrow as pa

        for t, df in frames.items():
            if len(df):
                self.writers[t].write_table(pa.Table.from_pandas(df, schema=schema.arrow_schema(t),
                                                                 preserve_index=False))
                self.counts[t] += len(df)

    def close(self) -> None:
        for w in self.writers.values():
            w.close()


@dataclass
class BuildResult:
    out: Path
    counts: dict[str, int]
    inputs: int
    seconds: float


def build(source: Any, out: str | Path, *, batch_size: int = 500, extract: Iterable[str] | None = None,
          engine: str = "local", workers: int | None = None, scheduler: str | None = None,
          progress: bool | None = None, sources: Any = None) -> BuildResult:
    """Read `source`, run every extractor, and write each table to ``OUT/<table>.parquet``.

    Streams in batches of `batch_size` articles, so memory stays bounded however large the
    corpus.  `engine="dask"` runs the same work on Dask worker processes (see
    `engine_dask.build_dask`); `engine="auto"` chooses (see `resolve_engine`).
    """
    chosen, paths = _resolve(engine, source, workers, scheduler)
    if chosen != "local":
        from .engine_dask import EngineStartError, build_dask
        try:
            return build_dask(source, out, extract=extract, workers=workers, scheduler=scheduler,
                              sources=sources, progress=progress, paths=paths)
        except EngineStartError as exc:
            _fall_back(exc, engine)
    t0 = time.perf_counter()
    out = Path(out)
    exts = available_extractors(extract)
    tables = BASE_TABLES + tuple(t for t, _ in exts)
    sink = _ParquetSink(out, tables)
    batch: list[Any] = []
    n = 0
    try:
        for rec in _iter_input_records(source, sources=sources, progress=progress):
            batch.append(rec)
            n += 1
            if len(batch) >= batch_size:
                sink.write(process_records(batch, [t for t, _ in exts]))
                batch = []
        if batch:
            sink.write(process_records(batch, [t for t, _ in exts]))
    finally:
        sink.close()
    _write_corpus_tables(out)
    return BuildResult(out, dict(sink.counts), n, time.perf_counter() - t0)


def _write_corpus_tables(out: Path) -> None:
    """Corpus-level tables computed from the span tables once all articles are in."""
    def table(name: str) -> Path | None:
        for p in (out / f"{name}.parquet", out / name):
            if p.exists():
                return p
        return None

    quotes, articles = table("quotes"), table("articles")
    if quotes and articles:
        from .quotes import speakers
        q = pd.read_parquet(quotes, columns=["article_id", "speaker", "speaker_type", "role", "affiliation"])
        arts = pd.read_parquet(articles, columns=["article_id", "outlet"])
        schema.conform(speakers(q, arts), "speakers").to_parquet(out / "speakers.parquet", index=False)


def load_corpus(path: str | Path) -> dict[str, pd.DataFrame]:
    """The tables `newslib build` wrote to `path`, as {table name: DataFrame}.

    Reads ``<table>.parquet`` files and partitioned ``<table>/`` folders alike; declared tables
    are conformed to the schema (same dtypes as in memory)."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"no corpus folder at {path}")
    out = {}
    for p in sorted(path.iterdir()):
        name = p.name.removesuffix(".parquet")
        if p.suffix == ".parquet" or (p.is_dir() and any(p.glob("*.parquet"))):
            df = pd.read_parquet(p)
            out[name] = schema.conform(df, name, extra=True) if name in schema.TABLES else df
    return out
