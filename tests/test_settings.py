"""Configuration: strict environment parsing, production checks, migrations in step."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "p" * 20 + "roduction-secret-key-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "pgp.example.org",
    "DATABASE_URL": "postgres://pgp@127.0.0.1:5432/pgp",
    "PGP_CPR_KEY": "cHJvZHVjdGlvbi1saWtlLWNwci1rZXktMzItYnl0ZXM=",
}


def manage(*args, env=None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PGP_"))}
    clean.pop("DATABASE_URL", None)
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_check_deploy_with_production_settings_reports_nothing():
    # Against the suite's running PostgreSQL, as in production: Django's check of a generated
    # column (Visibility.name_key) asks the database for its version.
    result = manage("check", "--deploy", "--fail-level", "DEBUG",
                    env={**PRODUCTION, "DATABASE_URL": os.environ["DATABASE_URL"]})
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize("env", [{"DJANGO_DEBUG": "1"}, {}])
def test_makemigrations_is_clean(env):
    """Also with no environment at all: writing migrations needs no production secrets."""
    result = manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off"),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "short"}, "at least 50 characters"),
        ({k: v for k, v in PRODUCTION.items() if k != "PGP_CPR_KEY"}, "PGP_CPR_KEY must be set"),
        ({**PRODUCTION, "PGP_CPR_KEY": "too-short"}, "PGP_CPR_KEY must be 32 random bytes"),
        ({**PRODUCTION, "PGP_CPR_OLD_KEYS": "x"}, "PGP_CPR_OLD_KEYS must be 32 random bytes"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_DEBUG": "1", "DATABASE_URL": "mysql://x"}, "DATABASE_URL must start with"),
        ({**PRODUCTION, "DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS must list"),
        ({**PRODUCTION, "PGP_HSTS_SECONDS": "soon"}, "PGP_HSTS_SECONDS must be a whole number"),
        # Production refuses SQLite (no DATABASE_URL, or a sqlite:// one): issue 14.
        ({k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"},
         "SQLite is for DJANGO_DEBUG=1 only"),
        ({**PRODUCTION, "DATABASE_URL": "sqlite:///tmp/pgp.sqlite3"},
         "SQLite is for DJANGO_DEBUG=1 only"),
    ],
)
def test_bad_configuration_stops_with_one_clear_line(env, message):
    result = manage("check", env=env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert message in last_line


def test_no_database_url_means_a_sqlite_file():
    result = manage("shell", "-c", "from django.conf import settings; "
                    "print(settings.DATABASES['default']['ENGINE'])", env={"DJANGO_DEBUG": "1"})
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.sqlite3"


def test_the_apps_connections_run_without_jit(db):
    """docs/performance.md: the setting is the app's, so every deployment has it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_an_operators_own_jit_setting_in_the_database_url_wins():
    url = os.environ["DATABASE_URL"] + "?options=-c%20jit%3Don"
    result = manage("shell", "-c", "from django.db import connection; c = connection.cursor(); "
                    "c.execute('SHOW jit'); print(c.fetchone()[0])",
                    env={**PRODUCTION, "DATABASE_URL": url})
    assert result.stdout.strip().splitlines()[-1] == "on", result.stderr


def test_debug_is_off_unless_asked():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)",
                    env=PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_collectstatic_works_with_the_production_storage(tmp_path):
    env = {**PRODUCTION, "PGP_STATIC_ROOT": str(tmp_path)}
    result = manage("collectstatic", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("bootstrap/css/bootstrap.min.*.css"))


def test_production_pages_send_security_headers(client, db):
    response = client.get("/sign-in/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_with_patient_data_are_never_stored(alice_client, patient):
    from django.urls import reverse

    visit = patient.consultations.get()
    for url in (reverse("dashboard"), patient.get_absolute_url(),
                reverse("consultations:handout_pdf", args=[visit.public_id, "programme"])):
        cache = alice_client.get(url).headers["Cache-Control"]
        assert "no-store" in cache and "private" in cache, url


def test_production_turns_on_hsts_and_secure_cookies():
    script = ("from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
              "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG, "
              "s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)")
    result = manage("shell", "--no-imports", "-c", script, env=PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == (
        "31536000 True True True False __Host-sessionid __Host-csrftoken")


def test_pages_have_no_inline_script_or_style(alice_client, patient):
    import re

    from django.urls import reverse

    visit = patient.consultations.get()
    edit_page = alice_client.get(reverse("consultations:consultation_edit", args=[visit.public_id]))
    assert re.findall(r"<script\b[^>]*\bsrc=", edit_page.content.decode())  # htmx and ours
    for url in (reverse("dashboard"), patient.get_absolute_url(),
                reverse("consultations:consultation_edit", args=[visit.public_id]),
                reverse("consultations:progress", args=[patient.public_id]),
                reverse("education:library")):
        html = alice_client.get(url).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all(" src=" in tag for tag in scripts), url
        assert "<style" not in html and " style=" not in html, url
        assert " onclick=" not in html and "javascript:" not in html, url
