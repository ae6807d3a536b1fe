"""Figure extraction time grows linearly on inputs built to make regexes backtrack.

Each case of ``tests/cases/figures_adversarial.json`` is timed at two and at sixteen
copies (best of three); eight times the input must take at most twenty times as long
(plus 50 ms for timer noise), else the case is reported as super-linear.

    .venv/bin/python benchmarks/bench_figures_growth.py
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import report  # noqa: E402
from corpus_tools.figures import extract_figures  # noqa: E402

CASES = ROOT / "tests" / "cases" / "figures_adversarial.json"
MAX_GROWTH = 20.0


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extract_figures(text, doc_date="2023-03-31")
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    rows, slow = [], []
    for unit, times, suffix in cases:
        text = unit * times + suffix
        small, large = seconds(text * 2), seconds(text * 16)
        growth = large / max(small, 1e-6)
        rows.append({"case": f"{unit[:12]!r}x{times}", "small_s": round(small, 4), "large_s": round(large, 4),
                     "growth": round(growth, 1)})
        if large > MAX_GROWTH * small + 0.05:
            slow.append(rows[-1]["case"])
    report("figures_growth", {"cases": rows, "max_growth_allowed": MAX_GROWTH, "super_linear": slow,
                              "meets_target": not slow})
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
