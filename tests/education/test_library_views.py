import pytest
from django.test import Client
from django.urls import reverse

from education.models import EducationTopic, Exercise

from ..factories import make_clinician, sign_in_as


@pytest.fixture
def admin_client(clinic):
    return sign_in_as(Client(), make_clinician("adam", clinic, role="clinic_admin"))


def exercise_data(**overrides):
    data = {
        "title_da": "Skulderrul", "title_en": "Shoulder rolls", "category": "mobility",
        "purpose_da": "Løsner skuldrene.", "purpose_en": "Eases the shoulders.",
        "start_position_da": "Sid på en stol.", "start_position_en": "Sit on a chair.",
        "instructions_da": "Rul skuldrene bagud.\nTræk vejret roligt.",
        "instructions_en": "Roll your shoulders back.\nBreathe calmly.",
        "sets": "2", "reps": "10", "times_per_day": "2", "first_trimester": "on",
        "second_trimester": "on", "third_trimester": "on", "postpartum": "on",
        "regions": ["general"], "illustration": "",
    }
    data.update(overrides)
    return data


def test_every_clinician_reads_the_shared_library(alice_client, db):
    page = alice_client.get(reverse("education:library"))
    assert page.status_code == 200
    assert len(page.context["exercises"]) >= 15
    assert len(page.context["topics"]) >= 8


def test_a_clinician_who_is_not_admin_cannot_edit(alice_client, db):
    exercise = Exercise.objects.filter(clinic=None).first()
    assert alice_client.get(reverse("education:exercise_create")).status_code == 403
    assert alice_client.get(reverse("education:exercise_edit", args=[exercise.pk])).status_code == 403


def test_admin_adds_the_clinics_own_exercise(admin_client, clinic, alice_client):
    response = admin_client.post(reverse("education:exercise_create"), exercise_data())
    assert response.status_code == 302
    own = Exercise.objects.get(clinic=clinic)
    assert own.slug == "clinic-skulderrul"
    assert own in alice_client.get(reverse("education:library")).context["exercises"]


def test_adapting_a_shared_exercise_makes_a_clinic_version(admin_client, clinic, other_clinic):
    shared = Exercise.objects.get(clinic=None, slug="sit-to-stand")
    url = reverse("education:exercise_edit", args=[shared.pk])
    data = exercise_data(title_da="Rejs dig fra stolen (vores udgave)", reps="6")
    assert admin_client.post(url, data).status_code == 302
    shared.refresh_from_db()
    own = Exercise.objects.get(clinic=clinic, slug="sit-to-stand")
    assert (own.title_da, own.reps) == ("Rejs dig fra stolen (vores udgave)", 6)
    assert shared.title_da != own.title_da  # the shared entry is unchanged
    mine = list(Exercise.objects.for_clinic(clinic))
    assert own in mine and shared not in mine
    assert shared in Exercise.objects.for_clinic(other_clinic)


def test_fear_inducing_library_text_is_refused_with_an_alternative(admin_client, clinic):
    response = admin_client.post(
        reverse("education:exercise_create"),
        exercise_data(instructions_da="Undgå trapper.\nTag små skridt."),
    )
    assert response.status_code == 200
    assert "instructions_da" in response.context["form"].errors
    assert not Exercise.objects.filter(clinic=clinic).exists()


@pytest.mark.parametrize("field,value", [("sets", "0"), ("reps", "500"), ("times_per_day", "11")])
def test_implausible_dosage_is_a_field_error(admin_client, clinic, field, value):
    response = admin_client.post(reverse("education:exercise_create"),
                                 exercise_data(**{field: value}))
    assert field in response.context["form"].errors
    assert not Exercise.objects.filter(clinic=clinic).exists()


def test_another_clinics_own_entries_are_404(admin_client, other_clinic):
    theirs = Exercise.objects.create(
        clinic=other_clinic, slug="theirs", category="mobility", title_da="Deres",
        purpose_da="x", start_position_da="x", instructions_da="x", reps=5,
    )
    topic = EducationTopic.objects.create(clinic=other_clinic, slug="t", title_da="T", body_da="x")
    assert admin_client.get(reverse("education:exercise_edit", args=[theirs.pk])).status_code == 404
    assert admin_client.get(reverse("education:topic_edit", args=[topic.pk])).status_code == 404


def test_library_page_queries_do_not_grow_with_clinic_entries(admin_client, clinic):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(reverse("education:library"))
        return len(captured)

    before = count()
    admin_client.post(reverse("education:exercise_create"), exercise_data())
    admin_client.post(reverse("education:exercise_create"), exercise_data(title_da="Nakkerul"))
    assert count() == before
