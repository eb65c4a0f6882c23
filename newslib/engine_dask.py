"""The same pipeline on Dask worker *processes* (regex work holds the GIL, so threads would not
scale): input files split into partitions, each processed with exactly the functions the local
engine uses (`corpus.process_paths` for tables, `corpus.json_record` for JSON lines).

The cluster is a Dask LocalCluster of N single-threaded worker processes (on Linux forked with the
extractors already imported, so it starts in about half a second; what ``engine="auto"`` picks for
large inputs), or an existing cluster with ``--scheduler tcp://host:8786`` (its workers must see
the input paths and OUT, e.g. on a shared file system).  Install with ``pip install -e ".[dask]"``.

``build`` writes each partition as ``OUT/<table>/part-NNNNN.parquet``; ``extract`` streams the
records in input order, with a bounded number of partitions in flight (memory stays bounded
however slowly the output is read).  Duplicate article ids become ``id#2``, ``id#3`` in input
order, as on the local engine.
"""
from __future__ import annotations

import itertools
import json
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import schema


def _partition(paths: list[str], index: int, out: str, state: tuple) -> tuple[dict[str, int], list[str]]:
    """Process one partition of input files and write its tables; returns (rows per table, the
    partition's article ids as read, before they were made unique)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .corpus import process_paths

    metadata, sources, extract = state
    raw_ids: list[str] = []
    frames = process_paths(paths, metadata=metadata, sources=sources, extract=extract, raw_ids=raw_ids)
    counts = {}
    for table, df in frames.items():
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pandas(df, schema=schema.arrow_schema(table), preserve_index=False),
                       folder / f"part-{index:05d}.parquet")
        counts[table] = len(df)
    return counts, raw_ids


def _json_partition(paths: list[str], as_text: bool, state: tuple) -> list[dict] | tuple[list[str], list[str]]:
    """JSON records for one partition of input files (what `newslib extract` prints); with
    `as_text`, (ids, JSON lines) already serialised, so the client only writes them."""
    from .corpus import available_extractors, dumps, json_record
    from .readers import InputError, records_from_file

    metadata, sources, extract = state
    exts = available_extractors(extract)
    out = []
    for p in paths:
        for rec in records_from_file(Path(p), sources=sources, metadata=metadata):
            if isinstance(rec, InputError):
                out.append({"id": rec.article_id, "path": rec.path, "error": f"{rec.stage}: {rec.message}"})
            else:
                out.append(json_record(rec, exts))
    if as_text:
        return [r["id"] for r in out], [dumps(r) for r in out]
    return out


def _inputs(source: Any, sources: Any, extract, paths: list | None = None) -> tuple[list[str], tuple, list]:
    """(input paths, (sidecar metadata, outlet registry, extractor names), unreadable sidecars as
    InputErrors), prepared once on the client; the middle part is shipped to every partition.
    `paths`: the inputs when already listed."""
    import pandas as pd

    from . import readers
    from .corpus import available_extractors
    from .sources import load_sources

    if paths is None:
        paths = readers.expand_source(source)
    side_errors: list = []
    side_sources, metadata = readers.load_sidecars(source, errors=side_errors)
    reg = sources if sources is not None else side_sources
    if reg is not None and not isinstance(reg, pd.DataFrame):
        reg = load_sources(reg)
    return [str(p) for p in paths], (metadata, reg, [t for t, _ in available_extractors(extract)]), side_errors


def _start_method() -> str:
    """How worker processes start.  On Linux, "fork" with the extractors already imported: a
    LocalCluster's workers start in ~0.2 s instead of ~1.2 s (each "spawn"ed
    worker imports pandas and newslib again), which matters for corpora of a few thousand
    articles.  Elsewhere "spawn" (fork is unsafe on macOS).  NEWSLIB_DASK_START=spawn|fork|forkserver
    overrides."""
    method = os.environ.get("NEWSLIB_DASK_START") or ("fork" if sys.platform.startswith("linux") else "spawn")
    if method == "fork":
        from .corpus import available_extractors

        available_extractors()  # import the extractor modules (and their lexicons) once, before forking
    return method


class EngineStartError(RuntimeError):
    """The Dask cluster could not be started or reached (nothing was processed yet)."""


def _n_workers(workers: int | None) -> int:
    from .corpus import usable_cpus

    return max(1, workers or usable_cpus())


@contextmanager
def _client(workers: int | None, scheduler: str | None):
    """A Dask client on `scheduler`, or on a LocalCluster of `workers` single-threaded processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ValueError('the dask engine needs Dask: pip install -e ".[dask]"') from exc
    try:
        if scheduler:
            client, cluster = Client(scheduler), None
        else:
            import dask

            # no dashboard, so nothing reads the workers' statistical profiler (a stack sample every 10 ms)
            with dask.config.set({"distributed.worker.multiprocessing-method": _start_method(),
                                  "distributed.worker.profile.enabled": False}):
                cluster = LocalCluster(n_workers=_n_workers(workers), threads_per_worker=1,
                                       processes=True, dashboard_address=None, silence_logs=40)
            client = Client(cluster)
    except Exception as exc:
        raise EngineStartError(f"could not start Dask ({type(exc).__name__}: {exc})") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def _executor(workers: int | None, scheduler: str | None, state: tuple):
    """``run(fn, tasks)``: ``fn(*task, state)`` for every task on the Dask workers, results in task
    order as they come, at most four tasks per worker thread in flight.  `state` is sent to every
    worker once."""
    with _client(workers, scheduler) as client:
        slots = sum(client.nthreads().values()) or _n_workers(workers)
        window = 4 * slots
        [shared] = client.scatter([state], broadcast=True)

        def run(fn: Callable, tasks: list[tuple]) -> Iterator:
            pending: deque = deque()
            todo = iter(tasks)

            def fill() -> None:
                for t in itertools.islice(todo, window - len(pending)):
                    pending.append(client.submit(fn, *t, shared, pure=False))

            fill()
            while pending:
                fut = pending.popleft()
                res = fut.result()
                fut.release()
                fill()
                yield res

        yield run


def _chunks(paths: list[str], n_workers: int, per: int | None, per_worker: int, cap: int) -> list[list[str]]:
    per = per or max(1, min(cap, math.ceil(len(paths) / (n_workers * per_worker)) if paths else 1))
    return [paths[i:i + per] for i in range(0, len(paths), per)]


def _unique_fixes(raw_ids: list[list[str]]) -> list[dict[str, str]]:
    """Per partition, {id written by the partition: id in the whole corpus}, for the ids that differ.

    Each partition makes its ids unique on its own (``corpus.PartitionIds``); the local engine
    does it over the whole input, in order (``readers.UniqueIds``).  Both are replayed here from
    the ids as read."""
    from .corpus import PartitionIds
    from .readers import UniqueIds

    whole = UniqueIds()
    fixes = []
    for ids in raw_ids:
        part = PartitionIds()
        fix = {}
        for aid in ids:
            mine, theirs = part(aid), whole(aid)
            if mine != theirs:
                fix[mine] = theirs
        fixes.append(fix)
    return fixes


def _rename_ids(out: Path, index: int, fix: dict[str, str]) -> None:
    """Rewrite partition `index`'s tables with the corpus-wide article ids of `fix`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name in schema.TABLES):
        part = folder / f"part-{index:05d}.parquet"
        if not part.exists():
            continue
        df = pq.read_table(part).to_pandas()
        if not len(df) or "article_id" not in df.columns:
            continue
        df["article_id"] = [fix.get(a, a) for a in df["article_id"]]
        pq.write_table(pa.Table.from_pandas(df, schema=schema.arrow_schema(folder.name), preserve_index=False),
                       part)


def build_dask(source: Any, out: str | Path, *, extract=None, workers: int | None = None,
               scheduler: str | None = None, sources: Any = None, progress: bool | None = None,
               files_per_partition: int | None = None, paths: list | None = None):
    """Build the corpus tables on Dask (a LocalCluster of `workers` processes, or `scheduler`);
    same tables as the local engine, as partitioned folders.  `paths`: the input files when
    already listed."""
    import pandas as pd

    from .corpus import BuildResult, _write_corpus_tables, clear_tables

    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    clear_tables(out)
    paths, state, side_errors = _inputs(source, sources, extract, paths)
    chunks = _chunks(paths, _n_workers(workers), files_per_partition, 4, 200)
    counts: dict[str, int] = {}
    raw_ids: list[list[str]] = []
    with _executor(workers, scheduler, state) as run:
        if side_errors:  # unreadable sidecars: error rows, as on the local engine
            _write_side_errors(out, len(chunks), side_errors)
            counts["errors"] = len(side_errors)
        bar = None
        if progress is not False and len(chunks) > 1:
            from tqdm import tqdm
            bar = tqdm(total=len(chunks), unit="partition", file=sys.stderr,
                       disable=None if progress is None else False, leave=False)
        dest = str(out.resolve())
        for part_counts, ids in run(_partition, [(c, i, dest) for i, c in enumerate(chunks)]):
            for t, n in part_counts.items():
                counts[t] = counts.get(t, 0) + n
            raw_ids.append(ids)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    for i, fix in enumerate(_unique_fixes(raw_ids)):
        if fix:  # rare: the same id in two partitions
            _rename_ids(out, i, fix)
    _write_corpus_tables(out)
    inputs = counts.get("articles", 0)  # + read errors (extract errors belong to read articles)
    errs_dir = out / "errors"
    if errs_dir.exists():
        e = pd.read_parquet(errs_dir, columns=["stage"])
        inputs += int((~e["stage"].astype(str).str.startswith("extract")).sum())
    return BuildResult(out, counts, inputs, time.perf_counter() - t0)


def _write_side_errors(out: Path, index: int, errors: list) -> None:
    """The unreadable sidecars' rows of the errors table, as partition `index` (after the inputs')."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .corpus import _error_row

    df = schema.conform([_error_row(e.article_id, e.path, e.stage, e.message) for e in errors], "errors")
    folder = out / "errors"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(df, schema=schema.arrow_schema("errors"), preserve_index=False),
                   folder / f"part-{index:05d}.parquet")


# files per partition for `extract`: (partitions per worker, at most files per partition): enough
# partitions that the workers finish together, few enough that the per-task cost stays small
_JSON_CHUNKS = (8, 100)


def iter_json_dask(source: Any, *, extract=None, workers: int | None = None, scheduler: str | None = None,
                   sources: Any = None, files_per_partition: int | None = None, as_text: bool = False,
                   paths: list | None = None) -> Iterator:
    """`newslib extract --jsonl` on Dask (a LocalCluster of `workers` processes, or `scheduler`): records in
    input order, streamed as soon as each partition (in order) is done, ids made unique as by the
    local engine.  With `as_text`, JSON Lines strings (one per record, no newline) serialised on
    the workers.  `paths`: the input files when already listed."""
    from .corpus import dumps
    from .readers import UniqueIds

    paths, state, side_errors = _inputs(source, sources, extract, paths)
    per_worker, cap = _JSON_CHUNKS
    chunks = _chunks(paths, _n_workers(workers), files_per_partition, per_worker, cap)
    unique = UniqueIds()
    with _executor(workers, scheduler, state) as run:
        for e in side_errors:  # unreadable sidecars first, as the local engine reports them
            item = {"id": e.article_id, "path": e.path, "error": f"{e.stage}: {e.message}"}
            yield dumps(item) if as_text else item
        for res in run(_json_partition, [(c, as_text) for c in chunks]):
            if not as_text:
                for item in res:
                    item["id"] = unique(item["id"])
                    yield item
                continue
            ids, lines = res
            for aid, line in zip(ids, lines, strict=True):
                new = unique(aid)
                if new != aid:  # rare: re-serialise with the renamed id
                    rec = json.loads(line)
                    rec["id"] = new
                    line = dumps(rec)
                yield line

