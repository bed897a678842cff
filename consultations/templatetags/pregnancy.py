from django import template
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
