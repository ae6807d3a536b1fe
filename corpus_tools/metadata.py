"""Infer a document's title, own date, source (publisher) and type from its text.

All rules are general cues of the genres the library is made for (press
releases, government replies, newspaper pages, reposted articles, notices):

* **title** -- a labelled title field of the header block (``标　　题：``, the
  index table of a government portal); else the headline above a web page's info
  bar (the line with the publication time or ``来源：``), skipping bylines and never a
  navigation, login, share or toolbar line (``新浪首页``, ``登录/注册``) nor a
  breadcrumb; else the first heading-like line at the top of the clean text (short,
  no full stop; ！？：， allowed), after an issuer line (``上海市科学技术委员会``), a
  document number (``沪科提复〔2022〕49号``) and a date line, a notice's title broken
  over lines joined with its government issuer. A newspaper page's title is its
  column title (``业界传真``); a digest of items has none. A document that opens
  with prose (a repost whose headline was lost) has no title.
* **date** -- the document's *own* date, in this order: the signature date of a
  notice's index table (``成文日期：``), a government document's signature (落款: an issuing
  body's line followed or preceded by a date line, or both on one line, at the end or right under
  the title -- ``某县统计局 某调查队（2023年5月）`` -- or a date line ending the text; read first
  when the type is policy_notice/government_report/government_reply or the issuer is a government
  body), a header date field anywhere in the header
  block (``发布时间：`` ``发表时间：`` ``发稿时间：`` ``时间：`` ``日期：``, the value on the
  same or the next line) or the info bar's time (``2019-09-24 09:10``,
  ``2026年02月10日 07时41分``; a bar's date without a time: ``来源：X 2023-06-12``), the date a newspaper
  page's or a dated digest's headline states (``财经早餐2024年8月31日``, ``早报20240831``, ``周报 8月31日``
  with the year from the header), a press-release dateline (``(香港·2023年3月31日) —``),
  a date line in the header, a sign-off date line near the end (not the ``...印发``
  print date line), a lead's dateline without a year (``本报北京6月12日电``) with the year
  the header block or the print credit states, a newspaper's print credit
  (``《人民日报》（2026年06月12日 01 版）``).
  Dates without a year (``9月10日``) are not the document's own date: the result is
  then null. ISO 8601 at the precision written (``date_precision``).
* **source** -- the publisher when the text states it, strongest first: a header
  field (``来源：`` ``发文机关：``), the info bar (``来源CSDN``, ``2019年09月07日 04:04 北京日报``),
  a byline naming the outlet (``石佳/中国青年报``), repost credits
  (``本文来自微信公众号“X”``, ``本文来源：X``, ``来源丨X``, ``稿源：X``, ``X经授权发布``), a WeChat
  account header, an outlet's lead (``中国经济网北京6月12日讯``, ``央视网消息``, ``【大公報訊】``,
  ``（中央社記者…台北3日電）``, ``新华社记者``; never ``据X消息`` nor ``本报讯``), a print credit,
  ``本文为X原创``, a closing credit (``（星島日報報道）``, ``(X供稿)``); then the
  older cues (``关于香港科技园公司``, the issuer line, the organisation after the
  dateline on its line, the issuer above the sign-off, a repost platform ``網易號``); the
  government issuer leading a notice's title (``某省人民政府办公厅关于……的通知``); last the
  outlet naming its own reporters twice (``《证券日报》记者``), a subscription or app
  prompt, the copyright owner and a footer's owner (``主办单位：X``, ``X 版权所有``). Publishers are read with patterns of
  :mod:`corpus_tools.resources`, never with the entity extractor.
* **publisher** -- ``source`` made comparable across documents (see
  :func:`canonical_publisher`): in simplified script, spacing and wrapping
  punctuation normalised, a known alias (``科技園公司``, ``HKSTP``) mapped to the
  entity gazetteer's canonical name (``香港科技园公司``). ``source`` stays as written.
* **doc_type** -- one of :data:`DOC_TYPES`, see :func:`infer_doc_type`.

The raw text is used for cues the cleaner removes (``新闻稿``, repost disclaimers).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

import pandas as pd

from . import resources
from .errors import InputError
from .numerals import parse_roc_year

__all__ = [
    "DOC_TYPES", "DocType", "DatePrecision", "DocumentMetadata",
    "infer_metadata", "infer_title", "infer_date", "infer_source", "infer_doc_type",
    "add_metadata", "parse_date", "canonical_publisher",
]

DocType = Literal["policy_notice", "government_report", "government_reply", "press_release", "company_announcement",
                  "news_article", "opinion", "wechat_post", "newspaper_page", "other"]
DatePrecision = Literal["day", "month", "year"]
#: The document types, from the most to the least specific.
DOC_TYPES: tuple[str, ...] = get_args(DocType)

_HEAD_LINES = 8
_TAIL_LINES = 12
_HEADING_MAX = 100
_DATELINE_WINDOW = 3000
#: Characters at either end of a document where headers, sign-offs and disclaimers are looked for.
_HEAD_CHARS = 2000
_TAIL_CHARS = 2500
#: Smaller windows of the raw text for release headers, contact blocks and repost disclaimers.
_RAW_HEAD_CHARS = 800
_RAW_TAIL_CHARS = 1500


@dataclass(frozen=True)
class DocumentMetadata:
    """What :func:`infer_metadata` found; ``None`` where the text does not say.

    ``source`` is the publisher as written; ``publisher`` is
    ``canonical_publisher(source)``, the same publisher whatever the script or alias.
    """

    title: str | None
    date: str | None
    date_precision: DatePrecision | None
    source: str | None
    doc_type: DocType
    publisher: str | None = None


# ---------------------------------------------------------------- dates

_CN_NUM = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}


def _number(s: str) -> int:
    """An int from Arabic (ASCII or full-width) or Chinese numerals ("二〇二二", "二十六")."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(_CN_NUM[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_NUM[tens] if tens else 1) * 10 + (_CN_NUM[ones] if ones else 0)


def parse_date(text: str) -> tuple[str, DatePrecision] | None:
    """Return the first full or partial date with a year in ``text`` as (ISO 8601, precision).

    >>> parse_date("2022 年 8 月 26 日")
    ('2022-08-26', 'day')
    >>> parse_date("二〇二二年八月二十六日")
    ('2022-08-26', 'day')
    >>> parse_date("发布时间：2023-03")
    ('2023-03', 'month')
    >>> parse_date("中華民國112年3月5日")
    ('2023-03-05', 'day')
    >>> parse_date("9月10日") is None
    True
    """
    for m in resources.FULL_DATE.finditer(text):
        era = m.group("y3") is not None
        y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
            m.group("y3"), m.group("m3"), m.group("d3")) if era else (m.group("y2"), m.group("m2"), m.group("d2"))
        try:
            year = parse_roc_year(y) if era else _number(y)
            month, day = _number(mo), _number(d) if d else None
        except (KeyError, ValueError):
            continue
        if year is None:
            continue
        if not (1 <= month <= 12 and 1000 <= year <= 2999) or (day is not None and not 1 <= day <= 31):
            continue
        if day is None:
            return f"{year:04d}-{month:02d}", "month"
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    return None


# ---------------------------------------------------------------- lines

def _lines(text: str) -> list[str]:
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def _first_lines(text: str, n: int) -> list[str]:
    """``_lines(text)[:n]``, without stripping the lines after the n-th."""
    out: list[str] = []
    if n <= 0:
        return out
    pos, end = 0, len(text)
    while pos <= end:  # line by line: the first lines are usually found in the first few hundred characters
        brk = text.find("\n", pos)
        if brk < 0:
            brk = end
        if stripped := text[pos:brk].strip():
            out.append(stripped)
            if len(out) == n:
                break
        pos = brk + 1
    return out


def _last_lines(text: str, n: int, *, drop_first: bool) -> list[str]:
    """``_lines(text)[1 if drop_first else 0:][-n:]``, stripping only the lines near the end."""
    out: list[str] = []
    for line in reversed(text.split("\n")):
        if stripped := line.strip():
            out.append(stripped)
            if len(out) > n:
                break
    else:  # every line was taken: the first one is in ``out``
        if drop_first and out:
            out.pop()
    out = out[:n]
    out.reverse()
    return out


def _ends(text: str) -> str:
    """Head and tail windows of a raw document, for cues that sit at either end."""
    if len(text) <= _RAW_HEAD_CHARS + _RAW_TAIL_CHARS:
        return text
    return text[:_RAW_HEAD_CHARS] + "\n" + text[-_RAW_TAIL_CHARS:]


def _contains_any(text: str, words: tuple[str, ...], *,
                  lower: Callable[[], str] | None = None) -> str | None:
    """The first of ``words`` found in ``text`` (ASCII words in the lower-cased text, which
    ``lower`` returns when given, so that it is only computed when an ASCII word is looked up)."""
    lowered: str | None = None
    for word in words:
        if word.isascii():
            if lowered is None:
                lowered = lower() if lower is not None else text.lower()
            if word in lowered:
                return word
        elif word[0] in text and word[-1] in text and word in text:  # one-character tests are much faster
            return word
    return None


_HEADING_STOP = re.compile(r"[。！？!?；;]")


def _is_heading(line: str) -> bool:
    """A short line that is not prose: no sentence-final punctuation, no trailing colon."""
    return (len(line) <= _HEADING_MAX and not _HEADING_STOP.search(line)
            and not line.endswith((":", "：", "，", ",")))


def _is_date_line(line: str) -> bool:
    """``resources.DATE_LINE.match(line)``, after the one-character tests its 年 and 月 need."""
    return "年" in line and "月" in line and resources.DATE_LINE.match(line) is not None


def _is_org_line(line: str) -> bool:
    return line.endswith(resources.ORG_SUFFIXES) and bool(resources.ORG_NAME.fullmatch(line))


def _is_label_line(line: str) -> bool:
    """Issuer, document number or date lines that sit above a title."""
    return bool(_is_org_line(line) or resources.DOC_NUMBER.search(line) and len(line) <= 30
                or resources.RELEASE_HEADER.fullmatch(line) or resources.SECURITIES_HEADER.match(line)
                or _is_date_line(line) or resources.DATE_FIELD.match(line))


class _computed_once:
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first access)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)  # later lookups find the instance attribute
        return value


class _Doc:
    """One document's text with the parts the rules look at, each computed once."""

    def __init__(self, text: str, raw: str | None) -> None:
        self.text = text
        self.raw = text if raw is None else raw
        self.raw_ends = _ends(self.raw)
        self.raw_tail = self.raw[-_RAW_TAIL_CHARS:]
        self._raw_ends_lower: str | None = None

    @_computed_once
    def first_title(self) -> str | None:
        return _first_title(self.head)

    @_computed_once
    def tail_date_lines(self) -> list[bool]:
        """Whether each tail line is a date line."""
        return [bool(_is_date_line(line)) for line in self.tail]

    @_computed_once
    def source_field(self) -> re.Match[str] | None:
        """A "来源：..." line in the raw ends."""
        ends = self.raw_ends
        if ("源" in ends or "处" in ends or "處" in ends) and ("：" in ends or ":" in ends):  # what its labels need
            return resources.SOURCE_FIELD.search("\n" + ends)
        return None

    def lower_raw_ends(self) -> str:
        """``raw_ends`` lower-cased, for English cue words (computed once, when first needed)."""
        if self._raw_ends_lower is None:
            self._raw_ends_lower = self.raw_ends.lower()
        return self._raw_ends_lower

    @_computed_once
    def top_lines(self) -> list[str]:
        """The first ``_HEAD_LINES`` non-blank lines of the text's first ``_HEAD_CHARS`` characters, stripped."""
        return _first_lines(self.text[:_HEAD_CHARS], _HEAD_LINES)

    @_computed_once
    def head(self) -> list[str]:
        """The heading-like lines at the top of the text, before the first prose line."""
        head = []
        for line in self.top_lines:
            dateline = resources.DATELINE.match(line)
            if not _is_heading(line) or dateline and (dateline.group("end") or dateline.group("close")):
                break
            head.append(line)
        return head

    @_computed_once
    def tail(self) -> list[str]:
        """The last non-blank lines (a line cut by the window is left out)."""
        window = self.text[-_TAIL_CHARS:]
        return _last_lines(window, _TAIL_LINES, drop_first=len(window) < len(self.text))

    @_computed_once
    def dateline(self) -> tuple[re.Match[str], int] | None:
        """The first dateline near the top and the offset of its line."""
        window = self.text[:_DATELINE_WINDOW]
        for m in _ymd_dates(window):
            start = window.rfind("\n", 0, m.start()) + 1
            end = window.find("\n", m.end())
            line = window[start:len(window) if end < 0 else end]
            found = resources.DATELINE.match(line)
            if (found and found.start("date") == m.start() - start
                    and (found.group("end") or found.group("close"))):
                return found, start
        return None


def _ymd_dates(text: str) -> Iterator[re.Match[str]]:
    """``resources.YMD.finditer(text)``, anchored on each "年" instead of trying every digit.

    A YMD date has one "年", preceded by exactly four digits and optional
    whitespace, so its only possible start is found by looking back from the "年";
    two dates cannot overlap, so this finds the same matches in the same order.
    """
    year = text.find("年")
    while year >= 0:
        digits_end = year
        while digits_end and text[digits_end - 1].isspace():
            digits_end -= 1
        m = resources.YMD.match(text, digits_end - 4) if digits_end >= 4 else None
        if m is not None and m.end() > year:  # a match starting there uses this "年"
            yield m
            year = text.find("年", m.end())
        else:
            year = text.find("年", year + 1)


# ---------------------------------------------------------------- rules

def _title(doc: _Doc, doc_type: DocType | None) -> str | None:
    head = doc.head
    if doc_type == "newspaper_page" and head:
        for line in head:  # the column of "2023年6月12日 第3版 综合新闻" (or "... A6 港聞")
            edition = resources.PAGE_EDITION.search(line) if _is_date_line(line) else None
            if edition is not None and edition.group("column"):
                return edition.group("column")
        for line in head:  # else the first line that is not the masthead (科技日报) nor the date: "业界传真"
            if not _is_label_line(line) and not resources.MASTHEAD.fullmatch(line):
                return line
        return head[0]
    return doc.first_title


def _first_title(head: list[str]) -> str | None:
    """The first heading line after the issuer, number and date lines (the title whatever the type)."""
    for i, line in enumerate(head):
        if _is_label_line(line):
            if i + 1 < len(head):
                continue
            return None
        return resources.TITLE_LABEL.sub("", line) or None
    return None


def _date(doc: _Doc) -> tuple[str | None, DatePrecision | None]:
    window = doc.text[:1500]
    if "时间" in window or "時間" in window or "日期" in window:  # what DATE_FIELD needs
        head_text = "\n".join(_first_lines(window, _HEAD_LINES))
        for m in resources.DATE_FIELD.finditer(head_text):
            found = parse_date(head_text[m.end():m.end() + 40])
            if found:
                return found
    if doc.dateline:
        found = parse_date(doc.dateline[0].group("date"))
        if found:
            return found
    for line in doc.head:
        if _is_date_line(line):
            found = parse_date(line)
            if found:
                return found
    stamp = (resources.WEB_TIMESTAMP.search(doc.raw_ends, 0, _RAW_STAMP_CHARS)
             if doc.raw_ends.find(":", 0, _RAW_STAMP_CHARS) >= 0 else None)  # (its clock time needs a ":")
    if stamp:  # a web page's publication time, often in a header line cleaning removes
        found = parse_date(stamp.group())
        if found:
            return found
    for line, is_date in zip(doc.tail, doc.tail_date_lines):
        if is_date:
            found = parse_date(line)
            if found:
                return found
    return None, None


_RAW_STAMP_CHARS = 400  # how far into the raw text a publication time is looked for


def _source(doc: _Doc) -> str | None:
    m = doc.source_field
    if m:
        return m.group("source")
    if _has_any(doc.text, _ABOUT_CUES):  # what ABOUT_HEADING needs
        for m in resources.ABOUT_HEADING.finditer("\n" + doc.text):
            if _is_org_line(m.group("org")):
                return m.group("org")
    for line in doc.head:
        if _is_org_line(line):
            return line
        header = resources.RELEASE_HEADER.fullmatch(line)
        if header:
            return header.group("org")
    if doc.dateline:
        found, line_start = doc.dateline
        after = line_start + found.end()
        rest = doc.text[after:after + 40].split("\n", 1)[0]  # the lead on the dateline's own line only
        org = resources.ORG_NAME.match(rest.lstrip())
        if org:
            return org.group()
    tail = doc.tail
    for previous, is_date in zip(tail, doc.tail_date_lines[1:]):
        if is_date and _is_org_line(previous):
            return previous
    return _contains_any(doc.raw_ends, resources.REPOST_PLATFORMS)


def _lead_near_top(doc: _Doc) -> bool:
    """A news lead (本报讯, 新华社北京6月1日电, 【大公報訊】) near the top of the text."""
    head = doc.text[:_HEAD_CHARS]
    return bool(any(resources.WORD_LEAD.match(head, m.start()) for m in _WORD_LEAD_START.finditer(head))
                or _has_any(head, _BRACKET_LEAD_CUES) and resources.BRACKET_NEWS_CUE.search(head))


#: Characters of which every match of a slow pattern holds one: a text without any of them is not
#: scanned. Single characters: ``ch in text`` is a fast scan, a two-character word is not (in a
#: Chinese text it costs about as much as a regex).
_ABOUT_CUES = ("关", "關", "有")
_BRACKET_LEAD_CUES = ("讯", "訊")
_DIGEST_END_CUES = ("原",)
_SUBSCRIBE_CUES = ("户", "戶", "员", "員")
_APP_CUES = ("P", "p", "端")
_COPYRIGHT_CUES = ("©", "c", "C")
_STRONG_CREDIT_HEADS = ("文", "稿")
#: Where a WORD_LEAD match may start (its literal openings), found in one scan: the lead pattern
#: itself has no literal prefix and is tried at every character.
_WORD_LEAD_START = re.compile(r"本(?:报|報)|新(?:华|華)社|中新")
#: resources.LATE_FIELD anchored on a line break instead of ``(?m)^``: a pattern that starts with a
#: literal is scanned for it in C, one that starts with ``^`` is tried at every character.
#: ``resources.LATE_FIELD`` after a line break, a label's first character looked ahead for before the labels are
#: tried one by one (most lines start with none: one test instead of one per label).
_LATE_FIELD_AFTER_BREAK = re.compile(
    "\n" + resources.LATE_FIELD.pattern.removeprefix("(?m)^").removesuffix("$").replace(
        "(?:(?P<source>", "(?=[" + "".join(sorted({word[0] for word in (
            resources.LATE_SOURCE_LABELS + " " + resources.LATE_DATE_LABELS).split()})) + "])(?:(?P<source>", 1)
    + r"(?=\n|\Z)")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, words))



# ---------------------------------------------------------------- header block, credits and kinds

_ZONE_CHARS = 20000  # how far into a raw text the header block of a web page is looked for
_ZONE_LINES = 400
_PROSE_MIN = 25  # characters of a line that ends the header block when it reads like prose
_TITLE_MIN, _TITLE_MAX = 4, 100
_WALK_UP = 5  # lines above an info bar where its headline is looked for
_HEADER_FIELD_MAX = 120  # characters of a line read as header fields
_TAIL_CREDIT_LINES = 15


@dataclass(frozen=True)
class _Header:
    """What the header block of a raw text states: its title, dates and source, where found."""

    title: str | None = None
    sign_date: str | None = None
    date: str | None = None
    source: str | None = None
    policy_fields: bool = False
    lines: tuple[str, ...] = ()


def _label_role(m: re.Match[str]) -> str:
    return next(name for name in ("title", "sign", "date", "source") if m.group(name) is not None)


def _field_values(lines: list[str], i: int) -> list[tuple[str, str]]:
    """The header fields of line ``i`` as (role, value); an empty value is the next line."""
    line = lines[i]
    if len(line) > _HEADER_FIELD_MAX:
        return []
    found = list(resources.HEADER_LABEL.finditer(line))
    out = []
    for k, m in enumerate(found):
        if m.start() and not (line[m.start() - 1] in " \t\u3000|｜【[】]>" or not line[:m.start()].strip()):
            continue  # "活动时间：" in a sentence, not a field
        end = found[k + 1].start() if k + 1 < len(found) else len(line)
        value = line[m.end():end].strip(" \t\u3000|｜【】[]")
        if not value and i + 1 < len(lines) and not resources.HEADER_LABEL.match(lines[i + 1]):
            value = lines[i + 1]
        out.append((_label_role(m), value))
    return out


def _is_prose_line(line: str) -> bool:
    return len(line) >= _PROSE_MIN and "。" in line


def _is_title_line(line: str) -> bool:
    """A headline: short, not a sentence (no 。), not a label, a date, a breadcrumb, a byline or a toolbar."""
    n = len(line)
    if not _TITLE_MIN <= n <= _TITLE_MAX or "。" in line or line.endswith((":", "：", "，", ",", "；", ";", "、")):
        return False
    if (resources.HEADER_LABEL.search(line) or _page_timestamp(line) or _is_date_line(line)
            or _has_any(line, _CRUMB_CHARS) and resources.BREADCRUMB.fullmatch(line)
            or ("/" in line or "／" in line) and resources.BYLINE_OUTLET.fullmatch(line)):
        return False
    if resources.HAN_RUN.search(line) is None:
        return False
    return not _is_toolbar_line(line)


def _is_toolbar_line(line: str) -> bool:
    """A line of navigation, login, share or app words ("新浪首页", "报料 注册 登录", "登录/注册")."""
    rest, hits = resources.toolbar_pattern().subn("", line)
    if not hits:
        return False
    return hits >= 2 or len(resources.HAN_RUN.findall(rest)) <= 1 and len("".join(resources.HAN_RUN.findall(rest))) <= 4


#: What a breadcrumb line holds (resources.BREADCRUMB): cheap tests before the pattern.
_CRUMB_CHARS = (">", "＞", "»", "›", "&gt;")
_BAR_MAX = 60  # characters of an info bar whose date has no time
_VALUE_END = re.compile(r"[【\[|｜（(<《]|\s")


def _field_source(value: str) -> str | None:
    """The publisher in a source field's value: up to a space, a bracket or a bar ("四川日报【字体：大" -> "四川日报")."""
    return _VALUE_END.split(value.strip(), 1)[0] or None


def _iter_lines(text: str, limit: int) -> Iterator[str]:
    """The lines of ``text[:limit]``, one at a time (the header block usually ends after a few)."""
    pos, end = 0, min(len(text), limit)
    while pos < end:
        brk = text.find("\n", pos, end)
        if brk < 0:
            yield text[pos:end]
            return
        yield text[pos:brk]
        pos = brk + 1


def _page_timestamp(line: str) -> re.Match[str] | None:
    """``resources.PAGE_TIMESTAMP.search(line)``, after the one-character tests its clock time needs (":", 时, 時)."""
    if ":" in line or "时" in line or "時" in line:
        return resources.PAGE_TIMESTAMP.search(line)
    return None


def _header(raw: str) -> _Header:
    """Read the header block of a raw text: labelled fields, the info bar and the headline above it."""
    lines: list[str] = []
    for line in _iter_lines(raw, _ZONE_CHARS):
        if stripped := line.strip():
            if _is_prose_line(stripped) and not resources.HEADER_LABEL.match(stripped):
                break
            lines.append(stripped)
            if len(lines) >= _ZONE_LINES:
                break
    title = sign = date = source = None
    policy = False
    bar: int | None = None
    for i, line in enumerate(lines):
        fields = _field_values(lines, i) if ("：" in line or ":" in line) else []
        stamp = _page_timestamp(line)
        for role, value in fields:
            if role == "title" and title is None and value:
                title = value
            elif role == "sign" and sign is None:
                sign = value
                policy = True
            elif role == "date" and date is None and parse_date(value):
                date = value
                bar = i if bar is None else bar
            elif role == "source" and source is None and value:
                source = _field_source(value)
                bar = i if bar is None else bar
                policy = policy or "机关" in line or "機關" in line
        if stamp is None and date is None and len(line) <= _BAR_MAX and (fields or "|" in line or "｜" in line):
            bare = resources.BAR_DATE.search(line)  # "来源：某市政府网 2023-06-12", "某市政府网 | 2023-06-12"
            if bare and parse_date(bare.group()):
                date = bare.group()
                bar = i if bar is None else bar
        if stamp:
            if date is None:
                date = stamp.group()
            if bar is None:
                bar = i
            if source is None:
                found = resources.BAR_SOURCE.search(line) or resources.AFTER_TIMESTAMP_OUTLET.search(line)
                if found:
                    source = found.group(found.lastgroup or 0)
                elif stamp.group() == line and i + 1 < len(lines) and resources.OUTLET_LINE.fullmatch(lines[i + 1]):
                    source = lines[i + 1]  # an info bar split over lines: the time, then the outlet
    if source is None or date is None:  # fields below a lead or summary paragraph
        for m in _LATE_FIELD_AFTER_BREAK.finditer("\n" + raw[:_ZONE_CHARS]):
            value = m.group("value").strip(" \t\u3000|｜【】[]")
            if m.group("source") and source is None and value:
                source = _field_source(value)
            elif m.group("date") and date is None and parse_date(value):
                date = value
    headline = None
    if bar is not None:
        for j in range(bar - 1, max(-1, bar - 1 - _WALK_UP), -1):
            line = lines[j]
            byline = resources.BYLINE_OUTLET.fullmatch(line)
            if byline and source is None:
                source = byline.group("org")
            if _is_title_line(line):
                headline = line
                break
    return _Header(title or headline, sign, date, source, policy, tuple(lines))



def _tail_lines(raw: str) -> list[str]:
    """The last non-blank lines of ``raw`` (at most ``_TAIL_CREDIT_LINES``; a line cut by the window is left out)."""
    window = raw[-_RAW_TAIL_CHARS:]
    parts = window.rsplit("\n", _TAIL_CREDIT_LINES * 3)
    if len(window) < len(raw) and len(parts) <= _TAIL_CREDIT_LINES * 3:
        parts = parts[1:]  # the first piece may be cut
    return [line for part in parts if (line := part.strip())][-_TAIL_CREDIT_LINES:]


def _credit_source(doc: _Doc, header: _Header) -> str | None:
    """The publisher named by a header field, an info bar, a repost credit or a footer, strongest first."""
    if header.source:
        return header.source
    ends = doc.raw_ends
    where: dict[str, list[int]] = {}  # one scan for every cue (the patterns start with a name of any characters)
    for cue in _CREDIT_CUE_SCAN.finditer(ends) if any(map(ends.__contains__, _CREDIT_CUE_LAST)) else ():
        where.setdefault(cue.group(), []).append(cue.start())
    if where:
        for pattern, cues in _CREDIT_PATTERNS:
            for cue in cues:
                for at in where.get(cue, ()):
                    m = pattern.search(ends, max(0, at - _CREDIT_LOOKBACK), at + _CREDIT_LOOKAHEAD)
                    if m:
                        return m.group("org")
    for previous, line in zip(header.lines, header.lines[1:]):
        if resources.WECHAT_ID_LINE.match(line) and len(previous) <= 20:
            return previous
    for line in doc.top_lines[:_LEAD_LINES]:
        m = resources.OUTLET_LEAD.match(line) or resources.OUTLET_NEWS_LEAD.match(line)
        if m:
            return m.group(m.lastgroup or "org")
    if "版" in doc.raw_tail:
        m = resources.PRINT_CREDIT.search(doc.raw_tail)
        if m:
            return m.group("org")
    tail = doc.raw_tail
    if "创" in tail or "創" in tail or "独" in tail or "獨" in tail or "首" in tail:
        m = resources.CREDIT_ORIGINAL.search(tail)
        if m:
            return m.group("org")
    closing = _closing_credit(doc)
    if closing:
        return closing
    if not _has_any(doc.raw, _STRONG_CREDIT_HEADS):
        return None
    cues = sorted(cue.start() for scan in _STRONG_CREDIT_CUE_SCANS for cue in scan.finditer(doc.raw))
    for start in cues:  # literal scans; the pattern only where a cue is
        m = resources.CREDIT_STRONG.match(doc.raw, start)
        if m:
            return m.group("org")
    return None


_LEAD_LINES = 4  # first lines of the clean text where a news lead names its outlet (below a title and a subtitle)
_STRONG_CREDIT_CUE_WORDS = ("本文来源", "本文來源", "本文来自", "本文來自", "本文转载自", "本文轉載自", "本文转自", "本文轉自",
                            "文章来源", "文章來源", "稿件来源", "稿件來源", "本稿来源", "本稿來源")
#: The cues as one pattern per first character: a pattern with a literal prefix ("本", "文章", "稿件") is scanned
#: for several times faster than one whose first character is one of several. No cue can overlap another
#: (checked by the tests), so their starts, sorted, are those of one scan for all of them.
_STRONG_CREDIT_CUE_SCANS = tuple(
    re.compile(resources.trie_regex([cue for cue in _STRONG_CREDIT_CUE_WORDS if cue[0] == first], guard=False))
    for first in sorted({cue[0] for cue in _STRONG_CREDIT_CUE_WORDS}))


_CREDIT_LOOKBACK, _CREDIT_LOOKAHEAD = 20, 60
#: Repost credits, strongest first, with the literals that each contains.
_CREDIT_PATTERNS = (
    (resources.CREDIT_WECHAT, ("公众号", "公眾號")),
    (resources.CREDIT_SOURCE, ("来源", "來源", "转载自", "轉載自", "转自", "轉自", "来自", "來自", "稿源", "出处", "出處",
                               "供稿", "信息提供")),
    (resources.CREDIT_AUTHORISED, ("经授权", "經授權")),
)
#: The last characters of the cues: a text holding none of them (one-character tests) holds no cue.
_CREDIT_CUE_LAST = tuple(sorted({cue[-1] for _pattern, cues in _CREDIT_PATTERNS for cue in cues}))
_CREDIT_CUE_SCAN = re.compile(resources.trie_regex([cue for _pattern, cues in _CREDIT_PATTERNS for cue in cues],
                                                   guard=False))


def _weak_source(doc: _Doc) -> str | None:
    """The outlet named by its own reporters (twice), a subscription appeal or a copyright line."""
    counts: dict[str, int] = {}
    if "》记者" in doc.text or "》記者" in doc.text:
        for m in resources.OWN_REPORTER.finditer(doc.text):
            counts[m.group("org")] = counts.get(m.group("org"), 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    if best is not None and best[1] >= 2:
        return best[0]
    for pattern, cues in ((resources.SUBSCRIBE_OUTLET, _SUBSCRIBE_CUES), (resources.APP_OUTLET, _APP_CUES)):
        m = pattern.search(doc.raw_tail) if _has_any(doc.raw_tail, cues) else None
        if m:
            return m.group("org")
    if not _has_any(doc.raw_tail, _COPYRIGHT_CUES):
        return _footer_owner(doc)
    for line in reversed(_tail_lines(doc.raw_tail)):
        m = resources.COPYRIGHT_OWNER.search(line)
        if m:
            return m.group("org")
    return _footer_owner(doc)


_CLOSING_CREDIT_WORDS = ("报道", "報道", "報導", "供稿", "供图", "供圖", "社")


def _closing_credit(doc: _Doc) -> str | None:
    """A bracketed credit on the last line of the clean text: "（星島日報報道）", "（某某局供稿）", "（中央社）"."""
    end = doc.text.rstrip()
    if not end.endswith((")", "）", "〕", "】", "]")):
        return None
    line = end[end.rfind("\n") + 1:].strip()
    start = max(line.rfind("（"), line.rfind("("), line.rfind("〔"), line.rfind("【"), line.rfind("["))
    credit = line[start:] if start >= 0 else ""
    if not credit or len(credit) > 16 or not any(map(credit.__contains__, _CLOSING_CREDIT_WORDS)):
        return None  # "（完）", "（记者 张三）" and a sentence's own brackets are no credit
    m = resources.CLOSING_CREDIT.fullmatch(credit)
    return m.group("org") if m else None


def _dateline_leads(doc: _Doc) -> bool:
    """Whether the dateline opens a lead on its own line ("(香港·2023年3月31日) — 香港科技园公司今日宣布……"),
    not a date alone on a line under a title ("（2023年6月12日）" under a speech or a meeting's report)."""
    found, line_start = doc.dateline  # type: ignore[misc]
    after = line_start + found.end()
    return bool(doc.text[after:after + 40].split("\n", 1)[0].strip(" \t—–-－:：,，"))


def _find_source(doc: _Doc, header: _Header, title: str | None) -> str | None:
    """The publisher, strongest evidence first: header fields and credits, the issuer and sign-off lines,
    the issuer leading a notice's title, then weak cues (own reporters, appeals, copyright, footer owner)."""
    return _credit_source(doc, header) or _source(doc) or _title_issuer(title) or _weak_source(doc)


def _title_issuer(title: str | None) -> str | None:
    """The government issuer that leads a notice's or reply's title ("国务院办公厅关于……的通知")."""
    if not title or ("关于" not in title and "關於" not in title):
        return None
    m = resources.TITLE_ISSUER.match(title)
    if m is None or not (resources.POLICY_TITLE.search(title) or resources.REPLY_TITLE.search(title)):
        return None
    return m.group("org")


def _footer_owner(doc: _Doc) -> str | None:
    """The owner a site's footer names: "主办单位：X", "版权所有：X", "X 版权所有" (the last such line)."""
    tail = doc.raw_tail
    if "主" not in tail and "版" not in tail and "出" not in tail:
        return None
    for line in reversed(_tail_lines(tail)):
        if not any(map(line.__contains__, _FOOTER_OWNER_WORDS)):
            continue
        m = resources.FOOTER_OWNER.search(line)
        if m:
            return m.group("org")
        for rights in ("版权所有", "版權所有"):
            at = line.find(rights)
            words = line[:at].replace("©", " ").split() if at > 0 else []
            if words and resources.OWNER_BEFORE_RIGHTS.fullmatch(words[-1]):
                return words[-1]
    return None


_FOOTER_OWNER_WORDS = ("主办", "主辦", "版权所有", "版權所有", "出品")


def _print_date(doc: _Doc) -> tuple[str, DatePrecision] | None:
    m = resources.PRINT_CREDIT.search(doc.raw_tail) if "版" in doc.raw_tail else None
    return parse_date(m.group("date")) if m else None


def _edge_text(doc: _Doc, header: _Header) -> str:
    """The first lines of the clean text and the last lines of the raw one: where kinds are told."""
    return "\n".join(_first_lines(doc.raw[:_RAW_HEAD_CHARS], 3) + _tail_lines(doc.raw_tail))


#: The first characters of ``resources.SECURITIES_HEADER``'s labels ("证券代码", "股份代号"): a text without any
#: is not scanned (one-character tests are much faster than the pattern's scan).
_SECURITIES_FIRSTS = "证證股"
_DIGEST_HEADING_MAX = 20
_ARTICLE_MIN_CHARS = 100


def _kind(doc: _Doc, header: _Header, title: str | None, source: str | None) -> DocType:
    """The document type from the title, the header block and the footer (see :func:`infer_doc_type`)."""
    text_head = doc.text[:_HEAD_CHARS]
    head = "\n".join(doc.head)
    if title and resources.REPLY_TITLE.search(title):
        return "government_reply"
    if resources.DOC_NUMBER.search(head) and _contains_any(doc.text[:3000], resources.REPLY_CONTEXT_WORDS):
        return "government_reply"
    if (_SECURITIES_FIRSTS[0] in text_head or _SECURITIES_FIRSTS[1] in text_head or _SECURITIES_FIRSTS[2] in text_head) and (
            resources.SECURITIES_HEADER.search(text_head)) or ("董" in text_head or "虚" in text_head or "虛" in text_head) and (
            resources.ANNOUNCEMENT_STATEMENT.search(text_head)) or (
            title and resources.COMPANY_TITLE.search(title) and resources.COMPANY_NAME.search(title)):
        return "company_announcement"
    if title and resources.GOVERNMENT_REPORT_TITLE.search(title):
        return "government_report"
    if header.policy_fields or resources.DOC_NUMBER.search(head):
        return "policy_notice"
    edges = _edge_text(doc, header)
    wire = bool(doc.dateline and doc.dateline[0].group("end") in ("电", "電", "讯", "訊"))
    if _contains_any(edges, resources.PRESS_RELEASE_WORDS, lower=edges.lower):
        return "press_release"
    if resources.RELEASE_SIGN_OFF.search(doc.raw_ends) and not wire and not _lead_near_top(doc):
        return "press_release"
    if (doc.dateline and not wire and not resources.PAGE_TIMESTAMP.match(doc.text, doc.dateline[1])
            and _dateline_leads(doc)):
        return "press_release"  # (a web page's time line "2019年09月07日 04:04" is no release dateline)
    if title and resources.POLICY_TITLE.search(title) and (
            resources.GOVERNMENT_ISSUER.search(title) or title.startswith(("关于", "關於"))):
        return "policy_notice"
    if (source and title and resources.COMPANY_NAME.search(source) and source in title
            and not resources.NEWS_OUTLET_END.search(source)):
        return "press_release"  # a company's own news: the page's owner names itself in the headline
    news_cues = (len(resources.NEWSPAPER_CUE.findall(doc.text))
                 + (len(resources.BRACKET_NEWS_CUE.findall(doc.text)) if _has_any(doc.text, _BRACKET_LEAD_CUES) else 0))
    if news_cues >= 2 or _has_any(doc.raw_ends, _DIGEST_END_CUES) and len(
            resources.DIGEST_ITEM_END.findall(doc.raw_ends)) >= 3:
        return "newspaper_page"
    if any(len(line) <= _DIGEST_HEADING_MAX and _contains_any(line, resources.DIGEST_CUES)
           for line in doc.top_lines[:3]):
        return "newspaper_page"  # a digest's heading: "一周要闻", "值得关注的……大事件"
    if _contains_any(edges + "\n" + "\n".join(header.lines[:5]), resources.WECHAT_CUES):
        return "wechat_post"
    if _contains_any(edges, resources.OPINION_CUES):
        return "opinion"
    news_cue = (wire or _lead_near_top(doc) or doc.source_field is not None or source is not None
                or _contains_any(doc.raw_ends, resources.REPOST_WORDS, lower=doc.lower_raw_ends))
    if title is None and not news_cue and (
            len(doc.text) < _ARTICLE_MIN_CHARS or resources.PROSE_PUNCT.search(doc.text) is None):
        return "other"  # no headline, no news cue and hardly any text: nothing tells what it is
    return "news_article"


_TITLE_SCAN_LINES = 8


def _text_title(doc: _Doc) -> str | None:
    """The headline at the top of the clean text, after issuer, number, date and toolbar lines.

    A notice's title broken over lines ("国务院办公厅" / "关于……考察工作时" / "所提问题……的函") is
    joined, with its government issuer in front; a company's name above "关于……的公告" is not part of it.
    """
    lines = doc.top_lines[:_TITLE_SCAN_LINES]
    for i, line in enumerate(lines):
        if _is_label_line(line) or _is_toolbar_line(line):
            continue
        title = resources.TITLE_LABEL.sub("", line)
        if not _is_title_line(title):
            return None
        if title.startswith(("关于", "關於")):
            for more in lines[i + 1:i + 3]:
                if resources.POLICY_TITLE.search(title) or resources.REPLY_TITLE.search(title):
                    break
                if _is_label_line(more) or not _is_title_line(more):
                    break
                title += more
            issuer = lines[i - 1] if i else ""
            if (issuer and _is_org_line(issuer) and resources.GOVERNMENT_ISSUER.search(issuer)
                    and not resources.COMPANY_NAME.search(issuer)):
                title = issuer + title
        return title or None
    return None


def _pick_title(doc: _Doc, header: _Header, doc_type: DocType, *, found: str | None = None) -> str | None:
    if doc_type == "newspaper_page":  # a page's column title, a digest has none
        if any(resources.MASTHEAD.fullmatch(line) or _is_date_line(line)
               or line in resources.NEWS_COLUMN_WORDS for line in doc.head[:3]):
            return _title(doc, doc_type)
        return None
    return found if found is not None else header.title or _text_title(doc)


def _pick_date(doc: _Doc, header: _Header, doc_type: DocType | None = None) -> tuple[str | None, DatePrecision | None]:
    found = parse_date(header.sign_date) if header.sign_date else None
    if found:
        return found
    signed = _signature_date(doc)
    if signed and (doc_type in _GOVERNMENT_TYPES or signed[1] and _is_government_issuer(signed[1])):
        return signed[0]  # a government text's 落款 beats the web page's publication time, as 成文日期 does
    found = parse_date(header.date) if header.date else None
    if found:
        return found
    found = _headline_date(doc, header, doc_type)
    if found:
        return found
    date, precision = _date(doc)
    if date is None:
        found = _yearless_dateline(doc, header) or _print_date(doc)
        if found:
            return found
    return date, precision


_GOVERNMENT_TYPES = ("policy_notice", "government_report", "government_reply")
_SIGN_TOP_LINES = 3  # a bulletin signs under its title: "某县统计局 某调查队（2023年5月）"
_SIGN_TAIL_LINES = 4  # a notice signs at its end: the issuer, then the date (or the date alone, last)
_DATE_BRACKETS = "（）() \t\u3000"


def _is_government_issuer(issuer: str) -> bool:
    return bool(resources.GOVERNMENT_ISSUER.search(issuer)) and not resources.COMPANY_NAME.search(issuer)


def _issuer_part(text: str) -> str | None:
    """``text`` when it names one or more issuing bodies (the first an organisation, co-issuers after spaces)."""
    parts = text.split()
    if not parts or not _is_org_line(parts[0]):
        return None
    if not all(resources.SIGN_CO_ISSUER.fullmatch(part) for part in parts[1:]):
        return None
    return " ".join(parts)


def _bare_date(line: str) -> tuple[str, DatePrecision] | None:
    """The date of a line that is only a date (a day or a month, in brackets or not): a signature's date."""
    if _is_date_line(line):
        return parse_date(line)
    inner = line.strip(_DATE_BRACKETS)
    return parse_date(inner) if resources.FULL_DATE.fullmatch(inner) else None


def _issuer_with_date(line: str) -> tuple[tuple[str, DatePrecision], str] | None:
    """"某县统计局 国家统计局某县调查队（2023年5月）": issuers and a date on one line, the date last."""
    m = resources.FULL_DATE.search(line)
    if m is None or line[m.end():].strip(_DATE_BRACKETS):
        return None
    issuer = _issuer_part(line[:m.start()].rstrip(_DATE_BRACKETS))
    found = parse_date(m.group())
    return (found, issuer) if issuer and found else None


def _signature_date(doc: _Doc) -> tuple[tuple[str, DatePrecision], str | None] | None:
    """The signature (落款) date and its issuer: an issuing body's line followed or preceded by a date line,
    or both on one line, at the end of the text or right under its title; or a date line that ends the text
    (issuer None). A print date "……印发" is no signature."""
    blocks = (doc.tail[-_SIGN_TAIL_LINES:], doc.top_lines[:_SIGN_TOP_LINES])
    for lines in blocks:
        for i in range(len(lines) - 1, -1, -1):
            both = _issuer_with_date(lines[i])
            if both:
                return both
            found = _bare_date(lines[i])
            if found is None:
                continue
            for j in (i - 1, i + 1):
                issuer = _issuer_part(lines[j]) if 0 <= j < len(lines) else None
                if issuer:
                    return found, issuer
            if lines is blocks[0] and i == len(lines) - 1:
                return found, None
    return None


def _headline_date(doc: _Doc, header: _Header, doc_type: DocType | None) -> tuple[str, DatePrecision] | None:
    """The date a newspaper page's or a dated digest's headline states ("财经早餐2024年8月31日", "早报20240831",
    "周报 8月31日" with the year from the header block), as the day; None for other headlines."""
    lines = ([header.title] if header.title else []) + doc.top_lines[:2]
    for line in lines:
        if len(line) > _HEADLINE_MAX or doc_type != "newspaper_page" and not _contains_any(
                line, resources.DATED_HEADLINE_CUES):
            continue
        found = parse_date(line)
        if found and found[1] == "day":
            return found
        m = resources.COMPACT_DATE.search(line)
        if m:
            return parse_date(f"{m.group('y')}年{m.group('m')}月{m.group('d')}日")
        m = resources.YEARLESS_MONTH_DAY.search(line)
        year = resources.HEADER_YEAR.search("\n".join(header.lines)) if m else None
        if m and year:
            return parse_date(f"{year.group(1)}年{m.group('month')}月{m.group('day')}日")
    return None


_HEADLINE_MAX = 40  # characters of a headline that carries its date


def _yearless_dateline(doc: _Doc, header: _Header) -> tuple[str, DatePrecision] | None:
    """A lead's dateline without its year ("本报北京6月12日电") dated with the year that the header block
    (or else a print credit at the end) states; None when neither states one."""
    for line in doc.top_lines[:_LEAD_LINES]:
        m = resources.YEARLESS_DATELINE.match(line)
        if m is None:
            continue
        year = resources.HEADER_YEAR.search("\n".join(header.lines))
        printed = _print_date(doc) if year is None else None
        if year is None and printed is None:
            return None  # a year in the body is no evidence of the article's own year
        return parse_date(f"{year.group(1) if year else printed[0][:4]}年{m.group('month')}月{m.group('day')}日")
    return None

# ---------------------------------------------------------------- publisher

#: What wraps or ends a stated publisher without being part of its name (quotes, book-title
#: and lenticular brackets, a colon or comma caught with it).
_PUBLISHER_EDGES = "“”\"'‘’《》「」『』【】〈〉[]<>:：,，。;；、|｜ "
#: A space is kept only between two ASCII characters (Latin names): Chinese names are unspaced.
_SPACE_BESIDE_NON_ASCII = re.compile(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ")


@functools.lru_cache(maxsize=1)
def _gazetteer_publishers() -> tuple[dict[str, str], dict[str, str]]:
    """Organisation aliases of the entity gazetteer -> canonical name: (exact, case-folded Latin)."""
    exact = dict(resources.publisher_aliases())  # the gazetteer's organisations, read on first use
    latin = {alias.casefold(): canonical for alias, canonical in exact.items() if alias.isascii()}
    return exact, latin


@functools.lru_cache(maxsize=4096)
def _normalized_publisher(name: str) -> str:
    from .script import to_simplified

    name = unicodedata.normalize("NFKC", name)  # full-width letters, digits, spaces, brackets
    name = " ".join(name.split())
    name = _SPACE_BESIDE_NON_ASCII.sub("", name).strip(_PUBLISHER_EDGES)
    if not name.isascii():
        name = to_simplified(name).replace("(", "（").replace(")", "）")
    return name


@functools.lru_cache(maxsize=4096)
def _gazetteer_publisher(name: str) -> str:
    exact, latin = _gazetteer_publishers()
    found = exact.get(name)
    if found is None and name.isascii():
        found = latin.get(name.casefold())
    return found or name


def canonical_publisher(source: str | None, *, aliases: Mapping[str, str] | None = None) -> str | None:
    """Return the publisher named by ``source`` in one canonical spelling, or None.

    The name is put in simplified script (OpenCC ``t2s``), full-width letters and
    digits are folded, spaces inside Chinese names and quotes or brackets around
    the name are dropped (Chinese parentheses are kept as ``（）``); then a known
    alias is replaced by its canonical name: first your own ``aliases``, then the organisations
    of the entity gazetteer (``corpus_tools/data/gazetteer.tsv``; Latin aliases
    matched case-insensitively). Anything else is returned normalised.

    Args:
        source: a publisher as written (``source`` of the documents table).
        aliases: your own aliases, ``{alias: canonical name}`` (aliases are compared
            after the same normalisation, so one spelling covers both scripts).

    >>> canonical_publisher("香港科技園公司"), canonical_publisher("“科技园公司”"), canonical_publisher("HKSTP")
    ('香港科技园公司', '香港科技园公司', '香港科技园公司')
    >>> canonical_publisher("網易號"), canonical_publisher("上海市 科委"), canonical_publisher("  ") is None
    ('网易号', '上海市科学技术委员会', True)
    >>> canonical_publisher("上海市科委办公室", aliases={"上海市科委办公室": "上海市科学技术委员会"})
    '上海市科学技术委员会'
    """
    if source is None or not isinstance(source, str):  # None, pd.NA, NaN
        return None
    name = _normalized_publisher(source)
    if not name:
        return None
    if aliases:
        found = next((canonical for alias, canonical in aliases.items() if _normalized_publisher(alias) == name),
                     None)
        if found is not None:
            return found
    return _gazetteer_publisher(name)


# ---------------------------------------------------------------- public functions

def infer_title(text: str, *, doc_type: DocType | None = None) -> str | None:
    """Return the title: the first heading-like line at the top, after issuer/number/date lines.

    For a ``newspaper_page`` it is the first line of the page (its column title).

    >>> infer_title("上海市科学技术委员会\\n\\n沪科提复〔2022〕49号\\n\\n对第0249号提案的答复\\n\\n张委员：\\n\\n你们的提案收悉。")
    '对第0249号提案的答复'
    >>> infer_title("9月10日，开业庆典在上海举行。") is None
    True
    """
    doc = _Doc(text, None)
    header = _header(text)
    return _pick_title(doc, header, doc_type) if doc_type else header.title or _text_title(doc)


def infer_date(text: str) -> tuple[str | None, DatePrecision | None]:
    """Return the document's own date as (ISO 8601, precision), or (None, None).

    >>> infer_date("标题\\n\\n(香港·2023年3月31日) — 香港科技园公司今日宣布合作。")
    ('2023-03-31', 'day')
    >>> infer_date("……再次感谢您的关注！\\n\\n上海市科学技术委员会\\n\\n2022 年 8 月 26 日\\n\\n2022 年 8 月 26 日印发")
    ('2022-08-26', 'day')
    >>> infer_date("9月10日，开业庆典在上海举行。")
    (None, None)
    """
    doc = _Doc(text, None)
    header = _header(text)
    title = header.title or _text_title(doc)
    return _pick_date(doc, header, _kind(doc, header, title, _find_source(doc, header, title)))


def infer_source(text: str, *, raw: str | None = None) -> str | None:
    """Return the publisher when the text states it, as written.

    >>> infer_source("标题\\n\\n正文。\\n\\n关于香港科技园公司\\n\\n香港科技园公司成立逾20年。")
    '香港科技园公司'
    >>> infer_source("上海市科学技术委员会\\n\\n沪科提复〔2022〕49号\\n\\n对提案的答复")
    '上海市科学技术委员会'
    >>> infer_source("正文。", raw="正文。\\n特別聲明:以上內容為自媒體平臺“網易號”用戶上傳并發布。")
    '網易號'
    """
    doc = _Doc(text, raw)
    header = _header(doc.raw)
    return _find_source(doc, header, header.title or _text_title(doc))


def infer_doc_type(text: str, *, raw: str | None = None) -> DocType:
    """Return the kind of document (``schema.DOC_TYPE_MEANINGS``) from its title, header and footer.

    Checked in this order: ``government_reply`` (the title says 答复/回复/复函/批复/……的函,
    or a document number and 提案/答复 near the top); ``company_announcement`` (a
    securities header, the board's statement 董事会及全体董事保证…不存在任何虚假记载 at the top,
    or a company's title ending in 公告/公示/报告); ``government_report``
    (工作报告, 统计公报, 工作总结, 年度报告 in the title); ``policy_notice`` (a notice's index fields such as
    发文机关/成文日期, or a document number in the head); ``press_release`` (新闻稿, 新闻公报, Press
    Release, a media-enquiry block 媒体垂询/新闻联系人 in the first or last lines, a release sign-off, a
    release dateline opening a lead, or a company's news on its own site); ``policy_notice`` (a title
    ending in 通知/意见/办法/措施/通报/纲要/计划... with a government issuer or 关于); ``newspaper_page``
    (本报讯 twice, a link line after every item, a digest heading such as 一周要闻);
    ``wechat_post`` (微信公众号, 公众号, 微信号, 点击上方…关注 in the first or last lines); ``opinion`` (专栏,
    评论员, 社论, 撰文, 作者系 there); ``news_article`` otherwise, unless the text has no headline, no
    news cue and hardly any words (``other``). Words in the body never decide.

    >>> infer_doc_type("对市政协第0249号提案的答复\\n\\n张委员：……")
    'government_reply'
    >>> infer_doc_type("标题\\n\\n正文。", raw="新闻稿\\n\\n标题\\n\\n正文。")
    'press_release'
    >>> infer_doc_type("标题一\\n\\n本报讯 近日……\\n\\n标题二\\n\\n本报讯 近日……")
    'newspaper_page'
    """
    doc = _Doc(text, raw)
    header = _header(doc.raw)
    title = header.title or _text_title(doc)
    return _kind(doc, header, title, _find_source(doc, header, title))


def infer_metadata(text: str, *, raw: str | None = None) -> DocumentMetadata:
    """Infer title, own date, source and type of one document from its clean (and raw) text.

    >>> m = infer_metadata("签署合作协议\\n\\n(香港·2023年3月31日) — 香港科技園公司今日宣布合作。")
    >>> m.title, m.date, m.date_precision, m.source, m.doc_type, m.publisher
    ('签署合作协议', '2023-03-31', 'day', '香港科技園公司', 'press_release', '香港科技园公司')
    """
    if not isinstance(text, str):
        raise InputError(f"infer_metadata: text must be a str (got {type(text).__name__})")
    doc = _Doc(text, raw)
    header = _header(doc.raw)
    title = header.title or _text_title(doc)
    source = _find_source(doc, header, title)
    doc_type = _kind(doc, header, title, source)
    date, precision = _pick_date(doc, header, doc_type)
    if source is None and doc_type == "newspaper_page":
        source = next((line for line in doc.head[:2] if resources.MASTHEAD.fullmatch(line)), None)
    title = _pick_title(doc, header, doc_type, found=title)
    return DocumentMetadata(title, date, precision, source, doc_type, canonical_publisher(source))


def add_metadata(documents: pd.DataFrame, *, text_column: str = "text",
                 raw_column: str | None = "text_raw") -> pd.DataFrame:
    """Return ``documents`` with the inferred ``title``, ``date``, ``date_precision``, ``source``, ``doc_type``.

    Also ``publisher``: ``canonical_publisher(source)``.

    The input is not modified and its index is kept.

    >>> docs = pd.DataFrame({"text": ["签署合作协议\\n\\n(香港·2023年3月31日) — 香港科技园公司宣布合作。"]})
    >>> add_metadata(docs, raw_column=None)[["title", "date", "doc_type"]].values.tolist()
    [['签署合作协议', '2023-03-31', 'press_release']]
    """
    if not isinstance(documents, pd.DataFrame):
        raise InputError(f"add_metadata: documents must be a DataFrame (got {type(documents).__name__})")
    needed = [text_column] + ([raw_column] if raw_column else [])
    missing = [c for c in needed if c not in documents.columns]
    if missing:
        raise InputError(f"add_metadata: documents lack column(s) {missing} (has {list(documents.columns)})")
    texts = documents[text_column].tolist()
    raws = documents[raw_column].tolist() if raw_column else [None] * len(texts)
    found = [infer_metadata("" if pd.isna(t) else t, raw=None if r is None or pd.isna(r) else r)
             for t, r in zip(texts, raws)]
    return documents.assign(**{
        name: pd.array([getattr(m, name) for m in found], dtype="string")
        for name in ("title", "date", "date_precision", "source", "doc_type", "publisher")
    })
