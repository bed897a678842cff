"""CPR numbers are encrypted at rest, found by search, and unique per clinic by digest."""

import json

import pytest
from cryptography.fernet import InvalidToken
from django.db import IntegrityError, connection, transaction

from consultations.models import HistoryEntry, Patient

from ..factories import make_patient

CPR = "1705931234"


@pytest.fixture
def karen(clinic):
    return make_patient(clinic, cpr=CPR)


def test_the_database_row_and_the_change_history_hold_no_cpr_number(karen):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM consultations_patient WHERE id = %s", [karen.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    stored = row + json.dumps(list(HistoryEntry.objects.filter(patient_id=karen.pk)
                                   .values_list("new_values", flat=True)))
    assert CPR not in stored and "170593-1234" not in stored
    assert karen.cpr_encrypted.startswith("gAAAA")  # a Fernet token
    assert Patient.objects.get(pk=karen.pk).cpr == CPR  # and it reads back
    assert karen.date_of_birth.isoformat() == "1993-05-17"  # taken from the number


def test_without_the_key_the_number_cannot_be_read_or_matched(karen, settings):
    settings.CPR_ENCRYPTION_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktISE="
    with pytest.raises(InvalidToken):
        Patient.objects.get(pk=karen.pk).cpr  # noqa: B018
    assert not Patient.objects.with_cpr(CPR).exists()


@pytest.mark.parametrize("typed", ["1", "17", "170", "1705", "17059", "170593", "1705931",
                                   "17059312", "170593123", CPR, "170593-1234"])
def test_search_finds_her_by_any_leading_part_of_the_number(clinic, karen, typed):
    make_patient(clinic, first_name="Other", cpr="1805931234")
    make_patient(clinic, first_name="Third", cpr="1705941234")
    make_patient(clinic, first_name="Fourth", cpr="1705932234")
    found = set(Patient.objects.search(typed).values_list("first_name", flat=True))
    expected = {"Karen"}
    if len(typed) <= 6 and "1705941234".startswith(typed.replace("-", "")):
        expected.add("Third")
    if len(typed) <= 6:
        expected.add("Fourth")
    if "1805931234".startswith(typed):
        expected.add("Other")
    assert found == expected


def test_two_records_of_one_number_in_one_clinic_are_refused_by_the_database(clinic, karen):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_patient(clinic, first_name="Again", cpr=CPR)


def test_the_history_shows_that_the_number_changed_never_the_token(alice_client, patient):
    from django.urls import reverse

    url = reverse("consultations:patient_edit", args=[patient.public_id])
    data = {"cpr": patient.cpr_display, "first_name": "Karen", "last_name": "Jensen",
            "phone": "", "occupation": "", "notes": ""}
    token = patient.cpr_encrypted
    alice_client.post(url, {**data, "phone": "12345678"})
    patient.refresh_from_db()
    assert patient.cpr_encrypted == token  # saving the same number keeps its token
    alice_client.post(url, {**data, "cpr": "0707614285"})
    page = alice_client.get(reverse("consultations:change_history", args=[patient.public_id]))
    html = page.content.decode()
    assert "•••" in html and "0707614285" not in html and "gAAAA" not in html
    assert "cpr_digest" not in html and "cpr_encrypted" not in html
