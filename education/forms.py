from pathlib import Path

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from assessments.rules import fear_phrases
from pgp_clinic.form_renderer import FAST_WIDGETS
from pgp_clinic.versioning import VersionedFormMixin

from .models import EducationTopic, Exercise, ProgrammeItem

MAX_PROGRAMME_ITEMS = 20
DOSAGE_FIELDS = ("sets", "reps", "hold_seconds", "times_per_day")


class ProgrammeItemForm(forms.Form):
    default_renderer = FAST_WIDGETS  # on the large consultation page (issue 12)
    """One exercise of her programme; empty dosage fields take the library's defaults."""

    exercise = forms.TypedChoiceField(label=_("Exercise"), coerce=int, empty_value=None,
                                      required=False)
    sets = forms.IntegerField(label=_("Sets"), required=False, min_value=1, max_value=10)
    reps = forms.IntegerField(label=_("Repetitions"), required=False, min_value=1, max_value=100)
    hold_seconds = forms.IntegerField(label=_("Hold (s)"), required=False, min_value=1,
                                      max_value=3600)
    times_per_day = forms.IntegerField(label=_("Times per day"), required=False, min_value=1,
                                       max_value=10)
    position = forms.IntegerField(label=_("Order"), required=False, min_value=0, max_value=99)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.library = {choice.exercise.pk: choice.exercise for choice in choices}
        field = self.fields["exercise"]
        field.choices = [("", "–")] + _grouped(choices)
        field.error_messages["invalid_choice"] = _("Choose an exercise from the list.")
        field.widget.attrs.update({"class": "form-select form-select-sm"})
        for name in (*DOSAGE_FIELDS, "position"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "numeric", "class": "form-control form-control-sm"}
            )
        self.fields["note"].widget.attrs.update({"class": "form-control form-control-sm"})

    def clean(self):
        data = super().clean()
        exercise = self.library.get(data.get("exercise"))
        if exercise is None:
            return data
        data["exercise"] = exercise
        for name in ("sets", "times_per_day"):
            if data.get(name) is None and name not in self.errors:
                data[name] = getattr(exercise, name)
        if data.get("reps") is None and data.get("hold_seconds") is None:
            data["reps"], data["hold_seconds"] = exercise.reps, exercise.hold_seconds
        if data.get("position") is None:
            data["position"] = 0
        return data


def _grouped(choices):
    suggested = [(c.exercise.pk, str(c.exercise)) for c in choices if c.suggested]
    others = [(c.exercise.pk, str(c.exercise)) for c in choices if c.suitable and not c.suggested]
    unsuitable = [(c.exercise.pk, _("%(title)s – not suitable now") % {"title": c.exercise})
                  for c in choices if not c.suitable]
    groups = [(_("Suggested for her"), suggested), (_("Other exercises"), others),
              (_("Not suitable at this stage"), unsuitable)]
    return [(label, options) for label, options in groups if options]


class BaseProgrammeFormSet(forms.BaseFormSet):
    """Her programme rows; the first forms show the saved items in their order, so a row's
    place among the initial forms is the identity of the item it shows."""

    def __init__(self, *args, choices=(), items=(), **kwargs):
        self.choices = choices
        self.shown_items = list(items)
        kwargs.setdefault("initial", [
            {"exercise": item.exercise_id, "position": item.position, "note": item.note,
             **{name: getattr(item, name) for name in DOSAGE_FIELDS}}
            for item in self.shown_items
        ])
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "choices": self.choices}

    def items(self, consultation):
        """The chosen exercises in her order, as unsaved ProgrammeItem rows; a row showing
        one of this consultation's saved items carries that item's primary key (items carried
        over from the last visit are new rows here)."""
        own = [item.pk if item.consultation_id == consultation.pk else None
               for item in self.shown_items]
        rows = [
            (own[index] if index < min(len(own), self.initial_form_count()) else None,
             form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.cleaned_data.get("exercise") and not form.cleaned_data.get("DELETE")
        ]
        rows.sort(key=lambda row: row[1]["position"])
        return [
            ProgrammeItem(pk=pk, consultation=consultation, exercise=row["exercise"],
                          position=number, note=row["note"],
                          **{name: row[name] for name in DOSAGE_FIELDS})
            for number, (pk, row) in enumerate(rows)
        ]


ProgrammeFormSet = forms.formset_factory(
    ProgrammeItemForm,
    formset=BaseProgrammeFormSet,
    extra=3,
    can_delete=True,
    max_num=MAX_PROGRAMME_ITEMS,
    validate_max=True,
)


TEXT_FIELDS_DA = ("title_da", "purpose_da", "start_position_da", "instructions_da", "caution_da",
                  "body_da")
TEXT_FIELDS_EN = ("title_en", "purpose_en", "start_position_en", "instructions_en", "caution_en",
                  "body_en")


class CalmWordingMixin:
    """Library texts reach her handouts: refuse the fear-inducing phrases (rule R9)."""

    def clean(self):
        data = super().clean()
        for names, language in ((TEXT_FIELDS_DA, "da"), (TEXT_FIELDS_EN, "en")):
            for name in names:
                hits = fear_phrases(data.get(name) or "", language) if name in data else []
                if hits:
                    alternative = hits[0].alternative_da if language == "da" else hits[0].alternative_en
                    self.add_error(name, forms.ValidationError(
                        _("“%(phrase)s” can make her afraid of moving. Try instead: %(alternative)s"),
                        code="fear_phrase",
                        params={"phrase": hits[0].matched, "alternative": alternative},
                    ))
        return data


def illustration_choices():
    folder = Path(settings.BASE_DIR) / "static" / "education" / "exercises"
    return [("", "–")] + [(path.name, path.stem.replace("-", " ")) for path in
                          sorted(folder.glob("*.svg"))]


class ExerciseForm(VersionedFormMixin, CalmWordingMixin, forms.ModelForm):
    regions = forms.MultipleChoiceField(
        label=_("Suits"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("posterior", _("Pain at the back of the pelvis")),
                 ("anterior", _("Pain at the front of the pelvis")),
                 ("general", _("Everyone"))],
    )

    class Meta:
        model = Exercise
        fields = (
            "title_da", "title_en", "category", "purpose_da", "purpose_en", "start_position_da",
            "start_position_en", "instructions_da", "instructions_en", "caution_da", "caution_en",
            "sets", "reps", "hold_seconds", "times_per_day", "first_trimester",
            "second_trimester", "third_trimester", "postpartum", "long_supine", "regions",
            "illustration",
        )
        widgets = {"instructions_da": forms.Textarea(attrs={"rows": 4}),
                   "instructions_en": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["illustration"] = forms.ChoiceField(
            label=_("Illustration"), choices=illustration_choices(), required=False
        )
        limits = {"sets": (1, 10), "reps": (1, 100), "hold_seconds": (1, 3600),
                  "times_per_day": (1, 10)}
        for name, (low, high) in limits.items():
            self.fields[name].min_value, self.fields[name].max_value = low, high
            self.fields[name].validators += [MinValueValidator(low), MaxValueValidator(high)]

    def clean(self):
        data = super().clean()
        if not data.get("reps") and not data.get("hold_seconds") and not self.has_error("reps"):
            self.add_error("reps", forms.ValidationError(
                _("Give repetitions, a hold time or both."), code="dosage_required"
            ))
        return data


class TopicForm(VersionedFormMixin, CalmWordingMixin, forms.ModelForm):
    class Meta:
        model = EducationTopic
        fields = ("title_da", "title_en", "body_da", "body_en")
        widgets = {"body_da": forms.Textarea(attrs={"rows": 10}),
                   "body_en": forms.Textarea(attrs={"rows": 10})}
