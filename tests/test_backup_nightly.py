"""The nightly backup (scripts/backup nightly, run by deploy/systemd/pgp-clinic-backup.timer):
a dated, readable dump, and old dumps removed while the newest seven always stay."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from .test_backup_restore import url_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_nightly_dump_with_retention(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backups are for the PostgreSQL production database")
    long_ago = time.time() - 100 * 86400
    old = [tmp_path / f"pgp-clinic-2020010{day}-020000.dump" for day in range(1, 10)]
    for path in old:
        path.write_bytes(b"an old dump")
        os.utime(path, (long_ago, long_ago))
    recent = tmp_path / "notes.txt"  # not a dump: never touched
    recent.write_text("keep")

    env = {**os.environ, "DATABASE_URL": url_for(connection.settings_dict["NAME"])}
    result = subprocess.run([ROOT / "scripts" / "backup", "nightly", tmp_path, "35"], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    dumps = sorted(tmp_path.glob("pgp-clinic-*.dump"))
    new = dumps[-1]
    assert new not in old and new.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert not list(tmp_path.glob("*.partial"))
    # The newest seven stay however old they are: the new dump and the six latest old ones.
    assert dumps == old[-6:] + [new]
    assert recent.exists()
