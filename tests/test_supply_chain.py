"""Static security analysis of our own code: bandit finds nothing of medium or high severity.

(Known vulnerabilities in dependencies are `make check`'s job: see
scripts/audit_dependencies.py and tests/test_dependency_audit.py.)
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["assessments", "clinics", "consultations", "education", "interop", "pgp_clinic",
            "scripts"]


def test_bandit_finds_no_medium_or_high_issue():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-r", *PACKAGES, "-x", "*/migrations/*",
         "-f", "json"],
        cwd=ROOT, capture_output=True, text=True,
    )
    report = json.loads(result.stdout)
    serious = [issue for issue in report["results"]
               if issue["issue_severity"] in ("MEDIUM", "HIGH")]
    assert serious == [], serious
    assert report["metrics"]["_totals"]["loc"] > 1000  # it really read our code
