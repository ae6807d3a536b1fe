"""The corpus's tables as dask DataFrames, for corpora past one machine (a ``distributed`` cluster).

One partition per chunk of files: :func:`documents` is ``dd.from_map`` over
file lists, every other table a ``map_partitions`` of the in-process function
over the documents with the documented schema as ``meta``, and corpus-wide
counts (document frequencies for TF-IDF, the number of documents) tree
reductions. Partitions hold the same rows as the in-process tables, so after
sorting by ``doc_id`` the results are equal.

Corpus furniture (the lines :func:`clean.corpus_furniture <corpus_tools.clean.corpus_furniture>`
finds repeated across one publisher's documents) is decided over the whole corpus,
as in-process: :func:`documents` and :func:`load_report` first compute it
eagerly on the cluster (each chunk loaded, its documents' candidate lines
deduplicated by publisher and text hash and counted by a tree reduction), then
hand every partition the small result. That first pass reads every file once
more. Every worker needs corpus_tools
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

__all__ = ["corpus_furniture", "documents", "file_chunks", "keywords", "load_report", "tables"]

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
                what: str, furniture: dict[str, frozenset[str]]) -> pd.DataFrame:
    from . import clean, load

    entries = [load._Entry(Path(root, *d.split("/")), d) for d in doc_ids]
    docs, report = load._load_entries(Path(root), entries, config=clean.DEFAULT_CONFIG, keep_raw=keep_raw,
                                      corpus_furniture=furniture)
    if what == "report":
        return report
    if metadata:
        docs, _ = load._apply_metadata(docs, load._read_metadata_csv(Path(metadata)))
    return docs.assign(captions=pd.array(docs["captions"].tolist(), dtype=_CAPTIONS))


def _chunk_candidates(doc_ids: list[str], *, root: str) -> list[tuple[str, str, frozenset[str]]]:
    """(publisher, text key, candidate lines) of a chunk's documents that have a publisher."""
    from . import clean, load

    entries = [load._Entry(Path(root, *d.split("/")), d) for d in doc_ids]
    docs, _ = load._load_entries(Path(root), entries, config=clean.DEFAULT_CONFIG, keep_raw=False,
                                 corpus_furniture=False)
    return [(publisher, clean.text_key(text), clean.furniture_candidates(text))
            for publisher, text in zip(docs["publisher"].tolist(), docs["text"].tolist())
            if publisher is not None and not pd.isna(publisher)]


def _document_key(record: tuple) -> tuple[str, str]:
    return record[0], record[1]


def _counted_lines(record: tuple) -> list[tuple[str, str | None]]:
    """A document's (publisher, line) pairs, and (publisher, None) that counts the document itself."""
    return [(record[0], None)] + [(record[0], line) for line in record[2]]


def _may_count(pair_count: tuple) -> bool:
    from . import clean

    (_, line), count = pair_count
    return line is None or count >= clean._TEMPLATE_MIN_DOCS  # fewer: never furniture (clean.decide_furniture)


def corpus_furniture(path: str | Path, *, chunk_size: int = 64, split_every: int | None = 8
                     ) -> dict[str, frozenset[str]]:
    """The corpus furniture of each publisher, as the in-process load decides it, computed on the cluster.

    Every chunk is loaded without the furniture step; its documents' candidate lines
    (``clean.furniture_candidates``) are deduplicated by (publisher, ``clean.text_key``)
    and counted with tree reductions (``split_every`` at a time); the decision is
    :func:`clean.decide_furniture <corpus_tools.clean.decide_furniture>`.
    """
    import dask.bag as db

    from . import clean

    root, chunks, _ = file_chunks(path, chunk_size=chunk_size)
    if not chunks or not clean.DEFAULT_CONFIG.remove_boilerplate:
        return {}
    records = db.from_sequence(chunks, npartitions=len(chunks)).map(_chunk_candidates, root=root).flatten()
    counts = (records.distinct(key=_document_key).map(_counted_lines).flatten()
              .frequencies(split_every=split_every).filter(_may_count).compute())
    documents = {publisher: n for (publisher, line), n in counts if line is None}
    lines = {pair: n for pair, n in counts if pair[1] is not None}
    return clean.decide_furniture(lines, documents)


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

    The corpus furniture is computed first, eagerly (:func:`corpus_furniture`).

    ``captions`` is an arrow list column (``list<list<int64>>``) here: dask would turn
    the in-process table's object column of lists into strings.
    """
    import dask.dataframe as dd

    root, chunks, _ = file_chunks(path, chunk_size=chunk_size)
    meta_path = _metadata_file(root, metadata)
    furniture = corpus_furniture(path, chunk_size=chunk_size)
    return dd.from_map(_load_chunk, chunks, root=root, keep_raw=keep_raw, metadata=meta_path, what="documents",
                       furniture=furniture, meta=_documents_meta(meta_path), enforce_metadata=False,
                       label="corpus-documents")


def load_report(path: str | Path, *, chunk_size: int = 64):
    """The load report as a dask DataFrame (files are read again: compute it with the tables only if needed).

    The files skipped by name (hidden, README, metadata.csv) are the last partition; a
    metadata.csv's row does not carry :func:`load.read_corpus`'s note of how many rows matched.
    """
    import dask.dataframe as dd

    root, chunks, skipped = file_chunks(path, chunk_size=chunk_size)
    meta = schema.empty_frame(_REPORT_COLUMNS)
    loaded = dd.from_map(_load_chunk, chunks, root=root, keep_raw=False, metadata=None, what="report",
                         furniture=corpus_furniture(path, chunk_size=chunk_size), meta=meta,
                         enforce_metadata=False, label="corpus-load-report")
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
    return keywords.tfidf_from_counts(counts, df=df, n_docs=int(n_docs), top=top)


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
