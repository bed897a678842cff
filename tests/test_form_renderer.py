"""The fast widget renderer (pgp_clinic/form_renderer.py) gives byte for byte the HTML of
Django's widget templates: the consultation page (a new one with her last visit's values
offered, and a saved draft with errors), rendered both ways."""

import re

import pytest
from django.forms.renderers import DjangoTemplates
from django.urls import reverse

from consultations.demo import consultation_form_data
from pgp_clinic.form_renderer import FastWidgets

from .factories import make_consultation, make_patient, make_pregnancy

# Per request: the CSRF token's mask and the CSP nonce.
VARYING = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+|(nonce=")[^"]+')


def both_ways(monkeypatch, get):
    fast = VARYING.sub(r"\1\2", get().content.decode())
    monkeypatch.setattr(FastWidgets, "render", DjangoTemplates.render)
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
    data = consultation_form_data(pain=[("nrs", "now", 14)], systolic="900",
                                  plan_notes='"<b>quoted</b>" & more')
    fast, django = both_ways(monkeypatch, lambda: alice_client.post(url, data))
    assert "is-invalid" in fast and "&lt;b&gt;" in fast
    assert fast == django


def test_the_edit_page_of_a_draft_is_the_same_html(alice_client, woman, monkeypatch):
    draft = woman.consultations.get()
    url = reverse("consultations:consultation_edit", args=[draft.public_id])
    fast, django = both_ways(monkeypatch, lambda: alice_client.get(url))
    assert fast == django
