import datetime

import pytest
from django.db import connection
from django.utils import timezone

from consultations.models import HistoryEntry
from portal import tokens, workflows
from portal.models import (
    MAX_FAILED_CHECKS,
    CheckAttempt,
    PatientReport,
    QuestionnaireLink,
    ReportedPain,
    SavedAnswers,
)
from portal.workflows import Answers, CheckOutcome, LinkClosed, LinkNotAllowed
from tests.factories import (
    make_patient,
    make_pgq_wording,
    make_pregnancy,
    make_questionnaire_link,
)
from tests.portal.test_clinician_rules import _visit

BORN = datetime.date(1993, 5, 17)  # the `patient` fixture's birth date
WRONG = datetime.date(1993, 5, 18)
ADDRESS = "192.0.2.10"


def full_answers(link, value=3, **extra):
    pain = {f"{activity}__{moment}": value for activity in link.contexts
            for moment in ("now", "worst_week")}
    return {"pain": pain, "psfs": [{"activity": "Gå med barnevognen", "score": 6}], **extra}


def answers_for(link, saved, pgq_offered=False):
    return Answers.from_saved(link, saved, pgq_offered=pgq_offered)


# Making, handing over and revoking --------------------------------------------------------------


def test_make_link_keeps_the_token_only_encrypted_and_finds_it_by_digest(link):
    token = link.token
    assert tokens.looks_like_token(token)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM portal_questionnairelink WHERE id = %s", [link.pk])
        row = cursor.fetchone()
    assert not any(token in str(value) for value in row)
    assert workflows.find_link(token) == link
    assert workflows.find_link(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert workflows.find_link("not-a-token") is None


def test_make_link_expires_after_fourteen_days_by_default(link):
    lifetime = link.expires_at - link.created_at
    assert datetime.timedelta(days=14) - lifetime < datetime.timedelta(seconds=5)
    assert link.is_open


def test_make_link_url_carries_only_the_token(link):
    assert link.get_absolute_url() == f"/p/{link.token}/"


def test_make_link_refuses_unknown_contexts(pregnancy, alice):
    with pytest.raises(LinkNotAllowed):
        make_questionnaire_link(pregnancy, alice, contexts=["walking", "dancing"])


def test_make_link_offers_the_pgq_only_where_the_clinic_loaded_its_wording(pregnancy, alice, clinic):
    with pytest.raises(LinkNotAllowed):
        make_questionnaire_link(pregnancy, alice, include_pgq=True)
    make_pgq_wording(clinic, alice)
    assert make_questionnaire_link(pregnancy, alice, include_pgq=True).include_pgq


def test_make_link_refuses_an_episode_of_another_clinic(pregnancy, bob, other_clinic):
    with pytest.raises(LinkNotAllowed):
        make_questionnaire_link(pregnancy, bob, clinic=other_clinic)


def test_link_events_are_in_her_change_history(link, alice, patient):
    workflows.mark_sent(link=link)
    workflows.revoke_link(link=link, by=alice)
    rows = HistoryEntry.objects.filter(table_name="portal_questionnairelink", row_id=link.pk,
                                       patient_id=patient.pk).order_by("pk")
    assert [row.operation for row in rows] == ["insert", "update", "update"]
    assert rows[1].new_values["sent_at"] and rows[2].new_values["revoked_at"]
    assert all(link.token not in str(row.new_values) for row in rows)


def test_revoke_link_keeps_the_first_revocation(link, alice, bob):
    first = workflows.revoke_link(link=link, by=alice)
    again = workflows.revoke_link(link=link, by=bob)
    assert again.revoked_by == alice and again.revoked_at == first.revoked_at
    assert again.state == QuestionnaireLink.State.REVOKED


# The birth-date check ---------------------------------------------------------------------------


def test_check_passes_after_two_wrong_answers(link):
    assert workflows.check_birth_date(link=link, born=WRONG, address=ADDRESS) == CheckOutcome.WRONG
    assert workflows.check_birth_date(link=link, born=WRONG, address=ADDRESS) == CheckOutcome.WRONG
    assert workflows.check_birth_date(link=link, born=BORN, address=ADDRESS) == CheckOutcome.OK
    link.refresh_from_db()
    assert link.failed_checks == 2 and link.verified_at and link.locked_at is None


def test_third_wrong_answer_locks_the_link_even_for_the_right_date_after(link):
    for _ in range(MAX_FAILED_CHECKS - 1):
        workflows.check_birth_date(link=link, born=WRONG, address=ADDRESS)
    assert workflows.check_birth_date(link=link, born=WRONG, address=ADDRESS) == CheckOutcome.LOCKED
    assert workflows.check_birth_date(link=link, born=BORN, address=ADDRESS) == CheckOutcome.LOCKED
    link.refresh_from_db()
    assert link.locked_at and link.state == QuestionnaireLink.State.LOCKED
    assert HistoryEntry.objects.filter(table_name="portal_questionnairelink", row_id=link.pk,
                                       new_values__locked_at__isnull=False).exists()


def test_expired_and_revoked_links_refuse_the_right_date(link, pregnancy, alice):
    QuestionnaireLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert workflows.check_birth_date(link=link, born=BORN, address=ADDRESS) == CheckOutcome.CLOSED
    other = make_questionnaire_link(pregnancy, alice)
    workflows.revoke_link(link=other, by=alice)
    assert workflows.check_birth_date(link=other, born=BORN, address=ADDRESS) == CheckOutcome.CLOSED
    assert not CheckAttempt.objects.exists()


def test_check_is_rate_limited_per_address_across_links(link, clinic, alice, settings):
    for _ in range(workflows.MAX_ATTEMPTS_PER_ADDRESS):
        workflows.note_unknown_token(address=ADDRESS)
    assert workflows.check_birth_date(link=link, born=BORN, address=ADDRESS) == CheckOutcome.THROTTLED
    assert workflows.check_birth_date(link=link, born=BORN, address="192.0.2.11") == CheckOutcome.OK


def test_check_is_rate_limited_per_link_across_addresses(link):
    for number in range(workflows.MAX_ATTEMPTS_PER_LINK):
        assert workflows.check_birth_date(link=link, born=BORN, address=f"192.0.2.{number}") == "ok"
    assert workflows.check_birth_date(link=link, born=BORN, address="198.51.100.1") == "throttled"
    link.refresh_from_db()
    assert link.failed_checks == 0


def test_old_attempts_no_longer_count(link):
    for _ in range(workflows.MAX_ATTEMPTS_PER_ADDRESS):
        workflows.note_unknown_token(address=ADDRESS)
    CheckAttempt.objects.update(at=timezone.now() - workflows.ATTEMPT_WINDOW)
    assert workflows.check_birth_date(link=link, born=BORN, address=ADDRESS) == CheckOutcome.OK


# Saving as she goes, and sending ---------------------------------------------------------------


def test_save_draft_replaces_her_saved_answers(link):
    workflows.save_draft(link=link, answers={"pain": {"walking__now": 4}})
    workflows.save_draft(link=link, answers={"pain": {"walking__now": 5}})
    assert workflows.saved_answers(link) == {"pain": {"walking__now": 5}}
    assert SavedAnswers.objects.count() == 1


def test_save_draft_refuses_a_closed_link(link, alice):
    workflows.revoke_link(link=link, by=alice)
    with pytest.raises(LinkClosed):
        workflows.save_draft(link=link, answers={"hardest": "x"})
    assert not SavedAnswers.objects.exists()


def test_submit_stores_one_dated_report_and_clears_the_draft(link, pregnancy):
    saved = full_answers(link, hardest="At vende mig om natten")
    workflows.save_draft(link=link, answers=saved)
    report = workflows.submit(link=link, answers=answers_for(link, saved), language="da")
    assert report.pregnancy == pregnancy and report.clinic == link.clinic
    assert report.pain_values() == {(a, m): 3 for a in link.contexts for m in ("now", "worst_week")}
    assert [(row.activity, row.score) for row in report.psfs_rows.all()] == [("Gå med barnevognen", 6)]
    assert report.hardest == "At vende mig om natten" and not report.worsened
    assert report.pgq_items is None
    link.refresh_from_db()
    assert link.used_at == report.submitted_at
    assert workflows.saved_answers(link) == {}


def test_submit_scores_the_pgq_with_its_version(link, clinic, alice):
    make_pgq_wording(clinic, alice)
    link = make_questionnaire_link(link.pregnancy, alice, include_pgq=True)
    saved = full_answers(link, pgq={str(n): 1 for n in range(1, 26)})
    report = workflows.submit(link=link, answers=answers_for(link, saved, pgq_offered=True),
                              language="en")
    assert float(report.pgq_total) == 33.3 and report.pgq_answered == 25
    assert report.pgq_scoring_version == "pgq-2011-percent-v1" and report.language == "en"


def test_her_reports_are_judged_against_the_clinicians_values_never_each_other(link, alice):
    """P1: a rise between two of her own reports is not a worsening; a rise over the last
    signed visit's NRS is (the rule's cases: tests/portal/test_clinician_rules.py)."""
    link.pregnancy.patient.consultations.all().delete()
    first = workflows.submit(link=link, answers=answers_for(link, full_answers(link, value=3)),
                             language="da")
    second = workflows.submit(link=link, answers=answers_for(link, full_answers(link, value=5)),
                              language="da")
    assert not first.worsened and not second.worsened
    _visit(link.pregnancy.patient, link.pregnancy, alice, 2, sign=True, nrs__now=3)
    third = workflows.submit(link=link, answers=answers_for(link, full_answers(link, value=5)),
                             language="da")
    fourth = workflows.submit(link=link, answers=answers_for(link, full_answers(link, value=3)),
                              language="da")
    assert third.worsened and not fourth.worsened
    assert PatientReport.objects.filter(link=link).count() == 4


def test_submit_refuses_a_closed_link_and_saves_nothing(link, alice):
    answers = answers_for(link, full_answers(link))
    workflows.revoke_link(link=link, by=alice)
    with pytest.raises(LinkClosed):
        workflows.submit(link=link, answers=answers, language="da")
    assert not PatientReport.objects.exists()


def test_submit_is_all_or_nothing(link):
    answers = answers_for(link, full_answers(link))
    broken = Answers(pain={**answers.pain, ("walking", "now"): 11}, pgq=None, psfs=answers.psfs,
                     hardest="")
    with pytest.raises(Exception):  # noqa: B017 the database refuses NRS 11
        workflows.submit(link=link, answers=broken, language="da")
    assert not PatientReport.objects.exists() and not ReportedPain.objects.exists()


@pytest.mark.parametrize("saved", [
    {},
    {"pain": {"turning_in_bed__now": 11}},
    {"pain": {"turning_in_bed__now": "3"}},
    {"psfs": [{"activity": "", "score": 3}]},
    {"psfs": [{"activity": "x" * 101, "score": 3}]},
    {"psfs": [{"activity": f"a{n}", "score": 3} for n in range(4)]},
    {"hardest": "x" * 1001},
])
def test_answers_out_of_range_are_refused_before_saving(link, saved):
    good = full_answers(link)
    bad = {**good, **saved} if saved else {}
    with pytest.raises(ValueError):
        answers_for(link, bad)


def test_links_of_different_women_never_share_answers(link, clinic, alice):
    woman = make_patient(clinic, first_name="Ida")
    other = make_questionnaire_link(make_pregnancy(woman), alice)
    workflows.save_draft(link=link, answers={"hardest": "mine"})
    assert workflows.saved_answers(other) == {}


def test_rotate_keys_moves_link_tokens_to_the_new_key(link, settings):
    import io

    from django.core.management import call_command

    token, key_a = link.token, settings.CPR_ENCRYPTION_KEY
    settings.CPR_ENCRYPTION_KEY = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE="
    settings.CPR_OLD_KEYS = [key_a]
    assert workflows.find_link(token) == link  # found under the old digest meanwhile
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "1 of 1 questionnaire links re-encrypted" in out.getvalue()
    settings.CPR_OLD_KEYS = []
    again = workflows.find_link(token)
    assert again == link and again.token == token
    history = HistoryEntry.objects.filter(table_name="portal_questionnairelink").latest("pk")
    assert history.operation == "update" and history.changed_fields() == []


def test_her_change_history_page_reads_the_link_events(link, alice, alice_client, patient):
    from django.urls import reverse

    workflows.check_birth_date(link=link, born=WRONG, address=ADDRESS)
    workflows.revoke_link(link=link, by=alice)
    page = alice_client.get(reverse("consultations:change_history", args=[patient.public_id]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Spørgeskemalink" in text and "Forkerte fødselsdatoer" in text and "Tilbagekaldt" in text
    assert link.token not in text and link.token_digest not in text


def test_a_revoked_or_locked_link_forgets_her_unsent_answers(link, pregnancy, alice):
    workflows.save_draft(link=link, answers={"hardest": "ikke sendt"})
    workflows.revoke_link(link=link, by=alice)
    assert not SavedAnswers.objects.exists()
    other = make_questionnaire_link(pregnancy, alice)
    workflows.save_draft(link=other, answers={"hardest": "ikke sendt"})
    for _ in range(MAX_FAILED_CHECKS):
        workflows.check_birth_date(link=other, born=WRONG, address=ADDRESS)
    assert not SavedAnswers.objects.exists()


def test_mark_report_seen_keeps_the_first_clinician(link, alice, bob):
    link.pregnancy.patient.consultations.all().delete()
    _visit(link.pregnancy.patient, link.pregnancy, alice, 2, sign=True, nrs__now=3)
    report = workflows.submit(link=link, answers=answers_for(link, full_answers(link, 6)),
                              language="da")
    assert list(PatientReport.objects.worsened_unseen(link.clinic)) == [report]
    first = workflows.mark_report_seen(report=report, by=alice)
    again = workflows.mark_report_seen(report=report, by=bob)
    assert again.seen_by == alice and again.seen_at == first.seen_at
    assert not PatientReport.objects.worsened_unseen(link.clinic).exists()


def test_attempts_older_than_a_day_are_forgotten(link):
    workflows.note_unknown_token(address=ADDRESS)
    CheckAttempt.objects.update(at=timezone.now() - datetime.timedelta(days=2))
    workflows.check_birth_date(link=link, born=BORN, address=ADDRESS)
    assert CheckAttempt.objects.count() == 1


def test_pain_contexts_share_the_codes_of_aggravating_activities():
    from assessments.catalogue import AggravatingActivity, PainContext
    from portal.models import PainActivity, PainMoment

    assert set(PainActivity.values) <= set(AggravatingActivity.values)
    assert set(PainMoment.values) <= set(PainContext.values)


def test_the_database_refuses_free_text_over_1000_characters(link):
    from django.db import IntegrityError, transaction

    report = workflows.submit(link=link, answers=answers_for(link, full_answers(link)),
                              language="da")
    with pytest.raises(IntegrityError), transaction.atomic():
        PatientReport.objects.filter(pk=report.pk).update(hardest="x" * 1001)


def test_a_report_keeps_pgq_numbers_never_the_wording(link, clinic, alice):
    make_pgq_wording(clinic, alice)
    link = make_questionnaire_link(link.pregnancy, alice, include_pgq=True)
    saved = full_answers(link, pgq={str(n): n % 4 for n in range(1, 26)})
    report = workflows.submit(link=link, answers=answers_for(link, saved, pgq_offered=True),
                              language="da")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM portal_patientreport WHERE id = %s", [report.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "Spørgsmål" not in row
    assert report.pgq_items == {str(n): n % 4 for n in range(1, 26)}
