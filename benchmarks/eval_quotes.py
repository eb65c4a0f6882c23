"""Dev scorer for newslib.quotes (not a test): seeds gold and the PolNeAR sample.

Run from the repo root: ``python benchmarks/eval_quotes.py [--verbose]``.  Reads the shared gold
data at ``../shared`` (not shipped with the project) and prints the official scorers' figures.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from newslib.article import parse_article
from newslib.quotes import json_items

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def seeds(verbose: bool) -> None:
    gold = SHARED / "gold" / "seeds"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for txt in sorted(gold.glob("seed*.txt")):
            art = parse_article(txt.read_text(encoding="utf-8"), txt.stem)
            fh.write(json.dumps({"id": txt.stem, "quotes": json_items(art)}, ensure_ascii=False) + "\n")
        pred = fh.name
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), pred] + (["--verbose"] if verbose else [])
    out = subprocess.run(cmd, capture_output=True, text=True)
    print("seeds:")
    print("\n".join(ln for ln in out.stdout.splitlines() if ln.startswith(("quotes", "speaker", "articles"))))
    if verbose:
        print(out.stderr)


def polnear(verbose: bool) -> None:
    gold = SHARED / "gold" / "quotes" / "polnear_sample.jsonl"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for line in gold.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            art = parse_article(doc["text"], doc["doc_id"])
            qs = [{"quote_start": q["start"], "quote_end": q["end"], "quote": q["text"],
                   "speaker": q["speaker"] or "", "kind": q["kind"], "cue": q["cue"]} for q in json_items(art)]
            fh.write(json.dumps({"doc_id": doc["doc_id"], "quotes": qs}, ensure_ascii=False) + "\n")
        pred = fh.name
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_quotes.py"), str(gold), pred],
                         capture_output=True, text=True)
    print("polnear:")
    print(out.stdout.strip(), out.stderr.strip())
    if verbose:
        print("pred file:", pred)


if __name__ == "__main__":
    v = "--verbose" in sys.argv
    seeds(v)
    polnear(v)
