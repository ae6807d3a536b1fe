"""Tests of corpus_tools.load: the sample corpus, every input format and a bad-input folder."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from sample_files import pdf_bytes

from corpus_tools import load, schema
from corpus_tools.errors import CorpusToolsError, DecodeError, FormatError, InputError

GBK_TEXT = "上海市科学技术委员会对提案的答复。产业规模超万亿元，增长24%。"
BIG5_TEXT = "香港科技園公司與羅氏簽署戰略合作協議，共同引領大灣區發展。"
UTF8_TEXT = "沪港生物医药合作十分密切。\n\n一是开展双向投资促进活动。"


# ---------------------------------------------------------------- the sample corpus

@pytest.fixture(scope="module")
def seed_result(data_dir):
    return load.read_corpus(data_dir)


def test_seed_corpus_follows_schema(seed_result, data_dir):
    docs = seed_result.documents
    layout = {**schema.DOCUMENTS, **schema.DOCUMENTS_DERIVED}
    assert list(docs.columns) == list(layout)
    assert {c: str(docs[c].dtype) for c in layout} == dict(layout)
    assert docs["doc_id"].tolist() == sorted(p.name for p in data_dir.glob("*.txt"))
    assert (docs["format"] == "txt").all() and (docs["encoding"] == "utf-8").all()
    assert list(seed_result.report.columns)[:len(schema.LOAD_REPORT)] == list(schema.LOAD_REPORT)
    assert seed_result.report["status"].tolist() == ["loaded"] * 5 + ["skipped"]
    assert seed_result.report["doc_id"].tolist()[-1] == "README.md"
    assert seed_result.report["reason"].tolist()[-1] == "corpus documentation (README), not a document"


def test_seed_raw_text_is_untouched(seed_result, data_dir):
    for row in seed_result.documents.itertuples():
        assert row.text_raw == (data_dir / row.doc_id).read_text(encoding="utf-8")
        assert row.n_chars == len(row.text) > 1000
        assert Path(row.path).is_absolute() and Path(row.path).name == row.doc_id


def test_caption_spans_point_into_text(seed_result):
    for row in seed_result.documents.itertuples():
        for start, end in row.captions:
            caption = row.text[start:end]
            assert caption and "\n" not in caption


def test_summary_and_attrs(seed_result, data_dir):
    assert seed_result.summary() == f"{data_dir}: 6 files: 5 loaded, 1 skipped, 0 failed"
    report = pd.DataFrame(seed_result.documents.attrs["load_report"])
    assert report["status"].tolist() == ["loaded"] * 5 + ["skipped"]


def test_two_corpora_concatenate(data_dir):
    """The report kept in attrs must not break pd.concat (pandas compares attrs with ==)."""
    a = load.load_corpus(data_dir / "000_3615f49ca4e62b93.txt")
    b = load.load_corpus(data_dir / "001_8b94e84355f05d28.txt")
    assert pd.concat([a, b])["doc_id"].tolist() == ["000_3615f49ca4e62b93.txt", "001_8b94e84355f05d28.txt"]


def test_single_file_and_glob(data_dir):
    one = load.load_corpus(data_dir / "002_9130c0e98b06f455.txt")
    assert one["doc_id"].tolist() == ["002_9130c0e98b06f455.txt"]
    globbed = load.load_corpus(str(data_dir / "00[34]_*.txt"))
    assert globbed["doc_id"].tolist() == ["003_010416adabf53790.txt", "004_6bcdac202017c94e.txt"]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load.read_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match="no files match"):
        load.read_corpus(str(tmp_path / "*.txt"))


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("data, text, encoding", [
    (UTF8_TEXT.encode("utf-8"), UTF8_TEXT, "utf-8"),
    (b"\xef\xbb\xbf" + UTF8_TEXT.encode("utf-8"), UTF8_TEXT, "utf-8-sig"),
    (UTF8_TEXT.encode("utf-16"), UTF8_TEXT, "utf-16"),
    (UTF8_TEXT.encode("utf-16-le"), UTF8_TEXT, "utf-16-le"),
    (GBK_TEXT.encode("gbk"), GBK_TEXT, "gb18030"),
    (GBK_TEXT.encode("gb18030"), GBK_TEXT, "gb18030"),
    (BIG5_TEXT.encode("big5"), BIG5_TEXT, "big5"),
    ("香港科技園公司".encode("big5"), "香港科技園公司", "big5"),
    ("沪港合作。".encode("gb2312"), "沪港合作。", "gb18030"),
])
def test_decode_bytes(data, text, encoding):
    assert load.decode_bytes(data)[:2] == (text, encoding)


def test_decode_truncated_utf8_drops_and_says_so():
    data = UTF8_TEXT.encode("utf-8")[:-2]
    text, encoding, note = load.decode_bytes(data)
    assert text == UTF8_TEXT[:-1] and encoding == "utf-8"
    assert note == "truncated UTF-8: dropped 1 incomplete byte(s) at the end"


@pytest.mark.parametrize("data, error, match", [
    (b"", load.EmptyFileError, "empty"),
    (b"  \n\n", load.EmptyFileError, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", load.BinaryFileError, "binary"),
])
def test_decode_rejects(data, error, match):
    with pytest.raises(error, match=match):
        load.decode_bytes(data, name="x.txt")


def test_undecodable_bytes_fail_with_reason():
    data = bytes(range(0x80, 0x100)) * 20
    with pytest.raises(DecodeError, match="undecodable"):
        load.decode_bytes(data, name="bad.txt")


# ---------------------------------------------------------------- a bad-input folder

def _docx(path: Path, paragraphs: list[str], table: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    document.save(str(path))


def _pdf_with_text(path: Path, lines: list[str]) -> None:
    path.write_bytes(pdf_bytes(lines))


def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>科技园新闻 - 某网</title>
<script>var secret = "脚本内容不应出现";</script><style>.x{color:red}</style></head><body>
<nav><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/about">关于我们</a> | <a href="/c">联系我们</a></nav>
<article><h1>香港科技园公司代表团访问上海</h1>
<p>(香港·2023年3月31日) — 香港科技园公司行政总裁黄克强先生日前率领代表团展开一连两天的上海访问行程，到访上海多间生物医药企业、产业平台和创新中心。</p>
<p>生物科技一直是上海的重要产业支柱。预料至2025年，上海将实现生物医药制造业产值2400亿元，生物医药产业规模超万亿元。</p>
<script>document.write("另一段脚本");</script></article>
<footer>版权所有 © 2023 香港科技园公司</footer></body></html>"""


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_corpus")
    (root / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (root / "big5.txt").write_bytes(BIG5_TEXT.encode("big5"))
    (root / "utf16.txt").write_bytes(UTF8_TEXT.encode("utf-16"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + UTF8_TEXT.encode("utf-8"))
    (root / "crlf.txt").write_bytes(UTF8_TEXT.replace("\n", "\r\n").encode("utf-8"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00PK\x03\x04" * 50)
    (root / "truncated.txt").write_bytes(UTF8_TEXT.encode("utf-8")[:-2])
    (root / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    (root / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with zipfile.ZipFile(root / "notword.docx", "w") as z:
        z.writestr("hello.txt", "a zip without word/document.xml")
    _docx(root / "real.docx", ["香港科技园公司与罗氏签署战略合作协议。", "双方将推动数据协作。"],
          [["项目", "金额"], ["生物医药基金", "2400亿元"]])
    (root / "page.html").write_text(HTML, encoding="utf-8")
    _pdf_with_text(root / "text.pdf", ["Roche and HKSTP signed a strategic agreement in 2023.",
                                       "The park hosts over 12,000 researchers."])
    _blank_pdf(root / "scanned.pdf")
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref")
    nested = root / "子目录" / "更深 一层"
    nested.mkdir(parents=True)
    (nested / "上海 科技 新闻.txt").write_text("上海科技创新中心建设取得新进展。", encoding="utf-8")
    (root / "long.txt").write_text("科技园区合作，" * 300_000 + "完。", encoding="utf-8")  # ~6 MB, one line
    (root / "notes.rtf").write_text("{\\rtf1 hello}", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".hidden.txt").write_text("隐藏文件", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bad_result(bad_folder):
    return load.read_corpus(bad_folder)


EXPECTED_STATUS = {
    ".git/": ("skipped", "hidden folder"),
    ".hidden.txt": ("skipped", "hidden file"),
    "big5.txt": ("loaded", None),
    "binary.txt": ("skipped", "binary"),
    "bom.txt": ("loaded", None),
    "corrupt.docx": ("failed", "corrupt docx"),
    "corrupt.pdf": ("failed", "corrupt PDF"),
    "crlf.txt": ("loaded", None),
    "empty.txt": ("skipped", "empty"),
    "gbk.txt": ("loaded", None),
    "image.png": ("skipped", "unsupported extension '.png'"),
    "long.txt": ("loaded", None),
    "notes.rtf": ("skipped", "RTF is not supported"),
    "notword.docx": ("failed", "corrupt docx"),
    "page.html": ("loaded", None),
    "real.docx": ("loaded", None),
    "scanned.pdf": ("skipped", "no text layer (scanned?)"),
    "text.pdf": ("loaded", None),
    "truncated.txt": ("loaded", "truncated UTF-8: dropped 1 incomplete byte(s) at the end"),
    "undecodable.txt": ("failed", "undecodable"),
    "utf16.txt": ("loaded", None),
    "子目录/更深 一层/上海 科技 新闻.txt": ("loaded", None),
}


def test_every_input_file_is_accounted_for(bad_result):
    report = bad_result.report.set_index("doc_id")
    assert sorted(report.index) == sorted(EXPECTED_STATUS)
    for doc_id, (status, reason) in EXPECTED_STATUS.items():
        row = report.loc[doc_id]
        assert row["status"] == status, (doc_id, row["reason"])
        if reason is None:
            assert pd.isna(row["reason"]), doc_id
        else:
            assert reason in row["reason"], (doc_id, row["reason"])
        if status == "loaded":
            assert row["n_chars"] > 0
        else:
            assert pd.isna(row["n_chars"])
    assert bad_result.summary().endswith("22 files: 11 loaded, 7 skipped, 4 failed")


def test_bad_folder_documents_hold_the_decoded_text(bad_result):
    docs = bad_result.documents.set_index("doc_id")
    assert docs.loc["gbk.txt", "text"] == GBK_TEXT and docs.loc["gbk.txt", "encoding"] == "gb18030"
    assert docs.loc["big5.txt", "text"] == BIG5_TEXT and docs.loc["big5.txt", "script"] == "hant"
    for doc_id in ("utf16.txt", "bom.txt", "crlf.txt"):
        assert docs.loc[doc_id, "text"] == UTF8_TEXT, doc_id
    assert docs.loc["crlf.txt", "text_raw"] == UTF8_TEXT.replace("\n", "\r\n")  # raw stays raw
    assert docs.loc["truncated.txt", "text"] == UTF8_TEXT[:-1]
    nested = docs.loc["子目录/更深 一层/上海 科技 新闻.txt"]
    assert nested["text"] == "上海科技创新中心建设取得新进展。"
    assert docs.loc["long.txt", "n_chars"] == len("科技园区合作，") * 300_000 + 2


def test_docx_paragraphs_and_table_cells(bad_result):
    row = bad_result.documents.set_index("doc_id").loc["real.docx"]
    assert row["format"] == "docx" and pd.isna(row["encoding"])
    assert row["text"] == "香港科技园公司与罗氏签署战略合作协议。\n双方将推动数据协作。\n项目 金额\n生物医药基金 2400亿元"


def test_html_main_text_without_scripts_or_navigation(bad_result):
    row = bad_result.documents.set_index("doc_id").loc["page.html"]
    assert row["format"] == "html" and row["encoding"] == "utf-8"
    text = row["text"]
    assert "生物医药产业规模超万亿元" in text and "2400亿元" in text
    for junk in ("脚本", "secret", "document.write", "color:red", "首页", "新闻中心", "版权所有"):
        assert junk not in text and junk not in row["text_raw"], junk
    assert row["title"] == "香港科技园公司代表团访问上海"
    assert row["date"] == "2023-03-31" and row["doc_type"] == "press_release"


def test_government_site_page_keeps_the_article_and_its_metadata(tmp_path):
    """A page of a government portal: breadcrumb, info bar (source, time, font size), print links
    and ICP footer are chrome; the article's paragraphs stay as they were, none joined to the chrome."""
    (tmp_path / "page.html").write_bytes((Path(__file__).parent / "cases" / "gov_site_page.html").read_bytes())
    row = load.load_corpus(tmp_path).iloc[0]
    assert row["text"].startswith("4月17日，记者从广州开发区获悉")
    assert row["text"].count("\n") == 2 and row["text"].endswith("支持跨国公司设立地区总部和研发中心。")
    for junk in ("当前位置", "首页", "字号", "发布时间", "ICP", "网站地图"):
        assert junk not in row["text"], junk
    assert row["title"] == "广州开发区：今年一季度实际利用外资增长35.6%"
    assert (row["date"], row["source"]) == ("2024-04-18", "广州开发区管委会")


def test_pdf_text_layer(bad_result):
    row = bad_result.documents.set_index("doc_id").loc["text.pdf"]
    assert row["format"] == "pdf"
    assert "Roche and HKSTP signed a strategic agreement in 2023." in row["text"]
    assert "12,000 researchers" in row["text"]


def test_read_document_raises_named_errors(bad_folder):
    with pytest.raises(load.NoTextLayerError, match="scanned.pdf: no text layer"):
        load.read_document(bad_folder / "scanned.pdf")
    with pytest.raises(FormatError, match="corrupt.docx: corrupt docx"):
        load.read_document(bad_folder / "corrupt.docx")
    with pytest.raises(DecodeError, match="undecodable.txt: undecodable"):
        load.read_document(bad_folder / "undecodable.txt")
    with pytest.raises(FormatError, match="unsupported extension"):
        load.read_document(bad_folder / "image.png")
    assert issubclass(load.NoTextError, CorpusToolsError)
    assert load.read_document(bad_folder / "gbk.txt") == (GBK_TEXT, "gb18030", "txt")


# ---------------------------------------------------------------- metadata.csv

def test_metadata_csv_overrides_and_adds(tmp_path, data_dir):
    for name in ("000_3615f49ca4e62b93.txt", "003_010416adabf53790.txt"):
        (tmp_path / name).write_bytes((data_dir / name).read_bytes())
    (tmp_path / "metadata.csv").write_text(
        "file,date,source,region\n"
        "003_010416adabf53790.txt,2022-12-01,中国高新技术产业导报,全国\n"
        "000_3615f49ca4e62b93.txt,,,香港\n"
        "missing.txt,2020,x,y\n", encoding="utf-8")
    result = load.read_corpus(tmp_path)
    docs = result.documents.set_index("doc_id")
    page = docs.loc["003_010416adabf53790.txt"]
    assert (page["date"], page["date_precision"], page["source"]) == ("2022-12-01", "day", "中国高新技术产业导报")
    release = docs.loc["000_3615f49ca4e62b93.txt"]
    assert (release["date"], release["source"], release["region"]) == ("2023-03-31", "香港科技园公司", "香港")
    assert list(result.documents.columns)[-1] == "region"
    meta_row = result.report.set_index("doc_id").loc["metadata.csv"]
    assert meta_row["status"] == "skipped"
    assert meta_row["reason"] == "metadata file: 2 row(s) joined, 1 unmatched (missing.txt)"


def test_metadata_csv_source_sets_the_publisher(tmp_path, data_dir):
    names = ("000_3615f49ca4e62b93.txt", "001_8b94e84355f05d28.txt", "002_9130c0e98b06f455.txt",
             "003_010416adabf53790.txt")
    for name in names:
        (tmp_path / name).write_bytes((data_dir / name).read_bytes())
    (tmp_path / "metadata.csv").write_text(
        "file,source,publisher\n"
        "003_010416adabf53790.txt,中國高新技術產業導報,\n"        # a source alone: publisher derived from it
        "001_8b94e84355f05d28.txt,HKSTP,\n"                      # an alias
        "002_9130c0e98b06f455.txt,上海市科委,上海科技\n"          # the row's own publisher wins
        "000_3615f49ca4e62b93.txt,,\n", encoding="utf-8")        # nothing given: inferred values stay
    docs = load.load_corpus(tmp_path).set_index("doc_id")
    assert docs.loc[list(names), ["source", "publisher"]].values.tolist() == [
        ["香港科技园公司", "香港科技园公司"], ["HKSTP", "香港科技园公司"], ["上海市科委", "上海科技"],
        ["中國高新技術產業導報", "中国高新技术产业导报"]]
    assert str(docs["publisher"].dtype) == "string"


def test_metadata_csv_without_publisher_column(tmp_path, data_dir):
    name = "001_8b94e84355f05d28.txt"
    (tmp_path / name).write_bytes((data_dir / name).read_bytes())
    (tmp_path / "metadata.csv").write_text(f"doc_id,source\n{name},羅氏大藥廠香港有限公司\n", encoding="utf-8")
    docs = load.load_corpus(tmp_path)
    assert docs[["source", "publisher"]].values.tolist() == [["羅氏大藥廠香港有限公司", "罗氏大药厂香港有限公司"]]


def test_empty_corpus_has_the_documented_columns(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    docs = load.load_corpus(tmp_path)
    assert len(docs) == 0 and list(docs.columns) == [*schema.DOCUMENTS, *schema.DOCUMENTS_DERIVED]


def test_metadata_csv_needs_a_key_column(tmp_path):
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "meta.csv").write_text("title\nx\n", encoding="utf-8")
    with pytest.raises(FormatError, match="needs a column naming the file"):
        load.read_corpus(tmp_path / "a.txt", metadata=tmp_path / "meta.csv")


# ---------------------------------------------------------------- CLI

def test_cli_load_prints_table_and_summary(data_dir, tmp_path):
    out = tmp_path / "docs.jsonl"
    done = subprocess.run([sys.executable, "-m", "corpus_tools", "load", str(data_dir), "--format", "jsonl",
                           "-o", str(out)], capture_output=True, text=True, check=True)
    assert "6 files: 5 loaded, 1 skipped, 0 failed" in done.stderr
    table = pd.read_json(out, lines=True)
    assert table["doc_id"].tolist()[0] == "000_3615f49ca4e62b93.txt"
    report = subprocess.run([sys.executable, "-m", "corpus_tools", "load", str(data_dir), "--report"],
                            capture_output=True, text=True, check=True)
    assert report.stdout.splitlines()[0].split() == ["path", "status", "reason", "format", "encoding", "n_chars",
                                                     "doc_id"]


def test_string_columns_built_from_utf8_equal_pandas_own():
    values = ["香港科技園公司", "", "abc", "混合 text\n第二行", "𠀀 astral"]
    expected = pd.array(values, dtype="string")
    pd.testing.assert_extension_array_equal(load._string_array(values), expected)
    utf8 = [v.encode("utf-8") if i % 2 else None for i, v in enumerate(values)]
    pd.testing.assert_extension_array_equal(load._string_array(values, utf8), expected)
    pd.testing.assert_extension_array_equal(load._string_array([]), pd.array([], dtype="string"))
    # values that do not encode are left to pandas, which decides as before
    with pytest.raises(Exception) as fast:
        load._string_array(["\ud800"])
    with pytest.raises(Exception) as slow:
        pd.array(["\ud800"], dtype="string")
    assert type(fast.value) is type(slow.value)


def test_utf8_bytes_are_reused_only_when_they_are_the_text(tmp_path):
    (tmp_path / "plain.txt").write_bytes("沪港合作。".encode())
    (tmp_path / "bom.txt").write_bytes("\ufeff沪港合作。".encode())
    (tmp_path / "cut.txt").write_bytes("沪港合作".encode() + "。".encode()[:2])
    (tmp_path / "gb.txt").write_bytes("沪港合作。".encode("gb18030"))
    assert load._read_txt(tmp_path / "plain.txt").utf8 == "沪港合作。".encode()
    assert all(load._read_txt(tmp_path / name).utf8 is None for name in ("bom.txt", "cut.txt", "gb.txt"))
    docs = load.load_corpus(tmp_path).set_index("doc_id")
    assert docs["text_raw"].tolist() == ["沪港合作。", "沪港合作", "沪港合作。", "沪港合作。"]
    assert str(docs["text_raw"].dtype) == "string" and str(docs["text"].dtype) == "string"


def test_a_failure_in_cleaning_or_metadata_is_reported_for_that_file_only(tmp_path, monkeypatch):
    for name, text in (("a.txt", "第一篇。"), ("b.txt", "坏的清洗。"), ("c.txt", "坏的元数据。"), ("d.txt", "第四篇。")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    real_clean, real_infer = load._clean.clean, load._metadata.infer_metadata

    def clean(text, **kwargs):
        if "坏的清洗" in text:
            raise ValueError("cleaning broke")
        return real_clean(text, **kwargs)

    def infer_metadata(text, **kwargs):
        if "坏的元数据" in text:
            raise load.EmptyFileError("c.txt: nothing left")
        return real_infer(text, **kwargs)

    monkeypatch.setattr(load._clean, "clean", clean)
    monkeypatch.setattr(load._metadata, "infer_metadata", infer_metadata)
    result = load.read_corpus(tmp_path)
    rows = result.report[["doc_id", "status", "reason"]].astype(object).where(result.report.notna(), None)
    assert rows.values.tolist() == [["a.txt", "loaded", None], ["b.txt", "failed", "ValueError: cleaning broke"],
                                    ["c.txt", "skipped", "nothing left"], ["d.txt", "loaded", None]]
    assert result.documents["doc_id"].tolist() == ["a.txt", "d.txt"]
