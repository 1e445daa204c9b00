# Xiaoneng 效能 — the two commands: `make run` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST  := $(PY) -m pytest

.PHONY: install run test test-unit test-integration test-e2e lint bench parked clean

install: $(STAMP)

$(STAMP): pyproject.toml
	scripts/ensure-python.sh $(VENV)
	$(VENV)/bin/pip install -q --upgrade "pip<27"
	$(VENV)/bin/pip install -q -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

## Start every service and the gateway on SQLite files under var/ (Ctrl-C stops).
run: install
	scripts/ensure-rabbitmq.sh
	$(PY) -m xiaoneng.launcher

## The whole suite: unit, integration (real RabbitMQ + database), e2e (processes).
## XIAONENG_TEST_DB=postgresql runs it on PostgreSQL (what .ci/run does).
test: install
	scripts/ensure-rabbitmq.sh
	$(PYTEST) tests

test-unit: install
	$(PYTEST) tests/unit

test-integration: install
	scripts/ensure-rabbitmq.sh
	$(PYTEST) tests/integration

test-e2e: install
	scripts/ensure-rabbitmq.sh
	$(PYTEST) tests/e2e

lint: install
	$(VENV)/bin/ruff check .

bench: install
	scripts/ensure-rabbitmq.sh
	$(PY) bench/events.py

## List parked (dead-lettered) messages; `make parked ARGS="replay --id X"` replays.
parked: install
	$(PY) -m chassis.parked $(or $(ARGS),list)

clean:
	rm -rf var .pytest_cache
