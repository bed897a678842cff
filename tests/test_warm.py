"""A gunicorn worker starts warm: the master (preload_app) imports every view and compiles the
templates before it forks (pgp_clinic/warm.py), without touching the database."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, sys
from pgp_clinic.wsgi import application
from django.db import connections
from django.template import engines
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "views": "pgp_clinic.urls" in sys.modules and "weasyprint" in sys.modules,
    "cached_templates": sorted(loader.get_template_cache),
    "database_touched": connections["default"].connection is not None,
}))
"""


def probe():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PGP_"))}
    # A database nothing listens on: the warm-up must not need one.
    env.update({**PRODUCTION, "DATABASE_URL": "postgres://pgp@127.0.0.1:9/nowhere",
                "DJANGO_SETTINGS_MODULE": "pgp_clinic.settings"})
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_wsgi_module_warms_the_process_without_the_database():
    warm = probe()
    assert warm["views"]
    assert not warm["database_touched"]
    for page in ("base.html", "consultations/patient_detail.html",
                 "bootstrap5/field.html"):
        assert page in warm["cached_templates"]
