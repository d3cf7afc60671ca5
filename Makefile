# neurokg: `make run` builds the graph and the explorer; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= $(if $(NEUROKG_CORPUS),$(NEUROKG_CORPUS),../shared/corpus)
OUT ?= dist
# a corpus named on the command line or by NEUROKG_CORPUS must exist; the default may be absent (offsets only)
CORPUS_GIVEN := $(if $(filter command environment,$(origin CORPUS)),yes,$(if $(NEUROKG_CORPUS),yes,))

.PHONY: run build test test-fast lint typecheck browser notebooks bench clean check-corpus

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,curate]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-jupyter: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,curate,jupyter]'
	touch $(VENV)/.installed $(VENV)/.installed-test $@

check-corpus:
	@if [ -n "$(CORPUS_GIVEN)" ] && [ ! -d "$(CORPUS)" ]; then \
	  echo "error: CORPUS=$(CORPUS) is not a directory: give the directory of the source documents" >&2; exit 2; fi

run: check-corpus $(VENV)/.installed
	$(BIN)/neurokg build --out $(OUT) $(if $(wildcard $(CORPUS)),--corpus $(CORPUS),)
	@echo
	@echo "Graph:    $(abspath $(OUT))/neurokg.ttl (also .nt, .jsonld; stats.json)"
	@if [ -f $(OUT)/explorer.html ]; then echo "Explorer: file://$(abspath $(OUT))/explorer.html"; fi
	@echo "Query:    $(BIN)/neurokg query --list"

build: run

# Debian's chromium for the browser tests, curl for the README's endpoint examples
browser:
	@missing=""; for p in chromium curl; do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian's$$missing for the tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing >/dev/null; fi; fi

test: check-corpus $(VENV)/.installed-test browser
	NEUROKG_CORPUS=$(abspath $(CORPUS)) $(BIN)/python -m pytest -n 2 --dist loadgroup -q
	$(BIN)/ruff check src tests benchmarks tools conftest.py
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/gen_namespace.py --check

# the inner loop: no browser, no notebooks, no servers, no full builds
test-fast: $(VENV)/.installed-test
	NEUROKG_CORPUS=$(abspath $(CORPUS)) $(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not browser and not server and not slow"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks tools conftest.py

# JupyterLab on 127.0.0.1 with this environment's kernel (add options with JUPYTER_ARGS=--no-browser)
notebooks: check-corpus $(VENV)/.installed-jupyter
	$(if $(wildcard $(CORPUS)),NEUROKG_CORPUS=$(abspath $(CORPUS)),) JUPYTER_PREFER_ENV_PATH=1 \
	  $(BIN)/jupyter lab --ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root,) $(JUPYTER_ARGS) notebooks/

bench: $(VENV)/.installed-test
	NEUROKG_CORPUS=$(abspath $(CORPUS)) $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
