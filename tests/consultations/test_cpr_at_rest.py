"""CPR numbers are encrypted at rest, found by search, and unique per clinic by digest."""

import io
import json

import pytest
from cryptography.fernet import InvalidToken
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

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
    url = reverse("consultations:patient_edit", args=[patient.public_id])
    data = {"cpr": patient.cpr_display, "first_name": "Karen", "last_name": "Jensen",
            "phone": "", "occupation": "", "notes": ""}
    token = patient.cpr_encrypted
    alice_client.post(url, {**data, "phone": "12345678", "version": patient.version})
    patient.refresh_from_db()
    assert patient.cpr_encrypted == token  # saving the same number keeps its token
    alice_client.post(url, {**data, "cpr": "0707614285", "version": patient.version})
    page = alice_client.get(reverse("consultations:change_history", args=[patient.public_id]))
    html = page.content.decode()
    assert "•••" in html and "0707614285" not in html and "gAAAA" not in html
    assert "cpr_digest" not in html and "cpr_encrypted" not in html


KEY_A = "dGVzdC1vbmx5LWNwci1rZXktZm9yLW1ha2UtdGVzdCE="
KEY_B = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE="


def test_rotating_the_key_keeps_every_number_readable_and_findable(clinic, settings, alice,
                                                                   alice_client):
    settings.CPR_ENCRYPTION_KEY, settings.CPR_OLD_KEYS = KEY_A, []
    women = [make_patient(clinic, first_name=f"K{n}", cpr=f"17059{n}1234") for n in range(3)]
    settings.CPR_ENCRYPTION_KEY, settings.CPR_OLD_KEYS = KEY_B, [KEY_A]  # new key deployed
    assert Patient.objects.get(pk=women[0].pk).cpr == "1705901234"
    assert Patient.objects.with_cpr("1705911234").get().first_name == "K1"  # old digest
    call_command("rotate_cpr_key", "--batch", "2", stdout=io.StringIO())
    settings.CPR_OLD_KEYS = []  # the old key is gone
    for n, woman in enumerate(women):
        again = Patient.objects.get(pk=woman.pk)
        assert again.cpr == f"17059{n}1234" and again.cpr_encrypted != woman.cpr_encrypted
    assert Patient.objects.with_cpr("1705921234").get().first_name == "K2"
    out = io.StringIO()
    call_command("rotate_cpr_key", stdout=out)
    assert "0 of 3" in out.getvalue()  # idempotent
    page = alice_client.get(reverse("consultations:change_history", args=[women[0].public_id]))
    assert "samme nummer under en ny nøgle" in page.content.decode()
