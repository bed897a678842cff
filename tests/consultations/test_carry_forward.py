"""What a follow-up offers from the last visit, and what counts as confirmed (pure functions)."""

import datetime
import json

import pytest
from django.utils import translation

from consultations import carry_forward
from consultations.models import Consultation

LAST = Consultation(
    pain_regions=["sij_left", "gluteal_left"], aggravating=["turning_in_bed"],
    work_status="partial", sick_leave_percent=50, usual_training="", risk_factors=[],
    yellow_flags={"stopped_activity": "yes", "distress": "no", "fear_of_movement": "not_asked"},
    goals="Gå tur med hunden", pelvic_belt=True, pelvic_belt_when="", satin_sheet=False,
    diagnosis="pgp_likely", subgroup="double_sided_sij", icd10="O26.7", referral="physiotherapist",
)


def offers():
    return carry_forward.offers(carry_forward.stored_values(LAST))


def test_only_recorded_values_are_offered_and_never_the_decisions_of_the_day():
    assert list(offers()) == ["pain_regions", "aggravating", "work_status",
                              "yellow_distress", "yellow_stopped_activity", "goals", "pelvic_belt"]
    every_field = {field for _name, _section, fields in carry_forward.OFFERED for field in fields}
    assert not every_field & carry_forward.NEVER_CARRIED
    assert carry_forward.NEVER_CARRIED == {"diagnosis", "subgroup", "icd10", "referral"}


def test_offers_read_in_the_active_language():
    with translation.override("da"):
        found = offers()
        assert found["pain_regions"].text == "SI-led, venstre, Balde, venstre"
        assert found["work_status"].text == "Delvis sygemelding (50 %)"
        assert found["yellow_stopped_activity"].text == "Ja"
        assert found["yellow_distress"].text == "Nej"
        assert found["pelvic_belt"].text == "Ja"
    with translation.override("en"):
        found = offers()
        assert found["pain_regions"].text == "Sacroiliac joint, left, Buttock, left"
        assert found["work_status"].text == "Partial sick leave (50 %)"
        assert found["goals"].text == "Gå tur med hunden"


def test_the_page_script_gets_each_inputs_values():
    found = offers()
    assert json.loads(found["pain_regions"].widget_values) == {
        "pain_regions": ["sij_left", "gluteal_left"]}
    assert json.loads(found["work_status"].widget_values) == {
        "work_status": ["partial"], "sick_leave_percent": ["50"]}
    assert json.loads(found["pelvic_belt"].widget_values) == {"pelvic_belt": ["on"]}
    assert json.loads(found["yellow_distress"].widget_values) == {"yellow_distress": ["no"]}


TODAY_AS_LAST = {
    "pain_regions": ["gluteal_left", "sij_left"],  # any order
    "aggravating": ["turning_in_bed", "stairs"],  # one added today
    "work_status": "partial", "sick_leave_percent": 50,
    "yellow_stopped_activity": "no",  # changed today
    "yellow_distress": "no",
    "goals": "Gå tur med hunden", "pelvic_belt": True,
    "diagnosis": "pgp_likely", "referral": "physiotherapist",
}


def test_confirmed_keeps_only_offered_fields_still_holding_last_times_value():
    names = ["goals", "pain_regions", "aggravating", "work_status", "yellow_stopped_activity",
             "yellow_distress", "pelvic_belt", "diagnosis", "referral", "icd10", "no_such_field"]
    assert carry_forward.confirmed(names, offers(), TODAY_AS_LAST) == [
        "pain_regions", "work_status", "yellow_distress", "goals", "pelvic_belt"]


@pytest.mark.parametrize(("percent", "kept"), [(50, True), (40, False), (None, False)])
def test_work_status_is_confirmed_only_with_the_same_percentage(percent, kept):
    data = {**TODAY_AS_LAST, "sick_leave_percent": percent}
    assert carry_forward.confirmed(["work_status"], offers(), data) == (
        ["work_status"] if kept else [])


def test_nothing_is_confirmed_without_a_last_visit():
    assert carry_forward.confirmed(["pain_regions"], {}, TODAY_AS_LAST) == []


@pytest.mark.parametrize(("text", "names"), [
    ("", []), (None, []), ("pain_regions", ["pain_regions"]),
    (" goals, ,pain_regions ,", ["goals", "pain_regions"]),
])
def test_the_hidden_list_is_read_leniently(text, names):
    assert carry_forward.parse_names(text) == names


@pytest.mark.parametrize(("language", "day", "expected"), [
    ("da", datetime.date(2026, 11, 12), "12.11"),
    ("en", datetime.date(2026, 11, 12), "12 Nov"),
    ("da", datetime.date(2025, 12, 30), "30.12.2025"),
    ("en", datetime.date(2025, 12, 30), "30 Dec 2025"),
])
def test_the_last_visits_day_is_short_and_in_the_language_of_the_page(language, day, expected):
    with translation.override(language):
        assert carry_forward.visit_day(day, today=datetime.date(2026, 12, 1)) == expected
