from django import template
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.simple_tag
def stage_label(pregnancy, day):
    """"32+2", "3 weeks after birth" or a short note, for a pregnancy on a day."""
    if pregnancy is None:
        return ""
    stage = pregnancy.stage_on(day)
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
