"""The engine: build → Parquet → load_corpus; batches; bad input at scale; Dask equals local."""
import contextlib
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newslib
from newslib import schema
from newslib.corpus import build, iter_json, load_corpus


def _mixed_corpus(tmp_path, seeds_dir, copies=3):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(copies):
        for p in sorted(seeds_dir.glob("*.txt")):
            (src / f"{i}_{p.name}").write_bytes(p.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "bad.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 50 + b"\xff\xfe\x00")
    return src, copies * 3, 3


def test_build_accounts_for_every_input(tmp_path, seeds_dir):
    src, n_ok, n_bad = _mixed_corpus(tmp_path, seeds_dir)
    res = build(src, tmp_path / "out", batch_size=2, progress=False)
    tables = load_corpus(tmp_path / "out")
    arts, errs = tables["articles"], tables["errors"]
    read_errs = errs[~errs["stage"].str.startswith("extract")]
    assert len(arts) + len(read_errs) == res.inputs == n_ok + n_bad
    assert len(arts) >= n_ok
    assert set(read_errs["article_id"]) >= {"empty", "binary"}
    for name in ("articles", "errors", "paragraphs", "sentences", "boilerplate_lines"):
        schema.validate(tables[name], name)
    sent = tables["sentences"].merge(arts[["article_id", "raw"]], on="article_id")
    assert all(r.raw[r.start:r.end] == r.text for r in sent.itertuples())


def test_build_matches_in_memory_tables(tmp_path, seeds_dir):
    build(seeds_dir, tmp_path / "out", progress=False)
    tables = load_corpus(tmp_path / "out")
    arts = newslib.read_articles(seeds_dir)
    pd.testing.assert_frame_equal(
        tables["articles"].drop(columns=["boilerplate_spans"]).sort_values("article_id").reset_index(drop=True),
        arts.drop(columns=["boilerplate_spans"]).sort_values("article_id").reset_index(drop=True),
        check_dtype=False)
    sents = newslib.sentences_table(arts)
    assert len(tables["sentences"]) == len(sents)


def test_iter_json_streams(seeds_dir):
    it = iter_json(seeds_dir, progress=False)
    first = next(it)  # available before the remaining files are read
    assert "id" in first and "title" in first
    assert len(list(it)) == 2


def test_load_corpus_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nope")


def test_auto_engine_is_local_for_small_inputs_and_texts(seeds_dir, monkeypatch):
    from newslib import corpus

    assert corpus.resolve_engine("auto", seeds_dir) == "local"  # 3 files: a cluster would cost more
    assert corpus.resolve_engine("auto", "Xiaomi shares rose 3% on Tuesday.") == "local"
    assert corpus.resolve_engine("local", seeds_dir) == "local"
    assert corpus.resolve_engine("dask", seeds_dir) == "dask"
    with pytest.raises(ValueError, match="unknown engine"):
        corpus.resolve_engine("threads", seeds_dir)
    with pytest.raises(ValueError, match="unknown engine"):
        corpus.resolve_engine("processes", seeds_dir)  # scaling out is Dask's job
    monkeypatch.setattr(corpus, "AUTO_MIN_INPUTS", 2)
    assert corpus.resolve_engine("auto", seeds_dir, workers=2) == "dask"  # a LocalCluster
    assert corpus.resolve_engine("auto", seeds_dir, workers=2, scheduler="tcp://x:8786") == "dask"
    assert corpus.resolve_engine("auto", seeds_dir, workers=1) == "local"
    assert corpus.resolve_engine("auto", "Xiaomi shares rose 3% on Tuesday.\nMore.", workers=2) == "local"
    # the input is listed once and handed to the engine
    engine, paths = corpus._resolve("auto", seeds_dir, 2, None)
    assert engine == "dask" and [p.name for p in paths] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    # without Dask installed, "auto" stays local
    real_find_spec = corpus.importlib.util.find_spec
    monkeypatch.setattr(corpus.importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real_find_spec(name, *a))
    assert corpus.resolve_engine("auto", seeds_dir, workers=2) == "local"


def test_auto_engine_falls_back_to_local_when_workers_cannot_start(tmp_path, seeds_dir, monkeypatch, capsys):
    from newslib import corpus, engine_dask

    @contextlib.contextmanager
    def broken(*_a, **_k):
        raise engine_dask.EngineStartError("could not start Dask (OSError: no forks left)")
        yield  # a context manager, like the real one

    monkeypatch.setattr(corpus, "AUTO_MIN_INPUTS", 1)
    monkeypatch.setattr(engine_dask, "_executor", broken)
    lines = list(corpus.iter_jsonl(seeds_dir, progress=False, engine="auto", workers=2))
    assert len(lines) == 3 and all(line.startswith('{"id"') for line in lines)
    assert "using the local engine" in capsys.readouterr().err
    res = build(seeds_dir, tmp_path / "out", engine="auto", workers=2, progress=False)
    assert res.inputs == 3 and (tmp_path / "out" / "articles.parquet").exists()  # the local layout
    assert "using the local engine" in capsys.readouterr().err
    with pytest.raises(engine_dask.EngineStartError):
        list(corpus.iter_jsonl(seeds_dir, progress=False, engine="dask", workers=2))


@pytest.mark.slow
def test_dask_extract_makes_ids_unique_like_local(tmp_path, seeds_dir):
    pytest.importorskip("dask.distributed")
    from newslib.corpus import iter_jsonl

    src = tmp_path / "in"
    seed = sorted(seeds_dir.glob("*.txt"))[0].read_bytes()
    for sub in ("a", "b", "c"):
        (src / sub).mkdir(parents=True)
        (src / sub / "story.txt").write_bytes(seed)  # same stem in three folders
    (src / "c" / "empty.txt").write_bytes(b"")
    local = list(iter_jsonl(src, progress=False))
    dask = list(iter_jsonl(src, engine="dask", workers=2, progress=False))
    assert dask == local
    ids = [__import__("json").loads(x)["id"] for x in local]
    assert ids.count("story") == 1 and {"story#2", "story#3"} <= set(ids)


def _tables_equal(a, b):
    assert set(a) == set(b)
    for name in a:
        key = [c for c in ("article_id", "start", "end", "stage") if c in a[name].columns]
        x = a[name].sort_values(key).reset_index(drop=True)
        y = b[name].sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(x, y, check_dtype=False, obj=f"table {name}")


@pytest.mark.slow
def test_dask_partitions_give_the_local_output(tmp_path, seeds_dir):
    """engine="dask" (what "auto" picks for large inputs): same lines in the same order, same
    tables, with partitions of one file so that every article crosses a process boundary."""
    pytest.importorskip("dask.distributed")
    from newslib import engine_dask
    from newslib.corpus import iter_jsonl

    src, _, _ = _mixed_corpus(tmp_path, seeds_dir, copies=2)
    (src / "sep.txt").write_text("Odd separators\u2028inside: \u201cok,\u201d he said.\n", encoding="utf-8")
    local = list(iter_jsonl(src, progress=False))
    parts = list(engine_dask.iter_json_dask(src, workers=2, files_per_partition=1, as_text=True))
    assert parts == local
    assert list(engine_dask.iter_json_dask(src, workers=2, files_per_partition=2)) == \
        list(iter_json(src, progress=False))
    build(src, tmp_path / "local", progress=False)
    res = build(src, tmp_path / "pool", engine="dask", workers=2, progress=False)
    assert res.inputs == 6 + 1 + 3
    _tables_equal(load_corpus(tmp_path / "local"), load_corpus(tmp_path / "pool"))


def _same_stems(tmp_path, seeds_dir):
    """Six files with three stems in three folders, plus a JSONL file whose records repeat an id."""
    src = tmp_path / "in"
    seeds = sorted(seeds_dir.glob("*.txt"))
    for sub in ("a", "b", "c"):
        (src / sub).mkdir(parents=True)
        (src / sub / "story.txt").write_bytes(seeds[0].read_bytes())  # same stem in three folders
        (src / sub / f"{sub}.txt").write_bytes(seeds[1].read_bytes())
    (src / "c" / "empty.txt").write_bytes(b"")
    (src / "c" / "story#2.txt").write_bytes(seeds[2].read_bytes())  # collides with a renamed id
    text = seeds[2].read_text(encoding="utf-8")
    (src / "d.jsonl").write_text("".join(json.dumps({"id": "story", "text": text}) + "\n" for _ in range(2)),
                                 encoding="utf-8")
    return src


@pytest.mark.slow
@pytest.mark.parametrize("per", [1, 3])
def test_dask_partitioned_build_makes_ids_unique_like_local(tmp_path, seeds_dir, per):
    """Duplicate ids across partitions (and within one) get #2, #3 in input order, as locally."""
    pytest.importorskip("dask.distributed")
    from newslib import engine_dask

    src = _same_stems(tmp_path, seeds_dir)
    build(src, tmp_path / "local", progress=False)
    engine_dask.build_dask(src, tmp_path / "pool", workers=2, progress=False, files_per_partition=per)
    a, b = load_corpus(tmp_path / "local"), load_corpus(tmp_path / "pool")
    ids = list(a["articles"]["article_id"])
    assert ids == ["a", "story", "b", "story#2", "c", "story#2#2", "story#3", "story#4", "story#5"]
    assert sorted(b["articles"]["article_id"]) == sorted(ids)
    _tables_equal(a, b)
    assert sorted(b["quotes"]["article_id"]) == sorted(a["quotes"]["article_id"])


@given(st.lists(st.lists(st.sampled_from(["x", "x#2", "x#3", "x#2#2", "y", "y#2"]), max_size=6), max_size=5))
def test_unique_fixes_replay_the_whole_input(parts):
    """Every article of a partition has its own id, and the fixes give the ids of one pass over the
    whole input (readers.UniqueIds, as the local engine), whatever the ids and partitions."""
    from newslib.corpus import PartitionIds
    from newslib.engine_dask import _unique_fixes
    from newslib.readers import UniqueIds

    whole = UniqueIds()
    expected = [whole(a) for p in parts for a in p]
    assert len(set(expected)) == len(expected)
    fixes = _unique_fixes(parts)
    got = []
    for p, fix in zip(parts, fixes, strict=True):
        local = PartitionIds()
        mine = [local(a) for a in p]
        assert len(set(mine)) == len(mine)
        got += [fix.get(i, i) for i in mine]
    assert got == expected


def test_unique_fixes_examples():
    from newslib.engine_dask import _unique_fixes

    fixes = _unique_fixes([["x", "y", "x"], ["x", "x#2", "z"], ["y"], [], ["x#3", "x"]])
    assert fixes[0] == {} and fixes[2] == {"y": "y#2"} and fixes[3] == {}
    assert fixes[1] == {"x": "x#3", "x#2": "x#2#2"}


@pytest.mark.slow
def test_dask_build_makes_ids_unique_like_local(tmp_path, seeds_dir):
    pytest.importorskip("dask.distributed")
    src = _same_stems(tmp_path, seeds_dir)
    build(src, tmp_path / "local", progress=False)
    build(src, tmp_path / "dask", engine="dask", workers=2, progress=False)
    _tables_equal(load_corpus(tmp_path / "local"), load_corpus(tmp_path / "dask"))


@pytest.mark.slow
def test_rebuild_into_the_same_folder_leaves_no_stale_tables(tmp_path, seeds_dir):
    """Local, then Dask with 9 partitions, then 2, then local again, all into one folder: each
    time the folder holds exactly the last build's tables (user files in it are kept)."""
    pytest.importorskip("dask.distributed")
    from newslib import engine_dask

    src, n_ok, n_bad = _mixed_corpus(tmp_path, seeds_dir, copies=2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    build(src, out, progress=False)
    first = load_corpus(out)
    for per in (1, 5, None):
        if per is None:
            build(src, out, progress=False)
        else:
            engine_dask.build_dask(src, out, workers=2, progress=False, files_per_partition=per)
        tables = load_corpus(out)
        assert len(tables["articles"]) == n_ok and set(tables) == set(first)
        _tables_equal(first, tables)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (out / "articles").exists()  # the partitions of the Dask runs are gone


def test_auto_stays_local_when_sidecars_sit_in_subfolders(tmp_path, seeds_dir, monkeypatch):
    """The Dask engine ships the top folder's sources.csv / metadata.csv to every partition;
    sidecars further down (which the local engine applies to their own subtree) keep "auto" local."""
    from newslib import corpus

    monkeypatch.setattr(corpus, "AUTO_MIN_INPUTS", 2)
    src = tmp_path / "in"
    for sub in ("a", "b"):
        (src / sub).mkdir(parents=True)
        for p in sorted(seeds_dir.glob("*.txt")):
            (src / sub / p.name).write_bytes(p.read_bytes())
    (src / "sources.csv").write_bytes((seeds_dir / "sources.csv").read_bytes())
    assert corpus.resolve_engine("auto", src, workers=2) == "dask"  # top-level sidecars: shipped
    files = sorted(str(p) for p in (src / "a").glob("*.txt"))
    assert corpus.resolve_engine("auto", files, workers=2) == "dask"
    (src / "b" / "metadata.csv").write_bytes((seeds_dir / "metadata.csv").read_bytes())
    assert corpus.resolve_engine("auto", src, workers=2) == "local"
    assert corpus.resolve_engine("auto", str(src / "*" / "*.txt"), workers=2) == "local"
    assert corpus.resolve_engine("auto", files, workers=2) == "dask"  # b's sidecars do not apply
    assert corpus.resolve_engine("dask", src, workers=2) == "dask"  # asked for: as asked


@pytest.mark.slow
def test_dask_reads_the_top_folder_sidecars_like_local(tmp_path, seeds_dir):
    """seeds/ has sources.csv and metadata.csv (the Android Headlines seed's outlet comes from it)."""
    pytest.importorskip("dask.distributed")
    from newslib.corpus import iter_jsonl

    local = list(iter_jsonl(seeds_dir, progress=False))
    pool = list(iter_jsonl(seeds_dir, engine="dask", workers=2))
    assert pool == local
    outlets = [json.loads(x)["outlet_from"] for x in local]
    assert "metadata" in outlets


@pytest.mark.slow
def test_dask_reports_an_unreadable_sidecar_like_local(tmp_path, seeds_dir):
    """A broken top-level sources.csv is an errors row (extract: an error line) on both engines."""
    pytest.importorskip("dask.distributed")
    from newslib.corpus import iter_jsonl

    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(seeds_dir.glob("*.txt")):
        (src / p.name).write_bytes(p.read_bytes())
    (src / "sources.csv").write_text("outlet,domain\nX,x.example\n", encoding="utf-8")  # no 'name' column
    local = list(iter_jsonl(src, progress=False))
    assert list(iter_jsonl(src, engine="dask", workers=2)) == local
    errors = [json.loads(x) for x in local if "error" in json.loads(x)]
    assert len(errors) == 1 and errors[0]["path"].endswith("sources.csv")
    a = build(src, tmp_path / "local", progress=False)
    b = build(src, tmp_path / "dask", engine="dask", workers=2, progress=False)
    assert a.inputs == b.inputs == 4
    ta, tb = load_corpus(tmp_path / "local"), load_corpus(tmp_path / "dask")
    _tables_equal(ta, tb)
    assert list(tb["errors"]["path"].str.endswith("sources.csv")) == [True]
