import pytest

from tests.factories import make_questionnaire_link


@pytest.fixture
def pregnancy(patient):
    return patient.pregnancies.get()


@pytest.fixture
def link(pregnancy, alice):
    """An open link for the woman of the `patient` fixture (born 17 May 1993)."""
    return make_questionnaire_link(pregnancy, alice)
