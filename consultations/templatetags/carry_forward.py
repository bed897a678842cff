"""Last visit's values beside the fields of a follow-up, and the marks on a record."""

from django import template

from assessments import catalogue
from consultations import carry_forward

register = template.Library()


@register.inclusion_tag("consultations/_carried_hint.html")
def carried_hint(forms, name):
    """"Last 12 Nov: …" with its take-over button, for one field of the consultation page."""
    offer = forms.carried.get(name)
    if offer is None:
        return {"offer": None}
    taken = carry_forward.parse_names(forms.main["confirmed_from_previous"].value())
    return {"offer": offer, "day": forms.previous_day, "taken": name in taken}


@register.inclusion_tag("consultations/_carried_section.html")
def carried_section(forms, section):
    """"Take over all from last time" for one section, if last time has anything for it."""
    offered = [offer for offer in forms.carried.values() if offer.section == section]
    return {"offered": bool(offered), "day": forms.previous_day if offered else "",
            "section": section}


@register.inclusion_tag("consultations/_confirmed_mark.html")
def confirmed_mark(consultation, name):
    """"(confirmed from the last visit 12.11)" after a value taken over, on the record."""
    return {"consultation": consultation,
            "confirmed": consultation.confirmed_from_last_visit(name)}


@register.filter
def yellow_flags_yes(consultation):
    """(field name, label) of the yellow flags answered yes, for the record."""
    return [
        (carry_forward.YELLOW_FLAG_PREFIX + code, catalogue.YellowFlag(code).label)
        for code, answer in consultation.yellow_flags.items()
        if answer == catalogue.YesNoNotAsked.YES
    ]


@register.inclusion_tag("consultations/_last_assessment.html")
def last_assessment(forms):
    """Last visit's assessment as information only: a decision of the day is never taken over."""
    previous = forms.previous
    if previous is None or not (previous.diagnosis or previous.subgroup):
        return {"previous": None}
    return {"previous": previous, "day": forms.previous_day}
