"""Metadata and cleaning of the 43 dev documents, scored field by field against ``gold.jsonl``.

The dev documents go through the real pipeline (``load_corpus``); title, own date,
publisher, doc_type and script are compared with the gold, and the gold's boilerplate
substrings must be gone from the clean text while its body substrings stay (all
after removing whitespace and NFKC, see :mod:`corpus_tools.evaluate.metadata`).
Scored on all documents and on the held-out third: the files whose number
(the digits before the first ``_``) is divisible by 3, kept out of sight while rules
are written. ``--errors`` lists every miss.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import corpus_tools as ct  # noqa: E402
from corpus_tools.evaluate.figures import read_jsonl  # noqa: E402
from corpus_tools.evaluate.metadata import format_table, score_metadata  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev"


def held_out(file: str) -> bool:
    """The fixed held-out rule: the file's number is divisible by 3."""
    number = file.split("_", 1)[0]
    return number.isdigit() and int(number) % 3 == 0


def predictions(folder: Path) -> list[dict]:
    docs = ct.load_corpus(folder)
    columns = ["doc_id", "title", "date", "publisher", "source", "doc_type", "script", "text"]
    rows = docs[columns].astype(object).where(docs[columns].notna(), None).to_dict("records")
    return [{**row, "file": row["doc_id"]} for row in rows]


def main(argv: list[str]) -> None:
    gold = read_jsonl(DEV / "gold.jsonl")
    pred = predictions(DEV / "docs")
    every = score_metadata(gold, pred)
    hidden = score_metadata([g for g in gold if held_out(g["file"])], pred)
    print(f"dev metadata and cleaning, all {len(gold)} documents\n{format_table(every.table)}")
    n_hidden = sum(held_out(g["file"]) for g in gold)
    print(f"held-out third ({n_hidden} documents: number divisible by 3)\n{format_table(hidden.table)}")
    if "--errors" in argv:
        shown = [e for e in every.errors if "--all" in argv or not held_out(e[0])]
        with pd.option_context("display.width", 250, "display.max_colwidth", 70, "display.max_rows", 500):
            print(pd.DataFrame(shown, columns=["file", "field", "expected", "predicted"]).to_string())
    parts = ", ".join(f"{name} {int(r['correct'])}/{int(r['n'])}" for name, r in every.table.items())
    held = ", ".join(f"{name} {hidden.table[name]['accuracy']:.0%}" for name in hidden.table)
    print(f"metadata: {parts}; held-out: {held}")


if __name__ == "__main__":
    main(sys.argv[1:])
