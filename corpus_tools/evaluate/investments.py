"""Score predicted investment events against gold ones (``tests/data/dev/investments.jsonl``).

A gold event is *found* when an unused prediction of the same document has the
same recipient (its name or one of ``recipient_aliases``; spaces and case aside,
or one name the start of the other: ``iMin`` and ``iMin 科技``), the same round
(both null, or equal as written without 轮) and the same amount (both null, or
within 0.5 %). Events are then paired more loosely — same recipient and the same
amount or round — to score investors: an investor is right when a gold investor of
the paired event has its name (spaces and case aside, or one name inside the
other). Investor precision counts every investor of every prediction (those of
unpaired predictions are wrong), recall every gold investor.

>>> gold = [{"file": "a", "recipient": "汇禾医疗", "recipient_aliases": [], "round": "B", "amount": None,
...          "investors": ["IDG 资本", "国方资本"]}]
>>> pred = [{"doc": "a", "recipient": "汇禾医疗", "round": "B", "amount": None, "investors": ["IDG资本"]}]
>>> score = score_investments(gold, pred)
>>> score.table["found"], score.table["investor_precision"], score.table["investor_recall"]
(1.0, 1.0, 0.5)
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

VALUE_TOLERANCE = 0.005

from .records import Record, by_document


@dataclass(frozen=True)
class InvestmentScore:
    """``table``: gold, pred, found (share of gold events found with recipient, round and amount),
    event_precision (share of predictions that are a found event), paired, investor_precision,
    investor_recall, investor_f1; ``missed`` and ``spurious`` records."""

    table: dict[str, float]
    missed: list[Record] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)


def _norm(name: object) -> str:
    if not isinstance(name, str):
        return ""
    from ..script import to_simplified

    return to_simplified("".join(name.split())).lower().strip("「」“”\"'")


def _same_recipient(gold: Record, pred: Record) -> bool:
    got = _norm(pred.get("recipient"))
    if not got:
        return False
    for name in [gold.get("recipient"), *(gold.get("recipient_aliases") or [])]:
        want = _norm(name)
        if want and (want == got or min(len(want), len(got)) >= 2 and (want.startswith(got) or got.startswith(want))):
            return True
    return False


def _same_round(gold: Record, pred: Record) -> bool:
    def norm(r: object) -> str | None:
        if r is None or (isinstance(r, float) and math.isnan(r)):
            return None
        return "".join(str(r).split()).removesuffix("轮").lower() or None

    return norm(gold.get("round")) == norm(pred.get("round"))


def _same_amount(gold: Record, pred: Record) -> bool:
    want, got = gold.get("amount"), pred.get("amount")
    if isinstance(got, float) and math.isnan(got):
        got = None
    if want is None or got is None:
        return want is None and got is None
    return abs(float(want) - float(got)) <= VALUE_TOLERANCE * max(abs(float(want)), 1e-9)


def _same_investor(a: object, b: object) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def _investors(record: Record) -> list:
    value = record.get("investors")
    return list(value) if value is not None and not isinstance(value, str) else []


def score_investments(gold: Iterable[Record], pred: Iterable[Record]) -> InvestmentScore:
    """Score predicted events (``doc``, ``recipient``, ``round``, ``amount``, ``investors``) against gold
    ones (``file``, ``recipient``, ``recipient_aliases``, ``round``, ``amount``, ``investors``)."""
    gold_by_doc, pred_by_doc = by_document(gold, pred, gold_key="file")
    n_gold = n_pred = found = paired = 0
    inv_tp = inv_gold = inv_pred = 0
    missed: list[Record] = []
    spurious: list[Record] = []
    for doc, golds in gold_by_doc.items():
        preds = pred_by_doc.get(doc, [])
        n_gold += len(golds)
        n_pred += len(preds)
        inv_pred += sum(len(_investors(p)) for p in preds)
        used = [False] * len(preds)
        pairs: dict[int, int] = {}
        for strict in (True, False):
            for g, record in enumerate(golds):
                if g in pairs:
                    continue
                for i, p in enumerate(preds):
                    if used[i] or not _same_recipient(record, p):
                        continue
                    same_round, same_amount = _same_round(record, p), _same_amount(record, p)
                    if (same_round and same_amount) if strict else (same_round or same_amount):
                        used[i], pairs[g] = True, i
                        found += strict
                        break
        paired += len(pairs)
        for g, record in enumerate(golds):
            wanted = _investors(record)
            inv_gold += len(wanted)
            if g not in pairs:
                missed.append(record)
                continue
            got = _investors(preds[pairs[g]])
            left = list(wanted)
            for name in got:
                hit = next((w for w in left if _same_investor(w, name)), None)
                if hit is not None:
                    left.remove(hit)
                    inv_tp += 1
        spurious += [p for i, p in enumerate(preds) if not used[i]]
    precision = round(inv_tp / inv_pred, 4) if inv_pred else 1.0
    recall = round(inv_tp / inv_gold, 4) if inv_gold else 1.0
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    table = {"gold": n_gold, "pred": n_pred, "found": round(found / n_gold, 4) if n_gold else 1.0,
             "event_precision": round(found / n_pred, 4) if n_pred else 1.0, "paired": paired,
             "investor_precision": precision, "investor_recall": recall, "investor_f1": f1}
    return InvestmentScore(table=table, missed=missed, spurious=spurious)


def format_table(table: Mapping[str, float]) -> str:
    """The score as aligned text."""
    return (f"events: gold {table['gold']}, predicted {table['pred']}, found with recipient, round and amount "
            f"{table['found']:.3f}, precision {table['event_precision']:.3f}\n"
            f"investors: precision {table['investor_precision']:.3f}, recall {table['investor_recall']:.3f}, "
            f"F1 {table['investor_f1']:.3f} (over {table['paired']} paired events)")
