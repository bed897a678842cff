"""The GP's work cards on the dashboard: her drafts, red flags awaiting action, follow-ups
due and the referrals her clinic sent, each with its state (issue 15.2)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import RedFlagAnswer
from consultations.models import AccessLogEntry, Consultation, Referral
from consultations.pages import RED_FLAG_FOLLOW_UP, WORKLIST_LIMIT

from ..factories import make_clinician, make_consultation, make_patient, make_pregnancy, sign_in_as


@pytest.fixture
def colleague(clinic):
    return make_clinician("carol", clinic, first_name="Carol", last_name="Kollega")


@pytest.fixture
def colleague_client(colleague):
    client = Client()
    sign_in_as(client, colleague)
    return client


def _flag(visit, action=""):
    return RedFlagAnswer.objects.create(consultation=visit, flag="ce_saddle_anaesthesia",
                                        status="present", action_taken=action)


EN = {"accept-language": "en"}


def _dashboard(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response


def test_her_own_drafts_are_listed_not_a_colleagues(alice_client, colleague_client, patient):
    draft = patient.consultations.get()
    assert [d.pk for d in _dashboard(alice_client).context["drafts"]] == [draft.pk]
    assert _dashboard(colleague_client).context["drafts"] == []


def test_a_signed_consultation_is_no_longer_a_draft(alice_client, alice, patient):
    patient.consultations.update(status="signed", signed_by=alice, signed_at=timezone.now())
    assert _dashboard(alice_client).context["drafts"] == []


def test_a_red_flag_without_action_is_on_the_clinics_card_and_marked_on_her_page(
    alice_client, colleague_client, bob_client, patient
):
    draft = patient.consultations.get()
    answer = _flag(draft)
    page = _dashboard(colleague_client)  # the whole clinic sees it, not only the author
    assert [v.pk for v in page.context["red_flags"]] == [draft.pk]
    assert patient.full_name in page.content.decode()
    detail = alice_client.get(patient.get_absolute_url()).content.decode()
    assert 'data-testid="red-flag-alert"' in detail
    english = alice_client.get(patient.get_absolute_url(), headers=EN).content.decode()
    assert "Red flag: action missing" in english
    assert "no action is recorded yet" in english
    assert _dashboard(bob_client).context["red_flags"] == []  # another clinic: never
    answer.action_taken = "   "  # blank is no action
    answer.save()
    assert "no action recorded yet" in alice_client.get(
        reverse("dashboard"), headers=EN).content.decode()


def test_a_red_flag_with_its_action_stays_until_a_later_visit_follows_it_up(
    alice_client, alice, patient
):
    visit = patient.consultations.get()
    _flag(visit, action="Ringet til fødeafdelingen")
    page = alice_client.get(reverse("dashboard"), headers=EN)
    assert [v.pk for v in page.context["red_flags"]] == [visit.pk]
    assert "Ringet til fødeafdelingen" in page.content.decode()
    english = alice_client.get(patient.get_absolute_url(), headers=EN).content.decode()
    assert "no later visit has followed it up yet" in english
    later = make_consultation(patient, visit.pregnancy, alice,
                              seen_at=visit.seen_at + datetime.timedelta(days=2))
    assert _dashboard(alice_client).context["red_flags"] == []
    detail = alice_client.get(patient.get_absolute_url()).content.decode()
    assert 'data-testid="red-flag-alert"' not in detail
    assert 'data-testid="red-flag-mark"' in detail  # the flag itself stays marked
    later.delete()
    Consultation.objects.filter(pk=visit.pk).update(
        seen_at=timezone.now() - RED_FLAG_FOLLOW_UP - datetime.timedelta(days=1))
    assert _dashboard(alice_client).context["red_flags"] == []  # followed up for two weeks


def test_an_absent_red_flag_is_not_listed(alice_client, patient):
    RedFlagAnswer.objects.create(consultation=patient.consultations.get(),
                                 flag="ce_saddle_anaesthesia", status="absent")
    assert _dashboard(alice_client).context["red_flags"] == []
    assert 'data-testid="red-flag-mark"' not in alice_client.get(
        patient.get_absolute_url()).content.decode()


def test_referrals_sent_show_their_state(alice_client, alice, bob, other_clinic, patient):
    pregnancy = patient.pregnancies.get()
    referral = Referral.objects.create(pregnancy=pregnancy, from_clinic=patient.clinic,
                                       to_clinic=other_clinic, created_by=alice)
    english = {"accept-language": "en"}

    def state():
        page = alice_client.get(reverse("dashboard"), headers=english)
        [sent] = page.context["sent"]
        assert sent.pk == referral.pk
        return sent.state, page.content.decode()

    assert state()[0] == "awaiting"
    assert "Awaiting a first visit" in state()[1]
    seen = timezone.now() - datetime.timedelta(days=1)
    make_consultation(patient, pregnancy, bob, clinic=other_clinic, seen_at=seen)
    assert state()[0] == "seen"
    assert f"Seen {timezone.localtime(seen):%d/%m/%Y}" in state()[1]
    referral.closed_at, referral.closed_by = timezone.now(), alice
    referral.save()
    assert state()[0] == "closed"


def test_the_physiotherapy_clinic_sees_no_referral_as_sent(bob_client, alice, other_clinic, patient):
    Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=patient.clinic,
                            to_clinic=other_clinic, created_by=alice)
    page = _dashboard(bob_client)
    assert page.context["sent"] == []
    assert len(page.context["awaiting"]) == 1


def test_anonymous_is_sent_to_sign_in(db):
    response = Client().get(reverse("dashboard"))
    assert response.status_code == 302


def test_every_woman_on_the_new_cards_is_access_logged_once(alice_client, alice, other_clinic, patient):
    draft = patient.consultations.get()
    _flag(draft)
    Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=patient.clinic,
                            to_clinic=other_clinic, created_by=alice)
    _dashboard(alice_client)
    logged = AccessLogEntry.objects.filter(user=alice, what="dashboard", patient=patient)
    assert logged.count() == 1


def _fill(clinic, alice, other_clinic, count):
    for number in range(count):
        woman = make_patient(clinic, first_name=f"Arbejde{number}")
        pregnancy = make_pregnancy(woman, ga="30+0")
        _flag(make_consultation(woman, pregnancy, alice))
        Referral.objects.create(pregnancy=pregnancy, from_clinic=clinic, to_clinic=other_clinic,
                                created_by=alice)


def test_the_cards_are_bounded_and_cost_the_same_queries_for_1_and_15_women(
    alice_client, alice, clinic, other_clinic
):
    def count():
        with CaptureQueriesContext(connection) as captured:
            page = _dashboard(alice_client)
        return len(captured), page

    _fill(clinic, alice, other_clinic, 1)
    few, _page = count()
    _fill(clinic, alice, other_clinic, 14)
    many, page = count()
    assert few == many
    for name in ("drafts", "red_flags", "sent"):
        assert len(page.context[name]) == WORKLIST_LIMIT
