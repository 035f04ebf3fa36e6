# Cổng Thông tin Chính phủ: `make run` to try it, `make test` to test it. `make help` lists the rest.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The portal's public address: pages take theirs from the Site record, which `setup` points here,
# and the admin's mails from BASE_URL; `manage.py check` warns when the two differ.
export BASE_URL ?= http://$(HOST):$(PORT)
# Database, uploads and logs; the settings read the same place from PORTAL_VAR_DIR.
VAR ?= $(or $(PORTAL_VAR_DIR),var)
export PORTAL_VAR_DIR := $(abspath $(VAR))
SETUP_LOG := $(VAR)/setup.log

.DEFAULT_GOAL := help
.PHONY: help setup run test lint format messages clean bench bench-editor soak

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

# Each step's output (JSON logs included) goes to $(SETUP_LOG); a step that fails shows the end
# of it. What a newcomer needs is printed last: the address, the admin and the password file.
step = $(2) >>$(SETUP_LOG) 2>&1 || { \
	printf '\nLỗi khi %s. Cuối nhật ký %s:\n' "$(1)" "$(SETUP_LOG)"; tail -n 30 $(SETUP_LOG); exit 1; }

setup: $(VENV)/.installed ## Everything `run` does except serving: venv, migrations, demo content, picture sizes, admin
	@mkdir -p $(VAR)/uploads
	@echo "=== make setup, $$(date '+%F %T')" >>$(SETUP_LOG)
	@printf 'Chuẩn bị cổng (nhật ký chi tiết: %s): cơ sở dữ liệu' "$(SETUP_LOG)"
	@$(call step,cập nhật cơ sở dữ liệu,$(MANAGE) migrate --noinput)
	@printf ', nội dung mẫu'
	@$(call step,nạp nội dung mẫu,$(MANAGE) seed_demo)
	@$(call step,đặt địa chỉ trang,$(MANAGE) set_site --host $(HOST) --port $(PORT))
	@printf ', ảnh theo cỡ'
	@$(call step,tạo ảnh theo cỡ,$(MANAGE) generate_renditions)
	@printf ', tài khoản quản trị.\n'
	@$(call step,tạo tài khoản quản trị,$(MANAGE) ensure_admin)
	@grep -a -e '^Nội dung mẫu:' -e '^Đã tạo .* ảnh theo cỡ' $(SETUP_LOG) | tail -n 2
	@echo "Địa chỉ: http://$(HOST):$(PORT)/ (quản trị: http://$(HOST):$(PORT)/admin/)"
	@grep -a -i 'tài khoản quản trị: ' $(SETUP_LOG) | tail -n 1

# Beside the server, as in production: scheduled stories go live by `publish_scheduled` once a
# minute; the task worker sends mail (receipts, alerts) and runs the jobs the scheduler queues
# (core/queue.py, core/schedule.py). Their logs go to $(VAR)/worker.log.
run: setup ## Set up and serve the demo portal on SQLite at http://127.0.0.1:8000
	@echo "Cổng đang chạy tại http://$(HOST):$(PORT)/ (quản trị: http://$(HOST):$(PORT)/admin/); Ctrl+C để dừng."
	@(while sleep 60; do $(MANAGE) publish_scheduled >/dev/null; done) & publisher=$$!; \
	$(MANAGE) db_worker --backend queue --queue-name '*' --interval 1 >>$(VAR)/worker.log 2>&1 & worker=$$!; \
	$(MANAGE) run_scheduler >>$(VAR)/worker.log 2>&1 & scheduler=$$!; \
	trap 'kill $$publisher $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# On both cores (pytest-xdist). The browser and server tests are marked for one worker each, hence
# --dist loadgroup, though under pytest 9.2 the marks are not applied (tests/servers.py says why).
# TEST_WORKERS=0 runs in one process.
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
# for a short try. Writes bench/results.json and the table in docs/performance.md. Then the policy
# section's draft pages (bench/drafts.py): a draft, a comparison and an answer table of two
# 100-article versions, cache misses, each held to a p50 under 150 ms. Last, a simulated day
# (bench/day.py): Zipf readers while stories are published and comments moderated, the page
# cache's hit ratio with and without cache tags; DAY_ARGS=--quick for a short one. Then the
# alerts' fan-out (bench/alerts.py): one event for a policy followed by 100,000 subscribers, sent
# by two db_worker processes to a local SMTP server, on a scratch database of its own;
# ALERTS_ARGS=--quick for 5,000. Last, a live page's changes endpoint (bench/live.py): 2,000
# readers polling it while updates are posted, and the delay from posting to a poller seeing it;
# LIVE_ARGS=--quick for 6 posts.
bench: $(VENV)/.installed-dev ## Measure req/s, latency, queries and memory against Django and nginx floors
	$(PY) -m bench.run $(BENCH_ARGS)
	$(PY) -m bench.drafts
	$(PY) -m bench.day $(DAY_ARGS)
	$(PY) -m bench.alerts $(ALERTS_ARGS)
	$(PY) -m bench.live $(LIVE_ARGS)

# A scratch SQLite portal in var/bench/editor-entry/ under runserver, and Debian's chromium.
bench-editor: $(VENV)/.installed-dev ## Time entering a 30-paragraph article with 4 photos in the admin
	$(PY) -m bench.editor_entry

# Two gunicorn instances on DATABASE_URL (PostgreSQL) and REDIS_URL, both required; one is killed
# and restarted halfway. SOAK_SECONDS=120 for a short try. Writes bench/soak-results.json and the
# table in docs/reliability.md.
soak: $(VENV)/.installed-dev ## 10 minutes of mixed load on two app processes, one killed midway
	$(PY) -m bench.soak $(SOAK_ARGS)

messages: $(VENV)/.installed ## Compile locale/vi/LC_MESSAGES/django.po after editing it (needs gettext)
	$(MANAGE) compilemessages -l vi --ignore=.venv --ignore=var

clean: ## Remove the virtualenv and everything in var/ (database, uploads, logs)
	rm -rf $(VENV) $(VAR)
