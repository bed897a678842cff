from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from assessments import catalogue

register = template.Library()


@register.simple_tag
def stage_label(pregnancy, day):
    """"32+2", "3 weeks after birth" or a short note, for a pregnancy on a day."""
    if pregnancy is None:
        return ""
    return stage_text(pregnancy.stage_on(day))


@register.simple_tag
def patient_row(patient, day):
    """A row of a list of women (_patient_rows.html): her name linked to her page, her CPR
    number, her current episode's stage on the day and its due date. Written in Python, not
    as template tags, because a list has dozens of rows and each tag and variable cost the
    template engine more than the row's own work (issue 12); the same HTML as the template
    had, spacing included."""
    pregnancy = patient.current_pregnancy
    due = pregnancy.edd if pregnancy is not None else None
    return format_html(
        PATIENT_ROW, url=patient.get_absolute_url(), name=patient.full_name,
        cpr=patient.cpr_display, stage=stage_label(pregnancy, day),
        due=formats.date_format(due, "SHORT_DATE_FORMAT") if due else "")


PATIENT_ROW = """
    <tr>
      <td><a href="{url}">{name}</a></td>
      <td class="font-monospace">{cpr}</td>
      <td class="ga-badge">{stage}</td>
      <td>{due}</td>
    </tr>
    """


@register.simple_tag
def stage_text(stage):
    """A PregnancyStage as "32+2" or "3 weeks after birth"."""
    if stage.kind == "postpartum":
        weeks = stage.postpartum_weeks
        return ngettext(
            "%(weeks)s week after birth", "%(weeks)s weeks after birth", weeks
        ) % {"weeks": weeks}
    if stage.kind == "pregnant":
        return stage.ga
    if stage.kind == "overdue":
        return gettext("past 44+0 – delivery date missing")
    return gettext("not yet pregnant on this date")


@register.filter
def age_on(patient, day):
    """A patient's age in whole years on a day."""
    return patient.age_on(day)


_CHOICES = {
    "pain_regions": catalogue.PainRegion,
    "aggravating": catalogue.AggravatingActivity,
    "risk_factors": catalogue.RiskFactor,
    "education_given": catalogue.KeyMessage,
    "treatments": catalogue.Treatment,
    "diagnosis": catalogue.DiagnosisSuggestion,
    "suggested_diagnosis": catalogue.DiagnosisSuggestion,
    "subgroup": catalogue.Subgroup,
    "suggested_subgroup": catalogue.Subgroup,
    "referral": catalogue.Referral,
}


@register.filter
def labels(consultation, field):
    """The labels of a multi-choice field stored as a list of codes, comma-separated."""
    choices = _CHOICES[field]
    return ", ".join(str(choices(code).label) for code in getattr(consultation, field))


@register.filter
def choice_label(consultation, field):
    code = getattr(consultation, field)
    return _CHOICES[field](code).label if code else ""


@register.filter
def present_red_flags(consultation):
    return [a for a in consultation.red_flag_answers.all() if a.status == "present"]


@register.filter
def patient_subgroup(consultation):
    """The neutral wording of the subgroup, for anything the woman reads."""
    return subgroup_for_her(consultation, "subgroup")


@register.filter
def subgroup_for_her(consultation, field="subgroup"):
    """The neutral wording of the subgroup (or the suggested one) for anything she carries:
    never the Albert name ("symphysiolysis" means loosening; brief sections 2 and 7.2)."""
    code = getattr(consultation, field)
    return catalogue.SUBGROUP_PATIENT_LABELS[catalogue.Subgroup(code)] if code else ""


@register.filter
def tests_per_side(consultation):
    """The pelvic tests as recorded, one line per test with each side's result:
    [(test label, [(side label, result text)])]; tests not performed are left out."""
    by_test = {}
    for row in consultation.test_results.all():
        if row.test == catalogue.PelvicTest.ASLR:
            if row.aslr_score is None:
                continue
            text = str(row.aslr_score)
            if row.aslr_compression_score is not None:
                text += " (" + gettext("with compression %(score)s") % {
                    "score": row.aslr_compression_score} + ")"
        elif row.result in ("", catalogue.TestResult.NOT_PERFORMED):
            continue
        else:
            text = row.get_result_display().lower()
        by_test.setdefault(row.test, []).append((row.side, text))
    order = list(catalogue.PelvicTest)
    side_order = list(catalogue.Side)
    return [
        (_test_label(code), [(catalogue.Side(side).label.lower(), text)
                             for side, text in sorted(sides, key=lambda s: side_order.index(s[0]))])
        for code, sides in sorted(by_test.items(), key=lambda item: order.index(item[0]))
    ]


def _test_label(code):
    if code == catalogue.PelvicTest.ASLR:
        return gettext("ASLR (0–5 per side)")
    return catalogue.PelvicTest(code).label


@register.filter
def scale_range(score):
    """The range of a pain score's scale, so a number is never read without its scale."""
    return "0–100 mm" if score.scale == catalogue.PainScale.VAS else "0–10"
