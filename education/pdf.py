"""PDF rendering with WeasyPrint, fetching nothing but our own static files.

The handout HTML is rendered by Django with autoescaping, so clinician text is inert. As a
second wall, the URL fetcher below opens no connection and no file:// URL at all: it serves only files
found in our static folders, by path, for URLs under the handout's static base URL. Anything
else (http, https, file, data) is refused, so there is also nothing to redirect.
"""

import mimetypes
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The base URL of a handout. The host is never contacted (.invalid cannot resolve, and the
# fetcher below opens no connection): it only gives "{% static %}" paths an absolute form.
BASE_URL = "https://static.pgp-clinic.invalid/"
MAX_RENDER_SECONDS = 20


class BlockedURL(ValueError):
    """A handout asked for something that is not one of our static files."""


def _static_prefix():
    return BASE_URL + settings.STATIC_URL.lstrip("/")


class StaticOnlyFetcher(URLFetcher):
    """Serve our static files and refuse every other URL (WeasyPrint then skips it)."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.refused = []

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            raise BlockedURL(f"not one of our static files: {url[:100]}")
        mime_type, _encoding = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
        )

    @staticmethod
    def _static_path(url):
        if not url.startswith(_static_prefix()):
            return None
        relative = url.removeprefix(_static_prefix()).split("?")[0].split("#")[0]
        if not relative or ".." in Path(relative).parts or "\\" in relative or ":" in relative:
            return None
        found = finders.find(relative)
        if found is None and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / relative
            found = str(candidate) if candidate.is_file() else None
        if found is None:
            return None
        resolved = Path(found).resolve()
        return resolved if any(_inside(resolved, root) for root in _static_roots()) else None


def _static_roots():
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _inside(path, root):
    return path == root or root in path.parents


class RenderTooSlow(RuntimeError):
    """The render took longer than MAX_RENDER_SECONDS."""


def render_pdf(html: str) -> bytes:
    """Render trusted template output to PDF bytes with the static-only fetcher."""
    fetcher = StaticOnlyFetcher()
    started = time.monotonic()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    if time.monotonic() - started > MAX_RENDER_SECONDS:
        raise RenderTooSlow("handout layout exceeded the time limit")
    return document.write_pdf()
