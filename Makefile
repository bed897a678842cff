# PGP Clinic: `make run` to try it, `make test` to prove it. See README.md.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
HOST := 127.0.0.1
PORT := 8000
# Settings for trying the app on this machine: SQLite, debug pages, demo sign-ins.
RUN_ENV := DJANGO_DEBUG=1 PGP_DEMO=1
# The test suite runs with production-like settings (DEBUG off) over plain HTTP on loopback.
TEST_ENV := DJANGO_SECRET_KEY=test-only-secret-key-that-is-long-enough-for-django-checks-0123 \
            PGP_CPR_KEY=dGVzdC1vbmx5LWNwci1rZXktZm9yLW1ha2UtdGVzdCE= \
            PGP_HTTPS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
            DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run test test-dates check deploy-check mutation install install-test messages handouts bench bench-load bench-record-pdf clean

run: install messages
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py load_demo
	@echo
	@echo "  PGP Clinic runs at http://$(HOST):$(PORT)/"
	@echo "  Sign in as demo-gp, demo-physio or demo-admin; password: demo-pgp-2026 (demo only)"
	@echo
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install-test messages
	$(TEST_ENV) scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

# The whole suite again with the clock on other days (UTC): a leap day, a year's last day, and
# half an hour past midnight in Copenhagen on New Year (UTC and local dates differ), by
# libfaketime, which also moves PostgreSQL's now() and the browser's Date: no test may
# depend on the day or hour it runs. Override with TEST_DATES='"…" "…"'.
TEST_DATES := "2028-02-29 12:00:00" "2027-12-31 12:00:00" "2027-12-31 23:30:00"
test-dates: install-test messages
	scripts/test-dates $(TEST_DATES) -- env $(TEST_ENV) scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

# Known vulnerabilities in the pinned dependencies: pip-audit, then PyPI's project feed for
# what pip-audit cannot reach (scripts/audit_dependencies.py). .ci/run calls this too.
check: install-test
	$(PY) scripts/audit_dependencies.py requirements-test.txt

# The production set-up on this machine (docs/deployment.md): a throwaway PostgreSQL, two gunicorn
# instances with gunicorn.conf.py and Caddy in front (its internal CA), all on loopback ports,
# checked from outside through HTTPS (scripts/deploy_check.py). Needs postgresql and caddy.
deploy-check: install messages
	$(PY) scripts/deploy_check.py

# Mutation testing (mutmut) of the clinical core and the workflows against each module's own
# fast unit tests, one module at a time; prints killed/total per module. Slow, so not part of
# `make test`. One module: make mutation MODULE=assessments/rules.py
mutation: install-test messages
	$(TEST_ENV) scripts/with-postgres $(PY) scripts/mutation.py $(MUTATION_ARGS) $(MODULE)

# Every handout of the demo seed case as PDF and as PNG pages, to look at.
handouts: install messages
	rm -rf artifacts/handouts artifacts/handouts.sqlite3 && mkdir -p artifacts
	$(RUN_ENV) PGP_SQLITE_FILE=artifacts/handouts.sqlite3 $(PY) manage.py migrate --no-input -v0
	$(RUN_ENV) PGP_SQLITE_FILE=artifacts/handouts.sqlite3 $(PY) manage.py render_handouts --out artifacts/handouts
	for pdf in artifacts/handouts/*.pdf; do pdftoppm -png -r 70 "$$pdf" "$${pdf%.pdf}"; done
	@ls artifacts/handouts

# Handout render time and size, and patient search over 10,000 women with encrypted CPR
# numbers (benchmarks that print figures, not tests).
bench: install messages
	mkdir -p artifacts
	$(RUN_ENV) PGP_SQLITE_FILE=artifacts/bench.sqlite3 $(PY) manage.py migrate --no-input -v0
	$(RUN_ENV) PGP_SQLITE_FILE=artifacts/bench.sqlite3 $(PY) manage.py bench_handouts --runs 30
	$(RUN_ENV) PGP_SQLITE_FILE=artifacts/bench.sqlite3 $(PY) manage.py bench_search --patients 10000
	$(RUN_ENV) scripts/with-postgres sh -c '$(PY) manage.py migrate -v0 && \
		$(PY) manage.py bench_search --patients 10000'

# The load benchmark of issue 12: a database of SIZE consultations (1k, 100k, 1m; several
# sizes give the ratio), kept in /work/bench-pg-<size> and built once, served by gunicorn with
# production settings; p50/p95 and throughput ÷ floor per page, JSON under artifacts/.
SIZE := 1k
BENCH_ARGS :=
bench-load: install-test messages
	$(PY) scripts/bench_load.py $(SIZE) $(BENCH_ARGS)

# Her full record with VISITS long signed consultations as a PDF (issue 12.7): the time as one
# render and as the app renders it (in parts), against a throwaway PostgreSQL.
VISITS := 200
bench-record-pdf: install-test messages
	$(RUN_ENV) scripts/with-postgres sh -c '$(PY) manage.py migrate -v0 && \
		$(PY) manage.py shell -c "from scripts.bench_record_pdf import main; main($(VISITS))"'

$(VENV)/.created:
	@PYTHON_BIN=$$(scripts/find-python) && echo "Using $$PYTHON_BIN" && "$$PYTHON_BIN" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

messages: install
	$(RUN_ENV) $(PY) manage.py compilemessages --ignore=$(VENV) -v0

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 artifacts
