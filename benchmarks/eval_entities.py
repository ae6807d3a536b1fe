"""Entities on the annotated dev documents, per label, on all of them and on a held-out third.

The dev documents go through the real pipeline (``load_corpus`` then ``entities_table``) and
are scored with :func:`corpus_tools.evaluate.entities.score_entities`. The held-out third is
fixed by rule: of the annotated files in sorted order, every third one (positions 2, 5, 8 …).
Rules and lexicons are written without looking at those files; their score tells how the
rules generalise. ``--errors`` lists what was missed and what was spurious (not on held-out).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus_tools as ct  # noqa: E402
from corpus_tools.evaluate.entities import format_table, score_entities  # noqa: E402
from corpus_tools.evaluate.figures import read_jsonl  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev"


def held_out(files: list[str]) -> set[str]:
    """Every third annotated file in sorted order: the documents kept out of sight."""
    return set(sorted(files)[2::3])


def main() -> None:
    gold = read_jsonl(DEV / "entities.jsonl")
    files = sorted({g["file"] for g in gold})
    docs = ct.load_corpus(DEV / "docs")
    docs = docs[docs["doc_id"].isin(files)]
    predicted = ct.entities_table(docs).to_dict("records")
    hidden = held_out(files)
    seen = [f for f in files if f not in hidden]
    everything = score_entities(gold, predicted)
    print(f"entities, all annotated dev documents ({len(files)})\n{format_table(everything.table)}")
    visible = score_entities([g for g in gold if g["file"] in seen],
                             [p for p in predicted if p["doc_id"] in seen])
    print(f"entities, development part ({len(seen)})\n{format_table(visible.table)}")
    held = score_entities([g for g in gold if g["file"] in hidden],
                          [p for p in predicted if p["doc_id"] in hidden])
    print(f"entities, held-out third ({len(hidden)})\n{format_table(held.table)}")
    if "--errors" in sys.argv:
        for g in visible.missed:
            print("MISSED", g["file"][:12], g["label"], g["name"], g.get("aliases"))
        for doc, label, name in visible.spurious:
            print("SPURIOUS", doc[:12], label, name)
    a, h = everything.table, held.table
    per_label = " ".join(f"{lab} P {a[lab]['precision']:.2f} R {a[lab]['recall']:.2f}"
                         for lab in ("ORG", "PERSON", "PLACE"))
    print(f"entities: all P {a['all']['precision']:.3f} R {a['all']['recall']:.3f} ({per_label}); "
          f"held-out P {h['all']['precision']:.3f} R {h['all']['recall']:.3f}")


if __name__ == "__main__":
    main()
