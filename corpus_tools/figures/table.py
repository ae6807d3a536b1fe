"""The figures of a documents table (:func:`figures_table`) and the guideline's JSONL fields
(:func:`to_guideline_records`)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import fields
from typing import NamedTuple

import pandas as pd

from .. import schema
from ..errors import InputError
from .records import DEFAULT_CONFIG, Figure, FigureConfig
from .scan import _extract


def figures_table(documents: pd.DataFrame, *, text_column: str = "text", date_column: str = "date",
                  currency_column: str = "currency", dedupe: bool = False,
                  config: FigureConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Return the figures table (``schema.FIGURES`` then ``schema.FIGURE_LINKS``), one row per figure.

    Rows are ordered by ``doc_id`` then ``start`` (stable). The date column may be
    missing or null; year-less dates then stay ``--MM-DD``. A bare 元 takes the
    document's ``currency_column`` when it has one, else the currency of its region
    (:func:`region_currency`, from the ``script`` and ``publisher``/``source`` columns
    and the text). ``dedupe=True`` keeps the first mention of each fact of a document
    (one row per ``mention_group``), so that repeated headlines are not summed twice.

    >>> docs = pd.DataFrame({"doc_id": ["a.txt", "b.txt"], "text": ["共有506家。", "9月10日，近300人参加。"],
    ...                      "date": ["2022-08-26", None]})
    >>> figures_table(docs)[["doc_id", "kind", "text", "value", "date"]].values.tolist()
    [['a.txt', 'count', '506家', 506.0, <NA>], ['b.txt', 'date', '9月10日', <NA>, '--09-10'], ['b.txt', 'people', '近300人', 300.0, <NA>]]
    >>> news = pd.DataFrame({"doc_id": ["c.txt"], "text": ["获5亿元融资。公司获5亿元融资，补贴5万元—50万元。"]})
    >>> figures_table(news)[["text", "subject", "bound", "range_id", "mention_group"]].values.tolist()
    [['5亿元', '融资', <NA>, <NA>, 0], ['5亿元', '融资', <NA>, <NA>, 0], ['5万元—50万元', '补贴', 'low', 0, 1], ['5万元—50万元', '补贴', 'high', 0, 2]]
    >>> figures_table(news, dedupe=True)["text"].tolist()
    ['5亿元', '5万元—50万元', '5万元—50万元']
    """
    rows: list[tuple] = []
    names = [f.name for f in fields(Figure)]
    for doc in document_inputs(documents, text_column=text_column, date_column=date_column,
                               currency_column=currency_column, what="figures_table"):
        for fig in _extract(doc.text, doc_date=doc.date, doc_id=doc.doc_id, config=config, currency=doc.currency,
                            script=doc.script, publisher=doc.publisher):
            rows.append(tuple(getattr(fig, n) for n in names))
    columns = {**schema.FIGURES, **schema.FIGURE_LINKS}
    if not rows:
        return schema.empty_frame(columns)
    frame = pd.DataFrame(rows, columns=names)
    frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    if dedupe:
        frame = frame[~frame.duplicated(["doc_id", "mention_group"])].reset_index(drop=True)
    return schema.conform(frame, columns)


class DocumentInput(NamedTuple):
    """What the extractors read of one document: its text and what tells its dates and currency."""

    doc_id: str
    text: str
    date: str | None       # the document's own date (ISO), for year-less and relative dates
    currency: str | None   # ISO 4217 code a bare 元 stands for, when the table says it
    script: str | None     # hans / hant, with the publisher the region's currency when not given
    publisher: str | None


def document_inputs(documents: object, *, text_column: str = "text", date_column: str = "date",
                    currency_column: str = "currency", what: str = "figures_table") -> Iterator[DocumentInput]:
    """The documents with a text, as the extractors read them (``figures_table``, ``investments_table``).

    ``documents`` is anything :func:`schema.as_documents` takes; the date, currency, script and
    publisher (or source) columns are optional; a currency column must hold ISO 4217 codes.

    >>> [d.currency for d in document_inputs({"a": "港幣5元", "b": None})]
    [None]
    """
    documents = schema.as_documents(documents, text_column=text_column, what=what)
    n = len(documents)

    def column(name: str | None) -> pd.Series:
        return documents[name] if name is not None and name in documents.columns else pd.Series([None] * n)

    publisher_column = next((c for c in ("publisher", "source") if c in documents.columns), None)
    for doc_id, text, date, currency, script, publisher in zip(
            documents["doc_id"], documents[text_column], column(date_column),
            _currency_column(documents, currency_column, what), column("script"), column(publisher_column)):
        if not pd.isna(text):
            yield DocumentInput(doc_id, str(text), _date_string(date), _plain_string(currency),
                                _plain_string(script), _plain_string(publisher))


def _currency_column(documents: pd.DataFrame, column: str, caller: str) -> pd.Series:
    """The documents' currency column, checked (ISO 4217 codes or null), or nulls when there is none."""
    if column not in documents.columns:
        return pd.Series([None] * len(documents))
    values = documents[column]
    bad = [v for v in values.dropna().unique()
           if not (isinstance(v, str) and len(v) == 3 and v.isascii() and v.isupper())]
    if bad:
        raise InputError(f"{caller}: column {column!r} must hold ISO 4217 codes such as 'HKD' or nulls "
                         f"(got {bad[:3]!r}); pass currency_column=... to name another column")
    return values


def _plain_string(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value) or None


def to_guideline_records(table: pd.DataFrame) -> pd.DataFrame:
    """Turn a figures table into the guideline's JSONL fields (one record per figure).

    Columns: ``doc`` (the document's ``doc_id``), ``kind``, ``text``, ``value``
    (an integer when whole), ``unit``, ``qualifier``, ``date``, ``scope``,
    ``subject``; ``value``/``unit`` are null for dates, ``date``/``scope`` for
    the other kinds.

    >>> t = figures_table(pd.DataFrame({"doc_id": ["a.txt"], "text": ["投资2400亿元。"], "date": [None]}))
    >>> to_guideline_records(t).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'doc': 'a.txt', 'kind': 'money', 'text': '2400亿元', 'value': 240000000000, 'unit': 'CNY',
      'qualifier': 'exact', 'date': None, 'scope': None, 'subject': '投资'}]
    """
    missing = [c for c in schema.FIGURES if c not in table.columns]
    if missing:
        raise InputError(f"to_guideline_records: table lacks figure columns {missing}; pass figures_table(...)")

    def plain(v):
        return None if pd.isna(v) else v

    def number(v):
        v = plain(v)
        if v is None:
            return None
        v = float(v)
        return int(v) if v.is_integer() and abs(v) < 2**63 else v

    records = {
        "doc": [plain(v) for v in table["doc_id"]],
        "kind": [plain(v) for v in table["kind"]],
        "text": [plain(v) for v in table["text"]],
        "value": [number(v) for v in table["value"]],
        "unit": [plain(v) for v in table["unit"]],
        "qualifier": [plain(v) for v in table["qualifier"]],
        "date": [plain(v) for v in table["date"]],
        "scope": [plain(v) for v in table["scope"]],
        "subject": [plain(v) for v in table["subject"]],
    }
    return pd.DataFrame(records, columns=list(records), dtype=object).reset_index(drop=True)


def _date_string(value) -> str | None:
    if pd.isna(value):
        return None
    if isinstance(value, (pd.Timestamp, _dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value) or None
