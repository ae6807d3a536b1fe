"""Hostile folders (issue 10): every file accounted for, nothing lost, no crash, no hang.

Each case builds its input in a temporary folder; the last tests load one folder holding all
of them and check that every file is reported and that no content line of ``text_raw`` is
missing from ``text``.
"""
from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from sample_files import pdf_bytes

from corpus_tools import clean, cli, load
from corpus_tools.errors import FormatError

NOTICE = "上海市科学技术委员会关于开展2024年度科技创新行动计划项目申报工作的通知\n各有关单位：现将申报工作通知如下。"


# ---------------------------------------------------------------- builders (one per case)

def _make_unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``folder`` cannot be listed: chmod 000 and, for root (who reads anyway), a failing scandir."""
    folder.chmod(0)
    real_scandir = os.scandir
    target = os.path.realpath(folder)

    def scandir(path="."):
        if os.path.realpath(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    if os.geteuid() == 0:
        monkeypatch.setattr(os, "scandir", scandir)


def _docx_bytes(paragraphs: list[str], table: list[list[str]], *, merge_first_row: bool = False) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    if merge_first_row:
        merged = grid.cell(0, 0).merge(grid.cell(0, 1))
        merged.text = table[0][0]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()




def _encryptedpdf_bytes(lines: list[str], *, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(lines))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bomb_docx_bytes(expanded: int) -> bytes:
    """A valid docx plus a part of ``expanded`` zero bytes that compresses to almost nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes(["正文。"], [["a", "b"]]))) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/padding.bin", b"\0" * expanded)
    return out.getvalue()


NON_UTF8_NAME = b"\xb7\xa2\xb2\xbc caf\xe9.txt"  # GBK 发布 and a Latin-1 é: not UTF-8
NON_UTF8_DOC_ID = "\\xb7\\xa2\\xb2\\xbc caf\\xe9.txt"
TABLE_TEXT = "项目经费预算\n设备采购 100万元\n设备采购 100万元\n合计 200万元"


def build_all(root: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Write one file (or folder) per case under ``root``; return doc_id -> expected status."""
    expected: dict[str, str] = {}
    # 1. a file name that is not UTF-8
    with open(os.fsencode(root) + b"/" + NON_UTF8_NAME, "wb") as fh:
        fh.write(NOTICE.encode("utf-8"))
    expected[NON_UTF8_DOC_ID] = "loaded"
    # 2. a symlinked folder (outside the corpus) and a link to a folder inside it
    (outside / "real").mkdir(parents=True)
    (outside / "real" / "linked.txt").write_text("链接目录中的文件。\n内容一行。", encoding="utf-8")
    (root / "linked").symlink_to(outside / "real", target_is_directory=True)
    expected["linked/linked.txt"] = "loaded"
    (root / "sub").mkdir()
    (root / "sub" / "inner.txt").write_text("子目录中的文件。", encoding="utf-8")
    (root / "sub_link").symlink_to(root / "sub", target_is_directory=True)
    (root / "file_link.txt").symlink_to(root / "sub" / "inner.txt")
    expected.update({"sub/inner.txt": "loaded", "sub_link/": "skipped", "file_link.txt": "skipped"})
    # 3. an unreadable folder
    (root / "locked").mkdir()
    (root / "locked" / "secret.txt").write_text("读不到的文件。", encoding="utf-8")
    _make_unreadable(root / "locked", monkeypatch)
    expected["locked/"] = "failed"
    # 4. links that point back to their folder
    (root / "loop").mkdir()
    (root / "loop" / "a.txt").write_text("循环目录中的文件。", encoding="utf-8")
    (root / "loop" / "self").symlink_to(root / "loop", target_is_directory=True)
    (root / "loop" / "up").symlink_to(root, target_is_directory=True)
    expected.update({"loop/a.txt": "loaded", "loop/self/": "skipped", "loop/up/": "skipped"})
    # 5. equal consecutive table rows
    (root / "budget.txt").write_text(TABLE_TEXT, encoding="utf-8")
    expected["budget.txt"] = "loaded"
    # 6. a docx table with two equal adjacent cells and a merged cell
    (root / "table.docx").write_bytes(_docx_bytes(
        ["经费表如下。"], [["类别", "类别", "说明"], ["设备采购", "100万元", "100万元"]], merge_first_row=True))
    expected["table.docx"] = "loaded"
    # 7. an AES-256 PDF with only an owner password; one that needs a user password
    (root / "owner.pdf").write_bytes(_encryptedpdf_bytes(["Owner password only: the text is readable."],
                                                          user_password=""))
    (root / "user.pdf").write_bytes(_encryptedpdf_bytes(["Locked."], user_password="user-secret"))
    expected.update({"owner.pdf": "loaded", "user.pdf": "failed"})
    # 8. a GBK file with a stray NUL byte
    (root / "nul.txt").write_bytes(NOTICE[:20].encode("gbk") + b"\x00" + NOTICE[20:].encode("gbk"))
    expected["nul.txt"] = "loaded"
    # 9. short GBK bytes that are valid UTF-8; a Latin-1 note
    (root / "short.txt").write_bytes("通知".encode("gbk"))
    (root / "latin1.txt").write_bytes("Meeting in Zürich, café at 10.".encode("latin-1"))
    expected.update({"short.txt": "loaded", "latin1.txt": "loaded"})
    # 10. a docx that unpacks to more than the limit (the test loads with max_bytes=1_000_000)
    (root / "bomb.docx").write_bytes(_bomb_docx_bytes(2_000_000))
    expected["bomb.docx"] = "failed"
    # 11. a metadata.csv (one row per file; duplicates are an error, see its own test)
    (root / "metadata.csv").write_text("file,source\nbudget.txt,上海市科学技术委员会\n", encoding="utf-8")
    expected["metadata.csv"] = "skipped"
    # 12. a full-width letter followed by a combining mark
    (root / "nfc.txt").write_text("产品名称：ＣＡＦＥ\u0301咖啡。", encoding="utf-8")
    expected["nfc.txt"] = "loaded"
    # 13. a folder where every file is bad
    (root / "all_bad").mkdir()
    (root / "all_bad" / "empty.txt").write_bytes(b"")
    (root / "all_bad" / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00PK\x03\x04" * 50)
    expected.update({"all_bad/empty.txt": "skipped", "all_bad/binary.txt": "skipped"})
    return expected


@pytest.fixture
def outside(tmp_path):
    return tmp_path / "outside"


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    yield root
    for folder, _dirs, _files in os.walk(root):  # let pytest clean up an unreadable folder
        os.chmod(folder, 0o755)
    if (root / "locked").exists():
        (root / "locked").chmod(0o755)


def _report(result: load.LoadResult) -> pd.DataFrame:
    return result.report.set_index("doc_id")


# ---------------------------------------------------------------- the 13 cases

def test_1_non_utf8_file_name_is_loaded_under_an_escaped_doc_id(corpus, tmp_path):
    with open(os.fsencode(corpus) + b"/" + NON_UTF8_NAME, "wb") as fh:
        fh.write(NOTICE.encode("utf-8"))
    (corpus / "empty.txt").write_bytes(b"")
    os.mkdir(os.fsencode(corpus) + b"/\xd7\xd3")  # GBK 子: a folder name that is not UTF-8
    with open(os.fsencode(corpus) + b"/\xd7\xd3/a.txt", "wb") as fh:
        fh.write("子目录中的文件。".encode("utf-8"))
    result = load.read_corpus(corpus)
    report = _report(result)
    assert report.loc[NON_UTF8_DOC_ID, "status"] == "loaded"
    assert report.loc["\\xd7\\xd3/a.txt", "status"] == "loaded"
    assert report.loc[NON_UTF8_DOC_ID, "path"].endswith("/" + NON_UTF8_DOC_ID)
    assert result.documents["text"].iloc[0].startswith("上海市科学技术委员会")
    result.documents.to_parquet(tmp_path / "docs.parquet")  # pyarrow crashed on the raw name
    result.report.to_parquet(tmp_path / "report.parquet")
    assert load.safe_name(os.fsdecode(NON_UTF8_NAME)) == NON_UTF8_DOC_ID


def test_2_symlinked_folder_is_followed_once(corpus, outside):
    (outside / "real").mkdir(parents=True)
    (outside / "real" / "a.txt").write_text("链接目录中的文件。", encoding="utf-8")
    (corpus / "linked").symlink_to(outside / "real", target_is_directory=True)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.txt").write_text("子目录中的文件。", encoding="utf-8")
    (corpus / "a_link_to_sub").symlink_to(corpus / "sub", target_is_directory=True)  # sorts before sub
    report = _report(load.read_corpus(corpus))
    assert report.loc["linked/a.txt", "status"] == "loaded"
    assert report.loc["sub/b.txt", "status"] == "loaded"  # the real folder wins over the link
    assert report.loc["a_link_to_sub/", "status"] == "skipped"
    assert "already read as sub/" in report.loc["a_link_to_sub/", "reason"]
    assert sorted(report.index) == ["a_link_to_sub/", "linked/a.txt", "sub/b.txt"]


def test_3_unreadable_folder_is_reported_with_the_reason(corpus, monkeypatch):
    (corpus / "ok.txt").write_text("可以读取的文件。", encoding="utf-8")
    (corpus / "locked").mkdir()
    (corpus / "locked" / "secret.txt").write_text("读不到。", encoding="utf-8")
    _make_unreadable(corpus / "locked", monkeypatch)
    result = load.read_corpus(corpus)
    report = _report(result)
    assert report.loc["locked/", "status"] == "failed"
    assert "folder could not be read" in report.loc["locked/", "reason"]
    assert "Permission denied" in report.loc["locked/", "reason"]
    assert report.loc["ok.txt", "status"] == "loaded"
    assert result.summary().endswith("2 files: 1 loaded, 0 skipped, 1 failed")


def test_3_pipes_and_broken_links_are_reported_not_read(corpus):
    (corpus / "ok.txt").write_text("可以读取的文件。", encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")  # reading it would block the load forever
    (corpus / "broken.txt").symlink_to(corpus / "missing.txt")
    report = _report(load.read_corpus(corpus))
    assert report.loc["pipe.txt", "status"] == "skipped"
    assert report.loc["pipe.txt", "reason"].startswith("not a regular file")
    assert report.loc["broken.txt", "status"] == "skipped"
    assert report.loc["broken.txt", "reason"].startswith("broken symbolic link")
    assert report.loc["ok.txt", "status"] == "loaded"


def test_4_glob_of_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(load.InputError, match="no files match the glob"):
        load.read_corpus(str(tmp_path / "missing" / "**" / "*.txt"))


@pytest.mark.parametrize("pattern", ["{root}", "{root}/**/*.txt", "{root}/**", "{root}/*/*.txt"])
def test_4_links_back_to_their_folder_neither_hang_nor_duplicate(corpus, pattern):
    (corpus / "a.txt").write_text("顶层文件。", encoding="utf-8")
    (corpus / "loop").mkdir()
    (corpus / "loop" / "b.txt").write_text("循环目录中的文件。", encoding="utf-8")
    (corpus / "loop" / "self").symlink_to(corpus / "loop", target_is_directory=True)
    (corpus / "loop" / "up").symlink_to(corpus, target_is_directory=True)
    (corpus / "loop" / "again.txt").symlink_to(corpus / "loop" / "b.txt")
    result = load.read_corpus(pattern.format(root=corpus))
    report = _report(result)
    loaded = sorted(report.index[report["status"] == "loaded"])
    assert loaded == (["loop/b.txt"] if pattern == "{root}/*/*.txt" else ["a.txt", "loop/b.txt"])
    assert report.index.is_unique and len(result.documents) == len(loaded)
    assert "not loaded twice" in report.loc["loop/again.txt", "reason"]
    if "loop/self/" in report.index:
        assert "already read" in report.loc["loop/self/", "reason"]


def test_4_link_to_a_folder_above_the_corpus_is_not_followed(tmp_path):
    corpus = tmp_path / "a" / "corpus"
    corpus.mkdir(parents=True)
    (tmp_path / "a" / "elsewhere.txt").write_text("语料库以外的文件。", encoding="utf-8")
    (corpus / "doc.txt").write_text("语料库中的文件。", encoding="utf-8")
    (corpus / "parent").symlink_to(tmp_path / "a", target_is_directory=True)
    report = _report(load.read_corpus(corpus))
    assert sorted(report.index) == ["doc.txt", "parent/"]
    assert "holds the corpus" in report.loc["parent/", "reason"]


def test_5_equal_consecutive_table_rows_are_kept(corpus):
    (corpus / "budget.txt").write_text(TABLE_TEXT, encoding="utf-8")
    text = load.load_corpus(corpus).loc[0, "text"]
    assert text.count("设备采购 100万元") == 2
    assert clean.clean_text("设备采购 100万元\n设备采购 100万元") == "设备采购 100万元\n设备采购 100万元"
    assert not [c for c in clean.clean(TABLE_TEXT).changes if c.step == "drop_repeated_lines"]


def test_6_docx_table_keeps_equal_adjacent_cells_and_reads_merged_cells_once(corpus):
    (corpus / "t.docx").write_bytes(_docx_bytes(
        ["经费表如下。"], [["类别", "类别", "说明"], ["设备采购", "100万元", "100万元"]], merge_first_row=True))
    row = load.load_corpus(corpus).iloc[0]
    assert row["text_raw"] == "经费表如下。\n类别\t说明\n设备采购\t100万元\t100万元"
    assert row["text"].count("100万元") == 2


def test_6_docx_nested_table_cells_are_read(corpus):
    import docx

    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层一"
    inner.cell(0, 1).text = "内层二"
    document.save(str(corpus / "nested.docx"))
    text_raw = load.load_corpus(corpus).loc[0, "text_raw"]
    assert "外层" in text_raw and "内层一\t内层二" in text_raw


def test_7_aes_pdf_with_owner_password_only_loads(corpus):
    (corpus / "owner.pdf").write_bytes(_encryptedpdf_bytes(["Owner password only."], user_password=""))
    (corpus / "user.pdf").write_bytes(_encryptedpdf_bytes(["Locked."], user_password="user-secret"))
    result = load.read_corpus(corpus)
    report = _report(result)
    assert report.loc["owner.pdf", "status"] == "loaded"
    assert "Owner password only." in result.documents.set_index("doc_id").loc["owner.pdf", "text"]
    assert report.loc["user.pdf", "status"] == "failed"
    assert report.loc["user.pdf", "reason"] == "encrypted PDF (a password is needed)"


def test_7_aes_pdf_without_cryptography_gets_a_precise_reason(corpus, monkeypatch):
    from pypdf import _encryption
    from pypdf.errors import DependencyError

    def no_aes(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(_encryption, "aes_cbc_decrypt", no_aes)
    monkeypatch.setattr(_encryption, "aes_ecb_decrypt", no_aes)
    (corpus / "owner.pdf").write_bytes(_encryptedpdf_bytes(["Owner password only."], user_password=""))
    reason = _report(load.read_corpus(corpus)).loc["owner.pdf", "reason"]
    assert reason.startswith("encrypted PDF that needs the 'cryptography' package")


def test_8_gbk_file_with_a_stray_nul_is_text(corpus):
    (corpus / "nul.txt").write_bytes(NOTICE[:20].encode("gbk") + b"\x00" + NOTICE[20:].encode("gbk"))
    result = load.read_corpus(corpus)
    row = result.documents.iloc[0]
    assert row["text_raw"] == NOTICE and row["encoding"] == "gb18030"
    assert _report(result).loc["nul.txt", "reason"] == "dropped 1 stray NUL byte(s)"
    with pytest.raises(load.BinaryFileError):  # many NULs still make a file binary
        load.decode_bytes(b"\x00\x01\x02\xff\xfe\x00PK\x03\x04" * 50)


@pytest.mark.parametrize("data, text, encoding", [
    ("通知".encode("gbk"), "通知", "gb18030"),        # also valid UTF-8: ֪ͨ
    ("通知如下".encode("gbk"), "通知如下", "gb18030"),
    ("香港".encode("big5"), "香港", "big5"),
    ("Zürich".encode("latin-1"), "Zürich", "cp1252"),
    ("Meeting in Zürich, café at 10 – “notes”.".encode("cp1252"), "Meeting in Zürich, café at 10 – “notes”.",
     "cp1252"),
    ("Zürich café".encode("utf-8"), "Zürich café", "utf-8"),
    ("e\u0301te\u0301".encode("utf-8"), "e\u0301te\u0301", "utf-8"),  # decomposed accents stay UTF-8
    ("Привет, мир".encode("utf-8"), "Привет, мир", "utf-8"),
])
def test_9_short_or_ambiguous_bytes(data, text, encoding):
    assert load.decode_bytes(data)[:2] == (text, encoding)


def test_9_short_gbk_file_loads_as_chinese(corpus):
    (corpus / "short.txt").write_bytes("通知".encode("gbk"))
    (corpus / "latin1.txt").write_bytes("Zürich".encode("latin-1"))
    docs = load.load_corpus(corpus).set_index("doc_id")
    assert docs.loc["short.txt", "text"] == "通知" and docs.loc["latin1.txt", "text"] == "Zürich"


def test_10_size_limit_gives_a_too_large_reason(corpus):
    (corpus / "bomb.docx").write_bytes(_bomb_docx_bytes(2_000_000))
    (corpus / "big.txt").write_text("科技园区合作。" * 100_000, encoding="utf-8")  # 2.1 MB
    (corpus / "big.html").write_text("<p>" + "科技园区合作。" * 100_000 + "</p>", encoding="utf-8")
    (corpus / "ok.txt").write_text("小文件。", encoding="utf-8")
    report = _report(load.read_corpus(corpus, max_bytes=1_000_000))
    for doc_id in ("bomb.docx", "big.txt", "big.html"):
        assert report.loc[doc_id, "status"] == "failed"
        assert report.loc[doc_id, "reason"].startswith("too large: "), report.loc[doc_id, "reason"]
        assert "1,000,000" in report.loc[doc_id, "reason"]
    assert report.loc["ok.txt", "status"] == "loaded"
    unlimited = _report(load.read_corpus(corpus, max_bytes=None))
    assert (unlimited["status"] == "loaded").all()
    with pytest.raises(load.TooLargeError, match="bomb.docx: too large"):
        load.read_document(corpus / "bomb.docx", max_bytes=1_000_000)
    assert load.MAX_BYTES >= 50_000_000  # the default leaves room for a 50 MB text file


def test_10_pdf_text_layer_over_the_limit_is_too_large(corpus):
    (corpus / "text.pdf").write_bytes(pdf_bytes(["A line of text. " * 10] * 20))
    reason = _report(load.read_corpus(corpus, max_bytes=1_000)).loc["text.pdf", "reason"]
    assert reason.startswith("too large: its text layer has at least")


def test_11_metadata_csv_duplicate_keys_name_the_file_and_rows(corpus):
    (corpus / "a.txt").write_text("上海科技。", encoding="utf-8")
    (corpus / "metadata.csv").write_text("file,source\na.txt,甲\nb.txt,乙\na.txt,丙\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"metadata\.csv: metadata CSV has more than one row for the same "
                                          r"file: 'a\.txt' in rows 2, 4"):
        load.read_corpus(corpus)


@pytest.mark.parametrize("raw", ["产品名称：ＣＡＦＥ\u0301咖啡。", "Ｅ\u0301", "**e**\u0301 一是", "ｅ\n\u0301"])
def test_12_clean_text_is_always_nfc(raw):
    for skip in (True, False):
        result = clean._run(raw, clean.DEFAULT_CONFIG, [], skip_noops=skip)
        assert unicodedata.is_normalized("NFC", result.text), (raw, result.text)
    assert clean.clean_text("产品名称：ＣＡＦＥ\u0301咖啡。") == "产品名称：CAFÉ咖啡。"


def test_13_exit_status_says_whether_anything_loaded(tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00PK\x03\x04" * 50)
    assert cli.main(["load", str(bad)]) == 1
    assert "no document could be loaded" in capsys.readouterr().err
    assert cli.main(["load", str(bad), "--report", "--format", "csv"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 3  # the report is still written
    assert cli.main(["figures", str(bad)]) == 2
    assert "no document could be loaded" in capsys.readouterr().err
    (bad / "good.txt").write_text("上海市科技创新。", encoding="utf-8")
    assert cli.main(["load", str(bad)]) == 0


# ---------------------------------------------------------------- all of them in one folder

def _content_lines(text: str) -> Counter:
    """Non-blank lines as the cleaner would print them (NFC, width folded, blanks collapsed)."""
    out: Counter = Counter()
    for line in text.replace("\f", "\n").split("\n"):
        line = re.sub(r"\s+", " ", clean.normalize_unicode(clean.fold_width(line))).strip()
        if line:
            out[line] += 1
    return out


def test_a_folder_of_every_case_reports_every_file_and_loses_no_line(corpus, outside, monkeypatch, capsys):
    expected = build_all(corpus, outside, monkeypatch)
    result = load.read_corpus(corpus, max_bytes=1_000_000)
    report = _report(result)
    assert report.index.is_unique
    assert {doc_id: status for doc_id, status in report["status"].items()} == expected
    docs = result.documents
    assert len(docs) == sum(s == "loaded" for s in expected.values())
    for doc_id, raw, text in zip(docs["doc_id"], docs["text_raw"], docs["text"]):
        assert unicodedata.is_normalized("NFC", text), doc_id
        flat = re.sub(r"\s+", " ", text)
        for line, count in _content_lines(raw).items():
            assert flat.count(line) >= count, (doc_id, line)
    assert docs.set_index("doc_id").loc["budget.txt", "source"] == "上海市科学技术委员会"
    result.report.to_parquet(corpus.parent / "report.parquet")
    assert cli.main(["load", str(corpus), "--report", "--format", "csv"]) == 0
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(printed) == len(expected)
    assert printed.set_index("doc_id").loc["bomb.docx", "status"] == "loaded"  # under the default limit
