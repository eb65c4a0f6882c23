"""The `newslib` command: extract --jsonl, report, build, schema, usage errors."""
import json
import subprocess
import sys

import pandas as pd
import pytest

from newslib.cli import main


def run(args, capsys):
    rc = main(args)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_extract_jsonl_on_seeds(seeds_dir, capsys):
    rc, out, _ = run(["extract", "--jsonl", str(seeds_dir)], capsys)
    assert rc == 0
    recs = [json.loads(line) for line in out.splitlines()]
    by_id = {r["id"]: r for r in recs}
    assert len(recs) == 3
    gt = by_id["globaltimes_2021-05-26_xiaomi-removed-from-us-blacklist"]
    assert gt["outlet"] == "Global Times"
    assert gt["title"] == "Xiaomi removed from US blacklist, yet clampdown on Chinese tech firms ongoing: experts"
    assert gt["published"] == "2021-05-26T08:47"
    scmp = by_id["scmp_2025-11-03_xiaomi-credentials-state-gift"]
    assert scmp["published"] == "2025-11-03"
    assert "Guess You Like" in scmp["boilerplate"]
    ah = by_id["androidheadlines_us-will-remove-xiaomi-from-blacklist"]
    assert ah["published"] is None and ah["outlet"] == "Android Headlines"
    for r in recs:
        raw = open(r["path"], encoding="utf-8").read()
        for table in ("quotes", "figures", "dates"):
            for item in r.get(table, []):
                assert raw[item["start"]:item["end"]] == item["text"], (table, item)


def test_extract_bad_inputs_keep_going(tmp_path, seeds_dir, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("A headline\n\nA body sentence.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    rc, out, _ = run(["extract", "--jsonl", str(tmp_path / "empty.txt"), str(missing), str(tmp_path / "ok.txt")], capsys)
    assert rc == 0
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in recs] == ["empty", "missing", "ok"]
    assert "error" in recs[0] and "error" in recs[1] and "error" not in recs[2]


def test_report_writes_tables_and_summary(seeds_dir, tmp_path, capsys):
    out_dir = tmp_path / "report"
    rc, out, _ = run(["report", str(seeds_dir), "--out", str(out_dir)], capsys)
    assert rc == 0
    assert "3 articles read, 0 inputs could not be read" in out
    assert "Global Times" in out and "South China Morning Post" in out
    arts = pd.read_parquet(out_dir / "articles.parquet")
    assert len(arts) == 3
    for t in ("errors", "paragraphs", "sentences", "boilerplate_lines"):
        assert (out_dir / f"{t}.parquet").exists()


def test_schema_command(capsys):
    rc, out, _ = run(["schema", "figures"], capsys)
    assert rc == 0 and "in_boilerplate" in out
    rc, _, err = run(["schema", "nope"], capsys)
    assert rc == 2 and "unknown table" in err


def test_usage_errors_exit_nonzero(capsys):
    with pytest.raises(SystemExit) as e:
        main(["extract"])
    assert e.value.code == 2
    assert main([]) == 2


def test_console_script_help():
    for args in ([], ["report"], ["build"], ["extract"], ["schema"]):
        r = subprocess.run([sys.executable, "-m", "newslib.cli", *args, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "usage" in r.stdout.lower()


@pytest.mark.slow
def test_extract_and_build_on_dask(seeds_dir, tmp_path, capsys):
    """--engine dask prints the same lines as --engine local; build writes every input."""
    pytest.importorskip("dask.distributed")
    _, local, _ = run(["extract", "--jsonl", "--engine", "local", str(seeds_dir)], capsys)
    rc, pool, _ = run(["extract", "--jsonl", "--engine", "dask", "--workers", "2", str(seeds_dir)], capsys)
    assert rc == 0 and pool == local and len(pool.splitlines()) == 3
    rc, out, _ = run(["build", str(seeds_dir), "--out", str(tmp_path / "t"), "--engine", "dask",
                      "--workers", "2", "--no-progress"], capsys)
    assert rc == 0 and out.startswith("3 inputs in ")
    assert (tmp_path / "t" / "articles" / "part-00000.parquet").exists()


def test_command_flushes_everything_before_its_fast_exit(seeds_dir, tmp_path, capsys):
    """`python -m newslib.cli` ends with os._exit (no interpreter teardown): block-buffered stdout
    must still be complete, build's tables written, and the exit status kept."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    cmd = [sys.executable, "-m", "newslib.cli"]
    _, expected, _ = run(["extract", "--jsonl", str(seeds_dir)], capsys)
    r = subprocess.run([*cmd, "extract", "--jsonl", str(seeds_dir)], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and r.stdout == expected
    r = subprocess.run([*cmd, "build", str(seeds_dir), "--out", str(tmp_path / "t")], capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0 and r.stdout.startswith("3 inputs in ") and "dates" in r.stdout
    assert len(pd.read_parquet(tmp_path / "t" / "articles.parquet")) == 3
    r = subprocess.run([*cmd, "schema", "nope"], capture_output=True, text=True, env=env)
    assert r.returncode == 2 and "unknown table" in r.stderr
