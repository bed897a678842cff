"""Property-based tests: random, oversized, unicode and control-character input on the forms.

Every answer is a page with field errors (200) or a redirect after a complete save (302):
never a 500, never a half-saved record. Text that is saved is saved as it was entered
(apart from the whitespace a form strips on purpose).
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse, RedFlagAnswer
from consultations.demo import consultation_form_data
from consultations.models import Amendment, Consultation, Patient, Pregnancy
from education.models import Exercise

from .factories import make_clinician

FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# Any unicode text except lone surrogates (which cannot be sent as UTF-8), including control
# characters and NUL, up to well past every field's limit.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6000)
NUMBERISH = st.one_of(TEXT, st.integers(-10**12, 10**12).map(str), st.just(""),
                      st.floats(allow_nan=True).map(str))


def counts():
    return [m.objects.count() for m in (Patient, Pregnancy, Consultation, PainScore,
                                        PelvicTestResult, RedFlagAnswer, Amendment,
                                        QuestionnaireResponse, Exercise)]


def post(client, url, data):
    before = counts()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 409), response.status_code
    if response.status_code != 302:
        assert counts() == before, "a refused form changed the database"
    return response


VALID_EDD = (datetime.date.today() + datetime.timedelta(days=54)).isoformat()


@given(cpr=TEXT, first=TEXT, last=TEXT, notes=TEXT, edd=NUMBERISH, gravida=NUMBERISH,
       para=NUMBERISH)
@example(cpr="170593-1234", first="Åse", last="Ærø-Øster", notes=" Ünïcødé\x07 ✓ 👶 ",
         edd=VALID_EDD, gravida="1", para="0")
@FUZZ
def test_registration_never_fails_or_half_saves(alice_client, cpr, first, last, notes, edd,
                                                gravida, para):
    data = {"patient-cpr": cpr, "patient-first_name": first, "patient-last_name": last,
            "patient-notes": notes, "patient-phone": "", "patient-occupation": "",
            "pregnancy-edd": edd, "pregnancy-edd_source": "nuchal_scan", "pregnancy-lmp": "",
            "pregnancy-gravida": gravida, "pregnancy-para": para}
    before = counts()
    response = post(alice_client, reverse("consultations:patient_create"), data)
    if cpr == "170593-1234":
        assert response.status_code == 302  # the valid example really saves
    if response.status_code == 302:
        assert counts()[:2] == [before[0] + 1, before[1] + 1]  # patient and pregnancy together
        patient = Patient.objects.latest("pk")
        assert patient.notes == notes.strip()  # saved exactly as entered (edges stripped)


@given(text=TEXT, number=NUMBERISH, choice=TEXT, date=NUMBERISH)
@FUZZ
def test_consultation_page_never_fails_or_half_saves(alice_client, patient, text, number,
                                                    choice, date):
    data = consultation_form_data(
        pain=[("nrs", "now", number), (choice[:10], "worst_week", 5)],
        tests={"p4_left": choice, "aslr_right": number},
        goals=text, activity_advice=text, gait_note=text[:400], systolic=number,
        temperature=number, onset_date=date, sick_leave_percent=number,
        **{"flag-ce_saddle_anaesthesia": choice, "flag-trauma_action": text},
        **{"programme-0-exercise": number, "programme-0-note": text},
    )
    post(alice_client, reverse("consultations:consultation_create", args=[patient.public_id]),
         data)
    support = alice_client.post(
        reverse("consultations:consultation_support", args=[patient.public_id]), data)
    assert support.status_code == 200


@given(text=TEXT, reason=TEXT)
@FUZZ
def test_amendment_never_fails(alice_client, alice, patient, text, reason):
    visit = patient.consultations.get()
    if not visit.is_signed:
        visit.status, visit.signed_by, visit.signed_at = "signed", alice, timezone.now()
        visit.save()
    response = post(alice_client, reverse("consultations:consultation_amend",
                                          args=[visit.public_id]),
                    {"text": text, "reason": reason})
    if response.status_code == 302:
        saved = Amendment.objects.latest("pk")
        assert saved.text == text.strip()


@given(values=st.lists(NUMBERISH, min_size=25, max_size=25), filled_on=NUMBERISH)
@FUZZ
def test_pgq_entry_never_fails_or_half_saves(alice_client, patient, values, filled_on):
    visit = patient.consultations.get()
    data = {"filled_on": filled_on, **{f"item_{n}": v for n, v in enumerate(values, 1)}}
    post(alice_client, reverse("consultations:pgq_create", args=[visit.public_id]), data)


@given(title=TEXT, body=TEXT, number=NUMBERISH)
@FUZZ
def test_library_forms_never_fail(clinic, title, body, number):
    client = Client()
    username = f"admin-{datetime.datetime.now().timestamp()}"
    client.force_login(make_clinician(username, clinic, role="clinic_admin"))
    post(client, reverse("education:exercise_create"), {
        "title_da": title, "title_en": title, "category": "mobility", "purpose_da": body[:300],
        "start_position_da": body[:300], "instructions_da": body, "sets": number,
        "reps": number, "times_per_day": number, "regions": ["general"],
    })


@pytest.mark.parametrize("query", ["\x00", "%", "' OR 1=1 --", "ø" * 500, "0" * 200, "<script>"])
def test_search_and_paging_take_any_text(alice_client, patient, query):
    url = reverse("consultations:patient_list")
    for params in ({"q": query}, {"q": query, "page": "-1"}, {"q": query, "sort": query}):
        assert alice_client.post(url, params, follow=True).status_code == 200
    for params in ({"page": query}, {"search": query}, {"sort": query, "stage": query},
                   {"q": query, "search": query, "page": "-1"}):
        assert alice_client.get(url, params).status_code == 200


def test_xss_payloads_in_free_text_are_inert_in_html(alice_client, patient):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    visit = patient.consultations.get()
    visit.goals = visit.history_notes = visit.plan_notes = payload
    visit.save()
    patient.notes = payload
    patient.save()
    for url in (patient.get_absolute_url(), visit.get_absolute_url(),
                reverse("consultations:consultation_edit", args=[visit.public_id])):
        html = alice_client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


SIMPLE_FORMS = {
    # name: (URL builder, fields that take free input)
    "pregnancy_edit": (lambda p: reverse("consultations:pregnancy_edit", args=[
        p.public_id, p.pregnancies.get().public_id]),
        ["edd", "edd_source", "lmp", "gravida", "para", "delivery_date", "delivery_mode"]),
    "pregnancy_create": (lambda p: reverse("consultations:pregnancy_create", args=[p.public_id]),
                         ["edd", "edd_source", "lmp", "gravida", "para"]),
    "patient_edit": (lambda p: reverse("consultations:patient_edit", args=[p.public_id]),
                     ["cpr", "first_name", "last_name", "phone", "occupation", "notes"]),
    "referral_create": (lambda p: reverse("consultations:referral_create", args=[p.public_id]),
                        ["to_clinic", "reason"]),
    "switch_clinic": (lambda p: reverse("switch_clinic"), ["clinic"]),
    "sign_in": (lambda p: reverse("login"), ["username", "password"]),
    "two_factor_setup": (lambda p: reverse("two_factor_setup"), ["code"]),
    "password_change": (lambda p: reverse("password_change"),
                        ["old_password", "new_password1", "new_password2"]),
    "search": (lambda p: reverse("consultations:patient_list"),
               ["q", "page", "stage", "sort", "search"]),
}


@pytest.mark.parametrize("form_name", sorted(SIMPLE_FORMS))
def test_every_other_form_takes_any_input(alice_client, patient, form_name):
    url_for, fields = SIMPLE_FORMS[form_name]
    url = url_for(patient)

    @given(values=st.lists(NUMBERISH, min_size=len(fields), max_size=len(fields)))
    @FUZZ
    def run(values):
        data = dict(zip(fields, values, strict=True))
        if form_name == "search":  # the posted search, and the list's own address
            assert alice_client.post(url, data).status_code in (200, 302)
            assert alice_client.get(url, data).status_code == 200
        elif form_name == "switch_clinic":  # an id that is not one of her clinics: 404
            assert alice_client.post(url, data).status_code in (302, 404)
        else:
            post(alice_client, url, data)

    run()


ADMIN_FORMS = {
    "staff_invite": (lambda: reverse("clinics:staff_invite"),
                     ["first_name", "last_name", "username", "role"]),
    "staff_role": (lambda: reverse("clinics:staff_role", args=["alice"]), ["role"]),
    "two_factor_policy": (lambda: reverse("clinics:two_factor_policy"),
                          ["require_two_factor", "reason"]),
}


@pytest.mark.parametrize("form_name", sorted(ADMIN_FORMS))
def test_the_staff_forms_take_any_input(clinic, alice, form_name):
    from django.test import Client

    from .factories import make_clinician

    admin = Client()
    admin.force_login(make_clinician("adam", clinic, role="clinic_admin"))
    url_for, fields = ADMIN_FORMS[form_name]

    @given(values=st.lists(NUMBERISH, min_size=len(fields), max_size=len(fields)))
    @FUZZ
    def run(values):
        post(admin, url_for(), dict(zip(fields, values, strict=True)))

    run()
