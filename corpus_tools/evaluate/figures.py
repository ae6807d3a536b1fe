"""Score predicted figures against gold figures, as the figure guidelines compare two sets.

A gold figure is found when an unused prediction of the same document has the same
``kind`` and, for dates, the same ISO ``date``; for other kinds the same ``unit``
(traditional and simplified forms alike) and a ``value`` within 0.5 %. Among the
candidates a prediction whose ``text`` also agrees (whitespace and ``*`` aside) is
preferred. Predictions for documents that have no gold are not scored.

>>> gold = [{"doc": "a", "kind": "money", "text": "约3亿元", "value": 3e8, "unit": "CNY", "qualifier": "approx"}]
>>> pred = [{"doc": "a", "kind": "money", "text": "约3亿元", "value": 3e8, "unit": "CNY", "qualifier": "approx"},
...         {"doc": "a", "kind": "count", "text": "5家", "value": 5, "unit": "家"}]
>>> result = score_figures(gold, pred)
>>> result.table["money"]["f1"], result.table["all"]["precision"]
(1.0, 0.5)
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .records import Record, by_document, read_jsonl

KINDS = ("money", "date", "people", "count", "percent", "quantity")
VALUE_TOLERANCE = 0.005  # relative; the guidelines' "within 0.5 %"
_UNIT_T2S = str.maketrans("間個項場種萬億圓幣", "间个项场种万亿圆币")

__all__ = ["FigureScore", "format_table", "read_jsonl", "same_figure", "score_figures"]


@dataclass(frozen=True)
class FigureScore:
    """Precision, recall and F1 per kind and over all kinds, with the unmatched records.

    ``table[kind]`` holds ``gold``, ``pred``, ``tp``, ``precision``, ``recall`` and ``f1``;
    ``table["all"]`` adds ``text_agreement`` and ``qualifier_agreement`` over matched pairs.
    """

    table: dict[str, dict[str, float]]
    missed: list[Record] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)


def _unit(unit: object) -> object:
    return unit.translate(_UNIT_T2S) if isinstance(unit, str) else unit


def _squashed_text(record: Record) -> str:
    return "".join(str(record.get("text") or "").split()).replace("*", "")


def same_figure(gold: Record, pred: Record) -> bool:
    """Whether a prediction states the same figure as a gold record (text aside)."""
    if gold.get("kind") != pred.get("kind"):
        return False
    if gold.get("kind") == "date":
        return gold.get("date") == pred.get("date")
    if _unit(gold.get("unit")) != _unit(pred.get("unit")):
        return False
    try:
        expected, got = float(gold["value"]), float(pred["value"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return False
    return abs(expected - got) <= VALUE_TOLERANCE * max(abs(expected), 1e-9)


def _ratio(numerator: int, denominator: int, empty: float) -> float:
    return round(numerator / denominator, 4) if denominator else empty


def _row(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    precision = _ratio(tp, n_pred, 1.0 if n_gold == 0 else 0.0)
    recall = _ratio(tp, n_gold, 1.0)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {"gold": n_gold, "pred": n_pred, "tp": tp, "precision": precision, "recall": recall, "f1": f1}


def _match(golds: list[Record], preds: list[Record]) -> list[int | None]:
    """For each gold record, the index of the prediction it is paired with, or None."""
    used = [False] * len(preds)
    pairs: list[int | None] = []
    for gold in golds:
        hit = None
        for want_same_text in (True, False):
            hit = next((i for i, pred in enumerate(preds) if not used[i] and same_figure(gold, pred)
                        and (not want_same_text or _squashed_text(pred) == _squashed_text(gold))), None)
            if hit is not None:
                break
        if hit is not None:
            used[hit] = True
        pairs.append(hit)
    return pairs


def score_figures(gold: Iterable[Record], pred: Iterable[Record]) -> FigureScore:
    """Score predicted figure records against gold ones (both with ``doc``, ``kind``, ``text`` ...)."""
    gold_by_doc, pred_by_doc = by_document(gold, pred)
    tp: dict[object, int] = defaultdict(int)
    n_gold: dict[object, int] = defaultdict(int)
    n_pred: dict[object, int] = defaultdict(int)
    same_text = same_qualifier = 0
    missed: list[Record] = []
    spurious: list[Record] = []
    for doc, golds in gold_by_doc.items():
        preds = pred_by_doc.get(doc, [])
        for record in golds:
            n_gold[record["kind"]] += 1
        for record in preds:
            n_pred[record.get("kind")] += 1
        pairs = _match(golds, preds)
        for record, hit in zip(golds, pairs):
            if hit is None:
                missed.append(record)
                continue
            tp[record["kind"]] += 1
            same_text += _squashed_text(preds[hit]) == _squashed_text(record)
            same_qualifier += preds[hit].get("qualifier", "exact") == record.get("qualifier", "exact")
        paired = {hit for hit in pairs if hit is not None}
        spurious += [record for i, record in enumerate(preds) if i not in paired]
    table = {kind: _row(tp[kind], n_gold[kind], n_pred[kind]) for kind in KINDS if n_gold[kind] or n_pred[kind]}
    matched = sum(tp.values())
    table["all"] = {**_row(matched, sum(n_gold.values()), sum(n_pred.values())),
                    "text_agreement": _ratio(same_text, matched, 0.0),
                    "qualifier_agreement": _ratio(same_qualifier, matched, 0.0)}
    return FigureScore(table=table, missed=missed, spurious=spurious)


def format_table(table: Mapping[str, Mapping[str, float]]) -> str:
    """The score table as aligned text, one line per kind and one for all kinds."""
    lines = [f"{'kind':<9}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind, row in table.items():
        lines.append(f"{kind:<9}{row['gold']:>6}{row['pred']:>6}{row['tp']:>6}"
                     f"{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}")
    overall = table["all"]
    lines.append(f"text agreement {overall['text_agreement']:.3f}  "
                 f"qualifier agreement {overall['qualifier_agreement']:.3f}")
    return "\n".join(lines)
