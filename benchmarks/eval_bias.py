"""Dev measurement of newslib.bias on BABE (../shared/gold/bias/babe.jsonl, relative to the repo root).

BABE (Spinde et al. 2021) is AGPL-licensed research data: this script only *measures* with it; nothing
from it is shipped or used to build the word lists.

Prints:
- sentence macro-F1 of the rule "a sentence is flagged when loaded_per_1k > 0" against the expert
  biased / non-biased label (target >= 0.63; a plain word list reaches 0.609);
- Spearman correlation across outlets between the mean loaded_per_1k of an outlet's sentences and
  the outlet's share of biased sentences (target >= 0.85);
- per-category precision of flagged sentences (which categories fire on non-biased sentences).

Usage: python benchmarks/eval_bias.py [PATH_TO_babe.jsonl]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from newslib.bias import bias_scores

ROOT = Path(__file__).resolve().parents[1]
#: outlets with fewer sentences have a biased share too noisy to rank (BABE has one with 1, one with 5)
MIN_OUTLET_SENTENCES = 20
DEFAULT = ROOT / ".." / "shared" / "gold" / "bias" / "babe.jsonl"


def spearman(x, y) -> float:
    """Spearman's rho (average ranks for ties) without scipy."""
    rx = pd.Series(x).rank().to_numpy(dtype=float)
    ry = pd.Series(y).rank().to_numpy(dtype=float)
    return float(np.corrcoef(rx, ry)[0, 1])


def macro_f1(y_true, y_pred) -> tuple[float, dict]:
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    out = {}
    for cls in (True, False):
        tp = np.sum((y_pred == cls) & (y_true == cls))
        fp = np.sum((y_pred == cls) & (y_true != cls))
        fn = np.sum((y_pred != cls) & (y_true == cls))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[cls] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return (out[True][2] + out[False][2]) / 2, out


def main(path: Path = DEFAULT) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("label") in (0, 1)]  # drop "No agreement"
    texts = [r["text"] for r in rows]
    scores = bias_scores(texts, readability=False)
    if len(scores) != len(texts):
        raise SystemExit(f"bias_scores returned {len(scores)} rows for {len(texts)} sentences")
    df = pd.DataFrame({"outlet": [r["outlet"] for r in rows], "label": [r["label"] for r in rows],
                       "loaded_per_1k": scores["loaded_per_1k"].to_numpy(),
                       "cats": [sorted({t["category"] for t in ts}) for ts in scores["loaded_terms"]]})
    df["flag"] = df["loaded_per_1k"] > 0
    f1, per = macro_f1(df["label"] == 1, df["flag"])
    print(f"BABE sentences: {len(df)}  biased share {df['label'].mean():.3f}  flagged share {df['flag'].mean():.3f}")
    print(f"  biased class     P {per[True][0]:.3f}  R {per[True][1]:.3f}  F1 {per[True][2]:.3f}")
    print(f"  non-biased class P {per[False][0]:.3f}  R {per[False][1]:.3f}  F1 {per[False][2]:.3f}")
    print(f"sentence macro-F1 (flag = loaded_per_1k > 0): {f1:.3f}   (target >= 0.63)")
    by = df.groupby("outlet").agg(n=("label", "size"), biased_share=("label", "mean"),
                                   mean_loaded_per_1k=("loaded_per_1k", "mean"))
    print(by.sort_values("biased_share").round(3).to_string())
    rho_all = spearman(by["mean_loaded_per_1k"], by["biased_share"])
    big = by[by["n"] >= MIN_OUTLET_SENTENCES]
    rho = spearman(big["mean_loaded_per_1k"], big["biased_share"])
    print(f"outlet Spearman (mean loaded_per_1k vs biased share), all {len(by)} outlets: {rho_all:.3f}")
    print(f"outlet Spearman, the {len(big)} outlets with >= {MIN_OUTLET_SENTENCES} sentences: {rho:.3f}   (target >= 0.85)")
    ex = df.explode("cats").dropna(subset=["cats"])
    cat = ex.groupby("cats").agg(sentences=("label", "size"), precision=("label", "mean"))
    print("flagged sentences by category (precision = share labelled biased):")
    print(cat.sort_values("sentences", ascending=False).round(3).to_string())
    return {"macro_f1": f1, "spearman_outlets": rho, "spearman_all_outlets": rho_all}


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
