"""Keyness: which terms a target group uses more (or less) than a reference group."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import InputError
from .vocabulary import (
    DEFAULT_CONFIG,
    Correction,
    KeywordConfig,
    Measure,
    _as_tokens,
    _vocabulary,
    check_choice,
    group_values,
)


def _chi2_sf(x: np.ndarray) -> np.ndarray:
    """Upper tail of the chi-squared distribution with one degree of freedom."""
    return np.array([math.erfc(math.sqrt(v / 2)) for v in np.abs(x)], dtype=float)


def keyness_statistics(a: np.ndarray, b: np.ndarray, total_target: float, total_reference: float, *,
                       correction: Correction = "default") -> dict[str, np.ndarray]:
    """Chi-squared, log-likelihood (G2), p-values and log ratio of 2x2 tables, vectorised.

    ``a``/``b`` are a term's counts in target and reference, the totals their
    sizes; statistics are signed like quanteda's ``textstat_keyness``
    (negative: the term is rarer in the target). ``correction="default"``
    applies Yates' continuity correction to both statistics where an expected
    count is below 5 (quanteda's default), ``"williams"`` divides by Williams' q.

    >>> s = keyness_statistics(np.array([3.0]), np.array([7.0]), 10, 9, correction="none")
    >>> round(float(s["chi2"][0]), 4), round(float(s["log_likelihood"][0]), 4)
    (-4.3372, -4.5349)
    """
    check_choice("correction", correction, ("default", "yates", "williams", "none"))
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with np.errstate(divide="ignore"):
        log_ratio = np.log2((np.where(a == 0, 0.5, a) / total_target)
                            / (np.where(b == 0, 0.5, b) / total_reference))
    c, d = total_target - a, total_reference - b
    n = a + b + c + d
    row1, row2, col1, col2 = a + b, c + d, a + c, b + d
    e11 = row1 * col1 / n
    sign = np.where(a > e11, 1.0, -1.0)
    diff = np.abs(a * d - b * c)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = n * diff ** 2 / (row1 * row2 * col1 * col2)
        q = np.ones_like(a)
        if correction in ("default", "yates"):
            small = ((row1 * col1 / n < 5) | (row1 * col2 / n < 5) | (col1 * row2 / n < 5)
                     | (row2 * col2 / n < 5))
            yates_chi2 = small & (diff >= n / 2)
            chi2 = np.where(yates_chi2, n * (diff - n / 2) ** 2 / (row1 * row2 * col1 * col2), chi2)
            shift = np.where(small & (diff > n / 2), np.where(a * d - b * c > 0, -0.5, 0.5), 0.0)
            a, d, b, c = a + shift, d + shift, b - shift, c - shift
        elif correction == "williams":
            q = np.where(a * b * c * d == 0, 1.0, 1 + (n / row1 + n / row2 - 1) * (n / col1 + n / col2 - 1) / (6 * n))
            chi2 = chi2 / q

        def term(observed, expected):
            return np.where(observed > 0, observed * np.log(observed / expected), 0.0)

        g2 = 2 * (term(a, row1 * col1 / n) + term(b, row1 * col2 / n) + term(c, col1 * row2 / n)
                  + term(d, row2 * col2 / n)) / q
        chi2 = np.nan_to_num(chi2)
        g2 = np.nan_to_num(g2)
    chi2 = sign * np.abs(chi2)
    g2 = sign * np.abs(g2)
    return {"chi2": chi2, "log_likelihood": g2, "p_chi2": _chi2_sf(chi2), "p_lr": _chi2_sf(g2),
            "log_ratio": log_ratio}


def _mask(frame: pd.DataFrame, selector: Any, by: str | None, name: str) -> np.ndarray:
    if selector is None:
        return np.zeros(len(frame), dtype=bool)
    if isinstance(selector, (pd.Series, np.ndarray, list, tuple)) and len(selector) == len(frame) \
            and not isinstance(selector, str):
        values = selector.to_numpy() if isinstance(selector, pd.Series) else np.asarray(selector)
        if values.dtype != bool:
            raise InputError(f"keyness: {name} mask must be boolean (got dtype {values.dtype})")
        if isinstance(selector, pd.Series) and not selector.index.equals(frame.index):
            raise InputError(f"keyness: {name} mask's index differs from the table's index")
        return values
    if by is None:
        raise InputError(f"keyness: {name}={selector!r} needs by=COLUMN (or pass a boolean mask "
                         f"of length {len(frame)})")
    groups = group_values(frame, by, what="keyness")
    if str(selector) not in set(groups.tolist()):
        raise InputError(f"keyness: {name}={selector!r} is not a value of column {by!r} "
                         f"(values: {sorted(set(groups.tolist()))[:10]})")
    return (groups == str(selector)).to_numpy(dtype=bool)


def keyness(frame: pd.DataFrame, target: Any, *, by: str | None = None, reference: Any = None,
            measure: Measure = "lr", correction: Correction = "default", min_count: int = 2,
            config: KeywordConfig = DEFAULT_CONFIG) -> pd.DataFrame:
    """Compare term frequencies of a target group with a reference group (``schema.KEYNESS``).

    Like quanteda's ``textstat_keyness``: for each term a 2x2 table (count in
    target / reference, other content tokens in target / reference) gives
    Pearson's chi-squared and the log-likelihood G2 (both signed: negative
    when the term is typical of the reference), a p-value (one degree of
    freedom) and Hardie's log ratio (base 2, zero counts taken as 0.5) as
    effect size.

    Args:
        frame: a documents table or a tokens table.
        target: a boolean mask over ``frame``'s rows, or a value of column ``by``.
        by: column whose value ``target`` (and ``reference``) name.
        reference: like ``target``; default: every row not in the target.
        measure: ``"lr"`` (G2) or ``"chi2"``: the statistic of ``p_value`` and
            of the sort order (descending, so target terms come first).
        correction: ``"default"`` (Yates where an expected count is < 5),
            ``"yates"``, ``"williams"`` or ``"none"``; see :func:`keyness_statistics`.
        min_count: drop terms seen fewer times in target and reference together.
        config: see :class:`KeywordConfig` (content-token filter).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "publisher": ["hk", "sh"],
    ...     "text": ["科技園公司與科技園公司合作。香港創科。", "上海生物医药产业。上海生物医药。"]})
    >>> k = keyness(docs, "hk", by="publisher", min_count=1, correction="none")
    >>> k[["keyword", "count_target", "count_reference", "direction"]].values.tolist()[:2]
    [['科技园公司', 2, 0, 'target'], ['创科', 1, 0, 'target']]
    """
    check_choice("measure", measure, ("lr", "chi2"))
    check_choice("correction", correction, ("default", "yates", "williams", "none"))
    if not isinstance(frame, pd.DataFrame):
        frame = schema.as_documents(frame, what="keyness")
    target_mask = _mask(frame, target, by, "target")
    reference_mask = ~target_mask if reference is None else _mask(frame, reference, by, "reference")
    if (target_mask & reference_mask).any():
        raise InputError("keyness: target and reference overlap; they must be disjoint groups")
    is_tokens = {"norm", "pos"} <= set(frame.columns)
    if is_tokens:
        toks = frame
        target_tokens, reference_tokens = target_mask, reference_mask
    else:
        toks = _as_tokens(frame, config, what="keyness")
        ids = frame["doc_id"].to_numpy()
        token_docs = toks["doc_id"]
        target_tokens = token_docs.isin(set(ids[target_mask].tolist())).to_numpy(dtype=bool, na_value=False)
        reference_tokens = token_docs.isin(set(ids[reference_mask].tolist())).to_numpy(dtype=bool, na_value=False)
    vocab = _vocabulary(toks, config)
    n_words = len(vocab.words)
    count_t = np.bincount(vocab.codes[vocab.content & target_tokens], minlength=n_words)
    count_r = np.bincount(vocab.codes[vocab.content & reference_tokens], minlength=n_words)
    return keyness_from_counts(vocab.words, count_t, count_r, measure=measure, correction=correction,
                                min_count=min_count)


def keyness_from_counts(words: np.ndarray, count_t: np.ndarray, count_r: np.ndarray, *, measure: Measure,
                         correction: Correction, min_count: int) -> pd.DataFrame:
    """The keyness table of content-term counts in target and reference (``words`` sorted, counts aligned)."""
    total_t, total_r = int(count_t.sum()), int(count_r.sum())
    if total_t == 0 or total_r == 0:
        raise InputError(f"keyness: the {'target' if total_t == 0 else 'reference'} group has no content "
                         "tokens; check the mask or the value of 'by'")
    kept = np.nonzero((count_t + count_r >= min_count) & (count_t + count_r > 0))[0]  # codes in word order
    if not len(kept):
        return schema.empty_frame(schema.KEYNESS)
    terms = words[kept]
    a, b = count_t[kept].astype(float), count_r[kept].astype(float)
    stats = keyness_statistics(a, b, total_t, total_r, correction=correction)
    table = pd.DataFrame({
        "keyword": terms, "count_target": a.astype(int), "count_reference": b.astype(int),
        "chi2": stats["chi2"], "log_likelihood": stats["log_likelihood"],
        "p_value": stats["p_lr"] if measure == "lr" else stats["p_chi2"],
        "log_ratio": stats["log_ratio"],
        "direction": np.where(a / total_t >= b / total_r, "target", "reference"),
    })
    sort_column = "log_likelihood" if measure == "lr" else "chi2"
    table = table.sort_values([sort_column, "keyword"], ascending=[False, True], kind="stable")
    return schema.conform(table.reset_index(drop=True), schema.KEYNESS)
