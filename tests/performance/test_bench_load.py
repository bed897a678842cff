"""make bench-load runs at the smallest size (a benchmark, not a test of its figures)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import global_settings
from django.core.management import call_command
from django.db import connection

from consultations.models import Consultation, Patient, Visibility

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_bench_load_builds_a_database_and_drives_every_page(tmp_path, settings):
    # The users sign in to a server with production settings: their real password hasher.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    call_command("bench_build", size="1k", trigger_sample=200, stdout=open(tmp_path / "log", "w"))
    assert 900 <= Consultation.objects.count() <= 1100
    # The bulk load fills the visibility rows the triggers would have written.
    assert Visibility.objects.filter(owner=True).count() == Patient.objects.count()
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    subprocess.run(
        [sys.executable, "scripts/bench_load.py", "1k", "--database-url", url, "--seconds", "0.5",
         "--warmup", "0.2", "--users", "2", "--out", str(tmp_path), "--label", "smoke"],
        cwd=ROOT, check=True, timeout=120)
    result = json.loads((tmp_path / "bench-load-1k-smoke.json").read_text())
    pages = result["runs"][0]["pages"]
    assert set(pages) == {"floor", "dashboard", "patient_list", "patient_list_deep", "patient",
                          "consultation", "progress", "search_cpr", "search_name",
                          "draft_save", "sign"}
    for name, page in pages.items():
        assert page["errors"] == 0, (name, page)
        assert page["requests"] > 0, name
        assert page["p95_ms"] >= page["p50_ms"] > 0
