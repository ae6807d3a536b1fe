"""The subject of a figure: the noun counted or measured (from part-of-speech tags of short
windows around counts, headcounts and quantities) and what money is (融资, 补贴, 营收 ...)."""
from __future__ import annotations

import bisect
import itertools
import operator
import re

from .. import numerals, resources
from .context import _HAN, _SPACES, _Doc
from .records import _Cand

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
    from .. import tokens

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
