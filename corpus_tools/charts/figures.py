"""Charts of the figures table: a timeline of dates, bars of figures by kind and unit, money by
document and over time, figures by subject, and what ``figures_table(..., dedupe=True)`` leaves out."""
from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import pandas as pd

from ..errors import ConfigError
from .documents import _label_of, document_labels
from .style import (
    _DEFAULT,
    _LEGEND_ON_TOP,
    ChartConfig,
    _empty,
    _escape,
    _number,
    _parse_date,
    _positive,
    _quote,
    _require,
    _shown,
    _style,
    _wide_span,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go


FigureKind = Literal["money", "date", "people", "count", "percent", "quantity"]

# kinds whose values are only comparable within one unit (a currency, m2 vs t)
_SPLIT_BY_UNIT = frozenset({"money", "quantity"})
_KIND_TITLES = {"money": "money", "people": "people", "count": "counts",
                "percent": "percentages", "quantity": "quantities", "date": "dates"}


def _unique_labels(groups: Sequence[str], labels: Sequence[str]) -> list[str]:
    """Labels made unique within their group (a headline repeated in the body)."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for group, label in zip(groups, labels):
        n = seen.get((group, label), 0) + 1
        seen[(group, label)] = n
        out.append(label if n == 1 else f"{label} ({n})")
    return out


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
            from ..script import to_simplified

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
    from .. import schema

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
