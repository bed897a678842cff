"""Autosave of a consultation draft (JSON) and deleting a draft: access, version check, history."""

import pytest
from django.urls import reverse

from assessments.models import PainScore, RedFlagAnswer
from consultations.demo import consultation_form_data
from consultations.models import Consultation, HistoryEntry
from consultations.workflows import AlreadySigned, delete_draft
from education.models import HandoutIssued

from ..factories import make_clinician, make_consultation, make_patient, make_pregnancy


@pytest.fixture
def woman(clinic):
    patient = make_patient(clinic, first_name="Camilla", last_name="Holm")
    make_pregnancy(patient, ga="32+2")
    return patient


@pytest.fixture
def draft(woman, alice):
    return make_consultation(woman, woman.current_pregnancy, alice, history_notes="first words")


@pytest.fixture
def colleague_client(client, clinic):
    client.force_login(make_clinician("carol", clinic, first_name="Carol"))
    return client


def autosave_new(client, woman, headers=None, **data):
    return client.post(reverse("consultations:consultation_autosave_new", args=[woman.public_id]),
                       consultation_form_data(**data), headers=headers)


def autosave(client, consultation, headers=None, **data):
    return client.post(reverse("consultations:consultation_autosave",
                               args=[consultation.public_id]), consultation_form_data(**data),
                       headers=headers)


def test_first_autosave_creates_the_draft_and_names_its_page(alice_client, woman):
    response = autosave_new(alice_client, woman, history_notes="Ondt ved trappegang",
                            pain=[("nrs", "now", 6)], headers={"accept-language": "da"})
    reply = response.json()
    consultation = Consultation.objects.get()
    assert response.status_code == 200
    assert consultation.history_notes == "Ondt ved trappegang" and not consultation.is_signed
    assert reply["version"] == consultation.version == 1
    assert reply["edit_url"] == reverse("consultations:consultation_edit",
                                        args=[consultation.public_id])
    assert reply["message"].startswith("Gemt ")
    assert reply["pain_ids"] == {"0": consultation.pain_scores.get().pk}


def test_autosave_updates_the_draft_and_counts_the_version(alice_client, draft):
    response = autosave(alice_client, draft, version=1, history_notes="more words",
                        headers={"accept-language": "en"})
    draft.refresh_from_db()
    assert response.status_code == 200 and response.json()["message"].startswith("Saved ")
    assert (draft.history_notes, draft.version, response.json()["version"]) == (
        "more words", 2, 2)


def test_a_stale_autosave_is_a_conflict_and_overwrites_nothing(alice_client, draft):
    Consultation.objects.filter(pk=draft.pk).update(version=2, history_notes="colleague's words")
    response = autosave(alice_client, draft, version=1, history_notes="mine",
                        headers={"accept-language": "da"})
    draft.refresh_from_db()
    assert response.status_code == 409 and response.json()["status"] == "conflict"
    assert "ændret af en anden" in response.json()["message"]
    assert (draft.history_notes, draft.version) == ("colleague's words", 2)


def test_invalid_autosave_names_the_fields_and_saves_nothing(alice_client, draft):
    response = autosave(alice_client, draft, version=1, history_notes="changed",
                        sick_leave_percent="250", pain=[("nrs", "now", 60)])
    draft.refresh_from_db()
    errors = response.json()["errors"]
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    assert "sick_leave_percent" in errors and "pain-0-value" in errors
    assert (draft.history_notes, draft.version) == ("first words", 1)
    assert not PainScore.objects.exists()


def test_invalid_first_autosave_creates_nothing(alice_client, woman):
    assert autosave_new(alice_client, woman, sick_leave_percent="250").status_code == 400
    assert not Consultation.objects.exists()


def test_a_signed_consultation_is_never_autosaved(alice_client, draft, alice):
    Consultation.objects.filter(pk=draft.pk).update(status="signed", signed_by=alice,
                                                    signed_at=draft.created_at)
    response = autosave(alice_client, draft, version=1, history_notes="late")
    draft.refresh_from_db()
    assert response.status_code == 409 and response.json()["status"] == "signed"
    assert draft.history_notes == "first words"


def test_another_clinic_cannot_autosave_or_see_the_draft(bob_client, draft, woman):
    assert autosave(bob_client, draft, version=1, goals="x").status_code == 404
    assert autosave_new(bob_client, woman).status_code == 404
    draft.refresh_from_db()
    assert draft.goals == "" and Consultation.objects.count() == 1


def test_anonymous_autosave_is_sent_to_sign_in(client, draft, woman):
    for response in (autosave(client, draft, version=1), autosave_new(client, woman)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert Consultation.objects.count() == 1


def test_autosave_accepts_only_post(alice_client, draft):
    url = reverse("consultations:consultation_autosave", args=[draft.public_id])
    assert alice_client.get(url).status_code == 405


def test_the_page_autosaves_at_the_configured_interval(alice_client, draft, settings):
    settings.AUTOSAVE_SECONDS = 3
    page = alice_client.get(reverse("consultations:consultation_edit", args=[draft.public_id]))
    html = page.content.decode()
    assert 'data-autosave-seconds="3"' in html
    assert reverse("consultations:consultation_autosave", args=[draft.public_id]) in html
    assert "js/autosave.js" in html


# Deleting a draft ---------------------------------------------------------------------------

def delete_url(consultation):
    return reverse("consultations:draft_delete", args=[consultation.public_id])


def test_the_author_deletes_her_draft_with_its_parts_and_the_history_says_so(
        alice_client, draft, woman):
    autosave(alice_client, draft, version=1, history_notes="saved words", pain=[("nrs", "now", 6)])
    assert "Slet kladde" in alice_client.get(
        reverse("consultations:consultation_edit", args=[draft.public_id])).content.decode()
    assert alice_client.get(delete_url(draft)).status_code == 200  # the confirm step
    assert Consultation.objects.filter(pk=draft.pk).exists()
    response = alice_client.post(delete_url(draft))
    assert response.status_code == 302 and response["Location"] == woman.get_absolute_url()
    assert not Consultation.objects.exists()
    assert not PainScore.objects.exists() and not RedFlagAnswer.objects.exists()
    timeline = alice_client.get(woman.get_absolute_url()).content.decode()
    assert str(draft.public_id) not in timeline
    history = alice_client.get(reverse("consultations:change_history", args=[woman.public_id]),
                               headers={"accept-language": "da"}).content.decode()
    assert "slettet af Alice Ager" in history
    entry = HistoryEntry.objects.get(table_name="consultations_consultation", operation="delete")
    assert entry.old_values["history_notes"] == "saved words"  # what was deleted is kept
    assert HistoryEntry.objects.filter(table_name="assessments_painscore",
                                       operation="delete").count() == 1


def test_a_colleague_in_the_clinic_cannot_delete_her_draft(colleague_client, draft):
    assert "Slet kladde" not in colleague_client.get(
        reverse("consultations:consultation_edit", args=[draft.public_id])).content.decode()
    assert colleague_client.get(delete_url(draft)).status_code == 403
    assert colleague_client.post(delete_url(draft)).status_code == 403
    assert Consultation.objects.filter(pk=draft.pk).exists()


def test_another_clinic_gets_not_found(bob_client, draft):
    assert bob_client.post(delete_url(draft)).status_code == 404
    assert Consultation.objects.filter(pk=draft.pk).exists()


def test_a_signed_record_is_never_deleted(alice_client, draft, alice):
    Consultation.objects.filter(pk=draft.pk).update(status="signed", signed_by=alice,
                                                    signed_at=draft.created_at)
    assert alice_client.post(delete_url(draft)).status_code == 403
    draft.refresh_from_db()
    with pytest.raises(AlreadySigned):
        delete_draft(consultation=draft, by=alice)
    assert Consultation.objects.filter(pk=draft.pk).exists()


def test_a_draft_a_handout_was_given_from_stays(alice_client, draft, alice):
    HandoutIssued.objects.create(consultation=draft, kind="programme", language="da",
                                 template_version="1", issued_by=alice)
    response = alice_client.post(delete_url(draft))
    assert response.status_code == 302
    assert Consultation.objects.filter(pk=draft.pk).exists()


def test_anonymous_delete_is_sent_to_sign_in(client, draft):
    response = client.post(delete_url(draft))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Consultation.objects.filter(pk=draft.pk).exists()

