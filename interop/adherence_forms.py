"""The adherence report's filters: a period of local days and, if chosen, one clinician."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinics.models import User
from clinics.permissions import CLINICIANS
from consultations.forms import PeriodFormMixin

EARLIEST = datetime.date(2000, 1, 1)  # before the app and the guideline (2008): a typo
LATEST_AHEAD_DAYS = 366


def a_year_before(day):
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class ClinicianChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class AdherenceFilterForm(PeriodFormMixin, forms.Form):
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(
        attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(
        attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"))
    clinician = ClinicianChoiceField(label=_("Clinician"), queryset=User.objects.none(),
                                     required=False, empty_label=_("All clinicians"),
                                     widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, data, *, clinic, today=None):
        """Always bound: the defaults (the last 12 months, every clinician) fill what the
        query string leaves out, so the first visit to the page shows a report."""
        self.today = today or timezone.localdate()
        defaults = {"date_from": (a_year_before(self.today) + datetime.timedelta(days=1))
                    .isoformat(), "date_to": self.today.isoformat(), "clinician": ""}
        super().__init__({**defaults, **{k: data.get(k) for k in defaults if k in data}})
        self.fields["clinician"].queryset = (
            User.objects.filter(memberships__clinic=clinic, memberships__role__in=CLINICIANS)
            .distinct().order_by("first_name", "last_name", "username"))

    def clean_date_from(self):
        day = self.cleaned_data["date_from"]
        if day < EARLIEST:
            raise forms.ValidationError(_("The period cannot start before %(day)s.")
                                        % {"day": EARLIEST.isoformat()})
        return day

    def clean_date_to(self):
        day = self.cleaned_data["date_to"]
        if day > self.today + datetime.timedelta(days=LATEST_AHEAD_DAYS):
            raise forms.ValidationError(_("The period cannot end more than a year from today."))
        return day

    def _post_clean(self):
        super()._post_clean()
        for name in self.errors:  # the field says it is wrong, and where the message is
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error",
                              "class": f"{attrs.get('class', '')} is-invalid".strip()})

    def query_string(self):
        """The filters as given, for the links to the lists and the CSV."""
        from django.utils.http import urlencode

        return urlencode({name: self.data.get(name) or "" for name in self.fields})
