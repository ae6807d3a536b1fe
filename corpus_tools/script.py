"""Chinese script detection and conversion (OpenCC's C++ binding).

Conversion is character-for-character with OpenCC's ``t2s``/``s2t``
configurations, which keep the length of Chinese text, so spans found in a
simplified view map back onto the original text (checked by
:func:`to_simplified_aligned`).
"""
from __future__ import annotations

import functools
from typing import Literal

__all__ = ["to_simplified", "to_traditional", "detect_script", "Script"]

Script = Literal["hans", "hant", "mixed", "none"]


@functools.lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Return ``text`` in simplified script (OpenCC ``t2s``).

    >>> to_simplified("香港科技園公司與羅氏簽署協議")
    '香港科技园公司与罗氏签署协议'
    """
    return _converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    """Return ``text`` in traditional script (OpenCC ``s2t``).

    >>> to_traditional("细胞治疗")
    '細胞治療'
    """
    return _converter("s2t").convert(text) if text else text


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_script(text: str, *, threshold: float = 0.02) -> Script:
    """Tell whether ``text`` is written in simplified or traditional characters.

    Counts the Han characters that OpenCC changes in each direction: a text is
    ``hant`` when more than ``threshold`` of its Han characters are traditional
    forms and (almost) none are simplified-only forms, ``hans`` in the mirror
    case, ``mixed`` when both are frequent and ``none`` without Han characters.

    >>> detect_script("香港科技園公司與羅氏簽署戰略合作協議")
    'hant'
    >>> detect_script("香港科技园公司与罗氏签署战略合作协议")
    'hans'
    >>> detect_script("Hello")
    'none'
    """
    han = [ch for ch in text if _is_han(ch)]
    if not han:
        return "none"
    sample = "".join(han)
    simp = to_simplified(sample)
    trad = to_traditional(sample)
    n_trad = sum(1 for a, b in zip(sample, simp) if a != b)  # chars that t2s changes
    n_simp = sum(1 for a, b in zip(sample, trad) if a != b)  # chars that s2t changes
    share_trad, share_simp = n_trad / len(han), n_simp / len(han)
    if share_trad > threshold and share_simp > threshold:
        return "mixed"
    if share_trad > share_simp:
        return "hant"
    return "hans"
