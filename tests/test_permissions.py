"""Who may do what (issue 11.2): the one permission table, its document, and the clinical acts
refused to the wrong role or to a colleague who is not the author."""

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore
from clinics.permissions import AUTHOR_ONLY, CLINICIANS, PERMISSIONS, Action, Role, as_markdown
from consultations.demo import consultation_form_data
from consultations.models import Amendment, Consultation

from .factories import make_clinician, make_consultation

DOC = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"


def test_docs_permissions_md_is_rendered_from_the_table():
    """PGP_WRITE_DOCS=1 writes the file first (after a change to the table)."""
    if os.environ.get("PGP_WRITE_DOCS") == "1":
        DOC.write_text(as_markdown(), encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == as_markdown()


def test_every_action_has_a_row_and_the_administrator_does_no_clinical_act():
    assert set(PERMISSIONS) == set(Action)
    clinical = {Action.RECORD, Action.TAKE_OVER, Action.SIGN, Action.DELETE_DRAFT, Action.AMEND,
                Action.RECORD_PGQ, Action.GIVE_HANDOUT, Action.REFER, Action.CLOSE_REFERRAL}
    for action in clinical:
        assert PERMISSIONS[action] == CLINICIANS, action
        assert Role.CLINIC_ADMIN not in PERMISSIONS[action]
    assert AUTHOR_ONLY <= clinical


@pytest.fixture
def colleagues(clinic):
    return {role: make_clinician(f"user-{role}", clinic, role=role) for role in
            ("physiotherapist", "midwife", "clinic_admin", "gp")}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def draft_data(draft, **fields):
    return consultation_form_data(version=draft.version, pain=[("nrs", "now", 6)],
                                  flags="absent", **fields)


@pytest.mark.parametrize("role", ["physiotherapist", "midwife", "clinic_admin", "gp"])
def test_only_the_author_signs_her_draft(patient, colleagues, role):
    """A physiotherapist of the GP clinic signed a GP's draft; so did the administrator."""
    draft = patient.consultations.get()
    url = reverse("consultations:consultation_edit", args=[draft.public_id])
    response = client_for(colleagues[role]).post(url, {**draft_data(draft), "action": "sign"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.status, draft.signed_by, draft.version) == ("draft", None, 1)
    assert not PainScore.objects.filter(consultation=draft).exists()  # nothing half-saved


def test_the_author_signs(alice_client, patient):
    draft = patient.consultations.get()
    url = reverse("consultations:consultation_edit", args=[draft.public_id])
    response = alice_client.post(url, {**draft_data(draft), "action": "sign"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "signed"


def test_a_colleague_may_not_see_a_sign_button_on_her_draft(patient, colleagues):
    draft = patient.consultations.get()
    url = reverse("consultations:consultation_edit", args=[draft.public_id])
    page = client_for(colleagues["midwife"]).get(url).content.decode()
    assert 'value="sign"' not in page and 'data-testid="author-signs"' in page


def test_the_administrator_records_nothing_clinical(patient, colleagues):
    admin = client_for(colleagues["clinic_admin"])
    create = reverse("consultations:consultation_create", args=[patient.public_id])
    assert admin.get(create).status_code == 403
    assert admin.post(create, {**consultation_form_data(), "action": "sign"}).status_code == 403
    assert patient.consultations.count() == 1
    page = admin.get(patient.get_absolute_url()).content.decode()
    assert create not in page  # no "New consultation" button


@pytest.mark.parametrize("role", ["midwife", "clinic_admin", "physiotherapist"])
def test_only_the_author_amends_a_signed_consultation(patient, alice, colleagues, role):
    visit = patient.consultations.get()
    visit.status, visit.signed_by, visit.signed_at = "signed", alice, timezone.now()
    visit.save()
    url = reverse("consultations:consultation_amend", args=[visit.public_id])
    data = {"reason": "correction", "text": "Tilføjet af en kollega"}
    assert client_for(colleagues[role]).post(url, data).status_code == 403
    assert not Amendment.objects.exists()
    page = client_for(colleagues[role]).get(visit.get_absolute_url()).content.decode()
    assert url not in page


def test_a_physiotherapist_of_the_gp_clinic_records_and_signs_her_own(patient, colleagues):
    physio = client_for(colleagues["physiotherapist"])
    create = reverse("consultations:consultation_create", args=[patient.public_id])
    response = physio.post(create, {**consultation_form_data(pain=[("nrs", "now", 3)]),
                                    "action": "sign"})
    assert response.status_code == 302
    own = Consultation.objects.get(clinician=colleagues["physiotherapist"])
    assert own.status == "signed" and own.signed_by == colleagues["physiotherapist"]


def test_the_administrator_gives_no_handout_but_may_print(patient, alice, colleagues):
    from education.models import HandoutIssued

    visit = make_consultation(patient, patient.pregnancies.get(), alice, status="signed",
                              signed_by=alice, signed_at=timezone.now())
    url = reverse("consultations:handout_pdf", args=[visit.public_id, "summary"])
    admin = client_for(colleagues["clinic_admin"])
    assert admin.post(url, {"lang": "da"}).status_code == 403
    assert admin.get(url)["Content-Type"] == "application/pdf"
    assert not HandoutIssued.objects.exists()


def test_a_colleague_takes_over_a_draft_and_then_signs_it(patient, alice, colleagues):
    """The explicit way for a colleague to finish a draft: take it over; the record says from
    whom and when, and the change history has the act (issue 11.2)."""
    draft = patient.consultations.get()
    midwife = client_for(colleagues["midwife"])
    take_over = reverse("consultations:consultation_take_over", args=[draft.public_id])
    assert client_for(colleagues["clinic_admin"]).post(take_over).status_code == 403
    assert midwife.post(take_over).status_code == 302
    draft.refresh_from_db()
    assert (draft.clinician, draft.taken_over_from, draft.version) == (
        colleagues["midwife"], alice, 2)
    assert draft.taken_over_at is not None
    url = reverse("consultations:consultation_edit", args=[draft.public_id])
    assert midwife.post(url, {**draft_data(draft), "action": "sign"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.signed_by) == ("signed", colleagues["midwife"])
    page = midwife.get(draft.get_absolute_url(), headers={"accept-language": "en"})
    assert "taken over from Alice Ager" in page.content.decode()
    # A signed consultation is never taken over.
    assert client_for(alice).post(take_over).status_code == 302
    draft.refresh_from_db()
    assert draft.clinician == colleagues["midwife"]
