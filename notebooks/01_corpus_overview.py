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

# %% [markdown]
# # 01 · What is in the corpus?
#
# Which documents the corpus holds — their formats, encodings, scripts, kinds, dates, publishers
# and sizes, and how they fall into groups by the column the report compares (`BY`) — what
# loading and cleaning did to each of them, and which articles were split from newspaper pages. Every later notebook works on the clean text shown here; the raw text is kept
# beside it, so nothing the cleaner removed is lost.

# %% tags=["parameters"]
CORPUS = "../data"  # the corpus folder; a relative path is read from this notebook's folder
BUILD = None  # a folder written by corpus_tools.build (the report sets it); None: analyse CORPUS in memory
BY = "publisher"  # documents column that groups the documents: publisher, doc_type, year, source ...

# %%
import pandas as pd
import plotly.io as pio

import corpus_tools as ct
from corpus_tools import charts, clean

pio.renderers.default = "plotly_mimetype"  # figures are stored as JSON: offline and reproducible
pd.set_option("display.max_colwidth", 40)

if BUILD:  # the report built the corpus once: read its tables
    built = ct.open_build(BUILD)
    documents, load_report = built.documents(), built.load_report()
else:
    corpus = ct.read_corpus(CORPUS)
    documents, load_report = corpus.documents, corpus.report

# %% [markdown]
# ## Files read
#
# One row per input file: whether it was loaded, skipped or failed (and why), its format and the
# encoding its bytes were decoded with.

# %%
load_report[["doc_id", "status", "reason", "format", "encoding", "n_chars"]]

# %% [markdown]
# ## The documents table
#
# One row per document. `date` is the document's own date at the precision it states,
# `source` its publisher as the text names it and `publisher` the same name in one spelling
# (simplified script, known aliases unified: group by this one), `script` tells simplified
# (`hans`) from traditional (`hant`) Chinese, `n_chars` counts the clean text.

# %%
documents[["doc_id", "title", "date", "source", "publisher", "doc_type", "script", "format",
           "encoding", "n_chars"]]

# %%
documents.groupby(["doc_type", "script"]).size().to_frame("documents")

# %% [markdown]
# ## Groups
#
# The documents grouped by the column the report compares (`BY`), largest group first; the
# largest group is compared with all other documents in the keywords section unless another
# target is chosen.

# %%
ct.report.grouping(documents, by=BY)

# %% [markdown]
# ## Sizes, and what cleaning removed
#
# Grey is the part of the raw text the cleaner dropped (press-release furniture, navigation,
# repeated lines, footnote marks...). Hover over a bar for the document's file, title, publisher
# and date. A large corpus is shown as the distribution of sizes instead.

# %%
charts.document_sizes(documents)

# %% [markdown]
# ## What the cleaner did, step by step
#
# `clean.cleaning_log` lists every change: the step, what it did (`removed`, `replaced`,
# `joined` broken lines, `marked` captions), and the text before and after. Per step: how many
# changes, in how many documents.

# %%
log = clean.cleaning_log(documents)
(log.groupby("step").agg(changes=("doc_id", "size"), documents=("doc_id", "nunique"))
    .sort_values(["changes", "documents"], ascending=False, kind="stable"))

# %% [markdown]
# Two examples of each step:

# %%
log.groupby("step", sort=True).head(2).sort_values(["step", "doc_id"], kind="stable")[
    ["step", "doc_id", "action", "before", "after"]]

# %% [markdown]
# ## Articles split from newspaper pages
#
# A newspaper page holds several articles; `ct.articles` splits each page at its headlines and
# bylines (other documents are one article each), with `start`/`end` offsets into the clean text.

# %%
articles = ct.articles(documents)
articles.assign(n_chars=articles["end"] - articles["start"])[
    ["doc_id", "article_id", "title", "byline", "start", "end", "n_chars"]]
