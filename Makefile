# Booster Desk: the two commands in the README, and a few for developers.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := .demo
DEMO_CONFIG := .demo-config
DEMO := --data-dir $(DEMO_DIR) --config-dir $(DEMO_CONFIG)

.PHONY: run test lint bench demo installer clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	@if [ ! -f $(DEMO_DIR)/boosterdesk.sqlite3 ]; then \
		$(BIN)/boosterdesk $(DEMO) demo --patients 60 --seed 7 > /dev/null; fi
	@cat $(DEMO_DIR)/DEMO-ACCOUNTS.txt
	$(BIN)/boosterdesk $(DEMO)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

installer: $(STAMP)
	$(BIN)/python installer/build.py

demo: $(STAMP)
	rm -rf $(DEMO_DIR) $(DEMO_CONFIG)
	$(BIN)/boosterdesk $(DEMO) demo --patients 60 --seed 7

clean:
	rm -rf $(VENV) $(DEMO_DIR) $(DEMO_CONFIG) build dist *.egg-info
