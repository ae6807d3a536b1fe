"""Load a corpus (a file, a folder or a glob) into a documents table, cleaned, with metadata.

:func:`read_corpus` returns a :class:`LoadResult` with the documents table
(``schema.DOCUMENTS``) and a load report (``schema.LOAD_REPORT``, one row per
input file: loaded / skipped / failed with the reason); :func:`load_corpus`
returns just the documents (the report, as a list of records, is in
``documents.attrs["load_report"]``: ``pd.DataFrame(docs.attrs["load_report"])``).
One bad file never stops the corpus and nothing is dropped silently: hidden files
and folders, ``metadata.csv``, a ``README`` and files of unsupported formats are
reported as skipped with the reason.

The walk follows symbolic links after the real files and folders, each target once
(by device and inode: a link back to its folder or a second path to a file is
reported, never read twice, never a loop; globs are walked the same way). A folder
that cannot be listed is reported as failed with the reason; pipes, sockets and
broken links as skipped. A file name byte that is not UTF-8 appears as ``\\xNN`` in
``doc_id`` and ``path`` (:func:`safe_name`). A file over ``max_bytes`` (the file; a
docx's unpacked parts; a PDF's text layer) fails as "too large".

Formats: ``.txt`` (also ``.text``, ``.md``) in UTF-8 with or without BOM,
UTF-16/32 with BOM, GB18030/GBK/GB2312 or Big5; ``.html``/``.htm`` (main text by
GNE, else trafilatura, never scripts or navigation; title, date and site name from the page itself); ``.docx`` (paragraphs and table
cells in document order); ``.pdf`` (the text layer, pages separated by a form
feed; a PDF without one is skipped as "no text layer (scanned?)").

Decoding: strict UTF-8 first (the fast path); a file that is valid UTF-8 except
for an incomplete character at its very end (a truncated download) is loaded
without those bytes and the report says how many were dropped. Valid UTF-8 that
holds no CJK character and characters no Western text holds is read as GB18030 or
Big5 when that gives Chinese (a short GBK ``通知`` is valid UTF-8 by chance). A few
stray NUL bytes (at most one in 500) are dropped, with a note; more make the file
binary unless it is UTF-16. Non-UTF-8 bytes whose every non-ASCII byte is an
accented letter inside a word or a lone sign are Western cp1252 (Latin-1). Other
files go to charset-normalizer (its Chinese guesses first for files under 256
bytes); GBK/GB2312 are decoded as their superset GB18030 and
Big5 as Big5-HKSCS when plain Big5 fails, and the decoded text must be mostly
Chinese, ASCII and punctuation to be accepted.

Extra columns of the documents table (after ``schema.DOCUMENTS``):
``schema.DOCUMENTS_DERIVED``, that is ``publisher`` (``source`` in one spelling,
see :func:`corpus_tools.metadata.canonical_publisher`: the column to group
publishers by) and ``captions`` (list of ``[start, end]`` spans of caption lines
in ``text``, see :func:`corpus_tools.clean.find_captions`), then any extra
column of a ``metadata.csv``. The report has an extra ``doc_id`` column.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
import warnings
from dataclasses import dataclass
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

import pandas as pd

from . import clean as _clean
from . import metadata as _metadata
from . import resources, schema, script
from .errors import CorpusToolsError, DecodeError, FormatError, InputError

__all__ = [
    "LoadResult", "read_corpus", "load_corpus", "read_document", "decode_bytes",
    "NoTextError", "EmptyFileError", "BinaryFileError", "NoTextLayerError", "TooLargeError", "EXTENSIONS",
    "MAX_BYTES", "safe_name",
]

Format = Literal["txt", "html", "docx", "pdf"]

#: File extension -> format read.
EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}
_UNSUPPORTED_HINTS = {
    ".doc": "old Word .doc is not supported; save it as .docx",
    ".wps": "WPS documents are not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx or .txt",
}
METADATA_FILE = "metadata.csv"
#: Columns of the documents table that a metadata.csv may override (a ``source`` given
#: without a ``publisher`` also sets ``publisher``, derived from it).
OVERRIDABLE = ("title", "date", "date_precision", "source", "publisher", "doc_type", "script")
_KEY_COLUMNS = ("doc_id", "file", "filename", "file_name", "name", "path")
_GLOB_CHARS = frozenset("*?[")
#: A folder's README describes the corpus; it is reported, not loaded.
_README = re.compile(r"(?i)readme(?:\.[a-z]{1,8})?$")
#: Han characters, spread over a document, that decide its script (a couple of hundred decide
#: reliably; the whole text would make script detection the slowest part of loading).
_SCRIPT_SAMPLE = 160
_PLAUSIBLE_SHARE = 0.9
#: Default of ``read_corpus(max_bytes=...)``: a file whose text, or a docx whose unpacked parts,
#: or a PDF whose text layer exceeds this many bytes is not loaded (reason "too large").
MAX_BYTES = 100_000_000
#: At most one NUL byte per this many bytes (and at least two in any file) is a stray in a
#: text file; more make the file binary (unless it is UTF-16 text).
_BYTES_PER_STRAY_NUL = 500
#: Below this many bytes, a file that decodes both as a Chinese codec and as something else
#: is read as Chinese (short files give charset detection too little evidence).
_SHORT_BYTES = 256
_GB_FAMILY = {"gb2312", "gbk", "cp936", "hz", "gb18030", "euc_cn", "ms936"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}


class NoTextError(InputError):
    """The file holds no text to load; :func:`read_corpus` reports it as skipped."""


class EmptyFileError(NoTextError, DecodeError):
    """The file is empty (0 bytes or only whitespace)."""


class BinaryFileError(NoTextError, DecodeError):
    """The file's bytes are not text (NUL bytes, no plausible decoding)."""


class NoTextLayerError(NoTextError, FormatError):
    """A PDF without a text layer (a scan) or an HTML/DOCX file without text."""


class TooLargeError(FormatError):
    """A file larger than the ``max_bytes`` limit once decompressed (a docx's parts, a PDF's text)."""


@dataclass(frozen=True)
class _Read:
    text: str
    encoding: str | None
    format: Format
    note: str | None = None
    title: str | None = None
    date: str | None = None
    utf8: bytes | None = None  # the file's bytes when they are exactly text.encode("utf-8")
    page: str | None = None  # an HTML page's visible text with its furniture (header fields, credits)
    site: str | None = None  # an HTML page's site name (trafilatura's, or the end of its <title>)


@dataclass(frozen=True, eq=False)
class LoadResult:
    """The documents table and the load report of one corpus.

    Attributes:
        documents: one row per loaded document (``schema.DOCUMENTS`` + ``schema.DOCUMENTS_DERIVED``).
        report: one row per input file (``schema.LOAD_REPORT`` + ``doc_id``).
        root: the corpus root that ``doc_id`` values are relative to.
    """

    documents: pd.DataFrame
    report: pd.DataFrame
    root: str = ""

    def summary(self) -> str:
        """One line: how many files were loaded, skipped and failed.

        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.txt").write_text("上海市科学技术委员会。", encoding="utf-8")
        >>> _ = (d / "b.txt").write_bytes(b"")
        >>> read_corpus(d).summary().split(": ", 1)[1]
        '2 files: 1 loaded, 1 skipped, 0 failed'
        """
        counts = self.report["status"].value_counts()
        parts = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("loaded", "skipped", "failed"))
        return f"{self.root}: {len(self.report)} files: {parts}"


# ---------------------------------------------------------------- decoding

def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    return len(resources.PLAUSIBLE_CHAR.findall(text)) / len(text)


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec, name in ((b"\xff\xfe\x00\x00", "utf-32", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
                             (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
                             (b"\xff\xfe", "utf-16", "utf-16"), (b"\xfe\xff", "utf-16", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec), name
    return None


def _candidate_codecs(data: bytes) -> list[str]:
    """Encodings to try, best first: charset-normalizer's guesses mapped to supersets, then GB18030 and Big5."""
    from charset_normalizer import from_bytes

    guesses = [m.encoding for m in from_bytes(data)]
    out: list[str] = []
    for guess in guesses:
        if guess in _GB_FAMILY:
            codecs = ["gb18030"]
        elif guess in _BIG5_FAMILY:
            codecs = [guess, "big5hkscs", "cp950"]
        else:
            codecs = [guess]
        out.extend(c for c in codecs if c not in out)
    out.extend(c for c in ("gb18030", "big5hkscs") if c not in out)
    return out


_CJK_CODECS = frozenset(_GB_FAMILY | _BIG5_FAMILY | {"big5hkscs"})
#: A character outside U+0000-U+07FF: every CJK character (and curly quotes, dashes...).
_WIDE_CHAR = re.compile(r"[^\x00-\u07ff]")
#: A character UTF-8 text in a Western, Greek or Cyrillic language would not hold: anything
#: beyond those scripts, or a combining mark not after a letter.
_NOT_WESTERN = re.compile(r"[^\x00-\x7f\u00a0-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff]"
                          r"|(?<![A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])[\u0300-\u036f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]+")
#: cp1252 bytes of accented Latin letters (À-ÿ without × ÷; Š Œ Ž š œ ž Ÿ) and of symbols
#: standing alone in Western text (€ … ‘ ’ “ ” • – — and the Latin-1 signs ° ² £ « » ...).
_WESTERN_LETTER_BYTES = frozenset(range(0xC0, 0x100)) - {0xD7, 0xF7} | {0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F}
_WESTERN_SIGN_BYTES = frozenset(range(0xA0, 0xC0)) | {0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97}


def _cjk_reading(data: bytes, utf8_text: str) -> tuple[str, str, None] | None:
    """A GB18030 or Big5 reading of short bytes that are also valid UTF-8, when it is the better one.

    A short GBK file can be valid UTF-8 by chance (``通知`` -> ``֪ͨ``); its UTF-8 reading
    then holds no CJK and characters no Western text holds.
    """
    if len(data) >= _SHORT_BYTES or not _NOT_WESTERN.search(utf8_text):
        return None  # longer GBK text is valid UTF-8 only by a very long chance
    for codec in _candidate_codecs(data):
        if codec not in _CJK_CODECS:
            continue
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _HAN.search(text) and _plausible_share(text) >= _PLAUSIBLE_SHARE:
            return text, codec, None
    return None


def _looks_western(data: bytes) -> bool:
    """Whether non-UTF-8 bytes read as cp1252 (Latin-1) Western text: every non-ASCII byte is an
    accented letter inside a word (one or two in a row) or a lone sign. Chinese double-byte
    text has runs of two or more high bytes that are not all letters (``通知`` -> ``Í¨Öª``)."""
    for m in _HIGH_BYTES.finditer(data):
        run, start, end = m.group(), m.start(), m.end()
        if len(run) <= 2 and all(b in _WESTERN_LETTER_BYTES for b in run) and (
                data[start - 1:start].isalpha() or data[end:end + 1].isalpha()):
            continue
        if len(run) == 1 and run[0] in _WESTERN_SIGN_BYTES:
            continue
        return False
    return True


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str, str | None]:
    """Decode a text file's bytes; return (text, encoding, note).

    ``note`` says what was not decoded as is (a truncated last character), else None.

    Raises:
        EmptyFileError: no bytes or only whitespace.
        BinaryFileError: NUL bytes that are not UTF-16/32 text.
        DecodeError: no supported encoding gives plausible text.

    >>> decode_bytes("香港科技園公司".encode("big5"))[:2]
    ('香港科技園公司', 'big5')
    >>> decode_bytes("科技".encode("utf-8") + "园".encode("utf-8")[:2])
    ('科技', 'utf-8', 'truncated UTF-8: dropped 2 incomplete byte(s) at the end')
    """
    if not data.strip():
        raise EmptyFileError(f"{name}: empty file")
    bom = _decode_bom(data)
    if bom:
        return bom[0], bom[1], None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start <= 3:
            try:
                text = data[:exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                dropped = len(data) - exc.start
                return text, "utf-8", f"truncated UTF-8: dropped {dropped} incomplete byte(s) at the end"
    else:
        if text.isascii() or _WIDE_CHAR.search(text):  # the common case: ASCII, or it holds CJK
            return text, "utf-8", None
        cjk = _cjk_reading(data, text)  # valid UTF-8 without any CJK: maybe a short GBK/Big5 file
        return cjk if cjk else (text, "utf-8", None)
    note = None
    if b"\x00" in data:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible_share(text) >= _PLAUSIBLE_SHARE:
                return text, codec, None
        nuls = data.count(0)
        if nuls > max(2, len(data) // _BYTES_PER_STRAY_NUL):
            raise BinaryFileError(f"{name}: binary file (NUL bytes, not UTF-16 text)")
        data = data.replace(b"\x00", b"")
        if not data.strip():
            raise BinaryFileError(f"{name}: binary file (only NUL bytes)")
        note = f"dropped {nuls} stray NUL byte(s)"
        try:
            return data.decode("utf-8"), "utf-8", note
        except UnicodeDecodeError:
            pass
    if _looks_western(data):
        return data.decode("cp1252"), "cp1252", note
    tried = []
    best: tuple[float, str, str] | None = None
    codecs = _candidate_codecs(data)
    if len(data) < _SHORT_BYTES:  # too little evidence for a detector: prefer the reading as Chinese
        codecs.sort(key=lambda c: c not in _CJK_CODECS)
    for codec in codecs:
        tried.append(codec)
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        share = _plausible_share(text)
        if share >= _PLAUSIBLE_SHARE:
            return text, codec, note
        if best is None or share > best[0]:
            best = (share, text, codec)
    detail = f"; best was {best[2]} with {best[0]:.0%} plausible characters" if best else ""
    raise DecodeError(
        f"{name}: undecodable: not UTF-8, UTF-16, GB18030 or Big5 text (tried {', '.join(tried)}{detail}); "
        "re-save the file as UTF-8"
    )


# ---------------------------------------------------------------- formats

def _too_large(path: Path, what: str, size: int, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise TooLargeError(f"{path.name}: too large: {what} {size:,} bytes, more than the limit of "
                            f"{max_bytes:,} (read_corpus(max_bytes=...) raises it)")


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    _too_large(path, "the file has", path.stat().st_size, max_bytes)
    return path.read_bytes()


def _read_txt(path: Path, max_bytes: int | None = MAX_BYTES) -> _Read:
    data = _read_bytes(path, max_bytes)
    text, encoding, note = decode_bytes(data, name=path.name)
    return _Read(text, encoding, "txt", note, utf8=data if encoding == "utf-8" and note is None else None)


def _html_fallback_text(html: str) -> str:
    """Visible body text without scripts, styles and navigation, for pages trafilatura finds nothing in."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//template"):
        element.drop_tree()
    body = tree.find("body")
    blocks = (body if body is not None else tree).itertext()
    return "\n".join(s.strip() for s in blocks if s.strip())


def _read_html(path: Path, max_bytes: int | None = MAX_BYTES) -> _Read:
    import trafilatura

    html, encoding, note = decode_bytes(_read_bytes(path, max_bytes), name=path.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # third-party warnings about odd markup are not load failures
        doc = trafilatura.bare_extraction(html, favor_recall=True, include_comments=False,
                                          include_tables=True, with_metadata=True)
    text = _gne_text(html) or ((doc.text or "") if doc is not None else "")
    title = getattr(doc, "title", None) if doc is not None else None
    date = getattr(doc, "date", None) if doc is not None else None
    try:
        page = _html_fallback_text(html)
    except Exception as exc:  # lxml raises several types on broken markup
        if not text.strip():
            raise FormatError(f"{path.name}: HTML could not be parsed ({exc})") from exc
        page = None
    if not text.strip():
        text = page or ""
    if not text.strip():
        raise NoTextLayerError(f"{path.name}: no text in HTML")
    site = _site_name(html, title, getattr(doc, "sitename", None) if doc is not None else None)
    return _Read(text, encoding, "html", note, title or None, date or None, page=page, site=site)


_GNE_MIN_CHARS = 50  # a main text shorter than this is left to trafilatura


def _gne_text(html: str) -> str | None:
    """The main text of a news page by GNE (made for Chinese news pages), one paragraph a line; None when
    GNE fails or finds almost nothing. Chosen by measurement on the dev pages: it keeps body passages
    trafilatura drops (a caption-like paragraph) and leaves out login and disclaimer lines."""
    try:
        from gne import GeneralNewsExtractor

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = GeneralNewsExtractor().extract(html)
    except Exception:  # noqa: BLE001 (GNE raises on odd markup; trafilatura then decides)
        return None
    lines = [line.strip() for line in (found.get("content") or "").split("\n") if line.strip()]
    if lines and lines[0] == (found.get("title") or "").strip():
        lines = lines[1:]  # the headline is the page's title (metadata), not its main text
    content = "\n".join(lines)
    return content if len(content) >= _GNE_MIN_CHARS else None


_TITLE_TAG = re.compile(r"(?is)<title[^>]*>(.*?)</title>")
_TITLE_SEPARATORS = re.compile(r"\s*(?:--?|–|—|_|\||｜)\s*")


def _site_name(html: str, title: str | None, sitename: str | None) -> str | None:
    """The site's name: the last part of the page's <title> after its headline ("……活动--当代商报",
    "……_财经_腾讯网"), else trafilatura's site name when it is not a bare domain."""
    import html as html_lib

    m = _TITLE_TAG.search(html[:20000])
    if m and title:
        full = html_lib.unescape(m.group(1)).strip()
        if full.startswith(title) and len(full) > len(title):
            parts = [p for p in _TITLE_SEPARATORS.split(full[len(title):]) if p]
            if parts and 2 <= len(parts[-1]) <= 20:
                return parts[-1]
    if sitename and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", sitename):
        return sitename
    return None


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table rows in document order, one block each (cells of a row joined by tabs).

    Each ``<w:tc>`` element is one cell, read once: a cell merged across columns or rows is
    one element, so equal neighbouring cells both stay. Tables nested in a cell and content
    controls (``<w:sdt>``) are read too.
    """
    from docx.text.paragraph import Paragraph

    def cell_text(tc) -> str:  # a cell holds blocks as the body does (paragraphs, tables, controls)
        return "\n".join(container(tc)).strip()

    def table_rows(tbl) -> list[str]:
        rows = []
        for tr in tbl.iterchildren(_W + "tr"):
            cells = [cell_text(tc) for tc in tr.iter(_W + "tc") if tc.getparent() is tr or
                     tc.getparent().tag in _ROW_WRAPPERS and tc.getparent().getparent() is tr]
            rows.append("\t".join(c for c in cells if c))
        return rows

    def container(element) -> list[str]:
        out: list[str] = []
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(child, document).text)
            elif tag == "tbl":
                out.extend(table_rows(child))
            elif tag in ("sdt", "sdtContent", "customXml"):
                out.extend(container(child))
        return out

    return container(document.element.body)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Elements that may wrap the cells of a row (content controls, custom XML).
_ROW_WRAPPERS = frozenset({_W + "sdtContent", _W + "customXml"})


def _docx_unpacked_size(path: Path) -> int | None:
    """The sum of the declared sizes of a docx's parts (zipfile never reads past a declared size)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # python-docx reports the broken file


def _read_docx(path: Path, max_bytes: int | None = MAX_BYTES) -> _Read:
    import docx

    size = _docx_unpacked_size(path)
    if size is not None:
        _too_large(path, "its unpacked parts have", size, max_bytes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(str(path))
            text = "\n".join(_docx_blocks(document))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml and its own errors
        raise FormatError(f"{path.name}: corrupt docx (not a readable Word 2007+ file: "
                          f"{type(exc).__name__}: {exc})") from exc
    if not text.strip():
        raise NoTextLayerError(f"{path.name}: no text in docx")
    return _Read(text, None, "docx")


def _read_pdf(path: Path, max_bytes: int | None = MAX_BYTES) -> _Read:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise FormatError(f"{path.name}: encrypted PDF (a password is needed)")
            pages, size = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                size += len(pages[-1].encode("utf-8", "surrogatepass"))
                _too_large(path, "its text layer has at least", size, max_bytes)
    except CorpusToolsError:
        raise
    except DependencyError as exc:  # AES encryption without the cryptography package
        raise FormatError(f"{path.name}: encrypted PDF that needs the 'cryptography' package to be read "
                          f"({exc})") from exc
    except LimitReachedError as exc:  # a stream that decompresses beyond pypdf's limits
        raise TooLargeError(f"{path.name}: too large: a stream decompresses beyond pypdf's limit ({exc})") from exc
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError... on broken files
        raise FormatError(f"{path.name}: corrupt PDF ({type(exc).__name__}: {exc})") from exc
    if not any(p.strip() for p in pages):
        raise NoTextLayerError(f"{path.name}: no text layer (scanned?)")
    return _Read("\f".join(pages), None, "pdf")


_READERS = {"txt": _read_txt, "html": _read_html, "docx": _read_docx, "pdf": _read_pdf}


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    hint = _UNSUPPORTED_HINTS.get(suffix)
    known = ", ".join(sorted(EXTENSIONS))
    raise FormatError(hint or f"unsupported extension {suffix or '(none)'!r} (expected one of {known})")


def _read(path: Path, max_bytes: int | None = MAX_BYTES) -> _Read:
    return _READERS[_format_of(path)](path, max_bytes)


def read_document(path: str | Path, *, max_bytes: int | None = MAX_BYTES) -> tuple[str, str | None, Format]:
    """Read one file; return (text_raw, encoding, format).

    ``encoding`` is None for docx and pdf, whose text is not a byte encoding.

    Raises:
        NoTextError: empty, binary, or no text layer (``read_corpus`` skips these).
        DecodeError: the bytes are not text in a supported encoding.
        FormatError: unsupported extension, corrupt docx/pdf.
        TooLargeError: more than ``max_bytes`` (the file, a docx's unpacked parts, a PDF's text);
            None for no limit.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("沪港合作。".encode("gb18030"))
    >>> read_document(p)
    ('沪港合作。', 'gb18030', 'txt')
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"read_document: {path} is not a file")
    read = _read(path, max_bytes)
    return read.text, read.encoding, read.format


# ---------------------------------------------------------------- collecting files

@dataclass(frozen=True)
class _Entry:
    path: Path
    doc_id: str
    skip_reason: str | None = None
    failed: bool = False  # with skip_reason: reported as failed (an unreadable folder), not skipped


def _is_glob(path: str) -> bool:
    return any(c in path for c in _GLOB_CHARS)


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if _is_glob(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def safe_name(name: str) -> str:
    """A file name as text that any table, CSV or Parquet file can hold.

    A name whose bytes are not UTF-8 (Python decodes them with ``surrogateescape``)
    gets each undecodable byte written as ``\\xNN``; other names are returned as they are.

    >>> safe_name("通知.txt"), safe_name("caf\\udce9.txt")
    ('通知.txt', 'caf\\\\xe9.txt')
    """
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def _os_reason(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def _walk(root: Path, descend: Callable[[str], bool] | None = None) -> list[_Entry]:
    """Every file under ``root`` once, plus a skipped or failed entry for each folder or file not read.

    Symbolic links are followed after the real files and folders, so a link to something
    read already is reported as such (never read twice, never a cycle); a folder that
    cannot be listed, a broken link and a file that is not a regular one (a named pipe
    would block the load) are reported with the reason. ``descend(rel)`` decides whether
    the folder ``rel`` (relative, ``/`` separators) is read.
    """
    entries: list[_Entry] = []
    seen_dirs: dict[tuple[int, int], str] = {}
    seen_files: dict[tuple[int, int], str] = {}
    links: list[tuple[str, str]] = []  # (path, doc_id) of symbolic links, followed after the walk
    root_real = os.path.realpath(root)
    stack: list[tuple[str, str, int]] = [(str(root), "", -1)]  # (folder, doc_id prefix, its device)
    try:
        st = os.stat(root)
        seen_dirs[(st.st_dev, st.st_ino)] = "./"
        stack = [(str(root), "", st.st_dev)]
    except OSError:
        pass  # reported when the folder is listed

    def add_folder(path: str, doc_id: str, key: tuple[int, int]) -> None:
        if key in seen_dirs:
            entries.append(_Entry(Path(path), doc_id, f"folder already read as {seen_dirs[key]} (not read twice)"))
        elif descend is None or descend(doc_id.rstrip("/")):
            seen_dirs[key] = doc_id
            stack.append((path, doc_id, key[0]))

    def add_file(path: str, doc_id: str, key: tuple[int, int]) -> None:
        first = seen_files.get(key)
        if first is not None:
            entries.append(_Entry(Path(path), doc_id, f"same file as {first} (not loaded twice)"))
        else:
            seen_files[key] = doc_id
            entries.append(_Entry(Path(path), doc_id))

    while stack or links:
        if not stack:
            path, doc_id = links.pop(0)
            try:
                st = os.stat(path)
            except OSError as exc:
                entries.append(_Entry(Path(path), doc_id, f"broken symbolic link ({_os_reason(exc)})"))
                continue
            key = (st.st_dev, st.st_ino)
            if stat.S_ISDIR(st.st_mode) and key not in seen_dirs and _contains(os.path.realpath(path), root_real):
                entries.append(_Entry(Path(path), doc_id + "/", "symbolic link to a folder that holds the corpus "
                                      "(not read: it would read everything around the corpus)"))
            elif stat.S_ISDIR(st.st_mode):
                add_folder(path, doc_id + "/", key)
            elif stat.S_ISREG(st.st_mode):
                add_file(path, doc_id, key)
            else:
                entries.append(_Entry(Path(path), doc_id, "not a regular file (a link to a pipe, socket or device)"))
            continue
        folder, prefix, device = stack.pop()
        try:
            with os.scandir(folder) as listing:
                items = sorted(listing, key=lambda item: item.name)
        except OSError as exc:
            entries.append(_Entry(Path(folder), prefix or "./", f"folder could not be read ({_os_reason(exc)})",
                                  failed=True))
            continue
        folders = []
        for item in items:
            name = item.name
            doc_id = prefix + safe_name(name)
            try:
                if name.startswith(".") and item.is_dir():
                    entries.append(_Entry(Path(item.path), doc_id + "/", "hidden folder (not read)"))
                elif item.is_symlink():
                    links.append((item.path, doc_id))
                elif item.is_file(follow_symlinks=False):
                    add_file(item.path, doc_id, (device, item.inode()))
                elif item.is_dir(follow_symlinks=False):
                    folders.append(item)
                else:
                    entries.append(_Entry(Path(item.path), doc_id, "not a regular file (a pipe, socket or device)"))
            except OSError as exc:
                entries.append(_Entry(Path(item.path), doc_id, f"could not be read ({_os_reason(exc)})", failed=True))
        for item in reversed(folders):  # a stack: the first folder is read first
            try:
                st = item.stat(follow_symlinks=False)
            except OSError as exc:
                entries.append(_Entry(Path(item.path), prefix + safe_name(item.name) + "/",
                                      f"folder could not be read ({_os_reason(exc)})", failed=True))
                continue
            add_folder(item.path, prefix + safe_name(item.name) + "/", (st.st_dev, st.st_ino))
    return entries


def _contains(folder: str, path: str) -> bool:
    """Whether the real path ``path`` is inside (or is) the real folder ``folder``."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _pattern_matches(segments: tuple[str, ...], parts: tuple[str, ...], *, prefix: bool = False) -> bool:
    """Whether the path ``parts`` matches the glob ``segments`` (``**`` is any number of folders).

    With ``prefix``: whether something under ``parts`` may match (the folder is worth reading).
    """
    @functools.cache
    def match(i: int, j: int) -> bool:
        if j == len(parts):
            return prefix or all(s == "**" for s in segments[i:])
        if i == len(segments):
            return False
        if segments[i] == "**":
            return prefix or match(i + 1, j) or match(i, j + 1)
        return fnmatch.fnmatchcase(parts[j], segments[i]) and match(i + 1, j + 1)

    return match(0, 0)


def _glob_entries(pattern: str) -> tuple[Path, list[_Entry]]:
    """The entries a glob matches, walked like a folder (cycle-safe, every file once).

    A matched folder is read whole, as when a folder is given.
    """
    root = _glob_root(pattern)
    if not root.is_dir():
        return root, []
    segments = Path(pattern).parts[len(root.parts):]
    if not segments:
        segments = ("**",)

    @functools.cache
    def selected(rel: str) -> bool:  # rel itself or a folder above it matches
        parts = tuple(rel.split("/"))
        return any(_pattern_matches(segments, parts[:k]) for k in range(1, len(parts) + 1))

    def descend(rel: str) -> bool:
        return _pattern_matches(segments, tuple(rel.split("/")), prefix=True) or selected(rel)

    entries = [e for e in _walk(root, descend) if selected(e.doc_id.rstrip("/"))
               or (e.doc_id.endswith("/") and e.skip_reason is not None and descend(e.doc_id.rstrip("/")))]
    return root, entries


def _collect(path: str | Path) -> tuple[Path, list[_Entry]]:
    text = str(path)
    p = Path(path)
    if p.is_dir():
        root, entries = p, _walk(p)
    elif p.is_file():
        root, entries = p.parent, [_Entry(p, safe_name(p.name))]
    elif _is_glob(text):
        root, entries = _glob_entries(text)
        if not entries:
            raise InputError(f"load: no files match the glob {text!r}")
    else:
        raise InputError(f"load: {text} does not exist (expected a file, a folder or a glob such as 'data/*.txt')")
    unique = {e.doc_id: e for e in entries}
    out = []
    for doc_id in sorted(unique):
        e = unique[doc_id]
        if e.skip_reason is None:
            name = e.path.name
            if (doc_id.startswith(".") or "/." in doc_id) and any(  # the string test rules most out
                    part.startswith(".") for part in Path(doc_id).parts):
                e = _Entry(e.path, e.doc_id, "hidden file")
            elif name == METADATA_FILE:
                e = _Entry(e.path, e.doc_id, "metadata file (joined, not a document)")
            elif _README.match(name):
                e = _Entry(e.path, e.doc_id, "corpus documentation (README), not a document")
        out.append(e)
    return root, out


# ---------------------------------------------------------------- metadata.csv

def _read_metadata_csv(path: Path) -> pd.DataFrame:
    try:
        raw = path.read_bytes()
        text, _encoding, _note = decode_bytes(raw, name=path.name)
    except NoTextError:
        return pd.DataFrame()
    from io import StringIO

    try:
        table = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises ParserError, EmptyDataError...
        raise FormatError(f"{path}: metadata CSV could not be read ({exc})") from exc
    table.columns = [str(c).strip() for c in table.columns]
    key = next((c for c in _KEY_COLUMNS if c in table.columns), None)
    if key is None:
        raise FormatError(f"{path}: metadata CSV needs a column naming the file, one of {list(_KEY_COLUMNS)} "
                          f"(got columns {list(table.columns)})")
    table = table.rename(columns={key: "_key"})
    _refuse_duplicate_keys(table["_key"], path)
    return table.replace({"": pd.NA})


def _refuse_duplicate_keys(keys: pd.Series, path: Path) -> None:
    """Raise when two rows of a metadata CSV name the same file (one would silently win)."""
    rows: dict[str, list[int]] = {}
    for number, key in enumerate(keys.astype(str), start=2):  # row 1 is the header
        rows.setdefault(key.strip().replace("\\", "/"), []).append(number)
    duplicates = {key: numbers for key, numbers in rows.items() if key and len(numbers) > 1}
    if duplicates:
        listed = "; ".join(f"{key!r} in rows {', '.join(map(str, numbers))}"
                           for key, numbers in list(duplicates.items())[:5])
        more = f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
        raise FormatError(f"{path}: metadata CSV has more than one row for the same file: {listed}{more} "
                          "(rows counted from the header as row 1); keep one row per file")


def _apply_metadata(documents: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Override inferred fields with the CSV's values; add its other columns. Return (documents, note)."""
    if table.empty:
        return documents, "metadata file: empty"
    doc_ids = documents["doc_id"].tolist()
    by_id = {d: i for i, d in enumerate(doc_ids)}
    names: dict[str, list[int]] = {}
    for i, d in enumerate(doc_ids):
        names.setdefault(d.rsplit("/", 1)[-1], []).append(i)
    positions: list[int | None] = []
    unmatched: list[str] = []
    for key in table["_key"].astype(str):
        key = key.strip().replace("\\", "/")
        pos = by_id.get(key)
        if pos is None and len(names.get(key, [])) == 1:
            pos = names[key][0]
        positions.append(pos)
        if pos is None:
            unmatched.append(key)
    out = documents.copy()
    columns = [c for c in table.columns if c != "_key"]
    # a row's own publisher wins; without one, the publisher follows the source it gives
    publishers = table["publisher"].tolist() if "publisher" in columns else [pd.NA] * len(table)
    for column in columns:
        values = table[column].tolist()
        if column in ("doc_id", "path", "text", "text_raw", "n_chars", "format", "encoding", "captions"):
            continue
        if column not in out.columns:
            out[column] = pd.array([pd.NA] * len(out), dtype="string")
        for pos, value, publisher in zip(positions, values, publishers):
            if pos is not None and not pd.isna(value):
                out.iloc[pos, out.columns.get_loc(column)] = value
                if column == "date" and "date_precision" not in columns:
                    out.iloc[pos, out.columns.get_loc("date_precision")] = _precision_of(str(value))
                if column == "source" and pd.isna(publisher) and "publisher" in out.columns:
                    out.iloc[pos, out.columns.get_loc("publisher")] = _metadata.canonical_publisher(str(value))
    note = f"metadata file: {len(table) - len(unmatched)} row(s) joined"
    if unmatched:
        note += f", {len(unmatched)} unmatched ({', '.join(unmatched[:5])}{'...' if len(unmatched) > 5 else ''})"
    return out, note


def _precision_of(value: str) -> str | None:
    value = value.strip()
    if len(value) == 4 and value.isdigit():
        return "year"
    found = _metadata.parse_date(value)
    return found[1] if found else None


# ---------------------------------------------------------------- corpus

class _Loading:
    """One file on its way through the stages of :func:`read_corpus` (each stage sets one attribute)."""

    __slots__ = ("entry", "fmt", "path", "read", "result", "row", "slot")
    read: _Read
    result: _clean.CleanResult
    row: dict

    def __init__(self, slot: int, entry: _Entry, path: str, fmt: str | None) -> None:
        self.slot, self.entry, self.path, self.fmt = slot, entry, path, fmt


def _each(files: list[_Loading], step: Callable[[_Loading], None], report: list[dict | None]) -> list[_Loading]:
    """Apply ``step`` to every file; one that raises gets its report row and drops out."""
    kept = []
    for file in files:
        try:
            step(file)
        except Exception as exc:  # one bad file never stops the corpus
            report[file.slot] = _failure_row(file, exc)
            continue
        kept.append(file)
    return kept


def _failure_row(file: _Loading, exc: Exception) -> dict:
    entry, path, fmt = file.entry, file.path, file.fmt
    if isinstance(exc, NoTextError):
        return _report_row(entry, path, "skipped", _reason(exc, entry), fmt)
    if isinstance(exc, FormatError):
        return _report_row(entry, path, "skipped" if fmt is None else "failed", _reason(exc, entry), fmt)
    if isinstance(exc, CorpusToolsError):
        return _report_row(entry, path, "failed", _reason(exc, entry), fmt)
    return _report_row(entry, path, "failed", f"{type(exc).__name__}: {exc}", fmt)


def _document_row(entry: _Entry, read: _Read, result: _clean.CleanResult, path: str) -> dict:
    meta = _metadata.infer_metadata(result.text, raw=read.page or read.text)
    title = (read.title or meta.title) if read.format == "html" else (meta.title or read.title)
    date, precision = meta.date, meta.date_precision
    if date is None and read.date:
        date, precision = read.date, _precision_of(read.date)
    source, publisher = meta.source, meta.publisher
    if source is None and read.site:
        source, publisher = read.site, _metadata.canonical_publisher(read.site)
    return {
        "doc_id": entry.doc_id, "path": path, "format": read.format,
        "encoding": read.encoding, "script": None, "title": title,  # script: set for all rows at once
        "date": date, "date_precision": precision, "source": source, "doc_type": meta.doc_type,
        "publisher": publisher,
        "n_chars": len(result.text), "text_raw": read.text, "text": result.text, "text_raw_utf8": read.utf8,
        "captions": [list(span) for span in result.captions],
    }


def _read_stage(file: _Loading, *, max_bytes: int | None) -> None:
    file.read = _read(file.entry.path, max_bytes)


def _clean_stage(file: _Loading, *, config: _clean.CleanConfig) -> None:
    file.result = _clean.clean(file.read.text, config=config, record_changes=False)


def _row_stage(file: _Loading) -> None:
    file.row = _document_row(file.entry, file.read, file.result, file.path)


def _remove_corpus_furniture(rows: list[dict], *, config: _clean.CleanConfig,
                             furniture: Mapping[object, frozenset[str]] | None = None) -> None:
    """Drop from each clean text the template lines of its publisher's site (``clean.corpus_furniture``).

    ``furniture`` (publisher -> its template lines) gives the lines decided over a whole
    corpus by a chunked build; without it they are decided over ``rows``.
    """
    if not config.remove_boilerplate:
        return
    if furniture is None:
        if len(rows) < 3:
            return
        found = _clean.corpus_furniture([row["text"] for row in rows], [row["publisher"] for row in rows])
    else:
        empty: frozenset[str] = frozenset()
        found = [empty if row["publisher"] is None or pd.isna(row["publisher"])
                 else furniture.get(row["publisher"], empty) for row in rows]
    for row, lines in zip(rows, found):
        if lines:
            text = _clean.remove_lines(row["text"], lines)
            if text == row["text"]:
                continue
            row["text"], row["n_chars"] = text, len(text)
            row["captions"] = [list(span) for span in _clean.find_captions(text)] if config.mark_captions else []


def _report_row(entry: _Entry, path: str, status: str, reason: str | None, fmt: str | None = None,
                encoding: str | None = None, n_chars: int | None = None) -> dict:
    return {"path": path, "status": status, "reason": reason and safe_name(reason), "format": fmt,
            "encoding": encoding, "n_chars": n_chars, "doc_id": entry.doc_id}


def _format_or_none(path: Path) -> str | None:
    return EXTENSIONS.get(path.suffix.lower())


def read_corpus(path: str | Path, *, metadata: str | Path | None = None,
                config: _clean.CleanConfig = _clean.DEFAULT_CONFIG,
                max_bytes: int | None = MAX_BYTES, keep_raw: bool = True) -> LoadResult:
    """Load every document under ``path`` (a file, a folder read recursively, or a glob).

    Args:
        path: a file, a folder or a glob pattern (``"data/**/*.txt"``).
        metadata: a CSV whose rows (keyed by a ``doc_id`` or ``file`` column, matched
            on ``doc_id`` or on the file name) override the inferred ``title``,
            ``date``, ``date_precision``, ``source``, ``publisher``, ``doc_type``,
            ``script`` (a ``source`` without a ``publisher`` sets ``publisher`` to
            ``canonical_publisher(source)``); its other columns are added. Default:
            ``metadata.csv`` in the corpus root, if any.
        config: the cleaning options.
        max_bytes: a file larger than this (a docx: its unpacked parts; a PDF: its text
            layer) is not loaded, reason "too large" (default :data:`MAX_BYTES`, 100 MB);
            None for no limit.
        keep_raw: keep the decoded text in ``text_raw``; False leaves the column
            empty (``<NA>``), which halves the table's memory (see :func:`load_corpus`).

    Returns:
        A :class:`LoadResult`; ``doc_id`` is the path relative to the corpus root
        (the file name when ``path`` is a file), rows sorted by ``doc_id``.

    >>> result = read_corpus("data")
    >>> result.documents[["doc_id", "doc_type", "date"]].head(2).values.tolist()
    [['000_3615f49ca4e62b93.txt', 'press_release', '2023-03-31'], ['001_8b94e84355f05d28.txt', 'press_release', '2023-01-18']]
    """
    if not isinstance(config, _clean.CleanConfig):
        raise InputError(f"read_corpus: config must be a CleanConfig (got {type(config).__name__})")
    if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes <= 0):
        raise InputError(f"read_corpus: max_bytes must be a positive int or None (got {max_bytes!r})")
    root, entries = _collect(path)
    documents, report_frame = _load_entries(root, entries, config=config, max_bytes=max_bytes,
                                            keep_raw=keep_raw)
    metadata_path = Path(metadata) if metadata is not None else root / METADATA_FILE
    if metadata is not None and not metadata_path.is_file():
        raise InputError(f"read_corpus: metadata file {metadata_path} does not exist")
    if metadata_path.is_file():
        documents, note = _apply_metadata(documents, _read_metadata_csv(metadata_path))
        report_frame = _set_metadata_note(report_frame, metadata_path, note)
    documents.attrs["load_report"] = _report_records(report_frame)
    return LoadResult(documents, report_frame, str(root))


def _load_entries(root: Path, entries: list[_Entry], *, config: _clean.CleanConfig,
                  max_bytes: int | None = MAX_BYTES, keep_raw: bool = True,
                  corpus_furniture: bool | Mapping[object, frozenset[str]] = True,
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents and load report of ``entries`` (files under ``root``), before any metadata.csv.

    Each document is read, cleaned and described on its own, then the lines that recur
    across documents of one publisher (site templates) are removed. ``corpus_furniture``:
    True decides those lines over the entries given (the in-memory load); False skips the
    step (a chunked build's first pass, which counts furniture candidates over the whole
    corpus); a mapping publisher -> lines removes the lines decided over the whole corpus
    (the build's second pass, chunk by chunk).
    """
    root_abs = safe_name(str(root.resolve()))
    report: list[dict | None] = []  # one row per entry, in order
    files: list[_Loading] = []
    for entry in entries:
        fmt = _format_or_none(entry.path)
        abs_path = os.path.join(root_abs, *entry.doc_id.rstrip("/").split("/"))  # str(root / doc_id), faster
        if entry.skip_reason:
            report.append(_report_row(entry, abs_path, "failed" if entry.failed else "skipped", entry.skip_reason, fmt))
            continue
        files.append(_Loading(len(report), entry, abs_path, fmt))
        report.append(None)
    # Each stage runs over all files before the next one (the regex engine's and the
    # stages' code and data stay in the CPU caches: ~10% faster than file by file); a
    # file that fails at any stage is reported exactly as file by file.
    files = _each(files, functools.partial(_read_stage, max_bytes=max_bytes), report)
    files = _each(files, functools.partial(_clean_stage, config=config), report)
    files = _each(files, _row_stage, report)
    if corpus_furniture is not False:
        _remove_corpus_furniture([file.row for file in files], config=config,
                                 furniture=None if corpus_furniture is True else corpus_furniture)
    docs: list[dict] = []
    for file in files:
        row, read = file.row, file.read
        if not keep_raw:
            row["text_raw"], row["text_raw_utf8"] = None, None
        docs.append(row)
        report[file.slot] = _report_row(file.entry, file.path, "loaded", read.note, read.format, read.encoding,
                                        row["n_chars"])
        file.read = file.result = None  # the raw text goes as soon as its row holds what is kept
    # all documents at once: one OpenCC call per direction (see script.detect_scripts)
    scripts = script.detect_scripts([row["text"] for row in docs], sample=_SCRIPT_SAMPLE)
    for row, found in zip(docs, scripts):
        row["script"] = found
    return _documents_frame(docs), _report_frame([row for row in report if row is not None])


def _report_records(report: pd.DataFrame) -> list[dict]:
    """The report as plain records (None for missing), safe in ``DataFrame.attrs``.

    pandas compares ``attrs`` with ``==`` when it concatenates frames; a DataFrame
    (or pd.NA) there would raise, so the attrs copy holds plain values.
    """
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in report.astype(object).to_dict("records")]


def _reason(exc: Exception, entry: _Entry) -> str:
    message = str(exc)
    prefix = f"{entry.path.name}: "
    return message.removeprefix(prefix)


def _documents_frame(rows: list[dict]) -> pd.DataFrame:
    layout = {**schema.DOCUMENTS, **schema.DOCUMENTS_DERIVED}
    if not rows:
        return schema.empty_frame(layout)
    # column by column: much faster than a frame from dicts for long text columns
    columns: dict[str, object] = {
        name: pd.array([row[name] for row in rows], dtype=dtype) for name, dtype in layout.items()
        if name not in ("text_raw", "text", "captions")
    }
    if all(row["text_raw"] is None for row in rows):  # keep_raw=False
        columns["text_raw"] = pd.array([None] * len(rows), dtype="string")
    else:
        columns["text_raw"] = _string_array([row["text_raw"] for row in rows],
                                            [row["text_raw_utf8"] for row in rows])
    columns["text"] = _string_array([row["text"] for row in rows])
    columns["captions"] = pd.Series([row["captions"] for row in rows], dtype=object)
    return schema.conform(pd.DataFrame(columns), layout)


@functools.lru_cache(maxsize=None)
def _arrow_strings_are_the_string_dtype() -> bool:
    import pyarrow as pa

    probe = pd.arrays.ArrowStringArray(pa.array(["文"], pa.large_string()))
    return probe.dtype == pd.api.types.pandas_dtype("string") and pd.array(["文"], dtype="string").equals(probe)


def _string_array(values: list[str], utf8: list[bytes | None] | None = None) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="string")`` for long str values, built from their UTF-8 bytes.

    Several times faster on a corpus: pyarrow would store a UTF-8 copy inside every
    str object on the way; ``utf8`` gives bytes already at hand (a UTF-8 file's own
    bytes, None where there are none). Falls back to ``pd.array`` when pandas' string
    dtype is not pyarrow's large string or a value does not encode.
    """
    if not _arrow_strings_are_the_string_dtype():
        return pd.array(values, dtype="string")
    import numpy as np
    import pyarrow as pa

    try:
        chunks = [value.encode() for value in values] if utf8 is None else [
            data if data is not None else value.encode() for value, data in zip(values, utf8)]
    except (UnicodeEncodeError, AttributeError):  # lone surrogates, non-str values: pandas decides
        return pd.array(values, dtype="string")
    offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks)), out=offsets[1:])
    array = pa.LargeStringArray.from_buffers(len(chunks), pa.py_buffer(offsets), pa.py_buffer(b"".join(chunks)))
    return pd.arrays.ArrowStringArray(array)


def _report_frame(rows: list[dict]) -> pd.DataFrame:
    columns = {**schema.LOAD_REPORT, "doc_id": "string"}
    if not rows:
        return schema.empty_frame(columns)
    return schema.conform(pd.DataFrame(rows, columns=list(columns)), columns)


def _set_metadata_note(report: pd.DataFrame, metadata_path: Path, note: str) -> pd.DataFrame:
    resolved = safe_name(str(metadata_path.resolve()))
    mask = report["path"] == resolved
    if mask.any():
        report = report.copy()
        report.loc[mask, "reason"] = note
        return report
    row = pd.DataFrame([{"path": resolved, "status": "skipped", "reason": note, "format": pd.NA,
                         "encoding": pd.NA, "n_chars": pd.NA, "doc_id": safe_name(metadata_path.name)}])
    columns = {**schema.LOAD_REPORT, "doc_id": "string"}
    return schema.conform(pd.concat([report, schema.conform(row, columns)], ignore_index=True), columns)


def load_corpus(path: str | Path, *, metadata: str | Path | None = None,
                config: _clean.CleanConfig = _clean.DEFAULT_CONFIG,
                max_bytes: int | None = MAX_BYTES, keep_raw: bool = True) -> pd.DataFrame:
    """Return the documents table of :func:`read_corpus`.

    What it costs: the whole corpus is held in memory, twice (``text_raw`` as
    decoded and ``text`` as cleaned, about 2x the corpus's UTF-8 size plus
    pandas' overhead), and so is every table made from it (the tokens table
    is several times the size of the text). ``keep_raw=False`` leaves ``text_raw`` empty (``<NA>``) and
    saves about half of the documents table. Past a few hundred MB, use
    :func:`corpus_tools.build` (chunks in worker processes, Parquet on disk,
    memory flat in corpus size) and read its tables back with
    :func:`corpus_tools.open_build`.

    The load report is also in ``documents.attrs["load_report"]`` as a list of
    records (plain values, ``None`` for missing), because pandas compares attrs
    with ``==`` when concatenating; ``pd.DataFrame(docs.attrs["load_report"])``
    rebuilds the table.

    >>> docs = load_corpus("data")
    >>> docs[["doc_id", "script", "doc_type"]].values.tolist()[1]
    ['001_8b94e84355f05d28.txt', 'hant', 'press_release']
    >>> pd.DataFrame(docs.attrs["load_report"])[["doc_id", "status"]].values.tolist()[-2:]
    [['004_6bcdac202017c94e.txt', 'loaded'], ['README.md', 'skipped']]
    >>> bool(load_corpus("data", keep_raw=False)["text_raw"].isna().all())
    True
    """
    return read_corpus(path, metadata=metadata, config=config, max_bytes=max_bytes, keep_raw=keep_raw).documents
