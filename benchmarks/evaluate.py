"""Score the library on the dev corpus in ``tests/data/dev`` (what ``make eval`` runs).

Runs every ``benchmarks/eval_*.py`` in a fresh process; each prints its own table and
ends with one summary line per measure. Exit status 1 when a scorer crashed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("eval_*.py")):
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode:
            failed.append(script.name)
    if failed:
        print(f"scorers failed: {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
