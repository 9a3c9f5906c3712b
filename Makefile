# Everyday commands. `make run` and `make test` work on a bare machine with Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run install migrate seed serve test test-api test-fast test-browser lint check-imports worker messages clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 est requis ($(PYTHON) introuvable)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py load_referentiel
	DEBUG=1 $(BIN)/python manage.py load_insee_referential
	DEBUG=1 $(BIN)/python manage.py seed_demo

run: seed
	@echo "Pix École : http://$(HOST):$(PORT)/"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null || { echo "Des migrations manquent : lancez makemigrations."; exit 1; }
	$(BIN)/python -m pytest

# The API fuzzed against its OpenAPI schema; SCHEMATHESIS_MAX_EXAMPLES=1000 for the full run.
test-api: install
	$(BIN)/python -m pytest -m schemathesis tests/learners/test_api_schema_fuzz.py

test-browser: install
	$(BIN)/python -m pytest -m browser tests/e2e

worker: install
	$(BIN)/celery -A pix worker --loglevel=info

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
