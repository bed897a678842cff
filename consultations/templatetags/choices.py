"""A field's choice label for a row: `{{ visit|display:"kind" }}` is `visit.get_kind_display()`.

Django's get_FOO_display() builds a dict of all the field's choices on every call, hashing
each (value, label) pair and so translating every label; the dashboard calls it ~30 times a
request, ~200 translations for nothing (docs/performance.md). Here the dict of value to
label is built once per field; the label stays lazy, so each row is still shown in the
request's language.
"""

from django import template
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

register = template.Library()
_labels = {}


@register.filter
def display(row, name):
    field = row._meta.get_field(name)
    labels = _labels.get(field)
    if labels is None:
        labels = _labels[field] = {make_hashable(value): label
                                   for value, label in field.flatchoices}
    value = getattr(row, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)
