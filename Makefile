# Insignia — everyday commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test worker setup migrate demo lint format constraints messages clean

# The virtualenv is rebuilt only when the pinned dependencies change, so a
# second `make run` starts in seconds.
$(STAMP): pyproject.toml requirements/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $@

setup: $(STAMP) node-deps

# Node packages for the independent verifiers used by the tests (Digital
# Bazaar's vc, jose); installed from the lock file when one exists.
.PHONY: node-deps
node-deps:
	@if [ -f tests/js/package-lock.json ]; then \
	  if [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules ]; then \
	    npm ci --silent --no-audit --no-fund --prefix tests/js && touch tests/js/node_modules; \
	  fi; \
	fi

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo

# Links in credentials, e-mails and the demo's printout follow the port served,
# unless PUBLIC_BASE_URL is set (`PORT=8001 make run` → http://127.0.0.1:8001).
run demo: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup
	@scripts/ensure-system-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Production-style worker: needs REDIS_URL (and DATABASE_URL) in the environment.
worker: $(STAMP)
	$(BIN)/celery -A config worker --beat --loglevel=INFO

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin the transitive dependencies after changing pyproject.toml.
constraints:
	rm -rf .venv-constraints && $(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --upgrade pip
	.venv-constraints/bin/python -m pip install --quiet -e ".[dev]"
	.venv-constraints/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements/constraints.txt
	rm -rf .venv-constraints

messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale lv --ignore '.venv*' --ignore node_modules --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --locale lv --ignore '.venv*'

clean:
	rm -rf $(VENV) db.sqlite3 media
