"""Split clean text into sentences (and newspaper pages into articles).

Spans are ``(start, end)`` character offsets into the text given, so
``text[start:end]`` is the sentence.
"""
from __future__ import annotations

import pandas as pd

from . import resources, schema

__all__ = ["split_sentences", "sentences"]


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
