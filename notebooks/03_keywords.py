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
# # 03 · Keywords: what do the documents talk about, and what sets one group apart?
#
# Top keywords per document and per group of documents (grouped by the column `BY`, publisher
# by default), the terms most typical of one group (`TARGET`, by default the largest) against all
# other documents (keyness), word clouds of both sides, concordances (KWIC) of the words in `TERMS`
# (by default the corpus's top keywords) and the word pairs that go together (collocations).
# Traditional and simplified script are counted together: keywords are shown in simplified
# characters, concordance lines as written.

# %% tags=["parameters"]
CORPUS = "../data"  # the corpus folder; a relative path is read from this notebook's folder
BUILD = None  # a folder written by corpus_tools.build (the report sets it); None: analyse CORPUS in memory
BY = "publisher"  # documents column that groups the documents: publisher, doc_type, year, source ...
TARGET = None  # the group compared with all other documents; None: the largest group
TERMS = None  # words to read in context, e.g. ["细胞治疗", "沪港"]; None: the corpus's top keywords
TABLES = None  # folder for the downloadable tables (CSV, XLSX); the report sets it, None writes none

# %%
import pandas as pd
import plotly.io as pio

import corpus_tools as ct
from corpus_tools import charts, schema

pio.renderers.default = "plotly_mimetype"  # figures are stored as JSON: offline and reproducible
pd.set_option("display.max_colwidth", 80)

if BUILD:  # the report built the corpus once: read its tables
    built = ct.open_build(BUILD)
    documents, tokens = built.documents(), built.tokens()
else:
    documents = ct.read_corpus(CORPUS).documents
    tokens = ct.tokens_table(documents)
print(f"{len(documents)} documents, {len(tokens):,} tokens")

# %% [markdown]
# ## Top keywords per document
#
# TF-IDF over content words (nouns, verbs, names; stopwords and numbers left out): the ten
# keywords of each document, best first, one row per document (titles shortened).

# %%
by_document = ct.top_keywords(documents, by="doc_id", top=10, tokens=tokens)
titles = pd.Series(charts.document_labels(documents, width=24), name="title")
(by_document.groupby("group", sort=True)["keyword"].agg(" · ".join).rename("keywords")
            .to_frame().join(titles).rename_axis("doc_id")[["title", "keywords"]])

# %% [markdown]
# ## Groups

# %%
groups = ct.report.grouping(documents, by=BY, target=TARGET)
groups

# %% [markdown]
# Top keywords of the largest groups (the keywords of every group are in the downloadable table):

# %%
by_group = ct.top_keywords(documents, by=BY, top=10, tokens=tokens)
drawn = [g for g in groups.largest(6) if g in set(by_group["group"])]  # groups with keywords
print(f"{len(drawn)} of {len(groups.sizes)} groups by {BY} drawn (the largest)")
charts.top_keywords(by_group, top=10, groups=drawn)

# %% [markdown]
# ## Keyness: the target group against all other documents
#
# Log-likelihood (G²) ranks the terms; the bar is the log ratio (base 2): +1 means twice as
# frequent (relative to the size of each side) in the target group, −1 twice as frequent in the
# other documents.

# %%
print(groups.message)
if groups.target is None:
    target_keyness = schema.empty_frame(schema.KEYNESS)
else:
    target_keyness = ct.keyness(documents, groups.target, by=BY)
target_keyness.head(10)

# %%
target_keyness.tail(10).iloc[::-1]

# %%
charts.keyness_bars(target_keyness, top=15, labels=(groups.target or "target", groups.OTHERS))

# %% [markdown]
# ## Word clouds
#
# Word size follows the TF-IDF score of the top 80 keywords of each side (the target group and
# all other documents; the whole corpus when nothing is compared); stopwords are left out and
# the font (Noto Sans CJK SC) draws both scripts. The layout is fixed by `random_state`.

# %%
if groups.target is None:
    sides, cloud_names = documents.assign(side="corpus"), ["corpus"]
else:
    sides, cloud_names = documents.assign(side=groups.side), [groups.target, groups.OTHERS]
side_keywords = ct.top_keywords(sides, by="side", top=80, tokens=tokens)
clouds = {name: charts.word_cloud(side_keywords[side_keywords["group"] == name], random_state=1)
          for name in cloud_names}

# %%
print(cloud_names[0])
clouds[cloud_names[0]]

# %%
print(cloud_names[-1] if len(cloud_names) > 1 else "Nothing compared: one cloud for the whole corpus.")
clouds[cloud_names[1]] if len(cloud_names) > 1 else None

# %% tags=["report-hide"]
[(name, cloud.size, cloud.info["words"][:5]) for name, cloud in clouds.items()]

# %% [markdown]
# ## Concordances (KWIC)
#
# Every occurrence of each word in `TERMS` (by default the corpus's two top keywords), in either
# script, with 18 characters of context; `start`/`end` point into the document's clean text.

# %%
terms = TERMS if TERMS else ct.report.default_terms(documents, tokens=tokens, n=2)
concordance = pd.concat([ct.kwic(documents, term, window=18).assign(term=term) for term in terms],
                        ignore_index=True)
print("Terms:", ", ".join(terms))
concordance.groupby(["term", "doc_id"], sort=True).size().to_frame("lines")

# %%
pd.set_option("display.max_rows", 40)
concordance.groupby("term", sort=False).head(12)[["term", "doc_id", "left", "match", "right"]]

# %% [markdown]
# ## Collocations
#
# Adjacent content words that occur together more often than chance (log-likelihood, PMI).

# %%
pairs = ct.collocations(tokens, min_count=3, top=15)
pairs

# %% [markdown]
# ## Download the tables

# %%
ct.export_tables({"keywords_by_document": by_document, "keywords_by_group": by_group,
                  "keyness": target_keyness, "kwic": concordance, "collocations": pairs}, TABLES)
