"""The notebooks' jupytext pairs (``NN_name.py``) are text copies of the notebooks,
not test modules: keep ``--doctest-modules`` from importing (and so running) them.
nbval runs the ``.ipynb`` files."""
collect_ignore_glob = ["[0-9][0-9]_*.py"]
