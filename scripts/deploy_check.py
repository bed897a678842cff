#!/usr/bin/env python3
"""make deploy-check: the production set-up, started here on loopback ports and checked from
outside, the way a browser meets it (issue 14.6 and 14.7).

A throwaway PostgreSQL; `migrate` and `collectstatic` as in docs/deployment.md; TWO gunicorn
instances with gunicorn.conf.py (as two app hosts would run); Caddy in front with the shipped
site block (deploy/caddy/pgp-clinic.caddy) and Caddy's internal CA for TLS, load-balancing
over both. Every request goes through Caddy over HTTPS, from 127.0.0.2 or 127.0.0.3 (loopback
addresses other than the proxy's own) so the client's address can be told from the proxy's.
Which instance answered is read from their access logs.

Run: .venv/bin/python scripts/deploy_check.py (make deploy-check). Needs the PostgreSQL server
binaries and caddy (apt-get install postgresql caddy). Exit status 0 when every check passed.
"""

import base64
import html.parser
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from clinics.totp import code_at, counter_at  # noqa: E402  (pure functions, no Django)

PYTHON = sys.executable
CLIENT, OTHER_CLIENT, SPOOFED = "127.0.0.2", "127.0.0.3", "203.0.113.9"
PASSWORD = "deploy-check-" + secrets.token_urlsafe(12)
TOTP_SECRET = base64.b32encode(secrets.token_bytes(20)).decode()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=30, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"deploy-check: a server stopped at start-up (port {port})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"deploy-check: nothing listens on port {port} after {seconds} s")


# --- PostgreSQL, as scripts/with-postgres makes it -------------------------------------------

class Postgres:
    def __init__(self, workdir):
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                         key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
        if not bindirs:
            raise SystemExit("deploy-check: PostgreSQL server binaries not found (apt-get "
                             "install postgresql)")
        self.bin, self.dir, self.port = bindirs[-1], workdir / "pg", free_port()
        self.dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        self._run("initdb", "-D", f"{self.dir}/data", "--no-sync", "-A", "trust", "-U",
                  "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        self._run("pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log", "-w", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F -c fsync=off", "start")

    def stop(self):
        try:
            self._run("pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop")
        except subprocess.CalledProcessError:
            pass


# --- HTTP through Caddy, from a chosen loopback address -------------------------------------

class Reply:
    def __init__(self, response, body, upstream):
        self.status, self.body, self.upstream = response.status, body, upstream
        self.headers = response.getheaders()

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Visitor:
    """A browser of sorts: one source address, its cookies, TLS trusting Caddy's local CA."""

    def __init__(self, stack, source):
        self.stack, self.source, self.cookies = stack, source, {}

    def _connection(self, scheme):
        source, port = self.source, (self.stack.https_port if scheme == "https"
                                     else self.stack.http_port)
        base = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        kwargs = {"context": self.stack.tls} if scheme == "https" else {}

        class Connection(base):
            def connect(self):
                sock = socket.create_connection(("127.0.0.1", port), 30, (source, 0))
                self.sock = (self._context.wrap_socket(sock, server_hostname="localhost")
                             if scheme == "https" else sock)

        return Connection("localhost", port, timeout=60, **kwargs)

    def request(self, method, path, data=None, scheme="https", headers=None):
        connection = self._connection(scheme)
        port = self.stack.https_port if scheme == "https" else self.stack.http_port
        sent = {"Accept-Language": "en", "Host": f"localhost:{port}",
                # A client claiming another address: Caddy must overwrite it.
                "X-Forwarded-For": SPOOFED, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.stack.origin
            sent["Referer"] = self.stack.origin + path
        marks = self.stack.log_marks()
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        reply = Reply(response, response.read(), None)
        connection.close()
        if scheme == "https":
            reply.upstream = self.stack.answered_by(marks, path)
        for cookie in reply.all("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or not value or value == '""':
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return reply

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def form(self, path, containing):
        reply = self.get(path)
        return reply, FormReader.read(reply.text, containing)


class FormReader(html.parser.HTMLParser):
    """The fields a browser would send for each POST form of a page (FormData): named inputs,
    checked boxes, the selected option of each select, textareas."""

    def __init__(self):
        super().__init__()
        self.forms, self.fields = [], None
        self.select = self.option = self.textarea = self.select_first = None
        self.chosen = False

    @classmethod
    def read(cls, text, containing):
        """The first POST form with a field of that name."""
        reader = cls()
        reader.feed(text)
        return next((form for form in reader.forms if any(k == containing for k, _ in form)), [])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.fields = []
            self.forms.append(self.fields)
        if self.fields is None:
            return
        kind = a.get("type", "text")
        if tag == "input" and a.get("name") and kind not in (
                "submit", "button", "file", "image", "reset"):
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((a["name"], a.get("value") or default))
        elif tag == "select" and a.get("name"):
            self.select, self.select_first, self.chosen = a["name"], None, False
        elif tag == "option" and self.select:
            self.option = [a.get("value"), ""]
            if "selected" in a and not self.chosen:
                self.chosen = True
                self.fields.append((self.select, a.get("value")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if self.fields is None:
            return
        if tag == "option" and self.option is not None:
            value = self.option[0] if self.option[0] is not None else self.option[1].strip()
            if self.select_first is None:
                self.select_first = value
            self.option = None
        elif tag == "select" and self.select:
            if not self.chosen and self.select_first is not None:
                self.fields.append((self.select, self.select_first))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.fields = None


def replace(fields, name, value):
    return [(k, value if k == name else v) for k, v in fields]


# --- The stack ---------------------------------------------------------------------------

class Stack:
    def __init__(self, workdir):
        self.work = workdir
        self.processes = []
        self.postgres = Postgres(workdir)
        self.http_port, self.https_port = free_port(), free_port()
        self.origin = f"https://localhost:{self.https_port}"
        self.app_ports = [free_port(), free_port()]
        self.logs = {port: workdir / f"gunicorn-{port}.log" for port in self.app_ports}
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PGP_"))},
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "PGP_CPR_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "DJANGO_ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": self.postgres.url,
            "PGP_HTTPS": "1", "PGP_BEHIND_PROXY": "1", "PGP_TRUSTED_PROXIES": "127.0.0.1",
            "PGP_STATIC_ROOT": str(workdir / "static"),
            "PGP_PDF_LOCK_DIR": str(workdir / "pdf-slots"),  # one machine: slots shared by both
            "PGP_WEB_WORKERS": "2", "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args, background=False, extra_env=None):
        started = time.monotonic()
        process = subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT,
                                   env={**self.env, **(extra_env or {})},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if background:
            return lambda: self._finish(process, args, started)
        return self._finish(process, args, started)

    def _finish(self, process, args, started):
        stdout, stderr = process.communicate()
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        if result.returncode:
            raise SystemExit(f"deploy-check: manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        print(f"  manage.py {args[0]}: {time.monotonic() - started:.0f} s", flush=True)
        return result.stdout

    def start(self):
        collectstatic = self.manage("collectstatic", "--no-input", "-v0", background=True)
        self.postgres.start()
        self.manage("migrate", "--no-input", "-v0")
        # Women to open and print (a real installation has none): the demo set-up's command.
        self.manage("load_demo", extra_env={"PGP_DEMO": "1"})
        self.patient = json.loads(self.manage("shell", "-c", USERS.format(
            password=PASSWORD, secret=TOTP_SECRET)).strip().splitlines()[-1])["patient"]
        collectstatic()
        for port in self.app_ports:
            self._spawn([PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py",
                         "--bind", f"127.0.0.1:{port}", "pgp_clinic.wsgi"],
                        self.logs[port], port)
        caddyfile = self.work / "Caddyfile"
        caddyfile.write_text(CADDY_GLOBAL.format(
            http=self.http_port, https=self.https_port, storage=self.work / "caddy",
            site=ROOT / "deploy" / "caddy" / "pgp-clinic.caddy"))
        caddy_env = {**self.env, "PGP_DOMAIN": "localhost", "HOME": str(self.work),
                     "PGP_UPSTREAMS": " ".join(f"127.0.0.1:{p}" for p in self.app_ports),
                     "XDG_DATA_HOME": str(self.work / "xdg"),
                     "XDG_CONFIG_HOME": str(self.work / "xdg")}
        self._spawn(["caddy", "run", "--config", str(caddyfile), "--adapter", "caddyfile"],
                    self.work / "caddy.log", self.https_port, env=caddy_env)
        root = self.work / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        deadline = time.monotonic() + 20
        while not root.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.tls = ssl.create_default_context(cafile=str(root))
        # The first handshake waits for Caddy to issue the certificate.
        for _ in range(50):
            try:
                Visitor(self, CLIENT).get("/healthz")
                break
            except (ssl.SSLError, ConnectionError):
                time.sleep(0.2)

    def _spawn(self, command, log, port, env=None):
        process = subprocess.Popen(command, cwd=ROOT, env=env or self.env,
                                   stdout=log.open("w"), stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append(process)
        wait_for_port(port, process=process)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.postgres.stop()

    # Which instance answered: the one whose access log gained the line for that path.
    def log_lines(self, port):
        lines = []
        for line in self.logs[port].read_text().splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
        return lines

    def log_marks(self):
        return {port: len(self.logs[port].read_text().splitlines()) for port in self.app_ports}

    def answered_by(self, marks, path):
        path = urlsplit(path).path
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            for port in self.app_ports:
                new = self.logs[port].read_text().splitlines()[marks[port]:]
                if any('"gunicorn.access"' in line and json.loads(line).get("path") == path
                       for line in new):
                    return port
            time.sleep(0.02)
        return None


CADDY_GLOBAL = """{{
	admin off
	default_bind 127.0.0.1
	http_port {http}
	https_port {https}
	local_certs
	skip_install_trust
	storage file_system {storage}
}}
import {site}
"""

# Two users of the demo GP clinic with an authenticator app set up (so sign-in asks for the
# code whether or not two-factor is required), and the seed-case woman of that clinic.
USERS = """
import json
from django.utils import timezone
from clinics.models import Clinic, Membership, TwoFactorDevice, User
from consultations.models import Patient
clinic = Patient.objects.get(first_name="Camilla").clinic
for name in ("check-gp", "check-probe"):
    user = User.objects.create_user(name, password="{password}", first_name="Check")
    Membership.objects.create(user=user, clinic=clinic, role=Membership.Role.GP)
    TwoFactorDevice.objects.create(user=user, secret="{secret}", confirmed_at=timezone.now())
print(json.dumps({{"patient": str(Patient.objects.get(first_name="Camilla").public_id)}}))
"""


# --- The checks -------------------------------------------------------------------------------

class Checks:
    def __init__(self, stack):
        self.stack, self.results = stack, []

    def check(self, name, ok, detail=""):
        self.results.append((name, bool(ok), detail))
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{f' ({detail})' if detail else ''}", flush=True)

    def sign_in(self, visitor, username, password):
        """Password, then the authenticator code; the replies in order."""
        page, fields = visitor.form("/sign-in/", "password")
        fields = replace(replace(fields, "username", username), "password", password)
        first = visitor.post("/sign-in/", fields)
        if first.status != 302 or not first.header("Location").endswith("/sign-in/code/"):
            return [page, first]
        _, code_fields = visitor.form("/sign-in/code/", "code")
        code = code_at(TOTP_SECRET, counter_at(time.time()))
        second = visitor.post("/sign-in/code/", replace(code_fields, "code", code))
        return [page, first, second]

    def run(self):
        s = self.stack
        browser = Visitor(s, CLIENT)

        plain = browser.get("/", scheme="http")
        self.check("plain HTTP is redirected to HTTPS",
                   plain.status in (301, 308) and (plain.header("Location") or "").startswith(
                       "https://localhost"), f"{plain.status} {plain.header('Location')}")

        health = browser.get("/healthz")
        body = json.loads(health.body) if health.status == 200 else {}
        self.check("/healthz answers 200 through the proxy, without sign-in or cookies",
                   health.status == 200 and body.get("status") == "ok"
                   and not health.all("Set-Cookie"), json.dumps(body.get("checks")))

        page = browser.get("/sign-in/")
        hsts = page.header("Strict-Transport-Security") or ""
        self.check("HSTS on HTTPS pages", "max-age=31536000" in hsts
                   and "includeSubDomains" in hsts, hsts)
        csrf = [c for c in page.all("Set-Cookie") if c.startswith("__Host-csrftoken=")]
        self.check("CSRF cookie is __Host-, Secure, Path=/, no Domain",
                   csrf and "Secure" in csrf[0] and "Path=/" in csrf[0]
                   and "domain=" not in csrf[0].lower(), csrf[0][:20] + "…" if csrf else "none")
        self.check("no server banner", page.header("Server") is None, page.header("Server") or "")

        self.static_files(browser, page.text)
        self.sessions_across_both(browser)
        self.drafts_across_both(browser)
        self.pdf(browser)
        self.lockout_and_logs()
        self.database_down(browser)

    def static_files(self, browser, sign_in_page):
        manifest = json.loads((Path(self.stack.env["PGP_STATIC_ROOT"]) / "staticfiles.json")
                              .read_text())["paths"]
        hashed = "/static/" + manifest["bootstrap/css/bootstrap.min.css"]
        css = browser.get(hashed)
        cache = css.header("Cache-Control") or ""
        self.check("static files with a long-lived, immutable cache", css.status == 200
                   and "max-age=315360000" in cache and "immutable" in cache
                   and hashed in sign_in_page, f"{hashed}: {cache}")

    def sessions_across_both(self, browser):
        replies = self.sign_in(browser, "check-gp", PASSWORD)
        signed_in = replies[-1].status == 302 and "__Host-sessionid" in browser.cookies
        session_cookie = [c for r in replies for c in r.all("Set-Cookie")
                          if c.startswith("__Host-sessionid=")]
        self.check("sign-in (password, then the authenticator code) through the proxy",
                   signed_in, " -> ".join(f"{r.status}@{r.upstream}" for r in replies[1:]))
        self.check("session cookie is __Host-, Secure, HttpOnly",
                   session_cookie and all(a in session_cookie[-1] for a in (
                       "Secure", "HttpOnly", "Path=/")), "")
        pages = [browser.get("/") for _ in range(4)]
        served = {p.upstream for p in pages}
        self.check("one session works on both app instances",
                   all(p.status == 200 and 'action="/sign-out/"' in p.text for p in pages)
                   and served == set(self.stack.app_ports)
                   and len(set(self.stack.app_ports)) == 2,
                   f"answered by {sorted(map(str, served))}")

    def drafts_across_both(self, browser):
        new = f"/patients/{self.stack.patient}/consultations/new/"
        page, fields = browser.form(new, "history_notes")
        # The pain rows the page offers (carried from her last visit) want a score today.
        offered = {k.removesuffix("-scale") for k, v in fields
                   if k.startswith("pain-") and k.endswith("-scale") and v}
        fields = [(k, "4" if k.removesuffix("-value") in offered and not v else v)
                  for k, v in fields]
        marker = f"Draft written through deploy-check {secrets.token_hex(4)}"
        first = browser.post(f"/patients/{self.stack.patient}/consultations/autosave/",
                             replace(fields, "history_notes", marker + " (1)"))
        saved = json.loads(first.body) if first.status == 200 else {}
        second = third = None
        if saved.get("status") == "saved":
            fields = replace(replace(fields, "history_notes", marker + " (2)"), "version",
                             str(saved["version"]))
            second = browser.post(saved["autosave_url"], fields)
            third = browser.get(saved["edit_url"])
        replies = [r for r in (first, second, third) if r is not None]
        ok = (third is not None and second.status == 200
              and json.loads(second.body).get("status") == "saved"
              and marker + " (2)" in third.text
              and {r.upstream for r in replies} == set(self.stack.app_ports))
        self.check("a draft autosaved on one instance, saved again and opened on the other", ok,
                   " -> ".join(f"{r.status}@{r.upstream}" for r in replies) or page.status)
        if not ok:
            print("    " + " | ".join(r.text[:300] for r in replies[:2]))

    def pdf(self, browser):
        started = time.monotonic()
        reply = browser.get(f"/patients/{self.stack.patient}/record.pdf")
        seconds = time.monotonic() - started
        self.check("a PDF rendered under gunicorn", reply.status == 200
                   and reply.header("Content-Type") == "application/pdf"
                   and reply.body.startswith(b"%PDF"),
                   f"{reply.status}, {len(reply.body)} bytes in {seconds:.1f} s")

    def lockout_and_logs(self):
        s = self.stack
        attacker = Visitor(s, CLIENT)
        _, fields = attacker.form("/sign-in/", "password")
        failures = [attacker.post("/sign-in/", replace(replace(
            fields, "username", "check-probe"), "password", "wrong-password")) for _ in range(5)]
        locked = attacker.post("/sign-in/", replace(replace(
            fields, "username", "check-probe"), "password", PASSWORD))
        self.check("five wrong passwords lock the user name from the client's address, "
                   "counted across both instances",
                   all(f.status == 200 for f in failures) and locked.status == 200
                   and "Too many failed attempts" in locked.text
                   and {f.upstream for f in failures} == set(s.app_ports),
                   f"failures answered by {sorted({str(f.upstream) for f in failures})}")
        other = self.sign_in(Visitor(s, OTHER_CLIENT), "check-probe", PASSWORD)
        self.check("the same user from another client address is not locked out",
                   other[-1].status == 302 and other[-1].header("Location") == "/", " -> ".join(
                       str(r.status) for r in other[1:]))
        # Straight to an app instance, around the proxy, from an address it does not trust:
        # neither the forged address nor the forged "https" is believed.
        port = s.app_ports[0]
        marks = s.log_marks()
        direct = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                            source_address=(OTHER_CLIENT, 0))
        direct.request("GET", "/sign-in/", headers={
            "Host": "localhost", "X-Forwarded-For": SPOOFED, "X-Forwarded-Proto": "https"})
        response = direct.getresponse()
        response.read()
        direct.close()
        s.answered_by(marks, "/sign-in/")
        seen = [line.get("address") for line in s.log_lines(port)[marks[port]:]
                if line.get("logger") == "gunicorn.access"]
        self.check("around the proxy, a forged X-Forwarded-For and X-Forwarded-Proto are ignored",
                   response.status == 301 and seen == [OTHER_CLIENT],
                   f"{response.status} to {response.getheader('Location')}, logged as {seen}")
        events = [line for port in s.app_ports for line in s.log_lines(port)
                  if line.get("logger") == "pgp.security"]
        access = [line for port in s.app_ports for line in s.log_lines(port)
                  if line.get("logger") == "gunicorn.access"]
        failed = [e for e in events if e.get("event") == "sign_in_failed"]
        self.check("the security log names the client's address, not the proxy's",
                   len(failed) >= 5 and {e["address"] for e in failed} == {CLIENT}
                   and any(e.get("event") == "sign_in_locked" and e["address"] == CLIENT
                           for e in events)
                   and any(e.get("event") == "signed_in" and e["address"] == OTHER_CLIENT
                           for e in events),
                   f"sign_in_failed from {sorted({e['address'] for e in failed})}")
        addresses = {line["address"] for line in access}
        self.check("the access log names the client's address; a spoofed X-Forwarded-For is "
                   "never believed", addresses <= {CLIENT, OTHER_CLIENT} and CLIENT in addresses
                   and not any(SPOOFED in json.dumps(line) for line in events + access),
                   f"addresses {sorted(addresses)}")
        self.check("logs are JSON lines without query strings",
                   access and all("?" not in line["path"] for line in access), "")

    def database_down(self, browser):
        self.stack.postgres.stop()
        page = browser.get("/")
        self.check("with PostgreSQL stopped: the 503 page, in her language",
                   page.status == 503 and "cannot reach its database" in page.text
                   and page.header("Retry-After") == "30", f"{page.status}")
        health = Visitor(self.stack, CLIENT).get("/healthz")  # a load balancer: no cookies
        body = json.loads(health.body) if health.body.startswith(b"{") else {}
        self.check("with PostgreSQL stopped: /healthz says 503, database failed",
                   health.status == 503 and body.get("checks", {}).get(
                       "database", "").startswith("failed"), json.dumps(body.get("checks")))


def main():
    if not shutil.which("caddy"):
        raise SystemExit("deploy-check: caddy not found (apt-get install caddy)")
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="pgp-deploy-check."))
    workdir.chmod(0o755)
    stack = Stack(workdir)
    failed = True
    try:
        print(f"deploy-check: PostgreSQL, 2 x gunicorn, Caddy on https://localhost:"
              f"{stack.https_port} (work folder {workdir})", flush=True)
        stack.start()
        print(f"deploy-check: started in {time.monotonic() - started:.0f} s", flush=True)
        checks = Checks(stack)
        checks.run()
        failed = not all(ok for _, ok, _ in checks.results)
        print(f"deploy-check: {sum(ok for _, ok, _ in checks.results)} of {len(checks.results)} "
              f"checks passed in {time.monotonic() - started:.0f} s")
    finally:
        stack.stop()
        if failed:
            for log in sorted(workdir.glob("*.log")):
                print(f"--- {log.name} (last lines)\n" + "\n".join(
                    log.read_text(errors="replace").splitlines()[-15:]))
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
