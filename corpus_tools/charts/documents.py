"""Charts of the documents table: short labels for documents (:func:`document_labels`) and their
sizes (:func:`document_sizes`)."""
from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .style import (
    _DEFAULT,
    _LEGEND_ON_TOP,
    ChartConfig,
    _empty,
    _escape,
    _number,
    _positive,
    _require,
    _style,
    _wrap,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go


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
