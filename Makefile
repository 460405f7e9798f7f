PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench package clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m infra.local_stack run

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

lint: $(STAMP)
	$(BIN)/ruff check .

package: $(STAMP)
	rm -rf .local/package .local/package-staff
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-me-central-1} $(BIN)/chalice package --stage prod --merge-template infra/api_responses.json .local/package
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-me-central-1} $(BIN)/chalice package --stage staff --merge-template infra/staff_stage.json .local/package-staff
	$(BIN)/cfn-lint .local/package/sam.json .local/package-staff/sam.json infra/resources.json

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .local
