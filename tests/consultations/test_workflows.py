"""save_consultation and its neighbours: values in, rows out (on PostgreSQL)."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.catalogue import RED_FLAGS
from assessments.models import PainScore, PelvicTestResult, RedFlagAnswer
from consultations.demo import consultation_form_data, programme_rows
from consultations.forms import ConsultationForms
from consultations.models import Consultation, HistoryEntry
from consultations.workflows import AlreadySigned, EditConflict, sign_consultation
from education.models import ProgrammeItem

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
    save(consultation, data, colleague)
    consultation.refresh_from_db()
    assert (consultation.updated_by, consultation.clinician) == (colleague, alice)


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
