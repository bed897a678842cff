"""PDF renders run in a child process with hard limits (goal P-9): time, memory, concurrency.

The documents below are crafted to be slow or memory-hungry; each limit is checked against a
control that shows the same document succeeds when the limit is lifted.
"""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from consultations.models import Consultation
from education.models import HandoutIssued
from education.pdf import (FOOTER_PAGES, RenderFailed, render_in_child, render_pdf,
                           render_pdf_in_parts, render_slot)

from ..pdf_text import pdf_text

ROWS = "".join(f"<tr><td>{i}</td><td>{'word ' * 20}</td><td>x</td></tr>" for i in range(3000))
SLOW = f"<html><body><table>{ROWS}</table></body></html>"  # about 30 s of layout here
ONE_LONG_WORD = "<p>" + "x" * 600_000 + "</p>"  # needs tens of MB for text shaping


@pytest.fixture
def limits(settings, tmp_path):
    settings.PDF_RENDER_LIMITS = {**settings.PDF_RENDER_LIMITS, "lock_dir": str(tmp_path),
                                  "wait_seconds": 0.3}
    return settings.PDF_RENDER_LIMITS


def test_a_render_past_its_time_limit_is_killed_at_the_deadline():
    started = time.monotonic()
    with pytest.raises(RenderFailed) as failure:
        render_in_child(SLOW, seconds=1, memory_mb=512)
    assert failure.value.reason == "too_slow"
    assert time.monotonic() - started < 8  # killed, not waited for (the full layout takes ~30 s)


MEMORY_CHECK = f"""
import django; django.setup()
from education.pdf import RenderFailed, render_in_child
html = "<p>" + "x" * {len(ONE_LONG_WORD) - 7} + "</p>"
try:
    render_in_child(html, seconds=30, memory_mb=8)
except RenderFailed as failure:
    print("capped", failure.reason)
else:
    print("not capped")
print("control", render_in_child(html, seconds=30, memory_mb=512)[:4].decode())
"""


def test_a_render_past_its_memory_cap_is_stopped():
    """In a fresh server process. The cap limits how far the child's address space may grow
    beyond what it inherited; a test process that has rendered many PDFs already carries
    enough freed heap for this document, so the check would say nothing there."""
    result = subprocess.run([sys.executable, "-c", MEMORY_CHECK], capture_output=True,
                            text=True, timeout=120,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "pgp_clinic.settings"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] in ("capped too_large", "capped crashed"), result.stdout  # MemoryError/GLib
    assert lines[1] == "control %PDF", result.stdout


def test_an_error_in_the_child_reaches_the_parent_and_the_database_still_works(db):
    with pytest.raises(RenderFailed) as failure:
        render_in_child(None, seconds=10, memory_mb=512)
    assert failure.value.reason == "crashed" and "TypeError" in str(failure.value)
    assert Consultation.objects.count() == 0  # the parent's connection is untouched
    assert "Hello" in pdf_text(render_in_child("<p>Hello</p>", seconds=10, memory_mb=512))
    assert Consultation.objects.count() == 0


def test_no_more_than_the_allowed_renders_run_at_once(limits):
    with render_slot(2, 0, limits["lock_dir"]), render_slot(2, 0, limits["lock_dir"]):
        with pytest.raises(RenderFailed) as failure:
            render_pdf("<p>third</p>")
        assert failure.value.reason == "busy"
    assert render_pdf("<p>third</p>").startswith(b"%PDF")  # a slot came free


def test_the_slots_are_shared_with_other_processes(limits, settings):
    settings.PDF_RENDER_LIMITS = {**limits, "concurrent": 1}
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys, time; "
         f"fd = os.open({os.path.join(limits['lock_dir'], 'slot-0.lock')!r}, "
         "os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); "
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RenderFailed):
            render_pdf("<p>waits for the other process</p>")
    finally:
        holder.communicate("")  # end it; its lock goes with it
    assert render_pdf("<p>now free</p>").startswith(b"%PDF")


def test_a_busy_renderer_gives_a_clear_page_and_records_nothing(alice_client, patient, limits):
    visit = patient.consultations.get()
    url = reverse("consultations:handout_pdf", args=[visit.public_id, "programme"])
    with render_slot(2, 0, limits["lock_dir"]), render_slot(2, 0, limits["lock_dir"]):
        response = alice_client.post(url)
    assert response.status_code == 503
    assert "Dokumentet kunne ikke laves" in response.content.decode()
    assert response["Retry-After"] == "10"
    assert not HandoutIssued.objects.exists()
    assert alice_client.post(url)["Content-Type"] == "application/pdf"
    assert HandoutIssued.objects.count() == 1


FOOTERS = ("<style>@page { @bottom-center { content: 'page ' counter(page) ' of ' counter(pages) }}"
           ".footer-page { break-after: page } .footer-page:last-child { break-after: auto }"
           "</style>" + FOOTER_PAGES)


def test_a_document_in_parts_is_joined_with_its_page_numbers_throughout(limits, settings):
    """Her long record (issue 12.7): each part a render of its own, two at a time when a
    second slot is free, one at a time when not; the same document either way."""
    parts = [f"<p>part {n}</p><p style='break-before: page'>part {n} again</p>" for n in range(3)]
    for held in (0, 1):
        with contextlib.ExitStack() as stack:
            for _ in range(held):  # another render holds a slot: no second one for the parts
                stack.enter_context(render_slot(2, 0, limits["lock_dir"]))
            pages = pdf_text(render_pdf_in_parts(parts, FOOTERS), separator="|").split("|")
        assert len(pages) == 6
        for number, page in enumerate(pages, start=1):
            assert f"part {(number - 1) // 2}" in page and f"page {number} of 6" in page


def _children():
    """This process's children, zombies (exited, not reaped) included, from /proc: the test
    suite has children of its own (the browser driver), so only new ones count."""
    children = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:  # the process ended while we looked
            continue
        if fields.get("PPid", "").strip() == str(os.getpid()):
            children.add(int(status.parent.name))
    return children


def test_a_part_past_the_time_limit_stops_the_whole_and_leaves_no_child(limits, settings):
    settings.PDF_RENDER_LIMITS = {**limits, "seconds": 1}
    before = _children()
    started = time.monotonic()
    with pytest.raises(RenderFailed) as failure:
        render_pdf_in_parts([SLOW, "<p>beside it</p>", "<p>never started</p>"], FOOTERS)
    assert failure.value.reason == "too_slow" and time.monotonic() - started < 8
    assert _children() <= before  # every render child was killed and reaped
