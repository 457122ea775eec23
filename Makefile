# Two commands do everything: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The first interpreter >= 3.12 found on PATH (pyenv shims included, whose unselected
# versions fail the check and are passed over).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; \
	done)

# The targets here are for development: debug mode, and with it the development secret key
# (production sets DEBUG=0 and SECRET_KEY itself; see README.md).
export DEBUG ?= 1

.PHONY: run test install migrate demo serve lint check pytest e2e-deps worker beat stack clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 eller senare behövs (python3.12/python3.13)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

serve: demo
	$(PY) manage.py runserver 127.0.0.1:8000

run: serve

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

pytest: install
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

test: lint check pytest

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
e2e-deps:
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

worker: install
	$(VENV)/bin/celery -A ekonomi worker -l info

beat: install
	$(VENV)/bin/celery -A ekonomi beat -l info

# The whole stack at once against PostgreSQL and Redis, as production runs it: the web process,
# one worker and exactly one beat (README: run-book). Ctrl-C stops all three. The web process is
# the development server here, which serves the static files in debug mode; production runs
# gunicorn. Override STACK_DATABASE_URL / STACK_REDIS_URL for other servers.
STACK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ekonomi
STACK_REDIS_URL ?= redis://127.0.0.1:6379/0
stack: install
	@mkdir -p var
	export DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL); \
	$(PY) manage.py migrate --noinput && $(PY) manage.py load_demo && \
	{ trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py runserver 127.0.0.1:8000 & \
	  $(VENV)/bin/celery -A ekonomi worker -l info & \
	  $(VENV)/bin/celery -A ekonomi beat -l info --schedule var/celerybeat-schedule & \
	  wait; }

clean:
	rm -rf $(VENV) db.sqlite3 var
