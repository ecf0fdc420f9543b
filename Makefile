# Informatieplatform pgb — `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/pgb
VENDOR := pgbplatform/static/pgb/vendor
PYTEST_ARGS ?=

.PHONY: install run test test-sqlite test-pg lint audit screenshots bench messages clean

install: $(VENV)/.installed $(VENDOR)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# NL Design System CSS and design tokens from the npm registry, served as our own static files.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/utrecht
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/component-library.css
	cp node_modules/@utrecht/design-tokens/dist/theme.css $(VENDOR)/utrecht/design-tokens.css
	touch $@

run: install
	mkdir -p var
	DEBUG=1 $(BIN)/pgb migrate --no-input -v 0
	DEBUG=1 $(BIN)/pgb demo --if-empty
	# Workers while the site runs: queued mail (sign-up, notifications) to the console, and the reading
	# of PDFs uploaded in the admin (their text for search, their accessibility for editors).
	DEBUG=1 $(BIN)/pgb db_worker --backend mail --queue-name mail --interval 2 --no-reload & worker=$$!; \
	DEBUG=1 $(BIN)/pgb db_worker --backend search --queue-name documents --interval 2 --no-reload & reader=$$!; \
	trap 'kill $$worker $$reader 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/pgb runserver 127.0.0.1:$(PORT)

test: install test-sqlite test-pg

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-pg: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

audit: install
	DEBUG=1 $(BIN)/pgb audit

screenshots: install
	$(BIN)/python -m benchmarks.screenshots docs/screenshots

messages: install
	DEBUG=1 $(BIN)/pgb makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=benchmarks
	DEBUG=1 $(BIN)/pgb compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/static
