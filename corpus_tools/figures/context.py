"""The document being read (:class:`_Doc`: its date, lexicons, masked spans, date anchors) and the
words around a number: blocking contexts (ordinals, captions, ranks), signs and qualifiers."""
from __future__ import annotations

import bisect
import functools
import operator
import re

from .. import numerals, resources
from .records import FigureConfig, _parse_doc_date
from .region import region_currency

_UNIT_CHARS = numerals.UNIT_CHARS
_SPACES = " \t\u3000\u00a0"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_RANGE_SEP_CHARS = frozenset("至到—–―-－−~～〜、")


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


_match_start = operator.methodcaller("start")


def _match_end(match: re.Match) -> int:
    """Where a master-regex match ends: at the empty group that closes each alternative (the numeric
    regex's own match is the figure's first character)."""
    return match.end(match.lastindex)


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
