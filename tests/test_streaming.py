"""corpus_tools.build / open_build: Parquet datasets equal to the in-memory tables, incremental re-runs, CLI."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import cli, schema
from corpus_tools.errors import InputError

REPORT_COLUMNS = {**schema.LOAD_REPORT, "doc_id": "string"}


def _in_memory(path) -> dict[str, pd.DataFrame]:
    docs = ct.load_corpus(path)
    toks = ct.tokens_table(docs)
    report = schema.conform(pd.DataFrame(docs.attrs["load_report"]), REPORT_COLUMNS)
    return {"documents": docs, "load_report": report.sort_values("doc_id", kind="stable"),
            "figures": ct.figures_table(docs), "tokens": toks, "entities": ct.entities_table(docs),
            "keywords": ct.top_keywords(docs, tokens=toks),
            "keywords_publisher": ct.top_keywords(docs, by="publisher", top=5, tokens=toks),
            "textrank_year": ct.top_keywords(docs, by="year", top=5, method="textrank", tokens=toks)}


def _from_build(b) -> dict[str, pd.DataFrame]:
    return {"documents": b.documents(), "load_report": b.load_report(), "figures": b.figures(),
            "tokens": b.tokens(), "entities": b.entities(), "keywords": b.keywords(),
            "keywords_publisher": b.keywords(by="publisher", top=5),
            "textrank_year": b.keywords(by="year", top=5, method="textrank")}


def _assert_same(want: dict, got: dict) -> None:
    for name, table in want.items():
        pd.testing.assert_frame_equal(got[name].reset_index(drop=True), table.reset_index(drop=True),
                                      check_exact=True, obj=name)


def test_build_of_data_equals_the_in_memory_tables(data_dir, tmp_path):
    b = ct.build(data_dir, tmp_path / "out", workers=1, chunk_size=2, progress=False)
    assert b.summary == {"files": 5, "processed": 5, "reused": 0, "dropped": 0, "documents": 5, "parts": 3}
    _assert_same(_in_memory(data_dir), _from_build(b))
    docs = ct.load_corpus(data_dir)
    target = docs["publisher"].dropna().iloc[0]
    for options in ({}, {"measure": "chi2", "correction": "williams", "min_count": 1}):
        pd.testing.assert_frame_equal(b.keyness(target, by="publisher", **options),
                                      ct.keyness(docs, target, by="publisher", **options), check_exact=True)
    assert b.documents().attrs["load_report"] == ct.load_corpus(data_dir).attrs["load_report"]


@pytest.fixture()
def small_corpus(test_data_dir, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    dev = sorted((test_data_dir / "dev" / "docs").iterdir())
    for path in dev[:5] + [p for p in dev if p.suffix == ".html"][:1]:
        shutil.copy(path, folder / path.name)
    (folder / "README.md").write_text("not a document", encoding="utf-8")
    return folder


def test_incremental_build_skips_unchanged_redoes_changed_drops_deleted(small_corpus, tmp_path):
    out = tmp_path / "out"
    first = ct.build(small_corpus, out, workers=2, chunk_size=2, progress=False)
    assert first.summary["processed"] == 6 and first.summary["parts"] == 3
    again = ct.build(small_corpus, out, workers=2, chunk_size=2, progress=False)
    assert again.summary == {**first.summary, "processed": 0, "reused": 6}
    files = sorted(p for p in small_corpus.iterdir() if p.suffix in (".txt", ".html"))
    changed, deleted = files[0], files[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n香港科技園公司與羅氏合作推動細胞治療。\n",
                       encoding="utf-8")
    deleted.unlink()
    (small_corpus / "zz_new.txt").write_text("上海市生物医药产业发展大会今日召开，签约项目12个，总投资50亿元。",
                                             encoding="utf-8")
    third = ct.build(small_corpus, out, workers=1, chunk_size=2, progress=False)
    assert (third.summary["processed"], third.summary["reused"], third.summary["dropped"]) == (2, 4, 1)
    _assert_same(_in_memory(small_corpus), _from_build(third))


def test_open_build_refuses_a_folder_that_is_no_build(tmp_path):
    with pytest.raises(InputError, match="no build.json"):
        ct.open_build(tmp_path)


def test_build_checks_its_options(data_dir, tmp_path):
    with pytest.raises(InputError, match="workers"):
        ct.build(data_dir, tmp_path, workers=0)


def test_cli_build_then_reuse(data_dir, tmp_path, capsys):
    assert cli.main(["build", str(data_dir), "-o", str(tmp_path / "b"), "--workers", "1", "--no-progress"]) == 0
    assert "5 processed" in capsys.readouterr().err
    assert cli.main(["build", str(data_dir), "-o", str(tmp_path / "b"), "--workers", "1", "--no-progress"]) == 0
    assert "0 processed, 5 unchanged, 0 dropped" in capsys.readouterr().err
    assert len(ct.open_build(tmp_path / "b").figures()) == len(ct.figures_table(ct.load_corpus(data_dir)))


def test_load_corpus_can_leave_the_raw_text_out(data_dir):
    slim = ct.load_corpus(data_dir, keep_raw=False)
    full = ct.load_corpus(data_dir)
    assert slim["text_raw"].isna().all() and slim["text"].equals(full["text"])
    assert slim.memory_usage(deep=True).sum() < 0.7 * full.memory_usage(deep=True).sum()


def test_a_failing_chunk_names_its_files(data_dir, tmp_path, monkeypatch):
    from corpus_tools import figures

    def broken(documents, **kwargs):
        raise ValueError("no figures today")

    monkeypatch.setattr(figures, "figures_table", broken)
    with pytest.raises(ct.CorpusToolsError, match=r"chunk part-00000 .*000_3615f49ca4e62b93.txt.*no figures today"):
        ct.build(data_dir, tmp_path / "out", workers=1, progress=False)


def test_progress_bar_shows_files_and_falls_back_to_text_without_widgets(data_dir, tmp_path, monkeypatch, capsys):
    import tqdm.auto

    def no_widgets(*args, **kwargs):
        raise ImportError("IProgress not found")

    monkeypatch.setattr(tqdm.auto, "tqdm", no_widgets)
    ct.build(data_dir, tmp_path / "out", workers=1, progress=True)
    err = capsys.readouterr().err
    assert "build: 100%" in err and "files=5/5" in err
