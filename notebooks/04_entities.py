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
# # 04 · Which organisations and people appear, and together with whom?
#
# Organisations, people and places named in the documents, each mention tied to its sentence
# and counted under one canonical name across scripts and short forms (香港科技園公司, 科技园公司 →
# 香港科技园公司); which documents name whom; and which organisations are named in the same sentences.

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
pd.set_option("display.max_colwidth", 50)

if BUILD:  # the report built the corpus once: read its tables
    built = ct.open_build(BUILD)
    documents, entities = built.documents(), built.entities()
else:
    documents = ct.read_corpus(CORPUS).documents
    entities = ct.entities_table(documents)

# %% [markdown]
# ## Mentions by kind and document

# %%
entities.pivot_table(index="doc_id", columns="label", values="text", aggfunc="count", fill_value=0)

# %% [markdown]
# ## The organisations named most often

# %%
organisations = entities[entities["label"] == "ORG"]
(organisations.groupby("canonical")
              .agg(mentions=("text", "size"), documents=("doc_id", "nunique"),
                   written_as=("text", "unique"))
              .sort_values(["mentions", "documents"], ascending=False, kind="stable")
              .head(15))

# %%
charts.entity_heatmap(entities, labels=("ORG",), top=20, documents=documents)

# %% [markdown]
# ## People

# %%
people = entities[entities["label"] == "PERSON"]
(people.groupby("canonical")
       .agg(mentions=("text", "size"), documents=("doc_id", "nunique"))
       .sort_values(["mentions", "documents"], ascending=False, kind="stable")
       .head(15))

# %%
charts.entity_heatmap(entities, labels=("PERSON",), top=20, documents=documents)

# %% [markdown]
# ## Organisations named together
#
# Two organisations are linked when one sentence names both; the line's width is the number of
# such sentences. The layout is force-directed with a fixed seed.

# %%
pairs = ct.cooccurrence(organisations, top_terms=30)
pairs.head(10)

# %% tags=["nbval-ignore-output"]
network = charts.cooccurrence_network(pairs, top=40, random_state=0)
network

# %% tags=["report-hide"]
# the layout's coordinates depend on floating point; the graph itself must not
(len(network.data[-1].text), list(network.data[-1].text[:5])) if network.data else (0, [])

# %% [markdown]
# ## Download the entities table

# %%
ct.export_tables({"entities": entities, "organisation_pairs": pairs}, TABLES)
