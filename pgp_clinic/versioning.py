"""Optimistic version checks: a save from a form opened before someone else's save is refused
(409, both versions shown), never written over the other clinician's work.

Every editable record has a `version` integer; its form carries it in a hidden field
(VersionedFormMixin). A save locks the row, compares and takes the next number in one
transaction (claim_version). The 409 page lists the fields where what is saved now differs
from what she typed (conflict_rows); her typed values stay in the form, with the current
version, so a second save is a deliberate choice.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the record since this form was opened."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current


class VersionedFormMixin:
    """A ModelForm with the hidden `version` of the row it was opened on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=self.instance.version
        )

    @property
    def expected_version(self):
        return self.cleaned_data.get("version")


def claim_version(instance, expected_version):
    """Lock the stored row and give `instance` the next version number, or raise EditConflict
    with the stored row when it is no longer the version the form was opened on. A new row
    (no pk) has nothing to check. Call inside transaction.atomic."""
    if instance.pk is None:
        return
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected_version != current.version:
        raise EditConflict(current)
    instance.version = current.version + 1


@transaction.atomic
def save_versioned(form, *, also=()):
    """Save a validated ModelForm under the next version, or raise EditConflict. Only the
    form's own fields (and `also`) are written: a column another action keeps up to date
    meanwhile (e.g. a patient's last visit) is not put back to what it was."""
    instance = form.save(commit=False)
    claim_version(instance, form.expected_version)
    if instance._state.adding:
        instance.save()
    else:
        names = {f.name for f in instance._meta.concrete_fields} & set(form.cleaned_data)
        instance.save(update_fields=[*sorted(names - {"version"}), *also, "version"])
    form.save_m2m()
    return instance


def conflict_for(form, current, saved_form):
    """What the 409 page shows. Her form keeps what she typed and takes the stored version,
    so saving it again is her deliberate choice."""
    rows = conflict_rows(form, saved_form)
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(current.version)
    return {"current": current, "rows": rows}


def conflict_rows(form, saved_form):
    """(label, saved now, what she typed) for each field where the two differ; `form` is her
    validated form, `saved_form` an unbound form of the same kind on the stored row."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        saved = saved_form[name].initial
        if field.has_changed(saved, form[name].value()):
            typed = form.cleaned_data[name]
            rows.append((field.label or name, _text(field, saved), _text(field, typed)))
    return rows


def _text(field, value):
    if value in (None, "", [], ()):
        return "–"
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        labels = dict(field.choices)
        return str(labels.get(value, labels.get(str(value), value)))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
