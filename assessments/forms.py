"""Forms for the coded parts of a consultation: pelvic tests, pain scores, red flags."""

import csv
import datetime
import json

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pgp_clinic.form_renderer import FAST_WIDGETS

from .catalogue import (
    PELVIC_TESTS,
    PGQ_TOPICS,
    RED_FLAGS,
    AslrScore,
    PainContext,
    PainScale,
    PelvicTest,
    RedFlagStatus,
    allowed_results,
)
from .models import PainScore, PelvicTestResult, PgqWording, RedFlagAnswer
from .scoring import ACTIVITY_ITEMS, SYMPTOM_ITEMS

SMALL_SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})
# Lazy labels: an f-string here would fix the language of whoever imported the module first.
ASLR_CHOICES = [("", "–")] + [(str(s.value), format_lazy("{} – {}", s.value, s.label))
                              for s in AslrScore]
ASLR_FIELDS = {
    "aslr_left": ("left", "aslr_score"),
    "aslr_right": ("right", "aslr_score"),
    "aslr_compression_left": ("left", "aslr_compression_score"),
    "aslr_compression_right": ("right", "aslr_compression_score"),
}


def _test_field_name(test, side):
    return f"{test}_{side}"


class PelvicTestForm(forms.Form):
    default_renderer = FAST_WIDGETS  # on the large consultation page (issue 12)
    """The European-guideline pelvic tests, one result per test and side; ASLR 0–5 per side."""

    def __init__(self, *args, results=(), previous=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = {(row.test, row.side): row for row in previous}
        for test, info in PELVIC_TESTS.items():
            if test == PelvicTest.ASLR:
                continue
            choices = [("", "–")] + [(r.value, r.label) for r in allowed_results(test)]
            for side in info.sides:
                self.fields[_test_field_name(test, side)] = forms.ChoiceField(
                    label=f"{test.label} ({side.label.lower()})", choices=choices, required=False,
                    widget=SMALL_SELECT,
                )
        for name, (side, _attr) in ASLR_FIELDS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=name, choices=ASLR_CHOICES, coerce=int, empty_value=None, required=False,
                widget=SMALL_SELECT,
            )
        for row in results:
            if row.test == PelvicTest.ASLR:
                for name, (side, attr) in ASLR_FIELDS.items():
                    if side == row.side and getattr(row, attr) is not None:
                        self.initial[name] = str(getattr(row, attr))
            else:
                self.initial[_test_field_name(row.test, row.side)] = row.result

    def rows(self):
        """Test layout: (test, info, [(bound field, last result) per side]); at a follow-up the
        tests that were positive last time come first."""
        rows = [
            (test, info, [(self[_test_field_name(test, side)], self.previous.get((test, side)))
                          for side in info.sides])
            for test, info in PELVIC_TESTS.items()
            if test != PelvicTest.ASLR
        ]
        return sorted(rows, key=lambda row: not any(
            last is not None and last.result == "positive_familiar" for _field, last in row[2]
        ))

    def previous_aslr(self, side):
        row = self.previous.get((PelvicTest.ASLR, side))
        return row.aslr_score if row else None

    def result_rows(self):
        """(test, side, result) codes of the recorded tests, for the decision rules."""
        data = self.cleaned_data
        return tuple(
            (test.value, side.value, data[_test_field_name(test, side)])
            for test, info in PELVIC_TESTS.items()
            if test != PelvicTest.ASLR
            for side in info.sides
            if data.get(_test_field_name(test, side))
        )

    def build_results(self, consultation):
        """Unsaved PelvicTestResult rows for everything recorded on the form."""
        built = [
            PelvicTestResult(consultation=consultation, test=test, side=side, result=result)
            for test, side, result in self.result_rows()
        ]
        for side in ("left", "right"):
            score = self.cleaned_data.get(f"aslr_{side}")
            compression = self.cleaned_data.get(f"aslr_compression_{side}")
            if score is not None or compression is not None:
                built.append(PelvicTestResult(
                    consultation=consultation, test=PelvicTest.ASLR, side=side,
                    aslr_score=score, aslr_compression_score=compression,
                ))
        return built

    def clean(self):
        data = super().clean()
        for side in ("left", "right"):
            if data.get(f"aslr_compression_{side}") is not None and data.get(f"aslr_{side}") is None:
                self.add_error(f"aslr_{side}", forms.ValidationError(
                    _("Score the ASLR without compression first."), code="aslr_order"
                ))
        return data


class PainScoreForm(forms.ModelForm):
    default_renderer = FAST_WIDGETS
    value = forms.IntegerField(label=_("Value"), required=False)

    class Meta:
        model = PainScore
        fields = ("scale", "context", "value")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].choices = [("", "–")] + list(PainScale.choices)
        self.fields["context"].choices = [("", "–")] + list(PainContext.choices)
        self.fields["value"].widget.attrs.update(
            {"min": 0, "max": 100, "inputmode": "numeric", "class": "form-control form-control-sm"}
        )
        for name in ("scale", "context"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def has_changed(self):
        """A new row counts once a value is typed: the rows come with a scale and context set
        (a first visit's usual ones, or last time's), so those alone are a blank row."""
        if self.instance.pk:
            return super().has_changed()
        return bool(self.data.get(self.add_prefix("value"), "").strip())

    def clean(self):
        data = super().clean()
        scale, value, context = data.get("scale"), data.get("value"), data.get("context")
        if value is None and "value" not in self.errors:
            self.add_error("value", forms.ValidationError(_("Enter the score."), code="required"))
        if not context and "context" not in self.errors:
            self.add_error("context", forms.ValidationError(
                _("Choose when the pain is scored."), code="required"
            ))
        if scale and value is not None:
            top = PainScale(scale).max_value
            if not 0 <= value <= top:
                message = (
                    _("NRS is scored from 0 to 10.") if scale == PainScale.NRS
                    else _("VAS is measured from 0 to 100 mm.")
                )
                self.add_error("value", forms.ValidationError(message, code="out_of_range"))
        return data


class BasePainScoreFormSet(forms.BaseInlineFormSet):
    def save_in_place(self):
        """Save through the formset's own bookkeeping: a saved score left as it was keeps its
        row untouched, a changed one is updated, a ticked one deleted, a filled-in extra row
        inserted after the others; blank extra rows are ignored. A fixed number of queries.
        Returns whether any row was written."""
        self.save(commit=False)  # sorts the forms into new, changed and deleted objects
        if self.deleted_objects:
            PainScore.objects.filter(pk__in=[score.pk for score in self.deleted_objects]).delete()
        changed = [score for score, _fields in self.changed_objects]
        if changed:
            PainScore.objects.bulk_update(changed, ["scale", "context", "value"])
        kept = [form.instance.position for form in self.initial_forms
                if form.instance.pk and form.instance not in self.deleted_objects]
        for number, score in enumerate(self.new_objects, start=max(kept, default=-1) + 1):
            score.position = number
        if self.new_objects:
            PainScore.objects.bulk_create(self.new_objects)
        return bool(self.deleted_objects or changed or self.new_objects)


PainScoreFormSet = forms.inlineformset_factory(
    parent_model=PainScore._meta.get_field("consultation").related_model,
    model=PainScore,
    form=PainScoreForm,
    formset=BasePainScoreFormSet,
    extra=3,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class RedFlagForm(forms.Form):
    default_renderer = FAST_WIDGETS
    """Each red-flag item: absent / present / not asked, with the action when present."""

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        for code, info in RED_FLAGS.items():
            self.fields[code.value] = forms.ChoiceField(
                label=info.label,
                choices=RedFlagStatus.choices,
                initial=RedFlagStatus.NOT_ASKED,
                widget=forms.RadioSelect,
            )
            self.fields[f"{code.value}_action"] = forms.CharField(
                label=_("Action taken"), required=False, max_length=2000
            )
        for answer in answers:
            self.initial[answer.flag] = answer.status
            self.initial[f"{answer.flag}_action"] = answer.action_taken

    def items(self):
        """(info, status field, action field) per flag, for the template."""
        return [
            (info, self[code.value], self[f"{code.value}_action"])
            for code, info in RED_FLAGS.items()
        ]

    def answers(self):
        """{flag: (status, action)} from valid data."""
        data = self.cleaned_data
        return {
            code.value: (data[code.value], data.get(f"{code.value}_action", "").strip())
            for code in RED_FLAGS
            if code.value in data
        }

    def build_answers(self, consultation):
        return [
            RedFlagAnswer(consultation=consultation, flag=flag, status=status, action_taken=action)
            for flag, (status, action) in self.answers().items()
        ]


PGQ_CHOICES = [("", "–"), ("na", _("Not applicable")), ("0", "0"), ("1", "1"), ("2", "2"),
               ("3", "3")]
PGQ_ITEM_CHOICES = PGQ_CHOICES[1:]  # a radio per answer; none chosen is a missing answer


# Her PGQ tells how she is around the visit: filled in at most four weeks before it
# (docs/clinical-rules.md, D1).
PGQ_BEFORE_VISIT_DAYS = 28


class PgqForm(forms.Form):
    """The 25 item scores from her paper form (0 = not at all … 3 = to a large extent)."""

    filled_on = forms.DateField(label=_("Filled in on"),
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, today, visit_day, wording=None, **kwargs):
        """wording: the clinic's licensed item texts ({"1": text, …}) when loaded; else each
        item is named by our short topic."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.earliest = visit_day - datetime.timedelta(days=PGQ_BEFORE_VISIT_DAYS)
        self.wording = wording
        self.initial.setdefault("filled_on", today)
        for number in range(1, 26):
            self.fields[f"item_{number}"] = forms.ChoiceField(
                label=_("Item %(number)s") % {"number": number}, choices=PGQ_ITEM_CHOICES,
                required=False, widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )

    def clean_filled_on(self):
        filled_on = self.cleaned_data["filled_on"]
        if filled_on > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        if filled_on < self.earliest:
            raise forms.ValidationError(
                _("Enter a date from %(earliest)s on: the questionnaire tells how she is around "
                  "the visit."), code="too_early", params={"earliest": self.earliest.isoformat()},
            )
        return filled_on

    def items(self):
        """{item number: score or None} — empty and "not applicable" are both None."""
        values = {}
        for number in range(1, 26):
            raw = self.cleaned_data.get(f"item_{number}")
            values[number] = int(raw) if raw not in ("", "na", None) else None
        return values

    def _rows(self, numbers):
        """(number, what the item is about, bound field) for the entry table."""
        return [(n, self.wording.get(str(n), "") if self.wording else PGQ_TOPICS[n],
                 self[f"item_{n}"]) for n in numbers]

    def activity_rows(self):
        return self._rows(ACTIVITY_ITEMS)

    def symptom_rows(self):
        return self._rows(SYMPTOM_ITEMS)


PGQ_ITEM_COUNT = 25
PGQ_WORDING_MAX_BYTES = 100_000
PGQ_ITEM_TEXT_MAX = 300


class PgqWordingForm(forms.Form):
    """The licensed PGQ wording in one language, from a JSON or CSV file the clinic holds.

    JSON: {"1": "…", …, "25": "…"} or [{"id": 1, "text": "…"}, …]. CSV: two columns, the item
    number and its text, with or without a header row. Exactly 25 items, numbered 1–25, each
    with a text."""

    language = forms.ChoiceField(label=_("Language of the wording"),
                                 choices=PgqWording.Language.choices)
    file = forms.FileField(label=_("File (JSON or CSV)"),
                           help_text=_("25 items, numbered 1–25, each with its text."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > PGQ_WORDING_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 100 kB)."), code="size")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be UTF-8 text."), code="encoding") from None
        name = (upload.name or "").lower()
        pairs = _pairs_from_json(text) if name.endswith(".json") or text.lstrip()[:1] in "[{" \
            else _pairs_from_csv(text)
        return _validated_items(pairs)


def _pairs_from_json(text):
    try:
        data = json.loads(text)
    except ValueError:
        raise forms.ValidationError(_("The file is not valid JSON."), code="json") from None
    if isinstance(data, dict):
        return list(data.items())
    if isinstance(data, list) and all(isinstance(row, dict) for row in data):
        return [(row.get("id"), row.get("text")) for row in data]
    raise forms.ValidationError(
        _("Use an object of item number → text, or a list of {\"id\", \"text\"}."), code="shape")


def _pairs_from_csv(text):
    try:
        rows = [row for row in csv.reader(text.splitlines()) if any(cell.strip() for cell in row)]
    except csv.Error:
        raise forms.ValidationError(_("The file is not valid CSV."), code="csv") from None
    if rows and not rows[0][0].strip().isdigit():
        rows = rows[1:]  # a header row
    if any(len(row) != 2 for row in rows):
        raise forms.ValidationError(
            _("Each CSV row needs two columns: the item number and its text."), code="columns")
    return [(row[0], row[1]) for row in rows]


def _validated_items(pairs):
    items, problems = {}, []
    for raw_id, raw_text in pairs:
        number = _item_number(raw_id)
        if number is None:
            problems.append(_("“%(id)s” is not an item number from 1 to 25.") % {"id": str(raw_id)[:20]})
            continue
        if number in items:
            problems.append(_("Item %(number)s appears twice.") % {"number": number})
            continue
        text = raw_text.strip() if isinstance(raw_text, str) else ""
        if not text:
            problems.append(_("Item %(number)s has no text.") % {"number": number})
        elif len(text) > PGQ_ITEM_TEXT_MAX:
            problems.append(_("Item %(number)s is longer than %(max)s characters.")
                            % {"number": number, "max": PGQ_ITEM_TEXT_MAX})
        items[number] = text
    missing = [str(n) for n in range(1, PGQ_ITEM_COUNT + 1) if n not in items]
    if missing:
        problems.append(_("Items missing: %(numbers)s.") % {"numbers": ", ".join(missing)})
    if problems:
        raise forms.ValidationError(problems[:10], code="items")
    return {str(number): items[number] for number in sorted(items)}


def _item_number(raw):
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and raw.strip().isdigit():
        number = int(raw.strip())
    else:
        return None
    return number if 1 <= number <= PGQ_ITEM_COUNT else None
