import pytest
from django.db import connection
from django.test import Client

from clinics.models import Clinic

from .factories import (
    sign_in_as,
    PASSWORD,
    make_clinic,
    make_clinician,
    make_consultation,
    make_patient,
    make_pregnancy,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The suite's own throwaway database may be reset with TRUNCATE (browser tests are), so it
    turns on the maintenance switch that lets TRUNCATE past the append-only guard."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            cursor.execute(f"ALTER DATABASE {name} SET pgp.allow_truncate = 'on'")
            cursor.execute("SET pgp.allow_truncate = 'on'")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic (test_settings checks the real one)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def clinic(db):
    return make_clinic("Lægerne i Testby")


@pytest.fixture
def other_clinic(db):
    return make_clinic("Fysioterapien Andetsteds", kind=Clinic.Kind.PHYSIOTHERAPY)


@pytest.fixture
def alice(clinic):
    """A GP of the owning clinic."""
    return make_clinician("alice", clinic, first_name="Alice", last_name="Ager")


@pytest.fixture
def bob(other_clinic):
    """A physiotherapist of another clinic."""
    return make_clinician("bob", other_clinic, role="physiotherapist")


@pytest.fixture
def alice_client(alice):
    client = Client()
    sign_in_as(client, alice)
    return client


@pytest.fixture
def bob_client(bob):
    client = Client()
    sign_in_as(client, bob)
    return client


@pytest.fixture
def patient(clinic, alice):
    """A woman at 32+2 with one draft consultation by alice."""
    woman = make_patient(clinic)
    pregnancy = make_pregnancy(woman, ga="32+2")
    make_consultation(woman, pregnancy, alice)
    return woman


@pytest.fixture
def password():
    return PASSWORD
