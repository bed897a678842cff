from django.shortcuts import render
from django.urls import reverse

from .models import Membership

SESSION_KEY = "current_clinic"


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
        request.memberships = (
            list(Membership.objects.for_user(request.user))
            if request.user.is_authenticated
            else []
        )
        request.membership = current_membership(request, request.memberships)
        request.clinic = request.membership.clinic if request.membership else None
        if request.user.is_authenticated and request.clinic is None and not _is_exempt(request):
            return render(request, "clinics/no_clinic.html", status=403)
        return self.get_response(request)


def _is_exempt(request):
    return request.path in (reverse("logout"), reverse("set_language"))
