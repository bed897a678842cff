"""A draft saved twice keeps what was entered the first time (issue 10, item 2)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import PainScore
from consultations.models import Consultation

from .test_consultation import CountingPage, load_demo, open_new_consultation, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pain_score_saved_in_the_draft_is_on_the_signed_record(page, screenshot):
    load_demo()
    user = CountingPage(page)
    sign_in(user)
    open_new_consultation(user, "Fatima Rahimi")
    user.select("#id_pain-0-scale", "nrs")
    user.select("#id_pain-0-context", "now")
    user.fill("#id_pain-0-value", "6")
    user.click(page.get_by_role("button", name="Ingen til stede: markér alle som fraværende"))
    user.click(page.get_by_role("button", name="Gem kladde"))
    expect(page.get_by_role("status").filter(has_text="Kladden er gemt")).to_be_visible()
    expect(page.locator("#id_pain-0-value")).to_have_value("6")
    user.fill("#id_history_notes", "Smerter foran ved symfysen, værst om morgenen.")
    user.click(page.get_by_role("button", name="Gem og underskriv"))

    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    expect(page.get_by_test_id("pain-scores")).to_contain_text("NRS 6")
    screenshot("15-draft-re-saved-keeps-its-pain-score-da")
    consultation = Consultation.objects.get(patient__first_name="Fatima")
    assert [(s.scale, s.context, s.value) for s in consultation.pain_scores.all()] == [
        ("nrs", "now", 6)]
    assert consultation.history_notes == "Smerter foran ved symfysen, værst om morgenen."


def test_the_demo_draft_keeps_its_pain_score_after_a_re_save(page):
    load_demo()
    draft = Consultation.objects.get(patient__first_name="Louise", status="draft")
    score = PainScore.objects.get(consultation=draft)
    user = CountingPage(page)
    sign_in(user)
    page.goto(reverse("consultations:consultation_edit", args=[draft.public_id]))
    expect(page.locator("#id_pain-0-value")).to_have_value("4")
    user.click(page.get_by_role("button", name="Gem kladde"))
    expect(page.get_by_role("status").filter(has_text="Kladden er gemt")).to_be_visible()
    expect(page.locator("#id_pain-0-value")).to_have_value("4")
    assert list(PainScore.objects.filter(consultation=draft).values_list(
        "pk", "scale", "context", "value")) == [(score.pk, "nrs", "now", 4)]
