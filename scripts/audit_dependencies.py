"""Known vulnerabilities in our pinned dependencies (issue 6.8), run by `make check`.

1. pip-audit checks every pin of the requirements file against PyPI's vulnerability
   data (the per-release JSON, which PyPI fills from the OSV database).
2. A pin pip-audit could not check (its service unreachable, or a release page it
   cannot fetch) is looked up in PyPI's project feed instead. That feed lists the
   vulnerabilities of the project's *newest* release only, so it settles a pin only
   when the pin is that release; any other pin stays unchecked.
3. A known vulnerability, or a pin nobody could check, fails the run unless
   `scripts/audit-exceptions.toml` holds a dated, reasoned exception for it. One grace: a pin
   whose project released a newer version less than GRACE_DAYS ago is only warned about
   (SECURITY.md's shortest time frame; CI must not turn red the hour a release comes out).

pip-audit on its own reports "No known vulnerabilities found" even when it skipped
every pin; this script never counts a skipped pin as clean.

Exit status: 0 all clear, 1 a vulnerability or an unchecked pin, 2 a bad exceptions file.
"""

import argparse
import datetime
import json
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
PYPI = "https://pypi.org"
GRACE_DAYS = 7


@dataclass
class Finding:
    """What is known about one pinned dependency."""

    name: str
    version: str
    source: str = ""  # "pip-audit", "PyPI feed", or "" when nobody could check it
    vulns: list[dict] = field(default_factory=list)
    why_unchecked: str = ""
    trailing_days: float | None = None  # days since a newer release came out, if unchecked

    @property
    def checked(self):
        return bool(self.source)


class ExceptionsError(ValueError):
    pass


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_files(path):
    """The file and every file it includes with `-r`, includes first."""
    files = []
    for raw in Path(path).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r"):
            files += requirement_files(Path(path).parent / line[2:].strip())
    return files + [Path(path)]


def read_pins(path):
    """Every `name==version` of a requirements file, following `-r` includes."""
    pins = {}
    for file in requirement_files(path):
        for raw in file.read_text().splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("-r"):
                continue
            match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;]+)", line)
            if not match:
                raise SystemExit(f"{file}: not an exact pin: {line!r}")
            pins[canonical(match[1])] = match[3]
    return pins


def parse_pip_audit(report, pins):
    """Findings from pip-audit's JSON report; a skipped pin is left unchecked."""
    findings = {name: Finding(name, version, why_unchecked="not in pip-audit's report")
                for name, version in pins.items()}
    for dep in report.get("dependencies", []):
        finding = findings.get(canonical(dep["name"]))
        if finding is None:
            continue
        if "skip_reason" in dep:
            finding.why_unchecked = dep["skip_reason"]
        else:
            finding.source, finding.why_unchecked = "pip-audit", ""
            finding.vulns = [{"id": v["id"], "fix_versions": v.get("fix_versions", []),
                              "aliases": v.get("aliases", [])} for v in dep.get("vulns", [])]
    return findings


def run_pip_audit(requirements, pins):
    command = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip",
               "--progress-spinner", "off", "--aliases", "on", "-f", "json",
               *[arg for file in requirement_files(requirements) for arg in ("-r", str(file))]]
    # (pip-audit with --disable-pip does not follow `-r` inside a file: pass each one.)
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        report = {"dependencies": [{"name": n, "skip_reason": f"pip-audit failed: {last}"}
                                   for n in pins]}
    return parse_pip_audit(report, pins)


def feed_verdict(finding, feed):
    """Settle an unchecked pin from PyPI's project feed (`/pypi/<name>/json`)."""
    newest = feed["info"]["version"]
    try:
        same = Version(newest) == Version(finding.version)
    except InvalidVersion:
        same = newest == finding.version
    if not same:
        finding.why_unchecked += (f"; PyPI's feed lists vulnerabilities of the newest release "
                                  f"({newest}) only, not of {finding.version}")
        finding.trailing_days = _days_since_first_newer_release(feed, finding.version)
        return
    finding.source = "PyPI feed"
    seen = set()
    for v in feed.get("vulnerabilities", []):
        if v.get("withdrawn") or v["id"] in seen:
            continue  # one advisory under several names (PYSEC, GHSA) is listed once
        seen.update([v["id"], *v.get("aliases", [])])
        finding.vulns.append({"id": v["id"], "fix_versions": v.get("fixed_in", []),
                              "aliases": v.get("aliases", [])})


def _days_since_first_newer_release(feed, version):
    """Days since the first (non-yanked, final) release after `version` was uploaded."""
    try:
        pinned = Version(version)
    except InvalidVersion:
        return None
    newer = []
    for text, files in feed.get("releases", {}).items():
        try:
            candidate = Version(text)
        except InvalidVersion:
            continue
        live = [f for f in files if not f.get("yanked")]
        if candidate > pinned and not candidate.is_prerelease and live:
            newer.append((candidate, min(datetime.datetime.fromisoformat(
                f["upload_time_iso_8601"].replace("Z", "+00:00")) for f in live)))
    if not newer:
        return None
    now = datetime.datetime.now(datetime.UTC)
    return (now - min(newer)[1]).total_seconds() / 86400


def fetch_feed(base, name):
    url = f"{base.rstrip('/')}/pypi/{name}/json"
    with urllib.request.urlopen(url, timeout=30) as response:  # nosec B310: fixed https or test loopback base
        return json.load(response)


def load_exceptions(path):
    """Dated, reasoned exceptions: `[[vulnerability]] id=…` or `[[unchecked]] package=…`."""
    if not Path(path).exists():
        return {}
    try:
        data = tomllib.loads(Path(path).read_text())
    except tomllib.TOMLDecodeError as error:
        raise ExceptionsError(f"{path}: {error}") from error
    unknown = set(data) - {"vulnerability", "unchecked"}
    if unknown:
        raise ExceptionsError(f"{path}: unknown table(s) {sorted(unknown)}")
    exceptions = {}
    for kind, key in (("vulnerability", "id"), ("unchecked", "package")):
        for entry in data.get(kind, []):
            subject = entry.get(key)
            if not isinstance(subject, str) or not subject.strip():
                raise ExceptionsError(f"{path}: a [[{kind}]] entry needs '{key}'")
            if not isinstance(entry.get("date"), datetime.date):
                raise ExceptionsError(f"{path}: {subject}: 'date' must be a date (2026-11-26)")
            if not isinstance(entry.get("reason"), str) or len(entry["reason"].strip()) < 20:
                raise ExceptionsError(f"{path}: {subject}: 'reason' must say why (20+ characters)")
            name = subject if kind == "vulnerability" else f"unchecked:{canonical(subject)}"
            exceptions[name] = entry
    return exceptions


def problems(findings, exceptions):
    """Lines that fail the audit, lines that an exception covers, and warnings."""
    failing, excepted, warned = [], [], []
    for f in sorted(findings.values(), key=lambda f: f.name):
        if not f.checked:
            line = f"{f.name} {f.version}: not checked ({f.why_unchecked})"
            entry = exceptions.get(f"unchecked:{f.name}")
            if entry is None and f.trailing_days is not None and f.trailing_days < GRACE_DAYS:
                warned.append(f"{line} -- a newer release came out {f.trailing_days:.1f} days "
                              f"ago: upgrade within {GRACE_DAYS} days")
                continue
            (excepted if entry else failing).append(_with(line, entry))
        for vuln in f.vulns:
            line = (f"{f.name} {f.version}: {vuln['id']} "
                    f"{' '.join(vuln['aliases'])} fixed in {', '.join(vuln['fix_versions']) or '?'}")
            entry = next((exceptions[i] for i in [vuln["id"], *vuln["aliases"]] if i in exceptions),
                         None)
            (excepted if entry else failing).append(_with(line, entry))
    return failing, excepted, warned


def _with(line, entry):
    return f"{line} -- exception of {entry['date']}: {entry['reason']}" if entry else line


def audit(requirements, exceptions_path, feed_base=PYPI, use_pip_audit=True):
    pins = read_pins(requirements)
    try:
        exceptions = load_exceptions(exceptions_path)
    except ExceptionsError as error:
        print(f"audit: {error}")
        return 2
    if use_pip_audit:
        findings = run_pip_audit(requirements, pins)
    else:
        findings = {name: Finding(name, version, why_unchecked="pip-audit not run")
                    for name, version in pins.items()}
    skipped = [f for f in findings.values() if not f.checked]
    for finding in skipped:
        try:
            feed_verdict(finding, fetch_feed(feed_base, finding.name))
        except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
            finding.why_unchecked += f"; PyPI feed unavailable: {error}"
    failing, excepted, warned = problems(findings, exceptions)

    by_source = {}
    for f in findings.values():
        by_source.setdefault(f.source or "not checked", []).append(f.name)
    print(f"Dependency audit of {requirements} ({len(pins)} pinned packages)")
    if use_pip_audit and skipped:
        print(f"  pip-audit could not check {len(skipped)}, e.g. {skipped[0].why_unchecked[:160]}")
    for source, names in sorted(by_source.items()):
        print(f"  checked by {source}: {len(names)}" if source != "not checked"
              else f"  not checked: {len(names)} ({', '.join(sorted(names))})")
    for line in excepted:
        print(f"  EXCEPTED  {line}")
    for line in warned:
        print(f"  WARN      {line}")
    for line in failing:
        print(f"  FAIL      {line}")
    print("audit: no known vulnerabilities" if not failing
          else f"audit: {len(failing)} problem(s)")
    return 1 if failing else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="?", default=ROOT / "requirements-test.txt")
    parser.add_argument("--exceptions", default=ROOT / "scripts" / "audit-exceptions.toml")
    parser.add_argument("--feed", default=PYPI, help="PyPI base address (tests use loopback)")
    parser.add_argument("--no-pip-audit", action="store_true",
                        help="use only the project feed (the tests, which stay on loopback)")
    args = parser.parse_args(argv)
    return audit(Path(args.requirements).resolve(), Path(args.exceptions), args.feed,
                 use_pip_audit=not args.no_pip_audit)


if __name__ == "__main__":
    sys.exit(main())
