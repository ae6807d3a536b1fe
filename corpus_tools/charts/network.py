"""The co-occurrence network: a seeded spring layout of each connected component, drawn with plotly."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .style import _DEFAULT, ChartConfig, _empty, _escape, _positive, _require, _shown, _style

if TYPE_CHECKING:
    import plotly.graph_objects as go


def _spring_layout(n: int, edges: Sequence[tuple[int, int, float]], *, random_state: int,
                   iterations: int = 150) -> np.ndarray:
    """Fruchterman-Reingold positions of one connected graph within the unit disc."""
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(random_state)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    adjacency = np.zeros((n, n))
    top = max((w for _, _, w in edges), default=1.0) or 1.0
    for i, j, w in edges:
        adjacency[i, j] = adjacency[j, i] = 0.5 + 0.5 * w / top
    k = 2.0 / math.sqrt(n)  # ideal edge length in a [-1, 1] box
    step = 0.2
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance ** 2 - adjacency * distance / k
        np.fill_diagonal(force, 0.0)
        shift = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.linalg.norm(shift, axis=1), 0.01)
        pos = pos + shift * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    pos = pos - pos.mean(axis=0)
    return pos / (np.linalg.norm(pos, axis=1).max() or 1.0)


def _components(n: int, edges: Sequence[tuple[int, int, float]]) -> list[list[int]]:
    """Connected components, largest first (ties: lowest node first)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in edges:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _network_layout(n: int, edges: Sequence[tuple[int, int, float]], *,
                    random_state: int) -> np.ndarray:
    """Each component laid out on its own (a disc of area ~ its size), discs packed in rows.

    Laying out the whole graph at once lets unconnected parts push each other
    to the edges and squeezes the main component into a blob.
    """
    pos = np.zeros((n, 2))
    components = _components(n, edges)
    radii = [math.sqrt(len(c)) for c in components]
    row_width = max(3.6 * radii[0], 2.2 * math.sqrt(n))  # charts are wider than tall
    gap = 0.8
    x = y = row_height = 0.0
    for number, (members, radius) in enumerate(zip(components, radii)):
        local = {node: i for i, node in enumerate(members)}
        sub = [(local[i], local[j], w) for i, j, w in edges if i in local]
        inner = _spring_layout(len(members), sub, random_state=random_state + number)
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        pos[members] = inner * radius + [x + radius, y - radius]
        x += 2 * radius + gap
        row_height = max(row_height, 2 * radius)
    pos = pos - (pos.max(axis=0) + pos.min(axis=0)) / 2
    return pos / (np.abs(pos).max() or 1.0)


def cooccurrence_network(cooccurrence: pd.DataFrame, *, top: int = 40, random_state: int = 0,
                         config: ChartConfig = _DEFAULT) -> go.Figure:
    """Network of terms or entities seen in the same sentences.

    Keeps the ``top`` heaviest pairs; node size follows the weighted degree,
    line width the pair's weight. The layout is a force-directed one seeded by
    ``random_state``, so the same table gives the same picture.

    Args:
        cooccurrence: the co-occurrence table (``source``, ``target``, ``weight``).
        top: heaviest pairs kept.
        random_state: seed of the layout's starting positions.
        config: chart look.

    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"source": ["香港科技园公司", "香港科技园公司"],
    ...                       "target": ["罗氏", "张江集团"], "weight": [3, 1]})
    >>> cooccurrence_network(pairs).data[-1].text
    ('张江集团', '罗氏', '香港科技园公司')
    """
    import plotly.graph_objects as go

    _positive("top", top)
    _require(cooccurrence, ["source", "target", "weight"], "cooccurrence", "cooccurrence()")
    title = "Co-occurrence network (same sentence)"
    pairs = cooccurrence[cooccurrence["weight"].notna() & (cooccurrence["source"] != cooccurrence["target"])]
    title += _shown(min(top, len(pairs)), len(pairs), "pairs (the most frequent)")
    pairs = pairs.assign(_s=pairs["source"].astype(str), _t=pairs["target"].astype(str),
                         _w=pairs["weight"].astype("float64"))
    pairs = pairs.sort_values(["_w", "_s", "_t"], ascending=[False, True, True], kind="stable").head(top)
    if pairs.empty:
        return _empty(config, title=title, message="no pairs seen together")
    nodes = sorted(set(pairs["_s"]) | set(pairs["_t"]))
    index = {name: i for i, name in enumerate(nodes)}
    edges = [(index[s], index[t], float(w)) for s, t, w in zip(pairs["_s"], pairs["_t"], pairs["_w"])]
    pos = _network_layout(len(nodes), edges, random_state=random_state)
    degree = np.zeros(len(nodes))
    partners: dict[int, list[tuple[float, str]]] = {i: [] for i in range(len(nodes))}
    for i, j, w in edges:
        degree[i] += w
        degree[j] += w
        partners[i].append((w, nodes[j]))
        partners[j].append((w, nodes[i]))
    w_max = max(w for _, _, w in edges)
    traces = []
    # plotly draws one width per trace: bucket the edges into a few widths
    buckets: dict[int, list[tuple[int, int, float]]] = {}
    for edge in edges:
        buckets.setdefault(1 + round(4 * edge[2] / w_max), []).append(edge)
    for width in sorted(buckets):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for i, j, _ in buckets[width]:
            xs += [float(pos[i, 0]), float(pos[j, 0]), None]
            ys += [float(pos[i, 1]), float(pos[j, 1]), None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": width, "color": "rgba(120,120,120,0.45)"}))
    hover = []
    for i, name in enumerate(nodes):
        strongest = sorted(partners[i], key=lambda p: (-p[0], p[1]))[:5]
        lines = [f"{_escape(p)}: {int(w)}" for w, p in strongest]
        hover.append(f"<b>{_escape(name)}</b><br>sentences with a partner: {int(degree[i])}<br>"
                     + "<br>".join(lines))
    sizes = [float(12 + 28 * math.sqrt(d / degree.max())) for d in degree]
    traces.append(go.Scatter(
        x=[float(x) for x in pos[:, 0]], y=[float(y) for y in pos[:, 1]], mode="markers+text",
        text=nodes, textposition="top center", customdata=hover, showlegend=False,
        marker={"size": sizes, "color": config.colorway[0], "line": {"width": 1, "color": "white"}},
        hovertemplate="%{customdata}<extra></extra>"))
    fig = go.Figure(traces)
    fig.update_xaxes(visible=False, range=[-1.25, 1.25])
    fig.update_yaxes(visible=False, range=[-1.2, 1.2], scaleanchor="x", scaleratio=1)
    return _style(fig, config, title=title, height=620)
