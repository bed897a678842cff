"""PDF rendering with WeasyPrint, fetching nothing but our own static files, in a child process
with hard limits.

The handout HTML is rendered by Django with autoescaping, so clinician text is inert. As a
second wall, the URL fetcher below opens no connection and no file:// URL at all: it serves only files
found in our static folders, by path, for URLs under the handout's static base URL. Anything
else (http, https, file, data) is refused, so there is also nothing to redirect.

As a third wall, WeasyPrint runs in a forked child (settings.PDF_RENDER_LIMITS, goal P-9):
killed after 20 seconds, its address space capped at 512 MB above the server process's, and
at most 2 renders at once on the machine (file locks, so all server processes share them).
The child only lays out HTML the parent already rendered; it never touches the database and
leaves with os._exit, so the parent's database connection is never disturbed.

A long document (her full record) is rendered in parts (render_pdf_in_parts): each part in its
own child under the same limits (two at once when a second slot is free), the parts joined and
their page footers stamped on in one more child, all within PDF_RENDER_LIMITS["total_seconds"].
"""

import contextlib
import fcntl
import io
import logging
import mimetypes
import os
import resource
import select
import signal
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The base URL of a handout. The host is never contacted (.invalid cannot resolve, and the
# fetcher below opens no connection): it only gives "{% static %}" paths an absolute form.
BASE_URL = "https://static.pgp-clinic.invalid/"

logger = logging.getLogger(__name__)


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


class RenderFailed(RuntimeError):
    """No PDF: `reason` is "busy", "too_slow", "too_large" or "crashed"."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def render_pdf(html: str) -> bytes:
    """Render trusted template output to PDF bytes, within the limits of PDF_RENDER_LIMITS."""
    limits = settings.PDF_RENDER_LIMITS
    with render_slot(limits["concurrent"], limits["wait_seconds"], limits["lock_dir"]):
        return render_in_child(html, limits["seconds"], limits["memory_mb"])


def render_pdf_in_parts(parts, footers):
    """Render the HTML documents `parts`, each in a child within the limits, and join them into
    one PDF. Two parts at a time when a second render slot is free (two cores), else one.
    `footers` is a document with FOOTER_PAGES where its pages go: it is given as many empty
    pages as the parts have together and stamped onto them, so page numbers ("3 / 261") run
    through the whole document."""
    limits = settings.PDF_RENDER_LIMITS
    concurrent, lock_dir = limits["concurrent"], limits["lock_dir"]
    with render_slot(concurrent, limits["wait_seconds"], lock_dir), \
            spare_slot(concurrent, lock_dir) as two_at_once:
        deadline = time.monotonic() + limits["total_seconds"]

        def seconds_left():
            left = min(limits["seconds"], deadline - time.monotonic())
            if left <= 0:
                logger.warning("PDF render stopped at the total time limit")
                raise RenderFailed("too_slow")
            return left

        at_once = 2 if two_at_once else 1
        pdfs = []
        for start in range(0, len(parts), at_once):
            makers = [_maker(html) for html in parts[start:start + at_once]]
            pdfs += run_in_children(makers, seconds_left(), limits["memory_mb"])
        return run_in_child(lambda: _join(pdfs, footers), seconds_left(), limits["memory_mb"])


def _maker(html):
    return lambda: _render(html)


# Where a footer document's empty pages go (render_pdf_in_parts).
FOOTER_PAGES = "<!-- footer pages -->"


def _join(pdfs, footers):
    from pypdf import PdfReader, PdfWriter  # only the joining child needs it
    from pypdf.generic import NameObject

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(pdf)) for pdf in pdfs]
    for reader in readers:
        writer.append(reader)
    pages = '<div class="footer-page"></div>' * len(writer.pages)
    stamps = PdfReader(io.BytesIO(_render(footers.replace(FOOTER_PAGES, pages, 1)))).pages
    if len(stamps) != len(writer.pages):
        raise RuntimeError(f"{len(stamps)} footers for {len(writer.pages)} pages")
    for page, stamp in zip(writer.pages, stamps, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()
    if readers[0].metadata:
        writer.add_metadata(readers[0].metadata)
    if "/Lang" in readers[0].root_object:
        writer.root_object[NameObject("/Lang")] = readers[0].root_object["/Lang"]
    joined = io.BytesIO()
    writer.write(joined)
    return joined.getvalue()


def _render(html):
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


@contextlib.contextmanager
def render_slot(concurrent, wait_seconds, lock_dir):
    """Hold one of `concurrent` lock files (shared by every process on the machine), waiting
    up to `wait_seconds` for one to come free."""
    deadline = time.monotonic() + wait_seconds
    while (taken := _take_slot(concurrent, lock_dir)) is None:
        if time.monotonic() >= deadline:
            logger.warning("PDF render refused: all %s slots busy", concurrent)
            raise RenderFailed("busy")
        time.sleep(0.05)
    slot, fd = taken
    try:
        yield slot
    finally:
        os.close(fd)  # closing the file releases the lock


@contextlib.contextmanager
def spare_slot(concurrent, lock_dir):
    """Hold one more slot if one is free now, without waiting: yields True or False."""
    taken = _take_slot(concurrent, lock_dir)
    try:
        yield taken is not None
    finally:
        if taken is not None:
            os.close(taken[1])


def _take_slot(concurrent, lock_dir):
    """(slot, fd) of a slot now locked through fd, or None when every slot is held."""
    Path(lock_dir).mkdir(parents=True, exist_ok=True)
    for slot in range(concurrent):
        fd = os.open(Path(lock_dir) / f"slot-{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return slot, fd
    return None


def free_slots(concurrent, lock_dir):
    """How many render slots are free now (for /healthz): each is tried and let go at once.
    OSError when the lock folder cannot be made or written."""
    Path(lock_dir).mkdir(parents=True, exist_ok=True)
    free = 0
    for slot in range(concurrent):
        fd = os.open(Path(lock_dir) / f"slot-{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            free += 1
        except BlockingIOError:
            pass
        finally:
            os.close(fd)
    return free


_warmed = False


WARM_UP = """<html><head><link rel="stylesheet" href="{static}css/print.css"></head><body>
<h1>PGP Clinic</h1><h2>Øvelser</h2><p>Tekst <strong>fed</strong> <em>kursiv</em></p>
<table><tr><th>A</th><td>1</td></tr></table></body></html>"""


def _warm_up():
    """Lay out a small document in our print style in this process, once, so that every child
    inherits loaded fonts instead of loading them again (and under its memory cap)."""
    global _warmed
    if not _warmed:
        _render(WARM_UP.format(static=_static_prefix()))
        _warmed = True


def render_in_child(html, seconds, memory_mb):
    """Fork, render in the child, read the PDF through a pipe; kill the child at the deadline."""
    return run_in_child(_maker(html), seconds, memory_mb)


def run_in_child(make_pdf, seconds, memory_mb):
    """Fork, run make_pdf() in the child, read its bytes through a pipe; kill the child at the
    deadline."""
    return run_in_children([make_pdf], seconds, memory_mb)[0]


def run_in_children(makers, seconds, memory_mb):
    """run_in_child for several makers at once, one child each, all killed at one deadline."""
    _warm_up()
    deadline = time.monotonic() + seconds
    started, results, collected = [], [], 0
    try:
        for make_pdf in makers:
            started.append(_start_child(make_pdf, memory_mb))
        for pid, read_fd in started:
            collected += 1  # _collect reaps its child and closes its pipe, whatever happens
            results.append(_collect(pid, read_fd, deadline))
        return results
    finally:  # children not collected (one failed first) are killed and their pipes closed
        for pid, read_fd in started[collected:]:
            os.close(read_fd)
            _reap(pid)


def _start_child(make_pdf, memory_mb):
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send, and leave without running any clean-up
        # Keep only stdin/out/err and the pipe: no database socket, no other child's pipe, and
        # no other thread's render slot held open by this child.
        os.closerange(3, write_fd)
        os.closerange(write_fd + 1, os.sysconf("SC_OPEN_MAX"))
        try:
            _cap_memory(memory_mb)
            payload = b"P" + make_pdf()
        except MemoryError:
            payload = b"M"
        except BaseException as error:  # everything must reach the parent, even SystemExit
            payload = b"E" + repr(error)[:300].encode(errors="replace")
        try:
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write_fd)
    return pid, read_fd


def _collect(pid, read_fd, deadline):
    try:
        payload = _read_until(read_fd, deadline)
    finally:
        _reap(pid)
    kind, body = payload[:1], payload[1:]
    if kind == b"P":
        return body
    reason = {b"M": "too_large", b"": "crashed"}.get(kind, "crashed")
    logger.warning("PDF render failed: %s", reason)
    raise RenderFailed(reason, body.decode(errors="replace"))


def _read_until(fd, deadline):
    chunks = []
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                logger.warning("PDF render killed at the time limit")
                raise RenderFailed("too_slow")
            ready, _, _ = select.select([pipe], [], [], left)
            if ready:
                chunk = pipe.read(1 << 16)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)


def _reap(pid):
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)  # a no-op for a child that has already finished
    os.waitpid(pid, 0)


def _cap_memory(memory_mb):
    """Let the child's address space grow by at most memory_mb beyond what it inherited."""
    with open("/proc/self/statm") as statm:
        inherited = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = inherited + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
