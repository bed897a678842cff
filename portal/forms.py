"""The forms she fills in. Each step's form also knows how to read and write its part of her
saved answers (portal/workflows.py::save_draft), so a step shows what she answered before."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.scoring import ALL_ITEMS

from .models import (
    HARDEST_MAX_LENGTH,
    NRS_MAX,
    PSFS_ACTIVITY_MAX_LENGTH,
    PSFS_MAX_ACTIVITIES,
    PainActivity,
    PainMoment,
)

NRS_CHOICES = [(str(n), str(n)) for n in range(NRS_MAX + 1)]
PSFS_CHOICES = [(str(n), str(n)) for n in range(11)]
# The PGQ's four answers, in our own words (the clinic's licensed wording gives the items).
PGQ_ANSWERS = [("0", _("Not at all")), ("1", _("To a small extent")), ("2", _("To some extent")),
               ("3", _("To a large extent"))]
OLDEST_YEAR = 1900


def _number(value):
    return None if value in (None, "") else int(value)


class BirthDateForm(forms.Form):
    """Day, month and year in three boxes (easier on a phone than a date picker)."""

    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31,
                             error_messages={"required": _("Enter the day."),
                                             "invalid": _("Enter the day as a number.")})
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12,
                               error_messages={"required": _("Enter the month."),
                                               "invalid": _("Enter the month as a number.")})
    year = forms.IntegerField(label=_("Year"), min_value=OLDEST_YEAR, max_value=2100,
                              error_messages={"required": _("Enter the year."),
                                              "invalid": _("Enter the year as a number.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, width in (("day", 2), ("month", 2), ("year", 4)):
            self.fields[name].widget = forms.TextInput(attrs={
                "inputmode": "numeric", "maxlength": width, "size": width,
                "autocomplete": {"day": "bday-day", "month": "bday-month", "year": "bday-year"}[name],
            })

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["born"] = datetime.date(data["year"], data["month"], data["day"])
        except ValueError:
            raise forms.ValidationError(_("That date does not exist. Check the day and the month."),
                                        code="no_such_date") from None
        return data


class PainForm(forms.Form):
    """NRS 0-10 now and worst in the last week, for each activity the clinician chose."""

    step = "pain"

    def __init__(self, *args, contexts, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for code in contexts:
            activity = PainActivity(code)
            names = []
            for moment in PainMoment:
                name = f"{activity.value}__{moment.value}"
                self.fields[name] = forms.TypedChoiceField(
                    label=_PAIN_QUESTIONS[moment.value], choices=NRS_CHOICES, coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose a number from 0 to 10."),
                                    "invalid_choice": _("Choose a number from 0 to 10.")})
                names.append(name)
            self.groups.append((activity.label, [self[name] for name in names]))

    @staticmethod
    def initial_from(saved):
        return {name: str(value) for name, value in (saved.get("pain") or {}).items()}

    def saved_part(self, saved):
        """Her saved answers with this step's valid values put in."""
        pain = dict(saved.get("pain") or {})
        pain.update({name: self.cleaned_data[name] for name in self.fields
                     if self.cleaned_data.get(name) is not None})
        return {**saved, "pain": pain}


_PAIN_QUESTIONS = {
    PainMoment.NOW: _("How much does it hurt now?"),
    PainMoment.WORST_WEEK: _("How much did it hurt at worst in the last week?"),
}


class PgqForm(forms.Form):
    """The PGQ with the clinic's licensed wording; an item left out is a missing answer."""

    step = "pgq"

    def __init__(self, *args, wording, **kwargs):
        super().__init__(*args, **kwargs)
        for number in ALL_ITEMS:
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=wording.text_for(number), choices=PGQ_ANSWERS, coerce=int,
                required=False, empty_value=None, widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the four answers.")})

    def activity_items(self):
        return [self[f"item_{n}"] for n in ALL_ITEMS if n <= 20]

    def symptom_items(self):
        return [self[f"item_{n}"] for n in ALL_ITEMS if n > 20]

    @staticmethod
    def initial_from(saved):
        return {f"item_{number}": str(value) for number, value in (saved.get("pgq") or {}).items()
                if value is not None}

    def saved_part(self, saved):
        pgq = dict(saved.get("pgq") or {})
        for number in ALL_ITEMS:
            name = f"item_{number}"
            if name in self.cleaned_data:
                pgq[str(number)] = self.cleaned_data[name]
        return {**saved, "pgq": pgq}


class ActivitiesForm(forms.Form):
    """Patient-Specific Functional Scale: up to three activities she names, each 0-10."""

    step = "activities"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for position in range(1, PSFS_MAX_ACTIVITIES + 1):
            self.fields[f"activity_{position}"] = forms.CharField(
                label=_("Activity %(number)s") % {"number": position}, required=False,
                max_length=PSFS_ACTIVITY_MAX_LENGTH,
                error_messages={"max_length": _("Keep it short: at most %(limit_value)d characters.")})
            self.fields[f"score_{position}"] = forms.TypedChoiceField(
                label=_("How well can you do it now?"), choices=PSFS_CHOICES, coerce=int,
                required=False, empty_value=None, widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose a number from 0 to 10.")})
            self.rows.append((position, self[f"activity_{position}"], self[f"score_{position}"]))

    def clean(self):
        data = super().clean()
        for position in range(1, PSFS_MAX_ACTIVITIES + 1):
            text, score = data.get(f"activity_{position}"), data.get(f"score_{position}")
            if text and score is None and f"score_{position}" not in self.errors:
                self.add_error(f"score_{position}",
                               _("Choose how well you can do it, from 0 to 10."))
            if score is not None and not text and f"activity_{position}" not in self.errors:
                self.add_error(f"activity_{position}", _("Write which activity the number is for."))
        return data

    @staticmethod
    def initial_from(saved):
        initial = {}
        for position, row in enumerate(saved.get("psfs") or [], start=1):
            initial[f"activity_{position}"] = row.get("activity", "")
            if row.get("score") is not None:
                initial[f"score_{position}"] = str(row["score"])
        return initial

    def saved_part(self, saved):
        rows = []
        for position in range(1, PSFS_MAX_ACTIVITIES + 1):
            text = self.cleaned_data.get(f"activity_{position}")
            if text and f"activity_{position}" not in self.errors:
                rows.append({"activity": text, "score": self.cleaned_data.get(f"score_{position}")})
        return {**saved, "psfs": rows}


class HardestForm(forms.Form):
    """The last step: what is hardest for her right now, in her own words (optional)."""

    step = "hardest"

    hardest = forms.CharField(
        label=_("What is hardest for you right now?"), required=False,
        max_length=HARDEST_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Please shorten it to at most %(limit_value)d characters.")})

    @staticmethod
    def initial_from(saved):
        return {"hardest": saved.get("hardest", "")}

    def saved_part(self, saved):
        if "hardest" not in self.cleaned_data:
            return saved
        return {**saved, "hardest": self.cleaned_data["hardest"]}
