"""Extract figures: money, dates, headcounts, counts, percentages and quantities.

Follows ``tests/data/gold/GUIDELINES.md``: every figure has a ``kind``, the text as
written (qualifier word + number + unit or measure word), a normalised ``value``
and ``unit`` (ISO 4217 for money, ``person``, the simplified measure word, ``%``,
``m2``/``t``/``kWh``...), a ``qualifier`` (exact/approx/over/under) and, for dates,
an ISO ``date`` at the precision written with an optional ``scope`` (年底 end,
年初 start). Ranges give two figures sharing the range's text.

Compiled master regexes (:func:`corpus_tools.resources.figure_patterns`) find the
candidates, one anchored on numerals and one on the few words that lead a figure
(去年, 人民币, HK$); small handlers check the context (ordinals, ranks, captions,
articles, document numbers, URLs...) and normalise. Relative dates (去年12月,
二十年前, 同年) are resolved against the document's own date. The lexicons are
data files (``corpus_tools/data/figures_*``), written in simplified script.

A bare 元 takes the currency of the document's region (:func:`region_currency`:
HKD, TWD or MOP for a traditional-script document from Hong Kong, Taiwan or Macau,
else CNY), as does an amount with 万/亿 and no currency word in a money clause
(投资三百亿, 200亿的引导基金). Money figures get a ``subject`` (融资, 补贴, 营收 ...);
the two figures of a range are marked ``bound`` low/high with a shared ``range_id``,
and repeated mentions of one fact share a ``mention_group`` (``figures_table(...,
dedupe=True)`` keeps one), so that a researcher can sum them.

Two layers: :func:`extract_figures` over one string and :func:`figures_table`
over a documents table; :func:`to_guideline_records` turns a figures table into
the guideline's JSONL fields.

The package, in the order a text goes through it: ``records`` (:class:`Figure`,
:class:`FigureConfig`), ``scan`` (the master regexes and their handlers, then the
finished records), ``context`` (the document's state and the words around a number),
``amounts`` (money, counts, percentages, quantities, ranges), ``dates``, ``subjects``,
``region`` (:func:`region_currency`) and ``table`` (the DataFrame layer).
"""
from __future__ import annotations

from .records import KINDS, Figure, FigureConfig, Kind, Qualifier
from .region import region_currency

# ``_x as _x``: private helpers that investments.py and the tests import from here, re-exported
from .scan import _extract as _extract
from .scan import extract_figures
from .subjects import _tagged as _tagged
from .table import DocumentInput, document_inputs, figures_table, to_guideline_records

__all__ = ["KINDS", "DocumentInput", "Figure", "FigureConfig", "Kind", "Qualifier", "document_inputs",
           "extract_figures", "figures_table",
           "region_currency", "to_guideline_records"]
