"""Shared benchmark helpers: a generated corpus from the seeds, timing, peak RSS.

Benchmarks report throughput in MB/s of UTF-8 input and, more importantly, as a
ratio against a baseline measured in the same run (this machine drifts up to 2x
within seconds), interleaving engine and baseline over ``repeats`` rounds and
taking medians.
"""
from __future__ import annotations

import json
import resource
import statistics
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data"
CORPUS_DIR = Path(__file__).resolve().parent / "_corpus"
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def make_corpus(min_mb: float = 50.0, *, folder: Path = CORPUS_DIR) -> Path:
    """Write the seeds repeated as many files until ``min_mb`` MB of UTF-8; reuse if present."""
    marker = folder / f".complete-{min_mb:g}"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    texts = seed_texts()
    total, i = 0, 0
    while total < min_mb * 1e6:
        text = texts[i % len(texts)]
        data = text.encode("utf-8")
        (folder / f"{i // len(texts):05d}_{i % len(texts)}.txt").write_bytes(data)
        total += len(data)
        i += 1
    marker.write_text(str(total))
    return folder


def corpus_text(min_mb: float = 20.0) -> list[str]:
    """Seeds repeated in memory until ``min_mb`` MB of UTF-8; a list of documents."""
    texts = seed_texts()
    out, total, i = [], 0, 0
    while total < min_mb * 1e6:
        out.append(texts[i % len(texts)])
        total += len(texts[i % len(texts)].encode("utf-8"))
        i += 1
    return out


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def interleaved(runs: dict[str, Callable[[], object]], *, repeats: int = 3) -> dict[str, float]:
    """Median seconds of each callable, alternating them ``repeats`` times."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, func in runs.items():
            times[name].append(timed(func))
    return {name: statistics.median(ts) for name, ts in times.items()}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, result: dict) -> None:
    """Print a result and save it as benchmarks/results/NAME.json."""
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps({name: result}, indent=2, ensure_ascii=False))
