"""Keywords of a text or of groups of documents: TF-IDF (corpus or jieba IDF) and TextRank."""
from __future__ import annotations

import functools
import importlib.util
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from .. import tokens as _tokens
from ..errors import ConfigError, InputError
from .vocabulary import (
    DEFAULT_CONFIG,
    Keyword,
    KeywordConfig,
    Method,
    _as_tokens,
    _content_mask,
    _factorize,
    _first_per_group,
    _pair_counts,
    _round12,
    _token_groups,
    _Vocabulary,
    _vocabulary,
    check_choice,
    group_values,
)

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
    check_choice("method", method, ("tfidf", "textrank"))
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
    check_choice("method", method, ("tfidf", "textrank"))
    if top < 1:
        raise ConfigError(f"top must be >= 1 (got {top})")
    if tokens is None:
        documents = schema.as_documents(documents, what="top_keywords")
    elif "doc_id" not in documents.columns:
        raise InputError(f"keywords: documents table lacks 'doc_id' (has {list(documents.columns)})")
    groups = group_values(documents, by, what="keywords")
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


def tfidf_from_counts(counts: pd.DataFrame, *, df: pd.Series, n_docs: int, top: int = 20,
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
