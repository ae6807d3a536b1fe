"""Tests of corpus_tools.numerals: numeral parsing (cases as data in tests/cases/figures_numerals.jsonl)."""
from __future__ import annotations

import decimal
import json
from pathlib import Path

import pytest

from corpus_tools import numerals

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "cases" / "figures_numerals.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "<empty>" for c in CASES])
def test_parse_number(case):
    got = numerals.parse_number(case["text"])
    if case["value"] is None:
        assert got is None
    else:
        assert got == pytest.approx(case["value"], rel=1e-12)


@pytest.mark.parametrize("text, expected", [
    ("24%", 24), ("２４％", 24), ("-22.2%", -22.2), ("负3.9%", -3.9), ("百分之十五", 15), ("百分之2.4", 2.4),
    ("千分之一", 0.1), ("万分之三", 0.03), ("千分之一百一十一点一一二", 11.1112), ("六个百分点", 6),
    ("12.56個百分點", 12.56), ("两成", 20), ("九成", 90), ("三成半", 35), ("2.5成", 25), ("七成六", 76),
    ("5‰", 0.5), ("百分之一百二十点五", 120.5),
])
def test_parse_percent(text, expected):
    assert numerals.parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["百分之二三十", "十一成", "百分之", "%", "成", "二三十个百分点", "折"])
def test_parse_percent_rejects(text):
    assert numerals.parse_percent(text) is None


@pytest.mark.parametrize("text, year", [
    ("2023", 2023), ("二〇二三", 2023), ("二零零四", 2004), ("两千零四", 2004), ("两千", 2000), ("１９９８", 1998),
    ("20", None), ("三六七", None), ("2023.5", None), ("十四五", None),
])
def test_parse_year(text, year):
    assert numerals.parse_year(text) == year


def test_values_are_exact_decimals():
    # 0.1亿 and 4.78万亿 would pick up binary rounding errors with float arithmetic
    assert numerals.parse_number("0.1亿") == 10_000_000.0
    assert numerals.parse_number("4.78万亿") == 4_780_000_000_000.0
    assert numerals.parse_number("1,100.9亿") == 110_090_000_000.0


def test_global_decimal_context_does_not_leak_in():
    # recognizers-text sets the process-wide precision to 15 digits when imported
    old = decimal.getcontext().prec
    decimal.getcontext().prec = 5
    try:
        assert numerals.parse_number("123456789012345678") == 123456789012345678.0
        assert numerals.parse_number("一千二百三十四万五千六百七十八") == 12345678.0
    finally:
        decimal.getcontext().prec = old


def test_normalize_digits_keeps_chinese_punctuation_other_than_number_marks():
    assert numerals.normalize_digits("１２０，５００．５％，共计") == "120,500.5%,共计"
