"""Issue 14's acceptance, in the browser: the administrator invites a physiotherapist by a
one-time link; she chooses her password, sets up two-factor sign-in (the clinic requires it)
and records a consultation; the administrator deactivates her, and her open session ends at
her next request."""

import re
import time
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinics import totp
from clinics.models import Clinic, Membership, TwoFactorDevice
from consultations import cpr_crypto
from consultations.models import Consultation

from ..factories import PASSWORD, make_clinic, make_clinician, make_patient, make_pregnancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HER_PASSWORD = "marram-grass-dune-walk-2026"  # noqa: S105


def code_for(secret, used=None):
    """The current code; if it was just used (a code works once), the next one."""
    counter = totp.counter_at(time.time())
    while used is not None and counter <= used:
        time.sleep(1)
        counter = totp.counter_at(time.time())
    return totp.code_at(secret, counter)


def test_invite_enrol_record_deactivate(page, browser, live_server, screenshot):
    clinic = make_clinic("Fysio Vest", kind=Clinic.Kind.PHYSIOTHERAPY, require_two_factor=True)
    admin = make_clinician("vera", clinic, role="clinic_admin", first_name="Vera",
                           last_name="Leder")
    admin_secret = totp.new_secret()
    TwoFactorDevice.objects.create(user=admin, secret_encrypted=cpr_crypto.encrypt(admin_secret),
                                   confirmed_at=timezone.now())
    woman = make_patient(clinic, first_name="Maja", last_name="Bæk")
    make_pregnancy(woman, ga="30+1")

    # The administrator signs in with her password and her code, and invites a colleague.
    page.goto("/")
    page.fill("#id_username", "vera")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.fill("#id_code", code_for(admin_secret))
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Personale", exact=True).click()
    expect(page.get_by_test_id("two-factor-rule")).to_contain_text("påkrævet for alle")
    page.get_by_test_id("invite").click()
    page.get_by_label("Fornavn").fill("Freja")
    page.get_by_label("Efternavn").fill("Fysio")
    page.get_by_label("Brugernavn").fill("freja")
    page.get_by_label("Rolle").select_option("physiotherapist")
    page.get_by_role("button", name="Opret invitationen").click()
    link = page.get_by_test_id("invite-link").inner_text().strip()
    assert link.startswith(live_server.url + "/welcome/")
    screenshot("staff-01-invite-link-da")

    # She opens the link in her own browser, chooses a password, sets up her app.
    hers = browser.new_context(base_url=live_server.url, locale="da-DK")
    her = hers.new_page()
    problems = []  # her page is held to the same rules as the `page` fixture's
    her.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    her.on("pageerror", lambda error: problems.append(str(error)))
    her.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
    her.add_init_script(path=str(Path(__file__).with_name("report_csp_violations.js")))
    her.goto(link)
    her.get_by_role("heading", name="Velkommen til Fysio Vest").wait_for()
    her.fill("#id_new_password1", HER_PASSWORD)
    her.fill("#id_new_password2", HER_PASSWORD)
    her.get_by_role("button", name="Gem min adgangskode").click()
    expect(her).to_have_url(re.compile(r"/account/two-factor/$"))
    secret = her.get_by_test_id("secret").inner_text().replace(" ", "")
    her.fill("#id_code", code_for(secret))
    her.get_by_role("button", name="Slå til").click()
    expect(her.get_by_test_id("recovery-codes")).to_be_visible()
    assert TwoFactorDevice.objects.get(user__username="freja").is_confirmed

    # She records a consultation for a woman of her clinic.
    her.goto(f"/patients/{woman.public_id}/consultations/new/")
    her.locator("#id_history_notes").fill("Smerter over symfysen ved trappegang.")
    her.get_by_role("button", name="Gem kladde").click()
    expect(her.get_by_text("Kladden er gemt.")).to_be_visible()
    visit = Consultation.objects.get(patient=woman)
    assert visit.clinician.username == "freja"

    # The administrator sees her app is on, and deactivates her.
    page.get_by_role("link", name="Personale", exact=True).click()
    expect(page.get_by_test_id("member-freja")).to_contain_text("til")
    page.get_by_role("link", name="Freja Fysio").click()
    expect(page.get_by_test_id("member-two-factor")).to_have_text("til")
    page.get_by_test_id("deactivate").click()
    expect(page.get_by_text("Freja Fysio er deaktiveret og logget ud overalt.")).to_be_visible()
    screenshot("staff-02-deactivated-da")
    page.get_by_role("link", name="Tilbage til personalelisten").click()
    expect(page.get_by_test_id("member-freja")).to_contain_text("Deaktiveret")
    expect(page.get_by_test_id("staff-history")).to_contain_text("Deaktiveret")
    screenshot("staff-03-list-da")

    # Her open session ends at her next request; what she wrote stays, with her name.
    her.goto(f"/patients/{woman.public_id}/")
    expect(her).to_have_url(re.compile(r"/sign-in/"))
    her.fill("#id_username", "freja")
    her.fill("#id_password", HER_PASSWORD)
    her.get_by_role("button", name="Log ind").click()
    expect(her.locator(".alert, .invalid-feedback, .errorlist").first).to_be_visible()
    assert Consultation.objects.get(pk=visit.pk).clinician.username == "freja"
    assert Membership.objects.get(user__username="freja").deactivated_at is not None
    hers.close()
    assert problems == [], problems
