import time

from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers

DATABASE_ERRORS = (OperationalError, InterfaceError)
# The error pages load nothing but the stylesheet: the strictest policy that still shows them.
ERROR_PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                  "form-action 'none'; frame-ancestors 'none'")


def database_unavailable(request):
    """The 503 page in her language, rendered without touching the database (no session, no
    user): ATOMIC_REQUESTS has rolled the request's transaction back, so nothing is half-saved."""
    language = translation.get_language_from_request(request) if request else settings.LANGUAGE_CODE
    with translation.override(language):
        response = HttpResponse(render_to_string("503.html", {"language": language}), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """The database went away: a clear 503 page instead of a 500, wherever it failed.

    In a view, process_exception answers. Before or after the view (loading the session or the
    user, saving the session) Django turns the error into a response at that middleware's
    layer by calling handler500 (pgp_clinic.views.server_error), which answers the same 503.
    As the outermost layer this one then gives every error page the security headers the inner
    middleware never got to add (issue 11.6; a 405 from AllowedMethodsMiddleware, say)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS:
            response = database_unavailable(request)
        if response.status_code >= 400:
            _harden(response)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request)
        return None


class ErrorPageMiddleware:
    """A bare 405 (from AllowedMethodsMiddleware or a view's require_POST) gets the styled,
    translated error page; its Allow header stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            from .views import error_page

            page = error_page(request, 405)
            page["Allow"] = response["Allow"]
            return page
        return response


class AllowedMethodsMiddleware:
    """The app speaks GET, HEAD and POST only: any other method (PUT, DELETE, PATCH, TRACE,
    PROPFIND, OPTIONS …) is a 405 before a session or the database is touched. Which of the
    three a view takes, its own decorator says (require_safe, require_POST …)."""

    ALLOWED = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return self.get_response(request)


RENEWED_AT = "renewed_at"


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, with two changes.

    - The idle timer: a session in use is saved (which moves its expiry SESSION_COOKIE_AGE
      ahead) when its last renewal is SESSION_RENEW_SECONDS old, not on every request, so a
      page that changes nothing writes nothing.
    - When the database goes away after the view: the view's transaction is already committed,
      so its answer stands (a bare 400 "session interrupted" would tell her a saved
      consultation failed); only the idle timer's refresh is lost."""

    def process_response(self, request, response):
        _renew_idle_timer(getattr(request, "session", None))
        try:
            return super().process_response(request, response)
        except SessionInterrupted as error:
            if _caused_by(error, DATABASE_ERRORS):
                return response
            raise


def _renew_idle_timer(session):
    if session is None or not session.accessed or session.is_empty():
        return
    now = int(time.time())
    if now - session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
        session[RENEWED_AT] = now  # modified: Django's middleware saves it


def _caused_by(error, kinds):
    while error is not None:
        if isinstance(error, kinds):
            return True
        error = error.__cause__ or error.__context__
    return False


def _harden(response):
    add_never_cache_headers(response)
    if "Content-Security-Policy" not in response:
        response["Content-Security-Policy"] = ERROR_PAGE_CSP
    response.setdefault("X-Frame-Options", "DENY")
    response.setdefault("X-Content-Type-Options", "nosniff")
    response.setdefault("Referrer-Policy", "same-origin")



class RefusalLogMiddleware:
    """A signed-in user refused (403) or sent to "not found" (404): a security event, since
    that is what probing another clinic's records looks like."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code in (403, 404) and user is not None and user.is_authenticated:
            from clinics.security_log import security_event

            security_event("access_refused", request, status=response.status_code,
                           method=request.method)
        return response


class NoStoreMiddleware:
    """Pages for a signed-in user hold patient data: no browser or proxy may keep a copy
    (Cache-Control: no-store, private; ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
