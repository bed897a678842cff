"""Her record as a PDF: every signed note the clinic may see, nothing else, logged."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import AccessLogEntry, Amendment, Referral

from ..factories import make_clinic, make_clinician, make_consultation
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
    client.force_login(stranger)
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
