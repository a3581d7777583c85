# Opgavebord: `make run` starts the demo on SQLite (`make run PORT=8080` for another port),
# `make test` runs every test.
PYTHON ?= python3
# Set only on the command line (`make run HOST=0.0.0.0 PORT=8080`), never from a stray HOST or
# PORT in the environment, which some shells and platforms export for other purposes.
HOST := 127.0.0.1
PORT := 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests run with production settings (DEBUG off), minus HTTPS, which the test server lacks.
TEST_ENV := SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0

.PHONY: run test install messages catalogues lint format migrate demo vendor bench loadtest \
	storingstest

run: messages
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# tests/chromium.py says in one line when the browser tests cannot run (and how to fix it);
# it decides nothing here: the tests run either way, and conftest.py skips or refuses them.
# The tests run in one process per core (pytest-xdist, each with its own test database);
# `make test WORKERS=0` runs them in this process, handy for one test and for pdb.
WORKERS ?= auto
test: messages
	@$(BIN)/python tests/chromium.py
	$(TEST_ENV) $(BIN)/pytest -n $(WORKERS) $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# Translations: compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads. The
# .mo files are build output (not in git) and are rebuilt on every run and test, so a stale one
# never hides a missing translation. GNU msgfmt (Debian package gettext) checks the catalogues
# as it compiles; without it polib compiles them, so a fresh machine needs only Python.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules \
			--ignore=staticfiles; \
	else \
		echo "msgfmt not found (apt-get install gettext): compiling the catalogues with polib"; \
		$(BIN)/python -c 'import glob, polib; \
			[polib.pofile(po).save_as_mofile(po[:-2] + "mo") \
			 for po in glob.glob("locale/*/LC_MESSAGES/django.po")]'; \
	fi

# Collect new or changed texts from the code and templates into both catalogues; then fill in
# the English msgstr (and the Dutch one, the same as the msgid) in locale/*/LC_MESSAGES/django.po.
catalogues: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l nl -l en --add-location=file \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests

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
bench: messages
	$(BIN)/python scripts/bench.py

loadtest: $(VENV)/.installed-load
	$(BIN)/python scripts/loadtest.py

# The load test while every database connection is ended every few seconds: every write that
# got a 2xx is stored exactly once, none without one is stored, positions stay clean.
storingstest: $(VENV)/.installed-load
	$(BIN)/python scripts/storingstest.py

$(VENV)/.installed-load: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,load]"
	touch $@

# Refresh static/vendor/ from the versions pinned in package.json (needs npm; the app does not).
vendor:
	bash scripts/vendor-frontend.sh
