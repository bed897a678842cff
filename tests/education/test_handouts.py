"""The handouts as the woman gets them: PDF text checked with pypdf."""

from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from consultations.demo import load_demo
from education.models import EducationTopic
from education.handouts import render_handout_pdf


def text_of(pdf):
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def flat(text):
    return " ".join(text.split())


@pytest.fixture
def seed_visit(db):
    seed = load_demo()
    return seed.consultations.filter(clinic=seed.clinic).get()


def test_danish_programme_has_her_name_clinic_exercises_dosage_and_topics(seed_visit):
    pdf = render_handout_pdf(seed_visit, "programme", "da")
    text, pages = text_of(pdf)
    text = flat(text)
    assert "Camilla Holm" in text
    assert "Lægerne i Søndergade" in text and "86 12 34 56" in text
    with translation.override("da"):
        for item in seed_visit.programme_items.all():
            assert item.exercise.title_da in text
            assert flat(item.dosage_text()) in text
        topics = {t.key_message: t for t in EducationTopic.objects.all()}
        for code in seed_visit.education_given:
            assert topics[code].title_da in text
    assert topics["seek_help"].title_da in text  # the "seek help at once" box
    for letter in "æøå":
        assert letter in text, letter
    assert len(pdf) < 500 * 1024
    assert pages <= 8


def test_english_programme_is_in_english(seed_visit):
    text, _pages = text_of(render_handout_pdf(seed_visit, "programme", "en"))
    text = flat(text)
    with translation.override("en"):
        for item in seed_visit.programme_items.all():
            assert item.exercise.title_en in text
            assert flat(item.dosage_text()) in text
    assert "Your home exercises" in text
    assert "Dine øvelser" not in text and "gange om dagen" not in text


@pytest.mark.parametrize("language", ["da", "en"])
def test_summary_and_referral_carry_the_findings(seed_visit, language):
    summary, _ = text_of(render_handout_pdf(seed_visit, "summary", language))
    referral, _ = text_of(render_handout_pdf(seed_visit, "referral", language))
    stage = seed_visit.stage.ga
    assert stage in flat(summary) and stage in flat(referral)
    assert "NRS 8" in flat(referral)
    assert seed_visit.patient.cpr_display in flat(referral)
    with translation.override(language):
        from assessments.catalogue import SUBGROUP_PATIENT_LABELS, Subgroup

        neutral = str(SUBGROUP_PATIENT_LABELS[Subgroup.DOUBLE_SIDED_SIJ])
    assert neutral in flat(summary)  # the woman reads the summary: neutral words only
