"""The engine: build → Parquet → load_corpus; batches; bad input at scale; Dask equals local."""
import pandas as pd
import pytest

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


@pytest.mark.slow
def test_dask_engine_same_output_as_local(tmp_path, seeds_dir):
    pytest.importorskip("dask.distributed")
    src, _, _ = _mixed_corpus(tmp_path, seeds_dir, copies=2)
    build(src, tmp_path / "local", progress=False)
    build(src, tmp_path / "dask", engine="dask", workers=2, progress=False)
    a, b = load_corpus(tmp_path / "local"), load_corpus(tmp_path / "dask")
    assert set(a) == set(b)
    for name in a:
        key = [c for c in ("article_id", "start", "end", "stage") if c in a[name].columns]
        x = a[name].sort_values(key).reset_index(drop=True)
        y = b[name].sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(x, y, check_dtype=False, obj=f"table {name}")


@pytest.mark.slow
def test_dask_extract_streams_same_records_in_order(tmp_path, seeds_dir):
    pytest.importorskip("dask.distributed")
    src, _, _ = _mixed_corpus(tmp_path, seeds_dir, copies=2)
    local = list(iter_json(src, progress=False))
    dask = list(iter_json(src, engine="dask", workers=2))
    assert [r["id"] for r in dask] == [r["id"] for r in local]
    assert dask == local


def test_auto_engine_is_local_for_small_inputs_and_texts(seeds_dir, monkeypatch):
    from newslib import corpus

    assert corpus.resolve_engine("auto", seeds_dir) == "local"  # 3 files: a cluster would cost more
    assert corpus.resolve_engine("auto", "Xiaomi shares rose 3% on Tuesday.") == "local"
    assert corpus.resolve_engine("local", seeds_dir) == "local"
    assert corpus.resolve_engine("dask", seeds_dir) == "dask"
    with pytest.raises(ValueError, match="unknown engine"):
        corpus.resolve_engine("threads", seeds_dir)
    monkeypatch.setattr(corpus, "AUTO_DASK_MIN_INPUTS", 2)
    expected = "dask" if __import__("importlib").util.find_spec("distributed") else "local"
    assert corpus.resolve_engine("auto", seeds_dir, workers=2) == expected
    assert corpus.resolve_engine("auto", seeds_dir, workers=1) == "local"


def test_auto_engine_falls_back_to_local_when_dask_cannot_start(tmp_path, seeds_dir, monkeypatch, capsys):
    pytest.importorskip("dask.distributed")
    from newslib import corpus, engine_dask

    def broken(*_a, **_k):
        raise engine_dask.EngineStartError("could not start Dask (OSError: no sockets)")
        yield  # a generator, like the real one

    monkeypatch.setattr(corpus, "AUTO_DASK_MIN_INPUTS", 1)
    monkeypatch.setattr(engine_dask, "iter_json_dask", broken)
    lines = list(corpus.iter_jsonl(seeds_dir, progress=False, engine="auto", workers=2))
    assert len(lines) == 3 and all(line.startswith('{"id"') for line in lines)
    assert "using the local engine" in capsys.readouterr().err
    with pytest.raises(engine_dask.EngineStartError):
        list(corpus.iter_jsonl(seeds_dir, progress=False, engine="dask", workers=2))


@pytest.mark.slow
def test_dask_jsonl_text_equals_local_text(tmp_path, seeds_dir):
    pytest.importorskip("dask.distributed")
    from newslib.corpus import iter_jsonl

    src, _, _ = _mixed_corpus(tmp_path, seeds_dir, copies=1)
    (src / "sep.txt").write_text("Odd separators\u2028inside: \u201cok,\u201d he said.\n", encoding="utf-8")
    local = list(iter_jsonl(src, progress=False))
    dask = list(iter_jsonl(src, engine="dask", workers=2))
    assert dask == local
    assert len(local) == 3 + 3 + 1


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
