# The README's two commands: `make run` and `make test`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run test lint format migrate seed bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.runtime
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed demo

# Not `flask run`: its request log carries client addresses (docs/threat-model.md).
run: seed
	@echo ""
	@echo "  API:      http://$(HOST):$(PORT)/api/v1/districts"
	@echo "  API docs: http://$(HOST):$(PORT)/api/docs  (OpenAPI: /api/openapi.json)"
	@echo "  Console:  http://$(HOST):$(PORT)/console/  (demo admin passwords: printed above, once)"
	@echo "  WeChat:   the bundled fake (WECHAT_MODE=fake), started on first use"
	@echo ""
	$(BIN)/python -m backend.app.devserver --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/pytest

# Throughput of the busiest endpoints against floors on the same stack -> docs/benchmarks.md
# (needs PostgreSQL and Redis on this machine, and wrk; see bench/run.py for options).
bench: $(VENV)/.dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
