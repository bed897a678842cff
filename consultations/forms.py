import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import catalogue
from assessments.forms import PainScoreFormSet, PelvicTestForm, RedFlagForm
from education.forms import ProgrammeFormSet
from education.models import Exercise
from education.suggest import exercise_choices

from . import carry_forward
from . import cpr as cpr_rules
from . import gestation
from .decision import support_for_blank, support_for_forms, support_for_record
from clinics.models import Clinic
from pgp_clinic.form_renderer import FAST_WIDGETS
from pgp_clinic.versioning import VersionedFormMixin

from .models import Amendment, Consultation, Patient, Pregnancy, Referral
from .workflows import save_consultation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

CPR_MESSAGES = {
    "format": _("Enter the CPR number as ten digits, DDMMYY-SSSS (the hyphen is optional)."),
    "date": _("The first six digits of the CPR number are not a valid date of birth."),
    "age": _("By this CPR number she would be more than %(years)s years old. Check the number."),
}


def check_date_range(value, earliest, latest):
    """A date outside [earliest, latest] is a field error naming the range."""
    if value is not None and not earliest <= value <= latest:
        raise forms.ValidationError(
            _("Enter a date from %(earliest)s to %(latest)s."), code="out_of_range",
            params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
        )
    return value


class PatientForm(VersionedFormMixin, forms.ModelForm):
    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("DDMMYY-SSSS. Numbers that fail the modulus-11 check are valid too."),
    )

    class Meta:
        model = Patient
        fields = ("cpr", "first_name", "last_name", "phone", "occupation", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, clinic, **kwargs):
        super().__init__(*args, **kwargs)
        self.clinic = clinic
        if self.instance.pk:
            self.initial["cpr"] = self.instance.cpr_display

    def clean_cpr(self):
        raw = self.cleaned_data["cpr"]
        try:
            digits = cpr_rules.normalise(raw)
            born = cpr_rules.birth_date(digits)
        except cpr_rules.InvalidCPR as error:
            raise forms.ValidationError(CPR_MESSAGES[error.code], code=f"cpr_{error.code}")
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(CPR_MESSAGES["date"], code="cpr_date")
        if born < gestation.years_before(today, gestation.MAX_PATIENT_AGE_YEARS):
            raise forms.ValidationError(CPR_MESSAGES["age"], code="cpr_age",
                                        params={"years": gestation.MAX_PATIENT_AGE_YEARS})
        duplicate = Patient.objects.filter(clinic=self.clinic).with_cpr(digits).exclude(
            pk=self.instance.pk
        )
        if duplicate.exists():
            raise forms.ValidationError(
                _("A patient with this CPR number is already registered in your clinic."),
                code="cpr_duplicate",
            )
        self.instance.cpr = digits  # encrypts it and sets her birth date
        return digits

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])


def _clean_name(value):
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError(_("This field is required."), code="required")
    return value


class PregnancyForm(VersionedFormMixin, forms.ModelForm):
    """The pregnancy episode, checked against clinical-brief §6 and §10.2."""

    edd = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave empty to calculate it from the last menstrual period (+280 days)."),
    )

    class Meta:
        model = Pregnancy
        fields = (
            "edd",
            "edd_source",
            "lmp",
            "gravida",
            "para",
            "multiple",
            "delivery_date",
            "delivery_mode",
        )
        widgets = {"lmp": DATE_WIDGET, "delivery_date": DATE_WIDGET}
        help_texts = {
            "gravida": _("Number of pregnancies including this one."),
            "para": _("Number of earlier births (from 22+0)."),
        }

    def __init__(self, *args, patient=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        if patient is not None:
            self.instance.patient = patient
        self.today = today or timezone.localdate()
        self.fields["gravida"].min_value = 1
        self.fields["gravida"].widget.attrs.update(min=1, max=30)
        self.fields["para"].widget.attrs.update(min=0, max=29)

    def clean_gravida(self):
        return _bounded(self.cleaned_data["gravida"], 1, 30)

    def clean_para(self):
        return _bounded(self.cleaned_data["para"], 0, 29)

    def _earliest(self, extra_years=0):
        return gestation.years_before(self.today, gestation.MAX_YEARS_AFTER_BIRTH + extra_years)

    def clean_edd(self):
        edd = self.cleaned_data.get("edd")
        latest = self.today + datetime.timedelta(days=gestation.TERM_DAYS)
        if self.data.get(self.add_prefix("delivery_date")):
            return check_date_range(edd, self._earliest(), latest)
        earliest = self.today - datetime.timedelta(days=gestation.MAX_ONGOING_DAYS - 280)
        if edd is not None and not earliest <= edd <= latest:
            raise forms.ValidationError(
                _(
                    "For an ongoing pregnancy the due date must lie between %(earliest)s and "
                    "%(latest)s (gestational age 0+0 to 44+0 today). If she has given birth, "
                    "enter the delivery date."
                ),
                code="edd_out_of_range",
                params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
            )
        return edd

    def clean_lmp(self):
        lmp = self.cleaned_data.get("lmp")
        if lmp and lmp > self.today:
            raise forms.ValidationError(
                _("The last menstrual period cannot be in the future."), code="lmp_future"
            )
        return check_date_range(lmp, self._earliest(extra_years=1), self.today)

    def clean_delivery_date(self):
        delivered = self.cleaned_data.get("delivery_date")
        if delivered and delivered > self.today:
            raise forms.ValidationError(
                _("The delivery date cannot be in the future."), code="delivery_future"
            )
        return check_date_range(delivered, self._earliest(), self.today)

    def clean(self):
        data = super().clean()
        edd, lmp = data.get("edd"), data.get("lmp")
        if self.errors:
            return data
        if edd is None and lmp is None:
            self.add_error("edd", forms.ValidationError(
                _("Enter the due date or the first day of the last menstrual period."),
                code="edd_required",
            ))
            return data
        if edd is None:
            edd = data["edd"] = gestation.edd_from_lmp(lmp)
            data["edd_source"] = Pregnancy.EddSource.LMP
        self._check_lmp_matches_edd(data, edd, lmp)
        if data.get("delivery_date"):
            self._check_delivery(data, edd)
        else:
            self._check_ongoing(data, edd, lmp)
        return data

    def _check_lmp_matches_edd(self, data, edd, lmp):
        if lmp is None:
            return
        gap = abs((edd - gestation.edd_from_lmp(lmp)).days)
        if gap > gestation.MAX_LMP_EDD_GAP_DAYS:
            self.add_error("lmp", forms.ValidationError(
                _(
                    "The last period + 280 days is %(gap)s days from the due date; more than "
                    "%(most)s days means one of the two dates is wrong."
                ),
                code="lmp_far_from_edd",
                params={"gap": gap, "most": gestation.MAX_LMP_EDD_GAP_DAYS},
            ))
        elif gap > 7 and data.get("edd_source") == Pregnancy.EddSource.LMP:
            self.add_error("edd_source", forms.ValidationError(
                _(
                    "The due date is %(gap)s days from the last period + 280 days. If it was "
                    "corrected by a scan, choose the scan as its source."
                ),
                code="edd_lmp_mismatch",
                params={"gap": gap},
            ))

    def _check_ongoing(self, data, edd, lmp):
        if lmp and lmp < self.today - datetime.timedelta(days=gestation.MAX_ONGOING_DAYS):
            self.add_error("lmp", forms.ValidationError(
                _("The last period is more than 44 weeks ago; enter the delivery date if she has given birth."),
                code="lmp_too_old",
            ))
        if data.get("para") is not None and data.get("gravida") is not None:
            if data["para"] > data["gravida"] - 1:
                self.add_error("para", forms.ValidationError(
                    _("Para (earlier births) must be lower than gravida while she is pregnant."),
                    code="para_too_high",
                ))
        if data.get("delivery_mode"):
            self.add_error("delivery_mode", forms.ValidationError(
                _("Enter the delivery date too, or leave the delivery mode empty."),
                code="mode_without_date",
            ))

    def _check_delivery(self, data, edd):
        delivered = data["delivery_date"]
        ga_at_birth = gestation.ga_days(edd, delivered)
        if not gestation.BIRTH_FROM_DAYS <= ga_at_birth <= gestation.MAX_ONGOING_DAYS:
            self.add_error("delivery_date", forms.ValidationError(
                _("The delivery date must fall between gestational age 22+0 and 44+0."),
                code="delivery_out_of_range",
            ))
        if not data.get("delivery_mode"):
            self.add_error("delivery_mode", forms.ValidationError(
                _("Choose the delivery mode (or “Unknown”)."), code="mode_required"
            ))
        if data.get("para") is not None and data.get("gravida") is not None:
            if data["para"] > data["gravida"]:
                self.add_error("para", forms.ValidationError(
                    _("Para cannot be higher than gravida."), code="para_too_high"
                ))

    def validate_unique(self):
        """Also the one-ongoing-pregnancy rule, whose patient is not a form field."""
        super().validate_unique()
        if self.patient is None or self.cleaned_data.get("delivery_date"):
            return
        ongoing = self.patient.pregnancies.filter(delivery_date__isnull=True)
        if ongoing.exclude(pk=self.instance.pk).exists():
            self.add_error(None, forms.ValidationError(
                _(
                    "She already has an ongoing pregnancy. Enter its delivery date before "
                    "registering a new one."
                ),
                code="ongoing_exists",
            ))

    def warnings(self):
        """Soft notices that do not block saving (GA outside 6+0–42+0)."""
        edd = self.cleaned_data.get("edd")
        if not edd or self.cleaned_data.get("delivery_date"):
            return []
        days = gestation.ga_days(edd, self.today)
        if days < gestation.WARN_BELOW_DAYS or days > gestation.WARN_ABOVE_DAYS:
            return [
                _("Note: the gestational age today is %(ga)s, outside the usual 6+0 to 42+0.")
                % {"ga": gestation.format_ga(max(days, 0))}
            ]
        return []


def _bounded(value, low, high):
    if value is None or not low <= value <= high:
        raise forms.ValidationError(
            _("Enter a whole number from %(low)s to %(high)s."),
            code="out_of_range",
            params={"low": low, "high": high},
        )
    return value


class PatientSearchForm(forms.Form):
    """Search, filter and sort of the patient list; the choices are the allowlists."""

    SORTS = [("name", _("Name")), ("recent", _("Last seen")), ("due", _("Due date"))]
    STAGES = [("", _("All")), ("pregnant", _("Pregnant")), ("postpartum", _("After birth"))]

    q = forms.CharField(label=_("Name or CPR number"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Show"), choices=STAGES, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def query(self):
        """(text, stage, sort) to use: the valid values, the defaults for the rest."""
        data = getattr(self, "cleaned_data", {})  # absent until the form is validated
        return data.get("q") or "", data.get("stage") or "", data.get("sort") or "name"


# --- Consultation --------------------------------------------------------------------------

YELLOW_FLAG_PREFIX = carry_forward.YELLOW_FLAG_PREFIX
CHECKBOXES = forms.CheckboxSelectMultiple


def _choices_with_blank(choices):
    return [("", "–")] + list(choices)


class ConsultationForm(forms.ModelForm):
    default_renderer = FAST_WIDGETS  # a large form: widgets built in Python (issue 12)
    """History, examination, assessment decision and plan of one consultation."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The fields taken over from the last visit with their button (static/js/carry_forward.js).
    # Only names offered and still holding last time's value are kept (carry_forward.confirmed).
    confirmed_from_previous = forms.CharField(widget=forms.HiddenInput, required=False)
    seen_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    pain_regions = forms.MultipleChoiceField(
        label=_("Where it hurts"), choices=catalogue.PainRegion.choices, required=False,
        widget=CHECKBOXES,
    )
    aggravating = forms.MultipleChoiceField(
        label=_("What makes it worse"), choices=catalogue.AggravatingActivity.choices,
        required=False, widget=CHECKBOXES,
    )
    risk_factors = forms.MultipleChoiceField(
        label=_("Risk factors"), choices=catalogue.RiskFactor.choices, required=False,
        widget=CHECKBOXES,
    )
    education_given = forms.MultipleChoiceField(
        label=_("Education given"), choices=catalogue.KeyMessage.choices, required=False,
        widget=CHECKBOXES,
    )
    treatments = forms.MultipleChoiceField(
        label=_("Treatment given"), choices=catalogue.Treatment.choices, required=False,
        widget=CHECKBOXES,
    )
    diagnosis = forms.ChoiceField(
        label=_("Assessment (your decision)"),
        choices=_choices_with_blank(catalogue.DiagnosisSuggestion.choices), required=False,
    )
    subgroup = forms.ChoiceField(
        label=_("Subgroup (your decision)"),
        choices=_choices_with_blank(catalogue.Subgroup.choices), required=False,
    )
    referral = forms.ChoiceField(
        label=_("Referral"), choices=_choices_with_blank(catalogue.Referral.choices),
        required=False,
    )
    icd10 = forms.RegexField(
        label=_("ICD-10 code"), regex=r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$", max_length=10,
        error_messages={"invalid": _("Enter an ICD-10 code such as O26.7.")},
    )

    class Meta:
        model = Consultation
        fields = (
            "kind", "seen_at",
            "onset_date", "onset_ga_weeks", "duration_weeks", "pain_regions", "aggravating",
            "sleep", "work_status", "sick_leave_percent", "usual_training", "risk_factors",
            "goals", "history_notes",
            "gait", "gait_note", "lumbar_movement", "repeated_movements", "lumbar_note",
            "neuro_strength", "neuro_sensation", "neuro_reflexes", "neuro_slr", "neuro_note",
            "painful_hip_rotation", "palpation_notes", "systolic", "diastolic", "temperature",
            "diagnosis", "subgroup", "icd10", "assessment_notes",
            "education_given", "treatments", "treatment_region", "treatment_notes",
            "pelvic_belt", "pelvic_belt_when", "satin_sheet", "activity_advice", "work_advice",
            "sick_leave_advice", "referral", "follow_up_on", "plan_notes",
        )
        widgets = {
            "onset_date": DATE_WIDGET,
            "follow_up_on": DATE_WIDGET,
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in ("usual_training", "goals", "history_notes", "palpation_notes",
                             "assessment_notes", "treatment_notes", "activity_advice",
                             "work_advice", "plan_notes")
            },
        }

    def __init__(self, *args, pregnancy, carried=None, previous_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pregnancy = pregnancy
        self.carried, self.previous_on = carried or {}, previous_on
        self.fields["confirmed_from_previous"].initial = ",".join(
            self.instance.confirmed_from_previous)
        for code, label in catalogue.YellowFlag.choices:
            self.fields[YELLOW_FLAG_PREFIX + code] = forms.ChoiceField(
                label=label, choices=catalogue.YesNoNotAsked.choices,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                initial=self.instance.yellow_flags.get(code, catalogue.YesNoNotAsked.NOT_ASKED),
            )
        self.fields["version"].initial = self.instance.version
        if not self.instance.pk:
            self.initial.setdefault("seen_at", timezone.localtime().replace(second=0, microsecond=0))
        else:
            self.initial["seen_at"] = timezone.localtime(self.instance.seen_at)

    def yellow_flag_fields(self):
        return [self[YELLOW_FLAG_PREFIX + code] for code in catalogue.YellowFlag.values]

    VISIT_PROBLEMS = {
        "before_pregnancy": _("The date lies before this pregnancy began (gestational age 0+0)."),
        "past_term_limit": _(
            "The date lies past 44+0 of this pregnancy. If she has given birth, enter the "
            "delivery date of the pregnancy first."
        ),
        "long_after_birth": _("The date lies more than %(years)s years after the birth."),
    }

    def clean_seen_at(self):
        seen_at = self.cleaned_data["seen_at"]
        if seen_at > timezone.now() + datetime.timedelta(minutes=15):
            raise forms.ValidationError(
                _("The consultation cannot be in the future."), code="future"
            )
        # Plain day counts: an absurd date already stored for her never makes this a 500.
        problem = gestation.visit_problem(
            edd=self.pregnancy.edd, delivery_date=self.pregnancy.delivery_date,
            on=timezone.localtime(seen_at).date(),
        )
        if problem:
            raise forms.ValidationError(self.VISIT_PROBLEMS[problem], code=problem,
                                        params={"years": gestation.MAX_YEARS_AFTER_BIRTH})
        return seen_at

    def clean_onset_ga_weeks(self):
        return _optional_bounded(self.cleaned_data.get("onset_ga_weeks"), 0, 44)

    def clean_duration_weeks(self):
        return _optional_bounded(self.cleaned_data.get("duration_weeks"), 0, 104)

    def clean_systolic(self):
        return _optional_bounded(self.cleaned_data.get("systolic"), 60, 250)

    def clean_diastolic(self):
        return _optional_bounded(self.cleaned_data.get("diastolic"), 30, 150)

    def clean_temperature(self):
        value = self.cleaned_data.get("temperature")
        if value is not None and not 34 <= value <= 42:
            raise forms.ValidationError(
                _("Enter a temperature from 34.0 to 42.0 °C."), code="out_of_range"
            )
        return value

    def clean(self):
        data = super().clean()
        seen_at = data.get("seen_at")
        day = timezone.localtime(seen_at).date() if seen_at else timezone.localdate()
        if data.get("onset_date") and data["onset_date"] > day:
            self.add_error("onset_date", forms.ValidationError(
                _("The onset cannot be after the consultation."), code="onset_future"
            ))
        elif data.get("onset_date"):
            earliest = gestation.years_before(day, gestation.MAX_ONSET_YEARS)
            self._check_range("onset_date", earliest, day)
        if data.get("follow_up_on") and data["follow_up_on"] < day:
            self.add_error("follow_up_on", forms.ValidationError(
                _("The follow-up date cannot be before the consultation."), code="follow_up_past"
            ))
        elif data.get("follow_up_on"):
            self._check_range("follow_up_on", day,
                              day + datetime.timedelta(days=gestation.MAX_FOLLOW_UP_DAYS))
        self._check_sick_leave(data)
        data["confirmed_from_previous"] = carry_forward.confirmed(
            carry_forward.parse_names(data.get("confirmed_from_previous")), self.carried, data)
        systolic, diastolic = data.get("systolic"), data.get("diastolic")
        if systolic and diastolic and diastolic >= systolic:
            self.add_error("diastolic", forms.ValidationError(
                _("The diastolic pressure must be lower than the systolic."), code="bp_order"
            ))
        if (systolic is None) != (diastolic is None) and not self.has_error("systolic") \
                and not self.has_error("diastolic"):
            self.add_error("systolic" if systolic is None else "diastolic", forms.ValidationError(
                _("Enter both the systolic and the diastolic pressure."), code="bp_pair"
            ))
        return data

    def _check_range(self, name, earliest, latest):
        try:
            check_date_range(self.cleaned_data[name], earliest, latest)
        except forms.ValidationError as error:
            self.add_error(name, error)

    def _check_sick_leave(self, data):
        percent = data.get("sick_leave_percent")
        if data.get("work_status") == Consultation.WorkStatus.PARTIAL:
            if percent is None or not 1 <= percent <= 99:
                self.add_error("sick_leave_percent", forms.ValidationError(
                    _("Enter the part on sick leave as a percentage from 1 to 99."),
                    code="percent_required",
                ))
        elif percent is not None:
            self.add_error("sick_leave_percent", forms.ValidationError(
                _("A percentage belongs only to partial sick leave."), code="percent_unexpected"
            ))

    def yellow_flags(self):
        return {
            code: self.cleaned_data.get(YELLOW_FLAG_PREFIX + code, catalogue.YesNoNotAsked.NOT_ASKED)
            for code in catalogue.YellowFlag.values
        }

    def save(self, commit=True):
        self.instance.yellow_flags = self.yellow_flags()
        confirmed = self.cleaned_data["confirmed_from_previous"]
        self.instance.confirmed_from_previous = confirmed
        self.instance.previous_visit_on = self.previous_on if confirmed else None
        return super().save(commit)


def _optional_bounded(value, low, high):
    if value is None:
        return None
    return _bounded(value, low, high)


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = Amendment
        fields = ("reason", "text")
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the amendment."), code="required")
        return text


class ConsultationForms:
    """The four forms of the consultation page, bound to the same POST. `previous` is her last
    visit before this one: its values are offered beside the fields, never filled in."""

    def __init__(self, data, consultation, previous=None):
        existing = consultation.pk is not None
        self.previous = previous
        self.carried = carry_forward.offers_from(previous)
        self.previous_on = timezone.localtime(previous.seen_at).date() if previous else None
        if previous is not None and not existing:
            consultation.kind = follow_up_kind(previous)
        self.main = ConsultationForm(data, instance=consultation, pregnancy=consultation.pregnancy,
                                     carried=self.carried, previous_on=self.previous_on)
        self.programme = ProgrammeFormSet(
            data, prefix="programme", choices=programme_choices(consultation, data),
            items=consultation.programme_items.all() if existing else (),
        )
        self.tests = PelvicTestForm(
            data, results=consultation.test_results.all() if existing else (), prefix="test",
            previous=previous.test_results.all() if previous else (),
        )
        self.pain = PainScoreFormSet(data, instance=consultation, prefix="pain",
                                     initial=None if existing else rescore(previous))
        if previous is not None and not existing:
            self.pain.extra = max(3, len(self.pain.initial_extra or []) + 1)
        self.flags = RedFlagForm(
            data, answers=consultation.red_flag_answers.all() if existing else (), prefix="flag"
        )

    def is_valid(self):
        valid = all([self.main.is_valid(), self.tests.is_valid(), self.pain.is_valid(),
                     self.flags.is_valid(), self.programme.is_valid()])
        if valid:
            self._confirm_programme()
        return valid

    def _confirm_programme(self):
        """The programme counts as taken over if it was, and is still last time's as a whole."""
        offer = self.carried.get(carry_forward.PROGRAMME)
        confirmed = self.main.cleaned_data["confirmed_from_previous"]
        asked = carry_forward.parse_names(self.main.data.get("confirmed_from_previous"))
        if offer is None or offer.name not in asked or offer.name in confirmed:
            return
        if offer.matches(self.programme.items(self.main.instance)):
            confirmed.append(offer.name)

    def errors(self):
        """Every error of the four forms, for logs and the demo loader."""
        return {
            "main": self.main.errors, "tests": self.tests.errors,
            "pain": [self.pain.non_form_errors(), *self.pain.errors],
            "flags": self.flags.errors,
            "programme": [self.programme.non_form_errors(), *self.programme.errors],
        }

    @property
    def previous_day(self):
        """The last visit's day as the hints show it ("12.11")."""
        return carry_forward.visit_day(self.previous_on, timezone.localdate())

    def support(self):
        """Decision support for what the page shows: the typed values; on opening, the saved
        record, or for a new consultation its empty fields (nothing is pre-filled)."""
        consultation = self.main.instance
        if not self.main.is_bound:
            if consultation.pk:
                return support_for_record(consultation, self.previous)
            return support_for_blank(consultation.pregnancy.stage_on(
                timezone.localtime(consultation.seen_at).date()))
        self.is_valid()
        seen_at = self.main.cleaned_data.get("seen_at") or consultation.seen_at
        return support_for_forms(
            form=self.main, tests_form=self.tests, pain_formset=self.pain,
            red_flag_form=self.flags,
            stage=consultation.pregnancy.stage_on(timezone.localtime(seen_at).date()),
            previous=self.previous,
        )

    def save(self, by):
        return save_consultation(
            form=self.main, tests_form=self.tests, pain_formset=self.pain,
            red_flag_form=self.flags, programme_formset=self.programme, support=self.support(),
            by=by, expected_version=self.main.cleaned_data["version"],
        )


def programme_choices(consultation, data=None):
    """The clinic's exercises for her programme, marked suitable and suggested for her now."""
    stage = consultation.pregnancy.stage_on(timezone.localtime(consultation.seen_at).date())
    regions = data.getlist("pain_regions") if data is not None else consultation.pain_regions
    return exercise_choices(
        Exercise.objects.for_clinic(consultation.clinic),
        trimester=gestation.trimester(stage.ga_days) if stage.kind == "pregnant" else None,
        postpartum=stage.kind == "postpartum",
        pain_regions=regions,
    )


class ReferralForm(forms.ModelForm):
    """Refer her pregnancy episode to a physiotherapy clinic in the system."""

    class Meta:
        model = Referral
        fields = ("to_clinic", "reason")
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, from_clinic, pregnancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.from_clinic, self.pregnancy = from_clinic, pregnancy
        self.fields["to_clinic"].queryset = Clinic.objects.filter(
            kind=Clinic.Kind.PHYSIOTHERAPY
        ).exclude(pk=from_clinic.pk)
        self.fields["to_clinic"].label = _("Physiotherapy clinic")

    def clean_to_clinic(self):
        clinic = self.cleaned_data["to_clinic"]
        open_referrals = Referral.objects.open().exclude(pk=self.instance.pk)
        if open_referrals.filter(pregnancy=self.pregnancy, to_clinic=clinic).exists():
            raise forms.ValidationError(
                _("She is already referred to this clinic."), code="already_referred"
            )
        return clinic


def follow_up_kind(previous):
    """A visit after an earlier one is a follow-up, or the postpartum visit after the birth."""
    if previous.pregnancy.is_ongoing:
        return Consultation.Kind.FOLLOW_UP
    return Consultation.Kind.POSTPARTUM


# A first visit's pain rows before anything is typed: worst in the last week and now on the
# 100 mm VAS, and a quick 0-10 rating after treatment (clinical brief 5.1: record each score's
# scale and context). Only the values are left to type; a row left without a value is not saved.
FIRST_VISIT_PAIN = (
    (catalogue.PainScale.VAS, catalogue.PainContext.WORST_WEEK),
    (catalogue.PainScale.VAS, catalogue.PainContext.NOW),
    (catalogue.PainScale.NRS, catalogue.PainContext.AFTER_TREATMENT),
)


def rescore(previous):
    """The same pain contexts and scales as last time (a first visit: FIRST_VISIT_PAIN), with
    the values left to fill in."""
    if previous is None:
        return [{"scale": scale, "context": context} for scale, context in FIRST_VISIT_PAIN]
    return [{"scale": s.scale, "context": s.context} for s in previous.pain_scores.all()]


class PeriodFormMixin:
    """A form with `date_from` and `date_to`: the end may not come before the start."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned


class HistoryFilterForm(PeriodFormMixin, forms.Form):
    """Narrow her change history to a period (local days) and to one person."""

    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    who = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False,
                                 empty_label=_("Everyone"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = people

    def filter(self, entries):
        """The history entries within the chosen local days, by the chosen person."""
        start, end = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        if start:
            entries = entries.filter(changed_at__gte=_local_midnight(start))
        if end:
            entries = entries.filter(changed_at__lt=_local_midnight(end + datetime.timedelta(days=1)))
        if self.cleaned_data.get("who"):
            entries = entries.filter(actor_id=self.cleaned_data["who"].pk)
        return entries


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
