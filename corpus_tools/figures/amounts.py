"""Numbers with a unit or measure word: money (with sub-units and currency words, and the
currency-less amounts of money clauses), headcounts, counts, percentages, fractions and quantities,
and the ranges two of them make."""
from __future__ import annotations

import bisect
import itertools
import re
from decimal import Decimal

from .. import numerals, resources
from .context import (
    _HAN,
    _RANGE_SEP_CHARS,
    _SPACES,
    _UNIT_CHARS,
    _blocked_context,
    _combine,
    _Doc,
    _match_end,
    _match_start,
    _prefix_qualifier,
    _prev_index,
    _sign,
    _suffix_qualifier,
)
from .records import _Cand

_MULTIPLIER_CHARS = numerals.MULTIPLIER_CHARS
_BARE_MULTIPLIERS = _UNIT_CHARS.replace("十", "").replace("拾", "")  # 百万, 千亿 alone are no number
_INNER_APPROX = frozenset("多余餘")
_SLOGAN_END = frozenset("，。；：！？,.;:!?（）()《》“”\"'「」『』【】[]\n\r\t —-/|·…0123456789０１２３４５６７８９%％")
_OPEN_QUOTES = "“「『\"‘"
_SEP_ONLY = re.compile(rf"[ \t\u3000]*{resources.FIGURE_RANGE_SEP}[ \t\u3000]*\Z")


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
    from .. import tokens

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
