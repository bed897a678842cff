import sys

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views import defaults
from django.views.i18n import set_language as django_set_language

from .middleware import DATABASE_ERRORS, database_unavailable


def server_error(request):
    """handler500: a database that went away is a 503 with its own page, wherever in the
    request it failed (loading the session happens before any view); anything else is the
    plain 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request)


@login_not_required
def set_language(request):
    """Django's language switch, open to the sign-in page too."""
    return django_set_language(request)


def bench_floor(request):
    """The load benchmark's floor: no query, no template, the same middleware (signed in)."""
    return HttpResponse("ok")
