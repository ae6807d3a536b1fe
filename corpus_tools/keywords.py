"""What a corpus talks about: keywords, keyness, term frequency, KWIC, collocations, co-occurrence.

Everything counts the ``norm`` of tokens (simplified script), so 創新 and 创新
are one word, and keeps only *content* tokens (:func:`tokens.is_content`: no
stopword, number, punctuation or single-character word) unless said otherwise.

Functions take a documents table (``doc_id``, ``text`` ...), which they
tokenize, or a tokens table from :func:`tokens.tokens_table` (recognised by its
``norm`` column), so a notebook can tokenize once and reuse the tokens.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"],
...     "text": ["科技園公司推動細胞治療產業。", "科技园公司与罗氏合作，推动细胞治疗。"]})
>>> top_keywords(docs, by=None, top=2)[["group", "keyword", "count"]].values.tolist()
[['all', '科技园公司', 2], ['all', '细胞治疗', 2]]
"""
from __future__ import annotations

import functools
import importlib.util
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, NamedTuple, Sequence

import numpy as np
import pandas as pd

from . import schema, tokens as _tokens
from .errors import ConfigError, InputError
from .script import to_simplified

__all__ = [
    "KeywordConfig", "Keyword", "extract_keywords", "top_keywords", "keyness", "term_frequency",
    "kwic", "collocations", "cooccurrence", "TERM_FREQUENCY", "content_counts",
]

Method = Literal["tfidf", "textrank"]
IdfSource = Literal["auto", "corpus", "jieba"]
Measure = Literal["lr", "chi2"]
Correction = Literal["default", "yates", "williams", "none"]
ALL_GROUP = "all"

#: Columns of :func:`term_frequency` (documented in ``schema``).
TERM_FREQUENCY = schema.TERM_FREQUENCY


def _choice(name: str, value: Any, choices: Sequence[str]) -> None:
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
        _choice("KeywordConfig.idf", self.idf, ("auto", "corpus", "jieba"))
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


def _group_values(documents: pd.DataFrame, by: str | None, *, what: str) -> pd.Series:
    """The group of each document as strings; ``year`` may be derived from ``date``."""
    if by is None:
        return pd.Series(ALL_GROUP, index=documents.index, dtype="string")
    if by in documents.columns:
        values = documents[by]
    elif by == "year" and "date" in documents.columns:
        values = documents["date"].astype("string").str.slice(0, 4)
    else:
        raise InputError(f"{what}: by={by!r} is not a column of the documents table "
                         f"(has {list(documents.columns)}; 'year' is derived from 'date' when present)")
    return values.astype("string").fillna("<NA>")


# ---------------------------------------------------------------- IDF

def _jieba_idf_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - jieba is a dependency
        raise InputError("jieba is not installed: idf='jieba' needs its analyse/idf.txt")
    return Path(list(spec.submodule_search_locations)[0]) / "analyse" / "idf.txt"


@functools.lru_cache(maxsize=1)
def jieba_idf() -> tuple[dict[str, float], float]:
    """Return jieba's IDF table (``analyse/idf.txt``) and its median, loaded once.

    >>> table, median = jieba_idf()
    >>> table["的"] < table["合作"] < median
    True
    """
    table: dict[str, float] = {}
    with open(_jieba_idf_path(), encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.strip().rpartition(" ")
            if word:
                table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


def _idf(toks: pd.DataFrame, n_docs: int, config: KeywordConfig) -> tuple[dict[str, float], float, str]:
    """IDF of every norm: ``(table, default, source)``."""
    source = config.idf
    if source == "auto":
        source = "corpus" if n_docs >= config.min_corpus_docs else "jieba"
    if source == "jieba":
        table, median = jieba_idf()
        return table, median, "jieba"
    df = toks.drop_duplicates(["doc_id", "norm"])["norm"].value_counts()
    idf = {word: math.log((1 + n_docs) / (1 + count)) + 1 for word, count in df.items()}
    return idf, math.log(1 + n_docs) + 1, "corpus"


# ---------------------------------------------------------------- TextRank

def _textrank(sequences: Iterable[tuple[Sequence[str], Sequence[bool]]], config: KeywordConfig) -> dict[str, float]:
    """Weighted PageRank over the co-occurrence graph of content tokens.

    ``sequences`` are per-document token norms with their content flags; two
    content tokens less than ``window`` tokens apart are linked (jieba's rule).
    Nodes are ordered alphabetically, so results do not depend on input order.
    """
    weights: Counter[tuple[str, str]] = Counter()
    for norms, content in sequences:
        n = len(norms)
        for i in range(n):
            if not content[i]:
                continue
            for j in range(i + 1, min(i + config.window, n)):
                if content[j] and norms[j] != norms[i]:
                    a, b = (norms[i], norms[j]) if norms[i] < norms[j] else (norms[j], norms[i])
                    weights[(a, b)] += 1
    if not weights:
        return {}
    nodes = sorted({w for pair in weights for w in pair})
    index = {w: i for i, w in enumerate(nodes)}
    pairs = sorted(weights.items())
    src = np.array([index[a] for (a, _), _ in pairs] + [index[b] for (_, b), _ in pairs])
    dst = np.array([index[b] for (_, b), _ in pairs] + [index[a] for (a, _), _ in pairs])
    w = np.array([float(c) for _, c in pairs] * 2)
    out = np.bincount(src, weights=w, minlength=len(nodes))
    share = w / out[src]
    d = config.damping
    score = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(config.max_iter):
        new = (1 - d) + d * np.bincount(dst, weights=share * score[src], minlength=len(nodes))
        done = np.max(np.abs(new - score)) < config.tol
        score = new
        if done:
            break
    score = score / score.max()
    return {word: float(s) for word, s in zip(nodes, score)}


# ---------------------------------------------------------------- keywords

def _rank(scores: dict[str, float], counts: Counter, top: int) -> list[Keyword]:
    ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))[:top]
    return [Keyword(word, score, int(counts[word])) for word, score in ranked]


def _keywords_of(toks: pd.DataFrame, content: np.ndarray, *, top: int, method: Method,
                 idf: tuple[dict[str, float], float, str] | None, config: KeywordConfig) -> list[Keyword]:
    norms = toks["norm"].tolist()
    counts = Counter(n for n, c in zip(norms, content) if c)
    if not counts:
        return []
    if method == "tfidf":
        assert idf is not None
        table, default, _ = idf
        total = sum(counts.values())
        scores = {w: c / total * table.get(w, default) for w, c in counts.items()}
    else:
        docs = toks["doc_id"].tolist()
        sequences, start = [], 0
        for i in range(1, len(docs) + 1):
            if i == len(docs) or docs[i] != docs[start]:
                sequences.append((norms[start:i], content[start:i]))
                start = i
        scores = _textrank(sequences, config)
    return _rank(scores, counts, top)


def _idf_of_words(vocab: _Vocabulary, n_docs: int, config: KeywordConfig) -> np.ndarray:
    """IDF of every word of ``vocab`` (as :func:`_idf` gives it, from the content tokens' document frequencies)."""
    source = config.idf
    if source == "auto":
        source = "corpus" if n_docs >= config.min_corpus_docs else "jieba"
    if source == "jieba":
        table, median = jieba_idf()
        return np.array([table.get(w, median) for w in vocab.words.tolist()], dtype=float)
    sel = vocab.content & (vocab.docs >= 0)
    _, words, _ = _pair_counts(vocab.docs[sel], vocab.codes[sel], len(vocab.words))
    df = np.bincount(words, minlength=len(vocab.words))
    by_count = {int(c): math.log((1 + n_docs) / (1 + c)) + 1 for c in np.unique(df).tolist()}
    return np.array([by_count[c] for c in df.tolist()], dtype=float)


def _tfidf_groups(vocab: _Vocabulary, token_group: np.ndarray, n_groups: int, idf: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(group, word, score, count)`` of every content word of every group: tf in the group times idf."""
    sel = vocab.content & (token_group >= 0)
    group, word, count = _pair_counts(token_group[sel], vocab.codes[sel], len(vocab.words))
    total = np.bincount(token_group[sel], minlength=n_groups)
    return group, word, count / total[group] * idf[word], count


def _textrank_groups(vocab: _Vocabulary, token_group: np.ndarray, n_groups: int, config: KeywordConfig
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(group, word, score, count)`` of every TextRank node of every group, all groups at once.

    The same graph and the same arithmetic as :func:`_textrank` run group by group
    (edges of a group in sorted order, each group stopping at its own iteration),
    so the scores are equal to the last bit; the cost is linear in the tokens.
    """
    n_words = len(vocab.words)
    codes, content = vocab.codes, vocab.content & (token_group >= 0)
    run = np.cumsum(np.r_[0, vocab.docs[1:] != vocab.docs[:-1]])  # a document's consecutive tokens
    firsts, seconds, groups = [], [], []
    for k in range(1, config.window):
        i = np.nonzero(content[:-k] & content[k:] & (run[:-k] == run[k:]) & (codes[:-k] != codes[k:]))[0]
        a, b = codes[i], codes[i + k]
        firsts.append(np.minimum(a, b))
        seconds.append(np.maximum(a, b))
        groups.append(token_group[i])
    g, a, b = np.concatenate(groups), np.concatenate(firsts), np.concatenate(seconds)
    sel = content
    count_group, count_word, count = _pair_counts(token_group[sel], codes[sel], n_words)
    if not len(g):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), empty
    order = np.lexsort((b, a, g))
    g, a, b = g[order], a[order], b[order]
    new_edge = np.r_[True, (g[1:] != g[:-1]) | (a[1:] != a[:-1]) | (b[1:] != b[:-1])]
    starts = np.nonzero(new_edge)[0]
    weight = np.diff(np.r_[starts, len(g)]).astype(float)
    g, a, b = g[starts], a[starts], b[starts]
    # nodes: the distinct (group, word) of the edges, in group then word order
    node_keys = np.unique(np.r_[g * n_words + a, g * n_words + b])
    node_group, node_word = node_keys // n_words, node_keys % n_words
    na, nb = np.searchsorted(node_keys, g * n_words + a), np.searchsorted(node_keys, g * n_words + b)
    scores = _pagerank(np.r_[na, nb], np.r_[nb, na], np.r_[weight, weight], node_group, config)
    group_start = np.r_[0, np.nonzero(node_group[1:] != node_group[:-1])[0] + 1]
    best = np.maximum.reduceat(scores, group_start)
    scores = scores / np.repeat(best, np.diff(np.r_[group_start, len(scores)]))
    counts = count[np.searchsorted(count_group * n_words + count_word, node_keys)]
    return node_group, node_word, scores, counts


def _pagerank(src: np.ndarray, dst: np.ndarray, w: np.ndarray, node_group: np.ndarray,
              config: KeywordConfig) -> np.ndarray:
    """Weighted PageRank of many disjoint graphs at once; a graph stops when its own scores settle.

    Node ids are sorted by graph. Graphs that have settled drop out of the arrays,
    so the work is the sum of each graph's edges times its own iterations.
    """
    n = len(node_group)
    out = np.bincount(src, weights=w, minlength=n)
    share = w / out[src]
    sizes = np.bincount(node_group)
    score = 1.0 / sizes[node_group].astype(float)
    final = np.empty(n)
    ids = np.arange(n)                     # global id of each current node
    d = config.damping
    starts = np.r_[0, np.nonzero(node_group[1:] != node_group[:-1])[0] + 1]
    for _ in range(config.max_iter):
        new = (1 - d) + d * np.bincount(dst, weights=share * score[src], minlength=len(ids))
        settled = np.maximum.reduceat(np.abs(new - score), starts) < config.tol
        score = new
        if settled.any():
            done = np.repeat(settled, np.diff(np.r_[starts, len(ids)]))
            final[ids[done]] = score[done]
            keep = ~done
            if not keep.any():
                return final
            remap = np.cumsum(keep) - 1
            edge_keep = keep[src]
            src, dst, share = remap[src[edge_keep]], remap[dst[edge_keep]], share[edge_keep]
            ids, score, node_group = ids[keep], score[keep], node_group[keep]
            starts = np.r_[0, np.nonzero(node_group[1:] != node_group[:-1])[0] + 1]
    final[ids] = score
    return final


def _ranked_rows(group: np.ndarray, word: np.ndarray, score: np.ndarray, count: np.ndarray, top: int,
                 group_names: Sequence[str], words: np.ndarray, method: str) -> pd.DataFrame:
    """The top rows of every group: by score (rounded to 12 digits) descending, then word.

    numpy's rounding differs from Python's ``round`` by at most one unit of the
    12th decimal; the rows within 1e-11 of each group's ``top``-th numpy-rounded
    score are ranked again with ``round``, so the order is ``round``'s exactly.
    """
    approx = np.round(score, 12)
    order = np.lexsort((word, -approx, group))
    group, word, score, count, approx = group[order], word[order], score[order], count[order], approx[order]
    if len(group):
        starts = np.r_[0, np.nonzero(group[1:] != group[:-1])[0] + 1]
        ends = np.r_[starts[1:], len(group)]
        kth = approx[np.minimum(starts + top, ends) - 1]
        candidate = approx >= np.repeat(kth, ends - starts) - 1e-11
        group, word, score, count = group[candidate], word[candidate], score[candidate], count[candidate]
        order = np.lexsort((word, -_round12(score), group))
        group, word, score, count = group[order], word[order], score[order], count[order]
    keep = _first_per_group(group, top)
    group, word, score, count = group[keep], word[keep], score[keep], count[keep]
    if not len(group):
        return schema.empty_frame(schema.KEYWORDS)
    starts = np.r_[0, np.nonzero(group[1:] != group[:-1])[0] + 1]
    rank = np.arange(len(group)) - np.repeat(starts, np.diff(np.r_[starts, len(group)])) + 1
    table = pd.DataFrame({"group": np.asarray(group_names, dtype=object)[group], "rank": rank,
                          "keyword": words[word], "score": score, "count": count, "method": method})
    return schema.conform(table, schema.KEYWORDS)


def extract_keywords(text: str, *, top: int = 20, method: Method = "tfidf",
                     config: KeywordConfig = DEFAULT_CONFIG) -> list[Keyword]:
    """Return the top keywords of one text.

    TF-IDF uses jieba's IDF table here (one text is no corpus); see
    :func:`top_keywords` for corpus IDF and groups.

    >>> [k.keyword for k in extract_keywords("科技園公司與羅氏合作推動細胞治療，細胞治療前景廣闊。", top=3)]
    ['细胞治疗', '科技园公司', '罗氏']
    """
    _choice("method", method, ("tfidf", "textrank"))
    toks = _tokens.tokens_table(pd.DataFrame({"doc_id": ["text"], "text": [text]}), config=config.tokens)
    if toks.empty:
        return []
    idf = _idf(toks, 1, KeywordConfig(tokens=config.tokens, idf="jieba")) if method == "tfidf" else None
    return _keywords_of(toks, _content_mask(toks, config), top=top, method=method, idf=idf, config=config)


def top_keywords(documents: pd.DataFrame, *, by: str | None = "doc_id", top: int = 20,
                 method: Method = "tfidf", config: KeywordConfig = DEFAULT_CONFIG,
                 tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the top keywords of each document or group of documents (``schema.KEYWORDS``).

    Args:
        documents: a documents table (``doc_id``, ``text`` and the ``by`` column).
        by: documents column to group by (``doc_id``, ``publisher``, ``doc_type``,
            ``year`` — derived from ``date`` —, ...); None for the whole corpus
            as one group named ``"all"``.
        top: keywords per group.
        method: ``"tfidf"`` (term frequency in the group times IDF, see
            :class:`KeywordConfig` for where IDF comes from) or ``"textrank"``
            (PageRank over the co-occurrence graph of the group's content tokens).
        config: see :class:`KeywordConfig`.
        tokens: the documents' tokens table, if already computed.

    Returns:
        One row per keyword, groups in sorted order, ranks from 1; ``score``
        is tf-idf or the TextRank score scaled to the group's best (1.0).

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "publisher": ["hk", "sh"],
    ...     "text": ["科技園公司推動細胞治療。", "上海推动生物医药产业发展。"]})
    >>> top_keywords(docs, by="publisher", top=1)[["group", "rank", "keyword"]].values.tolist()
    [['hk', 1, '科技园公司'], ['sh', 1, '生物医药']]

    """
    _choice("method", method, ("tfidf", "textrank"))
    if top < 1:
        raise ConfigError(f"top must be >= 1 (got {top})")
    if tokens is None:
        documents = _tokens._check_documents(documents, "text", what="top_keywords")
    elif "doc_id" not in documents.columns:
        raise InputError(f"keywords: documents table lacks 'doc_id' (has {list(documents.columns)})")
    groups = _group_values(documents, by, what="keywords")
    toks = _as_tokens(documents if tokens is None else tokens, config, what="keywords")
    vocab = _vocabulary(toks, config)
    group_names = sorted(set(groups.tolist()))
    doc_group = dict(zip(documents["doc_id"].tolist(), groups.tolist()))
    token_group = _token_groups(vocab, doc_group, group_names)
    if method == "tfidf":
        idf = _idf_of_words(vocab, documents["doc_id"].nunique(), config)
        found = _tfidf_groups(vocab, token_group, len(group_names), idf)
    else:
        found = _textrank_groups(vocab, token_group, len(group_names), config)
    return _ranked_rows(*found, top, group_names, vocab.words, method)


def _tfidf_from_counts(counts: pd.DataFrame, *, df: pd.Series, n_docs: int, top: int = 20,
                       config: KeywordConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """TF-IDF keywords (``schema.KEYWORDS``) from content-term counts instead of tokens.

    ``counts`` has columns ``group``, ``norm``, ``count`` (content terms only, as
    :func:`content_counts` gives them per document); ``df`` maps each norm to
    its document frequency in the corpus of ``n_docs`` documents. The result is
    :func:`top_keywords`'s (method ``"tfidf"``) for the same groups: what a
    build (:mod:`corpus_tools.streaming`) computes from counts reduced over chunks.
    """
    if counts.empty:
        return schema.empty_frame(schema.KEYWORDS)
    group_codes, group_names = _factorize(counts["group"].astype(object))
    group_order = np.argsort(group_names, kind="stable")
    group_rank = np.empty(len(group_names), dtype=np.int64)
    group_rank[group_order] = np.arange(len(group_names))
    word_codes, words = _factorize(counts["norm"].astype(object))
    word_order = np.argsort(words, kind="stable")
    word_rank = np.empty(len(words), dtype=np.int64)
    word_rank[word_order] = np.arange(len(words))
    g, w = group_rank[group_codes], word_rank[word_codes]
    words, group_names = words[word_order], group_names[group_order]
    keys, inverse = np.unique(g * len(words) + w, return_inverse=True)
    weights = counts["count"].to_numpy(dtype=np.int64)
    count = np.bincount(inverse.ravel(), weights=weights).astype(np.int64)
    total = np.bincount(g, weights=weights, minlength=len(group_names)).astype(np.int64)
    group, word = keys // len(words), keys % len(words)
    source = config.idf
    if source == "auto":
        source = "corpus" if n_docs >= config.min_corpus_docs else "jieba"
    if source == "jieba":
        table, median = jieba_idf()
        idf = np.array([table.get(x, median) for x in words.tolist()], dtype=float)
    else:
        frequency = df.reindex(words).fillna(0).astype(np.int64).tolist()
        by_count = {c: math.log((1 + n_docs) / (1 + c)) + 1 for c in set(frequency)}
        idf = np.array([by_count[c] for c in frequency], dtype=float)
    score = count / total[group] * idf[word]
    return _ranked_rows(group, word, score, count, top, group_names.tolist(), words, "tfidf")


def content_counts(tokens: pd.DataFrame, *, config: KeywordConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Count the content terms of each document: ``doc_id``, ``norm``, ``count`` (``schema.DOC_TERMS``).

    A table much smaller than the tokens, from which TF-IDF keywords of any
    grouping, keyness and term frequencies can be summed (a build stores it).

    >>> toks = _tokens.tokens_table(pd.DataFrame({"doc_id": ["a"], "text": ["细胞治疗与细胞治疗产业。"]}))
    >>> content_counts(toks).values.tolist()
    [['a', '产业', 1], ['a', '细胞治疗', 2]]
    """
    vocab = _vocabulary(tokens, config)
    sel = vocab.content & (vocab.docs >= 0)
    doc, word, count = _pair_counts(vocab.docs[sel], vocab.codes[sel], len(vocab.words))
    table = pd.DataFrame({"doc_id": vocab.doc_ids[doc], "norm": vocab.words[word], "count": count})
    return schema.conform(table, schema.DOC_TERMS)


# ---------------------------------------------------------------- keyness

def _chi2_sf(x: np.ndarray) -> np.ndarray:
    """Upper tail of the chi-squared distribution with one degree of freedom."""
    return np.array([math.erfc(math.sqrt(v / 2)) for v in np.abs(x)], dtype=float)


def keyness_statistics(a: np.ndarray, b: np.ndarray, total_target: float, total_reference: float, *,
                       correction: Correction = "default") -> dict[str, np.ndarray]:
    """Chi-squared, log-likelihood (G2), p-values and log ratio of 2x2 tables, vectorised.

    ``a``/``b`` are a term's counts in target and reference, the totals their
    sizes; statistics are signed like quanteda's ``textstat_keyness``
    (negative: the term is rarer in the target). ``correction="default"``
    applies Yates' continuity correction to both statistics where an expected
    count is below 5 (quanteda's default), ``"williams"`` divides by Williams' q.

    >>> s = keyness_statistics(np.array([3.0]), np.array([7.0]), 10, 9, correction="none")
    >>> round(float(s["chi2"][0]), 4), round(float(s["log_likelihood"][0]), 4)
    (-4.3372, -4.5349)
    """
    _choice("correction", correction, ("default", "yates", "williams", "none"))
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with np.errstate(divide="ignore"):
        log_ratio = np.log2((np.where(a == 0, 0.5, a) / total_target)
                            / (np.where(b == 0, 0.5, b) / total_reference))
    c, d = total_target - a, total_reference - b
    n = a + b + c + d
    row1, row2, col1, col2 = a + b, c + d, a + c, b + d
    e11 = row1 * col1 / n
    sign = np.where(a > e11, 1.0, -1.0)
    diff = np.abs(a * d - b * c)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = n * diff ** 2 / (row1 * row2 * col1 * col2)
        q = np.ones_like(a)
        if correction in ("default", "yates"):
            small = ((row1 * col1 / n < 5) | (row1 * col2 / n < 5) | (col1 * row2 / n < 5)
                     | (row2 * col2 / n < 5))
            yates_chi2 = small & (diff >= n / 2)
            chi2 = np.where(yates_chi2, n * (diff - n / 2) ** 2 / (row1 * row2 * col1 * col2), chi2)
            shift = np.where(small & (diff > n / 2), np.where(a * d - b * c > 0, -0.5, 0.5), 0.0)
            a, d, b, c = a + shift, d + shift, b - shift, c - shift
        elif correction == "williams":
            q = np.where(a * b * c * d == 0, 1.0, 1 + (n / row1 + n / row2 - 1) * (n / col1 + n / col2 - 1) / (6 * n))
            chi2 = chi2 / q

        def term(observed, expected):
            return np.where(observed > 0, observed * np.log(observed / expected), 0.0)

        g2 = 2 * (term(a, row1 * col1 / n) + term(b, row1 * col2 / n) + term(c, col1 * row2 / n)
                  + term(d, row2 * col2 / n)) / q
        chi2 = np.nan_to_num(chi2)
        g2 = np.nan_to_num(g2)
    chi2 = sign * np.abs(chi2)
    g2 = sign * np.abs(g2)
    return {"chi2": chi2, "log_likelihood": g2, "p_chi2": _chi2_sf(chi2), "p_lr": _chi2_sf(g2),
            "log_ratio": log_ratio}


def _mask(frame: pd.DataFrame, selector: Any, by: str | None, name: str) -> np.ndarray:
    if selector is None:
        return np.zeros(len(frame), dtype=bool)
    if isinstance(selector, (pd.Series, np.ndarray, list, tuple)) and len(selector) == len(frame) \
            and not isinstance(selector, str):
        values = selector.to_numpy() if isinstance(selector, pd.Series) else np.asarray(selector)
        if values.dtype != bool:
            raise InputError(f"keyness: {name} mask must be boolean (got dtype {values.dtype})")
        if isinstance(selector, pd.Series) and not selector.index.equals(frame.index):
            raise InputError(f"keyness: {name} mask's index differs from the table's index")
        return values
    if by is None:
        raise InputError(f"keyness: {name}={selector!r} needs by=COLUMN (or pass a boolean mask "
                         f"of length {len(frame)})")
    groups = _group_values(frame, by, what="keyness")
    if str(selector) not in set(groups.tolist()):
        raise InputError(f"keyness: {name}={selector!r} is not a value of column {by!r} "
                         f"(values: {sorted(set(groups.tolist()))[:10]})")
    return (groups == str(selector)).to_numpy(dtype=bool)


def keyness(frame: pd.DataFrame, target: Any, *, by: str | None = None, reference: Any = None,
            measure: Measure = "lr", correction: Correction = "default", min_count: int = 2,
            config: KeywordConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Compare term frequencies of a target group with a reference group (``schema.KEYNESS``).

    Like quanteda's ``textstat_keyness``: for each term a 2x2 table (count in
    target / reference, other content tokens in target / reference) gives
    Pearson's chi-squared and the log-likelihood G2 (both signed: negative
    when the term is typical of the reference), a p-value (one degree of
    freedom) and Hardie's log ratio (base 2, zero counts taken as 0.5) as
    effect size.

    Args:
        frame: a documents table or a tokens table.
        target: a boolean mask over ``frame``'s rows, or a value of column ``by``.
        by: column whose value ``target`` (and ``reference``) name.
        reference: like ``target``; default: every row not in the target.
        measure: ``"lr"`` (G2) or ``"chi2"``: the statistic of ``p_value`` and
            of the sort order (descending, so target terms come first).
        correction: ``"default"`` (Yates where an expected count is < 5),
            ``"yates"``, ``"williams"`` or ``"none"``; see :func:`keyness_statistics`.
        min_count: drop terms seen fewer times in target and reference together.
        config: see :class:`KeywordConfig` (content-token filter).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "publisher": ["hk", "sh"],
    ...     "text": ["科技園公司與科技園公司合作。香港創科。", "上海生物医药产业。上海生物医药。"]})
    >>> k = keyness(docs, "hk", by="publisher", min_count=1, correction="none")
    >>> k[["keyword", "count_target", "count_reference", "direction"]].values.tolist()[:2]
    [['科技园公司', 2, 0, 'target'], ['创科', 1, 0, 'target']]
    """
    _choice("measure", measure, ("lr", "chi2"))
    _choice("correction", correction, ("default", "yates", "williams", "none"))
    if not isinstance(frame, pd.DataFrame):
        frame = schema.as_documents(frame, what="keyness")
    target_mask = _mask(frame, target, by, "target")
    reference_mask = ~target_mask if reference is None else _mask(frame, reference, by, "reference")
    if (target_mask & reference_mask).any():
        raise InputError("keyness: target and reference overlap; they must be disjoint groups")
    is_tokens = {"norm", "pos"} <= set(frame.columns)
    if is_tokens:
        toks = frame
        target_tokens, reference_tokens = target_mask, reference_mask
    else:
        toks = _as_tokens(frame, config, what="keyness")
        ids = frame["doc_id"].to_numpy()
        token_docs = toks["doc_id"]
        target_tokens = token_docs.isin(set(ids[target_mask].tolist())).to_numpy(dtype=bool, na_value=False)
        reference_tokens = token_docs.isin(set(ids[reference_mask].tolist())).to_numpy(dtype=bool, na_value=False)
    vocab = _vocabulary(toks, config)
    n_words = len(vocab.words)
    count_t = np.bincount(vocab.codes[vocab.content & target_tokens], minlength=n_words)
    count_r = np.bincount(vocab.codes[vocab.content & reference_tokens], minlength=n_words)
    return _keyness_from_counts(vocab.words, count_t, count_r, measure=measure, correction=correction,
                                min_count=min_count)


def _keyness_from_counts(words: np.ndarray, count_t: np.ndarray, count_r: np.ndarray, *, measure: Measure,
                         correction: Correction, min_count: int) -> pd.DataFrame:
    """The keyness table of content-term counts in target and reference (``words`` sorted, counts aligned)."""
    total_t, total_r = int(count_t.sum()), int(count_r.sum())
    if total_t == 0 or total_r == 0:
        raise InputError(f"keyness: the {'target' if total_t == 0 else 'reference'} group has no content "
                         "tokens; check the mask or the value of 'by'")
    kept = np.nonzero((count_t + count_r >= min_count) & (count_t + count_r > 0))[0]  # codes in word order
    if not len(kept):
        return schema.empty_frame(schema.KEYNESS)
    terms = words[kept]
    a, b = count_t[kept].astype(float), count_r[kept].astype(float)
    stats = keyness_statistics(a, b, total_t, total_r, correction=correction)
    table = pd.DataFrame({
        "keyword": terms, "count_target": a.astype(int), "count_reference": b.astype(int),
        "chi2": stats["chi2"], "log_likelihood": stats["log_likelihood"],
        "p_value": stats["p_lr"] if measure == "lr" else stats["p_chi2"],
        "log_ratio": stats["log_ratio"],
        "direction": np.where(a / total_t >= b / total_r, "target", "reference"),
    })
    sort_column = "log_likelihood" if measure == "lr" else "chi2"
    table = table.sort_values([sort_column, "keyword"], ascending=[False, True], kind="stable")
    return schema.conform(table.reset_index(drop=True), schema.KEYNESS)


# ---------------------------------------------------------------- frequency over time

def term_frequency(documents: pd.DataFrame, *, by: str = "date", terms: Sequence[str] | None = None,
                   top: int = 20, config: KeywordConfig = DEFAULT_CONFIG,
                   tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count terms per group (date, year, publisher ...): the long table of ``TERM_FREQUENCY``.

    Args:
        documents: a documents table with ``doc_id``, ``text`` and the ``by`` column.
        by: grouping column; ``"year"`` is derived from ``date`` when absent.
        terms: terms to count, in either script; default: the ``top`` most
            frequent content terms of the corpus.
        top: number of terms when ``terms`` is None.
        config: see :class:`KeywordConfig`.
        tokens: the documents' tokens table, if already computed.

    Returns:
        One row per group and term (zero counts included), groups sorted, with
        ``per_10k`` = count per 10,000 content tokens of the group.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2022-08-26", "2023-03-31"],
    ...     "text": ["細胞治療。", "细胞治疗与细胞治疗。"]})
    >>> term_frequency(docs, by="year", terms=["細胞治療"])[["group", "term", "count"]].values.tolist()
    [['2022', '细胞治疗', 1], ['2023', '细胞治疗', 2]]
    """
    if tokens is None:
        documents = _tokens._check_documents(documents, "text", what="term_frequency")
    groups = _group_values(documents, by, what="term_frequency")
    toks = _as_tokens(documents if tokens is None else tokens, config, what="term_frequency")
    vocab = _vocabulary(toks, config)
    group_names = sorted(set(groups.tolist()))
    doc_group = dict(zip(documents["doc_id"].tolist(), groups.tolist()))
    token_group = _token_groups(vocab, doc_group, group_names, default="<NA>")[vocab.content]
    codes = vocab.codes[vocab.content]
    if terms is None:
        frequency = np.bincount(codes, minlength=len(vocab.words))
        seen = np.nonzero(frequency)[0]
        wanted = vocab.words[seen[np.lexsort((seen, -frequency[seen]))][:top]].tolist()
    else:
        wanted = list(dict.fromkeys(to_simplified(t) for t in terms))
    if not group_names or not wanted:
        return schema.empty_frame(TERM_FREQUENCY)
    n_groups, n_terms = len(group_names), len(wanted)
    term_of_code = np.full(len(vocab.words) + 1, -1, dtype=np.int64)  # last slot: no code
    found = np.searchsorted(vocab.words, np.array(wanted, dtype=object)) if len(vocab.words) else np.zeros(0, int)
    for t, (word, at) in enumerate(zip(wanted, np.asarray(found).tolist())):
        if at < len(vocab.words) and vocab.words[at] == word:
            term_of_code[at] = t
    in_group = token_group >= 0
    term = term_of_code[codes[in_group]]
    hit = term >= 0
    counts = np.bincount(token_group[in_group][hit] * n_terms + term[hit], minlength=n_groups * n_terms)
    totals = np.repeat(np.bincount(token_group[in_group], minlength=n_groups), n_terms)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(totals > 0, counts / totals * 10_000, np.nan)
    table = pd.DataFrame({"group": np.repeat(np.asarray(group_names, dtype=object), n_terms),
                          "term": np.tile(np.asarray(wanted, dtype=object), n_groups),
                          "count": counts, "total": totals, "per_10k": per_10k})
    return schema.conform(table, TERM_FREQUENCY)


# ---------------------------------------------------------------- KWIC

def kwic(documents: pd.DataFrame, pattern: str, *, window: int = 20, regex: bool = False,
         case_sensitive: bool = False, text_column: str = "text") -> pd.DataFrame:
    """Concordance lines of a word or pattern (``schema.KWIC``), across scripts.

    Matching runs on the simplified view of each text with the simplified
    pattern, so 细胞治疗 finds 細胞治療; ``start``/``end`` are offsets in the
    clean text and ``match`` is the text as written.

    Args:
        documents: a table with ``doc_id`` and ``text_column``.
        pattern: a word, or a regular expression when ``regex`` is True.
        window: characters of context on each side (line breaks shown as spaces).
        regex: treat ``pattern`` as a regular expression.
        case_sensitive: match Latin letters case-sensitively.
        text_column: column holding the clean text.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["上海積極布局細胞治療新賽道。"]})
    >>> kwic(docs, "细胞治疗", window=4)[["start", "end", "left", "match", "right"]].values.tolist()
    [[6, 10, '積極布局', '細胞治療', '新賽道。']]
    """
    documents = _tokens._check_documents(documents, text_column, what="kwic")
    if not isinstance(pattern, str) or not pattern:
        raise InputError(f"kwic: pattern must be a non-empty string (got {pattern!r})")
    if window < 0:
        raise ConfigError(f"kwic: window must be >= 0 (got {window})")
    source = to_simplified(pattern) if regex else re.escape(to_simplified(pattern))
    try:
        compiled = re.compile(source, 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"kwic: pattern {pattern!r} is not a valid regular expression ({exc})") from exc
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents[text_column]):
        if not isinstance(text, str) or not text:
            continue
        view = _tokens.simplified_view(text)
        for match in compiled.finditer(view):
            s, e = match.span()
            if s == e:
                continue
            rows.append((doc_id, s, e, _flat(text[max(0, s - window):s]), text[s:e],
                         _flat(text[e:e + window])))
    if not rows:
        return schema.empty_frame(schema.KWIC)
    return schema.conform(pd.DataFrame(rows, columns=list(schema.KWIC)), schema.KWIC)


def _flat(context: str) -> str:
    return re.sub(r"\s+", " ", context)


# ---------------------------------------------------------------- collocations

def collocations(frame: pd.DataFrame, *, min_count: int = 3, top: int | None = None,
                 sort_by: Literal["log_likelihood", "pmi", "count"] = "log_likelihood",
                 config: KeywordConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Bigrams of adjacent content tokens scored by PMI and log-likelihood (``schema.COLLOCATIONS``).

    Two content tokens form a bigram when they are next to each other in one
    sentence (a stopword, number or punctuation between them breaks the pair).
    With N content tokens, f(x), f(y) their counts and f(xy) the bigram's:
    ``pmi = log2(f(xy) N / (f(x) f(y)))`` and ``log_likelihood`` is Dunning's
    G2 of the 2x2 table (as NLTK's ``BigramAssocMeasures.likelihood_ratio``).

    Args:
        frame: a documents or tokens table.
        min_count: drop bigrams seen fewer times.
        top: keep the first ``top`` rows.
        sort_by: ``"log_likelihood"``, ``"pmi"`` or ``"count"`` (descending).
        config: see :class:`KeywordConfig`.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["推动生物医药创新。生物医药创新发展。生物医药创新！"]})
    >>> collocations(docs, min_count=2)[["word1", "word2", "count"]].values.tolist()
    [['生物医药', '创新', 3]]
    """
    _choice("sort_by", sort_by, ("log_likelihood", "pmi", "count"))
    toks = _as_tokens(frame, config, what="collocations")
    vocab = _vocabulary(toks, config)
    codes, content, docs = vocab.codes, vocab.content, vocab.docs
    n_words = len(vocab.words)
    unigrams = np.bincount(codes[content], minlength=n_words)
    pair = content[:-1] & content[1:] & (docs[:-1] == docs[1:])
    if "sentence_id" in toks.columns:
        sents, _ = _factorize(toks["sentence_id"])
        pair &= sents[:-1] == sents[1:]
    i = np.nonzero(pair)[0]
    word1, word2, n_ii = _pair_counts(codes[i], codes[i + 1], n_words)  # sorted by (word1, word2)
    kept = n_ii >= min_count
    word1, word2, n_ii = word1[kept], word2[kept], n_ii[kept].astype(float)
    if not len(n_ii):
        return schema.empty_frame(schema.COLLOCATIONS)
    n = float(unigrams.sum())
    n_ix, n_xi = unigrams[word1].astype(float), unigrams[word2].astype(float)
    pmi = np.log2(n_ii * n / (n_ix * n_xi))
    stats = keyness_statistics(n_ii, n_xi - n_ii, n_ix, n - n_ix, correction="none")
    table = pd.DataFrame({"word1": vocab.words[word1], "word2": vocab.words[word2],
                          "count": n_ii.astype(int), "pmi": pmi,
                          "log_likelihood": np.abs(stats["log_likelihood"])})
    table = table.sort_values([sort_by, "word1", "word2"], ascending=[False, True, True], kind="stable")
    if top is not None:
        table = table.head(top)
    return schema.conform(table.reset_index(drop=True), schema.COLLOCATIONS)


# ---------------------------------------------------------------- co-occurrence

def cooccurrence(frame: pd.DataFrame, *, terms: Sequence[str] | None = None, top_terms: int = 50,
                 min_weight: int = 1, config: KeywordConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Sentence-level co-occurrence edges of terms or entities (``schema.COOCCURRENCE``).

    The weight of an edge is the number of sentences in which both ends occur.
    ``source < target`` in each row; rows sorted by weight, then names.

    Args:
        frame: an entities table (``entities.entities_table``: nodes are
            ``canonical`` names), a tokens table or a documents table (nodes are
            content terms).
        terms: the nodes to keep (either script); default: the ``top_terms``
            most frequent nodes.
        top_terms: number of nodes when ``terms`` is None.
        min_weight: drop edges seen in fewer sentences.
        config: see :class:`KeywordConfig` (content-token filter for terms).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["香港與上海合作。香港和上海交流。香港科技園公司。"]})
    >>> cooccurrence(docs, terms=["香港", "上海"]).values.tolist()
    [['上海', '香港', 2]]
    """
    if not isinstance(frame, pd.DataFrame):
        frame = schema.as_documents(frame, what="cooccurrence")
    if {"doc_id", "sentence_id", "canonical"} <= set(frame.columns):
        docs, _ = _factorize(frame["doc_id"].astype(object))
        sents = frame["sentence_id"]
        names = frame["canonical"].astype("string").fillna("")
    else:
        toks = _as_tokens(frame, config, what="cooccurrence")
        vocab = _vocabulary(toks, config)
        docs = vocab.docs[vocab.content]
        sents = toks["sentence_id"][vocab.content]
        names = pd.Series(vocab.words, dtype=object)[vocab.codes[vocab.content]]
    node, nodes = _factorize(names.astype(object))
    order = np.argsort(nodes, kind="stable")  # codes in string order, as for words
    rank = np.empty(len(nodes), dtype=np.int64)
    rank[order] = np.arange(len(nodes))
    node, nodes = rank[node], nodes[order]
    if terms is None:
        frequency = np.bincount(node, minlength=len(nodes))
        frequency[nodes == ""] = 0
        seen = np.nonzero(frequency)[0]
        wanted = np.zeros(len(nodes), dtype=bool)
        wanted[seen[np.lexsort((seen, -frequency[seen]))][:top_terms]] = True
    else:
        wanted = np.isin(nodes, np.array([to_simplified(t) for t in terms], dtype=object))
    # the units (sentences of a document) with their distinct wanted nodes; a pair per two nodes of a unit
    sent_codes, _ = _factorize(pd.Series(np.asarray(sents, dtype=object)))
    unit = _factorize(pd.Series(np.asarray(docs, dtype=np.int64) * (int(sent_codes.max(initial=0)) + 2)
                                + sent_codes + 1))[0]
    members = pd.DataFrame({"unit": unit[wanted[node]], "node": node[wanted[node]]}).drop_duplicates()
    pairs = members.merge(members, on="unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["node_a"] < pairs["node_b"]]
    if pairs.empty:
        return schema.empty_frame(schema.COOCCURRENCE)
    source, target, weight = _pair_counts(pairs["node_a"].to_numpy(), pairs["node_b"].to_numpy(), len(nodes))
    kept = weight >= min_weight
    source, target, weight = source[kept], target[kept], weight[kept]
    if not len(weight):
        return schema.empty_frame(schema.COOCCURRENCE)
    order = np.lexsort((target, source, -weight))
    table = pd.DataFrame({"source": nodes[source[order]], "target": nodes[target[order]], "weight": weight[order]})
    return schema.conform(table, schema.COOCCURRENCE)
