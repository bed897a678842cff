"""Hostile text in every free-text field that reaches a PDF: nothing is fetched or read.

A canary HTTP server on 127.0.0.1 (started here) must receive no request; a file:// image of
a system file must not be embedded; markup shows as text or not at all.
"""

import http.server
import threading

import pytest
from django.urls import reverse

from consultations.models import Consultation
from education.models import Exercise, ProgrammeItem
from education.handouts import render_handout_pdf
from education.pdf import StaticOnlyFetcher, render_pdf

from ..pdf_text import pdf_text

# Every free text of the consultation that a handout prints, plus her name and the note on a
# programme exercise (added below).
FREE_TEXT_FIELDS = (
    "usual_training", "goals", "history_notes", "gait_note", "lumbar_note", "neuro_note",
    "palpation_notes", "assessment_notes", "treatment_region", "treatment_notes",
    "pelvic_belt_when", "activity_advice", "work_advice", "plan_notes",
)


class Canary(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):  # noqa: N802
        Canary.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    server = http.server.HTTPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Canary.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def short_payload(canary):
    """Fits the 200-character text fields."""
    return (f'<img src="file:///etc/passwd"><img src="{canary}/i.png">'
            f'<link rel="stylesheet" href="{canary}/s.css"><script>alert(1)</script>')


def payloads(canary):
    return (
        '<img src="file:///etc/passwd">'
        f'<img src="{canary}/img.png">'
        f'<link rel="stylesheet" href="{canary}/style.css">'
        f'<style>@import url("{canary}/import.css");</style>'
        '<script>document.write("PWNED")</script>'
        f'<iframe src="{canary}/frame"></iframe>'
    )


@pytest.mark.parametrize("kind", ["programme", "summary", "referral"])
def test_hostile_free_text_fetches_nothing_and_reads_no_file(patient, canary, kind):
    consultation = Consultation.objects.get(patient=patient)
    for field in FREE_TEXT_FIELDS:
        max_length = Consultation._meta.get_field(field).max_length or 5000
        long_enough = len(payloads(canary)) <= max_length
        setattr(consultation, field, payloads(canary) if long_enough else short_payload(canary))
    consultation.pelvic_belt = True
    consultation.save()
    patient.first_name = f'<img src="{canary}/n.png">Eva'
    patient.save()
    ProgrammeItem.objects.create(consultation=consultation, sets=1, reps=5, times_per_day=2,
                                 exercise=Exercise.objects.first(), note=short_payload(canary))
    consultation = Consultation.objects.get(pk=consultation.pk)
    pdf = render_handout_pdf(consultation, kind, "en")
    text = pdf_text(pdf)
    assert Canary.hits == []
    assert "root:x:0:0" not in text
    assert b"root:x:0:0" not in pdf
    assert "PWNED" not in text.replace('document.write("PWNED")', "")
    assert "<img src=" in text.replace("\n", "")  # the markup is printed as text


def test_the_fetcher_refuses_everything_but_our_static_files(canary):
    fetcher = StaticOnlyFetcher()
    for url in (f"{canary}/x.css", "file:///etc/passwd", "data:text/css,body{}",
                "https://static.pgp-clinic.invalid/static/../../etc/passwd",
                "https://static.pgp-clinic.invalid/static/%2e%2e/%2e%2e/etc/passwd",
                "https://example.org/static/css/print.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    served = fetcher.fetch("https://static.pgp-clinic.invalid/static/css/print.css")
    assert b"@page" in served.read()
    assert Canary.hits == []


def test_raw_html_render_never_reaches_the_network_or_disk(canary):
    pdf = render_pdf(f"<html><body><p>hello</p>{payloads(canary)}</body></html>")
    assert pdf.startswith(b"%PDF")
    assert Canary.hits == []
    assert b"root:x:0:0" not in pdf


def test_pdf_given_is_logged_in_the_journal(alice_client, patient):
    """Giving her the document (a POST by the clinic that wrote the consultation) writes it
    in the journal; merely opening it (GET) does not (issue 11.7)."""
    consultation = Consultation.objects.get(patient=patient)
    url = reverse("consultations:handout_pdf", args=[consultation.public_id, "summary"])
    assert alice_client.get(url + "?lang=en")["Content-Type"] == "application/pdf"
    assert not consultation.handouts.exists()
    response = alice_client.post(url, {"lang": "en"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    issued = consultation.handouts.get()
    assert (issued.kind, issued.language, issued.issued_by.username) == ("summary", "en", "alice")
    assert issued.template_version.startswith("summary-")


@pytest.mark.parametrize("query", ["?lang=de", "?lang=<x>"])
def test_unknown_language_or_kind_is_404(alice_client, patient, query):
    consultation = Consultation.objects.get(patient=patient)
    url = reverse("consultations:handout_pdf", args=[consultation.public_id, "summary"])
    assert alice_client.get(url + query).status_code == 404
    url = reverse("consultations:handout_pdf", args=[consultation.public_id, "secret"])
    assert alice_client.get(url).status_code == 404
