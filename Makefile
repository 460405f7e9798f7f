PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := web/node_modules/axe-core/axe.min.js

.PHONY: run test lint fuzz bench package site browser-tools clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

# The browser tier drives Debian's Chromium (never Playwright's own browser download) and injects axe-core from npm.
browser-tools: $(AXE)
	@test -x /usr/bin/chromium || (apt-get update -q && apt-get install -y -q chromium)

$(AXE): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --silent
	touch $(AXE)

run: $(STAMP)
	$(BIN)/python -m infra.local_stack run

site: $(STAMP)
	$(BIN)/python -m web.build

test: $(STAMP) browser-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

lint: $(STAMP)
	$(BIN)/ruff check .

STAGE ?= prod

# Refused before any prerequisite, so the answer never depends on the checkout's venv.
ifeq ($(STAGE),local)
package:
	@echo "refusing to package the local stage: its dev endpoints must never be deployed" >&2; exit 1
else
package: $(STAMP)
	rm -rf .local/package .local/package-staff
	PANEL_ORIGIN=$$($(BIN)/python -c 'from infra.cloud_template import prod; print(prod()["PUBLIC_BASE_URL"])') \
		$(BIN)/python -m web.build
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-me-central-1} $(BIN)/chalice package --stage prod --merge-template infra/api_responses.json .local/package
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-me-central-1} $(BIN)/chalice package --stage staff --merge-template infra/staff_stage.json .local/package-staff
	$(BIN)/cfn-lint .local/package/sam.json .local/package-staff/sam.json infra/resources.json infra/site.json infra/staff_site.json
endif

# The contract fuzzer at length: many more generated requests per operation than the run inside `make test`.
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-150} $(BIN)/python -m pytest -q -p no:cacheprovider -s tests/fuzz

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .local web/dist web/node_modules
