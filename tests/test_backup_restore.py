"""Backup and restore, for real: dump, restore into a fresh database, same rows, same PDF."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.db import connection

from consultations.demo import load_demo
from education.handouts import render_handout_pdf

from .pdf_text import pdf_text

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def url_for(name):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{name}"


def row_counts():
    return {m._meta.db_table: m.objects.count() for m in apps.get_models()
            if m._meta.managed and not m._meta.proxy}


def test_dump_and_restore_keep_every_row_and_the_signed_record(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are for the PostgreSQL production database")
    seed = load_demo()
    signed = seed.consultations.filter(clinic=seed.clinic, status="signed").get()
    before = row_counts()
    expected_text = pdf_text(render_handout_pdf(signed, "summary", "da"), separator=" ")

    dump = tmp_path / "pgp.dump"
    source = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_URL": url_for(source)}
    subprocess.run([ROOT / "scripts" / "backup", "dump", dump], env=env, check=True)
    assert dump.stat().st_size > 10_000

    restored = f"{source}_restored"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        env["DATABASE_URL"] = url_for(restored)
        subprocess.run([ROOT / "scripts" / "backup", "restore", dump], env=env, check=True)
        script = (
            "import json; from django.apps import apps; "
            "from consultations.models import Consultation; "
            "from education.handouts import render_handout_pdf; "
            "from io import BytesIO; from pypdf import PdfReader; "
            f"c = Consultation.objects.get(public_id='{signed.public_id}'); "
            "pdf = render_handout_pdf(c, 'summary', 'da'); "
            "text = ' '.join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages); "
            "counts = {m._meta.db_table: m.objects.count() for m in apps.get_models() "
            "if m._meta.managed and not m._meta.proxy}; "
            "print(json.dumps({'counts': counts, 'text': text, 'status': c.status, "
            "'cpr': c.patient.cpr}))"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
            cwd=ROOT, env={**env, "DJANGO_DEBUG": "1"}, capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
        import json

        after = json.loads(result.stdout.strip().splitlines()[-1])
        assert after["counts"] == before
        assert after["status"] == "signed"
        assert after["text"] == expected_text
        assert after["cpr"] == seed.cpr  # the encrypted number reads back with the same key
    finally:
        connection.close()
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
