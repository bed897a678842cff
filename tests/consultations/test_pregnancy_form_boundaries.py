"""The gestational-age limits of the pregnancy form, one day either side (issue 18, gap 5):
the soft warning outside 6+0 … 42+0 today and the earliest birth at 22+0."""

import datetime

import pytest

from consultations import gestation
from consultations.forms import PregnancyForm

TODAY = datetime.date(2026, 6, 15)
pytestmark = pytest.mark.django_db


def form_for(*, ga_today=None, delivered_at_ga=None):
    """The form as typed for a due date that puts her at ga_today (days) on TODAY, or for a
    birth at delivered_at_ga (days) yesterday."""
    data = {"edd_source": "nuchal_scan", "gravida": "2", "para": "0"}
    if delivered_at_ga is None:
        edd = TODAY + datetime.timedelta(days=gestation.TERM_DAYS - ga_today)
    else:
        delivered = TODAY - datetime.timedelta(days=1)
        edd = delivered + datetime.timedelta(days=gestation.TERM_DAYS - delivered_at_ga)
        data |= {"delivery_date": delivered.isoformat(), "delivery_mode": "vaginal",
                 "para": "1"}
    data["edd"] = edd.isoformat()
    form = PregnancyForm(data, today=TODAY)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("ga", "warned"),
    [
        pytest.param("5+6", True, id="5+6"),
        pytest.param("6+0", False, id="6+0"),
        pytest.param("6+1", False, id="6+1"),
        pytest.param("41+6", False, id="41+6"),
        pytest.param("42+0", False, id="42+0"),
        pytest.param("42+1", True, id="42+1"),
    ],
)
def test_soft_warning_outside_6_plus_0_to_42_plus_0(ga, warned):
    form = form_for(ga_today=gestation.parse_ga(ga))
    assert form.is_valid(), form.errors
    warnings = [str(text) for text in form.warnings()]
    assert bool(warnings) is warned
    if warned:
        assert ga in warnings[0]


@pytest.mark.parametrize(
    ("ga", "accepted"),
    [
        pytest.param("21+6", False, id="21+6"),
        pytest.param("22+0", True, id="22+0"),
        pytest.param("22+1", True, id="22+1"),
        pytest.param("44+0", True, id="44+0"),
        pytest.param("44+1", False, id="44+1"),
    ],
)
def test_a_birth_is_counted_from_22_plus_0(ga, accepted):
    form = form_for(delivered_at_ga=gestation.parse_ga(ga))
    assert form.is_valid() is accepted, form.errors
    if accepted:
        assert form.warnings() == []  # she has given birth: no gestational-age warning
    else:
        assert form.errors.as_data()["delivery_date"][0].code == "delivery_out_of_range"
