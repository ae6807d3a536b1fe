import json
import math

import numpy as np
import pandas as pd
import pytest

from corpus_tools import resources, schema, script, tokens
from corpus_tools.errors import ConfigError, InputError
from corpus_tools.keywords import (KeywordConfig, TERM_FREQUENCY, collocations, cooccurrence, extract_keywords,
                                   jieba_idf, keyness, keyness_statistics, kwic, term_frequency, top_keywords)


@pytest.fixture(scope="module")
def docs(seed_texts) -> pd.DataFrame:
    dates = ["2023-03-31", "2023-01-18", "2022-08-26", "2022-12-01", "2024-09-10"]
    return pd.DataFrame({"doc_id": list(seed_texts), "text": list(seed_texts.values()), "date": dates,
                         "script": ["hans", "hant", "hans", "hans", "hant"]})


@pytest.fixture(scope="module")
def toks(docs) -> pd.DataFrame:
    return tokens.tokens_table(docs)


# ---------------------------------------------------------------- keywords

@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_top30_corpus_keywords_are_clean(docs, toks, method):
    table = top_keywords(docs, by=None, top=30, method=method, tokens=toks)
    words = table["keyword"].tolist()
    assert len(words) == 30 and table["group"].eq("all").all()
    stop = tokens.stopwords()
    for word in words:
        assert word not in stop, word
        assert resources.NUMERIC_TOKEN.match(word) is None, word
        assert resources.NO_WORD_CHAR.match(word) is None, word
        assert len(word) >= 2, word
        assert script.to_simplified(word) == word, word
    simplified = [script.to_simplified(w) for w in words]
    assert len(set(simplified)) == len(simplified), "same word in two scripts"
    # the field's words are found, the traditional seeds counted with the simplified ones
    assert {"生物医药", "科技园公司", "罗氏"} <= set(words)


def test_keywords_per_document_and_group(docs, toks):
    per_doc = top_keywords(docs, top=5, tokens=toks)
    assert sorted(set(per_doc["group"])) == sorted(docs["doc_id"])
    assert per_doc.groupby("group")["rank"].apply(list).map(lambda r: r == [1, 2, 3, 4, 5]).all()
    assert {c: str(t) for c, t in per_doc.dtypes.items()} == dict(schema.KEYWORDS)
    assert per_doc.loc[per_doc["group"] == "001_8b94e84355f05d28.txt", "keyword"].iloc[0] == "罗氏"
    by_year = top_keywords(docs, by="year", top=3, tokens=toks)
    assert sorted(set(by_year["group"])) == ["2022", "2023", "2024"]
    by_script = top_keywords(docs, by="script", top=3, method="textrank", tokens=toks)
    assert sorted(set(by_script["group"])) == ["hans", "hant"]
    assert (by_script.groupby("group")["score"].max() == 1.0).all()


def test_keywords_tokenizes_when_not_given_tokens(docs, toks):
    pd.testing.assert_frame_equal(top_keywords(docs.iloc[:2], top=5), top_keywords(docs.iloc[:2], top=5, tokens=toks))


def test_tfidf_score_uses_jieba_idf_below_n_documents(docs, toks):
    table = top_keywords(docs, by=None, top=5, tokens=toks)
    idf, median = jieba_idf()
    content = toks[[tokens.is_content(n, p, stop=tokens.stopwords()) for n, p in zip(toks["norm"], toks["pos"])]]
    total = len(content)
    for word, score, count in zip(table["keyword"], table["score"], table["count"]):
        assert count == (content["norm"] == word).sum()
        assert score == pytest.approx(count / total * idf.get(word, median))


def test_tfidf_with_corpus_idf(docs, toks):
    config = KeywordConfig(idf="corpus")
    table = top_keywords(docs, top=3, config=config, tokens=toks)
    n_docs = len(docs)
    row = table.iloc[0]
    content = toks[[tokens.is_content(n, p, stop=tokens.stopwords()) for n, p in zip(toks["norm"], toks["pos"])]]
    in_doc = content[content["doc_id"] == row["group"]]
    df = content.loc[content["norm"] == row["keyword"], "doc_id"].nunique()
    expected = (in_doc["norm"] == row["keyword"]).sum() / len(in_doc) * (math.log((1 + n_docs) / (1 + df)) + 1)
    assert row["score"] == pytest.approx(expected)


def test_textrank_ranks_the_hub_of_a_star_first():
    text = "细胞治疗推动产业。细胞治疗带动医院。细胞治疗吸引资本。细胞治疗服务患者。"
    found = extract_keywords(text, top=3, method="textrank")
    assert found[0].keyword == "细胞治疗" and found[0].score == 1.0 and found[0].count == 4


def test_keywords_are_deterministic(docs, toks):
    for method in ("tfidf", "textrank"):
        pd.testing.assert_frame_equal(top_keywords(docs, top=10, method=method, tokens=toks),
                                      top_keywords(docs.iloc[::-1], top=10, method=method, tokens=toks))


def test_keyword_errors(docs):
    with pytest.raises(InputError, match="by='publisher' is not a column"):
        top_keywords(docs, by="publisher")
    with pytest.raises(ConfigError, match="method must be one of .*got 'lda'"):
        top_keywords(docs, method="lda")
    with pytest.raises(ConfigError, match="idf must be one of"):
        KeywordConfig(idf="web")
    with pytest.raises(InputError, match="lacks column"):
        top_keywords(pd.DataFrame({"doc_id": ["a"]}))


# ---------------------------------------------------------------- keyness

def _hand_stats(a, b, total_t, total_r):
    """The 2x2 statistics written out cell by cell (no numpy), to check the vectorised code."""
    c, d = total_t - a, total_r - b
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n), (c, (c + d) * (a + c) / n),
             (d, (c + d) * (b + d) / n)]
    chi2 = sum((o - e) ** 2 / e for o, e in cells)
    g2 = 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)
    return chi2, g2


def test_keyness_statistics_against_hand_computation():
    # quanteda's own test table: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b"; feature "a"
    s = keyness_statistics(np.array([3.0]), np.array([7.0]), 10, 9, correction="none")
    chi2, g2 = _hand_stats(3, 7, 10, 9)
    assert s["chi2"][0] == pytest.approx(-chi2) and chi2 == pytest.approx(4.33716, abs=1e-5)
    assert s["log_likelihood"][0] == pytest.approx(-g2) and g2 == pytest.approx(4.53494, abs=1e-5)
    assert s["p_chi2"][0] == pytest.approx(math.erfc(math.sqrt(chi2 / 2)))
    assert s["log_ratio"][0] == pytest.approx(math.log2((3 / 10) / (7 / 9)))
    # Yates, as R's chisq.test(correct=TRUE): sum((|O-E| - 0.5)^2 / E)
    yates = keyness_statistics(np.array([3.0]), np.array([7.0]), 10, 9, correction="default")
    e = [10 * 10 / 19, 10 * 9 / 19, 9 * 10 / 19, 9 * 9 / 19]
    o = [3, 7, 7, 2]
    r_chi2 = sum((abs(oi - ei) - 0.5) ** 2 / ei for oi, ei in zip(o, e))
    assert yates["chi2"][0] == pytest.approx(-r_chi2) and r_chi2 == pytest.approx(2.63244, abs=1e-5)
    # Williams' q for a 2x2 table
    williams = keyness_statistics(np.array([3.0]), np.array([7.0]), 10, 9, correction="williams")
    q = 1 + (19 / 10 + 19 / 9 - 1) * (19 / 10 + 19 / 9 - 1) / (6 * 19)
    assert williams["log_likelihood"][0] == pytest.approx(-g2 / q)


def test_p_value_at_the_5_percent_critical_value():
    # chi2(1) = 3.8415 has p = 0.05; find a table near it by construction
    s = keyness_statistics(np.array([60.0]), np.array([40.0]), 1000, 1000, correction="none")
    chi2, g2 = _hand_stats(60, 40, 1000, 1000)
    assert s["chi2"][0] == pytest.approx(chi2)
    assert s["p_lr"][0] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    assert keyness_statistics(np.array([1.0]), np.array([1.0]), 2, 2)["p_chi2"][0] == pytest.approx(1.0)
    assert math.erfc(math.sqrt(3.841458820694124 / 2)) == pytest.approx(0.05)


def test_keyness_between_scripts_of_the_seeds(docs, toks):
    table = keyness(docs, docs["script"] == "hant", correction="none")
    assert {c: str(t) for c, t in table.dtypes.items()} == dict(schema.KEYNESS)
    top_target = table[table["direction"] == "target"]["keyword"].head(10).tolist()
    assert "罗氏" in top_target
    assert ((table["log_ratio"] > 0) == (table["direction"] == "target")).all()
    assert ((table["log_likelihood"] > 0) == (table["direction"] == "target")).all()
    assert table["log_likelihood"].is_monotonic_decreasing
    # counts add up to the corpus counts of each word
    content = toks[[tokens.is_content(n, p, stop=tokens.stopwords()) for n, p in zip(toks["norm"], toks["pos"])]]
    row = table[table["keyword"] == "生物医药"].iloc[0]
    assert row["count_target"] + row["count_reference"] == (content["norm"] == "生物医药").sum()
    # the same comparison from a tokens table with a mask over tokens
    hant_ids = set(docs.loc[docs["script"] == "hant", "doc_id"])
    from_tokens = keyness(toks, toks["doc_id"].isin(hant_ids).to_numpy(), correction="none")
    pd.testing.assert_frame_equal(table, from_tokens)
    by_value = keyness(docs, "hant", by="script", correction="none")
    pd.testing.assert_frame_equal(table, by_value)


def test_keyness_errors(docs):
    with pytest.raises(InputError, match="needs by=COLUMN"):
        keyness(docs, "hant")
    with pytest.raises(InputError, match="not a value of column 'script'"):
        keyness(docs, "latin", by="script")
    with pytest.raises(InputError, match="overlap"):
        keyness(docs, "hant", by="script", reference=np.ones(len(docs), dtype=bool))
    with pytest.raises(InputError, match="must be boolean"):
        keyness(docs, [1, 0, 1, 0, 1])
    with pytest.raises(ConfigError, match="correction must be one of"):
        keyness(docs, "hant", by="script", correction="bonferroni")


# ---------------------------------------------------------------- frequency, KWIC, collocations, co-occurrence

def test_term_frequency_by_year(docs, toks):
    table = term_frequency(docs, by="year", terms=["細胞治療", "罗氏"], tokens=toks)
    assert list(table.columns) == list(TERM_FREQUENCY)
    assert table["group"].tolist() == ["2022", "2022", "2023", "2023", "2024", "2024"]
    cell = table[(table["group"] == "2024") & (table["term"] == "细胞治疗")].iloc[0]
    expected = script.to_simplified(docs["text"].iloc[4]).count("细胞治疗")
    assert cell["count"] == expected and expected >= 10
    assert cell["per_10k"] == pytest.approx(cell["count"] / cell["total"] * 10_000)
    assert table[(table["group"] == "2022") & (table["term"] == "罗氏")]["count"].iloc[0] == 0
    top = term_frequency(docs, by="date", top=5, tokens=toks)
    assert len(top) == 5 * len(docs)


def test_kwic_spans_and_cross_script(docs):
    assert set(kwic(docs, "细胞治疗")["match"]) == {"細胞治療"}  # only the traditional seed has it
    hits = kwic(docs, "生物医药", window=10)
    assert len(hits) >= 50
    assert set(hits["match"]) == {"生物医药", "生物醫藥"}
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for doc_id, start, end, match in zip(hits["doc_id"], hits["start"], hits["end"], hits["match"]):
        assert texts[doc_id][start:end] == match
    assert all(len(left) <= 10 and len(right) <= 10 for left, right in zip(hits["left"], hits["right"]))
    trad = kwic(docs, "生物醫藥", window=10)
    pd.testing.assert_frame_equal(hits[["doc_id", "start", "end"]], trad[["doc_id", "start", "end"]])


def test_hong_kong_variant_characters_are_unified():
    hk = pd.DataFrame({"doc_id": ["hk", "sh"], "text": ["食物及衞生局局長表示，衞生署會跟進。", "市卫生健康委员会表示。"]})
    assert kwic(hk, "卫生")[["doc_id", "match"]].values.tolist() == [["hk", "衞生"], ["hk", "衞生"], ["sh", "卫生"]]
    assert kwic(hk, "衞生").shape[0] == 3 and kwic(hk, "衛生").shape[0] == 3


def test_kwic_regex_case_and_no_hit(docs):
    assert set(kwic(docs, "roche")["match"]) == {"Roche"}
    assert kwic(docs, "roche", case_sensitive=True).empty
    hits = kwic(docs, r"(香港|上海)科技园", regex=True)
    assert set(hits["match"]) >= {"香港科技园", "香港科技園"}
    empty = kwic(docs, "量子计算")
    assert empty.empty and list(empty.columns) == list(schema.KWIC)
    with pytest.raises(InputError, match="not a valid regular expression"):
        kwic(docs, "(细胞", regex=True)


def test_collocations_scores(docs, toks):
    table = collocations(toks, min_count=3)
    assert {c: str(t) for c, t in table.dtypes.items()} == dict(schema.COLLOCATIONS)
    assert (table["count"] >= 3).all()
    assert table["log_likelihood"].is_monotonic_decreasing
    pairs = set(zip(table["word1"], table["word2"]))
    assert ("行政", "总裁") in pairs and ("人类", "遗传") in pairs
    # PMI from the counts, by hand
    content = toks[[tokens.is_content(n, p, stop=tokens.stopwords()) for n, p in zip(toks["norm"], toks["pos"])]]
    n = len(content)
    row = table[(table["word1"] == "行政") & (table["word2"] == "总裁")].iloc[0]
    fx, fy = (content["norm"] == "行政").sum(), (content["norm"] == "总裁").sum()
    assert row["pmi"] == pytest.approx(math.log2(row["count"] * n / (fx * fy)))
    assert collocations(toks, min_count=3, top=5, sort_by="pmi")["pmi"].is_monotonic_decreasing


def test_cooccurrence_of_terms_and_entities(docs, toks):
    edges = cooccurrence(toks, terms=["香港", "上海", "罗氏"])
    assert {c: str(t) for c, t in edges.dtypes.items()} == dict(schema.COOCCURRENCE)
    assert (edges["source"] < edges["target"]).all()
    assert edges["weight"].is_monotonic_decreasing
    sentence_sets = toks.groupby(["doc_id", "sentence_id"])["norm"].apply(set)
    both = sum(1 for s in sentence_sets if {"香港", "上海"} <= s)
    assert edges[(edges["source"] == "上海") & (edges["target"] == "香港")]["weight"].iloc[0] == both
    ents = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "sentence_id": [0, 0, 1, 0],
                         "canonical": ["罗氏", "香港科技园公司", "罗氏", "罗氏"]})
    assert cooccurrence(ents).values.tolist() == [["罗氏", "香港科技园公司", 1]]
    assert cooccurrence(ents, min_weight=2).empty


# ---------------------------------------------------------------- command line

class _FakeLoad:
    """Stands in for corpus_tools.load so the CLI test needs only the seeds."""

    def __init__(self, documents):
        self.documents = documents

    def read_corpus(self, path):
        documents = self.documents

        class Result:
            def summary(self):
                return f"{path}: {len(documents)} documents"

        result = Result()
        result.documents = documents
        return result


def test_cli_keywords_and_entities(docs, monkeypatch, capsys, tmp_path):
    import sys
    import types

    from corpus_tools import cli

    fake = types.ModuleType("corpus_tools.load")
    fake.read_corpus = _FakeLoad(docs).read_corpus
    monkeypatch.setitem(sys.modules, "corpus_tools.load", fake)
    import corpus_tools
    monkeypatch.setattr(corpus_tools, "load", fake, raising=False)

    assert cli.main(["keywords", "data", "--top", "2", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "group,rank,keyword,score,count,method" and len(out) == 1 + 2 * len(docs)
    assert cli.main(["keywords", "data", "--by", "all", "--top", "3", "--method", "textrank",
                     "-o", str(tmp_path / "kw.jsonl"), "--format", "jsonl"]) == 0
    lines = (tmp_path / "kw.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["group"] == "all"
    assert cli.main(["keywords", "data", "--by", "year", "--top", "1"]) == 0
    assert "2024" in capsys.readouterr().out
    assert cli.main(["keywords", "data", "--by", "publisher"]) == 2
    assert "by='publisher' is not a column" in capsys.readouterr().err
    assert cli.main(["entities", "data", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == ",".join(schema.ENTITIES) and len(rows) > 300


@pytest.mark.parametrize("first", ["import corpus_tools.keywords", "ct.keywords", "from corpus_tools import keywords"])
def test_keywords_module_and_function_names_do_not_clash_whatever_the_import_order(first):
    import subprocess
    import sys

    code = "\n".join([
        "import types, pandas as pd, corpus_tools as ct",
        first,
        "import corpus_tools.keywords as kw",
        "from corpus_tools import keywords",
        "assert isinstance(ct.keywords, types.ModuleType) and ct.keywords is kw is keywords",
        "docs = pd.DataFrame({'doc_id': ['a'], 'text': ['科技园公司推动细胞治疗。']})",
        "a = ct.top_keywords(docs, top=1); b = kw.top_keywords(docs, top=1)",
        "assert a.equals(b) and a['keyword'].iloc[0] == '科技园公司'",
        "assert kw.kwic is ct.kwic and ct.keywords.keyness is ct.keyness",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
