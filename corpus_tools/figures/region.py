"""The currency of a bare 元: the region of a traditional-script document (Hong Kong, Taiwan, Macau)."""
from __future__ import annotations

from .. import resources


def region_currency(text: str, *, script: str | None = None, publisher: str | None = None) -> str:
    """The currency of a bare 元 in a document, by GUIDELINES.md: ``HKD``, ``TWD`` or ``MOP`` for a
    traditional-script document from Hong Kong, Taiwan or Macau, ``CNY`` otherwise.

    The region is the publisher's when ``publisher`` names a known outlet or office of one, else the
    one whose cues the text shows most (currency words, 民國 years and institutions count three times
    a place name; ``data/figures_regions.json``). Every simplified-script document is ``CNY``.

    Args:
        text: the document's text.
        script: ``hans``/``hant``/``mixed`` when known (the documents table's ``script``); None detects it.
        publisher: the document's publisher or source, when known.

    >>> region_currency("高雄義享天地總投資金額約350億元，市府表示將加速審查。")
    'TWD'
    >>> region_currency("港府宣布向每名合資格市民派發一萬元。")
    'HKD'
    >>> region_currency("高雄义享天地总投资金额约350亿元。")
    'CNY'
    """
    if script is None or not isinstance(script, str):
        script = _quick_script(text)
    if script is None:
        from ..script import detect_script

        script = detect_script(text, sample=400)
    if script not in ("hant", "mixed"):
        return "CNY"
    cues = resources.figure_regions()
    regions = cues["regions"]
    if isinstance(publisher, str) and publisher:
        for iso, found in regions.items():
            if found["publishers"].search(publisher):
                return iso
    best, best_score = "CNY", 0
    for iso, found in regions.items():
        score = (cues["strong_weight"] * (len(found["strong"].findall(text)) + len(found["publishers"].findall(text)))
                 + cues["place_weight"] * len(found["places"].findall(text)))
        if score > best_score:
            best, best_score = iso, score
    return best


_SIMPLIFIED_ONLY = frozenset("这们个为国发会时对说经过来还进与业产开关长门问间见现实资应该们东车书")
_TRADITIONAL_ONLY = frozenset("這們個為國發會時對說經過來還進與業產開關長門問間見現實資應該們東車書")


def _quick_script(text: str) -> str | None:
    """``hans``/``hant`` when frequent script-only characters of the first 1,500 decide clearly, else None."""
    head = text[:1500]
    n_simplified = sum(map(head.count, _SIMPLIFIED_ONLY))
    n_traditional = sum(map(head.count, _TRADITIONAL_ONLY))
    if n_simplified >= 5 and n_traditional * 20 <= n_simplified:
        return "hans"
    if n_traditional >= 5 and n_simplified * 20 <= n_traditional:
        return "hant"
    return None
