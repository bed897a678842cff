"""The signed-in user with her clinics in one query (clinics/backends.py), and a request's
queries before its view runs: her session and that one (issue 12)."""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinics.backends import ClinicBackend, memberships_of
from clinics.models import Membership, TwoFactorDevice
from clinics.sessions import SessionStore

from .factories import make_clinic, make_clinician


def test_her_memberships_clinics_and_app_come_with_her_in_one_query(
        clinic, other_clinic, django_assert_num_queries):
    alice = make_clinician("alice", clinic)
    Membership.objects.create(user=alice, clinic=other_clinic, role=Membership.Role.GP)
    closed = make_clinic("Lukket Klinik")
    Membership.objects.create(user=alice, clinic=closed, role=Membership.Role.GP,
                              deactivated_at=timezone.now())
    TwoFactorDevice.objects.create(user=alice, secret="JBSWY3DPEHPK3PXP",
                                   confirmed_at=timezone.now())
    with django_assert_num_queries(1):
        user = ClinicBackend().get_user(alice.pk)
        memberships = memberships_of(user)
        assert user.has_two_factor
        assert [m.clinic.name for m in memberships] == sorted([clinic.name, other_clinic.name])
        assert all(m.user is user for m in memberships)
    assert user == alice and user.password == alice.password


def test_without_an_active_clinic_she_is_loaded_alone(clinic):
    alice = make_clinician("alice", clinic)
    Membership.objects.filter(user=alice).update(deactivated_at=timezone.now())
    user = ClinicBackend().get_user(alice.pk)
    assert user == alice and memberships_of(user) == []
    assert ClinicBackend().get_user(alice.pk + 1000) is None


def test_an_inactive_user_is_not_signed_in_whatever_her_clinics(clinic):
    alice = make_clinician("alice", clinic, is_active=False)
    assert ClinicBackend().get_user(alice.pk) is None


def test_a_page_makes_two_queries_before_its_view_her_session_and_her(alice_client, clinic):
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get("/account/sessions/")
    assert response.status_code == 200
    first = [q["sql"] for q in queries.captured_queries[:2]]
    assert '"django_session"' in first[0]
    assert '"clinics_membership"' in first[1] and '"clinics_user"' in first[1]
    assert '"clinics_twofactordevice"' in first[1]
    assert not any('FROM "clinics_user"' in q["sql"] for q in queries.captured_queries[2:])


def test_an_expired_session_is_not_read(alice_client):
    key = alice_client.session.session_key
    assert SessionStore(key).load()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    store = SessionStore(key)
    assert store.load() == {} and store.session_key is None


def test_a_session_signed_in_before_the_clinic_backend_stays_signed_in(alice_client, alice):
    session = alice_client.session
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session.save()
    response = alice_client.get("/account/sessions/")
    assert response.status_code == 200 and response.wsgi_request.user == alice
    session = alice_client.session
    session[BACKEND_SESSION_KEY] = "some.other.Backend"  # anything else is still refused
    session.save()
    assert alice_client.get("/account/sessions/").status_code == 302
