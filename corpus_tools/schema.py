"""Column names and dtypes of every table corpus_tools returns, in one place.

Each constant maps column name -> pandas dtype, in the column order the library
returns. Functions that build a table call :func:`empty_frame` for the no-row
case and :func:`conform` before returning, so an empty result still has the
documented columns and dtypes.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

__all__ = [
    "DOCUMENTS", "DOCUMENTS_DERIVED", "LOAD_REPORT", "CLEANING_LOG", "SENTENCES", "ARTICLES",
    "FIGURES", "TOKENS", "KEYWORDS", "DOC_TERMS", "KEYNESS", "KWIC", "COLLOCATIONS",
    "COOCCURRENCE", "TERM_FREQUENCY", "ENTITIES", "BUILD_MANIFEST", "TERM_DF", "empty_frame", "conform",
]

#: One row per document (``load.load_corpus``).
DOCUMENTS: Mapping[str, str] = {
    "doc_id": "string",          # path relative to the corpus root, "/" separators
    "path": "string",            # absolute path of the file read
    "format": "string",          # txt | html | docx | pdf
    "encoding": "string",        # encoding the bytes were decoded with
    "script": "string",          # hans | hant | mixed | none
    "title": "string",
    "date": "string",            # the document's own date, ISO 8601 at its precision
    "date_precision": "string",  # day | month | year | <NA>
    "source": "string",          # publisher as written in the document, when stated
    "doc_type": "string",        # press_release | government_reply | newspaper_page | article | notice ...
    "n_chars": "Int64",          # characters of the clean text
    "text_raw": "string",        # the decoded text, untouched
    "text": "string",            # the clean text every span refers to
}
# load.read_corpus adds DOCUMENTS_DERIVED after these, then any extra column of a metadata.csv.
# The load report adds "doc_id" (string) after LOAD_REPORT's columns.

#: Columns ``load.read_corpus`` derives from the ones above and adds after them. A documents
#: table built by hand needs only ``DOCUMENTS``; ``metadata.add_metadata`` adds ``publisher``
#: and ``clean.clean_documents`` adds ``captions``.
DOCUMENTS_DERIVED: Mapping[str, str] = {
    "publisher": "string",       # source in one spelling: simplified script, known aliases unified
                                 # (metadata.canonical_publisher); group by this, not by source
    "captions": "object",        # list of [start, end] spans of caption lines in "text" (not body text)
}

#: One row per input file (``load.read_corpus(...).report``).
LOAD_REPORT: Mapping[str, str] = {
    "path": "string",
    "status": "string",          # loaded | skipped | failed
    "reason": "string",
    "format": "string",
    "encoding": "string",
    "n_chars": "Int64",
}

#: One row per change the cleaner made (``clean.explain``).
CLEANING_LOG: Mapping[str, str] = {
    "doc_id": "string",
    "step": "string",            # name of the cleaning step
    "action": "string",          # removed | replaced | joined | marked
    "before": "string",
    "after": "string",
    "start": "Int64",            # span in the text the step received
    "end": "Int64",
}

#: One row per sentence (``segment.sentences``).
SENTENCES: Mapping[str, str] = {
    "doc_id": "string",
    "sentence_id": "Int64",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
}

#: One row per article of a newspaper page (``segment.articles``).
ARTICLES: Mapping[str, str] = {
    "doc_id": "string",
    "article_id": "Int64",
    "title": "string",
    "byline": "string",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
}

#: One row per figure (``figures.extract_figures``), fields as in GUIDELINES.md.
FIGURES: Mapping[str, str] = {
    "doc_id": "string",
    "kind": "string",            # money | date | people | count | percent | quantity
    "text": "string",
    "value": "Float64",
    "unit": "string",
    "qualifier": "string",       # exact | approx | over | under
    "date": "string",
    "scope": "string",           # start | end | <NA>
    "subject": "string",
    "start": "Int64",
    "end": "Int64",
    "sentence": "string",
}

#: One row per token (``tokens.tokenize``).
TOKENS: Mapping[str, str] = {
    "doc_id": "string",
    "sentence_id": "Int64",
    "token": "string",           # as written in the clean text
    "norm": "string",            # simplified-script form used for counting
    "pos": "string",
    "start": "Int64",
    "end": "Int64",
}

#: One row per keyword of a document or group (``keywords.top_keywords``).
KEYWORDS: Mapping[str, str] = {
    "group": "string",           # doc_id or the value of the grouping column
    "rank": "Int64",
    "keyword": "string",
    "score": "Float64",
    "count": "Int64",
    "method": "string",          # tfidf | textrank
}

#: One row per content term of a document (``keywords.content_counts``; a build's ``doc_terms``).
DOC_TERMS: Mapping[str, str] = {
    "doc_id": "string",
    "norm": "string",            # simplified form of a content token (see keywords.KeywordConfig)
    "count": "Int64",            # its occurrences in the document
}

#: One row per term compared between two groups (``keywords.keyness``).
KEYNESS: Mapping[str, str] = {
    "keyword": "string",
    "count_target": "Int64",
    "count_reference": "Int64",
    "chi2": "Float64",
    "log_likelihood": "Float64",
    "p_value": "Float64",
    "log_ratio": "Float64",      # effect size (Hardie's log ratio, base 2)
    "direction": "string",       # target | reference
}

#: One row per concordance line (``keywords.kwic``).
KWIC: Mapping[str, str] = {
    "doc_id": "string",
    "start": "Int64",
    "end": "Int64",
    "left": "string",
    "match": "string",
    "right": "string",
}

#: One row per word pair (``keywords.collocations``).
COLLOCATIONS: Mapping[str, str] = {
    "word1": "string",
    "word2": "string",
    "count": "Int64",
    "pmi": "Float64",
    "log_likelihood": "Float64",
}

#: One row per pair of terms or entities seen in one sentence (``keywords.cooccurrence``).
COOCCURRENCE: Mapping[str, str] = {
    "source": "string",
    "target": "string",
    "weight": "Int64",           # number of sentences where both occur
}

#: One row per term and group (``keywords.term_frequency``), zero counts included.
TERM_FREQUENCY: Mapping[str, str] = {
    "group": "string",           # value of the grouping column (a date, a year, a source ...)
    "term": "string",            # simplified form
    "count": "Int64",
    "total": "Int64",            # content tokens of the group
    "per_10k": "Float64",        # count per 10,000 content tokens of the group
}

#: One row per entity mention (``entities.extract_entities``).
ENTITIES: Mapping[str, str] = {
    "doc_id": "string",
    "sentence_id": "Int64",
    "label": "string",           # ORG | PERSON | PLACE
    "text": "string",
    "canonical": "string",
    "start": "Int64",
    "end": "Int64",
    "method": "string",          # gazetteer | pattern | pos
}


# ---------------------------------------------------------------- a build's Parquet datasets
# corpus_tools.build(PATH, OUT_DIR) writes one folder per table under OUT_DIR, one part file per
# chunk of input files (part-NNNNN.parquet; the files skipped by name are load_report/part-skipped):
#   documents/    DOCUMENTS + DOCUMENTS_DERIVED (+ a metadata.csv's columns)
#   load_report/  LOAD_REPORT + doc_id
#   figures/      FIGURES          tokens/   TOKENS          entities/  ENTITIES
#   doc_terms/    DOC_TERMS        term_df/  TERM_DF (the chunk's)   keywords/  KEYWORDS (per document)
# and beside them build.json (format, options, counts), manifest.parquet (BUILD_MANIFEST) and
# _term_df.parquet (TERM_DF summed over the chunks: the corpus's document frequencies).

#: One row per file a build has read (``streaming.build``'s ``manifest.parquet``).
BUILD_MANIFEST: Mapping[str, str] = {
    "doc_id": "string",
    "path": "string",            # absolute path of the file read
    "size": "Int64",             # bytes
    "mtime_ns": "Int64",         # modification time; with size, tells when to hash again
    "sha256": "string",          # content hash: an unchanged file is not processed again
    "part": "string",            # the part files holding its rows (part-NNNNN)
}

#: Document frequency of each content term (a build's ``term_df`` parts and their sum).
TERM_DF: Mapping[str, str] = {
    "norm": "string",
    "df": "Int64",               # documents the term occurs in
}


def empty_frame(columns: Mapping[str, str]) -> pd.DataFrame:
    """Return an empty DataFrame with the given columns and dtypes.

    >>> list(empty_frame(SENTENCES).columns)
    ['doc_id', 'sentence_id', 'start', 'end', 'text']
    """
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


def conform(frame: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """Return ``frame`` with the documented columns first, in order, and their dtypes.

    Extra columns are kept after the documented ones; missing ones are an error.

    >>> conform(pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "start": [0],
    ...                       "end": [3], "text": ["你好。"]}), SENTENCES).dtypes["start"]
    Int64Dtype()
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"table lacks documented columns {missing} (has {list(frame.columns)})")
    extra = [c for c in frame.columns if c not in columns]
    out = frame[list(columns) + extra]
    return out.astype(dict(columns))
