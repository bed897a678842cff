"""Two writes for one woman at the same moment: the second is tried once more, then told
"nothing was saved, try again" (never the 503 "database unavailable" page).

The workflows lock her patient row first, so writes for one woman queue; should PostgreSQL
still abort a transaction as a deadlock or a serialization failure, the whole view runs again
in a fresh transaction. The retry is at the level of the request, not a savepoint inside the
view: after a rollback the view's objects (a new consultation's primary key, its rows' keys,
the next version number) no longer match the database, so only a clean re-run from the POST
is correct. ATOMIC_REQUESTS is turned off for the decorated view and replaced by the same
transaction.atomic() around each attempt, so nothing is half-saved either way.
"""

import functools
import logging

from django.db import OperationalError, transaction

try:
    from psycopg import errors as pg_errors
except ImportError:  # pragma: no cover (SQLite only)
    TRANSIENT = ()
else:
    TRANSIENT = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)

logger = logging.getLogger(__name__)


def is_transient(error):
    """A deadlock or serialization failure: the same transaction would succeed if run again."""
    return isinstance(error, OperationalError) and isinstance(error.__cause__, TRANSIENT)


def retry_once(busy):
    """Decorate a view that writes: run it in one transaction, once more on a transient
    failure, and answer busy(request) if the second attempt fails the same way."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            for attempt in (1, 2):
                queued = _queued_messages(request)
                try:
                    with transaction.atomic():
                        return view(request, *args, **kwargs)
                except OperationalError as error:
                    if not is_transient(error):
                        raise
                    logger.warning("transient database failure, attempt %d: %s", attempt,
                                   type(error.__cause__).__name__)
                    _restore_messages(request, queued)
            return busy(request)
        return transaction.non_atomic_requests(wrapper)
    return decorate


def _queued_messages(request):
    storage = getattr(request, "_messages", None)
    return list(getattr(storage, "_queued_messages", []))


def _restore_messages(request, queued):
    """Messages the rolled-back attempt added are not shown (nothing of it happened)."""
    storage = getattr(request, "_messages", None)
    if storage is not None and hasattr(storage, "_queued_messages"):
        storage._queued_messages[:] = queued
