"""A generated clinic whose true adherence is known by construction.

`spec(i, ...)` says what woman number i had recorded, by simple rules on i; `build_clinic`
writes exactly that into the database (signed consultations with their rows). The tests count
the truth from the specs, never from the report, and compare.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments import scoring
from assessments.catalogue import RED_FLAGS, RedFlagFamily
from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse, RedFlagAnswer
from education.library import load_library
from education.models import EducationTopic, Exercise, ProgrammeItem
from tests.factories import make_consultation, make_patient, make_pregnancy

NAMES = ("Anna", "Bodil", "Cecilie", "Dorte", "Emma", "Freja", "Gry", "Hanne", "Ida", "Julie")


@dataclass(frozen=True)
class Woman:
    """What was recorded for her: the truth the report must find."""

    index: int
    clinician: object
    days_ago: int  # her first consultation, days before today
    p4_aslr: bool  # P4 and ASLR on both sides
    anterior: bool  # pain at the symphysis
    symphysis_test: bool
    red_flags_complete: bool
    education: bool
    programme: bool
    follow_up_days: int | None  # a later signed visit this many days after the first
    pgq_first: bool
    pgq_last: bool
    pgq_fewer: int  # items scored one lower at the last visit than the first (all 2 at first)
    nrs: tuple | None  # NRS, worst in the last week: (first, last)
    vas: tuple | None  # VAS, now: (first, last)

    @property
    def followed_up_in_4_weeks(self):
        return self.follow_up_days is not None and self.follow_up_days <= 28

    @property
    def has_later_visit(self):
        return self.follow_up_days is not None


def spec(i, *, clinicians, days_ago=None):
    """Woman i: each property by its own rule on i, so every share is known."""
    later = {0: 14, 1: 14, 2: 40}.get(i % 4)
    nrs_first = 4 + i % 6
    return Woman(
        index=i,
        clinician=clinicians[0] if i % 3 else clinicians[1],
        days_ago=days_ago if days_ago is not None else 60 + (i * 7) % 250,
        p4_aslr=i % 2 == 0,
        anterior=i % 3 != 2,
        symphysis_test=i % 5 < 3,
        red_flags_complete=i % 4 != 3,
        education=i % 5 != 0,
        programme=i % 3 == 1,
        follow_up_days=later,
        pgq_first=i % 2 == 0,
        pgq_last=i % 3 != 1 and later is not None,
        pgq_fewer=(i * 5) % 26,
        nrs=(nrs_first, nrs_first - i % 4) if later else (nrs_first, None),
        vas=((60, 60 - 10 * (i % 4)) if later else (60, None)) if i % 5 == 1 else None,
    )


def build_clinic(clinic, clinicians, n, *, today=None, days_ago=None, first=0):
    """n women of the clinic, each with a signed first consultation (and a later visit as
    her spec says); returns their specs and first consultations."""
    if not Exercise.objects.filter(clinic=None).exists():
        load_library(Exercise, EducationTopic)
    exercise = Exercise.objects.filter(clinic=None).first()
    today = today or timezone.localdate()
    women, firsts = [], []
    for i in range(first, first + n):
        woman = spec(i, clinicians=clinicians, days_ago=days_ago)
        women.append(woman)
        firsts.append(_record(clinic, woman, exercise, today))
    return women, firsts


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _record(clinic, woman, exercise, today):
    first_day = today - datetime.timedelta(days=woman.days_ago)
    patient = make_patient(clinic, first_name=NAMES[woman.index % len(NAMES)],
                           last_name=f"Kvinde{woman.index}")
    pregnancy = make_pregnancy(patient, ga="20+0", on=first_day)
    first = _visit(patient, pregnancy, woman.clinician, _at(first_day), kind="first",
                   pain_regions=["symphysis", "sij_left"] if woman.anterior else ["sij_left"],
                   education_given=["what_is_pgp"] if woman.education else [])
    _tests(first, woman)
    _red_flags(first, woman)
    if woman.programme:
        ProgrammeItem.objects.create(consultation=first, exercise=exercise, sets=2, reps=10,
                                     times_per_day=2)
    if woman.pgq_first:
        _pgq(first, woman.clinician, fewer=0)
    _pain(first, woman, 0)
    if woman.has_later_visit:
        later = _visit(patient, pregnancy, woman.clinician,
                       _at(first_day + datetime.timedelta(days=woman.follow_up_days)),
                       kind="follow_up")
        if woman.pgq_last:
            _pgq(later, woman.clinician, fewer=woman.pgq_fewer)
        _pain(later, woman, 1)
    _sign(first, woman.clinician)
    return first


def _visit(patient, pregnancy, clinician, seen_at, **fields):
    visit = make_consultation(patient, pregnancy, clinician, seen_at=seen_at, **fields)
    if fields.get("kind") != "first":
        _sign(visit, clinician)
    return visit


def _sign(visit, by):
    visit.status, visit.signed_by, visit.signed_at = "signed", by, visit.seen_at
    visit.save(update_fields=["status", "signed_by", "signed_at"])


def _tests(visit, woman):
    rows = [("p4", "left", "negative", None), ("aslr", "left", "", 1)]
    if woman.p4_aslr:
        rows += [("p4", "right", "positive_familiar", None), ("aslr", "right", "", 0)]
    elif woman.index % 4 == 1:  # P4 on the right not performed
        rows += [("p4", "right", "not_performed", None), ("aslr", "right", "", 2)]
    else:  # ASLR on the right not scored
        rows += [("p4", "right", "negative", None)]
    if woman.symphysis_test:
        rows.append(("symphysis_palpation", "midline", "tenderness_only", None)
                    if woman.index % 2 else ("modified_trendelenburg", "left", "negative", None))
    elif woman.index % 5 == 3:  # on the form, but not performed
        rows.append(("symphysis_palpation", "midline", "not_performed", None))
    PelvicTestResult.objects.bulk_create([
        PelvicTestResult(consultation=visit, test=test, side=side, result=result,
                         aslr_score=score) for test, side, result, score in rows])


def _red_flags(visit, woman):
    answers = []
    for code, info in RED_FLAGS.items():
        status, action = "absent", ""
        if not woman.red_flags_complete and info.family == RedFlagFamily.SPINAL_MEDICAL:
            status = "not_asked"  # allowed at signing, but the screen is not complete
        elif woman.index % 7 == 0 and code == "trauma":
            status, action = "present", "Sent to the emergency department."
        answers.append(RedFlagAnswer(consultation=visit, flag=code, status=status,
                                     action_taken=action))
    RedFlagAnswer.objects.bulk_create(answers)


def _pgq(visit, by, *, fewer):
    items = {number: 1 if number <= fewer else 2 for number in scoring.ALL_ITEMS}
    score = scoring.score_pgq(items)
    QuestionnaireResponse.objects.create(
        consultation=visit, scoring_version=score.version, filled_on=visit.seen_at.date(),
        items={str(k): v for k, v in items.items()}, total=score.total,
        activity=score.activity, symptom=score.symptom, answered=score.answered_total,
        recorded_by=by)


def _pain(visit, woman, which):
    scores = []
    for scale, context, pair in (("nrs", "worst_week", woman.nrs), ("vas", "now", woman.vas)):
        if pair is not None and pair[which] is not None:
            scores.append(PainScore(consultation=visit, scale=scale, context=context,
                                    value=pair[which], position=len(scores)))
    PainScore.objects.bulk_create(scores)
