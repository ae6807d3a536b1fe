"""Tables for researchers' tools: CSV with a byte-order mark, XLSX, download links; and table
functions that take what a user has at hand (a DataFrame, a Series, a dict or a list of texts)."""
from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import export, schema
from corpus_tools.errors import InputError

TEXTS = ["香港科技園公司宣布，細胞治療中心開業，總投資50億元。", "上海市科学技术委员会：细胞治疗产业规模超万亿元。"]


def test_as_documents_from_a_list_a_series_and_a_dict():
    listed = schema.as_documents(TEXTS)
    assert listed["doc_id"].tolist() == ["doc0001", "doc0002"] and listed["text"].tolist() == TEXTS
    assert str(listed["doc_id"].dtype) == "string"
    assert schema.as_documents(pd.Series(TEXTS))["doc_id"].tolist() == ["doc0001", "doc0002"]
    named = schema.as_documents(pd.Series(TEXTS, index=["hk.txt", "sh.txt"]))
    assert named["doc_id"].tolist() == ["hk.txt", "sh.txt"]
    assert schema.as_documents({"hk": TEXTS[0]})["doc_id"].tolist() == ["hk"]
    assert schema.doc_ids(10_000)[-1] == "doc10000" and schema.doc_ids(3)[0] == "doc0001"
    with_gap = schema.as_documents([TEXTS[0], None])
    assert with_gap["text"].isna().tolist() == [False, True]
    table = pd.DataFrame({"doc_id": ["a"], "text": ["细胞治疗"]})
    assert schema.as_documents(table) is table  # a documents table passes untouched


@pytest.mark.parametrize("bad, message", [
    ("细胞治疗", r"got a single str .*pass \[text\] for one text, or load_corpus\(path\)"),
    (42, "got int; expected a documents DataFrame"),
    (["细胞治疗", 3], r"text 'doc0002' is a int \(3\), not a string"),
    (pd.DataFrame({"body": ["x"]}), r"lacks column\(s\) \['doc_id', 'text'\].*text_column"),
    (pd.DataFrame({"text": ["x"]}), r"lacks column\(s\) \['doc_id'\].*\(table\['text'\]\)"),
])
def test_as_documents_says_what_arrived(bad, message):
    with pytest.raises(InputError, match=message):
        schema.as_documents(bad, what="tokens_table")


@pytest.mark.parametrize("func", ["tokens_table", "entities_table", "top_keywords", "collocations"])
def test_table_functions_take_a_list_or_a_series(func):
    f = getattr(ct, func)
    options = {"min_count": 1} if func == "collocations" else {}
    from_list = f(TEXTS, **options)
    from_series = f(pd.Series(TEXTS), **options)
    from_table = f(pd.DataFrame({"doc_id": ["doc0001", "doc0002"], "text": TEXTS}), **options)
    pd.testing.assert_frame_equal(from_list, from_table)
    pd.testing.assert_frame_equal(from_series, from_table)
    assert len(from_table) > 0


def test_kwic_and_keyness_take_a_list():
    hits = ct.kwic(TEXTS, "细胞治疗", window=2)
    assert hits["doc_id"].tolist() == ["doc0001", "doc0002"] and hits["match"].tolist() == ["細胞治療", "细胞治疗"]
    table = ct.keyness(TEXTS, [True, False], min_count=1)
    assert {"target", "reference"} == set(table["direction"])


def test_table_functions_refuse_a_bare_string_clearly():
    with pytest.raises(InputError, match="tokens_table: got a single str"):
        ct.tokens_table("细胞治疗")
    with pytest.raises(InputError, match="entities_table: got int"):
        ct.entities_table(3)


def test_figures_table_takes_a_list_and_refuses_bad_input_clearly():
    assert ct.figures_table(TEXTS)["doc_id"].tolist()[0] == "doc0001"
    with pytest.raises(InputError, match="figures_table: got int"):
        ct.figures_table(3)


def test_xlsx_round_trip_and_what_excel_cannot_hold(tmp_path):
    frame = pd.DataFrame({"doc_id": pd.array(["a", None], dtype="string"), "value": [5e9, None],
                          "text": ["总投资\x0b50亿元", "x" * 40_000], "captions": [[[0, 4]], []],
                          "when": pd.to_datetime(["2023-03-31", "2022-08-26"]).tz_localize("Asia/Shanghai")})
    cut = export.to_xlsx(frame, tmp_path / "t.xlsx")
    back = pd.read_excel(tmp_path / "t.xlsx")
    assert cut == 1
    assert back["text"][0] == "总投资50亿元" and back["text"][1].endswith(export.TRUNCATED)
    assert len(back["text"][1]) == export.XLSX_MAX_CELL
    assert back["captions"].tolist() == ["[[0, 4]]", "[]"] and back["value"][0] == 5e9
    assert pd.isna(back["doc_id"][1]) and str(back["when"][0]) == "2023-03-31 00:00:00"
    assert frame["text"][0] == "总投资\x0b50亿元"  # the caller's frame is untouched


def test_csv_for_excel_has_one_byte_order_mark(tmp_path):
    frame = pd.DataFrame({"keyword": ["细胞治疗"], "count": [3]})
    export.to_csv(frame, tmp_path / "k.csv", excel=True)
    raw = (tmp_path / "k.csv").read_bytes()
    assert raw == "\ufeffkeyword,count\n细胞治疗,3\n".encode("utf-8")
    assert export.to_csv(frame) == "keyword,count\n细胞治疗,3\n"


def test_export_tables_writes_files_and_links(tmp_path):
    big = pd.DataFrame({"n": range(30)})
    links = export.export_tables({"关键词 top": pd.DataFrame({"keyword": ["沪港"]}), "big": big},
                                 tmp_path / "report_tables", xlsx_rows=10)
    assert sorted(p.name for p in (tmp_path / "report_tables").iterdir()) == [
        "big.csv", "关键词_top.csv", "关键词_top.xlsx"]
    page = links._repr_html_()
    assert 'href="report_tables/关键词_top.xlsx"' in page and "no XLSX: more than 10 rows" in page
    assert export.export_tables({"x": big}, None) is None
    with pytest.raises(InputError, match="table 'x' is a list"):
        export.export_tables({"x": [1]}, tmp_path)
