import datetime

import pytest
from django.utils import timezone

from consultations.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username="demo-gp"):
    page.goto("/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_gp_signs_in_finds_the_seed_case_at_32_plus_2(page, screenshot):
    load_demo()
    page.goto("/")
    screenshot("01-sign-in-da")
    sign_in(page)
    page.get_by_role("heading", name="Velkommen til Lægerne i Søndergade").wait_for()
    screenshot("02-dashboard-da")
    page.get_by_role("table").get_by_role("link", name="Camilla Holm").click()  # recently seen
    assert page.get_by_test_id("stage").first.inner_text() == "32+2"
    screenshot("03-seed-patient-da")


def test_gp_registers_a_pregnant_woman_and_switches_language(page, screenshot):
    load_demo()
    sign_in(page)
    page.get_by_role("link", name="Registrér patient").first.click()
    edd = timezone.localdate() + datetime.timedelta(days=280 - (25 * 7 + 3))
    page.get_by_label("CPR-nummer").fill("120394-1236")
    page.get_by_label("Fornavn").fill("Astrid")
    page.get_by_label("Efternavn").fill("Æbelø")
    page.get_by_label("Terminsdato").fill(edd.isoformat())
    page.get_by_label("Gravida").fill("2")
    page.get_by_label("Para").fill("1")
    screenshot("04-register-form-da")
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("heading", name="Astrid Æbelø").wait_for()
    assert page.get_by_test_id("stage").first.inner_text() == "25+3"
    screenshot("05-registered-patient-da")

    page.get_by_role("button", name="English").click()
    page.get_by_text("gestational age today").wait_for()
    assert page.get_by_test_id("stage").first.inner_text() == "25+3"
    screenshot("06-registered-patient-en")
    page.get_by_role("button", name="Dansk").click()
    page.get_by_text("gestationsalder i dag").wait_for()


def test_bad_registration_shows_field_errors_and_keeps_the_input(page, screenshot):
    load_demo()
    sign_in(page)
    page.goto("/patients/new/")
    page.get_by_label("CPR-nummer").fill("310299-1234")
    page.get_by_label("Fornavn").fill("Bodil")
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("ikke en gyldig fødselsdato").wait_for()
    assert page.get_by_label("Fornavn").input_value() == "Bodil"
    screenshot("07-register-errors-da")


def test_searching_by_cpr_keeps_the_number_out_of_every_address(page, screenshot):
    load_demo()
    sign_in(page)
    addresses = []
    page.on("request", lambda request: addresses.append(request.url))
    page.get_by_label("Navn eller CPR-nr.").first.fill("170793-2346")
    page.get_by_label("Navn eller CPR-nr.").first.press("Enter")
    page.get_by_role("link", name="Camilla Holm").wait_for()
    assert "search=" in page.url
    page.get_by_label("Sortér efter").select_option("recent")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Camilla Holm").wait_for()
    screenshot("07-search-by-cpr-da")
    assert addresses and not [a for a in addresses if "170793" in a or "2346" in a]
