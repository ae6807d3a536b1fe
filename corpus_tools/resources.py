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

# ---------------------------------------------------------------- entities
