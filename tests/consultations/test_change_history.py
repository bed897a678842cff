"""The change history as she reads it (issue 15.7): one entry per save with its parts folded
in, field labels in her language, names instead of ids, local time, filters by date and
person."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.catalogue import RedFlag
from assessments.models import PainScore, RedFlagAnswer
from consultations.history import set_actor
from consultations.models import HistoryEntry

from ..factories import make_clinic, make_clinician, make_consultation, make_patient, make_pregnancy

EN = {"accept-language": "en"}
DA = {"accept-language": "da"}
SIGNED_AT = datetime.datetime(2026, 11, 26, 20, 26, tzinfo=datetime.UTC)  # 21:26 in Copenhagen


@pytest.fixture
def world(transactional_db):
    """Each save its own transaction, as in the app (PostgreSQL stamps a save with one time)."""
    clinic = make_clinic("Lægerne i Historieby")
    alice = make_clinician("alice", clinic, first_name="Alice", last_name="Ager")
    woman = make_patient(clinic)
    visit = make_consultation(woman, make_pregnancy(woman, ga="30+0"), alice)
    set_actor(alice.pk)
    try:
        with transaction.atomic():  # one save: the consultation and its parts
            visit.status, visit.signed_by, visit.signed_at = "signed", alice, SIGNED_AT
            visit.save()
            RedFlagAnswer.objects.bulk_create(
                RedFlagAnswer(consultation=visit, flag=flag, status="absent") for flag in RedFlag)
            PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=6)
        with transaction.atomic():  # a later save
            PainScore.objects.filter(consultation=visit).update(value=4)
    finally:
        set_actor(None)
    client = Client()
    client.force_login(alice)
    return {"client": client, "woman": woman, "visit": visit, "alice": alice}


def _page(world, headers=EN, **params):
    url = reverse("consultations:change_history", args=[world["woman"].public_id])
    return world["client"].get(url, params, headers=headers)


def _entries(response):
    return response.context["entries"]


def test_one_save_is_one_entry_with_its_parts_named_and_local_time(world):
    response = _page(world)
    html = response.content.decode()
    signing = [e for e in _entries(response) if any(c.label == "Signed by" for c in e.changes)]
    assert len(signing) == 1  # the consultation and its 19 parts: one entry
    entry = signing[0]
    shown = {change.label: (change.before, change.after) for change in entry.changes}
    assert shown["Signed by"] == ("–", "Alice Ager")  # a name, not an id
    assert shown["Status"] == ("Draft", "Signed")  # the choice's label
    assert "21:26" in shown["Signed at"][1]  # Copenhagen time, not UTC
    assert shown["Pain score NRS (0-10) Now"] == ("–", "Value 6")
    assert entry.notes.count("red flags asked") == 1  # not 18 rows
    assert "signed_by_id" not in html and "20:26" not in html
    assert HistoryEntry.objects.filter(table_name="assessments_redflaganswer").count() == len(RedFlag)


def test_a_later_save_is_its_own_entry(world):
    entries = _entries(_page(world))
    # the later save, the signing, the new consultation, her pregnancy, her registration
    assert len(entries) == 5
    latest = entries[0]
    assert [(c.label, c.before, c.after) for c in latest.changes] == [
        ("Pain score NRS (0-10) Now: Value", "6", "4")]
    assert latest.actor == world["alice"]


def test_labels_are_in_her_language(world):
    html = _page(world, headers=DA).content.decode()
    assert "Underskrevet af" in html and "Kladde → Underskrevet" in html


def test_filter_by_person_and_period(world, transactional_db):
    other = make_clinician("carl", make_clinic("Andet sted"))
    today = timezone.localdate()
    assert len(_entries(_page(world, who=world["alice"].pk))) == 2  # her two saves
    assert _entries(_page(world, date_from=(today + datetime.timedelta(days=1)).isoformat())) == []
    assert len(_entries(_page(world, date_from=today.isoformat(), date_to=today.isoformat()))) >= 2
    response = _page(world, who=other.pk)  # not a person in her history
    assert "who" in response.context["form"].errors and response.status_code == 200


def test_bad_filter_input_is_a_translated_field_error(world):
    response = _page(world, headers=DA, date_from="2026-13-45")
    assert response.status_code == 200
    assert "Indtast en gyldig dato." in response.context["form"].errors["date_from"]
    response = _page(world, date_from="2026-11-20", date_to="2026-11-10")
    assert response.context["form"].errors["date_to"] == [
        "The end date cannot be before the start date."]

