"""One referral path (issue 15.8): the plan's "physiotherapist" offers the real referral on
her page, and the plan shows that referral's state."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Referral

from ..factories import make_consultation

EN = {"accept-language": "en"}


def _panel(html):
    match = re.search(r'<div[^>]*data-testid="plan-referral"[^>]*>(.*?)\n</div>', html, re.S)
    assert match, "no referral panel"
    return match.group(0)


@pytest.fixture
def draft(patient):
    visit = patient.consultations.get()
    Consultation.objects.filter(pk=visit.pk).update(referral="physiotherapist")
    visit.refresh_from_db()
    return visit


def _edit(client, visit):
    return client.get(reverse("consultations:consultation_edit", args=[visit.public_id]),
                      headers=EN).content.decode()


def test_physiotherapist_in_the_plan_offers_the_real_referral(alice_client, draft, patient):
    panel = _panel(_edit(alice_client, draft))
    assert " hidden" not in panel.split(">")[0]
    assert "Not sent yet" in panel
    assert f'href="{patient.get_absolute_url()}#referral-form"' in panel
    page = alice_client.get(patient.get_absolute_url()).content.decode()
    assert 'id="referral-form"' in page  # where the offer leads


def test_no_referral_in_the_plan_keeps_the_panel_hidden(alice_client, patient):
    visit = patient.consultations.get()
    assert " hidden" in _panel(_edit(alice_client, visit)).split(">")[0]


def test_the_plan_shows_the_referrals_state(alice_client, alice, bob, other_clinic, draft, patient):
    referral = Referral.objects.create(pregnancy=draft.pregnancy, from_clinic=patient.clinic,
                                       to_clinic=other_clinic, created_by=alice)
    panel = _panel(_edit(alice_client, draft))
    assert "Awaiting a first visit" in panel and "Fysioterapien Andetsteds" in panel
    assert 'data-testid="open-referral"' not in panel  # one open referral: nothing to open
    make_consultation(patient, draft.pregnancy, bob, clinic=other_clinic)
    assert "Seen " in _panel(_edit(alice_client, draft))
    page = alice_client.get(patient.get_absolute_url(), headers=EN).content.decode()
    assert "Seen " in page  # the patient page shows the same state
    referral.closed_at, referral.closed_by = timezone.now(), alice
    referral.save()
    panel = _panel(_edit(alice_client, draft))
    assert "Closed" in panel and 'data-testid="open-referral"' in panel


def test_the_signed_record_shows_the_state_too(alice_client, alice, other_clinic, draft, patient):
    Referral.objects.create(pregnancy=draft.pregnancy, from_clinic=patient.clinic,
                            to_clinic=other_clinic, created_by=alice)
    Consultation.objects.filter(pk=draft.pk).update(status="signed", signed_by=alice,
                                                    signed_at=timezone.now())
    html = alice_client.get(draft.get_absolute_url(), headers=EN).content.decode()
    assert "Awaiting a first visit" in _panel(html)


def test_the_referred_clinic_is_never_offered_to_refer_onwards(
    alice, bob, bob_client, other_clinic, patient
):
    Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=patient.clinic,
                            to_clinic=other_clinic, created_by=alice)
    own = make_consultation(patient, patient.pregnancies.get(), bob, clinic=other_clinic,
                            referral="specialised_physiotherapist")
    panel = _panel(_edit(bob_client, own))
    assert 'data-testid="open-referral"' not in panel
    assert "Not sent yet" in panel  # his clinic sent none; the GP's referral is not his


def test_her_page_shows_the_referral_forms_reason_building_the_form_only_once(
        alice_client, patient, clinic, monkeypatch):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django.utils import translation

    from consultations import forms, pages
    from consultations.templatetags import blank_forms

    monkeypatch.setattr(blank_forms, "_RENDERED", {})
    built = []

    class Counted(forms.ReferralForm):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pages, "ReferralForm", Counted)
    pages_seen = [alice_client.get(patient.get_absolute_url(), headers=EN).content.decode()
                  for _ in range(3)]
    form = forms.ReferralForm(from_clinic=clinic, pregnancy=patient.pregnancies.get())
    with translation.override("en"):
        reason = str(as_crispy_field(form["reason"]))
    assert all(reason in page for page in pages_seen) and 'name="reason"' in reason
    assert len(built) == 1  # then remembered per language


def test_a_consultation_asks_for_its_episodes_referrals_and_links_only_when_there_are_some(
        alice_client, alice, patient, clinic, other_clinic):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import make_questionnaire_link

    visit = patient.consultations.get()
    url = reverse("consultations:consultation_detail", args=[visit.public_id])

    def page():
        with CaptureQueriesContext(connection) as captured:
            html = alice_client.get(url, headers=EN).content.decode()
        return html, len(captured)

    bare, none_sent = page()
    assert "Not sent yet" in _panel(bare) and 'data-testid="print-link"' not in bare
    Referral.objects.create(pregnancy=visit.pregnancy, from_clinic=clinic,
                            to_clinic=other_clinic, created_by=alice)
    make_questionnaire_link(visit.pregnancy, alice)
    shown, with_both = page()
    assert f"To {other_clinic.name}, sent" in _panel(shown)
    assert 'data-testid="print-link"' in shown  # her open link, to print on the handout
    assert with_both == none_sent + 2  # the referrals, the open link: asked only now
