import datetime

from django.test import Client

from clinics.models import Clinic, Membership, User
from consultations.demo import DEMO_PASSWORD, WOMEN, load_demo
from consultations.models import Consultation, Patient, Pregnancy


def counts():
    return [m.objects.count() for m in (Clinic, User, Membership, Patient, Pregnancy, Consultation)]


def test_demo_loads_twice_without_duplicates(db):
    load_demo()
    first = counts()
    seed = load_demo()
    assert counts() == first
    assert seed.current_pregnancy.stage_today.ga == "32+2"
    assert seed.age_on(seed.date_of_birth.replace(year=seed.date_of_birth.year + 34)) == 34


def test_demo_has_women_at_different_stages(db):
    load_demo()
    kinds = {p.current_pregnancy.stage_today.kind for p in Patient.objects.all()}
    assert kinds == {"pregnant", "postpartum"}


def test_demo_consultations_signed_draft_and_red_flag(db):
    seed = load_demo()
    first = seed.consultations.filter(clinic=seed.clinic).get()
    assert first.is_signed
    assert (first.suggested_diagnosis, first.suggested_subgroup) == ("pgp_likely", "double_sided_sij")
    assert Consultation.objects.drafts().count() == 1
    assert Consultation.objects.filter(red_flag_answers__status="present", status="signed").exists()


def test_demo_users_sign_in_with_the_documented_password(db):
    load_demo()
    for username in ("demo-gp", "demo-physio", "demo-admin"):
        assert Client().login(username=username, password=DEMO_PASSWORD)


def test_demo_cpr_numbers_do_not_depend_on_the_day_it_is_loaded(db):
    """A woman's CPR number never changes: her birth date is fixed, whatever day the demo is
    loaded (issue 10; `make test-dates` runs this on other days too)."""
    load_demo()
    numbers = {p.first_name: (p.cpr_display, p.date_of_birth) for p in Patient.objects.all()}
    assert numbers["Camilla"] == ("170793-2346", datetime.date(1993, 7, 17))
    assert {name: born for name, (_cpr, born) in numbers.items()} == {
        woman.first_name: woman.born for woman in WOMEN}
    load_demo()
    assert {p.first_name: (p.cpr_display, p.date_of_birth)
            for p in Patient.objects.all()} == numbers
