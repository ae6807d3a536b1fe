"""Load + clean throughput of corpus_tools.load on >= 50 MB, against plain ``open().read()``.

Corpus: ``benchmarks.common.make_corpus(50)`` (the seeds repeated as ~4,700 UTF-8
files). Measured interleaved in one process (3 rounds, medians, as
``benchmarks.common.interleaved`` does), on one core:

- ``open_read``: ``open(path, encoding="utf-8").read()`` of every file (the baseline);
- ``read_corpus``: ``load.read_corpus(folder)``: collect, decode, clean, infer
  metadata and script, build the documents table and the load report;
- ``clean_text``: the cleaning pipeline alone on the texts already in memory;
- ``explain``: the pipeline while recording every change (what ``clean.explain`` does).

Reported as MB/s of UTF-8 input and as ratios to ``open_read``; the target is
``read_corpus`` >= 20 MB/s (about 0.065 of ``open_read`` on this machine). Peak RSS
of the process is printed. ``stage_seconds`` (one run each, not interleaved, for
finding the next hot spot) splits ``read_corpus`` into cleaning, metadata inference
on the clean texts and script detection of all documents.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import interleaved, make_corpus, peak_rss_mb, report, timed  # noqa: E402

TARGET_MB_S = 20.0


def main() -> None:
    from corpus_tools import clean, load, metadata, script

    folder = make_corpus(50)
    files = sorted(folder.glob("*.txt"))
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    texts = [f.read_text(encoding="utf-8") for f in files]

    def open_read() -> None:
        for f in files:
            with open(f, encoding="utf-8") as fh:
                fh.read()

    result_holder: dict[str, object] = {}

    def read_corpus() -> None:
        result_holder["result"] = load.read_corpus(folder)

    def clean_text() -> None:
        for t in texts:
            clean.clean_text(t)

    def explain() -> None:
        for t in texts[: len(texts) // 10]:
            clean.clean(t)

    seconds = interleaved({"open_read": open_read, "read_corpus": read_corpus, "clean_text": clean_text,
                           "explain": explain}, repeats=3)
    seconds["explain"] *= 10  # it ran on a tenth of the corpus
    cleaned = [clean.clean_text(t) for t in texts]
    stages = {
        "clean": timed(lambda: [clean.clean(t, record_changes=False) for t in texts]),
        "metadata": timed(lambda: [metadata.infer_metadata(c, raw=t) for c, t in zip(cleaned, texts)]),
        "script": timed(lambda: script.detect_scripts(cleaned, sample=load._SCRIPT_SAMPLE)),
    }
    loaded = result_holder["result"]
    mb_s = {name: round(size_mb / s, 1) for name, s in seconds.items()}
    out = {
        "corpus_mb": round(size_mb, 1),
        "files": len(files),
        "summary": loaded.summary(),  # type: ignore[attr-defined]
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "mb_per_s": mb_s,
        "ratio_to_open_read": {k: round(seconds["open_read"] / v, 3) for k, v in seconds.items()},
        "stage_seconds": {k: round(v, 2) for k, v in stages.items()},
        "target_read_corpus_mb_per_s": TARGET_MB_S,
        "meets_target": mb_s["read_corpus"] >= TARGET_MB_S,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    report("load", out)


if __name__ == "__main__":
    main()
