"""Tests of corpus_tools.segment: sentences and newspaper-page articles."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import clean, load, schema, segment
from corpus_tools.errors import InputError

PAGE = "003_010416adabf53790.txt"
EXPECTED_ARTICLES = [
    ("威高国际医疗器械产业园落户青岛高新区", "高欣"),
    ("珠海高新区与华发集团共建光伏绿色能源科技园", "高欣"),
    ("巨子生物在香港交易所上市", "朱晨"),
    ("北京昌平打造医药健康产业“发动机”", "王查娜"),
    ("2022年度“十大基础研究关键词”发布", "王查娜"),
    ("中巴科技合作中心在京启动", "记者 李争粉"),
    (None, "新华社记者 唐文豪/摄"),
    ("全国首个国际先进技术应用推进中心成立", "朵琦"),
    ("全球科技园区科创商贸与投资合作研讨会举行", "王查娜"),
    (None, "新华社记者 周华/摄"),
]


@pytest.fixture(scope="module")
def page_text(seed_texts):
    return clean.clean_text(seed_texts[PAGE])


def test_seed_page_articles(page_text):
    found = segment.split_articles(page_text)
    assert [(a.title, a.byline) for a in found] == EXPECTED_ARTICLES


def test_seed_page_spans(page_text):
    found = segment.split_articles(page_text)
    for a in found:
        assert 0 <= a.start <= a.body_start < a.body_end <= a.end <= len(page_text)
        if a.title:
            assert page_text[a.start:a.start + len(a.title)] == a.title
    for before, after in zip(found, found[1:]):
        assert before.end < after.start
    bodies = {a.title: page_text[a.body_start:a.body_end] for a in found}
    chang_ping = bodies["北京昌平打造医药健康产业“发动机”"]
    assert chang_ping.startswith("医药健康产业近年来") and "母基金群助力医药健康产业" in chang_ping
    assert "王查娜" not in chang_ping  # the byline is not body text
    assert bodies["全球科技园区科创商贸与投资合作研讨会举行"].endswith("奠定基础。")
    assert "业界传真" not in "".join(bodies.values())  # the column title belongs to no article


def test_articles_table(data_dir):
    docs = load.load_corpus(data_dir)
    table = segment.articles(docs)
    assert list(table.columns)[:len(schema.ARTICLES)] == list(schema.ARTICLES)
    assert str(table["start"].dtype) == "Int64"
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for row in table.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    per_doc = table.groupby("doc_id").size().to_dict()
    assert per_doc[PAGE] == 10 and all(n == 1 for d, n in per_doc.items() if d != PAGE)
    release = table[table["doc_id"] == "000_3615f49ca4e62b93.txt"].iloc[0]
    assert release["title"].startswith("香港科技园公司代表团访问上海") and release["start"] == 0


def test_articles_validates_input():
    with pytest.raises(InputError, match="text"):
        segment.articles(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(InputError, match="str"):
        segment.split_articles(None)  # type: ignore[arg-type]
    empty = segment.articles(pd.DataFrame({"doc_id": [], "text": []}))
    assert list(empty.columns)[:len(schema.ARTICLES)] == list(schema.ARTICLES) and len(empty) == 0


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("只有一段正文，没有标题。", []),
    ("标题一\n\n本报讯 近日，签约仪式举行。\n\n张三 李四\n\n标题二\n\n新华社北京3月5日电 会议开幕。",
     [("标题一", "张三 李四"), ("标题二", None)]),
    ("标题\n\n本報訊(記者 陳大文) 近日，會議召開。", [("标题", "記者 陳大文")]),
    ("大标题\n\n作者甲\n\n正文第一段。\n\n小标题\n\n正文第二段。", [("大标题", "作者甲")]),
])
def test_split_articles_cases(text, expected):
    assert [(a.title, a.byline) for a in segment.split_articles(text)] == expected


@pytest.mark.parametrize("page, expected", [
    ("标题一\n\n本报讯 近日，活动举行。\n\n第二篇的标题\n\n第二篇正文开始，会议召开。",
     [("标题一", None), ("第二篇的标题", None)]),
    (("科技园迎来新一批企业\n\n本報訊 近日，科技園公司宣布新一批企業入駐。\n\n與會代表表示，將繼續加強兩地合作。\n\n"
      "生物醫藥論壇在港舉行\n\n論壇吸引了三百多名業界代表參加，並簽署了多項合作協議。"),
     [("科技园迎来新一批企业", None), ("生物醫藥論壇在港舉行", None)]),
    (("科技部发布新一批重点专项\n\n新华社北京3月5日电 科技部5日发布新一批重点专项。\n\n"
      "高新区签约十个产业项目\n\n签约项目总投资超过50亿元，涵盖生物医药和新材料等领域。\n\n张三"),
     [("科技部发布新一批重点专项", None), ("高新区签约十个产业项目", "张三")]),
    ("园区项目集中签约\n\n本报讯（记者 李四） 近日，园区项目集中签约。\n\n下一则新闻的标题\n\n会议在北京召开，多方参加。",
     [("园区项目集中签约", "记者 李四"), ("下一则新闻的标题", None)]),
])
def test_headline_after_a_news_item_without_byline_opens_an_article(page, expected):
    """A news item (消息) opened by a lead has no subheadings: a headline after its prose is the next article."""
    found = segment.split_articles(page)
    assert [(a.title, a.byline) for a in found] == expected
    assert page[found[1].start:found[1].start + len(expected[1][0])] == expected[1][0]


def test_feature_subheadings_stay_in_their_article():
    """A feature (title, byline, prose, no lead) keeps its subheadings, however many."""
    page = ("北京昌平打造产业高地\n\n王查娜\n\n医药健康产业近年来迎来爆发式增长。\n\n母基金群助力产业\n\n"
            "昌发公司设立了产业母基金，投资项目近千个。\n\n创新格局带来机遇\n\n多家企业表示，将扩大在京投资。")
    assert [(a.title, a.byline) for a in segment.split_articles(page)] == [("北京昌平打造产业高地", "王查娜")]


@pytest.mark.xfail(strict=True, reason="a headline between two prose paragraphs of an article that opened "
                   "without a news lead, with no byline on either side, reads as a subheading: nothing in the "
                   "lines tells a feature's subheading from the next article's title")
def test_headline_without_lead_or_byline_is_a_known_gap():
    page = "标题一\n\n近日，活动举行。\n\n第二篇的标题\n\n第二篇正文开始，会议召开。"
    assert [a.title for a in segment.split_articles(page)] == ["标题一", "第二篇的标题"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["标题一", "本报讯 近日，活动举行。", "高欣", "正文继续。", "图为现场。",
                                 "新华社记者 周华/摄", "小标题", "\n", "\n\n", "。王查娜"]), max_size=25).map("".join))
def test_split_articles_spans_are_valid(text):
    previous_end = -1
    for a in segment.split_articles(text):
        assert previous_end < a.start <= a.body_start <= a.body_end <= a.end <= len(text)
        previous_end = a.end


@pytest.mark.parametrize("text, expected", [
    ("沪港合作密切。“一是”开展活动！\n第二段", ["沪港合作密切。", "“一是”开展活动！", "第二段"]),
    ("  前有空格。后有空格。  ", ["前有空格。", "后有空格。"]),
    ("问句？叹句！分句；结尾…", ["问句？", "叹句！", "分句；", "结尾…"]),
    ("", []),
])
def test_split_sentences(text, expected):
    assert [text[s:e] for s, e in segment.split_sentences(text)] == expected


def test_sentences_table_spans(data_dir):
    docs = load.load_corpus(data_dir)
    table = segment.sentences(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    assert all(texts[r.doc_id][r.start:r.end] == r.text for r in table.itertuples())
    assert list(table.columns) == list(schema.SENTENCES)


def test_page_with_masthead_datelines_and_a_column_heading():
    """A page whose items open with 本报<place><date>电, one with its byline on a line of its own
    (本报记者 王明), and a 简讯 column (简 is also a surname: not a byline)."""
    from corpus_tools.metadata import infer_metadata

    page = (Path(__file__).parent / "cases" / "newspaper_page_datelines.txt").read_text(encoding="utf-8")
    found = [(a.title, a.byline, page[a.body_start:a.body_end][:12]) for a in segment.split_articles(page)]
    assert found == [("我国首个细胞治疗产业园在苏州开园", "本报记者 王明", "本报苏州6月11日电 1"),
                     ("深圳出台措施支持合成生物产业", "记者 李华", "本报深圳6月11日电（记"),
                     ("简讯", None, "●6月10日，2023中")]
    meta = infer_metadata(page)
    assert (meta.doc_type, meta.title, meta.date, meta.source) == ("newspaper_page", "综合新闻", "2023-06-12", "科技日报")


def test_hong_kong_page_with_bracketed_leads_and_reported_by_bylines():
    """【大公報訊】 leads, "記者陳大文報道：" bylines, an "A6 港聞" edition on the date line and the
    paper's name as the masthead."""
    from corpus_tools.metadata import infer_metadata

    page = (Path(__file__).parent / "cases" / "newspaper_page_hk.txt").read_text(encoding="utf-8")
    found = [(a.title, a.byline, page[a.body_start:a.body_end][:7]) for a in segment.split_articles(page)]
    assert found == [("科學園新增生物科技實驗室", "記者陳大文", "【大公報訊】記"),
                     ("政府撥款支援中小企", None, "【大公報訊】政")]
    meta = infer_metadata(clean.clean_text(page), raw=page)
    assert (meta.doc_type, meta.title, meta.date, meta.source) == ("newspaper_page", "港聞", "2023-05-10", "大公報")
