"""The woman's half of the questionnaire link (issue 16), on a phone: Chromium's mobile viewport,
360 px wide. The clinician's half (making the link on her page, the chart, the worklist) is
tested where it is built."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from clinics.models import Clinic, User
from consultations.demo import PHYSIO_CLINIC, load_demo
from portal import workflows
from portal.models import PatientReport, QuestionnaireLink
from tests.factories import make_pgq_wording, make_questionnaire_link

pytestmark = [pytest.mark.browser, pytest.mark.phone, pytest.mark.django_db(transaction=True)]

PHYSIO_PHONE = "86 65 43 21"  # the demo physiotherapy clinic's


def seed_link(**fields):
    """A link the demo physiotherapist made for the seed case (referred to her clinic)."""
    seed = load_demo()
    physio = User.objects.get(username="demo-physio")
    clinic = Clinic.objects.get(name=PHYSIO_CLINIC)
    return seed, make_questionnaire_link(seed.current_pregnancy, physio, clinic=clinic, **fields)


def enter_birth_date(page, day, month, year):
    page.get_by_label("Dag").fill(str(day))
    page.get_by_label("Måned").fill(str(month))
    page.get_by_label("År", exact=True).fill(str(year))
    page.get_by_role("button", name="Fortsæt").click()


def choose(page, group_name, value):
    group = page.get_by_role("group", name=group_name, exact=True)
    group.locator("label").filter(has_text=re.compile(rf"^{value}$")).click()
    return group


def serious_violations(page, axe_audits):
    """axe-core on the page as it is now (closed-link pages share the check page's URL)."""
    results = axe_audits.axe.run(page)
    return [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def assert_fits_the_screen(page):
    """Nothing wider than the 360 px screen: no sideways scrolling, no zooming."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.expects_status(410)
def test_she_checks_answers_resumes_and_sends_on_her_phone(page, screenshot, axe_audits):
    seed, link = seed_link()
    born = seed.date_of_birth
    page.goto(link.get_absolute_url())
    expect(page.get_by_role("heading", name="Bekræft din fødselsdato")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(seed.first_name)
    assert_fits_the_screen(page)
    screenshot("portal-check-da-360")
    enter_birth_date(page, born.day, born.month, born.year - 1)
    expect(page.get_by_role("alert")).to_contain_text("2 gange mere")
    enter_birth_date(page, born.day + 1 if born.day < 28 else 1, born.month, born.year)
    expect(page.get_by_role("alert")).to_contain_text("1 gang mere")
    enter_birth_date(page, born.day, born.month, born.year)

    expect(page.get_by_text(f"Hej {seed.first_name}")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(seed.last_name)
    assert_fits_the_screen(page)
    screenshot("portal-pain-da-360")
    # Keyboard: the first group by Tab and arrow keys, the others by touch.
    first = page.get_by_role("group", name="Vending i sengen: Hvor ondt gør det nu?")
    first.get_by_role("radio", name="0", exact=True).focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(first.get_by_role("radio", name="3", exact=True)).to_be_checked()
    choose(page, "Vending i sengen: Hvor ondt gjorde det, da det var værst i den seneste uge?", 6)
    choose(page, "At gå: Hvor ondt gør det nu?", 2)
    choose(page, "At gå: Hvor ondt gjorde det, da det var værst i den seneste uge?", 5)
    page.get_by_role("button", name="Næste").click()

    expect(page.get_by_role("heading", name="Aktiviteter, der betyder noget for dig")).to_be_visible()
    page.get_by_label("Hvilken aktivitet?").first.fill("Bære indkøbsposer")
    choose(page, "Aktivitet 1: Hvor godt kan du gøre det nu?", 4)
    assert_fits_the_screen(page)
    screenshot("portal-activities-da-360")
    page.get_by_role("button", name="Næste").click()
    # She starts writing and, without pressing anything, the script keeps it in the background.
    with page.expect_response(lambda r: r.request.method == "POST" and r.status == 204):
        page.get_by_label("Hvad er sværest for dig lige nu?").fill("At vende mig om natten")

    # She closes the browser: the cookie is gone, the check again, and she is where she left off.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto(link.get_absolute_url())
    enter_birth_date(page, born.day, born.month, born.year)
    expect(page.get_by_label("Hvad er sværest for dig lige nu?")).to_have_value(
        "At vende mig om natten")
    page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_label("Hvilken aktivitet?").first).to_have_value("Bære indkøbsposer")
    expect(page.get_by_role("group", name="Aktivitet 1: Hvor godt kan du gøre det nu?")
           .get_by_role("radio", name="4", exact=True)).to_be_checked()
    page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_role("group", name="At gå: Hvor ondt gjorde det, da det var værst i den "
                                           "seneste uge?").get_by_role("radio", name="5", exact=True)
           ).to_be_checked()
    page.get_by_role("button", name="Næste").click()
    page.get_by_role("button", name="Næste").click()
    expect(page.get_by_label("Hvad er sværest for dig lige nu?")).to_have_value(
        "At vende mig om natten")
    screenshot("portal-hardest-da-360")
    page.get_by_role("button", name="Send mine svar").click()

    expect(page.get_by_role("heading", name=f"Tak, {seed.first_name}")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Bære indkøbsposer")
    assert not re.search(r"\b(3|6|2|5|4)\b", page.locator("main").inner_text())  # no scores
    screenshot("portal-thanks-da-360")
    report = PatientReport.objects.get(link=link)
    assert report.pain_values() == {("turning_in_bed", "now"): 3, ("turning_in_bed", "worst_week"): 6,
                                    ("walking", "now"): 2, ("walking", "worst_week"): 5}
    assert [(row.activity, row.score) for row in report.psfs_rows.all()] == [("Bære indkøbsposer", 4)]
    assert report.hardest == "At vende mig om natten"


@pytest.mark.expects_status(410)
def test_a_third_wrong_birth_date_locks_another_link(page, screenshot, axe_audits):
    seed, link = seed_link()
    born = seed.date_of_birth
    page.goto(link.get_absolute_url())
    for year in (born.year - 1, born.year - 2, born.year - 3):
        enter_birth_date(page, born.day, born.month, year)
    expect(page.get_by_role("heading", name="Linket er spærret")).to_be_visible()
    expect(page.get_by_test_id("clinic-phone")).to_contain_text(PHYSIO_PHONE)
    expect(page.locator("body")).not_to_contain_text(seed.first_name)
    expect(page.locator("body")).not_to_contain_text(PHYSIO_CLINIC)
    assert serious_violations(page, axe_audits) == []
    screenshot("portal-locked-da-360")
    link.refresh_from_db()
    assert link.state == QuestionnaireLink.State.LOCKED
    page.goto(link.get_absolute_url())  # the right date is no longer asked for
    expect(page.get_by_role("heading", name="Linket er spærret")).to_be_visible()


@pytest.mark.expects_status(404, 410)
def test_expired_revoked_and_unknown_links_show_only_the_phone(page, screenshot, axe_audits):
    seed, expired = seed_link()
    QuestionnaireLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked = make_questionnaire_link(seed.current_pregnancy, expired.created_by, clinic=expired.clinic)
    workflows.revoke_link(link=revoked, by=expired.created_by)
    for link, heading in ((expired, "Linket er udløbet"), (revoked, "Linket er ikke længere aktivt")):
        page.goto(link.get_absolute_url())
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page.get_by_test_id("clinic-phone")).to_contain_text(PHYSIO_PHONE)
        main = page.locator("main").inner_text()
        assert seed.first_name not in main and PHYSIO_CLINIC not in main
        assert page.locator("form").count() == 1  # the language switch only
        assert serious_violations(page, axe_audits) == []
        assert_fits_the_screen(page)
    screenshot("portal-revoked-da-360")
    page.goto("/p/" + "A" * 43 + "/")
    expect(page.get_by_role("heading", name="Linket virker ikke")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(PHYSIO_PHONE)
    assert serious_violations(page, axe_audits) == []


def test_every_step_in_english_with_the_pgq(page, screenshot, axe_audits):
    seed, _ = seed_link()
    physio = User.objects.get(username="demo-physio")
    clinic = Clinic.objects.get(name=PHYSIO_CLINIC)
    make_pgq_wording(clinic, physio, language="en")
    link = make_questionnaire_link(seed.current_pregnancy, physio, clinic=clinic, include_pgq=True)
    page.goto(link.get_absolute_url())
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Confirm your birth date")).to_be_visible()
    screenshot("portal-check-en-360")
    born = seed.date_of_birth
    page.get_by_label("Day").fill(str(born.day))
    page.get_by_label("Month").fill(str(born.month))
    page.get_by_label("Year").fill(str(born.year))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(f"Hello {seed.first_name}")).to_be_visible()
    screenshot("portal-pain-en-360")
    page.get_by_role("button", name="Next").click()  # nothing chosen: errors, nothing lost
    expect(page.get_by_role("alert")).to_contain_text("Some answers are missing")
    expect(page.get_by_text("Choose a number from 0 to 10.").first).to_be_visible()
    assert_fits_the_screen(page)
    screenshot("portal-pain-errors-en-360")
    for group in page.locator("fieldset.scale").all():
        group.locator("label").filter(has_text=re.compile(r"^1$")).click()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="How your pelvis affects daily life")).to_be_visible()
    expect(page.get_by_role("group", name="Question 25")).to_be_visible()
    choose(page, "Question 1", "To some extent")
    assert_fits_the_screen(page)
    screenshot("portal-pgq-en-360")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Activities that matter to you")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    screenshot("portal-hardest-en-360")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name=f"Thank you, {seed.first_name}")).to_be_visible()
    screenshot("portal-thanks-en-360")
    report = PatientReport.objects.get(link=link)
    assert report.pgq_items["1"] == 2 and report.language == "en"
    audited = {kind for kind, language, width in axe_audits.audited if width == 360}
    assert {"portal:check", "portal:pain", "portal:pgq", "portal:activities", "portal:hardest",
            "portal:thanks"} <= audited


@pytest.mark.expects_status(404, 410)
def test_every_portal_page_in_both_languages_at_360_px_passes_axe(page, axe_audits, live_server):
    seed, _ = seed_link()
    physio, clinic = User.objects.get(username="demo-physio"), Clinic.objects.get(name=PHYSIO_CLINIC)
    for language in ("da", "en"):
        make_pgq_wording(clinic, physio, language=language)
    link = make_questionnaire_link(seed.current_pregnancy, physio, clinic=clinic, include_pgq=True)
    closed = [make_questionnaire_link(seed.current_pregnancy, physio, clinic=clinic)
              for _ in range(3)]
    workflows.revoke_link(link=closed[0], by=physio)
    QuestionnaireLink.objects.filter(pk=closed[1].pk).update(expires_at=timezone.now())
    QuestionnaireLink.objects.filter(pk=closed[2].pk).update(failed_checks=3,
                                                              locked_at=timezone.now())
    born, token = seed.date_of_birth, link.token
    pages = [f"/p/{token}/{step}/" for step in ("pain", "pgq", "activities", "hardest", "thanks")]
    pages += [other.get_absolute_url() for other in closed] + ["/p/" + "B" * 43 + "/"]
    problems = []
    for language in ("da", "en"):
        page.context.clear_cookies()
        page.context.add_cookies([{"name": "django_language", "value": language,
                                   "url": live_server.url}])
        page.goto(link.get_absolute_url())
        problems += [(page.url, language, v) for v in serious_violations(page, axe_audits)]
        page.fill("input[name=day]", str(born.day))
        page.fill("input[name=month]", str(born.month))
        page.fill("input[name=year]", str(born.year))
        page.locator("main form button").click()
        page.wait_for_url("**/pain/")
        for url in pages:
            page.goto(url)
            assert page.url.endswith(url), (url, page.url)  # shown, not sent to the check
            expect(page.locator("h1")).to_be_visible()
            assert page.evaluate("document.documentElement.lang") == language, url
            assert_fits_the_screen(page)
            problems += [(url, language, v) for v in serious_violations(page, axe_audits)]
    assert problems == []



def test_the_whole_round_trip_from_her_physiotherapist_to_her_phone_and_back(page, screenshot):
    """The issue's acceptance in one go, all at 360 px: the physiotherapist makes a link for
    the seed case on her page; an anonymous browser (cookies gone) fails the birth-date check
    twice, passes, answers pain and PSFS (and the PGQ, which the clinic loaded), closes and
    resumes, sends; the physiotherapist then sees the values on the chart and her worsening on
    the worklist."""
    from .test_accessibility import sign_in

    seed = load_demo()
    physio = User.objects.get(username="demo-physio")
    make_pgq_wording(Clinic.objects.get(name=PHYSIO_CLINIC), physio)  # the licensed wording
    sign_in(page, "demo-physio")
    page.goto(seed.get_absolute_url())
    page.get_by_test_id("make-link").click()
    page.get_by_label("Medtag Pelvic Girdle Questionnaire").check()
    page.get_by_role("button", name="Opret linket").click()
    address = page.get_by_test_id("link-address").input_value()
    link = QuestionnaireLink.objects.get(pregnancy__patient=seed)
    assert address.endswith(link.get_absolute_url())

    page.context.clear_cookies()  # her own phone: nobody is signed in
    born = seed.date_of_birth
    page.goto(address)
    expect(page.locator("body")).not_to_contain_text(seed.first_name)
    enter_birth_date(page, born.day, born.month, born.year + 1)
    expect(page.get_by_role("alert")).to_contain_text("2 gange mere")
    enter_birth_date(page, born.day, born.month, born.year - 1)
    expect(page.get_by_role("alert")).to_contain_text("1 gang mere")
    enter_birth_date(page, born.day, born.month, born.year)
    expect(page.get_by_text(f"Hej {seed.first_name}")).to_be_visible()
    for group in page.locator("fieldset.scale").all():
        group.locator("label").filter(has_text=re.compile(r"^7$")).click()
    page.get_by_role("button", name="Næste").click()
    for group in page.locator("fieldset.scale").all():  # every PGQ item at its worst
        group.locator("label").filter(has_text=re.compile(r"^I høj grad$")).click()
    page.get_by_role("button", name="Næste").click()
    page.get_by_label("Hvilken aktivitet?").first.fill("Gå tur med hunden")
    choose(page, "Aktivitet 1: Hvor godt kan du gøre det nu?", 3)
    page.get_by_role("button", name="Næste").click()

    page.goto("about:blank")  # she closes it, and opens the link again later
    page.context.clear_cookies()
    page.goto(address)
    enter_birth_date(page, born.day, born.month, born.year)
    page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_label("Hvilken aktivitet?").first).to_have_value("Gå tur med hunden")
    page.get_by_role("button", name="Næste").click()
    page.get_by_role("button", name="Send mine svar").click()
    expect(page.get_by_role("heading", name=f"Tak, {seed.first_name}")).to_be_visible()
    report = PatientReport.objects.get(link=link)
    assert set(report.pain_values().values()) == {7} and report.worsened

    sign_in(page, "demo-physio")
    card = page.get_by_test_id("reported-worse")
    expect(card).to_contain_text("Smerter forværret, patientrapporteret")
    expect(card).to_contain_text(seed.full_name)
    expect(card).to_contain_text("→ 100.0")  # her PGQ total against the last one entered
    page.goto(reverse("consultations:progress", args=[seed.public_id]))
    charts = page.get_by_test_id("progress-charts")
    assert charts.locator("g.series.reported").count() == 4 + 3  # 2 activities × 2; PGQ × 3
    expect(page.get_by_test_id("reported-table")).to_contain_text("Gå tur med hunden")
    assert_fits_the_screen(page)
    screenshot("portal-round-trip-progress-360-da")
