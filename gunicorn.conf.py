"""gunicorn's settings for PGP Clinic in production (docs/deployment.md).

    gunicorn -c gunicorn.conf.py pgp_clinic.wsgi

Every value can be set from the environment, as the app's own settings are (.env.example).
"""

import multiprocessing
import os

from pgp_clinic.proxy import parse_networks


def _int(name, default):
    return int(os.environ.get(name) or default)


# Loopback by default: the TLS proxy (Caddy) in front is the only one that talks to it. A
# separate app host behind a load balancer binds its private address (PGP_BIND=10.0.0.5:8000).
bind = [os.environ.get("PGP_BIND", "127.0.0.1:8000")]

# Sync workers: each request has a process of its own (the app is plain blocking Django). Two
# per core plus one keeps the CPU busy while some wait for PostgreSQL; PDF renders are capped
# separately per machine (PGP_PDF_CONCURRENT), so more workers never means more renders.
worker_class = "sync"
workers = _int("PGP_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1)

# A worker is replaced after about a thousand requests (the jitter keeps them from all restarting
# at once), which bounds any slow growth of memory in a long-lived process.
max_requests = _int("PGP_MAX_REQUESTS", 1000)
max_requests_jitter = _int("PGP_MAX_REQUESTS_JITTER", 100)

# A PDF render is killed after 20 s (a record rendered in parts after 30 s in all) and may first
# wait 10 s for a slot (PDF_RENDER_LIMITS):
# the worker timeout sits above both, so gunicorn never kills a worker that is still within
# the app's own limits.
timeout = _int("PGP_WEB_TIMEOUT", 45)
graceful_timeout = 30
keepalive = 5

# The proxy's X-Forwarded-Proto counts only from the trusted proxies, the same list the app
# uses for X-Forwarded-For (pgp_clinic/proxy.py).
forwarded_allow_ips = ",".join(
    str(network) for network in parse_networks(
        item for item in os.environ.get("PGP_TRUSTED_PROXIES", "").split(",") if item.strip())
) or "127.0.0.1"

# Logs: JSON lines on stdout (journald or `docker logs` keep them). The access line has the
# client's address, the method, the path without the query string, the status, size and time.
os.environ["PGP_LOG_STREAM"] = "stdout"  # the app's own log lines too (settings.LOGGING)
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("PGP_GUNICORN_LOG_LEVEL", "info")
logger_class = "pgp_clinic.gunicorn_logging.JsonLogger"

# Load the app in the master once: workers start faster and share its memory pages.
preload_app = True
