"""Score inferred document metadata and cleaning against gold, field by field.

Gold records (``tests/data/dev/gold.jsonl`` has this form) hold ``file``, ``title``,
``date``, ``publisher``, ``doc_type``, ``script`` and two lists of exact substrings of
the raw text: ``boilerplate`` (must be gone from the clean text) and ``body`` (must
survive). Predictions are the documents table's rows as dicts keyed by ``file``
(``title``, ``date``, ``publisher``, ``source``, ``doc_type``, ``script``, ``text``).
Strings are compared after removing whitespace and applying NFKC to both sides
(cleaning re-joins lines and folds widths). A ``null`` gold title or date is right
only when the prediction is null too; ``publisher`` is scored on documents whose gold
names one, and a prediction is right when its ``publisher`` or its ``source`` (as
written) matches. A gold document without a prediction scores as wrong everywhere.

>>> gold = [{"file": "a.txt", "title": "标题", "date": None, "publisher": "新京报", "doc_type": "news_article",
...          "script": "hans", "boilerplate": ["责任编辑：王 芳"], "body": ["正文。"]}]
>>> pred = [{"file": "a.txt", "title": "标 题", "date": None, "publisher": None, "source": "新京报",
...          "doc_type": "news_article", "script": "hans", "text": "标题\\n正文。"}]
>>> score = score_metadata(gold, pred)
>>> score.table["title"], score.table["boilerplate"]
({'n': 1, 'correct': 1, 'accuracy': 1.0}, {'n': 1, 'correct': 1, 'accuracy': 1.0})
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: The scored fields, in the order of the table.
FIELDS = ("title", "date", "publisher", "doc_type", "script", "boilerplate", "body")

Record = Mapping[str, object]


@dataclass(frozen=True)
class MetadataScore:
    """Per field ``n`` (items scored), ``correct`` and ``accuracy``; ``errors`` lists the misses.

    An error is ``(file, field, expected, predicted)``; for ``boilerplate`` and ``body``
    ``expected`` is the substring and ``predicted`` is ``"kept"`` or ``"lost"``.
    """

    table: dict[str, dict[str, float]]
    errors: list[tuple[str, str, object, object]] = field(default_factory=list)


def normalize(value: object) -> str | None:
    """NFKC with every whitespace character removed; None stays None.

    >>> normalize("２０２３年 3 月"), normalize(None)
    ('2023年3月', None)
    """
    if value is None or not isinstance(value, str):
        return None
    return "".join(unicodedata.normalize("NFKC", value).split())


def _same(expected: object, predicted: object) -> bool:
    return normalize(expected) == normalize(predicted)


def score_metadata(gold: Iterable[Record], predicted: Iterable[Record]) -> MetadataScore:
    """Compare predicted metadata and clean texts with gold records (see the module docstring)."""
    by_file = {str(p["file"]): p for p in predicted}
    counts = {name: [0, 0] for name in FIELDS}
    errors: list[tuple[str, str, object, object]] = []

    def tally(name: str, ok: bool, file: str, expected: object, got: object) -> None:
        counts[name][0] += 1
        counts[name][1] += ok
        if not ok:
            errors.append((file, name, expected, got))

    for g in gold:
        file = str(g["file"])
        p = by_file.get(file, {})
        for name in ("title", "date", "doc_type", "script"):
            tally(name, _same(g.get(name), p.get(name)), file, g.get(name), p.get(name))
        if g.get("publisher") is not None:
            ok = _same(g["publisher"], p.get("publisher")) or _same(g["publisher"], p.get("source"))
            tally("publisher", ok, file, g["publisher"], p.get("publisher") or p.get("source"))
        text = normalize(p.get("text")) or ""
        for needle in g.get("boilerplate") or ():
            gone = (normalize(needle) or "") not in text if p else False
            tally("boilerplate", gone, file, needle, "removed" if gone else "kept")
        for needle in g.get("body") or ():
            kept = (normalize(needle) or "") in text
            tally("body", kept, file, needle, "kept" if kept else "lost")
    table = {name: {"n": n, "correct": ok, "accuracy": (ok / n if n else 1.0)} for name, (n, ok) in counts.items()}
    return MetadataScore(table, errors)


def format_table(table: Mapping[str, Mapping[str, float]]) -> str:
    """The table as aligned text lines, one per field.

    >>> print(format_table({"title": {"n": 4, "correct": 3, "accuracy": 0.75}}))
    field           correct      n  accuracy
    title                 3      4     0.750
    """
    lines = [f"{'field':<12}{'correct':>11}{'n':>7}{'accuracy':>10}"]
    lines += [f"{name:<12}{int(row['correct']):>11}{int(row['n']):>7}{row['accuracy']:>10.3f}"
              for name, row in table.items()]
    return "\n".join(lines)
