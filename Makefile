# The two commands: `make run` and `make test`. Everything else is a step they take.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PO := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test install translations messages lint format clean

run: install translations
	$(FLASK) db upgrade
	$(FLASK) skills load
	$(FLASK) guidance load-topics
	$(FLASK) places load --if-empty
	$(FLASK) content sync
	$(FLASK) data demo
	$(FLASK) search sync
	$(FLASK) run --host 127.0.0.1 --port 5000

# One pytest-xdist worker per core; worksteal hands a worker that ran out of tests some of
# the other's, so the two finish together. `.venv/bin/pytest FILE` runs a file in one process.
test: install translations
	$(BIN)/pytest -n auto --dist worksteal

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

translations: $(MO)

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

# Re-extract the strings and merge them into the catalogues (a developer's step).
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 -o app/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python scripts/english_catalogue.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(MO)
