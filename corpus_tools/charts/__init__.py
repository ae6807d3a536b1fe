"""Charts over the library's tables: plotly figures and word clouds.

Every function takes one of the tables documented in :mod:`corpus_tools.schema`
(only the columns it needs are required), returns a
``plotly.graph_objects.Figure`` or, for word clouds, a ``PIL.Image.Image``, and
never calls ``.show()``: display is the notebook's business. Text is set in a
CJK-capable font family (:data:`FONT_FAMILY`), hover text on figure charts
quotes the sentence that stated the figure, and anything random takes a
``random_state``.

One module a table: ``documents``, ``figures``, ``keywords``, ``entities``,
``investments``; ``network`` (the co-occurrence network and its layout),
``wordclouds``, and ``style`` (the config, fonts and helpers they share).

>>> import pandas as pd
>>> figures = pd.DataFrame({"doc_id": ["a"], "kind": ["money"], "text": ["50亿元"],
...                         "value": [5e9], "unit": ["CNY"], "sentence": ["总投资50亿元。"]})
>>> fig = money_by_document(figures)
>>> fig.layout.font.family.startswith("Noto Sans CJK SC")
True
"""
from __future__ import annotations

# ``x as x``: public names the old module offered outside its ``__all__`` (kept as they were)
from .documents import document_labels, document_sizes
from .entities import entity_heatmap
from .figures import FigureKind as FigureKind
from .figures import (
    figure_bars,
    figures_by_subject,
    left_out,
    money_by_document,
    money_over_time,
    timeline,
)
from .investments import investments_by_recipient as investments_by_recipient
from .investments import investments_over_time as investments_over_time
from .keywords import keyness_bars, top_keywords
from .network import cooccurrence_network
from .style import FONT_FAMILY, NO_WORDS, ChartConfig
from .wordclouds import cjk_font_path, word_cloud, word_frequencies

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
