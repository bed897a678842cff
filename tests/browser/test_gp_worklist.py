"""The GP's dashboard on the demo (issue 15.2): her draft, the red flag awaiting follow-up, and
the referral she sent with its state, seen in the browser."""

import pytest
from playwright.sync_api import expect

from consultations.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_gp_sees_her_work_on_the_dashboard(page, screenshot):
    load_demo()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    page.fill("#id_username", "demo-gp")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_test_id("drafts")).to_contain_text("Louise")
    expect(page.get_by_test_id("red-flags")).to_contain_text("Ida")
    expect(page.get_by_test_id("red-flags")).to_contain_text("fødeafdelingen")
    expect(page.get_by_test_id("sent")).to_contain_text("Camilla Holm")
    expect(page.get_by_test_id("sent")).to_contain_text("Set ")  # seen by the physiotherapist
    screenshot("gp-dashboard-da")
    page.get_by_test_id("red-flags").get_by_role("link", name="Ida Kjær").click()
    page.get_by_role("link", name="Ida Kjær").click()
    expect(page.get_by_test_id("red-flag-alert")).to_be_visible()
    screenshot("gp-red-flag-patient-da")
