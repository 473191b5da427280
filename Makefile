# Parure: `make run` serves the demonstration department; `make test` runs every check.
VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOUND = $(shell scripts/find-python)
DEV_ENV := PARURE_DEBUG=1
TEST_ENV := DJANGO_SETTINGS_MODULE=tests.settings

.PHONY: run test test-slow lint bench lock clean

$(BIN)/python:
	@py="$$(scripts/find-python)" && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: $(BIN)/python requirements/base.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.base-installed requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/dev.txt
	@touch $@

run: $(VENV)/.base-installed
	$(DEV_ENV) $(BIN)/parure migrate --no-input
	$(DEV_ENV) $(BIN)/parure demo --if-empty
	@echo "Open http://127.0.0.1:8000/ and sign in with one of the logins above."
	$(DEV_ENV) $(BIN)/parure serve --host 127.0.0.1 --port 8000

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy parure
	$(TEST_ENV) $(BIN)/python -m django makemigrations --check --dry-run

# Across every core, one test file per worker at a time (--dist loadfile) so a module's shared data
# (tests/auctions/results_day.py) is built once; PYTEST_ARGS=-n0 runs serially.
PYTEST_PARALLEL ?= -n auto --dist loadfile

test: lint
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure here."; exit 1; fi; exit $$status

# The long property runs (marked slow, left out of `make test`) with a larger hypothesis budget:
# SLOW_EXAMPLES sequences of up to SLOW_STEPS custody actions each.
SLOW_EXAMPLES ?= 200
SLOW_STEPS ?= 60
test-slow: $(VENV)/.dev-installed
	PARURE_SLOW_EXAMPLES=$(SLOW_EXAMPLES) PARURE_SLOW_STEPS=$(SLOW_STEPS) \
	  $(BIN)/python -m pytest -m slow --hypothesis-profile=slow $(PYTEST_ARGS)

# The benchmarks need PostgreSQL: the local server unless DATABASE_URL names another (each script
# creates and drops its own throwaway database there).
BENCH_DATABASE_URL := postgres://postgres@127.0.0.1:5432/postgres

bench: $(VENV)/.dev-installed
	@export DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}"; \
	  for script in bench/*.py; do [ -f "$$script" ] || continue; echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

# Re-pin the dependencies after editing requirements/*.in (needs network access to PyPI).
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	cd requirements && ../$(BIN)/uv pip compile --quiet --universal --python-version 3.12 base.in -o base.txt
	cd requirements && ../$(BIN)/uv pip compile --quiet --universal --python-version 3.12 dev.in -o dev.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
