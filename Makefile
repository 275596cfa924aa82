# Booster Desk: the two commands in the README, and a few for developers.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := .demo

.PHONY: run test lint bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	@if [ ! -f $(DEMO_DIR)/boosterdesk.sqlite3 ]; then \
		$(BIN)/boosterdesk --data-dir $(DEMO_DIR) demo --patients 60 --seed 7; fi
	$(BIN)/boosterdesk --data-dir $(DEMO_DIR)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

demo: $(STAMP)
	rm -rf $(DEMO_DIR)
	$(BIN)/boosterdesk --data-dir $(DEMO_DIR) demo --patients 60 --seed 7

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist *.egg-info
