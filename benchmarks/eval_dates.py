"""Dev-set scoring for newslib.dates (needs the ../shared folder beside the repo).

    python benchmarks/eval_dates.py            # seeds (score.py) + TimeBank/AQUAINT (score_timex.py)
    python benchmarks/eval_dates.py --errors 40

Writes predictions to /tmp/newslib_dates_*.jsonl and runs the shared scorers on them.  The seeds
are parsed with newslib.article.parse_article; while header parsing cannot yet read a publication
date, pass --gold-published to give the scorer's gold date as metadata (for measuring resolution
only: the library itself takes the date from article.published).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from newslib import dates
from newslib.article import parse_article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared"


def seeds(gold_published: bool) -> Path:
    out = Path(tempfile.gettempdir()) / "newslib_dates_seeds.jsonl"
    gold_dir = SHARED / "gold" / "seeds"
    with out.open("w", encoding="utf-8") as f:
        for txt in sorted(gold_dir.glob("seed*.txt")):
            raw = txt.read_text(encoding="utf-8")
            pub = None
            if gold_published:
                pub = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8")).get("published")
            art = parse_article(raw, txt.stem, published=pub)
            f.write(json.dumps({"id": txt.stem, "dates": dates.json_items(art)}) + "\n")
    return out


def tbaq() -> Path:
    out = Path(tempfile.gettempdir()) / "newslib_dates_tbaq.jsonl"
    with (SHARED / "gold" / "timeml" / "tbaq.jsonl").open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as f:
        for line in src:
            d = json.loads(line)
            tx = [{k: t[k] for k in ("start", "end", "type", "value")} for t in dates.timexes(d["text"], d["dct"])]
            f.write(json.dumps({"doc_id": d["doc_id"], "timexes": tx}) + "\n")
    return out


def main(argv: list[str]) -> None:
    gold_pub = "--gold-published" in argv
    extra = []
    if "--errors" in argv:
        extra = ["--errors", argv[argv.index("--errors") + 1]]
    print("== seeds (score.py)" + (" with gold publication dates as metadata" if gold_pub else ""))
    p = seeds(gold_pub)
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "gold" / "seeds"), str(p)], check=False)
    print("== TimeBank 1.2 + AQUAINT (score_timex.py)")
    p = tbaq()
    subprocess.run([sys.executable, str(SHARED / "eval" / "score_timex.py"),
                    str(SHARED / "gold" / "timeml" / "tbaq.jsonl"), str(p), *extra], check=False)


if __name__ == "__main__":
    main(sys.argv[1:])
