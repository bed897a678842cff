"""The letters in the browser: one click copies the letter's text (a static script, no inline
script, no CSP violation); the page loads the same text without the script."""

import pytest
from playwright.sync_api import expect

from consultations.demo import load_demo

from .test_consultation import CountingPage, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_physiotherapist_copies_the_discharge_letter_with_one_click(page, screenshot):
    seed = load_demo()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    user = CountingPage(page)
    sign_in(user, "demo-physio")
    page.goto(seed.get_absolute_url())
    signed_in = user.interactions
    user.click(page.get_by_test_id("discharge-letter"))
    text = page.get_by_test_id("letter-text")
    expect(text).to_have_attribute("readonly", "")
    user.click(page.get_by_role("button", name="Kopiér teksten"))
    expect(page.get_by_role("status").filter(has_text="Kopieret")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == text.input_value()
    assert copied.startswith("Epikrise fra fysioterapi") and "DO267" in copied
    assert user.interactions - signed_in == 2  # open the letter, copy it
    screenshot("discharge-letter")
