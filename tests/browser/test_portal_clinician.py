"""Issue 16, the clinician's half of the acceptance, on a phone-sized screen (360 px): the
physiotherapist makes a questionnaire link for the seed case, her answers (sent through the
portal's own workflow: her pages are tested on their own) appear on the progress chart with
their own marker, a worsening is on the dashboard's worklist, and she marks it seen."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from clinics.models import Clinic, User
from consultations.demo import PHYSIO_CLINIC, load_demo
from portal import workflows
from portal.models import QuestionnaireLink
from tests.factories import make_pgq_wording

from .test_accessibility import no_horizontal_scroll, sign_in, switch_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def her_answers(link):
    """What she sends from home: pain 7 everywhere, every PGQ item at its worst (3)."""
    saved = {"pain": {f"{a}__{m}": 7 for a in link.contexts for m in ("now", "worst_week")},
             "pgq": {str(n): 3 for n in range(1, 26)},
             "psfs": [{"activity": "Gå tur med hunden", "score": 3}],
             "hardest": "At vende mig i sengen"}
    answers = workflows.Answers.from_saved(link, saved, pgq_offered=link.include_pgq)
    return workflows.submit(link=link, answers=answers, language="da")


def test_the_physiotherapist_makes_a_link_and_sees_her_answers_on_chart_and_worklist(
        page, screenshot):
    seed = load_demo()
    physio = User.objects.get(username="demo-physio")
    make_pgq_wording(Clinic.objects.get(name=PHYSIO_CLINIC), physio)  # the licensed wording
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "demo-physio")

    page.goto(seed.get_absolute_url())
    page.get_by_test_id("make-link").click()
    page.get_by_label("At gå på trapper").check()
    page.get_by_label("Medtag Pelvic Girdle Questionnaire").check()
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Opret linket").click()
    expect(page.get_by_test_id("link-qr").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("link-state")).to_contain_text("Åbent til")
    address = page.get_by_test_id("link-address").input_value()
    assert no_horizontal_scroll(page)
    screenshot("portal-clinician-link-360-da")
    page.get_by_test_id("link-sent").click()
    expect(page.get_by_text("Noteret som udleveret til hende.")).to_be_visible()

    link = QuestionnaireLink.objects.get(pregnancy__patient=seed)
    assert address.endswith(link.get_absolute_url()) and link.sent_at is not None
    assert link.include_pgq and set(link.contexts) == {"turning_in_bed", "walking", "stairs"}
    assert link.clinic.name == PHYSIO_CLINIC  # bound to the clinic that made it
    report = her_answers(link)
    assert report.worsened  # PGQ 100 against the 30-odd she scored at the last visit

    page.goto("/")
    card = page.get_by_test_id("reported-worse")
    expect(card).to_contain_text("Smerter forværret, patientrapporteret")
    expect(card).to_contain_text(seed.full_name)
    expect(card).to_contain_text("PGQ samlet:")
    expect(card).to_contain_text("→ 100.0")
    screenshot("portal-clinician-worklist-360-da")

    page.goto(reverse("consultations:progress", args=[seed.public_id]))
    charts = page.get_by_test_id("progress-charts")
    reported = charts.locator("g.series.reported")
    assert reported.count() == 6 + 3  # 3 activities x (now, worst); PGQ total, activity, symptom
    expect(charts.locator("g.legend-reported").first).to_contain_text("udfyldt af patienten")
    expect(page.get_by_test_id("reported-table")).to_contain_text("Gå tur med hunden")
    assert no_horizontal_scroll(page)
    screenshot("portal-clinician-progress-360-da")

    page.goto("/")
    card.get_by_test_id("mark-seen").click()
    expect(page.get_by_text("Hendes indberettede forværring er markeret som set.")).to_be_visible()
    expect(page.get_by_test_id("reported-worse")).not_to_contain_text(seed.full_name)
    report.refresh_from_db()
    assert report.seen_by == physio and report.seen_at is not None

    page.goto(seed.get_absolute_url())
    expect(page.get_by_test_id("answers-from-home")).to_contain_text("Set af Peter Dahl")


def test_the_clinician_pages_in_english(page, screenshot):
    seed = load_demo()
    physio = User.objects.get(username="demo-physio")
    link = workflows.make_link(pregnancy=seed.current_pregnancy,
                               clinic=Clinic.objects.get(name=PHYSIO_CLINIC), by=physio,
                               contexts=["walking"])
    her_answers(link)
    page.goto("/sign-in/")
    switch_to(page, "en", 360)
    sign_in(page, "demo-physio")
    page.goto(reverse("portal:link_new", args=[seed.public_id]))
    expect(page.get_by_test_id("no-pgq")).to_be_visible()  # no licensed wording loaded here
    screenshot("portal-clinician-link-form-360-en")
    page.goto(reverse("portal:link_detail", args=[seed.public_id, link.public_id]))
    expect(page.get_by_test_id("link-used")).to_contain_text("Used")
    screenshot("portal-clinician-link-360-en")
    page.goto(seed.get_absolute_url())
    expect(page.get_by_test_id("answers-from-home")).to_contain_text("filled in by the patient")
    page.get_by_test_id("answers-from-home").screenshot(
        path=str(_artifacts() / "portal-clinician-her-page-360-en.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    expect(page.get_by_test_id("reported-worse")).to_contain_text("Pain worse, patient-reported")
    screenshot("portal-clinician-dashboard-1366-en")
    page.goto(reverse("consultations:progress", args=[seed.public_id]))
    page.get_by_test_id("progress-charts").screenshot(
        path=str(_artifacts() / "portal-clinician-charts-1366-en.png"))


def _artifacts():
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
