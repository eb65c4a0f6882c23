"""Bad input never stops a batch: every input comes out as an article or an error row."""
from __future__ import annotations

import builtins
import json
import os
import time
from pathlib import Path

import pytest

from newslib import schema
from newslib.article import Article
from newslib.readers import InputError, expand_source, iter_records, read_articles, records_from_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD = "Headline here\n\nA body paragraph that says something.\n"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def one(path, **kw):
    recs = list(records_from_file(path, **kw))
    assert len(recs) == 1
    return recs[0]


def err(path, **kw) -> InputError:
    rec = one(path, **kw)
    assert isinstance(rec, InputError), rec
    return rec


@pytest.mark.parametrize("name,data,stage,words", [
    ("empty.txt", b"", "read", "empty file"),
    ("blank.txt", b"  \n\t\r\n   \n", "read", "no text"),
    ("img.txt", PNG, "read", "binary file (looks like PNG)"),
    ("doc.pdf", PDF, "read", "binary file (looks like PDF)"),
    ("x.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "read", "looks like JPEG"),
    ("a.gif", b"GIF89a\x01\x00", "read", "looks like GIF"),
    ("z.txt", b"PK\x03\x04\x14\x00\x06\x00", "read", "looks like ZIP"),
    ("g.txt.gz", b"\x1f\x8b\x08\x00\x00\x00", "read", "looks like gzip"),
    ("nul.txt", b"text\x00\x01\x02\x03 with \x00 NULs \x00\xff\xfe\x10\x00", "read", "binary file"),
    ("ctl.txt", bytes(range(1, 9)) * 50 + b"some text", "read", "control characters"),
    ("junk.txt", bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0x80, 0xFE, 0xFF, 0x81] * 40),
     "decode", "no candidate encoding"),
])
def test_bad_files_are_error_rows(tmp_path, name, data, stage, words):
    p = tmp_path / name
    p.write_bytes(data)
    e = err(p)
    assert e.stage == stage
    assert words in e.message
    assert e.article_id == p.stem and e.path == str(p)
    assert e.row()["error"] == f"{stage}: {e.message}"


def test_huge_file_checked_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * 3000)
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: opened.append(f) or real_open(f, *a, **k))
    e = err(p, max_bytes=1000)
    assert opened == []  # stat said too big: never opened
    assert "15000 bytes" in e.message and "1000 bytes" in e.message
    monkeypatch.undo()
    assert isinstance(one(p, max_bytes=20000), Article)


def test_huge_jsonl_record_is_one_error_and_the_rest_go_on(tmp_path):
    p = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": "small one"}), json.dumps({"text": "x " * 5000}), json.dumps({"text": "small two"})]
    p.write_text("\n".join(lines) + "\n")
    recs = list(records_from_file(p, max_bytes=2000))
    assert [type(r).__name__ for r in recs] == ["Article", "InputError", "Article"]
    assert "over the limit of 2000 bytes" in recs[1].message and recs[1].article_id == "big:2"
    assert recs[2].raw == "small two" and recs[2].article_id == "big:3"


def test_bad_jsonl_lines(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text('{"text": "fine"}\n{"text": broken\n[1, 2]\n{"text": "   "}\n{"text": "also fine"}\n')
    recs = list(records_from_file(p))
    assert [r.article_id for r in recs] == [f"feed:{i}" for i in range(1, 6)]
    kinds = [(r.stage, r.message.split(" (")[0]) if isinstance(r, InputError) else r.raw for r in recs]
    assert kinds[0] == "fine" and kinds[4] == "also fine"
    assert kinds[1] == ("parse", "line 2: invalid JSON")
    assert recs[2].message.startswith("expected a JSON object")
    assert recs[3].message.startswith("no text")


def test_file_without_newline_is_read(tmp_path):
    p = tmp_path / "one-line.txt"
    p.write_bytes(b"Only one line, and no newline at the end")
    art = one(p)
    assert isinstance(art, Article) and art.raw == "Only one line, and no newline at the end"


def test_html_without_text_is_an_error(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>var a = 1;</script><style>p{}</style></head><body> </body></html>")
    e = err(p)
    assert e.stage == "parse" and "no text" in e.message and e.format == "html"


def test_missing_paths_are_errors_not_dropped(tmp_path):
    missing = tmp_path / "nope.txt"
    assert expand_source([missing]) == [missing]
    e = err(missing)
    assert e.message == "no such file"
    recs = list(iter_records([SEEDS, missing, str(tmp_path / "*.nothing")]))
    errors = [r for r in recs if isinstance(r, InputError)]
    assert len(recs) == 5 and len(errors) == 2
    assert errors[0].message == "no such file"
    assert errors[1].message == "no file matches the pattern"


def test_mixed_directory_every_input_accounted_for(tmp_path, monkeypatch):
    d = tmp_path / "batch"
    d.mkdir()
    for p in SEEDS.glob("*.txt"):  # 3 good articles (real seeds)
        (d / p.name).write_bytes(p.read_bytes())
    (d / "metadata.csv").write_bytes((SEEDS / "metadata.csv").read_bytes())  # sidecar, not an input
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_text("   \n\n")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (d / "report.pdf").write_bytes(PDF)
    (d / "dir.txt").mkdir()  # a folder named like an article
    os.symlink(d / "gone.txt", d / "dangling.txt")
    (d / "locked.txt").write_text(GOOD)
    (d / "feed.jsonl").write_text(json.dumps({"text": GOOD}) + "\nnot json\n")  # 1 article + 1 error
    (d / "page.html").write_text("<html><body><p>" + GOOD + "</p><script>x()</script></body></html>")
    (d / "huge.txt").write_bytes(b"a " * 6000)

    real_open = builtins.open

    def guarded_open(file, *a, **k):
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", guarded_open)
    t = time.perf_counter()
    df = read_articles(d, max_bytes=10_000)
    assert time.perf_counter() - t < 10
    schema.validate(df, "articles")
    inputs = 3 + 9 + 2  # seeds + one row per other file + the JSONL file's two lines
    articles = df[df["error"].isna()]
    errors = df[df["error"].notna()]
    assert len(articles) + len(errors) == inputs == len(df)
    assert sorted(articles["article_id"]) == sorted([p.stem for p in SEEDS.glob("*.txt")] + ["feed:1", "page"])
    msg = dict(zip(errors["article_id"], errors["error"], strict=True))
    assert msg == {
        "blank": "read: no text (whitespace only)",
        "dangling": "read: no such file (dangling symbolic link)",
        "dir": "read: is a directory, not a file (or a directory with no files)",
        "empty": "read: empty file",
        "feed:2": "parse: line 2: invalid JSON (Expecting value)",
        "huge": "read: file is 12000 bytes, over the limit of 10000 bytes (max_bytes)",
        "locked": "read: cannot read: Permission denied",
        "photo": "read: binary file (looks like JPEG)",
        "report": "read: binary file (looks like PDF)",
    }
    # error rows carry only article_id, path, format and error
    assert errors["raw"].isna().all() and errors["outlet"].isna().all()
    assert (errors["path"].str.startswith(str(d))).all()
    # the real seeds are read as usual in the same batch
    ah = articles.set_index("article_id").loc["androidheadlines_us-will-remove-xiaomi-from-blacklist"]
    assert ah["outlet"] == "Android Headlines" and ah["outlet_from"] == "metadata"


def test_bad_sidecar_is_reported_once_and_articles_still_read(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "metadata.csv").write_text("name,outlet\na,X\n")  # no 'file' column
    recs = list(iter_records(tmp_path))
    errs = [r for r in recs if isinstance(r, InputError)]
    assert len(recs) == 3 and len(errs) == 1
    assert errs[0].path.endswith("metadata.csv") and "'file' column" in errs[0].message


def test_read_articles_of_nothing_but_errors(tmp_path):
    df = read_articles([tmp_path / "a.txt", tmp_path / "b.txt"])
    schema.validate(df, "articles")
    assert list(df["error"]) == ["read: no such file"] * 2


def test_load_sidecars_warns_on_a_bad_sidecar(tmp_path):
    from newslib.readers import load_sidecars

    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "sources.csv").write_text("outlet,domain\nX,x.example\n")  # no 'name' column
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,Some Paper\n")
    with pytest.warns(UserWarning, match="sources.csv"):
        reg, meta = load_sidecars(tmp_path)
    assert reg is None and meta == {"a.txt": {"outlet": "Some Paper"}}
