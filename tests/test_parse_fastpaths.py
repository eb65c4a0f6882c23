"""Fast paths of the reading and parsing code compared with the plain rules they replace."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslib import readers
from newslib.readers import InputError, iter_records, records_from_file


# ---- readers._magic: the first-byte gate --------------------------------------------------------
def _magic_plain(data: bytes) -> str | None:
    """The signature check without the first-byte gate."""
    if data[:3] == b"BZh" and data[4:10] != b"1AY&SY":
        return None
    for off, sig, name in readers._MAGIC:
        if data[off:off + len(sig)] == sig and (sig != b"1AY&SY" or data[:3] == b"BZh"):
            return name
    return None


_SIGS = [sig for _off, sig, _name in readers._MAGIC] + [b"BZh", b"BZh91AY&SY", b"\x00\x00\x00\x18ftyp"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.binary(max_size=24),
    st.builds(lambda sig, tail: sig + tail, st.sampled_from(_SIGS), st.binary(max_size=12)),
    st.builds(lambda head, sig, tail: head + sig + tail, st.binary(min_size=1, max_size=5),
              st.sampled_from(_SIGS), st.binary(max_size=8)),
))
def test_magic_gate_is_the_plain_rule(data):
    assert readers._magic(data) == _magic_plain(data)


def test_magic_known_signatures():
    assert readers._magic(b"%PDF-1.7 ...") == "PDF"
    assert readers._magic(b"\x00\x00\x00\x18ftypisom") == "MP4/MOV"
    assert readers._magic(b"BZh91AY&SY....") == "bzip2"
    assert readers._magic(b"BZh is not bzip2 without its block magic") is None
    assert readers._magic(b"Xiaomi removed from US blacklist") is None
    assert readers._magic(b"") is None


# ---- readers._records: one stat for the file type ------------------------------------------------
def test_directory_and_special_file_errors(tmp_path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    recs = list(records_from_file(d))
    assert len(recs) == 1 and isinstance(recs[0], InputError)
    assert recs[0].message.startswith("is a directory")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        recs = list(records_from_file(fifo))
        assert len(recs) == 1 and isinstance(recs[0], InputError)
        assert recs[0].message == "not a regular file"


def test_symlink_to_file_and_dangling_symlink(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("Xiaomi removed from US blacklist\n\nShares rose 5.2 per cent in Hong Kong.\n",
                      encoding="utf-8")
    link = tmp_path / "link.txt"
    try:
        link.symlink_to(target)
        (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    except OSError:
        pytest.skip("no symbolic links here")
    recs = {r.article_id: r for r in iter_records([link, tmp_path / "gone.txt"])}
    assert recs["link"].title == "Xiaomi removed from US blacklist"
    assert isinstance(recs["gone"], InputError) and "dangling" in recs["gone"].message


# ---- readers._Sidecars: the folder chain cached per folder ---------------------------------------
def test_sidecar_lookup_nested_and_interleaved(tmp_path):
    """metadata.csv rows are found by relative path, name or stem from the nearest folder up to the
    root, also when the files of several folders come one after the other (the chain cache)."""
    text = "Headline of the story here\n\nThe company said on Monday that profit rose sharply in the quarter.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "c").mkdir()
    for rel in ("top.txt", "a/one.txt", "a/b/two.txt", "a/b/three.txt", "c/four.txt", "c/five.txt"):
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet\ntop.txt,Top Outlet\na/b/two.txt,Deep Outlet\nc/four,Four Outlet\n", encoding="utf-8")
    (tmp_path / "a" / "metadata.csv").write_text("file,outlet\none,A Outlet\nb/three.txt,Three Outlet\n",
                                                 encoding="utf-8")
    (tmp_path / "c" / "metadata.csv").write_text("file,outlet\nfive.txt,Five Outlet\n", encoding="utf-8")
    got = {r.article_id: r.outlet for r in iter_records(tmp_path)}
    assert got == {"top": "Top Outlet", "one": "A Outlet", "two": "Deep Outlet", "three": "Three Outlet",
                   "four": "Four Outlet", "five": "Five Outlet"}
    # the same answers file by file, in another order, from one _Sidecars
    side = readers._Sidecars()
    order = ["c/five.txt", "a/b/two.txt", "top.txt", "c/four.txt", "a/one.txt", "a/b/three.txt"]
    metas = {Path(rel).stem: side.lookup(tmp_path / rel, tmp_path)[1].get("outlet") for rel in order}
    assert metas == got
    assert side.errors == []


def test_sidecar_error_reported_once(tmp_path):
    text = "Headline of the story here\n\nThe company said on Monday that profit rose sharply in the quarter.\n"
    for name in ("x.txt", "y.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("name,outlet\nx.txt,X\n", encoding="utf-8")  # no 'file' column
    recs = list(iter_records(tmp_path))
    errors = [r for r in recs if isinstance(r, InputError)]
    assert len(errors) == 1 and "file" in errors[0].message
    assert sorted(r.article_id for r in recs if not isinstance(r, InputError)) == ["x", "y"]
