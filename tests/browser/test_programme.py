"""The GP builds the seed case's home programme, signs, downloads the PDF and reads it."""

from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import clear_consultations
from consultations.demo import load_demo
from education.models import Exercise

from .test_consultation import CountingPage, open_new_consultation, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHOSEN = ["cat-camel-all-fours", "pelvic-circles-ball", "side-lying-clam", "turning-in-bed"]


def test_gp_builds_a_programme_signs_and_finds_it_in_the_pdf(page, screenshot, tmp_path):
    seed = load_demo()
    clear_consultations(seed)
    exercises = {e.slug: e for e in Exercise.objects.filter(clinic=None, slug__in=CHOSEN)}
    user = CountingPage(page)
    sign_in(user)
    open_new_consultation(user, seed.full_name)
    user.check("input[name=pain_regions][value=sij_left]")
    user.click(page.get_by_role("button", name="Ingen til stede: markér alle som fraværende"))
    # Suggested exercises come first; an exercise for after the birth is listed, marked
    # unsuitable at 32+2.
    options = page.locator("#id_programme-0-exercise option")
    expect(options.filter(has_text=exercises["cat-camel-all-fours"].title_da)).to_have_count(1)
    after_birth = Exercise.objects.get(clinic=None, slug="side-lying-leg-lift")
    unsuitable = options.filter(has_text=after_birth.title_da)
    expect(unsuitable).to_have_count(1)
    assert unsuitable.get_attribute("value") == str(after_birth.pk)
    # Under a loaded machine this row was once "not visible" for 10 s (cause not found; the
    # failure screenshot in artifacts/ will show it): first wait for the section itself.
    expect(page.locator("#home-programme")).to_be_visible()
    for row, slug in enumerate(CHOSEN):
        if row >= 3:
            user.click(page.locator("[data-formset-add]"))
        user.select(f"#id_programme-{row}-exercise", str(exercises[slug].pk))
    user.fill("#id_programme-2-reps", "6")  # her own dosage for the clam
    user.fill("#id_programme-3-note", "Med satinlagen")
    screenshot("20-programme-built-da")
    user.click(page.get_by_role("button", name="Gem og underskriv"))
    expect(page.get_by_test_id("status")).to_contain_text("Underskrevet af")
    expect(page.get_by_test_id("programme")).to_contain_text(exercises["side-lying-clam"].title_da)

    with page.expect_download() as download_info:
        page.get_by_test_id("pdf-programme-da").click()
    path = tmp_path / "programme.pdf"
    download_info.value.save_as(path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(path.read_bytes())).pages).split())
    for slug in CHOSEN:
        assert exercises[slug].title_da in text, slug
    assert "2 × 6" in text  # the dosage she was given, not the library default
    assert "Camilla Holm" in text
    page.reload()
    expect(page.get_by_test_id("handouts-given")).to_contain_text("programme-")
    screenshot("21-programme-signed-da")
