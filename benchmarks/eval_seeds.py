"""Dev-set figures on the seeds gold: `newslib extract --jsonl` scored with the kit's score.py.

    python benchmarks/eval_seeds.py [GOLD_DIR]

GOLD_DIR defaults to ../shared/gold/seeds beside the repository (NAME.txt + NAME.json pairs);
any folder in that layout works (e.g. your own annotated articles).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "gold" / "seeds"
    scorer = SHARED / "eval" / "score.py"
    if not gold.is_dir() or not scorer.exists():
        print(f"no gold at {gold} or no scorer at {scorer}: nothing to measure")
        return 0
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as pred:
        subprocess.run([sys.executable, "-m", "newslib.cli", "extract", "--jsonl", "--no-progress",
                        *map(str, sorted(gold.glob("*.txt")))], stdout=pred, check=True)
        pred.flush()
        return subprocess.run([sys.executable, str(scorer), str(gold), pred.name]).returncode


if __name__ == "__main__":
    sys.exit(main())
