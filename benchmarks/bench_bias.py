"""Speed of newslib.bias on the seed articles (single core).

Lexical measures (loaded terms, hedges, boosters, sentiment, subjectivity, scare quotes) are timed
on parsed articles, i.e. after newslib's cleaning and sentence segmentation, which every extractor
shares; parsing, readability (textstat) and the whole bias_scores call from raw strings are timed
separately.  Target: >= 2,000 articles/s for the lexical measures.  Times are CPU time of this
process (time.process_time), so other busy processes on the machine do not distort them.

Usage: python benchmarks/bench_bias.py [N_ARTICLES]
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from newslib import bias
from newslib.article import parse_article

ROOT = Path(__file__).resolve().parents[1]


def main(n: int = 3000) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts = [texts[i % len(texts)] for i in range(n)]
    bias.lexicons()  # built once per process; not part of the per-article cost
    t = time.process_time()
    arts = [parse_article(x, f"a{i}") for i, x in enumerate(texts)]
    for a in arts:
        _ = a.sentences
    t_parse = time.process_time() - t
    t = time.process_time()
    for a in arts:
        bias._score_row(a, readability=False)
    t_lex = time.process_time() - t
    m = min(n, 300)
    t = time.process_time()
    for a in arts[:m]:
        bias._readability(a.raw)
    t_read = (time.process_time() - t) * n / m
    t = time.process_time()
    bias.bias_scores(texts[:m], readability=False)
    t_all = (time.process_time() - t) * n / m
    tok = re.compile(r"\w+")
    t = time.process_time()
    for x in texts:
        tok.findall(x)
    t_tok = time.process_time() - t
    words = sum(len(x.split()) for x in texts)
    res = {"lexical_articles_per_s": n / t_lex, "parse_articles_per_s": n / t_parse,
           "readability_articles_per_s": n / t_read, "bias_scores_from_strings_per_s": n / t_all,
           "calibration_tokenize_per_s": n / t_tok}
    print(f"{n} articles, {words / n:.0f} words each")
    print(f"lexical measures on parsed articles: {res['lexical_articles_per_s']:,.0f} articles/s   (target >= 2,000)")
    print(f"parsing (cleaning + sentences):      {res['parse_articles_per_s']:,.0f} articles/s")
    print(f"readability (textstat):              {res['readability_articles_per_s']:,.0f} articles/s")
    print(f"bias_scores(strings, readability=False) end to end: {res['bias_scores_from_strings_per_s']:,.0f} articles/s")
    print(f"calibration: one bare \\w+ tokenizing pass: {res['calibration_tokenize_per_s']:,.0f} articles/s "
          f"(the lexical measures cost {res['calibration_tokenize_per_s'] / res['lexical_articles_per_s']:.1f} such passes)")
    return res


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
