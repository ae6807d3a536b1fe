"""Tests of corpus_tools.investments (edge cases as data in tests/cases/investments.jsonl) and of its scorer."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from corpus_tools import schema
from corpus_tools.errors import InputError
from corpus_tools.evaluate.figures import read_jsonl
from corpus_tools.evaluate.investments import score_investments
from corpus_tools.investments import EVENTS, extract_investments, investments_table

HERE = Path(__file__).parent
CASES = HERE / "cases" / "investments.jsonl"
DEV = HERE / "data" / "dev"


def _cases() -> list:
    params = []
    for n, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        params.append(pytest.param(case, id=f"investments:{n}", marks=marks))
    return params


def _as_record(event, expected: dict) -> dict:
    record = {"event": event.event, "recipient": event.recipient, "round": event.round, "amount": event.amount,
              "currency": event.currency, "qualifier": event.qualifier, "investors": list(event.investors)}
    if "lead" in expected:
        record["lead"] = list(event.lead)
    return record


@pytest.mark.parametrize("case", _cases())
def test_cases(case):
    """Policy grants and awards, funds, financing news (written for the test) and known gaps."""
    text = case.get("before", "") + case["text"]
    events = extract_investments(text)
    assert [_as_record(e, x) for e, x in zip(events, case["expected"])] == case["expected"]
    assert len(events) == len(case["expected"])
    for e in events:
        assert text[e.start:e.end] in e.sentence and e.sentence in text
        assert e.event in EVENTS


def test_spans_point_at_the_amount():
    text = "跨境贸易服务商 CoralGlobal 珊瑚跨境近日完成超亿元 A 轮融资。本轮融资由明裕创投领投，老股东华瓯创投继续跟投。"
    [event] = extract_investments(text, doc_id="a")
    assert (event.doc_id, text[event.start:event.end], event.amount_text) == ("a", "超亿元", "超亿元")
    assert (event.recipient, event.round, event.qualifier) == ("CoralGlobal 珊瑚跨境", "A", "over")
    assert event.investors == ("明裕创投", "华瓯创投") and event.lead == ("明裕创投",)


def test_headline_repeating_the_body_is_one_event():
    text = ("「汇禾医疗」获数亿元B轮融资\n结构性心脏病平台公司「汇禾医疗」近日完成B轮数亿元人民币融资。"
            "本轮融资由 IDG 资本领投，由上海科创基金，诺庾资本、香塘资本跟投。\n"
            "36氪首发 | 「汇禾医疗」获数亿元B轮融资，IDG资本领投")
    events = extract_investments(text)
    assert len(events) == 1
    assert events[0].amount is None and events[0].amount_text == "数亿元人民币" and events[0].currency == "CNY"
    assert events[0].investors == ("IDG 资本", "上海科创基金", "诺庾资本", "香塘资本")


def test_round_told_then_amount_in_the_next_sentence():
    text = ("近日，节卡机器人完成D轮融资交割。\n本轮融资由淡马锡、淡明（Truelight Capital）以及沙特阿美旗下多元化风投基金"
            "Prosperity7 Ventures联合领投，战略投资机构跟投，华兴资本担任独家财务顾问，融资金额折合人民币约10亿元。")
    [event] = extract_investments(text)
    assert (event.recipient, event.round, event.amount, event.qualifier) == ("节卡机器人", "D", 1e9, "approx")
    assert event.lead == ("淡马锡", "淡明", "Prosperity7 Ventures")


def test_acquisition_and_dates():
    text = ("总部位于马来西亚的综合汽车电商平台 Carsome 已从 Catcha Group 和其他股东手中收购汽车平台 iCar Asia 的所有股权，"
            "交易金额尚未披露。广汽资本还在2020年对中航锂电进行了一次股权投资。")
    events = extract_investments(text, doc_date="2022-02-18")
    assert [(e.event, e.recipient, e.investors, e.amount, e.date) for e in events] == [
        ("other", "iCar Asia", ("Carsome",), None, "2022-02-18"), ("investment", "中航锂电", ("广汽资本",), None, "2020")]


def test_bare_yuan_takes_the_region_currency():
    text = "港府向初創企業「科創一號」撥款五千萬元資助研發。"
    [event] = extract_investments(text)
    assert (event.event, event.currency, event.amount) == ("subsidy", "HKD", 5e7)
    assert extract_investments(text, currency="CNY")[0].currency == "CNY"


def test_investments_table_schema_order_and_no_mutation():
    docs = pd.DataFrame({"doc_id": ["b.txt", "a.txt", "c.txt"], "date": ["2022-02-18", None, None],
                         "text": ["新加坡植物肉公司 Next Gen Foods 获得1亿美元 A 轮融资。", "对新认定的企业，奖励50万元。", None]},
                        index=[5, 6, 7])
    before = docs.copy()
    table = investments_table(docs)
    assert_frame_equal(docs, before)
    assert list(table.columns) == list(schema.INVESTMENTS)
    assert {c: str(t) for c, t in table.dtypes.items()} == dict(schema.INVESTMENTS)
    shown = table[["doc_id", "event", "amount", "date"]].astype(object)
    assert shown.where(shown.notna(), None).values.tolist() == [
        ["a.txt", "award", 500000.0, None], ["b.txt", "financing", 1e8, "2022-02-18"]]
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for row in table.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.amount_text


def test_investments_table_empty_and_errors():
    empty = investments_table(pd.DataFrame({"doc_id": ["a"], "text": ["今天天气很好。"]}))
    assert_frame_equal(empty, schema.empty_frame(schema.INVESTMENTS))
    with pytest.raises(InputError, match="'body'"):
        investments_table(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), text_column="body")
    with pytest.raises(InputError, match="must be a str"):
        extract_investments(None)  # type: ignore[arg-type]


def test_cli_investments(tmp_path):
    from corpus_tools import cli

    out = tmp_path / "inv.jsonl"
    path = DEV / "docs" / "53_ofweek-jaka-robotics-d-round.txt"
    assert cli.main(["investments", str(path), "--format", "jsonl", "-o", str(out)]) == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["recipient"] == "节卡机器人" and record["round"] == "D" and record["amount"] == 1e9
    assert record["investors"][0] == "淡马锡"


def test_dev_gold_targets():
    """The issue's targets on the annotated financing news (tests/data/dev/investments.jsonl)."""
    import corpus_tools as ct

    gold = read_jsonl(DEV / "investments.jsonl")
    files = {g["file"] for g in gold}
    docs = ct.load_corpus(DEV / "docs")
    table = investments_table(docs[docs["doc_id"].isin(files)])
    pred = [{**row, "doc": row["doc_id"]} for row in table.to_dict("records")]
    score = score_investments(gold, pred).table
    assert score["gold"] == 34
    assert score["found"] >= 0.90, score
    assert score["investor_precision"] >= 0.85 and score["investor_recall"] >= 0.85, score


def test_scorer_counts_unpaired_investors_as_wrong():
    gold = [{"file": "a", "recipient": "乐奥医疗", "recipient_aliases": [], "round": "新一轮", "amount": 1e8,
             "investors": ["中金启辰基金", "山蓝资本"]}]
    pred = [{"doc": "a", "recipient": "乐奥医疗", "round": "新一轮", "amount": 1.001e8, "investors": ["山蓝资本"]},
            {"doc": "a", "recipient": "别的公司", "round": None, "amount": None, "investors": ["红杉资本"]},
            {"doc": "b", "recipient": "不计分", "round": None, "amount": None, "investors": ["x"]}]
    score = score_investments(gold, pred)
    assert score.table["found"] == 1.0 and score.table["event_precision"] == 0.5
    assert score.table["investor_precision"] == 0.5 and score.table["investor_recall"] == 0.5
    assert [p["recipient"] for p in score.spurious] == ["别的公司"]


_ALPHABET = ("0123456789,.，。、 \n「」（）()由领投跟投完成获得融资轮天使ABCD+Pre-IPO亿万元美元数近超约对给予奖励补贴基金设立收购股份"
             "投资方包括老股东和及以本此次公司资本创投XYZ的在于")


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=160))
def test_random_text_never_breaks(text):
    for event in extract_investments(text, doc_date="2022-02-18", doc_id="x"):
        assert 0 <= event.start < event.end <= len(text)
        assert event.event in EVENTS
        assert event.sentence in text
        assert all(isinstance(name, str) and name for name in event.investors)
        assert set(event.lead) <= set(event.investors)
