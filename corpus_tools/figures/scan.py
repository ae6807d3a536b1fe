"""One pass over a text: the master regexes find candidates, each alternative's handler checks
and normalises them, and the kept candidates become :class:`Figure` records with their sentence,
range and mention group."""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from .. import resources
from ..errors import InputError
from .amounts import (
    _currency_prefix,
    _merge_adjacent_ranges,
    _number_unit,
    _percent_prefix,
    _with_fractions,
    _with_unitless_money,
)
from .context import _MASK_CONTEXT, _Doc, _match_end, _match_start
from .dates import (
    _DAY_WORDS,
    _bare_day,
    _date_string_of,
    _event_year,
    _fiscal_year,
    _month_date,
    _numeric_date,
    _offset_date,
    _paren_day,
    _relative_month,
    _relative_year,
    _roc_date,
    _with_day_words,
    _year_date,
)
from .records import DEFAULT_CONFIG, Figure, FigureConfig, _Cand
from .subjects import _fill_money_subjects, _fill_subjects


def extract_figures(text: str, *, doc_date: str | None = None, doc_id: str | None = None,
                    currency: str | None = None, config: FigureConfig = DEFAULT_CONFIG) -> list[Figure]:
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


@functools.cache
def _handlers() -> tuple[tuple, tuple]:
    """For each master regex, map every capture-group index to its alternative's handler."""
    # the group that opens each alternative (named in resources.figure_patterns) -> its handler
    markers = {
        "nd_y": _numeric_date,     # numeric date: 2023-03-31, 2023/3/31, 2023.3.31
        "fy": _fiscal_year,        # fiscal year: 2022-23年度
        "ya": _year_date,          # year with its month, day or scope: 2023年3月, 2021年底
        "md": _month_date,         # month and day without a year: 3月31日
        "off": _offset_date,       # offset from the document date: 二十年前, 3天后
        "bd": _bare_day,           # bare day: 29日
        "pp": _percent_prefix,     # written fraction: 百分之三十
        "n": _number_unit,         # number and unit or measure word: 5亿元, 300人, 24%
        "ey": _event_year,         # year of an event or plan: 中国制造2025
        "rel": _relative_year,     # relative year: 去年12月, 今年底
        "relm": _relative_month,   # relative month and day: 上个月5日
        "cp": _currency_prefix,    # currency before the amount: 人民币5亿, HK$300
        "roc": _roc_date,          # Republic-of-China era year: 民國112年
        "pday": _paren_day,        # day in brackets: 今（5）日
    }
    tables = []
    for pattern in resources.figure_patterns()[:2]:
        starts = sorted((index, markers[name]) for name, index in pattern.groupindex.items() if name in markers)
        table: list = [None] * (pattern.groups + 1)
        for index in range(1, pattern.groups + 1):
            pos = bisect.bisect_right([s for s, _ in starts], index) - 1
            table[index] = starts[pos][1]
        tables.append(tuple(table))
    return tables[0], tables[1]


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
        out.append(Figure(doc_id, c.kind, text[c.start:c.end], c.value, c.unit, c.qualifier, date,
                          c.scope, c.subject, c.start, c.end, sentence, bound, range_id, group))
        previous, previous_bound = c, bound
    if n_ranges:
        out = _close_open_ranges(out)
    return out


def _close_open_ranges(figures: list[Figure]) -> list[Figure]:
    """A range whose second figure was left out (a date that did not resolve) is no range."""
    highs = {f.range_id for f in figures if f.bound == "high"}
    return [f if f.bound != "low" or f.range_id in highs else dataclasses.replace(f, bound=None, range_id=None)
            for f in figures]
