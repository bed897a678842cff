import datetime

import pytest

from consultations import gestation

D = datetime.date


@pytest.mark.parametrize(
    ("edd", "on", "expected"),
    [
        pytest.param(D(2026, 11, 26), D(2026, 11, 26), "40+0", id="due-date-today"),
        pytest.param(D(2026, 11, 26), D(2026, 2, 19), "0+0", id="280-days-before"),
        pytest.param(D(2027, 1, 19), D(2026, 11, 26), "32+2", id="seed-case-32+2"),
        pytest.param(D(2025, 3, 8), D(2025, 1, 1), "30+4", id="brief-test-vector"),
        pytest.param(D(2024, 3, 1), D(2024, 2, 28), "39+5", id="leap-year-feb-29-counts"),
        pytest.param(D(2023, 3, 1), D(2023, 2, 28), "39+6", id="non-leap-year"),
        pytest.param(D(2024, 6, 1), D(2023, 12, 1), "13+6", id="across-new-year"),
        pytest.param(D(2026, 11, 26), D(2026, 12, 10), "42+0", id="past-due-date"),
    ],
)
def test_gestational_age_is_counted_in_days_from_the_due_date(edd, on, expected):
    assert gestation.format_ga(gestation.ga_days(edd, on)) == expected


@pytest.mark.parametrize(
    ("lmp", "edd"),
    [
        (D(2023, 3, 1), D(2023, 12, 6)),  # Naegele's month rule would give 12-08
        (D(2022, 6, 1), D(2023, 3, 8)),
        (D(2024, 2, 29), D(2024, 12, 5)),  # leap day as LMP
        (D(2023, 5, 20), D(2024, 2, 24)),  # crosses a leap February
    ],
)
def test_due_date_is_lmp_plus_280_days(lmp, edd):
    assert gestation.edd_from_lmp(lmp) == edd


def test_seed_case_is_226_days():
    assert gestation.parse_ga("32+2") == 226


@pytest.mark.parametrize("text", ["32", "32+7", "+2", "a+b", "32-2", ""])
def test_parse_ga_rejects_anything_but_w_plus_d(text):
    with pytest.raises(ValueError):
        gestation.parse_ga(text)


def test_format_ga_rejects_negative_days():
    with pytest.raises(ValueError):
        gestation.format_ga(-1)


@pytest.mark.parametrize(
    ("days", "trimester"), [(0, 1), (97, 1), (98, 2), (195, 2), (196, 3), (300, 3)]
)
def test_trimester_boundaries(days, trimester):
    assert gestation.trimester(days) == trimester


@pytest.mark.parametrize(
    ("delivered", "on", "weeks", "days"),
    [
        (D(2026, 10, 22), D(2026, 11, 26), 5, 35),
        (D(2026, 11, 26), D(2026, 11, 26), 0, 0),
        (D(2026, 11, 20), D(2026, 11, 26), 0, 6),
        (D(2024, 2, 1), D(2024, 3, 1), 4, 29),  # leap February
    ],
)
def test_weeks_postpartum_after_delivery(delivered, on, weeks, days):
    stage = gestation.stage_on(edd=delivered, delivery_date=delivered, on=on)
    assert (stage.kind, stage.postpartum_weeks, stage.postpartum_days) == (
        "postpartum",
        weeks,
        days,
    )
    assert stage.ga is None


def test_stage_before_delivery_is_pregnant_with_ga():
    stage = gestation.stage_on(edd=D(2027, 1, 19), delivery_date=D(2027, 1, 10), on=D(2026, 11, 26))
    assert (stage.kind, stage.ga) == ("pregnant", "32+2")


@pytest.mark.parametrize(
    ("on", "kind"),
    [(D(2026, 2, 18), "before_pregnancy"), (D(2026, 12, 24), "pregnant"), (D(2026, 12, 25), "overdue")],
)
def test_stage_outside_the_pregnancy(on, kind):
    assert gestation.stage_on(edd=D(2026, 11, 26), delivery_date=None, on=on).kind == kind


def test_stage_at_0_plus_0_and_the_day_before():
    edd = D(2026, 11, 26)
    day_0 = edd - datetime.timedelta(days=280)
    stage = gestation.stage_on(edd=edd, delivery_date=None, on=day_0)
    assert (stage.kind, stage.ga_days, stage.ga, stage.postpartum_days) == (
        "pregnant", 0, "0+0", None)
    before = gestation.stage_on(edd=edd, delivery_date=None, on=day_0 - datetime.timedelta(days=1))
    assert (before.kind, before.ga_days, before.ga) == ("before_pregnancy", -1, None)
    assert before.postpartum_weeks is None


def test_stage_on_the_birth_day_and_the_day_before():
    edd, born = D(2026, 11, 26), D(2026, 11, 20)
    on_the_day = gestation.stage_on(edd=edd, delivery_date=born, on=born)
    assert (on_the_day.kind, on_the_day.postpartum_days, on_the_day.ga_days) == (
        "postpartum", 0, None)
    day_before = gestation.stage_on(edd=edd, delivery_date=born, on=D(2026, 11, 19))
    assert (day_before.kind, day_before.ga) == ("pregnant", "39+0")


@pytest.mark.parametrize(("days", "text"), [(0, "0+0"), (6, "0+6"), (7, "1+0"), (300, "42+6")])
def test_format_and_parse_ga_round_trip(days, text):
    assert gestation.format_ga(days) == text
    assert gestation.parse_ga(f" {text} ") == days


@pytest.mark.parametrize("text", ["32+ 2", "3 +2", "32+2+1"])
def test_parse_ga_accepts_only_digits_on_both_sides(text):
    with pytest.raises(ValueError):
        gestation.parse_ga(text)


def test_parse_ga_accepts_day_6_and_trims_the_ends():
    assert gestation.parse_ga(" 32+6 ") == 230


def test_overdue_and_before_pregnancy_keep_their_day_count():
    edd = D(2026, 11, 26)
    overdue = gestation.stage_on(edd=edd, delivery_date=None, on=D(2026, 12, 25))
    assert (overdue.kind, overdue.ga_days, overdue.ga) == ("overdue", 309, "44+1")
    early = gestation.stage_on(edd=edd, delivery_date=None, on=D(2026, 2, 9))
    assert (early.kind, early.ga_days) == ("before_pregnancy", -10)


def test_a_visit_on_the_birth_day_belongs_to_the_episode_whatever_the_due_date():
    # Even with a stored birth past 44+0, the day of the birth is after the birth.
    edd = D(2026, 11, 26)
    born = D(2026, 12, 26)
    assert gestation.visit_problem(edd=edd, delivery_date=born, on=born) is None
    assert gestation.visit_problem(edd=edd, delivery_date=born, on=D(2026, 12, 25)) == (
        "past_term_limit")
