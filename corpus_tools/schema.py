"""Column names and dtypes of every table corpus_tools returns, in one place.

Each constant maps column name -> pandas dtype, in the column order the library
returns. Functions that build a table call :func:`empty_frame` for the no-row
case and :func:`conform` before returning, so an empty result still has the
documented columns and dtypes.
"""
from __future__ import annotations

import math
from typing import Mapping

import pandas as pd

__all__ = [
    "DOCUMENTS", "DOCUMENTS_DERIVED", "DOC_TYPE_MEANINGS", "LOAD_REPORT", "CLEANING_LOG", "SENTENCES", "ARTICLES",
    "FIGURES", "FIGURE_LINKS", "INVESTMENTS", "TOKENS", "KEYWORDS", "DOC_TERMS", "KEYNESS", "KWIC", "COLLOCATIONS",
    "COOCCURRENCE", "TERM_FREQUENCY", "ENTITIES", "BUILD_MANIFEST", "TERM_DF", "empty_frame", "conform",
    "LEFT_OUT", "MISSING_METADATA", "DOCUMENT_SUMMARY", "as_documents", "doc_ids",
]

#: One row per document (``load.load_corpus``).
DOCUMENTS: Mapping[str, str] = {
    "doc_id": "string",          # path relative to the corpus root, "/" separators; a name byte that
                                 # is not UTF-8 is written \xNN (load.safe_name): "caf\xe9.txt"
    "path": "string",            # absolute path of the file read (same \xNN escapes)
    "format": "string",          # txt | html | docx | pdf
    "encoding": "string",        # encoding the bytes were decoded with
    "script": "string",          # hans | hant | mixed | none
    "title": "string",
    "date": "string",            # the document's own date, ISO 8601 at its precision
    "date_precision": "string",  # day | month | year | <NA>
    "source": "string",          # publisher as written in the document, when stated
    "doc_type": "string",        # one of metadata.DOC_TYPES (see DOC_TYPE_MEANINGS)
    "n_chars": "Int64",          # characters of the clean text
    "text_raw": "string",        # the decoded text, untouched
    "text": "string",            # the clean text every span refers to
}
# load.read_corpus adds DOCUMENTS_DERIVED after these, then any extra column of a metadata.csv.
# The load report adds "doc_id" (string) after LOAD_REPORT's columns.

#: The kinds of document (``doc_type``), decided by cues in the title, the header block and the
#: footer, never by words anywhere in the body (``metadata.infer_doc_type``).
DOC_TYPE_MEANINGS: Mapping[str, str] = {
    "policy_notice": "a notice, opinion, measure or regulation issued by a government body "
                     "(issuer fields, a document number, 关于……的通知/意见/办法)",
    "government_report": "a government work report, statistical bulletin or white paper (工作报告, 统计公报)",
    "government_reply": "a government reply or letter answering a proposal or request (答复, 复函, ……的函)",
    "press_release": "an organisation's own release (新闻稿, a release dateline or sign-off, "
                     "a company's news on its own site)",
    "company_announcement": "a company's announcement or report (证券代码 header, ……公司……公告/公示/报告)",
    "news_article": "a news report by an outlet, or a repost of one (the default for an article)",
    "opinion": "a column, commentary or blog post (专栏, 评论员, 撰文 in the header or footer)",
    "wechat_post": "a WeChat official-account post or a repost crediting one (微信公众号, 微信号)",
    "newspaper_page": "a newspaper page or a digest of many items (本报讯 twice, a link line after "
                      "each item, 一周要闻-style headings)",
    "other": "no headline, no news cue and hardly any text",
}

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
    "path": "string",            # absolute, \xNN escapes as in DOCUMENTS; a folder's doc_id ends in "/"
    "status": "string",          # loaded | skipped | failed (failed: an unreadable folder or file too)
    "reason": "string",          # why not loaded ("too large: ...", "folder could not be read ..."),
                                 # or a note on a loaded file ("dropped 1 stray NUL byte(s)")
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

#: Columns ``figures.figures_table`` adds after ``FIGURES``: what a researcher needs to sum figures.
#: A range (``5万元—50万元``) gives two rows that share ``text``, ``start`` and ``end``; repeated
#: mentions of one fact (a headline repeated in the body) share a ``mention_group``, and
#: ``figures_table(..., dedupe=True)`` keeps the first mention of each group only.
FIGURE_LINKS: Mapping[str, str] = {
    "bound": "string",           # low | high on the two figures of a range, <NA> otherwise
    "range_id": "Int64",         # the range's number within the document (both bounds share it), <NA> otherwise
    "mention_group": "Int64",    # number of the fact within the document: figures of equal kind, value
                                 # (date), unit, subject and bound share it, numbered in order of first mention
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


#: One row per investment event stated with a money figure or a round (``investments.investments_table``).
INVESTMENTS: Mapping[str, str] = {
    "doc_id": "string",
    "start": "Int64",            # span of the amount in "text" (of the round or the event word when no amount)
    "end": "Int64",
    "amount": "Float64",         # whole currency units; <NA> when undisclosed or vague (数亿元)
    "currency": "string",        # ISO 4217
    "qualifier": "string",       # exact | approx | over | under; <NA> without an amount
    "amount_text": "string",     # the amount as written (数亿元人民币 too)
    "event": "string",           # financing | investment | fund | subsidy | award | other
    "round": "string",           # 天使, Pre-A, A, A+, B, C, D1, 战略, IPO, 新一轮 ... as written without 轮
    "recipient": "string",       # the organisation that receives the money
    "investors": "object",       # list of organisation names, lead investors first
    "lead": "object",            # list of the lead investors (领投) among them
    "date": "string",            # ISO date of the event when the sentence states one, else the document's
    "sentence": "string",
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


def doc_ids(n: int) -> list[str]:
    """Document ids for ``n`` texts that came without any: ``doc0001``, ``doc0002`` ...

    >>> doc_ids(2)
    ['doc0001', 'doc0002']
    """
    width = max(4, len(str(n)))
    return [f"doc{i:0{width}d}" for i in range(1, n + 1)]


def as_documents(obj: object, *, text_column: str = "text", what: str = "documents") -> pd.DataFrame:
    """A documents table from what a user has at hand: a table, a Series, a list or a dict of texts.

    - a DataFrame with ``doc_id`` and ``text_column`` is returned as it is (not copied);
    - a Series of texts: ``doc_id`` is its index when the index holds strings, else generated;
    - a dict ``{doc_id: text}``;
    - a list or tuple of texts: ``doc_id`` generated (:func:`doc_ids`).

    Missing texts (None, NaN) are kept as missing; table functions skip them.

    Args:
        obj: the documents.
        text_column: name of the text column (of the table given, or of the one built).
        what: the calling function, named in error messages.

    Raises:
        InputError: anything else, saying what arrived and what is expected.

    >>> as_documents(["细胞治疗。", "沪港合作。"]).values.tolist()
    [['doc0001', '细胞治疗。'], ['doc0002', '沪港合作。']]
    >>> as_documents(pd.Series({"a.txt": "細胞治療"})).values.tolist()
    [['a.txt', '細胞治療']]
    """
    from .errors import InputError

    expected = (f"expected a documents DataFrame ('doc_id', {text_column!r}), a Series, a dict "
                "or a list of texts")
    if isinstance(obj, pd.DataFrame):
        missing = [c for c in ("doc_id", text_column) if c not in obj.columns]
        if not missing:
            return obj
        hint = (f"; for a table of texts without ids pass {what}(table[{text_column!r}])"
                if text_column in obj.columns else "; pass text_column=... to name the text column")
        raise InputError(f"{what}: the table lacks column(s) {missing} (has {list(obj.columns)}){hint}")
    if isinstance(obj, (str, bytes)):
        raise InputError(f"{what}: got a single {type(obj).__name__} ({obj[:30]!r}); {expected}: "
                         f"pass [text] for one text, or load_corpus(path) for a folder")
    if isinstance(obj, pd.Series):
        texts = obj.tolist()
        index = obj.index
        ids = ([str(i) for i in index] if index.is_unique and all(isinstance(i, str) for i in index)
               else doc_ids(len(texts)))
    elif isinstance(obj, dict):
        ids, texts = [str(k) for k in obj], list(obj.values())
    elif isinstance(obj, (list, tuple)):
        texts = list(obj)
        ids = doc_ids(len(texts))
    else:
        raise InputError(f"{what}: got {type(obj).__name__}; {expected}")
    for position, text in zip(ids, texts):
        if not (isinstance(text, str) or text is None or text is pd.NA
                or (isinstance(text, float) and math.isnan(text))):
            raise InputError(f"{what}: text {position!r} is a {type(text).__name__} ({text!r:.40}), "
                             "not a string; " + expected)
    return pd.DataFrame({"doc_id": pd.array(ids, dtype="string"),
                         text_column: pd.array(texts, dtype="string")})


#: One row per chart, figure kind and unit with figures the chart leaves out (``charts.left_out``).
LEFT_OUT: Mapping[str, str] = {
    "chart": "string",           # Money by document | Money over time | Timeline ...
    "kind": "string",
    "unit": "string",            # currency or unit of the chart's panel; <NA>: the whole kind
    "figures": "Int64",          # figures the chart could draw
    "shown": "Int64",
    "left_out": "Int64",
    "reason": "string",
}

#: One row per document lacking a title, date or publisher (``quality.missing_metadata``).
MISSING_METADATA: Mapping[str, str] = {
    "doc_id": "string",
    "title": "string",
    "date": "string",
    "publisher": "string",
    "missing": "string",         # the fields it lacks, comma-separated ("date, publisher")
}

#: One row per document: what it is and what was found in it (``quality.document_summary``).
DOCUMENT_SUMMARY: Mapping[str, str] = {
    "doc_id": "string",
    "title": "string",
    "date": "string",
    "publisher": "string",
    "doc_type": "string",
    "n_chars": "Int64",          # characters of the clean text
    "n_figures": "Int64",        # rows of the figures table (<NA> when not given)
    "n_money": "Int64",          # of which money
    "n_entities": "Int64",       # rows of the entities table (<NA> when not given)
}
