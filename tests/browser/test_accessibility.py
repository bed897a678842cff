"""Every kind of page in Danish and English at 1366 and 768 px: no serious or critical axe-core
violation, and at 768 px (a tablet) no horizontal scrolling. The consultation page keeps its
decision support in sight from the pelvic tests at tablet width."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultations.demo import DEMO_PASSWORD, GP_CLINIC, load_demo
from clinics.models import User
from consultations.models import Consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 768)
LANGUAGES = ("da", "en")


def sign_in(page, username):
    page.goto("/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit], form button:not([name])").last.click()
    page.wait_for_url(lambda url: "sign-in" not in url)


def gp_pages(seed, language):
    signed = seed.consultations.filter(clinic__name=GP_CLINIC, signed_at__isnull=False).first()
    draft = Consultation.objects.filter(clinic__name=GP_CLINIC, signed_at__isnull=True).first()
    pregnancy = seed.pregnancies.first()
    patient = {"public_id": seed.public_id}
    return [
        "/",
        reverse("consultations:patient_list"),
        reverse("consultations:patient_create"),
        reverse("consultations:patient_detail", kwargs=patient),
        reverse("consultations:patient_edit", kwargs=patient),
        reverse("consultations:pregnancy_create", kwargs=patient),
        reverse("consultations:pregnancy_edit",
                kwargs={**patient, "pregnancy_id": pregnancy.public_id}),
        reverse("consultations:consultation_create", kwargs=patient),
        reverse("consultations:consultation_detail", kwargs={"public_id": signed.public_id}),
        reverse("consultations:consultation_edit", kwargs={"public_id": draft.public_id}),
        reverse("consultations:draft_delete", kwargs={"public_id": draft.public_id}),
        reverse("consultations:pgq_create", kwargs={"public_id": signed.public_id}),
        # A handout is in the language chosen for her, whatever the screen's language.
        reverse("consultations:handout_preview",
                kwargs={"public_id": signed.public_id, "kind": "programme"}) + f"?lang={language}",
        reverse("consultations:progress", kwargs=patient),
        reverse("consultations:access_log", kwargs=patient),
        reverse("consultations:change_history", kwargs=patient),
        reverse("education:library"),
        reverse("education:exercise_create"),
        reverse("two_factor_setup"),
        reverse("password_change"),
        reverse("account_sessions"),
        reverse("clinical_rules"),
        reverse("interop:adherence_report"),
        reverse("interop:adherence_list", args=["education"]),
        reverse("portal:link_new", kwargs=patient),
        reverse("portal:link_detail", kwargs={**patient, "link_id": seed_link(seed).public_id}),
        "/no-such-page/",
    ]


def seed_link(seed):
    """A questionnaire link of the GP's clinic for the seed case, with one worse report, so
    her page, the progress chart and the dashboard show her answers from home too."""
    from portal import workflows
    from portal.models import QuestionnaireLink

    link = QuestionnaireLink.objects.filter(pregnancy__patient=seed, clinic=seed.clinic).first()
    if link is None:
        link = workflows.make_link(pregnancy=seed.current_pregnancy, clinic=seed.clinic,
                                   by=User.objects.get(username="demo-gp"), contexts=["walking"])
        saved = {"pain": {"walking__now": 9, "walking__worst_week": 10},
                 "psfs": [{"activity": "Gå med barnevognen", "score": 2}]}
        workflows.submit(link=link, language="da", answers=workflows.Answers.from_saved(
            link, saved, pgq_offered=False))
    return link


def admin_pages():
    """The clinic administrator's pages (demo-admin, of the physiotherapy clinic)."""
    return [
        reverse("clinics:staff_list"),
        reverse("clinics:staff_invite"),
        reverse("clinics:staff_member", kwargs={"username": "demo-physio"}),
        reverse("clinics:two_factor_policy"),
        reverse("assessments:pgq_wording"),
    ]


def switch_to(page, language, width):
    host = urlsplit(page.url).hostname
    page.context.add_cookies([{"name": "django_language", "value": language,
                               "domain": host, "path": "/"}])
    page.set_viewport_size({"width": width, "height": 900})


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.scrollingElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.expects_status(403, 404)
def test_every_page_kind_in_both_languages_at_both_widths_passes_axe(page, axe_audits):
    seed = load_demo()
    page.goto("/sign-in/")
    problems, overflowing, untranslated, audited = [], [], [], set()
    for language in LANGUAGES:
        for width in WIDTHS:
            page.context.clear_cookies()
            switch_to(page, language, width)
            page.goto("/sign-in/")
            problems += axe_audits.audit(page)
            audited.add(axe_audits.key(page))
            sign_in(page, "demo-gp")
            visits = [("demo-gp", url) for url in gp_pages(seed, language)]
            visits += [("demo-admin", url) for url in admin_pages()]
            signed_in_as = "demo-gp"
            for user, url in visits:
                if user != signed_in_as:  # the administrator's pages, after the GP's
                    page.context.clear_cookies()
                    switch_to(page, language, width)
                    sign_in(page, user)
                    signed_in_as = user
                page.goto(url)
                if page.evaluate("document.documentElement.lang") != language:
                    untranslated.append(f"{url} ({language})")
                problems += axe_audits.audit(page)
                audited.add(axe_audits.key(page))
                if width == 768 and not no_horizontal_scroll(page):
                    overflowing.append(f"{url} ({language})")
    print(f"\naxe-core audited {len(audited)} (page kind, language, width) combinations, "
          f"{len({key[0] for key in audited})} page kinds, in {axe_audits.seconds:.0f} s")
    print("\n".join(problems))
    print("\n".join(sorted(axe_audits.lesser)))
    assert problems == []
    assert overflowing == []
    assert untranslated == []


def test_decision_support_stays_in_sight_from_the_pelvic_tests_at_768px(page):
    seed = load_demo()
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, "demo-gp")
    page.goto(reverse("consultations:consultation_create", kwargs={"public_id": seed.public_id}))
    page.locator("#id_test-p4_left").focus()
    page.locator("#id_test-p4_left").select_option("positive_familiar")
    page.locator("#id_test-p4_right").select_option("positive_familiar")
    summary = page.get_by_test_id("support-summary")
    expect(summary).to_be_in_viewport()
    summary.click()
    expect(page.get_by_test_id("suggested-subgroup")).to_be_in_viewport()
    assert no_horizontal_scroll(page)


@pytest.mark.parametrize("language, sign_out", [("da", "Log ud"), ("en", "Sign out")])
def test_header_is_one_row_at_1366px_and_folds_behind_a_button_at_768px(page, language, sign_out):
    load_demo()
    page.goto("/sign-in/")
    switch_to(page, language, 1366)
    sign_in(page, "demo-gp")
    header = page.get_by_role("navigation", name="Hovedmenu" if language == "da" else "Main")
    assert header.bounding_box()["height"] <= 70
    assert page.locator("#nav-search").bounding_box()["width"] >= 150
    expect(page.get_by_role("button", name=sign_out)).to_be_visible()

    page.set_viewport_size({"width": 768, "height": 900})
    assert page.locator("#nav-search").bounding_box()["width"] >= 150  # search stays in view
    expect(page.get_by_role("button", name=sign_out)).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("button", name=sign_out)).to_be_visible()
    other_language = "English" if language == "da" else "Dansk"
    expect(page.get_by_role("button", name=other_language)).to_be_visible()
    assert no_horizontal_scroll(page)
