"""Peer conformance: Recognizers-Text and JioNLP test cases that fit our guidelines.

The cases are the peers' public test tables, converted to JSONL in
``tests/data/conformance`` (see its README for schemas and licences). A case is
*in scope* when it asks for something GUIDELINES.md calls a figure, written the
way the guidelines cover; each suite has one documented, general filter
(``scope_*``) that returns the reason a case is left out, or None. In-scope
cases must pass, except the known gaps listed as data in
``tests/cases/figures_conformance_gaps.json`` (run as ``xfail(strict=True)``, so a
fixed gap fails until it is removed from the list).

Pass rates per suite are printed (``pytest -s``); ``test_pass_rate`` asserts
>= 90 % on the Recognizers number, percent, currency and date-parser suites.

How each suite is checked:

* number_model: ``numerals.parse_number`` on every expected span (the numeral
  parser, not the extractor: a bare number is not a figure).
* percent_model / currency_model: ``extract_figures`` on the input; the percent
  (money) figures must equal the expected valued entities, in order (value to
  6 significant digits, ISO code where the spec gives one).
* date_parser: ``extract_figures(input, doc_date=reference date)``; the date
  figures must be exactly the expected date, its ``Timex`` mapped to our ISO
  form by GUIDELINES.md's rule (a year-less date takes the document's year).
* JioNLP money_parser: the money figures of the input equal the amount (a range
  gives two figures; a 多/余 "range" is its lower bound with qualifier over).
* JioNLP money_extractor / time_extractor: the distinct spans of the money /
  date figures equal the expected spans.
* JioNLP time_parser: the date figures cover exactly the expected whole-day
  interval (a range: first figure's start to second figure's end).
"""
from __future__ import annotations

import calendar
import json
import re
from collections import defaultdict
from datetime import date as _date
from pathlib import Path

import pytest

from corpus_tools import numerals
from corpus_tools.figures import extract_figures

HERE = Path(__file__).resolve().parent
SUITES_DIR = HERE / "data" / "conformance"
GAPS_FILE = HERE / "cases" / "figures_conformance_gaps.json"
ASSERTED = ("recognizers/number_model", "recognizers/percent_model", "recognizers/currency_model",
            "recognizers/date_parser")
SUITES = ASSERTED + ("jionlp/money_parser", "jionlp/money_extractor", "jionlp/time_extractor",
                     "jionlp/time_parser")

_HAN_NUMERAL = "零〇○一二三四五六七八九十百千万亿两兩壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_HAS_NUMERAL = re.compile(rf"[0-9０-９{_HAN_NUMERAL}]")
_LUNAR = re.compile(r"农历|農曆|阴历|陰曆|正月|腊月|臘月|大年|初[一二三四五六七八九十]|廿|闰|閏|除夕|春节|元宵|中秋|端午|七夕|重阳")
_SEASONS = re.compile(r"立春|雨水|惊蛰|春分|清明|谷雨|立夏|小满|芒种|夏至|小暑|大暑|立秋|处暑|白露|秋分|寒露|霜降|立冬|"
                      r"小雪|大雪|冬至|小寒|大寒|[春夏秋冬]$|[春夏秋冬]季|[春夏秋冬]天")
_SPACED_WORD = re.compile(r"[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]")
_WEEK = re.compile(r"星期|礼拜|禮拜|[周週][一二三四五六日天末]|[上下这這本]周|周$|[上下]個?个?星期")
_TIME_OF_DAY = re.compile(r"[点點時时分秒刻:：]|早上|上午|中午|下午|晚上|夜|凌晨|黎明|傍晚|午|白天|现在|今天|今晚|明天|昨天|前天|后天")
_VAGUE = re.compile(r"[几幾数數]|十多|[一二三四五六七八九两][一二三四五六七八九][十百千万亿萬億仟佰]|来[万亿]")
_LATIN_MAGNITUDE = re.compile(r"[\d０-９]\s*[kKwWmMｋＫ](?![A-Za-z])")
_RANGE_SEP = re.compile(r"[-–—~～至到]")
_CURRENCY_WORD = re.compile(r"元|圆|圓|块|塊|币|幣|美金|镑|鎊|卢布|盧布|泰铢|泰銖|法郎|日元|港元|美元|欧元|歐元|澳元|韩元|"
                            r"韓元|\$|￥|¥|€|£|RMB|USD|HKD|EUR")
_JIONLP_CURRENCY = {"元": "CNY", "港元": "HKD", "美元": "USD", "日元": "JPY", "新台币": "TWD", "欧元": "EUR",
                    "泰铢": "THB", "卢布": "RUB", "澳元": "AUD", "韩元": "KRW"}


def _load(suite: str) -> list[dict]:
    path = SUITES_DIR / f"{suite}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _span(case: dict, entity: dict) -> str:
    start, end = entity["offset"]
    return case["input"][start:end]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _close(a: float, b: float) -> bool:
    """Money values compare as the gold scorer does: within 0.5 %."""
    return abs(a - b) <= 0.005 * max(abs(b), 1e-9)


def _doc_date(reference) -> str | None:
    if not reference:
        return None
    return str(reference)[:10].rstrip("T")


# ---------------------------------------------------------------- Recognizers number

def scope_number(case: dict) -> str | None:
    if not case["expected"]:
        return "negative: no span to parse (span detection is the extractor's job, with units)"
    if case.get("ignore_resolution"):
        return "spec ignores the resolution"
    for entity in case["expected"]:
        if re.search(r"[eE^]", _span(case, entity)):
            return "scientific or power notation (2e5, 2^5): not written in this genre"
    return None


def check_number(case: dict) -> bool:
    return all(
        (got := numerals.parse_number(_span(case, e))) is not None and _same(got, float(e["resolution"]["value"]))
        for e in case["expected"])


# ---------------------------------------------------------------- Recognizers percent

def _spaced(case: dict) -> bool:
    return any(_SPACED_WORD.search(_span(case, e)) for e in case["expected"])


def scope_percent(case: dict) -> str | None:
    text = case["input"]
    if _spaced(case):
        return "spaces between the characters of a numeral or word (百 分 之, 六 点 五): not how this genre writes"
    if "折" in text:
        return "折 (a discount) is a price ratio, not a percentage in GUIDELINES.md"
    if _LATIN_MAGNITUDE.search(text):
        return "Latin magnitude suffix (15k): not written in this genre"
    if re.search(r"\d\s*[-–—~～]\s*\d+\s*[%％]", text):
        return "a range: GUIDELINES.md gives two figures (5% and 20%), the spec one"
    return None


def check_percent(case: dict) -> bool:
    got = [f.value for f in extract_figures(case["input"]) if f.kind == "percent"]
    want = [float(e["resolution"]["value"].rstrip("%")) for e in case["expected"]]
    return len(got) == len(want) and all(_same(g, w) for g, w in zip(got, want))


# ---------------------------------------------------------------- Recognizers currency

def scope_currency(case: dict) -> str | None:
    for entity in case["expected"]:
        unit = entity["resolution"].get("unit")
        if entity["resolution"].get("value") is not None and "isoCurrency" not in entity["resolution"] and unit != "Dollar":
            return f"{unit} is not a currency with an ISO 4217 code"
        if re.search(r"美分|銭", _span(case, entity)):
            return "a foreign currency's sub-unit (美分, 銭): not written in this genre"
    return None


def check_currency(case: dict) -> bool:
    got = [(f.value, f.unit) for f in extract_figures(case["input"]) if f.kind == "money"]
    want = [e["resolution"] for e in case["expected"] if e["resolution"].get("value") is not None]
    return len(got) == len(want) and all(
        _same(value, float(w["value"])) and (("isoCurrency" not in w) or unit == w["isoCurrency"])
        for (value, unit), w in zip(got, want))


# ---------------------------------------------------------------- Recognizers date parser

def scope_date_parser(case: dict) -> str | None:
    spans = [_span(case, e) for e in case["expected"]]
    for span in spans:
        if _LUNAR.search(span):
            return "lunar calendar (peers disagree on the convention; GUIDELINES.md dates are Gregorian)"
        if _WEEK.search(span):
            return "weekday: not a calendar date"
        if not _HAS_NUMERAL.search(span):
            return "no number (明天, 最近): GUIDELINES.md figures are numbers stated in a document"
        if re.search(rf"(?<![0-9{_HAN_NUMERAL}])[0-9{_HAN_NUMERAL}]{{1,3}}年", span):
            return "year written with fewer than four digits (era names, two-digit years)"
        if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}([-/.]\d{1,4})?", span):
            return "numeric date not written year first (day-first, two-digit year, 12/1): ambiguous in running text"
        if re.fullmatch(r"\d{4} \d{2} \d{2}", span):
            return "space-separated digits: indistinguishable from phone numbers and codes"
        if re.fullmatch(r"\d{1,2}号", span):
            return "a bare number with 号 is a house, serial or document number in this genre"
    return None


def _timex_to_iso(timex: str, reference: str) -> str | None:
    """Our ISO date for a Recognizers Timex, by GUIDELINES.md (None: not a calendar date)."""
    ref_y, ref_m = int(reference[:4]), int(reference[5:7])
    y, m, d = timex.split("-")
    if y == "XXXX" and m == "XX":
        day = int(d)
        return f"{ref_y:04d}-{ref_m:02d}-{day:02d}" if day <= calendar.monthrange(ref_y, ref_m)[1] else f"---{day:02d}"
    if not 1 <= int(m) <= 12 or int(d) > calendar.monthrange(2000, int(m))[1]:
        return None
    if y == "XXXX":
        if int(d) <= calendar.monthrange(ref_y, int(m))[1]:
            return f"{ref_y:04d}-{m}-{d}"
        return f"--{m}-{d}"
    try:
        _date(int(y), int(m), int(d))
    except ValueError:
        return None
    return timex


def check_date_parser(case: dict) -> bool:
    reference = case["reference_date"]
    want = [iso for e in case["expected"] if (iso := _timex_to_iso(e["value"]["Timex"], reference))]
    got = [f.date for f in extract_figures(case["input"], doc_date=reference[:10]) if f.kind == "date"]
    return got == want


# ---------------------------------------------------------------- JioNLP money

def scope_jionlp_money(case: dict) -> str | None:
    text = case["input"]
    if _LATIN_MAGNITUDE.search(text):
        return "Latin magnitude suffix (15k, 30w): not written in this genre"
    if not _CURRENCY_WORD.search(text):
        return "no currency word: GUIDELINES.md says such amounts are not figures (JioNLP assumes 元)"
    if _VAGUE.search(text):
        return "vague amount (几十万, 数十亿, 八九亿, 三五百): not a figure in GUIDELINES.md"
    if re.search(r"小于|大于", text):
        return "comparison words are not GUIDELINES.md qualifiers"
    return None


def check_jionlp_money(case: dict) -> bool:
    resolution = case["expected"][0]["resolution"]
    iso = _JIONLP_CURRENCY[resolution["case"]]
    figures = [f for f in extract_figures(case["input"]) if f.kind == "money"]
    num = resolution["num"]
    if isinstance(num, list) and not _RANGE_SEP.search(case["input"]):
        num = num[0]  # 3000多欧元: JioNLP's range, our lower bound with qualifier over
        return (len(figures) == 1 and _close(figures[0].value, float(num)) and figures[0].unit == iso
                and figures[0].qualifier == "over")
    wanted = [float(n) for n in (num if isinstance(num, list) else [num])]
    return len(figures) == len(wanted) and all(
        _close(f.value, w) and f.unit == iso for f, w in zip(figures, wanted))


def scope_money_extractor(case: dict) -> str | None:
    if any(not _CURRENCY_WORD.search(e["text"]) for e in case["expected"]):
        return "no currency word: GUIDELINES.md says such amounts are not figures"
    return None


def _spans(figures) -> list[tuple[int, int]]:
    return sorted({(f.start, f.end) for f in figures})


def check_money_extractor(case: dict) -> bool:
    got = _spans(f for f in extract_figures(case["input"]) if f.kind == "money")
    return got == sorted(tuple(e["offset"]) for e in case["expected"])


# ---------------------------------------------------------------- JioNLP time

_NOT_A_DATE_WORDS = re.compile(r"季度|季|世纪|年代|旬|半年|伊始|暑假|寒假|[个個]月|首月|全天|今明|周|星期|礼拜|年内|"
                               r"节|節|工作日|交易日|天[后後前内內]|以来|以後|以后|之后|之後|以前|之前|起|至今|未来|过去|过|近")


def scope_time_extractor(case: dict) -> str | None:
    for entity in case["expected"]:
        span = entity["text"]
        if _LUNAR.search(span):
            return "lunar calendar"
        if _TIME_OF_DAY.search(span):
            return "time of day: GUIDELINES.md dates are days, months and years"
        if _NOT_A_DATE_WORDS.search(span) or re.search(r"[上下]{2}", span):
            return "weeks, quarters, durations and stacked relative words are not GUIDELINES.md dates"
        if re.fullmatch(r"\d{8}", span):
            return "8-digit compact date: indistinguishable from IDs and codes"
        if re.fullmatch(r"\d{4}", span):
            return "the year of a document number (财税2016 36号): never a figure in GUIDELINES.md"
    return None


def check_time_extractor(case: dict) -> bool:
    # JioNLP extracts against the current time; any document date will do for spans
    got = _spans(f for f in extract_figures(case["input"], doc_date="2021-06-14") if f.kind == "date")
    return got == sorted(tuple(e["offset"]) for e in case["expected"])


def scope_time_parser(case: dict) -> str | None:
    resolution = case["expected"][0]["resolution"]
    text = case["input"]
    if resolution["type"] not in ("time_point", "time_span"):
        return f"{resolution['type']}: durations and periods are not dates"
    if (case.get("params") or {}).get("ret_future"):
        return "ret_future resolves year-less dates into the future; GUIDELINES.md takes the document's year"
    times = resolution.get("time")
    if not isinstance(times, list) or "inf" in str(times):
        return "open-ended span"
    if not (times[0].endswith("00:00:00") and times[1].endswith("23:59:59")):
        return "not whole days (times of day, spans from the reference time)"
    if not _HAS_NUMERAL.search(text):
        return "no number: GUIDELINES.md figures are numbers stated in a document"
    reason = scope_time_extractor({"expected": [{"text": text}]})
    if reason:
        return reason
    if _SEASONS.search(text):
        return "solar terms and seasons are not calendar dates in GUIDELINES.md"
    if not re.search(r"[年月日号號]|\d[-/.]\d", text):
        return "no date unit (十一 as a holiday): not a date figure"
    if re.fullmatch(r"[这這上下今去明前后後]一?年", text) or text.startswith("第"):
        return "a bare relative year or an ordinal year: not a figure in GUIDELINES.md"
    if re.search(rf"[前后後最][{_HAN_NUMERAL}0-9]+[个個]?[年月天日]|最后", text):
        return "a sub-period (前两月, 前4天, 最后五天): not a date"
    if re.search(r"半|多|以内|以內", text):
        return "a half or vague offset (七年半后, 十个多月后): not a date"
    if re.search(r"[底末初]", text):
        return "年底/月底: GUIDELINES.md gives the year or month with scope end, JioNLP a blur interval"
    if re.search(rf"(?<![0-9{_HAN_NUMERAL}])[0-9{_HAN_NUMERAL}]{{2}}年", text) or re.match(r"\d{2}年", text):
        return "two-digit year: ambiguous century"
    if re.search(r"\d{4} \d{2} \d{2}|^\d{8}$|·", text):
        return "space-separated or compact digits: indistinguishable from codes"
    if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}", text) or re.search(r"\d{4}\.\d{2}(?![.\d])", text):
        return "numeric month-day without year or year.month (1999.08): fractions and decimals in running text"
    if re.fullmatch(rf"[{_HAN_NUMERAL}]+月[{_HAN_NUMERAL}]+", re.sub(r"^.*?年|^去年|^今年|^明年", "", text)):
        return "Chinese month and day without 日 (二月十五): JioNLP reads it as a lunar date"
    if re.search(r"年前$|前$|左右$", text):
        return "a deadline or an approximation: not comparable to a whole-day interval"
    return None


def _interval(figure) -> tuple[_date, _date] | None:
    parts = figure.date.split("-")
    if len(parts[0]) != 4:
        return None
    y = int(parts[0])
    if len(parts) == 1:
        return _date(y, 1, 1), _date(y, 12, 31)
    m = int(parts[1])
    if len(parts) == 2:
        return _date(y, m, 1), _date(y, m, calendar.monthrange(y, m)[1])
    d = _date(y, m, int(parts[2]))
    return d, d


def check_time_parser(case: dict) -> bool:
    times = case["expected"][0]["resolution"]["time"]
    want = (_date.fromisoformat(times[0][:10]), _date.fromisoformat(times[1][:10]))
    figures = [f for f in extract_figures(case["input"], doc_date=_doc_date(case["reference_date"]))
               if f.kind == "date"]
    intervals = [_interval(f) for f in figures]
    if not figures or len(figures) > 2 or None in intervals:
        return False
    return (intervals[0][0], intervals[-1][1]) == want


# ---------------------------------------------------------------- the suites

RULES = {
    "recognizers/number_model": (scope_number, check_number),
    "recognizers/percent_model": (scope_percent, check_percent),
    "recognizers/currency_model": (scope_currency, check_currency),
    "recognizers/date_parser": (scope_date_parser, check_date_parser),
    "jionlp/money_parser": (scope_jionlp_money, check_jionlp_money),
    "jionlp/money_extractor": (scope_money_extractor, check_money_extractor),
    "jionlp/time_extractor": (scope_time_extractor, check_time_extractor),
    "jionlp/time_parser": (scope_time_parser, check_time_parser),
}


def _gaps() -> dict:
    return json.loads(GAPS_FILE.read_text(encoding="utf-8")) if GAPS_FILE.exists() else {}


def _in_scope(suite: str) -> list[dict]:
    scope, _ = RULES[suite]
    return [case for case in _load(suite) if scope(case) is None]


def _params() -> list:
    gaps = _gaps()
    params = []
    for suite in SUITES:
        for case in _in_scope(suite):
            reason = gaps.get(suite, {}).get(case["id"])
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(suite, case, id=f"{suite.split('/')[1]}:{case['id']}", marks=marks))
    return params


@pytest.mark.parametrize("suite, case", _params())
def test_case(suite, case):
    _, check = RULES[suite]
    assert check(case), case["input"]


def test_known_gaps_are_in_scope_cases():
    """Every listed gap names an in-scope case of its suite (no stale or misspelt ids)."""
    for suite, gaps in _gaps().items():
        ids = {case["id"] for case in _in_scope(suite)}
        assert set(gaps) <= ids, (suite, sorted(set(gaps) - ids))


def test_pass_rate():
    """Report pass rates per suite; >= 90 % of in-scope cases on the asserted Recognizers suites."""
    summary: dict = {}
    for suite in SUITES:
        scope, check = RULES[suite]
        cases = _load(suite)
        left_out: dict = defaultdict(int)
        passed = total = 0
        for case in cases:
            reason = scope(case)
            if reason:
                left_out[reason] += 1
                continue
            total += 1
            passed += bool(check(case))
        summary[suite] = {"cases": len(cases), "in_scope": total, "passed": passed,
                          "pass_rate": round(passed / total, 4) if total else None,
                          "left_out": dict(sorted(left_out.items(), key=lambda kv: -kv[1]))}
    print("\nconformance pass rates (in-scope cases):")
    for suite, row in summary.items():
        print(f"  {suite:30s} {row['passed']:4d}/{row['in_scope']:<4d} = {row['pass_rate']:.1%}"
              f"  ({row['cases'] - row['in_scope']} of {row['cases']} left out)")
    for suite in ASSERTED:
        assert summary[suite]["pass_rate"] >= 0.9, (suite, summary[suite])
