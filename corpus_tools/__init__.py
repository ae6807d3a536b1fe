"""corpus_tools: load, clean and analyse collections of Chinese documents.

The public API is imported lazily, so ``import corpus_tools`` is cheap and the
heavy engines (jieba, OpenCC, plotly) load on first use:

>>> import corpus_tools as ct
>>> ct.to_simplified("細胞治療")
'细胞治疗'
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # load
    "load_corpus": "load",
    "read_corpus": "load",
    "read_document": "load",
    "LoadResult": "load",
    # clean
    "clean_text": "clean",
    "clean_documents": "clean",
    "explain": "clean",
    "cleaning_log": "clean",
    "CleanConfig": "clean",
    "CleanResult": "clean",
    # metadata
    "infer_metadata": "metadata",
    "add_metadata": "metadata",
    "canonical_publisher": "metadata",
    # segment
    "sentences": "segment",
    "split_sentences": "segment",
    "articles": "segment",
    "split_articles": "segment",
    # script
    "to_simplified": "script",
    "to_traditional": "script",
    "detect_script": "script",
    "detect_scripts": "script",
    # figures
    "extract_figures": "figures",
    "figures_table": "figures",
    "to_guideline_records": "figures",
    "Figure": "figures",
    "FigureConfig": "figures",
    "region_currency": "figures",
    # investments
    "investments_table": "investments",
    "extract_investments": "investments",
    "parse_number": "numerals",
    "parse_percent": "numerals",
    # tokens / keywords / entities
    "tokenize": "tokens",
    "tokens_table": "tokens",
    "top_keywords": "keywords",
    "extract_keywords": "keywords",
    "keyness": "keywords",
    "kwic": "keywords",
    "collocations": "keywords",
    "cooccurrence": "keywords",
    "term_frequency": "keywords",
    "extract_entities": "entities",
    "entities_table": "entities",
    # streaming build (Parquet) and its reader
    "build": "streaming",
    "open_build": "streaming",
    "Build": "streaming",
    # report, data quality, export
    "build_report": "report",
    "as_documents": "schema",
    "document_summary": "quality",
    "missing_metadata": "quality",
    "export_tables": "export",
    # errors
    "CorpusToolsError": "errors",
    "InputError": "errors",
}

__all__ = [*sorted(_EXPORTS), "__version__"]


# submodules reachable as attributes (``ct.keywords.kwic``) without importing them first
_MODULES = frozenset({
    "load", "clean", "metadata", "segment", "script", "figures", "investments", "numerals", "tokens",
    "keywords", "entities", "charts", "report", "schema", "errors", "cli", "quality", "export",
    "streaming", "dask",
})


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return importlib.import_module(f"corpus_tools.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"corpus_tools.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
