"""Build a corpus once into Parquet datasets, in chunks and worker processes; read it back as DataFrames.

:func:`build` reads the files of a corpus in chunks (lists of files), has a
worker process (all cores by default) load, clean, extract figures, tokens,
entities and per-document content-term counts of each chunk, and writes one
Parquet part file per chunk and table. The parent only schedules and reduces:
no worker sends back a table, so memory stays flat in corpus size. Corpus-wide
statistics (document frequencies for TF-IDF) are summed from per-chunk partial
counts; a second pass writes every document's keywords with them.

A build is incremental: ``manifest.parquet`` records each file's content hash,
a re-run skips unchanged files, reprocesses changed ones and drops the rows of
files that have gone. :func:`open_build` gives back the tables of the in-memory
API (``documents()``, ``load_report()``, ``figures()``, ``tokens()``,
``entities()``, ``keywords(...)``).

Layout of ``OUT_DIR`` (columns and dtypes in :mod:`corpus_tools.schema`)::

    build.json                 format version, corpus root, options, counts
    manifest.parquet           doc_id, path, size, mtime_ns, sha256, part (one row per file read)
    documents/part-NNNNN.parquet     schema.DOCUMENTS + DOCUMENTS_DERIVED (+ metadata.csv columns)
    load_report/part-NNNNN.parquet   schema.LOAD_REPORT + doc_id (files skipped by name: part-skipped)
    figures/part-NNNNN.parquet       schema.FIGURES
    tokens/part-NNNNN.parquet        schema.TOKENS
    entities/part-NNNNN.parquet      schema.ENTITIES
    doc_terms/part-NNNNN.parquet     schema.DOC_TERMS (content-term counts per document)
    term_df/part-NNNNN.parquet       norm, df: the chunk's document frequencies (partial counts)
    keywords/part-NNNNN.parquet      schema.KEYWORDS, top keywords of each document (TF-IDF, corpus IDF)

Every dataset directory reads as one table with ``pandas.read_parquet(dir)``
or ``pyarrow.dataset``; a part's rows belong to the files of one chunk.

>>> import tempfile
>>> out = build("data", tempfile.mkdtemp(), workers=1, progress=False)
>>> len(out.documents()), out.keywords(top=1)["group"].nunique()
(5, 5)
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema
from .errors import CorpusToolsError, InputError

__all__ = ["BUILD_TABLES", "Build", "build", "open_build"]

FORMAT_VERSION = 1
#: The datasets of a build, one directory each.
BUILD_TABLES = ("documents", "load_report", "figures", "tokens", "entities", "doc_terms", "term_df", "keywords")
_REPORT_COLUMNS = {**schema.LOAD_REPORT, "doc_id": "string"}
_TERM_DF = schema.TERM_DF
MANIFEST = "manifest.parquet"
SKIPPED_PART = "part-skipped.parquet"


# ---------------------------------------------------------------- files and chunks

@dataclass(frozen=True)
class _File:
    doc_id: str
    path: str
    size: int
    mtime_ns: int
    sha256: str


_MANIFEST = schema.BUILD_MANIFEST


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _chunks(files: Sequence[_File], chunk_size: int, chunk_bytes: int) -> list[list[_File]]:
    """Consecutive files, at most ``chunk_size`` files and about ``chunk_bytes`` bytes a chunk."""
    chunks: list[list[_File]] = []
    current: list[_File] = []
    size = 0
    for f in files:
        if current and (len(current) >= chunk_size or size + f.size > chunk_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(f)
        size += f.size
    if current:
        chunks.append(current)
    return chunks


# ---------------------------------------------------------------- the worker

def _write(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _process_chunk(root: str, doc_ids: list[str], out_dir: str, part: str, options: dict) -> dict:
    """Load and analyse one chunk of files; write its part of every table; return small counts."""
    from . import clean, entities, figures, keywords, load, tokens

    entries = [load._Entry(Path(root, *d.split("/")), d) for d in doc_ids]
    documents, report = load._load_entries(Path(root), entries, config=options.get("clean", clean.DEFAULT_CONFIG),
                                           keep_raw=options["keep_raw"])
    metadata_path = options.get("metadata")
    if metadata_path:
        documents, _ = load._apply_metadata(documents, load._read_metadata_csv(Path(metadata_path)))
    out = Path(out_dir)
    name = f"{part}.parquet"
    _write(documents, out / "documents" / name)
    _write(report, out / "load_report" / name)
    _write(figures.figures_table(documents), out / "figures" / name)
    toks = tokens.tokens_table(documents, config=options["keywords"].tokens)
    _write(toks, out / "tokens" / name)
    # one tagging pass serves tokens and entities when both tag with the same options
    shared = toks if options["keywords"].tokens == entities.DEFAULT_CONFIG.tokens else None
    _write(entities.entities_table(documents, tokens=shared), out / "entities" / name)
    terms = keywords.content_counts(toks, config=options["keywords"])
    _write(terms, out / "doc_terms" / name)
    _write(_term_df(terms), out / "term_df" / name)
    return {"part": part, "n_docs": len(documents), "n_tokens": len(toks)}


def _term_df(doc_terms: pd.DataFrame) -> pd.DataFrame:
    """Document frequency of each term of a chunk: the partial counts corpus IDF is summed from."""
    df = doc_terms["norm"].value_counts(sort=False)
    return schema.conform(pd.DataFrame({"norm": df.index.astype("string"), "df": df.to_numpy()}), _TERM_DF)


def _keywords_part(out_dir: str, part: str, df_path: str, n_docs: int, options: dict) -> str:
    """Second pass: the part's per-document TF-IDF keywords with the corpus document frequencies."""
    from . import keywords

    out = Path(out_dir)
    terms = pd.read_parquet(out / "doc_terms" / f"{part}.parquet")
    df = pd.read_parquet(df_path)
    df = pd.Series(df["df"].to_numpy(dtype="int64"), index=df["norm"].astype(object))
    counts = terms.rename(columns={"doc_id": "group"})
    table = keywords._tfidf_from_counts(counts, df=df, n_docs=n_docs, top=options["top"],
                                        config=options["keywords"])
    _write(table, out / "keywords" / f"{part}.parquet")
    return part


# ---------------------------------------------------------------- progress

def _in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (where tqdm.auto draws a widget)."""
    shell = sys.modules.get("IPython")
    ipython = getattr(shell, "get_ipython", lambda: None)() if shell else None
    return ipython is not None and "IPKernelApp" in getattr(ipython, "config", {})


def _progress_bar(enabled: bool | None, total_bytes: int, n_files: int, desc: str):
    if enabled is None:
        enabled = sys.stderr.isatty() or _in_notebook()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    options = {"total": total_bytes, "unit": "B", "unit_scale": True, "unit_divisor": 1000, "desc": desc,
               "postfix": {"files": f"0/{n_files}"}, "smoothing": 0.1, "dynamic_ncols": True}
    try:
        return tqdm(**options)
    except ImportError:  # Jupyter without ipywidgets: the text bar, which the notebook shows too
        from tqdm.std import tqdm as text_tqdm

        return text_tqdm(**options)


# ---------------------------------------------------------------- the build

def _warm_up(options: dict) -> None:
    """Load the engines and lexicons (lazily loaded, cached) once, before the workers fork and share them."""
    from . import entities, figures, keywords, tokens

    docs = pd.DataFrame({"doc_id": ["warm-up"], "date": ["2023-03-31"],
                         "text": ["香港科技園公司與羅氏合作，投資5億元推動細胞治療。"]})
    figures.figures_table(docs)
    keywords.content_counts(tokens.tokens_table(docs, config=options["keywords"].tokens), config=options["keywords"])
    entities.entities_table(docs)


def _executor(workers: int, options: dict):
    if workers <= 1:
        return None
    import multiprocessing

    # fork where there is one: no `if __name__ == "__main__"` guard needed in a user's script, and
    # the engines loaded once here are shared (copy-on-write) instead of loaded again by each worker
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _warm_up(options)
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


class _Inline:
    """A one-worker 'pool' that runs tasks in this process, in order."""

    def submit(self, func: Callable, *args: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(func(*args))
        except Exception as exc:  # noqa: BLE001 - handed to the caller, as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        return None


def _run(pool, tasks: Iterable[tuple], *, limit: int, on_done: Callable[[Any, tuple], None]) -> None:
    """Run ``(func, *args)`` tasks with at most ``limit`` in flight; ``on_done(result, task)`` as each ends."""
    pending: dict[Future, tuple] = {}
    for task in tasks:
        pending[pool.submit(*task)] = task
        while len(pending) >= limit:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                on_done(future.result(), pending.pop(future))
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            on_done(future.result(), pending.pop(future))


# ---------------------------------------------------------------- manifest and increments

def _empty_manifest() -> pd.DataFrame:
    return schema.empty_frame(_MANIFEST)


def _read_manifest(out: Path) -> pd.DataFrame:
    path = out / MANIFEST
    return schema.conform(pd.read_parquet(path), _MANIFEST) if path.is_file() else _empty_manifest()


def _stat_files(root: Path, entries: list, manifest: pd.DataFrame) -> list[_File]:
    """The readable files with their content hashes (reused when size and mtime are the manifest's)."""
    known = {d: (size, mtime, sha) for d, size, mtime, sha in zip(
        manifest["doc_id"].tolist(), manifest["size"].tolist(), manifest["mtime_ns"].tolist(),
        manifest["sha256"].tolist())}
    root_abs = str(root.resolve())
    files = []
    for e in entries:
        path = os.path.join(root_abs, *e.doc_id.split("/"))
        st = os.stat(path)
        before = known.get(e.doc_id)
        same_stamp = before is not None and before[0] == st.st_size and before[1] == st.st_mtime_ns
        files.append(_File(e.doc_id, path, st.st_size, st.st_mtime_ns, before[2] if same_stamp else _sha256(path)))
    return files


def _plan(files: list[_File], manifest: pd.DataFrame) -> tuple[list[_File], pd.DataFrame, dict[str, set[str]]]:
    """Files to process, manifest rows kept, and per earlier part the doc_ids whose rows must go."""
    current = {f.doc_id: f for f in files}
    todo, keep, stale = [], [], {}
    for row in manifest.itertuples(index=False):
        f = current.get(row.doc_id)
        if f is not None and f.sha256 == row.sha256:
            keep.append({**row._asdict(), "size": f.size, "mtime_ns": f.mtime_ns})
        else:  # changed or deleted
            stale.setdefault(row.part, set()).add(row.doc_id)
    kept_ids = {r["doc_id"] for r in keep}
    todo = [f for f in files if f.doc_id not in kept_ids]
    return todo, pd.DataFrame(keep, columns=list(_MANIFEST)), stale


def _drop_rows(out: Path, part: str, doc_ids: set[str]) -> None:
    """Remove the rows of ``doc_ids`` from every table's part file (and recount its term_df)."""
    name = f"{part}.parquet"
    for table in ("documents", "load_report", "figures", "tokens", "entities", "doc_terms"):
        path = out / table / name
        if path.is_file():
            frame = pd.read_parquet(path)
            _write(frame[~frame["doc_id"].isin(doc_ids)].reset_index(drop=True), path)
    terms = out / "doc_terms" / name
    if terms.is_file():
        _write(_term_df(pd.read_parquet(terms)), out / "term_df" / name)


def _remove_dead_parts(out: Path, live: list[str]) -> None:
    alive = set(live)
    for table in BUILD_TABLES:
        for path in (out / table).glob("part-*.parquet"):
            if path.name != SKIPPED_PART and path.stem not in alive:
                path.unlink()


def _reduce_term_df(out: Path, live: list[str], *, batch: int = 16) -> int:
    """Sum the parts' document frequencies into ``_term_df.parquet``; return the number of documents."""
    import pyarrow.parquet as pq

    total: pd.Series | None = None
    for i in range(0, len(live), batch):
        frames = [pd.read_parquet(out / "term_df" / f"{p}.parquet") for p in live[i:i + batch]]
        summed = pd.concat(frames, ignore_index=True).groupby("norm", sort=False)["df"].sum()
        total = summed if total is None else total.add(summed, fill_value=0)
    if total is None:
        total = pd.Series([], dtype="Int64")
    frame = pd.DataFrame({"norm": total.index.astype("string"), "df": total.to_numpy(dtype="int64")})
    _write(schema.conform(frame, _TERM_DF), out / "_term_df.parquet")
    return sum(pq.ParquetFile(out / "documents" / f"{p}.parquet").metadata.num_rows for p in live)


def _metadata_note(out: Path, skip_report: pd.DataFrame, metadata_path: Path, live: list[str]) -> pd.DataFrame:
    """The metadata file's report row, with the note of how many of its rows matched a document."""
    from . import load

    ids = _read_dataset(out / "documents", ["doc_id"], live)["doc_id"].tolist() if live else []
    probe = pd.DataFrame({"doc_id": pd.array(ids, dtype="string"),
                          "date_precision": pd.array([None] * len(ids), dtype="string"),
                          "publisher": pd.array([None] * len(ids), dtype="string")})
    _, note = load._apply_metadata(probe, load._read_metadata_csv(metadata_path))
    return load._set_metadata_note(skip_report, metadata_path, note)


def _read_dataset(folder: Path, columns: list[str] | None = None, parts: list[str] | None = None) -> pd.DataFrame:
    import pyarrow.dataset as ds

    files = sorted(str(p) for p in folder.glob("part-*.parquet")) if parts is None else \
        [str(folder / f"{p}.parquet") for p in parts]
    files = [f for f in files if os.path.exists(f)]
    if not files:
        return pd.DataFrame()
    import pyarrow as pa
    import pyarrow.parquet as pq

    # a part whose column is all empty (captions, a metadata column) may store it as null
    unified = pa.unify_schemas([pq.read_schema(f) for f in files], promote_options="permissive")
    table = ds.dataset(files, schema=unified.remove_metadata(), format="parquet").to_table(columns=columns)
    return table.to_pandas(types_mapper=_types_mapper)


def _types_mapper(arrow_type):
    import pyarrow as pa

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_floating(arrow_type):
        return pd.Float64Dtype()
    return None


# ---------------------------------------------------------------- the build

def _options_key(options: dict) -> str:
    """What must be equal for an earlier build's parts to be reused."""
    return repr(sorted((k, repr(v)) for k, v in options.items()))


def build(path: str | Path, out_dir: str | Path, *, workers: int | None = None, chunk_size: int = 64,
          chunk_mb: float = 8.0, progress: bool | None = None, metadata: str | Path | None = None,
          keep_raw: bool = True, top: int = 20, keyword_config: Any = None, clean_config: Any = None,
          rebuild: bool = False) -> Build:
    """Build the tables of the corpus at ``path`` into Parquet datasets under ``out_dir``.

    Args:
        path: a file, a folder (read recursively) or a glob, as :func:`load.read_corpus`.
        out_dir: the build's folder (created; an earlier build there is updated).
        workers: worker processes (default: all cores); 1 runs in this process.
        chunk_size: files per chunk at most (one part file per chunk and table).
        chunk_mb: bytes per chunk at most, in MB (a bigger file is a chunk of its own).
        progress: a tqdm progress bar (MB/s, files done, ETA; a widget in Jupyter);
            default: on in a terminal and in a Jupyter kernel, off otherwise.
        metadata: a metadata CSV, as :func:`load.read_corpus` (default: the corpus's
            ``metadata.csv``, if any); when it changes every document is rebuilt.
        keep_raw: store ``text_raw`` in ``documents`` (False leaves it ``<NA>``).
        top: keywords stored per document.
        keyword_config: a :class:`keywords.KeywordConfig` (content tokens, IDF source).
        clean_config: a :class:`clean.CleanConfig`.
        rebuild: ignore an earlier build and start afresh.

    Returns:
        The :class:`Build` (as :func:`open_build` gives it); ``.summary`` says how
        many files were processed, reused and dropped.
    """
    from . import clean, keywords, load

    keyword_config = keywords.DEFAULT_CONFIG if keyword_config is None else keyword_config
    clean_config = clean.DEFAULT_CONFIG if clean_config is None else clean_config
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1 or chunk_size < 1 or chunk_mb <= 0 or top < 1:
        raise InputError(f"build: workers, chunk_size and top must be >= 1 and chunk_mb > 0 (got workers={workers}, "
                         f"chunk_size={chunk_size}, chunk_mb={chunk_mb}, top={top})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    root, entries = load._collect(path)
    metadata_path = Path(metadata) if metadata is not None else root / load.METADATA_FILE
    if metadata is not None and not metadata_path.is_file():
        raise InputError(f"build: metadata file {metadata_path} does not exist")
    has_metadata = metadata_path.is_file()
    options = {"keep_raw": keep_raw, "top": top, "keywords": keyword_config, "clean": clean_config,
               "metadata": str(metadata_path.resolve()) if has_metadata else None}
    key = _options_key({**options, "metadata_sha256": _sha256(str(metadata_path)) if has_metadata else None,
                        "root": str(root.resolve()), "format": FORMAT_VERSION})
    info_path = out / "build.json"
    previous = json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() and not rebuild else None
    if previous is None or previous.get("key") != key:
        for table in BUILD_TABLES:
            shutil.rmtree(out / table, ignore_errors=True)
        (out / MANIFEST).unlink(missing_ok=True)
        previous = None
    manifest = _read_manifest(out)
    files = _stat_files(root, [e for e in entries if e.skip_reason is None], manifest)
    todo, kept, stale = _plan(files, manifest)
    for part, doc_ids in sorted(stale.items()):
        _drop_rows(out, part, doc_ids)
    # files skipped by name (hidden, README, metadata.csv): their report rows are rewritten every time
    _, skip_report = load._load_entries(root, [e for e in entries if e.skip_reason is not None],
                                        config=clean_config)
    first = max([int(p.split("-")[1]) for p in manifest["part"].tolist()] + [-1]) + 1
    chunks = _chunks(todo, chunk_size, int(chunk_mb * 1e6))
    parts = [f"part-{first + i:05d}" for i in range(len(chunks))]
    bar = _progress_bar(progress, sum(f.size for f in todo), len(todo), "build")
    new_rows: list[dict] = []
    counts = {"files": 0}

    def chunk_done(result: dict, task: tuple) -> None:
        chunk = task[-1]
        new_rows.extend({"doc_id": f.doc_id, "path": f.path, "size": f.size, "mtime_ns": f.mtime_ns,
                         "sha256": f.sha256, "part": result["part"]} for f in chunk)
        counts["files"] += len(chunk)
        if bar is not None:
            bar.set_postfix(files=f"{counts['files']}/{len(todo)}", refresh=False)
            bar.update(sum(f.size for f in chunk))

    root_abs = str(root.resolve())
    pool = _executor(min(workers, max(len(chunks), 1)), options) or _Inline()
    try:
        tasks = ((_chunk_task, root_abs, str(out), part, options, chunk) for chunk, part in zip(chunks, parts))
        _run(pool, tasks, limit=2 * workers, on_done=chunk_done)
        if bar is not None:
            bar.close()
        manifest = pd.concat([kept, pd.DataFrame(new_rows, columns=list(_MANIFEST))], ignore_index=True)
        manifest = schema.conform(manifest.sort_values("doc_id", kind="stable").reset_index(drop=True), _MANIFEST)
        _write(manifest, out / MANIFEST)
        live = sorted(set(manifest["part"].tolist()))
        _remove_dead_parts(out, live)
        n_docs = _reduce_term_df(out, live)
        if has_metadata:
            skip_report = _metadata_note(out, skip_report, metadata_path, live)
        _write(skip_report, out / "load_report" / SKIPPED_PART)
        # keywords of every document depend on the corpus IDF: all rewritten when anything changed
        if todo or stale or sorted(p.stem for p in (out / "keywords").glob("part-*.parquet")) != live:
            shutil.rmtree(out / "keywords", ignore_errors=True)
            tasks = ((_keywords_part, str(out), part, str(out / "_term_df.parquet"), n_docs, options)
                     for part in live)
            _run(pool, tasks, limit=2 * workers, on_done=lambda result, task: None)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    gone = set().union(*stale.values()) - {f.doc_id for f in files} if stale else set()
    summary = {"files": len(files), "processed": len(todo), "reused": len(kept), "dropped": len(gone),
               "documents": n_docs, "parts": len(live)}
    info_path.write_text(json.dumps({"format": FORMAT_VERSION, "key": key, "root": str(root.resolve()),
                                     "top": top, "summary": summary}, ensure_ascii=False, indent=1), encoding="utf-8")
    result = open_build(out)
    result.summary = summary
    return result


def _chunk_task(root: str, out_dir: str, part: str, options: dict, chunk: list[_File]) -> dict:
    doc_ids = [f.doc_id for f in chunk]
    try:
        return _process_chunk(root, doc_ids, out_dir, part, options)
    except Exception as exc:  # the parent re-raises it: say which files
        raise CorpusToolsError(f"build: chunk {part} of {root} ({doc_ids[0]} ... {doc_ids[-1]}, "
                               f"{len(doc_ids)} files) failed: {type(exc).__name__}: {exc}") from exc


# ---------------------------------------------------------------- reading a build

class Build:
    """The tables of a build, read from its Parquet datasets (see :func:`build` for the layout).

    Each method reads its dataset when called and returns the DataFrame the
    in-memory API gives for the same corpus (rows in the same order: by
    ``doc_id``, then as each document produced them).
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir)
        info = self.path / "build.json"
        if not info.is_file():
            raise InputError(f"open_build: {self.path} is not a build (no build.json; run corpus_tools.build first)")
        self.info: dict = json.loads(info.read_text(encoding="utf-8"))
        self.summary: dict = self.info.get("summary", {})

    def __repr__(self) -> str:
        return f"Build({str(self.path)!r}, documents={self.summary.get('documents')})"

    def _table(self, name: str, layout: dict, *, columns: list[str] | None = None,
               sort: Sequence[str] = ("doc_id",)) -> pd.DataFrame:
        frame = _read_dataset(self.path / name, columns)
        wanted = {c: t for c, t in layout.items() if columns is None or c in columns}
        if frame.empty and not len(frame.columns):
            return schema.empty_frame(wanted)
        sort = [c for c in sort if c in frame.columns]
        if sort and not _is_sorted(frame, sort):
            frame = frame.sort_values(sort, kind="stable")
        return schema.conform(frame.reset_index(drop=True), wanted)

    def documents(self, *, columns: list[str] | None = None) -> pd.DataFrame:
        """The documents table (``schema.DOCUMENTS`` + derived and metadata columns), as :func:`load.load_corpus`."""
        from . import load

        frame = self._table("documents", {**schema.DOCUMENTS, **schema.DOCUMENTS_DERIVED}, columns=columns)
        if "captions" in frame.columns:
            frame["captions"] = frame["captions"].map(lambda v: [list(map(int, x)) for x in v]
                                                      if v is not None else [])
        frame.attrs["load_report"] = load._report_records(self.load_report())
        return frame

    def load_report(self) -> pd.DataFrame:
        """One row per input file (``schema.LOAD_REPORT`` + ``doc_id``), sorted by ``doc_id``."""
        return self._table("load_report", _REPORT_COLUMNS)

    def figures(self) -> pd.DataFrame:
        """The figures table (``schema.FIGURES``), as :func:`figures.figures_table`."""
        return self._table("figures", schema.FIGURES)

    def tokens(self) -> pd.DataFrame:
        """The tokens table (``schema.TOKENS``), as :func:`tokens.tokens_table`."""
        return self._table("tokens", schema.TOKENS)

    def entities(self) -> pd.DataFrame:
        """The entities table (``schema.ENTITIES``), as :func:`entities.entities_table`."""
        return self._table("entities", schema.ENTITIES)

    def doc_terms(self) -> pd.DataFrame:
        """Content-term counts per document (``schema.DOC_TERMS``, :func:`keywords.content_counts`)."""
        return self._table("doc_terms", schema.DOC_TERMS)

    def keywords(self, *, by: str | None = "doc_id", top: int = 20, method: str = "tfidf",
                 config: Any = None) -> pd.DataFrame:
        """Top keywords per document or group, as :func:`keywords.top_keywords` on the whole corpus.

        Per document with TF-IDF: the stored table. Other groupings with TF-IDF
        are summed from the per-document term counts (no tokens read); TextRank
        or another ``config`` reads the tokens.
        """
        from . import keywords

        if config is None and method == "tfidf":
            if by == "doc_id" and top <= int(self.info.get("top", 0)):
                table = self._table("keywords", schema.KEYWORDS, sort=("group",))
                return table[table["rank"] <= top].reset_index(drop=True)
            docs = self.documents(columns=self._metadata_columns())
            groups = keywords._group_values(docs, by, what="keywords")
            group_of = pd.Series(groups.to_numpy(dtype=object), index=docs["doc_id"].to_numpy(dtype=object))
            terms = self.doc_terms()
            counts = pd.DataFrame({"group": terms["doc_id"].map(group_of).to_numpy(dtype=object),
                                   "norm": terms["norm"], "count": terms["count"]})
            df = pd.read_parquet(self.path / "_term_df.parquet")
            df = pd.Series(df["df"].to_numpy(dtype="int64"), index=df["norm"].astype(object))
            return keywords._tfidf_from_counts(counts, df=df, n_docs=len(docs), top=top)
        return keywords.top_keywords(self.documents(columns=self._metadata_columns()), by=by,
                                     top=top, method=method, tokens=self.tokens(),
                                     config=keywords.DEFAULT_CONFIG if config is None else config)

    def keyness(self, target: Any, *, by: str, reference: Any = None, measure: str = "lr",
                correction: str = "default", min_count: int = 2) -> pd.DataFrame:
        """Terms typical of the documents whose ``by`` is ``target``, as :func:`keywords.keyness` (``schema.KEYNESS``).

        Summed from the per-document term counts: the tokens are not read.
        """
        import numpy as np

        from . import keywords

        keywords._choice("measure", measure, ("lr", "chi2"))
        keywords._choice("correction", correction, ("default", "yates", "williams", "none"))
        docs = self.documents(columns=self._metadata_columns())
        groups = keywords._group_values(docs, by, what="keyness")
        for name, value in (("target", target), ("reference", reference)):
            if value is not None and str(value) not in set(groups.tolist()):
                raise InputError(f"keyness: {name}={value!r} is not a value of column {by!r} "
                                 f"(values: {sorted(set(groups.tolist()))[:10]})")
        in_target = groups == str(target)
        in_reference = ~in_target if reference is None else groups == str(reference)
        side = pd.Series(np.where(in_target, 0, np.where(in_reference, 1, -1)),
                         index=docs["doc_id"].to_numpy(dtype=object))
        terms = self.doc_terms()
        terms = terms.assign(side=terms["doc_id"].map(side).to_numpy())
        counts = (terms[terms["side"] >= 0].groupby(["norm", "side"])["count"].sum()
                  .unstack(fill_value=0).reindex(columns=[0, 1], fill_value=0))
        words = counts.index.to_numpy(dtype=object)
        order = np.argsort(words, kind="stable")
        return keywords._keyness_from_counts(words[order], counts[0].to_numpy(dtype="int64")[order],
                                             counts[1].to_numpy(dtype="int64")[order], measure=measure,
                                             correction=correction, min_count=min_count)

    def _metadata_columns(self) -> list[str]:
        """The documents' columns but the texts (what grouping needs)."""
        import pyarrow.parquet as pq

        files = sorted((self.path / "documents").glob("part-*.parquet"))
        if not files:
            return ["doc_id"]
        return [c for c in pq.read_schema(files[0]).names if c not in ("text", "text_raw", "captions")]


def _is_sorted(frame: pd.DataFrame, columns: Sequence[str]) -> bool:
    if len(columns) == 1:
        return bool(frame[columns[0]].is_monotonic_increasing)
    return bool(pd.MultiIndex.from_frame(frame[list(columns)]).is_monotonic_increasing)


def open_build(out_dir: str | Path) -> Build:
    """Open a build made by :func:`build` and read its tables as DataFrames.

    >>> import tempfile
    >>> b = open_build(build("data", tempfile.mkdtemp(), workers=1, progress=False).path)
    >>> b.figures().equals(b.figures()), list(b.tokens().columns)[:3]
    (True, ['doc_id', 'sentence_id', 'token'])
    """
    return Build(out_dir)
