"""Chinese script detection and conversion (OpenCC's C++ binding).

Conversion is character-for-character with OpenCC's ``t2s``/``s2t``
configurations, which keep the length of Chinese text, so spans found in a
simplified view map back onto the original text (checked by
:func:`to_simplified_aligned`).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Literal

import numpy as np

from .errors import ConfigError

__all__ = ["to_simplified", "to_traditional", "detect_script", "detect_scripts", "Script"]

Script = Literal["hans", "hant", "mixed", "none"]


@functools.lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Return ``text`` in simplified script (OpenCC ``t2s``, and the Hong Kong variants of ``hk2s``).

    >>> to_simplified("香港科技園公司與羅氏簽署協議")
    '香港科技园公司与罗氏签署协议'
    >>> to_simplified("食物及衞生局")
    '食物及卫生局'
    """
    if not text:
        return text
    simplified = _converter("t2s").convert(text)
    table, chars = _hk_variants()
    # (a few substring tests are several times faster than one regex search for the set)
    return simplified.translate(table) if any(ch in simplified for ch in chars) else simplified


@functools.cache
def _hk_variants() -> tuple[dict[int, str], str]:
    """The Hong Kong variant characters that OpenCC's ``hk2s`` simplifies and ``t2s`` leaves
    (衞 → 卫, 敍 → 叙, 衹 → 只), as a translation table and a string of them.

    Derived from OpenCC's own tables, every Han character through both configurations, so that
    Hong Kong documents need not pay for ``hk2s`` on every character (it is about 1.7x slower).
    """
    chars = "\n".join(map(chr, [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]))
    pairs = zip(chars.split("\n"), _converter("t2s").convert(chars).split("\n"),
                _converter("hk2s").convert(chars).split("\n"))
    table = {ord(ch): hk for ch, t2s, hk in pairs if t2s != hk and len(ch) == len(hk) == 1}
    return table, "".join(map(chr, sorted(table)))


def to_traditional(text: str) -> str:
    """Return ``text`` in traditional script (OpenCC ``s2t``).

    >>> to_traditional("细胞治疗")
    '細胞治療'
    """
    return _converter("s2t").convert(text) if text else text


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as an array (lone surrogates kept as their values)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@functools.lru_cache(maxsize=None)
def _han_table() -> np.ndarray:
    """Whether each code point is a CJK unified ideograph (U+4E00-U+9FFF) or of extension A."""
    table = np.zeros(0x110000, dtype=bool)
    table[0x4E00:0xA000] = True
    table[0x3400:0x4DC0] = True
    return table


def _han_only(codes: np.ndarray) -> np.ndarray:
    """The Han characters among ``codes``, in order (one table lookup instead of range tests)."""
    return codes[_han_table()[codes]]


def _n_changed(codes: np.ndarray, converted: str) -> int:
    """How many of the first ``min(len)`` positions differ between ``codes`` and ``converted``."""
    other = _code_points(converted)
    n = min(len(codes), len(other))
    return int(np.count_nonzero(codes[:n] != other[:n]))


def _sample_han(text: str, size: int) -> np.ndarray:
    """At most ``size`` Han characters spread over ``text`` (all of them when it has fewer).

    Takes every ``step``-th character first (about a third of Chinese text is not
    Han), then thins the Han characters found to at most ``size``.
    """
    step = len(text) // (size * 4) + 1
    han = _han_only(_code_points(text[::step]))
    if len(han) < size and step > 1:
        han = _han_only(_code_points(text))
    if len(han) > size:
        han = han[:: len(han) // size + 1]
    return han


def _han_chars(text: str, sample: int | None) -> np.ndarray:
    return _han_only(_code_points(text)) if sample is None else _sample_han(text, sample)


def _check_sample(sample: int | None, where: str) -> None:
    if sample is not None and (isinstance(sample, bool) or not isinstance(sample, int) or sample < 1):
        raise ConfigError(f"{where}: sample must be a positive int or None (got {sample!r})")


def _decide(n_han: int, n_trad: int, n_simp: int, threshold: float) -> Script:
    """The script from how many of ``n_han`` Han characters t2s (``n_trad``) and s2t (``n_simp``) change."""
    if not n_han:
        return "none"
    share_trad, share_simp = n_trad / n_han, n_simp / n_han
    if share_trad > threshold and share_simp > threshold:
        return "mixed"
    if share_trad > share_simp:
        return "hant"
    return "hans"


def detect_script(text: str, *, threshold: float = 0.02, sample: int | None = None) -> Script:
    """Tell whether ``text`` is written in simplified or traditional characters.

    Counts the Han characters that OpenCC changes in each direction: a text is
    ``hant`` when more than ``threshold`` of its Han characters are traditional
    forms and (almost) none are simplified-only forms, ``hans`` in the mirror
    case, ``mixed`` when both are frequent and ``none`` without Han characters.
    For many texts, :func:`detect_scripts` gives the same answers faster.

    Args:
        text: any text.
        threshold: the share of Han characters above which a script counts as present.
        sample: decide on at most this many Han characters spread over the text
            (a couple of hundred decide reliably and cost a fraction of the whole
            text); ``None`` (default) counts every Han character.

    >>> detect_script("香港科技園公司與羅氏簽署戰略合作協議")
    'hant'
    >>> detect_script("香港科技园公司与罗氏签署战略合作协议")
    'hans'
    >>> detect_script("Hello")
    'none'
    >>> detect_script("香港科技園公司與羅氏簽署戰略合作協議" * 50, sample=160)
    'hant'
    """
    _check_sample(sample, "detect_script")
    han = _han_chars(text, sample)
    if not len(han):
        return "none"
    chars = han.tobytes().decode("utf-32-le")
    n_trad = _n_changed(han, to_simplified(chars))  # characters that t2s changes
    n_simp = _n_changed(han, to_traditional(chars))  # characters that s2t changes
    return _decide(len(han), n_trad, n_simp, threshold)


_SEPARATOR = np.array([ord("\n")], dtype=np.uint32)


def detect_scripts(texts: Iterable[str], *, threshold: float = 0.02, sample: int | None = None) -> list[Script]:
    """:func:`detect_script` of each text, with one OpenCC call per direction for all of them.

    The Han characters of every text are converted together, one text per line.
    OpenCC's conversion never reaches across a line break (no dictionary entry
    holds one), so each text gets the same counts as alone; should a conversion
    ever change the length of a line, the texts are converted one by one. In a
    loop that does other work per document, one batch keeps OpenCC's dictionaries
    in the CPU cache: several times faster than :func:`detect_script` per text.

    >>> detect_scripts(["香港科技園公司與羅氏簽署協議", "香港科技园公司与罗氏签署协议", "Hello"])
    ['hant', 'hans', 'none']
    """
    _check_sample(sample, "detect_scripts")
    texts = list(texts)
    hans = [_han_chars(text, sample) for text in texts]
    if not any(len(han) for han in hans):
        return ["none"] * len(hans)
    codes = np.concatenate([part for han in hans for part in (han, _SEPARATOR)])
    ends = np.cumsum([len(han) + 1 for han in hans])  # one past each text's line break
    starts = np.r_[0, ends[:-1]]
    chars = codes.tobytes().decode("utf-32-le")
    counts = []
    for converted in (to_simplified(chars), to_traditional(chars)):
        other = _code_points(converted)
        if len(other) != len(codes) or not np.all(other[ends - 1] == _SEPARATOR[0]):
            return [detect_script(text, threshold=threshold, sample=sample) for text in texts]
        counts.append(np.add.reduceat(other != codes, starts, dtype=np.int64))
    return [_decide(len(han), int(n_trad), int(n_simp), threshold)
            for han, n_trad, n_simp in zip(hans, counts[0], counts[1])]
