"""/healthz (issue 14.5): open without sign-in, no patient or user data, 503 naming the check
that failed; and the JSON log lines of production."""

import json
import logging

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from education.pdf import render_slot
from pgp_clinic import health
from pgp_clinic.json_logging import JsonFormatter

from .test_settings import PRODUCTION, manage


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


def test_healthy_without_sign_in_and_without_a_cookie(db, settings, tmp_path):
    settings.PDF_RENDER_LIMITS = {**settings.PDF_RENDER_LIMITS, "lock_dir": str(tmp_path)}
    response = Client().get("/healthz")
    assert response.status_code == 200 and not response.cookies
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "migrations": "ok", "pdf_slots": "ok (2 of 2 free)"}}
    assert "no-store" in response["Cache-Control"]


def test_answered_over_plain_http_where_everything_else_is_redirected(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/sign-in/").status_code == 301


def test_busy_render_slots_are_not_a_failure(db, settings, tmp_path):
    settings.PDF_RENDER_LIMITS = {**settings.PDF_RENDER_LIMITS, "lock_dir": str(tmp_path)}
    with render_slot(2, 0, str(tmp_path)), render_slot(2, 0, str(tmp_path)):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["pdf_slots"] == "ok (0 of 2 free)"


def test_an_unusable_slot_folder_fails(db, settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.PDF_RENDER_LIMITS = {**settings.PDF_RENDER_LIMITS,
                                  "lock_dir": str(tmp_path / "a-file" / "slots")}
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["pdf_slots"].startswith("failed")


def test_database_unreachable(db, monkeypatch):
    def gone():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", gone)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "checks": {
        "database": "failed: OperationalError", "migrations": "not checked",
        "pdf_slots": response.json()["checks"]["pdf_slots"]}}


def test_migrations_not_applied(db, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan",
                        lambda self, targets: [("a migration", False)])
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 not applied"


def test_a_security_event_is_one_json_object_with_its_fields():
    record = logging.LogRecord("pgp.security", logging.WARNING, __file__, 1,
                               json.dumps({"event": "sign_in_failed", "address": "10.0.0.7"}),
                               None, None)
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "sign_in_failed" and line["address"] == "10.0.0.7"
    assert line["level"] == "warning" and line["logger"] == "pgp.security" and "time" in line


def test_production_logs_json_and_a_bad_proxy_setting_stops_start_up():
    log = "import logging; logging.getLogger('x').warning('hej'); print('output')"
    command = manage("shell", "--no-imports", "-c", log, env=PRODUCTION)
    assert command.stdout.strip() == "output"  # a command's output stays clean
    assert json.loads(command.stderr.strip().splitlines()[-1])["message"] == "hej"
    server = manage("shell", "--no-imports", "-c", log,
                    env={**PRODUCTION, "PGP_LOG_STREAM": "stdout"})
    assert json.loads(server.stdout.strip().splitlines()[0])["message"] == "hej"
    bad = manage("check", env={**PRODUCTION, "PGP_TRUSTED_PROXIES": "10.0.0.1,proxy.local"})
    assert bad.returncode != 0
    assert "PGP_TRUSTED_PROXIES: not an address or CIDR block: 'proxy.local'" in (
        bad.stderr.strip().splitlines()[-1])
