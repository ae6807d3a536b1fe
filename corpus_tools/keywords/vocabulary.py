"""The keywords stage's options and its shared machinery: content tokens in, a vocabulary of word ids out, documents into groups."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from .. import schema
from .. import tokens as _tokens
from ..errors import ConfigError, InputError

Method = Literal["tfidf", "textrank"]
IdfSource = Literal["auto", "corpus", "jieba"]
Measure = Literal["lr", "chi2"]
Correction = Literal["default", "yates", "williams", "none"]
ALL_GROUP = "all"

#: Columns of :func:`term_frequency` (documented in ``schema``).
TERM_FREQUENCY = schema.TERM_FREQUENCY


def check_choice(name: str, value: Any, choices: Sequence[str]) -> None:
    """Raise ConfigError naming the option when ``value`` is not one of ``choices``."""
    if value not in choices:
        raise ConfigError(f"{name} must be one of {tuple(choices)} (got {value!r})")


@dataclass(frozen=True)
class KeywordConfig:
    """Options of the keywords stage.

    Attributes:
        tokens: tokenizer options (dictionaries, stopwords), see :class:`tokens.TokenConfig`.
        min_length: shortest keyword in characters (2 drops single-character words).
        pos: POS tags a keyword may have (default: nouns, verbs, adjectives, names,
            abbreviations, idioms, foreign words; :data:`tokens.CONTENT_POS`).
        idf: where TF-IDF's inverse document frequencies come from: ``"corpus"``
            (the documents given, smoothed ``ln((1+N)/(1+df)) + 1``), ``"jieba"``
            (jieba's ``idf.txt``, from a large general corpus; words it lacks get
            its median) or ``"auto"``: the corpus when it has at least
            ``min_corpus_docs`` documents, jieba's table below that.
        min_corpus_docs: N of ``idf="auto"`` (default 20: with fewer documents
            a corpus IDF has too few distinct values to rank words).
        window: TextRank links two content tokens at most ``window - 1`` tokens
            apart (jieba's span, 5).
        damping: TextRank's damping factor (0.85).
        max_iter: TextRank iterations at most.
        tol: TextRank stops when no score moves more than ``tol``.
    """

    tokens: _tokens.TokenConfig = field(default_factory=_tokens.TokenConfig)
    min_length: int = 2
    pos: frozenset[str] = _tokens.CONTENT_POS
    idf: IdfSource = "auto"
    min_corpus_docs: int = 20
    window: int = 5
    damping: float = 0.85
    max_iter: int = 200
    tol: float = 1e-8

    def __post_init__(self) -> None:
        object.__setattr__(self, "pos", frozenset(self.pos))
        check_choice("KeywordConfig.idf", self.idf, ("auto", "corpus", "jieba"))
        if self.window < 2:
            raise ConfigError(f"KeywordConfig.window must be >= 2 (got {self.window})")
        if not 0 < self.damping < 1:
            raise ConfigError(f"KeywordConfig.damping must be between 0 and 1 (got {self.damping})")
        if self.min_length < 1:
            raise ConfigError(f"KeywordConfig.min_length must be >= 1 (got {self.min_length})")


DEFAULT_CONFIG = KeywordConfig()


class Keyword(NamedTuple):
    """A keyword of one text: its simplified form, score and number of occurrences."""

    keyword: str
    score: float
    count: int


# ---------------------------------------------------------------- tokens in, content out

def _as_tokens(frame: pd.DataFrame, config: KeywordConfig, *, what: str) -> pd.DataFrame:
    """A tokens table: ``frame`` itself if it is one, else the tokens of its documents."""
    if not isinstance(frame, pd.DataFrame):
        frame = schema.as_documents(frame, what=what)
    if {"doc_id", "norm", "pos"} <= set(frame.columns):
        return frame
    if {"doc_id", "text"} <= set(frame.columns):
        return _tokens.tokens_table(frame, config=config.tokens)
    raise InputError(f"{what}: the table has columns {list(frame.columns)}; expected a documents table "
                     "('doc_id', 'text') or a tokens table ('doc_id', 'norm', 'pos', ...)")


class _Vocabulary(NamedTuple):
    """The tokens of a table as integer codes, for counting with numpy instead of per-group scans.

    ``codes`` number the distinct norms in string order (code order is the
    order of ``sorted(words)``), so sorting codes sorts words; -1 is a missing norm.
    """

    words: np.ndarray             # distinct norms (object array), sorted
    codes: np.ndarray             # int64 per token: index into words, -1 for a missing norm
    content: np.ndarray           # bool per token: a content token (see _content_mask)
    docs: np.ndarray              # int64 per token: index into doc_ids, -1 for a missing doc_id
    doc_ids: np.ndarray           # distinct doc_ids (object array), in order of appearance


def _factorize(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


def _vocabulary(toks: pd.DataFrame, config: KeywordConfig) -> _Vocabulary:
    """Codes of the norms and documents of ``toks`` and its content mask, in one pass of pandas' hashing."""
    codes, words = _factorize(toks["norm"])
    order = np.argsort(words, kind="stable")           # Python string order, as sorted()
    rank = np.empty(len(words), dtype=np.int64)
    rank[order] = np.arange(len(words))
    words = words[order]
    codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1)
    stop = _tokens.stopwords(config.tokens)
    # a word's content test runs once per distinct word, the POS test once per distinct tag;
    # the trailing False is the answer for code -1 (missing)
    word_ok = np.fromiter((_tokens.is_content_word(w, stop=stop, min_length=config.min_length) for w in words),
                          dtype=bool, count=len(words))
    pos_codes, tags = _factorize(toks["pos"])
    pos_ok = np.fromiter((p in config.pos and p in _tokens.CONTENT_POS for p in tags), dtype=bool, count=len(tags))
    content = np.append(word_ok, False)[codes] & np.append(pos_ok, False)[pos_codes]
    docs, doc_ids = _factorize(toks["doc_id"])
    return _Vocabulary(words, codes, content, docs, doc_ids)


def _content_mask(toks: pd.DataFrame, config: KeywordConfig) -> np.ndarray:
    """Which tokens are content tokens (:func:`tokens.is_content` with the config's POS and length)."""
    return _vocabulary(toks, config).content


def _token_groups(vocab: _Vocabulary, doc_group: dict, group_names: Sequence[str], *,
                  default: str | None = None) -> np.ndarray:
    """Index into ``group_names`` of each token's document's group; -1 for a document in no group."""
    index = {name: i for i, name in enumerate(group_names)}
    fallback = index.get(default, -1) if default is not None else -1
    per_doc = np.fromiter((index.get(doc_group.get(d), fallback) if d in doc_group else fallback
                           for d in vocab.doc_ids.tolist()), dtype=np.int64, count=len(vocab.doc_ids))
    return np.append(per_doc, fallback)[vocab.docs]


def _pair_counts(first: np.ndarray, second: np.ndarray, n_second: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(first, second)`` pairs of non-negative ints, sorted, with how often each occurs."""
    keys, counts = np.unique(first.astype(np.int64) * n_second + second, return_counts=True)
    return keys // n_second, keys % n_second, counts


def _round12(values: np.ndarray) -> np.ndarray:
    """``round(v, 12)`` of each value, as the ranking of one group has always rounded (Python's rounding)."""
    return np.fromiter((round(v, 12) for v in values.tolist()), dtype=float, count=len(values))


def _first_per_group(groups: np.ndarray, top: int) -> np.ndarray:
    """Mask of the first ``top`` rows of each run of equal ``groups`` (rows sorted by group)."""
    if not len(groups):
        return np.zeros(0, dtype=bool)
    starts = np.r_[0, np.nonzero(groups[1:] != groups[:-1])[0] + 1]
    position = np.arange(len(groups)) - np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    return position < top


def group_column(documents: pd.DataFrame, by: str, *, what: str) -> pd.Series:
    """The documents' column ``by`` as strings (missing stays missing); ``year`` may be derived from ``date``.

    >>> group_column(pd.DataFrame({"date": ["2023-03-31", None]}), "year", what="x").tolist()
    ['2023', <NA>]
    """
    if by in documents.columns:
        values = documents[by]
    elif by == "year" and "date" in documents.columns:
        values = documents["date"].astype("string").str.slice(0, 4)
    else:
        raise InputError(f"{what}: by={by!r} is not a column of the documents table "
                         f"(has {list(documents.columns)}; 'year' is derived from 'date' when present)")
    return values.astype("string")


def group_values(documents: pd.DataFrame, by: str | None, *, what: str) -> pd.Series:
    """The group of each document as strings; ``year`` may be derived from ``date``."""
    if by is None:
        return pd.Series(ALL_GROUP, index=documents.index, dtype="string")
    return group_column(documents, by, what=what).fillna("<NA>")
