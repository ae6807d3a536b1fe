"""The command line on data/: every subcommand writes its table in the formats it offers."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from corpus_tools import cli, schema


def test_tokens_articles_kwic_and_keyness(data_dir, tmp_path, capsys):
    assert cli.main(["tokens", str(data_dir), "--format", "parquet", "-o", str(tmp_path / "t.parquet")]) == 0
    tokens = pd.read_parquet(tmp_path / "t.parquet")
    assert list(tokens.columns)[:3] == ["doc_id", "sentence_id", "token"] and len(tokens) > 5000

    assert cli.main(["articles", str(data_dir), "--format", "csv"]) == 0
    articles = capsys.readouterr().out.splitlines()
    assert articles[0].startswith("doc_id,article_id,title,byline") and len(articles) > 10  # the page is split

    assert cli.main(["kwic", str(data_dir), "细胞治疗", "--window", "5", "--format", "jsonl"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits and {h["match"] for h in hits} >= {"細胞治療"} and all(len(h["left"]) <= 5 for h in hits)
    assert list(hits[0]) == list(schema.KWIC)

    assert cli.main(["keyness", str(data_dir), "--by", "publisher", "--target", "香港科技园公司", "--top", "5",
                     "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 6 and rows[1].split(",")[0] == "科技园公司"


@pytest.mark.parametrize("argv, message", [
    (["kwic", "data", "(细胞", "--regex"], "not a valid regular expression"),
    (["keyness", "data", "--by", "no_such_column", "--target", "x"], "no_such_column"),
])
def test_bad_options_are_named(data_dir, capsys, argv, message):
    argv = [argv[0], str(data_dir), *argv[2:]]
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


# ---------------------------------------------------------------- Excel and the report's question

TABLE_COMMANDS = [
    ["load"], ["load", "--report"], ["figures"], ["keywords", "--by", "doc_id", "--top", "3"],
    ["entities"], ["tokens"], ["articles"], ["kwic", "细胞治疗"],
    ["keyness", "--by", "doc_id", "--target", "a.txt", "--min-count", "1"],
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    (folder / "a.txt").write_text("香港科技園公司宣布，細胞治療中心於2023年3月31日開業，總投資50億元。\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("上海市科学技术委员会：细胞治疗产业规模超万亿元，近300人参加。\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", TABLE_COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_every_table_command_writes_xlsx_and_excel_csv(small, tmp_path, capsys, command):
    name, *options = command
    xlsx, csv = tmp_path / "t.xlsx", tmp_path / "t.csv"
    assert cli.main([name, str(small), *options, "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert cli.main([name, str(small), *options, "--excel", "-o", str(csv)]) == 0
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1  # one byte-order mark
    from_csv = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False)
    from_xlsx = pd.read_excel(xlsx, keep_default_na=False)
    assert list(from_xlsx.columns) == list(from_csv.columns) and len(from_xlsx) == len(from_csv) > 0
    capsys.readouterr()


def test_excel_options_are_checked(small, capsys):
    assert cli.main(["figures", str(small), "--format", "xlsx"]) == 2
    assert "--format xlsx needs -o FILE" in capsys.readouterr().err
    assert cli.main(["figures", str(small), "--format", "jsonl", "--excel"]) == 2
    assert "--excel writes CSV for Excel" in capsys.readouterr().err
    assert cli.main(["kwic", str(small), "細胞治療", "--excel"]) == 0  # stdout, with the mark
    assert capsys.readouterr().out.startswith("\ufeffdoc_id,start,end,left,match,right")


def test_long_cells_are_cut_for_excel_and_said_so(tmp_path, capsys):
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "a.txt").write_text("细胞治疗产业发展。" * 4_000, encoding="utf-8")  # 36,000 characters
    out = tmp_path / "docs.xlsx"
    assert cli.main(["load", str(folder), "--format", "xlsx", "-o", str(out)]) == 0
    assert "were cut" in capsys.readouterr().err
    text = pd.read_excel(out)["text"][0]
    assert len(text) == 32_767 and text.endswith("…[truncated]")


def test_report_options_reach_build_report(monkeypatch, tmp_path, capsys):
    from corpus_tools import report

    seen = {}

    def fake(path, **kwargs):
        seen.update(kwargs, path=path)
        return tmp_path / "r.html"

    monkeypatch.setattr(report, "build_report", fake)
    assert cli.main(["report", "data", "-o", str(tmp_path / "r.html"), "--by", "doc_type", "--target",
                     "press_release", "--terms", "细胞治疗,沪港", "--title", "我的报告",
                     "--build-dir", str(tmp_path / "b"), "--workers", "1"]) == 0
    assert seen == {"path": "data", "output": str(tmp_path / "r.html"), "by": "doc_type",
                    "target": "press_release", "terms": "细胞治疗,沪港", "title": "我的报告", "tables": True,
                    "build_dir": str(tmp_path / "b"), "workers": 1}
    assert "r_tables" in capsys.readouterr().err
    assert cli.main(["report", "data", "--no-tables"]) == 0
    assert seen["by"] == "publisher" and seen["target"] is None and seen["terms"] is None
    assert seen["build_dir"] is None and seen["workers"] is None
    assert seen["tables"] is False
