"""Reading annotation files and pairing gold with predicted records by document (every scorer's first step)."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

Record = Mapping[str, object]


def read_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSON Lines file; a line that is not JSON raises ``ValueError`` naming it."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON record ({exc.msg})") from exc
    return rows


def by_document(gold: Iterable[Record], pred: Iterable[Record], *, gold_key: str = "doc",
                pred_key: str = "doc") -> tuple[dict[object, list[Record]], dict[object, list[Record]]]:
    """Gold and predicted records grouped by document; predictions for documents without gold are dropped.

    >>> gold, pred = by_document([{"file": "a", "x": 1}], [{"doc": "a"}, {"doc": "b"}], gold_key="file")
    >>> list(gold), list(pred)
    (['a'], ['a'])
    """
    gold_by_doc: dict[object, list[Record]] = defaultdict(list)
    pred_by_doc: dict[object, list[Record]] = defaultdict(list)
    for record in gold:
        gold_by_doc[record[gold_key]].append(record)
    for record in pred:
        if record.get(pred_key) in gold_by_doc:
            pred_by_doc[record[pred_key]].append(record)
    return gold_by_doc, pred_by_doc
