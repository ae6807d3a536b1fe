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
# # 03 · Keywords: what do the documents talk about, and how do Hong Kong and Shanghai publishers differ?
#
# Top keywords per document and per publisher region, the terms most typical of Hong Kong
# publishers against Shanghai ones (keyness), word clouds, concordances (KWIC) of 细胞治疗 and
# 沪港, and the word pairs that go together (collocations). Traditional and simplified script
# are counted together: keywords are shown in simplified characters, concordance lines as written.

# %% tags=["parameters"]
CORPUS = "../data"  # the corpus folder; a relative path is read from this notebook's folder

# %%
import pandas as pd
import plotly.io as pio

import corpus_tools as ct
from corpus_tools import charts, schema

pio.renderers.default = "plotly_mimetype"  # figures are stored as JSON: offline and reproducible
pd.set_option("display.max_colwidth", 50)

documents = ct.read_corpus(CORPUS).documents
tokens = ct.tokens_table(documents)
print(f"{len(documents)} documents, {len(tokens):,} tokens")

# %% [markdown]
# ## Top keywords per document
#
# TF-IDF over content words (nouns, verbs, names; stopwords and numbers left out).

# %%
by_document = ct.top_keywords(documents, by="doc_id", top=10, tokens=tokens)
by_document.pivot(index="rank", columns="group", values="keyword")

# %%
charts.top_keywords(by_document, top=10)

# %% [markdown]
# ## Publisher region
#
# The region is derived from the canonical `publisher` (the `source` as written, in
# simplified script with known aliases unified): 香港 → Hong Kong, 上海 → Shanghai,
# anything else (or no publisher) → other.

# %%
region = documents["publisher"].str.extract("(香港|上海)", expand=False)
documents = documents.assign(
    region=region.map({"香港": "Hong Kong", "上海": "Shanghai"}).fillna("other"))
documents[["doc_id", "source", "publisher", "region"]]

# %%
by_region = ct.top_keywords(documents, by="region", top=10, tokens=tokens)
by_region.pivot(index="rank", columns="group", values="keyword")

# %% [markdown]
# ## Keyness: Hong Kong publishers against Shanghai ones
#
# Log-likelihood (G²) ranks the terms; the bar is the log ratio (base 2): +1 means twice as
# frequent (relative to corpus size) in Hong Kong publications, −1 twice as frequent in Shanghai ones.

# %%
if {"Hong Kong", "Shanghai"} <= set(documents["region"]):
    hk_vs_sh = ct.keyness(documents, "Hong Kong", by="region", reference="Shanghai")
else:
    print("This corpus lacks Hong Kong or Shanghai publishers: nothing to compare.")
    hk_vs_sh = schema.empty_frame(schema.KEYNESS)
hk_vs_sh.head(10)

# %%
hk_vs_sh.tail(10).iloc[::-1]

# %%
charts.keyness_bars(hk_vs_sh, top=15, labels=("Hong Kong", "Shanghai"))

# %% [markdown]
# ## Word clouds
#
# Word size follows the TF-IDF score of the region's top 80 keywords; stopwords are left out and
# the font (Noto Sans CJK SC) draws both scripts. The layout is fixed by `random_state`.

# %%
regional = ct.top_keywords(documents, by="region", top=80, tokens=tokens)

# %% [markdown]
# ### Hong Kong publishers

# %%
hong_kong_cloud = charts.word_cloud(regional[regional["group"] == "Hong Kong"], random_state=1)
hong_kong_cloud

# %% [markdown]
# ### Shanghai publishers

# %%
shanghai_cloud = charts.word_cloud(regional[regional["group"] == "Shanghai"], random_state=1)
shanghai_cloud

# %% tags=["report-hide"]
[(cloud.size, cloud.info["words"][:5]) for cloud in (hong_kong_cloud, shanghai_cloud)]

# %% [markdown]
# ## Concordances (KWIC)
#
# Every occurrence of 细胞治疗 (cell therapy) and 沪港 (Shanghai–Hong Kong), in either script,
# with 18 characters of context; `start`/`end` point into the document's clean text.

# %%
pd.set_option("display.max_rows", 40)
ct.kwic(documents, "细胞治疗", window=18)

# %%
shanghai_hong_kong = ct.kwic(documents, "沪港", window=18)
shanghai_hong_kong.groupby("doc_id").size().to_frame("lines")

# %%
shanghai_hong_kong.head(12)

# %% [markdown]
# ## Collocations
#
# Adjacent content words that occur together more often than chance (log-likelihood, PMI).

# %%
ct.collocations(documents, min_count=3, top=15)
