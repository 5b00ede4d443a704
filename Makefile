# ISCM Tracker. Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_PASSWORD ?= iscm-demo-2017

.PHONY: run test bench install install-dev lint format messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# axe-core for the accessibility browser tests (package-lock.json pins it; nothing here is served).
# Without npm, or offline, the accessibility tests are skipped (they fail in CI, whose .ci/run
# installs npm).
node_modules/axe-core/axe.min.js: package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  if npm ci --no-audit --no-fund --loglevel=error >/dev/null; then touch $@; \
	  else echo "npm ci failed (offline?): accessibility tests will be skipped (fail in CI)"; fi; \
	else echo "npm not found: accessibility tests will be skipped (apt-get install npm)"; fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/axe-core/axe.min.js

run: install
	@mkdir -p var/mail
	@# E-mails go to files under var/mail/ (unless EMAIL_HOST or EMAIL_BACKEND says otherwise), so
	@# the console ends with the address and the demo logins, not with the demo's notifications.
	@if [ -z "$${EMAIL_HOST}" ]; then \
	  export EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}"; \
	  export EMAIL_FILE_PATH="$${EMAIL_FILE_PATH:-$(CURDIR)/var/mail}"; fi; \
	export SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"; \
	$(PY) manage.py run_banner --url "http://127.0.0.1:$(PORT)/" --check-free && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py seed_demo --password '$(DEMO_PASSWORD)' --quiet-logins || exit 1; \
	$(PY) manage.py worker --verbosity 0 & worker=$$!; \
	$(PY) manage.py run_banner --url "http://127.0.0.1:$(PORT)/" --password '$(DEMO_PASSWORD)' \
	  & banner=$$!; \
	trap 'kill $$worker $$banner 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: install-dev
	$(PY) -m bench

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Translations: locale/fr/LC_MESSAGES/django.po is the source. Translators edit it with any PO
# editor (Poedit, Lokalize, Virtaal, a text editor); `make messages` adds the strings that are new
# in the code and templates (untranslated, or fuzzy where gettext guessed) and compiles django.mo.
# Commit both files; tests/test_translations.py fails on a missing or fuzzy French translation and
# on a django.mo that does not match the .po.
messages: install-dev
	$(PY) manage.py makemessages -l fr --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' \
	  --ignore 'load/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache .ruff_cache

# Production-like serving, and the bounded load and fault tests (never part of `make test`).
.PHONY: serve-prod load

serve-prod: install
	$(PY) scripts/serve_prod.py

$(VENV)/.installed-load: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[load]'
	touch $@

# Both parts run; the target fails if either does.
load: $(VENV)/.installed-load
	$(PY) -m load.run_load; status=$$?; $(PY) -m load.faults && exit $$status
