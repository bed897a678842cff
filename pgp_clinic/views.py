import sys

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.i18n import set_language as django_set_language

from .middleware import DATABASE_ERRORS, database_unavailable


def server_error(request):
    """handler500: a database that went away is a 503 with its own page, wherever in the
    request it failed (loading the session happens before any view); anything else is the
    plain 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return error_page(request, 500)


# The error pages in her language, styled, and rendered without the database or the user:
# (title, what it means and what to do). 409 is the edit-conflict notice on the form itself.
ERROR_TEXTS = {
    400: (lambda: _("The request could not be read"),
          lambda: _("Something in the request was not as expected. Go back and try again.")),
    403: (lambda: _("You do not have access to this page"),
          lambda: _("Your role in this clinic does not allow it. Ask your clinic administrator "
                    "if you need access.")),
    404: (lambda: _("Page not found"),
          lambda: _("The page does not exist, or it belongs to another clinic. Check the address, "
                    "or find the patient from the front page.")),
    405: (lambda: _("This page cannot be opened that way"),
          lambda: _("The page takes a form, not a link. Go back and use the button on the page.")),
    500: (lambda: _("Something went wrong on our side"),
          lambda: _("The error has been logged. Nothing from this request was saved; try again in "
                    "a moment.")),
    "busy": (lambda: _("Not saved: her record was busy"),
             lambda: _("Someone else was saving her record at the same moment. Nothing was "
                       "saved: go back and press the button again.")),
    "csrf": (lambda: _("The form had expired"),
             lambda: _("For your safety the form was not sent. Go back, reload the page and send "
                       "it again. Cookies must be allowed for PGP Clinic.")),
}


def error_page(request, status, *, texts=None):
    language = translation.get_language_from_request(request) if request else "da"
    with translation.override(language):
        title, message = ERROR_TEXTS[texts or status]
        html = render_to_string("error.html", {
            "language": language, "status": status, "title": title(), "message": message(),
        })
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form expired or was sent from elsewhere (the reason is logged by
    Django, not shown)."""
    return error_page(request, 403, texts="csrf")


@login_not_required
def set_language(request):
    """Django's language switch, open to the sign-in page too."""
    return django_set_language(request)


def bench_floor(request):
    """The load benchmark's floor: no query, no template, the same middleware (signed in)."""
    return HttpResponse("ok")


def bench_frame(request):
    """The floor plus the page frame every page renders (base.html with empty blocks: header,
    menu, language switch, messages, context processors), for scripts/bench_profile.py."""
    return render(request, "base.html")
