"""Words in their context: term frequency per group, KWIC, collocations and co-occurrence."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from .. import schema
from .. import tokens as _tokens
from ..errors import ConfigError, InputError
from ..script import to_simplified
from .keyness import keyness_statistics
from .vocabulary import (
    DEFAULT_CONFIG,
    TERM_FREQUENCY,
    KeywordConfig,
    _as_tokens,
    _factorize,
    _pair_counts,
    _token_groups,
    _vocabulary,
    check_choice,
    group_values,
)

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
        documents = schema.as_documents(documents, what="term_frequency")
    groups = group_values(documents, by, what="term_frequency")
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
    documents = schema.as_documents(documents, text_column=text_column, what="kwic")
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
    check_choice("sort_by", sort_by, ("log_likelihood", "pmi", "count"))
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
