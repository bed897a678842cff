"""The pseudonymised research export: one CSV row per signed consultation of a clinic, and one
per set of answers a woman sent from home on one of the clinic's questionnaire links
(`source` tells them apart; her rows hold numbers only, never her words).

Nothing that names her leaves: no name, CPR number, date of birth, phone, occupation or free
text (notes, goals, advice, red-flag actions, exercise notes). Each woman gets an id drawn at
random for this export only, and all her dates move by one random number of days drawn for
her in this export (never 0): the intervals between her dates stay true, and the gestational
age, computed when the visit was recorded, is kept as it was. Two exports share neither ids nor
offsets, so they cannot be joined to each other by them. docs/research-export.md lists the
columns.
"""

import csv
import datetime
import io
import secrets
from dataclasses import dataclass

from django.utils import timezone

from assessments.catalogue import PELVIC_TESTS, PainContext, PainScale, PelvicTest, RedFlagStatus
from assessments.catalogue import YesNoNotAsked
from consultations.gestation import format_ga
from consultations.models import Consultation
from portal.models import PSFS_MAX_ACTIVITIES, PainActivity, PainMoment, PatientReport

MAX_OFFSET_DAYS = 365  # each woman's dates move by 1 to 365 days, earlier or later

PAIN_COLUMNS = tuple((scale, context) for scale in PainScale for context in PainContext)
TEST_COLUMNS = tuple((test, side) for test, info in PELVIC_TESTS.items()
                     if test != PelvicTest.ASLR for side in info.sides)
REPORTED_PAIN_COLUMNS = tuple((activity, moment) for activity in PainActivity
                              for moment in PainMoment)
CLINICIAN, PATIENT = "clinician", "patient"  # the `source` of a row

COLUMNS = (
    ("woman_id", "random id of the woman, for this export only"),
    ("episode", "her pregnancy episode, numbered 1, 2 … in order of due date"),
    ("source", "clinician: a signed consultation; patient: a set of answers she sent from home "
     "on the clinic's questionnaire link (numbers only; what a consultation records is empty)"),
    ("visit", "the visit's number in the episode at this clinic (empty for her answers)"),
    ("visit_date", "the visit's day, or the day she sent her answers, shifted by her offset"),
    ("days_since_first_visit", "days since her first visit of the episode here (her answers "
     "before that visit: negative; without a visit here: empty)"),
    ("kind", "first, follow_up or postpartum (empty for her answers)"),
    ("ga_days", "gestational age in days at the visit or when she sent her answers (not "
     "shifted; empty after the birth)"),
    ("ga", "the same as weeks+days"),
    ("postpartum_days", "days since the birth on that day (empty while pregnant)"),
    ("age_years", "her age in whole years on that day"),
    ("referred_here", "1 if she was registered by another clinic (referred), else 0"),
    ("gravida", "gravida"), ("para", "para"), ("multiple", "1 for a multiple pregnancy"),
    ("due_date", "due date, shifted by her offset"),
    ("delivery_date", "delivery date, shifted by her offset (empty before the birth)"),
    ("delivery_mode", "vaginal, instrumental, caesarean or unknown"),
    ("onset_ga_weeks", "gestational week the pain began"),
    ("duration_weeks", "how long she has had the pain, in weeks"),
    ("pain_regions", "codes of where it hurts, ';'-separated"),
    ("aggravating", "codes of what makes it worse"),
    ("sleep", "sleep code"), ("work_status", "work code"),
    ("sick_leave_percent", "sick leave in per cent"),
    ("risk_factors", "risk-factor codes"),
    ("yellow_flags_yes", "codes of the yellow flags answered yes"),
    *((f"pain_{scale}_{context}", f"{scale.upper()} {context.replace('_', ' ')}: the value on "
       f"its own scale (NRS 0–10, VAS 0–100 mm), never converted")
      for scale, context in PAIN_COLUMNS),
    *((f"{test}_{side}", "result code of the test on that side") for test, side in TEST_COLUMNS),
    ("aslr_left", "ASLR 0–5"), ("aslr_right", "ASLR 0–5"), ("aslr_total", "ASLR 0–10"),
    ("red_flags_present", "codes of red flags answered present"),
    ("diagnosis", "the clinician's assessment code"), ("subgroup", "the subgroup code"),
    ("icd10", "ICD-10 code"),
    ("education_given", "key-message codes"), ("treatments", "treatment codes"),
    ("pelvic_belt", "1 if a pelvic belt was advised"),
    ("satin_sheet", "1 if a satin sheet was advised"),
    ("sick_leave_advice", "sick-leave advice code"), ("referral", "referral code"),
    ("follow_up_date", "planned follow-up day, shifted by her offset"),
    ("programme", "the exercises of her home programme (library short names)"),
    ("pgq_total", "PGQ total, 0–100 (the last form of the visit; in her answers, her PGQ)"),
    ("pgq_activity", "PGQ activity subscale"), ("pgq_symptom", "PGQ symptom subscale"),
    *((f"reported_nrs_{activity}_{moment}", f"her answers only: NRS 0–10 "
       f"{activity.replace('_', ' ')}, {moment.replace('_', ' ')} (empty if not asked)")
      for activity, moment in REPORTED_PAIN_COLUMNS),
    *((f"psfs_{number}", f"her answers only: Patient-Specific Functional Scale 0–10, the "
       f"{ordinal} activity she named (the activity itself, her words, is never exported)")
      for number, ordinal in zip(range(1, PSFS_MAX_ACTIVITIES + 1),
                                 ("first", "second", "third"), strict=True)),
)
HEADER = tuple(name for name, _meaning in COLUMNS)


def signed_by_clinic(clinic):
    """The clinic's own signed consultations with every part a row reads (seven queries,
    whatever their number), in order of woman, episode and visit."""
    return (
        Consultation.objects.for_clinic(clinic)
        .filter(clinic=clinic, status=Consultation.Status.SIGNED)
        .select_related("patient", "pregnancy")
        .prefetch_related("pain_scores", "test_results", "red_flag_answers",
                          "questionnaires", "programme_items__exercise")
        .order_by("patient_id", "pregnancy__edd", "pregnancy_id", "seen_at", "pk")
    )


def reported_to_clinic(clinic):
    """Her answers from home on the clinic's own links, in episodes it may see, with their
    rows (three queries, whatever their number). Her free text is never read."""
    return (PatientReport.objects.for_clinic(clinic)
            .select_related("pregnancy__patient").defer("hardest")
            .prefetch_related("pain_rows", "psfs_rows")
            .order_by("pregnancy__patient_id", "pregnancy__edd", "pregnancy_id", "submitted_at",
                      "pk"))


@dataclass(frozen=True)
class Pseudonym:
    woman_id: str
    offset_days: int


def draw_pseudonyms(patient_ids, rng=None):
    """A fresh random id and a non-zero day offset for each woman (ids unique in the export)."""
    rng = rng or secrets.SystemRandom()
    drawn, used = {}, set()
    for patient_id in patient_ids:
        woman_id = secrets.token_hex(6)
        while woman_id in used:  # pragma: no cover - 48 random bits; a repeat is theoretical
            woman_id = secrets.token_hex(6)
        used.add(woman_id)
        offset = rng.randint(1, MAX_OFFSET_DAYS) * rng.choice((-1, 1))
        drawn[patient_id] = Pseudonym(woman_id=woman_id, offset_days=offset)
    return drawn


def _codes(values):
    return ";".join(str(value) for value in values)


def _flag(value):
    return "1" if value else "0"


def _shift(day, offset):
    return (day + datetime.timedelta(days=offset)).isoformat() if day else ""


def _her_fields(patient, pregnancy, pseudonym, *, episode, day, first_day, owner_clinic_id):
    """What a row of either source says about her and her episode on that day."""
    offset = pseudonym.offset_days
    return {
        "woman_id": pseudonym.woman_id, "episode": episode,
        "visit_date": _shift(day, offset),
        "days_since_first_visit": "" if first_day is None else (day - first_day).days,
        "age_years": patient.age_on(day),
        "referred_here": _flag(patient.clinic_id != owner_clinic_id),
        "gravida": pregnancy.gravida, "para": pregnancy.para,
        "multiple": _flag(pregnancy.multiple),
        "due_date": _shift(pregnancy.edd, offset),
        "delivery_date": _shift(pregnancy.delivery_date, offset),
        "delivery_mode": pregnancy.delivery_mode,
    }


def _stage_fields(ga_days, postpartum_days):
    return {
        "ga_days": "" if ga_days is None else ga_days,
        "ga": format_ga(ga_days) if ga_days is not None and ga_days >= 0 else "",
        "postpartum_days": "" if postpartum_days is None else postpartum_days,
    }


def _reported_row(report, pseudonym, **fields):
    """Her answers from home as a row: numbers only (no PSFS words, no free text)."""
    day = timezone.localtime(report.submitted_at).date()
    pregnancy = report.pregnancy
    stage = pregnancy.stage_on(day)
    pain = report.pain_values()
    psfs = {row.position: row.score for row in report.psfs_rows.all()}
    row = dict.fromkeys(HEADER, "")
    row.update(_her_fields(pregnancy.patient, pregnancy, pseudonym, day=day, **fields),
               source=PATIENT, **_stage_fields(
                   stage.ga_days if stage.kind != "postpartum" else None, stage.postpartum_days))
    for name in ("total", "activity", "symptom"):
        value = getattr(report, f"pgq_{name}")
        row[f"pgq_{name}"] = "" if value is None else value
    for activity, moment in REPORTED_PAIN_COLUMNS:
        row[f"reported_nrs_{activity}_{moment}"] = pain.get((activity, moment), "")
    for number in range(1, PSFS_MAX_ACTIVITIES + 1):
        row[f"psfs_{number}"] = psfs.get(number, "")
    return row


def _row(visit, pseudonym, *, episode, number, first_day, owner_clinic_id):
    day = timezone.localtime(visit.seen_at).date()
    pregnancy, offset = visit.pregnancy, pseudonym.offset_days
    pain = {(s.scale, s.context): s.value for s in visit.pain_scores.all()}
    tests = {(r.test, r.side): r for r in visit.test_results.all()}
    aslr = [tests.get((PelvicTest.ASLR, side)) for side in ("left", "right")]
    aslr = [r.aslr_score if r is not None else None for r in aslr]
    forms = [q for q in visit.questionnaires.all() if not q.added_after_signing] or list(
        visit.questionnaires.all())
    pgq = forms[-1] if forms else None
    row = dict.fromkeys(HEADER, "")
    row.update(_her_fields(visit.patient, pregnancy, pseudonym, episode=episode, day=day,
                           first_day=first_day, owner_clinic_id=owner_clinic_id),
               **_stage_fields(visit.ga_days_at_visit, visit.postpartum_days_at_visit))
    row.update({
        "source": CLINICIAN, "visit": number, "kind": visit.kind,
        "onset_ga_weeks": visit.onset_ga_weeks if visit.onset_ga_weeks is not None else "",
        "duration_weeks": visit.duration_weeks if visit.duration_weeks is not None else "",
        "pain_regions": _codes(visit.pain_regions), "aggravating": _codes(visit.aggravating),
        "sleep": visit.sleep, "work_status": visit.work_status,
        "sick_leave_percent": "" if visit.sick_leave_percent is None else visit.sick_leave_percent,
        "risk_factors": _codes(visit.risk_factors),
        "yellow_flags_yes": _codes(sorted(code for code, answer in visit.yellow_flags.items()
                                          if answer == YesNoNotAsked.YES)),
        "aslr_left": "" if aslr[0] is None else aslr[0],
        "aslr_right": "" if aslr[1] is None else aslr[1],
        "aslr_total": "" if None in aslr else sum(aslr),
        "red_flags_present": _codes(sorted(a.flag for a in visit.red_flag_answers.all()
                                           if a.status == RedFlagStatus.PRESENT)),
        "diagnosis": visit.diagnosis, "subgroup": visit.subgroup, "icd10": visit.icd10,
        "education_given": _codes(visit.education_given), "treatments": _codes(visit.treatments),
        "pelvic_belt": _flag(visit.pelvic_belt), "satin_sheet": _flag(visit.satin_sheet),
        "sick_leave_advice": visit.sick_leave_advice, "referral": visit.referral,
        "follow_up_date": _shift(visit.follow_up_on, offset),
        "programme": _codes(item.exercise.slug for item in visit.programme_items.all()),
        "pgq_total": "" if pgq is None or pgq.total is None else pgq.total,
        "pgq_activity": "" if pgq is None or pgq.activity is None else pgq.activity,
        "pgq_symptom": "" if pgq is None or pgq.symptom is None else pgq.symptom,
    })
    for scale, context in PAIN_COLUMNS:
        row[f"pain_{scale}_{context}"] = pain.get((scale, context), "")
    for test, side in TEST_COLUMNS:
        result = tests.get((test, side))
        row[f"{test}_{side}"] = result.result if result is not None else ""
    return row


def research_rows(visits, reports, *, clinic, pseudonyms):
    """One dict per consultation and per set of her answers from home, in order of woman,
    episode (by due date) and day: her answers among her visits."""
    firsts = {}
    for visit in visits:
        firsts.setdefault((visit.patient_id, visit.pregnancy_id),
                          timezone.localtime(visit.seen_at).date())
    stream = sorted(
        [((v.patient_id, v.pregnancy.edd, v.pregnancy_id, v.seen_at), v, None) for v in visits]
        + [((r.pregnancy.patient_id, r.pregnancy.edd, r.pregnancy_id, r.submitted_at), None, r)
           for r in reports],
        key=lambda item: item[0])
    rows, episodes, counts = [], {}, {}
    for (woman, _edd, pregnancy_id, _moment), visit, report in stream:
        numbered = episodes.setdefault(woman, {})
        fields = {"episode": numbered.setdefault(pregnancy_id, len(numbered) + 1),
                  "first_day": firsts.get((woman, pregnancy_id)), "owner_clinic_id": clinic.pk}
        if report is not None:
            rows.append(_reported_row(report, pseudonyms[woman], **fields))
            continue
        counts[pregnancy_id] = counts.get(pregnancy_id, 0) + 1
        rows.append(_row(visit, pseudonyms[woman], number=counts[pregnancy_id], **fields))
    return rows


def research_csv(visits, reports=(), *, clinic, rng=None):
    """The CSV text and how many women it holds. `visits` as signed_by_clinic gives them,
    `reports` as reported_to_clinic."""
    visits, reports = list(visits), list(reports)
    women = list(dict.fromkeys([visit.patient_id for visit in visits]
                               + [report.pregnancy.patient_id for report in reports]))
    rows = research_rows(visits, reports, clinic=clinic,
                         pseudonyms=draw_pseudonyms(women, rng))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), len(women)


def columns_markdown():
    """The column table of docs/research-export.md (checked by the tests)."""
    lines = ["| column | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in COLUMNS]
    return "\n".join(lines)
