#!/usr/bin/env python3
"""The load benchmark (make bench-load SIZE=1k|100k|1m, or several: SIZE="1k 1m").

For each size: a PostgreSQL cluster kept in /work/bench-pg-<size> (built once by
`manage.py bench_build`; later runs reuse it and only migrate), the app under gunicorn with
production settings (4 sync workers) on 127.0.0.1, ten users signed in through the sign-in
form, then one phase per page in which all users request that page with no think time.
Prints p50/p95 per page and its throughput ÷ the floor's (a bare view through the same
middleware), with two sizes the large ÷ small ratio; writes artifacts/bench-load-*.json.

The machine's load average is recorded beside each run: on a shared machine the figures are
noisy. With --database-url the cluster step is skipped (the suite's smoke test).
"""

import argparse
import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
PROD_ENV = {
    "DJANGO_SECRET_KEY": "bench-only-secret-key-that-is-long-enough-for-django-checks-0123",
    "PGP_CPR_KEY": "YmVuY2gtb25seS1jcHIta2V5LWZvci1iZW5jaC1sZCE=",
    "PGP_HTTPS": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_DEBUG": "0",
    "PGP_BENCH_FLOOR": "1", "PGP_STATIC_ROOT": str(ROOT / "artifacts" / "bench-static"),
}
PAGES = ("floor", "dashboard", "patient_list", "patient_list_deep", "patient", "consultation",
         "progress", "search_cpr", "search_name", "draft_save", "sign")
# PostgreSQL settings of the benchmark cluster (the deployment recipe's, docs/performance.md).
PG_SETTINGS = ["shared_buffers=1GB", "effective_cache_size=4GB", "work_mem=16MB",
               "max_connections=50"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(root):
    """CPU seconds used so far by a process and all its descendants, live or ended (an ended
    child's time is in its parent's cutime/cstime once reaped): where the time under load goes."""
    def stat(pid):
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        fields = text[text.rindex(")") + 2:].split()
        return int(fields[1]), sum(int(f) for f in fields[11:15])  # ppid; utime stime cutime cstime

    stats = {int(d): stat(d) for d in os.listdir("/proc") if d.isdigit()}
    children = {}
    for pid, found in stats.items():
        if found:
            children.setdefault(found[0], []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if stats.get(pid):
            total += stats[pid][1]
            todo.extend(children.get(pid, []))
    return total / TICK


def as_postgres(args, **kwargs):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, **kwargs)


def pg_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return found[-1]


def start_cluster(size, extra_settings):
    """The size's persistent cluster, created on first use; returns (url, stop)."""
    # PGP_BENCH_DIR: where the clusters live (one engineer's clusters apart from another's).
    data = Path(os.environ.get("PGP_BENCH_DIR", "/work")) / f"bench-pg-{size}"
    bindir = pg_bin()
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if os.getuid() == 0:
            shutil.chown(data, "postgres")
        as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                     "-E", "UTF8", "--locale=C.UTF-8"], stdout=subprocess.DEVNULL)
    port = free_port()
    options = f"-h 127.0.0.1 -p {port} -k {data} " + " ".join(
        f"-c {s}" for s in PG_SETTINGS + extra_settings)
    as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w",
                 "-o", options, "start"], stdout=subprocess.DEVNULL)

    def stop():
        as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                    stdout=subprocess.DEVNULL)

    url = f"postgres://postgres@127.0.0.1:{port}/bench"
    exists = subprocess.run(
        [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-tAc",
         "SELECT 1 FROM pg_database WHERE datname = 'bench'"], capture_output=True, text=True)
    if exists.stdout.strip() != "1":
        subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U",
                        "postgres", "bench"], check=True)
    stop.pid = int((data / "postmaster.pid").read_text().split()[0])
    return url, stop


def manage(env, *args):
    started = time.monotonic()
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return round(time.monotonic() - started, 1)


def build(env, size):
    """Migrate, and fill the database once (its row count says whether it was)."""
    report = {"migrate_seconds": manage(env, "migrate", "--no-input", "-v0")}
    probe = subprocess.run(
        [PY, "manage.py", "shell", "-c",
         "from consultations.models import Patient; print(Patient.objects.exists())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    if not probe.stdout.strip().endswith("True"):
        report["build_seconds"] = manage(env, "bench_build", "--size", size)
    return report


def static_stale(root):
    """Collect (and compress) the static files only when ours changed since the last time."""
    manifest = Path(root) / "staticfiles.json"
    if not manifest.exists():
        return True
    newest = max(p.stat().st_mtime for p in (ROOT / "static").rglob("*") if p.is_file())
    return newest > manifest.stat().st_mtime


def targets(env, users):
    """What the users ask for: rows of the large practice, found through Django."""
    code = (
        "import json; from scripts.bench_targets import targets; "
        f"print(json.dumps(targets({users})))"
    )
    out = subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def history_size(url):
    """Rows in the change history and its size on disk (table, TOAST and indexes)."""
    import psycopg
    with psycopg.connect(url) as db:
        return db.execute("SELECT count(*), pg_total_relation_size('consultations_historyentry') "
                          "FROM consultations_historyentry").fetchone()


class Server:
    def __init__(self, env, workers=4):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "pgp_clinic.wsgi", "-w", str(workers),
             "-b", f"127.0.0.1:{self.port}", "--timeout", "120"],
            cwd=ROOT, env=env, stderr=open(ROOT / "artifacts" / "bench-gunicorn.log", "w"))
        import requests
        for _ in range(300):
            try:
                requests.get(self.base + "/sign-in/", timeout=10)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start (artifacts/bench-gunicorn.log)")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'<input[^>]*type="radio"[^>]*>')


class User:
    def __init__(self, base, username, password):
        import requests
        self.base, self.http = base, requests.Session()
        page = self.http.get(base + "/sign-in/")
        response = self.http.post(base + "/sign-in/", data={
            "username": username, "password": password,
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1)}, allow_redirects=False)
        if response.status_code != 302:
            raise RuntimeError(f"{username} could not sign in ({response.status_code})")
        self.drafts = []

    def csrf(self):
        return self.http.cookies.get("csrftoken")

    def get(self, path):
        return self.http.get(self.base + path, allow_redirects=False)

    def search(self, text):
        response = self.http.post(self.base + "/patients/", data={
            "q": text, "csrfmiddlewaretoken": self.csrf()}, allow_redirects=False)
        if response.status_code != 302:
            return response
        return self.http.get(self.base + response.headers["Location"], allow_redirects=False)

    def form(self, path):
        from tests.form_data import _FormParser  # what a browser sends (no Django settings)
        html = self.get(path).text
        parser = _FormParser("consultation-form")
        parser.feed(html)
        data = dict(parser.data.lists())
        for tag in RADIO.findall(html):  # red flags: none present, as the button would mark
            name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]+)"', tag)
            if name and value and value.group(1) == "absent":
                data[name.group(1)] = "absent"
        return data

    def save_draft(self, patient):
        data = self.form(f"/patients/{patient}/consultations/new/")
        data["action"] = "save"
        started = time.perf_counter()
        response = self.http.post(self.base + f"/patients/{patient}/consultations/new/",
                                  data=data, allow_redirects=False)
        if response.status_code == 302:
            self.drafts.append(response.headers["Location"])
        return response, time.perf_counter() - started

    def sign(self):
        if not self.drafts:
            return None, 0
        path = self.drafts.pop()
        data = self.form(path)
        data["action"] = "sign"
        started = time.perf_counter()
        response = self.http.post(self.base + path, data=data, allow_redirects=False)
        return response, time.perf_counter() - started


def request_for(page, user, target, i):
    """One request of the page; returns (response, seconds)."""
    pick = i % len(target["patients"])
    simple = {
        "floor": "/bench/floor/", "dashboard": "/", "patient_list": "/patients/",
        "patient_list_deep": target["deep_list"],
        "patient": f"/patients/{target['patients'][pick]}/",
        "consultation": f"/consultations/{target['consultations'][pick]}/",
        "progress": f"/patients/{target['patients'][pick]}/progress/",
    }
    if page == "draft_save":
        return user.save_draft(target["patients"][pick])
    if page == "sign":
        return user.sign()
    started = time.perf_counter()
    if page in simple:
        response = user.get(simple[page])
    elif page == "search_cpr":
        response = user.search(target["cprs"][pick % len(target["cprs"])])
    else:
        response = user.search(target["names"][pick % len(target["names"])])
    return response, time.perf_counter() - started


def phase(page, users, target, seconds, limit=None, watch=None):
    """All users ask for the page for a while with no think time. watch: {name: pid} of the
    processes whose CPU (with their children's) is recorded per request."""
    watch = watch or {}
    times, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def run(index, user):
        i = index * 7
        done = 0
        while time.monotonic() < deadline and (limit is None or done < limit):
            try:
                response, took = request_for(page, user, target, i)
            except Exception as error:  # noqa: BLE001 (counted, and the user goes on)
                with lock:
                    errors.append(type(error).__name__)
                i += 1
                continue
            i += 1
            if response is None:
                break
            done += 1
            with lock:
                if response.status_code >= 400 or (page in ("draft_save", "sign")
                                                   and response.status_code != 302):
                    errors.append(response.status_code)
                else:
                    times.append(took)

    started, client_cpu = time.monotonic(), time.process_time()
    cpu_before = {name: cpu_seconds(pid) for name, pid in watch.items()}
    threads = [threading.Thread(target=run, args=(n, u)) for n, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    # The load generator runs on the same two cores as the server: its own CPU (requests, and
    # for the saves the parsing of the form) is recorded, as cores' worth, beside the figures.
    client_cores = (time.process_time() - client_cpu) / elapsed
    cpu_ms = {name: round((cpu_seconds(pid) - cpu_before[name]) * 1000 / max(len(times), 1), 1)
              for name, pid in watch.items()}
    times.sort()
    return {
        "requests": len(times), "errors": len(errors), "error_codes": sorted(set(errors)),
        "p50_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(times[math.ceil(len(times) * 0.95) - 1] * 1000, 1) if times else None,
        "per_second": round(len(times) / elapsed, 2),
        "client_cores": round(client_cores, 2),
        # CPU ms per timed request of the app server (gunicorn and its workers) and of
        # PostgreSQL (the cluster's processes); for the saves, including the form's GET.
        **{f"cpu_ms_{name}": ms for name, ms in cpu_ms.items()},
    }


def run_size(size, args):
    # Production settings; keys already in the environment (the suite's) are kept.
    env = {**PROD_ENV, **os.environ, "DJANGO_DEBUG": "0", "PGP_BENCH_FLOOR": "1"}
    stop = None
    report = {"size": size}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env["DATABASE_URL"], stop = start_cluster(size, args.pg_setting)
    try:
        if not args.database_url:
            report.update(build(env, size))
        if static_stale(env["PGP_STATIC_ROOT"]):
            report["collectstatic_seconds"] = manage(env, "collectstatic", "--no-input", "-v0")
        target = targets(env, args.users)
        report["data"] = target["counts"]
        server = Server(env)
        try:
            users = [User(server.base, name, target["password"]) for name in target["users"]]
            report["load_before"] = os.getloadavg()
            report["pages"] = {}
            for page in PAGES:
                phase(page, users, target, args.warmup, limit=2)  # warm: caches, connections
                history = history_size(env["DATABASE_URL"])
                watch = {"app": server.process.pid, **({"db": stop.pid} if stop else {})}
                result = phase(page, users, target, args.seconds, watch=watch)
                if page in ("draft_save", "sign") and result["requests"]:
                    rows, grown = (a - b for a, b in zip(history_size(env["DATABASE_URL"]), history))
                    result["history_rows_per_request"] = round(rows / result["requests"], 1)
                    result["history_bytes_per_request"] = round(grown / result["requests"])
                report["pages"][page] = result
                print(f"  [{size}] {page:18} p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms"
                      f"  {result['per_second']}/s  errors {result['errors']}"
                      f"  client {result['client_cores']} cores  CPU ms/request app "
                      f"{result.get('cpu_ms_app')} db {result.get('cpu_ms_db')}", flush=True)
            report["load_after"] = os.getloadavg()
        finally:
            server.stop()
    finally:
        if stop:
            stop()
    floor = report["pages"]["floor"]["per_second"] or 1
    for result in report["pages"].values():
        result["throughput_vs_floor"] = round(result["per_second"] / floor, 3)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+")
    parser.add_argument("--seconds", type=float, default=15, help="per page")
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--database-url", help="an already filled database (no cluster)")
    parser.add_argument("--pg-setting", action="append", default=[],
                        help="extra PostgreSQL setting for the cluster, e.g. jit=off")
    parser.add_argument("--label", default="")
    parser.add_argument("--out", default=str(ROOT / "artifacts"),
                        help="a folder for the JSON result, or the result's own path (.json)")
    args = parser.parse_args()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    reports = [run_size(size, args) for size in args.sizes]
    result = {"label": args.label, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "cpus": os.cpu_count(), "users": args.users, "seconds_per_page": args.seconds,
              "pg_settings": PG_SETTINGS + args.pg_setting, "runs": reports}
    print()
    header = f"{'page':18}" + "".join(f" | p50 {r['size']:>4} | p95 {r['size']:>4} | ÷floor"
                                     for r in reports)
    if len(reports) > 1:
        header += f" | p95 {reports[-1]['size']}÷{reports[0]['size']}"
    print(header)
    ratios = {}
    for page in PAGES:
        line = f"{page:18}"
        for r in reports:
            p = r["pages"][page]
            line += f" | {p['p50_ms']!s:>8} | {p['p95_ms']!s:>8} | {p['throughput_vs_floor']:>6}"
        if len(reports) > 1:
            small, large = reports[0]["pages"][page]["p95_ms"], reports[-1]["pages"][page]["p95_ms"]
            ratios[page] = round(large / small, 2) if small and large else None
            line += f" | {ratios[page]}"
        print(line)
    result["p95_large_vs_small"] = ratios
    for r in reports:
        print(f"load average ({r['size']}): before {r.get('load_before')}, after {r.get('load_after')}")
    name = f"bench-load-{'-'.join(args.sizes)}{'-' + args.label if args.label else ''}.json"
    path = Path(args.out) if args.out.endswith(".json") else Path(args.out) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2))
    print(f"written {path}")
    return result


if __name__ == "__main__":
    main()
