"""The change history as a person reads it: one entry per save, field labels in her language,
names instead of ids, times in local time.

The rows come from the database triggers (history.py), one per changed row. A save of a
consultation writes its row and its parts (tests, pain scores, red flags, programme) in one
transaction; here those rows fold into the consultation's entry. Values are shown as the form
showed them: a choice by its label, a person or clinic by name, a time in Europe/Copenhagen.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import catalogue

from .history import TABLE_LABELS

# Parts of a consultation: folded into its entry, each named by its key fields.
PARTS = {
    "assessments_pelvictestresult": ("test", "side"),
    "assessments_painscore": ("scale", "context"),
    "assessments_redflaganswer": ("flag",),
    "assessments_questionnaireresponse": ("filled_on",),
    "education_programmeitem": ("exercise_id",),
    "consultations_amendment": ("reason",),
}
# Bookkeeping and links the reader does not need (the row itself says whose record it is).
HIDDEN = {"id", "version", "updated_at", "updated_by_id", "last_seen_at", "cpr_encrypted",
          "patient_id", "pregnancy_id", "consultation_id", "public_id", "position",
          "ga_days_at_visit", "postpartum_days_at_visit", "created_at", "confirmed_from_previous",
          "patient_snapshot", "scoring_version", "items",
          "token_encrypted", "token_digest", "link_id", "pgq_items", "pgq_scoring_version"}
# Multi-choice fields stored as lists of codes.
CODE_LISTS = {
    "pain_regions": catalogue.PainRegion, "aggravating": catalogue.AggravatingActivity,
    "risk_factors": catalogue.RiskFactor, "education_given": catalogue.KeyMessage,
    "treatments": catalogue.Treatment,
}
# Coded text fields without choices on the model.
CODES = {"diagnosis": catalogue.DiagnosisSuggestion, "subgroup": catalogue.Subgroup,
         "suggested_diagnosis": catalogue.DiagnosisSuggestion,
         "suggested_subgroup": catalogue.Subgroup, "referral": catalogue.Referral}
# Labels for the columns whose model field has none of its own.
FIELD_LABELS = {
    "status": gettext_lazy("status"), "signed_by": gettext_lazy("signed by"), "signed_at": gettext_lazy("signed at"),
    "clinician": gettext_lazy("clinician"), "clinic": gettext_lazy("clinic"), "taken_over_from": gettext_lazy("taken over from"),
    "taken_over_at": gettext_lazy("taken over at"), "total": gettext_lazy("total"), "activity": gettext_lazy("activity"),
    "symptom": gettext_lazy("symptoms"), "answered": gettext_lazy("items answered"),
    "recorded_by": gettext_lazy("recorded by"), "added_after_signing": gettext_lazy("added after signing"),
    "from_clinic": gettext_lazy("from clinic"), "created_by": gettext_lazy("created by"),
    "closed_at": gettext_lazy("closed at"), "closed_by": gettext_lazy("closed by"), "author": gettext_lazy("author"),
    "previous_visit_on": gettext_lazy("previous visit"),
}
# PostgreSQL stamps every row of a transaction with its start, so one save shares one time;
# SQLite stamps each row, so rows a moment apart by the same person count as one save there.
SAME_SAVE_SQLITE = datetime.timedelta(seconds=2)
ACTIVE_FLAG_STATES = (catalogue.RedFlagStatus.PRESENT,)


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    """One save: when, who, what it was about, and its changes."""

    at: datetime.datetime
    actor_id: int | None
    subject: tuple
    title: str = ""
    actor: object = None
    changes: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # lines without before/after ("created")
    deleted_draft: object = None  # the HistoryEntry of a deleted draft


def readable_history(entries, *, exact_time=True):
    """Entries (newest first) → one Entry per save, with everything named (four queries).
    exact_time: one save shares one time (PostgreSQL); else rows 2 s apart may be one save."""
    names = _Names(entries)
    window = datetime.timedelta(0) if exact_time else SAME_SAVE_SQLITE
    saves = []
    for row in entries:
        if row.operation == "update" and not row.changed_fields():
            continue  # bookkeeping only (a version bump, last seen)
        subject = _subject(row)
        last = saves[-1] if saves else None
        if last and last.subject == subject and last.actor_id == row.actor_id \
                and abs(last.at - row.changed_at) <= window:
            _describe(last, row, names)
            continue
        entry = Entry(at=row.changed_at, actor_id=row.actor_id, subject=subject,
                      actor=names.user(row.actor_id))
        entry.title = _title(row, names)
        _describe(entry, row, names)
        saves.append(entry)
    return saves


def _subject(row):
    """What a row belongs to: its consultation, or her record (patient, pregnancy, referral)."""
    if row.table_name == "consultations_consultation":
        return ("consultation", row.row_id)
    if row.table_name in PARTS:
        values = row.new_values or row.old_values or {}
        return ("consultation", values.get("consultation_id"))
    return (row.table_name, row.row_id)


def _title(row, names):
    from .models import Consultation

    values = row.new_values or row.old_values or {}
    if row.table_name in PARTS:
        values = names.consultation(values.get("consultation_id")) or {}
    elif row.table_name != "consultations_consultation":
        return str(TABLE_LABELS.get(row.table_name, row.table_name))
    if not values.get("kind"):
        return str(TABLE_LABELS["consultations_consultation"])
    return _("Consultation %(when)s (%(kind)s)") % {
        "when": _show_date(values.get("seen_at")),
        "kind": str(_label(Consultation.Kind, values["kind"])).lower()}


def _describe(entry, row, names):
    if row.is_deleted_draft:
        entry.deleted_draft = row
        return
    if row.table_name in PARTS:
        _describe_part(entry, row, names)
        return
    if row.operation in ("insert", "delete"):
        _note(entry, _("created") if row.operation == "insert" else _("removed"))
        return
    model = _model(row.table_name)
    for name, before, after in row.changed_fields():
        if name in HIDDEN:
            continue
        entry.changes.append(Change(_field_label(model, name), names.value(model, name, before),
                                    names.value(model, name, after)))


def _describe_part(entry, row, names):
    """A part of the consultation: named by its key ("Pain score NRS now"), then its values."""
    model = _model(row.table_name)
    values = row.new_values or row.old_values or {}
    key = " ".join(names.value(model, name, values.get(name)) for name in PARTS[row.table_name])
    label = f"{TABLE_LABELS[row.table_name]} {key}".strip()
    if row.table_name == "assessments_redflaganswer" and row.operation == "insert" \
            and values.get("status") not in ACTIVE_FLAG_STATES:
        _note(entry, _("red flags asked"))  # the many "absent" answers: one note
        return
    if row.operation in ("insert", "delete"):
        shown = _part_summary(model, row.table_name, values, names)
        before, after = ("–", shown) if row.operation == "insert" else (shown, "–")
        entry.changes.append(Change(label, before, after))
        return
    for name, before, after in row.changed_fields():
        if name in HIDDEN:
            continue
        entry.changes.append(Change(f"{label}: {_field_label(model, name)}",
                                    names.value(model, name, before),
                                    names.value(model, name, after)))


def _note(entry, text):
    if text not in entry.notes:
        entry.notes.append(text)


def _part_summary(model, table, values, names):
    shown = {
        "assessments_pelvictestresult": ("result", "aslr_score", "aslr_compression_score"),
        "assessments_painscore": ("value",),
        "assessments_redflaganswer": ("status", "action_taken"),
        "assessments_questionnaireresponse": ("total", "activity", "symptom"),
        "education_programmeitem": ("sets", "reps", "hold_seconds", "times_per_day", "note"),
        "consultations_amendment": ("text",),
    }[table]
    parts = [f"{_field_label(model, name)} {names.value(model, name, values.get(name))}"
             for name in shown if values.get(name) not in (None, "")]
    return ", ".join(parts) or "–"


@functools.cache
def _model(table):
    return {m._meta.db_table: m for m in apps.get_models()}[table]


def _field_label(model, name):
    if name == "cpr":
        return _("CPR number")
    plain = name.removesuffix("_id")
    if plain in FIELD_LABELS:
        label = str(FIELD_LABELS[plain])
        return label[:1].upper() + label[1:]
    try:
        found = model._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
    except Exception:  # a column the model no longer has: its name is all we know
        return name
    label = str(getattr(found, "verbose_name", name))
    return label[:1].upper() + label[1:]


def _show_date(value):
    """A date, or the local day of a moment (a visit at 00:30 in Copenhagen is that day)."""
    if not value:
        return "–"
    moment = value if isinstance(value, datetime.datetime) else parse_datetime(str(value))
    if moment is not None:
        day = timezone.localtime(_aware(moment)).date()
    else:
        day = parse_date(str(value)[:10])
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else str(value)


def _aware(moment):
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


class _Names:
    """Users, clinics, exercises and consultations named by id, each loaded in one query."""

    def __init__(self, entries):
        from clinics.models import Clinic, User
        from education.models import Exercise

        from .models import Consultation

        ids = {"user": set(), "clinic": set(), "exercise": set(), "consultation": set()}
        for row in entries:
            ids["user"].add(row.actor_id)
            for values in (row.old_values or {}, row.new_values or {}):
                for key, value in values.items():
                    if key in ("clinician_id", "signed_by_id", "created_by_id", "closed_by_id",
                               "taken_over_from_id", "author_id", "recorded_by_id",
                               "issued_by_id", "revoked_by_id", "seen_by_id"):
                        ids["user"].add(value)
                    elif key in ("clinic_id", "to_clinic_id", "from_clinic_id"):
                        ids["clinic"].add(value)
                    elif key == "exercise_id":
                        ids["exercise"].add(value)
                    elif key == "consultation_id":
                        ids["consultation"].add(value)
        self.users = User.objects.in_bulk({i for i in ids["user"] if i})
        self.clinics = Clinic.objects.in_bulk({i for i in ids["clinic"] if i})
        self.exercises = Exercise.objects.in_bulk({i for i in ids["exercise"] if i})
        self.consultations = {
            row["pk"]: {"seen_at": row["seen_at"], "kind": row["kind"]}
            for row in Consultation.objects.filter(pk__in={i for i in ids["consultation"] if i})
            .values("pk", "seen_at", "kind")
        }

    def user(self, pk):
        return self.users.get(pk)

    def consultation(self, pk):
        return self.consultations.get(pk)

    def value(self, model, name, raw):
        """A stored value as the form showed it."""
        if raw is None or raw == "" or raw == []:
            return "–"
        if name == "cpr":
            return str(raw)
        try:
            found = model._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
        except Exception:
            return str(raw)
        return self._shown(found, name, raw)

    def _shown(self, found, name, raw):
        if isinstance(found, models.ForeignKey):
            target = {"clinics.user": self.users, "clinics.clinic": self.clinics,
                      "education.exercise": self.exercises}.get(found.related_model._meta.label_lower)
            named = target.get(raw) if target is not None else None
            return str(named) if named is not None else "–"
        if found.choices:
            return str(dict(found.flatchoices).get(raw, raw))
        if name in CODES:
            return str(_label(CODES[name], raw))
        if name in CODE_LISTS and isinstance(raw, list):
            return ", ".join(str(_label(CODE_LISTS[name], code)) for code in raw) or "–"
        if isinstance(found, models.BooleanField):
            return _("yes") if raw else _("no")
        if isinstance(found, models.DateTimeField):
            moment = parse_datetime(str(raw))
            if moment is None:
                return str(raw)
            return formats.date_format(timezone.localtime(_aware(moment)), "SHORT_DATETIME_FORMAT")
        if isinstance(found, models.DateField):
            return _show_date(raw)
        if isinstance(raw, dict):  # yellow flags: the ones answered yes
            return ", ".join(str(_label(catalogue.YellowFlag, code)) for code, answer in raw.items()
                             if answer == catalogue.YesNoNotAsked.YES) or "–"
        return str(raw)


def _label(choices, code):
    try:
        return choices(code).label
    except ValueError:
        return code
