"""The fast widget renderer and the fast crispy field (pgp_clinic/form_renderer.py) give byte
for byte the HTML of Django's widget templates and crispy-forms' field templates: the
consultation page (a new one with her last visit's values offered, a refused save with its
errors, and a saved draft), rendered both ways."""

import re

import pytest
from django.forms.renderers import DjangoTemplates
from django.urls import reverse

from consultations.demo import consultation_form_data
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

from pgp_clinic import form_renderer
from pgp_clinic.form_renderer import FastWidgets

from .factories import make_consultation, make_patient, make_pregnancy

# Per request: the CSRF token's mask and the CSP nonce.
VARYING = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+|(nonce=")[^"]+')


def both_ways(monkeypatch, get):
    fast = VARYING.sub(r"\1\2", get().content.decode())
    monkeypatch.setattr(FastWidgets, "render", DjangoTemplates.render)
    monkeypatch.setattr(form_renderer, "crispy_field", as_crispy_field)
    django = VARYING.sub(r"\1\2", get().content.decode())
    monkeypatch.undo()
    return fast, django


@pytest.fixture
def woman(clinic, alice):
    patient = make_patient(clinic, first_name="Ida", last_name="Krog")
    pregnancy = make_pregnancy(patient, ga="30+0")
    make_consultation(patient, pregnancy, alice)
    return patient


def test_the_new_consultation_page_is_the_same_html(alice_client, woman, monkeypatch):
    url = reverse("consultations:consultation_create", args=[woman.public_id])
    fast, django = both_ways(monkeypatch, lambda: alice_client.get(url))
    assert "<select" in fast and 'type="radio"' in fast and "<option" in fast
    assert fast == django


def test_a_refused_save_is_the_same_html(alice_client, woman, monkeypatch):
    url = reverse("consultations:consultation_create", args=[woman.public_id])
    # Errors on a number, a select and a group of checkboxes (crispy's three error layouts).
    data = consultation_form_data(pain=[("nrs", "now", 14)], systolic="900", sleep="x",
                                  pain_regions=["nowhere"], plan_notes='"<b>quoted</b>" & more')
    fast, django = both_ways(monkeypatch, lambda: alice_client.post(url, data))
    assert "is-invalid" in fast and "&lt;b&gt;" in fast
    assert all(f'id="id_{name}_error"' in fast for name in ("systolic", "sleep", "pain_regions"))
    assert fast == django


def test_the_edit_page_of_a_draft_is_the_same_html(alice_client, woman, monkeypatch):
    draft = woman.consultations.get()
    url = reverse("consultations:consultation_edit", args=[draft.public_id])
    fast, django = both_ways(monkeypatch, lambda: alice_client.get(url))
    assert fast == django
