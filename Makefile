# carsite: `make run` serves the demo, `make test` runs every check. `make help` lists the rest.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Optional local settings (see .env.example); real environment variables win.
-include .env
export

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Python 3.12+: pyenv's (honouring .python-version, i.e. 3.13) where present, else the newest on PATH.
PYTHON ?= $(shell for p in "$$(pyenv which python 2>/dev/null)" python3.13 python3.12 python3; do \
	[ -n "$$p" ] && command -v "$$p" >/dev/null 2>&1 && \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)

# Settings for local runs: DEBUG stays off (as in production) but a throwaway key is allowed.
RUN_ENV := DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-run-not-secret} DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}

.PHONY: help install run serve test test-fast chromium lint fmt migrations-check check-deploy css static messages seed admin lock clean bench bench-load bench-queue lighthouse prod-check prod-hammer html-check

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/lock.txt requirements/build.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyenv install 3.13)"; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
# xstatic-bootstrap ships only as a source package that needs setuptools' pkg_resources to build.
	$(PY) -m pip install --quiet --require-hashes -r requirements/build.lock
	$(PY) -m pip install --quiet --require-hashes --no-build-isolation -r requirements/lock.txt
	@touch $@

install: $(VENV)/.installed ## create .venv and install the pinned dependencies

css: install ## build the Bootstrap subset our templates use
	$(RUN_ENV) $(MANAGE) build_css

static: css ## collect static files (hashed names; gunicorn and the benchmarks serve these)
	$(RUN_ENV) $(MANAGE) collectstatic --noinput --verbosity 0

run: install css ## migrate, load the demo program, and serve http://127.0.0.1:8000 (with the task worker)
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) load_demo
	$(RUN_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	@$(RUN_ENV) $(MANAGE) create_admin --demo-coordinator
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)  Ctrl+C to stop."
	@# The task worker sends staff emails (printed on this console); the sweep re-queues unsent ones.
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(RUN_ENV) $(MANAGE) db_worker & \
	$(RUN_ENV) $(MANAGE) notify_sweep --loop 60 & \
	$(RUN_ENV) $(VENV)/bin/gunicorn carsite.wsgi -c carsite/gunicorn.py --no-control-socket --bind $(HOST):$(PORT)

# The compiled catalog is committed, so `make test` and deploys need no gettext; only this does.
I18N_IGNORE := --ignore=.venv --ignore=build --ignore=staticfiles
messages: install ## update the Spanish catalog (locale/es) from the code, then compile it (needs GNU gettext)
	@command -v msgfmt >/dev/null || { echo "This needs GNU gettext: sudo apt-get install gettext"; exit 1; }
	$(RUN_ENV) $(MANAGE) makemessages -l es $(I18N_IGNORE) --ignore=tests
	$(RUN_ENV) $(MANAGE) compilemessages -l es $(I18N_IGNORE)

seed: install ## load (or refresh) the demo program (migrate makes the staff groups)
	$(RUN_ENV) $(MANAGE) load_demo

admin: install ## create the admin account if missing and print its password
	$(RUN_ENV) $(MANAGE) create_admin

migrations-check: install ## fail if a model change has no migration
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run

# The production environment (a throwaway 64-character key): warnings fail too. EMAIL_HOST is
# set because production must send real email (without it, mail.E001 fails the check).
check-deploy: install ## `manage.py check --deploy` with production settings
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48)[:64])') \
	DJANGO_ALLOWED_HOSTS=cart.example.org DJANGO_HTTPS=true \
	DJANGO_CSRF_TRUSTED_ORIGINS=https://cart.example.org SITE_URL=https://cart.example.org \
	EMAIL_HOST=smtp.example.org \
	DJANGO_DEBUG=false $(MANAGE) check --deploy --fail-level WARNING

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install ## ruff fix and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# pytest-xdist: one worker per core (each with its own test database); PYTEST_WORKERS=0 runs in-process.
PYTEST_WORKERS ?= auto
PYTEST := $(RUN_ENV) DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

test: install css migrations-check check-deploy lint chromium ## migrations check, deploy check, ruff, and the whole pytest suite (browser and slow tests included)
	$(PYTEST) $(PYTEST_ARGS)

test-fast: css ## the inner loop: pytest without the browser and slow tests (load, fault, fuzz, subprocesses)
	$(PYTEST) -m "not e2e and not slow" $(PYTEST_ARGS)

# Debian's Chromium drives the browser tests (`playwright install` cannot download here). Where it
# is missing, install it as root or with passwordless sudo; otherwise say the one command to run.
CHROMIUM_PATH ?= /usr/bin/chromium
chromium: ## install Debian's chromium for the browser tests, if it is missing
	@test -x "$(CHROMIUM_PATH)" && exit 0; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; \
	echo "Installing Debian's chromium for the browser tests"; \
	$$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	test -x "$(CHROMIUM_PATH)" || { echo "Browser tests need Debian's chromium at $(CHROMIUM_PATH): sudo apt-get install chromium"; exit 1; }

lock: install ## re-resolve pyproject.toml into requirements/*.lock (needs uv)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile requirements/build.in --universal --generate-hashes --python-version 3.12 -o requirements/build.lock
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --universal --generate-hashes --python-version 3.12 -o requirements/lock.txt

clean: ## remove the virtualenv, collected static files and caches
	rm -rf $(VENV) staticfiles build .ruff_cache

bench: static ## throughput, latency, queries and page weight, measured with gunicorn + wrk (see README)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

bench-load: static ## 500 concurrent callback requests + 100 replays must lose nothing (BENCH_ARGS="--db postgres" …)
	$(VENV)/bin/python bench/load.py $(BENCH_ARGS)

bench-queue: static ## the coordinators' queue with 100,000 requests
	$(VENV)/bin/python bench/queue_bench.py $(BENCH_ARGS)

prod-check: static ## production as deployed (nginx + TLS, gunicorn, worker, sweep, PostgreSQL, Redis, SMTP), checked from outside with Mozilla's Observatory
	$(VENV)/bin/python deploy/prod_check.py $(PROD_CHECK_ARGS)

prod-hammer: static ## prod-check, plus 12 clients hammering the sign-in while the home page is timed
	$(VENV)/bin/python deploy/prod_check.py --hammer $(PROD_CHECK_ARGS)

html-check: css ## the Nu Html Checker (vnu.jar, pinned npm package; needs Java) on every public page and each staff sign-in step
	$(VENV)/bin/python bench/html_check.py

lighthouse: static ## Lighthouse (mobile) scores and LCP: home, journey, contacts, team, callback form (installs the pinned npm package)
	$(VENV)/bin/python bench/lighthouse.py
