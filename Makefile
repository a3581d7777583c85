# Opgavebord: `make run` starts the demo on SQLite, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests run with production settings (DEBUG off), minus HTTPS, which the test server lacks.
TEST_ENV := SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0

.PHONY: run test install lint format migrate demo vendor bench loadtest

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py demo

# Speed at city scale against PostgreSQL: every board in-process, and an HTTP load test.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

loadtest: $(VENV)/.installed-load
	$(BIN)/python scripts/loadtest.py

$(VENV)/.installed-load: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,load]"
	touch $@

# Refresh static/vendor/ from the versions pinned in package.json (needs npm; the app does not).
vendor:
	bash scripts/vendor-frontend.sh
