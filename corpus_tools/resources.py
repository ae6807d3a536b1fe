"""Compiled regular expressions and lazily loaded lexicons, in one place.

Sections follow the pipeline (load, clean, segment, figures, tokens, entities).
Heavy tables load on first use behind ``functools.lru_cache``; data files live
under ``corpus_tools/data`` and are read with :mod:`corpus_tools._data`.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

# ---------------------------------------------------------------- segment
#: Sentence-final punctuation, optionally followed by closing quotes/brackets.
SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)】》]*|\n+")

#: Newspaper pages (segment.split_articles). A news lead: "本报讯", "本报记者", "新华社北京11月28日电".
_NEWS_DAY = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
#: A newspaper's own dateline: "本报苏州6月11日电", "本報北京十一月二十八日專電".
_PAPER_DATELINE = rf"本(?:报|報)[\u4e00-\u9fff]{{0,8}}?{_NEWS_DAY}月{_NEWS_DAY}日(?:专电|專電|电|電)"
#: A Hong Kong or Taiwan paper's lead: "【大公報訊】", "（本報訊）", "【明報專訊】".
_BRACKET_LEAD = r"[【(（\[][\u4e00-\u9fff]{1,8}?(?:讯|訊|专讯|專訊)[】)）\]]"
_WORD_LEAD = (rf"本(?:报|報)(?:讯|訊|记者|記者|通讯员|通訊員)|{_PAPER_DATELINE}"
              r"|(?:新华社|新華社|中新社|中新網|中新网)\S{0,12}?(?:电|電)")
ARTICLE_LEAD = re.compile(rf"{_WORD_LEAD}|{_BRACKET_LEAD}")
#: ARTICLE_LEAD without the bracketed form, for searching a text: its first characters are literals that
#: ``re`` scans for fast (search BRACKET_NEWS_CUE for the rest).
WORD_LEAD = re.compile(_WORD_LEAD)
#: A photo credit line: "新华社记者 周华/摄", "(张三 摄)".
PHOTO_CREDIT = re.compile(r"[(（]?[^\n。，]{0,24}?[/／\s]\s*(?:摄|攝)(?:影)?[)）]?$|[(（]?[^\n。，]{1,24}(?:摄|攝)[)）]$")
#: A line of one to four person names (2-4 Han characters, or transliterated with "·"),
#: optionally after 记者/通讯员: a byline.
BYLINE_NAMES = re.compile(
    r"(?:(?:本报|本報|新华社|新華社)?(?:记者|記者|通讯员|通訊員|特约记者|特約記者)\s*)?"
    r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?(?:[ 、,，]+[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?){0,3}"
)
#: Column headings of a newspaper page that a byline pattern would take for a name (简讯 and 简 the surname).
NEWS_COLUMN_WORDS = frozenset(
    "简讯 簡訊 快讯 快訊 短讯 短訊 要闻 要聞 速递 速遞 速览 速覽 动态 動態 资讯 資訊 综述 綜述 链接 鏈接 "
    "观察 觀察 评论 評論 声音 聲音 时评 時評 图片新闻 圖片新聞 新闻速递 新聞速遞 一周要闻 一週要聞 本版导读 本版導讀 "
    "业界传真 業界傳真 他山之石 相关链接 相關鏈接 延伸阅读 延伸閱讀 背景资料 背景資料 记者手记 記者手記 编后 編後".split()
)
#: A byline glued after a paragraph's last sentence: "...奠定基础。王查娜".
GLUED_BYLINE = re.compile(r"[。！？”」](?P<name>[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,2})$")
#: A byline in brackets after a news lead: "本报讯(记者 李争粉)".
INLINE_BYLINE = re.compile(r"\S{0,16}?(?:[(（](?P<byline>(?:[^()（）\n]{0,8}?(?:记者|記者|通讯员|通訊員))[^()（）\n]{1,20})[)）]"
                           r"|[ \t]*(?P<reported>(?:记者|記者)[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){0,2})(?:报道|報道)[:：])")
#: Longest line taken for an article title or subheading.
ARTICLE_TITLE_MAX = 50
#: Non-empty stretches between line breaks, with their spans.
LINE_SPAN = re.compile(r"[^\n]+")

# ---------------------------------------------------------------- load
# (load.py and metadata.py)
#: A run of Han characters (CJK unified ideographs and extension A).
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
#: Characters a plausible decoded Chinese text consists of (for encoding sanity checks).
PLAUSIBLE_CHAR = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    r"\u0020-\u007e\u00a0-\u00ff\n\r\t\u2e80-\u2fdf\u31c0-\u31ef\uf900-\ufaff]"
)

_DIGIT = r"[0-9０-９]"
_CN_DIGIT = "〇零一二三四五六七八九十两"
#: A release header line naming its issuer: "行政院新聞稿", "国务院新闻办公室新闻发布" (the issuer is the source).
RELEASE_HEADER = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,20}?)\s*(?:新闻稿|新聞稿|新闻公报|新聞公報|新闻发布|新聞發佈|新聞發布|新闻通稿|新聞通稿)")
#: The era of Taiwan's official dates: 中華民國112年 is 2023 (numerals.parse_roc_year).
ROC_ERA = "(?:中華民國|中华民国|民國|民国)"
#: A full date: year, month, day in Arabic or Chinese numerals ("2022 年 8 月 26 日", "二〇二二年八月二十六日").
FULL_DATE = re.compile(
    rf"(?P<y>{_DIGIT}{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*(?P<m>{_DIGIT}{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*月"
    rf"(?:\s*(?P<d>{_DIGIT}{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*[日号號])?"
    rf"|(?P<y2>{_DIGIT}{{4}})[-/.](?P<m2>{_DIGIT}{{1,2}})(?:[-/.](?P<d2>{_DIGIT}{{1,2}}))?(?!{_DIGIT})"
    rf"|{ROC_ERA}\s*(?P<y3>{_DIGIT}{{2,3}}|[{_CN_DIGIT}百]{{2,5}})\s*年\s*(?P<m3>{_DIGIT}{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*月"
    rf"(?:\s*(?P<d3>{_DIGIT}{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*[日号號])?"
)
#: A full date with year, month and day, written with digits (the anchor of a dateline).
YMD = re.compile(r"[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日")
#: A press-release or news dateline at the start of a line: "(香港·2023年3月31日) —",
#: "香港，2023年3月31日——", "新华社北京2023年3月5日电", "【2024年5月6日，深圳】" (matched
#: against one line; a match needs a closing bracket or a dash/电/colon after the date).
DATELINE = re.compile(
    r"[(（【\[]?\s*(?P<place>[^\s()（）【】\[\]，,·、:：\n]{0,12})\s*[·,，、\s]?\s*"
    r"(?P<date>[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日)"
    r"(?:\s*[,，、]?\s*(?P<place2>[^\s()（）【】\[\]，,\n—–－-]{1,12}))?"
    r"(?=\s*[)）】\]—–－\-电電讯訊:：])\s*(?P<close>[)）】\]])?\s*"
    r"(?P<end>[—–－-]{1,2}|电|電|讯|訊|[:：])?"
)
#: A labelled publication date in the header: "发布时间：2023-03-31", "日期: 2023年3月31日".
DATE_FIELD = re.compile(r"(?=[时時日])(?:时间|時間|日期)\s*[:：]\s*")
#: A newspaper page's edition: "第3版", "A6".
_EDITION = r"(?:第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版|(?<![A-Za-z])[A-Z]{1,2}[0-9]{1,2})"
#: A line that is only a date (a sign-off or header date line), optionally with weekday / time
#: and, on a newspaper page, the edition and its column.
DATE_LINE = re.compile(
    rf"(?m)^[ \t]*(?:[0-9０-９]{{4}}|[〇零一二三四五六七八九]{{4}}|{ROC_ERA}\s*(?:[0-9０-９]{{2,3}}|[〇零一二三四五六七八九十百]{{2,5}}))"
    r"\s*年\s*[0-9０-９〇零一二三四五六七八九十]{1,3}\s*月"
    r"\s*[0-9０-９〇零一二三四五六七八九十]{1,3}\s*[日号號]"
    r"(?:\s*[(（]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][)）]?)?(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
    rf"(?:\s*{_EDITION}(?:[\s：:·]*[\u4e00-\u9fff]{{2,12}})?)?[ \t]*$"
    r"|^[ \t]*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ \t]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?[ \t]*$"
)
#: A newspaper's name as the first line of its page: "大公報", "科技日报" (read only on newspaper pages).
MASTHEAD = re.compile(r"[\u4e00-\u9fff]{1,8}(?:报|報)")
#: The edition (page) of a newspaper on its date line, with the page's column: "第3版 综合新闻".
PAGE_EDITION = re.compile(rf"{_EDITION}(?:[\s：:·]*(?P<column>[\u4e00-\u9fff]{{2,12}}))?[ \t]*$")
#: A label before a title: "原标题：" of reposts.
TITLE_LABEL = re.compile(r"^(?:原标题|原標題|标题|標題|题目|題目)\s*[:：]\s*")
#: Document numbers of official documents: "沪科提复〔2022〕49号", "国发[2021]第3号" (metadata reads
#: them as a cue of the document type; figures never takes their numbers for figures).
DOC_NUMBER = re.compile(r"[〔\[［【(（][0-9０-９]{4}[〕\]］】)）][ \t]*第?[ \t]*[0-9０-９]{1,5}[ \t]*[号號]")
#: Cues of the document types (see metadata.DOC_TYPES); words are looked up with ``in``
#: (English ones in the lower-cased text), which is much faster than a regex alternation.
REPLY_WORDS = ("答复", "答覆", "回复", "回覆")
REPLY_CONTEXT_WORDS = ("答复", "答覆", "提案", "办理情况", "辦理情況")
#: The header of a listed company's announcement: "证券代码：601607 证券简称：上海医药 编号：临2023-045".
SECURITIES_HEADER = re.compile(r"(?:证券代码|證券代碼|股票代码|股票代碼|证券简称|證券簡稱|股份代号|股份代號)\s*[:：]")
NOTICE_CUE = re.compile(r"通知|公告|通告|公示|办法|辦法|规定|規定|意见|意見|细则|細則")
PRESS_RELEASE_WORDS = (
    "新闻稿", "新聞稿", "即时发布", "即時發布", "传媒查询", "傳媒查詢", "媒体查询", "媒體查詢",
    "媒体联络", "媒體聯絡", "新闻联络", "新聞聯絡", "press release", "for immediate release",
    "media enquiries", "media contact",
    "新闻公报", "新聞公報", "媒体垂询", "媒體垂詢", "传媒垂询", "傳媒垂詢", "新闻联系人", "新聞聯絡人", "媒体联系人", "媒體聯絡人",
)
#: The board's statement that opens a listed company's announcement ("本公司董事会及全体董事保证本公告内容不存在
#: 任何虚假记载……"), read in the first lines.
ANNOUNCEMENT_STATEMENT = re.compile(r"(?:董事会|董事會)(?:及|暨)全[体體](?:董事|成员|成員)保[证證]|不存在任何虚假记载|不存在任何虛假記載")
NEWSPAPER_CUE = re.compile(rf"本(?:报|報)(?:讯|訊|记者|記者|通讯员|通訊員)|{_PAPER_DATELINE}")
#: The same cue in brackets: "【大公報訊】" (a pattern of its own: with it, NEWSPAPER_CUE would lose the fast
#: scan for its first character 本 and cost three times as much on every document).
BRACKET_NEWS_CUE = re.compile(_BRACKET_LEAD)
#: Repost platforms named in disclaimers (their names are the ``source`` of a repost).
REPOST_PLATFORMS = ("网易号", "網易號", "搜狐号", "搜狐號", "百家号", "百家號", "头条号", "頭條號",
                    "企鹅号", "企鵝號", "澎湃号", "澎湃號")
REPOST_WORDS = REPOST_PLATFORMS + (
    "netease hao", "信息发布平台", "信息發布平台", "信息存储空间", "信息存儲空間", "信息存储服务", "信息存儲服務",
)
#: "来源：新华网" lines of reposted articles (searched in "\n" + text).
SOURCE_FIELD = re.compile(r"\n[ \t]*(?:[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?[ \t]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]*)?"
                          r"(?:来源|來源|稿源|出处|出處)\s*[:：]\s*(?P<source>[^\s|｜]{2,30})")
#: A web page's publication time: a full date and a clock time (2023-05-12 18:30, 2023年5月12日 18:30).
WEB_TIMESTAMP = re.compile(r"(?<![0-9])[0-9]{4}(?:[-/.][0-9]{1,2}[-/.][0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)[ \t]+[0-9]{1,2}:[0-9]{2}")
#: "关于XX公司": the about-the-publisher heading of a press release (searched in "\n" + text).
ABOUT_HEADING = re.compile(r"\n[ \t]*(?:关于|關於|有关|有關)(?P<org>[^\s，。,.:：]{2,30})[ \t]*(?=\n|\Z)")
#: The sign-off of a government or company press release (searched in the raw ends): an
#: end-mark line (完, －完－, END, Ends; not the news agencies' bracketed "（完）") followed
#: by the release date ("完\n\n2023年3月31日（星期五）", "Ends/Friday, March 31, 2023"), or
#: the release-time line of Hong Kong government releases ("香港時間15時30分", "Issued at HKT 15:30").
#: Every alternative starts at a line break (a literal: a fast scan).
RELEASE_SIGN_OFF = re.compile(
    r"\n[ \t\u3000]*(?:[-－—–]{0,3}[ \t\u3000]*(?:完|END|Ends?)[ \t\u3000]*[-－—–]{0,3}"
    r"(?:[ \t\u3000]*\n[ \t\u3000\n]*|[ \t\u3000]*/[ \t\u3000]*)"
    r"(?:[0-9０-９]{4}[ \t\u3000]*年|[〇零一二三四五六七八九]{4}年|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
    r"|(?:香港時間|香港时间)[ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*[時时][ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*分"
    r"|Issued at HKT)"
)


# ---------------------------------------------------------------- clean
# (clean.py; boilerplate pattern lists live in data/boilerplate_*.txt)
#: Every character that normalize_line_endings, remove_invisible_chars and fold_width
#: act on, plus blanks other than " " and superscript digits: a text without any of
#: them skips those steps (one fast scan instead of several).
RARE_CHARS = re.compile(
    r"[\r\x0b\x0c\x85\u2028\u2029\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x9f"
    r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％＋＝＜＞＠＃＄＆＊／＼＾＿｜．－"
    r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000¹²³⁴⁵⁶⁷⁸⁹⁰]"
)
#: The characters of RARE_CHARS that each step acts on, for gating the steps on what a
#: text contains (one scan with RARE_CHARS.findall instead of one per step).
LINE_BREAK_CHARS = frozenset("\r\x0b\x0c\x85\u2028\u2029")
INVISIBLE_CHARS = frozenset(map(chr, [*range(0x200B, 0x2010), 0x2060, 0xFEFF, 0xAD, *range(0x09),
                                      *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)]))
FULLWIDTH_CHARS = frozenset(map(chr, [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)])) | frozenset(
    "％＋＝＜＞＠＃＄＆＊／＼＾＿｜．－")
#: Whitespace other than " " and "\n" (what ``str.isspace`` and ``\s`` accept besides them).
BLANK_CHARS = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) - {" ", "\n"}
SUPERSCRIPT_CHARS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
#: Line breaks other than "\n": CRLF, CR, vertical tab, form feed (page break), NEL, LS, PS.
LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
#: Invisible characters: zero-width spaces and joiners, BOM, soft hyphen, C0/C1 controls.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")
#: Full-width digits and Latin letters (and, in the "symbols" mode, a few full-width
#: symbols; ``．``/``－`` only between digits, checked by the cleaner).
FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
FULLWIDTH_ALNUM_SYMBOLS = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％＋＝＜＞＠＃＄＆＊／＼＾＿｜．－]+")
#: Whitespace runs that are not canonical (a single space between words, "\n", "\n\n"):
#: a space or other blank followed by more whitespace, a single non-ASCII blank (tab,
#: ideographic or no-break space), a line break followed by a blank, three or more
#: line breaks. The pattern starts with one whitespace character (a fast scan) and
#: looks back at it to tell the cases apart.
WHITESPACE = re.compile(r"\s(?:(?<=[^\S\n])\s+|(?<=[^\S \n])|(?<=\n)(?:[^\S\n]|\n\s)\s*)")
#: Whitespace other than " " and "\n" (BLANK_CHARS): WHITESPACE treats each like a space.
BLANK = re.compile("[" + "".join(re.escape(c) for c in sorted(BLANK_CHARS)) + "]")
#: A space next to a space or a line break (starts with a literal: a fast scan). In a
#: text whose only whitespace is " " and "\n", the runs WHITESPACE changes are those
#: holding such a space or three line breaks in a row.
SPACE_BESIDE_WHITESPACE = re.compile(r" (?:[ \n]|(?<=\n ))")
#: Markdown residue, one pattern per construct, each starting with a literal (fast scans:
#: the regex engine skips to the literal instead of trying every position): images,
#: links, autolinks, bold/underline pairs, stray "**", heading hashes and table rules
#: (the last two checked to stand at a line start by the cleaner).
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
MARKDOWN_LINK = re.compile(r"\[(?P<link>[^\]\n]+)\]\([^)\s]*\)")
MARKDOWN_AUTOLINK = re.compile(r"<(?P<autolink>(?:https?|ftp)://[^>\s]+)>")
MARKDOWN_BOLD = re.compile(r"\*\*(?:(?=[^\s*])(?P<bold>[^\n]+?)(?<=[^\s*])\*\*|(?P<stray>\**))")
MARKDOWN_UNDERLINE = re.compile(r"__(?=\S)(?P<under>[^\n]+?)(?<=\S)__")
MARKDOWN_HASHES = re.compile(r"\#\#{0,5}[ \t]+(?=\S)")
MARKDOWN_RULE = re.compile(r"[|\-][|:\- \t]*-{3}[|:\- \t]*(?:\n|\Z)")
#: Footnote marks: superscript digits, "[1]", "注1"; with a URL after the mark the
#: match covers a whole footnote line (the cleaner checks the line start and, for
#: marks, that a superscript does not follow a Latin letter as in m² and that "[1]"
#: follows Chinese text). Every alternative starts with a literal character, so the
#: regex engine scans for their first characters instead of trying every position
#: (a run of superscripts is spelled as one alternative per first superscript).
_SUPERSCRIPTS = "".join(sorted(SUPERSCRIPT_CHARS))
#: The alternatives of a footnote mark by their first character (a run of superscripts is
#: spelled as one alternative per first superscript).
_FOOTNOTE_MARKS = {**{first: f"{first}[{_SUPERSCRIPTS}]*" for first in _SUPERSCRIPTS},
                   "[": r"\[\d{1,3}\]", "注": r"注\s*\d{1,3}[:：.．]?"}
_FOOTNOTE_URL = r"(?P<url>[ \t]*<?(?:https?://|www\.)[^\s>]+>?[ \t]*(?:\n|\Z))?"
FOOTNOTE = re.compile(rf"(?P<mark>{'|'.join(_FOOTNOTE_MARKS.values())})" + _FOOTNOTE_URL)


@functools.lru_cache(maxsize=None)
def footnote_pattern(firsts: frozenset[str]) -> re.Pattern[str]:
    """FOOTNOTE restricted to the marks that start with one of ``firsts`` (characters a text holds).

    On a text without the other first characters it finds the same matches, faster:
    the fewer first characters, the faster the scan (one: a literal search).
    """
    if firsts >= _FOOTNOTE_MARKS.keys():
        return FOOTNOTE
    marks = "|".join(pattern for first, pattern in _FOOTNOTE_MARKS.items() if first in firsts)
    return re.compile(rf"(?P<mark>{marks})" + _FOOTNOTE_URL)
#: Where two lines may be one sentence broken by a line or page break: after a Han
#: character or a comma, before a Han character, a digit or an opening quote.
REJOIN_CANDIDATE = re.compile(
    r"\n(?<=[\u4e00-\u9fff\u3400-\u4dbf，、,]\n)\n?(?=[\u4e00-\u9fff\u3400-\u4dbf0-9“‘「『《])"
)
#: Characters that never begin a paragraph or heading (particles, closing punctuation).
NON_INITIAL = frozenset("的得了着過过们們吗嗎呢吧么麼，。、；：！？）」』”’》〉")
#: Characters that never end a heading, title or label line (particles, conjunctions, prepositions):
#: a line that ends in one breaks off a sentence.
NON_FINAL = frozenset("的地得和与與及或在对對为為把被将將从從向于於并並且而")
#: Sentence-final punctuation (the tail of a line after the last one is its unfinished sentence).
SENTENCE_FINAL = re.compile(r"[。！？!?]")
#: Punctuation found in running prose (a line without any is a heading, byline or label).
PROSE_PUNCT = re.compile(r"[，。；：、！？,;:](?!(?<=:)[0-9])")  # (not the colon of a clock time: 18:30; class-led: fast scan)
#: Markers that open a list item, a numbered heading, a new article or a caption.
BLOCK_START = re.compile(
    r"[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d{1,3}[、.．)）]\D"
    r"|第[一二三四五六七八九十百\d]+[章节節条條款部篇]|本报讯|本報訊|[图圖][一二三四五六七八九十\d]|[图圖]为|[图圖]為"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?=\n|\Z)"
    r"|[•·●○▪■□◆◇►▶➢✓\-–—*]"
)
#: A list item: a line that starts with a bullet or a list number.
LIST_ITEM = re.compile(r"[•·●○▪■□◆◇►▶➢✓\-–—*]\s*|\d{1,3}[.．)）]\s*|[(（]\d{1,3}[)）]\s*")
#: Heading numbering whose "、" is not prose punctuation ("一、", "(一)", "1、").
LEADING_NUMBERING = re.compile(r"[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d{1,3}[、.．]")
#: Caption lines: "图一及二：...", "图为...", photo credits "新华社记者 周华/摄", "图片来源：...".
_CAPTION_START = (
    r"^(?:[图圖][一二三四五六七八九十百零〇\d]+(?:\s*[至及、和与與\-—–~～]\s*[一二三四五六七八九十百零〇\d]+)*\s*[：:.．]"
    r"|[(（]?\s*(?:图片|圖片|照片|相片)(?:来源|來源|提供)\s*[:：]|[(（]?\s*(?:图源|圖源)\s*[:：]"
    r"|[(（]\s*(?:[图圖]|照片|相片)\s*[)）]"
    r"|[^\n]{0,20}[/／]\s*(?:摄|攝)(?:影)?\s*$"
    r"|[(（][^\n()（）]{0,20}(?:摄|攝)[)）]\s*$"
    r"|(?:\S{0,8}(?:记者|記者|摄影|攝影)\s*)[^\n，。,]{1,12}\s*(?:摄|攝)\s*$"
    r")"
)
#: "图为" anywhere in a line makes it a caption.
CAPTION_WORDS = ("图为", "圖為")
CAPTION = re.compile(_CAPTION_START + r"|^[^\n]*?(?:" + "|".join(CAPTION_WORDS) + r")[^\n]*$", re.M)
#: CAPTION without its "图为 anywhere" alternative (which the cleaner tests with ``in``:
#: the regex would try it at every character of a long line).
CAPTION_START = re.compile(_CAPTION_START, re.M)
#: What a caption line contains: only lines holding one of these are matched with CAPTION
#: (each looked up with ``str.find``, much faster than a regex scan).
CAPTION_TRIGGERS = ("图", "圖", "摄", "攝", "照片", "相片")
#: A line break followed by a line, for line-based steps.
LINE = re.compile(r"[^\n]+")


# ---------------------------------------------------------------- figures
# (figures.py and numerals.py; lexicons live in data/figures_*.txt|json, written in
# simplified script: traditional variants are generated with OpenCC s2t when loaded)
_F_DIGIT = "0-9０-９"
_F_CN_SAFE = "〇○零一二三四五六七八九两兩壹贰貳叁肆柒捌玖"
_F_CN_AMBIG = "伍陆陸拾參"  # also ordinary words (队伍, 大陆, 收拾): a numeral only before a unit
_F_RUN_CHARS = _F_DIGIT + _F_CN_SAFE + _F_CN_AMBIG + "十百千佰仟万萬亿億兆"
_F_SP = r"[ \t\u3000\u00a0]{0,2}"
#: Range separators between two numbers (5%-20%, 10至15家, 2017年至2021年).
FIGURE_RANGE_SEP = r"(?:至|到|—{1,2}|–|―|-{1,2}|－|−|~|～|〜)"
#: A run of numeral characters: Arabic or Chinese digits, units, multipliers, separators.
#: Starts only at the beginning of a run (no backtracking into it: possessive). Every
#: alternative of the repeated part starts with a character or class, the separators
#: looking back at the digit before them after it (``,(?<=[0-9],)``): ``re`` skips such
#: an alternative after one character test, where a leading lookbehind costs a sub-match
#: (at the end of every run).
FIGURE_NUMBER = (
    rf"(?<![{_F_RUN_CHARS}A-Za-z.．])"
    rf"(?:[{_F_DIGIT}{_F_CN_SAFE}]|十|佰|仟|百(?!分)|千(?![米瓦克]|分之)|[万萬亿億](?!分之)|兆(?![瓦赫])"
    rf"|[{_F_CN_AMBIG}](?=[拾佰仟十百千万萬亿億]))"
    rf"(?:[{_F_DIGIT}{_F_CN_SAFE}{_F_CN_AMBIG}]|十|佰|仟|百(?!分)|千(?![米瓦克]|分之)|[万萬亿億](?!分之)|兆(?![瓦赫])"
    rf"|,(?<=[{_F_DIGIT}],)(?=[{_F_DIGIT}]{{3}}(?![{_F_DIGIT}]))"
    rf"|，(?<=[０-９]，)(?=[０-９]{{3}}(?![{_F_DIGIT}]))|，(?<=[{_F_DIGIT}]，)(?=[{_F_DIGIT}]{{3}}[.．,，][{_F_DIGIT}])"
    rf"|[.．](?<=[{_F_DIGIT}][.．])(?=[{_F_DIGIT}])"
    rf"|[点點](?=[{_F_CN_SAFE}])"
    rf"|[ \u00a0\u3000](?<=[{_F_DIGIT}][ \u00a0\u3000])(?=[万萬亿億千百])"
    rf"|[多余餘](?=[万萬亿億]))*+"
)
_F_MONTH = r"(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
_F_DAY = (r"(?:3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]"
          r"|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])")
_F_YEAR = rf"(?:[{_F_DIGIT}]{{4}}|[〇○零一二三四五六七八九]{{4}}|[一二两兩][千仟]零?[一二三四五六七八九十〇○零]{{0,3}})"
_F_INIT_STOP = "步次期级級中心衷始稿赛賽"


@dataclass(frozen=True)
class FigureLexicon:
    """The figure lexicons, with traditional variants, keyed for fast lookup."""

    units: dict            # unit word -> (category, normalised unit, factor)
    currency_prefix: dict  # prefix word -> ISO code
    english_multipliers: dict
    subunits: dict
    qualifier_prefix: dict   # last character -> ((word, qualifier), ...), longest first
    qualifier_bare_prefix: dict
    qualifier_suffix: dict   # first character -> ((word, qualifier), ...), longest first
    qualifier_not_after: dict
    qualifier_suffix_not_before: dict
    not_measure: dict      # first character -> regex of words that are not measure uses
    contexts: dict
    event_nouns: tuple
    electricity_unit: str
    electricity_context: tuple


def _variants(words) -> dict:
    """Map every word and its traditional form (OpenCC s2t) back to the word."""
    from .script import to_traditional

    out: dict = {}
    for word in words:
        traditional = to_traditional(word)
        out.setdefault(word, word)
        out.setdefault(traditional, word)
        out.setdefault(traditional.replace("臺", "台"), word)  # 新台幣: 台 is the usual form in Taiwan
    return out


def _json_data(name: str) -> dict:
    from ._data import data_path

    return json.loads(data_path(name).read_text(encoding="utf-8"))


@functools.cache
def figure_lexicon() -> FigureLexicon:
    """Load the figure lexicons from ``data/figures_*`` (once per process)."""
    from ._data import read_lines

    cur = _json_data("figures_currencies.json")
    qty = _json_data("figures_quantity_units.json")
    qual = _json_data("figures_qualifiers.json")
    ctx = _json_data("figures_contexts.json")
    units: dict = {}
    for variant, word in _variants(cur["suffix"]).items():
        units[variant] = ("money", cur["suffix"][word], 1)
    units.update({w: ("money", iso, 1) for w, iso in cur["suffix_latin"].items()})
    for variant, word in _variants(qty["han"]).items():
        unit = qty["han"][word]
        units[variant] = ("quantity", unit, 1) if isinstance(unit, str) else ("quantity", unit[0], unit[1])
    units.update({w: ("quantity", u, 1) for w, u in {**qty["symbols"], **qty["latin"]}.items()})
    people = read_lines("figures_people.txt")
    for variant in _variants(w.split(":", 1)[1] for w in people if w.startswith("measure:")):
        units[variant] = ("people", "person", 1)
    for variant in _variants(w for w in people if not w.startswith("measure:")):
        units.setdefault(variant, ("person_noun", "person", 1))
    for variant, word in _variants(read_lines("figures_measure_words.txt")).items():
        units.setdefault(variant, ("count", word, 1))
    units["臺"] = ("count", "台", 1)
    units["隻"] = ("count", "只", 1)
    for variant in _variants(("%", "％", "个百分点", "百分点")):
        units[variant] = ("percent", "%", 1)
    units["‰"] = ("percent", "%", 0.1)
    units["成"] = ("tenths", "%", 1)
    # durations and colloquial multipliers that start like a measure word (5个月, 两个亿)
    for variant in _variants(("个月", "个多月", "个半月", "个小时", "个多小时", "个半小时", "个钟头", "个星期",
                              "个工作日", "个交易日", "个季度", "个年头", "个亿", "个万", "个世纪", "个周末")):
        units[variant] = ("duration", None, 1)
    not_measure: dict = {}
    for variant in _variants(read_lines("figures_not_measure.txt")):
        not_measure.setdefault(variant[0], []).append(variant)

    def indexed(mapping: dict, *, last: bool) -> dict:
        items = sorted({(v, q) for w, q in mapping.items() for v in _variants([w])},
                       key=lambda item: (-len(item[0]), item[0]))
        out: dict = {}
        for word, qualifier in items:
            out.setdefault(word[-1] if last else word[0], []).append((word, qualifier))
        return {k: tuple(v) for k, v in out.items()}

    return FigureLexicon(
        units=units,
        currency_prefix={**{v: cur["prefix"][w] for v, w in _variants(cur["prefix"]).items()}},
        english_multipliers=cur["english_multipliers"],
        subunits={**{v: cur["subunits"][w] for v, w in _variants(cur["subunits"]).items()}},
        qualifier_prefix=indexed(qual["prefix"], last=True),
        qualifier_bare_prefix=indexed(qual["bare_prefix"], last=True),
        qualifier_suffix=indexed(qual["suffix"], last=False),
        qualifier_not_after={v: qual["not_after"][w] + to_traditional_chars(qual["not_after"][w])
                             for v, w in _variants(qual["not_after"]).items()},
        qualifier_suffix_not_before={v: qual["suffix_not_before"][w]
                                     for v, w in _variants(qual["suffix_not_before"]).items()},
        not_measure={k: re.compile(trie_regex(v)) for k, v in not_measure.items()},
        contexts={k: tuple(v) if isinstance(v, list) else v for k, v in ctx.items()}
        | {"blocked_any": tuple(ctx["ordinal"] + ctx["caption"] + ctx["rank"] + ctx["per"] + ctx["vague"] + ["+"])},
        event_nouns=tuple(sorted(_variants(read_lines("figures_event_nouns.txt")), key=len, reverse=True)),
        electricity_unit=qty["electricity_unit"],
        electricity_context=tuple(qty["electricity_context"]),
    )


def to_traditional_chars(chars: str) -> str:
    """Traditional forms of a string of characters (for character-set lexicon entries)."""
    from .script import to_traditional

    return "".join(sorted(set(to_traditional(chars)) - set(chars)))


def trie_regex(words, *, guard: bool = True) -> str:
    """A regex alternation of ``words`` factored into a trie (fast, longest match first).

    Large tries start with a lookahead of their first characters, so that a
    position where no word starts fails in one test instead of one per branch
    (``guard=False``: a bare alternation of literal-led branches, which ``re``
    scans for with its fast first-character search when it is a whole pattern).

    >>> trie_regex(["个", "个月", "家", "家次"])
    '(?:个(?:月)?|家(?:次)?)'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        optional = "" in node
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        if optional:
            body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
        return body

    branches = "|".join(re.escape(ch) + emit(child) for ch, child in sorted(trie.items()))
    if not guard:
        return branches
    body = "(?:" + branches + ")"
    return body if len(trie) < 8 else "(?=" + _char_class(trie) + ")" + body

#: Names of organisations as issuers or publishers (a line or a phrase that ends in an organisation suffix;
#: the suffixes as a trie, longest first).
ORG_SUFFIXES = (
    "委员会", "委員會", "管委会", "管委會", "人民政府", "政府", "办公厅", "辦公廳", "办公室", "辦公室", "管理局", "监督管理局", "監督管理局",
    "局", "厅", "廳", "部", "署", "委", "院", "研究所", "中心", "协会", "協會", "商会", "商會", "联合会", "聯合會",
    "基金会", "基金會", "有限公司", "股份有限公司", "公司", "集团", "集團", "大学", "大學", "学院", "學院", "医院", "醫院",
    "银行", "銀行", "报社", "報社", "日报", "日報", "晚报", "晚報", "晨报", "晨報", "早报", "早報", "时报", "時報",
    "商报", "商報", "周报", "週報", "导报", "導報", "都市报", "都市報")
ORG_NAME = re.compile(r"[\u4e00-\u9fff（）()·]{2,30}?(?:" + trie_regex(ORG_SUFFIXES, guard=False) + ")")


def _f_monthpart(tag: str) -> str:
    """Month (or month range) with an optional day (or day range) and 底/末/初."""
    sep, sp = FIGURE_RANGE_SEP, _F_SP
    day_stop = _F_RUN_CHARS + "%％.．:：多余個个家项項间間种種场場名位人元年月日号號时時点點分天周週"
    return (
        rf"(?P<m{tag}>{_F_MONTH})(?:{sp}(?:月{sp})?{sep}{sp}(?P<mm{tag}>{_F_MONTH}))?{sp}月(?:份)?"
        rf"(?:{sp}(?P<d{tag}>{_F_DAY}){sp}"
        rf"(?:(?P<ds{tag}>[日号號])(?:{sp}{sep}{sp}(?P<dd{tag}>{_F_DAY}){sp}[日号號])?"
        rf"|{sep}{sp}(?P<de{tag}>{_F_DAY}){sp}[日号號]"
        rf"|(?![{day_stop}])))?"
        rf"(?P<ms{tag}>月?底|月?末|月?初(?![{_F_INIT_STOP}])|上旬|中旬|下旬)?"
    )


def _char_class(chars) -> str:
    """A regex character class of ``chars`` (escaped)."""
    return "[" + "".join(re.escape(ch) for ch in sorted(set(chars))) + "]"


def _consumed_chars(pattern: str) -> set[str]:
    """Every character a match of ``pattern`` can consume (lookarounds consume none).

    >>> sorted(_consumed_chars(r"(?<!x)[0-2]+(?:年|个(?=月))?"))
    ['0', '1', '2', '个', '年']
    """
    from re import _constants as c, _parser as parser  # re's own parser (Python 3.11, as ``*+`` needs)

    out: set[str] = set()

    def walk(items) -> None:
        for op, av in items:
            if op is c.LITERAL:
                out.add(chr(av))
            elif op is c.IN:
                for kind, value in av:
                    if kind is c.LITERAL:
                        out.add(chr(value))
                    elif kind is c.RANGE:
                        out.update(map(chr, range(value[0], value[1] + 1)))
                    else:  # a negated class or a category: any character
                        raise ValueError(f"_consumed_chars: unbounded class in {pattern[:40]!r}...")
            elif op is c.SUBPATTERN:
                walk(av[3])
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op not in (c.ASSERT, c.ASSERT_NOT, c.AT, c.GROUPREF):  # GROUPREF: an earlier group's text
                raise ValueError(f"_consumed_chars: unsupported {op} in {pattern[:40]!r}...")

    walk(parser.parse(pattern))
    return out


@functools.cache
def figure_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The two master regexes of figure candidates, one named alternative per form.

    The first is anchored on numerals: ``nd`` numeric dates (2010-01-29), ``fy``
    fiscal years (2022-23年度, 二〇二二至二三年度), ``ya``
    years with optional month and day, ``md`` month-day without year, ``off``
    offsets (二十年前), ``bd`` days without month (29日), ``pp`` percent prefixes
    (百分之十五), ``n`` numbers with a unit or measure word, ``ey`` bare years
    (event and plan names). The second is anchored on words whose first
    characters are common: ``rel`` relative years (去年12月, 去年年底, 同年),
    ``relm`` relative months (上月15日), ``cp`` currency prefixes (人民币5亿元,
    HK$1.2億), ``roc`` years of the Republic of China era (中華民國112年3月5日) and ``pday``
    days in brackets (今（5）日, Taiwan's press style). It is only tried where the third regex, the bare words, starts a
    match (a literal-led alternation, which ``re`` finds with a fast scan).

    Every alternative of both ends with an empty group named after it (``nd_end``...):
    it closes last, so ``m.lastindex`` tells the alternative and ``m.end(m.lastindex)``
    where it ends. The first regex matches the first character of a figure only, its
    alternatives being in a lookahead from that character, inside a lookbehind: ``re``
    scans for the first character of a pattern that starts with a character class, and
    tries one that starts with a lookahead at every position. Its matches thus overlap:
    those ``finditer`` would give are the ones that start at or after the end of the
    previous one (``figures._numeric_matches``).
    """
    lex = figure_lexicon()
    sp, d, run = _F_SP, _F_DIGIT, FIGURE_NUMBER
    latin_units = [w for w in lex.units if w[:1].isascii() and w[:1].isalpha()]
    other_units = [w for w in lex.units if w not in latin_units]
    units = rf"(?:{trie_regex(other_units)}|{trie_regex(latin_units)}(?![A-Za-z]))"
    money_units = [w for w, (cat, _, _) in lex.units.items() if cat == "money"]
    prefixes = sorted(lex.currency_prefix, key=len, reverse=True)
    latin_prefixes = [p for p in prefixes if p[0].isascii() and p[0].isalpha()]
    cp = (trie_regex([p for p in prefixes if p not in latin_prefixes])
          + r"|(?<![A-Za-z])" + trie_regex(latin_prefixes))
    eng = "|".join(sorted(lex.english_multipliers, key=len, reverse=True))
    # not inside a code or a numeric date, but 2021-2025年 is a range of years
    after_dash = r"(?<=[0-9]{4}[-－])|(?<=[年月日号號][-－])"  # 2021-2025年, 3月31日-4月2日
    year_guard = rf"(?:(?<![{_F_RUN_CHARS}A-Za-z.．/\-:])|{after_dash})"  # 时间：2018年 is a date, 10:2018 no
    rel_words = "去年|今年|明年|前年|后年|後年|上年|本年|次年|翌年|同年|当年|當年|上一年|下一年|舊年|旧年"
    relm_words = "上个月|上個月|上月|本月|当月|當月|同月|下个月|下個月|下月|次月"
    numeric_first = _F_RUN_CHARS.replace("0-9", "0123456789").replace("０-９", "０１２３４５６７８９")
    word_first = {w[0] for w in rel_words.split("|") + relm_words.split("|") + prefixes + ROC_ERA[3:-1].split("|")} | set("今昨明")
    # The number of a date (every alternative up to ``bd``) is a whole numeral run, followed by spaces
    # (after a year, **) and one of these characters: one lookahead skips them all before any other number.
    date_next = "年月日天周週个個至到/／\\-－—–―−~～〜."
    # 2010-01-29, 2010/1/29: the second separator is the first, looked for behind the month (a backreference
    # is not allowed inside the lookbehind the alternatives end up in)
    same_sep = "|".join(rf"{c}(?:(?<={c}[0-9]{c})|(?<={c}[0-9]{{2}}{c}))" for c in (r"\-", "/", r"\."))
    alternatives = (
        rf"(?:(?=[{_F_RUN_CHARS}]++(?:\*\*)?{sp}[{date_next}])"
        rf"(?:(?<![{d}.．/\-])(?P<nd_y>1[0-9]{{3}}|20[0-9]{{2}})(?P<nd_sep>[-/.])(?P<nd_m>1[0-2]|0?[1-9])(?:{same_sep})"
        rf"(?P<nd_d>3[01]|[12][0-9]|0?[1-9])(?![{d}])(?:{sp}日)?(?P<nd_end>)"
        rf"|(?P<fy>{_F_YEAR}){sp}(?:至|到|/|／|-|－|—|–){sp}(?P<fy2>[0-9０-９]{{2}}|[〇○零一二三四五六七八九]{{2}})"
        rf"{sp}(?:财政|財政)?年度(?P<fy_end>)"
        rf"|{year_guard}(?P<ya>{_F_YEAR})(?:\*\*)?{sp}年(?!代)"
        rf"(?:(?P<ys>度|底|末|初(?![{_F_INIT_STOP}]))|{sp}{_f_monthpart('a')})?(?P<ya_end>)"
        rf"|(?:(?<![{_F_RUN_CHARS}年A-Za-z.．/\-:])|{after_dash})(?=[{d}一二三四五六七八九十])(?P<md>)"
        rf"{_f_monthpart('b')}(?P<md_end>)"
        rf"|(?<![{_F_RUN_CHARS}第])(?P<off>[{d}]{{1,3}}|[一二三四五六七八九十两兩百]{{1,4}}){sp}"
        rf"(?P<offu>年|个月|個月|天|日|周|週|个星期|個星期){sp}(?P<offd>前|后|後)(?![期者续續来來面夕景沿列台方端半])(?P<off_end>)"
        rf"|(?<![{_F_RUN_CHARS}月A-Za-z.．/\-:：])(?P<bd>3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?"
        rf"|十[一二三四五六七八九]?){sp}日(?![{lex.contexts['bare_day_not_before']}])(?P<bd_end>))"
        rf"|(?P<pp>[百千万萬佰仟亿億]{{1,4}})分之{sp}(?P<ppn>{run})(?P<pp_end>)"
        rf"|(?P<n>{run})(?P<more>[多余餘])?(?:{sp}(?P<incl>[(（]含[)）]))?{sp}(?P<u>{units})(?P<n_end>)"
        rf"|{year_guard}(?P<ey>(?:1[89]|20)[0-9]{{2}})(?![{_F_RUN_CHARS}.．,，%％])(?P<ey_end>)"
        rf")"
    )
    # Every alternative starts a numeral run: one shared guard before them. An alternative that can
    # start with a Chinese numeral ends past the run (年, 月, 日, 分之, a unit: no unit is numerals
    # only), so a run of Chinese numerals followed by a character no alternative consumes (之一。,
    # 进一步, 两地) is no match: one negative lookahead rejects it before the alternatives are tried.
    han_first = numeric_first.translate(str.maketrans("", "", "0123456789０１２３４５６７８９"))
    ends = _consumed_chars(alternatives) | set(numeric_first)
    first = _char_class(numeric_first)
    numeric = (rf"{first}(?<=(?=(?<![{_F_RUN_CHARS}])"
               rf"(?!{_char_class(han_first)}++[^{''.join(re.escape(ch) for ch in sorted(ends))}])"
               rf"{alternatives}){first})")
    words = (
        rf"(?={_char_class(word_first)})(?:"
        rf"(?P<rel>{trie_regex(rel_words.split('|'))})"
        rf"(?:{sp}(?P<rs>年?底|年?末|年?初(?![{_F_INIT_STOP}]))|{sp}{_f_monthpart('c')}"
        rf"|{sp}(?P<rbm>本月|当月|當月){sp}(?P<rbd>{_F_DAY}){sp}[日号號])?(?P<rel_end>)"
        rf"|(?P<relm>{trie_regex(relm_words.split('|'))}){sp}(?P<relm_d>{_F_DAY}){sp}[日号號](?P<relm_end>)"
        rf"|(?P<cp>{cp}){sp}(?P<cpn>{run})(?:{sp}(?P<cpe>{eng})(?![A-Za-z]))?(?:{sp}(?P<cpu>{trie_regex(money_units)}))?"
        rf"(?P<cp_end>)"
        rf"|(?P<roc>{ROC_ERA}){sp}(?P<rocy>[0-9０-９]{{1,3}}|[〇○零一二三四五六七八九十百]{{1,5}}){sp}年"
        rf"(?:(?P<rocs>度|底|末|初(?![{_F_INIT_STOP}]))|{sp}{_f_monthpart('r')})?(?P<roc_end>)"
        rf"|(?P<pday>[今昨明])[（(](?P<pday_n>[0-9０-９]{{1,2}})[）)](?:日|号|號)(?P<pday_end>)"
        rf")"
    )
    paren_days = [f"{w}{b}" for w in "今昨明" for b in "（("]
    starts = trie_regex(rel_words.split("|") + relm_words.split("|") + prefixes + ROC_ERA[3:-1].split("|")
                        + paren_days, guard=False)
    return re.compile(numeric), re.compile(words), re.compile(starts)



#: A unit-less number and a range separator right before another figure (10至15家, 五、六千个).
FIGURE_RANGE_HEAD = re.compile(
    rf"(?P<a>{FIGURE_NUMBER})[ \t]*(?:[(（]含[)）][ \t]*)?(?P<sep>{FIGURE_RANGE_SEP}|、)[ \t]*\Z"
)
#: Money sub-units after 元/块: 123元1角1分, 十块三毛.
FIGURE_MONEY_SUBUNIT = re.compile(
    rf"{_F_SP}(?P<j>[{_F_DIGIT}一二三四五六七八九两兩壹贰貳叁肆伍陆陸柒捌玖])[角毛]"
    rf"(?:{_F_SP}(?P<f>[{_F_DIGIT}一二三四五六七八九两兩壹贰貳叁肆伍陆陸柒捌玖])分)?(?:钱|錢)?"
)
#: Words before a phone or fax number (a number in one is never a figure).
FIGURE_PHONE_WORDS = ("电话", "電話", "传真", "傳真", "热线", "熱線", "手机", "手機", "Tel", "TEL", "tel",
                      "Fax", "FAX", "fax", "Phone", "phone")


# ---------------------------------------------------------------- tokens / keywords
#: A token that is only a number: digits (ASCII or full-width), Chinese numerals,
#: with separators, signs, units of counting and ordinal 第 (1,200 / 二十 / 第十三 / 12%).
NUMERIC_TOKEN = re.compile(
    r"^[第]?[0-9０-９.．,，%％+\-~～/一二三四五六七八九十百千万亿两零〇壹贰叁肆伍陆柒捌玖拾佰仟]+"
    r"[多余个]?$"
)
#: A token without any letter or Han character (punctuation, symbols, spaces).
NO_WORD_CHAR = re.compile(r"^[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff０-９Ａ-Ｚａ-ｚ]+$")
#: Full-width digits and Latin letters folded to ASCII in a token's ``norm`` (２０２３ -> 2023);
#: full-width punctuation (，：) is left as written.
FULLWIDTH_TO_ASCII = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                 *range(0xFF41, 0xFF5B)]}
#: Any character of the fold above (folding is needed only when one occurs).
FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

# ---------------------------------------------------------------- entities
#: Last words of organisation names (a token equal to one of them, or a longer
#: token ending with one of the multi-character ones, ends a candidate name).
ORG_HEADS = frozenset(
    "公司 有限公司 股份有限公司 有限责任公司 集团 大学 学院 医学院 医院 研究院 研究所 研究中心 中心 "
    "委员会 管委会 常委会 局 署 部 厅 办 办公室 办公厅 实验室 重点实验室 基金会 基金 协会 促进会 商会 "
    "学会 联合会 联盟 银行 交易所 大使馆 领事馆 政府 人民政府 药厂 药业 资本 保险 孵化器 科学院 工程院 "
    "红十字会 委 所 院 电视台 报社 出版社 "
    "科技 生物 医疗 创投 智库 传媒 影视 征信 日报 晚报 时报 周刊 新闻网 财经网".split())
#: Organisation heads that are also industries: 同盾科技 is a company, 云南生物 is not.
ORG_WEAK_HEADS = ("科技", "生物", "医疗", "创投", "智库", "传媒", "影视", "征信")
#: Org heads that end a longer token (研发中心, 管理局 ...): at least two characters.
ORG_HEAD_ENDINGS = tuple(sorted((h for h in ORG_HEADS if len(h) >= 2), key=len, reverse=True))
#: One-character heads end a longer token only when it has three characters or more (管理局, 商务部)
#: or the token is tagged as an organisation or abbreviation; 格局, 布局, 内部 are no organisations.
ORG_HEAD_CHARS = "局署部委厅院所办"
#: Last characters of offices and bodies, never of a byline's name (卫生局, 民政厅, 统计处).
OFFICE_END_CHARS = frozenset(ORG_HEAD_CHARS + "处会司社室组馆站")
#: Last words of place names made of a place and a kind of area.
PLACE_HEADS = frozenset(
    "市 省 区 县 镇 乡 州 新区 高新区 开发区 自贸区 示范区 合作区 科学城 园区 产业园 科技园 科学园 物流园 "
    "创业园 工业园 软件园 港区 湾区 自贸试验区 自由贸易试验区 自由贸易港 自贸港 经开区 经济技术开发区 "
    "综合保税区 保税区 保税港区 机场 国际机场 口岸 中央商务区 科技城".split())
#: Designations and kinds of area that are no place names (城中村, 中心镇, 零碳园区 ...).
PLACE_GENERIC = frozenset(
    "城中村 中心镇 自治州 自治县 特色小镇 先行区 示范区 园区 产业园区 工业园区 开发区 新城区 老城区 城区 "
    "市区 郊区 景区 社区 街区 片区 辖区 地区 山区 牧区 灾区 保护区 自由贸易试验区 自贸试验区 自由贸易港 "
    "自贸港 自贸区 综合保税区 保税区 经开区 高新区 新区 口岸 机场 国际机场 产业园 科技城".split())
#: Words ending in 局 that name no bureau (格局, 布局, 大局).
NOT_ORG_JU = frozenset("格局 布局 大局 全局 结局 时局 当局 开局 残局 赛局 饭局 棋局 骗局 困局 变局 新局 僵局 出局 定局 败局 胜局 战局 政局".split())
#: Words tagged as places that refer to no particular place (外国航空公司, 国外企业).
NOT_PROPER = frozenset("外国 国外 海外 境外 国内 境内 外地 本地 当地 各地 全球 世界".split())
#: Single characters that start a clause, never a name: 对义联集团 is 对 + 义联集团.
NAME_NEVER_FIRST = frozenset("对按设该在与及向将从把被由至")
#: Last characters of nouns formed with a suffix, never of a personal name found by the tagger
#: alone (林长制, 沙戈荒, 高雄史, 林田湖).
NOT_NAME_END = frozenset("制化性率度观权法式型业区湖山河江海荒史网站号节会委局厅院部省市县镇村路街园港湾岛")
#: One-character words that may stand before a name (的 and prepositions): 和张三, 对李四.
CLAUSE_CHARS = frozenset("的了在和与及对向从由为被把将让给跟同是有据称说")
#: Tokens that may open a name although they are common words (国家药监局, 中国红十字会).
PROPER_MARKERS = frozenset("国家 中国 全国 中华".split())
#: Words that end with an organisation head but name a kind of organisation, not one.
ORG_GENERIC = frozenset(
    "科研院所 高校院所 院所 科研机构 研究机构 医疗机构 投资机构 金融机构 重点实验室 联合实验室 研发中心 "
    "创新中心 孵化器 加速器 母基金 子基金 风险基金 产业基金 委办局 联合体 有关部门 相关部门 "
    "上市公司 关联公司 子公司 母公司 分公司 控股公司 航空公司 网上银行 商业银行 中央银行 股权投资基金 "
    "基金公司 证券公司 保险公司 科技公司 投资公司 重点实验室 国家重点实验室 全国重点实验室".split())
#: An organisation's kind without its name (各区人民政府, 该公司): the head of a name, never a name alone.
ORG_KIND_ONLY = frozenset("人民政府 政府 委员会 办公厅 办公室 管委会 公司 有限公司 股份有限公司 集团 协会 商会 基金会".split())
#: Verbs that take a name as object: a name never contains them (设立研发中心, 参观罗氏).
STOP_VERBS = frozenset(
    "设立 成立 建立 组建 创建 创立 推动 支持 加强 打造 举办 主办 承办 参观 到访 走访 访问 "
    "介绍 签署 签订 位于 落户 入驻 引进 吸引 携手 依托 通过 围绕 包括 成为 作为 担任 出任 表示 率领 "
    "带领 会同 协同 委托 发起 牵头 联手 与 和 及 以及 等 在 由 向 对 将 把 被 从 于 跟 同 为 是 有 的 有关 "
    "相关 原 两地 双方 各类 多家".split())
#: Verbs that do occur inside names (上海市生物医药产业促进中心, 港澳台科技合作办公室); other
#: verbs end a candidate name (了解复星集团, 涉及国家发展改革委).
NAME_VERBS = frozenset(
    "促进 创新 合作 转移 发展 管理 交流 应用 推进 研究 研发 服务 投资 建设 监督 转化 孵化 检测 治疗 保护 "
    "开发 控股 创业 咨询 设计 制造 创意 交易 结算 联合 改革 引导 培训 评价 认证 许可 合成 育成 加速".split())
#: Titles before a person's name (行政总裁黄克强, 局长孙东, 记者 李争粉).
PERSON_TITLES = tuple(sorted(set(
    "总裁 行政总裁 副总裁 总经理 副总经理 董事长 副董事长 执行董事 董事 首席执行官 联席首席执行官 主席 副主席 "
    "会长 副会长 秘书长 副秘书长 局长 副局长 署长 副署长 部长 副部长 司长 厅长 处长 主任 副主任 院长 副院长 "
    "校长 副校长 所长 副所长 市长 副市长 区长 副区长 省长 副省长 书记 副书记 党委书记 党委副书记 委员长 "
    "副委员长 大使 总监 高级总监 经理 负责人 创始人 联合创始人 院士 教授 研究员 记者 主编 科学家 领导 总统 "
    "总理 首相 合伙人 常务副主任 专职副主任 主管 总干事 理事长 发起人 CEO "
    "作者 编辑 责任编辑 撰文 摄影 航天员 宇航员 运动员 选手 演员 歌手 导演 英雄 代表人 保荐代表人 "
    "发言人 新闻发言人 分析师 经济学家 律师 法官 检察官 警官 总书记 国家主席 州长 议员".split()), key=len, reverse=True))
#: Words right after a person's name (黄克强先生, 孙东教授, 王晓东表示).
PERSON_AFTER = tuple(sorted(set(
    "先生 女士 博士 教授 医生 院士 委员 同志 表示 说 指出 认为 提出 介绍 强调 致辞 主持 透露 称 谈到 坦言 "
    "副市长 市长 副省长 省长 部长 副部长 局长 副局长 主任 副主任 书记 主席 会长 总裁 董事长 "
    "（化名） (化名) 分享 回忆 坦承 直言 告诉 回应 解释 补充 写道 发文".split()),
    key=len, reverse=True))
#: An abbreviation defined in parentheses after a name: （以下简称“上海前沿”）, (科技园公司), （Roche）.
ABBREVIATION = re.compile(
    r"[（(]\s*(?:以下简称|以下称|下称|简称)?\s*[:：]?\s*[“\"「『]?"
    r"(?P<abbr>[^（()）“”\"「」『』，,。；;、\n]{2,30}?)[”\"」』]?\s*[）)]")
#: A list of names closed by 等 and a kind of organisation: 百济神州、华辉安健、普沐生物等企业.
ORG_LIST = re.compile(
    r"(?P<list>[^、，,。；;：:\s“”\"（）()]{2,14}(?:、[^、，,。；;：:\s“”\"（）()]{2,12})+)"
    r"等[^，,。；;、\n]{0,8}?(?:企业|公司|机构|单位|集团|药企|伙伴|项目|院校|高校|医院|银行|基金)")
#: A book title (law, plan, report): names inside 《》 are part of the title, not mentions.
BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")
#: A Latin personal name of two or three capitalised words (Noah Friedman, Erik Lassila).
LATIN_NAME = r"[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){1,2}"


# ---------------------------------------------------------------- metadata: header block, credits, kinds
# (metadata.py: the header block of web pages and notices, repost credits and footers)
def _spaced(word: str) -> str:
    """``word`` with optional spaces between its characters ("标　　题", "索 引 号")."""
    return r"[ \t\u3000]*".join(map(re.escape, word))


def _labels(words: str) -> str:
    return "|".join(_spaced(w) for w in sorted(words.split(), key=len, reverse=True))


#: Header field labels by role (simplified and traditional), spaces allowed inside.
HEADER_TITLE_LABELS = "标题 標題"
HEADER_SIGN_DATE_LABELS = "成文日期 成文時間 成文时间"
HEADER_DATE_LABELS = ("发布时间 發布時間 發佈時間 发表时间 發表時間 发稿时间 發稿時間 发布日期 發布日期 發佈日期 "
                      "刊发时间 刊發時間 时间 時間 日期")
HEADER_SOURCE_LABELS = ("发文机关 發文機關 发布机构 發布機構 发布单位 發布單位 信息来源 信息來源 文章来源 文章來源 "
                        "本文来源 本文來源 新闻来源 新聞來源 来源 來源 稿源 出处 出處")
#: A header field label with its colon: "发表时间：", "来源：", "标　　题：" (the value follows, or is on the
#: next line). Searched anywhere in a short line (info bars hold several fields).
HEADER_LABEL = re.compile(
    rf"(?:(?P<title>{_labels(HEADER_TITLE_LABELS)})|(?P<sign>{_labels(HEADER_SIGN_DATE_LABELS)})"
    rf"|(?P<date>{_labels(HEADER_DATE_LABELS)})|(?P<source>{_labels(HEADER_SOURCE_LABELS)}))"
    r"[ \t\u3000]*[:：][ \t\u3000]*"
)
#: A publication field on a short line of its own anywhere near the top ("来源：商讯" below a summary):
#: the source labels and the publication-date labels (not a bare 时间/日期, which a notice's body uses).
LATE_SOURCE_LABELS = "信息来源 信息來源 文章来源 文章來源 来源 來源 稿源"
LATE_DATE_LABELS = "发布时间 發布時間 發佈時間 发表时间 發表時間 发稿时间 發稿時間 发布日期 發布日期"
LATE_FIELD = re.compile(
    rf"(?m)^[ \t\u3000]*(?:(?P<source>{_labels(LATE_SOURCE_LABELS)})"
    rf"|(?P<date>{_labels(LATE_DATE_LABELS)}))"
    r"[ \t\u3000]*[:：][ \t\u3000]*(?P<value>[^\n]{2,40})$"
)
#: "来源CSDN" in a "|"-separated info bar (no colon): only read on a line with a timestamp.
BAR_SOURCE = re.compile(r"(?:^|[|｜]\s*)(?:来源|來源)\s*(?P<value>[^\s|｜:：]{2,20})")
#: A publication time: a full date with a clock time (2019-09-24 09:10, 2019年09月07日 04:04,
#: 2026年02月10日 07时41分), the date of a web page's info bar.
PAGE_TIMESTAMP = re.compile(
    r"(?<![0-9])[0-9]{4}(?:[-/.][0-9]{1,2}[-/.][0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)"
    r"[ \t\u3000]*(?:[0-9]{1,2}:[0-9]{2}|[0-9]{1,2}[时時][0-9]{1,2}分)"
)
#: A full date without a time in an info bar ("2023-06-12", "2023年6月12日", "2023/06/12").
BAR_DATE = re.compile(r"(?<![0-9])[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2}|\.[0-9]{1,2}\.[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)(?![0-9])")
#: The outlet right after an info bar's timestamp: "2019年09月07日 04:04 北京日报".
AFTER_TIMESTAMP_OUTLET = re.compile(r"(?::[0-9]{2}|分)(?::[0-9]{2})?[ \t\u3000]+(?!发表于|發表於|发布于|發佈於|發布於)(?P<org>[\u4e00-\u9fff]{2,12})[ \t\u3000]*$")
#: A line that is only a news outlet's name: "证券时报网", "北京日报".
OUTLET_LINE = re.compile(r"[\u4e00-\u9fff]{2,10}(?:报|報|网|網|社|台|新闻|新聞|财经|財經)")
#: A byline naming the outlet: "石佳/中国青年报" (not a photo credit "周华/摄").
BYLINE_OUTLET = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,2}[ \t]*[/／][ \t]*"
                           r"(?P<org>(?!摄|攝)[\u4e00-\u9fffA-Za-z]{2,15})")
#: Breadcrumbs: "首页 > 10%公司", "网易首页 > 网易科技 > 互联网 > 正文", "国内新闻>正文".
BREADCRUMB = re.compile(r"[^\n]{0,40}?\S[ \t]*(?:>|＞|»|›|&gt;)[^\n]*")
#: Repost credits and footers naming the publisher, strongest first (searched in the raw ends).
CREDIT_WECHAT = re.compile(r"(?:微信公众号|微信公眾號|公众号|公眾號)[:：]?[ \t]*[“\"「『]?(?P<org>[^“”\"「」『』（()）\n，,。]{2,20}?)[”\"」』]")
CREDIT_SOURCE = re.compile(r"(?<![图圖片据據料])(?:本文|本稿|文章|稿件|新闻|新聞|信息)?(?:来源|來源|转载自|轉載自|转自|轉自|来自|來自|稿源|出处|出處|供稿单位|供稿單位|供稿|信息提供)"
                           r"[ \t]*(?:[:：]|[ \t]*[丨｜|][ \t]*)[ \t]*[“\"「]?"
                           r"(?P<org>[^\s|｜丨，,。；;（()）“”\"「」]{2,30})")
#: The strong form of a repost credit, looked for in the whole text when the ends name no source:
#: "本文来源：新京报", "文章来源：X", "本文转载自X".
CREDIT_STRONG = re.compile(r"(?:本文|本稿|文章|稿件)(?:来源|來源|转载自|轉載自|转自|轉自|来自|來自)(?:于|於)?[ \t]*[:：]?[ \t]*"
                           r"(?:微信公众号|微信公眾號|公众号|公眾號)?[“\"「]?(?P<org>[^\s|｜，,。；;（()）“”\"「」]{2,30})")
CREDIT_AUTHORISED = re.compile(r"(?P<org>[\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?:经授权发布|經授權發布|经授权转载|經授權轉載)")
#: A wire or outlet lead with the outlet's name: "中国经济网北京6月12日讯", "央视网消息".
OUTLET_LEAD = re.compile(r"^(?P<org>[\u4e00-\u9fff]{2,8}?(?:网|網|社|报|報|台|新闻|新聞))"
                         r"[\u4e00-\u9fff]{0,6}?[0-9]{1,2}月[0-9]{1,2}日(?:电|電|讯|訊)")
#: A news lead naming its outlet in the first lines: "央视网消息", "人民网北京6月1日电" (the words of
#: OUTLET_LEAD without a date), "【大公報訊】", "（中央社記者王明台北3日電）"; never "本报讯" (no name)
#: nor "据财联社9月26日消息" (a cited outlet).
OUTLET_NEWS_LEAD = re.compile(
    r"^(?!本|据|據)(?P<org>[\u4e00-\u9fff]{2,8}?(?:网|網|社|报|報|台|新闻|新聞|财经|財經))(?:[\u4e00-\u9fff]{0,6}?[0-9]{1,2}月[0-9]{1,2}日)?"
    r"(?:电|電|讯|訊|消息)(?:[（(]|[ \t:：，,]|$)"
    r"|^(?!本|据|據)(?P<reporter>[\u4e00-\u9fff]{2,8}?(?:网|網|社|报|報|台|新闻|新聞|财经|財經))(?:特约|特約|首席)?(?:记者|記者)"
    r"|^[【\[(（〔](?!本|据|據)(?P<bracket>[\u4e00-\u9fff]{2,8}?)(?:专讯|專訊|讯|訊|报道|報道|報導|消息)[】\])）〕]"
    r"|^[（(〔](?!本)(?P<wire>[\u4e00-\u9fff]{2,6}?)(?:记者|記者)[^）)〕\n]{1,30}?(?:电|電|报道|報道|報導)[）)〕]")
#: A notice's or reply's title led by its government issuer: "国务院办公厅关于……的通知" -> 国务院办公厅.
TITLE_ISSUER = re.compile(r"^(?P<org>[\u4e00-\u9fff]{2,30}?(?:国务院|國務院|人民政府|政府|办公厅|辦公廳|办公室|辦公室|委员会|委員會|"
                          r"[部局厅廳委署处處]))(?:[、和与與][\u4e00-\u9fff]{2,30}?)?(?:关于|關於)")
#: A credit line in brackets at the end of an article: "（星島日報報道）", "(某某局供稿)", "（中央社）".
CLOSING_CREDIT = re.compile(r"[（(〔【\[](?!本|据|據|记者|記者)(?P<org>[\u4e00-\u9fffA-Za-z]{2,12}?)"
                            r"(?:报道|報道|報導|供稿|供图|供圖|讯|訊)?[）)〕】\]]")
#: An outlet claiming the article as its own: "本文为36氪原创", "本文系某某网独家稿件".
CREDIT_ORIGINAL = re.compile(r"本文(?:为|為|系)(?P<org>[^\s，,。；;“”\"「」]{2,20}?)(?:原创|原創|独家|獨家|首发|首發)")
#: A site's footer naming its owner after a label: "主办单位：某市人民政府办公室", "版权所有：某某网", "出品丨X".
FOOTER_OWNER = re.compile(
    r"(?:主办单位|主辦單位|网站主办|網站主辦|主办|主辦|版权所有|版權所有|出品)[ \t]*(?:[:：]|[ \t]*[丨｜|][ \t]*)[ \t]*"
    r"(?P<org>[\u4e00-\u9fffA-Za-z][^\s|｜丨，,。；;（()）©]{1,29})")
#: ... or before "版权所有": "某某日报社 版权所有" (the last word before it, when it reads as an organisation).
OWNER_BEFORE_RIGHTS = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,18}(?:公司|集团|集團|网|網|报社|報社|报|報|社|台|中心|研究院|"
                                 r"政府|委员会|委員會|局|厅|廳|部|办公室|辦公室|大学|大學|学院|學院|协会|協會)")
#: A dateline without a year at the start of a lead: "本报北京6月12日电", "新华社香港3月1日电",
#: "人民网北京6月1日电", "本报讯"-style leads with a date; the year comes from the header.
YEARLESS_DATELINE = re.compile(
    rf"^(?:本(?:报|報)|(?!据|據)[\u4e00-\u9fff]{{2,8}}?(?:社|网|網|报|報|台))[\u4e00-\u9fff]{{0,8}}?"
    rf"(?P<month>{_NEWS_DAY})月(?P<day>{_NEWS_DAY})日(?:专电|專電|电|電|讯|訊|消息)")
#: A full date written as eight digits in a headline: "财经早餐20240831" (year 19xx/20xx, a valid month and day).
COMPACT_DATE = re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])")
#: A month and day without a year in a headline: "早报 8月31日" (the year comes from the header block).
YEARLESS_MONTH_DAY = re.compile(r"(?<![0-9０-９年])(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<day>3[01]|[12][0-9]|0?[1-9])\s*[日号號]")
#: Headline words of a dated briefing or digest whose headline carries its own date: "财经早餐", "早报", "日报",
#: "周报", "快讯" (metadata._headline_date).
DATED_HEADLINE_CUES = ("早餐", "早报", "早報", "晨报", "晨報", "日报", "日報", "晚报", "晚報", "周报", "週報", "月报", "月報",
                       "快讯", "快訊", "简报", "簡報", "速递", "速遞", "要闻", "要聞", "早知道", "一周", "一週", "简讯", "簡訊")
#: A co-issuer after the first issuing body on a signature (落款) line: "国家统计局某县调查队".
SIGN_CO_ISSUER = re.compile(r"[\u4e00-\u9fff（）()·]{2,20}")
#: A four-digit year in a header or footer ("2023年", "2023-06-12").
HEADER_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=[ \t]*年|[-/.][0-9]{1,2}[-/.][0-9]{1,2})")
#: A newspaper's print credit at the end of a reposted article: "《 人民日报 》（ 2026年06月12日   01 版）".
PRINT_CREDIT = re.compile(r"《[ \t]*(?P<org>[^《》\n]{2,12}?)[ \t]*》[ \t]*[（(][ \t]*(?P<date>[0-9]{4}[ \t]*年[ \t]*[0-9]{1,2}"
                          r"[ \t]*月[ \t]*[0-9]{1,2}[ \t]*日)[^\n）)]{0,20}?版[ \t]*[）)]")
#: "接受《证券日报》记者采访": an outlet naming its own reporters (counted; two or more name the publisher).
OWN_REPORTER = re.compile(r"《(?P<org>[^《》\n]{2,10}?(?:报|報|网|網|刊|志|社))》(?:记者|記者)")
#: A subscription appeal naming the outlet: "請加入成為眾新聞的月費訂戶".
SUBSCRIBE_OUTLET = re.compile(r"(?:成為|成为|订阅|訂閱|支持)(?P<org>[\u4e00-\u9fffA-Za-z]{2,10}?)的(?:月費|月费|年費|年费)?(?:訂戶|订户|會員|会员)")
#: An app prompt naming the outlet: "海量资讯、精准解读，尽在新浪财经APP".
APP_OUTLET = re.compile(r"(?:尽在|盡在|下载|下載|打开|打開)(?P<org>[\u4e00-\u9fff]{2,8}?)(?:APP|App|app|客户端|客戶端)")
#: A copyright line naming the publisher: "Copyright © 娲石集团 All Rights Reserved.", "© rthk.hk".
COPYRIGHT_OWNER = re.compile(r"(?:©|\(c\)|（c）|Copyright)[ \t\u00a0]*(?:©[ \t\u00a0]*)?(?:[0-9]{4}(?:[-–][0-9]{4})?[ \t]*)?"
                             r"(?P<org>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9.\-]{1,30}?)"
                             r"[ \t\u00a0]*(?:版权所有|版權所有|All Rights|all rights|\.?[ \t]*$|[ \t\u00a0,，|｜])")
#: A WeChat account header: the account name above "微信号 FViewXFG".
WECHAT_ID_LINE = re.compile(r"^(?:微信号|微信號)[ \t:：]+[A-Za-z0-9_\-]{3,30}$")
#: Cues of the kinds (metadata.DOC_TYPES), read in the title, the header block or the footer only.
GOVERNMENT_REPORT_TITLE = re.compile(r"政府工作报告|政府工作報告|工作报告|工作報告|统计公报|統計公報|国民经济和社会发展|國民經濟和社會發展|白皮书|白皮書"
                                     r"|工作总结|工作總結|执行情况的报告|執行情況的報告|年度报告|年度報告|施政报告|施政報告")
REPLY_TITLE = re.compile(r"答复|答覆|回复|回覆|复函|覆函|批复|批覆|的函$|之函$")
POLICY_TITLE = re.compile(r"(?:通知|通告|公告|意见|意見|办法|辦法|规定|規定|细则|細則|条例|條例|方案|规划|規劃|决定|決定|指引|措施"
                          r"|通报|通報|纲要|綱要|计划|計劃|要点|要點|规则|規則)$")
GOVERNMENT_ISSUER = re.compile(r"国务院|國務院|人民政府|政府|办公厅|辦公廳|委员会|委員會|[部局厅廳委署]")
COMPANY_TITLE = re.compile(r"(?:公告|公示|报告|報告|年报|年報|声明|聲明|通函)$")
COMPANY_NAME = re.compile(r"公司|集团|集團|股份")
#: Header/footer words of the kinds.
WECHAT_CUES = ("微信公众号", "微信公眾號", "微信号", "微信號", "关注该公众号", "關注該公眾號", "朋友在看", "阅读原文", "閱讀原文",
               "公众号", "公眾號", "点击上方", "點擊上方", "设为星标", "設為星標", "蓝字关注", "藍字關注")
OPINION_CUES = ("专栏", "專欄", "评论员", "評論員", "社评", "社評", "时评", "時評", "撰文：", "撰文:", "观点：", "觀點：",
                "社论", "社論", "作者系", "作者為", "作者为", "本文仅代表作者", "本文僅代表作者")
DIGEST_CUES = ("周报", "週報", "早报", "早報", "晚报", "晚報", "早餐", "快讯", "快訊", "速递", "速遞", "一周", "一週", "本周", "本週",
               "要闻", "要聞", "大事件", "汇总", "匯總", "简报", "簡報")
#: Lines that close an item of a digest (a link or source line after every item).
DIGEST_ITEM_END = re.compile(r"(?m)^[ \t]*(?:原文链接|原文連結|原始网址|原始網址|原文网址|原文網址|原文地址)[ \t]*[:：]")
#: Outlets that are news media (a publisher ending so is a news outlet, not a company issuing a release).
NEWS_OUTLET_END = re.compile(r"(?:报|報|网|網|社|台|新闻|新聞|财经|財經|日报|日報|客户端|客戶端|传媒|傳媒|媒体|媒體)$")


@functools.lru_cache(maxsize=1)
def toolbar_words() -> tuple[str, ...]:
    """Words of site furniture (navigation, login, share, app and subscription prompts, toolbars), from
    ``data/boilerplate_toolbar_words.txt``, longest first: a short line made of them is no headline nor body."""
    from ._data import read_lines

    return tuple(sorted({w for w in read_lines("boilerplate_toolbar_words.txt")}, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def toolbar_pattern() -> re.Pattern[str]:
    """:func:`toolbar_words` as one regex (a trie, longest first), for counting and blanking them in a line."""
    return re.compile(trie_regex(toolbar_words()))


@functools.lru_cache(maxsize=1)
def publisher_aliases() -> dict[str, str]:
    """Organisations of ``data/gazetteer.tsv`` as ``{alias (simplified): canonical}`` (the canonical name is
    an alias of itself), for making publishers comparable (``metadata.canonical_publisher``) without the
    entity extractor."""
    from ._data import read_lines
    from .script import to_simplified

    out: dict[str, str] = {}
    for line in read_lines("gazetteer.tsv"):
        parts = line.split("\t")
        if len(parts) < 2 or parts[1].strip().upper() != "ORG":
            continue
        canonical = to_simplified(parts[0].strip())
        for alias in [canonical, *(a.strip() for a in (parts[2].split("|") if len(parts) > 2 else []))]:
            if len(alias) >= 2:
                out[to_simplified(alias)] = canonical
    return out


@functools.lru_cache(maxsize=1)
def figure_regions() -> dict:
    """Region cues (``data/figures_regions.json``): ISO code -> compiled regexes of publisher, strong and
    place cues (both scripts), and the weights of a strong cue and a place cue."""
    data = _json_data("figures_regions.json")
    regions = {}
    for iso, cues in data["regions"].items():
        regions[iso] = {kind: re.compile(trie_regex(sorted(_variants(words) | _simplified_forms(words))))
                        for kind, words in cues.items()}
    return {"regions": regions, "strong_weight": data["strong_weight"], "place_weight": data["place_weight"]}


def _simplified_forms(words) -> dict:
    from .script import to_simplified

    return {to_simplified(word): word for word in words}


#: Punctuation that ends the clause of a money word (a currency-less amount must follow it without any).
FIGURE_CLAUSE_PUNCT = "，。；：！？,;:!?、（）()《》“”\"「」『』【】\n\r"


@functools.lru_cache(maxsize=1)
def figure_money_clause() -> tuple[re.Pattern, re.Pattern, re.Pattern, tuple[str, ...]]:
    """Regexes of the currency-less money rule (GUIDELINES.md, figures_contexts.json ``money_clause``):
    the money words of a clause (both scripts), an amount (a range or one number) right at a position,
    an amount ending right before 的, and the words that make 规模 a fund's size."""
    ctx = _json_data("figures_contexts.json")
    words = sorted(_variants(ctx["money_clause"] + ctx["money_clause_scale"]))
    keyword = re.compile(rf"(?P<kw>{trie_regex(words)})")
    number = rf"(?:{FIGURE_NUMBER})"
    amount = re.compile(rf"(?P<a>{number})(?:[ \t]*{FIGURE_RANGE_SEP}[ \t]*(?P<b>{number}))?")
    before_de = re.compile(rf"(?P<a>{number})(?:[ \t]*{FIGURE_RANGE_SEP}[ \t]*(?P<b>{number}))?[ \t]?的\Z")
    scale_with = tuple(sorted(_variants(ctx["money_clause_scale_with"])))
    return keyword, amount, before_de, scale_with


@functools.lru_cache(maxsize=1)
def figure_money_subjects() -> re.Pattern:
    """What a money figure is (``data/figures_money_subjects.txt``, both scripts), longest word first."""
    from ._data import read_lines

    return re.compile(trie_regex(sorted(_variants(read_lines("figures_money_subjects.txt")))))


# ---------------------------------------------------------------- investment events (investments.py)

#: A financing round as written: 天使轮, Pre-A 轮, B+轮, D1轮, 新一轮, 战略投资, IPO.
INVESTMENT_ROUND = re.compile(
    r"(?<![A-Za-z0-9])(?P<r>天使\+?|种子|[Pp]re-?[A-H]\d?\+{0,2}|[A-H]\d?\+{0,2}|新一|首)[ \t]*轮(?!次)"
    r"|(?P<s>战略)(?=投资|融资)|(?<![A-Za-z])(?P<i>(?:Pre-)?IPO)(?![A-Za-z])"
)
#: 完成N轮融资: several earlier rounds told as one (the round is not named).
INVESTMENT_ROUNDS_TOLD = re.compile(r"(?:共|累计|先后)?完成(?:了)?[0-9一二两三四五六七八九十]+轮融资")
#: A vague amount of money (数亿元, 数千万美金, 数百万美元): an event with no number stated.
INVESTMENT_VAGUE_AMOUNT = re.compile(
    r"(?:数|几|上)[十百千]?[万亿萬億]?(?:元人民币|元|美元|美金|人民币|港元|港币|欧元|英镑|日元)")
#: Where the name of a company ends, before these words: the verbs of an event.
INVESTMENT_ANCHORS = re.compile(r"宣布完成|完成|获得|获|正寻求|寻求|筹集|募集|进行|上市")
#: X以6500万美元投资Y / X投资6500万美元于Y: an investment and what it goes into (after the amount).
INVESTMENT_INTO_AFTER = re.compile(r"\s*(?:[（(][^（）()]{1,24}[）)])?\s*(?:投资|入股|注资)(?:于|到)?(?=[^，。；,;\s\d])")
INVESTMENT_INTO_AT = re.compile(r"\s*(?:[（(][^（）()]{1,24}[）)])?\s*(?:于|到|入股)(?=[^，。；,;\s\d])")
#: A conversion of the amount just given (6500万美元（约5.057亿港元）, 200亿卢布（约合17亿元人民币）).
INVESTMENT_CONVERSION = re.compile(r"[（(]\s*(?:约合|折合|约|合|相当于)?\s*\Z")
#: 以40亿美元收购X: an acquisition with its price.
INVESTMENT_BOUGHT_FOR = re.compile(r"\s*(?:收购|并购|买下)(?P<target>[^，。；,;]{2,30})")
#: Time words and adverbs between a company's name and its verb (近日, 已于2021年上半年, 17日).
INVESTMENT_ADVERBIAL_TAIL = re.compile(
    r"(?:近日|日前|近期|目前|今日|今天|昨日|今年|去年|明年|本年|年内|近年|已经|已|正式|宣布|还|也|将|正|又|再|共|均|刚刚|此前|曾|了|称|表示"
    r"|完成了?|获得了?|先后|最终|拟|计划|预计|累计|首次公开发行(?:A股)?(?:股票)?|公开发行(?:A股)?(?:股票)?|发行股票"
    r"|(?:已?于|在)[0-9０-９一二三四五六七八九十〇零年月日号上下半季度初底末期间近今去前]{1,14}"
    r"|从[^，。；]{1,30}?手中|[0-9０-９]{1,2}日|[（(][^（）()]{1,24}[）)]|[ \t,，]"
    r"|在[^，。；\s]{2,10}){1,8}\Z")
#: A comma-free stretch before a list of investors and the role after it.
INVESTMENT_LEAD = re.compile(r"由(?P<list>[^，。；,;]{1,90}?)(?:共同|联合)?领投")
INVESTMENT_BARE_LEAD = re.compile(r"(?P<list>[^，。；,;由]{2,40}?)(?:共同|联合)?领投")
INVESTMENT_FOLLOW = re.compile(r"(?P<list>[^，。；,;由]{2,60}?)(?:继续|持续|也)?跟投")
INVESTMENT_BY_FOLLOW = re.compile(r"由(?P<list>[^。；;由]{2,90}?)(?:继续|持续|也)?跟投")
INVESTMENT_BY = re.compile(r"由(?P<list>[^，。；,;]{2,90}?)(?:共同|联合)?(?:投资|参投|注资|出资)")
INVESTMENT_PARTIES = re.compile(
    r"(?:投资方|融资方|投资人|投资机构|出资方)(?:包括了?|为|是|有|包含)[：:\s]*(?P<list>[^。；;]{2,160}?)(?:等等|等|。|；|$)")
INVESTMENT_HOLDERS = re.compile(r"(?:原有股东|原股东|老股东|现有股东)(?P<list>[^，。；,;]{2,80}?)(?:外|继续|持续|也)")
INVESTMENT_BROUGHT_IN = re.compile(r"引入了?(?P<list>[^，。；,;]{2,80}?)(?:等|。|，|,|；|$)")
INVESTMENT_LIST_SPLIT = re.compile(r"[、，,/]|以及|及|和|与|\band\b")
#: 收购 X (的)(所有|100%) 股权: an acquisition (or a stake bought, with an amount).
INVESTMENT_ACQUIRE = re.compile(
    r"收购(?P<target>[^，。；,;]{1,60}?)(?:的)?(?:所有|全部|部分|[0-9０-９.]+%)?(?:股权|股份)(?!有限|公司)")
#: 用于投资 X: what money raised is to be invested in.
INVESTMENT_USE = re.compile(r"用于投资(?P<target>[^，。；,;]{2,40})")
#: 对 X 进行(了)(一次)(股权)投资.
INVESTMENT_INTO = re.compile(r"对(?P<target>[^，。；,;]{2,30}?)进行了?(?:一次|一笔|多次)?(?:股权|战略)?(?:投资|注资|增资)")
#: A sentence that goes on about the round just told (本轮融资由…领投).
INVESTMENT_BACK_REFERENCE = re.compile(r"本轮|此次|本次|该轮|这轮|这笔|该笔|投资方|融资方")
#: Whom a grant or an award goes to in a policy: 对(新认定的)X，给予…
INVESTMENT_POLICY_RECIPIENT = re.compile(r"对(?P<r>[^，。；,;]{2,30}?)(?:，|,|给予|予以|按|一次性|分别)")


@functools.lru_cache(maxsize=1)
def investment_lexicon() -> dict:
    """The genre words of ``data/investments_lexicon.json`` (both scripts)."""
    data = _json_data("investments_lexicon.json")

    def both(words):
        return tuple(sorted(set(_variants(words)), key=len, reverse=True))

    return {
        "descriptors": both(data["descriptors"]),
        "generic_investors": frozenset(_variants(data["generic_investors"])),
        "investor_titles": both(data["investor_titles"]),
        "events": {event: both(words) for event, words in data["events"].items()},
        "not_events": frozenset(_variants(data["not_events"])),
    }
