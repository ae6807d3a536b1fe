"""Tests of corpus_tools.clean: each step on Chinese cases, the pipeline, the invariants."""
from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import clean, load, schema
from corpus_tools.errors import ConfigError, InputError

CASES = Path(__file__).parent / "cases"


def _cases(name: str) -> list[dict]:
    return [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _param(case: dict):
    """A case, marked as a known gap (strict xfail) when it has a "gap" reason."""
    marks = [pytest.mark.xfail(strict=True, reason=case["gap"])] if "gap" in case else []
    return pytest.param(case, marks=marks, id=f"{case['step']}:{case['why'][:40]}")


STEP_CASES = _cases("clean_steps.jsonl")


@pytest.mark.parametrize("case", [_param(c) for c in STEP_CASES])
def test_step(case):
    func = getattr(clean, case["step"])
    got = func(case["input"])
    if case["step"] == "find_captions":
        got = [case["input"][s:e] for s, e in got]
    assert got == case["expected"], case["why"]


@pytest.mark.parametrize("case", [_param(c) for c in STEP_CASES if c["step"] != "find_captions"])
def test_step_explains_itself(case):
    """Replaying a step's logged changes on its input gives its output."""
    name = case["step"]
    func = dict(clean.STEPS)[name]
    log: list[clean.Change] = []
    config = clean.CleanConfig(drop_repeated_lines=True)  # the opt-in step on, the others as by default
    out = func(case["input"], config, log)
    assert out == case["expected"]
    text, pos, parts = case["input"], 0, []
    for change in sorted(log, key=lambda c: c.start):
        assert text[change.start:change.end] == change.before
        parts.append(text[pos:change.start] + change.after)
        pos = change.end
    assert "".join(parts) + text[pos:] == out


def test_pipeline_on_a_press_release():
    raw = ("新闻稿\r\n\r\n即时发布\r\n\r\n**一是**开展双向投资１２３项，推动本市产业\r\n\r\n高质量发展。¹\r\n\r\n"
           "图一：代表团到访。\r\n\r\n请按此下载高清照片。\r\n\r\n###\r\n\r\n传媒查询：\r\n\r\n张丽兰\r\n\r\n电话：+852 2629 6891")
    result = clean.clean(raw)
    assert result.text == "一是开展双向投资123项，推动本市产业高质量发展。\n\n图一：代表团到访。"
    assert [result.text[s:e] for s, e in result.captions] == ["图一：代表团到访。"]
    steps = {c.step for c in result.changes}
    assert {"normalize_line_endings", "fold_width", "strip_markdown", "remove_footnote_marks",
            "remove_boilerplate", "rejoin_broken_lines", "find_captions"} <= steps


def test_explain_table_follows_schema():
    log = clean.explain("**一是**推进。\n\n###", doc_id="d1")
    assert list(log.columns) == list(schema.CLEANING_LOG)
    assert log["doc_id"].tolist() == ["d1", "d1"]
    assert log["action"].tolist() == ["replaced", "removed"]
    empty = clean.explain("正文。")
    assert list(empty.columns) == list(schema.CLEANING_LOG) and len(empty) == 0


def test_config_is_validated_and_frozen():
    with pytest.raises(ConfigError, match="width"):
        clean.CleanConfig(width="nfkc")
    with pytest.raises(ConfigError, match="rejoin_min_tail"):
        clean.CleanConfig(rejoin_min_tail=-1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        clean.DEFAULT_CONFIG.width = "none"  # type: ignore[misc]
    with pytest.raises(InputError, match="str"):
        clean.clean_text(b"bytes")  # type: ignore[arg-type]


def test_config_switches_steps_off():
    raw = "新闻稿\n\n**一是**推进本市产业\n\n高质量发展。"
    off = clean.CleanConfig(strip_markdown=False, remove_boilerplate=False, rejoin_lines=False)
    assert clean.clean_text(raw, config=off) == raw
    assert clean.clean_text("２０２３年", config=clean.CleanConfig(width="none")) == "２０２３年"


def test_clean_documents_keeps_input_and_index():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text_raw": ["###\n正文。", None]}, index=[10, 20])
    before = docs.copy()
    out = clean.clean_documents(docs)
    pd.testing.assert_frame_equal(docs, before)
    assert list(out.index) == [10, 20]
    assert out["text"].tolist() == ["正文。", ""]
    assert out["n_chars"].tolist() == [3, 0]
    with pytest.raises(InputError, match="text_raw"):
        clean.clean_documents(pd.DataFrame({"doc_id": ["a"]}))


def test_cleaning_log_of_documents(seed_texts):
    docs = pd.DataFrame({"doc_id": list(seed_texts), "text_raw": list(seed_texts.values())})
    log = clean.cleaning_log(docs)
    assert list(log.columns) == list(schema.CLEANING_LOG)
    assert set(log["doc_id"]) == set(seed_texts)
    assert {"removed", "replaced", "joined", "marked"} <= set(log["action"])


# ---------------------------------------------------------------- seeds (golden)

def _gold_figures(test_data_dir):
    return [json.loads(line) for line in (test_data_dir / "gold" / "seed_figures.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


def _squash(text: str) -> str:
    return re.sub(r"[\s*]", "", text)


def test_cleaning_never_loses_a_figure(seed_texts, test_data_dir):
    """Every gold figure occurs in the clean text as many times as it is annotated."""
    gold = _gold_figures(test_data_dir)
    assert len(gold) == 108
    wanted = Counter((g["doc"], _squash(g["text"])) for g in gold)
    for (doc, figure), count in wanted.items():
        clean_text = _squash(clean.clean_text(seed_texts[doc]))
        assert clean_text.count(figure) >= count, (doc, figure)


BOILERPLATE_GONE = {
    "000_3615f49ca4e62b93.txt": ["新闻稿", "即时发布", "请按此下载高清照片", "###", "传媒查询", "电话：", "电邮",
                                 "edelman.com", "¹", "**", "](#)", "finance.people.com.cn"],
    "001_8b94e84355f05d28.txt": ["私隱聲明", "法律聲明", "©", "linkedin", "youtube", "如欲索取更多資料",
                                 "欲了解更多信息", "請瀏覽"],
    "002_9130c0e98b06f455.txt": ["**"],
    "003_010416adabf53790.txt": [],
    "004_6bcdac202017c94e.txt": ["特別聲明", "Notice:", "NetEase", "網易號"],
}


@pytest.mark.parametrize("doc", sorted(BOILERPLATE_GONE))
def test_seed_boilerplate_is_gone(seed_texts, doc):
    text = clean.clean_text(seed_texts[doc])
    for residue in BOILERPLATE_GONE[doc]:
        assert residue not in text, residue
    assert not re.search(r"^zh$", text, re.M)


def _body_paragraphs(raw: str) -> list[str]:
    """Long prose paragraphs of the raw text (they all have sentence punctuation)."""
    paragraphs = [p.strip() for p in re.split(r"\n", raw) if p.strip()]
    return [p for p in paragraphs if len(p) >= 40 and re.search(r"[。，,]", p)]


@pytest.mark.parametrize("doc", sorted(BOILERPLATE_GONE))
def test_seed_body_paragraphs_survive(seed_texts, doc):
    """Every sentence of every body paragraph is in the clean text (after width and space folding)."""
    raw = seed_texts[doc]
    text = _squash(clean.clean_text(raw))
    disclaimers = ("特別聲明", "Notice:", "私隱聲明", "聯絡全球網站", "更多有关", "¹")
    for paragraph in _body_paragraphs(raw):
        if paragraph.startswith(disclaimers):
            continue
        for sentence in re.split(r"(?<=[。！？])", paragraph):
            sentence = _squash(clean.strip_markdown(sentence)).replace("¹", "")
            if sentence:
                assert sentence in text, sentence[:40]


def test_seed_sentences_are_rejoined(seed_texts):
    texts = {doc: clean.clean_text(raw) for doc, raw in seed_texts.items()}
    assert "本市生物医药产业高质量发展" in texts["002_9130c0e98b06f455.txt"]
    assert "产业的快速发展" in texts["002_9130c0e98b06f455.txt"]
    assert "支持香港生物医药企业在沪设立" in texts["002_9130c0e98b06f455.txt"]
    page = texts["003_010416adabf53790.txt"]
    for joined in ("不同的园区模式", "以中关村生命科学园为核心", "国家蛋白质科学中心", "光大永明保险",
                   "激烈的竞争", "对标国际一流", "创新生态", "谢晓亮等14位"):
        assert joined in page, joined
    assert "\n\n高欣\n\n" in page  # bylines stay on their own line


# ---------------------------------------------------------------- navigation runs anywhere

_PARAGRAPHS = (
    "上海市生物医药产业规模持续扩大，创新药械数量逐年提升，产业集聚效应不断显现。",
    "园区将围绕细胞治疗、基因治疗和高端医疗器械三大方向，加快引进一批龙头企业和研发机构。",
    "据介绍，今年以来园区新增注册企业120家，完成固定资产投资35亿元，同比增长18%。",
    "下一步，园区将进一步优化营商环境，完善公共服务平台，为企业提供全生命周期服务。",
)


def _long_body(n: int) -> str:
    """About ``n`` characters of prose paragraphs (a body longer than the head and tail windows)."""
    paragraphs, size, i = [], 0, 0
    while size < n:
        paragraphs.append(_PARAGRAPHS[i % len(_PARAGRAPHS)])
        size += len(paragraphs[-1]) + 2
        i += 1
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("nav", [
    "分享到：微信 微博 QQ空间 打印本页 关闭窗口",
    "首页 | 新闻中心 | 联系我们 | 网站地图",
    "上一篇 下一篇 返回顶部",
    "分享到 Facebook Twitter LinkedIn",
])
def test_navigation_run_in_the_middle_is_removed(nav):
    """Two web pages pasted into one file: the share bar between them is far from either end."""
    first, second = _long_body(2500), _long_body(3000)
    text = f"第一篇标题\n\n{first}\n\n{nav}\n\n第二篇标题\n\n{second}"
    assert clean.remove_boilerplate(text) == f"第一篇标题\n\n{first}\n\n第二篇标题\n\n{second}"


@pytest.mark.parametrize("line", [
    "线上渠道：微信、微博、QQ空间",
    "公司将在Facebook、Twitter、LinkedIn等平台同步发布",
])
def test_body_list_with_navigation_words_stays_in_the_middle(line):
    text = f"标题\n\n{_long_body(2500)}\n\n{line}\n\n{_long_body(3000)}"
    assert clean.remove_boilerplate(text) == text


def test_navigation_windows_keep_their_rule():
    """Near either end a run of links may be written with list punctuation, as before."""
    nav = "关注我们：微信、微博、QQ空间"
    body = _long_body(6000)
    assert clean.remove_boilerplate(f"{body}\n\n{nav}") == body
    assert clean.remove_boilerplate(f"{nav}\n\n{body}") == body


def test_seed_captions_are_marked(seed_texts):
    result = clean.clean(seed_texts["000_3615f49ca4e62b93.txt"])
    captions = [result.text[s:e] for s, e in result.captions]
    assert len(captions) == 10 and all(c.startswith("图") for c in captions)
    page = clean.clean(seed_texts["003_010416adabf53790.txt"])
    assert [page.text[s:e] for s, e in page.captions][1::2] == ["新华社记者 唐文豪/摄", "新华社记者 周华/摄"]


def test_traditional_text_stays_traditional(seed_texts):
    text = clean.clean_text(seed_texts["001_8b94e84355f05d28.txt"])
    assert "香港科技園公司與羅氏" in text


def test_clean_is_idempotent_on_seeds(seed_texts):
    for doc, raw in seed_texts.items():
        once = clean.clean_text(raw)
        assert clean.clean_text(once) == once, doc


# ---------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(list("科技园上海合作。，、：；！？“”（）「」 \n\t\r\u3000\u00a0０１２ＡＢａ12ab*#[]()_-¹²新闻稿###图一为摄")
                            + ["\n\n", "**", "](#)", "传媒查询：", "电话：", "本报讯", "的", "\f", "\ufeff"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_skipping_noop_steps_changes_nothing(text):
    fast = clean._run(text, clean.DEFAULT_CONFIG, None)
    full = clean._run(text, clean.DEFAULT_CONFIG, None, skip_noops=False)
    assert fast.text == full.text
    assert fast.captions == full.captions


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_clean_text_is_canonical(text):
    out = clean.clean_text(text)
    assert "\r" not in out and "\t" not in out and "\u3000" not in out and "\n\n\n" not in out
    assert out == out.strip()
    assert not re.search(r" \n|\n | {2}", out)
    for start, end in clean.clean(text).captions:
        assert 0 <= start < end <= len(out)


GENRE_CASES = _cases("clean_genre_documents.jsonl")


@pytest.mark.parametrize("case", GENRE_CASES, ids=[c["why"][:40] for c in GENRE_CASES])
def test_genre_documents(case):
    """Documents of the same genres as the seeds, written for these tests."""
    assert clean.clean_text(case["raw"]) == case["text"]


# ---------------------------------------------------------------- fast paths are exact

def _chars_matching(pattern: re.Pattern[str]) -> set[str]:
    """The characters of the Basic Multilingual Plane (all that these classes name) that ``pattern`` matches."""
    return {chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and pattern.match(chr(c))}


def test_rare_character_sets_match_their_regexes():
    """The per-step character sets that gate the pipeline are exactly what the regexes act on."""
    from corpus_tools import resources as r

    assert _chars_matching(r.RARE_CHARS) == (r.LINE_BREAK_CHARS | r.INVISIBLE_CHARS | r.FULLWIDTH_CHARS
                                             | r.BLANK_CHARS | r.SUPERSCRIPT_CHARS)
    assert _chars_matching(r.INVISIBLE) == r.INVISIBLE_CHARS
    assert _chars_matching(r.FULLWIDTH_ALNUM_SYMBOLS) == r.FULLWIDTH_CHARS
    assert _chars_matching(r.LINE_BREAK) == r.LINE_BREAK_CHARS
    assert _chars_matching(re.compile(r"\s")) - {" ", "\n"} == r.BLANK_CHARS


_RICH_ALPHABET = st.sampled_from(
    list("科技园上海合作。，、：；！？“”（）「」 \n\t\r\u3000\u00a0\u2000\u2028\x85\x0b\x1c０１２ＡＢａ．－＃＊12ab*#[]()_-¹²注照相片图圖为摄攝")
    + ["\n\n", "\n\n\n", "  ", " \n", "**", "](#)", "传媒查询：", "电话：", "本报讯", "的", "\f", "\ufeff", "\u200b", "\uf963",
       "e\u0301", "注1 http://a.cn/x", "[1]", "www.a.cn", "<http://a.cn>", "![图](a.png)", "[链接](http://a)", "\n# ",
       "\n---\n", "__下__", "新闻稿", "###", "图一：", "/摄", "照片", "首页 新闻 关于我们 联系我们"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_RICH_ALPHABET, max_size=80).map("".join))
def test_fast_paths_change_nothing_including_the_log(text):
    fast = clean._run(text, clean.DEFAULT_CONFIG, [])
    full = clean._run(text, clean.DEFAULT_CONFIG, [], skip_noops=False)
    assert fast == full
    for config in (clean.CleanConfig(width="alnum"), clean.CleanConfig(unicode_form="none")):
        assert clean._run(text, config, None) == clean._run(text, config, None, skip_noops=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["中", "文", " ", "\n", "  ", "\n\n", "\n\n\n", " \n ", "，"]), max_size=40).map("".join))
def test_plain_whitespace_path_equals_the_general_one(text):
    """Without blanks other than " " and "\\n", the fast path gives the same text and the same changes."""
    log_general: list[clean.Change] = []
    log_plain: list[clean.Change] = []
    general = clean._normalize_whitespace(text, clean.DEFAULT_CONFIG, log_general)
    plain = clean._normalize_whitespace(text, clean.DEFAULT_CONFIG, log_plain, blanks=False)
    assert plain == general and log_plain == log_general
    assert clean._normalize_whitespace(text, clean.DEFAULT_CONFIG, None, blanks=False) == general


@pytest.mark.parametrize("text", ["注1 http://a.cn/[2]中文[3]\n正文¹", "产业[1]规模。\n¹ <http://e.com>\n注2：www.a.cn",
                                  "[12]开头[1234]中[1]", "m²与km³以及。²", "注 3. www.x.cn\n注4", "¹²³中文⁴⁰", "中⁹⁸\n⁷ www.a.cn"])
def test_footnote_patterns_restricted_to_present_marks_are_exact(text):
    from corpus_tools import resources as r

    firsts = frozenset(c for c in text if c in r.SUPERSCRIPT_CHARS or c in "[注")
    assert [m.span() for m in r.footnote_pattern(firsts).finditer(text)] == [m.span() for m in r.FOOTNOTE.finditer(text)]
    present = frozenset(c for c in text if c in r.SUPERSCRIPT_CHARS)
    for superscripts in (None, present, r.SUPERSCRIPT_CHARS):
        assert clean._remove_footnote_marks(text, clean.DEFAULT_CONFIG, None, superscripts=superscripts) == \
            clean._remove_footnote_marks(text, clean.CleanConfig(), None)


def test_caption_test_equals_the_caption_regex(seed_texts):
    from corpus_tools import resources as r

    assert r.CAPTION_WORDS == ("图为", "圖為")  # spelled out in clean._is_caption
    for raw in list(seed_texts.values()) + [case["raw"] for case in GENRE_CASES]:
        text = clean.clean_text(raw)
        for m in r.LINE.finditer(text):
            assert clean._is_caption(text, *m.span()) == bool(r.CAPTION.match(text, *m.span()))


@pytest.mark.parametrize("pattern, starts, not_starts", [
    ("新闻稿|新聞稿", ["新"], ["\n", "正", "a"]),
    ("(?i:press release)|[#]{3,}", ["p", "P", "#", "\u212a"], ["\n", "新"]),
    ("请?(?:按此|点此)下载", ["请", "按", "点"], ["下", "\n"]),
    ("[-－ \t]*(?:完|END)", ["完", "E", "-", " "], ["\n", "全"]),
    ("[丁-丏]x", ["丁", "丏"], ["中", "\n"]),
])
def test_first_character_guard_keeps_every_possible_start(pattern, starts, not_starts):
    guard = re.compile(clean._first_character_guard(pattern))
    assert all(guard.match(ch) for ch in starts)
    assert not any(guard.match(ch) for ch in not_starts)


@pytest.mark.parametrize("pattern", ["(?:b)?", r"\s+x", "[^a]", r"\S", ".", "()\\1y", "中|"])
def test_first_character_guard_is_empty_when_anything_may_start(pattern):
    assert clean._first_character_guard(pattern) == ""


def test_boilerplate_patterns_are_guarded_and_the_guard_changes_no_match(seed_texts):
    guarded, plain = clean._boilerplate_patterns(), clean._boilerplate_patterns(guard=False)
    for fast, slow in zip(guarded, plain):
        assert fast.after_break.pattern != slow.after_break.pattern  # the data files allow a guard
        for raw in list(seed_texts.values()) + [case["raw"] for case in GENRE_CASES]:
            for text in (raw, clean.normalize_whitespace(raw), clean.clean_text(raw)):
                assert fast.spans(text) == slow.spans(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_RICH_ALPHABET | st.sampled_from(["\n传媒查询：", "\n©2023", "\n来源：新华网", "\nPress Release", "\n完",
                                                  "\n－完－", "\n责任编辑：张三"]), max_size=60).map("".join))
def test_boilerplate_guard_changes_no_match(text):
    for fast, slow in zip(clean._boilerplate_patterns(), clean._boilerplate_patterns(guard=False)):
        assert fast.spans(text) == slow.spans(text)


def test_navigation_trigger_covers_every_word():
    """Lines without a trigger character cannot hold a navigation word (English ones are found lower-cased)."""
    lowers_to_ascii = {chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
                       and any("a" <= ch <= "z" for ch in chr(c).lower())}
    first_char, any_word, letter = clean._nav_triggers()
    assert all(letter.match(ch) and first_char.match(ch) for ch in lowers_to_ascii)
    ascii_words, other_words = clean._nav_words()
    assert all(any_word.fullmatch(word) and first_char.match(word) for word in other_words)
    assert all(word.isascii() and word[0].isalpha() for word in ascii_words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["中", "文", " ", "\n", "  ", "\n\n", "\n\n\n", " \n ", "，", "\t", "\u3000", "\xa0", "\r",
                                 "\u2028", "\x0c", "\u2000", "\x1c", "\x85"]), max_size=40).map("".join))
def test_whitespace_without_log_equals_the_regex_path(text):
    """Without a log, other blanks are mapped to spaces first; the text is what WHITESPACE gives."""
    assert clean._normalize_whitespace(text, clean.DEFAULT_CONFIG, None) == \
        clean._normalize_whitespace(text, clean.DEFAULT_CONFIG, [])


_PAGE_LINES = st.sampled_from(["市科委公报 2023年第3期", "市科委公报 2023年第4期", "一、总体要求", "内容，见附件。",
                               "上海市科学技术委员会", "— 2 —", "", "第一条 合作。"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PAGE_LINES, max_size=5).map("\n".join), min_size=1, max_size=6).map("\f".join))
def test_running_heads_only_remove_whole_repeated_lines(text):
    out = clean.remove_running_heads(text)
    kept = [line for page in out.split("\f") for line in page.split("\n") if line]
    lines = [line for page in text.split("\f") for line in page.split("\n") if line]
    it = iter(lines)
    assert all(line in it for line in kept)  # a subsequence: only whole lines go
    assert out.count("\f") == text.count("\f")
    first = next((line for line in text.split("\f")[0].split("\n") if line), None)
    if first is not None:
        assert first in out.split("\f")[0]
    assert clean._run(text, clean.DEFAULT_CONFIG, None) == clean._run(text, clean.DEFAULT_CONFIG, None, skip_noops=False)


@pytest.mark.parametrize("raw, gone, kept", [
    ("网易首页 > 网易科技 > 互联网 > 正文\n某公司发布新品\n某公司今日发布新品，销量将增长。", ["网易首页 >"], ["某公司发布新品"]),
    ("您的位置:\n首页\n>\n云南要闻\n2026年政府工作报告\n各位代表：\n现在，我代表省人民政府，向大会报告工作。",
     ["您的位置", "首页", "云南要闻"], ["2026年政府工作报告", "各位代表："]),
    ("某标题\n【字体：\n大\n中\n小\n】\n正文第一段，内容很长。", ["字体", "\n大\n", "】"], ["某标题", "正文第一段"]),
    ("某标题\n缩小字体 放大字体 收藏 微博 微信 分享 5,874\n正文第一段，内容很长。", ["缩小字体"], ["正文第一段"]),
    ("某标题\n字号：A- A A+\n正文第一段，内容很长。\n责任编辑: 刘响\n（责任编辑： 王芳）", ["字号", "刘响", "王芳"], ["正文第一段"]),
    ("索 引 号：\n000014349/2018-00207\n主题分类：\n商贸、海关\n国务院关于某事的通知\n各省人民政府：\n现将有关事项通知如下。",
     ["索 引 号", "000014349", "主题分类", "商贸、海关"], ["国务院关于某事的通知", "各省人民政府："]),
    ("正文。\n本文为某网原创文章，未经允许不得转载\n百度提供站内搜索 京ICP备19004658号\n海量资讯、精准解读，尽在某某财经APP",
     ["原创文章", "ICP", "APP"], ["正文。"]),
    ("正文。\n請加入成為某新聞的月費訂戶，長期支持我們的工作。\n更多猛料！欢迎扫描左方二维码关注某某新闻官方微信",
     ["月費訂戶", "二维码"], ["正文。"]),
    ("某标题\n正文第一段，内容。\n》自營商進出明細\n》外資持股增減排行", ["》自營商", "》外資"], ["正文第一段"]),
    ("某标题\n正文第一段，内容。\n相关阅读：\n某地出台新政支持产业发展\n某公司完成新一轮融资？\n上一篇：某地召开会议",
     ["相关阅读", "出台新政", "新一轮融资", "上一篇"], ["正文第一段"]),
])
def test_site_furniture_is_recognised_by_its_structure(raw, gone, kept):
    text = clean.clean_text(raw)
    assert not [g for g in gone if g in text] and all(k in text for k in kept), text


@pytest.mark.parametrize("raw, expected", [
    ("10000亿元+1000亿美元！某省政府发文，进一步加强这项工作\n为进一步提高招商引资工作水平，推动招大引强，扩大有效投资，近日，省政府印发了《关于进一步加强招商引资工作的指导意见》。",
     "10000亿元+1000亿美元！某省政府发文，进一步加强这项工作\n为进一步"),
    ("審計署批無牌旅館倍增 Airbnb：冀政府兌現承諾\n透過網上平台出租或入住住宅單位，成為旅行住宿潮流，不過在香港，如出租者未有領取牌照，可被視作經營無牌旅館。",
     "承諾\n透過"),
    ("会议现场，代表们认真听取报告\n图为会议现场\n会议指出，要进一步加强合作，推动发展。", "图为会议现场\n会议指出"),
])
def test_headlines_and_captions_are_never_joined_onto_a_paragraph(raw, expected):
    assert expected in clean.clean_text(raw)


def test_template_lines_of_one_publisher_are_removed_across_the_corpus(tmp_path):
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(
            f"第{i}号新闻标题\n2023-05-0{i + 1} 10:00 来源：某某日报\n第{i}篇报道的正文，内容各不相同。\n本站精选 天天好新闻\n",
            encoding="utf-8")
    docs = load.load_corpus(tmp_path)
    assert not docs["text"].str.contains("本站精选").any()
    assert docs["text"].str.contains("报道的正文").all()
    log = clean.cleaning_log(docs)
    assert (log["step"] == "remove_corpus_furniture").sum() == 4
    assert log.loc[log["step"] == "remove_corpus_furniture", "before"].str.contains("本站精选").all()


def test_corpus_furniture_counted_chunk_by_chunk_decides_as_over_the_whole_corpus():
    texts = [f"请关注本站\n第{i}篇报道的正文。\n{'返回顶部' if i % 2 else '相关阅读'}" for i in range(6)]
    texts += [texts[0], "请关注本站\n乙的正文。", "请关注本站\n乙的另一篇正文。"]
    groups = ["甲"] * 7 + ["乙", None]
    whole = clean.corpus_furniture(texts, groups)
    # the in-memory rule: 请关注本站 in 6 of 6 distinct, 返回顶部 and 相关阅读 in 3 of 6 (>= 3 and half)
    assert whole[1] == frozenset({"请关注本站", "返回顶部"}) and whole[2] == frozenset({"请关注本站", "相关阅读"})
    assert whole[6] == whole[0]  # a duplicate counts once and loses the same lines
    assert whole[7] == whole[8] == frozenset()  # one document of 乙; no group: never changed
    counter = clean.FurnitureCounter()
    for lo in range(0, len(texts), 2):  # fed chunk by chunk, as a build's parent does
        for text, group in zip(texts[lo:lo + 2], groups[lo:lo + 2]):
            counter.add(group, clean.text_key(text), clean.furniture_candidates(text))
    found = counter.furniture()
    assert found == {"甲": frozenset({"请关注本站", "返回顶部", "相关阅读"})}
    assert [clean.furniture_candidates(t) & found.get(g, frozenset()) if g else frozenset()
            for t, g in zip(texts, groups)] == whole
