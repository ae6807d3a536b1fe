"""Split clean text into sentences, and newspaper pages into articles.

Spans are ``(start, end)`` character offsets into the text given, so
``text[start:end]`` is the sentence (or the article).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from . import resources, schema
from .errors import InputError

__all__ = ["split_sentences", "sentences", "Article", "split_articles", "articles"]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of ``text``, surrounding spaces trimmed.

    A sentence ends at 。！？!?；; (with any closing quotes that follow) or at
    a line break; empty stretches are skipped.

    >>> t = "沪港合作密切。“一是”开展活动！\\n第二段"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['沪港合作密切。', '“一是”开展活动！', '第二段']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in resources.SENTENCE_END.finditer(text):
        end = match.end() if match.group()[0] != "\n" else match.start()
        _append_trimmed(text, pos, end, spans)
        pos = match.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentences(documents: pd.DataFrame, *, text_column: str = "text") -> pd.DataFrame:
    """Return the sentences table (one row per sentence) of a documents table.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["第一句。第二句！"]})
    >>> sentences(docs)[["sentence_id", "start", "end", "text"]].values.tolist()
    [[0, 0, 4, '第一句。'], [1, 4, 8, '第二句！']]
    """
    rows = [
        (doc_id, i, s, e, text[s:e])
        for doc_id, text in zip(documents["doc_id"], documents[text_column])
        for i, (s, e) in enumerate(split_sentences(text or ""))
    ]
    if not rows:
        return schema.empty_frame(schema.SENTENCES)
    frame = pd.DataFrame(rows, columns=list(schema.SENTENCES))
    return schema.conform(frame, schema.SENTENCES)


# ---------------------------------------------------------------- newspaper pages

@dataclass(frozen=True)
class Article:
    """One article of a page: ``text[start:end]`` runs from its title to its last line.

    ``body_start``/``body_end`` delimit the body (without title and bylines). ``title``
    is None for a photo item (a caption with its credit line).
    """

    title: str | None
    byline: str | None
    start: int
    end: int
    body_start: int
    body_end: int


_Kind = Literal["lead", "name", "credit", "caption", "heading", "prose"]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    kind: _Kind


def _kind(line: str) -> _Kind:
    lead = resources.ARTICLE_LEAD.match(line)
    if lead and not (lead.group()[2:] in _REPORTER_WORDS and resources.BYLINE_NAMES.fullmatch(line)):
        return "lead"  # (but "本报记者 王明" on its own line is a byline)
    if resources.PHOTO_CREDIT.match(line):
        return "credit"
    if resources.BYLINE_NAMES.fullmatch(line) and line not in resources.NEWS_COLUMN_WORDS:
        return "name"
    if "图为" in line or "圖為" in line:
        return "caption"
    if len(line) <= resources.ARTICLE_TITLE_MAX and not resources.SENTENCE_FINAL.search(line) \
            and not line.endswith((":", "：")):
        return "heading"
    return "prose"


def _lines(text: str) -> list[_Line]:
    out = []
    for m in resources.LINE_SPAN.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + len(line) - len(line.lstrip())
            out.append(_Line(start, start + len(stripped), stripped, _kind(stripped)))
    return out


def _is_title(lines: list[_Line], i: int, *, in_news_item: bool = False) -> bool:
    """A heading (or a short name-like heading) that opens an article.

    ``in_news_item``: the article so far opened with a news lead (本报讯, 新华社...电). Such
    an item (a 消息) has no subheadings, so a heading between its prose and more prose
    opens the next article even without a byline in between.
    """
    line = lines[i]
    if line.kind not in ("heading", "name"):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    after = lines[i + 2] if i + 2 < len(lines) else None
    prev = lines[i - 1] if i > 0 else None
    if nxt is None:
        return False
    if line.kind == "name" and prev is not None and prev.kind in ("prose", "lead", "caption"):
        return False  # a short name line after prose is the byline that closes an article
    if line.kind == "name" and any(word in line.text for word in _REPORTER_WORDS):
        return False  # "本报记者 王明" is a byline, never a title
    if nxt.kind == "lead":
        return True
    if nxt.kind == "name" and after is not None and after.kind in ("prose", "lead"):
        return True  # title, byline, body
    ends_article = prev is not None and (prev.kind in ("name", "credit") or _glued_byline(prev.text)
                                         or in_news_item and prev.kind in ("prose", "lead"))
    return line.kind == "heading" and ends_article and nxt.kind in ("prose", "lead")


_REPORTER_WORDS = ("记者", "記者", "通讯员", "通訊員")


def _opens_with_lead(current: list[_Line], title: _Line | None) -> bool:
    """Whether the article being read has a title and its body opens with a news lead (after a byline line)."""
    if title is None or len(current) < 2:
        return False
    first = 2 if current[1].kind == "name" and len(current) > 2 else 1
    return current[first].kind == "lead"


def _glued_byline(paragraph: str) -> str | None:
    """A byline glued to a paragraph's end: "...奠定基础。王查娜" -> "王查娜"."""
    m = resources.GLUED_BYLINE.search(paragraph)
    return m.group("name") if m else None


def _inline_byline(lead: str) -> str | None:
    """A byline in an opening bracket, or reported by: "本报讯(记者 李争粉) ..." -> "记者 李争粉",
    "【大公報訊】記者陳大文報道：..." -> "記者陳大文"."""
    m = resources.INLINE_BYLINE.match(lead)
    return (m.group("byline") or m.group("reported")) if m else None


def _article(lines: list[_Line], title: _Line | None) -> Article:
    """Build an article from its lines (title first when there is one)."""
    body = [ln for ln in lines if ln is not title]
    bylines: list[str] = []
    if body and body[0].kind == "name" and title is not None:
        bylines.append(body[0].text)
        body = body[1:]
    trailing: list[str] = []
    while body and body[-1].kind in ("name", "credit"):
        trailing.insert(0, body[-1].text)
        body = body[:-1]
    body_end = body[-1].end if body else (title.end if title else lines[-1].end)
    if body and not trailing:
        glued = _glued_byline(body[-1].text)
        if glued:
            trailing.append(glued)
            body_end = body[-1].end - len(glued)
    if body and body[0].kind == "lead" and not bylines:
        inline = _inline_byline(body[0].text)
        if inline:
            bylines.append(inline)
    body_start = body[0].start if body else body_end
    start = title.start if title else lines[0].start
    byline = "；".join(bylines + trailing) or None
    return Article(title.text if title else None, byline, start, lines[-1].end, body_start, body_end)


def split_articles(text: str) -> list[Article]:
    """Split a newspaper page into its articles (title, byline, body) with spans into ``text``.

    A heading opens an article when the next line is a news lead (``本报讯``...), or a
    byline followed by prose, or when the line before it closed an article (a byline
    or photo credit). Headings inside an article (between prose paragraphs) stay in
    it as subheadings, except in a news item that opened with a lead (本报讯...): a
    消息 has no subheadings, so a heading after its prose, followed by prose, opens
    the next article even when the item has no byline. Bylines are short lines of names before the body or after it,
    a name glued after the last sentence, or ``(记者 X)`` in the lead. A photo caption
    (``图为...``) with its credit line is an item of its own, without a title. Lines
    before the first article (the page or column title) belong to no article.

    >>> page = ("业界传真\\n\\n园区落户青岛\\n\\n本报讯 近日，项目签约。\\n\\n高欣\\n\\n"
    ...         "北京昌平打造产业高地\\n\\n王查娜\\n\\n医药健康产业迎来增长。\\n\\n母基金群助力产业\\n\\n论坛上签约26个项目。")
    >>> [(a.title, a.byline, page[a.body_start:a.body_end]) for a in split_articles(page)]
    [('园区落户青岛', '高欣', '本报讯 近日，项目签约。'), ('北京昌平打造产业高地', '王查娜', '医药健康产业迎来增长。\\n\\n母基金群助力产业\\n\\n论坛上签约26个项目。')]
    """
    if not isinstance(text, str):
        raise InputError(f"split_articles: text must be a str (got {type(text).__name__})")
    lines = _lines(text)
    out: list[Article] = []
    current: list[_Line] = []
    title: _Line | None = None

    def close() -> None:
        nonlocal current, title
        if current and (title is not None or any(ln.kind in ("prose", "lead", "caption") for ln in current)):
            out.append(_article(current, title))
        current, title = [], None

    started = False
    for i, line in enumerate(lines):
        if _is_title(lines, i, in_news_item=_opens_with_lead(current, title)):
            close()
            title, current, started = line, [line], True
        elif line.kind == "caption" and started:
            close()
            current = [line]
        elif started:
            current.append(line)
            if line.kind == "credit" and title is None:
                close()  # a photo item ends with its credit
    close()
    return out


def articles(documents: pd.DataFrame, *, text_column: str = "text") -> pd.DataFrame:
    """Return the articles table (``schema.ARTICLES`` + ``body_start``, ``body_end``).

    Documents whose ``doc_type`` is ``newspaper_page`` are split with
    :func:`split_articles`; every other document (or a page where no article is
    found) is one article spanning its text, titled with its ``title``. Without a
    ``doc_type`` column every document is split as a page.

    >>> docs = pd.DataFrame({"doc_id": ["p"], "doc_type": ["newspaper_page"],
    ...                      "text": ["标题一\\n\\n本报讯 近日，签约。\\n\\n高欣\\n\\n标题二\\n\\n本报讯 会议召开。"]})
    >>> articles(docs)[["article_id", "title", "byline", "start", "end"]].values.tolist()
    [[0, '标题一', '高欣', 0, 19], [1, '标题二', <NA>, 21, 35]]
    """
    if not isinstance(documents, pd.DataFrame):
        raise InputError(f"articles: documents must be a DataFrame (got {type(documents).__name__})")
    missing = [c for c in ("doc_id", text_column) if c not in documents.columns]
    if missing:
        raise InputError(f"articles: documents lack column(s) {missing} (has {list(documents.columns)})")
    doc_types = documents["doc_type"] if "doc_type" in documents.columns else pd.Series(
        "newspaper_page", index=documents.index)
    titles = documents["title"] if "title" in documents.columns else pd.Series(pd.NA, index=documents.index)
    rows = []
    for doc_id, text, doc_type, title in zip(documents["doc_id"], documents[text_column], doc_types, titles):
        text = "" if pd.isna(text) else text
        found = split_articles(text) if doc_type == "newspaper_page" else []
        if not found and text:
            found = [Article(None if pd.isna(title) else title, None, 0, len(text), 0, len(text))]
        rows.extend((doc_id, i, a.title, a.byline, a.start, a.end, text[a.start:a.end], a.body_start, a.body_end)
                    for i, a in enumerate(found))
    columns = {**schema.ARTICLES, "body_start": "Int64", "body_end": "Int64"}
    if not rows:
        return schema.empty_frame(columns)
    return schema.conform(pd.DataFrame(rows, columns=list(columns)), columns)
