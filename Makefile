# The commands CI and people run. `make demo` and `make test` install what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHECKS := /tmp/arabic-kg-checks

# What `make install` runs, one pip command each (check-install resolves the same three).
# camel-tools comes without its own dependencies: its metadata asks for torch, transformers and
# more (a CUDA torch of several GB from PyPI) that arabic-kg does not use; pyproject.toml lists
# what the parts of camel-tools that arabic-kg imports need. `pip install -e '.[camel]'` adds the rest.
PIP_SELF := --upgrade pip
PIP_PROJECT := -e '.[test]'
PIP_CAMEL := --no-deps camel-tools==1.6.0

# pip as a user's machine runs it: PyPI only, no pip.conf, no local wheel folder or constraints
PYPI_ONLY := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_NO_INDEX \
	-u PIP_CONSTRAINT -u PIP_PRE -u PIP_ONLY_BINARY -u PIP_NO_BINARY -u PIP_PREFER_BINARY \
	PIP_CONFIG_FILE=/dev/null
DRY_RUN := install --quiet --dry-run --ignore-installed --index-url https://pypi.org/simple

.PHONY: install demo test lint typecheck check check-install check-wheel browser clean model

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(PIP_SELF)
	$(BIN)/pip install --quiet $(PIP_PROJECT)
	$(BIN)/pip install --quiet $(PIP_CAMEL)
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/kg build seeds --out out

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null; }

test: install
	$(BIN)/python -m pytest -p no:cacheprovider

lint: install
	$(BIN)/ruff check kg tests benchmarks tools

typecheck: install
	$(BIN)/mypy kg

check: lint typecheck test

# Resolves `make install` from PyPI as a user's machine would and fails on GPU packages or torch.
check-install: install
	rm -rf $(CHECKS)/install && mkdir -p $(CHECKS)/install
	$(PYPI_ONLY) $(BIN)/pip $(DRY_RUN) --report $(CHECKS)/install/1-pip.json $(PIP_SELF)
	$(PYPI_ONLY) $(BIN)/pip $(DRY_RUN) --report $(CHECKS)/install/2-project.json $(PIP_PROJECT)
	$(PYPI_ONLY) $(BIN)/pip $(DRY_RUN) --report $(CHECKS)/install/3-camel-tools.json $(PIP_CAMEL)
	$(BIN)/python tools/check_install.py $(CHECKS)/install/*.json

# Builds the wheel from a copy of the tree, installs it with its dependencies into a fresh venv
# and builds the graph of seeds/ from another folder: the wheel must carry ontology/ and all data.
check-wheel: install
	rm -rf $(CHECKS)/wheel && mkdir -p $(CHECKS)/wheel/src $(CHECKS)/wheel/run
	tar -cf - --exclude=./.venv --exclude=./.git --exclude=./out --exclude=./build --exclude='*.egg-info' \
		--exclude=./tests/artifacts --exclude=__pycache__ . | tar -xf - -C $(CHECKS)/wheel/src
	$(BIN)/pip wheel --quiet --no-deps $(CHECKS)/wheel/src -w $(CHECKS)/wheel/dist
	$(PY) -m venv $(CHECKS)/wheel/venv
	$(CHECKS)/wheel/venv/bin/pip install --quiet $(CHECKS)/wheel/dist/arabic_kg-*.whl
	$(CHECKS)/wheel/venv/bin/pip install --quiet $(PIP_CAMEL)
	cd $(CHECKS)/wheel/run && env -u KG_ONTOLOGY_DIR $(CHECKS)/wheel/venv/bin/kg build $(CURDIR)/seeds --out o
	cd $(CHECKS)/wheel/run && env -u KG_ONTOLOGY_DIR $(CHECKS)/wheel/venv/bin/python \
		$(CURDIR)/tools/check_wheel.py $(CHECKS)/wheel/dist/arabic_kg-*.whl o

# Retrains the CRF mention recogniser from ../shared/corpora/ner (CI does not: the model is shipped)
model: install
	$(BIN)/python tools/train_ner.py

clean:
	rm -rf out build *.egg-info .pytest_cache .mypy_cache .ruff_cache
