# everychild: `make run` to try it, `make test` to test it. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STATIC := src/everychild/static/build/everychild.css
export EVERYCHILD_HOME := $(CURDIR)

.PHONY: run test test-frozen install static lint format bench clean

run: install static
	DEBUG=true $(BIN)/everychild migrate --no-input
	DEBUG=true $(BIN)/everychild demo --if-empty
	DEBUG=true $(BIN)/everychild demo --accounts
	DEBUG=true $(BIN)/everychild serve

# SQLite always; then again with the clock frozen (test-frozen); PostgreSQL as well when
# DATABASE_URL names one (.ci/run sets it). Each run prints its seed (EVERYCHILD_TEST_SEED).
test: install static
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	env -u DATABASE_URL $(BIN)/pytest -n 2 --dist loadgroup
	@$(MAKE) --no-print-directory test-frozen
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== again on $$DATABASE_URL"; \
		$(BIN)/pytest -n 2 --dist loadgroup; \
	fi

# The suite less the browser tests, on SQLite, with the clock started (ticking) at 00:05 in
# London on the next first working day after an England bank holiday; the header prints
# the instant. EVERYCHILD_FROZEN_CLOCK=2027-03-30T00:05 replays another. Left out: the demo
# generator's tests (half the time), whose borough has a fixed "today" of its own.
test-frozen: install static
	@echo "== again with the clock frozen"
	env -u DATABASE_URL EVERYCHILD_FROZEN_CLOCK=$${EVERYCHILD_FROZEN_CLOCK:-after-bank-holiday} \
		$(BIN)/pytest -n 2 --dist loadgroup -m "not browser" --ignore=tests/demo

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[test,dev]'
	touch $@

static: $(STATIC)

$(STATIC): package.json package-lock.json assets/build.mjs assets/everychild.scss
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install static
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) node_modules src/everychild/static/build staticfiles everychild.sqlite3*
