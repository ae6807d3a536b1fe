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
# # 05 · Who raised, invested or granted how much?
#
# Investment events read from the money figures: financing rounds (who raised how much, in which
# round, from which investors, lead first), investments, funds, subsidies and awards. Each event
# keeps the sentence it was read from; an amount the text does not disclose (`数亿元`) stays
# empty, with the words kept in `amount_text`. Hover over a mark to read the sentence.

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
pd.set_option("display.float_format", "{:,.0f}".format)

if BUILD:  # the report built the corpus once: read its tables
    built = ct.open_build(BUILD)
    documents = built.documents()
else:
    documents = ct.read_corpus(CORPUS).documents
investments = ct.investments_table(documents)

# %% [markdown]
# ## Events by kind
#
# How many events of each kind the corpus states, and how many of them disclose an amount:

# %%
(investments.assign(with_amount=investments["amount"].notna())
            .groupby("event", sort=True)
            .agg(events=("doc_id", "size"), with_amount=("with_amount", "sum"),
                 documents=("doc_id", "nunique")))

# %% [markdown]
# ## The events
#
# One row per event, largest amounts first (events without an amount last):

# %%
(investments.sort_values("amount", ascending=False, na_position="last", kind="stable")
            [["doc_id", "event", "recipient", "round", "amount_text", "amount", "currency",
              "investors", "date"]]
            .head(30))

# %% [markdown]
# ## Amounts by recipient and round
#
# The recipients with the largest totals in the corpus's main currency, stacked by round; the
# title counts the events it leaves out (no amount, another currency, beyond the top).

# %%
charts.investments_by_recipient(investments, top=25)

# %% [markdown]
# ## Over time
#
# Each event at its own date when the text states one, else at its document's date:

# %%
charts.investments_over_time(investments)

# %% [markdown]
# ## The most active investors
#
# Investors named in the events, with how many events they led:

# %%
named = investments[["investors", "lead"]].explode("investors").dropna(subset=["investors"])
if named.empty:
    print("no investor is named in this corpus")
else:
    led = investments["lead"].explode().dropna().value_counts()
    summary = named["investors"].value_counts().rename("events").to_frame()
    summary["led"] = summary.index.map(led).fillna(0).astype(int)
    display(summary.sort_values(["events", "led"], ascending=False, kind="stable").head(15))

# %% [markdown]
# ## Download the investments table

# %%
ct.export_tables({"investments": investments}, TABLES)
