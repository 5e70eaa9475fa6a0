# everychild: `make run` to try it, `make test` to test it. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STATIC := src/everychild/static/build/everychild.css
export EVERYCHILD_HOME := $(CURDIR)

.PHONY: run test install static lint format bench clean

run: install static
	DEBUG=true $(BIN)/everychild migrate --no-input
	DEBUG=true $(BIN)/everychild demo --if-empty
	DEBUG=true $(BIN)/everychild demo --accounts
	DEBUG=true $(BIN)/everychild serve

# SQLite always; PostgreSQL as well when DATABASE_URL names one (.ci/run sets it).
test: install static
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	env -u DATABASE_URL $(BIN)/pytest -n 2 --dist loadgroup
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== again on $$DATABASE_URL"; \
		$(BIN)/pytest -n 2 --dist loadgroup; \
	fi

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

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install static
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) node_modules src/everychild/static/build staticfiles everychild.sqlite3*
