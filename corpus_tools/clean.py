"""Clean decoded Chinese documents: small named steps composed into one pipeline.

Every step is a pure ``str -> str`` function named for what it does
(:func:`normalize_line_endings`, :func:`fold_width`, :func:`remove_boilerplate`...).
:func:`clean_text` runs them in order; :func:`clean` does the same and also
returns what each step changed (like ftfy's ``fix_and_explain``), and
:func:`explain` gives those changes as a table (``schema.CLEANING_LOG``). The
raw text is never modified: the documents table keeps ``text_raw`` beside the
clean ``text`` that every span of the library refers to.

Choices worth knowing:

* Unicode is normalised to NFC, not NFKC: NFKC would turn Chinese punctuation
  (``，`` ``：`` ``（``) into ASCII. Only full-width digits and Latin letters
  (and a few full-width symbols such as ``％``) are folded to half width.
* Paragraph structure is kept: a single line break stays a line break, blank
  lines are collapsed to one.
* A line or page break inside a sentence is removed
  (:func:`rejoin_broken_lines`); headings, bylines and list items are not
  joined to what follows.
* Boilerplate patterns (release headers, contact blocks, repost disclaimers,
  legal footers, navigation runs) live in ``corpus_tools/data/boilerplate_*.txt``.
* Image captions stay in the text; :func:`find_captions` returns their spans
  (the ``captions`` column of the documents table), so that they can be left out
  of body-text counts.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import pandas as pd

from . import _data, resources, schema
from .errors import ConfigError, InputError

__all__ = [
    "CleanConfig", "CleanResult", "Change", "STEPS",
    "clean", "clean_text", "explain", "clean_documents", "cleaning_log",
    "normalize_line_endings", "remove_invisible_chars", "normalize_unicode", "fold_width",
    "normalize_whitespace", "strip_markdown", "remove_footnote_marks", "remove_boilerplate",
    "drop_repeated_lines", "rejoin_broken_lines", "find_captions", "remove_running_heads",
    "corpus_furniture", "remove_lines", "furniture_candidates", "text_key", "decide_furniture",
    "FurnitureCounter",
]

Action = Literal["removed", "replaced", "joined", "marked"]
WidthFold = Literal["alnum", "alnum_symbols", "none"]
UnicodeForm = Literal["NFC", "none"]


@dataclass(frozen=True)
class CleanConfig:
    """Options of the cleaning pipeline; the defaults are what :func:`clean_text` does.

    Attributes:
        unicode_form: ``"NFC"`` (default) composes characters and maps CJK
            compatibility ideographs to the unified ones; ``"none"`` skips it.
            NFKC is not offered: it would turn Chinese punctuation into ASCII.
        width: ``"alnum_symbols"`` (default) folds full-width digits, Latin
            letters and the symbols ``％＋＝＜＞＠＃＄＆＊／＼＾＿｜`` (and ``．``/``－``
            between digits) to ASCII; ``"alnum"`` folds only digits and letters;
            ``"none"`` keeps them. Chinese punctuation (``，。：；！？（）「」``) is
            always kept.
        strip_markdown: drop ``**bold**`` markers, link syntax, heading hashes.
        remove_footnote_marks: drop ``¹``-style marks and URL-only footnote lines.
        remove_boilerplate: drop release headers, contact blocks, repost
            disclaimers, legal footers, navigation runs and running page heads
            and feet (:func:`remove_running_heads`).
        drop_repeated_lines: drop a line identical to the previous non-blank line. Off
            by default: equal consecutive lines are often content (two table rows
            ``设备采购 100万元``), and furniture that repeats (running heads and feet
            at page breaks) is removed by ``remove_boilerplate`` on its own evidence.
        rejoin_lines: remove line and page breaks that split a sentence.
        rejoin_min_tail: a line whose unfinished last sentence is shorter than this
            (in characters) is joined to the next line only when that sentence
            cannot be a byline glued to a paragraph's end ("...奠定基础。王查娜":
            two to four Han characters starting with a surname) and the next line
            reads like prose, or when the next line starts with a particle or
            closing punctuation.
        mark_captions: find caption lines (``CleanResult.captions``).
    """

    unicode_form: UnicodeForm = "NFC"
    width: WidthFold = "alnum_symbols"
    strip_markdown: bool = True
    remove_footnote_marks: bool = True
    remove_boilerplate: bool = True
    drop_repeated_lines: bool = False
    rejoin_lines: bool = True
    rejoin_min_tail: int = 5
    mark_captions: bool = True

    def __post_init__(self) -> None:
        if self.unicode_form not in ("NFC", "none"):
            raise ConfigError(f"CleanConfig.unicode_form must be 'NFC' or 'none' (got {self.unicode_form!r})")
        if self.width not in ("alnum", "alnum_symbols", "none"):
            raise ConfigError(
                f"CleanConfig.width must be one of 'alnum', 'alnum_symbols', 'none' (got {self.width!r})"
            )
        if not isinstance(self.rejoin_min_tail, int) or self.rejoin_min_tail < 0:
            raise ConfigError(
                f"CleanConfig.rejoin_min_tail must be a non-negative int (got {self.rejoin_min_tail!r})"
            )


DEFAULT_CONFIG = CleanConfig()


@dataclass(frozen=True)
class Change:
    """One change a step made: ``before`` at ``[start, end)`` of the text the step received."""

    step: str
    action: Action
    before: str
    after: str
    start: int
    end: int


@dataclass(frozen=True)
class CleanResult:
    """The clean text, the changes that produced it and the caption spans in it."""

    text: str
    changes: tuple[Change, ...] = ()
    captions: tuple[tuple[int, int], ...] = field(default=())

    def explain(self, *, doc_id: str = "") -> pd.DataFrame:
        """Return the changes as a ``schema.CLEANING_LOG`` table."""
        rows = [(doc_id, c.step, c.action, c.before, c.after, c.start, c.end) for c in self.changes]
        if not rows:
            return schema.empty_frame(schema.CLEANING_LOG)
        return schema.conform(pd.DataFrame(rows, columns=list(schema.CLEANING_LOG)), schema.CLEANING_LOG)




# ---------------------------------------------------------------- helpers

def _sub(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str,
         step: str, log: list[Change] | None, action: Action = "replaced") -> str:
    """``pattern.sub(repl, text)``, recording each effective change when ``log`` is a list."""
    if log is None:
        return pattern.sub(repl, text)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group():
            continue
        out.append(text[pos:m.start()])
        out.append(new)
        pos = m.end()
        kind: Action = action if (new or action == "joined") else "removed"
        log.append(Change(step, kind, m.group(), new, m.start(), m.end()))
    out.append(text[pos:])
    return "".join(out)


def _remove_spans(text: str, spans: list[tuple[int, int]], step: str,
                  log: list[Change] | None) -> str:
    """Remove whole lines (content spans, sorted) together with the line breaks that held them."""
    if not spans:
        return text
    cuts: list[tuple[int, int]] = []
    n = len(text)
    for start, end in spans:
        while end < n and text[end] == "\n":
            end += 1
        if cuts and start <= cuts[-1][1]:  # overlapping or touching: one cut (a span inside another keeps its end)
            previous_start, previous_end = cuts.pop()
            start, end = previous_start, max(end, previous_end)
        if end == n:  # a cut that reaches the end takes the breaks before it
            while start > 0 and text[start - 1] == "\n":
                start -= 1
        cuts.append((start, end))
    out: list[str] = []
    pos = 0
    for start, end in cuts:
        out.append(text[pos:start])
        pos = end
        if log is not None:
            log.append(Change(step, "removed", text[start:end], "", start, end))
    out.append(text[pos:])
    return "".join(out)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the line that contains ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


# ---------------------------------------------------------------- steps

_RUNNING_HEAD_MAX = 60  # characters of a running header or footer line
_DIGITS = re.compile(r"[0-9０-９]+")


def _page_line_key(line: str) -> str | None:
    """What a running header or footer keeps from page to page: the line with its numbers blanked
    ("上海市科委公报 2023年第3期" and "...第4期" are one); None for prose or a long line."""
    line = line.strip()
    if not line or len(line) > _RUNNING_HEAD_MAX or resources.SENTENCE_FINAL.search(line):
        return None
    return _DIGITS.sub("#", line)


def _remove_running_heads(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if not config.remove_boilerplate or text.count("\x0c") < 2:
        return text
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    pos = 0
    parts = text.split("\x0c")
    for i, part in enumerate(parts):
        lines = [m for m in resources.LINE_SPAN.finditer(text, pos, pos + len(part)) if m.group().strip()]
        if lines and i > 0:  # the first page's head is the document's own (a letterhead, a title)
            key = _page_line_key(lines[0].group())
            if key is not None:
                found.setdefault(("head", key), []).append(lines[0].span())
        if lines and i < len(parts) - 1 and (i or len(lines) > 1):  # (nor its head as a foot)
            key = _page_line_key(lines[-1].group())
            if key is not None:
                found.setdefault(("foot", key), []).append(lines[-1].span())
        pos += len(part) + 1
    spans = sorted(span for places in found.values() if len(places) >= 2 for span in places)
    return _remove_spans(text, spans, "remove_running_heads", log)


def remove_running_heads(text: str) -> str:
    """Remove running headers and footers: a short line that opens (or closes) two or more pages
    (page breaks are form feeds, as in the text of a PDF), numbers aside. The first page keeps its head.

    >>> remove_running_heads("市科委公报\\n第一条，内容。\\x0c市科委公报\\n第二条，内容。\\x0c市科委公报\\n第三条。")
    '市科委公报\\n第一条，内容。\\x0c第二条，内容。\\x0c第三条。'
    """
    return _remove_running_heads(text, DEFAULT_CONFIG, None)


def _normalize_line_endings(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    def repl(m: re.Match[str]) -> str:
        return "\n\n" if m.group() in ("\x0c", "\u2029") else "\n"

    return _sub(resources.LINE_BREAK, repl, text, "normalize_line_endings", log)


def normalize_line_endings(text: str) -> str:
    """Turn CRLF, CR, NEL and line separators into ``\\n``; form feeds (page breaks) into a blank line.

    >>> normalize_line_endings("第一行\\r\\n第二行\\r第三行\\f第四页")
    '第一行\\n第二行\\n第三行\\n\\n第四页'
    """
    return _normalize_line_endings(text, DEFAULT_CONFIG, None)


def _remove_invisible_chars(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    return _sub(resources.INVISIBLE, lambda m: "", text, "remove_invisible_chars", log, "removed")


def remove_invisible_chars(text: str) -> str:
    """Remove zero-width spaces and joiners, byte-order marks, soft hyphens and control characters.

    >>> remove_invisible_chars("\\ufeff科技\\u200b园")
    '科技园'
    """
    return _remove_invisible_chars(text, DEFAULT_CONFIG, None)


def _normalize_unicode(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if config.unicode_form == "none" or unicodedata.is_normalized("NFC", text):
        return text

    def repl(m: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", m.group())

    return _sub(resources.LINE, repl, text, "normalize_unicode", log)


def normalize_unicode(text: str, *, form: UnicodeForm = "NFC") -> str:
    """Normalise to NFC (not NFKC, which would turn ``，`` into ``,``).

    CJK compatibility ideographs become their unified forms.

    >>> normalize_unicode("\\uf963京，e\\u0301")
    '北京，é'
    """
    return _normalize_unicode(text, CleanConfig(unicode_form=form), None)


_FULLWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def _fold_width(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if config.width == "none":
        return text
    pattern = resources.FULLWIDTH_ALNUM if config.width == "alnum" else resources.FULLWIDTH_ALNUM_SYMBOLS

    def repl(m: re.Match[str]) -> str:
        run = m.group()
        if "．" not in run and "－" not in run:
            return run.translate(_FULLWIDTH_TABLE)
        folded = []
        for i, ch in enumerate(run):
            if ch in "．－":  # a decimal point or minus sign only between digits
                pos = m.start() + i
                before = text[pos - 1:pos].translate(_FULLWIDTH_TABLE)
                after = text[pos + 1:pos + 2].translate(_FULLWIDTH_TABLE)
                folded.append(ch.translate(_FULLWIDTH_TABLE) if before.isdigit() and after.isdigit() else ch)
            else:
                folded.append(ch.translate(_FULLWIDTH_TABLE))
        return "".join(folded)

    return _sub(pattern, repl, text, "fold_width", log)


def fold_width(text: str, *, width: WidthFold = "alnum_symbols") -> str:
    """Fold full-width digits and Latin letters to half width; keep Chinese punctuation.

    >>> fold_width("２０２３年３月，营收增长１２．５％（ＡＢＣ）")
    '2023年3月，营收增长12.5%（ABC）'
    >>> fold_width("２０２３年", width="none")
    '２０２３年'
    """
    return _fold_width(text, CleanConfig(width=width), None)


def _normalize_whitespace(text: str, config: CleanConfig, log: list[Change] | None, *,
                          blanks: bool = True) -> str:
    """See :func:`normalize_whitespace`; ``blanks=False`` promises that the only whitespace is " " and "\\n"."""
    def repl(m: re.Match[str]) -> str:
        n_breaks = m.group().count("\n")
        return "\n\n" if n_breaks > 1 else "\n" if n_breaks else " "

    stripped = text.strip()
    if not stripped:
        if text and log is not None:
            log.append(Change("normalize_whitespace", "removed", text, "", 0, len(text)))
        return ""
    lead = len(text) - len(text.lstrip())
    inner_end = lead + len(stripped)
    inner_log: list[Change] | None = [] if log is not None else None
    if blanks and log is not None:
        out = _sub(resources.WHITESPACE, repl, stripped, "normalize_whitespace", inner_log)
    else:
        if blanks:  # WHITESPACE treats every other blank like a space: the same text results
            stripped = resources.BLANK.sub(" ", stripped)
        out = _canonical_plain_whitespace(stripped, inner_log)
    if log is not None and inner_log is not None:
        if lead:
            log.append(Change("normalize_whitespace", "removed", text[:lead], "", 0, lead))
        log.extend(Change(c.step, c.action, c.before, c.after, c.start + lead, c.end + lead) for c in inner_log)
        if inner_end < len(text):
            log.append(Change("normalize_whitespace", "removed", text[inner_end:], "", inner_end, len(text)))
    return out


def _canonical_plain_whitespace(text: str, log: list[Change] | None) -> str:
    """What WHITESPACE's substitution does to a text whose only whitespace is " " and "\\n".

    The runs it changes are the maximal runs of spaces and line breaks that hold a
    space next to whitespace or three breaks in a row (two literal-led searches find
    them, much faster than a regex trying every space and break); each becomes
    "\\n\\n", "\\n" or " " by its number of breaks, and is logged as WHITESPACE's match would be.
    """
    space_at = _next_space_beside_whitespace(text, 0)
    breaks_at = text.find("\n\n\n")
    if space_at < 0 and breaks_at < 0:
        return text
    out: list[str] = []
    pos, n = 0, len(text)
    while space_at >= 0 or breaks_at >= 0:
        start = breaks_at if space_at < 0 or 0 <= breaks_at < space_at else space_at
        end = start + 1
        while start > pos and text[start - 1] in " \n":
            start -= 1
        while end < n and text[end] in " \n":
            end += 1
        run = text[start:end]
        n_breaks = run.count("\n")
        new = "\n\n" if n_breaks > 1 else "\n" if n_breaks else " "
        out.append(text[pos:start])
        out.append(new)
        if log is not None:
            log.append(Change("normalize_whitespace", "replaced", run, new, start, end))
        pos = end
        if space_at >= 0 and space_at < end:
            space_at = _next_space_beside_whitespace(text, end)
        if breaks_at >= 0 and breaks_at < end:
            breaks_at = text.find("\n\n\n", end)
    out.append(text[pos:])
    return "".join(out)


def _next_space_beside_whitespace(text: str, pos: int) -> int:
    if text.find(" ", pos) < 0:
        return -1  # a one-character test: most Chinese text has few spaces
    m = resources.SPACE_BESIDE_WHITESPACE.search(text, pos)
    return m.start() if m else -1


def normalize_whitespace(text: str) -> str:
    """Collapse spaces, trim lines and the text, and keep at most one blank line in a row.

    Tabs, no-break and ideographic spaces (``\\u3000``, used to indent Chinese
    paragraphs) become a single ASCII space, or nothing at a line's start or end.

    >>> normalize_whitespace("\\u3000\\u3000第一段  内容 \\n\\n\\n\\n第二段\\t结束\\n")
    '第一段 内容\\n\\n第二段 结束'
    """
    return _normalize_whitespace(text, DEFAULT_CONFIG, None)


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


def _multi_sub(text: str, rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]],
               step: str, log: list[Change] | None, action: Action = "replaced") -> str:
    """Apply several (pattern, repl) rules to the same text in one go.

    Every rule scans the input (so each can start with a literal, which is fast);
    where matches overlap the one that starts first (then the longer) wins, as
    in one alternation. Offsets in the log refer to the input.
    """
    edits: list[tuple[int, int, str, str]] = []
    for pattern, repl in rules:
        for m in pattern.finditer(text):
            new = repl(m)
            if new != m.group():
                edits.append((m.start(), -m.end(), new, m.group()))
    if not edits:
        return text
    edits.sort()
    out: list[str] = []
    pos = 0
    for start, neg_end, new, old in edits:
        if start < pos:
            continue  # overlaps an edit already made
        out.append(text[pos:start])
        out.append(new)
        pos = -neg_end
        if log is not None:
            log.append(Change(step, action if new else "removed", old, new, start, -neg_end))
    out.append(text[pos:])
    return "".join(out)


def _strip_markdown(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if not config.strip_markdown:
        return text

    def group(name: str) -> Callable[[re.Match[str]], str]:
        return lambda m: m.group(name) or ""

    def at_line_start(m: re.Match[str]) -> str:
        return "" if _at_line_start(text, m.start()) else m.group()

    # one-character tests first: much faster than looking for a longer string, and these
    # ASCII characters are rare in Chinese text
    rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = []
    if "*" in text and "**" in text:
        rules.append((resources.MARKDOWN_BOLD, group("bold")))
    if "]" in text and "](" in text:
        rules.append((resources.MARKDOWN_IMAGE, lambda m: ""))
        rules.append((resources.MARKDOWN_LINK, group("link")))
    if "<" in text and ("<http" in text or "<ftp" in text):
        rules.append((resources.MARKDOWN_AUTOLINK, group("autolink")))
    if "_" in text and "__" in text:
        rules.append((resources.MARKDOWN_UNDERLINE, group("under")))
    if "#" in text:
        rules.append((resources.MARKDOWN_HASHES, at_line_start))
    if "-" in text and "---" in text:
        rules.append((resources.MARKDOWN_RULE, at_line_start))
    return _multi_sub(text, rules, "strip_markdown", log) if rules else text


def strip_markdown(text: str) -> str:
    """Remove Markdown residue: bold markers, link and image syntax, heading hashes, table rules.

    >>> strip_markdown("**一是**开展活动。请[按此](#)下载。**2018** 年起")
    '一是开展活动。请按此下载。2018 年起'
    """
    return _strip_markdown(text, DEFAULT_CONFIG, None)


_SUPERSCRIPTS = resources.SUPERSCRIPT_CHARS


def _is_han_or_closing(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "。，；！？”」）"


_SUPERSCRIPT_RE = re.compile("[" + "".join(sorted(_SUPERSCRIPTS)) + "]")


def _remove_footnote_marks(text: str, config: CleanConfig, log: list[Change] | None, *,
                           superscripts: frozenset[str] | None = None) -> str:
    """See :func:`remove_footnote_marks`; ``superscripts``: those the text may hold (None: look)."""
    if not config.remove_footnote_marks:
        return text
    bracket, note = "[" in text, "注" in text
    if superscripts is None:
        superscripts = frozenset(_SUPERSCRIPT_RE.findall(text))
    if not (bracket or superscripts or note and ("http" in text or "www." in text)):
        return text  # no mark, and no "注" that a URL could follow
    firsts = superscripts | {first for first, found in (("[", bracket), ("注", note)) if found}

    def repl(m: re.Match[str]) -> str:
        start = m.start()
        if m.group("url") is not None and _at_line_start(text, start):
            return ""  # a footnote line that only holds a reference URL
        mark = m.group("mark")
        before = text[start - 1] if start else ""
        if mark[0] in _SUPERSCRIPTS:
            keep = before.isascii() and before.isalpha()  # m², km³ are units
        elif mark[0] == "[":
            keep = not (before and _is_han_or_closing(before))
        else:
            keep = True  # "注1" in running text
        return m.group() if keep else (m.group("url") or "")

    return _sub(resources.footnote_pattern(firsts), repl, text, "remove_footnote_marks", log, "removed")


def remove_footnote_marks(text: str) -> str:
    """Remove footnote marks (``¹``, ``[1]`` after Chinese text) and URL-only footnote lines.

    Superscripts after a Latin letter are units and stay (``12万m²``).

    >>> remove_footnote_marks("产业规模超万亿元。¹行程期间\\n¹ <http://example.com/a.html>\\n面积3万m²")
    '产业规模超万亿元。行程期间\\n面积3万m²'
    """
    return _remove_footnote_marks(text, DEFAULT_CONFIG, None)


@dataclass(frozen=True)
class _WholeLines:
    """Whole-line patterns: ``first`` matched at the text start, ``after_break`` after a line break.

    Starting with a literal "\\n" lets the regex engine skip to line starts fast.
    """

    first: re.Pattern[str]
    after_break: re.Pattern[str]

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [(m.start(), m.end()) for m in [self.first.match(text)] if m]
        found.extend((m.start() + 1, m.end()) for m in self.after_break.finditer(text))
        return found


_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
#: (code points, other, nullable): the Han characters or "\n" a match may start with, whether
#: it may start with any other character, whether it may be empty; None: anything.
_First = tuple[frozenset[int], bool, bool]


def _is_han_or_newline(code: int) -> bool:
    return code == 0x0A or any(lo <= code <= hi for lo, hi in _HAN_RANGES)


def _touches_han_or_newline(lo: int, hi: int) -> bool:
    return lo <= 0x0A <= hi or any(lo <= han_hi and hi >= han_lo for han_lo, han_hi in _HAN_RANGES)


def _first_of_code(code: int) -> _First:
    # case-insensitive matching pairs a cased character only with other non-Han, non-"\n" ones
    return (frozenset({code}), False, False) if _is_han_or_newline(code) else (frozenset(), True, False)


def _first_of_sequence(items: list) -> _First | None:
    codes: set[int] = set()
    other = False
    for op, av in items:
        found = _first_of_item(op, av)
        if found is None:
            return None
        codes |= found[0]
        other = other or found[1]
        if not found[2]:
            return frozenset(codes), other, False
    return frozenset(codes), other, True


def _first_of_item(op: int, av: Any) -> _First | None:
    from re import _constants as c

    if op is c.LITERAL:
        return _first_of_code(av)
    if op is c.IN:
        codes: set[int] = set()
        other = False
        for item_op, item in av:
            if item_op is c.LITERAL:
                found = _first_of_code(item)
            elif item_op is c.RANGE and not _touches_han_or_newline(*item):
                found = (frozenset(), True, False)
            elif item_op is c.RANGE and item[1] - item[0] <= 256:
                found = (frozenset(x for x in range(item[0], item[1] + 1) if _is_han_or_newline(x)),
                         any(not _is_han_or_newline(x) for x in range(item[0], item[1] + 1)), False)
            else:
                return None  # a negated class or a category such as \s or \w
            codes |= found[0]
            other = other or found[1]
        return frozenset(codes), other, False
    if op is c.BRANCH:
        alternatives = [_first_of_sequence(items) for items in av[1]]
        if any(found is None for found in alternatives):
            return None
        return (frozenset().union(*(f[0] for f in alternatives)), any(f[1] for f in alternatives),  # type: ignore[index]
                any(f[2] for f in alternatives))  # type: ignore[index]
    if op is c.SUBPATTERN:
        return _first_of_sequence(av[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        found = _first_of_sequence(av[2])
        return None if found is None else (found[0], found[1], found[2] or av[0] == 0)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _first_of_sequence(av)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset(), False, True  # zero width: what follows decides (a superset)
    return None


def _first_character_guard(pattern: str) -> str:
    """A lookahead that rejects, in one step, the Han characters and "\\n" no match of ``pattern`` starts with.

    Worked out from the parsed pattern (a superset of the true first characters,
    so adding the guard never changes what matches); "" when the pattern may
    start with any character or match the empty string.
    """
    try:
        from re import _parser

        found = _first_of_sequence(list(_parser.parse(pattern)))
    except Exception:  # noqa: BLE001 (a private module: without it, no guard)
        return ""
    if found is None or found[2]:
        return ""
    allowed = "".join(re.escape(chr(code)) for code in sorted(found[0]))
    alternatives = ([f"[{allowed}]"] if allowed else []) + (["[^\\n\\u3400-\\u4dbf\\u4e00-\\u9fff]"] if found[1] else [])
    return f"(?={'|'.join(alternatives)})" if alternatives else "(?!)"


@functools.lru_cache(maxsize=None)
def _boilerplate_patterns(*, guard: bool = True) -> tuple[_WholeLines, _WholeLines]:
    """Whole-line boilerplate and contact-block heads, from the data files.

    With ``guard``, a line is rejected at its first character when no pattern can
    start with it (most lines of a document start with a Han character).
    """
    def whole_lines(name: str) -> _WholeLines:
        alternatives = "|".join(f"(?:{p})" for p in _data.read_lines(name))
        first = _first_character_guard(alternatives) if guard else ""
        return _WholeLines(re.compile(rf"(?:{alternatives})(?=\n|\Z)"),
                           re.compile(rf"\n{first}(?:{alternatives})(?=\n|\Z)"))

    return whole_lines("boilerplate_lines.txt"), whole_lines("boilerplate_contact_heads.txt")


_CONTACT_DETAIL = re.compile(
    r"电话|電話|电邮|電郵|邮箱|郵箱|传真|傳真|手机|手機|(?i:tel|fax|phone|e-?mail|mobile)|@|\+?\d[\d \-]{6,}\d"
)
_NAV_CHECK_MAX_LINE = 600
_NAV_MIN_LINE = 6


def _next_line_is_date(text: str, pos: int) -> bool:
    while pos < len(text) and text[pos] == "\n":
        pos += 1
    end = text.find("\n", pos)
    return bool(resources.DATE_LINE.match(text[pos:len(text) if end < 0 else end]))


def _contact_block(text: str, head_end: int) -> int:
    """End of the contact lines that follow a contact heading ending at ``head_end``."""
    pos = head_end
    end = head_end
    n = len(text)
    while pos < n:
        while pos < n and text[pos] == "\n":
            pos += 1
        if pos >= n:
            break
        line_end = text.find("\n", pos)
        line_end = n if line_end < 0 else line_end
        line = text[pos:line_end]
        is_detail = len(line) <= 120 and bool(_CONTACT_DETAIL.search(line))  # the length test first: cheaper
        is_short_label = len(line) <= 30 and not resources.PROSE_PUNCT.search(line.rstrip("：:"))
        if not (is_detail or is_short_label) or resources.DATE_LINE.match(line):
            break
        if not is_detail and _next_line_is_date(text, line_end):
            break  # an issuer above its sign-off date closes the document, not the contacts
        end = line_end
        pos = line_end
    return end




#: Lines without sentence-final punctuation are the candidates for navigation runs
#: (``_nav_candidates``; a possessive quantifier: a prose line fails at its first full stop
#: without backtracking).
_UNPUNCTUATED = rf"[^\n。！？!?]{{{_NAV_MIN_LINE},{_NAV_CHECK_MAX_LINE}}}+"


#: Navigation runs are mostly page headers and footers: lines within this many characters of
#: the start or the end of the text are checked as they are; a line between these windows
#: (a share bar between an article and its comments, the footer of one page of several
#: pasted together) must in addition look like a run of links, without the commas and
#: semicolons of a list in the body ("社交平台：微信、微博、Facebook").
_NAV_HEAD = 1500
_NAV_TAIL = 2500
_LIST_PUNCT = re.compile(r"[，、；,;]")


def _navigation_lines(text: str) -> list[tuple[int, int]]:
    """Lines without sentence punctuation holding three or more navigation words (see ``_NAV_HEAD``)."""
    first_line, after_break = _nav_candidates()
    candidates = [m for m in [first_line.match(text)] if m]
    candidates.extend(after_break.finditer(text))
    if not candidates:
        return []
    if len(text) <= _NAV_HEAD + _NAV_TAIL:
        middle_start = middle_end = 0
    else:
        middle_start = text.find("\n", _NAV_HEAD)
        middle_start = len(text) if middle_start < 0 else middle_start
        middle_end = max(text.rfind("\n", 0, len(text) - _NAV_TAIL), middle_start)
    ascii_words, _other_words = _nav_words()
    spans = []
    for m in candidates:
        start, end = m.span(1)
        line = m.group(1)
        found = _count_nav_words(line)
        if found < 3:
            found += sum(map(line.lower().__contains__, ascii_words))
        if found >= 3 and not (middle_start <= start < middle_end and _LIST_PUNCT.search(text, start, end)):
            spans.append(m.span(1))
    return spans


@functools.lru_cache(maxsize=1)
def _nav_candidates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The candidate lines of ``_navigation_lines`` (first line; after a line break): a line without
    sentence punctuation (``_UNPUNCTUATED``) that holds a non-ASCII navigation word or a character
    that lower-cases to an ASCII letter, found in one scan (no Python loop over the other lines)."""
    _ascii_words, other_words = _nav_words()
    has_word = rf"(?=[^\n]*?(?:[{_LOWERS_TO_ASCII_LETTER}]|{resources.trie_regex(other_words)}))"
    line = rf"(?={_UNPUNCTUATED}(?:\n|\Z)){has_word}([^\n]+)"
    return re.compile(line), re.compile(rf"\n{line}")


#: Characters whose lower-case form holds an ASCII letter (checked by the tests).
_LOWERS_TO_ASCII_LETTER = "A-Za-z\u0130\u212a"



@functools.lru_cache(maxsize=None)
def _nav_triggers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What a line holding any navigation word contains, from the cheapest test on.

    The first character of a non-ASCII word or a character that lower-cases to an
    ASCII letter (English words are looked up in ``line.lower()``); then one of the
    non-ASCII words, or such a letter. Each pattern starts with a class or literals:
    fast scans. Counting the words (which may overlap) is left to the exact test.
    """
    _ascii_words, other_words = _nav_words()
    firsts = "".join(sorted({re.escape(word[0]) for word in other_words}))
    return (re.compile(f"[{firsts}{_LOWERS_TO_ASCII_LETTER}]"), re.compile("|".join(map(re.escape, other_words))),
            re.compile(f"[{_LOWERS_TO_ASCII_LETTER}]"))


@functools.lru_cache(maxsize=1)
def _nav_word_finder() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """The longest non-ASCII navigation word starting at each position (a lookahead: words may overlap),
    and for each word the words it contains."""
    _ascii_words, other_words = _nav_words()
    return (re.compile(f"(?=({resources.trie_regex(other_words)}))"),
            {word: frozenset(w for w in other_words if w in word) for word in other_words})


def _count_nav_words(line: str) -> int:
    """How many of the non-ASCII navigation words occur in ``line`` (one scan instead of one per word:
    a word present starts where some longest word starts, and is a prefix of it)."""
    finder, contained = _nav_word_finder()
    found: set[str] = set()
    for word in finder.findall(line):
        found |= contained[word]
    return len(found)


@functools.lru_cache(maxsize=None)
def _nav_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Navigation words as (lower-cased ASCII words, other words)."""
    words = _data.read_lines("boilerplate_nav_words.txt")
    return (tuple(sorted({w.lower() for w in words if w.isascii()})),
            tuple(sorted({w for w in words if not w.isascii()})))


def _remove_boilerplate(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if not config.remove_boilerplate:
        return text
    lines, heads = _boilerplate_patterns()
    spans = lines.spans(text)
    for start, end in heads.spans(text):
        spans.append((start, _contact_block(text, end)))
    spans.extend(_navigation_lines(text))
    spans.extend(_post_header_lines(text))
    spans.extend(_furniture_lines(text))
    spans.extend(_lines_containing_furniture(text))
    spans.extend(_related_lists(text))
    spans.extend(_inline_furniture(text))
    spans.sort()
    return _remove_spans(text, spans, "remove_boilerplate", log)


_CONTAINS_LINE_MAX = 120


@functools.lru_cache(maxsize=1)
def _inline_furniture_pattern() -> re.Pattern[str]:
    """Furniture flattened into a paragraph (a page whose line breaks became spaces): two or more
    toolbar words in a row between spaces ("… 分享 facebook …"), or a run of link items that ends the
    line (" 》自營商進出明細 》漲跌幅即時排行")."""
    words = resources.trie_regex(resources.toolbar_words())  # guarded: a space before no word fails in one test
    return re.compile(rf"[ \t](?:{words})(?:[ \t]+(?:{words}))+(?=[ \t]|\n|\Z)"
                      r"|[ \t](?:[ \t]*(?:》|>>|▶|►)[^ \t《》<>\n。！？，]{1,20}){2,}[ \t]*(?=\n|\Z)")


def _inline_furniture(text: str) -> list[tuple[int, int]]:
    """Spans of ``_inline_furniture_pattern`` in the last ``_NAV_TAIL`` characters (page footers), only in a
    text that has spaces between words (one single-character test)."""
    if " " not in text:
        return []
    start = max(0, len(text) - _NAV_TAIL)
    return [m.span() for m in _inline_furniture_pattern().finditer(text, start)]


_LITERAL_ALTERNATION = re.compile(r"\(\?:([^()\[\]\\?*+{}.^$]+)\)")


@functools.lru_cache(maxsize=1)
def _furniture_phrases() -> tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]:
    """The phrases of ``data/boilerplate_contains.txt``, each with the literal words it starts with
    (its leading ``(?:A|B)`` group; None: none), so that a text holding none of them is not scanned."""
    out = []
    for pattern in _data.read_lines("boilerplate_contains.txt"):
        lead = _LITERAL_ALTERNATION.match(pattern)
        out.append((re.compile(pattern), tuple(dict.fromkeys(lead.group(1).split("|"))) if lead else None))
    return tuple(out)


def _lines_containing_furniture(text: str) -> list[tuple[int, int]]:
    """Short lines holding a phrase of ``data/boilerplate_contains.txt`` (credits, prompts, ICP numbers).

    Only the short lines are scanned: they are joined (most characters of an article are in its long
    paragraphs, which no phrase can make furniture) and a match is mapped back to its line.
    """
    starts: list[int] = []
    ends: list[int] = []
    short: list[str] = []
    pos = 0
    for line in text.split("\n"):  # (one split is faster than a regex scan for the short lines)
        n = len(line)
        if 0 < n <= _CONTAINS_LINE_MAX:
            starts.append(pos)
            ends.append(pos + n)
            short.append(line)
        pos += n + 1
    if not starts:
        return []
    joined = "\n".join(short)
    spans = []
    offsets = list(itertools.accumulate((e - s + 1 for s, e in zip(starts, ends)), initial=0))
    for j_start, _j_end in _furniture_phrase_lines(joined, 0, len(joined)):
        i = bisect.bisect_right(offsets, j_start) - 1
        spans.append((starts[i], ends[i]))
    return spans


@functools.lru_cache(maxsize=1)
def _furniture_triggers() -> re.Pattern[str]:
    """The leading words of every phrase, as one regex: one scan tells which phrases may occur (a phrase's
    own words, not its first characters: "支持" or "用户" alone are common in prose)."""
    words = {word for _pattern, firsts in _furniture_phrases() for word in firsts or ()}
    return re.compile(resources.trie_regex(sorted(words), guard=False))


def _furniture_phrase_lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    present = set(_furniture_triggers().findall(text, lo, hi))
    spans = []
    for pattern, firsts in _furniture_phrases():
        if firsts is not None and present.isdisjoint(firsts):
            continue
        end = -1
        for m in pattern.finditer(text, lo, hi):
            if m.start() < end:
                continue
            start, end = _line_bounds(text, m.start())
            if end - start <= _CONTAINS_LINE_MAX:
                spans.append((start, end))
    return spans


_RELATED_ITEMS = 15  # link lines of a related-article list
_RELATED_ITEM_MAX = 60


@functools.lru_cache(maxsize=1)
def _related_head() -> re.Pattern[str]:
    """A related-article list's heading on a line of its own ("相关阅读", "延伸閱讀：", "本周必读出海精品文章")."""
    heads = "|".join(map(re.escape, sorted(_data.read_lines("boilerplate_related_heads.txt"), key=len, reverse=True)))
    return re.compile(rf"(?m)^[ \t【\[]*(?:{heads})[^\n。，]{{0,10}}?[】\]]?[ \t]*[:：]?[ \t]*$")


@functools.lru_cache(maxsize=1)
def _related_trigger() -> re.Pattern[str]:
    """A heading word at a line's start, anchored on the line break (searched in "\\n" + text): a scan
    for a literal is much faster than one for any of the heads' first characters."""
    heads = resources.trie_regex(_data.read_lines("boilerplate_related_heads.txt"), guard=False)
    return re.compile(rf"\n[ \t【\[]*(?:{heads})")


def _related_lists(text: str) -> list[tuple[int, int]]:
    """A related-article list: its heading and the link lines after it (short, no full stop; a line that
    reads like a paragraph ends the list)."""
    spans: list[tuple[int, int]] = []
    if _related_trigger().search("\n" + text) is None:
        return spans  # (one literal scan instead of a try at every line start)
    for m in _related_head().finditer(text):
        spans.append(m.span())
        pos = m.end()
        for _ in range(_RELATED_ITEMS):
            line = resources.LINE_SPAN.search(text, pos)
            if line is None or text[pos:line.start()].count("\n") > 2:
                break
            item = line.group().strip()
            if len(item) > _RELATED_ITEM_MAX or resources.SENTENCE_FINAL.search(item.rstrip("？?！!")):
                break
            spans.append(line.span())
            pos = line.end()
    return spans


_FURNITURE_MAX = 40  # characters of a toolbar, breadcrumb or label line

#: Lines of at most 80 characters without a full stop: the only candidates for furniture lines
#: (anchored on the line break before them: a pattern starting with ``(?m)^`` is tried at every character).
_SHORT_LINE_AFTER_BREAK = re.compile(r"\n([^\n。]{1,80}+)(?=\n|\Z)")
_SHORT_FIRST_LINE = re.compile(r"[^\n。]{1,80}+(?=\n|\Z)")


def _short_lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the short lines in ``text[lo:hi]`` (``lo`` at a line start)."""
    spans = []
    if lo == 0 or text[lo - 1] == "\n":
        first = _SHORT_FIRST_LINE.match(text, lo, hi)
        if first is not None:
            spans.append(first.span())
    spans.extend(m.span(1) for m in _SHORT_LINE_AFTER_BREAK.finditer(text, lo, hi))
    return spans
_FIELD_VALUE_MAX = 40  # characters of the value line under a label-only line
_CRUMB_RUN = 8  # short lines after a breadcrumb label ("您的位置:" / "首页" / ">" / "云南要闻")
_CRUMB_PART_MAX = 16
_CRUMB_SIGNS = re.compile(r"[>＞»›]")


@functools.lru_cache(maxsize=1)
def _header_label_line() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns of header-field lines: (label only, label then value); spaces inside a label are ignored."""
    labels = sorted(_data.read_lines("boilerplate_header_labels.txt"), key=len, reverse=True)
    alternatives = "|".join(r"[ \t\u3000]*".join(map(re.escape, label)) for label in labels)
    label = rf"[【\[]?[ \t\u3000]*(?:{alternatives})[ \t\u3000]*[:：]"
    return re.compile(label + r"[ \t\u3000]*"), re.compile(label + r"[^\n]{0,80}")


def _is_toolbar(line: str) -> bool:
    """A short line made of toolbar words ("缩小字体 放大字体 收藏 微博 微信 分享", "CSDN官方微信", "网站地图"):
    without them, at most two Han characters are left."""
    rest, found = resources.toolbar_pattern().subn(" ", line)
    if not found:
        return False
    return sum(1 for ch in rest if "\u4e00" <= ch <= "\u9fff") <= 2


def _is_breadcrumb(line: str) -> bool:
    """"网易首页 > 网易科技 > 互联网 > 正文", "首页 > 10%公司": short parts between ">" signs."""
    parts = [p.strip() for p in re.split(r"[>＞»›]+", line)]
    return (len(parts) >= 2 and all(len(p) <= _CRUMB_PART_MAX for p in parts)
            and not resources.PROSE_PUNCT.search(line.replace(":", "").replace("：", "")))


_PROSE_LINE_MIN = 60  # characters of a line of the article itself (furniture lines are short)
_LONG_LINE = re.compile(rf"[^\n]{{{_PROSE_LINE_MIN}}}")


def _furniture_zones(text: str) -> tuple[tuple[int, int], ...]:
    """Where site furniture is looked for: before the first long line of the text, and after the last
    one or in the last ``_NAV_TAIL`` characters (the article sits between); the whole text when no
    line is long."""
    first = _LONG_LINE.search(text)
    n = len(text)
    if first is None:
        return ((0, n),)
    head_end = text.rfind("\n", 0, first.start()) + 1
    end = n  # after the last long line
    while end > head_end:
        start = text.rfind("\n", 0, end) + 1
        if end - start >= _PROSE_LINE_MIN:
            break
        end = start - 1
    window = text.rfind("\n", 0, max(0, n - _NAV_TAIL)) + 1
    return (0, head_end), (max(head_end, min(end, window)), n)


def _furniture_lines(text: str) -> list[tuple[int, int]]:
    """Site furniture told by its structure: toolbar and breadcrumb lines, a breadcrumb label with the
    short lines of its path, header fields (a label-only line and its value; "label：value" near either
    end), the pieces of a font toolbar split over lines ("【字体：" / "大" / "中" / "小" / "】")."""
    only_label, label_value = _header_label_line()
    lines = [span for lo, hi in _furniture_zones(text) for span in _short_lines(text, lo, hi)]
    n_text = len(text)
    spans: list[tuple[int, int]] = []
    skip_until = -1
    for i, (m_start, m_end) in enumerate(lines):
        if i <= skip_until:
            continue
        line = text[m_start:m_end].strip()
        length = len(line)
        colon = "：" in line or ":" in line
        if not colon and "，" in line:
            continue  # a phrase of prose: no label, toolbar nor breadcrumb
        near_end = m_start < _NAV_HEAD or m_end > n_text - _NAV_TAIL
        if colon and only_label.fullmatch(line):
            spans.append((m_start, m_end))
            j = i + 1
            if j < len(lines):  # its value, or the path of a breadcrumb, or the sizes of a font toolbar
                run = _CRUMB_RUN if ("位置" in line or "字" in line) else 1
                while j < len(lines) and j <= i + run:
                    if text[lines[j - 1][1]:lines[j][0]].strip():
                        break  # a long line between: not the next line
                    value = text[lines[j][0]:lines[j][1]].strip()
                    if len(value) > _FIELD_VALUE_MAX or resources.SENTENCE_FINAL.search(value) or (
                            run > 1 and len(value) > 8 and not _is_breadcrumb(value)):
                        break
                    if run == 1 and (only_label.fullmatch(value) or resources.PROSE_PUNCT.search(
                            value.replace(":", "").replace("：", "")) and len(value) > 20):
                        break
                    spans.append(lines[j])
                    skip_until = j
                    j += 1
            continue
        if length > _FURNITURE_MAX:
            if colon and near_end and "，" not in line and label_value.match(line):
                spans.append((m_start, m_end))
            continue
        if (colon and near_end and "，" not in line and label_value.match(line) or _is_toolbar(line)
                or _CRUMB_SIGNS.search(line) and _is_breadcrumb(line)):
            spans.append((m_start, m_end))
    return spans


_POST_HEADER_LINES = 3  # how many first lines may hold a social-media post's header
_POST_HEADER_MAX = 80


def _post_header_lines(text: str) -> list[tuple[int, int]]:
    """The header line of a WeChat-style post among the first lines: account names, a publication
    time and "发表于<place>" ("张江发布 2023-05-12 18:30 发表于上海"). (One with 原创 is in the data
    file; without it the line starts with any name, which a guarded pattern cannot.)"""
    head = text[:(_POST_HEADER_MAX + 1) * _POST_HEADER_LINES]
    if "发表于" not in head and "發表於" not in head:
        return []
    found = []
    for m in itertools.islice(resources.LINE_SPAN.finditer(head), _POST_HEADER_LINES):
        line = m.group()
        if (("发表于" in line or "發表於" in line) and len(line) <= _POST_HEADER_MAX
                and resources.WEB_TIMESTAMP.search(line) and not resources.SENTENCE_FINAL.search(line)):
            found.append(m.span())
    return found


def remove_boilerplate(text: str) -> str:
    """Remove release headers, contact blocks, repost disclaimers, legal footers and navigation runs.

    The patterns are in ``corpus_tools/data/boilerplate_lines.txt``,
    ``boilerplate_contact_heads.txt`` and ``boilerplate_nav_words.txt``. A
    contact block is its heading plus the short contact lines after it.

    >>> remove_boilerplate("新闻稿\\n\\n标题\\n\\n正文。\\n\\n###\\n\\n传媒查询：\\n\\n张丽兰\\n\\n电话：+852 2629 6891")
    '标题\\n\\n正文。'
    """
    return _remove_boilerplate(text, DEFAULT_CONFIG, None)


def _drop_repeated_lines(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if not config.drop_repeated_lines:
        return text
    lines = list(filter(None, text.split("\n")))
    if not any(map(operator.eq, lines, lines[1:])):
        return text  # the common case, decided without building spans
    spans = []
    previous = None
    for m in resources.LINE.finditer(text):
        line = m.group()
        if line == previous:
            spans.append((m.start(), m.end()))
        previous = line
    return _remove_spans(text, spans, "drop_repeated_lines", log)


def drop_repeated_lines(text: str) -> str:
    """Drop a line that repeats the previous non-blank line (doubled captions, headings).

    Not part of the default pipeline (``CleanConfig.drop_repeated_lines`` is off): equal
    consecutive lines may be content, such as two equal table rows.

    >>> drop_repeated_lines("剪彩仪式\\n剪彩仪式\\n正文。")
    '剪彩仪式\\n正文。'
    """
    return _drop_repeated_lines(text, CleanConfig(drop_repeated_lines=True), None)


def _should_join(text: str, brk: re.Match[str], min_tail: int) -> bool:
    if text[brk.end()] in resources.NON_INITIAL:
        return True
    prev_start = text.rfind("\n", 0, brk.start()) + 1
    return _breaks_a_sentence(text, brk, min_tail, prev_start) and not _ends_on_purpose(
        text, prev_start, brk.start(), brk.end())


def _breaks_a_sentence(text: str, brk: re.Match[str], min_tail: int, prev_start: int) -> bool:
    if not resources.PROSE_PUNCT.search(text, prev_start, brk.start()):
        # a heading, byline or label, unless it breaks off after a word that never ends one
        # ("...加快生物医药产业发展的" + "部署，现将...")
        return (text[brk.start() - 1] in resources.NON_FINAL and brk.start() - prev_start >= _MIN_UNFINISHED_LINE
                and resources.PROSE_PUNCT.search(text, brk.end(), _line_bounds(text, brk.end())[1]) is not None)
    if resources.BLOCK_START.match(text, brk.end()) or resources.LIST_ITEM.match(text, prev_start):
        return False
    numbering = resources.LEADING_NUMBERING.match(text, prev_start)
    body_start = numbering.end() if numbering else prev_start
    if numbering and not resources.PROSE_PUNCT.search(text, body_start, brk.start()):
        return False  # a numbered heading: its 、 is not prose punctuation
    end = brk.start()
    last_final = max(text.rfind("。", body_start, end), text.rfind("！", body_start, end),
                     text.rfind("？", body_start, end), text.rfind("!", body_start, end), text.rfind("?", body_start, end))
    tail_start = last_final + 1 if last_final >= 0 else body_start
    if brk.start() - tail_start >= min_tail:
        return True
    # A short unfinished sentence is a broken one ("。他表" + "示，...") unless it may be a byline
    # glued to the paragraph's end ("。王查娜"), or the next line is no prose (a title, an issuer).
    return (not _may_be_glued_byline(text[tail_start:brk.start()])
            and resources.PROSE_PUNCT.search(text, brk.end(), _line_bounds(text, brk.end())[1]) is not None)


_WRAPPED_RATIO = 1.5  # a line this many times shorter than the next one was not cut by wrapping
_LONG_NEXT_LINE = 30
_HEADLINE_MAX = 40  # characters of a headline told by its length alone (a wrapped page line may be longer)


def _ends_on_purpose(text: str, prev_start: int, prev_end: int, next_start: int) -> bool:
    """Whether the line ``[prev_start, prev_end)`` is a headline, a title or a caption, never a broken line.

    Wrapping cuts a line at the full width, so a line without a full stop that is much
    shorter than the next one (a headline over its lead paragraph, "……！浙江省政府发文，进一步加强这项工作")
    was ended on purpose; so was a caption line, and the line before a caption.
    """
    next_end = _line_bounds(text, next_start)[1]
    if (next_end - next_start >= _LONG_NEXT_LINE and prev_end - prev_start <= _HEADLINE_MAX
            and (prev_end - prev_start) * _WRAPPED_RATIO < next_end - next_start
            and text.find("。", prev_start, prev_end) < 0):
        return True
    return any(end - start <= _CAPTION_MAX and _is_caption(text, start, end)
               for start, end in ((prev_start, prev_end), (next_start, next_end)))


_CAPTION_MAX = 100  # characters of a caption line


_MIN_UNFINISHED_LINE = 10  # characters of a line without punctuation that ends in a NON_FINAL word


def _may_be_glued_byline(tail: str) -> bool:
    """Two to four Han characters that start with a surname (simplified or traditional)."""
    if not 2 <= len(tail) <= 4 or resources.HAN_RUN.fullmatch(tail) is None:
        return False
    single, double = _surnames()
    return tail[0] in single or tail[:2] in double


@functools.lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single and compound surnames of ``data/surnames.txt``, with their traditional forms."""
    from .script import to_traditional

    words = [w for line in _data.read_lines("surnames.txt") for w in line.split()]
    words += [to_traditional(w) for w in words]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def _rejoin_broken_lines(text: str, config: CleanConfig, log: list[Change] | None) -> str:
    if not config.rejoin_lines:
        return text

    def repl(m: re.Match[str]) -> str:
        return "" if _should_join(text, m, config.rejoin_min_tail) else m.group()

    return _sub(resources.REJOIN_CANDIDATE, repl, text, "rejoin_broken_lines", log, "joined")


def rejoin_broken_lines(text: str, *, min_tail: int = 5) -> str:
    """Remove line and page breaks that split a sentence.

    A break between two Chinese characters is removed when the line before it
    reads like prose (it has punctuation) and ends in an unfinished sentence, and
    the next line does not open a list item, a numbered heading, a new article or
    a caption; or when the next line starts with a character that cannot begin a
    paragraph (``的``, ``了``, ``，``...). An unfinished sentence shorter than
    ``min_tail`` characters is joined only when it cannot be a byline glued to the
    paragraph's end (2-4 Han characters starting with a surname: ``。王查娜``) and
    the next line has prose punctuation. Headings, bylines and list items are
    never joined to what follows; a line without punctuation is taken for one
    unless it ends in a word that never ends a heading (``的``, ``和``, ``在``...)
    and the next line is prose.

    >>> rejoin_broken_lines("一方面，贯彻落实本市生物医药产业\\n\\n高质量发展的意见。")
    '一方面，贯彻落实本市生物医药产业高质量发展的意见。'
    >>> rejoin_broken_lines("二、关于建议的答复\\n\\n上海多年来一直重视合作。")
    '二、关于建议的答复\\n\\n上海多年来一直重视合作。'
    >>> rejoin_broken_lines("面对充满希望的创新格局和激烈\\n\\n的竞争，他表示。")
    '面对充满希望的创新格局和激烈的竞争，他表示。'
    >>> rejoin_broken_lines("会议取得圆满成功。他表\\n\\n示，将继续推进合作。")
    '会议取得圆满成功。他表示，将继续推进合作。'
    >>> rejoin_broken_lines("为合作奠定基础。王查娜\\n\\n近日，物流园项目进入施工阶段。")
    '为合作奠定基础。王查娜\\n\\n近日，物流园项目进入施工阶段。'
    """
    return _rejoin_broken_lines(text, CleanConfig(rejoin_min_tail=min_tail), None)


def find_captions(text: str) -> list[tuple[int, int]]:
    """Return the spans of caption lines: "图一：...", "图为...", photo credits "记者 周华/摄".

    >>> t = "正文。\\n\\n图一：代表团到访。\\n\\n新华社记者 周华/摄"
    >>> [t[s:e] for s, e in find_captions(t)]
    ['图一：代表团到访。', '新华社记者 周华/摄']
    """
    lines: dict[int, int] = {}  # start -> end of the lines that hold a trigger
    for trigger in resources.CAPTION_TRIGGERS:
        if trigger[0] not in text:
            continue  # a one-character test is faster than looking for "照片"
        pos = text.find(trigger)
        while pos >= 0:
            start, end = _line_bounds(text, pos)
            lines[start] = end
            pos = text.find(trigger, end)  # the rest of this line is decided
    return [(start, lines[start]) for start in sorted(lines) if _is_caption(text, start, lines[start])]


def _is_caption(text: str, start: int, end: int) -> bool:
    """``resources.CAPTION.match(text, start, end)`` for the line at ``[start, end)``."""
    if resources.CAPTION_START.match(text, start, end):
        return True
    line = text[start:end]
    return "图为" in line or "圖為" in line  # resources.CAPTION_WORDS, spelled out: this runs per line


# ---------------------------------------------------------------- pipeline

_StepFunc = Callable[[str, CleanConfig, "list[Change] | None"], str]

#: The cleaning steps in the order the pipeline runs them.
STEPS: tuple[tuple[str, _StepFunc], ...] = (
    ("remove_running_heads", _remove_running_heads),
    ("normalize_line_endings", _normalize_line_endings),
    ("remove_invisible_chars", _remove_invisible_chars),
    ("normalize_unicode", _normalize_unicode),
    ("fold_width", _fold_width),
    ("normalize_whitespace", _normalize_whitespace),
    ("strip_markdown", _strip_markdown),
    ("remove_footnote_marks", _remove_footnote_marks),
    ("normalize_whitespace", _normalize_whitespace),
    ("remove_boilerplate", _remove_boilerplate),
    ("drop_repeated_lines", _drop_repeated_lines),
    ("rejoin_broken_lines", _rejoin_broken_lines),
)


#: The rare characters (``resources.RARE_CHARS``) that these steps act on: a text holding
#: none of them skips the step.
_STEP_CHARS: dict[str, frozenset[str]] = {
    "remove_running_heads": frozenset("\x0c"),
    "normalize_line_endings": resources.LINE_BREAK_CHARS,
    "remove_invisible_chars": resources.INVISIBLE_CHARS,
    "fold_width": resources.FULLWIDTH_CHARS,
}


def _space_beside_whitespace(text: str) -> bool:
    """Whether ``text`` holds "  ", " \\n" or "\\n " (a single-character test first: most Chinese text has few spaces)."""
    return " " in text and resources.SPACE_BESIDE_WHITESPACE.search(text) is not None


def _run(text: str, config: CleanConfig, log: list[Change] | None, *, skip_noops: bool = True) -> CleanResult:
    """Run every step; with ``skip_noops`` skip those a cheap test shows cannot change the text.

    One regex scan collects the rare characters the text holds (usually none);
    the steps that act only on such characters are skipped without them, and
    whitespace and footnotes take their fast paths when no blank other than
    " " or no superscript is present. Skipping only saves time: the result is the
    same (checked by the tests against ``skip_noops=False``).
    """
    if not isinstance(text, str):
        raise InputError(f"clean: text must be a str (got {type(text).__name__})")
    if not isinstance(config, CleanConfig):
        raise ConfigError(f"clean: config must be a CleanConfig (got {type(config).__name__})")
    if not skip_noops:
        for _name, step in STEPS:
            text = step(text, config, log)
        return _with_captions(text, config, log)
    # no step adds a rare character, except NFC (U+2000 -> U+2002), after which the set is rebuilt
    present = frozenset(resources.RARE_CHARS.findall(text))
    dirty = True  # whether whitespace may need normalising again
    for name, step in STEPS:
        chars = _STEP_CHARS.get(name)
        if chars is not None and present.isdisjoint(chars):
            continue
        if name == "normalize_whitespace":
            blanks = not present.isdisjoint(resources.BLANK_CHARS)
            if dirty:  # without other blanks, the step's own tests are the fastest way to a no-op
                text = _normalize_whitespace(text, config, log, blanks=blanks)
            present -= resources.BLANK_CHARS  # the step leaves none
            dirty = False
            continue
        before = text
        if name == "remove_footnote_marks":
            text = _remove_footnote_marks(text, config, log, superscripts=present & resources.SUPERSCRIPT_CHARS)
        else:
            text = step(text, config, log)
        changed = len(text) != len(before) or text != before
        if changed and name == "normalize_unicode":
            present = frozenset(resources.RARE_CHARS.findall(text))
        dirty = dirty or changed
    return _with_captions(text, config, log)


def _with_captions(text: str, config: CleanConfig, log: list[Change] | None) -> CleanResult:
    # steps after NFC can leave text that is not NFC: a full-width letter folded to ASCII
    # before a combining mark (Ｅ + ◌́ -> É), a mark joined to its letter across a removed break
    text = _normalize_unicode(text, config, log)
    captions: tuple[tuple[int, int], ...] = ()
    if config.mark_captions:
        captions = tuple(find_captions(text))
        if log is not None:
            log.extend(Change("find_captions", "marked", text[s:e], text[s:e], s, e) for s, e in captions)
    return CleanResult(text, tuple(log) if log is not None else (), captions)


def clean_text(text: str, *, config: CleanConfig = DEFAULT_CONFIG) -> str:
    """Return the clean text of one document.

    >>> clean_text("新闻稿\\n\\n**一是**开展双向投资１２３项，推动本市产业\\n\\n高质量发展。¹\\n\\n###")
    '一是开展双向投资123项，推动本市产业高质量发展。'
    """
    return _run(text, config, None).text


def clean(text: str, *, config: CleanConfig = DEFAULT_CONFIG, record_changes: bool = True) -> CleanResult:
    """Clean ``text`` and return the clean text, every change made and the caption spans.

    With ``record_changes=False`` the changes are not collected (faster; ``changes`` is empty).

    >>> r = clean("图一：代表团到访。\\n\\n请按此下载高清照片。")
    >>> r.text, r.captions, [(c.step, c.action) for c in r.changes]
    ('图一：代表团到访。', ((0, 9),), [('remove_boilerplate', 'removed'), ('find_captions', 'marked')])
    """
    return _run(text, config, [] if record_changes else None)


def explain(text: str, *, doc_id: str = "", config: CleanConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Return what each cleaning step removed or changed, one row per change (``schema.CLEANING_LOG``).

    ``start``/``end`` locate ``before`` in the text that step received.

    >>> explain("**一是**推进合作。", doc_id="a")[["step", "action", "before", "after"]].values.tolist()
    [['strip_markdown', 'replaced', '**一是**', '一是']]
    """
    return clean(text, config=config).explain(doc_id=doc_id)


def _require_columns(documents: pd.DataFrame, columns: tuple[str, ...], where: str) -> None:
    if not isinstance(documents, pd.DataFrame):
        raise InputError(f"{where}: documents must be a pandas DataFrame (got {type(documents).__name__})")
    missing = [c for c in columns if c not in documents.columns]
    if missing:
        raise InputError(f"{where}: documents lack column(s) {missing} (has {list(documents.columns)})")


def clean_documents(documents: pd.DataFrame, *, source_column: str = "text_raw",
                    config: CleanConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Return ``documents`` with ``text``, ``n_chars`` and ``captions`` recomputed from ``source_column``.

    The input frame is not modified; the index is kept. ``captions`` holds
    ``[start, end]`` spans of caption lines in ``text``.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text_raw": ["新闻稿\\n\\n推动合作\\n\\n取得进展。"]})
    >>> clean_documents(docs)[["text", "n_chars"]].values.tolist()
    [['推动合作\\n\\n取得进展。', 11]]
    """
    _require_columns(documents, (source_column,), "clean_documents")
    results = [_run("" if pd.isna(raw) else raw, config, None) for raw in documents[source_column]]
    return documents.assign(
        text=pd.array([r.text for r in results], dtype="string"),
        n_chars=pd.array([len(r.text) for r in results], dtype="Int64"),
        captions=pd.Series([[list(span) for span in r.captions] for r in results],
                           index=documents.index, dtype=object),
    )


def cleaning_log(documents: pd.DataFrame, *, source_column: str = "text_raw",
                 config: CleanConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Return the cleaning log (``schema.CLEANING_LOG``) of every document of a documents table.

    With a ``publisher`` column, the lines :func:`corpus.load_corpus <corpus_tools.load.load_corpus>`
    removes as the template of a publisher's site (:func:`corpus_furniture`) are logged too
    (step ``remove_corpus_furniture``).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text_raw": ["###\\n正文。"]})
    >>> cleaning_log(docs)[["doc_id", "step", "before"]].values.tolist()
    [['a', 'remove_boilerplate', '###\\n']]
    """
    _require_columns(documents, ("doc_id", source_column), "cleaning_log")
    results = [clean("" if pd.isna(raw) else raw, config=config) for raw in documents[source_column]]
    frames = [r.explain(doc_id=doc_id) for doc_id, r in zip(documents["doc_id"], results)]
    if "publisher" in documents.columns and config.remove_boilerplate and len(results) >= 3:
        # what load_corpus removed after cleaning: the template lines of each publisher's site
        furniture = corpus_furniture([r.text for r in results], documents["publisher"].tolist())
        for k, (doc_id, r, lines) in enumerate(zip(documents["doc_id"], results, furniture)):
            if lines:
                log: list[Change] = []
                remove_lines(r.text, lines, log=log)
                frames[k] = pd.concat([frames[k], CleanResult(r.text, tuple(log)).explain(doc_id=doc_id)])
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty_frame(schema.CLEANING_LOG)
    return schema.conform(pd.concat(frames, ignore_index=True), schema.CLEANING_LOG)


# ---------------------------------------------------------------- corpus-level furniture

_TEMPLATE_LINE_MAX = 60  # characters of a line that may be a site template's
_TEMPLATE_MIN_DOCS = 3  # distinct documents of one source a template line must appear in
_TEMPLATE_SHARE = 0.5  # ... and this share of the source's distinct documents


def furniture_candidates(text: str) -> frozenset[str]:
    """Return the lines of ``text`` that could be a site template's: short (≤ 60 characters), no full stop.

    The per-document part of :func:`corpus_furniture`: what a worker sends to be counted.

    >>> sorted(furniture_candidates("请关注本站\\n第一篇报道的正文。\\n  返回顶部  "))
    ['请关注本站', '返回顶部']
    """
    return frozenset(line.strip() for line in text.split("\n")
                     if 0 < len(line.strip()) <= _TEMPLATE_LINE_MAX and "。" not in line)


def text_key(text: str) -> str:
    """A short content hash of a text: identical texts of a group are counted once by it.

    >>> text_key("正文。") == text_key("正文。") != text_key("别的正文。")
    True
    """
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def decide_furniture(line_counts: Mapping[tuple[Any, str], int],
                     documents: Mapping[Any, int]) -> dict[Any, frozenset[str]]:
    """Return per group its template lines from the counts of :class:`FurnitureCounter` (or a reduction).

    Args:
        line_counts: per ``(group, line)`` the number of distinct documents of the group holding it.
        documents: per group its number of distinct documents.

    A line is furniture when it is in at least three distinct documents of its group
    and in at least half of them.

    >>> decide_furniture({("甲", "请关注本站"): 3, ("甲", "正文"): 1}, {"甲": 4})
    {'甲': frozenset({'请关注本站'})}
    """
    found: dict[Any, set[str]] = {}
    for (group, line), count in line_counts.items():
        if count >= max(_TEMPLATE_MIN_DOCS, _TEMPLATE_SHARE * documents[group]):
            found.setdefault(group, set()).add(line)
    return {group: frozenset(lines) for group, lines in sorted(found.items(), key=lambda kv: str(kv[0]))}


class FurnitureCounter:
    """Counts of candidate lines per group, fed document by document (chunk by chunk), then decided.

    Identical documents of a group (same :func:`text_key`) count once; documents
    without a group (None/NA) are not counted. Memory: one entry per distinct
    (group, line) and per distinct document key.

    >>> counter = FurnitureCounter()
    >>> for i in range(3):
    ...     counter.add("甲", text_key(f"正文{i}"), furniture_candidates(f"请关注本站\\n正文{i}"))
    >>> counter.furniture()
    {'甲': frozenset({'请关注本站'})}
    """

    def __init__(self) -> None:
        self.line_counts: dict[tuple[Any, str], int] = {}
        self.documents: dict[Any, int] = {}
        self._seen: set[tuple[Any, str]] = set()

    def add(self, group: Any, key: str, candidates: Iterable[str]) -> None:
        """Count one document of ``group`` (its :func:`text_key` and :func:`furniture_candidates`)."""
        if group is None or pd.isna(group) or (group, key) in self._seen:
            return
        self._seen.add((group, key))
        self.documents[group] = self.documents.get(group, 0) + 1
        counts = self.line_counts
        for line in candidates:
            counts[(group, line)] = counts.get((group, line), 0) + 1

    def furniture(self) -> dict[Any, frozenset[str]]:
        """The template lines of each group that has any (:func:`decide_furniture`)."""
        return decide_furniture(self.line_counts, self.documents)


def corpus_furniture(texts: list[str], groups: list[object]) -> list[frozenset[str]]:
    """Return, per text, its lines that are the template of its group (a publisher's site furniture).

    A short line (at most 60 characters, without a full stop) that appears in at least three
    distinct texts of the same group, and in at least half of them, is furniture; texts whose
    group is missing (None/NA) are never changed. Identical texts count once (a corpus holding a
    document twice has no template in it) and lose the same lines. One pass over the lines: linear
    in corpus size. Built from :func:`furniture_candidates`, :class:`FurnitureCounter` and
    :func:`decide_furniture`, which a chunked build (:func:`corpus_tools.build`) runs chunk by chunk.

    >>> texts = [f"请关注本站\\n第{i}篇报道的正文。" for i in range(3)] + ["请关注本站\\n别的正文。"]
    >>> [sorted(lines) for lines in corpus_furniture(texts, ["甲", "甲", "甲", "乙"])]
    [['请关注本站'], ['请关注本站'], ['请关注本站'], []]
    """
    counter = FurnitureCounter()
    candidates = [furniture_candidates(text) for text in texts]
    for text, group, lines in zip(texts, groups, candidates):
        counter.add(group, text_key(text), lines)
    found = counter.furniture()
    empty: frozenset[str] = frozenset()
    return [empty if group is None or pd.isna(group) else lines & found.get(group, empty)
            for group, lines in zip(groups, candidates)]


def remove_lines(text: str, lines: frozenset[str], *, step: str = "remove_corpus_furniture",
                 log: list[Change] | None = None) -> str:
    """Remove every line of ``text`` whose stripped content is in ``lines`` (logging each removal).

    >>> remove_lines("请关注本站\\n正文。", frozenset({"请关注本站"}))
    '正文。'
    """
    if not lines:
        return text
    spans = [m.span() for m in resources.LINE_SPAN.finditer(text) if m.group().strip() in lines]
    return _remove_spans(text, spans, step, log)
