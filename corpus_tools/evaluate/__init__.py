"""Scoring corpus_tools' output against hand annotation.

One module per table: :mod:`corpus_tools.evaluate.figures` scores figures the way
the figure guidelines compare two sets. Each scorer is a pure function over lists of
records (dicts), so it scores any annotation a researcher makes of their own corpus,
not only the project's test data.
"""
