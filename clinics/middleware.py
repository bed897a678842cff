import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse

from .backends import memberships_of
from .security_log import security_event

SESSION_KEY = "current_clinic"
SIGNED_IN_AT = "signed_in_at"


def current_membership(request, memberships):
    """The membership the user works under now: the chosen clinic, else her first one."""
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if str(membership.clinic.public_id) == chosen:
            return membership
    return memberships[0] if memberships else None


class CurrentClinicMiddleware:
    """Resolve "whose data is this?" once per request: request.membership and request.clinic."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and _session_expired(request):
            security_event("signed_out_session_limit", request)
            logout(request)
            return redirect(f"{reverse('login')}?next={request.path}")
        request.memberships = (
            memberships_of(request.user) if request.user.is_authenticated else [])
        request.membership = current_membership(request, request.memberships)
        request.two_factor_required = _two_factor_missing(request)
        if request.two_factor_required and request.path not in _setup_paths():
            return redirect("two_factor_setup")
        request.clinic = request.membership.clinic if request.membership else None
        if request.user.is_authenticated and request.clinic is None and not _is_exempt(request):
            return render(request, "clinics/no_clinic.html", status=403)
        return self.get_response(request)


def _is_exempt(request):
    return request.path in (reverse("logout"), reverse("set_language"))


def _session_expired(request):
    """The absolute session limit: a sign-in lasts at most SESSION_MAX_SECONDS, however busy."""
    started = request.session.setdefault(SIGNED_IN_AT, time.time())  # older sessions: from now
    return time.time() - started > settings.SESSION_MAX_SECONDS


def _two_factor_missing(request):
    """A clinic she works in requires two-factor sign-in and she has not set it up. The demo
    accounts may skip it in the demo set-up only (PGP_DEMO), never in production settings."""
    if not any(m.clinic.require_two_factor for m in request.memberships):
        return False
    if settings.DEMO_MODE and request.user.username.startswith("demo-"):
        return False
    return not request.user.has_two_factor


def _setup_paths():
    return (reverse("two_factor_setup"), reverse("logout"), reverse("set_language"))
