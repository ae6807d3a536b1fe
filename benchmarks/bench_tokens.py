"""Segmentation + POS tagging speed of corpus_tools.tokens against plain jieba, and their agreement.

Measured on >= 20 MB of the seeds repeated (``benchmarks.common.corpus_text(20)``):

- ``tokenize``: corpus_tools.tokens.tokenize per document (simplified view,
  rjieba segmentation + POS with the domain dictionary, spans into the clean
  text, sentence ids, Token records);
- ``tokens_table``: the same as one pandas table (``schema.TOKENS`` dtypes);
- ``rjieba.tag``: the engine alone on the simplified views, for reference.

The naive baselines are too slow for 20 MB: ``jieba.lcut`` runs on the first
2 MB and ``jieba.posseg.lcut`` on the five seeds (53 KB, 26% traditional, as a
user would run it on the raw text); their MB/s are per MB of their own input,
interleaved with the others in the same run (3 rounds, medians).

Agreement: boundary F1 and token F1 of our segmentation against
``jieba.Tokenizer().lcut`` with the same dictionary, on the simplified seeds.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import corpus_text, interleaved, mb, peak_rss_mb, report, seed_texts  # noqa: E402


def main() -> None:
    import pandas as pd

    from corpus_tools import tokens

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba
        import jieba.posseg
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()

    texts = corpus_text(20)
    seeds = seed_texts()
    lcut_sample: list[str] = []
    for text in texts:
        if mb(lcut_sample) >= 2.0:
            break
        lcut_sample.append(text)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    views = [tokens.simplified_view(t) for t in texts]
    engine = tokens._tagger(tokens.DEFAULT_CONFIG)
    tokens.tokenize(seeds[0])  # load dictionaries and engine outside the timings

    runs = {
        "tokenize": lambda: sum(len(tokens.tokenize(t)) for t in texts),  # records made, then dropped
        "tokens_table": lambda: tokens.tokens_table(docs),
        "rjieba.tag": lambda: sum(len(engine(v)) for v in views),
        "jieba.lcut": lambda: sum(len(jieba.lcut(t)) for t in lcut_sample),
        "jieba.posseg": lambda: [jieba.posseg.lcut(t) for t in seeds],
    }
    sizes = {"tokenize": mb(texts), "tokens_table": mb(texts), "rjieba.tag": mb(texts),
             "jieba.lcut": mb(lcut_sample), "jieba.posseg": mb(seeds)}
    seconds = interleaved(runs, repeats=3)
    speed = {name: sizes[name] / seconds[name] for name in runs}

    reference = tokens.jieba_tokenizer()
    ref, cand, ref_han, cand_han = [], [], [], []
    for text in seeds:
        view = tokens.simplified_view(text)
        ref += reference.lcut(view)
        cand += [w for w, _ in engine(view)]
    scores = tokens.agreement(ref, cand)
    n_tokens = len(tokens.tokenize(texts[0]))

    report("bench_tokens", {
        "corpus_mb": round(mb(texts), 2),
        "documents": len(texts),
        "mb_per_s": {k: round(v, 4) for k, v in speed.items()},
        "seconds_median": {k: round(v, 3) for k, v in seconds.items()},
        "measured_on_mb": {k: round(v, 3) for k, v in sizes.items()},
        "ratio_tokenize_vs_jieba_lcut": round(speed["tokenize"] / speed["jieba.lcut"], 1),
        "ratio_tokenize_vs_jieba_posseg": round(speed["tokenize"] / speed["jieba.posseg"], 1),
        "target_tokenize_mb_per_s": 2.0,
        "meets_target": speed["tokenize"] >= 2.0,
        "agreement_with_jieba_on_seeds": {k: round(v, 4) for k, v in scores.items()},
        "agreement_target": 0.99,
        "tokens_in_first_document": n_tokens,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "note": "jieba.lcut timed on the first 2 MB, jieba.posseg on the 5 seeds; MB/s per MB of their input",
    })


if __name__ == "__main__":
    main()
