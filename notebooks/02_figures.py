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
# # 02 · Which figures do the documents state?
#
# Amounts of money, dates, headcounts, counts, percentages and physical quantities, each with
# its value normalised (money in whole currency units, `2400亿元` → 240,000,000,000 CNY), its
# unit, its qualifier (`约` approx, `超` over, `不足` under), the noun it counts, and the sentence
# that stated it. Hover over any mark in the charts to read that sentence.

# %% tags=["parameters"]
CORPUS = "../data"  # the corpus folder; a relative path is read from this notebook's folder
BUILD = None  # a folder written by corpus_tools.build (the report sets it); None: analyse CORPUS in memory
TABLES = None  # folder for the downloadable tables (CSV, XLSX); the report sets it, None writes none

# %%
import pandas as pd
import plotly.io as pio

import corpus_tools as ct
from corpus_tools import charts

pio.renderers.default = "plotly_mimetype"  # figures are stored as JSON: offline and reproducible
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.float_format", "{:,.2f}".format)  # 240,000,000,000.00, not 2.4e+11

if BUILD:  # the report built the corpus once: read its tables
    built = ct.open_build(BUILD)
    documents, figures = built.documents(), built.figures()
else:
    documents = ct.read_corpus(CORPUS).documents
    figures = ct.figures_table(documents)

# %% [markdown]
# ## The figures table
#
# How many figures of each kind each document states:

# %%
figures.pivot_table(index="doc_id", columns="kind", values="text", aggfunc="count", fill_value=0)

# %% [markdown]
# Every figure points back into its document: `text` is exactly `documents.text[start:end]`.

# %%
clean_text = dict(zip(documents["doc_id"], documents["text"]))
spans_match = [clean_text[d][s:e] == t for d, s, e, t in
               zip(figures["doc_id"], figures["start"], figures["end"], figures["text"])]
print(f"{sum(spans_match)} of {len(figures)} figures found at their span in the clean text")

# %% [markdown]
# ## Money
#
# The largest amounts in each currency:

# %%
money = figures[figures["kind"] == "money"]
(money.sort_values(["unit", "value"], ascending=[True, False], kind="stable")
      .groupby("unit").head(5)[["doc_id", "text", "value", "unit", "qualifier", "sentence"]])

# %% [markdown]
# By document (labelled with its title): one panel and value axis per currency, on a log scale
# where the amounts span more than two orders of magnitude. The six currencies with the most
# amounts get a panel; each panel draws the 30 largest amounts and its title says how many it
# leaves out (all are listed in the Data quality section).

# %%
charts.money_by_document(figures, documents=documents)

# %% [markdown]
# Over time, placed at the date of the document that states them (amounts in undated documents
# are left out, and the title counts them):

# %%
charts.money_over_time(figures, documents)

# %% [markdown]
# ## Headcounts and counts by subject
#
# People (`近300人`, `7位诺贝尔奖获得者`) and counts of things (`506家`, `26个`), grouped by the
# noun counted; figures with no stated noun are grouped under their measure word.

# %%
charts.figures_by_subject(figures)

# %%
counted = figures[figures["kind"].isin(["people", "count"])]
(counted.sort_values("value", ascending=False, kind="stable")
        .head(10)[["doc_id", "kind", "text", "value", "unit", "subject", "qualifier"]])

# %% [markdown]
# ## Percentages and quantities

# %%
charts.figure_bars(figures, kinds=("percent", "quantity"))

# %%
figures[figures["kind"].isin(["percent", "quantity"])][
    ["doc_id", "kind", "text", "value", "unit", "qualifier", "sentence"]]

# %% [markdown]
# ## Dates on a time line
#
# Every date a document states (a year is placed at its first day), and each document's own date;
# in a large corpus, the 40 documents stating the most dates.

# %%
charts.timeline(figures, documents=documents)

# %% [markdown]
# ## Download the figures table

# %%
ct.export_tables({"figures": figures}, TABLES)
