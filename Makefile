# Two commands do all the set-up on a fresh machine with only python3:
#   make report   -> builds .venv from the lock file, writes report.html for data/
#   make test     -> same environment, runs unit tests, doctests and notebooks (nbval)
# `make bench` runs the benchmarks; `make eval` scores the dev corpus in tests/data/dev.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= data
REPORT ?= report.html

.PHONY: report test bench eval env browser clean

env: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

report: $(STAMP)
	$(VENV)/bin/corpus-tools report $(CORPUS) -o $(REPORT)

browser:
	sh scripts/ensure-chromium.sh

test: $(STAMP) browser
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

# Scores on the dev corpus in tests/data/dev: per-field accuracy, F1, precision and recall.
eval: $(STAMP)
	$(PY) benchmarks/run_all.py eval_

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info report.html

# Re-run the notebooks in place (stored outputs) and re-sync their jupytext pairs.
.PHONY: notebooks
notebooks: $(STAMP)
	sh scripts/execute-notebooks
