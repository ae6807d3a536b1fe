"""What every chart shares: :class:`ChartConfig`, the CJK font family, the layout of a titled
figure and of an empty one, and the small helpers that check columns and format numbers and hover text."""
from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import ConfigError, InputError

#: Font families for chart text, first match wins: the Noto/Source Han pair
#: (same glyphs), then the system CJK fonts of macOS and Windows.
FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# above the plot area, right-aligned, so it never hides data
_LEGEND_ON_TOP = MappingProxyType({"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"})
_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

if TYPE_CHECKING:
    import plotly.graph_objects as go


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


def _shown(n_shown: int, n_all: int, what: str) -> str:
    """`` — 30 of 131 {what} shown`` when a chart leaves some out, else ``""``."""
    return f" — {n_shown:,} of {n_all:,} {what} shown" if n_shown < n_all else ""
