"""Load a corpus (a file, a folder or a glob) into a documents table, cleaned, with metadata.

:func:`read_corpus` returns a :class:`LoadResult` with the documents table
(``schema.DOCUMENTS``) and a load report (``schema.LOAD_REPORT``, one row per
input file: loaded / skipped / failed with the reason); :func:`load_corpus`
returns just the documents (the report, as a list of records, is in
``documents.attrs["load_report"]``: ``pd.DataFrame(docs.attrs["load_report"])``).
One bad file never stops the corpus and nothing is dropped silently: hidden files
and folders, ``metadata.csv``, a ``README`` and files of unsupported formats are
reported as skipped with the reason.

Formats: ``.txt`` (also ``.text``, ``.md``) in UTF-8 with or without BOM,
UTF-16/32 with BOM, GB18030/GBK/GB2312 or Big5; ``.html``/``.htm`` (main text by
trafilatura, never scripts or navigation); ``.docx`` (paragraphs and table
cells in document order); ``.pdf`` (the text layer, pages separated by a form
feed; a PDF without one is skipped as "no text layer (scanned?)").

Decoding: strict UTF-8 first (the fast path); a file that is valid UTF-8 except
for an incomplete character at its very end (a truncated download) is loaded
without those bytes and the report says how many were dropped. Other files go
to charset-normalizer; GBK/GB2312 are decoded as their superset GB18030 and
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

import functools
import glob as _glob
import os
import re
import warnings
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pandas as pd

from . import clean as _clean
from . import metadata as _metadata
from . import resources, schema, script
from .errors import CorpusToolsError, DecodeError, FormatError, InputError

__all__ = [
    "LoadResult", "read_corpus", "load_corpus", "read_document", "decode_bytes",
    "NoTextError", "EmptyFileError", "BinaryFileError", "NoTextLayerError", "EXTENSIONS",
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


@dataclass(frozen=True)
class _Read:
    text: str
    encoding: str | None
    format: Format
    note: str | None = None
    title: str | None = None
    date: str | None = None
    utf8: bytes | None = None  # the file's bytes when they are exactly text.encode("utf-8")


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
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start <= 3:
            try:
                text = data[:exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                dropped = len(data) - exc.start
                return text, "utf-8", f"truncated UTF-8: dropped {dropped} incomplete byte(s) at the end"
    if b"\x00" in data:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible_share(text) >= _PLAUSIBLE_SHARE:
                return text, codec, None
        raise BinaryFileError(f"{name}: binary file (NUL bytes, not UTF-16 text)")
    tried = []
    best: tuple[float, str, str] | None = None
    for codec in _candidate_codecs(data):
        tried.append(codec)
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        share = _plausible_share(text)
        if share >= _PLAUSIBLE_SHARE:
            return text, codec, None
        if best is None or share > best[0]:
            best = (share, text, codec)
    detail = f"; best was {best[2]} with {best[0]:.0%} plausible characters" if best else ""
    raise DecodeError(
        f"{name}: undecodable: not UTF-8, UTF-16, GB18030 or Big5 text (tried {', '.join(tried)}{detail}); "
        "re-save the file as UTF-8"
    )


# ---------------------------------------------------------------- formats

def _read_txt(path: Path) -> _Read:
    data = path.read_bytes()
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


def _read_html(path: Path) -> _Read:
    import trafilatura

    html, encoding, note = decode_bytes(path.read_bytes(), name=path.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # third-party warnings about odd markup are not load failures
        doc = trafilatura.bare_extraction(html, favor_recall=True, include_comments=False,
                                          include_tables=True, with_metadata=True)
    text = (doc.text or "") if doc is not None else ""
    title = getattr(doc, "title", None) if doc is not None else None
    date = getattr(doc, "date", None) if doc is not None else None
    if not text.strip():
        try:
            text = _html_fallback_text(html)
        except Exception as exc:  # lxml raises several types on broken markup
            raise FormatError(f"{path.name}: HTML could not be parsed ({exc})") from exc
    if not text.strip():
        raise NoTextLayerError(f"{path.name}: no text in HTML")
    return _Read(text, encoding, "html", note, title or None, date or None)


def _docx_blocks(document) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                blocks.append("\t".join(cells))
    return blocks


def _read_docx(path: Path) -> _Read:
    import docx

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


def _read_pdf(path: Path) -> _Read:
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise FormatError(f"{path.name}: encrypted PDF (a password is needed)")
            pages = [page.extract_text() or "" for page in reader.pages]
    except CorpusToolsError:
        raise
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


def _read(path: Path) -> _Read:
    return _READERS[_format_of(path)](path)


def read_document(path: str | Path) -> tuple[str, str | None, Format]:
    """Read one file; return (text_raw, encoding, format).

    ``encoding`` is None for docx and pdf, whose text is not a byte encoding.

    Raises:
        NoTextError: empty, binary, or no text layer (``read_corpus`` skips these).
        DecodeError: the bytes are not text in a supported encoding.
        FormatError: unsupported extension, corrupt docx/pdf.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("沪港合作。".encode("gb18030"))
    >>> read_document(p)
    ('沪港合作。', 'gb18030', 'txt')
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"read_document: {path} is not a file")
    read = _read(path)
    return read.text, read.encoding, read.format


# ---------------------------------------------------------------- collecting files

@dataclass(frozen=True)
class _Entry:
    path: Path
    doc_id: str
    skip_reason: str | None = None


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


def _walk(root: Path) -> list[_Entry]:
    entries: list[_Entry] = []
    for dirpath, dirnames, filenames in os.walk(root):
        current = Path(dirpath)
        for d in sorted(dirnames):
            if d.startswith("."):
                rel = (current / d).relative_to(root).as_posix() + "/"
                entries.append(_Entry(current / d, rel, "hidden folder (not read)"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # (current / f).relative_to(root).as_posix(), with the folder's part computed once
        folder = current.relative_to(root).as_posix()
        prefix = "" if folder == "." else folder + "/"
        for f in filenames:
            entries.append(_Entry(current / f, prefix + f))
    return entries


def _collect(path: str | Path) -> tuple[Path, list[_Entry]]:
    text = str(path)
    p = Path(path)
    if p.is_dir():
        root, entries = p, _walk(p)
    elif p.is_file():
        root, entries = p.parent, [_Entry(p, p.name)]
    elif _is_glob(text):
        root = _glob_root(text)
        matches = [Path(m) for m in _glob.glob(text, recursive=True)]
        entries = []
        for m in matches:
            if m.is_dir():
                entries.extend(_Entry(e.path, e.path.relative_to(root).as_posix(), e.skip_reason)
                               for e in _walk(m))
            elif m.is_file():
                entries.append(_Entry(m, m.relative_to(root).as_posix()))
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
    return table.replace({"": pd.NA})


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
    meta = _metadata.infer_metadata(result.text, raw=read.text)
    title = meta.title or read.title
    date, precision = meta.date, meta.date_precision
    if date is None and read.date:
        date, precision = read.date, _precision_of(read.date)
    return {
        "doc_id": entry.doc_id, "path": path, "format": read.format,
        "encoding": read.encoding, "script": None, "title": title,  # script: set for all rows at once
        "date": date, "date_precision": precision, "source": meta.source, "doc_type": meta.doc_type,
        "publisher": meta.publisher,
        "n_chars": len(result.text), "text_raw": read.text, "text": result.text, "text_raw_utf8": read.utf8,
        "captions": [list(span) for span in result.captions],
    }


def _read_stage(file: _Loading) -> None:
    file.read = _read(file.entry.path)


def _clean_stage(file: _Loading, *, config: _clean.CleanConfig) -> None:
    file.result = _clean.clean(file.read.text, config=config, record_changes=False)


def _row_stage(file: _Loading) -> None:
    file.row = _document_row(file.entry, file.read, file.result, file.path)


def _report_row(entry: _Entry, path: str, status: str, reason: str | None, fmt: str | None = None,
                encoding: str | None = None, n_chars: int | None = None) -> dict:
    return {"path": path, "status": status, "reason": reason, "format": fmt,
            "encoding": encoding, "n_chars": n_chars, "doc_id": entry.doc_id}


def _format_or_none(path: Path) -> str | None:
    return EXTENSIONS.get(path.suffix.lower())


def read_corpus(path: str | Path, *, metadata: str | Path | None = None,
                config: _clean.CleanConfig = _clean.DEFAULT_CONFIG, keep_raw: bool = True) -> LoadResult:
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
    root, entries = _collect(path)
    documents, report_frame = _load_entries(root, entries, config=config, keep_raw=keep_raw)
    metadata_path = Path(metadata) if metadata is not None else root / METADATA_FILE
    if metadata is not None and not metadata_path.is_file():
        raise InputError(f"read_corpus: metadata file {metadata_path} does not exist")
    if metadata_path.is_file():
        documents, note = _apply_metadata(documents, _read_metadata_csv(metadata_path))
        report_frame = _set_metadata_note(report_frame, metadata_path, note)
    documents.attrs["load_report"] = _report_records(report_frame)
    return LoadResult(documents, report_frame, str(root))


def _load_entries(root: Path, entries: list[_Entry], *, config: _clean.CleanConfig,
                  keep_raw: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents and load report of ``entries`` (files under ``root``), before any metadata.csv.

    Each document is read, cleaned and described on its own, so the entries can be
    loaded in chunks (``build``) and give the rows they give in one corpus.
    """
    root_abs = str(root.resolve())
    report: list[dict | None] = []  # one row per entry, in order
    files: list[_Loading] = []
    for entry in entries:
        fmt = _format_or_none(entry.path)
        abs_path = os.path.join(root_abs, *entry.doc_id.rstrip("/").split("/"))  # str(root / doc_id), faster
        if entry.skip_reason:
            report.append(_report_row(entry, abs_path, "skipped", entry.skip_reason, fmt))
            continue
        files.append(_Loading(len(report), entry, abs_path, fmt))
        report.append(None)
    # Each stage runs over all files before the next one (the regex engine's and the
    # stages' code and data stay in the CPU caches: ~10% faster than file by file); a
    # file that fails at any stage is reported exactly as file by file.
    files = _each(files, _read_stage, report)
    files = _each(files, functools.partial(_clean_stage, config=config), report)
    files = _each(files, _row_stage, report)
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
    resolved = str(metadata_path.resolve())
    mask = report["path"] == resolved
    if mask.any():
        report = report.copy()
        report.loc[mask, "reason"] = note
        return report
    row = pd.DataFrame([{"path": resolved, "status": "skipped", "reason": note, "format": pd.NA,
                         "encoding": pd.NA, "n_chars": pd.NA, "doc_id": metadata_path.name}])
    columns = {**schema.LOAD_REPORT, "doc_id": "string"}
    return schema.conform(pd.concat([report, schema.conform(row, columns)], ignore_index=True), columns)


def load_corpus(path: str | Path, *, metadata: str | Path | None = None,
                config: _clean.CleanConfig = _clean.DEFAULT_CONFIG, keep_raw: bool = True) -> pd.DataFrame:
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
    return read_corpus(path, metadata=metadata, config=config, keep_raw=keep_raw).documents
