# Reconcile: `make run` to use it, `make test` to check it.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install migrate run worker test lint format clean loadtest

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

# Web server and a real Celery worker together; Ctrl-C stops both.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	@echo "Reconcile on http://127.0.0.1:8000/ (Ctrl-C stops the server and the worker)"
	@VENV=$(VENV) scripts/run.sh

worker: install
	$(VENV)/bin/celery -A newsroom worker --loglevel=INFO

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

# Concurrent editors resolving conflicts through gunicorn: DATABASE_URL must name a
# PostgreSQL database (it is migrated first). Options: LOADTEST_ARGS="--clients 20 ...".
loadtest: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loadtest $(LOADTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var test-output
