"""Entity extraction speed on the dev documents' clean text, against the tagging pass it rests on.

The dev corpus's clean texts (``tests/data/dev/docs``, the genre the rules are written for)
repeated to about 2 MB, interleaved over 3 rounds (medians):

- ``entities_table``: the whole stage (tagging included);
- ``entities_table(tokens=)``: the stage given a tokens table made beforehand (what a pipeline
  that also counts keywords pays for entities);
- ``tokens_table``: the tagging pass alone (rjieba with the package's dictionaries), the floor.

Target: ``entities_table`` >= 2 MB/s. ``ratio_to_tokens_table`` drifts less than MB/s on a
busy machine: it is the share of the tagging pass's speed that the whole stage keeps.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from benchmarks.common import ROOT, interleaved, mb, report  # noqa: E402

TARGET_MB_S = 2.0


def dev_texts(min_mb: float = 2.0) -> list[str]:
    import corpus_tools as ct
    texts = [t for t in ct.load_corpus(ROOT / "tests" / "data" / "dev" / "docs")["text"] if isinstance(t, str)]
    out: list[str] = []
    while mb(out) < min_mb:
        out += texts
    return out


def main() -> None:
    from corpus_tools import entities, tokens

    texts = dev_texts()
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    entities.extract_entities("香港科技園公司與羅氏合作")  # load dictionaries and gazetteer outside the timings
    toks = tokens.tokens_table(docs)
    runs = {
        "entities_table": lambda: entities.entities_table(docs),
        "entities_table(tokens=)": lambda: entities.entities_table(docs, tokens=toks),
        "tokens_table": lambda: tokens.tokens_table(docs),
    }
    seconds = interleaved(runs, repeats=3)
    size = mb(texts)
    speed = {name: size / s for name, s in seconds.items()}
    report("bench_entities", {
        "corpus_mb": round(size, 2),
        "documents": len(texts),
        "mb_per_s": {k: round(v, 3) for k, v in speed.items()},
        "ratio_to_tokens_table": {k: round(speed[k] / speed["tokens_table"], 3)
                                  for k in ("entities_table", "entities_table(tokens=)")},
        "target_mb_per_s": TARGET_MB_S,
        "meets_target": speed["entities_table"] >= TARGET_MB_S,
    })


if __name__ == "__main__":
    main()
