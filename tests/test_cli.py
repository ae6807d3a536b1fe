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
