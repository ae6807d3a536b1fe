# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%

# %% [markdown]
# # 00 · Data quality: what is missing before anything is concluded?
#
# Which files were not loaded and why; which documents lack a title, a date or a publisher (an
# undated document drops out of every chart over time, one without a publisher out of every
# comparison between publishers); which figures the charts of the next sections leave out, and
# why; and one row per document with what was found in it. The tables can be downloaded at the end.

# %% tags=["parameters"]
CORPUS = "../data"  # the corpus folder; a relative path is read from this notebook's folder
BUILD = None  # a folder written by corpus_tools.build (the report sets it); None: analyse CORPUS in memory
TABLES = None  # folder for the downloadable tables (CSV, XLSX); the report sets it, None writes none

# %%
import pandas as pd

import corpus_tools as ct
from corpus_tools import charts, quality

pd.set_option("display.max_colwidth", 70)

if BUILD:  # the report built the corpus once: read its tables
    built = ct.open_build(BUILD)
    documents, load_report = built.documents(), built.load_report()
    figures, entities = built.figures(), built.entities()
else:
    corpus = ct.read_corpus(CORPUS)
    documents, load_report = corpus.documents, corpus.report
    figures = ct.figures_table(documents)
    entities = ct.entities_table(documents)

# %% [markdown]
# ## Files
#
# Every input file is loaded, skipped (not a document, empty, a duplicate) or failed (unreadable),
# with the reason. Files that were not loaded:

# %%
problems = quality.load_problems(load_report)
print(load_report.groupby("status").size().to_string())
problems[["doc_id", "status", "reason", "format"]] if len(problems) else print("Every file was loaded.")

# %% [markdown]
# ## Documents lacking a title, date or publisher

# %%
quality.metadata_coverage(documents)

# %%
missing = ct.missing_metadata(documents)
print(f"{len(missing)} of {len(documents)} documents lack a title, a date or a publisher")
missing

# %% [markdown]
# ## Figures the charts leave out, and why
#
# Charts of money over time place an amount at its document's date, so amounts in undated documents
# are not drawn; bar charts draw the largest figures of each currency or kind and say so in their
# titles; the time line needs a year.

# %%
left_out = charts.left_out(figures, documents)
left_out if len(left_out) else print("The charts draw every figure.")

# %% [markdown]
# ## One row per document
#
# Title, date, publisher, kind of document, size of the clean text (characters), and how many
# figures (of which money) and entity mentions were found in it.

# %%
summary = ct.document_summary(documents, figures=figures, entities=entities)
summary

# %% [markdown]
# ## Download the tables

# %%
ct.export_tables({"documents": summary, "missing_metadata": missing, "load_report": load_report,
                  "figures_left_out": left_out}, TABLES)
