"""save_consultation and its neighbours: values in, rows out (on PostgreSQL)."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.catalogue import RED_FLAGS
from assessments.forms import PgqForm
from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse, RedFlagAnswer
from consultations.demo import consultation_form_data, programme_rows
from consultations.forms import (
    AmendmentForm,
    ConsultationForms,
    PatientForm,
    PregnancyForm,
    ReferralForm,
)
from consultations.models import Amendment, Consultation, HistoryEntry, Patient, Referral
from consultations.workflows import (
    AlreadySigned,
    DraftHandedOut,
    EditConflict,
    add_amendment,
    close_referral,
    delete_draft,
    open_referral,
    record_pgq,
    register_patient,
    save_patient,
    save_pregnancy,
    sign_consultation,
    take_over_draft,
)
from education.models import HandoutIssued, ProgrammeItem

from ..factories import make_clinician, make_patient, make_pregnancy
from ..form_data import data_of

CHILD_TABLES = ["assessments_painscore", "assessments_pelvictestresult",
                "assessments_redflaganswer", "education_programmeitem"]
FIRST_VISIT = dict(
    pain=[("nrs", "now", 6), ("vas", "worst_week", 80), ("nrs", "at_rest", 3)],
    tests={"p4_left": "positive_familiar", "faber_right": "negative",
           "aslr_left": "2", "aslr_compression_left": "1", "aslr_right": "3"},
    history_notes="Smerter bagtil i bækkenet.",
)
PROGRAMME = [("cat-camel-all-fours", {}, ""), ("side-lying-clam", {"reps": "8"}, "Roligt"),
             ("side-lying-rest", {"hold_seconds": "900", "times_per_day": "1"}, "")]


@pytest.fixture
def woman(clinic):
    patient = make_patient(clinic, first_name="Louise", last_name="Bech")
    make_pregnancy(patient, ga="38+5")
    return patient


def save(consultation, data, by):
    forms = ConsultationForms(data, consultation)
    assert forms.is_valid(), forms.errors()
    return forms.save(by=by)


def first_save(woman, by, **fields):
    """A new consultation saved from the POST the page would send for these values."""
    consultation = Consultation(patient=woman, pregnancy=woman.current_pregnancy,
                                clinic=woman.clinic, clinician=by)
    data = QueryDict(urlencode(consultation_form_data(**{**FIRST_VISIT, **fields}), doseq=True))
    return save(consultation, data, by)


def reopened(consultation):
    """The saved draft as the edit page shows it, and the POST that showing it would send."""
    consultation = Consultation.objects.select_related("patient", "pregnancy").get(
        pk=consultation.pk)
    shown = ConsultationForms(None, consultation)
    data = data_of(shown.main, shown.tests, shown.pain, shown.flags, shown.programme)
    return consultation, data


def rows(consultation):
    """Every child row of the consultation: {kind: {pk: values}}."""
    return {
        "pain": {s.pk: (s.scale, s.context, s.value, s.position)
                 for s in PainScore.objects.filter(consultation=consultation)},
        "tests": {r.pk: (r.test, r.side, r.result, r.aslr_score, r.aslr_compression_score)
                  for r in PelvicTestResult.objects.filter(consultation=consultation)},
        "flags": {a.pk: (a.flag, a.status, a.action_taken)
                  for a in RedFlagAnswer.objects.filter(consultation=consultation)},
        "programme": {i.pk: (i.exercise_id, i.position, i.sets, i.reps, i.hold_seconds,
                             i.times_per_day, i.note)
                      for i in ProgrammeItem.objects.filter(consultation=consultation)},
    }


def pain_values(consultation):
    return [(s.scale, s.context, s.value) for s in consultation.pain_scores.all()]


def test_a_second_save_keeps_every_unchanged_row_untouched(woman, alice):
    consultation = first_save(woman, alice, programme=programme_rows(PROGRAMME))
    before = rows(consultation)
    assert len(before["pain"]) == 3 and len(before["programme"]) == 3
    assert len(before["flags"]) == len(RED_FLAGS) and len(before["tests"]) == 4
    changes = HistoryEntry.objects.filter(table_name__in=CHILD_TABLES).count()
    consultation, data = reopened(consultation)
    data["history_notes"] = "Kun noterne er ændret."
    save(consultation, data, alice)
    consultation.refresh_from_db()
    assert consultation.history_notes == "Kun noterne er ændret."
    assert rows(consultation) == before  # same primary keys, same values
    assert HistoryEntry.objects.filter(table_name__in=CHILD_TABLES).count() == changes


def test_the_item_2_sequence_keeps_the_pain_score_through_signing(woman, alice):
    consultation = first_save(woman, alice, pain=[("nrs", "now", 6)], flags="absent")
    consultation, data = reopened(consultation)
    data["history_notes"] = "Ændret efter første gem."
    consultation = save(consultation, data, alice)
    consultation, blockers = sign_consultation(consultation=consultation, by=alice)
    assert consultation.is_signed and not blockers
    assert pain_values(consultation) == [("nrs", "now", 6)]


def test_ticking_delete_removes_only_that_pain_row(woman, alice):
    consultation = first_save(woman, alice)
    kept = rows(consultation)["pain"]
    consultation, data = reopened(consultation)
    gone = int(data["pain-1-id"])
    data["pain-1-DELETE"] = "on"
    save(consultation, data, alice)
    del kept[gone]
    assert rows(consultation)["pain"] == kept
    assert pain_values(consultation) == [("nrs", "now", 6), ("nrs", "at_rest", 3)]


def test_a_changed_pain_row_is_updated_in_place_and_a_new_one_goes_last(woman, alice):
    consultation = first_save(woman, alice)
    before = rows(consultation)["pain"]
    consultation, data = reopened(consultation)
    data["pain-0-value"] = "7"
    extra = data["pain-TOTAL_FORMS"]
    data.update({f"pain-{extra}-scale": "vas", f"pain-{extra}-context": "now",
                 f"pain-{extra}-value": "55"})
    data["pain-TOTAL_FORMS"] = str(int(extra) + 1)
    save(consultation, data, alice)
    after = rows(consultation)["pain"]
    assert set(before) < set(after) and len(after) == 4
    assert pain_values(consultation) == [("nrs", "now", 7), ("vas", "worst_week", 80),
                                         ("nrs", "at_rest", 3), ("vas", "now", 55)]


def test_pelvic_tests_are_updated_kept_or_deleted_by_test_and_side(woman, alice):
    consultation = first_save(woman, alice)
    before = {(r[0], r[1]): pk for pk, r in rows(consultation)["tests"].items()}
    consultation, data = reopened(consultation)
    data["test-p4_left"] = "negative"  # changed
    data["test-faber_right"] = ""  # set back to empty
    data["test-aslr_right"] = ""  # ASLR set back to empty
    data["test-aslr_compression_left"] = ""  # only the compression score cleared
    data["test-p4_right"] = "pain_not_familiar"  # new
    save(consultation, data, alice)
    after = {(r[0], r[1]): (pk, r[2:]) for pk, r in rows(consultation)["tests"].items()}
    assert after == {
        ("p4", "left"): (before[("p4", "left")], ("negative", None, None)),
        ("aslr", "left"): (before[("aslr", "left")], ("", 2, None)),
        ("p4", "right"): (after[("p4", "right")][0], ("pain_not_familiar", None, None)),
    }


def test_a_red_flag_answer_is_changed_in_its_own_row(woman, alice):
    consultation = first_save(woman, alice)
    before = {flag: pk for pk, (flag, _s, _a) in rows(consultation)["flags"].items()}
    consultation, data = reopened(consultation)
    data["flag-ce_saddle_anaesthesia"] = "present"
    data["flag-ce_saddle_anaesthesia_action"] = "Sendt til MR-scanning i dag."
    save(consultation, data, alice)
    after = {flag: (pk, status, action)
             for pk, (flag, status, action) in rows(consultation)["flags"].items()}
    assert {flag: pk for flag, (pk, _s, _a) in after.items()} == before
    assert after["ce_saddle_anaesthesia"][1:] == ("present", "Sendt til MR-scanning i dag.")


def test_programme_rows_are_not_duplicated_and_are_changed_in_place(woman, alice):
    consultation = first_save(woman, alice, programme=programme_rows(PROGRAMME))
    before = rows(consultation)["programme"]
    for _ in range(2):
        consultation, data = reopened(consultation)
        consultation = save(consultation, data, alice)
    assert rows(consultation)["programme"] == before
    consultation, data = reopened(consultation)
    data["programme-0-DELETE"] = "on"
    data["programme-1-sets"] = "3"
    save(consultation, data, alice)
    first, second, third = sorted(before, key=lambda pk: before[pk][1])
    after = rows(consultation)["programme"]
    assert set(after) == {second, third}
    assert after[second][1:3] == (0, 3)  # now first, three sets
    assert after[third][1] == 1


def test_updated_by_records_who_saved_the_draft_last(woman, alice, clinic):
    colleague = make_clinician("carl", clinic)
    consultation = first_save(woman, alice)
    assert consultation.updated_by == alice
    consultation, data = reopened(consultation)
    save(consultation, data, colleague)  # nothing changed: nothing saved, by nobody
    consultation.refresh_from_db()
    assert (consultation.updated_by, consultation.version) == (alice, 1)
    consultation, data = reopened(consultation)
    data["plan_notes"] = "Kontrol om 3 uger."
    save(consultation, data, colleague)
    consultation.refresh_from_db()
    assert (consultation.updated_by, consultation.clinician) == (colleague, alice)
    assert consultation.version == 2


def test_a_back_dated_consultation_does_not_move_last_seen_back(woman, alice):
    now = timezone.localtime().replace(second=0, microsecond=0)
    woman.last_seen_at = now - datetime.timedelta(days=3)
    woman.save(update_fields=["last_seen_at"])
    first_save(woman, alice, seen_at=now - datetime.timedelta(days=1))
    woman.refresh_from_db()
    assert woman.last_seen_at == now - datetime.timedelta(days=1)
    first_save(woman, alice, seen_at=now - datetime.timedelta(days=2))
    woman.refresh_from_db()
    assert woman.last_seen_at == now - datetime.timedelta(days=1)


def test_a_stale_version_is_refused_and_nothing_is_written(woman, alice):
    consultation = first_save(woman, alice)
    consultation, stale = reopened(consultation)
    consultation, data = reopened(consultation)
    data["history_notes"] = "Gemt af den første."
    save(consultation, data, alice)
    before, changes = rows(consultation), HistoryEntry.objects.count()
    consultation, _ = reopened(consultation)
    stale["history_notes"] = "Gammel side."
    stale["pain-0-DELETE"] = "on"
    stale["test-p4_left"] = ""
    with pytest.raises(EditConflict) as conflict:
        save(consultation, stale, alice)
    assert conflict.value.current.version == 2
    consultation.refresh_from_db()
    assert consultation.history_notes == "Gemt af den første."
    assert rows(consultation) == before and HistoryEntry.objects.count() == changes


def test_a_signed_consultation_cannot_be_saved(woman, alice):
    consultation = first_save(woman, alice, flags="absent")
    consultation, data = reopened(consultation)
    sign_consultation(consultation=consultation, by=alice)
    before = rows(consultation)
    data["pain-0-value"] = "1"
    with pytest.raises(AlreadySigned):
        save(consultation, data, alice)
    assert rows(consultation) == before
    with pytest.raises(AlreadySigned):
        sign_consultation(consultation=consultation, by=alice)


def _queries_of_a_save(woman, alice, pain, programme):
    consultation = first_save(woman, alice, pain=pain, programme=programme_rows(programme))
    consultation, data = reopened(consultation)
    for number in range(len(pain)):
        data[f"pain-{number}-value"] = "1"  # every score changed
    for number in range(len(programme)):
        data[f"programme-{number}-note"] = "ny"  # every exercise changed
    data["test-p4_left"] = "negative"
    forms = ConsultationForms(data, consultation)
    assert forms.is_valid(), forms.errors()
    with CaptureQueriesContext(connection) as captured:
        forms.save(by=alice)
    return len(captured)


def test_a_save_costs_the_same_number_of_queries_for_one_row_or_many(woman, alice):
    few = _queries_of_a_save(woman, alice, [("nrs", "now", 6)], PROGRAMME[:1])
    many = _queries_of_a_save(woman, alice, FIRST_VISIT["pain"] * 3, PROGRAMME * 3)
    assert few == many
    assert many <= 20


def test_a_pain_row_ticked_for_deletion_no_longer_counts_for_the_suggestion(woman, alice):
    consultation = first_save(woman, alice, pain=[("vas", "now", 90), ("nrs", "now", 2)])
    assert "high_pain" in ConsultationForms(None, consultation).support().prognosis.flags
    consultation, data = reopened(consultation)
    data["pain-0-DELETE"] = "on"
    forms = ConsultationForms(data, consultation)
    assert "high_pain" not in forms.support().prognosis.flags
    forms.save(by=alice)
    assert pain_values(consultation) == [("nrs", "now", 2)]


# The other workflows: values in, rows out --------------------------------------------------


def patient_data(**fields):
    return {"cpr": "170593-1234", "first_name": "Mette", "last_name": "Holm", "phone": "",
            "occupation": "", "notes": "", **fields}


def test_register_patient_saves_her_and_her_pregnancy_in_the_clinic(clinic):
    edd = timezone.localdate() + datetime.timedelta(days=60)
    patient_form = PatientForm(patient_data(), clinic=clinic)
    pregnancy_form = PregnancyForm({"edd": edd.isoformat(), "edd_source": "nuchal_scan",
                                    "gravida": "1", "para": "0"})
    assert patient_form.is_valid(), patient_form.errors
    assert pregnancy_form.is_valid(), pregnancy_form.errors
    patient = register_patient(patient_form=patient_form, pregnancy_form=pregnancy_form,
                               clinic=clinic)
    patient = Patient.objects.get(pk=patient.pk)
    assert (patient.clinic, patient.full_name, patient.date_of_birth) == (
        clinic, "Mette Holm", datetime.date(1993, 5, 17))
    assert [(p.edd, p.gravida) for p in patient.pregnancies.all()] == [(edd, 1)]


def test_save_patient_changes_her_cpr_number_with_its_birth_date_and_refuses_a_stale_form(
    woman,
):
    form = PatientForm(patient_data(cpr="010285-1234", version="1"), instance=woman,
                       clinic=woman.clinic)
    assert form.is_valid(), form.errors
    save_patient(form)
    saved = Patient.objects.get(pk=woman.pk)
    assert (saved.first_name, saved.date_of_birth, saved.version) == (
        "Mette", datetime.date(1985, 2, 1), 2)
    assert saved.cpr_display == "010285-1234"
    stale = PatientForm(patient_data(first_name="Gammel", version="1"),
                        instance=Patient.objects.get(pk=woman.pk), clinic=woman.clinic)
    assert stale.is_valid(), stale.errors
    with pytest.raises(EditConflict):
        save_patient(stale)
    assert Patient.objects.get(pk=woman.pk).first_name == "Mette"


def test_save_pregnancy_stores_the_next_version(woman):
    pregnancy = woman.current_pregnancy
    form = PregnancyForm({"edd": pregnancy.edd.isoformat(), "edd_source": "nuchal_scan",
                          "gravida": "3", "para": "1", "version": "1"},
                         instance=pregnancy, patient=woman)
    assert form.is_valid(), form.errors
    save_pregnancy(form)
    pregnancy.refresh_from_db()
    assert (pregnancy.gravida, pregnancy.para, pregnancy.version) == (3, 1, 2)


def test_signing_locks_the_record_with_who_and_when(woman, alice):
    consultation = first_save(woman, alice)
    before = timezone.now()
    signed, blockers = sign_consultation(consultation=consultation, by=alice)
    assert blockers == ()
    stored = Consultation.objects.get(pk=consultation.pk)
    assert (stored.status, stored.signed_by, stored.version) == ("signed", alice, 2)
    assert before <= stored.signed_at <= timezone.now()
    assert signed.is_signed and signed.version == 2


def test_signing_with_unanswered_red_flags_changes_nothing_and_says_why(woman, alice):
    consultation = first_save(woman, alice, flags="not_asked")
    signed, blockers = sign_consultation(consultation=consultation, by=alice)
    assert blockers and {b.reason for b in blockers} == {"not_answered"}
    stored = Consultation.objects.get(pk=consultation.pk)
    assert (stored.status, stored.signed_by, stored.signed_at, stored.version) == (
        "draft", None, None, 1)
    assert signed.pk == consultation.pk and not signed.is_signed


def test_deleting_a_draft_removes_it_with_every_part(woman, alice):
    consultation = first_save(woman, alice, programme=programme_rows(PROGRAMME))
    record_pgq(consultation=consultation, form=pgq_form(consultation), by=alice)
    delete_draft(consultation=consultation, by=alice)
    assert not Consultation.objects.filter(pk=consultation.pk).exists()
    assert rows(consultation) == {"pain": {}, "tests": {}, "flags": {}, "programme": {}}
    assert not QuestionnaireResponse.objects.filter(consultation_id=consultation.pk).exists()


def test_a_draft_is_deleted_only_by_its_clinician_and_never_once_handed_out_or_signed(
    woman, alice, clinic,
):
    colleague = make_clinician("carl", clinic)
    consultation = first_save(woman, alice)
    with pytest.raises(PermissionError):
        delete_draft(consultation=consultation, by=colleague)
    HandoutIssued.objects.create(consultation=consultation, kind="summary", language="da",
                                 template_version="1", issued_by=alice)
    with pytest.raises(DraftHandedOut):
        delete_draft(consultation=consultation, by=alice)
    signed = first_save(woman, alice)
    sign_consultation(consultation=signed, by=alice)
    with pytest.raises(AlreadySigned):
        delete_draft(consultation=signed, by=alice)
    assert Consultation.objects.filter(pk__in=[consultation.pk, signed.pk]).count() == 2
    assert len(rows(consultation)["pain"]) == 3


def test_an_amendment_is_appended_to_a_signed_record_only(woman, alice):
    consultation = first_save(woman, alice)
    form = AmendmentForm({"reason": "Skrivefejl", "text": "  NRS var 5, ikke 6.  "})
    assert form.is_valid(), form.errors
    with pytest.raises(ValueError):
        add_amendment(consultation=consultation, form=form, by=alice)
    assert not Amendment.objects.exists()
    consultation, _ = sign_consultation(consultation=consultation, by=alice)
    amendment = add_amendment(consultation=consultation, form=form, by=alice)
    stored = Amendment.objects.get(pk=amendment.pk)
    assert (stored.consultation, stored.author, stored.reason, stored.text) == (
        consultation, alice, "Skrivefejl", "NRS var 5, ikke 6.")
    assert Consultation.objects.get(pk=consultation.pk).version == consultation.version


def test_a_referral_is_opened_and_closed_once(woman, alice, clinic, other_clinic):
    form = ReferralForm({"to_clinic": other_clinic.pk, "reason": "Bækkensmerter"},
                        from_clinic=clinic, pregnancy=woman.current_pregnancy)
    assert form.is_valid(), form.errors
    referral = open_referral(form=form, pregnancy=woman.current_pregnancy, by=alice,
                             clinic=clinic)
    stored = Referral.objects.get(pk=referral.pk)
    assert (stored.pregnancy, stored.from_clinic, stored.to_clinic, stored.created_by,
            stored.reason, stored.is_open) == (
        woman.current_pregnancy, clinic, other_clinic, alice, "Bækkensmerter", True)
    woman.phone = "12345678"
    woman.save()
    assert close_referral(referral=referral, by=alice) is True
    closed = Referral.objects.get(pk=referral.pk)
    assert (closed.is_open, closed.closed_by, closed.version) == (False, alice, 2)
    assert closed.patient_snapshot == woman.details_snapshot()
    colleague = make_clinician("carl", clinic)
    assert close_referral(referral=referral, by=colleague) is False
    again = Referral.objects.get(pk=referral.pk)
    assert (again.closed_by, again.closed_at, again.version) == (alice, closed.closed_at, 2)


def pgq_form(consultation, **items):
    today = timezone.localdate()
    data = {"filled_on": today.isoformat()}
    data |= {f"item_{n}": "1" for n in range(1, 26)} | items
    form = PgqForm(data, today=today, visit_day=today)
    assert form.is_valid(), form.errors
    return form


def test_record_pgq_stores_the_published_scores_and_whether_it_came_after_signing(woman, alice):
    consultation = first_save(woman, alice)
    before = record_pgq(consultation=consultation, by=alice,
                        form=pgq_form(consultation, item_21="3", item_25="na"))
    stored = QuestionnaireResponse.objects.get(pk=before.pk)
    assert (stored.instrument, stored.scoring_version, stored.recorded_by) == (
        "pgq", "pgq-2011-percent-v1", alice)
    assert (stored.total, stored.activity, stored.symptom, stored.answered) == (
        Decimal("36.1"), Decimal("33.3"), Decimal("50.0"), 24)
    assert stored.items["21"] == 3 and stored.items["25"] is None and len(stored.items) == 25
    assert stored.filled_on == timezone.localdate() and stored.added_after_signing is False
    consultation, _ = sign_consultation(consultation=consultation, by=alice)
    after = record_pgq(consultation=consultation, form=pgq_form(consultation), by=alice)
    assert QuestionnaireResponse.objects.get(pk=after.pk).added_after_signing is True


def test_a_colleague_takes_over_a_draft_and_the_record_keeps_from_whom(woman, alice, clinic):
    colleague = make_clinician("carl", clinic)
    consultation = first_save(woman, alice)
    same = take_over_draft(consultation=consultation, by=alice)
    assert (same.clinician, same.taken_over_from_id, same.version) == (alice, None, 1)
    before = timezone.now()
    take_over_draft(consultation=consultation, by=colleague)
    stored = Consultation.objects.get(pk=consultation.pk)
    assert (stored.clinician, stored.taken_over_from, stored.version) == (colleague, alice, 2)
    assert before <= stored.taken_over_at <= timezone.now()
    sign_consultation(consultation=stored, by=colleague)
    with pytest.raises(AlreadySigned):
        take_over_draft(consultation=stored, by=alice)


def test_a_pgq_on_a_draft_is_part_of_it_even_when_her_earlier_visit_is_signed(woman, alice):
    earlier = first_save(woman, alice)
    sign_consultation(consultation=earlier, by=alice)
    draft = first_save(woman, alice)
    response = record_pgq(consultation=draft, form=pgq_form(draft), by=alice)
    assert QuestionnaireResponse.objects.get(pk=response.pk).added_after_signing is False


def history_count(table, row_id):
    return HistoryEntry.objects.filter(table_name=table, row_id=row_id).count()


def test_a_re_save_writes_the_draft_once_and_leaves_her_row_alone(woman, alice):
    woman.last_seen_at = timezone.now() - datetime.timedelta(days=30)
    woman.save(update_fields=["last_seen_at"])
    consultation = first_save(woman, alice)
    woman.refresh_from_db()
    assert woman.last_seen_at == consultation.seen_at
    drafts = history_count("consultations_consultation", consultation.pk)
    hers = history_count("consultations_patient", woman.pk)
    consultation, data = reopened(consultation)
    written = HistoryEntry.objects.count()
    save(consultation, data, alice)  # nothing changed (Sign after an autosave): no row at all
    assert HistoryEntry.objects.count() == written
    consultation, data = reopened(consultation)
    data["plan_notes"] = "Kontrol om 3 uger."
    save(consultation, data, alice)
    assert history_count("consultations_consultation", consultation.pk) == drafts + 1
    assert history_count("consultations_patient", woman.pk) == hers  # seen_at did not move


def test_saving_a_visit_keeps_her_details_edited_meanwhile(woman, alice):
    woman.last_seen_at = timezone.now() - datetime.timedelta(days=30)
    woman.save(update_fields=["last_seen_at"])
    Patient.objects.filter(pk=woman.pk).update(phone="20304050")  # a colleague, meanwhile
    first_save(woman, alice)  # `woman` still holds her old phone number
    woman = Patient.objects.get(pk=woman.pk)
    assert woman.phone == "20304050"
    assert woman.last_seen_at > timezone.now() - datetime.timedelta(days=1)


def test_the_stored_subgroup_suggestion_is_blank_when_it_cannot_be_decided(woman, alice):
    # Issue 13: P4 left positive, the right SI joint and the symphysis not examined: no
    # subgroup is suggested, and the record stores none ("" = could not be decided).
    undecided = first_save(woman, alice)
    undecided.refresh_from_db()
    assert undecided.suggested_subgroup == ""
    examined = first_save(woman, alice, tests={
        **FIRST_VISIT["tests"], "p4_right": "negative", "symphysis_palpation_midline": "negative"})
    examined.refresh_from_db()
    assert examined.suggested_subgroup == "one_sided_sij_left"
