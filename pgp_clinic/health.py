"""/healthz for a load balancer, systemd or a container runtime (issue 14.5).

Open without sign-in, and it says nothing about any patient or user: only whether this app
host can serve. 200 when the database answers, every migration is applied and the PDF render
slots can be taken; 503 with the failing check named otherwise. Answered over plain HTTP too
(SECURE_REDIRECT_EXEMPT), outside a request transaction, and never setting a cookie.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from education.pdf import free_slots

from .middleware import DATABASE_ERRORS

_migrated = False  # once all are applied in this process, they stay applied


def _database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations():
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return f"{len(pending)} not applied"
        _migrated = True
    return "ok"


def _pdf_slots():
    limits = settings.PDF_RENDER_LIMITS
    free = free_slots(limits["concurrent"], limits["lock_dir"])
    return f"ok ({free} of {limits['concurrent']} free)"


def _run(check):
    try:
        return check()
    except (*DATABASE_ERRORS, OSError) as error:
        return f"failed: {type(error).__name__}"


@login_not_required
@require_safe
@transaction.non_atomic_requests
def healthz(request):
    checks = {"database": _run(_database)}
    # Without a database the migrations cannot be read.
    checks["migrations"] = _run(_migrations) if checks["database"] == "ok" else "not checked"
    checks["pdf_slots"] = _run(_pdf_slots)
    healthy = all(value.startswith("ok") for value in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "failing", "checks": checks},
                            status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response
