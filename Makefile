# One command surface. `make run` and `make test` bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
PORT ?= 8501

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt refresh snapshot bench screenshot clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-11s %s\n", $$1, $$2}'

# The venv is rebuilt only when the pins change (Make compares the stamps with the requirement files).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime ## Start the dashboard on the committed snapshot (http://localhost:8501)
	@echo "Dashboard: http://localhost:$(PORT)  (Ctrl+C to stop)"
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

test: $(VENV)/.dev ## Run the whole test suite (browser tests need /usr/bin/chromium)
	$(BIN)/python -m pytest

lint: $(VENV)/.dev ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.dev ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

refresh: $(VENV)/.runtime ## Refresh cache/data from the real APIs (EIA needs EIA_API_KEY)
	$(BIN)/python -m fetchers refresh

snapshot: $(VENV)/.runtime ## Rebuild the committed snapshot from ../shared/fakeapi (offline data pack)
	$(BIN)/python -m fetchers.snapshot --shared $(SHARED)

$(VENV)/.bench: $(VENV)/.dev requirements-bench.txt
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	touch $@

bench: $(VENV)/.bench ## Run every benchmark in bench/, print the figures, rewrite BENCHMARKS.md
	$(BIN)/python bench/run_all.py

screenshot: $(VENV)/.dev ## Refresh docs/*.png: Overview light, dark, phone; Supply and demand (needs /usr/bin/chromium)
	$(BIN)/python bench/screenshot.py --out docs --page "" --page "supply?fuel=gas"

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
