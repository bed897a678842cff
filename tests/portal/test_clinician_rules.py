"""P1 as used: her answers from home against her last clinician-recorded values (the cases of
docs/clinical-rules.md P1, one row each), and which values are that baseline."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import PainScore
from assessments.scoring import PgqScore
from portal.recorded import last_recorded
from portal.rules import visit_baseline, worsened_since_visit
from tests.factories import make_clinician, make_consultation


def pgq(total=None, activity=None, symptom=None, version="pgq-2011-percent-v1"):
    return PgqScore(total=total, activity=activity, symptom=symptom, answered_total=25,
                    answered_activity=20, answered_symptom=5, version=version)


# (recorded {(scale, context): value}, her answers {(activity, moment): NRS}, recorded PGQ,
#  her PGQ, worse pain values, worse PGQ subscales)
CASES = [
    ("2 points over now", {("nrs", "now"): 5}, {("walking", "now"): 7}, None, None,
     [("walking", "now", 5, 7)], []),
    ("1 point over now, 20 %", {("nrs", "now"): 5}, {("walking", "now"): 6}, None, None, [], []),
    ("33 % over now (the 30 % rule)", {("nrs", "now"): 3}, {("stairs", "now"): 4}, None, None,
     [("stairs", "now", 3, 4)], []),
    ("worst of the week, 2 points", {("nrs", "worst_week"): 6}, {("walking", "worst_week"): 8},
     None, None, [("walking", "worst_week", 6, 8)], []),
    ("her worst week against the clinician's now: not the same context",
     {("nrs", "now"): 2}, {("walking", "worst_week"): 9}, None, None, [], []),
    ("VAS is never converted", {("vas", "now"): 50}, {("walking", "now"): 9}, None, None, [], []),
    ("a fall never counts", {("nrs", "now"): 8}, {("walking", "now"): 2}, None, None, [], []),
    ("every activity against the same moment", {("nrs", "now"): 4},
     {("walking", "now"): 6, ("sitting", "now"): 4, ("stairs", "now"): 7}, None, None,
     [("stairs", "now", 4, 7), ("walking", "now", 4, 6)], []),
    ("no signed visit yet", {}, {("walking", "now"): 10}, None, None, [], []),
    ("a context outside her questionnaire is no baseline", {("nrs", "at_rest"): 1},
     {("walking", "now"): 9}, None, None, [], []),
    ("PGQ total up by the Ceprnja MIC", {}, {}, pgq(total=30), pgq(total=41), [], ["total"]),
    ("PGQ total just under it", {}, {}, pgq(total=30), pgq(total=40.9), [], []),
    ("PGQ activity 9.4", {}, {}, pgq(activity=23.9), pgq(activity=33.3), [], ["activity"]),
    ("PGQ better", {}, {}, pgq(total=60), pgq(total=20), [], []),
    ("PGQ without a clinician's PGQ", {}, {}, None, pgq(total=90), [], []),
    ("PGQ of another scoring version", {}, {}, pgq(total=10, version="other"), pgq(total=90),
     [], []),
]


@pytest.mark.parametrize("name, recorded, pain, recorded_pgq, her_pgq, worse_pain, worse_pgq",
                         CASES, ids=[case[0] for case in CASES])
def test_p1_cases(name, recorded, pain, recorded_pgq, her_pgq, worse_pain, worse_pgq):
    result = worsened_since_visit(recorded_pain=recorded, pain=pain, recorded_pgq=recorded_pgq,
                                  pgq=her_pgq)
    assert list(result.pain) == worse_pain
    assert [subscale for subscale, _before, _after in result.pgq] == worse_pgq
    assert result.worsened == bool(worse_pain or worse_pgq)
    assert result.rule_id == "P1" and "clinical-rules.md" in result.source


def test_the_baseline_is_the_clinicians_nrs_for_every_activity_she_was_asked():
    recorded = {("nrs", "now"): 4, ("vas", "worst_week"): 70, ("nrs", "morning"): 2}
    assert visit_baseline(recorded, ["walking", "stairs", "walking"]) == {
        ("stairs", "now"): 4, ("walking", "now"): 4}


def _visit(patient, pregnancy, clinician, days_ago, *, sign, **scores):
    visit = make_consultation(patient, pregnancy, clinician,
                              seen_at=timezone.now() - datetime.timedelta(days=days_ago))
    for position, (key, value) in enumerate(scores.items()):
        scale, context = key.split("__")
        PainScore.objects.create(consultation=visit, scale=scale, context=context, value=value,
                                 position=position)
    if sign:
        visit.status, visit.signed_by, visit.signed_at = "signed", clinician, timezone.now()
        visit.save()
    return visit


def test_the_baseline_is_the_last_signed_visit_with_pain_scores(patient, alice, clinic,
                                                               django_assert_max_num_queries):
    pregnancy = patient.pregnancies.get()
    patient.consultations.all().delete()
    _visit(patient, pregnancy, alice, 30, sign=True, nrs__now=2)
    _visit(patient, pregnancy, alice, 20, sign=True, nrs__now=5, vas__worst_week=60)
    _visit(patient, pregnancy, alice, 10, sign=True)  # no pain scores: not the baseline
    _visit(patient, pregnancy, alice, 1, sign=False, nrs__now=9)  # a draft: not yet
    with django_assert_max_num_queries(3):
        pain, pgq_score = last_recorded(pregnancy_id=pregnancy.pk, clinic=clinic)
    assert pain == {("nrs", "now"): 5, ("vas", "worst_week"): 60} and pgq_score is None


def test_another_clinics_draft_is_no_baseline_and_its_signed_visit_only_if_visible(
        patient, alice, clinic, other_clinic):
    pregnancy = patient.pregnancies.get()
    patient.consultations.all().delete()
    olga = make_clinician("olga", other_clinic, role="physiotherapist")
    visit = _visit(patient, pregnancy, olga, 5, sign=True, nrs__now=7)
    visit.clinic = other_clinic
    visit.save()
    assert last_recorded(pregnancy_id=pregnancy.pk, clinic=other_clinic)[0] == {("nrs", "now"): 7}
    # alice's clinic owns her, so it sees another clinic's signed note of her pregnancy
    assert last_recorded(pregnancy_id=pregnancy.pk, clinic=clinic)[0] == {("nrs", "now"): 7}
