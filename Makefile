# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/1
PYTEST_ARGS ?=

.PHONY: install run test test-services test-fast static-checks lint check-deploy browser services bench messages

install: $(INSTALLED)

# The virtual environment follows the lock file exactly (uv installs what requirements.lock pins).
$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	@touch $@

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/uvicorn --app-dir site config.asgi:application --host $(HOST) --port $(PORT) --ws-per-message-deflate false

test: install browser static-checks
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test-services: install browser services
	DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

# Lint, types and migrations: part of `make test`, so CI enforces them.
static-checks: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy site action_research learning_network evaluation
	$(BIN)/python manage.py makemigrations --check --dry-run

# The suite without the browser tests, for a quick loop while coding.
test-fast: install
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

lint: static-checks check-deploy

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=check-deploy-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=tweedespoor.example.nl $(BIN)/python manage.py check --deploy --fail-level WARNING

# Browser tests drive Debian's Chromium; Playwright cannot download its own browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium: run 'sudo apt-get install chromium' and try again." >&2; exit 1; \
	  fi; }

# PostgreSQL and Redis at 127.0.0.1: started when they are down, or a clear failure (never a skip).
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  echo "PostgreSQL is not answering; starting it..."; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start 2>/dev/null; sleep 2; \
	  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running at 127.0.0.1:5432 and could not be started." >&2; exit 1; }; }
	@$(BIN)/python -c "import redis,sys; redis.Redis.from_url('$(SERVICES_REDIS_URL)').ping()" 2>/dev/null || { \
	  echo "Redis is not answering; starting it..."; \
	  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null 2>&1; sleep 1; \
	  $(BIN)/python -c "import redis; redis.Redis.from_url('$(SERVICES_REDIS_URL)').ping()" || { echo "Redis is not running at 127.0.0.1:6379 and could not be started." >&2; exit 1; }; }

bench: install
	$(BIN)/python bench/run.py
bench-live: install services ; $(BIN)/python bench/live.py

# Catalogues for site/ and templates/: makemessages runs from the repo root (it scans only the
# current tree) and writes to LOCALE_PATHS[0] = site/locale; the venv's catalogues stay untouched.
messages: install
	$(BIN)/python manage.py makemessages -l nl -l en --ignore ".venv/*" --ignore "*/migrations/*" --ignore "tests/*" --ignore "bench/*" --ignore "node_modules/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore ".venv" --ignore "node_modules"
