"""Data quality tables on small documents tables and on the dev corpus."""
from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import quality, schema
from corpus_tools.errors import InputError


@pytest.fixture()
def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["b.txt", "a.txt", "c.txt"],
        "title": ["关于促进细胞治疗产业发展的若干措施", "  ", None],
        "date": ["2023-03-31", "2022-08-26", None],
        "publisher": ["上海市科学技术委员会", None, "香港科技园公司"],
        "doc_type": ["policy_notice", "news_article", "press_release"],
        "n_chars": [120, 40, 80],
    })


def test_missing_metadata_names_what_each_document_lacks(documents):
    missing = quality.missing_metadata(documents)
    assert list(missing.columns) == list(schema.MISSING_METADATA)
    assert missing[["doc_id", "missing"]].values.tolist() == [["a.txt", "title, publisher"],
                                                               ["c.txt", "title, date"]]
    coverage = quality.metadata_coverage(documents)
    assert coverage[["field", "present", "missing"]].values.tolist() == [
        ["title", 1, 2], ["date", 2, 1], ["publisher", 2, 1]]
    assert quality.missing_metadata(documents.iloc[:1]).empty


def test_document_summary_counts_what_was_found(documents):
    figures = pd.DataFrame({"doc_id": ["b.txt", "b.txt", "c.txt"], "kind": ["money", "date", "money"]})
    entities = pd.DataFrame({"doc_id": ["a.txt"]})
    summary = quality.document_summary(documents, figures=figures, entities=entities)
    assert list(summary.columns) == list(schema.DOCUMENT_SUMMARY)
    assert summary[["doc_id", "n_figures", "n_money", "n_entities"]].values.tolist() == [
        ["b.txt", 2, 1, 0], ["a.txt", 0, 0, 1], ["c.txt", 1, 1, 0]]
    bare = quality.document_summary(documents)
    assert bare["n_figures"].isna().all() and bare["n_entities"].isna().all()
    with pytest.raises(InputError, match="entities must be a table with 'doc_id'"):
        quality.document_summary(documents, entities=pd.DataFrame({"x": [1]}))


def test_load_problems_lists_failures_first():
    report = pd.DataFrame({"path": ["a.txt", "z.bin", "b.pdf"], "status": ["loaded", "skipped", "failed"],
                           "reason": [None, "not a document", "no text layer"]})
    assert quality.load_problems(report)["path"].tolist() == ["b.pdf", "z.bin"]
    with pytest.raises(InputError, match="expected a load report"):
        quality.load_problems(pd.DataFrame({"doc_id": ["a"]}))


def test_dev_corpus_quality_matches_its_documents(test_data_dir):
    corpus = ct.read_corpus(test_data_dir / "dev" / "docs")
    documents = corpus.documents
    missing = ct.missing_metadata(documents)
    lacking = documents[["title", "date", "publisher"]].isna().any(axis=1)
    assert len(missing) == int(lacking.sum()) > 0
    assert set(missing["doc_id"]) == set(documents.loc[lacking, "doc_id"])
    summary = ct.document_summary(documents)
    assert summary["doc_id"].tolist() == documents["doc_id"].tolist()
    assert (summary["n_chars"] == documents["n_chars"]).all()
