"""The vectorised keyword functions against straightforward per-group references.

``top_keywords``, ``keyness``, ``term_frequency``, ``collocations`` and
``cooccurrence`` count over the whole tokens table at once (integer codes,
numpy, one sort); these references do what the functions did before, one group
at a time with Counters, on a corpus of seeds and dev documents, and the results
must be equal to the last bit.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from corpus_tools import keywords as kw
from corpus_tools import tokens as _tokens


@pytest.fixture(scope="module")
def docs(seed_texts, test_data_dir) -> pd.DataFrame:
    texts = dict(seed_texts)
    for path in sorted((test_data_dir / "dev" / "docs").glob("*.txt"))[:12]:
        texts[path.name] = path.read_text(encoding="utf-8")[:6000]
    names = list(texts)
    return pd.DataFrame({"doc_id": names, "text": list(texts.values()),
                         "publisher": [f"p{i % 4}" for i in range(len(names))],
                         "date": [f"{2020 + i % 3}-01-01" for i in range(len(names))]})


@pytest.fixture(scope="module")
def toks(docs) -> pd.DataFrame:
    return _tokens.tokens_table(docs)


def _content(toks: pd.DataFrame, config=kw.DEFAULT_CONFIG) -> np.ndarray:
    stop = _tokens.stopwords(config.tokens)
    return np.array([p in config.pos and _tokens.is_content(n, p, stop=stop, min_length=config.min_length)
                     for n, p in zip(toks["norm"].tolist(), toks["pos"].tolist())], dtype=bool)


def _reference_top(docs, toks, *, by, top, method, config=kw.DEFAULT_CONFIG) -> pd.DataFrame:
    """top_keywords group by group: a scan of the tokens table per group, as it was."""
    groups = kw._group_values(docs, by, what="test")
    content = _content(toks, config)
    doc_group = dict(zip(docs["doc_id"].tolist(), groups.tolist()))
    token_groups = np.array([doc_group.get(d) for d in toks["doc_id"].tolist()], dtype=object)
    idf = kw._idf(toks[content], docs["doc_id"].nunique(), config) if method == "tfidf" else None
    rows = []
    for group in sorted(set(groups.tolist())):
        mask = token_groups == group
        found = kw._keywords_of(toks[mask], content[mask], top=top, method=method, idf=idf, config=config)
        rows += [(group, rank, k.keyword, k.score, k.count, method) for rank, k in enumerate(found, 1)]
    return kw.schema.conform(pd.DataFrame(rows, columns=list(kw.schema.KEYWORDS)), kw.schema.KEYWORDS)


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
@pytest.mark.parametrize("by", ["doc_id", "publisher", None])
def test_top_keywords_equal_the_per_group_reference(docs, toks, method, by):
    got = kw.top_keywords(docs, by=by, top=15, method=method, tokens=toks)
    pd.testing.assert_frame_equal(got, _reference_top(docs, toks, by=by, top=15, method=method), check_exact=True)


def test_corpus_idf_and_jieba_idf_equal_the_reference(docs, toks):
    for config in (kw.KeywordConfig(idf="corpus"), kw.KeywordConfig(idf="jieba"), kw.KeywordConfig(min_length=3)):
        got = kw.top_keywords(docs, by="doc_id", top=10, config=config, tokens=toks)
        want = _reference_top(docs, toks, by="doc_id", top=10, method="tfidf", config=config)
        pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_content_mask_equals_is_content(toks):
    assert (kw._content_mask(toks, kw.DEFAULT_CONFIG) == _content(toks)).all()


def test_keyness_counts_equal_counters(docs, toks):
    got = kw.keyness(docs, "p1", by="publisher", min_count=1, correction="none")
    content = _content(toks)
    target_ids = set(docs.loc[docs["publisher"] == "p1", "doc_id"])
    in_target = toks["doc_id"].isin(target_ids).to_numpy()
    norms = toks["norm"].to_numpy(dtype=object)
    count_t, count_r = Counter(norms[content & in_target]), Counter(norms[content & ~in_target])
    want = {t: (count_t[t], count_r[t]) for t in set(count_t) | set(count_r)}
    assert dict(zip(got["keyword"], zip(got["count_target"], got["count_reference"]))) == want


def test_term_frequency_equals_counters(docs, toks):
    got = kw.term_frequency(docs, by="year", tokens=toks, top=8)
    content = _content(toks)
    sub = toks[content]
    year = dict(zip(docs["doc_id"], docs["date"].str.slice(0, 4)))
    groups = [year[d] for d in sub["doc_id"]]
    counts, totals = Counter(zip(groups, sub["norm"])), Counter(groups)
    top = [w for w, _ in sorted(Counter(sub["norm"]).items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
    assert got["term"].drop_duplicates().tolist() == top
    for group, term, count, total in got[["group", "term", "count", "total"]].itertuples(index=False):
        assert (count, total) == (counts[(group, term)], totals[group])


def test_collocations_equal_adjacent_pairs(toks):
    got = kw.collocations(toks, min_count=2, sort_by="count")
    content = _content(toks)
    norms, docs, sents = toks["norm"].tolist(), toks["doc_id"].tolist(), toks["sentence_id"].tolist()
    pairs = Counter((norms[i], norms[i + 1]) for i in range(len(norms) - 1)
                    if content[i] and content[i + 1] and docs[i] == docs[i + 1] and sents[i] == sents[i + 1])
    assert dict(zip(zip(got["word1"], got["word2"]), got["count"])) == {p: c for p, c in pairs.items() if c >= 2}
    unigrams = Counter(n for n, c in zip(norms, content) if c)
    n = sum(unigrams.values())
    first = got.iloc[0]
    assert first["pmi"] == pytest.approx(math.log2(first["count"] * n / (unigrams[first["word1"]]
                                                                         * unigrams[first["word2"]])))


def test_cooccurrence_equals_sentence_sets(toks):
    got = kw.cooccurrence(toks, top_terms=25)
    content = _content(toks)
    sub = toks[content]
    top = {w for w, _ in sorted(Counter(sub["norm"]).items(), key=lambda kv: (-kv[1], kv[0]))[:25]}
    per_unit = defaultdict(set)
    for d, s, n in zip(sub["doc_id"], sub["sentence_id"], sub["norm"]):
        if n in top:
            per_unit[(d, s)].add(n)
    weights = Counter()
    for members in per_unit.values():
        weights.update(combinations(sorted(members), 2))
    want = sorted(((a, b, w) for (a, b), w in weights.items()), key=lambda r: (-r[2], r[0], r[1]))
    assert [tuple(r) for r in got.itertuples(index=False)] == want


def test_cooccurrence_of_entities_keeps_empty_names_out():
    ents = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"], "sentence_id": [0, 0, 0, 1, 1],
                         "canonical": ["香港", "上海", None, "香港", "上海"]})
    assert kw.cooccurrence(ents).values.tolist() == [["上海", "香港", 2]]
