"""axe-core (axe-playwright-python) on the pages the browser tests load.

A page is audited once per session for each page kind (its URL pattern), language and viewport
width: the same template in the same language and width finds the same problems, and auditing
every load would double the suite's time. Serious and critical violations are problems."""

import threading
import time
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

FAILING_IMPACTS = ("serious", "critical")


def page_kind(url):
    """The URL pattern a URL belongs to ("consultations:consultation_edit"), or "not found"."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return "not found"
    return match.view_name


class AxeAudits:
    def __init__(self):
        self.axe = Axe()
        self.audited = {}  # (kind, language, width) -> serious/critical violations found
        self.lock = threading.Lock()
        self.seconds = 0.0  # spent auditing, for the suite's timing report
        self.lesser = set()  # moderate and minor violations: reported, not failing

    def key(self, page):
        language = page.evaluate("document.documentElement.lang")
        return page_kind(page.url), language, page.viewport_size["width"]

    def audit(self, page):
        """The serious or critical violations on the page, unless its kind was audited already."""
        if not urlsplit(page.url).scheme.startswith("http"):
            return []
        try:
            key = self.key(page)
            if key in self.audited:
                return []
            started = time.monotonic()
            results = self.axe.run(page)
            self.seconds += time.monotonic() - started
        except PlaywrightError:
            return []  # the page navigated on while being audited; its next load is audited
        violations = [v for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]
        self.lesser.update(describe(key, v) for v in results.response["violations"]
                           if v["impact"] not in FAILING_IMPACTS)
        with self.lock:
            self.audited[key] = violations
        return [describe(key, violation) for violation in violations]


def describe(key, violation):
    nodes = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list)
                      else str(node["target"]) for node in violation["nodes"][:5])
    return (f"axe {violation['impact']} {violation['id']} on {key[0]} ({key[1]}, {key[2]} px): "
            f"{violation['help']} [{nodes}]")
