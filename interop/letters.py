"""Letters shaped like MedCom's: a referral to physiotherapy (the content of REF07) and a
physiotherapy discharge letter (the content of DIS08, an epikrise), as plain text.

Values in (a referral, her details and the signed consultations, with their parts already
fetched), a Letter out: no query, no request. The text is written in the active language
(the views choose Danish or English). docs/medcom-letters.md says which MedCom standards the
content follows and what a certified sender would still need; nothing here is a MedCom message.
"""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import rules, scoring
from assessments.catalogue import (
    AggravatingActivity,
    DiagnosisSuggestion,
    KeyMessage,
    PainContext,
    PainRegion,
    PainScale,
    PelvicTest,
    Referral as ReferralKind,
    RedFlag,
    RedFlagStatus,
    RiskFactor,
    Subgroup,
    Treatment,
)
from consultations.templatetags.pregnancy import stage_text, tests_per_side

# Pregnancy-related pelvic girdle pain: ICD-10 and its form in the Danish SKS classification.
ICD10 = "O26.7"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Letter:
    title: str
    sections: tuple[Section, ...]

    def as_text(self):
        """The letter as plain text: the title, then each section under its heading."""
        parts = [self.title, "=" * len(self.title)]
        for section in self.sections:
            parts += ["", section.heading.upper()] + [line for line in section.lines]
        return "\n".join(parts) + "\n"


def sks_code(icd10):
    """The SKS form of an ICD-10 code: "D" and the code without its dot (O26.7 → DO267)."""
    return "D" + icd10.replace(".", "") if icd10 else ""


def _date(day):
    return formats.date_format(day, "DATE_FORMAT")


def _day(moment):
    """The local calendar day of a stored moment."""
    return timezone.localtime(moment).date()


def _labels(choices, codes):
    return "; ".join(str(choices(code).label) for code in codes if code in choices.values)


def _clinic_lines(clinic, person=None):
    lines = [clinic.name]
    if person is not None:
        lines.append(str(person))
    lines += [value for value in (clinic.address,) if value]
    contact = [_("phone %(phone)s") % {"phone": clinic.phone} if clinic.phone else "",
               clinic.email]
    if any(contact):
        lines.append(", ".join(value for value in contact if value))
    return tuple(lines)


def _patient_lines(patient, pregnancy, day):
    lines = [f"{patient.full_name}, {_('CPR')} {patient.cpr_display}"]
    if patient.phone:
        lines.append(_("Phone: %(phone)s") % {"phone": patient.phone})
    if pregnancy is not None:
        lines.append(_("Due date %(edd)s; on %(day)s: %(stage)s; gravida %(gravida)s, "
                       "para %(para)s%(multiple)s") % {
            "edd": _date(pregnancy.edd), "day": _date(day),
            "stage": stage_text(pregnancy.stage_on(day)), "gravida": pregnancy.gravida,
            "para": pregnancy.para,
            "multiple": ", " + _("multiple pregnancy") if pregnancy.multiple else ""})
    return tuple(lines)


def _diagnosis_lines(visit):
    code = (visit.icd10 if visit is not None else "") or ICD10
    lines = [_("Pregnancy-related pelvic girdle pain: ICD-10 %(icd)s, SKS %(sks)s") % {
        "icd": code, "sks": sks_code(code)}]
    if visit is not None and visit.subgroup in Subgroup.values:
        lines.append(_("Subgroup: %(subgroup)s") % {"subgroup": Subgroup(visit.subgroup).label})
    return tuple(lines)


def _pain_text(score):
    unit = " mm" if score.scale == PainScale.VAS else ""
    return _("%(scale)s %(context)s: %(value)s%(unit)s") % {
        "scale": PainScale(score.scale).label, "context": PainContext(score.context).label.lower(),
        "value": score.value, "unit": unit}


def _aslr_total(visit):
    scores = [r.aslr_score for r in visit.test_results.all()
              if r.test == PelvicTest.ASLR and r.aslr_score is not None]
    return sum(scores) if len(scores) == 2 else None


def _history_lines(visit):
    lines = []
    if visit.onset_ga_weeks is not None:
        lines.append(_("Onset in gestational week %(week)s") % {"week": visit.onset_ga_weeks})
    if visit.duration_weeks is not None:
        lines.append(ngettext("Duration: %(weeks)s week", "Duration: %(weeks)s weeks",
                              visit.duration_weeks) % {"weeks": visit.duration_weeks})
    if visit.pain_regions:
        lines.append(_("Where it hurts: %(list)s") % {
            "list": _labels(PainRegion, visit.pain_regions)})
    if visit.aggravating:
        lines.append(_("Worse with: %(list)s") % {
            "list": _labels(AggravatingActivity, visit.aggravating)})
    if visit.sleep:
        lines.append(_("Sleep: %(sleep)s") % {"sleep": visit.get_sleep_display()})
    if visit.work_status:
        work = visit.get_work_status_display()
        if visit.sick_leave_percent:
            work += f" ({visit.sick_leave_percent} %)"
        lines.append(_("Work: %(work)s") % {"work": work})
    if visit.risk_factors:
        lines.append(_("Risk factors: %(list)s") % {
            "list": _labels(RiskFactor, visit.risk_factors)})
    for label, text in ((_("Usual training and activity"), visit.usual_training),
                        (_("Her own goals"), visit.goals), (_("Notes"), visit.history_notes)):
        if text.strip():
            lines.append(f"{label}: {' '.join(text.split())}")
    return lines


def _findings_lines(visit):
    lines = [_pain_text(score) for score in visit.pain_scores.all()]
    for test, sides in tests_per_side(visit):
        lines.append(f"{test}: " + "; ".join(f"{side} {text}" for side, text in sides))
    total = _aslr_total(visit)
    if total is not None:
        lines.append(_("ASLR total: %(total)s of 10") % {"total": total})
    if visit.gait:
        gait = visit.get_gait_display()
        lines.append(_("Gait: %(gait)s") % {
            "gait": f"{gait} ({visit.gait_note})" if visit.gait_note else gait})
    if visit.lumbar_movement:
        lines.append(_("Lumbar movement: %(finding)s") % {
            "finding": visit.get_lumbar_movement_display()})
    neuro = [visit.neuro_strength, visit.neuro_sensation, visit.neuro_reflexes, visit.neuro_slr]
    if any(neuro):
        lines.append(_("Neurological examination: normal") if all(n == "normal" for n in neuro)
                     else _("Neurological examination: see the note"))
    for label, text in ((_("Palpation"), visit.palpation_notes),
                        (_("Assessment"), visit.assessment_notes)):
        if text.strip():
            lines.append(f"{label}: {' '.join(text.split())}")
    for response in visit.questionnaires.all():
        if response.total is not None:
            lines.append(_("PGQ total %(total)s %% (%(day)s)") % {
                "total": formats.number_format(response.total, 1),
                "day": _date(response.filled_on)})
    return lines


def _present_flags(visits):
    return [(RedFlag(a.flag).label, a.action_taken) for visit in visits
            for a in visit.red_flag_answers.all() if a.status == RedFlagStatus.PRESENT]


def _urgency_lines(visits):
    """Routine, unless a red flag was present at a visit behind it: then it is named with the
    action recorded (rule R1: a red flag is handled first, outside the physiotherapy course)."""
    flags = _present_flags(visits)
    if not flags:
        return (_("Routine. No red flag was present at the examination."),)
    return tuple([_("Please read first: a red flag was present at the examination.")]
                 + [_("%(flag)s. Action taken: %(action)s") % {
                     "flag": flag, "action": action or "–"} for flag, action in flags])


def _given_lines(visit):
    lines = []
    if visit.education_given:
        lines.append(_("Information given: %(list)s") % {
            "list": _labels(KeyMessage, visit.education_given)})
    if visit.treatments:
        lines.append(_("Treatment given: %(list)s") % {
            "list": _labels(Treatment, visit.treatments)})
    lines += _advice_lines(visit)
    items = list(visit.programme_items.all())
    if items:
        lines.append(_("Home programme:"))
        lines += [_programme_line(item) for item in items]
    return lines


def referral_letter(*, referral, patient, visits):
    """The referral to physiotherapy (REF07's content) from the referral and the referring
    clinic's signed consultations before it (oldest first; the latest gives the findings)."""
    visits = list(visits)
    latest = visits[-1] if visits else None
    day = _day(referral.created_at)
    asked = [_("Assessment and treatment of pregnancy-related pelvic girdle pain: examination, "
               "information, exercises and advice on everyday activity and work."),
             _("Please send a discharge letter when the course ends.")]
    if latest is not None and latest.referral in (ReferralKind.SPECIALISED_PHYSIOTHERAPIST,):
        asked.insert(0, _("Referred to a specialised (obstetric) physiotherapist."))
    reason = [" ".join(referral.reason.split())] if referral.reason.strip() else []
    if latest is not None and latest.diagnosis in DiagnosisSuggestion.values:
        reason.append(_("Assessment: %(assessment)s") % {
            "assessment": DiagnosisSuggestion(latest.diagnosis).label})
    sections = [
        Section(_("Patient"), _patient_lines(patient, referral.pregnancy, day)),
        Section(_("Sender"), _clinic_lines(referral.from_clinic, referral.created_by)),
        Section(_("Recipient"), _clinic_lines(referral.to_clinic)),
        Section(_("Date of referral"), (_date(day),)),
        Section(_("Urgency"), _urgency_lines(visits)),
        Section(_("Reason for referral"), tuple(reason) or ("–",)),
        Section(_("Diagnosis"), _diagnosis_lines(latest)),
    ]
    if latest is None:
        sections.append(Section(_("Relevant history and findings"), (
            _("No signed consultation before the referral."),)))
    else:
        seen = _("Examined %(day)s (%(stage)s) by %(clinician)s.") % {
            "day": _date(_day(latest.seen_at)), "stage": stage_text(latest.stage),
            "clinician": latest.clinician}
        sections += [
            Section(_("Relevant history"), tuple([seen] + _history_lines(latest))),
            Section(_("Findings"), tuple(_findings_lines(latest)) or ("–",)),
            Section(_("Given so far"), tuple(_given_lines(latest)) or ("–",)),
        ]
    sections.append(Section(_("What is asked"), tuple(asked)))
    return Letter(title=_("Referral to physiotherapy"), sections=tuple(sections))


# --- The discharge letter --------------------------------------------------------------------


def _programme_line(item):
    line = f"- {item.exercise.local_title}: {item.dosage_text()}"
    return f"{line} ({item.note})" if item.note else line


def _advice_lines(visit):
    lines = []
    if visit.pelvic_belt:
        belt = _("A pelvic belt is advised")
        lines.append(f"{belt}: {visit.pelvic_belt_when}" if visit.pelvic_belt_when else belt)
    if visit.satin_sheet:
        lines.append(_("A satin sheet is advised, to make turning in bed easier"))
    for label, text in ((_("Activity"), visit.activity_advice), (_("Work"), visit.work_advice)):
        if text.strip():
            lines.append(f"{label}: {' '.join(text.split())}")
    if visit.sick_leave_advice:
        lines.append(_("Sick leave: %(advice)s") % {
            "advice": visit.get_sick_leave_advice_display()})
    return lines


def _verdict(change):
    if change.clinically_important:
        return _("a clinically important improvement")
    if change.worsening:
        return _("worse by a clinically important amount")
    return _("a change below the clinically important threshold")


def pain_outcome_lines(visits):
    """Each pain score first vs last, only on the same scale and in the same context (never
    converted between NRS and VAS); a measure taken at one visit only is said so."""
    first, last = {}, {}
    for visit in visits:
        for score in visit.pain_scores.all():
            key = (score.scale, score.context)
            first.setdefault(key, (visit, score))
            last[key] = (visit, score)
    lines = []
    for key in sorted(first, key=lambda k: (list(PainScale).index(k[0]),
                                            list(PainContext).index(k[1]))):
        (visit_a, before), (visit_b, after) = first[key], last[key]
        unit = " mm" if key[0] == PainScale.VAS else ""
        name = f"{PainScale(key[0]).label} {PainContext(key[1]).label.lower()}"
        if visit_a is visit_b:
            lines.append(_("%(measure)s: %(value)s%(unit)s (measured once, %(day)s)") % {
                "measure": name, "value": before.value, "unit": unit,
                "day": _date(_day(visit_a.seen_at))})
            continue
        change = rules.pain_change(key[0], before.value, after.value)
        lines.append(_("%(measure)s: %(before)s%(unit)s (%(first)s) → %(after)s%(unit)s "
                       "(%(last)s), %(verdict)s") % {
            "measure": name, "before": before.value, "after": after.value, "unit": unit,
            "first": _date(_day(visit_a.seen_at)), "last": _date(_day(visit_b.seen_at)),
            "verdict": _verdict(change)})
    return lines


def pgq_outcome_lines(visits):
    """The PGQ total (0–100 %, higher is worse) at the first and the last form."""
    responses = sorted((q for visit in visits for q in visit.questionnaires.all()
                        if q.total is not None), key=lambda q: (q.filled_on, q.pk))
    if not responses:
        return []
    before, after = responses[0], responses[-1]
    total = formats.number_format(before.total, 1)
    if before is after:
        return [_("PGQ total: %(total)s %% (one form, %(day)s)") % {
            "total": total, "day": _date(before.filled_on)}]
    change = scoring.pgq_change("total", float(before.total), float(after.total))
    verdict = (_("a change below the clinically important threshold")
               if not change.important_ceprnja
               else _("a clinically important improvement") if change.direction == "better"
               else _("worse by a clinically important amount"))
    return [_("PGQ total: %(before)s %% (%(first)s) → %(after)s %% (%(last)s), %(verdict)s") % {
        "before": total, "after": formats.number_format(after.total, 1),
        "first": _date(before.filled_on), "last": _date(after.filled_on), "verdict": verdict}]


def _aslr_outcome_lines(visits):
    totals = [(visit, _aslr_total(visit)) for visit in visits]
    totals = [(visit, total) for visit, total in totals if total is not None]
    if len(totals) < 2:
        return []
    (first, before), (last, after) = totals[0], totals[-1]
    return [_("ASLR total (0–10): %(before)s (%(first)s) → %(after)s (%(last)s)") % {
        "before": before, "after": after, "first": _date(_day(first.seen_at)),
        "last": _date(_day(last.seen_at))}]


def _course_lines(visits, pregnancy):
    first, last = visits[0], visits[-1]
    lines = [_("%(count)s consultations from %(first)s (%(first_stage)s) to %(last)s "
               "(%(last_stage)s).") % {
        "count": len(visits), "first": _date(_day(first.seen_at)),
        "first_stage": stage_text(first.stage), "last": _date(_day(last.seen_at)),
        "last_stage": stage_text(last.stage)}]
    treatments = [code for code in Treatment.values
                  if any(code in visit.treatments for visit in visits)]
    if treatments:
        lines.append(_("Treatment given: %(list)s") % {"list": _labels(Treatment, treatments)})
    messages = [code for code in KeyMessage.values
                if any(code in visit.education_given for visit in visits)]
    if messages:
        lines.append(_("Information given: %(list)s") % {"list": _labels(KeyMessage, messages)})
    if last.gait and first.gait and last.gait != first.gait:
        lines.append(_("Gait: %(first)s at the first visit, %(last)s at the last.") % {
            "first": first.get_gait_display().lower(), "last": last.get_gait_display().lower()})
    if pregnancy.delivery_date is not None:
        lines.append(_("She gave birth on %(day)s.") % {"day": _date(pregnancy.delivery_date)})
    return lines


def _recommendation_lines(last, today):
    lines = []
    if last.plan_notes.strip():
        lines.append(" ".join(last.plan_notes.split()))
    if last.follow_up_on and last.follow_up_on >= today:
        lines.append(_("A follow-up visit is planned on %(day)s.") % {
            "day": _date(last.follow_up_on)})
    else:
        lines.append(_("No further visit is planned here."))
    if list(last.programme_items.all()):
        lines.append(_("She continues her home programme and returns to her usual activity at "
                       "her own pace."))
    # Rule R7 (docs/clinical-rules.md): more than 3 months after the birth with pain, refer.
    lines.append(_("Most women improve after the birth. If the pain still limits her everyday "
                   "life more than three months after the birth, a new referral to "
                   "physiotherapy is advised."))
    return lines


def discharge_letter(*, clinic, patient, pregnancy, visits, referral, today):
    """The physiotherapy discharge letter (DIS08's content) from the clinic's own signed
    consultations in the pregnancy, oldest first; `referral` (or None) names the recipient."""
    visits = list(visits)
    title = _("Discharge letter from physiotherapy")
    recipient = (_clinic_lines(referral.from_clinic, referral.created_by) if referral is not None
                 else (_("Her general practitioner"),))
    sections = [
        Section(_("Patient"), _patient_lines(patient, pregnancy, today)),
        Section(_("Sender"), _clinic_lines(clinic, visits[-1].clinician if visits else None)),
        Section(_("Recipient"), recipient),
        Section(_("Date"), (_date(today),)),
    ]
    if not visits:
        sections.append(Section(_("Course"), (
            _("Your clinic has no signed consultation in this pregnancy yet."),)))
        return Letter(title=title, sections=tuple(sections))
    last = visits[-1]
    if referral is not None:
        sections.append(Section(_("Referral"), (_("Referred on %(day)s.") % {
            "day": _date(_day(referral.created_at))},)))
    outcomes = pain_outcome_lines(visits) + pgq_outcome_lines(visits) + _aslr_outcome_lines(visits)
    programme = [_programme_line(item) for item in last.programme_items.all()]
    sections += [
        Section(_("Diagnosis"), _diagnosis_lines(last)),
        Section(_("Course"), tuple(_course_lines(visits, pregnancy))),
        Section(_("Outcome measures, first and last"), tuple(outcomes) or (
            _("No outcome measure was recorded."),)),
        Section(_("Home programme"), tuple(programme) or (_("No home programme."),)),
        Section(_("Advice"), tuple(_advice_lines(last)) or ("–",)),
        Section(_("Recommendation"), tuple(_recommendation_lines(last, today))),
    ]
    return Letter(title=title, sections=tuple(sections))
