"""Charts over the library's tables: plotly figures and word clouds.

Every function takes one of the tables documented in :mod:`corpus_tools.schema`
(only the columns it needs are required), returns a
``plotly.graph_objects.Figure`` or, for word clouds, a ``PIL.Image.Image``, and
never calls ``.show()``: display is the notebook's business. Text is set in a
CJK-capable font family (:data:`FONT_FAMILY`), hover text on figure charts
quotes the sentence that stated the figure, and anything random takes a
``random_state``.

>>> import pandas as pd
>>> figures = pd.DataFrame({"doc_id": ["a"], "kind": ["money"], "text": ["50亿元"],
...                         "value": [5e9], "unit": ["CNY"], "sentence": ["总投资50亿元。"]})
>>> fig = money_by_document(figures)
>>> fig.layout.font.family.startswith("Noto Sans CJK SC")
True
"""
from __future__ import annotations

import functools
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import util as _imputil
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .errors import ConfigError, InputError

if TYPE_CHECKING:  # plotly and PIL load on first use
    import plotly.graph_objects as go
    from PIL import Image

__all__ = [
    "FONT_FAMILY",
    "NO_WORDS",
    "ChartConfig",
    "cjk_font_path",
    "cooccurrence_network",
    "document_labels",
    "document_sizes",
    "entity_heatmap",
    "figure_bars",
    "figures_by_subject",
    "keyness_bars",
    "left_out",
    "money_by_document",
    "money_over_time",
    "timeline",
    "top_keywords",
    "word_cloud",
    "word_frequencies",
]

#: Font families for chart text, first match wins: the Noto/Source Han pair
#: (same glyphs), then the system CJK fonts of macOS and Windows.
FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"

FigureKind = Literal["money", "date", "people", "count", "percent", "quantity"]

# kinds whose values are only comparable within one unit (a currency, m2 vs t)
_SPLIT_BY_UNIT = frozenset({"money", "quantity"})
_KIND_TITLES = {"money": "money", "people": "people", "count": "counts",
                "percent": "percentages", "quantity": "quantities", "date": "dates"}
_WORD_CHAR = re.compile(r"[\w\u3400-\u9fff]")
# above the plot area, right-aligned, so it never hides data
_LEGEND_ON_TOP = MappingProxyType({"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"})
_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class ChartConfig:
    """Look of every chart.

    Attributes:
        font_family: CSS font-family list for all chart text; keep a CJK font in it.
        font_size: base font size in pixels.
        template: plotly template name.
        panel_height: height in pixels of one panel (a subplot row).
        log_span: value axes switch to a log scale when the largest positive value is
            more than ``log_span`` times the smallest one.
        hover_width: characters per line of a sentence quoted in hover text.
        colorway: colours of successive traces.
    """

    font_family: str = FONT_FAMILY
    font_size: int = 13
    template: str = "plotly_white"
    panel_height: int = 340
    log_span: float = 100.0
    hover_width: int = 32
    colorway: tuple[str, ...] = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


_DEFAULT = ChartConfig()

#: What a word cloud with nothing to draw shows.
NO_WORDS = "no words to draw"


# ---------------------------------------------------------------- helpers

def _require(frame: pd.DataFrame, columns: Sequence[str], table: str, producer: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{table} must be a pandas DataFrame (got {type(frame).__name__}); "
                         f"pass the output of {producer}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{table} table lacks columns {missing} (got {list(frame.columns)}); "
                         f"pass the output of {producer}")


def _positive(name: str, value: int) -> None:
    if value < 1:
        raise ConfigError(f"{name!r} must be a positive integer (got {value!r})")


def _values(series: pd.Series) -> list:
    """Plain Python values (None for missing) that plotly serialises deterministically."""
    return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in series]


def _escape(text: object) -> str:
    return "" if text is None or (not isinstance(text, str) and pd.isna(text)) else html.escape(str(text))


def _wrap(text: str, width: int) -> str:
    return "<br>".join(text[i:i + width] for i in range(0, len(text), width)) or ""


def _quote(sentence: object, highlight: object, width: int) -> str:
    """The sentence wrapped for a hover label, with the figure's own text in bold."""
    if sentence is None or (not isinstance(sentence, str) and pd.isna(sentence)):
        return ""
    sentence = str(sentence).strip()
    mark = highlight if isinstance(highlight, str) else ""
    where = sentence.find(mark) if mark else -1
    bold = range(where, where + len(mark)) if where >= 0 else range(0)
    out = []
    for i, ch in enumerate(sentence):
        if i and i % width == 0:
            out.append("<br>")
        if i == bold.start and bold:
            out.append("<b>")
        out.append(html.escape(ch))
        if bold and i == bold.stop - 1:
            out.append("</b>")
    return "".join(out)


def _style(fig: go.Figure, config: ChartConfig, *, title: str, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": html.escape(title), "x": 0.01, "xanchor": "left"},
        template=config.template,
        font={"family": config.font_family, "size": config.font_size},
        hoverlabel={"font": {"family": config.font_family}, "align": "left"},
        colorway=list(config.colorway),
        margin={"l": 60, "r": 30, "t": 70, "b": 60},
    )
    if height is not None:
        fig.update_layout(height=height)
    return fig


def _empty(config: ChartConfig, *, title: str, message: str) -> go.Figure:
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": config.font_size + 2})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, config, title=title, height=260)


def _wide_span(values: Iterable[float], config: ChartConfig) -> bool:
    positive = [v for v in values if v is not None and v > 0 and math.isfinite(v)]
    return len(positive) > 1 and max(positive) / min(positive) > config.log_span


def _sig(value: float) -> float:
    """``value`` to 6 significant digits: what a chart can show, and stable JSON across CPUs."""
    return float(f"{float(value):.6g}")


def _number(value: float | None) -> str:
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"


def _unique_labels(groups: Sequence[str], labels: Sequence[str]) -> list[str]:
    """Labels made unique within their group (a headline repeated in the body)."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for group, label in zip(groups, labels):
        n = seen.get((group, label), 0) + 1
        seen[(group, label)] = n
        out.append(label if n == 1 else f"{label} ({n})")
    return out


def _parse_date(value: object) -> pd.Timestamp | None:
    """First day of an ISO date at any precision (``2021``, ``2020-12``, ``2023-03-31``)."""
    if not isinstance(value, str):
        return None
    match = _DATE_PREFIX.match(value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return pd.Timestamp(f"{year}-{month}-{day}")
    except ValueError:
        return None


# ---------------------------------------------------------------- documents

def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def document_labels(documents: pd.DataFrame | None, *, width: int = 16) -> dict[str, str]:
    """Axis labels of documents: the title cut to ``width`` characters, else the file name.

    A title longer than ``width`` ends with ``…``; a document without a title
    is named by its ``doc_id`` without folders and extension; labels that
    would repeat get ``(2)``, ``(3)`` ... so each stays one axis category.

    Args:
        documents: the documents table (``doc_id``; ``title`` when present); None gives {}.
        width: most characters of a label.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a/001.txt", "b.txt", "c.txt"],
    ...                      "title": ["关于促进细胞治疗产业发展的若干措施", None, "关于促进细胞治疗产业发展的若干措施"]})
    >>> document_labels(docs, width=10)
    {'a/001.txt': '关于促进细胞治疗产…', 'b.txt': 'b', 'c.txt': '关于促进细胞治疗产… (2)'}
    """
    if documents is None:
        return {}
    _require(documents, ["doc_id"], "documents", "read_corpus()")
    _positive("width", width)
    titles = documents["title"] if "title" in documents.columns else [None] * len(documents)
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for doc_id, title in zip(documents["doc_id"], titles):
        doc_id = str(doc_id)
        title = " ".join(title.split()) if isinstance(title, str) else ""
        label = _shorten(title or Path(doc_id).stem or doc_id, width)
        n = seen.get(label, 0) + 1
        seen[label] = n
        labels[doc_id] = label if n == 1 else f"{label} ({n})"
    return labels


def _label_of(labels: Mapping[str, str], doc_id: object) -> str:
    return labels.get(str(doc_id), str(doc_id))


def _shown(n_shown: int, n_all: int, what: str) -> str:
    """`` — 30 of 131 {what} shown`` when a chart leaves some out, else ``""``."""
    return f" — {n_shown:,} of {n_all:,} {what} shown" if n_shown < n_all else ""


def document_sizes(documents: pd.DataFrame, *, max_bars: int = 40,
                   config: ChartConfig = _DEFAULT) -> go.Figure:
    """Characters per document: clean text kept, and what cleaning removed.

    Up to ``max_bars`` documents, one horizontal bar each, labelled with the
    document's (shortened) title and stacked: the clean text (``n_chars``) and
    the characters of ``text_raw`` the cleaner dropped. More documents than
    that are shown as the distribution of sizes (a histogram on a log scale),
    which stays readable at any corpus size.

    Args:
        documents: the documents table (``doc_id``, ``n_chars``, ``text_raw``,
            ``script``; ``title``, ``source``, ``publisher``, ``date`` are shown on hover when present).
        max_bars: most documents drawn one bar each.
        config: chart look.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a.txt"], "n_chars": [6], "text_raw": ["新闻稿\\n细胞治疗"],
    ...                      "script": ["hans"]})
    >>> [trace.name for trace in document_sizes(docs).data]
    ['clean text', 'removed by cleaning']
    """
    import plotly.graph_objects as go

    _positive("max_bars", max_bars)
    _require(documents, ["doc_id", "n_chars", "text_raw", "script"], "documents", "read_corpus()")
    title = "Document sizes (characters)"
    if documents.empty:
        return _empty(config, title=title, message="no documents")
    if len(documents) > max_bars:
        return _size_distribution(documents, config=config)
    docs = documents.sort_values("doc_id", kind="stable")
    labels = document_labels(docs)
    kept = [int(v) if not pd.isna(v) else 0 for v in docs["n_chars"]]
    raw = [len(t) if isinstance(t, str) else 0 for t in docs["text_raw"]]
    removed = [max(r - k, 0) for r, k in zip(raw, kept)]
    hover = []
    for _, row in docs.iterrows():
        lines = [f"<b>{_escape(row['doc_id'])}</b>"]
        for column in ("title", "source", "publisher", "date", "doc_type", "format", "encoding", "script"):
            if column in docs.columns and not pd.isna(row[column]):
                lines.append(f"{column}: {_escape(_wrap(str(row[column]), config.hover_width))}")
        hover.append("<br>".join(lines))
    ids = [_label_of(labels, d) for d in docs["doc_id"]]
    fig = go.Figure([
        go.Bar(name="clean text", y=ids, x=kept, customdata=hover, marker_color=config.colorway[0],
               orientation="h",
               hovertemplate="%{customdata}<br>clean text: %{x:,} characters<extra></extra>"),
        go.Bar(name="removed by cleaning", y=ids, x=removed, customdata=hover, orientation="h",
               marker_color="#c7c7c7",
               hovertemplate="%{customdata}<br>removed: %{x:,} characters<extra></extra>"),
    ])
    fig.update_layout(barmode="stack", legend=dict(_LEGEND_ON_TOP, traceorder="normal"))
    fig.update_yaxes(title_text="document", type="category", autorange="reversed", automargin=True)
    fig.update_xaxes(title_text="characters")
    return _style(fig, config, title=title, height=max(config.panel_height, 140 + 24 * len(ids)))


def _size_distribution(documents: pd.DataFrame, *, config: ChartConfig) -> go.Figure:
    """Histogram of clean-text sizes on log-spaced bins (too many documents for one bar each)."""
    import plotly.graph_objects as go

    sizes = np.array([int(v) if not pd.isna(v) else 0 for v in documents["n_chars"]], dtype=float)
    positive = sizes[sizes > 0]
    n_empty = int((sizes <= 0).sum())
    title = f"Document sizes: {len(documents):,} documents (distribution of clean-text characters)"
    if n_empty:
        title += f" — {n_empty:,} empty not shown"
    if not len(positive):
        return _empty(config, title=title, message="every document is empty")
    low, high = math.floor(math.log10(positive.min())), math.ceil(math.log10(positive.max()) + 1e-9)
    edges = np.logspace(low, max(high, low + 1), num=4 * (max(high, low + 1) - low) + 1)
    counts, _ = np.histogram(positive, bins=edges)
    used = np.flatnonzero(counts)  # no empty bins at either end
    counts, edges = counts[used[0]:used[-1] + 1], edges[used[0]:used[-1] + 2]
    bins = [f"{_number(round(a))}–{_number(round(b))}" for a, b in pairwise(edges)]
    hover = [f"{b} characters: {int(c):,} documents" for b, c in zip(bins, counts)]
    fig = go.Figure(go.Bar(x=bins, y=[int(c) for c in counts], customdata=hover,
                           marker_color=config.colorway[0], name="documents",
                           hovertemplate="%{customdata}<extra></extra>"))
    fig.update_xaxes(type="category", tickangle=-35,
                     title_text="clean-text characters (bins of equal width on a log scale)")
    fig.update_yaxes(title_text="documents")
    fig.update_layout(showlegend=False, bargap=0.05)
    return _style(fig, config, title=title, height=config.panel_height + 60)


# ---------------------------------------------------------------- figures

def _figure_hover(rows: pd.DataFrame, config: ChartConfig) -> list[str]:
    hover = []
    for _, row in rows.iterrows():
        head = f"<b>{_escape(row['text'])}</b> · {_escape(row['doc_id'])}"
        details = []
        if "value" in rows.columns and not pd.isna(row["value"]):
            unit = "" if pd.isna(row.get("unit", pd.NA)) else f" {_escape(row['unit'])}"
            details.append(f"value: {_number(row['value'])}{unit}")
        if "date" in rows.columns and not pd.isna(row["date"]):
            details.append(f"date: {_escape(row['date'])}")
        if "qualifier" in rows.columns and not pd.isna(row["qualifier"]):
            details.append(f"qualifier: {_escape(row['qualifier'])}")
        if "subject" in rows.columns and not pd.isna(row["subject"]):
            details.append(f"subject: {_escape(row['subject'])}")
        quote = _quote(row["sentence"], row["text"], config.hover_width)
        hover.append("<br>".join([head, *details] + ([f"“{quote}”"] if quote else [])))
    return hover


def timeline(figures: pd.DataFrame, *, documents: pd.DataFrame | None = None, top: int = 40,
             config: ChartConfig = _DEFAULT) -> go.Figure:
    """Dates stated in each document, on one time axis, with the documents' own dates.

    Each date figure is a dot on its document's row, placed at the first day of
    what it names (``2021`` at 2021-01-01); hover shows the date as written
    and the sentence. Dates without a year (``--09-10``) are left out. With
    ``documents``, a diamond marks each document's own date and rows are
    labelled with the documents' titles. The ``top`` documents stating the most
    dates get a row; the title says how many are left out.

    Args:
        figures: the figures table (``doc_id``, ``kind``, ``text``, ``date``, ``sentence``).
        documents: the documents table, optional (``doc_id``, ``date``).
        top: most documents (rows) drawn.
        config: chart look.

    >>> import pandas as pd
    >>> figures = pd.DataFrame({"doc_id": ["a"], "kind": ["date"], "text": ["2023年3月31日"],
    ...                         "date": ["2023-03-31"], "sentence": ["2023年3月31日，代表团访问上海。"]})
    >>> timeline(figures).data[0].x[0]
    '2023-03-31'
    """
    import plotly.graph_objects as go

    _positive("top", top)
    _require(figures, ["doc_id", "kind", "text", "date", "sentence"], "figures", "figures_table()")
    title = "Dates stated in the documents"
    dated = figures[figures["kind"] == "date"].copy()
    dated["_when"] = [_parse_date(v) for v in dated["date"]]
    dated = dated[dated["_when"].notna()].sort_values(["doc_id", "_when"], kind="stable")
    names = document_labels(documents)
    own = None
    if documents is not None:
        _require(documents, ["doc_id", "date"], "documents", "read_corpus()")
        own = documents.assign(_when=[_parse_date(v) for v in documents["date"]])
        own = own[own["_when"].notna()].sort_values("doc_id", kind="stable")
    per_doc = dated["doc_id"].astype(str).value_counts()
    candidates = set(per_doc.index) | (set(own["doc_id"].astype(str)) if own is not None else set())
    chosen = sorted(candidates, key=lambda d: (-int(per_doc.get(d, 0)), d))[:top]
    title += _shown(len(chosen), len(candidates), "documents (those stating the most dates)")
    keep = set(chosen)
    dated = dated[dated["doc_id"].astype(str).isin(keep)]
    traces = []
    if not dated.empty:
        traces.append(go.Scatter(
            name="date stated", mode="markers", x=[w.strftime("%Y-%m-%d") for w in dated["_when"]],
            y=[_label_of(names, d) for d in dated["doc_id"]], customdata=_figure_hover(dated, config),
            marker={"size": 9, "opacity": 0.75, "color": config.colorway[0]},
            hovertemplate="%{customdata}<extra></extra>"))
    if own is not None:
        own = own[own["doc_id"].astype(str).isin(keep)]
        if not own.empty:
            hover = [f"<b>{_escape(d)}</b><br>document date: {_escape(w)}"
                     for d, w in zip(own["doc_id"], own["date"])]
            traces.append(go.Scatter(
                name="document date", mode="markers", x=[w.strftime("%Y-%m-%d") for w in own["_when"]],
                y=[_label_of(names, d) for d in own["doc_id"]], customdata=hover,
                marker={"size": 13, "symbol": "diamond", "color": config.colorway[1]},
                hovertemplate="%{customdata}<extra></extra>"))
    if not traces:
        return _empty(config, title=title, message="no dated figures or documents")
    fig = go.Figure(traces)
    rows = sorted({y for trace in traces for y in trace.y})
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows[::-1],
                     title_text="document", automargin=True)
    fig.update_xaxes(type="date", title_text="date (first day of the period named)")
    fig.update_layout(legend=dict(_LEGEND_ON_TOP))
    return _style(fig, config, title=title, height=max(300, 120 + 40 * len(rows)))


def _panels(figures: pd.DataFrame, kinds: Sequence[str]) -> list[tuple[str, str | None, pd.DataFrame]]:
    panels = []
    for kind in kinds:
        rows = figures[(figures["kind"] == kind) & figures["value"].notna()]
        if kind in _SPLIT_BY_UNIT:
            units = sorted({u for u in rows["unit"] if isinstance(u, str)})
            panels.extend((kind, unit, rows[rows["unit"] == unit]) for unit in units)
        elif not rows.empty:
            panels.append((kind, None, rows))
    return panels


def _largest_panels(panels: list[tuple[str, str | None, pd.DataFrame]], most: int
                    ) -> tuple[list[tuple[str, str | None, pd.DataFrame]], list[tuple[str, str | None, pd.DataFrame]]]:
    """The ``most`` panels with the most figures (in their order) and the others."""
    ranked = sorted(range(len(panels)), key=lambda i: (-len(panels[i][2]), i))
    kept = set(ranked[:most])
    return ([p for i, p in enumerate(panels) if i in kept], [p for i, p in enumerate(panels) if i not in kept])


def _panel_title(kind: str, unit: str | None) -> str:
    return f"{_KIND_TITLES.get(kind, kind)} ({unit})" if unit else _KIND_TITLES.get(kind, kind)


def figure_bars(figures: pd.DataFrame, *, kinds: Sequence[FigureKind] = ("money",),
                by: Literal["doc_id", "subject"] = "doc_id", top: int = 30,
                documents: pd.DataFrame | None = None, max_panels: int = 6,
                config: ChartConfig = _DEFAULT) -> go.Figure:
    """One horizontal bar per figure, grouped by document or by subject, one panel per unit.

    Money and quantities get one panel (and one value axis) per unit, so yuan
    and US dollars are never drawn on the same scale; other kinds get one panel
    each. A panel's axis is logarithmic when its values span more than
    ``config.log_span``. Each panel keeps its ``top`` largest figures and its
    title says how many it leaves out (``money (CNY) — 30 of 131 figures
    shown``; :func:`left_out` lists them). Hover text quotes the sentence that
    stated the figure.

    Args:
        figures: the figures table (``doc_id``, ``kind``, ``text``, ``value``,
            ``unit``, ``sentence``; ``subject`` when ``by="subject"``).
        kinds: figure kinds to draw, one or more panels each.
        by: group bars by document or by the noun counted (``subject``, in
            simplified script; figures without one are grouped under their unit).
        top: largest figures kept per panel.
        documents: the documents table; documents are then labelled with their
            shortened titles (:func:`document_labels`) instead of file names.
        max_panels: most panels drawn: the units (or kinds) with the most figures;
            the title says how many are left out.
        config: chart look.

    >>> import pandas as pd
    >>> figures = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["money", "money"],
    ...     "text": ["50亿元", "2亿美元"], "value": [5e9, 2e8], "unit": ["CNY", "USD"],
    ...     "sentence": ["总投资50亿元。", "融资2亿美元。"]})
    >>> [trace.name for trace in figure_bars(figures).data]
    ['money (CNY)', 'money (USD)']
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _positive("top", top)
    if by not in ("doc_id", "subject"):
        raise ConfigError(f"'by' must be one of ('doc_id', 'subject') (got {by!r})")
    needed = ["doc_id", "kind", "text", "value", "unit", "sentence"] + (["subject"] if by == "subject" else [])
    _require(figures, needed, "figures", "figures_table()")
    label = ", ".join(_KIND_TITLES.get(k, k) for k in kinds)
    title = f"{label[0].upper()}{label[1:]} by {'document' if by == 'doc_id' else 'subject'}"
    _positive("max_panels", max_panels)
    panels = _panels(figures, kinds)
    if not panels:
        return _empty(config, title=title, message=f"no {label} figures in this corpus")
    n_panels = len(panels)
    panels, _ = _largest_panels(panels, max_panels)
    title += _shown(len(panels), n_panels, "units (those with the most figures)")
    names = document_labels(documents)
    bars = []
    for kind, unit, rows in panels:
        kept = rows.assign(_value=rows["value"].astype("float64"))
        order = ["_value", "doc_id"] + (["start"] if "start" in kept.columns else [])
        kept = kept.sort_values(order, ascending=[False] + [True] * (len(order) - 1),
                                kind="stable").head(top)
        if by == "subject":
            from .script import to_simplified

            # one group per noun whatever the script: 獨角獸企業 and 独角兽企业 together
            groups = [to_simplified(s) if isinstance(s, str) and s else f"({u})"
                      for s, u in zip(kept["subject"], kept["unit"])]
        else:
            groups = [_label_of(names, d) for d in kept["doc_id"]]
        bars.append(kept.assign(_group=groups).sort_values(["_group", "_value"], ascending=[True, False],
                                                          kind="stable"))
    # horizontal bars: long document ids and Chinese labels stay readable
    heights = [max(60, 26 * len(kept) + 30) for kept in bars]
    gap = 80
    area = sum(heights) + gap * (len(panels) - 1)
    fig = make_subplots(rows=len(panels), cols=1, row_heights=heights,
                        vertical_spacing=gap / area if len(panels) > 1 else 0.0,
                        subplot_titles=[html.escape(_panel_title(k, u) + _shown(len(kept), len(rows), "figures"))
                                        for (k, u, rows), kept in zip(panels, bars)])
    for row, ((kind, unit, _), kept) in enumerate(zip(panels, bars), start=1):
        labels = _unique_labels(list(kept["_group"]), [str(t) for t in kept["text"]])
        fig.add_trace(go.Bar(
            name=_panel_title(kind, unit), orientation="h", y=[list(kept["_group"]), labels],
            x=[float(v) for v in kept["_value"]], customdata=_figure_hover(kept, config),
            marker_color=config.colorway[(row - 1) % len(config.colorway)],
            hovertemplate="%{customdata}<extra></extra>"), row=row, col=1)
        axis_title = unit if unit else ("%" if kind == "percent" else kind)
        log = _wide_span(kept["_value"], config)
        fig.update_xaxes(title_text=html.escape(axis_title), row=row, col=1,
                         type="log" if log else "linear", dtick=1 if log else None)
        fig.update_yaxes(autorange="reversed", automargin=True, row=row, col=1)
    fig.update_layout(showlegend=False)
    return _style(fig, config, title=title, height=area + 150)


def money_by_document(figures: pd.DataFrame, *, top: int = 30, documents: pd.DataFrame | None = None,
                      max_panels: int = 6, config: ChartConfig = _DEFAULT) -> go.Figure:
    """Amounts of money per document, one panel and axis per currency.

    A shortcut for ``figure_bars(figures, kinds=("money",), by="doc_id")``;
    with ``documents``, documents are labelled with their titles.

    >>> import pandas as pd
    >>> figures = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["money"] * 2,
    ...     "text": ["50亿元", "5万元"], "value": [5e9, 5e4], "unit": ["CNY"] * 2,
    ...     "sentence": ["总投资50亿元。", "奖励5万元。"]})
    >>> money_by_document(figures).layout.xaxis.type
    'log'
    """
    return figure_bars(figures, kinds=("money",), by="doc_id", top=top, documents=documents,
                       max_panels=max_panels, config=config)


def figures_by_subject(figures: pd.DataFrame, *, kinds: Sequence[FigureKind] = ("people", "count"),
                       top: int = 30, max_panels: int = 6, config: ChartConfig = _DEFAULT) -> go.Figure:
    """Headcounts and counts grouped by the noun counted (``subject``).

    A shortcut for ``figure_bars(figures, kinds=kinds, by="subject")``.

    >>> import pandas as pd
    >>> figures = pd.DataFrame({"doc_id": ["a"], "kind": ["people"], "text": ["近300人"],
    ...     "value": [300.0], "unit": ["person"], "subject": ["研究人员"],
    ...     "sentence": ["近300人参加。"]})
    >>> figures_by_subject(figures).data[0].y[0][0]
    '研究人员'
    """
    return figure_bars(figures, kinds=kinds, by="subject", top=top, max_panels=max_panels, config=config)


def money_over_time(figures: pd.DataFrame, documents: pd.DataFrame, *,
                    config: ChartConfig = _DEFAULT) -> go.Figure:
    """Amounts of money against the date of the document that states them.

    One panel and value axis per currency (log scale when the span is wide);
    documents without a date are left out and counted in the title.

    Args:
        figures: the figures table (``doc_id``, ``kind``, ``text``, ``value``,
            ``unit``, ``sentence``).
        documents: the documents table (``doc_id``, ``date``).
        config: chart look.

    >>> import pandas as pd
    >>> figures = pd.DataFrame({"doc_id": ["a"], "kind": ["money"], "text": ["50亿元"],
    ...     "value": [5e9], "unit": ["CNY"], "sentence": ["总投资50亿元。"]})
    >>> documents = pd.DataFrame({"doc_id": ["a"], "date": ["2023-09"]})
    >>> money_over_time(figures, documents).data[0].x
    ('2023-09-01',)
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _require(figures, ["doc_id", "kind", "text", "value", "unit", "sentence"], "figures",
             "figures_table()")
    _require(documents, ["doc_id", "date"], "documents", "read_corpus()")
    title = "Money over time (date of the stating document)"
    when = {d: _parse_date(v) for d, v in zip(documents["doc_id"], documents["date"])}
    panels = _panels(figures, ["money"])
    if not panels:
        return _empty(config, title=title, message="no money figures in this corpus")
    undated = sum(int(when.get(d) is None) for _, _, rows in panels for d in rows["doc_id"])
    if undated:
        title += f" — {undated} figure{'s' if undated > 1 else ''} from undated documents not shown"
    dated = []
    for kind, unit, rows in panels:
        rows = rows.assign(_when=[when.get(d) for d in rows["doc_id"]])
        rows = rows[rows["_when"].notna()].sort_values(["_when", "doc_id"], kind="stable")
        if not rows.empty:  # a currency only undated documents state gets no empty panel
            dated.append((kind, unit, rows))
    if not dated:
        return _empty(config, title=title, message="no money figures in dated documents")
    fig = make_subplots(rows=len(dated), cols=1, vertical_spacing=min(0.25, 0.6 / len(dated)),
                        subplot_titles=[html.escape(_panel_title(k, u)) for k, u, _ in dated])
    for row, (kind, unit, rows) in enumerate(dated, start=1):
        values = [float(v) for v in rows["value"]]
        fig.add_trace(go.Scatter(
            name=_panel_title(kind, unit), mode="markers",
            x=[w.strftime("%Y-%m-%d") for w in rows["_when"]], y=values,
            customdata=_figure_hover(rows, config),
            marker={"size": 11, "opacity": 0.8, "color": config.colorway[(row - 1) % len(config.colorway)]},
            hovertemplate="%{customdata}<extra></extra>"), row=row, col=1)
        log = _wide_span(values, config)
        fig.update_yaxes(title_text=html.escape(unit or ""), row=row, col=1,
                         type="log" if log else "linear", dtick=1 if log else None)
        fig.update_xaxes(type="date", row=row, col=1)
    fig.update_layout(showlegend=False)
    return _style(fig, config, title=title, height=120 + config.panel_height * len(dated))


# ---------------------------------------------------------------- what the charts leave out

def left_out(figures: pd.DataFrame, documents: pd.DataFrame | None = None, *, top: int = 30,
             max_panels: int = 6, timeline_top: int = 40) -> pd.DataFrame:
    """Figures the figure charts do not draw, per chart, kind and unit, and why (``schema.LEFT_OUT``).

    The same rules as the charts called with the same ``top`` values:
    :func:`money_by_document` and :func:`figure_bars` keep the ``top`` largest
    figures of each panel, need a value and a unit, and draw the ``max_panels``
    units with the most figures; :func:`money_over_time`
    needs the stating document's date; :func:`timeline` needs a year and gives
    a row to the ``timeline_top`` documents stating the most dates.

    Args:
        figures: the figures table.
        documents: the documents table (``doc_id``, ``date``); without it the
            charts over time are not accounted for.
        top: the ``top`` of the bar charts.
        max_panels: the ``max_panels`` of the bar charts.
        timeline_top: the ``top`` of :func:`timeline`.

    >>> import pandas as pd
    >>> figures = pd.DataFrame({"doc_id": ["a", "b"], "kind": ["money"] * 2, "text": ["50亿元", "5万元"],
    ...     "value": [5e9, 5e4], "unit": ["CNY"] * 2, "date": [None, None], "sentence": ["", ""]})
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2023-09", None]})
    >>> left_out(figures, documents, top=1)[["chart", "unit", "left_out", "reason"]].values.tolist()
    [['Money by document', 'CNY', 1, 'only the 1 largest amounts per currency are drawn'], ['Money over time', 'CNY', 1, 'the stating document has no date']]
    """
    from . import schema

    _positive("top", top)
    _positive("timeline_top", timeline_top)
    _positive("max_panels", max_panels)
    _require(figures, ["doc_id", "kind", "value", "unit", "date"], "figures", "figures_table()")
    rows: list[tuple] = []

    def bars(chart: str, kinds: Sequence[str], what: str) -> None:
        for kind in kinds:
            every = figures[figures["kind"] == kind]
            valued = every[every["value"].notna() & (every["unit"].notna() if kind in _SPLIT_BY_UNIT else True)]
            if len(every) > len(valued):
                rows.append((chart, kind, None, len(every), len(valued), len(every) - len(valued),
                             "no value" + (" or no unit" if kind in _SPLIT_BY_UNIT else "")))
        kept, dropped = _largest_panels(_panels(figures, kinds), max_panels)
        for kind, unit, panel in dropped:
            rows.append((chart, kind, unit, len(panel), 0, len(panel),
                         f"only the {max_panels} units with the most figures get a panel"))
        for kind, unit, panel in kept:
            if len(panel) > top:
                rows.append((chart, kind, unit, len(panel), top, len(panel) - top,
                             f"only the {top} largest {what} are drawn"))

    bars("Money by document", ["money"], "amounts per currency")
    bars("Figures by subject", ["people", "count"], "figures per kind")
    bars("Figure bars", ["percent", "quantity"], "figures per kind and unit")
    if documents is not None:
        _require(documents, ["doc_id", "date"], "documents", "read_corpus()")
        when = {str(d): _parse_date(v) for d, v in zip(documents["doc_id"], documents["date"])}
        for kind, unit, panel in _panels(figures, ["money"]):
            undated = sum(when.get(str(d)) is None for d in panel["doc_id"])
            if undated:
                rows.append(("Money over time", kind, unit, len(panel), len(panel) - undated, undated,
                             "the stating document has no date"))
    dates = figures[figures["kind"] == "date"]
    if len(dates):
        placed = dates[[_parse_date(v) is not None for v in dates["date"]]]
        if len(placed) < len(dates):
            rows.append(("Timeline", "date", None, len(dates), len(placed), len(dates) - len(placed),
                         "no year stated or inferred from the document's date"))
        per_doc = placed["doc_id"].astype(str).value_counts()
        if len(per_doc) > timeline_top:
            kept = sorted(per_doc.index, key=lambda d: (-int(per_doc[d]), d))[:timeline_top]
            hidden = int(per_doc.drop(kept).sum())
            rows.append(("Timeline", "date", None, len(placed), len(placed) - hidden, hidden,
                         f"only the {timeline_top} documents stating the most dates get a row"))
    frame = pd.DataFrame(rows, columns=list(schema.LEFT_OUT))
    return schema.conform(frame, schema.LEFT_OUT) if rows else schema.empty_frame(schema.LEFT_OUT)


# ---------------------------------------------------------------- keywords

def top_keywords(keywords: pd.DataFrame, *, top: int = 10, groups: Sequence[str] | None = None,
                 columns: int = 2, max_groups: int = 12, config: ChartConfig = _DEFAULT) -> go.Figure:
    """Horizontal bars of the top keywords, one panel per group.

    Args:
        keywords: the keywords table (``group``, ``rank``, ``keyword``, ``score``, ``count``).
        top: keywords per panel, by rank.
        groups: the groups to draw, in this order (default: all, sorted, at most
            ``max_groups`` of them; the title says how many are left out).
        columns: panels per row.
        max_groups: most panels drawn when ``groups`` is not given.
        config: chart look.

    >>> import pandas as pd
    >>> kw = pd.DataFrame({"group": ["a", "a"], "rank": [1, 2], "keyword": ["细胞治疗", "沪港"],
    ...                    "score": [0.9, 0.5], "count": [4, 3]})
    >>> top_keywords(kw).data[0].y
    ('细胞治疗', '沪港')
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _positive("top", top)
    _positive("columns", columns)
    _require(keywords, ["group", "rank", "keyword", "score", "count"], "keywords", "keywords()")
    _positive("max_groups", max_groups)
    title = "Top keywords"
    names = list(groups) if groups is not None else sorted({str(g) for g in keywords["group"]})
    if groups is None:
        title += _shown(min(max_groups, len(names)), len(names), "groups")
        names = names[:max_groups]
    unknown = [g for g in names if g not in set(keywords["group"].astype(str))]
    if unknown:
        raise InputError(f"groups {unknown} are not in the keywords table's 'group' column "
                         f"(has {sorted(set(keywords['group'].astype(str)))})")
    if keywords.empty or not names:
        return _empty(config, title=title, message="no keywords")
    columns = min(columns, len(names))
    n_rows = math.ceil(len(names) / columns)
    # room for the y labels of the right-hand panels (keywords of up to ~8 characters)
    fig = make_subplots(rows=n_rows, cols=columns, subplot_titles=[html.escape(g) for g in names],
                        horizontal_spacing=0.16 if columns > 1 else 0.0,
                        vertical_spacing=min(0.2, 0.5 / n_rows))
    for i, group in enumerate(names):
        rows = keywords[keywords["group"].astype(str) == group].sort_values(
            ["rank", "keyword"], kind="stable").head(top)
        fig.add_trace(go.Bar(
            name=group, orientation="h", x=[_sig(v) for v in rows["score"]],
            y=_values(rows["keyword"]), customdata=_values(rows["count"]),
            marker_color=config.colorway[i % len(config.colorway)],
            hovertemplate="<b>%{y}</b><br>score: %{x:.4g}<br>count: %{customdata}<extra></extra>"),
            row=i // columns + 1, col=i % columns + 1)
        fig.update_yaxes(autorange="reversed", row=i // columns + 1, col=i % columns + 1)
    fig.update_layout(showlegend=False)
    fig = _style(fig, config, title=title, height=100 + n_rows * max(260, 26 * top))
    return fig.update_layout(margin={"l": 120})


def keyness_bars(keyness: pd.DataFrame, *, top: int = 15,
                 labels: tuple[str, str] = ("target", "reference"),
                 config: ChartConfig = _DEFAULT) -> go.Figure:
    """Diverging bars of the terms most typical of each of two groups.

    Terms are ranked by the size of their log-likelihood (signed or not) within
    each direction; bar length is Hardie's log ratio (positive: typical of the
    target group).

    Args:
        keyness: the keyness table (``keyword``, ``count_target``,
            ``count_reference``, ``log_likelihood``, ``p_value``, ``log_ratio``, ``direction``).
        top: terms per direction.
        labels: display names of the target and reference groups.
        config: chart look.

    >>> import pandas as pd
    >>> k = pd.DataFrame({"keyword": ["香港", "上海"], "count_target": [9, 1],
    ...     "count_reference": [1, 8], "log_likelihood": [8.1, 7.2], "p_value": [0.004, 0.007],
    ...     "log_ratio": [3.2, -3.0], "direction": ["target", "reference"]})
    >>> [trace.name for trace in keyness_bars(k, labels=("香港", "上海")).data]
    ['香港', '上海']
    """
    import plotly.graph_objects as go

    _positive("top", top)
    needed = ["keyword", "count_target", "count_reference", "log_likelihood", "p_value",
              "log_ratio", "direction"]
    _require(keyness, needed, "keyness", "keyness()")
    title = f"Keyness: {labels[0]} vs {labels[1]}"
    comparable = keyness[keyness["log_ratio"].notna()]
    n_sides = [int((comparable["direction"] == d).sum()) for d in ("target", "reference")]
    if max(n_sides) > top:
        title += f" — the {top} strongest terms of each side ({n_sides[0]:,} and {n_sides[1]:,} in all)"
    traces = []
    for i, (direction, name) in enumerate(zip(("target", "reference"), labels)):
        rows = comparable[comparable["direction"] == direction]
        # statistics may be signed (negative: typical of the reference): rank by strength
        rows = rows.assign(_strength=rows["log_likelihood"].astype("float64").abs())
        rows = rows.sort_values(["_strength", "keyword"], ascending=[False, True],
                                kind="stable").head(top)
        rows = rows.sort_values(["log_ratio", "keyword"], kind="stable")
        if rows.empty:
            continue
        hover = [f"<b>{_escape(k)}</b><br>{_escape(labels[0])}: {ct} · {_escape(labels[1])}: {cr}"
                 f"<br>log-likelihood: {ll:+.2f} · p = {p:.2g}<br>log ratio: {lr:+.2f}"
                 for k, ct, cr, ll, p, lr in zip(rows["keyword"], rows["count_target"],
                                                rows["count_reference"], rows["log_likelihood"],
                                                rows["p_value"], rows["log_ratio"])]
        traces.append(go.Bar(name=name, orientation="h", x=[_sig(v) for v in rows["log_ratio"]],
                             y=_values(rows["keyword"]), customdata=hover,
                             marker_color=config.colorway[i],
                             hovertemplate="%{customdata}<extra></extra>"))
    if not traces:
        return _empty(config, title=title, message="no terms to compare")
    fig = go.Figure(traces)
    order = [y for trace in traces for y in trace.y]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=sorted(
        order, key=lambda k: next(float(t.x[t.y.index(k)]) for t in traces if k in t.y)))
    fig.update_xaxes(title_text=f"log ratio (← {html.escape(labels[1])} · {html.escape(labels[0])} →)",
                     zeroline=True, zerolinewidth=2)
    fig.update_layout(barmode="overlay", legend=dict(_LEGEND_ON_TOP))
    return _style(fig, config, title=title, height=max(320, 120 + 22 * len(order)))


# ---------------------------------------------------------------- entities

def entity_heatmap(entities: pd.DataFrame, *, labels: Sequence[str] = ("ORG",), top: int = 20,
                   documents: pd.DataFrame | None = None, top_documents: int = 30,
                   config: ChartConfig = _DEFAULT) -> go.Figure:
    """Mentions of the most frequent entities (rows) in each document (columns).

    Entities are counted by ``canonical`` name (falling back to the text);
    the ``top`` entities by total mentions are kept, ties broken by the
    number of documents, then by name. The ``top_documents`` documents that
    mention the kept entities most get a column; the title says what is left out.

    Args:
        entities: the entities table (``doc_id``, ``label``, ``text``, ``canonical``).
        labels: entity labels to include (``ORG``, ``PERSON``, ``PLACE``).
        top: entities kept.
        documents: the documents table; columns are then labelled with the
            documents' shortened titles instead of file names.
        top_documents: most documents (columns) drawn.
        config: chart look.

    >>> import pandas as pd
    >>> ents = pd.DataFrame({"doc_id": ["a", "a", "b"], "label": ["ORG"] * 3,
    ...     "text": ["科技园公司", "罗氏", "科技園公司"], "canonical": ["香港科技园公司", "罗氏", "香港科技园公司"]})
    >>> entity_heatmap(ents).data[0].z
    ([1, 1], [1, 0])
    """
    import plotly.graph_objects as go

    _positive("top", top)
    _positive("top_documents", top_documents)
    _require(entities, ["doc_id", "label", "text", "canonical"], "entities", "entities_table()")
    title = f"Entities by document ({', '.join(labels)})"
    rows = entities[entities["label"].isin(list(labels))]
    if rows.empty:
        return _empty(config, title=title, message=f"no {', '.join(labels)} entities")
    name = rows["canonical"].astype("object").where(rows["canonical"].notna(), rows["text"].astype("object"))
    rows = rows.assign(_name=name.astype(str), _doc=rows["doc_id"].astype(str))
    counts = rows.groupby(["_name", "_doc"], sort=True).size()
    totals = counts.groupby(level=0).sum()
    spread = counts.groupby(level=0).size()
    ranking = sorted(totals.index, key=lambda n: (-int(totals[n]), -int(spread[n]), n))
    title += _shown(min(top, len(ranking)), len(ranking), "entities")
    ranking = ranking[:top]
    ranked = rows[rows["_name"].isin(set(ranking))]
    per_doc = ranked["_doc"].value_counts()
    all_docs = sorted(rows["_doc"].unique())
    docs = sorted(sorted(per_doc.index), key=lambda d: -int(per_doc[d]))[:top_documents]
    docs = sorted(docs)
    title += _shown(len(docs), len(all_docs), "documents (most mentions)")
    names = document_labels(documents)
    z = [[int(counts.get((n, d), 0)) for d in docs] for n in ranking]
    forms = rows.groupby("_name")["text"].agg(lambda s: " / ".join(sorted({str(t) for t in s})))
    hover = [[f"<b>{_escape(n)}</b><br>{_escape(d)}<br>mentions: {z[i][j]}"
              f"<br>written as: {_escape(_wrap(forms[n], config.hover_width))}"
              for j, d in enumerate(docs)] for i, n in enumerate(ranking)]
    fig = go.Figure(go.Heatmap(z=z, x=[_label_of(names, d) for d in docs], y=ranking,
                               customdata=hover, colorscale="Blues",
                               hovertemplate="%{customdata}<extra></extra>", xgap=1, ygap=1,
                               colorbar={"title": {"text": "mentions"}}))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", tickangle=-35)
    return _style(fig, config, title=title, height=max(320, 160 + 24 * len(ranking)))


def _spring_layout(n: int, edges: Sequence[tuple[int, int, float]], *, random_state: int,
                   iterations: int = 150) -> np.ndarray:
    """Fruchterman-Reingold positions of one connected graph within the unit disc."""
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(random_state)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    adjacency = np.zeros((n, n))
    top = max((w for _, _, w in edges), default=1.0) or 1.0
    for i, j, w in edges:
        adjacency[i, j] = adjacency[j, i] = 0.5 + 0.5 * w / top
    k = 2.0 / math.sqrt(n)  # ideal edge length in a [-1, 1] box
    step = 0.2
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance ** 2 - adjacency * distance / k
        np.fill_diagonal(force, 0.0)
        shift = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.linalg.norm(shift, axis=1), 0.01)
        pos = pos + shift * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    pos = pos - pos.mean(axis=0)
    return pos / (np.linalg.norm(pos, axis=1).max() or 1.0)


def _components(n: int, edges: Sequence[tuple[int, int, float]]) -> list[list[int]]:
    """Connected components, largest first (ties: lowest node first)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in edges:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _network_layout(n: int, edges: Sequence[tuple[int, int, float]], *,
                    random_state: int) -> np.ndarray:
    """Each component laid out on its own (a disc of area ~ its size), discs packed in rows.

    Laying out the whole graph at once lets unconnected parts push each other
    to the edges and squeezes the main component into a blob.
    """
    pos = np.zeros((n, 2))
    components = _components(n, edges)
    radii = [math.sqrt(len(c)) for c in components]
    row_width = max(3.6 * radii[0], 2.2 * math.sqrt(n))  # charts are wider than tall
    gap = 0.8
    x = y = row_height = 0.0
    for number, (members, radius) in enumerate(zip(components, radii)):
        local = {node: i for i, node in enumerate(members)}
        sub = [(local[i], local[j], w) for i, j, w in edges if i in local]
        inner = _spring_layout(len(members), sub, random_state=random_state + number)
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        pos[members] = inner * radius + [x + radius, y - radius]
        x += 2 * radius + gap
        row_height = max(row_height, 2 * radius)
    pos = pos - (pos.max(axis=0) + pos.min(axis=0)) / 2
    return pos / (np.abs(pos).max() or 1.0)


def cooccurrence_network(cooccurrence: pd.DataFrame, *, top: int = 40, random_state: int = 0,
                         config: ChartConfig = _DEFAULT) -> go.Figure:
    """Network of terms or entities seen in the same sentences.

    Keeps the ``top`` heaviest pairs; node size follows the weighted degree,
    line width the pair's weight. The layout is a force-directed one seeded by
    ``random_state``, so the same table gives the same picture.

    Args:
        cooccurrence: the co-occurrence table (``source``, ``target``, ``weight``).
        top: heaviest pairs kept.
        random_state: seed of the layout's starting positions.
        config: chart look.

    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"source": ["香港科技园公司", "香港科技园公司"],
    ...                       "target": ["罗氏", "张江集团"], "weight": [3, 1]})
    >>> cooccurrence_network(pairs).data[-1].text
    ('张江集团', '罗氏', '香港科技园公司')
    """
    import plotly.graph_objects as go

    _positive("top", top)
    _require(cooccurrence, ["source", "target", "weight"], "cooccurrence", "cooccurrence()")
    title = "Co-occurrence network (same sentence)"
    pairs = cooccurrence[cooccurrence["weight"].notna() & (cooccurrence["source"] != cooccurrence["target"])]
    title += _shown(min(top, len(pairs)), len(pairs), "pairs (the most frequent)")
    pairs = pairs.assign(_s=pairs["source"].astype(str), _t=pairs["target"].astype(str),
                         _w=pairs["weight"].astype("float64"))
    pairs = pairs.sort_values(["_w", "_s", "_t"], ascending=[False, True, True], kind="stable").head(top)
    if pairs.empty:
        return _empty(config, title=title, message="no pairs seen together")
    nodes = sorted(set(pairs["_s"]) | set(pairs["_t"]))
    index = {name: i for i, name in enumerate(nodes)}
    edges = [(index[s], index[t], float(w)) for s, t, w in zip(pairs["_s"], pairs["_t"], pairs["_w"])]
    pos = _network_layout(len(nodes), edges, random_state=random_state)
    degree = np.zeros(len(nodes))
    partners: dict[int, list[tuple[float, str]]] = {i: [] for i in range(len(nodes))}
    for i, j, w in edges:
        degree[i] += w
        degree[j] += w
        partners[i].append((w, nodes[j]))
        partners[j].append((w, nodes[i]))
    w_max = max(w for _, _, w in edges)
    traces = []
    # plotly draws one width per trace: bucket the edges into a few widths
    buckets: dict[int, list[tuple[int, int, float]]] = {}
    for edge in edges:
        buckets.setdefault(1 + round(4 * edge[2] / w_max), []).append(edge)
    for width in sorted(buckets):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for i, j, _ in buckets[width]:
            xs += [float(pos[i, 0]), float(pos[j, 0]), None]
            ys += [float(pos[i, 1]), float(pos[j, 1]), None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": width, "color": "rgba(120,120,120,0.45)"}))
    hover = []
    for i, name in enumerate(nodes):
        strongest = sorted(partners[i], key=lambda p: (-p[0], p[1]))[:5]
        lines = [f"{_escape(p)}: {int(w)}" for w, p in strongest]
        hover.append(f"<b>{_escape(name)}</b><br>sentences with a partner: {int(degree[i])}<br>"
                     + "<br>".join(lines))
    sizes = [float(12 + 28 * math.sqrt(d / degree.max())) for d in degree]
    traces.append(go.Scatter(
        x=[float(x) for x in pos[:, 0]], y=[float(y) for y in pos[:, 1]], mode="markers+text",
        text=nodes, textposition="top center", customdata=hover, showlegend=False,
        marker={"size": sizes, "color": config.colorway[0], "line": {"width": 1, "color": "white"}},
        hovertemplate="%{customdata}<extra></extra>"))
    fig = go.Figure(traces)
    fig.update_xaxes(visible=False, range=[-1.25, 1.25])
    fig.update_yaxes(visible=False, range=[-1.2, 1.2], scaleanchor="x", scaleratio=1)
    return _style(fig, config, title=title, height=620)


# ---------------------------------------------------------------- word clouds

def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK SC font shipped by the ``mplfonts`` package.

    >>> cjk_font_path().name
    'NotoSansCJKsc-Regular.otf'
    """
    spec = _imputil.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the 'mplfonts' package is not installed; it ships the CJK font word "
                         "clouds need (install the project's requirements.lock)")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.is_file():
        raise InputError(f"font file {path} is missing from the 'mplfonts' package; reinstall it")
    return path


@functools.lru_cache(maxsize=8)
def _font_charset(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def word_frequencies(table: pd.DataFrame | pd.Series | Mapping[str, float], *,
                     weight: str | None = None, stopwords: Iterable[str] = (),
                     min_length: int = 2) -> dict[str, float]:
    """Word weights for a word cloud, from a keywords or tokens table.

    Args:
        table: a keywords table (weights summed over groups), a tokens table
            (``norm`` counted), a Series indexed by word, or a mapping word -> weight.
        weight: the keywords table's weight column (default ``score``).
        stopwords: words left out.
        min_length: shortest word kept, in characters.

    Returns:
        ``{word: weight}`` with positive weights, sorted by weight then word;
        words with no letter or Han character (punctuation, numbers) are dropped.

    >>> import pandas as pd
    >>> tokens = pd.DataFrame({"norm": ["细胞治疗", "的", "细胞治疗", "沪港", "2023"]})
    >>> word_frequencies(tokens)
    {'细胞治疗': 2.0, '沪港': 1.0}
    """
    if isinstance(table, pd.DataFrame):
        if "keyword" in table.columns:
            column = weight or "score"
            _require(table, ["keyword", column], "keywords", "keywords()")
            series = table.groupby(table["keyword"].astype(str), sort=True)[column].sum()
        elif "norm" in table.columns:
            series = table["norm"].dropna().astype(str).value_counts(sort=False)
        else:
            raise InputError(f"word clouds need a keywords table ('keyword' column) or a tokens "
                             f"table ('norm' column) (got columns {list(table.columns)})")
        items = ((str(k), float(v)) for k, v in series.items() if not pd.isna(v))
    elif isinstance(table, pd.Series):
        items = ((str(k), float(v)) for k, v in table.items() if not pd.isna(v))
    elif isinstance(table, Mapping):
        items = ((str(k), float(v)) for k, v in table.items())
    else:
        raise InputError(f"word clouds need a table, a Series or a mapping (got {type(table).__name__})")
    stop = set(stopwords)
    kept: dict[str, float] = {}
    for word, value in items:
        word = word.strip()
        if value > 0 and len(word) >= min_length and word not in stop and _WORD_CHAR.search(word) \
                and not word.replace(".", "").replace(",", "").isdigit():
            kept[word] = kept.get(word, 0.0) + value
    return dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0])))


def word_cloud(table: pd.DataFrame | pd.Series | Mapping[str, float], *,
               weight: str | None = None, stopwords: Iterable[str] | None = None,
               min_length: int = 2, max_words: int = 120, width: int = 900, height: int = 450,
               random_state: int = 0, background_color: str = "white",
               colormap: str = "viridis", font_path: str | Path | None = None,
               mode: Literal["P", "RGB"] = "P") -> Image.Image:
    """Render a word cloud of a keywords or tokens table in a CJK font.

    Words are weighted by :func:`word_frequencies`; words holding a character
    the font has no glyph for are left out rather than drawn as empty boxes.
    With no word left to draw, the image says so (:data:`NO_WORDS`), as an
    empty chart does, so that a notebook runs on any corpus.
    The image's ``info`` holds the words drawn (``info["words"]``) and the font
    used (``info["font_path"]``).

    Args:
        table: keywords table, tokens table, Series or mapping word -> weight.
        weight: the keywords table's weight column (default ``score``).
        stopwords: words left out (default: :func:`corpus_tools.tokens.stopwords`,
            Stopwords ISO's Chinese list plus the domain list).
        min_length: shortest word kept, in characters.
        max_words: most words drawn.
        width: image width in pixels.
        height: image height in pixels.
        random_state: seed of the placement; the same input gives the same image.
        background_color: background colour name or hex.
        colormap: matplotlib colormap for the words.
        font_path: font file (default: Noto Sans CJK SC from ``mplfonts``).
        mode: ``"P"`` (128-colour palette: a PNG a third the size, which is what
            notebooks and the report store) or ``"RGB"`` (full colour; also
            needed to save as JPEG).

    >>> image = word_cloud({"细胞治疗": 3, "沪港": 2, "生物医药": 1}, width=200, height=100)
    >>> image.size, sorted(image.info["words"])
    ((200, 100), ['沪港', '生物医药', '细胞治疗'])
    """
    from wordcloud import WordCloud

    _positive("max_words", max_words)
    if mode not in ("P", "RGB"):
        raise ConfigError(f"'mode' must be one of ('P', 'RGB') (got {mode!r})")
    font = str(font_path) if font_path is not None else str(cjk_font_path())
    charset = _font_charset(font)
    stop = _default_stopwords() if stopwords is None else frozenset(stopwords)
    weights = word_frequencies(table, weight=weight, stopwords=stop, min_length=min_length)
    weights = {w: v for w, v in weights.items() if all(ord(ch) in charset for ch in w)}
    if weights:
        cloud = WordCloud(font_path=font, width=width, height=height, max_words=max_words,
                          random_state=random_state, background_color=background_color,
                          colormap=colormap, prefer_horizontal=1.0, collocations=False,
                          normalize_plurals=False, margin=4)
        cloud.generate_from_frequencies(weights)
        image = cloud.to_image()
        drawn = tuple(word for (word, _), *_ in cloud.layout_)
    else:  # like an empty chart: say so, so a notebook runs on any corpus
        image = _message_image(NO_WORDS, font=font, size=(width, height),
                               background_color=background_color)
        drawn = ()
    if mode == "P":
        from PIL import Image

        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=128)
    image.info["words"] = drawn
    image.info["font_path"] = font
    return image


def _message_image(message: str, *, font: str, size: tuple[int, int],
                   background_color: str) -> Image.Image:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", size, background_color)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(font, size=max(10, min(size[1] // 8, 2 * size[0] // (3 * len(message)))))
    draw.text((size[0] / 2, size[1] / 2), message, fill="#888888", font=face, anchor="mm")
    return image


def _default_stopwords() -> frozenset[str]:
    from .tokens import stopwords

    return stopwords()


# ---------------------------------------------------------------- investment events

def _investment_hover(rows: pd.DataFrame, config: ChartConfig) -> list[str]:
    hover = []
    for row in rows.itertuples(index=False):
        investors = "、".join(row.investors) if isinstance(row.investors, (list, tuple)) else ""
        details = [f"<b>{_escape(row.recipient)}</b> · {_escape(row.event)}"
                   + (f" · {_escape(row.round)}轮" if isinstance(row.round, str) else ""),
                   f"amount: {_number(row.amount)} {_escape(row.currency)} ({_escape(row.amount_text)})"]
        if investors:
            details.append(f"investors: {_escape(investors)}")
        if isinstance(row.date, str):
            details.append(f"date: {_escape(row.date)}")
        quote = _quote(row.sentence, row.amount_text, config.hover_width)
        hover.append("<br>".join(details + ([f"“{quote}”"] if quote else [])))
    return hover


def _main_currency(investments: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The events with an amount in the corpus's most frequent currency, and what the rest are."""
    valued = investments[investments["amount"].notna() & investments["currency"].notna()]
    if valued.empty:
        return valued, ""
    counts = valued["currency"].value_counts(sort=False)
    currency = max(sorted(counts.index), key=lambda c: counts[c])
    return valued[valued["currency"] == currency], str(currency)


_INVESTMENT_COLUMNS = ("doc_id", "amount", "currency", "amount_text", "event", "round", "recipient",
                       "investors", "date", "sentence")


def investments_by_recipient(investments: pd.DataFrame, *, top: int = 25,
                             config: ChartConfig = _DEFAULT) -> go.Figure:
    """Amounts raised or granted per recipient, stacked by round, in the corpus's main currency.

    One horizontal bar per recipient (the ``top`` largest totals), one colour per round;
    events without an amount or in another currency are left out and counted in the title.

    Args:
        investments: the investments table (``investments_table()``).
        top: how many recipients to draw.
        config: chart look.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"doc_id": ["a", "a"], "amount": [1e9, 2e8], "currency": ["CNY", "CNY"],
    ...     "amount_text": ["10亿元", "2亿元"], "event": ["financing"] * 2, "round": ["D", "A"],
    ...     "recipient": ["节卡机器人", "汇禾医疗"], "investors": [["高瓴"], []], "date": [None, None],
    ...     "sentence": ["节卡机器人完成10亿元D轮融资。", "汇禾医疗获2亿元A轮融资。"]})
    >>> [(t.name, t.y) for t in investments_by_recipient(events).data]
    [('A', ('汇禾医疗',)), ('D', ('节卡机器人',))]
    """
    import plotly.graph_objects as go

    _require(investments, _INVESTMENT_COLUMNS, "investments", "investments_table()")
    _positive("top", top)
    rows, currency = _main_currency(investments)
    title = f"Amounts by recipient and round ({currency})" if currency else "Amounts by recipient and round"
    if rows.empty:
        return _empty(config, title=title, message="no investment event with an amount in this corpus")
    rows = rows.assign(recipient=rows["recipient"].fillna("(recipient not named)"),
                       round=rows["round"].fillna("(no round)"))
    totals = rows.groupby("recipient", sort=True)["amount"].sum().sort_values(ascending=False, kind="stable")
    shown = list(totals.index[:top])
    left = len(investments) - int(rows["recipient"].isin(shown).sum())
    title += _shown(len(shown), len(totals), "recipients")
    if left:
        title += f" — {left} event{'s' if left > 1 else ''} not drawn (no amount, other currency or beyond the top)"
    rows = rows[rows["recipient"].isin(shown)]
    order = shown[::-1]  # largest on top
    fig = go.Figure()
    for i, (round_, group) in enumerate(rows.groupby("round", sort=True)):
        group = group.sort_values(["recipient", "amount"], kind="stable")
        fig.add_trace(go.Bar(name=str(round_), orientation="h", y=list(group["recipient"]),
                             x=[_sig(v) for v in group["amount"]],
                             customdata=_investment_hover(group, config),
                             hovertemplate="%{customdata}<extra></extra>",
                             marker={"color": config.colorway[i % len(config.colorway)]}))
    log = _wide_span(totals.iloc[:top].tolist(), config)
    fig.update_layout(barmode="stack", legend={**_LEGEND_ON_TOP, "title": {"text": "round"}})
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    fig.update_xaxes(title_text=html.escape(currency), type="log" if log else "linear")
    return _style(fig, config, title=title, height=160 + 26 * len(shown))


def investments_over_time(investments: pd.DataFrame, *, config: ChartConfig = _DEFAULT) -> go.Figure:
    """Investment events with an amount against their date, one colour per kind of event.

    Events without a date (neither stated nor the document's) or amount, and amounts in
    other currencies than the corpus's main one, are left out and counted in the title.

    Args:
        investments: the investments table (``investments_table()``).
        config: chart look.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"doc_id": ["a"], "amount": [1e9], "currency": ["CNY"], "amount_text": ["10亿元"],
    ...     "event": ["financing"], "round": ["D"], "recipient": ["节卡机器人"], "investors": [[]],
    ...     "date": ["2022-01"], "sentence": ["节卡机器人完成10亿元D轮融资。"]})
    >>> investments_over_time(events).data[0].x
    ('2022-01-01',)
    """
    import plotly.graph_objects as go

    _require(investments, _INVESTMENT_COLUMNS, "investments", "investments_table()")
    rows, currency = _main_currency(investments)
    title = f"Investment events over time ({currency})" if currency else "Investment events over time"
    rows = rows.assign(_when=[_parse_date(v) for v in rows["date"]])
    rows = rows[rows["_when"].notna()].sort_values(["_when", "doc_id"], kind="stable")
    left = len(investments) - len(rows)
    if left:
        title += f" — {left} event{'s' if left > 1 else ''} not drawn (no date, no amount or other currency)"
    if rows.empty:
        return _empty(config, title=title, message="no dated investment event with an amount")
    fig = go.Figure()
    for i, (event, group) in enumerate(rows.groupby("event", sort=True)):
        fig.add_trace(go.Scatter(
            name=str(event), mode="markers", x=[w.strftime("%Y-%m-%d") for w in group["_when"]],
            y=[_sig(v) for v in group["amount"]], customdata=_investment_hover(group, config),
            hovertemplate="%{customdata}<extra></extra>",
            marker={"size": 11, "opacity": 0.8, "color": config.colorway[i % len(config.colorway)]}))
    log = _wide_span(rows["amount"].tolist(), config)
    fig.update_layout(legend={**_LEGEND_ON_TOP, "title": {"text": "event"}})
    fig.update_yaxes(title_text=html.escape(currency), type="log" if log else "linear")
    fig.update_xaxes(type="date")
    return _style(fig, config, title=title, height=420)
