# Xiaoneng 效能 — the two commands: `make run` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST  := $(PY) -m pytest

CONSOLE := console/dist/index.html
CONSOLE_SOURCES := $(shell find console/src console/public console/api-docs -type f 2>/dev/null) \
	console/index.html console/package.json console/package-lock.json console/vite.config.ts \
	console/tsconfig.json

.PHONY: install run test test-core test-ahead test-console test-browser test-unit \
	test-integration test-e2e faults cluster fuzz lint events vocabulary api bench parked clean

install: $(STAMP)

$(STAMP): pyproject.toml
	scripts/ensure-python.sh $(VENV)
	$(VENV)/bin/pip install -q --upgrade "pip<27"
	$(VENV)/bin/pip install -q -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

## The web console, built when its sources changed (the gateway serves it at /).
$(CONSOLE): $(CONSOLE_SOURCES)
	scripts/build-console.sh
	touch $@

## Start every service and the gateway on SQLite files under var/ (Ctrl-C stops).
run: install $(CONSOLE)
	scripts/ensure-rabbitmq.sh
	$(PY) -m xiaoneng.launcher

## The whole suite: the console's own tests (Vitest), then unit, integration (real
## RabbitMQ + database), e2e (processes) and browser (Chromium) tests.
## XIAONENG_TEST_DB=postgresql runs it on PostgreSQL (what .ci/run does).
test: install $(CONSOLE) test-console
	scripts/ensure-rabbitmq.sh
	scripts/ensure-browser.sh
	scripts/ensure-promtool.sh
	$(PYTEST) tests --ignore=tests/faults --ignore=tests/fuzz --ignore=tests/cluster

## Everything but the slow browser layer (.ci/run's second, SQLite pass).
test-core: install
	scripts/ensure-rabbitmq.sh
	scripts/ensure-promtool.sh
	$(PYTEST) tests --ignore=tests/browser --ignore=tests/faults --ignore=tests/fuzz \
		--ignore=tests/cluster

## test-core with every process's wall clock 400 days ahead (libfaketime): a test that
## passes only until some date fails now, not on that date (.ci/run's SQLite pass).
AHEAD ?= +400d
test-ahead: install
	scripts/ensure-rabbitmq.sh
	scripts/ensure-faketime.sh
	scripts/ensure-promtool.sh
	faketime -f "$(AHEAD)" $(PYTEST) tests --ignore=tests/browser --ignore=tests/faults \
		--ignore=tests/fuzz --ignore=tests/cluster

## Kill -9, broker and database restarts under a stream, on PostgreSQL (prints its figures).
faults: install
	scripts/ensure-rabbitmq.sh
	scripts/ensure-postgres.sh
	XIAONENG_TEST_DB=postgresql $(PYTEST) tests/faults -s

## The system on three RabbitMQ nodes of its own (ports 5681-5683), nodes killed under a
## stream, on PostgreSQL (prints its figures; stops and removes the nodes it made).
cluster: install $(CONSOLE)
	scripts/ensure-rabbitmq.sh
	scripts/ensure-postgres.sh
	XIAONENG_TEST_DB=postgresql $(PYTEST) tests/cluster -s

## Schemathesis over the gateway's OpenAPI document, anonymous and as every role (bounded).
fuzz: install
	scripts/ensure-rabbitmq.sh
	$(PYTEST) tests/fuzz -s

test-console: $(CONSOLE)
	cd console && npm test

test-browser: install $(CONSOLE)
	scripts/ensure-rabbitmq.sh
	scripts/ensure-browser.sh
	$(PYTEST) tests/browser

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

## docs/events.md again, from the code: who raises each event and who consumes it (a unit
## test fails while it is stale; `python -m xiaoneng.topology --graph` prints it as text).
events: install
	$(PY) -m xiaoneng.topology --markdown > docs/events.md.new
	mv docs/events.md.new docs/events.md

## console/src/vocabulary.ts again, from contracts/vocabulary.py: every enumeration's codes and
## Chinese labels, and the role groups (a unit test fails while it is stale).
vocabulary: install
	$(PY) -m xiaoneng.vocabulary --write

## The console's API types again, from the routes: console/openapi.json (the document the
## gateway serves), then console/src/api/schema.d.ts from it (openapi-typescript). A unit
## test and `npm test` fail while either is stale.
api: install
	$(PY) -m gateway.openapi > console/openapi.json.new
	mv console/openapi.json.new console/openapi.json
	cd console && npm run api

## Speed, beside raw pika and bare nameko in the same run, then the lists, to-do, statistics
## and exports over a province-sized data set (BENCHMARKS.md): ~12 minutes.
bench: install
	scripts/ensure-rabbitmq.sh
	scripts/ensure-postgres.sh
	$(PY) -m bench.run

## List parked (dead-lettered) messages; `make parked ARGS="replay --id X"` replays.
parked: install
	$(PY) -m chassis.parked $(or $(ARGS),list)

clean:
	rm -rf var .pytest_cache console/dist
