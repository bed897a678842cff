"""Staff administration (issue 14): invitations by one-time link, roles, deactivation,
second-factor reset, the clinic's two-factor rule, her own password and sessions, and the
security log and change history of every act."""

import datetime
import io
import json
import logging
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinics import sessions, staff, totp
from clinics.models import Clinic, Invitation, Membership, TwoFactorDevice, User, UserSession
from consultations import cpr_crypto

from .factories import PASSWORD, make_clinic, make_clinician

NEW_PASSWORD = "quiet-harbour-lantern-2026"  # noqa: S105


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="pgp.security")
    return lambda: [json.loads(r.getMessage()) for r in caplog.records
                    if r.name == "pgp.security"]


@pytest.fixture
def admin(clinic):
    return make_clinician("adam", clinic, role="clinic_admin", first_name="Adam")


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin)
    return client


def sign_in(username, password=PASSWORD):
    """A real sign-in through the form (so the session is registered), as a browser would."""
    client = Client(HTTP_USER_AGENT="pytest-browser")
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content[:300]
    return client


def invite(admin_client, username="petra", role="physiotherapist"):
    response = admin_client.post(reverse("clinics:staff_invite"), {
        "first_name": "Petra", "last_name": "Fys", "username": username, "role": role})
    assert response.status_code == 200, response.content[:500]
    return response.context["link"]


def path_of(link):
    return link.split("testserver", 1)[1]


# --- Invitations ------------------------------------------------------------------------

def test_an_invitation_link_works_once(admin_client, clinic, events):
    link = invite(admin_client)
    petra = User.objects.get(username="petra")
    assert not petra.is_active and not petra.has_usable_password()
    assert Membership.objects.get(user=petra).clinic == clinic
    # The token itself is nowhere in the database, only its digest.
    assert not Invitation.objects.filter(token_digest__contains=link.rstrip("/").rsplit("/", 1)[1])
    guest = Client()
    assert guest.get(path_of(link)).status_code == 200
    weak = guest.post(path_of(link), {"new_password1": "petra", "new_password2": "petra"})
    assert weak.status_code == 200 and weak.context["form"].errors  # the policy applies
    done = guest.post(path_of(link), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    petra.refresh_from_db()
    assert petra.is_active and petra.check_password(NEW_PASSWORD)
    assert UserSession.objects.filter(user=petra).count() == 1  # she is signed in
    again = Client().post(path_of(link), {"new_password1": "another-long-phrase-77",
                                          "new_password2": "another-long-phrase-77"})
    assert again.status_code == 404
    petra.refresh_from_db()
    assert petra.check_password(NEW_PASSWORD)
    assert [e["event"] for e in events()][-2:] == ["staff_invited", "invitation_accepted"]
    acts = staff.staff_history(clinic).order_by("pk").values_list("new_values__act", "actor_id")
    assert list(acts) == [("invited", User.objects.get(username="adam").pk), ("joined", petra.pk)]


def test_an_invitation_link_expires(admin_client):
    link = invite(admin_client)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = Client().post(path_of(link), {"new_password1": NEW_PASSWORD,
                                             "new_password2": NEW_PASSWORD})
    assert response.status_code == 404
    assert not User.objects.get(username="petra").is_active


def test_a_new_link_replaces_the_old_one(admin_client):
    old = invite(admin_client)
    response = admin_client.post(reverse("clinics:staff_new_link", args=["petra"]))
    new = response.context["link"]
    assert new != old
    assert Client().get(path_of(old)).status_code == 404
    assert Client().get(path_of(new)).status_code == 200


def test_a_taken_user_name_is_refused_whatever_its_case(admin_client, alice):
    response = admin_client.post(reverse("clinics:staff_invite"), {
        "first_name": "A", "last_name": "B", "username": "ALICE", "role": "gp"})
    assert response.status_code == 200 and "username" in response.context["form"].errors


def test_the_invitation_welcome_page_refuses_a_signed_in_user(admin_client):
    link = invite(admin_client)
    assert admin_client.get(path_of(link)).status_code == 404


# --- Deactivation -----------------------------------------------------------------------

def test_deactivation_ends_her_sessions_at_the_next_request_and_keeps_history(
        admin_client, alice, patient, events):
    hers = sign_in("alice")
    assert hers.get(reverse("dashboard")).status_code == 200
    admin_client.post(reverse("clinics:staff_deactivate", args=["alice"]))
    response = hers.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    alice.refresh_from_db()
    membership = Membership.objects.get(user=alice)
    assert membership.deactivated_at is not None and not alice.is_active
    assert patient.consultations.get().clinician == alice  # her record stays hers
    refused = Client().post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert refused.status_code == 200  # cannot sign in again
    assert events()[-1]["event"] == "staff_deactivated" or any(
        e["event"] == "staff_deactivated" and e["member"] == "alice" for e in events())
    entry = staff.staff_history(membership.clinic).get(new_values__act="deactivated")
    assert entry.row_id == alice.pk and entry.actor_id == User.objects.get(username="adam").pk


def test_deactivation_in_one_clinic_keeps_her_other_clinic(admin_client, alice, other_clinic):
    Membership.objects.create(user=alice, clinic=other_clinic, role="gp")
    admin_client.post(reverse("clinics:staff_deactivate", args=["alice"]))
    alice.refresh_from_db()
    assert alice.is_active
    client = sign_in("alice")
    assert client.get(reverse("dashboard")).context["current_clinic"] == other_clinic


def test_an_administrator_cannot_deactivate_herself(admin_client, admin):
    admin_client.post(reverse("clinics:staff_deactivate", args=["adam"]))
    assert Membership.objects.get(user=admin).is_active


def test_the_last_administrator_keeps_her_role(admin_client, admin):
    admin_client.post(reverse("clinics:staff_role", args=["adam"]), {"role": "gp"})
    assert Membership.objects.get(user=admin).role == "clinic_admin"


def test_a_role_change_is_in_the_log_and_the_history(admin_client, alice, clinic, events):
    response = admin_client.post(reverse("clinics:staff_role", args=["alice"]),
                                 {"role": "midwife"})
    assert response.status_code == 302
    assert Membership.objects.get(user=alice).role == "midwife"
    assert events()[-1]["event"] == "staff_role_changed" and events()[-1]["member"] == "alice"
    entry = staff.staff_history(clinic).get()
    assert (entry.old_values, entry.new_values["role"]) == ({"role": "gp"}, "midwife")
    page = admin_client.get(reverse("clinics:staff_list")).content.decode()
    assert "Jordemoder" in page  # the history names the new role


# --- Second factor ----------------------------------------------------------------------

def enrol(client, user):
    client.get(reverse("two_factor_setup"))
    secret = cpr_crypto.decrypt(client.session["two_factor_secret"])
    code = totp.code_at(secret, totp.counter_at(time.time()))
    assert client.post(reverse("two_factor_setup"), {"code": code}).status_code == 200
    return secret


def give_app(user):
    """She has set up her authenticator app (for users whose sign-in a test does not drive)."""
    TwoFactorDevice.objects.create(user=user, secret_encrypted=cpr_crypto.encrypt(
        totp.new_secret()), confirmed_at=timezone.now())


def test_a_reset_second_factor_is_set_up_again_at_the_next_sign_in(admin_client, admin, alice,
                                                                   clinic, events):
    clinic.require_two_factor = True
    clinic.save()
    give_app(admin)
    hers = sign_in("alice")  # no app yet: she is sent to set it up
    enrol(hers, alice)
    assert hers.get(reverse("dashboard")).status_code == 200
    listing = admin_client.get(reverse("clinics:staff_list"))
    assert 'data-testid="member-alice"' in listing.content.decode()
    assert [m.user.has_two_factor for m in listing.context["members"]
            if m.user == alice] == [True]
    admin_client.post(reverse("clinics:staff_reset_two_factor", args=["alice"]))
    assert not TwoFactorDevice.objects.filter(user=alice).exists()
    assert hers.get(reverse("dashboard")).status_code == 302  # signed out
    again = Client()
    response = again.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response["Location"] == reverse("dashboard")  # no code asked: no app any more
    assert again.get(reverse("dashboard"))["Location"] == reverse("two_factor_setup")
    assert any(e["event"] == "two_factor_reset" and e["member"] == "alice" for e in events())
    assert staff.staff_history(clinic).filter(new_values__act="two_factor_reset").exists()


def test_two_factor_is_required_by_default():
    assert Clinic._meta.get_field("require_two_factor").default is True


def test_a_new_clinic_sends_its_clinicians_to_set_up_two_factor(db):
    clinic = Clinic.objects.create(name="Ny klinik", kind="general_practice")
    user = make_clinician("nina", clinic)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("dashboard"))["Location"] == reverse("two_factor_setup")


def test_turning_two_factor_off_needs_a_reason_and_is_recorded(admin_client, clinic, events):
    clinic.require_two_factor = True
    clinic.save()
    admin = User.objects.get(username="adam")
    give_app(admin)
    url = reverse("clinics:two_factor_policy")
    refused = admin_client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    clinic.refresh_from_db()
    assert clinic.require_two_factor
    admin_client.post(url, {"reason": "Shared reception PC; phones not allowed in the ward."})
    clinic.refresh_from_db()
    assert not clinic.require_two_factor
    assert clinic.two_factor_off_reason.startswith("Shared reception PC")
    entry = staff.staff_history(clinic).get(new_values__act="two_factor_policy")
    assert entry.old_values["require_two_factor"] is True and entry.actor_id == admin.pk
    assert events()[-1]["event"] == "two_factor_policy_changed"


# --- Her own password and sessions -----------------------------------------------------

def test_changing_her_password_needs_the_current_one_and_the_policy(alice, events):
    client, other = sign_in("alice"), sign_in("alice")
    url = reverse("password_change")
    wrong = client.post(url, {"old_password": "not-it", "new_password1": NEW_PASSWORD,
                              "new_password2": NEW_PASSWORD})
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    weak = client.post(url, {"old_password": PASSWORD, "new_password1": "alice12345",
                             "new_password2": "alice12345"})
    assert weak.status_code == 200 and "new_password2" in weak.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    done = client.post(url, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                             "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get(reverse("dashboard")).status_code == 200  # this session goes on
    assert other.get(reverse("dashboard")).status_code == 302  # the other one is ended
    assert events()[-1]["event"] == "password_changed"


def test_she_sees_her_sessions_and_ends_one(alice, bob):
    laptop, phone = sign_in("alice"), sign_in("alice")
    sign_in("bob")
    page = laptop.get(reverse("account_sessions"))
    listed = list(page.context["sessions"])
    assert len(listed) == 2 and {s.user for s in listed} == {alice}
    phone_row = UserSession.objects.get(session_key=phone.session.session_key)
    assert laptop.post(reverse("account_session_end", args=[phone_row.pk])).status_code == 302
    assert phone.get(reverse("dashboard")).status_code == 302
    assert laptop.get(reverse("dashboard")).status_code == 200
    bobs = UserSession.objects.get(user=bob)
    assert laptop.post(reverse("account_session_end", args=[bobs.pk])).status_code == 404
    assert sessions.active(bob).exists()


def test_ending_her_own_current_session_signs_her_out(alice):
    client = sign_in("alice")
    row = UserSession.objects.get(session_key=client.session.session_key)
    response = client.post(reverse("account_session_end", args=[row.pk]))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("dashboard")).status_code == 302


# --- Personas ---------------------------------------------------------------------------

STAFF_GETS = ["clinics:staff_list", "clinics:staff_invite", "clinics:two_factor_policy"]


@pytest.mark.parametrize("name", STAFF_GETS)
def test_a_clinician_is_refused_staff_pages(alice_client, name):
    assert alice_client.get(reverse(name)).status_code == 403


def test_another_clinics_administrator_gets_404_for_our_staff(alice, other_clinic):
    outsider = make_clinician("oscar", other_clinic, role="clinic_admin")
    client = Client()
    client.force_login(outsider)
    for name in ("clinics:staff_member", "clinics:staff_deactivate",
                 "clinics:staff_reset_two_factor", "clinics:staff_role"):
        method = client.get if name == "clinics:staff_member" else client.post
        assert method(reverse(name, args=["alice"]), {"role": "gp"}).status_code == 404, name
    assert Membership.objects.get(user=alice).is_active and alice.memberships.get().role == "gp"
    listing = client.get(reverse("clinics:staff_list")).content.decode()
    assert "alice" not in listing


def test_a_clinician_cannot_deactivate_a_colleague(alice_client, clinic):
    colleague = make_clinician("carla", clinic)
    assert alice_client.post(reverse("clinics:staff_deactivate", args=["carla"])).status_code == 403
    assert Membership.objects.get(user=colleague).is_active


# --- Secrets at rest --------------------------------------------------------------------

def test_no_totp_secret_in_clear_in_the_database(alice_client, alice):
    secret = enrol(alice_client, alice)
    pending = Client()
    pending.force_login(make_clinician("pia", alice.memberships.get().clinic))
    pending.get(reverse("two_factor_setup"))  # a secret waiting for its first code
    waiting = cpr_crypto.decrypt(pending.session["two_factor_secret"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM clinics_twofactordevice")
        stored = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT session_data FROM django_session")
        stored += " ".join(row[0] for row in cursor.fetchall())
    import base64
    import zlib

    decoded = ""
    for data in stored.split():  # signed sessions: base64 JSON, maybe compressed
        payload = data.split(":", 1)[0]
        try:
            raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
            decoded += (zlib.decompress(raw) if payload.startswith(".") else raw).decode(
                errors="replace")
        except (ValueError, zlib.error):
            continue
    for value in (secret, waiting):
        assert value not in stored and value not in decoded
    assert TwoFactorDevice.objects.get(user=alice).secret == secret  # and it reads back


def test_rotate_keys_re_encrypts_the_totp_secrets(alice_client, alice, settings):
    key_a, key_b = settings.CPR_ENCRYPTION_KEY, "bmV3LWtleS1mb3ItdGhlLXJvdGF0aW9uLXRlc3QtMzI="
    secret = enrol(alice_client, alice)
    before = TwoFactorDevice.objects.get(user=alice).secret_encrypted
    settings.CPR_ENCRYPTION_KEY, settings.CPR_OLD_KEYS = key_b, [key_a]
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "1 of 1 two-factor secrets re-encrypted" in out.getvalue()
    settings.CPR_OLD_KEYS = []
    device = TwoFactorDevice.objects.get(user=alice)
    assert device.secret_encrypted != before and device.secret == secret
    out = io.StringIO()
    call_command("rotate_cpr_key", stdout=out)  # the old name still works, and is idempotent
    assert "0 of 1 two-factor secrets" in out.getvalue()


# --- Installation -----------------------------------------------------------------------

def test_create_clinic_with_flags_prints_a_one_time_link(db):
    out = io.StringIO()
    call_command("create_clinic", "--name", "Lægerne i Byen", "--kind", "general_practice",
                 "--username", "anna", "--first-name", "Anna", "--last-name", "Berg",
                 "--url", "https://pgp.example.dk", "--no-input", stdout=out)
    link = out.getvalue().strip().splitlines()[-1]
    assert link.startswith("https://pgp.example.dk/welcome/")
    clinic = Clinic.objects.get(name="Lægerne i Byen")
    assert clinic.require_two_factor and not clinic.is_demo
    membership = Membership.objects.get(clinic=clinic)
    assert membership.role == "clinic_admin" and membership.user.username == "anna"
    path = link.removeprefix("https://pgp.example.dk")
    client = Client()
    assert client.post(path, {"new_password1": NEW_PASSWORD,
                              "new_password2": NEW_PASSWORD}).status_code == 302
    # Signed in, and her clinic requires two-factor sign-in: she sets it up first.
    assert client.get(reverse("dashboard"))["Location"] == reverse("two_factor_setup")
    assert Client().get(path).status_code == 404  # spent


def test_create_clinic_asks_for_what_is_missing(db, monkeypatch):
    answers = iter(["Fysio Nord", "physiotherapy", "bo", "Bo", "Bak", "https://x.example.dk"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    out = io.StringIO()
    call_command("create_clinic", stdout=out)
    assert Membership.objects.get(user__username="bo").clinic.name == "Fysio Nord"


def test_create_clinic_without_input_names_the_missing_flag(db):
    with pytest.raises(CommandError, match="--username is required"):
        call_command("create_clinic", "--name", "X", "--kind", "midwifery", "--no-input")


def test_load_demo_refuses_where_real_clinics_exist(db):
    make_clinic("Lægerne i Byen")
    with pytest.raises(CommandError, match="real clinics"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Clinic.objects.filter(is_demo=True).exists()


def test_the_demo_clinics_have_two_factor_off_with_a_reason(db):
    call_command("load_demo", stdout=io.StringIO())
    demo = Clinic.objects.filter(is_demo=True)
    assert demo.count() == 2
    assert all(not c.require_two_factor and c.two_factor_off_reason for c in demo)
    call_command("load_demo", stdout=io.StringIO())  # again: still allowed


@pytest.mark.django_db(transaction=True)
def test_a_database_dump_holds_no_totp_secret(tmp_path):
    """pg_dump of the whole database (as scripts/backup makes it, in plain SQL here): the
    secret of a confirmed app is not in it, in base32 or as its raw bytes' hex."""
    import base64
    import glob
    import os
    import subprocess

    from .test_backup_restore import url_for

    if connection.vendor != "postgresql":
        pytest.skip("the dump is of the PostgreSQL production database")
    clinic = make_clinic("Dump-klinikken")
    user = make_clinician("dora", clinic)
    client = Client()
    client.force_login(user)
    secret = enrol(client, user)
    env = {**os.environ, "DATABASE_URL": url_for(connection.settings_dict["NAME"])}
    bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))  # as scripts/backup finds it
    if bindirs:
        env["PATH"] = f"{bindirs[-1]}:{env['PATH']}"
    dump = subprocess.run(["pg_dump", "--format=plain", "--no-owner", env["DATABASE_URL"]],
                          env=env, capture_output=True, text=True, check=True).stdout
    assert "clinics_twofactordevice" in dump and len(dump) > 10_000
    raw_hex = base64.b32decode(secret).hex()
    assert secret not in dump and secret.lower() not in dump and raw_hex not in dump


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_existing_secrets_and_keeps_the_demo_usable():
    """clinics 0004 on a database as it was: a secret in clear becomes a token; the demo
    clinics keep two-factor off with a reason (make run stays usable), every other clinic
    requires it from now on."""
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("clinics", "0003_two_factor")], [("clinics", "0004_staff_and_secure_defaults")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldClinic, OldUser = old.get_model("clinics", "Clinic"), old.get_model("clinics", "User")
    demo = OldClinic.objects.create(name="Lægerne i Søndergade", kind="general_practice")
    real = OldClinic.objects.create(name="Lægerne i Byen", kind="general_practice")
    gp = OldUser.objects.create(username="demo-gp")
    old.get_model("clinics", "Membership").objects.create(user=gp, clinic=demo, role="gp")
    old.get_model("clinics", "TwoFactorDevice").objects.create(
        user=gp, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now())
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM clinics_twofactordevice")
        (stored,) = cursor.fetchone()
    assert "JBSWY3DPEHPK3PXP" not in stored and cpr_crypto.decrypt(stored) == "JBSWY3DPEHPK3PXP"
    demo, real = Clinic.objects.get(pk=demo.pk), Clinic.objects.get(pk=real.pk)
    assert demo.is_demo and not demo.require_two_factor and demo.two_factor_off_reason
    assert not real.is_demo and real.require_two_factor


def test_the_staff_list_costs_the_same_for_two_or_twelve_colleagues(
        admin_client, clinic):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    def cost():
        with CaptureQueriesContext(conn) as queries:
            assert admin_client.get(reverse("clinics:staff_list")).status_code == 200
        return len(queries)

    make_clinician("c0", clinic)
    admin_client.post(reverse("clinics:staff_role", args=["c0"]), {"role": "midwife"})
    few = cost()  # adam and c0, one line of history
    for n in range(1, 11):
        member = make_clinician(f"c{n}", clinic)
        staff.change_role(membership=member.memberships.get(), role="midwife",
                          by=User.objects.get(username="adam"))
        if n % 2:
            give_app(member)
    assert cost() == few


def test_the_staff_list_shows_the_active_first(admin_client, alice, clinic):
    make_clinician("zoe", clinic, last_name="Zimmer")
    admin_client.post(reverse("clinics:staff_deactivate", args=["alice"]))
    members = list(admin_client.get(reverse("clinics:staff_list")).context["members"])
    assert [m.user.username for m in members][-1] == "alice"
