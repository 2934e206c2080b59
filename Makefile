# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install messages migrate demo makemessages clean

run: install messages migrate demo ## Install, migrate, load the demo content and serve on :8000
	$(MANAGE) runserver $(HOST):$(PORT)

test: install messages ## The whole suite (SQLite by default, PostgreSQL with DATABASE_URL)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install ## Style and static checks
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run --noinput
	$(MANAGE) check

install: $(VENV)/.installed

# Reinstalls only when the pins change. The lock pins every transitive package.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt -c requirements.lock
	touch $@

messages: install ## Compile locale/*.po into .mo (pure Python: no gettext needed)
	$(MANAGE) compile_translations

migrate: install
	$(MANAGE) migrate --noinput

demo: install
	$(MANAGE) load_demo_content

# Each app keeps its own catalogue (<app>/locale); the core and the shared templates use locale/.
APPS := services partners practices
LANG_FLAGS := -l fr -l en -l es -l ko
makemessages: install ## Refresh the .po files from the code (needs GNU gettext)
	$(MANAGE) makemessages $(LANG_FLAGS) --no-location --ignore=".venv/*" --ignore="tests/*" \
		--ignore="bench/*" $(foreach app,$(APPS),--ignore="$(app)/*")
	for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages $(LANG_FLAGS) --no-location) || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
