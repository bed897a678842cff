"""Playwright driving Debian's Chromium (`playwright install` cannot download a browser here)."""

import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from .accessibility import AxeAudits

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium (browser tests never skip)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_audits():
    """Which (page kind, language, width) axe-core has audited this session, and what it found."""
    return AxeAudits()


@pytest.fixture
def page(request, browser, live_server, _plain_static_storage, axe_audits):
    # A test marked phone runs in Chromium's mobile viewport (360 px, touch, mobile layout).
    screen = (dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                   device_scale_factor=2)
              if request.node.get_closest_marker("phone") else
              dict(viewport={"width": 1366, "height": 900}))
    context = browser.new_context(base_url=live_server.url, locale="da-DK", **screen)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Every browser test also proves: no Content-Security-Policy violation, no script error,
    # and no dialog (a stored XSS payload that ran would open one).
    problems = []
    # A test marked expects_status(409) may see the browser report that status of a request.
    statuses = request.node.get_closest_marker("expects_status")
    expected = tuple(f"the server responded with a status of {code} "
                     for code in (statuses.args if statuses else ()))
    page.on("console", lambda message: problems.append(f"console: {message.text}")
            if message.type == "error" and not any(e in message.text for e in expected) else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    # A test marked leave_dialog handles the "leave the page?" question itself.
    leave_ok = request.node.get_closest_marker("leave_dialog") is not None
    page.on("dialog", lambda dialog: None if leave_ok and dialog.type == "beforeunload" else (
        problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.add_init_script(path=str(Path(__file__).with_name("report_csp_violations.js")))
    # Every page the test loads is audited by axe-core (once per page kind, language and
    # width in the session): a serious or critical violation fails the test.
    page.on("load", lambda loaded: problems.extend(axe_audits.audit(loaded)))
    serving = _requests_served_by(live_server)
    yield page
    _keep_evidence_of_failure(request, page)
    context.close()
    _wait_until_idle(serving)
    assert problems == [], problems


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call":
        item.call_failed = report.failed
    return report


def _keep_evidence_of_failure(request, page):
    """A failed browser test leaves what the browser showed: a full-page screenshot under
    artifacts/screenshots/FAILED-<test>.png, and its address and window size in the output."""
    if not getattr(request.node, "call_failed", False):
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = "FAILED-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in request.node.name)
    try:
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        print(f"\n{request.node.nodeid} failed at {page.url} ({page.viewport_size}); "
              f"screenshot: artifacts/screenshots/{name}.png")
    except Exception as error:  # the page may be gone: the evidence is a bonus, not a result
        print(f"\nno screenshot of the failure: {error}")


class _CountingApp:
    """The live server's WSGI app, counting the requests it is handling now."""

    def __init__(self, app):
        self.app, self.busy, self.lock = app, 0, threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.busy += 1
        try:
            return self.app(environ, start_response)  # the view's transaction ends in here
        finally:
            with self.lock:
                self.busy -= 1


def _requests_served_by(live_server):
    httpd = live_server.thread.httpd
    if not isinstance(httpd.get_app(), _CountingApp):
        httpd.set_app(_CountingApp(httpd.get_app()))
    return httpd.get_app()


def _wait_until_idle(serving):
    """Before the live server's database is reset, no request of the closed page may still run:
    a page with unsaved changes autosaves as it is hidden (closing it hides it), and a save
    racing the reset's TRUNCATE deadlocks it. Idle twice, a moment apart, counts as idle."""
    deadline = time.monotonic() + 15
    quiet = 0
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(0.15)
        quiet = quiet + 1 if serving.busy == 0 else 0


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot as a test artefact: screenshot("name")."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return take
