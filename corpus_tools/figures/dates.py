"""Dates: numeric and written dates, fiscal and ROC years, bare days, event years, and relative
dates (去年, 二十年前, 同年, 次日) resolved against the document date or the last date written."""
from __future__ import annotations

import bisect
import datetime as _dt
import re

from .. import numerals, resources
from .amounts import _with_range_head
from .context import _HAN, _RANGE_SEP_CHARS, _blocked_context, _Doc, _match_end, _prev_index
from .records import _Cand, _valid_day

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


def _whole_number_to(text: str | None, highest: int) -> int | None:
    """The whole number 1..``highest`` that ``text`` writes (3, 03, 三, 十二), else None."""
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= highest else None
    value = numerals.parse_number(text)
    return int(value) if value is not None and value.is_integer() and 1 <= value <= highest else None


def _month(text: str | None) -> int | None:
    return _whole_number_to(text, 12)


def _day(text: str | None) -> int | None:
    return _whole_number_to(text, 31)


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
