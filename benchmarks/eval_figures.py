"""Dev-set scores for newslib.figures (reads ../shared, which only developers have).

    python benchmarks/eval_figures.py            # both dev sets
    python benchmarks/eval_figures.py --verbose  # also list every failing case

1. Seeds gold: writes a JSONL of {"id", "figures": json_items(article)} for
   ../shared/gold/seeds/seed00N.txt and runs ../shared/eval/score.py on it (money/percent F1).
2. Recognizers-Text English cases (../shared/gold/figures/recognizers_en.jsonl, 122 cases; the
   detokenised `input_detok`/`results_detok` when given, else `input`/`results`): a case is fully
   right when the predicted figures of the case's kind (money for currency cases, percent for
   percentage cases, count/unitless numbers for number cases) equal the gold ones in span, value
   and unit.  Gold units are mapped to ISO codes: the record's `iso` when given, else Dollar->USD,
   Pound->GBP, Cent->USD/100, Pence/Penny->GBP/100, Peseta->ESP, Finnish markka->FIM, Netherlands
   guilder->NLG, Bitcoin->BTC; the bare "Franc" is ambiguous in the gold (the 1989 WSJ sentences
   mean French francs), so CHF or FRF is accepted.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from newslib.article import parse_article  # noqa: E402
from newslib.figures import json_items  # noqa: E402

UNIT_MAP = {"Dollar": ("USD", 1), "Pound": ("GBP", 1), "Cent": ("USD", 0.01), "Pence": ("GBP", 0.01),
            "Penny": ("GBP", 0.01), "Peseta": ("ESP", 1), "Finnish markka": ("FIM", 1),
            "Netherlands guilder": ("NLG", 1), "Bitcoin": ("BTC", 1), "Franc": ({"CHF", "FRF"}, 1)}
KINDS = {"currency": {"money"}, "percentage": {"percent"}, "number": {"count", "index_points"}}


def seeds_score() -> None:
    gold = SHARED / "gold" / "seeds"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for txt in sorted(gold.glob("seed*.txt")):
            art = parse_article(txt.read_text(encoding="utf-8"), txt.stem)
            fh.write(json.dumps({"id": txt.stem, "figures": json_items(art)}, ensure_ascii=False) + "\n")
        path = fh.name
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), path],
                         capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("figures"))
    print("seeds gold (money/percent, not boilerplate):", line)


def gold_unit(r: dict):
    if r.get("type") == "percentage":
        return "%", 1
    if r.get("type") == "number":
        return None, 1
    if r.get("iso"):
        return r["iso"], 1
    return UNIT_MAP.get(r["unit"], (r["unit"], 1))


def recognizers_score(verbose: bool) -> None:
    cases = [json.loads(ln) for ln in (SHARED / "gold" / "figures" / "recognizers_en.jsonl").open(encoding="utf-8")]
    ok = 0
    fails = []
    for c in cases:
        text = c["input_detok"] if c.get("input_detok") is not None else c["input"]
        gold = c["results_detok"] if c.get("results_detok") is not None else c["results"]
        preds = [p for p in json_items(parse_article(text, "case")) if p["kind"] in KINDS[c["kind"]]]
        want = []
        for g in gold:
            unit, f = gold_unit(g)
            want.append((g["start"], g["end"], g["value"] * f, unit))
        got = [(p["start"], p["end"], p["value"], p["unit"]) for p in preds]

        def same(w, p):
            if (w[0], w[1]) != (p[0], p[1]) or not math.isclose(w[2], float(p[2]), rel_tol=1e-6):
                return False
            if w[3] is None:
                return True
            return p[3] in w[3] if isinstance(w[3], set) else p[3] == w[3]

        right = len(want) == len(got) and all(any(same(w, p) for p in got) for w in want)
        ok += right
        if not right:
            fails.append((c["id"], text, want, got))
    print(f"recognizers_en: {ok}/{len(cases)} cases fully right (span, value, unit)")
    if verbose:
        for cid, text, want, got in fails:
            print(f"  FAIL {cid}: {text!r}\n     gold {want}\n     pred {got}")


if __name__ == "__main__":
    seeds_score()
    recognizers_score("--verbose" in sys.argv)
