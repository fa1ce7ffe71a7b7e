# One command surface. `make run` and `make test` bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
PORT ?= 8501

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt refresh snapshot bench screenshot docs-shots messages boundaries dump-pages clean

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
	$(BIN)/python -m tools.snapshot --shared $(SHARED)

$(VENV)/.bench: $(VENV)/.dev requirements-bench.txt
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	touch $@

bench: $(VENV)/.bench ## Run every benchmark in bench/, print the figures, rewrite BENCHMARKS.md
	$(BIN)/python -m bench.run_all

screenshot: $(VENV)/.dev ## Refresh docs/*.png: Overview light, dark, phone; Supply and demand (needs /usr/bin/chromium)
	$(BIN)/python -m tools.screenshot --out docs --page "" --page "supply?fuel=gas"

docs-shots: $(VENV)/.dev ## Refresh docs/ close-ups: coverage, a line with a gap, a Korean fall, a PNG download, Trade
	$(BIN)/python -m tools.docs_shots --out docs

messages: $(VENV)/.dev ## Update dashboard/locales/*/messages.po with every message the dashboard can show
	$(BIN)/python -m tools.messages

boundaries: ## Rebuild dashboard/assets/region.geojson from an unpacked world-atlas 2.0.2 (ATLAS=package/)
	$(PYTHON) -m tools.build_boundaries $(or $(ATLAS),package)

dump-pages: $(VENV)/.dev ## Write every page, language and link as JSON to OUT=DIR (diff -r two dumps)
	@test -n "$(OUT)" || { echo "usage: make dump-pages OUT=DIR" >&2; exit 2; }
	$(BIN)/python -m tools.dump_pages $(OUT)

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
