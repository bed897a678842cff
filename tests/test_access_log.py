"""Every view of patient data is logged; a clinic admin reads the log; nothing edits it."""

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import AccessLogEntry

from .factories import make_clinician


@pytest.fixture
def admin_client(clinic):
    client = Client()
    client.force_login(make_clinician("adam", clinic, role="clinic_admin"))
    return client


def test_pages_pdfs_and_lists_of_patient_data_are_logged(alice_client, alice, patient):
    visit = patient.consultations.get()
    urls = [reverse("dashboard"), reverse("consultations:patient_list"),
            patient.get_absolute_url(), visit.get_absolute_url(),
            reverse("consultations:handout_pdf", args=[visit.public_id, "summary"]),
            reverse("consultations:progress", args=[patient.public_id])]
    for url in urls:
        before = AccessLogEntry.objects.count()
        assert alice_client.get(url).status_code == 200
        entry = AccessLogEntry.objects.latest("pk")
        assert AccessLogEntry.objects.count() == before + 1, url
        assert (entry.user, entry.clinic, entry.patient) == (alice, patient.clinic, patient)
    whats = set(AccessLogEntry.objects.values_list("what", flat=True))
    assert {"consultations:handout_pdf", "consultations:patient_detail", "dashboard"} <= whats


def test_another_clinic_leaves_no_trace_of_her(bob_client, patient):
    assert bob_client.get(patient.get_absolute_url()).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_clinic_admin_reads_who_looked(alice_client, admin_client, patient):
    alice_client.get(patient.get_absolute_url())
    page = admin_client.get(reverse("consultations:access_log", args=[patient.public_id]))
    assert page.status_code == 200
    assert "Alice Ager" in page.content.decode()


def test_only_the_admin_reads_the_log(alice_client, bob_client, patient):
    url = reverse("consultations:access_log", args=[patient.public_id])
    assert alice_client.get(url).status_code == 403
    assert bob_client.get(url).status_code == 404


def test_entries_cannot_be_changed_or_deleted(alice_client, patient):
    alice_client.get(patient.get_absolute_url())
    entry = AccessLogEntry.objects.get()
    entry.what = "forged"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
