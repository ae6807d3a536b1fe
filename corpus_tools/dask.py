"""The corpus's tables as dask DataFrames, for corpora past one machine (a ``distributed`` cluster).

One partition per chunk of files: :func:`documents` is ``dd.from_map`` over
file lists, every other table a ``map_partitions`` of the in-process function
over the documents with the documented schema as ``meta``, and corpus-wide
counts (document frequencies for TF-IDF, the number of documents) tree
reductions. Partitions hold the same rows as the in-process tables, so after
sorting by ``doc_id`` the results are equal. Every worker needs corpus_tools
and the corpus's files at the same path (a shared file system).

    from distributed import Client
    import corpus_tools.dask as ctd

    client = Client("tcp://scheduler:8786")          # or distributed.LocalCluster()
    t = ctd.tables("/shared/corpus", chunk_size=64)   # lazy dask DataFrames
    figures, keywords = dask.compute(t["figures"], ctd.keywords(t))
    t["tokens"].to_parquet("/shared/out/tokens")      # or write any table to Parquet

(This module is ``corpus_tools.dask``; it imports the ``dask`` package by
absolute imports, which Python 3 always uses.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from . import schema

__all__ = ["documents", "file_chunks", "keywords", "load_report", "tables"]

_REPORT_COLUMNS = {**schema.LOAD_REPORT, "doc_id": "string"}


def _captions_dtype():
    import pyarrow as pa

    return pd.ArrowDtype(pa.list_(pa.list_(pa.int64())))


# dask turns object columns into strings; the caption spans travel as an arrow list column
_CAPTIONS = _captions_dtype()


def file_chunks(path: str | Path, *, chunk_size: int = 64) -> tuple[str, list[list[str]], list[str]]:
    """The corpus root, its readable files' ``doc_id`` in chunks, and the ``doc_id`` of files skipped by name."""
    from . import load

    root, entries = load._collect(path)
    readable = [e.doc_id for e in entries if e.skip_reason is None]
    chunks = [readable[i:i + chunk_size] for i in range(0, len(readable), chunk_size)]
    return str(Path(root).resolve()), chunks, [e.doc_id for e in entries if e.skip_reason is not None]


def _load_chunk(doc_ids: list[str], *, root: str, keep_raw: bool, metadata: str | None,
                what: str) -> pd.DataFrame:
    from . import clean, load

    entries = [load._Entry(Path(root, *d.split("/")), d) for d in doc_ids]
    docs, report = load._load_entries(Path(root), entries, config=clean.DEFAULT_CONFIG, keep_raw=keep_raw)
    if what == "report":
        return report
    if metadata:
        docs, _ = load._apply_metadata(docs, load._read_metadata_csv(Path(metadata)))
    return docs.assign(captions=pd.array(docs["captions"].tolist(), dtype=_CAPTIONS))


def _skipped_report(doc_ids: list[str], *, root: str) -> pd.DataFrame:
    from . import clean, load

    entries = {e.doc_id: e for e in load._collect(root)[1]}
    _, report = load._load_entries(Path(root), [entries[d] for d in doc_ids if d in entries],
                                   config=clean.DEFAULT_CONFIG)
    return report


def _documents_meta(metadata: str | None) -> pd.DataFrame:
    layout = {**schema.DOCUMENTS, **schema.DOCUMENTS_DERIVED}
    meta = schema.empty_frame(layout)
    meta["captions"] = pd.array([], dtype=_CAPTIONS)
    if metadata:
        from . import load

        extra = [c for c in load._read_metadata_csv(Path(metadata)).columns if c != "_key" and c not in layout]
        meta = meta.assign(**{c: pd.Series(dtype="string") for c in extra})
    return meta


def _metadata_file(root: str, metadata: str | Path | None) -> str | None:
    from . import load

    path = Path(metadata) if metadata is not None else Path(root) / load.METADATA_FILE
    return str(path) if path.is_file() else None


def documents(path: str | Path, *, chunk_size: int = 64, keep_raw: bool = True,
              metadata: str | Path | None = None):
    """The documents table as a dask DataFrame, one partition per chunk of files (``dd.from_map``).

    ``captions`` is an arrow list column (``list<list<int64>>``) here: dask would turn
    the in-process table's object column of lists into strings.
    """
    import dask.dataframe as dd

    root, chunks, _ = file_chunks(path, chunk_size=chunk_size)
    meta_path = _metadata_file(root, metadata)
    return dd.from_map(_load_chunk, chunks, root=root, keep_raw=keep_raw, metadata=meta_path, what="documents",
                       meta=_documents_meta(meta_path), enforce_metadata=False, label="corpus-documents")


def load_report(path: str | Path, *, chunk_size: int = 64):
    """The load report as a dask DataFrame (files are read again: compute it with the tables only if needed).

    The files skipped by name (hidden, README, metadata.csv) are the last partition; a
    metadata.csv's row does not carry :func:`load.read_corpus`'s note of how many rows matched.
    """
    import dask.dataframe as dd

    root, chunks, skipped = file_chunks(path, chunk_size=chunk_size)
    meta = schema.empty_frame(_REPORT_COLUMNS)
    loaded = dd.from_map(_load_chunk, chunks, root=root, keep_raw=False, metadata=None, what="report",
                         meta=meta, enforce_metadata=False, label="corpus-load-report")
    if not skipped:
        return loaded
    rest = dd.from_map(_skipped_report, [skipped], root=root, meta=meta, enforce_metadata=False,
                       label="corpus-skipped")
    return dd.concat([loaded, rest])


def _content_counts(tokens: pd.DataFrame) -> pd.DataFrame:
    from . import keywords

    return keywords.content_counts(tokens)


def _tokens(docs: pd.DataFrame) -> pd.DataFrame:
    from . import tokens

    return tokens.tokens_table(docs)


def _figures(docs: pd.DataFrame) -> pd.DataFrame:
    from . import figures

    return figures.figures_table(docs)


def _entities(docs: pd.DataFrame) -> pd.DataFrame:
    from . import entities

    return entities.entities_table(docs)


def tables(path: str | Path, *, chunk_size: int = 64, keep_raw: bool = True,
           metadata: str | Path | None = None) -> dict[str, Any]:
    """Lazy dask DataFrames of ``documents``, ``figures``, ``tokens``, ``entities`` and ``doc_terms``.

    All share the documents' partitions: ``dask.compute`` of several of them
    loads each chunk once.
    """
    docs = documents(path, chunk_size=chunk_size, keep_raw=keep_raw, metadata=metadata)
    toks = docs.map_partitions(_tokens, meta=schema.empty_frame(schema.TOKENS), enforce_metadata=False)
    return {
        "documents": docs,
        "figures": docs.map_partitions(_figures, meta=schema.empty_frame(schema.FIGURES), enforce_metadata=False),
        "tokens": toks,
        "entities": docs.map_partitions(_entities, meta=schema.empty_frame(schema.ENTITIES),
                                        enforce_metadata=False),
        "doc_terms": toks.map_partitions(_content_counts, meta=schema.empty_frame(schema.DOC_TERMS),
                                         enforce_metadata=False),
    }


def _keywords_partition(terms: pd.DataFrame, df: pd.Series, n_docs: int, top: int) -> pd.DataFrame:
    from . import keywords

    counts = terms.rename(columns={"doc_id": "group"})
    df = pd.Series(df.to_numpy(dtype="int64"), index=df.index.astype(object))
    return keywords._tfidf_from_counts(counts, df=df, n_docs=int(n_docs), top=top)


def keywords(frames: dict[str, Any], *, top: int = 20, split_every: int | None = 8):
    """Top TF-IDF keywords of each document (``schema.KEYWORDS``), as :func:`keywords.top_keywords`.

    Document frequencies are a tree reduction (``value_counts`` of the
    per-document terms, ``split_every`` partitions at a time) and the number of
    documents a count; both reach every partition as one small object.

    Args:
        frames: the result of :func:`tables` (its ``doc_terms`` and ``documents``).
        top: keywords per document.
        split_every: fan-in of the reductions.
    """
    import dask

    terms, docs = frames["doc_terms"], frames["documents"]
    df = terms["norm"].value_counts(split_every=split_every)
    n_docs = docs["doc_id"].count(split_every=split_every)
    return terms.map_partitions(_keywords_partition, dask.delayed(df), n_docs, top,
                                meta=schema.empty_frame(schema.KEYWORDS), enforce_metadata=False)
