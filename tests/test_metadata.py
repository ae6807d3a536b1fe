"""Tests of corpus_tools.metadata: golden seed metadata and general cues."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import clean, load, metadata
from corpus_tools.errors import InputError

CASES = Path(__file__).parent / "cases"
GOLDEN = [json.loads(line) for line in (CASES / "seed_metadata.jsonl").read_text(encoding="utf-8").splitlines()
          if line.strip()]
FIELDS = ("title", "date", "date_precision", "source", "publisher", "doc_type", "script")


@pytest.fixture(scope="module")
def seed_documents(data_dir):
    return load.load_corpus(data_dir).set_index("doc_id")


@pytest.mark.parametrize("expected", GOLDEN, ids=[g["doc_id"][:3] for g in GOLDEN])
def test_seed_metadata_golden(seed_documents, expected):
    row = seed_documents.loc[expected["doc_id"]]
    got = {field: (None if pd.isna(row[field]) else row[field]) for field in FIELDS}
    assert got == {field: expected[field] for field in FIELDS}


def test_golden_file_covers_every_seed(data_dir):
    assert sorted(g["doc_id"] for g in GOLDEN) == sorted(p.name for p in data_dir.glob("*.txt"))


@pytest.mark.parametrize("text, expected", [
    ("2022 年 8 月 26 日", ("2022-08-26", "day")),
    ("二〇二二年八月二十六日", ("2022-08-26", "day")),
    ("２０２３年３月３１日", ("2023-03-31", "day")),
    ("2023年3月", ("2023-03", "month")),
    ("发布时间：2023-03-31 10:25", ("2023-03-31", "day")),
    ("2023/1/8", ("2023-01-08", "day")),
    ("2023年13月5日", None),
    ("9月10日", None),
    ("沪科提复〔2022〕49号", None),
    ("中華民國112年3月5日", ("2023-03-05", "day")),
    ("民國一百一十二年十二月", ("2023-12", "month")),
    ("民国99年1月1日", ("2010-01-01", "day")),
])
def test_parse_date(text, expected):
    assert metadata.parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("标题\n\n(香港·2023年3月31日) — 香港科技园公司今日宣布。", ("2023-03-31", "day")),
    ("標題\n\n(香港,2023年1月18日)— 香港科技園公司宣布。", ("2023-01-18", "day")),
    ("标题\n\n香港，2023年3月31日——公司宣布。", ("2023-03-31", "day")),
    ("【2024年5月6日，深圳】公司今日发布新品。", ("2024-05-06", "day")),
    ("标题\n\n发布时间：2023-03-31\n\n正文。", ("2023-03-31", "day")),
    ("第一版\n\n2022年12月1日 星期四\n\n本报讯 近日，会议召开。", ("2022-12-01", "day")),
    ("答复正文。\n\n上海市科学技术委员会\n\n二〇二二年八月二十六日", ("2022-08-26", "day")),
    ("正文提到2021年8月的事情和2010年的合作。", (None, None)),
    ("9月10日,上海生物醫藥前沿產業創新中心開業。", (None, None)),
    ("抄送：市政府办公厅。\n\n上海市科委办公室\n\n2022 年 8 月 26 日印发", (None, None)),
])
def test_infer_date(text, expected):
    assert metadata.infer_date(text) == expected


@pytest.mark.parametrize("text, raw, expected", [
    ("对市政协第0249号提案的答复\n\n张委员：\n\n你们的提案收悉。", None, "government_reply"),
    ("上海市科学技术委员会\n\n沪科提复〔2022〕49号\n\n关于某事项\n\n你们提出的提案收悉，现答复如下。", None,
     "government_reply"),
    ("标题\n\n正文。", "新闻稿\n\n标题\n\n正文。", "press_release"),
    ("标题\n\n(香港·2023年3月31日) — 公司宣布。", None, "press_release"),
    ("标题一\n\n本报讯 近日，活动举行。\n\n标题二\n\n本报讯(记者 李争粉) 近日，会议召开。", None, "newspaper_page"),
    ("关于开展2023年度科技项目申报工作的通知\n\n各有关单位：\n\n现将有关事项通知如下。", None, "policy_notice"),
    ("正文。", "正文。\n特別聲明:以上內容為自媒體平臺“網易號”用戶上傳并發布。", "news_article"),
    ("标题\n\n新华社北京2023年3月5日电 会议今天开幕。", None, "news_article"),
    ("标题\n\n来源：新华网\n\n正文。", None, "news_article"),
    ("一些没有任何线索的文字。", None, "other"),
])
def test_infer_doc_type(text, raw, expected):
    assert metadata.infer_doc_type(text, raw=raw) == expected


@pytest.mark.parametrize("raw, expected", [
    (("政府推出新一轮支援措施\n＊＊＊＊＊＊＊＊＊＊\n\n　　政府发言人今日（五月六日）表示，新措施将于六月一日起实施。\n\n"
      "完\n\n2024年5月6日（星期一）\n香港时间18时05分"), "press_release"),   # HK government, simplified
    (("立法會一題：支援初創企業\n＊＊＊＊＊＊＊＊＊＊\n\n　　以下是今日在立法會會議上議員的提問和局長的答覆。\n\n"
      "完\n\n２０２４年５月８日（星期三）\n香港時間１２時３０分"), "press_release"),  # HK government, traditional
    (("LCQ1: Support for start-ups\n*****************************\n\n    Following is a question by a Member "
      "and a reply today.\n\nEnds/Wednesday, May 8, 2024\nIssued at HKT 12:30"), "press_release"),
    ("某某公司发布2023年度业绩\n\n某某公司今日公布2023年度业绩，营收同比增长12%。\n\n－完－\n\n2024年3月28日",
     "press_release"),                                                          # company release, end mark + date
    ("科技部发布新一批重点专项\n\n新华社北京3月5日电 科技部5日发布新一批重点专项。\n\n完\n\n2023年3月5日",
     "news_article"),                                                           # a news item ends with 完 too
    ("会议在京召开\n\n会议今天在北京召开，多方代表参加。\n\n（完）\n\n2023年3月5日", "news_article"),  # agency style (完)
    ("项目顺利完成\n\n项目于今年顺利完成建设。\n\n完成\n\n2023年3月5日", "news_article"),
])
def test_release_sign_off_types_a_press_release(raw, expected):
    assert metadata.infer_doc_type(clean.clean_text(raw), raw=raw) == expected


@pytest.mark.parametrize("text, expected", [
    ("上海市科学技术委员会\n\n沪科提复〔2022〕49号\n\n对提案的答复\n\n张委员：", "对提案的答复"),
    ("新闻发布会实录\n\n正文开始。", "新闻发布会实录"),
    ("9月10日，开业庆典在上海举行。", None),
    ("", None),
])
def test_infer_title(text, expected):
    assert metadata.infer_title(text) == expected


def test_newspaper_page_title_is_its_column(seed_texts):
    text = clean.clean_text(seed_texts["003_010416adabf53790.txt"])
    assert metadata.infer_title(text, doc_type="newspaper_page") == "业界传真"
    assert metadata.infer_title(text) == "业界传真"


@pytest.mark.parametrize("text, raw, expected", [
    ("标题\n\n正文。\n\n关于香港科技园公司\n\n香港科技园公司成立逾20年。", None, "香港科技园公司"),
    ("標題\n\n(香港,2023年1月18日)— 香港科技園公司(科技園公司)宣布合作。", None, "香港科技園公司"),
    ("标题\n\n正文。", "标题\n\n来源：澎湃新闻\n\n正文。", "澎湃新闻"),
    ("答复正文。\n\n上海市科学技术委员会\n\n2022 年 8 月 26 日", None, "上海市科学技术委员会"),
    ("本报讯 近日，会议召开。", None, None),
])
def test_infer_source(text, raw, expected):
    assert metadata.infer_source(text, raw=raw) == expected


# ---------------------------------------------------------------- publisher

@pytest.mark.parametrize("source, expected", [
    ("香港科技园公司", "香港科技园公司"),
    ("香港科技園公司", "香港科技园公司"),            # traditional script
    ("科技園公司", "香港科技园公司"),                # a gazetteer alias, in traditional script
    ("HKSTP", "香港科技园公司"),                     # a Latin alias
    ("ｈｋｓｔｐ", "香港科技园公司"),                 # full width, any case
    ("“香港科技园公司”", "香港科技园公司"),          # quoted
    ("《香港經濟日報》", "香港经济日报"),            # a paper's name in book-title marks
    ("上海市 科学技术 委员会", "上海市科学技术委员会"),  # spaces inside a Chinese name
    ("上海市科委", "上海市科学技术委员会"),
    ("上海市科委：", "上海市科学技术委员会"),        # a colon caught with the name
    ("羅氏大藥廠香港有限公司", "罗氏大药厂香港有限公司"),  # not in the gazetteer: normalised only
    ("諾華集團(中國)", "诺华集团（中国）"),           # Chinese parentheses
    ("諾華集團（中國）", "诺华集团（中国）"),
    ("Roche  Hong Kong", "Roche Hong Kong"),         # Latin spacing kept, collapsed
    ("網易號", "网易号"),
    ("澎湃新闻", "澎湃新闻"),
    ("", None),
    ("  “” ", None),
    (None, None),
    (pd.NA, None),
    (float("nan"), None),
])
def test_canonical_publisher(source, expected):
    assert metadata.canonical_publisher(source) == expected


def test_canonical_publisher_takes_user_aliases_first():
    aliases = {"上海市科委辦公室": "上海市科学技术委员会", "HKSTP": "HKSTP Ltd"}  # an alias in either script
    assert metadata.canonical_publisher("上海市科委办公室", aliases=aliases) == "上海市科学技术委员会"
    assert metadata.canonical_publisher("上海市科委辦公室", aliases=aliases) == "上海市科学技术委员会"
    assert metadata.canonical_publisher("HKSTP", aliases=aliases) == "HKSTP Ltd"
    assert metadata.canonical_publisher("科技园公司", aliases=aliases) == "香港科技园公司"


def test_one_publisher_across_scripts(seed_documents):
    """The simplified and the traditional release of the same publisher group together."""
    releases = seed_documents.loc[["000_3615f49ca4e62b93.txt", "001_8b94e84355f05d28.txt"]]
    assert releases["source"].nunique() == 2  # as written
    assert releases["publisher"].tolist() == ["香港科技园公司", "香港科技园公司"]
    assert seed_documents.groupby("publisher").size().to_dict() == {
        "上海市科学技术委员会": 1, "网易号": 1, "香港科技园公司": 2}


@pytest.mark.parametrize("text, raw, expected", [
    ("標題\n\n(香港,2023年1月18日)— 香港科技園公司(科技園公司)宣布合作。", None, "香港科技园公司"),
    ("标题\n\n正文。", "标题\n\n來源：「澎湃新聞」\n\n正文。", "澎湃新闻"),
    ("答复正文。\n\n上海市科學技術委員會\n\n2022 年 8 月 26 日", None, "上海市科学技术委员会"),
    ("本报讯 近日，会议召开。", None, None),
])
def test_infer_metadata_publisher(text, raw, expected):
    found = metadata.infer_metadata(text, raw=raw)
    assert found.publisher == metadata.canonical_publisher(found.source) == expected


def test_add_metadata_keeps_index_and_input():
    docs = pd.DataFrame({"text": ["标题\n\n(香港·2023年3月31日) — 公司宣布。", ""], "text_raw": ["x", "y"]},
                        index=[5, 7])
    before = docs.copy()
    out = metadata.add_metadata(docs)
    pd.testing.assert_frame_equal(docs, before)
    assert list(out.index) == [5, 7]
    assert out["date"].tolist()[0] == "2023-03-31" and pd.isna(out["date"].tolist()[1])
    assert str(out["doc_type"].dtype) == "string"
    assert str(out["publisher"].dtype) == "string" and out["publisher"].isna().all()
    hk = metadata.add_metadata(pd.DataFrame({"text": ["標題\n\n(香港,2023年1月18日)— 香港科技園公司宣布。"]}),
                               raw_column=None)
    assert hk[["source", "publisher"]].values.tolist() == [["香港科技園公司", "香港科技园公司"]]
    with pytest.raises(InputError, match="text"):
        metadata.add_metadata(pd.DataFrame({"x": [1]}))


def test_doc_types_are_documented():
    assert metadata.DOC_TYPES == ("policy_notice", "government_report", "government_reply", "press_release",
                                  "company_announcement", "news_article", "opinion", "wechat_post",
                                  "newspaper_page", "other")


GENRE_CASES = [json.loads(line) for line in (CASES / "clean_genre_documents.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", GENRE_CASES, ids=[c["why"][:40] for c in GENRE_CASES])
def test_genre_documents_metadata(case):
    found = metadata.infer_metadata(clean.clean_text(case["raw"]), raw=case["raw"])
    assert (found.title, found.date, found.source, found.doc_type) == (
        case["title"], case["date"], case["source"], case["doc_type"])


# ---------------------------------------------------------------- fast paths are exact

_DATE_ALPHABET = st.sampled_from(list("年月日0123456789０２３ 　\n\t号中文。，") + ["2023年3月31日", "２０２３年３月３１日", "2023 年 8 月 26 日",
                                                                       "12023年1月2日", "年年", "2023\n年1月1日", "二〇二二年八月"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_ALPHABET, max_size=40).map("".join))
def test_year_anchored_date_scan_equals_the_regex_scan(text):
    from corpus_tools import resources

    assert [m.span() for m in metadata._ymd_dates(text)] == [m.span() for m in resources.YMD.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["行", "第二行", "\n", " ", "\u3000", "\n\n", " 尾 "]), max_size=40).map("".join),
       st.integers(0, 14), st.booleans())
def test_partial_line_lists_equal_the_full_ones(text, n, drop_first):
    lines = metadata._lines(text)
    assert metadata._first_lines(text, n) == lines[:n]
    assert metadata._last_lines(text, max(n, 1), drop_first=drop_first) == lines[1 if drop_first else 0:][-max(n, 1):]


def test_cue_words_found_as_before(seed_texts):
    from corpus_tools import resources

    for raw in list(seed_texts.values()) + [c["raw"] for c in GENRE_CASES]:
        for words in (resources.PRESS_RELEASE_WORDS, resources.REPOST_WORDS, resources.REPLY_CONTEXT_WORDS):
            lower = raw.lower()
            expected = next((w for w in words if w in (lower if w.isascii() else raw)), None)
            assert metadata._contains_any(raw, words) == expected
            assert metadata._contains_any(raw, words, lower=lambda lowered=lower: lowered) == expected


HEADER_CASES = [json.loads(line) for line in (CASES / "metadata_header_cases.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", HEADER_CASES, ids=[c["why"][:40] for c in HEADER_CASES])
def test_header_block_credits_and_kinds(case):
    """Title, own date, source and kind from the header block, credits and footers (never the body)."""
    found = metadata.infer_metadata(clean.clean_text(case["raw"]), raw=case["raw"])
    assert (found.title, found.date, found.source, found.doc_type) == (
        case["title"], case["date"], case["source"], case["doc_type"])


@pytest.mark.parametrize("line, expected", [
    ("新浪首页", True), ("登录/注册", True), ("报料 注册 登录", True), ("快讯速递", True),
    ("华为抢跑5G芯片大战", False), ("快讯：某公司完成新一轮融资", False),
])
def test_toolbar_lines_are_never_titles(line, expected):
    assert metadata._is_toolbar_line(line) is expected
    assert metadata._is_title_line(line) is not expected


def test_news_cue_in_the_body_does_not_make_a_press_release():
    text = ("某公司发布新品\n2023-05-12 10:00 来源：某某日报\n某公司今日发布新品。\n"
            "据介绍，其新闻稿称销量将增长。\n" + "公司表示，将继续投入研发。\n" * 20 + "分析人士认为，市场前景良好。")
    assert metadata.infer_doc_type(text) == "news_article"


def test_every_doc_type_is_explained_in_the_schema():
    from corpus_tools import schema

    assert tuple(schema.DOC_TYPE_MEANINGS) == metadata.DOC_TYPES


def test_strong_credit_cues_never_overlap():
    """The per-first-character cue scans stand for one scan only if no cue can overlap another."""
    words = metadata._STRONG_CREDIT_CUE_WORDS
    overlaps = [(a, b) for a in words for b in words for k in range(1, len(a))
                if b.startswith(a[k:]) or a[k:].startswith(b)]
    assert overlaps == []
    text = "正文。\n本文来源：某某日报\n文章来源：某某网"
    starts = sorted(m.start() for scan in metadata._STRONG_CREDIT_CUE_SCANS for m in scan.finditer(text))
    assert starts == [text.index("本文来源"), text.index("文章来源")]


@pytest.mark.parametrize("line", ["2023年5月12日", "二〇二三年五月十二日", "发布时间：2023-05-12 10:00", "年报", ""])
def test_one_character_gates_agree_with_their_patterns(line):
    from corpus_tools import resources

    assert metadata._is_date_line(line) is bool(resources.DATE_LINE.match(line))
    assert (metadata._page_timestamp(line) is None) is (resources.PAGE_TIMESTAMP.search(line) is None)
    assert metadata._is_org_line(line) is bool(resources.ORG_NAME.fullmatch(line))
