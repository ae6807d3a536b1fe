"""Parse Chinese, Arabic and mixed numerals into numbers.

Pure functions over one numeral span, no extraction: finding the spans in running
text is :mod:`corpus_tools.figures`' job. Handles

* Arabic digits, full-width digits, thousands separators and decimals
  (``1,200``, ``１２０``, ``82，225.00``, ``.5``);
* Chinese numerals with units and the ``万``/``亿``/``兆`` multipliers, in
  simplified, traditional and financial forms (``两``, ``十三``, ``一千二百万``,
  ``壹仟玖佰``, ``二十 億``), abbreviations (``一万三`` = 13,000, ``千三`` = 1,300)
  and positional digit strings (``二〇二三`` = 2023);
* mixed forms (``3.5万亿``, ``1千零20``, ``3万4000``), Chinese decimals
  (``十五点七``), fractions (``五分之一``, ``3/5``, ``一又二分之一``), negatives
  (``负三十二``) and ``多``/``余``/``几`` inside a number (``十余万`` = 100,000);
* percentages (:func:`parse_percent`): ``24%``, ``百分之十五``, ``千分之一``,
  ``六个百分点``, ``两成``, ``三成半``.

Values are computed with exact decimal arithmetic in a private context (other
libraries change the global :mod:`decimal` context) and returned as ``float``.
"""
from __future__ import annotations

import decimal
import functools
import re
from decimal import Decimal

__all__ = ["DIGIT_CHARS", "MULTIPLIER_CHARS", "UNIT_CHARS", "normalize_digits", "parse_decimal", "parse_number",
           "parse_percent", "parse_year", "parse_roc_year"]

_CTX = decimal.Context(prec=60, Emax=999999, Emin=-999999)

#: Chinese characters read as a digit, with their value.
_DIGITS: dict[str, int] = {
    ch: value
    for chars, value in (
        ("零〇○", 0), ("一壹弌", 1), ("二贰貳两兩倆俩", 2), ("三叁參", 3), ("四肆", 4),
        ("五伍", 5), ("六陆陸", 6), ("七柒", 7), ("八捌", 8), ("九玖", 9),
    )
    for ch in chars
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

DIGIT_CHARS = "".join(_DIGITS)
UNIT_CHARS = "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
MULTIPLIER_CHARS = "".join(_BIG_UNITS)

_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％／：", "0123456789.,-+%/:")
_SPACES = re.compile(r"[\s\u3000*]+")
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
#: An Arabic number with a multiplier (2400亿, 1.5万亿, 2500 万, 12,000万): the commonest mixed form.
_ARABIC_MULTIPLIED = re.compile(r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?) ?([十百千万萬亿億兆]{1,3})")
_SLASH = re.compile(r"(?P<whole>-?\d+(?:\.\d+)?\s+)?(?P<num>-?\d+(?:\.\d+)?)/(?P<den>\d+(?:\.\d+)?)")
_NEGATIVE = ("负", "負", "-", "−")
_APPROX_INSIDE = frozenset("多余餘几幾")
_LATIN_SCALE = {"k": 10**3, "K": 10**3, "M": 10**6}
#: Longer spans are not one numeral (and would make exact arithmetic needlessly costly).
MAX_NUMERAL_CHARS = 64


def normalize_digits(text: str) -> str:
    """Fold full-width digits and number punctuation to ASCII; keep everything else.

    >>> normalize_digits("１２０，５００．５％")
    '120,500.5%'
    """
    return text.translate(_WIDTH)


def parse_number(text: str) -> float | None:
    """Return the value of one numeral span, or None if it is not a numeral.

    A bare multiplier (``万``, ``亿``) is not a number on its own; ``十`` is.

    >>> parse_number("一千二百万")
    12000000.0
    >>> parse_number("3.5万亿")
    3500000000000.0
    >>> parse_number("壹仟玖佰")
    1900.0
    >>> parse_number("二〇二三"), parse_number("1,200"), parse_number("１２０")
    (2023.0, 1200.0, 120.0)
    >>> parse_number("五分之一"), parse_number("负三十二")
    (0.2, -32.0)
    >>> parse_number("万") is None
    True
    """
    value = parse_decimal(text, allow_bare_unit=False)
    return None if value is None else float(value)


#: The first year of the Republic of China era is 1912: 中華民國112年 is 2023.
ROC_YEAR_OFFSET = 1911


def parse_roc_year(text: str) -> int | None:
    """Return the Gregorian year of a year of the Republic of China era (Taiwan's official dates), else None.

    >>> parse_roc_year("112"), parse_roc_year("一百一十二"), parse_roc_year("一一二"), parse_roc_year("0")
    (2023, 2023, 2023, None)
    """
    value = parse_number(text)
    if value is None or not value.is_integer() or not 1 <= value <= 300:
        return None
    return int(value) + ROC_YEAR_OFFSET


def parse_year(text: str) -> int | None:
    """Return the year written by a numeral (``2023``, ``二〇二三``, ``两千零四``), else None.

    Only years 1000 to 2999 are accepted: shorter numbers before ``年`` are
    durations (``20年``).

    >>> parse_year("二〇二三"), parse_year("两千零四"), parse_year("２０２２")
    (2023, 2004, 2022)
    >>> parse_year("20") is None
    True
    """
    value = parse_decimal(text, allow_bare_unit=False)
    if value is None or value != value.to_integral_value() or not 1000 <= value <= 2999:
        return None
    return int(value)


def parse_percent(text: str) -> float | None:
    """Return the percentage written by ``text`` (``24%`` is 24), or None.

    Reads ``%``/``％``/``‰``, ``百分之``/``千分之``/``万分之`` fractions,
    ``个百分点`` (percentage points) and ``成`` (tenths: ``两成`` is 20).

    >>> parse_percent("24%"), parse_percent("百分之十五"), parse_percent("两成")
    (24.0, 15.0, 20.0)
    >>> parse_percent("千分之2.4"), parse_percent("三成半"), parse_percent("六个百分点")
    (0.24, 35.0, 6.0)
    >>> parse_percent("百分之二三十") is None
    True
    """
    s = _SPACES.sub("", normalize_digits(text))
    if not s:
        return None
    for prefix, scale in (("百万分之", Decimal("0.0001")), ("万分之", Decimal("0.01")),
                          ("萬分之", Decimal("0.01")), ("千分之", Decimal("0.1")),
                          ("仟分之", Decimal("0.1")), ("百分之", Decimal(1)), ("佰分之", Decimal(1))):
        if s.startswith(prefix):
            return _scaled(_parse_signed(s[len(prefix):]), scale)
    if s[-1] in "%‰":
        scale = Decimal(1) if s[-1] == "%" else Decimal("0.1")
        return _scaled(_parse_signed(s[:-1]), scale)
    for suffix in ("个百分点", "個百分點", "百分点", "百分點"):
        if s.endswith(suffix):
            return _scaled(_parse_signed(s[: -len(suffix)]), Decimal(1))
    if "成" in s:
        head, _, tail = s.partition("成")
        tenths = _parse_signed(head)
        if tenths is None or not 0 <= tenths <= 10:
            return None
        if tail in ("", "半"):
            extra = Decimal("0.5") if tail else Decimal(0)
        elif len(tail) == 1 and tail in _DIGITS:
            extra = Decimal(_DIGITS[tail]) / 10
        else:
            return None
        return float(_CTX.multiply(_CTX.add(tenths, extra), Decimal(10)))
    return None


def _scaled(value: Decimal | None, scale: Decimal) -> float | None:
    return None if value is None else float(_CTX.multiply(value, scale))


def _parse_signed(text: str) -> Decimal | None:
    return parse_decimal(text, allow_bare_unit=False)


def parse_decimal(text: str, *, allow_bare_unit: bool = False) -> Decimal | None:
    """Return the exact value of one numeral span as a Decimal, or None if it is not a numeral.

    Reads what :func:`parse_number` reads, without rounding to a float, so that
    amounts can be multiplied and compared exactly. ``allow_bare_unit`` accepts
    a multiplier alone (``万``, ``亿``) as its value: a scale word after a
    number, or the ``百`` of ``百分之``.

    >>> parse_decimal("3.5万亿"), parse_decimal("一千二百万"), parse_decimal("０.１")
    (Decimal('3500000000000.0'), Decimal('12000000'), Decimal('0.1'))
    >>> parse_decimal("万") is None, parse_decimal("万", allow_bare_unit=True)
    (True, Decimal('10000'))
    """
    if text.isascii() and text.isdigit():  # the commonest span, without the folding below
        return Decimal(text) if len(text) <= MAX_NUMERAL_CHARS else None
    if len(text) == 1 and text in _DIGITS:  # the next commonest: one Chinese digit (两, 三)
        return Decimal(_DIGITS[text])
    s = normalize_digits(text).strip()
    if not s or len(s) > MAX_NUMERAL_CHARS:
        return None
    if _PLAIN.fullmatch(s):  # fast paths: most spans are plain Arabic numbers, or one with 万/亿
        return Decimal(s)
    if len(s) == 1 and s in _DIGITS:
        return Decimal(_DIGITS[s])
    mixed = _ARABIC_MULTIPLIED.fullmatch(s)
    if mixed:
        scale = _multiplier(mixed.group(2))
        number = mixed.group(1)
        if scale is not None and ("," not in number or _GROUPED.fullmatch(number)):
            return _CTX.multiply(Decimal(number.replace(",", "")), scale)
    if _GROUPED.fullmatch(s):
        return Decimal(s.replace(",", ""))
    slash = _SLASH.fullmatch(s)
    if slash:
        return _slash_fraction(slash)
    s = _SPACES.sub("", s)
    if not s:
        return None
    sign = 1
    if s.startswith(_NEGATIVE):
        sign, s = -1, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if not s:
        return None
    if "又" in s:
        whole, _, frac = s.partition("又")
        w, f = parse_decimal(whole, allow_bare_unit=False), _fraction(frac)
        if w is None or f is None or "又" in frac:
            return None
        return _CTX.multiply(Decimal(sign), _CTX.add(w, f))
    if "分之" in s:
        f = _fraction(s)
        return None if f is None else _CTX.multiply(Decimal(sign), f)
    value = _core(s, allow_bare_unit=allow_bare_unit)
    return None if value is None else _CTX.multiply(Decimal(sign), value)


@functools.lru_cache(maxsize=256)
def _multiplier(units: str) -> Decimal | None:
    """Value of a run of units after an Arabic number (万亿 is 10^12, 千万 10^7); cached, as a few
    runs (万, 亿, 万亿) follow most numbers and walking them costs more than the number."""
    return _core("1" + units, allow_bare_unit=True)


def _slash_fraction(match: re.Match) -> Decimal | None:
    den = Decimal(match["den"])
    if den == 0:
        return None
    value = _CTX.divide(Decimal(match["num"]), den)
    whole = match["whole"]
    if whole:
        w = Decimal(whole.strip())
        value = _CTX.add(w, value) if w >= 0 else _CTX.subtract(w, value)
    return value


def _fraction(text: str) -> Decimal | None:
    """``A分之B`` is B/A; A may be a bare unit (``百分之``, ``千分之``)."""
    den_text, sep, num_text = text.partition("分之")
    if not sep or "分之" in num_text:
        return None
    den = parse_decimal(den_text, allow_bare_unit=True)
    num = parse_decimal(num_text, allow_bare_unit=False)
    if den is None or num is None or den == 0:
        return None
    return _CTX.divide(num, den)


def _arabic_value(token: str) -> Decimal | None:
    if "," in token and not _GROUPED.fullmatch(token):
        return None
    return Decimal(token.replace(",", ""))


def _core(s: str, *, allow_bare_unit: bool) -> Decimal | None:
    """Value of an unsigned numeral made of digits, units and multipliers.

    Walks the characters once, keeping the completed multiplier sections
    (``total``), the current section below 10,000 (``section``) and a digit
    waiting for its unit (``pending``).
    """
    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    pending_is_cn_digit = False      # a single Chinese digit (for 一万三 = 13,000)
    positional = 0                   # Chinese digits read positionally (二〇二三)
    last_unit = 0                    # last small/big unit applied (for abbreviations)
    last_small = 10**5               # small units must decrease within a section
    zero_gap = False                 # 零 seen since the last unit: no abbreviation
    any_numeral = False              # a digit, 十 or 半 was read
    has_digit = False                # a real digit was read (百三 yes, 百万 no)
    ten_led = s[0] in "十拾"          # 十, 十五, 十万 are numbers without a digit
    any_unit = False
    scale = 1
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch.isdigit() or (ch == "." and i + 1 < n and s[i + 1].isdigit()):
            m = _ARABIC.match(s, i)
            if m is None or pending is not None and pending != 0:
                return None
            pending = _arabic_value(m.group())
            if pending is None:
                return None
            pending_is_cn_digit, any_numeral, has_digit = False, True, True
            i = m.end()
            continue
        if ch in _DIGITS or ch in "几幾":
            d = _DIGITS.get(ch, 0)
            any_numeral = has_digit = True
            if pending is not None and pending_is_cn_digit and not any_unit and positional:
                pending = _CTX.add(_CTX.multiply(pending, Decimal(10)), Decimal(d))
                positional += 1
            elif pending is not None and pending != 0:
                return None
            else:
                if pending == 0 or d == 0:
                    zero_gap = zero_gap or d == 0 or pending == 0
                pending = Decimal(d)
                pending_is_cn_digit = True
                positional = 1 if not any_unit else 0
            i += 1
            continue
        if ch in _SMALL_UNITS:
            u = _SMALL_UNITS[ch]
            if positional > 1 or u >= last_small:
                return None
            mult = pending if pending not in (None, Decimal(0)) else Decimal(1)
            section = _CTX.add(section, _CTX.multiply(mult, Decimal(u)))
            pending, pending_is_cn_digit, positional = None, False, 0
            last_unit, last_small, zero_gap, any_unit, any_numeral = u, u, False, True, True
            i += 1
            continue
        if ch in _BIG_UNITS:
            big = Decimal(_BIG_UNITS[ch])
            if positional > 1:
                return None
            cur = section if pending is None else _CTX.add(section, pending)
            if cur == 0 and (pending is None or pending == 0):
                if total == 0:
                    total = big
                else:
                    total = _CTX.multiply(total, big)   # 万亿, 万万
            elif total != 0 and total < big:
                total = _CTX.multiply(_CTX.add(total, cur), big)  # 一万五千亿
            else:
                total = _CTX.add(total, _CTX.multiply(cur, big))
            section, pending, pending_is_cn_digit, positional = Decimal(0), None, False, 0
            last_unit, last_small, zero_gap, any_unit, any_numeral = _BIG_UNITS[ch], 10**5, False, True, True
            i += 1
            continue
        if ch in "点點" and i + 1 < n and s[i + 1] in _DIGITS:
            j = i + 1
            digits = []
            while j < n and s[j] in _DIGITS:
                digits.append(str(_DIGITS[s[j]]))
                j += 1
            frac = Decimal("0." + "".join(digits))
            base = _abbreviated(pending, pending_is_cn_digit, last_unit, zero_gap)
            pending = _CTX.add(base if base is not None else Decimal(0), frac)
            pending_is_cn_digit, positional, any_numeral, has_digit = False, 0, True, True
            i = j
            continue
        if ch in _APPROX_INSIDE:
            i += 1
            continue
        if ch == "半" and pending is None and i + 1 < n and s[i + 1] in UNIT_CHARS:
            pending, any_numeral, has_digit = Decimal("0.5"), True, True
            i += 1
            continue
        if ch == "打" and i == n - 1 and any_numeral:
            scale = 12
            i += 1
            continue
        if ch in _LATIN_SCALE and i == n - 1 and any_numeral:
            scale = _LATIN_SCALE[ch]
            i += 1
            continue
        return None
    if not (has_digit or ten_led or allow_bare_unit):
        return None
    if pending is not None:
        tail = _abbreviated(pending, pending_is_cn_digit, last_unit, zero_gap)
        section = _CTX.add(section, tail)
    if not any_unit and pending is None and section == 0 and total == 0:
        return None
    return _CTX.multiply(_CTX.add(total, section), Decimal(scale))


def _abbreviated(pending: Decimal | None, is_cn_digit: bool, last_unit: int, zero_gap: bool) -> Decimal | None:
    """A lone Chinese digit right after a unit scales by a tenth of it (一万三 = 13,000)."""
    if pending is None:
        return None
    if is_cn_digit and last_unit >= 100 and not zero_gap and pending != 0:
        return _CTX.multiply(pending, Decimal(last_unit // 10))
    return pending

