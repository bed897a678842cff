"""The dependency audit (scripts/audit_dependencies.py) fails when it should.

`make check` runs it for real against PyPI; these tests stay on loopback: a small
server plays PyPI's project feed, so the audit meets vulnerable, outdated and clean pins.
"""

import datetime
import http.server
import importlib.util
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "audit_dependencies.py"

_spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

ADVISORY = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001", "GHSA-aaaa-bbbb-cccc"],
            "fixed_in": ["2.0.1"], "withdrawn": None, "summary": "x", "details": "x"}
ALIAS_OF_ADVISORY = {**ADVISORY, "id": "GHSA-aaaa-bbbb-cccc",
                     "aliases": ["CVE-2099-0001", "PYSEC-2099-1"]}
WITHDRAWN = {**ADVISORY, "id": "PYSEC-2099-9", "aliases": [], "withdrawn": "2099-01-01"}


def _uploaded(days_ago):
    when = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days_ago)
    return [{"upload_time_iso_8601": when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "yanked": False}]


FEED = {
    "clean-lib": {"info": {"version": "1.4.0"}, "vulnerabilities": []},
    "holey-lib": {"info": {"version": "2.0.0"}, "vulnerabilities": [ADVISORY, ALIAS_OF_ADVISORY]},
    "moved-on": {"info": {"version": "9.0"}, "vulnerabilities": [],
                 "releases": {"8.2": _uploaded(400), "8.3": _uploaded(30), "9.0": _uploaded(2)}},
    "just-released": {"info": {"version": "3.1"}, "vulnerabilities": [],
                      "releases": {"3.0": _uploaded(90), "3.1rc1": _uploaded(20),
                                   "3.1": _uploaded(2)}},
    "retracted": {"info": {"version": "1.0"}, "vulnerabilities": [WITHDRAWN]},
}


class Feed(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        name = self.path.removeprefix("/pypi/").removesuffix("/json")
        if name not in FEED:
            self.send_error(404)
            return
        body = json.dumps(FEED[name]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def feed():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def run(tmp_path, feed, pins, exceptions=""):
    (tmp_path / "base.txt").write_text("clean-lib==1.4.0\n")
    (tmp_path / "req.txt").write_text("-r base.txt\n" + "".join(f"{p}\n" for p in pins))
    (tmp_path / "exceptions.toml").write_text(exceptions)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "req.txt"), "--no-pip-audit",
         "--feed", feed, "--exceptions", str(tmp_path / "exceptions.toml")],
        capture_output=True, text=True, timeout=60,
    )
    return result.returncode, result.stdout


def test_clean_newest_pins_pass_and_includes_are_followed(tmp_path, feed):
    code, out = run(tmp_path, feed, ["retracted==1.0"])
    assert code == 0, out
    assert "(2 pinned packages)" in out
    assert "checked by PyPI feed: 2" in out
    assert "audit: no known vulnerabilities" in out


def test_a_known_vulnerability_fails_once_under_all_its_names(tmp_path, feed):
    code, out = run(tmp_path, feed, ["holey-lib==2.0.0"])
    assert code == 1
    assert out.count("FAIL") == 1, out
    assert "holey-lib 2.0.0: PYSEC-2099-1 CVE-2099-0001 GHSA-aaaa-bbbb-cccc fixed in 2.0.1" in out


def test_a_pin_behind_the_newest_release_is_unchecked_and_fails(tmp_path, feed):
    """8.3 came out 30 days after the pin: past the grace, even though 9.0 is only 2 days old."""
    code, out = run(tmp_path, feed, ["moved-on==8.2"])
    assert code == 1
    assert "FAIL      moved-on 8.2: not checked" in out
    assert "newest release (9.0) only" in out


def test_a_release_younger_than_the_grace_only_warns(tmp_path, feed):
    code, out = run(tmp_path, feed, ["just-released==3.0"])  # 3.1rc1 does not count
    assert code == 0, out
    assert "WARN      just-released 3.0: not checked" in out
    assert "came out 2.0 days ago: upgrade within 7 days" in out


def test_a_package_the_feed_does_not_know_is_unchecked_and_fails(tmp_path, feed):
    code, out = run(tmp_path, feed, ["nowhere-lib==1.0"])
    assert code == 1
    assert "nowhere-lib 1.0: not checked" in out and "PyPI feed unavailable" in out


def test_dated_reasoned_exceptions_let_the_run_pass_and_are_printed(tmp_path, feed):
    exceptions = """
[[vulnerability]]
id = "CVE-2099-0001"
date = 2026-11-26
reason = "Only the XML loader is affected and we never call it."

[[unchecked]]
package = "Moved_On"
date = 2026-11-26
reason = "Held on 8.x for the stack; 8.2 read against the changelog."
"""
    code, out = run(tmp_path, feed, ["holey-lib==2.0.0", "moved-on==8.2"], exceptions)
    assert code == 0, out
    assert out.count("EXCEPTED") == 2
    assert "exception of 2026-11-26: Only the XML loader" in out


@pytest.mark.parametrize("exceptions, message", [
    ('[[vulnerability]]\nid = "X-1"\nreason = "a reason that is long enough"\n', "'date'"),
    ('[[vulnerability]]\nid = "X-1"\ndate = 2026-11-26\nreason = "ok"\n', "'reason'"),
    ('[[unchecked]]\ndate = 2026-11-26\nreason = "a reason that is long enough"\n', "'package'"),
    ('[[vulnerabilty]]\nid = "X-1"\n', "unknown table"),
    ('[[vulnerability]\n', "exceptions.toml"),
])
def test_an_exception_without_date_or_reason_stops_the_audit(tmp_path, feed, exceptions, message):
    code, out = run(tmp_path, feed, ["holey-lib==2.0.0"], exceptions)
    assert code == 2
    assert message in out


def test_pip_audit_skips_are_never_counted_as_clean():
    """pip-audit says "No known vulnerabilities found" even when it skipped every pin."""
    report = {"dependencies": [
        {"name": "Django", "skip_reason": "Dependency not found on PyPI"},
        {"name": "pillow", "version": "13.0.0",
         "vulns": [{"id": "GHSA-x", "fix_versions": ["13.0.1"], "aliases": ["CVE-1"]}]},
    ], "fixes": []}
    findings = audit.parse_pip_audit(
        report, {"django": "6.1.3", "pillow": "13.0.0", "pytest": "9.2.0"})
    assert not findings["django"].checked
    assert findings["django"].why_unchecked == "Dependency not found on PyPI"
    assert not findings["pytest"].checked  # absent from the report: not clean either
    assert findings["pillow"].source == "pip-audit"
    failing, _excepted, _warned = audit.problems(findings, {})
    assert len(failing) == 3


def test_our_requirements_are_exact_pins_and_our_exceptions_are_well_formed():
    pins = audit.read_pins(ROOT / "requirements-test.txt")
    assert {"django", "weasyprint", "psycopg", "pip-audit", "bandit"} <= set(pins)
    audit.load_exceptions(ROOT / "scripts" / "audit-exceptions.toml")  # raises when malformed
