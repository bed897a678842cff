"""A form that arrives blank on its page renders the same HTML every time in a language:
crispy-forms takes ~3 ms of CPU for two fields (issue 12), so it is rendered once per process
and language. Only for forms whose blank HTML depends on nothing else (no instance, initial
values or per-request choices); a bound form (with its errors) renders as usual."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.utils.translation import get_language

register = template.Library()
_RENDERED = {}


@register.filter
def crispy_blank(form):
    """`{{ form|crispy }}`, remembered while the form is blank."""
    instance = getattr(form, "instance", None)
    if form.is_bound or form.initial or (instance is not None and instance.pk is not None):
        return as_crispy_form(form)
    key = (type(form), form.prefix, get_language())
    if key not in _RENDERED:
        _RENDERED[key] = as_crispy_form(form)
    return _RENDERED[key]
