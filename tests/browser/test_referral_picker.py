"""The referral's clinic picker in the browser (issue 12): typing narrows the choices from the
server, at most ten, and the chosen clinic receives the referral."""

import pytest
from playwright.sync_api import expect

from clinics.models import Clinic
from consultations.demo import load_demo
from consultations.models import Referral

from .test_consultation import CountingPage, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gp_types_part_of_the_clinic_name_and_refers(page):
    seed = load_demo()
    Clinic.objects.bulk_create([Clinic(name=f"Fysio Nord {n:02d}", kind="physiotherapy")
                                for n in range(12)])
    Clinic.objects.create(name="Fysio Syd", kind="physiotherapy")
    user = CountingPage(page)
    sign_in(user)
    page.goto(seed.get_absolute_url())
    choices = page.locator('#clinic-choices input[name="to_clinic"]')
    expect(choices).to_have_count(10)  # never the full list
    page.locator("#clinic-q").fill("syd")
    expect(choices).to_have_count(1)
    page.get_by_label("Fysio Syd", exact=True).check()
    page.get_by_test_id("referral-form").get_by_role("button", name="Henvis").click()
    expect(page.get_by_test_id("referral").filter(has_text="Fysio Syd")).to_be_visible()
    assert Referral.objects.filter(to_clinic__name="Fysio Syd", pregnancy__patient=seed).exists()
