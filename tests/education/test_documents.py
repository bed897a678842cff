"""The documents a GP files and hands over, read back as a reader would (issue 15.5): the
summary on one page with her findings, the progress report with a conclusion first and
labelled axes, and the exercise handout packed without splitting an exercise."""

from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from assessments.models import PelvicTestResult
from clinics.models import Clinic
from consultations.demo import PHYSIO_CLINIC, load_demo
from consultations.progress_views import render_progress_pdf
from education.handouts import render_handout_pdf


def pages_of(pdf):
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


@pytest.fixture
def seed(db):
    return load_demo()


@pytest.fixture
def seed_visit(seed):
    return seed.consultations.filter(clinic=seed.clinic).get()


@pytest.mark.parametrize(("language", "words"), [
    ("da", {"positive": "venstre positiv, kendt smerte", "ga": "GA 29+2", "cpr": "CPR",
            "aslr": "ASLR (0–5 pr. side): venstre 2, højre 2", "pain": "NRS 8 (0–10)"}),
    ("en", {"positive": "left positive, familiar pain", "ga": "GA 29+2", "cpr": "CPR",
            "aslr": "ASLR (0–5 per side): left 2, right 2", "pain": "NRS 8 (0–10)"}),
])
def test_the_summary_has_her_findings_assessment_plan_and_programme_on_one_page(
    seed_visit, language, words
):
    pages = pages_of(render_handout_pdf(seed_visit, "summary", language))
    assert len(pages) == 1
    text = pages[0]
    patient = seed_visit.patient
    assert patient.full_name in text and patient.cpr_display in text
    for expected in words.values():
        assert expected in text, expected
    with translation.override(language):
        assert str(seed_visit.get_sick_leave_advice_display()).lower() in text.lower()
        for item in seed_visit.programme_items.all():
            assert f"{item.exercise}: {' '.join(item.dosage_text().split())}" in text
        from consultations.templatetags.pregnancy import choice_label

        assert str(choice_label(seed_visit, "diagnosis")) in text


def test_a_test_not_performed_is_left_out_of_the_summary(seed_visit):
    PelvicTestResult.objects.filter(consultation=seed_visit, test="faber").update(
        result="not_performed")
    text = pages_of(render_handout_pdf(seed_visit, "summary", "en"))[0]
    assert "FABER" not in text
    assert "P4" in text


def test_the_progress_report_opens_with_a_conclusion_and_labels_its_axes(seed):
    physio = Clinic.objects.get(name=PHYSIO_CLINIC)
    with translation.override("en"):
        pages = pages_of(render_progress_pdf(physio, seed))
    first = pages[0]
    # the conclusion and the current plan open the report, before the charts
    assert first.index("Conclusion") < first.index("Current plan") < first.index("Gestational week")
    # first vs latest VAS now: 60 → 10 mm, beyond the 15 mm / 30 % threshold (R6)
    assert "VAS now VAS 60 mm VAS 10 mm Clinically important improvement" in first
    assert "PGQ total 68.1 27.8 Clinically important improvement (threshold 11.0" in first
    assert "Next appointment" in first
    assert "Gestational week" in first  # the x axis says what it counts
    assert len(pages) <= 2


def test_the_conclusion_says_when_a_change_is_within_the_threshold(seed):
    from assessments.models import PainScore

    physio = Clinic.objects.get(name=PHYSIO_CLINIC)
    latest = seed.consultations.order_by("-seen_at").first()
    PainScore.objects.filter(consultation=latest, scale="vas", context="now").update(value=55)
    with translation.override("en"):
        first = pages_of(render_progress_pdf(physio, seed))[0]
    assert "VAS now VAS 60 mm VAS 55 mm Within the important-change threshold" in first


@pytest.mark.parametrize("language", ["da", "en"])
def test_four_exercises_fit_three_pages_and_none_is_split(seed_visit, language):
    for extra in seed_visit.programme_items.all()[4:]:
        extra.delete()
    items = list(seed_visit.programme_items.all())
    assert len(items) == 4
    pages = pages_of(render_handout_pdf(seed_visit, "programme", language))
    assert len(pages) <= 3
    with translation.override(language):
        for number, item in enumerate(items, start=1):
            title = f"{number}. {item.exercise}"
            last_step = " ".join(item.exercise.local_steps[-1].split())
            holding = [index for index, text in enumerate(pages) if title in text]
            assert len(holding) == 1, title
            assert last_step[:40] in pages[holding[0]], title  # the whole card on one page
