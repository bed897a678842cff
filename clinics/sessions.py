"""Signed-in sessions by user: registered at sign-in, listed for their owner, ended at once.

Django keeps sessions in its own table without an index by user; a UserSession row names each
sign-in's session so that she can see and end hers, and so that a deactivation or a reset of
her second factor ends every one of them (the next request of an ended session is anonymous).
"""

import datetime

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from pgp_clinic.prepared import PreparedQuery

from .models import UserSession
from .security_log import client_address

LIVE_SESSION = PreparedQuery(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now)[:1],
    key=str, now=datetime.datetime)


# Sessions signed in before ClinicBackend (clinics/backends.py) name Django's ModelBackend,
# which is no longer listed, so Django would treat them as signed out. They are read as
# ClinicBackend's, its subclass that accepts exactly the same users; this can go once every
# such session has expired (SESSION_MAX_SECONDS after the deploy at the latest).
_BEFORE_CLINIC_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SessionStore(db.SessionStore):
    """Django's database sessions (SESSION_ENGINE), read on every request through a query
    built once per process (issue 12) instead of building and compiling it each time."""

    def load(self):
        data = super().load()
        if data.get(BACKEND_SESSION_KEY) == _BEFORE_CLINIC_BACKEND:
            data[BACKEND_SESSION_KEY] = "clinics.backends.ClinicBackend"
        return data

    def _get_session_from_db(self):
        session = LIVE_SESSION.first(key=self.session_key, now=timezone.now())
        if session is None:
            self._session_key = None
        return session


def register(request):
    """Call right after login(): the new session key is known (login cycles it)."""
    if not request.session.session_key:
        request.session.save()
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    UserSession.objects.filter(user=request.user).exclude(session_key__in=alive).delete()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": request.user, "address": client_address(request),
                  "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]},
    )


def active(user):
    """Her sessions that are still alive (not signed out, not expired), newest first."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=alive)


def end(user, *, session_keys=None):
    """End her sessions (all, or the ones named): the session rows go, so the next request
    of each is anonymous. Returns how many were alive."""
    rows = UserSession.objects.filter(user=user)
    if session_keys is not None:
        rows = rows.filter(session_key__in=session_keys)
    keys = list(rows.values_list("session_key", flat=True))
    ended, _ = Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    return ended
