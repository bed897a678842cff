"""Dates within clinical bounds (issue 10.8; docs/clinical-rules.md D1): an absurd date is a
field error in her language, never accepted, never a 500 or a database error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import gestation
from consultations.demo import consultation_form_data
from consultations.models import Consultation, Pregnancy

D = datetime.date
EN = {"accept-language": "en"}


def pregnancy_post(pregnancy, **fields):
    data = {"edd": pregnancy.edd.isoformat(), "edd_source": "nuchal_scan", "lmp": "",
            "gravida": "1", "para": "0", "delivery_date": "", "delivery_mode": "",
            "version": str(pregnancy.version)}
    data.update(fields)
    return data


@pytest.mark.parametrize("edd,delivered", [
    ("0001-01-01", "0001-01-01"), ("1900-01-01", "1899-12-01"), ("9999-12-31", "9999-12-31"),
])
def test_an_absurd_due_date_or_delivery_is_a_field_error(alice_client, patient, edd, delivered):
    pregnancy = patient.pregnancies.get()
    url = reverse("consultations:pregnancy_edit", args=[patient.public_id, pregnancy.public_id])
    response = alice_client.post(url, pregnancy_post(
        pregnancy, edd=edd, delivery_date=delivered, delivery_mode="vaginal"), headers=EN)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "edd" in errors and "delivery_date" in errors
    assert "Enter a date from" in response.content.decode() or "future" in str(errors)
    assert Pregnancy.objects.get() == pregnancy and Pregnancy.objects.get().edd == pregnancy.edd


def test_a_last_period_far_from_the_due_date_is_refused(alice_client, patient):
    pregnancy = patient.pregnancies.get()
    url = reverse("consultations:pregnancy_edit", args=[patient.public_id, pregnancy.public_id])
    lmp = pregnancy.edd - datetime.timedelta(days=280 + gestation.MAX_LMP_EDD_GAP_DAYS + 1)
    response = alice_client.post(url, pregnancy_post(pregnancy, lmp=lmp.isoformat()), headers=EN)
    assert response.status_code == 200
    assert "one of the two dates is wrong" in str(response.context["form"].errors["lmp"])


def test_a_cpr_number_of_someone_over_100_is_refused(alice_client, patient):
    url = reverse("consultations:patient_edit", args=[patient.public_id])
    response = alice_client.post(url, {"cpr": "010160-5001", "first_name": "Karen",
                                       "last_name": "Jensen", "version": patient.version},
                                 headers=EN)  # century digit 5 with 60: born 1860
    assert response.status_code == 200
    assert "more than 100 years old" in str(response.context["patient_form"].errors["cpr"])


@pytest.mark.parametrize("edd,delivered", [
    (D(1, 1, 1), D(1, 1, 1)), (D(1900, 1, 1), D(1899, 12, 1)), (D(1, 10, 8), None),
])
def test_an_absurd_pregnancy_already_stored_never_makes_a_500(alice_client, patient, edd,
                                                              delivered):
    """Dates stored before the bounds existed: her consultation pages still work."""
    Pregnancy.objects.update(edd=edd, delivery_date=delivered,
                             delivery_mode="vaginal" if delivered else "")
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    assert alice_client.get(url).status_code == 200
    before = Consultation.objects.count()
    response = alice_client.post(url, consultation_form_data(), headers=EN)
    assert response.status_code == 200
    assert "seen_at" in response.context["forms"].main.errors
    assert Consultation.objects.count() == before


def test_a_visit_past_44_weeks_without_a_delivery_date_is_refused(alice_client, clinic, alice,
                                                                 patient):
    Pregnancy.objects.update(edd=timezone.localdate() - datetime.timedelta(days=29))
    response = alice_client.post(
        reverse("consultations:consultation_create", args=[patient.public_id]),
        consultation_form_data(), headers=EN)
    assert response.status_code == 200
    assert "past 44+0" in str(response.context["forms"].main.errors["seen_at"])


@pytest.mark.parametrize("field,days,message", [
    ("follow_up_on", gestation.MAX_FOLLOW_UP_DAYS + 1, "Enter a date from"),
    ("follow_up_on", gestation.MAX_FOLLOW_UP_DAYS, None),
    ("onset_date", -20 * 366, "Enter a date from"),
    ("onset_date", -300, None),
])
def test_onset_and_follow_up_dates_lie_near_the_visit(alice_client, patient, field, days,
                                                      message):
    day = timezone.localdate() + datetime.timedelta(days=days)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    response = alice_client.post(url, consultation_form_data(**{field: day.isoformat()}),
                                 headers=EN)
    if message:
        assert response.status_code == 200
        assert message in str(response.context["forms"].main.errors[field])
    else:
        assert response.status_code == 302
        assert getattr(Consultation.objects.latest("created_at"), field) == day


def test_a_pgq_from_long_before_the_visit_is_refused(alice_client, patient):
    visit = patient.consultations.get()
    old = timezone.localtime(visit.seen_at).date() - datetime.timedelta(days=29)
    response = alice_client.post(
        reverse("consultations:pgq_create", args=[visit.public_id]),
        {"filled_on": old.isoformat(), **{f"item_{n}": "1" for n in range(1, 26)}},
        headers=EN)
    assert response.status_code == 200
    assert "around the visit" in str(response.context["form"].errors["filled_on"])


@pytest.mark.parametrize("edd,delivered,on,problem", [
    (D(2026, 6, 1), None, D(2025, 8, 25), None),  # 0+0
    (D(2026, 6, 1), None, D(2025, 8, 24), "before_pregnancy"),
    (D(2026, 6, 1), None, D(2026, 6, 29), None),  # 44+0
    (D(2026, 6, 1), None, D(2026, 6, 30), "past_term_limit"),
    (D(2026, 6, 1), D(2026, 6, 3), D(2046, 6, 3), None),
    (D(2026, 6, 1), D(2026, 6, 3), D(2046, 6, 4), "long_after_birth"),
    (D(1, 1, 1), D(1, 1, 1), D(2026, 12, 1), "long_after_birth"),
    (D(9999, 12, 31), None, D(1, 1, 1), "before_pregnancy"),
])
def test_visit_problem_never_overflows(edd, delivered, on, problem):
    assert gestation.visit_problem(edd=edd, delivery_date=delivered, on=on) == problem


def test_years_before_keeps_29_february_in_range():
    assert gestation.years_before(D(2028, 2, 29), 1) == D(2027, 2, 28)
    assert gestation.years_before(D(2028, 2, 29), 4) == D(2024, 2, 29)

