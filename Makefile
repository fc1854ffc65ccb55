# The README's two commands: `make run` and `make test`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run test lint format migrate seed bench clean miniprogram previews

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# The mini-program's toolchain (jest, WeChat's compilers, eslint) and its miniprogram_npm, which
# WeChat DevTools reads; `npm ci` works offline once the npm cache holds the lock file's packages.
MP := miniprogram
MP_MODULES := $(MP)/node_modules/.installed
MP_NPM := $(MP)/miniprogram_npm/tdesign-miniprogram/index.js

$(MP_MODULES): $(MP)/package.json $(MP)/package-lock.json
	cd $(MP) && npm ci --no-audit --no-fund --loglevel=error
	chmod +x $(MP)/node_modules/miniprogram-compiler/bin/linux/*
	touch $@

$(MP_NPM): $(MP_MODULES)
	cd $(MP) && node scripts/build-npm.js
	touch $@

miniprogram: $(MP_NPM)

migrate: $(VENV)/.runtime
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed demo

# Not `flask run`: its request log carries client addresses (docs/threat-model.md).
run: seed
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory miniprogram; \
	else echo "npm not found: the mini-program's miniprogram_npm is not built (see docs/miniprogram.md)"; fi
	@echo ""
	@echo "  API:      http://$(HOST):$(PORT)/api/v1/districts"
	@echo "  API docs: http://$(HOST):$(PORT)/api/docs  (OpenAPI: /api/openapi.json)"
	@echo "  Console:  http://$(HOST):$(PORT)/console/  (demo admin passwords: printed above, once)"
	@echo "  WeChat:   the bundled fake (WECHAT_MODE=fake), started on first use"
	@echo "  Mini-program: open this folder in WeChat DevTools (docs/miniprogram.md)"
	@echo ""
	$(BIN)/python -m backend.app.devserver --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev $(MP_MODULES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd $(MP) && npx eslint .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The mini-program's suites: jest with a fake wx, then journeys against the real backend.
test: lint $(MP_NPM)
	$(BIN)/pytest
	cd $(MP) && PYTHON=$(abspath $(BIN)/python) npx jest --ci

# One PNG per page of the mini-program, rendered in headless Chromium -> docs/miniprogram/
previews: $(VENV)/.runtime $(MP_NPM)
	cd $(MP) && PYTHON=$(abspath $(BIN)/python) node scripts/previews.js

# Throughput of the busiest endpoints against floors on the same stack -> docs/benchmarks.md
# (needs PostgreSQL and Redis on this machine, and wrk; see bench/run.py for options).
bench: $(VENV)/.dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(MP)/node_modules $(MP)/miniprogram_npm
