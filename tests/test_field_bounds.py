"""Every date and number field of every form, swept with extreme values on PostgreSQL
(issue 10.8; bounds in consultations/gestation.py, docs/clinical-rules.md D1).

Each example is POSTed through the real view. The answer is never a 500 or a database error:
either the values are saved and lie within their bounds, or the page (200) shows a field
error at every field whose value is outside its bounds, and nothing was saved.

Values: dates from 0001-01-01 to 9999-12-31 (and 1899/1900, today ± a day); integers from
-2**63 to 2**63 (and each bound ± 1); decimals including NaN, infinities and exponents; and
strings of up to 5,000 digits. 30 examples per group (derandomised), 9 groups, 270 POSTs:

| Group | Form (view) | Fields |
|---|---|---|
| patient | PatientForm (patient_edit) | CPR number (her birth date) |
| pregnancy | PregnancyForm (pregnancy_edit) | edd, lmp, delivery_date, gravida, para |
| visit dates | ConsultationForm (consultation_create) | seen_at, onset_date, follow_up_on |
| history numbers | ConsultationForm | onset_ga_weeks, duration_weeks, sick_leave_percent |
| vital signs | ConsultationForm | systolic, diastolic, temperature |
| scores | PainScoreFormSet, PelvicTestForm | NRS and VAS values, ASLR left/right |
| programme | ProgrammeFormSet (education/forms.py) | sets, reps, hold_seconds, times_per_day, |
|           |                                       | position |
| PGQ | PgqForm (pgq_create) | filled_on, items 1–25 |
| library | ExerciseForm (exercise_create) | sets, reps, hold_seconds, times_per_day |
|         | ReferralForm (referral_create) | to_clinic |
"""

import datetime
import itertools
from decimal import Decimal, InvalidOperation

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse
from consultations import gestation
from consultations.demo import consultation_form_data
from consultations.models import Consultation, Patient, Pregnancy, Referral
from education.models import Exercise, ProgrammeItem

from .factories import make_clinician

SWEEP = settings(max_examples=30, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
TODAY = timezone.localdate
_admins = itertools.count()


def _edge_dates():
    today = TODAY()
    return [datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1899, 12, 1),
            datetime.date(1900, 1, 1), today, today + datetime.timedelta(days=1),
            today - datetime.timedelta(days=1)]


DATES = st.one_of(st.dates(), st.sampled_from(_edge_dates()))
DIGITS = st.integers(1, 5000).map(lambda n: "9" * n)


def integers(*edges):
    """Any 64-bit integer, the edges given ± 1, or a long string of digits; as posted text."""
    near = [value + step for value in edges for step in (-1, 0, 1)]
    return st.one_of(st.integers(-2**63, 2**63).map(str), st.sampled_from(near).map(str),
                     DIGITS, st.just(""))


DECIMALS = st.one_of(st.decimals().map(str), st.sampled_from(["33.9", "34.0", "42.0", "42.05",
                                                              "1e400", "-0", "NaN", "Inf"]),
                     DIGITS)


def as_int(text):
    try:
        return int(text)
    except ValueError:
        return None


def within(text, low, high):
    value = as_int(text)
    return value is not None and low <= value <= high


def state():
    """Everything a refused form must leave as it was."""
    return (list(Patient.objects.values()), list(Pregnancy.objects.values()),
            Consultation.objects.count(), PainScore.objects.count(),
            PelvicTestResult.objects.count(), ProgrammeItem.objects.count(),
            QuestionnaireResponse.objects.count(), Exercise.objects.count(),
            Referral.objects.count())


def submit(client, url, data, form_of):
    """POST; a refusal changes nothing and names the fields; returns (saved, errors)."""
    before = state()
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        return True, {}
    assert state() == before, "a refused form changed the database"
    errors = form_of(response.context)
    assert errors, "refused without saying why"
    return False, errors


def expect_errors(saved, errors, out_of_bounds):
    """Each field posted outside its bounds is refused at that field."""
    for field, outside in out_of_bounds.items():
        if outside:
            assert not saved, f"{field} was saved outside its bounds"
            assert field in errors, (field, errors)


# --- Patient and pregnancy ---------------------------------------------------------------

@given(born=DATES, serial=st.integers(0, 9999))
@SWEEP
def test_patient_birth_date_from_the_cpr_number(alice_client, patient, born, serial):
    """The century digit of the serial decides 18xx/19xx/20xx: every birth year is reachable."""
    url = reverse("consultations:patient_edit", args=[patient.public_id])
    patient.refresh_from_db()
    cpr = f"{born:%d%m}{born.year % 100:02d}{serial:04d}"
    saved, errors = submit(alice_client, url, {
        "cpr": cpr, "first_name": "Karen", "last_name": "Jensen", "version": patient.version,
    }, lambda context: context["patient_form"].errors)
    if saved:
        patient.refresh_from_db()
        earliest = gestation.years_before(TODAY(), gestation.MAX_PATIENT_AGE_YEARS)
        assert earliest <= patient.date_of_birth <= TODAY()
    else:
        assert "cpr" in errors


@given(edd=DATES, lmp=st.one_of(st.just(None), DATES), delivered=st.one_of(st.just(None), DATES),
       gravida=integers(1, 30), para=integers(0, 29))
@SWEEP
def test_pregnancy_dates_and_counts(alice_client, patient, edd, lmp, delivered, gravida, para):
    pregnancy = patient.pregnancies.get()
    url = reverse("consultations:pregnancy_edit", args=[patient.public_id, pregnancy.public_id])
    today = TODAY()
    earliest = gestation.years_before(today, gestation.MAX_YEARS_AFTER_BIRTH)
    saved, errors = submit(alice_client, url, {
        "edd": edd.isoformat(), "edd_source": "nuchal_scan",
        "lmp": lmp.isoformat() if lmp else "", "gravida": gravida, "para": para,
        "delivery_date": delivered.isoformat() if delivered else "",
        "delivery_mode": "vaginal" if delivered else "", "version": pregnancy.version,
    }, lambda context: context["form"].errors)
    expect_errors(saved, errors, {
        "edd": not earliest <= edd <= today + datetime.timedelta(days=280),
        "lmp": lmp is not None and not gestation.years_before(
            today, gestation.MAX_YEARS_AFTER_BIRTH + 1) <= lmp <= today,
        "delivery_date": delivered is not None and not earliest <= delivered <= today,
        "gravida": not within(gravida, 1, 30), "para": not within(para, 0, 29),
    })
    if saved:
        stored = Pregnancy.objects.get(pk=pregnancy.pk)
        assert (stored.edd, stored.lmp, stored.delivery_date) == (edd, lmp, delivered)


# --- Consultation --------------------------------------------------------------------------

def consultation_errors(context):
    forms = context["forms"]
    errors = dict(forms.main.errors)
    errors.update({f"test-{name}": e for name, e in forms.tests.errors.items()})
    for number, form_errors in enumerate(forms.pain.errors):
        errors.update({f"pain-{number}-{name}": e for name, e in form_errors.items()})
    for number, form_errors in enumerate(forms.programme.errors):
        errors.update({f"programme-{number}-{name}": e for name, e in form_errors.items()})
    return errors


def create_consultation(client, patient, **fields):
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    return submit(client, url, consultation_form_data(**fields), consultation_errors)


def _edge_moments():
    recent = timezone.localtime().replace(tzinfo=None, second=0, microsecond=0)
    return [datetime.datetime(1, 1, 1), datetime.datetime(9999, 12, 31, 23, 59),
            datetime.datetime(1900, 1, 1), recent - datetime.timedelta(hours=2),
            recent - datetime.timedelta(days=200), recent - datetime.timedelta(days=300)]


@given(seen=st.one_of(st.datetimes(), st.sampled_from(_edge_moments())),
       onset=DATES, follow_up=DATES)
@SWEEP
def test_visit_onset_and_follow_up_dates(alice_client, patient, seen, onset, follow_up):
    saved, errors = create_consultation(
        alice_client, patient, seen_at=seen.isoformat(timespec="minutes"),
        onset_date=onset.isoformat(), follow_up_on=follow_up.isoformat())
    pregnancy = patient.pregnancies.get()
    day = seen.date()
    outside_pregnancy = gestation.visit_problem(
        edd=pregnancy.edd, delivery_date=pregnancy.delivery_date, on=day) is not None
    expect_errors(saved, errors, {"seen_at": outside_pregnancy or day > TODAY()})
    if saved or "seen_at" not in errors:
        expect_errors(saved, errors, {
            "onset_date": not (gestation.years_before(day, gestation.MAX_ONSET_YEARS)
                               <= onset <= day),
            "follow_up_on": not day <= follow_up <= day + datetime.timedelta(
                days=gestation.MAX_FOLLOW_UP_DAYS),
        })
    if saved:
        visit = Consultation.objects.latest("created_at")
        assert (visit.onset_date, visit.follow_up_on) == (onset, follow_up)
        assert 0 <= visit.ga_days_at_visit <= gestation.MAX_ONGOING_DAYS


@given(onset_weeks=integers(0, 44), duration=integers(0, 104), percent=integers(1, 99))
@SWEEP
def test_history_numbers(alice_client, patient, onset_weeks, duration, percent):
    saved, errors = create_consultation(
        alice_client, patient, onset_ga_weeks=onset_weeks, duration_weeks=duration,
        work_status="partial", sick_leave_percent=percent)
    expect_errors(saved, errors, {
        "onset_ga_weeks": onset_weeks != "" and not within(onset_weeks, 0, 44),
        "duration_weeks": duration != "" and not within(duration, 0, 104),
        "sick_leave_percent": not within(percent, 1, 99),
    })


@given(systolic=integers(60, 250), diastolic=integers(30, 150), temperature=DECIMALS)
@SWEEP
def test_vital_signs(alice_client, patient, systolic, diastolic, temperature):
    saved, errors = create_consultation(alice_client, patient, systolic=systolic,
                                        diastolic=diastolic, temperature=temperature)
    try:
        degrees = Decimal(temperature)
        temperature_ok = degrees.is_finite() and Decimal(34) <= degrees <= Decimal(42) and (
            degrees == degrees.quantize(Decimal("0.1")))
    except (InvalidOperation, ValueError):
        temperature_ok = False
    expect_errors(saved, errors, {
        "systolic": systolic != "" and not within(systolic, 60, 250),
        "diastolic": diastolic != "" and not within(diastolic, 30, 150),
        "temperature": temperature != "" and not temperature_ok,
    })
    if saved:
        visit = Consultation.objects.latest("created_at")
        assert visit.systolic is None or 60 <= visit.systolic <= 250
        assert visit.temperature is None or 34 <= visit.temperature <= 42


@given(nrs=integers(0, 10), vas=integers(0, 100), aslr_left=integers(0, 5),
       aslr_right=integers(0, 5))
@SWEEP
def test_pain_scores_and_aslr(alice_client, patient, nrs, vas, aslr_left, aslr_right):
    saved, errors = create_consultation(
        alice_client, patient, pain=[("nrs", "now", nrs), ("vas", "worst_week", vas)],
        tests={"aslr_left": aslr_left, "aslr_right": aslr_right})
    # A new pain row counts once a value is typed (the rows come with a scale and context
    # preset): an empty one is a blank row, left out without an error.
    expect_errors(saved, errors, {
        "pain-0-value": nrs != "" and not within(nrs, 0, 10),
        "pain-1-value": vas != "" and not within(vas, 0, 100),
        "test-aslr_left": aslr_left != "" and not within(aslr_left, 0, 5),
        "test-aslr_right": aslr_right != "" and not within(aslr_right, 0, 5),
    })
    if saved:
        visit = Consultation.objects.latest("created_at")
        values = sorted(score.value for score in visit.pain_scores.all())
        assert values == sorted(int(value) for value in (nrs, vas) if value != "")


@pytest.fixture
def exercise(clinic):
    return Exercise.objects.for_clinic(clinic).first()


@given(sets=integers(1, 10), reps=integers(1, 100), hold=integers(1, 3600),
       times=integers(1, 10), position=integers(0, 99))
@SWEEP
def test_programme_dosage(alice_client, patient, exercise, sets, reps, hold, times, position):
    saved, errors = create_consultation(alice_client, patient, programme=[{
        "exercise": str(exercise.pk), "sets": sets, "reps": reps, "hold_seconds": hold,
        "times_per_day": times, "position": position, "note": "",
    }])
    limits = {"sets": (sets, 1, 10), "reps": (reps, 1, 100), "hold_seconds": (hold, 1, 3600),
              "times_per_day": (times, 1, 10), "position": (position, 0, 99)}
    expect_errors(saved, errors, {
        f"programme-0-{name}": value != "" and not within(value, low, high)
        for name, (value, low, high) in limits.items()
    })
    if saved:
        item = ProgrammeItem.objects.latest("pk")
        assert 1 <= item.sets <= 10 and 1 <= item.times_per_day <= 10


# --- PGQ, library and referral -----------------------------------------------------------

@given(filled_on=DATES, items=st.lists(integers(0, 3), min_size=25, max_size=25))
@SWEEP
def test_pgq_date_and_items(alice_client, patient, filled_on, items):
    visit = patient.consultations.get()
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    saved, errors = submit(alice_client, url, {
        "filled_on": filled_on.isoformat(), **{f"item_{n}": v for n, v in enumerate(items, 1)},
    }, lambda context: context["form"].errors)
    day = timezone.localtime(visit.seen_at).date()
    expect_errors(saved, errors, {
        "filled_on": not day - datetime.timedelta(days=28) <= filled_on <= TODAY(),
        **{f"item_{n}": v != "" and not within(v, 0, 3) for n, v in enumerate(items, 1)},
    })


@given(sets=integers(1, 10), reps=integers(1, 100), hold=integers(1, 3600),
       times=integers(1, 10), to_clinic=integers(1))
@SWEEP
def test_exercise_dosage_and_referral_clinic(clinic, patient, alice_client, sets, reps, hold,
                                             times, to_clinic):
    admin = Client()
    admin.force_login(make_clinician(f"admin-{next(_admins)}", clinic, role="clinic_admin"))
    saved, errors = submit(admin, reverse("education:exercise_create"), {
        "title_da": "Skulderrul", "category": "mobility", "purpose_da": "Løsner skuldrene.",
        "start_position_da": "Sid på en stol.", "instructions_da": "Rul skuldrene bagud.",
        "sets": sets, "reps": reps, "hold_seconds": hold, "times_per_day": times,
        "regions": ["general"], "illustration": "",
    }, lambda context: context["form"].errors)
    expect_errors(saved, errors, {
        "sets": not within(sets, 1, 10), "times_per_day": not within(times, 1, 10),
        "reps": reps != "" and not within(reps, 1, 100),
        "hold_seconds": hold != "" and not within(hold, 1, 3600),
    })
    response = alice_client.post(
        reverse("consultations:referral_create", args=[patient.public_id]),
        {"to_clinic": to_clinic, "reason": "PGP"})
    assert response.status_code == 302  # a clinic that is not there: a message, no referral
    assert not Referral.objects.exists()
