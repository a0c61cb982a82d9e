# The README's two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
STAMP := $(VENV)/.installed
TRANSLATIONS := marketplace/translations
CATALOGUES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

.PHONY: run serve test install translations i18n db-upgrade seed bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ 2>/dev/null || $(BIN)/pybabel compile -i $< -o $@

translations: $(COMPILED)

# Extract new strings and merge them into the vi and en catalogues (then translate vi).
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o $(TRANSLATIONS)/messages.pot --no-location --sort-output --no-wrap .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete --no-wrap
	$(BIN)/python -m marketplace.catalogues fill-en
	$(BIN)/python -m marketplace.catalogues check || true

db-upgrade: $(STAMP)
	$(BIN)/flask --app wsgi db upgrade

seed: db-upgrade
	$(BIN)/flask --app wsgi seed-demo --if-empty

run: translations seed
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

# Production: gunicorn with deploy/gunicorn.conf.py (README, "Deploying"). With APP_ENV=production
# unfit settings stop the start; `flask --app wsgi check-config` lists them beforehand.
serve: translations db-upgrade
	$(BIN)/flask --app wsgi serve

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json.
node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules

test: translations node_modules
	$(BIN)/pytest $(PYTEST_ARGS)

bench: translations
	$(BIN)/python bench/catalog.py

clean:
	rm -rf $(VENV) .pytest_cache $(COMPILED)
