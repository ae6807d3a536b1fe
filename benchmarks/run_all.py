"""Run every ``benchmarks/bench_*.py`` (``make bench``), or every script with another prefix
(``run_all.py eval_``: the dev-corpus scorers of ``make eval``), each in a fresh process.

Each scorer prints its table and ends with one summary line per measure; exit status 1
when a script failed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(prefix: str = "bench_") -> int:
    failed = []
    for script in sorted(HERE.glob(f"{prefix}*.py")):
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode:
            failed.append(script.name)
    if failed:
        print(f"{prefix}* scripts failed: {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
