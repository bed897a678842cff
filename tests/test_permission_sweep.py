"""The permission sweep: every URL × every persona → the expected status.

Personas: anonymous; a GP of the owning clinic ("owner"); a clinic administrator of the owning
clinic ("admin": the right role where the GP is the wrong one); a clinician of an unrelated
clinic ("other": always 404 on anything about her); a physiotherapist of the clinic she is
referred to, while the referral is open ("referred"). A URL added without a row here fails
test_every_url_is_in_the_sweep. Every response that shows her must also have been written to
the access log by the persona who saw it.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from django.contrib.sessions.backends.db import SessionStore

from clinics import staff
from clinics.models import Invitation, Membership, UserSession
from clinics.permissions import PERMISSIONS, Action
from consultations.models import AccessLogEntry, Referral
from education.models import EducationTopic, Exercise
from portal import workflows

from .factories import (
    make_clinic,
    make_clinician,
    make_consultation,
    make_patient,
    make_pregnancy,
    make_questionnaire_link,
)
from .test_access import all_url_names

PERSONAS = ("anonymous", "owner", "physio_here", "midwife", "admin", "other", "referred",
            "referred_closed")
SIGNED_IN = dict.fromkeys(PERSONAS[1:], 200)


def about_her(owner, referred, *, admin=None, colleague=None, other=404, closed=404):
    """Expected statuses for a URL about her. owner: alice, the GP who wrote and signed the
    visit; colleague: a physiotherapist and a midwife of alice's clinic (clinicians, not the
    author; default as the owner); admin: the clinic administrator of alice's clinic (default
    as the owner); other: an unrelated clinic; referred: a physiotherapist of the clinic she
    is referred to now; closed: one of a clinic whose referral closed after it wrote a note."""
    colleague = owner if colleague is None else colleague
    return {"anonymous": 302, "owner": owner, "physio_here": colleague, "midwife": colleague,
            "admin": owner if admin is None else admin, "other": other, "referred": referred,
            "referred_closed": closed}


def clinic_page(**overrides):
    return {"anonymous": 302, **SIGNED_IN, **overrides}


ADMIN_ONLY = clinic_page(owner=403, physio_here=403, midwife=403, other=403, referred=403,
                         referred_closed=403)

# name: (method, how to build the arguments, POST data, expected status per persona)
SWEEP = {
    "login": ("get", None, None, {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    "logout": ("post", None, None, dict.fromkeys(PERSONAS, 302)),
    "set_language": ("post", None, {"language": "en"}, dict.fromkeys(PERSONAS, 302)),
    "login_verify": ("get", None, None, dict.fromkeys(PERSONAS, 302)),
    "healthz": ("get", None, None, dict.fromkeys(PERSONAS, 200)),  # open, shows no one
    "two_factor_setup": ("get", None, None, clinic_page()),
    "dashboard": ("get", None, None, clinic_page()),
    "clinical_rules": ("get", None, None, clinic_page()),
    "switch_clinic": ("post", None, "own_clinic",
                      {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "owner": 302,
                       "physio_here": 302, "midwife": 302, "admin": 302}),
    "consultations:patient_list": ("get", None, None, clinic_page()),
    "consultations:referral_targets": ("get", None, None, clinic_page(admin=403)),
    "consultations:patient_create": ("get", None, None, clinic_page()),
    "consultations:patient_detail": ("get", "patient", None, about_her(200, 200, closed=200)),
    "consultations:patient_edit": ("get", "patient", None, about_her(200, 403, closed=403)),
    "consultations:pregnancy_create": ("get", "patient", None, about_her(200, 403, closed=403)),
    "consultations:pregnancy_edit": ("get", "pregnancy", None, about_her(200, 403, closed=403)),
    "consultations:consultation_create": ("get", "patient", None,
                                          about_her(200, 200, admin=403, closed=403)),
    "consultations:consultation_support": ("post", "patient", {},
                                           about_her(200, 200, admin=403, closed=403)),
    "consultations:consultation_detail": ("get", "visit", None, about_her(200, 200)),
    "consultations:consultation_edit": ("get", "visit", None, about_her(302, 403, admin=403)),
    # Only the author amends her signed note; colleagues write their own.
    # Her visit here is signed: a take-over is refused with a message (302) by the clinicians.
    "consultations:consultation_take_over": ("post", "visit", None,
                                             about_her(302, 403, admin=403)),
    "consultations:consultation_amend": ("post", "visit", {},
                                         about_her(200, 403, admin=403, colleague=403)),
    "consultations:handout_preview": ("get", "visit_programme", None, about_her(200, 200)),
    "consultations:handout_pdf": ("get", "visit_summary", None, about_her(200, 200)),
    "consultations:progress": ("get", "patient", None, about_her(200, 200, closed=200)),
    "consultations:progress_pdf": ("get", "patient", None, about_her(200, 200, closed=200)),
    "consultations:record_pdf": ("get", "patient", None, about_her(200, 200, closed=200)),
    # Her episode as FHIR: read like her record (a closed referral's clinic: its own notes).
    "interop:fhir_export": ("get", "pregnancy", None, about_her(200, 200, closed=200)),
    "consultations:pgq_create": ("get", "visit", None, about_her(200, 403, admin=403)),
    "consultations:referral_create": ("post", "patient", {},
                                      about_her(302, 403, admin=403, closed=403)),
    "consultations:referral_close": ("post", "referral", None,
                                     about_her(302, 302, admin=403, closed=404)),
    "consultations:access_log": ("get", "patient", None,
                                 about_her(403, 403, admin=200, closed=403)),
    "consultations:change_history": ("get", "patient", None, about_her(200, 403, closed=403)),
    # Her record here is signed: autosave refuses it (409), nobody deletes it (403).
    "consultations:consultation_autosave": ("post", "visit", {},
                                            about_her(409, 403, admin=403)),
    "consultations:consultation_autosave_new": ("post", "patient", {},
                                                about_her(400, 400, admin=403, closed=403)),
    "consultations:draft_delete": ("post", "visit", None, about_her(403, 403)),
    "education:library": ("get", None, None, clinic_page()),
    "education:exercise_create": ("get", None, None, ADMIN_ONLY),
    "education:exercise_edit": ("get", "exercise", None, ADMIN_ONLY),
    "education:topic_edit": ("get", "topic", None, ADMIN_ONLY),
    # Staff administration: the clinic's administrator only; another clinic's staff is a 404
    # to her (tests/test_staff.py). "member" is petra, a physiotherapist of alice's clinic.
    "clinics:staff_list": ("get", None, None, ADMIN_ONLY),
    "clinics:staff_invite": ("get", None, None, ADMIN_ONLY),
    "clinics:two_factor_policy": ("get", None, None, ADMIN_ONLY),
    "clinics:staff_member": ("get", "member", None, ADMIN_ONLY),
    "clinics:staff_role": ("post", "member", {"role": "midwife"}, {**ADMIN_ONLY, "admin": 302}),
    "clinics:staff_deactivate": ("post", "member", None, {**ADMIN_ONLY, "admin": 302}),
    "clinics:staff_reactivate": ("post", "member", None, {**ADMIN_ONLY, "admin": 302}),
    "clinics:staff_reset_two_factor": ("post", "member", None, {**ADMIN_ONLY, "admin": 302}),
    "clinics:staff_new_link": ("post", "invited", None, {**ADMIN_ONLY, "admin": 200}),
    # Her own account: every signed-in user; a session is ended only by its owner (alice).
    "password_change": ("get", None, None, clinic_page()),
    "account_sessions": ("get", None, None, clinic_page()),
    "account_session_end": ("post", "alices_session", None,
                            {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "owner": 302}),
    # The one-time set-up link: for someone not signed in.
    "welcome": ("get", "invite_token", None, {**dict.fromkeys(PERSONAS, 404), "anonymous": 200}),
    "assessments:pgq_wording": ("get", None, None, ADMIN_ONLY),
    # Letters (interop/letter_views.py): the referral letter to its sender and, while open, its
    # receiver; the discharge letter from the clinic's own visits (its journal outlives a
    # closed referral).
    "interop:referral_letter": ("get", "referral", None, about_her(200, 200)),
    "interop:referral_letter_pdf": ("get", "referral", None, about_her(200, 200)),
    "interop:discharge_letter": ("get", "pregnancy", None, about_her(200, 200, closed=200)),
    "interop:discharge_letter_pdf": ("get", "pregnancy", None, about_her(200, 200, closed=200)),
    "interop:research_export": ("get", None, None, ADMIN_ONLY),
    # The clinic's guideline-adherence report: every role of every clinic, about its own
    # first consultations only (the lists name those women and are access-logged).
    "interop:adherence_report": ("get", None, None, clinic_page()),
    "interop:adherence_csv": ("get", None, None, clinic_page()),
    "interop:adherence_list": ("get", "report_figure", None, clinic_page()),
    # Her questionnaire link (portal/): the token alone shows the birth-date form and nothing
    # about her, to everyone; every other page needs the check first, whoever is signed in.
    "portal:check": ("get", "her_link", None, dict.fromkeys(PERSONAS, 200)),
    **{f"portal:{step}": ("get", "her_link", None, dict.fromkeys(PERSONAS, 302))
       for step in ("pain", "pgq", "activities", "hardest", "thanks")},
    # Her questionnaire link (made by alice's clinic) and her answers from home: a clinician
    # of the clinic that made it; the referred clinic makes its own links, never sees these.
    "portal:link_new": ("get", "patient", None, about_her(200, 200, admin=403, closed=403)),
    "portal:link_detail": ("get", "link", None, about_her(200, 404, admin=403)),
    "portal:link_sent": ("post", "link", None, about_her(302, 404, admin=403)),
    "portal:link_revoke": ("post", "link", None, about_her(302, 404, admin=403)),
    "portal:report_seen": ("post", "report", None, about_her(302, 404, admin=403)),
}


def test_every_url_is_in_the_sweep():
    assert set(all_url_names()) == set(SWEEP)


@pytest.fixture
def world(clinic, other_clinic, alice, patient):
    """Her record in alice's clinic, signed, referred to a physiotherapy clinic."""
    visit = patient.consultations.get()
    visit.status, visit.signed_by, visit.signed_at = "signed", alice, timezone.now()
    visit.save()
    physio_clinic = make_clinic("Fysio Henvist", kind="physiotherapy")
    referral = Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=clinic,
                                       to_clinic=physio_clinic, created_by=alice)
    closed_clinic = make_clinic("Fysio Tidligere", kind="physiotherapy")
    earlier = make_clinician("carl", closed_clinic, role="physiotherapist")
    closed = Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=clinic,
                                     to_clinic=closed_clinic, created_by=alice,
                                     closed_at=timezone.now(), closed_by=alice)
    note = make_consultation(patient, patient.pregnancies.get(), earlier, clinic=closed_clinic)
    note.status, note.signed_by, note.signed_at = "signed", earlier, timezone.now()
    note.save()
    people = {
        "owner": alice,
        "physio_here": make_clinician("petra", clinic, role="physiotherapist"),
        "midwife": make_clinician("mia", clinic, role="midwife"),
        "admin": make_clinician("adam", clinic, role="clinic_admin"),
        "other": make_clinician("olga", other_clinic, role="physiotherapist"),
        "referred": make_clinician("rita", physio_clinic, role="physiotherapist"),
        "referred_closed": earlier,
    }
    invited, token = staff.invite(clinic=clinic, by=people["admin"], username="ines",
                                  first_name="Ines", last_name="Ny", role="midwife")
    alices = SessionStore()
    alices.create()
    alices_session = UserSession.objects.create(user=alice, session_key=alices.session_key)
    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    report = workflows.submit(link=link, language="da", answers=workflows.Answers.from_saved(
        link, {"pain": {f"{a}__{m}": 4 for a in link.contexts for m in ("now", "worst_week")}},
        pgq_offered=False))
    args = {
        "patient": [patient.public_id],
        "pregnancy": [patient.public_id, patient.pregnancies.get().public_id],
        "visit": [visit.public_id],
        "visit_programme": [visit.public_id, "programme"],
        "visit_summary": [visit.public_id, "summary"],
        "referral": [referral.public_id],
        "exercise": [Exercise.objects.filter(clinic=None).first().pk],
        "topic": [EducationTopic.objects.filter(clinic=None).first().pk],
        "member": ["petra"],
        "invited": [invited.user.username],
        "alices_session": [alices_session.pk],
        "invite_token": [token],
        "report_figure": ["education"],
        "her_link": [make_questionnaire_link(patient.pregnancies.get(), alice).token],
        "link": [patient.public_id, link.public_id],
        "report": [patient.public_id, report.public_id],
    }
    return {"people": people, "args": args, "clinic": clinic, "patient": patient,
            "closed_referral": closed}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(SWEEP))
def test_permission_sweep(world, name, persona):
    method, arg_key, data, expected = SWEEP[name]
    client = Client()
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    url = reverse(name, args=world["args"][arg_key] if arg_key else [])
    if data == "own_clinic":
        data = {"clinic": world["clinic"].public_id}
    response = getattr(client, method)(url, data or {})
    assert response.status_code == expected[persona], (name, persona, response.status_code)
    # The access-log inventory (R-3): every response that shows her (her name on a page, or
    # any PDF) leaves a row saying who saw her, in which clinic; a refusal leaves none.
    her = world["patient"]
    shows_her = response.status_code == 200 and (
        response.get("Content-Type", "").startswith("application/pdf")
        or her.full_name in response.content.decode(errors="replace"))
    logged = AccessLogEntry.objects.filter(patient=her).values_list("user__username", flat=True)
    if shows_her:
        assert world["people"][persona].username in set(logged), (name, persona)
    elif response.status_code in (403, 404):
        assert not logged.exists(), (name, persona)
    if arg_key == "her_link" and response.status_code == 302:  # to her check, not sign-in
        assert response["Location"] == reverse("portal:check", args=world["args"]["her_link"])
    elif persona == "anonymous" and expected[persona] == 302 and name not in (
            "logout", "set_language", "login_verify", "welcome"):
        assert response["Location"].startswith(reverse("login"))


# --- Methods (issue 11.9): the app speaks GET, HEAD and POST; read-only pages only GET/HEAD.
UNSUPPORTED = ("put", "patch", "delete", "trace", "propfind", "options")
# Pages that only show: a POST to them is a 405 too (every other URL takes a form's POST).
READ_ONLY = {
    "healthz", "dashboard", "consultations:patient_detail", "consultations:consultation_detail",
    "consultations:handout_preview", "consultations:progress", "consultations:progress_pdf",
    "consultations:record_pdf", "consultations:access_log", "consultations:change_history",
    "education:library", "clinics:staff_list", "clinics:staff_member", "account_sessions",
    "clinical_rules", "consultations:referral_targets", "interop:referral_letter",
    "interop:referral_letter_pdf", "interop:discharge_letter", "interop:discharge_letter_pdf",
    "interop:fhir_export",
    "interop:adherence_report", "interop:adherence_csv", "interop:adherence_list",
    "portal:thanks", "portal:link_detail",
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(SWEEP))
def test_unsupported_methods_are_405_everywhere(world, name, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    arg_key = SWEEP[name][1]
    url = reverse(name, args=world["args"][arg_key] if arg_key else [])
    before = AccessLogEntry.objects.count()
    for method in UNSUPPORTED:
        response = client.generic(method.upper(), url)
        assert response.status_code == 405, (name, persona, method, response.status_code)
        assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD", "POST"}
    if persona == "owner" and name in READ_ONLY:
        response = client.post(url, {})
        assert response.status_code == 405, (name, "post", response.status_code)
        assert "POST" not in response["Allow"]
    assert AccessLogEntry.objects.count() == before  # refused before anything was read


def test_read_only_pages_are_all_in_the_sweep():
    assert READ_ONLY <= set(SWEEP)


# --- The sweep agrees with the permission table (clinics/permissions.py) --------------------
# The act each URL performs (its sweep method); URLs not listed only read, or are public.
ACTS = {
    "consultations:consultation_create": Action.RECORD,
    "consultations:consultation_support": Action.RECORD,
    "consultations:consultation_edit": Action.RECORD,
    "consultations:consultation_autosave": Action.RECORD,
    "consultations:consultation_autosave_new": Action.RECORD,
    "consultations:consultation_take_over": Action.TAKE_OVER,
    "consultations:draft_delete": Action.DELETE_DRAFT,
    "consultations:consultation_amend": Action.AMEND,
    "consultations:pgq_create": Action.RECORD_PGQ,
    "consultations:referral_create": Action.REFER,
    "consultations:referral_targets": Action.REFER,
    "consultations:referral_close": Action.CLOSE_REFERRAL,
    "consultations:access_log": Action.READ_ACCESS_LOG,
    "education:exercise_create": Action.MANAGE_LIBRARY,
    "education:exercise_edit": Action.MANAGE_LIBRARY,
    "education:topic_edit": Action.MANAGE_LIBRARY,
    **{name: Action.MANAGE_STAFF for name in (
        "clinics:staff_list", "clinics:staff_invite", "clinics:two_factor_policy",
        "clinics:staff_member", "clinics:staff_role", "clinics:staff_deactivate",
        "clinics:staff_reactivate", "clinics:staff_reset_two_factor", "clinics:staff_new_link")},
    "assessments:pgq_wording": Action.LOAD_PGQ_WORDING,
    "interop:research_export": Action.EXPORT_RESEARCH,
    "interop:adherence_report": Action.READ_ADHERENCE_REPORT,
    "interop:adherence_csv": Action.READ_ADHERENCE_REPORT,
    "interop:adherence_list": Action.READ_ADHERENCE_REPORT,
    **{name: Action.MAKE_PORTAL_LINK for name in (
        "portal:link_new", "portal:link_detail", "portal:link_sent", "portal:link_revoke")},
    "portal:report_seen": Action.MARK_REPORT_SEEN,
}
ROLES = {"owner": "gp", "physio_here": "physiotherapist", "midwife": "midwife",
         "admin": "clinic_admin", "other": "physiotherapist", "referred": "physiotherapist",
         "referred_closed": "physiotherapist"}


@pytest.mark.parametrize("name", sorted(ACTS))
def test_a_role_the_table_refuses_is_refused_in_the_sweep(name):
    """Every persona whose role may not do a URL's act expects a refusal there (403, or 404
    where she may not even see the record); a role the table allows never meets a 403 for
    its role (only for the record: not her clinic's, not her draft)."""
    expected = SWEEP[name][3]
    for persona, role in ROLES.items():
        if role not in PERMISSIONS[ACTS[name]]:
            assert expected[persona] in (403, 404), (name, persona, expected[persona])
    assert set(ACTS) <= set(SWEEP)


def test_the_sweep_has_at_least_eight_personas():
    assert len(PERSONAS) >= 8 and set(ROLES) == set(PERSONAS) - {"anonymous"}


# --- POST to the form pages (the sweep above GETs them): an empty form is a re-shown page
# with errors (200) or a redirect for whoever may act; a refusal is the same 403/404 as the
# GET, and leaves no row behind.
FORM_PAGES = sorted(name for name, row in SWEEP.items()
                    if row[0] == "get" and name not in READ_ONLY)
ACTED = {200, 302}
POST_OVERRIDES = {
    "login": {"anonymous": {200}},  # her form again, with the error
    "login_verify": {"anonymous": {302}},  # no sign-in under way: back to the sign-in page
    "welcome": {"anonymous": {200}},  # her form again, with the errors
    "portal:check": dict.fromkeys(PERSONAS, {200}),  # the birth-date form again, with errors
    # Giving her a handout is the owning clinic's clinicians' act (a GET only renders).
    "consultations:handout_pdf": {"admin": {403}, "referred": {403}},
}


def _expected_post(name, persona):
    overrides = POST_OVERRIDES.get(name, {})
    if persona in overrides:
        return overrides[persona]
    on_get = SWEEP[name][3][persona]
    if persona == "anonymous":
        return {302}
    return {on_get} if on_get in (403, 404) else ACTED


def _rows():
    from assessments.models import QuestionnaireResponse
    from consultations.models import Amendment, Consultation, HistoryEntry, Patient, Pregnancy
    from education.models import HandoutIssued

    from portal.models import CheckAttempt, PatientReport, SavedAnswers

    return [model.objects.count() for model in (
        Patient, Pregnancy, Consultation, Referral, Amendment, QuestionnaireResponse,
        HandoutIssued, Exercise, EducationTopic, AccessLogEntry, HistoryEntry, Invitation,
        UserSession, PatientReport, SavedAnswers, CheckAttempt)] + [
        Membership.objects.active().count()]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", FORM_PAGES)
def test_posting_to_every_form_page(world, name, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    arg_key = SWEEP[name][1]
    url = reverse(name, args=world["args"][arg_key] if arg_key else [])
    before = _rows()
    response = client.post(url, {"lang": "da"} if name == "consultations:handout_pdf" else {})
    assert response.status_code in _expected_post(name, persona), (
        name, persona, response.status_code)
    if response.status_code in (302, 403, 404) and persona == "anonymous" or \
            response.status_code in (403, 404):
        assert _rows() == before, (name, persona)  # nothing written, not even a log line


# --- Her questionnaire link: a check passed for one woman opens nothing of another's ---------

PORTAL_STEPS = ("pain", "activities", "hardest", "thanks")


def test_a_check_passed_on_her_link_never_reaches_another_clinics_woman(world, other_clinic, bob):
    her_token = world["args"]["her_link"][0]
    ida = make_patient(other_clinic, first_name="Ida", last_name="Andersen")
    idas_token = make_questionnaire_link(make_pregnancy(ida), bob).token
    client = Client()
    born = world["patient"].date_of_birth
    response = client.post(reverse("portal:check", args=[her_token]),
                           {"day": born.day, "month": born.month, "year": born.year})
    assert response.status_code == 302
    assert client.get(reverse("portal:pain", args=[her_token])).status_code == 200
    for step in PORTAL_STEPS:
        response = client.get(reverse(f"portal:{step}", args=[idas_token]))
        assert response.status_code == 302, step
        assert response["Location"] == reverse("portal:check", args=[idas_token])
    page = client.get(reverse("portal:check", args=[idas_token])).content.decode()
    assert "Ida" not in page and "Andersen" not in page and other_clinic.name not in page
    # Her own birth date on the other woman's link is a wrong answer there, nothing more.
    response = client.post(reverse("portal:check", args=[idas_token]),
                           {"day": born.day, "month": born.month, "year": born.year + 1})
    assert response.status_code == 200 and "Ida" not in response.content.decode()


@pytest.mark.parametrize("step", PORTAL_STEPS)
def test_a_portal_page_without_a_token_is_not_found(client, db, step):
    for token in ("", "x", "A" * 43):
        response = client.get(f"/p/{token}/{step}/")
        assert response.status_code == 404, (step, token)
