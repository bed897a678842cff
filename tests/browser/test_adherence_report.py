"""The adherence report in the browser (tests/interop/test_adherence.py has the figures):
axe-core in Danish and English at 1366 and 768 px (no serious or critical violation, no
horizontal scrolling), the drill-down from a figure, and the printed page without the menu
and the filters."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultations.demo import GP_CLINIC, load_demo

from .test_accessibility import no_horizontal_scroll, sign_in, switch_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = reverse("interop:adherence_report")


@pytest.mark.parametrize("user", ["demo-gp", "demo-admin"])
def test_report_and_its_lists_pass_axe_in_both_languages_at_both_widths(page, axe_audits, user):
    load_demo()
    page.goto("/sign-in/")
    problems, overflowing = [], []
    for language in ("da", "en"):
        for width in (1366, 768):
            page.context.clear_cookies()
            switch_to(page, language, width)
            sign_in(page, user)
            page.goto(REPORT)
            assert page.evaluate("document.documentElement.lang") == language
            problems += axe_audits.audit(page)
            overflowing += [] if no_horizontal_scroll(page) else [(REPORT, language, width)]
            page.get_by_test_id("count-education").click()
            expect(page.get_by_test_id("adherence-list")).to_be_visible()
            problems += axe_audits.audit(page)
            overflowing += [] if no_horizontal_scroll(page) else [(page.url, language, width)]
            page.goto(REPORT + "?date_from=2026-13-01")  # a field error
            expect(page.locator(".invalid-feedback")).to_be_visible()
            problems += axe_audits.audit(page)
    assert problems == []
    assert overflowing == []


def test_report_is_reached_from_the_menu_and_prints_without_menu_or_filters(page):
    seed = load_demo()
    sign_in(page, "demo-gp")
    page.get_by_role("link", name="Retningslinjerapport").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overholdelse af retningslinjen")
    count = page.get_by_test_id("count-p4_aslr")
    expect(count).to_be_visible()
    count.click()
    seen = seed.consultations.filter(kind="first", status="signed", clinic__name=GP_CLINIC).first()
    expect(page.get_by_test_id(f"row-{seen.public_id}")).to_be_visible()
    page.go_back()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("adherence-figures")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_hidden()
    expect(page.get_by_test_id("adherence-filter")).to_be_hidden()
    expect(page.get_by_test_id("adherence-csv")).to_be_hidden()
