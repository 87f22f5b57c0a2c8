# ANEF Séjour — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := postgresql poppler-utils chromium fonts-liberation fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 shared-mime-info
export DSFR_ACCEPT_LICENSE := 1

.PHONY: help deps venv node install lint format test test-fast run engine bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Debian packages (installed when root and missing; otherwise named)
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installation des paquets Debian : $$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || \
	      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; }; \
	  else \
	    echo "Paquets Debian manquants : $$missing (sudo apt-get install $$missing)"; exit 1; \
	  fi; \
	fi

# Libraries compiled to bytecode once here: where PYTHONDONTWRITEBYTECODE is set, every process
# would otherwise compile them again at each start (2 s of CPU for a service). Also for a venv
# made before this rule (hence the Makefile as a prerequisite; compileall skips what is compiled).
$(BIN)/.installed: requirements.lock Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	@$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null
	@touch $@

venv: $(BIN)/.installed ## Python virtual environment from requirements.lock

node_modules/.installed: package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The console's modeler (bpmn-js + properties panel ship ESM only): one bundle, gitignored.
MODELEUR := build/modeleur/modeleur.js
$(MODELEUR): node_modules/.installed services/backoffice/templates/console/modeleur.mjs
	@rm -rf build/modeleur
	@node_modules/.bin/esbuild services/backoffice/templates/console/modeleur.mjs --bundle --minify \
	  --format=iife --target=es2019 --outfile=$@ --log-level=warning --asset-names=[name]-[hash] \
	  --loader:.woff=file --loader:.woff2=file --loader:.ttf=file --loader:.eot=file --loader:.svg=file

node: node_modules/.installed $(MODELEUR) ## Node dependencies from package-lock.json, the modeler's bundle

install: deps venv node ## Everything the project needs

lint: venv node ## ruff, mypy, import-linter and bpmnlint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	node scripts/bpmnlint.mjs bpmn/*.bpmn

format: venv ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install lint ## Linters and the whole test suite, starting what it needs
	@mkdir -p var
	$(BIN)/pytest --junitxml=var/test-results.xml $(PYTEST_ARGS)

run: install ## The whole stack on this machine (Ctrl-C stops it)
	@mkdir -p var
	$(BIN)/python -m scripts.stack

engine: venv ## The embedded BPMN engine alone, in the foreground
	$(BIN)/python -m engine

bench: install ## Every benchmark; figures printed and written under bench/results/
	@mkdir -p bench/results
	@for b in bench/*_bench.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## Remove the local data (var/) — asks nothing, keeps the venv and build/
	rm -rf var
