"""PGQ entry by keyboard alone (issue 15.6): Tab to the first item, type 25 answers, Enter."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import QuestionnaireResponse
from consultations.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_questionnaire_is_entered_with_the_keyboard_only(page, screenshot):
    seed = load_demo()
    visit = seed.consultations.filter(clinic=seed.clinic).get()
    page.goto("/")
    page.fill("#id_username", "demo-gp")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"/consultations/{visit.public_id}/pgq/new/")
    expect(page.get_by_test_id("pgq-item-8")).to_contain_text("gå > 60 min")

    page.locator("#id_filled_on").focus()
    first = page.locator("input[name=item_1]").first
    for _segment in range(4):  # past the date's day, month and year into item 1
        page.keyboard.press("Tab")
        if first.evaluate("element => element === document.activeElement"):
            break
    expect(first).to_be_focused()
    answers = "0123n" * 5
    page.keyboard.type(answers)
    expect(page.get_by_test_id("save-pgq")).to_be_focused()
    screenshot("pgq-entry-da")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/consultations/{visit.public_id}/$"))
    saved = QuestionnaireResponse.objects.get(consultation=visit)
    expected = {str(n): (None if a == "n" else int(a)) for n, a in enumerate(answers, start=1)}
    assert saved.items == expected
    assert saved.answered == 20 and saved.filled_on == timezone.localdate()
