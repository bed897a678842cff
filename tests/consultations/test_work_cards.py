"""The dashboard's "due" and "pain worse" cards stored where they are decided (issue 12, item 3):
kept by the workflows, filled by the data migration the same way, read through indexes."""

import datetime

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore
from consultations import worklist
from consultations.models import WorkCard
from consultations.workflows import delete_draft

from ..factories import make_consultation, make_patient, make_pregnancy, sign_visit


def _rows():
    return sorted(WorkCard.objects.values_list(
        "clinic_id", "pregnancy_id", "patient_id", "consultation_id", "seen_at", "follow_up_on",
        "worse_visit_id", "worse_score_id", "worse_from", "worse_since"))


def _scored(patient, pregnancy, clinician, days_ago, value, *, sign=True, **fields):
    visit = make_consultation(patient, pregnancy, clinician,
                              seen_at=timezone.now() - datetime.timedelta(days=days_ago), **fields)
    PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=value)
    return sign_visit(visit, clinician) if sign else visit


def test_the_data_migrations_fill_gives_what_the_workflows_kept(db, clinic, alice):
    today = timezone.localdate()
    for number, (values, follow_up) in enumerate([
        ((2, 6), 3),        # worse, due in 3 days
        ((6, 2), None),     # better
        ((3, 3, 7), 10),    # worse at the last pair; due beyond the week
        ((5,), 1),          # one scored visit: nothing to compare
    ]):
        woman = make_patient(clinic, first_name=f"Kort{number}")
        pregnancy = make_pregnancy(woman, ga="30+0")
        for index, value in enumerate(values):
            last = index == len(values) - 1
            _scored(woman, pregnancy, alice, 20 - 5 * index, value,
                    follow_up_on=today + datetime.timedelta(days=follow_up) if last and follow_up
                    else None)
    old = make_patient(clinic, first_name="Gammel")  # worse, but long ago: never shown
    old_pregnancy = make_pregnancy(old, ga="30+0")
    _scored(old, old_pregnancy, alice, 400, 1)
    _scored(old, old_pregnancy, alice, 390, 9)
    kept = _rows()
    assert sum(1 for row in kept if row[7]) == 3
    WorkCard.objects.all().delete()
    with connection.cursor() as cursor:
        worklist.fill(cursor)
    filled = _rows()
    # The fill decides "worse" only for pairs recent enough to be shown; the rest are equal.
    assert [row for row in filled if row[1] != old_pregnancy.pk] == [
        row for row in kept if row[1] != old_pregnancy.pk]
    assert [row[:6] for row in filled] == [row[:6] for row in kept]


def test_a_deleted_later_draft_makes_the_earlier_follow_up_due_again(alice_client, alice, patient):
    pregnancy = patient.pregnancies.get()
    patient.consultations.all().delete()
    due_on = timezone.localdate() + datetime.timedelta(days=2)
    earlier = make_consultation(patient, pregnancy, alice, follow_up_on=due_on,
                                seen_at=timezone.now() - datetime.timedelta(days=5))
    later = make_consultation(patient, pregnancy, alice, seen_at=timezone.now())
    assert not alice_client.get(reverse("dashboard")).context["due"]
    delete_draft(consultation=later, by=alice)
    due = alice_client.get(reverse("dashboard")).context["due"]
    assert [(card.consultation_id, card.follow_up_on) for card in due] == [(earlier.pk, due_on)]


def test_worse_needs_signed_visits_and_is_decided_at_signing(alice_client, alice, patient):
    pregnancy = patient.pregnancies.get()
    _scored(patient, pregnancy, alice, 6, 2)
    draft = _scored(patient, pregnancy, alice, 1, 8, sign=False)
    assert not alice_client.get(reverse("dashboard")).context["worse"]
    sign_visit(draft, alice)
    worse = alice_client.get(reverse("dashboard")).context["worse"]
    assert [(card.patient_id, card.worse_from, card.worse_score.value) for card in worse] == [
        (patient.pk, 2, 8)]
