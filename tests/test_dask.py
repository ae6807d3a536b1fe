"""corpus_tools.dask on a distributed LocalCluster: the same tables as in-process, after sorting."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import schema

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
ctd = pytest.importorskip("corpus_tools.dask")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture()
def corpus(data_dir, test_data_dir, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(data_dir, folder)
    for path in sorted((test_data_dir / "dev" / "docs").iterdir())[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def _sorted(frame: pd.DataFrame, layout, by) -> pd.DataFrame:
    return schema.conform(frame, layout).sort_values(by, kind="stable").reset_index(drop=True)


def test_dask_tables_equal_the_in_process_ones(client, corpus):
    t = ctd.tables(corpus, chunk_size=3)
    assert t["documents"].npartitions == 3
    docs, figs, toks, ents, kw, report = dask.compute(t["documents"], t["figures"], t["tokens"], t["entities"],
                                                      ctd.keywords(t), ctd.load_report(corpus, chunk_size=3))
    want_docs = ct.load_corpus(corpus)
    want_toks = ct.tokens_table(want_docs)
    layout = {**schema.DOCUMENTS, **schema.DOCUMENTS_DERIVED}
    docs = docs.assign(captions=pd.Series(docs["captions"].tolist(), index=docs.index, dtype=object))
    pd.testing.assert_frame_equal(_sorted(docs, layout, ["doc_id"]), want_docs.reset_index(drop=True),
                                  check_exact=True)
    pd.testing.assert_frame_equal(_sorted(figs, schema.FIGURES, ["doc_id", "start"]), ct.figures_table(want_docs),
                                  check_exact=True)
    pd.testing.assert_frame_equal(_sorted(toks, schema.TOKENS, ["doc_id", "start"]), want_toks, check_exact=True)
    pd.testing.assert_frame_equal(_sorted(ents, schema.ENTITIES, ["doc_id"]), ct.entities_table(want_docs),
                                  check_exact=True)
    pd.testing.assert_frame_equal(_sorted(kw, schema.KEYWORDS, ["group", "rank"]),
                                  ct.top_keywords(want_docs, tokens=want_toks), check_exact=True)
    report_columns = {**schema.LOAD_REPORT, "doc_id": "string"}
    want_report = schema.conform(pd.DataFrame(want_docs.attrs["load_report"]), report_columns)
    pd.testing.assert_frame_equal(_sorted(report, report_columns, ["doc_id"]),
                                  want_report.sort_values("doc_id", kind="stable").reset_index(drop=True))
