# The two commands of the README: `make demo` and `make test`.
# Both start with `make setup`, which builds .venv once and again only when
# pyproject.toml or constraints.txt change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_RECEIVED ?= $(shell date +%F)
DEBIAN_PACKAGES := fonts-dejavu-core libreoffice-writer-nogui postgresql tesseract-ocr tesseract-ocr-vie

.PHONY: setup demo test eval lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt Makefile
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

DEMO_DB := out/congvan.db

demo: setup
	@mkdir -p out
	$(BIN)/congvan extract corpus/letters --out out/records --received $(DEMO_RECEIVED)
	$(BIN)/congvan ingest corpus/letters --db sqlite:///$(DEMO_DB) --received $(DEMO_RECEIVED) --quiet
	$(BIN)/congvan tasks --db sqlite:///$(DEMO_DB) --brief
	@echo "JSON records: out/records/   registry (SQLite): $(DEMO_DB)"
	@echo "next: $(BIN)/congvan tasks --db sqlite:///$(DEMO_DB) --overdue --assignee 'Sở Y tế'"

test: setup
	$(BIN)/python -m pytest
	@echo "registry tests again, on PostgreSQL:"
	tools/with_postgres.sh $(BIN)/python -m pytest tests/registry
	@if [ -d "$(SHARED)/corpus/gold" ]; then \
	  echo "accuracy gate on $(SHARED)/corpus (floors in eval_baseline.json):"; \
	  $(BIN)/congvan eval $(SHARED)/corpus/gold --text-dir $(SHARED)/corpus/text --baseline eval_baseline.json; \
	else echo "no $(SHARED)/corpus: accuracy gate skipped"; fi

eval: setup
	$(BIN)/congvan eval $(SHARED)/corpus/gold --text-dir $(SHARED)/corpus/text --verbose

lock: setup
	$(BIN)/pip freeze --exclude-editable | grep -v '^congvan' > constraints.txt

clean:
	rm -rf $(VENV) out
