"""Compiled regular expressions and lazily loaded lexicons, in one place.

Sections follow the pipeline (load, clean, segment, figures, tokens, entities).
Heavy tables load on first use behind ``functools.lru_cache``; data files live
under ``corpus_tools/data`` and are read with :mod:`corpus_tools._data`.
"""
from __future__ import annotations

import re

# ---------------------------------------------------------------- segment
#: Sentence-final punctuation, optionally followed by closing quotes/brackets.
SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)】》]*|\n+")

# ---------------------------------------------------------------- load

# ---------------------------------------------------------------- clean

# ---------------------------------------------------------------- figures

# ---------------------------------------------------------------- tokens / keywords
#: A token that is only a number: digits (ASCII or full-width), Chinese numerals,
#: with separators, signs, units of counting and ordinal 第 (1,200 / 二十 / 第十三 / 12%).
NUMERIC_TOKEN = re.compile(
    r"^[第]?[0-9０-９.．,，%％+\-~～/一二三四五六七八九十百千万亿两零〇壹贰叁肆伍陆柒捌玖拾佰仟]+"
    r"[多余个]?$"
)
#: A token without any letter or Han character (punctuation, symbols, spaces).
NO_WORD_CHAR = re.compile(r"^[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff０-９Ａ-Ｚａ-ｚ]+$")
#: Full-width ASCII (U+FF01..U+FF5E) folded to ASCII in a token's ``norm``.
FULLWIDTH_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}

# ---------------------------------------------------------------- entities
