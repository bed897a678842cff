"""What a follow-up may take over from the last visit, and only by the clinician's act.

A follow-up opens empty. Beside each field listed here the page shows last time's value
("Sidst 12.11: …") with a button that puts it into the field; the names of the fields taken
over this way are stored on the consultation, so the record tells today's findings from
values confirmed from the last visit. The assessment, subgroup, ICD-10 code and referral are
decisions of the day and are never offered. Pure functions: values in, values out.
"""

import json
from dataclasses import dataclass

from django.utils import dateformat
from django.utils.translation import gettext, pgettext

from assessments import catalogue

from .models import Consultation

YELLOW_FLAG_PREFIX = "yellow_"
HISTORY, PLAN = "history", "plan"

# (name, section, the form fields it fills). "work_status" brings its sick-leave percentage.
OFFERED = (
    ("pain_regions", HISTORY, ("pain_regions",)),
    ("aggravating", HISTORY, ("aggravating",)),
    ("work_status", HISTORY, ("work_status", "sick_leave_percent")),
    ("usual_training", HISTORY, ("usual_training",)),
    ("risk_factors", HISTORY, ("risk_factors",)),
    *((YELLOW_FLAG_PREFIX + code, HISTORY, (YELLOW_FLAG_PREFIX + code,))
      for code in catalogue.YellowFlag.values),
    ("goals", HISTORY, ("goals",)),
    ("pelvic_belt", PLAN, ("pelvic_belt",)),
    ("pelvic_belt_when", PLAN, ("pelvic_belt_when",)),
    ("satin_sheet", PLAN, ("satin_sheet",)),
)
# Decisions of the day: never taken over, whatever a page posts.
NEVER_CARRIED = frozenset({"diagnosis", "subgroup", "icd10", "referral"})

_MULTI_CHOICES = {
    "pain_regions": catalogue.PainRegion,
    "aggravating": catalogue.AggravatingActivity,
    "risk_factors": catalogue.RiskFactor,
}


@dataclass(frozen=True)
class Offer:
    """Last time's value of one field, ready to be taken over."""

    name: str
    section: str
    values: tuple  # ((form field, last time's value as stored), ...)
    text: str  # last time's value as the clinician reads it

    @property
    def widget_values(self):
        """JSON for the page's script: each form field's value(s) as the inputs hold them."""
        return json.dumps({field: _as_inputs(value) for field, value in self.values})

    def matches(self, cleaned_data):
        """True if the form holds exactly last time's value(s) for this field."""
        return all(_same(cleaned_data.get(field), value) for field, value in self.values)


PROGRAMME = "programme"
PROGRAMME_FIELDS = ("sets", "reps", "hold_seconds", "times_per_day")


@dataclass(frozen=True)
class ProgrammeOffer:
    """Last time's home programme, to take over as a whole (then adjusted row by row)."""

    rows: tuple  # (exercise id, sets, reps, hold_seconds, times_per_day, note) in her order
    text: str
    name: str = PROGRAMME
    section: str = PLAN

    @property
    def widget_values(self):
        """JSON for the page's script: one {form field: value} per programme row."""
        return json.dumps([
            {"exercise": str(exercise), "position": str(number), "note": note,
             **{field: "" if value is None else str(value)
                for field, value in zip(PROGRAMME_FIELDS, dosage, strict=True)}}
            for number, (exercise, *dosage, note) in enumerate(self.rows)
        ])

    def matches(self, items):
        """True if today's programme (unsaved ProgrammeItem rows, in order) is last time's."""
        return tuple(_programme_row(item) for item in items) == self.rows


def programme_offer(items):
    """Last time's programme items as an offer, or None if she had none."""
    items = list(items)
    if not items:
        return None
    return ProgrammeOffer(
        rows=tuple(_programme_row(item) for item in items),
        text="; ".join(str(item) for item in items),  # "Side-lying clam: 2 × 8 repetitions…"
    )


def _programme_row(item):
    return (item.exercise_id, *(getattr(item, field) for field in PROGRAMME_FIELDS), item.note)


def offers_from(visit):
    """{name: offer} of everything the visit has to offer, the programme included; {} if None."""
    if visit is None:
        return {}
    found = offers(stored_values(visit))
    programme = programme_offer(visit.programme_items.all())
    if programme is not None:
        found[programme.name] = programme
    return found


def stored_values(visit):
    """A visit's values by form field name (yellow flags as yellow_<code>)."""
    values = {field: getattr(visit, field)
              for _name, _section, fields in OFFERED for field in fields
              if not field.startswith(YELLOW_FLAG_PREFIX)}
    for code in catalogue.YellowFlag.values:
        values[YELLOW_FLAG_PREFIX + code] = visit.yellow_flags.get(
            code, catalogue.YesNoNotAsked.NOT_ASKED)
    return values


def offers(values):
    """{name: Offer} for every offered field with something recorded last time."""
    found = {}
    for name, section, fields in OFFERED:
        if _is_empty(values.get(fields[0])):
            continue
        found[name] = Offer(
            name=name, section=section,
            values=tuple((field, values.get(field)) for field in fields),
            text=describe(name, values),
        )
    return found


def describe(name, values):
    """Last time's value of one offered field in words (the active language)."""
    value = values[name]
    if name in _MULTI_CHOICES:
        return ", ".join(str(_MULTI_CHOICES[name](code).label) for code in value)
    if name == "work_status":
        text = str(Consultation.WorkStatus(value).label)
        percent = values.get("sick_leave_percent")
        return f"{text} ({percent} %)" if percent is not None else text
    if name.startswith(YELLOW_FLAG_PREFIX):
        return str(catalogue.YesNoNotAsked(value).label)
    if isinstance(value, bool):
        return gettext("Yes")
    return value


def confirmed(names, available, cleaned_data):
    """The names taken over from last time that the form still holds unchanged, in page order.

    Anything else a page may post (an unknown name, a decision of the day, a value changed
    after it was taken over) is not a confirmation: it is today's entry or nothing."""
    wanted = set(names) - NEVER_CARRIED
    return [name for name, _section, _fields in OFFERED
            if name in wanted and name in available and available[name].matches(cleaned_data)]


def parse_names(text):
    """The field names in the page's hidden input (comma-separated)."""
    return [name for name in (part.strip() for part in (text or "").split(",")) if name]


def visit_day(day, today):
    """The day of the last visit, short: "12.11" / "12 Nov" (the year only if not this year)."""
    if day.year == today.year:
        fmt = pgettext("day of the last visit, this year (Django date format)", "j M")
    else:
        fmt = pgettext("day of the last visit, another year (Django date format)", "j M Y")
    return dateformat.format(day, fmt)


def _is_empty(value):
    return value in (None, "", False, [], catalogue.YesNoNotAsked.NOT_ASKED)


def _as_inputs(value):
    if isinstance(value, bool):
        return ["on"] if value else []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [] if value is None else [str(value)]


def _same(now, last):
    if isinstance(last, list):
        return sorted(now or []) == sorted(last)
    if isinstance(last, bool):
        return bool(now) is last
    return (now if now not in ("", None) else None) == (last if last not in ("", None) else None)
