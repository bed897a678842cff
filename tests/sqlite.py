"""Run a script against a fresh, migrated SQLite database (the zero-setup `make run` set-up)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_sqlite(tmp_path, script):
    """Migrate a new SQLite file, run the script in `manage.py shell`, return its output."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_DEBUG": "1", "PGP_SQLITE_FILE": str(tmp_path / "app.sqlite3")})
    for command in (["migrate", "-v0"], ["shell", "--no-imports", "-c", script]):
        result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
