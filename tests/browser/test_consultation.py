"""The GP records the seed case in the browser, signs, amends; a red flag blocks signing."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from assessments.catalogue import RED_FLAGS, DiagnosisSuggestion, RedFlag, Subgroup
from tests.factories import clear_consultations
from consultations.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def danish(label):
    with translation.override("da"):
        return str(label)


class CountingPage:
    """Drives the page and counts what the clinician does: fills, clicks, selects, checks."""

    def __init__(self, page):
        self.page = page
        self.interactions = 0

    def fill(self, selector, value):
        self.interactions += 1
        self.page.locator(selector).fill(value)

    def select(self, selector, value):
        self.interactions += 1
        self.page.locator(selector).select_option(value)

    def check(self, selector):
        self.interactions += 1
        self.page.locator(selector).check()

    def click(self, locator):
        self.interactions += 1
        locator.click()

    def press(self, key):
        self.interactions += 1
        self.page.keyboard.press(key)

    def choose(self, selector, value):
        """Select a value unless the page already shows it (a default or last time's value):
        she only touches what is not right yet."""
        if self.page.locator(selector).input_value() != value:
            self.select(selector, value)


def sign_in(user, username="demo-gp"):
    user.page.goto("/")
    user.fill("#id_username", username)
    user.fill("#id_password", DEMO_PASSWORD)
    user.click(user.page.get_by_role("button", name="Log ind"))


def open_new_consultation(user, patient_name):
    user.click(user.page.get_by_role("link", name=patient_name).first)
    user.click(user.page.get_by_role("link", name="Ny konsultation"))


def test_gp_records_the_seed_case_end_to_end_and_signs(page, screenshot, capsys):
    seed = load_demo()
    clear_consultations(seed)  # record her first visit from scratch
    user = CountingPage(page)
    sign_in(user)
    open_new_consultation(user, seed.full_name)
    # History
    user.fill("#id_onset_ga_weeks", "28")
    user.fill("#id_duration_weeks", "4")
    for region in ("sij_left", "sij_right"):
        user.check(f"input[name=pain_regions][value={region}]")
    # Pain scores, each with its own scale: a first visit's rows come set to worst in the last
    # week and now on the VAS, and after treatment on the NRS; only the values are typed.
    for row, (scale, context, value) in enumerate(
        [("vas", "worst_week", "80"), ("vas", "now", "60"), ("nrs", "after_treatment", "3")]
    ):
        user.choose(f"#id_pain-{row}-scale", scale)
        user.choose(f"#id_pain-{row}-context", context)
        user.fill(f"#id_pain-{row}-value", value)
    # Examination: lumbar and neuro normal in one click, short-stepped gait
    user.click(page.get_by_role("button", name="Lumbal bevægelighed og neurologi normal"))
    for name in ("lumbar_movement", "neuro_strength", "neuro_sensation", "neuro_reflexes",
                 "neuro_slr"):
        expect(page.locator(f"#id_{name}")).to_have_value("normal")
    user.select("#id_gait", "abnormal")
    # Pelvic tests: bilateral P4 with familiar pain, symphysis tenderness only
    user.select("#id_test-p4_left", "positive_familiar")
    user.select("#id_test-p4_right", "positive_familiar")
    user.select("#id_test-symphysis_palpation_midline", "tenderness_only")
    user.select("#id_test-aslr_left", "2")
    user.select("#id_test-aslr_right", "2")
    user.click(page.get_by_role("button", name="Ingen til stede: markér alle som fraværende"))
    panel = page.locator("#decision-support")
    expect(panel.get_by_test_id("suggested-subgroup")).to_have_text(
        danish(Subgroup.DOUBLE_SIDED_SIJ.label))
    expect(panel.get_by_test_id("suggested-diagnosis")).to_have_text(
        danish(DiagnosisSuggestion.PGP_LIKELY.label))
    expect(panel.get_by_test_id("aslr-total")).to_have_text("4")
    screenshot("10-consultation-seed-case-da")
    # Assessment: accept the suggestion with one click (the record keeps both)
    user.click(panel.get_by_role("button", name="Brug forslaget (vurdering og undergruppe)"))
    expect(page.locator("#id_diagnosis")).to_have_value("pgp_likely")
    expect(page.locator("#id_subgroup")).to_have_value("double_sided_sij")
    # Plan: education, pelvic belt for work, satin sheet, manual mobilisation
    user.check("input[name=education_given][value=stable_pelvis]")
    user.check("input[name=education_given][value=movement_safe]")
    user.check("#id_pelvic_belt")
    user.fill("#id_pelvic_belt_when", "Ved lang tids stående arbejde")
    user.check("#id_satin_sheet")
    user.check("input[name=treatments][value=manual_mobilisation]")
    user.click(page.get_by_role("button", name="Gem og underskriv"))

    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    expect(page.get_by_test_id("pain-scores")).to_contain_text("VAS 80 mm")
    expect(page.get_by_test_id("pain-scores")).to_contain_text("NRS 3")
    expect(page.get_by_role("link", name="Fortsæt redigering")).to_have_count(0)
    screenshot("11-consultation-signed-da")
    with capsys.disabled():
        print(f"\nRecording the seed case's first consultation took {user.interactions} "
              "browser interactions (clicks, fills, selects, checks, key presses; sign-in "
              "included)")
    assert user.interactions <= 30
    # The locked record cannot be opened for editing.
    page.goto(page.url + "edit/")
    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")


def test_amendment_is_added_beside_the_original(page, screenshot):
    seed = load_demo()
    consultation = seed.consultations.filter(clinic=seed.clinic).get()
    user = CountingPage(page)
    sign_in(user)
    page.goto(consultation.get_absolute_url())
    user.fill("#id_reason", "Supplerende oplysning")
    user.fill("#id_text", "Hun oplyser efterfølgende lændesmerter i en tidligere graviditet.")
    user.click(page.get_by_role("button", name="Tilføj og underskriv tilføjelse"))
    expect(page.get_by_test_id("amendment")).to_contain_text("lændesmerter i en tidligere")
    expect(page.get_by_test_id("pain-scores")).to_contain_text("NRS 8")  # original intact
    screenshot("12-consultation-amended-da")


def test_cauda_equina_flag_shows_the_emergency_action_and_blocks_signing(page, screenshot):
    load_demo()
    user = CountingPage(page)
    sign_in(user)
    open_new_consultation(user, "Fatima Rahimi")
    user.click(page.get_by_role("button", name="Ingen til stede: markér alle som fraværende"))
    user.check(f"input[name='flag-{RedFlag.CE_SADDLE_ANAESTHESIA}'][value=present]")
    action = danish(RED_FLAGS[RedFlag.CE_SADDLE_ANAESTHESIA].action)
    row = page.locator(".red-flag-row", has=page.locator(
        f"input[name='flag-{RedFlag.CE_SADDLE_ANAESTHESIA}']"))
    expect(row.locator(".red-flag-action")).to_be_visible()
    expect(row).to_contain_text(action)
    expect(page.get_by_test_id("red-flag-alert")).to_contain_text(action)
    screenshot("13-red-flag-present-da")
    user.click(page.get_by_role("button", name="Gem og underskriv"))
    expect(page.get_by_role("alert").first).to_contain_text("kan ikke underskrives")
    expect(page.get_by_test_id("blocker")).to_have_count(1)
    screenshot("14-red-flag-refused-da")
    user.fill(f"#id_flag-{RedFlag.CE_SADDLE_ANAESTHESIA}_action",
              "Henvist akut til skadestuen til MR-scanning samme dag")
    user.click(page.get_by_role("button", name="Gem og underskriv"))
    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    expect(page.get_by_test_id("red-flags")).to_contain_text("Henvist akut til skadestuen")
