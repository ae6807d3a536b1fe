"""Charts of the keywords and keyness tables: top keywords per group, diverging keyness bars."""
from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import InputError
from .style import (
    _DEFAULT,
    _LEGEND_ON_TOP,
    ChartConfig,
    _empty,
    _escape,
    _positive,
    _require,
    _shown,
    _sig,
    _style,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go


def _values(series: pd.Series) -> list:
    """Plain Python values (None for missing) that plotly serialises deterministically."""
    return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in series]


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
