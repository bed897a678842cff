"""The seed case's physiotherapy course in the browser: a first visit, two follow-ups with
falling pain and normal gait again, two PGQ forms, and the progress chart that shows it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import QuestionnaireResponse
from consultations.demo import PHYSIO_CLINIC, load_demo
from consultations.models import Consultation

from .test_consultation import CountingPage, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at(days_ago):
    moment = timezone.localtime() - datetime.timedelta(days=days_ago, hours=1)
    return moment.strftime("%Y-%m-%dT%H:%M")


def record_visit(user, seed, *, days_ago, kind, worst, now, p4, gait):
    """One visit; returns the interactions it took (a follow-up starts from last time's kind,
    pain scales and contexts, and a visit today from the current time)."""
    page = user.page
    page.goto(seed.get_absolute_url())
    before = user.interactions
    user.click(page.get_by_role("link", name="Ny konsultation"))
    user.choose("#id_kind", kind)
    if days_ago:
        user.fill("#id_seen_at", at(days_ago))
    for row, (context, value) in enumerate((("worst_week", worst), ("now", now))):
        user.choose(f"#id_pain-{row}-scale", "vas")
        user.choose(f"#id_pain-{row}-context", context)
        user.fill(f"#id_pain-{row}-value", str(value))
    user.select("#id_test-p4_left", p4)
    user.select("#id_test-p4_right", p4)
    user.select("#id_gait", gait)
    user.click(page.get_by_role("button", name="Ingen til stede: markér alle som fraværende"))
    user.click(page.get_by_role("button", name="Gem og underskriv"))
    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    return user.interactions - before


def enter_pgq(user, scores, filled_on):
    page = user.page
    user.click(page.get_by_test_id("enter-pgq"))
    user.fill("#id_filled_on", filled_on)
    for number in range(1, 26):
        user.check(f"input[name='item_{number}'][value='{scores[number]}']")
    user.click(page.get_by_test_id("save-pgq"))
    # Entered after signing: a dated, signed addition below the locked original.
    expect(page.get_by_test_id("pgq-addition")).to_have_count(1)
    expect(page.get_by_test_id("pgq")).to_have_count(0)


def test_physiotherapy_course_shows_the_fall_on_the_progress_chart(page, screenshot, capsys):
    seed = load_demo()
    physio_visits = Consultation.objects.filter(clinic__name=PHYSIO_CLINIC, patient=seed)
    QuestionnaireResponse.objects.filter(consultation__in=physio_visits).delete()
    physio_visits.delete()  # the demo's own course; this test records it in the browser
    user = CountingPage(page)
    sign_in(user, "demo-physio")
    expect(page.get_by_test_id("awaiting")).to_contain_text(seed.full_name)

    record_visit(user, seed, days_ago=14, kind="first", worst=80, now=60,
                 p4="positive_familiar", gait="abnormal")
    enter_pgq(user, {n: "2" for n in range(1, 26)},
              (timezone.localdate() - datetime.timedelta(days=14)).isoformat())
    record_visit(user, seed, days_ago=7, kind="follow_up", worst=50, now=35,
                 p4="positive_familiar", gait="abnormal")
    expect(page.get_by_test_id("test-results")).to_contain_text("P4")
    follow_up = record_visit(user, seed, days_ago=0, kind="follow_up", worst=20, now=10,
                             p4="pain_not_familiar", gait="normal")
    with capsys.disabled():
        print(f"\nA physiotherapy follow-up today took {follow_up} browser interactions")
    assert follow_up <= 10
    expect(page.get_by_test_id("pain-scores")).to_contain_text("VAS 20 mm")
    enter_pgq(user, {n: "1" if n % 3 else "0" for n in range(1, 26)},
              timezone.localdate().isoformat())

    page.goto(seed.get_absolute_url() + "progress/")
    charts = page.locator("figure.chart svg")
    expect(charts.first).to_be_visible()
    vas_chart = page.locator("figure.chart svg", has_text="VAS")
    expect(vas_chart).to_have_count(1)
    expect(vas_chart.locator(".important-marker").first).to_be_attached()
    pgq_chart = page.locator("figure.chart svg", has_text="Pelvic Girdle Questionnaire")
    expect(pgq_chart.locator("polyline")).to_have_count(3)  # total, activity, symptoms
    expect(page.get_by_test_id("pgq-table").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("tests-side-by-side")).to_contain_text("Smerte, men ikke")
    screenshot("30-progress-physiotherapy-course-da")
