"""The events of a text, sentence by sentence: money figures and events told without an amount,
their round and date, rounds told again later (本轮融资由…领投), and repeated events dropped.
"""
from __future__ import annotations

import itertools
import re

from .. import resources
from .names import (
    _LISTING,
    _actor,
    _add_investors,
    _name_before,
    _recipient,
    _trim_parentheses,
)
from .records import (
    _CLAUSE_PUNCT,
    Investment,
    _Context,
    _Row,
    _sentences,
    _simplified,
)

# ---------------------------------------------------------------- extraction

def _extract(text: str, *, doc_date: str | None, doc_id: str | None, currency: str | None = None,
             script: str | None = None, publisher: str | None = None) -> list[Investment]:
    from .. import figures as _figures
    from ..tokens import simplified_view

    if not text:
        return []
    figs = _figures.extract_figures(text, doc_date=doc_date, doc_id=doc_id,
                                    config=_figures.FigureConfig(kinds=("money", "date")),
                                    currency=currency, script=script, publisher=publisher)
    view = simplified_view(text)
    if len(view) != len(text):  # pragma: no cover - the view keeps every offset
        view = text
    doc_currency = currency or next((f.unit for f in figs if f.kind == "money"), None)
    ctx = _Context(text, view, figs, doc_date, doc_currency)
    rows: list[_Row] = []
    for s, e in _sentences(view):
        found = _sentence_events(ctx, s, e)
        if found:
            _attach_to_previous(rows, found, ctx)
            rows += [row for row in found if row.recipient is not None or row.event in ("subsidy", "award", "fund")]
        elif rows and s - rows[-1].sentence[1] <= _BACK_REFERENCE_REACH \
                and resources.INVESTMENT_BACK_REFERENCE.search(view, s, e):
            _add_investors(ctx, rows[-1], s, e)
    if not rows:
        return []
    rows = _deduplicated(rows)
    return [_record(ctx, row, doc_id) for row in rows]


#: How far after an event's sentence one that refers back to it (本轮融资由…领投) may start, in characters.
_BACK_REFERENCE_REACH = 400


# ---- the events of one sentence

def _sentence_events(ctx: _Context, s: int, e: int) -> list[_Row]:
    view = ctx.view
    rows: list[_Row] = []
    for fig in ctx.money:
        if s <= fig.start < e:
            if resources.INVESTMENT_CONVERSION.search(view, max(s, fig.start - 6), fig.start) and any(
                    r.end >= fig.start - 8 for r in rows):
                continue  # the same amount in another currency
            event = _money_event(ctx, fig, s)
            if event is not None:
                rows.append(_Row(fig.start, fig.end, event, (s, e), amount=fig.value, currency=fig.unit,
                                 qualifier=fig.qualifier, amount_text=fig.text))
    for m in resources.INVESTMENT_VAGUE_AMOUNT.finditer(view, s, e):
        if any(r.start < m.end() and m.start() < r.end for r in rows):
            continue
        event = _clause_event(ctx, m.start(), m.end(), s, subject=None)
        if event in ("financing", "investment"):
            rows.append(_Row(m.start(), m.end(), event, (s, e), currency=_vague_currency(ctx, m.group()),
                             amount_text=ctx.text[m.start():m.end()]))
    rows.sort(key=lambda r: r.start)
    rows += _amountless_events(ctx, s, e, rows)
    rows.sort(key=lambda r: r.start)
    if not rows:
        return rows
    _set_regions(ctx, rows, s, e)
    for row in rows:
        _fill(ctx, row, s, e)
    return rows


def _money_event(ctx: _Context, fig, s: int) -> str | None:
    """The event of a money figure, None when it is revenue, profit, a budget, a price ... (its subject)."""
    subject = fig.subject
    if subject is not None and resources.investment_lexicon()["not_events"] & {subject, _simplified(subject)}:
        return None
    return _clause_event(ctx, fig.start, fig.end, s, subject=subject)


def _clause_event(ctx: _Context, start: int, end: int, s: int, *, subject: str | None) -> str | None:
    """The event of an amount: by the verb and words of its clause, then by its subject."""
    view = ctx.view
    lex = resources.investment_lexicon()
    lo = start
    while lo > s and view[lo - 1] not in _CLAUSE_PUNCT and start - lo < 40:
        lo -= 1
    hi = end
    while hi < len(view) and view[hi] not in _CLAUSE_PUNCT and hi - end < 12:
        hi += 1
    before, after = view[lo:start], view[end:hi]
    if resources.INVESTMENT_ROUND.search(view, lo, hi) and ("融资" in before + after or "投资" in before + after):
        return "financing"
    if re.search(r"筹集|募集|募资|融资|筹资", before[-12:]) or after.startswith(("融资", "的融资", "股权融资")):
        return "financing"
    if re.match(r"\s*(?:的)?(?:股份|股权)", after) and "收购" in before:
        return "investment"
    if before.endswith(("以", "斥资", "作价")) and resources.INVESTMENT_BOUGHT_FOR.match(view, end):
        return "other"  # 以40亿美元收购沐瞳科技: an acquisition and its price
    subject_event = _event_of_word(_simplified(subject), lex) if subject else None
    if subject_event in ("fund", "award", "subsidy"):
        return subject_event
    for event in ("fund", "award", "subsidy"):
        if any(w in before[-10:] or w in after for w in lex["events"][event]):
            return event
    if subject_event == "financing" or any(w in before + after for w in lex["events"]["financing"]):
        return "financing"
    if lo > s and len(before.strip()) <= 8 and not resources.figure_money_subjects().search(before):
        previous = view[max(s, lo - 16):lo]  # 按销售价格的20%给予补贴，最高不超过500万元
        for event in ("award", "subsidy"):
            if any(w in previous for w in lex["events"][event]):
                return event
    if subject_event == "investment" or re.search(r"投资|入股|注资|认购", after[:6]):
        if re.search(r"获得|获|领投|跟投", before):
            return "financing"
        return "investment"
    return None


def _event_of_word(word: str, lex: dict) -> str | None:
    for event in ("fund", "award", "subsidy", "financing", "investment"):
        if any(word == w or word.endswith(w) for w in lex["events"][event]):
            return event
    if word.endswith("基金"):
        return "fund"
    return None


def _vague_currency(ctx: _Context, written: str) -> str | None:
    """The currency of a vague amount (数千万美金: USD; 数亿元: the region's)."""
    units = resources.figure_lexicon().units
    for length in range(min(5, len(written)), 0, -1):
        word = written[-length:]
        if units.get(word, ("",))[0] == "money":
            iso = units[word][1]
            return ctx.currency or iso if word in ("元", "圆") else iso
    for word in ("美元", "美金", "港元", "港币", "欧元", "英镑", "日元", "人民币"):
        if word in written:
            return units[word][1]
    return ctx.currency


def _amountless_events(ctx: _Context, s: int, e: int, rows: list[_Row]) -> list[_Row]:
    """Events told without an amount: 完成A轮融资, 完成2轮融资, 对X进行股权投资, 收购X股权, 用于投资X."""
    view, out = ctx.view, []
    taken = [(r.start, r.end) for r in rows]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for m in resources.INVESTMENT_ROUND.finditer(view, s, e):
        tail = view[m.end():m.end() + 6]
        if m.group("i") or not re.match(r"\s*(?:股权)?(?:融资|投资|交割)", tail):
            continue
        if any(abs(r.start - m.start()) < 30 and r.round is None and r.event == "financing" for r in rows) \
                or not free(m.start(), m.end()):
            continue
        if not resources.INVESTMENT_ANCHORS.search(view, max(s, m.start() - 40), m.start()):
            continue
        row = _Row(m.start(), m.end(), "financing", (s, e))
        row.round = _round_text(m)
        out.append(row)
        taken.append((m.start(), m.end()))
    for m in resources.INVESTMENT_ROUNDS_TOLD.finditer(view, s, e):
        if free(m.start(), m.end()):
            row = _Row(m.start(), m.end(), "financing", (s, e))
            row.round = ""  # no round named
            out.append(row)
    for m in resources.INVESTMENT_INTO.finditer(view, s, e):
        if free(m.start(), m.end()):
            row = _Row(m.start(), m.end(), "investment", (s, e))
            row.recipient = _name_before(ctx, m.end("target"), m.start("target"))
            row.round = ""
            if row.recipient is not None:
                row.investors = _actor(ctx, m.start(), s)
                out.append(row)
    for m in resources.INVESTMENT_ACQUIRE.finditer(view, s, e):
        if free(m.start(), m.end()):
            row = _Row(m.start(), m.end(), "other", (s, e))
            row.recipient = _name_before(ctx, _trim_parentheses(view, m.start("target"), m.end("target")),
                                         m.start("target"))
            row.round = ""
            if row.recipient is not None:
                row.investors = _actor(ctx, m.start(), s)
                out.append(row)
    for m in resources.INVESTMENT_USE.finditer(view, s, e):
        target = view[m.start("target"):m.end("target")]
        if target.startswith(("一家", "一个", "该", "这")) or not free(m.start(), m.end()):
            continue
        row = _Row(m.start(), m.end(), "investment", (s, e))
        row.recipient = _name_before(ctx, m.end("target"), m.start("target"))
        row.round = ""
        if row.recipient is not None:
            row.investors = ["\0previous"]  # filled with the raiser of the money (see _attach_to_previous)
            out.append(row)
    return out


def _set_regions(ctx: _Context, rows: list[_Row], s: int, e: int) -> None:
    """Split the sentence between its events at the clause break before each later one."""
    view = ctx.view
    bounds = [s]
    for previous, row in itertools.pairwise(rows):
        floor = max(bounds[-1], previous.end)
        cut = row.start
        while cut > floor and view[cut - 1] not in "，,；;":
            cut -= 1
        bounds.append(max(cut, floor))
    bounds.append(e)
    for i, row in enumerate(rows):
        row.region = (bounds[i], bounds[i + 1])


def _fill(ctx: _Context, row: _Row, s: int, e: int) -> None:
    view = ctx.view
    lo, hi = row.region
    if row.round is None:
        row.round = _round_near(view, row, lo, hi)
    if row.round is None and row.event == "financing" and _LISTING.search(view, max(lo, row.start - 30), row.start):
        row.round = "IPO"  # 挂牌上市，首发募集资金约5.08亿元
    if row.round == "":
        row.round = None
    if row.recipient is None:
        row.recipient = _recipient(ctx, row, lo, hi, s)
    _add_investors(ctx, row, *row.region)
    row.date = _event_date(ctx, row, s, e)


def _round_near(view: str, row: _Row, lo: int, hi: int) -> str | None:
    best, best_distance = None, None
    for m in resources.INVESTMENT_ROUND.finditer(view, lo, max(hi, min(len(view), row.end + 8))):
        if m.end() <= row.start:
            distance = row.start - m.end()
            if distance > 30 or any(f.start < row.start and f.end > m.end() for f in ()):
                continue
        else:
            gap = view[row.end:m.start()]
            distance = len(gap)
            if m.start() < row.end or len(gap.replace(" ", "").replace("的", "")) > 1:
                continue
        if best_distance is None or abs(distance) < best_distance:
            best, best_distance = _round_text(m), abs(distance)
    return best


def _round_text(m: re.Match) -> str:
    if m.group("r") is not None:
        r = m.group("r")
        if r in ("新一", "首"):
            return r + "轮"
        if r[:3].lower() == "pre":
            return "Pre-" + r[3:].lstrip("-")
        return r
    return m.group("s") or m.group("i")


# ---- dates, back references, duplicates

def _event_date(ctx: _Context, row: _Row, s: int, e: int) -> str | None:
    best = None
    for fig in ctx.dates:
        if s <= fig.start < e and fig.end <= max(row.start, row.end):
            best = fig.date
    if best is None:
        return ctx.doc_date
    return best


def _attach_to_previous(rows: list[_Row], found: list[_Row], ctx: _Context) -> None:
    """本轮融资由…领投，融资金额约10亿元: an event with no recipient of its own that refers back belongs
    to the event told just before; 筹集的资金将用于投资X: the raiser of the money invests it."""
    for row in list(found):
        if "\0previous" in row.investors:
            row.investors = [n for n in row.investors if n != "\0previous"]
            raiser = next((r.recipient for r in reversed(rows) if r.event == "financing" and r.recipient), None)
            if raiser is not None:
                row.investors.insert(0, raiser)
        if row.recipient is not None or not rows or row.event not in ("financing", "investment"):
            continue
        if not resources.INVESTMENT_BACK_REFERENCE.search(ctx.view, row.sentence[0], row.start + 1):
            continue
        previous = rows[-1]
        if row.sentence[0] - previous.sentence[1] > _BACK_REFERENCE_REACH:
            continue
        if previous.amount is None and not previous.amount_text:
            previous.amount, previous.currency, previous.qualifier = row.amount, row.currency, row.qualifier
            previous.amount_text, previous.start, previous.end = row.amount_text, row.start, row.end
            previous.sentence = row.sentence
        for name in row.lead:
            if name not in previous.lead:
                previous.lead.append(name)
        for name in row.investors:
            if name not in previous.investors:
                previous.investors.append(name)
        previous.investors = ([n for n in previous.lead if n in previous.investors]
                              + [n for n in previous.investors if n not in previous.lead])
        found.remove(row)


def _same_name(a: str | None, b: str | None) -> bool:
    """The same organisation: equal names, or one inside the other (赛禾医疗, 深圳市赛禾医疗技术有限公司)."""
    if a is None or b is None:
        return False
    a, b = a.replace(" ", "").lower(), b.replace(" ", "").lower()
    return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))


def _deduplicated(rows: list[_Row]) -> list[_Row]:
    """A headline that repeats an event of the body is one event: same recipient, round and amount
    (an event without amount also repeats one of the same recipient and round that has one)."""
    kept: list[_Row] = []
    for row in rows:
        twin = next((k for k in kept if _same_name(k.recipient, row.recipient) and k.round == row.round
                     and k.event in (row.event, "financing") and row.event in (k.event, "financing", "investment")
                     and (k.amount == row.amount and k.currency == row.currency
                          and (k.amount is not None or k.round is not None or k.event == row.event)
                          or row.amount is None and not row.amount_text and row.round is not None
                          or k.amount is None and not k.amount_text and k.round is not None)), None)
        if twin is None:
            kept.append(row)
            continue
        richer = row if _richness(row) > _richness(twin) else twin
        other = twin if richer is row else row
        if not richer.investors:  # a headline's investors only when the body names none
            richer.investors, richer.lead = list(other.investors), list(other.lead)
        if richer is row:
            kept[kept.index(twin)] = row
    return kept


def _richness(row: _Row) -> tuple:
    return (row.amount is not None, bool(row.amount_text), len(row.investors), len(row.recipient or ""))


def _record(ctx: _Context, row: _Row, doc_id: str | None) -> Investment:
    s, e = row.sentence
    lead = tuple(n for n in row.lead if n in row.investors) or tuple(row.lead)
    investors = tuple(dict.fromkeys([*lead, *row.investors]))
    return Investment(doc_id=doc_id, start=row.start, end=row.end, amount=row.amount,
                      currency=row.currency if (row.amount is not None or row.amount_text) else None,
                      qualifier=row.qualifier if row.amount is not None else None,
                      amount_text=row.amount_text, event=row.event, round=row.round, recipient=row.recipient,
                      investors=investors, lead=lead, date=row.date, sentence=ctx.text[s:e])
