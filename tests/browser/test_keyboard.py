"""The consultation page by keyboard: the pelvic tests a few keys from the top, and nothing
focused hidden under the sticky save bar (or, on a tablet, under the decision-support line)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultations.demo import load_demo

from .test_accessibility import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_IN_PELVIC_TESTS = "document.activeElement.closest('#pelvic-tests') !== null"
# Whether a sticky bar covers part of the focused element (the bars' own buttons excepted).
HIDDEN = """() => {
  const focused = document.activeElement;
  if (focused.closest('.sticky-actions, .support-aside')) { return null; }
  const box = focused.getBoundingClientRect();
  if (box.height === 0) { return null; }
  const covers = (bar) => bar && box.bottom > bar.top + 1 && box.top < bar.bottom - 1;
  const save = document.querySelector('.sticky-actions').getBoundingClientRect();
  const aside = document.querySelector('.support-aside');
  const support = aside && getComputedStyle(aside).position === 'sticky'
    ? aside.getBoundingClientRect() : null;
  return covers(save) || covers(support)
    ? [focused.id || focused.tagName, Math.round(box.top), Math.round(box.bottom),
       Math.round(save.top), support && Math.round(support.bottom)].join(' ') : null;
}"""


NEXT_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def open_new_consultation(page, width):
    seed = load_demo()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "demo-gp")
    page.goto(reverse("consultations:consultation_create", kwargs={"public_id": seed.public_id}))


@pytest.mark.parametrize("width", [1366, 768])
def test_pelvic_tests_are_one_key_or_a_few_tabs_from_the_top(page, width):
    open_new_consultation(page, width)
    page.keyboard.press("Alt+4")
    assert page.evaluate(FOCUSED_IN_PELVIC_TESTS)
    expect(page.locator("#pelvic-tests")).to_be_in_viewport()

    page.reload()
    link = page.get_by_role("navigation", name="Afsnit").get_by_role("link", name="Bækkentests")
    tabs = 0
    while tabs < 30 and not page.evaluate(
            "document.activeElement.getAttribute('href') === '#pelvic-tests'"):
        page.keyboard.press("Tab")
        tabs += 1
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_IN_PELVIC_TESTS)
    print(f"\nAt {width} px the pelvic tests are {tabs} Tab presses and Enter from the top")
    assert tabs + 1 <= 20


@pytest.mark.parametrize("width", [1366, 768])
def test_nothing_focused_hides_under_the_sticky_bars(page, width):
    open_new_consultation(page, width)
    hidden = []
    for press in range(160):
        page.keyboard.press("Tab")
        page.evaluate(NEXT_FRAMES)  # what she sees once the page has scrolled
        covered = page.evaluate(HIDDEN)
        if covered:
            hidden.append((press, covered))
    assert hidden == []
