"""Score predicted entities against gold entities annotated per ``ENTITY_GUIDELINES.md``.

Gold records are one per (document, entity): ``file``, ``label``, ``name`` and
``aliases``. Predicted records are mentions (rows of the entities table):
``doc_id`` (or ``file``), ``label``, ``canonical`` and ``text``. All names are
compared in simplified script, with whitespace removed.

Per label:

- a gold entity is *found* when a predicted mention of the same document and
  label has a canonical name or a text equal to the entity's name or to one of
  its aliases;
- a predicted entity (the distinct canonical names of a document and label) is
  *correct* when its canonical name or one of its mention texts matches a gold
  entity of that document and label.

Recall is found / gold, precision correct / predicted. Predictions for documents
without gold are not scored.

>>> gold = [{"file": "a", "label": "ORG", "name": "国泰航空", "aliases": ["國泰"]},
...         {"file": "a", "label": "PERSON", "name": "马云", "aliases": []}]
>>> pred = [{"doc_id": "a", "label": "ORG", "canonical": "国泰", "text": "國泰"},
...         {"doc_id": "a", "label": "ORG", "canonical": "上市公司", "text": "上市公司"}]
>>> t = score_entities(gold, pred).table
>>> t["ORG"]["recall"], t["ORG"]["precision"], t["PERSON"]["recall"], t["all"]["recall"]
(1.0, 0.5, 0.0, 0.5)
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..script import to_simplified

LABELS = ("ORG", "PERSON", "PLACE")
Record = Mapping[str, object]
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class EntityScore:
    """Per-label (and ``all``) ``gold``, ``pred``, ``found``, ``correct``, ``precision``,
    ``recall`` and ``f1``; the gold entities not found and the predicted names not correct."""

    table: dict[str, dict[str, float]]
    missed: list[Record] = field(default_factory=list)
    spurious: list[tuple[str, str, str]] = field(default_factory=list)


def _key(name: object) -> str:
    return _SPACE.sub("", to_simplified(str(name)))


def _doc(record: Record) -> str:
    for key in ("doc_id", "file", "doc"):
        if record.get(key) is not None:
            return str(record[key])
    raise ValueError(f"record has no 'doc_id', 'file' or 'doc' field: {dict(record)!r}")


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _row(gold: int, pred: int, found: int, correct: int) -> dict[str, float]:
    p, r = _ratio(correct, pred), _ratio(found, gold)
    return {"gold": gold, "pred": pred, "found": found, "correct": correct,
            "precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r)}


def score_entities(gold: Iterable[Record], predicted: Iterable[Record],
                   *, labels: tuple[str, ...] = LABELS) -> EntityScore:
    """Score ``predicted`` mentions against ``gold`` entities; see the module docstring."""
    gold = list(gold)
    docs = {_doc(g) for g in gold}
    gold_forms: dict[tuple[str, str], list[tuple[Record, set[str]]]] = defaultdict(list)
    for g in gold:
        forms = {_key(g["name"]), *(_key(a) for a in g.get("aliases") or [])}
        gold_forms[(_doc(g), str(g["label"]))].append((g, forms))
    # predicted entities: (doc, label, canonical) -> the forms it was written in
    pred_forms: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for p in predicted:
        doc = _doc(p)
        if doc not in docs:
            continue
        canonical = _key(p.get("canonical") or p.get("text"))
        pred_forms[(doc, str(p["label"]), canonical)].update({canonical, _key(p.get("text") or canonical)})
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (doc, label, _), forms in pred_forms.items():
        seen[(doc, label)] |= forms
    table, missed, spurious = {}, [], []
    totals = [0, 0, 0, 0]
    for label in labels:
        n_gold = n_found = n_pred = n_correct = 0
        for (doc, lab), entities in gold_forms.items():
            if lab != label:
                continue
            for g, forms in entities:
                n_gold += 1
                if forms & seen[(doc, lab)]:
                    n_found += 1
                else:
                    missed.append(g)
        for (doc, lab, canonical), forms in sorted(pred_forms.items()):
            if lab != label:
                continue
            n_pred += 1
            if any(forms & gforms for _, gforms in gold_forms.get((doc, lab), [])):
                n_correct += 1
            else:
                spurious.append((doc, lab, canonical))
        table[label] = _row(n_gold, n_pred, n_found, n_correct)
        totals = [a + b for a, b in zip(totals, (n_gold, n_pred, n_found, n_correct))]
    table["all"] = _row(*totals)
    return EntityScore(table, missed, spurious)


def format_table(table: Mapping[str, Mapping[str, float]]) -> str:
    """The score table as aligned text, one line per label."""
    lines = [f"{'label':<8}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"]
    for label, row in table.items():
        lines.append(f"{label:<8}{row['gold']:>6}{row['pred']:>6}"
                     f"{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}")
    return "\n".join(lines)
