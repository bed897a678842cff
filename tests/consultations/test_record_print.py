"""Her record as a PDF: every signed note the clinic may see, nothing else, logged."""

import datetime
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pypdf import PdfReader

from consultations import record_views
from consultations.models import AccessLogEntry, Amendment, Referral

from ..factories import make_clinic, make_clinician, make_consultation, sign_in_as
from ..pdf_text import pdf_text


def sign(visit, by):
    visit.status, visit.signed_by, visit.signed_at = "signed", by, timezone.now()
    visit.save()
    return visit


def record(client, patient):
    response = client.get(reverse("consultations:record_pdf", args=[patient.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    return " ".join(pdf_text(response.content).split())


def test_the_record_holds_her_details_signed_notes_and_amendments(alice_client, alice, patient):
    signed = sign(patient.consultations.get(), alice)
    signed.assessment_notes = "Typisk bækkenledssmerte bagtil"
    signed.save()
    Amendment.objects.create(consultation=signed, author=alice, reason="Tilføjelse",
                             text="Hun cykler igen uden smerter")
    make_consultation(patient, patient.pregnancies.get(), alice,
                      assessment_notes="Endnu ikke underskrevet kladde")
    text = record(alice_client, patient)
    assert "Journaludskrift" in text and patient.full_name in text
    assert patient.cpr_display in text
    assert "Typisk bækkenledssmerte bagtil" in text
    assert "Hun cykler igen uden smerter" in text and "Tilføjelse" in text
    assert "Endnu ikke underskrevet kladde" not in text
    assert "1 kladde, der ikke er underskrevet, er ikke medtaget" in text
    assert f"af {alice}" in text  # who printed it
    assert AccessLogEntry.objects.filter(patient=patient, what="consultations:record_pdf").exists()


def test_a_referred_clinic_prints_only_what_it_may_see(alice, patient, bob, bob_client,
                                                       other_clinic):
    gp_visit = sign(patient.consultations.get(), alice)
    gp_visit.assessment_notes = "Lægens vurdering"
    gp_visit.save()
    Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=patient.clinic,
                            to_clinic=other_clinic, created_by=alice)
    own = sign(make_consultation(patient, patient.pregnancies.get(), bob, clinic=other_clinic,
                                 assessment_notes="Fysioterapeutens vurdering"), bob)
    assert "Lægens vurdering" in record(bob_client, patient)
    third = make_clinic("Tredje klinik")
    stranger = make_clinician("sam", third)
    from django.test import Client
    client = Client()
    sign_in_as(client, stranger)
    url = reverse("consultations:record_pdf", args=[patient.public_id])
    assert client.get(url).status_code == 404
    Referral.objects.update(closed_at=timezone.now())
    text = record(bob_client, patient)
    assert "Fysioterapeutens vurdering" in text and "Lægens vurdering" not in text
    assert own.clinic == other_clinic


def test_the_record_runs_the_same_queries_for_few_and_many_visits(alice_client, alice, patient):
    url = reverse("consultations:record_pdf", args=[patient.public_id])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(url).status_code == 200
        return len(captured)

    sign(patient.consultations.get(), alice)
    for _ in range(2):
        sign(make_consultation(patient, patient.pregnancies.get(), alice), alice)
    few = count()
    for _ in range(10):
        sign(make_consultation(patient, patient.pregnancies.get(), alice), alice)
    assert count() == few
    assert few <= 24


def test_pdf_file_names_never_carry_her_name(alice_client, alice, patient):
    """A download lands in a shared computer's download list (issue 11.10): kind, day and a
    short record id, never her name or CPR number."""
    visit = sign(patient.consultations.get(), alice)
    urls = [
        reverse("consultations:record_pdf", args=[patient.public_id]),
        reverse("consultations:progress_pdf", args=[patient.public_id]),
        reverse("consultations:handout_pdf", args=[visit.public_id, "programme"]) + "?lang=en",
    ]
    names = []
    for url in urls:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        names.append(response["Content-Disposition"].split("filename=")[1].strip('"'))
    day = timezone.localdate().isoformat()
    seen = timezone.localtime(visit.seen_at).date().isoformat()
    assert names == [
        f"journal-{day}-{patient.public_id.hex[:8]}.pdf",
        f"progress-{day}-{patient.public_id.hex[:8]}.pdf",
        f"programme-{seen}-{visit.public_id.hex[:8]}-en.pdf",
    ]
    for name in names:
        for part in (patient.first_name, patient.last_name, patient.cpr_display[:6]):
            assert part.lower() not in name.lower()


def test_a_long_record_prints_in_parts_with_page_numbers_throughout(alice_client, alice, patient,
                                                                     monkeypatch):
    """Her record whatever its length (issue 12.7): past RECORD_PART consultations it is
    rendered in parts, each within the render limits, joined into one document whose page
    footers count through the whole of it. (200 long consultations: make bench-record-pdf.)"""
    monkeypatch.setattr(record_views, "RECORD_PART", 15)
    pregnancy = patient.pregnancies.get()
    first = sign(patient.consultations.get(), alice)
    first.assessment_notes = "Første besøg: smerter over symfysen"
    first.save()
    for number in range(2, 40):
        sign(make_consultation(patient, pregnancy, alice,
                               assessment_notes=f"Besøg nummer {number}: " + "lang note " * 40,
                               seen_at=first.seen_at + datetime.timedelta(days=number)), alice)
    sign(make_consultation(patient, pregnancy, alice, assessment_notes="Sidste besøg: smertefri",
                           seen_at=first.seen_at + datetime.timedelta(days=60)), alice)
    make_consultation(patient, pregnancy, alice, assessment_notes="En kladde")
    response = alice_client.get(reverse("consultations:record_pdf", args=[patient.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)
    assert len(pages) > 3  # three parts of at least a page each
    # her details head the first part only
    assert text.count("Journaludskrift") == pages[0].count("Journaludskrift") == 1
    assert text.count(patient.cpr_display) == pages[0].count(patient.cpr_display) == 2
    assert "Første besøg: smerter over symfysen" in pages[0]
    assert "Besøg nummer 16:" in text and "Besøg nummer 31:" in text  # the second and third part
    order = [text.index(note) for note in ("Første besøg", "Besøg nummer 16:", "Sidste besøg")]
    assert order == sorted(order)
    assert "Sidste besøg: smertefri" in pages[-1]
    assert text.count("1 kladde, der ikke er underskrevet, er ikke medtaget") == 1
    assert "1 kladde, der ikke er underskrevet" in pages[-1]
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} / {len(pages)}" in page, number
        assert f"af {alice}" in page
    assert reader.metadata.title.startswith("Journaludskrift")
    assert reader.root_object["/Lang"] == "da"


def test_a_record_in_parts_keeps_the_total_time_limit(alice_client, alice, patient, monkeypatch,
                                                      settings, tmp_path):
    monkeypatch.setattr(record_views, "RECORD_PART", 1)
    settings.PDF_RENDER_LIMITS = {**settings.PDF_RENDER_LIMITS, "lock_dir": str(tmp_path),
                                  "total_seconds": 0.5}
    pregnancy = patient.pregnancies.get()
    sign(patient.consultations.get(), alice)
    for _ in range(5):
        sign(make_consultation(patient, pregnancy, alice), alice)
    response = alice_client.get(reverse("consultations:record_pdf", args=[patient.public_id]))
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
