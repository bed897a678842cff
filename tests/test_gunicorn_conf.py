"""gunicorn.conf.py (issue 14.5): sync workers sized from the CPU count, recycled with jitter, a
timeout above the PDF limits, the trusted proxies shared with the app, JSON logs."""

import multiprocessing
import runpy
from pathlib import Path

from django.conf import settings
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent


def load(monkeypatch, **env):
    for name in ("PGP_WEB_WORKERS", "PGP_TRUSTED_PROXIES", "PGP_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PGP_LOG_STREAM", "")  # the file sets it; undone after the test
    values = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    for name, value in values.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_production_defaults(monkeypatch):
    config = load(monkeypatch)
    assert config.worker_class_str == "sync"
    assert config.workers == multiprocessing.cpu_count() * 2 + 1
    assert config.max_requests == 1000 and 0 < config.max_requests_jitter < config.max_requests
    assert config.address == [("127.0.0.1", 8000)]
    assert config.logger_class.__name__ == "JsonLogger"
    assert config.accesslog == "-" and config.preload_app


def test_the_timeout_is_above_the_pdf_limits(monkeypatch):
    limits = settings.PDF_RENDER_LIMITS
    longest = max(limits["seconds"], limits["total_seconds"])
    assert load(monkeypatch).timeout > longest + limits["wait_seconds"]


def test_the_proxies_gunicorn_trusts_are_the_apps(monkeypatch):
    config = load(monkeypatch, PGP_TRUSTED_PROXIES="10.0.0.2, 192.168.10.0/24",
                  PGP_WEB_WORKERS="3", PGP_BIND="10.0.0.11:8000")
    assert config.forwarded_allow_ips == ["10.0.0.2/32", "192.168.10.0/24"]
    assert config.workers == 3 and config.address == [("10.0.0.11", 8000)]
