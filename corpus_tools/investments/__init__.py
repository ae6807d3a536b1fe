"""Investment events: financing rounds, investments, funds, grants, subsidies and awards.

One record per money figure that is a financing round, an investment, a fund, a
subsidy or an award, and per such event told without an amount (数亿元, 交易金额尚未
披露, 完成A轮融资): who gets the money (``recipient``), from whom (``investors``, lead
investors first), the round as written (天使, Pre-A, B+, D1, 新一轮, 战略, IPO), the
amount, its currency and qualifier (from :mod:`corpus_tools.figures`), the date of the
event when its sentence states one (else the document's) and the sentence.

Built on the figures of the text (the amounts, their ``subject`` and the dates) and on
the patterns of the genre: ``「X」完成/获 N 轮融资，由 A 领投，B、C 跟投``, ``投资方包括
A、B 等``, ``X 获得 A 1亿美元战略投资``, ``收购 X 100%股份``, ``对 X 给予 N 万元奖励``.
Patterns run on the simplified view of the text, so traditional-script news is read
alike; names are returned as written. Organisation names found by
:func:`corpus_tools.entities.extract_entities` refine the recipient when the genre
patterns find none.

Two layers: :func:`extract_investments` over one string, :func:`investments_table`
over a documents table (columns in ``schema.INVESTMENTS``). A headline that repeats
an event of the body is not counted again.

The package, in the order a text goes through it: ``records`` (:class:`Investment`,
the event under construction, the document context and its sentences), ``events``
(events per sentence, rounds, dates, back references, duplicates) and ``names``
(recipient and investors); this module is the public layer.
"""
from __future__ import annotations

from dataclasses import fields

import pandas as pd

from .. import schema
from ..errors import InputError
from .events import _extract
from .records import EVENTS, Event, Investment

__all__ = ["EVENTS", "Event", "Investment", "extract_investments", "investments_table"]


def extract_investments(text: str, *, doc_date: str | None = None, doc_id: str | None = None,
                        currency: str | None = None) -> list[Investment]:
    """Return the investment events of one text, in text order.

    Args:
        text: the clean text; ``start``/``end`` index into it (the amount's span, or the
            round's or the event word's when no amount is stated).
        doc_date: the document's own date (ISO), for relative dates and as the date of
            events whose sentence states none.
        doc_id: copied into every record.
        currency: the currency of a bare 元 (see :func:`corpus_tools.figures.extract_figures`).

    >>> text = ("跨境贸易服务商「珊瑚跨境」近日完成超亿元A轮融资。本轮融资由明裕创投领投，老股东华瓯创投继续跟投。"
    ...         "对新认定的专精特新企业，给予一次性奖励50万元。")
    >>> [(e.recipient, e.round, e.amount, e.qualifier, e.event, e.investors, e.lead)
    ...  for e in extract_investments(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('珊瑚跨境', 'A', 100000000.0, 'over', 'financing', ('明裕创投', '华瓯创投'), ('明裕创投',)),
     ('新认定的专精特新企业', None, 500000.0, 'exact', 'award', (), ())]
    """
    if not isinstance(text, str):
        raise InputError(f"extract_investments: text must be a str (got {type(text).__name__})")
    return _extract(text, doc_date=doc_date, doc_id=doc_id, currency=currency)


def investments_table(documents: pd.DataFrame, *, text_column: str = "text", date_column: str = "date",
                      currency_column: str = "currency") -> pd.DataFrame:
    """Return the investments table (``schema.INVESTMENTS``) of a documents table, one row per event.

    Rows are ordered by ``doc_id`` then ``start``. A bare 元 takes the document's
    ``currency_column`` when it has one, else its region's currency, as in
    :func:`corpus_tools.figures.figures_table`; an undated document's events are dated
    only when their sentence states a date.

    >>> docs = pd.DataFrame({"doc_id": ["a.txt"], "date": ["2022-02-18"],
    ...                      "text": ["新加坡植物肉公司 Next Gen Foods 获得1亿美元 A 轮融资。本轮融资由 GGV纪源资本 领投。"]})
    >>> investments_table(docs)[["recipient", "round", "amount", "currency", "investors", "date"]].values.tolist()
    [['Next Gen Foods', 'A', 100000000.0, 'USD', ['GGV纪源资本'], '2022-02-18']]
    """
    from ..figures import document_inputs

    names = [f.name for f in fields(Investment)]
    rows = []
    for doc in document_inputs(documents, text_column=text_column, date_column=date_column,
                               currency_column=currency_column, what="investments_table"):
        for event in _extract(doc.text, doc_date=doc.date, doc_id=doc.doc_id, currency=doc.currency,
                              script=doc.script, publisher=doc.publisher):
            record = {name: getattr(event, name) for name in names}
            record["investors"], record["lead"] = list(event.investors), list(event.lead)
            rows.append(record)
    if not rows:
        return schema.empty_frame(schema.INVESTMENTS)
    frame = pd.DataFrame(rows, columns=names)
    frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    return schema.conform(frame, schema.INVESTMENTS)
