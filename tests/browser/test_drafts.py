"""A draft saves itself, leaving with unsaved changes asks first, Enter never submits the
consultation, and the author deletes her own draft (the change history keeps the line)."""

import re

import pytest
from django.db.models import F
from playwright.sync_api import expect

from assessments.models import PainScore
from consultations.demo import DEMO_PASSWORD, load_demo
from consultations.models import Consultation, Patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page):
    page.goto("/")
    page.fill("#id_username", "demo-gp")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def new_consultation(page, woman):
    page.goto(f"/patients/{woman.public_id}/consultations/new/")
    expect(page.locator("#consultation-form")).to_be_visible()


@pytest.mark.leave_dialog
def test_autosave_survives_navigating_away(page, screenshot, settings):
    settings.AUTOSAVE_SECONDS = 1
    load_demo()
    woman = Patient.objects.get(first_name="Fatima")
    sign_in(page)
    new_consultation(page, woman)
    leave_questions = []
    page.on("dialog", lambda dialog: (leave_questions.append(dialog.type), dialog.accept()))

    notes = page.locator("#id_history_notes")
    notes.click()
    page.keyboard.type("Ondt ved vending i sengen")
    status = page.locator("[data-autosave-status]")
    expect(status).to_have_text(re.compile(r"^Gemt \d\d:\d\d$"))
    expect(page).to_have_url(re.compile(r"/consultations/[0-9a-f-]+/edit/$"))  # now her draft
    edit_url = page.url
    screenshot("autosave-saved-da")

    # More typing, then away at once: the page asks first; the text is saved as it goes.
    notes.click()
    page.keyboard.type(", og ved gang på trapper")
    page.get_by_role("link", name="Patienter", exact=True).click()
    expect(page.get_by_role("heading", name="Patienter")).to_be_visible()
    assert leave_questions == ["beforeunload"]

    page.goto(edit_url)
    expect(page.locator("#id_history_notes")).to_have_value(
        re.compile(r"^Ondt ved vending i sengen"))
    draft = Consultation.objects.get(patient=woman)
    assert draft.history_notes.startswith("Ondt ved vending i sengen")
    assert not draft.is_signed

    page.get_by_role("button", name="English").click()
    page.locator("#id_goals").click()
    page.keyboard.type("Walk the dog again")
    expect(status).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    screenshot("autosave-saved-en")
    draft.refresh_from_db()
    assert draft.goals == "Walk the dog again"
    assert Consultation.objects.filter(patient=woman).count() == 1


@pytest.mark.expects_status(409)
def test_a_colleagues_save_stops_autosave_and_is_never_overwritten(page, settings):
    settings.AUTOSAVE_SECONDS = 1
    load_demo()
    draft = Consultation.objects.get(patient__first_name="Louise", status="draft")
    sign_in(page)
    page.goto(f"/consultations/{draft.public_id}/edit/")
    Consultation.objects.filter(pk=draft.pk).update(version=F("version") + 1,
                                                    goals="Her colleague's words")
    autosaves = []
    page.on("request", lambda request: autosaves.append(request.url)
            if "/autosave/" in request.url else None)
    page.locator("#id_goals").fill("Mine")
    expect(page.locator("[data-autosave-status]")).to_contain_text("ændret af en anden")
    page.wait_for_timeout(2500)  # two more intervals: autosave has stopped
    assert len(autosaves) == 1
    draft.refresh_from_db()
    assert draft.goals == "Her colleague's words"
    expect(page.locator("#id_goals")).to_have_value("Mine")  # her text stays on the page


def test_enter_in_a_text_field_never_submits_the_consultation(page, settings):
    settings.AUTOSAVE_SECONDS = 600  # only Enter could save here
    load_demo()
    woman = Patient.objects.get(first_name="Fatima")
    sign_in(page)
    new_consultation(page, woman)
    new_url = page.url
    page.locator("#id_gait_note").fill("Korte skridt")
    page.locator("#id_gait_note").press("Enter")
    page.locator("#id_onset_ga_weeks").fill("24")
    page.locator("#id_onset_ga_weeks").press("Enter")
    page.locator("#id_history_notes").fill("Første linje")
    page.locator("#id_history_notes").press("Enter")
    page.keyboard.type("anden linje")
    page.wait_for_timeout(500)  # a submitted form would have left the page by now
    assert page.url == new_url
    assert not Consultation.objects.filter(patient=woman).exists()
    expect(page.locator("#id_history_notes")).to_have_value("Første linje\nanden linje")
    # The buttons still submit: the page asks nothing when the clinician saves.
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_text("Kladden er gemt.")).to_be_visible()
    assert Consultation.objects.get(patient=woman).gait_note == "Korte skridt"


def test_the_author_deletes_her_draft_and_the_history_keeps_the_line(page):
    load_demo()
    woman = Patient.objects.get(first_name="Louise")
    draft = Consultation.objects.get(patient=woman, status="draft")
    sign_in(page)
    page.goto(f"/consultations/{draft.public_id}/edit/")
    page.get_by_role("link", name="Slet kladde").click()
    page.get_by_role("button", name="Ja, slet kladden").click()
    expect(page.get_by_text("Kladden er slettet.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/patients/{woman.public_id}/$"))
    timeline = page.get_by_test_id("timeline")
    expect(timeline.get_by_text("Kladde", exact=True)).to_have_count(0)
    expect(timeline).to_contain_text("Ingen konsultationer endnu.")
    page.get_by_role("link", name="Ændringshistorik").click()
    expect(page.get_by_test_id("draft-deleted")).to_have_text(
        re.compile(r"^Kladde slettet af Anne Mikkelsen \(konsultation \d{4}-\d\d-\d\d\)$"))
    assert not Consultation.objects.filter(pk=draft.pk).exists()


def test_autosaved_pain_scores_are_the_rows_on_the_page(page, settings):
    """After an autosave the page names the saved rows, so a later save updates them, never
    adds them again (whichever way the workflow keeps the rows)."""
    settings.AUTOSAVE_SECONDS = 1
    load_demo()
    woman = Patient.objects.get(first_name="Fatima")
    sign_in(page)
    new_consultation(page, woman)
    with page.expect_response(lambda response: "/autosave/" in response.url) as saved:
        # All three at once: a half-filled row is not saved (and answers 400).
        page.evaluate("""() => {
            const fields = document.getElementById("consultation-form").elements;
            fields["pain-1-scale"].value = "nrs";
            fields["pain-1-context"].value = "now";
            fields["pain-1-value"].value = "6";
            fields["pain-1-value"].dispatchEvent(new Event("change", {bubbles: true}));
        }""")
    assert saved.value.status == 200
    score = PainScore.objects.get(consultation__patient=woman)
    expect(page.locator("#id_pain-0-value")).to_have_value("6")  # the saved row comes first
    expect(page.locator("input[name=pain-0-id]")).to_have_value(str(score.pk))
    expect(page.locator("input[name=pain-INITIAL_FORMS]")).to_have_value("1")
    expect(page.locator("input[name=pain-TOTAL_FORMS]")).to_have_value("3")

    with page.expect_response(lambda response: "/autosave/" in response.url) as saved:
        page.locator("#id_pain-0-value").fill("7")
    assert saved.value.status == 200
    assert list(PainScore.objects.filter(consultation__patient=woman).values_list(
        "scale", "context", "value")) == [("nrs", "now", 7)]
    score = PainScore.objects.get(consultation__patient=woman)
    expect(page.locator("input[name=pain-0-id]")).to_have_value(str(score.pk))
    expect(page.locator("input[name=pain-INITIAL_FORMS]")).to_have_value("1")
