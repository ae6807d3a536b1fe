"""What a corpus talks about: keywords, keyness, term frequency, KWIC, collocations, co-occurrence.

Everything counts the ``norm`` of tokens (simplified script), so 創新 and 创新
are one word, and keeps only *content* tokens (:func:`tokens.is_content`: no
stopword, number, punctuation or single-character word) unless said otherwise.

Functions take a documents table (``doc_id``, ``text`` ...), which they
tokenize, or a tokens table from :func:`tokens.tokens_table` (recognised by its
``norm`` column), so a notebook can tokenize once and reuse the tokens.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"],
...     "text": ["科技園公司推動細胞治療產業。", "科技园公司与罗氏合作，推动细胞治疗。"]})
>>> top_keywords(docs, by=None, top=2)[["group", "keyword", "count"]].values.tolist()
[['all', '科技园公司', 2], ['all', '细胞治疗', 2]]

The package, in the order an analysis goes: ``vocabulary`` (:class:`KeywordConfig`,
content tokens, word ids, groups), ``ranking`` (TF-IDF and TextRank keywords),
``keyness`` (target against reference) and ``context`` (term frequency, KWIC,
collocations, co-occurrence).
"""
from __future__ import annotations

from .. import schema as schema  # tests/test_keywords_linear.py reads kw.schema
from .context import collocations, cooccurrence, kwic, term_frequency
from .keyness import keyness
from .keyness import keyness_from_counts as keyness_from_counts
from .keyness import keyness_statistics as keyness_statistics
from .ranking import _idf as _idf
from .ranking import _keywords_of as _keywords_of
from .ranking import content_counts, extract_keywords, top_keywords
from .ranking import jieba_idf as jieba_idf
from .ranking import tfidf_from_counts as tfidf_from_counts
from .vocabulary import ALL_GROUP as ALL_GROUP
from .vocabulary import DEFAULT_CONFIG as DEFAULT_CONFIG
from .vocabulary import TERM_FREQUENCY, Keyword, KeywordConfig
from .vocabulary import _content_mask as _content_mask
from .vocabulary import check_choice as check_choice
from .vocabulary import group_column as group_column
from .vocabulary import group_values as group_values

__all__ = [
    "TERM_FREQUENCY",
    "Keyword",
    "KeywordConfig",
    "collocations",
    "content_counts",
    "cooccurrence",
    "extract_keywords",
    "keyness",
    "kwic",
    "term_frequency",
    "top_keywords",
]
