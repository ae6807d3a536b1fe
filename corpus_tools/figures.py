"""Extract figures: money, dates, headcounts, counts, percentages and quantities.

Follows ``tests/data/gold/GUIDELINES.md``: every figure has a ``kind``, the text as
written (qualifier word + number + unit or measure word), a normalised ``value``
and ``unit`` (ISO 4217 for money, ``person``, the simplified measure word, ``%``,
``m2``/``t``/``kWh``...), a ``qualifier`` (exact/approx/over/under) and, for dates,
an ISO ``date`` at the precision written with an optional ``scope`` (年底 end,
年初 start). Ranges give two figures sharing the range's text.

Compiled master regexes (:func:`corpus_tools.resources.figure_patterns`) find the
candidates, one anchored on numerals and one on the few words that lead a figure
(去年, 人民币, HK$); small handlers check the context (ordinals, ranks, captions,
articles, document numbers, URLs...) and normalise. Relative dates (去年12月,
二十年前, 同年) are resolved against the document's own date. The lexicons are
data files (``corpus_tools/data/figures_*``), written in simplified script.

A bare 元 takes the currency of the document's region (:func:`region_currency`:
HKD, TWD or MOP for a traditional-script document from Hong Kong, Taiwan or Macau,
else CNY), as does an amount with 万/亿 and no currency word in a money clause
(投资三百亿, 200亿的引导基金). Money figures get a ``subject`` (融资, 补贴, 营收 ...);
the two figures of a range are marked ``bound`` low/high with a shared ``range_id``,
and repeated mentions of one fact share a ``mention_group`` (``figures_table(...,
dedupe=True)`` keeps one), so that a researcher can sum them.

Two layers: :func:`extract_figures` over one string and :func:`figures_table`
over a documents table; :func:`to_guideline_records` turns a figures table into
the guideline's JSONL fields.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import functools
import itertools
import operator
import re
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Literal

import pandas as pd

from . import numerals, resources, schema
from .errors import ConfigError, InputError

__all__ = ["KINDS", "Figure", "FigureConfig", "Kind", "Qualifier", "extract_figures", "figures_table",
           "region_currency", "to_guideline_records"]

Kind = Literal["money", "date", "people", "count", "percent", "quantity"]
Qualifier = Literal["exact", "approx", "over", "under"]
KINDS: tuple[Kind, ...] = ("money", "date", "people", "count", "percent", "quantity")

_ISO_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_MULTIPLIER_CHARS = numerals.MULTIPLIER_CHARS
_UNIT_CHARS = numerals.UNIT_CHARS
_BARE_MULTIPLIERS = _UNIT_CHARS.replace("十", "").replace("拾", "")  # 百万, 千亿 alone are no number
_INNER_APPROX = frozenset("多余餘")
_SPACES = " \t\u3000\u00a0"
_SLOGAN_END = frozenset("，。；：！？,.;:!?（）()《》“”\"'「」『』【】[]\n\r\t —-/|·…0123456789０１２３４５６７８９%％")
_OPEN_QUOTES = "“「『\"‘"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SEP_ONLY = re.compile(rf"[ \t\u3000]*{resources.FIGURE_RANGE_SEP}[ \t\u3000]*\Z")
_RANGE_SEP_CHARS = frozenset("至到—–―-－−~～〜、")
_RELATIVE_YEARS = {"去年": -1, "上年": -1, "上一年": -1, "舊年": -1, "旧年": -1, "今年": 0, "本年": 0, "明年": 1, "下一年": 1,
                   "前年": -2, "后年": 2, "後年": 2}
_ANCHOR_YEARS = {"同年": 0, "当年": 0, "當年": 0, "次年": 1, "翌年": 1}
_BARE_RELATIVE_OK = frozenset(("同年", "次年", "翌年"))
_BARE_RELATIVE_NOT_BEFORE = "龄齡级級纪紀轻輕代龄度届屆"
_BARE_RELATIVE_NOT_AFTER = "不共陪认認相如等"
_RELATIVE_MONTHS = {"上个月": -1, "上個月": -1, "上月": -1, "本月": 0, "当月": 0, "當月": 0,
                    "下个月": 1, "下個月": 1, "下月": 1}
_ANCHOR_MONTHS = {"同月": 0, "次月": 1}
_CN_MONTH_ONLY_NEXT = frozenset("，。；：！？,.;:!?、）)」』”’ \t\n份底末初中上下以起前后後间間里裏内內的至到—-~～")
_SCOPES = {"底": "end", "末": "end", "初": "start"}


@dataclass(frozen=True)
class FigureConfig:
    """Options of figure extraction (all keyword-only when constructed).

    Attributes:
        kinds: the kinds to return (default: all six of GUIDELINES.md).
        resolve_relative: resolve relative dates (去年12月, 二十年前, 两个月后, 同年)
            against the document date; when False, or when the document has no
            date, they are left out.
        event_years: treat the bare year of an event, edition or plan name
            (``2022北京·昌平生命科学国际论坛``, ``《中国制造2025》``) as a date.
        bare_days: read a day without month (``29日``) as a date in the
            document's month (skipped when the document has no month: GUIDELINES.md).
        subjects: fill ``subject`` with the noun counted or measured, found from the
            part-of-speech tags of the words right after the figure (26个重磅产业项目) or,
            for a figure that closes its clause, right before it (拥有注册商标580个).
        max_subject_chars: longest subject kept (its last characters, the head noun).

    >>> FigureConfig(kinds=("money", "date")).kinds
    ('money', 'date')
    """

    kinds: tuple[Kind, ...] = KINDS
    resolve_relative: bool = True
    event_years: bool = True
    bare_days: bool = True
    subjects: bool = True
    max_subject_chars: int = 12

    def __post_init__(self) -> None:
        bad = [k for k in self.kinds if k not in KINDS]
        if bad or not isinstance(self.kinds, tuple):
            raise ConfigError(f"FigureConfig.kinds must be a tuple of {KINDS} (got {self.kinds!r})")
        if self.max_subject_chars < 0:
            raise ConfigError(f"FigureConfig.max_subject_chars must be >= 0 (got {self.max_subject_chars})")


@dataclass(frozen=True)
class Figure:
    """One figure, with the fields of ``schema.FIGURES``; ``text == doc_text[start:end]``."""

    doc_id: str | None
    kind: Kind
    text: str
    value: float | None
    unit: str | None
    qualifier: Qualifier
    date: str | None
    scope: str | None
    subject: str | None
    start: int
    end: int
    sentence: str
    bound: str | None = None          # low | high: the two figures of a range
    range_id: int | None = None       # the range's number in the document
    mention_group: int | None = None  # the fact's number in the document (repeated mentions share it)


class _Cand:
    """A figure under construction (mutable; turned into a :class:`Figure` at the end)."""

    __slots__ = ("d", "end", "kind", "m", "qualifier", "ranged", "scope", "start", "subject", "unit", "value",
                 "y", "y_explicit")

    def __init__(self, kind: str, start: int, end: int, value: float | None = None,
                 unit: str | None = None, qualifier: str = "exact") -> None:
        self.kind, self.start, self.end = kind, start, end
        self.value, self.unit, self.qualifier = value, unit, qualifier
        self.y = self.m = self.d = None
        self.y_explicit = False  # the year was written or resolved, not taken from the document date
        self.scope = self.subject = None
        self.ranged = False      # one of the two figures of a range


class _Doc:
    """Per-document state: text, document date, lexicons, masked spans, date anchor."""

    def __init__(self, text: str, doc_date: str | None, config: FigureConfig, *, currency: str | None = None,
                 script: str | None = None, publisher: str | None = None) -> None:
        self.text, self.config = text, config
        self._currency, self._script, self._publisher = currency, script, publisher
        self.lex = resources.figure_lexicon()
        self.y, self.m, self.d = _parse_doc_date(doc_date)
        self.anchor_y: int | None = None
        self.anchor_m: int | None = None
        self.anchor_day: tuple[int | None, int, int] | None = None  # the last full date given: (y, m, d)
        spans = ([mt.span() for mt in resources.DOC_NUMBER.finditer(text)]
                 if "号" in text or "號" in text else [])
        self.token = (0, 0, False)  # the last run of ASCII looked at: (start, end, is an address)
        self.mask_starts = [s for s, _ in spans]
        self.mask_reach: list[int] = []  # furthest mask end among masks starting at or before each one
        for _, e in spans:
            self.mask_reach.append(max(e, self.mask_reach[-1]) if self.mask_reach else e)

    @property
    def currency(self) -> str:
        """The currency of a bare 元 and of a currency-less amount: the region's, found when first needed."""
        if self._currency is None:
            self._currency = region_currency(self.text, script=self._script, publisher=self._publisher)
        return self._currency

    def _in_address(self, start: int, end: int) -> bool:
        """Whether the run of ASCII around a number is a URL or an e-mail address (cached per run)."""
        lo, hi, found = self.token
        if not lo <= start < hi:
            text, lo, hi = self.text, start, end
            while lo > 0 and text[lo - 1] in _TOKEN_CHARS:
                lo -= 1
            while hi < len(text) and text[hi] in _TOKEN_CHARS:
                hi += 1
            token = text[lo:hi]
            found = "://" in token or "www." in token or "@" in token
            self.token = (lo, hi, found)
        return found

    def masked(self, start: int, end: int) -> bool:
        """A number in a document number, URL, e-mail address or phone number is never a figure."""
        if self.mask_starts:
            i = bisect.bisect_right(self.mask_starts, end - 1) - 1
            if i >= 0 and self.mask_reach[i] > start:
                return True
        text = self.text
        if not start or text[start - 1] not in _MASK_CONTEXT:
            return False
        if text[start - 1] in _TOKEN_CHARS and self._in_address(start, end):
            return True
        i = start
        while i > max(0, start - 30) and text[i - 1] in _PHONE_CHARS:
            i -= 1
        if i < start and "+" in text[i:start] and not (i and text[i - 1] in _MONEY_ENDS):
            return True  # +86 21 ... (but 10000亿元+1000亿美元 adds two amounts)
        p = i
        while p > 0 and text[p - 1] in " \t:：.":
            p -= 1
        return text.endswith(resources.FIGURE_PHONE_WORDS, max(0, p - 6), p)


_DIGITS = frozenset("0123456789０１２３４５６７８９")
_MONEY_ENDS = frozenset("元圆圓币幣金镑鎊")
_TOKEN_CHARS = frozenset(chr(c) for c in range(0x21, 0x7F))
_PHONE_CHARS = frozenset("0123456789０１２３４５６７８９ +-()（）/")
_MASK_CONTEXT = _TOKEN_CHARS | _PHONE_CHARS | frozenset(" \t\u3000：")  # characters a masked number follows


def _parse_doc_date(doc_date: str | None) -> tuple[int | None, int | None, int | None]:
    if doc_date is None or doc_date == "":
        return None, None, None
    match = _ISO_DATE.fullmatch(str(doc_date).strip()[:10]) if isinstance(doc_date, str) else None
    if match is None:
        raise InputError(f"doc_date must be an ISO date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (got {doc_date!r})")
    y, m, d = (int(match[g]) if match[g] else None for g in ("y", "m", "d"))
    if (m is not None and not 1 <= m <= 12) or (d is not None and not _valid_day(y, m, d)):
        raise InputError(f"doc_date is not a calendar date (got {doc_date!r})")
    return y, m, d


def _valid_day(y: int | None, m: int | None, d: int) -> bool:
    if m is None:
        return 1 <= d <= 31
    return 1 <= d <= calendar.monthrange(y if y is not None else 2000, m)[1]


# ---------------------------------------------------------------- public API

def extract_figures(text: str, *, doc_date: str | None = None, doc_id: str | None = None,
                    currency: str | None = None, config: FigureConfig = FigureConfig()) -> list[Figure]:
    """Return the figures of one text, in text order.

    Args:
        text: the clean text; ``start``/``end`` index into it.
        doc_date: the document's own date (``'2023-03-31'``, ``'2023-03'``,
            ``'2023'``) to give year-less dates a year and resolve relative dates;
            None when the document states none (year-less dates become ``--MM-DD``).
        doc_id: copied into every figure.
        currency: the ISO code of a bare 元 and of a currency-less amount (投资三百亿) in this
            document; None (default) takes the region's from the text (:func:`region_currency`).
        config: options, see :class:`FigureConfig`.

    Returns:
        A list of :class:`Figure`; both figures of a range share its text.

    >>> figs = extract_figures("截至2021年底，共有506家，其中约24%来自香港，获资助约 2500 万元。",
    ...                        doc_date="2022-08-26")
    >>> [(f.kind, f.text, f.value, f.unit, f.qualifier, f.date, f.scope) for f in figs]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('date', '2021年底', None, None, 'exact', '2021', 'end'),
     ('count', '506家', 506.0, '家', 'exact', None, None),
     ('percent', '约24%', 24.0, '%', 'approx', None, None),
     ('money', '约 2500 万元', 25000000.0, 'CNY', 'approx', None, None)]
    >>> [(f.text, f.date) for f in extract_figures("去年12月12日和二十年前", doc_date="2022-08-26")]
    [('去年12月12日', '2021-12-12'), ('二十年前', '2002')]
    >>> [(f.text, f.value, f.unit) for f in extract_figures("計劃投資三百億，每人資助五萬元。", currency="HKD")]
    [('三百億', 30000000000.0, 'HKD'), ('五萬元', 50000.0, 'HKD')]
    """
    if currency is not None and not (isinstance(currency, str) and len(currency) == 3 and currency.isupper()):
        raise InputError(f"extract_figures: currency must be an ISO 4217 code such as 'HKD' (got {currency!r})")
    return _extract(text, doc_date=doc_date, doc_id=doc_id, config=config, currency=currency)


def _extract(text: str, *, doc_date: str | None, doc_id: str | None, config: FigureConfig,
             currency: str | None = None, script: str | None = None, publisher: str | None = None) -> list[Figure]:
    if not isinstance(text, str):
        raise InputError(f"extract_figures: text must be a str (got {type(text).__name__})")
    if not text:
        return []
    doc = _Doc(text, doc_date, config, currency=currency, script=script, publisher=publisher)
    cands = _candidates(doc)
    if "money" in config.kinds:
        cands = _with_unitless_money(doc, cands)
    if "date" in config.kinds and config.resolve_relative and _DAY_WORDS.search(text):
        cands = _with_day_words(doc, cands)
    if "percent" in config.kinds and ("分之" in text or "一半" in text):
        cands = _with_fractions(doc, cands)
    cands = _merge_adjacent_ranges(doc, cands)
    wanted = set(config.kinds)
    kept = [c for c in cands if c.kind in wanted]
    if not kept:
        return []
    return _finish(doc, kept, doc_id)


def figures_table(documents: pd.DataFrame, *, text_column: str = "text", date_column: str = "date",
                  currency_column: str = "currency", dedupe: bool = False,
                  config: FigureConfig = FigureConfig()) -> pd.DataFrame:
    """Return the figures table (``schema.FIGURES`` then ``schema.FIGURE_LINKS``), one row per figure.

    Rows are ordered by ``doc_id`` then ``start`` (stable). The date column may be
    missing or null; year-less dates then stay ``--MM-DD``. A bare 元 takes the
    document's ``currency_column`` when it has one, else the currency of its region
    (:func:`region_currency`, from the ``script`` and ``publisher``/``source`` columns
    and the text). ``dedupe=True`` keeps the first mention of each fact of a document
    (one row per ``mention_group``), so that repeated headlines are not summed twice.

    >>> docs = pd.DataFrame({"doc_id": ["a.txt", "b.txt"], "text": ["共有506家。", "9月10日，近300人参加。"],
    ...                      "date": ["2022-08-26", None]})
    >>> figures_table(docs)[["doc_id", "kind", "text", "value", "date"]].values.tolist()
    [['a.txt', 'count', '506家', 506.0, <NA>], ['b.txt', 'date', '9月10日', <NA>, '--09-10'], ['b.txt', 'people', '近300人', 300.0, <NA>]]
    >>> news = pd.DataFrame({"doc_id": ["c.txt"], "text": ["获5亿元融资。公司获5亿元融资，补贴5万元—50万元。"]})
    >>> figures_table(news)[["text", "subject", "bound", "range_id", "mention_group"]].values.tolist()
    [['5亿元', '融资', <NA>, <NA>, 0], ['5亿元', '融资', <NA>, <NA>, 0], ['5万元—50万元', '补贴', 'low', 0, 1], ['5万元—50万元', '补贴', 'high', 0, 2]]
    >>> figures_table(news, dedupe=True)["text"].tolist()
    ['5亿元', '5万元—50万元', '5万元—50万元']
    """
    documents = schema.as_documents(documents, text_column=text_column, what="figures_table")
    n = len(documents)
    dates = documents[date_column] if date_column in documents.columns else pd.Series([None] * n)
    currencies = _currency_column(documents, currency_column, "figures_table")
    scripts = documents["script"] if "script" in documents.columns else pd.Series([None] * n)
    publisher_column = next((c for c in ("publisher", "source") if c in documents.columns), None)
    publishers = documents[publisher_column] if publisher_column else pd.Series([None] * n)
    rows: list[tuple] = []
    names = [f.name for f in fields(Figure)]
    for doc_id, text, date, currency, script, publisher in zip(documents["doc_id"], documents[text_column], dates,
                                                              currencies, scripts, publishers):
        if pd.isna(text):
            continue
        for fig in _extract(str(text), doc_date=_date_string(date), doc_id=doc_id, config=config,
                            currency=_plain_string(currency), script=_plain_string(script),
                            publisher=_plain_string(publisher)):
            rows.append(tuple(getattr(fig, n) for n in names))
    columns = {**schema.FIGURES, **schema.FIGURE_LINKS}
    if not rows:
        return schema.empty_frame(columns)
    frame = pd.DataFrame(rows, columns=names)
    frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    if dedupe:
        frame = frame[~frame.duplicated(["doc_id", "mention_group"])].reset_index(drop=True)
    return schema.conform(frame, columns)


def _currency_column(documents: pd.DataFrame, column: str, caller: str) -> pd.Series:
    """The documents' currency column, checked (ISO 4217 codes or null), or nulls when there is none."""
    if column not in documents.columns:
        return pd.Series([None] * len(documents))
    values = documents[column]
    bad = [v for v in values.dropna().unique()
           if not (isinstance(v, str) and len(v) == 3 and v.isascii() and v.isupper())]
    if bad:
        raise InputError(f"{caller}: column {column!r} must hold ISO 4217 codes such as 'HKD' or nulls "
                         f"(got {bad[:3]!r}); pass currency_column=... to name another column")
    return values


def _plain_string(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value) or None


def to_guideline_records(table: pd.DataFrame) -> pd.DataFrame:
    """Turn a figures table into the guideline's JSONL fields (one record per figure).

    Columns: ``doc`` (the document's ``doc_id``), ``kind``, ``text``, ``value``
    (an integer when whole), ``unit``, ``qualifier``, ``date``, ``scope``,
    ``subject``; ``value``/``unit`` are null for dates, ``date``/``scope`` for
    the other kinds.

    >>> t = figures_table(pd.DataFrame({"doc_id": ["a.txt"], "text": ["投资2400亿元。"], "date": [None]}))
    >>> to_guideline_records(t).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'doc': 'a.txt', 'kind': 'money', 'text': '2400亿元', 'value': 240000000000, 'unit': 'CNY',
      'qualifier': 'exact', 'date': None, 'scope': None, 'subject': '投资'}]
    """
    missing = [c for c in schema.FIGURES if c not in table.columns]
    if missing:
        raise InputError(f"to_guideline_records: table lacks figure columns {missing}; pass figures_table(...)")

    def plain(v):
        return None if pd.isna(v) else v

    def number(v):
        v = plain(v)
        if v is None:
            return None
        v = float(v)
        return int(v) if v.is_integer() and abs(v) < 2**63 else v

    records = {
        "doc": [plain(v) for v in table["doc_id"]],
        "kind": [plain(v) for v in table["kind"]],
        "text": [plain(v) for v in table["text"]],
        "value": [number(v) for v in table["value"]],
        "unit": [plain(v) for v in table["unit"]],
        "qualifier": [plain(v) for v in table["qualifier"]],
        "date": [plain(v) for v in table["date"]],
        "scope": [plain(v) for v in table["scope"]],
        "subject": [plain(v) for v in table["subject"]],
    }
    return pd.DataFrame(records, columns=list(records), dtype=object).reset_index(drop=True)


def _date_string(value) -> str | None:
    if pd.isna(value):
        return None
    if isinstance(value, (pd.Timestamp, _dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value) or None


def region_currency(text: str, *, script: str | None = None, publisher: str | None = None) -> str:
    """The currency of a bare 元 in a document, by GUIDELINES.md: ``HKD``, ``TWD`` or ``MOP`` for a
    traditional-script document from Hong Kong, Taiwan or Macau, ``CNY`` otherwise.

    The region is the publisher's when ``publisher`` names a known outlet or office of one, else the
    one whose cues the text shows most (currency words, 民國 years and institutions count three times
    a place name; ``data/figures_regions.json``). Every simplified-script document is ``CNY``.

    Args:
        text: the document's text.
        script: ``hans``/``hant``/``mixed`` when known (the documents table's ``script``); None detects it.
        publisher: the document's publisher or source, when known.

    >>> region_currency("高雄義享天地總投資金額約350億元，市府表示將加速審查。")
    'TWD'
    >>> region_currency("港府宣布向每名合資格市民派發一萬元。")
    'HKD'
    >>> region_currency("高雄义享天地总投资金额约350亿元。")
    'CNY'
    """
    if script is None or not isinstance(script, str):
        script = _quick_script(text)
    if script is None:
        from .script import detect_script

        script = detect_script(text, sample=400)
    if script not in ("hant", "mixed"):
        return "CNY"
    cues = resources.figure_regions()
    regions = cues["regions"]
    if isinstance(publisher, str) and publisher:
        for iso, found in regions.items():
            if found["publishers"].search(publisher):
                return iso
    best, best_score = "CNY", 0
    for iso, found in regions.items():
        score = (cues["strong_weight"] * (len(found["strong"].findall(text)) + len(found["publishers"].findall(text)))
                 + cues["place_weight"] * len(found["places"].findall(text)))
        if score > best_score:
            best, best_score = iso, score
    return best


_SIMPLIFIED_ONLY = frozenset("这们个为国发会时对说经过来还进与业产开关长门问间见现实资应该们东车书")
_TRADITIONAL_ONLY = frozenset("這們個為國發會時對說經過來還進與業產開關長門問間見現實資應該們東車書")


def _quick_script(text: str) -> str | None:
    """``hans``/``hant`` when frequent script-only characters of the first 1,500 decide clearly, else None."""
    head = text[:1500]
    n_simplified = sum(map(head.count, _SIMPLIFIED_ONLY))
    n_traditional = sum(map(head.count, _TRADITIONAL_ONLY))
    if n_simplified >= 5 and n_traditional * 20 <= n_simplified:
        return "hans"
    if n_traditional >= 5 and n_simplified * 20 <= n_traditional:
        return "hant"
    return None


# ---------------------------------------------------------------- candidates

def _candidates(doc: _Doc) -> list[_Cand]:
    """Run the handlers over the matches of both master regexes, in text order.

    A match that starts inside an earlier match that gave figures is skipped
    (人民币5.08亿元 is one figure, not also 5.08亿元).
    """
    numeric, words, word_starts = resources.figure_patterns()
    numeric_handlers, word_handlers = _handlers()
    text = doc.text
    word_matches = [m for hit in word_starts.finditer(text) if (m := words.match(text, hit.start()))]  # few
    matches = _numeric_matches(numeric, text)
    if word_matches:
        matches = sorted([*matches, *word_matches], key=_match_start)
    out: list[_Cand] = []
    covered = 0
    masked, mask_starts = doc.masked, doc.mask_starts
    for match in matches:
        if match.start() < covered:
            continue
        handlers = numeric_handlers if match.re is numeric else word_handlers
        for c in handlers[match.lastindex](doc, match):
            # NaN and infinities fail the comparison; no figure in this genre reaches 1e21
            if c.value is not None and not abs(c.value) < 1e21:
                continue
            if (mask_starts or c.start and text[c.start - 1] in _MASK_CONTEXT) and masked(c.start, c.end):
                continue  # (masked's own first test, inline: most numbers follow nothing a mask starts with)
            out.append(c)
            covered = _match_end(match)
    out.sort(key=lambda c: c.start)
    return out


def _numeric_matches(numeric: re.Pattern, text: str) -> list[re.Match]:
    """The matches of the numeric master regex that ``finditer`` would give if it consumed its figures:
    it matches their first character only (see :func:`corpus_tools.resources.figure_patterns`), so the
    next one is the first that starts at or after the end of the previous one.

    >>> [text[m.start():_match_end(m)] for text in ["2022年3月有5家"]
    ...  for m in _numeric_matches(resources.figure_patterns()[0], text)]
    ['2022年3月', '5家']
    """
    out: list[re.Match] = []
    resume = 0
    for match in numeric.finditer(text):
        if match.start() >= resume:
            resume = match.end(match.lastindex)
            out.append(match)
    return out


_match_start = operator.methodcaller("start")


def _match_end(match: re.Match) -> int:
    """Where a master-regex match ends: at the empty group that closes each alternative (the numeric
    regex's own match is the figure's first character)."""
    return match.end(match.lastindex)


@functools.cache
def _handlers() -> tuple[tuple, tuple]:
    """For each master regex, map every capture-group index to its alternative's handler."""
    markers = {"nd_y": _numeric_date, "fy": _fiscal_year, "ya": _year_date, "md": _month_date, "off": _offset_date,
               "bd": _bare_day, "pp": _percent_prefix, "n": _number_unit, "ey": _event_year,
               "rel": _relative_year, "relm": _relative_month, "cp": _currency_prefix, "roc": _roc_date,
               "pday": _paren_day}
    tables = []
    for pattern in resources.figure_patterns()[:2]:
        starts = sorted((index, markers[name]) for name, index in pattern.groupindex.items() if name in markers)
        table: list = [None] * (pattern.groups + 1)
        for index in range(1, pattern.groups + 1):
            pos = bisect.bisect_right([s for s, _ in starts], index) - 1
            table[index] = starts[pos][1]
        tables.append(tuple(table))
    return tables[0], tables[1]


# ---- contexts

def _prev_index(text: str, pos: int) -> int:
    """Index just after the last non-space character before ``pos`` (at most 3 spaces back)."""
    if not pos or text[pos - 1] not in _SPACES:  # the common case
        return pos
    stop = max(0, pos - 3)
    while pos > stop and text[pos - 1] in _SPACES:
        pos -= 1
    return pos


def _blocked_context(doc: _Doc, start: int, p: int | None = None) -> bool:
    """Ordinals, captions, ranks, rates and vague amounts before a number (``p``: its _prev_index)."""
    text, ctx = doc.text, doc.lex.contexts
    if p is None:
        p = _prev_index(text, start)
    if p == 0 or text[p - 1] not in _blocked_last_chars() or not text.endswith(ctx["blocked_any"], 0, p):
        return False  # the common case, in one test
    if text.endswith(ctx["ordinal"], 0, p) or _caption(text, p, ctx):
        return True
    if text.endswith(ctx["rank"], 0, p) and not text.endswith(ctx["rank_exempt"], 0, p):
        return True
    if text.endswith(ctx["per"], 0, p):
        return True
    if text.endswith(ctx["vague"], 0, p):  # 数百人 is vague, 人数90511人 is not
        return not (text[p - 1] in "数數" and start < len(text) and text[start] in _DIGITS)

    return text[p - 1] == "+" and not (p >= 2 and text[p - 2] in _MONEY_ENDS)  # 10000亿元+1000亿美元


@functools.cache
def _blocked_last_chars() -> frozenset[str]:
    """The characters the blocking context words end with: a set test before ``str.endswith`` over all 43."""
    return frozenset(word[-1] for word in resources.figure_lexicon().contexts["blocked_any"])


def _caption(text: str, p: int, ctx: dict) -> bool:
    """图十三, 表2, 注1: a caption or footnote word that starts a phrase (not 代表300人)."""
    if not text.endswith(ctx["caption"], 0, p):
        return False
    for word in ctx["caption"]:
        if text.endswith(word, 0, p):
            q = p - len(word)
            before = text[q - 1] if q else ""
            if not before or not (before.isalnum() or _HAN.match(before)) or before in ctx["caption_after"]:
                return True
    return False


def _sign(doc: _Doc, start: int) -> int | None:
    """Start of a minus sign right before a number (负3.9%, -22.2%), not a range dash (5%-20%)."""
    text = doc.text
    if start == 0 or not text.endswith(doc.lex.contexts["signs"], 0, start):
        return None
    if text[start - 1] in "负負":
        return start - 1
    before = text[start - 2] if start >= 2 else ""
    if before and (before.isdigit() or (before.isascii() and before.isalpha()) or before in "%％)）"
                   or (before in _RANGE_SEP_CHARS and before != "、") or before in numerals.DIGIT_CHARS
                   or before in _UNIT_CHARS):
        return None
    return start - 1


def _prefix_qualifier(doc: _Doc, start: int, *, bare: bool, p: int | None = None) -> tuple[str | None, int]:
    text, lex = doc.text, doc.lex
    if p is None:
        p = _prev_index(text, start)
    if p == 0:
        return None, start
    last = text[p - 1]
    candidates = lex.qualifier_prefix.get(last, ()) + (lex.qualifier_bare_prefix.get(last, ()) if bare else ())
    for word, qualifier in candidates:
        if text.endswith(word, 0, p):
            q_start = p - len(word)
            if q_start > 0 and text[q_start - 1] in lex.qualifier_not_after.get(word, ""):
                continue
            return qualifier, q_start
    return None, start


def _suffix_qualifier(doc: _Doc, end: int) -> tuple[str | None, int]:
    text, lex = doc.text, doc.lex
    if end >= len(text):
        return None, end
    for word, qualifier in lex.qualifier_suffix.get(text[end], ()):
        if text.startswith(word, end):
            after = end + len(word)
            if after < len(text) and text[after] in lex.qualifier_suffix_not_before.get(word, ""):
                continue
            return qualifier, after
    return None, end


def _combine(prefix: str | None, inner: str | None, suffix: str | None) -> str:
    """One qualifier from the words before, inside and after a number (approx wins)."""
    found = [q for q in (prefix, inner, suffix) if q and q != "exact"]
    if not found:
        return "exact"
    return "approx" if "approx" in found else found[0]


# ---- money without a currency word

def _with_unitless_money(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Add the currency-less amounts of money clauses (GUIDELINES.md): 计划投资三百億, 再注资50亿,
    GDP约2.3万亿 (at most 6 characters after a money word, no punctuation between) and 200亿的引导基金
    (an amount, 的, and a money word in the same clause)."""
    keyword, amount, before_de, scale_with = resources.figure_money_clause()
    text = doc.text
    found: list[_Cand] = []
    taken = [(c.start, c.end) for c in cands]
    starts, reach = [c.start for c in cands], list(itertools.accumulate((c.end for c in cands), max))
    seen: set[int] = set()
    words = []
    for mult in _MULTIPLIER_NEAR.finditer(text):  # only a 万/亿 that no figure took can end such an amount
        pos = mult.start()
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and reach[i] > pos:
            continue
        for kw in keyword.finditer(text, max(0, pos - 50), min(len(text), pos + 14)):
            if kw.start() not in seen:
                seen.add(kw.start())
                words.append(kw)
    words.sort(key=_match_start)
    for kw in words:
        word = kw.group("kw")
        if word in ("规模", "規模"):
            clause_start = max(_last_punct(text, kw.start()), kw.start() - 20)
            if not any(w in text[clause_start:kw.start()] for w in scale_with):
                continue
        hit = None
        for pos in range(kw.end(), min(len(text), kw.end() + 7)):
            if text[pos] in resources.FIGURE_CLAUSE_PUNCT or text[pos] in _HEADCOUNT_CUES:
                break  # 投资者数量超过2亿, 基金公司数达1.2万: a count, not money
            if text[pos] in _AMOUNT_FIRST and (pos == kw.end() or text[pos - 1] not in _AMOUNT_FIRST):
                hit = amount.match(text, pos)
                if hit is not None and hit.end() > pos:
                    break
                hit = None
        if hit is None:
            de = text.rfind("的", max(0, kw.start() - 10), kw.start())
            if de < 0 or any(ch in resources.FIGURE_CLAUSE_PUNCT for ch in text[de:kw.start()]):
                continue
            hit = before_de.search(text, max(0, de - 40), de + 1)
            if hit is None:
                continue
        found += _unitless_amount(doc, hit, taken)
    if not found:
        return cands
    return sorted([*cands, *found], key=lambda c: c.start)


_MULTIPLIER_NEAR = re.compile("[万萬亿億]")
_HEADCOUNT_CUES = frozenset("者人户戶数數量家只个個")
_AMOUNT_FIRST = frozenset(resources._F_CN_SAFE + "0123456789０１２３４５６７８９十百千万萬亿億")


def _last_punct(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in resources.FIGURE_CLAUSE_PUNCT:
        i -= 1
    return i


def _unitless_amount(doc: _Doc, hit: re.Match, taken: list[tuple[int, int]]) -> list[_Cand]:
    """The money figure(s) of an amount (one number or a range) ending in 万/亿 and no unit."""
    a_run, b_run = hit.group("a"), hit.group("b")
    last_run, last_end = (b_run, hit.end("b")) if b_run else (a_run, hit.end("a"))
    if last_run[-1:] not in "万萬亿億":
        return []
    start = hit.start("a")
    if any(s < last_end and start < e for s, e in taken):
        return []
    if _money_word_at(doc, last_end) or _unit_at(doc, last_end):
        return []
    if _blocked_context(doc, start):
        return []
    values = []
    for run in (a_run, b_run) if b_run else (a_run,):
        if _inner_vague(run) or (len(run) > 1 and not run.strip(numerals.DIGIT_CHARS)):
            return []
        value = numerals._parse_decimal(run, allow_bare_unit=True)
        if value is None:
            return []
        values.append(value)
    bare = not a_run.strip(_BARE_MULTIPLIERS)
    prefix_q, q_start = _prefix_qualifier(doc, start, bare=bare)
    suffix_q, end = _suffix_qualifier(doc, last_end)
    inner_q = "over" if any(ch in _INNER_APPROX for ch in a_run + (b_run or "")) else None
    if bare and not (prefix_q or inner_q or suffix_q):
        return []
    qualifier = _combine(prefix_q, inner_q, suffix_q)
    if b_run:
        values[0] = values[0] * _inherited_scale(a_run, values[0], b_run)
    cands = [_Cand("money", q_start, end, float(v), doc.currency, qualifier) for v in values]
    if len(cands) == 2:
        cands[0].ranged = cands[1].ranged = True
    taken.append((q_start, end))
    return cands


def _unit_at(doc: _Doc, pos: int) -> bool:
    """A unit or measure word starts at ``pos`` (1.2万家企业 counts firms, not money)."""
    units, text = doc.lex.units, doc.text
    return any(text[pos:pos + n] in units for n in (1, 2, 3, 4, 5)) or pos < len(text) and text[pos] in "多余餘"


# ---- numbers with a unit

def _number_unit(doc: _Doc, m: re.Match) -> list[_Cand]:
    text, lex = doc.text, doc.lex
    unit, run, more = m.group("u", "n", "more")
    category, norm, factor = lex.units[unit]
    if category == "duration":
        return []
    u_start, u_end = m.span("u")
    blocked = lex.not_measure.get(unit[0])
    if blocked is not None:
        hit = blocked.match(text, u_start)
        if hit is not None and hit.end() - u_start > len(unit) and not _word_runs_past(text, u_end, hit.end()):
            return []
    n_start, n_end = m.span("n")
    p = _prev_index(text, n_start)
    if _blocked_context(doc, n_start, p):
        return []
    if more is None and n_end < u_start and text[n_end] in "多余餘":
        return []
    bare = not run.strip(_BARE_MULTIPLIERS)
    inner = "多" in run or "余" in run or "餘" in run
    if inner and _inner_vague(run):
        return []
    if run in ("一", "壹", "弌"):
        if category == "count" or (p > 0 and text[p - 1] in lex.contexts["one_words"]):
            return []
        if text.startswith(lex.contexts["slogan_one"], u_end):
            return []
    if run in lex.contexts["lone_two"] and category not in ("percent", "tenths") and unit != "人":
        return []  # 二次, 二级: counting uses 两 (but 涉案二人 is two people)
    if len(run) > 1 and not run.strip(numerals.DIGIT_CHARS):
        return []  # 五四青年节, 六一儿童节: digits read one by one name a day, they count nothing
    if (text.startswith("+", _match_end(m)) and category != "money") or (
            category != "percent" and text.startswith("倍", u_end)):
        return []
    if category in ("quantity", "people", "count") and _compound_unit(text, u_end):
        return []  # 0.21吨标准煤/万元, 14435.4万人/公里, 334925万吨公里: an intensity or a compound unit
    if n_start and text[n_start - 1] in _OPEN_QUOTES and _quoted_slogan(doc, n_start, u_end):
        return []
    value = Decimal(run) if run.isascii() and run.isdigit() else numerals._parse_decimal(run, allow_bare_unit=True)
    if value is None:
        return []
    prefix_q, q_start = None, n_start
    if p and (text[p - 1] in lex.qualifier_prefix or bare and text[p - 1] in lex.qualifier_bare_prefix):
        prefix_q, q_start = _prefix_qualifier(doc, n_start, bare=bare, p=p)
    inner_q = "over" if (more or inner) else None
    end = u_end
    kind, out_unit, subject = "count", norm, None
    if category == "money":
        kind, out_unit = "money", norm
        value, out_unit, end = _money_tail(doc, unit, value, out_unit, end)
    elif category == "count" and unit in ("个", "個") and _ELIDED_POINTS.match(text, u_end):
        kind, out_unit = "percent", "%"  # 高7.5个和4.5个百分点: the first takes the unit of the second
    elif category == "count" and unit in ("块", "塊"):
        sub = resources.FIGURE_MONEY_SUBUNIT.match(text, u_end)
        if sub:
            kind, out_unit = "money", "CNY"
            value, end = _add_subunits(value, sub), sub.end()
    elif category == "quantity":
        kind = "quantity"
        if unit == lex.electricity_unit and not _electricity(doc, run, n_start, u_end):
            return []
        value = value * Decimal(str(factor))
    elif category in ("people", "person_noun"):
        kind = "people"
        if category == "person_noun":
            subject, end = unit, n_end if more is None else m.end("more")
    elif category == "percent":
        kind, value = "percent", value * Decimal(str(factor))
    elif category == "tenths":
        kind = "percent"
        if value > 10:
            return []
        extra, end = _tenths_extra(text, u_end)
        value = (value + extra) * 10
        if not extra and text[end:end + 1] in ("多", "余", "餘") and text[end:end + 2] not in _NOT_TENTHS_MORE:
            inner_q, end = "over", end + 1  # 两成多, 三成余 (but 两成多数, 三成余额)
    suffix_q = None
    if category != "person_noun" and end < len(text) and text[end] in lex.qualifier_suffix:
        suffix_q, end = _suffix_qualifier(doc, end)
    if bare and not (prefix_q or inner_q or suffix_q):
        return []
    if kind in ("percent", "money") and prefix_q is None:
        sign_start = _sign(doc, n_start)
        if sign_start is not None:
            value, q_start = -value, sign_start
    qualifier = _combine(prefix_q, inner_q, suffix_q) if prefix_q or inner_q or suffix_q else "exact"
    cand = _Cand(kind, q_start, end, float(value), out_unit, qualifier)
    if subject is not None:
        cand.subject = subject
    if q_start and (text[q_start - 1] in _RANGE_SEP_CHARS or text[q_start - 1] in _SPACES):
        return _with_range_head(doc, cand, run, n_start)
    return [cand]


def _compound_unit(text: str, end: int) -> bool:
    """A unit continued by ``/`` and a unit (吨/万元, 人/公里) or by 公里 (吨公里, 人公里)."""
    nxt = text[end:end + 1]
    if nxt in ("/", "／"):
        after = text[end + 1:end + 2]
        return bool(after) and (_HAN.match(after) is not None or after.isalpha())
    return nxt == "公" and text.startswith("公里", end)


def _word_runs_past(text: str, start: int, end: int) -> bool:
    """The word that starts at ``start`` ends after ``end``: a measure word that begins a word of the
    not-measure list still measures when the word after it is longer (5名医生 is 名 + 医生, not 名医 + 生;
    两成本地企业 is 两成 + 本地; but 五次会议 stays 次会议)."""
    from . import tokens

    tagged = tokens.tag(text[start:end + 6])
    return bool(tagged) and tagged[0][3] > end - start


_ELIDED_POINTS = re.compile(r"[ \t]*(?:和|与|與|及|、|至|到|-|—|~)[ \t]*[0-9０-９.．]+[ \t]*[个個]百分点")
_NOT_TENTHS_MORE = frozenset(("多数", "多样", "多元", "多种", "多少", "余额", "余下", "余地", "餘額", "餘下", "餘地"))


def _inner_vague(run: str) -> bool:
    """百多万, 千余万: a bare multiplier with 多/余 inside is vague (GUIDELINES.md)."""
    for i, ch in enumerate(run):
        if ch in _INNER_APPROX and i > 0:
            head = run[:i]
            return all(c in _BARE_MULTIPLIERS for c in head)
    return False


def _tenths_extra(text: str, pos: int) -> tuple[Decimal, int]:
    """What follows 成 and its end: nothing, 半 (三成半) or one digit (七成六)."""
    if pos < len(text) and text[pos] == "半":
        return Decimal("0.5"), pos + 1
    nxt = text[pos:pos + 2]
    if nxt[:1] and nxt[0] in numerals.DIGIT_CHARS and nxt[0] not in "两兩零〇○" and (
            len(nxt) < 2 or nxt[1] not in numerals.DIGIT_CHARS + numerals.UNIT_CHARS
            and not nxt[1].isdigit() and not _HAN.match(nxt[1])):
        return Decimal(numerals.parse_number(nxt[0]) or 0) / 10, pos + 1
    return Decimal(0), pos


def _electricity(doc: _Doc, run: str, start: int, end: int) -> bool:
    """度 is kWh only for large amounts or near a word about electricity (not 一度, 两度: "once, twice")."""
    if any(ch in _MULTIPLIER_CHARS for ch in run):
        return True
    if not any(ch.isdigit() for ch in run):
        return False
    window = doc.text[max(0, start - 30):end + 10]
    return any(word in window for word in doc.lex.electricity_context)


def _money_tail(doc: _Doc, unit: str, value: Decimal, iso: str, end: int) -> tuple[Decimal, str, int]:
    """Sub-units (123元1角1分) and a currency word after 元 (三万元欧元, 8亿元人民币)."""
    text = doc.text
    if unit in ("元", "圆", "圓", "块钱", "塊錢"):
        sub = resources.FIGURE_MONEY_SUBUNIT.match(text, end)
        if sub:
            return _add_subunits(value, sub), iso, sub.end()
    if unit in _BARE_YUAN:
        if unit[-1] != "整":
            after = _money_word_at(doc, end)
            if after:
                word, w_end = after
                return value, doc.lex.units[word][1], w_end
        iso = doc.currency  # a bare 元 is the currency of the document's region
        if unit[-1] != "整" and text.startswith("整", end):
            return value, iso, end + 1
    return value, iso, end


_BARE_YUAN = frozenset(("元", "圆", "圓", "元整", "圆整", "圓整"))


def _money_word_at(doc: _Doc, pos: int) -> tuple[str, int] | None:
    units = doc.lex.units
    for length in (5, 4, 3, 2):
        word = doc.text[pos:pos + length]
        if len(word) == length and units.get(word, ("",))[0] == "money":
            return word, pos + length
    return None


def _add_subunits(value: Decimal, sub: re.Match) -> Decimal:
    jiao = numerals.parse_number(sub.group("j")) or 0
    fen = numerals.parse_number(sub.group("f")) if sub.group("f") else 0
    return value + Decimal(str(jiao)) / 10 + Decimal(str(fen or 0)) / 100


def _quoted_slogan(doc: _Doc, start: int, end: int) -> bool:
    """A short quoted number phrase is a slogan (“两个维护”, “四个意识”), not a count."""
    text = doc.text
    if start == 0 or text[start - 1] not in _OPEN_QUOTES:
        return False
    for pair in doc.lex.contexts["slogan_quotes"]:
        if text[start - 1] == pair[0]:
            close = text.find(pair[1], end, end + 8)
            return close >= 0 and not any(ch in _SLOGAN_END for ch in text[end:close])
    return False


# ---- ranges

def _with_range_head(doc: _Doc, cand: _Cand, run: str, n_start: int) -> list[_Cand]:
    """Give ``cand`` a partner when a unit-less number and a separator precede it."""
    text = doc.text
    if cand.start != n_start or not cand.start or (text[cand.start - 1] not in _RANGE_SEP_CHARS
                                                   and text[cand.start - 1] not in _SPACES):
        return [cand]
    p = _prev_index(text, cand.start)
    if p == 0 or text[p - 1] not in _RANGE_SEP_CHARS:
        return [cand]
    head = resources.FIGURE_RANGE_HEAD.search(text, max(0, p - 30), p)
    if head is None:
        return [cand]
    a_run, a_start = head.group("a"), head.start("a")
    if head.group("sep") == "、" and not (  # 五、六千个: consecutive single digits only
            len(a_run) == 1 and a_run in numerals.DIGIT_CHARS and run[:1] in numerals.DIGIT_CHARS
            and numerals.parse_number(run[0]) == (numerals.parse_number(a_run) or 0) + 1):
        return [cand]
    if _blocked_context(doc, a_start) or doc.masked(a_start, head.end("a")):
        return [cand]
    a_value = numerals._parse_decimal(a_run, allow_bare_unit=False)
    if a_value is None:
        return [cand]
    if cand.kind == "date":
        if cand.m is not None or numerals.parse_year(a_run) is None:
            return [cand]
        first = _Cand("date", a_start, cand.end)
        first.y, first.y_explicit, first.scope = numerals.parse_year(a_run), True, None
    else:
        scale = _inherited_scale(a_run, a_value, run)
        if text.startswith("成", n_start + len(run)):
            scale = Decimal(10)  # 一至两成: tenths
        first = _Cand(cand.kind, a_start, cand.end, value=float(a_value * scale), unit=cand.unit,
                      qualifier=cand.qualifier)
        first.subject = cand.subject
    prefix_q, q_start = _prefix_qualifier(doc, a_start, bare=False)
    if prefix_q:
        first.qualifier = cand.qualifier = _combine(prefix_q, None, None if cand.qualifier == "exact"
                                                    else cand.qualifier)
        first.start = q_start
    cand.start = first.start
    first.ranged = cand.ranged = True
    return [first, cand]


def _inherited_scale(a_run: str, a_value: Decimal, b_run: str) -> Decimal:
    """The multiplier a range's first number takes from the second (五、六千, 2-3万, 十八至三十万)."""
    if a_run[-1:] in _MULTIPLIER_CHARS:
        return Decimal(1)
    suffix = b_run[len(b_run.rstrip(_UNIT_CHARS)):]  # the units ending the second number
    if any(ch in _UNIT_CHARS for ch in a_run):  # 十八至三十万: only the 万/亿 part
        suffix = suffix[len(suffix.rstrip(_MULTIPLIER_CHARS)):]
    if not suffix:
        return Decimal(1)
    lead = numerals._parse_decimal(b_run[: len(b_run) - len(suffix)], allow_bare_unit=False)
    scale = numerals._parse_decimal(suffix, allow_bare_unit=True)
    if lead is None or scale is None or a_value >= lead:
        return Decimal(1)
    return scale


def _merge_adjacent_ranges(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Two figures of a kind joined by a range separator share the range's text."""
    text = doc.text
    for a, b in itertools.pairwise(cands):
        if not 0 < b.start - a.end <= 8 or a.kind != b.kind or a.ranged or b.ranged:
            continue
        if not _SEP_ONLY.match(text, a.end, b.start):
            continue
        if a.kind == "date":
            if not b.y_explicit and a.y is not None:
                b.y, b.y_explicit = a.y, a.y_explicit
            if b.m is None and b.d is not None and a.m is not None:
                b.m = a.m
        a.end, b.start = b.end, a.start
        a.ranged = b.ranged = True
    return cands


# ---- dates

def _date_cand(doc: _Doc, start: int, end: int, y: int | None, m: int | None, d: int | None, *,
               y_explicit: bool, scope: str | None = None) -> _Cand:
    cand = _Cand("date", start, end)
    if y is None and not y_explicit and m is not None and doc.y is not None:
        y = doc.y
    cand.y, cand.m, cand.d, cand.y_explicit, cand.scope = y, m, d, y_explicit, scope
    if y is not None:  # 同年, 次年, 同月 refer to the latest date mentioned
        doc.anchor_y, doc.anchor_m = y, m
    if m is not None and d is not None:  # and 当日, 5天后 to the latest day
        doc.anchor_day = (y, m, d)
    return cand


def _month(text: str | None) -> int | None:
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    value = numerals.parse_number(text)
    return int(value) if value is not None and value.is_integer() and 1 <= value <= 12 else None


def _day(text: str | None) -> int | None:
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= 31 else None
    value = numerals.parse_number(text)
    return int(value) if value is not None and value.is_integer() and 1 <= value <= 31 else None


def _numeric_date(doc: _Doc, m: re.Match) -> list[_Cand]:
    y, mo, d = int(m.group("nd_y")), int(m.group("nd_m")), int(m.group("nd_d"))
    if not _valid_day(y, mo, d):
        return []
    return [_date_cand(doc, m.start(), _match_end(m), y, mo, d, y_explicit=True)]


def _month_part(doc: _Doc, m: re.Match, tag: str, y: int | None, *, y_explicit: bool,
                start: int) -> list[_Cand] | None:
    """Figures of the month part of a date match (month/day ranges give two)."""
    month = _month(m.group("m" + tag))
    if month is None:
        return None
    end = _match_end(m)
    scope = _SCOPES.get((m.group("ms" + tag) or "")[-1:])  # 月底 / 底
    month2 = _month(m.group("mm" + tag))
    if m.group("mm" + tag) is not None:
        if month2 is None:
            return None
        first = _date_cand(doc, start, end, y, month, None, y_explicit=y_explicit)
        second = _date_cand(doc, start, end, y, month2, None, y_explicit=y_explicit, scope=scope)
        first.ranged = second.ranged = True
        return [first, second]
    day_text = m.group("d" + tag)
    if day_text is None:
        return [_date_cand(doc, start, end, y, month, None, y_explicit=y_explicit, scope=scope)]
    day = _day(day_text)
    if day is None or not _valid_day(y if y_explicit else None, month, day):
        return None
    day2_text = m.group("dd" + tag) or m.group("de" + tag)
    first = _date_cand(doc, start, end, y, month, day, y_explicit=y_explicit)
    if day2_text is None:
        return [first]
    day2 = _day(day2_text)
    if day2 is None or not _valid_day(y if y_explicit else None, month, day2):
        return None
    second = _date_cand(doc, start, end, y, month, day2, y_explicit=y_explicit)
    first.ranged = second.ranged = True
    return [first, second]


def _fiscal_year(doc: _Doc, m: re.Match) -> list[_Cand]:
    """2022-23年度, 二〇二二至二三年度: a fiscal year across two calendar years gives both."""
    first = numerals.parse_year(m.group("fy"))
    tail = numerals.parse_number(m.group("fy2"))
    if first is None or tail is None:
        return []
    second = first - first % 100 + int(tail)
    if second != first + 1:
        return []
    a = _date_cand(doc, m.start(), _match_end(m), first, None, None, y_explicit=True)
    b = _date_cand(doc, m.start(), _match_end(m), second, None, None, y_explicit=True)
    a.ranged = b.ranged = True
    return [a, b]


def _year_date(doc: _Doc, m: re.Match) -> list[_Cand]:
    text = doc.text
    ya = m.group("ya")
    y = int(ya) if ya.isascii() else numerals.parse_year(ya)
    if y is None or not 1000 <= y <= 2999:
        return []
    start = m.start()
    if start and text.endswith(doc.lex.contexts["duration_before_year"], 0, _prev_index(text, start)):
        return []  # 近1000年, 历时2000年
    if start >= 2 and text.startswith("**", start - 2):  # **2018** 年
        start -= 2
    if m.group("ma") is not None:
        return _month_part(doc, m, "a", y, y_explicit=True, start=start) or []  # 2019年2月29日: no date
    ys = m.group("ys")
    if ys is None and text.startswith(doc.lex.contexts["year_not_before"], _match_end(m)):
        return []  # 1000年历史, 2000年以上: a duration
    scope = _SCOPES.get(ys[-1]) if ys else None
    cand = _date_cand(doc, start, _match_end(m), y, None, None, y_explicit=True, scope=scope)
    return _with_range_head(doc, cand, ya, m.start())


def _roc_date(doc: _Doc, m: re.Match) -> list[_Cand]:
    """中華民國112年3月5日, 民國111年度: a year of the Republic of China era is that year plus 1911."""
    y = numerals.parse_roc_year(m.group("rocy"))
    if y is None:
        return []
    if m.group("mr") is not None:
        return _month_part(doc, m, "r", y, y_explicit=True, start=m.start()) or []
    ys = m.group("rocs")
    scope = _SCOPES.get(ys[-1]) if ys else None
    return [_date_cand(doc, m.start(), _match_end(m), y, None, None, y_explicit=True, scope=scope)]


def _paren_day(doc: _Doc, m: re.Match) -> list[_Cand]:
    """今（5）日, 昨（4）日: a day of the document's month in brackets (Taiwan's press style); a day after
    the document's own (昨（31）日 in a release of the 1st) is in the month before."""
    day = int(m.group("pday_n").translate(resources.FULLWIDTH_TO_ASCII))
    if not 1 <= day <= 31:
        return []
    cand = _Cand("date", m.start(), _match_end(m))
    y, mo = doc.y, doc.m
    if mo is None:
        return []  # no month in reach: skipped (GUIDELINES.md)
    if y is not None and mo is not None:
        if doc.d is not None and day > doc.d + 1:
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        if _valid_day(y, mo, day):
            cand.y, cand.m = y, mo
    cand.d = day
    return [cand]


def _month_date(doc: _Doc, m: re.Match) -> list[_Cand]:
    text = doc.text
    month_text = m.group("mb")
    if _blocked_context(doc, m.start()):
        return []
    if (not month_text[0].isdigit() and m.group("db") is None and m.group("msb") is None
            and m.group("mmb") is None):
        nxt = text[_match_end(m):_match_end(m) + 1]
        if nxt and nxt not in _CN_MONTH_ONLY_NEXT:
            return []
    found = _month_part(doc, m, "b", None, y_explicit=False, start=m.start())
    return found or []


def _days_from(doc: _Doc, start: int, end: int, days: int, *, anchored: bool) -> list[_Cand]:
    """A date ``days`` after the date the text just gave (``anchored``: 5天后, 次日, 当日) or, failing
    that, the document's own date (昨日, 三天前); a year-less base gives a year-less date."""
    base = doc.anchor_day if anchored and doc.anchor_day is not None else None
    if base is None:
        if doc.y is None or doc.m is None or doc.d is None:
            base = doc.anchor_day
        else:
            base = (doc.y, doc.m, doc.d)
    if base is None:
        return []
    y, mo, d = base
    try:
        day = _dt.date(y if y is not None else 2001, mo, d) + _dt.timedelta(days=days)
    except (OverflowError, ValueError):
        return []
    cand = _date_cand(doc, start, end, day.year if y is not None else None, day.month, day.day, y_explicit=True)
    return [cand]


def _offset_date(doc: _Doc, m: re.Match) -> list[_Cand]:
    if not doc.config.resolve_relative:
        return []
    if doc.y is None and not (m.group("offu") in ("天", "日") and doc.anchor_day is not None
                              or m.group("offu") == "年" and m.group("offd") != "前" and doc.anchor_y is not None):
        return []
    n = numerals.parse_number(m.group("off"))
    if n is None or not n.is_integer() or n <= 0 or n > 999:
        return []
    p = _prev_index(doc.text, m.start())
    if p and doc.text.endswith(doc.lex.contexts["vague"], 0, p):
        return []
    sign = -1 if m.group("offd") == "前" else 1
    unit, k = m.group("offu"), int(n) * sign
    if unit == "年":
        base = doc.anchor_y if sign > 0 and doc.anchor_y is not None else doc.y  # 1987年…6年后
        if base is None:
            return []
        return [_date_cand(doc, m.start(), _match_end(m), base + k, None, None, y_explicit=True)]
    if unit in ("个月", "個月"):
        if doc.m is None:
            return []
        y, mo = divmod(doc.y * 12 + doc.m - 1 + k, 12)
        return [_date_cand(doc, m.start(), _match_end(m), y, mo + 1, None, y_explicit=True)]
    days = k * 7 if unit in ("周", "週", "个星期", "個星期") else k
    return _days_from(doc, m.start(), _match_end(m), days, anchored=sign > 0)


def _relative_year(doc: _Doc, m: re.Match) -> list[_Cand]:
    word, text = m.group("rel"), doc.text
    if word in _ANCHOR_YEARS:
        base = doc.anchor_y if doc.anchor_y is not None else (doc.y if word in ("当年", "當年") else None)
        y = None if base is None else base + _ANCHOR_YEARS[word]
    else:
        y = None if doc.y is None else doc.y + _RELATIVE_YEARS[word]
    if not doc.config.resolve_relative:
        return []
    if m.group("mc") is not None:  # with no year to resolve against, the month is what is known (--03)
        found = _month_part(doc, m, "c", y, y_explicit=True, start=m.start())
        return found or []
    if y is None:
        return []
    if m.group("rs") is not None:
        scope = _SCOPES[m.group("rs")[-1]]
        return [_date_cand(doc, m.start(), _match_end(m), y, None, None, y_explicit=True, scope=scope)]
    if m.group("rbm") is not None:  # 去年本月十日
        day = _day(m.group("rbd"))
        if doc.m is None or day is None or not _valid_day(y, doc.m, day):
            return []
        return [_date_cand(doc, m.start(), _match_end(m), y, doc.m, day, y_explicit=True)]
    if word not in _BARE_RELATIVE_OK:
        return []
    before = text[m.start() - 1] if m.start() else ""
    after = text[_match_end(m):_match_end(m) + 1]
    if before and before in _BARE_RELATIVE_NOT_AFTER or after and after in _BARE_RELATIVE_NOT_BEFORE:
        return []
    return [_date_cand(doc, m.start(), _match_end(m), y, None, None, y_explicit=True)]


def _relative_month(doc: _Doc, m: re.Match) -> list[_Cand]:
    word = m.group("relm")
    if not doc.config.resolve_relative:
        return []
    if word in _ANCHOR_MONTHS:
        if doc.anchor_y is None or doc.anchor_m is None:
            return []
        base_y, base_m, k = doc.anchor_y, doc.anchor_m, _ANCHOR_MONTHS[word]
    else:
        if doc.y is None or doc.m is None:
            return []
        base_y, base_m, k = doc.y, doc.m, _RELATIVE_MONTHS[word]
    y, mo = divmod(base_y * 12 + base_m - 1 + k, 12)
    day = _day(m.group("relm_d"))
    if day is None or not _valid_day(y, mo + 1, day):
        return []
    return [_date_cand(doc, m.start(), _match_end(m), y, mo + 1, day, y_explicit=True)]


_DAY_WORDS = re.compile(r"昨日|当日|當日|同日|次日|翌日|第二年")  # literal-led: a fast scan; contexts checked in code
_DAY_WORD_NOT_AFTER = frozenset("今昨明前后後")
_DAY_WORD_NOT_BEFORE = frozenset("子常益期报報")
_YEAR2_NOT_AFTER = frozenset("0123456789一二三四五六七八九十")
_YEAR2_NOT_BEFORE = frozenset("级級度")


def _with_day_words(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Add 昨日, 当日, 同日, 次日 and 第二年, counted from the date the text just gave (昨日: from the
    document's own date when it has one) (GUIDELINES.md: relative dates the text pins down)."""
    dated = [c for c in cands if c.kind == "date"]
    starts = [c.start for c in dated]
    found: list[_Cand] = []
    text = doc.text
    for m in _DAY_WORDS.finditer(text):
        year2 = m.group() == "第二年"
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (before in (_YEAR2_NOT_AFTER if year2 else _DAY_WORD_NOT_AFTER) and before
                or after in (_YEAR2_NOT_BEFORE if year2 else _DAY_WORD_NOT_BEFORE) and after):
            continue
        if any(c.start < m.end() and m.start() < c.end for c in dated[max(0, bisect.bisect_left(starts, m.start()) - 1):
                                                                     bisect.bisect_left(starts, m.end())]):
            continue
        before = dated[:bisect.bisect_left(starts, m.start())]
        if year2:
            base = next((c for c in reversed(before) if c.y is not None and c.y_explicit), None)
            if base is not None:
                found.append(_Cand("date", m.start(), m.end()))
                found[-1].y, found[-1].y_explicit = base.y + 1, True
            continue
        word = m.group()
        last = next((c for c in reversed(before) if c.m is not None and c.d is not None), None)
        own = (doc.y, doc.m, doc.d) if doc.d is not None else None
        last_day = (last.y if last.y_explicit or doc.y is not None else None, last.m, last.d) if last else None
        if word == "昨日":
            base, shift = own or last_day, -1
        elif word in ("次日", "翌日"):
            base, shift = last_day, 1
        else:
            base, shift = last_day or own, 0
        if base is None:
            continue
        y, mo, d = base
        try:
            day = _dt.date(y if y is not None else 2001, mo, d) + _dt.timedelta(days=shift)
        except (OverflowError, ValueError):
            continue
        cand = _Cand("date", m.start(), m.end())
        cand.y, cand.m, cand.d, cand.y_explicit = (day.year if y is not None else None), day.month, day.day, True
        found.append(cand)
    if not found:
        return cands
    return sorted([*cands, *found], key=lambda c: c.start)


_FRACTION_WORDS = re.compile("分之|一半")  # literal-led: a fast scan
_FRACTION_DEN = re.compile(r"(?<![0-9０-９一二三四五六七八九十百千万萬亿億零〇两兩])(?:[一二三四五六七八九十两兩]{1,3}|[0-9]{1,3})\Z")
_FRACTION_NUM = re.compile(r"(?:[一二三四五六七八九十两兩]{1,3}|[0-9]{1,3})(?![0-9０-９一二三四五六七八九十百千万萬])")
_HALF_NOT_AFTER = frozenset("另多大小两兩")


def _with_fractions(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """三分之一 is 33.33 %, 一半 50 % (GUIDELINES.md: fractions are percentages)."""
    found = []
    text = doc.text
    for m in _FRACTION_WORDS.finditer(text):
        if m.group() == "一半":
            if m.start() and text[m.start() - 1] in _HALF_NOT_AFTER:
                continue
            lo, hi, value = m.start(), m.end(), 50.0
        else:
            den_m = _FRACTION_DEN.search(text, max(0, m.start() - 3), m.start())
            num_m = _FRACTION_NUM.match(text, m.end())
            if den_m is None or num_m is None:
                continue
            den, num = numerals.parse_number(den_m.group()), numerals.parse_number(num_m.group())
            if not den or num is None or not 0 < num <= den:
                continue
            lo, hi, value = den_m.start(), num_m.end(), round(num / den * 100, 2)
        if any(c.start < hi and lo < c.end for c in cands):
            continue
        prefix_q, start = _prefix_qualifier(doc, lo, bare=False)
        suffix_q, end = _suffix_qualifier(doc, hi)
        found.append(_Cand("percent", start, end, value, "%", _combine(prefix_q, None, suffix_q)))
    if not found:
        return cands
    return sorted([*cands, *found], key=lambda c: c.start)


def _bare_day(doc: _Doc, m: re.Match) -> list[_Cand]:
    """A day without month (29日) is in the document's month (``---29`` without a document date)."""
    if not doc.config.bare_days or _blocked_context(doc, m.start()):
        return []
    p = _prev_index(doc.text, m.start())
    if p and doc.text.endswith(doc.lex.contexts["duration_before_year"], 0, p):
        return []
    day = _day(m.group("bd"))
    if day is None or doc.m is None:
        return []  # no month in reach: skipped (GUIDELINES.md)
    cand = _Cand("date", m.start(), _match_end(m))
    if doc.y is not None and _valid_day(doc.y, doc.m, day):
        cand.y, cand.m = doc.y, doc.m  # else ---DD: not a day of the document's month
    cand.d = day
    return [cand]


def _event_year(doc: _Doc, m: re.Match) -> list[_Cand]:
    """A bare year is a date in an event, edition or plan name, or a title in 《》."""
    if not doc.config.event_years:
        return []
    text, start, end = doc.text, m.start(), _match_end(m)
    y = int(m.group("ey"))
    if not 1900 <= y <= 2100 or _blocked_context(doc, start):
        return []
    if text[end:end + 1] in _RANGE_SEP_CHARS:  # 2022—2025年: the range gives both years
        return []
    open_title = text.rfind("《", max(0, start - 40), start)
    if open_title >= 0 and text.rfind("》", open_title, start) < 0 and "》" in text[end:end + 40]:
        return [_date_cand(doc, start, end, y, None, None, y_explicit=True)]
    j = end
    while j < len(text) and text[j] in " ·•・":
        j += 1
    if j >= len(text) or not _HAN.match(text[j]) or text[j] in _RANGE_SEP_CHARS or text[j] in "年月日号號":
        return []
    k = j
    while k < min(len(text), j + 25) and (_HAN.match(text[k]) or text[k] in " ·•・"):
        k += 1
    stretch = text[j:k]
    if any(noun in stretch for noun in doc.lex.event_nouns):
        return [_date_cand(doc, start, end, y, None, None, y_explicit=True)]
    return []


# ---- percent and currency prefixes

def _percent_prefix(doc: _Doc, m: re.Match) -> list[_Cand]:
    """百分之十五 is 15 %, 千分之一 0.1 %, 千万分之六 0.00006 %; 百分之百 is 100 %."""
    value = numerals._parse_decimal(m.group("ppn"), allow_bare_unit=m.group("ppn") in ("百", "佰"))
    denominator = numerals._parse_decimal(m.group("pp"), allow_bare_unit=True)
    if value is None or not denominator or _inner_vague(m.group("ppn")):
        return []
    prefix_q, q_start = _prefix_qualifier(doc, m.start(), bare=False)
    suffix_q, end = _suffix_qualifier(doc, _match_end(m))
    value = value * 100 / denominator
    cand = _Cand("percent", q_start, end, value=float(value), unit="%",
                 qualifier=_combine(prefix_q, None, suffix_q))
    return [cand]


def _currency_prefix(doc: _Doc, m: re.Match) -> list[_Cand]:
    lex = doc.lex
    run = m.group("cpn")
    if _inner_vague(run):
        return []
    bare = not run.strip(_BARE_MULTIPLIERS)
    value = numerals._parse_decimal(run, allow_bare_unit=True)
    if value is None:
        return []
    iso = lex.currency_prefix[m.group("cp")]
    if m.group("cpe"):
        value = value * Decimal(str(lex.english_multipliers[m.group("cpe")]))
    end = _match_end(m)
    suffix_unit = m.group("cpu")
    if suffix_unit:
        suffix_iso = lex.units[suffix_unit][1]
        if suffix_unit not in ("元", "圆", "圓", "元整", "圆整", "圓整"):
            iso = suffix_iso
        value, _, end = _money_tail(doc, suffix_unit, value, iso, end)
    prefix_q, q_start = _prefix_qualifier(doc, m.start(), bare=bare)
    suffix_q, end = _suffix_qualifier(doc, end)
    inner_q = "over" if any(ch in _INNER_APPROX for ch in run) else None
    if bare and not (prefix_q or inner_q or suffix_q):
        return []
    return [_Cand("money", q_start, end, value=float(value), unit=iso,
                  qualifier=_combine(prefix_q, inner_q, suffix_q))]


# ---- subjects (the noun counted or measured), from part-of-speech tags of short windows

#: jieba/ICTCLAS tags that can head the noun counted: nouns, names, abbreviations, verbal nouns,
#: foreign words (13 家 JLABS) and single-character noun morphemes (创新/v 园/zg).
_HEAD_POS = frozenset(("n", "nr", "nr1", "nr2", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nl", "j", "vn", "an",
                       "eng", "zg"))
#: Tags of words that modify a head noun without heading one: adjectives, distinguishing words
#: (国家级, 三甲), place and time words (国内外, 早期), suffixes (科技型).
_MODIFIER_POS = frozenset(("a", "b", "s", "t", "k"))
#: Common nouns that a verb can turn into a compound noun (签约项目, 入驻企业, 参展企业).
_COMPOUND_HEAD_POS = frozenset(("n", "ng", "zg"))
#: Names of places and organisations: after 有/达 they are the topic (香港有1,500家), not the noun counted.
_TOPIC_POS = frozenset(("ns", "nt"))
_SUBJECT_POS = _HEAD_POS | _MODIFIER_POS
#: Characters that end the clause a subject is looked for in (the list comma 、 ends a noun, not a clause).
_CLAUSE_END = "，。；：！？,;:!?（）()《》“”\"「」『』【】[]\n\r…"
_CLAUSE_STOP = re.compile("[" + re.escape(_CLAUSE_END) + "]")
_AHEAD_CHARS = 16       # the noun after a measure word is looked for this far
_RELATIVE_CHARS = 40    # and the 的 of a relative clause (从事...的科技公司) this far
_BEHIND_CHARS = 12


class _Window:
    """A stretch of text right after or before a figure, and its tagged words (``(norm, pos, start, end)``,
    spans in the windows joined; ``shift`` turns them into offsets in the document)."""

    __slots__ = ("shift", "start", "stop", "tokens")

    def __init__(self, start: int, stop: int) -> None:
        self.start, self.stop = start, stop   # offsets in the document
        self.tokens: list = []
        self.shift = 0


# fields of a tagged word (norm, pos, start, end), read by index (faster than by name)
_NORM, _POS, _START, _END = 0, 1, 2, 3
_norm_of, _start_of = operator.itemgetter(_NORM), operator.itemgetter(_START)


def _fill_subjects(doc: _Doc, cands: list[_Cand]) -> None:
    """Give counts, headcounts and quantities the noun counted (``subject``), in the document's script.

    The noun phrase right after the measure word (26个重磅产业项目, 20余家首批入驻企业) or, when
    a relative clause with 的 comes first, the one after its 的 (逾1,200间从事...的科技公司); when
    nothing nominal follows and the figure ends its clause, the noun phrase before it
    (拥有注册商标580个, 企业总数达506家); else None. The short windows of all figures of a
    document are tagged together, once, with the tokenizer of :func:`corpus_tools.tokens.tokenize`.
    """
    text = doc.text
    pairs: list[tuple[_Cand, _Window | None, _Window | None]] = []
    windows: list[_Window] = []
    for c in cands:
        if c.kind not in _SUBJECT_KINDS or c.subject is not None:
            continue
        after = c.end if c.end == len(text) or text[c.end] not in _SPACES else _skip_spaces(text, c.end)
        ahead = _ahead_window(text, after)
        behind = _behind_window(text, c.start) if _ends_clause(text, after) else None
        if ahead is not None:
            windows.append(ahead)
        if behind is not None:
            windows.append(behind)
        if ahead is not None or behind is not None:
            pairs.append((c, ahead, behind))
    if not windows:
        return
    _tokenize_windows(text, windows)
    limit = doc.config.max_subject_chars
    contexts = doc.lex.contexts
    for c, ahead, behind in pairs:
        span = _subject_ahead(ahead.tokens, contexts) if ahead is not None else None
        window = ahead
        if span is None and behind is not None:
            after_de = text.startswith("的", _skip_spaces(text, c.end))
            span, window = _subject_behind(behind.tokens, contexts, after_de=after_de), behind
        if span is not None:
            c.subject = _trimmed(text, span[0] + window.shift, span[1] + window.shift, limit)


_SUBJECT_KINDS = frozenset(("count", "people", "quantity"))


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACES:  # rarely more than one
        pos += 1
    return pos


def _ahead_window(text: str, start: int) -> _Window | None:
    if start >= len(text):
        return None
    first = text[start]
    if first.isascii() and not first.isalpha() or first in _CLAUSE_END:
        return None  # 国家级高新区8个、省级高新区32个: the noun came first
    clause = _CLAUSE_STOP.search(text, start, start + _RELATIVE_CHARS)
    clause_end = clause.start() if clause else min(len(text), start + _RELATIVE_CHARS)
    de = text.find("的", start + 1, clause_end)
    stop = min(clause_end, start + _AHEAD_CHARS) if de < 0 else min(len(text), de + 1 + _AHEAD_CHARS)
    if de >= 0:
        after = _CLAUSE_STOP.search(text, de, stop)
        stop = after.start() if after else stop
    return _Window(start, stop)


def _behind_window(text: str, start: int) -> _Window | None:
    stop = start
    while stop > 0 and text[stop - 1] in _SPACES:
        stop -= 1
    lo = max(0, stop - _BEHIND_CHARS)
    begin = stop
    while begin > lo and text[begin - 1] not in _CLAUSE_END and text[begin - 1] != "、":
        begin -= 1
    return _Window(begin, stop) if begin < stop else None


def _ends_clause(text: str, pos: int) -> bool:
    """A figure that closes its clause (员工约150人，) is a complement: the noun before it is counted.
    One followed by a verb (近300人参加) is the clause's own subject (``pos``: after the figure and spaces)."""
    return pos >= len(text) or text[pos] in _CLAUSE_END or text[pos] in "、的及和与與"


def _tokenize_windows(text: str, windows: list[_Window]) -> None:
    """Tokenize all windows in one call (a line break between two never joins their words)."""
    tagged = _tagged("\n".join([text[w.start:w.stop] for w in windows]))
    starts = list(map(_start_of, tagged))
    lo, offset = 0, 0
    for w in windows:
        stop = offset + w.stop - w.start
        hi = bisect.bisect_left(starts, stop, lo)
        w.tokens, w.shift = tagged[lo:hi], w.start - offset
        lo, offset = hi, stop + 1


def _tagged(text: str) -> list[tuple[str, str, int, int]]:
    """The words of :func:`corpus_tools.tokens.tag` as ``(norm, pos, start, end)``: full-width letters and
    digits folded as in ``tokens.tokenize``'s norms, spaces and line breaks dropped (as by ``tokenize``)."""
    from . import tokens

    tagged = tokens.tag(text)
    if resources.FULLWIDTH.search(text):  # ＡＢＣ
        fold = resources.FULLWIDTH_TO_ASCII
        tagged = [(word.translate(fold), pos, start, end) for word, pos, start, end in tagged]
    # a blank is a word of its own, and its own whole word: the words left after strip() are the others
    return list(itertools.compress(tagged, map(str.strip, map(_norm_of, tagged))))


def _is_nominal_char_run(norm: str, pos: str) -> bool:
    """A run of Han characters the tagger did not know (皂/n 苷/x) continues a noun."""
    return pos == "x" and _HAN.match(norm) is not None


def _modifies(tokens: list, j: int) -> bool:
    """A verb inside a noun phrase: one that occurs in names (医药健康创新企业, 转化专题活动),
    or one made an adjective by a suffix (共享型储能电站)."""
    return tokens[j][_NORM] in resources.NAME_VERBS or j + 1 < len(tokens) and tokens[j + 1][_POS] == "k"


def _noun_run(tokens: list, i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i``: modifiers then nouns, ending with a head noun.

    A time word heads one only after a modifier (本地青年), a pronoun only opens one (各类活动)."""
    j, head = i, -1
    while j < len(tokens):
        norm, pos = tokens[j][_NORM], tokens[j][_POS]
        if pos in _HEAD_POS or _is_nominal_char_run(norm, pos) or (pos == "t" and j > i):
            head = j
        elif not (pos in _MODIFIER_POS or pos == "r" and j == i or pos == "v" and _modifies(tokens, j)):
            break
        j += 1
    return (tokens[i][_START], tokens[head][_END]) if head >= 0 else None


def _subject_ahead(tokens: list, contexts: dict) -> tuple[int, int] | None:
    if not tokens:
        return None
    i = 0
    if tokens[0][_NORM] == "的":  # 12万平方米的科创空间
        return _noun_run(tokens, 1) if len(tokens) > 1 else None
    if tokens[0][_POS] == "m" and not any(ch.isdigit() or ch in numerals.DIGIT_CHARS for ch in tokens[0][_NORM]):
        i = 1  # 20余家首批入驻企业
    if i < len(tokens) and tokens[i][_NORM] in contexts["subject_scale_nouns"]:
        i += 1  # 500MWh规模共享型储能电站
    if i >= len(tokens):
        return None
    found = _noun_run(tokens, i)
    if found is not None:
        return found
    first = tokens[i]
    if (first[_POS] == "v" and len(first[_NORM]) <= 2 and i + 1 < len(tokens) and len(tokens[i + 1][_NORM]) <= 3
            and (tokens[i + 1][_POS] in _COMPOUND_HEAD_POS
                 or tokens[i + 1][_POS] == "vn" and (i + 2 >= len(tokens) or tokens[i + 2][_NORM] != "的"))):
        return first[_START], tokens[i + 1][_END]  # 签约项目, 入驻企业, 招聘活动: a verb and a short (verbal) noun
    return _after_relative_clause(tokens, i)


def _after_relative_clause(tokens: list, i: int) -> tuple[int, int] | None:
    """逾1,200间从事生物医药技术、人工智能...的科技公司: the noun after a relative clause's 的.

    The clause holds no other number and its 的 is not one of 中的/在内的 (among, including)."""
    for k in range(i, len(tokens)):
        norm, pos = tokens[k][_NORM], tokens[k][_POS]
        if norm == "的":
            before = tokens[k - 1][_POS] if k > i else ""
            if before in ("f", "r", "u", "m") or k + 1 >= len(tokens):
                return None
            return _noun_run(tokens, k + 1)
        if pos == "m" or (pos == "x" and norm != "、" and not _HAN.match(norm)):
            return None
    return None


def _subject_behind(tokens: list, contexts: dict, *, after_de: bool) -> tuple[int, int] | None:
    """The noun phrase before a figure that closes its clause: 拥有注册商标580个, 外资研发中心共有506家."""
    j = len(tokens)
    linked = False
    if not after_de:  # 拥有员工300人的公司: only a noun right before the figure
        while j and tokens[j - 1][_POS] == "d":
            j -= 1
        if j and tokens[j - 1][_NORM] in contexts["subject_links"]:
            j, linked = j - 1, True
            while j and tokens[j - 1][_POS] == "d":
                j -= 1
    k = j
    while k:
        norm, pos = tokens[k - 1][_NORM], tokens[k - 1][_POS]
        if pos == "b" and k >= 2 and tokens[k - 2][_POS] in _HEAD_POS:
            break  # 团队现有/b 博士: a distinguishing word after a noun is a predicate
        if pos not in _SUBJECT_POS and not _is_nominal_char_run(norm, pos):
            break
        k -= 1
    if j > k + 1 and tokens[j - 1][_NORM] in contexts["subject_amount_nouns"]:
        j -= 1  # 企业总数达506家, 员工人数约17,000人: the noun counted is 企业, 员工
    if k == j or tokens[j - 1][_POS] not in _HEAD_POS:
        return None
    if linked and tokens[j - 1][_POS] in _TOPIC_POS:
        return None  # 香港有逾1,500家: a place is where they are, not what is counted
    if k and tokens[k - 1][_POS] == "r" and len(tokens[k - 1][_NORM]) == 1 and j - k >= 2:
        k += 1  # 该项目占地面积: the demonstrative's noun owns the measured one
    if tokens[k][_POS] == "vn" and j - k >= 2 and (j - k > 2 or len(tokens[j - 1][_NORM]) > 3):
        k += 1  # 办理人大代表建议320件: a verbal noun before a longer phrase is its verb (but 投资项目)
    end, last = tokens[j - 1][_END], tokens[j - 1][_NORM]
    for noun in contexts["subject_amount_nouns"]:  # one word for both: 汽车产量 -> 汽车
        if len(noun) > 1 and len(last) > len(noun) and last.endswith(noun):
            end -= len(noun)
            break
    return tokens[k][_START], end


def _trimmed(text: str, start: int, end: int, limit: int) -> str | None:
    """The subject as written, at most ``limit`` characters (the last ones: the head noun)."""
    if not limit:
        return None
    return text[max(start, end - limit):end].strip() or None


# ---------------------------------------------------------------- output

def _date_string_of(c: _Cand) -> str | None:
    y, m, d = c.y, c.m, c.d
    if m is None and d is None:
        return None if y is None else f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}" if y is not None else f"--{m:02d}"
    if m is None:
        return f"---{d:02d}"
    if y is not None and _valid_day(y, m, d):
        return f"{y:04d}-{m:02d}-{d:02d}"
    if y is not None and c.y_explicit:
        return None
    return f"--{m:02d}-{d:02d}"


class _Sentences:
    """The sentences of a text as :func:`segment.split_sentences` cuts them, found around
    positions given in increasing order (searching only between them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.reversed = ""      # the text backwards: the last boundary before a position in one search
        self.lo = 0             # a sentence boundary at or before the next position
        self.start = self.end = -1
        self.string = ""

    def around(self, pos: int) -> str:
        if self.start <= pos < self.end:
            return self.string
        text, lo, n = self.text, self.lo, len(self.text)
        if not self.reversed:
            self.reversed = text[::-1]
        last = _SENTENCE_BOUNDARY.search(self.reversed, n - pos, n - lo)
        t = -1 if last is None else n - 1 - last.start()
        start = lo if t < 0 else t + 1
        if t >= 0 and text[t] != "\n":  # closing quotes after 。 end the previous sentence
            while start < pos and text[start] in _CLOSERS:
                start += 1
        boundary = _SENTENCE_BOUNDARY.search(text, pos)  # a fast scan, as SENTENCE_END's is not
        match = None if boundary is None else resources.SENTENCE_END.match(text, boundary.start())
        if match is None:
            end = self.lo = len(text)
        else:
            end = match.end() if match.group()[0] != "\n" else match.start()
            self.lo = match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if not start <= pos < end:  # only if a figure began on a blank: its own character
            return text[pos:pos + 1]
        self.start, self.end, self.string = start, end, text[start:end]
        return self.string


_CLOSERS = "”’」』）)】》"
_SENTENCE_BOUNDARY = re.compile("[。！？!?；;…\n]")  # the characters resources.SENTENCE_END starts with


def _finish(doc: _Doc, cands: list[_Cand], doc_id: str | None) -> list[Figure]:
    text = doc.text
    if doc.config.subjects:
        _fill_subjects(doc, cands)
        _fill_money_subjects(doc, cands)
    sentences = _Sentences(text)
    out: list[Figure] = []
    groups: dict[tuple, int] = {}
    n_ranges = 0
    previous: _Cand | None = None
    previous_bound: str | None = None
    for c in cands:
        date = None
        if c.kind == "date":
            date = _date_string_of(c)
            if date is None:
                previous = None
                continue
        bound = range_id = None
        if c.ranged:
            if (previous is not None and previous_bound == "low" and previous.start == c.start
                    and previous.end == c.end and previous.kind == c.kind):
                bound, range_id = "high", n_ranges - 1
            else:
                bound, range_id = "low", n_ranges
                n_ranges += 1
        key = (c.kind, date if c.kind == "date" else c.value, c.unit, c.subject, bound)
        group = groups.setdefault(key, len(groups))
        sentence = sentences.string if sentences.start <= c.start < sentences.end else sentences.around(c.start)
        out.append(_figure((doc_id, c.kind, text[c.start:c.end], c.value, c.unit, c.qualifier, date,
                            c.scope, c.subject, c.start, c.end, sentence, bound, range_id, group)))
        previous, previous_bound = c, bound
    if n_ranges:
        out = _close_open_ranges(out)
    return out


def _close_open_ranges(figures: list[Figure]) -> list[Figure]:
    """A range whose second figure was left out (a date that did not resolve) is no range."""
    highs = {f.range_id for f in figures if f.bound == "high"}
    return [f if f.bound != "low" or f.range_id in highs else _replace(f, bound=None, range_id=None)
            for f in figures]


def _replace(figure: Figure, **changes) -> Figure:
    return _figure(tuple(changes.get(name, getattr(figure, name)) for name in _FIGURE_FIELDS))


def _fill_money_subjects(doc: _Doc, cands: list[_Cand]) -> None:
    """Give money figures what the money is (融资, 投资, 基金, 补贴, 营收 ...): the nearest word of
    ``data/figures_money_subjects.txt`` in the figure's clause, after it (5000万元融资, 200亿的引导基金)
    or before it (总投资约350亿元, 奖励50万元), as written."""
    pattern = resources.figure_money_subjects()
    text = doc.text
    for c in cands:
        if c.kind != "money" or c.subject is not None:
            continue
        lo = max(c.start - _MONEY_SUBJECT_BEHIND, 0)
        for i in range(c.start - 1, lo - 1, -1):
            if text[i] in resources.FIGURE_CLAUSE_PUNCT:
                lo = i + 1
                break
        hi = min(c.end + _MONEY_SUBJECT_AHEAD, len(text))
        for i in range(c.end, hi):
            if text[i] in resources.FIGURE_CLAUSE_PUNCT:
                hi = i
                break
        best, best_distance = None, None
        for m in pattern.finditer(text, lo, hi):
            if m.start() < c.end and m.end() > c.start:
                continue
            distance = c.start - m.end() if m.end() <= c.start else (m.start() - c.end) * 0.75
            if best_distance is None or distance < best_distance:
                best, best_distance = m.group(), distance
        c.subject = best


_MONEY_SUBJECT_BEHIND = 20
_MONEY_SUBJECT_AHEAD = 14


_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))


def _figure(values: tuple) -> Figure:
    """``Figure(*values)`` in half the time: a frozen dataclass's ``__init__`` sets each of its
    twelve fields with a call of ``object.__setattr__``."""
    figure = object.__new__(Figure)
    figure.__dict__.update(zip(_FIGURE_FIELDS, values))
    return figure
