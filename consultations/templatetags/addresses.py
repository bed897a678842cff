"""`{% address "app:view" arg … %}`: what `{% url %}` gives, for a view whose arguments are ids
and slugs, without a full reverse() each (pgp_clinic/links.py; issue 12: a page of hers has a
dozen such links, ~0.05 ms of CPU each)."""

from django import template

from pgp_clinic.links import address as _address

register = template.Library()


@register.simple_tag
def address(viewname, *args):
    return _address(viewname, *args)
