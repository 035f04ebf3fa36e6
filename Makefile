# Cổng Thông tin Chính phủ: `make run` to try it, `make test` to test it. `make help` lists the rest.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help setup run test lint format messages clean bench soak

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# The virtualenv is rebuilt only when a requirements file changes. requirements-demo.txt holds
# what only the demo content needs (an ffmpeg to make the demo video); production skips it.
$(VENV)/.installed: requirements.txt requirements-demo.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-demo.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed ## Everything `run` does except serving: venv, migrations, demo content, picture sizes, admin
	mkdir -p var/uploads
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) generate_renditions
	$(MANAGE) ensure_admin

# Beside the server, scheduled stories go live by `publish_scheduled` once a minute, as in production.
run: setup ## Set up and serve the demo portal on SQLite at http://127.0.0.1:8000
	@echo "Cổng đang chạy tại http://$(HOST):$(PORT)/ (quản trị: http://$(HOST):$(PORT)/admin/)"
	@(while sleep 60; do $(MANAGE) publish_scheduled >/dev/null; done) & \
	scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# On both cores (pytest-xdist); the browser tests share one worker, and so do the tests that start
# servers (tests/servers.py), hence --dist loadgroup. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: $(VENV)/.installed-dev ## Set up and run every test (browser tests need Debian's chromium)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

lint: $(VENV)/.installed-dev ## Ruff lint and format check, and no missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed-dev ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production settings under gunicorn, on DATABASE_URL/REDIS_URL when set, else the SQLite demo of
# `make setup` and Redis db 5. Installs wrk and nginx from Debian when missing; BENCH_ARGS=--quick
# for a short try. Writes bench/results.json and the table in docs/performance.md.
bench: $(VENV)/.installed-dev ## Measure req/s, latency, queries and memory against Django and nginx floors
	$(PY) -m bench.run $(BENCH_ARGS)

# Two gunicorn instances on DATABASE_URL (PostgreSQL) and REDIS_URL, both required; one is killed
# and restarted halfway. SOAK_SECONDS=120 for a short try. Writes bench/soak-results.json and the
# table in docs/reliability.md.
soak: $(VENV)/.installed-dev ## 10 minutes of mixed load on two app processes, one killed midway
	$(PY) -m bench.soak $(SOAK_ARGS)

messages: $(VENV)/.installed ## Compile locale/vi/LC_MESSAGES/django.po after editing it (needs gettext)
	$(MANAGE) compilemessages -l vi --ignore=.venv --ignore=var

clean: ## Remove the virtualenv and everything in var/ (database, uploads)
	rm -rf $(VENV) var
