"""Data quality: what a corpus lacks before anyone draws conclusions from it.

Documents without a title, date or publisher (:func:`missing_metadata`,
:func:`metadata_coverage`), files that were skipped or failed to load
(:func:`load_problems`), and one row per document with what was found in it
(:func:`document_summary`). :func:`corpus_tools.charts.left_out` says which
figures the charts leave out and why.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import schema
from .errors import InputError

__all__ = ["METADATA_FIELDS", "document_summary", "load_problems", "metadata_coverage",
           "missing_metadata"]

#: The fields a document is expected to have for grouping and dating it.
METADATA_FIELDS: tuple[str, ...] = ("title", "date", "publisher")


def _documents(documents: pd.DataFrame, what: str, columns: Sequence[str]) -> pd.DataFrame:
    if not isinstance(documents, pd.DataFrame):
        raise InputError(f"{what}: expected the documents table (got {type(documents).__name__}); "
                         "pass read_corpus(path).documents")
    missing = [c for c in ("doc_id", *columns) if c not in documents.columns]
    if missing:
        raise InputError(f"{what}: the documents table lacks column(s) {missing} "
                         f"(has {list(documents.columns)})")
    return documents


def _absent(values: pd.Series) -> pd.Series:
    """True where a value is missing or blank."""
    text = values.astype("string")
    return (text.isna() | (text.str.strip() == "")).fillna(True).astype(bool)


def metadata_coverage(documents: pd.DataFrame, *, fields: Sequence[str] = METADATA_FIELDS) -> pd.DataFrame:
    """How many documents have each field and how many lack it.

    Columns: ``field``, ``present``, ``missing``, ``missing_share`` (0–1).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["关于细胞治疗的通知", None],
    ...                      "date": ["2023-03-31", ""], "publisher": ["上海市科学技术委员会", None]})
    >>> metadata_coverage(docs)[["field", "present", "missing"]].values.tolist()
    [['title', 1, 1], ['date', 1, 1], ['publisher', 1, 1]]
    """
    documents = _documents(documents, "metadata_coverage", fields)
    n = len(documents)
    rows = []
    for field in fields:
        lacking = int(_absent(documents[field]).sum())
        rows.append((field, n - lacking, lacking, lacking / n if n else 0.0))
    return pd.DataFrame(rows, columns=["field", "present", "missing", "missing_share"]).astype(
        {"field": "string", "present": "Int64", "missing": "Int64", "missing_share": "Float64"})


def missing_metadata(documents: pd.DataFrame, *, fields: Sequence[str] = METADATA_FIELDS) -> pd.DataFrame:
    """The documents lacking a title, date or publisher (``schema.MISSING_METADATA``).

    One row per document lacking at least one of ``fields``, in ``doc_id``
    order; ``missing`` names what it lacks.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["关于细胞治疗的通知", None],
    ...                      "date": ["2023-03-31", None], "publisher": ["上海市科学技术委员会", None]})
    >>> missing_metadata(docs)[["doc_id", "missing"]].values.tolist()
    [['b', 'title, date, publisher']]
    """
    documents = _documents(documents, "missing_metadata", fields)
    absent = pd.DataFrame({f: _absent(documents[f]).to_numpy() for f in fields}, index=documents.index)
    lacking = absent.any(axis=1)
    rows = documents[lacking.to_numpy()]
    missing = [", ".join(f for f in fields if absent.at[i, f]) for i in rows.index]
    out = pd.DataFrame({c: rows[c] if c in rows.columns else pd.Series(pd.NA, index=rows.index)
                        for c in schema.MISSING_METADATA if c != "missing"})
    out["missing"] = missing
    out = out.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return schema.conform(out, schema.MISSING_METADATA)


def load_problems(report: pd.DataFrame) -> pd.DataFrame:
    """The files of a load report that were skipped or failed, with the reason, failures first.

    >>> report = pd.DataFrame({"path": ["a.txt", "b.pdf", "c.bin"], "status": ["loaded", "failed", "skipped"],
    ...                        "reason": [None, "no text layer", "not a document format"]})
    >>> load_problems(report)[["path", "status", "reason"]].values.tolist()
    [['b.pdf', 'failed', 'no text layer'], ['c.bin', 'skipped', 'not a document format']]
    """
    if not isinstance(report, pd.DataFrame) or not {"path", "status"} <= set(report.columns):
        got = list(report.columns) if isinstance(report, pd.DataFrame) else type(report).__name__
        raise InputError(f"load_problems: expected a load report with 'path' and 'status' (got {got}); "
                         "pass read_corpus(path).report")
    bad = report[report["status"].astype("string").fillna("") != "loaded"]
    order = bad.assign(_failed=(bad["status"] != "failed").astype(int))
    return (order.sort_values(["_failed", "path"], kind="stable").drop(columns="_failed")
                 .reset_index(drop=True))


def document_summary(documents: pd.DataFrame, *, figures: pd.DataFrame | None = None,
                     entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: title, date, publisher, kind, size and what was found in it.

    Columns as ``schema.DOCUMENT_SUMMARY``; ``n_figures``/``n_money`` count
    rows of ``figures``, ``n_entities`` rows of ``entities`` (missing when
    the table is not given). Rows in the documents' order.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["细胞治疗", None], "n_chars": [120, 40]})
    >>> figs = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["money", "date"]})
    >>> document_summary(docs, figures=figs)[["doc_id", "n_chars", "n_figures", "n_money"]].values.tolist()
    [['a', 120, 2, 1], ['b', 40, 0, 0]]
    """
    documents = _documents(documents, "document_summary", ())
    ids = documents["doc_id"].astype("string")
    out = pd.DataFrame({"doc_id": ids.to_numpy()})
    for column in ("title", "date", "publisher", "doc_type"):
        out[column] = documents[column].to_numpy() if column in documents.columns else pd.NA
    if "n_chars" in documents.columns:
        out["n_chars"] = documents["n_chars"].to_numpy()
    elif "text" in documents.columns:
        out["n_chars"] = [len(t) if isinstance(t, str) else pd.NA for t in documents["text"]]
    else:
        out["n_chars"] = pd.NA

    def counts(table: pd.DataFrame | None, name: str, mask=None) -> list:
        if table is None:
            return [pd.NA] * len(out)
        if not isinstance(table, pd.DataFrame) or "doc_id" not in table.columns:
            raise InputError(f"document_summary: {name} must be a table with 'doc_id' "
                             f"(got {type(table).__name__})")
        rows = table if mask is None else table[mask]
        per_doc = rows["doc_id"].astype("string").value_counts()
        return [int(per_doc.get(d, 0)) for d in out["doc_id"]]

    out["n_figures"] = counts(figures, "figures")
    money = None if figures is None or "kind" not in figures.columns else (figures["kind"] == "money")
    out["n_money"] = counts(figures, "figures", money) if money is not None else [pd.NA] * len(out)
    out["n_entities"] = counts(entities, "entities")
    return schema.conform(out, schema.DOCUMENT_SUMMARY)
