"""Charts of the investments table: amounts by recipient and over time."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

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
    _sig,
    _style,
    _wide_span,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go


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
