"""Figure extraction throughput against JioNLP's money and time extractors, same run.

corpus_tools extracts all six kinds (money, dates, people, counts, percentages,
quantities) from >= 20 MB of text (``common.corpus_text(20)``). JioNLP's
``ner.extract_money`` + ``ner.extract_time`` (two of the six kinds) run about
0.3 MB/s here, so they are timed on a subsample of whole seed cycles and
scaled per MB; both engines are interleaved over the same rounds
(``common.interleaved``). Target: >= 30x JioNLP's throughput.

    .venv/bin/python benchmarks/bench_figures.py
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import corpus_text, interleaved, mb, peak_rss_mb, report, seed_texts
from corpus_tools.figures import extract_figures

TARGET_RATIO = 30.0
JIONLP_SEED_CYCLES = 3  # the subsample: every seed document, three times over
TIME_BASE = 1680220800.0  # 2023-03-31, a fixed reference for relative dates


def main() -> int:
    texts = corpus_text(20)
    sample = texts[: JIONLP_SEED_CYCLES * len(seed_texts())]
    import jionlp as jio

    logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every time string it cannot parse
    extract_figures(texts[0], doc_date="2023-03-31")  # compile the regexes and load the lexicons
    jio.ner.extract_money(sample[0])
    jio.ner.extract_time(sample[0], time_base=TIME_BASE)

    counts: dict[str, int] = {}

    def ours() -> None:
        counts["figures"] = sum(len(extract_figures(t, doc_date="2023-03-31")) for t in texts)

    def jionlp() -> None:
        counts["jionlp_entities"] = sum(
            len(jio.ner.extract_money(t)) + len(jio.ner.extract_time(t, time_base=TIME_BASE)) for t in sample)

    seconds = interleaved({"corpus_tools": ours, "jionlp": jionlp}, repeats=3)
    ours_mbps = mb(texts) / seconds["corpus_tools"]
    jionlp_mbps = mb(sample) / seconds["jionlp"]
    ratio = ours_mbps / jionlp_mbps

    start = time.perf_counter()
    money_only = sum(len(jio.ner.extract_money(t)) for t in sample)
    money_seconds = time.perf_counter() - start
    result = {
        "corpus_mb": round(mb(texts), 2),
        "corpus_tools_mb_per_s": round(ours_mbps, 2),
        "corpus_tools_figures": counts["figures"],
        "jionlp_sample_mb": round(mb(sample), 3),
        "jionlp_mb_per_s": round(jionlp_mbps, 3),
        "jionlp_money_only_mb_per_s": round(mb(sample) / money_seconds, 3),
        "jionlp_entities_on_sample": counts["jionlp_entities"],
        "jionlp_money_on_sample": money_only,
        "ratio": round(ratio, 1),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "note": (f"JioNLP (extract_money + extract_time) timed on {mb(sample):.2f} MB ({JIONLP_SEED_CYCLES} cycles "
                 f"of the seeds) and scaled per MB; corpus_tools on all {mb(texts):.1f} MB; medians of 3 "
                 "interleaved rounds"),
    }
    report("figures", result)
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
