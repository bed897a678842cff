"""Version checks on every editable record (issue 10.6): two clinicians editing the same
patient, pregnancy, referral, exercise or leaflet never overwrite each other silently.

A stale save is a 409 that shows what is saved now beside what she typed, and changes
nothing; a fresh save takes the next version; saving a form unchanged loses nothing.
"""

import datetime

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Patient, Pregnancy, Referral
from education.models import EducationTopic, Exercise

from .factories import make_clinician

EN = {"accept-language": "en"}


def as_posted(form):
    """The form as the browser would send it back untouched."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            if value:
                data[field.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        data[field.html_name] = "" if value is None else str(value)
    return data


def opened(client, url, name="form"):
    """GET the edit page and return what its form would post."""
    response = client.get(url)
    assert response.status_code == 200
    return as_posted(response.context[name])


@pytest.fixture
def dora_client(clinic):
    client = Client()
    client.force_login(make_clinician("dora", clinic, first_name="Dora", last_name="Dahl"))
    return client


# --- Patient -----------------------------------------------------------------------------

@pytest.fixture
def patient_url(patient):
    return reverse("consultations:patient_edit", args=[patient.public_id])


def test_a_stale_patient_save_is_a_conflict_that_keeps_both(alice_client, dora_client, patient,
                                                            patient_url):
    mine = opened(alice_client, patient_url, "patient_form")
    hers = opened(dora_client, patient_url, "patient_form")
    assert dora_client.post(patient_url, {**hers, "phone": "22 33 44 55"}).status_code == 302

    response = alice_client.post(patient_url, {**mine, "notes": "Bækkenbælte hjælper"},
                                 headers=EN)

    assert response.status_code == 409
    patient.refresh_from_db()
    assert (patient.phone, patient.notes, patient.version) == ("22 33 44 55", "", 2)
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "22 33 44 55" in page  # what is saved now
    assert page.count("Bækkenbælte hjælper") == 2  # what she typed: in the table and the form
    form = response.context["patient_form"]
    assert form["version"].value() == "2"  # saving again is her deliberate choice


def test_saving_again_after_the_conflict_keeps_her_version(alice_client, dora_client, patient,
                                                           patient_url):
    mine = opened(alice_client, patient_url, "patient_form")
    dora_client.post(patient_url, {**opened(dora_client, patient_url, "patient_form"),
                                   "phone": "22 33 44 55"})
    conflict = alice_client.post(patient_url, {**mine, "notes": "Ny note"})
    again = as_posted(conflict.context["patient_form"])
    assert alice_client.post(patient_url, again).status_code == 302
    patient.refresh_from_db()
    assert (patient.notes, patient.version) == ("Ny note", 3)


def test_a_fresh_patient_save_takes_the_next_version(alice_client, patient, patient_url):
    data = opened(alice_client, patient_url, "patient_form")
    assert alice_client.post(patient_url, {**data, "phone": "12345678"}).status_code == 302
    patient.refresh_from_db()
    assert (patient.phone, patient.version) == ("12345678", 2)


def test_an_unchanged_patient_form_loses_nothing(alice_client, patient, patient_url):
    patient.phone, patient.occupation, patient.notes = "12345678", "Pædagog", "Cykler"
    patient.save()
    data = opened(alice_client, patient_url, "patient_form")
    seen = timezone.now() + datetime.timedelta(minutes=5)
    Patient.objects.filter(pk=patient.pk).update(last_seen_at=seen)  # a visit meanwhile
    before = Patient.objects.values().get(pk=patient.pk)

    assert alice_client.post(patient_url, data).status_code == 302

    after = Patient.objects.values().get(pk=patient.pk)
    assert after.pop("version") == before.pop("version") + 1
    assert after == before  # nothing else changed, not even the last visit


def test_a_missing_or_tampered_version_is_a_conflict(alice_client, patient, patient_url):
    data = opened(alice_client, patient_url, "patient_form")
    for version in ("", "99", "-1"):
        response = alice_client.post(patient_url, {**data, "version": version, "phone": "1"})
        assert response.status_code == 409
    patient.refresh_from_db()
    assert (patient.phone, patient.version) == ("", 1)


# --- Pregnancy ---------------------------------------------------------------------------

@pytest.fixture
def pregnancy_url(patient):
    return reverse("consultations:pregnancy_edit",
                   args=[patient.public_id, patient.pregnancies.get().public_id])


def test_a_stale_pregnancy_save_does_not_undo_the_multiple_tick(alice_client, dora_client,
                                                                patient, pregnancy_url):
    mine = opened(alice_client, pregnancy_url)
    hers = opened(dora_client, pregnancy_url)
    assert dora_client.post(pregnancy_url, {**hers, "multiple": "on"}).status_code == 302

    response = alice_client.post(pregnancy_url, {**mine, "gravida": "3", "para": "1"},
                                 headers=EN)

    assert response.status_code == 409
    pregnancy = patient.pregnancies.get()
    assert (pregnancy.multiple, pregnancy.gravida, pregnancy.version) == (True, 1, 2)
    rows = {label: (saved, typed) for label, saved, typed in
            response.context["conflict"]["rows"]}
    assert rows["Multiple pregnancy"] == ("Yes", "No")
    assert rows["Gravida"] == ("1", "3")
    page = response.content.decode()
    assert "Multiple pregnancy" in page and 'data-testid="conflict"' in page


def test_a_fresh_and_an_unchanged_pregnancy_save(alice_client, patient, pregnancy_url):
    data = opened(alice_client, pregnancy_url)
    before = Pregnancy.objects.values().get()
    assert alice_client.post(pregnancy_url, data).status_code == 302
    after = Pregnancy.objects.values().get()
    assert after.pop("version") == before.pop("version") + 1
    assert after == before
    data = opened(alice_client, pregnancy_url)
    assert alice_client.post(pregnancy_url, {**data, "multiple": "on"}).status_code == 302
    assert Pregnancy.objects.values_list("multiple", "version").get() == (True, 3)


# --- Referral ----------------------------------------------------------------------------

@pytest.fixture
def referral(alice, patient, other_clinic):
    return Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=patient.clinic,
                                   to_clinic=other_clinic, created_by=alice)


def test_closing_a_closed_referral_keeps_who_closed_it_and_when(alice_client, bob_client, bob,
                                                                referral):
    url = reverse("consultations:referral_close", args=[referral.public_id])
    assert bob_client.post(url).status_code == 302
    referral.refresh_from_db()
    closed = (referral.closed_by, referral.closed_at, referral.version)
    assert closed[0] == bob and closed[2] == 2

    response = alice_client.post(url, headers=EN, follow=True)

    assert response.status_code == 200
    assert "already closed" in response.content.decode()
    referral.refresh_from_db()
    assert (referral.closed_by, referral.closed_at, referral.version) == closed


def test_a_stale_referral_object_does_not_close_it_twice(alice, bob, referral):
    from consultations.workflows import close_referral

    stale = Referral.objects.get(pk=referral.pk)  # read while it was open
    assert close_referral(referral=referral, by=bob) is True
    assert stale.is_open
    assert close_referral(referral=stale, by=alice) is False
    referral.refresh_from_db()
    assert referral.closed_by == bob


# --- Exercise and leaflet (education topic) -------------------------------------------------

@pytest.fixture
def admins(clinic):
    clients = []
    for name in ("adam", "agnes"):
        client = Client()
        client.force_login(make_clinician(name, clinic, role="clinic_admin"))
        clients.append(client)
    return clients


@pytest.mark.parametrize("kind,model,text_field", [
    ("exercise", Exercise, "purpose_da"), ("topic", EducationTopic, "body_da"),
])
def test_library_entries_keep_both_versions(admins, clinic, kind, model, text_field):
    adam, agnes = admins
    shared = model.objects.filter(clinic=None).first()
    url = reverse(f"education:{kind}_edit", args=[shared.pk])
    # Both open the shared entry; Adam's save makes the clinic's own version.
    mine, hers = opened(adam, url), opened(agnes, url)
    assert adam.post(url, {**mine, "title_da": "Adams titel"}).status_code == 302
    own = model.objects.get(clinic=clinic)
    # Agnes's first save of the same shared entry is a conflict, not a database error.
    response = agnes.post(url, {**hers, text_field: "Agnes' tekst"}, headers=EN)
    assert response.status_code == 409
    own.refresh_from_db()
    assert (own.title_da, own.version) == ("Adams titel", 1)
    assert getattr(own, text_field) == getattr(shared, text_field)
    page = response.content.decode()
    assert "Adams titel" in page and "Agnes&#x27; tekst" in page
    # Now both edit the clinic's version: the stale one is refused again.
    url = reverse(f"education:{kind}_edit", args=[own.pk])
    mine, hers = opened(adam, url), opened(agnes, url)
    assert agnes.post(url, {**hers, text_field: "Agnes' tekst"}).status_code == 302
    assert adam.post(url, {**mine, "title_da": "Adams nye titel"}).status_code == 409
    own.refresh_from_db()
    assert (own.title_da, getattr(own, text_field), own.version) == (
        "Adams titel", "Agnes' tekst", 2)
    # An unchanged form loses nothing and takes the next version.
    before = model.objects.values().get(pk=own.pk)
    assert adam.post(url, opened(adam, url)).status_code == 302
    after = model.objects.values().get(pk=own.pk)
    assert after.pop("version") == before.pop("version") + 1
    assert after == before


def test_two_first_versions_of_a_shared_entry_at_once_are_a_conflict(clinic, db):
    """Both admins' requests passed the look-up before either saved: the unique short name
    must not become a database error."""
    from education.forms import ExerciseForm
    from education.views import _clinic_version, _save
    from pgp_clinic.versioning import EditConflict

    shared = Exercise.objects.filter(clinic=None).first()
    forms_ = []
    for title in ("Adams titel", "Agnes' titel"):
        copy = _clinic_version(Exercise.objects.get(pk=shared.pk), clinic)
        data = as_posted(ExerciseForm(instance=copy))
        form = ExerciseForm({**data, "title_da": title}, instance=copy)
        assert form.is_valid(), form.errors
        forms_.append(form)
    _save(forms_[0], clinic)
    with pytest.raises(EditConflict) as stale:
        _save(forms_[1], clinic)
    assert stale.value.current.title_da == "Adams titel"
    assert Exercise.objects.filter(clinic=clinic).count() == 1
