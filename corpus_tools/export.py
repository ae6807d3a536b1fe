"""Write tables where researchers open them: CSV that Excel reads, XLSX, and download links.

:func:`to_csv` writes UTF-8, with a byte-order mark when ``excel=True`` so that
Excel on Windows shows Chinese instead of mojibake; :func:`to_xlsx` writes one
worksheet with openpyxl, making cells Excel can hold (no control characters,
lists as text, at most :data:`XLSX_MAX_CELL` characters, the cut labelled);
:func:`export_tables` writes several tables beside a report and returns the
HTML links to them.

>>> import pandas as pd
>>> to_csv(pd.DataFrame({"doc_id": ["a"], "text": ["细胞治疗"]}), excel=True)[:1] == "\\ufeff"
True
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .errors import InputError

__all__ = [
    "TRUNCATED",
    "XLSX_MAX_CELL",
    "XLSX_MAX_ROWS",
    "ExportedTables",
    "export_tables",
    "to_csv",
    "to_xlsx",
    "xlsx_ready",
]

#: Most characters an Excel cell holds.
XLSX_MAX_CELL = 32_767
#: Most rows of an Excel worksheet, header included.
XLSX_MAX_ROWS = 1_048_576
#: Appended to a cell cut to :data:`XLSX_MAX_CELL` characters.
TRUNCATED = "…[truncated]"

# characters an XLSX file cannot hold (the same set openpyxl refuses)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SAFE_NAME = re.compile(r"[^0-9A-Za-z_\-\u3400-\u9fff]+")


def to_csv(frame: pd.DataFrame, path: str | Path | None = None, *, excel: bool = False) -> str | None:
    """Write ``frame`` as UTF-8 CSV (no index); return the text when ``path`` is None.

    Args:
        frame: any table.
        path: file to write; None returns the CSV text.
        excel: start with a byte-order mark (``utf-8-sig``) so Excel detects UTF-8.

    >>> import pandas as pd
    >>> to_csv(pd.DataFrame({"keyword": ["沪港"], "count": [3]}))
    'keyword,count\\n沪港,3\\n'
    """
    text = frame.to_csv(index=False)
    if excel:
        text = "\ufeff" + text
    if path is None:
        return text
    # the BOM is in the text already: plain utf-8 writes it once
    Path(path).write_text(text, encoding="utf-8", newline="")
    return None


def _cell(value: object) -> tuple[object, bool]:
    """A value openpyxl can write and Excel open, and whether it had to be cut."""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        value = str(list(value) if isinstance(value, (set, frozenset)) else value)
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if len(value) > XLSX_MAX_CELL:
            return value[:XLSX_MAX_CELL - len(TRUNCATED)] + TRUNCATED, True
    return value, False


def xlsx_ready(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A copy of ``frame`` whose cells fit an Excel worksheet, and how many cells were cut.

    Control characters are dropped, lists and dicts become text, timezone-aware
    times lose their zone (Excel has none), and text longer than
    :data:`XLSX_MAX_CELL` characters is cut and ends with :data:`TRUNCATED`.

    >>> import pandas as pd
    >>> ready, cut = xlsx_ready(pd.DataFrame({"text": ["细胞\\x0b治疗", "x" * 40_000], "spans": [[0, 2], []]}))
    >>> ready["text"][0], ready["text"][1].endswith(TRUNCATED), len(ready["text"][1]), ready["spans"][0], cut
    ('细胞治疗', True, 32767, '[0, 2]', 1)
    """
    out = {}
    n_cut = 0
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            out[name] = column.dt.tz_localize(None)
            continue
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            cells = []
            for value in column.tolist():
                if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                    cells.append(None)
                    continue
                value, cut = _cell(value)
                n_cut += cut
                cells.append(value)
            out[name] = pd.Series(cells, index=frame.index, dtype=object)
        else:
            out[name] = column
    return pd.DataFrame(out, index=frame.index, columns=frame.columns), n_cut


def to_xlsx(frame: pd.DataFrame, path: str | Path, *, sheet: str = "table") -> int:
    """Write ``frame`` to an Excel workbook (one worksheet, no index); return the cells cut.

    Raises:
        InputError: the table has more rows than a worksheet holds.

    >>> import pandas as pd, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "kw.xlsx"
    >>> to_xlsx(pd.DataFrame({"keyword": ["沪港"], "count": [3]}), path)
    0
    >>> pd.read_excel(path).values.tolist()
    [['沪港', 3]]
    """
    if len(frame) + 1 > XLSX_MAX_ROWS:
        raise InputError(f"table of {len(frame):,} rows does not fit an Excel worksheet "
                         f"({XLSX_MAX_ROWS - 1:,} rows at most); write CSV or Parquet instead ({path})")
    ready, n_cut = xlsx_ready(frame)
    ready.to_excel(path, index=False, sheet_name=sheet[:31], engine="openpyxl")
    return n_cut


class ExportedTables:
    """Files written by :func:`export_tables`; shows as a list of download links in Jupyter."""

    def __init__(self, links: list[tuple[str, int, list[tuple[str, str]], str]]) -> None:
        #: ``(table name, rows, [(format, href)], note)`` per table.
        self.links = links

    def _repr_html_(self) -> str:
        items = []
        for name, rows, files, note in self.links:
            anchors = " · ".join(f'<a href="{html.escape(href)}" download>{html.escape(fmt)}</a>'
                                 for fmt, href in files)
            extra = f" ({html.escape(note)})" if note else ""
            items.append(f"<li><b>{html.escape(name)}</b>, {rows:,} rows: {anchors}{extra}</li>")
        return f'<div class="report-downloads">Download the tables:<ul>{"".join(items)}</ul></div>'

    def __repr__(self) -> str:
        return "\n".join(f"{name} ({rows} rows): " + ", ".join(href for _, href in files)
                         for name, rows, files, _ in self.links)


def export_tables(tables: Mapping[str, pd.DataFrame], directory: str | Path | None, *,
                  formats: tuple[str, ...] = ("csv", "xlsx"), xlsx_rows: int = 200_000,
                  link_base: str | None = None) -> ExportedTables | None:
    """Write each table as CSV (UTF-8 with BOM) and XLSX into ``directory``; return the links.

    A report made by :func:`corpus_tools.report.build_report` passes the folder
    beside its HTML file, so the links (``{link_base}/{name}.csv``, relative to
    the page) work wherever the page and its folder are copied together.

    Args:
        tables: ``{name: table}``; the name becomes the file name.
        directory: folder to write into (created); None writes nothing and returns None,
            which a notebook shows as nothing (as when run outside a report).
        formats: ``"csv"`` and/or ``"xlsx"``.
        xlsx_rows: larger tables are written as CSV only (openpyxl writes about
            ten thousand rows a second), and the link says so.
        link_base: folder part of the links (default: the directory's name).

    >>> import pandas as pd, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> links = export_tables({"关键词": pd.DataFrame({"keyword": ["沪港"]})}, folder, link_base="t")
    >>> [href for _, _, files, _ in links.links for _, href in files]
    ['t/关键词.csv', 't/关键词.xlsx']
    """
    unknown = [f for f in formats if f not in ("csv", "xlsx")]
    if unknown:
        raise InputError(f"export_tables: formats must be 'csv' or 'xlsx' (got {unknown})")
    if directory is None:
        return None
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    base = folder.name if link_base is None else link_base.rstrip("/")
    links = []
    for name, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            raise InputError(f"export_tables: table {name!r} is a {type(frame).__name__}, not a DataFrame")
        stem = _SAFE_NAME.sub("_", str(name)).strip("_") or "table"
        files, note = [], ""
        if "csv" in formats:
            to_csv(frame, folder / f"{stem}.csv", excel=True)
            files.append(("CSV", f"{base}/{stem}.csv"))
        if "xlsx" in formats:
            if len(frame) <= xlsx_rows:
                cut = to_xlsx(frame, folder / f"{stem}.xlsx", sheet=stem)
                files.append(("XLSX", f"{base}/{stem}.xlsx"))
                if cut:
                    note = f"{cut} long cells cut to {XLSX_MAX_CELL:,} characters in the XLSX"
            else:
                note = f"no XLSX: more than {xlsx_rows:,} rows"
        links.append((str(name), len(frame), files, note))
    return ExportedTables(links)
