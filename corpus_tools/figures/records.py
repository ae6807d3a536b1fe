"""The records of figure extraction: :class:`Figure`, its options :class:`FigureConfig`, and the
mutable candidate a handler builds before it becomes a figure."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import ConfigError, InputError

Kind = Literal["money", "date", "people", "count", "percent", "quantity"]
Qualifier = Literal["exact", "approx", "over", "under"]
KINDS: tuple[Kind, ...] = ("money", "date", "people", "count", "percent", "quantity")

_ISO_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


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


#: The defaults, shared by :func:`extract_figures` and :func:`figures_table`.
DEFAULT_CONFIG = FigureConfig()


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
