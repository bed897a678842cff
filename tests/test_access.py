"""Every URL × persona: anonymous → sign-in, owning clinic → allowed, other clinic → 404.

The expectations are listed per URL name; a URL added without one fails
test_every_url_has_an_expectation, so nobody can add a page and forget its access rule.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# URL name → how to build its arguments from the patient (who has one draft consultation).
PATIENT_URLS = {
    "consultations:patient_detail": lambda p: [p.public_id],
    "consultations:patient_edit": lambda p: [p.public_id],
    "consultations:pregnancy_create": lambda p: [p.public_id],
    "consultations:pregnancy_edit": lambda p: [p.public_id, p.pregnancies.get().public_id],
    "consultations:consultation_create": lambda p: [p.public_id],
    "consultations:consultation_support": lambda p: [p.public_id],
    "consultations:consultation_detail": lambda p: [p.consultations.get().public_id],
    "consultations:consultation_edit": lambda p: [p.consultations.get().public_id],
    "consultations:consultation_amend": lambda p: [p.consultations.get().public_id],
    "consultations:consultation_take_over": lambda p: [p.consultations.get().public_id],
    "consultations:handout_preview": lambda p: [p.consultations.get().public_id, "programme"],
    "consultations:handout_pdf": lambda p: [p.consultations.get().public_id, "summary"],
    "consultations:progress": lambda p: [p.public_id],
    "consultations:progress_pdf": lambda p: [p.public_id],
    "consultations:record_pdf": lambda p: [p.public_id],
    "consultations:pgq_create": lambda p: [p.consultations.get().public_id],
    "consultations:referral_create": lambda p: [p.public_id],
    "consultations:draft_delete": lambda p: [p.consultations.get().public_id],
    "interop:discharge_letter": lambda p: [p.public_id, p.pregnancies.get().public_id],
    "interop:discharge_letter_pdf": lambda p: [p.public_id, p.pregnancies.get().public_id],
    "interop:fhir_export": lambda p: [p.public_id, p.pregnancies.get().public_id],
    "portal:link_new": lambda p: [p.public_id],
}
# Autosave answers JSON; every persona is covered in consultations/test_drafts.py.
AUTOSAVE_URLS = {
    "consultations:consultation_autosave": lambda p: [p.consultations.get().public_id],
    "consultations:consultation_autosave_new": lambda p: [p.public_id],
}
# Only the owning clinic's administrator reads the access log (tests/test_access_log.py).
ADMIN_ONLY = {"consultations:access_log"}
# The owning clinic's change history of her record (tests/test_history.py).
OWNER_ONLY = {"consultations:change_history"}
# Referrals are reached by their own public id; covered in consultations/test_referrals.py.
REFERRAL_URLS = {"consultations:referral_close", "interop:referral_letter",
                 "interop:referral_letter_pdf"}
# Her questionnaire link and her answers from home, by their own public id under hers; every
# persona is covered in tests/portal/test_clinician_views.py and the permission sweep.
PORTAL_CLINICIAN_URLS = {"portal:link_detail", "portal:link_sent", "portal:link_revoke",
               "portal:report_seen"}
POST_ONLY = {"consultations:consultation_support", "consultations:consultation_amend",
             "consultations:consultation_take_over",
             "consultations:referral_create"}
GET_ONLY = {"consultations:handout_preview", "consultations:patient_detail",
            "consultations:consultation_detail", "consultations:progress",
            "consultations:progress_pdf", "consultations:record_pdf",
            "interop:discharge_letter", "interop:discharge_letter_pdf", "interop:fhir_export"}
CLINIC_URLS = {  # signed-in pages about the current clinic, no object in the URL
    "dashboard": "get",
    "consultations:patient_list": "get",
    "consultations:patient_create": "get",
    "consultations:referral_targets": "get",
    "switch_clinic": "post",
    "clinical_rules": "get",  # the rules document, the same for every clinic
    "interop:research_export": "post",  # the clinic administrator's (test_research_export.py)
}
PUBLIC_URLS = {"login", "logout", "set_language", "login_verify", "welcome", "healthz"}
# Her questionnaire link: no sign-in; the token and her birth date instead (tests/portal/ and
# the permission sweep).
PORTAL_URLS = {"portal:check", "portal:pain", "portal:pgq", "portal:activities", "portal:hardest",
               "portal:thanks"}
# Her own account (tests/test_two_factor.py, tests/test_staff.py).
ACCOUNT_URLS = {"two_factor_setup", "password_change", "account_sessions", "account_session_end"}
# Staff administration: a clinic administrator of the clinic only (tests/test_staff.py).
STAFF_URLS = {"clinics:staff_list", "clinics:staff_invite", "clinics:two_factor_policy",
              "clinics:staff_member", "clinics:staff_role", "clinics:staff_deactivate",
              "clinics:staff_reactivate", "clinics:staff_reset_two_factor",
              "clinics:staff_new_link"}
# The clinic's library: everyone reads, a clinic admin edits (tests/education/test_library_views).
LIBRARY_URLS = {"education:library", "education:exercise_create", "education:exercise_edit",
                "education:topic_edit", "assessments:pgq_wording"}
# The clinic's guideline-adherence report, its lists and CSV (tests/interop/test_adherence.py).
REPORT_URLS = {"interop:adherence_report", "interop:adherence_csv", "interop:adherence_list"}


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def test_every_url_has_an_expectation():
    names = set(all_url_names())
    expected = (set(PATIENT_URLS) | set(CLINIC_URLS) | PUBLIC_URLS | LIBRARY_URLS | PORTAL_URLS
                | set(AUTOSAVE_URLS)
                | REFERRAL_URLS | ADMIN_ONLY | ACCOUNT_URLS | OWNER_ONLY | STAFF_URLS
                | REPORT_URLS | PORTAL_CLINICIAN_URLS)
    assert names - expected == set()
    assert len(names) >= 11


@pytest.mark.parametrize("name", sorted(PATIENT_URLS))
def test_anonymous_is_sent_to_sign_in_from_patient_urls(client, patient, name):
    url = reverse(name, args=PATIENT_URLS[name](patient))
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(CLINIC_URLS))
def test_anonymous_is_sent_to_sign_in_from_clinic_urls(client, db, name):
    response = getattr(client, CLINIC_URLS[name])(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(PATIENT_URLS))
def test_another_clinic_gets_404_on_every_patient_url(bob_client, patient, name):
    url = reverse(name, args=PATIENT_URLS[name](patient))
    # POST-only views answer 405 to GET for any id, so that reveals nothing either.
    assert bob_client.get(url).status_code == (405 if name in POST_ONLY else 404)
    posted = bob_client.post(url, {"first_name": "Hacked", "edd": "2027-01-01"})
    assert posted.status_code == (405 if name in GET_ONLY else 404)
    patient.refresh_from_db()
    assert patient.first_name != "Hacked"


@pytest.mark.parametrize("name", sorted(PATIENT_URLS))
def test_owning_clinic_reaches_every_patient_url(alice_client, patient, name):
    url = reverse(name, args=PATIENT_URLS[name](patient))
    if name in POST_ONLY:
        assert alice_client.get(url).status_code == 405
        assert alice_client.post(url).status_code in (200, 302)
    else:
        assert alice_client.get(url).status_code == 200


def test_unknown_public_ids_are_404(alice_client, patient):
    import uuid

    url = reverse("consultations:patient_detail", args=[uuid.uuid4()])
    assert alice_client.get(url).status_code == 404
    assert alice_client.get(f"/patients/{patient.pk}/").status_code == 404  # no sequential ids


def test_switching_to_a_clinic_you_do_not_belong_to_is_404(alice_client, other_clinic):
    assert alice_client.post(reverse("switch_clinic"), {"clinic": other_clinic.public_id}).status_code == 404
    assert alice_client.post(reverse("switch_clinic"), {"clinic": "not-a-uuid"}).status_code == 404


def test_clinician_in_two_clinics_sees_only_the_current_clinics_patients(
    clinic, other_clinic, patient
):
    from clinics.models import Membership

    from .factories import make_clinician

    carol = make_clinician("carol", clinic)
    Membership.objects.create(user=carol, clinic=other_clinic, role="physiotherapist")
    client = Client()
    client.force_login(carol)
    client.post(reverse("switch_clinic"), {"clinic": clinic.public_id})
    assert client.get(patient.get_absolute_url()).status_code == 200
    client.post(reverse("switch_clinic"), {"clinic": other_clinic.public_id})
    assert client.get(patient.get_absolute_url()).status_code == 404


def test_user_without_clinic_sees_no_data(db, patient):
    from clinics.models import User

    lonely = User.objects.create_user("lonely", password="x-long-password-123")
    client = Client()
    client.force_login(lonely)
    assert client.get(reverse("dashboard")).status_code == 403
    assert client.get(patient.get_absolute_url()).status_code == 403


def test_sign_in_page_is_public_and_sign_in_works(client, alice, password):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "alice", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_sign_in_with_a_wrong_password_fails(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert client.get(reverse("dashboard")).status_code == 302


def _args_for(name, patient):
    from education.models import EducationTopic, Exercise

    if name in AUTOSAVE_URLS:
        return AUTOSAVE_URLS[name](patient)
    if name in PATIENT_URLS or name in ADMIN_ONLY or name in OWNER_ONLY:
        return PATIENT_URLS.get(name, lambda p: [p.public_id])(patient)
    if name in REFERRAL_URLS:
        import uuid

        return [uuid.uuid4()]
    if name in PORTAL_CLINICIAN_URLS:
        import uuid

        return [patient.public_id, uuid.uuid4()]
    if name == "education:exercise_edit":
        return [Exercise.objects.first().pk]
    if name == "education:topic_edit":
        return [EducationTopic.objects.first().pk]
    if name in STAFF_URLS and name.startswith("clinics:staff_") and name not in (
            "clinics:staff_list", "clinics:staff_invite"):
        return [patient.clinic.memberships.first().user.username]
    if name == "account_session_end":
        return [1]
    if name == "interop:adherence_list":
        return ["education"]
    return []


def test_anonymous_is_sent_to_sign_in_from_every_url_but_the_public_ones(client, patient):
    for name in sorted(set(all_url_names()) - PUBLIC_URLS - PORTAL_URLS):
        url = reverse(name, args=_args_for(name, patient))
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (name, method)
            assert response["Location"].startswith(reverse("login")), name
