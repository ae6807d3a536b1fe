"""The records of the investments stage: the :class:`Investment` event, the event under
construction, and a document's text, simplified view, figures and sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Event = Literal["financing", "investment", "fund", "subsidy", "award", "other"]
EVENTS: tuple[Event, ...] = ("financing", "investment", "fund", "subsidy", "award", "other")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.&'-·+ ")
_CLAUSE_PUNCT = "，。；：！？,;:!?\n"
_NAME_STOP = set("，。；：！？,;:!?、（）()《》“”\"「」『』【】[]\n|｜·") - {"·"}
_LEADING_FUNCTION_CHARS = "在从由对向与和及的是为被将把年月日号继该这其"
_PRONOUNS = frozenset(("公司", "该公司", "其", "他们", "企业", "该企业", "集团", "这家公司"))
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n")


@dataclass(frozen=True)
class Investment:
    """One investment event (the fields of ``schema.INVESTMENTS``)."""

    doc_id: str | None
    start: int
    end: int
    amount: float | None
    currency: str | None
    qualifier: str | None
    amount_text: str | None
    event: Event
    round: str | None
    recipient: str | None
    investors: tuple[str, ...]
    lead: tuple[str, ...]
    date: str | None
    sentence: str


@dataclass
class _Row:
    """An event under construction."""

    start: int
    end: int
    event: str
    sentence: tuple[int, int]
    amount: float | None = None
    currency: str | None = None
    qualifier: str | None = None
    amount_text: str | None = None
    round: str | None = None
    recipient: str | None = None
    investors: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    date: str | None = None
    region: tuple[int, int] = (0, 0)  # the stretch of text whose investor phrases are this event's


class _Context:
    """A document's text, simplified view, figures and sentences."""

    def __init__(self, text: str, view: str, figs: list, doc_date: str | None, currency: str | None) -> None:
        self.text, self.view, self.doc_date = text, view, doc_date
        self.money = [f for f in figs if f.kind == "money" and f.bound != "high"]
        self.dates = [f for f in figs if f.kind == "date"]
        self.currency = currency
        self.sentence_starts: list[int] = []
        self._entities: list | None = None

    def organisations(self) -> list:
        """ORG mentions of :func:`corpus_tools.entities.extract_entities` (found when first needed)."""
        if self._entities is None:
            from ..entities import extract_entities

            self._entities = [e for e in extract_entities(self.text) if e.label == "ORG"]
        return self._entities


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > pos:
            spans.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _simplified(word: str) -> str:
    from ..script import to_simplified

    return to_simplified(word)
