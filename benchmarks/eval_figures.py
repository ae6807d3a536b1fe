"""Figures on the annotated dev documents and on the seeds, scored as the guidelines compare.

The dev documents go through the real pipeline (``load_corpus`` then ``figures_table``) twice:
with the document dates the gold metadata states (as ``tests/data/dev/README.md`` prescribes
for year-less and relative dates: this measures figures alone), and as a user gets them, with
the dates ``load_corpus`` infers (this also measures date inference).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus_tools as ct  # noqa: E402
from corpus_tools.evaluate.figures import format_table, read_jsonl, score_figures  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev"
GOLD = ROOT / "tests" / "data" / "gold"


def predicted(folder: Path, files: set[str], dates: dict[str, str | None]) -> list[dict]:
    docs = ct.load_corpus(folder)
    docs = docs[docs["doc_id"].isin(files)]
    if dates:
        docs = docs.assign(date=docs["doc_id"].map(dates))
    return ct.to_guideline_records(ct.figures_table(docs)).to_dict("records")


def main() -> None:
    gold = read_jsonl(DEV / "figures.jsonl")
    files = {g["doc"] for g in gold}
    doc_dates = {g["file"]: g.get("date") for g in read_jsonl(DEV / "gold.jsonl")}
    dev = score_figures(gold, predicted(DEV / "docs", files, {f: doc_dates.get(f) for f in files}))
    print(f"dev figures ({len(files)} documents, gold document dates)\n{format_table(dev.table)}")
    inferred = score_figures(gold, predicted(DEV / "docs", files, {}))
    print(f"dev figures ({len(files)} documents, inferred document dates)\n{format_table(inferred.table)}")
    seed_gold = read_jsonl(GOLD / "seed_figures.jsonl")
    seeds = score_figures(seed_gold, predicted(ROOT / "data", {g["doc"] for g in seed_gold}, {}))
    print(f"seed figures (5 documents, inferred dates)\n{format_table(seeds.table)}")
    print(f"figures F1: dev {dev.table['all']['f1']:.3f} (inferred dates {inferred.table['all']['f1']:.3f}, "
          f"date {inferred.table.get('date', {}).get('f1', 0):.3f}), seeds {seeds.table['all']['f1']:.3f}")


if __name__ == "__main__":
    main()
