"""A form that arrives blank on its page renders the same HTML every time in a language:
crispy-forms takes ~3 ms of CPU for two fields (issue 12), so it is rendered once per process
and language. Only for forms whose blank HTML depends on nothing else (no instance, initial
values, or, for a whole form, per-request choices); a bound form (with its errors) renders as
usual. A single field of a form (`{{ form.reason|crispy_blank }}`) may be remembered even
when the form's other fields have per-request choices."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import template
from django.forms import BoundField
from django.utils.translation import get_language

register = template.Library()
_RENDERED = {}


@register.filter
def crispy_blank(form_or_field):
    """`{{ form|crispy }}` or `{{ form.field|as_crispy_field }}`, remembered while blank."""
    field = form_or_field if isinstance(form_or_field, BoundField) else None
    form = field.form if field else form_or_field
    render = (lambda: as_crispy_field(field)) if field else (lambda: as_crispy_form(form))
    instance = getattr(form, "instance", None)
    if form.is_bound or form.initial or (instance is not None and instance.pk is not None):
        return render()
    key = (type(form), form.prefix, field.name if field else None, get_language())
    if key not in _RENDERED:
        _RENDERED[key] = render()
    return _RENDERED[key]


def blank_field(form_class, name, build):
    """The HTML of a field of a form that is never bound where it is shown, as
    `{{ form.name|crispy_blank }}` gives it, without building the form again once it has been
    rendered (`build()` makes the form: ~0.3–0.6 ms of CPU for a ModelForm, on every request
    of her page for her referral's reason, docs/performance.md)."""
    key = (form_class, None, name, get_language())
    if key in _RENDERED:
        return _RENDERED[key]
    return crispy_blank(build()[name])
