# The commands CI and people run. `make demo` and `make test` install what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck check browser clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# torch first, as the CPU build (camel-tools needs torch; a plain install pulls a CUDA build)
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/kg build seeds --out out

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null; }

test: install
	$(BIN)/python -m pytest -p no:cacheprovider

lint: install
	$(BIN)/ruff check kg tests benchmarks

typecheck: install
	$(BIN)/mypy kg

check: lint typecheck test

clean:
	rm -rf out build *.egg-info .pytest_cache .mypy_cache .ruff_cache
