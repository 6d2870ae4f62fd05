# skillsportal: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
DEMO_ENV := DEBUG=1 MFA_REQUIRED=0 DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 REDIS_URL=
DEMO_PERSONS ?= 3000
HOST ?= 127.0.0.1
PORT ?= 8000
DEBIAN_PACKAGES := python3-venv chromium fonts-thai-tlwg poppler-utils gettext postgresql

.PHONY: demo test check lint fmt migrations-check install system-deps messages run worker beat

## install: the virtualenv with pinned dependencies (re-run when requirements change)
install: $(VENV_STAMP)
$(VENV_STAMP): requirements.txt requirements-dev.txt
	python3.11 -m venv .venv || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## system-deps: Debian packages for browser tests, PDFs, catalogues and fault tests (chromium, Thai fonts, poppler, gettext, postgresql)
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## messages: compile the English catalogue locale/en/LC_MESSAGES/django.po to .mo (not committed)
messages: system-deps install
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0

## demo: the portal with demo data on SQLite and eager Celery, at http://127.0.0.1:8000/
demo: system-deps install messages
	$(DEMO_ENV) $(PY) manage.py migrate --no-input -v0
	$(DEMO_ENV) $(PY) manage.py load_framework
	@if ! $(DEMO_ENV) $(PY) manage.py shell -c "from agencies.models import Person; raise SystemExit(0 if Person.objects.exists() else 1)"; then \
	  $(DEMO_ENV) $(PY) manage.py seed_demo --persons $(DEMO_PERSONS) --demo-users --figures; \
	fi
	@echo; echo "skillsportal: http://$(HOST):$(PORT)/  (logins: admin, hr, viewer, outsider, staff; password demo-password-2569)"; echo "Ctrl+C stops it; the data stays in db.sqlite3 (delete the file to start afresh)."; echo
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

## test: lint, migrations check and the whole suite (PostgreSQL and Redis when they answer)
test: system-deps install messages lint migrations-check
	$(PY) -m pytest -q

check: test

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	DEBUG=1 .venv/bin/mypy

fmt: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

migrations-check: install
	DEBUG=1 DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run

## run / worker / beat: against the services named by DATABASE_URL and REDIS_URL
run: install messages
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install messages
	.venv/bin/celery -A skillsportal worker --loglevel=INFO

beat: install
	.venv/bin/celery -A skillsportal beat --loglevel=INFO
