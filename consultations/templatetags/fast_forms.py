"""`{{ field|fast_crispy_field }}`: crispy-forms' `as_crispy_field`, the same HTML, built in
Python for the plain fields of the consultation page (pgp_clinic/form_renderer.py)."""

from django import template

from pgp_clinic import form_renderer

register = template.Library()


@register.filter
def fast_crispy_field(field):
    return form_renderer.crispy_field(field)
