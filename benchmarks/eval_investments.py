"""Investment events on the annotated financing-news documents (``tests/data/dev/investments.jsonl``).

The documents go through the real pipeline (``load_corpus`` then ``investments_table``), with the
document dates of the gold metadata; scored as ``corpus_tools.evaluate.investments`` says.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus_tools as ct
from corpus_tools.evaluate.figures import read_jsonl
from corpus_tools.evaluate.investments import format_table, score_investments

DEV = ROOT / "tests" / "data" / "dev"


def predicted(files: set[str], dates: dict[str, str | None]) -> list[dict]:
    docs = ct.load_corpus(DEV / "docs")
    docs = docs[docs["doc_id"].isin(files)]
    docs = docs.assign(date=docs["doc_id"].map(dates))
    table = ct.investments_table(docs)
    return [{**row, "doc": row["doc_id"]} for row in table.to_dict("records")]


def main() -> None:
    gold = read_jsonl(DEV / "investments.jsonl")
    files = {g["file"] for g in gold}
    doc_dates = {g["file"]: g.get("date") for g in read_jsonl(DEV / "gold.jsonl")}
    pred = predicted(files, {f: doc_dates.get(f) for f in files})
    score = score_investments(gold, pred)
    print(f"investment events ({len(files)} documents)\n{format_table(score.table)}")
    t = score.table
    print(f"investments: found {t['found']:.3f}, investors P {t['investor_precision']:.3f} "
          f"R {t['investor_recall']:.3f}")


if __name__ == "__main__":
    main()
