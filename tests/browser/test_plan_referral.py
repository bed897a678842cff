"""One referral path in the browser (issue 15.8): choosing a physiotherapist in the plan shows
the real referral; it is opened on her page; the plan then shows its state."""

import re

import pytest
from playwright.sync_api import expect

from consultations.demo import DEMO_PASSWORD, PHYSIO_CLINIC, load_demo
from consultations.models import Consultation, Patient, Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_physiotherapist_leads_to_the_real_referral(page, settings):
    settings.AUTOSAVE_SECONDS = 1
    load_demo()
    woman = Patient.objects.get(first_name="Fatima")
    page.goto("/")
    page.fill("#id_username", "demo-gp")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"/patients/{woman.public_id}/consultations/new/")
    panel = page.get_by_test_id("plan-referral")
    expect(panel).to_be_hidden()

    page.select_option("#id_referral", "physiotherapist")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Ikke sendt endnu")
    page.select_option("#id_referral", "none")
    expect(panel).to_be_hidden()
    page.select_option("#id_referral", "physiotherapist")
    expect(page.locator("[data-autosave-status]")).to_have_text(re.compile(r"^Gemt \d\d:\d\d$"))
    # "Gemt" follows a save; a change made while it was on its way is saved by the next one.
    # Leaving before that would (rightly) ask "leave the page?".
    expect(page.locator("#consultation-form")).to_have_attribute("data-autosave-state", "saved")
    edit_url = page.url

    page.get_by_test_id("open-referral").click()
    expect(page).to_have_url(re.compile(rf"/patients/{woman.public_id}/#referral-form$"))
    form = page.get_by_test_id("referral-form")
    form.get_by_role("radio", name=re.compile(re.escape(PHYSIO_CLINIC))).check()
    form.get_by_role("button", name="Henvis").click()
    expect(page.get_by_test_id("referral").first).to_contain_text("Venter på første konsultation")
    assert Referral.objects.filter(pregnancy__patient=woman, closed_at=None).count() == 1

    page.goto(edit_url)
    expect(panel).to_contain_text("Venter på første konsultation")
    expect(page.get_by_test_id("open-referral")).to_have_count(0)
    page.select_option("#id_referral", "none")
    expect(panel).to_be_visible()  # a referral sent stays in view
    assert Consultation.objects.filter(patient=woman).count() == 1
