"""A follow-up in the browser: it opens empty as a follow-up, shows last time beside the fields,
takes a value over only when she clicks, and the signed record says which values were confirmed."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.demo import PHYSIO_CLINIC, load_demo
from consultations.models import Consultation

from .test_consultation import CountingPage, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the seed case's last physiotherapy visit recorded, in Danish (consultations/demo.py).
LAST_TIMES_WORDS = ("Balde, venstre", "Vending i sengen", "Styrketræning og løb",
                    "Fortsætte med at træne", "Satinlagen", "Ved lang tids stående",
                    "Henvisning", "Har stoppet vanlig aktivitet")


def open_follow_up(user, seed):
    page = user.page
    page.goto(seed.get_absolute_url())
    user.click(page.get_by_role("link", name="Ny konsultation"))
    expect(page.locator("h1")).to_contain_text(seed.full_name)


def last_visit(seed, before=None):
    visits = Consultation.objects.filter(patient=seed, clinic__name=PHYSIO_CLINIC)
    if before is not None:
        visits = visits.exclude(pk=before.pk)
    return visits.latest("seen_at")


def panel_after_refresh(page, trigger):
    """The decision-support panel once htmx has replaced it after `trigger()`."""
    panel = page.locator("#decision-support")
    panel.evaluate("element => element.firstElementChild.setAttribute('data-stale', '')")
    with page.expect_response(re.compile(r"/support/$")):
        trigger()
    expect(panel.locator("[data-stale]")).to_have_count(0)
    return panel.inner_text()


def record_todays_findings(user):
    """Today's own findings: pain now, right-sided pain, P4 right, red flags asked."""
    page = user.page
    user.fill("#id_pain-0-value", "30")
    user.fill("#id_pain-1-value", "20")
    user.check("input[name=pain_regions][value=sij_right]")
    user.select("#id_test-p4_right", "positive_familiar")
    user.select("#id_test-p4_left", "negative")
    user.click(page.get_by_role("button", name="Ingen til stede: markér alle som fraværende"))


def test_follow_up_opens_as_follow_up_with_support_for_what_it_shows(page):
    seed = load_demo()
    user = CountingPage(page)
    sign_in(user, "demo-physio")
    open_follow_up(user, seed)
    expect(page.locator("h1")).to_contain_text("Opfølgning ·")
    expect(page.locator("#id_kind")).to_have_value("follow_up")
    expect(page.locator("input[name=pain_regions]:checked")).to_have_count(0)
    expect(page.locator("#id_diagnosis")).to_have_value("")
    expect(page.locator("#id_referral")).to_have_value("")
    day = timezone.localtime(last_visit(seed).seen_at).date()
    label = f"{day.day}.{day.month}" + (
        "" if day.year == timezone.localdate().year else f".{day.year}")
    hint = page.get_by_test_id("carry-pain_regions")
    expect(hint).to_contain_text(f"Sidst {label}: SI-led, venstre")
    expect(page.get_by_test_id("carry-diagnosis")).to_have_count(0)
    expect(page.get_by_test_id("last-assessment")).to_contain_text("Til orientering")
    # The panel on opening is what the server computes from the page as it is.
    panel = page.locator("#decision-support")
    opened = panel.inner_text()
    assert opened == panel_after_refresh(
        page, lambda: page.locator("#consultation-form").dispatch_event("change"))
    # Taking over the pain regions ticks them and refreshes the panel.
    diagnosis = panel.get_by_test_id("suggested-diagnosis").inner_text()
    refreshed = panel_after_refresh(page, lambda: user.click(hint.get_by_role("button")))
    expect(page.locator("input[name=pain_regions]:checked")).to_have_count(4)
    assert refreshed != opened
    expect(panel.get_by_test_id("suggested-diagnosis")).not_to_have_text(diagnosis)
    expect(hint).to_contain_text("overtaget")
    expect(page.locator("#id_confirmed_from_previous")).to_have_value("pain_regions")


def test_follow_up_signed_without_taking_over_states_nothing_of_last_time(page):
    seed = load_demo()
    user = CountingPage(page)
    sign_in(user, "demo-physio")
    open_follow_up(user, seed)
    record_todays_findings(user)
    user.click(page.get_by_role("button", name="Gem og underskriv"))

    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    record = page.locator(".consultation-summary").inner_text()
    assert "SI-led, højre" in record
    for words in LAST_TIMES_WORDS:
        assert words not in record, words
    assert "bekræftet" not in record
    visit = Consultation.objects.filter(patient=seed).latest("created_at")
    assert (visit.kind, visit.pain_regions, visit.aggravating) == ("follow_up", ["sij_right"], [])
    assert (visit.diagnosis, visit.subgroup, visit.referral) == ("", "", "")
    assert (visit.usual_training, visit.goals, visit.work_status) == ("", "", "")
    assert not (visit.pelvic_belt or visit.satin_sheet)
    assert set(visit.yellow_flags.values()) == {"not_asked"}
    assert visit.confirmed_from_previous == []


def test_a_value_taken_over_is_stored_and_shown_as_confirmed(page, screenshot):
    seed = load_demo()
    user = CountingPage(page)
    sign_in(user, "demo-physio")
    open_follow_up(user, seed)
    record_todays_findings(user)
    user.click(page.get_by_test_id("carry-goals").get_by_role("button"))
    expect(page.locator("#id_goals")).to_have_value(re.compile("^Fortsætte med at træne"))
    page.locator("#history").scroll_into_view_if_needed()
    screenshot("40-follow-up-last-time-beside-the-fields-da")
    user.click(page.get_by_role("button", name="Gem og underskriv"))

    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    visit = Consultation.objects.filter(patient=seed).latest("created_at")
    assert visit.confirmed_from_previous == ["goals"]
    before = last_visit(seed, before=visit)  # (the new visit is the clinic's latest now)
    assert visit.previous_visit_on == timezone.localtime(before.seen_at).date()
    confirmed = page.get_by_test_id("confirmed")
    expect(confirmed).to_have_count(1)
    expect(confirmed).to_have_text(
        f"(bekræftet fra sidste konsultation {visit.previous_visit_on:%d.%m.%Y})")
    expect(page.locator(".consultation-summary dd", has=confirmed)).to_contain_text(
        "Fortsætte med at træne")
    screenshot("42-follow-up-signed-with-a-confirmed-value-da")


def test_in_english_last_time_is_english(page, screenshot):
    seed = load_demo()
    user = CountingPage(page)
    sign_in(user, "demo-physio")
    user.click(page.get_by_role("button", name="English"))
    open_follow_up_english = page.goto(seed.get_absolute_url())
    assert open_follow_up_english.ok
    user.click(page.get_by_role("link", name="New consultation"))
    expect(page.locator("h1")).to_contain_text("Follow-up ·")
    seen = timezone.localtime(last_visit(seed).seen_at).date()  # the year only if not this
    day = seen.strftime("%-d %b" if seen.year == timezone.localdate().year else "%-d %b %Y")
    expect(page.get_by_test_id("carry-pain_regions")).to_contain_text(
        f"Last {day}: Sacroiliac joint, left")
    expect(page.get_by_test_id("carry-all-history")).to_have_text("Take over all from last time")
    user.click(page.get_by_test_id("carry-all-plan"))
    expect(page.locator("#id_pelvic_belt")).to_be_checked()
    expect(page.locator("#id_satin_sheet")).to_be_checked()
    expect(page.locator("#id_referral")).to_have_value("")  # a decision of the day: never
    # Her home programme of last time (six exercises) fills the three empty rows and three more.
    exercises = page.locator("#home-programme select[name$='-exercise']")
    expect(exercises).to_have_count(6)
    for number in range(6):
        expect(exercises.nth(number)).not_to_have_value("")
    expect(page.locator("#id_confirmed_from_previous")).to_have_value(
        "pelvic_belt,pelvic_belt_when,satin_sheet,programme")
    page.locator("#plan").scroll_into_view_if_needed()
    screenshot("41-follow-up-plan-taken-over-en")
