from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers


class DatabaseUnavailableMiddleware:
    """The database went away: a clear 503 page (rendered without the database) instead of a
    500. ATOMIC_REQUESTS has rolled the request's transaction back, so nothing is half-saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self._unavailable(error)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self._unavailable(exception)
        return None

    @staticmethod
    def _unavailable(error):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response



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
