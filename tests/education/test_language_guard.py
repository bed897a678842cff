"""Rule R9: nothing the app prints may use the fear-inducing phrases (clinical brief §10.3)."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from assessments import catalogue
from assessments.rules import fear_phrases
from consultations.demo import consultation_form_data
from education import library_content

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


def test_the_guard_itself_finds_the_phrases():
    assert fear_phrases("Du bør undgå trapper og tage små skridt", "da")
    assert fear_phrases("Avoid stairs and take small steps; loose joints.", "en")
    assert fear_phrases("Hun har bækkenløsning", "da")
    assert not fear_phrases("Du må gerne gå på trapper i dit eget tempo", "da")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_uses_a_fear_inducing_phrase(template):
    text = template.read_text(encoding="utf-8")
    assert fear_phrases(text) == []


def test_no_library_text_uses_a_fear_inducing_phrase():
    for entry in [*library_content.EXERCISES, *library_content.TOPICS]:
        for key, value in entry.items():
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                if isinstance(text, str) and key.endswith(("_da", "_en")):
                    assert fear_phrases(text, key[-2:]) == [], (entry["slug"], key)


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_translated_patient_label_uses_a_fear_inducing_phrase(language):
    with translation.override(language):
        labels = [str(label) for label in catalogue.SUBGROUP_PATIENT_LABELS.values()]
        labels += [str(label) for _code, label in catalogue.KeyMessage.choices]
    for label in labels:
        assert fear_phrases(label, language) == [], label


def test_the_danish_catalogue_has_no_fear_inducing_translation():
    po = (ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    msgstrs = [line for line in po.splitlines() if line.startswith("msgstr")]
    assert [line for line in msgstrs if fear_phrases(line, "da")] == []


def test_plan_text_with_a_fear_phrase_shows_a_gentle_alternative(alice_client, patient):
    response = alice_client.post(
        reverse("consultations:consultation_support", args=[patient.public_id]),
        consultation_form_data(activity_advice="Undgå trapper og tag små skridt."),
    )
    page = response.content.decode()
    assert 'data-testid="language-warning"' in page
    assert "Du må gerne gå på trapper" in page
