"""The pseudonymised research export: one CSV row per signed consultation of a clinic.

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

MAX_OFFSET_DAYS = 365  # each woman's dates move by 1 to 365 days, earlier or later

PAIN_COLUMNS = tuple((scale, context) for scale in PainScale for context in PainContext)
TEST_COLUMNS = tuple((test, side) for test, info in PELVIC_TESTS.items()
                     if test != PelvicTest.ASLR for side in info.sides)

COLUMNS = (
    ("woman_id", "random id of the woman, for this export only"),
    ("episode", "her pregnancy episode, numbered 1, 2 … in order of due date"),
    ("visit", "the visit's number in the episode at this clinic"),
    ("visit_date", "the visit's day, shifted by her offset"),
    ("days_since_first_visit", "days since her first visit of the episode here"),
    ("kind", "first, follow_up or postpartum"),
    ("ga_days", "gestational age in days at the visit (not shifted; empty after the birth)"),
    ("ga", "the same as weeks+days"),
    ("postpartum_days", "days since the birth at the visit (empty while pregnant)"),
    ("age_years", "her age in whole years at the visit"),
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
    ("pgq_total", "PGQ total, 0–100 (the last form of the visit)"),
    ("pgq_activity", "PGQ activity subscale"), ("pgq_symptom", "PGQ symptom subscale"),
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
    row = {
        "woman_id": pseudonym.woman_id, "episode": episode, "visit": number,
        "visit_date": _shift(day, offset), "days_since_first_visit": (day - first_day).days,
        "kind": visit.kind,
        "ga_days": "" if visit.ga_days_at_visit is None else visit.ga_days_at_visit,
        "ga": format_ga(visit.ga_days_at_visit)
        if visit.ga_days_at_visit is not None and visit.ga_days_at_visit >= 0 else "",
        "postpartum_days": "" if visit.postpartum_days_at_visit is None
        else visit.postpartum_days_at_visit,
        "age_years": visit.patient.age_on(day),
        "referred_here": _flag(visit.patient.clinic_id != owner_clinic_id),
        "gravida": pregnancy.gravida, "para": pregnancy.para,
        "multiple": _flag(pregnancy.multiple),
        "due_date": _shift(pregnancy.edd, offset),
        "delivery_date": _shift(pregnancy.delivery_date, offset),
        "delivery_mode": pregnancy.delivery_mode,
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
    }
    for scale, context in PAIN_COLUMNS:
        row[f"pain_{scale}_{context}"] = pain.get((scale, context), "")
    for test, side in TEST_COLUMNS:
        result = tests.get((test, side))
        row[f"{test}_{side}"] = result.result if result is not None else ""
    return row


def research_rows(visits, *, clinic, pseudonyms):
    """One dict per consultation (in the order given: woman, episode, visit)."""
    rows, episodes, firsts, counts = [], {}, {}, {}
    for visit in visits:
        woman = visit.patient_id
        numbered = episodes.setdefault(woman, {})
        episode = numbered.setdefault(visit.pregnancy_id, len(numbered) + 1)
        key = (woman, visit.pregnancy_id)
        firsts.setdefault(key, timezone.localtime(visit.seen_at).date())
        counts[key] = counts.get(key, 0) + 1
        rows.append(_row(visit, pseudonyms[woman], episode=episode, number=counts[key],
                         first_day=firsts[key], owner_clinic_id=clinic.pk))
    return rows


def research_csv(visits, *, clinic, rng=None):
    """The CSV text and how many women it holds. `visits` in the order of signed_by_clinic."""
    visits = list(visits)
    women = list(dict.fromkeys(visit.patient_id for visit in visits))
    rows = research_rows(visits, clinic=clinic, pseudonyms=draw_pseudonyms(women, rng))
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
