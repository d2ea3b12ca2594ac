# smmnb: every target creates .venv on first use, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Kernel specs are looked up here first, so notebooks always run on the venv's own "python3"
# kernel, never on one that happens to be installed elsewhere on the machine.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# MPLBACKEND is deliberately not set here: kernels inherit it, and Agg would stop notebooks from
# showing figures inline. Unit tests select Agg in tests/conftest.py.

NBVAL_ARGS := --nbval --nbval-kernel-name python3 --nbval-sanitize-with tests/sanitize.cfg

.PHONY: help install test unit nbval browser-test report notebooks lab lint format sample bench realcheck evaluate messages clean

help:
	@echo "make report     create .venv, install, write HTML reports of sample_data/ (en and vi) into reports/"
	@echo "make test       create .venv, install, run pytest (unit tests, doctests) and nbval (notebooks)"
	@echo "make browser-test  the explorer in JupyterLab, driven by headless Chromium (needs Debian's chromium, chromium-driver)"
	@echo "make notebooks  re-execute every notebook in place on sample_data/"
	@echo "make lab        open JupyterLab on notebooks/"
	@echo "make lint       ruff check and ruff format --check"
	@echo "make sample     regenerate sample_data/ (seed 7)"
	@echo "make bench      speed and memory at scale (writes benchmarks/results.json)"
	@echo "make realcheck  read the genuine exports of ../shared/real (when present) and compare"
	@echo "make evaluate   sentiment scorer on the real dev sets (when present) and our own labelled set"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "smmnb needs Python 3.11 or newer; set PYTHON=python3.11 (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (smmnb)" >/dev/null
	touch $@

install: $(STAMP)

test: $(STAMP)
	$(BIN)/jupyter kernelspec list
	$(BIN)/python -m pytest tests -p no:cacheprovider -n 2 --ignore=tests/browser
	$(BIN)/python -m pytest --doctest-modules smmnb -q -p no:cacheprovider
	$(BIN)/python -m pytest notebooks $(NBVAL_ARGS) -p no:cacheprovider

unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser
	$(BIN)/python -m pytest --doctest-modules smmnb -q

nbval: $(STAMP)
	$(BIN)/python -m pytest notebooks $(NBVAL_ARGS)

# JupyterLab driven by headless Chromium: Debian's chromium and chromium-driver must be installed
# (.ci/run installs them); screenshots and the measured update times go to browser-screenshots/.
browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/browser -p no:cacheprovider -v

report: $(STAMP)
	$(BIN)/smmnb report --config reports.yml --out reports

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		--KernelManager.transport_encryption=auto \
		notebooks/*.ipynb

# --allow-root only as root (containers), where JupyterLab otherwise refuses to start. Kernels get
# CurveZMQ transport encryption (jupyter_server >= 2.20), so their traffic is not plain text.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ --MappingKernelManager.transport_encryption=auto \
		$(if $(filter 0,$(shell id -u)),--allow-root)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

sample: $(STAMP)
	$(BIN)/smmnb sample --out sample_data --seed 7

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,vader]"
	$(BIN)/python benchmarks/run.py

# The genuine platform exports live outside the project (never committed); CI has them.
REALCHECK := ../shared/tools/realcheck.py
realcheck: $(STAMP)
	@if [ -d ../shared/tools ] && [ -f $(REALCHECK) ]; then $(BIN)/python $(REALCHECK); \
	else echo "../shared/tools is absent: no genuine exports to check here"; fi

# A measurement, not a test: prints per-label precision, recall, F1 and confusion; never fails.
evaluate: $(STAMP)
	-$(BIN)/smmnb evaluate --real ../shared/real/text

# Merge newly marked messages into smmnb/locale/<language>/<area>.po and list the untranslated.
messages: $(STAMP)
	$(BIN)/python -m smmnb.messages

clean:
	rm -rf $(VENV) reports .pytest_cache .ruff_cache
