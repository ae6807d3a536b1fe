"""The whole pipeline against the naive pandas + jieba pipeline, at 500 and 5,000 documents; and ``build``.

Reproduces the table of issue 11. On generated corpora of 500 and 5,000
documents (varied: each is one of the seeds in ``data/`` or of the dev
documents in ``tests/data/dev/docs``, with a seeded sample of its paragraphs
and a paragraph of another document, so that words, figures and entities
differ between documents), each measurement runs in a fresh process:

- ``naive``: read each file, collapse whitespace (pandas ``.str.replace``),
  ``jieba.lcut``, a ``Counter`` per document, three money regexes;
- ``pipeline``: ``load_corpus``, ``figures_table``, ``tokens_table``,
  ``top_keywords`` per document (reusing the tokens), ``entities_table``,
  each stage timed;
- ``build_1`` and ``build_2``: ``corpus_tools.build`` into a fresh folder with
  1 and 2 worker processes (all the tables above, written as Parquet).

Times include loading the engines (jieba's dictionary, rjieba, OpenCC) but not
the interpreter's start. ``cpu_seconds`` (the process and its workers, user +
system, the interpreter's start included) tells work from waiting: on a machine
shared with other sessions Linux's autogroup scheduling gives a session one
share of the CPUs however many processes it runs, so ``build_2`` can only
beat ``build_1`` on wall time when the machine is otherwise idle. Variants are interleaved over ``--rounds`` rounds
(default 3); ratios are medians of the per-round ratios to ``naive``. Peak RSS
is the measuring process's ``VmHWM``; for ``build`` the largest worker's too.

Targets (issue 11): pipeline >= 5x naive at 500 documents, its throughput at
5,000 >= 0.8x that at 500; build with 2 workers >= 9x naive and >= 1.8x its
1-worker throughput.

    python benchmarks/bench_pipeline.py            # 500 and 5,000 documents, 3 rounds
    python benchmarks/bench_pipeline.py --quick    # 200 documents, 1 round (development)
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, report

CORPORA_DIR = Path(__file__).resolve().parent / "_corpus_pipeline"
VARIANTS = ("naive", "pipeline", "build_1", "build_2")
TARGETS = {"pipeline_vs_naive_500": 5.0, "pipeline_scaling_5000_vs_500": 0.8,
           "build_2_vs_naive": 9.0, "build_2_vs_build_1": 1.8}


# ---------------------------------------------------------------- corpus

def _sources() -> list[str]:
    paths = sorted((ROOT / "data").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "dev" / "docs").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def make_varied_corpus(n_docs: int) -> Path:
    """Write ``n_docs`` varied documents (seeded) under benchmarks/_corpus_pipeline/N; reuse if present."""
    folder = CORPORA_DIR / str(n_docs)
    marker = folder / ".complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(n_docs)
    sources = [[p for p in text.split("\n") if p.strip()] for text in _sources()]
    for i in range(n_docs):
        paragraphs = sources[i % len(sources)]
        head, body = paragraphs[:3], paragraphs[3:]
        kept = [p for p in body if rng.random() < 0.8] or body
        other = sources[rng.randrange(len(sources))]
        extra = other[rng.randrange(len(other))] if other else ""
        at = rng.randrange(len(kept) + 1)
        text = "\n".join(head + kept[:at] + [extra] + kept[at:]) + "\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    marker.write_text("ok")
    return folder


def corpus_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6


# ---------------------------------------------------------------- measurements (one per process)

MONEY = [re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿|萬|億)?\s*元"),
         re.compile(r"(?:人民币|港币|港幣|美元|新台币)\s*\d+(?:\.\d+)?\s*(?:万|亿|萬|億)?"),
         re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿|萬|億)?\s*(?:美元|港元|港币|港幣)")]


def run_naive(folder: Path) -> dict:
    import warnings
    from collections import Counter

    import pandas as pd

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    paths = sorted(folder.glob("*.txt"))
    df = pd.DataFrame({"path": [str(p) for p in paths],
                       "text": [p.read_text(encoding="utf-8") for p in paths]})
    df["text"] = df["text"].str.replace(r"\s+", " ", regex=True)
    counts, money = [], []
    for text in df["text"]:
        counts.append(Counter(jieba.lcut(text)))
        money.append([m.group() for rx in MONEY for m in rx.finditer(text)])
    df["n_tokens"] = [sum(c.values()) for c in counts]
    df["money"] = money
    return {"seconds": time.perf_counter() - start}


def run_pipeline(folder: Path) -> dict:
    start = time.perf_counter()
    import corpus_tools as ct

    stages = {}
    t = time.perf_counter()
    docs = ct.load_corpus(folder)
    stages["load"] = time.perf_counter() - t
    t = time.perf_counter()
    ct.figures_table(docs)
    stages["figures"] = time.perf_counter() - t
    t = time.perf_counter()
    toks = ct.tokens_table(docs)
    stages["tokens"] = time.perf_counter() - t
    t = time.perf_counter()
    ct.top_keywords(docs, by="doc_id", tokens=toks)
    stages["keywords"] = time.perf_counter() - t
    t = time.perf_counter()
    ct.entities_table(docs, tokens=toks)  # the tokens' tagging pass serves the entities too
    stages["entities"] = time.perf_counter() - t
    return {"seconds": time.perf_counter() - start, "stages": stages}


def run_build(folder: Path, workers: int) -> dict:
    start = time.perf_counter()
    import corpus_tools as ct

    out = Path(tempfile.mkdtemp(prefix="bench_build_"))
    try:
        ct.build(folder, out, workers=workers, progress=False)
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds,
            "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # pragma: no cover - not Linux


def measure(variant: str, folder: Path) -> dict:
    if variant == "naive":
        result = run_naive(folder)
    elif variant == "pipeline":
        result = run_pipeline(folder)
    else:
        result = run_build(folder, int(variant.split("_")[1]))
    result["peak_rss_mb"] = _vm_hwm_mb()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu_seconds"] = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return result


def measure_in_fresh_process(variant: str, folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", variant, str(folder)], capture_output=True,
                         text=True, cwd=ROOT, check=False)
    if out.returncode:
        raise RuntimeError(f"{variant} on {folder} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the run

def summarise(runs: dict[str, list[dict]], mb: float, n_docs: int) -> dict:
    naive = [r["seconds"] for r in runs.get("naive", [])]
    out: dict = {"documents": n_docs, "mb": round(mb, 2), "rounds": len(next(iter(runs.values())))}
    for variant, results in runs.items():
        secs = [r["seconds"] for r in results]
        row = {"seconds": round(statistics.median(secs), 2), "mb_s": round(mb / statistics.median(secs), 3),
               "peak_rss_mb": round(max(r["peak_rss_mb"] for r in results), 1)}
        if naive:
            row["ratio_to_naive"] = round(statistics.median(n / s for n, s in zip(naive, secs)), 2)
        if all("cpu_seconds" in r for r in results):
            row["cpu_seconds"] = round(statistics.median(r["cpu_seconds"] for r in results), 2)
        if "stages" in results[0]:
            row["stages_seconds"] = {k: round(statistics.median(r["stages"][k] for r in results), 2)
                                     for k in results[0]["stages"]}
        if "worker_peak_rss_mb" in results[0]:
            row["worker_peak_rss_mb"] = round(max(r["worker_peak_rss_mb"] for r in results), 1)
        out[variant] = row
    if "build_1" in runs and "build_2" in runs:
        out["build_2_vs_build_1"] = round(statistics.median(
            a["seconds"] / b["seconds"] for a, b in zip(runs["build_1"], runs["build_2"])), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 documents, 1 round")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="corpus sizes in documents")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--measure", nargs=2, metavar=("VARIANT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return 0
    sizes = args.sizes or ([200] if args.quick else [500, 5000])
    rounds = args.rounds or (1 if args.quick else 3)
    corpora = {n: make_varied_corpus(n) for n in sizes}
    runs = {n: {v: [] for v in args.variants} for n in sizes}
    for r in range(rounds):
        for n, folder in corpora.items():
            for variant in args.variants:
                runs[n][variant].append(measure_in_fresh_process(variant, folder))
                print(f"round {r + 1}/{rounds}, {n} documents, {variant}: "
                      f"{runs[n][variant][-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    result = {str(n): summarise(runs[n], corpus_mb(corpora[n]), n) for n in sizes}
    checks = {}
    small, large = str(min(sizes)), str(max(sizes))
    if "pipeline" in args.variants and "naive" in args.variants:
        checks["pipeline_vs_naive_500"] = result[small]["pipeline"]["ratio_to_naive"]
        if small != large:
            checks["pipeline_scaling_5000_vs_500"] = round(
                result[large]["pipeline"]["mb_s"] / result[small]["pipeline"]["mb_s"], 2)
    if "build_2" in args.variants and "naive" in args.variants:
        checks["build_2_vs_naive"] = result[large]["build_2"]["ratio_to_naive"]
    if "build_2_vs_build_1" in result[large]:
        checks["build_2_vs_build_1"] = result[large]["build_2_vs_build_1"]
    result["targets"] = {k: {"value": v, "target": TARGETS[k], "met": v >= TARGETS[k]} for k, v in checks.items()}
    report("pipeline_quick" if args.quick else "pipeline", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
