"""Investment events: financing rounds, investments, funds, grants, subsidies and awards.

One record per money figure that is a financing round, an investment, a fund, a
subsidy or an award, and per such event told without an amount (数亿元, 交易金额尚未
披露, 完成A轮融资): who gets the money (``recipient``), from whom (``investors``, lead
investors first), the round as written (天使, Pre-A, B+, D1, 新一轮, 战略, IPO), the
amount, its currency and qualifier (from :mod:`corpus_tools.figures`), the date of the
event when its sentence states one (else the document's) and the sentence.

Built on the figures of the text (the amounts, their ``subject`` and the dates) and on
the patterns of the genre: ``「X」完成/获 N 轮融资，由 A 领投，B、C 跟投``, ``投资方包括
A、B 等``, ``X 获得 A 1亿美元战略投资``, ``收购 X 100%股份``, ``对 X 给予 N 万元奖励``.
Patterns run on the simplified view of the text, so traditional-script news is read
alike; names are returned as written. Organisation names found by
:func:`corpus_tools.entities.extract_entities` refine the recipient when the genre
patterns find none.

Two layers: :func:`extract_investments` over one string, :func:`investments_table`
over a documents table (columns in ``schema.INVESTMENTS``). A headline that repeats
an event of the body is not counted again.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, fields
from typing import Literal

import pandas as pd

from . import resources, schema
from .errors import InputError

__all__ = ["EVENTS", "Event", "Investment", "extract_investments", "investments_table"]

Event = Literal["financing", "investment", "fund", "subsidy", "award", "other"]
EVENTS: tuple[Event, ...] = ("financing", "investment", "fund", "subsidy", "award", "other")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.&'-·+ ")
_CLAUSE_PUNCT = "，。；：！？,;:!?\n"
_NAME_STOP = set("，。；：！？,;:!?、（）()《》“”\"「」『』【】[]\n|｜·") - {"·"}
_LEADING_FUNCTION_CHARS = "在从由对向与和及的是为被将把年月日号继该这其"
_PRONOUNS = frozenset(("公司", "该公司", "其", "他们", "企业", "该企业", "集团", "这家公司"))
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n")


@dataclass(frozen=True)
class Investment:
    """One investment event (the fields of ``schema.INVESTMENTS``)."""

    doc_id: str | None
    start: int
    end: int
    amount: float | None
    currency: str | None
    qualifier: str | None
    amount_text: str | None
    event: Event
    round: str | None
    recipient: str | None
    investors: tuple[str, ...]
    lead: tuple[str, ...]
    date: str | None
    sentence: str


@dataclass
class _Row:
    """An event under construction."""

    start: int
    end: int
    event: str
    sentence: tuple[int, int]
    amount: float | None = None
    currency: str | None = None
    qualifier: str | None = None
    amount_text: str | None = None
    round: str | None = None
    recipient: str | None = None
    investors: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    date: str | None = None
    region: tuple[int, int] = (0, 0)  # the stretch of text whose investor phrases are this event's


# ---------------------------------------------------------------- public API

def extract_investments(text: str, *, doc_date: str | None = None, doc_id: str | None = None,
                        currency: str | None = None) -> list[Investment]:
    """Return the investment events of one text, in text order.

    Args:
        text: the clean text; ``start``/``end`` index into it (the amount's span, or the
            round's or the event word's when no amount is stated).
        doc_date: the document's own date (ISO), for relative dates and as the date of
            events whose sentence states none.
        doc_id: copied into every record.
        currency: the currency of a bare 元 (see :func:`corpus_tools.figures.extract_figures`).

    >>> text = ("跨境贸易服务商「珊瑚跨境」近日完成超亿元A轮融资。本轮融资由明裕创投领投，老股东华瓯创投继续跟投。"
    ...         "对新认定的专精特新企业，给予一次性奖励50万元。")
    >>> [(e.recipient, e.round, e.amount, e.qualifier, e.event, e.investors, e.lead)
    ...  for e in extract_investments(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('珊瑚跨境', 'A', 100000000.0, 'over', 'financing', ('明裕创投', '华瓯创投'), ('明裕创投',)),
     ('新认定的专精特新企业', None, 500000.0, 'exact', 'award', (), ())]
    """
    if not isinstance(text, str):
        raise InputError(f"extract_investments: text must be a str (got {type(text).__name__})")
    return _extract(text, doc_date=doc_date, doc_id=doc_id, currency=currency)


def investments_table(documents: pd.DataFrame, *, text_column: str = "text", date_column: str = "date",
                      currency_column: str = "currency") -> pd.DataFrame:
    """Return the investments table (``schema.INVESTMENTS``) of a documents table, one row per event.

    Rows are ordered by ``doc_id`` then ``start``. A bare 元 takes the document's
    ``currency_column`` when it has one, else its region's currency, as in
    :func:`corpus_tools.figures.figures_table`; an undated document's events are dated
    only when their sentence states a date.

    >>> docs = pd.DataFrame({"doc_id": ["a.txt"], "date": ["2022-02-18"],
    ...                      "text": ["新加坡植物肉公司 Next Gen Foods 获得1亿美元 A 轮融资。本轮融资由 GGV纪源资本 领投。"]})
    >>> investments_table(docs)[["recipient", "round", "amount", "currency", "investors", "date"]].values.tolist()
    [['Next Gen Foods', 'A', 100000000.0, 'USD', ['GGV纪源资本'], '2022-02-18']]
    """
    from .figures import document_inputs

    names = [f.name for f in fields(Investment)]
    rows = []
    for doc in document_inputs(documents, text_column=text_column, date_column=date_column,
                               currency_column=currency_column, what="investments_table"):
        for event in _extract(doc.text, doc_date=doc.date, doc_id=doc.doc_id, currency=doc.currency,
                              script=doc.script, publisher=doc.publisher):
            record = {name: getattr(event, name) for name in names}
            record["investors"], record["lead"] = list(event.investors), list(event.lead)
            rows.append(record)
    if not rows:
        return schema.empty_frame(schema.INVESTMENTS)
    frame = pd.DataFrame(rows, columns=names)
    frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    return schema.conform(frame, schema.INVESTMENTS)


# ---------------------------------------------------------------- extraction

def _extract(text: str, *, doc_date: str | None, doc_id: str | None, currency: str | None = None,
             script: str | None = None, publisher: str | None = None) -> list[Investment]:
    from . import figures as _figures
    from .tokens import simplified_view

    if not text:
        return []
    figs = _figures._extract(text, doc_date=doc_date, doc_id=doc_id,
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


class _Context:
    """A document's text, simplified view, figures and sentences."""

    def __init__(self, text: str, view: str, figs: list, doc_date: str | None, currency: str | None) -> None:
        self.text, self.view, self.doc_date = text, view, doc_date
        self.money = [f for f in figs if f.kind == "money" and f.bound != "high"]
        self.dates = [f for f in figs if f.kind == "date"]
        self.currency = currency
        self.sentence_starts: list[int] = []
        self._entities: list | None = None

    def organisations(self) -> list:
        """ORG mentions of :func:`corpus_tools.entities.extract_entities` (found when first needed)."""
        if self._entities is None:
            from .entities import extract_entities

            self._entities = [e for e in extract_entities(self.text) if e.label == "ORG"]
        return self._entities


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > pos:
            spans.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


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


def _simplified(word: str) -> str:
    from .script import to_simplified

    return to_simplified(word)


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


def _actor(ctx: _Context, end: int, s: int) -> list[str]:
    """Who acts (收购, 对…投资): the name before the verb, or the subject of 宣布/表示 when that is 公司."""
    name = _name_before(ctx, end, s)
    if name is None or name in _PRONOUNS:
        said = None
        for m in re.finditer(r"宣布|表示|称", ctx.view[s:end]):
            said = s + m.start()
        name = _name_before(ctx, said, s) if said is not None else None
    return [_investor_name(name) or name] if name is not None and name not in _PRONOUNS else []


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


# ---- who gets the money

def _recipient(ctx: _Context, row: _Row, lo: int, hi: int, s: int) -> str | None:
    view = ctx.view
    if row.event in ("subsidy", "award", "fund"):
        found = None
        for m in resources.INVESTMENT_POLICY_RECIPIENT.finditer(view, s, row.start):
            found = ctx.text[m.start("r"):m.end("r")].strip()
        if found is None:  # 工研院获得经济部补助3亿元
            for m in re.finditer(r"获得?", view[s:row.start]):
                found = _name_before(ctx, s + m.start(), s)
        return found
    quoted = None
    base = max(s, lo, row.start - 40)
    for quoted in re.finditer(r"「(?P<n>[^「」]{1,30})」", view[base:row.start]):
        pass
    if quoted:
        row.region = (max(row.region[0], base + quoted.start()), row.region[1])
        return ctx.text[base + quoted.start("n"):base + quoted.end("n")]
    bought = resources.INVESTMENT_BOUGHT_FOR.match(view, row.end)
    if row.event == "other" and bought is not None:
        row.investors = row.investors or _actor(ctx, row.start - 1 if view[row.start - 1] == "以" else row.start, s)
        return _name_before(ctx, _trim_parentheses(view, bought.start("target"), bought.end("target")),
                            bought.start("target"))
    if row.event == "investment":
        into = _invested_into(ctx, row, s)
        if into is not None:
            return into
    acquire = None
    for m in re.finditer(r"收购", view[s:row.start]):
        acquire = s + m.end()
    if acquire is not None and row.event == "investment":
        if not row.investors:
            row.investors = _actor(ctx, acquire - 2, s)
        return _name_before(ctx, _trim_parentheses(view, acquire, row.start), acquire)
    if resources.INVESTMENT_BACK_REFERENCE.match(view, s) or re.match(r"[^，。；]{0,12}(?:本轮|此次|本次|该轮)", view[s:]):
        return None  # 本轮融资由…领投，融资金额约10亿元: the round told just before (see _attach_to_previous)
    stop = row.start if (row.amount is not None or row.amount_text) else row.end
    anchors = [m for m in resources.INVESTMENT_ANCHORS.finditer(view, s, stop)]
    by = [m for m in re.finditer(r"(?:在[^，。；]{0,12}?)?由", view[s:stop])]
    ends = [m.start() for m in anchors] + [s + m.start() for m in by]
    for end in sorted(ends, reverse=True):
        name = _name_before(ctx, end, s)
        if name is not None and (resources.INVESTMENT_ROUND.fullmatch(_simplified(name)) or "通过" in name):
            continue
        if name is not None and name not in _PRONOUNS:
            at = ctx.text.rfind(name, s, end)
            if at >= 0:
                row.region = (max(row.region[0], at), row.region[1])
            return name
        if name in _PRONOUNS:  # 该公司: the company quoted just before in the paragraph (「势成一健康」)
            paragraph = view.rfind("\n", 0, s) + 1
            quoted = None
            for quoted in re.finditer(r"「(?P<n>[^「」]{1,30})」", view[max(paragraph, s - 300):s]):
                pass
            if quoted is not None:
                base = max(paragraph, s - 300)
                return ctx.text[base + quoted.start("n"):base + quoted.end("n")]
            said = None
            for m in re.finditer(r"宣布|表示|称", view[s:end]):
                said = s + m.start()
            if said is not None:
                name = _name_before(ctx, said, s)
                if name is not None and name not in _PRONOUNS:
                    return name
    if (row.amount is not None or row.amount_text) and row.event == "financing":
        if resources.INVESTMENT_BACK_REFERENCE.search(view, s, row.start):
            return None  # 本轮融资…融资金额约10亿元: the round told just before (see _attach_to_previous)
        for org in reversed(ctx.organisations()):
            if s <= org.start and org.end <= row.start:
                return org.text
    return None


def _invested_into(ctx: _Context, row: _Row, s: int) -> str | None:
    """X以6500万美元投资Y, X投资6500万美元于Y: Y gets the money, X invests it."""
    view = ctx.view
    before = view[max(s, row.start - 4):row.start]
    m = None
    if re.search(r"(?:以|出资|斥资)\s*\Z", before):
        m = resources.INVESTMENT_INTO_AFTER.match(view, row.end)
        actor_end = row.start - len(before) + max(before.rfind("以"), before.rfind("出资"), before.rfind("斥资"))
    elif re.search(r"(?:投资|入股|注资)了?\s*\Z", before):
        m = resources.INVESTMENT_INTO_AT.match(view, row.end)
        actor_end = row.start - len(before) + max(before.rfind("投资"), before.rfind("入股"), before.rfind("注资"))
    if m is None:
        return None
    name = _name_after(ctx, m.end())
    if name is not None and not row.investors:
        row.investors = _actor(ctx, actor_end, s)
    return name


def _name_after(ctx: _Context, pos: int) -> str | None:
    """The name that starts at ``pos``, up to 旗下/的/并/及 or the end of the clause (特步环球旗下… -> 特步环球)."""
    view = ctx.view
    end = pos
    while end < len(view) and end - pos < 24 and view[end] not in _CLAUSE_PUNCT and view[end] not in "“”「」（）()":
        end += 1
    stop = re.search(r"旗下|的|并|及|以及|和|与|用于|进行|，", view[pos:end])
    if stop is not None:
        end = pos + stop.start()
    name = ctx.text[pos:end].strip()
    return name if 2 <= len(name) <= 24 and _plausible_organisation(_simplified(name)) else None


def _trim_parentheses(view: str, lo: int, hi: int) -> int:
    """The end of a stretch without trailing brackets and spaces (NEC Energy Solutions（NEC ES） -> ...)."""
    while True:
        while hi > lo and view[hi - 1] in " \t的":
            hi -= 1
        if hi > lo and view[hi - 1] in "）)":
            opening = max(view.rfind("（", lo, hi), view.rfind("(", lo, hi))
            if opening > lo:
                hi = opening
                continue
        return hi


def _name_before(ctx: _Context, end: int, lo: int) -> str | None:
    """The name of an organisation that ends at ``end`` (time words and adverbs before it skipped), as written."""
    view = ctx.view
    lo = max(lo, end - 80)
    tail = resources.INVESTMENT_ADVERBIAL_TAIL.search(view, lo, end)
    if tail is not None and tail.start() > lo:
        end = tail.start()
    while end > lo and view[end - 1] in " \t":
        end -= 1
    if end <= lo:
        return None
    start = end
    while start > lo and end - start < 40:
        ch = view[start - 1]
        if ch in "）)" and start < end:
            opening = max(view.rfind("（", max(lo, start - 12), start), view.rfind("(", max(lo, start - 12), start))
            if opening > lo and _HAN.match(view[opening - 1]) and _HAN.match(view[start]):
                start = opening
                continue
        if ch in _NAME_STOP:
            break
        start -= 1
    return _clean_name(ctx.text[start:end], view[start:end])


def _clean_name(written: str, simplified: str) -> str | None:
    """A name from the stretch of text before a verb: the part after its description (跨境贸易服务商
    CoralGlobal 珊瑚跨境 -> CoralGlobal 珊瑚跨境, 高值耗材研发生产企业乐奥医疗 -> 乐奥医疗)."""
    lex = resources.investment_lexicon()
    cut = 0
    # a Latin name after Han words is the name (印度软件公司 Lummo); a Latin word before a Han name stays
    latin = re.search(r"[A-Za-z][A-Za-z0-9.&'+\- ]*(?:[ ]+[\u4e00-\u9fff]{1,6})?\s*\Z", simplified)
    if latin is not None and latin.start() > 0:
        cut = latin.start()
    else:
        for word in ("轮融资", "融资", "领投", "跟投"):
            i = simplified.rfind(word)
            if i >= 0 and len(simplified) - i - len(word) >= 2:
                cut = max(cut, i + len(word))
        for word in lex["descriptors"]:
            i = simplified.rfind(word, 0, len(simplified))
            while i >= 0:
                j = i + len(word)
                if j < len(simplified) and len(simplified) - j >= 2 and (len(word) > 1 or i >= 2):
                    cut = max(cut, j)
                    break
                i = simplified.rfind(word, 0, i)
    name, view = written[cut:], simplified[cut:]
    # a time word or a preposition before the name (在奥马哈企业集团, 12月启明创投)
    while view and view[0] in _LEADING_FUNCTION_CHARS + "0123456789 ":
        name, view = name[1:], view[1:]
    for word in ("这是继", "去年", "今年", "前年", "此前", "近日", "日前", "其中", "以及", "老股东", "原股东"):
        if view.startswith(word):
            name, view = name[len(word):], view[len(word):]
    while view and view[0] in _LEADING_FUNCTION_CHARS + "0123456789 ":
        name, view = name[1:], view[1:]
    name = name.strip(" \t“”\"'")
    if len(name) < 2 or not re.search(r"[A-Za-z\u4e00-\u9fff]", name) or len(name) > 30:
        return None
    return name if _plausible_organisation(_simplified(name)) else None


_LISTING = re.compile(r"首发|首次公开发行|挂牌上市|登陆[^，。；]{0,8}上市")
_NOT_ORG_FIRST = "个项家所座批类于可为将并而但"
_NOT_ORG_NAMES = frozenset(("首发", "首次", "本次", "此次", "本轮", "该轮", "项目"))
_NOT_ORG_ENDINGS = ("后", "先后", "最终", "拟", "超过", "总计", "共计", "累计", "行业", "领域", "阶段", "项目", "计划",
                    "建设", "可", "等", "方面", "总额", "金额", "资金", "费用", "股票", "发行", "市场", "政策")
_ORG_ENDINGS = ("投资", "资本", "基金", "集团", "公司", "银行", "创投", "控股", "证券", "基金二期")


def _plausible_organisation(name: str) -> bool:
    """A name, not a clause left over (个省重点项目, 扣除发行费用后, 追加投资总计超过)."""
    if name in _NOT_ORG_NAMES or name[:1] in _NOT_ORG_FIRST or (
            name.endswith(_NOT_ORG_ENDINGS) and not re.search(r"[A-Za-z]", name)):
        return False
    if re.search(r"投资|融资|发行|扣除|费用|计划", name) and not name.endswith(_ORG_ENDINGS):
        return False
    return not re.search(r"[0-9０-９]{3,}", name)


# ---- investors

def _add_investors(ctx: _Context, row: _Row, lo: int, hi: int) -> None:
    view = ctx.view
    lead, others = [], []
    for m in resources.INVESTMENT_LEAD.finditer(view, lo, hi):
        lead += _names(ctx, m.start("list"), m.end("list"))
    for m in resources.INVESTMENT_BARE_LEAD.finditer(view, lo, hi):
        if "由" in view[max(lo, m.start() - 40):m.start("list") + 1] or _inside(m, resources.INVESTMENT_LEAD, view, lo, hi):
            continue
        name = _name_before(ctx, m.end("list"), m.start("list"))
        if name is not None:
            lead.append(_investor_name(name))
    for m in resources.INVESTMENT_BY_FOLLOW.finditer(view, lo, hi):
        if "领投" not in m.group("list"):
            others += _names(ctx, m.start("list"), m.end("list"))
    for pattern in (resources.INVESTMENT_FOLLOW, resources.INVESTMENT_BY, resources.INVESTMENT_PARTIES,
                    resources.INVESTMENT_HOLDERS, resources.INVESTMENT_BROUGHT_IN):
        for m in pattern.finditer(view, lo, hi):
            if pattern is resources.INVESTMENT_BY and ("领投" in m.group() or re.match(
                    r"[^，。；,;]*?(?:跟投|领投)", view[m.end():hi])):
                continue  # 由上海坚木投资和上海创瑞投资跟投: 投资 ends a name here
            others += _names(ctx, m.start("list"), m.end("list"))
    if row.amount is not None or row.amount_text:
        got = re.compile(r"获得?(?P<list>[^，。；,;0-9０-９]{2,30}?)\Z")
        m = got.search(view, max(lo, row.start - 32), row.start)
        if m is not None and not re.search(r"超|近|约|逾|了|数", m.group("list")[-1:]):
            others += _names(ctx, m.start("list"), m.end("list"))
    lead = [n for n in lead if n]
    others = [n for n in others if n]
    for name in lead:
        if name not in row.lead:
            row.lead.append(name)
    keep = [n for n in row.investors if n != "\0previous"]
    marker = ["\0previous"] if "\0previous" in row.investors else []
    for name in lead + others:
        if not _listed(name, keep) and name != row.recipient:
            keep.append(name)
    ordered = [n for n in row.lead if n in keep] + [n for n in keep if n not in row.lead]
    row.investors = marker + ordered


def _listed(name: str, names: list[str]) -> bool:
    key = "".join(name.split()).lower()
    return any("".join(n.split()).lower() == key for n in names)


def _inside(m: re.Match, pattern: re.Pattern, view: str, lo: int, hi: int) -> bool:
    return any(x.start() <= m.start("list") < x.end() for x in pattern.finditer(view, lo, hi))


def _names(ctx: _Context, lo: int, hi: int) -> list[str]:
    """The investors of a list (A、B 和 C 等), unnamed ones (老股东, 其他现有投资者) left out."""
    view, out = ctx.view, []
    pos = lo
    pieces = []
    for m in resources.INVESTMENT_LIST_SPLIT.finditer(view, lo, hi):
        if m.start() == lo and m.group() in ("和", "与", "及"):
            continue  # 和盟创投: a name that starts with the word
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, hi))
    for a, b in pieces:
        written, simplified = ctx.text[a:b], view[a:b]
        name = _investor_name(written, simplified)
        if name:
            out.append(name)
    return out


def _investor_name(written: str, simplified: str | None = None) -> str | None:
    lex = resources.investment_lexicon()
    simplified = simplified if simplified is not None else written
    # brackets give another name of the same investor (淡明（Truelight Capital）)
    cut = re.sub(r"[（(][^（）()]*[）)]", lambda m: "\0" * len(m.group()), simplified)
    keep = [i for i, ch in enumerate(cut) if ch != "\0"]
    written = "".join(written[i] for i in keep)
    simplified = "".join(simplified[i] for i in keep)
    for word in lex["investor_titles"]:
        i = simplified.rfind(word)
        if i >= 0 and len(simplified) - i - len(word) >= 2:
            written, simplified = written[i + len(word):], simplified[i + len(word):]
    latin = re.search(r"[A-Za-z][A-Za-z0-9.&'+\- ]*\Z", simplified.strip())
    stripped = simplified.strip()
    if latin is not None and latin.start() > 0 and stripped[:latin.start()].endswith(
            ("基金", "公司", "机构", "集团", "平台", "资本")):
        offset = written.strip()
        written, simplified = offset[latin.start():], stripped[latin.start():]
    for word in ("老股东", "原有股东", "原股东", "现有股东", "股东", "以及", "包括了", "包括", "由"):
        if simplified.strip().startswith(word):
            k = simplified.index(word) + len(word)
            written, simplified = written[k:], simplified[k:]
    for word in ("等等", "等", "的", "投资", "领投", "参投", "跟投", "继续", "持续", "也", "共同", "联合", "独家",
                 "补助", "补贴", "资助", "奖励", "拨款"):
        if simplified.rstrip().endswith(word) and len(simplified.rstrip()) - len(word) >= 2:
            k = simplified.rstrip().rfind(word)
            if word == "投资" and not re.search(r"(?:共同|联合|独家|战略|股权)投资\Z", simplified.rstrip()):
                continue  # 上海坚木投资 is a name; 共同投资 is what they did
            written, simplified = written[:k], simplified[:k]
    name, check = written.strip(" \t“”\"'：:"), simplified.strip(" \t“”\"'：:")
    if len(check) < 2 or len(check) > 30 or check in lex["generic_investors"]:
        return None
    if re.search(r"其他|现有|上下游|投资者$|股东$|机构$|企业$|资本$", check) and not re.search(r"[A-Za-z]", check) \
            and (check.endswith(("投资者", "股东", "机构", "企业")) or check.startswith(("其他", "现有"))):
        return None
    if check.endswith("资本") and len(check) <= 4 and check[:2] in ("国有", "社会", "民间", "战略"):
        return None
    return name if _plausible_organisation(_simplified(check)) else None


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
