"""The clinician's side of her questionnaire link: making, showing, handing over, revoking;
her answers on her page, on the progress chart and on the dashboard's worklist."""

import datetime
import re

import pytest
from tests.factories import sign_in_as
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import PainScore
from consultations.models import AccessLogEntry, HistoryEntry, Referral
from consultations.pages import LIST_LIMIT
from portal import workflows
from portal.models import PatientReport, QuestionnaireLink
from portal.workflows import Answers
from tests.factories import (
    make_clinic,
    make_clinician,
    make_consultation,
    make_patient,
    make_pgq_wording,
    make_pregnancy,
    make_questionnaire_link,
)


def sign_with_pain(visit, by, **values):
    """Sign her visit with NRS values {context: value} (the clinician-recorded baseline)."""
    for position, (context, value) in enumerate(values.items()):
        PainScore.objects.create(consultation=visit, scale="nrs", context=context, value=value,
                                 position=position)
    visit.status, visit.signed_by, visit.signed_at = "signed", by, timezone.now()
    visit.save()
    return visit


def answer(link, value, **extra):
    """Her answers through the portal's own workflow (PART A owns her pages)."""
    saved = {"pain": {f"{a}__{m}": value for a in link.contexts for m in ("now", "worst_week")},
             "psfs": [{"activity": "Bære min datter", "score": 4}], **extra}
    return workflows.submit(link=link, answers=Answers.from_saved(link, saved, pgq_offered=False),
                            language="da")


@pytest.fixture
def pregnancy(patient):
    return patient.pregnancies.get()


@pytest.fixture
def signed(patient, alice):
    return sign_with_pain(patient.consultations.get(), alice, now=5, worst_week=6)


def client_for(user):
    client = Client()
    sign_in_as(client, user)
    return client


def url(name, *args):
    return reverse(f"portal:{name}", args=args)


# Making and showing a link --------------------------------------------------------------------


def test_a_clinician_makes_a_link_and_sees_its_address_and_qr_code(alice_client, patient):
    response = alice_client.post(url("link_new", patient.public_id),
                                 {"contexts": ["walking", "stairs"]})
    link = QuestionnaireLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("link_detail", patient.public_id, link.public_id)
    assert link.contexts == ["walking", "stairs"] and not link.include_pgq
    assert link.pregnancy == patient.pregnancies.get() and link.clinic == patient.clinic
    page = alice_client.get(response["Location"]).content.decode()
    assert f"/p/{link.token}/" in page
    assert 'data-testid="link-qr"' in page and "<svg" in page and 'class="qrline"' in page
    assert patient.full_name in page


def test_the_pgq_is_offered_only_where_the_clinic_loaded_its_wording(alice_client, alice,
                                                                     patient, clinic):
    form = alice_client.get(url("link_new", patient.public_id)).content.decode()
    assert 'name="include_pgq"' not in form and 'data-testid="no-pgq"' in form
    alice_client.post(url("link_new", patient.public_id), {"contexts": ["walking"],
                                                            "include_pgq": "on"})
    assert not QuestionnaireLink.objects.get().include_pgq  # not offered: not taken
    make_pgq_wording(clinic, alice)
    assert 'name="include_pgq"' in alice_client.get(url("link_new", patient.public_id)).content.decode()
    alice_client.post(url("link_new", patient.public_id), {"contexts": ["walking"],
                                                            "include_pgq": "on"})
    assert QuestionnaireLink.objects.filter(include_pgq=True).count() == 1


@pytest.mark.parametrize("data", [{}, {"contexts": ["dancing"]}, {"contexts": ["walking", "x" * 500]}])
def test_bad_choices_are_field_errors_and_make_nothing(alice_client, patient, data):
    response = alice_client.post(url("link_new", patient.public_id), data)
    assert response.status_code == 200 and response.context["form"].errors["contexts"]
    assert not QuestionnaireLink.objects.exists()


def test_handing_over_and_revoking_are_dated_changes_in_her_history(alice_client, alice, patient):
    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    detail = url("link_detail", patient.public_id, link.public_id)
    assert alice_client.post(url("link_sent", patient.public_id, link.public_id))["Location"] == detail
    assert alice_client.post(url("link_revoke", patient.public_id, link.public_id))["Location"] == detail
    link.refresh_from_db()
    assert link.sent_at and link.revoked_at and link.revoked_by == alice
    page = alice_client.get(detail).content.decode()
    assert link.token not in page and "link-qr" not in page  # a revoked link is not shown again
    rows = HistoryEntry.objects.filter(patient_id=patient.pk, table_name="portal_questionnairelink")
    assert rows.count() == 3  # made, handed over, revoked
    with translation.override("en"):
        history = alice_client.get(reverse("consultations:change_history",
                                           args=[patient.public_id]), HTTP_ACCEPT_LANGUAGE="en")
    html = history.content.decode()
    assert history.status_code == 200 and "Questionnaire link" in html
    assert "Handed over" in html and "Revoked" in html
    assert link.token not in html


def test_a_revoked_link_cannot_be_handed_over(alice_client, alice, patient):
    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    workflows.revoke_link(link=link, by=alice)
    alice_client.post(url("link_sent", patient.public_id, link.public_id))
    link.refresh_from_db()
    assert link.sent_at is None


# Personas -----------------------------------------------------------------------------------


@pytest.fixture
def people(clinic, other_clinic, patient, alice):
    physio_clinic = make_clinic("Fysio Henvist", kind="physiotherapy")
    Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=clinic,
                            to_clinic=physio_clinic, created_by=alice)
    return {
        "owner": alice,
        "physio_here": make_clinician("petra", clinic, role="physiotherapist"),
        "admin": make_clinician("adam", clinic, role="clinic_admin"),
        "referred": make_clinician("rita", physio_clinic, role="physiotherapist"),
        "other": make_clinician("olga", other_clinic, role="physiotherapist"),
    }


@pytest.mark.parametrize("persona, form, detail, revoke", [
    ("owner", 200, 200, 302),
    ("physio_here", 200, 200, 302),
    ("admin", 403, 403, 403),
    ("referred", 200, 404, 404),  # she makes her clinic's own links; alice's are not hers
    ("other", 404, 404, 404),
    ("anonymous", 302, 302, 302),
])
def test_personas(people, patient, alice, persona, form, detail, revoke):
    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    client = Client()
    if persona != "anonymous":
        sign_in_as(client, people[persona])
    assert client.get(url("link_new", patient.public_id)).status_code == form
    assert client.get(url("link_detail", patient.public_id, link.public_id)).status_code == detail
    assert client.post(url("link_revoke", patient.public_id, link.public_id)).status_code == revoke
    link.refresh_from_db()
    assert (link.revoked_at is not None) == (revoke == 302 and persona != "anonymous")


def test_the_referred_clinic_makes_its_own_link_bound_to_its_clinic(people, patient):
    client = client_for(people["referred"])
    client.post(url("link_new", patient.public_id), {"contexts": ["walking"]})
    link = QuestionnaireLink.objects.get()
    assert link.clinic == people["referred"].memberships.get().clinic
    assert client.get(url("link_detail", patient.public_id, link.public_id)).status_code == 200
    assert client_for(people["owner"]).get(
        url("link_detail", patient.public_id, link.public_id)).status_code == 404


# Where her answers land -----------------------------------------------------------------------


def test_her_answers_are_on_her_page_dated_marked_and_access_logged(alice_client, alice, patient,
                                                                     signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    report = answer(link, 2, hardest="At gå på trapper")
    with translation.override("da"):
        page = alice_client.get(patient.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="da")
    html = page.content.decode()
    assert "udfyldt af patienten" in html
    assert "Bære min datter" in html and "At gå på trapper" in html
    assert report.submitted_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") \
        in html or "data-testid=\"patient-report\"" in html
    assert AccessLogEntry.objects.filter(user=alice, patient=patient,
                                         object_id=f"report:{report.public_id}").exists()
    # never inside the signed consultation
    visit = alice_client.get(signed.get_absolute_url()).content.decode()
    assert "Bære min datter" not in visit


def test_her_values_are_on_the_progress_chart_with_their_own_marker(alice_client, alice, patient,
                                                                    signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    report = answer(link, 7)
    page = alice_client.get(reverse("consultations:progress", args=[patient.public_id]))
    html = page.content.decode()
    nrs = next(svg for svg in page.context["progress"].panels if "NRS" in svg)
    assert nrs.count('class="series reported"') == 2  # walking now, walking worst
    assert nrs.count('class="series"') == 2  # her clinician's now and worst
    assert "legend-reported" in nrs
    assert 'data-testid="reported-table"' in html
    assert AccessLogEntry.objects.filter(user=alice, object_id=f"report:{report.public_id}",
                                         what="consultations:progress").exists()


def test_the_progress_pdf_draws_her_values_too(alice_client, alice, patient, signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    report = answer(link, 7)
    response = alice_client.get(reverse("consultations:progress_pdf", args=[patient.public_id]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(user=alice, object_id=f"report:{report.public_id}").exists()


# Worsening on the worklist ------------------------------------------------------------------


def test_a_worse_report_is_on_the_worklist_with_its_values_until_marked_seen(alice_client, alice,
                                                                            patient, signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    report = answer(link, 8)  # now 5 -> 8, worst 6 -> 8 (2 points): both worse
    assert report.worsened
    with translation.override("da"):
        page = alice_client.get("/", HTTP_ACCEPT_LANGUAGE="da")
    card = page.content.decode().split('data-testid="reported-worse"')[1].split("</div></div></div>")[0]
    assert patient.full_name in card
    assert "Smerter forværret, patientrapporteret" in page.content.decode()
    assert "NRS 5 → 8" in card and "NRS 6 → 8" in card
    assert AccessLogEntry.objects.filter(user=alice, what="dashboard",
                                         object_id=f"report:{report.public_id}").exists()
    response = alice_client.post(url("report_seen", patient.public_id, report.public_id),
                                 {"next": "dashboard"})
    assert response["Location"] == "/"
    report.refresh_from_db()
    assert report.seen_by == alice and report.seen_at
    assert patient.full_name not in alice_client.get("/").content.decode().split(
        'data-testid="reported-worse"')[1].split("</div></div></div>")[0]
    assert HistoryEntry.objects.filter(table_name="portal_patientreport", patient_id=patient.pk,
                                       operation="update").exists()


def test_a_report_within_the_threshold_is_not_on_the_worklist(alice_client, alice, patient, signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    assert not answer(link, 6).worsened  # now 5 -> 6 (20 %), worst 6 -> 6
    assert alice_client.get("/").context["reported_worse"] == []


@pytest.mark.parametrize("persona, status", [("admin", 403), ("other", 404), ("referred", 404),
                                             ("physio_here", 302)])
def test_marking_seen_is_permission_checked(people, patient, alice, signed, persona, status):
    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    report = answer(link, 9)
    response = client_for(people[persona]).post(url("report_seen", patient.public_id,
                                                    report.public_id))
    assert response.status_code == status
    report.refresh_from_db()
    assert (report.seen_at is not None) == (status == 302)


def test_another_clinics_worse_report_is_not_on_this_worklist(bob_client, alice, patient, signed):
    answer(make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"]), 9)
    assert bob_client.get("/").context["reported_worse"] == []


# Query counts -------------------------------------------------------------------------------


def _queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def test_her_page_and_progress_cost_the_same_with_more_reports(alice_client, alice, patient,
                                                               signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    answer(link, 3)
    pages = (patient.get_absolute_url(), reverse("consultations:progress", args=[patient.public_id]))
    few = [_queries(alice_client, page) for page in pages]
    for value in (5, 2, 8, 4):
        answer(link, value)
    assert [_queries(alice_client, page) for page in pages] == few


def test_the_dashboard_costs_the_same_with_more_worse_reports(alice_client, alice, clinic):
    def woman(n):
        her = make_patient(clinic, first_name=f"Kvinde{n}")
        pregnancy = make_pregnancy(her, ga="30+0")
        sign_with_pain(make_consultation(her, pregnancy, alice), alice, now=1)
        answer(make_questionnaire_link(pregnancy, alice, contexts=["walking"]), 8)

    woman(0)
    few = _queries(alice_client, "/")
    for n in range(1, LIST_LIMIT + 3):
        woman(n)
    assert _queries(alice_client, "/") == few
    assert len(alice_client.get("/").context["reported_worse"]) == LIST_LIMIT


# Her record PDF -------------------------------------------------------------------------------


def test_her_answers_are_in_her_record_pdf_after_the_notes_and_access_logged(alice_client, alice,
                                                                             patient, signed):
    from tests.pdf_text import pdf_text

    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    report = answer(link, 8, hardest="Trapperne om morgenen")
    with translation.override("da"):
        response = alice_client.get(reverse("consultations:record_pdf", args=[patient.public_id]),
                                    HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "Svar hjemmefra" in text and "udfyldt af patienten" in text
    assert "At gå, nu" in text and "NRS 8" in text and "Trapperne om morgenen" in text
    assert "Bære min datter" in text
    # after the signed note, not inside it
    assert text.index("Svar hjemmefra") > text.index("Underskrevet af")
    assert AccessLogEntry.objects.filter(user=alice, what="consultations:record_pdf",
                                         object_id=f"report:{report.public_id}").exists()


# The next follow-up --------------------------------------------------------------------------


def consultation_post(page, **extra):
    """The consultation form as the browser would send it, saved as a draft, plus extra."""
    from tests.form_data import form_data, post_data

    data = form_data(page.content.decode(), "consultation-form")
    for name, value in extra.items():
        data[name] = value
    data["action"] = "save"
    return post_data(data)


def test_the_follow_up_offers_her_latest_unconfirmed_answers_and_confirms_them(
        alice_client, alice, patient, signed):
    link = make_questionnaire_link(patient.pregnancies.get(), alice, contexts=["walking"])
    answer(link, 3)
    latest = answer(link, 4)
    new = reverse("consultations:consultation_create", args=[patient.public_id])
    page = alice_client.get(new)
    assert page.context["report_offer"][0] == latest
    assert AccessLogEntry.objects.filter(user=alice, what="consultations:consultation_create",
                                         object_id=f"report:{latest.public_id}").exists()
    assert f'value="{latest.public_id}"' in page.content.decode()
    data = consultation_post(page, confirm_report=str(latest.public_id))
    response = alice_client.post(new, data)
    assert response.status_code == 302, response.context and response.context["forms"].errors
    latest.refresh_from_db()
    assert latest.confirmed_in is not None and latest.confirmed_in.pk != signed.pk
    assert latest.confirmed_in.pregnancy == latest.pregnancy
    assert PatientReport.objects.filter(confirmed_in__isnull=False).count() == 1


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_bad_confirmation_confirms_nothing_and_is_no_error(alice_client, alice, patient, signed,
                                                             value):
    answer(make_questionnaire_link(patient.pregnancies.get(), alice), 4)
    new = reverse("consultations:consultation_create", args=[patient.public_id])
    response = alice_client.post(new, consultation_post(alice_client.get(new), confirm_report=value))
    assert response.status_code == 302
    assert not PatientReport.objects.filter(confirmed_in__isnull=False).exists()


# Printed on her handout -------------------------------------------------------------------------


def _programme_pdf(client, visit, **data):
    return client.post(reverse("consultations:handout_pdf", args=[visit.public_id, "programme"]),
                       {"lang": "da", **data})


def test_her_link_is_printed_on_her_handout_when_the_clinician_ticks_it(alice_client, alice,
                                                                        patient, signed):
    from tests.pdf_text import pdf_text

    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    detail = alice_client.get(signed.get_absolute_url()).content.decode()
    assert 'name="print_link"' in detail
    response = _programme_pdf(alice_client, signed, print_link="1")
    assert response.status_code == 200
    text = "".join(pdf_text(response.content).split())  # the address may wrap anywhere
    assert link.get_absolute_url() in text and "fødselsdato" in text
    link.refresh_from_db()
    assert link.sent_at is not None  # handed over: a dated change in her history
    assert signed.handouts.count() == 1


def test_the_link_is_not_printed_unless_ticked_nor_when_revoked(alice_client, alice, patient,
                                                                signed):
    from tests.pdf_text import pdf_text

    link = make_questionnaire_link(patient.pregnancies.get(), alice)
    text = "".join(pdf_text(_programme_pdf(alice_client, signed).content).split())
    assert link.get_absolute_url() not in text
    workflows.revoke_link(link=link, by=alice)
    assert 'name="print_link"' not in alice_client.get(signed.get_absolute_url()).content.decode()
    text = "".join(pdf_text(_programme_pdf(alice_client, signed, print_link="1").content).split())
    assert link.get_absolute_url() not in text
    link.refresh_from_db()
    assert link.sent_at is None
