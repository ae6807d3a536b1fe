"""Charts of the entities table: a heatmap of entities by document."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from .documents import _label_of, document_labels
from .style import (
    _DEFAULT,
    ChartConfig,
    _empty,
    _escape,
    _positive,
    _require,
    _shown,
    _style,
    _wrap,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go


def entity_heatmap(entities: pd.DataFrame, *, labels: Sequence[str] = ("ORG",), top: int = 20,
                   documents: pd.DataFrame | None = None, top_documents: int = 30,
                   config: ChartConfig = _DEFAULT) -> go.Figure:
    """Mentions of the most frequent entities (rows) in each document (columns).

    Entities are counted by ``canonical`` name (falling back to the text);
    the ``top`` entities by total mentions are kept, ties broken by the
    number of documents, then by name. The ``top_documents`` documents that
    mention the kept entities most get a column; the title says what is left out.

    Args:
        entities: the entities table (``doc_id``, ``label``, ``text``, ``canonical``).
        labels: entity labels to include (``ORG``, ``PERSON``, ``PLACE``).
        top: entities kept.
        documents: the documents table; columns are then labelled with the
            documents' shortened titles instead of file names.
        top_documents: most documents (columns) drawn.
        config: chart look.

    >>> import pandas as pd
    >>> ents = pd.DataFrame({"doc_id": ["a", "a", "b"], "label": ["ORG"] * 3,
    ...     "text": ["科技园公司", "罗氏", "科技園公司"], "canonical": ["香港科技园公司", "罗氏", "香港科技园公司"]})
    >>> entity_heatmap(ents).data[0].z
    ([1, 1], [1, 0])
    """
    import plotly.graph_objects as go

    _positive("top", top)
    _positive("top_documents", top_documents)
    _require(entities, ["doc_id", "label", "text", "canonical"], "entities", "entities_table()")
    title = f"Entities by document ({', '.join(labels)})"
    rows = entities[entities["label"].isin(list(labels))]
    if rows.empty:
        return _empty(config, title=title, message=f"no {', '.join(labels)} entities")
    name = rows["canonical"].astype("object").where(rows["canonical"].notna(), rows["text"].astype("object"))
    rows = rows.assign(_name=name.astype(str), _doc=rows["doc_id"].astype(str))
    counts = rows.groupby(["_name", "_doc"], sort=True).size()
    totals = counts.groupby(level=0).sum()
    spread = counts.groupby(level=0).size()
    ranking = sorted(totals.index, key=lambda n: (-int(totals[n]), -int(spread[n]), n))
    title += _shown(min(top, len(ranking)), len(ranking), "entities")
    ranking = ranking[:top]
    ranked = rows[rows["_name"].isin(set(ranking))]
    per_doc = ranked["_doc"].value_counts()
    all_docs = sorted(rows["_doc"].unique())
    docs = sorted(sorted(per_doc.index), key=lambda d: -int(per_doc[d]))[:top_documents]
    docs = sorted(docs)
    title += _shown(len(docs), len(all_docs), "documents (most mentions)")
    names = document_labels(documents)
    z = [[int(counts.get((n, d), 0)) for d in docs] for n in ranking]
    forms = rows.groupby("_name")["text"].agg(lambda s: " / ".join(sorted({str(t) for t in s})))
    hover = [[f"<b>{_escape(n)}</b><br>{_escape(d)}<br>mentions: {z[i][j]}"
              f"<br>written as: {_escape(_wrap(forms[n], config.hover_width))}"
              for j, d in enumerate(docs)] for i, n in enumerate(ranking)]
    fig = go.Figure(go.Heatmap(z=z, x=[_label_of(names, d) for d in docs], y=ranking,
                               customdata=hover, colorscale="Blues",
                               hovertemplate="%{customdata}<extra></extra>", xgap=1, ygap=1,
                               colorbar={"title": {"text": "mentions"}}))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", tickangle=-35)
    return _style(fig, config, title=title, height=max(320, 160 + 24 * len(ranking)))
