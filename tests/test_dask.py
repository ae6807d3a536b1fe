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


def test_dask_decides_corpus_furniture_over_the_whole_corpus(client, tmp_path):
    for i in range(1, 7):  # a template line in 4 of 6 documents of one publisher, at most 2 a partition
        body = [f"关于第{i}批科技项目的通知", "来源：江苏省科学技术厅"] + (["江苏科技惠企专栏"] if i % 3 else [])
        body += [f"第{i}批项目共有{i}0个，总投资{i}亿元，涉及生物医药和集成电路等领域，各地要认真组织实施。"]
        (tmp_path / f"doc{i}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    assert ctd.corpus_furniture(tmp_path, chunk_size=2) == {"江苏省科学技术厅": frozenset({"江苏科技惠企专栏"})}
    docs, report = dask.compute(ctd.documents(tmp_path, chunk_size=2), ctd.load_report(tmp_path, chunk_size=2))
    want = ct.load_corpus(tmp_path)
    assert not want["text"].str.contains("江苏科技惠企专栏").any()
    docs = docs.assign(captions=pd.Series(docs["captions"].tolist(), index=docs.index, dtype=object))
    layout = {**schema.DOCUMENTS, **schema.DOCUMENTS_DERIVED}
    pd.testing.assert_frame_equal(_sorted(docs, layout, ["doc_id"]), want.reset_index(drop=True), check_exact=True)
    assert _sorted(report, {**schema.LOAD_REPORT, "doc_id": "string"}, ["doc_id"])["n_chars"].tolist() == \
        want["n_chars"].tolist()
